//! `ctg new`: write the commented draft of a new convention for an EPCI,
//! asking on the terminal for what is missing.

use crate::cli::common::{
    err_prefix, find_epci, geo_at, io_error, next_year, output_arg, over_input, utf8_arg,
};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::Lang;
use camino::Utf8Path;
use std::ffi::OsString;
use std::io::{self, IsTerminal};

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// L'EPCI : son SIREN, ou des mots de son nom (demandé dans un terminal s'il manque)
    #[arg(long, conflicts_with_all = ["commune", "communes"])]
    epci: Option<String>,
    /// Une CTG communale : le code Insee de la commune
    #[arg(long, conflicts_with = "communes")]
    commune: Option<String>,
    /// Une CTG de plusieurs communes sans leur EPCI : leurs codes Insee, séparés par des virgules
    #[arg(long, value_delimiter = ',')]
    communes: Vec<String>,
    /// Chaque commune de l'EPCI signe aussi
    #[arg(long, requires = "epci")]
    communes_signataires: bool,
    /// Le territoire tel qu'il était à cette date (AAAA-MM-JJ)
    #[arg(long)]
    au: Option<String>,
    /// Première année de la convention (par défaut : l'an prochain)
    #[arg(long, value_parser = clap::value_parser!(i32).range(2000..=2100))]
    debut: Option<i32>,
    /// Durée en années civiles
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=10))]
    duree: u32,
    /// Fichier à écrire (par défaut : la sortie standard)
    #[arg(short = 'o', long = "output")]
    output: Option<OsString>,
    /// Remplace le fichier s'il existe déjà
    #[arg(long)]
    force: bool,
    /// Dossier de modèles : un new.yaml qui s'y trouve remplace le brouillon intégré
    #[arg(long)]
    templates: Option<OsString>,
}

/// Asks a question on the terminal; an empty answer takes the default.
pub fn ask(
    input: &mut dyn io::BufRead,
    io: &mut Io,
    question: &str,
    default: Option<&str>,
) -> io::Result<String> {
    match default {
        Some(d) => write!(io.err, "{question} [{d}] : ")?,
        None => write!(io.err, "{question} : ")?,
    }
    io.err.flush()?;
    let mut answer = String::new();
    if input.read_line(&mut answer)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "fin de l'entrée",
        ));
    }
    let answer = answer.trim();
    Ok(match (answer.is_empty(), default) {
        (true, Some(d)) => d.to_string(),
        _ => answer.to_string(),
    })
}

/// Fills the missing arguments of `ctg new` by asking on the terminal.
pub fn ask_new_args(
    mut args: NewArgs,
    input: &mut dyn io::BufRead,
    lang: Lang,
    io: &mut Io,
) -> io::Result<NewArgs> {
    let next_year = next_year().to_string();
    let epci = ask(
        input,
        io,
        lang.pick("EPCI (SIREN ou nom)", "EPCI (SIREN or name)"),
        None,
    )?;
    args.epci = Some(epci);
    if args.debut.is_none() {
        let debut = ask(
            input,
            io,
            lang.pick("Première année", "First year"),
            Some(&next_year),
        )?;
        args.debut = debut.parse().ok().filter(|y| (2000..=2100).contains(y));
    }
    let duree = ask(
        input,
        io,
        lang.pick("Durée en années", "Length in years"),
        Some(&args.duree.to_string()),
    )?;
    args.duree = duree
        .parse()
        .ok()
        .filter(|d| (1..=10).contains(d))
        .unwrap_or(args.duree);
    if args.output.is_none() {
        let file = ask(
            input,
            io,
            lang.pick(
                "Fichier à écrire (vide : la sortie standard)",
                "File to write (empty: standard output)",
            ),
            None,
        )?;
        args.output = (!file.is_empty()).then(|| file.into());
    }
    Ok(args)
}

pub fn new_cmd(args: NewArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let by_communes = args.commune.is_some() || !args.communes.is_empty();
    let args = if args.epci.is_none() && !by_communes && io::stdin().is_terminal() {
        ask_new_args(args, &mut io::stdin().lock(), lang, io)?
    } else {
        args
    };
    let Some(g) = geo_at(args.au.as_deref(), lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let epci;
    let territory = if by_communes {
        let codes: Vec<&String> = args.commune.iter().chain(&args.communes).collect();
        let mut communes = Vec::new();
        for code in codes {
            match g.commune(code.trim()) {
                Some(c) => communes.push(c),
                None => {
                    writeln!(
                        io.err,
                        "{}{} « {code} » (COG {})",
                        err_prefix(lang),
                        lang.pick(
                            "aucune commune actuelle n'a le code",
                            "no current commune has code"
                        ),
                        g.year
                    )?;
                    return Ok(ExitStatus::Failure);
                }
            }
        }
        crate::render::new::Territory::Communes(communes)
    } else {
        let Some(query) = &args.epci else {
            writeln!(
                io.err,
                "{}{}",
                err_prefix(lang),
                lang.pick(
                    "donnez le territoire : ctg new --epci SIREN (ou des mots de son nom), --commune INSEE ou --communes INSEE,INSEE…",
                    "name the territory: ctg new --epci SIREN (or words of its name), --commune INSEE or --communes INSEE,INSEE…"
                )
            )?;
            return Ok(ExitStatus::Failure);
        };
        let Some(found) = find_epci(query, g, lang, io)? else {
            return Ok(ExitStatus::Failure);
        };
        epci = found;
        crate::render::new::Territory::Epci(&epci, args.communes_signataires)
    };
    let Some(output) = output_arg(args.output, &[] as &[&Utf8Path], lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    if let Some(out) = &output {
        if out.exists() && !args.force {
            writeln!(
                io.err,
                "{}{out}: {}",
                err_prefix(lang),
                lang.pick(
                    "le fichier existe déjà ; ctg new ne le remplace qu'avec --force",
                    "the file already exists; ctg new replaces it only with --force"
                )
            )?;
            return Ok(ExitStatus::Failure);
        }
    }
    let debut = args.debut.unwrap_or_else(next_year);
    let departement = territory.departement(g);
    let folder = output
        .as_deref()
        .map_or(Utf8Path::new("."), crate::output::folder_of);
    let sdsf = crate::render::new::find_sdsf(folder, departement, debut);
    if let (Some(out), Some((_, cited))) = (&output, &sdsf) {
        // Even with --force, the draft never replaces the referential it cites.
        if over_input(out, &[folder.join(cited)], lang, io)? {
            return Ok(ExitStatus::Failure);
        }
    }
    let templates = match args.templates {
        None => crate::render::Templates::Builtin,
        Some(dir) => match utf8_arg(dir, lang, io)? {
            Some(dir) => crate::render::Templates::Dir(dir),
            None => return Ok(ExitStatus::Failure),
        },
    };
    if let Some(out) = &output {
        if over_input(out, &templates.files(), lang, io)? {
            return Ok(ExitStatus::Failure);
        }
    }
    let request = crate::render::new::Request {
        territory,
        geo: g,
        debut,
        duree: args.duree,
        sdsf: sdsf.as_ref().map(|(s, p)| (s, p.clone())),
        schema: crate::render::new::schema_path(folder),
    };
    let text = match crate::render::new::draft(&request, &templates) {
        Ok(text) => text,
        Err(e) => {
            writeln!(io.err, "{}{e}", err_prefix(lang))?;
            return Ok(ExitStatus::Failure);
        }
    };
    let Some(out) = output else {
        io.out.write_all(text.as_bytes())?;
        return Ok(ExitStatus::Clean);
    };
    let written = if args.force {
        crate::output::write_atomic(&out, text.as_bytes())
    } else {
        crate::output::write_new(&out, text.as_bytes())
    };
    if let Err(e) = written {
        io_error(io, &out, &e, lang)?;
        return Ok(ExitStatus::Failure);
    }
    writeln!(
        io.err,
        "{}",
        match lang {
            Lang::Fr => format!(
                "ctg: brouillon écrit dans {out} ; `ctg validate {out}` liste ce qui reste à compléter"
            ),
            Lang::En => format!("ctg: draft written to {out}; `ctg validate {out}` lists what is left to fill"),
        }
    )?;
    Ok(ExitStatus::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_asks_what_is_missing_and_takes_the_defaults() {
        let ask = |answers: &str| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let mut io = Io {
                out: &mut out,
                err: &mut err,
                color: false,
                github_actions: false,
                step_summary: None,
            };
            let args = NewArgs {
                epci: None,
                commune: None,
                communes: Vec::new(),
                communes_signataires: false,
                au: None,
                debut: None,
                duree: 5,
                output: None,
                force: false,
                templates: None,
            };
            let mut input = io::Cursor::new(answers.to_string());
            let args = ask_new_args(args, &mut input, Lang::Fr, &mut io);
            (args, String::from_utf8(err).unwrap())
        };
        let (args, asked) = ask("porte des vosges\n2030\n\nccpvm.yaml\n");
        let args = args.unwrap();
        assert_eq!(args.epci.as_deref(), Some("porte des vosges"));
        assert_eq!((args.debut, args.duree), (Some(2030), 5));
        assert_eq!(args.output, Some(OsString::from("ccpvm.yaml")));
        assert!(asked.contains("EPCI (SIREN ou nom) : "), "{asked}");
        assert!(asked.contains("Durée en années [5] : "), "{asked}");
        // Input ending early is an error, not a draft with blanks.
        assert!(ask("").0.is_err());
    }
}

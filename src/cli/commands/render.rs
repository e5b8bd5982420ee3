//! `ctg render`: print the convention to sign, in PDF, HTML, Markdown, .docx or .odt.

use crate::check::{Checker, Failure};
use crate::cli::common::{config_error, err_prefix, io_error, over_input, template_dir, utf8_arg};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::{Lang, Severity};
use crate::render::Format as RenderFormat;
use crate::report::{self};
use std::ffi::OsString;
use std::io;

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// La convention à imprimer
    file: OsString,
    /// Format du document
    #[arg(long, value_enum, default_value_t = crate::render::DEFAULT_FORMAT)]
    format: RenderFormat,
    /// Fichier à écrire (par défaut : la source avec l'extension du format ; « - » : la sortie standard)
    #[arg(short = 'o', long = "output")]
    output: Option<OsString>,
    /// Modèle principal à utiliser à la place du modèle intégré
    #[arg(long, conflicts_with = "templates")]
    template: Option<OsString>,
    /// Dossier de modèles : un fichier du même nom y remplace un modèle intégré
    #[arg(long)]
    templates: Option<OsString>,
    /// Imprime même une convention qui a des erreurs (toujours avec « PROJET » sur chaque page)
    #[arg(long)]
    brouillon: bool,
    /// Un .docx dont le document Word reprend les styles (polices, titres, marges des paragraphes)
    #[arg(long, value_name = "FICHIER.docx")]
    reference: Option<OsString>,
}

pub fn render_cmd(args: RenderArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    use crate::render::{self, Job, Templates};
    use crate::schema::Document;
    let fail = |io: &mut Io, msg: String| -> io::Result<ExitStatus> {
        writeln!(io.err, "{}{msg}", err_prefix(lang))?;
        Ok(ExitStatus::Failure)
    };
    let Some(source) = utf8_arg(args.file, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    // By default beside the source; `-o -` is standard output.
    let output = match args.output {
        None => Some(render::default_output(&source, args.format)),
        Some(p) => match utf8_arg(p, lang, io)? {
            Some(p) if p == "-" => None,
            Some(p) => Some(p),
            None => return Ok(ExitStatus::Failure),
        },
    };
    let checker = Checker::new(false, lang);
    let report = match checker.check_path(&source) {
        Ok(r) => r,
        Err(Failure::Io(e)) => {
            io_error(io, &source, &e, lang)?;
            return Ok(ExitStatus::Failure);
        }
        Err(Failure::Config(e)) => {
            config_error(io, &e, lang)?;
            return Ok(ExitStatus::Failure);
        }
    };
    // The command line first, then the repository's ctg.toml.
    let templates = match args.template {
        Some(file) => match utf8_arg(file, lang, io)? {
            Some(file) => Templates::File(file),
            None => return Ok(ExitStatus::Failure),
        },
        None => match template_dir(args.templates, &checker, &source, lang, io)? {
            Some(templates) => templates,
            None => return Ok(ExitStatus::Failure),
        },
    };
    // Everything the render reads is checked for before anything is written:
    // the convention, its referential, ctg.toml and the templates.
    if let Some(out) = &output {
        let read = [
            vec![source.clone()],
            checker.files_read(),
            templates.files(),
        ]
        .concat();
        if over_input(out, &read, lang, io)? {
            return Ok(ExitStatus::Failure);
        }
    }
    let errors = report.count(Severity::Error);
    let n_errors = report::plural(
        lang,
        errors,
        lang.pick("erreur", "error"),
        lang.pick("erreurs", "errors"),
    );
    let convention = match &report.document {
        Some(Document::Convention(c)) if errors == 0 || args.brouillon => c,
        Some(Document::Sdsf(_)) => {
            return fail(
                io,
                format!(
                    "{source}: {}",
                    lang.pick(
                        "c'est un référentiel SDSF ; ctg render imprime une convention",
                        "this is an SDSF referential; ctg render prints a convention"
                    )
                ),
            )
        }
        document => {
            // Refused: the findings, and why nothing was written.
            let why = if document.is_some() {
                format!(
                    "{}{}",
                    n_errors,
                    lang.pick(
                        " : rien n'est écrit sans --brouillon",
                        ": nothing is written without --brouillon"
                    )
                )
            } else {
                lang.pick(
                    "le fichier ne peut pas être lu comme une convention",
                    "the file cannot be read as a convention",
                )
                .to_string()
            };
            report::human(io.err, std::slice::from_ref(&report), lang, io.color)?;
            writeln!(io.err, "{}{source}: {why}", err_prefix(lang))?;
            return Ok(ExitStatus::Findings);
        }
    };
    let sdsf = checker.sdsf_of(&source, convention);
    let modele = checker.modele_for_print(&source, convention);
    // Ready to sign, or PROJET: what the signature stage would still refuse,
    // the date and place written by hand at the ceremony aside.
    let blockers = checker.signature_blockers(&report);
    let projet = args.brouillon || errors > 0 || !blockers.is_empty();
    let reference = match args.reference {
        Some(_) if args.format != RenderFormat::Docx => {
            return fail(
                io,
                lang.pick(
                    "--reference donne les styles d'un .docx : il va avec --format docx",
                    "--reference gives the styles of a .docx: it goes with --format docx",
                )
                .to_string(),
            )
        }
        Some(path) => {
            let Some(path) = utf8_arg(path, lang, io)? else {
                return Ok(ExitStatus::Failure);
            };
            match crate::render::Reference::read(&path) {
                Ok(r) => Some((path, r)),
                Err(why) => return fail(io, format!("{path}: {why}")),
            }
        }
        None => None,
    };
    if let (Some(out), Some((path, _))) = (&output, &reference) {
        if over_input(out, std::slice::from_ref(path), lang, io)? {
            return Ok(ExitStatus::Failure);
        }
    }
    let job = Job {
        convention,
        sdsf: sdsf.as_deref(),
        // The text that was checked and is rendered, not a second read.
        source_bytes: &report.source.bytes_as_read(),
        source_name: source.file_name().unwrap_or(source.as_str()),
        format: args.format,
        templates: &templates,
        modele: &modele,
        projet,
        reference: reference.as_ref().map(|(_, r)| r),
    };
    let document = match render::render(&job) {
        Ok(d) => d,
        Err(e) => return fail(io, e.to_string()),
    };
    let Some(out) = output else {
        io.out.write_all(&document)?;
        return Ok(ExitStatus::Clean);
    };
    if let Err(e) = crate::output::write_atomic(&out, &document) {
        io_error(io, &out, &e, lang)?;
        return Ok(ExitStatus::Failure);
    }
    let warnings = report.count(Severity::Warning);
    let mut line = format!("{} {out}", lang.pick("Écrit :", "Written:"));
    if errors > 0 {
        line.push_str(&format!(
            " ({}, {})",
            lang.pick("PROJET", "DRAFT"),
            n_errors
        ));
    } else if projet {
        let n = blockers.len();
        let why = if n == 0 {
            lang.pick("--brouillon", "--brouillon").to_string()
        } else {
            format!(
                "{} {}",
                report::plural(
                    lang,
                    n,
                    lang.pick("point", "point"),
                    lang.pick("points", "points")
                ),
                lang.pick(
                    "à régler avant la signature : ctg validate --stage signature",
                    "to settle before signing: ctg validate --stage signature"
                )
            )
        };
        line.push_str(&format!(" ({}, {why})", lang.pick("PROJET", "DRAFT")));
    } else if warnings > 0 {
        line.push_str(&format!(
            " ({}{})",
            report::plural(
                lang,
                warnings,
                lang.pick("avertissement", "warning"),
                lang.pick("avertissements", "warnings"),
            ),
            lang.pick(" : ctg validate pour le détail", ": see ctg validate")
        ));
    }
    writeln!(io.err, "{line}")?;
    Ok(ExitStatus::Clean)
}

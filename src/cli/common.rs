//! What every command shares: paths from the command line, the output
//! that never replaces an input, the error line, reading a convention.

use crate::check::config::ConfigError;
use crate::check::{Checker, Failure, FileReport};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::{io_message, Lang, Severity};
use crate::text::terminal::visible;
use camino::{Utf8Path, Utf8PathBuf};
use chrono::Datelike;
use clap::ValueEnum;
use std::ffi::OsString;
use std::io;

/// What starts a line that says ctg could not do its job.
pub fn err_prefix(lang: Lang) -> &'static str {
    lang.pick("ctg : erreur : ", "ctg: error: ")
}

pub fn utf8_path(p: OsString) -> Result<Utf8PathBuf, OsString> {
    Utf8PathBuf::from_path_buf(p.into()).map_err(|p| p.into_os_string())
}

/// A path argument as UTF-8; otherwise says so on stderr.
pub fn utf8_arg(p: OsString, lang: Lang, io: &mut Io) -> io::Result<Option<Utf8PathBuf>> {
    match utf8_path(p) {
        Ok(p) => Ok(Some(p)),
        Err(p) => {
            let why = lang.pick("chemin non UTF-8", "path is not UTF-8");
            writeln!(io.err, "{}{}: {why}", err_prefix(lang), p.to_string_lossy())?;
            Ok(None)
        }
    }
}

/// The `--output` path, unless it is one of the files being checked: a
/// report never replaces a convention.
pub fn output_path(
    output: OsString,
    files: &[Utf8PathBuf],
    lang: Lang,
    io: &mut Io,
) -> io::Result<Option<Utf8PathBuf>> {
    let Some(output) = utf8_arg(output, lang, io)? else {
        return Ok(None);
    };
    Ok((!over_input(&output, files, lang, io)?).then_some(output))
}

/// Whether `output` names one of the files the command reads (by any
/// spelling of its path, or through a link), said on stderr: what a user
/// wrote is never replaced by what ctg writes.
pub fn over_input(
    output: &Utf8Path,
    inputs: &[impl AsRef<Utf8Path>],
    lang: Lang,
    io: &mut Io,
) -> io::Result<bool> {
    if !inputs
        .iter()
        .any(|i| crate::output::same_file(i.as_ref(), output))
    {
        return Ok(false);
    }
    writeln!(
        io.err,
        "{}{output}: {}", err_prefix(lang),
        lang.pick(
            "c'est un fichier que la commande lit : ctg ne l'écrase pas ; choisissez un autre fichier avec -o",
            "this is a file the command reads: ctg does not overwrite it; choose another file with -o"
        )
    )?;
    Ok(true)
}

/// Checks the files on `jobs` threads (default: one per core, or
/// `RAYON_NUM_THREADS`), keeping of each report what `keep` returns.
/// Results come back in the order of `files`, so the report is the same
/// whatever the scheduling.
pub fn check_all(
    checker: &Checker,
    files: &[Utf8PathBuf],
    jobs: Option<usize>,
    keep: fn(FileReport) -> FileReport,
) -> io::Result<Vec<Result<FileReport, Failure>>> {
    use rayon::prelude::*;
    let check = || {
        files
            .par_iter()
            .map(|p| checker.check_path(p).map(keep))
            .collect()
    };
    match jobs {
        None => Ok(check()),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(io::Error::other)?;
            Ok(pool.install(check))
        }
    }
}

/// Says an I/O failure on `path`, in the user's language.
pub fn io_error(io: &mut Io, path: &Utf8Path, e: &io::Error, lang: Lang) -> io::Result<()> {
    writeln!(
        io.err,
        "{}{path}: {}",
        err_prefix(lang),
        io_message(e, lang)
    )
}

/// The file `-o` names: `None` inside for standard output (no `-o`, or
/// `-o -`); `None` outside when the path is not UTF-8 or names one of the
/// command's `inputs` (said on stderr).
pub fn output_arg(
    output: Option<OsString>,
    inputs: &[impl AsRef<Utf8Path>],
    lang: Lang,
    io: &mut Io,
) -> io::Result<Option<Option<Utf8PathBuf>>> {
    let Some(p) = output else {
        return Ok(Some(None));
    };
    Ok(match utf8_arg(p, lang, io)? {
        None => None,
        Some(p) if p == "-" => Some(None),
        Some(p) if over_input(&p, inputs, lang, io)? => None,
        Some(p) => Some(Some(p)),
    })
}

/// A file's bytes, refused beyond `max` bytes (a document or a spreadsheet
/// to read back); says why on stderr when it cannot be read.
pub fn read_at_most(
    path: &Utf8Path,
    max: u64,
    lang: Lang,
    io: &mut Io,
) -> io::Result<Option<Vec<u8>>> {
    let e = match crate::load::read_bounded(path, max) {
        Ok(Ok(bytes)) => return Ok(Some(bytes)),
        Ok(Err(size)) => crate::load::too_large(size, max),
        Err(e) => e,
    };
    io_error(io, path, &e, lang)?;
    Ok(None)
}

/// Writes a page to a file (atomically) or to stdout.
pub fn write_page(
    output: Option<Utf8PathBuf>,
    page: &str,
    lang: Lang,
    io: &mut Io,
) -> io::Result<ExitStatus> {
    match output {
        None => io.out.write_all(page.as_bytes())?,
        Some(p) => {
            if let Err(e) = crate::output::write_atomic(&p, page.as_bytes()) {
                io_error(io, &p, &e, lang)?;
                return Ok(ExitStatus::Failure);
            }
        }
    }
    Ok(ExitStatus::Clean)
}

/// What the HTML pages say made them.
pub const GENERATOR: &str = concat!("ctg ", env!("CARGO_PKG_VERSION"));

pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A new convention's default first year.
pub fn next_year() -> i32 {
    today().year() + 1
}

/// A convention read for a command that works on its content (diff,
/// bilan): the file's report, whose document is a convention. Otherwise
/// says why on stderr.
pub fn read_convention(
    checker: &Checker,
    path: OsString,
    lang: Lang,
    io: &mut Io,
) -> io::Result<Option<FileReport>> {
    use crate::schema::Document;
    let Some(path) = utf8_arg(path, lang, io)? else {
        return Ok(None);
    };
    let report = match checker.check_path(&path) {
        Ok(r) => r,
        Err(Failure::Io(e)) => {
            io_error(io, &path, &e, lang)?;
            return Ok(None);
        }
        Err(Failure::Config(e)) => {
            config_error(io, &e, lang)?;
            return Ok(None);
        }
    };
    let why = match &report.document {
        Some(Document::Convention(_)) => return Ok(Some(report)),
        Some(Document::Sdsf(_)) => lang.pick(
            "c'est un référentiel SDSF, pas une convention",
            "this is an SDSF referential, not a convention",
        ),
        Some(Document::Modele(_)) => lang.pick(
            "c'est un modèle de convention, pas une convention",
            "this is a convention model, not a convention",
        ),
        None => lang.pick(
            "la convention ne se lit pas (erreurs de format) : lancez ctg validate sur ce fichier",
            "the convention cannot be read (format errors): run ctg validate on it",
        ),
    };
    writeln!(io.err, "{}{path}: {why}", err_prefix(lang))?;
    Ok(None)
}

/// The one EPCI a SIREN or some words of a name designate; otherwise says
/// why on stderr.
pub fn find_epci(
    query: &str,
    g: &crate::geo::Geo,
    lang: Lang,
    io: &mut Io,
) -> io::Result<Option<crate::geo::Epci>> {
    use unicode_normalization::UnicodeNormalization;
    // Typed with decomposed accents or not, the same name.
    let query: String = query.trim().nfc().collect();
    let query = query.as_str();
    let mut found = if query.len() == 9 && query.bytes().all(|b| b.is_ascii_digit()) {
        g.epci(query).into_iter().collect()
    } else {
        g.epci_matching(query)
    };
    match found.len() {
        1 => Ok(found.pop()),
        0 => {
            writeln!(
                io.err,
                "{}{} « {query} » (COG {}, {})",
                err_prefix(lang),
                lang.pick("aucun EPCI ne correspond à", "no EPCI matches"),
                g.year,
                g.source
            )?;
            let closest = g.epci_closest(query, 5);
            if !closest.is_empty() {
                writeln!(
                    io.err,
                    "{}",
                    lang.pick("les plus proches :", "the closest:")
                )?;
                for e in closest {
                    writeln!(io.err, "  {}  {}", e.siren, e.nom)?;
                }
            }
            Ok(None)
        }
        _ => {
            writeln!(
                io.err,
                "{}{} « {query} » :",
                err_prefix(lang),
                lang.pick("plusieurs EPCI correspondent à", "several EPCI match")
            )?;
            for e in found.iter().take(20) {
                writeln!(io.err, "  {}  {}", e.siren, e.nom)?;
            }
            writeln!(
                io.err,
                "{}",
                lang.pick(
                    "précisez le nom, ou donnez le SIREN",
                    "be more precise, or give the SIREN"
                )
            )?;
            Ok(None)
        }
    }
}

/// The official geography in force on `--au DATE` (today's without it);
/// says why on stderr when that year is not embedded.
pub fn geo_at(
    au: Option<&str>,
    lang: Lang,
    io: &mut Io,
) -> io::Result<Option<&'static crate::geo::Geo>> {
    use chrono::Datelike;
    let Some(au) = au else {
        return Ok(Some(crate::geo::geo()));
    };
    let year = match parse_day(au) {
        Ok(d) => d.year(),
        Err(why) => {
            writeln!(io.err, "{}--au : {why}", err_prefix(lang))?;
            return Ok(None);
        }
    };
    let g = crate::geo::at(year);
    if g.is_none() {
        let (from, to) = (crate::geo::EARLIEST, crate::geo::LATEST);
        writeln!(
            io.err,
            "{}{}",
            err_prefix(lang),
            lang.pick(
                &format!("le Code officiel géographique de {year} n'est pas embarqué : ctg a ceux de {from} à {to}"),
                &format!("the official geography of {year} is not embedded: ctg has {from} to {to}"),
            )
        )?;
    }
    Ok(g)
}

pub fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Fr) => "erreur",
        (Severity::Warning, Lang::Fr) => "avertissement",
        (Severity::Info, Lang::Fr) => "info",
        (s, Lang::En) => s.key(),
    }
}

/// A day on the command line, `AAAA-MM-JJ`: said like a date in a file.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    use crate::model::date::{DateError, YEARS};
    crate::model::date::parse_date(text).map_err(|e| match e {
        DateError::Format => format!("date attendue au format AAAA-MM-JJ, reçu « {text} »"),
        DateError::NoSuchDay => format!("« {text} » : ce jour n'existe pas"),
        DateError::OutOfRange => format!(
            "« {text} » : l'année doit être entre {} et {}",
            YEARS.start(),
            YEARS.end()
        ),
    })
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// Markdown
    Md,
    /// Page HTML autonome, avec graphique SVG
    Html,
}

/// The template folder of a page: `--templates DIR`, else the `[render]
/// templates` of the `ctg.toml` that applies to `source`, else the
/// built-in templates. `None` when it cannot be said (told on stderr).
pub fn template_dir(
    arg: Option<OsString>,
    checker: &Checker,
    source: &Utf8Path,
    lang: Lang,
    io: &mut Io,
) -> io::Result<Option<crate::render::Templates>> {
    use crate::render::Templates;
    if let Some(dir) = arg {
        return Ok(utf8_arg(dir, lang, io)?.map(Templates::Dir));
    }
    match checker.config_for(source) {
        Ok(config) => Ok(Some(
            config
                .templates
                .clone()
                .map_or(Templates::Builtin, Templates::Dir),
        )),
        Err(e) => {
            config_error(io, &e, lang)?;
            Ok(None)
        }
    }
}

/// What is wrong in a `ctg.toml`, shown as any finding: its snippet, on
/// stderr (nothing for a file that could not be read at all).
pub fn config_snippet(io: &mut Io, e: &ConfigError, lang: Lang) -> io::Result<()> {
    match e {
        ConfigError::Invalid(report) => {
            crate::report::human(io.err, std::slice::from_ref(&**report), lang, io.color)
        }
        ConfigError::Unreadable(_) => Ok(()),
    }
}

/// Says why a `ctg.toml` cannot be used: the snippet, then the error line.
pub fn config_error(io: &mut Io, e: &ConfigError, lang: Lang) -> io::Result<()> {
    config_snippet(io, e, lang)?;
    writeln!(io.err, "{}{}", err_prefix(lang), visible(&e.line(lang)))
}

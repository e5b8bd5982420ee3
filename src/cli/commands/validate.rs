//! `ctg validate`: check files and folders, write the findings in the
//! chosen format (and a second one with `-o`), exit 0, 1 or 2.

use crate::check::{self, Checker, Failure, FileReport};
use crate::cli::common::{check_all, config_snippet, err_prefix, io_error, output_path, utf8_path};
use crate::cli::{ExitStatus, Io};
use crate::diagnostic::{io_message, Lang, Severity};
use crate::report::{self, ToolError, Totals};
use crate::text::terminal::visible;
use camino::{Utf8Path, Utf8PathBuf};
use clap::ValueEnum;
use std::ffi::OsString;
use std::io::{self, Write};
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct ValidateArgs {
    /// Fichiers ou dossiers à vérifier (dossiers parcourus récursivement)
    #[arg(default_value = "conventions")]
    paths: Vec<OsString>,
    /// Format du rapport (par défaut : human, ou github sous GitHub Actions)
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Traite aussi les avertissements comme des erreurs
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Applique les règles de l'étape de signature (comme `statut: signee`)
    #[arg(long, value_enum)]
    stage: Option<Stage>,
    /// Écrit le rapport au format --format dans ce fichier ; le terminal reçoit le rapport lisible
    #[arg(short = 'o', long, requires = "format")]
    output: Option<OsString>,
    /// Nombre de fichiers vérifiés en parallèle (par défaut : un par cœur)
    #[arg(short = 'j', long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Short,
    Json,
    /// Commandes GitHub Actions : annotations sur la pull request
    Github,
    /// SARIF 2.1.0, pour GitHub code scanning et les tableaux de bord d'analyse
    Sarif,
    /// JUnit XML, un cas de test par fichier
    Junit,
}

impl Format {
    /// Formats whose output is one document that must be the whole stream.
    fn is_document(self) -> bool {
        matches!(self, Format::Json | Format::Sarif | Format::Junit)
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deny {
    Warnings,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Signature,
}

pub fn validate_cmd(args: ValidateArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let started = Instant::now();
    // What stopped a path from being checked: said on stderr as it comes,
    // and recorded in the machine reports (exit 2).
    let mut tool_errors: Vec<ToolError> = Vec::new();
    let mut fail = |io: &mut Io, path: Option<&Utf8Path>, message: String| {
        let at = path
            .map(|p| format!("{}: ", visible(p.as_str())))
            .unwrap_or_default();
        tool_errors.push(ToolError {
            path: path.map(Utf8Path::to_path_buf),
            message,
        });
        let message = &tool_errors[tool_errors.len() - 1].message;
        writeln!(io.err, "{}{at}{}", err_prefix(lang), visible(message))
    };
    let mut paths = Vec::new();
    for p in args.paths {
        match utf8_path(p) {
            Ok(p) => paths.push(p),
            Err(p) => {
                let path = Utf8PathBuf::from(p.to_string_lossy().into_owned());
                let why = lang.pick("chemin non UTF-8", "path is not UTF-8");
                fail(io, Some(&path), why.to_string())?;
            }
        }
    }
    let (files, failures) = check::collect(&paths);
    for f in &failures {
        fail(io, Some(&f.path), io_message(&f.error, lang))?;
    }
    if files.is_empty() && failures.is_empty() {
        // A CI job pointed at the wrong folder must go red, not pass on
        // nothing.
        let listed = paths
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let message = match lang {
            Lang::Fr => format!(
                "aucune convention à vérifier dans {listed} : aucun fichier .yaml ou .yml (hors ce qu'ignorent .gitignore et .ignore)"
            ),
            Lang::En => format!(
                "nothing to check in {listed}: no .yaml or .yml file (outside what .gitignore and .ignore exclude)"
            ),
        };
        fail(io, None, message)?;
    }
    let checker = Checker::new(args.stage.is_some(), lang);
    let results = check_all(
        &checker,
        &files,
        args.jobs.map(usize::from),
        FileReport::findings_only,
    )?;
    let mut reports: Vec<FileReport> = Vec::with_capacity(files.len());
    let mut broken_configs = Vec::new();
    for (path, result) in files.iter().zip(results) {
        match result {
            Ok(r) => reports.push(r),
            Err(Failure::Io(e)) => fail(io, Some(path), io_message(&e, lang))?,
            // Said once, however many files it governs.
            Err(Failure::Config(e)) => {
                let line = e.line(lang);
                if !broken_configs.contains(&line) {
                    config_snippet(io, &e, lang)?;
                    fail(io, None, line.clone())?;
                    broken_configs.push(line);
                }
            }
        }
    }
    let totals = Totals::of(&reports);
    let terminal = if io.github_actions {
        Format::Github
    } else {
        Format::Human
    };
    let deny_warnings = args.deny.is_some();
    let format = args.format.unwrap_or(terminal);
    let run = report::Run {
        files: &reports,
        tool_errors: &tool_errors,
        lang,
        deny_warnings,
    };
    // With --output the chosen format goes to the file, the readable one to
    // the terminal.
    let mut failed = !tool_errors.is_empty();
    let on_terminal = match args.output {
        Some(output) => {
            let read = [files.clone(), checker.files_read()].concat();
            let Some(output) = output_path(output, &read, lang, io)? else {
                return Ok(ExitStatus::Failure);
            };
            let mut bytes = Vec::new();
            write_report(format, &mut bytes, &run, false)?;
            if let Err(e) = crate::output::write_atomic(&output, &bytes) {
                io_error(io, &output, &e, lang)?;
                failed = true;
            }
            terminal
        }
        None => format,
    };
    write_report(on_terminal, io.out, &run, io.color)?;
    // A JSON, SARIF or JUnit document is the whole of stdout; the summary
    // line then goes to stderr.
    let summary_to: &mut dyn Write = if on_terminal.is_document() {
        io.err
    } else {
        io.out
    };
    report::summary(summary_to, totals, started.elapsed(), lang)?;
    if let Some(path) = &io.step_summary {
        if let Err(e) = report::step_summary(path, &run) {
            let path = Utf8PathBuf::from(path.to_string_lossy().into_owned());
            io_error(io, &path, &e, lang)?;
        }
    }
    let denied = deny_warnings && reports.iter().any(|r| r.count(Severity::Warning) > 0);
    Ok(if failed {
        ExitStatus::Failure
    } else if totals.errors > 0 || denied {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

pub fn write_report(
    format: Format,
    out: &mut dyn Write,
    run: &report::Run,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Human => report::human(out, run.files, run.lang, color),
        Format::Short => report::short(out, run.files, run.lang),
        Format::Json => report::json(out, run),
        Format::Github => report::github(out, run),
        Format::Sarif => report::sarif(out, run),
        Format::Junit => report::junit(out, run),
    }
}

//! Command-line parsing and dispatch. Every command writes to the streams
//! it is given, so tests run them in-process.

use crate::diagnostic::{io_message, Lang, Severity};
use crate::report::{self, ToolError, Totals};
use crate::terminal::visible;
use crate::validate::{self, Checker, Failure, FileReport};
use camino::{Utf8Path, Utf8PathBuf};
use chrono::Datelike;
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::time::Instant;

/// The exit status of a run (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at error level.
    Clean = 0,
    /// Findings at error level (or warnings with `--deny warnings`).
    Findings = 1,
    /// The tool could not do its job: usage, I/O.
    Failure = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(s as u8)
    }
}

/// The streams a run writes to.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Colours in the human report.
    pub color: bool,
    /// Running in GitHub Actions (`GITHUB_ACTIONS=true`): `validate` writes
    /// workflow annotations unless a format is given.
    pub github_actions: bool,
    /// `$GITHUB_STEP_SUMMARY`: where `validate` adds its summary table.
    pub step_summary: Option<std::path::PathBuf>,
}

#[derive(Parser, Debug)]
#[command(
    name = "ctg",
    version,
    about = "Vérifie et imprime les Conventions Territoriales Globales (CTG) écrites en YAML",
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true
)]
struct Cli {
    /// Affiche l'aide
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Affiche la version
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Langue des messages (par défaut : d'après LANG, sinon français)
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Vérifie des conventions et des référentiels SDSF
    Validate(ValidateArgs),
    /// Explique une règle : ce qu'elle vérifie, pourquoi, un exemple
    Explain {
        /// Code de la règle, par exemple CTG402
        code: String,
    },
    /// Imprime le territoire officiel d'un EPCI, en YAML prêt à coller
    Territoire {
        /// SIREN de l'EPCI, ou des mots de son nom (« porte des vosges »)
        epci: String,
    },
    /// Imprime la convention à signer, en PDF, HTML ou Markdown
    Render(RenderArgs),
    /// Écrit le brouillon complet et commenté d'une nouvelle convention pour un EPCI
    New(NewArgs),
    /// Vue départementale : conventions × orientations du SDSF et × champs, échéances, EPCI sans convention
    Report(ReportArgs),
    /// Bilan annuel du plan d'actions : statuts, indicateurs réalisés contre cibles, retards
    Bilan(BilanArgs),
    /// Imprime le script de complétion de ctg pour un shell
    Completions {
        /// Le shell : bash, zsh, fish, powershell ou elvish
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Imprime la page de manuel de ctg (format roff : ctg man > ctg.1)
    Man,
    /// Ce que change un renouvellement : période, signataires, champs, axes, actions
    Diff {
        /// La convention précédente
        old: OsString,
        /// La nouvelle convention
        new: OsString,
        /// Format du rapport : texte pour le terminal, ou Markdown pour une revue
        #[arg(long, value_enum, default_value_t = TextFormat::Text)]
        format: TextFormat,
    },
    /// Imprime le schéma JSON (draft 2020-12) du format, pour les éditeurs et les validateurs
    Schema {
        /// Type de fichier décrit
        #[arg(value_enum, default_value_t = SchemaKind::Convention)]
        document: SchemaKind,
    },
    /// Liste les règles avec leur sévérité par défaut
    Rules {
        /// Format de la liste
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
}

#[derive(clap::Args, Debug)]
struct RenderArgs {
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
    /// Imprime même une convention qui a des erreurs, avec « PROJET » sur chaque page
    #[arg(long)]
    brouillon: bool,
}

use crate::render::Format as RenderFormat;

#[derive(clap::Args, Debug)]
struct NewArgs {
    /// L'EPCI : son SIREN, ou des mots de son nom (demandé dans un terminal s'il manque)
    #[arg(long)]
    epci: Option<String>,
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
}

#[derive(clap::Args, Debug)]
struct ReportArgs {
    /// Dossier du dépôt (parcouru récursivement)
    #[arg(default_value = "conventions")]
    dir: OsString,
    /// Format de la page
    #[arg(long, value_enum, default_value_t = PageFormat::Md)]
    format: PageFormat,
    /// Fichier à écrire (par défaut : la sortie standard)
    #[arg(short = 'o', long = "output")]
    output: Option<OsString>,
    /// Date de référence des échéances, AAAA-MM-JJ (par défaut : aujourd'hui)
    #[arg(long, value_parser = parse_day)]
    au: Option<chrono::NaiveDate>,
}

#[derive(clap::Args, Debug)]
struct BilanArgs {
    /// La convention suivie
    file: OsString,
    /// Date du bilan, AAAA-MM-JJ (par défaut : aujourd'hui)
    #[arg(long, value_parser = parse_day)]
    au: Option<chrono::NaiveDate>,
    /// Format de la page
    #[arg(long, value_enum, default_value_t = PageFormat::Md)]
    format: PageFormat,
    /// Fichier à écrire (par défaut : la sortie standard)
    #[arg(short = 'o', long = "output")]
    output: Option<OsString>,
}

/// A day on the command line, `AAAA-MM-JJ`: said like a date in a file.
fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
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
enum PageFormat {
    /// Markdown
    Md,
    /// Page HTML autonome, avec graphique SVG
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum TextFormat {
    /// Texte pour le terminal
    Text,
    /// Markdown
    Md,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum SchemaKind {
    Convention,
    Sdsf,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum ListFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
struct ValidateArgs {
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
enum Format {
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
enum Deny {
    Warnings,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Signature,
}

/// Runs ctg on the process's terminal: what `main` calls.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let github_actions = std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true");
    let step_summary = std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(Into::into);
    run_with(
        args,
        &mut Io {
            out,
            err,
            color,
            github_actions,
            step_summary,
        },
    )
}

/// A stream that goes quiet when its reader leaves (`ctg validate | head`):
/// what is left to write is dropped, and the run still ends with the exit
/// status of what it found, so a broken convention never passes a CI step
/// under `set -o pipefail`.
struct Quiet<'a> {
    inner: &'a mut dyn Write,
    gone: bool,
}

impl Quiet<'_> {
    fn unless_gone(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        if self.gone {
            return Ok(());
        }
        match write(self.inner) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Quiet<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.unless_gone(|w| w.write_all(buf)).map(|()| buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.unless_gone(|w| w.flush())
    }
}

/// Runs ctg with explicit streams.
pub fn run_with(args: impl IntoIterator<Item = OsString>, io: &mut Io) -> ExitStatus {
    let (mut out, mut err) = (
        Quiet {
            inner: &mut *io.out,
            gone: false,
        },
        Quiet {
            inner: &mut *io.err,
            gone: false,
        },
    );
    let io = &mut Io {
        out: &mut out,
        err: &mut err,
        color: io.color,
        github_actions: io.github_actions,
        step_summary: io.step_summary.take(),
    };
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<OsString> = args.into_iter().collect();
    // A usage error comes before --lang is read: it is looked for first.
    let early = crate::usage::lang_of_args(&args).unwrap_or_else(Lang::from_env);
    let command = match early {
        Lang::Fr => crate::usage::french(Cli::command()),
        Lang::En => Cli::command(),
    };
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let (stream, status) = if e.use_stderr() {
                (&mut io.err, ExitStatus::Failure)
            } else {
                (&mut io.out, ExitStatus::Clean)
            };
            let _ = write!(stream, "{}", crate::usage::render(&e, early));
            return status;
        }
    };
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let result = match cli.command {
        Command::Validate(args) => validate_cmd(args, lang, io),
        Command::Explain { code } => explain_cmd(&code, lang, io),
        Command::Rules { format } => rules_cmd(format, lang, io),
        Command::Schema { document } => schema_cmd(document, io),
        Command::Territoire { epci } => territoire_cmd(&epci, lang, io),
        Command::Render(args) => render_cmd(args, lang, io),
        Command::New(args) => new_cmd(args, lang, io),
        Command::Diff { old, new, format } => diff_cmd(old, new, format, lang, io),
        Command::Report(args) => report_cmd(args, lang, io),
        Command::Bilan(args) => bilan_cmd(args, lang, io),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "ctg", io.out);
            Ok(ExitStatus::Clean)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(io.out)
            .map(|()| ExitStatus::Clean),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            let _ = writeln!(io.err, "{}{e}", err_prefix(lang));
            ExitStatus::Failure
        }
    }
}

/// What starts a line that says ctg could not do its job.
fn err_prefix(lang: Lang) -> &'static str {
    lang.pick("ctg : erreur : ", "ctg: error: ")
}

fn utf8_path(p: OsString) -> Result<Utf8PathBuf, OsString> {
    Utf8PathBuf::from_path_buf(p.into()).map_err(|p| p.into_os_string())
}

/// A path argument as UTF-8; otherwise says so on stderr.
fn utf8_arg(p: OsString, lang: Lang, io: &mut Io) -> io::Result<Option<Utf8PathBuf>> {
    match utf8_path(p) {
        Ok(p) => Ok(Some(p)),
        Err(p) => {
            let why = lang.pick("chemin non UTF-8", "path is not UTF-8");
            writeln!(io.err, "{}{}: {why}", err_prefix(lang), p.to_string_lossy())?;
            Ok(None)
        }
    }
}

fn validate_cmd(args: ValidateArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
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
    let (files, failures) = validate::collect(&paths);
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
                if !broken_configs.contains(&e) {
                    fail(io, None, e.clone())?;
                    broken_configs.push(e);
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

fn write_report(
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

/// The `--output` path, unless it is one of the files being checked: a
/// report never replaces a convention.
fn output_path(
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
fn over_input(
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
fn check_all(
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

fn schema_cmd(kind: SchemaKind, io: &mut Io) -> io::Result<ExitStatus> {
    let schema = match kind {
        SchemaKind::Convention => crate::schema::json::convention(),
        SchemaKind::Sdsf => crate::schema::json::sdsf(),
    };
    let mut text = serde_json::to_string_pretty(&schema).map_err(io::Error::other)?;
    text.push('\n');
    io.out.write_all(text.as_bytes())?;
    Ok(ExitStatus::Clean)
}

fn explain_cmd(code: &str, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let Some(rule) = crate::rules::find(code) else {
        let near = crate::rules::nearest(code).join(", ");
        writeln!(
            io.err,
            "{}{}",
            err_prefix(lang),
            match lang {
                Lang::Fr => format!("le code « {code} » n'existe pas ; codes voisins : {near}"),
                Lang::En => format!("code `{code}` does not exist; nearest codes: {near}"),
            }
        )?;
        writeln!(
            io.err,
            "{}",
            lang.pick("la liste complète : ctg rules", "the full list: ctg rules")
        )?;
        return Ok(ExitStatus::Failure);
    };
    let severity = severity_name(rule.default, lang);
    writeln!(
        io.out,
        "{} — {} ({severity})\n",
        rule.code,
        rule.title(lang)
    )?;
    write!(io.out, "{}", rule.explanation(lang))?;
    Ok(ExitStatus::Clean)
}

fn rules_cmd(format: ListFormat, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let rules: Vec<_> = crate::rules::all().collect();
    match format {
        ListFormat::Human => {
            let stage = lang.pick(" (erreur à la signature)", " (error at signature)");
            for r in rules {
                let severity = severity_name(r.default, lang);
                let stage = if crate::rules::SIGNATURE_STAGE.contains(&r.code) {
                    stage
                } else {
                    ""
                };
                writeln!(
                    io.out,
                    "{}  {severity:<13}  {}{stage}",
                    r.code,
                    r.title(lang)
                )?;
            }
        }
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "severity": r.default.key(),
                        "signature_stage": crate::rules::SIGNATURE_STAGE.contains(&r.code),
                        "title": r.title(lang),
                        "explanation": r.explanation(lang),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&list).map_err(io::Error::other)?;
            writeln!(io.out, "{text}")?;
        }
    }
    Ok(ExitStatus::Clean)
}

fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Fr) => "erreur",
        (Severity::Warning, Lang::Fr) => "avertissement",
        (Severity::Info, Lang::Fr) => "info",
        (s, Lang::En) => s.key(),
    }
}

/// The one EPCI a SIREN or some words of a name designate; otherwise says
/// why on stderr.
fn find_epci(query: &str, lang: Lang, io: &mut Io) -> io::Result<Option<crate::geo::Epci>> {
    use unicode_normalization::UnicodeNormalization;
    let g = crate::geo::geo();
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
                "{}{} « {query} » ({})",
                err_prefix(lang),
                lang.pick(
                    "aucun EPCI à fiscalité propre ne correspond à",
                    "no EPCI matches"
                ),
                crate::geo::VINTAGE
            )?;
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

fn territoire_cmd(query: &str, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    Ok(match find_epci(query, lang, io)? {
        Some(epci) => {
            write!(io.out, "{}", crate::geo::territoire_yaml(&epci))?;
            ExitStatus::Clean
        }
        None => ExitStatus::Failure,
    })
}

/// Asks a question on the terminal; an empty answer takes the default.
fn ask(
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
fn ask_new_args(
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

fn new_cmd(args: NewArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let args = if args.epci.is_none() && io::stdin().is_terminal() {
        ask_new_args(args, &mut io::stdin().lock(), lang, io)?
    } else {
        args
    };
    let Some(query) = &args.epci else {
        writeln!(
            io.err,
            "{}{}",
            err_prefix(lang),
            lang.pick(
                "donnez l'EPCI : ctg new --epci SIREN (ou des mots de son nom)",
                "name the EPCI: ctg new --epci SIREN (or words of its name)"
            )
        )?;
        return Ok(ExitStatus::Failure);
    };
    let Some(epci) = find_epci(query, lang, io)? else {
        return Ok(ExitStatus::Failure);
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
    let departement = crate::draft::departement_of(&epci);
    let folder = output
        .as_deref()
        .map_or(Utf8Path::new("."), crate::output::folder_of);
    let sdsf = crate::draft::find_sdsf(folder, departement, debut);
    if let (Some(out), Some((_, cited))) = (&output, &sdsf) {
        // Even with --force, the draft never replaces the referential it cites.
        if over_input(out, &[folder.join(cited)], lang, io)? {
            return Ok(ExitStatus::Failure);
        }
    }
    let text = crate::draft::draft(&crate::draft::Request {
        epci: &epci,
        debut,
        duree: args.duree,
        sdsf: sdsf.as_ref().map(|(s, p)| (s, p.clone())),
    });
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

/// A convention read for a command that works on its content (diff,
/// bilan): the file's report, whose document is a convention. Otherwise
/// says why on stderr.
fn read_convention(
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
            writeln!(io.err, "{}{e}", err_prefix(lang))?;
            return Ok(None);
        }
    };
    let why = match &report.document {
        Some(Document::Convention(_)) => return Ok(Some(report)),
        Some(Document::Sdsf(_)) => lang.pick(
            "c'est un référentiel SDSF, pas une convention",
            "this is an SDSF referential, not a convention",
        ),
        None => lang.pick(
            "la convention ne se lit pas (erreurs de format) : lancez ctg validate sur ce fichier",
            "the convention cannot be read (format errors): run ctg validate on it",
        ),
    };
    writeln!(io.err, "{}{path}: {why}", err_prefix(lang))?;
    Ok(None)
}

fn diff_cmd(
    old: OsString,
    new: OsString,
    format: TextFormat,
    lang: Lang,
    io: &mut Io,
) -> io::Result<ExitStatus> {
    use crate::diff::{self, Side};
    use crate::schema::Document;
    let checker = Checker::new(false, lang);
    let (Some(a), Some(b)) = (
        read_convention(&checker, old, lang, io)?,
        read_convention(&checker, new, lang, io)?,
    ) else {
        return Ok(ExitStatus::Failure);
    };
    let (Some(Document::Convention(ca)), Some(Document::Convention(cb))) =
        (&a.document, &b.document)
    else {
        return Ok(ExitStatus::Failure);
    };
    let (sa, sb) = (
        checker.sdsf_of(&a.source.path, ca),
        checker.sdsf_of(&b.source.path, cb),
    );
    let old = Side {
        path: a.source.path.as_str(),
        convention: ca,
        sdsf: sa.as_deref(),
    };
    let new = Side {
        path: b.source.path.as_str(),
        convention: cb,
        sdsf: sb.as_deref(),
    };
    let sections = diff::diff(&old, &new);
    let text = match format {
        // For a terminal: what a value holds is shown, never obeyed.
        TextFormat::Text => {
            crate::terminal::visible_lines(&diff::text(&old, &new, &sections)).into_owned()
        }
        TextFormat::Md => diff::markdown(&old, &new, &sections),
    };
    io.out.write_all(text.as_bytes())?;
    Ok(ExitStatus::Clean)
}

/// Says an I/O failure on `path`, in the user's language.
fn io_error(io: &mut Io, path: &Utf8Path, e: &io::Error, lang: Lang) -> io::Result<()> {
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
fn output_arg(
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

/// Writes a page to a file (atomically) or to stdout.
fn write_page(
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
const GENERATOR: &str = concat!("ctg ", env!("CARGO_PKG_VERSION"));

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A new convention's default first year.
fn next_year() -> i32 {
    today().year() + 1
}

fn report_cmd(args: ReportArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    let Some(dir) = utf8_arg(args.dir, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let (files, failures) = validate::collect(std::slice::from_ref(&dir));
    if let Some(f) = failures.first() {
        io_error(io, &f.path, &f.error, lang)?;
        return Ok(ExitStatus::Failure);
    }
    let checker = Checker::new(false, lang);
    let reports: Vec<FileReport> = check_all(&checker, &files, None, |r| r)?
        .into_iter()
        .flatten()
        .collect();
    let read = [files, checker.files_read()].concat();
    let Some(output) = output_arg(args.output, &read, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let view = crate::overview::build(
        dir.as_str(),
        args.au.unwrap_or_else(today),
        &reports,
        |path, c| {
            let sdsf = checker.sdsf_of(path, c)?;
            let cited = path
                .parent()
                .unwrap_or(Utf8Path::new(""))
                .join(&c.sdsf.value);
            let key = cited.canonicalize_utf8().unwrap_or(cited);
            Some((key, sdsf))
        },
    );
    let page = match args.format {
        PageFormat::Md => crate::overview::markdown(&view),
        PageFormat::Html => crate::overview::html(&view, GENERATOR),
    };
    write_page(output, &page, lang, io)
}

fn bilan_cmd(args: BilanArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    use crate::schema::Document;
    let checker = Checker::new(false, lang);
    let Some(report) = read_convention(&checker, args.file, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let Some(Document::Convention(c)) = &report.document else {
        return Ok(ExitStatus::Failure);
    };
    let read = [vec![report.source.path.clone()], checker.files_read()].concat();
    let Some(output) = output_arg(args.output, &read, lang, io)? else {
        return Ok(ExitStatus::Failure);
    };
    let au = args.au.unwrap_or_else(today);
    let page = match args.format {
        PageFormat::Md => crate::bilan::markdown(c, au),
        PageFormat::Html => crate::bilan::html(c, au, GENERATOR),
    };
    write_page(output, &page, lang, io)
}

fn render_cmd(args: RenderArgs, lang: Lang, io: &mut Io) -> io::Result<ExitStatus> {
    use crate::render::{self, Job, Templates};
    use crate::schema::Document;
    let fail = |io: &mut Io, msg: String| -> io::Result<ExitStatus> {
        writeln!(io.err, "{}{msg}", err_prefix(lang))?;
        Ok(ExitStatus::Failure)
    };
    let not_utf8 = |p: OsString| {
        format!(
            "{}: {}",
            p.to_string_lossy(),
            lang.pick("chemin non UTF-8", "path is not UTF-8")
        )
    };
    let source = match utf8_path(args.file) {
        Ok(p) => p,
        Err(p) => return fail(io, not_utf8(p)),
    };

    let output = match args.output.map(utf8_path) {
        None => Some(render::default_output(&source, args.format)),
        Some(Ok(p)) if p == "-" => None,
        Some(Ok(p)) => Some(p),
        Some(Err(p)) => return fail(io, not_utf8(p)),
    };
    let checker = Checker::new(false, lang);
    let report = match checker.check_path(&source) {
        Ok(r) => r,
        Err(Failure::Io(e)) => return fail(io, format!("{source}: {}", io_message(&e, lang))),
        Err(Failure::Config(e)) => return fail(io, e),
    };
    // The command line first, then the repository's ctg.toml.
    let templates = match (args.template.map(utf8_path), args.templates.map(utf8_path)) {
        (Some(Ok(file)), _) => Templates::File(file),
        (_, Some(Ok(dir))) => Templates::Dir(dir),
        (Some(Err(p)), _) | (_, Some(Err(p))) => return fail(io, not_utf8(p)),
        (None, None) => match checker.config_for(&source) {
            Ok(config) => config
                .templates
                .clone()
                .map_or(Templates::Builtin, Templates::Dir),
            Err(e) => return fail(io, e),
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
    let job = Job {
        convention,
        sdsf: sdsf.as_deref(),
        // The text that was checked and is rendered, not a second read.
        source_bytes: &report.source.bytes_as_read(),
        source_name: source.file_name().unwrap_or(source.as_str()),
        format: args.format,
        templates: &templates,
        brouillon: args.brouillon,
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
        return fail(io, format!("{out}: {}", io_message(&e, lang)));
    }
    let warnings = report.count(Severity::Warning);
    let mut line = format!("{} {out}", lang.pick("Écrit :", "Written:"));
    if errors > 0 {
        line.push_str(&format!(
            " ({}, {})",
            lang.pick("PROJET", "DRAFT"),
            n_errors
        ));
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
                debut: None,
                duree: 5,
                output: None,
                force: false,
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

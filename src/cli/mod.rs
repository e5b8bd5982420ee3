//! Command-line parsing and dispatch: what `main` calls. Each command
//! lives in `commands/` (its arguments and its function), what they share
//! in `common`, the French dress of clap in `usage`. Every command writes
//! to the streams it is given, so tests run them in-process.

mod commands;
mod common;
pub mod usage;
mod write_back;

use crate::diagnostic::Lang;
use clap::{Parser, Subcommand};
use commands::{
    bilan, completions, diff, explain, export, fix, import_suivi, init, lsp, man, new, relecture,
    render, report, rules, schema, territoire, validate,
};
use common::err_prefix;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};

/// The exit status of a run (README, « What a report looks like »).
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
pub struct Cli {
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
    Validate(validate::ValidateArgs),
    /// Fait les corrections sûres que ctg connaît (noms officiels, valeurs des listes) ; --diff les montre
    Fix(fix::FixArgs),
    /// Serveur de langage (LSP) sur l'entrée et la sortie standard, pour les éditeurs
    Lsp(lsp::LspArgs),
    /// Explique une règle : ce qu'elle vérifie, pourquoi, un exemple
    Explain(explain::ExplainArgs),
    /// Imprime le territoire officiel d'un EPCI, en YAML prêt à coller
    Territoire(territoire::TerritoireArgs),
    /// Imprime la convention à signer : PDF, HTML, Markdown, Word (.docx) ou LibreOffice (.odt)
    Render(render::RenderArgs),
    /// Relit un .docx ou .odt revu : modifications suivies et commentaires à leur ligne du YAML ; --apply les reporte
    Relecture(relecture::RelectureArgs),
    /// Prépare un dépôt de conventions : ctg.toml, dossiers, schémas, CI, pre-commit, réglages de l'éditeur
    Init(init::InitArgs),
    /// Écrit le brouillon complet et commenté d'une nouvelle convention pour un EPCI
    New(new::NewArgs),
    /// Vue départementale : conventions × orientations du SDSF et × champs, échéances, EPCI sans convention
    Report(report::ReportArgs),
    /// Bilan annuel du plan d'actions : statuts, indicateurs réalisés contre cibles, retards
    Bilan(bilan::BilanArgs),
    /// Classeur du comité de pilotage : actions, indicateurs par année, signataires (xlsx, ods, csv)
    Export(export::ExportArgs),
    /// Reporte dans la convention les réalisés et statuts remplis dans le classeur du comité de pilotage
    ImportSuivi(import_suivi::ImportSuiviArgs),
    /// Imprime le script de complétion de ctg pour un shell
    Completions(completions::CompletionsArgs),
    /// Imprime la page de manuel de ctg (format roff : ctg man > ctg.1)
    Man(man::ManArgs),
    /// Ce que change un renouvellement : période, signataires, champs, axes, actions
    Diff(diff::DiffArgs),
    /// Imprime le schéma JSON (draft 2020-12) du format, pour les éditeurs et les validateurs
    Schema(schema::SchemaArgs),
    /// Liste les règles avec leur sévérité par défaut
    Rules(rules::RulesArgs),
}

/// The command line as clap knows it: every command, argument and help
/// text (for completions, the man page and tests).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    Cli::command()
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
    let early = crate::cli::usage::lang_of_args(&args).unwrap_or_else(Lang::from_env);
    let command = match early {
        Lang::Fr => crate::cli::usage::french(Cli::command()),
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
            let _ = write!(stream, "{}", crate::cli::usage::render(&e, early));
            return status;
        }
    };
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let result = match cli.command {
        Command::Validate(args) => validate::validate_cmd(args, lang, io),
        Command::Fix(args) => fix::fix_cmd(args, lang, io),
        Command::Lsp(args) => lsp::lsp_cmd(args, lang, io),
        Command::Explain(args) => explain::explain_cmd(args, lang, io),
        Command::Rules(args) => rules::rules_cmd(args, lang, io),
        Command::Schema(args) => schema::schema_cmd(args, io),
        Command::Territoire(args) => territoire::territoire_cmd(args, lang, io),
        Command::Render(args) => render::render_cmd(args, lang, io),
        Command::Init(args) => init::init_cmd(args, lang, io),
        Command::New(args) => new::new_cmd(args, lang, io),
        Command::Relecture(args) => relecture::relecture_cmd(args, lang, io),
        Command::Diff(args) => diff::diff_cmd(args, lang, io),
        Command::Report(args) => report::report_cmd(args, lang, io),
        Command::Bilan(args) => bilan::bilan_cmd(args, lang, io),
        Command::Export(args) => export::export_cmd(args, lang, io),
        Command::ImportSuivi(args) => import_suivi::import_suivi_cmd(args, lang, io),
        Command::Completions(args) => completions::completions_cmd(args, io),
        Command::Man(args) => man::man_cmd(args, lang, io),
    };
    match result {
        Ok(status) => status,
        Err(e) => {
            let _ = writeln!(io.err, "{}{e}", err_prefix(lang));
            ExitStatus::Failure
        }
    }
}

//! Output formats of `ctg validate`. Each writes the findings of all files
//! to a stream; the summary line is shared.

mod human;
mod json;
mod junit;
mod sarif;

pub use human::human;
pub use json::json;
pub use junit::junit;
pub use sarif::sarif;

use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::text::terminal::visible;
use camino::Utf8PathBuf;
use std::io::{self, Write};
use std::time::Duration;

/// What stopped ctg from checking a path (exit 2): a missing or unreadable
/// file, a broken `ctg.toml`, nothing to check. The machine reports record
/// it, so an upload after a failed run never reads as "no problem".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolError {
    /// The path it is about, when there is one.
    pub path: Option<Utf8PathBuf>,
    /// In the run's language.
    pub message: String,
}

/// One run of `ctg validate`, as the reports see it.
pub struct Run<'a> {
    pub files: &'a [FileReport],
    pub tool_errors: &'a [ToolError],
    pub lang: Lang,
    /// `--deny warnings`: a warning fails a JUnit case too.
    pub deny_warnings: bool,
}

impl Run<'_> {
    /// A run of just these files, nothing failed, nothing denied.
    pub fn of(files: &[FileReport], lang: Lang) -> Run<'_> {
        Run {
            files,
            tool_errors: &[],
            lang,
            deny_warnings: false,
        }
    }
}

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The years of the official geography conventions were checked
    /// against (bit `y - geo::EARLIEST`): the report then says which.
    pub geography: u16,
}

impl Totals {
    /// The vintages used, latest first: "@etalab/decoupage-administratif
    /// 6.0.0", or with the years when there are several ("2026
    /// (@etalab/decoupage-administratif 6.0.0), 2019 (… 0.7.0)").
    pub fn vintages(&self) -> String {
        let years: Vec<&crate::geo::Geo> = (crate::geo::EARLIEST..=crate::geo::LATEST)
            .rev()
            .filter(|y| self.geography & (1 << (y - crate::geo::EARLIEST)) != 0)
            .filter_map(crate::geo::at)
            .collect();
        match years.as_slice() {
            [g] if g.year == crate::geo::LATEST => g.source.to_string(),
            _ => years
                .iter()
                .map(|g| format!("{} ({})", g.year, g.source))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    pub fn of(files: &[FileReport]) -> Totals {
        files.iter().fold(
            Totals {
                files: files.len(),
                ..Totals::default()
            },
            |t, f| Totals {
                errors: t.errors + f.count(Severity::Error),
                warnings: t.warnings + f.count(Severity::Warning),
                infos: t.infos + f.count(Severity::Info),
                geography: t.geography
                    | f.cog.map_or(0, |y| {
                        1 << (y.min(crate::geo::LATEST) - crate::geo::EARLIEST)
                    }),
                ..t
            },
        )
    }
}

/// `file:line:col: severity CODE message`, one line per finding, the form
/// compilers print and problem matchers and grep expect. Whatever a path or
/// a value holds, a finding stays on one line.
pub fn short(out: &mut dyn Write, files: &[FileReport], lang: Lang) -> io::Result<()> {
    for f in files {
        for d in &f.diagnostics {
            writeln!(out, "{}", short_line(f, d, lang))?;
        }
    }
    Ok(())
}

fn short_line(f: &FileReport, d: &Diagnostic, lang: Lang) -> String {
    let at = f.source.line_col(d.span.start);
    // A fixable finding says with which command, at the end of its line.
    let fix = match d.fix.as_deref() {
        Some(fix) if fix.safe => " (ctg fix)",
        Some(_) => " (ctg fix --unsafe)",
        None => "",
    };
    format!(
        "{}:{}:{}: {} {} {}{fix}",
        visible(f.source.path.as_str()),
        at.line,
        at.column,
        d.severity.key(),
        d.code,
        visible(d.message.get(lang))
    )
}

/// How many annotations of one level GitHub shows for a step; the rest
/// it drops without a word.
const GITHUB_SHOWN: usize = 10;

/// GitHub Actions workflow commands, one per finding:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CTG402::message`
/// (warnings as `::warning`, infos as `::notice`), the help on a second line.
/// GitHub shows ten annotations per level and step: errors come first,
/// and what it would not show is written as plain log lines under a count.
/// The tool's own failures are errors too.
pub fn github(out: &mut dyn Write, run: &Run) -> io::Result<()> {
    // Workflow-command escaping: data escapes % CR LF; properties also : and ,.
    fn data(s: &str) -> String {
        visible_lines(s)
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    use crate::text::terminal::visible_lines;
    let lang = run.lang;
    for e in run.tool_errors {
        let file = e
            .path
            .as_ref()
            .map(|p| format!(" file={}", property(p.as_str())))
            .unwrap_or_default();
        writeln!(out, "::error{file}::{}", data(&e.message))?;
    }
    for (severity, level) in [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "notice"),
    ] {
        let all = run.files.iter().flat_map(|f| {
            f.diagnostics
                .iter()
                .filter(move |d| d.severity == severity)
                .map(move |d| (f, d))
        });
        let shown = if severity == Severity::Error {
            GITHUB_SHOWN.saturating_sub(run.tool_errors.len())
        } else {
            GITHUB_SHOWN
        };
        let mut left = Vec::new();
        for (i, (f, d)) in all.enumerate() {
            if i >= shown {
                left.push(short_line(f, d, lang));
                continue;
            }
            let (start, end) = f.source.range(d.span);
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(f.source.path.as_str()),
                start.line,
                start.column,
                end.line,
                end.column,
                d.code,
                data(&d.message_and_help(lang))
            )?;
        }
        if !left.is_empty() {
            let words = match (lang, severity) {
                (Lang::Fr, Severity::Error) => ("erreur", "erreurs"),
                (Lang::Fr, Severity::Warning) => ("avertissement", "avertissements"),
                (Lang::En, Severity::Error) => ("error", "errors"),
                (Lang::En, Severity::Warning) => ("warning", "warnings"),
                (_, Severity::Info) => ("info", "infos"),
            };
            let n = plural(lang, left.len(), words.0, words.1);
            match lang {
                Lang::Fr => writeln!(out, "ctg : {n} de plus, sans annotation (GitHub en montre {GITHUB_SHOWN} par niveau) :")?,
                Lang::En => writeln!(out, "ctg: {n} more, not annotated (GitHub shows {GITHUB_SHOWN} per level):")?,
            }
            for line in left {
                // Indented: a line that starts with `::` would be a command.
                writeln!(out, "  {line}")?;
            }
        }
    }
    Ok(())
}

/// How many findings the step summary lists.
const SUMMARY_FINDINGS: usize = 20;

/// Adds the run's summary to `$GITHUB_STEP_SUMMARY` (a Markdown file
/// GitHub shows on the run's page): files, errors, warnings, infos, the
/// tool's failures and the first findings, values escaped.
pub fn step_summary(path: &std::path::Path, run: &Run) -> io::Result<()> {
    use crate::text::escape::{escape, Markup};
    use std::fmt::Write as _;
    let e = |t: &str| escape(Markup::Markdown, t);
    let lang = run.lang;
    let t = Totals::of(run.files);
    let mut md = String::new();
    let (title, head) = match lang {
        Lang::Fr => (
            "ctg validate",
            "| Fichiers | Erreurs | Avertissements | Infos | Échecs de l'outil |",
        ),
        Lang::En => (
            "ctg validate",
            "| Files | Errors | Warnings | Infos | Tool failures |",
        ),
    };
    let _ = writeln!(md, "### {title}\n\n{head}\n|--:|--:|--:|--:|--:|");
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} | {} |\n",
        t.files,
        t.errors,
        t.warnings,
        t.infos,
        run.tool_errors.len()
    );
    for f in run.tool_errors {
        let path = f
            .path
            .as_ref()
            .map(|p| format!("{}: ", e(p.as_str())))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "- **{}** {path}{}",
            lang.pick("échec", "failure"),
            e(&f.message)
        );
    }
    let mut findings: Vec<_> = run
        .files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
        .collect();
    if !findings.is_empty() {
        let _ = writeln!(
            md,
            "{}\n\n| {} | {} | Code | Message |\n|---|---|---|---|",
            lang.pick("Premiers constats :", "First findings:"),
            lang.pick("Fichier", "File"),
            lang.pick("Ligne", "Line"),
        );
        // Errors first; a stable sort keeps the report's order within a level.
        findings.sort_by_key(|(_, d)| std::cmp::Reverse(d.severity));
        for (f, d) in findings.iter().take(SUMMARY_FINDINGS) {
            let at = f.source.line_col(d.span.start);
            let _ = writeln!(
                md,
                "| {} | {}:{} | {} {} | {} |",
                e(f.source.path.as_str()),
                at.line,
                at.column,
                d.severity.key(),
                d.code,
                e(d.message.get(lang))
            );
        }
        if findings.len() > SUMMARY_FINDINGS {
            let _ = writeln!(
                md,
                "\n{} {}",
                findings.len() - SUMMARY_FINDINGS,
                lang.pick(
                    "constats de plus : voir le journal de l'étape.",
                    "more findings: see the step's log."
                )
            );
        }
    }
    md.push('\n');
    // GitHub makes the file; appended to, never replaced. Anything but a
    // regular file (a FIFO would block) is left alone.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(crate::load::not_regular());
    }
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?
        .write_all(md.as_bytes())
}

/// French counts 0 and 1 as singular, English only 1.
pub fn plural(lang: Lang, n: usize, one: &str, many: &str) -> String {
    let singular = match lang {
        Lang::Fr => n <= 1,
        Lang::En => n == 1,
    };
    format!("{n} {}", if singular { one } else { many })
}

/// The closing line: files, errors, warnings, time.
pub fn summary(
    out: &mut dyn Write,
    totals: Totals,
    elapsed: Duration,
    lang: Lang,
) -> io::Result<()> {
    let secs = elapsed.as_secs_f64();
    match lang {
        Lang::Fr => writeln!(
            out,
            "{} : {}, {}, {} ({} s)",
            plural(lang, totals.files, "fichier vérifié", "fichiers vérifiés"),
            plural(lang, totals.errors, "erreur", "erreurs"),
            plural(lang, totals.warnings, "avertissement", "avertissements"),
            plural(lang, totals.infos, "info", "infos"),
            format!("{secs:.2}").replace('.', ","),
        ),
        Lang::En => writeln!(
            out,
            "{}: {}, {}, {} ({secs:.2} s)",
            plural(lang, totals.files, "file checked", "files checked"),
            plural(lang, totals.errors, "error", "errors"),
            plural(lang, totals.warnings, "warning", "warnings"),
            plural(lang, totals.infos, "info", "infos"),
        ),
    }?;
    if totals.geography != 0 {
        writeln!(
            out,
            "{} {}",
            lang.pick("Géographie officielle (COG) :", "Official geography (COG):"),
            totals.vintages()
        )?;
    }
    Ok(())
}

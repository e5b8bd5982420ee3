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

use crate::diagnostic::{Lang, Severity};
use crate::validate::FileReport;
use std::io::{self, Write};
use std::time::Duration;

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Whether a convention was checked against the official geography:
    /// the report then says which vintage it used.
    pub geography: bool,
}

impl Totals {
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
                geography: t.geography || f.convention,
                ..t
            },
        )
    }
}

/// `file:line:col: CODE message`, one line per finding.
pub fn short(out: &mut dyn Write, files: &[FileReport], lang: Lang) -> io::Result<()> {
    for f in files {
        for d in &f.diagnostics {
            let at = f.source.line_col(d.span.start);
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                f.source.path,
                at.line,
                at.column,
                d.code,
                d.message.get(lang)
            )?;
        }
    }
    Ok(())
}

/// GitHub Actions workflow commands, one per finding:
/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CTG402::message`
/// (warnings as `::warning`, infos as `::notice`), the help on a second line.
pub fn github(out: &mut dyn Write, files: &[FileReport], lang: Lang) -> io::Result<()> {
    // Workflow-command escaping: data escapes % CR LF; properties also : and ,.
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    for f in files {
        for d in &f.diagnostics {
            let (start, end) = f.source.range(d.span);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
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
    }
    Ok(())
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
    if totals.geography {
        writeln!(
            out,
            "{} {}",
            lang.pick("Géographie officielle (COG) :", "Official geography (COG):"),
            crate::geo::VINTAGE
        )?;
    }
    Ok(())
}

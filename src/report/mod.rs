//! Output formats of `ctg validate`. Each writes the findings of all files
//! to a stream; the summary line is shared.

mod human;
mod json;

pub use human::human;
pub use json::json;

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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
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
            plural(totals.files, "fichier vérifié", "fichiers vérifiés"),
            plural(totals.errors, "erreur", "erreurs"),
            plural(totals.warnings, "avertissement", "avertissements"),
            plural(totals.infos, "info", "infos"),
            format!("{secs:.2}").replace('.', ","),
        ),
        Lang::En => writeln!(
            out,
            "{}: {}, {}, {} ({secs:.2} s)",
            plural(totals.files, "file checked", "files checked"),
            plural(totals.errors, "error", "errors"),
            plural(totals.warnings, "warning", "warnings"),
            plural(totals.infos, "info", "infos"),
        ),
    }
}

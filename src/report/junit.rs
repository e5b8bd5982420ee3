//! `--format junit`: JUnit XML, one test case per file, for CI systems that
//! show test reports (GitLab's `artifacts:reports:junit`, Jenkins, Azure).
//! A file fails when it has an error, or a warning under `--deny warnings`;
//! its other findings are in the case's `system-out`.

use super::Run;
use crate::check::FileReport;
use crate::diagnostic::{Lang, Severity};
use std::fmt::Write as _;
use std::io::{self, Write};

/// A path ctg could not check is a test case in error (`<error>`), so
/// the report of a failed run never shows all green.
pub fn junit(out: &mut dyn Write, run: &Run) -> io::Result<()> {
    let (files, lang, deny_warnings) = (run.files, run.lang, run.deny_warnings);
    let fails = |f: &FileReport| {
        f.count(Severity::Error) > 0 || (deny_warnings && f.count(Severity::Warning) > 0)
    };
    let failures = files.iter().filter(|f| fails(f)).count();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let errors = run.tool_errors.len();
    // The attributes Jenkins' junit-10.xsd allows on each element (no
    // `skipped` on testsuites, no `file` on a testcase: its name is the path).
    let counts = format!(
        "tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\"",
        files.len() + errors
    );
    let _ = writeln!(xml, "<testsuites name=\"ctg validate\" {counts}>");
    let _ = writeln!(
        xml,
        "  <testsuite name=\"ctg validate\" {counts} skipped=\"0\">"
    );
    for e in run.tool_errors {
        let name = e.path.as_ref().map_or("ctg", |p| p.as_str());
        let path = escape(name);
        let _ = writeln!(
            xml,
            "    <testcase classname=\"ctg.validate\" name=\"{path}\">\n      <error type=\"{}\" message=\"{}\"/>\n    </testcase>",
            lang.pick("échec de l'outil", "tool failure"),
            escape(&e.message)
        );
    }
    for f in files {
        let path = escape(f.source.path.as_str());
        let _ = write!(
            xml,
            "    <testcase classname=\"ctg.validate\" name=\"{path}\""
        );
        if f.diagnostics.is_empty() {
            xml.push_str("/>\n");
            continue;
        }
        xml.push_str(">\n");
        let mut lines = String::new();
        for d in &f.diagnostics {
            let at = f.source.line_col(d.span.start);
            let _ = writeln!(
                lines,
                "{}:{}:{}: {} [{}] {}",
                f.source.path,
                at.line,
                at.column,
                d.code,
                d.severity.key(),
                d.message.get(lang)
            );
            if let Some(help) = d.help_and_fix(lang) {
                let _ = writeln!(lines, "  {}", help.replace('\n', "\n  "));
            }
        }
        if fails(f) {
            let first = f
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error)
                .or_else(|| f.diagnostics.first());
            let (code, message) = first.map_or(("", ""), |d| (d.code, d.message.get(lang)));
            let _ = writeln!(
                xml,
                "      <failure type=\"{code}\" message=\"{}\">{}</failure>",
                escape(&summary(f, lang, code, message)),
                escape(&lines)
            );
        } else {
            let _ = writeln!(xml, "      <system-out>{}</system-out>", escape(&lines));
        }
        xml.push_str("    </testcase>\n");
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    out.write_all(xml.as_bytes())
}

/// The failure's one-line message: the counts and the first error.
fn summary(f: &FileReport, lang: Lang, code: &str, message: &str) -> String {
    let (errors, warnings) = (f.count(Severity::Error), f.count(Severity::Warning));
    let plural = super::plural;
    match lang {
        Lang::Fr => format!(
            "{}, {} : {code} {message}",
            plural(lang, errors, "erreur", "erreurs"),
            plural(lang, warnings, "avertissement", "avertissements")
        ),
        Lang::En => format!(
            "{}, {}: {code} {message}",
            plural(lang, errors, "error", "errors"),
            plural(lang, warnings, "warning", "warnings")
        ),
    }
}

/// Text for XML content and attribute values: HTML's five entities (XML
/// has the same), and the control characters XML 1.0 cannot carry as U+FFFD.
fn escape(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    crate::text::escape::escape(crate::text::escape::Markup::Html, &text)
}

//! One pass through everything ctg does with a file, for the fuzz target
//! (`fuzz/`) and the property tests (`tests/properties.rs`): check it, write
//! the findings in every format and language, and print a convention the
//! schema accepts as a Markdown document and a follow-up page. Any panic on
//! the way is the bug they look for.

use crate::check::{check_bytes, Checker, FileReport};
use crate::diagnostic::Lang;
use crate::render::typo::Markup;
use crate::render::{self, Format, Job, Templates};
use crate::report;
use crate::schema::Document;
use camino::Utf8PathBuf;

/// Runs every step on `bytes` read as the file `path` (its folder decides
/// which referential `sdsf:` reaches). Panics if a finding points outside
/// the text or a machine format is not JSON.
pub fn every_step(path: Utf8PathBuf, bytes: Vec<u8>, checker: &Checker) -> FileReport {
    let report = check_bytes(path, bytes, Some(checker));
    let text = &report.source.text;
    for d in &report.diagnostics {
        for span in std::iter::once(d.span).chain(d.related.iter().map(|l| l.span)) {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "{} at {span:?} in a text of {} bytes",
                d.code,
                text.len()
            );
        }
    }
    let files = std::slice::from_ref(&report);
    let mut sink = std::io::sink();
    for lang in [Lang::Fr, Lang::En] {
        let run = report::Run::of(files, lang);
        let written = report::human(&mut sink, files, lang, true)
            .and_then(|()| report::short(&mut sink, files, lang))
            .and_then(|()| report::github(&mut sink, &run))
            .and_then(|()| report::junit(&mut sink, &run));
        assert!(written.is_ok(), "{written:?}");
        for write in [report::json, report::sarif] {
            let mut doc = Vec::new();
            assert!(write(&mut doc, &run).is_ok());
            assert!(serde_json::from_slice::<serde_json::Value>(&doc).is_ok());
        }
    }
    if let Some(Document::Convention(c)) = &report.document {
        let sdsf = checker.sdsf_of(&report.source.path, c);
        let modele = checker.modele_for_print(&report.source.path, c);
        let job = Job {
            convention: c,
            sdsf: sdsf.as_deref(),
            source_bytes: &report.source.bytes_as_read(),
            source_name: report.source.path.file_name().unwrap_or("convention.yaml"),
            format: Format::Md,
            templates: &Templates::Builtin,
            modele: &modele,
            projet: true,
            reference: None,
        };
        // A template error is an answer too; only a panic is a bug.
        let _ = render::render(&job);
        if let Some(day) = chrono::NaiveDate::from_ymd_opt(2026, 11, 24) {
            for markup in [Markup::Markdown, Markup::Html] {
                let _ = crate::render::bilan::page(c, day, markup, "ctg", &Templates::Builtin);
            }
        }
    }
    report
}

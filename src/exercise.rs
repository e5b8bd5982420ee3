//! One pass through everything ctg does with a file, for the fuzz target
//! (`fuzz/`) and the property tests (`tests/properties.rs`): check it, write
//! the findings in every format and language, and print a convention the
//! schema accepts as a Markdown document and a follow-up page, answer what
//! the language server answers at positions all through it. Any panic on
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
/// the text (its labels and its fix too) or a machine format is not JSON.
pub fn every_step(path: Utf8PathBuf, bytes: Vec<u8>, checker: &Checker) -> FileReport {
    let report = check_bytes(path, bytes, Some(checker));
    let text = &report.source.text;
    for d in &report.diagnostics {
        let labels = d.related.iter().map(|l| l.span);
        let fix = d.fix.as_deref().map(|f| f.span);
        for span in std::iter::once(d.span).chain(labels).chain(fix) {
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
    editor(&report);
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

/// What the language server does with the text: the cursor's context,
/// hover, completion and definition at positions all through it (and at
/// each finding), the outline, the code actions, positions both ways.
fn editor(report: &FileReport) {
    use crate::lsp::{analysis, context, position};
    let text = &report.source.text;
    let path = &report.source.path;
    let read = |p: &camino::Utf8Path| crate::load::read_text(p, crate::load::MAX_FILE_SIZE).ok();
    let outline = crate::load::parse(text)
        .map(|t| analysis::outline(&t))
        .unwrap_or_default();
    // A dozen places spread through the text, and where the findings are.
    let step = (text.len() / 12).max(1);
    let offsets: Vec<usize> = (0..=text.len())
        .step_by(step)
        .chain(report.diagnostics.iter().take(12).map(|d| d.span.start))
        .collect();
    let uri = crate::lsp::path_uri(path).expect("a file URI");
    for encoding in [position::Encoding::Utf8, position::Encoding::Utf16] {
        let lines = position::Lines::new(text, encoding);
        let whole = lines.range(0, text.len());
        let _ = analysis::diagnostics(report, &lines, &uri, Lang::Fr);
        let _ = analysis::code_actions(report, text, &lines, &uri, whole, Lang::Fr);
        for &offset in &offsets {
            let back = lines.offset(lines.position(offset));
            assert!(back <= text.len() && text.is_char_boundary(back));
        }
    }
    let utf16 = position::Lines::new(text, position::Encoding::Utf16);
    let kind = analysis::kind(text);
    let _ = analysis::symbols(text, &utf16);
    for &offset in &offsets {
        let c = context::at(text, offset);
        assert!(c.word.0 <= c.word.1 && c.word.1 <= text.len());
        let _ = analysis::hover(text, path, kind, Some(report), offset, &read, Lang::En);
        let _ = analysis::completion(text, path, kind, &outline, offset, &read, &utf16);
        let _ = analysis::definition(text, path, offset, &read);
    }
}

//! Any bytes through what `ctg validate` and `ctg render --format md` do:
//! decode, parse, schema, rules (with the bundled referentials reachable),
//! then Markdown for any convention the schema accepts. A panic, a hang or
//! a blow-up is a finding.
#![no_main]

use ctg::render::{self, Format, Job, Templates};
use ctg::schema::Document;
use ctg::validate::{check_bytes, Checker};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(false, ctg::diagnostic::Lang::Fr))
}

fuzz_target!(|data: &[u8]| {
    // Placed among the bundled conventions, so `sdsf: ../sdsf/…` resolves.
    let path = "conventions/vosges/fuzz.yaml".into();
    let report = check_bytes(path, data.to_vec(), Some(checker()));
    if let Some(Document::Convention(c)) = &report.document {
        let sdsf = checker().sdsf_of(&report.source.path, c);
        let job = Job {
            convention: c,
            sdsf: sdsf.as_deref(),
            source_bytes: report.source.text.as_bytes(),
            source_name: "fuzz.yaml",
            format: Format::Md,
            templates: &Templates::Builtin,
            brouillon: true,
        };
        let _ = render::render(&job);
    }
});

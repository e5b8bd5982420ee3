//! Any bytes through what `ctg validate` and `ctg render --format md` do
//! (`ctg::exercise::every_step`): decode, parse, schema, rules (with the
//! bundled referentials reachable), the findings in every format, then
//! Markdown for any convention the schema accepts, and what the language
//! server answers at positions all through it (hover, completion,
//! definition, outline, code actions). A panic, a hang or a blow-up is a
//! finding.
#![no_main]

use ctg::check::Checker;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(false, ctg::diagnostic::Lang::Fr))
}

fuzz_target!(|data: &[u8]| {
    // Placed among the bundled conventions, so `sdsf: ../sdsf/…` resolves.
    let path = "conventions/vosges/fuzz.yaml".into();
    ctg::exercise::every_step(path, data.to_vec(), checker());
});

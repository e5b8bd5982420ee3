//! The fixes a file's findings carry, made together (`ctg fix`, README
//! "ctg fix"): round after round, each kept only if the file gains no
//! error.

use super::{Checker, FileReport};
use crate::diagnostic::{Diagnostic, Severity};
use crate::edit::{self, Edit};
use std::collections::BTreeMap;

/// How many rounds a file gets: a fix may reveal another (a code written
/// from its name, then the name's spelling).
const ROUNDS: usize = 4;

/// The file's text with the wanted fixes made, round after round until
/// none is left; a round's fixes are kept together when the file gains no
/// error, else one by one, each only if it gains none. The last report,
/// and how many fixes of each code were made.
pub fn fix_text(
    checker: &Checker,
    path: &camino::Utf8Path,
    mut report: FileReport,
    wanted: &dyn Fn(&Diagnostic) -> bool,
) -> (String, FileReport, BTreeMap<&'static str, usize>) {
    let mut text = report.source.text.clone();
    let mut fixed: BTreeMap<&'static str, usize> = BTreeMap::new();
    // The first report had its configuration: so has each after it.
    let recheck = |text: &str| {
        checker
            .check_text(path, text)
            .unwrap_or_else(|_| super::check_bytes(path.to_path_buf(), text.into(), Some(checker)))
    };
    for _ in 0..ROUNDS {
        let readable = report.document.is_some();
        let errors = report.count(Severity::Error);
        // The wanted fixes of this round, their code, and whether safe.
        let mut fixes: Vec<(&'static str, Edit, bool)> = report
            .diagnostics
            .iter()
            .filter(|d| wanted(d))
            .filter_map(|d| {
                let f = d.fix.as_deref()?;
                Some((
                    d.code,
                    Edit {
                        span: f.span,
                        replacement: f.replacement.clone(),
                    },
                    f.safe,
                ))
            })
            .collect();
        // The safe fixes first: an unsafe one is decided on the file they
        // leave (a code corrected is no longer a commune missing).
        if fixes.iter().any(|(_, _, safe)| *safe) {
            fixes.retain(|(_, _, safe)| *safe);
        }
        let mut fixes: Vec<(&'static str, Edit)> =
            fixes.into_iter().map(|(c, e, _)| (c, e)).collect();
        edit::disjoint(&mut fixes, |(_, e)| e.span);
        if fixes.is_empty() {
            break;
        }
        let keeps = |r: &FileReport| {
            (r.document.is_some() || !readable) && r.count(Severity::Error) <= errors
        };
        let edits: Vec<Edit> = fixes.iter().map(|(_, e)| e.clone()).collect();
        let all = edit::apply(&text, &edits);
        let after = recheck(&all);
        let kept: Vec<&'static str>;
        if keeps(&after) {
            kept = fixes.iter().map(|(c, _)| *c).collect();
            (text, report) = (all, after);
        } else {
            let mut taken = Vec::new();
            let mut codes = Vec::new();
            let mut last = None;
            for (code, e) in &fixes {
                let mut trial = taken.clone();
                trial.push(e.clone());
                let candidate = edit::apply(&text, &trial);
                let r = recheck(&candidate);
                if keeps(&r) {
                    taken = trial;
                    codes.push(*code);
                    last = Some((candidate, r));
                }
            }
            let Some((t, r)) = last else { break };
            kept = codes;
            (text, report) = (t, r);
        }
        for code in kept {
            *fixed.entry(code).or_default() += 1;
        }
    }
    (text, report, fixed)
}

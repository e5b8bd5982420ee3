//! The rule catalogue. Each family file declares its codes with
//! [`declare_rules!`] — code, default severity, title in both languages and
//! the doc comment that `ctg explain` prints — then checks them on the typed
//! model.
//!
//! The schema codes (CTG001–CTG006) are declared in [`format`] and checked
//! by the loading and schema stages; the domain rules run only on a file
//! that passed them.

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Tree;
use crate::model::{Convention, Sdsf};
use crate::span::Span;
use std::collections::HashMap;
use std::hash::Hash;

pub mod actions;
pub mod allow;
pub mod geographie;
pub mod modele;
pub mod periode;
pub mod sdsf;
pub mod signature;
pub mod territoire;

pub use crate::diagnostic::Rule;
/// The format codes, declared where they are raised (loading, schema).
pub use crate::load::codes::{CTG001, CTG002, CTG003, CTG004, CTG005, CTG006};

/// Every rule, in catalogue order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        crate::load::codes::ALL,
        allow::ALL,
        territoire::ALL,
        geographie::ALL,
        periode::ALL,
        signature::ALL,
        sdsf::ALL,
        actions::ALL,
        modele::ALL,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// The rule of a code, if it exists (case-insensitive).
pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The codes closest to an unknown one: by number for a well-formed code
/// (`CTG999` → CTG506, CTG505…), by spelling otherwise (`CTG4O2` → CTG402).
pub fn nearest(code: &str) -> Vec<&'static str> {
    let code = code.to_ascii_uppercase();
    let number = code
        .strip_prefix("CTG")
        .filter(|n| n.len() == 3)
        .and_then(|n| n.parse::<u32>().ok());
    let mut scored: Vec<(usize, &'static str)> = all()
        .map(|r| {
            let distance = match (number, r.code[3..].parse::<u32>()) {
                (Some(a), Ok(b)) => a.abs_diff(b) as usize,
                _ => strsim::levenshtein(&code, r.code),
            };
            (distance, r.code)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// What the domain rules see of one convention.
pub struct Context<'a> {
    pub convention: &'a Convention,
    /// The referential the convention cites, when it could be loaded (a
    /// CTG006 was reported otherwise, and the SDSF rules stay silent).
    pub sdsf: Option<&'a Sdsf>,
    /// The file's YAML tree, for rules about any text in it (CTG308).
    pub tree: &'a Tree<'a>,
    /// Signature stage: `statut: signee` or `--stage signature`.
    pub signature: bool,
    /// The model of convention that applies, when it could be loaded (a
    /// CTG606 was reported otherwise).
    pub modele: Option<&'a crate::model::Modele>,
    /// The convention's folder, where its annexed files are (CTG605).
    pub folder: &'a camino::Utf8Path,
    found: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(
        convention: &'a Convention,
        sdsf: Option<&'a Sdsf>,
        tree: &'a Tree<'a>,
        stage_signature: bool,
    ) -> Self {
        let signature =
            stage_signature || convention.statut() == crate::model::StatutConvention::Signee;
        Context {
            convention,
            sdsf,
            tree,
            signature,
            modele: None,
            folder: camino::Utf8Path::new(""),
            found: Vec::new(),
        }
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.found.push(diagnostic);
    }

    /// The severity of a rule that hardens at the signature stage.
    pub fn stage_severity(&self, rule: &Rule) -> Severity {
        if self.signature {
            Severity::Error
        } else {
            rule.default
        }
    }
}

/// Runs every domain rule on a convention.
pub fn check(mut cx: Context) -> Vec<Diagnostic> {
    territoire::check(&mut cx);
    geographie::check(&mut cx);
    periode::check(&mut cx);
    signature::check(&mut cx);
    sdsf::check(&mut cx);
    actions::check(&mut cx);
    modele::check(&mut cx);
    cx.found
}

/// For each item whose key was already seen, the item and the span of the
/// first one with that key (CTG104, CTG303, CTG401, CTG501 report the
/// second occurrence with a label on the first).
pub(crate) fn repeats<'i, T, K: Eq + Hash>(
    items: impl IntoIterator<Item = &'i T>,
    key: impl Fn(&T) -> (K, Span),
) -> Vec<(&'i T, Span)> {
    let mut first: HashMap<K, Span> = HashMap::new();
    let mut out = Vec::new();
    for item in items {
        let (k, span) = key(item);
        match first.get(&k) {
            Some(&at) => out.push((item, at)),
            None => {
                first.insert(k, span);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_get_neighbours() {
        assert_eq!(nearest("CTG999"), ["CTG606", "CTG605", "CTG604"]);
        assert_eq!(nearest("ctg4o2")[0], "CTG402");
    }
}

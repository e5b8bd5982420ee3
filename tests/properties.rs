//! Properties on stable Rust (proptest), run by `.ci/run`: any bytes, YAML
//! made of YAML's own punctuation, and bundled conventions mutated at
//! random all go through what `ctg validate` and `ctg render` do and give
//! findings, never a panic, with every finding pointing inside the file.
//!
//! The seed is fixed so CI is repeatable; explore further with
//! `PROPTEST_RNG_SEED=<n> PROPTEST_CASES=<n> cargo test --test ctg-tests properties::`.
//! The cargo-fuzz target (`fuzz/`) searches the same space for hours.

use ctg::check::{check_bytes, Checker, FileReport};
use ctg::diagnostic::Lang;
use ctg::render::{self, Format, Job, Templates};
use ctg::schema::Document;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(false, Lang::Fr))
}

fn config() -> Config {
    // The defaults have read PROPTEST_CASES and PROPTEST_RNG_SEED.
    let default = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            default.cases
        } else {
            96
        },
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            default.rng_seed
        } else {
            RngSeed::Fixed(20_261_124)
        },
        failure_persistence: None,
        ..default
    }
}

/// The bundled conventions, the raw material of the mutations.
fn bundled() -> &'static [String] {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files: Vec<String> = crate::common::yaml_files("conventions")
            .iter()
            .filter(|p| !p.starts_with("conventions/sdsf"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .filter(|t| t.contains("document: convention"))
            .collect();
        files.push(std::fs::read_to_string("tests/fixtures/render/complete.yaml").unwrap());
        files
    })
}

/// Pieces of YAML and of conventions: structure, tags, anchors, numbers
/// and dates that are nearly right, accents, long and empty texts.
const PIECES: &[&str] = &[
    ": ",
    "- ",
    "\n",
    "\n  ",
    "\n    - ",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "'",
    "\"",
    "#",
    "|\n",
    ">-\n",
    "&a ",
    "*a",
    "<<: *a",
    "!!str ",
    "!!int ",
    "!!python/object:os.system ",
    "!x ",
    "---\n",
    "...\n",
    "~",
    "null",
    "true",
    "no",
    "0",
    "01001",
    "1.10",
    "200068377",
    "1e9",
    "-1",
    "2023-01-01",
    "2023-13-01",
    "99999-12-31",
    "À COMPLÉTER",
    "é",
    "\u{feff}",
    "\u{200b}",
    "\r\n",
    "document: convention\n",
    "version: 1\n",
    "actions:\n",
    "axes:\n",
    "id: ",
    "titre: ",
    "indicateurs:\n",
    "cible: ",
    "debut: ",
    "fin: ",
    "sdsf: ",
    "signataires:\n",
    "champs:\n",
    "ctg: allow CTG402\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, &'static str),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
    /// The value after `key: ` on a line, replaced: the file stays YAML
    /// more often, so the rules and the renderer see more of them.
    ReplaceValue(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let piece = prop::sample::select(PIECES);
    prop_oneof![
        4 => (any::<usize>(), piece.clone()).prop_map(|(at, p)| Mutation::Insert(at, p)),
        3 => (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        6 => (any::<usize>(), piece).prop_map(|(at, p)| Mutation::ReplaceValue(at, p)),
    ]
}

/// The char boundary at or before `at % (len + 1)`.
fn boundary(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, m: &Mutation) {
    match *m {
        Mutation::Insert(at, piece) => text.insert_str(boundary(text, at), piece),
        Mutation::Delete(at, n) => {
            let start = boundary(text, at);
            let end = boundary(text, start.saturating_add(n).min(text.len()));
            text.replace_range(start..end.max(start), "");
        }
        Mutation::DuplicateLine(at) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let i = at % lines.len();
                lines.insert(i, lines[i]);
                *text = lines.concat();
            }
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            let n = lines.len();
            if n > 0 {
                lines.swap(a % n, b % n);
                *text = lines.concat();
            }
        }
        Mutation::ReplaceValue(at, piece) => {
            let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
            let n = lines.len();
            if let Some(i) = (0..n)
                .map(|i| (at % n + i) % n)
                .find(|&i| lines[i].contains(": "))
            {
                let line = &mut lines[i];
                let value = line.find(": ").unwrap() + 2;
                let end = line.len() - usize::from(line.ends_with('\n'));
                line.replace_range(value..end.max(value), piece.trim_end_matches('\n'));
            }
            *text = lines.concat();
        }
        Mutation::Truncate(at) => {
            let at = boundary(text, at);
            text.truncate(at);
        }
    }
}

/// Everything ctg does with a file (`ctg::exercise::every_step`), placed
/// among the bundled conventions so `sdsf: ../sdsf/…` resolves.
fn exercise(bytes: Vec<u8>) -> FileReport {
    let path = "conventions/vosges/propriete.yaml".into();
    ctg::exercise::every_step(path, bytes, checker())
}

/// Texts a coordinator might paste, and markup of every kind the documents
/// are written in.
const TEXT_PIECES: &[&str] = &[
    "a",
    "É",
    " ",
    "  ",
    "\n",
    "\t",
    "{{ \"zq\" ~ \"xw\" }}",
    "{% if %}",
    "{#",
    "#",
    "$",
    "*",
    "_",
    "`",
    "<b>",
    "</td>",
    "&amp;",
    "[",
    "](",
    ")",
    "|",
    "@",
    "\\",
    "\"",
    "'",
    "--",
    "-->",
    "«",
    "»",
    "\u{a0}",
    "\u{202f}",
    "\u{200b}",
    "\u{1f600}",
    "À COMPLÉTER",
    ":",
    "1.",
    "- ",
    "///",
];

/// Lines of a convention whose value is free text.
const TEXT_KEYS: &[&str] = &[
    "intitule:",
    "pilote:",
    "nom:",
    "alias:",
    "public:",
    "lieu:",
    "qualite:",
];

/// Every free-text line of the convention gets one of `texts`, as a YAML
/// double-quoted scalar.
fn with_texts(convention: &str, texts: &[String]) -> String {
    let mut n = 0;
    convention
        .split_inclusive('\n')
        .map(|line| {
            let key = line
                .trim_start()
                .trim_start_matches("- ")
                .trim_start_matches("{ ");
            match TEXT_KEYS.iter().find(|k| key.starts_with(*k)) {
                Some(k) if !line.contains('{') && !texts.is_empty() => {
                    let at = line.find(k).unwrap() + k.len();
                    n += 1;
                    let value = serde_json::to_string(&texts[n % texts.len()]).unwrap();
                    format!("{} {value}\n", &line[..at])
                }
                _ => line.to_string(),
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_give_findings_never_a_panic(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        exercise(bytes);
    }

    #[test]
    fn yaml_punctuation_gives_findings_never_a_panic(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..64)
    ) {
        exercise(pieces.concat().into_bytes());
    }

    #[test]
    fn mutated_conventions_give_findings_never_a_panic(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let mut text = which.get(bundled()).clone();
        for m in &mutations {
            apply(&mut text, m);
        }
        let report = exercise(text.into_bytes());
        // A mutated convention still read as a file says something or is
        // clean; an unreadable one always says why.
        prop_assert!(report.document.is_some() || !report.diagnostics.is_empty());
    }

    #[test]
    fn any_text_in_a_convention_renders(
        texts in prop::collection::vec(
            prop::collection::vec(prop::sample::select(TEXT_PIECES), 0..24).prop_map(|p| p.concat()),
            1..6,
        )
    ) {
        let source = std::fs::read_to_string("tests/fixtures/render/complete.yaml").unwrap();
        let text = with_texts(&source, &texts);
        let report = check_bytes("tests/fixtures/render/propriete.yaml".into(), text.into_bytes(), Some(checker()));
        let Some(Document::Convention(c)) = &report.document else {
            return Err(TestCaseError::fail(format!("not read as a convention: {:?}", report.diagnostics)));
        };
        let sdsf = checker().sdsf_of(&report.source.path, c);
        for format in [Format::Md, Format::Html] {
            let job = Job {
                convention: c,
                sdsf: sdsf.as_deref(),
                source_bytes: report.source.text.as_bytes(),
                source_name: "propriete.yaml",
                format,
                templates: &Templates::Builtin,
                modele: &ctg::check::builtin_modele(),
                projet: true,
                reference: None,
            };
            let document = render::render(&job);
            prop_assert!(document.is_ok(), "{format:?}: {}", document.unwrap_err());
            let document = String::from_utf8(document.unwrap()).unwrap();
            // Text is printed, never run as a template (which would join
            // the two halves).
            prop_assert!(!document.contains("zqxw"), "{format:?}");
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 256, rng_seed: RngSeed::Fixed(22), ..Config::default() })]

    /// The YAML editing engine: no edit keeps the bytes; any text written
    /// at a value reads back as itself; and written back, the old text
    /// gives the file's bytes again whenever the new one needs no more
    /// quoting than the old (a plain value that had to be quoted stays
    /// quoted: README).
    #[test]
    fn an_edit_reads_back_and_its_inverse_restores_the_bytes(
        new in "[a-zA-Zéèàç'’ :,#\\-«»\\[\\]{}\"0-9]{0,40}",
        which in 0usize..6,
    ) {
        use ctg::edit::{apply, replace_scalar, value_at};
        let text = std::fs::read_to_string("tests/fixtures/render/complete.yaml").unwrap();
        prop_assert_eq!(apply(&text, &[]), text.clone());
        let path = [
            "signataires[0].nom",
            "signataires[0].representants[0].qualite",
            "actions[0].intitule",
            "actions[0].description",
            "diagnostic.constats[1]",
            "actions[0].partenaires[1]",
        ][which];
        let tree = ctg::load::parse(&text).unwrap();
        let old = value_at(&tree, path).unwrap().to_string();
        // An empty or blank value is not a text a review writes.
        prop_assume!(!new.trim().is_empty() && new.trim() == new);
        let Ok(edit) = replace_scalar(&tree, path, &new) else {
            return Ok(());
        };
        let changed = apply(&text, &[edit]);
        let tree2 = ctg::load::parse(&changed).unwrap();
        prop_assert_eq!(value_at(&tree2, path), Some(new.as_str()));
        let back = apply(&changed, &[replace_scalar(&tree2, path, &old).unwrap()]);
        // When the old text was written plain and the new one can be too,
        // no quoting was forced on it: the bytes come back.
        let span = tree.span(ctg::edit::node_at(&tree, path).unwrap());
        let written = &text[span.start..span.end];
        let written_plain = !written.starts_with(['\'', '"']) && !text[..span.start].trim_end().ends_with(['|', '>']);
        let reads_plain = ctg::edit::writes_plain(&tree, path, &new);
        if !written_plain || reads_plain {
            prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn fixing_twice_changes_nothing_and_never_adds_an_error(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let mut text = which.get(&fixable()).clone();
        for m in &mutations {
            apply(&mut text, m);
        }
        let path = camino::Utf8Path::new("tests/fixtures/fix/propriete.yaml");
        let all = |_: &ctg::diagnostic::Diagnostic| true;
        let first = checker().check_text(path, &text).unwrap();
        let before = first.count(ctg::diagnostic::Severity::Error);
        let (once, report, _) = ctg::check::fix::fix_text(checker(), path, first, &all);
        prop_assert!(report.count(ctg::diagnostic::Severity::Error) <= before);
        let (twice, _, made) = ctg::check::fix::fix_text(checker(), path, report, &all);
        prop_assert!(made.is_empty(), "a second run fixed {made:?}");
        prop_assert_eq!(once, twice);
    }
}

/// Conventions with something to fix: the fixture of `ctg fix`, the rule
/// fixtures of the codes it fixes, each read from `tests/fixtures/fix/`
/// (their referential is `../rules/sdsf.yaml` from there).
fn fixable() -> Vec<String> {
    let mut out = vec![std::fs::read_to_string("tests/fixtures/fix/a-corriger.yaml").unwrap()];
    for code in ["CTG106", "CTG107", "CTG108", "CTG109", "CTG205", "clean"] {
        let t = std::fs::read_to_string(format!("tests/fixtures/rules/{code}.yaml")).unwrap();
        out.push(t.replace("sdsf: sdsf.yaml", "sdsf: ../rules/sdsf.yaml"));
    }
    out
}

//! `ctg validate`: schema findings, formats, exit codes.

use crate::common::ctg;
use std::fs;

const FIXTURES: &str = "tests/fixtures/schema";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// The human report of one fixture, with its exit code.
fn human(name: &str) -> String {
    let out = ctg(&["validate", "--lang", "fr", &fixture(name)]);
    format!("exit: {}\n{}", out.code, out.stdout)
}

#[test]
fn bundled_conventions_validate_clean() {
    let out = ctg(&["validate", "conventions"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("12 fichiers vérifiés : 0 erreur"),
        "{}",
        out.stdout
    );
    // Every warning left is explained in the README or beside its node:
    // a new one must be looked at.
    let short = ctg(&["validate", "--format", "short", "conventions"]);
    insta::assert_snapshot!("bundled_conventions_findings", short.stdout);
}

#[test]
fn valid_fixture_is_clean() {
    let out = ctg(&["validate", &fixture("valid.yaml"), &fixture("sdsf.yaml")]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(
        out.stdout,
        "2 fichiers vérifiés : 0 erreur, 0 avertissement, 0 info (… s)\n\
         Géographie officielle (COG) : 2023 (@etalab/decoupage-administratif 3.1.1)\n"
    );
}

#[test]
fn ctg001_syntax_error() {
    insta::assert_snapshot!(human("CTG001.yaml"));
}

#[test]
fn ctg001_duplicate_key() {
    insta::assert_snapshot!(human("CTG001-duplicate.yaml"));
}

#[test]
fn ctg002_wrong_values() {
    insta::assert_snapshot!(human("CTG002.yaml"));
}

#[test]
fn ctg003_missing_fields() {
    insta::assert_snapshot!(human("CTG003.yaml"));
}

#[test]
fn ctg004_unknown_fields() {
    insta::assert_snapshot!(human("CTG004.yaml"));
}

#[test]
fn ctg005_unsupported_version() {
    insta::assert_snapshot!(human("CTG005.yaml"));
}

#[test]
fn ctg006_missing_referential() {
    insta::assert_snapshot!(human("CTG006.yaml"));
}

/// The caret sits under exactly `2023-02-30`, in `actions[2].calendrier.debut`.
#[test]
fn impossible_date_is_pointed_at_exactly() {
    let path = fixture("CTG002.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("2023-02-30"))
        .unwrap();
    let column = line.find("2023-02-30").unwrap() + 1;

    let out = ctg(&["validate", "--format", "json", &path]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let date = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("2023-02-30"))
        .expect("a finding on the date");
    assert_eq!(date["code"], "CTG002");
    assert_eq!(date["line"], line_no + 1);
    assert_eq!(date["column"], column);
    assert_eq!(date["end_line"], line_no + 1);
    assert_eq!(date["end_column"], column + "2023-02-30".len());

    // In the human report, the underline starts under the `2` and is as
    // long as the date.
    let report = ctg(&["validate", &path]).stdout;
    let lines: Vec<&str> = report.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("debut: 2023-02-30"))
        .unwrap();
    let under = lines[at + 1];
    let date_col = lines[at].find("2023-02-30").unwrap();
    let before = lines[at][..date_col].chars().count();
    let under: Vec<char> = under.chars().collect();
    let is_mark = |c: &char| matches!(c, '─' | '┬');
    assert!(under[before..before + 10].iter().all(is_mark), "{report}");
    assert!(!is_mark(&under[before - 1]), "{report}");
    assert!(
        under.get(before + 10).is_none_or(|c| !is_mark(c)),
        "{report}"
    );
}

#[test]
fn three_mistakes_are_all_reported_in_one_run() {
    let out = ctg(&[
        "validate",
        "--format",
        "short",
        &fixture("three-mistakes.yaml"),
    ]);
    assert_eq!(out.code, 1);
    let codes: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with(FIXTURES))
        .filter_map(|l| l.split(": ").nth(1))
        .filter_map(|rest| rest.split(' ').nth(1))
        .collect();
    assert_eq!(codes, ["CTG004", "CTG002", "CTG003"], "{}", out.stdout);
}

#[test]
fn json_output_is_the_contract() {
    let out = ctg(&["validate", "--format", "json", &fixture("CTG002.yaml")]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
    assert!(
        out.stderr.starts_with("1 fichier vérifié"),
        "{}",
        out.stderr
    );
}

#[test]
fn short_format_and_english_messages() {
    let out = ctg(&[
        "validate",
        "--format",
        "short",
        "--lang",
        "en",
        &fixture("CTG002.yaml"),
    ]);
    insta::assert_snapshot!(out.stdout);
}

/// Content that is not a convention at all: each gets a finding and exit 1.
#[test]
fn files_that_are_not_conventions() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 6] = [
        ("vide.yaml", b"", "CTG005 le fichier est vide"),
        (
            "commentaires.yaml",
            b"# rien\n",
            "CTG005 le fichier est vide",
        ),
        (
            "binaire.yaml",
            b"\x7fELF\x02\x01\x01\x00\x00\x00",
            "CTG001 fichier binaire",
        ),
        (
            "latin1.yaml",
            b"nom: \xc9loyes\n",
            "CTG001 le fichier n'est pas en UTF-8 (octet 0xC9)",
        ),
        (
            "utf16.yaml",
            b"\xff\xfed\x00o\x00",
            "CTG001 le fichier est encodé en UTF-16",
        ),
        (
            "liste.yaml",
            b"- document: convention\n- version: 1\n",
            "CTG002 type invalide : attendu un ensemble de champs",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let out = ctg(&["validate", "--format", "short", path.to_str().unwrap()]);
        assert_eq!(out.code, 1, "{name}: {}", out.stdout);
        assert!(out.stdout.contains(expected), "{name}: {}", out.stdout);
    }
}

#[test]
fn exit_codes() {
    assert_eq!(ctg(&["validate", &fixture("valid.yaml")]).code, 0);
    assert_eq!(ctg(&["validate", &fixture("CTG003.yaml")]).code, 1);
    // A missing path is an I/O failure, but the other files are still checked.
    let out = ctg(&[
        "validate",
        "--format",
        "short",
        "nulle-part.yaml",
        &fixture("CTG005.yaml"),
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("ctg : erreur : nulle-part.yaml"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("CTG005"), "{}", out.stdout);
    // Usage errors.
    assert_eq!(ctg(&["validate", "--format", "xml"]).code, 2);
    assert_eq!(ctg(&["frobnicate"]).code, 2);
    assert_eq!(ctg(&["--help"]).code, 0);
}

#[test]
fn directories_are_walked_and_sdsf_files_checked() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sdsf");
    fs::create_dir(&sub).unwrap();
    fs::write(
        sub.join("bad.yml"),
        "document: sdsf\nversion: 1\nintitule: X\n",
    )
    .unwrap();
    fs::write(dir.path().join("notes.txt"), "not yaml").unwrap();
    let out = ctg(&[
        "validate",
        "--format",
        "short",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("bad.yml:1:1: error CTG003 champ obligatoire « departement » absent"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("1 fichier vérifié"), "{}", out.stdout);
}

/// GitHub Actions annotations: chosen by `--format github`, and by default
/// under `GITHUB_ACTIONS=true`; an explicit format still wins there.
#[test]
fn github_annotations() {
    let args = ["validate", "tests/fixtures/rules/CTG402.yaml"];
    let explicit = ctg(&["validate", "--format", "github", args[1]]);
    let auto = crate::common::ctg_in_github_actions(&args);
    assert_eq!(explicit.code, 1);
    assert_eq!(auto.code, 1);
    assert_eq!(explicit.stdout, auto.stdout);
    assert!(
        auto.stdout
            .starts_with("::error file=tests/fixtures/rules/CTG402.yaml,line="),
        "{}",
        auto.stdout
    );
    insta::assert_snapshot!("github_CTG402", auto.stdout);
    let human = crate::common::ctg_in_github_actions(&["validate", "--format", "short", args[1]]);
    assert!(human
        .stdout
        .starts_with("tests/fixtures/rules/CTG402.yaml:"));
}

/// The README's smallest convention reads with no error: only what it
/// still lacks, as warnings.
#[test]
fn the_readme_minimal_convention_has_no_error() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let at = readme.find("the smallest one ctg accepts:").unwrap();
    let start = readme[at..].find("```yaml\n").unwrap() + at + 8;
    let end = readme[start..].find("```").unwrap() + start;
    let (_guard, dir) = crate::common::tmp();
    std::fs::create_dir_all(dir.join("conventions/x")).unwrap();
    std::fs::create_dir_all(dir.join("conventions/sdsf")).unwrap();
    std::fs::copy(
        "conventions/sdsf/88-vosges-2021.yaml",
        dir.join("conventions/sdsf/88-vosges-2021.yaml"),
    )
    .unwrap();
    let file = dir.join("conventions/x/min.yaml");
    std::fs::write(&file, &readme[start..end]).unwrap();
    let out = ctg(&["validate", "--format", "short", file.as_str()]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains(": 0 erreur,"), "{}", out.stdout);
}

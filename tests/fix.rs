//! `ctg fix`: the fixes written in place, everything else byte for byte —
//! exactly `tests/fixtures/fix/a-corriger.corrige.yaml` (safe fixes) and
//! `a-corriger.unsafe.yaml` (`--unsafe`), reviewed by hand — a second run
//! changing nothing, `--diff` writing nothing, `--rule` limiting; and each
//! fixable finding saying so in the reports.

use crate::common::{beside_referential, ctg, ctg_exits, tmp};
use camino::{Utf8Path, Utf8PathBuf};

/// The convention to fix in `dir`, beside its referential.
fn copy(dir: &Utf8Path) -> Utf8PathBuf {
    beside_referential(dir, "tests/fixtures/fix/a-corriger.yaml", "a-corriger.yaml")
}

fn read(p: impl AsRef<Utf8Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap()
}

#[test]
fn safe_fixes_then_unsafe_ones_give_the_expected_files_and_a_second_run_changes_nothing() {
    let (_t, dir) = tmp();
    let file = copy(&dir);
    // Safe fixes: CTG205 (an error) stays, so the run says there is more.
    let o = ctg_exits(&["fix", file.as_str()], 1);
    assert!(
        o.stderr
            .contains("5 corrections (CTG002 ×2, CTG106, CTG107, CTG108)"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("dont 2 corrigeables avec --unsafe"),
        "{}",
        o.stderr
    );
    assert_eq!(
        read(&file),
        read("tests/fixtures/fix/a-corriger.corrige.yaml")
    );
    let o = ctg_exits(&["fix", file.as_str()], 1);
    assert!(o.stderr.contains("rien à corriger"), "{}", o.stderr);
    assert_eq!(
        read(&file),
        read("tests/fixtures/fix/a-corriger.corrige.yaml")
    );

    let o = ctg_exits(&["fix", "--unsafe", file.as_str()], 0);
    assert!(
        o.stderr.contains("2 corrections (CTG109, CTG205)"),
        "{}",
        o.stderr
    );
    assert_eq!(
        read(&file),
        read("tests/fixtures/fix/a-corriger.unsafe.yaml")
    );
    ctg_exits(&["validate", file.as_str()], 0);
    let o = ctg_exits(&["fix", "--unsafe", file.as_str()], 0);
    assert!(o.stderr.contains("rien à corriger"), "{}", o.stderr);
    assert_eq!(
        read(&file),
        read("tests/fixtures/fix/a-corriger.unsafe.yaml")
    );
}

#[test]
fn diff_writes_nothing_and_rule_limits_the_fixes() {
    let (_t, dir) = tmp();
    let file = copy(&dir);
    let o = ctg_exits(&["fix", "--diff", "--unsafe", file.as_str()], 1);
    assert_eq!(read(&file), read("tests/fixtures/fix/a-corriger.yaml"));
    for line in [
        "-  - parentalité",
        "+  - parentalite",
        "+    - { nom: Éloyes, insee: \"88158\" }",
        "+    - { nom: \"Saint-Nabord\", insee: \"88429\" }",
        "+    calendrier: { debut: 2024, fin: 2027-12-31 }",
    ] {
        assert!(o.stdout.lines().any(|l| l == line), "{line}\n{}", o.stdout);
    }
    assert!(o.stderr.contains("7 corrections à faire"), "{}", o.stderr);

    // Only CTG106 in a file that also has a CTG109.
    let o = ctg(&[
        "fix",
        "--diff",
        "--rule",
        "CTG106",
        "--unsafe",
        "tests/fixtures/rules/CTG106.yaml",
    ]);
    assert!(
        o.stdout
            .contains("+    - { nom: Vecoux, insee: \"88498\" }"),
        "{}",
        o.stdout
    );
    assert!(
        !o.stdout.contains("Dommartin-lès-Remiremont\", insee"),
        "{}",
        o.stdout
    );

    let o = ctg_exits(&["fix", "--rule", "CTG1O7", file.as_str()], 2);
    assert!(
        o.stderr.contains("le code « CTG1O7 » n'existe pas") && o.stderr.contains("CTG107"),
        "{}",
        o.stderr
    );
    assert_eq!(read(&file), read("tests/fixtures/fix/a-corriger.yaml"));
}

#[test]
fn fixable_findings_say_so_in_every_format() {
    let file = "tests/fixtures/rules/CTG107.yaml";
    let human = ctg(&["validate", file]).stdout;
    assert!(
        human.contains("ctg fix peut corriger : écrire « Éloyes »"),
        "{human}"
    );
    let unsafe_one = ctg(&["validate", "tests/fixtures/rules/CTG205.yaml"]).stdout;
    assert!(
        unsafe_one.contains("ctg fix --unsafe peut corriger : ramener à 2023-01-01"),
        "{unsafe_one}"
    );
    let short = ctg(&["validate", "--format", "short", file]).stdout;
    assert!(short.contains("« Eloyes » (ctg fix)\n"), "{short}");
    let github = ctg(&["validate", "--format", "github", file]).stdout;
    assert!(
        github.contains("%0Actg fix peut corriger : écrire « Éloyes »"),
        "{github}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ctg(&["validate", "--format", "json", file]).stdout).unwrap();
    let fix = &json["diagnostics"][0]["fix"];
    assert_eq!(fix["replacement"], "Éloyes");
    assert_eq!(fix["safe"], true);
    assert_eq!(fix["line"], 23);
    let sarif: serde_json::Value =
        serde_json::from_str(&ctg(&["validate", "--format", "sarif", file]).stdout).unwrap();
    let fix = &sarif["runs"][0]["results"][0]["fixes"][0];
    assert_eq!(fix["description"]["text"], "écrire « Éloyes »");
    let change = &fix["artifactChanges"][0];
    assert!(change["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("CTG107.yaml"));
    let r = &change["replacements"][0];
    assert_eq!(r["insertedContent"]["text"], "Éloyes");
    assert_eq!(r["deletedRegion"]["startLine"], 23);
    assert_eq!(
        r["deletedRegion"]["endColumn"].as_u64().unwrap()
            - r["deletedRegion"]["startColumn"].as_u64().unwrap(),
        6
    );
    let junit = ctg(&["validate", "--format", "junit", file]).stdout;
    assert!(junit.contains("ctg fix peut corriger"), "{junit}");
}

#[test]
fn a_file_with_windows_line_ends_keeps_them() {
    let (_t, dir) = tmp();
    let file = copy(&dir);
    let crlf = read(&file).replace('\n', "\r\n");
    std::fs::write(&file, &crlf).unwrap();
    ctg_exits(&["fix", "--unsafe", file.as_str()], 0);
    let fixed = read(&file);
    assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
    assert_eq!(
        fixed.replace("\r\n", "\n"),
        read("tests/fixtures/fix/a-corriger.unsafe.yaml")
    );
}

//! The rule catalogue: every rule fires on its fixture exactly where the
//! fixture's `# ← CODE` markers say, at the rule's declared severity; the registry,
//! `ctg explain`, `ctg rules`, `ctg.toml`, the signature stage.

use crate::common::ctg;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const RULES: &str = "tests/fixtures/rules";

/// The convention fixtures of the rules folder (the referentials aside).
fn fixtures() -> Vec<PathBuf> {
    crate::common::yaml_files(RULES)
        .into_iter()
        .filter(|p| !p.file_name().unwrap().to_str().unwrap().starts_with("sdsf"))
        .collect()
}

/// `(line, code, severity)` of every `# ← CODE` or `# ← CODE(severity)`
/// marker; a bare code means the rule's default severity.
fn markers(text: &str) -> BTreeSet<(usize, String, String)> {
    let mut expected = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let Some((_, marks)) = line.split_once("# ← ") else {
            continue;
        };
        for mark in marks.split_whitespace() {
            let (code, severity) = match mark.split_once('(') {
                Some((code, sev)) => (code, sev.trim_end_matches(')').to_string()),
                None => {
                    let rule = ctg::rules::find(mark).expect("marker names a rule");
                    (mark, rule.default.key().to_string())
                }
            };
            expected.insert((i + 1, code.to_string(), severity));
        }
    }
    expected
}

/// The exit code and `(line, code, severity)` of each finding, in report order.
fn findings(path: &Path) -> (i32, Vec<(usize, String, String)>) {
    let out = ctg(&["validate", "--format", "json", path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap() as usize,
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.code, found)
}

#[test]
fn every_rule_fires_exactly_where_its_fixture_says() {
    let mut fired = BTreeSet::new();
    for path in fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let expected = markers(&text);
        let (code, found) = findings(&path);
        let found: BTreeSet<_> = found.into_iter().collect();
        assert_eq!(found, expected, "{}", path.display());
        let errors = found.iter().any(|(_, _, s)| s == "error");
        assert_eq!(code, i32::from(errors), "exit code of {}", path.display());
        fired.extend(found.into_iter().map(|(_, code, _)| code));
    }
    for rule in ctg::rules::all().filter(|r| r.code >= "CTG100") {
        assert!(fired.contains(rule.code), "{} never fires", rule.code);
    }
}

/// One snapshot of the human report per fixture: what a coordinator sees.
/// Every fixture is compared, and every mismatch reported, not the first.
#[test]
fn rule_reports() {
    insta::glob!("fixtures/rules/CTG*.yaml", |path| {
        let relative = path.strip_prefix(std::env::current_dir().unwrap()).unwrap();
        let out = ctg(&["validate", "--lang", "fr", relative.to_str().unwrap()]);
        insta::assert_snapshot!(out.stdout);
    });
    for extra in ["allow", "clean"] {
        let path = format!("{RULES}/{extra}.yaml");
        let out = ctg(&["validate", "--lang", "fr", &path]);
        insta::assert_snapshot!(format!("rule_{extra}"), out.stdout);
    }
}

#[test]
fn registry_codes_unique_documented_and_with_fixtures() {
    let mut seen = BTreeSet::new();
    for rule in ctg::rules::all() {
        assert!(seen.insert(rule.code), "{} twice", rule.code);
        assert!(
            rule.code.starts_with("CTG") && rule.code.len() == 6,
            "{}",
            rule.code
        );
        let doc = rule.explanation(ctg::diagnostic::Lang::Fr);
        for part in ["## Pourquoi", "## Exemple", "```yaml"] {
            assert!(doc.contains(part), "{} lacks {part}", rule.code);
        }
        let en = rule.explanation(ctg::diagnostic::Lang::En);
        for part in ["## Why", "## Example", "```yaml"] {
            assert!(
                en.contains(part),
                "{}'s English text lacks {part}",
                rule.code
            );
        }
        let folder = if rule.code < "CTG007" {
            "tests/fixtures/schema"
        } else {
            RULES
        };
        let fixture = format!("{folder}/{}.yaml", rule.code);
        assert!(Path::new(&fixture).exists(), "{fixture} missing");
    }
    let list = ctg(&["rules"]);
    assert_eq!(list.code, 0);
    insta::assert_snapshot!("rules_list", list.stdout);
    let json = ctg(&["rules", "--format", "json", "--lang", "en"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), seen.len());
    assert_eq!(list[0]["code"], "CTG001");
    assert_eq!(list[0]["title"], "invalid YAML syntax");
}

#[test]
fn explain_prints_the_rule_in_french() {
    let out = ctg(&["explain", "CTG402"]);
    assert_eq!(out.code, 0);
    assert!(out
        .stdout
        .starts_with("CTG402 — orientation SDSF inexistante (erreur)\n\n"));
    assert!(out.stdout.contains("## Pourquoi\n"), "{}", out.stdout);
    assert!(out.stdout.contains("sdsf: [repartition-equilibree]"));
    // Case does not matter.
    assert_eq!(ctg(&["explain", "ctg402"]).stdout, out.stdout);
}

#[test]
fn explain_of_an_unknown_code_lists_the_nearest_and_exits_2() {
    let out = ctg(&["explain", "CTG999"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "ctg : erreur : le code « CTG999 » n'existe pas ; codes voisins : CTG606, CTG605, CTG604\n\
         la liste complète : ctg rules\n"
    );
}

/// A repository whose `ctg.toml` turns CTG202 off and CTG503 into an error.
#[test]
fn ctg_toml_changes_findings_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("vosges");
    fs::create_dir(&sub).unwrap();
    for f in ["CTG202.yaml", "sdsf.yaml"] {
        fs::copy(format!("{RULES}/{f}"), sub.join(f)).unwrap();
    }
    // One action loses its indicators: a CTG503 warning beside the CTG202 ones.
    let file = sub.join("CTG202.yaml");
    let text = fs::read_to_string(&file).unwrap().replace(
        "    indicateurs:\n      - { libelle: Permanences tenues par an, unite: permanences, cible: 48 }\n",
        "",
    );
    fs::write(&file, text).unwrap();
    let codes = |file: &Path| {
        let (code, found) = findings(file);
        let found: Vec<String> = found.iter().map(|(_, c, s)| format!("{c} {s}")).collect();
        (code, found)
    };
    let path = file.to_str().unwrap();
    let (code, before) = codes(&file);
    assert_eq!(code, 0);
    assert_eq!(
        before,
        [
            "CTG202 warning",
            "CTG202 warning",
            "CTG202 warning",
            "CTG503 warning"
        ]
    );
    // Found by walking up from the file, like rustfmt.toml.
    fs::write(
        dir.path().join("ctg.toml"),
        "[rules]\nCTG202 = \"off\"\nCTG503 = \"error\"\n",
    )
    .unwrap();
    let (code, after) = codes(&file);
    assert_eq!(code, 1);
    assert_eq!(after, ["CTG503 error"]);

    // A broken configuration stops the run with its line, once.
    fs::write(dir.path().join("ctg.toml"), "[rules]\nCTG999 = \"off\"\n").unwrap();
    let broken = ctg(&["validate", path, sub.join("sdsf.yaml").to_str().unwrap()]);
    assert_eq!(broken.code, 2);
    let toml = dir.path().join("ctg.toml");
    // Shown as any finding, with its snippet, then the error line.
    let said = format!(
        "ctg : erreur : {}:2:1: code inconnu « CTG999 » (CTG606, CTG605, CTG604)\n",
        toml.display()
    );
    assert!(broken.stderr.ends_with(&said), "{}", broken.stderr);
    assert!(
        broken
            .stderr
            .starts_with("  × CTG002 code inconnu « CTG999 » (CTG606, CTG605, CTG604)\n"),
        "{}",
        broken.stderr
    );
    assert!(
        broken.stderr.contains(" 2 │ CTG999 = \"off\"\n"),
        "{}",
        broken.stderr
    );
    assert_eq!(broken.stderr.matches("ctg : erreur").count(), 1);
}

#[test]
fn signature_stage_and_deny_warnings() {
    let file = format!("{RULES}/CTG308.yaml");
    let draft = ctg(&["validate", &file]);
    assert_eq!(draft.code, 0, "{}", draft.stdout);
    assert!(draft.stdout.contains("0 erreur, 5 avertissements"));
    let signing = ctg(&[
        "validate",
        "--stage",
        "signature",
        "--format",
        "short",
        &file,
    ]);
    assert_eq!(signing.code, 1);
    assert!(
        signing.stdout.contains("5 erreurs, 0 avertissement"),
        "{}",
        signing.stdout
    );
    let denied = ctg(&["validate", "--deny", "warnings", &file]);
    assert_eq!(denied.code, 1);
}

#[test]
fn rule_messages_in_english() {
    let out = ctg(&[
        "validate",
        "--lang",
        "en",
        "--format",
        "short",
        &format!("{RULES}/CTG402.yaml"),
    ]);
    assert_eq!(
        out.stdout,
        "tests/fixtures/rules/CTG402.yaml:59:9: error CTG402 orientation `petite-enfants` does not exist in the SDSF `SDSF de test des Vosges`\n\
         1 file checked: 1 error, 0 warnings, 0 infos (… s)\n\
         Official geography (COG): 2023 (@etalab/decoupage-administratif 3.1.1)\n"
    );
}

#[test]
fn explain_speaks_english_when_asked() {
    for rule in ctg::rules::all() {
        let out = ctg(&["--lang", "en", "explain", rule.code]);
        assert_eq!(out.code, 0);
        assert!(
            out.stdout.contains("## Why\n"),
            "{}: {}",
            rule.code,
            out.stdout
        );
        assert!(
            !out.stdout.contains("Pourquoi"),
            "{}: {}",
            rule.code,
            out.stdout
        );
    }
}

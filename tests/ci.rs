//! `ctg validate` in CI: the SARIF and JUnit formats, `--output`, and the
//! same report whatever the number of threads.

use crate::common::ctg;
use serde_json::Value;
use std::fs;

/// Files with an error, a warning and an info, and a clean one.
const MIXED: [&str; 4] = [
    "tests/fixtures/rules/CTG402.yaml",
    "tests/fixtures/rules/CTG306.yaml",
    "tests/fixtures/rules/CTG305.yaml",
    "tests/fixtures/rules/clean.yaml",
];

fn validate(format: &str, paths: &[&str]) -> crate::common::Output {
    let mut args = vec!["validate", "--lang", "fr", "--format", format];
    args.extend_from_slice(paths);
    ctg(&args)
}

fn sarif_schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string("tests/fixtures/sarif/sarif-schema-2.1.0.json").unwrap(),
    )
    .unwrap();
    jsonschema::options()
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value) {
    let errors = crate::common::schema_errors(validator, doc);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_the_whole_catalogue() {
    let out = validate("sarif", &MIXED);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // The document is the whole of stdout; the summary is on stderr.
    assert!(
        out.stderr.starts_with("4 fichiers vérifiés : 1 erreur"),
        "{}",
        out.stderr
    );
    let doc: Value = serde_json::from_str(&out.stdout).expect("stdout is one JSON document");
    let validator = sarif_schema();
    assert_valid(&validator, &doc);
    // The schema does reject what is not SARIF.
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let run = &doc["runs"][0];
    assert_eq!(doc["runs"].as_array().unwrap().len(), 1);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let listed = ctg(&["rules", "--format", "json"]);
    let catalogue: Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(rules.len(), catalogue.as_array().unwrap().len());
    for (rule, known) in rules.iter().zip(catalogue.as_array().unwrap()) {
        assert_eq!(rule["id"], known["code"]);
        assert!(
            rule["help"]["text"]
                .as_str()
                .unwrap()
                .contains("## Pourquoi"),
            "{rule}"
        );
    }
    // Each result names its rule by id and index, and has a region.
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1, "{result}");
        assert!(region["endColumn"].as_u64().is_some(), "{result}");
    }
    insta::assert_json_snapshot!("sarif_results", run["results"]);
}

#[test]
fn sarif_of_clean_files_and_of_broken_ones_is_valid_too() {
    let validator = sarif_schema();
    for paths in [
        vec!["conventions"],
        vec!["tests/fixtures/schema", "tests/fixtures/render"],
    ] {
        let out = validate("sarif", &paths);
        let doc: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_valid(&validator, &doc);
    }
}

#[test]
fn junit_has_one_testcase_per_file() {
    let out = validate("junit", &MIXED);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("junit_mixed", out.stdout);
    assert_eq!(out.stdout.matches("<testcase ").count(), MIXED.len());
    assert_eq!(out.stdout.matches("<failure ").count(), 1);
    // Under --deny warnings the file with a warning fails too.
    let denied = ctg(&[
        "validate", "--format", "junit", "--deny", "warnings", MIXED[0], MIXED[1],
    ]);
    assert_eq!(
        denied.stdout.matches("<failure ").count(),
        2,
        "{}",
        denied.stdout
    );
    assert!(denied.stdout.contains("tests=\"2\" failures=\"2\""));
}

#[test]
fn output_writes_the_machine_format_and_keeps_the_human_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ctg.sarif");
    let file = file.to_str().unwrap();
    let out = ctg(&[
        "validate", "--lang", "fr", "--format", "sarif", "--output", file, MIXED[0],
    ]);
    assert_eq!(out.code, 1);
    // The terminal gets the human report and its summary…
    assert!(out.stdout.contains("× CTG402"), "{}", out.stdout);
    assert!(
        out.stdout.contains("1 fichier vérifié : 1 erreur"),
        "{}",
        out.stdout
    );
    // …and the file the same SARIF as --format sarif on stdout.
    let written = fs::read_to_string(file).unwrap();
    assert_eq!(written, validate("sarif", &[MIXED[0]]).stdout);

    // Under GitHub Actions the terminal gets annotations instead.
    let out = crate::common::ctg_in_github_actions(&[
        "validate", "--format", "junit", "-o", file, MIXED[0],
    ]);
    assert!(out.stdout.starts_with("::error file="), "{}", out.stdout);
    assert!(fs::read_to_string(file).unwrap().starts_with("<?xml"));

    // A report never replaces a checked file.
    let copy = dir.path().join("c.yaml");
    fs::copy(MIXED[0], &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let out = ctg(&["validate", "--format", "json", "-o", copy, copy]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("c'est un fichier que la commande lit"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read(copy).unwrap(), fs::read(MIXED[0]).unwrap());

    // --output needs a format to write.
    let out = ctg(&["validate", "-o", file, MIXED[0]]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--format"), "{}", out.stderr);
}

#[test]
fn the_report_is_the_same_whatever_the_thread_count() {
    for format in ["human", "short", "json", "github", "sarif", "junit"] {
        let run = |jobs: &str| {
            let out = ctg(&[
                "validate",
                "--lang",
                "fr",
                "--format",
                format,
                "-j",
                jobs,
                "tests/fixtures",
                "conventions",
            ]);
            (out.code, out.stdout, out.stderr)
        };
        let one = run("1");
        assert!(one.1.len() > 1000, "{format}: {}", one.1);
        for jobs in ["1", "2", "8"] {
            assert!(
                run(jobs) == one,
                "{format} with {jobs} threads differs from one thread"
            );
        }
    }
}

#[test]
fn directories_are_walked_as_git_sees_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for sub in ["kept", "brouillons", ".cache", "target"] {
        fs::create_dir(root.join(sub)).unwrap();
        fs::copy(MIXED[3], root.join(sub).join("c.yaml")).unwrap();
    }
    fs::copy(
        "tests/fixtures/rules/sdsf.yaml",
        root.join("kept/sdsf.yaml"),
    )
    .unwrap();
    fs::write(root.join(".gitignore"), "brouillons/\n").unwrap();
    let out = ctg(&["validate", "--format", "short", root.to_str().unwrap()]);
    // kept/c.yaml and kept/sdsf.yaml only: not the ignored, hidden or build folders.
    assert!(
        out.stdout.contains("2 fichiers vérifiés"),
        "{}{}",
        out.stdout,
        out.stderr
    );
}

/// The ready-to-copy CI files run `ctg validate` with options that exist,
/// and the reports they upload are written.
#[test]
fn integration_files_run_as_written() {
    let dir = tempfile::tempdir().unwrap();
    for (file, report) in [
        ("docs/ci/github-actions.yml", "ctg.sarif"),
        ("docs/ci/gitlab-ci.yml", "ctg-junit.xml"),
    ] {
        let text = fs::read_to_string(file).unwrap();
        let line = text
            .lines()
            .find_map(|l| l.split_once("ctg validate ").map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("{file} runs ctg validate"));
        let output = dir.path().join(report);
        let mut args = vec!["validate".to_string()];
        args.extend(line.split_whitespace().map(|a| {
            if a == report {
                output.to_str().unwrap().to_string()
            } else {
                a.to_string()
            }
        }));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = crate::common::ctg_in_github_actions(&args);
        assert_eq!(out.code, 0, "{file}: {}{}", out.stdout, out.stderr);
        assert!(output.exists(), "{file} writes {report}");
    }
    // The pre-commit hook's entry, on the files it selects.
    let hooks = fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    assert!(hooks.contains("entry: ctg validate\n"));
    assert!(hooks.contains("files: ^conventions/.*\\.ya?ml$"));
    let out = ctg(&["validate", "conventions/vosges/ccpvm-2023.yaml"]);
    assert_eq!(out.code, 0);
}

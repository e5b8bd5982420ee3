//! The command line itself: clap's own consistency checks, the help of
//! every command (snapshots), `ctg completions` and `ctg man`.

use crate::common::ctg;

/// Every command, as clap knows it (not a list kept by hand).
fn commands() -> Vec<String> {
    ctg::cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

#[test]
fn clap_finds_the_command_line_consistent() {
    ctg::cli::command().debug_assert();
    assert!(commands().len() >= 12, "{:?}", commands());
}

#[test]
fn the_help_of_every_command() {
    let top = ctg(&["--help"]);
    assert_eq!(top.code, 0);
    insta::assert_snapshot!("help", top.stdout);
    for command in commands() {
        let out = ctg(&[&command, "--help"]);
        assert_eq!(out.code, 0, "{command}: {}", out.stderr);
        assert!(
            top.stdout.contains(&format!("  {command} ")),
            "{command} not in ctg --help"
        );
        // The lean build's render defaults to HTML, not PDF.
        let lean = if command == "render" && !cfg!(feature = "pdf") {
            "_sans_pdf"
        } else {
            ""
        };
        insta::assert_snapshot!(format!("help_{command}{lean}"), out.stdout);
    }
}

#[test]
fn completions_know_every_command_in_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = ctg(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for command in commands() {
            assert!(out.stdout.contains(command.as_str()), "{shell}: {command}");
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
    assert!(status.expect("bash is needed for this test").success());
    assert_eq!(ctg(&["completions", "tcsh"]).code, 2);
}

#[test]
fn the_man_page_lists_the_commands() {
    let out = ctg(&["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(".TH ctg 1"));
    assert!(out.stdout.contains(".SH SUBCOMMANDS"));
    for command in commands() {
        assert!(
            out.stdout
                .contains(&format!("ctg\\-{}", command.replace('-', "\\-"))),
            "{command}"
        );
    }
}

/// `ctg man --dir`: a page per command, as the top page names them, each
/// with its options and the exit statuses; rule codes and formats complete.
#[test]
fn a_man_page_per_command_and_completions_of_codes_and_formats() {
    let (_guard, dir) = crate::common::tmp();
    let out = ctg(&["man", "--dir", dir.as_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for command in commands() {
        let page = std::fs::read_to_string(dir.join(format!("ctg-{command}.1")))
            .unwrap_or_else(|_| panic!("no page for {command}"));
        assert!(page.contains(&format!(".TH ctg-{command} 1")), "{command}");
        assert!(page.contains(".SH \"EXIT STATUS\""), "{command}");
    }
    let validate = std::fs::read_to_string(dir.join("ctg-validate.1")).unwrap();
    assert!(
        validate.contains("sarif") && validate.contains("\\-\\-deny"),
        "{validate}"
    );
    let bash = ctg(&["completions", "bash"]).stdout;
    for word in ["CTG402", "CTG110", "sarif", "junit", "xlsx"] {
        assert!(bash.contains(word), "{word}");
    }
}

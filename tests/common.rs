//! Running ctg in-process, as a user would from the crate root.

use std::ffi::OsString;

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `ctg ARGS…` without colours, with the summary's timing blanked so
/// outputs can be compared.
pub fn ctg(args: &[&str]) -> Output {
    ctg_in(args, false)
}

/// Runs `ctg ARGS…` as under GitHub Actions (`GITHUB_ACTIONS=true`).
pub fn ctg_in_github_actions(args: &[&str]) -> Output {
    ctg_in(args, true)
}

fn ctg_in(args: &[&str], github_actions: bool) -> Output {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("ctg")
        .chain(args.iter().copied())
        .map(OsString::from);
    let status = ctg::run_with(
        argv,
        &mut ctg::Io {
            out: &mut out,
            err: &mut err,
            color: false,
            github_actions,
        },
    );
    Output {
        code: status as i32,
        stdout: blank_time(&String::from_utf8(out).expect("stdout is UTF-8")),
        stderr: blank_time(&String::from_utf8(err).expect("stderr is UTF-8")),
    }
}

/// `(0,03 s)` → `(… s)` on the summary line.
fn blank_time(text: &str) -> String {
    text.lines()
        .map(|line| match (line.rfind(" ("), line.ends_with(" s)")) {
            (Some(i), true) => format!("{} (… s)", &line[..i]),
            _ => line.to_string(),
        })
        .map(|l| l + "\n")
        .collect()
}

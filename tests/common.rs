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

/// Runs `ctg ARGS…` and checks its exit code, showing stderr when it
/// differs.
pub fn ctg_exits(args: &[&str], code: i32) -> Output {
    let o = ctg(args);
    assert_eq!(o.code, code, "ctg {}: {}", args.join(" "), o.stderr);
    o
}

/// `ctg render SOURCE --format md -o OUT EXTRA…`, expecting `code`.
pub fn render_md(source: &str, out: &camino::Utf8Path, extra: &[&str], code: i32) -> Output {
    let mut args = vec!["render", source, "--format", "md", "-o", out.as_str()];
    args.extend_from_slice(extra);
    ctg_exits(&args, code)
}

/// A temporary folder, with its path as UTF-8 (the folder goes with the
/// guard).
pub fn tmp() -> (tempfile::TempDir, camino::Utf8PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = camino::Utf8PathBuf::from_path_buf(dir.path().to_path_buf()).unwrap();
    (dir, path)
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
            step_summary: None,
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

/// The `.yaml` files under a folder, at any depth, sorted.
pub fn yaml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// What a JSON Schema validator finds wrong in a document, one line each.
pub fn schema_errors(validator: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// `fixture` copied into `dir/<its folder>/`, beside a copy of the rule
/// fixtures' referential in `dir/rules/` (the fixtures cite
/// `../rules/sdsf.yaml` or, from `rules/`, `sdsf.yaml`). Returns the copy.
pub fn beside_referential(
    dir: &camino::Utf8Path,
    fixture: &str,
    name: &str,
) -> camino::Utf8PathBuf {
    let from = camino::Utf8Path::new(fixture);
    let folder = dir.join(from.parent().and_then(|p| p.file_name()).unwrap_or("."));
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::copy(
        "tests/fixtures/rules/sdsf.yaml",
        dir.join("rules/sdsf.yaml"),
    )
    .unwrap();
    let file = folder.join(name);
    std::fs::copy(from, &file).unwrap();
    file
}

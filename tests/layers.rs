//! The house keeps its shape: no module of `src/` imports from a layer above
//! its own, and the modules of one layer import each other without a
//! circle. The layers are those of ARCHITECTURE.md, bottom to top.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and its layer (0 is the base).
const LAYERS: &[(&str, usize)] = &[
    ("span", 0),
    ("diagnostic", 0),
    ("text", 0),
    ("ids", 0),
    ("geo", 0),
    ("output", 0),
    ("load", 1),
    ("model", 2),
    ("edit", 2),
    ("schema", 3),
    ("rules", 4),
    ("check", 5),
    ("report", 6),
    ("render", 6),
    ("review", 6),
    ("suivi", 6),
    ("lsp", 6),
    ("cli", 7),
    ("exercise", 7),
    ("lib", 7),
    ("main", 7),
];

/// The macros exported at the crate root, named like modules in `use`.
const MACROS: &[&str] = &["t", "declare_rules"];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

/// One `crate::` path found in a source file.
#[derive(Debug)]
struct Import {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The top-level module of a file under `src/`: `check/config.rs` → `check`.
fn module_of(relative: &str) -> String {
    let first = relative.split('/').next().unwrap_or(relative);
    first.trim_end_matches(".rs").to_string()
}

/// The `crate::MODULE` paths of a source text, comments left out.
fn imports(file: &str, text: &str) -> Vec<Import> {
    let from = module_of(file);
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let before = &rest[..at];
            rest = &rest[at + "crate::".len()..];
            // `$crate::` in a macro names the crate root, as `crate::` does.
            if before.ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            // `crate::t!`, `use crate::t;`: macros at the root.
            if rest[name.len()..].starts_with('!') || MACROS.contains(&name.as_str()) {
                continue;
            }
            if name != from {
                found.push(Import {
                    file: file.to_string(),
                    line: n + 1,
                    from: from.clone(),
                    to: name,
                });
            }
        }
    }
    found
}

fn sources(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((relative, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// What is wrong with a set of imports: an unknown module, a layer above,
/// a circle among the modules of one layer.
fn problems(all: &[Import]) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for i in all {
        let (Some(from), Some(to)) = (layer(&i.from), layer(&i.to)) else {
            let unknown = if layer(&i.from).is_none() {
                &i.from
            } else {
                &i.to
            };
            wrong.push(format!(
                "src/{}:{}: module `{unknown}` has no layer: add it to LAYERS and ARCHITECTURE.md",
                i.file, i.line
            ));
            continue;
        };
        if to > from {
            wrong.push(format!(
                "src/{}:{}: `{}` (layer {from}) imports `crate::{}` (layer {to}), a layer above",
                i.file, i.line, i.from, i.to
            ));
        }
        edges.entry(&i.from).or_default().insert(&i.to);
    }
    // A circle: a module that reaches itself again.
    for start in edges.keys() {
        let mut stack: Vec<Vec<&str>> = vec![vec![start]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = *path.last().unwrap();
            for &next in edges.get(last).into_iter().flatten() {
                if next == *start {
                    let circle = path.join(" → ");
                    let said = format!("circle of imports: {circle} → {start}");
                    if !wrong.iter().any(|w| w.contains(&circle)) {
                        wrong.push(said);
                    }
                } else if seen.insert(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    wrong
}

#[test]
fn no_module_imports_from_a_layer_above_and_none_goes_round() {
    let base = Path::new("src");
    let mut files = Vec::new();
    sources(base, base, &mut files);
    assert!(files.len() > 40, "read {} files", files.len());
    let all: Vec<Import> = files.iter().flat_map(|(f, t)| imports(f, t)).collect();
    assert!(all.len() > 100, "found {} imports", all.len());
    let wrong = problems(&all);
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn the_check_sees_a_backward_import_and_a_circle() {
    let backward = imports(
        "load/tree.rs",
        "use crate::span::Span;\nuse crate::check::Checker; // the pipeline\n",
    );
    let wrong = problems(&backward);
    assert_eq!(
        wrong,
        ["src/load/tree.rs:2: `load` (layer 1) imports `crate::check` (layer 5), a layer above"]
    );
    let mut circle = imports("report/mod.rs", "use crate::render::typo;\n");
    circle.extend(imports("render/bilan.rs", "use crate::report::Totals;\n"));
    let wrong = problems(&circle);
    assert!(
        wrong.iter().any(|w| w.starts_with("circle of imports:")),
        "{wrong:?}"
    );
    // Comments and macros are not imports.
    assert!(imports(
        "load/mod.rs",
        "// see crate::check\ncrate::t!(\"a\", \"b\");\n"
    )
    .is_empty());
}

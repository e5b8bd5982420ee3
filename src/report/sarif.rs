//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other
//! static-analysis dashboards read it. One run, the full rule catalogue in
//! the driver, one result per finding with its region.

use super::Run;
use crate::diagnostic::{Lang, Severity};
use crate::rules::{self, Rule};
use serde_json::{json, Value};
use std::io::{self, Write};

pub fn sarif(out: &mut dyn Write, run: &Run) -> io::Result<()> {
    let (files, lang) = (run.files, run.lang);
    let catalogue: Vec<&Rule> = rules::all().collect();
    let rules: Vec<Value> = catalogue.iter().map(|r| rule(r, lang)).collect();
    // Paths from the repository's root (the nearest folder above the
    // working one that holds `.git`), so that code scanning places them
    // whatever folder ctg ran in: `SRCROOT` says where that root is.
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = cwd
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&cwd)
        .to_path_buf();
    let mut results = Vec::new();
    for f in files {
        let location = artifact(f.source.path.as_std_path(), &cwd, &root);
        let region = |span| {
            let (start, end) = f.source.range(span);
            json!({
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            })
        };
        for d in &f.diagnostics {
            let message = d.message_and_help(lang);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": { "artifactLocation": location, "region": region(d.span) }
                }],
                // The same finding keeps its alert when lines move above it:
                // the rule, the file and what the message says, not where.
                "partialFingerprints": {
                    "ctgFinding/v1": crate::render::sha256_hex(format!("{}\0{}\0{}", d.code, location["uri"], d.message.get(Lang::Fr)).as_bytes())[..32],
                },
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = json!(d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, l)| json!({
                        "id": i + 1,
                        "message": { "text": l.text.get(lang) },
                        "physicalLocation": { "artifactLocation": location, "region": region(l.span) },
                    }))
                    .collect::<Vec<_>>());
            }
            if let Some(fix) = d.fix.as_deref() {
                result["fixes"] = json!([{
                    "description": { "text": fix.title.get(lang) },
                    "artifactChanges": [{
                        "artifactLocation": location,
                        "replacements": [{
                            "deletedRegion": region(fix.span),
                            "insertedContent": { "text": fix.replacement },
                        }],
                    }],
                }]);
            }
            if let Some(index) = catalogue.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    let mut doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ctg",
                    "version": env!("CARGO_PKG_VERSION"),
                    "language": lang.pick("fr-FR", "en-US"),
                    "rules": rules,
                }
            },
            // Whether every path was checked: a run that could not read a
            // file must not read as "no results" (code scanning would close
            // the alerts it holds).
            "invocations": [invocation(run)],
            "originalUriBaseIds": { "SRCROOT": { "uri": uri(&format!("{}/", root.display())) } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    if !REPOSITORY.is_empty() {
        doc["runs"][0]["tool"]["driver"]["informationUri"] = json!(REPOSITORY);
    }
    let mut text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    text.push('\n');
    out.write_all(text.as_bytes())
}

/// The run's `invocation`: `executionSuccessful` false, with one error
/// notification for each path the tool could not check.
fn invocation(run: &Run) -> Value {
    let notifications: Vec<Value> = run
        .tool_errors
        .iter()
        .map(|e| {
            let mut n = json!({
                "level": "error",
                "message": { "text": e.message },
            });
            if let Some(path) = &e.path {
                n["locations"] = json!([{
                    "physicalLocation": { "artifactLocation": { "uri": uri(path.as_str()) } }
                }]);
            }
            n
        })
        .collect();
    let mut invocation = json!({ "executionSuccessful": notifications.is_empty() });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = json!(notifications);
    }
    invocation
}

/// Where ctg is published: `repository` in Cargo.toml, empty until it is.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The rule's section in `docs/rules.md` at `repository` (README, SARIF).
fn help_uri(repository: &str, code: &str) -> Option<String> {
    let repository = repository.trim_end_matches('/');
    (!repository.is_empty()).then(|| {
        format!(
            "{repository}/blob/HEAD/docs/rules.md#{}",
            code.to_lowercase()
        )
    })
}

/// A rule of the catalogue as a SARIF `reportingDescriptor`.
fn rule(r: &Rule, lang: Lang) -> Value {
    let explanation = r.explanation(lang);
    let mut tags = vec!["ctg"];
    if r.signature_stage {
        tags.push("signature");
    }
    let mut descriptor = json!({
        "id": r.code,
        "name": pascal(r.title(Lang::En)),
        "shortDescription": { "text": r.title(lang) },
        "fullDescription": { "text": explanation.split("\n\n").next().unwrap_or_default().trim() },
        "help": { "text": explanation, "markdown": explanation },
        "defaultConfiguration": { "level": level(r.default) },
        "properties": { "tags": tags },
    });
    if let Some(uri) = help_uri(REPOSITORY, r.code) {
        descriptor["helpUri"] = json!(uri);
    }
    descriptor
}

/// A rule's title as a SARIF name: "SirenNotAnOfficialEpciOrItsNameDiffers".
fn pascal(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Where a file is: from the repository's root under `SRCROOT` when it is
/// inside it, else as given.
fn artifact(path: &std::path::Path, cwd: &std::path::Path, root: &std::path::Path) -> Value {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    match absolute.strip_prefix(root) {
        Ok(inside) => json!({ "uri": uri(&inside.to_string_lossy()), "uriBaseId": "SRCROOT" }),
        Err(_) => json!({ "uri": uri(&path.to_string_lossy()) }),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: `/` separators, everything but
/// unreserved characters percent-encoded (spaces, accents).
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_rule_links_to_its_section_once_ctg_is_published() {
        assert_eq!(super::help_uri("", "CTG104"), None);
        assert_eq!(
            super::help_uri("https://example.org/ctg/", "CTG104").as_deref(),
            Some("https://example.org/ctg/blob/HEAD/docs/rules.md#ctg104")
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            super::uri("conventions/vosges/a.yaml"),
            "conventions/vosges/a.yaml"
        );
        assert_eq!(
            super::uri("mes conventions/Épinal.yaml"),
            "mes%20conventions/%C3%89pinal.yaml"
        );
        assert_eq!(super::uri("/tmp/a b.yaml"), "file:///tmp/a%20b.yaml");
        assert_eq!(super::uri("dossier\\a.yaml"), "dossier/a.yaml");
    }
}

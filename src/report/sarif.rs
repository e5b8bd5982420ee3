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
    let mut results = Vec::new();
    for f in files {
        let uri = uri(f.source.path.as_str());
        for d in &f.diagnostics {
            let (start, end) = f.source.range(d.span);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": { "text": d.message_and_help(lang) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
            });
            if let Some(index) = catalogue.iter().position(|r| r.code == d.code) {
                result["ruleIndex"] = json!(index);
            }
            results.push(result);
        }
    }
    let doc = json!({
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
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
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

/// A rule of the catalogue as a SARIF `reportingDescriptor`.
fn rule(r: &Rule, lang: Lang) -> Value {
    let explanation = r.explanation(lang);
    let mut tags = vec!["ctg"];
    if r.signature_stage {
        tags.push("signature");
    }
    json!({
        "id": r.code,
        "name": r.code,
        "shortDescription": { "text": r.title(lang) },
        "fullDescription": { "text": explanation.split("\n\n").next().unwrap_or_default().trim() },
        "help": { "text": explanation, "markdown": explanation },
        "defaultConfiguration": { "level": level(r.default) },
        "properties": { "tags": tags },
    })
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

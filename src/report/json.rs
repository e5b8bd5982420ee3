//! `--format json`: one JSON document, a stable contract for CI (README, « What a report looks like »).

use super::{Run, Totals};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    summary: Totals,
    /// The vintage of the official geography, when it was used.
    #[serde(skip_serializing_if = "Option::is_none")]
    geography: Option<String>,
    diagnostics: Vec<Item<'a>>,
    /// What stopped ctg from checking a path (the run exits 2): never
    /// absent, so a reader can tell "nothing found" from "nothing checked".
    tool_errors: Vec<ToolErrorItem<'a>>,
}

#[derive(Serialize)]
struct ToolErrorItem<'a> {
    file: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    file: &'a str,
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    /// What `ctg fix` would write: `null` when it cannot settle the finding.
    fix: Option<FixItem<'a>>,
}

#[derive(Serialize)]
struct FixItem<'a> {
    title: &'a str,
    /// False for the fixes `ctg fix` makes only with `--unsafe`.
    safe: bool,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// The text that replaces the range (empty range: inserted there).
    replacement: &'a str,
}

impl Serialize for Totals {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("summary", 4)?;
        st.serialize_field("files", &self.files)?;
        st.serialize_field("errors", &self.errors)?;
        st.serialize_field("warnings", &self.warnings)?;
        st.serialize_field("infos", &self.infos)?;
        st.end()
    }
}

pub fn json(out: &mut dyn Write, run: &Run) -> io::Result<()> {
    let (files, lang) = (run.files, run.lang);
    let diagnostics = files
        .iter()
        .flat_map(|f| {
            f.diagnostics.iter().map(move |d| {
                let (start, end) = f.source.range(d.span);
                Item {
                    file: f.source.path.as_str(),
                    code: d.code,
                    severity: d.severity.key(),
                    message: d.message.get(lang),
                    line: start.line,
                    column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    help: d.help.as_ref().map(|h| h.get(lang)),
                    fix: d.fix.as_deref().map(|fix| {
                        let (start, end) = f.source.range(fix.span);
                        FixItem {
                            title: fix.title.get(lang),
                            safe: fix.safe,
                            line: start.line,
                            column: start.column,
                            end_line: end.line,
                            end_column: end.column,
                            replacement: &fix.replacement,
                        }
                    }),
                }
            })
        })
        .collect();
    let summary = Totals::of(files);
    let doc = Output {
        version: 1,
        summary,
        geography: (summary.geography != 0).then(|| summary.vintages()),
        diagnostics,
        tool_errors: run
            .tool_errors
            .iter()
            .map(|e| ToolErrorItem {
                file: e.path.as_ref().map(|p| p.as_str()),
                message: &e.message,
            })
            .collect(),
    };
    // Serialised whole first, so a closed pipe surfaces as an io::Error.
    let mut text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    text.push('\n');
    out.write_all(text.as_bytes())
}

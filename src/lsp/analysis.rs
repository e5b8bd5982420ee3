//! What the language server answers, as plain functions of a document's
//! text (and the files it cites): diagnostics, hover, completion, go to
//! definition, the outline and the code actions. None of them fails on a
//! half-typed file: they answer less (README "In the editor").

use super::context::{self, Seg};
use super::position::Lines;
use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Lang, Severity};
use crate::edit;
use crate::load::{NodeId, NodeKind, Tree};
use crate::span::Span;
use camino::{Utf8Path, Utf8PathBuf};
use lsp_types as lsp;
use serde_json::Value;

/// What kind of file a document is, from its `document:` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Convention,
    Sdsf,
    Modele,
    Other,
}

pub fn kind(text: &str) -> Kind {
    match top_value(text, "document") {
        Some("convention") => Kind::Convention,
        Some("sdsf") => Kind::Sdsf,
        Some("modele") => Kind::Modele,
        _ => Kind::Other,
    }
}

/// The value of a top-level key written plain on its line (`sdsf:
/// ../sdsf/88.yaml`), read without parsing the file.
pub fn top_value<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    text.lines().find_map(|l| {
        let rest = l.strip_prefix(key)?.strip_prefix(':')?;
        let v = rest.split(" #").next().unwrap_or("").trim();
        (!v.is_empty()).then(|| v.trim_matches(['"', '\'']))
    })
}

/// The findings as LSP diagnostics.
pub fn diagnostics(
    report: &FileReport,
    lines: &Lines,
    uri: &lsp::Uri,
    lang: Lang,
) -> Vec<lsp::Diagnostic> {
    report
        .diagnostics
        .iter()
        .map(|d| diagnostic(d, lines, uri, lang))
        .collect()
}

fn diagnostic(d: &Diagnostic, lines: &Lines, uri: &lsp::Uri, lang: Lang) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), lines.range(l.span.start, l.span.end)),
            message: l.text.get(lang).to_string(),
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(d.span.start, d.span.end),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("ctg".into()),
        message: d.message_and_help(lang),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The code actions on a range: the fixes of the findings there, and an
/// `allow` comment above each finding's line.
pub fn code_actions(
    report: &FileReport,
    text: &str,
    lines: &Lines,
    uri: &lsp::Uri,
    range: lsp::Range,
    lang: Lang,
) -> Vec<lsp::CodeActionOrCommand> {
    // lsp-types keys the edits by `Uri`, which clippy deems mutable.
    #[allow(clippy::mutable_key_type)]
    let edits_of = |spans: Vec<(Span, String)>| {
        let mut changes = std::collections::HashMap::new();
        let edits = spans
            .into_iter()
            .map(|(span, new_text)| lsp::TextEdit::new(lines.range(span.start, span.end), new_text))
            .collect();
        changes.insert(uri.clone(), edits);
        lsp::WorkspaceEdit::new(changes)
    };
    let edit_of = |span: Span, new_text: String| edits_of(vec![(span, new_text)]);
    let mut actions = Vec::new();
    for d in &report.diagnostics {
        // On the lines asked: a client asks for the cursor's position,
        // its line, or a selection.
        let at = lines.range(d.span.start, d.span.end);
        if at.start.line > range.end.line || at.end.line < range.start.line {
            continue;
        }
        let shown = diagnostic(d, lines, uri, lang);
        if let Some(fix) = d.fix.as_deref() {
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: format!("{} ({})", fix.title.get(lang), d.code),
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown.clone()]),
                edit: Some(edit_of(fix.span, fix.replacement.clone())),
                is_preferred: Some(fix.safe),
                ..Default::default()
            }));
        }
        if crate::rules::find(d.code).is_some_and(|r| !r.fixed) {
            let line_start = crate::span::line_start(text, d.span.start.min(text.len()));
            let indent: String = text[line_start..]
                .chars()
                .take_while(|c| *c == ' ')
                .collect();
            let reason = lang.pick("raison à préciser", "reason to give");
            let newline = edit::newline_of(text);
            let comment = format!("{indent}# ctg: allow({}) {reason}{newline}", d.code);
            actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                title: match lang {
                    Lang::Fr => format!("Ajouter « # ctg: allow({}) » au-dessus", d.code),
                    Lang::En => format!("Add `# ctg: allow({})` above", d.code),
                },
                kind: Some(lsp::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown]),
                edit: Some(edit_of(Span::new(line_start, line_start), comment)),
                ..Default::default()
            }));
        }
    }
    // All the safe fixes of the file at once, as `ctg fix` makes them (one
    // round: what they reveal comes with the next check).
    let mut safe: Vec<(Span, String)> = report
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_deref())
        .filter(|f| f.safe)
        .map(|f| (f.span, f.replacement.clone()))
        .collect();
    edit::disjoint(&mut safe, |(s, _)| *s);
    if !safe.is_empty() {
        let n = safe.len();
        actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
            title: match lang {
                Lang::Fr => format!("ctg fix : les {n} corrections sûres du fichier"),
                Lang::En => format!("ctg fix: the file's {n} safe fixes"),
            },
            kind: Some(lsp::CodeActionKind::new("source.fixAll.ctg")),
            edit: Some(edits_of(safe)),
            ..Default::default()
        }));
    }
    actions
}

/// The JSON Schema of a kind of document.
fn schema_of(kind: Kind) -> Option<&'static Value> {
    use std::sync::OnceLock;
    static CONVENTION: OnceLock<Value> = OnceLock::new();
    static SDSF: OnceLock<Value> = OnceLock::new();
    static MODELE: OnceLock<Value> = OnceLock::new();
    Some(match kind {
        Kind::Convention => CONVENTION.get_or_init(crate::schema::json::convention),
        Kind::Sdsf => SDSF.get_or_init(crate::schema::json::sdsf),
        Kind::Modele => MODELE.get_or_init(crate::schema::json::modele),
        Kind::Other => return None,
    })
}

/// The schema's node at a path, `$ref`s followed, through optional and
/// alternative types.
fn schema_at<'s>(root: &'s Value, path: &[Seg]) -> Option<&'s Value> {
    let mut node = resolve(root, root);
    for seg in path {
        node = step(root, node, seg, 0)?;
    }
    Some(node)
}

fn resolve<'s>(root: &'s Value, mut node: &'s Value) -> &'s Value {
    for _ in 0..8 {
        let Some(r) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(name) = r.strip_prefix("#/$defs/") else {
            break;
        };
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(target) => node = target,
            None => break,
        }
    }
    node
}

fn step<'s>(root: &'s Value, node: &'s Value, seg: &Seg, depth: usize) -> Option<&'s Value> {
    if depth > 4 {
        return None;
    }
    let node = resolve(root, node);
    let direct = match seg {
        Seg::Key(k) => node.get("properties").and_then(|p| p.get(k.as_str())),
        Seg::Item => node.get("items"),
    };
    if let Some(found) = direct {
        return Some(resolve(root, found));
    }
    ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|k| node.get(*k).and_then(Value::as_array))
        .flatten()
        .find_map(|alt| step(root, alt, seg, depth + 1))
}

/// The values of a closed list at a schema node, with their French labels.
fn enum_values(root: &Value, node: &Value) -> Vec<(String, String)> {
    let node = resolve(root, node);
    let mut out = Vec::new();
    for key in ["oneOf", "anyOf"] {
        for alt in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let alt = resolve(root, alt);
            if let Some(c) = alt.get("const").and_then(Value::as_str) {
                let label = alt.get("description").and_then(Value::as_str).unwrap_or("");
                out.push((c.to_string(), label.to_string()));
            } else {
                out.extend(enum_values(root, alt));
            }
        }
    }
    for v in node
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(v) = v.as_str() {
            out.push((v.to_string(), String::new()));
        }
    }
    out
}

fn description(node: &Value) -> Option<&str> {
    node.get("description").and_then(Value::as_str)
}

/// The properties a mapping may have, with their descriptions, required
/// first.
fn properties(root: &Value, node: &Value) -> Vec<(String, String, bool)> {
    let node = resolve(root, node);
    let mut out = Vec::new();
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            let d = description(v)
                .or_else(|| description(resolve(root, v)))
                .unwrap_or("");
            out.push((k.clone(), d.to_string(), required.contains(&k.as_str())));
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for alt in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for p in properties(root, alt) {
                if !out.iter().any(|o| o.0 == p.0) {
                    out.push(p);
                }
            }
        }
    }
    out.sort_by_key(|p| !p.2);
    out
}

/// The paths of the items of the list at `list` (`axes[0]`, `axes[1]`…),
/// none when there is no list there.
fn item_paths(tree: &Tree, list: &str) -> Vec<String> {
    match edit::node_at(tree, list).map(|id| &tree.node(id).kind) {
        Some(NodeKind::Seq(items)) => (0..items.len()).map(|i| format!("{list}[{i}]")).collect(),
        _ => Vec::new(),
    }
}

/// What the document cites and holds, read from its tree when it parses
/// (kept by the server from the last text that did).
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub sdsf: Option<String>,
    pub siren: Option<String>,
    pub departement: Option<String>,
    /// Axes: id, title.
    pub axes: Vec<(String, String)>,
    /// The territory's communes: code, name.
    pub communes: Vec<(String, String)>,
    /// Signatories' and associated partners' names.
    pub organismes: Vec<String>,
}

pub fn outline(tree: &Tree) -> Outline {
    let v = |path: &str| edit::value_at(tree, path).map(str::to_string);
    let items = |path: &str| item_paths(tree, path);
    let mut o = Outline {
        sdsf: v("sdsf"),
        siren: v("territoire.siren"),
        departement: v("territoire.departement"),
        ..Outline::default()
    };
    for a in items("axes") {
        if let Some(id) = v(&format!("{a}.id")) {
            o.axes
                .push((id, v(&format!("{a}.intitule")).unwrap_or_default()));
        }
    }
    for c in items("territoire.communes") {
        if let Some(code) = v(&format!("{c}.insee")) {
            o.communes
                .push((code, v(&format!("{c}.nom")).unwrap_or_default()));
        }
    }
    for s in items("signataires")
        .iter()
        .chain(&items("partenaires_associes"))
    {
        if let Some(n) = v(&format!("{s}.nom")) {
            o.organismes.push(n);
        }
    }
    o
}

/// A referential the document cites: its text from the editor when open
/// there, else from the disk.
pub type Reader<'r> = &'r dyn Fn(&Utf8Path) -> Option<String>;

/// The orientations of the referential at `path`: id, title, priority and
/// where the id is written.
fn orientations(path: &Utf8Path, read: Reader) -> Vec<(String, String, bool, Span)> {
    let Some(text) = read(path) else {
        return Vec::new();
    };
    let Ok(tree) = crate::load::parse(&text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for at in item_paths(&tree, "orientations") {
        let Some(id) = edit::node_at(&tree, &format!("{at}.id")) else {
            continue;
        };
        let NodeKind::Scalar(s) = &tree.node(id).kind else {
            continue;
        };
        let title = edit::value_at(&tree, &format!("{at}.intitule")).unwrap_or("");
        let prioritaire = edit::value_at(&tree, &format!("{at}.prioritaire")) == Some("true");
        out.push((
            s.value.to_string(),
            title.to_string(),
            prioritaire,
            tree.span(id),
        ));
    }
    out
}

/// The referential a convention at `doc` cites.
pub fn cited(doc: &Utf8Path, value: &str) -> Utf8PathBuf {
    doc.parent().unwrap_or(Utf8Path::new("")).join(value)
}

/// The Markdown shown on hover at `offset`.
pub fn hover(
    text: &str,
    path: &Utf8Path,
    kind: Kind,
    report: Option<&FileReport>,
    offset: usize,
    read: Reader,
    lang: Lang,
) -> Option<String> {
    let cursor = context::at(text, offset);
    let word = &text[cursor.word.0..cursor.word.1];
    let mut parts: Vec<String> = Vec::new();
    let explain = |rule: &crate::diagnostic::Rule| {
        format!(
            "**{}** — {}\n\n{}",
            rule.code,
            rule.title(lang),
            rule.explanation(lang)
        )
    };
    // A rule's code (in an allow comment, or anywhere).
    if let Some(rule) = crate::rules::find(word).filter(|_| word.len() == 6) {
        parts.push(explain(rule));
    }
    // The findings here, each code once, with its explanation.
    let mut seen: Vec<&str> = Vec::new();
    for d in report.into_iter().flat_map(|r| &r.diagnostics) {
        let here = d.span.start <= offset && offset <= d.span.end.max(d.span.start + 1);
        if !here || seen.contains(&d.code) || d.code.eq_ignore_ascii_case(word) {
            continue;
        }
        seen.push(d.code);
        if let Some(rule) = crate::rules::find(d.code) {
            parts.push(explain(rule));
        }
    }
    let pattern = cursor.pattern();
    if cursor.value {
        if let Some(info) = value_hover(text, path, &cursor, word, &pattern, read) {
            parts.push(info);
        }
    }
    if let Some(root) = schema_of(kind) {
        let mut key_path = cursor.mapping().to_vec();
        let key = if cursor.value {
            match cursor.path.last() {
                Some(Seg::Key(k)) => Some(k.clone()),
                _ => None,
            }
        } else {
            (!word.is_empty()).then(|| word.to_string())
        };
        if let Some(k) = key {
            key_path.push(Seg::Key(k.clone()));
            if let Some(node) = schema_at(root, &key_path) {
                if let Some(d) = description(node) {
                    parts.push(format!("`{k}` — {d}"));
                }
                if cursor.value {
                    if let Some((_, label)) =
                        enum_values(root, node).into_iter().find(|(v, _)| v == word)
                    {
                        parts.push(format!("`{word}` : {label}"));
                    }
                }
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join("\n\n---\n\n"))
}

/// What a value says: a commune's official facts, an SDSF orientation.
fn value_hover(
    text: &str,
    path: &Utf8Path,
    cursor: &context::Cursor,
    word: &str,
    pattern: &str,
    read: Reader,
) -> Option<String> {
    let in_communes = pattern.ends_with("communes[].insee") || pattern.ends_with("communes[]");
    if in_communes && crate::ids::insee_departement(word).is_some() {
        let g = crate::geo::geo();
        let c = g.commune(word)?;
        let mut out = format!("**{}** ({}) — COG {}", c.nom, c.code, g.source);
        if let Some(p) = c.population {
            out.push_str(&format!(
                "\n\npopulation : {}",
                crate::text::figures::thousands(p)
            ));
        }
        if let Some(e) = c.epci.and_then(|s| g.epci(s)) {
            out.push_str(&format!("\n\nEPCI : {} (SIREN {})", e.nom, e.siren));
        }
        return Some(out);
    }
    let in_sdsf = matches!(cursor.path.as_slice(), [.., Seg::Key(k), Seg::Item] if k == "sdsf")
        || matches!(cursor.path.as_slice(), [.., Seg::Item, Seg::Key(k)] if k == "sdsf");
    if in_sdsf && pattern.starts_with("axes[]") {
        let cited = cited(path, top_value(text, "sdsf")?);
        let (id, title, prioritaire, _) = orientations(&cited, read)
            .into_iter()
            .find(|o| o.0 == word)?;
        let p = if prioritaire {
            " — **prioritaire**"
        } else {
            ""
        };
        return Some(format!("**{id}**{p}\n\n{title}\n\n({cited})"));
    }
    None
}

/// The completion items at `offset`.
pub fn completion(
    text: &str,
    path: &Utf8Path,
    kind: Kind,
    outline: &Outline,
    offset: usize,
    read: Reader,
    lines: &Lines,
) -> Vec<lsp::CompletionItem> {
    let cursor = context::at(text, offset);
    let (start, end) = cursor.word;
    // Between quotes already typed, the value goes in without its own.
    let quote = text[..start]
        .chars()
        .next_back()
        .filter(|c| *c == '"' || *c == '\'');
    let range = lines.range(start, end);
    let mut items = items(text, path, kind, outline, &cursor, offset, read);
    for item in &mut items {
        let mut new_text = item
            .insert_text
            .take()
            .unwrap_or_else(|| item.label.clone());
        if let Some(q) = quote {
            if new_text.len() > 1 && new_text.starts_with(q) && new_text.ends_with(q) {
                new_text = new_text[1..new_text.len() - 1].to_string();
            }
        }
        // The word under the cursor is what the item replaces.
        item.text_edit = Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            range, new_text,
        )));
    }
    items
}

/// The items, each with the text it inserts (`insert_text`).
fn items(
    text: &str,
    path: &Utf8Path,
    kind: Kind,
    outline: &Outline,
    cursor: &context::Cursor,
    offset: usize,
    read: Reader,
) -> Vec<lsp::CompletionItem> {
    let pattern = cursor.pattern();
    let item = |label: String, detail: String, insert: String, k: lsp::CompletionItemKind| {
        lsp::CompletionItem {
            filter_text: Some(label.clone()),
            label,
            kind: Some(k),
            detail: (!detail.is_empty()).then_some(detail),
            insert_text: Some(insert),
            ..Default::default()
        }
    };
    let mut out = Vec::new();
    if !cursor.value {
        // The keys still missing from this mapping.
        let Some(root) = schema_of(kind) else {
            return out;
        };
        let Some(node) = schema_at(root, cursor.mapping()) else {
            return out;
        };
        let present = present_keys(text, offset);
        for (k, d, required) in properties(root, node) {
            if present.contains(&k) {
                continue;
            }
            let detail = if required {
                format!("(obligatoire) {d}")
            } else {
                d
            };
            out.push(item(
                k.clone(),
                detail,
                format!("{k}: "),
                lsp::CompletionItemKind::PROPERTY,
            ));
        }
        // In `communes`, an item typed as a name: the whole mapping.
        if pattern == "territoire.communes[]" {
            out.extend(commune_items(outline, true));
        }
        return out;
    }
    if pattern == "actions[].axe" {
        for (id, title) in &outline.axes {
            out.push(item(
                id.clone(),
                title.clone(),
                id.clone(),
                lsp::CompletionItemKind::REFERENCE,
            ));
        }
        return out;
    }
    if matches!(pattern.as_str(), "axes[].sdsf[]" | "axes[].sdsf") {
        if let Some(s) = &outline.sdsf {
            for (id, title, prioritaire, _) in orientations(&cited(path, s), read) {
                let detail = if prioritaire {
                    format!("(prioritaire) {title}")
                } else {
                    title
                };
                out.push(item(
                    id.clone(),
                    detail,
                    id,
                    lsp::CompletionItemKind::REFERENCE,
                ));
            }
        }
        return out;
    }
    if pattern == "territoire.communes[]" {
        return commune_items(outline, true);
    }
    if pattern == "territoire.communes[].insee" {
        return commune_items(outline, false);
    }
    if pattern == "actions[].communes[]" || pattern == "actions[].communes" {
        for (code, nom) in &outline.communes {
            out.push(item(
                nom.clone(),
                code.clone(),
                code.clone(),
                lsp::CompletionItemKind::VALUE,
            ));
        }
        return out;
    }
    if matches!(
        pattern.as_str(),
        "actions[].pilote" | "actions[].partenaires[]"
    ) {
        for n in &outline.organismes {
            out.push(item(
                n.clone(),
                String::new(),
                n.clone(),
                lsp::CompletionItemKind::VALUE,
            ));
        }
    }
    if let Some(root) = schema_of(kind) {
        if let Some(node) = schema_at(root, &cursor.path) {
            for (v, label) in enum_values(root, node) {
                out.push(item(
                    v.clone(),
                    label,
                    v,
                    lsp::CompletionItemKind::ENUM_MEMBER,
                ));
            }
        }
    }
    out
}

/// The communes of the territory's EPCI (official perimeter) not yet
/// listed, by name: the whole `{ nom, insee }` mapping, or the code alone.
fn commune_items(outline: &Outline, whole: bool) -> Vec<lsp::CompletionItem> {
    let g = crate::geo::geo();
    let members: Vec<crate::geo::Commune> = match outline.siren.as_deref().and_then(|s| g.epci(s)) {
        Some(e) => e.membres.iter().filter_map(|m| g.commune(m)).collect(),
        None => match &outline.departement {
            Some(d) => g.communes().filter(|c| c.departement == d).collect(),
            None => Vec::new(),
        },
    };
    members
        .into_iter()
        .filter(|c| !outline.communes.iter().any(|(code, _)| code == c.code))
        .map(|c| lsp::CompletionItem {
            label: c.nom.to_string(),
            filter_text: Some(c.nom.to_string()),
            kind: Some(lsp::CompletionItemKind::VALUE),
            detail: Some(format!("{} — code Insee", c.code)),
            insert_text: Some(if whole {
                crate::geo::commune_item(c.nom, c.code)
            } else {
                format!("\"{}\"", c.code)
            }),
            ..Default::default()
        })
        .collect()
}

/// The keys already written in the block mapping (or flow mapping) the
/// cursor is in.
fn present_keys(text: &str, offset: usize) -> Vec<String> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = crate::span::line_start(text, offset);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let mut keys = Vec::new();
    // A flow mapping on the line: its keys.
    if let Some(open) = line.find('{') {
        for entry in line[open + 1..].split([',', '}']) {
            if let Some((k, _)) = entry.split_once(':') {
                keys.push(k.trim().to_string());
            }
        }
    }
    let col = line.len() - line.trim_start_matches([' ', '-']).len();
    let key_at = |l: &str| -> Option<String> {
        let content = l.trim_start_matches([' ', '-']);
        let c = l.len() - content.len();
        if c != col || content.starts_with('#') {
            return None;
        }
        content.split_once(':').map(|(k, _)| k.trim().to_string())
    };
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    // Up to the mapping's first key (a line less indented, or the `- `
    // that opens the item), then down to its end.
    for l in text[..line_start].lines().rev() {
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        if indent(l) < col {
            break;
        }
        keys.extend(key_at(l));
        if indent(l) == col && l.trim_start().starts_with('-') {
            break;
        }
    }
    for l in text[line_end.min(text.len())..].lines().skip(1) {
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        if indent(l) < col || (indent(l) == col && l.trim_start().starts_with('-')) {
            break;
        }
        keys.extend(key_at(l));
    }
    keys
}

/// The YAML path and node of the scalar at `offset`, in a parsed tree.
fn scalar_at(tree: &Tree, offset: usize) -> Option<(String, NodeId)> {
    edit::find(tree, &|_, id| {
        let span = tree.span(id);
        matches!(tree.node(id).kind, NodeKind::Scalar(_))
            && span.start <= offset
            && offset <= span.end
    })
}

/// Where the value at `offset` is defined: the axis an action names, the
/// orientation an axis cites (in the SDSF file), the file `sdsf:` or
/// `modele:` names. The file and the span there (empty: its start).
pub fn definition(
    text: &str,
    path: &Utf8Path,
    offset: usize,
    read: Reader,
) -> Option<(Utf8PathBuf, Option<Span>)> {
    let tree = crate::load::parse(text).ok()?;
    let (at, id) = scalar_at(&tree, offset)?;
    let NodeKind::Scalar(s) = &tree.node(id).kind else {
        return None;
    };
    let value = s.value.to_string();
    // `actions[3].axe` → `actions[].axe`
    let shape = at
        .split('[')
        .map(|part| part.split_once(']').map_or(part, |(_, rest)| rest))
        .collect::<Vec<_>>()
        .join("[]");
    match shape.as_str() {
        "actions[].axe" => {
            let axe = item_paths(&tree, "axes")
                .into_iter()
                .filter_map(|at| edit::node_at(&tree, &format!("{at}.id")))
                .find(
                    |&id| matches!(&tree.node(id).kind, NodeKind::Scalar(s) if s.value == value),
                )?;
            Some((path.to_path_buf(), Some(tree.span(axe))))
        }
        "axes[].sdsf[]" | "axes[].sdsf" => {
            let cited = cited(path, edit::value_at(&tree, "sdsf")?);
            let (_, _, _, span) = orientations(&cited, read)
                .into_iter()
                .find(|o| o.0 == value)?;
            Some((cited, Some(span)))
        }
        "sdsf" | "modele" => Some((cited(path, &value), None)),
        _ => None,
    }
}

/// The outline: the axes with their actions under them, then the actions
/// whose axis is not found; a referential's orientations.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
pub fn symbols(text: &str, lines: &Lines) -> Vec<lsp::DocumentSymbol> {
    let Ok(tree) = crate::load::parse(text) else {
        return Vec::new();
    };
    let symbol =
        |name: String, detail: Option<String>, item: NodeId, id: NodeId, kind, children| {
            let (r, s) = (tree.span(item), tree.span(id));
            lsp::DocumentSymbol {
                name,
                detail,
                kind,
                tags: None,
                deprecated: None,
                range: lines.range(r.start, r.end),
                selection_range: lines.range(s.start, s.end),
                children,
            }
        };
    let list = |key: &str| -> Vec<(String, String, Option<String>, NodeId, NodeId)> {
        let mut out = Vec::new();
        for at in item_paths(&tree, key) {
            let Some(item) = edit::node_at(&tree, &at) else {
                continue;
            };
            let Some(idn) = edit::node_at(&tree, &format!("{at}.id")) else {
                continue;
            };
            let id = match &tree.node(idn).kind {
                NodeKind::Scalar(s) => s.value.to_string(),
                _ => String::new(),
            };
            let title = edit::value_at(&tree, &format!("{at}.intitule"))
                .unwrap_or("")
                .to_string();
            let axe = edit::value_at(&tree, &format!("{at}.axe")).map(str::to_string);
            out.push((id, title, axe, item, idn));
        }
        out
    };
    let actions = list("actions");
    let axes = list("axes");
    let orientations = list("orientations");
    let mut out = Vec::new();
    for (id, title, _, item, idn) in &axes {
        let children: Vec<lsp::DocumentSymbol> = actions
            .iter()
            .filter(|a| a.2.as_deref() == Some(id.as_str()))
            .map(|(aid, at, _, ai, an)| {
                symbol(
                    format!("{aid} {at}"),
                    None,
                    *ai,
                    *an,
                    lsp::SymbolKind::FUNCTION,
                    None,
                )
            })
            .collect();
        out.push(symbol(
            format!("{id} {title}"),
            Some("axe".into()),
            *item,
            *idn,
            lsp::SymbolKind::NAMESPACE,
            Some(children),
        ));
    }
    for (aid, at, axe, ai, an) in &actions {
        if !axes.iter().any(|a| Some(&a.0) == axe.as_ref()) {
            out.push(symbol(
                format!("{aid} {at}"),
                Some("action".into()),
                *ai,
                *an,
                lsp::SymbolKind::FUNCTION,
                None,
            ));
        }
    }
    for (id, title, _, item, idn) in &orientations {
        out.push(symbol(
            format!("{id} {title}"),
            Some("orientation".into()),
            *item,
            *idn,
            lsp::SymbolKind::NAMESPACE,
            None,
        ));
    }
    out
}

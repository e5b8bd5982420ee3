//! Editing a YAML file in place: a value replaced at its span, a list item
//! removed, everything else kept byte for byte — comments, key order,
//! quoting style, indentation, line endings. The review loop (`ctg
//! relecture --apply`) writes the legal service's changes with it; `ctg
//! fix` and the language server are to use it too (ARCHITECTURE.md).
//!
//! An edit is checked by parsing the result again: the node at the path
//! must hold exactly the new value, or the edit is refused.

use crate::diagnostic::{Fix, Text};
use crate::load::{NodeId, NodeKind, Tree};
use crate::span::{line_start, Span};

/// One replacement of the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// Why an edit cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// No node at that path.
    NoSuchNode(String),
    /// The node is not a text value (a list, a mapping, an alias).
    NotAScalar(String),
    /// Written, the value would not read back as itself.
    WouldNotReadBack(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoSuchNode(p) => write!(f, "aucune valeur à « {p} » dans la source"),
            EditError::NotAScalar(p) => write!(f, "« {p} » n'est pas un texte"),
            EditError::WouldNotReadBack(p) => {
                write!(
                    f,
                    "la nouvelle valeur de « {p} » ne se relirait pas telle quelle"
                )
            }
        }
    }
}

/// The node at a path such as `signataires[2].representants[0].nom`.
pub fn node_at(tree: &Tree, path: &str) -> Option<NodeId> {
    let mut id = tree.root?;
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']').parse::<usize>().ok()?)),
            None => (segment, None),
        };
        let NodeKind::Map(pairs) = &tree.node(id).kind else {
            return None;
        };
        id = pairs.iter().find_map(|&(k, v)| match &tree.node(k).kind {
            NodeKind::Scalar(s) if s.value == key => Some(v),
            _ => None,
        })?;
        if let Some(i) = index {
            let NodeKind::Seq(items) = &tree.node(id).kind else {
                return None;
            };
            id = *items.get(i)?;
        }
    }
    Some(id)
}

/// The text value at a path, if it is one.
pub fn value_at<'t>(tree: &'t Tree, path: &str) -> Option<&'t str> {
    match &tree.node(node_at(tree, path)?).kind {
        NodeKind::Scalar(s) => Some(&s.value),
        _ => None,
    }
}

/// The edit that writes `new` as the value at `path`, in the style the old
/// value was written in when it can hold it (plain stays plain, quotes stay
/// quotes, a block stays a block), re-quoted only when it must be.
pub fn replace_scalar(tree: &Tree, path: &str, new: &str) -> Result<Edit, EditError> {
    let id = node_at(tree, path).ok_or_else(|| EditError::NoSuchNode(path.to_string()))?;
    let mut span = tree.span(id);
    let NodeKind::Scalar(_) = &tree.node(id).kind else {
        return Err(EditError::NotAScalar(path.to_string()));
    };
    // A plain value's span may run over the spaces after it (before a `}`
    // in a flow mapping): those stay.
    if block_header(tree.text, span.start).is_none() {
        span = trimmed(tree.text, span);
    }
    let written = &tree.text[span.start..span.end];
    let flow = in_flow(tree.text, span.start);
    // The writer's style stays: quotes stay quotes (a plain value that had
    // to be quoted once stays quoted when set back: README).
    let header = block_header(tree.text, span.start);
    let replacement = match written.as_bytes().first() {
        _ if header.is_some() => block(written, header.unwrap_or("|"), tree.text, span, new),
        Some(b'\'') if !new.contains('\n') => single_quoted(new),
        Some(b'"') => double_quoted(new),
        _ if can_be_plain(new, flow) => new.to_string(),
        // A plain date (or number) replaced by another stays plain.
        _ if looks_numeric(written) && looks_numeric(new) => new.to_string(),
        _ if !new.contains('\n') => single_quoted(new),
        _ => double_quoted(new),
    };
    let edit = Edit { span, replacement };
    // Read back: the node must hold exactly the new value.
    let text = apply(tree.text, std::slice::from_ref(&edit));
    let reads_back = crate::load::parse(&text)
        .ok()
        .is_some_and(|t| value_at(&t, path) == Some(new));
    if reads_back {
        Ok(edit)
    } else {
        Err(EditError::WouldNotReadBack(path.to_string()))
    }
}

/// Whether `new` can be written plain at `path` (where a plain value is):
/// no quoting forced, so an edit to it and back gives the same bytes.
pub fn writes_plain(tree: &Tree, path: &str, new: &str) -> bool {
    node_at(tree, path).is_some_and(|id| can_be_plain(new, in_flow(tree.text, tree.span(id).start)))
}

/// The path (as [`node_at`] reads it) and the node of the first value,
/// depth first, for which `found(key, value)` holds — `key` being the
/// mapping key it is the value of; the walk goes into the others.
pub fn find(
    tree: &Tree,
    found: &dyn Fn(Option<NodeId>, NodeId) -> bool,
) -> Option<(String, NodeId)> {
    fn walk(
        tree: &Tree,
        id: NodeId,
        found: &dyn Fn(Option<NodeId>, NodeId) -> bool,
        path: &mut String,
        depth: usize,
    ) -> Option<NodeId> {
        if depth > 64 {
            return None;
        }
        let visit = |key: Option<NodeId>, child: NodeId, segment: String, path: &mut String| {
            let len = path.len();
            path.push_str(&segment);
            let hit = if found(key, child) {
                Some(child)
            } else {
                walk(tree, child, found, path, depth + 1)
            };
            if hit.is_none() {
                path.truncate(len);
            }
            hit
        };
        match &tree.node(id).kind {
            NodeKind::Map(pairs) => pairs.iter().find_map(|&(k, v)| {
                let NodeKind::Scalar(key) = &tree.node(k).kind else {
                    return None;
                };
                let dot = if path.is_empty() { "" } else { "." };
                visit(Some(k), v, format!("{dot}{}", key.value), path)
            }),
            NodeKind::Seq(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, &item)| visit(None, item, format!("[{i}]"), path)),
            _ => None,
        }
    }
    let mut path = String::new();
    let id = walk(tree, tree.root?, found, &mut path, 0)?;
    Some((path, id))
}

/// The path of the value whose span starts at `start`, or whose key's does.
pub fn path_at(tree: &Tree, start: usize) -> Option<String> {
    let starts = |id: NodeId| tree.span(id).start == start;
    find(tree, &|key, value| starts(value) || key.is_some_and(starts)).map(|(path, _)| path)
}

/// The fix that writes `new` as the value at `span` (its style kept, as
/// [`replace_scalar`] does), when that value reads back as `new`.
pub fn fix_at(tree: &Tree, span: Span, new: &str, title: Text, safe: bool) -> Option<Fix> {
    let edit = replace_scalar(tree, &path_at(tree, span.start)?, new).ok()?;
    Some(Fix {
        title,
        safe,
        span: edit.span,
        replacement: edit.replacement,
    })
}

/// The edit that appends `items` (each written in flow style: `{ nom:
/// "Éloyes", insee: "88158" }`) to the list at `path`: lines at its items'
/// indentation in a block list, `, item` before a flow list's `]`. Read
/// back: the list must have gained exactly those items.
pub fn append_items(tree: &Tree, path: &str, items: &[String]) -> Result<Edit, EditError> {
    let id = node_at(tree, path).ok_or_else(|| EditError::NoSuchNode(path.to_string()))?;
    let NodeKind::Seq(old) = &tree.node(id).kind else {
        return Err(EditError::NotAScalar(path.to_string()));
    };
    let text = tree.text;
    let Some(&last) = old.last() else {
        return Err(EditError::NoSuchNode(format!("{path}[0]")));
    };
    let end = trimmed(text, tree.span(last)).end;
    let edit = if in_flow(text, tree.span(last).start) {
        Edit {
            span: Span::new(end, end),
            replacement: items.iter().map(|i| format!(", {i}")).collect(),
        }
    } else {
        lines_below(text, tree.span(last).start, end, items)
    };
    let after = apply(text, std::slice::from_ref(&edit));
    let gained = crate::load::parse(&after).ok().is_some_and(|t| {
        node_at(&t, path).is_some_and(|id| match &t.node(id).kind {
            NodeKind::Seq(new) => {
                new.len() == old.len() + items.len()
                    && new[old.len()..]
                        .iter()
                        .zip(items)
                        .all(|(&n, item)| after[t.span(n).start..].starts_with(item.as_str()))
            }
            _ => false,
        })
    });
    if gained {
        Ok(edit)
    } else {
        Err(EditError::WouldNotReadBack(path.to_string()))
    }
}

/// The edit that removes the item at `path` (`actions[2].partenaires[1]`)
/// from its list, its line and its comment with it in a block list, its
/// comma in a flow list.
pub fn remove_item(tree: &Tree, path: &str) -> Result<Edit, EditError> {
    let id = node_at(tree, path).ok_or_else(|| EditError::NoSuchNode(path.to_string()))?;
    let span = tree.span(id);
    let text = tree.text;
    let edit = if in_flow(text, span.start) {
        // `[a, b, c]`: the item and the comma after it (or before it, last).
        let after = &text[span.end..];
        let comma = after.len() - after.trim_start().len();
        if after[comma..].starts_with(',') {
            let rest = &after[comma + 1..];
            let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            Span::new(span.start, span.end + comma + 1 + spaces)
        } else {
            let before = &text[..span.start];
            let start = before
                .trim_end()
                .strip_suffix(',')
                .map_or(span.start, |b| b.len());
            Span::new(start, span.end)
        }
    } else {
        // `- item`: the whole line or lines, from the line's start.
        let line_start = line_start(text, span.start);
        let end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i + 1);
        Span::new(line_start, end)
    };
    Ok(Edit {
        span: edit,
        replacement: String::new(),
    })
}

/// The edit that makes `key` of the mapping at `map` hold `yaml` (a value
/// written in flow style: `en_cours`, `{ 2023: 12, 2024: 18 }`): the old
/// value replaced whole when the key is there, else the key added after
/// the mapping's last one — `, key: yaml` before a flow mapping's `}`, a
/// line at the keys' indentation in a block mapping, with the file's line
/// ends. Read back: the key must hold exactly `yaml`.
pub fn set_key(tree: &Tree, map: &str, key: &str, yaml: &str) -> Result<Edit, EditError> {
    let full = format!("{map}.{key}");
    let text = tree.text;
    let edit = if let Some(id) = node_at(tree, &full) {
        let mut span = trimmed(text, tree.span(id));
        // A flow collection's span stops before its closing bracket.
        if text[span.start..].starts_with(['{', '[']) {
            let rest = &text[span.end..];
            let close = rest.len() - rest.trim_start().len();
            if rest[close..].starts_with(['}', ']']) {
                span = Span::new(span.start, span.end + close + 1);
            }
        }
        Edit {
            span,
            replacement: yaml.to_string(),
        }
    } else {
        let id = node_at(tree, map).ok_or_else(|| EditError::NoSuchNode(map.to_string()))?;
        let NodeKind::Map(pairs) = &tree.node(id).kind else {
            return Err(EditError::NotAScalar(map.to_string()));
        };
        let Some(&(last_key, last_value)) = pairs.last() else {
            return Err(EditError::NoSuchNode(full));
        };
        let end = trimmed(text, tree.span(last_value)).end;
        if text[tree.span(id).start..].starts_with('{') {
            Edit {
                span: Span::new(end, end),
                replacement: format!(", {key}: {yaml}"),
            }
        } else {
            lines_below(
                text,
                tree.span(last_key).start,
                end,
                &[format!("{key}: {yaml}")],
            )
        }
    };
    let after = apply(text, std::slice::from_ref(&edit));
    let reads_back = crate::load::parse(&after).ok().is_some_and(|t| {
        // A flow collection's span stops before its closing bracket.
        node_at(&t, &full).is_some_and(|id| {
            let at = &after[t.span(id).start..];
            at.starts_with(yaml) && !at[yaml.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
    });
    if reads_back {
        Ok(edit)
    } else {
        Err(EditError::WouldNotReadBack(full))
    }
}

/// The edit that writes `lines` below the line of the node starting at
/// `start` and ending at `end`, each with what that line has before the
/// node (its indentation, and the `- ` of a list item), with the file's
/// line ends; at the end of a file without a last line end, none added.
fn lines_below(text: &str, start: usize, end: usize, lines: &[String]) -> Edit {
    let line_start = line_start(text, start);
    let indent = &text[line_start..start];
    let newline = newline_of(text);
    let written: Vec<String> = lines.iter().map(|l| format!("{indent}{l}")).collect();
    let written = written.join(newline);
    match text[end..].find('\n') {
        Some(i) => Edit {
            span: Span::new(end + i + 1, end + i + 1),
            replacement: format!("{written}{newline}"),
        },
        None => Edit {
            span: Span::new(text.len(), text.len()),
            replacement: format!("{newline}{written}"),
        },
    }
}

/// The line end a file is written with: `\r\n` if it has one, else `\n`.
pub fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// `items` in the order of their spans, each overlapping the one kept
/// before it (or inserting at the same place) dropped: the first of two
/// edits of the same bytes wins.
pub fn disjoint<T>(items: &mut Vec<T>, span: impl Fn(&T) -> Span) {
    items.sort_by_key(|i| {
        let s = span(i);
        (s.start, s.end)
    });
    items.dedup_by(|later, kept| {
        let (l, k) = (span(later), span(kept));
        l.start < k.end.max(k.start + 1)
    });
}

/// The text with the edits made (they must not overlap).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.span.start < at {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A span without the spaces a plain value's span may run over (before a
/// `}` in a flow mapping, before a comment).
fn trimmed(text: &str, span: Span) -> Span {
    Span::new(
        span.start,
        span.start + text[span.start..span.end].trim_end().len(),
    )
}

/// Whether the node starting at `start` sits in a flow collection (`[…]`,
/// `{…}`, which may span lines): its plain values cannot hold `,[]{}`.
fn in_flow(text: &str, start: usize) -> bool {
    let mut depth = 0i32;
    for c in text[..start].chars().rev() {
        match c {
            ']' | '}' => depth += 1,
            '[' | '{' if depth == 0 => return true,
            '[' | '{' => depth -= 1,
            _ => {}
        }
    }
    false
}

/// Whether a text reads back as itself written plain.
fn can_be_plain(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let reserved = matches!(
        s,
        "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    );
    !reserved
        && !looks_numeric(s)
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !first.is_whitespace()
        && !s.ends_with(char::is_whitespace)
        && !s.contains(": ")
        && !s.ends_with(':')
        && !s.contains(" #")
        && !s.contains(['\n', '\t', '\r'])
        && !(flow && s.contains([',', '[', ']', '{', '}']))
}

/// A number, a date or a time as YAML 1.1 readers may take it.
fn looks_numeric(s: &str) -> bool {
    s.parse::<f64>().is_ok()
        || s.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
            && s.bytes()
                .all(|b| b.is_ascii_digit() || b"-:.+eE_".contains(&b))
}

fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The header of the block scalar whose text starts at `start` (`|`,
/// `>-`…), if it is one: the last word of the line before.
fn block_header(text: &str, start: usize) -> Option<&str> {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let before = before.strip_suffix('\n')?.trim_end_matches('\r');
    let word = before.rsplit([' ', '\t']).next()?;
    word.starts_with(['|', '>']).then_some(word)
}

/// A block scalar's text rewritten in place (its header stays): the value's
/// lines at the block's indentation, a line break written as a blank line
/// in a folded block; what the span held after its last line (the next
/// line's indentation) kept.
fn block(written: &str, header: &str, text: &str, span: Span, new: &str) -> String {
    let line_start = line_start(text, span.start);
    let indent = &text[line_start..span.start];
    let eol = newline_of(written);
    let folded = header.starts_with('>');
    let mut out = String::new();
    for (i, line) in new.trim_end_matches('\n').split('\n').enumerate() {
        if i > 0 {
            out.push_str(eol);
            if folded {
                out.push_str(eol);
            }
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    if let Some(last) = written.rfind('\n') {
        out.push_str(eol);
        out.push_str(&written[last + 1..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(text: &str, path: &str, new: &str) -> Result<String, EditError> {
        let tree = crate::load::parse(text).unwrap();
        let e = replace_scalar(&tree, path, new)?;
        Ok(apply(text, &[e]))
    }

    #[test]
    fn a_key_is_set_where_it_is_or_added_after_the_last() {
        let set = |text: &str, map: &str, key: &str, yaml: &str| {
            let tree = crate::load::parse(text).unwrap();
            set_key(&tree, map, key, yaml).map(|e| apply(text, &[e]))
        };
        let flow = "actions:\n  - indicateurs:\n      - { libelle: Places, cible: 40 } # note\n";
        assert_eq!(
            set(flow, "actions[0].indicateurs[0]", "realise", "{ 2023: 12 }").unwrap(),
            "actions:\n  - indicateurs:\n      - { libelle: Places, cible: 40, realise: { 2023: 12 } } # note\n"
        );
        let block = "actions:\r\n  - id: \"1\"\r\n    intitule: Relais # le titre\r\n# fin\r\n";
        assert_eq!(
            set(block, "actions[0]", "statut", "en_cours").unwrap(),
            "actions:\r\n  - id: \"1\"\r\n    intitule: Relais # le titre\r\n    statut: en_cours\r\n# fin\r\n"
        );
        let there = "a:\n  statut: prevue # x\n  b: 1\n";
        assert_eq!(
            set(there, "a", "statut", "realisee").unwrap(),
            "a:\n  statut: realisee # x\n  b: 1\n"
        );
        let yearly = "x: { cible: 40, realise: { 2023: 12 } }\n";
        assert_eq!(
            set(yearly, "x", "realise", "{ 2023: 12, 2024: 18 }").unwrap(),
            "x: { cible: 40, realise: { 2023: 12, 2024: 18 } }\n"
        );
        let no_end = "a:\n  b: 1";
        assert_eq!(set(no_end, "a", "c", "2").unwrap(), "a:\n  b: 1\n  c: 2");
        assert!(set(there, "a", "statut", "x: y: z").is_err());
        assert_eq!(
            set(there, "z", "k", "1"),
            Err(EditError::NoSuchNode("z".into()))
        );
    }

    #[test]
    fn a_value_keeps_its_style_and_everything_else_its_bytes() {
        let text = "# tête\r\nnom: Caf des Vosges # le nom\r\nalias: 'la Caf'\r\nqualite: \"Directeur\"\r\nliste: [a, b]\r\n";
        assert_eq!(
            edit(text, "nom", "Caf du Doubs").unwrap(),
            "# tête\r\nnom: Caf du Doubs # le nom\r\nalias: 'la Caf'\r\nqualite: \"Directeur\"\r\nliste: [a, b]\r\n"
        );
        assert_eq!(
            edit(text, "alias", "l'Udaf").unwrap(),
            "# tête\r\nnom: Caf des Vosges # le nom\r\nalias: 'l''Udaf'\r\nqualite: \"Directeur\"\r\nliste: [a, b]\r\n"
        );
        assert!(edit(text, "qualite", "Directrice \"adjointe\"")
            .unwrap()
            .contains("qualite: \"Directrice \\\"adjointe\\\"\"\r\n"));
        // Re-quoted only when it must be.
        assert!(edit(text, "nom", "Caf : Vosges")
            .unwrap()
            .contains("nom: 'Caf : Vosges' # le nom"));
        assert!(edit(text, "nom", "2023").unwrap().contains("nom: '2023' #"));
        assert!(edit(text, "liste[1]", "c, d")
            .unwrap()
            .contains("liste: [a, 'c, d']"));
        assert_eq!(
            edit(text, "absent", "x"),
            Err(EditError::NoSuchNode("absent".into()))
        );
    }

    #[test]
    fn block_values_stay_blocks() {
        let text = "a:\n  description: |\n    Ligne un.\n    Ligne deux.\n  b: 1\n";
        assert_eq!(
            edit(text, "a.description", "Ligne un.\nLigne trois.\n").unwrap(),
            "a:\n  description: |\n    Ligne un.\n    Ligne trois.\n  b: 1\n"
        );
        let folded = "texte:\n  - >-\n    Un long\n    paragraphe.\nfin: 1\n";
        assert_eq!(
            edit(folded, "texte[0]", "Un paragraphe plus court.").unwrap(),
            "texte:\n  - >-\n    Un paragraphe plus court.\nfin: 1\n"
        );
    }

    #[test]
    fn list_items_are_removed_with_their_line_or_comma() {
        let text = "p:\n  - Caf\n  - CCPVM # pilote\n  - PMI\nq: [a, b, c]\n";
        let tree = crate::load::parse(text).unwrap();
        let e = remove_item(&tree, "p[1]").unwrap();
        assert_eq!(apply(text, &[e]), "p:\n  - Caf\n  - PMI\nq: [a, b, c]\n");
        let e = remove_item(&tree, "q[1]").unwrap();
        assert_eq!(
            apply(text, &[e]),
            "p:\n  - Caf\n  - CCPVM # pilote\n  - PMI\nq: [a, c]\n"
        );
        let e = remove_item(&tree, "q[2]").unwrap();
        assert_eq!(
            apply(text, &[e]),
            "p:\n  - Caf\n  - CCPVM # pilote\n  - PMI\nq: [a, b]\n"
        );
    }

    #[test]
    fn no_edit_leaves_the_bytes_and_an_edit_then_its_inverse_gives_them_back() {
        for text in [
            std::fs::read_to_string("tests/fixtures/render/complete.yaml").unwrap(),
            std::fs::read_to_string("conventions/vendee/sud-vendee-littoral-2019.yaml").unwrap(),
        ] {
            assert_eq!(apply(&text, &[]), text);
            let tree = crate::load::parse(&text).unwrap();
            for path in [
                "signataires[0].nom",
                "actions[0].intitule",
                "territoire.nom",
            ] {
                let old = value_at(&tree, path).unwrap().to_string();
                let changed = apply(
                    &text,
                    &[replace_scalar(&tree, path, "Un texte relu, « en entier »").unwrap()],
                );
                let tree2 = crate::load::parse(&changed).unwrap();
                let back = apply(&changed, &[replace_scalar(&tree2, path, &old).unwrap()]);
                assert_eq!(back, text, "{path}");
            }
        }
    }
}

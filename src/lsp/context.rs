//! Where the cursor is in a YAML file being typed, read from the lines
//! above it and the line it is on, so that it works on half-typed text
//! that does not parse: the chain of keys and list items that leads to it,
//! and whether it is on a key or on a value.

/// One step of a path: a mapping's key, or an item of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Item,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// The containers the cursor is in, outermost first. On a value, the
    /// last step is the value's key (or `Item` in a list).
    pub path: Vec<Seg>,
    /// On a value (after `key:` or `- `), not on a key.
    pub value: bool,
    /// The word under the cursor: its byte range in the text.
    pub word: (usize, usize),
}

impl Cursor {
    /// The path as the JSON Schema and the features read it:
    /// `actions[].axe`, `axes[].sdsf[]`.
    pub fn pattern(&self) -> String {
        let mut out = String::new();
        for s in &self.path {
            match s {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Item => out.push_str("[]"),
            }
        }
        out
    }

    /// The keys of the mapping the cursor is in (on a key), or of the
    /// mapping that holds the value's key.
    pub fn mapping(&self) -> &[Seg] {
        match (self.value, self.path.last()) {
            (true, Some(_)) => &self.path[..self.path.len() - 1],
            _ => &self.path,
        }
    }
}

/// A line of block YAML: where its content starts, the list dashes before
/// it, its key and whether the key has a value on the line.
struct Line<'t> {
    /// Columns of the `- ` before the content.
    dashes: Vec<usize>,
    /// Column of the content (after the dashes).
    content: usize,
    key: Option<&'t str>,
    /// The text after `key:` (trimmed, comment dropped).
    rest: &'t str,
}

fn parse_line(line: &str) -> Option<Line<'_>> {
    let mut col = line.len() - line.trim_start_matches(' ').len();
    let mut dashes = Vec::new();
    while line[col..].starts_with("- ") || &line[col..] == "-" {
        dashes.push(col);
        col += 1;
        col += line[col..].len() - line[col..].trim_start_matches(' ').len();
    }
    let content = &line[col..];
    if content.starts_with('#') || (content.trim().is_empty() && dashes.is_empty()) {
        return None;
    }
    let (key, rest) = match key_of(content) {
        Some((k, r)) => (Some(k), r),
        None => (None, content),
    };
    let rest = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest,
    };
    Some(Line {
        dashes,
        content: col,
        key,
        rest: rest.trim(),
    })
}

/// `key: rest` or `key:` at the start of a block line's content (a plain
/// or quoted key), not a flow collection.
fn key_of(content: &str) -> Option<(&str, &str)> {
    if content.starts_with(['{', '[']) {
        return None;
    }
    let quoted = content.starts_with(['"', '\'']);
    let search_from = if quoted {
        content[1..].find(content.as_bytes()[0] as char)? + 2
    } else {
        0
    };
    let colon = content[search_from..]
        .match_indices(':')
        .map(|(i, _)| i + search_from)
        .find(|&i| content[i + 1..].is_empty() || content[i + 1..].starts_with([' ', '\t']))?;
    let key = content[..colon].trim().trim_matches(['"', '\'']);
    Some((key, &content[colon + 1..]))
}

/// The cursor at byte `offset` of `text`.
pub fn at(text: &str, offset: usize) -> Cursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = crate::span::line_start(text, offset);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let col = (offset - line_start).min(line.len());
    let word = word_at(line_start, line, col);

    // The line the cursor is on, up to the cursor.
    let before = &line[..col];
    let mut tail: Vec<Seg> = Vec::new();
    let mut value = false;
    let mut indent = before.len() - before.trim_start_matches(' ').len();
    if let Some(own) = parse_line(before) {
        indent = own.dashes.first().copied().unwrap_or(own.content);
        tail.extend(own.dashes.iter().map(|_| Seg::Item));
        // After `- ` or `key:`, a value; a word alone is a key being typed.
        value = !own.dashes.is_empty() || own.key.is_some();
        if let Some(k) = own.key {
            tail.push(Seg::Key(k.to_string()));
        }
        if value {
            flow(own.rest, &mut tail);
            // In a flow mapping, before the `:` of its entry: on a key.
            if open_flow(own.rest) == Some('{') {
                let entry = own.rest.rsplit([',', '{']).next().unwrap_or("");
                value = entry.contains(':');
            }
        }
    }
    // The lines above: each one less indented than the last taken is a
    // container.
    let mut limit = indent;
    let mut head: Vec<Seg> = Vec::new();
    for l in text[..line_start].lines().rev() {
        if limit == 0 {
            break;
        }
        let Some(l) = parse_line(l.trim_end_matches('\r')) else {
            continue;
        };
        let start = l.dashes.first().copied().unwrap_or(l.content);
        if l.content < limit && l.key.is_some() && l.rest.is_empty() {
            // `key:` opening a block below it.
            head.push(Seg::Key(l.key.unwrap_or_default().to_string()));
            head.extend(
                l.dashes
                    .iter()
                    .rev()
                    .filter(|&&d| d < limit)
                    .map(|_| Seg::Item),
            );
            limit = start;
        } else if start < limit {
            // An item (`- key: value`) whose mapping the cursor is in.
            let inside = l.dashes.iter().rev().filter(|&&d| d < limit).count();
            if inside > 0 && l.content <= limit {
                head.extend(std::iter::repeat_n(Seg::Item, inside));
                limit = start;
            } else if l.content < limit {
                limit = start;
            }
        }
    }
    head.reverse();
    head.extend(tail);
    Cursor {
        path: head,
        value,
        word,
    }
}

/// The containers of flow collections left open in `rest`, pushed on the
/// path: an item of a `[`, the key being written in a `{`.
fn flow(rest: &str, path: &mut Vec<Seg>) {
    let mut stack: Vec<(char, Option<String>)> = Vec::new();
    let mut token = String::new();
    let mut quote: Option<char> = None;
    for c in rest.chars() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else {
                token.push(c);
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '{' | '[' => {
                stack.push((c, None));
                token.clear();
            }
            '}' | ']' => {
                stack.pop();
                token.clear();
            }
            ':' => {
                if let Some(top) = stack.last_mut() {
                    top.1 = Some(token.trim().to_string());
                }
                token.clear();
            }
            ',' => {
                if let Some(top) = stack.last_mut() {
                    top.1 = None;
                }
                token.clear();
            }
            _ => token.push(c),
        }
    }
    for (open, key) in stack {
        if open == '[' {
            path.push(Seg::Item);
        } else if let Some(k) = key {
            path.push(Seg::Key(k));
        }
    }
}

/// The innermost flow collection left open in `rest`.
fn open_flow(rest: &str) -> Option<char> {
    let mut stack = Vec::new();
    let mut quote: Option<char> = None;
    for c in rest.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{' | '[') => stack.push(c),
            (None, '}' | ']') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// The word around column `col` of `line`: letters, digits, `_-.'’`
/// (ids, codes, enum values, commune names' pieces).
fn word_at(line_start: usize, line: &str, col: usize) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric() || "_-.".contains(c);
    let start = line[..col]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(col, |(i, _)| i);
    let end = line[col..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(line.len(), |(i, _)| col + i);
    (line_start + start, line_start + end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(text: &str) -> (String, bool) {
        let at_ = text.find('|').unwrap();
        let text = text.replace('|', "");
        let c = at(&text, at_);
        (c.pattern(), c.value)
    }

    #[test]
    fn paths_of_block_and_flow_positions_in_half_typed_text() {
        let conv = "territoire:\n  nom: CC\n  communes:\n    - { nom: Vecoux, insee: \"88|\" }\n";
        assert_eq!(cursor(conv), ("territoire.communes[].insee".into(), true));
        let t = "actions:\n  - id: \"1.1\"\n    axe: A|\n";
        assert_eq!(cursor(t), ("actions[].axe".into(), true));
        let t = "actions:\n  - id: \"1.1\"\n    ax|\n";
        assert_eq!(cursor(t), ("actions[]".into(), false));
        let t = "axes:\n  - id: A1\n    sdsf: [petite-enfance, ac|\n";
        assert_eq!(cursor(t), ("axes[].sdsf[]".into(), true));
        let t = "champs:\n  - parent|\n";
        assert_eq!(cursor(t), ("champs[]".into(), true));
        let t = "statut: pro|\n";
        assert_eq!(cursor(t), ("statut".into(), true));
        let t = "territoire:\n  nom: CC\n  |\n";
        assert_eq!(cursor(t), ("territoire".into(), false));
        let t = "signataires:\n  - organisme: caf\n    representants:\n      - { nom: X, qualite: Y }\n  - organisme: c|\n";
        assert_eq!(cursor(t), ("signataires[].organisme".into(), true));
        let t =
            "signataires:\n  - organisme: caf\n    representants:\n      - nom: X\n        civ|\n";
        assert_eq!(cursor(t), ("signataires[].representants[]".into(), false));
        let t = "territoire:\n  communes:\n    - { nom: Vecoux, ins|";
        assert_eq!(cursor(t), ("territoire.communes[]".into(), false));
        // Comments and blank lines between do not count.
        let t = "periode:\n  # le début\n\n  debut: 2023-01-01\n  fin: 20|\n";
        assert_eq!(cursor(t), ("periode.fin".into(), true));
    }
}

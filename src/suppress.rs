//! Inline suppression: `# ctg: allow(CTG503) reason` on the line above a
//! node silences those codes for that node (and what it contains).

use crate::diagnostic::Diagnostic;
use crate::load::{NodeKind, Tree};
use crate::span::Span;

/// One `allow` comment and the region of the file it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    pub codes: Vec<String>,
    pub region: Span,
}

/// The codes of an `allow` comment line, if it is one.
fn parse_comment(line: &str) -> Option<Vec<String>> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start();
    let rest = rest.strip_prefix("ctg:")?.trim_start();
    let rest = rest.strip_prefix("allow(")?;
    let (codes, _reason) = rest.split_once(')')?;
    Some(
        codes
            .split(',')
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .collect(),
    )
}

/// Every `allow` comment of a file, with the region of the node below it:
/// the entry (`key: value`) or the list item (`- …`) that starts on the
/// next line that is neither blank nor a comment.
pub fn allows(tree: &Tree) -> Vec<Allow> {
    let text = tree.text;
    // Most files have none: skip the line-by-line pass.
    if !text.contains("ctg:") {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        lines.push((start, line));
        start += line.len();
    }
    let mut found = Vec::new();
    for (i, &(at, line)) in lines.iter().enumerate() {
        let Some(codes) = parse_comment(line) else {
            continue;
        };
        // A `#` inside a block scalar is text, not a comment.
        let hash = at + line.find('#').unwrap_or(0);
        if tree
            .scalars()
            .any(|(span, _)| span.start <= hash && hash < span.end)
        {
            continue;
        }
        let target = lines[i + 1..].iter().find(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        });
        let Some(&(line_start, target)) = target else {
            continue;
        };
        let line_end = line_start + target.trim_end().len();
        let region = node_region(tree, line_start, line_end);
        found.push(Allow { codes, region });
    }
    found
}

/// From the start of the line to the end of what starts on it: the values
/// of keys written on the line, and list items whose dash is on it.
fn node_region(tree: &Tree, line_start: usize, line_end: usize) -> Span {
    let on_line = |s: Span| line_start <= s.start && s.start < line_end.max(line_start + 1);
    let is_item = |s: Span| {
        let before = &tree.text[line_start..s.start];
        before.trim_start().starts_with('-')
            && before.trim().chars().all(|c| c == '-' || c.is_whitespace())
    };
    let mut end = line_end;
    for node in tree.nodes() {
        match &node.kind {
            NodeKind::Map(pairs) => {
                for &(k, v) in pairs {
                    if on_line(tree.span(k)) {
                        end = end.max(tree.span(v).end);
                    }
                }
            }
            // A block sequence starts at its first dash: not one node.
            NodeKind::Seq(_) if tree.text[node.span.start..].starts_with('-') => continue,
            _ => {}
        }
        if on_line(node.span) && is_item(node.span) {
            end = end.max(node.span.end);
        }
    }
    Span::new(line_start, end)
}

/// Drops the findings an `allow` covers. The codes that say the file could
/// not be read (CTG001–CTG005) are never silenced.
pub fn apply(diagnostics: &mut Vec<Diagnostic>, allows: &[Allow]) {
    if allows.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        crate::config::is_fixed(d.code)
            || !allows.iter().any(|a| {
                a.region.start <= d.span.start
                    && d.span.start < a.region.end.max(a.region.start + 1)
                    && a.codes.iter().any(|c| c == d.code)
            })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(text: &str) -> Vec<(Vec<String>, &str)> {
        let tree = crate::load::parse(text).unwrap();
        allows(&tree)
            .into_iter()
            .map(|a| (a.codes, &text[a.region.start..a.region.end]))
            .collect()
    }

    #[test]
    fn an_allow_covers_the_node_below_it() {
        let text = "axes:\n  # ctg: allow(CTG403, ctg404) axe propre au territoire\n  - id: A1\n    intitule: X\n  - id: A2\n";
        assert_eq!(
            regions(text),
            [(
                vec!["CTG403".to_string(), "CTG404".to_string()],
                "  - id: A1\n    intitule: X"
            )]
        );
        let text = "territoire:\n  # ctg: allow(CTG101) raison\n\n  siren: \"123\"\n  nom: X\n";
        assert_eq!(regions(text)[0].1, "  siren: \"123\"");
        let text = "# ctg: allow(CTG301) raison\nsignataires:\n  - a\n  - b\nchamps: []\n";
        assert_eq!(regions(text)[0].1, "signataires:\n  - a\n  - b");
        let text = "notes: |\n  # ctg: allow(CTG308) pas un commentaire\n  x\n";
        assert!(regions(text).is_empty());
        let text = "# ctg: allow CTG301\na: 1\n";
        assert!(regions(text).is_empty());
    }
}

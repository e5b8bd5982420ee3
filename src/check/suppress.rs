//! Inline suppression: `# ctg: allow(CTG503) reason` on the line above a
//! node silences those codes for that node (and what it contains). A
//! comment without a reason silences nothing; one on an unknown code, or
//! on a code that is never silenced, says so (CTG007); one that silences
//! nothing says so too (CTG008).

use crate::diagnostic::Diagnostic;
use crate::load::{NodeKind, Tree};
use crate::rules::allow::{CTG007, CTG008};
use crate::span::Span;
use crate::t;

/// One `allow` comment and the region of the file it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    pub codes: Vec<String>,
    pub region: Span,
    /// The comment itself, where its findings point.
    pub comment: Span,
    /// Whether it gives a reason: without one it silences nothing.
    pub reasoned: bool,
}

/// The codes and the reason of an `allow` comment line, if it is one.
fn parse_comment(line: &str) -> Option<(Vec<String>, &str)> {
    let rest = line.trim_start().strip_prefix('#')?.trim_start();
    let rest = rest.strip_prefix("ctg:")?.trim_start();
    let rest = rest.strip_prefix("allow(")?;
    let (codes, reason) = rest.split_once(')')?;
    let codes = codes
        .split(',')
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    // A further comment after the reason is not the reason:
    // `# ctg: allow(CTG403) # à voir` gives none.
    let reason = reason.split_once('#').map_or(reason, |(r, _)| r);
    Some((codes, reason.trim()))
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
        let Some((codes, reason)) = parse_comment(line) else {
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
        let comment = Span::new(hash, at + line.trim_end().len());
        found.push(Allow {
            codes,
            region,
            comment,
            reasoned: !reason.is_empty(),
        });
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

/// Drops the findings an `allow` covers, and adds what is wrong with the
/// comments themselves: no reason, an unknown code or one that is never
/// silenced (CTG007), nothing silenced (CTG008). The codes that say the
/// file could not be read (CTG001–CTG005) are never silenced. Unused
/// comments are said only when `complete`: every rule ran on the file.
pub fn apply(diagnostics: &mut Vec<Diagnostic>, allows: &[Allow], complete: bool) {
    if allows.is_empty() {
        return;
    }
    let covers = |a: &Allow, code: &str, d: &Diagnostic| {
        a.reasoned
            && a.region.start <= d.span.start
            && d.span.start < a.region.end.max(a.region.start + 1)
            && a.codes.iter().any(|c| c == code)
    };
    let mut used = vec![Vec::new(); allows.len()];
    diagnostics.retain(|d| {
        if crate::check::config::is_fixed(d.code) {
            return true;
        }
        let mut silenced = false;
        for (i, a) in allows.iter().enumerate() {
            if covers(a, d.code, d) {
                silenced = true;
                if !used[i].contains(&d.code) {
                    used[i].push(d.code);
                }
            }
        }
        !silenced
    });
    for (a, used) in allows.iter().zip(used) {
        diagnostics.extend(findings(a, &used, complete));
    }
}

/// What is wrong with one comment, given the codes it did silence.
fn findings(a: &Allow, used: &[&str], complete: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !a.reasoned {
        out.push(
            Diagnostic::new(
                &CTG007,
                a.comment,
                t!(
                    "commentaire allow sans raison : il ne fait taire aucun constat",
                    "allow comment without a reason: it silences nothing"
                ),
            )
            .with_help(t!(
                "dites pourquoi après la parenthèse : # ctg: allow(CODE) raison",
                "say why after the parenthesis: # ctg: allow(CODE) reason"
            )),
        );
    }
    for code in &a.codes {
        match crate::rules::find(code) {
            None => {
                let near = crate::rules::nearest(code).join(", ");
                out.push(
                    Diagnostic::new(
                        &CTG007,
                        a.comment,
                        t!(
                            "code inconnu « {code} » dans un commentaire allow",
                            "unknown code `{code}` in an allow comment"
                        ),
                    )
                    .with_help(t!("codes voisins : {near}", "nearest codes: {near}")),
                );
            }
            Some(rule) if crate::check::config::is_fixed(rule.code) => out.push(Diagnostic::new(
                &CTG007,
                a.comment,
                t!(
                    "{code} ne se fait jamais taire : il dit que le fichier ne se lit pas",
                    "{code} is never silenced: it says the file cannot be read"
                ),
            )),
            Some(rule) if complete && a.reasoned && !used.contains(&rule.code) => out.push(Diagnostic::new(
                &CTG008,
                a.comment,
                t!(
                    "commentaire allow({code}) sans effet : aucun constat {code} sur le nœud qui suit",
                    "allow({code}) silences nothing: no {code} finding on the node below"
                ),
            )
            .with_help(t!(
                "retirez-le, ou placez-le juste au-dessus du nœud visé",
                "remove it, or put it just above the node it is meant for"
            ))),
            Some(_) => {}
        }
    }
    out
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

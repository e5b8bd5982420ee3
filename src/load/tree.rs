//! A light YAML tree: every node carries its byte span, aliases point at
//! their anchor, and building it never recurses (deep nesting is safe).

use crate::diagnostic::{Diagnostic, Text};
use crate::span::Span;
use crate::t;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use std::borrow::Cow;
use std::collections::HashMap;

pub type NodeId = usize;

/// How many nodes aliases may add on top of those written in the file. A
/// convention never needs many; "billion laughs" files need billions.
pub const ALIAS_EXPANSION_BUDGET: usize = 100_000;

/// How deep collections may nest. A convention needs six levels
/// (`actions[].indicateurs[].libelle`); the bound keeps hostile nesting
/// from costing time or memory anywhere after the parser.
pub const MAX_DEPTH: usize = 64;

/// How many nodes (keys, values, items) a file may hold: a thousand times a
/// real convention's, and about 250 MB of memory at most once built.
/// (The messages say "a million".)
pub const MAX_NODES: usize = 1_000_000;

#[derive(Debug)]
pub struct Tree<'a> {
    /// The text the spans point into.
    pub text: &'a str,
    nodes: Vec<Node<'a>>,
    pub root: Option<NodeId>,
}

#[derive(Debug)]
pub struct Node<'a> {
    pub span: Span,
    pub kind: NodeKind<'a>,
}

#[derive(Debug)]
pub enum NodeKind<'a> {
    Scalar(Scalar<'a>),
    Seq(Vec<NodeId>),
    Map(Vec<(NodeId, NodeId)>),
    /// `*name`: the anchored node it stands for.
    Alias(NodeId),
}

#[derive(Debug)]
pub struct Scalar<'a> {
    pub value: Cow<'a, str>,
    /// Plain scalars are typed by their text (`12`, `true`, `~`); quoted and
    /// block scalars are always strings.
    pub plain: bool,
    /// A tag other than the core schema's (`!!python/object`, `!foo`).
    pub foreign_tag: Option<String>,
}

impl Scalar<'_> {
    /// `~`, `null` or nothing at all, written plain.
    pub fn is_null(&self) -> bool {
        self.plain && matches!(&*self.value, "" | "~" | "null" | "Null" | "NULL")
    }
}

impl<'a> Tree<'a> {
    /// The node, with aliases followed to their anchor.
    pub fn node(&self, id: NodeId) -> &Node<'a> {
        let mut node = &self.nodes[id];
        // An alias always points at an earlier, complete node; never at another alias.
        if let NodeKind::Alias(target) = node.kind {
            node = &self.nodes[target];
        }
        node
    }

    /// The span where the node is written (the alias itself, for an alias).
    pub fn span(&self, id: NodeId) -> Span {
        self.nodes[id].span
    }

    /// The node's span cut at its first line end: what a label under a
    /// whole block should underline.
    pub fn head(&self, id: NodeId) -> Span {
        let span = self.span(id);
        let end = self.text[span.start..span.end]
            .find(['\n', '\r'])
            .map_or(span.end, |i| span.start + i);
        Span::new(span.start, end)
    }

    /// Every scalar written in the file (keys included), with its span.
    pub fn scalars(&self) -> impl Iterator<Item = (Span, &Scalar<'a>)> {
        self.nodes.iter().filter_map(|n| match &n.kind {
            NodeKind::Scalar(s) => Some((n.span, s)),
            _ => None,
        })
    }

    /// Every node written in the file (aliases as themselves).
    pub fn nodes(&self) -> impl Iterator<Item = &Node<'a>> {
        self.nodes.iter()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// Converts the parser's character indices into byte offsets. Markers come
/// almost in order, so a cursor that walks from the last position costs
/// about one pass over the text.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let bytes = self.text.as_bytes();
        while self.chars < char_index && self.bytes < bytes.len() {
            // Runs of ASCII, most of French text, are skipped whole.
            let want = (char_index - self.chars).min(bytes.len() - self.bytes);
            let ascii = bytes[self.bytes..self.bytes + want]
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(want);
            self.bytes += ascii;
            self.chars += ascii;
            if self.chars < char_index && self.bytes < bytes.len() {
                // One multi-byte character: its lead byte, then continuations.
                self.bytes += 1;
                while bytes.get(self.bytes).is_some_and(|&b| b & 0xC0 == 0x80) {
                    self.bytes += 1;
                }
                self.chars += 1;
            }
        }
        while self.chars > char_index {
            match self.text[..self.bytes].chars().next_back() {
                Some(c) => {
                    self.bytes -= c.len_utf8();
                    self.chars -= 1;
                }
                None => break,
            }
        }
        self.bytes
    }

    fn span(&mut self, span: saphyr_parser::Span) -> Span {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index());
        Span::new(start, end.max(start))
    }
}

/// An open collection while building: its children wait on a stack shared
/// by every open collection, from `first` on.
struct Open {
    id: NodeId,
    anchor: usize,
    seq: bool,
    first: usize,
}

/// Parses `text` into a tree. A syntax error stops the parse: its finding is
/// returned with whatever was built so far discarded.
pub fn parse(text: &str) -> Result<Tree<'_>, Box<Diagnostic>> {
    let mut offsets = Offsets::new(text);
    let mut parser = Parser::new_from_str(text);
    // A convention holds about one value per 16 bytes: room for them at once.
    let mut nodes: Vec<Node> = Vec::with_capacity((text.len() / 16).min(MAX_NODES));
    // Expanded size of each node, counting aliased subtrees again: kept from
    // the first alias on, since a file without aliases cannot expand.
    let mut weight: Option<Vec<usize>> = None;
    // The node each anchor last named: a later `&a` replaces an earlier one.
    let mut anchors: HashMap<usize, NodeId> = HashMap::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut children: Vec<NodeId> = Vec::new();
    let mut root = None;
    let mut documents = 0;

    while let Some(event) = parser.next_event() {
        let (event, raw_span) =
            event.map_err(|e| Box::new(syntax_error(&mut offsets, text, &e)))?;
        let span = offsets.span(raw_span);
        let adds_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        if adds_node && nodes.len() >= MAX_NODES {
            return Err(Box::new(too_many_values(span)));
        }
        let (id, anchor) = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(Box::new(
                        Diagnostic::new(
                            &crate::load::codes::CTG001,
                            span,
                            t!(
                                "un fichier ne doit contenir qu'un seul document YAML",
                                "a file must hold a single YAML document"
                            ),
                        )
                        .with_label(t!("second document", "second document"))
                        .with_help(t!(
                            "placez chaque convention dans son propre fichier",
                            "put each convention in a file of its own"
                        )),
                    ));
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                let foreign_tag = tag.as_deref().and_then(foreign);
                // `!!str 200068377` is a text, whatever it looks like.
                let explicit_str = tag
                    .as_deref()
                    .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                nodes.push(Node {
                    span,
                    kind: NodeKind::Scalar(Scalar {
                        value: composed(value),
                        plain: style == ScalarStyle::Plain && !explicit_str,
                        foreign_tag,
                    }),
                });
                if let Some(weight) = &mut weight {
                    weight.push(1);
                }
                (nodes.len() - 1, anchor)
            }
            Event::Alias(anchor) => {
                let Some(&target) = anchors.get(&anchor) else {
                    return Err(Box::new(Diagnostic::new(
                        &crate::load::codes::CTG001,
                        span,
                        t!("alias sans ancre", "alias without an anchor"),
                    )));
                };
                let weight = weight.get_or_insert_with(|| weights(&nodes));
                weight.push(weight[target]);
                nodes.push(Node {
                    span,
                    kind: NodeKind::Alias(target),
                });
                (nodes.len() - 1, 0)
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                // A tag on a collection asks a loader to build an object
                // (`!!python/object/apply:os.system`): never done here.
                if let Some(tag) = tag.as_deref().and_then(foreign) {
                    return Err(Box::new(unsupported_tag(span, &tag)));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(Box::new(too_deep(span)));
                }
                let seq = matches!(event, Event::SequenceStart(..));
                let id = nodes.len();
                // Its children are set when it closes.
                nodes.push(Node {
                    span,
                    kind: NodeKind::Seq(Vec::new()),
                });
                if let Some(weight) = &mut weight {
                    weight.push(1);
                }
                // The anchor is registered when the collection closes, so an
                // alias inside it cannot make it contain itself.
                stack.push(Open {
                    id,
                    anchor,
                    seq,
                    first: children.len(),
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = stack.pop() else { continue };
                let id = open.id;
                let mut items = &children[open.first..];
                let kind = if open.seq {
                    NodeKind::Seq(items.to_vec())
                } else {
                    // Keys and values alternate; a key left without its value
                    // (never seen from the parser) is dropped.
                    items = &items[..items.len() & !1];
                    NodeKind::Map(items.chunks_exact(2).map(|kv| (kv[0], kv[1])).collect())
                };
                let children_end = items.last().map(|&c| nodes[c].span.end);
                children.truncate(open.first);
                if let Some(weight) = &mut weight {
                    let w = collection_weight(&kind, weight);
                    weight[id] = w;
                    if w > nodes.len().saturating_add(ALIAS_EXPANSION_BUDGET) {
                        return Err(Box::new(alias_bomb(nodes[id].span)));
                    }
                }
                // Flow collections end at their closing bracket; block ones at
                // their last child.
                let end = if span.end > nodes[id].span.start
                    && matches!(
                        text.as_bytes().get(span.end.saturating_sub(1)),
                        Some(b']' | b'}')
                    ) {
                    span.end
                } else {
                    children_end.unwrap_or(nodes[id].span.end)
                };
                let node = &mut nodes[id];
                node.span.end = end.max(node.span.start);
                node.kind = kind;
                (id, open.anchor)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
        };
        if anchor != 0 {
            anchors.insert(anchor, id);
        }
        if stack.is_empty() {
            root = root.or(Some(id));
        } else {
            children.push(id);
        }
    }
    Ok(Tree { text, nodes, root })
}

/// The expanded size of every node built before the first alias: a closed
/// collection counts itself and its children, anything else 1 (an open
/// collection gets its size when it closes). Children come after their
/// parent, so one pass from the end sees them first.
fn weights(nodes: &[Node]) -> Vec<usize> {
    let mut weight = vec![1; nodes.len()];
    for id in (0..nodes.len()).rev() {
        weight[id] = collection_weight(&nodes[id].kind, &weight);
    }
    weight
}

/// The expanded size of a closed collection: itself plus its children's.
fn collection_weight(kind: &NodeKind, weight: &[usize]) -> usize {
    let sum = |ids: &mut dyn Iterator<Item = NodeId>| {
        ids.map(|c| weight[c]).fold(1, usize::saturating_add)
    };
    match kind {
        NodeKind::Seq(items) => sum(&mut items.iter().copied()),
        NodeKind::Map(entries) => sum(&mut entries.iter().flat_map(|&(k, v)| [k, v])),
        _ => 1,
    }
}

/// CTG002 for a tag ctg does not build values from, on a scalar or a
/// collection.
/// A value in Unicode's composed form (NFC): `É` typed as `E` and a
/// combining accent (as some keyboards and macOS file names do) is the
/// same `É` as everywhere else, for every comparison and every document.
fn composed(value: Cow<'_, str>) -> Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if value.is_ascii() || is_nfc_quick(value.chars()) == IsNormalized::Yes {
        return value;
    }
    Cow::Owned(value.nfc().collect())
}

pub fn unsupported_tag(span: Span, tag: &str) -> Diagnostic {
    Diagnostic::new(
        &crate::load::codes::CTG002,
        span,
        t!(
            "étiquette YAML « {tag} » non prise en charge",
            "unsupported YAML tag `{tag}`"
        ),
    )
    .with_help(t!(
        "retirez l'étiquette : ctg lit des valeurs simples",
        "remove the tag: ctg reads plain values"
    ))
}

/// A tag outside the YAML core schema (`!!str`, `!!int`, `!!float`,
/// `!!bool`, `!!null`, `!!seq`, `!!map`), as written: `!!python/object`,
/// `!local`. Saphyr counts every `!!` tag as core; ctg does not.
fn foreign(tag: &saphyr_parser::Tag) -> Option<String> {
    let core = tag.is_yaml_core_schema()
        && matches!(
            tag.suffix.as_str(),
            "str" | "int" | "float" | "bool" | "null" | "seq" | "map"
        );
    (!core).then(|| match tag.handle.as_str() {
        "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        handle => format!("{handle}{}", tag.suffix),
    })
}

fn too_many_values(span: Span) -> Diagnostic {
    Diagnostic::new(
        &crate::load::codes::CTG001,
        span,
        t!(
            "le document compte plus d'un million de valeurs YAML (clés, valeurs, éléments de liste) : ctg n'en lit pas davantage",
            "the document holds more than a million YAML values (keys, values, list items): ctg reads no more"
        ),
    )
    .with_label(t!("la limite est atteinte ici", "the limit is reached here"))
    .with_help(t!(
        "une convention en compte quelques milliers : ce fichier n'en est sans doute pas une",
        "a convention holds a few thousand: this file is probably not one"
    ))
}

fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::new(
        &crate::load::codes::CTG001,
        span,
        t!(
            "le document est imbriqué sur plus de {MAX_DEPTH} niveaux",
            "the document is nested more than {MAX_DEPTH} levels deep"
        ),
    )
    .with_help(t!(
        "une convention a moins de dix niveaux : vérifiez les crochets et l'indentation",
        "a convention has fewer than ten levels: check brackets and indentation"
    ))
}

fn alias_bomb(span: Span) -> Diagnostic {
    Diagnostic::new(
        &crate::load::codes::CTG001,
        span,
        t!(
            "les alias YAML démultiplient ce document au-delà de {ALIAS_EXPANSION_BUDGET} nœuds",
            "YAML aliases expand this document beyond {ALIAS_EXPANSION_BUDGET} nodes"
        ),
    )
    .with_help(t!(
        "une convention n'a pas besoin d'alias imbriqués : écrivez les valeurs en clair",
        "a convention needs no nested aliases: write the values out"
    ))
}

fn syntax_error(offsets: &mut Offsets, text: &str, e: &ScanError) -> Diagnostic {
    let start = offsets.byte(e.marker().index());
    if let Some(diag) = no_break_space_after_colon(text, start) {
        return diag;
    }
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let (fr, en) = translate_scan_error(e.info());
    Diagnostic::new(
        &crate::load::codes::CTG001,
        Span::new(start, end),
        t!("syntaxe YAML invalide : {fr}", "invalid YAML syntax: {en}"),
    )
    .with_label(Text::new(fr, en))
}

/// A `key:` followed by a no-break space (text pasted from a word
/// processor) is no key for YAML: the parser stumbles a line later. Looked
/// for on the error's line and the three before it, and said where it is.
fn no_break_space_after_colon(text: &str, error: usize) -> Option<Diagnostic> {
    let error = error.min(text.len());
    let line_end = text[error..].find('\n').map_or(text.len(), |i| error + i);
    let from = text[..error]
        .rmatch_indices('\n')
        .nth(3)
        .map_or(0, |(i, _)| i + 1);
    let window = &text[from..line_end];
    let (at, space) = [":\u{a0}", ":\u{202f}", ":\u{2007}"]
        .iter()
        .filter_map(|p| window.rfind(p).map(|i| (i, *p)))
        .max()?;
    let at = from + at;
    Some(
        Diagnostic::new(
            &crate::load::codes::CTG001,
            Span::new(at, at + space.len()),
            t!(
                "syntaxe YAML invalide : espace insécable après « : » (texte collé depuis un traitement de texte ?)",
                "invalid YAML syntax: no-break space after `:` (text pasted from a word processor?)"
            ),
        )
        .with_label(t!("espace insécable", "no-break space"))
        .with_help(t!(
            "remplacez-la par une espace ordinaire : YAML n'attend qu'une espace ordinaire après les deux-points d'une clé",
            "replace it with an ordinary space: YAML expects an ordinary space after a key's colon"
        )),
    )
}

/// French wording of the parser's most frequent messages.
fn translate_scan_error(info: &str) -> (String, String) {
    const KNOWN: &[(&str, &str)] = &[
        (
            "mapping values are not allowed in this context",
            "« : » inattendu ici (une valeur contenant « : » doit être entre guillemets)",
        ),
        (
            "did not find expected key",
            "clé attendue introuvable (indentation incohérente ?)",
        ),
        (
            "did not find expected '-' indicator",
            "« - » attendu (indentation incohérente de la liste ?)",
        ),
        (
            "found character that cannot start any token",
            "caractère qui ne peut commencer aucun élément (tabulation ?)",
        ),
        (
            "while parsing a block mapping",
            "mapping mal formé (indentation incohérente ?)",
        ),
        (
            "while parsing a flow sequence, expected ',' or ']'",
            "« , » ou « ] » attendu dans la liste",
        ),
        (
            "while parsing a flow mapping, did not find expected ',' or '}'",
            "« , » ou « } » attendu dans le mapping",
        ),
        (
            "tabs disallowed within this context",
            "tabulation dans l'indentation : YAML n'indente qu'avec des espaces",
        ),
        (
            "recursion limit exceeded",
            "crochets ou accolades imbriqués trop profondément",
        ),
        (
            "block sequence entries are not allowed in this context",
            "« - » n'est pas permis ici : une liste commence à la ligne, sous sa clé",
        ),
        (
            "found unexpected end of stream",
            "fin de fichier inattendue (guillemet ou crochet non fermé ?)",
        ),
        (
            "while scanning a quoted scalar, found unexpected end of stream",
            "guillemet ouvert jamais fermé",
        ),
        (
            "while scanning an alias, did not find expected alphabetic or numeric character",
            "nom d'alias manquant après « * »",
        ),
        (
            "while scanning an anchor, did not find expected alphabetic or numeric character",
            "nom d'ancre manquant après « & »",
        ),
        (
            "while scanning an anchor or alias, did not find expected alphabetic or numeric character",
            "nom d'ancre ou d'alias manquant après « & » ou « * »",
        ),
        (
            "invalid indentation",
            "indentation incohérente : alignez la ligne sur celles de son bloc",
        ),
        (
            "while parsing node, found unknown anchor",
            "alias vers une ancre inconnue (« *nom » sans « &nom » plus haut)",
        ),
        (
            "while parsing anchor, found duplicated anchor",
            "ancre définie deux fois",
        ),
        (
            "simple key expect ':'",
            "« : » attendu après la clé (ligne précédente incomplète ?)",
        ),
        (
            "simple key expected",
            "clé attendue avant « : »",
        ),
        ("unexpected eof", "fin de fichier inattendue"),
        (
            "found unprintable character",
            "caractère de contrôle interdit dans un fichier YAML",
        ),
        (
            "mapping keys are not allowed in this context",
            "clé non permise ici",
        ),
        (
            "while parsing a node, did not find expected node content",
            "valeur attendue introuvable",
        ),
        (
            "while parsing a quoted scalar, found unknown escape character",
            "séquence d'échappement inconnue entre guillemets (« \\ » s'écrit « \\\\ »)",
        ),
        (
            "while scanning a plain scalar, found a tab",
            "tabulation dans une valeur : mettez la valeur entre guillemets",
        ),
        (
            "tab cannot be used as indentation",
            "tabulation dans l'indentation : YAML n'indente qu'avec des espaces",
        ),
        (
            "wrongly indented line in block scalar",
            "ligne mal indentée dans un texte sur plusieurs lignes",
        ),
        (
            "invalid trailing content after double-quoted scalar",
            "texte après le guillemet fermant",
        ),
        (
            "a byte order mark must not appear inside a document",
            "marque d'ordre des octets (BOM) au milieu du fichier",
        ),
        ("misplaced bracket", "crochet ou accolade mal placé"),
        (
            "did not find expected <document start>",
            "début de document attendu",
        ),
    ];
    // Anything rarer keeps the parser's words, said to be its own.
    let fr = KNOWN
        .iter()
        .find(|(en, _)| info.starts_with(en))
        .map_or_else(
            || format!("« {info} » (message du lecteur YAML)"),
            |(_, fr)| (*fr).to_string(),
        );
    (fr, info.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar_text<'t>(tree: &'t Tree, text: &'t str, id: NodeId) -> &'t str {
        let span = tree.span(id);
        &text[span.start..span.end]
    }

    #[test]
    fn spans_are_bytes_even_after_accents() {
        let text = "nom: Éloyes\ninsee: '88158'\n";
        let tree = parse(text).unwrap();
        let NodeKind::Map(entries) = &tree.node(tree.root.unwrap()).kind else {
            panic!("root is a map")
        };
        assert_eq!(scalar_text(&tree, text, entries[0].1), "Éloyes");
        assert_eq!(scalar_text(&tree, text, entries[1].0), "insee");
        assert_eq!(scalar_text(&tree, text, entries[1].1), "'88158'");
    }

    #[test]
    fn character_indices_become_byte_offsets_in_any_order() {
        let text = "é: « Éloyes » — 🏠 x\nab\u{202F}c";
        let expected: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let mut offsets = Offsets::new(text);
        let n = expected.len();
        // Forward, backward, jumps, and past the end.
        let order = (0..n).chain((0..n).rev()).chain([3, 17, 1, n - 1, 0, 9]);
        for i in order {
            assert_eq!(offsets.byte(i), expected[i], "character {i}");
        }
        assert_eq!(offsets.byte(n + 5), text.len());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = "[".repeat(100_000) + &"]".repeat(100_000);
        // Either parses or reports; never overflows the stack.
        let _ = parse(&text);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            text += &format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n");
            prev = name;
        }
        let err = parse(&text).unwrap_err();
        assert_eq!(err.code, "CTG001");
        assert!(err.message.fr.contains("alias"));
    }

    #[test]
    fn an_alias_stands_for_the_latest_anchor_of_its_name() {
        let text = "a: &x un\nb: &x deux\nc: *x\n";
        let tree = parse(text).unwrap();
        let NodeKind::Map(entries) = &tree.node(tree.root.unwrap()).kind else {
            panic!("root is a map")
        };
        let NodeKind::Scalar(c) = &tree.node(entries[2].1).kind else {
            panic!("c is a scalar")
        };
        assert_eq!(c.value, "deux");
    }

    #[test]
    fn a_million_values_are_the_most_a_file_holds() {
        // The root list and its items: exactly the bound, then one more.
        let list = |n: usize| format!("[{}1]", "1,".repeat(n - 1));
        assert_eq!(parse(&list(MAX_NODES - 1)).unwrap().len(), MAX_NODES);
        let err = parse(&list(MAX_NODES)).unwrap_err();
        assert_eq!(err.code, "CTG001");
        assert!(err.message.fr.contains("plus d'un million de valeurs"));
        // Where the million-and-first value is written.
        assert_eq!(err.span.start, 2 * MAX_NODES - 1);
    }
}

//! Schema stage: walks the YAML tree, collects every type, required-field
//! and unknown-field problem at its node, and builds the typed model when
//! there is none.

mod convention;
pub mod json;
mod modele;
mod sdsf;

use crate::diagnostic::{Diagnostic, Text};
use crate::load::{NodeId, NodeKind, Tree};
use crate::model::date::{parse_date, DateError, YEARS};
use crate::model::{Closed, Convention, DocumentKind, FlexDate, Sdsf, S};
use crate::span::{Span, Spanned};
use crate::t;
use crate::text::suggest::{closest, did_you_mean};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What a file turned out to be.
#[derive(Debug)]
pub enum Document {
    Convention(Box<Convention>),
    Sdsf(Box<Sdsf>),
    Modele(Box<crate::model::Modele>),
}

/// Checks a tree against the v1 formats. Returns the model only when the
/// file has no schema finding.
pub fn check(tree: &Tree) -> (Option<Document>, Vec<Diagnostic>) {
    let mut d = Decoder {
        tree,
        diags: Vec::new(),
    };
    let doc = d.document();
    let doc = if d.diags.is_empty() { doc } else { None };
    (doc, d.diags)
}

/// The fields of one mapping, taken one by one by the decoders; what is left
/// at the end is unknown.
pub(crate) struct Fields<'t> {
    /// Where a missing field is reported: the key that introduced the
    /// mapping, or its first key.
    anchor: Span,
    entries: Vec<Entry<'t>>,
    /// The fields this mapping may hold.
    known: &'static [&'static str],
}

impl Fields<'_> {
    /// Whether a key not taken yet looks like a misspelling of `key`: the
    /// unknown-field finding will say so, a missing-field one would repeat it.
    fn misspelt(&self, key: &str) -> bool {
        self.entries
            .iter()
            .filter(|e| !e.taken && !self.known.contains(&e.key))
            .any(|e| closest(e.key, self.known.iter().copied()) == Some(key))
    }
}

enum Slot<T> {
    Absent,
    /// Written with no value (`key:` alone, `~`, `null`): the key's span.
    Empty(Span),
    /// Written, but wrong: already reported.
    Invalid,
    Value(S<T>),
}

struct Entry<'t> {
    key: &'t str,
    key_span: Span,
    value: NodeId,
    taken: bool,
}

pub(crate) struct Decoder<'t, 'a> {
    tree: &'t Tree<'a>,
    diags: Vec<Diagnostic>,
}

/// Plain-language names of what a node is, for "expected X, found Y".
fn found(kind: &NodeKind) -> Text {
    match kind {
        NodeKind::Seq(_) => Text::new("une liste", "a list"),
        NodeKind::Map(_) => Text::new("un ensemble de champs", "a mapping"),
        NodeKind::Scalar(s) if s.is_null() => Text::new("une valeur vide", "an empty value"),
        NodeKind::Scalar(_) | NodeKind::Alias(_) => Text::new("une valeur simple", "a scalar"),
    }
}

impl<'t, 'a> Decoder<'t, 'a> {
    fn push(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    fn type_error(&mut self, id: NodeId, expected: Text) {
        let kind = &self.tree.node(id).kind;
        let f = found(kind);
        let (ef, ee, ff, fe) = (&expected.fr, &expected.en, &f.fr, &f.en);
        self.push(
            Diagnostic::new(
                &crate::load::codes::CTG002,
                self.tree.head(id),
                t!(
                    "type invalide : attendu {ef}, trouvé {ff}",
                    "wrong type: expected {ee}, found {fe}"
                ),
            )
            .with_label(t!("attendu ici : {ef}", "expected here: {ee}")),
        );
    }

    /// The node's text if it is a scalar that is not null; a type error
    /// otherwise.
    fn scalar(&mut self, id: NodeId, expected: impl FnOnce() -> Text) -> Option<&'t str> {
        match &self.tree.node(id).kind {
            NodeKind::Scalar(s) if !s.is_null() => {
                if let Some(tag) = &s.foreign_tag {
                    self.push(crate::load::unsupported_tag(self.tree.span(id), tag));
                    return None;
                }
                Some(&s.value)
            }
            _ => {
                self.type_error(id, expected());
                None
            }
        }
    }

    /// A mapping's fields, or a type error. Duplicate keys are reported here.
    fn fields(
        &mut self,
        id: NodeId,
        anchor: Option<Span>,
        known: &'static [&'static str],
    ) -> Option<Fields<'t>> {
        let tree = self.tree;
        let NodeKind::Map(pairs) = &tree.node(id).kind else {
            self.type_error(
                id,
                Text::new(
                    "un ensemble de champs (clé: valeur)",
                    "a mapping (key: value)",
                ),
            );
            return None;
        };
        let mut entries: Vec<Entry<'t>> = Vec::with_capacity(pairs.len());
        // Keys seen so far: a scan for the few keys a convention's mappings
        // have, an index beyond (a million keys would take hours to scan).
        let mut index: Option<HashMap<&str, usize>> = (pairs.len() > 32).then(HashMap::new);
        // `<<: *anchor` (YAML's merge key, as editors read it): the
        // anchored mapping's fields, under the ones written here.
        let mut merged: Vec<NodeId> = Vec::new();
        for &(k, v) in pairs {
            let key_span = tree.span(k);
            if matches!(&tree.node(k).kind, NodeKind::Scalar(s) if s.plain && s.value == "<<") {
                merged.push(v);
                continue;
            }
            let NodeKind::Scalar(key) = &tree.node(k).kind else {
                self.push(Diagnostic::new(
                    &crate::load::codes::CTG002,
                    key_span,
                    t!(
                        "une clé doit être un simple nom",
                        "a key must be a plain name"
                    ),
                ));
                continue;
            };
            let first = match &index {
                Some(index) => index.get(&*key.value).map(|&i| &entries[i]),
                None => entries.iter().find(|e| e.key == key.value),
            };
            if let Some(first) = first {
                let name = &key.value;
                self.push(
                    Diagnostic::new(
                        &crate::load::codes::CTG001,
                        key_span,
                        t!("clé « {name} » en double", "duplicate key `{name}`"),
                    )
                    .with_label(t!("écrite une seconde fois ici", "written again here"))
                    .with_related(
                        first.key_span,
                        t!("première occurrence", "first written here"),
                    )
                    .with_help(t!(
                        "YAML ne garde qu'une des deux valeurs : fusionnez-les",
                        "YAML keeps only one of the two values: merge them"
                    )),
                );
                continue;
            }
            if let Some(index) = &mut index {
                index.insert(&key.value, entries.len());
            }
            entries.push(Entry {
                key: &key.value,
                key_span,
                value: v,
                taken: false,
            });
        }
        // Merged mappings, the first one first; a merge inside one is
        // followed too, a few levels deep (aliases are bounded on load).
        let mut seen: std::collections::HashSet<&str> = entries.iter().map(|e| e.key).collect();
        let mut depth = 0;
        while !merged.is_empty() && depth < 8 {
            depth += 1;
            let mut next = Vec::new();
            for m in std::mem::take(&mut merged) {
                let maps: Vec<NodeId> = match &tree.node(m).kind {
                    NodeKind::Seq(items) => items.clone(),
                    _ => vec![m],
                };
                for map in maps {
                    let NodeKind::Map(pairs) = &tree.node(map).kind else {
                        self.type_error(
                            map,
                            Text::new(
                                "un ensemble de champs à fusionner (<<: *ancre)",
                                "a mapping to merge (<<: *anchor)",
                            ),
                        );
                        continue;
                    };
                    for &(k, v) in pairs {
                        let NodeKind::Scalar(key) = &tree.node(k).kind else {
                            continue;
                        };
                        if key.plain && key.value == "<<" {
                            next.push(v);
                        } else if seen.insert(&key.value) {
                            entries.push(Entry {
                                key: &key.value,
                                key_span: tree.span(k),
                                value: v,
                                taken: false,
                            });
                        }
                    }
                }
            }
            merged = next;
        }
        let anchor = anchor
            .or_else(|| entries.first().map(|e| e.key_span))
            .unwrap_or_else(|| tree.head(id));
        Some(Fields {
            anchor,
            entries,
            known,
        })
    }

    /// Reports every field not taken as unknown, with the closest known one.
    fn finish(&mut self, fields: Fields<'t>) {
        let known = fields.known;
        for e in fields.entries.iter().filter(|e| !e.taken) {
            let key = e.key;
            let mut diag = Diagnostic::new(
                &crate::load::codes::CTG004,
                e.key_span,
                t!("champ inconnu « {key} »", "unknown field `{key}`"),
            )
            .with_label(t!("champ inconnu", "unknown field"));
            diag = match did_you_mean(key, known.iter().copied()) {
                Some(help) => diag.with_help(help),
                None => {
                    let list = known.join(", ");
                    diag.with_help(t!(
                        "champs possibles ici : {list}",
                        "fields allowed here: {list}"
                    ))
                }
            };
            self.push(diag);
        }
    }

    /// Takes a field out of the mapping.
    fn slot<T>(
        &mut self,
        f: &mut Fields<'t>,
        key: &str,
        decode: impl FnOnce(&mut Self, NodeId, Span) -> Option<T>,
    ) -> Slot<T> {
        let Some(e) = f.entries.iter_mut().find(|e| e.key == key) else {
            return Slot::Absent;
        };
        e.taken = true;
        let (id, key_span) = (e.value, e.key_span);
        if matches!(&self.tree.node(id).kind, NodeKind::Scalar(s) if s.is_null()) {
            return Slot::Empty(key_span);
        }
        match decode(self, id, key_span) {
            Some(value) => Slot::Value(Spanned::new(value, self.tree.span(id), key_span)),
            None => Slot::Invalid,
        }
    }

    /// Takes an optional field; a null value counts as absent.
    fn opt<T>(
        &mut self,
        f: &mut Fields<'t>,
        key: &str,
        decode: impl FnOnce(&mut Self, NodeId, Span) -> Option<T>,
    ) -> Option<S<T>> {
        match self.slot(f, key, decode) {
            Slot::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Takes a required field, reporting CTG003 at the enclosing mapping when
    /// it is absent, or at its key when it is empty.
    fn req<T>(
        &mut self,
        f: &mut Fields<'t>,
        key: &str,
        decode: impl FnOnce(&mut Self, NodeId, Span) -> Option<T>,
    ) -> Option<S<T>> {
        let (span, label) = match self.slot(f, key, decode) {
            Slot::Value(v) => return Some(v),
            Slot::Invalid => return None,
            Slot::Empty(k) => (k, t!("« {key} » est vide", "`{key}` is empty")),
            Slot::Absent if f.misspelt(key) => return None,
            Slot::Absent => (
                f.anchor,
                t!("« {key} » manque ici", "`{key}` is missing here"),
            ),
        };
        self.push(
            Diagnostic::new(
                &crate::load::codes::CTG003,
                span,
                t!(
                    "champ obligatoire « {key} » absent",
                    "required field `{key}` is missing"
                ),
            )
            .with_label(label),
        );
        None
    }

    /// A text. A plain scalar that YAML reads as a number (`siren:
    /// 200068377`, `insee: 01001`) is refused: editors, the JSON Schema and
    /// other YAML tools see a number there, and `01001` or `1.10` lose
    /// characters on the way.
    fn string(&mut self, id: NodeId) -> Option<String> {
        let text = self.scalar(id, || Text::new("un texte", "a text"))?;
        let plain = matches!(&self.tree.node(id).kind, NodeKind::Scalar(s) if s.plain);
        let Some(number) = plain.then(|| yaml_number(text)).flatten() else {
            return Some(text.to_string());
        };
        let message = if number == text {
            t!(
                "« {text} » est lu comme un nombre par YAML, or ce champ est un texte",
                "`{text}` reads as a number in YAML, and this field is a text"
            )
        } else {
            t!(
                "« {text} » est lu comme le nombre {number} par YAML : le texte écrit est perdu",
                "`{text}` reads as the number {number} in YAML: the text as written is lost"
            )
        };
        self.push(
            Diagnostic::new(&crate::load::codes::CTG002, self.tree.span(id), message)
                .with_label(t!("un nombre, pas un texte", "a number, not a text"))
                .with_help(t!(
                    "écrivez-le entre guillemets : \"{text}\"",
                    "quote it: \"{text}\""
                )),
        );
        None
    }

    fn list<T>(
        &mut self,
        id: NodeId,
        mut item: impl FnMut(&mut Self, NodeId) -> Option<T>,
    ) -> Option<Vec<S<T>>> {
        let tree = self.tree;
        let NodeKind::Seq(items) = &tree.node(id).kind else {
            self.type_error(
                id,
                Text::new(
                    "une liste (lignes commençant par « - »)",
                    "a list (lines starting with `-`)",
                ),
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for &i in items {
            match item(self, i) {
                Some(v) => out.push(Spanned::new(v, tree.span(i), tree.span(i))),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// A list that must hold at least one item (CTG003 otherwise).
    fn non_empty_list<T>(
        &mut self,
        id: NodeId,
        key_span: Span,
        item: impl FnMut(&mut Self, NodeId) -> Option<T>,
    ) -> Option<Vec<S<T>>> {
        let list = self.list(id, item)?;
        if list.is_empty() {
            self.push(
                Diagnostic::new(
                    &crate::load::codes::CTG003,
                    key_span,
                    t!(
                        "cette liste doit contenir au moins un élément",
                        "this list needs at least one item"
                    ),
                )
                .with_label(t!("liste vide", "empty list")),
            );
            return None;
        }
        Some(list)
    }

    fn strings(&mut self, id: NodeId) -> Option<Vec<S<String>>> {
        self.list(id, |d, i| d.string(i))
    }

    /// A number written between quotes is a text for YAML and for the JSON
    /// Schema an editor checks with: refused here too, so that both agree
    /// (README "The format"). Says so and returns false.
    fn unquoted_number(&mut self, id: NodeId) -> bool {
        let NodeKind::Scalar(s) = &self.tree.node(id).kind else {
            return true;
        };
        if s.plain || s.value.trim().parse::<f64>().is_err() {
            return true;
        }
        let n = s.value.trim().to_string();
        self.push(
            Diagnostic::new(
                &crate::load::codes::CTG002,
                self.tree.span(id),
                t!(
                    "nombre écrit entre guillemets : « {n} » est un texte",
                    "number written between quotes: `{n}` is a text"
                ),
            )
            .with_label(t!("un texte, pas un nombre", "a text, not a number"))
            .with_help(t!(
                "écrivez {n}, sans guillemets",
                "write {n}, without quotes"
            )),
        );
        false
    }

    fn integer(&mut self, id: NodeId) -> Option<u64> {
        if !self.unquoted_number(id) {
            return None;
        }
        let text = self.scalar(id, || Text::new("un nombre entier", "a whole number"))?;
        match text.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let compact: String = text
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
                    .collect();
                let help = compact
                    .parse::<u64>()
                    .ok()
                    .map(|n| t!("écrivez {n}, sans espace", "write {n}, without spaces"));
                let mut diag = Diagnostic::new(
                    &crate::load::codes::CTG002,
                    self.tree.span(id),
                    t!(
                        "nombre entier attendu, trouvé « {text} »",
                        "expected a whole number, found `{text}`"
                    ),
                )
                .with_label(t!("pas un nombre entier", "not a whole number"));
                diag.help = help;
                self.push(diag);
                None
            }
        }
    }

    /// A whole number no larger than `max`: a population, a count.
    fn count(&mut self, id: NodeId, max: u64) -> Option<u64> {
        let n = self.integer(id)?;
        if n <= max {
            return Some(n);
        }
        let shown = crate::text::figures::thousands(max);
        self.push(
            Diagnostic::new(
                &crate::load::codes::CTG002,
                self.tree.span(id),
                t!(
                    "nombre trop grand : {n} (au plus {shown})",
                    "number too large: {n} (at most {shown})"
                ),
            )
            .with_label(t!("trop grand", "too large")),
        );
        None
    }

    /// A number within `range`: an amount, an indicator's figure. Beyond
    /// it, a value is a slip (and would print as nonsense in a document
    /// to sign), never wrapped or rounded.
    fn bounded(&mut self, id: NodeId, range: std::ops::RangeInclusive<f64>) -> Option<f64> {
        let n = self.number(id)?;
        if range.contains(&n) {
            return Some(n);
        }
        let span = self.tree.span(id);
        let text: String = self.tree.text[span.start..span.end]
            .chars()
            .take(40)
            .collect();
        let (min, max) = (
            crate::text::figures::number(*range.start()),
            crate::text::figures::number(*range.end()),
        );
        self.push(
            Diagnostic::new(
                &crate::load::codes::CTG002,
                self.tree.span(id),
                t!(
                    "valeur hors limites : « {text} » (de {min} à {max})",
                    "value out of bounds: `{text}` (from {min} to {max})"
                ),
            )
            .with_label(t!("hors limites", "out of bounds")),
        );
        None
    }

    fn number(&mut self, id: NodeId) -> Option<f64> {
        if !self.unquoted_number(id) {
            return None;
        }
        let text = self.scalar(id, || Text::new("un nombre", "a number"))?;
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                let dotted = text.replace(',', ".");
                let help = dotted.parse::<f64>().ok().map(|_| {
                    t!(
                        "le séparateur décimal est le point : {dotted}",
                        "the decimal separator is a dot: {dotted}"
                    )
                });
                let mut diag = Diagnostic::new(
                    &crate::load::codes::CTG002,
                    self.tree.span(id),
                    t!(
                        "nombre attendu, trouvé « {text} »",
                        "expected a number, found `{text}`"
                    ),
                )
                .with_label(t!("pas un nombre", "not a number"));
                diag.help = help;
                self.push(diag);
                None
            }
        }
    }

    fn boolean(&mut self, id: NodeId) -> Option<bool> {
        let text = self.scalar(id, || Text::new("true ou false", "true or false"))?;
        match text {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => {
                let help = match crate::text::suggest::fold(text).as_str() {
                    "oui" | "vrai" | "yes" => Some("true"),
                    "non" | "faux" | "no" => Some("false"),
                    _ => None,
                }
                .map(|b| t!("écrivez {b}", "write {b}"));
                let mut diag = Diagnostic::new(
                    &crate::load::codes::CTG002,
                    self.tree.span(id),
                    t!(
                        "true ou false attendu, trouvé « {text} »",
                        "expected true or false, found `{text}`"
                    ),
                );
                diag.help = help;
                self.push(diag);
                None
            }
        }
    }

    fn date_error(&mut self, id: NodeId, text: &str, err: DateError, formats: &str) {
        let (msg, label) = match err {
            DateError::Format => (
                t!(
                    "date invalide « {text} » : le format attendu est {formats}",
                    "invalid date `{text}`: the expected format is {formats}"
                ),
                t!("format de date non reconnu", "unrecognised date format"),
            ),
            DateError::NoSuchDay => (
                t!(
                    "date invalide « {text} » : ce jour n'existe pas",
                    "invalid date `{text}`: no such day"
                ),
                t!("ce jour n'existe pas", "no such day"),
            ),
            DateError::OutOfRange => {
                let (from, to) = (YEARS.start(), YEARS.end());
                (
                    t!(
                        "date invalide « {text} » : l'année doit être entre {from} et {to}",
                        "invalid date `{text}`: the year must be between {from} and {to}"
                    ),
                    t!("année hors de {from}–{to}", "year outside {from}–{to}"),
                )
            }
        };
        let mut diag =
            Diagnostic::new(&crate::load::codes::CTG002, self.tree.span(id), msg).with_label(label);
        if let Some(iso) = french_to_iso(text) {
            diag = diag.with_help(t!("écrivez {iso}", "write {iso}"));
        }
        self.push(diag);
    }

    fn date(&mut self, id: NodeId) -> Option<NaiveDate> {
        let text = self.scalar(id, || Text::new("une date AAAA-MM-JJ", "a date YYYY-MM-DD"))?;
        parse_date(text)
            .map_err(|e| self.date_error(id, text, e, "AAAA-MM-JJ"))
            .ok()
    }

    /// A day, or a month when the source gives no more (a signature
    /// "en octobre 2019"): not a year alone.
    fn month_or_day(&mut self, id: NodeId) -> Option<FlexDate> {
        let text = self.scalar(id, || Text::new("une date", "a date"))?;
        let formats = "AAAA-MM-JJ ou AAAA-MM";
        match FlexDate::parse(text) {
            Ok(d) if d.precision != crate::model::date::Precision::Year => Some(d),
            Ok(_) => {
                self.date_error(id, text, DateError::Format, formats);
                None
            }
            Err(e) => {
                self.date_error(id, text, e, formats);
                None
            }
        }
    }

    fn flex_date(&mut self, id: NodeId) -> Option<FlexDate> {
        let text = self.scalar(id, || Text::new("une date", "a date"))?;
        FlexDate::parse(text)
            .map_err(|e| self.date_error(id, text, e, "AAAA, AAAA-MM ou AAAA-MM-JJ"))
            .ok()
    }

    /// A value of a closed list, with the closest valid value when wrong.
    fn closed<E: Closed>(&mut self, id: NodeId) -> Option<E> {
        let text = self.scalar(id, || Text::new(E::EXPECTED.0, E::EXPECTED.1))?;
        if let Some(v) = E::from_key(text) {
            return Some(v);
        }
        let keys = E::ALL.iter().map(|v| v.key());
        let span = self.tree.span(id);
        let fix = closest(text, keys.clone()).and_then(|s| {
            let title = t!("écrire « {s} »", "write `{s}`");
            crate::edit::fix_at(self.tree, span, s, title, true)
        });
        let help = match did_you_mean(text, keys.clone()) {
            Some(help) => help,
            None => {
                let list = keys.collect::<Vec<_>>().join(", ");
                t!("valeurs possibles : {list}", "possible values: {list}")
            }
        };
        self.push(
            Diagnostic::new(
                &crate::load::codes::CTG002,
                span,
                t!("{} « {text} »", "{} `{text}`", E::UNKNOWN.0, E::UNKNOWN.1),
            )
            .with_label(t!("valeur inconnue", "unknown value"))
            .with_help(help)
            .with_fix(fix),
        );
        None
    }

    fn document(&mut self) -> Option<Document> {
        let Some(root) = self.tree.root else {
            self.push(
                Diagnostic::new(
                    &crate::load::codes::CTG005,
                    Span::new(0, 0),
                    t!("le fichier est vide", "the file is empty"),
                )
                .with_help(t!(
                    "une convention commence par « document: convention » et « version: 1 »",
                    "a convention starts with `document: convention` and `version: 1`"
                )),
            );
            return None;
        };
        let mut f = self.fields(root, None, &["document", "version"])?;
        let kind = self.req(&mut f, "document", |d, id, _| {
            let text = d.scalar(id, || Text::new("un type de document", "a document kind"))?;
            let kind = DocumentKind::from_key(text);
            if kind.is_none() {
                let help = match did_you_mean(text, ["convention", "sdsf", "modele"]) {
                    Some(help) => help,
                    None => t!(
                        "ctg lit « convention », « sdsf » et « modele »",
                        "ctg reads `convention`, `sdsf` and `modele`"
                    ),
                };
                d.push(
                    Diagnostic::new(
                        &crate::load::codes::CTG005,
                        d.tree.span(id),
                        t!(
                            "type de document « {text} » non pris en charge",
                            "unsupported document kind `{text}`"
                        ),
                    )
                    .with_help(help),
                );
            }
            kind
        });
        let version = self.req(&mut f, "version", |d, id, _| {
            let text = d.scalar(id, || Text::new("un numéro de version", "a version number"))?;
            if text != "1" {
                d.push(
                    Diagnostic::new(
                        &crate::load::codes::CTG005,
                        d.tree.span(id),
                        t!(
                            "version « {text} » non prise en charge",
                            "unsupported version `{text}`"
                        ),
                    )
                    .with_label(t!("version inconnue", "unknown version"))
                    .with_help(t!(
                        "cette version de ctg lit la version 1 du format",
                        "this ctg reads version 1 of the format"
                    )),
                );
                return None;
            }
            Some(())
        });
        let span = self.tree.span(root);
        match kind.map(|k| k.value) {
            Some(DocumentKind::Convention) => {
                let c = self.convention(f, span);
                version.and(c).map(|c| Document::Convention(Box::new(c)))
            }
            Some(DocumentKind::Sdsf) => {
                let s = self.sdsf(f, span);
                version.and(s).map(|s| Document::Sdsf(Box::new(s)))
            }
            Some(DocumentKind::Modele) => {
                let m = self.modele(f, span);
                version.and(m).map(|m| Document::Modele(Box::new(m)))
            }
            // Without a known kind, other fields cannot be checked; a
            // misspelt `document:` key is still said (its missing-field
            // finding was left to the unknown-field one).
            None => {
                f.entries
                    .retain(|e| !e.taken && closest(e.key, f.known.iter().copied()).is_some());
                self.finish(f);
                None
            }
        }
    }
}

/// The number a plain scalar is under the YAML 1.2 core schema, as a
/// program would print it back; `None` when it is not a number.
fn yaml_number(text: &str) -> Option<String> {
    // Every number starts so; most texts are refused here, unread.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
        return None;
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned) {
        let n: i128 = text.parse().ok()?;
        return Some(n.to_string());
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i128::from_str_radix(hex, 16).ok().map(|n| n.to_string());
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i128::from_str_radix(oct, 8).ok().map(|n| n.to_string());
    }
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return Some(text.to_string());
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.')?;
    let mantissa_ok =
        (digits(int) && (frac.is_empty() || digits(frac))) || (int.is_empty() && digits(frac));
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    text.parse::<f64>().ok().map(|x| x.to_string())
}

/// `15/01/2019` → `2019-01-15`, for the help line.
fn french_to_iso(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let (d, m, y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    NaiveDate::from_ymd_opt(y, m, d).map(|date| date.format("%Y-%m-%d").to_string())
}

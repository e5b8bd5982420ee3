//! `ctg diff OLD NEW`: what a renewal changes, for the Caf adviser who
//! reviews it — period, referential, territory, signatories and their
//! representatives, champs, axes and actions (matched by id, then by title
//! when ids were renumbered), indicator targets.

use crate::model::{Action, Axe, Champ, Closed, Convention, Indicateur, Sdsf, Signataire};
use crate::render::typo::{self, Markup};
use crate::render::{RenderError, Templates};
use crate::text::suggest::fold;
use chrono::{Datelike, NaiveDate};
use minijinja::{context, Value};
use std::collections::{HashMap, HashSet, VecDeque};

/// How alike two titles must be (normalised Levenshtein on folded text)
/// to be taken for the same axis or action under a new id.
const SAME_TITLE: f64 = 0.6;

/// One side of the comparison.
pub struct Side<'a> {
    pub path: &'a str,
    pub convention: &'a Convention,
    pub sdsf: Option<&'a Sdsf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    Changed,
}

/// One change: what, and for a change, from what to what.
#[derive(Debug)]
pub struct Change {
    pub kind: Kind,
    pub subject: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Change {
    fn added(subject: impl Into<String>) -> Self {
        Change {
            kind: Kind::Added,
            subject: subject.into(),
            from: None,
            to: None,
        }
    }
    fn removed(subject: impl Into<String>) -> Self {
        Change {
            kind: Kind::Removed,
            ..Change::added(subject)
        }
    }
    fn changed(subject: impl Into<String>, from: String, to: String) -> Self {
        Change {
            kind: Kind::Changed,
            subject: subject.into(),
            from: Some(from),
            to: Some(to),
        }
    }
}

/// The changes of one part of the convention.
pub struct Section {
    pub title: &'static str,
    pub changes: Vec<Change>,
}

/// Every change from `old` to `new`, section by section (empty sections
/// included, so a reader sees what did not change).
pub fn diff(old: &Side, new: &Side) -> Vec<Section> {
    let (o, n) = (old.convention, new.convention);
    vec![
        Section {
            title: "Période",
            changes: periode(o, n),
        },
        Section {
            title: "Référentiel SDSF",
            changes: referential(old, new),
        },
        Section {
            title: "Territoire",
            changes: territoire(o, n),
        },
        Section {
            title: "Signataires",
            changes: signataires(o, n),
        },
        Section {
            title: "Champs d'intervention",
            changes: champs(o, n),
        },
        Section {
            title: "Axes",
            changes: axes(old, new),
        },
        Section {
            title: "Actions",
            changes: actions(o, n),
        },
    ]
}

fn years(debut: NaiveDate, fin: NaiveDate) -> String {
    let n = fin.year() - debut.year() + 1;
    format!("{debut} → {fin} ({n} an{})", if n > 1 { "s" } else { "" })
}

fn periode(o: &Convention, n: &Convention) -> Vec<Change> {
    let (po, pn) = (&o.periode.value, &n.periode.value);
    let (a, b) = (
        years(po.debut.value, po.fin.value),
        years(pn.debut.value, pn.fin.value),
    );
    let mut changes = Vec::new();
    if a != b {
        changes.push(Change::changed("période", a, b));
    }
    let signed = |c: &Convention| {
        c.signature.as_ref().map(|s| {
            let date = s.date.as_ref().map_or("—".into(), |d| d.value.iso());
            let lieu = s.lieu.as_ref().map_or("—", |l| l.value.as_str());
            format!("{date}, {lieu}")
        })
    };
    push_if_changed(&mut changes, "signature", signed(o), signed(n));
    changes
}

/// A change when two optional values differ: added, removed or changed.
fn push_if_changed(
    changes: &mut Vec<Change>,
    subject: &str,
    old: Option<String>,
    new: Option<String>,
) {
    match (old, new) {
        (Some(a), Some(b)) if a != b => changes.push(Change::changed(subject, a, b)),
        (None, Some(b)) => changes.push(Change::added(format!("{subject} : {b}"))),
        (Some(a), None) => changes.push(Change::removed(format!("{subject} : {a}"))),
        _ => {}
    }
}

fn sdsf_name(side: &Side) -> String {
    match side.sdsf {
        Some(s) => format!("{} ({})", s.intitule.value, side.convention.sdsf.value),
        None => side.convention.sdsf.value.clone(),
    }
}

fn referential(old: &Side, new: &Side) -> Vec<Change> {
    let mut changes = Vec::new();
    let (a, b) = (sdsf_name(old), sdsf_name(new));
    if a != b {
        changes.push(Change::changed("référentiel", a, b));
    }
    changes
}

fn territoire(o: &Convention, n: &Convention) -> Vec<Change> {
    let (to, tn) = (&o.territoire.value, &n.territoire.value);
    let mut changes = Vec::new();
    let text = |s: &Option<crate::span::Spanned<String>>| s.as_ref().map(|v| v.value.clone());
    push_if_changed(
        &mut changes,
        "nom",
        Some(to.nom.value.clone()),
        Some(tn.nom.value.clone()),
    );
    push_if_changed(&mut changes, "sigle", text(&to.sigle), text(&tn.sigle));
    push_if_changed(&mut changes, "SIREN", text(&to.siren), text(&tn.siren));
    let number =
        |v: &Option<crate::span::Spanned<u64>>| v.as_ref().map(|v| typo::thousands(v.value));
    push_if_changed(
        &mut changes,
        "population",
        number(&to.population),
        number(&tn.population),
    );
    push_if_changed(
        &mut changes,
        "allocataires",
        number(&to.allocataires),
        number(&tn.allocataires),
    );
    push_if_changed(
        &mut changes,
        "personnes couvertes",
        number(&to.personnes_couvertes),
        number(&tn.personnes_couvertes),
    );
    let key = |c: &crate::model::Commune| {
        c.insee
            .as_ref()
            .map_or_else(|| fold(&c.nom.value), |i| i.value.clone())
    };
    let name = |c: &crate::model::Commune| match &c.insee {
        Some(i) => format!("commune {} ({})", c.nom.value, i.value),
        None => format!("commune {}", c.nom.value),
    };
    let (keys_old, keys_new): (HashSet<String>, HashSet<String>) = (
        to.communes.iter().map(|c| key(c)).collect(),
        tn.communes.iter().map(|c| key(c)).collect(),
    );
    for c in tn.communes.iter().filter(|c| !keys_old.contains(&key(c))) {
        changes.push(Change::added(name(c)));
    }
    for c in to.communes.iter().filter(|c| !keys_new.contains(&key(c))) {
        changes.push(Change::removed(name(c)));
    }
    changes
}

fn signataire_name(s: &Signataire) -> String {
    s.nom.value.clone()
}

fn representants(s: &Signataire) -> String {
    let list: Vec<String> = s
        .representants
        .iter()
        .flat_map(|l| l.iter())
        .map(|r| {
            let nom = r.nom.as_ref().map_or("—", |v| v.value.as_str());
            match &r.qualite {
                Some(q) => format!("{nom}, {}", q.value),
                None => nom.to_string(),
            }
        })
        .collect();
    if list.is_empty() {
        "aucun".into()
    } else {
        list.join(" ; ")
    }
}

fn signataires(o: &Convention, n: &Convention) -> Vec<Change> {
    let old: Vec<&Signataire> = o.signataires.iter().map(|s| &s.value).collect();
    let new: Vec<&Signataire> = n.signataires.iter().map(|s| &s.value).collect();
    // The same body: same kind and same commune code or name; then, among
    // what is left, the only one of its kind on each side (renamed).
    let key = |s: &Signataire| {
        let id = s
            .insee
            .as_ref()
            .map_or_else(|| fold(&s.nom.value), |i| i.value.clone());
        (s.organisme.value, id)
    };
    let only_of_kind = |list: &[&Signataire], left: &[usize], s: &Signataire| {
        left.iter()
            .filter(|&&i| list[i].organisme.value == s.organisme.value)
            .count()
            == 1
    };
    let pairs = pair(
        &old,
        &new,
        |s| key(s),
        |a, b, left_old, left_new| {
            a.organisme.value == b.organisme.value
                && only_of_kind(&old, left_old, a)
                && only_of_kind(&new, left_new, b)
        },
    );
    let mut changes = Vec::new();
    for (i, j) in &pairs.matched {
        let (a, b) = (old[*i], new[*j]);
        if a.nom.value != b.nom.value {
            changes.push(Change::changed(
                format!("nom de {}", signataire_name(a)),
                a.nom.value.clone(),
                b.nom.value.clone(),
            ));
        }
        let (ra, rb) = (representants(a), representants(b));
        if ra != rb {
            changes.push(Change::changed(
                format!("représentants de {}", signataire_name(b)),
                ra,
                rb,
            ));
        }
    }
    for j in &pairs.added {
        changes.push(Change::added(format!(
            "{} — représentants : {}",
            signataire_name(new[*j]),
            representants(new[*j])
        )));
    }
    for i in &pairs.removed {
        changes.push(Change::removed(signataire_name(old[*i])));
    }
    changes
}

fn champs(o: &Convention, n: &Convention) -> Vec<Change> {
    let has = |c: &Convention, champ: Champ| c.champs.iter().any(|x| x.value == champ);
    let mut changes = Vec::new();
    for &champ in Champ::ALL {
        let label = champ.label(crate::diagnostic::Lang::Fr);
        match (has(o, champ), has(n, champ)) {
            (false, true) => changes.push(Change::added(label)),
            (true, false) => changes.push(Change::removed(label)),
            _ => {}
        }
    }
    changes
}

/// The orientations an axis cites, by title when the referential is known.
fn orientations(side: &Side, axe: &Axe) -> String {
    let cited: Vec<String> = axe
        .sdsf
        .iter()
        .flat_map(|l| l.iter())
        .map(|id| match side.sdsf.and_then(|s| s.orientation(id)) {
            Some(o) => format!("{} « {} »", id.value, o.intitule.value),
            None => id.value.clone(),
        })
        .collect();
    if cited.is_empty() {
        "aucune".into()
    } else {
        cited.join(", ")
    }
}

fn similar(a: &str, b: &str) -> f64 {
    let (a, b) = (fold(a), fold(b));
    // The edit distance costs the product of the lengths: past a paragraph,
    // only the same text is alike.
    if a.len().max(b.len()) > 1_000 {
        return if a == b { 1.0 } else { 0.0 };
    }
    strsim::normalized_levenshtein(&a, &b)
}

/// Axes and actions: an id, and a title that recognises them when the ids
/// were renumbered.
trait Numbered {
    fn id(&self) -> &str;
    fn title(&self) -> &str;
}

impl Numbered for Axe {
    fn id(&self) -> &str {
        &self.id.value
    }
    fn title(&self) -> &str {
        &self.intitule.value
    }
}

impl Numbered for Action {
    fn id(&self) -> &str {
        &self.id.value
    }
    fn title(&self) -> &str {
        &self.intitule.value
    }
}

/// Pairs by id, then by title; a renumbered item is a change of its own.
fn pair_numbered<T: Numbered>(
    old: &[&T],
    new: &[&T],
    what: &str,
    changes: &mut Vec<Change>,
) -> Pairs {
    let pairs = pair(
        old,
        new,
        |a| a.id(),
        |a, b, _, _| similar(a.title(), b.title()) >= SAME_TITLE,
    );
    for (i, j) in &pairs.matched {
        let (a, b) = (old[*i], new[*j]);
        if a.id() != b.id() {
            changes.push(Change::changed(
                format!("identifiant de {what} « {} »", b.title()),
                a.id().to_string(),
                b.id().to_string(),
            ));
        }
    }
    pairs
}

fn axes(old: &Side, new: &Side) -> Vec<Change> {
    let o: Vec<&Axe> = old.convention.axes.iter().map(|a| &a.value).collect();
    let n: Vec<&Axe> = new.convention.axes.iter().map(|a| &a.value).collect();
    let mut changes = Vec::new();
    let pairs = pair_numbered(&o, &n, "l'axe", &mut changes);
    let name = |a: &Axe| format!("axe {} « {} »", a.id.value, a.intitule.value);
    for (i, j) in &pairs.matched {
        let (a, b) = (o[*i], n[*j]);
        let subject = |what: &str| format!("{what} de l'axe {}", b.id.value);
        if a.intitule.value != b.intitule.value {
            changes.push(Change::changed(
                subject("intitulé"),
                a.intitule.value.clone(),
                b.intitule.value.clone(),
            ));
        }
        let (oa, ob) = (orientations(old, a), orientations(new, b));
        if oa != ob {
            changes.push(Change::changed(subject("orientations SDSF"), oa, ob));
        }
    }
    for j in &pairs.added {
        let b = n[*j];
        changes.push(Change::added(format!(
            "{}, orientations SDSF : {}",
            name(b),
            orientations(new, b)
        )));
    }
    for i in &pairs.removed {
        changes.push(Change::removed(name(o[*i])));
    }
    changes
}

fn target(ind: &Indicateur) -> String {
    let unit = ind.unite.as_ref().map_or("", |u| u.value.as_str());
    match &ind.cible {
        Some(c) => format!("{} {unit}", typo::number(c.value))
            .trim_end()
            .to_string(),
        None => "aucune".into(),
    }
}

fn actions(o: &Convention, n: &Convention) -> Vec<Change> {
    let old: Vec<&Action> = o.actions.iter().map(|a| &a.value).collect();
    let new: Vec<&Action> = n.actions.iter().map(|a| &a.value).collect();
    let mut changes = Vec::new();
    let pairs = pair_numbered(&old, &new, "l'action", &mut changes);
    let name = |a: &Action| format!("action {} « {} »", a.id.value, a.intitule.value);
    for (i, j) in &pairs.matched {
        let (a, b) = (old[*i], new[*j]);
        let subject = |what: &str| format!("{what} de l'action {}", b.id.value);
        let text = |s: &Option<crate::span::Spanned<String>>| s.as_ref().map(|v| v.value.clone());
        for (what, x, y) in [
            (
                "intitulé",
                Some(a.intitule.value.clone()),
                Some(b.intitule.value.clone()),
            ),
            ("axe", Some(a.axe.value.clone()), Some(b.axe.value.clone())),
            (
                "champ",
                Some(a.champ.value.label(crate::diagnostic::Lang::Fr).to_string()),
                Some(b.champ.value.label(crate::diagnostic::Lang::Fr).to_string()),
            ),
            ("pilote", text(&a.pilote), text(&b.pilote)),
            ("public", text(&a.public), text(&b.public)),
            (
                "statut",
                Some(a.statut().label(crate::diagnostic::Lang::Fr).to_string()),
                Some(b.statut().label(crate::diagnostic::Lang::Fr).to_string()),
            ),
            ("communes", communes(a), communes(b)),
            ("calendrier", calendrier(a), calendrier(b)),
            (
                "budget",
                a.budget
                    .as_ref()
                    .and_then(|b| b.montant.as_ref())
                    .map(|m| typo::euros(m.value)),
                b.budget
                    .as_ref()
                    .and_then(|b| b.montant.as_ref())
                    .map(|m| typo::euros(m.value)),
            ),
        ] {
            push_if_changed(&mut changes, &subject(what), x, y);
        }
        indicateurs(&mut changes, a, b);
    }
    for j in &pairs.added {
        changes.push(Change::added(name(new[*j])));
    }
    for i in &pairs.removed {
        changes.push(Change::removed(name(old[*i])));
    }
    changes
}

fn communes(a: &Action) -> Option<String> {
    a.communes.as_ref().map(|l| {
        l.iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn calendrier(a: &Action) -> Option<String> {
    a.calendrier.as_ref().map(|c| c.text())
}

fn indicators_of(a: &Action) -> Vec<&Indicateur> {
    a.indicateurs
        .iter()
        .flat_map(|l| l.iter())
        .map(|i| &i.value)
        .collect()
}

/// Indicators of one action, matched by their label.
fn indicateurs(changes: &mut Vec<Change>, a: &Action, b: &Action) {
    let (old, new) = (indicators_of(a), indicators_of(b));
    let pairs = pair(
        &old,
        &new,
        |x| fold(&x.libelle.value),
        |x, y, _, _| similar(&x.libelle.value, &y.libelle.value) >= SAME_TITLE,
    );
    let id = &b.id.value;
    for (i, j) in &pairs.matched {
        let (x, y) = (old[*i], new[*j]);
        let (tx, ty) = (target(x), target(y));
        if tx != ty {
            changes.push(Change::changed(
                format!("cible de « {} » (action {id})", y.libelle.value),
                tx,
                ty,
            ));
        }
    }
    for j in &pairs.added {
        let y = new[*j];
        changes.push(Change::added(format!(
            "indicateur « {} » de l'action {id}, cible {}",
            y.libelle.value,
            target(y)
        )));
    }
    for i in &pairs.removed {
        changes.push(Change::removed(format!(
            "indicateur « {} » de l'action {id}",
            old[*i].libelle.value
        )));
    }
}

/// Which items of two lists are the same thing.
struct Pairs {
    /// (old index, new index), in the new list's order.
    matched: Vec<(usize, usize)>,
    added: Vec<usize>,
    removed: Vec<usize>,
}

/// Past this many (old, new) candidates left after the keys, titles are not
/// compared: two versions of a convention differ by a few items, and each
/// comparison costs the product of two titles' lengths.
const MAX_ALIKE: usize = 250_000;

/// Pairs items by `key` first, then what is left by `alike` (given the
/// indices still unpaired on each side), each new item taking the first
/// old one that fits.
fn pair<T, K: std::hash::Hash + Eq>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
    alike: impl Fn(&T, &T, &[usize], &[usize]) -> bool,
) -> Pairs {
    let mut by_key: HashMap<K, VecDeque<usize>> = HashMap::new();
    for (i, a) in old.iter().enumerate() {
        by_key.entry(key(a)).or_default().push_back(i);
    }
    let mut matched = Vec::new();
    let mut taken = vec![false; old.len()];
    let mut left_new = Vec::new();
    for (j, b) in new.iter().enumerate() {
        match by_key.get_mut(&key(b)).and_then(VecDeque::pop_front) {
            Some(i) => {
                taken[i] = true;
                matched.push((i, j));
            }
            None => left_new.push(j),
        }
    }
    let mut left_old: Vec<usize> = (0..old.len()).filter(|&i| !taken[i]).collect();
    let mut added = Vec::new();
    if left_old.len().saturating_mul(left_new.len()) > MAX_ALIKE {
        added = left_new;
    } else {
        for j in left_new.clone() {
            let found = left_old
                .iter()
                .position(|&i| alike(&old[i], &new[j], &left_old, &left_new));
            match found {
                Some(k) => {
                    matched.push((left_old.remove(k), j));
                    left_new.retain(|&x| x != j);
                }
                None => added.push(j),
            }
        }
    }
    matched.sort_by_key(|&(_, j)| j);
    Pairs {
        matched,
        added,
        removed: left_old,
    }
}

/// The report from its template: `diff.txt` for the terminal (values as
/// written), `diff.md` for a review (values escaped, mentions defused).
pub fn page(
    old: &Side,
    new: &Side,
    sections: &[Section],
    markup: Option<Markup>,
    templates: &Templates,
) -> Result<String, RenderError> {
    let e = |t: &str| {
        Value::from_safe_string(match markup {
            Some(_) => typo::escape_for_review(t),
            None => t.to_string(),
        })
    };
    // The paths go in a code span in Markdown: only a backquote could end it.
    let path = |p: &str| {
        Value::from_safe_string(match markup {
            Some(_) => p.replace('`', "'"),
            None => p.to_string(),
        })
    };
    let resume = Value::from_safe_string(summary(sections));
    let changes: usize = sections.iter().map(|s| s.changes.len()).sum();
    let sections: Vec<Value> = sections
        .iter()
        .map(|s| {
            let changements: Vec<Value> = s
                .changes
                .iter()
                .map(|c| {
                    let nature = match (c.kind, &c.from, &c.to) {
                        (Kind::Changed, Some(_), Some(_)) => "modifie",
                        (Kind::Added, ..) => "ajoute",
                        _ => "retire",
                    };
                    context! {
                        nature,
                        sujet => e(&c.subject),
                        avant => c.from.as_deref().map(e),
                        apres => c.to.as_deref().map(e),
                    }
                })
                .collect();
            context! { titre => Value::from_safe_string(s.title.to_string()), changements }
        })
        .collect();
    let context = context! {
        ancienne => path(old.path),
        nouvelle => path(new.path),
        territoires => relation(old.convention, new.convention).map(|r| e(&r)),
        sections,
        resume,
    };
    let (name, markup) = match markup {
        Some(m) => ("diff.md", m),
        None => ("diff.txt", Markup::Markdown),
    };
    super::page(name, markup, context, templates, changes * 400)
}

/// What the two territories are to each other, said first when they are
/// not the same one: a renewal compares a territory with itself, a merger
/// or a split is told as such, two strangers as strangers. None for the
/// same territory (same SIREN, or the same communes).
pub fn relation(o: &Convention, n: &Convention) -> Option<String> {
    let (to, tn) = (&o.territoire.value, &n.territoire.value);
    let codes = |t: &crate::model::Territoire| -> std::collections::BTreeSet<String> {
        t.communes
            .iter()
            .map(|c| {
                c.insee
                    .as_ref()
                    .map_or_else(|| fold(&c.nom.value), |i| i.value.clone())
            })
            .collect()
    };
    let (a, b) = (codes(to), codes(tn));
    let sirens = (
        to.siren.as_ref().map(|s| &s.value),
        tn.siren.as_ref().map(|s| &s.value),
    );
    let same_siren = matches!(sirens, (Some(x), Some(y)) if x == y);
    if same_siren || a == b {
        return None;
    }
    let common = a.intersection(&b).count();
    let (was, now) = (&to.nom.value, &tn.nom.value);
    Some(if common == 0 {
        format!(
            "Territoires différents : « {was} » et « {now} » n'ont aucune commune en commun ; ce n'est pas un renouvellement."
        )
    } else if common == a.len() {
        format!(
            "Fusion ou extension : « {now} » ({} communes) englobe les {} communes de « {was} ».",
            b.len(),
            a.len()
        )
    } else if common == b.len() {
        format!(
            "Scission ou réduction : « {now} » ({} communes) ne garde que {common} des {} communes de « {was} ».",
            b.len(),
            a.len()
        )
    } else {
        format!(
            "Territoires qui se recouvrent en partie : {common} communes en commun entre « {was} » ({}) et « {now} » ({}).",
            a.len(),
            b.len()
        )
    })
}

fn summary(sections: &[Section]) -> String {
    let count = |k: Kind| {
        sections
            .iter()
            .flat_map(|s| &s.changes)
            .filter(|c| c.kind == k)
            .count()
    };
    format!(
        "{} ajout(s), {} retrait(s), {} modification(s)",
        count(Kind::Added),
        count(Kind::Removed),
        count(Kind::Changed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbered_items_are_paired_by_title() {
        let old = ["Créer une micro-crèche à Éloyes", "Ouvrir un LAEP"];
        let new = [
            "Ouvrir un lieu d'accueil",
            "Créer une micro-crèche à Eloyes",
        ];
        let p = pair(&old, &new, |a| *a, |a, b, _, _| similar(a, b) >= SAME_TITLE);
        assert_eq!(p.matched, vec![(0, 1)]);
        assert_eq!((p.added, p.removed), (vec![0], vec![1]));
    }
}

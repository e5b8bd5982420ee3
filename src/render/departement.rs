//! `ctg report [DIR]`: the departmental view over a repository, for the
//! SDSF committee — per département, which conventions decline which SDSF
//! orientations and cover which champs, what expires within a year, and
//! which EPCI of the official geography have no convention yet.

use crate::check::FileReport;
use crate::diagnostic::Lang;
use crate::geo;
use crate::model::{Champ, Closed, Convention, Sdsf};
use crate::render::typo::{self, Markup};
use crate::render::{RenderError, Templates};
use crate::schema::Document;
use camino::{Utf8Path, Utf8PathBuf};
use chrono::{Months, NaiveDate};
use minijinja::{context, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

/// One convention as the view shows it.
pub struct Entry {
    pub path: Utf8PathBuf,
    /// Sigle, or the territory's name.
    pub name: String,
    pub siren: Option<String>,
    pub debut: NaiveDate,
    pub fin: NaiveDate,
    pub champs: BTreeSet<Champ>,
    /// Orientation ids its axes cite.
    pub orientations: BTreeSet<String>,
    /// Not signed yet (`statut: projet`, the default).
    pub projet: bool,
    /// Its period ended before the view's date: listed, but it covers
    /// nothing any more.
    pub echue: bool,
}

impl Entry {
    pub fn label(&self) -> String {
        format!(
            "{} {}-{}",
            self.name,
            chrono::Datelike::year(&self.debut),
            chrono::Datelike::year(&self.fin)
        )
    }
}

/// The conventions that decline one SDSF referential.
pub struct Referential {
    pub path: Utf8PathBuf,
    pub sdsf: Arc<Sdsf>,
    /// Indices into the département's entries.
    pub rows: Vec<usize>,
}

impl Referential {
    /// How many of its conventions decline each orientation, in order.
    pub fn coverage(&self, entries: &[Entry]) -> Vec<usize> {
        self.sdsf
            .orientations
            .iter()
            .map(|o| {
                self.rows
                    .iter()
                    .filter(|&&r| {
                        !entries[r].echue && entries[r].orientations.contains(&o.id.value)
                    })
                    .count()
            })
            .collect()
    }
}

pub struct Departement {
    pub code: String,
    pub nom: String,
    pub entries: Vec<Entry>,
    pub referentials: Vec<Referential>,
    /// Conventions whose period ends within 12 months of the date.
    pub expiring: Vec<usize>,
    /// EPCI mainly in the département, by the official geography.
    pub epci_total: usize,
    /// Those that no convention names.
    pub without: Vec<geo::Epci>,
}

impl Departement {
    /// The champs shown: the Cnaf floor and every champ some convention declares.
    pub fn champs(&self) -> Vec<Champ> {
        Champ::ALL
            .iter()
            .copied()
            .filter(|c| {
                crate::rules::sdsf::CNAF_FLOOR.contains(c)
                    || self.entries.iter().any(|e| e.champs.contains(c))
            })
            .collect()
    }
}

pub struct Overview {
    pub dir: String,
    pub au: NaiveDate,
    pub departements: Vec<Departement>,
    /// Conventions that could not be read (format errors).
    pub unreadable: Vec<Utf8PathBuf>,
}

/// Builds the view from checked files. `sdsf_of` gives the referential a
/// convention cites, when it loads.
pub fn build(
    dir: &str,
    au: NaiveDate,
    reports: &[FileReport],
    sdsf_of: impl Fn(&Utf8Path, &Convention) -> Option<(Utf8PathBuf, Arc<Sdsf>)>,
) -> Overview {
    let mut by_dep: BTreeMap<String, Departement> = BTreeMap::new();
    let mut unreadable = Vec::new();
    for report in reports {
        let c = match &report.document {
            Some(Document::Convention(c)) => c,
            Some(Document::Sdsf(_) | Document::Modele(_)) => continue,
            None => {
                if report.source.text.contains("document: convention") {
                    unreadable.push(report.source.path.clone());
                }
                continue;
            }
        };
        let t = &c.territoire.value;
        let code = t.departement.value.clone();
        let dep = by_dep.entry(code.clone()).or_insert_with(|| Departement {
            nom: geo::geo().departement(&code).unwrap_or("").to_string(),
            code,
            entries: Vec::new(),
            referentials: Vec::new(),
            expiring: Vec::new(),
            epci_total: 0,
            without: Vec::new(),
        });
        let index = dep.entries.len();
        dep.entries.push(Entry {
            path: report.source.path.clone(),
            name: t
                .sigle
                .as_ref()
                .map_or_else(|| t.nom.value.clone(), |s| s.value.clone()),
            siren: t.siren.as_ref().map(|s| s.value.clone()),
            debut: c.periode.debut.value,
            fin: c.periode.fin.value,
            champs: c.champs.iter().map(|c| c.value).collect(),
            orientations: c
                .axes
                .iter()
                .flat_map(|a| a.sdsf.iter().flat_map(|l| l.iter()))
                .map(|o| o.value.clone())
                .collect(),
            projet: c.statut() == crate::model::StatutConvention::Projet,
            echue: c.periode.fin.value < au,
        });
        if let Some((path, sdsf)) = sdsf_of(&report.source.path, c) {
            match dep.referentials.iter_mut().find(|r| r.path == path) {
                Some(r) => r.rows.push(index),
                None => dep.referentials.push(Referential {
                    path,
                    sdsf,
                    rows: vec![index],
                }),
            }
        }
    }
    let horizon = au.checked_add_months(Months::new(12)).unwrap_or(au);
    for dep in by_dep.values_mut() {
        dep.expiring = (0..dep.entries.len())
            .filter(|&i| (au..=horizon).contains(&dep.entries[i].fin))
            .collect();
        dep.referentials.sort_by(|a, b| a.path.cmp(&b.path));
        let names: Vec<String> = dep
            .entries
            .iter()
            .map(|e| geo::normalize_epci_name(&e.name))
            .collect();
        // The EPCI à fiscalité propre: the EPT of the Métropole du Grand
        // Paris overlap its own perimeter and are not counted here.
        let all: Vec<geo::Epci> = geo::geo()
            .all_epci()
            .filter(|e| e.nature != "EPT")
            .filter(|e| {
                geo::departements_of(geo::geo(), e).first().map(|(d, _)| *d) == Some(&dep.code)
            })
            .collect();
        dep.epci_total = all.len();
        // Covered by a convention that has not ended (signed or in the making).
        dep.without = all
            .into_iter()
            .filter(|e| {
                !dep.entries.iter().zip(&names).any(|(x, name)| {
                    !x.echue
                        && (x.siren.as_deref() == Some(e.siren)
                            || *name == geo::normalize_epci_name(e.nom))
                })
            })
            .collect();
        dep.without.sort_by(|a, b| a.nom.cmp(b.nom));
    }
    Overview {
        dir: dir.to_string(),
        au,
        departements: by_dep.into_values().collect(),
        unreadable,
    }
}

fn long(d: NaiveDate) -> String {
    crate::model::date::long(d).fr
}

fn period(e: &Entry) -> String {
    format!("{} → {}", long(e.debut), long(e.fin))
}

fn state(e: &Entry, au: NaiveDate) -> &'static str {
    if e.fin < au {
        "échue"
    } else if e.projet {
        "en projet"
    } else if e.debut > au {
        "à venir"
    } else {
        "en vigueur"
    }
}

fn epci_line(e: &geo::Epci) -> String {
    let population = e
        .population
        .map(|p| format!(", {} hab.", typo::thousands(p)))
        .unwrap_or_default();
    format!(
        "{} (SIREN {}) : {} communes{population}",
        geo::long_epci_name(e.nom),
        e.siren,
        e.membres.len()
    )
}

/// The departmental view from its template, `report.md` or `report.html`
/// (the built-in one, or the one of `templates`). Values reach the
/// template escaped for the page, a table row's cells already joined.
pub fn page(
    v: &Overview,
    markup: Markup,
    generator: &str,
    templates: &Templates,
) -> Result<String, RenderError> {
    let html = markup == Markup::Html;
    let e = |t: &str| typo::escape(markup, t);
    let safe = Value::from_safe_string;
    let raw = |t: &str| Value::from_safe_string(t.to_string());
    let total: usize = v.departements.iter().map(|d| d.entries.len()).sum();
    let dir = if html {
        e(&v.dir)
    } else {
        v.dir.replace('`', "'")
    };
    let unreadable: Vec<String> = v
        .unreadable
        .iter()
        .map(|p| {
            if html {
                e(p.as_str())
            } else {
                format!("`{p}`")
            }
        })
        .collect();
    let departements: Vec<Value> = v
        .departements
        .iter()
        .map(|d| {
            let entries: Vec<Value> = d
                .entries
                .iter()
                .map(|x| {
                    context! {
                        label => safe(e(&x.label())),
                        periode => safe(period(x)),
                        etat => raw(state(x, v.au)),
                        fichier => raw(x.path.as_str()),
                    }
                })
                .collect();
            let referentiels: Vec<Value> = d
                .referentials
                .iter()
                .map(|r| referential(r, &d.entries, markup))
                .collect();
            let echeances: Vec<Value> = d
                .expiring
                .iter()
                .map(|&i| {
                    let x = &d.entries[i];
                    context! { convention => safe(e(&x.label())), fin => safe(long(x.fin)) }
                })
                .collect();
            let sans: Vec<Value> = d.without.iter().map(|x| safe(e(&epci_line(x)))).collect();
            context! {
                nom => safe(e(&d.nom)),
                code => safe(if html { e(&d.code) } else { d.code.clone() }),
                entries,
                referentiels,
                champs => champs(d, markup),
                echeances,
                epci_total => d.epci_total,
                sans,
            }
        })
        .collect();
    let context = context! {
        generateur => safe(e(generator)),
        total,
        dir => safe(dir),
        au => safe(long(v.au)),
        unreadable => (!unreadable.is_empty()).then(|| safe(unreadable.join(", "))),
        departements,
        millesime => safe(if html { e(geo::VINTAGE) } else { geo::VINTAGE.to_string() }),
    };
    let name = if html { "report.html" } else { "report.md" };
    let len: usize = v.departements.iter().map(|d| d.entries.len() * 2_000).sum();
    super::page(name, markup, context, templates, len)
}

/// One referential's table (and chart, in HTML): its columns, a row per
/// convention citing it, the coverage, the orientations.
fn referential(r: &Referential, entries: &[Entry], markup: Markup) -> Value {
    let html = markup == Markup::Html;
    let e = |t: &str| typo::escape(markup, t);
    let safe = Value::from_safe_string;
    let coverage = r.coverage(entries);
    let orientations = &r.sdsf.orientations;
    let colonnes = if html {
        orientations
            .iter()
            .enumerate()
            .map(|(i, o)| format!("<th title=\"{}\">O{}</th>", e(&o.intitule.value), i + 1))
            .collect::<String>()
    } else {
        (1..=orientations.len())
            .map(|i| format!("O{i}"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let lignes: Vec<Value> = r
        .rows
        .iter()
        .map(|&row| {
            let x = &entries[row];
            let marks = orientations
                .iter()
                .map(|o| x.orientations.contains(&o.id.value));
            context! { convention => safe(e(&x.label())), cases => safe(cells(marks, html)) }
        })
        .collect();
    let current = r.rows.iter().filter(|&&i| !entries[i].echue).count();
    let couverture = counts(coverage.iter().copied(), current, html);
    let list: Vec<Value> = orientations
        .iter()
        .enumerate()
        .map(|(i, o)| {
            context! {
                n => i + 1,
                id => safe(o.id.value.clone()),
                intitule => safe(e(&o.intitule.value)),
                prioritaire => safe(if o.prioritaire { " (prioritaire)".into() } else { String::new() }),
                nombre => coverage[i],
            }
        })
        .collect();
    context! {
        intitule => safe(e(&r.sdsf.intitule.value)),
        graphique => safe(if html { chart(r, &coverage) } else { String::new() }),
        colonnes => safe(colonnes),
        alignement => safe(":-:|".repeat(orientations.len())),
        lignes,
        couverture => safe(couverture),
        orientations => list,
        total => current,
    }
}

/// The champs table of a département: a column per champ any convention
/// declares.
fn champs(d: &Departement, markup: Markup) -> Value {
    let html = markup == Markup::Html;
    let e = |t: &str| typo::escape(markup, t);
    let safe = Value::from_safe_string;
    let champs = d.champs();
    let colonnes = if html {
        champs
            .iter()
            .map(|c| format!("<th>{}</th>", e(c.label(Lang::Fr))))
            .collect::<String>()
    } else {
        champs
            .iter()
            .map(|c| c.label(Lang::Fr))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let lignes: Vec<Value> = d
        .entries
        .iter()
        .map(|x| {
            let marks = champs.iter().map(|c| x.champs.contains(c));
            context! { convention => safe(e(&x.label())), cases => safe(cells(marks, html)) }
        })
        .collect();
    // An ended convention is listed but covers nothing.
    let current = d.entries.iter().filter(|x| !x.echue).count();
    let per_champ = champs.iter().map(|c| {
        d.entries
            .iter()
            .filter(|x| !x.echue && x.champs.contains(c))
            .count()
    });
    context! {
        colonnes => safe(colonnes),
        alignement => safe(":-:|".repeat(champs.len())),
        lignes,
        couverture => safe(counts(per_champ, current, html)),
    }
}

/// A row's marks: `✓ | ·` in Markdown, table cells in HTML.
fn cells(marks: impl Iterator<Item = bool>, html: bool) -> String {
    if html {
        marks.map(cell).collect()
    } else {
        marks.map(mark).collect::<Vec<_>>().join(" | ")
    }
}

/// A coverage row: `n/total` for each column.
fn counts(ns: impl Iterator<Item = usize>, total: usize, html: bool) -> String {
    if html {
        ns.map(|n| format!("<td class=\"c\">{n}/{total}</td>"))
            .collect()
    } else {
        ns.map(|n| format!("{n}/{total}"))
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

fn mark(yes: bool) -> &'static str {
    if yes {
        "✓"
    } else {
        "·"
    }
}

fn cell(yes: bool) -> String {
    if yes {
        "<td class=\"c yes\">✓</td>".into()
    } else {
        "<td class=\"c\">·</td>".into()
    }
}

/// Horizontal bars: the share of conventions declining each orientation.
fn chart(r: &Referential, coverage: &[usize]) -> String {
    const LABEL: usize = 420;
    const BAR: usize = 300;
    const ROW: usize = 26;
    let n = r.rows.len().max(1);
    let height = ROW * coverage.len() + 10;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\">\n<title>Couverture des orientations</title>\n",
        w = LABEL + BAR + 60
    );
    for (i, (o, count)) in r.sdsf.orientations.iter().zip(coverage).enumerate() {
        let y = 5 + i * ROW;
        let width = BAR * count / n;
        let mut label: String = o.intitule.value.chars().take(60).collect();
        if o.intitule.value.chars().count() > 60 {
            label.push('…');
        }
        let _ = writeln!(
            svg,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">O{k} {label}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{BAR}\" height=\"18\" fill=\"#eee\"/>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"#2a7f62\"/>\
             <text x=\"{tx}\" y=\"{ty}\">{count}/{total}</text>",
            x = LABEL - 8,
            ty = y + 13,
            k = i + 1,
            label = typo::escape(Markup::Html, &label),
            bx = LABEL,
            tx = LABEL + BAR + 6,
            total = r.rows.len(),
        );
    }
    svg.push_str("</svg>\n");
    svg
}

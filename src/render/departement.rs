//! `ctg report [DIR]`: the departmental view over a repository, for the
//! SDSF committee — per département, which conventions decline which SDSF
//! orientations and cover which champs, what expires within a year, and
//! which EPCI of the official geography have no convention yet.

use crate::check::FileReport;
use crate::diagnostic::Lang;
use crate::geo;
use crate::model::{Champ, Closed, Convention, Sdsf};
use crate::render::typo::{self, Markup};
use crate::schema::Document;
use camino::{Utf8Path, Utf8PathBuf};
use chrono::{Months, NaiveDate};
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
                    .filter(|&&r| entries[r].orientations.contains(&o.id.value))
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
            Some(Document::Sdsf(_)) => continue,
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
        let all: Vec<geo::Epci> = geo::geo()
            .all_epci()
            .filter(|e| geo::departements_of(e).first().map(|(d, _)| *d) == Some(&dep.code))
            .collect();
        dep.epci_total = all.len();
        dep.without = all
            .into_iter()
            .filter(|e| {
                !dep.entries
                    .iter()
                    .any(|x| x.siren.as_deref() == Some(e.siren))
                    && !names.contains(&geo::normalize_epci_name(e.nom))
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

/// Markdown.
pub fn markdown(v: &Overview) -> String {
    let e = |t: &str| typo::escape(Markup::Markdown, t);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Vue départementale des CTG\n\n{} conventions lues dans `{}`, au {}.",
        v.departements
            .iter()
            .map(|d| d.entries.len())
            .sum::<usize>(),
        v.dir.replace('`', "'"),
        long(v.au)
    );
    if !v.unreadable.is_empty() {
        let list: Vec<String> = v.unreadable.iter().map(|p| format!("`{p}`")).collect();
        let _ = writeln!(
            out,
            "\nNon lues (erreurs de format, voir `ctg validate`) : {}.",
            list.join(", ")
        );
    }
    for d in &v.departements {
        let _ = writeln!(out, "\n## {} ({})\n", e(&d.nom), d.code);
        out.push_str("| Convention | Période | État | Fichier |\n|---|---|---|---|\n");
        for x in &d.entries {
            let _ = writeln!(
                out,
                "| {} | {} | {} | `{}` |",
                e(&x.label()),
                period(x),
                state(x, v.au),
                x.path
            );
        }
        for r in &d.referentials {
            let _ = writeln!(out, "\n### Orientations : {}\n", e(&r.sdsf.intitule.value));
            let cols: Vec<String> = (1..=r.sdsf.orientations.len())
                .map(|i| format!("O{i}"))
                .collect();
            let _ = writeln!(
                out,
                "| Convention | {} |\n|---|{}",
                cols.join(" | "),
                ":-:|".repeat(cols.len())
            );
            for &row in &r.rows {
                let x = &d.entries[row];
                let cells: Vec<&str> = r
                    .sdsf
                    .orientations
                    .iter()
                    .map(|o| mark(x.orientations.contains(&o.id.value)))
                    .collect();
                let _ = writeln!(out, "| {} | {} |", e(&x.label()), cells.join(" | "));
            }
            let coverage = r.coverage(&d.entries);
            let counts: Vec<String> = coverage
                .iter()
                .map(|n| format!("{n}/{}", r.rows.len()))
                .collect();
            let _ = writeln!(out, "| **Couverture** | {} |\n", counts.join(" | "));
            for (i, o) in r.sdsf.orientations.iter().enumerate() {
                let star = if o.prioritaire { " (prioritaire)" } else { "" };
                let _ = writeln!(
                    out,
                    "- O{} `{}` : {}{star} — {} convention(s) sur {}",
                    i + 1,
                    o.id.value,
                    e(&o.intitule.value),
                    coverage[i],
                    r.rows.len()
                );
            }
        }
        let champs = d.champs();
        let _ = writeln!(out, "\n### Champs d'intervention\n");
        let heads: Vec<&str> = champs.iter().map(|c| c.label(Lang::Fr)).collect();
        let _ = writeln!(
            out,
            "| Convention | {} |\n|---|{}",
            heads.join(" | "),
            ":-:|".repeat(heads.len())
        );
        for x in &d.entries {
            let cells: Vec<&str> = champs.iter().map(|c| mark(x.champs.contains(c))).collect();
            let _ = writeln!(out, "| {} | {} |", e(&x.label()), cells.join(" | "));
        }
        let counts: Vec<String> = champs
            .iter()
            .map(|c| {
                let n = d.entries.iter().filter(|x| x.champs.contains(c)).count();
                format!("{n}/{}", d.entries.len())
            })
            .collect();
        let _ = writeln!(out, "| **Couverture** | {} |", counts.join(" | "));
        let _ = writeln!(out, "\n### Échéances dans les 12 mois\n");
        if d.expiring.is_empty() {
            out.push_str("Aucune.\n");
        }
        for &i in &d.expiring {
            let x = &d.entries[i];
            let _ = writeln!(out, "- {} : fin le {}", e(&x.label()), long(x.fin));
        }
        let _ = writeln!(
            out,
            "\n### EPCI sans convention dans le dépôt\n\n{} EPCI du département d'après le COG ({}), dont {} sans convention ici :\n",
            d.epci_total,
            geo::VINTAGE,
            d.without.len()
        );
        for x in &d.without {
            let _ = writeln!(out, "- {}", e(&epci_line(x)));
        }
    }
    out
}

fn mark(yes: bool) -> &'static str {
    if yes {
        "✓"
    } else {
        "·"
    }
}

/// A self-contained HTML page: inline style, an SVG chart per referential,
/// no script, nothing fetched.
pub fn html(v: &Overview, generator: &str) -> String {
    let h = |t: &str| typo::escape(Markup::Html, t);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8"/>
<meta name="generator" content="{}"/>
<title>Vue départementale des CTG</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .5rem; }}
td.c {{ text-align: center; }}
td.yes {{ background: #dbeedd; }}
tr.total td {{ font-weight: bold; background: #f3f3f3; }}
svg text {{ font-size: 12px; font-family: system-ui, sans-serif; }}
</style>
</head>
<body>
<h1>Vue départementale des CTG</h1>
<p>{} conventions lues dans <code>{}</code>, au {}.</p>
"#,
        h(generator),
        v.departements
            .iter()
            .map(|d| d.entries.len())
            .sum::<usize>(),
        h(&v.dir),
        long(v.au)
    );
    if !v.unreadable.is_empty() {
        let list: Vec<String> = v.unreadable.iter().map(|p| h(p.as_str())).collect();
        let _ = writeln!(
            out,
            "<p>Non lues (erreurs de format, voir <code>ctg validate</code>) : {}.</p>",
            list.join(", ")
        );
    }
    for d in &v.departements {
        let _ = writeln!(out, "<h2>{} ({})</h2>", h(&d.nom), h(&d.code));
        out.push_str("<table><tr><th>Convention</th><th>Période</th><th>État</th></tr>\n");
        for x in &d.entries {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                h(&x.label()),
                period(x),
                state(x, v.au)
            );
        }
        out.push_str("</table>\n");
        for r in &d.referentials {
            let _ = writeln!(out, "<h3>Orientations : {}</h3>", h(&r.sdsf.intitule.value));
            let coverage = r.coverage(&d.entries);
            out.push_str(&chart(r, &coverage));
            out.push_str("<table><tr><th>Convention</th>");
            for (i, o) in r.sdsf.orientations.iter().enumerate() {
                let _ = write!(
                    out,
                    "<th title=\"{}\">O{}</th>",
                    h(&o.intitule.value),
                    i + 1
                );
            }
            out.push_str("</tr>\n");
            for &row in &r.rows {
                let x = &d.entries[row];
                let _ = write!(out, "<tr><td>{}</td>", h(&x.label()));
                for o in r.sdsf.orientations.iter() {
                    out.push_str(&cell(x.orientations.contains(&o.id.value)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("<tr class=\"total\"><td>Couverture</td>");
            for n in &coverage {
                let _ = write!(out, "<td class=\"c\">{n}/{}</td>", r.rows.len());
            }
            out.push_str("</tr></table>\n");
        }
        let champs = d.champs();
        out.push_str("<h3>Champs d'intervention</h3>\n<table><tr><th>Convention</th>");
        for c in &champs {
            let _ = write!(out, "<th>{}</th>", h(c.label(Lang::Fr)));
        }
        out.push_str("</tr>\n");
        for x in &d.entries {
            let _ = write!(out, "<tr><td>{}</td>", h(&x.label()));
            for c in &champs {
                out.push_str(&cell(x.champs.contains(c)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("<tr class=\"total\"><td>Couverture</td>");
        for c in &champs {
            let n = d.entries.iter().filter(|x| x.champs.contains(c)).count();
            let _ = write!(out, "<td class=\"c\">{n}/{}</td>", d.entries.len());
        }
        out.push_str("</tr></table>\n<h3>Échéances dans les 12 mois</h3>\n<ul>\n");
        if d.expiring.is_empty() {
            out.push_str("<li>Aucune.</li>\n");
        }
        for &i in &d.expiring {
            let x = &d.entries[i];
            let _ = writeln!(out, "<li>{} : fin le {}</li>", h(&x.label()), long(x.fin));
        }
        let _ = writeln!(
            out,
            "</ul>\n<h3>EPCI sans convention dans le dépôt</h3>\n<p>{} EPCI du département d'après le COG ({}), dont {} sans convention ici :</p>\n<ul>",
            d.epci_total,
            h(geo::VINTAGE),
            d.without.len()
        );
        for x in &d.without {
            let _ = writeln!(out, "<li>{}</li>", h(&epci_line(x)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
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

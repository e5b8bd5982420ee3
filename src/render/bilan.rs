//! `ctg bilan FILE`: the yearly follow-up of a plan of actions — statuses,
//! indicators' `realise` against `cible`, actions late against their
//! calendar at a given date.

use crate::diagnostic::Lang;
use crate::model::{Action, Closed, Convention, Indicateur, StatutAction};
use crate::render::typo::{self, Markup};
use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;

/// Where an action stands against its calendar at the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delay {
    OnTime,
    /// Its calendar has started, and it is still `prevue`.
    NotStarted,
    /// Its calendar has ended, and it is neither done nor abandoned.
    Late,
}

impl Delay {
    fn label(self) -> &'static str {
        match self {
            Delay::OnTime => "",
            Delay::NotStarted => "pas commencée",
            Delay::Late => "en retard",
        }
    }
}

pub fn delay(action: &Action, au: NaiveDate) -> Delay {
    let status = action.statut();
    if matches!(status, StatutAction::Realisee | StatutAction::Abandonnee) {
        return Delay::OnTime;
    }
    let Some(cal) = &action.calendrier else {
        return Delay::OnTime;
    };
    if cal.fin.as_ref().is_some_and(|f| f.value.last < au) {
        Delay::Late
    } else if status == StatutAction::Prevue
        && cal.debut.as_ref().is_some_and(|d| d.value.first <= au)
    {
        Delay::NotStarted
    } else {
        Delay::OnTime
    }
}

/// How far an indicator has gone from its initial value to its target,
/// as a fraction (1 = target reached), when it can be said.
pub fn progress(ind: &Indicateur) -> Option<f64> {
    let (cible, realise) = (ind.cible.as_ref()?.value, ind.realise.as_ref()?.value);
    let start = ind.valeur_initiale.as_ref().map_or(0.0, |v| v.value);
    let span = cible - start;
    Some((realise - start) / span).filter(|p| span != 0.0 && p.is_finite())
}

fn percent(p: f64) -> String {
    format!("{}{}%", typo::number((p * 100.0).round()), typo::NBSP)
}

fn value(ind: &Indicateur, v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) => match &ind.unite {
            Some(u) if u.value != "%" => format!("{} {}", typo::number(v), u.value),
            Some(_) => format!("{}{}%", typo::number(v), typo::NBSP),
            None => typo::number(v),
        },
    }
}

fn calendrier(a: &Action) -> String {
    a.calendrier.as_ref().map_or("—".into(), |c| c.text())
}

/// "3e année sur 5", or where the date falls against the period.
fn year_of(c: &Convention, au: NaiveDate) -> String {
    let (debut, fin) = (c.periode.debut.value, c.periode.fin.value);
    let total = fin.year() - debut.year() + 1;
    if au < debut {
        "avant le début de la convention".into()
    } else if au > fin {
        "après la fin de la convention".into()
    } else {
        let n = au.year() - debut.year() + 1;
        let nth = if n == 1 {
            "1re".into()
        } else {
            format!("{n}e")
        };
        format!("{nth} année sur {total}")
    }
}

fn counts(c: &Convention) -> Vec<(StatutAction, usize)> {
    StatutAction::ALL
        .iter()
        .map(|&s| (s, c.actions.iter().filter(|a| a.statut() == s).count()))
        .collect()
}

fn title(c: &Convention) -> String {
    let t = &c.territoire.value;
    match &t.sigle {
        Some(s) => format!("{} ({})", t.nom.value, s.value),
        None => t.nom.value.clone(),
    }
}

fn long(d: NaiveDate) -> String {
    crate::model::date::long(d).fr
}

/// The Markdown follow-up.
pub fn markdown(c: &Convention, au: NaiveDate) -> String {
    let e = typo::escape_for_review;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Bilan de la CTG — {}\n\nAu {} ({}) ; convention du {} au {}.\n",
        e(&title(c)),
        long(au),
        year_of(c, au),
        long(c.periode.debut.value),
        long(c.periode.fin.value)
    );
    out.push_str("## Avancement des actions\n\n| Statut | Actions |\n|---|--:|\n");
    for (s, n) in counts(c) {
        let _ = writeln!(out, "| {} | {n} |", s.label(Lang::Fr));
    }
    let _ = writeln!(out, "| **Total** | {} |", c.actions.len());
    out.push_str(
        "\n| Action | Intitulé | Statut | Calendrier | Au calendrier |\n|---|---|---|---|---|\n",
    );
    for a in c.actions.iter() {
        let d = delay(a, au);
        let flag = match d {
            Delay::OnTime => String::new(),
            d => format!("**{}**", d.label()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {flag} |",
            e(&a.id.value),
            e(&a.intitule.value),
            a.statut().label(Lang::Fr),
            calendrier(a)
        );
    }
    out.push_str("\n## Indicateurs\n\n| Action | Indicateur | Initiale | Cible | Réalisé | Progression |\n|---|---|--:|--:|--:|--:|\n");
    for a in c.actions.iter() {
        for ind in a.indicateurs.iter().flat_map(|l| l.iter()) {
            let v =
                |x: &Option<crate::span::Spanned<f64>>| e(&value(ind, x.as_ref().map(|x| x.value)));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                e(&a.id.value),
                e(&ind.libelle.value),
                v(&ind.valeur_initiale),
                v(&ind.cible),
                v(&ind.realise),
                progress(ind).map_or("—".into(), percent)
            );
        }
    }
    let late: Vec<&Action> = c
        .actions
        .iter()
        .map(|a| &a.value)
        .filter(|a| delay(a, au) != Delay::OnTime)
        .collect();
    out.push_str("\n## En retard sur le calendrier\n\n");
    if late.is_empty() {
        out.push_str("Aucune action.\n");
    }
    for a in late {
        let _ = writeln!(
            out,
            "- {} « {} » : {} (calendrier {}, statut {})",
            e(&a.id.value),
            e(&a.intitule.value),
            delay(a, au).label(),
            calendrier(a),
            a.statut().label(Lang::Fr)
        );
    }
    out
}

/// The HTML follow-up: one self-contained page, progress bars in CSS.
pub fn html(c: &Convention, au: NaiveDate, generator: &str) -> String {
    let h = |t: &str| typo::escape(Markup::Html, t);
    let mut out = format!(
        r#"<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8"/>
<meta name="generator" content="{}"/>
<title>Bilan de la CTG — {}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }}
table {{ border-collapse: collapse; margin: 1rem 0; }}
th, td {{ border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; }}
td.n {{ text-align: right; }}
.bar {{ width: 12rem; height: .9rem; background: #eee; display: inline-block; vertical-align: middle; }}
.bar span {{ display: block; height: 100%; background: #2a7f62; }}
.late {{ color: #b3261e; font-weight: bold; }}
</style>
</head>
<body>
<h1>Bilan de la CTG — {}</h1>
<p>Au {} ({}) ; convention du {} au {}.</p>
<h2>Avancement des actions</h2>
<table><tr><th>Statut</th><th>Actions</th></tr>
"#,
        h(generator),
        h(&title(c)),
        h(&title(c)),
        long(au),
        year_of(c, au),
        long(c.periode.debut.value),
        long(c.periode.fin.value)
    );
    for (s, n) in counts(c) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            s.label(Lang::Fr)
        );
    }
    out.push_str("</table>\n<table><tr><th>Action</th><th>Intitulé</th><th>Statut</th><th>Calendrier</th><th>Au calendrier</th></tr>\n");
    for a in c.actions.iter() {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"late\">{}</td></tr>",
            h(&a.id.value),
            h(&a.intitule.value),
            a.statut().label(Lang::Fr),
            h(&calendrier(a)),
            delay(a, au).label()
        );
    }
    out.push_str("</table>\n<h2>Indicateurs</h2>\n<table><tr><th>Action</th><th>Indicateur</th><th>Initiale</th><th>Cible</th><th>Réalisé</th><th>Progression</th></tr>\n");
    for a in c.actions.iter() {
        for ind in a.indicateurs.iter().flat_map(|l| l.iter()) {
            let v =
                |x: &Option<crate::span::Spanned<f64>>| h(&value(ind, x.as_ref().map(|x| x.value)));
            let bar = match progress(ind) {
                Some(p) => format!(
                    "<span class=\"bar\" role=\"img\" aria-label=\"{label}\"><span style=\"width: {w}%\"></span></span> {label}",
                    w = (p.clamp(0.0, 1.0) * 100.0).round(),
                    label = percent(p)
                ),
                None => "—".into(),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{bar}</td></tr>",
                h(&a.id.value),
                h(&ind.libelle.value),
                v(&ind.valeur_initiale),
                v(&ind.cible),
                v(&ind.realise),
            );
        }
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_french() {
        assert_eq!(percent(0.5), "50\u{a0}%");
        assert_eq!(percent(1.133), "113\u{a0}%");
    }
}

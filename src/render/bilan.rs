//! `ctg bilan FILE`: the yearly follow-up of a plan of actions — statuses,
//! indicators' `realise` against `cible`, actions late against their
//! calendar at a given date.

use crate::diagnostic::Lang;
use crate::model::{Action, Closed, Convention, Indicateur, StatutAction};
use crate::render::typo::{self, Markup};
use crate::render::{RenderError, Templates};
use chrono::{Datelike, NaiveDate};
use minijinja::{context, Value};

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

/// How far a value reached has gone from the indicator's initial value to
/// its target, as a fraction (1 = target reached; a decreasing target
/// works the same way), when it can be said.
pub fn progress_of(ind: &Indicateur, realise: f64) -> Option<f64> {
    let cible = ind.cible.as_ref()?.value;
    let start = ind.valeur_initiale.as_ref().map_or(0.0, |v| v.value);
    let span = cible - start;
    Some((realise - start) / span).filter(|p| span != 0.0 && p.is_finite())
}

/// The indicator's progress by `year` (its latest value up to then).
pub fn progress(ind: &Indicateur, year: i32) -> Option<f64> {
    let (_, realise) = ind.realise.as_ref()?.value.au(year)?;
    progress_of(ind, realise)
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

/// The follow-up in `markup` (Markdown or HTML), from the template
/// `bilan.md` or `bilan.html`: the built-in one, or the one of the user's
/// template folder. Every value reaches the template already escaped for
/// the page (Markdown as a page for review: mentions and issue references
/// defused), so the template only places it.
pub fn page(
    c: &Convention,
    au: NaiveDate,
    markup: Markup,
    generator: &str,
    templates: &Templates,
) -> Result<String, RenderError> {
    let e = |t: &str| {
        Value::from_safe_string(match markup {
            Markup::Markdown => typo::escape_for_review(t),
            _ => typo::escape(markup, t),
        })
    };
    let raw = |t: &str| Value::from_safe_string(t.to_string());
    let statuts: Vec<Value> = counts(c)
        .into_iter()
        .map(|(s, n)| context! { libelle => raw(s.label(Lang::Fr)), nombre => n })
        .collect();
    let actions: Vec<Value> = c
        .actions
        .iter()
        .map(|a| {
            // The calendar is the page's own words: Markdown left it as
            // written, HTML escapes it.
            let calendrier = match markup {
                Markup::Markdown => raw(&calendrier(a)),
                _ => e(&calendrier(a)),
            };
            context! {
                id => e(&a.id.value),
                intitule => e(&a.intitule.value),
                statut => raw(a.statut().label(Lang::Fr)),
                calendrier,
                retard => raw(delay(a, au).label()),
            }
        })
        .collect();
    let indicateurs: Vec<Value> = c
        .actions
        .iter()
        .flat_map(|a| {
            a.indicateurs
                .iter()
                .flat_map(|l| l.iter())
                .map(move |ind| (a, ind))
        })
        .map(|(a, ind)| {
            let v = |x: &Option<crate::span::Spanned<f64>>| e(&value(ind, x.as_ref().map(|x| x.value)));
            let reached = ind.realise.as_ref().and_then(|r| r.value.au(au.year()));
            let p = progress(ind, au.year());
            // A value a year: the series up to the bilan's year, each with
            // its progress.
            let serie: Vec<Value> = match ind.realise.as_ref().map(|r| &r.value) {
                Some(crate::model::Realise::ParAnnee(years)) => years
                    .iter()
                    .filter(|(y, _)| *y <= au.year())
                    .map(|(y, r)| {
                        context! {
                            annee => y,
                            realise => e(&value(ind, Some(r.value))),
                            progression => raw(&progress_of(ind, r.value).map_or("—".into(), percent)),
                        }
                    })
                    .collect(),
                _ => Vec::new(),
            };
            context! {
                action => e(&a.id.value),
                libelle => e(&ind.libelle.value),
                initiale => v(&ind.valeur_initiale),
                cible => v(&ind.cible),
                realise => e(&value(ind, reached.map(|(_, r)| r))),
                annee_realise => reached.and_then(|(y, _)| y),
                serie,
                progression => raw(&p.map_or("—".into(), percent)),
                barre => p.is_some(),
                largeur => raw(&p.map_or(String::new(), |p| (p.clamp(0.0, 1.0) * 100.0).round().to_string())),
            }
        })
        .collect();
    let context = context! {
        titre => e(&title(c)),
        generateur => e(generator),
        au => raw(&long(au)),
        annee => raw(&year_of(c, au)),
        debut => raw(&long(c.periode.debut.value)),
        fin => raw(&long(c.periode.fin.value)),
        statuts,
        total => c.actions.len(),
        actions,
        indicateurs,
    };
    let name = match markup {
        Markup::Html => "bilan.html",
        _ => "bilan.md",
    };
    super::page(name, markup, context, templates, c.actions.len() * 400)
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

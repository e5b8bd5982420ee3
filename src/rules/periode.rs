//! CTG201–CTG206: the period, the signature date, the SDSF's period and
//! the actions' calendars.

use super::Context;
use crate::diagnostic::{Diagnostic, Severity, Text};
use crate::model::date::{long, Precision};
use crate::t;
use chrono::{Datelike, NaiveDate};

crate::declare_rules! {
    /// La fin de la période (`periode.fin`) doit venir après son début
    /// (`periode.debut`).
    ///
    /// ## Pourquoi
    /// Une période inversée vient d'une faute de frappe sur l'année ; elle
    /// rend faux tout ce qui s'y rapporte : durée, calendrier des actions,
    /// articulation avec le SDSF.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// periode: { debut: 2023-01-01, fin: 2022-12-31 }
    /// # correct
    /// periode: { debut: 2023-01-01, fin: 2027-12-31 }
    /// ```
    CTG201: Error, "fin de période avant le début", "period end not after its start";

    /// Une CTG couvre d'ordinaire 4 ou 5 années civiles : du 1er janvier de
    /// la première au 31 décembre de la dernière. La règle signale un début
    /// qui n'est pas un 1er janvier, une fin qui n'est pas un 31 décembre, et
    /// une durée hors de 4 à 5 ans.
    ///
    /// ## Pourquoi
    /// Les financements de la Caf et les bilans annuels suivent l'année
    /// civile ; une période décalée complique le suivi et le renouvellement.
    /// Une période provisoire ou prolongée par avenant est légitime : faites
    /// alors taire la règle pour ce nœud avec `# ctg: allow(CTG202) raison`.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// periode: { debut: 2023-03-15, fin: 2025-03-14 }
    /// # correct
    /// periode: { debut: 2023-01-01, fin: 2027-12-31 }
    /// ```
    CTG202: Warning, "période inhabituelle (4 à 5 ans, du 1er janvier au 31 décembre)", "unusual period (4-5 years, 1 January to 31 December)";

    /// La date de signature (`signature.date`) devrait précéder le début de
    /// la période : avertissement quand elle le suit, erreur quand elle suit
    /// la fin de la période.
    ///
    /// ## Pourquoi
    /// Signer quelques semaines après le 1er janvier est courant et sans
    /// conséquence, mais mérite d'être vu ; signer après la fin est
    /// impossible et trahit une erreur d'année.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// periode: { debut: 2019-01-01, fin: 2022-12-31 }
    /// signature: { date: 2023-01-15, lieu: Remiremont }
    /// # correct
    /// signature: { date: 2019-01-15, lieu: Saint-Étienne-lès-Remiremont }
    /// ```
    CTG203: Warning, "signature après le début de la période", "signature after the period start";

    /// La période de la convention devrait être couverte par celle du SDSF
    /// qu'elle décline.
    ///
    /// ## Pourquoi
    /// Quand le schéma départemental expire en cours de convention, les
    /// axes devront être reliés aux orientations du schéma suivant ; mieux
    /// vaut le prévoir dans le pilotage dès la signature.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter : SDSF 2017-2021 pour une CTG 2019-2022 sans le dire
    /// sdsf: ../sdsf/88-vosges-2017.yaml
    /// periode: { debut: 2019-01-01, fin: 2022-12-31 }
    /// # correct : citer le schéma en vigueur sur la période
    /// sdsf: ../sdsf/88-vosges-2021.yaml
    /// periode: { debut: 2023-01-01, fin: 2027-12-31 }
    /// ```
    CTG204: Warning, "période non couverte par le SDSF", "period not covered by the SDSF";

    /// Le calendrier d'une action (`calendrier.debut`, `calendrier.fin`) doit
    /// tenir dans la période de la convention. Une date écrite `2024` ou
    /// `2024-09` compte comme toute l'année ou tout le mois.
    ///
    /// ## Pourquoi
    /// Une action hors période n'est pas couverte par l'engagement des
    /// signataires ; c'est souvent une fiche reprise de la convention
    /// précédente sans mise à jour.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (CTG 2023-2027)
    /// calendrier: { debut: 2021, fin: 2023 }
    /// # correct
    /// calendrier: { debut: 2023-09, fin: 2025 }
    /// ```
    CTG205: Error, "calendrier d'action hors de la période", "action calendar outside the period";

    /// Le calendrier d'une action ne peut pas finir avant de commencer.
    ///
    /// ## Pourquoi
    /// C'est une faute de frappe sur une année ; le bilan annuel classerait
    /// l'action en retard ou terminée à tort.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// calendrier: { debut: 2025, fin: 2024-06 }
    /// # correct
    /// calendrier: { debut: 2024, fin: 2025-06 }
    /// ```
    CTG206: Error, "calendrier d'action qui finit avant de commencer", "action calendar ends before it starts";
}

/// The rules of the period and the calendars, one function per code. A
/// reversed period (CTG201) says nothing of its shape or of the calendars
/// within it.
pub(super) fn check(cx: &mut Context) {
    if !ctg201(cx) {
        ctg202(cx);
        ctg205(cx);
        ctg206(cx);
    }
    ctg203(cx);
    ctg204(cx);
}

/// CTG201: the period ends before it starts. True when it does.
fn ctg201(cx: &mut Context) -> bool {
    let periode = &cx.convention.periode.value;
    let (debut, fin) = (&periode.debut, &periode.fin);
    if fin.value > debut.value {
        return false;
    }
    cx.push(
        Diagnostic::new(
            &CTG201,
            fin.span,
            t!(
                "la période finit le {} avant d'avoir commencé",
                "the period ends on {} before it starts",
                long(fin.value).fr,
                long(fin.value).en
            ),
        )
        .with_related(debut.span, t!("début de la période", "period start")),
    );
    true
}

/// CTG202: 1 January, 31 December, 4 to 5 years.
fn ctg202(cx: &mut Context) {
    let periode = &cx.convention.periode;
    let (debut, fin) = (&periode.value.debut, &periode.value.fin);
    if (debut.month(), debut.day()) != (1, 1) {
        let d = long(debut.value);
        cx.push(
            Diagnostic::new(
                &CTG202,
                debut.span,
                t!(
                    "la période commence le {}, pas un 1er janvier",
                    "the period starts on {}, not on 1 January",
                    d.fr,
                    d.en
                ),
            )
            .with_help(t!(
                "les CTG suivent d'ordinaire l'année civile",
                "CTGs usually follow the calendar year"
            )),
        );
    }
    if (fin.month(), fin.day()) != (12, 31) {
        let d = long(fin.value);
        cx.push(
            Diagnostic::new(
                &CTG202,
                fin.span,
                t!(
                    "la période finit le {}, pas un 31 décembre",
                    "the period ends on {}, not on 31 December",
                    d.fr,
                    d.en
                ),
            )
            .with_help(t!(
                "les CTG suivent d'ordinaire l'année civile",
                "CTGs usually follow the calendar year"
            )),
        );
    }
    // Four years of 365 days to five years with two leap days.
    let days = (fin.value - debut.value).num_days() + 1;
    if !(4 * 365..=5 * 365 + 2).contains(&days) {
        let years = Text::new(duration_fr(days), duration_en(days));
        cx.push(
            Diagnostic::new(
                &CTG202,
                periode.key,
                t!(
                    "période de {} : une CTG dure d'ordinaire 4 ou 5 ans",
                    "a period of {}: a CTG usually lasts 4 or 5 years",
                    years.fr,
                    years.en
                ),
            )
            .with_label(t!("durée inhabituelle", "unusual length")),
        );
    }
}

fn duration_fr(days: i64) -> String {
    let months = (days as f64 / 30.44).round() as i64;
    match (months / 12, months % 12) {
        (0, m) => format!("{m} mois"),
        (1, 0) => "1 an".into(),
        (y, 0) => format!("{y} ans"),
        (1, m) => format!("1 an et {m} mois"),
        (y, m) => format!("{y} ans et {m} mois"),
    }
}

fn duration_en(days: i64) -> String {
    let months = (days as f64 / 30.44).round() as i64;
    let plural = |n: i64, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    match (months / 12, months % 12) {
        (0, m) => plural(m, "month"),
        (y, 0) => plural(y, "year"),
        (y, m) => format!("{} and {}", plural(y, "year"), plural(m, "month")),
    }
}

/// CTG203: signed after the start (warning) or after the end (error).
fn ctg203(cx: &mut Context) {
    let Some(date) = cx
        .convention
        .signature
        .as_ref()
        .and_then(|s| s.date.as_ref())
    else {
        return;
    };
    let periode = &cx.convention.periode.value;
    // A month alone is after a bound only when its first day is, and a
    // start known to the year only is passed once that year is.
    // The start as written: "2023" when only the year is known.
    let (bound, b, severity, fr, en) = if date.value.first > periode.fin.value {
        (
            &periode.fin,
            long(periode.fin.value),
            Severity::Error,
            "la fin",
            "end",
        )
    } else if date.value.first > periode.ecrit.0.last {
        (
            &periode.debut,
            periode.ecrit.0.text(),
            Severity::Warning,
            "le début",
            "start",
        )
    } else {
        return;
    };
    let d = date.value.text();
    let (dfr, den, bfr, ben) = (&d.fr, &d.en, &b.fr, &b.en);
    let (le, on) = match date.value.precision {
        Precision::Day => ("le", "on"),
        _ => ("en", "in"),
    };
    cx.push(
        Diagnostic::new(
            &CTG203,
            date.span,
            t!(
                "signée {le} {dfr}, après {fr} de la période ({bfr})",
                "signed {on} {den}, after the period's {en} ({ben})"
            ),
        )
        .with_severity(severity)
        .with_related(bound.span, t!("{fr} de la période", "period {en}")),
    );
}

/// CTG204: the SDSF starts after the convention, or ends before it.
fn ctg204(cx: &mut Context) {
    let Some(sdsf) = cx.sdsf else { return };
    let Some(sdsf_periode) = &sdsf.periode else {
        return;
    };
    let periode = &cx.convention.periode.value;
    let name = &sdsf.intitule.value;
    if let Some(end) = &sdsf_periode.fin {
        if end.last < periode.fin.value {
            let e = end.text();
            let (efr, een) = (&e.fr, &e.en);
            cx.push(
                Diagnostic::new(
                    &CTG204,
                    periode.fin.span,
                    t!(
                        "le SDSF « {name} » prend fin en {efr}, avant la fin de la convention",
                        "the SDSF `{name}` ends in {een}, before the convention does"
                    ),
                )
                .with_help(t!(
                    "prévoyez au pilotage de relier les axes aux orientations du schéma suivant",
                    "plan in the governance to link the axes to the next scheme's orientations"
                )),
            );
        }
    }
    if let Some(start) = &sdsf_periode.debut {
        if start.first > periode.debut.value {
            let s = start.text();
            let (sfr, sen) = (&s.fr, &s.en);
            cx.push(
                Diagnostic::new(
                    &CTG204,
                    periode.debut.span,
                    t!(
                        "le SDSF « {name} » ne commence qu'en {sfr}, après le début de la convention",
                        "the SDSF `{name}` only starts in {sen}, after the convention does"
                    ),
                )
                .with_help(t!(
                    "vérifiez que le référentiel cité est bien celui en vigueur au début de la période",
                    "check that the cited referential is the one in force when the period starts"
                )),
            );
        }
    }
}

/// CTG205: an action's calendar outside the period. A bound written as a
/// year or a month counts as the whole of it.
fn ctg205(cx: &mut Context) {
    let periode = &cx.convention.periode.value;
    let (start, end) = (&periode.debut, &periode.fin);
    for action in &cx.convention.actions.value {
        let Some(cal) = &action.calendrier else {
            continue;
        };
        for bound in [&cal.debut, &cal.fin].into_iter().flatten() {
            let (broken, fr, en): (&crate::span::Spanned<NaiveDate>, _, _) =
                if bound.last < start.value {
                    (start, "avant le début", "before the start")
                } else if bound.first > end.value {
                    (end, "après la fin", "after the end")
                } else {
                    continue;
                };
            let d = bound.text();
            let (dfr, den, id) = (&d.fr, &d.en, &action.id.value);
            cx.push(
                Diagnostic::new(
                    &CTG205,
                    bound.span,
                    t!(
                        "l'action {id} est datée {dfr}, {fr} de la période",
                        "action {id} is dated {den}, {en} of the period"
                    ),
                )
                .with_related(broken.span, t!("borne de la période", "period bound"))
                .with_fix({
                    // Unsafe: the action's dates change.
                    let day = broken.value.format("%Y-%m-%d").to_string();
                    let title = t!("ramener à {day}", "bring to {day}");
                    crate::edit::fix_at(cx.tree, bound.span, &day, title, false)
                }),
            );
        }
    }
}

/// CTG206: an action's calendar that ends before it starts.
fn ctg206(cx: &mut Context) {
    for action in &cx.convention.actions.value {
        let Some(cal) = &action.calendrier else {
            continue;
        };
        let (Some(debut), Some(fin)) = (&cal.debut, &cal.fin) else {
            continue;
        };
        if fin.last >= debut.first {
            continue;
        }
        let id = &action.id.value;
        cx.push(
            Diagnostic::new(
                &CTG206,
                fin.span,
                t!(
                    "le calendrier de l'action {id} finit avant de commencer",
                    "action {id}'s calendar ends before it starts"
                ),
            )
            .with_related(debut.span, t!("début de l'action", "action start")),
        );
    }
}

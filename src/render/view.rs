//! What the templates see: the convention with every value ready to print
//! (dates in words, figures grouped, champs by their labels), so templates
//! only lay text out. Strings here are user text or built from it; the
//! template engine escapes each one for the target format.

use super::typo::{euros, in_words, number, thousands};
use crate::diagnostic::Lang;
use crate::model::date::long;
use crate::model::{self, Champ, Closed, Convention, Organisme, Sdsf};
use chrono::Datelike;
use serde::Serialize;

const FR: Lang = Lang::Fr;

#[derive(Serialize)]
pub struct Document {
    pub intitule: String,
    pub reference: Option<String>,
    pub statut: &'static str,
    pub territoire: Territoire,
    pub periode: Periode,
    pub signature: Signature,
    pub signataires: Vec<Signataire>,
    pub champs: Vec<&'static str>,
    pub diagnostic: Option<Diagnostic>,
    pub sdsf: Option<SdsfView>,
    pub axes: Vec<Axe>,
    pub actions: Vec<Action>,
    /// Every indicator of the plan, with its action, for "Suivi et évaluation".
    pub indicateurs: Vec<IndicateurDuPlan>,
    pub pilotage: Option<Pilotage>,
    pub meta: Meta,
}

#[derive(Serialize)]
pub struct Meta {
    pub ctg_version: &'static str,
    /// SHA-256 of the source file's bytes, in hex.
    pub source_sha256: String,
    /// The source's file name.
    pub source: String,
    /// The vintage of the official geography used for names.
    pub geographie: &'static str,
    /// `--brouillon`: "PROJET" on every page.
    pub brouillon: bool,
}

#[derive(Serialize)]
pub struct Territoire {
    pub nom: String,
    pub sigle: Option<String>,
    /// Short name for running headers: the sigle, or the name.
    pub court: String,
    /// How sentences name it: the alias the territory signs under ("la
    /// CCPVM"), or its name.
    pub designation: String,
    pub nature: &'static str,
    pub siren: Option<String>,
    pub departement: String,
    /// "Vosges", from the official geography.
    pub departement_nom: Option<&'static str>,
    pub communes: Vec<Commune>,
    pub nombre_communes: usize,
    pub population: Option<String>,
    pub population_annee: Option<u64>,
    pub allocataires: Option<String>,
    pub personnes_couvertes: Option<String>,
}

#[derive(Serialize)]
pub struct Commune {
    pub nom: String,
    pub insee: Option<String>,
}

#[derive(Serialize)]
pub struct Periode {
    /// "1er janvier 2023".
    pub debut: String,
    pub fin: String,
    pub annee_debut: i32,
    pub annee_fin: i32,
    /// "cinq ans", when the period is whole calendar years.
    pub duree: Option<String>,
}

#[derive(Serialize)]
pub struct Signature {
    pub lieu: Option<String>,
    pub date: Option<String>,
}

#[derive(Serialize)]
pub struct Signataire {
    pub nom: String,
    pub organisme: &'static str,
    /// « la Caf »: how the convention names the party.
    pub alias: String,
    /// "e" when the party's name is feminine, "" when masculine, "(e)"
    /// when it cannot be told.
    pub e: &'static str,
    pub autorisation: Option<String>,
    pub representants: Vec<Representant>,
}

#[derive(Serialize)]
pub struct Representant {
    pub nom: Option<String>,
    pub qualite: Option<String>,
}

#[derive(Serialize)]
pub struct Diagnostic {
    pub date: Option<String>,
    pub constats: Vec<String>,
}

#[derive(Serialize)]
pub struct SdsfView {
    pub intitule: String,
    pub periode: Option<String>,
}

#[derive(Serialize)]
pub struct Axe {
    pub id: String,
    pub intitule: String,
    pub orientations: Vec<Orientation>,
    pub champs: Vec<&'static str>,
    pub objectifs: Vec<String>,
    pub actions: Vec<String>,
}

#[derive(Serialize)]
pub struct Orientation {
    pub id: String,
    /// Absent when the referential could not be read or lacks the id.
    pub intitule: Option<String>,
    pub prioritaire: bool,
}

#[derive(Serialize)]
pub struct Action {
    pub id: String,
    pub axe: String,
    pub axe_intitule: Option<String>,
    pub intitule: String,
    pub champ: &'static str,
    pub pilote: Option<String>,
    pub partenaires: Vec<String>,
    pub public: Option<String>,
    /// Names of the communes concerned; empty means the whole territory.
    pub communes: Vec<String>,
    pub calendrier: Option<String>,
    pub indicateurs: Vec<Indicateur>,
    pub budget: Option<Budget>,
    pub statut: &'static str,
    pub description: Option<String>,
}

#[derive(Serialize)]
pub struct Indicateur {
    pub libelle: String,
    pub unite: Option<String>,
    pub valeur_initiale: Option<String>,
    pub cible: Option<String>,
    pub realise: Option<String>,
}

#[derive(Serialize)]
pub struct IndicateurDuPlan {
    pub action: String,
    #[serde(flatten)]
    pub indicateur: Indicateur,
}

#[derive(Serialize)]
pub struct Budget {
    pub montant: Option<String>,
    pub financeurs: Vec<String>,
}

#[derive(Serialize)]
pub struct Pilotage {
    pub comite_pilotage: Option<Comite>,
    pub comite_technique: Option<Comite>,
}

#[derive(Serialize)]
pub struct Comite {
    pub frequence: Option<String>,
    pub membres: Vec<String>,
}

fn text(s: &model::S<String>) -> String {
    s.value.clone()
}

fn opt(s: &Option<model::S<String>>) -> Option<String> {
    s.as_ref().map(text)
}

pub fn build(c: &Convention, sdsf: Option<&Sdsf>, meta: Meta) -> Document {
    let t = &c.territoire.value;
    let axes = c.axes_by_id();
    let actions: Vec<Action> = c
        .actions
        .value
        .iter()
        .map(|a| action(&a.value, t, axes.get(a.value.axe.as_str()).copied()))
        .collect();
    let indicateurs = c
        .actions
        .value
        .iter()
        .flat_map(|a| {
            let id = &a.value.id.value;
            a.value
                .indicateurs
                .iter()
                .flat_map(|l| &l.value)
                .map(move |i| IndicateurDuPlan {
                    action: id.clone(),
                    indicateur: indicateur(&i.value),
                })
        })
        .collect();
    Document {
        intitule: c.intitule.as_ref().map_or_else(
            || "Convention Territoriale Globale de services aux familles".to_string(),
            text,
        ),
        reference: opt(&c.reference),
        statut: c.statut().label(FR),
        territoire: territoire(t, c),
        periode: periode(&c.periode.value),
        signature: Signature {
            lieu: c.signature.as_ref().and_then(|s| opt(&s.value.lieu)),
            date: c
                .signature
                .as_ref()
                .and_then(|s| s.value.date.as_ref())
                .map(|d| long(d.value).get(FR).to_string()),
        },
        signataires: c
            .signataires
            .value
            .iter()
            .map(|s| signataire(&s.value))
            .collect(),
        champs: c.champs.value.iter().map(|ch| ch.value.label(FR)).collect(),
        diagnostic: c.diagnostic.as_ref().map(|d| Diagnostic {
            date: d
                .value
                .date
                .as_ref()
                .map(|d| long(d.value).get(FR).to_string()),
            constats: d.value.constats.iter().map(text).collect(),
        }),
        sdsf: sdsf.map(|s| SdsfView {
            intitule: text(&s.intitule),
            periode: s.periode.as_ref().and_then(|p| {
                let (d, f) = (p.value.debut.as_ref()?, p.value.fin.as_ref()?);
                Some(format!("{}–{}", d.value.year(), f.value.year()))
            }),
        }),
        axes: c
            .axes
            .value
            .iter()
            .map(|a| axe(&a.value, sdsf, c))
            .collect(),
        actions,
        indicateurs,
        pilotage: c.pilotage.as_ref().map(|p| Pilotage {
            comite_pilotage: p.value.comite_pilotage.as_ref().map(|x| comite(&x.value)),
            comite_technique: p.value.comite_technique.as_ref().map(|x| comite(&x.value)),
        }),
        meta,
    }
}

fn territoire(t: &model::Territoire, c: &Convention) -> Territoire {
    let designation = c
        .signataires
        .value
        .iter()
        .map(|s| &s.value)
        .find(|s| s.organisme.value == Organisme::Epci || s.nom.value == t.nom.value)
        .and_then(|s| opt(&s.alias))
        .unwrap_or_else(|| text(&t.nom));
    let communes: Vec<Commune> = t
        .communes
        .value
        .iter()
        .map(|m| Commune {
            nom: text(&m.value.nom),
            insee: opt(&m.value.insee),
        })
        .collect();
    Territoire {
        nom: text(&t.nom),
        sigle: opt(&t.sigle),
        court: t.sigle.as_ref().map_or_else(|| text(&t.nom), text),
        designation,
        nature: t.nature.value.label(FR),
        siren: opt(&t.siren),
        departement: text(&t.departement),
        departement_nom: crate::geo::geo().departement(&t.departement.value),
        nombre_communes: communes.len(),
        communes,
        population: t.population.as_ref().map(|p| thousands(p.value)),
        population_annee: t.population_annee.as_ref().map(|p| p.value),
        allocataires: t.allocataires.as_ref().map(|p| thousands(p.value)),
        personnes_couvertes: t.personnes_couvertes.as_ref().map(|p| thousands(p.value)),
    }
}

fn periode(p: &model::Periode) -> Periode {
    let (d, f) = (p.debut.value, p.fin.value);
    let whole_years = d.ordinal() == 1 && f.succ_opt().is_some_and(|n| n.ordinal() == 1);
    let years = i64::from(f.year() - d.year() + 1);
    Periode {
        debut: long(d).get(FR).to_string(),
        fin: long(f).get(FR).to_string(),
        annee_debut: d.year(),
        annee_fin: f.year(),
        duree: (whole_years && years > 0)
            .then(|| format!("{} an{}", in_words(years), if years > 1 { "s" } else { "" })),
    }
}

fn signataire(s: &model::Signataire) -> Signataire {
    let alias = opt(&s.alias);
    Signataire {
        nom: text(&s.nom),
        organisme: s.organisme.value.label(FR),
        e: gender(s.organisme.value, alias.as_deref(), &s.nom.value),
        alias: alias.unwrap_or_else(|| text(&s.nom)),
        autorisation: opt(&s.autorisation),
        representants: s
            .representants
            .iter()
            .flat_map(|l| &l.value)
            .map(|r| Representant {
                nom: opt(&r.value.nom),
                qualite: opt(&r.value.qualite),
            })
            .collect(),
    }
}

/// The agreement of "représenté(e)" and "dénommé(e)" with the party: from the
/// article of its alias when there is one ("la Caf", "le Département"),
/// otherwise from what the party is.
fn gender(organisme: Organisme, alias: Option<&str>, nom: &str) -> &'static str {
    let article = alias.map(|a| a.trim_start().to_lowercase());
    match article.as_deref() {
        Some(a) if a.starts_with("la ") => return "e",
        Some(a) if a.starts_with("le ") => return "",
        _ => {}
    }
    let nom = nom.to_lowercase();
    match organisme {
        Organisme::Caf
        | Organisme::Msa
        | Organisme::Commune
        | Organisme::Carsat
        | Organisme::Cpam => "e",
        Organisme::Cd | Organisme::Syndicat | Organisme::Etat => "",
        Organisme::Epci if nom.starts_with("communauté") || nom.starts_with("métropole") => "e",
        Organisme::Epci if nom.starts_with("syndicat") || nom.starts_with("établissement") => "",
        Organisme::Epci | Organisme::Autre => "(e)",
    }
}

fn axe(a: &model::Axe, sdsf: Option<&Sdsf>, c: &Convention) -> Axe {
    let orientations: Vec<Orientation> = a
        .sdsf
        .iter()
        .flat_map(|l| &l.value)
        .map(|id| {
            let found = sdsf.and_then(|s| s.orientation(&id.value));
            Orientation {
                id: text(id),
                intitule: found.map(|o| text(&o.intitule)),
                prioritaire: found.is_some_and(|o| o.prioritaire),
            }
        })
        .collect();
    // The axis's champs: its own, otherwise those of the orientations it
    // declines, as CTG407 reads them.
    let mut champs: Vec<Champ> = match &a.champs {
        Some(l) => l.value.iter().map(|c| c.value).collect(),
        None => a
            .sdsf
            .iter()
            .flat_map(|l| &l.value)
            .filter_map(|id| sdsf.and_then(|s| s.orientation(&id.value)))
            .flat_map(|o| o.champs.iter().map(|c| c.value))
            .collect(),
    };
    champs.sort();
    champs.dedup();
    Axe {
        id: text(&a.id),
        intitule: text(&a.intitule),
        orientations,
        champs: champs.into_iter().map(|c| c.label(FR)).collect(),
        objectifs: a.objectifs.iter().map(text).collect(),
        actions: c
            .actions
            .value
            .iter()
            .filter(|x| x.value.axe.value == a.id.value)
            .map(|x| text(&x.value.id))
            .collect(),
    }
}

fn action(a: &model::Action, t: &model::Territoire, axe: Option<&model::Axe>) -> Action {
    let communes = a
        .communes
        .iter()
        .flat_map(|l| &l.value)
        .map(|code| {
            t.communes
                .value
                .iter()
                .find(|m| {
                    m.value
                        .insee
                        .as_ref()
                        .is_some_and(|i| i.value == code.value)
                })
                .map_or_else(|| text(code), |m| text(&m.value.nom))
        })
        .collect();
    let calendrier = a.calendrier.as_ref().and_then(|c| {
        let d = c
            .value
            .debut
            .as_ref()
            .map(|d| d.value.text().get(FR).to_string());
        let f = c
            .value
            .fin
            .as_ref()
            .map(|d| d.value.text().get(FR).to_string());
        match (d, f) {
            (Some(d), Some(f)) if d == f => Some(d),
            (Some(d), Some(f)) => Some(format!("de {d} à {f}")),
            (Some(d), None) => Some(format!("à partir de {d}")),
            (None, Some(f)) => Some(format!("jusqu’à {f}")),
            (None, None) => None,
        }
    });
    Action {
        id: text(&a.id),
        axe: text(&a.axe),
        axe_intitule: axe.map(|x| text(&x.intitule)),
        intitule: text(&a.intitule),
        champ: a.champ.value.label(FR),
        pilote: opt(&a.pilote),
        partenaires: a.partenaires.iter().map(text).collect(),
        public: opt(&a.public),
        communes,
        calendrier,
        indicateurs: a
            .indicateurs
            .iter()
            .flat_map(|l| &l.value)
            .map(|i| indicateur(&i.value))
            .collect(),
        budget: a.budget.as_ref().map(|b| Budget {
            montant: b.value.montant.as_ref().map(|m| euros(m.value)),
            financeurs: b.value.financeurs.iter().map(text).collect(),
        }),
        statut: a.statut().label(FR),
        description: opt(&a.description),
    }
}

fn indicateur(i: &model::Indicateur) -> Indicateur {
    let figure = |x: &Option<model::S<f64>>| x.as_ref().map(|v| number(v.value));
    Indicateur {
        libelle: text(&i.libelle),
        unite: opt(&i.unite),
        valeur_initiale: figure(&i.valeur_initiale),
        cible: figure(&i.cible),
        realise: figure(&i.realise),
    }
}

fn comite(c: &model::Comite) -> Comite {
    Comite {
        frequence: opt(&c.frequence),
        membres: c.membres.iter().map(text).collect(),
    }
}

//! The typed model of the two file kinds, built by the schema stage once a
//! file has no schema error. Every value keeps where it was written, so rules
//! can point at it.

pub mod date;
pub mod enums;

pub use date::FlexDate;
pub use enums::{Champ, Closed, DocumentKind, Nature, Organisme, StatutAction, StatutConvention};

use crate::span::{Span, Spanned};
use chrono::NaiveDate;

pub type S<T> = Spanned<T>;
/// A list with where it was written; each item keeps its own span.
pub type List<T> = Spanned<Vec<T>>;

/// A convention, `document: convention`, `version: 1`.
#[derive(Debug, Clone)]
pub struct Convention {
    /// The whole document.
    pub span: Span,
    pub reference: Option<S<String>>,
    pub intitule: Option<S<String>>,
    pub statut: Option<S<StatutConvention>>,
    pub territoire: S<Territoire>,
    pub sdsf: S<String>,
    pub periode: S<Periode>,
    pub signature: Option<S<Signature>>,
    pub signataires: List<S<Signataire>>,
    pub champs: List<S<Champ>>,
    pub diagnostic: Option<S<DiagnosticPartage>>,
    pub axes: List<S<Axe>>,
    pub actions: List<S<Action>>,
    pub pilotage: Option<S<Pilotage>>,
}

impl Convention {
    pub fn statut(&self) -> StatutConvention {
        self.statut
            .as_ref()
            .map_or(StatutConvention::Projet, |s| s.value)
    }
}

#[derive(Debug, Clone)]
pub struct Territoire {
    pub nom: S<String>,
    pub sigle: Option<S<String>>,
    pub nature: S<Nature>,
    pub siren: Option<S<String>>,
    pub departement: S<String>,
    pub communes: List<S<Commune>>,
    pub population: Option<S<u64>>,
    pub population_annee: Option<S<u64>>,
    pub allocataires: Option<S<u64>>,
    pub personnes_couvertes: Option<S<u64>>,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub nom: S<String>,
    pub insee: Option<S<String>>,
}

#[derive(Debug, Clone)]
pub struct Periode {
    pub debut: S<NaiveDate>,
    pub fin: S<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Signature {
    pub date: Option<S<NaiveDate>>,
    pub lieu: Option<S<String>>,
}

#[derive(Debug, Clone)]
pub struct Signataire {
    pub organisme: S<Organisme>,
    pub nom: S<String>,
    pub insee: Option<S<String>>,
    pub alias: Option<S<String>>,
    pub autorisation: Option<S<String>>,
    pub representants: Option<List<S<Representant>>>,
}

#[derive(Debug, Clone)]
pub struct Representant {
    pub nom: Option<S<String>>,
    pub qualite: Option<S<String>>,
}

/// The shared diagnostic (`diagnostic:`), not to be confused with findings.
#[derive(Debug, Clone)]
pub struct DiagnosticPartage {
    pub date: Option<S<NaiveDate>>,
    pub constats: Vec<S<String>>,
}

#[derive(Debug, Clone)]
pub struct Axe {
    pub id: S<String>,
    pub intitule: S<String>,
    /// Ids of the SDSF orientations the axis declines.
    pub sdsf: Option<List<S<String>>>,
    pub champs: Option<List<S<Champ>>>,
    pub objectifs: Vec<S<String>>,
}

#[derive(Debug, Clone)]
pub struct Action {
    pub id: S<String>,
    pub axe: S<String>,
    pub intitule: S<String>,
    pub champ: S<Champ>,
    pub pilote: Option<S<String>>,
    pub partenaires: Vec<S<String>>,
    pub public: Option<S<String>>,
    /// INSEE codes; absent means the whole territory.
    pub communes: Option<List<S<String>>>,
    pub calendrier: Option<S<Calendrier>>,
    pub indicateurs: Option<List<S<Indicateur>>>,
    pub budget: Option<S<Budget>>,
    pub statut: Option<S<StatutAction>>,
    pub description: Option<S<String>>,
}

impl Action {
    pub fn statut(&self) -> StatutAction {
        self.statut
            .as_ref()
            .map_or(StatutAction::Prevue, |s| s.value)
    }
}

#[derive(Debug, Clone)]
pub struct Calendrier {
    pub debut: Option<S<FlexDate>>,
    pub fin: Option<S<FlexDate>>,
}

#[derive(Debug, Clone)]
pub struct Indicateur {
    pub libelle: S<String>,
    pub unite: Option<S<String>>,
    pub valeur_initiale: Option<S<f64>>,
    pub cible: Option<S<f64>>,
    pub realise: Option<S<f64>>,
}

#[derive(Debug, Clone)]
pub struct Budget {
    /// In euros.
    pub montant: Option<S<f64>>,
    pub financeurs: Vec<S<String>>,
}

#[derive(Debug, Clone)]
pub struct Pilotage {
    pub comite_pilotage: Option<S<Comite>>,
    pub comite_technique: Option<S<Comite>>,
}

#[derive(Debug, Clone)]
pub struct Comite {
    pub frequence: Option<S<String>>,
    pub membres: Vec<S<String>>,
}

/// An SDSF referential, `document: sdsf`, `version: 1`.
#[derive(Debug, Clone)]
pub struct Sdsf {
    pub span: Span,
    pub departement: S<String>,
    pub intitule: S<String>,
    pub periode: Option<S<PeriodeSdsf>>,
    pub signataires: Vec<S<String>>,
    pub orientations: List<S<Orientation>>,
}

/// An SDSF's period, as precisely as it is known: schemes are often cited
/// by years only ("SDSF 2017-2019"), and some are published without an end.
#[derive(Debug, Clone)]
pub struct PeriodeSdsf {
    pub debut: Option<S<FlexDate>>,
    pub fin: Option<S<FlexDate>>,
}

#[derive(Debug, Clone)]
pub struct Orientation {
    pub id: S<String>,
    pub intitule: S<String>,
    pub champs: Vec<S<Champ>>,
    pub prioritaire: bool,
}

impl Sdsf {
    pub fn orientation(&self, id: &str) -> Option<&Orientation> {
        self.orientations
            .iter()
            .map(|o| &o.value)
            .find(|o| o.id.value == id)
    }
}

/// A département code as the format accepts it: `01`–`95` (with `2A`,
/// `2B` for Corsica), `971`–`976`.
pub fn is_departement_code(code: &str) -> bool {
    match code {
        "2A" | "2B" => true,
        _ if code.len() == 2 => code.parse::<u8>().is_ok_and(|n| {
            (1..=95).contains(&n) && n != 20 && code.bytes().all(|b| b.is_ascii_digit())
        }),
        _ if code.len() == 3 => code
            .parse::<u16>()
            .is_ok_and(|n| (971..=976).contains(&n) && code.bytes().all(|b| b.is_ascii_digit())),
        _ => false,
    }
}

//! The typed model of the two file kinds, built by the schema stage once a
//! file has no schema error. Every value keeps where it was written, so rules
//! can point at it.

pub mod date;
pub mod enums;
pub mod modele;

pub use date::FlexDate;
pub use enums::{
    Champ, Civilite, Closed, Contenu, DocumentKind, Nature, Organisme, Partie, StatutAction,
    StatutConvention,
};
pub use modele::{Annexe, Article, Modele, Visa};

use crate::span::{Span, Spanned};
use chrono::NaiveDate;
use schemars::JsonSchema;

pub type S<T> = Spanned<T>;
/// A list with where it was written; each item keeps its own span.
pub type List<T> = Spanned<Vec<T>>;

/// A convention, `document: convention`, `version: 1`.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Convention territoriale globale (CTG), format version 1 : le territoire, la période, les signataires, les champs, les axes et le plan d'actions.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Convention {
    /// The whole document.
    #[schemars(skip)]
    pub span: Span,
    #[schemars(description = "Référence de la convention, par exemple « CTG-88-CCPVM-2023 ».")]
    pub reference: Option<S<String>>,
    #[schemars(
        description = "Titre de la convention ; par défaut « Convention Territoriale Globale de services aux familles »."
    )]
    pub intitule: Option<S<String>>,
    #[schemars(
        description = "« projet » (par défaut) ou « signee » : une convention signée passe les règles de l'étape de signature."
    )]
    pub statut: Option<S<StatutConvention>>,
    #[schemars(description = "Le territoire couvert : l'EPCI (ou la commune) et ses communes.")]
    pub territoire: S<Territoire>,
    #[schemars(
        description = "Chemin du référentiel SDSF que la convention décline, relatif au dossier de ce fichier."
    )]
    pub sdsf: S<String>,
    #[schemars(
        description = "Période de la convention, en général du 1er janvier au 31 décembre, sur 4 à 5 ans."
    )]
    pub periode: S<Periode>,
    #[schemars(description = "Date et lieu de signature : obligatoires à l'étape de signature.")]
    pub signature: Option<S<Signature>>,
    #[schemars(
        description = "Les parties qui signent : au moins la Caf et l'EPCI (ou la commune)."
    )]
    #[schemars(length(min = 1))]
    pub signataires: List<S<Signataire>>,
    #[schemars(description = "Champs d'intervention partagés de la convention.")]
    #[schemars(length(min = 1))]
    pub champs: List<S<Champ>>,
    #[schemars(description = "Résumé du diagnostic partagé du territoire.")]
    pub diagnostic: Option<S<DiagnosticPartage>>,
    #[schemars(description = "Axes stratégiques, chacun reliant des orientations du SDSF.")]
    #[schemars(length(min = 1))]
    pub axes: List<S<Axe>>,
    #[schemars(description = "Plan d'actions : chaque action relève d'un axe et d'un champ.")]
    #[schemars(length(min = 1))]
    pub actions: List<S<Action>>,
    #[schemars(description = "Instances de pilotage de la convention.")]
    pub pilotage: Option<S<Pilotage>>,
    #[schemars(
        description = "Chemin du modèle de convention (visas, articles, annexes), relatif au dossier de ce fichier ; par défaut celui de ctg.toml, sinon le modèle national intégré."
    )]
    pub modele: Option<S<String>>,
    #[schemars(
        description = "Articles propres à la convention, placés après un article du modèle."
    )]
    pub articles: Vec<S<Article>>,
    #[schemars(description = "Annexes propres à la convention, après celles du modèle.")]
    pub annexes: Vec<S<Annexe>>,
    #[schemars(
        description = "Partenaires associés à la démarche qui ne signent pas (TZNR, Région, CPAM…)."
    )]
    pub partenaires_associes: Vec<S<PartenaireAssocie>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Un partenaire associé qui ne signe pas.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct PartenaireAssocie {
    #[schemars(description = "Nom du partenaire, par exemple « la Région Hauts-de-France ».")]
    pub nom: S<String>,
    #[schemars(description = "Son rôle dans la démarche.")]
    pub role: Option<S<String>>,
}

impl Convention {
    pub fn statut(&self) -> StatutConvention {
        self.statut
            .as_ref()
            .map_or(StatutConvention::Projet, |s| s.value)
    }

    /// The axes by id, the first of each (CTG401 reports the others): what
    /// an action's `axe:` names.
    pub fn axes_by_id(&self) -> std::collections::HashMap<&str, &Axe> {
        let mut axes = std::collections::HashMap::new();
        for a in self.axes.iter() {
            axes.entry(a.id.as_str()).or_insert(&a.value);
        }
        axes
    }
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Le territoire couvert par la convention.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Territoire {
    #[schemars(
        description = "Nom officiel, par exemple « Communauté de Communes de la Porte des Vosges Méridionales »."
    )]
    pub nom: S<String>,
    #[schemars(description = "Sigle, par exemple « CCPVM ».")]
    pub sigle: Option<S<String>>,
    #[schemars(description = "Nature juridique du territoire.")]
    pub nature: S<Nature>,
    #[schemars(description = "SIREN de l'EPCI : 9 chiffres (clé de Luhn vérifiée par ctg).")]
    #[schemars(extend("pattern" = "^[0-9]{9}$"))]
    pub siren: Option<S<String>>,
    #[schemars(
        description = "Code du département : 01 à 95, 2A, 2B, 971 à 976, entre guillemets."
    )]
    #[schemars(extend("pattern" = "^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$"))]
    pub departement: S<String>,
    #[schemars(description = "Les communes du territoire, avec leur code Insee.")]
    #[schemars(length(min = 1))]
    pub communes: List<S<Commune>>,
    #[schemars(
        description = "Population municipale du territoire.",
        range(max = 100_000_000)
    )]
    pub population: Option<S<u64>>,
    #[schemars(description = "Année de la population indiquée.", range(max = 2100))]
    pub population_annee: Option<S<u64>>,
    #[schemars(
        description = "Nombre d'allocataires de la Caf sur le territoire.",
        range(max = 100_000_000)
    )]
    pub allocataires: Option<S<u64>>,
    #[schemars(
        description = "Nombre de personnes couvertes par les prestations de la Caf.",
        range(max = 100_000_000)
    )]
    pub personnes_couvertes: Option<S<u64>>,
    #[schemars(
        description = "Année du Code officiel géographique contre lequel vérifier le territoire (par défaut celle du début de la période).",
        range(min = 1980, max = 2100)
    )]
    pub cog: Option<S<u64>>,
}

impl Territoire {
    /// The year of the official geography the territory is checked against:
    /// `cog:`, else the period's start (README "The official geography").
    pub fn cog_year(&self, periode: &Periode) -> i32 {
        use chrono::Datelike;
        self.cog
            .as_ref()
            .map_or(periode.debut.value.year(), |y| y.value as i32)
    }
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Une commune du territoire.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Commune {
    #[schemars(description = "Nom officiel de la commune.")]
    pub nom: S<String>,
    #[schemars(
        description = "Code Insee de la commune (5 caractères, commençant par le code du département), entre guillemets."
    )]
    #[schemars(extend("pattern" = "^[0-9][0-9AB][0-9]{3}$"))]
    pub insee: Option<S<String>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Période de la convention.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Periode {
    #[schemars(
        description = "Premier jour de la convention (AAAA-MM-JJ), ou l'année ou le mois seuls quand la source ne dit pas le jour.",
        with = "FlexDate"
    )]
    pub debut: S<NaiveDate>,
    #[schemars(
        description = "Dernier jour de la convention (AAAA-MM-JJ), ou l'année ou le mois seuls.",
        with = "FlexDate"
    )]
    pub fin: S<NaiveDate>,
    /// The bounds as written: `debut: 2022` is the first of January 2022
    /// above, and known to the year only here.
    #[schemars(skip)]
    pub ecrit: (FlexDate, FlexDate),
}

impl Periode {
    /// Whether both bounds are days, as a signed text needs them.
    pub fn exacte(&self) -> bool {
        use crate::model::date::Precision;
        self.ecrit.0.precision == Precision::Day && self.ecrit.1.precision == Precision::Day
    }
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Date et lieu de signature.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Signature {
    #[schemars(
        description = "Date de signature : AAAA-MM-JJ, AAAA-MM quand la source ne donne que le mois, ou À COMPLÉTER.",
        with = "Option<crate::model::date::SignatureDate>"
    )]
    pub date: Option<S<FlexDate>>,
    /// `date: À COMPLÉTER`: CTG308's, not a missing date.
    #[schemars(skip)]
    pub date_a_completer: bool,
    #[schemars(description = "Commune où la convention est signée.")]
    pub lieu: Option<S<String>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Une partie signataire.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Signataire {
    #[schemars(description = "Type d'organisme signataire.")]
    pub organisme: S<Organisme>,
    #[schemars(description = "Nom de l'organisme, par exemple « Caf des Vosges ».")]
    pub nom: S<String>,
    #[schemars(description = "Code Insee, pour une commune signataire.")]
    #[schemars(extend("pattern" = "^[0-9][0-9AB][0-9]{3}$"))]
    pub insee: Option<S<String>>,
    #[schemars(description = "Nom court utilisé dans le texte, par exemple « la Caf ».")]
    pub alias: Option<S<String>>,
    #[schemars(
        description = "Ce qui autorise à signer, par exemple « délibération du conseil communautaire du 2023-10-12 »."
    )]
    pub autorisation: Option<S<String>>,
    #[schemars(
        description = "Les personnes qui signent pour l'organisme (une Caf signe souvent à deux : président(e) et directeur·rice)."
    )]
    pub representants: Option<List<S<Representant>>>,
    #[schemars(
        description = "« une » : d'une part (la Caf et les institutions, par défaut hors territoire) ; « autre » : d'autre part (par défaut l'EPCI et les communes)."
    )]
    pub partie: Option<S<Partie>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Une personne qui signe pour un organisme.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Representant {
    #[schemars(description = "Prénom et nom.")]
    pub nom: Option<S<String>>,
    #[schemars(description = "Qualité, par exemple « Présidente du conseil d'administration ».")]
    pub qualite: Option<S<String>>,
    #[schemars(
        description = "« madame » ou « monsieur » : l'accord du texte (« dûment autorisée »)."
    )]
    pub civilite: Option<S<Civilite>>,
}

/// The shared diagnostic (`diagnostic:`), not to be confused with findings.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Résumé du diagnostic partagé.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct DiagnosticPartage {
    #[schemars(description = "Date du diagnostic (AAAA-MM-JJ).")]
    pub date: Option<S<NaiveDate>>,
    #[schemars(description = "Principaux constats du diagnostic.")]
    pub constats: Vec<S<String>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Un axe stratégique de la convention.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Axe {
    #[schemars(description = "Identifiant de l'axe, cité par les actions (« axe: »).")]
    pub id: S<String>,
    #[schemars(description = "Intitulé de l'axe.")]
    pub intitule: S<String>,
    /// Ids of the SDSF orientations the axis declines.
    #[schemars(description = "Identifiants des orientations du SDSF que l'axe décline.")]
    pub sdsf: Option<List<S<String>>>,
    #[schemars(
        description = "Champs d'intervention de l'axe ; par défaut ceux des orientations citées."
    )]
    pub champs: Option<List<S<Champ>>>,
    #[schemars(description = "Objectifs opérationnels de l'axe.")]
    pub objectifs: Vec<S<String>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Une action du plan.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Action {
    #[schemars(description = "Identifiant de l'action, par exemple « 1.2 » (entre guillemets).")]
    pub id: S<String>,
    #[schemars(description = "Identifiant de l'axe dont relève l'action.")]
    pub axe: S<String>,
    #[schemars(description = "Intitulé de l'action.")]
    pub intitule: S<String>,
    #[schemars(description = "Champ d'intervention de l'action.")]
    pub champ: S<Champ>,
    #[schemars(description = "Organisme qui pilote l'action.")]
    pub pilote: Option<S<String>>,
    #[schemars(description = "Partenaires associés à l'action.")]
    pub partenaires: Vec<S<String>>,
    #[schemars(description = "Public visé.")]
    pub public: Option<S<String>>,
    /// INSEE codes; absent means the whole territory.
    #[schemars(description = "Codes Insee des communes concernées ; absent : tout le territoire.")]
    pub communes: Option<List<S<String>>>,
    #[schemars(description = "Calendrier de l'action.")]
    pub calendrier: Option<S<Calendrier>>,
    #[schemars(description = "Indicateurs de suivi de l'action.")]
    pub indicateurs: Option<List<S<Indicateur>>>,
    #[schemars(description = "Budget de l'action.")]
    pub budget: Option<S<Budget>>,
    #[schemars(description = "Avancement de l'action ; par défaut « prevue ».")]
    pub statut: Option<S<StatutAction>>,
    #[schemars(description = "Description de l'action.")]
    pub description: Option<S<String>>,
}

impl Action {
    pub fn statut(&self) -> StatutAction {
        self.statut
            .as_ref()
            .map_or(StatutAction::Prevue, |s| s.value)
    }
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Calendrier d'une action : AAAA, AAAA-MM ou AAAA-MM-JJ.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Calendrier {
    #[schemars(description = "Début de l'action : AAAA, AAAA-MM ou AAAA-MM-JJ.")]
    pub debut: Option<S<FlexDate>>,
    #[schemars(description = "Fin de l'action : AAAA, AAAA-MM ou AAAA-MM-JJ.")]
    pub fin: Option<S<FlexDate>>,
}

impl Calendrier {
    /// "septembre 2023 → 2025", "…" for an end not given.
    pub fn text(&self) -> String {
        let end =
            |d: &Option<S<FlexDate>>| d.as_ref().map_or("…".to_string(), |d| d.value.text().fr);
        format!("{} → {}", end(&self.debut), end(&self.fin))
    }
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Un indicateur de suivi.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Indicateur {
    #[schemars(description = "Ce que l'indicateur mesure.")]
    pub libelle: S<String>,
    #[schemars(description = "Unité, par exemple « familles » ou « % ».")]
    pub unite: Option<S<String>>,
    #[schemars(description = "Valeur au début de la convention.", range(min = -1e12, max = 1e12))]
    pub valeur_initiale: Option<S<f64>>,
    #[schemars(description = "Valeur visée.", range(min = -1e12, max = 1e12))]
    pub cible: Option<S<f64>>,
    #[schemars(
        description = "Valeur atteinte, pour le bilan : un nombre, ou une valeur par année (`{2023: 12, 2024: 18}`).",
        with = "Option<Realise>"
    )]
    pub realise: Option<S<Realise>>,
}

/// What an indicator reached: one value, or one a year (in year order).
#[derive(Debug, Clone, PartialEq)]
pub enum Realise {
    Valeur(f64),
    ParAnnee(Vec<(i32, S<f64>)>),
}

impl Realise {
    /// The value reached by `year` (the latest year given up to it; the
    /// single value whatever the year), with its year.
    pub fn au(&self, year: i32) -> Option<(Option<i32>, f64)> {
        match self {
            Realise::Valeur(v) => Some((None, *v)),
            Realise::ParAnnee(years) => years
                .iter()
                .rev()
                .find(|(y, _)| *y <= year)
                .map(|(y, v)| (Some(*y), v.value)),
        }
    }
}

impl JsonSchema for Realise {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Realise".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "number", "minimum": -1e12, "maximum": 1e12 },
                {
                    "type": "object",
                    "description": "Une valeur par année : `2023: 12`.",
                    "patternProperties": { "^(19[89][0-9]|20[0-9]{2}|2100)$": { "type": "number" } },
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The largest count a territory can hold (population, allocataires):
/// France has 68 million inhabitants.
pub const MAX_COUNT: u64 = 100_000_000;
/// An action's budget, in euros: the Cnaf's whole social action fund is
/// some 6 billion a year.
pub const AMOUNTS: std::ops::RangeInclusive<f64> = 0.0..=1e12;
/// An indicator's figures.
pub const FIGURES: std::ops::RangeInclusive<f64> = -1e12..=1e12;

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Budget d'une action.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Budget {
    /// In euros.
    #[schemars(description = "Montant en euros.", range(min = 0, max = 1e12))]
    pub montant: Option<S<f64>>,
    #[schemars(description = "Organismes qui financent l'action.")]
    pub financeurs: Vec<S<String>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Instances de pilotage.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Pilotage {
    #[schemars(description = "Comité de pilotage.")]
    pub comite_pilotage: Option<S<Comite>>,
    #[schemars(description = "Comité technique.")]
    pub comite_technique: Option<S<Comite>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Une instance de pilotage.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Comite {
    #[schemars(description = "Fréquence des réunions, par exemple « deux fois par an ».")]
    pub frequence: Option<S<String>>,
    #[schemars(description = "Membres de l'instance.")]
    pub membres: Vec<S<String>>,
}

/// An SDSF referential, `document: sdsf`, `version: 1`.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Référentiel du schéma départemental des services aux familles (SDSF), format version 1.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Sdsf {
    #[schemars(skip)]
    pub span: Span,
    #[schemars(description = "Code du département du schéma, entre guillemets.")]
    #[schemars(extend("pattern" = "^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$"))]
    pub departement: S<String>,
    #[schemars(description = "Titre du schéma.")]
    pub intitule: S<String>,
    #[schemars(description = "Période du schéma, aussi précise que connue.")]
    pub periode: Option<S<PeriodeSdsf>>,
    #[schemars(description = "Signataires du schéma.")]
    pub signataires: Vec<S<String>>,
    #[schemars(
        description = "Orientations (ou ambitions) du schéma, que les axes des conventions déclinent."
    )]
    #[schemars(length(min = 1))]
    pub orientations: List<S<Orientation>>,
    /// Where each orientation id is first written in `orientations`: rules
    /// look ids up for every axis and action.
    #[schemars(skip)]
    pub index: std::collections::HashMap<String, usize>,
}

/// An SDSF's period, as precisely as it is known: schemes are often cited
/// by years only ("SDSF 2017-2019"), and some are published without an end.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Période d'un schéma : AAAA, AAAA-MM ou AAAA-MM-JJ.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct PeriodeSdsf {
    #[schemars(description = "Début du schéma : AAAA, AAAA-MM ou AAAA-MM-JJ.")]
    pub debut: Option<S<FlexDate>>,
    #[schemars(description = "Fin du schéma : AAAA, AAAA-MM ou AAAA-MM-JJ.")]
    pub fin: Option<S<FlexDate>>,
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Une orientation du schéma.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Orientation {
    #[schemars(description = "Identifiant de l'orientation, cité par les axes des conventions.")]
    pub id: S<String>,
    #[schemars(description = "Intitulé de l'orientation.")]
    pub intitule: S<String>,
    #[schemars(description = "Champs d'intervention de l'orientation.")]
    pub champs: Vec<S<Champ>>,
    #[schemars(
        description = "Orientation prioritaire : chaque convention du département doit la décliner."
    )]
    pub prioritaire: bool,
}

impl Sdsf {
    pub fn orientation(&self, id: &str) -> Option<&Orientation> {
        let &i = self.index.get(id)?;
        self.orientations.get(i).map(|o| &o.value)
    }
}

/// Struct transform: a list that may be empty may also be left out or
/// empty (`key:` alone), and a yes/no defaults to no, so neither is required.
pub fn optional_lists(schema: &mut schemars::Schema) {
    let Some(required) = schema.get("required").cloned() else {
        return;
    };
    let Some(serde_json::Value::Object(properties)) = schema.get_mut("properties") else {
        return;
    };
    let mut still = Vec::new();
    for name in required.as_array().into_iter().flatten() {
        let key = name.as_str().unwrap_or_default();
        match properties.get_mut(key) {
            Some(p)
                if p["type"] == "boolean"
                    || (p["type"] == "array" && p.get("minItems").is_none()) =>
            {
                let kind = p["type"].clone();
                p["type"] = serde_json::json!([kind, "null"]);
            }
            _ => still.push(name.clone()),
        }
    }
    schema.insert("required".into(), serde_json::Value::Array(still));
}

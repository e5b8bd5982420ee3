//! The registry of finding codes: one entry per code, with its default
//! severity and a one-line title in both languages.

use crate::diagnostic::Severity;

/// One code of the catalogue.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub default: Severity,
    pub title_fr: &'static str,
    pub title_en: &'static str,
}

const fn rule(
    code: &'static str,
    default: Severity,
    title_fr: &'static str,
    title_en: &'static str,
) -> Rule {
    Rule {
        code,
        default,
        title_fr,
        title_en,
    }
}

use Severity::{Error as E, Info as I, Warning as W};

/// Every code, in catalogue order.
pub static RULES: &[Rule] = &[
    rule("CTG001", E, "syntaxe YAML invalide", "invalid YAML syntax"),
    rule(
        "CTG002",
        E,
        "type ou valeur invalide",
        "wrong type or invalid value",
    ),
    rule(
        "CTG003",
        E,
        "champ obligatoire absent",
        "required field missing",
    ),
    rule("CTG004", E, "champ inconnu", "unknown field"),
    rule(
        "CTG005",
        E,
        "type de document ou version non pris en charge",
        "unsupported document kind or version",
    ),
    rule(
        "CTG006",
        E,
        "référentiel SDSF absent ou invalide",
        "SDSF referential missing or invalid",
    ),
    rule(
        "CTG101",
        E,
        "SIREN mal formé ou clé de Luhn fausse",
        "SIREN malformed or failing the Luhn check",
    ),
    rule(
        "CTG102",
        E,
        "code INSEE de commune mal formé",
        "malformed INSEE commune code",
    ),
    rule(
        "CTG103",
        E,
        "commune hors du département du territoire",
        "commune code outside the territory's département",
    ),
    rule(
        "CTG104",
        E,
        "commune citée deux fois",
        "commune listed twice",
    ),
    rule(
        "CTG105",
        W,
        "allocataires ou personnes couvertes au-delà de la population",
        "allocataires or people covered exceed the population",
    ),
    rule(
        "CTG106",
        E,
        "code INSEE inconnu du COG",
        "INSEE code unknown to the official geography",
    ),
    rule(
        "CTG107",
        W,
        "nom de commune différent du nom officiel",
        "commune name differs from the official name",
    ),
    rule(
        "CTG108",
        W,
        "SIREN hors de la liste des EPCI, ou nom différent",
        "SIREN not an official EPCI, or its name differs",
    ),
    rule(
        "CTG109",
        W,
        "communes différentes du périmètre officiel de l'EPCI",
        "communes differ from the EPCI's official perimeter",
    ),
    rule(
        "CTG201",
        E,
        "fin de période avant le début",
        "period end not after its start",
    ),
    rule(
        "CTG202",
        W,
        "période inhabituelle (4 à 5 ans, du 1er janvier au 31 décembre)",
        "unusual period (4-5 years, 1 January to 31 December)",
    ),
    rule(
        "CTG203",
        W,
        "signature après le début de la période",
        "signature after the period start",
    ),
    rule(
        "CTG204",
        W,
        "période non couverte par le SDSF",
        "period not covered by the SDSF",
    ),
    rule(
        "CTG205",
        E,
        "calendrier d'action hors de la période",
        "action calendar outside the period",
    ),
    rule(
        "CTG206",
        E,
        "calendrier d'action qui finit avant de commencer",
        "action calendar ends before it starts",
    ),
    rule("CTG301", E, "aucune Caf signataire", "no Caf signatory"),
    rule(
        "CTG302",
        E,
        "aucun EPCI (ou commune) signataire",
        "no EPCI (or commune) signatory",
    ),
    rule(
        "CTG303",
        E,
        "signataire cité deux fois",
        "same signatory twice",
    ),
    rule(
        "CTG304",
        E,
        "commune signataire hors du territoire",
        "commune signatory outside the territory",
    ),
    rule(
        "CTG305",
        I,
        "ni le Département ni la MSA ne signent",
        "neither the CD nor the MSA signs",
    ),
    rule(
        "CTG306",
        W,
        "signataire sans représentant nommé",
        "signatory without a named representative",
    ),
    rule(
        "CTG307",
        E,
        "date ou lieu de signature manquant",
        "signature date or place missing",
    ),
    rule(
        "CTG308",
        W,
        "texte à compléter laissé",
        "placeholder text left",
    ),
    rule(
        "CTG401",
        E,
        "identifiant d'axe en double",
        "axis id used twice",
    ),
    rule(
        "CTG402",
        E,
        "orientation SDSF inexistante",
        "SDSF orientation does not exist",
    ),
    rule(
        "CTG403",
        E,
        "axe sans orientation SDSF",
        "axis cites no SDSF orientation",
    ),
    rule("CTG404", W, "axe sans action", "axis with no action"),
    rule(
        "CTG405",
        W,
        "orientation SDSF prioritaire non déclinée",
        "priority SDSF orientation served by no axis",
    ),
    rule(
        "CTG406",
        E,
        "référentiel SDSF d'un autre département",
        "SDSF referential of another département",
    ),
    rule(
        "CTG407",
        W,
        "champ d'action hors des champs de son axe",
        "action's champ not among its axis's champs",
    ),
    rule(
        "CTG408",
        W,
        "champ déclaré sans action, ou action hors des champs déclarés",
        "declared champ with no action, or undeclared action champ",
    ),
    rule("CTG409", W, "socle Cnaf incomplet", "Cnaf floor missed"),
    rule(
        "CTG501",
        E,
        "identifiant d'action en double",
        "action id used twice",
    ),
    rule(
        "CTG502",
        E,
        "action rattachée à un axe inexistant",
        "action cites a missing axis",
    ),
    rule(
        "CTG503",
        W,
        "action sans indicateur",
        "action without indicator",
    ),
    rule(
        "CTG504",
        E,
        "commune d'action hors du territoire",
        "action commune outside the territory",
    ),
    rule("CTG505", E, "action sans pilote", "action without pilote"),
    rule(
        "CTG506",
        W,
        "indicateur sans cible positive",
        "indicator without a positive target",
    ),
];

/// The rule of a code, if it exists.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The default severity of a code. Codes are static strings of the
/// registry, so an unknown code is a programming error caught by tests;
/// it falls back to error rather than panicking.
pub fn default_severity(code: &str) -> Severity {
    find(code).map_or(Severity::Error, |r| r.default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.code), "duplicate code {}", r.code);
            assert!(r.code.starts_with("CTG") && r.code.len() == 6, "{}", r.code);
        }
    }
}

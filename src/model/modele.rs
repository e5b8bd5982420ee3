//! A model of convention (`document: modele`): the legal text a Caf signs
//! around the facts of a convention — its visas with the dates they apply,
//! its preamble, its articles in their order and wording, its standard
//! annexes and its closing formula. The built-in one (`templates/modele.yaml`)
//! follows the Cnaf's national frame; a Caf or a département keeps its own
//! in its repository (README, "Le texte de la convention").
//!
//! Its texts may use the convention's facts through `{name}` variables
//! ([`VARIABLES`]); the values are plain text, escaped by each document.

use super::{Contenu, List, S};
use crate::span::Span;
use chrono::NaiveDate;
use schemars::JsonSchema;

/// The built-in model: the Cnaf's national frame.
pub const BUILTIN: &str = include_str!("../../templates/modele.yaml");

/// A model of convention, `document: modele`, `version: 1`.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Modèle de convention territoriale globale, format version 1 : les visas (avec leurs dates), le préambule, les articles et les annexes du texte signé.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Modele {
    #[schemars(skip)]
    pub span: Span,
    #[schemars(description = "Nom du modèle, par exemple « Modèle de la Caf de la Vendée ».")]
    pub intitule: S<String>,
    #[schemars(
        description = "Les visas, dans l'ordre ; chacun s'applique de sa date « depuis » à sa date « jusqu_au »."
    )]
    pub visas: Vec<S<Visa>>,
    #[schemars(description = "Paragraphes du préambule.")]
    pub preambule: Vec<S<String>>,
    #[schemars(
        description = "Formule avant les articles ; par défaut « Il est convenu et arrêté ce qui suit : »."
    )]
    pub formule: Option<S<String>>,
    #[schemars(description = "Les articles, dans leur ordre.")]
    #[schemars(length(min = 1))]
    pub articles: List<S<Article>>,
    #[schemars(description = "Les annexes types, dans leur ordre.")]
    pub annexes: Vec<S<Annexe>>,
    #[schemars(
        description = "Formule de la page des signatures ; par défaut « Fait à {lieu}, le {date}, en {exemplaires} exemplaires originaux. »."
    )]
    pub fait: Option<S<String>>,
    #[schemars(
        description = "Nombre d'exemplaires originaux ; par défaut, un par signataire.",
        range(min = 1, max = 1000)
    )]
    pub exemplaires: Option<S<u64>>,
}

/// A visa and when it applies: the text it cites must exist at the
/// signature.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Un visa.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Visa {
    #[schemars(
        description = "Texte du visa, par exemple « Vu le code de l'action sociale et des familles ; »."
    )]
    pub texte: S<String>,
    #[schemars(
        description = "Premier jour où le visa s'applique (la date du texte cité), AAAA-MM-JJ."
    )]
    pub depuis: Option<S<NaiveDate>>,
    #[schemars(
        description = "Dernier jour où le visa s'applique (texte abrogé ou remplacé), AAAA-MM-JJ."
    )]
    pub jusqu_au: Option<S<NaiveDate>>,
}

impl Visa {
    /// Whether the visa applies to a convention signed (or starting) on `day`.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.depuis.as_ref().is_none_or(|d| d.value <= day)
            && self.jusqu_au.as_ref().is_none_or(|f| day <= f.value)
    }
}

/// An article of the model, or one a convention adds.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Un article : son titre, ses paragraphes, une liste, et ce que ctg y imprime des faits de la convention.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Article {
    #[schemars(
        description = "Identifiant de l'article, que les conventions citent pour placer les leurs (« apres: »)."
    )]
    pub id: Option<S<String>>,
    #[schemars(description = "Titre de l'article, sans son numéro.")]
    pub titre: S<String>,
    #[schemars(
        description = "Paragraphes de l'article ; ils peuvent citer les faits de la convention : {territoire}, {periode}…"
    )]
    pub texte: Vec<S<String>>,
    #[schemars(description = "Liste à puces après les paragraphes.")]
    pub liste: Vec<S<String>>,
    #[schemars(description = "Ce que ctg imprime des faits de la convention après le texte.")]
    pub contenu: Option<S<Contenu>>,
    #[schemars(
        description = "Dans une convention : l'identifiant de l'article du modèle après lequel celui-ci se place ; absent : à la fin."
    )]
    pub apres: Option<S<String>>,
}

/// An annex: text, a block of the convention's facts, or a file beside the
/// file that names it (a délibération in PDF).
#[derive(Debug, Clone, JsonSchema)]
#[schemars(description = "Une annexe : du texte, un contenu imprimé par ctg, ou un fichier joint.", deny_unknown_fields, transform = crate::model::optional_lists)]
pub struct Annexe {
    #[schemars(description = "Titre de l'annexe, sans son numéro.")]
    pub titre: S<String>,
    #[schemars(description = "Paragraphes de l'annexe.")]
    pub texte: Vec<S<String>>,
    #[schemars(
        description = "Ce que ctg imprime des faits de la convention (« fiches » : les fiches actions)."
    )]
    pub contenu: Option<S<Contenu>>,
    #[schemars(
        description = "Fichier joint, relatif au dossier du fichier qui le cite, par exemple « deliberation-2019.pdf »."
    )]
    pub fichier: Option<S<String>>,
}

/// The variables the texts of a model may use, and what each gives.
pub const VARIABLES: &[(&str, &str)] = &[
    (
        "territoire",
        "le territoire avec son article : « la Communauté de communes du Bazois »",
    ),
    (
        "du_territoire",
        "« de la Communauté de communes du Bazois », « du Grand Arras »",
    ),
    (
        "caf",
        "la Caf signataire, comme la convention la nomme : « la Caf »",
    ),
    (
        "signataires",
        "les parties : « la Caf, la CARSAT et la Communauté de communes du Bazois »",
    ),
    ("periode", "« du 1er janvier 2023 au 31 décembre 2027 »"),
    ("debut", "« 1er janvier 2023 »"),
    ("fin", "« 31 décembre 2027 »"),
    ("duree", "« cinq ans »"),
    ("sdsf", "le titre du SDSF que la convention décline"),
    (
        "exemplaires",
        "le nombre d'exemplaires originaux, en lettres : « cinq »",
    ),
    (
        "lieu",
        "le lieu de signature (des pointillés à remplir s'il manque)",
    ),
    (
        "date",
        "la date de signature (des pointillés à remplir si elle manque)",
    ),
];

/// A piece of a text with variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// `{name}`: the name and the byte range of the whole `{name}`.
    Var(&'a str, std::ops::Range<usize>),
}

/// A text cut at its variables: `{name}`; `{{` and `}}` stand for a brace.
/// `Err` gives the byte range of a brace that opens or closes nothing.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'}' if bytes.get(i + 1) == Some(&bytes[i]) => {
                out.push(Piece::Text(&text[start..=i]));
                i += 2;
                start = i;
            }
            b'{' => {
                let close = text[i..].find('}').map(|c| i + c);
                let name = close.map(|c| &text[i + 1..c]);
                match (close, name) {
                    (Some(c), Some(name))
                        if !name.is_empty()
                            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                    {
                        out.push(Piece::Text(&text[start..i]));
                        out.push(Piece::Var(name, i..c + 1));
                        i = c + 1;
                        start = i;
                    }
                    _ => return Err(i..close.map_or(i + 1, |c| c + 1)),
                }
            }
            b'}' => return Err(i..i + 1),
            _ => i += 1,
        }
    }
    out.push(Piece::Text(&text[start..]));
    out.retain(|p| !matches!(p, Piece::Text("")));
    Ok(out)
}

/// The text with each variable replaced by `value(name)`; an unknown
/// variable, or a broken brace, is kept as written (the rules report it).
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let Ok(pieces) = pieces(text) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 32);
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name, range) => match value(name) {
                Some(v) => out.push_str(&v),
                None => out.push_str(&text[range]),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_cut_at_their_variables() {
        assert_eq!(
            pieces("Vu le {sdsf} ;").unwrap(),
            [
                Piece::Text("Vu le "),
                Piece::Var("sdsf", 6..12),
                Piece::Text(" ;")
            ]
        );
        assert_eq!(
            pieces("{{x}}").unwrap(),
            [Piece::Text("{"), Piece::Text("x}")]
        );
        assert_eq!(pieces("a { b"), Err(2..3));
        assert_eq!(pieces("a {b c} d"), Err(2..7));
        assert_eq!(pieces("a } c"), Err(2..3));
        let filled = fill("du {debut} au {fin}, {inconnu}", |n| {
            (n != "inconnu").then(|| n.to_uppercase())
        });
        assert_eq!(filled, "du DEBUT au FIN, {inconnu}");
    }
}

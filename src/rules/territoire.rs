//! CTG101–CTG105: the territory's identifiers and figures.
//! (CTG106–CTG109 need the official geography and come with it.)

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::ids::{insee_departement, is_siren};
use crate::span::Span;
use crate::t;
use crate::text::suggest::fold;
use std::collections::HashMap;

crate::declare_rules! {
    /// Le SIREN du territoire doit compter 9 chiffres et respecter la clé de
    /// Luhn, comme tout numéro SIREN attribué par l'Insee.
    ///
    /// ## Pourquoi
    /// Le SIREN identifie l'EPCI sans ambiguïté (deux communautés de communes
    /// peuvent porter des noms voisins) ; un chiffre inversé en recopiant
    /// désigne un autre organisme ou aucun.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (deux chiffres inversés)
    /// siren: "200068737"
    /// # correct
    /// siren: "200068377"
    /// ```
    CTG101: Error, "SIREN mal formé ou clé de Luhn fausse", "SIREN malformed or failing the Luhn check";

    /// Un code commune Insee compte 5 caractères : le département (`01`–`95`,
    /// `2A`, `2B`, ou `971`–`976` outre-mer) suivi du numéro de la commune.
    /// La règle s'applique aux communes du territoire, aux communes
    /// signataires et aux communes d'une action.
    ///
    /// ## Pourquoi
    /// Le code Insee, et non le code postal, identifie la commune ; les deux
    /// se confondent souvent (`88700` est le code postal de Rambervillers,
    /// son code Insee est `88367`).
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// - { nom: Rambervillers, insee: "8836" }
    /// # correct
    /// - { nom: Rambervillers, insee: "88367" }
    /// ```
    CTG102: Error, "code INSEE de commune mal formé", "malformed INSEE commune code";

    /// Le code Insee de chaque commune du territoire doit commencer par le
    /// département du territoire (`territoire.departement`).
    ///
    /// ## Pourquoi
    /// Une commune d'un autre département trahit presque toujours une faute
    /// de frappe ou un copier-coller d'une autre convention. Pour un EPCI
    /// réellement interdépartemental, autorisez la commune concernée par un
    /// commentaire `# ctg: allow(CTG103) raison`.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (territoire des Vosges)
    /// - { nom: Rambervillers, insee: "54367" }
    /// # correct
    /// - { nom: Rambervillers, insee: "88367" }
    /// ```
    CTG103: Error, "commune hors du département du territoire", "commune code outside the territory's département";

    /// Une commune ne doit figurer qu'une fois dans `territoire.communes` :
    /// même code Insee, ou même nom quand l'une des deux n'a pas de code.
    ///
    /// ## Pourquoi
    /// Une commune en double fausse la liste imprimée et les comptes de
    /// population ; c'est souvent le signe qu'une autre commune manque.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// communes:
    ///   - { nom: Remiremont, insee: "88383" }
    ///   - { nom: Remiremont, insee: "88383" }
    /// # correct
    /// communes:
    ///   - { nom: Remiremont, insee: "88383" }
    ///   - { nom: Vecoux, insee: "88498" }
    /// ```
    CTG104: Error, "commune citée deux fois", "commune listed twice";

    /// Le nombre d'allocataires et celui des personnes couvertes par les
    /// prestations de la Caf ne peuvent pas dépasser la population du
    /// territoire.
    ///
    /// ## Pourquoi
    /// Ces chiffres figurent au diagnostic de la convention signée ; un
    /// dépassement vient d'ordinaire d'un chiffre départemental recopié ou
    /// d'années de référence mélangées.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// population: 12486
    /// personnes_couvertes: 124860
    /// # correct
    /// population: 12486
    /// personnes_couvertes: 6240
    /// ```
    CTG105: Warning, "allocataires ou personnes couvertes au-delà de la population", "allocataires or people covered exceed the population";
}

/// The rules of the territory, one function per code.
pub(super) fn check(cx: &mut Context) {
    ctg101(cx);
    ctg102(cx);
    ctg103(cx);
    ctg104(cx);
    ctg105(cx);
}

/// CTG101: the SIREN passes the Luhn check.
fn ctg101(cx: &mut Context) {
    let Some(siren) = &cx.convention.territoire.siren else {
        return;
    };
    if is_siren(siren) {
        return;
    }
    cx.push(
        Diagnostic::new(
            &CTG101,
            siren.span,
            t!(
                "SIREN « {} » invalide : 9 chiffres dont le dernier est une clé de Luhn",
                "invalid SIREN `{}`: 9 digits, the last one a Luhn check digit",
                siren.value,
                siren.value
            ),
        )
        .with_help(t!(
            "recopiez-le depuis l'annuaire des entreprises (annuaire-entreprises.data.gouv.fr)",
            "copy it from annuaire-entreprises.data.gouv.fr"
        )),
    );
}

/// CTG103: a commune of the territory outside its département (a
/// malformed code is CTG102's).
fn ctg103(cx: &mut Context) {
    let territoire = &cx.convention.territoire;
    let departement = territoire.departement.value.as_str();
    for code in territoire.communes.iter().filter_map(|c| c.insee.as_ref()) {
        let coded = insee_departement(code);
        if coded.is_none() || coded == Some(departement) {
            continue;
        }
        cx.push(
            Diagnostic::new(
                &CTG103,
                code.span,
                t!(
                    "la commune {} n'est pas dans le département {departement} du territoire",
                    "commune {} is not in the territory's département {departement}",
                    code.value,
                    code.value
                ),
            )
            .with_related(
                territoire.departement.span,
                t!("département du territoire", "the territory's département"),
            ),
        );
    }
}

/// CTG104: a commune listed twice: same code, or same name where one of
/// the two has no code (at the second, with the first).
fn ctg104(cx: &mut Context) {
    let territoire = &cx.convention.territoire;
    let mut by_code: HashMap<&str, Span> = HashMap::new();
    let mut by_name: HashMap<String, (Span, bool)> = HashMap::new();
    for commune in &territoire.communes.value {
        let insee = commune.insee.as_ref();
        let name = fold(&commune.nom);
        let repeat = match insee.and_then(|c| by_code.get(c.value.as_str()).map(|s| (c, *s))) {
            Some((code, first)) => Some((code.span, first)),
            None => match by_name.get(&name) {
                Some(&(first, had_code)) if !(had_code && insee.is_some()) => {
                    Some((commune.nom.span, first))
                }
                _ => None,
            },
        };
        if let Some((at, first)) = repeat {
            cx.push(
                Diagnostic::new(
                    &CTG104,
                    at,
                    t!(
                        "la commune « {} » est déjà citée",
                        "commune `{}` is already listed",
                        commune.nom.value,
                        commune.nom.value
                    ),
                )
                .with_related(first, t!("première mention", "first listed here")),
            );
            continue;
        }
        if let Some(code) = insee {
            by_code.insert(&code.value, code.span);
        }
        let at = insee.map_or(commune.nom.span, |c| c.span);
        by_name.entry(name).or_insert((at, insee.is_some()));
    }
}

/// CTG105: allocataires or people covered beyond the population.
fn ctg105(cx: &mut Context) {
    let territoire = &cx.convention.territoire;
    let Some(population) = &territoire.population else {
        return;
    };
    for (figure, fr, en) in [
        (&territoire.allocataires, "allocataires", "allocataires"),
        (
            &territoire.personnes_couvertes,
            "personnes couvertes",
            "people covered",
        ),
    ] {
        let Some(figure) = figure else { continue };
        if figure.value <= population.value {
            continue;
        }
        let (n, p) = (figure.value, population.value);
        cx.push(
            Diagnostic::new(
                &CTG105,
                figure.span,
                t!(
                    "{n} {fr} pour une population de {p}",
                    "{n} {en} for a population of {p}"
                ),
            )
            .with_related(population.span, t!("population", "population"))
            .with_help(t!(
                "vérifiez l'année et l'échelle (territoire ou département) des deux chiffres",
                "check the year and scale (territory or département) of both figures"
            )),
        );
    }
}

/// CTG102: every commune code of the convention is well formed — the
/// territory's, the signatory communes', the actions'. Reported here once;
/// the rules about where a commune is pass over a malformed code.
fn ctg102(cx: &mut Context) {
    let conv = cx.convention;
    let territory = conv
        .territoire
        .communes
        .iter()
        .filter_map(|c| c.insee.as_ref());
    let signatories = conv
        .signataires
        .iter()
        .filter(|s| s.organisme.value == crate::model::Organisme::Commune)
        .filter_map(|s| s.insee.as_ref());
    let actions = conv
        .actions
        .iter()
        .flat_map(|a| a.communes.iter().flat_map(|l| l.iter()));
    for code in territory.chain(signatories).chain(actions) {
        if insee_departement(code).is_some() {
            continue;
        }
        cx.push(
            Diagnostic::new(
                &CTG102,
                code.span,
                t!(
                    "code Insee « {} » mal formé : 5 caractères, le département puis la commune",
                    "malformed INSEE code `{}`: 5 characters, the département then the commune",
                    code.value,
                    code.value
                ),
            )
            .with_help(t!(
                "le code Insee n'est pas le code postal ; il se trouve sur insee.fr (Code officiel géographique)",
                "the INSEE code is not the postcode; see insee.fr (Code officiel géographique)"
            )),
        );
    }
}

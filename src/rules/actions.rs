//! CTG501–CTG506: the plan of actions.

use super::{repeats, Context};
use crate::diagnostic::Diagnostic;
use crate::t;
use crate::text::placeholder::placeholder;
use crate::text::suggest::did_you_mean;

crate::declare_rules! {
    /// Chaque action a un identifiant propre (`actions[].id`).
    ///
    /// ## Pourquoi
    /// L'identifiant désigne la fiche action dans les bilans et d'une
    /// convention à la suivante ; deux fiches `2.1` rendent le suivi ambigu.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { id: "2.1", axe: A2, intitule: Relais petite enfance, champ: petite_enfance }
    ///   - { id: "2.1", axe: A2, intitule: Micro-crèche, champ: petite_enfance }
    /// # correct
    ///   - { id: "2.1", axe: A2, intitule: Relais petite enfance, champ: petite_enfance }
    ///   - { id: "2.2", axe: A2, intitule: Micro-crèche, champ: petite_enfance }
    /// ```
    CTG501: Error, "identifiant d'action en double", "action id used twice";

    /// Chaque action se rattache à un axe existant (`actions[].axe` est l'`id`
    /// d'un axe) ; l'identifiant le plus proche est proposé.
    ///
    /// ## Pourquoi
    /// Le plan d'actions imprimé range les fiches sous leur axe ; une action
    /// rattachée à un axe inexistant disparaîtrait de l'articulation avec le
    /// SDSF.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { id: "1.1", axe: AX1, intitule: …, champ: jeunesse }
    /// # correct
    ///   - { id: "1.1", axe: A1, intitule: …, champ: jeunesse }
    /// ```
    CTG502: Error, "action rattachée à un axe inexistant", "action cites a missing axis";

    /// Chaque action a au moins un indicateur d'évaluation
    /// (`actions[].indicateurs`).
    ///
    /// ## Pourquoi
    /// La CTG s'évalue chaque année et à son terme : une action sans
    /// indicateur ne pourra pas être dite réussie ou non.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { id: "3.1", axe: A3, intitule: Café des parents, champ: parentalite }
    /// # correct
    ///   - id: "3.1"
    ///     axe: A3
    ///     intitule: Café des parents
    ///     champ: parentalite
    ///     indicateurs:
    ///       - { libelle: Familles participantes par an, unite: familles, cible: 40 }
    /// ```
    CTG503: Warning, "action sans indicateur", "action without indicator";

    /// Les communes d'une action (`actions[].communes`, codes Insee) doivent
    /// faire partie du territoire.
    ///
    /// ## Pourquoi
    /// Une action menée hors du territoire n'engage pas les signataires ; le
    /// plus souvent, c'est un code mal recopié.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (territoire de la CCPVM)
    ///     communes: ["88160"]
    /// # correct
    ///     communes: ["88383"]
    /// ```
    CTG504: Error, "commune d'action hors du territoire", "action commune outside the territory";

    /// Chaque action a un pilote (`actions[].pilote`) : la structure ou la
    /// personne qui la porte.
    ///
    /// ## Pourquoi
    /// Une action sans pilote n'avance pas ; le pilote est aussi celui qui
    /// rend compte au comité de pilotage.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { id: "1.2", axe: A1, intitule: Guichet unique, champ: acces_aux_droits }
    /// # correct
    ///   - { id: "1.2", axe: A1, intitule: Guichet unique, champ: acces_aux_droits, pilote: France services de Remiremont }
    /// ```
    CTG505: Error, "action sans pilote", "action without pilote";

    /// Chaque indicateur a une `cible` différente de sa valeur de départ
    /// (`valeur_initiale`, 0 sans elle). Une cible en baisse est une vraie
    /// cible : le sens vient des deux valeurs (« familles sur liste
    /// d'attente : 25 → 0 »).
    ///
    /// ## Pourquoi
    /// Sans cible, le bilan ne peut comparer le réalisé à rien ; une cible
    /// égale à la valeur de départ ne dit rien à atteindre, et c'est presque
    /// toujours une faute de saisie (une cible de 0 sans valeur initiale).
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///       - { libelle: Places créées, unite: places }
    ///       - { libelle: Familles sur liste d'attente, cible: 0 }
    /// # correct
    ///       - { libelle: Places créées, unite: places, valeur_initiale: 0, cible: 12 }
    ///       - { libelle: Familles sur liste d'attente, valeur_initiale: 25, cible: 0 }
    /// ```
    CTG506: Warning, "indicateur sans cible, ou à cible égale au départ", "indicator without a target, or with its starting value as target";
}

/// The rules of the plan of actions, one function per code.
pub(super) fn check(cx: &mut Context) {
    ctg501(cx);
    ctg502(cx);
    ctg503(cx);
    ctg504(cx);
    ctg505(cx);
    ctg506(cx);
}

/// CTG501: an action id written twice (at the second, with the first).
fn ctg501(cx: &mut Context) {
    let conv = cx.convention;
    for (action, first) in repeats(&conv.actions.value, |a| (a.id.value.clone(), a.id.span)) {
        let id = &action.id.value;
        cx.push(
            Diagnostic::new(
                &CTG501,
                action.id.span,
                t!("l'action {id} existe déjà", "action {id} already exists"),
            )
            .with_related(first, t!("première action {id}", "first action {id}")),
        );
    }
}

/// CTG502: an action on an axis that does not exist.
fn ctg502(cx: &mut Context) {
    let conv = cx.convention;
    let axes = conv.axes_by_id();
    for action in conv.actions.iter() {
        if axes.contains_key(action.axe.as_str()) {
            continue;
        }
        let (id, axe) = (&action.id.value, &action.axe.value);
        let mut diag = Diagnostic::new(
            &CTG502,
            action.axe.span,
            t!(
                "l'action {id} se rattache à l'axe « {axe} », qui n'existe pas",
                "action {id} belongs to axis `{axe}`, which does not exist"
            ),
        );
        if let Some(help) = did_you_mean(axe, conv.axes.iter().map(|a| a.id.as_str())) {
            diag = diag.with_help(help);
        }
        cx.push(diag);
    }
}

/// CTG503: an action without an indicator (none, or an empty list).
fn ctg503(cx: &mut Context) {
    for action in cx.convention.actions.iter() {
        let at = match &action.indicateurs {
            Some(list) if !list.is_empty() => continue,
            other => other.as_ref().map_or(action.id.span, |l| l.span),
        };
        let id = &action.id.value;
        cx.push(Diagnostic::new(
            &CTG503,
            at,
            t!(
                "l'action {id} n'a aucun indicateur",
                "action {id} has no indicator"
            ),
        ));
    }
}

/// CTG504: a commune of an action outside the territory (said only when
/// every commune of the territory has its code).
fn ctg504(cx: &mut Context) {
    let conv = cx.convention;
    let territory = &conv.territoire.communes;
    if !territory.iter().all(|c| c.insee.is_some()) {
        return;
    }
    for action in conv.actions.iter() {
        let id = &action.id.value;
        for code in action.communes.iter().flat_map(|l| l.iter()) {
            // A malformed code is CTG102's.
            if crate::ids::insee_departement(code).is_none() {
                continue;
            }
            let inside = territory
                .iter()
                .any(|c| c.insee.as_ref().is_some_and(|i| i.value == code.value));
            if inside {
                continue;
            }
            cx.push(
                Diagnostic::new(
                    &CTG504,
                    code.span,
                    t!(
                        "la commune {} de l'action {id} n'est pas dans le territoire",
                        "commune {} of action {id} is not in the territory",
                        code.value,
                        code.value
                    ),
                )
                .with_related(
                    territory.key,
                    t!("communes du territoire", "the territory's communes"),
                ),
            );
        }
    }
}

/// CTG505: an action without a pilot.
fn ctg505(cx: &mut Context) {
    for action in cx.convention.actions.iter() {
        let pilote = action.pilote.as_ref();
        if pilote.is_some_and(|p| !p.trim().is_empty()) {
            continue;
        }
        let id = &action.id.value;
        cx.push(
            Diagnostic::new(
                &CTG505,
                pilote.map_or(action.id.span, |p| p.span),
                t!(
                    "l'action {id} n'a pas de pilote",
                    "action {id} has no pilote"
                ),
            )
            .with_help(t!(
                "nommez la structure qui porte l'action ; « À COMPLÉTER » le temps de la trouver",
                "name the body that leads the action; « À COMPLÉTER » until it is known"
            )),
        );
    }
}

/// CTG506: an indicator without a target, or whose target is where it
/// starts.
fn ctg506(cx: &mut Context) {
    let indicators = cx
        .convention
        .actions
        .iter()
        .flat_map(|a| a.indicateurs.iter().flat_map(|l| l.iter()));
    for ind in indicators {
        let libelle = &ind.libelle.value;
        let start = ind.valeur_initiale.as_ref().map_or(0.0, |v| v.value);
        let (at, message) = match &ind.cible {
            Some(c) if c.value != start => continue,
            Some(c) => {
                let v = crate::text::figures::number(start);
                (
                    c.span,
                    t!(
                        "la cible de l'indicateur « {libelle} » est sa valeur de départ ({v}) : rien à atteindre",
                        "the target of indicator `{libelle}` is its starting value ({v}): nothing to reach"
                    ),
                )
            }
            // An indicator still to write is a CTG308 finding; its target
            // comes with it.
            None if placeholder(libelle).is_some() => continue,
            None => (
                ind.libelle.span,
                t!(
                    "l'indicateur « {libelle} » n'a pas de cible",
                    "indicator `{libelle}` has no target"
                ),
            ),
        };
        cx.push(Diagnostic::new(&CTG506, at, message).with_help(t!(
            "donnez `cible:` la valeur visée au terme de la convention",
            "set `cible:` to the value aimed at by the end of the convention"
        )));
    }
}

//! CTG401–CTG410: the axes, their articulation with the SDSF, and the
//! champs of the convention.

use super::{repeats, Context};
use crate::diagnostic::{Diagnostic, Lang};
use crate::model::{Axe, Champ, Closed};
use crate::t;
use crate::text::placeholder::placeholder;
use crate::text::suggest::did_you_mean;
use std::collections::{BTreeSet, HashMap, HashSet};

crate::declare_rules! {
    /// Chaque axe a un identifiant propre (`axes[].id`).
    ///
    /// ## Pourquoi
    /// Les actions se rattachent à leur axe par cet identifiant : avec deux
    /// axes `A2`, on ne sait plus quelle action sert lequel.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { id: A2, intitule: Petite enfance }
    ///   - { id: A2, intitule: Parentalité }
    /// # correct
    ///   - { id: A2, intitule: Petite enfance }
    ///   - { id: A3, intitule: Parentalité }
    /// ```
    CTG401: Error, "identifiant d'axe en double", "axis id used twice";

    /// Chaque orientation citée par un axe (`axes[].sdsf`) doit exister dans
    /// le référentiel SDSF de la convention ; l'identifiant le plus proche
    /// est proposé.
    ///
    /// ## Pourquoi
    /// La CTG décline localement le schéma départemental ; une orientation
    /// mal citée fausse la lecture du comité départemental, qui compte quels
    /// territoires servent quelles orientations.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///     sdsf: [repartition-equilibre]
    /// # correct
    ///     sdsf: [repartition-equilibree]
    /// ```
    CTG402: Error, "orientation SDSF inexistante", "SDSF orientation does not exist";

    /// Chaque axe cite au moins une orientation du SDSF (`axes[].sdsf`).
    ///
    /// ## Pourquoi
    /// Un axe qui ne se rattache à aucune orientation du schéma
    /// départemental n'en est pas la déclinaison ; s'il répond à un besoin
    /// propre au territoire, dites-le avec
    /// `# ctg: allow(CTG403) raison` au-dessus de l'axe.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { id: A1, intitule: Améliorer l'accès aux droits }
    /// # correct
    ///   - { id: A1, intitule: Améliorer l'accès aux droits, sdsf: [acces-aux-droits] }
    /// ```
    CTG403: Error, "axe sans orientation SDSF", "axis cites no SDSF orientation";

    /// Chaque axe porte au moins une action du plan (`actions[].axe`).
    ///
    /// ## Pourquoi
    /// Un axe sans action est une intention sans moyens ; souvent une action
    /// a été rattachée au mauvais axe.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// axes: [{ id: A3, intitule: Soutenir la parentalité, sdsf: [parentalite] }]
    /// actions: []
    /// # correct
    /// actions:
    ///   - { id: "3.1", axe: A3, intitule: Créer un lieu d'accueil enfants-parents, champ: parentalite }
    /// ```
    CTG404: Warning, "axe sans action", "axis with no action";

    /// Chaque orientation `prioritaire: true` du SDSF devrait être servie
    /// par au moins un axe de la convention.
    ///
    /// ## Pourquoi
    /// Les priorités du schéma départemental sont celles que le comité suit
    /// sur tous les territoires ; une CTG qui n'en dit rien doit l'assumer.
    ///
    /// ## Exemple
    /// ```yaml
    /// # référentiel : { id: petite-enfance, prioritaire: true }
    /// # à éviter : aucun axe ne cite petite-enfance
    /// # correct
    ///   - { id: A1, intitule: Développer l'accueil du jeune enfant, sdsf: [petite-enfance] }
    /// ```
    CTG405: Warning, "orientation SDSF prioritaire non déclinée", "priority SDSF orientation served by no axis";

    /// Le référentiel SDSF cité doit être celui du département du
    /// territoire.
    ///
    /// ## Pourquoi
    /// Chaque département a son schéma ; citer celui du voisin, souvent par
    /// copie d'une autre convention, rattache les axes à de mauvaises
    /// orientations.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (territoire.departement: "88")
    /// sdsf: ../sdsf/52-haute-marne-2020.yaml
    /// # correct
    /// sdsf: ../sdsf/88-vosges-2021.yaml
    /// ```
    CTG406: Error, "référentiel SDSF d'un autre département", "SDSF referential of another département";

    /// Le champ d'une action (`actions[].champ`) devrait être l'un des champs
    /// de son axe : ceux de `axes[].champs` s'ils sont donnés, sinon ceux des
    /// orientations SDSF que l'axe cite.
    ///
    /// ## Pourquoi
    /// Une action hors des champs de son axe est souvent rattachée au
    /// mauvais axe, ou révèle un axe dont les champs sont incomplets.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// axes: [{ id: A1, intitule: Petite enfance, sdsf: [petite-enfance], champs: [petite_enfance] }]
    /// actions: [{ id: "1.1", axe: A1, intitule: Point numérique, champ: inclusion_numerique }]
    /// # correct
    /// actions: [{ id: "1.1", axe: A1, intitule: Relais petite enfance, champ: petite_enfance }]
    /// ```
    CTG407: Warning, "champ d'action hors des champs de son axe", "action's champ not among its axis's champs";

    /// Les champs déclarés (`champs`) et ceux des actions doivent se
    /// répondre : chaque champ déclaré est servi par au moins une action, et
    /// chaque action relève d'un champ déclaré.
    ///
    /// ## Pourquoi
    /// Les champs déclarés sont l'engagement affiché en tête de la
    /// convention ; le plan d'actions doit le tenir, et ne pas agir en
    /// dehors sans le dire.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// champs: [petite_enfance, jeunesse, parentalite, logement_cadre_de_vie]
    /// # … et aucune action `champ: logement_cadre_de_vie`
    /// # correct : retirer le champ, ou ajouter l'action qui le sert
    /// ```
    CTG408: Warning, "champ déclaré sans action, ou action hors des champs déclarés", "declared champ with no action, or undeclared action champ";

    /// Le socle de la Cnaf : les champs déclarés comprennent la petite
    /// enfance, la jeunesse et la parentalité, et au moins un autre champ
    /// (accès aux droits, animation de la vie sociale, logement…).
    ///
    /// ## Pourquoi
    /// La circulaire Cnaf du 16 janvier 2020 fixe ce socle thématique aux
    /// CTG ; une convention qui ne le couvre pas risque d'être refusée par
    /// la Caf.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// champs: [petite_enfance, enfance]
    /// # correct
    /// champs: [petite_enfance, jeunesse, parentalite, acces_aux_droits]
    /// ```
    CTG409: Warning, "socle Cnaf incomplet", "Cnaf floor missed";

    /// Les champs qu'un axe imprime — les siens (`axes[].champs`) ou, à
    /// défaut, ceux des orientations du SDSF qu'il cite — sont parmi les
    /// champs que la convention déclare (`champs`). Avertissement en projet,
    /// erreur à la signature.
    ///
    /// ## Pourquoi
    /// La convention signée énumère ses champs partagés dans un article et
    /// les rappelle sous chaque axe : un axe qui en cite un autre ferait
    /// dire deux choses au même texte.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// champs: [petite_enfance, jeunesse, parentalite]
    /// axes:
    ///   - { id: A1, intitule: Logement des jeunes, champs: [logement_cadre_de_vie], sdsf: [jeunesse] }
    /// # correct
    /// champs: [petite_enfance, jeunesse, parentalite, logement_cadre_de_vie]
    /// ```
    CTG410: Warning + signature, "champ d'un axe absent des champs de la convention", "an axis's champ is not among the convention's";
}

/// The champs of the Cnaf floor, besides which one more is required.
pub const CNAF_FLOOR: [Champ; 3] = [Champ::PetiteEnfance, Champ::Jeunesse, Champ::Parentalite];

/// The rules of the axes, the referential and the champs, one function per
/// code. A referential of another département (CTG406) is not checked for
/// its priorities (CTG405).
pub(super) fn check(cx: &mut Context) {
    ctg401(cx);
    ctg402(cx);
    ctg403(cx);
    ctg404(cx);
    if !ctg406(cx) {
        ctg405(cx);
    }
    ctg407(cx);
    ctg408(cx);
    ctg409(cx);
    ctg410(cx);
}

/// CTG401: an axis id written twice (at the second, with the first).
fn ctg401(cx: &mut Context) {
    let conv = cx.convention;
    for (axe, first) in repeats(&conv.axes.value, |a| (a.id.value.clone(), a.id.span)) {
        let id = &axe.id.value;
        cx.push(
            Diagnostic::new(
                &CTG401,
                axe.id.span,
                t!("l'axe {id} existe déjà", "axis {id} already exists"),
            )
            .with_related(first, t!("premier axe {id}", "first axis {id}")),
        );
    }
}

/// CTG402: on each orientation an axis cites.
fn ctg402(cx: &mut Context) {
    for axe in cx.convention.axes.iter() {
        if let Some(cited) = axe.sdsf.as_ref().filter(|c| !c.is_empty()) {
            orientations(cx, cited);
        }
    }
}

/// CTG403: an axis that cites no orientation.
fn ctg403(cx: &mut Context) {
    for axe in cx.convention.axes.iter() {
        if axe.sdsf.as_ref().is_some_and(|c| !c.is_empty()) {
            continue;
        }
        let at = axe.sdsf.as_ref().map_or(axe.id.span, |s| s.span);
        let id = &axe.id.value;
        cx.push(
            Diagnostic::new(
                &CTG403,
                at,
                t!(
                    "l'axe {id} ne cite aucune orientation du SDSF",
                    "axis {id} cites no SDSF orientation"
                ),
            )
            .with_help(t!(
                "ajoutez `sdsf: [id]` avec l'orientation du schéma que l'axe décline",
                "add `sdsf: [id]` with the scheme orientation the axis declines"
            )),
        );
    }
}

/// CTG404: an axis no action serves.
fn ctg404(cx: &mut Context) {
    let conv = cx.convention;
    let served: HashSet<&str> = conv.actions.iter().map(|a| a.axe.as_str()).collect();
    for axe in conv.axes.iter() {
        if served.contains(axe.id.as_str()) {
            continue;
        }
        let id = &axe.id.value;
        cx.push(Diagnostic::new(
            &CTG404,
            axe.id.span,
            t!(
                "aucune action ne sert l'axe {id}",
                "no action serves axis {id}"
            ),
        ));
    }
}

/// CTG402 on each id one axis cites.
fn orientations(cx: &mut Context, cited: &[crate::span::Spanned<String>]) {
    let Some(sdsf) = cx.sdsf else { return };
    for id in cited {
        // A placeholder is a CTG308 finding, not an unknown orientation.
        if sdsf.orientation(id).is_some() || placeholder(id).is_some() {
            continue;
        }
        let name = &sdsf.intitule.value;
        let mut diag = Diagnostic::new(
            &CTG402,
            id.span,
            t!(
                "l'orientation « {} » n'existe pas dans le SDSF « {name} »",
                "orientation `{}` does not exist in the SDSF `{name}`",
                id.value,
                id.value
            ),
        );
        let ids = sdsf.orientations.iter().map(|o| o.id.value.as_str());
        diag = match did_you_mean(id, ids) {
            Some(help) => diag.with_help(help),
            None => {
                let all: Vec<&str> = sdsf.orientations.iter().map(|o| o.id.as_str()).collect();
                let all = all.join(", ");
                diag.with_help(t!(
                    "orientations du SDSF : {all}",
                    "SDSF orientations: {all}"
                ))
            }
        };
        cx.push(diag);
    }
}

/// CTG406: a referential of another département. True when it is one (its
/// orientations then say nothing of this territory).
fn ctg406(cx: &mut Context) -> bool {
    let Some(sdsf) = cx.sdsf else { return false };
    let conv = cx.convention;
    let departement = &conv.territoire.departement;
    if sdsf.departement.value == departement.value {
        return false;
    }
    let (theirs, ours) = (&sdsf.departement.value, &departement.value);
    cx.push(
        Diagnostic::new(
            &CTG406,
            conv.sdsf.span,
            t!(
                "ce référentiel SDSF est celui du département {theirs}, le territoire est dans le {ours}",
                "this SDSF referential is for département {theirs}, the territory is in {ours}"
            ),
        )
        .with_related(departement.span, t!("département du territoire", "the territory's département")),
    );
    true
}

/// CTG405: a priority orientation no axis declines.
fn ctg405(cx: &mut Context) {
    let Some(sdsf) = cx.sdsf else { return };
    let conv = cx.convention;
    let declined: HashSet<&str> = conv
        .axes
        .iter()
        .filter_map(|a| a.sdsf.as_ref())
        .flat_map(|ids| ids.iter().map(|i| i.as_str()))
        .collect();
    for o in sdsf.orientations.iter().filter(|o| o.prioritaire) {
        if declined.contains(o.id.as_str()) {
            continue;
        }
        let (id, intitule) = (&o.id.value, &o.intitule.value);
        cx.push(
            Diagnostic::new(
                &CTG405,
                conv.axes.key,
                t!(
                    "aucun axe ne décline l'orientation prioritaire « {id} » du SDSF",
                    "no axis declines the SDSF's priority orientation `{id}`"
                ),
            )
            .with_help(t!("« {intitule} »", "`{intitule}`")),
        );
    }
}

/// The champs of an axis: its own, or those of the orientations it cites.
fn axis_champs(cx: &Context, axe: &Axe) -> BTreeSet<Champ> {
    if let Some(champs) = &axe.champs {
        return champs.iter().map(|c| c.value).collect();
    }
    let (Some(sdsf), Some(ids)) = (cx.sdsf, &axe.sdsf) else {
        return BTreeSet::new();
    };
    ids.iter()
        .filter_map(|id| sdsf.orientation(id))
        .flat_map(|o| o.champs.iter().map(|c| c.value))
        .collect()
}

/// CTG407: each action's champ among its axis's.
fn ctg407(cx: &mut Context) {
    let conv = cx.convention;
    // Each axis's champs once, not once per action.
    let axes: HashMap<&str, (&Axe, BTreeSet<Champ>)> = conv
        .axes_by_id()
        .into_iter()
        .map(|(id, axe)| (id, (axe, axis_champs(cx, axe))))
        .collect();
    for action in conv.actions.iter() {
        let Some((axe, champs)) = axes.get(action.axe.as_str()) else {
            continue;
        };
        // An axis whose champs are unknown (none given, none in the SDSF)
        // cannot be held against.
        if champs.is_empty() || champs.contains(&action.champ.value) {
            continue;
        }
        let (id, axis) = (&action.id.value, &axe.id.value);
        let (cfr, cen) = (action.champ.label(Lang::Fr), action.champ.label(Lang::En));
        let list = |lang| {
            champs
                .iter()
                .map(|c| c.label(lang))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (lfr, len) = (list(Lang::Fr), list(Lang::En));
        let (at, label) = match &axe.champs {
            Some(c) => (
                c.span,
                t!("champs de l'axe {axis}", "champs of axis {axis}"),
            ),
            None => (
                axe.id.span,
                t!(
                    "axe {axis} (champs de ses orientations SDSF)",
                    "axis {axis} (champs of its SDSF orientations)"
                ),
            ),
        };
        cx.push(
            Diagnostic::new(
                &CTG407,
                action.champ.span,
                t!(
                    "l'action {id} relève de « {cfr} », hors des champs de l'axe {axis} ({lfr})",
                    "action {id} is about `{cen}`, outside the champs of axis {axis} ({len})"
                ),
            )
            .with_related(at, label),
        );
    }
}

/// CTG408 both ways: a declared champ no action serves, an action
/// outside the declared champs.
fn ctg408(cx: &mut Context) {
    let conv = cx.convention;
    let declared: BTreeSet<Champ> = conv.champs.iter().map(|c| c.value).collect();
    for champ in conv.champs.iter() {
        if !conv.actions.iter().any(|a| a.champ.value == champ.value) {
            let label = champ.label(Lang::Fr);
            let label_en = champ.label(Lang::En);
            cx.push(Diagnostic::new(
                &CTG408,
                champ.span,
                t!(
                    "aucune action ne relève du champ déclaré « {label} »",
                    "no action is about the declared champ `{label_en}`"
                ),
            ));
        }
    }
    for action in conv.actions.iter() {
        if !declared.contains(&action.champ.value) {
            let (id, key) = (&action.id.value, action.champ.key());
            cx.push(
                Diagnostic::new(
                    &CTG408,
                    action.champ.span,
                    t!(
                        "l'action {id} relève du champ « {key} », absent des champs déclarés",
                        "action {id} is about `{key}`, which is not a declared champ"
                    ),
                )
                .with_related(conv.champs.key, t!("champs déclarés", "declared champs")),
            );
        }
    }
}

/// CTG409: the Cnaf's floor of champs is not reached.
fn ctg409(cx: &mut Context) {
    let conv = cx.convention;
    let declared: BTreeSet<Champ> = conv.champs.iter().map(|c| c.value).collect();
    let missing: Vec<Champ> = CNAF_FLOOR
        .into_iter()
        .filter(|c| !declared.contains(c))
        .collect();
    let others = declared.iter().filter(|c| !CNAF_FLOOR.contains(c)).count();
    if missing.is_empty() && others > 0 {
        return;
    }
    let names = |lang: Lang| {
        let mut names: Vec<&str> = missing.iter().map(|c| c.label(lang)).collect();
        if others == 0 {
            names.push(lang.pick("un autre champ", "one more champ"));
        }
        names.join(", ")
    };
    let (nfr, nen) = (names(Lang::Fr), names(Lang::En));
    cx.push(
        Diagnostic::new(
            &CTG409,
            conv.champs.key,
            t!(
                "le socle de la Cnaf n'est pas atteint : il manque {nfr}",
                "the Cnaf floor is missed: missing {nen}"
            ),
        )
        .with_help(t!(
            "socle : petite enfance, jeunesse, parentalité et au moins un autre champ",
            "floor: early childhood, youth, parenting and at least one more champ"
        )),
    );
}

/// CTG410: an axis prints a champ the convention does not declare.
fn ctg410(cx: &mut Context) {
    let conv = cx.convention;
    let declared: BTreeSet<Champ> = conv.champs.iter().map(|c| c.value).collect();
    let severity = cx.stage_severity(&CTG410);
    for axe in conv.axes.iter() {
        let missing: Vec<Champ> = axis_champs(cx, axe)
            .into_iter()
            .filter(|c| !declared.contains(c))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let axis = &axe.id.value;
        let list = |lang| {
            missing
                .iter()
                .map(|c| c.label(lang))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (lfr, len) = (list(Lang::Fr), list(Lang::En));
        let at = axe.champs.as_ref().map_or(axe.id.span, |c| c.span);
        let keys = missing
            .iter()
            .map(|c| c.key())
            .collect::<Vec<_>>()
            .join(", ");
        cx.push(
            Diagnostic::new(
                &CTG410,
                at,
                t!(
                    "l'axe {axis} imprime des champs que la convention ne déclare pas : {lfr}",
                    "axis {axis} prints champs the convention does not declare: {len}"
                ),
            )
            .with_related(conv.champs.span, t!("champs déclarés", "declared champs"))
            .with_help(t!(
                "ajoutez-les aux champs de la convention ({keys}), ou donnez à l'axe ses propres champs",
                "add them to the convention's champs ({keys}), or give the axis its own champs"
            ))
            .with_severity(severity),
        );
    }
}

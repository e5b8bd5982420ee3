//! CTG106–CTG109: the territory against the official geography (COG)
//! embedded in ctg (see `crate::geo`).

use super::Context;
use crate::diagnostic::{Diagnostic, Fix};
use crate::edit;
use crate::geo::{self, Kind};
use crate::model::Nature;
use crate::t;
use crate::text::suggest::fold;

crate::declare_rules! {
    /// Chaque code Insee de `territoire.communes` doit être celui d'une
    /// commune actuelle du Code officiel géographique (COG) embarqué dans ctg.
    ///
    /// ## Pourquoi
    /// Un code bien formé peut ne désigner aucune commune (faute de frappe),
    /// ou une ancienne commune devenue déléguée d'une commune nouvelle : la
    /// convention doit citer la commune d'aujourd'hui. Quand le nom écrit est
    /// celui d'une commune du département, son code officiel est proposé.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///     - { nom: Remiremont, insee: "88838" }
    /// # correct
    ///     - { nom: Remiremont, insee: "88383" }
    /// ```
    CTG106: Error, "code INSEE inconnu du COG", "INSEE code unknown to the official geography";

    /// Le nom d'une commune doit être son nom officiel pour ce code Insee,
    /// accents, traits d'union et articles compris ; le nom officiel est
    /// proposé.
    ///
    /// ## Pourquoi
    /// La convention signée nomme les communes qui s'engagent ; un nom mal
    /// orthographié ou d'une autre commune trahit souvent un code erroné.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///     - { nom: Eloyes, insee: "88158" }
    /// # correct
    ///     - { nom: Éloyes, insee: "88158" }
    /// ```
    CTG107: Warning, "nom de commune différent du nom officiel", "commune name differs from the official name";

    /// Pour un EPCI (`cc`, `ca`, `cu`, `metropole`), le SIREN doit être celui
    /// d'un EPCI à fiscalité propre de la liste officielle, dont le nom et
    /// la nature correspondent à ceux du territoire. Les noms se comparent
    /// sans tenir compte de la casse, des accents, des traits d'union ni des
    /// abréviations usuelles (CC, CA, CU).
    ///
    /// ## Pourquoi
    /// Le SIREN identifie l'EPCI signataire ; un SIREN d'un autre EPCI (ou
    /// d'une commune) fausse tout ce que ctg en déduit : périmètre,
    /// population, rapport départemental.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   nom: Communauté de communes de la Porte des Vosges Méridionales
    ///   siren: "200005957"
    /// # correct
    ///   nom: Communauté de communes de la Porte des Vosges Méridionales
    ///   siren: "200068377"
    /// ```
    CTG108: Warning, "SIREN hors de la liste des EPCI, ou nom différent", "SIREN not an official EPCI, or its name differs";

    /// Les communes du territoire doivent être celles du périmètre officiel
    /// de l'EPCI désigné par le SIREN : la règle nomme les communes membres
    /// absentes et les communes en trop.
    ///
    /// ## Pourquoi
    /// Une commune oubliée n'est pas couverte par la convention ; une
    /// commune en trop n'appartient pas (ou plus) à l'EPCI. Les fusions de
    /// communes et d'EPCI changent ces périmètres d'une année à l'autre.
    /// `ctg territoire SIREN` imprime le périmètre officiel à recopier.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter : 9 des 10 communes de la CCPVM
    ///   communes:
    ///     - { nom: Remiremont, insee: "88383" }
    ///     # …
    /// # correct : la liste que donne `ctg territoire 200068377`
    /// ```
    CTG109: Warning, "communes différentes du périmètre officiel de l'EPCI", "communes differ from the EPCI's official perimeter";

    /// Le territoire est vérifié contre le Code officiel géographique de
    /// l'année où la convention commence (ou de l'année `territoire.cog`) ;
    /// ctg embarque ceux de 2019 à aujourd'hui. Avant 2019, CTG106 à CTG109
    /// ne sont pas vérifiés, et la règle le dit.
    ///
    /// ## Pourquoi
    /// Les fusions de communes et d'EPCI (celles du 1er janvier 2017
    /// surtout) font disparaître du COG d'aujourd'hui les territoires d'une
    /// convention plus ancienne : la vérifier contre lui donnerait de faux
    /// avertissements.
    ///
    /// ## Exemple
    /// ```yaml
    /// # vérifié contre le COG de 2017, qui n'est pas embarqué
    /// periode: { debut: 2017-01-01, fin: 2020-12-31 }
    /// # vérifié contre celui de 2019
    ///   cog: 2019
    /// ```
    CTG110: Info, "géographie officielle de l'époque non embarquée", "official geography of the time not embedded";
}

/// The rules of the official geography, one function per code; CTG109
/// compares the communes with the EPCI that CTG108 found.
pub(super) fn check(cx: &mut Context) {
    let t = &cx.convention.territoire;
    let year = t.value.cog_year(&cx.convention.periode.value);
    let Some(g) = geo::at(year) else {
        let (earliest, at) = (
            geo::EARLIEST,
            t.value
                .cog
                .as_ref()
                .map_or(cx.convention.periode.value.debut.span, |y| y.span),
        );
        cx.push(
            Diagnostic::new(
                &CTG110,
                at,
                t!(
                    "le Code officiel géographique de {year} n'est pas embarqué (le plus ancien est celui de {earliest}) : codes, noms et périmètre non vérifiés",
                    "the official geography of {year} is not embedded (the earliest is {earliest}'s): codes, names and perimeter not checked"
                ),
            )
            .with_help(t!(
                "`cog: {earliest}` dans `territoire` pour vérifier contre celui de {earliest}",
                "`cog: {earliest}` under `territoire` to check against {earliest}'s"
            )),
        );
        return;
    };
    ctg106(cx, g);
    ctg107(cx, g);
    if let Some(official) = ctg108(cx, g) {
        ctg109(cx, g, &official);
    }
}

/// The territory's communes whose code is well formed (a malformed one is
/// CTG102's).
fn well_coded(
    conv: &crate::model::Convention,
) -> impl Iterator<Item = (&crate::span::Spanned<String>, &crate::model::Commune)> {
    conv.territoire.communes.iter().filter_map(|commune| {
        let code = commune.insee.as_ref()?;
        crate::ids::insee_departement(code)?;
        Some((code, &commune.value))
    })
}

/// CTG106: a code that is no current commune of the COG (a former one is
/// named, with the commune it belongs to now).
fn ctg106(cx: &mut Context, g: &geo::Geo) {
    let conv = cx.convention;
    for (code, commune) in well_coded(conv) {
        if g.commune(code).is_some() {
            continue;
        }
        let nom = &commune.nom.value;
        let message = match g.records(code).first() {
            Some(former) => {
                let parent = former
                    .rattachement
                    .and_then(|p| g.commune(p))
                    .map_or(String::new(), |p| format!("{} ({})", p.nom, p.code));
                let what = match former.kind {
                    Kind::Arrondissement => {
                        ("un arrondissement municipal", "a municipal arrondissement")
                    }
                    Kind::Associee => ("une commune associée", "an associated commune"),
                    _ => ("une commune déléguée", "a former commune, now delegated"),
                };
                let (wfr, wen, fnom) = (what.0, what.1, former.nom);
                t!(
                    "{} n'est pas une commune actuelle : « {fnom} » est {wfr} de {parent}",
                    "{} is not a current commune: `{fnom}` is {wen} of {parent}",
                    code.value,
                    code.value
                )
            }
            None => t!(
                "aucune commune n'a le code {} dans le COG",
                "no commune has code {} in the official geography",
                code.value,
                code.value
            ),
        };
        let mut diag = Diagnostic::new(&CTG106, code.span, message);
        let named = g.communes_named(nom, &conv.territoire.departement);
        if let [one] = named.as_slice() {
            let (n, c) = (one.nom, one.code);
            let title = t!("écrire le code {c}", "write code {c}");
            diag = diag
                .with_help(t!(
                    "code officiel de « {n} » : {c}",
                    "official code of `{n}`: {c}"
                ))
                .with_fix(edit::fix_at(cx.tree, code.span, c, title, true));
        }
        cx.push(diag);
    }
}

/// CTG107: a commune whose name is not the official name of its code.
fn ctg107(cx: &mut Context, g: &geo::Geo) {
    for (code, commune) in well_coded(cx.convention) {
        let Some(official) = g.commune(code) else {
            continue;
        };
        let nom = &commune.nom.value;
        if same_name(nom, official.nom) {
            continue;
        }
        let off = official.nom;
        cx.push(
            Diagnostic::new(
                &CTG107,
                commune.nom.span,
                t!(
                    "le code {} est celui de « {off} », pas de « {nom} »",
                    "code {} is `{off}`'s, not `{nom}`'s",
                    code.value,
                    code.value
                ),
            )
            .with_help(t!(
                "nom officiel : « {off} » (COG, {})",
                "official name: `{off}` (COG, {})",
                g.source,
                g.source
            ))
            // The official spelling of the same name; a different name
            // may be the code's mistake, not the name's.
            .with_fix(crate::text::suggest::closest(nom, [off]).and_then(|_| {
                let title = t!("écrire « {off} »", "write `{off}`");
                edit::fix_at(cx.tree, commune.nom.span, off, title, true)
            })),
        );
    }
}

/// Official names compare as written, typographic apostrophes aside.
fn same_name(written: &str, official: &str) -> bool {
    let curly_as_straight = |c| if c == '’' { '\'' } else { c };
    written
        .trim()
        .chars()
        .map(curly_as_straight)
        .eq(official.chars())
}

/// CTG108, for a territory that is an EPCI with a SIREN: the SIREN is an
/// EPCI's of the official list, whose name and kind match. The EPCI found,
/// for CTG109.
fn ctg108(cx: &mut Context, g: &geo::Geo) -> Option<geo::Epci> {
    let territoire = &cx.convention.territoire.value;
    let expected = match territoire.nature.value {
        Nature::Cc => "CC",
        Nature::Ca => "CA",
        Nature::Cu => "CU",
        Nature::Metropole => "METRO",
        Nature::Ept => "EPT",
        _ => return None,
    };
    let siren = territoire.siren.as_ref()?;
    if !crate::ids::is_siren(siren) {
        return None; // CTG101 said so.
    }
    let Some(official) = g.epci(siren) else {
        let (s, v) = (&siren.value, g.source);
        let mut diag = Diagnostic::new(
            &CTG108,
            siren.span,
            t!(
                "le SIREN {s} n'est celui d'aucun EPCI à fiscalité propre ({v})",
                "SIREN {s} is no EPCI's in the official list ({v})"
            ),
        );
        if let Some(e) = g.epci_matching(&territoire.nom).first() {
            let (n, s) = (e.nom, e.siren);
            diag = diag.with_help(t!("« {n} » a le SIREN {s}", "`{n}` has SIREN {s}"));
        }
        cx.push(diag);
        return None;
    };
    let nom = &territoire.nom;
    if geo::normalize_epci_name(nom) != geo::normalize_epci_name(official.nom) {
        let off = official.nom;
        cx.push(
            Diagnostic::new(
                &CTG108,
                nom.span,
                t!(
                    "le SIREN {} est celui de « {off} »",
                    "SIREN {} belongs to `{off}`",
                    siren.value,
                    siren.value
                ),
            )
            .with_related(siren.span, t!("SIREN", "SIREN"))
            .with_help(t!(
                "nom officiel : « {off} » ; vérifiez le SIREN ou le nom",
                "official name: `{off}`; check the SIREN or the name"
            ))
            .with_fix(edit::fix_at(
                cx.tree,
                nom.span,
                off,
                t!("écrire « {off} »", "write `{off}`"),
                true,
            )),
        );
    }
    if official.nature != expected {
        let nat = official.nature;
        cx.push(
            Diagnostic::new(
                &CTG108,
                territoire.nature.span,
                t!(
                    "« {} » est de nature {nat} dans la liste officielle",
                    "`{}` is a {nat} in the official list",
                    official.nom,
                    official.nom
                ),
            )
            .with_related(siren.span, t!("SIREN", "SIREN")),
        );
    }
    Some(official)
}

/// CTG109: the territory's communes against the EPCI's members.
fn ctg109(cx: &mut Context, g: &geo::Geo, official: &geo::Epci) {
    let territoire = &cx.convention.territoire.value;
    let codes: Vec<&str> = territoire
        .communes
        .iter()
        .filter_map(|c| coded(c))
        .collect();
    let names: Vec<String> = territoire
        .communes
        .iter()
        .filter(|c| coded(c).is_none())
        .map(|c| fold(&c.nom))
        .collect();
    let named = |code: &str| match g.commune(code) {
        Some(c) => format!("{} ({code})", c.nom),
        None => code.to_string(),
    };
    let missing: Vec<&str> = official
        .membres
        .iter()
        .copied()
        .filter(|m| !codes.contains(m))
        .filter(|m| g.commune(m).is_none_or(|c| !names.contains(&fold(c.nom))))
        .collect();
    let fix = add_communes(cx, g, &missing);
    let missing: Vec<String> = missing.iter().map(|m| named(m)).collect();
    let extra: Vec<String> = codes
        .iter()
        .filter(|code| !official.membres.contains(code))
        .map(|code| named(code))
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return;
    }
    let off = official.nom;
    let n = official.membres.len();
    let mut parts_fr = Vec::new();
    let mut parts_en = Vec::new();
    if !missing.is_empty() {
        parts_fr.push(format!("manquent {}", missing.join(", ")));
        parts_en.push(format!("missing {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        parts_fr.push(format!("en trop {}", extra.join(", ")));
        parts_en.push(format!("extra {}", extra.join(", ")));
    }
    let (pfr, pen) = (parts_fr.join(" ; "), parts_en.join("; "));
    let v = g.source;
    cx.push(
        Diagnostic::new(
            &CTG109,
            cx.convention.territoire.communes.key,
            t!(
                "communes différentes du périmètre officiel de « {off} » ({n} communes) : {pfr}",
                "communes differ from the official perimeter of `{off}` ({n} communes): {pen}"
            ),
        )
        .with_help(t!(
            "`ctg territoire {}` imprime le périmètre officiel ({v})",
            "`ctg territoire {}` prints the official perimeter ({v})",
            official.siren,
            official.siren
        ))
        .with_fix(fix),
    );
}

/// The fix of CTG109 (unsafe: it changes the territory): the missing
/// communes added at the end of `territoire.communes`, with their official
/// names, in the flow style `ctg new` writes them.
fn add_communes(cx: &Context, g: &geo::Geo, missing: &[&str]) -> Option<Fix> {
    let items: Vec<String> = missing
        .iter()
        .map(|code| geo::commune_item(g.commune(code).map_or("", |c| c.nom), code))
        .collect();
    if items.is_empty() {
        return None;
    }
    let e = edit::append_items(cx.tree, "territoire.communes", &items).ok()?;
    let title = match missing {
        [one] => {
            let nom = g.commune(one).map_or("", |c| c.nom);
            t!(
                "ajouter « {nom} » ({one}) au territoire",
                "add `{nom}` ({one}) to the territory"
            )
        }
        _ => {
            let n = missing.len();
            t!(
                "ajouter les {n} communes manquantes du périmètre officiel",
                "add the {n} missing communes of the official perimeter"
            )
        }
    };
    Some(Fix {
        title,
        safe: false,
        span: e.span,
        replacement: e.replacement,
    })
}

/// A commune's code, when it is written and well formed: a commune whose code
/// is missing or malformed (CTG102) is matched by name.
fn coded(c: &crate::model::Commune) -> Option<&str> {
    c.insee
        .as_ref()
        .filter(|i| crate::ids::insee_departement(i).is_some())
        .map(|i| i.value.as_str())
}

//! CTG301–CTG309: who signs, through whom, when and where, and what is
//! still to be written before anyone does.

use super::{repeats, Context};
use crate::diagnostic::Diagnostic;
use crate::model::{Nature, Organisme};
use crate::span::Span;
use crate::t;
use crate::text::placeholder::{placeholder, Marks};
use crate::text::suggest::fold;
use std::collections::HashSet;

crate::declare_rules! {
    /// Une CTG est signée par la Caf : au moins un signataire doit avoir
    /// `organisme: caf`.
    ///
    /// ## Pourquoi
    /// La convention territoriale globale est le cadre contractuel de la
    /// Caf avec le territoire ; sans elle, ce n'est pas une CTG.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// signataires:
    ///   - { organisme: epci, nom: Communauté de communes … }
    /// # correct
    /// signataires:
    ///   - { organisme: caf, nom: Caf des Vosges }
    ///   - { organisme: epci, nom: Communauté de communes … }
    /// ```
    CTG301: Error, "aucune Caf signataire", "no Caf signatory";

    /// Le territoire doit signer : un signataire `organisme: epci` quand
    /// `territoire.nature` est un EPCI (`cc`, `ca`, `cu`, `metropole`,
    /// `ept`), `commune` pour une commune, `syndicat` pour un syndicat.
    ///
    /// ## Pourquoi
    /// C'est la collectivité du territoire qui s'engage avec la Caf ; un
    /// signataire oublié ou mal typé ferait imprimer une convention sans
    /// son principal partenaire.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (territoire.nature: cc)
    /// signataires:
    ///   - { organisme: caf, nom: Caf de la Haute-Marne }
    ///   - { organisme: commune, nom: Froncles }
    /// # correct
    /// signataires:
    ///   - { organisme: caf, nom: Caf de la Haute-Marne }
    ///   - { organisme: epci, nom: Communauté de communes Bologne Vignory Froncles }
    /// ```
    CTG302: Error, "aucun EPCI (ou commune) signataire", "no EPCI (or commune) signatory";

    /// Un même signataire (même organisme et même nom, ou même code Insee
    /// pour une commune) ne doit figurer qu'une fois.
    ///
    /// ## Pourquoi
    /// Un doublon imprimerait deux fois la partie et son bloc de signature.
    /// Un organisme qui signe par deux personnes garde une seule entrée avec
    /// deux `representants`.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { organisme: caf, nom: Caf des Vosges, representants: [{ nom: …, qualite: Président }] }
    ///   - { organisme: caf, nom: Caf des Vosges, representants: [{ nom: …, qualite: Directrice }] }
    /// # correct
    ///   - organisme: caf
    ///     nom: Caf des Vosges
    ///     representants:
    ///       - { nom: …, qualite: Président du conseil d'administration }
    ///       - { nom: …, qualite: Directrice }
    /// ```
    CTG303: Error, "signataire cité deux fois", "same signatory twice";

    /// Une commune signataire doit faire partie du territoire : son code
    /// Insee (ou à défaut son nom) doit figurer dans `territoire.communes`.
    ///
    /// ## Pourquoi
    /// Une commune extérieure n'a pas à s'engager sur le projet du
    /// territoire ; c'est presque toujours une erreur de code ou de liste.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (Épinal n'est pas dans la CC de la Région de Rambervillers)
    ///   - { organisme: commune, nom: Épinal, insee: "88160" }
    /// # correct
    ///   - { organisme: commune, nom: Rambervillers, insee: "88367" }
    /// ```
    CTG304: Error, "commune signataire hors du territoire", "commune signatory outside the territory";

    /// Information : ni le Conseil départemental (`cd`) ni la MSA (`msa`)
    /// ne signent.
    ///
    /// ## Pourquoi
    /// Le Département (protection maternelle et infantile, action sociale)
    /// et la MSA (familles du régime agricole) sont les partenaires
    /// habituels d'une CTG ; leur absence peut être voulue, mais se décide.
    ///
    /// ## Exemple
    /// ```yaml
    /// # signalé
    /// signataires: [caf, epci]
    /// # complet
    /// signataires:
    ///   - { organisme: cd, nom: Conseil départemental des Vosges }
    ///   - { organisme: msa, nom: MSA Lorraine }
    /// ```
    CTG305: Info, "ni le Département ni la MSA ne signent", "neither the CD nor the MSA signs";

    /// Chaque signataire doit avoir au moins un représentant, chacun avec son
    /// `nom` et sa `qualite`. Avertissement pour un projet, erreur à l'étape
    /// de signature (`statut: signee` ou `--stage signature`).
    ///
    /// ## Pourquoi
    /// La page de signature imprime un bloc par représentant : « Pour la Caf,
    /// la Présidente du conseil d'administration, … ». Sans nom ni qualité,
    /// le document ne peut pas être signé.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { organisme: msa, nom: MSA Lorraine }
    /// # correct
    ///   - organisme: msa
    ///     nom: MSA Lorraine
    ///     representants:
    ///       - { nom: Nadine Marchal, qualite: Présidente }
    /// ```
    CTG306: Warning + signature, "signataire sans représentant nommé", "signatory without a named representative";

    /// À l'étape de signature (`statut: signee` ou `--stage signature`), la
    /// date et le lieu de signature doivent être renseignés.
    ///
    /// ## Pourquoi
    /// « Fait à …, le … » figure sur la convention signée ; ce sont aussi
    /// les données dont part le suivi (bilans annuels, renouvellement).
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// statut: signee
    /// # correct
    /// statut: signee
    /// signature: { date: 2019-01-15, lieu: Saint-Étienne-lès-Remiremont }
    /// ```
    CTG307: Error + signature, "date ou lieu de signature manquant", "signature date or place missing";

    /// Aucun texte ne doit rester à compléter : `À COMPLÉTER` (en toute
    /// casse, avec ou sans accents), `TODO`, `XXX`, `???`. Avertissement pour
    /// un projet, erreur à l'étape de signature.
    ///
    /// ## Pourquoi
    /// Ces marques servent à rédiger à plusieurs ; aucune ne doit survivre
    /// dans le document signé.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// pilote: À COMPLÉTER
    /// # correct
    /// pilote: Coordinatrice CTG de la CCPVM
    /// ```
    CTG308: Warning + signature, "texte à compléter laissé", "placeholder text left";

    /// Le texte nomme chaque partie avec son article (« la Caf », « le
    /// Département », « la Communauté de communes du Bazois ») : ctg le
    /// déduit du nom (Caisse, Communauté, Conseil, Commune…) ; quand il ne
    /// le peut pas, écrivez-le dans `alias`.
    ///
    /// ## Pourquoi
    /// Sans article, les phrases de la convention liraient « réunit la Caf,
    /// Territoire zéro non-recours et… ».
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { organisme: autre, nom: Territoire zéro non-recours }
    /// # correct
    ///   - { organisme: autre, nom: Territoire zéro non-recours, alias: le réseau TZNR }
    /// ```
    CTG309: Warning, "partie sans article connu", "party without a known article";
}

/// The rules of who signs, one function per code.
pub(super) fn check(cx: &mut Context) {
    ctg301(cx);
    ctg302(cx);
    ctg303(cx);
    ctg304(cx);
    ctg305(cx);
    ctg306(cx);
    ctg307(cx);
    ctg308(cx);
    ctg309(cx);
}

/// CTG309: neither the alias nor the name of a party tells its article.
fn ctg309(cx: &mut Context) {
    use crate::text::francais::with_article;
    for s in cx.convention.signataires.iter() {
        let alias = s.alias.as_ref();
        // A commune named alone is "la Commune de …".
        if alias.is_some_and(|a| with_article(&a.value).is_some())
            || with_article(&s.nom.value).is_some()
            || s.organisme.value == Organisme::Commune
            || placeholder(&s.nom.value).is_some()
        {
            continue;
        }
        let at = alias.map_or(s.nom.span, |a| a.span);
        let nom = &s.nom.value;
        cx.push(
            Diagnostic::new(
                &CTG309,
                at,
                t!(
                    "ctg ne sait pas quel article donner à « {nom} » dans les phrases de la convention",
                    "ctg cannot tell which article `{nom}` takes in the convention's sentences"
                ),
            )
            .with_help(t!(
                "écrivez l'alias avec son article, par exemple « alias: le réseau TZNR »",
                "write the alias with its article, e.g. `alias: le réseau TZNR`"
            )),
        );
    }
}

/// Whether some signatory is of this body.
fn signs(cx: &Context, o: Organisme) -> bool {
    cx.convention
        .signataires
        .iter()
        .any(|s| s.organisme.value == o)
}

/// CTG301: the Caf signs.
fn ctg301(cx: &mut Context) {
    if signs(cx, Organisme::Caf) {
        return;
    }
    cx.push(
        Diagnostic::new(
            &CTG301,
            cx.convention.signataires.key,
            t!("aucune Caf ne signe", "no Caf signs"),
        )
        .with_help(t!(
            "ajoutez un signataire `organisme: caf`",
            "add a signatory with `organisme: caf`"
        )),
    );
}

/// CTG302: the territory signs (its EPCI, commune or syndicate).
fn ctg302(cx: &mut Context) {
    let conv = cx.convention;
    let nature = &conv.territoire.value.nature;
    let needed = match nature.value {
        Nature::Commune | Nature::Communes => Organisme::Commune,
        Nature::Syndicat => Organisme::Syndicat,
        _ => Organisme::Epci,
    };
    if signs(cx, needed) {
        return;
    }
    use crate::model::Closed;
    let (key, nfr, nen) = (
        needed.key(),
        nature.label(crate::diagnostic::Lang::Fr),
        nature.label(crate::diagnostic::Lang::En),
    );
    cx.push(
        Diagnostic::new(
            &CTG302,
            conv.signataires.key,
            t!(
                "le territoire ({nfr}) ne signe pas : aucun signataire `organisme: {key}`",
                "the territory ({nen}) does not sign: no signatory with `organisme: {key}`"
            ),
        )
        .with_related(nature.span, t!("nature du territoire", "territory nature")),
    );
}

/// CTG303: a signatory listed twice (same body and name, or same commune
/// code), at the second with the first.
fn ctg303(cx: &mut Context) {
    let conv = cx.convention;
    for (s, first) in repeats(&conv.signataires.value, |s| {
        let key = match (&s.organisme.value, &s.insee) {
            (Organisme::Commune, Some(code)) => code.value.clone(),
            _ => fold(&s.nom),
        };
        ((s.organisme.value, key), s.nom.span)
    }) {
        let nom = &s.nom.value;
        cx.push(
            Diagnostic::new(
                &CTG303,
                s.nom.span,
                t!("« {nom} » signe déjà", "`{nom}` already signs"),
            )
            .with_related(first, t!("première mention", "first listed here"))
            .with_help(t!(
                "un organisme qui signe par deux personnes a une seule entrée avec deux représentants",
                "a body signing through two people has one entry with two representatives"
            )),
        );
    }
}

/// CTG305: neither the Département nor the MSA signs (an information).
fn ctg305(cx: &mut Context) {
    if signs(cx, Organisme::Cd) || signs(cx, Organisme::Msa) {
        return;
    }
    cx.push(Diagnostic::new(
        &CTG305,
        cx.convention.signataires.key,
        t!(
            "ni le Conseil départemental ni la MSA ne signent",
            "neither the departmental council nor the MSA signs"
        ),
    ));
}

/// CTG304: a signatory commune outside the territory (a malformed code
/// is CTG102's).
fn ctg304(cx: &mut Context) {
    let conv = cx.convention;
    let territory = &conv.territoire.communes.value;
    // Looked up once per signatory: sets, not scans (a file may list
    // thousands of each).
    let codes: HashSet<&str> = territory
        .iter()
        .filter_map(|c| c.insee.as_ref().map(|i| i.value.as_str()))
        .collect();
    let names: HashSet<String> = territory.iter().map(|c| fold(&c.nom)).collect();
    for s in conv.signataires.iter() {
        if s.organisme.value != Organisme::Commune {
            continue;
        }
        let (inside, at) = match &s.insee {
            Some(code) => {
                // A malformed code is CTG102's.
                if crate::ids::insee_departement(code).is_none() {
                    continue;
                }
                (codes.contains(code.value.as_str()), code.span)
            }
            None => (names.contains(&fold(&s.nom)), s.nom.span),
        };
        if !inside {
            let nom = &s.nom.value;
            cx.push(
                Diagnostic::new(
                    &CTG304,
                    at,
                    t!(
                        "la commune « {nom} » signe mais n'est pas dans `territoire.communes`",
                        "commune `{nom}` signs but is not in `territoire.communes`"
                    ),
                )
                .with_related(
                    conv.territoire.communes.key,
                    t!("communes du territoire", "the territory's communes"),
                ),
            );
        }
    }
}

/// CTG306: every signatory has representatives, each with a name and a
/// quality.
fn ctg306(cx: &mut Context) {
    let severity = cx.stage_severity(&CTG306);
    let conv = cx.convention;
    for s in conv.signataires.iter() {
        let nom = &s.nom.value;
        let reps = s.representants.as_ref().filter(|r| !r.is_empty());
        let Some(reps) = reps else {
            let at = s.representants.as_ref().map_or(s.nom.span, |r| r.span);
            cx.push(
                Diagnostic::new(
                    &CTG306,
                    at,
                    t!(
                        "« {nom} » n'a aucun représentant pour signer",
                        "`{nom}` has no representative to sign"
                    ),
                )
                .with_severity(severity)
                .with_help(t!(
                    "ajoutez `representants: [{{ nom: …, qualite: … }}]`",
                    "add `representants: [{{ nom: …, qualite: … }}]`"
                )),
            );
            continue;
        };
        for r in reps.iter() {
            let missing = match (&r.nom, &r.qualite) {
                (Some(_), Some(_)) => continue,
                (None, Some(_)) => t!("son nom", "their name"),
                (Some(_), None) => t!("sa qualité", "their quality"),
                (None, None) => t!("son nom et sa qualité", "their name and quality"),
            };
            let (mfr, men) = (&missing.fr, &missing.en);
            cx.push(
                Diagnostic::new(
                    &CTG306,
                    r.span,
                    t!(
                        "un représentant de « {nom} » sans {mfr}",
                        "a representative of `{nom}` without {men}"
                    ),
                )
                .with_severity(severity),
            );
        }
    }
}

/// CTG307: the date and place of signature, at the signature stage only.
fn ctg307(cx: &mut Context) {
    if !cx.signature {
        return;
    }
    let conv = cx.convention;
    let help = t!(
        "écrivez `signature: {{ date: AAAA-MM-JJ, lieu: … }}`",
        "write `signature: {{ date: YYYY-MM-DD, lieu: … }}`"
    );
    let (at, missing) = match &conv.signature {
        None => (
            conv.statut
                .as_ref()
                .map_or(conv.signataires.key, |s| s.span),
            t!("la date et le lieu", "the date and place"),
        ),
        // `date: À COMPLÉTER` is CTG308's.
        Some(s) => match (s.date.is_some() || s.date_a_completer, &s.lieu) {
            (true, Some(_)) => return,
            (false, Some(_)) => (s.key, t!("la date", "the date")),
            (true, None) => (s.key, t!("le lieu", "the place")),
            (false, None) => (s.key, t!("la date et le lieu", "the date and place")),
        },
    };
    let (mfr, men) = (&missing.fr, &missing.en);
    cx.push(
        Diagnostic::new(
            &CTG307,
            at,
            t!(
                "convention à signer sans {mfr} de signature",
                "a convention to sign without {men} of signature"
            ),
        )
        .with_help(help),
    );
}

/// CTG308: placeholder marks in any text of the file, at most one per
/// value (its first). Linear in the file, however many marks it holds.
fn ctg308(cx: &mut Context) {
    let severity = cx.stage_severity(&CTG308);
    let tree = cx.tree;
    let text = tree.text;
    // `(value, where the mark is, the mark)`, in the order values are written.
    let mut found: Vec<(Span, Span, &str)> = Vec::new();
    // Marks as written: one scan of the whole text, keeping those inside a
    // value (not in a comment, nor across two values). Values come in the
    // order they are written, as the marks do.
    let mut marks = Marks::new(text);
    let mut values = tree.scalars().map(|(span, _)| span).peekable();
    let mut from = 0;
    while let Some((start, end)) = marks.first_from(from) {
        while values.next_if(|span| span.end < end).is_some() {}
        match values.peek() {
            Some(&value) if value.start <= start => {
                if found.last().is_none_or(|f| f.0 != value) {
                    found.push((value, Span::new(start, end), &text[start..end]));
                }
                from = end;
            }
            _ => from = start + text[start..].chars().next().map_or(1, char::len_utf8),
        }
    }
    // Marks that escapes or folding hid in the source: at the whole value.
    let mut hidden = Vec::new();
    let mut reported = found.iter().map(|f| f.0).peekable();
    for (span, scalar) in tree.scalars() {
        while reported.next_if(|s| s.start < span.start).is_some() {}
        if reported.peek() == Some(&span) {
            continue;
        }
        let written = &text[span.start..span.end];
        // Whether the value reads as written, quotes aside. Folding lines
        // always shortens a value (continuation lines are indented); only
        // double quotes have escapes, and `\_` or `\N` keep the length.
        let verbatim = match written.as_bytes().first() {
            Some(b'"') => {
                scalar.value.len() + 2 == written.len()
                    && *scalar.value == written[1..written.len() - 1]
            }
            Some(b'\'') => scalar.value.len() + 2 == written.len(),
            Some(b'|' | b'>') => false,
            _ => scalar.value.len() == written.len(),
        };
        if verbatim {
            continue;
        }
        if let Some((start, end)) = placeholder(&scalar.value) {
            hidden.push((span, span, &scalar.value[start..end]));
        }
    }
    for (_, at, mark) in found.into_iter().chain(hidden) {
        cx.push(
            Diagnostic::new(
                &CTG308,
                at,
                t!(
                    "texte à compléter : « {mark} »",
                    "placeholder left: `{mark}`"
                ),
            )
            .with_severity(severity),
        );
    }
}

//! CTG601–CTG606: the model of convention (its texts, visas and articles)
//! and what a convention adds to it (articles placed after one of the
//! model's, annexed files).

use super::{repeats, Context};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Tree;
use crate::model::modele::{pieces, Piece, VARIABLES};
use crate::model::{Annexe, Article, Modele, S};
use crate::span::Span;
use crate::t;
use crate::text::suggest::did_you_mean;
use camino::Utf8Path;

crate::declare_rules! {
    /// Les textes d'un modèle (et les articles qu'une convention ajoute)
    /// citent les faits de la convention par des variables connues :
    /// `{territoire}`, `{periode}`, `{sdsf}`… (la liste : README, « Le texte
    /// de la convention ») ; une accolade seule s'écrit `{{` ou `}}`.
    ///
    /// ## Pourquoi
    /// Une variable mal écrite resterait telle quelle dans le texte signé.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///     texte: ["La présente convention couvre le territoire de {territoir}."]
    /// # correct
    ///     texte: ["La présente convention couvre le territoire {du_territoire}."]
    /// ```
    CTG601: Error, "variable inconnue dans un texte du modèle", "unknown variable in a model text";

    /// Un visa ne cesse pas de s'appliquer avant d'avoir commencé :
    /// `jusqu_au` vient après `depuis`.
    ///
    /// ## Pourquoi
    /// Un visa aux dates inversées ne serait jamais cité, sans que personne
    /// ne le voie.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { texte: "Vu la circulaire… ;", depuis: 2020-01-16, jusqu_au: 2019-12-31 }
    /// # correct
    ///   - { texte: "Vu la circulaire… ;", depuis: 2020-01-16 }
    /// ```
    CTG602: Error, "visa qui finit avant de commencer", "visa that ends before it starts";

    /// Chaque article d'un modèle a un identifiant propre (`articles[].id`).
    ///
    /// ## Pourquoi
    /// Les conventions placent leurs articles après un article du modèle
    /// nommé par son identifiant (`apres:`) ; deux articles de même
    /// identifiant rendent la place ambiguë.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    ///   - { id: objet, titre: Objet }
    ///   - { id: objet, titre: Champs d'intervention }
    /// # correct
    ///   - { id: objet, titre: Objet }
    ///   - { id: champs, titre: Champs d'intervention }
    /// ```
    CTG603: Error, "identifiant d'article en double", "article id used twice";

    /// Un article propre à la convention se place après un article qui
    /// existe dans son modèle (`articles[].apres` est l'`id` d'un article du
    /// modèle) ; l'identifiant le plus proche est proposé.
    ///
    /// ## Pourquoi
    /// Sinon, ctg ne saurait où l'imprimer, et l'article se perdrait.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// articles:
    ///   - { titre: Engagements des partenaires, apres: champ }
    /// # correct
    /// articles:
    ///   - { titre: Engagements des partenaires, apres: champs }
    /// ```
    CTG604: Error, "article placé après un article inconnu du modèle", "article placed after an article the model lacks";

    /// Le fichier d'une annexe jointe (`annexes[].fichier`) existe à côté du
    /// fichier qui le cite. Avertissement en projet, erreur à la signature.
    ///
    /// ## Pourquoi
    /// La convention signée renvoie à ses annexes ; une délibération citée
    /// mais absente du dépôt ne pourra pas être jointe.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter (aucun fichier de ce nom)
    ///   - { titre: Délibération du conseil communautaire, fichier: deliberation.pdf }
    /// # correct
    ///   - { titre: Délibération du conseil communautaire, fichier: deliberation-2019-09-26.pdf }
    /// ```
    CTG605: Warning + signature, "fichier d'annexe introuvable", "annexed file not found";

    /// Le modèle de convention que la convention cite (`modele:`) ou que
    /// `ctg.toml` fixe (`[render] modele`) existe et se lit sans erreur.
    ///
    /// ## Pourquoi
    /// Le modèle porte le texte juridique (visas, articles) : sans lui, la
    /// convention ne peut pas être imprimée.
    ///
    /// ## Exemple
    /// ```yaml
    /// # à éviter
    /// modele: ../modeles/caf-85.yml
    /// # correct
    /// modele: ../modeles/caf-85.yaml
    /// ```
    CTG606: Error, "modèle de convention absent ou invalide", "convention model missing or invalid";
}

/// The rules of a model file, checked on its own.
pub fn check_file(m: &Modele, tree: &Tree, folder: &Utf8Path) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let texts = m
        .visas
        .iter()
        .map(|v| &v.texte)
        .chain(&m.preambule)
        .chain(&m.formule)
        .chain(&m.fait)
        .chain(m.articles.iter().flat_map(|a| article_texts(a)))
        .chain(m.annexes.iter().flat_map(|a| annexe_texts(a)));
    ctg601(texts, tree.text, &mut found);
    ctg602(m, &mut found);
    ctg603(m, &mut found);
    ctg605(&m.annexes, folder, Severity::Warning, &mut found);
    found
}

/// The rules of what a convention adds to its model.
pub fn check(cx: &mut Context) {
    let c = cx.convention;
    let mut found = Vec::new();
    let texts = c
        .articles
        .iter()
        .flat_map(|a| article_texts(a))
        .chain(c.annexes.iter().flat_map(|a| annexe_texts(a)));
    ctg601(texts, cx.tree.text, &mut found);
    if let Some(m) = cx.modele {
        ctg604(&c.articles, m, &mut found);
    }
    ctg605(
        &c.annexes,
        cx.folder,
        cx.stage_severity(&CTG605),
        &mut found,
    );
    for d in found {
        cx.push(d);
    }
}

fn article_texts(a: &Article) -> impl Iterator<Item = &S<String>> {
    std::iter::once(&a.titre).chain(&a.texte).chain(&a.liste)
}

fn annexe_texts(a: &Annexe) -> impl Iterator<Item = &S<String>> {
    std::iter::once(&a.titre).chain(&a.texte)
}

/// Where a part of a value is in the file: exact when the value is written
/// as is (plain or quoted without escapes); else where that part is
/// written in it (a folded block), else the whole value.
fn within(text: &str, value: &S<String>, range: std::ops::Range<usize>) -> Span {
    let written = text.get(value.span.start..value.span.end).unwrap_or("");
    let part = value.value.get(range.clone()).unwrap_or("");
    match (written.find(value.value.as_str()), written.find(part)) {
        (Some(at), _) if !value.value.is_empty() => {
            let start = value.span.start + at;
            Span::new(start + range.start, start + range.end)
        }
        (_, Some(at)) if !part.is_empty() => {
            let start = value.span.start + at;
            Span::new(start, start + part.len())
        }
        _ => value.span,
    }
}

/// CTG601: each `{name}` is a known variable, each brace is paired.
fn ctg601<'a>(texts: impl Iterator<Item = &'a S<String>>, file: &str, found: &mut Vec<Diagnostic>) {
    let names = || VARIABLES.iter().map(|(n, _)| *n);
    for text in texts {
        match pieces(&text.value) {
            Err(range) => found.push(
                Diagnostic::new(
                    &CTG601,
                    within(file, text, range),
                    t!(
                        "accolade seule dans un texte du modèle",
                        "lone brace in a model text"
                    ),
                )
                .with_help(t!(
                    "une variable s'écrit {{nom}} en minuscules ; une accolade seule s'écrit {{{{ ou }}}}",
                    "a variable is written {{name}} in lowercase; a lone brace is written {{{{ or }}}}"
                )),
            ),
            Ok(pieces) => {
                for piece in pieces {
                    let Piece::Var(name, range) = piece else {
                        continue;
                    };
                    if names().any(|n| n == name) {
                        continue;
                    }
                    let help = did_you_mean(name, names()).unwrap_or_else(|| {
                        let list = names().collect::<Vec<_>>().join(", ");
                        t!("variables connues : {list}", "known variables: {list}")
                    });
                    found.push(
                        Diagnostic::new(
                            &CTG601,
                            within(file, text, range),
                            t!("variable inconnue « {name} »", "unknown variable `{name}`"),
                        )
                        .with_help(help),
                    );
                }
            }
        }
    }
}

/// CTG602: a visa's end is not before its start.
fn ctg602(m: &Modele, found: &mut Vec<Diagnostic>) {
    for v in &m.visas {
        let (Some(from), Some(to)) = (&v.depuis, &v.jusqu_au) else {
            continue;
        };
        if to.value < from.value {
            found.push(
                Diagnostic::new(&CTG602, to.span, {
                    let (to, from) = (to.value, from.value);
                    t!(
                        "le visa cesse ({to}) avant de s'appliquer ({from})",
                        "the visa ends ({to}) before it applies ({from})"
                    )
                })
                .with_related(from.span, t!("depuis ici", "from here")),
            );
        }
    }
}

/// CTG603: the model's article ids are unique.
fn ctg603(m: &Modele, found: &mut Vec<Diagnostic>) {
    let ids = m.articles.iter().filter_map(|a| a.id.as_ref());
    for (id, first) in repeats(ids, |id| (id.value.clone(), id.span)) {
        let v = &id.value;
        found.push(
            Diagnostic::new(
                &CTG603,
                id.span,
                t!(
                    "identifiant d'article « {v} » déjà utilisé",
                    "article id `{v}` already used"
                ),
            )
            .with_related(first, t!("premier article « {v} »", "first article `{v}`")),
        );
    }
}

/// CTG604: a convention's article goes after one of the model's.
fn ctg604(articles: &[S<Article>], m: &Modele, found: &mut Vec<Diagnostic>) {
    let ids = || {
        m.articles
            .iter()
            .filter_map(|a| a.id.as_ref().map(|i| i.as_str()))
    };
    for apres in articles.iter().filter_map(|a| a.apres.as_ref()) {
        let name = apres.as_str();
        if ids().any(|i| i == name) {
            continue;
        }
        let help = did_you_mean(name, ids()).unwrap_or_else(|| {
            let list = ids().collect::<Vec<_>>().join(", ");
            t!(
                "articles du modèle : {list}",
                "the model's articles: {list}"
            )
        });
        let title = &m.intitule.value;
        found.push(
            Diagnostic::new(
                &CTG604,
                apres.span,
                t!(
                    "le modèle « {title} » n'a pas d'article « {name} »",
                    "the model `{title}` has no article `{name}`"
                ),
            )
            .with_help(help),
        );
    }
}

/// CTG605: an annexed file exists beside the file that names it.
fn ctg605(
    annexes: &[S<Annexe>],
    folder: &Utf8Path,
    severity: Severity,
    found: &mut Vec<Diagnostic>,
) {
    for file in annexes.iter().filter_map(|a| a.fichier.as_ref()) {
        if crate::text::placeholder::placeholder(file).is_some()
            || folder.join(&file.value).is_file()
        {
            continue;
        }
        let name = &file.value;
        found.push(
            Diagnostic::new(
                &CTG605,
                file.span,
                t!(
                    "fichier d'annexe introuvable : « {name} »",
                    "annexed file not found: `{name}`"
                ),
            )
            .with_help(t!(
                "le chemin est relatif au dossier du fichier qui cite l'annexe",
                "the path is relative to the folder of the file naming the annex"
            ))
            .with_severity(severity),
        );
    }
}

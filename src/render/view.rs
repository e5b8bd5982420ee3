//! What the templates see: the convention with every value ready to print
//! (dates in words, figures grouped, champs by their labels), so templates
//! only lay text out. Strings here are user text or built from it; the
//! template engine escapes each one for the target format.

use super::ancre;
use super::texte::{self, Facts};
use super::typo::{euros, number, thousands};
use crate::diagnostic::Lang;
use crate::model::date::{long, span_fr};
use crate::model::{self, Champ, Closed, Convention, Modele, Organisme, Sdsf};
use crate::text::francais::{count, join, Genre};
use serde::Serialize;

const FR: Lang = Lang::Fr;

#[derive(Serialize)]
pub struct Document {
    pub intitule: String,
    /// The document's title for readers' metadata: "Convention territoriale
    /// globale — Communauté de communes du Bazois — 2017–2020".
    pub titre: String,
    pub reference: Option<String>,
    pub statut: &'static str,
    /// Not ready to sign: PROJET on every page and on the cover.
    pub projet: bool,
    /// The parties as the cover names them, a few lines however many sign.
    pub couverture: Vec<String>,
    /// The parties paragraphs "d'une part", then "d'autre part" (empty
    /// when all sign on one side).
    pub parties_une: Vec<String>,
    pub parties_autre: Vec<String>,
    pub partenaires_associes: Option<String>,
    /// The model's visas in force at the signature (else at the start).
    pub visas: Vec<String>,
    pub preambule: Vec<String>,
    pub formule: String,
    pub articles: Vec<ArticleView>,
    pub annexes: Vec<AnnexeView>,
    /// "Fait à …, le …, en cinq exemplaires originaux."
    pub fait: String,
    /// The sentences ctg writes about the facts, for the articles' contents.
    pub textes: Textes,
    /// The document's date for its metadata: the signature's, else the
    /// period's start (PDF/A requires one; no clock is read).
    pub date: DateParts,
    pub territoire: Territoire,
    pub periode: Periode,
    pub signature: Signature,
    pub signataires: Vec<Signataire>,
    pub champs: Vec<&'static str>,
    pub diagnostic: Option<Diagnostic>,
    pub sdsf: Option<SdsfView>,
    pub axes: Vec<Axe>,
    pub actions: Vec<Action>,
    /// Every indicator of the plan, with its action, for "Suivi et évaluation".
    pub indicateurs: Vec<IndicateurDuPlan>,
    pub pilotage: Option<Pilotage>,
    pub meta: Meta,
}

#[derive(Serialize)]
pub struct Meta {
    pub ctg_version: &'static str,
    /// SHA-256 of the source file's bytes, in hex.
    pub source_sha256: String,
    /// The source's file name.
    pub source: String,
    /// The vintage of the official geography used for names.
    pub geographie: String,
    /// PROJET on every page (the same as the document's `projet`, kept for
    /// templates written before it).
    pub brouillon: bool,
}

#[derive(Serialize)]
pub struct DateParts {
    pub annee: i32,
    pub mois: u32,
    pub jour: u32,
}

#[derive(Serialize)]
pub struct ArticleView {
    pub numero: usize,
    pub titre: String,
    pub paragraphes: Vec<String>,
    pub liste: Vec<String>,
    /// What ctg prints of the facts after the text (`champs`, `plan`…).
    pub contenu: Option<&'static str>,
}

#[derive(Serialize)]
pub struct AnnexeView {
    pub numero: usize,
    pub titre: String,
    pub paragraphes: Vec<String>,
    pub contenu: Option<&'static str>,
    /// A file joined to the convention, by its name.
    pub fichier: Option<String>,
}

#[derive(Serialize)]
pub struct Textes {
    /// "La Communauté… regroupe 12 communes du département 88 (Vosges)…"
    pub territoire: String,
    /// "Le diagnostic partagé, arrêté le …, retient les constats suivants :"
    pub diagnostic: Option<String>,
    /// "Les signataires retiennent trois axes stratégiques…"
    pub axes: String,
    /// "Le plan d'actions compte douze actions…"
    pub plan: String,
    /// The steering bodies, a paragraph each.
    pub pilotage: Vec<String>,
    /// Said when no action has an indicator yet.
    pub sans_indicateurs: Option<String>,
}

#[derive(Serialize)]
pub struct Territoire {
    pub nom: String,
    pub sigle: Option<String>,
    /// Short name for running headers: the sigle, or the name.
    pub court: String,
    /// How sentences name it: the alias the territory signs under ("la
    /// CCPVM"), or its name.
    pub designation: String,
    pub nature: &'static str,
    pub siren: Option<String>,
    pub departement: String,
    /// "Vosges", from the official geography.
    pub departement_nom: Option<&'static str>,
    pub communes: Vec<Commune>,
    pub nombre_communes: usize,
    pub population: Option<String>,
    pub population_annee: Option<u64>,
    pub allocataires: Option<String>,
    pub personnes_couvertes: Option<String>,
}

#[derive(Serialize)]
pub struct Commune {
    pub nom: String,
    pub insee: Option<String>,
}

#[derive(Serialize)]
pub struct Periode {
    /// "du 1er janvier 2023 au 31 décembre 2027".
    pub texte: String,
    /// "1er janvier 2023".
    pub debut: String,
    pub fin: String,
    pub annee_debut: i32,
    pub annee_fin: i32,
    /// "cinq ans", when the period is whole calendar years.
    pub duree: Option<String>,
}

#[derive(Serialize)]
pub struct Signature {
    pub lieu: Option<String>,
    pub date: Option<String>,
}

#[derive(Serialize)]
pub struct Signataire {
    pub nom: String,
    pub organisme: &'static str,
    /// « la Caf »: how the convention names the party.
    pub alias: String,
    /// "e" when the party's name is feminine, "" when masculine, "(e)"
    /// when it cannot be told.
    pub e: &'static str,
    pub autorisation: Option<String>,
    pub representants: Vec<Representant>,
}

#[derive(Serialize)]
pub struct Representant {
    pub nom: Option<String>,
    pub qualite: Option<String>,
}

#[derive(Serialize)]
pub struct Diagnostic {
    pub date: Option<String>,
    pub constats: Vec<String>,
}

#[derive(Serialize)]
pub struct SdsfView {
    /// Its title, its years once (`texte::sdsf`).
    pub intitule: String,
}

#[derive(Serialize)]
pub struct Axe {
    /// Its rank, as the text numbers it ("Axe 2"): ids are the file's.
    pub numero: usize,
    pub id: String,
    pub intitule: String,
    pub orientations: Vec<Orientation>,
    pub champs: Vec<&'static str>,
    pub objectifs: Vec<String>,
    pub actions: Vec<String>,
}

#[derive(Serialize)]
pub struct Orientation {
    pub id: String,
    /// Absent when the referential could not be read or lacks the id.
    pub intitule: Option<String>,
    pub prioritaire: bool,
}

#[derive(Serialize)]
pub struct Action {
    pub id: String,
    pub axe: String,
    /// The rank of its axis ("2"), or its id when the axis is missing.
    pub axe_numero: String,
    pub axe_intitule: Option<String>,
    pub intitule: String,
    pub champ: &'static str,
    pub pilote: Option<String>,
    pub partenaires: Vec<String>,
    pub public: Option<String>,
    /// Names of the communes concerned; empty means the whole territory.
    pub communes: Vec<String>,
    pub calendrier: Option<String>,
    pub indicateurs: Vec<Indicateur>,
    pub budget: Option<Budget>,
    pub statut: &'static str,
    /// Its paragraphs, as written between blank lines.
    pub description: Vec<String>,
}

#[derive(Serialize)]
pub struct Indicateur {
    pub libelle: String,
    pub unite: Option<String>,
    pub valeur_initiale: Option<String>,
    pub cible: Option<String>,
    pub realise: Option<String>,
}

#[derive(Serialize)]
pub struct IndicateurDuPlan {
    pub action: String,
    #[serde(flatten)]
    pub indicateur: Indicateur,
}

#[derive(Serialize)]
pub struct Budget {
    pub montant: Option<String>,
    pub financeurs: Vec<String>,
}

#[derive(Serialize)]
pub struct Pilotage {
    pub comite_pilotage: Option<Comite>,
    pub comite_technique: Option<Comite>,
}

#[derive(Serialize)]
pub struct Comite {
    pub frequence: Option<String>,
    pub membres: Vec<String>,
}

fn text(s: &model::S<String>) -> String {
    s.value.clone()
}

fn opt(s: &Option<model::S<String>>) -> Option<String> {
    s.as_ref().map(text)
}

/// A value marked with the path of its node (see `ancre`).
fn at(path: impl AsRef<str>, s: &model::S<String>) -> String {
    ancre::mark(path.as_ref(), &s.value)
}

fn opt_at(path: impl AsRef<str>, s: &Option<model::S<String>>) -> Option<String> {
    s.as_ref().map(|s| at(path, s))
}

/// What the convention's model gives a document.
pub struct Text<'a> {
    pub modele: &'a Modele,
    /// Not ready to sign (or `--brouillon`): PROJET.
    pub projet: bool,
}

pub fn build(c: &Convention, sdsf: Option<&Sdsf>, text_of: Text, meta: Meta) -> Document {
    let t = &c.territoire.value;
    let m = text_of.modele;
    let axes = c.axes_by_id();
    let rank: std::collections::HashMap<&str, usize> = c
        .axes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, a)| (a.id.as_str(), i + 1))
        .collect();
    let actions: Vec<Action> = c
        .actions
        .value
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let axe_numero = rank
                .get(a.axe.as_str())
                .map_or_else(|| a.axe.value.clone(), |n| n.to_string());
            action(
                i,
                &a.value,
                t,
                axes.get(a.value.axe.as_str()).copied(),
                axe_numero,
            )
        })
        .collect();
    let indicateurs: Vec<IndicateurDuPlan> = c
        .actions
        .value
        .iter()
        .enumerate()
        .flat_map(|(k, a)| {
            let id = &a.value.id.value;
            a.value
                .indicateurs
                .iter()
                .flat_map(|l| l.value.iter().enumerate())
                .map(move |(j, i)| IndicateurDuPlan {
                    action: id.clone(),
                    indicateur: indicateur(&format!("actions[{k}].indicateurs[{j}]"), &i.value),
                })
        })
        .collect();
    let exemplaires = m
        .exemplaires
        .as_ref()
        .map_or(c.signataires.len() as u64, |e| e.value);
    let facts = Facts::new(c, sdsf, exemplaires);
    let fill = |s: &model::S<String>| facts.fill(&s.value);
    // The visas of the texts in force when the convention is signed, or
    // when it starts if it is not yet.
    let day = c
        .signature
        .as_ref()
        .and_then(|s| s.value.date.as_ref())
        .map_or(c.periode.value.debut.value, |d| d.value.first);
    let (parties_une, parties_autre) = texte::parties(c);
    let axes_view: Vec<Axe> = c
        .axes
        .value
        .iter()
        .enumerate()
        .map(|(i, a)| axe(i, &a.value, sdsf, c))
        .collect();
    let territoire_view = territoire(t, c);
    let textes = textes(
        c,
        &territoire_view,
        &axes_view,
        actions.len(),
        indicateurs.is_empty(),
    );
    let periode_view = periode(&c.periode.value);
    Document {
        intitule: c.intitule.as_ref().map_or_else(
            || "Convention Territoriale Globale de services aux familles".to_string(),
            |i| at("intitule", i),
        ),
        titre: format!(
            "Convention territoriale globale — {} — {}–{}",
            t.nom.value, periode_view.annee_debut, periode_view.annee_fin
        ),
        reference: opt(&c.reference),
        statut: c.statut().label(FR),
        projet: text_of.projet,
        couverture: couverture(c),
        parties_une,
        parties_autre,
        partenaires_associes: texte::partenaires_associes(c),
        visas: m
            .visas
            .iter()
            .filter(|v| v.in_force(day))
            .map(|v| fill(&v.texte))
            .collect(),
        preambule: m.preambule.iter().map(fill).collect(),
        formule: m.formule.as_ref().map_or_else(
            || "Il est convenu et arrêté ce qui suit :".to_string(),
            fill,
        ),
        articles: articles(m, c, &facts),
        annexes: m
            .annexes
            .iter()
            .map(|a| (None, a))
            .chain(c.annexes.iter().enumerate().map(|(i, a)| (Some(i), a)))
            .enumerate()
            .map(|(n, (own, a))| {
                // The convention's own annexes come from its file.
                let from = |path: String, text: String| match own {
                    Some(i) => ancre::mark(&format!("annexes[{i}].{path}"), &text),
                    None => text,
                };
                AnnexeView {
                    numero: n + 1,
                    titre: from("titre".into(), fill(&a.titre)),
                    paragraphes: a
                        .texte
                        .iter()
                        .enumerate()
                        .map(|(j, p)| from(format!("texte[{j}]"), fill(p)))
                        .collect(),
                    contenu: a.contenu.as_ref().map(|k| k.value.key()),
                    fichier: a
                        .fichier
                        .as_ref()
                        .map(|f| from("fichier".into(), f.value.clone())),
                }
            })
            .collect(),
        fait: facts.fill(m.fait.as_ref().map_or(
            "Fait à {lieu}, le {date}, en {exemplaires} exemplaires originaux.",
            |f| f.value.as_str(),
        )),
        textes,
        date: {
            use chrono::Datelike;
            DateParts {
                annee: day.year(),
                mois: day.month(),
                jour: day.day(),
            }
        },
        territoire: territoire_view,
        periode: periode_view,
        signature: Signature {
            lieu: c
                .signature
                .as_ref()
                .and_then(|s| opt_at("signature.lieu", &s.value.lieu)),
            date: c
                .signature
                .as_ref()
                .and_then(|s| s.value.date.as_ref())
                .map(|d| d.value.text().get(FR).to_string()),
        },
        signataires: c
            .signataires
            .value
            .iter()
            .enumerate()
            .map(|(i, s)| signataire(i, &s.value))
            .collect(),
        champs: c.champs.value.iter().map(|ch| ch.value.label(FR)).collect(),
        diagnostic: c.diagnostic.as_ref().map(|d| Diagnostic {
            date: d
                .value
                .date
                .as_ref()
                .map(|d| long(d.value).get(FR).to_string()),
            constats: d
                .value
                .constats
                .iter()
                .enumerate()
                .map(|(i, c)| at(format!("diagnostic.constats[{i}]"), c))
                .collect(),
        }),
        sdsf: sdsf.map(|s| SdsfView {
            intitule: texte::sdsf(Some(s)),
        }),
        axes: axes_view,
        actions,
        indicateurs,
        pilotage: c.pilotage.as_ref().map(|p| Pilotage {
            comite_pilotage: p
                .value
                .comite_pilotage
                .as_ref()
                .map(|x| comite("pilotage.comite_pilotage", &x.value)),
            comite_technique: p
                .value
                .comite_technique
                .as_ref()
                .map(|x| comite("pilotage.comite_technique", &x.value)),
        }),
        meta: Meta {
            brouillon: text_of.projet,
            ..meta
        },
    }
}

/// The model's articles in order, each followed by those the convention
/// places after it; the convention's others at the end.
fn articles(m: &Modele, c: &Convention, facts: &Facts) -> Vec<ArticleView> {
    let known: Vec<&str> = m
        .articles
        .iter()
        .filter_map(|a| a.id.as_ref().map(|i| i.as_str()))
        .collect();
    // Each with its index among the convention's own (None: the model's).
    let mut ordered: Vec<(Option<usize>, &model::Article)> = Vec::new();
    let own = || c.articles.iter().enumerate();
    for a in m.articles.iter() {
        ordered.push((None, a));
        let id = a.id.as_ref().map(|i| i.as_str());
        ordered.extend(
            own()
                .filter(|(_, x)| id.is_some() && x.apres.as_ref().map(|p| p.as_str()) == id)
                .map(|(i, x)| (Some(i), &x.value)),
        );
    }
    // At the end: no place said, or a place the model lacks (CTG604), so
    // nothing is lost.
    ordered.extend(
        own()
            .filter(|(_, x)| {
                x.apres
                    .as_ref()
                    .is_none_or(|p| !known.contains(&p.as_str()))
            })
            .map(|(i, x)| (Some(i), &x.value)),
    );
    ordered
        .into_iter()
        .enumerate()
        .map(|(n, (own, a))| {
            let from = |path: String, text: String| match own {
                Some(i) => ancre::mark(&format!("articles[{i}].{path}"), &text),
                None => text,
            };
            let list = |key: &str, items: &[model::S<String>]| -> Vec<String> {
                items
                    .iter()
                    .enumerate()
                    .map(|(j, p)| from(format!("{key}[{j}]"), facts.fill(&p.value)))
                    .collect()
            };
            ArticleView {
                numero: n + 1,
                titre: from("titre".into(), facts.fill(&a.titre.value)),
                paragraphes: list("texte", &a.texte),
                liste: list("liste", &a.liste),
                contenu: a.contenu.as_ref().map(|k| k.value.key()),
            }
        })
        .collect()
}

/// The cover's list of parties: each by name, up to eight; beyond, the
/// communes that sign are told by their number after their EPCI ("la
/// Communauté urbaine d'Arras et ses 46 communes"), so the title page
/// stays one page.
fn couverture(c: &Convention) -> Vec<String> {
    let names = || {
        c.signataires
            .iter()
            .enumerate()
            .map(|(i, s)| ancre::mark(&format!("signataires[{i}].nom"), &texte::name(s)))
    };
    let communes = c
        .signataires
        .iter()
        .filter(|s| s.organisme.value == Organisme::Commune)
        .count();
    if c.signataires.len() <= 8 || communes < 2 {
        return names().collect();
    }
    let mut lines: Vec<String> = c
        .signataires
        .iter()
        .enumerate()
        .filter(|(_, s)| s.organisme.value != Organisme::Commune)
        .map(|(i, s)| {
            let name = ancre::mark(&format!("signataires[{i}].nom"), &texte::name(s));
            if s.organisme.value == Organisme::Epci {
                format!("{name} et ses {communes} communes")
            } else {
                name
            }
        })
        .collect();
    if !c
        .signataires
        .iter()
        .any(|s| s.organisme.value == Organisme::Epci)
    {
        lines.push(format!("{communes} communes"));
    }
    lines
}

/// The sentences about the facts.
fn textes(
    c: &Convention,
    t: &Territoire,
    axes: &[Axe],
    actions: usize,
    no_indicator: bool,
) -> Textes {
    let mut territoire = format!(
        "{}{}, {}{}, regroupe {} du département {}{}.",
        texte::marked_with_article(&c.territoire.value.nom.value, "territoire.nom"),
        t.sigle
            .as_ref()
            .map_or(String::new(), |s| format!(" ({s})")),
        t.nature.to_lowercase(),
        t.siren
            .as_ref()
            .map_or(String::new(), |s| format!(" (SIREN {s})")),
        count(
            t.nombre_communes as u64,
            Genre::Feminin,
            "commune",
            "communes"
        ),
        t.departement,
        t.departement_nom
            .map_or(String::new(), |n| format!(" ({n})")),
    );
    if let Some(p) = &t.population {
        let year = t
            .population_annee
            .map_or(String::new(), |y| format!(" (population {y})"));
        territoire.push_str(&format!(" Sa population est de {p} habitants{year}."));
    }
    if let Some(a) = &t.allocataires {
        let covered = t.personnes_couvertes.as_ref().map_or(String::new(), |p| {
            format!(", soit {p} personnes couvertes par au moins une prestation")
        });
        territoire.push_str(&format!(
            " La Caf y compte {a} foyers allocataires{covered}."
        ));
    }
    let diagnostic = c
        .diagnostic
        .as_ref()
        .filter(|d| !d.constats.is_empty())
        .map(|d| {
            let date = d.date.as_ref().map_or(String::new(), |x| {
                format!(", arrêté le {},", long(x.value).fr)
            });
            format!("Le diagnostic partagé{date} retient les constats suivants :")
        });
    let n = axes.len() as u64;
    let axes_sentence = format!(
        "Les signataires retiennent {}. {} décline, à l’échelle du territoire, des orientations du schéma départemental des services aux familles, rappelées ci-dessous.",
        count(n, Genre::Masculin, "axe stratégique", "axes stratégiques"),
        if n > 1 { "Chacun" } else { "Il" },
    );
    let plan = format!(
        "Le plan d’actions compte {}, {} ci-dessous. Chacune fait l’objet d’une fiche en annexe, qui fait partie intégrante de la présente convention.",
        count(actions as u64, Genre::Feminin, "action", "actions"),
        if actions > 1 { "résumées" } else { "résumée" },
    );
    let comite = |name: &str, c: &model::Comite, role: &str| {
        let when = c
            .frequence
            .as_ref()
            .map_or(String::new(), |f| format!(", réuni {},", f.value));
        let members: Vec<String> = c.membres.iter().map(text).collect();
        let who = if members.is_empty() {
            String::new()
        } else {
            format!(" Il réunit : {}.", join(&members))
        };
        format!("Un {name}{when} {role}{who}")
    };
    let p = c.pilotage.as_ref().map(|p| &p.value);
    let pilotage = vec![
        match p.and_then(|p| p.comite_pilotage.as_ref()) {
            Some(x) => comite(
                "comité de pilotage",
                x,
                "oriente la mise en œuvre de la convention et arbitre les évolutions du plan d’actions.",
            ),
            None => "Un comité de pilotage réunissant les signataires oriente la mise en œuvre de la convention et arbitre les évolutions du plan d’actions.".to_string(),
        },
        match p.and_then(|p| p.comite_technique.as_ref()) {
            Some(x) => comite(
                "comité technique",
                x,
                "prépare les travaux du comité de pilotage et suit l’avancement des actions.",
            ),
            None => "Un comité technique, composé des services des signataires, prépare les travaux du comité de pilotage et suit l’avancement des actions.".to_string(),
        },
    ];
    Textes {
        territoire,
        diagnostic,
        axes: axes_sentence,
        plan,
        pilotage,
        sans_indicateurs: no_indicator
            .then(|| "Les indicateurs restent à préciser dans les fiches actions.".to_string()),
    }
}

fn territoire(t: &model::Territoire, c: &Convention) -> Territoire {
    let communes: Vec<Commune> = t
        .communes
        .value
        .iter()
        .enumerate()
        .map(|(i, m)| Commune {
            nom: at(format!("territoire.communes[{i}].nom"), &m.value.nom),
            insee: opt(&m.value.insee),
        })
        .collect();
    Territoire {
        nom: at("territoire.nom", &t.nom),
        sigle: opt(&t.sigle),
        court: t.sigle.as_ref().map_or_else(|| text(&t.nom), text),
        designation: texte::territoire(c),
        nature: t.nature.value.label(FR),
        siren: opt(&t.siren),
        departement: text(&t.departement),
        departement_nom: crate::geo::geo().departement(&t.departement.value),
        nombre_communes: communes.len(),
        communes,
        population: t.population.as_ref().map(|p| thousands(p.value)),
        population_annee: t.population_annee.as_ref().map(|p| p.value),
        allocataires: t.allocataires.as_ref().map(|p| thousands(p.value)),
        personnes_couvertes: t.personnes_couvertes.as_ref().map(|p| thousands(p.value)),
    }
}

fn periode(p: &model::Periode) -> Periode {
    let (d, f) = (p.debut.value, p.fin.value);
    use chrono::Datelike;
    Periode {
        texte: texte::periode(p),
        debut: long(d).get(FR).to_string(),
        fin: long(f).get(FR).to_string(),
        annee_debut: d.year(),
        annee_fin: f.year(),
        duree: Some(texte::duree(p)),
    }
}

fn signataire(i: usize, s: &model::Signataire) -> Signataire {
    let alias = opt(&s.alias);
    let path = format!("signataires[{i}]");
    Signataire {
        nom: ancre::mark(&format!("{path}.nom"), &texte::name(s)),
        organisme: s.organisme.value.label(FR),
        e: match texte::party_genre(s) {
            Some(Genre::Feminin) => "e",
            Some(Genre::Masculin) => "",
            None => "(e)",
        },
        alias: alias.unwrap_or_else(|| text(&s.nom)),
        autorisation: opt(&s.autorisation),
        representants: s
            .representants
            .iter()
            .flat_map(|l| l.value.iter().enumerate())
            .map(|(j, r)| Representant {
                nom: opt_at(format!("{path}.representants[{j}].nom"), &r.value.nom),
                qualite: opt_at(
                    format!("{path}.representants[{j}].qualite"),
                    &r.value.qualite,
                ),
            })
            .collect(),
    }
}

fn axe(index: usize, a: &model::Axe, sdsf: Option<&Sdsf>, c: &Convention) -> Axe {
    let path = format!("axes[{index}]");
    let orientations: Vec<Orientation> = a
        .sdsf
        .iter()
        .flat_map(|l| &l.value)
        .map(|id| {
            let found = sdsf.and_then(|s| s.orientation(&id.value));
            Orientation {
                id: text(id),
                intitule: found.map(|o| text(&o.intitule)),
                prioritaire: found.is_some_and(|o| o.prioritaire),
            }
        })
        .collect();
    // The axis's champs: its own, otherwise those of the orientations it
    // declines, as CTG407 reads them.
    let mut champs: Vec<Champ> = match &a.champs {
        Some(l) => l.value.iter().map(|c| c.value).collect(),
        None => a
            .sdsf
            .iter()
            .flat_map(|l| &l.value)
            .filter_map(|id| sdsf.and_then(|s| s.orientation(&id.value)))
            .flat_map(|o| o.champs.iter().map(|c| c.value))
            .collect(),
    };
    champs.sort();
    champs.dedup();
    Axe {
        numero: index + 1,
        id: text(&a.id),
        intitule: at(format!("{path}.intitule"), &a.intitule),
        orientations,
        champs: champs.into_iter().map(|c| c.label(FR)).collect(),
        objectifs: a
            .objectifs
            .iter()
            .enumerate()
            .map(|(j, o)| at(format!("{path}.objectifs[{j}]"), o))
            .collect(),
        actions: c
            .actions
            .value
            .iter()
            .filter(|x| x.value.axe.value == a.id.value)
            .map(|x| text(&x.value.id))
            .collect(),
    }
}

fn action(
    index: usize,
    a: &model::Action,
    t: &model::Territoire,
    axe: Option<&model::Axe>,
    axe_numero: String,
) -> Action {
    let path = format!("actions[{index}]");
    let communes = a
        .communes
        .iter()
        .flat_map(|l| &l.value)
        .map(|code| {
            t.communes
                .value
                .iter()
                .find(|m| {
                    m.value
                        .insee
                        .as_ref()
                        .is_some_and(|i| i.value == code.value)
                })
                .map_or_else(|| text(code), |m| text(&m.value.nom))
        })
        .collect();
    let calendrier = a.calendrier.as_ref().and_then(|c| {
        let bound = |d: &Option<model::S<model::FlexDate>>| d.as_ref().map(|d| d.value);
        span_fr(bound(&c.value.debut), bound(&c.value.fin))
    });
    Action {
        id: text(&a.id),
        axe: text(&a.axe),
        axe_numero,
        axe_intitule: axe.map(|x| text(&x.intitule)),
        intitule: at(format!("{path}.intitule"), &a.intitule),
        champ: a.champ.value.label(FR),
        pilote: opt_at(format!("{path}.pilote"), &a.pilote),
        partenaires: a
            .partenaires
            .iter()
            .enumerate()
            .map(|(j, p)| at(format!("{path}.partenaires[{j}]"), p))
            .collect(),
        public: opt_at(format!("{path}.public"), &a.public),
        communes,
        calendrier,
        indicateurs: a
            .indicateurs
            .iter()
            .flat_map(|l| l.value.iter().enumerate())
            .map(|(j, i)| indicateur(&format!("{path}.indicateurs[{j}]"), &i.value))
            .collect(),
        budget: a.budget.as_ref().map(|b| Budget {
            montant: b.value.montant.as_ref().map(|m| euros(m.value)),
            financeurs: b
                .value
                .financeurs
                .iter()
                .enumerate()
                .map(|(j, f)| at(format!("{path}.budget.financeurs[{j}]"), f))
                .collect(),
        }),
        statut: a.statut().label(FR),
        description: a.description.as_ref().map_or_else(Vec::new, |d| {
            paragraphs(&d.value)
                .iter()
                .map(|p| ancre::mark(&format!("{path}.description"), p))
                .collect()
        }),
    }
}

/// A text's paragraphs, each on one line: what blank lines separate in a
/// literal block (`|`), what line breaks separate once YAML folded it (`>`).
fn paragraphs(text: &str) -> Vec<String> {
    let separator = if text.contains("\n\n") { "\n\n" } else { "\n" };
    text.split(separator)
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn indicateur(path: &str, i: &model::Indicateur) -> Indicateur {
    let figure = |x: &Option<model::S<f64>>| x.as_ref().map(|v| number(v.value));
    Indicateur {
        libelle: at(format!("{path}.libelle"), &i.libelle),
        unite: opt_at(format!("{path}.unite"), &i.unite),
        valeur_initiale: figure(&i.valeur_initiale),
        cible: figure(&i.cible),
        // The latest value reached.
        realise: i
            .realise
            .as_ref()
            .and_then(|r| r.value.au(i32::MAX))
            .map(|(_, v)| number(v)),
    }
}

fn comite(path: &str, c: &model::Comite) -> Comite {
    Comite {
        frequence: opt_at(format!("{path}.frequence"), &c.frequence),
        membres: c
            .membres
            .iter()
            .enumerate()
            .map(|(j, m)| at(format!("{path}.membres[{j}]"), m))
            .collect(),
    }
}

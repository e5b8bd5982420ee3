//! The words of the convention, whatever its layout: the parties paragraph
//! with its agreements and its "d'une part / d'autre part", the model's
//! texts filled with the convention's facts, and the sentences ctg writes
//! about those facts. Every document (PDF, HTML, Markdown) prints these
//! strings; none builds its own sentences.

use super::ancre::mark;
use crate::model::date::{long, span_fr, Precision};
use crate::model::modele::fill;
use crate::model::{self, Civilite, Convention, Organisme, Partie};
use crate::text::francais::{
    agree, capitalised, contracted, count, de, genre, genre_of_group, genre_of_person, in_words,
    join, with_article, Genre,
};
use chrono::Datelike;

/// What a blank left for the ceremony looks like.
pub const BLANK: &str = "……………………";

/// The side a party signs on: as the convention says, else the Caf and
/// the institutions "d'une part", the territory "d'autre part".
pub fn side(s: &model::Signataire, territoire: &model::Territoire) -> Partie {
    if let Some(p) = &s.partie {
        return p.value;
    }
    match s.organisme.value {
        Organisme::Epci | Organisme::Commune | Organisme::Syndicat => Partie::Autre,
        _ if s.nom.value == territoire.nom.value => Partie::Autre,
        _ => Partie::Une,
    }
}

/// The gender of a party: from its name ("Caisse…", "le Département"),
/// else its alias, else what it is.
pub fn party_genre(s: &model::Signataire) -> Option<Genre> {
    genre(&s.nom.value)
        .or_else(|| s.alias.as_ref().and_then(|a| genre(&a.value)))
        .or(match s.organisme.value {
            Organisme::Caf
            | Organisme::Msa
            | Organisme::Commune
            | Organisme::Carsat
            | Organisme::Cpam => Some(Genre::Feminin),
            Organisme::Cd | Organisme::Syndicat | Organisme::Etat => Some(Genre::Masculin),
            Organisme::Epci | Organisme::Autre => None,
        })
}

/// How a sentence names a party: its alias with an article ("la Caf",
/// "la Communauté de communes du Bazois"), else its name with one, else
/// its name as written.
pub fn designation(s: &model::Signataire) -> String {
    let alias = s.alias.as_ref().map(|a| contracted(&a.value));
    let nom = name(s);
    alias
        .as_deref()
        .and_then(with_article)
        .or_else(|| with_article(&nom))
        .unwrap_or_else(|| alias.unwrap_or(nom))
}

/// A party's name as documents print it: "Commune de Le Val-d'Ajol" reads
/// "Commune du Val-d'Ajol".
/// The name with its article, capitalised to open a paragraph, the name
/// itself marked with `path`: "La <Caisse d'allocations…>".
pub fn marked_with_article(nom: &str, path: &str) -> String {
    let said = capitalised(&with_article(nom).unwrap_or_else(|| nom.to_string()));
    match said.strip_suffix(nom) {
        Some(article) => format!("{article}{}", mark(path, nom)),
        None => mark(path, &said),
    }
}

/// A commune named alone ("Remiremont", "Le Val-d'Ajol") is "Commune de
/// Remiremont", "Commune du Val-d'Ajol".
pub fn name(s: &model::Signataire) -> String {
    let nom = contracted(s.nom.value.trim());
    if s.organisme.value == Organisme::Commune && genre(&nom).is_none() {
        return format!("Commune {}", de(s.nom.value.trim()));
    }
    nom
}

/// The gender of a representative: civility first, then the name's own
/// ("Mme …"), then the quality ("Présidente").
fn person_genre(r: &model::Representant) -> Option<Genre> {
    if let Some(c) = &r.civilite {
        return Some(match c.value {
            Civilite::Madame => Genre::Feminin,
            Civilite::Monsieur => Genre::Masculin,
        });
    }
    r.nom
        .as_ref()
        .and_then(|n| genre_of_person(&n.value))
        .or_else(|| r.qualite.as_ref().and_then(|q| genre_of_person(&q.value)))
}

/// "Mme Dominique Joyeux, Présidente", "sa Présidente", "le directeur par
/// intérim", or a blank to fill; the name and the quality marked with the
/// path of their node (`path` is the representative's).
fn representative(r: &model::Representant, path: &str) -> String {
    let civility = r.civilite.as_ref().map(|c| match c.value {
        Civilite::Madame => "Mme",
        Civilite::Monsieur => "M.",
    });
    let name = r.nom.as_ref().map(|n| {
        let n = n.value.trim();
        let marked = mark(&format!("{path}.nom"), n);
        match civility {
            Some(c) if genre_of_person(n).is_none() => format!("{c} {marked}"),
            _ => marked,
        }
    });
    let quality = r.qualite.as_ref().map(|q| q.value.trim());
    let marked_quality = |q: &str| mark(&format!("{path}.qualite"), q);
    match (name, quality) {
        (Some(n), Some(q)) => format!("{n}, {}", marked_quality(q)),
        (Some(n), None) => n,
        (None, Some(q)) => {
            // "sa Présidente", "son adjointe"; an epicene quality ("Maire")
            // takes the noun's masculine.
            let possessive = match person_genre(r) {
                Some(Genre::Feminin) if !crate::text::francais::elides(q) => "sa",
                _ => "son",
            };
            format!("{possessive} {}", marked_quality(q))
        }
        (None, None) => BLANK.to_string(),
    }
}

/// One party as the parties paragraph says it, without its final
/// punctuation: "La Caisse d'allocations familiales de la Nièvre,
/// représentée par M. A, président du conseil d'administration, et par
/// M. B, directeur, dûment autorisés à signer la présente convention par
/// délibération du …, ci-après dénommée « la Caf »". `i` is the party's
/// rank among the signatories: its name, representatives, authorisation
/// and alias are marked with the paths of their nodes.
pub fn party(i: usize, s: &model::Signataire) -> String {
    let path = format!("signataires[{i}]");
    let g = party_genre(s);
    let nom = name(s);
    let mut out = marked_with_article(&nom, &format!("{path}.nom"));
    let reps: Vec<&model::Representant> = s
        .representants
        .iter()
        .flat_map(|l| &l.value)
        .map(|r| &r.value)
        .collect();
    let said: Vec<String> = reps
        .iter()
        .enumerate()
        .map(|(j, r)| representative(r, &format!("{path}.representants[{j}]")))
        .collect();
    match (g, said.as_slice()) {
        (_, []) => {}
        (Some(g), [one]) => out.push_str(&format!(", {} par {one}", agree("représenté", g, false))),
        (Some(g), [init @ .., last]) => {
            let init: Vec<String> = init.iter().map(|r| format!("par {r}")).collect();
            let by = format!("{}, et par {last}", init.join(", "));
            out.push_str(&format!(", {} {by}", agree("représenté", g, false)));
        }
        // No participle to agree: "en la personne de A et de B".
        (None, said) => out.push_str(&format!(", en la personne de {}", said.join(" et de "))),
    }
    if let Some(a) = &s.autorisation {
        // The persons are authorised; when their gender is not known, the
        // party is ("la commune, dûment autorisée").
        let people: Vec<Option<Genre>> = reps.iter().map(|r| person_genre(r)).collect();
        let (who, plural) = match genre_of_group(&people) {
            Some(pg) if !reps.is_empty() => (Some(pg), reps.len() > 1),
            _ => (g, false),
        };
        let participle = match who {
            Some(w) => agree("autorisé", w, plural),
            None => "autorisé(e)".to_string(),
        };
        out.push_str(&format!(
            ", dûment {participle} à signer la présente convention par {}",
            mark(&format!("{path}.autorisation"), a.value.trim())
        ));
    }
    let alias = match &s.alias {
        Some(a) => mark(&format!("{path}.alias"), &contracted(&a.value)),
        None => mark(&format!("{path}.nom"), &nom),
    };
    match g {
        Some(g) => out.push_str(&format!(
            ", ci-après {} « {alias} »",
            agree("dénommé", g, false)
        )),
        None => out.push_str(&format!(", ci-après « {alias} »")),
    }
    out
}

/// The parties paragraphs: those "d'une part", then those "d'autre part",
/// each ending as a signed convention does (" ;" within a group, "," at
/// its end). With everyone on one side, a single list ending in ".".
pub fn parties(c: &Convention) -> (Vec<String>, Vec<String>) {
    let t = &c.territoire.value;
    let (mut une, mut autre) = (Vec::new(), Vec::new());
    for (i, s) in c.signataires.iter().enumerate() {
        match side(s, t) {
            Partie::Une => une.push(party(i, s)),
            Partie::Autre => autre.push(party(i, s)),
        }
    }
    let one_side = une.is_empty() || autre.is_empty();
    let end = |group: &mut Vec<String>| {
        let n = group.len();
        for (i, p) in group.iter_mut().enumerate() {
            p.push_str(match (i + 1 == n, one_side) {
                (false, _) => " ;",
                (true, false) => ",",
                (true, true) => ".",
            });
        }
    };
    end(&mut une);
    end(&mut autre);
    if une.is_empty() {
        return (autre, Vec::new());
    }
    (une, autre)
}

/// The territory as sentences name it: the alias its EPCI signs under,
/// with an article ("la CCPVM"), else its name with one.
pub fn territoire(c: &Convention) -> String {
    let t = &c.territoire.value;
    c.signataires
        .iter()
        .find(|s| s.organisme.value == Organisme::Epci || s.nom.value == t.nom.value)
        .map(|s| designation(s))
        .or_else(|| with_article(&t.nom.value))
        .unwrap_or_else(|| t.nom.value.clone())
}

/// "cinq ans" for whole calendar years, "dix-huit mois" for whole months,
/// else the days.
pub fn duree(p: &model::Periode) -> String {
    let (d, f) = (p.debut.value, p.fin.value);
    let next = f.succ_opt().unwrap_or(f);
    if d.day() == 1 && next.day() == 1 {
        let months = (next.year() - d.year()) * 12 + next.month() as i32 - d.month() as i32;
        if months > 0 && months % 12 == 0 {
            return count((months / 12) as u64, Genre::Masculin, "an", "ans");
        }
        if months > 0 {
            return count(months as u64, Genre::Masculin, "mois", "mois");
        }
    }
    let days = (next - d).num_days().max(0) as u64;
    count(days, Genre::Masculin, "jour", "jours")
}

/// The period as the text says it: "du 1er janvier 2023 au 31 décembre
/// 2027", each date anchored to its field.
pub fn periode(p: &model::Periode) -> String {
    if !p.exacte() {
        return span_fr(Some(p.ecrit.0), Some(p.ecrit.1)).unwrap_or_default();
    }
    let debut = bound("periode.debut", &p.ecrit.0);
    if p.debut.value == p.fin.value {
        return format!("le {debut}");
    }
    format!("du {debut} au {}", bound("periode.fin", &p.ecrit.1))
}

/// The SDSF as the text cites it: the referential's title, with its
/// period only when the title does not already say it.
pub fn sdsf(s: Option<&model::Sdsf>) -> String {
    let Some(s) = s else {
        return "schéma départemental des services aux familles".to_string();
    };
    let title = s.intitule.value.trim();
    let years = s.periode.as_ref().and_then(|p| {
        let (d, f) = (p.value.debut.as_ref()?, p.value.fin.as_ref()?);
        Some((d.value.year(), f.value.year()))
    });
    // A title starting with "Schéma" reads "le schéma…" after "Vu le".
    let title = match title.strip_prefix("Schéma ") {
        Some(rest) => format!("schéma {rest}"),
        None => title.to_string(),
    };
    match years {
        Some((a, b)) if !title.contains(&a.to_string()) => format!("{title} {a}–{b}"),
        _ => title,
    }
}

/// A period's bound as the text says it, anchored to its field when it is a
/// day (the review loop reads a day back, not a year).
fn bound(path: &str, d: &crate::model::FlexDate) -> String {
    match d.precision {
        Precision::Day => mark(path, &long(d.first).fr),
        _ => d.text().fr,
    }
}

/// The values of the model's variables for a convention.
pub struct Facts {
    territoire: String,
    caf: String,
    signataires: String,
    periode: String,
    debut: String,
    fin: String,
    duree: String,
    sdsf: String,
    exemplaires: String,
    lieu: String,
    date: String,
    date_in_month: bool,
}

impl Facts {
    pub fn new(c: &Convention, s: Option<&model::Sdsf>, exemplaires: u64) -> Facts {
        let p = &c.periode.value;
        let signature = c.signature.as_ref().map(|s| &s.value);
        Facts {
            territoire: territoire(c),
            caf: c
                .signataires
                .iter()
                .find(|s| s.organisme.value == Organisme::Caf)
                .map_or_else(|| "la Caf".to_string(), |s| designation(s)),
            signataires: signataires(c),
            periode: periode(p),
            debut: bound("periode.debut", &p.ecrit.0),
            fin: bound("periode.fin", &p.ecrit.1),
            duree: duree(p),
            sdsf: sdsf(s),
            exemplaires: in_words(exemplaires, Genre::Masculin),
            lieu: signature
                .and_then(|s| s.lieu.as_ref())
                .map_or_else(|| BLANK.to_string(), |l| l.value.clone()),
            date: signature.and_then(|s| s.date.as_ref()).map_or_else(
                || BLANK.to_string(),
                |d| mark("signature.date", &d.value.text().fr),
            ),
            date_in_month: signature
                .and_then(|s| s.date.as_ref())
                .is_some_and(|d| d.value.precision != Precision::Day),
        }
    }

    fn value(&self, name: &str) -> Option<String> {
        Some(match name {
            "territoire" => self.territoire.clone(),
            "du_territoire" => de(&self.territoire),
            "caf" => self.caf.clone(),
            "signataires" => self.signataires.clone(),
            "periode" => self.periode.clone(),
            "debut" => self.debut.clone(),
            "fin" => self.fin.clone(),
            "duree" => self.duree.clone(),
            "sdsf" => self.sdsf.clone(),
            "exemplaires" => self.exemplaires.clone(),
            "lieu" => self.lieu.clone(),
            "date" => self.date.clone(),
            _ => return None,
        })
    }

    /// A text of the model with the convention's facts in it; a text that
    /// opens on a fact starts with a capital ("{caf} intervient" → "La Caf
    /// intervient").
    pub fn fill(&self, text: &str) -> String {
        let mut filled = fill(text, |name| self.value(name));
        // "le {date}" for a date known to the month: "en octobre 2019".
        if self.date_in_month {
            filled = filled.replace(&format!("le {}", self.date), &format!("en {}", self.date));
        }
        if text.starts_with('{') && !text.starts_with("{{") {
            capitalised(&filled)
        } else {
            filled
        }
    }
}

/// The parties in a sentence: each by its designation, the communes that
/// sign by their number when there are more than three ("la Caf, la CUA et
/// les 46 communes signataires").
pub fn signataires(c: &Convention) -> String {
    let communes = c
        .signataires
        .iter()
        .filter(|s| s.organisme.value == Organisme::Commune)
        .count();
    let mut names: Vec<String> = c
        .signataires
        .iter()
        .filter(|s| communes <= 3 || s.organisme.value != Organisme::Commune)
        .map(|s| designation(s))
        .collect();
    if communes > 3 {
        names.push(format!(
            "les {} signataires",
            count(communes as u64, Genre::Feminin, "commune", "communes")
        ));
    }
    join(&names)
}

/// "La convention associe, sans qu'ils la signent : …", or nothing.
pub fn partenaires_associes(c: &Convention) -> Option<String> {
    if c.partenaires_associes.is_empty() {
        return None;
    }
    let names: Vec<String> = c
        .partenaires_associes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let nom = mark(
                &format!("partenaires_associes[{i}].nom"),
                p.nom.value.trim(),
            );
            match &p.role {
                Some(r) => {
                    let role = mark(&format!("partenaires_associes[{i}].role"), r.value.trim());
                    format!("{nom} ({role})")
                }
                None => nom,
            }
        })
        .collect();
    Some(format!(
        "Sont associés à la démarche, sans être signataires de la présente convention : {}.",
        join(&names)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Document;

    fn convention(signataires: &str) -> Convention {
        let text = format!(
            "document: convention\nversion: 1\nterritoire:\n  nom: Communauté de Communes du Bazois\n  nature: cc\n  departement: '58'\n  communes: [{{nom: Châtillon-en-Bazois, insee: '58065'}}]\nsdsf: s.yaml\nperiode: {{debut: 2023-09-01, fin: 2026-12-31}}\nsignataires:\n{signataires}\nchamps: [petite_enfance]\naxes: [{{id: a, intitule: A, sdsf: [x]}}]\nactions: [{{id: '1', axe: a, intitule: X, champ: petite_enfance, pilote: Caf}}]\n"
        );
        let tree = crate::load::parse(&text).unwrap();
        match crate::schema::check(&tree) {
            (Some(Document::Convention(c)), _) => *c,
            (_, d) => panic!("{d:?}"),
        }
    }

    const CAF: &str = "  - organisme: caf\n    nom: Caisse d'Allocations Familiales de la Nièvre\n    alias: la Caf\n    autorisation: délibération du conseil d'administration du 2016-10-14\n    representants:\n      - { nom: M. Rakotorina, qualite: président du conseil d'administration }\n      - { nom: M. Buchon, qualite: directeur par intérim }\n";
    const EPCI: &str = "  - organisme: epci\n    nom: Communauté de Communes du Bazois\n    alias: Communauté de Communes du Bazois\n    autorisation: délibération du conseil communautaire du …\n    representants:\n      - { nom: Dominique Joyeux, qualite: Présidente }\n";

    /// The parties paragraphs as a document prints them, anchors dropped.
    fn parties(c: &Convention) -> (Vec<String>, Vec<String>) {
        let (une, autre) = super::parties(c);
        let strip = |v: Vec<String>| v.iter().map(|p| super::super::ancre::strip(p)).collect();
        (strip(une), strip(autre))
    }

    #[test]
    fn the_parties_carry_their_anchors() {
        let c = convention(&format!("{CAF}{EPCI}"));
        let (une, _) = super::parties(&c);
        let pieces = super::super::ancre::pieces(&une[0]);
        use super::super::ancre::Piece::*;
        assert_eq!(
            &pieces[..4],
            [
                Text("La "),
                Start("signataires[0].nom"),
                Text("Caisse d'Allocations Familiales de la Nièvre"),
                End
            ]
        );
        assert!(pieces.contains(&Start("signataires[0].representants[1].qualite")));
        assert!(pieces.contains(&Start("signataires[0].autorisation")));
        assert!(pieces.contains(&Start("signataires[0].alias")));
    }

    #[test]
    fn two_parties_one_each_side() {
        let c = convention(&format!("{CAF}{EPCI}"));
        let (une, autre) = parties(&c);
        assert_eq!(une, ["La Caisse d'Allocations Familiales de la Nièvre, représentée par M. Rakotorina, président du conseil d'administration, et par M. Buchon, directeur par intérim, dûment autorisés à signer la présente convention par délibération du conseil d'administration du 2016-10-14, ci-après dénommée « la Caf »,"]);
        assert_eq!(autre, ["La Communauté de Communes du Bazois, représentée par Dominique Joyeux, Présidente, dûment autorisée à signer la présente convention par délibération du conseil communautaire du …, ci-après dénommée « Communauté de Communes du Bazois »,"]);
        // The alias without article still reads with one in sentences.
        assert_eq!(territoire(&c), "la Communauté de Communes du Bazois");
        assert_eq!(
            de(&territoire(&c)),
            "de la Communauté de Communes du Bazois"
        );
    }

    #[test]
    fn three_parties_two_on_one_side() {
        let cd = "  - { organisme: cd, nom: Conseil départemental de la Nièvre, alias: le Département, representants: [{ nom: Paul Girard, qualite: Président }] }\n";
        let c = convention(&format!("{CAF}{cd}{EPCI}"));
        let (une, autre) = parties(&c);
        assert_eq!(une.len(), 2);
        assert!(une[0].ends_with("« la Caf » ;"), "{}", une[0]);
        assert_eq!(une[1], "Le Conseil départemental de la Nièvre, représenté par Paul Girard, Président, ci-après dénommé « le Département »,");
        assert_eq!(autre.len(), 1);
        assert!(autre[0].ends_with("»,"));
        assert_eq!(
            signataires(&c),
            "la Caf, le Département et la Communauté de Communes du Bazois"
        );
    }

    #[test]
    fn everyone_on_one_side_is_one_list() {
        let epci = EPCI.replace(
            "    alias: Communauté",
            "    partie: une\n    alias: Communauté",
        );
        let c = convention(&format!("{CAF}{epci}"));
        let (une, autre) = parties(&c);
        assert!(autre.is_empty());
        assert!(une[0].ends_with(" ;") && une[1].ends_with("»."), "{une:?}");
    }

    #[test]
    fn five_parties_four_on_one_side() {
        let carsat = "  - { organisme: carsat, nom: Caisse d'Assurance Retraite et de la Santé au Travail, alias: la CARSAT, representants: [{ nom: M. Lebelle, qualite: Directeur }] }\n";
        let msa = "  - { organisme: msa, nom: Caisse Régionale de Mutualité Sociale Agricole de Bourgogne, alias: la CRMSAB }\n";
        let cd = "  - { organisme: cd, nom: Conseil Départemental de la Nièvre, alias: le Conseil Départemental, autorisation: délibération de la Commission permanente du …, representants: [{ nom: M. Joly, qualite: Président }] }\n";
        let c = convention(&format!("{CAF}{carsat}{msa}{cd}{EPCI}"));
        let (une, autre) = parties(&c);
        assert_eq!(une.len(), 4);
        assert_eq!(autre.len(), 1);
        assert!(une[0].ends_with("« la Caf » ;"));
        assert_eq!(une[1], "La Caisse d'Assurance Retraite et de la Santé au Travail, représentée par M. Lebelle, Directeur, ci-après dénommée « la CARSAT » ;");
        assert_eq!(une[2], "La Caisse Régionale de Mutualité Sociale Agricole de Bourgogne, ci-après dénommée « la CRMSAB » ;");
        assert_eq!(une[3], "Le Conseil Départemental de la Nièvre, représenté par M. Joly, Président, dûment autorisé à signer la présente convention par délibération de la Commission permanente du …, ci-après dénommé « le Conseil Départemental »,");
        assert!(autre[0].ends_with("»,"));
    }

    #[test]
    fn forty_eight_parties_and_unknown_genders() {
        let mut s = format!("{CAF}{EPCI}");
        for i in 0..46 {
            s.push_str(&format!("  - {{ organisme: commune, nom: Commune d'Agny {i}, alias: la commune d'Agny {i}, autorisation: délibération du conseil municipal du …, representants: [{{ qualite: Maire }}] }}\n"));
        }
        let c = convention(&s);
        let (une, autre) = parties(&c);
        assert_eq!((une.len(), autre.len()), (1, 47));
        assert!(autre[..46].iter().all(|p| p.ends_with(" ;")));
        assert!(autre[46].ends_with(','));
        // A maire of unknown gender: the commune is authorised.
        assert_eq!(autre[1], "La Commune d'Agny 0, représentée par son Maire, dûment autorisée à signer la présente convention par délibération du conseil municipal du …, ci-après dénommée « la commune d'Agny 0 » ;");
        let tznr = "  - { organisme: autre, nom: Territoire zéro non-recours, representants: [{ nom: Camille Durand }] }\n";
        let c = convention(&format!("{CAF}{EPCI}{tznr}"));
        let (une, _) = parties(&c);
        assert_eq!(une[1], "Territoire zéro non-recours, en la personne de Camille Durand, ci-après « Territoire zéro non-recours »,");
    }

    #[test]
    fn durations_and_periods() {
        let c = convention(&format!("{CAF}{EPCI}"));
        let p = &c.periode.value;
        assert_eq!(
            super::super::ancre::strip(&periode(p)),
            "du 1er septembre 2023 au 31 décembre 2026"
        );
        assert_eq!(duree(p), "40 mois");
    }
}

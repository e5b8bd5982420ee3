//! French grammar for the words documents build around names: the
//! definite article a name takes ("la Communauté…", "le Département",
//! "l'Union…"), "de" with its contractions and elision ("du Val-d'Ajol",
//! "des Forges", "d'Éloyes"), lists ("A, B et C") and counts in words
//! ("un axe", "deux actions"). Pure text: nothing here knows a convention.

/// The grammatical gender of a name, as its article or its head noun tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    Feminin,
    Masculin,
}

/// The head nouns of the bodies a convention names, with their gender:
/// the first word of "Communauté de communes du Bazois", "Caisse
/// d'allocations familiales…", "Conseil départemental…".
const HEADS: &[(&str, Genre)] = &[
    ("agence", Genre::Feminin),
    ("association", Genre::Feminin),
    ("caf", Genre::Feminin),
    ("caisse", Genre::Feminin),
    ("carsat", Genre::Feminin),
    ("centre", Genre::Masculin),
    ("collectivité", Genre::Feminin),
    ("comité", Genre::Masculin),
    ("commune", Genre::Feminin),
    ("communauté", Genre::Feminin),
    ("conseil", Genre::Masculin),
    ("cpam", Genre::Feminin),
    ("crmsa", Genre::Feminin),
    ("département", Genre::Masculin),
    ("direction", Genre::Feminin),
    ("établissement", Genre::Masculin),
    ("état", Genre::Masculin),
    ("fédération", Genre::Feminin),
    ("institut", Genre::Masculin),
    ("maison", Genre::Feminin),
    ("métropole", Genre::Feminin),
    ("mission", Genre::Feminin),
    ("msa", Genre::Feminin),
    ("mutualité", Genre::Feminin),
    ("office", Genre::Masculin),
    ("pôle", Genre::Masculin),
    ("préfecture", Genre::Feminin),
    ("région", Genre::Feminin),
    ("réseau", Genre::Masculin),
    ("service", Genre::Masculin),
    ("syndicat", Genre::Masculin),
    ("udaf", Genre::Feminin),
    ("union", Genre::Feminin),
    ("ville", Genre::Feminin),
];

/// Words that start with an aspirated h: no elision ("du Havre", "de la
/// Haute-Marne" keeps its article anyway).
const ASPIRATED: &[&str] = &["haut", "haute", "hautes", "hauts", "havre", "hague", "hem"];

/// The article a name already starts with: "la ", "le ", "les ", "l'".
fn written_article(name: &str) -> Option<(&'static str, &str)> {
    let lower = name.to_lowercase();
    for article in ["la ", "le ", "les ", "l’", "l'"] {
        if lower.starts_with(article) {
            return Some((article, &name[article.len()..]));
        }
    }
    None
}

/// The first word of a name, lowercase, up to a space, hyphen or apostrophe.
fn head(name: &str) -> String {
    name.split([' ', '-', '\'', '’', '\u{a0}'])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Whether a word takes elision: a vowel, or an h that is not aspirated.
pub fn elides(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    let vowel = "aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ".contains(first);
    vowel || (matches!(first, 'h' | 'H') && !ASPIRATED.contains(&head(word).as_str()))
}

/// The gender of a name: from its article if it has one, else from its
/// head noun when it is one of the bodies a convention names.
pub fn genre(name: &str) -> Option<Genre> {
    match written_article(name.trim_start()) {
        Some(("la ", _)) => return Some(Genre::Feminin),
        Some(("le ", _)) => return Some(Genre::Masculin),
        Some((_, rest)) => return genre(rest),
        None => {}
    }
    let h = head(name);
    HEADS.iter().find(|(w, _)| *w == h).map(|(_, g)| *g)
}

/// The name with its definite article: "Communauté de communes du Bazois"
/// → "la Communauté de communes du Bazois", "Union…" → "l'Union…"; a
/// name that has one keeps it (lowercased: it is inside a sentence). None
/// when the article cannot be told (a name ctg does not know the gender
/// of): the caller says so rather than print a sentence without one.
pub fn with_article(name: &str) -> Option<String> {
    let name = name.trim();
    if let Some((article, rest)) = written_article(name) {
        return Some(format!("{}{rest}", article.replace('\'', "’")));
    }
    let g = genre(name)?;
    Some(if elides(name) {
        format!("l’{name}")
    } else if g == Genre::Feminin {
        format!("la {name}")
    } else {
        format!("le {name}")
    })
}

/// "de" before a name as written, with contraction and elision: "Le
/// Val-d'Ajol" → "du Val-d'Ajol", "Les Forges" → "des Forges", "La
/// Bresse" → "de La Bresse", "Éloyes" → "d'Éloyes", "la Caf" → "de la Caf".
/// A commune's official article is part of its name: its capital is kept.
pub fn de(name: &str) -> String {
    let name = name.trim();
    match written_article(name) {
        Some(("le ", rest)) => format!("du {rest}"),
        Some(("les ", rest)) => format!("des {rest}"),
        _ if elides(name) => format!("d’{name}"),
        _ => format!("de {name}"),
    }
}

/// A name whose "de" was written before a commune's article or a vowel,
/// as a list or a draft may give it: "Commune de Le Val-d'Ajol" →
/// "Commune du Val-d'Ajol", "Commune de Les Forges" → "Commune des
/// Forges", "Commune de Éloyes" → "Commune d'Éloyes". Other text is kept.
pub fn contracted(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(at) = rest.find("de ") {
        let word_start = at == 0 || rest[..at].ends_with([' ', '\u{a0}']);
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let after = &from[3..];
        if !word_start {
            out.push_str("de ");
            rest = after;
            continue;
        }
        if let Some(r) = after.strip_prefix("Le ") {
            out.push_str("du ");
            rest = r;
        } else if let Some(r) = after.strip_prefix("Les ") {
            out.push_str("des ");
            rest = r;
        } else if elides(after) && !after.starts_with(['l', 'L']) {
            out.push_str("d’");
            rest = after;
        } else {
            out.push_str("de ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// "à" before a name as written: "Le Val-d'Ajol" → "au Val-d'Ajol",
/// "Les Forges" → "aux Forges", others unchanged ("à Arras").
pub fn a(name: &str) -> String {
    let name = name.trim();
    match written_article(name) {
        Some(("le ", rest)) => format!("au {rest}"),
        Some(("les ", rest)) => format!("aux {rest}"),
        _ => format!("à {name}"),
    }
}

/// A list as a sentence says it: "A", "A et B", "A, B et C".
pub fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// A number in words up to twenty, in figures beyond (grouped by
/// thousands as French writes them): "un" or "une" by the noun's gender.
pub fn in_words(n: u64, genre: Genre) -> String {
    const WORDS: [&str; 21] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
        "dix-neuf", "vingt",
    ];
    match (n, genre) {
        (1, Genre::Feminin) => "une".to_string(),
        (n, _) if n <= 20 => WORDS[n as usize].to_string(),
        (n, _) => crate::text::figures::thousands(n),
    }
}

/// "un axe stratégique", "deux axes stratégiques", "48 signataires": a
/// count and its noun phrase, singular and plural given.
pub fn count(n: u64, genre: Genre, singular: &str, plural: &str) -> String {
    let noun = if n > 1 { plural } else { singular };
    format!("{} {noun}", in_words(n, genre))
}

/// The agreement of a past participle: "autorisé", "autorisée",
/// "autorisés", "autorisées" for `stem` "autorisé".
pub fn agree(stem: &str, genre: Genre, plural: bool) -> String {
    let e = if genre == Genre::Feminin { "e" } else { "" };
    let s = if plural { "s" } else { "" };
    format!("{stem}{e}{s}")
}

/// The gender of a person from a civility or a quality: "Mme", "Madame",
/// "Présidente", "Directrice", "Maire" tells nothing.
pub fn genre_of_person(text: &str) -> Option<Genre> {
    let lower = text.trim().to_lowercase();
    let first = lower.split([' ', '\u{a0}']).next().unwrap_or("");
    match first {
        "mme" | "mme." | "madame" | "mlle" => return Some(Genre::Feminin),
        "m." | "m" | "monsieur" => return Some(Genre::Masculin),
        _ => {}
    }
    const FEMININE: [&str; 8] = [
        "présidente",
        "directrice",
        "vice-présidente",
        "adjointe",
        "première",
        "conseillère",
        "déléguée",
        "sous-préfète",
    ];
    const MASCULINE: [&str; 8] = [
        "président",
        "directeur",
        "vice-président",
        "adjoint",
        "premier",
        "conseiller",
        "délégué",
        "sous-préfet",
    ];
    if FEMININE.contains(&first) {
        Some(Genre::Feminin)
    } else if MASCULINE.contains(&first) {
        Some(Genre::Masculin)
    } else {
        None
    }
}

/// The gender a group of people takes: feminine only when all are, and
/// none when one of them cannot be told.
pub fn genre_of_group(genres: &[Option<Genre>]) -> Option<Genre> {
    let mut all_feminine = true;
    for g in genres {
        match g {
            None => return None,
            Some(Genre::Masculin) => all_feminine = false,
            Some(Genre::Feminin) => {}
        }
    }
    Some(if all_feminine {
        Genre::Feminin
    } else {
        Genre::Masculin
    })
}

/// The name with a capital: "la Caf" opening a paragraph is "La Caf".
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_get_their_article() {
        assert_eq!(
            with_article("Communauté de Communes du Bazois").as_deref(),
            Some("la Communauté de Communes du Bazois")
        );
        assert_eq!(
            with_article("Conseil départemental de la Nièvre").as_deref(),
            Some("le Conseil départemental de la Nièvre")
        );
        assert_eq!(
            with_article("Établissement public territorial Paris Est Marne et Bois").as_deref(),
            Some("l’Établissement public territorial Paris Est Marne et Bois")
        );
        assert_eq!(
            with_article("Union départementale des associations familiales").as_deref(),
            Some("l’Union départementale des associations familiales")
        );
        assert_eq!(with_article("La CARSAT").as_deref(), Some("la CARSAT"));
        assert_eq!(with_article("l'Udaf").as_deref(), Some("l’Udaf"));
        assert_eq!(with_article("Territoire zéro non-recours"), None);
    }

    #[test]
    fn de_contracts_and_elides() {
        assert_eq!(de("Éloyes"), "d’Éloyes");
        assert_eq!(de("Le Val-d'Ajol"), "du Val-d'Ajol");
        assert_eq!(de("Les Forges"), "des Forges");
        assert_eq!(de("La Bresse"), "de La Bresse");
        assert_eq!(de("Arras"), "d’Arras");
        assert_eq!(de("Hénin-Beaumont"), "d’Hénin-Beaumont");
        assert_eq!(de("Haute-Amance"), "de Haute-Amance");
        assert_eq!(de("Rambervillers"), "de Rambervillers");
        assert_eq!(de("la Caf"), "de la Caf");
        assert_eq!(de("l’Udaf"), "de l’Udaf");
        assert_eq!(a("Le Val-d'Ajol"), "au Val-d'Ajol");
        assert_eq!(a("Les Forges"), "aux Forges");
        assert_eq!(a("Arras"), "à Arras");
    }

    #[test]
    fn names_written_without_contraction_are_contracted() {
        assert_eq!(
            contracted("Commune de Le Val-d’Ajol"),
            "Commune du Val-d’Ajol"
        );
        assert_eq!(contracted("Commune de Les Forges"), "Commune des Forges");
        assert_eq!(contracted("Commune de Éloyes"), "Commune d’Éloyes");
        assert_eq!(
            contracted("Commune de Hénin-Beaumont"),
            "Commune d’Hénin-Beaumont"
        );
        assert_eq!(contracted("Commune de La Bresse"), "Commune de La Bresse");
        assert_eq!(
            contracted("Caisse d’allocations familiales de la Nièvre"),
            "Caisse d’allocations familiales de la Nièvre"
        );
        assert_eq!(contracted("Commune de Remiremont"), "Commune de Remiremont");
        assert_eq!(contracted("Vosges Ouest de Arras"), "Vosges Ouest d’Arras");
        assert_eq!(contracted("Maison de l’enfance"), "Maison de l’enfance");
        assert_eq!(contracted("Ronde enfantine"), "Ronde enfantine");
    }

    #[test]
    fn genders_of_bodies_and_people() {
        assert_eq!(
            genre("Caisse d'allocations familiales"),
            Some(Genre::Feminin)
        );
        assert_eq!(genre("le Département"), Some(Genre::Masculin));
        assert_eq!(genre("« la CUA »"), None);
        assert_eq!(genre_of_person("Présidente"), Some(Genre::Feminin));
        assert_eq!(
            genre_of_person("Président du conseil d'administration"),
            Some(Genre::Masculin)
        );
        assert_eq!(
            genre_of_person("Mme Dominique Joyeux"),
            Some(Genre::Feminin)
        );
        assert_eq!(genre_of_person("Maire"), None);
        use Genre::*;
        assert_eq!(
            genre_of_group(&[Some(Feminin), Some(Feminin)]),
            Some(Feminin)
        );
        assert_eq!(
            genre_of_group(&[Some(Feminin), Some(Masculin)]),
            Some(Masculin)
        );
        assert_eq!(genre_of_group(&[Some(Feminin), None]), None);
        assert_eq!(agree("autorisé", Feminin, false), "autorisée");
        assert_eq!(agree("autorisé", Masculin, true), "autorisés");
        assert_eq!(agree("autorisé", Feminin, true), "autorisées");
    }

    #[test]
    fn lists_and_counts() {
        let items = |n: usize| (1..=n).map(|i| format!("P{i}")).collect::<Vec<_>>();
        assert_eq!(join(&items(1)), "P1");
        assert_eq!(join(&items(2)), "P1 et P2");
        assert_eq!(join(&items(3)), "P1, P2 et P3");
        assert!(join(&items(48)).ends_with("P46, P47 et P48"));
        assert_eq!(
            count(1, Genre::Masculin, "axe stratégique", "axes stratégiques"),
            "un axe stratégique"
        );
        assert_eq!(count(1, Genre::Feminin, "action", "actions"), "une action");
        assert_eq!(
            count(2, Genre::Feminin, "action", "actions"),
            "deux actions"
        );
        assert_eq!(
            count(48, Genre::Masculin, "exemplaire", "exemplaires"),
            "48 exemplaires"
        );
        assert_eq!(in_words(1200, Genre::Masculin), "1\u{202f}200");
    }
}

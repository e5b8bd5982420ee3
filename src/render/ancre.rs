//! Anchors back to the source: every passage of a document that comes from
//! the YAML carries the path of its node ("signataires[0].nom"), so that a
//! word-processing file edited by a legal service can be read back at the
//! right line (README, "Word and LibreOffice").
//!
//! While the document is built, a passage is marked in its string with
//! three private-use characters: `START path SEP text END`. The Markdown,
//! HTML and PDF layouts drop the marks; the .docx and .odt layouts turn
//! them into bookmarks, whose names encode the path ([`bookmark_name`]).

/// Opens a marked passage; the path follows, up to [`SEP`].
pub const START: char = '\u{E000}';
/// Between the path and the text.
pub const SEP: char = '\u{E001}';
/// Closes a marked passage.
pub const END: char = '\u{E002}';

/// `text` marked as coming from the node at `path`. A user's own
/// private-use characters of these three are dropped first, so no text can
/// forge an anchor.
pub fn mark(path: &str, text: &str) -> String {
    let text = text.replace([START, SEP, END], "");
    if text.is_empty() {
        return text;
    }
    format!("{START}{path}{SEP}{text}{END}")
}

/// The text without its marks.
pub fn strip(text: &str) -> String {
    if !text.contains(START) && !text.contains(END) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_path = false;
    for c in text.chars() {
        match c {
            START => in_path = true,
            SEP => in_path = false,
            END => {}
            c if !in_path => out.push(c),
            _ => {}
        }
    }
    out
}

/// A piece of a marked text.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Start(&'a str),
    End,
}

/// The pieces of a marked text, in order.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find([START, END]) {
        if i > 0 {
            out.push(Piece::Text(&rest[..i]));
        }
        let c = rest[i..].chars().next().unwrap_or(END);
        rest = &rest[i + c.len_utf8()..];
        if c == END {
            out.push(Piece::End);
            continue;
        }
        match rest.find(SEP) {
            Some(j) => {
                out.push(Piece::Start(&rest[..j]));
                rest = &rest[j + SEP.len_utf8()..];
            }
            None => rest = "",
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The short codes of the keys a path goes through, so that a bookmark
/// name stays within the 40 characters Word keeps: `signataires[47].
/// representants[1].qualite` is `ctg_S47_R1_q_2` (its second occurrence).
const CODES: &[(&str, &str)] = &[
    ("signataires", "S"),
    ("representants", "R"),
    ("nom", "n"),
    ("qualite", "q"),
    ("alias", "a"),
    ("autorisation", "au"),
    ("territoire", "T"),
    ("communes", "C"),
    ("axes", "X"),
    ("intitule", "i"),
    ("objectifs", "o"),
    ("actions", "A"),
    ("indicateurs", "I"),
    ("libelle", "l"),
    ("unite", "u"),
    ("pilote", "p"),
    ("partenaires", "P"),
    ("public", "pu"),
    ("description", "d"),
    ("diagnostic", "D"),
    ("constats", "c"),
    ("articles", "Ar"),
    ("annexes", "An"),
    ("titre", "ti"),
    ("texte", "t"),
    ("liste", "li"),
    ("fichier", "fi"),
    ("partenaires_associes", "PA"),
    ("role", "r"),
    ("budget", "B"),
    ("financeurs", "f"),
    ("pilotage", "Pi"),
    ("comite_pilotage", "cp"),
    ("comite_technique", "ct"),
    ("membres", "m"),
    ("frequence", "fr"),
    ("signature", "Si"),
    ("lieu", "li"),
    ("reference", "re"),
    ("periode", "Pd"),
    ("debut", "db"),
    ("fin", "fn"),
    ("date", "da"),
];

/// The bookmark name of the `n`-th passage (from 1) of the node at `path`:
/// `ctg_` then each key's code and each index, joined by `_`, then `n`.
/// Letters, digits and `_` only, as Word and LibreOffice keep them.
pub fn bookmark_name(path: &str, n: usize) -> String {
    let mut name = String::from("ctg");
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']'))),
            None => (segment, None),
        };
        name.push('_');
        match CODES.iter().find(|(k, _)| *k == key) {
            Some((_, code)) => name.push_str(code),
            None => name.push_str(key),
        }
        if let Some(i) = index {
            name.push_str(i);
        }
    }
    name.push_str(&format!("_{n}"));
    name
}

/// The path a bookmark name stands for, the inverse of [`bookmark_name`]
/// (the occurrence number dropped); None for a bookmark ctg did not write.
pub fn path_of_bookmark(name: &str) -> Option<String> {
    let rest = name.strip_prefix("ctg_")?;
    let (body, n) = rest.rsplit_once('_')?;
    n.parse::<usize>().ok()?;
    let mut path = Vec::new();
    // Key codes share no prefix with a following index's digits, so each
    // segment is its code's letters then its digits.
    let mut at_signature = false;
    for segment in body.split('_') {
        let split = segment
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(segment.len());
        let (code, index) = segment.split_at(split);
        // "li" is both `liste` and `lieu`: `lieu` only under `signature`.
        let key = if code == "li" && at_signature {
            "lieu"
        } else {
            CODES.iter().find(|(_, c)| *c == code).map(|(k, _)| *k)?
        };
        at_signature = key == "signature";
        if index.is_empty() {
            path.push(key.to_string());
        } else {
            path.push(format!("{key}[{index}]"));
        }
    }
    Some(path.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_stripped_or_cut_into_pieces() {
        let text = format!("La {} a signé", mark("signataires[0].nom", "Caf"));
        assert_eq!(strip(&text), "La Caf a signé");
        assert_eq!(
            pieces(&text),
            [
                Piece::Text("La "),
                Piece::Start("signataires[0].nom"),
                Piece::Text("Caf"),
                Piece::End,
                Piece::Text(" a signé"),
            ]
        );
        // A user's own marks cannot forge an anchor.
        assert_eq!(strip(&mark("x", "a\u{E000}b\u{E002}")), "ab");
    }

    #[test]
    fn bookmark_names_are_short_and_read_back() {
        for path in [
            "signataires[47].representants[1].qualite",
            "actions[12].indicateurs[3].libelle",
            "territoire.communes[45].nom",
            "axes[2].objectifs[4]",
            "partenaires_associes[7].role",
            "signature.lieu",
            "signature.date",
            "periode.fin",
            "articles[1].liste[2]",
        ] {
            let name = bookmark_name(path, 2);
            assert!(name.len() <= 40, "{name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            assert_eq!(path_of_bookmark(&name).as_deref(), Some(path), "{name}");
        }
        assert_eq!(
            bookmark_name("signataires[47].representants[1].qualite", 2),
            "ctg_S47_R1_q_2"
        );
        assert_eq!(path_of_bookmark("_Toc123"), None);
    }
}

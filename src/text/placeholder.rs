//! Placeholder marks left in a text to be completed: "à compléter" in
//! any case and with or without accents, `TODO` and `XXX` as words, `???`,
//! and the forms a draft leaves for a value still unknown: "…" or "..."
//! standing alone ("délibération du …", "M. …"), undecided agreement
//! ("Président(e)", "Directeur(rice)"), blank dates ("XX/XX/XXXX",
//! "__/__/____") and bracketed slots ("[nom]").
//! CTG308 reports them; a path still to write (`sdsf: À COMPLÉTER`) is
//! one, not a missing file.

/// The byte range of the first placeholder mark in `text` (see the
/// module's list).
pub fn placeholder(text: &str) -> Option<(usize, usize)> {
    Marks::new(text).first_from(0)
}

/// The placeholder marks of a text, found by jumping from one candidate
/// byte to the next (`?`, `T`, `X`, and the `p` of "compléter", rare in
/// French text), without allocating. Each kind of mark remembers the next
/// one it found, so asking from further and further on reads the text once.
pub struct Marks<'t> {
    text: &'t str,
    /// The next `???`, `TODO` or `XXX`, and the next "à compléter", once
    /// looked for (`Some(None)`: there is none further on).
    short: Option<Option<(usize, usize)>>,
    completer: Option<Option<(usize, usize)>>,
    /// The next blank form ("…", "(e)", "__", "[nom]").
    form: Option<Option<(usize, usize)>>,
}

impl<'t> Marks<'t> {
    pub fn new(text: &'t str) -> Self {
        Marks {
            text,
            short: None,
            completer: None,
            form: None,
        }
    }

    /// The first mark starting at `from` or after (a character boundary);
    /// letters before `from` still count against a word. `from` never
    /// goes back.
    pub fn first_from(&mut self, from: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let short = next(&mut self.short, from, |from| short_mark(text, from));
        let completer = next(&mut self.completer, from, |from| completer_mark(text, from));
        let form = next(&mut self.form, from, |from| form_mark(text, from));
        [short, completer, form].into_iter().flatten().min()
    }
}

/// The remembered next mark if it still lies at `from` or after, else a
/// new search from `from`.
fn next(
    memo: &mut Option<Option<(usize, usize)>>,
    from: usize,
    find: impl FnOnce(usize) -> Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    match *memo {
        Some(Some(hit)) if hit.0 >= from => Some(hit),
        Some(None) => None,
        _ => *memo.insert(find(from)),
    }
}

/// The first `???`, `TODO` or `XXX` at `from` or after.
fn short_mark(text: &str, from: usize) -> Option<(usize, usize)> {
    memchr::memchr3_iter(b'?', b'T', b'X', &text.as_bytes()[from..]).find_map(|i| {
        let i = from + i;
        let rest = &text[i..];
        if rest.starts_with("???") {
            return Some((i, i + 3));
        }
        let n = word_mark(rest.chars().next()?, rest)?;
        is_word(text, i, i + n).then_some((i, i + n))
    })
}

/// The first "à compléter" at `from` or after, found from its `p`: back
/// over "com", a space, the "à".
fn completer_mark(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'p', b'P', &bytes[from..]).find_map(|p| {
        let p = from + p;
        let com = p.checked_sub(3)?;
        if !bytes[com..p].eq_ignore_ascii_case(b"com") {
            return None;
        }
        let mut before = text[..com].char_indices().rev();
        let (_, space) = before.next()?;
        let (start, a) = before.next()?;
        if start < from || fold_char(space) != ' ' || fold_char(a) != 'a' {
            return None;
        }
        let n = word_mark(a, &text[start..])?;
        is_word(text, start, start + n).then_some((start, start + n))
    })
}

/// The endings of an agreement left undecided: "Président(e)",
/// "Directeur(rice)", "adjoint(es)".
const AGREEMENTS: [&str; 10] = [
    "e", "es", "rice", "trice", "ice", "ne", "le", "euse", "ère", "ve",
];

/// The first blank form at `from` or after: an ellipsis standing for a
/// value ("du …", "M. ...", not "etc…"), an undecided agreement, a blank
/// date (`XX/XX/XXXX`), a run of underscores, a bracketed slot ("[nom]",
/// not a Markdown link).
fn form_mark(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let alone_before = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '(')
    };
    // In order, so a search stops at its first hit.
    bytes[from..]
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b'(' | b'[' | 0xE2 | b'_' | b'X'))
        .find_map(|(i, _)| {
            let i = from + i;
            let rest = &text[i..];
            let end = if rest.starts_with('…') || rest.starts_with("...") {
                let n = rest.len() - rest.trim_start_matches(['…', '.']).len();
                let after = rest[n..].chars().next();
                let alone = after.is_none_or(|c| c.is_whitespace() || ",;:)".contains(c));
                (alone_before(i) && alone).then_some(i + n)?
            } else if rest.starts_with('(') {
                let close = rest.find(')').filter(|&c| c <= 6)?;
                let ending = &rest[1..close];
                let after_word = text[..i].ends_with(char::is_alphabetic);
                (after_word && AGREEMENTS.contains(&ending)).then_some(i + close + 1)?
            } else if rest.starts_with('[') {
                let close = rest.find(']').filter(|&c| c <= 40)?;
                let inside = &rest[1..close];
                let slot = inside.chars().any(char::is_lowercase)
                    && inside
                        .chars()
                        .all(|c| c.is_alphabetic() || c == ' ' || c == '\'');
                (slot && !rest[close + 1..].starts_with('(')).then_some(i + close + 1)?
            } else if rest.starts_with("__") {
                i + rest.len() - rest.trim_start_matches(['_', '/']).len()
            } else if rest.starts_with("XX/") {
                i + rest.len() - rest.trim_start_matches(['X', '/']).len()
            } else {
                return None;
            };
            Some((i, end))
        })
}

/// Whether `text[start..end]` stands as a word: no letter or digit touches it.
fn is_word(text: &str, start: usize, end: usize) -> bool {
    !text[..start].ends_with(char::is_alphanumeric)
        && !text[end..].starts_with(char::is_alphanumeric)
}

/// The byte length of the mark `rest` starts with, if any (`c` is its first
/// character).
fn word_mark(c: char, rest: &str) -> Option<usize> {
    const COMPLETER: &str = "a completer";
    match c {
        'T' if rest.starts_with("TODO") => Some(4),
        'X' if rest.starts_with("XXX") => Some(3),
        _ if fold_char(c) == 'a' => {
            let mut chars = rest.char_indices();
            for expected in COMPLETER.chars() {
                let (_, c) = chars.next()?;
                if fold_char(c) != expected {
                    return None;
                }
            }
            Some(chars.next().map_or(rest.len(), |(at, _)| at))
        }
        _ => None,
    }
}

/// Lowercase without accents; any space-like character as a space.
fn fold_char(c: char) -> char {
    match c {
        'À' | 'Â' | 'à' | 'â' | 'A' => 'a',
        'É' | 'È' | 'Ê' | 'é' | 'è' | 'ê' | 'E' => 'e',
        c if c.is_whitespace() || c == '_' || c == '-' => ' ',
        c => c.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::{placeholder, word_mark};

    #[test]
    fn placeholders_in_any_case_or_accent() {
        for (text, found) in [
            ("À COMPLÉTER", Some("À COMPLÉTER")),
            ("pilote : a completer", Some("a completer")),
            ("A Compléter avant mars", Some("A Compléter")),
            ("à\u{a0}compléter", Some("à\u{a0}compléter")),
            ("TODO", Some("TODO")),
            ("voir ???", Some("???")),
            ("XXX", Some("XXX")),
            ("XXXe siècle", None),
            ("mastodon", None),
            ("Todo", None),
            ("la compléter", None),
            ("texte complet", None),
            ("délibération du …", Some("…")),
            ("M. ...", Some("...")),
            ("Fait à …, le …", Some("…")),
            ("etc…", None),
            ("Vu la loi...", None),
            ("Président(e)", Some("(e)")),
            ("Directeur(rice)", Some("(rice)")),
            ("partenaire(s)", None),
            ("le 1er (e)", None),
            ("le XX/XX/XXXX", Some("XX/XX/XXXX")),
            ("le __/__/____", Some("__/__/____")),
            ("signé par [nom]", Some("[nom]")),
            ("voir [le guide](https://caf.fr)", None),
            ("[A1]", None),
        ] {
            assert_eq!(placeholder(text).map(|(s, e)| &text[s..e]), found, "{text}");
        }
    }

    /// The scan as first written: every byte a mark can start with, in
    /// order. Slow, plainly right: the fast scan must agree with it.
    fn reference(text: &str) -> Option<(usize, usize)> {
        for (i, b) in text.bytes().enumerate() {
            if !matches!(b, b'?' | b'T' | b'X' | b'a' | b'A' | 0xC3) {
                continue;
            }
            let rest = &text[i..];
            if rest.starts_with("???") {
                return Some((i, i + 3));
            }
            if text[..i].ends_with(char::is_alphanumeric) {
                continue;
            }
            if let Some(n) = word_mark(rest.chars().next()?, rest) {
                if !text[i + n..].starts_with(char::is_alphanumeric) {
                    return Some((i, i + n));
                }
            }
        }
        None
    }

    #[test]
    fn the_fast_scan_finds_what_the_reference_finds() {
        const PIECES: &[&str] = &[
            "à", "A", "â", " ", "\u{a0}", "-", "com", "CoM", "pléter", "PLÉTER", "pleter", "p",
            "T", "TODO", "XXX", "?", "??", "x", "é", "\u{202f}", "à com", "Â_CoM",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| PIECES.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for text in &texts {
                assert_eq!(placeholder(text), reference(text), "{text:?}");
            }
        }
    }
}

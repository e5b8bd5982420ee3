//! Placeholder marks left in a text to be completed: "à compléter" in
//! any case and with or without accents, `TODO` and `XXX` as words, `???`.
//! CTG308 reports them; a path still to write (`sdsf: À COMPLÉTER`) is
//! one, not a missing file.

/// The byte range of the first placeholder mark in `text`: "à compléter"
/// in any case and with or without accents, `TODO` and `XXX` as words,
/// `???`.
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
}

impl<'t> Marks<'t> {
    pub fn new(text: &'t str) -> Self {
        Marks {
            text,
            short: None,
            completer: None,
        }
    }

    /// The first mark starting at `from` or after (a character boundary);
    /// letters before `from` still count against a word. `from` never
    /// goes back.
    pub fn first_from(&mut self, from: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let short = next(&mut self.short, from, |from| short_mark(text, from));
        let completer = next(&mut self.completer, from, |from| completer_mark(text, from));
        match (short, completer) {
            (Some(s), Some(c)) => Some(s.min(c)),
            (s, c) => s.or(c),
        }
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

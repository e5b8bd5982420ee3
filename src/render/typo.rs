//! French typography and escaping for the documents.
//!
//! User text goes through [`french`] (apostrophes, spaces before high
//! punctuation, ISO dates in words) and then through the escaper of the
//! target format, so that whatever a title contains prints as written.

use crate::diagnostic::Lang;
use crate::model::date::long;
use chrono::NaiveDate;

/// Espace fine insécable: thousands, before `; ! ?`, inside « ».
pub const NNBSP: char = '\u{202F}';
/// Espace insécable: before `:` and before a unit.
pub const NBSP: char = '\u{00A0}';

/// The markup a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Markdown,
    Html,
    Typst,
}

/// French typography for text a user wrote: typographic apostrophe, ISO
/// dates in words ("du 2023-10-12" → "du 12 octobre 2023"), no-break spaces
/// before `: ; ! ?` and inside « ».
pub fn french(text: &str) -> String {
    let text = text.replace('\'', "’");
    spaces(&iso_dates_in_words(&text))
}

/// The no-break spaces of French punctuation, on text that may already be
/// markup: a plain space before `:` becomes an espace insécable, before
/// `; ! ? »` an espace fine insécable, and likewise after `«`. A guillemet
/// with no space at all gets its fine space.
pub fn spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // `a != b` in a template's code is an operator, not French.
            ' ' if chars.clone().nth(1) == Some('=') => out.push(' '),
            ' ' => match chars.peek() {
                Some(':') => out.push(NBSP),
                Some(';' | '!' | '?' | '»') => out.push(NNBSP),
                _ => out.push(' '),
            },
            '«' => {
                out.push('«');
                if chars.peek() == Some(&' ') {
                    chars.next();
                }
                if chars.peek() != Some(&NNBSP) && chars.peek() != Some(&NBSP) {
                    out.push(NNBSP);
                }
            }
            '»' => {
                if !matches!(out.chars().last(), Some(' ' | NNBSP | NBSP) | None) {
                    out.push(NNBSP);
                }
                out.push('»');
            }
            _ => out.push(c),
        }
    }
    out
}

/// `YYYY-MM-DD` standing alone in a sentence, when it is a real date.
fn iso_dates_in_words(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let candidate = &bytes[i..i + 10];
        let shaped = candidate.iter().enumerate().all(|(k, b)| {
            if k == 4 || k == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        let alone = (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 10).is_none_or(|b| !b.is_ascii_alphanumeric());
        if shaped && alone {
            if let Ok(d) = NaiveDate::parse_from_str(&text[i..i + 10], "%Y-%m-%d") {
                out.push_str(&text[last..i]);
                out.push_str(long(d).get(Lang::Fr));
                i += 10;
                last = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[last..]);
    out
}

/// `29826` → `29 826`, with espaces fines insécables.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(NNBSP);
        }
        out.push(c);
    }
    out
}

/// A figure as French writes it: `1 250`, `12,5`, `-3`.
pub fn number(x: f64) -> String {
    let sign = if x < 0.0 { "-" } else { "" };
    let x = x.abs();
    // Two decimals at most, trailing zeros dropped.
    let cents = (x * 100.0).round() as u64;
    let (whole, frac) = (cents / 100, cents % 100);
    let mut out = format!("{sign}{}", thousands(whole));
    if frac != 0 {
        let frac = format!("{frac:02}");
        out.push(',');
        out.push_str(frac.trim_end_matches('0'));
    }
    out
}

/// `250000` → `250 000 €`.
pub fn euros(x: f64) -> String {
    format!("{}{NBSP}€", number(x))
}

/// "cinq" for 5: durations in words, as a convention states them.
pub fn in_words(n: i64) -> String {
    const WORDS: [&str; 11] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|n| WORDS.get(n))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// Escapes text so that it prints as written in `markup`. Characters that
/// act instead of showing (terminal escapes, bidirectional overrides) are
/// left out of every document.
pub fn escape(markup: Markup, text: &str) -> String {
    let text = &crate::terminal::without_controls(text);
    match markup {
        Markup::Html => escape_html(text),
        Markup::Markdown => escape_markdown(text),
        Markup::Typst => escape_typst(text),
    }
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Markdown: inline markup characters are backslash-escaped everywhere; the
/// characters that only matter at the start of a line (`# - + =`, and the
/// `.` of `1. ` as a list marker) are escaped there. A single newline becomes a space, so a value never
/// breaks a table row; a blank line stays a paragraph break.
fn escape_markdown(text: &str) -> String {
    backslash_escaped(text, || {
        let (mut line_start, mut digits) = (true, false);
        move |c, next: Option<char>| {
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '&' | '!'
                | '{' | '}' => true,
                '#' | '-' | '+' | '=' => line_start,
                '.' | ')' => digits && matches!(next, None | Some(' ')),
                _ => false,
            };
            digits = (line_start || digits) && c.is_ascii_digit();
            line_start = line_start && c == ' ';
            escape
        }
    })
}

/// Markdown for a page meant to be posted for review (a pull-request
/// comment, an issue): escaped as [`escape`] does, and an `@name` or a
/// `#123` at the start of a word gets a zero-width space after its sign, so
/// the page mentions nobody and links no issue. Not for the convention
/// itself, whose text must copy as written.
pub fn escape_for_review(text: &str) -> String {
    defuse_references(&escape(Markup::Markdown, text))
}

/// `@team` → `@&#8203;team`, `#12` → `#&#8203;12`, at the start of a word.
fn defuse_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let word_start = !prev.is_some_and(char::is_alphanumeric);
        if matches!(c, '@' | '#') && word_start && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            out.push_str("&#8203;");
        }
        prev = Some(c);
    }
    out
}

/// Typst markup: every character that means something in markup is
/// backslash-escaped, so user text can never open code (`#`), math (`$`),
/// content, a label, a reference or a comment.
fn escape_typst(text: &str) -> String {
    backslash_escaped(text, || {
        |c, _| {
            matches!(
                c,
                '\\' | '#'
                    | '$'
                    | '['
                    | ']'
                    | '*'
                    | '_'
                    | '`'
                    | '<'
                    | '>'
                    | '@'
                    | '='
                    | '-'
                    | '+'
                    | '/'
                    | '~'
                    | '\''
                    | '"'
                    | '.'
                    | ':'
            )
        }
    })
}

/// Text paragraph by paragraph, with a backslash before each character the
/// paragraph's `escapes` (made anew for each paragraph) says means markup.
fn backslash_escaped<F>(text: &str, escapes: impl Fn() -> F) -> String
where
    F: FnMut(char, Option<char>) -> bool,
{
    let mut out = String::with_capacity(text.len() + 8);
    for (n, paragraph) in paragraphs(text).enumerate() {
        if n > 0 {
            out.push_str("\n\n");
        }
        let mut escape = escapes();
        let mut chars = paragraph.chars().peekable();
        while let Some(c) = chars.next() {
            if escape(c, chars.peek().copied()) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The paragraphs of a text, each on one line. Only ASCII white space is
/// folded: no-break spaces are typography.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .map(|p| {
            p.split(|c: char| c.is_ascii_whitespace())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_typography() {
        assert_eq!(
            french("délibération du 2023-10-12 : d'accord ; « oui » !"),
            "délibération du 12 octobre 2023\u{a0}: d’accord\u{202f}; «\u{202f}oui\u{202f}»\u{202f}!"
        );
        assert_eq!(french("«oui»"), "«\u{202f}oui\u{202f}»");
        assert_eq!(spaces("#if a != b [x]"), "#if a != b [x]");
        assert_eq!(french("réf. 2023-13-45"), "réf. 2023-13-45");
        assert_eq!(french("CTG-2023-01-015"), "CTG-2023-01-015");
    }

    #[test]
    fn figures() {
        assert_eq!(thousands(29826), "29\u{202f}826");
        assert_eq!(thousands(250000), "250\u{202f}000");
        assert_eq!(thousands(999), "999");
        assert_eq!(euros(250000.0), "250\u{202f}000\u{a0}€");
        assert_eq!(number(12.5), "12,5");
        assert_eq!(number(1234.05), "1\u{202f}234,05");
        assert_eq!(in_words(5), "cinq");
    }

    #[test]
    fn escapers() {
        let title = "# $x$ [a](b) *c* @d | <b>e</b>";
        assert_eq!(
            escape(Markup::Html, title),
            "# $x$ [a](b) *c* @d | &lt;b&gt;e&lt;/b&gt;"
        );
        assert_eq!(
            escape(Markup::Markdown, title),
            r"\# \$x\$ \[a\](b) \*c\* @d \| \<b\>e\</b\>"
        );
        assert_eq!(
            escape_for_review("@d, #12 et a@b.fr #x"),
            "@&#8203;d, #&#8203;12 et a@b.fr #&#8203;x"
        );
        assert_eq!(
            escape(Markup::Typst, title),
            r"\# \$x\$ \[a\](b) \*c\* \@d | \<b\>e\<\/b\>"
        );
        assert_eq!(escape(Markup::Markdown, "1.1"), "1.1");
        assert_eq!(
            escape(Markup::Markdown, "1. a\nb\n\nc"),
            r"1\. a b".to_string() + "\n\nc"
        );
    }
}

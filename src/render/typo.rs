//! French typography and escaping for the documents.
//!
//! User text goes through [`french`] (apostrophes, spaces before high
//! punctuation, ISO dates in words) and then through the escaper of the
//! target format (`text::escape`, re-exported here with the figures of
//! `text::figures` for the templates' formatter), so that whatever a title
//! contains prints as written.

use crate::diagnostic::Lang;
use crate::model::date::long;
use chrono::NaiveDate;

pub use crate::text::escape::{escape, escape_for_review, Markup, NBSP, NNBSP};
pub use crate::text::figures::{euros, number, thousands};

/// French typography for text a user wrote: typographic apostrophe, ISO
/// dates in words ("du 2023-10-12" → "du 12 octobre 2023"), no-break spaces
/// before `: ; ! ?` and inside « ».
pub fn french(text: &str) -> String {
    let text = text.replace('\'', "’");
    spaces(&dates_kept_whole(&iso_dates_in_words(&text)))
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

/// "1er" (and "1re") as a word, with its letters raised in the markups
/// that can: `1#super[er]` in Typst, `1<sup>er</sup>` in HTML. On text
/// already escaped.
pub fn superscripts(markup: Markup, escaped: &str) -> String {
    let raised = |ending: &str| match markup {
        Markup::Typst => format!("1#super[{ending}]"),
        Markup::Html => format!("1<sup>{ending}</sup>"),
        _ => format!("1{ending}"),
    };
    let raises = matches!(markup, Markup::Typst | Markup::Html);
    if !raises || !escaped.contains("1er") && !escaped.contains("1re") {
        return escaped.to_string();
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    let mut rest = escaped;
    while let Some(at) = rest.find('1') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let ending = ["er", "re"].into_iter().find(|e| from[1..].starts_with(e));
        let alone_before = !out.ends_with(|c: char| c.is_alphanumeric() || c == '#');
        match ending {
            Some(e)
                if alone_before
                    && !from[1 + e.len()..].starts_with(|c: char| c.is_alphanumeric()) =>
            {
                out.push_str(&raised(e));
                rest = &from[1 + e.len()..];
            }
            _ => {
                out.push('1');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A date in words is not cut between its day and its month: "26
/// septembre 2019" gets a no-break space after "26".
fn dates_kept_whole(text: &str) -> String {
    use crate::model::date::MONTHS_FR as MONTHS;
    if !MONTHS.iter().any(|m| text.contains(m)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(' ') {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let after = &after[1..];
        let day = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| {
                w == "1er"
                    || (!w.is_empty() && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
            });
        let month = MONTHS
            .iter()
            .any(|m| after.starts_with(m) && !after[m.len()..].starts_with(char::is_alphabetic));
        out.push(if day && month { NBSP } else { ' ' });
        rest = after;
    }
    out.push_str(rest);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_typography() {
        assert_eq!(
            french("délibération du 2023-10-12 : d'accord ; « oui » !"),
            "délibération du 12\u{a0}octobre 2023\u{a0}: d’accord\u{202f}; «\u{202f}oui\u{202f}»\u{202f}!"
        );
        assert_eq!(french("«oui»"), "«\u{202f}oui\u{202f}»");
        assert_eq!(spaces("#if a != b [x]"), "#if a != b [x]");
        assert_eq!(french("réf. 2023-13-45"), "réf. 2023-13-45");
        assert_eq!(french("CTG-2023-01-015"), "CTG-2023-01-015");
    }

    #[test]
    fn dates_are_not_cut_after_their_day() {
        assert_eq!(
            french("du 26 septembre 2019 au 1er mars, 12 maisons"),
            "du 26\u{a0}septembre 2019 au 1er\u{a0}mars, 12 maisons"
        );
    }

    #[test]
    fn first_is_raised() {
        assert_eq!(
            superscripts(Markup::Typst, "du 1er janvier au 31 mars"),
            "du 1#super[er] janvier au 31 mars"
        );
        assert_eq!(
            superscripts(Markup::Html, "le 1er, 11er, 1erx, 21 et 1re"),
            "le 1<sup>er</sup>, 11er, 1erx, 21 et 1<sup>re</sup>"
        );
        assert_eq!(superscripts(Markup::Markdown, "1er"), "1er");
    }
}

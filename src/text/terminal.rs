//! What may reach a terminal, a CI log or a document from a user's values.
//!
//! A YAML value can hold characters that a terminal obeys instead of
//! showing: escape sequences (clear the screen, set the window title, OSC 8
//! links), the bell, a carriage return that rewrites the line, C1 controls
//! such as U+009B, and the bidirectional overrides that show text in
//! another order than it is read ("Trojan source"). Terminal and log
//! outputs show them as `\u{1b}`; documents leave them out.

use std::borrow::Cow;

/// Whether a character acts instead of showing: C0 controls but the tab,
/// DEL, C1 controls, the bidirectional marks, embeddings, overrides and
/// isolates, and the Unicode line and paragraph separators.
pub fn is_hidden_control(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{a}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// The text with every hidden control written out as `\u{1b}`, for one
/// line of a terminal or a log (a newline too is written out).
pub fn visible(text: &str) -> Cow<'_, str> {
    escaped(text, is_hidden_control)
}

/// Like [`visible`], for a text of several lines: newlines stay.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c != '\n' && is_hidden_control(c))
}

/// The text without its hidden controls, for a document: newlines stay.
pub fn without_controls(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| c != '\n' && is_hidden_control(c);
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !hidden(c)).collect())
}

fn escaped(text: &str, hidden: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(visible("Éloyes"), "Éloyes");
        assert_eq!(visible("a\u{1b}]0;titre\u{7}b"), "a\\u{1b}]0;titre\\u{7}b");
        assert_eq!(visible("x\ry\u{9b}z\u{202e}"), "x\\u{d}y\\u{9b}z\\u{202e}");
        assert_eq!(visible("a\nb\tc"), "a\\u{a}b\tc");
        assert_eq!(visible_lines("a\nb\u{1b}"), "a\nb\\u{1b}");
        assert_eq!(without_controls("a\u{1b}[2Jb\u{2066}c\nd"), "a[2Jbc\nd");
    }
}

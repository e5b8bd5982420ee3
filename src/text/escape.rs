//! Escaping for each markup ctg writes, so that a user's text prints as
//! written: HTML (and XML), Markdown, Typst. Characters that act instead of
//! showing are left out of every document.

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
    /// WordprocessingML (.docx): XML text inside `<w:t>`.
    Docx,
    /// OpenDocument text (.odt): XML text inside `<text:p>`.
    Odt,
}

/// Escapes text so that it prints as written in `markup`. Characters that
/// act instead of showing (terminal escapes, bidirectional overrides) are
/// left out of every document.
pub fn escape(markup: Markup, text: &str) -> String {
    let text = &crate::text::terminal::without_controls(text);
    match markup {
        Markup::Html => escape_html(text),
        Markup::Markdown => escape_markdown(text),
        Markup::Typst => escape_typst(text),
        // A line break inside a value is a space: paragraphs are the
        // layout's, and XML 1.0 has no other control character.
        Markup::Docx | Markup::Odt => escape_html(&text.replace(['\n', '\t', '\r'], " ")),
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

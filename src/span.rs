//! Byte spans into a source file, and their conversion to lines and columns.

use camino::Utf8PathBuf;

/// A half-open byte range `[start, end)` in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    /// The value node itself.
    pub span: Span,
    /// The key that introduced the value (`key: value`), or the value span for
    /// list items.
    pub key: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span, key: Span) -> Self {
        Spanned { value, span, key }
    }
}

/// In the JSON Schema a spanned value is just its value.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A source file as read from disk, with a line index for positions.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or as found while walking a directory).
    pub path: Utf8PathBuf,
    /// The text, after UTF-8 decoding. Invalid files keep a lossy copy, so the
    /// report can still show where the problem is.
    pub text: String,
    /// Whether the file began with a UTF-8 byte-order mark, left out of
    /// `text` (editors do not count it in columns).
    pub bom: bool,
    /// Where each line starts, worked out when a position is first asked
    /// for: most files have no finding and never need it.
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// The last column worked out, `(offset, its line's start, column)`:
    /// the next position on the same line counts only the characters in
    /// between. Findings come in order, so a 2 MB line holding 100,000 of
    /// them is read once, not once per finding.
    last_column: std::sync::Mutex<(usize, usize, usize)>,
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: Utf8PathBuf, text: String) -> Self {
        SourceFile {
            path,
            text,
            bom: false,
            line_starts: std::sync::OnceLock::new(),
            last_column: std::sync::Mutex::new((0, 0, 0)),
        }
    }

    /// The bytes as they were read, byte-order mark included: what a
    /// document's source hash is of, so `sha256sum FILE` gives the same.
    pub fn bytes_as_read(&self) -> std::borrow::Cow<'_, [u8]> {
        if self.bom {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            bytes.extend_from_slice(self.text.as_bytes());
            std::borrow::Cow::Owned(bytes)
        } else {
            std::borrow::Cow::Borrowed(self.text.as_bytes())
        }
    }

    /// The byte offset where each line starts, the first at 0.
    pub fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// Where a span starts and ends (the end is the position just after it).
    pub fn range(&self, span: Span) -> (LineCol, LineCol) {
        (self.line_col(span.start), self.line_col(span.end))
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line];
        let column = if self.text.is_char_boundary(offset) {
            self.column(start, offset)
        } else {
            offset - start
        };
        LineCol {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The characters from `line_start` to `offset` (both char boundaries).
    fn column(&self, line_start: usize, offset: usize) -> usize {
        let mut last = self
            .last_column
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (at, from, column) = *last;
        let chars = |a: usize, b: usize| self.text[a..b].chars().count();
        let n = if from != line_start {
            chars(line_start, offset)
        } else if offset >= at {
            column + chars(at, offset)
        } else {
            column - chars(offset, at)
        };
        *last = (offset, line_start, n);
        n
    }
}

/// Where the line holding byte `offset` of `text` starts.
pub fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_right_in_any_order_of_asking() {
        let text = "é: [à, « b », c]\nsuite: ü\n";
        let f = SourceFile::new("x.yaml".into(), text.into());
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let expected = |o: usize| {
            let start = text[..o].rfind('\n').map_or(0, |i| i + 1);
            text[start..o].chars().count() + 1
        };
        let forward = offsets.clone();
        offsets.reverse();
        for o in forward.into_iter().chain(offsets).chain([9, 2, 20, 0, 5]) {
            assert_eq!(f.line_col(o).column, expected(o), "offset {o}");
        }
    }

    #[test]
    fn line_col_counts_characters_from_one() {
        let f = SourceFile::new("x.yaml".into(), "a: 1\nnom: Éloyes\n".into());
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        let at = f.text.find("Éloyes").unwrap();
        assert_eq!(f.line_col(at), LineCol { line: 2, column: 6 });
        let after = at + "Éloyes".len();
        assert_eq!(
            f.line_col(after),
            LineCol {
                line: 2,
                column: 12
            }
        );
    }
}

//! Byte offsets in a document and LSP positions (line, character), in the
//! encoding agreed with the client: UTF-8 when it offers it, else UTF-16,
//! the protocol's default.

use lsp_types::{Position, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The start of each line of a text.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines {
            text,
            starts,
            encoding,
        }
    }

    /// The position of a byte offset (clamped to the text, moved back to a
    /// character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of a position: a line past the end is the end of the
    /// text, a character past the line's end is the line's end (before its
    /// line break), a position inside a character is that character's start.
    pub fn offset(&self, p: Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(p.line as usize + 1)
            .map_or(self.text.len(), |&e| e - 1);
        let line = &self.text[start..end.max(start)];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > p.character as usize {
                return start + i;
            }
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns_of_accented_names() {
        let text = "nom: Éloyes 𝔸\r\nx: 1\n";
        let l16 = Lines::new(text, Encoding::Utf16);
        let l8 = Lines::new(text, Encoding::Utf8);
        let after_e = text.find("loyes").unwrap();
        assert_eq!(l16.position(after_e), Position::new(0, 6));
        assert_eq!(l8.position(after_e), Position::new(0, 7));
        // The astral letter is two UTF-16 units.
        let end = text.find('\r').unwrap();
        assert_eq!(l16.position(end), Position::new(0, 14));
        for l in [&l16, &l8] {
            assert_eq!(l.offset(l.position(after_e)), after_e);
            assert_eq!(l.offset(Position::new(1, 1)), text.find("x:").unwrap() + 1);
            // Past the line's end: the end, before "\r\n".
            assert_eq!(l.offset(Position::new(0, 99)), end);
            assert_eq!(l.offset(Position::new(9, 0)), text.len());
        }
        // Inside a character: its start.
        assert_eq!(l8.offset(Position::new(0, 6)), text.find('É').unwrap());
        assert_eq!(
            l8.position(text.find('É').unwrap() + 1),
            Position::new(0, 5)
        );
    }
}

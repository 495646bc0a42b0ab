//! Positions in article text: byte spans (what analysis speaks) and line/character
//! positions (what editors speak), with the conversion between them.
//!
//! Analysis works only in UTF-8 byte offsets ([`ByteSpan`]). The LSP layer and the
//! JSON output convert at the edge through a [`LineIndex`], in UTF-8 or UTF-16 code
//! units as negotiated. Lines end at `\n`, `\r\n` or a lone `\r`, as LSP defines them.

use serde::{Deserialize, Serialize};

/// A half-open range of UTF-8 byte offsets into one article's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        ByteSpan { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(&self, other: ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    /// The text under the span, or "" when the span does not fall on char boundaries.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Which code units a [`Position::character`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// A zero-based line and character offset, as LSP defines them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// A start and end [`Position`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Line starts of one text, for converting between byte offsets and positions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first is always 0.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // memchr: a workspace's line breaks are found at memory speed when it loads.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of a byte offset. Offsets past the end clamp to the end; offsets
    /// inside a multi-byte character count from that character's start.
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_text = &text[self.starts[line]..offset];
        let character = match enc {
            Encoding::Utf8 => line_text.len(),
            Encoding::Utf16 => line_text.chars().map(char::len_utf16).sum(),
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    pub fn range(&self, text: &str, span: ByteSpan, enc: Encoding) -> Range {
        Range {
            start: self.position(text, span.start, enc),
            end: self.position(text, span.end, enc),
        }
    }

    /// The byte offset of a position, or `None` when the line does not exist. A
    /// character past the end of its line clamps to the line end (LSP's rule); one
    /// that falls inside a character (a surrogate pair, a multi-byte sequence) clamps
    /// to that character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> Option<usize> {
        let line = pos.line as usize;
        let start = *self.starts.get(line)?;
        let end = self.line_content_end(text, line);
        let mut units = 0usize;
        let want = pos.character as usize;
        for (i, ch) in text[start..end].char_indices() {
            if units >= want {
                return Some(start + i);
            }
            units += match enc {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units > want {
                return Some(start + i);
            }
        }
        Some(end)
    }

    /// End of a line's content, before its line break.
    fn line_content_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        let mut end = next;
        if end > self.starts[line] && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > self.starts[line] && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_count_surrogate_pairs() {
        let text = "a😀b 12\nx";
        let idx = LineIndex::new(text);
        let twelve = text.find("12").unwrap();
        assert_eq!(
            idx.position(text, twelve, Encoding::Utf16),
            Position {
                line: 0,
                character: 5
            }
        );
        assert_eq!(
            idx.position(text, twelve, Encoding::Utf8),
            Position {
                line: 0,
                character: 7
            }
        );
        let back = idx.offset(
            text,
            Position {
                line: 0,
                character: 5,
            },
            Encoding::Utf16,
        );
        assert_eq!(back, Some(twelve));
    }

    #[test]
    fn inside_a_surrogate_pair_clamps_to_the_character_start() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        let pos = Position {
            line: 0,
            character: 2,
        };
        assert_eq!(idx.offset(text, pos, Encoding::Utf16), Some(1));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "one\r\ntwo\rthree\nfour";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let four = text.find("four").unwrap();
        assert_eq!(idx.position(text, four, Encoding::Utf16).line, 3);
        // Past the end of line 0 clamps before the CRLF.
        let p = Position {
            line: 0,
            character: 99,
        };
        assert_eq!(idx.offset(text, p, Encoding::Utf16), Some(3));
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            None
        );
    }
}

//! Editor edits applied to a document's text: LSP-style positions (line, character
//! in UTF-8 or UTF-16 units) resolved in a rope, clamped into the text, never lost.
//! The server applies every `didChange` through here, and the fuzzer tests it.

use crate::span::{Encoding, Position, Range};
use ropey::Rope;

/// The char index of an LSP position in a rope, clamped into the text. The flag says
/// whether the position lay past the end of the document (a client bug worth logging;
/// a character past its line's end is LSP's normal way to say "line end").
fn char_index(rope: &Rope, p: Position, enc: Encoding) -> (usize, bool) {
    let line = p.line as usize;
    if line >= rope.len_lines() {
        return (rope.len_chars(), true);
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut content = slice.len_chars();
    while content > 0 && matches!(slice.char(content - 1), '\n' | '\r') {
        content -= 1;
    }
    let end = start + content;
    let want = p.character as usize;
    let index = match enc {
        Encoding::Utf16 => {
            let target = rope.char_to_utf16_cu(start) + want;
            if target >= rope.char_to_utf16_cu(end) {
                end
            } else {
                rope.utf16_cu_to_char(target)
            }
        }
        Encoding::Utf8 => {
            let target = rope.char_to_byte(start) + want;
            if target >= rope.char_to_byte(end) {
                end
            } else {
                rope.byte_to_char(target)
            }
        }
    };
    (index, false)
}

/// Applies one editor change (a range and its new text, or the whole text when the
/// range is `None`); returns false when a position lay past the end and was clamped.
pub fn apply(rope: &mut Rope, range: Option<Range>, text: &str, enc: Encoding) -> bool {
    let Some(range) = range else {
        *rope = Rope::from_str(text);
        return true;
    };
    let (mut a, clamped_a) = char_index(rope, range.start, enc);
    let (mut b, clamped_b) = char_index(rope, range.end, enc);
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    rope.remove(a..b);
    rope.insert(a, text);
    !(clamped_a || clamped_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Option<Range> {
        Some(Range {
            start: Position {
                line: l0,
                character: c0,
            },
            end: Position {
                line: l1,
                character: c1,
            },
        })
    }

    #[test]
    fn utf16_edits_after_an_emoji_land_on_the_right_character() {
        let mut rope = Rope::from_str("😀 2 hours\nnext");
        assert!(apply(&mut rope, range(0, 3, 0, 4), "3", Encoding::Utf16));
        assert_eq!(rope.to_string(), "😀 3 hours\nnext");
    }

    #[test]
    fn an_edit_past_the_end_is_clamped_and_reported() {
        let mut rope = Rope::from_str("one\r\ntwo");
        assert!(!apply(&mut rope, range(7, 0, 9, 0), "!", Encoding::Utf16));
        assert_eq!(rope.to_string(), "one\r\ntwo!");
        // A character past its line's end means the line end, before the CRLF.
        assert!(apply(&mut rope, range(0, 50, 0, 50), "s", Encoding::Utf16));
        assert_eq!(rope.to_string(), "ones\r\ntwo!");
    }

    #[test]
    fn utf8_positions_count_bytes() {
        let mut rope = Rope::from_str("é 5");
        assert!(apply(&mut rope, range(0, 3, 0, 4), "6", Encoding::Utf8));
        assert_eq!(rope.to_string(), "é 6");
    }
}

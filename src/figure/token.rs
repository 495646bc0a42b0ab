//! The scanner under the figure reader: one pass over the text that cuts it into words,
//! digit runs and single punctuation marks, each with its byte span and whether
//! whitespace came before it. Everything after works on this token list, never on the
//! raw text, so extraction stays linear in the text's length.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Letters; dotted abbreviations such as `a.m.` and `U.S.` are one word.
    Word,
    /// Digits with inner `,`/`.` separators (`1,200`, `1.4`, `.40`).
    Num,
    /// Any other single character (`$`, `%`, `-`, `:`, `’`, …).
    Punct,
}

/// One token: its byte span, class and spacing.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// Whitespace (or the start of the text) precedes the token.
    pub gap: bool,
    /// A line break precedes the token (or it starts the text).
    pub line_start: bool,
    /// A word of lower-case ASCII letters only (its own lower-case form).
    pub plain_lower: bool,
    /// A word starting with a capital letter.
    pub capital: bool,
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

/// Cuts `text` into tokens, appending them to `out`.
pub(crate) fn tokenize(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut gap = true;
    let mut line_start = true;
    while i < n {
        let b = bytes[i];
        if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
            gap = true;
            if b == b'\n' || b == b'\r' {
                line_start = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let class;
        let mut plain_lower = false;
        if b.is_ascii_digit() || (b == b'.' && starts_decimal(bytes, i)) {
            i = scan_number(bytes, i);
            class = Class::Num;
        } else if b.is_ascii_alphabetic() {
            (i, plain_lower) = scan_word(text, i);
            class = Class::Word;
        } else if b < 0x80 {
            i += 1;
            class = Class::Punct;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                gap = true;
                i += c.len_utf8();
                continue;
            }
            if is_letter(c) {
                (i, plain_lower) = scan_word(text, i);
                class = Class::Word;
            } else {
                i += c.len_utf8();
                class = Class::Punct;
            }
        }
        let capital = class == Class::Word
            && !plain_lower
            && (b.is_ascii_uppercase()
                || b >= 0x80 && text[start..].chars().next().is_some_and(char::is_uppercase));
        out.push(Token {
            start,
            end: i,
            class,
            gap,
            line_start,
            plain_lower,
            capital,
        });
        gap = false;
        line_start = false;
    }
}

/// A `.` starts a number (`.40`) when a digit follows and no digit or letter precedes.
fn starts_decimal(bytes: &[u8], i: usize) -> bool {
    let next_digit = bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit());
    let prev_alnum = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
    next_digit && !prev_alnum
}

/// Digits with inner separators: a `,` before exactly three digits groups thousands
/// (`1,200`), or before one or two final digits is a decimal comma (`5,00`); a list
/// `22,24,26` is cut at its commas. One `.` is a decimal point; a second one only
/// groups thousands (`1.111.111`), so `192.168.1.2` stops early.
#[inline]
fn scan_number(bytes: &[u8], mut i: usize) -> usize {
    let digits_from = |k: usize| bytes[k..].iter().take_while(|b| b.is_ascii_digit()).count();
    // An item of a comma list (`22,24,26,31`) has no decimal comma.
    let in_list = i > 0 && bytes[i - 1] == b',';
    let mut commas = 0;
    let mut points = 0;
    i += 1;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let run = if i + 1 < bytes.len() {
            digits_from(i + 1)
        } else {
            0
        };
        if run == 0 {
            break;
        }
        let after = bytes.get(i + 1 + run).copied();
        let list_next =
            after == Some(b',') && bytes.get(i + 2 + run).is_some_and(|d| d.is_ascii_digit());
        let ok = match c {
            b',' => {
                run == 3
                    || (commas == 0 && run <= 2 && !list_next && !in_list)
                    || run == 2 && list_next && indian_groups(bytes, i)
            }
            b'.' => points == 0 || run == 3,
            _ => false,
        };
        if !ok {
            break;
        }
        if c == b',' {
            commas += 1;
        } else {
            points += 1;
        }
        i += 1 + run;
    }
    i
}

/// Indian digit grouping from the `,` at `i`: two-digit groups ending in a three-digit
/// one (`12,34,567`).
fn indian_groups(bytes: &[u8], mut i: usize) -> bool {
    loop {
        let run = bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let next = bytes.get(i + 1 + run).copied();
        match (run, next) {
            (2, Some(b',')) => i += 1 + run,
            (3, n) => {
                return n != Some(b',')
                    || !bytes.get(i + 2 + run).is_some_and(|d| d.is_ascii_digit())
            }
            _ => return false,
        }
    }
}

/// A run of letters; a one-letter word followed by `.` and another letter and `.`
/// takes them in (`a.m.`, `U.S.`, `k.g.`).
#[inline]
fn scan_word(text: &str, start: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut plain_lower = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() {
            i += 1;
        } else if b.is_ascii_uppercase() {
            plain_lower = false;
            i += 1;
        } else if b >= 0x80 {
            match text[i..].chars().next() {
                Some(c) if is_letter(c) => i += c.len_utf8(),
                _ => break,
            }
            plain_lower = false;
        } else {
            break;
        }
    }
    if i - start == 1 {
        let mut j = i;
        while bytes.get(j) == Some(&b'.')
            && bytes.get(j + 1).is_some_and(|c| c.is_ascii_alphabetic())
            && !bytes.get(j + 2).is_some_and(|c| c.is_ascii_alphabetic())
        {
            j += 2;
            i = j;
        }
        if i > start + 1 && bytes.get(i) == Some(&b'.') {
            i += 1;
        }
        if i > start + 1 {
            plain_lower = false;
        }
    }
    (i, plain_lower)
}

/// `word` lower-cased into `buf` (ASCII letters only; others are copied); `""` when
/// it does not fit.
pub(crate) fn lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> &'b str {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() {
        return "";
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn cuts_numbers_words_and_marks() {
        assert_eq!(
            texts("At 9:35 p.m. the U.S. paid $1,200.50 for .40-caliber rounds."),
            vec![
                "At", "9", ":", "35", "p.m.", "the", "U.S.", "paid", "$", "1,200.50", "for", ".40",
                "-", "caliber", "rounds", "."
            ]
        );
        assert_eq!(texts("Monday’s 1.4m"), vec!["Monday", "’", "s", "1.4", "m"]);
        assert_eq!(texts("3,000."), vec!["3,000", "."]);
    }
}

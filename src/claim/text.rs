//! A light parse of one article: word and punctuation tokens with byte offsets,
//! sentences, and the clause distance between tokens. This stands in for a POS
//! tagger: it only needs to say which words belong with which figure.

use crate::span::ByteSpan;

/// One token: a word (letters, digits, inner hyphens and apostrophes, dotted
/// abbreviations like "U.S.") or a single punctuation character.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub span: ByteSpan,
    /// Lower-cased text.
    pub lower: String,
    pub capitalised: bool,
    pub is_word: bool,
    pub is_number: bool,
    /// A line break lies between this token and the previous one.
    pub after_newline: bool,
}

/// Abbreviations whose trailing period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "lt", "capt", "sgt", "st", "jr", "sr", "gov", "rep", "sen", "gen",
    "col", "u.s", "a.m", "p.m", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "vs", "inc", "co", "corp", "wash", "fla", "calif", "tex", "ariz", "det", "ft",
    "mt", "ave", "blvd", "u.n", "u.k", "d.c", "sgt", "cpl", "pvt", "supt", "insp",
];

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut newline = false;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                newline = true;
            }
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                let next_alnum = chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                if cj.is_alphanumeric()
                    || (matches!(cj, '-' | '\'' | '’') && next_alnum)
                    || (matches!(cj, '.' | ',' | ':' | '/')
                        && next_alnum
                        && inner_mark_joins(&chars, i, j))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            let word = &text[start..end];
            out.push(Token {
                span: ByteSpan::new(start, end),
                lower: word.to_lowercase(),
                capitalised: c.is_uppercase(),
                is_word: true,
                is_number: c.is_ascii_digit(),
                after_newline: newline,
            });
            i = j;
        } else {
            let end = chars.get(i + 1).map_or(text.len(), |c| c.0);
            out.push(Token {
                span: ByteSpan::new(start, end),
                lower: text[start..end].to_string(),
                capitalised: false,
                is_word: false,
                is_number: false,
                after_newline: newline,
            });
            i += 1;
        }
        newline = false;
    }
    out
}

/// Whether a '.', ',', ':' or '/' at `j` joins the token begun at `i`: digits around
/// it ("1,200", "9:35", "1.4") or a dotted abbreviation of single letters ("U.S").
fn inner_mark_joins(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let before = chars[j - 1].1;
    let after = chars[j + 1].1;
    if before.is_ascii_digit() && after.is_ascii_digit() {
        return true;
    }
    chars[j].1 == '.' && (j - i == 1 || chars[j - 2].1 == '.') && after.is_alphabetic()
}

/// Token index ranges of sentences. A sentence ends at '.', '!' or '?' before a
/// capital, a quote or a line break (abbreviations excepted), and at every line break.
pub fn sentences(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1);
        let ends = match tokens[i].lower.as_str() {
            "." | "!" | "?" => {
                let prev = i.checked_sub(1).map(|p| &tokens[p]);
                let abbreviation = prev.is_some_and(|p| {
                    p.is_word
                        && (ABBREVIATIONS.contains(&p.lower.as_str())
                            || (p.lower.chars().count() == 1 && p.capitalised))
                        && tokens[i].span.start == p.span.end
                });
                let next_starts = next.is_none_or(|n| {
                    n.after_newline
                        || n.capitalised
                        || n.is_number
                        || matches!(n.lower.as_str(), "\"" | "“" | "‘" | "'" | "`" | "(")
                });
                next_starts && (!abbreviation || next.is_none_or(|n| n.after_newline))
            }
            _ => false,
        };
        if ends || next.is_none_or(|n| n.after_newline) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// How far a token is from its neighbour in clause terms: punctuation and
/// conjunctions that open a new clause count extra.
pub fn boundary_cost(token: &Token) -> f32 {
    if token.is_word {
        return match token.lower.as_str() {
            "and" | "but" | "while" | "or" | "whereas" => 1.5,
            "who" | "which" | "that" | "where" | "when" | "after" | "before" | "because" => 1.5,
            _ => 1.0,
        };
    }
    match token.lower.as_str() {
        "," => 2.5,
        ";" | ":" | "—" | "–" | "(" | ")" | "\"" | "“" | "”" => 4.0,
        "." | "!" | "?" => 8.0,
        _ => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_numbers_and_abbreviations_whole() {
        let toks = tokenize("About 9:35 p.m. the U.S. side paid 1,200 dollars.");
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        assert_eq!(
            words,
            [
                "about", "9:35", "p.m", ".", "the", "u.s", ".", "side", "paid", "1,200", "dollars",
                "."
            ]
        );
    }

    #[test]
    fn sentences_end_at_periods_before_capitals_but_not_after_abbreviations() {
        let text = "Mr. Lee left at 5 p.m. on Friday. The meeting ended.\nA title";
        let toks = tokenize(text);
        let sents = sentences(&toks);
        assert_eq!(sents.len(), 3);
        assert_eq!(toks[sents[1].start].lower, "the");
    }
}

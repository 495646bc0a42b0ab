//! Recognition in one article: tokens, capitalised runs, and the split of each run
//! into a role and one or more names, each with a kind and how sure we are of it.
//!
//! No model: capitalisation, a few word lists ([`super::gazetteer`]) and what the
//! article itself says (a word seen in lower case is a common word; a surname seen
//! with a given name makes the surname alone a person) are the evidence.

use super::gazetteer::{self, key, FastMap, FastSet, Gazetteer};
use super::{Certainty, EntityKind, Mention};
use crate::span::ByteSpan;
use std::borrow::Cow;

/// How a token is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Starts with a capital: "Rafah", "McGurk", "U.S.".
    Cap,
    /// Two or more letters, all capitals: "IDF", "DENVER".
    Upper,
    Lower,
    Number,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    /// End of the word without a possessive `'s`.
    end: usize,
    /// End of the word as written (with the possessive).
    raw_end: usize,
    shape: Shape,
    /// May be capitalised only because of where it stands: first word of a
    /// sentence, a line, a quotation, or any word of a headline-case line.
    initial: bool,
    /// Only spaces since the previous token (no punctuation, no line break).
    joined: bool,
    /// The previous token is separated by a lone `&`.
    after_ampersand: bool,
    possessive: bool,
}

/// Every name mentioned in `text`, in order of position.
pub fn recognise(text: &str) -> Vec<Mention> {
    let g = gazetteer::get();
    let mut toks = tokenise(text, g);
    if toks.is_empty() {
        return Vec::new();
    }
    mark_initials(text, &mut toks);
    let doc = Doc::new(text, toks, g);
    doc.mentions()
}

/// Words that end an appositive role: what follows is a clause, not the role.
const ROLE_ENDS: &[&str] = &[
    "who", "whom", "whose", "which", "that", "said", "says", "told", "and", "but", "when", "where",
    "while", "after", "before", "as", "is", "was", "has", "had", "will",
];

/// Nouns too plain to be a role ("Ann Lee, a woman in her 40s").
const NOT_ROLES: &[&str] = &[
    "man", "woman", "person", "boy", "girl", "one", "other", "same",
];

/// Longest appositive role, in words.
const ROLE_WORDS: usize = 7;

/// A role in apposition after a person's name: "Jacob Magid, the bureau chief, said" →
/// "bureau chief"; "Roger Williams, a Republican of Texas." → "Republican of Texas";
/// "Ann Lee, Secretary of State," → "Secretary of State". The appositive must open with
/// an article or a title word and close at punctuation within a few words, so that a
/// list of names ("Lee, Park and Cho") or a clause ("Lee, who fled,") is never taken.
fn role_after(text: &str, end: usize, g: &gazetteer::Gazetteer) -> Option<String> {
    let rest = text.get(end..)?.strip_prefix(", ")?;
    let close = rest
        .find([',', '.', ';', ':', '(', ')', '\n', '—', '"', '“', '”'])
        .unwrap_or(rest.len());
    // A dot inside an abbreviation ("U.S.", "Rep.") does not close the role.
    let close = {
        let mut at = close;
        while rest[at..].starts_with('.') {
            let word_start = rest[..at].rfind(' ').map_or(0, |i| i + 1);
            let word = &rest[word_start..at];
            let abbreviation =
                word.len() <= 4 && word.chars().next().is_some_and(char::is_uppercase);
            match rest[at + 1..].find([',', '.', ';', ':', '(', ')', '\n', '—']) {
                Some(next) if abbreviation => at = at + 1 + next,
                _ => break,
            }
        }
        at
    };
    let words: Vec<&str> = rest[..close].split_whitespace().collect();
    let (first, body) = words.split_first()?;
    let body = if matches!(first.to_lowercase().as_str(), "the" | "a" | "an") {
        body
    } else if g.is_title(&gazetteer::key(first)) {
        &words[..]
    } else {
        return None;
    };
    if body.is_empty()
        || body.len() > ROLE_WORDS
        || body.iter().any(|w| {
            let lower = w.to_lowercase();
            ROLE_ENDS.contains(&lower.as_str()) || w.chars().any(|c| c.is_ascii_digit())
        })
        || (body.len() == 1 && NOT_ROLES.contains(&body[0].to_lowercase().as_str()))
    {
        return None;
    }
    Some(body.join(" "))
}

/// Words that end a glued token from bad scraping ("Gaza Stripthe").
const GLUE_TAILS: [&str; 10] = [
    "the", "and", "said", "from", "with", "that", "this", "for", "was", "has",
];

/// Two-letter-or-more capitalised abbreviations that are not names.
const NOT_ACRONYMS: &[&str] = &[
    "tv", "ok", "am", "pm", "gmt", "est", "edt", "pst", "pdt", "cst", "cdt", "utc", "ceo", "cfo",
    "coo", "id", "dna", "gps", "atm", "suv", "phd", "usd", "eur", "gdp", "rip", "faq", "url",
    "pdf", "html", "lol", "hq", "llc", "llp", "icu", "er", "bb", "mvp", "rn", "iq", "vip", "ps",
    "usb", "lp", "aka", "asap", "diy", "omg", "fyi", "tba",
];

/// Compass abbreviations after a street ("Benning Road NE"): a place of their own.
const COMPASS: [&str; 4] = ["ne", "nw", "se", "sw"];

/// Words that join two capitalised words inside one name ("Times of Israel").
const CONNECTORS: [&str; 14] = [
    "of", "and", "de", "da", "del", "der", "van", "von", "bin", "al", "la", "le", "du", "y",
];

/// First words that make a place: "Lake Mary", "Fort Worth", "West Volusia".
const PLACE_STARTS: [&str; 20] = [
    "lake", "mount", "mt", "fort", "ft", "port", "saint", "st", "san", "santa", "los", "las", "el",
    "new", "north", "south", "east", "west", "upper", "greater",
];

/// Head words that are also common surnames: after a given name they make a person
/// ("Anita Hill", "Emily Post").
const SURNAME_HEADS: [&str; 16] = [
    "hall", "hill", "park", "lane", "post", "way", "brooks", "banks", "church", "field", "mills",
    "rivers", "page", "street", "ford", "star",
];

/// Words after a name that mark a person: "Steele said".
const SPEECH_VERBS: [&str; 12] = [
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "asked",
    "explained",
    "testified",
    "recalled",
    "insisted",
    "argued",
    "noted",
];

/// Words before a name that mark a place: "in Rafah".
const PLACE_PREPOSITIONS: [&str; 9] = [
    "in",
    "near",
    "outside",
    "across",
    "throughout",
    "into",
    "toward",
    "towards",
    "from",
];

const NAME_SUFFIXES: [&str; 6] = ["jr", "sr", "ii", "iii", "iv", "v"];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Splits text into word tokens. Joiners (`'`, `’`, `-`, `.`, `&`) stay inside a
/// word when a letter or digit follows; a hyphen between a capitalised part and a
/// lower-case part ends the word ("Hamas-led", "then-Rep.").
fn tokenise(text: &str, g: &Gazetteer) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    let mut prev_end = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let c = if b < 0x80 {
            b as char
        } else {
            match char_at(text, i) {
                Some(c) => c,
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let first_upper = c.is_uppercase();
        let first_lower = c.is_lowercase();
        let mut j = i + c.len_utf8();
        while j < bytes.len() {
            let Some(ch) = char_at(text, j) else { break };
            if is_word_char(ch) {
                j += ch.len_utf8();
                continue;
            }
            let joiner = matches!(ch, '\'' | '\u{2019}' | '-' | '\u{2010}' | '.' | '&');
            if !joiner {
                break;
            }
            let Some(next) = char_at(text, j + ch.len_utf8()) else {
                break;
            };
            if !is_word_char(next) {
                break;
            }
            let hyphen = matches!(ch, '-' | '\u{2010}');
            if hyphen && first_upper && next.is_lowercase() {
                break;
            }
            if hyphen && first_lower && next.is_uppercase() {
                break;
            }
            j += ch.len_utf8();
        }
        // A closing full stop belongs to initials ("W."), dotted acronyms ("U.S.")
        // and known abbreviations ("Sen.", "Ky.").
        if bytes.get(j) == Some(&b'.') {
            let word = &text[start..j];
            let last = word.rsplit(['-', '\u{2010}']).next().unwrap_or(word);
            let single_capital =
                last.chars().count() == 1 && last.chars().all(|c| c.is_uppercase());
            let dotted_acronym = last.contains('.');
            if first_upper && (single_capital || dotted_acronym || g.is_dotted(&key(last))) {
                j += 1;
            }
        }
        let word = &text[start..j];
        let mut end = j;
        let possessive =
            (word.ends_with("'s") || word.ends_with("\u{2019}s")) && g.known(&key(word)).is_none();
        if possessive && word.len() > 4 {
            end = j - if word.ends_with("'s") { 2 } else { 4 };
        }
        let letters = word[..end - start]
            .chars()
            .filter(|c| c.is_alphabetic())
            .count();
        let shape = if c.is_ascii_digit() {
            Shape::Number
        } else if first_upper {
            let all_upper = word[..end - start]
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
            let digits = word.chars().any(|c| c.is_ascii_digit());
            if all_upper && letters >= 2 && !digits {
                Shape::Upper
            } else {
                Shape::Cap
            }
        } else {
            Shape::Lower
        };
        let gap = &text[prev_end..start];
        let trimmed = gap.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\u{a0}');
        toks.push(Tok {
            start,
            end: if possessive && word.len() > 4 { end } else { j },
            raw_end: j,
            shape,
            initial: false,
            joined: trimmed.is_empty() || trimmed == "&",
            after_ampersand: trimmed == "&",
            possessive: possessive && word.len() > 4,
        });
        prev_end = j;
        i = j;
    }
    toks
}

/// Marks tokens that may be capitalised only by position: sentence and line starts,
/// quotations, and every word of a line in headline case.
fn mark_initials(text: &str, toks: &mut [Tok]) {
    let g = gazetteer::get();
    let mut prev_raw_end = 0;
    let mut prev_abbrev = true;
    for t in toks.iter_mut() {
        let gap = &text[prev_raw_end..t.start];
        // An opening quote or bracket right before the word starts a sentence; a
        // closing one (`," Sansom said`) does not.
        let opening = gap
            .trim_end_matches([' ', '\t'])
            .ends_with(['"', '\u{201c}', '(', '\u{2018}', '\'', '`']);
        let boundary = opening || gap.contains(['\n', '.', '!', '?', ':']);
        t.initial = boundary || (prev_abbrev && !gap.contains(','));
        let word = &text[t.start..t.raw_end];
        // A full stop that ends a word may end the sentence too, unless the word is a
        // title or an initial, which a name always follows.
        prev_abbrev = word.ends_with('.') && {
            let k = key(word);
            !(g.is_title(&k) || k.chars().count() == 1 || k == "st")
        };
        prev_raw_end = t.raw_end;
    }
    // Headline case: most longer words on the line capitalised.
    let mut line_start = 0;
    while line_start < toks.len() {
        let line_end_byte = text[toks[line_start].start..]
            .find('\n')
            .map_or(text.len(), |p| toks[line_start].start + p);
        let mut line_end = line_start;
        while line_end < toks.len() && toks[line_end].start < line_end_byte {
            line_end += 1;
        }
        let (mut cap, mut low) = (0, 0);
        for t in &toks[line_start..line_end] {
            if t.end - t.start >= 4 {
                match t.shape {
                    Shape::Cap | Shape::Upper => cap += 1,
                    Shape::Lower => low += 1,
                    Shape::Number => {}
                }
            }
        }
        let sentence = text[toks[line_start].start..line_end_byte]
            .trim_end()
            .ends_with('.');
        if cap + low >= 3 && low * 4 <= cap && !sentence {
            for t in &mut toks[line_start..line_end] {
                t.initial = true;
            }
        }
        line_start = line_end.max(line_start + 1);
    }
}

/// One name found: token range (inclusive start, exclusive end) and what it is.
#[derive(Clone, Debug)]
struct Chunk {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    kind: EntityKind,
    certainty: Certainty,
    role: Option<ByteSpan>,
    /// Written in capitals only ("DENVER"): its kind comes from the same name
    /// written normally elsewhere.
    shouted: bool,
    /// A lone capitalised word that position alone may explain: kept only if the
    /// article names a person so.
    doubtful: bool,
}

struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    g: &'static Gazetteer,
    /// Words the article writes in lower case: capitalised, they start a sentence.
    lower: FastSet<&'a str>,
    /// Keys of capitalised words seen where position does not explain the capital.
    confirmed: FastSet<String>,
    /// Each token's lookup key, borrowed when the word is its own key.
    keys: Vec<Cow<'a, str>>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, mut toks: Vec<Tok>, g: &'static Gazetteer) -> Self {
        let mut lower = FastSet::default();
        let mut confirmed = FastSet::default();
        for t in &toks {
            match t.shape {
                Shape::Lower => {
                    lower.insert(&text[t.start..t.end]);
                }
                Shape::Cap if !t.initial => {
                    confirmed.insert(key(&text[t.start..t.end]));
                }
                _ => {}
            }
        }
        split_glued(text, &mut toks, g, &confirmed);
        let keys = toks
            .iter()
            .map(|t| {
                let w = &text[t.start..t.end];
                let own = w.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'\''
                });
                if own {
                    Cow::Borrowed(w)
                } else {
                    Cow::Owned(key(w))
                }
            })
            .collect();
        Doc {
            text,
            toks,
            g,
            lower,
            confirmed,
            keys,
        }
    }

    fn word(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    fn key(&self, i: usize) -> &str {
        &self.keys[i]
    }

    fn is_namey(&self, i: usize) -> bool {
        matches!(self.toks[i].shape, Shape::Cap | Shape::Upper)
    }

    fn lower_seen(&self, i: usize) -> bool {
        let w = self.word(i);
        let l = w.to_lowercase();
        self.lower.contains(l.as_str())
    }

    fn is_ordinal(&self, i: usize) -> bool {
        let w = self.word(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        self.toks[i].shape == Shape::Number
            && digits.chars().all(|c| c.is_ascii_digit())
            && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s))
    }

    /// Whether a run may start at token `i`.
    fn starts_run(&self, i: usize) -> bool {
        if self.is_namey(i) {
            return true;
        }
        // "18th Lane South"
        self.is_ordinal(i)
            && i + 1 < self.toks.len()
            && self.toks[i + 1].joined
            && self.is_namey(i + 1)
    }

    /// Whether number token `n` continues the run ending at `last`: route numbers
    /// ("Interstate 4"), station numbers ("KIRO 7").
    fn number_continues(&self, last: usize, n: usize) -> bool {
        if self.toks[n].shape != Shape::Number {
            return false;
        }
        let k = self.key(last);
        if matches!(
            k,
            "interstate" | "highway" | "route" | "us" | "i" | "sr" | "hwy" | "amendment"
        ) {
            return true;
        }
        let w = self.word(last);
        self.toks[last].shape == Shape::Upper && (3..=4).contains(&w.len())
    }

    /// The capitalised runs of the text, as token index lists (connectors included).
    fn runs(&self) -> Vec<Vec<usize>> {
        let mut runs = Vec::new();
        let n = self.toks.len();
        let mut k = 0;
        while k < n {
            if !self.starts_run(k) {
                k += 1;
                continue;
            }
            let mut run = vec![k];
            let mut j = k;
            loop {
                if self.toks[j].possessive && !self.keeps_possessive(j) {
                    break;
                }
                let nx = j + 1;
                if nx >= n || !self.toks[nx].joined {
                    break;
                }
                // "Lacey, Wash. Police said": a state abbreviation ends a name.
                let w = self.word(j);
                if w.ends_with('.')
                    && w.matches('.').count() == 1
                    && w.len() > 2
                    && self.g.known(&key(w)) == Some(EntityKind::Place)
                {
                    break;
                }
                if self.is_namey(nx) || self.number_continues(j, nx) || self.starts_run(nx) {
                    run.push(nx);
                    j = nx;
                    continue;
                }
                if self.is_connector(nx) {
                    // "Times of Israel", "Speaker of the House", "Boys and Girls Club".
                    let mut m = nx + 1;
                    if m < n
                        && self.word(nx) == "of"
                        && self.word(m) == "the"
                        && self.toks[m].joined
                    {
                        m += 1;
                    }
                    if m < n && self.toks[m].joined && self.is_namey(m) {
                        run.extend(nx..=m);
                        j = m;
                        continue;
                    }
                }
                break;
            }
            runs.push(run);
            k = j + 1;
        }
        runs
    }

    /// A title word, unless possessive ("Sheriff's Office" is a name).
    fn is_title_tok(&self, i: usize) -> bool {
        !self.toks[i].possessive && self.g.is_title(self.key(i))
    }

    fn is_connector(&self, i: usize) -> bool {
        self.toks[i].shape == Shape::Lower && CONNECTORS.contains(&self.word(i))
    }

    /// "Sheriff's Office", "Chili's": a possessive that stays inside the name.
    fn keeps_possessive(&self, i: usize) -> bool {
        let raw = &self.text[self.toks[i].start..self.toks[i].raw_end];
        if self.g.known(&key(raw)).is_some() {
            return true;
        }
        // A name's own possessive ("NASA's Mission Control") ends the name.
        let base = key(self.word(i));
        if self.toks[i].shape == Shape::Upper
            || self.g.known(&base).is_some()
            || self.g.given(&base).is_some()
        {
            return false;
        }
        let nx = i + 1;
        nx < self.toks.len() && self.toks[nx].joined && self.is_namey(nx) && {
            let k = self.key(nx);
            self.g.is_org_head(k) || self.g.is_place_head(k) || k == "medical"
        }
    }

    fn mentions(&self) -> Vec<Mention> {
        let mut chunks = Vec::new();
        for run in self.runs() {
            self.process_run(&run, &mut chunks);
        }
        self.resolve(&mut chunks);
        chunks
            .into_iter()
            .filter(|c| c.end > c.start)
            .map(|c| Mention {
                span: ByteSpan::new(c.start, c.end),
                kind: c.kind,
                role: match c.role {
                    Some(r) => Some(r.of(self.text).to_string()),
                    None if c.kind == EntityKind::Person => role_after(self.text, c.end, self.g),
                    None => None,
                },
                certainty: c.certainty,
            })
            .collect()
    }

    /// Splits one run at stop words, then each piece into role and names.
    fn process_run(&self, run: &[usize], out: &mut Vec<Chunk>) {
        let mut piece: Vec<usize> = Vec::new();
        for &t in run {
            let is_stop = self.toks[t].shape != Shape::Lower && self.word(t) != "The" && {
                let k = self.key(t);
                self.g.is_stop(k) || NOT_ACRONYMS.contains(&k)
            };
            if is_stop {
                self.process_piece(&piece, out);
                piece.clear();
            } else {
                piece.push(t);
            }
        }
        self.process_piece(&piece, out);
    }

    fn process_piece(&self, piece: &[usize], out: &mut Vec<Chunk>) {
        let mut p = piece;
        // Trailing and leading connectors left by a split.
        while let Some(&l) = p.last() {
            if self.is_connector(l) || self.word(l) == "The" {
                p = &p[..p.len() - 1];
            } else {
                break;
            }
        }
        while let Some(&f) = p.first() {
            if self.is_connector(f) {
                p = &p[1..];
                continue;
            }
            if self.word(f) == "The" {
                // "The Times of Israel" keeps its article; a sentence's "The" does not.
                let rest = &p[1..];
                if !self.toks[f].initial
                    && !rest.is_empty()
                    && self.head_kind(rest) == Some(EntityKind::Organisation)
                {
                    break;
                }
                p = rest;
                continue;
            }
            // A sentence-initial common word: "Witnesses", "Earlier" — but not the
            // first word of a headed name ("Mission Control").
            let headed = matches!(
                self.head_kind(p),
                Some(EntityKind::Organisation | EntityKind::Place)
            );
            if self.toks[f].initial && p.len() > 1 && !headed && self.droppable_initial(f) {
                p = &p[1..];
                continue;
            }
            break;
        }
        if p.is_empty() {
            return;
        }
        for sub in self.split_joined(p) {
            self.process_sub(sub, out);
        }
    }

    /// Splits a piece at "of" and "and" unless they are inside one name: "Ann Wagner
    /// of Missouri", "Israel and Egypt" are two names; "University of Denver", "Boys and
    /// Girls Club" and "Secretary of State" (a role) are one.
    fn split_joined<'p>(&self, p: &'p [usize]) -> Vec<&'p [usize]> {
        if self.g.known(&self.span_key(p)).is_some() {
            return vec![p];
        }
        let named = matches!(
            self.head_kind(p),
            Some(EntityKind::Organisation | EntityKind::Place)
        );
        let mut out = Vec::new();
        let mut from = 0;
        for i in 1..p.len() {
            let cut = match self.word(p[i]) {
                "of" => {
                    let left = self.key(p[i - 1]);
                    !(self.g.is_org_head(left)
                        || self.g.is_place_head(left)
                        || self.is_title_tok(p[i - 1])
                        || self.g.is_other_head(left))
                }
                // "South 333rd Street and Pacific Highway South": two headed names.
                "and" => {
                    !named || {
                        let left = self.key(p[i - 1]);
                        i - from >= 2 && (self.g.is_org_head(left) || self.g.is_place_head(left))
                    }
                }
                _ => false,
            };
            if cut {
                out.push(&p[from..i]);
                from = i + 1;
            }
        }
        out.push(&p[from.min(p.len())..]);
        out.retain(|s| !s.is_empty());
        out
    }

    fn process_sub(&self, p: &[usize], out: &mut Vec<Chunk>) {
        // Role: "U.S. National Security Advisor Jake Sullivan".
        if let Some((prefix, role, name)) = self.split_role(p) {
            if !prefix.is_empty() {
                self.emit_leading_entity(prefix, out);
            }
            let before = out.len();
            self.emit_names(name, true, out);
            let role_span = ByteSpan::new(self.toks[role.0].start, self.toks[role.1].end);
            for c in &mut out[before..] {
                if c.kind == EntityKind::Person {
                    c.role = Some(role_span);
                }
            }
            return;
        }
        // A role with no name after it: "Seminole County Sheriff" keeps only the place.
        let last = *p.last().unwrap();
        if self.is_title_tok(last)
            && self.head_kind(p).is_none()
            && self.g.known(&self.span_key(p)).is_none()
        {
            let first_title = p.iter().position(|&t| self.is_title_tok(t)).unwrap_or(0);
            self.emit_leading_entity(&p[..first_title], out);
            return;
        }
        self.emit_names(p, false, out);
    }

    /// Whether a capitalised first word of a sentence is just a common word.
    fn droppable_initial(&self, i: usize) -> bool {
        let k = self.key(i);
        if self.g.is_title(k) || self.g.given(k).is_some() || self.g.known(k).is_some() {
            return false;
        }
        // "Fortunately Middleton said": an adverb starts the sentence.
        self.lower_seen(i) || (k.ends_with("ly") && k.len() > 4)
    }

    /// The kind a head word gives: the word before "of" ("University of Denver"),
    /// else the last word.
    fn head_kind(&self, p: &[usize]) -> Option<EntityKind> {
        // "18th Lane South", "8th Ave. S.": a direction after the head.
        let directional = |t: usize| {
            matches!(
                self.key(t),
                "north" | "south" | "east" | "west" | "n" | "s" | "e" | "w"
            )
        };
        let mut p = p;
        while p.len() > 1 && directional(*p.last()?) {
            p = &p[..p.len() - 1];
        }
        let head = p
            .iter()
            .position(|&t| self.word(t) == "of")
            .filter(|&i| i > 0)
            .map_or(*p.last()?, |i| p[i - 1]);
        let k = self.key(head);
        if self.g.is_org_head(k) {
            Some(EntityKind::Organisation)
        } else if self.g.is_place_head(k) {
            Some(EntityKind::Place)
        } else if self.g.is_other_head(k) {
            Some(EntityKind::Other)
        } else {
            None
        }
    }

    /// Whether tokens look like a person's name (what may follow a title).
    fn name_like(&self, p: &[usize]) -> bool {
        if p.is_empty() || p.len() > 5 {
            return false;
        }
        if p.iter()
            .any(|&t| self.is_connector(t) || self.toks[t].shape == Shape::Number)
        {
            return false;
        }
        let k = key(&self.text[self.toks[p[0]].start..self.toks[*p.last().unwrap()].end]);
        if self.g.known(&k).is_some() || self.head_kind(p).is_some() {
            return false;
        }
        let firstk = self.key(p[0]);
        if NAME_SUFFIXES.contains(&firstk) || self.g.is_title(firstk) {
            return false;
        }
        true
    }

    /// Finds a title in the piece followed by a name: returns the tokens before the
    /// role (an organisation or place that is a mention of its own), the role's
    /// first and last token, and the name.
    #[allow(clippy::type_complexity)]
    fn split_role<'p>(&self, p: &'p [usize]) -> Option<(&'p [usize], (usize, usize), &'p [usize])> {
        // Rightmost title whose remainder is a name.
        for ti in (0..p.len()).rev() {
            if !self.is_title_tok(p[ti]) {
                continue;
            }
            let mut name_from = ti + 1;
            // "Secretary of State Antony Blinken": the complement runs to a given name,
            // else leaves the last two words to the name.
            if name_from < p.len() && self.is_connector(p[name_from]) {
                let given = (name_from + 1..p.len())
                    .find(|&i| self.g.given(self.key(p[i])).is_some() && i + 1 < p.len());
                name_from = match given {
                    Some(i) => i,
                    None if p.len() >= name_from + 4 => p.len() - 2,
                    None => continue,
                };
            }
            let name = &p[name_from..];
            if !self.name_like(name) {
                continue;
            }
            // The role starts after a leading organisation or place, and after a
            // demonym it starts at the demonym ("Israeli Prime Minister").
            let first_title = (0..=ti).find(|&i| self.is_title_tok(p[i])).unwrap_or(ti);
            let prefix = &p[..first_title];
            let role_first = p[0];
            let role_last = p[name_from - 1];
            return Some((prefix, (role_first, role_last), name));
        }
        None
    }

    /// "U.S. National Security" before "Advisor": the longest leading part that is a
    /// known entity or ends in a head word becomes a mention; the rest is role.
    fn emit_leading_entity(&self, prefix: &[usize], out: &mut Vec<Chunk>) {
        for len in (1..=prefix.len()).rev() {
            let part = &prefix[..len];
            if self.is_connector(*part.last().unwrap()) {
                continue;
            }
            let k = key(&self.text[self.toks[part[0]].start..self.toks[part[len - 1]].end]);
            let known = self.g.known(&k).is_some();
            let headed = self.head_kind(part).is_some_and(|k| k != EntityKind::Other);
            let acronym = len == 1 && self.toks[part[0]].shape == Shape::Upper;
            if known || headed || acronym {
                self.emit_names(part, false, out);
                return;
            }
        }
    }

    /// Classifies a piece (splitting at "and" and at capitalised hyphen compounds
    /// where the whole is not one name) and emits its chunks.
    fn emit_names(&self, p: &[usize], titled: bool, out: &mut Vec<Chunk>) {
        if p.is_empty() {
            return;
        }
        let has_and = p.iter().any(|&t| self.word(t) == "and");
        if has_and {
            let whole = self.span_key(p);
            let keep = self.g.known(&whole).is_some()
                || matches!(
                    self.head_kind(p),
                    Some(EntityKind::Organisation | EntityKind::Place)
                );
            if !keep {
                let mut part = Vec::new();
                for &t in p {
                    if self.word(t) == "and" {
                        self.emit_names(&part, titled, out);
                        part.clear();
                        continue;
                    }
                    part.push(t);
                }
                self.emit_names(&part, titled, out);
                return;
            }
        }
        if p.len() == 1 && self.split_compound(p[0], out) {
            return;
        }
        let last = *p.last().unwrap();
        if p.len() >= 2 && COMPASS.contains(&self.key(last)) {
            self.emit_names(&p[..p.len() - 1], titled, out);
            let t = &self.toks[last];
            out.push(self.chunk_at(t.start, t.end, last, EntityKind::Place, Certainty::Fair));
            return;
        }
        if let Some(c) = self.classify(p, titled) {
            out.push(c);
        }
    }

    fn span_key(&self, p: &[usize]) -> String {
        key(&self.text[self.toks[p[0]].start..self.toks[*p.last().unwrap()].end])
    }

    /// "Egypt-Gaza", "R-La.": a hyphen compound of known names is several mentions.
    fn split_compound(&self, t: usize, out: &mut Vec<Chunk>) -> bool {
        let w = self.word(t);
        if !w.contains('-') || self.g.known(&key(w)).is_some() {
            return false;
        }
        let mut parts = Vec::new();
        let mut at = self.toks[t].start;
        for part in w.split('-') {
            parts.push((at, at + part.len(), part));
            at += part.len() + 1;
        }
        // Party and state: "R-La.", "D-Ohio".
        if parts.len() == 2 && matches!(parts[0].2, "R" | "D" | "I") {
            if let Some(kind) = self.g.known(&key(parts[1].2)) {
                out.push(self.chunk_at(parts[1].0, parts[1].1, t, kind, Certainty::Strong));
                return true;
            }
        }
        let kinds: Vec<Option<EntityKind>> =
            parts.iter().map(|p| self.g.known(&key(p.2))).collect();
        if kinds.iter().all(|k| k.is_some()) {
            for (p, k) in parts.iter().zip(kinds) {
                out.push(self.chunk_at(p.0, p.1, t, k.unwrap(), Certainty::Strong));
            }
            return true;
        }
        false
    }

    fn chunk_at(
        &self,
        start: usize,
        end: usize,
        t: usize,
        kind: EntityKind,
        certainty: Certainty,
    ) -> Chunk {
        Chunk {
            first: t,
            last: t,
            start,
            end,
            kind,
            certainty,
            role: None,
            shouted: false,
            doubtful: false,
        }
    }

    /// "Gerald Berkey, 36, of Elma": ", of" before a name gives a home town.
    fn home_town(&self, i: usize) -> bool {
        i >= 2
            && self.toks[i].joined
            && self.word(i - 1) == "of"
            && self.text[self.toks[i - 2].raw_end..self.toks[i - 1].start].contains(',')
    }

    fn prev_word(&self, i: usize) -> Option<&'a str> {
        (i > 0 && self.toks[i].joined).then(|| self.word(i - 1))
    }

    fn next_word(&self, i: usize) -> Option<&'a str> {
        (i + 1 < self.toks.len() && self.toks[i + 1].joined).then(|| self.word(i + 1))
    }

    /// The kind of one name and how sure we are; `None` when it is not a name.
    fn classify(&self, p: &[usize], titled: bool) -> Option<Chunk> {
        let first = p[0];
        let last = *p.last().unwrap();
        let mut chunk = Chunk {
            first,
            last,
            start: self.toks[first].start,
            end: self.toks[last].end,
            kind: EntityKind::Other,
            certainty: Certainty::Weak,
            role: None,
            shouted: false,
            doubtful: false,
        };
        let k = self.span_key(p);
        let set = |c: &mut Chunk, kind, certainty| {
            c.kind = kind;
            c.certainty = certainty;
        };
        if let Some(kind) = self.g.known(&k) {
            set(&mut chunk, kind, Certainty::Strong);
            return Some(chunk);
        }
        let all_upper = p
            .iter()
            .all(|&t| self.toks[t].shape == Shape::Upper || self.is_connector(t));
        if all_upper {
            let letters = k.chars().filter(|c| c.is_alphabetic()).count();
            if NOT_ACRONYMS.contains(&k.as_str())
                || self.g.is_stop(&k)
                || (p.len() == 1 && self.lower.contains(k.as_str()))
            {
                return None;
            }
            if p.len() > 1 || letters > 5 || self.toks[first].initial && letters > 3 {
                // Shouted words take their kind from the article's normal spelling.
                chunk.shouted = true;
                return Some(chunk);
            }
            set(&mut chunk, EntityKind::Organisation, Certainty::Fair);
            return Some(chunk);
        }
        if titled {
            set(&mut chunk, EntityKind::Person, Certainty::Strong);
            return Some(chunk);
        }
        let firstk = self.key(first);
        let lastk = self.key(last);
        let given = self.g.given(firstk).is_some() && self.g.known(firstk).is_none()
            || self.g.given(firstk).is_some() && p.len() >= 2;
        match self.head_kind(p) {
            Some(kind) if p.len() > 1 => {
                if given && p.len() == 2 && SURNAME_HEADS.contains(&lastk) {
                    set(&mut chunk, EntityKind::Person, Certainty::Fair);
                } else {
                    set(&mut chunk, kind, Certainty::Strong);
                }
                return Some(chunk);
            }
            _ => {}
        }
        // Broadcasters: "KIRO 7", "FOX 4".
        if p.len() >= 2
            && self.toks[first].shape == Shape::Upper
            && self.toks[p[1]].shape == Shape::Number
        {
            set(&mut chunk, EntityKind::Organisation, Certainty::Fair);
            return Some(chunk);
        }
        if p.len() >= 2 {
            let middle_initial = p[1..p.len() - 1]
                .iter()
                .any(|&t| self.key(t).chars().count() == 1);
            let suffix = NAME_SUFFIXES.contains(&lastk);
            if given || middle_initial || suffix {
                set(&mut chunk, EntityKind::Person, Certainty::Strong);
                return Some(chunk);
            }
            if PLACE_STARTS.contains(&firstk) {
                set(&mut chunk, EntityKind::Place, Certainty::Fair);
                return Some(chunk);
            }
            // A bare capitalised pair or triple is most often a person, unless a word
            // in it is a known name, a number, lower case elsewhere, or capitalised
            // only by position (headlines).
            let connected = p
                .iter()
                .any(|&t| self.is_connector(t) || self.toks[t].after_ampersand);
            let odd = p.iter().any(|&t| {
                let k = self.key(t);
                self.g.is_demonym(k)
                    || self.g.known(k).is_some()
                    || self.word(t).chars().any(|c| c.is_ascii_digit())
                    || (self.toks[t].initial && !self.confirmed.contains(k))
            });
            if !connected && !odd && p.len() <= 3 && !self.lower_seen(first) {
                set(&mut chunk, EntityKind::Person, Certainty::Weak);
            }
            return Some(chunk);
        }
        // One word.
        if self.g.is_title(&k) || self.g.is_demonym(&k) {
            return None;
        }
        if self.g.is_org_head(&k) || self.g.is_place_head(&k) || self.g.is_other_head(&k) {
            // "Police said": a head word alone names nothing.
            return None;
        }
        if self
            .word(first)
            .split(['\'', '\u{2019}'])
            .nth(1)
            .is_some_and(|rest| rest.starts_with(char::is_lowercase))
        {
            // Contractions: "I've", "He'll".
            return None;
        }
        if k.strip_suffix('s').is_some_and(|s| self.g.is_demonym(s)) {
            // "Palestinians": a group.
            return Some(chunk);
        }
        if is_route(self.word(first)) {
            set(&mut chunk, EntityKind::Place, Certainty::Fair);
            return Some(chunk);
        }
        let t = &self.toks[first];
        if t.initial && !self.confirmed.contains(&k) && self.g.given(&k).is_none() {
            // Capitalised only by position, and never elsewhere: a name only if the
            // article names a person so.
            if self.lower_seen(first) {
                return None;
            }
            chunk.doubtful = true;
            return Some(chunk);
        }
        if self.g.given(&k).is_some() {
            set(&mut chunk, EntityKind::Person, Certainty::Fair);
        } else if self
            .prev_word(first)
            .is_some_and(|w| PLACE_PREPOSITIONS.contains(&w))
            || self.home_town(first)
        {
            set(&mut chunk, EntityKind::Place, Certainty::Weak);
        } else if self
            .next_word(last)
            .is_some_and(|w| SPEECH_VERBS.contains(&w))
        {
            set(&mut chunk, EntityKind::Person, Certainty::Weak);
        }
        Some(chunk)
    }

    /// What the article as a whole says: surnames and given names of its people,
    /// acronyms defined in brackets, names written in capitals, and one kind per
    /// name where one mention is surer than another; "Kent police".
    fn resolve(&self, chunks: &mut [Chunk]) {
        // People named in full.
        let mut surnames: FastMap<String, usize> = FastMap::default();
        let mut givens: FastMap<String, usize> = FastMap::default();
        for c in chunks.iter() {
            if c.kind != EntityKind::Person {
                continue;
            }
            let parts = self.name_parts(c);
            // A guessed pair ("Denver Colorado") must not make a known place a surname.
            let guessed_known =
                c.certainty == Certainty::Weak && parts.iter().any(|p| self.g.known(p).is_some());
            if parts.len() >= 2 && !guessed_known {
                *surnames.entry(parts[parts.len() - 1].clone()).or_default() += 1;
                *givens.entry(parts[0].clone()).or_default() += 1;
            }
        }
        for c in chunks.iter_mut() {
            if c.first != c.last || c.shouted {
                continue;
            }
            let k = key(&self.text[c.start..c.end]);
            if surnames.contains_key(&k) {
                c.kind = EntityKind::Person;
                c.certainty = Certainty::Strong;
            } else if givens.contains_key(&k) && c.certainty != Certainty::Strong {
                c.kind = EntityKind::Person;
                c.certainty = Certainty::Fair;
            }
        }
        for c in chunks.iter_mut().filter(|c| c.doubtful) {
            if c.kind != EntityKind::Person {
                c.end = c.start;
            }
        }
        // Acronyms defined in brackets: "Strategic Consultative Group (SCG)".
        for i in 1..chunks.len() {
            let (a, b) = (&chunks[i - 1], &chunks[i]);
            if b.first != b.last || self.toks[b.first].shape != Shape::Upper {
                continue;
            }
            let between = self.text[a.end..b.start].trim();
            if between == "("
                && initials(&self.text[a.start..a.end]) == key(&self.text[b.start..b.end])
            {
                let (kind, certainty) = (a.kind, a.certainty.max(Certainty::Fair));
                chunks[i].kind = kind;
                chunks[i].certainty = certainty;
            }
        }
        // "Lacey, Wash.", "Alexandria, Va.": a name before a state is a place.
        for i in 1..chunks.len() {
            let (a, b) = (&chunks[i - 1], &chunks[i]);
            let before_state = self.text[a.end..b.start].trim() == ","
                && b.kind == EntityKind::Place
                && b.certainty == Certainty::Strong
                && a.certainty < Certainty::Strong
                && !(a.kind == EntityKind::Person && a.certainty > Certainty::Weak);
            if before_state {
                let a = &mut chunks[i - 1];
                a.kind = EntityKind::Place;
                a.certainty = Certainty::Fair;
                a.shouted = false;
            }
        }
        // One kind per name: the surest mention decides.
        let mut best: FastMap<String, (Certainty, EntityKind)> = FastMap::default();
        for c in chunks.iter().filter(|c| !c.shouted) {
            let k = key(&self.text[c.start..c.end]);
            let e = best.entry(k).or_insert((c.certainty, c.kind));
            if c.certainty > e.0 {
                *e = (c.certainty, c.kind);
            }
        }
        for c in chunks.iter_mut() {
            let k = key(&self.text[c.start..c.end]);
            if let Some(&(certainty, kind)) = best.get(&k) {
                if c.shouted || certainty > c.certainty {
                    c.kind = kind;
                    c.certainty = certainty;
                    c.shouted = false;
                }
            }
        }
        for c in chunks.iter_mut().filter(|c| c.shouted) {
            // Unknown shouted words: short ones are acronyms, the rest headline noise.
            let letters = self.text[c.start..c.end]
                .chars()
                .filter(|c| c.is_alphabetic())
                .count();
            if c.first == c.last && letters <= 5 {
                c.kind = EntityKind::Organisation;
                c.certainty = Certainty::Fair;
                c.shouted = false;
            } else {
                c.end = c.start;
            }
        }
        // "Federal Way police", "Kent police": a place's police is an organisation.
        for c in chunks.iter_mut() {
            if c.kind == EntityKind::Person && c.certainty > Certainty::Weak {
                continue;
            }
            let nx = c.last + 1;
            if nx < self.toks.len()
                && self.toks[nx].joined
                && self.word(nx) == "police"
                && !self.toks[c.last].possessive
            {
                c.end = self.toks[nx].end;
                c.kind = EntityKind::Organisation;
                c.certainty = Certainty::Strong;
            }
        }
    }

    /// The words of a person's name without initials and suffixes, as keys.
    fn name_parts(&self, c: &Chunk) -> Vec<String> {
        (c.first..=c.last)
            .map(|t| self.key(t).to_string())
            .filter(|k| k.chars().count() > 1 && !NAME_SUFFIXES.contains(&k.as_str()))
            .collect()
    }
}

/// Road numbers: "I-4", "US-1", "SR-50".
fn is_route(word: &str) -> bool {
    let Some((road, number)) = word.split_once('-') else {
        return false;
    };
    matches!(road, "I" | "US" | "SR" | "CR" | "M" | "A")
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// "Strategic Consultative Group" → "scg" (connectors skipped).
pub(crate) fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && !CONNECTORS.contains(w) && *w != "the" && *w != "for")
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// "Gaza Stripthe": a capitalised word glued to a common word by bad scraping is
/// cut in two when its front is a word the article or the lists know.
fn split_glued(text: &str, toks: &mut Vec<Tok>, g: &Gazetteer, confirmed: &FastSet<String>) {
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.shape == Shape::Cap && !t.possessive {
            let w = &text[t.start..t.end];
            for tail in GLUE_TAILS {
                if w.len() >= tail.len() + 3
                    && w.ends_with(tail)
                    && w.is_char_boundary(w.len() - tail.len())
                {
                    let front = &w[..w.len() - tail.len()];
                    let fk = key(front);
                    let wk = key(w);
                    let known_front = g.is_place_head(&fk)
                        || g.is_org_head(&fk)
                        || g.known(&fk).is_some()
                        || confirmed.contains(&fk);
                    // The glued word itself may be confirmed by being mid-sentence;
                    // a real word is written so more than once.
                    let repeated = || {
                        toks.iter()
                            .filter(|o| o.shape == Shape::Cap && key(&text[o.start..o.end]) == wk)
                            .count()
                            > 1
                    };
                    if known_front
                        && !repeated()
                        && g.known(&wk).is_none()
                        && front.chars().all(|c| c.is_alphabetic())
                    {
                        let cut = t.start + front.len();
                        let head = Tok {
                            end: cut,
                            raw_end: cut,
                            ..t
                        };
                        let tail_tok = Tok {
                            start: cut,
                            shape: Shape::Lower,
                            initial: false,
                            joined: false,
                            after_ampersand: false,
                            ..t
                        };
                        toks[i] = head;
                        toks.insert(i + 1, tail_tok);
                        break;
                    }
                }
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, EntityKind)> {
        recognise(text)
            .into_iter()
            .map(|m| (m.span.of(text).to_string(), m.kind))
            .collect()
    }

    fn has(text: &str, name: &str, kind: EntityKind) -> bool {
        names(text).iter().any(|(n, k)| n == name && *k == kind)
    }

    #[test]
    fn a_role_after_a_name_is_read_from_the_apposition() {
        let role = |text: &str| {
            let m = recognise(text);
            let p = m
                .iter()
                .find(|m| m.kind == EntityKind::Person)
                .expect("a person");
            p.role.clone()
        };
        assert_eq!(
            role("Jacob Magid, the bureau chief, said the talks ended.").as_deref(),
            Some("bureau chief")
        );
        assert_eq!(
            role("The shots hit Roger Williams, a Republican of Texas.").as_deref(),
            Some("Republican of Texas")
        );
        assert_eq!(
            role("Karine Jean-Pierre, the White House press secretary, spoke.").as_deref(),
            Some("White House press secretary")
        );
        // Not roles: a clause, an age, a list of names, a plain noun.
        assert_eq!(role("Jacob Magid, who fled, was held."), None);
        assert_eq!(role("Jacob Magid, 45, was held."), None);
        assert_eq!(role("Jacob Magid, Ann Lee and Tom Reyes met."), None);
        assert_eq!(role("Jacob Magid, a man in his 40s, was held."), None);
    }

    #[test]
    fn role_before_a_name_is_not_part_of_it() {
        let text = "On Tuesday, U.S. Trade Representative Lena Morris met Gov. Alan Pike in Boise.";
        let m = recognise(text);
        let got: Vec<&str> = m.iter().map(|m| m.span.of(text)).collect();
        assert_eq!(got, ["U.S.", "Lena Morris", "Alan Pike", "Boise"]);
        assert_eq!(m[1].kind, EntityKind::Person);
        assert_eq!(m[1].role.as_deref(), Some("U.S. Trade Representative"));
        assert_eq!(m[3].kind, EntityKind::Place);
    }

    #[test]
    fn possessives_and_hyphen_compounds() {
        let text = "He spoke of Norway's plans and the Chile-Peru border, a Hamas-run office.";
        assert_eq!(
            names(text),
            [
                ("Norway".to_string(), EntityKind::Place),
                ("Chile".to_string(), EntityKind::Place),
                ("Peru".to_string(), EntityKind::Place),
                ("Hamas".to_string(), EntityKind::Organisation),
            ]
        );
    }

    #[test]
    fn heads_give_kinds() {
        let text = "The Harbour Planning Council met in Dunmore County near the Old Mill Road.";
        assert!(has(
            text,
            "Harbour Planning Council",
            EntityKind::Organisation
        ));
        assert!(has(text, "Dunmore County", EntityKind::Place));
        assert!(has(text, "Old Mill Road", EntityKind::Place));
    }

    #[test]
    fn surname_alone_is_the_person_and_sentence_starts_are_not_names() {
        let text = "Officials named Priya Voskuijlen as head. Voskuijlen said the plan works. \
                    Witnesses agreed; witnesses often do.";
        let n = names(text);
        assert!(n.contains(&("Voskuijlen".to_string(), EntityKind::Person)));
        assert!(!n.iter().any(|(t, _)| t == "Witnesses" || t == "Officials"));
    }

    #[test]
    fn acronym_takes_the_kind_of_its_expansion() {
        let text = "The Northern Water Group (NWG) said on Monday that NWG would act.";
        let n = names(text);
        assert!(n.contains(&("Northern Water Group".to_string(), EntityKind::Organisation)));
        assert_eq!(n.iter().filter(|(t, _)| t == "NWG").count(), 2);
    }

    #[test]
    fn glued_words_are_cut() {
        let text = "Troops moved in the Gaza Stripthe army said.";
        assert!(has(text, "Gaza Strip", EntityKind::Place));
    }

    #[test]
    fn shouted_datelines_take_the_normal_spelling_kind() {
        let text = "PORT ELLIS, Ore. — A fire hit Port Ellis on Friday.";
        assert!(has(text, "PORT ELLIS", EntityKind::Place));
        assert!(has(text, "Ore.", EntityKind::Place));
    }

    #[test]
    fn a_place_police_is_an_organisation() {
        let text = "Officers from the Dunmore police arrived.";
        assert!(has(text, "Dunmore police", EntityKind::Organisation));
    }
}

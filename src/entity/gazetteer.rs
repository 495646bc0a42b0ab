//! The word lists shipped in the binary (`data/*.txt`, embedded with `include_str!`):
//! known places and organisations, aliases (`U.S.` → `United States`), given names
//! with their usual sex, title words, organisation and place head words, stop words
//! and demonyms — and the one normalisation every lookup goes through ([`key`]).
//!
//! Lists are parsed once, on first use, into hash maps keyed by [`key`].

use super::EntityKind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Maps and sets on the short string keys of names: FxHash, since the default hasher
/// resists flooding attacks we do not face, at several times the cost.
pub type FastMap<K, V> = HashMap<K, V>;
pub type FastSet<K> = HashSet<K>;

/// The sex a given name is usually given to; two names of different sexes are two
/// people, never one name misspelt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
    Either,
}

/// Everything the recogniser and the linker look words up in.
pub struct Gazetteer {
    /// Known names (places and organisations) by key.
    known: FastMap<String, EntityKind>,
    /// Alias key → canonical name as written in `aliases.txt`.
    aliases: FastMap<String, &'static str>,
    given: FastMap<String, Sex>,
    titles: FastSet<String>,
    org_heads: FastSet<String>,
    place_heads: FastSet<String>,
    other_heads: FastSet<String>,
    /// Keys of words written with a closing full stop ("Sen.", "Ky.", "Ave."): the
    /// tokeniser keeps that stop as part of the word.
    dotted: FastSet<String>,
    /// Spellings exactly as the lists write them, to tell a standard abbreviation
    /// ("Ky.") from a malformed one ("K.Y.").
    written: FastSet<&'static str>,
    /// Key → the listed spelling with full stops ("ky" → "Ky.").
    dotted_forms: FastMap<String, &'static str>,
    stop: FastSet<String>,
    demonyms: FastSet<String>,
}

/// The lookup key of a name: lower case, full stops dropped, curly apostrophes and
/// dashes made plain, runs of white space made one space.
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        match c {
            '.' => {}
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            '\u{2010}'..='\u{2013}' => out.push('-'),
            c if c.is_whitespace() => {
                if !space && !out.is_empty() {
                    out.push(' ');
                }
                space = true;
                continue;
            }
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

fn words(data: &'static str) -> impl Iterator<Item = &'static str> {
    lines(data).flat_map(|l| l.split_whitespace())
}

fn word_set(data: &'static str) -> FastSet<String> {
    words(data).map(key).collect()
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut known = FastMap::default();
    for name in lines(include_str!("data/places.txt")) {
        known.insert(key(name), EntityKind::Place);
    }
    for name in lines(include_str!("data/orgs.txt")) {
        known.insert(key(name), EntityKind::Organisation);
    }
    let mut aliases = FastMap::default();
    for line in lines(include_str!("data/aliases.txt")) {
        if let Some((form, canonical)) = line.split_once('=') {
            aliases.insert(key(form.trim()), canonical.trim());
        }
    }
    // An alias names what its canonical form names: `Ky.` is a place.
    for (form, canonical) in &aliases {
        if let Some(&kind) = known.get(&key(canonical)) {
            known.entry(form.clone()).or_insert(kind);
        }
    }
    let mut given = FastMap::default();
    for line in lines(include_str!("data/given_names.txt")) {
        let mut it = line.split_whitespace();
        let sex = match it.next() {
            Some("m") => Sex::Male,
            Some("f") => Sex::Female,
            _ => continue,
        };
        for name in it {
            given
                .entry(key(name))
                .and_modify(|s| {
                    if *s != sex {
                        *s = Sex::Either
                    }
                })
                .or_insert(sex);
        }
    }
    let mut dotted: FastSet<String> = ["jr", "sr", "mt", "ft", "vs", "v", "no", "esq"]
        .into_iter()
        .map(String::from)
        .collect();
    let mut written = FastSet::default();
    let mut dotted_forms = FastMap::default();
    let all = [
        include_str!("data/places.txt"),
        include_str!("data/orgs.txt"),
        include_str!("data/aliases.txt"),
        include_str!("data/titles.txt"),
        include_str!("data/org_heads.txt"),
        include_str!("data/place_heads.txt"),
    ];
    for data in all {
        for line in lines(data) {
            for part in line.split('=') {
                let part = part.trim();
                written.insert(part);
                if part.contains('.') {
                    dotted_forms.entry(key(part)).or_insert(part);
                }
                for w in part.split_whitespace() {
                    if w.ends_with('.') && !w[..w.len() - 1].contains('.') {
                        dotted.insert(key(w));
                    }
                }
            }
        }
    }
    Gazetteer {
        known,
        dotted,
        written,
        dotted_forms,
        other_heads: word_set(include_str!("data/other_heads.txt")),
        aliases,
        given,
        titles: word_set(include_str!("data/titles.txt")),
        org_heads: word_set(include_str!("data/org_heads.txt")),
        place_heads: word_set(include_str!("data/place_heads.txt")),
        stop: word_set(include_str!("data/stopwords.txt")),
        demonyms: word_set(include_str!("data/demonyms.txt")),
    }
});

/// The shared gazetteer.
pub fn get() -> &'static Gazetteer {
    &GAZETTEER
}

impl Gazetteer {
    /// The kind of a known place or organisation, by key.
    pub fn known(&self, k: &str) -> Option<EntityKind> {
        self.known.get(k).copied()
    }
    /// The canonical name an alias stands for ("United States" for "U.S."), by key.
    pub fn alias(&self, k: &str) -> Option<&'static str> {
        self.aliases.get(k).copied()
    }
    pub fn given(&self, k: &str) -> Option<Sex> {
        self.given.get(k).copied()
    }
    pub fn is_title(&self, k: &str) -> bool {
        self.titles.contains(k)
    }
    pub fn is_org_head(&self, k: &str) -> bool {
        self.org_heads.contains(k)
    }
    pub fn is_place_head(&self, k: &str) -> bool {
        self.place_heads.contains(k)
    }
    pub fn is_other_head(&self, k: &str) -> bool {
        self.other_heads.contains(k)
    }
    /// Whether a word with this key keeps a following full stop ("Sen.", "Ave.").
    pub fn is_dotted(&self, k: &str) -> bool {
        self.dotted.contains(k)
    }
    /// Whether the lists write a name exactly so.
    pub fn is_written(&self, text: &str) -> bool {
        self.written.contains(text)
    }
    /// The listed spelling with full stops of a key ("Ky." for "ky").
    pub fn dotted_form(&self, k: &str) -> Option<&'static str> {
        self.dotted_forms.get(k).copied()
    }
    pub fn is_stop(&self, k: &str) -> bool {
        self.stop.contains(k)
    }
    pub fn is_demonym(&self, k: &str) -> bool {
        self.demonyms.contains(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_dots_and_curly_apostrophes() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Chili\u{2019}s"), "chili's");
        assert_eq!(key("  New   York "), "new york");
    }

    #[test]
    fn lists_load() {
        let g = get();
        assert_eq!(g.known(&key("Ky.")), Some(EntityKind::Place));
        assert_eq!(g.known("hamas"), Some(EntityKind::Organisation));
        assert_eq!(g.alias("us"), Some("United States"));
        assert_eq!(g.given("mary"), Some(Sex::Female));
        assert_eq!(g.given("mark"), Some(Sex::Male));
        assert!(g.is_title("sen"));
        assert!(g.is_org_head("council"));
        assert!(g.is_place_head("county"));
        assert!(g.is_stop("monday"));
        assert!(g.is_demonym("israeli"));
    }
}

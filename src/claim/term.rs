//! Context words interned once for the whole process: a figure keeps its clause's
//! thirty heaviest words, a workspace of 30,000 articles about a million figures, and
//! a word as a `String` costs several times the word itself. A [`Term`] is four bytes,
//! compares and hashes as an integer, and reads back as the word.
//!
//! Interned words are never freed: they are the workspace's vocabulary, which grows
//! with new words, not with edits of known ones.

use rustc_hash::FxHashMap;
use std::sync::{LazyLock, RwLock};

/// One interned word.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term(u32);

#[derive(Default)]
struct Interner {
    ids: FxHashMap<&'static str, u32>,
    words: Vec<&'static str>,
}

static INTERNER: LazyLock<RwLock<Interner>> = LazyLock::new(RwLock::default);

impl Term {
    /// The term for `word`, interning it on first sight.
    pub fn new(word: &str) -> Term {
        // A poisoned lock only means another thread panicked while holding it; the
        // table is append-only and stays consistent, so it is used as it is.
        if let Some(&id) = INTERNER
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .ids
            .get(word)
        {
            return Term(id);
        }
        let mut table = INTERNER.write().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = table.ids.get(word) {
            return Term(id);
        }
        let id = u32::try_from(table.words.len()).expect("fewer than 4 billion distinct words");
        let word: &'static str = Box::leak(word.to_owned().into_boxed_str());
        table.words.push(word);
        table.ids.insert(word, id);
        Term(id)
    }

    /// The word.
    pub fn as_str(self) -> &'static str {
        INTERNER.read().unwrap_or_else(|e| e.into_inner()).words[self.0 as usize]
    }
}

impl std::fmt::Debug for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl serde::Serialize for Term {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Term {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Term, D::Error> {
        let word = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Term::new(&word))
    }
}

#[cfg(test)]
mod tests {
    use super::Term;

    #[test]
    fn a_word_interns_once_and_reads_back() {
        let a = Term::new("ceasefire");
        assert_eq!(a, Term::new("ceasefire"));
        assert_ne!(a, Term::new("truce"));
        assert_eq!(a.as_str(), "ceasefire");
        assert_eq!(format!("{a:?}"), "\"ceasefire\"");
    }
}

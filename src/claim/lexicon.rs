//! Word-level knowledge for reading claims: a light stemmer, stop words, synonym classes,
//! role words with the sex they imply, and named time zones. The lists live in
//! `data/` as plain text so that they can be read and extended without touching code.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// The sex a role word implies, used to keep ages of different people apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Sex {
    Female,
    Male,
}

struct Lexicon {
    stop: HashSet<String>,
    /// Stem → class name.
    class: HashMap<String, String>,
    /// The class names themselves.
    class_names: HashSet<String>,
    /// Stem of a role word → implied sex (None: either).
    roles: HashMap<String, Option<Sex>>,
    zones: HashMap<String, i32>,
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let stop = data_lines(include_str!("data/stopwords.txt"))
        .flat_map(str::split_whitespace)
        .map(str::to_string)
        .collect();
    let mut class = HashMap::default();
    for line in data_lines(include_str!("data/classes.txt")) {
        if let Some((name, words)) = line.split_once(':') {
            for w in words.split_whitespace() {
                class
                    .entry(stem(w))
                    .or_insert_with(|| name.trim().to_string());
            }
        }
    }
    let mut roles = HashMap::default();
    for line in data_lines(include_str!("data/roles.txt")) {
        let mut parts = line.split_whitespace();
        if let (Some(word), Some(sex)) = (parts.next(), parts.next()) {
            let sex = match sex {
                "f" => Some(Sex::Female),
                "m" => Some(Sex::Male),
                _ => None,
            };
            roles.insert(stem(word), sex);
        }
    }
    let mut zones = HashMap::default();
    for line in data_lines(include_str!("data/zones.txt")) {
        let mut parts = line.split_whitespace();
        if let (Some(name), Some(Ok(offset))) = (parts.next(), parts.next().map(str::parse)) {
            zones.insert(name.to_string(), offset);
        }
    }
    Lexicon {
        stop,
        class_names: class.values().cloned().collect(),
        class,
        roles,
        zones,
    }
});

/// Whether a lower-case word carries no evidence of what is measured.
pub fn is_stop(word: &str) -> bool {
    LEXICON.stop.contains(word)
}

/// A light suffix-stripping stem: enough to meet "killed"/"kills"/"killing" and
/// "injuries"/"injured" without a dictionary.
pub fn stem(word: &str) -> String {
    let mut w: String = word
        .to_lowercase()
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_string();
    match w.as_str() {
        "people" => return "person".into(),
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "children" => return "child".into(),
        "feet" => return "foot".into(),
        _ => {}
    }
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 4 && w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.truncate(w.len() - 1);
    }
    for suffix in ["ing", "ed"] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            let b = w.as_bytes();
            let n = b.len();
            // "shooting" → "shoot", "running" → "run": undo a doubled final consonant.
            if n >= 3 && b[n - 1] == b[n - 2] && !b"aeiouls".contains(&b[n - 1]) {
                w.truncate(n - 1);
            }
            break;
        }
    }
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('y') {
        w.pop();
        w.push('i');
    }
    w
}

/// The synonym class a stem belongs to, or the stem itself.
pub fn canonical(stemmed: &str) -> String {
    LEXICON
        .class
        .get(stemmed)
        .cloned()
        .unwrap_or_else(|| stemmed.to_string())
}

/// Whether a word is the name of a synonym class ("kill", "piece").
pub fn is_class(name: &str) -> bool {
    LEXICON.class_names.contains(name)
}

/// For a role word's stem: `Some(sex)` if it names a person by role.
pub fn role(stemmed: &str) -> Option<Option<Sex>> {
    LEXICON.roles.get(stemmed).copied()
}

/// Minutes east of UTC for a named zone word ("moscow", "eastern", "gmt").
pub fn zone(word: &str) -> Option<i32> {
    LEXICON.zones.get(word).copied()
}

/// The counted noun in singular form ("people" → "person", "parties" → "party").
pub fn singular(noun: &str) -> String {
    let lower = noun.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("").to_string();
    match last.as_str() {
        "people" => "person".into(),
        "men" => "man".into(),
        "women" => "woman".into(),
        "children" => "child".into(),
        "feet" => "foot".into(),
        w if w.len() > 4 && w.ends_with("ies") => format!("{}y", &w[..w.len() - 3]),
        w if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") => {
            w[..w.len() - 1].to_string()
        }
        w => w.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_inflections() {
        assert_eq!(stem("killed"), stem("kills"));
        assert_eq!(stem("shooting"), "shoot");
        assert_eq!(stem("injured"), stem("injure"));
        assert_eq!(stem("People"), "person");
    }

    #[test]
    fn synonyms_share_a_class() {
        assert_eq!(canonical(&stem("modules")), canonical(&stem("component")));
        assert_eq!(canonical(&stem("slain")), canonical(&stem("killed")));
        assert_ne!(canonical(&stem("killed")), canonical(&stem("injured")));
        assert!(is_class("kill") && !is_class("table"));
    }

    #[test]
    fn roles_carry_sex() {
        assert_eq!(role(&stem("girlfriend")), Some(Some(Sex::Female)));
        assert_eq!(role(&stem("suspect")), Some(None));
        assert_eq!(role(&stem("table")), None);
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("parties"), "party");
        assert_eq!(singular("Federal Way officers"), "officer");
        assert_eq!(singular("people"), "person");
    }
}

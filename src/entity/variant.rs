//! Spelling variants: one referent spelt two near-identical ways across articles
//! ("Antony"/"Anthony Blinken", "Rafah"/"Rafa", "Kazakstan"/"Kazakhstan"), told
//! apart from two referents with similar names ("Mark"/"Mary Smith", "Iran"/"Iraq").
//!
//! Candidates come from blocking keys in one hash map — a name with one letter
//! deleted, a surname with the given name's letters deleted, a multi-word name with
//! one word masked or dropped — so the search stays linear in the workspace. Each
//! candidate pair must then pass the guards: edit distance one (or a word extended
//! or dropped), people of the same sex and never both in one article, not two
//! different gazetteer entries, and a shared context (some other entity named in
//! both spellings' articles). The spelling with fewer mentions is the variant; its
//! fix is the other.

use super::gazetteer::{self, key, Sex};
use super::link::{person_name, Item};
use super::EntityKind;
use crate::DocId;
use std::collections::{HashMap, HashSet};

/// One spelling inside a linked group: its key and the mentions written so.
pub(super) struct Form {
    pub key: String,
    pub items: Vec<usize>,
}

/// A linked group of mentions, as variant search sees it.
pub(super) struct Group {
    pub root: usize,
    pub kind: EntityKind,
    pub forms: Vec<Form>,
    pub docs: Vec<DocId>,
    pub size: usize,
}

/// A variant spelling found: the group that spells it, the group it belongs to,
/// and each flagged mention with its fix.
pub(super) struct Found {
    pub minority_root: usize,
    pub majority_root: usize,
    pub flagged: Vec<(usize, String)>,
}

/// Blocks larger than this come from very common keys; comparing inside them costs
/// more than it can find.
const MAX_BLOCK: usize = 64;

/// A candidate pair judged to be one name: which spelling is the variant, and
/// whether that was decided by a tie in counts.
struct Judged {
    minor: At,
    major: At,
    tie: bool,
}

/// A (group, form) pair.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct At {
    group: usize,
    form: usize,
}

fn deletions(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len() + 1);
    out.push(s.to_string());
    for i in 0..chars.len() {
        let mut d = String::with_capacity(s.len());
        d.extend(chars[..i].iter());
        d.extend(chars[i + 1..].iter());
        out.push(d);
    }
    out
}

/// Optimal-string-alignment distance, giving up above 2.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=m {
        d[0][j] = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// Blocking keys of one spelling.
fn blocks(group: &Group, form: &Form, items: &[Item]) -> Vec<String> {
    let mut out = Vec::new();
    if group.kind == EntityKind::Person {
        if let Some(p) = person_name(items[form.items[0]].text) {
            if let Some(g) = &p.given_written {
                for d in deletions(g) {
                    out.push(format!("s|{}|{d}", p.surname));
                }
                if p.surname.chars().count() >= 5 {
                    for d in deletions(&p.surname) {
                        out.push(format!("g|{g}|{d}"));
                    }
                }
            }
        }
        return out;
    }
    let words: Vec<&str> = form.key.split(' ').collect();
    if words.len() == 1 {
        let w = words[0];
        if w.chars().count() >= 4 {
            out.extend(deletions(w).into_iter().map(|d| format!("t|{d}")));
            if let Some(stem) = w.strip_suffix('s').filter(|s| s.chars().count() >= 4) {
                out.extend(deletions(stem).into_iter().map(|d| format!("t|{d}")));
            }
        }
        return out;
    }
    for i in 0..words.len() {
        let mut masked = words.clone();
        masked[i] = "*";
        out.push(format!("m|{}", masked.join(" ")));
    }
    out.push(format!("d|{}", form.key));
    if words.len() >= 3 {
        for i in 1..words.len() - 1 {
            let mut dropped = words.clone();
            dropped.remove(i);
            out.push(format!("d|{}", dropped.join(" ")));
        }
    }
    out
}

/// Whether two spellings of non-people are one name misspelt.
fn similar_things(a: &str, b: &str, names: &HashSet<&str>) -> bool {
    let g = gazetteer::get();
    if a == b {
        return false;
    }
    // Groups of people ("Russians") are not misspelt places.
    let group_word =
        |x: &str| g.is_demonym(x) || x.strip_suffix('s').is_some_and(|s| g.is_demonym(s));
    if group_word(a) || group_word(b) {
        return false;
    }
    if g.known(a).is_some() && g.known(b).is_some() {
        return false;
    }
    if let (Some(x), Some(y)) = (g.alias(a), g.alias(b)) {
        if x != y {
            return false;
        }
    }
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() == 1 && wb.len() == 1 {
        let close = |x: &str, y: &str| {
            x.chars().count() >= 4 && y.chars().count() >= 4 && distance(x, y) == 1
        };
        // "Endeavors" for "Endeavour's": a dropped apostrophe on top of a misspelling.
        let stem = |x: &'_ str| x.strip_suffix('s').map(str::to_string);
        // "Olympian" is the people of Olympia: a derived word, not a misspelling.
        let derived = |x: &str, y: &str| {
            ["n", "an", "ian", "i", "er", "ese"]
                .iter()
                .any(|suffix| x.strip_suffix(suffix) == Some(y))
        };
        if derived(a, b) || derived(b, a) {
            return false;
        }
        return close(a, b)
            || stem(a).is_some_and(|s| close(&s, b))
            || stem(b).is_some_and(|s| close(a, &s));
    }
    if wa.len() == wb.len() {
        let diff: Vec<usize> = (0..wa.len()).filter(|&i| wa[i] != wb[i]).collect();
        if diff.len() != 1 {
            return false;
        }
        let (x, y) = (wa[diff[0]], wb[diff[0]]);
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        let extended =
            short.chars().count() >= 5 && long.starts_with(short) && long.len() - short.len() <= 3;
        return extended
            || (short.chars().count() >= 4
                && distance(x, y) == 1
                && !x.chars().all(|c| c.is_ascii_digit()));
    }
    // One interior word dropped: "Pinewood Apartments" for "Pinewood Village Apartments".
    let (short, long) = if wa.len() < wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if long.len() != short.len() + 1 || long.len() < 3 {
        return false;
    }
    // Not when the dropped word ends a name of its own ("Capitol Hill police" is
    // the police of Capitol Hill, not "Capitol Police" misspelt).
    (1..long.len() - 1).any(|i| {
        let mut l = long.to_vec();
        l.remove(i);
        let own_name = long[..=i].join(" ");
        l == *short && !names.contains(own_name.as_str()) && g.known(&own_name).is_none()
    })
}

/// Whether two people's names are one name misspelt: same surname and given names
/// one edit apart (of the same sex when both are known), or same given name and
/// surnames one edit apart.
fn similar_people(a: &str, b: &str) -> bool {
    let g = gazetteer::get();
    let (Some(pa), Some(pb)) = (person_name(a), person_name(b)) else {
        return false;
    };
    let (Some(ga), Some(gb)) = (&pa.given_written, &pb.given_written) else {
        return false;
    };
    if pa.surname == pb.surname {
        if ga == gb || distance(ga, gb) != 1 {
            return false;
        }
        let sex = |n: &str| g.given(n).unwrap_or(Sex::Either);
        return !matches!(
            (sex(ga), sex(gb)),
            (Sex::Male, Sex::Female) | (Sex::Female, Sex::Male)
        );
    }
    ga == gb && pa.surname.chars().count() >= 5 && distance(&pa.surname, &pb.surname) == 1
}

/// Variant spellings across the groups.
pub(super) fn find(groups: &[Group], items: &[Item]) -> Vec<Found> {
    let mut index: HashMap<String, Vec<At>> = HashMap::new();
    for (gi, group) in groups.iter().enumerate() {
        for (fi, form) in group.forms.iter().enumerate() {
            for b in blocks(group, form, items) {
                let list = index.entry(b).or_default();
                let at = At {
                    group: gi,
                    form: fi,
                };
                if list.len() <= MAX_BLOCK && !list.contains(&at) {
                    list.push(at);
                }
            }
        }
    }
    let mut doc_groups: HashMap<DocId, Vec<usize>> = HashMap::new();
    for (gi, group) in groups.iter().enumerate() {
        for &d in &group.docs {
            doc_groups.entry(d).or_default().push(gi);
        }
    }
    let names: HashSet<&str> = groups
        .iter()
        .flat_map(|g| g.forms.iter().map(|f| f.key.as_str()))
        .collect();
    let mut seen: HashSet<(At, At)> = HashSet::new();
    let mut judged = Vec::new();
    for list in index.values() {
        if list.len() < 2 || list.len() > MAX_BLOCK {
            continue;
        }
        for (i, &a) in list.iter().enumerate() {
            for &b in &list[i + 1..] {
                if a.group == b.group {
                    continue;
                }
                let pair = if (a.group, a.form) < (b.group, b.form) {
                    (a, b)
                } else {
                    (b, a)
                };
                if !seen.insert(pair) {
                    continue;
                }
                if let Some(j) = judge(groups, items, &doc_groups, &names, pair.0, pair.1) {
                    judged.push(j);
                }
            }
        }
    }
    // On a tie, the spelling from articles that misspell other names is the variant:
    // a source careless with one name is likelier careless with another.
    let mut careless: HashMap<DocId, usize> = HashMap::new();
    for j in judged.iter().filter(|j| !j.tie) {
        for &i in &groups[j.minor.group].forms[j.minor.form].items {
            *careless.entry(items[i].doc).or_default() += 1;
        }
    }
    let score = |at: At| -> usize {
        groups[at.group].forms[at.form]
            .items
            .iter()
            .map(|&i| careless.get(&items[i].doc).copied().unwrap_or(0))
            .sum()
    };
    let mut found: Vec<Found> = judged
        .into_iter()
        .map(|j| {
            let (minor, major) = if j.tie && score(j.major) > score(j.minor) {
                (j.major, j.minor)
            } else {
                (j.minor, j.major)
            };
            let fix = most_common_text(&groups[major.group].forms[major.form].items, items);
            Found {
                minority_root: groups[minor.group].root,
                majority_root: groups[major.group].root,
                flagged: groups[minor.group].forms[minor.form]
                    .items
                    .iter()
                    .map(|&i| (i, fix.clone()))
                    .collect(),
            }
        })
        .collect();
    found.sort_by_key(|f| (f.minority_root, f.majority_root));
    found
}

fn judge(
    groups: &[Group],
    items: &[Item],
    doc_groups: &HashMap<DocId, Vec<usize>>,
    names: &HashSet<&str>,
    a: At,
    b: At,
) -> Option<Judged> {
    let (ga, gb) = (&groups[a.group], &groups[b.group]);
    let (fa, fb) = (&ga.forms[a.form], &gb.forms[b.form]);
    let people = ga.kind == EntityKind::Person;
    if people != (gb.kind == EntityKind::Person) {
        return None;
    }
    if people {
        // Two spellings in one article are two people.
        if ga.docs.iter().any(|d| gb.docs.binary_search(d).is_ok()) {
            return None;
        }
        let ta = items[fa.items[0]].text;
        let tb = items[fb.items[0]].text;
        if !similar_people(ta, tb) {
            return None;
        }
    } else if !similar_things(&fa.key, &fb.key, names) {
        return None;
    }
    if !share_context(ga, gb, a.group, b.group, doc_groups) {
        return None;
    }
    // The spelling with fewer mentions is the variant; on a tie, the one in fewer
    // articles, then the later key.
    let rank = |g: &Group, f: &Form| (f.items.len(), g.size, g.docs.len());
    let (minor, major) = match rank(ga, fa).cmp(&rank(gb, fb)) {
        std::cmp::Ordering::Less => (a, b),
        std::cmp::Ordering::Greater => (b, a),
        std::cmp::Ordering::Equal if fa.key > fb.key => (a, b),
        std::cmp::Ordering::Equal => (b, a),
    };
    Some(Judged {
        minor,
        major,
        tie: rank(ga, fa) == rank(gb, fb),
    })
}

/// Whether some third entity is named both in an article of `a` and in one of `b`.
fn share_context(
    a: &Group,
    b: &Group,
    ia: usize,
    ib: usize,
    doc_groups: &HashMap<DocId, Vec<usize>>,
) -> bool {
    const LIMIT: usize = 64;
    let near: HashSet<usize> = a
        .docs
        .iter()
        .take(LIMIT)
        .flat_map(|d| doc_groups.get(d).into_iter().flatten().copied())
        .filter(|&g| g != ia && g != ib)
        .collect();
    b.docs
        .iter()
        .take(LIMIT)
        .flat_map(|d| doc_groups.get(d).into_iter().flatten())
        .any(|g| near.contains(g))
}

fn most_common_text(members: &[usize], items: &[Item]) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &m in members {
        *counts.entry(items[m].text).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(t, _)| t.to_string())
        .unwrap_or_default()
}

/// Dotted abbreviations written unlike the standard form ("K.Y." for "Ky."):
/// `(item, as written, fix)`.
pub(super) fn malformed_abbreviations(items: &[Item]) -> Vec<(usize, String, String)> {
    let g = gazetteer::get();
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if it.person.is_some() || !it.text.contains('.') || g.is_written(it.text) {
            continue;
        }
        // Every letter followed by a stop: the form of initials.
        let letters = it.text.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || it.text.matches('.').count() != letters {
            continue;
        }
        if let Some(standard) = g.dotted_form(&key(it.text)) {
            if standard != it.text && standard.matches('.').count() != letters {
                out.push((i, it.text.to_string(), standard.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_one_transposition_as_one_edit() {
        assert_eq!(distance("priebus", "preibus"), 1);
        assert_eq!(distance("karin", "karine"), 1);
        assert_eq!(distance("mark", "mary"), 1);
        assert_eq!(distance("abc", "abcdef"), 3);
    }

    #[test]
    fn people_of_different_sex_are_not_one_misspelt_name() {
        assert!(similar_people("Karin Jean-Pierre", "Karine Jean-Pierre"));
        assert!(similar_people("Anthony Blinken", "Antony Blinken"));
        assert!(!similar_people("Mark Lowell", "Mary Lowell"));
        assert!(!similar_people("Paul Denby", "Paula Denby"));
        assert!(similar_people("Reince Preibus", "Reince Priebus"));
    }

    #[test]
    fn different_known_places_are_not_variants() {
        let none = HashSet::new();
        assert!(!similar_things("iran", "iraq", &none));
        assert!(similar_things("rafa", "rafah", &none));
        assert!(similar_things("endeavors", "endeavour", &none));
        assert!(similar_things(
            "southwest christian college",
            "southwestern christian college",
            &none
        ));
        assert!(similar_things(
            "pinewood apartments",
            "pinewood village apartments",
            &none
        ));
        assert!(!similar_things("federal way city hall", "city hall", &none));
        assert!(!similar_things("olympian", "olympia", &none));
        assert!(!similar_things("russians", "russia", &none));
        let hill: HashSet<&str> = ["capitol hill"].into_iter().collect();
        assert!(!similar_things(
            "capitol hill police",
            "capitol police",
            &hill
        ));
    }
}

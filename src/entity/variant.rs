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
use super::gazetteer::{FastMap, FastSet};
use super::link::{person_name, Item};
use super::EntityKind;
use crate::DocId;
use rustc_hash::FxHasher;
use std::hash::Hasher;

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

/// Hash of the concatenated parts, byte by byte so that where the parts are cut
/// does not matter.
fn hash_parts(tag: u8, parts: &[&[u8]]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(tag);
    for part in parts {
        for &b in *part {
            h.write_u8(b);
        }
    }
    h.finish()
}

/// Pushes the hash of `prefix + s` and of `prefix + s` with each one character
/// deleted: the deletion neighbourhood that finds one-slip pairs.
fn push_deletions(tag: u8, prefix: &[u8], s: &str, out: &mut Vec<u64>) {
    let b = s.as_bytes();
    out.push(hash_parts(tag, &[prefix, b]));
    for (i, c) in s.char_indices() {
        out.push(hash_parts(tag, &[prefix, &b[..i], &b[i + c.len_utf8()..]]));
    }
}

/// Blocking keys (hashed) of one spelling.
fn blocks(group: &Group, form: &Form, items: &[Item], out: &mut Vec<u64>) {
    if form.key.chars().any(|c| c.is_ascii_digit()) {
        return;
    }
    if group.kind == EntityKind::Person {
        if let Some(p) = person_name(items[form.items[0]].text) {
            if let Some(g) = &p.given_written {
                let surname = [p.surname.as_bytes(), b"|"].concat();
                push_deletions(b's', &surname, g, out);
                if p.surname.chars().count() >= 5 {
                    let given = [g.as_bytes(), b"|"].concat();
                    push_deletions(b'g', &given, &p.surname, out);
                }
            }
        }
        return;
    }
    let k = form.key.as_bytes();
    let spans: Vec<(usize, usize)> = form
        .key
        .split(' ')
        .scan(0, |at, w| {
            let span = (*at, *at + w.len());
            *at += w.len() + 1;
            Some(span)
        })
        .collect();
    if spans.len() == 1 {
        if form.key.chars().count() >= 4 {
            push_deletions(b't', b"", &form.key, out);
            if let Some(stem) = form
                .key
                .strip_suffix('s')
                .filter(|s| s.chars().count() >= 4)
            {
                push_deletions(b't', b"", stem, out);
            }
        }
        return;
    }
    for &(start, end) in &spans {
        out.push(hash_parts(b'm', &[&k[..start], b"*", &k[end..]]));
    }
    out.push(hash_parts(b'd', &[k]));
    if spans.len() >= 3 {
        for &(start, end) in &spans[1..spans.len() - 1] {
            out.push(hash_parts(b'd', &[&k[..start - 1], &k[end..]]));
        }
    }
}

/// Whether `a` and `b` differ by one inserted, deleted or swapped letter. A changed
/// letter does not count: it mostly makes another word or name ("Iran"/"Iraq",
/// "Boston"/"Bolton", "Mark"/"Mary"), while misspellings drop, add or swap one.
fn one_slip(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        1 => (0..long.len()).any(|i| long[..i] == short[..i] && long[i + 1..] == short[i..]),
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 2
                && diff[1] == diff[0] + 1
                && a[diff[0]] == b[diff[1]]
                && a[diff[1]] == b[diff[0]]
        }
        _ => false,
    }
}

/// Inflected or derived forms of one word are different words, not misspellings:
/// "Olympic"/"Olympics", "Russia"/"Russian", "Olympia"/"Olympian".
fn derived(a: &str, b: &str) -> bool {
    let from = |x: &str, y: &str| {
        [
            "s", "es", "n", "an", "ian", "i", "er", "ese", "ns", "ans", "ians", "ic", "y",
        ]
        .iter()
        .any(|suffix| x.strip_suffix(suffix) == Some(y))
    };
    // "Texas"/"Texans".
    let people_of = |x: &str, y: &str| {
        x.strip_suffix("ns")
            .zip(y.strip_suffix('s'))
            .is_some_and(|(x, y)| x == y)
    };
    from(a, b) || from(b, a) || people_of(a, b) || people_of(b, a)
}

/// Whether two spellings of non-people are one name misspelt.
fn similar_things(a: &str, b: &str, names: &FastSet<&str>) -> bool {
    let g = gazetteer::get();
    if a == b || a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()) {
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
    // Misspellings keep the first letter; a given name is not a misspelt place
    // ("Georgina"/"Georgia").
    let close = |x: &str, y: &str| {
        x.chars().count() >= 4
            && y.chars().count() >= 4
            && x.chars().next() == y.chars().next()
            && !derived(x, y)
            && !(g.given(x).is_some() && g.known(y).is_some())
            && !(g.given(y).is_some() && g.known(x).is_some())
            && one_slip(x, y)
    };
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() == 1 && wb.len() == 1 {
        // "Endeavors" for "Endeavour's": a dropped apostrophe on top of a misspelling
        // the workspace also writes without the "s".
        let stem = |x: &'_ str| {
            x.strip_suffix('s')
                .filter(|s| names.contains(s))
                .map(str::to_string)
        };
        return close(a, b)
            || stem(a).is_some_and(|s| close(&s, b) && !derived(&s, b))
            || stem(b).is_some_and(|s| close(a, &s) && !derived(a, &s));
    }
    if wa.len() == wb.len() {
        let diff: Vec<usize> = (0..wa.len()).filter(|&i| wa[i] != wb[i]).collect();
        if diff.len() != 1 {
            return false;
        }
        let (x, y) = (wa[diff[0]], wb[diff[0]]);
        if derived(x, y) {
            return false;
        }
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        // "Southwest"/"Southwestern" inside a longer name.
        let extended = wa.len() >= 3
            && short.chars().count() >= 5
            && long.starts_with(short)
            && long.len() - short.len() <= 3;
        return extended || (close(x, y) && !x.chars().any(|c| c.is_ascii_digit()));
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
    // Only for places named by a proper word ("Pinewood ... Apartments"): dropping a
    // word of an organisation's or event's name is mostly a usual short form ("Greek
    // Federation", "World Championship").
    let proper_front = g.known(long[0]).is_none() && !g.is_demonym(long[0]) && !g.is_stop(long[0]);
    if !proper_front || !g.is_place_head(long[long.len() - 1]) {
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
/// one slip apart (of the same sex when both are known), or same given name and
/// surnames one slip apart.
fn similar_people(a: &str, b: &str) -> bool {
    let g = gazetteer::get();
    let (Some(pa), Some(pb)) = (person_name(a), person_name(b)) else {
        return false;
    };
    let (Some(ga), Some(gb)) = (&pa.given_written, &pb.given_written) else {
        return false;
    };
    if pa.surname == pb.surname {
        let same_initial = ga.chars().next() == gb.chars().next();
        if ga == gb || !same_initial || derived(ga, gb) || !one_slip(ga, gb) {
            return false;
        }
        let sex = |n: &str| g.given(n).unwrap_or(Sex::Either);
        return !matches!(
            (sex(ga), sex(gb)),
            (Sex::Male, Sex::Female) | (Sex::Female, Sex::Male)
        );
    }
    ga == gb
        && pa.surname.chars().count() >= 5
        && !derived(&pa.surname, &pb.surname)
        && pa.surname.chars().next() == pb.surname.chars().next()
        && one_slip(&pa.surname, &pb.surname)
}

/// Variant spellings across the groups.
pub(super) fn find(groups: &[Group], items: &[Item], texts: &FastMap<DocId, &str>) -> Vec<Found> {
    // (block hash, group, form), sorted so that each block is one run.
    let mut entries: Vec<(u64, usize, usize)> = Vec::new();
    let mut hashes = Vec::new();
    for (gi, group) in groups.iter().enumerate() {
        for (fi, form) in group.forms.iter().enumerate() {
            hashes.clear();
            blocks(group, form, items, &mut hashes);
            entries.extend(hashes.iter().map(|&h| (h, gi, fi)));
        }
    }
    entries.sort_unstable();
    entries.dedup();
    let mut doc_groups: FastMap<DocId, Vec<usize>> = FastMap::default();
    for (gi, group) in groups.iter().enumerate() {
        for &d in &group.docs {
            doc_groups.entry(d).or_default().push(gi);
        }
    }
    let names: FastSet<&str> = groups
        .iter()
        .flat_map(|g| g.forms.iter().map(|f| f.key.as_str()))
        .collect();
    let mut seen: FastSet<(At, At)> = FastSet::default();
    let mut judged = Vec::new();
    let mut list: Vec<At> = Vec::new();
    for run in entries.chunk_by(|x, y| x.0 == y.0) {
        if run.len() < 2 || run.len() > MAX_BLOCK {
            continue;
        }
        list.clear();
        list.extend(run.iter().map(|&(_, group, form)| At { group, form }));
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
                let ctx = Context {
                    doc_groups: &doc_groups,
                    names: &names,
                    texts,
                };
                if let Some(j) = judge(groups, items, &ctx, pair.0, pair.1) {
                    judged.push(j);
                }
            }
        }
    }
    // On a tie, the spelling from articles that misspell other names is the variant:
    // a source careless with one name is likelier careless with another.
    let mut careless: FastMap<DocId, usize> = FastMap::default();
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

/// What judging a pair may consult beyond the two groups.
struct Context<'c> {
    doc_groups: &'c FastMap<DocId, Vec<usize>>,
    /// Every spelling in the workspace, by key.
    names: &'c FastSet<&'c str>,
    texts: &'c FastMap<DocId, &'c str>,
}

fn judge(groups: &[Group], items: &[Item], ctx: &Context, a: At, b: At) -> Option<Judged> {
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
    } else {
        if !similar_things(&fa.key, &fb.key, ctx.names) {
            return None;
        }
        // A word the articles also write in lower case is a word, not a name:
        // "Life"/"Live" in headlines.
        if [(ga, fa), (gb, fb)]
            .iter()
            .any(|(g, f)| !f.key.contains(' ') && written_lower(&f.key, &g.docs, ctx.texts))
        {
            return None;
        }
    }
    if !share_context(ga, gb, a.group, b.group, groups, ctx.doc_groups) {
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

/// Whether a word occurs in lower case, as a whole word, in some of the articles.
fn written_lower(word: &str, docs: &[DocId], texts: &FastMap<DocId, &str>) -> bool {
    docs.iter()
        .take(8)
        .filter_map(|d| texts.get(d))
        .any(|text| {
            text.match_indices(word).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + word.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
}

/// Whether the articles of `a` and of `b` name two other entities in common, not
/// counting the ones that most articles name (a workspace-wide "U.S." says nothing
/// about two articles telling one story).
fn share_context(
    a: &Group,
    b: &Group,
    ia: usize,
    ib: usize,
    groups: &[Group],
    doc_groups: &FastMap<DocId, Vec<usize>>,
) -> bool {
    const LIMIT: usize = 64;
    let common = 10.max(doc_groups.len() / 100);
    let near: FastSet<usize> = a
        .docs
        .iter()
        .take(LIMIT)
        .flat_map(|d| doc_groups.get(d).into_iter().flatten().copied())
        .filter(|&g| g != ia && g != ib && groups[g].docs.len() <= common)
        .collect();
    let shared: FastSet<usize> = b
        .docs
        .iter()
        .take(LIMIT)
        .flat_map(|d| doc_groups.get(d).into_iter().flatten().copied())
        .filter(|g| near.contains(g))
        .collect();
    shared.len() >= 2
}

fn most_common_text(members: &[usize], items: &[Item]) -> String {
    let mut counts: FastMap<&str, usize> = FastMap::default();
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
    fn slips_are_one_letter_dropped_added_or_swapped() {
        assert!(one_slip("priebus", "preibus"));
        assert!(one_slip("karin", "karine"));
        assert!(one_slip("antony", "anthony"));
        assert!(!one_slip("mark", "mary"));
        assert!(!one_slip("boston", "bolton"));
        assert!(!one_slip("abc", "abcdef"));
    }

    #[test]
    fn inflected_and_derived_words_are_not_variants() {
        let none = FastSet::default();
        assert!(!similar_things("olympics", "olympic", &none));
        assert!(!similar_things("south africans", "south africa", &none));
        assert!(!similar_things("texans", "texas", &none));
        assert!(!similar_things(
            "greek federation",
            "greek athletics federation",
            &none
        ));
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
        let none = FastSet::default();
        assert!(!similar_things("iran", "iraq", &none));
        assert!(similar_things("dunmore", "dunmoore", &none));
        let explorer: FastSet<&str> = ["explorer"].into_iter().collect();
        assert!(similar_things("explorers", "explourer", &explorer));
        assert!(!similar_things("explorers", "explourer", &none));
        assert!(similar_things(
            "northwest baptist college",
            "northwestern baptist college",
            &none
        ));
        assert!(similar_things(
            "elmwood apartments",
            "elmwood garden apartments",
            &none
        ));
        assert!(!similar_things("port ellis city hall", "city hall", &none));
        assert!(!similar_things("olympian", "olympia", &none));
        assert!(!similar_things("russians", "russia", &none));
        let hill: FastSet<&str> = ["tower hill"].into_iter().collect();
        assert!(!similar_things("tower hill police", "tower police", &hill));
    }
}

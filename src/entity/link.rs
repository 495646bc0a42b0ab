//! Linking across the workspace: which mentions name one referent. Every join is
//! keyed by a normalised name in a hash map (no comparison of all pairs): the same
//! name; a person's given name and surname (middle initials, suffixes and common
//! nicknames aside); a surname or given name alone, resolved in its own article
//! first and across the workspace only when one person there bears it; an acronym
//! and its expansion; `U.S.`/`US`/`United States` through the alias list; an
//! organisation and the same one prefixed by its place ("U.S. Capitol Police").
//! Spelling variants ([`super::variant`]) are found last and joined too.

use super::gazetteer::{self, key};
use super::gazetteer::{FastMap, FastSet};
use super::recognise::initials;
use super::variant::{self, Form, Group};
use super::{Certainty, DocMentions, Entity, EntityKind, Mention, MentionRef, RoleRef, Variant};
use crate::DocId;
use std::collections::BTreeMap;

/// One mention as the linker sees it.
pub(super) struct Item<'a> {
    pub doc: DocId,
    pub mention: &'a Mention,
    /// The mention as written, without a possessive.
    pub text: &'a str,
    /// The lookup key after aliases ("united states" for "U.S.").
    pub norm: String,
    /// For people: given name (nicknames expanded) and surname keys.
    pub person: Option<PersonName>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct PersonName {
    pub given: Option<String>,
    pub surname: String,
    /// The given name as written, lower case, before nickname expansion.
    pub given_written: Option<String>,
}

/// Common short forms of given names, so "Mike Elliott" is "Michael Elliott".
const NICKNAMES: [(&str, &str); 40] = [
    ("mike", "michael"),
    ("zack", "zachary"),
    ("zach", "zachary"),
    ("bill", "william"),
    ("will", "william"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("tom", "thomas"),
    ("dave", "david"),
    ("steve", "steven"),
    ("chris", "christopher"),
    ("matt", "matthew"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("tony", "anthony"),
    ("jeff", "jeffrey"),
    ("ed", "edward"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("ron", "ronald"),
    ("sam", "samuel"),
    ("ben", "benjamin"),
    ("alex", "alexander"),
    ("andy", "andrew"),
    ("nick", "nicholas"),
    ("pat", "patrick"),
    ("tim", "timothy"),
    ("greg", "gregory"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("jerry", "gerald"),
    ("kate", "katherine"),
    ("cathy", "catherine"),
    ("liz", "elizabeth"),
    ("sue", "susan"),
    ("jenny", "jennifer"),
    ("vicky", "victoria"),
];

const SUFFIXES: [&str; 6] = ["jr", "sr", "ii", "iii", "iv", "v"];

/// Given name and surname keys of a person's name as written.
pub(super) fn person_name(text: &str) -> Option<PersonName> {
    let parts: Vec<String> = text
        .split_whitespace()
        .filter(|w| !w.starts_with(['"', '\u{201c}', '\'', '\u{2018}']))
        .map(key)
        .filter(|k| {
            // Initials ("W.", "A.D.") and suffixes are not what tells people apart.
            let letters = k.chars().filter(|c| c.is_alphabetic()).count();
            letters > 1
                && !(letters <= 3
                    && k.len() == letters
                    && k.chars().all(|c| c.is_alphabetic())
                    && is_initials(text, k))
                && !SUFFIXES.contains(&k.as_str())
        })
        .collect();
    let surname = parts.last()?.clone();
    let given_written = (parts.len() >= 2).then(|| parts[0].clone());
    let given = given_written.as_ref().map(|g| {
        NICKNAMES
            .iter()
            .find(|(n, _)| n == g)
            .map_or(g.clone(), |(_, full)| full.to_string())
    });
    Some(PersonName {
        given,
        surname,
        given_written,
    })
}

/// Whether a short key comes from dotted initials in the text ("A.D.").
fn is_initials(text: &str, k: &str) -> bool {
    text.split_whitespace()
        .any(|w| w.contains('.') && key(w) == k && w.matches('.').count() >= k.len())
}

/// The key a non-person name is grouped by: aliases resolved, and a police force
/// named one way or another ("Kent Police Department", "Kent police", "Kent PD").
fn norm(text: &str) -> String {
    let g = gazetteer::get();
    let mut k = key(text);
    if let Some(canonical) = g.alias(&k) {
        k = key(canonical);
    }
    for (long, short) in [
        (" police department", " police"),
        (" police dept", " police"),
        (" pd", " police"),
    ] {
        if let Some(stem) = k.strip_suffix(long) {
            k = format!("{stem}{short}");
        }
    }
    k
}

/// Union-find over item indices.
pub(super) struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn new(n: usize) -> Self {
        Sets {
            parent: (0..n).collect(),
        }
    }
    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays root, so results do not depend on hash order.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

fn is_acronym(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// Links the mentions of all articles into entities.
pub fn link(docs: &[DocMentions<'_>]) -> Vec<Entity> {
    let g = gazetteer::get();
    let mut items: Vec<Item> = Vec::new();
    for d in docs {
        for m in d.mentions {
            let text = m.span.of(d.text);
            let is_person = m.kind == EntityKind::Person;
            items.push(Item {
                doc: d.doc,
                mention: m,
                text,
                norm: if is_person { key(text) } else { norm(text) },
                person: if is_person { person_name(text) } else { None },
            });
        }
    }
    let mut sets = Sets::new(items.len());
    let mut first_of: FastMap<String, usize> = FastMap::default();
    let mut join = |sets: &mut Sets, group: String, i: usize| match first_of.get(&group) {
        Some(&j) => sets.union(i, j),
        None => {
            first_of.insert(group, i);
        }
    };

    // People named in full: given name and surname.
    let mut full_by_surname: FastMap<&str, FastSet<&str>> = FastMap::default();
    let mut doc_people: FastMap<(DocId, &str), FastMap<&str, usize>> = FastMap::default();
    let mut doc_givens: FastMap<(DocId, &str), FastMap<&str, usize>> = FastMap::default();
    for (i, it) in items.iter().enumerate() {
        if let Some(PersonName {
            given: Some(gn),
            surname,
            ..
        }) = &it.person
        {
            join(&mut sets, format!("p:{gn} {surname}"), i);
        }
    }
    for it in &items {
        if let Some(p) = &it.person {
            if let Some(gn) = &p.given {
                full_by_surname
                    .entry(p.surname.as_str())
                    .or_default()
                    .insert(gn.as_str());
                *doc_people
                    .entry((it.doc, p.surname.as_str()))
                    .or_default()
                    .entry(gn.as_str())
                    .or_default() += 1;
                *doc_givens
                    .entry((it.doc, gn.as_str()))
                    .or_default()
                    .entry(p.surname.as_str())
                    .or_default() += 1;
            }
        }
    }
    // A name alone: the person of that surname (or given name) in the article, else
    // the one person of that surname in the workspace.
    let single_person = |it: &Item| -> bool {
        it.mention.kind == EntityKind::Person
            || (it.mention.kind == EntityKind::Other
                && it.mention.certainty == Certainty::Weak
                && !it.text.contains(' '))
    };
    // Mentions joined to a person here do not also join things of the same name.
    let mut personal = vec![false; items.len()];
    for (i, it) in items.iter().enumerate() {
        let lone = match &it.person {
            Some(p) if p.given.is_none() => p.surname.clone(),
            None if single_person(it) => match person_name(it.text) {
                Some(p) if p.given.is_none() => p.surname,
                _ => continue,
            },
            _ => continue,
        };
        let unique_max = |m: &FastMap<&str, usize>| -> Option<String> {
            let max = *m.values().max()?;
            let mut top = m.iter().filter(|(_, &c)| c == max);
            let first = top.next()?;
            top.next().is_none().then(|| first.0.to_string())
        };
        let group = if let Some(gn) = doc_people
            .get(&(it.doc, lone.as_str()))
            .and_then(unique_max)
        {
            Some(format!("p:{gn} {lone}"))
        } else if doc_people.contains_key(&(it.doc, lone.as_str())) {
            Some(format!("d:{}:{lone}", it.doc.0))
        } else if let Some(sn) = doc_givens
            .get(&(it.doc, lone.as_str()))
            .and_then(unique_max)
        {
            let gn = NICKNAMES
                .iter()
                .find(|(n, _)| *n == lone)
                .map_or(lone.clone(), |(_, f)| f.to_string());
            Some(format!("p:{gn} {sn}"))
        } else {
            match full_by_surname.get(lone.as_str()) {
                Some(givens) if givens.len() == 1 => {
                    let gn = givens.iter().next().unwrap();
                    Some(format!("p:{gn} {lone}"))
                }
                Some(_) => Some(format!("d:{}:{lone}", it.doc.0)),
                None if it.mention.kind == EntityKind::Person => Some(format!("s:{lone}")),
                None => None,
            }
        };
        if let Some(group) = group {
            join(&mut sets, group, i);
            personal[i] = true;
        }
    }
    // Everything else by its normalised name.
    for (i, it) in items.iter().enumerate() {
        if it.person.is_none() && !personal[i] {
            join(&mut sets, format!("n:{}", it.norm), i);
        }
    }

    // Acronyms: defined in brackets in an article, else matched by initials to the
    // one name in the article (or else the workspace) that has them.
    let mut by_initials: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, it) in items.iter().enumerate() {
        if it.person.is_none() && it.text.contains(' ') && it.mention.kind != EntityKind::Person {
            let ini = initials(&it.norm);
            if ini.len() >= 2 {
                by_initials.entry(ini).or_default().push(i);
            }
        }
    }
    for (i, it) in items.iter().enumerate() {
        if it.person.is_some() || !is_acronym(it.text) || g.alias(&key(it.text)).is_some() {
            continue;
        }
        let k = key(it.text);
        let Some(cands) = by_initials.get(&k) else {
            continue;
        };
        let in_doc: FastSet<&str> = cands
            .iter()
            .filter(|&&c| items[c].doc == it.doc)
            .map(|&c| items[c].norm.as_str())
            .collect();
        let pick = if in_doc.len() == 1 {
            cands.iter().find(|&&c| items[c].doc == it.doc).copied()
        } else if in_doc.is_empty() {
            let all: FastSet<&str> = cands.iter().map(|&c| items[c].norm.as_str()).collect();
            (all.len() == 1).then(|| cands[0])
        } else {
            None
        };
        if let Some(c) = pick {
            sets.union(i, c);
        }
    }

    // "U.S. Capitol Police" is "Capitol Police": a known place or organisation in
    // front of a name of two or more words.
    let place_norms: FastSet<&str> = items
        .iter()
        .filter(|it| it.mention.kind == EntityKind::Place)
        .map(|it| it.norm.as_str())
        .collect();
    let mut by_norm: FastMap<&str, usize> = FastMap::default();
    for (i, it) in items.iter().enumerate() {
        if it.person.is_none() {
            by_norm.entry(it.norm.as_str()).or_insert(i);
        }
    }
    for (i, it) in items.iter().enumerate() {
        if it.person.is_some() || it.mention.kind == EntityKind::Person {
            continue;
        }
        let words: Vec<&str> = it.norm.split(' ').collect();
        for cut in 1..words.len().saturating_sub(1) {
            let prefix = words[..cut].join(" ");
            let known_prefix = g.known(&prefix).is_some()
                || place_norms.contains(prefix.as_str())
                || (cut == 1
                    && prefix.contains('-')
                    && prefix.split('-').all(|p| g.known(p).is_some()));
            if !known_prefix {
                continue;
            }
            let rest = words[cut..].join(" ");
            if let Some(&j) = by_norm.get(rest.as_str()) {
                sets.union(i, j);
                break;
            }
        }
    }

    let place_stems: FastSet<String> = items
        .iter()
        .filter(|it| it.mention.kind == EntityKind::Organisation)
        .filter_map(|it| {
            PLACE_INSTITUTIONS
                .iter()
                .find_map(|s| it.norm.strip_suffix(s))
                .map(str::to_string)
        })
        .collect();
    // Components, their spellings, then variants.
    let mut comp_of: Vec<usize> = (0..items.len()).map(|i| sets.find(i)).collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &c) in comp_of.iter().enumerate() {
        groups.entry(c).or_default().push(i);
    }
    let group_list: Vec<Group> = groups
        .iter()
        .map(|(&root, members)| make_group(root, members, &items, &place_stems))
        .collect();
    let texts: FastMap<DocId, &str> = docs.iter().map(|d| (d.doc, d.text)).collect();
    let found = variant::find(&group_list, &items, &texts);
    for f in &found {
        sets.union(f.minority_root, f.majority_root);
    }
    for (i, c) in comp_of.iter_mut().enumerate() {
        *c = sets.find(i);
    }
    let mut variants_at: FastMap<usize, (String, String)> = FastMap::default();
    for f in found {
        for (item, fix) in f.flagged {
            variants_at.insert(item, (items[item].text.to_string(), fix));
        }
    }
    for (item, text, fix) in variant::malformed_abbreviations(&items) {
        variants_at.insert(item, (text, fix));
    }

    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &c) in comp_of.iter().enumerate() {
        comps.entry(c).or_default().push(i);
    }
    let mut entities: Vec<Entity> = comps
        .values()
        .map(|members| build_entity(members, &items, &variants_at, &place_stems))
        .collect();
    entities.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    entities
}

/// A component as variant search sees it.
fn make_group(
    root: usize,
    members: &[usize],
    items: &[Item],
    place_stems: &FastSet<String>,
) -> Group {
    let kind = vote_kind(members, items, place_stems);
    let mut forms: Vec<Form> = Vec::new();
    for &m in members {
        let it = &items[m];
        let written = key(it.text);
        match forms.iter_mut().find(|f| f.key == written) {
            Some(f) => f.items.push(m),
            None => forms.push(Form {
                key: written,
                items: vec![m],
            }),
        }
    }
    let mut docs: Vec<DocId> = members.iter().map(|&m| items[m].doc).collect();
    docs.sort();
    docs.dedup();
    Group {
        root,
        kind,
        forms,
        docs,
        size: members.len(),
    }
}

/// Organisation names whose front is a place: "Waxhaw Police" makes "Waxhaw" a
/// place wherever it stands alone.
const PLACE_INSTITUTIONS: [&str; 5] = [
    " police",
    " fire department",
    " city council",
    " school district",
    " city hall",
];

/// The kind most mentions give, surer mentions counting more; "other" only when
/// nothing else is said.
fn vote_kind(members: &[usize], items: &[Item], place_stems: &FastSet<String>) -> EntityKind {
    let mut score = [0u32; 4];
    if members
        .iter()
        .any(|&m| items[m].person.is_none() && place_stems.contains(&items[m].norm))
    {
        score[2] += 3;
    }
    for &m in members {
        let mention = items[m].mention;
        let w = match mention.certainty {
            Certainty::Strong => 6,
            Certainty::Fair => 3,
            Certainty::Weak => 2,
        };
        let (slot, w) = match mention.kind {
            EntityKind::Person => (0, w),
            EntityKind::Organisation => (1, w),
            EntityKind::Place => (2, w),
            EntityKind::Other => (3, w / 2),
        };
        score[slot] += w;
    }
    let best = (0..4).max_by_key(|&i| (score[i], 3 - i)).unwrap_or(3);
    [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Place,
        EntityKind::Other,
    ][best]
}

fn is_shouted(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 5 && letters.iter().all(|c| c.is_uppercase())
}

fn build_entity(
    members: &[usize],
    items: &[Item],
    variants_at: &FastMap<usize, (String, String)>,
    place_stems: &FastSet<String>,
) -> Entity {
    let g = gazetteer::get();
    let kind = vote_kind(members, items, place_stems);
    // Spellings by frequency; the name is the most complete, most common one that
    // is not a flagged variant nor written in capitals.
    let mut counts: FastMap<&str, usize> = FastMap::default();
    for &m in members {
        *counts.entry(items[m].text).or_default() += 1;
    }
    let flagged: FastSet<&str> = members
        .iter()
        .filter(|m| variants_at.contains_key(m))
        .map(|&m| items[m].text)
        .collect();
    let mut spellings: Vec<(&str, usize)> = counts.into_iter().collect();
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let words = |s: &str| s.split_whitespace().count();
    let name = spellings
        .iter()
        .filter(|(s, _)| !flagged.contains(s) && !is_shouted(s))
        .max_by(|a, b| {
            words(a.0)
                .cmp(&words(b.0))
                .then(a.1.cmp(&b.1))
                .then_with(|| b.0.cmp(a.0))
        })
        .or_else(|| spellings.first())
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    // "U.S." alone still names the United States.
    let name = match g.alias(&key(&name)) {
        Some(canonical) if kind != EntityKind::Person => canonical.to_string(),
        _ => name,
    };
    let aliases: Vec<String> = spellings
        .iter()
        .filter(|(s, _)| *s != name)
        .map(|(s, _)| s.to_string())
        .collect();
    let mut roles: Vec<RoleRef> = Vec::new();
    for &m in members {
        if let Some(r) = &items[m].mention.role {
            let role = RoleRef {
                text: r.clone(),
                doc: items[m].doc,
            };
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
    }
    let mut mentions: Vec<MentionRef> = members
        .iter()
        .map(|&m| MentionRef {
            doc: items[m].doc,
            span: items[m].mention.span,
        })
        .collect();
    mentions.sort_by_key(|m| (m.doc, m.span));
    let mut variants: Vec<Variant> = members
        .iter()
        .filter_map(|&m| {
            let (text, fix) = variants_at.get(&m)?;
            Some(Variant {
                at: MentionRef {
                    doc: items[m].doc,
                    span: items[m].mention.span,
                },
                text: text.clone(),
                fix: fix.clone(),
            })
        })
        .collect();
    variants.sort_by_key(|v| (v.at.doc, v.at.span));
    Entity {
        name,
        kind,
        aliases,
        roles,
        mentions,
        variants,
    }
}

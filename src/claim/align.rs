//! Cross-article alignment: which figures of different articles report one quantity.
//!
//! Candidates come from an inverted index on claim keys (dimension plus counted noun,
//! predicate, names or a salient context word), each posting list capped so that words
//! common across the workspace add no pairs: the work grows with the workspace, not
//! with its square. Each candidate pair is scored on evidence from both contexts
//! (IDF-weighted clause words, noun, predicate, names and roles); figures are joined
//! when they are each other's best match between their two articles. A conflict is
//! flagged only on a strong join with no qualifier that could explain the difference.

use super::calendar;
use super::message::{self, Group};
use super::reading;
use super::term::Term;
use super::verdict::{self, Judgement};
use super::{Alignment, Claim, Disagreement, DocFigures, FigureContext, Member, Verdict};
use crate::figure::{Figure, Kind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Longest posting list still used for candidates: keys shared by more figures are
/// too common to say which quantity a figure measures.
const POSTING_CAP: usize = 64;
/// Context words of each figure that go into the index.
const INDEXED_TERMS: usize = 8;
/// Names two articles must share to be compared at all.
const SHARED_NAMES: usize = 2;
/// Least score for joining two figures into one claim.
const JOIN: f32 = 0.45;
/// Least score for joining dates and times.
const JOIN_CALENDAR: f32 = 0.7;
/// Least score for flagging a disagreement between joined figures.
const FLAG: f32 = 0.45;
/// Evidence added when neighbouring sentences of the two figures hold another joined
/// pair: reports of one fact tend to keep its neighbours.
const PARALLEL: f32 = 0.35;
/// Least score for flagging dates and times: in a news cluster most of them name side
/// events (a statement, a court date), so the event must be plain on both sides.
const FLAG_CALENDAR: f32 = 1.3;

/// Qualifiers that change what is counted or when: if only one side has one, a
/// difference in value may be no disagreement at all.
const REFERENCE_QUALIFIERS: &[&str] = &[
    "initially",
    "first",
    "later",
    "now",
    "currently",
    "originally",
    "previously",
    "earlier",
    "another",
    "additional",
    "remaining",
    "more",
    "including",
    "included",
    "total",
    "alone",
    "combined",
    "former",
    "still",
    "since",
];

/// Pairs of event classes that name different outcomes.
const CONTRARY_EVENTS: &[(&str, &str)] = &[("kill", "injure")];

/// Nouns that name people without saying which: compatible with any person noun.
const GENERIC_PERSON: &[&str] = &["person", "victim", "resident"];
const PERSON_CLASSES: &[&str] = &[
    "person", "victim", "resident", "man", "woman", "child", "girl", "boy", "officer", "suspect",
];

struct Item<'a> {
    doc: usize,
    index: usize,
    /// The figure as its context reads it (see [`reading::as_read`]).
    figure: Cow<'a, Figure>,
    ctx: &'a FigureContext,
    tag: String,
    magnitude: Option<f64>,
    /// Every figure of this article with the same noun (or, for ages, a shared role)
    /// states one value: the noun alone picks the quantity out in this article.
    unique_anchor: bool,
    /// The date of the figure's article, when it gives one.
    dated: Option<calendar::FullDate>,
    /// The context's terms ordered by term, for merging.
    sorted_terms: Vec<(Term, f32)>,
}

struct Scorer {
    idf: HashMap<Term, f32>,
    norms: Vec<f32>,
}

impl Scorer {
    fn idf(&self, term: Term) -> f32 {
        self.idf.get(&term).copied().unwrap_or(0.0)
    }

    /// IDF-weighted cosine of the two clauses' words: a merge of the two term lists,
    /// each sorted by term.
    fn lexical(&self, a: usize, b: usize, items: &[Item<'_>]) -> f32 {
        let (ta, tb) = (&items[a].sorted_terms, &items[b].sorted_terms);
        let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
        while i < ta.len() && j < tb.len() {
            match ta[i].0.cmp(&tb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += ta[i].1 * tb[j].1 * self.idf(ta[i].0).powi(2);
                    i += 1;
                    j += 1;
                }
            }
        }
        let n = self.norms[a] * self.norms[b];
        if n > 0.0 {
            dot / n
        } else {
            0.0
        }
    }
}

/// Whether two counted nouns can name one group.
fn nouns_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if a == b => true,
        (Some(a), Some(b)) => {
            let generic = |x: &str| GENERIC_PERSON.contains(&x);
            let person = |x: &str| PERSON_CLASSES.contains(&x);
            (generic(a) && person(b)) || (generic(b) && person(a))
        }
        _ => true,
    }
}

fn shares(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| x.len() > 1 && b.contains(x))
}

/// The evidence that two figures of different articles measure one quantity, or
/// `None` when something rules it out.
fn score(scorer: &Scorer, items: &[Item<'_>], a: usize, b: usize) -> Option<f32> {
    let (x, y) = (&items[a], &items[b]);
    if x.tag != y.tag {
        return None;
    }
    let (fa, fb) = (&*x.figure, &*y.figure);
    let (ca, cb) = (x.ctx, y.ctx);
    if fa.kind == Kind::Count && !nouns_compatible(ca.noun.as_deref(), cb.noun.as_deref()) {
        return None;
    }
    if let (Some(ma), Some(mb)) = (x.magnitude, y.magnitude) {
        let (lo, hi) = (ma.min(mb), ma.max(mb));
        let close = match fa.kind {
            Kind::Age => hi - lo <= 3.0,
            _ => hi < 1.9 * lo.max(1e-9) || hi - lo <= 2.0,
        };
        if !close {
            return None;
        }
    }
    if fa.kind == Kind::Age {
        if let (Some(sa), Some(sb)) = (ca.sex, cb.sex) {
            if sa != sb {
                return None;
            }
        }
    }
    // Events that exclude each other: a count of the killed is never a count of the
    // injured, whatever else the two clauses share.
    for (p, q) in CONTRARY_EVENTS {
        let has = |c: &FigureContext, e: &str| c.events.iter().any(|x| x == e);
        if (has(ca, p) && !has(ca, q) && has(cb, q) && !has(cb, p))
            || (has(ca, q) && !has(ca, p) && has(cb, p) && !has(cb, q))
        {
            return None;
        }
    }
    let mut s = scorer.lexical(a, b, items);
    let same_noun = ca.noun.is_some() && ca.noun == cb.noun;
    if same_noun {
        s += 0.25;
    } else if fa.kind == Kind::Count && ca.noun.is_some() != cb.noun.is_some() {
        // "Two women" is better matched by another count of women than by a bare "one".
        s -= 0.2;
    }
    if (same_noun || shares(&ca.roles, &cb.roles)) && x.unique_anchor && y.unique_anchor {
        s += 0.25;
    }
    match (&ca.predicate, &cb.predicate) {
        (Some(p), Some(q)) if p == q => s += 0.2,
        // Different events in the two clauses ("killed" there, "injured" here).
        _ if !ca.events.is_empty()
            && !cb.events.is_empty()
            && !ca.events.iter().any(|e| cb.events.contains(e)) =>
        {
            s -= 0.1
        }
        _ => {}
    }
    if shares(&ca.names, &cb.names) {
        s += 0.5;
    } else if fa.kind == Kind::Age && !ca.names.is_empty() && !cb.names.is_empty() {
        // Two named people of different names are two people.
        return None;
    }
    if shares(&ca.roles, &cb.roles) {
        s += 0.25;
    }
    if fa.value == fb.value {
        s += 0.1;
    }
    if fa.kind == Kind::Age {
        if ca.sex.is_some() && ca.sex == cb.sex {
            s += 0.1;
        }
        // Sources that disagree on an age are most often a year apart.
        if let (Some(ma), Some(mb)) = (x.magnitude, y.magnitude) {
            if (ma - mb).abs() <= 1.0 {
                s += 0.1;
            }
        }
    }
    Some(s)
}

/// Whether two figures of one article restate one fact: the same value of the same
/// dimension, tied to the same person (ages) or counting the same noun for the same
/// event, with nothing else in the article giving that anchor another value.
fn restates(x: &Item<'_>, y: &Item<'_>) -> bool {
    // Weekdays and clock times repeat for different events ("Monday's meeting" and
    // "on Monday he flew") too often to be taken as one.
    if x.doc != y.doc
        || x.tag != y.tag
        || x.figure.value != y.figure.value
        || matches!(x.figure.kind, Kind::Date | Kind::Time)
    {
        return false;
    }
    let (cx, cy) = (x.ctx, y.ctx);
    if x.figure.kind == Kind::Age && !cx.names.is_empty() && !cy.names.is_empty() {
        return shares(&cx.names, &cy.names);
    }
    let same_noun = cx.noun.is_some() && cx.noun == cy.noun;
    let same_event = cx.predicate == cy.predicate
        || (x.figure.kind == Kind::Age && !cx.roles.is_empty() && cx.roles == cy.roles);
    same_noun && same_event && x.unique_anchor && y.unique_anchor
}

/// Joins for the other mentions of a joined figure in its own article: a report that
/// calls a child a "2-year-old" five times is flagged at each of them, and each
/// counts in the claim. A mention already joined to the other article keeps its own
/// join.
fn echoes(items: &[Item<'_>], edges: &[Join]) -> Vec<Join> {
    let mut by_doc: HashMap<usize, Vec<usize>> = HashMap::default();
    for (k, it) in items.iter().enumerate() {
        by_doc.entry(it.doc).or_default().push(k);
    }
    let joined: HashSet<(usize, usize)> = edges
        .iter()
        .flat_map(|&(a, b, _)| [(a, items[b].doc), (b, items[a].doc)])
        .collect();
    let mut out: Vec<Join> = Vec::new();
    for &(a, b, s) in edges {
        for (from, to) in [(a, b), (b, a)] {
            for &e in &by_doc[&items[from].doc] {
                if e != from
                    && !joined.contains(&(e, items[to].doc))
                    && restates(&items[from], &items[e])
                    && !out.iter().any(|j| (j.0, j.1) == (e.min(to), e.max(to)))
                {
                    out.push((e.min(to), e.max(to), s));
                }
            }
        }
    }
    out
}

/// Days between two reports before a year of age may be a birthday between them.
const BIRTHDAY_GAP_DAYS: i64 = 30;

/// The verdict on two joined figures, allowing for the time between their reports: a
/// person one year older in a report written months later has had a birthday.
fn judge(x: &Item<'_>, y: &Item<'_>) -> Option<Judgement> {
    let j = verdict::judge(&x.figure, x.ctx, &y.figure, y.ctx)?;
    if j == Judgement::Agree || x.figure.kind != Kind::Age {
        return Some(j);
    }
    if let (Some(dx), Some(dy), Some(ax), Some(ay)) = (x.dated, y.dated, x.magnitude, y.magnitude) {
        let later = dy.days() - dx.days();
        let older = ay - ax;
        if (older == 1.0 && later >= BIRTHDAY_GAP_DAYS)
            || (older == -1.0 && later <= -BIRTHDAY_GAP_DAYS)
        {
            return Some(Judgement::Agree);
        }
    }
    Some(j)
}

/// Whether a difference between the two could be explained by what each refers to.
fn qualified_apart(a: &FigureContext, b: &FigureContext) -> bool {
    REFERENCE_QUALIFIERS.iter().any(|q| {
        let qa = a.qualifiers.iter().any(|x| x == q);
        let qb = b.qualifiers.iter().any(|x| x == q);
        qa != qb
    })
}

/// Whether something in the two contexts forbids calling a difference a disagreement,
/// however strong the join.
fn blocked(x: &Item<'_>, y: &Item<'_>, counts: &CountIndex) -> bool {
    // "six people, including two officers": a total listed with parts may count
    // other people than the plain figure it is compared with.
    let inclusive = |c: &FigureContext| c.qualifiers.iter().any(|q| q.starts_with("includ"));
    // An article that also states the other's count of the same noun ("three men" here,
    // "two men" there and here too) speaks of two groups, not of one in two numbers.
    let states_other = |it: &Item<'_>, other: &Item<'_>| {
        let (Some(noun), Some(v)) = (&other.ctx.noun, other.figure.value.number()) else {
            return false;
        };
        counts.contains(&(it.doc, noun.clone(), v.to_bits()))
    };
    qualified_apart(x.ctx, y.ctx)
        || inclusive(x.ctx)
        || inclusive(y.ctx)
        || (x.figure.kind == Kind::Count
            && (x.ctx.noun.is_none()
                || y.ctx.noun.is_none()
                || states_other(x, y)
                || states_other(y, x)))
}

/// (article, counted noun, value) of every count.
type CountIndex = HashSet<(usize, String, u64)>;

fn count_index(items: &[Item<'_>]) -> CountIndex {
    items
        .iter()
        .filter(|it| it.figure.kind == Kind::Count)
        .filter_map(|it| {
            let v = it.figure.value.number()?;
            Some((it.doc, it.ctx.noun.clone()?, v.to_bits()))
        })
        .collect()
}

/// Evidence strong enough to put a disagreement in front of the user.
fn flaggable(x: &Item<'_>, y: &Item<'_>, s: f32, counts: &CountIndex) -> bool {
    let least = match x.figure.kind {
        Kind::Date | Kind::Time => FLAG_CALENDAR,
        _ => FLAG,
    };
    s >= least && !blocked(x, y, counts)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Figures of the workspace with what scoring needs.
struct Prepared<'a> {
    items: Vec<Item<'a>>,
    scorer: Scorer,
}

fn prepare<'a>(docs: &'a [DocFigures<'a>]) -> Prepared<'a> {
    let mut items: Vec<Item<'a>> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let reference = reference_date(doc);
        for (i, (f, c)) in doc.figures.iter().zip(doc.contexts.iter()).enumerate() {
            if c.metadata {
                continue;
            }
            let mut f = reading::as_read(f, c);
            if let Some(r) = reference {
                let before = doc.text.get(..f.span.start).unwrap_or("");
                let mut from = before.len().saturating_sub(80);
                while !before.is_char_boundary(from) {
                    from -= 1;
                }
                let before = &before[from..];
                f = calendar::resolve(f, r, calendar::tense_before(before));
            }
            items.push(Item {
                doc: d,
                index: i,
                tag: verdict::dimension_tag(&f),
                magnitude: verdict::magnitude(&f),
                figure: f,
                ctx: c,
                dated: reference,
                unique_anchor: false,
                sorted_terms: {
                    let mut t = c.terms.clone();
                    t.sort_unstable_by_key(|x| x.0);
                    t
                },
            });
        }
    }
    mark_unique_anchors(&mut items);

    // Document frequency of context words across the workspace.
    let mut df: HashMap<Term, usize> = HashMap::default();
    let mut seen: HashSet<(usize, Term)> = HashSet::default();
    for it in &items {
        for &(t, _) in &it.ctx.terms {
            if seen.insert((it.doc, t)) {
                *df.entry(t).or_default() += 1;
            }
        }
    }
    let n = docs.len() as f32;
    let idf: HashMap<Term, f32> = df
        .iter()
        .map(|(&t, c)| (t, (1.0 + n / *c as f32).ln()))
        .collect();
    let norms = items
        .iter()
        .map(|it| {
            it.ctx
                .terms
                .iter()
                .map(|(t, w)| (w * idf.get(t).copied().unwrap_or(0.0)).powi(2))
                .sum::<f32>()
                .sqrt()
        })
        .collect();
    Prepared {
        items,
        scorer: Scorer { idf, norms },
    }
}

/// The article's own date, against which its bare weekdays are read: the date of its
/// page furniture ("Updated: Apr 19, 2016"), else a complete date in its first
/// sentences (a dateline). A complete date further down names some other event.
fn reference_date(doc: &DocFigures<'_>) -> Option<calendar::FullDate> {
    let dated = || doc.figures.iter().zip(doc.contexts.iter());
    dated()
        .filter(|(_, c)| c.metadata)
        .find_map(|(f, _)| calendar::FullDate::of(f))
        .or_else(|| {
            dated()
                .filter(|(_, c)| c.sentence <= 2)
                .find_map(|(f, _)| calendar::FullDate::of(f))
        })
}

/// Pairs of articles (lower index first) that tell one story: they share at least
/// [`SHARED_NAMES`] names that few articles of the workspace use. Figures of unrelated
/// articles are never compared: two shootings in two towns both have a "25-year-old".
fn related_articles(items: &[Item<'_>], n_docs: usize) -> HashSet<(usize, usize)> {
    let mut names_of: Vec<HashSet<&str>> = vec![HashSet::default(); n_docs];
    for it in items {
        names_of[it.doc].extend(it.ctx.anchors.iter().map(String::as_str));
    }
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::default();
    for (d, names) in names_of.iter().enumerate() {
        for &name in names {
            postings.entry(name).or_default().push(d);
        }
    }
    // A name used by more articles than this says nothing about which story it is.
    let cap = 10usize.max((n_docs as f64).sqrt() as usize);
    let mut shared: HashMap<(usize, usize), usize> = HashMap::default();
    for docs in postings.values().filter(|d| d.len() <= cap) {
        for (i, &a) in docs.iter().enumerate() {
            for &b in &docs[i + 1..] {
                *shared.entry((a.min(b), a.max(b))).or_default() += 1;
            }
        }
    }
    shared
        .into_iter()
        .filter(|&(_, c)| c >= SHARED_NAMES)
        .map(|(pair, _)| pair)
        .collect()
}

/// Joined figure pairs by the sentences holding them: (article, sentence, article,
/// sentence) → joined pairs, each with its first figure in the first article.
type Links = HashMap<(usize, usize, usize, usize), Vec<(usize, usize)>>;

fn links_of(items: &[Item<'_>], edges: &[(usize, usize, f32)]) -> Links {
    let mut links: Links = HashMap::default();
    for &(a, b, s) in edges {
        if s < FLAG {
            continue;
        }
        for (p, q) in [(a, b), (b, a)] {
            let (x, y) = (&items[p], &items[q]);
            links
                .entry((x.doc, x.ctx.sentence, y.doc, y.ctx.sentence))
                .or_default()
                .push((p, q));
        }
    }
    links
}

/// Evidence of parallel structure: another joined pair in the sentences of `a` and
/// `b` or next to them, the more the closer (0 when none).
fn parallel(items: &[Item<'_>], links: &Links, a: usize, b: usize) -> f32 {
    let (x, y) = (&items[a], &items[b]);
    let near = |s: usize| s.saturating_sub(1)..=s + 1;
    let mut best = 0.0f32;
    for sa in near(x.ctx.sentence) {
        for sb in near(y.ctx.sentence) {
            let joined = links
                .get(&(x.doc, sa, y.doc, sb))
                .is_some_and(|pairs| pairs.iter().any(|&(p, q)| p != a && q != b));
            if joined {
                let apart = sa.abs_diff(x.ctx.sentence) + sb.abs_diff(y.ctx.sentence);
                best = best.max(PARALLEL - 0.1 * apart as f32);
            }
        }
    }
    best
}

/// Two joined figures and the evidence joining them.
type Join = (usize, usize, f32);

/// Scores candidate pairs and keeps those that are each other's best match between
/// their two articles.
/// `scored` holds each candidate pair with its [`score`]; `links` adds the evidence of
/// parallel structure (none in a first pass).
fn join(items: &[Item<'_>], scored: &[Join], links: &Links) -> Vec<Join> {
    let mut total: Vec<Join> = Vec::with_capacity(scored.len());
    let mut best: HashMap<(usize, usize), (f32, usize)> = HashMap::default();
    for &(a, b, base) in scored {
        let s = if links.is_empty() {
            base
        } else {
            base + parallel(items, links, a, b)
        };
        total.push((a, b, s));
        for (from, to) in [(a, b), (b, a)] {
            let e = best.entry((from, items[to].doc)).or_insert((f32::MIN, to));
            if s > e.0 {
                *e = (s, to);
            }
        }
    }
    total.retain(|&(a, b, s)| {
        let ab = best.get(&(a, items[b].doc)).map(|e| e.1);
        let ba = best.get(&(b, items[a].doc)).map(|e| e.1);
        s >= JOIN && ab == Some(b) && ba == Some(a)
    });
    total
}

/// A key of the candidate index: figures of one dimension sharing a noun, a
/// predicate, a name or a weighty word (`field` says which), hashed rather than
/// spelled out, since only equality matters.
fn index_key(tag: &str, field: u8, value: impl std::hash::Hash) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    tag.hash(&mut h);
    field.hash(&mut h);
    value.hash(&mut h);
    h.finish()
}

/// Sets [`Item::unique_anchor`]: figures of one article sharing a tag and a noun (or a
/// role, for ages) that all state one value.
fn mark_unique_anchors(items: &mut [Item<'_>]) {
    let anchors = |it: &Item<'_>| -> Vec<String> {
        let mut a: Vec<String> = it.ctx.noun.iter().cloned().collect();
        if it.figure.kind == Kind::Age {
            a.extend(it.ctx.roles.iter().cloned());
        }
        a
    };
    let mut values: HashMap<(usize, String, String), Vec<String>> = HashMap::default();
    for it in items.iter() {
        for a in anchors(it) {
            let v = values.entry((it.doc, it.tag.clone(), a)).or_default();
            let val = format!("{:?}", it.figure.value);
            if !v.contains(&val) {
                v.push(val);
            }
        }
    }
    for it in items.iter_mut() {
        let a = anchors(it);
        it.unique_anchor = !a.is_empty()
            && a.iter()
                .all(|a| values[&(it.doc, it.tag.clone(), a.clone())].len() == 1);
    }
}

/// The evidence score joining two figures (`None`: ruled out), for explaining a
/// claim in a hover or a test.
pub fn explain(docs: &[DocFigures<'_>], a: Member, b: Member) -> Option<f32> {
    let p = prepare(docs);
    let find = |m: Member| {
        p.items
            .iter()
            .position(|it| docs[it.doc].doc == m.doc && it.index == m.figure)
    };
    score(&p.scorer, &p.items, find(a)?, find(b)?)
}

pub fn align(docs: &[DocFigures<'_>], _options: &crate::figure::Options) -> Alignment {
    let Prepared { items, scorer } = prepare(docs);

    // Inverted index on claim keys.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::default();
    let mut keys = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let tag = it.tag.as_str();
        keys.clear();
        keys.push(index_key(tag, b'-', ()));
        if let Some(n) = &it.ctx.noun {
            keys.push(index_key(tag, b'n', n));
        }
        if let Some(p) = &it.ctx.predicate {
            keys.push(index_key(tag, b'p', p));
        }
        for name in &it.ctx.names {
            keys.push(index_key(tag, b'x', name));
        }
        for (t, _) in it.ctx.terms.iter().take(INDEXED_TERMS) {
            keys.push(index_key(tag, b't', t));
        }
        keys.sort_unstable();
        keys.dedup();
        for &key in &keys {
            index.entry(key).or_default().push(k);
        }
    }
    let related = related_articles(&items, docs.len());
    let mut candidates: HashSet<(usize, usize)> = HashSet::default();
    for posting in index.values() {
        if posting.len() > POSTING_CAP {
            continue;
        }
        for (p, &a) in posting.iter().enumerate() {
            for &b in &posting[p + 1..] {
                let (da, db) = (items[a].doc, items[b].doc);
                if da != db && related.contains(&(da.min(db), da.max(db))) {
                    candidates.insert((a.min(b), a.max(b)));
                }
            }
        }
    }

    // Joins in two passes: the second adds the evidence of parallel structure, so a
    // figure next to an already joined pair joins its counterpart more easily.
    let mut candidates: Vec<(usize, usize)> = candidates.into_iter().collect();
    candidates.sort_unstable();
    let scored: Vec<Join> = candidates
        .iter()
        .filter_map(|&(a, b)| Some((a, b, score(&scorer, &items, a, b)?)))
        .collect();
    let first = join(&items, &scored, &Links::default());
    let links = links_of(&items, &first);
    let mut edges = join(&items, &scored, &links);
    let counts = count_index(&items);
    // A join whose values differ for a reason the text gives ("43 more", "initially")
    // is two quantities, and a weekday or a clock time needs more than the usual
    // evidence: most of them in a cluster belong to side events.
    edges.retain(|&(a, b, s)| {
        let (x, y) = (&items[a], &items[b]);
        let agree = judge(x, y) == Some(Judgement::Agree);
        let calendar = matches!(x.figure.kind, Kind::Date | Kind::Time);
        (agree || !blocked(x, y, &counts)) && (!calendar || s >= JOIN_CALENDAR)
    });
    edges.extend(echoes(&items, &edges));
    edges.sort_by_key(|e| (e.0, e.1));
    // Claims: figures connected by joins.
    let mut parent: Vec<usize> = (0..items.len()).collect();
    for &(a, b, _) in &edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for k in 0..items.len() {
        let r = find(&mut parent, k);
        groups.entry(r).or_default().push(k);
    }
    let member = |k: usize| Member {
        doc: docs[items[k].doc].doc,
        figure: items[k].index,
    };
    let mut claims = Vec::new();
    let mut claim_of: HashMap<usize, usize> = HashMap::default();
    for ks in groups.values() {
        let in_docs: HashSet<usize> = ks.iter().map(|&k| items[k].doc).collect();
        if in_docs.len() < 2 {
            continue;
        }
        let id = claims.len();
        for &k in ks {
            claim_of.insert(k, id);
        }
        claims.push(Claim {
            id,
            quantity: quantity_of(ks.iter().map(|&k| items[k].ctx)),
            members: ks.iter().map(|&k| member(k)).collect(),
        });
    }

    // Disagreements on strong joins.
    let mut strong = Partners::new();
    for &(a, b, s) in &edges {
        if !flaggable(&items[a], &items[b], s, &counts) {
            continue;
        }
        let Some(j) = judge(&items[a], &items[b]) else {
            continue;
        };
        strong.entry(a).or_default().push((b, j));
        strong.entry(b).or_default().push((a, j));
    }
    relate_through_agreement(&items, &mut strong, &counts);
    let written = |k: usize| {
        let span = items[k].figure.span;
        docs[items[k].doc]
            .text
            .get(span.start..span.end)
            .unwrap_or("")
    };
    let mut disagreements = Vec::new();
    for (&k, partners) in &strong {
        let verdict = if partners.iter().any(|p| p.1 == Judgement::Conflict) {
            Verdict::Conflict
        } else if partners.iter().any(|p| p.1 == Judgement::Differs) {
            Verdict::Differs
        } else {
            continue;
        };
        let Some(&claim) = claim_of.get(&k) else {
            continue;
        };
        let mut by_value: BTreeMap<String, Group<'_>> = BTreeMap::new();
        let mut related = Vec::new();
        for &(p, j) in partners {
            let value = message::value_text(&items[p].figure, written(p));
            let label = docs[items[p].doc].label;
            let agrees = j == Judgement::Agree;
            let g = by_value.entry(value.clone()).or_insert_with(|| Group {
                value: value.clone(),
                labels: Vec::new(),
                agrees,
            });
            if !g.labels.contains(&label) {
                g.labels.push(label);
            }
            let note = match j {
                Judgement::Agree => format!("{value} in {label} (agrees)"),
                _ => format!("{value} in {label}"),
            };
            related.push((label, member(p), items[p].figure.span, note));
        }
        // Sources are named in the order of their names, not of the articles' ids,
        // which depend on the order the articles were opened or read: the editor and
        // `crosscheck check` then word a finding the same way.
        related.sort_by(|a, b| (a.0, a.2).cmp(&(b.0, b.2)));
        let related = related
            .into_iter()
            .map(|(_, m, span, note)| (m, span, note))
            .collect();
        let mut groups: Vec<Group<'_>> = by_value.into_values().collect();
        for g in &mut groups {
            g.labels.sort_unstable();
        }
        let message = message::disagreement(
            &claims[claim].quantity,
            &message::value_text(&items[k].figure, written(k)),
            &groups,
        );
        disagreements.push(Disagreement {
            at: member(k),
            claim,
            verdict,
            message,
            related,
        });
    }
    Alignment {
        claims,
        disagreements,
    }
}

/// Strongly joined figures with their judgements, both ways.
type Partners = BTreeMap<usize, Vec<(usize, Judgement)>>;

/// A figure that agrees with one side of a disagreement takes part in it: when "two
/// hours" here agrees with "two-hour" there, and that conflicts with "2-1/2 hours" in a
/// third source, the first and the third disagree too, even if their own wording was
/// too far apart to join them directly. Only one step through a strong agreement, so
/// weak chains never add a flag.
fn relate_through_agreement(items: &[Item<'_>], strong: &mut Partners, counts: &CountIndex) {
    let mut added: Vec<(usize, usize, Judgement)> = Vec::new();
    for (&a, partners) in strong.iter() {
        for &(b, _) in partners.iter().filter(|p| p.1 == Judgement::Agree) {
            for &(c, _) in strong[&b].iter().filter(|p| p.1 != Judgement::Agree) {
                let (x, y) = (&items[a], &items[c]);
                if x.doc == y.doc
                    || partners.iter().any(|p| p.0 == c)
                    || added.iter().any(|e| (e.0, e.1) == (a.min(c), a.max(c)))
                    || blocked(x, y, counts)
                {
                    continue;
                }
                if let Some(j) = judge(x, y) {
                    added.push((a.min(c), a.max(c), j));
                }
            }
        }
    }
    for (a, c, j) in added {
        strong.entry(a).or_default().push((c, j));
        strong.entry(c).or_default().push((a, j));
    }
}

/// The claim's quantity in words: the description most members give, the most
/// specific on a tie.
fn quantity_of<'a>(contexts: impl Iterator<Item = &'a FigureContext>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in contexts {
        *counts.entry(c.quantity.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.len().cmp(&b.0.len())))
        .map(|(q, _)| q.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::claim::{self, DocFigures, Verdict};
    use crate::figure::{Bound, Figure, Interval, Kind, Options, Value};
    use crate::span::ByteSpan;
    use crate::DocId;

    /// A figure over `needle` in `text` (its `nth` occurrence).
    fn fig(text: &str, needle: &str, kind: Kind, value: f64, unit: Option<&str>) -> Figure {
        let start = text.find(needle).unwrap();
        Figure {
            span: ByteSpan::new(start, start + needle.len()),
            kind,
            value: Value::Number(value),
            unit: unit.map(str::to_string),
            bound: Bound::Exact,
            interval: Interval::exact(value),
            hedge: None,
        }
    }

    fn run(articles: &[(&str, Vec<Figure>)]) -> claim::Alignment {
        run_labelled(articles, &["Daily Post", "Evening Star", "Metro Wire"])
    }

    fn run_labelled(articles: &[(&str, Vec<Figure>)], labels: &[&str]) -> claim::Alignment {
        let contexts: Vec<_> = articles
            .iter()
            .map(|(t, f)| claim::context(t, f, &[]))
            .collect();
        let docs: Vec<DocFigures<'_>> = articles
            .iter()
            .enumerate()
            .map(|(i, (t, f))| DocFigures {
                doc: DocId(i as u32),
                label: labels[i],
                text: t,
                figures: f,
                contexts: &contexts[i],
            })
            .collect();
        claim::align(&docs, &Options::default())
    }

    const A: &str = "Harbor City police said Tom Reyes, 31, shot his neighbor on Elm Street. \
                     The 44-year-old neighbor died at Mercy Hospital.";
    const B: &str = "In Harbor City, a 32-year-old man, Tom Reyes, opened fire on Elm Street. \
                     His neighbor, 44, was pronounced dead at Mercy Hospital.";

    #[test]
    fn sources_are_named_in_the_order_of_their_names_not_of_their_ids() {
        const X: &str = "The talks lasted 3 hours, Maria Ortega told Harbor City reporters.";
        const Y: &str = "Maria Ortega said the talks lasted 2 hours in Harbor City.";
        const Z: &str = "In Harbor City, the talks lasted 2 hours, Maria Ortega said.";
        let f = |t: &'static str, n: &str, v: f64| vec![fig(t, n, Kind::Duration, v, Some("hour"))];
        let message = |labels: &[&str], y_first: bool| {
            let (first, second) = if y_first { (Y, Z) } else { (Z, Y) };
            let al = run_labelled(
                &[
                    (X, f(X, "3 hours", 3.0)),
                    (first, f(first, "2 hours", 2.0)),
                    (second, f(second, "2 hours", 2.0)),
                ],
                labels,
            );
            let d = al
                .disagreements
                .iter()
                .find(|d| d.at.doc == DocId(0))
                .expect("flagged");
            (
                d.message.clone(),
                d.related.iter().map(|r| r.2.clone()).collect::<Vec<_>>(),
            )
        };
        let one = message(&["X", "Yonder", "Zenith"], true);
        assert!(one.0.contains("(Yonder; Zenith)"), "{}", one.0);
        assert_eq!(message(&["X", "Zenith", "Yonder"], false), one);
    }

    #[test]
    fn ages_of_one_named_person_conflict_across_articles() {
        let a = vec![
            fig(A, "31", Kind::Age, 31.0, Some("year")),
            fig(A, "44-year-old", Kind::Age, 44.0, Some("year")),
        ];
        let b = vec![
            fig(B, "32-year-old", Kind::Age, 32.0, Some("year")),
            fig(B, "44", Kind::Age, 44.0, Some("year")),
        ];
        let al = run(&[(A, a), (B, b)]);
        assert_eq!(al.claims.len(), 2, "{al:#?}");
        let d: Vec<_> = al
            .disagreements
            .iter()
            .filter(|d| d.at.doc == DocId(0))
            .collect();
        assert_eq!(d.len(), 1, "{al:#?}");
        assert_eq!(d[0].verdict, Verdict::Conflict);
        assert_eq!(d[0].at.figure, 0);
        assert_eq!(
            d[0].message,
            "Age of Tom Reyes: 31 here; 32 in 1 other source (Evening Star)"
        );
    }

    #[test]
    fn figures_of_one_article_never_conflict() {
        let text = "Harbor City police said Tom Reyes, 31, fled. Later Tom Reyes, 32, was held.";
        let f = vec![
            fig(text, "31", Kind::Age, 31.0, Some("year")),
            fig(text, "32", Kind::Age, 32.0, Some("year")),
        ];
        let al = run(&[(text, f)]);
        assert!(al.claims.is_empty() && al.disagreements.is_empty());
    }

    #[test]
    fn killed_and_injured_are_different_quantities() {
        let a_text = "Harbor City officials said the Elm Street fire killed 3 people overnight.";
        let b_text = "Harbor City officials said the Elm Street fire injured 5 people overnight.";
        let a = vec![fig(a_text, "3 people", Kind::Count, 3.0, Some("person"))];
        let b = vec![fig(b_text, "5 people", Kind::Count, 5.0, Some("person"))];
        let al = run(&[(a_text, a), (b_text, b)]);
        assert!(al.disagreements.is_empty(), "{al:#?}");
    }

    fn day(text: &str, needle: &str, value: &str) -> Figure {
        Figure {
            value: Value::Calendar(value.into()),
            ..fig(text, needle, Kind::Date, 0.0, None)
        }
    }

    #[test]
    fn a_weekday_is_read_as_the_date_the_article_gives_it() {
        // 19 April 2016 was a Tuesday: "Sunday" there is 17 April, not the Sunday a
        // week before that the other report gives.
        let a_text = "HARBOR CITY, April 19, 2016 - Tom Reyes, 31, shot his neighbor \
                      Ann Cole at the Elm Street pier on Sunday, police said.";
        let b_text = "HARBOR CITY - Tom Reyes, 32, shot his neighbor \
                      Ann Cole at the Elm Street pier on April 10, 2016, police said.";
        let a = vec![
            day(a_text, "April 19, 2016", "2016-04-19"),
            fig(a_text, "31", Kind::Age, 31.0, Some("year")),
            day(a_text, "Sunday", "XXXX-WXX-7"),
        ];
        let b = vec![
            fig(b_text, "32", Kind::Age, 32.0, Some("year")),
            day(b_text, "April 10, 2016", "2016-04-10"),
        ];
        let al = run(&[(a_text, a), (b_text, b)]);
        let d = al
            .disagreements
            .iter()
            .find(|d| d.at.doc == DocId(0) && d.at.figure == 2)
            .unwrap_or_else(|| panic!("the two days disagree: {al:#?}"));
        assert_eq!(d.verdict, Verdict::Conflict);
        assert!(
            d.message
                .contains("Sunday, April 17, 2016 here; Sunday, April 10, 2016 in 1"),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_year_of_age_between_reports_months_apart_is_a_birthday() {
        let a_text = "HARBOR CITY, March 1, 2016 - Tom Reyes, 31, shot his neighbor Ann Cole \
                      at the Elm Street pier, police said.";
        let b_text = "HARBOR CITY, September 2, 2016 - Tom Reyes, 32, who shot his neighbor \
                      Ann Cole at the Elm Street pier, was sentenced.";
        let c_text = "HARBOR CITY, March 2, 2016 - Tom Reyes, 32, shot his neighbor Ann Cole \
                      at the Elm Street pier, police said.";
        fn dated(
            text: &'static str,
            date: &str,
            iso: &str,
            age: &str,
            years: f64,
        ) -> (&'static str, Vec<Figure>) {
            let figures = vec![
                day(text, date, iso),
                fig(text, age, Kind::Age, years, Some("year")),
            ];
            (text, figures)
        }
        let later = [
            dated(a_text, "March 1, 2016", "2016-03-01", "31", 31.0),
            dated(b_text, "September 2, 2016", "2016-09-02", "32", 32.0),
        ];
        let on_age = |al: &claim::Alignment| {
            al.disagreements
                .iter()
                .filter(|d| d.at.figure == 1)
                .map(|d| d.verdict)
                .collect::<Vec<_>>()
        };
        let al = run(&later);
        assert_eq!(on_age(&al), vec![], "{al:#?}");
        assert!(
            al.claims
                .iter()
                .any(|c| c.members.iter().all(|m| m.figure == 1)),
            "the ages still make one claim: {al:#?}"
        );
        // A day apart, the same two ages conflict.
        let next_day = [
            dated(a_text, "March 1, 2016", "2016-03-01", "31", 31.0),
            dated(c_text, "March 2, 2016", "2016-03-02", "32", 32.0),
        ];
        let al = run(&next_day);
        assert_eq!(
            on_age(&al),
            vec![Verdict::Conflict, Verdict::Conflict],
            "{al:#?}"
        );
    }

    #[test]
    fn every_mention_of_a_disputed_figure_is_flagged() {
        let a_text = "Harbor City police said Tom Reyes, 31, shot his neighbor on Elm Street. \
                      Neighbors said Tom Reyes, 31, had lived there for years.";
        let b_text = "In Harbor City, Tom Reyes, 32, opened fire on Elm Street.";
        let second = a_text.rfind("31").unwrap();
        let mut again = fig(a_text, "31", Kind::Age, 31.0, Some("year"));
        again.span = ByteSpan::new(second, second + 2);
        let a = vec![fig(a_text, "31", Kind::Age, 31.0, Some("year")), again];
        let b = vec![fig(b_text, "32", Kind::Age, 32.0, Some("year"))];
        let al = run(&[(a_text, a), (b_text, b)]);
        let mut flagged: Vec<usize> = al
            .disagreements
            .iter()
            .filter(|d| d.at.doc == DocId(0))
            .map(|d| d.at.figure)
            .collect();
        flagged.sort();
        assert_eq!(flagged, vec![0, 1], "{al:#?}");
        assert_eq!(al.claims.len(), 1);
        assert_eq!(al.claims[0].members.len(), 3, "{al:#?}");
    }

    #[test]
    fn unrelated_stories_are_not_compared() {
        let a_text = "Harbor City police said Tom Reyes, 31, shot a neighbor on Elm Street.";
        let b_text = "Lakeview deputies said Ann Cole, 32, shot a neighbor on Pine Road.";
        let a = vec![fig(a_text, "31", Kind::Age, 31.0, Some("year"))];
        let b = vec![fig(b_text, "32", Kind::Age, 32.0, Some("year"))];
        let al = run(&[(a_text, a), (b_text, b)]);
        assert!(al.claims.is_empty(), "{al:#?}");
    }

    #[test]
    fn a_reason_to_differ_in_the_text_keeps_figures_apart() {
        let a_text = "Harbor City crews said 44 launches remain for the Elm Street project.";
        let b_text = "Harbor City crews said 43 more launches remain for the Elm Street project.";
        let a = vec![fig(
            a_text,
            "44 launches",
            Kind::Count,
            44.0,
            Some("launch"),
        )];
        let b = vec![fig(
            b_text,
            "43 more launches",
            Kind::Count,
            43.0,
            Some("launch"),
        )];
        let al = run(&[(a_text, a), (b_text, b)]);
        assert!(
            al.claims.is_empty() && al.disagreements.is_empty(),
            "{al:#?}"
        );
    }
}

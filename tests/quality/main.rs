//! The quality report: crosscheck's figures, claims and entities scored against the
//! hand annotations in `../shared/gold/`, as `gold/README.md` prescribes. Prints one
//! table per part and fails when a floor in [`FLOORS`] is broken. Floors only rise.
//!
//! Run: `cargo test --release --test quality`.

mod gold;

use crosscheck::claim::Verdict;
use crosscheck::entity::EntityKind;
use crosscheck::figure::{Figure, Value};
use crosscheck::span::ByteSpan;
use crosscheck::workspace::Workspace;
use crosscheck::DocId;
use gold::{GoldFigure, GoldSet};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// A measure that must stay at or above (or, for counts of errors, at or below) a floor.
struct Floor {
    name: &'static str,
    at_least: Option<f64>,
    at_most: Option<f64>,
}

const fn min(name: &'static str, v: f64) -> Floor {
    Floor {
        name,
        at_least: Some(v),
        at_most: None,
    }
}
const fn max(name: &'static str, v: f64) -> Floor {
    Floor {
        name,
        at_least: None,
        at_most: Some(v),
    }
}

/// Raised as the engine improves; never lowered.
const FLOORS: &[Floor] = &[
    min("seeds figure recall", 0.97),
    min("seeds figure precision", 0.95),
    min(
        "dev figure recall (count money duration percent measure age)",
        0.95,
    ),
    min(
        "dev figure precision (count money duration percent measure age)",
        0.93,
    ),
    min("dev figure recall (date time)", 0.90),
    min("conflict recall (all sets)", 0.90),
    min("conflict precision (all sets)", 0.85),
    min("conflicting pairs related (all sets)", 0.54),
    min("dev claim-pair recall", 0.50),
    min("dev claim-pair precision", 0.99),
    min("seeds person F1", 0.92),
    min("seeds entity F1", 0.90),
    min("dev person F1", 0.90),
    min("dev entity F1", 0.85),
    min("seeds variants found", 1.0),
    min("dev variants found", 0.92),
    max("false name variants", 0.0),
    min("seeds gold conflicts reported as figure-conflict", 1.0),
    max("figure-conflicts joining different gold claims", 0.0),
    max("look-alike pairs joined", 0.0),
];

#[derive(Default, Clone, Copy)]
struct Ratio {
    hit: usize,
    all: usize,
}

impl Ratio {
    fn add(&mut self, hit: bool) {
        self.all += 1;
        self.hit += hit as usize;
    }
    fn value(&self) -> f64 {
        if self.all == 0 {
            1.0
        } else {
            self.hit as f64 / self.all as f64
        }
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>5.3} ({}/{})", self.value(), self.hit, self.all)
    }
}

fn f1(p: Ratio, r: Ratio) -> f64 {
    let (p, r) = (p.value(), r.value());
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// One gold set loaded into a workspace.
struct Loaded<'g> {
    set: &'g GoldSet,
    ws: Workspace,
    ids: HashMap<String, DocId>,
    names: HashMap<DocId, String>,
}

fn load<'g>(set: &'g GoldSet, shared: &std::path::Path) -> Loaded<'g> {
    let folder = set.folder(shared);
    let mut ws = Workspace::default();
    ws.set_roots(vec![folder.clone()]);
    let mut ids = HashMap::new();
    let mut names = HashMap::new();
    for d in &set.docs {
        let path = folder.join(&d.doc);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let id = ws.upsert(path, text);
        ids.insert(d.doc.clone(), id);
        names.insert(id, d.doc.clone());
    }
    Loaded {
        set,
        ws,
        ids,
        names,
    }
}

fn same_value(f: &Figure, g: &GoldFigure) -> bool {
    let as_str = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.to_lowercase()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(1.0);
    // A range written "30-40" in gold is right when both ends are.
    if let Some((a, b)) = g.value.as_str().and_then(|s| s.split_once('-')) {
        if let (Ok(a), Ok(b), Some(lo), Some(hi)) = (
            a.parse::<f64>(),
            b.parse::<f64>(),
            f.interval.low,
            f.interval.high,
        ) {
            return close(a, lo) && close(b, hi);
        }
    }
    match &f.value {
        Value::Number(n) => g.value.as_f64().is_some_and(|v| close(v, *n)),
        Value::Calendar(c) => {
            let c = c.to_lowercase();
            as_str(&g.value).as_deref() == Some(&c)
                || g.resolved.as_ref().and_then(as_str).as_deref() == Some(&c)
        }
    }
}

fn span(start: usize, end: usize) -> ByteSpan {
    ByteSpan::new(start, end.max(start))
}

#[derive(Default)]
struct FigureScores {
    recall: BTreeMap<String, Ratio>,
    precision: BTreeMap<String, Ratio>,
}

fn score_figures(l: &Loaded, s: &mut FigureScores) {
    for (doc_name, &id) in &l.ids {
        let doc = l.ws.doc(id).expect("doc");
        let golds: Vec<&GoldFigure> = l
            .set
            .figures
            .iter()
            .filter(|g| &g.doc == doc_name)
            .collect();
        let figs = &doc.analysis().figures;
        for g in golds.iter().filter(|g| !g.optional()) {
            let gs = span(g.byte_start, g.byte_end);
            let found = figs.iter().any(|f| f.span.overlaps(gs) && same_value(f, g));
            s.recall.entry(g.kind.clone()).or_default().add(found);
        }
        for f in figs {
            let over: Vec<&&GoldFigure> = golds
                .iter()
                .filter(|g| f.span.overlaps(span(g.byte_start, g.byte_end)))
                .collect();
            let right = over.iter().any(|g| same_value(f, g));
            if !right && over.iter().any(|g| g.optional()) {
                continue;
            }
            s.precision
                .entry(f.kind.as_str().to_string())
                .or_default()
                .add(right);
        }
    }
}

#[derive(Default)]
struct ClaimScores {
    pair_precision: Ratio,
    pair_recall: Ratio,
    conflicts_found: Ratio,
    hard_found_as_conflict: Ratio,
    reported_true: Ratio,
    cross_claim_conflicts: usize,
    lookalikes_joined: usize,
    /// Pairs of differing members of a gold conflict in two articles that one
    /// diagnostic relates: "every other source related", not just one.
    conflict_pairs_related: Ratio,
}

/// The gold figure a reported span in one article stands for.
fn gold_at<'g>(l: &Loaded<'g>, doc: DocId, s: ByteSpan) -> Option<&'g GoldFigure> {
    let name = l.names.get(&doc)?;
    l.set
        .figures
        .iter()
        .find(|g| &g.doc == name && s.overlaps(span(g.byte_start, g.byte_end)))
}

/// `QUALITY_VERBOSE=1` lists what was missed, to guide work (the report stays the same).
fn verbose() -> bool {
    std::env::var_os("QUALITY_VERBOSE").is_some()
}

fn score_claims(l: &mut Loaded, s: &mut ClaimScores) {
    let derived = l.ws.derived();
    let verdict: HashMap<&str, &str> = l
        .set
        .claims
        .iter()
        .filter(|c| c.optional != Some(true))
        .map(|c| (c.id.as_str(), c.verdict.as_str()))
        .collect();
    let optional_claims: HashSet<&str> = l
        .set
        .claims
        .iter()
        .filter(|c| c.optional == Some(true))
        .map(|c| c.id.as_str())
        .collect();
    let fig_span = |doc: DocId, i: usize| {
        l.ws.doc(doc)
            .and_then(|d| d.analysis().figures.get(i))
            .map(|f| f.span)
    };

    // Pairs of figures in different articles put in one claim.
    let mut reported_pairs = HashSet::new();
    for c in &derived.alignment().claims {
        let golds: Vec<Option<&GoldFigure>> = c
            .members
            .iter()
            .map(|m| fig_span(m.doc, m.figure).and_then(|sp| gold_at(l, m.doc, sp)))
            .collect();
        for i in 0..c.members.len() {
            for j in i + 1..c.members.len() {
                if c.members[i].doc == c.members[j].doc {
                    continue;
                }
                let (a, b) = (golds[i], golds[j]);
                if a.is_some_and(|g| g.optional()) || b.is_some_and(|g| g.optional()) {
                    continue;
                }
                let right =
                    matches!((a, b), (Some(a), Some(b)) if a.claim.is_some() && a.claim == b.claim);
                if let (Some(a), Some(b)) = (a, b) {
                    reported_pairs.insert((a.id.clone(), b.id.clone()));
                    reported_pairs.insert((b.id.clone(), a.id.clone()));
                    if l.set
                        .lookalikes
                        .iter()
                        .any(|x| (x.a == a.id && x.b == b.id) || (x.a == b.id && x.b == a.id))
                    {
                        s.lookalikes_joined += 1;
                    }
                }
                s.pair_precision.add(right);
                if verbose() && !right {
                    let id = |g: Option<&GoldFigure>| g.map_or("-".to_string(), |g| g.id.clone());
                    println!("wrong pair: {} {} / {}", l.set.cluster, id(a), id(b));
                }
            }
        }
    }
    let claimed: Vec<&GoldFigure> = l
        .set
        .figures
        .iter()
        .filter(|g| g.claim.is_some() && !g.optional())
        .collect();
    for (i, a) in claimed.iter().enumerate() {
        for b in &claimed[i + 1..] {
            if a.doc != b.doc
                && a.claim == b.claim
                && !optional_claims.contains(a.claim.as_deref().unwrap_or(""))
            {
                s.pair_recall
                    .add(reported_pairs.contains(&(a.id.clone(), b.id.clone())));
            }
        }
    }

    // Disagreements against gold conflicts.
    let mut found: HashSet<String> = HashSet::new();
    let mut found_as_conflict: HashSet<String> = HashSet::new();
    for d in &derived.alignment().disagreements {
        let Some(at) = fig_span(d.at.doc, d.at.figure).and_then(|sp| gold_at(l, d.at.doc, sp))
        else {
            s.reported_true.add(false);
            if d.verdict == Verdict::Conflict {
                s.cross_claim_conflicts += 1;
            }
            continue;
        };
        let others: Vec<Option<&GoldFigure>> = d
            .related
            .iter()
            .map(|(m, sp, _)| gold_at(l, m.doc, *sp))
            .collect();
        let claim = at.claim.as_deref();
        let one_claim = claim.is_some()
            && others
                .iter()
                .all(|o| o.is_some_and(|o| o.claim.as_deref() == claim));
        let is_conflict_claim = claim
            .and_then(|c| verdict.get(c))
            .is_some_and(|v| *v == "conflict" || *v == "soft-conflict");
        if claim.is_some_and(|c| optional_claims.contains(c)) {
            continue;
        }
        s.reported_true.add(one_claim && is_conflict_claim);
        if d.verdict == Verdict::Conflict && !one_claim {
            s.cross_claim_conflicts += 1;
        }
        for (o, (m, _, _)) in others.iter().zip(&d.related) {
            if let Some(o) = o {
                if l.set
                    .lookalikes
                    .iter()
                    .any(|x| (x.a == at.id && x.b == o.id) || (x.a == o.id && x.b == at.id))
                {
                    s.lookalikes_joined += 1;
                }
                if m.doc != d.at.doc && o.claim.as_deref() == claim && is_conflict_claim {
                    if let Some(c) = claim {
                        found.insert(c.to_string());
                        if d.verdict == Verdict::Conflict {
                            found_as_conflict.insert(c.to_string());
                        }
                    }
                }
            }
        }
    }
    let mut related_pairs: HashSet<(&str, &str)> = HashSet::new();
    for d in &derived.alignment().disagreements {
        let Some(at) = fig_span(d.at.doc, d.at.figure).and_then(|sp| gold_at(l, d.at.doc, sp))
        else {
            continue;
        };
        for (m, sp, _) in &d.related {
            if let Some(o) = gold_at(l, m.doc, *sp) {
                related_pairs.insert((at.id.as_str(), o.id.as_str()));
                related_pairs.insert((o.id.as_str(), at.id.as_str()));
            }
        }
    }
    for c in l.set.claims.iter().filter(|c| {
        c.optional != Some(true) && (c.verdict == "conflict" || c.verdict == "soft-conflict")
    }) {
        let members: Vec<&GoldFigure> = l
            .set
            .figures
            .iter()
            .filter(|g| g.claim.as_deref() == Some(&c.id) && !g.optional())
            .collect();
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                let value = |g: &GoldFigure| g.resolved.clone().unwrap_or(g.value.clone());
                // A bound ("over one million") may hold with either value.
                let point = |g: &GoldFigure| matches!(g.bound.as_deref(), Some("exact" | "approx"));
                if a.doc != b.doc && value(a) != value(b) && point(a) && point(b) {
                    let hit = related_pairs.contains(&(a.id.as_str(), b.id.as_str()));
                    s.conflict_pairs_related.add(hit);
                    if verbose() && !hit {
                        println!(
                            "unrelated conflicting pair: {} {} {} / {}",
                            l.set.cluster, c.id, a.id, b.id
                        );
                    }
                }
            }
        }
    }
    for c in l.set.claims.iter().filter(|c| c.optional != Some(true)) {
        let multi_doc = {
            let docs: HashSet<&str> = l
                .set
                .figures
                .iter()
                .filter(|g| g.claim.as_deref() == Some(&c.id))
                .map(|g| g.doc.as_str())
                .collect();
            docs.len() > 1
        };
        if !multi_doc {
            continue;
        }
        if c.verdict == "conflict" || c.verdict == "soft-conflict" {
            s.conflicts_found.add(found.contains(&c.id));
            if verbose() && !found.contains(&c.id) {
                println!("missed conflict: {} {}", l.set.cluster, c.id);
            }
        }
        if c.verdict == "conflict" {
            s.hard_found_as_conflict
                .add(found_as_conflict.contains(&c.id));
        }
    }
}

#[derive(Default)]
struct EntityScores {
    recall: BTreeMap<&'static str, Ratio>,
    precision: BTreeMap<&'static str, Ratio>,
    linking: Ratio,
    variants_found: Ratio,
    variants_false: usize,
}

fn gold_kind(k: &str) -> Option<&'static str> {
    match k {
        "person" => Some("person"),
        "org" | "organisation" | "organization" => Some("org"),
        "place" => Some("place"),
        _ => None,
    }
}

fn our_kind(k: EntityKind) -> Option<&'static str> {
    match k {
        EntityKind::Person => Some("person"),
        EntityKind::Organisation => Some("org"),
        EntityKind::Place => Some("place"),
        EntityKind::Other => None,
    }
}

/// A mention's place: article name, byte start, byte end.
type MentionKey = (String, usize, usize);

fn score_entities(l: &mut Loaded, s: &mut EntityScores) {
    let derived = l.ws.derived();
    // Gold mention index: (doc, span) -> (kind, entity id, optional)
    let mut gold: HashMap<MentionKey, (Option<&'static str>, &str, bool)> = HashMap::new();
    for e in &l.set.entities {
        for m in &e.mentions {
            gold.insert(
                (m.doc.clone(), m.byte_start, m.byte_end),
                (gold_kind(&e.kind), &e.id, e.optional == Some(true)),
            );
        }
    }
    let mut reported: HashMap<(String, usize, usize), (Option<&'static str>, usize)> =
        HashMap::new();
    for (i, e) in derived.entities().iter().enumerate() {
        for m in &e.mentions {
            if let Some(name) = l.names.get(&m.doc) {
                reported.insert(
                    (name.clone(), m.span.start, m.span.end),
                    (our_kind(e.kind), i),
                );
            }
        }
    }
    let overlaps_optional = |doc: &str, a: usize, b: usize| {
        l.set
            .entities
            .iter()
            .filter(|e| e.optional == Some(true) || gold_kind(&e.kind).is_none())
            .any(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.doc == doc && m.byte_start < b && a < m.byte_end)
            })
    };
    for (key, (kind, _, optional)) in &gold {
        let Some(kind) = kind else { continue };
        if *optional {
            continue;
        }
        let hit = reported.get(key).is_some_and(|(k, _)| k == &Some(*kind));
        s.recall.entry(kind).or_default().add(hit);
    }
    for (key, (kind, _)) in &reported {
        let Some(kind) = kind else { continue };
        let right = gold.get(key).is_some_and(|(k, _, _)| k == &Some(*kind));
        if !right && (gold.get(key).is_some_and(|g| g.2) || overlaps_optional(&key.0, key.1, key.2))
        {
            continue;
        }
        s.precision.entry(kind).or_default().add(right);
    }
    // Linking: each matched mention's entity should be the one most of that entity's
    // matched mentions belong to in gold.
    let mut majority: HashMap<usize, HashMap<&str, usize>> = HashMap::new();
    for (key, (_, e)) in &reported {
        if let Some((_, g, _)) = gold.get(key) {
            *majority.entry(*e).or_default().entry(g).or_default() += 1;
        }
    }
    for (key, (_, e)) in &reported {
        if let Some((_, g, _)) = gold.get(key) {
            let best = majority[e].iter().max_by_key(|(_, n)| **n).map(|(g, _)| *g);
            s.linking.add(best == Some(*g));
        }
    }
    // Variants.
    let ties: HashSet<&str> = l
        .set
        .entities
        .iter()
        .filter(|e| e.variants.iter().any(|v| v.tie == Some(true)))
        .map(|e| e.id.as_str())
        .collect();
    let reported_variants: Vec<(String, ByteSpan)> = derived
        .entities()
        .iter()
        .flat_map(|e| e.variants.iter())
        .filter_map(|v| l.names.get(&v.at.doc).map(|n| (n.clone(), v.at.span)))
        .collect();
    for e in &l.set.entities {
        for v in &e.variants {
            if v.optional == Some(true) || v.tie == Some(true) {
                continue;
            }
            let gs = span(v.byte_start, v.byte_end);
            let hit = reported_variants
                .iter()
                .any(|(d, sp)| d == &v.doc && sp.overlaps(gs));
            s.variants_found.add(hit);
            if verbose() && !hit {
                println!("missed variant: {} {} in {}", l.set.cluster, e.id, v.doc);
            }
        }
    }
    for (d, sp) in &reported_variants {
        let matches_gold = l
            .set
            .entities
            .iter()
            .flat_map(|e| e.variants.iter())
            .any(|v| &v.doc == d && sp.overlaps(span(v.byte_start, v.byte_end)));
        let on_tie = gold.iter().any(|((gd, a, b), (_, id, _))| {
            gd == d && sp.overlaps(span(*a, *b)) && ties.contains(id)
        });
        if !matches_gold && !on_tie {
            s.variants_false += 1;
        }
    }
}

fn main() {
    let Some(shared) = gold::shared_dir() else {
        println!("quality: ../shared/gold not found; nothing to score");
        println!("0 passed, 0 failed");
        return;
    };
    let sets = gold::load_all(&shared);
    let mut out = String::new();
    let mut measures: HashMap<&'static str, f64> = HashMap::new();

    let mut fig = [FigureScores::default(), FigureScores::default()];
    let mut claims = [ClaimScores::default(), ClaimScores::default()];
    let mut ents = [EntityScores::default(), EntityScores::default()];
    for set in &sets {
        let group = usize::from(set.root.is_none());
        let mut l = load(set, &shared);
        score_figures(&l, &mut fig[group]);
        score_claims(&mut l, &mut claims[group]);
        score_entities(&mut l, &mut ents[group]);
    }

    let groups = ["seeds", "dev clusters"];
    writeln!(
        out,
        "\n== Figures (found = overlaps a gold figure with the same value)"
    )
    .ok();
    writeln!(
        out,
        "{:<13} {:<9} {:<22} {:<22}",
        "set", "kind", "recall", "precision"
    )
    .ok();
    for (g, s) in groups.iter().zip(&fig) {
        let kinds: HashSet<&String> = s.recall.keys().chain(s.precision.keys()).collect();
        let mut kinds: Vec<_> = kinds.into_iter().collect();
        kinds.sort();
        let (mut r_all, mut p_all) = (Ratio::default(), Ratio::default());
        for k in kinds {
            let r = s.recall.get(k).copied().unwrap_or_default();
            let p = s.precision.get(k).copied().unwrap_or_default();
            r_all.hit += r.hit;
            r_all.all += r.all;
            p_all.hit += p.hit;
            p_all.all += p.all;
            writeln!(
                out,
                "{:<13} {:<9} {:<22} {:<22}",
                g,
                k,
                r.to_string(),
                p.to_string()
            )
            .ok();
        }
        writeln!(
            out,
            "{:<13} {:<9} {:<22} {:<22}",
            g,
            "ALL",
            r_all.to_string(),
            p_all.to_string()
        )
        .ok();
        if *g == "seeds" {
            measures.insert("seeds figure recall", r_all.value());
            measures.insert("seeds figure precision", p_all.value());
        } else {
            let sum = |m: &BTreeMap<String, Ratio>, calendar: bool| {
                let mut t = Ratio::default();
                for (k, r) in m {
                    if (k == "date" || k == "time") == calendar {
                        t.hit += r.hit;
                        t.all += r.all;
                    }
                }
                t.value()
            };
            measures.insert(
                "dev figure recall (count money duration percent measure age)",
                sum(&s.recall, false),
            );
            measures.insert(
                "dev figure precision (count money duration percent measure age)",
                sum(&s.precision, false),
            );
            measures.insert("dev figure recall (date time)", sum(&s.recall, true));
        }
    }

    writeln!(out, "\n== Claims").ok();
    let mut lookalikes = 0;
    let mut cross = 0;
    for (g, s) in groups.iter().zip(&claims) {
        writeln!(
            out,
            "{g}: claim pairs P {}  R {}",
            s.pair_precision, s.pair_recall
        )
        .ok();
        writeln!(
            out,
            "{g}: conflicts found {} (hard ones as figure-conflict {}); reported disagreements true {}; look-alikes joined {}; figure-conflicts across gold claims {}",
            s.conflicts_found, s.hard_found_as_conflict, s.reported_true, s.lookalikes_joined, s.cross_claim_conflicts
        )
        .ok();
        lookalikes += s.lookalikes_joined;
        cross += s.cross_claim_conflicts;
    }
    measures.insert(
        "seeds gold conflicts reported as figure-conflict",
        claims[0].hard_found_as_conflict.value(),
    );
    let both = |f: fn(&ClaimScores) -> Ratio| {
        let (a, b) = (f(&claims[0]), f(&claims[1]));
        Ratio {
            hit: a.hit + b.hit,
            all: a.all + b.all,
        }
    };
    let recall = both(|c| c.conflicts_found);
    let precision = both(|c| c.reported_true);
    let pairs = both(|c| c.conflict_pairs_related);
    writeln!(
        out,
        "all sets: conflict recall {recall}; conflict precision {precision}; conflicting pairs related {pairs}"
    )
    .ok();
    measures.insert("conflicting pairs related (all sets)", pairs.value());
    measures.insert("dev claim-pair recall", claims[1].pair_recall.value());
    measures.insert("dev claim-pair precision", claims[1].pair_precision.value());
    measures.insert("conflict recall (all sets)", recall.value());
    measures.insert("conflict precision (all sets)", precision.value());
    measures.insert("look-alike pairs joined", lookalikes as f64);
    measures.insert(
        "figure-conflicts joining different gold claims",
        cross as f64,
    );

    writeln!(out, "\n== Entities (exact span and kind)").ok();
    for (g, s) in groups.iter().zip(&ents) {
        let (mut r_all, mut p_all) = (Ratio::default(), Ratio::default());
        for k in ["person", "org", "place"] {
            let r = s.recall.get(k).copied().unwrap_or_default();
            let p = s.precision.get(k).copied().unwrap_or_default();
            r_all.hit += r.hit;
            r_all.all += r.all;
            p_all.hit += p.hit;
            p_all.all += p.all;
            writeln!(out, "{g:<13} {k:<7} P {p}  R {r}  F1 {:.3}", f1(p, r)).ok();
        }
        writeln!(
            out,
            "{g:<13} {:<7} P {p_all}  R {r_all}  F1 {:.3}",
            "ALL",
            f1(p_all, r_all)
        )
        .ok();
        let seeds = *g == "seeds";
        let person = f1(
            s.precision.get("person").copied().unwrap_or_default(),
            s.recall.get("person").copied().unwrap_or_default(),
        );
        measures.insert(
            if seeds {
                "seeds person F1"
            } else {
                "dev person F1"
            },
            person,
        );
        measures.insert(
            if seeds {
                "seeds entity F1"
            } else {
                "dev entity F1"
            },
            f1(p_all, r_all),
        );
        measures.insert(
            if seeds {
                "seeds variants found"
            } else {
                "dev variants found"
            },
            s.variants_found.value(),
        );
        *measures.entry("false name variants").or_insert(0.0) += s.variants_false as f64;
        writeln!(
            out,
            "{g:<13} linking {}  variants found {}  false variants {}",
            s.linking, s.variants_found, s.variants_false
        )
        .ok();
    }

    writeln!(out, "\n== Floors").ok();
    let mut broken = 0;
    for f in FLOORS {
        let v = measures.get(f.name).copied().unwrap_or(f64::NAN);
        let ok =
            f.at_least.is_none_or(|m| v >= m - 1e-9) && f.at_most.is_none_or(|m| v <= m + 1e-9);
        let bound = match (f.at_least, f.at_most) {
            (Some(m), _) => format!(">= {m}"),
            (_, Some(m)) => format!("<= {m}"),
            _ => String::new(),
        };
        writeln!(
            out,
            "{} {:<52} {:>8.3} {}",
            if ok { "ok    " } else { "BROKEN" },
            f.name,
            v,
            bound
        )
        .ok();
        broken += usize::from(!ok);
    }
    println!("{out}");
    println!(
        "quality: {} passed, {} failed",
        FLOORS.len() - broken,
        broken
    );
    if broken > 0 {
        std::process::exit(1);
    }
}

//! Claim alignment measured with ORACLE figures: the gold figures of `../shared/gold`
//! are turned into `Figure`s, read by `claim::context` and aligned by `claim::align`
//! over each annotated set as its own workspace, then scored as `gold/README.md`
//! says: claim-pair precision and recall, conflict precision and recall, and
//! look-alike pairs joined. Extraction errors play no part here; the end-to-end
//! quality gate measures those. Prints the table (`-- --nocapture`) and asserts the
//! floors of issue 4.

use crosscheck::article::analyse;
use crosscheck::claim::{self, Alignment, DocFigures, Verdict};
use crosscheck::figure::{Bound, Figure, Interval, Kind, Options, Value};
use crosscheck::prose::Format;
use crosscheck::span::ByteSpan;
use crosscheck::DocId;
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold")
}

fn kind_of(s: &str) -> Option<Kind> {
    Some(match s {
        "count" => Kind::Count,
        "money" => Kind::Money,
        "duration" => Kind::Duration,
        "percent" => Kind::Percent,
        "measure" => Kind::Measure,
        "age" => Kind::Age,
        "date" => Kind::Date,
        "time" => Kind::Time,
        _ => return None,
    })
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const NUMBER_WORDS: &[&str] = &[
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "triple",
    "quadruple",
    "half",
];

/// The counted noun an extractor would report: the last word of the figure text, in
/// singular, when the text has one ("eight Federal Way officers" → "officer").
fn counted_noun(text: &str) -> Option<String> {
    let last = text.split_whitespace().last()?;
    let last = last.rsplit('-').next()?.to_lowercase();
    let first_is_all = text.split_whitespace().count() == 1 && !text.contains('-');
    if first_is_all
        || last.chars().all(|c| c.is_ascii_digit() || c == ',')
        || NUMBER_WORDS.contains(&last.as_str())
    {
        return None;
    }
    Some(claim::lexicon::singular(&last))
}

/// A gold figure as the extractor's `Figure` (SPEC §3 forms).
fn figure_of(g: &Json, tolerance: f64) -> Option<Figure> {
    let kind = kind_of(g["kind"].as_str()?)?;
    let start = g["byte_start"].as_u64()? as usize;
    let end = g["byte_end"].as_u64()? as usize;
    let bound = match g["bound"].as_str()? {
        "approx" => Bound::Approx,
        "lower" => Bound::Lower,
        "upper" => Bound::Upper,
        "range" => Bound::Range,
        _ => Bound::Exact,
    };
    let hedge = g["hedge"].as_str().map(str::to_lowercase);
    let value = match &g["value"] {
        Json::Number(n) => Value::Number(n.as_f64()?),
        Json::String(s) => {
            let low = g["low"].as_f64();
            match (kind, low) {
                (Kind::Date | Kind::Time, _) => {
                    let lower = s.to_lowercase();
                    if let Some(i) = WEEKDAYS.iter().position(|w| *w == lower) {
                        Value::Calendar(format!("XXXX-WXX-{}", i + 1))
                    } else if kind == Kind::Time {
                        Value::Calendar(format!("T{s}"))
                    } else {
                        Value::Calendar(s.clone())
                    }
                }
                (_, Some(l)) => Value::Number(l),
                _ => return None,
            }
        }
        _ => return None,
    };
    let interval = match (&value, bound) {
        (Value::Calendar(_), _) => Interval::default(),
        (Value::Number(v), Bound::Exact) => Interval::exact(*v),
        (Value::Number(v), Bound::Approx) => {
            let below = matches!(hedge.as_deref(), Some("nearly" | "almost"));
            Interval {
                low: Some(v * (1.0 - tolerance)),
                high: Some(if below { *v } else { v * (1.0 + tolerance) }),
            }
        }
        (Value::Number(v), Bound::Lower) => Interval {
            low: Some(*v),
            high: None,
        },
        (Value::Number(v), Bound::Upper) => Interval {
            low: None,
            high: Some(*v),
        },
        (Value::Number(v), Bound::Range) => Interval {
            low: Some(g["low"].as_f64().unwrap_or(*v)),
            high: Some(g["high"].as_f64().unwrap_or(*v)),
        },
    };
    let text = g["text"].as_str()?;
    let unit = match kind {
        Kind::Count => counted_noun(text),
        Kind::Date | Kind::Time => None,
        _ => g["unit"].as_str().map(str::to_string),
    };
    Some(Figure {
        span: ByteSpan::new(start, end),
        kind,
        value,
        unit,
        bound,
        interval,
        hedge,
    })
}

/// Where a gold figure sits: (document, index in that document's figure list).
type Slot = (usize, usize);

#[derive(Default, Clone, Copy)]
struct Score {
    pairs_true: usize,
    pairs_found: usize,
    pairs_gold: usize,
    pairs_gold_found: usize,
    conflicts_gold: usize,
    conflicts_found: usize,
    flagged: usize,
    flagged_true: usize,
    lookalikes: usize,
    lookalikes_in_claims: usize,
    lookalikes_flagged: usize,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.pairs_true += o.pairs_true;
        self.pairs_found += o.pairs_found;
        self.pairs_gold += o.pairs_gold;
        self.pairs_gold_found += o.pairs_gold_found;
        self.conflicts_gold += o.conflicts_gold;
        self.conflicts_found += o.conflicts_found;
        self.flagged += o.flagged;
        self.flagged_true += o.flagged_true;
        self.lookalikes += o.lookalikes;
        self.lookalikes_in_claims += o.lookalikes_in_claims;
        self.lookalikes_flagged += o.lookalikes_flagged;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Where the figures come from: the gold annotations, or the extractor.
#[derive(Clone, Copy, PartialEq)]
enum Source {
    Gold,
    Extracted,
}

fn run_set(path: &Path, source: Source, verbose: bool) -> Score {
    let gold: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let shared = gold_dir().join("..");
    let root = match gold["root"].as_str() {
        Some(r) => shared.join(r),
        None => shared
            .join("corpus/clusters")
            .join(gold["cluster"].as_str().unwrap()),
    };
    let options = Options::default();
    let docs: Vec<String> = gold["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["doc"].as_str().unwrap().to_string())
        .collect();
    let texts: Vec<String> = docs
        .iter()
        .map(|d| std::fs::read_to_string(root.join(d)).unwrap())
        .collect();

    // Figures per document in order of position; gold id → slot.
    let mut per_doc: Vec<Vec<(String, Figure, &Json)>> = vec![Vec::new(); docs.len()];
    for g in gold["figures"].as_array().unwrap() {
        let d = docs
            .iter()
            .position(|x| x == g["doc"].as_str().unwrap())
            .unwrap();
        if let Some(f) = figure_of(g, options.approx_tolerance) {
            per_doc[d].push((g["id"].as_str().unwrap().to_string(), f, g));
        }
    }
    for v in &mut per_doc {
        v.sort_by_key(|x| x.1.span.start);
    }
    let mut slot_of: HashMap<String, Slot> = HashMap::new();
    let mut gold_of: HashMap<Slot, &Json> = HashMap::new();
    let (figures, contexts): (Vec<Vec<Figure>>, Vec<Vec<claim::FigureContext>>) = match source {
        Source::Gold => {
            for (d, v) in per_doc.iter().enumerate() {
                for (i, (id, _, g)) in v.iter().enumerate() {
                    slot_of.insert(id.clone(), (d, i));
                    gold_of.insert((d, i), g);
                }
            }
            let figures: Vec<Vec<Figure>> = per_doc
                .iter()
                .map(|v| v.iter().map(|x| x.1.clone()).collect())
                .collect();
            let contexts = figures
                .iter()
                .zip(&texts)
                .map(|(f, t)| {
                    // Names come from the real recogniser, as in the workspace.
                    let mentions = crosscheck::entity::recognise(t);
                    claim::context(t, f, &mentions)
                })
                .collect();
            (figures, contexts)
        }
        Source::Extracted => {
            let analyses: Vec<_> = texts
                .iter()
                .map(|t| analyse(t, Format::Plain, &options))
                .collect();
            for (d, v) in per_doc.iter().enumerate() {
                for (id, f, g) in v {
                    let hit = analyses[d]
                        .figures
                        .iter()
                        .position(|e| e.span.overlaps(f.span));
                    if let Some(i) = hit {
                        slot_of.insert(id.clone(), (d, i));
                        gold_of.entry((d, i)).or_insert(g);
                    }
                }
            }
            analyses
                .into_iter()
                .map(|a| (a.figures, a.contexts))
                .unzip()
        }
    };
    if std::env::var("ORACLE_CTX").is_ok_and(|v| path.to_string_lossy().contains(&v)) {
        for (d, cs) in contexts.iter().enumerate() {
            for (i, c) in cs.iter().enumerate() {
                let Some(g) = gold_of.get(&(d, i)) else {
                    continue;
                };
                println!("CTX {d}:{i} {:?} {:?} noun={:?} mods={:?} pred={:?} names={:?} roles={:?} sex={:?} q={:?} | {:?}", g["text"].as_str().unwrap(), g["claim"].as_str(), c.noun, c.modifiers, c.predicate, c.names, c.roles, c.sex, c.qualifiers, c.quantity);
                println!(
                    "      {:?}",
                    c.terms
                        .iter()
                        .take(10)
                        .map(|(t, w)| format!("{}:{w:.2}", t.as_str()))
                        .collect::<Vec<_>>()
                );
            }
        }
    }
    let labels: Vec<String> = docs.iter().map(|d| d.chars().take(12).collect()).collect();
    let inputs: Vec<DocFigures<'_>> = (0..docs.len())
        .map(|d| DocFigures {
            doc: DocId(d as u32),
            label: &labels[d],
            text: &texts[d],
            figures: &figures[d],
            contexts: &contexts[d],
        })
        .collect();
    let alignment: Alignment = claim::align(&inputs, &options);
    let slot = |m: claim::Member| (m.doc.0 as usize, m.figure);

    // Gold claims.
    let mut claim_of: HashMap<Slot, String> = HashMap::new();
    let mut optional: HashSet<Slot> = HashSet::new();
    let mut conflict_claims: BTreeMap<String, Vec<Slot>> = BTreeMap::new();
    for c in gold["claims"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap().to_string();
        let opt = c["optional"].as_bool().unwrap_or(false);
        let mut members = Vec::new();
        for m in c["members"].as_array().unwrap() {
            if let Some(&s) = slot_of.get(m["figure"].as_str().unwrap()) {
                members.push(s);
                claim_of.insert(s, id.clone());
                if opt {
                    optional.insert(s);
                }
            }
        }
        let docs_in: HashSet<usize> = members.iter().map(|s| s.0).collect();
        let verdict = c["verdict"].as_str().unwrap();
        if !opt && docs_in.len() > 1 && (verdict == "conflict" || verdict == "soft-conflict") {
            conflict_claims.insert(id, members);
        }
    }
    for (s, g) in &gold_of {
        if g["optional"].as_bool().unwrap_or(false) {
            optional.insert(*s);
        }
    }
    let show = |s: Slot| {
        let Some(g) = gold_of.get(&s) else {
            let f = &figures[s.0][s.1];
            return format!("{}:{}[no gold]", &labels[s.0][..2], f.span.of(&texts[s.0]));
        };
        format!(
            "{}:{}[{}]",
            &labels[s.0][..2],
            g["text"].as_str().unwrap(),
            g["claim"].as_str().unwrap_or("-")
        )
    };

    let mut score = Score::default();
    // Claim pairs across documents.
    let mut predicted: HashMap<Slot, usize> = HashMap::new();
    for c in &alignment.claims {
        for &m in &c.members {
            predicted.insert(slot(m), c.id);
        }
        for (i, &a) in c.members.iter().enumerate() {
            for &b in &c.members[i + 1..] {
                let (a, b) = (slot(a), slot(b));
                if a.0 == b.0 || optional.contains(&a) || optional.contains(&b) {
                    continue;
                }
                score.pairs_found += 1;
                if claim_of.contains_key(&a) && claim_of.get(&a) == claim_of.get(&b) {
                    score.pairs_true += 1;
                }
            }
        }
    }
    let gold_slots: Vec<Slot> = claim_of.keys().copied().collect();
    for (i, &a) in gold_slots.iter().enumerate() {
        for &b in &gold_slots[i + 1..] {
            if a.0 == b.0 || optional.contains(&a) || optional.contains(&b) {
                continue;
            }
            if claim_of[&a] == claim_of[&b] {
                score.pairs_gold += 1;
                if predicted.contains_key(&a) && predicted.get(&a) == predicted.get(&b) {
                    score.pairs_gold_found += 1;
                }
            }
        }
    }

    // Conflicts.
    score.conflicts_gold = conflict_claims.len();
    for (id, members) in &conflict_claims {
        let found = alignment.disagreements.iter().any(|d| {
            let at = slot(d.at);
            members.contains(&at)
                && d.related
                    .iter()
                    .any(|r| slot(r.0).0 != at.0 && members.contains(&slot(r.0)))
        });
        if found {
            score.conflicts_found += 1;
        } else if verbose {
            println!(
                "    MISSED {id}: {:?}",
                members.iter().map(|&s| show(s)).collect::<Vec<_>>()
            );
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    if a.0 != b.0 {
                        let m = |s: Slot| claim::Member {
                            doc: DocId(s.0 as u32),
                            figure: s.1,
                        };
                        let sc = claim::explain(&inputs, m(a), m(b));
                        println!("      {} ~ {}: {sc:?}", show(a), show(b));
                    }
                }
            }
        }
    }
    for d in &alignment.disagreements {
        let joined: Vec<Slot> = std::iter::once(slot(d.at))
            .chain(d.related.iter().map(|r| slot(r.0)))
            .collect();
        if joined.iter().any(|s| optional.contains(s)) {
            continue;
        }
        score.flagged += 1;
        let one = joined.iter().all(|s| {
            claim_of.get(s).is_some_and(|c| {
                conflict_claims.contains_key(c) && Some(c) == claim_of.get(&joined[0])
            })
        });
        if one {
            score.flagged_true += 1;
        } else if verbose {
            let v = if d.verdict == Verdict::Conflict {
                "conflict"
            } else {
                "differs"
            };
            println!(
                "    FALSE {v}: {} <> {:?}  | {}",
                show(joined[0]),
                joined[1..].iter().map(|&s| show(s)).collect::<Vec<_>>(),
                d.message
            );
        }
    }

    // Look-alikes.
    let flagged_pairs: HashSet<(Slot, Slot)> = alignment
        .disagreements
        .iter()
        .flat_map(|d| d.related.iter().map(move |r| (slot(d.at), slot(r.0))))
        .collect();
    for l in gold["lookalikes"].as_array().unwrap() {
        let (Some(&a), Some(&b)) = (
            slot_of.get(l["a"].as_str().unwrap()),
            slot_of.get(l["b"].as_str().unwrap()),
        ) else {
            continue;
        };
        score.lookalikes += 1;
        if predicted.contains_key(&a) && predicted.get(&a) == predicted.get(&b) {
            score.lookalikes_in_claims += 1;
            if verbose {
                println!("    LOOKALIKE in claim: {} ~ {}", show(a), show(b));
            }
        }
        if flagged_pairs.contains(&(a, b)) || flagged_pairs.contains(&(b, a)) {
            score.lookalikes_flagged += 1;
        }
    }
    score
}

/// Runs every gold set as its own workspace and prints one table row per set.
fn table(sets: &[PathBuf], source: Source, verbose: bool) -> Score {
    let mut total = Score::default();
    println!(
        "{:<28} {:>7} {:>7} {:>9} {:>9} {:>10}",
        "set", "pair P", "pair R", "confl P", "confl R", "lookalikes"
    );
    for set in sets {
        let name = set.file_stem().unwrap().to_string_lossy().to_string();
        if verbose {
            println!("  {name}");
        }
        let s = run_set(set, source, verbose);
        println!(
            "{:<28} {:>7.2} {:>7.2} {:>4}/{:<4} {:>4}/{:<4} {:>3}c {:>2}f /{}",
            name,
            ratio(s.pairs_true, s.pairs_found),
            ratio(s.pairs_gold_found, s.pairs_gold),
            s.flagged_true,
            s.flagged,
            s.conflicts_found,
            s.conflicts_gold,
            s.lookalikes_in_claims,
            s.lookalikes_flagged,
            s.lookalikes
        );
        total.add(&s);
    }
    println!(
        "TOTAL: claim pairs P {:.2} ({}/{}) R {:.2} ({}/{}); conflicts P {:.2} ({}/{}) R {:.2} ({}/{}); \
         look-alikes in one claim {} / flagged together {} of {}",
        ratio(total.pairs_true, total.pairs_found),
        total.pairs_true,
        total.pairs_found,
        ratio(total.pairs_gold_found, total.pairs_gold),
        total.pairs_gold_found,
        total.pairs_gold,
        ratio(total.flagged_true, total.flagged),
        total.flagged_true,
        total.flagged,
        ratio(total.conflicts_found, total.conflicts_gold),
        total.conflicts_found,
        total.conflicts_gold,
        total.lookalikes_in_claims,
        total.lookalikes_flagged,
        total.lookalikes
    );
    total
}

fn gold_sets() -> Option<Vec<PathBuf>> {
    let dir = gold_dir();
    if !dir.exists() {
        eprintln!("no gold at {}: skipped", dir.display());
        return None;
    }
    let mut sets = vec![dir.join("seeds.json")];
    let mut clusters: Vec<PathBuf> = std::fs::read_dir(dir.join("clusters"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    clusters.sort();
    sets.extend(clusters);
    Some(sets)
}

/// `ORACLE_VERBOSE=1` lists misses, false reports and joined look-alikes.
fn verbose() -> bool {
    std::env::var("ORACLE_VERBOSE").is_ok()
}

#[test]
fn oracle_alignment_meets_the_floors() {
    let Some(sets) = gold_sets() else {
        return;
    };
    println!("== claims with ORACLE figures (gold figures, real name recogniser)");
    let total = table(&sets, Source::Gold, verbose());
    let conflict_p = ratio(total.flagged_true, total.flagged);
    let conflict_r = ratio(total.conflicts_found, total.conflicts_gold);
    assert_eq!(
        total.lookalikes_flagged, 0,
        "look-alike pairs flagged together"
    );
    assert_eq!(
        total.lookalikes_in_claims, 0,
        "look-alike pairs joined in one claim"
    );
    assert!(
        conflict_r >= 0.9,
        "conflict recall {conflict_r:.2} below 0.9"
    );
    assert!(
        conflict_p >= 0.85,
        "conflict precision {conflict_p:.2} below 0.85"
    );
}

/// The same scoring with the extractor's figures, for comparison: the end-to-end
/// floors are the quality gate's (`tests/quality`); this one only reports.
#[test]
fn extracted_alignment_report() {
    let Some(sets) = gold_sets() else {
        return;
    };
    println!("== claims with EXTRACTED figures");
    table(&sets, Source::Extracted, verbose());
}

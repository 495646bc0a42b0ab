//! Peer conformance: the number-recognition cases of Microsoft Recognizers-Text and
//! Duckling (converted in `../shared/peers/`) run through the figure reader. Prints,
//! per file, cases passed / in scope / total, and fails when a file's pass rate on its
//! in-scope cases drops below the floor recorded in `tests/peers_floor.json`, so the
//! rates only ratchet up. Cases left out of scope, and why, are listed in
//! `docs/FIGURES.md`; [`exclusion`] is the same list as code.
//!
//! A case passes when every expected item is met by a figure of the file's kind whose
//! phrase (hedge words included) overlaps it with the same value (in one unit), and no
//! other figure of that kind is reported in the input.

use crosscheck::figure::{base_unit, read, Bound, Kind, Options, Reading, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use std::path::PathBuf;

const FILES: &[&str] = &[
    "number",
    "number_range",
    "percent",
    "currency",
    "dimension",
    "duration",
    "age",
    "temperature",
    "ordinal",
];

fn peers_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/peers")
}

fn flags(case: &Json) -> Vec<&str> {
    case["flags"]
        .as_array()
        .map(|a| a.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default()
}

/// Why a case is outside news prose, or `None` when it is in scope.
fn exclusion(file: &str, case: &Json) -> Option<&'static str> {
    let flags = flags(case);
    let input = case["input"].as_str().unwrap_or("");
    let expected = case["expected"].as_array().cloned().unwrap_or_default();
    let texts: Vec<&str> = expected.iter().filter_map(|e| e["text"].as_str()).collect();
    if flags
        .iter()
        .any(|f| f.starts_with("NotSupported") && f.contains("dotnet"))
    {
        return Some("the reference implementation itself fails it");
    }
    if flags.contains(&"latent") {
        return Some("latent reading: a bare number taken as money or a quantity");
    }
    if expected.iter().any(|e| e["value"].is_null()) {
        return Some("a unit or currency named without an amount is not a figure");
    }
    let scientific = |t: &&str| {
        let t = t.trim_start_matches(['-', '+']);
        t.split_once(['e', 'E']).is_some_and(|(m, x)| {
            !m.is_empty()
                && m.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && x.trim_start_matches(['-', '+'])
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                && !x.is_empty()
        })
    };
    if input.contains('^') || texts.iter().any(scientific) {
        return Some("powers and scientific notation, not news prose");
    }
    if texts.iter().any(|t| odd_fraction(&t.to_lowercase())) {
        return Some("spelled fractions whose split into numerator and ordinal is ambiguous (`one hundred thirty fifths`)");
    }
    if texts.iter().any(|t| t.starts_with("- ")) {
        return Some("a minus sign set apart from its digits (a list dash in prose)");
    }
    let lower = input.to_lowercase();
    if texts.iter().any(|t| t.contains("the tenth")) {
        return Some("ranges of ordinals (ranks), which are not figures");
    }
    // Duckling conventions its README calls out as its own, not English facts.
    if file == "duration"
        && (input.ends_with('\'')
            || input.ends_with('"')
            || lower.ends_with("m") && lower.len() <= 3)
    {
        return Some("duckling convention: prime marks and bare `m` as minutes");
    }
    if lower.contains(" less minutes") || lower.contains(" fewer minutes") {
        return Some("duckling convention: `2 less minutes` as a duration");
    }
    if texts.iter().any(|t| {
        let t = t.to_lowercase();
        t == "few" || t == "a few" || file == "number" && t.ends_with(" l") || t == "3k"
    }) {
        return Some("duckling convention: `few` as 3, `l` as lakh, `3k` as 3 km");
    }
    if lower.starts_with("one twenty")
        || lower.starts_with("one hundred twenty") && lower.split_whitespace().count() == 4
    {
        return Some("duckling convention: `one twenty two` as 122");
    }
    None
}

/// A spelled fraction with more than one way to cut numerator from denominator,
/// which Recognizers-Text cuts its own way: tens run into the ordinal (`one hundred
/// thirty fifths` as 100/35, `twenty twenty fifths`), a hundred or thousand absorbed
/// (`one one hundred fifth`, `one hundred one thousand fifths`), or `and` joining
/// plain numbers (`twenty and three and three fifths`).
fn odd_fraction(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let ordinal = |w: &str| {
        let w = w.trim_end_matches('s');
        w.ends_with("th") || w.ends_with("fifth") || w.ends_with("first")
    };
    let tens = |w: &str| {
        matches!(
            w,
            "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety"
        )
    };
    let number = |w: &str| {
        tens(w)
            || matches!(
                w,
                "one" | "two" | "three" | "four" | "five" | "hundred" | "thousand" | "million"
            )
    };
    let (Some(last), true) = (words.last(), words.len() >= 3) else {
        return false;
    };
    if !ordinal(last) {
        return false;
    }
    let n = words.len();
    let tens_run_in = tens(words[n - 2]) && number(words[n - 3]);
    let absorbed = words.starts_with(&["one", "one"]) || t.contains("hundred one thousand");
    let plain_and = words
        .windows(2)
        .any(|w| w[1] == "and" && !matches!(w[0], "hundred" | "thousand" | "million" | "billion"));
    tens_run_in || absorbed || plain_and && words.iter().filter(|w| **w == "and").count() >= 2
}

/// An expected item: its char span, and the value or interval it must have.
struct Expect {
    start: usize,
    end: usize,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    interval: bool,
    unit: Option<String>,
    /// The expected text says percent.
    percent: bool,
}

fn parse_interval(s: &str) -> Option<(Option<f64>, Option<f64>)> {
    // Recognizers-Text `[20,100)`, `(,700]`; Duckling `between(10,20)`, `under(7)`, `above(1.4)`.
    let num = |t: &str| t.trim().parse::<f64>().ok();
    if let Some(r) = s.strip_prefix("between(").and_then(|r| r.strip_suffix(')')) {
        let (a, b) = r.split_once(',')?;
        return Some((num(a), num(b)));
    }
    if let Some(r) = s.strip_prefix("under(").and_then(|r| r.strip_suffix(')')) {
        return Some((None, num(r)));
    }
    if let Some(r) = s.strip_prefix("above(").and_then(|r| r.strip_suffix(')')) {
        return Some((num(r), None));
    }
    let inner = s.strip_prefix(['[', '('])?.strip_suffix([']', ')'])?;
    let (a, b) = inner.split_once(',')?;
    Some((num(a), num(b)))
}

fn expectations(case: &Json) -> Vec<Expect> {
    let mut v = Vec::new();
    for e in case["expected"].as_array().into_iter().flatten() {
        let unit = e["unit"].as_str().map(str::to_string);
        let (value, low, high, interval) = match &e["value"] {
            Json::Number(n) => (n.as_f64(), None, None, false),
            Json::String(s) => match parse_interval(s) {
                Some((l, h)) => (None, l, h, true),
                None => (None, None, None, false),
            },
            _ => (None, None, None, false),
        };
        v.push(Expect {
            start: e["start"].as_u64().unwrap_or(0) as usize,
            end: e["end"].as_u64().unwrap_or(0) as usize,
            value,
            low,
            high,
            interval,
            unit,
            percent: e["text"]
                .as_str()
                .is_some_and(|t| t.contains('%') || t.to_lowercase().contains("percent")),
        });
    }
    v
}

/// Whether a figure is what a file of this kind reports.
fn relevant(file: &str, r: &Reading) -> bool {
    let f = &r.figure;
    let temp = matches!(
        f.unit.as_deref(),
        Some("celsius" | "fahrenheit" | "degree" | "kelvin")
    );
    match file {
        "number" => f.kind == Kind::Count,
        "number_range" => matches!(f.bound, Bound::Range | Bound::Lower | Bound::Upper),
        "percent" => f.kind == Kind::Percent,
        "currency" => f.kind == Kind::Money,
        "dimension" => f.kind == Kind::Measure && (!temp || f.unit.as_deref() == Some("degree")),
        "temperature" => f.kind == Kind::Measure && temp,
        "duration" => f.kind == Kind::Duration,
        "age" => f.kind == Kind::Age,
        _ => false,
    }
}

/// A peer unit name's factor to the base unit our [`base_unit`] uses.
fn peer_base(unit: &str) -> Option<(f64, &'static str)> {
    let ours = match unit.to_ascii_lowercase().as_str() {
        "kilometer" | "kilometre" => "km",
        "meter" | "metre" | "m" => "m",
        "centimeter" | "centimetre" => "cm",
        "millimeter" | "millimetre" => "mm",
        "mile" => "mile",
        "foot" => "foot",
        "inch" => "inch",
        "yard" => "yard",
        "kilogram" => "kg",
        "gram" => "g",
        "milligram" => "mg",
        "pound" => "pound",
        "ounce" => "ounce",
        "ton" => "ton",
        "metric ton" => "tonne",
        "litre" | "liter" => "l",
        "millilitre" | "milliliter" => "ml",
        "gallon" => "gallon",
        "cup" => "cup",
        "teaspoon" => "teaspoon",
        "tablespoon" => "tablespoon",
        "barrel" => "barrel",
        "acre" => "acre",
        "mile per hour" => "mph",
        "kilometer per hour" => "km/h",
        "second" => "second",
        "minute" => "minute",
        "hour" => "hour",
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "year" => "year",
        "hectolitre" => "hl",
        "decimeter" => "dm",
        "microgram" => "µg",
        "degree" => return Some((1.0, "degree")),
        "quarter" => return Some((3.0 * 2629746.0, "s")),
        _ => return None,
    };
    base_unit(ours)
}

/// Durations in the peers' calendar: a month of 30 days, a year of 365.
fn calendar_base(unit: &str) -> Option<(f64, &'static str)> {
    Some(match unit {
        "month" => (30.0 * 86400.0, "s"),
        "quarter" => (90.0 * 86400.0, "s"),
        "year" => (365.0 * 86400.0, "s"),
        _ => return None,
    })
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6_f64.max(b.abs() * 2e-3)
}

fn opt_close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Whether figure `r` carries expected value `e` (in `file`'s sense of value).
fn value_matches(file: &str, e: &Expect, r: &Reading) -> bool {
    let f = &r.figure;
    let Value::Number(mut v) = f.value else {
        return false;
    };
    // A share read as a percent (`1/2 of` → 50%) meets a plain fraction (0.5).
    let mut interval = f.interval;
    if matches!(file, "number" | "number_range") && f.kind == Kind::Percent && !e.percent {
        v /= 100.0;
        interval.low = interval.low.map(|x| x / 100.0);
        interval.high = interval.high.map(|x| x / 100.0);
    }
    if e.interval {
        return opt_close(interval.low, e.low) && opt_close(interval.high, e.high);
    }
    let Some(want) = e.value else {
        return true;
    };
    match file {
        "number_range" => {
            // Ranges are `[a,b)` strings; a plain value is an exact figure.
            close(v, want)
        }
        "currency" => {
            let minor = matches!(e.unit.as_deref(), Some("Cent" | "Pence" | "Penny" | "Sen"));
            let want = if minor {
                want / 100.0
            } else if e.unit.as_deref() == Some("Satoshi") {
                want * 1e-8
            } else {
                want
            };
            close(v, want) || close(v, e.value.unwrap_or(want))
        }
        "dimension" | "duration" => {
            let ours = f
                .unit
                .as_deref()
                .and_then(|u| calendar_base(u).or_else(|| base_unit(u)));
            let theirs = e
                .unit
                .as_deref()
                .and_then(|u| calendar_base(&u.to_ascii_lowercase()).or_else(|| peer_base(u)));
            // Recognizers-Text's `Ton` is the metric one.
            if e.unit.as_deref() == Some("Ton") && f.unit.as_deref() == Some("tonne") {
                return close(v, want);
            }
            match (ours, theirs) {
                (Some((fa, ba)), Some((fb, bb))) if ba == bb => close(v * fa, want * fb),
                _ => close(v, want),
            }
        }
        _ => close(v, want),
    }
}

/// Byte offset of char offset `c` in `s`.
fn byte_at(s: &str, c: usize) -> usize {
    s.char_indices().nth(c).map_or(s.len(), |(b, _)| b)
}

fn passes(file: &str, case: &Json) -> bool {
    let input = case["input"].as_str().unwrap_or("");
    let all = read(input, &Options::default());
    // A figure may meet an expected item whatever its kind in the number files (a
    // number is still read inside `$20`); only figures of the file's kind count as
    // false when they meet nothing.
    let numeric = matches!(file, "number" | "number_range");
    let expected = expectations(case);
    let mut used = vec![false; all.len()];
    for e in &expected {
        let (s, t) = (byte_at(input, e.start), byte_at(input, e.end));
        let hit = all.iter().enumerate().find(|(k, r)| {
            let span = r.full_span();
            !used[*k]
                && (numeric || relevant(file, r))
                && span.start < t
                && s < span.end
                && value_matches(file, e, r)
        });
        match hit {
            Some((k, _)) => used[k] = true,
            None => return false,
        }
    }
    all.iter().enumerate().all(|(k, r)| {
        used[k]
            || !relevant(file, r)
            || expected.iter().any(|e| {
                let span = r.full_span();
                span.start < byte_at(input, e.end) && byte_at(input, e.start) < span.end
            })
    })
}

#[derive(Default)]
struct Tally {
    passed: usize,
    in_scope: usize,
    total: usize,
}

fn floors() -> BTreeMap<String, f64> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/peers_floor.json");
    let text = std::fs::read_to_string(path).expect("tests/peers_floor.json");
    let json: Json = serde_json::from_str(&text).expect("peers_floor.json parses");
    json.as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
        .collect()
}

#[test]
fn peer_conformance() {
    let dir = peers_dir();
    if !dir.exists() {
        eprintln!("peers: {} not found; skipped", dir.display());
        return;
    }
    let verbose = std::env::var_os("PEERS_VERBOSE").is_some();
    let floors = floors();
    let mut below = Vec::new();
    let mut reasons: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    println!(
        "{:<14} {:>7} {:>9} {:>6} {:>8}",
        "file", "passed", "in scope", "total", "rate"
    );
    for file in FILES {
        let text = std::fs::read_to_string(dir.join(format!("{file}.jsonl"))).expect("peer file");
        let mut t = Tally::default();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: Json = serde_json::from_str(line).expect("peer case parses");
            t.total += 1;
            if let Some(why) = exclusion(file, &case) {
                *reasons.entry((file, why)).or_default() += 1;
                continue;
            }
            t.in_scope += 1;
            if passes(file, &case) {
                t.passed += 1;
            } else if verbose {
                let input = case["input"].as_str().unwrap_or("");
                let got: Vec<String> = read(input, &Options::default())
                    .iter()
                    .map(|r| {
                        let s = r.full_span();
                        let i = r.figure.interval;
                        format!(
                            "{}={:?}{}[{:?},{:?}]",
                            &input[s.start..s.end],
                            r.figure.value,
                            r.figure.unit.as_deref().unwrap_or(""),
                            i.low,
                            i.high
                        )
                    })
                    .collect();
                let want: Vec<String> = expectations(&case)
                    .iter()
                    .map(|e| {
                        format!(
                            "{}={:?}{}[{:?},{:?}]",
                            input
                                .chars()
                                .skip(e.start)
                                .take(e.end - e.start)
                                .collect::<String>(),
                            e.value,
                            e.unit.as_deref().unwrap_or(""),
                            e.low,
                            e.high
                        )
                    })
                    .collect();
                println!("  FAIL {file}: {input:?} want {want:?} got {got:?}");
            }
        }
        let rate = if t.in_scope == 0 {
            0.0
        } else {
            t.passed as f64 / t.in_scope as f64
        };
        println!(
            "{:<14} {:>7} {:>9} {:>6} {:>7.1}%  (in scope {:.0}%)",
            file,
            t.passed,
            t.in_scope,
            t.total,
            rate * 100.0,
            t.in_scope as f64 * 100.0 / t.total as f64
        );
        if let Some(floor) = floors.get(*file) {
            if rate + 1e-9 < *floor {
                below.push(format!("{file}: {:.3} < floor {floor:.3}", rate));
            }
        }
    }
    println!("out of scope:");
    for ((file, why), n) in &reasons {
        println!("  {file:<14} {n:>4}  {why}");
    }
    assert!(
        below.is_empty(),
        "peer pass rates fell below the recorded floor: {below:?}"
    );
}

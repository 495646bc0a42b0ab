//! Figures: the numbers in news prose, each with what it measures — its value, unit,
//! kind and the interval its hedge allows ("more than 32,000" → [32000, ∞)).
//!
//! Input is prose text (see [`crate::prose`]); output is a list of [`Figure`]s with
//! byte spans into that text. Nothing here knows about files, workspaces or LSP.
//!
//! The reader is one pass over a token list ([`token`]), with no regular expressions:
//! [`scan`] finds where figures start and assembles hedge, number ([`number`]), range
//! and unit or counted noun from the word tables in [`lexicon`]; [`date`] reads dates
//! and clock times. See `docs/FIGURES.md` for the conventions and the conformance
//! results.

mod date;
mod lexicon;
mod number;
mod scan;
mod token;

use crate::span::ByteSpan;
use serde::{Deserialize, Serialize};

/// What sort of quantity a figure is (SPEC §7: the JSON `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Count,
    Money,
    Duration,
    Percent,
    Measure,
    Age,
    Date,
    Time,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Duration => "duration",
            Kind::Percent => "percent",
            Kind::Measure => "measure",
            Kind::Age => "age",
            Kind::Date => "date",
            Kind::Time => "time",
        }
    }
}

/// A figure's value: a number in its unit, or for dates and times an ISO-like
/// calendar value as written, in the gold annotations' forms: `2024-03-29`,
/// `--03-25`, `--11` (a month), `2009-01`, `2012`, `1990s`, `2009/2013` (a range of
/// years), the weekday's name (`Monday`), clock times `21:40`. Resolving them against
/// the article's dateline is left to the claim layer.
/// For a range (`10 to 15`) the value is the low end; [`Figure::interval`] holds both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Number(f64),
    Calendar(String),
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Calendar(_) => None,
        }
    }
}

/// How the hedge bounds the value (gold's `bound`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Exact,
    Approx,
    Lower,
    Upper,
    Range,
}

/// The closed interval of values a hedged figure allows; `None` is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Interval {
    pub fn exact(v: f64) -> Self {
        Interval {
            low: Some(v),
            high: Some(v),
        }
    }
    /// Whether two intervals share at least one value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = matches!((self.high, other.low), (Some(h), Some(l)) if h < l);
        let above = matches!((other.high, self.low), (Some(h), Some(l)) if h < l);
        !below && !above
    }
}

/// One figure found in prose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The figure as written, hedge words excluded ("32,000 people", "2-1/2 hour").
    pub span: ByteSpan,
    pub kind: Kind,
    pub value: Value,
    /// Canonical unit (SPEC §3): `hour`, `USD`, `percent`, `km`, or for counts the
    /// counted noun in lower-case singular (`person`); `None` when nothing is counted.
    pub unit: Option<String>,
    pub bound: Bound,
    pub interval: Interval,
    /// The hedge words as written, lower-cased ("more than"), if any.
    pub hedge: Option<String>,
}

/// A figure with where its hedge words stand (before or after the span), for callers
/// that show or test the whole phrase ("more than 32,000 people").
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub figure: Figure,
    pub hedge_span: Option<ByteSpan>,
}

impl Reading {
    /// The figure's span together with its hedge words.
    pub fn full_span(&self) -> ByteSpan {
        let s = self.figure.span;
        match self.hedge_span {
            Some(h) => ByteSpan::new(h.start.min(s.start), h.end.max(s.end)),
            None => s,
        }
    }
}

/// A measure or duration unit's factor to its base unit and the base's name
/// (`km` → 1000 `m`, `hour` → 3600 `s`, `pound` → 0.4536 `kg`), to compare figures
/// written in different units.
pub fn base_unit(unit: &str) -> Option<(f64, &'static str)> {
    lexicon::si_factor(unit)
}

/// Settings that change how figures are read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Half-width of the band an approximate hedge allows, as a fraction of the value.
    pub approx_tolerance: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            approx_tolerance: 0.10,
        }
    }
}

/// Every figure in `text`, in order of position.
pub fn extract(text: &str, options: &Options) -> Vec<Figure> {
    scan::extract(text, options)
        .into_iter()
        .map(|r| r.figure)
        .collect()
}

/// Every figure in `text` with its hedge's span, in order of position.
pub fn read(text: &str, options: &Options) -> Vec<Reading> {
    scan::extract(text, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text under each figure's span.
    fn read_all(text: &str) -> Vec<String> {
        extract(text, &Options::default())
            .into_iter()
            .map(|f| f.span.of(text).to_string())
            .collect()
    }

    fn one(text: &str) -> Figure {
        let figs = extract(text, &Options::default());
        assert_eq!(figs.len(), 1, "{text:?} → {figs:?}");
        figs.into_iter().next().unwrap()
    }

    fn num(text: &str) -> (String, Kind, f64, Option<String>) {
        let f = one(text);
        let v = f.value.number().unwrap_or(f64::NAN);
        (f.span.of(text).to_string(), f.kind, v, f.unit)
    }

    #[test]
    fn counts_carry_their_noun_and_hedge_stays_outside_the_span() {
        let f = one("The agency said more than 32,000 people had fled the valley.");
        assert_eq!(
            f.span
                .of("The agency said more than 32,000 people had fled the valley."),
            "32,000 people"
        );
        assert_eq!(f.unit.as_deref(), Some("person"));
        assert_eq!(f.hedge.as_deref(), Some("more than"));
        assert_eq!(
            (f.bound, f.interval.low, f.interval.high),
            (Bound::Lower, Some(32000.0), None)
        );
        assert_eq!(
            num("Officials counted 1.4 million Palestinians in the camps."),
            (
                "1.4 million Palestinians".into(),
                Kind::Count,
                1_400_000.0,
                Some("palestinian".into())
            )
        );
        assert_eq!(num("Three men were held.").1, Kind::Count);
        assert_eq!(num("The two sides met.").3.as_deref(), Some("side"));
    }

    #[test]
    fn durations_ages_and_adjectival_forms() {
        assert_eq!(num("a 2-1/2 hour hearing").2, 2.5);
        assert_eq!(num("a two-hour hearing").0, "two-hour");
        assert_eq!(
            num("a week-long strike in the port").3.as_deref(),
            Some("week")
        );
        assert_eq!(num("the half-year review").2, 0.5);
        assert_eq!(
            num("a 34-year-old driver"),
            ("34-year-old".into(), Kind::Age, 34.0, Some("year".into()))
        );
        assert_eq!(num("Jane Roe, 34, of Springfield was hurt.").1, Kind::Age);
        assert_eq!(num("the driver, aged 61, was unhurt").1, Kind::Age);
        assert_eq!(num("a six-week ceasefire").3.as_deref(), Some("week"));
        assert_eq!(num("a 168-member council").3.as_deref(), Some("member"));
    }

    #[test]
    fn money_percent_and_measures() {
        assert_eq!(num("a $18 billion arms sale").2, 18e9);
        assert_eq!(num("a £600m deal").3.as_deref(), Some("GBP"));
        assert_eq!(num("sales rose 12.5% last quarter").1, Kind::Percent);
        assert_eq!(
            num("rates rose two percentage points").3.as_deref(),
            Some("percentage point")
        );
        assert_eq!(num("a 24-ton module").3.as_deref(), Some("ton"));
        assert_eq!(num("about 200 kilometers away").3.as_deref(), Some("km"));
        assert_eq!(num("thousands of dollars in cash").2, 2000.0);
    }

    #[test]
    fn hedges_make_intervals() {
        let f = one("nearly 500 homes were flooded");
        assert_eq!(
            (f.interval.low, f.interval.high),
            (Some(450.0), Some(500.0))
        );
        let f = one("up to 40 boats");
        assert_eq!((f.bound, f.interval.high), (Bound::Upper, Some(40.0)));
        let f = one("between 10 and 15 trucks");
        assert_eq!(
            (f.bound, f.interval.low, f.interval.high),
            (Bound::Range, Some(10.0), Some(15.0))
        );
        let f = one("dozens of vans");
        assert_eq!((f.interval.low, f.interval.high), (Some(24.0), Some(144.0)));
        let opts = Options {
            approx_tolerance: 0.2,
        };
        let f = extract("about 100 cars", &opts).remove(0);
        assert_eq!((f.interval.low, f.interval.high), (Some(80.0), Some(120.0)));
    }

    #[test]
    fn dates_and_times_in_the_gold_forms() {
        let cal = |t: &str| match one(t).value {
            Value::Calendar(c) => c,
            v => panic!("{t}: {v:?}"),
        };
        assert_eq!(cal("signed on March 29, 2024 in Cairo"), "2024-03-29");
        assert_eq!(cal("since Oct. 7 the border"), "--10-07");
        assert_eq!(cal("on 7 October 2023 at dawn"), "2023-10-07");
        assert_eq!(cal("they met on Monday"), "Monday");
        assert_eq!(cal("elected in 2012 as mayor"), "2012");
        assert_eq!(cal("by January 2009 the fund"), "2009-01");
        assert_eq!(cal("at 9:35 p.m. the alarm"), "21:35");
        assert_eq!(cal("about 2 a.m. a car"), "02:00");
        assert_eq!(one("at 9:35 p.m. the alarm").kind, Kind::Time);
    }

    #[test]
    fn names_numbers_and_pronouns_are_not_figures() {
        for text in [
            "an F-15 jet flew over",
            "after Covid-19 struck",
            "the G7 summit",
            "a Boeing 737 landed",
            "under Section 230 of the law",
            "call 555-1234 for tickets",
            "the 9/11 attacks",
            "open 24/7 all year",
            "one of the guards",
            "no one was hurt",
            "the 18th floor",
            "on the 400 block of Elm Street",
        ] {
            assert!(read_all(text).is_empty(), "{text:?} → {:?}", read_all(text));
        }
    }

    #[test]
    fn pathological_input_returns() {
        let digits = "7".repeat(10_000);
        let _ = extract(&digits, &Options::default());
        let millions = format!("1 {}", "million ".repeat(5_000));
        let _ = extract(&millions, &Options::default());
        let words = "one million ".repeat(5_000);
        let _ = extract(&words, &Options::default());
        let no_spaces = "ab1-2/3,4.5$%".repeat(1_000_000 / 13);
        assert!(no_spaces.len() > 900_000);
        let _ = extract(&no_spaces, &Options::default());
        let dashes = "1-".repeat(500_000);
        let _ = extract(&dashes, &Options::default());
        let letters = "x".repeat(1_000_000);
        assert!(extract(&letters, &Options::default()).is_empty());
    }
}

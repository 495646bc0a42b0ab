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
use serde::Serialize;

/// What sort of quantity a figure is (SPEC §7: the JSON `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    Exact,
    Approx,
    Lower,
    Upper,
    Range,
}

/// The closed interval of values a hedged figure allows; `None` is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
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

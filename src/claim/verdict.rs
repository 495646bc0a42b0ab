//! The verdict on two figures of one claim (SPEC §4): both are read into one unit as
//! intervals — allowing for the rounding a unit conversion implies, named time zones,
//! "N other" as N+1, and ages as the year of life they name — then compared:
//! disjoint is a conflict, overlapping with different stated values differs.

use super::calendar::parse_day;
use super::FigureContext;
use crate::figure::{Bound, Figure, Kind, Value};

/// How two figures of one claim stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judgement {
    Agree,
    Differs,
    Conflict,
}

/// What a figure is measured in, after conversion: only equal dimensions compare.
#[derive(Clone, Debug, PartialEq)]
pub enum Dimension {
    Count,
    Money(String),
    Seconds,
    Metres,
    Kilograms,
    Percent,
    /// Years of age.
    Age,
    Date,
    /// Minutes after midnight.
    Clock,
    Other(String),
}

/// The key under which figures may be compared at all ("count", "money:USD").
pub fn dimension(figure: &Figure) -> Dimension {
    let unit = figure.unit.as_deref().unwrap_or("");
    match figure.kind {
        Kind::Count => Dimension::Count,
        Kind::Money => Dimension::Money(unit.to_string()),
        Kind::Duration => Dimension::Seconds,
        Kind::Percent => Dimension::Percent,
        Kind::Age => Dimension::Age,
        Kind::Date => Dimension::Date,
        Kind::Time => Dimension::Clock,
        Kind::Measure => match unit_scale(unit) {
            Some((d, _, _)) => d,
            None => Dimension::Other(unit.to_string()),
        },
    }
}

pub fn dimension_tag(figure: &Figure) -> String {
    match dimension(figure) {
        Dimension::Money(c) => format!("money:{c}"),
        Dimension::Other(u) => format!("measure:{u}"),
        d => format!("{d:?}").to_lowercase(),
    }
}

/// Dimension and the factor range (low, high) of one unit in base units. A "ton" is
/// short, long or metric: prose does not say which.
fn unit_scale(unit: &str) -> Option<(Dimension, f64, f64)> {
    let m = |f: f64| Some((Dimension::Metres, f, f));
    let kg = |f: f64| Some((Dimension::Kilograms, f, f));
    match unit {
        "m" | "meter" | "metre" => m(1.0),
        "km" | "kilometer" | "kilometre" => m(1000.0),
        "cm" => m(0.01),
        "mm" => m(0.001),
        "foot" | "ft" => m(0.3048),
        "inch" => m(0.0254),
        "yard" => m(0.9144),
        "mile" => m(1609.344),
        "nautical mile" => m(1852.0),
        "kg" => kg(1.0),
        "g" => kg(0.001),
        "tonne" | "t" | "metric ton" => kg(1000.0),
        "ton" => Some((Dimension::Kilograms, 907.18474, 1016.0469)),
        "pound" | "lb" => kg(0.45359237),
        "ounce" | "oz" => kg(0.028349523),
        _ => None,
    }
}

fn seconds(unit: &str) -> Option<f64> {
    Some(match unit {
        "second" => 1.0,
        "minute" => 60.0,
        "hour" => 3600.0,
        "day" => 86400.0,
        "week" => 604800.0,
        "month" => 2629800.0,
        "year" => 31557600.0,
        _ => return None,
    })
}

/// A figure as an interval in base units, with its stated value and unit.
#[derive(Clone, Debug, PartialEq)]
struct Reading {
    low: f64,
    high: f64,
    /// Half-open at the top (an age of 24 is any time in the 25th year).
    open_high: bool,
    nominal: Option<f64>,
    /// A bound ("more than", "up to"): it may contain another value without differing.
    bound_only: bool,
    unit: String,
}

/// Half the last significant place of a stated value: 12.4 → 0.05, 500 → 50, 41 → 0.5.
fn rounding(v: f64) -> f64 {
    let v = v.abs();
    if v == 0.0 {
        return 0.5;
    }
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if let Some((_, frac)) = s.split_once('.') {
        return 0.5 * 10f64.powi(-(frac.len() as i32));
    }
    let zeros = s.chars().rev().take_while(|&c| c == '0').count();
    0.5 * 10f64.powi(zeros as i32)
}

fn read_number(figure: &Figure, ctx: &FigureContext, converting: bool) -> Option<Reading> {
    let value = figure.value.number()?;
    let unit = figure.unit.clone().unwrap_or_default();
    let (mut lo_f, mut hi_f) = (1.0, 1.0);
    match figure.kind {
        Kind::Duration => {
            let s = seconds(&unit)?;
            lo_f = s;
            hi_f = s;
        }
        Kind::Measure => {
            if let Some((_, l, h)) = unit_scale(&unit) {
                lo_f = l;
                hi_f = h;
            }
        }
        Kind::Age => {
            let s = match unit.as_str() {
                "month" => 1.0 / 12.0,
                "week" => 1.0 / 52.0,
                "day" => 1.0 / 365.25,
                _ => 1.0,
            };
            lo_f = s;
            hi_f = s;
        }
        _ => {}
    }
    let shift = if ctx.others { 1.0 } else { 0.0 };
    let mut low = figure.interval.low.map_or(f64::NEG_INFINITY, |l| l + shift);
    let mut high = figure.interval.high.map_or(f64::INFINITY, |h| h + shift);
    let mut open_high = false;
    if figure.kind == Kind::Age && figure.bound == Bound::Exact {
        // "24-year-old": from the 24th birthday up to the 25th.
        high = value + 1.0;
        open_high = true;
    }
    if converting && figure.bound == Bound::Exact && figure.kind != Kind::Age {
        let r = rounding(value);
        low -= r;
        high += r;
    }
    low *= lo_f;
    high *= hi_f;
    Some(Reading {
        low,
        high,
        open_high,
        nominal: Some(value + shift),
        bound_only: matches!(figure.bound, Bound::Lower | Bound::Upper),
        unit,
    })
}

/// Judges two numeric figures already known to measure one quantity.
fn judge_numbers(
    a: &Figure,
    actx: &FigureContext,
    b: &Figure,
    bctx: &FigureContext,
) -> Option<Judgement> {
    if dimension(a) != dimension(b) {
        return None;
    }
    let converting = a.unit != b.unit && a.kind != Kind::Age;
    let ra = read_number(a, actx, converting)?;
    let rb = read_number(b, bctx, converting)?;
    let disjoint = if ra.open_high || rb.open_high {
        ra.high <= rb.low || rb.high <= ra.low
    } else {
        ra.high < rb.low || rb.high < ra.low
    };
    if disjoint {
        return Some(Judgement::Conflict);
    }
    let differs = ra.unit == rb.unit
        && !ra.bound_only
        && !rb.bound_only
        && ra.nominal != rb.nominal
        && a.kind != Kind::Age;
    Some(if differs {
        Judgement::Differs
    } else {
        Judgement::Agree
    })
}

fn judge_days(a: &Figure, b: &Figure) -> Option<Judgement> {
    let (Value::Calendar(va), Value::Calendar(vb)) = (&a.value, &b.value) else {
        return None;
    };
    let da = parse_day(va)?;
    let db = parse_day(vb)?;
    let mut compared = false;
    let fields = [
        (da.year.map(|y| y as i64), db.year.map(|y| y as i64)),
        (da.month.map(i64::from), db.month.map(i64::from)),
    ];
    for (x, y) in fields {
        if let (Some(x), Some(y)) = (x, y) {
            compared = true;
            if x != y {
                return Some(Judgement::Conflict);
            }
        }
    }
    if let (Some(x), Some(y), true) = (da.day, db.day, da.month.is_some() && db.month.is_some()) {
        compared = true;
        if x != y {
            return Some(if x.abs_diff(y) == 1 {
                Judgement::Differs
            } else {
                Judgement::Conflict
            });
        }
    }
    if let (Some(x), Some(y)) = (da.weekday, db.weekday) {
        compared = true;
        if x != y {
            // Late one night and early the next morning are easily told either way.
            let gap = x.abs_diff(y);
            return Some(if gap == 1 || gap == 6 {
                Judgement::Differs
            } else {
                Judgement::Conflict
            });
        }
    }
    compared.then_some(Judgement::Agree)
}

/// Minutes after midnight of a clock value ("T21:40", "21:40").
fn parse_clock(value: &str) -> Option<i32> {
    let v = value.trim().trim_start_matches('T');
    let (h, m) = v.split_once(':')?;
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.get(..2).unwrap_or(m).parse().ok()?;
    ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

fn judge_clocks(
    a: &Figure,
    actx: &FigureContext,
    b: &Figure,
    bctx: &FigureContext,
) -> Option<Judgement> {
    let (Value::Calendar(va), Value::Calendar(vb)) = (&a.value, &b.value) else {
        return None;
    };
    let (ma, mb) = (parse_clock(va)?, parse_clock(vb)?);
    // Times compare only both in one named zone, both in none, or both converted.
    let slack = match (actx.zone, bctx.zone) {
        (Some(_), Some(_)) => 60,
        (None, None) => 0,
        _ => return None,
    };
    let band = |f: &Figure, m: i32| -> (i32, i32) {
        match f.bound {
            Bound::Exact | Bound::Range => (m, m),
            Bound::Approx => (m - 15, m + 15),
            Bound::Lower => (m, m + 45),
            Bound::Upper => (m - 45, m),
        }
    };
    let (la, ha) = band(a, ma - actx.zone.unwrap_or(0));
    let (lb, hb) = band(b, mb - bctx.zone.unwrap_or(0));
    // Compare on the circle of a day.
    let gap = |x: i32, y: i32| {
        let d = (x - y).rem_euclid(1440);
        d.min(1440 - d)
    };
    let centre_gap = gap((la + ha) / 2, (lb + hb) / 2);
    let half = (ha - la) / 2 + (hb - lb) / 2 + slack;
    if centre_gap > half {
        Some(Judgement::Conflict)
    } else if va != vb && slack == 0 && a.bound != Bound::Lower && b.bound != Bound::Lower {
        Some(Judgement::Differs)
    } else {
        Some(Judgement::Agree)
    }
}

/// The verdict on two figures of one claim, or `None` when they cannot be compared.
pub fn judge(
    a: &Figure,
    actx: &FigureContext,
    b: &Figure,
    bctx: &FigureContext,
) -> Option<Judgement> {
    match (a.kind, b.kind) {
        (Kind::Date, Kind::Date) => judge_days(a, b),
        (Kind::Time, Kind::Time) => judge_clocks(a, actx, b, bctx),
        (Kind::Date | Kind::Time, _) | (_, Kind::Date | Kind::Time) => None,
        _ => judge_numbers(a, actx, b, bctx),
    }
}

/// A number in a figure's own base unit, for comparing magnitudes before any claim is
/// formed (None for calendar values).
pub fn magnitude(figure: &Figure) -> Option<f64> {
    let v = figure.value.number()?;
    let unit = figure.unit.as_deref().unwrap_or("");
    Some(match figure.kind {
        Kind::Duration => v * seconds(unit).unwrap_or(1.0),
        Kind::Measure => v * unit_scale(unit).map_or(1.0, |s| (s.1 + s.2) / 2.0),
        Kind::Age if unit == "month" => v / 12.0,
        _ => v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::Interval;
    use crate::span::ByteSpan;

    fn num(kind: Kind, v: f64, unit: &str, bound: Bound) -> Figure {
        let interval = match bound {
            Bound::Lower => Interval {
                low: Some(v),
                high: None,
            },
            Bound::Upper => Interval {
                low: None,
                high: Some(v),
            },
            Bound::Approx => Interval {
                low: Some(v * 0.9),
                high: Some(v * 1.1),
            },
            _ => Interval::exact(v),
        };
        Figure {
            span: ByteSpan::default(),
            kind,
            value: Value::Number(v),
            unit: Some(unit.into()),
            bound,
            interval,
            hedge: None,
        }
    }

    fn cal(kind: Kind, v: &str, bound: Bound) -> Figure {
        Figure {
            span: ByteSpan::default(),
            kind,
            value: Value::Calendar(v.into()),
            unit: None,
            bound,
            interval: Interval::default(),
            hedge: None,
        }
    }

    fn j(a: &Figure, b: &Figure) -> Option<Judgement> {
        judge(a, &FigureContext::default(), b, &FigureContext::default())
    }

    #[test]
    fn exact_durations_disjoint_conflict() {
        let a = num(Kind::Duration, 2.0, "hour", Bound::Exact);
        let b = num(Kind::Duration, 2.5, "hour", Bound::Exact);
        assert_eq!(j(&a, &b), Some(Judgement::Conflict));
        let c = num(Kind::Duration, 120.0, "minute", Bound::Exact);
        assert_eq!(j(&a, &c), Some(Judgement::Agree));
    }

    #[test]
    fn overlapping_approximations_differ_and_bounds_contain() {
        let a = num(Kind::Count, 1.4e6, "person", Bound::Approx);
        let b = num(Kind::Count, 1.5e6, "person", Bound::Approx);
        assert_eq!(j(&a, &b), Some(Judgement::Differs));
        let over = num(Kind::Count, 1e6, "person", Bound::Lower);
        assert_eq!(j(&a, &over), Some(Judgement::Agree));
    }

    #[test]
    fn unit_conversion_allows_rounding() {
        let m = num(Kind::Measure, 12.4, "m", Bound::Exact);
        let ft = num(Kind::Measure, 41.0, "foot", Bound::Exact);
        assert_eq!(j(&m, &ft), Some(Judgement::Agree));
        let tons = num(Kind::Measure, 24.0, "ton", Bound::Exact);
        let pounds = num(Kind::Measure, 42_000.0, "pound", Bound::Exact);
        assert_eq!(j(&tons, &pounds), Some(Judgement::Conflict));
    }

    #[test]
    fn ages_are_years_of_life() {
        let a = num(Kind::Age, 24.0, "year", Bound::Exact);
        let b = num(Kind::Age, 25.0, "year", Bound::Exact);
        assert_eq!(j(&a, &b), Some(Judgement::Conflict));
        let months = num(Kind::Age, 22.0, "month", Bound::Exact);
        let one = num(Kind::Age, 1.0, "year", Bound::Exact);
        let two = num(Kind::Age, 2.0, "year", Bound::Exact);
        assert_eq!(j(&months, &one), Some(Judgement::Agree));
        assert_eq!(j(&months, &two), Some(Judgement::Conflict));
    }

    #[test]
    fn n_other_counts_one_more() {
        let a = num(Kind::Count, 16.0, "nation", Bound::Exact);
        let b = num(Kind::Count, 15.0, "nation", Bound::Exact);
        let others = FigureContext {
            others: true,
            ..FigureContext::default()
        };
        assert_eq!(
            judge(&a, &FigureContext::default(), &b, &others),
            Some(Judgement::Agree)
        );
    }

    #[test]
    fn weekdays_dates_and_zones() {
        let sun = cal(Kind::Date, "XXXX-WXX-7", Bound::Exact);
        let mon = cal(Kind::Date, "Monday", Bound::Exact);
        let fri = cal(Kind::Date, "XXXX-WXX-5", Bound::Exact);
        assert_eq!(j(&sun, &mon), Some(Judgement::Differs));
        assert_eq!(j(&sun, &fri), Some(Judgement::Conflict));
        // 2013-04-21 was a Sunday.
        let date = cal(Kind::Date, "2013-04-21", Bound::Exact);
        assert_eq!(j(&sun, &date), Some(Judgement::Agree));
        let moscow = cal(Kind::Time, "T09:40", Bound::Exact);
        let eastern = cal(Kind::Time, "T01:40", Bound::Exact);
        let zone = |z| FigureContext {
            zone: Some(z),
            ..FigureContext::default()
        };
        assert_eq!(
            judge(&moscow, &zone(180), &eastern, &zone(-300)),
            Some(Judgement::Agree)
        );
    }
}

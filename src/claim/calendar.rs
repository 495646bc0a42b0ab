//! Calendar values as the claim layer compares them: a date known in part ("March 3",
//! "Sunday", "2016-04-17"), and a bare weekday resolved against the article's own date
//! (its publication or dateline), so that "Sunday" in one report can be held against
//! "April 17" in another.

use crate::figure::{Figure, Kind, Value};
use std::borrow::Cow;

/// A calendar value as far as it is known.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Day {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: Option<u32>,
}

/// Weekday names, Monday first (ISO weekday 1).
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn parse_day(value: &str) -> Option<Day> {
    let v = value.trim().to_lowercase();
    if let Some(i) = WEEKDAY_NAMES
        .iter()
        .position(|w| w.eq_ignore_ascii_case(&v))
    {
        return Some(Day {
            weekday: Some(i as u32 + 1),
            ..Day::default()
        });
    }
    // ISO week form for a weekday: XXXX-WXX-4.
    if let Some(rest) = v.strip_prefix("xxxx-wxx-") {
        let w: u32 = rest.parse().ok()?;
        return (1..=7).contains(&w).then_some(Day {
            weekday: Some(w),
            ..Day::default()
        });
    }
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let mut d = Day::default();
    match parts.as_slice() {
        [y] => d.year = y.parse().ok().filter(|_| y.len() == 4),
        ["", "", m] => d.month = num(m),
        ["", "", m, day] => {
            d.month = num(m);
            d.day = num(day);
        }
        [y, m] => {
            d.year = y.parse().ok();
            d.month = num(m);
        }
        [y, m, day] => {
            d.year = y.parse().ok();
            d.month = num(m);
            d.day = num(day);
        }
        _ => return None,
    }
    if d.year.is_none() && d.month.is_none() {
        return None;
    }
    if let (Some(y), Some(m), Some(dd)) = (d.year, d.month, d.day) {
        d.weekday = Some(weekday(y, m, dd));
    }
    Some(d)
}

/// ISO weekday (1 = Monday) of a Gregorian date.
fn weekday(y: i32, m: u32, d: u32) -> u32 {
    // Sakamoto's method; result 0 = Sunday.
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let w = (y + y / 4 - y / 100 + y / 400 + T[(m as usize + 11) % 12] + d as i32).rem_euclid(7);
    if w == 0 {
        7
    } else {
        w as u32
    }
}

/// Days since 1970-01-01 of a Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// A complete date: the reference a weekday is resolved against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FullDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl FullDate {
    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    pub fn of(figure: &Figure) -> Option<FullDate> {
        let Value::Calendar(v) = &figure.value else {
            return None;
        };
        let d = parse_day(v)?;
        Some(FullDate {
            year: d.year?,
            month: d.month?,
            day: d.day?,
        })
    }
}

/// Which way a bare weekday points from the article's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    /// "was shot Sunday": the last such day, the reference day included.
    Past,
    /// "will meet Monday", "next Monday": the coming such day.
    Future,
}

/// Words just before a weekday that point it forward.
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "next",
    "upcoming",
    "scheduled",
    "expected",
    "planned",
    "plans",
    "due",
    "coming",
    "until",
];

/// The tense of a weekday from the words of its clause before it (`before`).
pub fn tense_before(before: &str) -> Tense {
    let clause = before.rsplit(['.', ';', '\n']).next().unwrap_or(before);
    let future = clause
        .split(|c: char| !c.is_alphanumeric())
        .rev()
        .take(8)
        .any(|w| FUTURE_MARKERS.iter().any(|m| w.eq_ignore_ascii_case(m)));
    if future {
        Tense::Future
    } else {
        Tense::Past
    }
}

/// A bare weekday ("Sunday") as the date it names from `reference`, as an ISO date;
/// any other figure is returned as it is. News writes a weekday for a day within the
/// week around its own date: the last one for what happened, the next for what will.
pub fn resolve<'f>(figure: Cow<'f, Figure>, reference: FullDate, tense: Tense) -> Cow<'f, Figure> {
    let Value::Calendar(v) = &figure.value else {
        return figure;
    };
    let Some(Day {
        weekday: Some(want),
        year: None,
        month: None,
        ..
    }) = parse_day(v)
    else {
        return figure;
    };
    if figure.kind != Kind::Date {
        return figure;
    }
    let base = days_from_civil(reference.year, reference.month, reference.day);
    let have = i64::from(weekday(reference.year, reference.month, reference.day));
    let want = i64::from(want);
    let shift = match tense {
        Tense::Past => -(have - want).rem_euclid(7),
        Tense::Future => (want - have - 1).rem_euclid(7) + 1,
    };
    let (y, m, d) = civil_from_days(base + shift);
    let mut resolved = figure.into_owned();
    resolved.value = Value::Calendar(format!("{y:04}-{m:02}-{d:02}"));
    Cow::Owned(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::{Bound, Interval};
    use crate::span::ByteSpan;

    fn day(v: &str) -> Figure {
        Figure {
            span: ByteSpan::default(),
            kind: Kind::Date,
            value: Value::Calendar(v.into()),
            unit: None,
            bound: Bound::Exact,
            interval: Interval::default(),
            hedge: None,
        }
    }

    fn resolved(v: &str, tense: Tense) -> String {
        // Tuesday 19 April 2016.
        let r = FullDate {
            year: 2016,
            month: 4,
            day: 19,
        };
        match resolve(Cow::Owned(day(v)), r, tense).into_owned().value {
            Value::Calendar(c) => c,
            Value::Number(_) => unreachable!(),
        }
    }

    #[test]
    fn a_weekday_names_the_last_such_day_or_the_next_one() {
        assert_eq!(resolved("XXXX-WXX-7", Tense::Past), "2016-04-17");
        assert_eq!(resolved("Monday", Tense::Past), "2016-04-18");
        assert_eq!(resolved("XXXX-WXX-2", Tense::Past), "2016-04-19");
        assert_eq!(resolved("XXXX-WXX-2", Tense::Future), "2016-04-26");
        assert_eq!(resolved("XXXX-WXX-1", Tense::Future), "2016-04-25");
        // Across a month and a year end.
        let r = FullDate {
            year: 2024,
            month: 1,
            day: 1,
        };
        let v = resolve(Cow::Owned(day("Saturday")), r, Tense::Past);
        assert_eq!(v.value, Value::Calendar("2023-12-30".into()));
        // Dates already known are left alone.
        assert_eq!(resolved("--03-03", Tense::Past), "--03-03");
    }

    #[test]
    fn the_tense_comes_from_the_words_before() {
        assert_eq!(
            tense_before("The two sides will meet again on"),
            Tense::Future
        );
        assert_eq!(tense_before("Talks are scheduled for"), Tense::Future);
        assert_eq!(
            tense_before("He will speak. Police said he was shot"),
            Tense::Past
        );
        assert_eq!(tense_before("The man was arrested"), Tense::Past);
    }

    #[test]
    fn day_counts_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2016, 4, 17), (1999, 12, 31)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_civil(1970, 1, 2), 1);
    }
}

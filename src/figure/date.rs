//! Dates and clock times as written: `March 29, 2024` → `2024-03-29`, `Oct. 7` →
//! `--10-07`, `7 October 2023`, `January 2009` → `2009-01`, `November` → `--11`,
//! `Monday` → `Monday`, bare years `2012`, decades `1990s`, year ranges `2009 to 2013`
//! → `2009/2013`; times `9:35 p.m.` → `21:35`, `10 p.m.`, `0640 GMT`, `noon`. Values
//! are the gold annotations' ISO-like forms; resolving them against the article's
//! dateline is left to the claim layer.

use super::lexicon::{month, weekday, Hedge};
use super::scan::{pre_hedge, Cx};
use super::token::Class;
use super::{Bound, Figure, Interval, Kind, Reading, Value};
use crate::span::ByteSpan;

fn push(
    cx: &Cx,
    first: usize,
    end: usize,
    kind: Kind,
    value: String,
    out: &mut Vec<Reading>,
) -> usize {
    let mut hs = None;
    let mut fig = Figure {
        span: ByteSpan::new(cx.toks[first].start, cx.toks[end - 1].end),
        kind,
        value: Value::Calendar(value),
        unit: None,
        bound: Bound::Exact,
        interval: Interval::default(),
        hedge: None,
    };
    let hedge = pre_hedge(cx, first).or_else(|| {
        let mut buf = [0u8; 24];
        (first > 0
            && matches!(
                cx.lower(first - 1, &mut buf),
                "early" | "late" | "mid" | "since" | "until" | "before" | "after"
            ))
        .then(|| (Hedge::Approx, first - 1))
    });
    if let Some((h, start)) = hedge {
        fig.bound = match h {
            Hedge::Approx | Hedge::Below => Bound::Approx,
            Hedge::Exact => Bound::Exact,
            Hedge::Lower => Bound::Lower,
            Hedge::Upper => Bound::Upper,
        };
        let mut s = String::new();
        for k in start..first {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&cx.s(k).to_lowercase());
        }
        fig.hedge = Some(s);
        hs = Some(ByteSpan::new(cx.toks[start].start, cx.toks[first - 1].end));
    }
    out.push(Reading {
        figure: fig,
        hedge_span: hs,
    });
    end
}

/// A plain run of digits at `i` and its value.
fn int_at(cx: &Cx, i: usize) -> Option<(u32, usize)> {
    let s = cx.s(i);
    if cx.class(i) != Some(Class::Num) || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((s.parse().ok()?, s.len()))
}

/// A day of the month at `i` (`7`, `7th`): the day and the token after it.
fn day_at(cx: &Cx, i: usize) -> Option<(u32, usize)> {
    let (d, len) = int_at(cx, i)?;
    if !(1..=31).contains(&d) || len > 2 {
        return None;
    }
    let mut buf = [0u8; 24];
    let next = if cx.word(i + 1)
        && !cx.gap(i + 1)
        && matches!(cx.lower(i + 1, &mut buf), "st" | "nd" | "rd" | "th")
    {
        i + 2
    } else if cx.word(i + 1) && !cx.gap(i + 1) {
        return None;
    } else {
        i + 1
    };
    Some((d, next))
}

/// A year at `i` (`2024`): the year and the token after it.
fn year_at(cx: &Cx, i: usize) -> Option<(u32, usize)> {
    let (y, len) = int_at(cx, i)?;
    if len != 4 || !(1000..=2999).contains(&y) || cx.word(i + 1) && !cx.gap(i + 1) {
        return None;
    }
    Some((y, i + 1))
}

/// A date or weekday starting at the capitalised word `i` (lower-cased `w`).
pub(crate) fn at_word(cx: &Cx, i: usize, w: &str, out: &mut Vec<Reading>) -> Option<usize> {
    if let Some(day) = weekday(w) {
        // `Wednesday, June 22, 2016` is one date.
        let mut j = i + 1;
        if cx.punct(j, ',') {
            j += 1;
        }
        if cx.capitalized(j) {
            let mut buf = [0u8; 24];
            let w2 = cx.lower(j, &mut buf).to_string();
            if let Some((value, end)) = month_date(cx, j, &w2) {
                return Some(push(cx, i, end, Kind::Date, value, out));
            }
        }
        return Some(push(cx, i, i + 1, Kind::Date, day.to_string(), out));
    }
    if let Some((md, end)) = holiday(cx, i, w) {
        if let Some((y, e)) = year_at(cx, end) {
            return Some(push(cx, i, e, Kind::Date, format!("{y:04}-{md}"), out));
        }
        return Some(push(cx, i, end, Kind::Date, format!("--{md}"), out));
    }
    let (value, end) = month_date(cx, i, w)?;
    // `July or August`: a range of months.
    if value.len() == 4
        && (cx.is(end, "or") || cx.is(end, "to") || cx.dash(end))
        && cx.capitalized(end + 1)
    {
        let mut buf = [0u8; 24];
        let w2 = cx.lower(end + 1, &mut buf).to_string();
        if let Some((v2, e2)) = month_date(cx, end + 1, &w2).filter(|v| v.0.len() == 4) {
            return Some(push(cx, i, e2, Kind::Date, format!("{value}/{v2}"), out));
        }
    }
    Some(push(cx, i, end, Kind::Date, value, out))
}

/// Fixed-date holidays (`New Year's Day`, `Christmas Day`): month-day and the end.
fn holiday(cx: &Cx, i: usize, w: &str) -> Option<(&'static str, usize)> {
    // The words after `i`, skipping a possessive `'s` and a plural `s`.
    let mut words = [""; 3];
    let mut k = i + 1;
    for slot in words.iter_mut() {
        if (cx.punct(k, '’') || cx.punct(k, '\'')) && cx.is(k + 1, "s") {
            k += 2;
        }
        if !cx.capitalized(k) {
            break;
        }
        *slot = cx.s(k);
        k += 1;
    }
    let is = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let (md, n) = match w {
        "new" if (is(words[0], "year") || is(words[0], "years")) && is(words[1], "day") => {
            ("01-01", 2)
        }
        "new" if (is(words[0], "year") || is(words[0], "years")) && is(words[1], "eve") => {
            ("12-31", 2)
        }
        "christmas" if is(words[0], "day") => ("12-25", 1),
        "christmas" if is(words[0], "eve") => ("12-24", 1),
        "independence" if is(words[0], "day") => ("07-04", 1),
        "valentine" | "valentines" if is(words[0], "day") => ("02-14", 1),
        "halloween" => ("10-31", 0),
        "boxing" if is(words[0], "day") => ("12-26", 1),
        _ => return None,
    };
    // Find the token after the n-th word again (possessives skipped).
    let mut end = i + 1;
    let mut seen = 0;
    while seen < n {
        if (cx.punct(end, '’') || cx.punct(end, '\'')) && cx.is(end + 1, "s") {
            end += 2;
        }
        end += 1;
        seen += 1;
    }
    Some((md, end))
}

/// `March 29, 2024`, `Oct. 7`, `January 2009`, `November` at token `i`.
fn month_date(cx: &Cx, i: usize, w: &str) -> Option<(String, usize)> {
    let (m, abbrev) = month(w)?;
    let mut j = i + 1;
    let dotted = abbrev && cx.punct_attached(j, '.');
    if dotted {
        j += 1;
    }
    if let Some((d, after)) = day_at(cx, j) {
        // Not `May 5 percent`: a day is not followed by a unit or a count noun.
        let mut k = after;
        let comma = cx.punct(k, ',');
        if comma {
            k += 1;
        }
        if let Some((y, end)) = year_at(cx, k) {
            return Some((format!("{y:04}-{m:02}-{d:02}"), end));
        }
        return Some((format!("--{m:02}-{d:02}"), after));
    }
    if let Some((y, end)) = year_at(cx, j) {
        return Some((format!("{y:04}-{m:02}"), end));
    }
    if cx.is(j, "of") {
        if let Some((y, end)) = year_at(cx, j + 1) {
            return Some((format!("{y:04}-{m:02}"), end));
        }
    }
    if abbrev && !dotted {
        return None;
    }
    // A month alone. `May` and `March` are also words: only after a preposition.
    if m == 5 || m == 3 && !abbrev {
        let mut buf = [0u8; 24];
        let p = if i > 0 { cx.lower(i - 1, &mut buf) } else { "" };
        if !matches!(
            p,
            "in" | "since"
                | "until"
                | "by"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "of"
                | "through"
                | "from"
                | "before"
                | "after"
                | "-"
                | "and"
                | "or"
                | "to"
                | "between"
                | "during"
                | "till"
        ) {
            return None;
        }
    }
    if abbrev && dotted && j < cx.toks.len() && !cx.gap(j) {
        return None;
    }
    Some((format!("--{m:02}"), if dotted { j } else { i + 1 }))
}

/// `noon` and `midnight` as clock times.
pub(crate) fn noon(cx: &Cx, i: usize, w: &str, out: &mut Vec<Reading>) -> usize {
    let value = if w == "noon" { "12:00" } else { "00:00" };
    push(cx, i, i + 1, Kind::Time, value.to_string(), out)
}

/// `a.m.`/`p.m.` at `i`: whether it is p.m., and the token after it.
fn meridiem(cx: &Cx, i: usize) -> Option<(bool, usize)> {
    let mut buf = [0u8; 24];
    match cx.lower(i, &mut buf) {
        "a.m." | "am" | "a.m" => Some((false, i + 1)),
        "p.m." | "pm" | "p.m" => Some((true, i + 1)),
        "a" | "p" if cx.punct_attached(i + 1, '.') && cx.is(i + 2, "m") => {
            let pm = cx.is(i, "p");
            Some((pm, i + 3 + usize::from(cx.punct_attached(i + 3, '.'))))
        }
        _ => None,
    }
}

/// A time zone or `local time` after a clock time: the token after it.
fn zone(cx: &Cx, i: usize) -> Option<usize> {
    let mut buf = [0u8; 24];
    match cx.lower(i, &mut buf) {
        "gmt" | "utc" | "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "et"
        | "pt" | "bst" | "cet" => Some(i + 1),
        _ if cx.capitalized(i) && cx.is(i + 1, "time") => Some(i + 2),
        "local" if cx.is(i + 1, "time") => Some(i + 2),
        _ => None,
    }
}

/// A clock time, day-month date, decade or year starting at digits `i`.
pub(crate) fn at_num(cx: &Cx, i: usize, out: &mut Vec<Reading>) -> Option<usize> {
    let (v, len) = int_at(cx, i)?;
    if i > 0 && !cx.gap(i) && (cx.word(i - 1) || cx.class(i - 1) == Some(Class::Num)) {
        return None;
    }
    // `9:35 p.m.`, `12:30 PM`, `9:40 Moscow time`
    if len <= 2 && v <= 24 && cx.punct_attached(i + 1, ':') && !cx.gap(i + 2) {
        if let Some((mm, 2)) = int_at(cx, i + 2) {
            if mm < 60 {
                let mut h = v;
                let mut end = i + 3;
                if let Some((pm, e)) = meridiem(cx, end) {
                    h = twelve(h, pm);
                    end = e;
                }
                if let Some(e) = zone(cx, end) {
                    end = e;
                }
                return Some(push(cx, i, end, Kind::Time, format!("{h:02}:{mm:02}"), out));
            }
        }
        return None;
    }
    // `10 p.m.`
    if len <= 2 && (1..=12).contains(&v) {
        if let Some((pm, end)) = meridiem(cx, i + 1) {
            let end = zone(cx, end).unwrap_or(end);
            return Some(push(
                cx,
                i,
                end,
                Kind::Time,
                format!("{:02}:00", twelve(v, pm)),
                out,
            ));
        }
    }
    // `0640 GMT`
    if len == 4 && v % 100 < 60 && v / 100 < 24 {
        if let Some(end) =
            zone(cx, i + 1).filter(|_| !cx.capitalized(i + 1) || cx.s(i + 1).len() <= 3)
        {
            return Some(push(
                cx,
                i,
                end,
                Kind::Time,
                format!("{:02}:{:02}", v / 100, v % 100),
                out,
            ));
        }
    }
    // Decades: `1990s`, `’90s`.
    if cx.is(i + 1, "s") && !cx.gap(i + 1) && v % 10 == 0 {
        if len == 4 {
            return Some(push(cx, i, i + 2, Kind::Date, format!("{v}s"), out));
        }
        if len == 2 && i > 0 && (cx.punct(i - 1, '’') || cx.punct(i - 1, '\'')) && !cx.gap(i) {
            return Some(push(cx, i, i + 2, Kind::Date, format!("19{v}s"), out));
        }
        if len == 2 && i > 0 {
            return decade_age(cx, i, v, out);
        }
        return None;
    }
    // `the ’90 season`: a year cut to two digits.
    if len == 2
        && i > 0
        && !cx.gap(i)
        && (cx.punct(i - 1, '’') || cx.punct(i - 1, '\''))
        && !cx.word(i + 1)
    {
        let year = if v >= 30 { 1900 + v } else { 2000 + v };
        return Some(push(cx, i, i + 1, Kind::Date, year.to_string(), out));
    }
    // `7 October 2023`, `29th of March`
    if let Some((d, mut j)) = day_at(cx, i) {
        if cx.is(j, "of") {
            j += 1;
        }
        if cx.capitalized(j) {
            let mut buf = [0u8; 24];
            if let Some((m, abbrev)) = month(cx.lower(j, &mut buf)) {
                let mut end = j + 1;
                if abbrev && cx.punct_attached(end, '.') {
                    end += 1;
                }
                if !abbrev || end > j + 1 || cx.gap(end) {
                    if let Some((y, e)) = year_at(cx, end) {
                        return Some(push(
                            cx,
                            i,
                            e,
                            Kind::Date,
                            format!("{y:04}-{m:02}-{d:02}"),
                            out,
                        ));
                    }
                    return Some(push(
                        cx,
                        i,
                        end,
                        Kind::Date,
                        format!("--{m:02}-{d:02}"),
                        out,
                    ));
                }
            }
        }
    }
    // Bare years, and year ranges `2009 to 2013`, `2005-08`, `between 2005 and 2008`.
    if len == 4 && (1800..=2099).contains(&v) && is_year(cx, i) {
        let between = i > 0 && cx.is(i - 1, "between");
        let joiner = |k: usize| {
            cx.dash(k) && !cx.gap(k)
                || cx.is(k, "to")
                || cx.is(k, "through")
                || between && cx.is(k, "and")
        };
        if joiner(i + 1) {
            if let Some((y2, l2)) = int_at(cx, i + 2) {
                let short = if l2 == 2 && cx.dash(i + 1) {
                    v / 100 * 100 + y2
                } else {
                    y2
                };
                if (l2 == 4 || l2 == 2) && short > v && short < v + 200 {
                    return Some(push(cx, i, i + 3, Kind::Date, format!("{v}/{short}"), out));
                }
                // ISO `1995-01`, `2024-03-29`: not a range when the second part
                // would run backwards.
                if l2 == 2 && cx.dash(i + 1) && (1..=12).contains(&y2) {
                    if cx.dash(i + 3) && !cx.gap(i + 3) {
                        if let Some((d, 2)) = int_at(cx, i + 4).filter(|d| (1..=31).contains(&d.0))
                        {
                            return Some(push(
                                cx,
                                i,
                                i + 5,
                                Kind::Date,
                                format!("{v}-{y2:02}-{d:02}"),
                                out,
                            ));
                        }
                    }
                    return Some(push(cx, i, i + 3, Kind::Date, format!("{v}-{y2:02}"), out));
                }
            }
        }
        return Some(push(cx, i, i + 1, Kind::Date, v.to_string(), out));
    }
    None
}

fn twelve(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) if h < 12 => h + 12,
        (h, _) => h,
    }
}

/// `in his early 60s`: an age range; `the 60s` alone is left alone.
fn decade_age(cx: &Cx, i: usize, v: u32, out: &mut Vec<Reading>) -> Option<usize> {
    let mut buf = [0u8; 24];
    let p = cx.lower(i - 1, &mut buf).to_string();
    let (low, high, first) = match p.as_str() {
        "early" => (v, v + 3, i),
        "mid" => (v + 3, v + 6, i),
        "late" => (v + 6, v + 9, i),
        "his" | "her" | "their" => (v, v + 9, i),
        _ => return None,
    };
    let fig = Figure {
        span: ByteSpan::new(cx.toks[first].start, cx.toks[i + 1].end),
        kind: Kind::Age,
        value: Value::Number(f64::from(low)),
        unit: Some("year".into()),
        bound: Bound::Range,
        interval: Interval {
            low: Some(f64::from(low)),
            high: Some(f64::from(high)),
        },
        hedge: matches!(p.as_str(), "early" | "mid" | "late").then(|| p.clone()),
    };
    let hs = matches!(p.as_str(), "early" | "mid" | "late")
        .then(|| ByteSpan::new(cx.toks[i - 1].start, cx.toks[i - 1].end));
    out.push(Reading {
        figure: fig,
        hedge_span: hs,
    });
    Some(i + 2)
}

/// A four-digit number reads as a year unless money, a unit or a hedge says otherwise.
fn is_year(cx: &Cx, i: usize) -> bool {
    if i > 0 {
        let p = cx.s(i - 1);
        if super::lexicon::currency_prefix(&p.to_ascii_lowercase()).is_some()
            || p == "©"
            || cx.is(i - 1, "copyright")
        {
            return false;
        }
        if pre_hedge(cx, i).is_some_and(|(_, s)| {
            !cx.is(s, "since") && !cx.is(s, "as") && !cx.is(s, "before") && !cx.is(s, "after")
        }) {
            return false;
        }
    }
    let mut buf = [0u8; 24];
    let w = cx.lower(i + 1, &mut buf);
    !(cx.punct(i + 1, '%')
        || super::lexicon::duration_unit(w).is_some()
        || super::lexicon::measure_unit(w).is_some() && w.len() > 1
        || super::lexicon::currency_word(w).is_some()
        || matches!(w, "percent" | "people" | "times" | "million" | "billion")
        || cx.dash(i + 1) && !cx.gap(i + 1) && cx.word(i + 2))
}

//! Messages a journalist reads at a glance: the quantity in words, what this article
//! says, and what the other sources say with counts and names —
//! `Meeting duration: 2 hours here; 2.5 hours in 1 other source (Reuters); 2 hours (consistent) in
//! 1 source`.

use super::calendar;
use crate::figure::{Figure, Kind, Value};

/// A figure's value in words with its hedge: "about 1.4 million people", "Sunday".
/// `written` is the figure as the article writes it: a counted noun keeps its case
/// there ("1.4 million Palestinians", not "palestinians").
pub fn value_text(figure: &Figure, written: &str) -> String {
    let body = match &figure.value {
        Value::Calendar(c) => calendar_text(c),
        Value::Number(n) => {
            let number = number_text(*n);
            match (figure.kind, figure.unit.as_deref()) {
                (Kind::Money, Some(cur)) => format!("{cur} {number}"),
                (Kind::Percent, _) => format!("{number}%"),
                (Kind::Age, Some("year") | None) => number,
                (_, Some(u)) if !u.is_empty() => {
                    let unit = if *n == 1.0 { u.to_string() } else { plural(u) };
                    format!("{number} {}", as_written(&unit, written))
                }
                _ => number,
            }
        }
    };
    match &figure.hedge {
        Some(h) => format!("{h} {body}"),
        None => body,
    }
}

/// `word` spelled as in `written` when it occurs there in another case.
fn as_written<'a>(word: &'a str, written: &'a str) -> &'a str {
    written
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| w.eq_ignore_ascii_case(word))
        .unwrap_or(word)
}

fn number_text(n: f64) -> String {
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if n.abs() >= scale {
            return format!("{} {word}", trim(n / scale));
        }
    }
    if n.fract() == 0.0 && n.abs() >= 10_000.0 {
        let digits = format!("{}", n as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        return out;
    }
    trim(n)
}

fn trim(n: f64) -> String {
    let s = format!("{n:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A date as a newsroom writes it: "Sunday", "March 3", "Sunday, April 17, 2016";
/// clock times as written ("21:40").
fn calendar_text(c: &str) -> String {
    let Some(d) = calendar::parse_day(c) else {
        return c.trim_start_matches('T').to_string();
    };
    let weekday = d
        .weekday
        .and_then(|w| calendar::WEEKDAY_NAMES.get((w as usize).wrapping_sub(1)));
    let month = d
        .month
        .and_then(|m| calendar::MONTH_NAMES.get((m as usize).wrapping_sub(1)));
    match (weekday, month, d.day, d.year) {
        (Some(w), Some(m), Some(day), Some(y)) => format!("{w}, {m} {day}, {y}"),
        (_, Some(m), Some(day), None) => format!("{m} {day}"),
        (_, Some(m), None, Some(y)) => format!("{m} {y}"),
        (Some(w), None, None, None) => (*w).to_string(),
        _ => c.to_string(),
    }
}

fn plural(unit: &str) -> String {
    match unit {
        "person" => "people".into(),
        "man" => "men".into(),
        "woman" => "women".into(),
        "child" => "children".into(),
        "foot" => "feet".into(),
        "percent" | "USD" | "EUR" | "GBP" => unit.into(),
        u if u.ends_with('y') && !u.ends_with("ey") && !u.ends_with("ay") => {
            format!("{}ies", &u[..u.len() - 1])
        }
        u if u.ends_with('s') || u.ends_with("ch") || u.ends_with("sh") => format!("{u}es"),
        u => format!("{u}s"),
    }
}

/// One group of other sources stating one value.
pub struct Group<'a> {
    pub value: String,
    pub labels: Vec<&'a str>,
    pub agrees: bool,
}

/// The one-line message for a figure that disagrees with other sources.
pub fn disagreement(quantity: &str, here: &str, groups: &[Group<'_>]) -> String {
    let mut out = format!("{quantity}: {here} here");
    for g in groups.iter().filter(|g| !g.agrees) {
        let n = g.labels.len();
        let noun = if n == 1 {
            "other source"
        } else {
            "other sources"
        };
        out.push_str(&format!(
            "; {} in {n} {noun} ({})",
            g.value,
            g.labels.join("; ")
        ));
    }
    for g in groups.iter().filter(|g| g.agrees) {
        let n = g.labels.len();
        let noun = if n == 1 { "source" } else { "sources" };
        out.push_str(&format!("; {} (consistent) in {n} {noun}", g.value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::{Bound, Interval};
    use crate::span::ByteSpan;

    #[test]
    fn message_reads_like_the_spec() {
        let groups = [
            Group {
                value: "2.5 hours".into(),
                labels: vec!["Reuters"],
                agrees: false,
            },
            Group {
                value: "2 hours".into(),
                labels: vec!["AP"],
                agrees: true,
            },
        ];
        assert_eq!(
            disagreement("Meeting duration", "2 hours", &groups),
            "Meeting duration: 2 hours here; 2.5 hours in 1 other source (Reuters); 2 hours (consistent) in 1 source"
        );
    }

    #[test]
    fn values_print_with_units_and_hedges() {
        let f = Figure {
            span: ByteSpan::default(),
            kind: Kind::Count,
            value: Value::Number(1_400_000.0),
            unit: Some("person".into()),
            bound: Bound::Approx,
            interval: Interval::default(),
            hedge: Some("about".into()),
        };
        assert_eq!(
            value_text(&f, "1.4 million people"),
            "about 1.4 million people"
        );
        let f = Figure {
            unit: Some("palestinian".into()),
            ..f
        };
        assert_eq!(
            value_text(&f, "1.4 million Palestinians"),
            "about 1.4 million Palestinians"
        );
    }
}

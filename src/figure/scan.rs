//! The figure reader's main pass: walks the token list once and, at each place a
//! number, currency sign or calendar word starts, reads the whole figure — hedge,
//! currency, number, range, unit or counted noun — or decides it is not a figure
//! (model names, addresses, phone numbers, `one of`, `9/11`).

use super::date;
use super::lexicon::{
    currency_prefix, currency_word, dollar_country, dollar_letters, duration_unit,
    irregular_plural, is_stop_word, measure_unit, si_factor, vague_word, weekday, Hedge,
    POST_HEDGES, PRE_HEDGES,
};
use super::number::{self, Number};
use super::token::{lower, tokenize, Class, Token};
use super::{Bound, Figure, Interval, Kind, Options, Reading, Value};
use crate::span::ByteSpan;

/// The text and its tokens, with the small queries every reader needs.
pub(crate) struct Cx<'t> {
    pub text: &'t str,
    pub toks: &'t [Token],
}

impl<'t> Cx<'t> {
    pub fn new(text: &'t str, toks: &'t [Token]) -> Self {
        Cx { text, toks }
    }
    pub fn class(&self, i: usize) -> Option<Class> {
        self.toks.get(i).map(|t| t.class)
    }
    /// The token's text, `""` past the end.
    pub fn s(&self, i: usize) -> &'t str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }
    /// Whitespace before token `i` (true past the end).
    pub fn gap(&self, i: usize) -> bool {
        self.toks.get(i).is_none_or(|t| t.gap)
    }
    /// Token `i` lower-cased (a word already in lower case is returned as it is).
    pub fn lower<'a>(&'a self, i: usize, buf: &'a mut [u8; 24]) -> &'a str {
        match self.toks.get(i) {
            Some(t) if t.plain_lower => &self.text[t.start..t.end],
            Some(_) => lower(self.s(i), buf),
            None => "",
        }
    }
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }
    pub fn word(&self, i: usize) -> bool {
        self.class(i) == Some(Class::Word)
    }
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.class(i) == Some(Class::Punct) && self.s(i).starts_with(c)
    }
    /// Punctuation `c` at `i` written right after the token before it.
    pub fn punct_attached(&self, i: usize, c: char) -> bool {
        self.punct(i, c) && !self.gap(i)
    }
    /// A dash of any kind (`-`, `–`, `—`).
    pub fn dash(&self, i: usize) -> bool {
        self.punct(i, '-') || self.punct(i, '–') || self.punct(i, '—')
    }
    pub fn capitalized(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.capital)
    }
    /// Token `i` opens a sentence, line or quotation.
    pub fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.toks[i].line_start {
            return true;
        }
        let p = self.s(i - 1);
        // `Omar P. Jarman`, `Mr. Lewis`: an initial or a title, not a full stop.
        if p == "." && i >= 2 {
            let before = self.s(i - 2);
            let initial = before.len() == 1 && before.bytes().all(|b| b.is_ascii_uppercase());
            if initial
                || matches!(
                    before,
                    "Mr" | "Mrs"
                        | "Ms"
                        | "Dr"
                        | "Jr"
                        | "Sr"
                        | "St"
                        | "Gov"
                        | "Sen"
                        | "Rep"
                        | "Gen"
                        | "Lt"
                        | "Col"
                        | "Sgt"
                        | "Capt"
                        | "Det"
                        | "Officer"
                        | "Prof"
                        | "Rev"
                )
            {
                return false;
            }
        }
        matches!(
            p,
            "." | "!"
                | "?"
                | "\""
                | "“"
                | "‘"
                | "'"
                | ":"
                | "("
                | "["
                | "—"
                | "–"
                | "•"
                | "*"
                | "#"
                | ">"
                | "|"
        ) || (p == "-" && self.gap(i - 1))
    }
    /// A word that looks like a plural noun (`people`, `officers`).
    pub fn looks_plural_word(&self, i: usize) -> bool {
        if !self.word(i) {
            return false;
        }
        let mut buf = [0u8; 24];
        let w = self.lower(i, &mut buf);
        plural_singular(w).is_some()
    }
    fn span(&self, first: usize, end: usize) -> ByteSpan {
        ByteSpan::new(self.toks[first].start, self.toks[end - 1].end)
    }
}

/// The singular of a plural noun (`officers` → `officer`), `None` if `w` is not one.
pub(crate) fn plural_singular(w: &str) -> Option<String> {
    if let Some(s) = irregular_plural(w) {
        return Some(s.to_string());
    }
    if w.len() < 3
        || !w.ends_with('s')
        || w.ends_with("ss")
        || w.ends_with("us")
        || w.ends_with("is")
    {
        return None;
    }
    if is_stop_word(w) || !w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    let stem = &w[..w.len() - 1];
    Some(
        if let Some(b) = stem.strip_suffix("ie").filter(|b| b.len() > 1) {
            format!("{b}y")
        } else if stem.ends_with("sse")
            || stem.ends_with("che")
            || stem.ends_with("she")
            || stem.ends_with("xe")
        {
            stem[..stem.len() - 1].to_string()
        } else {
            stem.to_string()
        },
    )
}

/// Every figure in `text`, in order.
pub(crate) fn extract(text: &str, options: &Options) -> Vec<Reading> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    tokenize(text, &mut toks);
    let cx = Cx::new(text, &toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let next = step(&cx, i, options, &mut out);
        i = next.max(i + 1);
    }
    out
}

/// Tries a figure at token `i`; returns where to go on.
fn step(cx: &Cx, i: usize, opts: &Options, out: &mut Vec<Reading>) -> usize {
    let t = cx.toks[i];
    match t.class {
        Class::Word => {
            // One probe decides for most words: they start nothing.
            if !super::lexicon::may_start(cx.s(i).as_bytes()) {
                return i + 1;
            }
            let mut buf = [0u8; 24];
            let w = cx.lower(i, &mut buf);
            if super::lexicon::entry(w).is_none() {
                return i + 1;
            }
            if cx.capitalized(i) {
                if let Some(next) = date::at_word(cx, i, w, out) {
                    return next;
                }
            }
            if matches!(w, "noon" | "midnight") {
                return date::noon(cx, i, w, out);
            }
            let signed = matches!(w, "minus" | "negative")
                && (cx.class(i + 1) == Some(Class::Num)
                    || super::lexicon::num_word(&cx.s(i + 1).to_ascii_lowercase()).is_some());
            let starts_number = signed
                || matches!(w, "a" | "an") && article_may_count(cx, i + 1)
                || matches!(w, "half" | "quarter" | "tens")
                || super::lexicon::num_word(w).is_some()
                || vague_word(w).is_some()
                || (currency_prefix(w).is_some()
                    && (t.start < cx.text.len())
                    && is_code_case(cx.s(i)))
                || dollar_letters(w).is_some() && cx.punct_attached(i + 1, '$');
            if starts_number {
                return quantity(cx, i, opts, out);
            }
            // URLs are not prose: `https://…/search?q=30%25`.
            if matches!(w, "http" | "https" | "www")
                && cx.class(i + 1) == Some(Class::Punct)
                && !cx.gap(i + 1)
            {
                let mut k = i + 1;
                while k < cx.toks.len() && !cx.gap(k) {
                    k += 1;
                }
                return k;
            }
            if matches!(w, "percent" | "percents" | "per") {
                if let Some(next) = percent_of(cx, i, out) {
                    return next;
                }
            }
            multiple(cx, i, w, out).unwrap_or(i + 1)
        }
        Class::Num => {
            if let Some(next) = date::at_num(cx, i, out) {
                return next;
            }
            quantity(cx, i, opts, out)
        }
        Class::Punct => {
            let s = cx.s(i);
            if currency_prefix(s).is_some() || number::is_vulgar(s) {
                return quantity(cx, i, opts, out);
            }
            if (s == "-" || s == "−")
                && (t.gap || i > 0 && matches!(cx.s(i - 1), "<" | ">" | "=" | "(" | "≤" | "≥"))
                && cx.class(i + 1) == Some(Class::Num)
                && !cx.gap(i + 1)
            {
                return quantity(cx, i, opts, out);
            }
            i + 1
        }
    }
}

/// `percent of 10`, `per cent of twenty-two`: the percent named before its number.
fn percent_of(cx: &Cx, i: usize, out: &mut Vec<Reading>) -> Option<usize> {
    if i > 0 && (cx.class(i - 1) == Some(Class::Num) || number::parse(cx, i - 1, false).is_some()) {
        return None;
    }
    let k = if cx.is(i, "per") && cx.is(i + 1, "cent") {
        i + 2
    } else {
        i + 1
    };
    if k == i + 1 && cx.is(i, "per") || !cx.is(k, "of") {
        return None;
    }
    let n = number::parse(cx, k + 1, false).filter(|n| !n.article && n.vague_high.is_none())?;
    if unit_word_at(cx, n.end) || cx.word(n.end) && !cx.gap(n.end) {
        return None;
    }
    let v = n.value;
    out.push(Reading {
        figure: Figure {
            span: cx.span(i, n.end),
            kind: Kind::Percent,
            value: Value::Number(v),
            unit: Some("percent".into()),
            bound: Bound::Exact,
            interval: Interval::exact(v),
            hedge: None,
        },
        hedge_span: None,
    });
    Some(n.end)
}

/// `triple homicide`, `quadruple-shooting`: a count of victims.
fn multiple(cx: &Cx, i: usize, w: &str, out: &mut Vec<Reading>) -> Option<usize> {
    let v = match w {
        "double" => 2.0,
        "triple" => 3.0,
        "quadruple" => 4.0,
        "quintuple" => 5.0,
        _ => return None,
    };
    let k = if cx.dash(i + 1) && !cx.gap(i + 1) {
        i + 2
    } else {
        i + 1
    };
    let mut buf = [0u8; 24];
    let noun = cx.lower(k, &mut buf);
    let crime = matches!(
        noun,
        "homicide"
            | "homicides"
            | "murder"
            | "murders"
            | "shooting"
            | "killing"
            | "killings"
            | "slaying"
            | "slayings"
            | "stabbing"
            | "fatality"
            | "fatal"
    );
    if !crime || cx.gap(k) != (k == i + 1) {
        return None;
    }
    out.push(Reading {
        figure: Figure {
            span: cx.span(i, k + 1),
            kind: Kind::Count,
            value: Value::Number(v),
            unit: Some("person".into()),
            bound: Bound::Exact,
            interval: Interval::exact(v),
            hedge: None,
        },
        hedge_span: None,
    });
    Some(k + 1)
}

/// Whether the word after `a`/`an` can make it a figure (`a dozen`, `a week`, `a
/// third`, `a $5 fee` is read from the `$`): most articles are only articles.
fn article_may_count(cx: &Cx, k: usize) -> bool {
    let mut buf = [0u8; 24];
    let w = cx.lower(k, &mut buf);
    cx.word(k)
        && (super::lexicon::num_word(w).is_some()
            || super::lexicon::denominator(w).is_some()
            || duration_unit(w).is_some()
            || measure_unit(w).is_some()
            || currency_word(w).is_some()
            || matches!(w, "couple" | "pair" | "half" | "quarter")
            || number::starts_ordinal_fraction(cx, k))
}

/// Currency codes count only in capitals (`USD 5`), or `Rs`/`dlrs` as written.
fn is_code_case(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_uppercase()) || s == "Rs" || s == "dlrs" || s == "Dlrs"
}

/// A currency word written right before the digits at `i` (`ringgit 42`), not the
/// unit of an amount before it (`billion yuan 30 years`): its code and first token.
fn currency_word_before(cx: &Cx, i: usize) -> Option<(&'static str, usize)> {
    let p = i.checked_sub(1)?;
    let mut buf = [0u8; 24];
    let w = cx.lower(p, &mut buf);
    let (code, factor) = currency_word(w)?;
    if factor != 1.0 || w.len() < 3 || !cx.word(p) || unit_word_at(cx, i + 1) || cx.word(i + 1) {
        return None;
    }
    let before = p.checked_sub(1);
    if before.is_some_and(|b| {
        cx.class(b) == Some(Class::Num) || number::parse(cx, b, false).is_some() || cx.is(b, "of")
    }) {
        return None;
    }
    // `Malaysian ringgit 42`
    let start = match before {
        Some(b)
            if cx.word(b) && cx.gap(p) && is_country_adjective(&cx.s(b).to_ascii_lowercase()) =>
        {
            b
        }
        _ => p,
    };
    Some((code, start))
}

/// A unit found after a number.
#[derive(Clone, Debug)]
struct UnitHit {
    kind: Kind,
    unit: Option<String>,
    /// Multiplies the number (`decade` → 10 years, `cents` → 0.01 dollars).
    factor: f64,
    /// Added to the number before the factor (`an hour and a half`).
    plus: f64,
    /// One past the last token of the figure.
    end: usize,
}

impl UnitHit {
    fn new(kind: Kind, unit: &str, factor: f64, end: usize) -> Self {
        UnitHit {
            kind,
            unit: Some(unit.to_string()),
            factor,
            plus: 0.0,
            end,
        }
    }
}

/// Reads the figure whose currency sign or number starts at `i`.
fn quantity(cx: &Cx, i: usize, opts: &Options, out: &mut Vec<Reading>) -> usize {
    let (mut currency, j) = match money_prefix(cx, i) {
        Some((code, j)) => (Some(code), j),
        None => (None, i),
    };
    // `ringgit 42`, `rupees 500`: a currency named before bare digits.
    let mut i = i;
    if currency.is_none() && cx.class(i) == Some(Class::Num) {
        if let Some((code, p)) = currency_word_before(cx, i) {
            currency = Some(code);
            i = p;
        }
    }
    let negative =
        cx.punct(j, '-') || cx.punct(j, '−') || cx.is(j, "minus") || cx.is(j, "negative");
    let j = if negative { j + 1 } else { j };
    if cx.class(j) == Some(Class::Num) {
        if let Some(skip) = not_a_figure(cx, j, currency.is_some()) {
            return skip;
        }
        // The tail of a chain of digits left after a score or record (`89-19-2`).
        if j > 1
            && cx.dash(j - 1)
            && !cx.gap(j - 1)
            && !cx.gap(j)
            && cx.class(j - 2) == Some(Class::Num)
        {
            return skip_number_tail(cx, j);
        }
    }
    let Some(mut n) = number::parse(cx, j, currency.is_some()) else {
        return j + 1;
    };
    if negative {
        n.value = -n.value;
    }
    // A range `10 to 15`, `10-15`, `between 10 and 15`, `30 or 40`.
    let between = cx.is(i.wrapping_sub(1), "between") || cx.is(i.wrapping_sub(1), "from");
    let mut unit = unit_after(cx, &n, n.end, currency);
    let mut high: Option<Number> = None;
    let range_at = unit.as_ref().map_or(n.end, |u| u.end);
    if let Some((n2, unit2)) = range_end(cx, &n, range_at, between, currency, unit.is_some()) {
        if unit.is_none()
            || unit2.is_none()
            || unit2.as_ref().map(|u| &u.unit) == unit.as_ref().map(|u| &u.unit)
        {
            if unit2.is_some() {
                unit = unit2;
            } else if let Some(u) = unit.as_mut() {
                u.end = n2.end;
            }
            // `10 to 15 million`: the multiplier of the second end applies to both.
            if n2.scale > 1.0 && n.scale == 1.0 && n.value * n2.scale <= n2.value {
                n.value *= n2.scale;
            }
            high = Some(n2);
        }
    }
    let end_tok = unit.as_ref().map_or(high.map_or(n.end, |h| h.end), |u| {
        u.end.max(high.map_or(0, |h| h.end))
    });
    // Bare numbers: only some are figures.
    // `one` counts only something definite: `one woman`, `one more spacewalk`, `at
    // least one insider`; not `one another`, `one of`, `one shot in the leg`.
    let counted = unit
        .as_ref()
        .is_none_or(|u| u.kind == Kind::Count && u.factor == 1.0);
    if n.words && n.value == 1.0 && n.end == n.first + 1 && counted && high.is_none() {
        let hedged = pre_hedge(cx, n.first).is_some();
        if !(hedged || cx.is(n.end, "more") || one_is_a_figure(cx, n.end)) {
            return n.end;
        }
    }
    // `ground zero`, `zero tolerance`, `zero-sum`: zero as a name or an adjective.
    if n.words
        && n.value == 0.0
        && n.end == n.first + 1
        && unit.as_ref().is_none_or(|u| u.unit.is_none())
    {
        let named = n.first > 0
            && (cx.is(n.first - 1, "ground")
                || cx.is(n.first - 1, "patient")
                || cx.is(n.first - 1, "year"));
        if named || cx.dash(n.end) && !cx.gap(n.end) || cx.is(n.end, "tolerance") {
            return n.end;
        }
    }
    if n.words && n.value == 0.0 && cx.dash(n.end) && !cx.gap(n.end) {
        return n.end;
    }
    if (n.article || n.bare_fraction) && unit.as_ref().is_none_or(|u| matches!(u.kind, Kind::Count))
    {
        return n.end;
    }
    if n.article && a_rate(cx, n.first) {
        return end_tok;
    }
    let mut unit = unit.unwrap_or(UnitHit {
        kind: Kind::Count,
        unit: None,
        factor: 1.0,
        plus: 0.0,
        end: end_tok,
    });
    // Ages by context: `aged 34`, `Smith, 34,`, `turned 18`, `ages 1 and 4`.
    if unit.kind == Kind::Count
        && unit.unit.is_none()
        && n.plain
        && age_context(cx, n.first, n.end, n.value)
    {
        unit = UnitHit::new(Kind::Age, "year", 1.0, n.end);
    }
    let first_tok = i.min(n.first);
    let mut last_tok = unit.end.max(n.end);
    let factor = unit.factor;
    let value = (n.value + unit.plus) * factor;
    let mut hs = None;
    let mut fig = Figure {
        span: cx.span(first_tok, last_tok),
        kind: unit.kind,
        value: Value::Number(value),
        unit: unit.unit.clone(),
        bound: Bound::Exact,
        interval: Interval::exact(value),
        hedge: None,
    };
    if let Some(h) = high {
        let hv = h.value * factor;
        fig.bound = Bound::Range;
        fig.interval = Interval {
            low: Some(value.min(hv)),
            high: Some(value.max(hv)),
        };
        if between {
            let b = i - 1;
            fig.hedge = Some(cx.s(b).to_ascii_lowercase());
            hs = Some(cx.span(b, b + 1));
        }
    } else if let Some(vh) = n.vague_high {
        fig.bound = Bound::Lower;
        fig.interval = Interval {
            low: Some(value),
            high: Some(vh * factor),
        };
    } else {
        let pre = pre_hedge(cx, first_tok);
        let post = post_hedge(cx, last_tok);
        // A bound after the figure (`about 500 or more`) outweighs an approximation.
        let post_wins = post.is_some()
            && pre.is_none_or(|(h, _)| matches!(h, Hedge::Approx | Hedge::Below | Hedge::Exact));
        if let Some((h, end)) = post.filter(|_| post_wins) {
            apply_hedge(&mut fig, h, value, opts);
            fig.hedge = Some(words_lower(cx, last_tok, end));
            hs = Some(cx.span(last_tok, end));
            if matches!(cx.s(end - 1), "older" | "younger") && fig.kind == Kind::Count && n.plain {
                fig.kind = Kind::Age;
                fig.unit = Some("year".into());
            }
            last_tok = end;
        } else if let Some((h, first)) = pre {
            apply_hedge(&mut fig, h, value, opts);
            fig.hedge = Some(words_lower(cx, first, first_tok));
            hs = Some(cx.span(first, first_tok));
            // `more than 10 and less than 20`: two bounds make one range.
            if let Some((other, end)) = other_bound(cx, last_tok, h, &unit) {
                let (low, high) = if h == Hedge::Lower {
                    (value, other)
                } else {
                    (other, value)
                };
                if low < high {
                    fig.bound = Bound::Range;
                    fig.interval = Interval {
                        low: Some(low),
                        high: Some(high),
                    };
                    fig.span = ByteSpan::new(fig.span.start, cx.toks[end - 1].end);
                    last_tok = end;
                }
            }
        }
    }
    out.push(Reading {
        figure: fig,
        hedge_span: hs,
    });
    last_tok
}

/// The hedge's interval around `value`.
fn apply_hedge(fig: &mut Figure, h: Hedge, value: f64, opts: &Options) {
    let band = (value * opts.approx_tolerance).abs();
    let (bound, interval) = match h {
        Hedge::Approx => (
            Bound::Approx,
            Interval {
                low: Some(value - band),
                high: Some(value + band),
            },
        ),
        Hedge::Below => (
            Bound::Approx,
            Interval {
                low: Some(value - band),
                high: Some(value),
            },
        ),
        Hedge::Lower => (
            Bound::Lower,
            Interval {
                low: Some(value),
                high: None,
            },
        ),
        Hedge::Upper => (
            Bound::Upper,
            Interval {
                low: None,
                high: Some(value),
            },
        ),
        Hedge::Exact => (Bound::Exact, Interval::exact(value)),
    };
    fig.bound = bound;
    fig.interval = interval;
}

/// The tokens `[a, b)` as lower-case words joined by single spaces.
fn words_lower(cx: &Cx, a: usize, b: usize) -> String {
    let mut s = String::new();
    for k in a..b {
        if !s.is_empty() && cx.gap(k) {
            s.push(' ');
        }
        s.push_str(&cx.s(k).to_lowercase());
    }
    s
}

/// A hedge phrase ending right before token `first`: how it bounds, and where it starts.
pub(crate) fn pre_hedge(cx: &Cx, first: usize) -> Option<(Hedge, usize)> {
    // Most figures have no hedge: check the word before against the hedges' last
    // words before trying every phrase.
    let mut buf = [0u8; 24];
    let last = if first > 0 {
        cx.lower(first - 1, &mut buf)
    } else {
        ""
    };
    if !super::lexicon::ends_hedge(last) {
        return symbol_hedge(cx, first);
    }
    let mut best: Option<(Hedge, usize)> = None;
    for (phrase, h) in PRE_HEDGES {
        let n = phrase.len();
        if first < n {
            continue;
        }
        let start = first - n;
        if phrase.iter().enumerate().all(|(k, w)| cx.is(start + k, w))
            && best.is_none_or(|b| start < b.1)
        {
            best = Some((*h, start));
        }
    }
    best.or_else(|| symbol_hedge(cx, first))
}

/// `>30`, `>= 30`, `< = 100`, `≤ 5` before token `first` (not `<>30` or `=>30`).
fn symbol_hedge(cx: &Cx, first: usize) -> Option<(Hedge, usize)> {
    let mut k = first.checked_sub(1)?;
    let or_equal = cx.punct(k, '=');
    if or_equal {
        k = k.checked_sub(1)?;
    }
    let h = match cx.s(k) {
        ">" | "≥" => Hedge::Lower,
        "<" | "≤" => Hedge::Upper,
        _ => return None,
    };
    if or_equal && matches!(cx.s(k), "≥" | "≤") {
        return None;
    }
    if k > 0 && !cx.gap(k) && matches!(cx.s(k - 1), "<" | ">" | "=") {
        return None;
    }
    Some((h, k))
}

/// After a bounded figure ending at `k`, the opposite bound that closes it into a
/// range (`and less than 20`, `but below 1500`, `, lower or equal than 300`): its
/// value and the token after it.
fn other_bound(cx: &Cx, k: usize, h: Hedge, unit: &UnitHit) -> Option<(f64, usize)> {
    if !matches!(h, Hedge::Lower | Hedge::Upper) {
        return None;
    }
    let mut k = k;
    if cx.punct(k, ',') {
        k += 1;
    }
    if cx.is(k, "and") || cx.is(k, "but") {
        k += 1;
    }
    let mut best: Option<(Hedge, usize)> = None;
    for (phrase, h2) in PRE_HEDGES {
        if phrase.iter().enumerate().all(|(j, w)| cx.is(k + j, w))
            && best.is_none_or(|b| k + phrase.len() > b.1)
        {
            best = Some((*h2, k + phrase.len()));
        }
    }
    let (h2, start) = best?;
    let opposite = matches!(
        (h, h2),
        (Hedge::Lower, Hedge::Upper) | (Hedge::Upper, Hedge::Lower)
    );
    if !opposite {
        return None;
    }
    let n2 = number::parse(cx, start, false).filter(|n2| !n2.article && n2.vague_high.is_none())?;
    let u2 = unit_after(cx, &n2, n2.end, None);
    let same_unit = match &u2 {
        None => true,
        Some(u2) => {
            u2.unit == unit.unit && u2.kind == unit.kind
                || unit.unit.is_none() && u2.kind == Kind::Count
        }
    };
    if !same_unit {
        return None;
    }
    let end = u2.as_ref().map_or(n2.end, |u| u.end.max(n2.end));
    let factor = u2.as_ref().map_or(unit.factor, |u| u.factor);
    Some((
        (n2.value + u2.as_ref().map_or(0.0, |u| u.plus)) * factor,
        end,
    ))
}

/// A hedge phrase starting at token `end` (`or more`): how it bounds, and its end.
fn post_hedge(cx: &Cx, end: usize) -> Option<(Hedge, usize)> {
    let starts = cx.is(end, "or") || cx.is(end, "and");
    // `5000 or less than 6000`: the bound belongs to the next figure.
    if starts && cx.is(end + 2, "than") && number::parse(cx, end + 3, false).is_some() {
        return None;
    }
    for (phrase, h) in POST_HEDGES.iter().filter(|_| starts) {
        if phrase.iter().enumerate().all(|(k, w)| cx.is(end + k, w)) {
            // `or more people` is still a hedge; `or more than 190` starts another figure.
            let next = end + phrase.len();
            if phrase.last() == Some(&"than")
                && (cx.class(next) == Some(Class::Num) || number::parse(cx, next, false).is_some())
            {
                continue;
            }
            return Some((*h, end + phrase.len()));
        }
    }
    if cx.punct_attached(end, '-') && cx.is(end + 1, "plus") || cx.punct_attached(end, '+') {
        let e = if cx.punct(end, '+') { end + 1 } else { end + 2 };
        return Some((Hedge::Lower, e));
    }
    None
}

/// A currency sign or code at `i` (`$`, `US$`, `US $`, `€`, `USD`, `Rs.`, `dlrs`):
/// the ISO code and the token where the number starts.
fn money_prefix(cx: &Cx, i: usize) -> Option<(&'static str, usize)> {
    let mut buf = [0u8; 24];
    let w = cx.lower(i, &mut buf);
    if let Some(code) = dollar_letters(w) {
        if cx.punct(i + 1, '$') && (!cx.gap(i + 1) || w == "us" || w == "u.s.") {
            return Some((code, i + 2));
        }
    }
    let code = currency_prefix(w)?;
    if cx.class(i) == Some(Class::Word) && !is_code_case(cx.s(i)) {
        return None;
    }
    let mut j = i + 1;
    if w == "rs" && cx.punct_attached(j, '.') {
        j += 1;
    }
    Some((code, j))
}

/// Whether digits at `j` are a name, address, phone number, ordinal or other non-figure;
/// if so, the token to resume at.
fn not_a_figure(cx: &Cx, j: usize, money: bool) -> Option<usize> {
    let s = cx.s(j);
    let mut buf = [0u8; 24];
    // Ordinals: `18th`, `21st`.
    if cx.word(j + 1)
        && !cx.gap(j + 1)
        && matches!(cx.lower(j + 1, &mut buf), "st" | "nd" | "rd" | "th")
    {
        return Some(j + 2);
    }
    if money {
        return None;
    }
    // Written onto letters: `G7`, `A320`, `APW19981120.0252`; or a name with a dash:
    // `F-15`, `Covid-19`, `I-4`.
    if j > 0 && !cx.gap(j) {
        let p = j - 1;
        if cx.word(p) {
            return Some(skip_number_tail(cx, j));
        }
        // A word joined by a dash names a thing (`F-15`, `Covid-19`, `gallery-58`),
        // except prefixes of time and degree (`mid-2000s`, `pre-1990`).
        let mut b2 = [0u8; 24];
        let prefix = p > 0
            && matches!(
                cx.lower(p - 1, &mut b2),
                "mid"
                    | "pre"
                    | "post"
                    | "early"
                    | "late"
                    | "over"
                    | "under"
                    | "sub"
                    | "anti"
                    | "non"
                    | "ex"
                    | "circa"
            );
        let run_on = p > 1 && !cx.gap(p - 1) && cx.class(p - 2) == Some(Class::Num);
        if cx.dash(p) && !cx.gap(p) && p > 0 && cx.word(p - 1) && !prefix && !run_on {
            return Some(skip_number_tail(cx, j));
        }
        if cx.class(p) == Some(Class::Num)
            || cx.punct(p, '.')
            || cx.punct(p, '#')
            || cx.punct(p, '/')
        {
            return Some(skip_number_tail(cx, j));
        }
    }
    // Digits run into a word that is no unit (`0fficers`, `4chan`): a typo or a name.
    if cx.word(j + 1) && !cx.gap(j + 1) {
        let w = cx.lower(j + 1, &mut buf);
        let known = w.len() < 3
            || duration_unit(w).is_some()
            || measure_unit(w).is_some()
            || currency_word(w).is_some()
            || super::lexicon::short_multiplier(cx.s(j + 1)).is_some()
            || super::lexicon::plural_scale(w).is_some()
            || iso_code(cx.s(j + 1)).is_some()
            || matches!(w, "a.m." | "p.m." | "mln" | "bln" | "pct" | "kmph" | "kph")
            || w.ends_with("s") && w.len() == 3;
        if !known {
            return Some(j + 2);
        }
    }
    // `[12]`: a reference mark.
    if j > 0 && cx.punct(j - 1, '[') && cx.punct_attached(j + 1, ']') && !cx.gap(j) {
        return Some(j + 2);
    }
    // `9-1-1`: the emergency number spelled out in digits.
    if s == "9" && cx.dash(j + 1) && cx.s(j + 2) == "1" && cx.dash(j + 3) && cx.s(j + 4) == "1" {
        return Some(j + 5);
    }
    // Phone numbers: `202-727-9099`, `1-800-500-1119`, `(206) 555-1234`, `555-1234`.
    if is_phone(cx, j) && !unit_follows(cx, j + 3) {
        return Some(skip_number_tail(cx, j));
    }
    // `9/11`, `24/7`, dates with slashes: not proper fractions.
    if cx.punct_attached(j + 1, '/')
        && cx.class(j + 2) == Some(Class::Num)
        && !cx.gap(j + 2)
        && number::slash_fraction(cx, j).is_none()
    {
        return Some(skip_number_tail(cx, j));
    }
    let plain = s.bytes().all(|b| b.is_ascii_digit());
    if plain && s == "911" {
        return Some(j + 1);
    }
    // Long digit runs without separators in a list or after a label: case, account
    // or record numbers (`Case Numbers: 1703310154, 1703310165`).
    let labelled = j > 0 && matches!(cx.s(j - 1), ":" | "," | "#" | ";");
    if plain && s.len() >= 9 && labelled && !unit_follows(cx, j + 1) {
        return Some(j + 1);
    }
    // `Image 3 of 44`, `Page 2 of 9`: the count of a gallery, not a figure.
    if plain
        && j >= 3
        && cx.is(j - 1, "of")
        && cx.class(j - 2) == Some(Class::Num)
        && name_before(cx, j - 2)
    {
        return Some(j + 1);
    }
    // `22. Converse`: a list number opening a line or sentence.
    if plain
        && s.len() <= 3
        && cx.sentence_start(j)
        && cx.punct_attached(j + 1, '.')
        && cx.capitalized(j + 2)
        && !cx.toks.get(j + 2).is_some_and(|t| t.line_start)
    {
        return Some(j + 2);
    }
    // `No. 1`, `Amendment 64`, `Boeing 737`, `KIRO 7`: a capitalised name just before.
    let version = s.bytes().filter(|b| *b == b'.').count() == 1 && !s.contains(',');
    if j > 0 && (plain || version) && name_before(cx, j) && !unit_follows(cx, j + 1) {
        return Some(skip_number_tail(cx, j));
    }
    // Scores: `11-2`, `40-to-39`, `a 3-1 win`.
    if plain && cx.dash(j + 1) && !cx.gap(j + 1) {
        let k = if cx.is(j + 2, "to") && cx.dash(j + 3) {
            j + 4
        } else {
            j + 2
        };
        let second = cx.s(k);
        if cx.class(k) == Some(Class::Num)
            && !cx.gap(k)
            && second.bytes().all(|b| b.is_ascii_digit())
            && number::digits_value(second) < number::digits_value(s)
            && !(s.len() == 4 && second.len() == 2)
            && !cx.punct_attached(k + 1, '/')
        {
            return Some(k + 1);
        }
    }
    // House numbers: `the 33300 block of`, `2403 Benning Road`, `33325 8th Ave.`
    if plain && (cx.is(j + 1, "block") || street_follows(cx, j + 1)) {
        return Some(j + 1);
    }
    None
}

/// Past a run of digits joined by `-`, `/`, `.` (an identifier or phone number).
fn skip_number_tail(cx: &Cx, mut j: usize) -> usize {
    j += 1;
    while (cx.dash(j) || cx.punct(j, '/') || cx.punct(j, '.'))
        && !cx.gap(j)
        && cx.class(j + 1) == Some(Class::Num)
        && !cx.gap(j + 1)
    {
        j += 2;
    }
    j
}

fn is_phone(cx: &Cx, j: usize) -> bool {
    let digits = |k: usize| {
        let s = cx.s(k);
        (cx.class(k) == Some(Class::Num) && s.bytes().all(|b| b.is_ascii_digit()))
            .then_some(s.len())
    };
    let joined = |k: usize| {
        cx.dash(k) && !cx.gap(k) && !cx.gap(k + 1) || cx.punct_attached(k, '.') && !cx.gap(k + 1)
    };
    let Some(a) = digits(j) else { return false };
    // (206) 555-1234
    if a == 3 && cx.punct(j.wrapping_sub(1), '(') && cx.punct_attached(j + 1, ')') {
        return digits(j + 2) == Some(3);
    }
    if !joined(j + 1) {
        return false;
    }
    let Some(b) = digits(j + 2) else { return false };
    if joined(j + 3) {
        if let Some(c) = digits(j + 4) {
            return b >= 3 && c >= 3;
        }
    }
    // `555-1234`; `1-800-Speak-Up`
    a == 3 && b == 4 || a == 1 && b == 3 && cx.dash(j + 3) && cx.word(j + 4)
}

/// A capitalised name (not a sentence opener, month or hedge) right before `j`:
/// `Amendment 64`, `No. 1`, `Boeing 737`.
fn name_before(cx: &Cx, j: usize) -> bool {
    let p = j - 1;
    if cx.punct_attached(p, '.') && p > 0 && cx.is(p - 1, "no") {
        return true;
    }
    if cx.s(p) == "#" && !cx.gap(j) || cx.s(p) == "©" {
        return true;
    }
    if !cx.word(p) || !cx.gap(j) {
        return false;
    }
    let mut buf = [0u8; 24];
    let w = cx.lower(p, &mut buf);
    if matches!(w, "copyright" | "©") {
        return true;
    }
    // Call signs and acronyms name things even first in a sentence (`WESH 2 News`).
    let acronym =
        (2..=5).contains(&cx.s(p).len()) && cx.s(p).bytes().all(|b| b.is_ascii_uppercase());
    if !cx.capitalized(p) || cx.sentence_start(p) && !acronym {
        return false;
    }
    if super::lexicon::month(w).is_some() || weekday(w).is_some() || currency_prefix(w).is_some() {
        return false;
    }
    // Capitalised function words name nothing, even where the sentence start is
    // hidden (after an emoji or a bullet): `😀 The 2-1/2 hour meeting`.
    if matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "some"
            | "all"
            | "and"
            | "but"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "to"
            | "from"
            | "with"
            | "after"
            | "before"
            | "over"
            | "under"
            | "about"
            | "nearly"
            | "almost"
            | "only"
            | "just"
    ) {
        return false;
    }
    // All-capital words are mostly shouted text, not names (`SAID 5`), except short
    // call signs and acronyms (`KIRO 7`, `WESH 2`).
    if cx.s(p).len() > 5 && cx.s(p).bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    true
}

/// A unit, percent sign or money word starts at `k`.
fn unit_follows(cx: &Cx, k: usize) -> bool {
    let mut buf = [0u8; 24];
    let w = cx.lower(k, &mut buf);
    cx.punct(k, '%')
        || duration_unit(w).is_some()
        || measure_unit(w).is_some() && w.len() > 1
        || currency_word(w).is_some()
        || matches!(
            w,
            "percent"
                | "per"
                | "pct"
                | "million"
                | "billion"
                | "thousand"
                | "years-old"
                | "year-old"
        )
        || cx.dash(k) && !cx.gap(k) && cx.word(k + 1) && !cx.gap(k + 1) && {
            let mut b2 = [0u8; 24];
            let w2 = cx.lower(k + 1, &mut b2);
            duration_unit(w2).is_some() || measure_unit(w2).is_some()
        }
}

/// A street name follows: capitalised words ending in `Road`, `Street`, `Ave`, ….
fn street_follows(cx: &Cx, k: usize) -> bool {
    let mut k = k;
    if cx.word(k) && cx.gap(k) && {
        let mut buf = [0u8; 24];
        matches!(
            cx.lower(k, &mut buf),
            "north" | "south" | "east" | "west" | "n" | "s" | "e" | "w"
        )
    } {
        k += 1;
        // `946 N. Mills Ave.`
        if cx.punct_attached(k, '.') {
            k += 1;
        }
    }
    // `33325 8th Ave.`
    if cx.class(k) == Some(Class::Num) && cx.word(k + 1) && !cx.gap(k + 1) {
        return true;
    }
    for step in 0..4 {
        let t = k + step;
        if !cx.capitalized(t) {
            return false;
        }
        let mut buf = [0u8; 24];
        if matches!(
            cx.lower(t, &mut buf),
            "road"
                | "rd"
                | "street"
                | "st"
                | "avenue"
                | "ave"
                | "boulevard"
                | "blvd"
                | "drive"
                | "dr"
                | "lane"
                | "ln"
                | "way"
                | "highway"
                | "hwy"
                | "court"
                | "ct"
                | "place"
                | "pl"
                | "parkway"
                | "pkwy"
                | "circle"
                | "terrace"
                | "trail"
                | "pike"
                | "route"
        ) {
            return true;
        }
    }
    false
}

/// `one` before a person noun or `time` is a count (`one woman`, `one time`).
fn one_is_a_figure(cx: &Cx, end: usize) -> bool {
    let mut buf = [0u8; 24];
    matches!(
        cx.lower(end, &mut buf),
        "man" | "woman" | "person" | "child" | "boy" | "girl" | "time"
    )
}

/// `a day` after a figure or `once`/`twice` is a rate, not a duration.
fn a_rate(cx: &Cx, first: usize) -> bool {
    if first == 0 {
        return false;
    }
    let p = first - 1;
    let mut buf = [0u8; 24];
    let w = cx.lower(p, &mut buf);
    matches!(
        w,
        "once" | "twice" | "thrice" | "times" | "%" | "percent" | "per"
    ) || cx.class(p) == Some(Class::Num)
        || duration_unit(w).is_some()
        || measure_unit(w).is_some()
        || currency_word(w).is_some()
        || super::lexicon::short_multiplier(w).is_some()
        || matches!(
            super::lexicon::num_word(w),
            Some(super::lexicon::NumWord::Scale(_))
        )
}

/// Whether a bare number at `[first, end)` reads as someone's age.
fn age_context(cx: &Cx, first: usize, end: usize, value: f64) -> bool {
    if !((0.0..=120.0).contains(&value) && value.fract() == 0.0) {
        return false;
    }
    let mut buf = [0u8; 24];
    let prev = if first > 0 {
        cx.lower(first - 1, &mut buf).to_string()
    } else {
        String::new()
    };
    if matches!(
        prev.as_str(),
        "aged" | "age" | "ages" | "turned" | "turns" | "turning"
    ) {
        return true;
    }
    // `ages 1 and 4`
    if matches!(prev.as_str(), "and" | "or" | "to")
        && first >= 3
        && cx.class(first - 2) == Some(Class::Num)
        && cx.is(first - 3, "ages")
    {
        return true;
    }
    // `Smith, 34,` / `Lewis, now 77,` / `Smith (34)`
    let closes = |k: usize| {
        k >= cx.toks.len()
            || cx.toks[k].line_start
            || matches!(cx.s(k), "," | "." | ";" | ")" | ":")
            || cx.is(k, "and")
    };
    let mut p = first;
    // `Lewis, now 77,`, `Webb and Stoner, both 16,`
    if p >= 1 && (cx.is(p - 1, "now") || cx.is(p - 1, "both")) {
        p -= 1;
    }
    if p >= 2 && cx.punct(p - 1, ',') && closes(end) {
        let q = p - 2;
        let name_like = cx.capitalized(q) && !cx.sentence_start(q)
            || matches!(cx.s(q), "Jr" | "Sr" | "III" | "II");
        let q_low = cx.s(q).to_ascii_lowercase();
        if name_like && super::lexicon::month(&q_low).is_none() && weekday(&q_low).is_none() {
            return true;
        }
        // `Jr.,` / `Sr.,`
        if cx.punct(q, '.') && q > 0 && matches!(cx.s(q - 1), "Jr" | "Sr") {
            return true;
        }
    }
    if p >= 2 && cx.punct(p - 1, '(') && cx.punct(end, ')') && cx.capitalized(p - 2) {
        return true;
    }
    false
}

/// The unit after a number ending at token `k`, if any, with what continues it
/// (`5 feet 2 inches`, `20 dollars 43 cents`, `2 degrees below zero`).
fn unit_after(cx: &Cx, n: &Number, k: usize, currency: Option<&'static str>) -> Option<UnitHit> {
    let mut hit = base_unit_after(cx, n, k, currency)?;
    match hit.kind {
        Kind::Duration | Kind::Measure => continue_measure(cx, &mut hit),
        Kind::Money => {
            // `between $5 and 10` is a range, not five dollars ten.
            let from = n.first.saturating_sub(2);
            let between = (from..n.first).any(|t| cx.is(t, "between") || cx.is(t, "from"));
            continue_money(cx, &mut hit, between)
        }
        _ => {}
    }
    if matches!(
        hit.unit.as_deref(),
        Some("degree" | "celsius" | "fahrenheit")
    ) && cx.is(hit.end, "below")
        && cx.is(hit.end + 1, "zero")
    {
        hit.factor = -hit.factor;
        hit.end += 2;
    }
    Some(hit)
}

/// `5 feet 2 inches`, `2 yards, 7 feet and 10 in`, `2 hours and 30 minutes`, `1 hour
/// thirty`: smaller units of the same dimension added on; the whole is given in the
/// smallest unit written (`5 feet 2 inches` is 62 inches).
fn continue_measure(cx: &Cx, hit: &mut UnitHit) {
    let Some((f1, base)) = hit.unit.as_deref().and_then(si_factor) else {
        return;
    };
    let mut last_factor = f1;
    let mut smallest: Option<(&'static str, f64)> = None;
    for _ in 0..4 {
        let mut k = hit.end;
        if cx.punct(k, ',') {
            k += 1;
        }
        if cx.is(k, "and") {
            k += 1;
        }
        let Some(n2) = number::parse(cx, k, false).filter(|n2| {
            !n2.article && n2.vague_high.is_none() && !n2.fraction && !n2.bare_fraction
        }) else {
            break;
        };
        let mut buf = [0u8; 24];
        let w = cx.lower(n2.end, &mut buf);
        let prime = cx.punct_attached(n2.end, '\'') || cx.punct_attached(n2.end, '’');
        let unit2 = duration_unit(w)
            .or_else(|| {
                measure_unit(w)
                    .filter(|_| w != "m" || cx.gap(n2.end))
                    .map(|u| (u, 1.0))
            })
            .or_else(|| (w == "in" || w == "inches").then_some(("inch", 1.0)))
            .or_else(|| (prime && hit.unit.as_deref() == Some("yard")).then_some(("foot", 1.0)))
            .or_else(|| {
                (cx.punct_attached(n2.end, '"') || cx.punct_attached(n2.end, '”'))
                    .then_some(("inch", 1.0))
            });
        let (value_end, factor2) = match unit2 {
            Some((u2, mult)) => match si_factor(u2) {
                Some((f2, b2)) if b2 == base && f2 * mult < last_factor => {
                    last_factor = f2 * mult;
                    smallest = Some((u2, f2));
                    (n2.end + 1, f2 * mult)
                }
                _ => break,
            },
            // `1 hour thirty`: the next smaller unit, at the end of the phrase.
            None => {
                let (name, implied) = match hit.unit.as_deref() {
                    Some("hour") if last_factor == 3600.0 => ("minute", 60.0),
                    Some("minute") if last_factor == 60.0 => ("second", 1.0),
                    _ => break,
                };
                if n2.value >= 60.0 || cx.word(n2.end) || cx.class(n2.end) == Some(Class::Num) {
                    break;
                }
                last_factor = implied;
                smallest = Some((name, implied));
                (n2.end, implied)
            }
        };
        hit.plus += n2.value * factor2 / (f1 * hit.factor);
        hit.end = value_end;
    }
    if let Some((name, f)) = smallest {
        hit.factor *= f1 / f;
        hit.unit = Some(name.to_string());
    }
}

/// `20 dollars 43 cents`, `$20 and 43c`, `15 dollars 50`, `3 GBP 1 pence`.
fn continue_money(cx: &Cx, hit: &mut UnitHit, between: bool) {
    if hit.factor != 1.0 {
        return;
    }
    let mut k = hit.end;
    if cx.is(k, "and") {
        k += 1;
    }
    let Some(n2) = number::parse(cx, k, false)
        .filter(|n2| !n2.article && n2.value < 100.0 && n2.value.fract() == 0.0)
    else {
        return;
    };
    let mut buf = [0u8; 24];
    let w = cx.lower(n2.end, &mut buf);
    let minor = matches!(
        w,
        "cents"
            | "cent"
            | "c"
            | "pence"
            | "p"
            | "sen"
            | "sens"
            | "kopiykas"
            | "kopecks"
            | "centimes"
    );
    let clause_end =
        !cx.word(n2.end) && cx.class(n2.end) != Some(Class::Num) && !cx.punct(n2.end, '%');
    let end = if minor || cx.punct(n2.end, '¢') {
        n2.end + 1
    } else if clause_end && (k == hit.end && n2.value >= 10.0 || k > hit.end && !between) {
        n2.end
    } else {
        return;
    };
    hit.plus += n2.value / 100.0;
    hit.end = end;
}

/// Money written after the amount: a currency sign (`10$`, `20 €`), an ISO code
/// (`42 MYR`), a currency word (`dollars`), with a country word (`Swiss francs`).
fn money_after(cx: &Cx, k: usize, w: &str) -> Option<UnitHit> {
    // A sign with a number after it belongs to that number (`10 $ 30`, `a $5 fee`).
    let sign_end = if cx.punct_attached(k + 1, '$') {
        k + 2
    } else {
        k + 1
    };
    if cx.class(sign_end) == Some(Class::Num)
        && (cx.class(k) == Some(Class::Punct) || cx.punct(k + 1, '$'))
    {
        return None;
    }
    if cx.class(k) == Some(Class::Punct) {
        let s = cx.s(k);
        if let Some(code) = currency_prefix(s) {
            return Some(UnitHit::new(Kind::Money, code, 1.0, k + 1));
        }
        return match s {
            "¢" => Some(UnitHit::new(Kind::Money, "USD", 0.01, k + 1)),
            "元" => Some(UnitHit::new(Kind::Money, "CNY", 1.0, k + 1)),
            "₿" => Some(UnitHit::new(Kind::Money, "BTC", 1.0, k + 1)),
            "₡" | "₾" | "₭" | "₦" | "₱" | "₫" | "₴" | "₸" | "₺" | "₼" => {
                Some(UnitHit::new(Kind::Money, "XXX", 1.0, k + 1))
            }
            _ => None,
        };
    }
    if !cx.word(k) {
        return None;
    }
    let raw = cx.s(k);
    if let Some(code) = iso_code(raw) {
        // `75 USD million`
        let mut b2 = [0u8; 24];
        if let Some(super::lexicon::NumWord::Scale(s)) =
            super::lexicon::num_word(cx.lower(k + 1, &mut b2))
        {
            return Some(UnitHit::new(Kind::Money, code, s, k + 2));
        }
        return Some(UnitHit::new(Kind::Money, code, 1.0, k + 1));
    }
    // `US$` written after: `3.14US$`
    if dollar_letters(w).is_some() && cx.punct_attached(k + 1, '$') {
        return Some(UnitHit::new(
            Kind::Money,
            dollar_letters(w).unwrap_or("USD"),
            1.0,
            k + 2,
        ));
    }
    // `20 MUSD`, `120 MEUR`: millions of a currency.
    if raw.len() == 4 && raw.starts_with('M') {
        if let Some(code) = iso_code(&raw[1..]) {
            return Some(UnitHit::new(Kind::Money, code, 1e6, k + 1));
        }
    }
    if let Some((code, factor)) = currency_word(w) {
        return Some(UnitHit::new(Kind::Money, code, factor, k + 1));
    }
    // A country word, then the currency: `Swiss francs`, `U.S. dollars`, `Hong Kong
    // dollars`, `Lebanese pounds` (pounds after a country are money, not weight).
    let mut d = k + 1;
    if matches!(w, "hong" | "new" | "south" | "saudi") && cx.word(d) {
        d += 1;
    }
    let mut b2 = [0u8; 24];
    let w2 = cx.lower(d, &mut b2);
    let country = dollar_country(w).is_some() || is_country_adjective(w);
    let modifier = cx.word(k)
        && !is_stop_word(w)
        && !unit_word_at(cx, k)
        && super::lexicon::entry(w).is_none()
        && w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'.');
    if country || modifier && !matches!(w2, "pound" | "pounds") {
        if let Some((code, factor)) = currency_word(w2) {
            let code = if matches!(w2, "dollar" | "dollars") {
                dollar_country(w).unwrap_or(code)
            } else {
                code
            };
            return Some(UnitHit::new(Kind::Money, code, factor, d + 1));
        }
        if matches!(w2, "pound" | "pounds") {
            return Some(UnitHit::new(Kind::Money, "GBP", 1.0, d + 1));
        }
    }
    None
}

/// Country adjectives that name a currency with the word after (`Swiss francs`).
fn is_country_adjective(w: &str) -> bool {
    w.len() > 3
        && (w.ends_with("ian")
            || w.ends_with("ese")
            || w.ends_with("ish")
            || w.ends_with("ch")
            || w.ends_with("ss")
            || w.ends_with("ican")
            || w.ends_with("i")
            || w.ends_with("an"))
        && !is_stop_word(w)
}

/// ISO 4217 codes as written in capitals (`MYR`, `EGP`).
fn iso_code(s: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "CNY", "RMB", "INR",
        "RUB", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "TRY", "ILS", "SAR", "AED", "QAR",
        "KWD", "BHD", "OMR", "EGP", "LBP", "JOD", "MYR", "IDR", "THB", "PHP", "VND", "KRW", "TWD",
        "PKR", "BDT", "LKR", "NGN", "KES", "GHS", "UAH", "BGN", "RON", "HUF", "CZK", "MNT", "ARS",
        "CLP", "COP", "PEN", "ISK", "KZT", "GEL", "AMD", "AZN", "MAD", "TND", "DZD", "IQD", "IRR",
        "BTC",
    ];
    CODES.iter().copied().find(|c| *c == s).or(match s {
        "RM" => Some("MYR"),
        "Rs" => Some("INR"),
        _ => None,
    })
}

fn base_unit_after(
    cx: &Cx,
    n: &Number,
    k: usize,
    currency: Option<&'static str>,
) -> Option<UnitHit> {
    let mut buf = [0u8; 24];
    if let Some(code) = currency {
        // `$5 million dollars` is rare; the sign decides. `US$ 5 bn` read already.
        let mut end = k;
        let w = cx.lower(k, &mut buf);
        if matches!(currency_word(w), Some((c, _)) if c == code) {
            end = k + 1;
        }
        return Some(UnitHit::new(Kind::Money, code, 1.0, end));
    }
    if cx.punct(k, '%') {
        return Some(UnitHit::new(Kind::Percent, "percent", 1.0, k + 1));
    }
    let w = cx.lower(k, &mut buf);
    // Hyphenated compounds: `two-hour`, `34-year-old`, `24-ton`, `168-member`.
    if cx.dash(k) && !cx.gap(k) && cx.word(k + 1) && !cx.gap(k + 1) {
        return compound(cx, n, k + 1);
    }
    // `5'` feet, `5"` and `5''` inches, written onto the digits.
    if !n.words && !cx.gap(k) {
        if cx.punct(k, '"')
            || cx.punct(k, '”')
            || cx.punct(k, '\'') && cx.punct_attached(k + 1, '\'')
        {
            let end = if cx.punct(k, '\'') { k + 2 } else { k + 1 };
            return Some(UnitHit::new(Kind::Measure, "inch", 1.0, end));
        }
        if (cx.punct(k, '\'') || cx.punct(k, '’'))
            && cx.class(k + 1) == Some(Class::Num)
            && !cx.gap(k + 1)
        {
            let mut hit = UnitHit::new(Kind::Measure, "foot", 1.0, k + 1);
            if let Some(n2) = number::parse(cx, k + 1, false) {
                if cx.punct_attached(n2.end, '"') || cx.punct_attached(n2.end, '”') {
                    hit.plus = n2.value / 12.0;
                    hit.end = n2.end + 1;
                }
            }
            return Some(hit);
        }
    }
    if let Some(hit) = money_after(cx, k, w).filter(|h| !n.article || h.end == k + 1) {
        return Some(hit);
    }
    // Units written onto the digits or after a space.
    if !cx.word(k) && !cx.punct(k, '°') {
        return None;
    }
    if cx.punct(k, '°') {
        let mut b2 = [0u8; 24];
        let u = match cx.lower(k + 1, &mut b2) {
            "c" | "celsius" => Some("celsius"),
            "f" | "fahrenheit" => Some("fahrenheit"),
            _ => None,
        };
        return Some(match u {
            Some(u) => UnitHit::new(Kind::Measure, u, 1.0, k + 2),
            None => UnitHit::new(Kind::Measure, "degree", 1.0, k + 1),
        });
    }
    match w {
        "percent" | "pct" | "percentage" | "percents" => {
            if cx.is(k + 1, "points") || cx.is(k + 1, "point") {
                return Some(UnitHit::new(Kind::Percent, "percentage point", 1.0, k + 2));
            }
            return Some(UnitHit::new(Kind::Percent, "percent", 1.0, k + 1));
        }
        "per" if cx.is(k + 1, "cent") => {
            return Some(UnitHit::new(Kind::Percent, "percent", 1.0, k + 2))
        }
        _ => {}
    }
    if let Some((unit, factor)) = duration_unit(w).or_else(|| short_duration(w, n, cx.gap(k))) {
        // `a second` is mostly an ordinal; `a second or two` is a duration.
        if n.article && unit == "second" && !cx.is(k + 1, "or") {
            return None;
        }
        if cx.is(k + 1, "old") {
            return Some(UnitHit::new(Kind::Age, unit, factor, k + 2));
        }
        if cx.is(k + 1, "of") && cx.is(k + 2, "age") {
            return Some(UnitHit::new(Kind::Age, unit, factor, k + 3));
        }
        let mut hit = UnitHit::new(Kind::Duration, unit, factor, k + 1);
        // `an hour and a half`
        if let Some((f, e)) = and_a_half(cx, k + 1) {
            hit.plus = f;
            hit.end = e;
        }
        return Some(hit);
    }
    if matches!(w, "yo" | "y.o.") {
        return Some(UnitHit::new(Kind::Age, "year", 1.0, k + 1));
    }
    // `5 square miles`, `2 cubic metres`
    if matches!(w, "square" | "sq" | "cubic") {
        let mut b2 = [0u8; 24];
        if let Some(u) = measure_unit(cx.lower(k + 1, &mut b2)) {
            let prefix = if w == "cubic" { "cu" } else { "sq" };
            return Some(UnitHit::new(
                Kind::Measure,
                &format!("{prefix} {u}"),
                1.0,
                k + 2,
            ));
        }
    }
    // `24703 L-202`, `5m212`: a letter run into more digits names a model.
    // `20 (kg)`, `20 [kg]`: a unit in brackets.
    if matches!(cx.s(k), "(" | "[" | "{" | "<") && matches!(cx.s(k + 2), ")" | "]" | "}" | ">") {
        let mut b2 = [0u8; 24];
        if let Some(u) = measure_unit(cx.lower(k + 1, &mut b2)).filter(|u| u.len() > 1) {
            return Some(UnitHit::new(Kind::Measure, u, 1.0, k + 3));
        }
    }
    // `5 in` at the end of a phrase is inches (`in` before a word is a preposition).
    if w == "in" && !n.words && !cx.word(k + 1) && cx.class(k + 1) != Some(Class::Num) {
        return Some(UnitHit::new(Kind::Measure, "inch", 1.0, k + 1));
    }
    // `190 km2`, `24703m2`: square and cubic units.
    let power = matches!(cx.s(k + 1), "2" | "3" | "²" | "³")
        && !cx.gap(k + 1)
        && !cx.word(k + 2)
        && cx.class(k + 2) != Some(Class::Num);
    if let Some(u) = measure_unit(w).filter(|_| power && cx.word(k)) {
        let prefix = if matches!(cx.s(k + 1), "2" | "²") {
            "sq"
        } else {
            "cu"
        };
        return Some(UnitHit::new(
            Kind::Measure,
            &format!("{prefix} {u}"),
            1.0,
            k + 2,
        ));
    }
    // `24703 L-202`, `5m212`: a letter run into more digits names a model (but
    // `3km-5km` is a range).
    let model = cx.class(k + 1) == Some(Class::Num) && !cx.gap(k + 1)
        || cx.dash(k + 1)
            && !cx.gap(k + 1)
            && cx.class(k + 2) == Some(Class::Num)
            && !unit_word_at(cx, k + 3);
    if let Some(u) = measure_unit(w).filter(|_| !model) {
        // Single letters and short symbols count only after digits (`5 m`, `9mm`),
        // never after number words (`five m`); capitals only for data sizes (`100 MB`).
        let short = w.len() <= 2
            && !matches!(
                w,
                "km" | "cm" | "mm" | "kg" | "lb" | "ft" | "mi" | "oz" | "yd" | "ml" | "dm"
            );
        let data = matches!(u, "kB" | "MB" | "GB" | "TB");
        if short && (n.words || cx.capitalized(k) && w != "l" && !data) {
            return None;
        }
        if u == "degree" {
            let mut b2 = [0u8; 24];
            let t = match cx.lower(k + 1, &mut b2) {
                "celsius" | "c" | "centigrade" | "celcius" | "centigrate" => Some("celsius"),
                "fahrenheit" | "f" | "farenheit" => Some("fahrenheit"),
                _ => None,
            };
            return Some(match t {
                Some(t) => UnitHit::new(Kind::Measure, t, 1.0, k + 2),
                None => UnitHit::new(Kind::Measure, "degree", 1.0, k + 1),
            });
        }
        if u == "caliber" {
            return Some(caliber(n, k + 1));
        }
        // Speeds: `10 kilometers per hour`, `30 miles an hour`, `5 m/s`.
        if let Some((speed, end)) = per_time(cx, u, k + 1) {
            return Some(UnitHit::new(Kind::Measure, speed, 1.0, end));
        }
        return Some(UnitHit::new(Kind::Measure, u, 1.0, k + 1));
    }
    if w == "metric" && (cx.is(k + 1, "tons") || cx.is(k + 1, "ton")) {
        return Some(UnitHit::new(Kind::Measure, "tonne", 1.0, k + 2));
    }
    // `dozens of kilometers`, `thousands of dollars`, `millions of people`; `three
    // quarters of a mile`; a fraction of something else is a share (`a third of`).
    if w == "of"
        && (n.vague_high.is_some() || n.fraction || n.bare_fraction || n.value.fract() != 0.0)
    {
        let mut inner = *n;
        inner.vague_high = None;
        inner.fraction = false;
        inner.bare_fraction = false;
        let u = if cx.is(k + 1, "a") || cx.is(k + 1, "an") {
            k + 2
        } else {
            k + 1
        };
        let mut b2 = [0u8; 24];
        let w2 = cx.lower(u, &mut b2);
        if duration_unit(w2).is_some()
            || measure_unit(w2).is_some() && w2.len() > 2
            || currency_word(w2).is_some()
        {
            return base_unit_after(cx, &inner, u, None);
        }
        if n.fraction || n.bare_fraction {
            return Some(UnitHit::new(Kind::Percent, "percent", 100.0, k + 1));
        }
        n.vague_high?;
        return counted_noun(cx, n, k + 1);
    }
    // `one in five`, `one out of three`: a share.
    let share_at = if w == "in" {
        Some(k + 1)
    } else if w == "out" && cx.is(k + 1, "of") {
        Some(k + 2)
    } else {
        None
    };
    if let Some(d_tok) = share_at.filter(|_| n.words || n.plain) {
        let share = |d: &Number| {
            d.value > n.value
                && !d.article
                && d.vague_high.is_none()
                && !(d.plain && (1800.0..=2100.0).contains(&d.value))
        };
        if let Some(d) = number::parse(cx, d_tok, false).filter(share) {
            if unit_word_at(cx, d.end) {
                return None;
            }
            return Some(UnitHit::new(
                Kind::Percent,
                "percent",
                100.0 / d.value,
                d.end,
            ));
        }
    }
    // `1 over 3`: a fraction (not `over 3 years`, a bound).
    if w == "over" && !n.fraction {
        if let Some(d) = number::parse(cx, k + 1, false)
            .filter(|d| d.value > 0.0 && !d.article && d.vague_high.is_none())
        {
            if !unit_word_at(cx, d.end) && !cx.punct(d.end, '%') {
                return Some(UnitHit::new(Kind::Count, "", 1.0 / d.value, d.end)).map(|mut h| {
                    h.unit = None;
                    h
                });
            }
        }
    }
    if w == "times" {
        return Some(UnitHit::new(Kind::Count, "time", 1.0, k + 1));
    }
    // `2 below zero`: degrees, below zero.
    if w == "below" && cx.is(k + 1, "zero") {
        return Some(UnitHit::new(Kind::Measure, "degree", -1.0, k + 2));
    }
    counted_noun(cx, n, k)
}

/// `per hour`, `an hour`, `/h`, `per second` after a unit of length: the speed unit.
fn per_time(cx: &Cx, length: &str, k: usize) -> Option<(&'static str, usize)> {
    let by = (cx.is(k, "per") || cx.is(k, "an") || cx.is(k, "a")) && cx.word(k + 1)
        || cx.punct_attached(k, '/') && cx.word(k + 1) && !cx.gap(k + 1);
    if !by {
        return None;
    }
    let t = k + 1;
    let mut buf = [0u8; 24];
    let per = match cx.lower(t, &mut buf) {
        "hour" | "hr" | "h" => "hour",
        "second" | "sec" | "s" => "second",
        _ => return None,
    };
    let speed = match (length, per) {
        ("km", "hour") => "km/h",
        ("mile", "hour") => "mph",
        ("m", "second") => "m/s",
        _ => return None,
    };
    Some((speed, t + 1))
}

/// `h` for hours and `quarters` (of a year) after digits.
fn short_duration(w: &str, n: &Number, gap: bool) -> Option<(&'static str, f64)> {
    if n.words {
        return None;
    }
    match w {
        "h" if !gap || n.fraction => Some(("hour", 1.0)),
        "quarters" | "quarter" => Some(("month", 3.0)),
        _ => None,
    }
}

/// A unit word (of time, measure or money) or a percent word at token `k`.
fn unit_word_at(cx: &Cx, k: usize) -> bool {
    let mut buf = [0u8; 24];
    let w = cx.lower(k, &mut buf);
    duration_unit(w).is_some()
        || measure_unit(w).is_some()
        || currency_word(w).is_some()
        || matches!(w, "percent" | "pct")
}

/// `and a half`, `and half`, `and a quarter` after a unit (`an hour and a half`): the
/// fraction and the end.
fn and_a_half(cx: &Cx, k: usize) -> Option<(f64, usize)> {
    if !cx.is(k, "and") {
        return None;
    }
    let d = if cx.is(k + 1, "a") || cx.is(k + 1, "an") {
        k + 2
    } else {
        k + 1
    };
    match cx.s(d).to_ascii_lowercase().as_str() {
        "half" => Some((0.5, d + 1)),
        "quarter" => Some((0.25, d + 1)),
        _ => None,
    }
}

/// `.40-caliber` is inches, `7.62-caliber` and `9mm` are millimetres.
fn caliber(n: &Number, end: usize) -> UnitHit {
    if n.value < 1.0 {
        UnitHit::new(Kind::Measure, "inch", 1.0, end)
    } else {
        UnitHit::new(Kind::Measure, "mm", 1.0, end)
    }
}

/// A hyphenated compound after the number: `-hour`, `-year-old`, `-ton`, `-member`.
fn compound(cx: &Cx, n: &Number, w_tok: usize) -> Option<UnitHit> {
    let mut buf = [0u8; 24];
    let w = cx.lower(w_tok, &mut buf);
    let after = w_tok + 1;
    if let Some((unit, factor)) = duration_unit(w) {
        // `34-year-old`, `12-year old`, `22-month-old`
        if (cx.dash(after) && !cx.gap(after) || cx.gap(after))
            && cx.is(after + usize::from(cx.dash(after)), "old")
        {
            return Some(UnitHit::new(
                Kind::Age,
                unit,
                factor,
                after + 1 + usize::from(cx.dash(after)),
            ));
        }
        if cx.dash(after) && !cx.gap(after) && cx.is(after + 1, "long") {
            return Some(UnitHit::new(Kind::Duration, unit, factor, after + 2));
        }
        return Some(UnitHit::new(Kind::Duration, unit, factor, after));
    }
    if w == "years-old" || w == "year-old" {
        return Some(UnitHit::new(Kind::Age, "year", 1.0, after));
    }
    if let Some(u) = measure_unit(w) {
        if u == "caliber" {
            return Some(caliber(n, after));
        }
        if w.len() > 1 {
            return Some(UnitHit::new(Kind::Measure, u, 1.0, after));
        }
    }
    if matches!(w, "percent" | "per") {
        return Some(UnitHit::new(Kind::Percent, "percent", 1.0, after));
    }
    if let Some((code, f)) = currency_word(w) {
        return Some(UnitHit::new(Kind::Money, code, f, after));
    }
    // `half-life`, `one-third-owned`: a fraction before a noun is not a count.
    if n.fraction || n.bare_fraction {
        return None;
    }
    // A noun made adjective: `168-member`, `16-nation`, `three-stage`. Not `one-time`,
    // `two-way`, `30-something`, `20-plus`.
    if cx.capitalized(w_tok)
        || matches!(
            w,
            "way"
                | "fold"
                | "something"
                | "odd"
                | "plus"
                | "ish"
                | "like"
                | "to"
                | "and"
                | "or"
                | "point"
                | "year-old"
        )
    {
        return None;
    }
    if n.words && n.value == 1.0 {
        return None;
    }
    if w.bytes().all(|b| b.is_ascii_lowercase()) {
        let noun = plural_singular(w).unwrap_or_else(|| w.to_string());
        return Some(UnitHit::new(Kind::Count, &noun, 1.0, after));
    }
    None
}

/// The counted noun after a number at token `k`: up to four modifiers, then the
/// head noun (`two U.S. Capitol Police officers` → `officer`). A unit as head makes a
/// duration or measure (`two extra minutes`).
fn counted_noun(cx: &Cx, n: &Number, k: usize) -> Option<UnitHit> {
    let mut best: Option<(usize, String)> = None;
    let mut t = k;
    let singular_ok = n.value == 1.0 || n.article;
    // Only `more`, `extra`, … so far: a unit after them is what is counted.
    let mut only_modifiers = true;
    for _ in 0..5 {
        if !cx.word(t) || (t > k && !cx.gap(t) && !cx.dash(t - 1)) || cx.toks[t].line_start {
            break;
        }
        let mut buf = [0u8; 24];
        let w = cx.lower(t, &mut buf);
        // `43 more launches`, `two extra minutes`, but `more than`.
        let modifier = matches!(
            w,
            "more" | "extra" | "additional" | "further" | "other" | "fewer" | "less"
        ) && !cx.is(t + 1, "than")
            && cx.word(t + 1);
        if !modifier
            && (w.is_empty()
                || is_stop_word(w)
                || weekday(w).is_some()
                || super::lexicon::month(w).is_some() && cx.capitalized(t))
        {
            break;
        }
        // Number words end the phrase (`two three-bedroom`): stop at them.
        if super::lexicon::num_word(w).is_some() {
            break;
        }
        // Hyphenated modifiers `Hamas-led`, `suitcase-size`: take the whole compound.
        let mut end = t + 1;
        while cx.dash(end) && !cx.gap(end) && cx.word(end + 1) && !cx.gap(end + 1) {
            end += 2;
        }
        let mut b2 = [0u8; 24];
        let head = cx.lower(end - 1, &mut b2);
        if end == t + 1 && t > k && only_modifiers {
            if let Some((unit, factor)) = duration_unit(head) {
                return Some(UnitHit::new(Kind::Duration, unit, factor, end));
            }
        }
        only_modifiers &= modifier;
        if let Some(sing) = plural_singular(head) {
            best = Some((end, sing));
        } else if singular_ok
            && t == k
            && !cx.capitalized(t)
            && head.bytes().all(|b| b.is_ascii_lowercase())
        {
            best = Some((end, head.to_string()));
            break;
        }
        t = end;
        // A plural noun followed by another word that is not a noun ends the phrase.
        if best.as_ref().is_some_and(|b| b.0 == end) && !cx.word(end) {
            break;
        }
    }
    let (end, noun) = best?;
    Some(UnitHit::new(Kind::Count, &noun, 1.0, end))
}

/// The other end of a range starting with `n`: `10 to 15`, `10-15`, `10–15`,
/// `between 10 and 15`, `30 or 40`.
fn range_end(
    cx: &Cx,
    n: &Number,
    k: usize,
    between: bool,
    currency: Option<&'static str>,
    has_unit: bool,
) -> Option<(Number, Option<UnitHit>)> {
    let mut buf = [0u8; 24];
    let w = cx.lower(k, &mut buf);
    let dash = cx.dash(k);
    let ok = match w {
        "to" | "through" => true,
        "and" => between,
        "or" => !between,
        _ => dash || cx.punct(k, '~'),
    };
    if !ok || n.vague_high.is_some() || n.article && w != "or" {
        return None;
    }
    if dash
        && (n.words || has_unit && cx.gap(k))
        && !cx.gap(k + 1)
        && cx.class(k + 1) == Some(Class::Num)
    {
        return None;
    }
    let mut j = k + 1;
    if dash && cx.is(j, "to") {
        j += 1;
        if cx.dash(j) {
            j += 1;
        }
    }
    // `between 2 g and about 7 g`, `2 - ~7 grams`: an approximate far end.
    if cx.punct(j, '~')
        || matches!(
            cx.s(j).to_ascii_lowercase().as_str(),
            "about" | "around" | "approximately" | "roughly"
        )
    {
        j += 1;
    }
    // `$10 to $15`
    if let Some((_, after)) = currency.and_then(|_| money_prefix(cx, j)) {
        j = after;
    }
    if cx.class(j) == Some(Class::Num) && not_a_figure(cx, j, currency.is_some()).is_some() {
        return None;
    }
    let n2 = number::parse(cx, j, currency.is_some())?;
    if n2.article || n2.vague_high.is_some() || (n2.fraction || n2.bare_fraction) && w != "or" {
        return None;
    }
    if n2.value * n2.scale.max(1.0) <= n.value
        && !(n2.scale > 1.0 && n.scale == 1.0 && n.value < n2.value)
    {
        // `11-2`, `5 to 4`: a score or a fall, not a range.
        if w == "or" && n.article {
            // `a second or two`
        } else if n2.value <= n.value {
            return None;
        }
    }
    // `rose from 10 to 15`: a change, not a range.
    if w == "to" && n.first > 0 && cx.is(n.first - 1, "from") {
        let before = n.first.saturating_sub(2);
        let mut b2 = [0u8; 24];
        let v = cx.lower(before, &mut b2);
        if v.ends_with("ed")
            || matches!(
                v,
                "rose"
                    | "fell"
                    | "grew"
                    | "up"
                    | "down"
                    | "cut"
                    | "jumped"
                    | "rise"
                    | "fall"
                    | "risen"
                    | "fallen"
                    | "grown"
            )
        {
            return None;
        }
    }
    let unit2 = if currency.is_some() {
        unit_after(cx, &n2, n2.end, currency)
    } else {
        unit_after(cx, &n2, n2.end, None)
    };
    if w == "or" && unit2.is_none() && !has_unit {
        return None;
    }
    Some((n2, unit2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(plural_singular("officers").as_deref(), Some("officer"));
        assert_eq!(plural_singular("bodies").as_deref(), Some("body"));
        assert_eq!(plural_singular("people").as_deref(), Some("person"));
        assert_eq!(plural_singular("launches").as_deref(), Some("launch"));
        assert_eq!(plural_singular("glass"), None);
        assert_eq!(plural_singular("was"), None);
    }
}

//! Reading one number where it starts: digits (`1,200`, `1.4`, `40 000`, `1.25bn`,
//! `3k`), multipliers (`1.4 million`, `three lakh crore`, `4 thousand 3 hundred and
//! 21`), number words of any size (`two hundred and forty-five thousand`, `a dozen`,
//! `a half million`, `two point five`), fractions and mixed numbers (`2-1/2`, `2 1/2`,
//! `two and a half`, `three-quarters`, `a third`, `five eighths`, `3 million and a
//! half`) and vague plurals (`dozens`, `tens of thousands`). What the number counts
//! or measures is decided by the caller ([`super::scan`]).

use super::lexicon::{
    denominator, num_word, ordinal_unit, plural_scale, short_multiplier, vague_word, NumWord,
};
use super::scan::Cx;
use super::token::Class;

/// A number read from the token list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Number {
    pub value: f64,
    /// First token and one past the last token.
    pub first: usize,
    pub end: usize,
    /// Spelled out in words (`three`), not digits.
    pub words: bool,
    /// One run of digits without separators, decimals, fractions or multipliers
    /// (candidates for years, ages, house numbers).
    pub plain: bool,
    /// Only an article (`a`, `an`): 1, but a figure only before a unit.
    pub article: bool,
    /// The multiplier applied (`million` → 1e6), 1 if none.
    pub scale: f64,
    /// A vague plural (`dozens`): the value is the least it allows, this is the bound
    /// it stays below.
    pub vague_high: Option<f64>,
    /// A fraction word alone (`half`, `quarter`), a figure only before a unit.
    pub bare_fraction: bool,
    /// A fraction (`two thirds`, `1/4`): followed by `of` it reads as a share.
    pub fraction: bool,
}

impl Number {
    fn new(value: f64, first: usize, end: usize) -> Self {
        Number {
            value,
            first,
            end,
            words: false,
            plain: false,
            article: false,
            scale: 1.0,
            vague_high: None,
            bare_fraction: false,
            fraction: false,
        }
    }
}

/// Unicode vulgar fractions.
fn vulgar(s: &str) -> Option<f64> {
    Some(match s {
        "½" => 0.5,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "⅕" => 0.2,
        "⅖" => 0.4,
        "⅗" => 0.6,
        "⅘" => 0.8,
        "⅙" => 1.0 / 6.0,
        "⅚" => 5.0 / 6.0,
        "⅐" => 1.0 / 7.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        "⅑" => 1.0 / 9.0,
        "⅒" => 0.1,
        _ => return None,
    })
}

pub(crate) fn is_vulgar(s: &str) -> bool {
    vulgar(s).is_some()
}

/// The value of a digit token: `1,200.5` → 1200.5; a comma before a group that is not
/// three digits is a decimal comma (`5,00`, `1.111,11`).
pub(crate) fn digits_value(s: &str) -> f64 {
    let decimal_comma = s.matches(',').count() == 1
        && s.rsplit_once(',')
            .is_some_and(|(_, tail)| tail.len() != 3 && tail.bytes().all(|b| b.is_ascii_digit()));
    let point = if decimal_comma { b',' } else { b'.' };
    let mut v = 0.0f64;
    let mut frac = 0.0f64;
    let mut scale = 1.0f64;
    let mut after_point = false;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                let d = f64::from(b - b'0');
                if after_point {
                    scale /= 10.0;
                    frac += d * scale;
                } else {
                    v = v * 10.0 + d;
                }
            }
            _ if b == point => after_point = true,
            _ => {}
        }
    }
    v + frac
}

/// A proper fraction `n/d` written with digits at token `i` (`1/2`, `3/4`), if any.
/// `9/11`, `24/7` and dates are not: the denominator must be a usual one.
pub(crate) fn slash_fraction(cx: &Cx, i: usize) -> Option<(f64, usize)> {
    if cx.class(i) != Some(Class::Num)
        || !cx.punct_attached(i + 1, '/')
        || cx.class(i + 2) != Some(Class::Num)
        || cx.gap(i + 2)
        || cx.punct_attached(i + 3, '/')
    {
        return None;
    }
    let (a, b) = (cx.s(i), cx.s(i + 2));
    if a.contains(['.', ',']) || b.contains(['.', ',']) {
        return None;
    }
    let (n, d) = (digits_value(a), digits_value(b));
    let usual = matches!(
        d as u32,
        2 | 3 | 4 | 5 | 6 | 8 | 10 | 16 | 20 | 32 | 64 | 100 | 1000
    );
    (n >= 1.0 && n < d && usual).then_some((n / d, i + 3))
}

/// Reads the number that starts at token `i`. `money` says a currency sign came just
/// before, which makes `m`/`b` after digits multipliers.
pub(crate) fn parse(cx: &Cx, i: usize, money: bool) -> Option<Number> {
    let mut n = match cx.class(i)? {
        Class::Num => parse_digits(cx, i, money)?,
        Class::Word => parse_words(cx, i)?,
        Class::Punct => {
            let v = vulgar(cx.s(i))?;
            let mut n = Number::new(v, i, i + 1);
            n.fraction = true;
            n
        }
    };
    if n.fraction || n.bare_fraction {
        fraction_scale(cx, &mut n);
    }
    Some(n)
}

/// `a half million`, `three quarters billion`, `two thirds of a million`: a fraction
/// of a multiplier.
fn fraction_scale(cx: &Cx, n: &mut Number) {
    let mut buf = [0u8; 24];
    let mut k = n.end;
    if cx.is(k, "of") && cx.is(k + 1, "a") {
        k += 2;
    }
    if let Some(NumWord::Scale(s)) = num_word(cx.lower(k, &mut buf)) {
        n.value *= s;
        n.scale = s;
        n.end = k + 1;
        n.fraction = false;
        n.bare_fraction = false;
    }
}

fn parse_digits(cx: &Cx, i: usize, money: bool) -> Option<Number> {
    let s = cx.s(i);
    // `1/2`, `3/4 cup`
    if let Some((f, end)) = slash_fraction(cx, i) {
        let mut n = Number::new(f, i, end);
        n.fraction = true;
        return Some(n);
    }
    let mut n = Number::new(digits_value(s), i, i + 1);
    n.plain = s.bytes().all(|b| b.is_ascii_digit());
    let mut j = i + 1;
    // Digits grouped by spaces: `40 000`, `1 414 021 100`.
    if n.plain && s.len() <= 3 {
        let mut v = n.value;
        let mut k = j;
        while cx.class(k) == Some(Class::Num) && single_space_before(cx, k) {
            let g = cx.s(k);
            let (int, frac) = g.split_once('.').unwrap_or((g, ""));
            if int.len() != 3 || !int.bytes().all(|b| b.is_ascii_digit()) || g.contains(',') {
                break;
            }
            v = v * 1000.0 + digits_value(g);
            k += 1;
            if !frac.is_empty() {
                break;
            }
        }
        if k > j {
            n.value = v;
            n.plain = false;
            j = k;
        }
    }
    // Mixed numbers: `2 1/2`, `2-1/2`, `2½`.
    if n.plain {
        let k = if cx.punct_attached(j, '-') && !cx.gap(j + 1) {
            j + 1
        } else {
            j
        };
        if k == j && cx.class(j) == Some(Class::Num) && cx.gap(j) || k == j + 1 {
            if let Some((f, end)) = slash_fraction(cx, k) {
                n.value += f;
                n.plain = false;
                j = end;
            }
        }
        if let Some(f) = vulgar(cx.s(j)) {
            n.value += f;
            n.plain = false;
            j += 1;
        }
    }
    // Multipliers written onto the digits or after a space: `3k`, `1.4m`, `10 bln`.
    let mut buf = [0u8; 24];
    if cx.word(j) {
        let raw = cx.s(j);
        let attached = !cx.gap(j);
        let mult = match raw {
            "b" if attached => Some(1e9),
            "m" if attached => (money || cx.looks_plural_word(j + 1)).then_some(1e6),
            "B" if !attached && !money => None,
            _ => short_multiplier(raw).or_else(|| {
                let w = cx.lower(j, &mut buf);
                (w != raw && w.len() > 2)
                    .then(|| short_multiplier(w))
                    .flatten()
            }),
        };
        if let Some(m) = mult {
            n.value *= m;
            n.scale = m;
            n.plain = false;
            j += 1;
        }
    }
    // `1.4 million`, `35 lakh crore`, `3 dozens`, `4 thousand 3 hundred and 21`.
    j = multipliers(cx, &mut n, j, true);
    n.end = j;
    after_whole(cx, &mut n, false);
    Some(n)
}

/// Only one plain space (or a narrow no-break space) separates token `k` from the one
/// before: digit groups are written so, list items are not.
fn single_space_before(cx: &Cx, k: usize) -> bool {
    let prev_end = cx.toks[k - 1].end;
    let between = &cx.text[prev_end..cx.toks[k].start];
    matches!(between, " " | "\u{202f}" | "\u{a0}")
}

/// Applies multiplier words from token `j` on (`million`, `lakh crore`, `dozens`) and,
/// after a multiplier, a smaller number that continues it (`3 hundred and 21`).
/// Returns the token after them.
fn multipliers(cx: &Cx, n: &mut Number, mut j: usize, digits: bool) -> usize {
    let mut buf = [0u8; 24];
    let mut last_mult = 0.0f64;
    loop {
        let w = cx.lower(j, &mut buf);
        let nw = num_word(w).or_else(|| plural_scale(w));
        match nw {
            Some(NumWord::Scale(s)) => {
                n.value *= s;
                n.scale *= s;
                last_mult = s;
            }
            Some(NumWord::Hundred) if last_mult == 0.0 => {
                n.value *= 100.0;
                n.scale *= 100.0;
                last_mult = 100.0;
            }
            Some(NumWord::Dozen) if last_mult == 0.0 => {
                n.value *= 12.0;
                last_mult = 12.0;
            }
            _ => break,
        }
        n.plain = false;
        j += 1;
    }
    // `4 thousand 3 hundred and 21`: a smaller number continues the multiplied one.
    if digits && last_mult >= 100.0 {
        let k = if cx.is(j, "and") { j + 1 } else { j };
        let next = match cx.class(k) {
            Some(Class::Num) if cx.s(k).bytes().all(|b| b.is_ascii_digit()) => {
                parse_digits(cx, k, false)
            }
            Some(Class::Word) if num_word(cx.lower(k, &mut buf)).is_some() => parse_words(cx, k),
            _ => None,
        };
        let and = k > j;
        if let Some(rest) =
            next.filter(|r| r.value < last_mult && (r.value > 0.0 || !and) && !r.fraction)
        {
            n.value += rest.value;
            j = rest.end;
        }
    }
    j
}

/// What may follow a whole number: a denominator (`five eighths`), `and a half`
/// (`3 million and a half`), a spoken decimal (`two point five`).
fn after_whole(cx: &Cx, n: &mut Number, words: bool) {
    if words {
        if let Some((v, end)) = denominator_after(cx, n.end, n.value) {
            n.value = v;
            n.end = end;
            n.fraction = true;
            n.scale = 1.0;
            return;
        }
    }
    if let Some((f, end, then)) = and_fraction(cx, n.end) {
        match then {
            // `two and a half million`
            Some(s) if n.scale < 1000.0 => {
                n.value = (n.value + f) * s;
                n.scale = s;
            }
            // `one billion and a half million`
            Some(s) => n.value += f * s,
            // `3 million and a half`
            None if n.scale >= 1000.0 => n.value += f * n.scale,
            None => n.value += f,
        }
        n.end = end;
        n.plain = false;
        return;
    }
    if let Some((d, end)) = spoken_decimal(cx, n.end) {
        n.value += if n.value < 0.0 { -d } else { d };
        n.plain = false;
        // `two point two million`
        n.end = multipliers(cx, n, end, false);
    }
}

/// A denominator at `k` after a numerator worth `num`: `fifths`, `-eighths`,
/// `twenty-firsts`, `hundredth`. Returns the fraction's value and the token after it.
fn denominator_after(cx: &Cx, k: usize, num: f64) -> Option<(f64, usize)> {
    let mut buf = [0u8; 24];
    // `thirty-fifths` ending a number: the tens belong to the denominator
    // (`one hundred thirty-fifths` is 100/35).
    if k > 0 && cx.dash(k) && !cx.gap(k) && !cx.gap(k + 1) {
        if let Some(NumWord::Tens(t)) = num_word(cx.lower(k - 1, &mut buf)) {
            let mut b2 = [0u8; 24];
            if let Some(u) = ordinal_unit(cx.lower(k + 1, &mut b2)) {
                let rest = num - t;
                if rest >= 1.0 {
                    return Some((rest / (t + u), k + 2));
                }
            }
        }
    }
    let k = if cx.dash(k) && cx.word(k + 1) {
        k + 1
    } else {
        k
    };
    let w = cx.lower(k, &mut buf);
    if let Some((d, plural)) = denominator(w) {
        let agrees = if num == 1.0 {
            !plural
        } else {
            plural || w == "half"
        };
        return (agrees && num >= 1.0).then_some((num / d, k + 1));
    }
    // `twenty-firsts`, `twenty first`
    if let Some(NumWord::Tens(t)) = num_word(w) {
        let hyphen = cx.dash(k + 1) && !cx.gap(k + 1) && !cx.gap(k + 2);
        let u_tok = if hyphen { k + 2 } else { k + 1 };
        let mut b2 = [0u8; 24];
        let uw = cx.lower(u_tok, &mut b2);
        if let Some(u) = ordinal_unit(uw) {
            if hyphen || uw.starts_with("first") {
                return Some((num / (t + u), u_tok + 1));
            }
        }
    }
    None
}

/// A compound ordinal denominator at `k` (`twenty-first`), as after `a`.
pub(crate) fn starts_ordinal_fraction(cx: &Cx, k: usize) -> bool {
    denominator_after(cx, k, 1.0).is_some()
}

/// `and a half`, `-and-a-half`, `and three quarters`, `and a half million` at token
/// `j`: the fraction, the token after it, and the multiplier written after the
/// fraction, if any.
fn and_fraction(cx: &Cx, j: usize) -> Option<(f64, usize, Option<f64>)> {
    let mut k = j;
    let hyphen = cx.punct_attached(k, '-');
    if hyphen {
        k += 1;
    }
    if !cx.is(k, "and") {
        return None;
    }
    k += 1;
    if hyphen && cx.punct_attached(k, '-') {
        k += 1;
    }
    let mut buf = [0u8; 24];
    let (num, mut d_tok) = match cx.lower(k, &mut buf) {
        "a" | "an" => (1.0, k + 1),
        w if denominator(w).is_some() => (1.0, k),
        _ => {
            let n = spelled(cx, k, 0.0, None)?;
            (n.value, n.end)
        }
    };
    if hyphen && cx.punct_attached(d_tok, '-') {
        d_tok += 1;
    }
    let w = cx.lower(d_tok, &mut buf);
    let (d, _) = denominator(w)?;
    let f = num / d;
    if f >= 1.0 {
        return None;
    }
    let end = d_tok + 1;
    let mut b2 = [0u8; 24];
    match num_word(cx.lower(end, &mut b2)) {
        Some(NumWord::Scale(s)) => Some((f, end + 1, Some(s))),
        _ => Some((f, end, None)),
    }
}

/// `point five`, `point seventy-one`, `point nought four` at token `j`: the decimal
/// part and the token after it.
fn spoken_decimal(cx: &Cx, j: usize) -> Option<(f64, usize)> {
    if !cx.is(j, "point") {
        return None;
    }
    let mut digits = String::new();
    let mut k = j + 1;
    let mut buf = [0u8; 24];
    loop {
        if cx.class(k) == Some(Class::Num) && cx.s(k).bytes().all(|b| b.is_ascii_digit()) {
            digits.push_str(cx.s(k));
            k += 1;
            break;
        }
        match num_word(cx.lower(k, &mut buf)) {
            Some(NumWord::Digit(d)) => digits.push(char::from(b'0' + d as u8)),
            Some(NumWord::Teen(t)) => digits.push_str(&(t as u32).to_string()),
            Some(NumWord::Tens(t)) => {
                let mut v = t as u32;
                let mut b2 = [0u8; 24];
                if cx.dash(k + 1) && !cx.gap(k + 1) {
                    if let Some(NumWord::Digit(d)) = num_word(cx.lower(k + 2, &mut b2)) {
                        v += d as u32;
                        k += 2;
                    }
                }
                digits.push_str(&v.to_string());
            }
            _ => break,
        }
        k += 1;
        if digits.len() > 12 {
            break;
        }
    }
    if digits.is_empty() {
        return None;
    }
    let v: f64 = format!("0.{digits}").parse().ok()?;
    Some((v, k))
}

fn parse_words(cx: &Cx, i: usize) -> Option<Number> {
    let mut buf = [0u8; 24];
    let w = cx.lower(i, &mut buf);
    match w {
        "a" | "an" => return parse_article(cx, i),
        "half" | "quarter" => {
            let mut n = Number::new(if w == "half" { 0.5 } else { 0.25 }, i, i + 1);
            n.words = true;
            n.bare_fraction = true;
            if w == "half" {
                half_of(cx, &mut n);
            }
            return Some(n);
        }
        _ => {}
    }
    if let Some((low, high)) = vague_word(w) {
        return Some(parse_vague(cx, i, low, high));
    }
    if w == "tens" && cx.is(i + 1, "of") {
        let mut b2 = [0u8; 24];
        let (low, _) = vague_word(cx.lower(i + 2, &mut b2)).filter(|v| v.0 >= 1000.0)?;
        let unit = low / 2.0;
        let mut n = Number::new(20.0 * unit, i, i + 3);
        n.words = true;
        n.vague_high = Some(100.0 * unit);
        return Some(n);
    }
    num_word(w)?;
    let mut n = spelled(cx, i, 0.0, None)?;
    n.words = true;
    let from = n.end;
    let j = multipliers(cx, &mut n, from, false);
    n.end = j;
    after_whole(cx, &mut n, true);
    Some(n)
}

/// A spelled-out whole number from token `i`, starting from `start` already counted
/// (1 after `a`) with `start_last` the role of the word before.
fn spelled(cx: &Cx, i: usize, start: f64, start_last: Option<NumWord>) -> Option<Number> {
    use NumWord::*;
    let mut buf = [0u8; 24];
    let mut total = 0.0f64;
    let mut cur = start;
    let mut last = start_last;
    let mut last_scale = f64::INFINITY;
    let mut scale = 1.0f64;
    // What `cur` held after its hundreds: `dozen` multiplies only what follows them
    // (`three hundred and two dozen` is 324).
    let mut hundreds = 0.0f64;
    let mut j = i;
    let mut end = i;
    loop {
        let w = cx.lower(j, &mut buf);
        let nw = match num_word(w) {
            Some(nw) => nw,
            None if last.is_some() && plural_scale(w).is_some() => plural_scale(w)?,
            None => {
                // `and` inside a number: `two hundred and five`; but not before a
                // fraction it starts (`one hundred and three quarters`).
                if w == "and"
                    && matches!(last, Some(Hundred | Scale(_)))
                    && !and_starts_fraction(cx, j + 1)
                {
                    let mut b2 = [0u8; 24];
                    if let Some(Digit(_) | Teen(_) | Tens(_)) = num_word(cx.lower(j + 1, &mut b2)) {
                        j += 1;
                        continue;
                    }
                }
                break;
            }
        };
        let ok = match (last, nw) {
            (None, Digit(v) | Teen(v) | Tens(v)) => {
                cur = v;
                true
            }
            (Some(Tens(_)), Digit(v)) if v > 0.0 && cur % 10.0 == 0.0 => {
                cur += v;
                true
            }
            (Some(Hundred), Digit(v) | Teen(v) | Tens(v)) => {
                cur += v;
                true
            }
            (Some(Scale(_)), Digit(v) | Teen(v) | Tens(v)) => {
                cur = v;
                hundreds = 0.0;
                true
            }
            (Some(Digit(_) | Teen(_) | Tens(_)), Hundred) if cur < 100.0 => {
                cur *= 100.0;
                hundreds = cur;
                scale = scale.max(100.0);
                true
            }
            (Some(Scale(_)), Scale(s)) => {
                total *= s;
                scale *= s;
                last_scale = s.max(last_scale);
                true
            }
            (Some(Digit(_) | Teen(_) | Tens(_) | Hundred), Scale(s)) if s < last_scale => {
                total += cur * s;
                cur = 0.0;
                last_scale = s;
                scale = s;
                true
            }
            (Some(Digit(_) | Teen(_) | Tens(_)), Dozen) => {
                cur = hundreds + (cur - hundreds) * 12.0;
                true
            }
            (Some(Hundred), Dozen) => {
                cur *= 12.0;
                true
            }
            _ => false,
        };
        if !ok {
            break;
        }
        last = Some(nw);
        j += 1;
        end = j;
        // Hyphenated tens and units: `forty-five`, `fifty - two`.
        if matches!(nw, Tens(_)) && cx.dash(j) && cx.word(j + 1) {
            let mut b2 = [0u8; 24];
            if let Some(Digit(d)) = num_word(cx.lower(j + 1, &mut b2)) {
                if d > 0.0 {
                    j += 1;
                }
            }
        }
        if matches!(nw, Dozen) {
            break;
        }
    }
    if end == i {
        return None;
    }
    let mut n = Number::new(total + cur, i, end);
    n.scale = if total > 0.0 && cur == 0.0 {
        scale
    } else {
        1.0
    };
    Some(n)
}

/// Whether `and` at `k - 1` starts a fraction (`and three quarters`): a small number
/// whose value over the denominator after it is below one.
fn and_starts_fraction(cx: &Cx, k: usize) -> bool {
    let mut buf = [0u8; 24];
    let (num, d_tok) = match num_word(cx.lower(k, &mut buf)) {
        Some(NumWord::Digit(v) | NumWord::Teen(v)) => (v, k + 1),
        Some(NumWord::Tens(t)) => {
            let mut b2 = [0u8; 24];
            if cx.dash(k + 1)
                && matches!(num_word(cx.lower(k + 2, &mut b2)), Some(NumWord::Digit(_)))
            {
                let Some(NumWord::Digit(d)) = num_word(cx.lower(k + 2, &mut b2)) else {
                    return false;
                };
                (t + d, k + 3)
            } else {
                (t, k + 1)
            }
        }
        _ => return false,
    };
    denominator(cx.lower(d_tok, &mut buf)).is_some_and(|(d, _)| num / d < 1.0)
}

/// After `a`/`an`: `a dozen`, `a hundred`, `a million`, `a half million`, `a third`,
/// `a hundredth`; otherwise the article alone (value 1).
fn parse_article(cx: &Cx, i: usize) -> Option<Number> {
    let mut buf = [0u8; 24];
    let w = cx.lower(i + 1, &mut buf);
    // `a twenty-first`
    if let Some((v, end)) = denominator_after(cx, i + 1, 1.0).filter(|d| !cx.word(d.1)) {
        let mut n = Number::new(v, i, end);
        n.words = true;
        n.fraction = true;
        return Some(n);
    }
    match num_word(w) {
        Some(NumWord::Hundred | NumWord::Scale(_) | NumWord::Dozen) => {
            let mut n = spelled(cx, i + 1, 1.0, Some(NumWord::Digit(1.0)))?;
            n.first = i;
            n.words = true;
            let from = n.end;
            let j = multipliers(cx, &mut n, from, false);
            n.end = j;
            after_whole(cx, &mut n, true);
            return Some(n);
        }
        Some(_) => return None,
        None => {}
    }
    if let Some((d, plural)) = denominator(w) {
        // `an eighth-grader`, `a third-party`: an ordinal made adjective.
        if plural || cx.dash(i + 2) && !cx.gap(i + 2) && cx.word(i + 3) {
            return None;
        }
        let mut n = Number::new(1.0 / d, i, i + 2);
        n.words = true;
        // `a half` and `a quarter` alone wait for a unit, and so does `a fifth` before
        // a word other than `of` (`a fifth victim` is an ordinal); `a fifth` is a number.
        let before_word = cx.word(i + 2) && !cx.is(i + 2, "of");
        if matches!(w, "half" | "quarter") || before_word {
            n.bare_fraction = true;
        } else {
            n.fraction = true;
        }
        return Some(n);
    }
    if cx.is(i + 1, "couple") && cx.is(i + 2, "of") || cx.is(i + 1, "pair") && cx.is(i + 2, "of") {
        let mut n = Number::new(2.0, i, i + 2);
        n.words = true;
        return Some(n);
    }
    let mut n = Number::new(1.0, i, i + 1);
    n.words = true;
    n.article = true;
    Some(n)
}

/// `half a dozen`, `half a million`, `half an hour`, `half million`.
fn half_of(cx: &Cx, n: &mut Number) {
    let i = n.first;
    let mut buf = [0u8; 24];
    let k = if cx.is(i + 1, "a") || cx.is(i + 1, "an") {
        i + 2
    } else {
        i + 1
    };
    match num_word(cx.lower(k, &mut buf)) {
        Some(NumWord::Dozen) if k == i + 2 => {
            n.value = 6.0;
            n.bare_fraction = false;
            n.end = k + 1;
        }
        Some(NumWord::Scale(s)) => {
            n.value = 0.5 * s;
            n.scale = s;
            n.bare_fraction = false;
            n.end = k + 1;
        }
        Some(NumWord::Hundred) if k == i + 2 => {
            n.value = 50.0;
            n.bare_fraction = false;
            n.end = k + 1;
        }
        _ if k == i + 2 => n.end = k,
        _ => {}
    }
}

/// `dozens`, `hundreds of thousands`, `thousands`, `multibillion`.
fn parse_vague(cx: &Cx, i: usize, low: f64, high: f64) -> Number {
    let mut n = Number::new(low, i, i + 1);
    n.words = true;
    n.vague_high = Some(high);
    // `hundreds of thousands`, `dozens of millions`
    if cx.is(i + 1, "of") {
        let mut buf = [0u8; 24];
        if let Some((l2, _)) = vague_word(cx.lower(i + 2, &mut buf)).filter(|v| v.0 >= 1000.0) {
            let unit = l2 / 2.0;
            n.value = low * unit;
            n.vague_high = Some(high * unit);
            n.end = i + 3;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::token::tokenize;

    fn read(s: &str) -> Option<(f64, String)> {
        let mut toks = Vec::new();
        tokenize(s, &mut toks);
        let cx = Cx::new(s, &toks);
        let n = parse(&cx, 0, false)?;
        let span = &s[toks[n.first].start..toks[n.end - 1].end];
        Some((n.value, span.to_string()))
    }

    fn val(s: &str) -> f64 {
        read(s).map(|r| r.0).unwrap_or(f64::NAN)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn digits_and_multipliers() {
        assert_eq!(val("1,200 people"), 1200.0);
        assert_eq!(val("1.4 million"), 1_400_000.0);
        assert_eq!(val("1.25bn"), 1_250_000_000.0);
        assert_eq!(val("3k runners"), 3000.0);
        assert_eq!(val("35 lakh crore"), 35e12);
        assert_eq!(val("2-1/2 hour"), 2.5);
        assert_eq!(val("2 1/2 hours"), 2.5);
        assert_eq!(val(".40"), 0.4);
        assert_eq!(val("3/4 cup"), 0.75);
        assert_eq!(val("40 000 seats"), 40_000.0);
        assert_eq!(val("5,00"), 5.0);
        assert_eq!(val("4 thousand 3 hundred and 21"), 4321.0);
        assert_eq!(val("3 million and a half"), 3_500_000.0);
        assert_eq!(val("200 dozens"), 2400.0);
    }

    #[test]
    fn words() {
        assert_eq!(val("two hundred and forty-five thousand"), 245_000.0);
        assert_eq!(val("a dozen eggs"), 12.0);
        assert_eq!(val("a half million"), 500_000.0);
        assert_eq!(val("half a million"), 500_000.0);
        assert_eq!(val("one and a half"), 1.5);
        assert_eq!(val("two-and-a-half weeks"), 2.5);
        assert_eq!(val("three-quarters"), 0.75);
        assert!(close(val("two thirds"), 2.0 / 3.0));
        assert!(close(val("a third of"), 1.0 / 3.0));
        assert_eq!(val("half a dozen"), 6.0);
        assert_eq!(val("twenty one"), 21.0);
        assert_eq!(val("three lakh crore"), 3e12);
        assert_eq!(val("one thousand and five hundred"), 1500.0);
        assert_eq!(val("two and a half million"), 2_500_000.0);
        assert_eq!(read("one two").unwrap().1, "one");
        assert_eq!(val("tens of thousands"), 20_000.0);
        assert_eq!(val("hundreds of thousands"), 200_000.0);
        assert_eq!(val("dozens"), 24.0);
        assert_eq!(val("five eighths"), 0.625);
        assert!(close(val("one hundred and three quarters"), 100.75));
        assert!(close(val("two hundred point seventy-one"), 200.71));
        assert!(close(val("one hundred thirty-fifths"), 100.0 / 35.0));
        assert_eq!(val("one billion and a half million"), 1_000_500_000.0);
        assert_eq!(val("five billion and three quarters"), 5_750_000_000.0);
    }
}

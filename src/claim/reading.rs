//! Per-article reading (the `context` step) of what each figure measures: the noun it counts or modifies
//! with its modifiers, the predicate that governs it, the names and roles of the
//! person an age belongs to, qualifiers that change the reference ("initially",
//! "more", "other", "including"), a named time zone, and the content words of its
//! clause weighted by clause distance — so that two figures in one sentence get
//! different contexts.

use super::lexicon;
use super::term::Term;
use super::text::{self, Token};
use super::FigureContext;
use crate::entity::{EntityKind, Mention};
use crate::figure::{Figure, Kind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

/// Classes of words that act as the event a figure belongs to.
const EVENT_CLASSES: &[&str] = &[
    "kill", "injure", "shoot", "strike", "hospital", "launch", "cost", "weigh", "meet", "arrest",
    "charge", "announce",
];

/// Words that change what a figure refers to even when noun and predicate match.
const QUALIFIERS: &[&str] = &[
    "initially",
    "first",
    "later",
    "now",
    "currently",
    "originally",
    "previously",
    "earlier",
    "another",
    "additional",
    "remaining",
    "including",
    "included",
    "total",
    "alone",
    "combined",
    "each",
    "per",
    "former",
    "last",
    "next",
    "still",
    "again",
    "before",
    "after",
    "since",
];

const WEEKDAYS_MONTHS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "today",
    "yesterday",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
];

/// Number words: values, not context.
const NUMBER_WORDS: &[&str] = &[
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
    "eleven",
    "twelve",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "half",
    "twice",
    "single",
    "double",
    "triple",
];

/// Nouns that only frame a quantity ("over the course of two hours", "a total of $5
/// million", "a period of six months"): the phrase says nothing about what is measured,
/// so the noun is looked for elsewhere, never taken from the frame.
const FRAME_NOUNS: &[&str] = &[
    "course", "span", "period", "space", "total", "sum", "amount", "stretch", "spell", "duration",
    "tune", "upwards", "excess", "matter",
];

/// Event classes whose noun names a thing that lasts: the subject of a duration.
const LASTING_EVENTS: &[&str] = &["meet", "spacewalk", "launchvehicle"];

/// Tokens on each side of a figure that its context may draw on.
const WINDOW: usize = 40;

/// Proximity weight of a word at clause distance `d` from the figure.
fn proximity(d: f32) -> f32 {
    1.0 / (1.0 + d / 3.0)
}

struct Article<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    /// Sentence index of each token.
    sentence_of: Vec<usize>,
    sentences: Vec<std::ops::Range<usize>>,
    /// Lower-case words the article writes in lower case somewhere: not names.
    common: HashSet<&'t str>,
    /// Role words found near each name word anywhere in the article.
    name_roles: HashMap<String, Vec<String>>,
    person_spans: Vec<crate::span::ByteSpan>,
    /// Whether each token is a name word (see [`Article::name_at`]).
    names: Vec<bool>,
    /// Synonym class of each word's stem ("killed" → "kill"); empty for other tokens.
    /// Read once per token: every figure's clause looks at the same words.
    classes: Vec<String>,
    /// Clause distance from the start of the article to each token, and one past the
    /// end: the distance between two tokens is a difference.
    cost_before: Vec<f32>,
}

impl<'t> Article<'t> {
    fn new(text: &'t str, mentions: &[Mention]) -> Self {
        let tokens = text::tokenize(text);
        let sentences = text::sentences(&tokens);
        let mut sentence_of = vec![0; tokens.len()];
        for (s, r) in sentences.iter().enumerate() {
            for i in r.clone() {
                sentence_of[i] = s;
            }
        }
        let mut common = HashSet::default();
        for t in &tokens {
            if t.is_word && !t.capitalised && !t.is_number {
                common.insert(&text[t.span.start..t.span.end]);
            }
        }
        let mut person_spans: Vec<crate::span::ByteSpan> = mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Person)
            .map(|m| m.span)
            .collect();
        person_spans.sort();
        let classes = tokens
            .iter()
            .map(|t| {
                if t.is_word {
                    lexicon::canonical(&lexicon::stem(&t.lower))
                } else {
                    String::new()
                }
            })
            .collect();
        let mut cost_before = Vec::with_capacity(tokens.len() + 1);
        let mut sum = 0.0f32;
        cost_before.push(sum);
        for t in &tokens {
            sum += text::boundary_cost(t);
            cost_before.push(sum);
        }
        let mut article = Article {
            text,
            tokens,
            sentence_of,
            sentences,
            common,
            name_roles: HashMap::default(),
            person_spans,
            names: Vec::new(),
            classes,
            cost_before,
        };
        article.names = (0..article.tokens.len())
            .map(|i| article.name_at(i))
            .collect();
        article.name_roles = article.collect_name_roles();
        article
    }

    fn is_name(&self, i: usize) -> bool {
        self.names[i]
    }

    /// A token as the article writes it.
    fn text_of(&self, t: &Token) -> &'t str {
        &self.text[t.span.start..t.span.end]
    }

    /// Clause distance covered by the tokens `from..to`.
    fn cost(&self, from: usize, to: usize) -> f32 {
        self.cost_before[to] - self.cost_before[from]
    }

    fn name_at(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if !t.is_word || !t.capitalised || t.is_number {
            return false;
        }
        let k = self.person_spans.partition_point(|s| s.end <= t.span.start);
        if self.person_spans.get(k).is_some_and(|s| s.overlaps(t.span)) {
            return true;
        }
        if WEEKDAYS_MONTHS.contains(&t.lower.as_str()) || lexicon::is_stop(&t.lower) {
            return false;
        }
        let sentence_start = self.sentences[self.sentence_of[i]].start == i;
        if !sentence_start {
            return true;
        }
        // A capitalised first word is a name only if the article never writes it lower-case
        // and the next word is capitalised too ("Dennis Clark fled").
        !self.common.contains(t.lower.as_str())
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|n| n.capitalised && n.is_word)
    }

    /// Role words within three tokens of every name word, across the article: a name
    /// met once as "his girlfriend, Justine Baez" carries "girlfriend" everywhere.
    fn collect_name_roles(&self) -> HashMap<String, Vec<String>> {
        // Only words that may stand between a name and its role in apposition:
        // "girlfriend as Justine Baez", "victim Scobee", "Ann Lee, the mother".
        const GLUE: &[&str] = &[",", "as", "the", "a", "an", "his", "her", "their", "its"];
        let mut out: HashMap<String, Vec<String>> = HashMap::default();
        let mut i = 0;
        while i < self.tokens.len() {
            if !self.is_name(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < self.tokens.len()
                && (self.is_name(j + 1)
                    || (self.tokens[j + 1].lower.len() == 1 && self.tokens[j + 1].capitalised)
                    || self.tokens[j + 1].lower == ".")
                && self.sentence_of[j + 1] == self.sentence_of[i]
            {
                j += 1;
            }
            let r = &self.sentences[self.sentence_of[i]];
            let mut found = Vec::new();
            let left = (r.start..i).rev().take(3);
            let right = (j + 1..r.end).take(4);
            for side in [left.collect::<Vec<_>>(), right.collect::<Vec<_>>()] {
                for k in side {
                    let t = &self.tokens[k];
                    if GLUE.contains(&t.lower.as_str()) {
                        continue;
                    }
                    if t.is_word
                        && !t.capitalised
                        && lexicon::role(&lexicon::stem(&t.lower)).is_some()
                    {
                        found.push(t.lower.clone());
                    }
                    break;
                }
            }
            for k in i..=j {
                if self.tokens[k].is_word {
                    let roles = out.entry(self.tokens[k].lower.clone()).or_default();
                    for w in &found {
                        if !roles.contains(w) {
                            roles.push(w.clone());
                        }
                    }
                }
            }
            i = j + 1;
        }
        out
    }

    /// Clause distance from each token of the figure's sentence to the figure.
    fn distances(&self, first: usize, last: usize) -> Vec<(usize, f32)> {
        let r = &self.sentences[self.sentence_of[first]];
        // Words farther away weigh next to nothing; a window keeps huge "sentences"
        // (tables, run-on lines) linear.
        let r = r.start.max(first.saturating_sub(WINDOW))..r.end.min(last + 1 + WINDOW);
        let mut out = Vec::new();
        let mut d = 0.0;
        for i in (r.start..first).rev() {
            out.push((i, d));
            d += text::boundary_cost(&self.tokens[i]);
        }
        for i in first..=last {
            out.push((i, 0.0));
        }
        d = 0.0;
        for i in last + 1..r.end {
            out.push((i, d));
            d += text::boundary_cost(&self.tokens[i]);
        }
        out
    }
}

/// Whether two figures are coordinated ("two men and two women", "one woman and four
/// men were shot"): then they share their clause instead of splitting it.
fn coordinated(toks: &[Token], a: (usize, usize), b: (usize, usize)) -> bool {
    let (left, right) = if a.0 < b.0 { (a, b) } else { (b, a) };
    if left.1 >= right.0 {
        return false;
    }
    let between = &toks[left.1 + 1..right.0];
    !between.is_empty()
        && between.len() <= 2
        && between
            .iter()
            .all(|t| matches!(t.lower.as_str(), "and" | "or" | "," | "plus"))
}

/// Token indices a figure covers: first and last.
fn covered(tokens: &[Token], figure: &Figure) -> Option<(usize, usize)> {
    let first = tokens.partition_point(|t| t.span.end <= figure.span.start);
    if first >= tokens.len() {
        return None;
    }
    let mut last = first;
    while last + 1 < tokens.len() && tokens[last + 1].span.start < figure.span.end {
        last += 1;
    }
    Some((first, last))
}

pub fn context(text: &str, figures: &[Figure], mentions: &[Mention]) -> Vec<FigureContext> {
    let article = Article::new(text, mentions);
    let ranges: Vec<Option<(usize, usize)>> = figures
        .iter()
        .map(|f| covered(&article.tokens, f))
        .collect();
    let mut by_sentence: HashMap<usize, Vec<(usize, usize)>> = HashMap::default();
    for &(first, last) in ranges.iter().flatten() {
        by_sentence
            .entry(article.sentence_of[first])
            .or_default()
            .push((first, last));
    }
    figures
        .iter()
        .enumerate()
        .map(|(k, f)| match ranges[k] {
            Some((first, last)) => {
                let near = &by_sentence[&article.sentence_of[first]];
                if appositive_age(&article, f, first, last) {
                    let mut ctx = read(&article, &as_age(f), first, last, near);
                    ctx.reads_as_age = true;
                    ctx
                } else {
                    read(&article, f, first, last, near)
                }
            }
            None => FigureContext::default(),
        })
        .collect()
}

/// A bare number in apposition to a person's name is that person's age: "Justine Baez,
/// 24, ..." — whatever kind the extractor gave it.
fn appositive_age(article: &Article<'_>, figure: &Figure, first: usize, last: usize) -> bool {
    let toks = &article.tokens;
    let plausible = figure
        .value
        .number()
        .is_some_and(|v| v.fract() == 0.0 && (1.0..=110.0).contains(&v));
    let closes = toks
        .get(last + 1)
        .is_none_or(|t| matches!(t.lower.as_str(), "," | "." | ";" | "of" | "from" | ")"));
    figure.kind == Kind::Count
        && figure.unit.is_none()
        && first == last
        && plausible
        && closes
        && first >= 2
        && toks[first - 1].lower == ","
        && article.is_name(first - 2)
}

/// The figure as its context reads it: an appositive count becomes an age in years.
pub fn as_read<'f>(figure: &'f Figure, ctx: &FigureContext) -> Cow<'f, Figure> {
    if ctx.reads_as_age {
        Cow::Owned(as_age(figure))
    } else {
        Cow::Borrowed(figure)
    }
}

fn as_age(figure: &Figure) -> Figure {
    Figure {
        kind: Kind::Age,
        unit: Some("year".into()),
        ..figure.clone()
    }
}

fn read(
    article: &Article<'_>,
    figure: &Figure,
    first: usize,
    last: usize,
    in_sentence: &[(usize, usize)],
) -> FigureContext {
    let toks = &article.tokens;
    let dist = article.distances(first, last);
    let lo = dist.iter().map(|d| d.0).min().unwrap_or(first);
    let hi = dist.iter().map(|d| d.0).max().unwrap_or(last);
    let others_in_sentence: Vec<(usize, usize)> = in_sentence
        .iter()
        .copied()
        .filter(|&(a, b)| {
            (a, b) != (first, last)
                && b + 1 >= lo
                && a <= hi
                && !coordinated(toks, (first, last), (a, b))
        })
        .collect();
    let owned = |i: usize, d: f32| -> bool {
        // A word belongs to the nearest figure of its sentence.
        others_in_sentence.iter().all(|&(a, b)| {
            let od = if i < a {
                article.cost(i, a)
            } else if i > b {
                article.cost(b + 1, i + 1)
            } else {
                0.0
            };
            od >= d
        })
    };

    let mut ctx = FigureContext {
        sentence: article.sentence_of[first],
        ..FigureContext::default()
    };
    let mut terms: HashMap<&str, f32> = HashMap::default();
    for &(i, d) in &dist {
        let t = &toks[i];
        // The figure's own words are its value and unit: compared by the verdict and
        // the noun, not as context.
        if !t.is_word
            || t.is_number
            || lexicon::is_stop(&t.lower)
            || NUMBER_WORDS.contains(&t.lower.as_str())
            || (first..=last).contains(&i)
        {
            continue;
        }
        if WEEKDAYS_MONTHS.contains(&t.lower.as_str()) {
            continue;
        }
        let factor = if owned(i, d) { 1.0 } else { 0.4 };
        let key = if article.is_name(i) {
            t.lower.as_str()
        } else {
            article.classes[i].as_str()
        };
        let w = proximity(d) * factor;
        let e = terms.entry(key).or_insert(0.0);
        *e = e.max(w);
    }
    // The previous sentence often says who or what the figure is about.
    let s = article.sentence_of[first];
    if s > 0 {
        let prev = article.sentences[s - 1].clone();
        let from = prev.start.max(prev.end.saturating_sub(WINDOW));
        for (t, class) in toks[from..prev.end]
            .iter()
            .zip(&article.classes[from..prev.end])
        {
            if t.is_word && !t.is_number && !lexicon::is_stop(&t.lower) {
                let e = terms.entry(class.as_str()).or_insert(0.0);
                *e = e.max(0.15);
            }
        }
    }
    ctx.metadata = toks[first.saturating_sub(3)..first].iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "updated" | "posted" | "published" | "modified" | "copyright" | "©"
        )
    }) || (figure.kind == Kind::Date && in_dateline(article, first));
    for (i, t) in toks.iter().enumerate().take(hi + 1).skip(lo) {
        if article.is_name(i) && t.lower.len() > 1 && !ctx.anchors.contains(&t.lower) {
            ctx.anchors.push(t.lower.clone());
        }
    }
    let mut terms: Vec<(&str, f32)> = terms.into_iter().collect();
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    terms.truncate(30);
    ctx.terms = terms.into_iter().map(|(t, w)| (Term::new(t), w)).collect();

    // The noun phrase the figure heads or modifies.
    let (noun_words, noun_names) = noun_phrase(article, figure, first, last);
    let surface_noun = noun_words.last().cloned();
    ctx.noun = match (&figure.kind, &figure.unit) {
        (Kind::Count, Some(u)) => Some(lexicon::canonical(&lexicon::stem(&lexicon::singular(u)))),
        (Kind::Count, None) => None,
        _ => surface_noun
            .as_ref()
            .map(|w| lexicon::canonical(&lexicon::stem(w))),
    };
    ctx.modifiers = noun_words
        .iter()
        .rev()
        .skip(1)
        .map(|w| lexicon::stem(w))
        .collect();
    ctx.names = noun_names;

    // The governing predicate: the nearest event word in the clause.
    let mut best: Option<(f32, String, String)> = None;
    for &(i, d) in &dist {
        let t = &toks[i];
        if !t.is_word || d > 8.0 || (first..=last).contains(&i) {
            continue;
        }
        let class = &article.classes[i];
        let eventish = EVENT_CLASSES.contains(&class.as_str())
            || (t.lower.ends_with("ed") && t.lower.len() > 4 && !lexicon::is_stop(&t.lower));
        if EVENT_CLASSES.contains(&class.as_str()) && !ctx.events.contains(class) {
            ctx.events.push(class.clone());
        }
        if eventish && best.as_ref().is_none_or(|b| d < b.0) {
            best = Some((d, class.clone(), t.lower.clone()));
        }
    }
    let predicate_surface = best.as_ref().map(|b| b.2.clone());
    ctx.predicate = best.map(|b| b.1);

    // Person the figure describes (ages): roles in its phrase and of its names.
    if figure.kind == Kind::Age {
        let mut words: Vec<String> = noun_words.clone();
        // An appositive role before the figure: "her son, 23-year-old ...", "the victim, 24".
        let mut i = first;
        while i > 0 && i + 4 > first {
            i -= 1;
            let t = &toks[i];
            if t.lower == "," || (t.is_word && lexicon::is_stop(&t.lower)) {
                continue;
            }
            if t.is_word && !t.capitalised {
                words.push(t.lower.clone());
            }
            break;
        }
        for n in &ctx.names {
            words.extend(article.name_roles.get(n).into_iter().flatten().cloned());
        }
        let is_role = |w: &String| lexicon::role(&lexicon::stem(w)).is_some();
        // "two men; a 46-year-old and a 24-year-old": an age with no noun of its own
        // describes the last person noun before it.
        if !words.iter().any(is_role) && ctx.names.is_empty() {
            let start = article.sentences[article.sentence_of[first]].start;
            if let Some(t) = toks[start..first]
                .iter()
                .rev()
                .find(|t| t.is_word && is_role(&t.lower))
            {
                words.push(t.lower.clone());
            }
        }
        let mut sexes = Vec::new();
        for w in &words {
            let st = lexicon::stem(w);
            if let Some(sex) = lexicon::role(&st) {
                let class = lexicon::canonical(&st);
                if !ctx.roles.contains(&class) {
                    ctx.roles.push(class);
                }
                sexes.extend(sex);
            }
        }
        ctx.sex = sexes
            .first()
            .copied()
            .filter(|s| sexes.iter().all(|t| t == s));
    }

    // Qualifiers near the figure, including words inside its own span ("43 more launches").
    for &(i, d) in &dist {
        let t = &toks[i];
        if !t.is_word || d > 4.0 {
            continue;
        }
        let inside = (first..=last).contains(&i);
        let w = t.lower.as_str();
        if QUALIFIERS.contains(&w) && !ctx.qualifiers.iter().any(|q| q == w) {
            ctx.qualifiers.push(w.to_string());
        }
        if inside && w == "more" {
            ctx.qualifiers.push("more".into());
        }
        if (inside || i == last + 1) && w == "other" {
            ctx.others = true;
        }
    }

    // A named zone right after a clock time: "9:40 Moscow time", "(0640 GMT)".
    if figure.kind == Kind::Time {
        for t in toks.iter().skip(last + 1).take(3) {
            if let Some(z) = lexicon::zone(&t.lower) {
                ctx.zone = Some(z);
                break;
            }
        }
    }

    ctx.quantity = describe(
        figure,
        &ctx,
        surface_noun.as_deref(),
        predicate_surface.as_deref(),
    );
    ctx
}

/// Whether the token `first` opens a dateline's date: "PORT ALDANE, March 3 (Wire) -",
/// "HARBOR CITY, April 19, 2016 -". That is when the report was written, not a fact
/// it reports, and reports written on different days do not disagree.
fn in_dateline(article: &Article<'_>, first: usize) -> bool {
    let toks = &article.tokens;
    let start = article.sentences[article.sentence_of[first]].start;
    if first < start + 2 || toks[first - 1].lower != "," {
        return false;
    }
    let place = &toks[start..first - 1];
    place.len() <= 4
        && place.iter().all(|t| {
            t.is_word && t.capitalised && !article.text_of(t).chars().any(char::is_lowercase)
        })
}

/// The words of the noun phrase a figure heads or modifies, and the name words tied to
/// it: "25-year-old girlfriend" → [girlfriend]; "28-year-old Dennis Clark" → names
/// [dennis, clark]; "Justine E. Baez, 24" → names [justine, e, baez].
fn noun_phrase(
    article: &Article<'_>,
    figure: &Figure,
    first: usize,
    last: usize,
) -> (Vec<String>, Vec<String>) {
    let toks = &article.tokens;
    let sentence = &article.sentences[article.sentence_of[first]];
    let mut words = Vec::new();
    let mut names = Vec::new();
    // Words inside the span after the number ("two giant cylinders").
    if figure.kind == Kind::Count {
        for t in &toks[first..=last] {
            if t.is_word && !t.is_number {
                words.push(t.lower.clone());
            }
        }
        if words.len() > 1 {
            words.remove(0);
        }
    }
    // Words after the span: modifiers and head of an attributive figure, or a name.
    let mut i = last + 1;
    // A figure followed by a noun modifies it: "24-ton Zarya", "2-1/2 hour meeting".
    if figure.kind != Kind::Count {
        while i < sentence.end && i <= last + 4 {
            let t = &toks[i];
            if !t.is_word || t.is_number {
                break;
            }
            if article.is_name(i) {
                while i < sentence.end
                    && (article.is_name(i) || (toks[i].lower.len() == 1 && toks[i].capitalised))
                {
                    if toks[i].is_word {
                        names.push(toks[i].lower.clone());
                    }
                    i += 1;
                }
                break;
            }
            // The first word after an attributive figure is its noun even when it names
            // an event ("2-1/2 hour meeting"); later event words are the verb.
            let verb = if i == last + 1 {
                is_auxiliary(&t.lower)
            } else {
                is_verbish(&t.lower) || t.lower.ends_with("ed") || t.lower.ends_with("ing")
            };
            if lexicon::is_stop(&t.lower)
                || verb
                || WEEKDAYS_MONTHS.contains(&t.lower.as_str())
                || NUMBER_WORDS.contains(&t.lower.as_str())
            {
                break;
            }
            words.push(t.lower.clone());
            i += 1;
        }
    }
    // A predicative measure names its subject to the left: "the space station will
    // have a mass of 1 million pounds", "the station will weigh 500 tons".
    if words.is_empty()
        && names.is_empty()
        && matches!(
            figure.kind,
            Kind::Measure | Kind::Money | Kind::Duration | Kind::Percent
        )
    {
        let mut k = first;
        // Past a frame ("over the course of") only the event itself may follow.
        let mut framed = false;
        while k > sentence.start && k + 12 > first {
            k -= 1;
            let t = &toks[k];
            let quote = matches!(t.lower.as_str(), "\"" | "“" | "”");
            if quote && framed {
                continue;
            }
            if quote || matches!(t.lower.as_str(), "," | ";" | ":" | "—" | ".") {
                break;
            }
            if FRAME_NOUNS.contains(&t.lower.as_str()) {
                framed = true;
                continue;
            }
            // What lasts is an event: "the talks lasted two hours", "had a constructive
            // engagement over the course of two hours".
            let class = &article.classes[k];
            if figure.kind == Kind::Duration && LASTING_EVENTS.contains(&class.as_str()) {
                words.push(t.lower.clone());
                break;
            }
            if framed {
                continue;
            }
            let skip = !t.is_word
                || t.is_number
                || lexicon::is_stop(&t.lower)
                || is_verbish(&t.lower)
                || lexicon::is_class(&article.classes[k])
                    && lexicon::role(&lexicon::stem(&t.lower)).is_none()
                || t.lower.ends_with("ed")
                || t.lower.ends_with("ing")
                || t.lower.contains('-')
                || NUMBER_WORDS.contains(&t.lower.as_str())
                || WEEKDAYS_MONTHS.contains(&t.lower.as_str());
            if !skip {
                words.push(t.lower.clone());
                break;
            }
        }
    }
    // Appositive: "Name, 24" or "the other man, age 47".
    let mut j = first;
    if j > sentence.start && toks[j - 1].lower == "age" {
        j -= 1;
    }
    if j > sentence.start + 1 && toks[j - 1].lower == "," {
        let mut k = j - 1;
        let mut left = Vec::new();
        while k > sentence.start && toks[k - 1].is_word && left.len() < 4 {
            k -= 1;
            if article.is_name(k) || (toks[k].lower.len() == 1 && toks[k].capitalised) {
                left.push(toks[k].lower.clone());
            } else {
                break;
            }
        }
        if !left.is_empty() {
            left.reverse();
            names.extend(left);
        } else if figure.kind == Kind::Age && words.is_empty() {
            // "The other man, age 47": the noun phrase before the comma.
            let mut k = j - 1;
            let mut np = Vec::new();
            while k > sentence.start && toks[k - 1].is_word && np.len() < 3 {
                k -= 1;
                if lexicon::is_stop(&toks[k].lower) {
                    break;
                }
                np.push(toks[k].lower.clone());
            }
            np.reverse();
            words.extend(np);
        }
    }
    // A person's home names them as well as a name does: "Ann Lee, 36, of Elma",
    // "a 34-year-old from Elma".
    if figure.kind == Kind::Age {
        let mut k = i.max(last + 1);
        while k < sentence.end && toks[k].lower == "," {
            k += 1;
        }
        if k < sentence.end && matches!(toks[k].lower.as_str(), "of" | "from") {
            k += 1;
            if k < sentence.end && toks[k].lower == "the" {
                k += 1;
            }
            while k < sentence.end && article.is_name(k) {
                names.push(toks[k].lower.clone());
                k += 1;
            }
        }
    }
    (words, names)
}

/// Whether a word looks like a finite verb: an event word or an auxiliary.
fn is_verbish(word: &str) -> bool {
    let class = lexicon::canonical(&lexicon::stem(word));
    (EVENT_CLASSES.contains(&class.as_str()) && lexicon::role(&lexicon::stem(word)).is_none())
        || is_auxiliary(word)
}

fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "was" | "is" | "were" | "are" | "has" | "had" | "have" | "will" | "who" | "that"
    ) || IRREGULAR_PAST.contains(&word)
}

/// Common irregular past tenses, which the "-ed" test misses.
const IRREGULAR_PAST: &[&str] = &[
    "began", "became", "brought", "came", "fell", "found", "gave", "got", "held", "kept", "knew",
    "left", "lost", "made", "met", "ran", "saw", "sent", "spent", "stood", "took", "told",
    "thought", "went", "won", "wrote",
];

/// The quantity in words for messages: "Age of Dennis Clark", "Meeting duration".
fn describe(
    figure: &Figure,
    ctx: &FigureContext,
    noun: Option<&str>,
    predicate: Option<&str>,
) -> String {
    let cap = |s: &str| {
        if matches!(s, "ii" | "iii" | "iv") {
            return s.to_uppercase();
        }
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    // What a measure, sum or span belongs to: its noun, else the name it modifies.
    let name = (!ctx.names.is_empty()).then(|| {
        ctx.names
            .iter()
            .map(|n| cap(n))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let noun = noun.map(str::to_string).or(name);
    let noun = noun.as_deref();
    let text = match figure.kind {
        Kind::Age => {
            if !ctx.names.is_empty() {
                let names: Vec<String> = ctx.names.iter().map(|n| cap(n)).collect();
                format!("age of {}", names.join(" "))
            } else if let Some(n) = noun {
                format!("age of the {n}")
            } else {
                "age".into()
            }
        }
        Kind::Count => {
            let counted = figure
                .unit
                .as_deref()
                .map(|u| plural(&lexicon::singular(u)));
            match (counted, predicate) {
                (Some(c), Some(p)) => format!("{c} {p}"),
                (Some(c), None) => format!("number of {c}"),
                (None, Some(p)) => format!("number {p}"),
                (None, None) => "count".into(),
            }
        }
        Kind::Duration => match noun {
            Some(n) => format!("{n} duration"),
            None => "duration".into(),
        },
        Kind::Measure => {
            let dim = match figure.unit.as_deref() {
                Some("kg" | "g" | "ton" | "tonne" | "pound" | "ounce") => "mass",
                Some("m" | "km" | "cm" | "mm" | "foot" | "inch" | "mile" | "yard") => "length",
                _ => "measure",
            };
            match noun {
                Some(n) => format!("{n} {dim}"),
                None => dim.into(),
            }
        }
        Kind::Money => match (noun, predicate) {
            (Some(n), _) => format!("{n} amount"),
            (None, Some(p)) => format!("amount {p}"),
            _ => "amount".into(),
        },
        Kind::Percent => "share".into(),
        Kind::Date => match predicate {
            Some(p) => format!("date ({p})"),
            None => "date".into(),
        },
        Kind::Time => match predicate {
            Some(p) => format!("time ({p})"),
            None => "time".into(),
        },
    };
    cap(&text)
}

fn plural(noun: &str) -> String {
    match noun {
        "person" => "people".into(),
        "man" => "men".into(),
        "woman" => "women".into(),
        "child" => "children".into(),
        n if n.ends_with('y') && !n.ends_with("ey") => format!("{}ies", &n[..n.len() - 1]),
        n if n.ends_with('s') => n.into(),
        n => format!("{n}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::lexicon::Sex;
    use crate::figure::{Bound, Interval, Value};
    use crate::span::ByteSpan;

    fn fig(text: &str, needle: &str, kind: Kind, value: f64, unit: Option<&str>) -> Figure {
        let start = text.find(needle).unwrap();
        Figure {
            span: ByteSpan::new(start, start + needle.len()),
            kind,
            value: Value::Number(value),
            unit: unit.map(str::to_string),
            bound: Bound::Exact,
            interval: Interval::exact(value),
            hedge: None,
        }
    }

    #[test]
    fn ages_take_the_noun_or_name_they_describe() {
        let text = "The gunman shot his 31-year-old wife. Officers later named him as Ray Doe, 40.";
        let figs = [
            fig(text, "31-year-old", Kind::Age, 31.0, Some("year")),
            fig(text, "40", Kind::Age, 40.0, Some("year")),
        ];
        let ctx = context(text, &figs, &[]);
        assert_eq!(ctx[0].roles, ["spouse"]);
        assert_eq!(ctx[0].sex, Some(Sex::Female));
        assert_eq!(ctx[1].names, ["ray", "doe"]);
        assert_eq!(ctx[1].quantity, "Age of Ray Doe");
    }

    #[test]
    fn two_figures_in_one_sentence_get_their_own_predicates() {
        let text = "The blast killed 12 people and injured 40 people near the port.";
        let figs = [
            fig(text, "12 people", Kind::Count, 12.0, Some("person")),
            fig(text, "40 people", Kind::Count, 40.0, Some("person")),
        ];
        let ctx = context(text, &figs, &[]);
        assert_eq!(ctx[0].predicate.as_deref(), Some("kill"));
        assert_eq!(ctx[1].predicate.as_deref(), Some("injure"));
        assert_eq!(ctx[0].quantity, "People killed");
    }

    #[test]
    fn others_and_zones_are_read() {
        let text = "Delegates of 12 other nations watched the 7:15 Moscow time launch.";
        let mut nations = fig(text, "12 other nations", Kind::Count, 12.0, Some("nation"));
        nations.kind = Kind::Count;
        let mut time = fig(text, "7:15", Kind::Time, 0.0, None);
        time.value = Value::Calendar("T07:15".into());
        let ctx = context(text, &[nations, time], &[]);
        assert!(ctx[0].others);
        assert_eq!(ctx[1].zone, Some(180));
    }

    #[test]
    fn a_datelines_date_is_when_the_report_was_written() {
        let text = "PORT ALDANE, March 3 (Wire) - The talks ended. Talks resume on March 9.";
        let mut a = fig(text, "March 3", Kind::Date, 0.0, None);
        a.value = Value::Calendar("--03-03".into());
        let mut b = fig(text, "March 9", Kind::Date, 0.0, None);
        b.value = Value::Calendar("--03-09".into());
        let ctx = context(text, &[a, b], &[]);
        assert!(ctx[0].metadata);
        assert!(!ctx[1].metadata);
    }

    #[test]
    fn a_duration_belongs_to_the_event_that_lasts_not_to_its_frame() {
        let text = "The sides \"had a frank engagement\" over the course of two hours.";
        let f = fig(text, "two hours", Kind::Duration, 2.0, Some("hour"));
        assert_eq!(context(text, &[f], &[])[0].noun.as_deref(), Some("meet"));
        let text = "The talks lasted two hours, a spokesman said.";
        let f = fig(text, "two hours", Kind::Duration, 2.0, Some("hour"));
        assert_eq!(context(text, &[f], &[])[0].noun.as_deref(), Some("meet"));
        // A frame with no event before it names nothing.
        let text = "Rain fell over the course of two hours.";
        let f = fig(text, "two hours", Kind::Duration, 2.0, Some("hour"));
        assert_eq!(context(text, &[f], &[])[0].noun, None);
    }
}

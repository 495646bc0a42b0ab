//! The words the figure reader knows: number words, multipliers, fractions, vague
//! quantities, units of time, measure and money, calendar names and hedges. All
//! lookups take a lower-cased word. The words that can start a figure sit in one hash
//! table ([`entry`]), so the reader looks at every word of an article with a single
//! probe; the rest are `match`es, used only near a number.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// What a word that can start a figure is.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Entry {
    pub num: Option<NumWord>,
    /// A vague plural (`dozens`): least value and the bound it stays below.
    pub vague: Option<(f64, f64)>,
    /// A currency sign or code written before the amount, as an ISO code.
    pub currency: Option<&'static str>,
    /// Letters before `$` naming a dollar (`US`, `C`, `HK`), as an ISO code.
    pub dollar: Option<&'static str>,
    /// Month number, and whether the word is an abbreviation.
    pub month: Option<(u8, bool)>,
    /// The weekday's name as written in values (`Monday`).
    pub weekday: Option<&'static str>,
}

/// Other words the reader acts on where they stand: articles and fractions that may
/// start a figure, signs, the first words of holidays, clock words, URL starts, share
/// words and multiplicative adjectives.
const OTHER_STARTERS: &[&str] = &[
    "a",
    "an",
    "half",
    "quarter",
    "tens",
    "minus",
    "negative",
    "noon",
    "midnight",
    "new",
    "christmas",
    "independence",
    "valentine",
    "valentines",
    "halloween",
    "boxing",
    "http",
    "https",
    "www",
    "percent",
    "percents",
    "per",
    "double",
    "triple",
    "quadruple",
    "quintuple",
];

/// FxHash: short keys, no need for a DoS-resistant hash.
type Map = HashMap<&'static str, Entry>;

/// The starting words, with a filter on (first byte, length) that turns most other
/// words away before hashing, and the last words of hedge phrases.
struct Table {
    map: Map,
    /// Bit `n` of `lengths[k][b]`: some starting word of length `n` has byte `b` first
    /// (k = 0), second (k = 1) or last (k = 2).
    lengths: [[u32; 256]; 3],
    hedge_ends: HashMap<&'static str, ()>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Map::default();
        for (w, v) in NUM_WORDS {
            t.entry(*w).or_default().num = Some(*v);
        }
        for (w, v) in VAGUE_WORDS {
            t.entry(*w).or_default().vague = Some(*v);
        }
        for (w, v) in CURRENCY_PREFIXES {
            t.entry(*w).or_default().currency = Some(*v);
        }
        for (w, v) in DOLLAR_LETTERS {
            t.entry(*w).or_default().dollar = Some(*v);
        }
        for (w, v) in MONTHS {
            t.entry(*w).or_default().month = Some(*v);
        }
        for (w, v) in WEEKDAYS {
            t.entry(*w).or_default().weekday = Some(*v);
        }
        for w in OTHER_STARTERS {
            t.entry(*w).or_default();
        }
        let mut lengths = [[0u32; 256]; 3];
        for w in t.keys() {
            let b = w.as_bytes();
            let bit = 1 << b.len().min(31);
            lengths[0][usize::from(b[0])] |= bit;
            lengths[1][usize::from(*b.get(1).unwrap_or(&0))] |= bit;
            lengths[2][usize::from(b[b.len() - 1])] |= bit;
        }
        let hedge_ends = PRE_HEDGES
            .iter()
            .filter_map(|(p, _)| p.last().map(|w| (*w, ())))
            .collect();
        Table {
            map: t,
            lengths,
            hedge_ends,
        }
    })
}

/// The entry of a (lower-case) word that may start a figure, if it is one.
pub(crate) fn entry(w: &str) -> Option<&'static Entry> {
    if !may_start(w.as_bytes()) {
        return None;
    }
    table().map.get(w)
}

/// A quick test on a word as written (any case): `false` means no starting word has
/// its length with its first, second and last letters.
pub(crate) fn may_start(word: &[u8]) -> bool {
    let (Some(first), Some(last)) = (word.first(), word.last()) else {
        return false;
    };
    if word.len() > 31 {
        return false;
    }
    let second = word.get(1).copied().unwrap_or(0);
    let l = &table().lengths;
    let lower = |b: u8| usize::from(b.to_ascii_lowercase());
    l[0][lower(*first)] & l[1][lower(second)] & l[2][lower(*last)] & (1 << word.len()) != 0
}

/// Whether `w` ends some hedge phrase (`than`, `about`, `least`).
pub(crate) fn ends_hedge(w: &str) -> bool {
    table().hedge_ends.contains_key(w)
}

pub(crate) fn num_word(w: &str) -> Option<NumWord> {
    entry(w)?.num
}

/// Vague plural quantities (`dozens`, `thousands`): the least value the word allows
/// and the next magnitude, which it stays below.
pub(crate) fn vague_word(w: &str) -> Option<(f64, f64)> {
    entry(w)?.vague
}

/// Currency signs and codes written before the number (`$`, `€`, `US$`, `USD`, `Rs`).
pub(crate) fn currency_prefix(w: &str) -> Option<&'static str> {
    entry(w)?.currency
}

/// Letters written right before `$` that name the dollar (`US$`, `C$`, `HK$`).
pub(crate) fn dollar_letters(w: &str) -> Option<&'static str> {
    entry(w)?.dollar
}

pub(crate) fn month(w: &str) -> Option<(u8, bool)> {
    entry(w)?.month
}

pub(crate) fn weekday(w: &str) -> Option<&'static str> {
    entry(w)?.weekday
}

/// A number word and its role in a spelled-out number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum NumWord {
    /// `zero` … `nine`.
    Digit(f64),
    /// `ten` … `nineteen`.
    Teen(f64),
    /// `twenty` … `ninety`.
    Tens(f64),
    Hundred,
    /// `thousand`, `million`, `lakh`, … with their factor.
    Scale(f64),
    Dozen,
}

const NUM_WORDS: &[(&str, NumWord)] = &[
    ("zero", NumWord::Digit(0.0)),
    ("nought", NumWord::Digit(0.0)),
    ("naught", NumWord::Digit(0.0)),
    ("nil", NumWord::Digit(0.0)),
    ("one", NumWord::Digit(1.0)),
    ("two", NumWord::Digit(2.0)),
    ("three", NumWord::Digit(3.0)),
    ("four", NumWord::Digit(4.0)),
    ("five", NumWord::Digit(5.0)),
    ("six", NumWord::Digit(6.0)),
    ("seven", NumWord::Digit(7.0)),
    ("eight", NumWord::Digit(8.0)),
    ("nine", NumWord::Digit(9.0)),
    ("ten", NumWord::Teen(10.0)),
    ("eleven", NumWord::Teen(11.0)),
    ("twelve", NumWord::Teen(12.0)),
    ("thirteen", NumWord::Teen(13.0)),
    ("fourteen", NumWord::Teen(14.0)),
    ("fifteen", NumWord::Teen(15.0)),
    ("sixteen", NumWord::Teen(16.0)),
    ("seventeen", NumWord::Teen(17.0)),
    ("eighteen", NumWord::Teen(18.0)),
    ("nineteen", NumWord::Teen(19.0)),
    ("twenty", NumWord::Tens(20.0)),
    ("thirty", NumWord::Tens(30.0)),
    ("forty", NumWord::Tens(40.0)),
    ("fourty", NumWord::Tens(40.0)),
    ("fifty", NumWord::Tens(50.0)),
    ("sixty", NumWord::Tens(60.0)),
    ("seventy", NumWord::Tens(70.0)),
    ("eighty", NumWord::Tens(80.0)),
    ("ninety", NumWord::Tens(90.0)),
    ("hundred", NumWord::Hundred),
    ("thousand", NumWord::Scale(1e3)),
    ("million", NumWord::Scale(1e6)),
    ("billion", NumWord::Scale(1e9)),
    ("trillion", NumWord::Scale(1e12)),
    ("lakh", NumWord::Scale(1e5)),
    ("lakhs", NumWord::Scale(1e5)),
    ("lac", NumWord::Scale(1e5)),
    ("lacs", NumWord::Scale(1e5)),
    ("lkh", NumWord::Scale(1e5)),
    ("crore", NumWord::Scale(1e7)),
    ("crores", NumWord::Scale(1e7)),
    ("cr", NumWord::Scale(1e7)),
    ("koti", NumWord::Scale(1e7)),
    ("dozen", NumWord::Dozen),
];

/// Abbreviated multipliers written after digits: `3k`, `10 bln`, `$2bn`, `3M`, `10G`
/// (case matters: `m` is also metres, `g` grams).
pub(crate) fn short_multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "K" => 1e3,
        "M" | "MM" | "mn" | "mln" | "Mn" | "Mln" | "mio" | "MLN" | "mil" => 1e6,
        "G" | "B" | "bn" | "bln" | "Bn" | "BN" | "BLN" => 1e9,
        "tn" | "tln" | "trn" | "Tn" | "TN" => 1e12,
        "lkh" | "lkhs" | "lac" | "lacs" => 1e5,
        "cr" | "Cr" | "Kr" | "koti" => 1e7,
        "dz" | "dzs" | "doz" | "dozs" => 12.0,
        _ => return None,
    })
}

/// Ordinal words used as denominators (`fifths` 5, `hundredth` 100), with whether the
/// word is plural. `first` and `second` are left out: alone they are never fractions.
pub(crate) fn denominator(w: &str) -> Option<(f64, bool)> {
    if w == "halves" {
        return Some((2.0, true));
    }
    let (stem, plural) = match w.strip_suffix('s') {
        Some(stem) => (stem, true),
        None => (w, false),
    };
    let d = match stem {
        "half" => 2.0,
        "third" => 3.0,
        "quarter" | "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        "eleventh" => 11.0,
        "twelfth" => 12.0,
        "thirteenth" => 13.0,
        "fourteenth" => 14.0,
        "fifteenth" => 15.0,
        "sixteenth" => 16.0,
        "seventeenth" => 17.0,
        "eighteenth" => 18.0,
        "nineteenth" => 19.0,
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "sixtieth" => 60.0,
        "seventieth" => 70.0,
        "eightieth" => 80.0,
        "ninetieth" => 90.0,
        "hundredth" => 100.0,
        "thousandth" => 1e3,
        "millionth" => 1e6,
        "billionth" => 1e9,
        "trillionth" => 1e12,
        _ => return None,
    };
    Some((d, plural))
}

/// The unit part of a compound ordinal (`twenty-first`, `thirty-fifths`).
pub(crate) fn ordinal_unit(w: &str) -> Option<f64> {
    Some(match w.strip_suffix('s').unwrap_or(w) {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        "fourth" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        _ => return None,
    })
}

/// Plural multipliers after a number (`three billions`, `200 dozens`).
pub(crate) fn plural_scale(w: &str) -> Option<NumWord> {
    Some(match w {
        "hundreds" => NumWord::Hundred,
        "thousands" => NumWord::Scale(1e3),
        "millions" => NumWord::Scale(1e6),
        "billions" => NumWord::Scale(1e9),
        "trillions" => NumWord::Scale(1e12),
        "dozens" | "dz" | "dzs" | "doz" | "dozs" => NumWord::Dozen,
        "krores" | "krore" => NumWord::Scale(1e7),
        "lkhs" => NumWord::Scale(1e5),
        _ => return None,
    })
}

/// Vague plural quantities by word.
const VAGUE_WORDS: &[(&str, (f64, f64))] = &[
    ("dozens", (24.0, 144.0)),
    ("hundreds", (200.0, 1e3)),
    ("thousands", (2e3, 1e4)),
    ("millions", (2e6, 1e7)),
    ("billions", (2e9, 1e10)),
    ("trillions", (2e12, 1e13)),
    ("multimillion", (2e6, 1e9)),
    ("multibillion", (2e9, 1e12)),
];

/// Units of time: the canonical unit and how many of it one word means.
pub(crate) fn duration_unit(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "second" | "seconds" | "sec" | "secs" => ("second", 1.0),
        "minute" | "minutes" | "min" | "mins" => ("minute", 1.0),
        "hour" | "hours" | "hr" | "hrs" => ("hour", 1.0),
        "day" | "days" => ("day", 1.0),
        "week" | "weeks" | "wk" | "wks" => ("week", 1.0),
        "fortnight" | "fortnights" => ("week", 2.0),
        "month" | "months" => ("month", 1.0),
        "year" | "years" | "yr" | "yrs" => ("year", 1.0),
        "decade" | "decades" => ("year", 10.0),
        "century" | "centuries" => ("year", 100.0),
        _ => return None,
    })
}

/// Units of measure, by their canonical symbol as written in the unit (values stay in
/// the unit the text uses; [`super::si`] converts).
pub(crate) fn measure_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "km" | "kms" | "kilometer" | "kilometers" | "kilometre" | "kilometres" => "km",
        "m" | "meter" | "meters" | "metre" | "metres" | "mtr" | "mtrs" => "m",
        "cm" | "centimeter" | "centimeters" | "centimetre" | "centimetres" => "cm",
        "mm" | "millimeter" | "millimeters" | "millimetre" | "millimetres" => "mm",
        "mi" | "mile" | "miles" => "mile",
        "ft" | "foot" | "feet" => "foot",
        "inch" | "inches" => "inch",
        "yd" | "yds" | "yard" | "yards" => "yard",
        "kg" | "kgs" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kilo"
        | "kilos" | "k.g." => "kg",
        "g" | "gs" | "gr" | "gram" | "grams" | "gramme" | "grammes" => "g",
        "µg" | "μg" | "mcg" | "microgram" | "micrograms" | "microgramme" | "microgrammes" => "µg",
        "dm" | "decimeter" | "decimeters" | "decimetre" | "decimetres" => "dm",
        "hl" | "hectoliter" | "hectoliters" | "hectolitre" | "hectolitres" => "hl",
        "t" => "tonne",
        "mg" | "milligram" | "milligrams" => "mg",
        "lb" | "lbs" | "pound" | "pounds" => "pound",
        "oz" | "ounce" | "ounces" => "ounce",
        "ton" | "tons" => "ton",
        "tonne" | "tonnes" => "tonne",
        "l" | "litre" | "litres" | "liter" | "liters" | "ltr" | "ltrs" => "l",
        "ml" | "mls" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => "ml",
        "gallon" | "gallons" | "gal" | "gals" => "gallon",
        "barrel" | "barrels" | "bbl" | "bbls" => "barrel",
        "acre" | "acres" => "acre",
        "hectare" | "hectares" | "ha" => "hectare",
        "mph" => "mph",
        "kph" | "km/h" => "km/h",
        "knot" | "knots" => "knot",
        "story" | "stories" | "storey" | "storeys" => "story",
        "cup" | "cups" => "cup",
        "teaspoon" | "teaspoons" | "tsp" => "teaspoon",
        "tablespoon" | "tablespoons" | "tbsp" => "tablespoon",
        "pint" | "pints" => "pint",
        "quart" | "quarts" => "quart",
        "degree" | "degrees" | "deg" => "degree",
        "celsius" | "centigrade" | "celcius" | "centigrate" => "celsius",
        "fahrenheit" | "farenheit" => "fahrenheit",
        "kelvin" => "kelvin",
        "caliber" | "calibre" => "caliber",
        "megawatt" | "megawatts" | "mw" => "MW",
        "kilowatt" | "kilowatts" | "kw" => "kW",
        "gigawatt" | "gigawatts" | "gw" => "GW",
        "volt" | "volts" => "V",
        "watt" | "watts" => "W",
        "byte" | "bytes" => "byte",
        "kb" | "kilobyte" | "kilobytes" => "kB",
        "mb" | "megabyte" | "megabytes" => "MB",
        "gb" | "gigabyte" | "gigabytes" => "GB",
        "tb" | "terabyte" | "terabytes" => "TB",
        _ => return None,
    })
}

/// The factor to the SI base unit (or the unit's usual base) and that base's name.
pub(crate) fn si_factor(unit: &str) -> Option<(f64, &'static str)> {
    Some(match unit {
        "km" => (1000.0, "m"),
        "m" => (1.0, "m"),
        "cm" => (0.01, "m"),
        "mm" => (0.001, "m"),
        "mile" => (1609.344, "m"),
        "foot" => (0.3048, "m"),
        "inch" => (0.0254, "m"),
        "yard" => (0.9144, "m"),
        "kg" => (1.0, "kg"),
        "g" => (0.001, "kg"),
        "mg" => (1e-6, "kg"),
        "µg" => (1e-9, "kg"),
        "dm" => (0.1, "m"),
        "hl" => (0.1, "m3"),
        "m/s" => (1.0, "m/s"),
        "pound" => (0.45359237, "kg"),
        "ounce" => (0.028349523125, "kg"),
        "ton" => (907.18474, "kg"),
        "tonne" => (1000.0, "kg"),
        "l" => (0.001, "m3"),
        "ml" => (1e-6, "m3"),
        "gallon" => (0.003785411784, "m3"),
        "pint" => (0.000473176473, "m3"),
        "quart" => (0.000946352946, "m3"),
        "cup" => (0.0002365882365, "m3"),
        "teaspoon" => (4.92892159375e-6, "m3"),
        "tablespoon" => (1.478676478125e-5, "m3"),
        "barrel" => (0.158987294928, "m3"),
        "acre" => (4046.8564224, "m2"),
        "hectare" => (10000.0, "m2"),
        "mph" => (0.44704, "m/s"),
        "km/h" => (1.0 / 3.6, "m/s"),
        "knot" => (0.514444, "m/s"),
        "second" => (1.0, "s"),
        "minute" => (60.0, "s"),
        "hour" => (3600.0, "s"),
        "day" => (86400.0, "s"),
        "week" => (604800.0, "s"),
        "month" => (2629746.0, "s"),
        "year" => (31556952.0, "s"),
        _ => return None,
    })
}

/// Money named by a word after the number (`dollars`, `euros`): ISO code and factor.
pub(crate) fn currency_word(w: &str) -> Option<(&'static str, f64)> {
    Some(match w {
        "dollar" | "dollars" | "dlrs" | "dlr" | "bucks" | "usd" => ("USD", 1.0),
        "cent" | "cents" | "cts" | "c" => ("USD", 0.01),
        "euro" | "euros" | "eur" => ("EUR", 1.0),
        "sterling" | "stg" | "gbp" => ("GBP", 1.0),
        "pence" | "penny" | "pennies" => ("GBP", 0.01),
        "yen" | "jpy" => ("JPY", 1.0),
        "yuan" | "renminbi" | "rmb" | "cny" => ("CNY", 1.0),
        "rupee" | "rupees" | "inr" => ("INR", 1.0),
        "franc" | "francs" | "chf" => ("CHF", 1.0),
        "peso" | "pesos" => ("MXN", 1.0),
        "ruble" | "rubles" | "rouble" | "roubles" => ("RUB", 1.0),
        "shekel" | "shekels" => ("ILS", 1.0),
        "riyal" | "riyals" => ("SAR", 1.0),
        "dinar" | "dinars" => ("DINAR", 1.0),
        "rand" => ("ZAR", 1.0),
        "lira" | "lire" => ("TRY", 1.0),
        "krona" | "kronor" => ("SEK", 1.0),
        "krone" | "kroner" => ("NOK", 1.0),
        "baht" => ("THB", 1.0),
        "le" | "l.e." | "l.e" | "geneh" | "genih" | "genihat" | "egyptianpound" => ("EGP", 1.0),
        "saudiriyal" => ("SAR", 1.0),
        "satoshi" | "satoshis" => ("BTC", 1e-8),
        "rial" | "rials" => ("IRR", 1.0),
        "tugrik" | "tugriks" => ("MNT", 1.0),
        "guilder" | "guilders" => ("NLG", 1.0),
        "markka" | "markkaa" => ("FIM", 1.0),
        "peseta" | "pesetas" => ("ESP", 1.0),
        "mark" | "marks" | "deutschmark" | "deutschmarks" => ("DEM", 1.0),
        "hryvnia" | "hryvnias" => ("UAH", 1.0),
        "元" => ("CNY", 1.0),
        "ringgit" | "ringgits" => ("MYR", 1.0),
        "rupiah" => ("IDR", 1.0),
        "naira" => ("NGN", 1.0),
        "dirham" | "dirhams" => ("AED", 1.0),
        "zloty" | "zlotys" => ("PLN", 1.0),
        "bitcoin" | "bitcoins" => ("BTC", 1.0),
        _ => return None,
    })
}

/// A country word that turns `dollars` into a particular dollar.
pub(crate) fn dollar_country(w: &str) -> Option<&'static str> {
    Some(match w {
        "u.s." | "us" | "american" => "USD",
        "canadian" | "can" => "CAD",
        "australian" | "aus" => "AUD",
        "singapore" => "SGD",
        "taiwan" | "taiwanese" => "TWD",
        "zealand" => "NZD",
        "kong" => "HKD",
        "jamaican" => "JMD",
        _ => return None,
    })
}

/// Currency signs and codes by how they are written before the amount.
const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₪", "ILS"),
    ("usd", "USD"),
    ("us$", "USD"),
    ("dlrs", "USD"),
    ("eur", "EUR"),
    ("gbp", "GBP"),
    ("stg", "GBP"),
    ("jpy", "JPY"),
    ("chf", "CHF"),
    ("sfr", "CHF"),
    ("cad", "CAD"),
    ("c$", "CAD"),
    ("aud", "AUD"),
    ("a$", "AUD"),
    ("hkd", "HKD"),
    ("hk$", "HKD"),
    ("nzd", "NZD"),
    ("nz$", "NZD"),
    ("sgd", "SGD"),
    ("s$", "SGD"),
    ("cny", "CNY"),
    ("rmb", "CNY"),
    ("inr", "INR"),
    ("rs", "INR"),
    ("rs.", "INR"),
    ("r$", "BRL"),
    ("₿", "BTC"),
    ("myr", "MYR"),
    ("rm", "MYR"),
    ("uah", "UAH"),
    ("sar", "SAR"),
    ("aed", "AED"),
    ("krw", "KRW"),
    ("rub", "RUB"),
    ("brl", "BRL"),
    ("zar", "ZAR"),
    ("egp", "EGP"),
];

/// Letters before `$` by the dollar they name.
const DOLLAR_LETTERS: &[(&str, &str)] = &[
    ("us", "USD"),
    ("u.s.", "USD"),
    ("c", "CAD"),
    ("ca", "CAD"),
    ("can", "CAD"),
    ("a", "AUD"),
    ("au", "AUD"),
    ("hk", "HKD"),
    ("nz", "NZD"),
    ("s", "SGD"),
    ("sg", "SGD"),
    ("r", "BRL"),
    ("nt", "TWD"),
];

const MONTHS: &[(&str, (u8, bool))] = &[
    ("january", (1, false)),
    ("february", (2, false)),
    ("march", (3, false)),
    ("april", (4, false)),
    ("may", (5, false)),
    ("june", (6, false)),
    ("july", (7, false)),
    ("august", (8, false)),
    ("september", (9, false)),
    ("october", (10, false)),
    ("november", (11, false)),
    ("december", (12, false)),
    ("jan", (1, true)),
    ("feb", (2, true)),
    ("mar", (3, true)),
    ("apr", (4, true)),
    ("jun", (6, true)),
    ("jul", (7, true)),
    ("aug", (8, true)),
    ("sep", (9, true)),
    ("sept", (9, true)),
    ("oct", (10, true)),
    ("nov", (11, true)),
    ("dec", (12, true)),
];

const WEEKDAYS: &[(&str, &str)] = &[
    ("monday", "Monday"),
    ("tuesday", "Tuesday"),
    ("wednesday", "Wednesday"),
    ("thursday", "Thursday"),
    ("friday", "Friday"),
    ("saturday", "Saturday"),
    ("sunday", "Sunday"),
];

/// How a hedge bounds the figure it stands before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hedge {
    /// A band around the value (`about`).
    Approx,
    /// A band that ends at the value (`nearly`, `almost`).
    Below,
    /// The value or more (`more than`).
    Lower,
    /// The value or less (`up to`).
    Upper,
    /// Exactly the value, said so (`equal to`).
    Exact,
}

/// Hedge phrases written before a figure, longest first within a shared last word.
pub(crate) const PRE_HEDGES: &[(&[&str], Hedge)] = &[
    (&["less", "than", "or", "equal", "to"], Hedge::Upper),
    (&["fewer", "than", "or", "equal", "to"], Hedge::Upper),
    (&["more", "than", "or", "equal", "to"], Hedge::Lower),
    (&["greater", "than", "or", "equal", "to"], Hedge::Lower),
    (&["at", "least", "or", "equal", "to"], Hedge::Lower),
    (&["at", "most", "or", "equal", "to"], Hedge::Upper),
    (&["less", "or", "equal", "than"], Hedge::Upper),
    (&["smaller", "or", "equal", "than"], Hedge::Upper),
    (&["lower", "or", "equal", "than"], Hedge::Upper),
    (&["higher", "or", "equal", "than"], Hedge::Lower),
    (&["bigger", "or", "equal", "than"], Hedge::Lower),
    (&["greater", "or", "equal", "than"], Hedge::Lower),
    (&["larger", "or", "equal", "than"], Hedge::Lower),
    (&["equal", "to"], Hedge::Exact),
    (&["equaling", "to"], Hedge::Exact),
    (&["equalling", "to"], Hedge::Exact),
    (&["exactly"], Hedge::Exact),
    (&["precisely"], Hedge::Exact),
    (&["exceed"], Hedge::Lower),
    (&["exceeds"], Hedge::Lower),
    (&["exceeded"], Hedge::Lower),
    (&["surpass"], Hedge::Lower),
    (&["surpassed"], Hedge::Lower),
    (&["surpasses"], Hedge::Lower),
    (&["topped"], Hedge::Lower),
    (&["just", "about"], Hedge::Approx),
    (&["an", "estimated"], Hedge::Approx),
    (&["an", "approximate"], Hedge::Approx),
    (&["somewhere", "around"], Hedge::Approx),
    (&["roughly"], Hedge::Approx),
    (&["about"], Hedge::Approx),
    (&["approximately"], Hedge::Approx),
    (&["approx"], Hedge::Approx),
    (&["around"], Hedge::Approx),
    (&["some"], Hedge::Approx),
    (&["circa"], Hedge::Approx),
    (&["estimated"], Hedge::Approx),
    (&["or", "so"], Hedge::Approx),
    (&["nearly"], Hedge::Below),
    (&["almost"], Hedge::Below),
    (&["close", "to"], Hedge::Below),
    (&["just", "shy", "of"], Hedge::Below),
    (&["no", "more", "than"], Hedge::Upper),
    (&["not", "more", "than"], Hedge::Upper),
    (&["no", "less", "than"], Hedge::Lower),
    (&["no", "fewer", "than"], Hedge::Lower),
    (&["not", "less", "than"], Hedge::Lower),
    (&["much", "more", "than"], Hedge::Lower),
    (&["more", "than"], Hedge::Lower),
    (&["greater", "than"], Hedge::Lower),
    (&["larger", "than"], Hedge::Lower),
    (&["higher", "than"], Hedge::Lower),
    (&["bigger", "than"], Hedge::Lower),
    (&["well", "over"], Hedge::Lower),
    (&["just", "over"], Hedge::Lower),
    (&["over"], Hedge::Lower),
    (&["at", "least"], Hedge::Lower),
    (&["upwards", "of"], Hedge::Lower),
    (&["upward", "of"], Hedge::Lower),
    (&["in", "excess", "of"], Hedge::Lower),
    (&["above"], Hedge::Lower),
    (&["exceeding"], Hedge::Lower),
    (&["a", "minimum", "of"], Hedge::Lower),
    (&["minimum", "of"], Hedge::Lower),
    (&["shortly", "after"], Hedge::Lower),
    (&["just", "after"], Hedge::Lower),
    (&["soon", "after"], Hedge::Lower),
    (&["since"], Hedge::Lower),
    (&["as", "early", "as"], Hedge::Lower),
    (&["less", "than"], Hedge::Upper),
    (&["fewer", "than"], Hedge::Upper),
    (&["lower", "than"], Hedge::Upper),
    (&["smaller", "than"], Hedge::Upper),
    (&["just", "under"], Hedge::Upper),
    (&["under"], Hedge::Upper),
    (&["below"], Hedge::Upper),
    (&["up", "to"], Hedge::Upper),
    (&["at", "most"], Hedge::Upper),
    (&["as", "many", "as"], Hedge::Upper),
    (&["as", "much", "as"], Hedge::Upper),
    (&["a", "maximum", "of"], Hedge::Upper),
    (&["maximum", "of"], Hedge::Upper),
    (&["a", "little", "before"], Hedge::Upper),
    (&["shortly", "before"], Hedge::Upper),
    (&["just", "before"], Hedge::Upper),
];

/// Hedge phrases written after a figure (`or more`, `or so`).
pub(crate) const POST_HEDGES: &[(&[&str], Hedge)] = &[
    (&["or", "more", "than"], Hedge::Lower),
    (&["or", "greater", "than"], Hedge::Lower),
    (&["or", "less", "than"], Hedge::Upper),
    (&["or", "greater"], Hedge::Lower),
    (&["and", "more"], Hedge::Lower),
    (&["or", "lower"], Hedge::Upper),
    (&["or", "below"], Hedge::Upper),
    (&["or", "smaller"], Hedge::Upper),
    (&["or", "more"], Hedge::Lower),
    (&["or", "older"], Hedge::Lower),
    (&["or", "above"], Hedge::Lower),
    (&["or", "higher"], Hedge::Lower),
    (&["and", "up"], Hedge::Lower),
    (&["and", "above"], Hedge::Lower),
    (&["and", "older"], Hedge::Lower),
    (&["or", "less"], Hedge::Upper),
    (&["or", "fewer"], Hedge::Upper),
    (&["or", "younger"], Hedge::Upper),
    (&["or", "under"], Hedge::Upper),
    (&["or", "so"], Hedge::Approx),
];

/// Words that end the run of modifiers before a counted noun: function words, verbs
/// that follow a number, and words that never head a counted phrase.
pub(crate) fn is_stop_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "as"
            | "than"
            | "that"
            | "this"
            | "these"
            | "those"
            | "who"
            | "whom"
            | "whose"
            | "which"
            | "what"
            | "when"
            | "where"
            | "while"
            | "if"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "them"
            | "their"
            | "his"
            | "her"
            | "we"
            | "us"
            | "our"
            | "you"
            | "your"
            | "i"
            | "me"
            | "my"
            | "him"
            | "there"
            | "here"
            | "after"
            | "before"
            | "since"
            | "until"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "about"
            | "around"
            | "against"
            | "between"
            | "during"
            | "through"
            | "per"
            | "each"
            | "every"
            | "all"
            | "both"
            | "either"
            | "not"
            | "no"
            | "so"
            | "also"
            | "just"
            | "only"
            | "said"
            | "says"
            | "say"
            | "told"
            | "ago"
            | "later"
            | "earlier"
            | "apiece"
            | "percent"
            | "pct"
            | "times"
            | "out"
            | "up"
            | "down"
            | "off"
            | "away"
            | "back"
            | "more"
            | "less"
            | "fewer"
            | "least"
            | "most"
            | "then"
            | "now"
            | "yet"
            | "still"
            | "again"
            | "too"
            | "very"
            | "like"
            | "among"
            | "including"
            | "because"
            | "whether"
            | "via"
            | "within"
            | "without"
            | "across"
            | "toward"
            | "towards"
            | "upon"
            | "near"
            | "behind"
            | "above"
            | "below"
            | "beyond"
            | "inside"
            | "outside"
            | "vs"
            | "versus"
            | "plus"
            | "minus"
            | "killed"
            | "died"
            | "dead"
            | "injured"
            | "wounded"
            | "hurt"
            | "left"
            | "remain"
            | "remained"
            | "remains"
    )
}

/// Plural nouns that do not end in `s`, and their singular.
pub(crate) fn irregular_plural(w: &str) -> Option<&'static str> {
    Some(match w {
        "people" => "person",
        "men" => "man",
        "women" => "woman",
        "children" => "child",
        "police" => "police",
        "feet" => "foot",
        "teeth" => "tooth",
        "mice" => "mouse",
        "geese" => "goose",
        "personnel" => "personnel",
        "staff" => "staff",
        "cattle" => "cattle",
        "sheep" => "sheep",
        "fish" => "fish",
        "aircraft" => "aircraft",
        "crew" => "crew",
        "youth" => "youth",
        "alumni" => "alumnus",
        "media" => "media",
        "data" => "data",
        "criteria" => "criterion",
        "phenomena" => "phenomenon",
        "deer" => "deer",
        "offspring" => "offspring",
        "livestock" => "livestock",
        "militia" => "militia",
        "infantry" => "infantry",
        "clergy" => "clergy",
        _ => return None,
    })
}

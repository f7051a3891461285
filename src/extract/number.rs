//! The number grammar: digit literals ("246", "1,200", "1.5", "3m", "2bn", "80Mln"), scale
//! words ("1.2 million", "75-million"), and numbers in words ("two hundred forty-six", "a dozen",
//! "one and a half", "a quarter of a billion"). Values are exact decimals. Each number also
//! carries its *resolution* — the unit of its last stated digit — so the checker can tell that
//! "$1.2 billion" is a rounding of 1,180,000,000 while "246" is exact.

use crate::text::{Document, TokKind};
use crate::words::{WordMap, WordSet, lowercase, with_ascii_lower, zero_width};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// A number read from tokens `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: Decimal,
    /// The place value of the last stated digit: 1 for "246", 100,000,000 for "1.2 billion".
    pub resolution: Decimal,
    pub start: usize,
    pub end: usize,
    /// Written in words ("two dozen") rather than digits.
    pub spelled: bool,
    /// A plain digit run with no separators, decimals or scale ("2024"), as years are.
    pub bare_integer: bool,
}

/// A digit literal split into its number and trailing letters ("3m" → 3, "m").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Literal<'a> {
    pub value: Decimal,
    pub frac_digits: u32,
    pub suffix: &'a str,
    pub grouped: bool,
}

/// Reads a digit literal token: digits, `,` thousands groups (or Indian lakh groups), one `.`
/// decimal part — or European "1.111,11" / "1,3" — then letters ("3m", "211th") or an
/// exponent ("1e10").
pub fn literal(tok: &str) -> Option<Literal<'_>> {
    let b = tok.as_bytes();
    // Most tokens read here are words; a zero-width character (E2 or EF lead byte) may come
    // before the digits.
    if !b
        .first()
        .is_some_and(|&c| c.is_ascii_digit() || c == 0xe2 || c == 0xef)
    {
        return None;
    }
    // Plain digits, maybe with letters after ("246", "2024", "3m"): read without building
    // strings. Anything else after the digits goes the general way.
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=18).contains(&digits) && !matches!(b.get(digits), Some(b',' | b'.' | 0xe2 | 0xef)) {
        let (num, suffix) = tok.split_at(digits);
        if !(suffix.chars().all(char::is_alphabetic) || exponent(suffix).is_some())
            || (num.len() > 1 && num.starts_with('0'))
        {
            return None;
        }
        let v = num.bytes().fold(0u64, |v, d| v * 10 + u64::from(d - b'0'));
        return Some(Literal {
            value: Decimal::from(v),
            frac_digits: 0,
            suffix,
            grouped: false,
        });
    }
    separated(tok).or_else(|| literal_general(tok))
}

/// [`literal`] of the usual separated forms, read without building strings: thousands in
/// groups of three ("1,200", "12,500,000", "1,200.5") and a decimal point ("1.5", "0.25"),
/// up to 18 digits, with letters or nothing after. `None` for anything else (then read the
/// general way, which gives these the same value, scale and grouping).
fn separated(tok: &str) -> Option<Literal<'_>> {
    let b = tok.as_bytes();
    let run = |from: usize| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    // The shape first: digits, then groups of exactly three, then a decimal part.
    let mut i = run(0);
    let mut grouped = false;
    if b.get(i) == Some(&b',') {
        // Western groups only, after one to three digits not starting with a zero.
        if !(1..=3).contains(&i) || b[0] == b'0' {
            return None;
        }
        while b.get(i) == Some(&b',') {
            if run(i + 1) != 3 {
                return None;
            }
            i += 4;
            grouped = true;
        }
    }
    let mut frac = 0;
    if b.get(i) == Some(&b'.') {
        frac = run(i + 1);
        if frac == 0 {
            return None;
        }
        i += 1 + frac;
    } else if !grouped {
        return None;
    }
    let (num, suffix) = tok.split_at(i);
    let digits = num.bytes().filter(u8::is_ascii_digit);
    if digits.clone().count() > 18 || !suffix.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // At most 18 digits: the value fits, and so does the scale.
    let v = digits.fold(0u64, |v, d| v * 10 + u64::from(d - b'0'));
    let frac = u32::try_from(frac).ok()?;
    Some(Literal {
        value: Decimal::from_i128_with_scale(i128::from(v), frac),
        frac_digits: frac,
        suffix,
        grouped,
    })
}

/// [`literal`] for any token: separators, decimals, zero-width characters, long runs.
fn literal_general(tok: &str) -> Option<Literal<'_>> {
    // Invisible characters inside the digits ("2\u{200b}46") are read past, as a reader
    // of the page does (the tokenizer keeps them inside a digit run), and so is the line
    // break of a number wrapped after its separator ("1,\n200").
    let unseen = |c: char| zero_width(c) || c == '\n' || c == '\r';
    let digits_end = tok
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.' || unseen(c)))
        .map_or(tok.len(), |(i, _)| i);
    let (num, suffix) = tok.split_at(digits_end);
    let visible: String;
    let num = if num.chars().any(unseen) {
        visible = num.chars().filter(|&c| !unseen(c)).collect();
        visible.as_str()
    } else {
        num
    };
    if num.is_empty() || !num.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    if !(suffix.chars().all(char::is_alphabetic) || exponent(suffix).is_some()) {
        return None; // "1A2": a designation, not a number
    }
    let groups_ok = |int: &str, sep: char| {
        let parts: Vec<&str> = int.split(sep).collect();
        let western =
            !parts[0].is_empty() && parts[0].len() <= 3 && parts[1..].iter().all(|g| g.len() == 3);
        // Indian: 12,34,567
        let n = parts.len();
        let indian = n >= 3
            && !parts[0].is_empty()
            && parts[0].len() <= 2
            && parts[1..n - 1].iter().all(|g| g.len() == 2)
            && parts[n - 1].len() == 3;
        western || indian
    };
    let (int, frac, grouped): (String, &str, bool) =
        match (num.matches('.').count(), num.matches(',').count()) {
            (0, 0) => (num.to_string(), "", false),
            (1, _) if !num.split_once('.').is_some_and(|(_, f)| f.contains(',')) => {
                let (i, f) = num.split_once('.')?;
                if i.contains(',') && !groups_ok(i, ',') {
                    return None;
                }
                (i.replace(',', ""), f, i.contains(','))
            }
            (0, _) => {
                if groups_ok(num, ',') {
                    (num.replace(',', ""), "", true)
                } else {
                    // "1,3" and "5,00": a decimal comma.
                    let (i, f) = num.split_once(',')?;
                    if f.contains(',') || f.len() > 2 || i.len() > 3 {
                        return None;
                    }
                    (i.to_string(), f, false)
                }
            }
            (_, 1) => {
                // "1.111,11": dots group thousands, the comma marks decimals.
                let (i, f) = num.split_once(',')?;
                if !groups_ok(i, '.') || f.len() > 2 {
                    return None;
                }
                (i.replace('.', ""), f, true)
            }
            _ => return None, // "192.168.1.2"
        };
    if int.is_empty() || (int.len() > 1 && int.starts_with('0') && frac.is_empty()) {
        return None; // "007", zip codes, serials
    }
    let text = if frac.is_empty() {
        int.clone()
    } else {
        format!("{int}.{frac}")
    };
    let value = Decimal::from_str_exact(&text).ok()?;
    Some(Literal {
        value,
        frac_digits: frac.len() as u32,
        suffix,
        grouped,
    })
}

/// A scale suffix glued to digits ("3m", "2bn", "80Mln", "5k").
pub fn suffix_scale(s: &str) -> Option<Decimal> {
    Some(match s {
        "k" | "K" => Decimal::from(1_000),
        "m" | "M" | "mn" | "Mn" | "mln" | "Mln" | "MLN" | "MM" | "mil" => Decimal::from(1_000_000),
        "b" | "B" | "bn" | "Bn" | "BN" | "bln" | "Bln" => Decimal::from(1_000_000_000u64),
        "tn" | "Tn" | "trn" | "T" => Decimal::from(1_000_000_000_000u64),
        _ => return None,
    })
}

/// A scale word ("million", "bn").
pub fn word_scale(w: &str) -> Option<Decimal> {
    // Scale words are short ASCII: lower-cased on the stack, not into a new string.
    with_ascii_lower(w, word_scale_lower).flatten()
}

fn word_scale_lower(l: &str) -> Option<Decimal> {
    static MAP: LazyLock<WordMap<u64>> = LazyLock::new(|| word_map(SCALES));
    MAP.get(l).map(|&v| Decimal::from(v))
}

/// Whether a token may be part of a number, an amount or a date: digits, a numeric
/// character ("½", "３"), a currency or other symbol, a number, scale, ordinal or fraction
/// word, a month, a weekday, or a vague magnitude ("dozens"). Every claim holds one, so
/// the extractor only starts reading near one (see `Extractor::run`).
pub fn may_be_numeric(t: &str) -> bool {
    // Most tokens of prose: a word in ASCII lower case, which is numeric only as a number
    // word (a month must be capitalised; no number word is longer than 16 bytes).
    if t.bytes().all(|b| b.is_ascii_lowercase()) && !t.is_empty() {
        return t.len() <= 16 && NUMBER_WORDS.contains(t);
    }
    let Some(c) = t.chars().next() else {
        return false;
    };
    if c.is_numeric() || t.bytes().any(|b| b.is_ascii_digit()) {
        return true; // "246", "３", "USD115", "F-16"
    }
    if !c.is_alphanumeric() {
        // "$", "€", "£", "%" — not ASCII punctuation other than those.
        return !c.is_ascii_punctuation() && !c.is_whitespace() || matches!(c, '$' | '%');
    }
    with_ascii_lower(t, |l| {
        NUMBER_WORDS.contains(l) || c.is_uppercase() && super::date::month_lower(l).is_some()
    })
    .unwrap_or(false)
}

/// Every lower-case word [`may_be_numeric`] takes (months aside: they must be capitalised):
/// number, tens, ordinal and fraction words with their plurals, scales, weekdays, and vague
/// magnitudes.
static NUMBER_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    // Plurals are made once, for the life of the process.
    let plurals = ORDINALS
        .iter()
        .map(|&(w, _)| &*String::leak(format!("{w}s")));
    WordSet::new(
        SMALL
            .iter()
            .chain(TENS)
            .map(|&(w, _)| w)
            .chain(ORDINALS.iter().map(|&(w, _)| w))
            .chain(plurals)
            .chain(["halves"])
            .chain(SCALES.iter().map(|&(w, _)| w))
            .chain([
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday",
            ])
            .chain(MAGNITUDE_WORDS.iter().copied()),
    )
});

/// Number words below twenty.
const SMALL: &[(&str, u32)] = &[
    ("zero", 0),
    ("nought", 0),
    ("naught", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];

/// Tens words.
const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Ordinal and fraction words (singular; a plural adds "s"). "first" and "second" only count
/// inside compounds ("twenty-first").
const ORDINALS: &[(&str, u64)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("quarter", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
    ("thousandth", 1_000),
    ("millionth", 1_000_000),
    ("billionth", 1_000_000_000),
    ("trillionth", 1_000_000_000_000),
    ("half", 2),
];

/// Scale words (lower case).
const SCALES: &[(&str, u64)] = &[
    ("thousand", 1_000),
    ("thousands", 1_000),
    ("k", 1_000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("mln", 1_000_000),
    ("mn", 1_000_000),
    ("billion", 1_000_000_000),
    ("billions", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("bln", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
    ("trillions", 1_000_000_000_000),
    ("tn", 1_000_000_000_000),
    ("tln", 1_000_000_000_000),
    ("lakh", 100_000),
    ("lakhs", 100_000),
    ("crore", 10_000_000),
    ("crores", 10_000_000),
];

/// Vague magnitudes and counting words a claim may hold ("dozens", "hundreds", "tens").
const MAGNITUDE_WORDS: &[&str] = &[
    "hundred", "hundreds", "dozen", "dozens", "dz", "dzs", "doz", "dozs", "score", "scores", "tens",
];

/// A table of words as a [`WordMap`].
fn word_map<V: Copy + Default>(table: &'static [(&'static str, V)]) -> WordMap<V> {
    let mut m = WordMap::default();
    for &(w, v) in table {
        *m.entry(w) = v;
    }
    m
}

fn small(w: &str) -> Option<u32> {
    static MAP: LazyLock<WordMap<u32>> = LazyLock::new(|| word_map(SMALL));
    MAP.get(w).copied()
}

fn tens(w: &str) -> Option<u32> {
    static MAP: LazyLock<WordMap<u32>> = LazyLock::new(|| word_map(TENS));
    MAP.get(w).copied()
}

fn ordinal(w: &str) -> Option<(u64, bool)> {
    static MAP: LazyLock<WordMap<u64>> = LazyLock::new(|| word_map(ORDINALS));
    // (value, plural)
    if w == "halves" {
        return Some((2, true));
    }
    let (stem, plural) = match w.strip_suffix('s') {
        Some(st) if !w.ends_with("ss") => (st, true),
        _ => (w, false),
    };
    MAP.get(stem).map(|&v| (v, plural))
}

fn unicode_fraction(s: &str) -> Option<Decimal> {
    let (n, d) = match s {
        "½" => (1, 2),
        "⅓" => (1, 3),
        "⅔" => (2, 3),
        "¼" => (1, 4),
        "¾" => (3, 4),
        "⅕" => (1, 5),
        "⅖" => (2, 5),
        "⅗" => (3, 5),
        "⅘" => (4, 5),
        "⅙" => (1, 6),
        "⅚" => (5, 6),
        "⅛" => (1, 8),
        "⅜" => (3, 8),
        "⅝" => (5, 8),
        "⅞" => (7, 8),
        _ => return None,
    };
    Some(Decimal::from(n) / Decimal::from(d))
}

/// The words of a cardinal read so far.
#[derive(Debug, Clone, Copy)]
struct Cardinal {
    total: Decimal,
    current: Decimal,
    /// Value added to `current` since the last "hundred" or scale ("two" in "three hundred and two").
    tail: Decimal,
    /// The last scale applied ("million"), 1 if none.
    last_scale: Decimal,
    resolution: Decimal,
    end: usize,
    atoms: usize,
    /// Last atom was a tens word not introduced by "and" ("thirty" in "one hundred thirty").
    trailing_tens: Option<(usize, Decimal)>,
    digits_only: bool,
    bare_integer: bool,
}

impl Cardinal {
    fn value(&self) -> Decimal {
        add(self.total, self.current)
    }
}

thread_local! {
    /// Set when arithmetic on a number being read overflowed (see [`Reader::number`]).
    static OVERFLOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `a + b`, or the largest value with [`OVERFLOW`] set: a number too large to hold is no
/// claim, and never a panic.
fn add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or_else(|| {
        OVERFLOW.with(|o| o.set(true));
        Decimal::MAX
    })
}

/// `a * b`, like [`add`].
fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or_else(|| {
        OVERFLOW.with(|o| o.set(true));
        Decimal::MAX
    })
}

/// Token-level reader over a document.
pub struct Reader<'d> {
    pub doc: &'d Document,
    /// The last numbers read, by token (direct-mapped): a value, a money amount and a
    /// qualifier each read the number at the same token, most of them more than once.
    recent: std::cell::RefCell<[(usize, Option<Num>); RECENT]>,
}

/// Slots of [`Reader::recent`].
const RECENT: usize = 16;

impl<'d> Reader<'d> {
    pub fn new(doc: &'d Document) -> Self {
        Reader {
            doc,
            recent: std::cell::RefCell::new([(usize::MAX, None); RECENT]),
        }
    }

    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc.tokens.is_empty()
    }

    /// The token's text ("" past the end).
    pub fn text(&self, i: usize) -> &'d str {
        self.doc
            .tokens
            .get(i)
            .map_or("", |t| t.span.slice(&self.doc.text))
    }

    /// The token's text in lower case, borrowed when it already is (most words are).
    pub fn lower(&self, i: usize) -> std::borrow::Cow<'d, str> {
        lowercase(self.text(i))
    }

    /// `f` of the token's text in lower case; lower-cased on the stack when short ASCII.
    pub fn lower_matches(&self, i: usize, f: impl Fn(&str) -> bool) -> bool {
        let t = self.text(i);
        with_ascii_lower(t, &f).unwrap_or_else(|| f(&lowercase(t)))
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        // Lengths first: most tokens asked about are not the word, and differ in length.
        match self.doc.tokens.get(i) {
            Some(t) => {
                t.span.len() == w.len() && t.span.slice(&self.doc.text).eq_ignore_ascii_case(w)
            }
            None => w.is_empty(),
        }
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Alnum)
            && self.text(i).chars().next().is_some_and(char::is_alphabetic)
    }

    /// Token `i` directly follows token `i - 1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| !t.gap) && i > 0
    }

    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.doc.tokens.get(a), self.doc.tokens.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }

    fn hyphen(&self, i: usize) -> bool {
        matches!(self.text(i), "-" | "‐" | "‑")
    }

    /// Token `j` exists and is in the same sentence as `i`.
    fn near(&self, i: usize, j: usize) -> bool {
        self.same_sentence(i, j)
    }

    /// A number starting at token `i`, with an optional sign ("minus five", "-1").
    pub fn number(&self, i: usize) -> Option<Num> {
        let slot = i % RECENT;
        if let Ok(recent) = self.recent.try_borrow()
            && recent[slot].0 == i
        {
            return recent[slot].1;
        }
        let outer = OVERFLOW.with(|o| o.replace(false));
        let n = self.number_inner(i);
        let overflowed = OVERFLOW.with(|o| o.replace(outer));
        let n = n.filter(|_| !overflowed);
        if let Ok(mut recent) = self.recent.try_borrow_mut() {
            recent[slot] = (i, n);
        }
        n
    }

    fn number_inner(&self, i: usize) -> Option<Num> {
        let t = self.text(i);
        // "10^400": a power too large to hold is no claim, and neither its base nor its
        // exponent is one alone ("400 dollars").
        if self.text(i + 1) == "^" && self.glued(i + 1) && self.power(i).is_none() {
            return None;
        }
        let mut k = i;
        while k > 0 && matches!(self.text(k - 1), "+" | "-") && self.glued(k) {
            k -= 1;
        }
        if k > 0 && self.text(k - 1) == "^" && self.glued(k) {
            return None;
        }
        let neg_word = (t.eq_ignore_ascii_case("minus") || t.eq_ignore_ascii_case("negative"))
            && self.near(i, i + 1);
        let neg_sign = matches!(t, "-" | "−")
            && self.glued(i + 1)
            && self.doc.tokens.get(i).is_some_and(|tok| tok.gap || i == 0)
            && self
                .text(i + 1)
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit);
        // ".08": a decimal without its zero.
        if t == "."
            && self.glued(i + 1)
            && self.doc.tokens.get(i).is_some_and(|tok| tok.gap || i == 0)
        {
            let d = self.text(i + 1);
            if !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()) {
                return self.bare_decimal(i, d);
            }
        }
        if neg_word || neg_sign {
            let mut n = self.magnitude(i + 1)?;
            n.value = -n.value;
            n.start = i;
            n.bare_integer = false;
            return Some(n);
        }
        self.magnitude(i)
    }

    /// ".08" at `i`, its digits `d`.
    // Cold: a decimal without its zero is rare, and formats a string.
    #[cold]
    #[inline(never)]
    fn bare_decimal(&self, i: usize, d: &str) -> Option<Num> {
        let v = Decimal::from_str_exact(&format!("0.{d}")).ok()?;
        Some(self.digit_num(v, Decimal::new(1, d.len() as u32), i, i + 2))
    }

    fn magnitude(&self, i: usize) -> Option<Num> {
        if let Some(f) = unicode_fraction(self.text(i)) {
            return Some(self.num(f, f, i, i + 1));
        }
        if let Some(n) = self.suffixed_literal(i) {
            return Some(n);
        }
        // Only "a", "an", "half" or "quarter" start a fraction first (non-ASCII may lower-case
        // to one, so it is asked too).
        if self
            .text(i)
            .bytes()
            .next()
            .is_some_and(|b| !b.is_ascii() || matches!(b | 0x20, b'a' | b'h' | b'q'))
            && let Some(n) = self.fraction_first(i)
        {
            return Some(n);
        }
        let c = self.cardinal(i, false)?;
        Some(self.tails(i, c))
    }

    /// "3m", "2bn", "80Mln", "1e10", "3/4", "2 1/4".
    fn suffixed_literal(&self, i: usize) -> Option<Num> {
        let tok = self.doc.tokens.get(i)?;
        if tok.kind != TokKind::Alnum {
            return None;
        }
        // A power ends in "x10", "×10", "e" or "E", or has "^" after it (see `power`).
        let t = self.text(i);
        let maybe_power = t.ends_with("x10")
            || t.ends_with("×10")
            || t.ends_with(['e', 'E'])
            || self.text(i + 1) == "^";
        if maybe_power && let Some(n) = self.power(i) {
            return Some(n);
        }
        let lit = literal(self.text(i))?;
        if !lit.suffix.is_empty() {
            let scale = suffix_scale(lit.suffix).or_else(|| exponent(lit.suffix))?;
            let value = lit.value.checked_mul(scale)?;
            let resolution = Decimal::new(1, lit.frac_digits).checked_mul(scale)?;
            return Some(Num {
                value,
                resolution,
                start: i,
                end: i + 1,
                spelled: false,
                bare_integer: false,
            });
        }
        // Digit fractions: "3/4", and "2 1/4" with a whole part.
        let frac = |k: usize| -> Option<Decimal> {
            if self.text(k + 1) != "/" || !self.glued(k + 1) || !self.glued(k + 2) {
                return None;
            }
            let n = literal(self.text(k)).filter(|l| l.suffix.is_empty() && l.frac_digits == 0)?;
            let d =
                literal(self.text(k + 2)).filter(|l| l.suffix.is_empty() && l.frac_digits == 0)?;
            let allowed = [2, 3, 4, 5, 6, 8, 10].map(Decimal::from);
            (allowed.contains(&d.value) && n.value < d.value && !n.value.is_zero())
                .then(|| n.value / d.value)
        };
        if let Some(f) = frac(i) {
            return Some(self.digit_num(f, f, i, i + 3));
        }
        if lit.frac_digits == 0
            && !lit.grouped
            && self.near(i, i + 1)
            && let Some(f) = frac(i + 1)
        {
            return Some(self.digit_num(lit.value + f, f, i, i + 4));
        }
        None
    }

    /// Scientific forms: "1.1^23", "2.5^-1", "12.32e+14", "1.3x10^6".
    // Cold: scientific forms are rare in prose (callers test the token's ending first).
    #[cold]
    #[inline(never)]
    fn power(&self, i: usize) -> Option<Num> {
        let t = self.text(i);
        // The mantissa, and the base its exponent applies to.
        let (mantissa, base, mut k) =
            if let Some(m) = t.strip_suffix("x10").or_else(|| t.strip_suffix("×10")) {
                (
                    literal(m).filter(|l| l.suffix.is_empty())?.value,
                    Decimal::TEN,
                    i + 1,
                )
            } else if let Some(m) = t.strip_suffix(['e', 'E']) {
                let lit = literal(m).filter(|l| l.suffix.is_empty())?;
                if !matches!(self.text(i + 1), "+" | "-") {
                    return None;
                }
                (lit.value, Decimal::TEN, i + 1)
            } else {
                let lit = literal(t).filter(|l| l.suffix.is_empty())?;
                if self.text(i + 1) != "^" {
                    return None;
                }
                (Decimal::ONE, lit.value, i + 1)
            };
        if self.text(k) == "^" {
            if !self.glued(k) {
                return None;
            }
            k += 1;
        }
        // Signs: "^-1", "^+23", "^--23".
        let mut negative = false;
        while matches!(self.text(k), "+" | "-") && self.glued(k) {
            negative ^= self.text(k) == "-";
            k += 1;
        }
        let exp = literal(self.text(k))
            .filter(|l| l.suffix.is_empty() && l.frac_digits == 0 && self.glued(k))?;
        let n: u32 = exp.value.to_string().parse().ok().filter(|n| *n <= 28)?;
        let mut p = Decimal::ONE;
        for _ in 0..n {
            p = p.checked_mul(base)?;
        }
        if negative {
            p = Decimal::ONE.checked_div(p)?;
        }
        let value = mantissa.checked_mul(p)?;
        Some(self.digit_num(value, value, i, k + 1))
    }

    fn digit_num(&self, value: Decimal, resolution: Decimal, start: usize, end: usize) -> Num {
        Num {
            value,
            resolution,
            start,
            end,
            spelled: false,
            bare_integer: false,
        }
    }

    fn word_scale_at(&self, i: usize) -> Option<Decimal> {
        if !self.is_word(i) {
            return None;
        }
        word_scale(self.text(i))
    }

    /// "half a million", "a quarter of a billion", "a dozen", "half a dozen", "a trillionth",
    /// "quarter million", "half".
    // Out of line: only at "a", "an", "half" or "quarter" (see `magnitude`).
    #[inline(never)]
    fn fraction_first(&self, i: usize) -> Option<Num> {
        let w = self.lower(i);
        let article = matches!(&*w, "a" | "an");
        let (frac_at, frac) = if article {
            let next = self.lower(i + 1);
            if next == "dozen" {
                return Some(self.num(Decimal::from(12), Decimal::ONE, i, i + 2));
            }
            if next == "hundred" || self.word_scale_at(i + 1).is_some() {
                let c = self.cardinal(i + 1, true)?;
                let mut n = self.tails(i + 1, c);
                n.start = i;
                return Some(n);
            }
            match self.denominator(i + 1) {
                Some((d, end)) => (end - 1, Decimal::ONE.checked_div(d)?),
                None if next == "half" => (i + 1, Decimal::new(5, 1)),
                None => return None,
            }
        } else if w == "half" || w == "quarter" {
            (
                i,
                if w == "half" {
                    Decimal::new(5, 1)
                } else {
                    Decimal::new(25, 2)
                },
            )
        } else {
            return None;
        };
        let mut end = frac_at + 1;
        // "… of a billion", "… a million", "… million", "… a dozen", "half-dozen"
        let mut k = end;
        if self.hyphen(k) && self.glued(k) && self.glued(k + 1) {
            k += 1;
        }
        if self.is(k, "of") {
            k += 1;
        }
        if matches!(&*self.lower(k), "a" | "an") {
            k += 1;
        }
        let lk = self.lower(k);
        let mult = if let Some(s) = self.word_scale_at(k) {
            Some(s)
        } else if lk == "dozen" {
            Some(Decimal::from(12))
        } else {
            None
        };
        if let Some(m) = mult.filter(|_| self.near(i, k)) {
            end = k + 1;
            let v = frac.checked_mul(m)?;
            return Some(self.num(v, v, i, end));
        }
        // A bare "half"/"a quarter": only when no noun phrase makes it a portion of something
        // countable would we want it; keep it as the fraction it is.
        if w == "quarter" {
            return None;
        }
        Some(self.num(frac, frac, i, end))
    }

    /// A cardinal of words and digits: "two hundred forty-six", "3 hundred and 21",
    /// "1.2 million", "one billion two hundred million", "6 crore and two hundred".
    fn cardinal(&self, i: usize, implicit_one: bool) -> Option<Cardinal> {
        let mut c = Cardinal {
            total: Decimal::ZERO,
            current: if implicit_one {
                Decimal::ONE
            } else {
                Decimal::ZERO
            },
            tail: Decimal::ZERO,
            last_scale: Decimal::ONE,
            resolution: Decimal::ONE,
            end: i,
            atoms: usize::from(implicit_one),
            trailing_tens: None,
            digits_only: true,
            bare_integer: false,
        };
        let mut last = if implicit_one { 1u8 } else { 0u8 }; // 0 none, 1 unit/teen, 2 tens, 3 hundred, 4 scale, 5 digits
        let mut after_and = false;
        let mut snapshot: Option<Cardinal> = None;
        let mut j = i;
        let mut scales_seen: Vec<Decimal> = Vec::new();
        loop {
            if j != i && !self.near(i, j) {
                break;
            }
            let tok_text = self.text(j);
            let w = self.lower(j);
            // A digit atom.
            let digit_atom = self
                .doc
                .tokens
                .get(j)
                .filter(|t| t.kind == TokKind::Alnum)
                .and_then(|_| literal(tok_text))
                .filter(|l| l.suffix.is_empty());
            if let Some(lit) = digit_atom {
                if last != 0
                    && !(after_and && matches!(last, 3 | 4))
                    && !(last == 4 && c.current.is_zero())
                {
                    break;
                }
                let (mut value, mut k, mut grouped, mut frac) =
                    (lit.value, j + 1, lit.grouped, lit.frac_digits);
                // "1 234 567", "40 000": groups of three after a single space.
                if !lit.grouped && lit.frac_digits == 0 && tok_text.len() <= 3 {
                    // ("72 155 mm howitzers": a calibre after a count is no group of it.)
                    while self.space_group(k)
                        && !(super::is_unit_of_measure(self.text(k + 1)) && self.is_word(k + 2))
                    {
                        let g = Decimal::from_str_exact(self.text(k)).ok()?;
                        let gf = self
                            .text(k)
                            .split_once('.')
                            .map_or(0, |(_, f)| f.len() as u32);
                        value = value.checked_mul(Decimal::from(1000))?.checked_add(g)?;
                        frac = gf;
                        grouped = true;
                        k += 1;
                    }
                }
                c.current = add(c.current, value);
                c.tail = value;
                c.resolution = Decimal::new(1, frac);
                c.atoms += 1;
                c.end = k;
                c.trailing_tens = None;
                c.bare_integer = c.atoms == 1 && !grouped && frac == 0 && k == j + 1;
                last = 5;
                after_and = false;
                j = k;
                // "75-million": a scale glued by a hyphen.
                if self.hyphen(j)
                    && self.glued(j)
                    && self.glued(j + 1)
                    && self.word_scale_at(j + 1).is_some()
                {
                    j += 1;
                }
                continue;
            }
            if !self.is_word(j) {
                break;
            }
            // "six million and two thirds": the words after "and" are a fraction's numerator.
            if ordinal(&w).is_some_and(|(d, _)| d > 2 || w.starts_with("half"))
                && after_and_unit(&c, snapshot.as_ref())
            {
                if let Some(s) = snapshot.take() {
                    c = s;
                }
                break;
            }
            if let Some(v) = tens(&w) {
                if last == 1 || last == 2 || last == 5 {
                    break;
                }
                let mut value = Decimal::from(v);
                let mut k = j + 1;
                c.trailing_tens = (!after_and && c.atoms > 0).then_some((j, Decimal::from(v)));
                // "forty-six", "fifty - two", "fifty two"
                let unit_at = if self.hyphen(k) { k + 1 } else { k };
                if let Some(u) = small(&self.lower(unit_at)).filter(|&u| (1..10).contains(&u))
                    && self.near(i, unit_at)
                {
                    value = add(value, Decimal::from(u));
                    k = unit_at + 1;
                    c.trailing_tens = None;
                }
                c.current = add(c.current, value);
                c.tail = value;
                c.resolution = Decimal::ONE;
                c.atoms += 1;
                c.digits_only = false;
                c.end = k;
                last = if k > j + 1 { 1 } else { 2 };
                after_and = false;
                j = k;
                continue;
            }
            if let Some(v) = small(&w) {
                if last == 1 || last == 5 || last == 2 && v >= 10 {
                    break;
                }
                if last == 2 && v >= 1 {
                    // "fifty two" handled above; here a tens word precedes with no unit.
                    break;
                }
                c.current = add(c.current, Decimal::from(v));
                c.tail = Decimal::from(v);
                c.resolution = Decimal::ONE;
                c.atoms += 1;
                c.digits_only = false;
                c.trailing_tens = None;
                c.end = j + 1;
                last = 1;
                after_and = false;
                j += 1;
                continue;
            }
            if w == "hundred" {
                if last == 0
                    || last == 3
                    || c.current.is_zero()
                    || (c.current >= Decimal::from(100) && (last != 5 || snapshot.is_some()))
                {
                    if let Some(s) = snapshot.take() {
                        c = s;
                    }
                    break;
                }
                c.current = c.current.checked_mul(Decimal::from(100))?;
                c.tail = Decimal::ZERO;
                c.resolution = Decimal::from(100);
                c.end = j + 1;
                c.trailing_tens = None;
                c.digits_only = false;
                last = 3;
                after_and = false;
                snapshot = None;
                j += 1;
                continue;
            }
            if let Some(scale) =
                word_scale_lower(&w).filter(|_| !w.ends_with('s') || w == "lakhs" || w == "crores")
            {
                if last == 0 {
                    break;
                }
                if last == 4 && c.current.is_zero() {
                    // "lakh crore": a scale of a scale.
                    c.total = c.total.checked_mul(scale)?;
                } else {
                    if scales_seen.last().is_some_and(|s| *s <= scale)
                        && !c.current.is_zero()
                        && c.total > Decimal::ZERO
                    {
                        if let Some(s) = snapshot.take() {
                            c = s;
                        }
                        break;
                    }
                    c.total = c.total.checked_add(c.current.checked_mul(scale)?)?;
                    c.resolution = c.resolution.checked_mul(scale)?;
                    c.current = Decimal::ZERO;
                }
                c.tail = Decimal::ZERO;
                c.last_scale = scale;
                scales_seen.push(scale);
                c.end = j + 1;
                c.trailing_tens = None;
                c.digits_only = false;
                c.bare_integer = false;
                last = 4;
                after_and = false;
                snapshot = None;
                j += 1;
                continue;
            }
            if w == "and" && matches!(last, 3 | 4) {
                let nw = self.lower(j + 1);
                let next_is_atom = small(&nw).is_some()
                    || tens(&nw).is_some()
                    || literal(self.text(j + 1)).is_some_and(|l| l.suffix.is_empty());
                if next_is_atom && self.near(i, j + 1) {
                    snapshot = Some(c);
                    after_and = true;
                    j += 1;
                    continue;
                }
            }
            break;
        }
        if c.end == i || (c.atoms == 0) {
            return None;
        }
        if c.digits_only && last == 5 && c.atoms > 1 {
            c.bare_integer = false;
        }
        Some(c)
    }

    /// One group of three digits after a single space ("40 000").
    fn space_group(&self, k: usize) -> bool {
        let Some(tok) = self.doc.tokens.get(k) else {
            return false;
        };
        let prev_end = self.doc.tokens[k - 1].span.end;
        let between = &self.doc.text[prev_end..tok.span.start];
        let single = between.chars().count() == 1
            && matches!(between, " " | "\u{a0}" | "\u{202f}" | "\u{2009}");
        let t = self.text(k);
        let int = t.split_once('.').map_or(t, |(a, _)| a);
        single
            && int.len() == 3
            && int.bytes().all(|b| b.is_ascii_digit())
            && t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    }

    /// What may follow a cardinal: "point zero three", "dozen", fractions ("two thirds",
    /// "one hundred thirty fifths"), "and a half", "over three".
    fn tails(&self, start: usize, c: Cardinal) -> Num {
        let mut n = Num {
            value: c.value(),
            resolution: c.resolution,
            start,
            end: c.end,
            spelled: !c.digits_only,
            bare_integer: c.bare_integer,
        };
        let e = c.end;
        let near = |k: usize| self.near(start, k);
        let lw = self.lower(e);
        // "two hundred point zero three"
        if lw == "point" && !c.digits_only && near(e + 1) {
            return self.point_digits(start, e, n);
        }
        // "two dozen", "three hundred and two dozens", "3 dzs"
        if matches!(&*lw, "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs") && near(e) {
            n.value = add(c.value(), mul(c.tail, Decimal::from(11)));
            n.end = e + 1;
            n.resolution = Decimal::ONE;
            n.bare_integer = false;
            return n;
        }
        // Fractions: numerator c, then a denominator.
        if !c.digits_only
            && let Some(f) = self.fraction_after(start, &c)
        {
            return f;
        }
        // "and a half", "and two thirds", "and a quarter million"
        if lw == "and"
            && near(e + 1)
            && let Some(f) = self.and_fraction(start, &c, n)
        {
            return f;
        }
        // "1 over 3", "one out of three", "1 in twenty-one"
        if (lw == "over" || lw == "in" || (lw == "out" && self.is(e + 1, "of"))) && near(e + 1) {
            return self.ratio(start, &c, &lw, n);
        }
        n
    }

    /// "two hundred point zero three": the digits said after "point" at `c.end`.
    // Cold: taken only after a number in words and "point" (see `tails`).
    #[cold]
    #[inline(never)]
    fn point_digits(&self, start: usize, e: usize, mut n: Num) -> Num {
        let near = |k: usize| self.near(start, k);
        let mut digits = String::new();
        let mut k = e + 1;
        while near(k) {
            let w = self.lower(k);
            let hy = self.hyphen(k + 1);
            if let Some(v) = small(&w).or(if w == "naught" || w == "oh" {
                Some(0)
            } else {
                None
            }) {
                digits.push_str(&v.to_string());
                k += 1;
            } else if let Some(t) = tens(&w) {
                let u = if hy {
                    small(&self.lower(k + 2)).filter(|u| (1..10).contains(u))
                } else {
                    None
                };
                digits.push_str(&(t + u.unwrap_or(0)).to_string());
                k += if u.is_some() { 3 } else { 1 };
            } else {
                break;
            }
        }
        if !digits.is_empty()
            && let Ok(f) = Decimal::from_str_exact(&format!("0.{digits}"))
        {
            n.value = add(n.value, f);
            n.resolution = Decimal::new(1, digits.len() as u32);
            n.end = k;
        }
        n
    }

    /// "and a half", "and two thirds", "and a quarter million" after the cardinal `c`.
    // Cold: taken only when "and" follows a number (see `tails`).
    #[cold]
    #[inline(never)]
    fn and_fraction(&self, start: usize, c: &Cardinal, mut n: Num) -> Option<Num> {
        let e = c.end;
        let near = |k: usize| self.near(start, k);
        let (frac, k) = self.fraction_phrase(e + 1)?;
        let mut value;
        let mut end = k;
        if let Some(scale) = self.word_scale_at(k).filter(|_| near(k)) {
            value = if c.last_scale > Decimal::ONE {
                add(c.value(), mul(frac, scale))
            } else {
                mul(add(c.value(), frac), scale)
            };
            end = k + 1;
        } else {
            value = add(c.value(), mul(frac, c.last_scale));
        }
        if c.current.is_zero() && c.last_scale == Decimal::ONE {
            value = add(c.value(), frac);
        }
        // "one hundred and thirty fifths" is 130/5: a tail of one or more wholes is
        // more of the numerator ("one hundred and three quarters" is 100¾).
        if frac >= Decimal::ONE
            && c.last_scale == Decimal::ONE
            && self.word_scale_at(k).is_none()
            && let Some(tail) = self.cardinal(e + 1, false)
            && let Some((den, _)) = self.denominator(tail.end)
            && let Some(v) = add(c.value(), tail.value()).checked_div(den)
        {
            value = v;
        }
        n.value = value;
        n.end = end;
        n.bare_integer = false;
        n.resolution = Decimal::ONE.min(n.resolution);
        Some(n)
    }

    /// "1 over 3", "one out of three", "1 in twenty-one" after the cardinal `c`, `lw` the word —
    /// only when nothing is counted after it (and "in" no year: "2 in 2024").
    // Cold: taken only when "over", "in" or "out of" follows a number (see `tails`).
    #[cold]
    #[inline(never)]
    fn ratio(&self, start: usize, c: &Cardinal, lw: &str, mut n: Num) -> Num {
        let e = c.end;
        let near = |k: usize| self.near(start, k);
        let k = if lw == "out" { e + 2 } else { e + 1 };
        if let Some(d) = self.cardinal(k, false) {
            let after = d.end;
            let counted = self.is_word(after) && near(after) && !super::is_stop(self.text(after));
            let year =
                d.bare_integer && (Decimal::from(1000)..=Decimal::from(2999)).contains(&d.value());
            let ratio_ok = lw == "over" || c.value() <= d.value() && !year;
            if !counted
                && !d.value().is_zero()
                && ratio_ok
                && let Some(v) = c.value().checked_div(d.value())
            {
                n.value = v;
                n.end = after;
                n.bare_integer = false;
                n.resolution = v;
            }
        }
        n
    }

    /// A fraction phrase: "a half", "one half", "two thirds", "a thirtieth", "three quarters".
    fn fraction_phrase(&self, i: usize) -> Option<(Decimal, usize)> {
        let w = self.lower(i);
        let (num, k) = if w == "a" || w == "an" {
            (Decimal::ONE, i + 1)
        } else {
            let c = self.cardinal(i, false)?;
            (c.value(), c.end)
        };
        let (den, end) = self.denominator(k)?;
        Some((num.checked_div(den)?, end))
    }

    /// An ordinal denominator at `k`: "fifth(s)", "twenty-fifth", "thirty fifths",
    /// "one hundred fifth", "hundred and fifth".
    fn denominator(&self, k: usize) -> Option<(Decimal, usize)> {
        if !self.is_word(k) {
            return None;
        }
        let w = self.lower(k);
        if let Some((d, _)) = ordinal(&w) {
            if d <= 2 && w != "half" && w != "halves" {
                return None; // "first", "second": not fractions on their own
            }
            return Some((Decimal::from(d), k + 1));
        }
        // "twenty-fifth", "twenty fifths", "hundred-fifths"
        let base = tens(&w)
            .map(Decimal::from)
            .or((w == "hundred").then(|| Decimal::from(100)));
        if let Some(b) = base {
            let mut m = k + 1;
            if self.hyphen(m) || self.is(m, "and") {
                m += 1;
            }
            if let Some((d, _)) = ordinal(&self.lower(m)).filter(|(d, _)| *d < 10) {
                return Some((b + Decimal::from(d), m + 1));
            }
            return None;
        }
        // "one hundred fifth", "one thousand fifths"
        let c = self.cardinal(k, false)?;
        let mut m = c.end;
        if self.is(m, "and") || self.hyphen(m) {
            m += 1;
        }
        let (d, _) = ordinal(&self.lower(m))?;
        if c.digits_only {
            return None;
        }
        Some((add(c.value(), Decimal::from(d)), m + 1))
    }

    fn fraction_after(&self, start: usize, c: &Cardinal) -> Option<Num> {
        let e = c.end;
        if !self.near(start, e) {
            return None;
        }
        let build = |value: Decimal, end: usize| Num {
            value,
            resolution: value,
            start,
            end,
            spelled: true,
            bare_integer: false,
        };
        // "one hundred thirty fifths" = 100/35: a trailing tens word joins the denominator.
        if let Some((tj, tv)) = c.trailing_tens {
            let o = if self.hyphen(e) { e + 1 } else { e };
            if e == tj + 1
                && let Some((d, _)) = ordinal(&self.lower(o)).filter(|(d, _)| *d < 10 && *d > 0)
            {
                let num = c.value() - tv;
                if !num.is_zero() {
                    return Some(build(num.checked_div(tv + Decimal::from(d))?, o + 1));
                }
            }
        }
        // "one-eighth", "five - eighths", "hundred-fifths"
        let e = if self.hyphen(e) && ordinal(&self.lower(e + 1)).is_some() {
            e + 1
        } else {
            e
        };
        let (den, end) = self.denominator(e)?;
        let scale_end = self.word_scale_at(end).filter(|_| self.near(start, end));
        let mut value = c.value().checked_div(den)?;
        let mut end = end;
        if let Some(s) = scale_end {
            value = value.checked_mul(s)?;
            end += 1;
        } else if self.is(end, "of")
            && matches!(&*self.lower(end + 1), "a" | "an")
            && let Some(s) = self.word_scale_at(end + 2)
        {
            value = value.checked_mul(s)?;
            end += 3;
        }
        Some(build(value, end))
    }

    fn num(&self, value: Decimal, resolution: Decimal, start: usize, end: usize) -> Num {
        Num {
            value,
            resolution,
            start,
            end,
            spelled: true,
            bare_integer: false,
        }
    }
}

/// Whether the cardinal read so far ends in "and" + a unit or a compound under 100 (not a bare
/// tens word: "one hundred and thirty fifths" is 130/5).
fn after_and_unit(c: &Cardinal, snapshot: Option<&Cardinal>) -> bool {
    snapshot.is_some() && c.trailing_tens.is_none()
}

/// "e10", "E6": a power of ten glued to digits.
fn exponent(s: &str) -> Option<Decimal> {
    let d = s.strip_prefix(['e', 'E'])?;
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let p: u32 = d.parse().ok()?;
    (0..p).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(Decimal::TEN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    mod number_words {
        use super::*;
        use proptest::prelude::*;

        /// What `may_be_numeric` said before its words came from one set.
        fn reference(t: &str) -> bool {
            let Some(c) = t.chars().next() else {
                return false;
            };
            if c.is_numeric() || t.bytes().any(|b| b.is_ascii_digit()) {
                return true;
            }
            if !c.is_alphanumeric() {
                return !c.is_ascii_punctuation() && !c.is_whitespace() || matches!(c, '$' | '%');
            }
            with_ascii_lower(t, |l| {
                small(l).is_some()
                    || tens(l).is_some()
                    || ordinal(l).is_some()
                    || word_scale_lower(l).is_some()
                    || c.is_uppercase() && crate::extract::date::month_lower(l).is_some()
                    || matches!(
                        l,
                        "monday"
                            | "tuesday"
                            | "wednesday"
                            | "thursday"
                            | "friday"
                            | "saturday"
                            | "sunday"
                    )
                    || MAGNITUDE_WORDS.contains(&l)
            })
            .unwrap_or(false)
        }

        #[test]
        fn every_number_word_and_corpus_word_reads_as_before() {
            let mut words: Vec<String> = Vec::new();
            for &(w, _) in SMALL.iter().chain(TENS) {
                words.push(w.into());
            }
            for &(w, _) in ORDINALS.iter() {
                words.push(w.into());
            }
            for &(w, _) in SCALES {
                words.push(w.into());
            }
            for w in MAGNITUDE_WORDS.iter().chain(&[
                "halves", "halfs", "monday", "May", "may", "Sept", "MARCH", "Dozen",
            ]) {
                words.push(w.to_string());
            }
            for (_, text) in crate::test_support::bundled_articles() {
                words.extend(
                    text.split(|c: char| !c.is_alphanumeric())
                        .map(str::to_string),
                );
            }
            let more: Vec<String> = words
                .iter()
                .flat_map(|w| {
                    [
                        format!("{w}s"),
                        format!("{w}es"),
                        w.to_uppercase(),
                        w.chars().rev().collect(),
                    ]
                })
                .collect();
            words.extend(more);
            assert!(words.len() > 5000, "{}", words.len());
            for w in &words {
                assert_eq!(may_be_numeric(w), reference(w), "{w:?}");
            }
        }

        proptest! {
            #[test]
            fn any_token_reads_as_before(t in "[a-zA-Z]{1,20}|\\PC{1,4}") {
                prop_assert_eq!(may_be_numeric(&t), reference(&t));
            }
        }
    }

    mod literal_fast_path {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2048, .. ProptestConfig::default() })]

            /// The digits-only shortcut reads every token exactly as the general reader does.
            #[test]
            fn agrees_with_the_general_reader(tok in "[0-9]{0,22}[,.0-9a-zA-Z\u{200b}\u{feff}×–^+-]{0,6}") {
                // Debug shows a decimal's scale ("1.50"), which equality does not compare.
                prop_assert_eq!(format!("{:?}", literal(&tok)), format!("{:?}", literal_general(&tok)));
            }

            #[test]
            fn separated_forms_agree_with_the_general_reader(
                tok in "[0-9]{1,4}(,[0-9]{2,4}){0,7}(\\.[0-9]{0,5})?[,.]?[a-z]{0,2}",
            ) {
                prop_assert_eq!(format!("{:?}", literal(&tok)), format!("{:?}", literal_general(&tok)));
            }
        }

        #[test]
        fn agrees_on_edge_cases() {
            for tok in [
                "0",
                "00",
                "007",
                "246",
                "2024",
                "3m",
                "211th",
                "1e10",
                "1E",
                "1A2",
                "16",
                "999999999999999999",
                "9999999999999999999",
                "12345678901234567890123",
                "1,200",
                "1.5",
                "2\u{200b}46",
                "\u{200b}5",
                "5\u{feff}",
                "3x10",
                "1e+5",
                "",
                "m",
                "12bn",
                "7é",
                "0,200",
                "0,200.5",
                "1,200.50",
                "0.25",
                "007.5",
                "1,20",
                "1,2000",
                "12,345,678.901",
                "1.5.6",
                "1,200,",
                "1.",
                "1.5bn",
                "1,200th",
                "12,34,567",
                "999,999,999,999,999,999",
                "9,999,999,999,999,999,999",
                "999,999,999,999,999,999,999",
                "99,999,999,999,999,999,999.5",
                "0.123456789012345678",
            ] {
                assert_eq!(
                    format!("{:?}", literal(tok)),
                    format!("{:?}", literal_general(tok)),
                    "{tok:?}"
                );
            }
        }
    }

    fn read(text: &str) -> Option<(String, String)> {
        let d = Document::new(text);
        let r = Reader::new(&d);
        let n = r.number(0)?;
        let span =
            crate::span::Span::new(d.tokens[n.start].span.start, d.tokens[n.end - 1].span.end);
        Some((n.value.normalize().to_string(), d.slice(span).to_string()))
    }

    fn val(text: &str) -> String {
        read(text).map(|(v, _)| v).unwrap_or_else(|| "none".into())
    }

    #[test]
    fn digit_literals() {
        assert_eq!(val("246 missiles"), "246");
        assert_eq!(val("1,200"), "1200");
        assert_eq!(val("1.5"), "1.5");
        assert_eq!(val("75,000,000"), "75000000");
        assert_eq!(val("3m"), "3000000");
        assert_eq!(val("2bn"), "2000000000");
        assert_eq!(val("75M"), "75000000");
        assert_eq!(val("80Mln"), "80000000");
        assert_eq!(val("1.2 million"), "1200000");
        assert_eq!(val("75-million"), "75000000");
        assert_eq!(val("0.075 billion"), "75000000");
        assert_eq!(val("1.1 billion"), "1100000000");
    }

    #[test]
    fn not_numbers() {
        for t in [
            "M1A2",
            "1A2",
            "192.168.1.2",
            "1,2345",
            "007",
            "211th",
            "1990s",
            "180ml",
        ] {
            assert_eq!(val(t), "none", "{t}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(
            read("two hundred forty-six missiles"),
            Some(("246".into(), "two hundred forty-six".into()))
        );
        assert_eq!(val("thirty-three soldiers"), "33");
        assert_eq!(val("fifty - two"), "52");
        assert_eq!(val("a dozen"), "12");
        assert_eq!(val("two dozen"), "24");
        assert_eq!(val("a hundred"), "100");
        assert_eq!(val("one hundred and three"), "103");
        assert_eq!(val("one and a half"), "1.5");
        assert_eq!(val("two and a half million"), "2500000");
        assert_eq!(val("a quarter of a billion"), "250000000");
        assert_eq!(val("half a million"), "500000");
        assert_eq!(val("three quarters"), "0.75");
        assert_eq!(val("five million"), "5000000");
        assert_eq!(val("one thousand and five"), "1005");
        assert_eq!(val("a quarter million"), "250000");
        assert_eq!(val("three hundred thousand"), "300000");
        assert_eq!(val("a"), "none");
        assert_eq!(val("hundred"), "none");
    }

    #[test]
    fn scientific_and_bare_decimals() {
        assert_eq!(val("1e10"), "10000000000");
        assert_eq!(val("12.32e+14"), "1232000000000000");
        assert_eq!(val("2.5^-1"), "0.4");
        assert_eq!(val("1.3x10^6"), "1300000");
        assert_eq!(val(".08"), "0.08");
        assert_eq!(val("2.33 k"), "2330");
        assert_eq!(val("-4/5"), "-0.8");
    }

    #[test]
    fn a_hundred_after_and_starts_a_new_number() {
        // "3 hundred and 2 hundred" is two numbers, not 30,200.
        assert_eq!(
            read("3 hundred and 2 hundred"),
            Some(("300".into(), "3 hundred".into()))
        );
    }

    #[test]
    fn resolution_follows_the_last_stated_digit() {
        let d = Document::new("1.2 billion");
        let n = Reader::new(&d).number(0).unwrap();
        assert_eq!(n.resolution, Decimal::from_str("100000000").unwrap());
        let d = Document::new("246");
        let n = Reader::new(&d).number(0).unwrap();
        assert_eq!(n.resolution, Decimal::ONE);
        assert!(n.bare_integer);
    }
}

//! The money grammar, shared by article extraction and the KB's `amount` strings: a currency
//! (symbol, ISO code or name, before or after) around a number from [`super::number`].
//! `$75 million`, `US$1.2bn`, `€50m`, `75 million dollars`, `$75,000,000`, `USD 75 million`,
//! `NT$1.2 billion`, `CHF 12 million`, `1.5 billion zlotys`, `$80Mln`, `$75-million`.

use super::number::{Num, Reader};
use crate::text::Document;
use crate::words::WordMap;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;

/// An ISO 4217 currency code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(pub &'static str);

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// Codes read as currencies. "ALL" (Albanian lek) is left out on purpose: it is far more
/// often the English word.
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CHF", "JPY", "CNY", "RMB", "PLN", "TWD", "AUD", "CAD", "NZD", "HKD",
    "SGD", "INR", "KRW", "RUB", "ILS", "TRY", "SEK", "NOK", "DKK", "CZK", "HUF", "RON", "BRL",
    "MXN", "ZAR", "SAR", "AED", "QAR", "KWD", "EGP", "UAH", "BGN", "THB", "PHP", "IDR", "MYR",
    "VND", "PKR", "NGN", "KES", "COP", "CLP", "ARS", "PEN", "CRC", "GEL", "LAK", "LKR", "FIM",
    "ESP", "NLG", "DEM", "FRF", "ITL", "BTC",
];

/// Codes also read in lower case after a number ("20 usd"): none of them is an English word.
const LOWER_OK: &[&str] = &[
    "USD", "EUR", "GBP", "CHF", "JPY", "CNY", "RMB", "PLN", "TWD", "AUD", "CAD", "NZD", "HKD",
    "SGD", "INR", "KRW", "RUB", "ILS", "SEK", "NOK", "DKK", "CZK", "HUF", "UAH", "MXN", "BRL",
];

impl Currency {
    /// The currency for an ISO code (case-insensitive), if it is one we know.
    pub fn from_code(code: &str) -> Option<Currency> {
        static BY_CODE: LazyLock<WordMap<&'static str>> = LazyLock::new(|| {
            let mut m = WordMap::default();
            for &c in CODES {
                *m.entry(c) = c;
            }
            *m.entry("RMB") = "CNY";
            m
        });
        // Every code is three letters: most tokens asked about are not, and need no copy.
        let b: [u8; 3] = code.as_bytes().try_into().ok()?;
        let up = b.map(|x| x.to_ascii_uppercase());
        let up = std::str::from_utf8(&up).ok()?;
        BY_CODE.get(up).map(|&c| Currency(c))
    }

    /// The symbol or code used when printing an amount.
    pub fn symbol(&self) -> &'static str {
        match self.0 {
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" => "¥",
            "TWD" => "NT$",
            "AUD" => "A$",
            "CAD" => "C$",
            _ => "",
        }
    }
}

/// An amount of money: a number with its currency (None for an unnamed currency like "cents").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Money {
    pub currency: Option<Currency>,
    pub num: Num,
    /// Token range `[start, end)` of the whole amount, currency included.
    pub start: usize,
    pub end: usize,
}

/// Prefixes that may stand apart from `$` ("c $ 1.34", "hk $ 10"); never "a $75", "s $".
const SPACED_PREFIXES: &[&str] = &[
    "c", "hk", "nz", "us", "mxn", "mex", "nzd", "usd", "cad", "aud",
];

/// Whether a word before a `$` may be read with it: a dollar prefix or a currency code.
pub(super) fn may_prefix_dollar(t: &str) -> bool {
    dollar_prefix(t).is_some() || code_token(t, false).is_some()
}

/// Prefix letters glued to `$`: "US$", "NT$", "A$", "C$" …
fn dollar_prefix(p: &str) -> Option<&'static str> {
    Some(match p.to_ascii_uppercase().as_str() {
        "US" | "USD" => "USD",
        "NT" | "TWD" => "TWD",
        "A" | "AU" | "AUD" => "AUD",
        "C" | "CA" | "CAN" | "CAD" => "CAD",
        "NZ" | "NZD" => "NZD",
        "HK" | "HKD" => "HKD",
        "S" | "SG" | "SGD" => "SGD",
        "R" => "BRL",
        "MX" | "MEX" | "MXN" => "MXN",
        _ => return None,
    })
}

fn symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₪" => "ILS",
        "₺" => "TRY",
        "₴" => "UAH",
        "₡" => "CRC",
        "₾" => "GEL",
        "₭" => "LAK",
        "元" => "CNY",
        "₿" => "BTC",
        _ => return None,
    })
}

/// Whether "pounds" at token `i`, after a number, is money rather than a weight: the number
/// has a scale ("5 million pounds", "40m pounds"), or money words frame it ("cost 5 pounds",
/// "a 300 pound contract", "worth 12 pounds"). Without `£`, `GBP` or "sterling", a bare
/// number of pounds is a weight in defence copy ("weighs 5.5 pounds", "up to 12 pounds").
fn pounds_of_money(r: &Reader<'_>, i: usize) -> bool {
    const SCALE: &[&str] = &[
        "thousand", "million", "billion", "trillion", "mln", "bln", "bn", "m",
    ];
    const BEFORE: &[&str] = &[
        "cost",
        "costs",
        "costing",
        "worth",
        "valued",
        "value",
        "price",
        "priced",
        "paid",
        "pay",
        "pays",
        "spend",
        "spends",
        "spent",
        "spending",
        "budget",
        "fund",
        "funds",
        "funding",
        "fine",
        "fined",
        "sum",
        "sums",
        "invest",
        "invested",
        "investment",
        "award",
        "awarded",
        "salary",
        "earn",
        "earns",
        "earned",
        "raise",
        "raised",
        "sold",
        "bought",
        "charge",
    ];
    const AFTER: &[&str] = &[
        "contract",
        "contracts",
        "deal",
        "deals",
        "order",
        "orders",
        "package",
        "programme",
        "program",
        "sale",
        "investment",
        "budget",
        "bill",
        "fine",
        "loan",
        "grant",
        "fund",
    ];
    let Some(num) = i.checked_sub(1) else {
        return false;
    };
    if SCALE.contains(&&*r.lower(num)) {
        return true;
    }
    // The word glued to the digits ("40m") or the number's own last letters.
    let t = r.text(num);
    if t.ends_with(['m', 'M', 'k', 'K']) || t.ends_with("bn") {
        return true;
    }
    if AFTER.contains(&&*r.lower(i + 1)) {
        return true;
    }
    (num.saturating_sub(5)..num).any(|k| BEFORE.contains(&&*r.lower(k)))
}

/// A currency name after a number, with the number of tokens it takes (from `i`).
fn name_after(r: &Reader<'_>, i: usize) -> Option<(Option<&'static str>, usize, Decimal)> {
    let one = Decimal::ONE;
    let w = r.lower(i);
    let plain = |c: &'static str| Some((Some(c), 1, one));
    match &*w {
        "dollar" | "dollars" => plain("USD"),
        "euro" | "euros" => plain("EUR"),
        "yen" => plain("JPY"),
        "yuan" | "renminbi" | "rmb" => plain("CNY"),
        "zloty" | "zlotys" | "złoty" | "złotys" | "zlotych" | "złotych" | "zł" => plain("PLN"),
        "rupee" | "rupees" => plain("INR"),
        "won" => None, // too often the verb
        "rouble" | "roubles" | "ruble" | "rubles" => plain("RUB"),
        "shekel" | "shekels" => plain("ILS"),
        "hryvnia" | "hryvnias" | "hryvnias'" => plain("UAH"),
        "riyal" | "riyals" => plain("SAR"),
        "dirham" | "dirhams" => plain("AED"),
        "lei" => plain("RON"),
        "kronor" | "krona" => plain("SEK"),
        "koruna" | "korunas" | "koruny" => plain("CZK"),
        "forint" | "forints" => plain("HUF"),
        // Norway's and Denmark's both: the country the sentence names decides.
        "krone" | "kroner" => Some((kroner(r, i), 1, one)),
        "lira" | "liras" => plain("TRY"),
        "markka" | "markkaa" => plain("FIM"),
        "peseta" | "pesetas" => plain("ESP"),
        "guilder" | "guilders" => plain("NLG"),
        "bitcoin" | "bitcoins" | "btc" => plain("BTC"),
        "satoshi" | "satoshis" => Some((Some("BTC"), 1, Decimal::new(1, 8))),
        "pound" | "pounds" => {
            if r.is(i + 1, "sterling") {
                Some((Some("GBP"), 2, one))
            } else if pounds_of_money(r, i) {
                plain("GBP")
            } else {
                // "weighs 5.5 pounds", "500 pounds of explosives": a weight.
                None
            }
        }
        "franc" | "francs" => Some((None, 1, one)),
        "cent" | "cents" => Some((None, 1, Decimal::new(1, 2))),
        "pence" | "penny" => Some((Some("GBP"), 1, Decimal::new(1, 2))),
        _ => two_word_name(r, i, &w),
    }
}

/// A currency named in two or three words from `i` ("US dollars", "Swiss francs", "New
/// Taiwan dollars"), `w` the first in lower case.
// Out of line: asked at every word after a number that names no currency alone, yet it
// rarely starts one, so its table stays out of `money_at`'s code.
#[inline(never)]
fn two_word_name(
    r: &Reader<'_>,
    i: usize,
    w: &str,
) -> Option<(Option<&'static str>, usize, Decimal)> {
    let one = Decimal::ONE;
    if (w == "us" || w == "american") && matches!(&*r.lower(i + 1), "dollar" | "dollars") {
        return Some((Some("USD"), 2, one));
    }
    let two = |c: &'static str, names: &[&str]| {
        names
            .contains(&&*r.lower(i + 1))
            .then_some((Some(c), 2, one))
    };
    match w {
        "swiss" => two("CHF", &["franc", "francs"]),
        "australian" => two("AUD", &["dollar", "dollars"]),
        "canadian" => two("CAD", &["dollar", "dollars"]),
        "taiwan" | "taiwanese" => two("TWD", &["dollar", "dollars"]),
        "british" => two("GBP", &["pound", "pounds"]),
        "new" if r.is(i + 1, "taiwan") => {
            matches!(&*r.lower(i + 2), "dollar" | "dollars").then_some((Some("TWD"), 3, one))
        }
        "polish" => two("PLN", &["zloty", "zlotys"]),
        "czech" => two("CZK", &["koruna", "korunas", "koruny", "crowns"]),
        "norwegian" => two("NOK", &["krone", "kroner", "crowns"]),
        "danish" => two("DKK", &["krone", "kroner", "crowns"]),
        "swedish" => two("SEK", &["krona", "kronor", "crowns"]),
        "hungarian" => two("HUF", &["forint", "forints"]),
        "japanese" => two("JPY", &["yen"]),
        "chinese" => two("CNY", &["yuan"]),
        "ukrainian" => two("UAH", &["hryvnia", "hryvnias"]),
        "turkish" => two("TRY", &["lira", "liras"]),
        "finnish" => two("FIM", &["markka", "markkaa"]),
        "dutch" => two("NLG", &["guilder", "guilders"]),
        "spanish" => two("ESP", &["peseta", "pesetas"]),
        _ => None,
    }
}

/// The currency of "kroner" at token `i`: Denmark's when its sentence names Denmark (and not
/// Norway), else Norway's, the kroner defence copy most often reports.
fn kroner(r: &Reader<'_>, i: usize) -> Option<&'static str> {
    let s = r.doc.tokens.get(i)?.sentence;
    let (lo, hi) = r.doc.sentences.get(s)?.tokens;
    let names = |list: &[&str]| (lo..hi).any(|k| list.iter().any(|w| r.is(k, w)));
    let danish = names(&["Denmark", "Danish", "Copenhagen"]);
    let norwegian = names(&["Norway", "Norwegian", "Oslo"]);
    Some(if danish && !norwegian { "DKK" } else { "NOK" })
}

/// A currency code token: "USD", "usd" (after a number), "MUSD" (millions of dollars).
fn code_token(t: &str, lower_ok: bool) -> Option<(&'static str, Decimal)> {
    let plain = |c: &str| {
        let upper = c.chars().all(|ch| ch.is_ascii_uppercase());
        let lower = c.len() == 3
            && c.chars().all(|ch| ch.is_ascii_lowercase())
            && lower_ok
            && LOWER_OK.contains(&c.to_ascii_uppercase().as_str());
        (c.len() == 3 && (upper || lower))
            .then(|| Currency::from_code(c))
            .flatten()
    };
    if let Some(c) = plain(t) {
        return Some((c.0, Decimal::ONE));
    }
    // "MUSD", "MEUR": millions.
    if t.len() == 4
        && t.starts_with('M')
        && t[1..].chars().all(|ch| ch.is_ascii_uppercase())
        && let Some(c) = plain(&t[1..])
    {
        return Some((c.0, Decimal::from(1_000_000)));
    }
    None
}

/// A money amount starting at token `i`.
pub fn money_at(r: &Reader<'_>, i: usize) -> Option<Money> {
    let m = prefixed(r, i)
        .or_else(|| glued_code(r, i))
        .or_else(|| suffixed(r, i))?;
    // Only an amount with a currency after its number may have cents after it (see `cents`).
    if m.end == m.num.end || m.currency.is_none() {
        return Some(m);
    }
    Some(cents(r, m))
}

/// "USD115", "115.5USD": code and digits in one token.
fn glued_code(r: &Reader<'_>, i: usize) -> Option<Money> {
    let t = r.text(i);
    let tok = r.doc.tokens.get(i)?;
    if tok.kind != crate::text::TokKind::Alnum || t.len() < 4 || !t.is_char_boundary(3) {
        return None;
    }
    let (code, mut value, mut resolution) = if t.as_bytes()[0].is_ascii_digit() {
        let lit = super::number::literal(t)?;
        let (c, mult) = code_token(lit.suffix, false)?;
        (
            c,
            lit.value.checked_mul(mult)?,
            Decimal::new(1, lit.frac_digits).checked_mul(mult)?,
        )
    } else {
        let (head, rest) = t.split_at(3);
        if !head.chars().all(|ch| ch.is_ascii_uppercase()) {
            return None;
        }
        let c = Currency::from_code(head)?;
        // "EUR1.2bn", "CHF250m": a scale glued to the digits.
        let lit = super::number::literal(rest)?;
        let scale = if lit.suffix.is_empty() {
            Decimal::ONE
        } else {
            super::number::suffix_scale(lit.suffix)?
        };
        (
            c.0,
            lit.value.checked_mul(scale)?,
            Decimal::new(1, lit.frac_digits).checked_mul(scale)?,
        )
    };
    // "CHF250 million", "PLN4.5 billion": a scale word after the code and digits.
    let mut end = i + 1;
    if resolution <= Decimal::ONE
        && r.is_word(end)
        && r.same_sentence(i, end)
        && let Some(scale) = super::number::word_scale(r.text(end))
    {
        value = value.checked_mul(scale)?;
        resolution = resolution.checked_mul(scale)?;
        end += 1;
    }
    let num = Num {
        value,
        resolution,
        start: i,
        end,
        spelled: false,
        bare_integer: false,
    };
    Some(Money {
        currency: Some(Currency(code)),
        num,
        start: i,
        end,
    })
}

/// "3 dollars 50 cents", "15 dollars and 15", "10 $ 30 cent": a whole amount and its cents.
// Cold: only an amount whose currency follows its number asks (see `money_at`).
#[cold]
#[inline(never)]
fn cents(r: &Reader<'_>, m: Money) -> Money {
    let whole = m.num.value.fract().is_zero() && m.num.resolution == Decimal::ONE;
    let dollars = matches!(
        m.currency.map(|c| c.0),
        Some("USD" | "EUR" | "CAD" | "AUD" | "NZD" | "HKD" | "CNY")
    );
    // "$3" then "50 cents" are two amounts; only a currency after the number joins them.
    if !whole || !dollars || m.end == m.num.end {
        return m;
    }
    let mut j = m.end;
    if r.is(j, "and") {
        j += 1;
    }
    if !r.same_sentence(m.start, j) {
        return m;
    }
    let Some(c) = r.number(j) else { return m };
    if c.value <= Decimal::ZERO || c.value >= Decimal::from(100) || !c.value.fract().is_zero() {
        return m;
    }
    let mut end = c.end;
    if matches!(&*r.lower(end), "cent" | "cents") {
        end += 1;
    } else if r.is_word(end) && !r.is(end, "and") && r.same_sentence(j, end) {
        return m; // "15 dollars 50 times": not cents
    }
    let mut out = m;
    out.num.value += c.value / Decimal::from(100);
    out.num.resolution = Decimal::new(1, 2);
    out.end = end;
    out
}

/// Currency first: "$75 million", "US$1.2bn", "NT$ 1.2 billion", "USD 75 million", "€50m".
fn prefixed(r: &Reader<'_>, i: usize) -> Option<Money> {
    let t = r.text(i);
    let (code, num_at) = if let Some(c) = symbol(t) {
        (c, i + 1)
    } else if r.text(i + 1) == "$"
        && r.is_word(i)
        && (r.glued(i + 1) || SPACED_PREFIXES.contains(&t.to_ascii_lowercase().as_str()))
    {
        (dollar_prefix(t)?, i + 2)
    } else if r.is(i, "U")
        && r.text(i + 1) == "."
        && r.is(i + 2, "S")
        && r.text(i + 3) == "."
        && r.text(i + 4) == "$"
    {
        ("USD", i + 5)
    } else if let Some((c, mult)) = code_token(t, false) {
        let mut num = r.number(i + 1)?;
        if !r.same_sentence(i, num.start) {
            return None;
        }
        num.value = num.value.checked_mul(mult)?;
        num.resolution = num.resolution.checked_mul(mult)?;
        let end = num.end;
        num.start = i;
        return Some(Money {
            currency: Some(Currency(c)),
            num,
            start: i,
            end,
        });
    } else {
        return None;
    };
    let mut num = r.number(num_at)?;
    if !r.same_sentence(i, num.start) {
        return None;
    }
    let mut end = num.end;
    // "$75 USD", "$ 50 million US dollars" — a repeated code or name is part of the amount.
    if let Some((c, n, unit)) = name_after(r, end) {
        if unit == Decimal::ONE && c == Some(code) {
            end += n;
        }
    } else if Currency::from_code(r.text(end)).is_some_and(|c| c.0 == code) {
        end += 1;
    }
    num.start = i;
    Some(Money {
        currency: Some(Currency(code)),
        num,
        start: i,
        end,
    })
}

/// Number first: "75 million dollars", "1.5 billion zlotys", "50 million USD", "10 €",
/// "75 USD million".
fn suffixed(r: &Reader<'_>, i: usize) -> Option<Money> {
    let mut num = r.number(i)?;
    let e = num.end;
    if !r.same_sentence(i, e) {
        return None;
    }
    // "18 bn. USD", "2 mln. EUR": the period of an abbreviated scale.
    let e = if r.text(e) == "."
        && r.glued(e)
        && matches!(&*r.lower(e - 1), "bn" | "mn" | "mln" | "bln" | "tn" | "trn")
        && code_token(r.text(e + 1), true).is_some()
    {
        e + 1
    } else {
        e
    };
    // A code glued to a hyphen and digits is a designation: "500 FIM-92K missiles" counts
    // Stingers (FIM is also the Finnish markka's code).
    let designation = matches!(r.text(e + 1), "-" | "‐")
        && r.glued(e + 1)
        && r.glued(e + 2)
        && r.text(e + 2).starts_with(|c: char| c.is_ascii_digit());
    // "75 USD million", "20 usd", "30 MUSD"
    if !designation && let Some((c, mult)) = code_token(r.text(e), true) {
        num.value = num.value.checked_mul(mult)?;
        num.resolution = num.resolution.checked_mul(mult)?;
        let mut end = e + 1;
        if let Some(scale) = super::number::word_scale(r.text(end)).filter(|_| r.is_word(end)) {
            num.value = num.value.checked_mul(scale)?;
            num.resolution = num.resolution.checked_mul(scale)?;
            end += 1;
        }
        return Some(Money {
            currency: Some(Currency(c)),
            num: Num { end, ..num },
            start: i,
            end,
        });
    }
    // "10 €", "10 $" — but not "5 $ bills".
    let bills = matches!(&*r.lower(e + 1), "bill" | "bills" | "note" | "notes");
    if let Some(c) = symbol(r.text(e)).filter(|_| !bills) {
        return Some(Money {
            currency: Some(Currency(c)),
            num,
            start: i,
            end: e + 1,
        });
    }
    // "12-cent", "one-yen"
    let e = if r.text(e) == "-" && r.glued(e) && r.glued(e + 1) && name_after(r, e + 1).is_some() {
        e + 1
    } else {
        e
    };
    let (code, n, unit) = name_after(r, e)?;
    num.value = num.value.checked_mul(unit)?;
    num.resolution = num.resolution.checked_mul(unit)?;
    Some(Money {
        currency: code.map(Currency),
        num,
        start: i,
        end: e + n,
    })
}

/// Why a KB amount string is not money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NoCurrency,
    NotAnAmount,
    Trailing(String),
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Empty => write!(f, "the amount is empty"),
            AmountError::NoCurrency => write!(f, "the amount names no currency"),
            AmountError::NotAnAmount => write!(f, "not a money amount"),
            AmountError::Trailing(t) => write!(f, "unexpected `{t}` after the amount"),
        }
    }
}

/// Parses a whole string as one amount (the KB's `amount = "$75 million"`), with the same
/// grammar articles are read with.
pub fn parse_amount(s: &str) -> Result<(Currency, Decimal), AmountError> {
    let doc = Document::new(s);
    if doc.tokens.is_empty() {
        return Err(AmountError::Empty);
    }
    let r = Reader::new(&doc);
    let m = money_at(&r, 0).ok_or_else(|| {
        if r.number(0).is_some_and(|n| n.end == doc.tokens.len()) {
            AmountError::NoCurrency
        } else {
            AmountError::NotAnAmount
        }
    })?;
    if m.end < doc.tokens.len() {
        let rest = &s[doc.tokens[m.end].span.start..];
        return Err(AmountError::Trailing(rest.trim().to_string()));
    }
    let c = m.currency.ok_or(AmountError::NoCurrency)?;
    Ok((c, m.num.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amt(s: &str) -> String {
        match parse_amount(s) {
            Ok((c, v)) => format!("{c} {}", v.normalize()),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn forms() {
        assert_eq!(amt("$75 million"), "USD 75000000");
        assert_eq!(amt("US$1.2bn"), "USD 1200000000");
        assert_eq!(amt("€50m"), "EUR 50000000");
        assert_eq!(amt("75 million dollars"), "USD 75000000");
        assert_eq!(amt("$75,000,000"), "USD 75000000");
        assert_eq!(amt("USD 75 million"), "USD 75000000");
        assert_eq!(amt("$75m"), "USD 75000000");
        assert_eq!(amt("$75M"), "USD 75000000");
        assert_eq!(amt("$0.075 billion"), "USD 75000000");
        assert_eq!(amt("$1.1 billion"), "USD 1100000000");
        assert_eq!(amt("$75-million"), "USD 75000000");
        assert_eq!(amt("£1.5bn"), "GBP 1500000000");
        assert_eq!(amt("EUR 50m"), "EUR 50000000");
        assert_eq!(amt("$80Mln"), "USD 80000000");
        assert_eq!(amt("NT$1.2 billion"), "TWD 1200000000");
        assert_eq!(amt("A$2 billion"), "AUD 2000000000");
        assert_eq!(amt("C$300 million"), "CAD 300000000");
        assert_eq!(amt("CHF 12 million"), "CHF 12000000");
        assert_eq!(amt("1.5 billion zlotys"), "PLN 1500000000");
        assert_eq!(amt("9.14 billion euros"), "EUR 9140000000");
        assert_eq!(amt("75 USD million"), "USD 75000000");
        assert_eq!(amt("five million yen"), "JPY 5000000");
        assert_eq!(amt("U.S.$5 million"), "USD 5000000");
        assert_eq!(amt("$ 2.75"), "USD 2.75");
        assert_eq!(amt("c $ 1.34"), "CAD 1.34");
        assert_eq!(amt("USD115.5"), "USD 115.5");
        assert_eq!(amt("115USD"), "USD 115");
        assert_eq!(amt("30 MUSD"), "USD 30000000");
        assert_eq!(amt("3 dollars 50 cents"), "USD 3.5");
        assert_eq!(amt("a quarter million us dollars"), "USD 250000");
    }

    #[test]
    fn an_article_is_not_a_prefix() {
        assert_eq!(amt("a $75 million"), "error: not a money amount");
    }

    #[test]
    fn errors() {
        assert_eq!(amt(""), "error: the amount is empty");
        assert_eq!(amt("75 million"), "error: the amount names no currency");
        assert_eq!(amt("lots of money"), "error: not a money amount");
        assert_eq!(
            amt("$75 million or so"),
            "error: unexpected `or so` after the amount"
        );
        assert_eq!(
            amt("$99999999999999999999999999999 billion"),
            "error: not a money amount"
        );
    }
}

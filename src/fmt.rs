//! Numbers, money and values written the way a newsroom writes them: "246", "1,200",
//! "$75 million", "$1.2 billion", "€50 million", "5%".

use crate::extract::money::Currency;
use crate::kb::{Bounds, FigureValue};
use rust_decimal::Decimal;

/// A number with thousands separators: 75000000 → "75,000,000", 1.5 → "1.5".
pub fn number(d: Decimal) -> String {
    let d = d.normalize();
    let s = d.abs().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if d.is_sign_negative() && !d.is_zero() {
        out.insert(0, '-');
    }
    out
}

/// A money amount: "$75 million", "$1.2 billion", "€50 million", "CHF 12 million", "$75,000".
pub fn money(c: Option<Currency>, v: Decimal) -> String {
    let scales = [
        (Decimal::from(1_000_000_000_000u64), "trillion"),
        (Decimal::from(1_000_000_000u64), "billion"),
        (Decimal::from(1_000_000u64), "million"),
    ];
    let mut body = number(v);
    for (s, name) in scales {
        if v.abs() >= s {
            let q = (v / s).normalize();
            if q.scale() <= 3 {
                body = format!("{} {name}", number(q));
                break;
            }
        }
    }
    match c {
        Some(c) if !c.symbol().is_empty() => format!("{}{body}", c.symbol()),
        Some(c) => format!("{c} {body}"),
        None => body,
    }
}

fn bounds(b: &Bounds, one: impl Fn(Decimal) -> String) -> String {
    match (b.min, b.max) {
        (Some(lo), Some(hi)) if lo == hi => one(lo),
        (Some(lo), Some(hi)) => format!("{} to {}", one(lo), one(hi)),
        (Some(lo), None) => format!("at least {}", one(lo)),
        (None, Some(hi)) => format!("at most {}", one(hi)),
        (None, None) => "any".to_string(),
    }
}

/// A KB figure's value.
pub fn figure(v: &FigureValue) -> String {
    match v {
        FigureValue::Count(b) => bounds(b, number),
        FigureValue::Amount(c, b) => bounds(b, |d| money(Some(*c), d)),
        FigureValue::Percent(b) => bounds(b, |d| format!("{}%", number(d))),
        FigureValue::Date(d) => d.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn numbers_and_money() {
        assert_eq!(number(d("75000000")), "75,000,000");
        assert_eq!(number(d("246")), "246");
        assert_eq!(number(d("1200.50")), "1,200.5");
        assert_eq!(money(Some(Currency("USD")), d("75000000")), "$75 million");
        assert_eq!(
            money(Some(Currency("USD")), d("1200000000")),
            "$1.2 billion"
        );
        assert_eq!(
            money(Some(Currency("USD")), d("436100000")),
            "$436.1 million"
        );
        assert_eq!(money(Some(Currency("EUR")), d("50000000")), "€50 million");
        assert_eq!(
            money(Some(Currency("CHF")), d("12000000")),
            "CHF 12 million"
        );
        assert_eq!(money(Some(Currency("USD")), d("75000")), "$75,000");
        assert_eq!(money(Some(Currency("USD")), d("1234567")), "$1,234,567");
    }
}

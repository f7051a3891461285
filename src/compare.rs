//! Comparing a stated quantity with a KB figure: both become intervals — the claim widened by
//! its qualifier and the rounding of its last digit, the figure by its tolerance — and they
//! agree when the intervals meet.

use crate::date::{Date, DateValue, MONTHS};
use crate::extract::{Claim, ClaimValue, Qualifier, Quantity, Unit};
use crate::kb::{Bounds, Figure, FigureValue, Tolerance};
use crate::text::Document;
use rust_decimal::Decimal;

/// How a claim compares with one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Agrees,
    Differs,
    /// Same number, another currency, and no conversion given.
    Currency,
    /// Another number in another currency: not comparable.
    Incomparable,
}

/// `[lo, hi]`, `None` for an open end.
type Interval = (Option<Decimal>, Option<Decimal>);

fn pct(p: i64) -> Decimal {
    Decimal::new(p, 2)
}

/// The values a claim allows.
pub fn claim_interval(q: &Quantity) -> Interval {
    let v = q.value;
    let half = q.resolution / Decimal::TWO;
    match q.qualifier {
        Qualifier::Exact => (Some(v - half), Some(v + half)),
        // "about 250": up to 10% either way, but no more than three steps of the number's
        // own precision ("about 3.34%" is precise to a hundredth: 3.31 to 3.37).
        Qualifier::Approximate => {
            // The precision as written: "250" is to the ten, "3.34" to the hundredth.
            let mut step = q.resolution.max(Decimal::new(1, 6));
            while let Some(next) = step.checked_mul(Decimal::TEN)
                && next <= v.abs()
                && v.checked_div(next).is_some_and(|x| x.fract().is_zero())
            {
                step = next;
            }
            let w = (v.abs() * pct(10)).min(step * Decimal::from(3)).max(half);
            (Some(v - w - half), Some(v + w + half))
        }
        Qualifier::LowerBound => (Some(v - half), None),
        Qualifier::UpperBound => (None, Some(v + half)),
        Qualifier::JustBelow => (Some(v * pct(90) - half), Some(v + half)),
        Qualifier::Range => (Some(v - half), Some(q.max.unwrap_or(v) + half)),
        Qualifier::Vague => (Some(v), Some(q.max.unwrap_or(v))),
    }
}

/// The values a KB figure allows, with its tolerance (or ±10% when it is an estimate).
fn figure_interval(b: &Bounds, f: &Figure) -> Interval {
    let tol = match (f.tolerance, f.approximate) {
        (Some(t), _) => Some(t),
        (None, true) => Some(Tolerance::Relative(pct(10))),
        (None, false) => None,
    };
    let widen = |d: Decimal, up: bool| match tol {
        None => d,
        Some(Tolerance::Absolute(t)) => {
            if up {
                d + t
            } else {
                d - t
            }
        }
        Some(Tolerance::Relative(p)) => {
            if up {
                d + d.abs() * p
            } else {
                d - d.abs() * p
            }
        }
    };
    (
        b.min.map(|d| widen(d, false)),
        b.max.map(|d| widen(d, true)),
    )
}

fn meets(a: Interval, b: Interval) -> bool {
    let le = |x: Option<Decimal>, y: Option<Decimal>| match (x, y) {
        (Some(x), Some(y)) => x <= y,
        _ => true,
    };
    le(a.0, b.1) && le(b.0, a.1)
}

/// Compares a quantity claim with a figure.
pub fn figure_verdict(claim: &Claim, f: &Figure) -> Verdict {
    let Some(q) = claim.quantity() else {
        return Verdict::Differs;
    };
    let agrees = |b: &Bounds| {
        if meets(claim_interval(q), figure_interval(b, f)) {
            Verdict::Agrees
        } else {
            Verdict::Differs
        }
    };
    // A bound stated against a KB bound of the same kind compares the bounds: "up to 48
    // jets" does not agree with an approved ceiling of 40.
    // So does "up to 660 missiles" against a figure the record gives as a ceiling ("up to
    // 600"): the article restates the ceiling, and 660 is not 600 (whereas "fewer than 700"
    // compares with it, and agrees).
    let same_bound = |b: &Bounds| match (q.qualifier, b.min, b.max) {
        (Qualifier::UpperBound, None, Some(max)) => Some(max),
        (Qualifier::LowerBound, Some(min), None) => Some(min),
        (Qualifier::UpperBound, Some(min), Some(max)) if q.ceiling && f.ceiling && min == max => {
            Some(max)
        }
        _ => None,
    };
    let agrees = |b: &Bounds| match same_bound(b) {
        Some(k) if (q.value - k).abs() > q.resolution / Decimal::TWO => Verdict::Differs,
        Some(_) => Verdict::Agrees,
        None => agrees(b),
    };
    match (&f.value, q.unit) {
        (FigureValue::Count(b), Unit::Count) | (FigureValue::Percent(b), Unit::Percent) => {
            agrees(b)
        }
        (FigureValue::Amount(kc, b), Unit::Money(c)) => {
            if c.is_none() || c == Some(*kc) {
                return agrees(b);
            }
            // A conversion beside the amount is checked in the KB's currency.
            if let Some((_, v)) = claim.conversions.iter().find(|(cc, _)| cc == kc) {
                let conv = (Some(*v * pct(95)), Some(*v * pct(105)));
                return if meets(conv, figure_interval(b, f)) {
                    Verdict::Agrees
                } else {
                    Verdict::Differs
                };
            }
            // An amount in another currency with no conversion beside it is a currency
            // mismatch whatever its number (SPEC §4): "€75 million" for "$75 million" is
            // the classic slip, and "€57 million" cannot be checked against $75 million.
            Verdict::Currency
        }
        _ => Verdict::Differs,
    }
}

/// Whether two claims can state the same value.
pub fn same_value(a: &Quantity, b: &Quantity) -> bool {
    if a.unit != b.unit {
        return false;
    }
    if a.qualifier == Qualifier::Exact && b.qualifier == Qualifier::Exact {
        // Two exact figures are one value when one rounds to the other: "$75 million" and
        // "$75,000,000", but not 4 and 5.
        let tol = a.resolution.max(b.resolution) / Decimal::TWO;
        return (a.value - b.value).abs() < tol || a.value == b.value;
    }
    meets(claim_interval(a), claim_interval(b))
}

/// A figure's value as the KB states it ("246", "$75 million", "about $80 million").
pub fn figure_text(f: &Figure) -> String {
    let v = crate::fmt::figure(&f.value);
    if f.approximate {
        format!("about {v}")
    } else {
        v
    }
}

/// What the article says, in its words: "264 Javelin missiles", "$57 million".
pub fn claim_text(doc: &Document, c: &Claim) -> String {
    let said = doc
        .slice(c.span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match &c.of {
        Some((of, sp))
            if !c.span.contains(*sp)
                && matches!(
                    c.value,
                    ClaimValue::Quantity(Quantity {
                        unit: Unit::Count,
                        ..
                    })
                ) =>
        {
            format!(
                "{said} {}",
                of.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        }
        _ => said,
    }
}

/// The KB value written to replace the claim's figure.
pub fn suggestion(c: &Claim, f: &Figure) -> Option<String> {
    let q = c.quantity()?;
    match &f.value {
        FigureValue::Count(b) => b.point().map(crate::fmt::number),
        FigureValue::Percent(b) => b.point().map(|d| format!("{}%", crate::fmt::number(d))),
        FigureValue::Amount(cur, b) => {
            let v = b.point()?;
            let _ = q;
            Some(crate::fmt::money(Some(*cur), v))
        }
        FigureValue::Date(_) => None,
    }
}

/// A KB date written as precisely as the article wrote its own.
pub fn date_like(article: &DateValue, kb: Date) -> String {
    let month = MONTHS[usize::from(kb.month) - 1];
    match article {
        DateValue::Day(_) | DateValue::Weekday(_) => format!("{month} {}, {}", kb.day, kb.year),
        DateValue::MonthOnly(_) => month.to_string(),
        DateValue::Month { .. } => format!("{month} {}", kb.year),
        DateValue::Year(_) => kb.year.to_string(),
    }
}

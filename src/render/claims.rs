//! `factcheck extract` output: a table for people, SPEC §5's JSON for tools.

use factcheck::extract::{Claim, ClaimValue, Qualifier, Unit};
use factcheck::text::Document;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

/// A decimal as a JSON number: an integer when whole, else a float.
pub fn number(d: Decimal) -> Value {
    let n = d.normalize();
    if n.scale() == 0
        && let Some(i) = n.to_i64()
    {
        return json!(i);
    }
    n.to_f64().map_or(Value::Null, |f| json!(f))
}

/// The span object: bytes and 1-based line/column at both ends.
pub fn span(doc: &Document, s: factcheck::span::Span) -> Value {
    let a = doc.locate(s.start);
    let b = doc.locate(s.end);
    json!({"start": s.start, "end": s.end, "line": a.line, "column": a.column,
           "end_line": b.line, "end_column": b.column})
}

pub fn value(c: &Claim) -> Value {
    match &c.value {
        ClaimValue::Quantity(q) => match q.max {
            Some(hi) => json!({"min": number(q.value), "max": number(hi)}),
            None => number(q.value),
        },
        ClaimValue::Date(d) => json!(d.to_string()),
        ClaimValue::Status { .. } => Value::Null,
    }
}

pub fn claim_json(doc: &Document, c: &Claim) -> Value {
    let (qualifier, currency) = match c.quantity() {
        Some(q) => (
            json!(q.qualifier.name()),
            match q.unit {
                Unit::Money(Some(cur)) => json!(cur.0),
                _ => Value::Null,
            },
        ),
        None => (Value::Null, Value::Null),
    };
    let (authority, state) = match &c.value {
        ClaimValue::Status {
            authority, state, ..
        } => (json!(authority), json!(state.name())),
        _ => (Value::Null, Value::Null),
    };
    let mut v = json!({
        "kind": c.kind,
        "text": doc.slice(c.span),
        "span": span(doc, c.span),
        "value": value(c),
        "qualifier": qualifier,
        "currency": currency,
        "of": c.of.as_ref().map(|o| o.0.clone()),
        "authority": authority,
        "state": state,
    });
    if !c.conversions.is_empty() {
        v["conversions"] = c
            .conversions
            .iter()
            .map(|(cur, d)| json!({"currency": cur.0, "value": number(*d)}))
            .collect();
    }
    v
}

/// A claim's value for people: "$75 million", "about 80", "24 to 99".
pub fn value_text(c: &Claim) -> String {
    match &c.value {
        ClaimValue::Quantity(q) => {
            let one = |d: Decimal| match q.unit {
                Unit::Money(cur) => factcheck::fmt::money(cur, d),
                Unit::Percent => format!("{}%", factcheck::fmt::number(d)),
                Unit::Count => factcheck::fmt::number(d),
            };
            match (q.qualifier, q.max) {
                (_, Some(hi)) => format!("{} to {}", one(q.value), one(hi)),
                (Qualifier::Exact, _) => one(q.value),
                (Qualifier::Approximate, _) => format!("about {}", one(q.value)),
                (Qualifier::LowerBound, _) => format!("at least {}", one(q.value)),
                (Qualifier::UpperBound, _) => format!("at most {}", one(q.value)),
                (Qualifier::JustBelow, _) => format!("just under {}", one(q.value)),
                (_, None) => one(q.value),
            }
        }
        ClaimValue::Date(d) => d.to_string(),
        ClaimValue::Status {
            authority, state, ..
        } => {
            format!("{}: {state}", authority.as_deref().unwrap_or("(the deal)"))
        }
    }
}

pub fn table(doc: &Document, claims: &[Claim]) -> comfy_table::Table {
    let mut t = super::kb::table();
    t.set_header([
        "line:col",
        "kind",
        "text",
        "value",
        "qualifier",
        "of / authority",
    ]);
    for c in claims {
        let at = doc.locate(c.span.start);
        let q = c.quantity().map(|q| q.qualifier.name()).unwrap_or("");
        let of = match &c.value {
            ClaimValue::Status {
                authority, state, ..
            } => format!("{}: {state}", authority.as_deref().unwrap_or("(the deal)")),
            _ => c.of.as_ref().map(|o| o.0.clone()).unwrap_or_default(),
        };
        let kind = serde_json::to_value(c.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        t.add_row([
            format!("{}:{}", at.line, at.column),
            kind,
            doc.slice(c.span).replace('\n', " "),
            value_text(c),
            q.to_string(),
            of,
        ]);
    }
    t
}

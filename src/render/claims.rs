//! `factcheck extract` output: a table for people, SPEC §5's JSON for tools.

use factcheck::extract::{Claim, ClaimValue, Qualifier, Unit};
use factcheck::text::Document;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Serialize, Serializer};
use serde_json::Value;

/// A decimal as a JSON number: an integer when whole, else a float.
pub fn number(d: Decimal) -> Value {
    serde_json::to_value(Num(d)).unwrap_or(Value::Null)
}

/// A decimal written as a JSON number: an integer when whole, else a float (the nearest
/// `f64`; `null` should a decimal have none).
#[derive(Clone, Copy)]
pub struct Num(pub Decimal);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0.normalize();
        if n.scale() == 0
            && let Some(i) = n.to_i64()
        {
            return s.serialize_i64(i);
        }
        match n.to_f64().filter(|f| f.is_finite()) {
            Some(f) => s.serialize_f64(f),
            None => s.serialize_unit(),
        }
    }
}

/// The span object: bytes and 1-based line/column at both ends. Its fields, as those of the
/// other objects here, are in the order `serde_json`'s maps keep keys (sorted), so a
/// finding that embeds one in a `json!` map and a claim written from these structs agree.
#[derive(Serialize)]
pub struct SpanJson {
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    line: usize,
    start: usize,
}

impl SpanJson {
    pub fn new(doc: &Document, s: factcheck::span::Span) -> SpanJson {
        let a = doc.locate(s.start);
        let b = doc.locate(s.end);
        SpanJson {
            column: a.column,
            end: s.end,
            end_column: b.column,
            end_line: b.line,
            line: a.line,
            start: s.start,
        }
    }
}

pub fn span(doc: &Document, s: factcheck::span::Span) -> Value {
    serde_json::to_value(SpanJson::new(doc, s)).unwrap_or(Value::Null)
}

/// A claim's value: a number, `{"max", "min"}` for a range, a date's text, or `null` for an
/// approval state.
#[derive(Serialize)]
#[serde(untagged)]
pub enum ValueJson {
    One(Num),
    Range { max: Num, min: Num },
    Date(String),
    None,
}

impl ValueJson {
    pub fn new(c: &Claim) -> ValueJson {
        match &c.value {
            ClaimValue::Quantity(q) => match q.max {
                Some(hi) => ValueJson::Range {
                    max: Num(hi),
                    min: Num(q.value),
                },
                None => ValueJson::One(Num(q.value)),
            },
            ClaimValue::Date(d) => ValueJson::Date(d.to_string()),
            ClaimValue::Status { .. } => ValueJson::None,
        }
    }
}

#[derive(Serialize)]
struct Conversion<'a> {
    currency: &'a str,
    value: Num,
}

/// What a claim says beyond its kind and value, each `None` when it says nothing of it.
struct Parts<'a> {
    authority: Option<&'a str>,
    currency: Option<&'a str>,
    of: Option<&'a str>,
    qualifier: Option<&'static str>,
    state: Option<&'static str>,
}

impl<'a> Parts<'a> {
    fn new(c: &'a Claim) -> Parts<'a> {
        let (qualifier, currency) = match c.quantity() {
            Some(q) => (
                Some(q.qualifier.name()),
                match &q.unit {
                    Unit::Money(Some(cur)) => Some(cur.0),
                    _ => None,
                },
            ),
            None => (None, None),
        };
        let (authority, state) = match &c.value {
            ClaimValue::Status {
                authority, state, ..
            } => (authority.as_deref(), Some(state.name())),
            _ => (None, None),
        };
        Parts {
            authority,
            currency,
            of: c.of.as_ref().map(|o| o.0.as_str()),
            qualifier,
            state,
        }
    }
}

/// A claim as SPEC §5's JSON object (`factcheck extract`): every field, `null` when empty;
/// `conversions` only when the article gave the amount in more than one currency.
#[derive(Serialize)]
pub struct ClaimJson<'a> {
    authority: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conversions: Vec<Conversion<'a>>,
    currency: Option<&'a str>,
    kind: factcheck::extract::ClaimKind,
    of: Option<&'a str>,
    qualifier: Option<&'static str>,
    span: SpanJson,
    state: Option<&'static str>,
    text: &'a str,
    value: ValueJson,
}

impl<'a> ClaimJson<'a> {
    pub fn new(doc: &'a Document, c: &'a Claim) -> ClaimJson<'a> {
        let p = Parts::new(c);
        ClaimJson {
            authority: p.authority,
            conversions: c
                .conversions
                .iter()
                .map(|(cur, d)| Conversion {
                    currency: cur.0,
                    value: Num(*d),
                })
                .collect(),
            currency: p.currency,
            kind: c.kind,
            of: p.of,
            qualifier: p.qualifier,
            span: SpanJson::new(doc, c.span),
            state: p.state,
            text: doc.slice(c.span),
            value: ValueJson::new(c),
        }
    }
}

/// The claim a finding is about, as its `claim` field: kind and value, and of the rest only
/// what the claim says.
#[derive(Serialize)]
pub struct BriefClaimJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    authority: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'a str>,
    kind: factcheck::extract::ClaimKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    of: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'static str>,
    value: ValueJson,
}

impl<'a> BriefClaimJson<'a> {
    pub fn new(c: &'a Claim) -> BriefClaimJson<'a> {
        let p = Parts::new(c);
        BriefClaimJson {
            authority: p.authority,
            currency: p.currency,
            kind: c.kind,
            of: p.of,
            qualifier: p.qualifier,
            state: p.state,
            value: ValueJson::new(c),
        }
    }
}

/// One file's object in `factcheck extract`'s JSON: `{"claims":[…],"path":…}`.
pub fn file_json(doc: &Document, path: &str, claims: &[Claim]) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        claims: Vec<ClaimJson<'a>>,
        path: &'a str,
    }
    let file = File {
        claims: claims.iter().map(|c| ClaimJson::new(doc, c)).collect(),
        path,
    };
    serde_json::to_string(&file).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use factcheck::extract::{self, Context};
    use serde_json::json;

    /// The claim object as it was built before the typed structs: a `json!` map, whose keys
    /// serde_json keeps sorted. The reference the structs must match byte for byte.
    fn reference(doc: &Document, c: &Claim) -> Value {
        let num = |d: Decimal| {
            let n = d.normalize();
            match n.to_i64().filter(|_| n.scale() == 0) {
                Some(i) => json!(i),
                None => n.to_f64().map_or(Value::Null, |f| json!(f)),
            }
        };
        let (a, b) = (doc.locate(c.span.start), doc.locate(c.span.end));
        let span = json!({"start": c.span.start, "end": c.span.end, "line": a.line,
            "column": a.column, "end_line": b.line, "end_column": b.column});
        let value = match &c.value {
            ClaimValue::Quantity(q) => match q.max {
                Some(hi) => json!({"min": num(q.value), "max": num(hi)}),
                None => num(q.value),
            },
            ClaimValue::Date(d) => json!(d.to_string()),
            ClaimValue::Status { .. } => Value::Null,
        };
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
        let mut v = json!({"kind": c.kind, "text": doc.slice(c.span), "span": span,
            "value": value, "qualifier": qualifier, "currency": currency,
            "of": c.of.as_ref().map(|o| o.0.clone()), "authority": authority, "state": state});
        if !c.conversions.is_empty() {
            v["conversions"] = c
                .conversions
                .iter()
                .map(|(cur, d)| json!({"currency": cur.0, "value": num(*d)}))
                .collect();
        }
        v
    }

    /// A finding's `claim`: kind and value, and the rest only where not null.
    fn brief_reference(full: &Value) -> Value {
        let mut o = json!({"kind": full["kind"], "value": full["value"]});
        for k in ["qualifier", "currency", "of", "authority", "state"] {
            if !full[k].is_null() {
                o[k] = full[k].clone();
            }
        }
        o
    }

    /// Every bundled article and a few lines that give each field and value shape.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = [
            "The $75 million (€69.5 million) sale covers 24 to 30 jets, up 2.5% on 2023.",
            "Congress was notified of the sale on March 3, 2024; the Senate approved it.",
            "Roughly 1.25 billion dollars, at least 246 missiles and under 40% of the total.",
            "No figures here at all.",
        ]
        .map(String::from)
        .to_vec();
        for dir in [
            "examples",
            "tests/corpus/correct",
            "tests/corpus/wrong",
            "tests/heldout",
        ] {
            for e in std::fs::read_dir(root.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                texts.extend(std::fs::read_to_string(e.path()));
            }
        }
        texts
    }

    #[test]
    fn typed_claims_write_what_the_json_maps_wrote() {
        let lang = factcheck::kb::load_sources(factcheck::kb::embedded_language())
            .expect("embedded language");
        let lexicon = lang.lexicon().expect("lexicon");
        let (mut claims, mut shapes) = (0, std::collections::BTreeSet::new());
        for text in texts() {
            let doc = Document::new(text);
            let found = extract::extract(&doc, &Context::default(), lexicon);
            for c in &found {
                let want = reference(&doc, c);
                let got = serde_json::to_string(&ClaimJson::new(&doc, c)).expect("claim");
                assert_eq!(got, want.to_string(), "{}", doc.slice(c.span));
                let brief = serde_json::to_string(&BriefClaimJson::new(c)).expect("brief");
                assert_eq!(brief, brief_reference(&want).to_string());
                shapes.insert(match &want["value"] {
                    Value::Number(n) if n.is_f64() => "float",
                    Value::Number(_) => "integer",
                    Value::Object(_) => "range",
                    Value::String(_) => "date",
                    _ => "null",
                });
                if want.get("conversions").is_some() {
                    shapes.insert("conversions");
                }
                claims += 1;
            }
            // A file's object is its claims' objects under `claims`, beside its path.
            let file: Value = serde_json::from_str(&file_json(&doc, "a.md", &found)).expect("file");
            let want: Vec<Value> = found.iter().map(|c| reference(&doc, c)).collect();
            assert_eq!(file, json!({"claims": want, "path": "a.md"}));
        }
        assert!(claims > 500, "only {claims} claims");
        // Every shape a value takes was met.
        let all = ["conversions", "date", "float", "integer", "null", "range"];
        assert_eq!(shapes.into_iter().collect::<Vec<_>>(), all);
    }

    #[test]
    fn a_number_is_an_integer_when_whole() {
        for (d, want) in [
            (Decimal::new(75_000_000, 0), "75000000"),
            (Decimal::new(7_500, 2), "75"),
            (Decimal::new(25, 1), "2.5"),
            (Decimal::new(-3, 0), "-3"),
            (Decimal::MAX, "7.922816251426434e+28"),
        ] {
            assert_eq!(serde_json::to_string(&Num(d)).expect("number"), want, "{d}");
        }
    }
}

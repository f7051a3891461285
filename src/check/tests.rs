use super::*;
use crate::codes;

const KB: &str = r#"
[[source]]
id = "dsca"
title = "Kosovo – Javelin Missiles"
publisher = "Defense Security Cooperation Agency"
published = 2024-01-11

[[entity]]
id = "kosovo"
names = ["Kosovo"]

[[entity]]
id = "romania"
names = ["Romania"]

[[entity]]
id = "javelin"
names = ["Javelin", "Javelins"]

[[entity]]
id = "state-department"
kind = "authority"
names = ["State Department"]

[[entity]]
id = "congress"
kind = "authority"
names = ["Congress", "congressional"]

[[record]]
id = "kosovo"
about = ["kosovo", "javelin"]
source = "dsca"
date = 2024-01-11

  [[record.figure]]
  id = "missiles"
  count = 246
  of = ["Javelin missiles", "missiles"]

  [[record.figure]]
  id = "value"
  amount = "$75 million"
  of = ["package", "sale", "deal"]

  [[record.status]]
  authority = "state-department"
  state = "approved"
  date = 2024-01-11

  [[record.status]]
  authority = "congress"
  state = "notified"
  date = 2024-01-11

[[record]]
id = "romania"
about = ["romania", "javelin"]
date = 2023-12-12

  [[record.figure]]
  id = "missiles"
  count = 263
  of = ["Javelin missiles", "missiles"]

  [[record.figure]]
  id = "value"
  amount = "$80 million"
  approximate = true
  of = ["package", "sale", "deal"]
"#;

fn kb() -> Kb {
    let mut files = crate::kb::embedded_language();
    files.push(("kb.toml".into(), KB.into()));
    crate::kb::load_sources(files).unwrap()
}

fn codes(text: &str) -> Vec<(String, String)> {
    let kb = kb();
    let ck = Checker::new(&kb).unwrap();
    let r = ck.check(text.to_string(), &Options::default());
    r.findings
        .iter()
        .map(|f| {
            (
                f.code.trim_start_matches("factcheck::").to_string(),
                r.doc.slice(f.span).to_string(),
            )
        })
        .collect()
}

#[test]
fn correct_story_is_clean() {
    let text = "Kosovo will buy 246 Javelin missiles in a $75 million package. The State Department approved the sale, which awaits approval from Congress.";
    assert_eq!(codes(text), []);
}

#[test]
fn wrong_count_and_amount() {
    let text = "Kosovo will buy 264 Javelin missiles in a $57 million package.";
    assert_eq!(
        codes(text),
        [
            ("count-mismatch".to_string(), "264".to_string()),
            ("amount-mismatch".into(), "$57 million".into())
        ]
    );
}

#[test]
fn currency_and_conversion() {
    assert_eq!(
        codes("Kosovo's Javelin package is worth €75 million."),
        [("currency-mismatch".into(), "€75 million".into())]
    );
    assert_eq!(
        codes("Kosovo's Javelin package is worth €69 million ($75 million)."),
        []
    );
}

#[test]
fn premature_status() {
    let got = codes("Kosovo's Javelin sale was already approved by Congress.");
    assert_eq!(
        got,
        [("status-mismatch".into(), "approved by Congress".into())]
    );
}

#[test]
fn two_deals_each_against_its_own_record() {
    let text = "Kosovo will get 246 Javelin missiles for $75 million. Romania, for its part, was cleared for 263 Javelin missiles in a deal of about $80 million.";
    assert_eq!(codes(text), []);
    let text = "Kosovo will get 246 Javelin missiles for $75 million. Romania, for its part, was cleared for 236 Javelin missiles.";
    assert_eq!(codes(text), [("count-mismatch".into(), "236".into())]);
}

#[test]
fn qualifiers_and_rounding() {
    assert_eq!(codes("Kosovo is buying about 250 Javelin missiles."), []);
    assert_eq!(
        codes("Kosovo is buying more than 200 Javelin missiles."),
        []
    );
    assert_eq!(
        codes("Kosovo is buying nearly 300 Javelin missiles."),
        [("count-mismatch".into(), "300".into())]
    );
    assert_eq!(
        codes("Kosovo is buying between 240 and 250 Javelin missiles."),
        []
    );
    assert_eq!(codes("Kosovo is buying hundreds of Javelin missiles."), []);
    assert_eq!(codes("Kosovo's Javelin deal is worth $0.075 billion."), []);
}

#[test]
fn another_year_is_another_event() {
    assert_eq!(
        codes("Kosovo's Javelin order of 2019 had 150 missiles."),
        []
    );
}

#[test]
fn inconsistent_claims_without_the_kb() {
    let got = codes(
        "Kosovo buys 246 Javelin missiles.\n\nLater, the 264 Javelin missiles arrive in Kosovo.",
    );
    assert!(
        got.contains(&("inconsistent-claims".into(), "264".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("count-mismatch".into(), "264".into())),
        "{got:?}"
    );
}

#[test]
fn stale_only_with_a_date() {
    let kb = kb();
    let ck = Checker::new(&kb).unwrap();
    let text = "Kosovo's Javelin sale awaits approval from the State Department.".to_string();
    let r = ck.check(text.clone(), &Options::default());
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    let r = ck.check(
        text,
        &Options {
            date: Date::parse("2024-03-01"),
            trace: false,
        },
    );
    let got: Vec<&str> = r.findings.iter().map(|f| f.code).collect();
    assert_eq!(got, [codes::STALE_STATUS]);
}

#[test]
fn every_check_code_is_documented_and_raised_by_one_check() {
    let mut seen = std::collections::HashSet::new();
    for c in registry::CHECKS {
        assert!(
            seen.insert(c.code()),
            "{} is raised by two checks",
            c.code()
        );
        assert!(
            codes::CODES.iter().any(|d| d.code == c.code()),
            "{} has no entry in codes::CODES",
            c.code()
        );
    }
    for code in [
        codes::COUNT_MISMATCH,
        codes::AMOUNT_MISMATCH,
        codes::CURRENCY_MISMATCH,
        codes::PERCENT_MISMATCH,
        codes::DATE_MISMATCH,
        codes::STATUS_MISMATCH,
        codes::STALE_STATUS,
        codes::AMBIGUOUS_CLAIM,
        codes::UNVERIFIED_CLAIM,
        codes::INCONSISTENT_CLAIMS,
    ] {
        assert!(seen.contains(code), "no check raises {code}");
    }
}

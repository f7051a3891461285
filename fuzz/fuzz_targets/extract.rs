//! Claim extraction on arbitrary text: no panic, no hang, every span in bounds and on a
//! character boundary, and `extract --format json`'s objects serialise to JSON that parses.

#![no_main]

use factcheck::date::Date;
use factcheck::extract::{self, Context};
use factcheck::kb::{self, Kb};
use factcheck::text::Document;
use factcheck_fuzz::{assert_claims, assert_document, assert_json, render};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LANGUAGE: LazyLock<Kb> = LazyLock::new(|| {
    kb::load_sources(kb::embedded_language()).expect("the embedded language rules load")
});

fuzz_target!(|data: &[u8]| {
    // The first byte picks whether the article has a known date, as `--date` would give.
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lexicon = LANGUAGE.lexicon().expect("compiled with the KB");
    let ctx = Context {
        date: (first & 1 == 1).then(|| Date::new(2024, 1, 11)).flatten(),
    };
    let doc = Document::new(text);
    assert_document(&doc);
    let claims = extract::extract(&doc, &ctx, lexicon);
    assert_claims(&doc, &claims);
    let json: Vec<_> = claims
        .iter()
        .map(|c| render::claims::claim_json(&doc, c))
        .collect();
    assert_json(
        &serde_json::json!({"version": 1, "files": [{"path": "fuzz", "claims": json}]}).to_string(),
    );
    let _ = render::claims::table(&doc, &claims).to_string();
});

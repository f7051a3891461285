//! What every fuzz target asserts, shared: spans in bounds and on character boundaries, JSON
//! that parses, human output that cannot drive a terminal, HTML whose only tags are the
//! page's own.
//!
//! The binary's renderers are included from `../src/render` by path (with `../src/cli.rs`,
//! which they use for `ColorChoice`), so the JSON, human and HTML properties hold for the
//! exact text users get, not for a copy of it.

#![allow(dead_code)]

#[allow(unused_imports)]
#[path = "../../src/cli.rs"]
mod cli;
#[path = "../../src/render/mod.rs"]
pub mod render;

use factcheck::check::Report;
use factcheck::extract::{Claim, ClaimValue};
use factcheck::span::Span;
use factcheck::text::Document;

/// A span of `text` is ordered, inside it, and cuts no character in two.
pub fn assert_span(text: &str, s: Span, what: &str) {
    assert!(s.start <= s.end, "{what}: {s:?} is inverted");
    assert!(
        s.end <= text.len(),
        "{what}: {s:?} ends past {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what}: {s:?} cuts a character"
    );
}

/// Every span the document model holds.
pub fn assert_document(doc: &Document) {
    let t = &doc.text;
    for tok in &doc.tokens {
        assert_span(t, tok.span, "token");
    }
    for s in &doc.sentences {
        assert_span(t, s.span, "sentence");
        assert!(s.tokens.0 <= s.tokens.1 && s.tokens.1 <= doc.tokens.len());
    }
    for p in &doc.paragraphs {
        assert_span(t, *p, "paragraph");
    }
    for m in &doc.masked {
        assert_span(t, *m, "masked");
    }
}

pub fn assert_claims(doc: &Document, claims: &[Claim]) {
    let t = &doc.text;
    for c in claims {
        assert_span(t, c.span, "claim");
        assert_span(t, c.value_span, "claim value");
        if let Some((_, s)) = &c.of {
            assert_span(t, *s, "counted thing");
        }
        if let ClaimValue::Status {
            authority_span: Some(s),
            ..
        } = &c.value
        {
            assert_span(t, *s, "authority");
        }
        assert!(c.sentence < doc.sentences.len().max(1), "sentence index");
    }
}

pub fn assert_report(r: &Report) {
    assert_document(&r.doc);
    assert_claims(&r.doc, &r.claims);
    for f in r.findings.iter().chain(&r.suppressed) {
        assert_span(&r.doc.text, f.span, f.code);
        for (s, _) in &f.related {
            assert_span(&r.doc.text, *s, "related");
        }
        if let Some(c) = f.claim {
            assert!(c < r.claims.len(), "finding's claim index");
        }
    }
}

pub fn assert_json(s: &str) {
    if let Err(e) = serde_json::from_str::<serde_json::Value>(s) {
        panic!("output is not JSON: {e}\n{s}");
    }
}

/// What must never reach a terminal raw: C0 controls but tab and line feed, DEL, C1
/// controls, and the invisible characters that reorder or hide text.
pub fn is_hazard(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(
            c,
            '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
        )
}

pub fn assert_terminal_safe(s: &str) {
    // A CR is fine as the first half of a CRLF.
    let crlf = |i: usize| s[i..].starts_with("\r\n");
    if let Some((i, c)) = s
        .char_indices()
        .find(|&(i, c)| is_hazard(c) && !(c == '\r' && crlf(i)))
    {
        panic!("raw {c:?} at byte {i} of human output:\n{s}");
    }
}

/// The tags the HTML page is made of; anything else came from the article or the KB.
const HTML_TAGS: &[&str] = &[
    "a", "aside", "body", "br", "div", "h1", "h2", "head", "header", "html", "li", "mark", "meta",
    "ol", "p", "section", "span", "style", "table", "td", "th", "title", "tr",
];

pub fn assert_html_tags(page: &str) {
    for (i, _) in page.match_indices('<') {
        let rest = &page[i + 1..];
        if rest.starts_with("!doctype") {
            continue;
        }
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            HTML_TAGS.contains(&name.as_str()),
            "unescaped `<{name}` at byte {i} of the HTML page"
        );
    }
}

/// Renders one checked article in every format and asserts each format's property.
pub fn assert_renders(kb: &factcheck::kb::Kb, report: Report) {
    // The JSON document as the binary streams it: head, the file's object, tail.
    let json = format!(
        "{}{}{}",
        render::json::HEAD,
        render::json::file(kb, "fuzz.txt", &report),
        render::json::tail(1, &report.stats, &[])
    );
    assert_json(&json);
    let _ = render::github::file(kb, "fuzz.txt", &report);
    let mut human = render::findings::human(kb, "fuzz.txt", &report, false);
    human.push_str(&render::human::summary(
        &[("fuzz.txt".to_string(), report.stats)],
        0,
        false,
    ));
    assert_terminal_safe(&human);
    let results = vec![render::FileResult {
        path: "fuzz.txt".to_string(),
        outcome: Ok(report),
    }];
    assert_json(&render::sarif::render(kb, &results));
    assert_html_tags(&render::html::render(kb, &results));
}

//! Claim extraction over ~4 MB of generated news text (counts, money in many forms,
//! percentages, dates, approval phrases, plain prose): building the `Document` (masking,
//! tokenizing, segmenting) and `extract::extract` timed separately, as one big document, at
//! smaller sizes (to see whether cost is linear), and as ~3 KB articles.
//!
//!     CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench extract

mod common;

use common::{Timing, mb, ms, time};
use factcheck::extract::{ClaimKind, Context, extract};
use factcheck::text::Document;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

const SIZE: usize = 4 << 20;

fn row(label: &str, bytes: usize, t: &Timing, claims: usize) {
    println!(
        "{label:<26} {:>7.2} {:>5} {:>10.1} {:>10.1} {:>8.1} {:>9}",
        mb(bytes),
        t.runs,
        ms(t.min),
        ms(t.median),
        mb(bytes) / t.median.as_secs_f64(),
        claims
    );
}

fn main() {
    let lang = factcheck::kb::load_sources(factcheck::kb::embedded_language()).unwrap();
    let lexicon = lang.lexicon().unwrap();
    let ctx = Context::default();
    let text = common::news(42, SIZE);
    let bytes = text.len();

    println!();
    println!("Extraction (times in ms; MB/s on the median)");
    println!(
        "{:<26} {:>7} {:>5} {:>10} {:>10} {:>8} {:>9}",
        "what", "MB", "runs", "min", "median", "MB/s", "claims"
    );

    // One document of ~4 MB, then prefixes of it.
    for &frac in &[8usize, 4, 2, 1] {
        let mut cut = bytes / frac;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        // Cut at a paragraph break so no sentence is split.
        let cut = text[..cut].rfind("\n\n").map_or(cut, |i| i + 2);
        let part = &text[..cut];
        let build = time(3, 15, Duration::from_secs(6), || Document::new(part));
        let doc = Document::new(part);
        let claims = extract(&doc, &ctx, lexicon);
        let ex = time(3, 15, Duration::from_secs(10), || {
            extract(&doc, &ctx, lexicon)
        });
        let label = if frac == 1 { "one document" } else { "prefix" };
        println!(
            "-- {label}: {:.2} MB, {} tokens, {} sentences",
            mb(cut),
            doc.tokens.len(),
            doc.sentences.len()
        );
        row("  Document::new", cut, &build, 0);
        row("  extract", cut, &ex, claims.len());
        if frac == 1 {
            let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
            for c in &claims {
                let k = match c.kind {
                    ClaimKind::Number => "number",
                    ClaimKind::Count => "count",
                    ClaimKind::Money => "money",
                    ClaimKind::Percent => "percent",
                    ClaimKind::Date => "date",
                    ClaimKind::Status => "status",
                };
                *by_kind.entry(k.to_string()).or_default() += 1;
            }
            let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
            println!("   claims by kind: {}", kinds.join(", "));
        }
    }

    // Diagnostic: the 1 MB prefix with its few non-ASCII characters (€, £, –) replaced. The
    // approval phrases use Unicode `\b`; on non-ASCII input the regex crate's lazy DFA gives up
    // and the much slower PikeVM scans the text instead.
    {
        let mut cut = bytes / 4;
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let cut = text[..cut].rfind("\n\n").map_or(cut, |i| i + 2);
        let ascii: String = text[..cut]
            .chars()
            .map(|c| if c.is_ascii() { c } else { '~' })
            .collect();
        let doc = Document::new(ascii.as_str());
        let claims = extract(&doc, &ctx, lexicon);
        let ex = time(3, 15, Duration::from_secs(10), || {
            extract(&doc, &ctx, lexicon)
        });
        println!("-- diagnostic: the 1 MB prefix made ASCII-only (non-ASCII chars → '~')");
        row("  extract", ascii.len(), &ex, claims.len());
        let lex = time(3, 15, Duration::from_secs(10), || lexicon.find(&doc));
        row(
            "  of which Lexicon::find",
            ascii.len(),
            &lex,
            lexicon.find(&doc).len(),
        );
        let doc = Document::new(&text[..cut]);
        let lex = time(3, 15, Duration::from_secs(10), || lexicon.find(&doc));
        row(
            "  Lexicon::find, original",
            cut,
            &lex,
            lexicon.find(&doc).len(),
        );
    }

    // The same text as ~3 KB articles, each its own document.
    let mut articles = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        // Articles start with a "# " heading; split before each one.
        let next = rest[1..].find("\n# ").map_or(rest.len(), |i| i + 2);
        articles.push(&rest[..next]);
        rest = &rest[next..];
    }
    let build = time(3, 15, Duration::from_secs(6), || {
        articles
            .iter()
            .map(|a| Document::new(*a))
            .collect::<Vec<_>>()
    });
    let docs: Vec<Document> = articles.iter().map(|a| Document::new(*a)).collect();
    let total: usize = docs.iter().map(|d| extract(d, &ctx, lexicon).len()).sum();
    let ex = time(3, 15, Duration::from_secs(10), || {
        for d in &docs {
            black_box(extract(d, &ctx, lexicon));
        }
    });
    println!(
        "-- {} articles of ~{} bytes each",
        articles.len(),
        bytes / articles.len()
    );
    row("  Document::new (all)", bytes, &build, 0);
    row("  extract (all)", bytes, &ex, total);
}

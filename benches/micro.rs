//! Micro-benchmarks (divan) on fixed inputs: the extractor, the alias matcher and the checker,
//! on the ~3 KB Kosovo article and on 64 KB of generated news, with the built-in KB and with
//! a generated 10,000-record KB.
//!
//!     cargo bench --bench micro

mod common;

use divan::{Bencher, black_box};
use factcheck::check::{Checker, Options};
use factcheck::entity::AliasIndex;
use factcheck::extract::{self, Context};
use factcheck::kb::Kb;
use factcheck::text::Document;
use std::sync::LazyLock;

static BUILTIN: LazyLock<Kb> = LazyLock::new(|| factcheck::kb::embedded().expect("built-in KB"));

/// 10,000 generated records (the corpus generator's), under the embedded language rules.
static BIG: LazyLock<Kb> = LazyLock::new(|| {
    let deals = common::corpus::deals(10_000, 1);
    let mut files = factcheck::kb::embedded_language();
    files.extend(common::corpus::kb(&deals, 1000));
    factcheck::kb::load_sources(files).expect("generated KB")
});

static NEWS: LazyLock<String> = LazyLock::new(|| common::news(7, 64 << 10));

fn texts() -> [(&'static str, &'static str); 2] {
    [
        ("kosovo-3KB", common::KOSOVO_ARTICLE),
        ("news-64KB", NEWS.as_str()),
    ]
}

/// The text of one of [`texts`] by name.
fn text_of(which: &str) -> &'static str {
    texts()
        .into_iter()
        .find(|t| t.0 == which)
        .map(|t| t.1)
        .unwrap_or_default()
}

fn main() {
    divan::main();
}

#[divan::bench(args = ["kosovo-3KB", "news-64KB"])]
fn tokenize(b: Bencher, which: &str) {
    let text = text_of(which);
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| Document::new(black_box(text)));
}

#[divan::bench(args = ["kosovo-3KB", "news-64KB"])]
fn extractor(b: Bencher, which: &str) {
    let text = text_of(which);
    let doc = Document::new(text);
    let lex = BUILTIN.lexicon().expect("lexicon");
    let ctx = Context::default();
    b.counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| extract::extract(black_box(&doc), &ctx, lex));
}

#[divan::bench(args = ["builtin", "10k-records"])]
fn alias_matcher(b: Bencher, kb: &str) {
    let kb: &Kb = if kb == "builtin" { &BUILTIN } else { &BIG };
    let index = AliasIndex::new(kb);
    let doc = Document::new(NEWS.as_str());
    b.counter(divan::counter::BytesCount::new(NEWS.len()))
        .bench(|| index.scan(black_box(&doc)));
}

#[divan::bench(args = ["builtin", "10k-records"])]
fn checker(b: Bencher, kb: &str) {
    let kb: &Kb = if kb == "builtin" { &BUILTIN } else { &BIG };
    let checker = Checker::new(kb).expect("checker");
    let opts = Options::default();
    b.counter(divan::counter::BytesCount::new(
        common::KOSOVO_ARTICLE.len(),
    ))
    .bench(|| checker.check(black_box(common::KOSOVO_ARTICLE.to_string()), &opts));
}

#[divan::bench(args = ["builtin", "10k-records"], sample_count = 10)]
fn checker_build(b: Bencher, kb: &str) {
    let kb: &Kb = if kb == "builtin" { &BUILTIN } else { &BIG };
    b.bench(|| Checker::new(black_box(kb)).map(|c| c.kb.records.len()));
}

//! Checking: (a) throughput of `Checker::check` with the built-in KB over ~4 MB of generated
//! articles (~3 KB each) about its deals, plus single documents of growing size; (b) one
//! ~3 KB Kosovo Javelin article against the built-in KB and against generated KBs of 1,000
//! and 10,000 records (embedded language rules first), with the `Checker::new` build time.
//!
//!     CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench check

mod common;

use common::{KOSOVO_ARTICLE, Rng, Timing, mb, ms, time};
use factcheck::check::{Checker, Options};
use factcheck::kb::Kb;
use std::hint::black_box;
use std::time::{Duration, Instant};

const SIZE: usize = 4 << 20;

fn throughput(kb: &Kb) {
    let checker = Checker::new(kb).unwrap();
    let opts = Options::default();
    let mut rng = Rng::new(7);
    let mut articles = Vec::new();
    let mut bytes = 0;
    while bytes < SIZE {
        let a = common::article(&mut rng, 3000, true);
        bytes += a.len();
        articles.push(a);
    }
    // What the checker makes of them (one pass, untimed).
    let mut sum = factcheck::check::Stats::default();
    for a in &articles {
        let s = checker.check(a.clone(), &opts).stats;
        sum.claims += s.claims;
        sum.checked += s.checked;
        sum.agreeing += s.agreeing;
        sum.errors += s.errors;
        sum.warnings += s.warnings;
        sum.advice += s.advice;
    }
    let t = time(3, 10, Duration::from_secs(20), || {
        for a in &articles {
            black_box(checker.check(a.clone(), &opts));
        }
    });
    println!();
    println!(
        "(a) Checking throughput, built-in KB ({} records)",
        kb.records.len()
    );
    println!(
        "{:<30} {:>7} {:>5} {:>10} {:>10} {:>8} {:>9}",
        "what", "MB", "runs", "min ms", "median ms", "MB/s", "µs/art."
    );
    println!(
        "{:<30} {:>7.2} {:>5} {:>10.1} {:>10.1} {:>8.2} {:>9.0}",
        format!("{} articles", articles.len()),
        mb(bytes),
        t.runs,
        ms(t.min),
        ms(t.median),
        mb(bytes) / t.median.as_secs_f64(),
        t.median.as_secs_f64() * 1e6 / articles.len() as f64
    );
    println!(
        "   claims {}, checked {}, agreeing {}, errors {}, warnings {}, advice {}",
        sum.claims, sum.checked, sum.agreeing, sum.errors, sum.warnings, sum.advice
    );

    // Diagnostic: the same articles with their few non-ASCII characters (€, £, –) replaced.
    // The approval phrases use Unicode `\b`, and on non-ASCII input the regex crate falls back
    // from its lazy DFA to the much slower PikeVM.
    let ascii: Vec<String> = articles
        .iter()
        .map(|a| {
            a.chars()
                .map(|c| if c.is_ascii() { c } else { '~' })
                .collect()
        })
        .collect();
    let ascii_bytes: usize = ascii.iter().map(String::len).sum();
    let t = time(3, 10, Duration::from_secs(10), || {
        for a in &ascii {
            black_box(checker.check(a.clone(), &opts));
        }
    });
    println!(
        "{:<30} {:>7.2} {:>5} {:>10.1} {:>10.1} {:>8.2} {:>9.0}",
        "same, ASCII-only (diagnostic)",
        mb(ascii_bytes),
        t.runs,
        ms(t.min),
        ms(t.median),
        mb(ascii_bytes) / t.median.as_secs_f64(),
        t.median.as_secs_f64() * 1e6 / ascii.len() as f64
    );

    // The same articles glued into single documents of growing size (to see how the cost of
    // one long document grows). Stops once one check takes more than ~5 s.
    let mut glued = String::new();
    let mut next = 0;
    for &target in &[16usize << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20] {
        while glued.len() < target && next < articles.len() {
            glued.push_str(&articles[next]);
            next += 1;
        }
        let started = Instant::now();
        let t = time(1, 5, Duration::from_secs(5), || {
            checker.check(glued.clone(), &opts)
        });
        let claims = checker.check(glued.clone(), &opts).stats.claims;
        println!(
            "{:<30} {:>7.2} {:>5} {:>10.1} {:>10.1} {:>8.2}   ({claims} claims)",
            "one document",
            mb(glued.len()),
            t.runs,
            ms(t.min),
            ms(t.median),
            mb(glued.len()) / t.median.as_secs_f64()
        );
        if started.elapsed() > Duration::from_secs(5) {
            println!("   (larger single documents skipped: too slow)");
            break;
        }
    }
}

struct ArticleRow {
    kb: String,
    records: usize,
    load: Option<Timing>,
    build: Timing,
    check: Timing,
    stats: factcheck::check::Stats,
    findings: usize,
}

fn one_article(label: &str, kb: &Kb, load: Option<Timing>) -> ArticleRow {
    let build = time(3, 20, Duration::from_secs(8), || Checker::new(kb).unwrap());
    let checker = Checker::new(kb).unwrap();
    let opts = Options::default();
    let text = KOSOVO_ARTICLE.to_string();
    let report = checker.check(text.clone(), &opts);
    let check = time(50, 50, Duration::ZERO, || {
        checker.check(text.clone(), &opts)
    });
    ArticleRow {
        kb: label.to_string(),
        records: kb.records.len(),
        load,
        build,
        check,
        stats: report.stats,
        findings: report.findings.len(),
    }
}

fn generated(records: usize) -> (Kb, Timing) {
    let generated = common::generate_kb(records, 100);
    let sources = || {
        let mut files = factcheck::kb::embedded_language();
        files.extend(generated.iter().cloned());
        files
    };
    let kb = match factcheck::kb::load_sources(sources()) {
        Ok(kb) => kb,
        Err(p) => panic!(
            "generated KB invalid: {} problems, first: {:?}",
            p.len(),
            p.first()
        ),
    };
    let load = time(3, 10, Duration::from_secs(6), || {
        factcheck::kb::load_sources(sources()).unwrap()
    });
    (kb, load)
}

fn main() {
    let builtin = factcheck::kb::embedded().unwrap();
    throughput(&builtin);

    let mut rows = vec![one_article("built-in", &builtin, None)];
    for n in [1_000, 10_000] {
        let (kb, load) = generated(n);
        rows.push(one_article(&format!("generated {n}"), &kb, Some(load)));
    }
    println!();
    println!(
        "(b) One article ({} bytes, Kosovo Javelin), 50 checks; times in ms",
        KOSOVO_ARTICLE.len()
    );
    println!(
        "{:<16} {:>7} {:>11} {:>11} {:>11} {:>11} {:>11}  claims/checked/agreeing/findings",
        "KB", "records", "load med", "new() min", "new() med", "check min", "check med",
    );
    for r in &rows {
        println!(
            "{:<16} {:>7} {:>11} {:>11.2} {:>11.2} {:>11.3} {:>11.3}  {}/{}/{}/{}",
            r.kb,
            r.records,
            r.load
                .as_ref()
                .map_or("-".to_string(), |t| format!("{:.1}", ms(t.median))),
            ms(r.build.min),
            ms(r.build.median),
            ms(r.check.min),
            ms(r.check.median),
            r.stats.claims,
            r.stats.checked,
            r.stats.agreeing,
            r.findings
        );
    }
}

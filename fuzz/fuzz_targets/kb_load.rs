//! KB loading on arbitrary TOML: no panic, no hang, every problem's span in bounds and on a
//! character boundary of its file, every problem renders; a KB that loads builds a checker
//! that checks an article. The first byte picks whether the file is loaded beside the
//! embedded language rules, as `--kb` loads it (one input in four), or alone: compiling the
//! language rules costs most of a run, and alone the target runs ten times as many inputs.

#![no_main]

use factcheck::check::{Checker, Options};
use factcheck::kb;
use factcheck_fuzz::{assert_renders, assert_report, assert_span, render};
use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = "PRISTINA, Jan. 11, 2024 — The State Department approved the sale of 246 \
Javelin missiles and 24 launch units to Kosovo for $75 million, awaiting approval from Congress.\n";

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut sources = if first & 3 == 0 {
        kb::embedded_language()
    } else {
        Vec::new()
    };
    sources.push(("fuzz.toml".to_string(), text.to_string()));
    match kb::load_sources(sources) {
        Err(problems) => {
            for p in &problems {
                if let (Some(f), Some(s)) = (&p.file, p.span) {
                    assert_span(&f.text, s, p.code);
                }
                let _ = render::diagnostic(&render::terminal::ProblemView::new(p), false);
            }
        }
        Ok(kb) => {
            let Ok(checker) = Checker::new(&kb) else {
                return;
            };
            let report = checker.check(ARTICLE.to_string(), &Options::default());
            assert_report(&report);
            assert_renders(&kb, report);
        }
    }
});

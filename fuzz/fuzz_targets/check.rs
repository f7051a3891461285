//! The whole check on arbitrary bytes, with the embedded KB: the bytes are decoded as the
//! binary decodes a file (UTF-8, or UTF-16 with a BOM; binary refused), then checked and
//! rendered in every format. No panic, no hang, spans in bounds and on character boundaries,
//! JSON and SARIF parse, human output holds no raw control characters, HTML holds no tag of
//! the article's.

#![no_main]

use factcheck::check::{Checker, Options};
use factcheck::kb::{self, Kb};
use factcheck_fuzz::{assert_renders, assert_report};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static KB: LazyLock<Kb> = LazyLock::new(|| kb::embedded().expect("the embedded KB loads"));
static CHECKER: LazyLock<Checker<'static>> =
    LazyLock::new(|| Checker::new(&KB).expect("the embedded KB makes a checker"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = factcheck::input::decode("fuzz.txt", data.to_vec()) else {
        return;
    };
    let report = CHECKER.check(text, &Options::default());
    assert_report(&report);
    assert_renders(&KB, report);
});

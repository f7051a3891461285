//! The registry of diagnostic codes: one entry per code, with what `factcheck explain` prints.
//! Codes are stable (SPEC §4): extend this list, never rename an entry.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Advice,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Advice => "advice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A diagnostic code and its documentation.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub fix: &'static str,
}

pub const COUNT_MISMATCH: &str = "factcheck::count-mismatch";
pub const AMOUNT_MISMATCH: &str = "factcheck::amount-mismatch";
pub const CURRENCY_MISMATCH: &str = "factcheck::currency-mismatch";
pub const PERCENT_MISMATCH: &str = "factcheck::percent-mismatch";
pub const DATE_MISMATCH: &str = "factcheck::date-mismatch";
pub const STATUS_MISMATCH: &str = "factcheck::status-mismatch";
pub const STALE_STATUS: &str = "factcheck::stale-status";
pub const AMBIGUOUS_CLAIM: &str = "factcheck::ambiguous-claim";
pub const UNVERIFIED_CLAIM: &str = "factcheck::unverified-claim";
pub const INCONSISTENT_CLAIMS: &str = "factcheck::inconsistent-claims";
pub const UNUSED_SUPPRESSION: &str = "factcheck::unused-suppression";

/// Every code a check can raise (KB and input problems are listed after them).
pub const CODES: &[Code] = &[
    Code {
        code: AMBIGUOUS_CLAIM,
        severity: Severity::Warning,
        summary: "a claim could belong to more than one KB record, and they disagree",
        why: "Two deals are in scope (both mentioned nearby) and the claim's value matches neither, or only one. factcheck will not call it a mismatch when it cannot tell which deal the sentence is about.",
        example: "Kosovo's 246 missiles and Romania's 263 missiles were approved weeks apart; the pair cost 300 missiles in all.",
        fix: "Name the buyer or system in the sentence that gives the figure, so the claim ties to one deal.",
    },
    Code {
        code: AMOUNT_MISMATCH,
        severity: Severity::Error,
        summary: "a money amount differs from the KB figure it is about",
        why: "The article gives a deal a value that the knowledge base does not record, allowing for the article's rounding and qualifiers ('about', 'more than').",
        example: "The State Department approved a $57 million package of Javelin missiles for Kosovo.  (KB: $75 million)",
        fix: "Use the KB's figure (shown in the help line), or, if the KB is out of date, update the record and cite the new source.",
    },
    Code {
        code: COUNT_MISMATCH,
        severity: Severity::Error,
        summary: "a count of things differs from the KB figure it is about",
        why: "The number counts something the KB records for the deal in scope (missiles, launchers, tanks, soldiers), and the value cannot be the KB's, even read with its qualifier.",
        example: "Kosovo will receive 264 Javelin missiles.  (KB: 246)",
        fix: "Correct the count to the KB value, or qualify it if the article means something else (another order, another year).",
    },
    Code {
        code: CURRENCY_MISMATCH,
        severity: Severity::Error,
        summary: "an amount is in a different currency from the KB figure",
        why: "The figure is recorded in one currency and the article gives it in another without a conversion beside it. factcheck never converts currencies itself.",
        example: "Kosovo's €75 million Javelin package.  (KB: $75 million)",
        fix: "Give the amount in the KB's currency, or add the conversion beside it: \"€69 million ($75 million)\".",
    },
    Code {
        code: DATE_MISMATCH,
        severity: Severity::Error,
        summary: "a date differs from the date the KB records for that event",
        why: "A date in the same sentence as an approval state, or a date figure of the deal, does not match the KB.",
        example: "The State Department approved the Kosovo sale on January 12, 2024.  (KB: 2024-01-11)",
        fix: "Correct the date, or drop the day if only the month is certain (\"in January 2024\").",
    },
    Code {
        code: INCONSISTENT_CLAIMS,
        severity: Severity::Warning,
        summary: "the article gives one fact two different values",
        why: "The same figure (the same record's count, or the same counted thing) appears twice with values that cannot both be right, whether or not the KB knows it.",
        example: "…246 Javelin missiles… (later) …the 264 Javelin missiles…",
        fix: "Make both mentions agree; the label on the earlier one shows where the other value is.",
    },
    Code {
        code: PERCENT_MISMATCH,
        severity: Severity::Error,
        summary: "a percentage differs from the KB figure it is about",
        why: "The article's percentage, read with its rounding and qualifiers, cannot be the KB value.",
        example: "The offset covers 30% of the contract.  (KB: 25%)",
        fix: "Use the KB's percentage, or update the KB with a source.",
    },
    Code {
        code: STALE_STATUS,
        severity: Severity::Warning,
        summary: "the article states an approval stage the deal had already passed on the article's date",
        why: "The KB records a later stage before the article's date: e.g. the article says a sale awaits approval, but it had been approved a month earlier.",
        example: "(article dated 2024-03-01) The sale still awaits State Department approval.  (KB: approved 2024-01-11)",
        fix: "Update the wording to the current stage, or pass the right --date if the article is older than it looks.",
    },
    Code {
        code: STATUS_MISMATCH,
        severity: Severity::Error,
        summary: "an approval state contradicts the KB for that authority",
        why: "The article claims a later stage than the KB records (premature: 'Congress approved' when Congress was only notified) or the opposite outcome (approved vs rejected).",
        example: "The package was already approved by the United States Congress.  (KB: Congress notified, review under way)",
        fix: "Say what the KB records (\"Congress was notified of the sale\"), or update the KB if a new decision was published.",
    },
    Code {
        code: UNUSED_SUPPRESSION,
        severity: Severity::Advice,
        summary: "a factcheck-ignore comment suppresses no finding",
        why: "The sentence after the comment raises no finding of the codes it names (the figure was corrected, the KB updated, or the code is misspelt). A stale comment would hide the next real error written there, as eslint's --report-unused-disable-directives warns.",
        example: "<!-- factcheck-ignore count-mismatch -->  (above a sentence whose count agrees with the KB)",
        fix: "Remove the comment, or name the code the sentence really raises.",
    },
    Code {
        code: UNVERIFIED_CLAIM,
        severity: Severity::Advice,
        summary: "a claim ties to a KB record but to none of its figures",
        why: "The deal is in scope, but the KB has no figure for what the article counts or prices, so nothing could be checked.",
        example: "Kosovo's $75 million Javelin deal comes with 12 training rounds.  (KB has no 'training rounds' figure)",
        fix: "Nothing to fix in the article; add the figure to the KB if it should be checked.",
    },
];

/// Codes for problems with the run itself (KB or input), listed by `explain all`.
pub const RUN_CODES: &[(&str, &str)] = &[
    (
        "factcheck::config::invalid",
        "factcheck.toml (or the file given to --config) has an unknown key, a bad value, or an unknown code or rule",
    ),
    (
        "factcheck::config::unreadable",
        "the config file cannot be read",
    ),
    ("factcheck::kb::syntax", "a KB file is not valid TOML"),
    (
        "factcheck::kb::unknown-key",
        "a KB table has a key the format does not define",
    ),
    ("factcheck::kb::wrong-type", "a KB value has the wrong type"),
    ("factcheck::kb::missing-key", "a required KB key is missing"),
    ("factcheck::kb::empty-value", "a KB string is empty"),
    ("factcheck::kb::duplicate-id", "two KB items share an id"),
    (
        "factcheck::kb::dangling-reference",
        "a KB reference names an id that is not defined",
    ),
    (
        "factcheck::kb::unknown-state",
        "a status names a state that does not exist",
    ),
    (
        "factcheck::kb::unknown-kind",
        "an entity has an unknown kind",
    ),
    (
        "factcheck::kb::inverted-range",
        "a KB range has min above max",
    ),
    (
        "factcheck::kb::figure-value",
        "a figure has no value, or two",
    ),
    ("factcheck::kb::bad-amount", "a KB amount is not money"),
    ("factcheck::kb::negative-count", "a KB count is negative"),
    (
        "factcheck::kb::empty-list",
        "a KB list (names, of, about) is empty",
    ),
    (
        "factcheck::kb::bad-date",
        "a KB date is not a calendar date",
    ),
    (
        "factcheck::kb::bad-tolerance",
        "a figure's tolerance is not a number or percentage",
    ),
    (
        "factcheck::kb::bad-ceiling",
        "`ceiling = true` on a figure that is not one count or amount",
    ),
    (
        "factcheck::kb::bad-phrase",
        "an approval phrase is not a valid pattern, or its example fails",
    ),
    (
        "factcheck::kb::too-long",
        "a KB name or `of` phrase is longer than any name (over 200 characters); it is not loaded",
    ),
    ("factcheck::kb::unreadable", "a KB file cannot be read"),
    ("factcheck::kb::not-utf8", "a KB file is not UTF-8"),
    (
        "factcheck::kb::empty",
        "a KB directory holds no .toml files",
    ),
    (
        "factcheck::kb::not-loaded",
        "the KB's approval phrases could not be compiled together",
    ),
    (
        "factcheck::draft::nothing-found",
        "`kb draft` found no count, amount or state to draft in a source text",
    ),
    (
        "factcheck::draft::one-id-many-sources",
        "`kb draft --id` was given with several sources (one id cannot name several records)",
    ),
    (
        "factcheck::draft::output-exists",
        "`kb draft -o FILE` would overwrite an existing file (use --append to add to a KB file)",
    ),
    (
        "factcheck::draft::unreadable",
        "a source given to `kb draft` cannot be read, or is not UTF-8 text",
    ),
    (
        "factcheck::draft::unwritable",
        "the draft could not be written to its file",
    ),
    (
        "factcheck::input::bad-baseline",
        "the file given to --baseline cannot be read or is not a factcheck baseline",
    ),
    (
        "factcheck::input::not-found",
        "an article path does not exist",
    ),
    (
        "factcheck::input::permission-denied",
        "an article cannot be read for lack of permission",
    ),
    ("factcheck::input::unreadable", "an article cannot be read"),
    ("factcheck::input::not-utf8", "an article is not UTF-8 text"),
    (
        "factcheck::input::empty-directory",
        "a directory holds no articles",
    ),
    (
        "factcheck::input::binary",
        "an article holds NUL bytes, so it is a binary file, not text; it is skipped (remove the NUL bytes if it is text)",
    ),
    (
        "factcheck::input::bad-utf16",
        "an article starts with a UTF-16 byte order mark but is not valid UTF-16",
    ),
    (
        "factcheck::input::too-large",
        "an article is larger than --max-file-size (default 16M); it is skipped unread (raise the limit if it is really an article)",
    ),
];

/// Looks a code up by its full name or its last part ("count-mismatch").
pub fn find(code: &str) -> Option<&'static Code> {
    let short = code.strip_prefix("factcheck::").unwrap_or(code);
    CODES
        .iter()
        .find(|c| c.code.strip_prefix("factcheck::") == Some(short))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_findable() {
        let names: Vec<&str> = CODES.iter().map(|c| c.code).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "keep CODES alphabetical and unique");
        assert_eq!(find("count-mismatch").map(|c| c.code), Some(COUNT_MISMATCH));
        assert_eq!(
            find("factcheck::status-mismatch").map(|c| c.code),
            Some(STATUS_MISMATCH)
        );
        assert!(find("nope").is_none());
    }

    /// Every `factcheck::area::name` code written anywhere in the source is listed in
    /// `RUN_CODES`, so `factcheck explain` documents it.
    #[test]
    fn every_run_code_in_the_source_is_documented() {
        let re = regex::Regex::new(r#""(factcheck::[a-z]+::[a-z0-9-]+)""#).unwrap();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut seen = 0;
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    for c in re.captures_iter(&text) {
                        seen += 1;
                        assert!(
                            RUN_CODES.iter().any(|(r, _)| *r == &c[1]),
                            "{} (in {}) is not in RUN_CODES",
                            &c[1],
                            p.display()
                        );
                    }
                }
            }
        }
        assert!(seen > 20, "the scan found the codes ({seen})");
    }
}

//! KB validation: one fixture per problem under `tests/fixtures/kb/`, each asserting the
//! diagnostic code, the exact message, the `path:line:col` it points at, its label and help,
//! plus a snapshot of the rendered diagnostic; then `factcheck kb check` / `kb list` end to end.
//!
//! Paths handed to the loader are relative to the crate root (`tests/fixtures/kb/…`), so the
//! snapshots do not depend on where the repository is checked out.

use assert_cmd::Command;
use factcheck::date::{Date, DateValue};
use factcheck::kb::{Bounds, FigureValue, Problem, Tolerance, load_paths, load_sources};
use factcheck::span::LineCol;
use miette::{GraphicalReportHandler, GraphicalTheme};
use rust_decimal::Decimal;
use std::path::PathBuf;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kb");

/// The display path of a fixture, as given to the loader.
fn path_of(name: &str) -> String {
    format!("tests/fixtures/kb/{name}.toml")
}

fn fixture(name: &str) -> (String, String) {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}.toml"))
        .unwrap_or_else(|e| panic!("cannot read fixture {name}: {e}"));
    (path_of(name), text)
}

/// The problems of loading these fixtures together; panics if they load.
fn problems(names: &[&str]) -> Vec<Problem> {
    match load_sources(names.iter().map(|n| fixture(n)).collect()) {
        Ok(kb) => panic!(
            "{names:?} loaded with no problems ({} entities, {} records)",
            kb.entities.len(),
            kb.records.len()
        ),
        Err(p) => p,
    }
}

/// The rendered diagnostic as a user sees it with `NO_COLOR` at 80 columns.
fn render(p: &Problem) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .with_links(false)
        .render_report(&mut out, p)
        .expect("render the diagnostic");
    out
}

fn render_all(ps: &[Problem]) -> String {
    ps.iter().map(render).collect::<Vec<_>>().join("\n")
}

/// What one problem must look like.
struct Expect<'a> {
    code: &'a str,
    message: &'a str,
    /// Fixture name (without `.toml`).
    file: &'a str,
    line: usize,
    column: usize,
    /// `None`: the label is not asserted (see the snapshot).
    label: Option<&'a str>,
    help: &'a str,
}

fn assert_problem(p: &Problem, e: &Expect<'_>) {
    assert_eq!(p.code, e.code, "code of {:?}", p.message);
    assert_eq!(p.message, e.message, "message of {}", p.code);
    assert_eq!(
        p.location(),
        Some((
            path_of(e.file),
            LineCol {
                line: e.line,
                column: e.column
            }
        )),
        "location of {:?}",
        p.message
    );
    if let Some(label) = e.label {
        assert_eq!(p.label, label, "label of {:?}", p.message);
    }
    assert_eq!(p.help.as_deref(), Some(e.help), "help of {:?}", p.message);
}

/// Loads `names`, asserts exactly the `expected` problems in order, and snapshots the
/// rendered diagnostics under `snapshot`.
fn check(names: &[&str], snapshot: &str, expected: &[Expect<'_>]) -> Vec<Problem> {
    let ps = problems(names);
    let got: Vec<(&str, &str)> = ps.iter().map(|p| (p.code, p.message.as_str())).collect();
    assert_eq!(ps.len(), expected.len(), "problems: {got:#?}");
    for (p, e) in ps.iter().zip(expected) {
        assert_problem(p, e);
    }
    insta::assert_snapshot!(snapshot, render_all(&ps));
    ps
}

fn one(name: &str, e: Expect<'_>) -> Problem {
    check(&[name], name, &[e]).remove(0)
}

// ---------------------------------------------------------------------------------------------
// One fixture per problem.

#[test]
fn syntax_error_points_at_the_end_of_the_unterminated_string() {
    one(
        "syntax-error",
        Expect {
            code: "factcheck::kb::syntax",
            message: "TOML syntax error: invalid basic string, expected `\"`",
            file: "syntax-error",
            line: 2,
            column: 13,
            label: Some("here"),
            help: "fix the TOML syntax; see https://toml.io for the format",
        },
    );
}

#[test]
fn syntax_error_unclosed_array_reports_only_syntax_problems() {
    // A `]` missing at the end of line 3: the TOML parser recovers and reports several errors
    // on line 4 where it noticed; factcheck shows the one that explains the others.
    let ps = problems(&["syntax-error-unclosed-array"]);
    let path = path_of("syntax-error-unclosed-array");
    let got: Vec<(&str, &str, usize, usize)> = ps
        .iter()
        .map(|p| {
            let (file, at) = p.location().expect("a syntax error has a location");
            assert_eq!(file, path);
            (p.code, p.message.as_str(), at.line, at.column)
        })
        .collect();
    assert_eq!(
        got,
        [(
            "factcheck::kb::syntax",
            "TOML syntax error: unclosed array, expected `]`",
            4,
            19
        )]
    );
    insta::assert_snapshot!("syntax-error-unclosed-array", render_all(&ps));
}

#[test]
fn unknown_key_close_to_a_known_one_suggests_it() {
    // `nmes` is also why the entity has no `names`: reported once, as the typo.
    check(
        &["unknown-key-near"],
        "unknown-key-near",
        &[Expect {
            code: "factcheck::kb::unknown-key",
            message: "unknown key `nmes` in an entity",
            file: "unknown-key-near",
            line: 3,
            column: 1,
            label: Some("not a known key"),
            help: "did you mean `names`?",
        }],
    );
}

#[test]
fn unknown_key_with_no_close_match_lists_the_allowed_keys() {
    one(
        "unknown-key-far",
        Expect {
            code: "factcheck::kb::unknown-key",
            message: "unknown key `colour` in an entity",
            file: "unknown-key-far",
            line: 4,
            column: 1,
            label: Some("not a known key"),
            help: "the keys allowed in an entity are: id, names, kind, note",
        },
    );
}

#[test]
fn wrong_type_names_is_a_string() {
    one(
        "wrong-type-names",
        Expect {
            code: "factcheck::kb::wrong-type",
            message: "`names` of an entity must be an array of strings, not a string",
            file: "wrong-type-names",
            line: 3,
            column: 9,
            label: Some("this is a string"),
            help: "write `names` of an entity as an array of strings",
        },
    );
}

#[test]
fn wrong_type_count_is_a_string() {
    one(
        "wrong-type-count",
        Expect {
            code: "factcheck::kb::wrong-type",
            message: "`count` of a figure must be a whole number, not a string",
            file: "wrong-type-count",
            line: 11,
            column: 11,
            label: Some("this is a string"),
            help: "write `count` of a figure as a whole number",
        },
    );
}

#[test]
fn duplicate_id_across_two_files_shows_both_places() {
    // Each file is valid on its own.
    for name in ["duplicate-id-a", "duplicate-id-b"] {
        let loaded = load_sources(vec![fixture(name)]);
        assert!(loaded.is_ok(), "{name} alone: {:?}", loaded.err());
    }
    let ps = check(
        &["duplicate-id-a", "duplicate-id-b"],
        "duplicate-id",
        &[Expect {
            code: "factcheck::kb::duplicate-id",
            message: "entity id `kosovo` is defined twice",
            file: "duplicate-id-b",
            line: 7,
            column: 6,
            label: Some("defined again here"),
            help: "first defined at tests/fixtures/kb/duplicate-id-a.toml:2:6; \
                   rename one of them or merge them",
        }],
    );
    let related = &ps[0].related;
    assert_eq!(related.len(), 1);
    let first = &related[0];
    assert_eq!(first.code, "", "a note, not a second problem");
    assert_eq!(first.message, "first definition of `kosovo`");
    assert_eq!(first.label, "first defined here");
    assert_eq!(
        first.location(),
        Some((path_of("duplicate-id-a"), LineCol { line: 2, column: 6 }))
    );
}

#[test]
fn dangling_references_about_source_and_authority() {
    check(
        &["dangling-reference"],
        "dangling-reference",
        &[
            Expect {
                code: "factcheck::kb::dangling-reference",
                message: "`about` refers to entity `javelins`, which is not defined",
                file: "dangling-reference",
                line: 15,
                column: 20,
                label: Some("no entity `javelins`"),
                help: "did you mean `javelin`?",
            },
            Expect {
                code: "factcheck::kb::dangling-reference",
                message: "`source` refers to source `dsca-kosovo`, which is not defined",
                file: "dangling-reference",
                line: 16,
                column: 10,
                label: Some("no source `dsca-kosovo`"),
                help: "did you mean `dsca-kosovo-javelin`?",
            },
            Expect {
                code: "factcheck::kb::dangling-reference",
                message: "`authority` refers to entity `pentagon`, which is not defined",
                file: "dangling-reference",
                line: 19,
                column: 15,
                label: Some("no entity `pentagon`"),
                help: "define an entity with id = \"pentagon\", or fix the reference",
            },
        ],
    );
}

#[test]
fn unknown_state_suggests_and_lists_the_states() {
    check(
        &["unknown-state"],
        "unknown-state",
        &[
            Expect {
                code: "factcheck::kb::unknown-state",
                message: "unknown state `aproved`",
                file: "unknown-state",
                line: 16,
                column: 11,
                label: Some("not a state"),
                help: "did you mean `approved`? The states are: requested, pending, notified, \
                       approved, signed, contracted, delivered, rejected, withdrawn",
            },
            Expect {
                code: "factcheck::kb::unknown-state",
                message: "unknown state `greenlit`",
                file: "unknown-state",
                line: 20,
                column: 11,
                label: Some("not a state"),
                help: "the states are: requested, pending, notified, approved, signed, \
                       contracted, delivered, rejected, withdrawn",
            },
        ],
    );
}

#[test]
fn inverted_range() {
    one(
        "inverted-range",
        Expect {
            code: "factcheck::kb::inverted-range",
            message: "the `count` range is inverted: min 300 is above max 200",
            file: "inverted-range",
            line: 11,
            column: 11,
            label: Some("min > max"),
            help: "swap `min` and `max`",
        },
    );
}

#[test]
fn figure_with_no_value_points_at_its_header() {
    one(
        "figure-no-value",
        Expect {
            code: "factcheck::kb::figure-value",
            message: "a figure has no value",
            file: "figure-no-value",
            line: 9,
            column: 3,
            label: Some("no `count`, `amount`, `percent` or `date`"),
            help: "give the figure exactly one of `count`, `amount`, `percent` or `date`",
        },
    );
}

#[test]
fn figure_with_two_values_points_at_the_second() {
    one(
        "figure-two-values",
        Expect {
            code: "factcheck::kb::figure-value",
            message: "a figure has two values: `count` and `amount`",
            file: "figure-two-values",
            line: 12,
            column: 12,
            label: Some("second value"),
            help: "split it into two figures, one value each",
        },
    );
}

const AMOUNT_HELP: &str = "write an amount with its currency, like \"$75 million\", \"€50m\", \
                           \"USD 1.2 billion\", or { value = 75000000, currency = \"USD\" }";

#[test]
fn amount_that_does_not_parse() {
    one(
        "bad-amount",
        Expect {
            code: "factcheck::kb::bad-amount",
            message: "`lots` is not a money amount",
            file: "bad-amount",
            line: 11,
            column: 12,
            label: Some("cannot read this amount"),
            help: AMOUNT_HELP,
        },
    );
}

#[test]
fn amount_with_no_currency() {
    one(
        "amount-no-currency",
        Expect {
            code: "factcheck::kb::bad-amount",
            message: "`75 million` is not a money amount: the amount names no currency",
            file: "amount-no-currency",
            line: 11,
            column: 12,
            label: Some("cannot read this amount"),
            help: AMOUNT_HELP,
        },
    );
}

#[test]
fn negative_count() {
    one(
        "negative-count",
        Expect {
            code: "factcheck::kb::negative-count",
            message: "a count cannot be negative: -246",
            file: "negative-count",
            line: 11,
            column: 11,
            label: Some("negative"),
            help: "counts are whole numbers of things, 0 or more",
        },
    );
}

#[test]
fn empty_names_list() {
    one(
        "empty-names",
        Expect {
            code: "factcheck::kb::empty-list",
            message: "`names` of an entity is an empty list",
            file: "empty-names",
            line: 3,
            column: 9,
            label: Some("empty"),
            help: "list at least one entry in `names`, or remove the key",
        },
    );
}

#[test]
fn empty_of_list() {
    one(
        "empty-of",
        Expect {
            code: "factcheck::kb::empty-list",
            message: "`of` of a figure is an empty list",
            file: "empty-of",
            line: 12,
            column: 8,
            label: Some("empty"),
            help: "list at least one entry in `of`, or remove the key",
        },
    );
}

#[test]
fn figure_date_that_is_not_a_date() {
    one(
        "bad-date-figure",
        Expect {
            code: "factcheck::kb::bad-date",
            message: "`date` of a figure is not a date: \"yesterday\"",
            file: "bad-date-figure",
            line: 11,
            column: 10,
            label: Some("not a calendar date"),
            help: "write a date like 2024-01-11 (or \"2024-01\" for a month), without a time",
        },
    );
}

#[test]
fn published_date_with_month_13() {
    one(
        "bad-date-published",
        Expect {
            code: "factcheck::kb::bad-date",
            message: "`published` of a source is not a date: \"2024-13-40\"",
            file: "bad-date-published",
            line: 4,
            column: 13,
            label: Some("not a calendar date"),
            help: "write a date like 2024-01-11, without a time",
        },
    );
}

#[test]
fn missing_id_points_at_the_table_header() {
    one(
        "missing-id",
        Expect {
            code: "factcheck::kb::missing-key",
            message: "an entity has no `id`",
            file: "missing-id",
            line: 5,
            column: 1,
            label: None,
            help: "add `id = \"…\"`",
        },
    );
}

#[test]
fn bad_tolerance() {
    one(
        "bad-tolerance",
        Expect {
            code: "factcheck::kb::bad-tolerance",
            message: "`tolerance` must be a non-negative number or a percentage string",
            file: "bad-tolerance",
            line: 12,
            column: 15,
            label: Some("not a tolerance"),
            help: "write `tolerance = 2` (absolute) or `tolerance = \"5%\"` (relative)",
        },
    );
}

#[test]
fn bad_ceiling() {
    one(
        "bad-ceiling",
        Expect {
            code: "factcheck::kb::bad-ceiling",
            message: "`ceiling` on a figure that is not one count or amount",
            file: "bad-ceiling",
            line: 12,
            column: 13,
            label: Some("a ceiling is one number"),
            help: "keep `ceiling = true` for a count or amount given as one value (\"up to 600 missiles\"); a range or bound already says what it allows",
        },
    );
}

#[test]
fn valid_fixture_loads_with_every_value_form() {
    let kb = load_sources(vec![fixture("valid")]).unwrap_or_else(|ps| {
        panic!(
            "valid.toml has problems: {:#?}",
            ps.iter().map(|p| &p.message).collect::<Vec<_>>()
        )
    });
    assert_eq!(kb.files.len(), 1);
    assert_eq!(kb.fact_files(), 1);
    assert_eq!(kb.sources.len(), 1);
    assert_eq!(kb.entities.len(), 4);
    assert_eq!(kb.records.len(), 1);
    assert_eq!(kb.figure_count(), 6);
    assert_eq!(kb.status_count(), 3);

    let src = kb.source("dsca-kosovo-javelin").expect("source by id");
    assert_eq!(src.published, Date::new(2024, 1, 11));
    let ids: Vec<&str> = kb.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["kosovo", "javelin", "state-department", "congress"]);
    let authorities: Vec<bool> = kb.entities.iter().map(|e| e.authority).collect();
    assert_eq!(authorities, [false, false, true, true]);
    assert_eq!(
        kb.entity("javelin").map(|e| e.names.clone()),
        Some(vec!["Javelin".into(), "Javelins".into(), "FGM-148F".into()])
    );

    let r = &kb.records[0];
    assert_eq!(r.id, "kosovo-javelin-2024");
    assert_eq!(r.about, ["kosovo", "javelin"]);
    assert_eq!(r.source.as_deref(), Some("dsca-kosovo-javelin"));
    assert_eq!(r.date, Date::new(2024, 1, 11));

    let d = Decimal::from;
    let f = &r.figures;
    let figure_ids: Vec<&str> = f.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        figure_ids,
        [
            "missiles",
            "launch-units",
            "value",
            "value-table",
            "share",
            "notified-on"
        ]
    );
    assert_eq!(f[0].value, FigureValue::Count(Bounds::exact(d(246))));
    assert_eq!(f[0].tolerance, Some(Tolerance::Absolute(d(2))));
    assert_eq!(f[0].of, ["Javelin missiles", "missiles"]);
    assert_eq!(
        f[1].value,
        FigureValue::Count(Bounds {
            min: Some(d(20)),
            max: Some(d(24))
        })
    );
    match &f[2].value {
        FigureValue::Amount(c, b) => {
            assert_eq!(c.0, "USD");
            assert_eq!(*b, Bounds::exact(d(75_000_000)));
        }
        other => panic!("value: {other:?}"),
    }
    assert_eq!(
        f[2].tolerance,
        Some(Tolerance::Relative(Decimal::new(5, 2)))
    );
    assert!(f[2].approximate);
    assert!(!f[0].approximate);
    match &f[3].value {
        FigureValue::Amount(c, b) => {
            assert_eq!(c.0, "USD");
            assert_eq!(*b, Bounds::exact(d(75_000_000)));
        }
        other => panic!("value-table: {other:?}"),
    }
    assert_eq!(
        f[3].date,
        Some(DateValue::Month {
            year: 2024,
            month: 1
        })
    );
    assert_eq!(f[3].source.as_deref(), Some("dsca-kosovo-javelin"));
    assert_eq!(
        f[4].value,
        FigureValue::Percent(Bounds::exact(Decimal::new(125, 1)))
    );
    assert_eq!(
        f[5].value,
        FigureValue::Date(DateValue::Day(Date::new(2024, 1, 11).unwrap()))
    );

    let states: Vec<(Option<&str>, &str)> = r
        .statuses
        .iter()
        .map(|s| (s.authority.as_deref(), s.state.name()))
        .collect();
    assert_eq!(
        states,
        [
            (Some("state-department"), "approved"),
            (Some("congress"), "notified"),
            (None, "requested"),
        ]
    );
    assert_eq!(r.statuses[2].date, None);
}

#[test]
fn every_fixture_is_covered() {
    // A fixture added without a test, or a mistake fixture that became valid, fails here.
    let mut names: Vec<String> = std::fs::read_dir(FIXTURES)
        .expect("fixture directory")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .into_string()
                .expect("UTF-8")
        })
        .collect();
    names.sort();
    let expected = [
        "amount-no-currency.toml",
        "bad-amount.toml",
        "bad-ceiling.toml",
        "bad-date-figure.toml",
        "bad-date-published.toml",
        "bad-tolerance.toml",
        "dangling-reference.toml",
        "duplicate-id-a.toml",
        "duplicate-id-b.toml",
        "empty-names.toml",
        "empty-of.toml",
        "figure-no-value.toml",
        "figure-two-values.toml",
        "inverted-range.toml",
        "missing-id.toml",
        "negative-count.toml",
        "phrase-example-fails.toml",
        "syntax-error-unclosed-array.toml",
        "syntax-error.toml",
        "unknown-key-far.toml",
        "unknown-key-near.toml",
        "unknown-state.toml",
        "valid.toml",
        "wrong-type-count.toml",
        "wrong-type-names.toml",
    ];
    assert_eq!(names, expected);
    for n in expected {
        let stem = n.trim_end_matches(".toml");
        let alone_ok = matches!(stem, "valid" | "duplicate-id-a" | "duplicate-id-b");
        assert_eq!(
            load_sources(vec![fixture(stem)]).is_ok(),
            alone_ok,
            "{n} alone"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Five mistakes in two files, all reported in one run.

const FIVE: &str = "tests/fixtures/kb-five-mistakes";

/// (code, path:line:col) of the five mistakes, in the order they are reported.
const FIVE_MISTAKES: [(&str, &str); 5] = [
    (
        "factcheck::kb::unknown-key",
        "tests/fixtures/kb-five-mistakes/a.toml:3:1",
    ),
    (
        "factcheck::kb::bad-amount",
        "tests/fixtures/kb-five-mistakes/a.toml:21:12",
    ),
    (
        "factcheck::kb::unknown-state",
        "tests/fixtures/kb-five-mistakes/a.toml:26:11",
    ),
    (
        "factcheck::kb::duplicate-id",
        "tests/fixtures/kb-five-mistakes/b.toml:2:6",
    ),
    (
        "factcheck::kb::dangling-reference",
        "tests/fixtures/kb-five-mistakes/b.toml:7:20",
    ),
];

/// The duplicate's first definition, shown as a related diagnostic.
const FIVE_FIRST_KOSOVO: &str = "tests/fixtures/kb-five-mistakes/a.toml:6:6";

#[test]
fn five_mistakes_in_two_files_library() {
    // Tests run from the crate root, so the relative path is the one displayed.
    let ps = load_paths(&[PathBuf::from(FIVE)]).expect_err("five mistakes");
    let got: Vec<(&str, String)> = ps
        .iter()
        .map(|p| {
            let (path, at) = p.location().expect("located");
            (p.code, format!("{path}:{}:{}", at.line, at.column))
        })
        .collect();
    let want: Vec<(&str, String)> = FIVE_MISTAKES
        .iter()
        .map(|(c, l)| (*c, l.to_string()))
        .collect();
    assert_eq!(got, want);
    let (path, at) = ps[3].related[0].location().expect("related located");
    assert_eq!(
        format!("{path}:{}:{}", at.line, at.column),
        FIVE_FIRST_KOSOVO
    );
}

fn factcheck() -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("the factcheck binary");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80");
    cmd
}

#[test]
fn cli_kb_check_reports_five_mistakes_and_exits_2() {
    let out = factcheck()
        .args(["kb", "check", FIVE])
        .output()
        .expect("run factcheck");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert_eq!(out.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    assert!(
        !stderr.contains('\u{1b}'),
        "colour despite NO_COLOR:\n{stderr}"
    );

    // Every snippet header, in order: the five problems plus the duplicate's first definition.
    let headers: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("╭─["))
        .map(|l| l.trim_end_matches(']'))
        .collect();
    let mut want: Vec<&str> = FIVE_MISTAKES.iter().map(|(_, l)| *l).collect();
    want.insert(4, FIVE_FIRST_KOSOVO);
    assert_eq!(headers, want, "stderr:\n{stderr}");

    for (code, _) in FIVE_MISTAKES {
        assert!(stderr.contains(code), "no {code} in:\n{stderr}");
    }
    for help in [
        "did you mean `title`?",
        "did you mean `approved`?",
        "first defined at tests/fixtures/kb-five-mistakes/a.toml:6:6",
        "define an entity with id = \"himars\"",
    ] {
        assert!(stderr.contains(help), "no {help:?} in:\n{stderr}");
    }
    assert_eq!(
        stderr.lines().last(),
        Some("error: the knowledge base has 5 problems in 2 files"),
        "stderr:\n{stderr}"
    );
    for l in stderr.lines() {
        assert!(l.chars().count() <= 80, "line over 80 columns: {l:?}");
    }
}

#[test]
fn cli_kb_check_valid_fixture() {
    let out = factcheck()
        .args(["kb", "check", "tests/fixtures/kb/valid.toml"])
        .output()
        .expect("run factcheck");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "stderr: {:?}", out.stderr);
    // The embedded language rules count as one of the files.
    assert_eq!(
        stdout,
        "KB is valid: 1 file of facts, 1 source, 4 entities, 1 record, 6 figures, 3 statuses\n"
    );
}

#[test]
fn cli_kb_check_rules_is_valid() {
    let out = factcheck()
        .args(["kb", "check", "rules/"])
        .output()
        .expect("run factcheck");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert_eq!(out.status.code(), Some(0), "stderr:\n{stderr}");
    assert!(stdout.starts_with("KB is valid:"), "stdout: {stdout:?}");
    assert_eq!(stdout.lines().count(), 1, "stdout: {stdout:?}");
    assert!(stderr.is_empty(), "stderr:\n{stderr}");
}

#[test]
fn cli_kb_check_missing_directory_exits_2() {
    let out = factcheck()
        .args(["kb", "check", "no/such/dir"])
        .output()
        .expect("run factcheck");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert_eq!(out.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.contains("factcheck::kb::unreadable"),
        "stderr:\n{stderr}"
    );
    assert!(
        stderr.contains("cannot read no/such/dir: "),
        "stderr:\n{stderr}"
    );
    assert!(
        stderr.contains("error: the knowledge base has 1 problem in "),
        "stderr:\n{stderr}"
    );
}

#[test]
fn cli_kb_check_missing_directory_tally_is_singular() {
    let out = factcheck()
        .args(["kb", "check", "no/such/dir"])
        .output()
        .expect("run factcheck");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert_eq!(
        stderr.lines().last(),
        Some("error: the knowledge base has 1 problem in 1 file")
    );
}

#[test]
fn one_mistake_in_an_entity_is_one_problem() {
    let text = "[[entity]]\nid = \"kosovo\"\nnames = []\n\n\
                [[record]]\nid = \"r\"\nabout = [\"kosovo\"]\n";
    let ps = load_sources(vec![("cascade.toml".into(), text.into())]).expect_err("empty names");
    let codes: Vec<&str> = ps.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["factcheck::kb::empty-list"]);
}

#[test]
fn mixed_currency_range_is_one_problem() {
    let text = "[[entity]]\nid = \"k\"\nnames = [\"K\"]\n\n[[record]]\nid = \"r\"\n\
                about = [\"k\"]\n\n  [[record.figure]]\n  id = \"v\"\n\
                amount = { min = \"$2 billion\", max = \"€1 billion\" }\n";
    let ps = load_sources(vec![("mixed.toml".into(), text.into())]).expect_err("mixed");
    let codes: Vec<&str> = ps.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["factcheck::kb::bad-amount"]);
}

fn kb_list(columns: usize) -> String {
    let out = factcheck()
        .env("COLUMNS", columns.to_string())
        .args(["kb", "list"])
        .output()
        .expect("run factcheck");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("kosovo-javelin-2024"), "{stdout}");
    assert!(stdout.contains("246"), "{stdout}");
    assert!(stdout.contains("Statuses by authority"), "{stdout}");
    for l in stdout.lines() {
        assert!(
            l.chars().count() <= columns,
            "line of {} characters at COLUMNS={columns}: {l:?}",
            l.chars().count()
        );
    }
    stdout
}

#[test]
fn cli_kb_list_fits_80_columns() {
    let out = kb_list(80);
    // Narrow enough that the table has to wrap: some line uses the whole width.
    assert!(out.lines().any(|l| l.chars().count() == 80), "{out}");
}

#[test]
fn cli_kb_list_fits_200_columns() {
    let out = kb_list(200);
    // Wide enough for the Kosovo figure row to hold its record id and count on one line.
    let row = out
        .lines()
        .find(|l| l.contains("kosovo-javelin-2024") && l.contains("missiles"))
        .unwrap_or_else(|| panic!("no kosovo-javelin-2024 missiles row in:\n{out}"));
    assert!(row.contains("┆ 246 "), "{row}");
}

#[test]
fn a_newsroom_phrase_whose_example_fails_is_reported_at_the_phrase() {
    one(
        "phrase-example-fails",
        Expect {
            code: "factcheck::kb::bad-phrase",
            message: "example “The Senate waved the sale through.” gives no state, not congress approved",
            file: "phrase-example-fails",
            line: 6,
            column: 1,
            label: Some("this phrase's example fails"),
            help: "fix the pattern or the example; where another phrase wins the overlap, give this one `priority = 1`",
        },
    );
}

/// The state the embedded language rules plus `user` (a KB file) read in `text`.
fn states_with(user: &str, text: &str) -> Vec<String> {
    let mut files = factcheck::kb::embedded_language();
    files.push(("newsroom.toml".into(), user.into()));
    let kb = load_sources(files).unwrap_or_else(|p| panic!("{:?}", p[0].message));
    let doc = factcheck::text::Document::new(text.to_string());
    kb.lexicon()
        .unwrap()
        .find(&doc)
        .into_iter()
        .filter_map(|c| match c.value {
            factcheck::extract::ClaimValue::Status { state, .. } => {
                Some(format!("{} {}", doc.slice(c.span), state.name()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_newsroom_phrase_wins_an_overlap_only_with_a_higher_priority() {
    let text = "Congress was notified and nodded it through in March.";
    let phrase = |priority: &str| {
        format!(
            "[[phrase]]\nstate = \"approved\"\npattern = \"{{authority}} was notified and nodded it through\"\n{priority}"
        )
    };
    // Listed after the built-in phrases, at the same priority: the built-in one wins.
    assert_eq!(
        states_with(&phrase(""), text),
        ["Congress was notified notified"]
    );
    assert_eq!(
        states_with(&phrase("priority = 1"), text),
        ["Congress was notified and nodded it through approved"]
    );
    // A phrase can yield to the built-in ones, too.
    assert_eq!(
        states_with(&phrase("priority = -1"), text),
        ["Congress was notified notified"]
    );
}

#[test]
fn a_phrase_priority_must_be_a_small_integer() {
    let mut files = factcheck::kb::embedded_language();
    files.push((
        "newsroom.toml".into(),
        "[[phrase]]\nstate = \"approved\"\npattern = \"nodded through\"\npriority = 1000\n".into(),
    ));
    let p = load_sources(files).unwrap_err();
    assert_eq!(p[0].code, "factcheck::kb::bad-phrase");
    assert!(
        p[0].message.contains("between -100 and 100"),
        "{}",
        p[0].message
    );
}

#[test]
fn every_built_in_record_cites_a_source_with_a_url() {
    let kb = factcheck::kb::embedded().unwrap_or_else(|p| panic!("{}", p[0].message));
    assert!(kb.records.len() >= 80, "{} records", kb.records.len());
    for r in &kb.records {
        let src = r
            .source
            .as_deref()
            .and_then(|id| kb.sources.iter().find(|s| s.id == id))
            .unwrap_or_else(|| panic!("record {} has no source", r.id));
        assert!(
            src.url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://")),
            "record {}: source {} has no URL",
            r.id,
            src.id
        );
    }
}

fn fc_out(args: &[&str]) -> (i32, String, String) {
    let o = Command::cargo_bin("factcheck")
        .unwrap()
        .args(args)
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn kb_list_filters_by_entity_date_and_text() {
    let (code, out, _) = fc_out(&["kb", "list", "--about", "poland", "--since", "2024-01-01"]);
    assert_eq!(code, 0);
    assert!(out.contains("poland-amraam-2024"), "{out}");
    assert!(
        !out.contains("poland-abrams-2022"),
        "dated before --since: {out}"
    );
    assert!(!out.contains("taiwan-"), "not about Poland: {out}");
    // By a name, in any case, and by text in the figures' phrases.
    let (_, out, _) = fc_out(&["kb", "list", "--about", "WARSAW", "--grep", "abrams"]);
    assert!(out.contains("poland-abrams-2022"), "{out}");
    assert!(!out.contains("poland-amraam-2024"), "{out}");
    let (code, _, err) = fc_out(&["kb", "list", "--about", "Narnia"]);
    assert_eq!(code, 2);
    assert!(err.contains("no entity `Narnia`"), "{err}");
    let (code, _, err) = fc_out(&["kb", "list", "--since", "last year"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
}

#[test]
fn kb_stats_counts_the_built_in_kb() {
    let kb = factcheck::kb::embedded().unwrap_or_else(|p| panic!("{}", p[0].message));
    let (code, out, _) = fc_out(&["kb", "stats"]);
    assert_eq!(code, 0);
    let row = |name: &str| {
        out.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no {name} row: {out}"))
            .to_string()
    };
    assert!(row("records").contains(&kb.records.len().to_string()));
    assert!(row("sources").contains(&format!("{} with a URL", kb.sources.len())));
    let first = kb.records.iter().filter_map(|r| r.date).min().unwrap();
    assert!(row("record dates").contains(&first.to_string()), "{out}");
}

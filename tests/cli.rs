//! End-to-end tests of the `factcheck` binary: every diagnostic code, every exit code,
//! `--fail-on`, stdin, directories, a missing file among good ones, two-deal articles and a
//! snapshot of the whole example corpus.

mod common;

use common::{Out, factcheck, findings};
use serde_json::Value;
use std::path::Path;

const KB: &str = "tests/fixtures/check/kb.toml";
const ARTICLES: &str = "tests/fixtures/check/articles";

fn run(args: &[&str], stdin: Option<&str>) -> Out {
    factcheck(Path::new(env!("CARGO_MANIFEST_DIR")), args, &[], stdin)
}

fn article(name: &str) -> String {
    format!("{ARTICLES}/{name}.md")
}

fn check_json(name: &str, extra: &[&str]) -> (i32, Vec<(String, String)>) {
    let a = article(name);
    let mut args = vec!["--kb", KB, "--format", "json"];
    args.extend_from_slice(extra);
    args.push(&a);
    let o = run(&args, None);
    (o.code, findings(&o.stdout))
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn every_finding_code_with_its_span() {
    assert_eq!(check_json("clean", &[]), (0, vec![]));
    assert_eq!(
        check_json("wrong", &[]),
        (
            1,
            pairs(&[
                ("count-mismatch", "14"),
                ("amount-mismatch", "€350 million"),
                ("date-mismatch", "April 22, 2024"),
                ("percent-mismatch", "45%"),
                ("date-mismatch", "June 2025"),
            ])
        )
    );
    assert_eq!(
        check_json("currency", &[]),
        (1, pairs(&[("currency-mismatch", "$300 million")]))
    );
    assert_eq!(
        check_json("status", &[]),
        (1, pairs(&[("status-mismatch", "parliament has rejected")]))
    );
    assert_eq!(
        check_json("stale", &[]),
        (
            0,
            pairs(&[("stale-status", "awaits approval from the parliament")])
        )
    );
    assert_eq!(
        check_json("ambiguous", &[]),
        (0, pairs(&[("ambiguous-claim", "10")]))
    );
    assert_eq!(
        check_json("unverified", &[]),
        (0, pairs(&[("unverified-claim", "30")]))
    );
    assert_eq!(
        check_json("inconsistent", &[]),
        (0, pairs(&[("inconsistent-claims", "5")]))
    );
}

#[test]
fn fail_on_levels() {
    // A warning fails only with --fail-on warning; an error never fails with --fail-on never.
    assert_eq!(check_json("ambiguous", &["--fail-on", "warning"]).0, 1);
    assert_eq!(check_json("ambiguous", &["--fail-on", "error"]).0, 0);
    assert_eq!(check_json("wrong", &["--fail-on", "never"]).0, 0);
    // Advice never fails.
    assert_eq!(check_json("unverified", &["--fail-on", "warning"]).0, 0);
}

#[test]
fn json_document_shape() {
    let o = run(&["--kb", KB, "--format", "json", &article("wrong")], None);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["errors"], 5);
    let f = &v["files"][0]["findings"][0];
    assert_eq!(f["code"], "factcheck::count-mismatch");
    assert_eq!(f["severity"], "error");
    assert_eq!(
        f["message"],
        "article says 14 Sentinel radar systems; the knowledge base says 12"
    );
    assert_eq!(f["span"]["line"], 6);
    assert_eq!(f["span"]["column"], 23);
    assert_eq!(f["span"]["end_column"], 25);
    assert_eq!(f["claim"]["value"], 14);
    assert_eq!(f["claim"]["of"], "Sentinel radar systems");
    assert_eq!(
        f["expected"],
        serde_json::json!({"kind": "count", "value": 12})
    );
    assert_eq!(f["record"], "freedonia-sentinel");
    assert_eq!(f["figure"], "radars");
    assert_eq!(f["kb_location"]["path"], KB);
    assert_eq!(f["kb_location"]["line"], 35);
    assert_eq!(f["source"]["url"], "https://example.org/freedonia/sentinel");
    assert_eq!(f["suggestion"], "12");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(article("wrong")))
            .unwrap();
    let (s, e) = (
        f["span"]["start"].as_u64().unwrap() as usize,
        f["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "14");
}

#[test]
fn human_output_snapshots() {
    for name in ["wrong", "status", "ambiguous", "inconsistent", "clean"] {
        let o = run(&["--kb", KB, &article(name)], None);
        insta::assert_snapshot!(format!("human-{name}"), o.stdout);
    }
}

#[test]
fn stdin_is_read_with_dash() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(article("currency")))
            .unwrap();
    let o = run(&["--kb", KB, "--format", "json", "-"], Some(&text));
    assert_eq!(o.code, 1);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "-");
    assert_eq!(
        findings(&o.stdout),
        pairs(&[("currency-mismatch", "$300 million")])
    );
}

#[test]
fn a_directory_is_walked_in_order() {
    let o = run(&["--kb", KB, "--format", "json", ARTICLES], None);
    assert_eq!(o.code, 1);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 8);
}

#[test]
fn a_missing_file_does_not_stop_the_others() {
    let o = run(
        &[
            "--kb",
            KB,
            "--format",
            "json",
            &article("wrong"),
            "no/such/article.md",
            &article("clean"),
        ],
        None,
    );
    assert_eq!(o.code, 2, "an unreadable input makes the run exit 2");
    assert!(
        o.stderr.contains("factcheck::input::not-found"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("no/such/article.md"), "{}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        v["files"].as_array().unwrap().len(),
        2,
        "both good files are still checked"
    );
    assert_eq!(v["errors"][0]["code"], "factcheck::input::not-found");
}

#[test]
fn non_utf8_article_is_reported_not_panicked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    std::fs::write(&p, b"Freedonia bought 12 radars for \xa3300 million.\n").unwrap();
    let o = run(&["--kb", KB, p.to_str().unwrap()], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::input::not-utf8"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("invalid byte 0xa3 at line 1, column 32 (byte offset 31)"),
        "{}",
        o.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    // (No path at all, with nothing piped in: see tests/workflow.rs.)
    assert_eq!(run(&["--no-such-flag", &article("clean")], None).code, 2);
    assert_eq!(
        run(
            &["--kb", KB, "--date", "2024-13-01", &article("clean")],
            None
        )
        .code,
        2
    );
    assert_eq!(
        run(&["--kb", KB, "--format", "yaml", &article("clean")], None).code,
        2
    );
    let o = run(
        &["--kb", "tests/fixtures/check/articles", &article("clean")],
        None,
    );
    assert_eq!(o.code, 2, "a directory of articles is not a KB");
}

#[test]
fn output_file_and_refusal_to_overwrite_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let o = run(
        &[
            "--kb",
            KB,
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
            &article("wrong"),
        ],
        None,
    );
    assert_eq!(o.code, 1);
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(findings(&written).len(), 5);
    let a = article("clean");
    let o = run(&["--kb", KB, "-o", &a, &a], None);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("refusing to overwrite"), "{}", o.stderr);
}

#[test]
fn github_format_lines_parse_back() {
    let o = run(&["--kb", KB, "--format", "github", &article("wrong")], None);
    assert_eq!(o.code, 1);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    let first = lines[0];
    assert!(first.starts_with("::error file=tests/fixtures/check/articles/wrong.md,line=6,col=23,endLine=6,endColumn=25,title=factcheck%3A%3Acount-mismatch::"), "{first}");
    assert!(first.contains("the knowledge base says 12"), "{first}");
}

#[test]
fn github_format_reports_an_unreadable_input_as_an_error_line() {
    let o = run(
        &[
            "--kb",
            KB,
            "--format",
            "github",
            "no/such/article.md",
            &article("clean"),
        ],
        None,
    );
    assert_eq!(o.code, 2);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", o.stdout);
    assert!(
        lines[0].starts_with(
            "::error file=no/such/article.md,title=factcheck%3A%3Ainput%3A%3Anot-found::"
        ),
        "{}",
        lines[0]
    );
}

#[test]
fn explain_every_code() {
    for c in factcheck::codes::CODES {
        let o = run(&["explain", c.code], None);
        assert_eq!(o.code, 0, "{}", c.code);
        assert!(o.stdout.starts_with(c.code), "{}", o.stdout);
        assert!(o.stdout.contains("Example:") && o.stdout.contains("How to resolve:"));
    }
    let o = run(&["explain", "count-mismatch"], None);
    assert!(o.stdout.contains("264 Javelin missiles"));
    let o = run(&["explain", "count-mismach"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("did you mean `factcheck::count-mismatch`?"),
        "{}",
        o.stderr
    );
    assert_eq!(run(&["explain", "all"], None).code, 0);
}

#[test]
fn builtin_kb_two_deal_story_has_no_false_alarm() {
    let o = run(&["--format", "json", "examples/two-deals.md"], None);
    assert_eq!((o.code, findings(&o.stdout)), (0, vec![]));
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert!(
        v["files"][0]["checked"].as_u64().unwrap() >= 6,
        "{}",
        o.stdout
    );
}

#[test]
fn two_deals_each_checked_against_its_own_record() {
    let text = "Kosovo has been cleared to buy 246 Javelin missiles for $75 million.\n\n\
                Romania was approved in December 2023 for 236 Javelin missiles worth about $80 million.\n";
    let o = run(&["--format", "json", "-"], Some(text));
    assert_eq!(
        (o.code, findings(&o.stdout)),
        (1, pairs(&[("count-mismatch", "236")]))
    );
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        v["files"][0]["findings"][0]["record"],
        "romania-javelin-2023"
    );
}

/// The whole example corpus, as an editor would see it in JSON.
#[test]
fn corpus_snapshot() {
    let mut report = String::new();
    let mut entries: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
            .collect();
    entries.sort();
    for p in entries {
        let rel = p
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let o = run(&["--format", "json", &rel], None);
        let v: Value = serde_json::from_str(&o.stdout).unwrap();
        let f = &v["files"][0];
        report.push_str(&format!(
            "{rel}: exit {}, {} claims, {} checked, {} agreeing\n",
            o.code, f["claims"], f["checked"], f["agreeing"]
        ));
        for x in f["findings"].as_array().unwrap() {
            report.push_str(&format!(
                "  {}:{} {} {:?}: {}\n",
                x["span"]["line"],
                x["span"]["column"],
                x["code"].as_str().unwrap(),
                x["text"].as_str().unwrap(),
                x["message"].as_str().unwrap()
            ));
        }
    }
    insta::assert_snapshot!("corpus", report);
}

#[test]
fn extract_json_contract() {
    let o = run(
        &["extract", "--format", "json", "examples/kosovo-correct.md"],
        None,
    );
    assert_eq!(o.code, 0);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let claims = v["files"][0]["claims"].as_array().unwrap();
    let money: Vec<&Value> = claims.iter().filter(|c| c["kind"] == "money").collect();
    assert_eq!(money[0]["value"], 75_000_000);
    assert_eq!(money[0]["currency"], "USD");
    assert_eq!(money[0]["qualifier"], "approximate");
    let vague = claims.iter().find(|c| c["qualifier"] == "vague").unwrap();
    assert_eq!(vague["value"], serde_json::json!({"min": 24, "max": 99}));
    assert_eq!(vague["of"], "soldiers");
    let states: Vec<(String, String)> = claims
        .iter()
        .filter(|c| c["kind"] == "status")
        .map(|c| {
            (
                c["authority"].as_str().unwrap().to_string(),
                c["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        states.contains(&("state-department".into(), "approved".into())),
        "{states:?}"
    );
    assert!(
        states.contains(&("congress".into(), "notified".into())),
        "{states:?}"
    );
    assert!(
        states.contains(&("congress".into(), "pending".into())),
        "{states:?}"
    );
}

#[test]
fn color_flag_and_no_color() {
    let a = article("wrong");
    // Tests run with NO_COLOR=1 and a pipe: plain text.
    let plain = run(&["--kb", KB, &a], None);
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "no escapes by default off a terminal"
    );
    // --color always wins over both.
    let colored = run(&["--kb", KB, "--color", "always", &a], None);
    assert!(
        colored.stdout.contains("\u{1b}["),
        "escapes with --color always"
    );
    let never = run(&["--kb", KB, "--color", "never", &a], None);
    assert!(!never.stdout.contains('\u{1b}'));
}

/// `--trace` on each bundled example (run from `examples/`, with the built-in KB): every
/// claim's candidates, evidence with rule ids, decision and outcome.
#[test]
fn trace_of_every_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for name in ["kosovo-wrong.md", "kosovo-correct.md", "two-deals.md"] {
        let o = factcheck(
            &dir,
            &["-q", "--color", "never", "--trace", name],
            &[],
            None,
        );
        assert!(o.stdout.contains("trace of"), "{}", o.stderr);
        insta::assert_snapshot!(format!("trace-{name}"), o.stdout);
    }
}

#[test]
fn trace_of_one_line_and_as_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let o = factcheck(&dir, &["-q", "--trace=11", "kosovo-wrong.md"], &[], None);
    let trace = &o.stdout[o.stdout.find("trace of").expect("a trace")..];
    assert!(trace.contains("11:20 count “264”"), "{trace}");
    assert!(!trace.contains("\n  9:"), "only line 11: {trace}");
    let o = factcheck(
        &dir,
        &["--format", "json", "--trace", "kosovo-wrong.md"],
        &[],
        None,
    );
    let v: Value = serde_json::from_str(&o.stdout).expect("JSON");
    let links = v["files"][0]["links"].as_array().expect("a links array");
    assert_eq!(
        links.len() as u64,
        v["files"][0]["claims"].as_u64().unwrap()
    );
    let l = links
        .iter()
        .find(|l| l["claim"]["text"] == "264 Javelin missiles" || l["claim"]["text"] == "264")
        .expect("the 264 claim");
    assert_eq!(l["decision"]["kind"], "linked");
    assert_eq!(l["decision"]["record"], "kosovo-javelin-2024");
    assert_eq!(l["outcome"], "count-mismatch");
    assert!(
        l["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["rule"] == "figure::of-phrase" && e["effect"] == "for")
    );
    // Without --trace the JSON has no links.
    let o = factcheck(&dir, &["--format", "json", "kosovo-wrong.md"], &[], None);
    assert!(!o.stdout.contains("\"links\""));
}

#[test]
fn a_rule_switched_off_in_the_config_changes_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Kosovo's Javelin deal follows a separate order of 30 Javelin missiles.\n";
    std::fs::write(dir.path().join("a.md"), text).unwrap();
    let o = factcheck(dir.path(), &["--format", "json", "a.md"], &[], None);
    assert_eq!(o.code, 0, "{}", o.stdout);
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "[rules]\ndisable = [\"link::other-event-cue\"]\n",
    )
    .unwrap();
    let o = factcheck(dir.path(), &["--format", "json", "a.md"], &[], None);
    assert_eq!(findings(&o.stdout), pairs(&[("count-mismatch", "30")]));
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "[rules]\ndisable = [\"link::other-event-cues\"]\n",
    )
    .unwrap();
    let o = factcheck(dir.path(), &["a.md"], &[], None);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("unknown linking rule"), "{}", o.stderr);
    assert!(
        o.stderr.contains("did you mean `link::other-event-cue`?"),
        "{}",
        o.stderr
    );
}

#[test]
fn explain_documents_rules() {
    let o = run(&["explain", "rules"], None);
    assert_eq!(o.code, 0);
    for id in factcheck::link::rules::IDS {
        assert!(o.stdout.contains(id), "{id} missing from `explain rules`");
    }
    let o = run(&["explain", "link::other-date"], None);
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("scope: clause"), "{}", o.stdout);
    assert!(o.stdout.contains("In 2015, Kosovo"), "{}", o.stdout);
}

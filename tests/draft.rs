//! `factcheck kb draft`: a snapshot of the draft of each source text under
//! `tests/fixtures/draft/` (run where no `rules/` is, so against the built-in KB), each
//! draft loading with that KB, and the command's edges: `-o` never overwriting, `--append`,
//! standard input, several sources, and the errors (a missing file, not UTF-8, nothing to
//! draft).

mod common;

use common::{Out, factcheck};
use factcheck::kb::draft::{Options, draft, with_draft};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft")
}

/// `factcheck kb draft ARGS…` run in the fixtures' directory.
fn draft_cmd(args: &[&str], stdin: Option<&str>) -> Out {
    let mut all = vec!["kb", "draft"];
    all.extend_from_slice(args);
    factcheck(&fixtures(), &all, &[], stdin)
}

/// The sources a record can be drafted from.
const SOURCES: &[&str] = &[
    "dsca-notification.txt",
    "ministry-release.md",
    "wire-report.txt",
    "drawdown-list.md",
    "two-amounts.txt",
];

#[test]
fn each_source_drafts_as_snapshotted() {
    for name in SOURCES {
        let o = draft_cmd(&[name], None);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        assert_eq!(o.stderr, "", "{name}");
        insta::assert_snapshot!(format!("draft-{name}"), o.stdout);
    }
}

#[test]
fn each_draft_loads_with_the_kb_it_was_made_against() {
    let kb = factcheck::kb::embedded().expect("the built-in KB loads");
    for name in SOURCES {
        let text = std::fs::read_to_string(fixtures().join(name)).expect("fixture");
        let opts = Options {
            id: None,
            source_name: name.to_string(),
        };
        let d = draft(&text, &kb, &opts).unwrap_or_else(|p| panic!("{name}: {p}"));
        let toml = d.to_toml();
        if let Err(p) = with_draft(&kb, "draft.toml", &toml) {
            panic!("{name}: the draft does not load:\n{toml}\n{p:#?}");
        }
    }
}

#[test]
fn kb_check_accepts_the_draft_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("draft.toml");
    let out_s = out.to_str().expect("UTF-8 path");
    let src = fixtures().join("dsca-notification.txt");
    let o = factcheck(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "kb",
            "draft",
            "-o",
            out_s,
            src.to_str().expect("UTF-8 path"),
        ],
        &[],
        None,
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let check = factcheck(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["kb", "check", "rules", out_s],
        &[],
        None,
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.starts_with("KB is valid"), "{}", check.stdout);
}

#[test]
fn a_text_with_nothing_to_draft_fails_clearly() {
    let o = draft_cmd(&["nothing.txt"], None);
    assert_eq!(o.code, 2);
    assert_eq!(o.stdout, "");
    insta::assert_snapshot!("draft-nothing", o.stderr);
}

#[test]
fn output_file_is_written_once_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("valdoria.toml");
    let out_s = out.to_str().expect("UTF-8 path");
    let first = draft_cmd(&["-o", out_s, "dsca-notification.txt"], None);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.is_empty());
    assert!(
        first.stderr.contains("wrote 1 draft record to"),
        "{}",
        first.stderr
    );
    let written = std::fs::read_to_string(&out).expect("written");
    assert_eq!(written, draft_cmd(&["dsca-notification.txt"], None).stdout);

    let again = draft_cmd(&["-o", out_s, "wire-report.txt"], None);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("factcheck::draft::output-exists"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("refusing to overwrite"),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("--append"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), written);
}

#[test]
fn append_takes_fresh_ids_and_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kb = dir.path().join("mine.toml");
    let kb_s = kb.to_str().expect("UTF-8 path");
    // A new file is started, then the same source drafted again into it.
    for _ in 0..2 {
        let o = draft_cmd(&["--append", kb_s, "dsca-notification.txt"], None);
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    let text = std::fs::read_to_string(&kb).expect("appended");
    assert_eq!(text.matches("[[record]]").count(), 2, "{text}");
    // The second draft reuses the first's new entity and takes the next ids.
    assert_eq!(text.matches("id = \"valdoria\"").count(), 1, "{text}");
    assert!(
        text.contains(
            "id = \"valdoria-javelin-2025-2\"  # check: id `valdoria-javelin-2025` is taken in the KB, so `valdoria-javelin-2025-2`"
        ),
        "{text}"
    );
    assert!(
        text.contains("id = \"dsca-valdoria-javelin-2025-2\""),
        "{text}"
    );
    // Valid together with the KB whose ids it reuses (javelin, congress, …).
    let check = factcheck(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["kb", "check", "rules", kb_s],
        &[],
        None,
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn append_refuses_a_file_that_is_not_a_valid_kb() {
    let dir = tempfile::tempdir().expect("temp dir");
    let kb = dir.path().join("broken.toml");
    std::fs::write(&kb, "[[record]]\nid = \"x\"\nabout = [\"nobody\"]\n").expect("write");
    let o = draft_cmd(
        &[
            "--append",
            kb.to_str().expect("UTF-8"),
            "dsca-notification.txt",
        ],
        None,
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::kb::dangling-reference"),
        "{}",
        o.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&kb).expect("kept"),
        "[[record]]\nid = \"x\"\nabout = [\"nobody\"]\n"
    );
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let text = std::fs::read_to_string(fixtures().join("wire-report.txt")).expect("fixture");
    let piped = draft_cmd(&["-"], Some(&text));
    assert_eq!(piped.code, 0, "{}", piped.stderr);
    let from_file = draft_cmd(&["wire-report.txt"], None);
    assert_eq!(
        piped
            .stdout
            .replacen("from standard input ", "from wire-report.txt ", 1),
        from_file.stdout
    );
}

#[test]
fn several_sources_share_new_entities_and_never_an_id() {
    let o = draft_cmd(&["dsca-notification.txt", "dsca-notification.txt"], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout.matches("[[record]]").count(), 2);
    assert_eq!(o.stdout.matches("[[entity]]").count(), 1, "{}", o.stdout);
    assert!(o.stdout.contains("id = \"valdoria-javelin-2025-2\""));
}

#[test]
fn id_is_taken_as_given() {
    let o = draft_cmd(
        &["--id", "valdoria-javelins", "dsca-notification.txt"],
        None,
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout
            .contains("\n[[record]]\nid = \"valdoria-javelins\"\n"),
        "{}",
        o.stdout
    );
    let two = draft_cmd(
        &["--id", "x", "dsca-notification.txt", "wire-report.txt"],
        None,
    );
    assert_eq!(two.code, 2);
    assert!(
        two.stderr.contains("--id names one record"),
        "{}",
        two.stderr
    );
}

#[test]
fn a_missing_file_is_reported_and_the_others_drafted() {
    let o = draft_cmd(&["no-such-file.txt", "wire-report.txt"], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::input::not-found"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("no-such-file.txt"), "{}", o.stderr);
    assert_eq!(o.stdout.matches("[[record]]").count(), 1);
    let alone = draft_cmd(&["no-such-file.txt"], None);
    assert_eq!((alone.code, alone.stdout.as_str()), (2, ""));
}

#[test]
fn a_file_that_is_not_utf8_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("latin1.txt");
    std::fs::write(
        &bad,
        b"Valdoria will buy 12 caf\xe9 launchers for $5 million.\n",
    )
    .expect("write");
    let o = draft_cmd(&[bad.to_str().expect("UTF-8")], None);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::input::not-utf8"),
        "{}",
        o.stderr
    );
    assert_eq!(o.stdout, "");
}

//! Hostile and odd input (docs/robustness.md has the catalogue): each test names the input,
//! runs the binary, and pins the outcome — the diagnostic code, the exit status, and that
//! the other files were still checked. Also: inputs are never modified, reports are written
//! atomically, a closed pipe ends output quietly, and the terminal never gets a raw control
//! character from an article or a KB. Fuzz regressions and the proptest mirror of the fuzz
//! targets' span property are at the end.

mod common;

use common::{Out, factcheck, findings};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// An article the embedded KB checks: Kosovo's 246 Javelin missiles, given as 264.
const WRONG: &str = "Kosovo will receive 264 Javelin missiles from the United States.\n";

/// A directory `name` under `dir` of `count` articles `a000.txt`, `a001.txt`, …, article `i`
/// holding `text(i)`.
fn articles(dir: &Path, name: &str, count: usize, text: impl Fn(usize) -> String) -> PathBuf {
    let d = dir.join(name);
    std::fs::create_dir(&d).unwrap();
    for i in 0..count {
        std::fs::write(d.join(format!("a{i:03}.txt")), text(i)).unwrap();
    }
    d
}
const RIGHT: &str = "Kosovo will receive 246 Javelin missiles from the United States.\n";

/// A scratch directory with `good.txt` (one count-mismatch) beside whatever a test adds.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.txt"), WRONG).expect("write");
    dir
}

/// `factcheck --format json ARGS…` in `dir` (no `rules/` there: the embedded KB).
fn json(dir: &Path, args: &[&str]) -> (Out, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let o = factcheck(dir, &all, &[], None);
    let v: Value = serde_json::from_str(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", o.stdout, o.stderr));
    (o, v)
}

/// The run's `errors[]` as (path, code).
fn errors(v: &Value) -> Vec<(String, String)> {
    v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap_or("").to_string(),
                e["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Paths of the files that were checked.
fn checked(v: &Value) -> Vec<String> {
    v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Asserts the bad file was reported with `code`, the run exits 2, and good.txt was still
/// checked (its one count-mismatch found).
fn assert_skipped(dir: &Path, bad: &str, code: &str) -> Out {
    let (o, v) = json(dir, &[bad, "good.txt"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(errors(&v), [(bad.to_string(), code.to_string())]);
    assert_eq!(checked(&v), ["good.txt"]);
    assert_eq!(
        findings(&o.stdout),
        [("count-mismatch".to_string(), "264".to_string())]
    );
    assert!(o.stderr.contains(&format!("error[{code}]")), "{}", o.stderr);
    o
}

fn extract_json(dir: &Path, file: &str) -> Value {
    let o = factcheck(dir, &["extract", "--format", "json", file], &[], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    serde_json::from_str(&o.stdout).expect("extract JSON")
}

/// (text, value, of) of every claim `extract` finds in `file`.
fn claims(dir: &Path, file: &str) -> Vec<(String, Value, Value)> {
    extract_json(dir, file)["files"][0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap_or("").to_string(),
                c["value"].clone(),
                c["of"].clone(),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Encodings

#[test]
fn mixed_encoding_names_the_first_bad_byte_by_line_and_column() {
    let dir = scratch();
    // UTF-8 up to line 3, then a Windows-1252 "é" (0xe9).
    let mut bytes = "Pristina, 11 Jan.\nKosovo’s deal is done.\nThe café"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b" in caf\xe9 terms.\n");
    std::fs::write(dir.path().join("mixed.txt"), bytes).unwrap();
    let o = assert_skipped(dir.path(), "mixed.txt", "factcheck::input::not-utf8");
    assert!(
        o.stderr
            .contains("invalid byte 0xe9 at line 3, column 16 (byte offset 59)"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("iconv"), "{}", o.stderr);
}

#[test]
fn utf16_with_a_bom_is_decoded_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{feff}{WRONG}");
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.path().join("le.txt"), le).unwrap();
    std::fs::write(dir.path().join("be.txt"), be).unwrap();
    let (o, v) = json(dir.path(), &["le.txt", "be.txt"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(checked(&v), ["le.txt", "be.txt"]);
    assert_eq!(findings(&o.stdout).len(), 2);
    // Lines and columns are those of the text; byte offsets are in its UTF-8 form.
    let span = &v["files"][0]["findings"][0]["span"];
    assert_eq!(
        (span["line"].as_u64(), span["column"].as_u64()),
        (Some(1), Some(21))
    );
    assert_eq!(
        span["start"].as_u64(),
        Some(20),
        "the BOM is not part of the text"
    );
}

#[test]
fn utf16_without_a_bom_is_binary_with_a_hint() {
    let dir = scratch();
    let le: Vec<u8> = WRONG.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("nobom.txt"), le).unwrap();
    let o = assert_skipped(dir.path(), "nobom.txt", "factcheck::input::binary");
    assert!(o.stderr.contains("UTF-16LE"), "{}", o.stderr);
}

#[test]
fn broken_utf16_is_its_own_error() {
    let dir = scratch();
    let mut le: Vec<u8> = format!("\u{feff}{WRONG}")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    le.extend_from_slice(&0xdc00u16.to_le_bytes()); // a lone low surrogate on line 2
    std::fs::write(dir.path().join("broken.txt"), le).unwrap();
    let o = assert_skipped(dir.path(), "broken.txt", "factcheck::input::bad-utf16");
    assert!(o.stderr.contains("line 2, column 1"), "{}", o.stderr);
}

// ---------------------------------------------------------------------------------------
// Empty, binary, large, special files

#[test]
fn empty_and_blank_files_are_checked_with_no_claims() {
    let dir = scratch();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("blank.txt"), " \n\r\n\t\n").unwrap();
    let (o, v) = json(dir.path(), &["empty.txt", "blank.txt", "good.txt"]);
    assert_eq!(o.code, 1, "the good file's mismatch decides: {}", o.stderr);
    assert_eq!(checked(&v), ["empty.txt", "blank.txt", "good.txt"]);
    assert_eq!(v["files"][0]["claims"], 0);
    assert_eq!(v["files"][1]["claims"], 0);
    assert!(errors(&v).is_empty());
}

#[test]
fn a_binary_file_is_skipped_with_a_diagnostic() {
    let dir = scratch();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    std::fs::write(dir.path().join("photo.txt"), png).unwrap();
    let o = assert_skipped(dir.path(), "photo.txt", "factcheck::input::binary");
    assert!(o.stderr.contains("byte offset 8"), "{}", o.stderr);
}

#[test]
fn a_nul_byte_in_a_text_article_makes_it_binary_at_its_line_and_column() {
    let dir = scratch();
    std::fs::write(
        dir.path().join("nul.txt"),
        "Kosovo will receive\n264 Javelin\0 missiles.\n",
    )
    .unwrap();
    let o = assert_skipped(dir.path(), "nul.txt", "factcheck::input::binary");
    assert!(o.stderr.contains("line 2, column 12"), "{}", o.stderr);
    assert!(o.stderr.contains("tr -d"), "{}", o.stderr);
    // From standard input too.
    let o = factcheck(dir.path(), &["-", "good.txt"], &[], Some("264\0 missiles"));
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::input::binary"),
        "{}",
        o.stderr
    );
    assert!(o.stdout.contains("good.txt"), "{}", o.stdout);
}

#[test]
fn a_200_mb_single_line_file_is_refused_from_its_size_without_reading_it() {
    let dir = scratch();
    // Sparse: 200 MB of size, no data written, created at once.
    let f = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let started = std::time::Instant::now();
    let o = assert_skipped(dir.path(), "huge.txt", "factcheck::input::too-large");
    assert!(
        o.stderr
            .contains("huge.txt is 200.0 MiB, over the 16.0 MiB limit"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("--max-file-size"), "{}", o.stderr);
    assert!(
        started.elapsed().as_secs() < 30,
        "the file must not be read"
    );
}

#[test]
fn max_file_size_changes_the_limit_for_files_and_standard_input() {
    let dir = scratch();
    let (o, v) = json(dir.path(), &["--max-file-size", "10", "good.txt"]);
    assert_eq!(o.code, 2);
    assert_eq!(
        errors(&v),
        [("good.txt".into(), "factcheck::input::too-large".into())]
    );
    let (o, v) = json(dir.path(), &["--max-file-size", "1K", "good.txt"]);
    assert_eq!((o.code, checked(&v)), (1, vec!["good.txt".to_string()]));
    let o = factcheck(
        dir.path(),
        &["--max-file-size", "20", "-"],
        &[],
        Some(WRONG),
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("<stdin> is over the 20 bytes limit"),
        "{}",
        o.stderr
    );
    let o = factcheck(
        dir.path(),
        &["--max-file-size", "lots", "good.txt"],
        &[],
        None,
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("not a size"), "{}", o.stderr);
    let o = factcheck(
        dir.path(),
        &["extract", "--max-file-size", "10", "good.txt"],
        &[],
        None,
    );
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::input::too-large"),
        "{}",
        o.stderr
    );
}

#[test]
fn a_directory_without_articles_is_reported_and_the_others_checked() {
    let dir = scratch();
    std::fs::create_dir(dir.path().join("photos")).unwrap();
    std::fs::write(dir.path().join("photos/a.png"), b"\x89PNG").unwrap();
    assert_skipped(dir.path(), "photos", "factcheck::input::empty-directory");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_named_and_skipped_walked() {
    let dir = scratch();
    std::os::unix::fs::symlink("loop.txt", dir.path().join("loop.txt")).unwrap();
    let o = assert_skipped(dir.path(), "loop.txt", "factcheck::input::unreadable");
    assert!(o.stderr.contains("symbolic links"), "{}", o.stderr);
    // Walking a directory holding the loop (and one pointing back at the directory).
    let sub = dir.path().join("desk");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("story.txt"), WRONG).unwrap();
    std::os::unix::fs::symlink("a.txt", sub.join("a.txt")).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    let (o, v) = json(dir.path(), &["desk"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(checked(&v), ["desk/story.txt"]);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_the_others_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    let p = dir.path().join("secret.txt");
    std::fs::write(&p, WRONG).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        eprintln!("skipped: running as root, chmod 000 does not stop reads");
        return;
    }
    assert_skipped(
        dir.path(),
        "secret.txt",
        "factcheck::input::permission-denied",
    );
}

// ---------------------------------------------------------------------------------------
// Numbers and odd characters

#[test]
fn enormous_numbers_neither_panic_nor_turn_into_small_ones() {
    let dir = tempfile::tempdir().unwrap();
    let nines = "9".repeat(400);
    let text = format!(
        "Kosovo will receive {nines} Javelin missiles worth ${nines} million.\n\
         The deal is worth 10^400 dollars.\n\
         Kosovo's Javelin package is worth 999 trillion trillion dollars.\n\
         It is also worth 9999 trillion trillion trillion dollars.\n"
    );
    std::fs::write(dir.path().join("big.txt"), &text).unwrap();
    let got = claims(dir.path(), "big.txt");
    let texts: Vec<&str> = got.iter().map(|c| c.0.as_str()).collect();
    // A 400-digit number and 10^400 hold no value a decimal can keep: no claim, and no
    // part of them ("400 dollars") read instead.
    assert_eq!(texts, ["999 trillion trillion dollars"], "{got:?}");
    assert_eq!(got[0].1, serde_json::json!(999e24));
    // Checked, the one readable amount is a plain mismatch.
    let (o, _) = json(dir.path(), &["big.txt"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(
        findings(&o.stdout),
        [(
            "amount-mismatch".to_string(),
            "999 trillion trillion dollars".to_string()
        )]
    );
}

#[test]
fn no_break_and_thin_spaces_group_digits_and_join_a_number_to_its_noun() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("spaces.txt"),
        "Poland ordered 1\u{a0}200 tanks, 1\u{2009}200 tanks and 1\u{202f}200 tanks.\n\
         Kosovo will receive 246\u{a0}missiles.\n",
    )
    .unwrap();
    let got = claims(dir.path(), "spaces.txt");
    let values: Vec<(&str, Value, Value)> = got
        .iter()
        .map(|(t, v, o)| (t.as_str(), v.clone(), o.clone()))
        .collect();
    assert_eq!(
        values,
        [
            ("1\u{a0}200", 1200.into(), "tanks".into()),
            ("1\u{2009}200", 1200.into(), "tanks".into()),
            ("1\u{202f}200", 1200.into(), "tanks".into()),
            ("246", 246.into(), "missiles".into()),
        ]
    );
}

#[test]
fn zero_width_characters_inside_a_number_are_read_past() {
    let dir = tempfile::tempdir().unwrap();
    // Shows as "246 Javelin missiles": agrees with the KB, no false alarm for "46".
    let text = "Kosovo will receive 2\u{200b}46 Javelin missiles and 24\u{2060}6 missiles.\n";
    std::fs::write(dir.path().join("zw.txt"), text).unwrap();
    let (o, v) = json(dir.path(), &["zw.txt"]);
    assert_eq!((o.code, findings(&o.stdout)), (0, vec![]), "{}", o.stdout);
    assert_eq!(v["files"][0]["agreeing"], 2);
    let got = claims(dir.path(), "zw.txt");
    assert_eq!(got[0].0, "2\u{200b}46");
    assert_eq!(got[0].1, 246);
}

#[test]
fn right_to_left_text_keeps_columns_and_its_overrides_show_in_human_output() {
    let dir = tempfile::tempdir().unwrap();
    // Hebrew before the claim; an RLO makes "642" display as "246" where bidi is honoured.
    let text = "קוסובו: Kosovo will receive 264 Javelin missiles. \u{202e}642\u{202c} missiles.\n";
    std::fs::write(dir.path().join("rtl.txt"), text).unwrap();
    let (o, v) = json(dir.path(), &["rtl.txt"]);
    assert_eq!(o.code, 1);
    let f = &v["files"][0]["findings"][0];
    assert_eq!(f["text"], "264");
    assert_eq!(f["span"]["column"], 29, "columns count characters");
    let o = factcheck(dir.path(), &["rtl.txt"], &[], None);
    assert!(!o.stdout.contains('\u{202e}'), "{}", o.stdout);
    assert!(o.stdout.contains("\\u{202e}642"), "{}", o.stdout);
}

#[test]
fn fullwidth_digits_are_not_read() {
    // Precision first: "２４６" is not read (no claim, no finding) rather than guessed at.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fw.txt"),
        "Kosovo will receive ２６４ Javelin missiles.\n",
    )
    .unwrap();
    assert!(claims(dir.path(), "fw.txt").is_empty());
    let (o, _) = json(dir.path(), &["fw.txt"]);
    assert_eq!(o.code, 0);
}

// ---------------------------------------------------------------------------------------
// Hostile knowledge bases

fn kb_check(dir: &Path, kb: &str) -> Out {
    factcheck(dir, &["kb", "check", kb], &[], None)
}

#[test]
fn a_kb_with_100000_entities_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut kb = String::with_capacity(6_000_000);
    for i in 0..100_000 {
        kb.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nnames = [\"Name{i}\", \"Other {i}\"]\n\n"
        ));
    }
    std::fs::write(dir.path().join("big.toml"), kb).unwrap();
    let o = kb_check(dir.path(), "big.toml");
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("100000 entities"), "{}", o.stdout);
}

#[test]
fn a_toml_file_nested_10000_deep_is_a_syntax_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let n = 10_000;
    for (name, text) in [
        (
            "arrays.toml",
            format!("x = {}{}\n", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "tables.toml",
            format!("x = {}1{}\n", "{a=".repeat(n), "}".repeat(n)),
        ),
        ("keys.toml", format!("[{}]\n", vec!["a"; n].join("."))),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        let o = kb_check(dir.path(), name);
        assert_eq!(o.code, 2, "{name}: {}", o.stderr);
        assert!(
            o.stderr.contains("factcheck::kb::syntax"),
            "{name}: {}",
            o.stderr
        );
        assert!(o.stderr.contains("recurs"), "{name}: {}", o.stderr);
        // The 10,000-character line is shown as a window around the error.
        assert!(o.stderr.len() < 4_000, "{name}: {} bytes", o.stderr.len());
        // And as --kb of a check.
        let o = factcheck(dir.path(), &["--kb", name, "-"], &[], Some(RIGHT));
        assert_eq!(o.code, 2, "{name}");
    }
}

#[test]
fn a_kb_name_list_with_1_mb_strings_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let kb = format!(
        "[[entity]]\nid = \"long\"\nnames = [\"{}\", \"{}\", \"Fine Name\"]\n",
        "A".repeat(1 << 20),
        "b c ".repeat(1 << 18)
    );
    std::fs::write(dir.path().join("long.toml"), kb).unwrap();
    let o = kb_check(dir.path(), "long.toml");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(
        o.stderr.matches("factcheck::kb::too-long").count(),
        2,
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("1048576 characters long; the limit is 200"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.len() < 8_000,
        "{} bytes of diagnostics",
        o.stderr.len()
    );
}

#[test]
fn a_kb_with_nul_bytes_is_a_syntax_error_shown_safely() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nul.toml"),
        "[[entity]]\nid = \"k\"\nnames = [\"Kos\0ovo\"]\n",
    )
    .unwrap();
    let o = kb_check(dir.path(), "nul.toml");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("factcheck::kb::syntax"), "{}", o.stderr);
    assert!(!o.stderr.contains('\0'), "{}", o.stderr);
    assert!(o.stderr.contains("Kos␀ovo"), "{}", o.stderr);
}

// ---------------------------------------------------------------------------------------
// Terminal safety

#[test]
fn escape_sequences_in_an_article_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    // Conceal, clear screen, a title change (OSC), a bell, and a CR that would overwrite.
    let text =
        "Kosovo \x1b[8mwill\x1b[0m receive 264 Javelin missiles\x07\x1b[2J\x1b]0;pwned\x07\r.\n";
    std::fs::write(dir.path().join("ansi.txt"), text).unwrap();
    for color in ["never", "always"] {
        let o = factcheck(dir.path(), &["--color", color, "ansi.txt"], &[], None);
        assert_eq!(o.code, 1, "{}", o.stderr);
        for raw in ["\x1b[8m", "\x1b[2J", "\x1b]0", "\x07", "\r"] {
            assert!(
                !o.stdout.contains(raw),
                "{color}: raw {raw:?} in\n{}",
                o.stdout
            );
        }
        assert!(
            o.stdout
                .contains("Kosovo ␛[8mwill␛[0m receive 264 Javelin missiles␇␛[2J␛]0;pwned␇␍."),
            "{}",
            o.stdout
        );
        if color == "always" {
            continue;
        }
        // The label still points at 264, under the right column.
        let line = o.stdout.lines().find(|l| l.contains("␛[8m")).unwrap();
        let under = o
            .stdout
            .lines()
            .skip_while(|l| !l.contains("␛[8m"))
            .nth(1)
            .unwrap();
        let col = |s: &str, pat: &str| s.find(pat).map(|b| s[..b].chars().count());
        assert_eq!(
            col(line, "264"),
            col(under, "─").or(col(under, "┬")),
            "{}",
            o.stdout
        );
    }
    if std::env::var_os("NO_COLOR").is_none() {
        let o = factcheck(dir.path(), &["extract", "ansi.txt"], &[], None);
        assert!(!o.stdout.contains('\x1b'), "{}", o.stdout);
    }
}

#[test]
fn escape_sequences_in_a_kb_and_in_file_names_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    // A key and a title with ESC written as TOML escapes.
    std::fs::write(
        dir.path().join("evil.toml"),
        "[[source]]\nid = \"s\"\ntitle = \"\\u001b[2Jgone\"\n\"\\u001b[31mred\" = 1\n",
    )
    .unwrap();
    let o = kb_check(dir.path(), "evil.toml");
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::kb::unknown-key"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains('\x1b'), "{}", o.stderr);
    assert!(o.stderr.contains("␛[31mred"), "{}", o.stderr);
    // A KB whose title holds an escape, listed.
    std::fs::write(
        dir.path().join("title.toml"),
        "[[source]]\nid = \"s\"\ntitle = \"\\u001b[2Jgone\"\n",
    )
    .unwrap();
    let o = factcheck(dir.path(), &["kb", "list", "title.toml"], &[], None);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!o.stdout.contains('\x1b'), "{}", o.stdout);
    // A missing file whose name holds an escape.
    let o = factcheck(dir.path(), &["no\x1b[2Jsuch.txt"], &[], None);
    assert_eq!(o.code, 2);
    assert!(!o.stderr.contains('\x1b'), "{}", o.stderr);
    assert!(o.stderr.contains("no␛[2Jsuch.txt"), "{}", o.stderr);
}

// ---------------------------------------------------------------------------------------
// Nothing lost

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let m = std::fs::metadata(&p).unwrap().modified().unwrap();
                out.push((p.clone(), std::fs::read(&p).unwrap(), m));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn inputs_are_never_modified() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = tempfile::tempdir().unwrap();
    let kb = inputs.path().join("kb.toml");
    std::fs::copy(root.join("tests/fixtures/check/kb.toml"), &kb).unwrap();
    let articles = inputs.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for e in std::fs::read_dir(root.join("tests/fixtures/check/articles"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(e.path(), articles.join(e.file_name())).unwrap();
    }
    let before = snapshot(inputs.path());
    let out = tempfile::tempdir().unwrap();
    let (kb, articles) = (kb.to_str().unwrap(), articles.to_str().unwrap());
    let report = out.path().join("r.json");
    let baseline = out.path().join("b.json");
    for args in [
        vec!["--kb", kb, articles],
        vec![
            "--kb",
            kb,
            "--format",
            "json",
            "-o",
            report.to_str().unwrap(),
            articles,
        ],
        vec![
            "--kb",
            kb,
            "--write-baseline",
            baseline.to_str().unwrap(),
            articles,
        ],
        vec![
            "--kb",
            kb,
            "--baseline",
            baseline.to_str().unwrap(),
            articles,
        ],
        vec!["extract", articles],
        vec!["kb", "check", kb],
        vec!["kb", "list", kb],
    ] {
        let o = factcheck(out.path(), &args, &[], None);
        assert!(o.code <= 1, "{args:?}: {}", o.stderr);
    }
    assert_eq!(snapshot(inputs.path()), before, "an input changed");
}

#[test]
fn a_report_killed_mid_run_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    articles(dir.path(), "many", 300, |_| WRONG.repeat(20));
    let report = dir.path().join("report.json");
    let old = "{\"old\": true}\n";
    let bin = assert_cmd::cargo::cargo_bin("factcheck");
    for delay_ms in [0u64, 20, 50, 100, 150, 200, 300, 400, 600, 800] {
        std::fs::write(&report, old).unwrap();
        let mut child = Command::new(&bin)
            .current_dir(dir.path())
            .args([
                "--format",
                "json",
                "--no-progress",
                "-o",
                "report.json",
                "many",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let got = std::fs::read_to_string(&report).unwrap();
        if got != old {
            let v: Value = serde_json::from_str(&got)
                .unwrap_or_else(|e| panic!("after {delay_ms} ms, a torn report: {e}"));
            assert_eq!(v["summary"]["files"], 300, "after {delay_ms} ms");
        }
    }
    // Left to finish: the new report, and no temporary file beside it.
    let o = factcheck(
        dir.path(),
        &["--format", "json", "-o", "report.json", "many"],
        &[],
        None,
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(v["summary"]["errors"], 300 * 20);
    // (A killed run may leave its temporary `.factcheck-*.tmp` beside the report; the old
    // report itself is never touched until the rename.)
}

#[cfg(unix)]
#[test]
fn an_interrupted_report_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let temporaries = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".factcheck-"))
            .count()
    };
    let bin = assert_cmd::cargo::cargo_bin("factcheck");
    let mut interrupted = 0;
    // More files each round, until a run is caught while its report is being written.
    for (round, files) in [400, 1600, 6400].into_iter().enumerate() {
        let many = articles(dir.path(), &format!("many{round}"), files, |_| {
            WRONG.repeat(5)
        });
        for signal in [libc::SIGINT, libc::SIGTERM] {
            std::fs::write(&report, "old").unwrap();
            let mut child = Command::new(&bin)
                .current_dir(dir.path())
                .args(["--format", "html", "--no-progress", "-o", "report.html"])
                .arg(&many)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            // The temporary file is made before the first article is read.
            let start = std::time::Instant::now();
            while temporaries() == 0 && start.elapsed().as_secs() < 10 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            let pid = libc::pid_t::try_from(child.id()).unwrap();
            // SAFETY: kill(2) on our own child's pid; it has not been waited for, so the pid
            // is still its own.
            unsafe { libc::kill(pid, signal) };
            let status = child.wait().unwrap();
            assert_eq!(
                temporaries(),
                0,
                "signal {signal}: a temporary file was left"
            );
            match status.code() {
                Some(130) => {
                    interrupted += 1;
                    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old");
                }
                // Done before the signal came: the new report, whole.
                Some(1) => assert!(
                    std::fs::read_to_string(&report)
                        .unwrap()
                        .ends_with("</html>\n")
                ),
                other => panic!("signal {signal}: exit {other:?}"),
            }
        }
        if interrupted == 2 {
            break;
        }
    }
    assert!(interrupted > 0, "no run was caught mid-report");
}

#[test]
fn a_report_to_a_directory_that_does_not_exist_is_refused_before_checking() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), WRONG).unwrap();
    let o = factcheck(dir.path(), &["-o", "gone/report.json", "a.txt"], &[], None);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "error: cannot write gone/report.json: No such file or directory (os error 2)\n  \
         help: the directory does not exist; create it or give -o a path in one that does\n",
        "refused before any finding is printed, naming the user's path only"
    );
    let o = factcheck(
        dir.path(),
        &["--write-baseline", "gone/b.json", "a.txt"],
        &[],
        None,
    );
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "error: cannot write baseline gone/b.json: No such file or directory (os error 2)\n"
    );
    assert!(!dir.path().join("gone").exists());
}

/// Runs `factcheck ARGS…` with stdout to a real pipe, reads one line, closes the pipe, and
/// returns (exit code, stderr).
fn closed_early(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("factcheck"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    let n = stdout.read(&mut first).unwrap();
    assert!(n > 0, "{args:?} printed nothing");
    drop(stdout);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status.code(), stderr)
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // Output well past a pipe's 64 KiB buffer, so writes meet the closed pipe.
    articles(dir.path(), "many", 150, |_| WRONG.repeat(10));
    let mut kb = String::new();
    for i in 0..3000 {
        kb.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nnames = [\"Name{i}\"]\n\n[[record]]\nid = \"r{i}\"\nabout = [\"e{i}\"]\n\n  [[record.figure]]\n  id = \"f\"\n  count = {i}\n  of = [\"things\"]\n\n"
        ));
    }
    std::fs::write(dir.path().join("big.toml"), kb).unwrap();
    for args in [
        vec!["--no-progress", "many"],
        vec!["--no-progress", "--format", "json", "many"],
        vec!["extract", "many"],
        vec!["extract", "--format", "json", "many"],
        vec!["kb", "list", "big.toml"],
        vec!["explain", "all"],
        vec!["generate", "man"],
    ] {
        let (code, stderr) = closed_early(dir.path(), &args);
        assert!(
            matches!(code, Some(0 | 1)),
            "{args:?}: exit {code:?}, stderr: {stderr}"
        );
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn output_that_cannot_be_written_is_an_error() {
    // /dev/full takes no byte: every write fails with "no space left on device".
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), WRONG).unwrap();
    for args in [
        vec!["--no-progress", "a.txt"],
        vec!["--format", "json", "a.txt"],
        vec!["--format", "sarif", "a.txt"],
        vec!["extract", "a.txt"],
        vec!["extract", "--format", "json", "a.txt"],
        vec!["kb", "check"],
        vec!["kb", "list"],
        vec!["explain", "all"],
        vec!["explain", "count-mismatch"],
        vec!["generate", "man"],
        vec!["--dump-config"],
    ] {
        let o = Command::new(assert_cmd::cargo::cargo_bin("factcheck"))
            .current_dir(dir.path())
            .args(&args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn extract_streams_every_file_in_order_across_batches() {
    // Files are extracted on every core a batch at a time (256 a thread) and written as each
    // batch ends: with one thread 700 files are three batches, with two, two.
    let dir = tempfile::tempdir().unwrap();
    let many = articles(dir.path(), "many", 700, |i| {
        format!("The sale of {i} jets was worth ${i} million.\n")
    });
    std::fs::write(many.join("a350.txt"), b"\x00\x01binary\x00").unwrap();
    let mut runs = Vec::new();
    for threads in ["1", "2"] {
        let env = [("RAYON_NUM_THREADS", threads)];
        let o = factcheck(
            dir.path(),
            &["extract", "--format", "json", "many"],
            &env,
            None,
        );
        assert_eq!(
            o.code, 2,
            "an unreadable file is an input error: {}",
            o.stderr
        );
        assert!(o.stderr.contains("a350.txt"), "{}", o.stderr);
        let v: Value = serde_json::from_str(&o.stdout).expect("one JSON document");
        let files = v["files"].as_array().expect("files");
        let kept: Vec<usize> = (0..700).filter(|&i| i != 350).collect();
        assert_eq!(files.len(), kept.len());
        for (f, &i) in files.iter().zip(&kept) {
            assert_eq!(f["path"], format!("many/a{i:03}.txt"));
            let values: Vec<&Value> = f["claims"]
                .as_array()
                .expect("claims")
                .iter()
                .map(|c| &c["value"])
                .collect();
            assert_eq!(
                values,
                [&Value::from(i), &Value::from(i * 1_000_000)],
                "{f}"
            );
        }
        let human = factcheck(dir.path(), &["extract", "many"], &env, None);
        let heads: Vec<&str> = human
            .stdout
            .lines()
            .filter(|l| l.starts_with("many/"))
            .collect();
        assert_eq!(heads.len(), 699);
        assert!(heads.windows(2).all(|w| w[0] < w[1]), "tables out of order");
        runs.push((o.stdout, human.stdout));
    }
    assert!(
        runs[0] == runs[1],
        "one thread and two wrote different output"
    );
}

// ---------------------------------------------------------------------------------------
// The code registry

#[test]
fn every_input_and_kb_code_raised_is_registered() {
    let registered: Vec<&str> = factcheck::codes::RUN_CODES
        .iter()
        .map(|(c, _)| *c)
        .collect();
    for (file, src) in [
        ("src/input.rs", include_str!("../src/input.rs")),
        ("src/kb/load.rs", include_str!("../src/kb/load.rs")),
    ] {
        for part in src.split('"').skip(1).step_by(2) {
            if (part.starts_with("factcheck::input::") || part.starts_with("factcheck::kb::"))
                && !part.ends_with("::")
            {
                assert!(
                    registered.contains(&part),
                    "{file}: {part} is not in codes::RUN_CODES"
                );
            }
        }
    }
    for code in [
        "input::binary",
        "input::too-large",
        "input::bad-utf16",
        "kb::too-long",
    ] {
        let o = factcheck(Path::new("."), &["explain", code], &[], None);
        assert_eq!(o.code, 0, "{code}: {}", o.stderr);
    }
}

// ---------------------------------------------------------------------------------------
// The fuzz targets' cheapest property, run by CI: extraction never panics and every span
// is in bounds and on a character boundary.

mod spans {
    use factcheck::extract::{self, ClaimValue, Context};
    use factcheck::kb::{self, Kb};
    use factcheck::span::Span;
    use factcheck::text::Document;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static LANGUAGE: LazyLock<Kb> = LazyLock::new(|| {
        kb::load_sources(kb::embedded_language()).expect("embedded language rules")
    });

    fn in_bounds(text: &str, s: Span) -> bool {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    }

    pub fn check(text: &str) {
        let doc = Document::new(text);
        for t in &doc.tokens {
            assert!(in_bounds(text, t.span), "token {:?}", t.span);
        }
        for s in &doc.sentences {
            assert!(in_bounds(text, s.span), "sentence {:?}", s.span);
        }
        let lexicon = LANGUAGE.lexicon().expect("lexicon");
        for c in extract::extract(&doc, &Context::default(), lexicon) {
            assert!(in_bounds(text, c.span), "claim {:?}", c.span);
            assert!(in_bounds(text, c.value_span), "value {:?}", c.value_span);
            if let Some((_, s)) = &c.of {
                assert!(in_bounds(text, *s), "of {s:?}");
            }
            if let ClaimValue::Status {
                authority_span: Some(s),
                ..
            } = &c.value
            {
                assert!(in_bounds(text, *s), "authority {s:?}");
            }
        }
    }

    /// Pieces an article is made of, odd ones included: numbers with separators and
    /// scales, money, words the grammar knows, and the characters this file is about.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{1,30}",
            "[0-9]{1,3}(,[0-9]{3}){0,3}(\\.[0-9]{1,2})?",
            "\\$|€|£|US\\$|NT\\$|CHF |USD ",
            "(million|billion|bn|m|trillion|dozen|hundred|two|forty-six|percent|%)",
            "(about|more than|nearly|between|and|to|of|the|Kosovo|Javelin|missiles|Congress|approved|awaiting approval from|State Department|notified|signed)",
            "[ \u{a0}\u{2009}\u{202f}\u{200b}\u{2060}\u{feff}\u{202e}\u{1b}\r\n\t.,;:!?()\\-^/'\"]",
            "[\u{ff10}-\u{ff19}\u{660}-\u{669}\u{5d0}-\u{5ea}é€’“”…]",
            "(January|Jan\\.|2024|11|-|May 3, 2024|2024-01-11)",
            "\\PC",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn extraction_spans_are_in_bounds_and_on_char_boundaries(
            parts in proptest::collection::vec(piece(), 0..40),
            sep in proptest::collection::vec("[ \n]|", 40),
        ) {
            let mut text = String::new();
            for (p, s) in parts.iter().zip(&sep) {
                text.push_str(p);
                text.push_str(s);
            }
            check(&text);
        }
    }
}

/// One sentence of thousands of figures: checked in linear time (each claim reads a bounded
/// window of its sentence), and a finding whose related place is far away on the same line
/// renders without it instead of crashing the terminal renderer.
#[test]
fn one_sentence_of_thousands_of_claims() {
    let dir = scratch();
    let items: Vec<String> = (1..6000).map(|i| format!("{i} Javelin missiles")).collect();
    let text = format!("Kosovo will get Javelin missiles: {}.\n", items.join(", "));
    std::fs::write(dir.path().join("long.txt"), &text).unwrap();
    let o = common::factcheck(
        dir.path(),
        &[
            "-q",
            "--fail-on",
            "warning",
            "--date",
            "2024-02-01",
            "long.txt",
        ],
        &[],
        None,
    );
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    assert_eq!(o.code, 1, "{}", o.stderr);
    // "1 Javelin missiles" first, then every other value: one fact, many values. The
    // earlier place is far away on the same line and is left out of the snippet.
    assert!(o.stdout.contains("factcheck::inconsistent-claims"));
}

#[test]
fn check_reports_every_file_in_order_across_groups() {
    // On one thread, files are checked in groups of up to 64, stage by stage, and a group
    // ends early once 1 MiB of text is read; on two, groups run side by side. 150 files are
    // three groups on one thread; a 1.5 MiB file among them ends its group early; an
    // unreadable one fails alone. Each file's report must be what checking it alone gives.
    let dir = tempfile::tempdir().unwrap();
    // Odd files say 246 + i Javelin missiles (wrong); even ones, 246 (right).
    let javelins = |i: usize| if i % 2 == 1 { 246 + i } else { 246 };
    let many = articles(dir.path(), "many", 150, |i| {
        format!(
            "Kosovo will receive {} Javelin missiles from the United States.\n",
            javelins(i)
        )
    });
    let big = RIGHT.repeat((3 << 19) / RIGHT.len());
    std::fs::write(many.join("a070.txt"), &big).unwrap();
    std::fs::write(many.join("a100.txt"), b"\x00\x01binary\x00").unwrap();
    let mut runs = Vec::new();
    for threads in ["1", "2"] {
        let env = [("RAYON_NUM_THREADS", threads)];
        let o = factcheck(dir.path(), &["--format", "json", "many"], &env, None);
        assert_eq!(
            o.code, 2,
            "an unreadable file is an input error: {}",
            o.stderr
        );
        assert!(o.stderr.contains("a100.txt"), "{}", o.stderr);
        let v: Value = serde_json::from_str(&o.stdout).expect("one JSON document");
        let files = v["files"].as_array().expect("files");
        let kept: Vec<usize> = (0..150).filter(|&i| i != 100).collect();
        assert_eq!(files.len(), kept.len());
        for (f, &i) in files.iter().zip(&kept) {
            assert_eq!(f["path"], format!("many/a{i:03}.txt"));
            let found: Vec<(&Value, &Value)> = f["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|x| (&x["code"], &x["claim"]["value"]))
                .collect();
            if i % 2 == 1 {
                assert_eq!(
                    found,
                    [(
                        &Value::from("factcheck::count-mismatch"),
                        &Value::from(javelins(i))
                    )],
                    "{i}"
                );
            } else {
                assert!(found.is_empty(), "{i}: {found:?}");
            }
        }
        // The big file's claims were all read and all agree.
        let big_file = &files[70];
        assert_eq!(
            big_file["claims"],
            big.lines().count(),
            "{}",
            big_file["path"]
        );
        assert_eq!(big_file["agreeing"], big_file["claims"]);
        runs.push(o.stdout);
    }
    assert!(
        runs[0] == runs[1],
        "one thread and two wrote different output"
    );
    // The HTML report's anchors number each file by its place among the inputs.
    let html = factcheck(
        dir.path(),
        &["--format", "html", "many"],
        &[("RAYON_NUM_THREADS", "1")],
        None,
    );
    let anchors: Vec<usize> = html
        .stdout
        .split("href=\"#file-")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect();
    assert_eq!(anchors, (0..150).filter(|&i| i != 100).collect::<Vec<_>>());
    // A file's object is the same checked alone as in the group.
    let v: Value = serde_json::from_str(&runs[0]).unwrap();
    for i in [0, 63, 64, 69, 71, 149] {
        let (_, alone) = json(dir.path(), &[&format!("many/a{i:03}.txt")]);
        let pos = if i > 100 { i - 1 } else { i };
        assert_eq!(alone["files"][0], v["files"][pos], "{i}");
    }
}

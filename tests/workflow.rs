//! The paths a newsroom takes: a KB in `facts/`, a `factcheck.toml`, articles in a repo, CI
//! jobs reading machine formats, pre-commit passing file names, piped input. Each test builds
//! such a newsroom in a temporary directory and runs the binary there.

mod common;

use common::{Out, factcheck, findings};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// A newsroom: `facts/kb.toml` (the test KB), `articles/wrong.md` (five wrong figures),
/// `articles/clean.md`, and a `factcheck.toml` naming `facts`.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("facts")).unwrap();
    std::fs::create_dir_all(d.join("articles")).unwrap();
    std::fs::copy(
        fixture("tests/fixtures/check/kb.toml"),
        d.join("facts/kb.toml"),
    )
    .unwrap();
    for a in ["wrong", "clean"] {
        std::fs::copy(
            fixture(&format!("tests/fixtures/check/articles/{a}.md")),
            d.join(format!("articles/{a}.md")),
        )
        .unwrap();
    }
    std::fs::write(d.join("factcheck.toml"), "kb = [\"facts\"]\n").unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Out {
    factcheck(dir, args, &[], None)
}

/// Item 1: a baseline holds whatever way the path was typed, or from wherever it is run.
#[test]
fn baselines_hold_however_the_path_is_typed() {
    let n = newsroom();
    let d = n.path();
    let o = run(d, &["--write-baseline", "b.json", "articles/"]);
    assert_eq!(o.code, 0, "recording a baseline succeeds: {}", o.stderr);
    for (dir, args) in [
        (d.to_path_buf(), vec!["--baseline", "b.json", "./articles/"]),
        (
            d.to_path_buf(),
            vec!["--baseline", "b.json", "articles/../articles/wrong.md"],
        ),
        (
            d.join("articles"),
            vec!["--baseline", "../b.json", "wrong.md"],
        ),
        (d.join("articles"), vec!["--baseline", "../b.json", "."]),
    ] {
        let mut a = vec!["--format", "json"];
        a.extend(args.iter().copied());
        let o = run(&dir, &a);
        assert_eq!(o.code, 0, "{a:?} in {}: {}", dir.display(), o.stdout);
        assert_eq!(findings(&o.stdout), [], "{a:?}");
        let v: Value = serde_json::from_str(&o.stdout).unwrap();
        assert_eq!(v["summary"]["suppressed"], 5, "{a:?}");
    }
    // The baseline names files relative to the config's directory.
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("b.json")).unwrap()).unwrap();
    assert_eq!(b["findings"][0]["path"], "articles/wrong.md");
}

/// Item 2: `kb check`, `kb list` and `kb stats` use factcheck.toml's `kb`.
#[test]
fn kb_commands_use_the_config_kb() {
    let n = newsroom();
    let d = n.path();
    let o = run(d, &["kb", "check"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("2 records"),
        "the newsroom's KB, not the built-in one: {}",
        o.stdout
    );
    let o = run(d, &["kb", "list"]);
    assert!(o.stdout.contains("freedonia-sentinel"), "{}", o.stdout);
    // A broken newsroom KB is reported, not passed over for the built-in one.
    std::fs::write(d.join("facts/broken.toml"), "[[record]]\nid = \n").unwrap();
    for cmd in [&["kb", "check"][..], &["kb", "list"], &["kb", "stats"]] {
        let o = run(d, cmd);
        assert_eq!(o.code, 2, "{cmd:?}");
        assert!(
            o.stderr.contains("facts/broken.toml:2:6"),
            "{cmd:?}: {}",
            o.stderr
        );
    }
}

/// Item 3: a run that cannot be done still writes a valid document of the format.
#[test]
fn a_failed_run_still_writes_a_valid_document() {
    let n = newsroom();
    let d = n.path();
    std::fs::write(d.join("facts/broken.toml"), "[[record]]\nid = \n").unwrap();
    // SARIF to a file, read back into the 2.1.0 types.
    let o = run(d, &["--format", "sarif", "-o", "report.sarif", "articles/"]);
    assert_eq!(o.code, 2);
    let text = std::fs::read_to_string(d.join("report.sarif")).expect("the report is written");
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&text).expect("SARIF 2.1.0");
    let v = serde_json::to_value(&sarif).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let note = &inv["toolExecutionNotifications"][0];
    assert_eq!(note["descriptor"]["id"], "factcheck::kb::syntax");
    let loc = &note["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "facts/broken.toml");
    assert_eq!(loc["region"]["startLine"], 2);
    assert_eq!(v["runs"][0]["results"], serde_json::json!([]));
    // JSON: an errors array, no files.
    let o = run(d, &["--format", "json", "articles/"]);
    assert_eq!(o.code, 2);
    let v: Value = serde_json::from_str(&o.stdout).expect("a JSON document");
    assert_eq!(v["files"], serde_json::json!([]));
    assert_eq!(v["errors"][0]["code"], "factcheck::kb::syntax");
    assert_eq!(v["errors"][0]["path"], "facts/broken.toml");
    assert_eq!(v["errors"][0]["line"], 2);
    // GitHub: an ::error line at the problem.
    let o = run(d, &["--format", "github", "articles/"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stdout.starts_with(
            "::error file=facts/broken.toml,line=2,col=6,title=factcheck%3A%3Akb%3A%3Asyntax::"
        ),
        "{}",
        o.stdout
    );
    // A broken config too.
    std::fs::remove_file(d.join("facts/broken.toml")).unwrap();
    std::fs::write(
        d.join("factcheck.toml"),
        "kb = [\"facts\"]\nfial-on = \"error\"\n",
    )
    .unwrap();
    let o = run(d, &["--format", "json", "articles/"]);
    assert_eq!(o.code, 2);
    let v: Value = serde_json::from_str(&o.stdout).expect("a JSON document");
    assert_eq!(v["errors"][0]["code"], "factcheck::config::invalid");
    // A missing article gets a ::error line in the GitHub format.
    std::fs::write(d.join("factcheck.toml"), "kb = [\"facts\"]\n").unwrap();
    let o = run(d, &["--format", "github", "articles/nope.md"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stdout.starts_with(
            "::error file=articles/nope.md,title=factcheck%3A%3Ainput%3A%3Anot-found::"
        ),
        "{}",
        o.stdout
    );
}

/// Item 4: SARIF offsets count code points, as its columnKind says.
#[test]
fn sarif_offsets_count_code_points() {
    let n = newsroom();
    let d = n.path();
    let text = "TALLINN — Freedonia’s order covers 14 Sentinel radars.\n";
    std::fs::write(d.join("articles/dash.md"), text).unwrap();
    let o = run(d, &["--format", "sarif", "articles/dash.md"]);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    let region = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    let chars: Vec<char> = text.chars().collect();
    let at = region["charOffset"].as_u64().unwrap() as usize;
    let len = region["charLength"].as_u64().unwrap() as usize;
    assert_eq!(chars[at..at + len].iter().collect::<String>(), "14");
    assert_eq!(region["startColumn"].as_u64().unwrap() as usize, at + 1);
}

/// Item 5: KB locations are relative to the config's directory, wherever the run starts.
#[test]
fn kb_locations_are_relative_to_the_config() {
    let n = newsroom();
    let d = n.path();
    for dir in [d.to_path_buf(), d.join("articles")] {
        let o = run(
            &dir,
            &[
                "--format",
                "json",
                &d.join("articles/wrong.md").display().to_string(),
            ],
        );
        let v: Value = serde_json::from_str(&o.stdout).unwrap();
        assert_eq!(
            v["files"][0]["findings"][0]["kb_location"]["path"],
            "facts/kb.toml",
            "from {}",
            dir.display()
        );
    }
}

/// Item 6: writing a baseline exits 0 and says how many findings it recorded.
#[test]
fn writing_a_baseline_exits_0_and_says_how_many() {
    let n = newsroom();
    let d = n.path();
    let o = run(d, &["--write-baseline", "b.json", "articles/"]);
    assert_eq!(o.code, 0);
    assert_eq!(o.stdout, "", "the findings are recorded, not printed");
    assert!(
        o.stderr
            .starts_with("recorded 5 findings from 2 files in b.json"),
        "{}",
        o.stderr
    );
}

/// Item 7: an unrelated ./rules/ is passed over with a note; `builtin` extends a KB.
#[test]
fn kb_discovery_order_and_builtin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("rules/styles")).unwrap();
    std::fs::write(
        d.join("rules/vale.toml"),
        "StylesPath = \"styles\"\nMinAlertLevel = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(
        d.join("a.md"),
        "Kosovo will receive 264 Javelin missiles.\n",
    )
    .unwrap();
    let o = run(d, &["--format", "json", "a.md"]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert_eq!(
        findings(&o.stdout),
        [("count-mismatch".to_string(), "264".to_string())]
    );
    assert_eq!(
        o.stderr
            .lines()
            .filter(|l| l.starts_with("note: ./rules/ is not a factcheck KB"))
            .count(),
        1,
        "{}",
        o.stderr
    );
    // A ./rules/ with KB files is used (and then Kosovo is unknown to it).
    std::fs::copy(
        fixture("tests/fixtures/check/kb.toml"),
        d.join("rules/kb.toml"),
    )
    .unwrap();
    let o = run(d, &["--format", "json", "a.md"]);
    assert_eq!((o.code, findings(&o.stdout)), (0, vec![]), "{}", o.stderr);
    assert!(
        o.stderr
            .contains("note: passed over rules/vale.toml in ./rules/"),
        "{}",
        o.stderr
    );
    // builtin + a newsroom KB: both are in use.
    std::fs::write(d.join("b.md"), "Freedonia ordered 14 Sentinel radars.\n").unwrap();
    let o = run(
        d,
        &[
            "--kb",
            "builtin",
            "--kb",
            "rules/kb.toml",
            "--format",
            "json",
            "a.md",
            "b.md",
        ],
    );
    assert_eq!(
        findings(&o.stdout),
        [
            ("count-mismatch".to_string(), "264".to_string()),
            ("count-mismatch".to_string(), "14".to_string())
        ]
    );
    std::fs::write(
        d.join("factcheck.toml"),
        "kb = [\"builtin\", \"rules/kb.toml\"]\n",
    )
    .unwrap();
    let o = run(d, &["--format", "json", "a.md", "b.md"]);
    assert_eq!(findings(&o.stdout).len(), 2, "{}", o.stderr);
    let o = run(d, &["--list-files", "a.md"]);
    assert!(
        o.stderr
            .contains("kb: builtin + rules/kb.toml (factcheck.toml)"),
        "{}",
        o.stderr
    );
}

/// Item 8: the closing line says how many claims were read and how many checked.
#[test]
fn the_summary_line_does_not_overstate() {
    let n = newsroom();
    let o = run(n.path(), &["articles/clean.md"]);
    let last = o.stdout.lines().last().unwrap();
    assert_eq!(
        last,
        "ok: 7 claims read in 1 file, 6 checked against the KB; 0 errors, 0 warnings, 0 advice"
    );
}

/// Item 9: config errors name the config file, codes are explained, near names suggested.
#[test]
fn config_errors_name_the_file_and_suggest() {
    let n = newsroom();
    let d = n.path();
    std::fs::write(
        d.join("factcheck.toml"),
        "kb = [\"facts\"]\nfial-on = \"error\"\n[severity]\ncount-mismatchh = \"off\"\n",
    )
    .unwrap();
    let o = run(d, &["articles/"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("did you mean `fail-on`?"), "{}", o.stderr);
    assert!(
        o.stderr
            .contains("factcheck.toml has 1 problem; nothing was checked"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("knowledge base"), "{}", o.stderr);
    std::fs::write(
        d.join("factcheck.toml"),
        "[severity]\ncount-mismatchh = \"off\"\n",
    )
    .unwrap();
    let o = run(d, &["articles/"]);
    assert!(
        o.stderr.contains("did you mean `count-mismatch`?"),
        "{}",
        o.stderr
    );
    for code in [
        "config::invalid",
        "factcheck::config::unreadable",
        "input::not-found",
        "kb::syntax",
        "unused-suppression",
    ] {
        let o = run(d, &["explain", code]);
        assert_eq!(o.code, 0, "explain {code}: {}", o.stderr);
    }
    let o = run(d, &["explain", "config::invalidd"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("did you mean `factcheck::config::invalid`?"),
        "{}",
        o.stderr
    );
}

/// Item 10: include/exclude, named files, --force-exclude, --list-files.
#[test]
fn which_files_are_checked() {
    let n = newsroom();
    let d = n.path();
    std::fs::create_dir_all(d.join("md")).unwrap();
    std::fs::write(d.join("md/x.md"), "Nothing here.\n").unwrap();
    std::fs::write(
        d.join("factcheck.toml"),
        "kb = [\"facts\"]\ninclude = [\"articles/**/*.md\"]\nexclude = [\"articles/wrong.md\"]\n",
    )
    .unwrap();
    let o = run(d, &["md/"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains("md/ holds 1 article, but none of them matches `include` in the config"),
        "{}",
        o.stderr
    );
    // The globs are relative to the config's directory, wherever the run starts.
    let o = run(&d.join("articles"), &["--list-files", "."]);
    assert_eq!(o.stdout.trim(), "./clean.md", "{}", o.stderr);
    assert!(
        o.stderr.contains("kb: facts (factcheck.toml)"),
        "{}",
        o.stderr
    );
    // A file named on the command line is checked, unless --force-exclude.
    let o = run(
        d,
        &["--list-files", "articles/wrong.md", "articles/clean.md"],
    );
    assert_eq!(o.stdout, "articles/wrong.md\narticles/clean.md\n");
    let o = run(
        d,
        &[
            "--list-files",
            "--force-exclude",
            "articles/wrong.md",
            "articles/clean.md",
        ],
    );
    assert_eq!(o.stdout, "articles/clean.md\n");
    assert!(
        o.stderr
            .contains("note: articles/wrong.md is excluded by `exclude`"),
        "{}",
        o.stderr
    );
    let o = run(
        d,
        &["--force-exclude", "--format", "json", "articles/wrong.md"],
    );
    assert_eq!(
        o.code, 0,
        "nothing left to check is not a failure: {}",
        o.stderr
    );
}

/// Item 11: piped input is read when no path is given; --stdin-filename names it.
#[test]
fn standard_input_is_read_when_piped() {
    let n = newsroom();
    let d = n.path();
    let text = std::fs::read_to_string(d.join("articles/wrong.md")).unwrap();
    let o = factcheck(
        d,
        &[
            "--format",
            "concise",
            "--stdin-filename",
            "articles/piped.md",
        ],
        &[],
        Some(&text),
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stdout
            .starts_with("articles/piped.md:6:23: error[count-mismatch] "),
        "{}",
        o.stdout
    );
    let o = factcheck(
        d,
        &[
            "--force-exclude",
            "--stdin-filename",
            "articles/piped.md",
            "--format",
            "json",
        ],
        &[],
        Some(&text),
    );
    assert_eq!(o.code, 1, "not excluded: {}", o.stderr);
    std::fs::write(
        d.join("factcheck.toml"),
        "kb = [\"facts\"]\nexclude = [\"articles/piped.md\"]\n",
    )
    .unwrap();
    let o = factcheck(
        d,
        &["--force-exclude", "--stdin-filename", "articles/piped.md"],
        &[],
        Some(&text),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("articles/piped.md (standard input) is excluded"),
        "{}",
        o.stderr
    );
    // Given nothing (standard input is /dev/null, not a pipe), it is still a usage error.
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("factcheck"))
        .current_dir(d)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no article given"));
}

/// Item 12: no wrapping when standard output is not a terminal and COLUMNS is unset.
#[test]
fn no_wrapping_in_ci_logs() {
    let n = newsroom();
    let d = n.path();
    let long = format!(
        "{}/articles/wrong.md",
        "a-very-long-directory-name".repeat(4)
    );
    std::fs::create_dir_all(d.join(Path::new(&long).parent().unwrap())).unwrap();
    std::fs::copy(d.join("articles/wrong.md"), d.join(&long)).unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("factcheck").unwrap();
    let o = cmd
        .current_dir(d)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .arg(&long)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.lines().any(|l| l.contains(&long) && l.contains("┆ 6 ")),
        "the table's row holds the whole path: {out}"
    );
    assert!(out.lines().any(|l| l.len() > 120), "{out}");
}

/// Item 13: concise, JUnit and GitLab Code Quality formats.
#[test]
fn concise_junit_and_gitlab_formats() {
    let n = newsroom();
    let d = n.path();
    let o = run(d, &["--format", "concise", "articles/"]);
    assert_eq!(o.code, 1);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", o.stdout);
    assert_eq!(
        lines[0],
        "articles/wrong.md:6:23: error[count-mismatch] article says 14 Sentinel radar systems; the knowledge base says 12"
    );
    let o = run(d, &["--format", "junit", "articles/"]);
    assert_eq!(o.code, 1);
    let x = &o.stdout;
    assert!(
        x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"),
        "{x}"
    );
    assert!(x.trim_end().ends_with("</testsuites>"));
    assert_eq!(x.matches("<testsuite ").count(), 2);
    assert_eq!(x.matches("<failure ").count(), 5);
    assert!(
        x.contains("<testsuite name=\"articles/clean.md\" tests=\"1\" failures=\"0\""),
        "{x}"
    );
    assert_eq!(x.matches('<').count(), x.matches('>').count(), "balanced");
    let o = run(d, &["--format", "gitlab", "articles/"]);
    assert_eq!(o.code, 1);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 5);
    let i = &issues[0];
    assert_eq!(i["check_name"], "factcheck::count-mismatch");
    assert_eq!(i["severity"], "critical");
    assert_eq!(i["location"]["path"], "articles/wrong.md");
    assert_eq!(i["location"]["lines"]["begin"], 6);
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), 5, "fingerprints are unique");
    // Clean: an empty array.
    let o = run(d, &["--format", "gitlab", "articles/clean.md"]);
    assert_eq!((o.code, o.stdout.trim()), (0, "[]"));
}

/// Item 16: the README's install lines and the pre-commit example name real things.
#[test]
fn install_instructions_name_the_crate_version() {
    let readme = std::fs::read_to_string(fixture("README.md")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(!readme.contains("OWNER"), "no placeholder owners");
    assert!(readme.contains("cargo install --locked --path ."));
    assert!(
        readme.contains(&format!("rev: v{version}")),
        "the pre-commit example names v{version}"
    );
    let release = std::fs::read_to_string(fixture(".github/workflows/release.yml")).unwrap();
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            release.contains(target),
            "the release workflow builds {target}"
        );
    }
    let hooks = std::fs::read_to_string(fixture(".pre-commit-hooks.yaml")).unwrap();
    assert!(
        hooks.contains("--force-exclude"),
        "pre-commit passes names; exclude must hold"
    );
}

/// `-o /dev/null` (and a baseline written there) writes to the device; it never renames a
/// file over it.
#[cfg(unix)]
#[test]
fn a_report_to_a_device_leaves_the_device() {
    let n = newsroom();
    let d = n.path();
    for args in [
        &["-o", "/dev/null", "articles/"][..],
        &["--format", "sarif", "-o", "/dev/null", "articles/"],
        &["--write-baseline", "/dev/null", "articles/"],
    ] {
        let o = run(d, args);
        assert!(o.code <= 1, "{args:?}: {}", o.stderr);
        let m = std::fs::metadata("/dev/null").unwrap();
        assert!(!m.is_file(), "{args:?} replaced /dev/null with a file");
    }
}

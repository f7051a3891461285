//! Newsroom integration: SARIF and HTML output, factcheck.toml, suppression comments,
//! baselines, parallel checking of many files, completions and man page.

mod common;

use common::{Out, factcheck, findings};
use serde_json::Value;
use std::path::{Path, PathBuf};

const KB: &str = "tests/fixtures/check/kb.toml";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Out {
    factcheck(dir, args, env, None)
}

fn run(args: &[&str]) -> Out {
    run_in(&root(), args, &[])
}

fn codes(json: &str) -> Vec<String> {
    findings(json).into_iter().map(|(code, _)| code).collect()
}

fn kb_abs() -> String {
    root().join(KB).display().to_string()
}

#[test]
fn sarif_is_valid_2_1_0() {
    let o = run(&[
        "--kb",
        KB,
        "--format",
        "sarif",
        "tests/fixtures/check/articles/wrong.md",
    ]);
    assert_eq!(o.code, 1);
    let sarif: serde_sarif::sarif::Sarif =
        serde_json::from_str(&o.stdout).expect("SARIF 2.1.0 types");
    let v: Value = serde_json::to_value(&sarif).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        factcheck::codes::CODES.len(),
        "metadata for every code"
    );
    assert!(
        rules
            .iter()
            .all(|r| r["help"]["text"].as_str().is_some_and(|t| !t.is_empty()))
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    let first = &results[0];
    assert_eq!(first["ruleId"], "factcheck::count-mismatch");
    assert_eq!(first["level"], "error");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_i64(), region["startColumn"].as_i64()),
        (Some(6), Some(23))
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/fixtures/check/articles/wrong.md"
    );
    let kb_loc = &first["relatedLocations"][0]["physicalLocation"];
    assert_eq!(kb_loc["artifactLocation"]["uri"], KB);
    assert_eq!(kb_loc["region"]["startLine"], 35);
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rule_index = first["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[rule_index]["id"], "factcheck::count-mismatch");
}

#[test]
fn sarif_and_html_report_inputs_that_could_not_be_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/check/articles/wrong.md"),
        dir.path().join("wrong.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), b"\x00\x01binary").unwrap();
    let kb = kb_abs();
    let args = |format| {
        [
            "--kb",
            &kb,
            "--format",
            format,
            "missing.md",
            "b.txt",
            "wrong.md",
        ]
    };
    let o = run_in(dir.path(), &args("sarif"), &[]);
    assert_eq!(o.code, 2, "an unreadable input makes the run exit 2");
    let sarif: serde_sarif::sarif::Sarif = serde_json::from_str(&o.stdout).expect("SARIF 2.1.0");
    let v: Value = serde_json::to_value(&sarif).unwrap();
    let run = &v["runs"][0];
    assert_eq!(
        run["results"].as_array().unwrap().len(),
        5,
        "the readable file's"
    );
    let inv = &run["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes: Vec<(&str, &str)> = inv["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let at = &n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
            (
                n["descriptor"]["id"].as_str().unwrap(),
                at.as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            ("factcheck::input::not-found", "missing.md"),
            ("factcheck::input::binary", "b.txt")
        ]
    );

    let o = run_in(dir.path(), &args("html"), &[]);
    assert_eq!(o.code, 2);
    let unreadable: Vec<&str> = o
        .stdout
        .lines()
        .filter(|l| l.starts_with("<tr class=\"unreadable\">"))
        .collect();
    assert_eq!(unreadable.len(), 2, "{unreadable:?}");
    assert!(unreadable[0].contains("<td>missing.md</td>") && unreadable[0].contains("cannot read"));
    assert!(unreadable[1].contains("<td>b.txt</td>") && unreadable[1].contains("binary"));
    // The readable file keeps its place among the inputs in its anchors.
    assert!(o.stdout.contains("<a href=\"#file-2\">wrong.md</a>"));
    assert!(o.stdout.contains("<section class=\"file\" id=\"file-2\">"));

    // All readable: a successful run, no notification.
    let o = run_in(
        dir.path(),
        &["--kb", &kb, "--format", "sarif", "wrong.md"],
        &[],
    );
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true);
    assert_eq!(inv["toolExecutionNotifications"], serde_json::json!([]));
}

#[test]
fn config_discovery_and_precedence() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(news.join("drafts")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/check/articles/wrong.md"),
        news.join("wrong.md"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/check/articles/wrong.md"),
        news.join("drafts/w.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("factcheck.toml"),
        format!("kb = [{:?}]\nformat = \"json\"\nfail-on = \"never\"\nexclude = [\"**/drafts/**\"]\n[severity]\npercent-mismatch = \"off\"\ndate-mismatch = \"warning\"\n", kb_abs()),
    )
    .unwrap();
    // Found from a subdirectory: JSON, never fails, drafts excluded, severities applied.
    let o = run_in(&news, &["."], &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        v["files"].as_array().unwrap().len(),
        1,
        "drafts/ is excluded"
    );
    assert_eq!(
        codes(&o.stdout),
        [
            "count-mismatch",
            "amount-mismatch",
            "date-mismatch",
            "date-mismatch"
        ]
    );
    assert_eq!(v["summary"]["warnings"], 2);
    // Flags win over the file.
    let o = run_in(&news, &["--fail-on", "error", "wrong.md"], &[]);
    assert_eq!(o.code, 1);
    // --isolated ignores it (then no KB is given: the built-in one, which knows no Freedonia).
    let o = run_in(&news, &["--isolated", "--format", "json", "wrong.md"], &[]);
    assert_eq!((o.code, codes(&o.stdout)), (0, Vec::<String>::new()));
    // --config names one explicitly.
    let other = dir.path().join("other.toml");
    std::fs::write(
        &other,
        format!("kb = [{:?}]\nformat = \"github\"\n", kb_abs()),
    )
    .unwrap();
    let o = run_in(
        &news,
        &["--config", other.to_str().unwrap(), "wrong.md"],
        &[],
    );
    assert_eq!(o.code, 1);
    assert!(
        o.stdout.starts_with("::error file=wrong.md"),
        "{}",
        o.stdout
    );
    // --dump-config shows the effective settings.
    let o = run_in(&news, &["--dump-config", "--fail-on", "warning"], &[]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("fail-on = \"warning\""), "{}", o.stdout);
    assert!(o.stdout.contains("format = \"json\""), "{}", o.stdout);
    assert!(
        o.stdout
            .contains("\"factcheck::percent-mismatch\" = \"off\""),
        "{}",
        o.stdout
    );
}

#[test]
fn config_unknown_key_is_an_error_with_its_span() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("factcheck.toml"),
        "format = \"json\"\nfail_on = \"never\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.md"), "Nothing here.\n").unwrap();
    let o = run_in(dir.path(), &["a.md"], &[]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("factcheck::config::invalid"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("unknown field `fail_on`"), "{}", o.stderr);
    assert!(o.stderr.contains("factcheck.toml:2:1"), "{}", o.stderr);
}

#[test]
fn suppression_comments() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("a.md");
    std::fs::write(
        &md,
        "Freedonia ordered 14 Sentinel radars.\n\n<!-- factcheck-ignore -->\nThe €350 million Sentinel contract was signed by Freedonia.\n\n\
         <!-- factcheck-ignore amount-mismatch -->\nFreedonia's Sentinel order covers 15 radars, worth €360 million.\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["--kb", &kb_abs(), "--format", "json", "a.md"],
        &[],
    );
    // The second sentence is silent; the third keeps its count mismatch and the
    // inconsistencies with earlier mentions, only its amount mismatch is suppressed.
    assert_eq!(
        codes(&o.stdout),
        [
            "count-mismatch",
            "count-mismatch",
            "inconsistent-claims",
            "inconsistent-claims"
        ],
        "one directive for all, one for a code"
    );
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["suppressed"], 2);
    assert_eq!(v["summary"]["suppressed"], 2);
    // Plain text form.
    let txt = dir.path().join("b.txt");
    std::fs::write(&txt, "Freedonia ordered 14 Sentinel radars.\n[factcheck-ignore count-mismatch]\nFreedonia will get 16 Sentinel radars.\n").unwrap();
    let o = run_in(
        dir.path(),
        &["--kb", &kb_abs(), "--format", "json", "b.txt"],
        &[],
    );
    assert_eq!(codes(&o.stdout), ["count-mismatch", "inconsistent-claims"]);
    // A directive that suppresses nothing is advice on the directive itself: one whose
    // sentence agrees, one naming a code its sentence does not raise.
    let c = dir.path().join("c.md");
    std::fs::write(
        &c,
        "<!-- factcheck-ignore -->\nFreedonia ordered 12 Sentinel radars.\n\n\
         <!-- factcheck-ignore date-mismatch -->\nFreedonia will get 14 Sentinel radars.\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["--kb", &kb_abs(), "--format", "json", "c.md"],
        &[],
    );
    assert_eq!(
        findings(&o.stdout),
        [
            (
                "unused-suppression".to_string(),
                "<!-- factcheck-ignore -->".to_string()
            ),
            (
                "unused-suppression".to_string(),
                "<!-- factcheck-ignore date-mismatch -->".to_string()
            ),
            ("count-mismatch".to_string(), "14".to_string()),
            ("inconsistent-claims".to_string(), "14".to_string()),
        ]
    );
    assert_eq!(o.code, 1);
    // The human summary counts them.
    let o = run_in(dir.path(), &["--kb", &kb_abs(), "a.md"], &[]);
    assert!(o.stdout.contains("2 suppressed"), "{}", o.stdout);
}

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.md");
    let original =
        "Freedonia ordered 14 Sentinel radars.\n\nThe parliament approved the Sentinel order.\n";
    std::fs::write(&a, original).unwrap();
    let kb = kb_abs();
    let o = run_in(
        dir.path(),
        &[
            "--kb",
            &kb,
            "--write-baseline",
            "base.json",
            "--format",
            "json",
            "a.md",
        ],
        &[],
    );
    assert_eq!(
        (o.code, o.stdout.as_str()),
        (0, ""),
        "writing a baseline records the findings and succeeds"
    );
    let base: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    assert_eq!(base["findings"].as_array().unwrap().len(), 1);
    let with_baseline = || {
        let args = [
            "--kb",
            &kb,
            "--baseline",
            "base.json",
            "--format",
            "json",
            "a.md",
        ];
        run_in(dir.path(), &args, &[])
    };
    // With the baseline: clean.
    let o = with_baseline();
    assert_eq!((o.code, codes(&o.stdout)), (0, Vec::<String>::new()));
    // Edit elsewhere in the article (lines move): still suppressed.
    std::fs::write(&a, format!("# A new headline\n\nA new first paragraph about the weather.\n\n{original}\nAnd a new ending.\n")).unwrap();
    let o = with_baseline();
    assert_eq!((o.code, codes(&o.stdout)), (0, Vec::<String>::new()));
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["files"][0]["suppressed"], 1);
    // Change the flagged figure: it comes back.
    std::fs::write(&a, original.replace("14", "15")).unwrap();
    let o = with_baseline();
    assert_eq!(
        (o.code, codes(&o.stdout)),
        (1, vec!["count-mismatch".to_string()])
    );
    // A missing baseline is a usage error.
    assert_eq!(
        run_in(
            dir.path(),
            &["--kb", &kb, "--baseline", "nope.json", "a.md"],
            &[]
        )
        .code,
        2
    );
}

#[test]
fn many_files_in_parallel_match_a_serial_run() {
    let dir = tempfile::tempdir().unwrap();
    let sources: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/check/articles"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for i in 0..1000 {
        let sub = dir.path().join(format!("desk{}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("story{i:04}.md")),
            &sources[i % sources.len()],
        )
        .unwrap();
    }
    let args = ["--kb", &kb_abs(), "--format", "json", "."];
    let parallel = run_in(dir.path(), &args, &[]);
    let serial = run_in(dir.path(), &args, &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(parallel.code, 1);
    let v: Value = serde_json::from_str(&parallel.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1000);
    assert!(
        parallel.stdout == serial.stdout,
        "parallel and serial output differ"
    );
    let human_p = run_in(dir.path(), &["--kb", &kb_abs(), "-q", "."], &[]);
    let human_s = run_in(
        dir.path(),
        &["--kb", &kb_abs(), "-q", "."],
        &[("RAYON_NUM_THREADS", "1")],
    );
    assert!(human_p.stdout == human_s.stdout);
}

#[test]
fn gitignored_articles_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "private/\n").unwrap();
    std::fs::create_dir_all(dir.path().join("private")).unwrap();
    std::fs::write(
        dir.path().join("private/a.md"),
        "Freedonia ordered 14 Sentinel radars.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "Freedonia ordered 12 Sentinel radars.\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["--kb", &kb_abs(), "--format", "json", "."],
        &[],
    );
    let v: Value = serde_json::from_str(&o.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["./b.md"]);
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run(&["generate", "completions", shell]);
        assert_eq!(o.code, 0, "{shell}");
        assert!(o.stdout.contains("factcheck"), "{shell}");
        assert!(o.stdout.contains("fail-on"), "{shell}: flags are completed");
    }
    let o = run(&["generate", "man"]);
    assert_eq!(o.code, 0);
    assert!(
        o.stdout.starts_with(".ie") || o.stdout.contains(".TH factcheck"),
        "{}",
        &o.stdout[..200.min(o.stdout.len())]
    );
}

/// The HTML page in a real browser (headless Chromium, when installed: `.ci/run` installs it).
#[test]
fn html_page_in_a_browser() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!("skipped: no chromium on this machine (.ci/run installs Debian's chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.md");
    std::fs::write(
        &article,
        "Freedonia ordered 14 Sentinel radars for €350 million.\n\n<script>document.title = 'pwned'; document.body.innerHTML = '';</script>\n\n\
         The parliament approved the order & <b>more</b>.\n",
    )
    .unwrap();
    let page = dir.path().join("report.html");
    let json = run_in(
        dir.path(),
        &["--kb", &kb_abs(), "--format", "json", "a.md"],
        &[],
    );
    let o = run_in(
        dir.path(),
        &[
            "--kb",
            &kb_abs(),
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
            "a.md",
        ],
        &[],
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("<script"),
        "the page has no scripts of its own, and the article's is escaped"
    );
    assert!(
        !html.contains("http://") && !html.contains("src="),
        "no external assets"
    );
    let profile = tempfile::tempdir().unwrap();
    let dump = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dump.stdout).into_owned();
    assert!(
        dom.contains("<title>factcheck report</title>"),
        "the article's script did not run: {dom}"
    );
    assert!(
        dom.contains("&lt;script&gt;document.title"),
        "the script is shown as text"
    );
    // The verdict and totals come first, with the KB and tool version; severity is a word
    // and an icon, not colour alone; places are words; no Markdown backticks in the text.
    let verdict = dom.find("id=\"verdict\"").expect("a verdict");
    assert!(
        verdict < dom.find("id=\"summary\"").unwrap(),
        "verdict above the table"
    );
    assert!(
        dom.contains(">FAIL: 2 errors, 0 warnings, 0 advice</p>"),
        "{dom}"
    );
    assert!(dom.contains("Knowledge base: "), "names the KB");
    assert!(dom.contains(&format!("Tool: factcheck {}.", env!("CARGO_PKG_VERSION"))));
    assert!(dom.contains("Article date: "), "says the article's date");
    assert!(dom.contains("<span aria-hidden=\"true\">✖</span> error</span>"));
    assert!(dom.contains(">line 1, column 19</a>"), "{dom}");
    let visible: String = {
        let mut t = String::new();
        let mut in_tag = false;
        for c in dom.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => t.push(c),
                _ => {}
            }
        }
        t
    };
    let body = &visible[visible.find("factcheck report").unwrap()..];
    assert!(
        !body.contains('`'),
        "no backticks in the page's text: {body}"
    );
    // Findings list and highlighted spans match the JSON findings.
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let items: Vec<&str> = dom
        .match_indices("<li class=\"")
        .map(|(i, _)| &dom[i..])
        .collect();
    assert_eq!(items.len(), findings.len(), "one list item per finding");
    for (k, f) in findings.iter().enumerate() {
        let code = f["code"].as_str().unwrap();
        let text = f["text"].as_str().unwrap();
        let li = format!(
            "id=\"finding-0-{k}\" data-code=\"{code}\" data-text=\"{}\"",
            text.replace('&', "&amp;")
        );
        assert!(dom.contains(&li), "list item for {code} {text}");
        let mark = format!("data-findings=\"finding-0-{k}\"");
        let at = dom
            .find(&mark)
            .unwrap_or_else(|| panic!("no highlighted span for {code}"));
        let inner = &dom[at..];
        let inner = &inner[inner.find('>').unwrap() + 1..inner.find("</mark>").unwrap()];
        assert_eq!(
            inner.replace("&amp;", "&"),
            text,
            "the highlight covers the flagged text"
        );
        let sev = f["severity"].as_str().unwrap();
        let open = &dom[..at];
        assert!(
            open.ends_with(&format!("<mark class=\"{sev}\" ")),
            "highlighted as {sev}"
        );
    }
}

//! The corpus written blind (`tests/blind/`, see its README): the checker must raise no
//! error or warning that its manifest does not list, on correct and wrong articles alike,
//! and catch at least 90% of the planted errors (the misses are printed).

use serde::Deserialize;
use serde_json::Value;
use std::path::Path;

#[derive(Deserialize)]
struct Manifest {
    article: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    file: String,
    date: toml::value::Datetime,
    #[serde(default)]
    error: Vec<Planted>,
}

#[derive(Deserialize)]
struct Planted {
    line: u64,
    text: String,
    code: String,
}

/// Byte span of `needle` on 1-based `line` of `text`.
fn span_on_line(text: &str, line: u64, needle: &str) -> Option<(u64, u64)> {
    let start: usize = text
        .split('\n')
        .take(line as usize - 1)
        .map(|l| l.len() + 1)
        .sum();
    let l = text[start..].split('\n').next()?;
    let i = l.find(needle)?;
    Some(((start + i) as u64, (start + i + needle.len()) as u64))
}

/// What the checker does on blind sets `sets`.
struct Score {
    /// Correct articles (no planted error) read.
    correct: usize,
    /// Correct articles with an error or warning.
    correct_flagged: usize,
    planted: usize,
    /// `set/file:line code text` of each planted error not reported.
    missed: Vec<String>,
    /// `set/file:line code message` of each alarm no plant explains.
    unexpected: Vec<String>,
}

fn score(sets: &[&str]) -> Score {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut unexpected = Vec::new();
    let mut missed = Vec::new();
    let (mut planted, mut correct, mut correct_flagged) = (0, 0, 0);
    for set in sets {
        let base = root.join("tests/blind").join(set);
        let man: Manifest =
            toml::from_str(&std::fs::read_to_string(base.join("expected.toml")).unwrap())
                .expect("manifest");
        for art in &man.article {
            let path = base.join(&art.file);
            let text = std::fs::read_to_string(&path).unwrap();
            let out = assert_cmd::Command::cargo_bin("factcheck")
                .unwrap()
                .current_dir(root)
                .args(["--format", "json", "--fail-on", "never", "--date"])
                .arg(art.date.to_string())
                .arg(&path)
                .output()
                .unwrap();
            let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
            let alarms: Vec<&Value> = v["files"][0]["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["severity"] != "advice")
                .collect();
            let mut used = vec![false; alarms.len()];
            for p in &art.error {
                planted += 1;
                let sp = span_on_line(&text, p.line, &p.text);
                let hit = alarms.iter().enumerate().position(|(i, f)| {
                    !used[i]
                        && f["code"] == p.code.as_str()
                        && f["span"]["line"] == p.line
                        && sp.is_none_or(|(a, b)| {
                            f["span"]["end"].as_u64() > Some(a)
                                && f["span"]["start"].as_u64() < Some(b)
                        })
                });
                match hit {
                    Some(i) => used[i] = true,
                    None => missed.push(format!(
                        "{set}/{}:{} {} {:?}",
                        art.file, p.line, p.code, p.text
                    )),
                }
            }
            correct += usize::from(art.error.is_empty());
            correct_flagged += usize::from(art.error.is_empty() && !alarms.is_empty());
            for (f, u) in alarms.iter().zip(&used) {
                if !u {
                    unexpected.push(format!(
                        "{set}/{}:{} {} {}",
                        art.file, f["span"]["line"], f["code"], f["message"]
                    ));
                }
            }
        }
    }
    Score {
        correct,
        correct_flagged,
        planted,
        missed,
        unexpected,
    }
}

#[test]
fn blind_corpus_has_no_unlisted_alarm_and_catches_the_plants() {
    let Score {
        correct,
        planted,
        missed,
        unexpected,
        ..
    } = score(&["set-a", "set-b"]);
    assert_eq!(correct, 32);
    assert!(
        unexpected.is_empty(),
        "alarms the manifest does not list:\n{}",
        unexpected.join("\n")
    );
    let recall = 1.0 - missed.len() as f64 / planted as f64;
    eprintln!(
        "blind corpus: recall {recall:.2}; missed:\n{}",
        missed.join("\n")
    );
    assert!(
        recall >= 0.90,
        "recall {recall:.2} < 0.90; missed:\n{}",
        missed.join("\n")
    );
}

/// Alarms on sets C and D that no plant explains, known and not yet fixed, each a class:
/// a total of several arms agreements, and aid of another year.
const KNOWN_C_D: &[&str] = &[
    "set-c/wrong/03-gulf-arms-editorial.md:17 \"factcheck::ambiguous-claim\"",
    "set-d/wrong/07-aid-package-day-after-live-blog.md:19 \"factcheck::amount-mismatch\"",
];

/// Sets C and D, frozen before the checker was changed for them, kept as a regression
/// corpus: no correct article flagged, no alarm beyond the known ones, recall no lower than
/// reached (0.92 now; 0.78 when this test was written; the first score was 0.71).
#[test]
fn blind_sets_c_and_d_hold_their_score() {
    let s = score(&["set-c", "set-d"]);
    assert_eq!(s.correct, 24);
    assert_eq!(s.correct_flagged, 0, "{}", s.unexpected.join("\n"));
    let new: Vec<&String> = s
        .unexpected
        .iter()
        .filter(|u| !KNOWN_C_D.iter().any(|k| u.starts_with(k)))
        .collect();
    assert!(new.is_empty(), "alarms no plant explains: {new:#?}");
    let recall = 1.0 - s.missed.len() as f64 / s.planted as f64;
    eprintln!(
        "sets C and D: recall {recall:.2}; missed:\n{}",
        s.missed.join("\n")
    );
    assert!(
        recall >= 0.90,
        "recall {recall:.2} < 0.90; missed:\n{}",
        s.missed.join("\n")
    );
}

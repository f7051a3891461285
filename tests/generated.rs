//! The benchmark corpus generator's articles, written from a generated KB with one planted
//! mismatch in every tenth: factcheck must report exactly the plants (no false alarm, no
//! miss), on a small corpus of each of two seeds.

mod common;

#[path = "../benches/common/mod.rs"]
#[allow(unused)]
mod bench;

use bench::corpus;
use serde_json::Value;

fn run(seed: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let deals = corpus::deals(300, seed);
    std::fs::create_dir(dir.path().join("kb")).unwrap();
    for (name, text) in corpus::kb(&deals, 100) {
        std::fs::write(dir.path().join("kb").join(name), text).unwrap();
    }
    let arts = corpus::articles(&deals, 300_000, seed, 10);
    let mut planted = Vec::new();
    for (rel, text, plant) in &arts {
        let p = dir.path().join("articles").join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        if let Some(pl) = plant {
            planted.push((format!("articles/{rel}"), pl.clone()));
        }
    }
    assert!(planted.len() >= 10, "too few plants: {}", planted.len());

    let out = common::factcheck(
        dir.path(),
        &["--kb", "kb", "--format", "json", "articles"],
        &[],
        None,
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON report");
    let mut reported = Vec::new();
    for f in v["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap().to_string();
        for x in f["findings"].as_array().unwrap() {
            if matches!(x["severity"].as_str(), Some("error" | "warning")) {
                reported.push((
                    path.clone(),
                    x["code"].as_str().unwrap().to_string(),
                    x["span"]["start"].as_u64().unwrap() as usize,
                    x["span"]["end"].as_u64().unwrap() as usize,
                ));
            }
        }
    }
    for (path, pl) in &planted {
        assert!(
            reported
                .iter()
                .any(|r| &r.0 == path && r.1 == pl.code && r.2 <= pl.offset && pl.offset < r.3),
            "missed {path}: {} at {} ({})",
            pl.code,
            pl.offset,
            pl.text
        );
    }
    for r in &reported {
        assert!(
            planted
                .iter()
                .any(|(p, pl)| p == &r.0 && pl.code == r.1 && r.2 <= pl.offset && pl.offset < r.3),
            "false alarm {r:?}"
        );
    }
}

#[test]
fn generated_corpus_findings_are_exactly_the_plants() {
    run(1);
    run(2);
}

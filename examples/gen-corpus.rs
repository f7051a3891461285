//! Generates the benchmark corpus (a KB of made-up sales and articles written from it, some
//! with a planted mismatch) and scores factcheck's JSON findings against the plants.
//!
//!     cargo run --release --example gen-corpus -- generate --out DIR --records 1000 --mb 20
//!     factcheck --kb DIR/kb --format json DIR/articles > findings.json
//!     cargo run --release --example gen-corpus -- score DIR findings.json
//!
//! `generate` writes DIR/kb/*.toml, DIR/articles/NNN/NNNNNN.md and DIR/planted.tsv
//! (path, code, byte offset, text). `score` prints precision and recall of the errors and
//! warnings against the plants, and exits 1 unless both are 1.

#[path = "../benches/common/mod.rs"]
mod common;

use clap::{Parser, Subcommand};
use common::corpus;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Writes a KB and articles.
    Generate {
        #[arg(long)]
        out: PathBuf,
        /// Records in the KB.
        #[arg(long, default_value_t = 1000)]
        records: usize,
        /// Megabytes of articles (0: none, a KB only).
        #[arg(long, default_value_t = 20.0)]
        mb: f64,
        /// Every Nth article carries one planted mismatch (0: none).
        #[arg(long, default_value_t = 10)]
        plant_every: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Scores a `factcheck --format json` report against DIR/planted.tsv.
    Score { dir: PathBuf, findings: PathBuf },
}

fn main() -> ExitCode {
    match Cli::parse().cmd {
        Cmd::Generate {
            out,
            records,
            mb,
            plant_every,
            seed,
        } => match generate(&out, records, mb, plant_every, seed) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Cmd::Score { dir, findings } => match score(&dir, &findings) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
    }
}

fn generate(
    out: &Path,
    records: usize,
    mb: f64,
    plant_every: usize,
    seed: u64,
) -> Result<(), String> {
    if out.exists() {
        return Err(format!("{} exists; give a new directory", out.display()));
    }
    let io = |e: std::io::Error| e.to_string();
    let deals = corpus::deals(records.max(1), seed);
    std::fs::create_dir_all(out.join("kb")).map_err(io)?;
    for (name, text) in corpus::kb(&deals, 1000) {
        std::fs::write(out.join("kb").join(name), text).map_err(io)?;
    }
    let bytes = (mb * 1024.0 * 1024.0) as usize;
    let arts = corpus::articles(&deals, bytes, seed, plant_every);
    let mut planted = String::new();
    let mut total = 0;
    for (rel, text, plant) in &arts {
        let p = out.join("articles").join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&p, text).map_err(io)?;
        total += text.len();
        if let Some(pl) = plant {
            planted.push_str(&format!(
                "articles/{rel}\t{}\t{}\t{}\n",
                pl.code, pl.offset, pl.text
            ));
        }
    }
    std::fs::write(out.join("planted.tsv"), &planted).map_err(io)?;
    eprintln!(
        "wrote {} records, {} articles ({:.1} MB), {} planted mismatches to {}",
        deals.len(),
        arts.len(),
        total as f64 / 1048576.0,
        planted.lines().count(),
        out.display()
    );
    Ok(())
}

fn score(dir: &Path, findings: &Path) -> Result<bool, String> {
    let planted = std::fs::read_to_string(dir.join("planted.tsv")).map_err(|e| e.to_string())?;
    let report = std::fs::read_to_string(findings).map_err(|e| e.to_string())?;
    let report: serde_json::Value = serde_json::from_str(&report).map_err(|e| e.to_string())?;
    // (path relative to DIR, code, start, end)
    let mut found: Vec<(String, String, u64, u64)> = Vec::new();
    let dir_s = dir.to_string_lossy().trim_end_matches('/').to_string() + "/";
    for f in report["files"].as_array().into_iter().flatten() {
        let path = f["path"].as_str().unwrap_or_default();
        let rel = path.strip_prefix(&dir_s).unwrap_or(path).to_string();
        for x in f["findings"].as_array().into_iter().flatten() {
            if !matches!(x["severity"].as_str(), Some("error" | "warning")) {
                continue;
            }
            found.push((
                rel.clone(),
                x["code"].as_str().unwrap_or_default().to_string(),
                x["span"]["start"].as_u64().unwrap_or(0),
                x["span"]["end"].as_u64().unwrap_or(0),
            ));
        }
    }
    let mut used = vec![false; found.len()];
    let (mut hit, mut missed) = (0, Vec::new());
    for line in planted.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let [path, code, offset, text] = cols[..] else {
            return Err(format!("bad planted line: {line}"));
        };
        let offset: u64 = offset.parse().map_err(|_| format!("bad offset: {line}"))?;
        let m = found.iter().enumerate().position(|(k, f)| {
            !used[k] && f.0 == path && f.1 == code && f.2 <= offset && offset < f.3
        });
        match m {
            Some(k) => {
                used[k] = true;
                hit += 1;
            }
            None => missed.push(format!("{path}: {code} at {offset} ({text})")),
        }
    }
    let n_planted = planted.lines().count();
    let alarms: Vec<_> = found
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(f, _)| f)
        .collect();
    let precision = if found.is_empty() {
        1.0
    } else {
        hit as f64 / found.len() as f64
    };
    let recall = if n_planted == 0 {
        1.0
    } else {
        hit as f64 / n_planted as f64
    };
    println!(
        "planted {n_planted}, reported {} (errors+warnings), matched {hit}: precision {precision:.4}, recall {recall:.4}",
        found.len()
    );
    for m in missed.iter().take(10) {
        println!("  missed: {m}");
    }
    for a in alarms.iter().take(10) {
        println!("  unexpected: {}: {} at {}..{}", a.0, a.1, a.2, a.3);
    }
    Ok(missed.is_empty() && alarms.is_empty())
}

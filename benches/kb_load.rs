//! KB loading: generated KBs of 1,000, 5,000 and 10,000 records (each record: a buyer entity
//! of its own plus one of ~50 system entities, a source, 3 figures, 2 statuses), split over
//! ~100 files, loaded with `factcheck::kb::load_paths`.
//!
//!     CARGO_TARGET_DIR=/tmp/target-bench cargo bench --bench kb_load
//!
//! The 10,000-record KB is left on disk at /tmp/factcheck-bench-kb-10k (the path is printed)
//! so that peak memory can be measured separately:
//!
//!     CARGO_TARGET_DIR=/tmp/target-bench cargo build --release
//!     /usr/bin/time -v /tmp/target-bench/release/factcheck kb check /tmp/factcheck-bench-kb-10k

mod common;

use common::{Timing, generate_kb, ms, time, write_kb};
use factcheck::kb::{Kb, load_paths, load_sources};
use std::path::{Path, PathBuf};
use std::time::Duration;

const FILES: usize = 100;
const KEPT: &str = "factcheck-bench-kb-10k";

/// Loads `dir` and checks the KB is valid and complete.
fn load_valid(dir: &Path, records: usize) -> Kb {
    let kb = match load_paths(&[dir.to_path_buf()]) {
        Ok(kb) => kb,
        Err(problems) => {
            for p in problems.iter().take(5) {
                eprintln!("problem: {p:?}");
            }
            panic!(
                "generated KB at {} has {} problems",
                dir.display(),
                problems.len()
            );
        }
    };
    assert_eq!(kb.records.len(), records);
    assert_eq!(kb.sources.len(), records);
    assert_eq!(kb.entities.len(), records + common::SYSTEMS + 2);
    assert_eq!(kb.figure_count(), 3 * records);
    assert_eq!(kb.status_count(), 2 * records);
    kb
}

fn row(label: &str, records: usize, t: &Timing) {
    let per_rec_us = t.median.as_secs_f64() * 1e6 / records as f64;
    println!(
        "{label:<22} {records:>8} {:>5} {:>10.1} {:>10.1} {:>12.0} {:>9.1}",
        t.runs,
        ms(t.min),
        ms(t.median),
        records as f64 / t.median.as_secs_f64(),
        per_rec_us,
    );
}

fn main() {
    let sizes = [1_000usize, 5_000, 10_000];
    let mut kept_dir: Option<PathBuf> = None;
    let mut tmp_dirs = Vec::new();
    let mut rows = Vec::new();
    for &n in &sizes {
        let files = generate_kb(n, FILES);
        let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
        let dir = if n == 10_000 {
            let d = std::env::temp_dir().join(KEPT);
            let _ = std::fs::remove_dir_all(&d);
            std::fs::create_dir_all(&d).expect("create KB dir");
            kept_dir = Some(d.clone());
            d
        } else {
            let t = tempfile::Builder::new()
                .prefix("factcheck-bench-kb-")
                .tempdir_in(std::env::temp_dir())
                .expect("temp dir");
            let p = t.path().to_path_buf();
            tmp_dirs.push(t);
            p
        };
        write_kb(&dir, &files);
        let kb = load_valid(&dir, n);
        // Where the time goes besides parsing: the approval lexicon (regexes over every
        // entity name) is compiled at the end of every load.
        let lex = time(3, 20, Duration::from_secs(3), || {
            kb.compile_lexicon().unwrap()
        });
        drop(kb);
        let paths = time(5, 30, Duration::from_secs(8), || {
            load_paths(std::slice::from_ref(&dir)).unwrap()
        });
        let mem = time(5, 30, Duration::from_secs(8), || {
            load_sources(files.clone()).unwrap()
        });
        rows.push((n, files.len(), bytes, paths, mem, lex));
    }

    println!();
    println!("KB load ({FILES} record files + 1 common file; times in ms)");
    println!(
        "{:<22} {:>8} {:>5} {:>10} {:>10} {:>12} {:>9}",
        "what", "records", "runs", "min", "median", "records/s", "µs/rec"
    );
    for (n, nfiles, bytes, paths, mem, lex) in &rows {
        println!(
            "-- {n} records, {nfiles} files, {:.1} MB of TOML",
            common::mb(*bytes)
        );
        row("load_paths (disk)", *n, paths);
        row("load_sources (memory)", *n, mem);
        row("  of which lexicon()", *n, lex);
    }
    let (n0, .., p0, _, _) = &rows[0];
    let (n2, .., p2, _, _) = &rows[rows.len() - 1];
    println!(
        "scaling {}→{} records: ×{:.1} records, ×{:.1} time (linear would be ×{:.1})",
        n0,
        n2,
        *n2 as f64 / *n0 as f64,
        p2.median.as_secs_f64() / p0.median.as_secs_f64(),
        *n2 as f64 / *n0 as f64
    );
    if let Some(d) = kept_dir {
        println!("10,000-record KB kept at {}", d.display());
        println!(
            "  /usr/bin/time -v /tmp/target-bench/release/factcheck kb check {}",
            d.display()
        );
    }
}

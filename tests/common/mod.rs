//! Running the `factcheck` binary in tests: plain text, no colour, 100 columns.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// What a run printed and how it ended.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `factcheck args…` in `dir` with extra environment and optional standard input.
pub fn factcheck(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Out {
    let mut cmd = Command::cargo_bin("factcheck").expect("binary builds");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let o = cmd.output().expect("runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// (code without the `factcheck::` prefix, flagged text) of every finding in a JSON report.
#[allow(dead_code)] // not every test file uses every helper
pub fn findings(json: &str) -> Vec<(String, String)> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().clone())
        .map(|f| {
            let code = f["code"].as_str().unwrap();
            let code = code.trim_start_matches("factcheck::").to_string();
            (code, f["text"].as_str().unwrap().to_string())
        })
        .collect()
}

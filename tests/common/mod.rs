//! Running the `factcheck` binary in tests: plain text, no colour, 100 columns.

use assert_cmd::Command;
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

//! factcheck: a fact-checker for defense reporting. The library is the engine — KB loading,
//! claim extraction, checking — and returns plain data; the binary decides what is printed
//! and the exit code.

// Only the binary prints: the engine returns data.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod automaton;
pub mod baseline;
pub mod check;
pub mod codes;
pub mod compare;
pub mod date;
pub mod entity;
pub mod extract;
pub mod fmt;
pub mod input;
pub mod kb;
pub mod link;
pub mod report;
pub mod span;
pub mod state;
pub mod suppress;
pub mod text;
pub mod words;

/// Helpers shared by the unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// Every article the project ships or tests with (examples and the test corpora), as
    /// (path, text).
    pub fn bundled_articles() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in [
            "examples",
            "tests/corpus/correct",
            "tests/corpus/wrong",
            "tests/heldout",
        ] {
            let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "md" || x == "txt")
                    && let Ok(t) = std::fs::read_to_string(&p)
                {
                    out.push((p.display().to_string(), t));
                }
            }
        }
        out
    }

    /// The texts of [`bundled_articles`].
    pub fn bundled_texts() -> Vec<String> {
        bundled_articles().into_iter().map(|(_, t)| t).collect()
    }
}

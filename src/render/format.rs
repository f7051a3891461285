//! Output formats behind one trait: the run writes a format's head, each file's share as it
//! is checked (or keeps a part, for the formats that are one document), and its tail.
//! Adding a format means one implementation here and one `Format` variant in the CLI.

use super::{Part, findings, github, html, human, json, sarif, trace};
use crate::cli::Format;
use factcheck::check::{Report, Stats};
use factcheck::input::InputError;
use factcheck::kb::Kb;

/// One checked file, as a format sees it (on the worker thread that checked it).
pub struct FileView<'a> {
    pub kb: &'a Kb,
    /// Its place among the inputs.
    pub index: usize,
    pub path: &'a str,
    pub rep: &'a Report,
    pub color: bool,
    /// `--trace[=LINE]`: `Some(None)` traces every line.
    pub trace: Option<Option<usize>>,
}

/// What a format makes of one file: text written at once, or a part kept for the tail.
#[derive(Default)]
pub struct Chunk {
    pub text: String,
    pub part: Option<Part>,
}

impl Chunk {
    fn text(text: String) -> Chunk {
        Chunk { text, part: None }
    }

    fn part(part: Part) -> Chunk {
        Chunk {
            text: String::new(),
            part: Some(part),
        }
    }
}

/// What the tail may report on: every file's counts and the inputs that could not be read.
pub struct RunEnd<'a> {
    pub rows: &'a [(String, Stats)],
    pub failed: &'a [InputError],
    pub quiet: bool,
}

/// An output format.
pub trait OutputFormat: Sync {
    /// Written before the first file.
    fn head(&self) -> &'static str {
        ""
    }
    /// Written between two files' texts.
    fn separator(&self) -> &'static str {
        ""
    }
    /// One checked file.
    fn file(&self, f: &FileView<'_>) -> Chunk;
    /// An input that could not be read (it is also reported on standard error).
    fn failed(&self, _e: &InputError) -> Chunk {
        Chunk::default()
    }
    /// Written after the last file, given the parts kept, in input order.
    fn tail(&self, parts: Vec<Part>, run: &RunEnd<'_>, emit: &mut dyn FnMut(&str));
}

/// The implementation of `format`.
pub fn of(format: Format) -> &'static dyn OutputFormat {
    match format {
        Format::Human => &Human,
        Format::Json => &Json,
        Format::Github => &Github,
        Format::Sarif => &Sarif,
        Format::Html => &Html,
    }
}

/// miette diagnostics and, with `--trace`, each claim's trace; a comfy-table summary.
struct Human;

impl OutputFormat for Human {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        let mut text = findings::human(f.kb, f.path, f.rep, f.color);
        if let Some(line) = f.trace {
            text.push_str(&trace::human(f.kb, f.path, f.rep, line));
        }
        Chunk::text(text)
    }

    fn tail(&self, _: Vec<Part>, run: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        emit(&human::summary(run.rows, run.failed.len(), run.quiet));
    }
}

/// One JSON document (SPEC §6), streamed file by file.
struct Json;

impl OutputFormat for Json {
    fn head(&self) -> &'static str {
        json::HEAD
    }

    fn separator(&self) -> &'static str {
        ","
    }

    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::text(json::file(f.kb, f.path, f.rep, f.trace))
    }

    fn tail(&self, _: Vec<Part>, run: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        let mut totals = Stats::default();
        for (_, s) in run.rows {
            totals.claims += s.claims;
            totals.errors += s.errors;
            totals.warnings += s.warnings;
            totals.advice += s.advice;
            totals.suppressed += s.suppressed;
        }
        emit(&json::tail(run.rows.len(), &totals, run.failed));
    }
}

/// GitHub Actions workflow commands, one line a finding.
struct Github;

impl OutputFormat for Github {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::text(github::file(f.kb, f.path, f.rep))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::text(github::failed(e))
    }

    fn tail(&self, _: Vec<Part>, _: &RunEnd<'_>, _: &mut dyn FnMut(&str)) {}
}

/// One SARIF 2.1.0 log.
struct Sarif;

impl OutputFormat for Sarif {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::part(Part::Sarif(sarif::results(f.kb, f.path, f.rep)))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::part(Part::Failed(e.clone()))
    }

    fn tail(&self, parts: Vec<Part>, _: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        let mut doc = sarif::Doc::default();
        for p in parts {
            match p {
                Part::Sarif(r) => doc.add(r),
                Part::Failed(e) => doc.failed(&e),
                Part::Html(_) => {}
            }
        }
        emit(&doc.render());
    }
}

/// One self-contained HTML page.
struct Html;

impl OutputFormat for Html {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::part(Part::Html(html::part(f.kb, f.index, f.path, f.rep)))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::part(Part::Failed(e.clone()))
    }

    fn tail(&self, parts: Vec<Part>, _: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        let mut doc = html::Doc::default();
        for p in parts {
            match p {
                Part::Html(h) => doc.add(h),
                Part::Failed(e) => doc.failed(&e),
                Part::Sarif(_) => {}
            }
        }
        doc.render(emit);
    }
}

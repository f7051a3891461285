//! Output formats behind one trait: the run writes a format's head, each file's share as it
//! is checked (or keeps a part, for the formats that are one document), and its tail.
//! Adding a format means one implementation here and one `Format` variant in the CLI.

use super::ci::{self, Failure};
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
    /// The KB in use, in words ("the built-in KB", "facts (factcheck.toml)").
    pub kb: &'a str,
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
    /// The whole output of a run that could not be done (an invalid KB or config): a valid
    /// document of the format that says what failed, so a CI step that uploads or reads it
    /// shows why nothing was checked. Empty for the human format (standard error says it).
    fn aborted(&self, _failures: &[Failure]) -> String {
        String::new()
    }
}

/// The implementation of `format`.
pub fn of(format: Format) -> &'static dyn OutputFormat {
    match format {
        Format::Human => &Human,
        Format::Json => &Json,
        Format::Github => &Github,
        Format::Sarif => &Sarif,
        Format::Html => &Html,
        Format::Concise => &Concise,
        Format::Junit => &Junit,
        Format::Gitlab => &Gitlab,
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

    fn aborted(&self, failures: &[Failure]) -> String {
        json::aborted(failures)
    }
}

/// GitHub Actions workflow commands, one line a finding.
struct Github;

impl OutputFormat for Github {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::text(github::file(f.kb, f.path, f.rep))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::text(github::failed(&Failure::from_input(e)))
    }

    fn tail(&self, _: Vec<Part>, _: &RunEnd<'_>, _: &mut dyn FnMut(&str)) {}

    fn aborted(&self, failures: &[Failure]) -> String {
        failures.iter().map(github::failed).collect()
    }
}

/// One SARIF 2.1.0 log.
struct Sarif;

impl OutputFormat for Sarif {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::part(Part::Values(sarif::results(f.kb, f.path, f.rep)))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::part(Part::Failed(e.clone()))
    }

    fn tail(&self, parts: Vec<Part>, _: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        let mut doc = sarif::Doc::default();
        for p in parts {
            match p {
                Part::Values(r) => doc.add(r),
                Part::Failed(e) => doc.failed(&Failure::from_input(&e)),
                Part::Html(_) => {}
            }
        }
        emit(&doc.render());
    }

    fn aborted(&self, failures: &[Failure]) -> String {
        let mut doc = sarif::Doc::default();
        for f in failures {
            doc.failed(f);
        }
        doc.render()
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

    fn tail(&self, parts: Vec<Part>, run: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        let mut doc = html::Doc::default();
        for p in parts {
            match p {
                Part::Html(h) => doc.add(h),
                Part::Failed(e) => doc.failed(&e),
                Part::Values(_) => {}
            }
        }
        doc.render(run, emit);
    }

    fn aborted(&self, failures: &[Failure]) -> String {
        let mut out = String::new();
        html::aborted(failures, &mut |t| out.push_str(t));
        out
    }
}

/// One line a finding: `path:line:col: severity[code] message`.
struct Concise;

impl OutputFormat for Concise {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::text(ci::concise(f.path, f.rep))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::text(ci::concise_failure(&Failure::from_input(e)))
    }

    fn tail(&self, _: Vec<Part>, _: &RunEnd<'_>, _: &mut dyn FnMut(&str)) {}

    fn aborted(&self, failures: &[Failure]) -> String {
        failures.iter().map(ci::concise_failure).collect()
    }
}

/// JUnit XML: a test suite per file, a test case per finding.
struct Junit;

impl OutputFormat for Junit {
    fn head(&self) -> &'static str {
        ci::JUNIT_HEAD
    }

    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::text(ci::junit_suite(f.kb, f.path, f.rep))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::text(ci::junit_failures(&[Failure::from_input(e)]))
    }

    fn tail(&self, _: Vec<Part>, _: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        emit(ci::JUNIT_TAIL);
    }

    fn aborted(&self, failures: &[Failure]) -> String {
        format!(
            "{}{}{}",
            ci::JUNIT_HEAD,
            ci::junit_failures(failures),
            ci::JUNIT_TAIL
        )
    }
}

/// GitLab Code Quality: one JSON array of issues.
struct Gitlab;

impl OutputFormat for Gitlab {
    fn file(&self, f: &FileView<'_>) -> Chunk {
        Chunk::part(Part::Values(ci::gitlab_issues(f.kb, f.path, f.rep)))
    }

    fn failed(&self, e: &InputError) -> Chunk {
        Chunk::part(Part::Failed(e.clone()))
    }

    fn tail(&self, parts: Vec<Part>, _: &RunEnd<'_>, emit: &mut dyn FnMut(&str)) {
        let mut all = Vec::new();
        for p in parts {
            match p {
                Part::Values(v) => all.extend(v),
                Part::Failed(e) => all.extend(ci::gitlab_failures(&[Failure::from_input(&e)])),
                Part::Html(_) => {}
            }
        }
        emit(&gitlab_doc(all));
    }

    fn aborted(&self, failures: &[Failure]) -> String {
        gitlab_doc(ci::gitlab_failures(failures))
    }
}

fn gitlab_doc(issues: Vec<serde_json::Value>) -> String {
    serde_json::to_string_pretty(&serde_json::Value::Array(issues)).unwrap_or_default() + "\n"
}

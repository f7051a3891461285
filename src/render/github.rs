//! GitHub Actions workflow commands, one per finding.

use super::ci::Failure;
use factcheck::check::Report;
use factcheck::codes::Severity;
use factcheck::kb::Kb;

fn esc_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn esc_prop(s: &str) -> String {
    esc_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// An input that could not be read, or a KB or config problem that stopped the run: an
/// `::error` on the file (at its line and column when known), so a CI log shows it too.
pub fn failed(f: &Failure) -> String {
    let mut props = String::new();
    if let Some(p) = &f.path {
        props.push_str(&format!("file={},", esc_prop(p)));
    }
    if let Some(l) = f.line {
        props.push_str(&format!("line={l},"));
    }
    if let Some(c) = f.column {
        props.push_str(&format!("col={c},"));
    }
    let mut msg = f.message.clone();
    if let Some(h) = &f.help {
        msg.push('\n');
        msg.push_str(h);
    }
    format!(
        "::error {props}title={}::{}\n",
        esc_prop(&f.code),
        esc_data(&msg)
    )
}

/// GitHub Actions workflow commands for one file: `::error file=…,line=…,col=…::message`.
pub fn file(kb: &Kb, path: &str, rep: &Report) -> String {
    let mut out = String::new();
    for f in &rep.findings {
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Advice => "notice",
        };
        let a = rep.doc.locate(f.span.start);
        let b = rep.doc.locate(f.span.end);
        let mut msg = f.message.clone();
        if let Some(h) = super::findings::help_text(kb, f) {
            msg.push('\n');
            msg.push_str(&h);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            esc_prop(path),
            a.line,
            a.column,
            b.line,
            b.column,
            esc_prop(f.code),
            esc_data(&msg)
        ));
    }
    out
}

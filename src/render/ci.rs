//! The line and report formats of other tools' ecosystems: `concise` (one line a finding,
//! `path:line:col: severity[code] message`, as ruff, eslint and `rg --vimgrep` print them),
//! `junit` (JUnit XML, read by most CI systems' test tabs) and `gitlab` (GitLab Code Quality
//! JSON). Each also says, in its own form, why a run could not be done ([`Failure`]).

use factcheck::check::Report;
use factcheck::codes::Severity;
use factcheck::input::InputError;
use factcheck::kb::{Kb, Problem};
use serde_json::json;

/// Why a run, or one input of it, could not be done: a KB or config problem, or an input
/// that could not be read. The machine formats report these in their own form, so a CI step
/// that uploads a report shows why there is nothing in it.
#[derive(Debug, Clone)]
pub struct Failure {
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    pub path: Option<String>,
    /// 1-based.
    pub line: Option<usize>,
    /// 1-based, in characters.
    pub column: Option<usize>,
}

impl Failure {
    pub fn from_problem(p: &Problem) -> Failure {
        let loc = p.location();
        Failure {
            code: p.code.to_string(),
            message: p.message.clone(),
            help: p.help.clone(),
            path: loc
                .as_ref()
                .map(|(f, _)| f.clone())
                .or_else(|| p.file.as_ref().map(|f| f.path.clone())),
            line: loc.as_ref().map(|(_, at)| at.line),
            column: loc.as_ref().map(|(_, at)| at.column),
        }
    }

    pub fn from_input(e: &InputError) -> Failure {
        Failure {
            code: e.code.to_string(),
            message: e.message.clone(),
            help: Some(e.help.clone()),
            path: Some(e.path.clone()),
            line: None,
            column: None,
        }
    }

    /// "message (help)" on one line.
    pub fn text(&self) -> String {
        match &self.help {
            Some(h) if !h.is_empty() => format!("{}; help: {h}", self.message),
            _ => self.message.clone(),
        }
    }
}

fn short(code: &str) -> &str {
    code.trim_start_matches("factcheck::")
}

/// One line: newlines in a message would break a line-per-finding reader.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `path:line:col: severity[code] message`, one line a finding.
pub fn concise(path: &str, rep: &Report) -> String {
    let mut out = String::new();
    for f in &rep.findings {
        let at = rep.doc.locate(f.span.start);
        out.push_str(&format!(
            "{path}:{}:{}: {}[{}] {}\n",
            at.line,
            at.column,
            f.severity.name(),
            short(f.code),
            one_line(&f.message)
        ));
    }
    out
}

/// A failure as a concise line (`path:line:col: error[code] message`, or without the place).
pub fn concise_failure(f: &Failure) -> String {
    let place = match (&f.path, f.line, f.column) {
        (Some(p), Some(l), Some(c)) => format!("{p}:{l}:{c}: "),
        (Some(p), _, _) => format!("{p}: "),
        _ => String::new(),
    };
    format!("{place}error[{}] {}\n", short(&f.code), one_line(&f.text()))
}

/// Escapes text for XML content and attribute values.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// One file as a JUnit `<testsuite>`: a test case per finding (errors and warnings fail it,
/// advice passes with its text), or one passing case when the file has no finding.
pub fn junit_suite(kb: &Kb, path: &str, rep: &Report) -> String {
    let failing = rep
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .count();
    let cases = rep.findings.len().max(1);
    let mut out = format!(
        "  <testsuite name=\"{}\" tests=\"{cases}\" failures=\"{failing}\" errors=\"0\" skipped=\"0\">\n",
        xml(path)
    );
    if rep.findings.is_empty() {
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"no findings ({} claims read, {} checked)\"/>\n",
            xml(path),
            rep.stats.claims,
            rep.stats.checked
        ));
    }
    for f in &rep.findings {
        let at = rep.doc.locate(f.span.start);
        let name = format!(
            "{} at line {}, column {}",
            short(f.code),
            at.line,
            at.column
        );
        let mut body = f.message.clone();
        if let Some(h) = super::findings::help_text(kb, f) {
            body.push('\n');
            body.push_str(&h);
        }
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\">\n",
            xml(path),
            xml(&name),
            xml(path),
            at.line
        ));
        if f.severity >= Severity::Warning {
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                xml(f.code),
                xml(&f.message),
                xml(&body)
            ));
        } else {
            out.push_str(&format!("      <system-out>{}</system-out>\n", xml(&body)));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n");
    out
}

/// Failures (the run's, or unreadable inputs) as one JUnit suite of erroring test cases.
pub fn junit_failures(failures: &[Failure]) -> String {
    if failures.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "  <testsuite name=\"factcheck\" tests=\"{n}\" failures=\"0\" errors=\"{n}\" skipped=\"0\">\n",
        n = failures.len()
    );
    for f in failures {
        let place = f.path.as_deref().unwrap_or("factcheck");
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\">\n      <error type=\"{}\" message=\"{}\">{}</error>\n    </testcase>\n",
            xml(place),
            xml(short(&f.code)),
            xml(&f.code),
            xml(&f.message),
            xml(&f.text())
        ));
    }
    out.push_str("  </testsuite>\n");
    out
}

pub const JUNIT_HEAD: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"factcheck\">\n";
pub const JUNIT_TAIL: &str = "</testsuites>\n";

fn gitlab_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Advice => "info",
    }
}

/// One file's GitLab Code Quality issues (JSON objects, without the array around them).
pub fn gitlab_issues(kb: &Kb, path: &str, rep: &Report) -> Vec<serde_json::Value> {
    rep.findings
        .iter()
        .map(|f| {
            let a = rep.doc.locate(f.span.start);
            let b = rep.doc.locate(f.span.end);
            json!({
                "description": f.message,
                "check_name": f.code,
                // Unique in the report: the finding's own fingerprint and its file.
                "fingerprint": factcheck::suppress::fnv1a(&[path, &rep.fingerprint(kb, f)]),
                "severity": gitlab_severity(f.severity),
                "location": {"path": path, "lines": {"begin": a.line, "end": b.line}},
            })
        })
        .collect()
}

/// Failures as GitLab Code Quality issues (blockers: nothing was checked there).
pub fn gitlab_failures(failures: &[Failure]) -> Vec<serde_json::Value> {
    failures
        .iter()
        .map(|f| {
            let path = f
                .path
                .clone()
                .unwrap_or_else(|| "factcheck.toml".to_string());
            json!({
                "description": f.text(),
                "check_name": f.code,
                "fingerprint": factcheck::suppress::fnv1a(&[&path, &f.code, &f.message]),
                "severity": "blocker",
                "location": {"path": path, "lines": {"begin": f.line.unwrap_or(1)}},
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_and_drops_control_characters() {
        assert_eq!(
            xml("a<b & \"c\" 'd'>"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(xml("bell\u{7}"), "bell\u{fffd}");
    }

    #[test]
    fn a_failure_as_a_concise_line() {
        let f = Failure {
            code: "factcheck::kb::syntax".into(),
            message: "expected `=`".into(),
            help: Some("fix the TOML".into()),
            path: Some("facts/a.toml".into()),
            line: Some(3),
            column: Some(5),
        };
        assert_eq!(
            concise_failure(&f),
            "facts/a.toml:3:5: error[kb::syntax] expected `=`; help: fix the TOML\n"
        );
    }
}

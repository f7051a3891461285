//! SARIF 2.1.0 for GitHub code scanning: rule metadata for every code, one result per
//! finding with its region (columns counted in Unicode code points, as the run declares), the
//! KB record as a related location, and a partial fingerprint for de-duplication.

use super::ci::Failure;
use factcheck::check::Report;
use factcheck::codes::{CODES, Severity};
use factcheck::kb::Kb;
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Advice => "note",
    }
}

/// "factcheck::count-mismatch" → "CountMismatch".
fn rule_name(code: &str) -> String {
    code.trim_start_matches("factcheck::")
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// A path as a SARIF URI reference: relative paths stay relative (to the checkout root, as
/// code scanning expects), separators are `/`, and unsafe characters are percent-encoded.
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let p = p.strip_prefix("./").unwrap_or(&p);
    let mut out = String::new();
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The SARIF document, gathered file by file: each file's results are made on the thread that
/// checked it ([`results`]), so a run keeps its findings' results, not its reports.
#[derive(Default)]
pub struct Doc {
    results: Vec<Value>,
    notifications: Vec<Value>,
}

/// One result for each of a file's findings.
pub fn results(kb: &Kb, path: &str, rep: &Report) -> Vec<Value> {
    let mut out = Vec::new();
    let text = rep.doc.text.as_str();
    let ascii = text.is_ascii();
    // The run declares `columnKind: unicodeCodePoints`, so offsets and lengths count code
    // points, not bytes (they differ after an em dash or a curly quote).
    let points = |a: usize, b: usize| {
        if ascii {
            b - a
        } else {
            text.get(a..b).map_or(b - a, |s| s.chars().count())
        }
    };
    for f in &rep.findings {
        let a = rep.doc.locate(f.span.start);
        let b = rep.doc.locate(f.span.end);
        let rule_index = CODES.iter().position(|c| c.code == f.code);
        let mut msg = f.message.clone();
        if let Some(h) = super::findings::help_text(kb, f) {
            msg.push_str("\n\n");
            msg.push_str(&h);
        }
        let mut related = Vec::new();
        if let Some((path, line)) = super::findings::kb_location(kb, f) {
            let what = f.record.map_or(String::new(), |r| {
                format!("knowledge base record `{}`", kb.records[r].id)
            });
            related.push(json!({
                "id": 1,
                "physicalLocation": {"artifactLocation": {"uri": uri(&path)}, "region": {"startLine": line}},
                "message": {"text": what},
            }));
        }
        for (i, (span, label)) in f.related.iter().enumerate() {
            let s = rep.doc.locate(span.start);
            let e = rep.doc.locate(span.end);
            related.push(json!({
                "id": i + 2,
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(path)},
                    "region": {"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column},
                },
                "message": {"text": label},
            }));
        }
        let mut result = json!({
            "ruleId": f.code,
            "level": level(f.severity),
            "message": {"text": msg},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(path)},
                    "region": {
                        "startLine": a.line, "startColumn": a.column,
                        "endLine": b.line, "endColumn": b.column,
                        "charOffset": points(0, f.span.start), "charLength": points(f.span.start, f.span.end),
                        "snippet": {"text": rep.doc.slice(f.span)},
                    },
                },
            }],
            "partialFingerprints": {"factcheck/v1": rep.fingerprint(kb, f)},
            "properties": super::findings::kb_fields(kb, f),
        });
        if let Some(i) = rule_index {
            result["ruleIndex"] = json!(i);
        }
        if !related.is_empty() {
            result["relatedLocations"] = json!(related);
        }
        out.push(result);
    }
    out
}

impl Doc {
    pub fn add(&mut self, results: Vec<Value>) {
        self.results.extend(results);
    }

    /// An input that could not be read, or a KB or config problem that stopped the run: a
    /// notification, and the run marked unsuccessful.
    pub fn failed(&mut self, f: &Failure) {
        let mut n = json!({
            "level": "error",
            "message": {"text": f.text()},
            "descriptor": {"id": f.code},
        });
        if let Some(p) = &f.path {
            let mut loc = json!({"artifactLocation": {"uri": uri(p)}});
            if let (Some(l), Some(c)) = (f.line, f.column) {
                loc["region"] = json!({"startLine": l, "startColumn": c});
            }
            n["locations"] = json!([{ "physicalLocation": loc }]);
        }
        self.notifications.push(n);
    }

    pub fn render(self) -> String {
        let rules: Vec<Value> = CODES
            .iter()
            .map(|c| {
                json!({
                    "id": c.code,
                    "name": rule_name(c.code),
                    "shortDescription": {"text": c.summary},
                    "fullDescription": {"text": c.why},
                    "help": {
                        "text": format!("{}\n\nExample: {}", c.fix, c.example),
                        "markdown": format!("{}\n\n**Example:** {}", c.fix, c.example),
                    },
                    "defaultConfiguration": {"level": level(c.severity)},
                    "properties": {"tags": ["fact-check"]},
                })
            })
            .collect();
        let (out, notifications) = (self.results, self.notifications);
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "factcheck",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": out,
                "invocations": [{
                    "executionSuccessful": notifications.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
            }],
        });
        format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_uris() {
        assert_eq!(rule_name("factcheck::count-mismatch"), "CountMismatch");
        assert_eq!(uri("./news/a b.md"), "news/a%20b.md");
        assert_eq!(uri("news\\x.md"), "news/x.md");
    }
}

//! SPEC §5's JSON document, written file by file: `{"version":1,"files":[…],"errors":[…],
//! "summary":{…}}`.

use factcheck::check::{Report, Stats};
use factcheck::input::InputError;
use factcheck::kb::Kb;

/// What comes before the first file's object.
pub const HEAD: &str = r#"{"version":1,"files":["#;

/// One file's object. Written from a struct whose fields are in the order `serde_json`'s
/// maps keep them (sorted), so the output is what a `json!` map of the same keys gives,
/// without building the map first.
pub fn file(kb: &Kb, path: &str, rep: &Report, trace: Option<Option<usize>>) -> String {
    #[derive(serde::Serialize)]
    struct File<'a> {
        agreeing: usize,
        checked: usize,
        claims: usize,
        date: Option<String>,
        findings: Vec<serde_json::Value>,
        #[serde(skip_serializing_if = "Option::is_none")]
        links: Option<Vec<serde_json::Value>>,
        path: &'a str,
        suppressed: usize,
    }
    let file = File {
        agreeing: rep.stats.agreeing,
        checked: rep.stats.checked,
        claims: rep.stats.claims,
        date: rep.date.map(|d| d.to_string()),
        findings: rep
            .findings
            .iter()
            .map(|f| super::findings::finding_json(kb, rep, f))
            .collect(),
        links: trace.map(|line| super::trace::json(kb, rep, line)),
        path,
        suppressed: rep.stats.suppressed,
    };
    serde_json::to_string(&file).unwrap_or_default()
}

/// What follows the last file's object: the unreadable inputs and the totals.
pub fn tail(files: usize, totals: &Stats, errors: &[InputError]) -> String {
    let errors: Vec<_> = errors
        .iter()
        .map(|e| serde_json::json!({"path": e.path, "code": e.code, "message": e.message, "help": e.help}))
        .collect();
    let summary = serde_json::json!({
        "files": files, "claims": totals.claims, "errors": totals.errors,
        "warnings": totals.warnings, "advice": totals.advice, "suppressed": totals.suppressed,
    });
    format!(
        r#"],"errors":{},"summary":{summary}}}"#,
        serde_json::Value::Array(errors)
    ) + "\n"
}

/// The document of a run that could not be done: no files, and the KB or config problems in
/// `errors` (with their place in the file when known).
pub fn aborted(failures: &[super::ci::Failure]) -> String {
    let errors: Vec<_> = failures
        .iter()
        .map(|f| {
            let mut e = serde_json::json!({"code": f.code, "message": f.message, "help": f.help, "path": f.path});
            if let (Some(l), Some(c)) = (f.line, f.column) {
                e["line"] = serde_json::json!(l);
                e["column"] = serde_json::json!(c);
            }
            e
        })
        .collect();
    let summary = serde_json::json!({
        "files": 0, "claims": 0, "errors": 0, "warnings": 0, "advice": 0, "suppressed": 0,
    });
    format!(
        r#"{{"version":1,"files":[],"errors":{},"summary":{summary}}}"#,
        serde_json::Value::Array(errors)
    ) + "\n"
}

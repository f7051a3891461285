//! SPEC §5's JSON document, written file by file: `{"version":1,"files":[…],"errors":[…],
//! "summary":{…}}`.

use factcheck::check::{Report, Stats};
use factcheck::input::InputError;
use factcheck::kb::Kb;

/// What comes before the first file's object.
pub const HEAD: &str = r#"{"version":1,"files":["#;

/// One file's object.
pub fn file(kb: &Kb, path: &str, rep: &Report) -> String {
    serde_json::json!({
        "path": path,
        "claims": rep.stats.claims,
        "checked": rep.stats.checked,
        "agreeing": rep.stats.agreeing,
        "suppressed": rep.stats.suppressed,
        "date": rep.date.map(|d| d.to_string()),
        "findings": rep.findings.iter().map(|f| super::findings::finding_json(kb, rep, f)).collect::<Vec<_>>(),
    })
    .to_string()
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

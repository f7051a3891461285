//! SPEC §5's JSON document.

use super::FileResult;
use factcheck::kb::Kb;

pub fn render(kb: &Kb, results: &[FileResult]) -> String {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let (mut claims, mut e, mut w, mut a, mut sup) = (0, 0, 0, 0, 0);
    for r in results {
        match &r.outcome {
            Ok(rep) => {
                claims += rep.stats.claims;
                e += rep.stats.errors;
                w += rep.stats.warnings;
                a += rep.stats.advice;
                sup += rep.stats.suppressed;
                files.push(serde_json::json!({
                    "path": r.path,
                    "claims": rep.stats.claims,
                    "checked": rep.stats.checked,
                    "agreeing": rep.stats.agreeing,
                    "suppressed": rep.stats.suppressed,
                    "date": rep.date.map(|d| d.to_string()),
                    "findings": rep.findings.iter().map(|f| super::findings::finding_json(kb, rep, f)).collect::<Vec<_>>(),
                }));
            }
            Err(err) => errors.push(serde_json::json!({"path": err.path, "code": err.code, "message": err.message, "help": err.help})),
        }
    }
    let doc = serde_json::json!({
        "version": 1,
        "files": files,
        "errors": errors,
        "summary": {"files": files.len(), "claims": claims, "errors": e, "warnings": w, "advice": a, "suppressed": sup},
    });
    format!("{doc}\n")
}

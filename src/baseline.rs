//! Baselines: the findings an editor has accepted, by article path and fingerprint
//! ([`Report::fingerprint`]), so a CI run fails only on new ones.

use crate::kb::Kb;
use crate::report::Report;
use std::collections::HashSet;
use std::path::Path;

/// A baseline file.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub path: String,
    pub fingerprint: String,
    pub code: String,
    pub text: String,
}

/// The accepted findings, as (path, fingerprint), for [`Report::suppress`].
pub type Accepted = HashSet<(String, String)>;

/// Reads a baseline file.
pub fn read(p: &Path) -> Result<Accepted, String> {
    let text = std::fs::read_to_string(p)
        .map_err(|e| format!("cannot read baseline {}: {e}", p.display()))?;
    let b: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a factcheck baseline: {e}", p.display()))?;
    Ok(b.findings
        .into_iter()
        .map(|e| (e.path, e.fingerprint))
        .collect())
}

/// The entries of a report's findings, for article `path`.
pub fn entries(kb: &Kb, path: &str, rep: &Report) -> Vec<Entry> {
    rep.findings
        .iter()
        .map(|f| Entry {
            path: path.to_string(),
            fingerprint: rep.fingerprint(kb, f),
            code: f.code.to_string(),
            text: rep.doc.slice(f.span).to_string(),
        })
        .collect()
}

/// Moves the findings `accepted` lists for article `path` to the report's suppressed ones.
pub fn apply(kb: &Kb, path: &str, rep: &mut Report, accepted: &Accepted) {
    let hidden: Vec<(usize, usize)> = rep
        .findings
        .iter()
        .filter(|f| accepted.contains(&(path.to_string(), rep.fingerprint(kb, f))))
        .map(|f| (f.span.start, f.span.end))
        .collect();
    rep.suppress(|_, f| hidden.contains(&(f.span.start, f.span.end)));
}

/// The text of a baseline file holding `entries`.
pub fn render(entries: Vec<Entry>) -> String {
    let doc = Baseline {
        version: 1,
        findings: entries,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

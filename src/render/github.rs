//! GitHub Actions workflow commands, one per finding.

use factcheck::check::Report;
use factcheck::codes::Severity;
use factcheck::kb::Kb;

/// GitHub Actions workflow commands for one file: `::error file=…,line=…,col=…::message`.
pub fn file(kb: &Kb, path: &str, rep: &Report) -> String {
    let esc_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let esc_prop = |s: &str| esc_data(s).replace(':', "%3A").replace(',', "%2C");
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

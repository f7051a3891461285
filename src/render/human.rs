//! The human report: miette diagnostics per finding, then the summary table.

use super::FileResult;
use factcheck::check::Report;
use factcheck::kb::Kb;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn render(kb: &Kb, results: &[FileResult], color: bool, quiet: bool) -> String {
    let mut out = String::new();
    for r in results {
        if let Ok(rep) = &r.outcome {
            out.push_str(&super::findings::human(kb, &r.path, rep, color));
        }
    }
    let reports: Vec<(&str, &Report)> = results
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok().map(|rep| (r.path.as_str(), rep)))
        .collect();
    if quiet {
        return out;
    }
    let mut t = super::kb::table();
    // The "ignored" column only when something was suppressed.
    let any_ignored = reports.iter().any(|(_, r)| r.stats.suppressed > 0);
    let mut header = vec![
        "file", "claims", "checked", "agree", "errors", "warn", "advice",
    ];
    if any_ignored {
        header.push("ignored");
    }
    t.set_header(header);
    let mut tot = factcheck::check::Stats::default();
    for (path, rep) in &reports {
        let s = rep.stats;
        let mut row = vec![
            super::terminal::escape(path).into_owned(),
            s.claims.to_string(),
            s.checked.to_string(),
            s.agreeing.to_string(),
            s.errors.to_string(),
            s.warnings.to_string(),
            s.advice.to_string(),
        ];
        if any_ignored {
            row.push(s.suppressed.to_string());
        }
        t.add_row(row);
        tot.claims += s.claims;
        tot.checked += s.checked;
        tot.agreeing += s.agreeing;
        tot.errors += s.errors;
        tot.warnings += s.warnings;
        tot.advice += s.advice;
        tot.suppressed += s.suppressed;
    }
    if !reports.is_empty() {
        super::kb::fit(&mut t);
        out.push_str(&format!("{t}\n"));
    }
    let failed = results.iter().filter(|r| r.outcome.is_err()).count();
    out.push_str(&format!(
        "{}: {} checked in {}, {}, {}, {}{}{}\n",
        if tot.errors > 0 { "FAIL" } else { "ok" },
        plural(tot.claims, "claim", "claims"),
        plural(reports.len(), "file", "files"),
        plural(tot.errors, "error", "errors"),
        plural(tot.warnings, "warning", "warnings"),
        plural(tot.advice, "advice", "advice"),
        if tot.suppressed > 0 {
            format!(", {} suppressed", tot.suppressed)
        } else {
            String::new()
        },
        if failed > 0 {
            format!(", {} unreadable", plural(failed, "file", "files"))
        } else {
            String::new()
        }
    ));
    out
}

//! The human report: miette diagnostics per finding (see `findings::human`), then the summary
//! table.

use factcheck::check::Stats;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary table (unless `quiet`) and the closing line, from each readable file's
/// counts in order.
pub fn summary(rows: &[(String, Stats)], unreadable: usize, quiet: bool) -> String {
    let mut out = String::new();
    let mut tot = Stats::default();
    for (_, s) in rows {
        tot.claims += s.claims;
        tot.checked += s.checked;
        tot.agreeing += s.agreeing;
        tot.errors += s.errors;
        tot.warnings += s.warnings;
        tot.advice += s.advice;
        tot.suppressed += s.suppressed;
    }
    if quiet {
        return out;
    }
    if !rows.is_empty() {
        let mut t = super::kb::table();
        // The "suppressed" column only when something was suppressed.
        let any_suppressed = tot.suppressed > 0;
        let mut header = vec![
            "file", "claims", "checked", "agree", "errors", "warn", "advice",
        ];
        if any_suppressed {
            header.push("suppressed");
        }
        t.set_header(header);
        for (path, s) in rows {
            let mut row = vec![
                super::terminal::escape(path).into_owned(),
                s.claims.to_string(),
                s.checked.to_string(),
                s.agreeing.to_string(),
                s.errors.to_string(),
                s.warnings.to_string(),
                s.advice.to_string(),
            ];
            if any_suppressed {
                row.push(s.suppressed.to_string());
            }
            t.add_row(row);
        }
        super::kb::fit(&mut t);
        out.push_str(&format!("{t}\n"));
    }
    // Claims read are not all checked: a claim no KB record speaks to is only read.
    out.push_str(&format!(
        "{}: {} read in {}, {} checked against the KB; {}, {}, {}{}{}\n",
        // Files left unread make the run exit 2: not "ok", whatever the others said.
        match (tot.errors, unreadable) {
            (1.., _) => "FAIL",
            (0, 1..) => "incomplete",
            (0, 0) => "ok",
        },
        plural(tot.claims, "claim", "claims"),
        plural(rows.len(), "file", "files"),
        tot.checked,
        plural(tot.errors, "error", "errors"),
        plural(tot.warnings, "warning", "warnings"),
        plural(tot.advice, "advice", "advice"),
        if tot.suppressed > 0 {
            format!(", {} suppressed", tot.suppressed)
        } else {
            String::new()
        },
        if unreadable > 0 {
            format!(", {} unreadable", plural(unreadable, "file", "files"))
        } else {
            String::new()
        }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_line(errors: usize, unreadable: usize) -> String {
        let stats = Stats {
            claims: 3,
            checked: 2,
            errors,
            ..Stats::default()
        };
        let out = summary(&[("a.md".to_string(), stats)], unreadable, false);
        out.lines().last().unwrap_or_default().to_string()
    }

    #[test]
    fn the_closing_line_says_how_the_run_went() {
        assert_eq!(
            last_line(0, 0),
            "ok: 3 claims read in 1 file, 2 checked against the KB; 0 errors, 0 warnings, 0 advice"
        );
        assert_eq!(
            last_line(1, 0),
            "FAIL: 3 claims read in 1 file, 2 checked against the KB; 1 error, 0 warnings, 0 advice"
        );
        assert_eq!(
            last_line(0, 2),
            "incomplete: 3 claims read in 1 file, 2 checked against the KB; 0 errors, 0 warnings, 0 advice, 2 files unreadable"
        );
        assert_eq!(
            last_line(2, 1),
            "FAIL: 3 claims read in 1 file, 2 checked against the KB; 2 errors, 0 warnings, 0 advice, 1 file unreadable"
        );
    }
}

//! `--trace`: each claim's link as text (after a file's findings) or JSON (a file's `links`):
//! its candidate records, the evidence for and against with rule ids and spans, the decision
//! and the outcome, silences included.

use factcheck::check::Report;
use factcheck::compare::claim_text;
use factcheck::extract::ClaimKind;
use factcheck::kb::Kb;
use factcheck::link::{ClaimTrace, Decision, Effect};
use serde_json::{Value, json};
use std::fmt::Write as _;

fn kind(k: ClaimKind) -> &'static str {
    match k {
        ClaimKind::Number => "number",
        ClaimKind::Count => "count",
        ClaimKind::Money => "amount",
        ClaimKind::Percent => "percent",
        ClaimKind::Date => "date",
        ClaimKind::Status => "status",
    }
}

/// The claims to show: all, or those starting on `line`.
fn shown(rep: &Report, line: Option<usize>) -> impl Iterator<Item = (usize, &ClaimTrace)> {
    rep.traces.iter().enumerate().filter(move |(ci, _)| {
        line.is_none_or(|l| rep.doc.locate(rep.claims[*ci].span.start).line == l)
    })
}

fn decision_text(kb: &Kb, d: &Decision) -> String {
    match d {
        Decision::Linked {
            record,
            figures,
            status,
        } => {
            let rec = &kb.records[*record];
            let what: Vec<String> = figures
                .iter()
                .map(|&f| format!("figure `{}`", rec.figures[f].id))
                .chain(status.map(|s| {
                    let st = &rec.statuses[s];
                    format!(
                        "the status of {}",
                        st.authority.as_deref().unwrap_or("the deal")
                    )
                }))
                .collect();
            if what.is_empty() {
                format!("linked to record `{}`", rec.id)
            } else {
                format!("linked to record `{}`, {}", rec.id, what.join(" or "))
            }
        }
        Decision::Ambiguous(rs) => format!(
            "ambiguous between {}",
            rs.iter()
                .map(|&r| format!("`{}`", kb.records[r].id))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        Decision::NotLinked { rule } => format!("not linked, because of `{rule}`"),
        Decision::Unlinked => "not linked: no rule ties this kind of claim to a record here".into(),
    }
}

/// The trace as text, one block per claim.
pub fn human(kb: &Kb, path: &str, rep: &Report, line: Option<usize>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "trace of {path}:");
    let mut any = false;
    for (ci, t) in shown(rep, line) {
        any = true;
        let c = &rep.claims[ci];
        let at = rep.doc.locate(c.span.start);
        let _ = writeln!(
            out,
            "\n  {}:{} {} “{}” ({})",
            at.line,
            at.column,
            kind(c.kind),
            rep.doc
                .slice(c.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            claim_text(&rep.doc, c)
        );
        for cand in &t.candidates {
            let rec = &kb.records[cand.record];
            let figs: Vec<&str> = cand
                .figures
                .iter()
                .map(|&f| rec.figures[f].id.as_str())
                .collect();
            let _ = writeln!(
                out,
                "    candidate `{}`: {} sentence(s) back; figures: {}",
                rec.id,
                cand.distance,
                if figs.is_empty() {
                    "none for this claim".to_string()
                } else {
                    figs.join(", ")
                }
            );
        }
        for e in &t.evidence {
            let sign = match e.effect {
                Effect::For => "+",
                Effect::Against => "-",
            };
            let words = e
                .span
                .map(|s| {
                    let lc = rep.doc.locate(s.start);
                    format!(" at {}:{}", lc.line, lc.column)
                })
                .unwrap_or_default();
            let rec = e
                .record
                .map(|r| format!(" [{}]", kb.records[r].id))
                .unwrap_or_default();
            let _ = writeln!(out, "    {sign} {}{rec}{words}: {}", e.rule, e.note);
        }
        let _ = writeln!(out, "    decision: {}", decision_text(kb, &t.decision));
        let _ = writeln!(out, "    outcome: {}", rep.outcome(ci));
    }
    if !any {
        let _ = writeln!(
            out,
            "  no claim{}",
            line.map(|l| format!(" on line {l}")).unwrap_or_default()
        );
    }
    out.push('\n');
    out
}

/// The trace as a file's `links` array.
pub fn json(kb: &Kb, rep: &Report, line: Option<usize>) -> Vec<Value> {
    let span = |s: factcheck::span::Span| {
        let a = rep.doc.locate(s.start);
        json!({"start": s.start, "end": s.end, "line": a.line, "column": a.column})
    };
    shown(rep, line)
        .map(|(ci, t)| {
            let c = &rep.claims[ci];
            let candidates: Vec<Value> = t
                .candidates
                .iter()
                .map(|cand| {
                    let rec = &kb.records[cand.record];
                    json!({"record": rec.id, "distance": cand.distance,
                           "figures": cand.figures.iter().map(|&f| rec.figures[f].id.clone()).collect::<Vec<_>>()})
                })
                .collect();
            let evidence: Vec<Value> = t
                .evidence
                .iter()
                .map(|e| {
                    json!({"rule": e.rule, "effect": e.effect,
                           "span": e.span.map(span),
                           "text": e.span.map(|s| rep.doc.slice(s).to_string()),
                           "record": e.record.map(|r| kb.records[r].id.clone()),
                           "note": e.note})
                })
                .collect();
            let decision = match &t.decision {
                Decision::Linked { record, figures, status } => {
                    let rec = &kb.records[*record];
                    json!({"kind": "linked", "record": rec.id,
                           "figures": figures.iter().map(|&f| rec.figures[f].id.clone()).collect::<Vec<_>>(),
                           "status": status.map(|s| rec.statuses[s].authority.clone())})
                }
                Decision::Ambiguous(rs) => json!({"kind": "ambiguous",
                    "records": rs.iter().map(|&r| kb.records[r].id.clone()).collect::<Vec<_>>()}),
                Decision::NotLinked { rule } => json!({"kind": "not-linked", "rule": rule}),
                Decision::Unlinked => json!({"kind": "none"}),
            };
            json!({"claim": {"kind": kind(c.kind), "text": rep.doc.slice(c.span), "span": span(c.span)},
                   "candidates": candidates, "evidence": evidence, "decision": decision,
                   "outcome": rep.outcome(ci)})
        })
        .collect()
}

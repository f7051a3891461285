//! `factcheck::ambiguous-claim` (warning): a figure equally tied to several deals in scope,
//! agreeing with none, in a sentence that names one of them. Never called a mismatch.
//!
//! Why: the editor should name the deal; guessing would raise a false alarm.
//! Example: "Kosovo's and Romania's Javelin sales were approved weeks apart: 300 missiles."

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes::{self, Severity};
use crate::compare;
use crate::link::Link;

pub struct AmbiguousClaim;

impl Check for AmbiguousClaim {
    fn code(&self) -> &'static str {
        codes::AMBIGUOUS_CLAIM
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        for (ci, link) in cx.links.iter().enumerate() {
            let Link::Ambiguous { tied } = link else {
                continue;
            };
            let Some(&(first, _)) = tied.first() else {
                continue;
            };
            let claim = &cx.claims[ci];
            let ids: Vec<String> = tied
                .iter()
                .map(|(r, _)| format!("`{}`", cx.kb.records[*r].id))
                .collect();
            let expected: Vec<String> = tied
                .iter()
                .map(|(r, figs)| {
                    let rec = &cx.kb.records[*r];
                    let vals: Vec<String> = figs
                        .iter()
                        .map(|&f| compare::figure_text(&rec.figures[f]))
                        .collect();
                    format!("{}: {}", rec.id, vals.join(" or "))
                })
                .collect();
            out.push(Finding {
                code: self.code(),
                severity: Severity::Warning,
                span: claim.value_span,
                message: format!(
                    "cannot tell which deal {} is about: {}",
                    compare::claim_text(cx.doc, claim),
                    ids.join(" or ")
                ),
                label: "which deal?".into(),
                claim: Some(ci),
                record: Some(first),
                figures: vec![],
                status: None,
                related: vec![],
                expected: Some(expected.join("; ")),
                suggestion: None,
            });
        }
    }
}

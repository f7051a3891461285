//! `factcheck::unverified-claim` (advice): a count or amount of a thing the KB tracks
//! elsewhere, in a paragraph about a record that has no figure for it.
//!
//! Why: an editor may want to source it, or the KB may need the figure; it is never an error.
//! Example: "Kosovo will also get 12 launchers."  (the Kosovo record counts only missiles)

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes::{self, Severity};
use crate::compare;
use crate::link::Link;

pub struct UnverifiedClaim;

impl Check for UnverifiedClaim {
    fn code(&self) -> &'static str {
        codes::UNVERIFIED_CLAIM
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        for (ci, link) in cx.links.iter().enumerate() {
            let Link::Untracked { record, of } = link else {
                continue;
            };
            let claim = &cx.claims[ci];
            let what = format!(
                "“{}”",
                cx.doc
                    .slice(*of)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            out.push(Finding {
                code: self.code(),
                severity: Severity::Advice,
                span: claim.value_span,
                message: format!(
                    "{} could not be checked: record `{}` has no figure for {what}",
                    compare::claim_text(cx.doc, claim),
                    cx.kb.records[*record].id
                ),
                label: "not in the knowledge base".into(),
                claim: Some(ci),
                record: Some(*record),
                figures: vec![],
                status: None,
                related: vec![],
                expected: None,
                suggestion: None,
            });
        }
    }
}

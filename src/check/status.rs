//! `factcheck::status-mismatch` (error): the article gives an authority's state of a deal
//! (approved, notified, signed, rejected…) that contradicts, or runs ahead of, the status the
//! KB records in force on the article's date.
//!
//! Why: "Congress approved" for a sale Congress was only notified of is the commonest status
//! error in arms-sale copy. Example: "Congress approved the sale."  (KB: Congress notified)

use super::Finding;
use super::judge::{Check, Judge};
use super::verb;
use crate::codes::{self, Severity};
use crate::extract::ClaimValue;
use crate::link::rules as rule;
use crate::link::{Effect, Link};
use crate::state::{self, Agreement};

pub struct StatusMismatch;

impl Check for StatusMismatch {
    fn code(&self) -> &'static str {
        codes::STATUS_MISMATCH
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        states(cx, self.code(), out);
    }
}

/// Appends the status findings of code `code` (a mismatch, or a stale state).
pub(super) fn states(cx: &Judge<'_, '_>, code: &'static str, out: &mut Vec<Finding>) {
    for (ci, link) in cx.links.iter().enumerate() {
        let Link::Status { record, status } = link else {
            continue;
        };
        let claim = &cx.claims[ci];
        let ClaimValue::Status {
            authority, state, ..
        } = &claim.value
        else {
            continue;
        };
        let st = &cx.kb.records[*record].statuses[*status];
        let agreement = state::compare(*state, st.state);
        let (this, severity) = match agreement {
            Agreement::Agrees => continue,
            // Undated: "awaiting approval" may be historically right.
            Agreement::Stale if cx.date.is_none() => continue,
            Agreement::Stale => (codes::STALE_STATUS, Severity::Warning),
            Agreement::Premature | Agreement::Contradicts => {
                (codes::STATUS_MISMATCH, Severity::Error)
            }
        };
        if this != code {
            continue;
        }
        if agreement == Agreement::Stale && cx.dated_by_dateline {
            cx.ev(ci, rule::DATELINE, Effect::For, cx.dateline, || {
                "the article's date, which makes this state stale, is its dateline's".into()
            });
        }
        let who = cx.who(authority.as_deref());
        let kb_says = format!(
            "{who} {}{}",
            verb(st.state),
            st.date.map(|d| format!(" ({d})")).unwrap_or_default()
        );
        let message = match agreement {
            Agreement::Stale => format!(
                "article says {who} {}, but by the article's date the knowledge base says {kb_says}",
                verb(*state)
            ),
            _ => format!(
                "article says {who} {}; the knowledge base says {kb_says}",
                verb(*state)
            ),
        };
        out.push(Finding {
            code,
            severity,
            span: claim.span,
            message,
            label: format!("article: {who} {}", verb(*state)),
            claim: Some(ci),
            record: Some(*record),
            figures: vec![],
            status: Some(*status),
            related: vec![],
            expected: Some(kb_says),
            suggestion: None,
        });
    }
}

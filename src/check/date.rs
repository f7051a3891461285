//! `factcheck::date-mismatch` (error): a date tied to a KB date (a date figure named by its
//! `of` phrase, or the date of the status whose clause it sits in) that it cannot be.
//!
//! Why: the day a sale was approved or notified is a checkable fact, and often mis-copied.
//! Example: "The State Department approved the sale on Jan. 12."  (KB: approved 2024-01-11)
//! A date of another event (a dateline, "since 2014", "in 2015, it ordered…") is never tied.

use super::Finding;
use super::judge::{Check, Judge};
use super::verb;
use crate::codes::{self, Severity};
use crate::compare;
use crate::date::DateValue;
use crate::extract::ClaimValue;
use crate::kb::FigureValue;
use crate::link::Link;

pub struct DateMismatch;

impl Check for DateMismatch {
    fn code(&self) -> &'static str {
        codes::DATE_MISMATCH
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        for (ci, link) in cx.links.iter().enumerate() {
            let claim = &cx.claims[ci];
            let ClaimValue::Date(d) = &claim.value else {
                continue;
            };
            match link {
                Link::Figure {
                    record,
                    figures,
                    agrees: None,
                    ..
                } => {
                    let rec = &cx.kb.records[*record];
                    if figures.iter().any(
                        |&f| matches!(&rec.figures[f].value, FigureValue::Date(k) if k.agrees(d)),
                    ) {
                        continue;
                    }
                    let kb_says: Vec<String> = figures
                        .iter()
                        .map(|&f| compare::figure_text(&rec.figures[f]))
                        .collect();
                    out.push(Finding {
                        code: self.code(),
                        severity: Severity::Error,
                        span: claim.span,
                        message: format!(
                            "article says {}; the knowledge base says {}",
                            cx.doc.slice(claim.span),
                            kb_says.join(" or ")
                        ),
                        label: format!("article: {}", cx.doc.slice(claim.span)),
                        claim: Some(ci),
                        record: Some(*record),
                        figures: figures.clone(),
                        status: None,
                        related: vec![],
                        expected: Some(kb_says.join(" or ")),
                        suggestion: None,
                    });
                }
                Link::StatusDate { statuses } => {
                    // "on December 14 of that year": no year written, so only the day and
                    // month are the article's; the year was inferred and may be wrong.
                    let has_year = cx
                        .doc
                        .slice(claim.span)
                        .split(|c: char| !c.is_ascii_digit())
                        .any(|w| w.len() == 4);
                    for &(state_claim, r, si) in statuses {
                        let st = &cx.kb.records[r].statuses[si];
                        let Some(kb_date) = st.date else { continue };
                        let same_day = match d {
                            DateValue::Day(x) if !has_year => {
                                x.month == kb_date.month && x.day == kb_date.day
                            }
                            _ => d.agrees(&DateValue::Day(kb_date)),
                        };
                        if same_day {
                            continue;
                        }
                        let who = cx.who(st.authority.as_deref());
                        out.push(Finding {
                            code: self.code(),
                            severity: Severity::Error,
                            span: claim.span,
                            message: format!(
                                "article says {}; the knowledge base says {who} {} on {kb_date}",
                                cx.doc.slice(claim.span),
                                verb(st.state)
                            ),
                            label: format!("article: {}", cx.doc.slice(claim.span)),
                            claim: Some(ci),
                            record: Some(r),
                            figures: vec![],
                            status: Some(si),
                            related: vec![(
                                cx.claims[state_claim].span,
                                "the state this date belongs to".into(),
                            )],
                            expected: Some(kb_date.to_string()),
                            suggestion: Some(compare::date_like(d, kb_date)),
                        });
                    }
                }
                _ => {}
            }
        }
    }
}

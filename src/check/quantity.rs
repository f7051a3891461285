//! Shared by the count, amount, currency and percent checks: a quantity tied to figures of a
//! record (`Link::Figure`) that its value cannot be.

use super::Finding;
use super::judge::Judge;
use crate::codes::{self, Severity};
use crate::compare::{self, Verdict, figure_verdict};
use crate::extract::Unit;
use crate::link::Link;

/// Appends the quantity mismatches of code `code`.
pub(super) fn mismatches(cx: &Judge<'_, '_>, code: &'static str, out: &mut Vec<Finding>) {
    for (ci, link) in cx.links.iter().enumerate() {
        let Link::Figure {
            record: r,
            figures,
            agrees: None,
            comparable: true,
        } = link
        else {
            continue;
        };
        let claim = &cx.claims[ci];
        let Some(q) = claim.quantity() else { continue };
        let rec = &cx.kb.records[*r];
        let verdicts: Vec<Verdict> = figures
            .iter()
            .map(|&f| figure_verdict(claim, &rec.figures[f]))
            .collect();
        // An amount in another currency than a figure's: a currency mismatch when the number
        // is that figure's ("€8.4 billion" for $8.4 billion), or when no figure in the
        // claim's own currency differs; else (a record that keeps a value in euros and one in
        // dollars) the figure in its own currency is the mismatch.
        let number_of_another = figures.iter().any(|&f| match &rec.figures[f].value {
            crate::kb::FigureValue::Amount(kc, _) => {
                let mut as_theirs = claim.clone();
                if let crate::extract::ClaimValue::Quantity(q) = &mut as_theirs.value {
                    q.unit = Unit::Money(Some(*kc));
                }
                figure_verdict(&as_theirs, &rec.figures[f]) == Verdict::Agrees
            }
            _ => false,
        });
        let currency = verdicts.contains(&Verdict::Currency)
            && (number_of_another || !verdicts.contains(&Verdict::Differs));
        let this = match (currency, q.unit) {
            (true, _) => codes::CURRENCY_MISMATCH,
            (_, Unit::Money(_)) => codes::AMOUNT_MISMATCH,
            (_, Unit::Percent) => codes::PERCENT_MISMATCH,
            _ => codes::COUNT_MISMATCH,
        };
        if this != code {
            continue;
        }
        let figs: Vec<usize> = figures
            .iter()
            .zip(&verdicts)
            .filter(|(_, v)| {
                if currency {
                    **v == Verdict::Currency
                } else {
                    !matches!(**v, Verdict::Incomparable | Verdict::Currency)
                }
            })
            .map(|(f, _)| *f)
            .collect();
        let kb_says = figs
            .iter()
            .map(|&f| compare::figure_text(&rec.figures[f]))
            .collect::<Vec<_>>()
            .join(" or ");
        let said = compare::claim_text(cx.doc, claim);
        let message = if currency {
            let cur = match q.unit {
                Unit::Money(Some(c)) => c.0.to_string(),
                _ => "another currency".into(),
            };
            format!("article gives {said} in {cur}; the knowledge base records {kb_says}")
        } else {
            format!("article says {said}; the knowledge base says {kb_says}")
        };
        let suggestion = match figs.as_slice() {
            [f] => compare::suggestion(claim, &rec.figures[*f]),
            _ => None,
        };
        out.push(Finding {
            code,
            severity: Severity::Error,
            span: claim.value_span,
            message,
            label: format!("article: {}", cx.doc.slice(claim.value_span)),
            claim: Some(ci),
            record: Some(*r),
            figures: figs,
            status: None,
            related: vec![],
            expected: Some(kb_says),
            suggestion,
        });
    }
}

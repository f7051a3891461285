//! Linking date claims to date figures named by their `of` phrase.

use super::Link;
use super::linker::{Linker, Scope, fig_ids};
use super::rules::{self as rule};
use super::{Decision, Effect};
use crate::extract::ClaimValue;
use crate::kb::FigureValue;

impl Linker<'_, '_> {
    /// Date claims tied to a date figure by its `of` phrase in the sentence.
    pub(super) fn date_figure(&mut self, ci: usize) {
        let claim = &self.claims[ci];
        let ClaimValue::Date(d) = &claim.value else {
            return;
        };
        // Already tied to a status's date, in an earlier state's clause.
        if matches!(self.links[ci], Link::StatusDate { .. }) {
            return;
        }
        let sentence = self.near(claim);
        let scopes: Vec<Scope> = self
            .scopes(claim)
            .iter()
            .copied()
            .filter(|s| {
                self.kb().records[s.record]
                    .figures
                    .iter()
                    .enumerate()
                    .any(|(fi, f)| {
                        matches!(f.value, FigureValue::Date(_))
                            && self.has_phrase(sentence, s.record, fi)
                    })
            })
            .collect();
        let Ok(Some(sc)) = self.choose(claim, scopes) else {
            return;
        };
        let rec = &self.kb().records[sc.record];
        let figs: Vec<usize> = rec
            .figures
            .iter()
            .enumerate()
            .filter(|(fi, f)| {
                matches!(f.value, FigureValue::Date(_)) && self.has_phrase(sentence, sc.record, *fi)
            })
            .map(|(fi, _)| fi)
            .collect();
        self.ev(
            ci,
            rule::OF_PHRASE,
            Effect::For,
            None,
            Some(sc.record),
            || {
                format!(
                    "its sentence uses the phrase of date figure {}",
                    fig_ids(rec, &figs)
                )
            },
        );
        self.decide(
            ci,
            Decision::Linked {
                record: sc.record,
                figures: figs.clone(),
                status: None,
            },
        );
        let agrees = figs
            .iter()
            .copied()
            .find(|&f| matches!(&rec.figures[f].value, FigureValue::Date(k) if k.agrees(d)));
        if agrees.is_none()
            && let Some(rule) = self.another_event(claim, sc.record)
        {
            self.decide(ci, Decision::NotLinked { rule });
            return;
        }
        self.links[ci] = Link::Figure {
            record: sc.record,
            figures: figs,
            agrees,
            comparable: true,
        };
    }
}

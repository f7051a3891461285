//! What every check reads: the article, its claims, their links, and the KB. Checks judge
//! links (values, currencies, states, dates); they never link.

use super::Finding;
use crate::date::Date;
use crate::entity::Mention;
use crate::extract::Claim;
use crate::kb::Kb;
use crate::link::{ClaimTrace, Effect, Evidence, Link, PartyReader, Prepared};
use crate::span::Span;
use crate::text::Document;
use std::cell::RefCell;

/// One article, linked, ready to judge.
pub struct Judge<'a, 'k> {
    pub kb: &'k Kb,
    pub doc: &'a Document,
    pub claims: &'a [Claim],
    pub links: &'a [Link],
    /// The article's entity mentions, sorted by start.
    pub mentions: &'a [Mention],
    /// The article's date.
    pub date: Option<Date>,
    /// The article's date is its dateline's (and `dateline` its span).
    pub dated_by_dateline: bool,
    pub dateline: Option<Span>,
    pub(super) link: &'a Prepared<'k>,
    pub(super) traces: RefCell<Vec<ClaimTrace>>,
}

impl Judge<'_, '_> {
    /// Whether linking rule `id` is on (a check may apply one: the consistency check keys
    /// claims by `link::same-figure`).
    pub fn on(&self, id: &str) -> bool {
        self.link.on(id)
    }

    /// Adds evidence to claim `ci`'s trace (when tracing).
    pub fn ev(
        &self,
        ci: usize,
        rule: &'static str,
        effect: Effect,
        span: Option<Span>,
        note: impl FnOnce() -> String,
    ) {
        if let Some(t) = self.traces.borrow_mut().get_mut(ci) {
            let e = Evidence {
                rule,
                effect,
                span,
                record: None,
                note: note(),
            };
            if !t.evidence.contains(&e) {
                t.evidence.push(e);
            }
        }
    }

    /// Reads the parties claims' clauses name (for `consistency::other-party`).
    pub fn parties(&self) -> PartyReader<'_> {
        PartyReader::new(self.kb, self.doc, self.claims, self.mentions, self.dateline)
    }

    /// The name an authority (or entity) goes by, for messages.
    pub fn who(&self, authority: Option<&str>) -> String {
        match authority {
            None => "the deal".to_string(),
            Some(id) => self
                .kb
                .entity(id)
                .and_then(|e| e.names.first().cloned())
                .or_else(|| {
                    self.kb
                        .authorities
                        .iter()
                        .find(|a| a.id == id)
                        .and_then(|a| a.names.first().cloned())
                })
                .unwrap_or_else(|| id.to_string()),
        }
    }
}

/// One check: a diagnostic code and what raises it.
pub trait Check: Sync {
    /// The code it raises (`factcheck::count-mismatch`): its entry in [`crate::codes::CODES`]
    /// documents it for `factcheck explain`.
    fn code(&self) -> &'static str;
    /// Appends its findings on one article.
    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>);
}

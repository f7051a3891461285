//! Linking status claims to the status in force of their authority, and the dates in the
//! state's clause to that status's date.

use super::Link;
use super::linker::{Linker, Scope};
use super::rules::{self as rule};
use super::{Decision, Effect};
use crate::date::DateValue;
use crate::extract::ClaimValue;
use crate::kb::{Record, Status};
use crate::span::Span;
use crate::state::{self, Agreement};

impl<'k> Linker<'_, 'k> {
    /// Status claims: the authority's state in force, compared with the article's.
    pub(super) fn status(&mut self, ci: usize) {
        let claim = &self.claims[ci];
        let ClaimValue::Status {
            authority, state, ..
        } = &claim.value
        else {
            return;
        };
        let has_status = |r: usize| {
            self.kb().records[r]
                .statuses
                .iter()
                .any(|s| s.authority.as_deref() == authority.as_deref())
        };
        let scopes: Vec<Scope> = self
            .scopes(claim)
            .iter()
            .copied()
            .filter(|s| has_status(s.record))
            .collect();
        if self.tracing() {
            self.candidates(ci, &scopes, |_| vec![]);
            for sc in &scopes {
                self.ev(ci, rule::ABOUT_ENTITIES, Effect::For, None, Some(sc.record), || {
                    format!("all its entities named, {} sentence(s) back; it records this authority's status", sc.distance)
                });
            }
            if scopes.is_empty() {
                self.decide(
                    ci,
                    Decision::NotLinked {
                        rule: rule::ABOUT_ENTITIES,
                    },
                );
            }
            self.trace_later(ci, !scopes.is_empty());
        }
        // "could still block any of the cases": several deals, none chosen by nearness.
        let several = scopes.len() > 1 && self.several_deals(claim);
        if several {
            self.ev_c(
                claim,
                rule::SEVERAL_DEALS,
                Effect::Against,
                None,
                None,
                || "the state's object is several deals: no one record is nearest".into(),
            );
        }
        let chosen = if several {
            Err(scopes)
        } else {
            match self.choose(claim, scopes) {
                // Two deals between the same parties, and the sentence gives one's values.
                Err(tied) => match self.twin_by_values(claim, &tied) {
                    Some(sc) => {
                        self.ev(ci, rule::TWIN_DEAL, Effect::For, None, Some(sc.record), || {
                        "the sentence gives values of this deal's figures, not of its twin's".into()
                    });
                        Ok(Some(sc))
                    }
                    None => Err(tied),
                },
                other => other,
            }
        };
        let sc = match chosen {
            Ok(Some(sc)) => sc,
            Ok(None) => return,
            Err(tied) => {
                let agrees = tied.iter().find_map(|s| {
                    self.in_force(&self.kb().records[s.record], authority.as_deref())
                        .filter(|(_, st)| state::compare(*state, st.state) == Agreement::Agrees)
                        .map(|(si, _)| (s.record, si))
                });
                if let Some((record, status)) = agrees {
                    self.decide(
                        ci,
                        Decision::Linked {
                            record,
                            figures: vec![],
                            status: Some(status),
                        },
                    );
                    self.links[ci] = Link::Status { record, status };
                } else {
                    self.ambiguous(ci, &tied);
                }
                return;
            }
        };
        let rec = &self.kb().records[sc.record];
        let Some((si, st)) = self.in_force(rec, authority.as_deref()) else {
            return;
        };
        // A state since moved past, dated in its clause to a day it was in force: history.
        let (si, st) = match state::compare(*state, st.state) {
            Agreement::Stale if self.on(rule::DATED_THEN) => self
                .dated_then(ci, sc.record, authority.as_deref(), *state)
                .unwrap_or((si, st)),
            _ => (si, st),
        };
        if let Some(rule) = self.another_event(claim, sc.record) {
            // "a separate sale", another year, another buyer
            self.decide(ci, Decision::NotLinked { rule });
            return;
        }
        self.decide(
            ci,
            Decision::Linked {
                record: sc.record,
                figures: vec![],
                status: Some(si),
            },
        );
        self.links[ci] = Link::Status {
            record: sc.record,
            status: si,
        };
        if state::compare(*state, st.state) == Agreement::Agrees {
            self.status_date(ci, sc.record, si);
        }
    }

    /// Whether a state's object, the few words after it in its clause, names several deals
    /// (`link::several-deals`).
    fn several_deals(&self, claim: &crate::extract::Claim) -> bool {
        if !self.on(rule::SEVERAL_DEALS) {
            return false;
        }
        let sent = self.doc.sentences[claim.sentence].span;
        let rest = self.doc.text.get(claim.span.end..sent.end).unwrap_or("");
        let clause = rest
            .split([',', ';', ':', '(', '—', '–'])
            .next()
            .unwrap_or("");
        // The object: at most six words.
        let object: Vec<&str> = clause.split_whitespace().take(6).collect();
        let joined = super::linker::joined_words(&object.join(" "));
        self.prep.several_deals_cues.is_match(joined.as_str())
    }

    /// `date::dated-then`: the status of `authority` in force on the day a date in the claim's
    /// clause gives, when that status agrees with the claimed `state` (with its evidence).
    fn dated_then(
        &self,
        ci: usize,
        r: usize,
        authority: Option<&str>,
        state: crate::state::State,
    ) -> Option<(usize, &'k Status)> {
        let claim = &self.claims[ci];
        let k = self.state_date_claim(claim)?;
        let ClaimValue::Date(d) = &self.claims[k].value else {
            return None;
        };
        let rec = &self.kb().records[r];
        let (si, st) = self
            .in_force_on(rec, authority, Some(d.bounds().1))
            .filter(|(_, st)| state::compare(state, st.state) == Agreement::Agrees)?;
        let date = self.claims[k].span;
        self.ev(
            ci,
            rule::DATED_THEN,
            Effect::For,
            Some(date),
            Some(r),
            || {
                format!(
                    "“{}” dates it to a day the record's status was {}",
                    self.doc.slice(date),
                    st.state.name()
                )
            },
        );
        Some((si, st))
    }

    /// The one day or month that dates a state claim in its clause (see
    /// `date::state-clause`): "approved … on Jan. 11", "On Oct. 4, the State Department
    /// approved …", "on Oct. 26, 2020, when DSCA notified Congress".
    fn state_date_claim(&self, claim: &crate::extract::Claim) -> Option<usize> {
        // (Its clause reaches 120 bytes at most: only claims that near are read.)
        let sent = self.doc.sentences[claim.sentence].span;
        let from = claim.span.start.saturating_sub(160).max(sent.start);
        let to = (claim.span.end + 160).min(sent.end);
        let lo = self.claims.partition_point(|c| c.span.start < from);
        let hi = self.claims.partition_point(|c| c.span.start < to);
        let dates: Vec<usize> = (lo..hi)
            .filter(|&k| {
                let c = &self.claims[k];
                c.sentence == claim.sentence
                    && matches!(
                        c.value,
                        ClaimValue::Date(DateValue::Day(_) | DateValue::Month { .. })
                    )
                    && !(self.on(rule::DATELINE) && self.in_dateline(c.span))
                    && !self.note_date(c.span)
                    && (self.same_clause_within(c.span, claim.span, 120)
                        || self.fronted(c.span, claim.span)
                        || self.when_clause(c.span, claim.span))
                    && !self.subordinate_between(c.span, claim.span)
            })
            .collect();
        match dates.as_slice() {
            [k] => Some(*k),
            _ => None,
        }
    }

    /// "Shares rose on Tuesday after the State Department approved the sale", "approved the
    /// sale after talks that began on Jan. 5": a subordinating word between the date and the
    /// state opens a clause that runs to the next comma, and one of the two is in it: the date
    /// dates the other clause's event. ("On Tuesday, after a review, the State Department
    /// approved …": the comma closes the aside, and the date dates the state.)
    fn subordinate_between(&self, date: Span, claim: Span) -> bool {
        let (a, b) = if date.end <= claim.start {
            (date.end, claim.start)
        } else {
            (claim.end, date.start)
        };
        let Some(between) = self.doc.text.get(a..b) else {
            return false;
        };
        // Each word with where it starts.
        let mut start = None;
        let mut words = Vec::new();
        for (i, ch) in between.char_indices().chain([(between.len(), ' ')]) {
            match (ch.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, &between[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        words.iter().any(|&(at, w)| {
            ["after", "before", "since", "until", "following", "because"]
                .iter()
                .any(|s| w.eq_ignore_ascii_case(s))
                // No comma after it: the clause it opens reaches the far end.
                && !between[at..].contains([',', ';', '—', '('])
        })
    }

    /// "Oct. 26, 2020, when DSCA notified Congress": a "when" right after the date opens a
    /// clause the date dates, and the claim is in it.
    fn when_clause(&self, date: Span, claim: Span) -> bool {
        let Some(between) = self.doc.text.get(date.end..claim.start) else {
            return false;
        };
        let rest = between.trim_start_matches([',', ' ']);
        rest.len() <= 120
            && (rest.starts_with("when ") || rest.starts_with("When "))
            && !rest.contains(['.', ';', ',', '(', ')'])
    }

    /// A date in the same sentence as an agreeing state claim is that status's date.
    pub(super) fn status_date(&mut self, ci: usize, r: usize, si: usize) {
        let claim = &self.claims[ci];
        let st = &self.kb().records[r].statuses[si];
        let Some(_kb_date) = st.date else { return };
        if !self.on(rule::STATE_CLAUSE_DATE) {
            return;
        }
        // A day or month in the state's own clause ("approved … on Jan. 11"): not a year,
        // not the dateline, not a date across a comma ("since … in 2014").
        let Some(k) = self.state_date_claim(claim) else {
            return;
        };
        self.ev(
            k,
            rule::STATE_CLAUSE_DATE,
            Effect::For,
            Some(claim.span),
            Some(r),
            || {
                format!(
                    "dates the state “{}” in its clause",
                    self.doc.slice(claim.span)
                )
            },
        );
        self.decide(
            k,
            Decision::Linked {
                record: r,
                figures: vec![],
                status: Some(si),
            },
        );
        match &mut self.links[k] {
            Link::StatusDate { statuses } => statuses.push((ci, r, si)),
            other => {
                *other = Link::StatusDate {
                    statuses: vec![(ci, r, si)],
                }
            }
        }
    }

    /// The status of `authority` in force on the article's date (or the latest).
    pub(super) fn in_force<'r>(
        &self,
        rec: &'r Record,
        authority: Option<&str>,
    ) -> Option<(usize, &'r Status)> {
        self.in_force_on(rec, authority, self.date)
    }

    /// The status of `authority` in force on `date` (or the latest).
    fn in_force_on<'r>(
        &self,
        rec: &'r Record,
        authority: Option<&str>,
        date: Option<crate::date::Date>,
    ) -> Option<(usize, &'r Status)> {
        let mut list: Vec<(usize, &Status)> = rec
            .statuses
            .iter()
            .enumerate()
            .filter(|(_, s)| s.authority.as_deref() == authority)
            .collect();
        // Undated statuses count as the oldest; among equals, the later listed wins.
        list.sort_by_key(|(i, s)| (s.date, *i));
        match date {
            Some(d) => list
                .into_iter()
                .rev()
                .find(|(_, s)| s.date.is_none_or(|sd| sd <= d)),
            None => list.pop(),
        }
    }
}

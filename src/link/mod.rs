//! Linking: which KB record, figure or status each claim is about, and why.
//!
//! Every decision the checker takes on the way from a claim to a verdict is made by a named
//! rule ([`rules`]) and recorded as [`Evidence`] in the claim's [`ClaimTrace`]: the record
//! candidates in scope, the evidence for and against each, and one [`Decision`]. Judging
//! (values, currencies, states, dates) reads the decision; `factcheck check --trace` prints
//! the whole trace, so any verdict, silence included, can be explained.

pub mod rules;

use crate::span::Span;
pub use rules::{Rule, RuleScope, Rules};

/// Which way a piece of evidence pushes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Ties the claim to a record or figure.
    For,
    /// Keeps the claim from a record or figure (another event, another buyer, a total).
    Against,
}

/// One rule's finding about one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The rule's stable id (`link::other-event-cue`).
    pub rule: &'static str,
    pub effect: Effect,
    /// The words that made the rule fire, when it has any.
    pub span: Option<Span>,
    /// The record it concerns, when it concerns one.
    pub record: Option<usize>,
    /// What the rule saw, in a few words.
    pub note: String,
}

/// Where a claim ends up.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Decision {
    /// Tied to record `record`'s figures (or status), and judged.
    Linked {
        record: usize,
        figures: Vec<usize>,
        status: Option<usize>,
    },
    /// Two or more records could own it.
    Ambiguous(Vec<usize>),
    /// Not tied to any record; `rule` is the one that decided it.
    NotLinked { rule: &'static str },
    /// The claim was never looked at for linking (a date that dates nothing, say).
    #[default]
    Unlinked,
}

/// A record that was in scope for a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub record: usize,
    /// Sentences back to the oldest of its entities' latest mentions.
    pub distance: usize,
    /// The figures (or statuses, for a state claim) the claim could be.
    pub figures: Vec<usize>,
}

/// Everything known about one claim's link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimTrace {
    pub candidates: Vec<Candidate>,
    pub evidence: Vec<Evidence>,
    pub decision: Decision,
}

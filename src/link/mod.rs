//! Linking: which KB record, figure or status each claim is about, and why.
//!
//! Every decision the checker takes on the way from a claim to a verdict is made by a named
//! rule ([`rules`]) and recorded as [`Evidence`] in the claim's [`ClaimTrace`]: the record
//! candidates in scope, the evidence for and against each, and one [`Decision`]. Judging
//! (values, currencies, states, dates) reads the decision; `factcheck check --trace` prints
//! the whole trace, so any verdict, silence included, can be explained.

mod date;
mod event;
mod figure;
mod linker;
mod party;
mod quantity;
pub mod rules;
mod scope;
mod status;

use crate::date::Date;
use crate::entity::AliasIndex;
use crate::extract::Claim;
use crate::kb::{FigureValue, Kb};
use crate::span::Span;
use crate::text::Document;
use aho_corasick::AhoCorasick;
use linker::{Linker, cue_automaton};
pub use party::{Party, PartyReader, other_parties};
pub(crate) use quantity::counts_a_part;
use rules::{self as rule};
pub use rules::{Rule, RuleScope, Rules};

/// What a claim was tied to: the link stage's output, the only thing judging reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Link {
    /// Tied to nothing (its trace names the rule that decided so).
    #[default]
    None,
    /// A count, amount, percentage or date tied to figures of one record: `agrees` is the
    /// figure its value can be, if any; `comparable` is false when no figure's value can be
    /// compared with it (a range against a date, say).
    Figure {
        record: usize,
        figures: Vec<usize>,
        agrees: Option<usize>,
        comparable: bool,
    },
    /// A status claim tied to the status in force, on the article's date, of its authority.
    Status { record: usize, status: usize },
    /// A date in the clause of agreeing status claims, tied to their statuses' dates: each
    /// as (the status claim, record, status).
    StatusDate {
        statuses: Vec<(usize, usize, usize)>,
    },
    /// Equally tied to several records, agreeing with none: each with the figures it could be.
    Ambiguous { tied: Vec<(usize, Vec<usize>)> },
    /// A thing the KB tracks elsewhere, counted or priced here, with no figure in `record`,
    /// the record named in this paragraph (`of` is the counted words).
    Untracked { record: usize, of: Span },
}

impl Link {
    /// Whether the claim was tied to a KB figure or status (and so checked).
    pub fn checked(&self) -> bool {
        matches!(
            self,
            Link::Figure { .. } | Link::Status { .. } | Link::StatusDate { .. }
        )
    }
}

/// The link stage's output for one article.
#[derive(Debug, Default)]
pub struct Links {
    /// One per claim, in the claims' order.
    pub links: Vec<Link>,
    /// One per claim when tracing, else empty.
    pub traces: Vec<ClaimTrace>,
    /// The article's entity mentions, sorted by start (for [`PartyReader`]).
    pub mentions: Vec<crate::entity::Mention>,
}

/// A KB made ready for linking: the alias automaton, per-entity tables and cue automata are
/// built once, and the KB's string references resolved to indices.
pub struct Prepared<'k> {
    pub kb: &'k Kb,
    index: AliasIndex,
    /// Records per entity, each record listed only under the `about` entity that has the
    /// fewest records (its buyer, not its missile): a record is in scope only where all its
    /// entities are mentioned, so looking it up under one of them is enough, and the rarest
    /// keeps the look-up small however many records share a weapon.
    records_of: Vec<Vec<usize>>,
    /// Entities that appear in some record's `about` (buyers, systems), for the
    /// "another event" rule.
    in_about: Vec<bool>,
    /// Per entity, the kinds of figure (count, amount, percent, and statuses) some record it
    /// is part of has: a party to another deal only for claims of those kinds (the United States of a
    /// spending share is no rival buyer of missiles).
    party_kinds: Vec<[bool; 4]>,
    /// Rules switched off, by their place in [`rule::IDS`].
    disabled: Vec<bool>,
    /// Whether any rule is switched off: when none is, [`Prepared::on`] needs no look-up.
    any_disabled: bool,
    /// The cue words of `link::other-event-cue` and `link::aggregate-cue`.
    other_event_cues: AhoCorasick,
    aggregate_cues: AhoCorasick,
    /// The cues of the rules for other quantities: unit prices, plans and targets, parts,
    /// inventories.
    unit_price_cues: AhoCorasick,
    /// The plural deal nouns of `link::several-deals`.
    several_deals_cues: AhoCorasick,
    plan_cues: AhoCorasick,
    programme_cues: AhoCorasick,
    part_cues: AhoCorasick,
    inventory_cues: AhoCorasick,
    /// `figure::deal-noun`'s nouns, `figure::prices-the-deal`'s words and exceptions,
    /// `link::definite-reference`'s determiners.
    deal_nouns: Vec<String>,
    pricing: Vec<String>,
    pricing_except: Vec<String>,
    determiners: Vec<String>,
    /// `date::note-label`'s labels.
    note_labels: Vec<String>,
    /// `link::time-back-reference`'s openings, longest first.
    back_references: Vec<String>,
    /// The things the KB counts, one of each ("jet", "missile", "aircraft": the last word of
    /// every count figure's `of` phrase, singular), and units of time: "$208 million a jet" and
    /// "$2 billion a year" are rates (`link::unit-price`).
    unit_nouns: std::collections::HashSet<String>,
}

impl<'k> Prepared<'k> {
    pub fn new(kb: &'k Kb) -> Prepared<'k> {
        let index = AliasIndex::new(kb);
        let mut records_of = vec![Vec::new(); kb.entities.len()];
        let mut in_about = vec![false; kb.entities.len()];
        let mut party_kinds = vec![[false; 4]; kb.entities.len()];
        for (ri, r) in kb.records.iter().enumerate() {
            for &e in &r.about_ix {
                records_of[e].push(ri);
                in_about[e] = true;
                for f in &r.figures {
                    match f.value {
                        FigureValue::Count(_) => party_kinds[e][0] = true,
                        FigureValue::Amount(..) => party_kinds[e][1] = true,
                        FigureValue::Percent(_) => party_kinds[e][2] = true,
                        _ => {}
                    }
                }
                party_kinds[e][3] |= !r.statuses.is_empty();
            }
        }
        let mut keyed = vec![Vec::new(); kb.entities.len()];
        for (ri, r) in kb.records.iter().enumerate() {
            if let Some(&e) = r.about_ix.iter().min_by_key(|&&e| records_of[e].len()) {
                keyed[e].push(ri);
            }
        }
        let records_of = keyed;
        let cues = |id: &str| cue_automaton(rule::cues(id));
        let owned = |w: &[&str]| w.iter().map(|w| (*w).to_string()).collect::<Vec<_>>();
        let mut unit_nouns: std::collections::HashSet<String> =
            ["year", "month", "week", "day", "hour", "unit"]
                .iter()
                .map(|w| (*w).to_string())
                .collect();
        for f in kb.records.iter().flat_map(|r| &r.figures) {
            if !matches!(f.value, FigureValue::Count(_)) {
                continue;
            }
            for o in &f.of {
                if let Some(last) = o.split_whitespace().last() {
                    let last = last.to_lowercase();
                    let one = match last.strip_suffix('s') {
                        Some(stem) if stem.len() > 2 && !stem.ends_with('s') => stem.to_string(),
                        _ => last,
                    };
                    unit_nouns.insert(one);
                }
            }
        }
        Prepared {
            kb,
            index,
            records_of,
            in_about,
            party_kinds,
            disabled: vec![false; rule::IDS.len()],
            any_disabled: false,
            other_event_cues: cues(rule::OTHER_EVENT_CUE),
            aggregate_cues: cues(rule::AGGREGATE_CUE),
            unit_price_cues: cues(rule::UNIT_PRICE),
            several_deals_cues: cues(rule::SEVERAL_DEALS),
            plan_cues: cues(rule::PLAN_OR_TARGET),
            programme_cues: cues(rule::PROGRAMME_OR_BUDGET),
            part_cues: cues(rule::PART_OF_WHOLE),
            inventory_cues: cues(rule::INVENTORY),
            deal_nouns: owned(rule::cues(rule::DEAL_NOUN)),
            pricing: owned(rule::cues(rule::PRICES_THE_DEAL)),
            pricing_except: owned(rule::except(rule::PRICES_THE_DEAL)),
            determiners: owned(rule::cues(rule::DEFINITE_REFERENCE)),
            note_labels: owned(rule::cues(rule::NOTE_DATE)),
            back_references: {
                let mut v = owned(rule::cues(rule::TIME_BACK_REFERENCE));
                v.sort_by_key(|w| std::cmp::Reverse(w.len()));
                v
            },
            unit_nouns,
        }
    }

    /// Switches the rules `ids` off (`[rules] disable` in factcheck.toml). Unknown ids are
    /// returned, each with the nearest real id, and nothing is switched off.
    #[allow(clippy::type_complexity)]
    pub fn disable(&mut self, ids: &[String]) -> Result<(), Vec<(String, Option<&'static str>)>> {
        let bad = rule::unknown(ids.iter().map(String::as_str));
        if !bad.is_empty() {
            return Err(bad);
        }
        for id in ids {
            if let Some(i) = rule::index(id) {
                self.disabled[i] = true;
                self.any_disabled = true;
            }
        }
        Ok(())
    }

    /// Whether rule `id` is on.
    pub fn on(&self, id: &str) -> bool {
        // (Asked per claim by many rules: a look-up by name only when a rule is off.)
        !self.any_disabled || rule::index(id).is_none_or(|i| !self.disabled[i])
    }

    /// Links one article's claims: for each, a [`Link`] and, when `trace`, its trace.
    /// `date` is the article's date; `dateline` the span of its dateline, if any.
    pub fn link(
        &self,
        doc: &Document,
        claims: &[Claim],
        date: Option<Date>,
        dateline: Option<Span>,
        trace: bool,
    ) -> Links {
        let (mentions, phrases) = self.index.scan(doc);
        let mut l = Linker {
            prep: self,
            doc,
            claims,
            mentions,
            phrases,
            date,
            dateline,
            mention_sentences: Default::default(),
            mention_points: Vec::new(),
            latest_buf: Default::default(),
            candidates_buf: Default::default(),
            scope_cache: Default::default(),
            traces: std::cell::RefCell::new(if trace {
                vec![ClaimTrace::default(); claims.len()]
            } else {
                Vec::new()
            }),
            links: vec![Link::None; claims.len()],
            elsewhere: vec![false; claims.len()],
            latest_date: std::cell::OnceCell::new(),
            respectively_in: {
                let mut v = vec![false; doc.sentences.len()];
                static WORD: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
                    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("respectively"));
                for i in WORD.find_iter(doc.lower().as_bytes()) {
                    v[doc.sentence_at(i)] = true;
                }
                v
            },
        };
        l.go();
        Links {
            links: l.links,
            traces: l.traces.into_inner(),
            mentions: l.mentions,
        }
    }
}

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

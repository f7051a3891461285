//! `factcheck::inconsistent-claims` (warning): two figures of one fact (exact, a bound or
//! a range) with values that cannot both hold: both tied to the same KB figure
//! (`link::same-figure`), or, untied, counting the same words of two or more
//! (`link::same-noun`), unless their clauses name two parties (`consistency::other-party`).
//!
//! Why: an article that contradicts itself is wrong somewhere, KB or not.
//! Example: "Kosovo will receive 246 Javelin missiles … the 264 Javelin missiles will …"

use super::Finding;
use super::judge::{Check, Judge};
use crate::codes::{self, Severity};
use crate::compare;
use crate::extract::{ClaimKind, Qualifier, Unit};
use crate::link::rules as rule;
use crate::link::{Effect, Link, Party, counts_a_part, other_parties};
use crate::span::Span;
use foldhash::{HashMap, HashMapExt};

pub struct InconsistentClaims;

/// How many earlier claims of one key, each of another party, a claim is held against
/// before it is left uncompared: a digest of many deals costs each claim the same.
const MAX_PARTIES: usize = 16;

impl Check for InconsistentClaims {
    fn code(&self) -> &'static str {
        codes::INCONSISTENT_CLAIMS
    }

    fn run(&self, cx: &Judge<'_, '_>, out: &mut Vec<Finding>) {
        // Key: the KB figure when linked, else the counted thing's words (two or more).
        #[derive(PartialEq, Eq, Hash)]
        enum Key {
            Kb(usize, usize),
            Np(Unit, String),
        }
        // The claims of each key a later one may be compared with, and whether the KB
        // confirms each: the first, and after it the first of each other party
        // (`consistency::other-party`).
        let mut seen: HashMap<Key, Vec<(usize, bool)>> = HashMap::new();
        let reader = cx.parties();
        // Each claim's parties, read when its key meets another claim's.
        let mut parties: HashMap<usize, Vec<(Party, Span)>> = HashMap::new();
        for (ci, c) in cx.claims.iter().enumerate() {
            let Some(q) = c.quantity() else { continue };
            // An exact value, or a bound or range: "up to 36 Apaches" in the headline and
            // "63 Apache helicopters" in the body cannot both hold.
            let bounded = matches!(
                q.qualifier,
                Qualifier::Exact | Qualifier::UpperBound | Qualifier::LowerBound | Qualifier::Range
            );
            if !bounded || c.kind == ClaimKind::Number {
                continue;
            }
            // The KB figure a claim is tied to (the one it agrees with, else its only one: a
            // wrong value left between two figures is no figure's), and whether it agrees.
            let tied = match &cx.links[ci] {
                Link::Figure {
                    record,
                    figures,
                    agrees,
                    comparable: true,
                } => Some((
                    *record,
                    agrees.or((figures.len() == 1).then(|| figures[0])),
                    agrees.is_some(),
                )),
                _ => None,
            };
            // "Three of the five biggest spenders": a part is not another value of the whole.
            if tied.is_none()
                && c.kind == ClaimKind::Count
                && cx.on(rule::PART_OF_WHOLE)
                && counts_a_part(&cx.doc.text, c)
            {
                cx.ev(
                    ci,
                    rule::PART_OF_WHOLE,
                    Effect::Against,
                    Some(c.span),
                    || "counts part of a whole: not compared with other counts".to_string(),
                );
                continue;
            }
            let key = match tied {
                Some((r, Some(f), _)) if cx.on(rule::SAME_FIGURE) => Key::Kb(r, f),
                Some(_) => continue,
                None => match &c.of {
                    Some((of, _))
                        if of.split_whitespace().count() >= 2 && cx.on(rule::SAME_NOUN) =>
                    {
                        Key::Np(q.unit, of.to_lowercase())
                    }
                    _ => continue,
                },
            };
            let agrees = tied.is_some_and(|(_, _, agrees)| agrees);
            let np_key = matches!(key, Key::Np(..));
            let Some(earlier) = seen.get_mut(&key) else {
                seen.insert(key, vec![(ci, agrees)]);
                continue;
            };
            // The earlier claim to compare with: the first one that no two parties set
            // apart from this one (claims tied to one KB figure share its record's).
            let mut partner = None;
            for &(e, e_agrees) in earlier.iter().take(MAX_PARTIES) {
                if np_key && cx.on(rule::OTHER_PARTY) {
                    for x in [e, ci] {
                        parties.entry(x).or_insert_with(|| reader.parties(x));
                    }
                    if let Some((there, here)) = other_parties(&parties[&e], &parties[&ci]) {
                        cx.ev(ci, rule::OTHER_PARTY, Effect::Against, Some(here), || {
                            format!(
                                "“{}” is named in this claim's clause and “{}” in that of “{}”: another party's figure, not compared",
                                cx.doc.slice(here),
                                cx.doc.slice(there),
                                cx.doc.slice(cx.claims[e].value_span)
                            )
                        });
                        continue;
                    }
                }
                partner = Some((e, e_agrees));
                break;
            }
            let Some((first, first_agrees)) = partner else {
                // Another party's figure: later claims of its party compare with it.
                earlier.push((ci, agrees));
                continue;
            };
            let a = &cx.claims[first];
            let Some(qa) = a.quantity() else { continue };
            // Reported on the later one, whichever of the two the KB confirms (SPEC §4): a
            // correction box giving 84 before a body giving 48 is a self-contradiction the
            // editor must see where the reader meets it second. Two values the KB both
            // confirms (36 and 20 jets under a ceiling of 40) can both hold.
            if compare::same_value(qa, q) || agrees && first_agrees {
                continue;
            }
            let (id, why) = match key {
                Key::Kb(..) => (rule::SAME_FIGURE, "linked to the same KB figure"),
                Key::Np(..) => (rule::SAME_NOUN, "counts the same words"),
            };
            cx.ev(ci, id, Effect::For, Some(a.value_span), || {
                format!(
                    "{why} as “{}” earlier, with another value",
                    cx.doc.slice(a.value_span)
                )
            });
            out.push(Finding {
                code: self.code(),
                severity: Severity::Warning,
                span: c.value_span,
                message: format!(
                    "article gives {} here but {} earlier",
                    compare::claim_text(cx.doc, c),
                    compare::claim_text(cx.doc, a)
                ),
                label: format!("{} here", cx.doc.slice(c.value_span)),
                claim: Some(ci),
                record: tied.map(|(r, ..)| r),
                figures: tied.and_then(|(_, f, _)| f).into_iter().collect(),
                status: None,
                related: vec![(
                    a.value_span,
                    format!("{} earlier", cx.doc.slice(a.value_span)),
                )],
                expected: None,
                suggestion: None,
            });
        }
    }
}

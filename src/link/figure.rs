//! Figures: which of a record's figures a claim could be (its `of` phrases, kinds, units),
//! and whether the tie is strong enough to call a mismatch.

use super::Effect;
use super::Link;
use super::linker::{Linker, Scope, fig_ids};
use super::rules::{self as rule};
use crate::extract::{Claim, ClaimKind, Unit};
use crate::kb::FigureValue;
use crate::span::Span;

impl Linker<'_, '_> {
    /// Figures of record `r` that a quantity claim can be about, each way of tying it
    /// recorded as evidence.
    pub(super) fn figures_for(&self, claim: &Claim, r: usize) -> Vec<usize> {
        let rec = &self.kb().records[r];
        let Some(q) = claim.quantity() else {
            return vec![];
        };
        let sentence = self.near(claim);
        let header = std::cell::OnceCell::new();
        let header = || {
            *header.get_or_init(|| {
                self.table_header(claim)
                    .filter(|_| self.on(rule::LIST_CONTEXT))
            })
        };
        let hits = |f: usize, within: Span| {
            self.has_phrase(within, r, f)
                || (within == sentence && header().is_some_and(|h| self.has_phrase(h, r, f)))
        };
        let of_hits = |f: usize| {
            self.on(rule::OF_PHRASE)
                && claim
                    .of
                    .as_ref()
                    .is_some_and(|(_, sp)| self.heads(*sp, r, f))
        };
        let kind = |pred: fn(&FigureValue) -> bool| -> Vec<usize> {
            rec.figures
                .iter()
                .enumerate()
                .filter(|(_, f)| pred(&f.value))
                .map(|(i, _)| i)
                .collect()
        };
        let of_span = claim.of.as_ref().map(|(_, sp)| *sp);
        let of_ev = |figs: &[usize]| {
            if !figs.is_empty() {
                self.ev_c(
                    claim,
                    rule::OF_PHRASE,
                    Effect::For,
                    of_span,
                    Some(r),
                    || {
                        format!(
                            "counts “{}”, a phrase of figure {}",
                            claim.of.as_ref().map_or("", |o| o.0.as_str()),
                            fig_ids(rec, figs)
                        )
                    },
                );
            }
        };
        match q.unit {
            Unit::Count => {
                let counts = kind(|v| matches!(v, FigureValue::Count(_)));
                let direct: Vec<usize> = counts.iter().copied().filter(|&f| of_hits(f)).collect();
                of_ev(&direct);
                // "200 Block IV Tomahawks": the words before the head name which of them.
                if let Some((narrower, named)) =
                    of_span.and_then(|np| self.narrower(np, r, &counts, &direct))
                {
                    self.ev_c(
                        claim,
                        rule::NARROWER_PHRASE,
                        Effect::For,
                        Some(named),
                        Some(r),
                        || {
                            format!(
                                "“{}”, before the head, is a phrase of figure {}: the claim counts that part",
                                self.doc.slice(named),
                                fig_ids(rec, &narrower)
                            )
                        },
                    );
                    return narrower;
                }
                // "sixty-four F-35s": the record's own system counted, and one count to be.
                if direct.is_empty()
                    && counts.len() == 1
                    && self.on(rule::OWN_THING)
                    && self.names_own_thing(claim, r)
                {
                    self.ev_c(
                        claim,
                        rule::OWN_THING,
                        Effect::For,
                        of_span,
                        Some(r),
                        || {
                            format!(
                                "counts the record's own system; its one count is figure {}",
                                fig_ids(rec, &counts)
                            )
                        },
                    );
                    counts
                } else {
                    direct
                }
            }
            Unit::Percent => {
                // "the 2% guideline": the noun the percentage modifies.
                let percents = kind(|v| matches!(v, FigureValue::Percent(_)));
                let direct: Vec<usize> = percents
                    .iter()
                    .copied()
                    .filter(|&f| {
                        self.on(rule::OF_PHRASE) && (of_hits(f) || self.modifies(claim, r, f))
                    })
                    .collect();
                if !direct.is_empty() {
                    of_ev(&direct);
                    return direct;
                }
                let figs: Vec<usize> = if self.on(rule::PHRASE_IN_SENTENCE) {
                    kind(|v| matches!(v, FigureValue::Percent(_)))
                        .into_iter()
                        .filter(|&f| hits(f, sentence))
                        .collect()
                } else {
                    vec![]
                };
                if !figs.is_empty() {
                    self.ev_c(
                        claim,
                        rule::PHRASE_IN_SENTENCE,
                        Effect::For,
                        None,
                        Some(r),
                        || {
                            format!(
                                "the sentence uses a phrase of figure {}",
                                fig_ids(rec, &figs)
                            )
                        },
                    );
                }
                figs
            }
            Unit::Money(_) => {
                let amounts = kind(|v| matches!(v, FigureValue::Amount(..)));
                if amounts.is_empty() {
                    return amounts;
                }
                let direct: Vec<usize> = amounts.iter().copied().filter(|&f| of_hits(f)).collect();
                if !direct.is_empty() {
                    of_ev(&direct);
                    return direct;
                }
                // "$60.8 billion in aid": what the amount is in or of, said right after it.
                if let (Some(label), _) = self.amount_label(claim) {
                    let named: Vec<usize> = amounts
                        .iter()
                        .copied()
                        .filter(|&f| self.heads(label, r, f))
                        .collect();
                    if !named.is_empty() {
                        self.ev_c(
                            claim,
                            rule::IN_PHRASE,
                            Effect::For,
                            Some(label),
                            Some(r),
                            || {
                                format!(
                                    "an amount in “{}”, a phrase of figure {}",
                                    self.doc.slice(label),
                                    fig_ids(rec, &named)
                                )
                            },
                        );
                        return named;
                    }
                }
                // Tied by a generic deal noun, a figure phrase elsewhere in the sentence, or
                // "for $75 million": the amount may be any of the record's amounts, so it
                // agrees when it matches one of them. Each tie is tried only while none has
                // held, unless a trace wants every one that holds.
                let every = self.tracing();
                let generic = self.on(rule::DEAL_NOUN)
                    && claim.of.as_ref().is_some_and(|(o, _)| {
                        let o = o.to_lowercase();
                        self.prep.deal_nouns.contains(&o)
                    });
                let in_sentence = (every || !generic)
                    && self.on(rule::PHRASE_IN_SENTENCE)
                    && amounts.iter().any(|&f| hits(f, sentence));
                let priced = (every || !(generic || in_sentence))
                    && self.on(rule::PRICES_THE_DEAL)
                    && claim.of.is_none()
                    && self.prices_the_deal(claim);
                // "a $2.37 billion Harpoon coastal defense sale"
                let own_thing = (every || !(generic || in_sentence || priced))
                    && self.on(rule::OWN_THING)
                    && self.names_own_thing(claim, r);
                let why = [
                    (generic, rule::DEAL_NOUN, "prices a deal noun"),
                    (
                        in_sentence,
                        rule::PHRASE_IN_SENTENCE,
                        "its sentence uses an amount figure's phrase",
                    ),
                    (
                        priced,
                        rule::PRICES_THE_DEAL,
                        "follows a pricing word: it prices the sentence's subject",
                    ),
                    (own_thing, rule::OWN_THING, "prices the record's own system"),
                ];
                for (fired, id, note) in why {
                    if fired {
                        self.ev_c(claim, id, Effect::For, of_span, Some(r), || {
                            format!("{note}: any of figure {}", fig_ids(rec, &amounts))
                        });
                    }
                }
                if generic || in_sentence || priced || own_thing {
                    amounts
                } else {
                    vec![]
                }
            }
        }
    }

    /// Whether the claim is confidently about record `r`'s figures `figs`: the sentence uses
    /// a phrase of another of the record's figures ("The package includes 264 missiles"), or
    /// it names one of the record's entities and the paragraph, up to this sentence, names
    /// them all ("Kosovo … 246 Javelin missiles"). A count of the same kind of thing with
    /// the deal named only elsewhere ("the roughly 85 aircraft still flying") is not.
    pub(super) fn confident(&self, claim: &Claim, r: usize, figs: &[usize]) -> bool {
        let sentence = self.near(claim);
        let claim_words = claim
            .of
            .as_ref()
            .map_or(claim.span, |(_, s)| s.join(claim.span));
        let phrases = self.record_phrases(sentence, r);
        let other_figure = phrases
            .iter()
            .find(|(f, sp)| !figs.contains(f) && !claim_words.overlaps(*sp));
        if let Some((f, sp)) = other_figure.filter(|_| self.on(rule::OTHER_FIGURE_IN_SENTENCE)) {
            self.ev_c(
                claim,
                rule::OTHER_FIGURE_IN_SENTENCE,
                Effect::For,
                Some(*sp),
                Some(r),
                || {
                    format!(
                        "“{}” is figure `{}` of the same record",
                        self.doc.slice(*sp),
                        self.kb().records[r].figures[*f].id
                    )
                },
            );
            return true;
        }
        let own: &[usize] = &self.kb().records[r].about_ix;
        let para = self.doc.sentences[claim.sentence].paragraph;
        let mut para_start = self.doc.paragraphs.get(para).map_or(0, |p| p.start);
        // A list item or table row is read with the paragraph that introduces its list.
        if let Some(intro) = self.list_intro(claim)
            && self.on(rule::LIST_CONTEXT)
        {
            para_start = intro.start;
            let upto = self.mentions_in(Span::new(intro.start, sentence.end));
            if own.iter().all(|e| upto.iter().any(|m| m.entity == *e)) {
                self.ev_c(
                    claim,
                    rule::LIST_CONTEXT,
                    Effect::For,
                    Some(intro),
                    Some(r),
                    || {
                        "a list item or table row, read with the paragraph that introduces it"
                            .into()
                    },
                );
            }
        }
        let named_here = self
            .mentions_in(sentence)
            .iter()
            .any(|m| own.contains(&m.entity) && sentence.contains(m.span));
        // "The sale was approved for $57 million": the deal's own phrase, after a paragraph
        // that named the deal.
        let refers_back = phrases.iter().any(|(f, _)| figs.contains(f));
        let upto = self.mentions_in(Span::new(para_start.min(sentence.end), sentence.end));
        let all_in_paragraph = own.iter().all(|e| upto.iter().any(|m| m.entity == *e));
        if (named_here || refers_back) && all_in_paragraph && self.on(rule::NAMED_IN_PARAGRAPH) {
            self.ev_c(claim, rule::NAMED_IN_PARAGRAPH, Effect::For, None, Some(r), || {
                "the sentence names the deal (or uses its figure's phrase) and its paragraph names all its entities".into()
            });
            return true;
        }
        // "The package includes 46 missiles", "the 35 deploying soldiers": a definite
        // reference back to the deal in scope, in a sentence that brings in no other name.
        if !(refers_back && self.on(rule::DEFINITE_REFERENCE) && self.definite_reference(claim, r))
        {
            self.ev_c(claim, rule::WEAK_TIE, Effect::Against, None, Some(r), || {
                "nothing in the sentence ties it to the deal: no other figure of it, its names not in the paragraph, no definite reference".into()
            });
            return !self.on(rule::WEAK_TIE);
        }
        self.ev_c(
            claim,
            rule::DEFINITE_REFERENCE,
            Effect::For,
            None,
            Some(r),
            || "“the/this/its …” refers back to the deal".into(),
        );
        if self.on(rule::UNKNOWN_NAME)
            && let Some(name) = self.unknown_name(claim, r)
        {
            self.ev_c(
                claim,
                rule::UNKNOWN_NAME,
                Effect::Against,
                Some(name),
                Some(r),
                || {
                    format!(
                        "“{}” is a name the KB does not know: the reference may be to it",
                        self.doc.slice(name)
                    )
                },
            );
            return false;
        }
        true
    }

    pub(super) fn unverified(&mut self, ci: usize, scopes: &[Scope]) {
        let claim = &self.claims[ci];
        if claim.kind != ClaimKind::Count && claim.kind != ClaimKind::Money {
            return;
        }
        // Only what the KB tracks somewhere: a thing some figure counts or prices, or a buyer
        // or system of some record ("two countries", "125 kilometers" are nobody's figure).
        let Some((of, of_span)) = &claim.of else {
            return;
        };
        let tracked = self.hits_in(*of_span).any(|h| {
            self.prep.index.figures(h.pattern).iter().any(|&(r, f)| {
                matches!(
                    (&self.kb().records[r].figures[f].value, claim.kind),
                    (FigureValue::Count(_), ClaimKind::Count)
                        | (FigureValue::Amount(..), ClaimKind::Money)
                )
            })
        }) || self
            .mentions
            .iter()
            .any(|m| of_span.contains(m.span) && self.prep.in_about[m.entity])
            || (claim.kind == ClaimKind::Money && {
                let o = of.to_lowercase();
                self.prep.deal_nouns.contains(&o)
            });
        if !tracked || !self.on(rule::TRACKED_THING) {
            return;
        }
        // Only a record named in this very paragraph: further away, the claim may be about
        // anything.
        let para = self.doc.sentences[claim.sentence].paragraph;
        let Some(sc) = scopes.iter().find(|s| {
            s.distance == 0
                || self.doc.sentences[claim.sentence - s.distance.min(claim.sentence)].paragraph
                    == para
        }) else {
            return;
        };
        // A thing of another event ("in March 2018", "a separate order") is not this
        // record's to verify (the rule that says so is in the trace).
        // (An amount after it that prices the sentence's event shares that event.)
        if self.another_event(claim, sc.record).is_some() {
            self.elsewhere[ci] = true;
            return;
        }
        let what = format!("“{}”", of.split_whitespace().collect::<Vec<_>>().join(" "));
        let rec = &self.kb().records[sc.record];
        self.ev(ci, rule::TRACKED_THING, Effect::For, Some(*of_span), Some(sc.record), || {
            format!("the KB tracks {what} elsewhere, but record `{}` in this paragraph has no figure for it", rec.id)
        });
        self.links[ci] = Link::Untracked {
            record: sc.record,
            of: *of_span,
        };
    }
}

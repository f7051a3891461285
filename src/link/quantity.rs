//! Linking counts, amounts and percentages: candidates, pairing rules, evidence against,
//! and the decision.

use super::Link;
use super::linker::{Linker, Scope, floor_char, joined_words};
use super::rules::{self as rule};
use super::{Decision, Effect};
use crate::compare::{Verdict, figure_verdict};
use crate::extract::{Claim, ClaimKind, Unit};
use crate::span::Span;
use aho_corasick::AhoCorasick;

impl Linker<'_, '_> {
    /// Words attached to the claim that make it a total over several deals (`None`: none).
    pub(super) fn aggregate(&self, claim: &Claim) -> Option<Span> {
        if !self.on(rule::AGGREGATE_CUE) {
            return None;
        }
        let at = self.clause_of(claim);
        if !self
            .prep
            .aggregate_cues
            .is_match(joined_words(self.doc.slice(at)).as_str())
        {
            return None;
        }
        self.ev_c(
            claim,
            rule::AGGREGATE_CUE,
            Effect::Against,
            Some(at),
            None,
            || format!("“{}” makes it a total over deals", self.doc.slice(at)),
        );
        Some(at)
    }

    /// "… for $75 million.", "worth $75 million": an amount that prices the sentence's subject,
    /// with no noun of its own.
    pub(super) fn prices_the_deal(&self, claim: &Claim) -> bool {
        let toks = &self.doc.tokens;
        let at = toks.partition_point(|t| t.span.end <= claim.span.start);
        let before = |k: usize| {
            at.checked_sub(k)
                .and_then(|j| toks.get(j))
                .map(|t| t.span.slice(&self.doc.text).to_lowercase())
                .unwrap_or_default()
        };
        let (b1, b2) = (before(1), before(2));
        self.prep.pricing.contains(&b1) && !self.prep.pricing_except.contains(&b2)
    }

    pub(super) fn quantity(&mut self, ci: usize) {
        let claim = &self.claims[ci];
        let Some(q) = claim.quantity() else { return };
        // Fractions and zero do not count things ("half of the missiles").
        if q.unit == Unit::Count
            && (q.value < rust_decimal::Decimal::ONE || !q.value.fract().is_zero())
            && self.on(rule::NOT_A_WHOLE_COUNT)
        {
            self.ev(
                ci,
                rule::NOT_A_WHOLE_COUNT,
                Effect::Against,
                None,
                None,
                || "below one or fractional: no count of whole things".into(),
            );
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::NOT_A_WHOLE_COUNT,
                },
            );
            return;
        }
        if claim.kind == ClaimKind::Number {
            // A bare number counts nothing an `of` phrase could name.
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::OF_PHRASE,
                },
            );
            return;
        }
        let scopes = self.scopes(claim);
        if self.tracing() {
            for sc in scopes.iter() {
                self.ev(
                    ci,
                    rule::ABOUT_ENTITIES,
                    Effect::For,
                    None,
                    Some(sc.record),
                    || format!("all its entities named, {} sentence(s) back", sc.distance),
                );
            }
        }
        // Each candidate's figures, worked out once: every later step reads them here.
        let mut figs: Vec<(usize, Vec<usize>)> = scopes
            .iter()
            .map(|s| (s.record, self.figures_for(claim, s.record)))
            .collect();
        // "821 JASSM-ER missiles and 745 AMRAAM missiles for $1.77 billion and $1.69 billion
        // respectively": the k-th amount prices the k-th thing counted before it.
        if let Some((r, own, item)) = self.respectively_item(ci)
            && let Some(k) = figs.iter().position(|(x, _)| *x == r)
        {
            // The figure whose phrase names the thing, else any amount of the record.
            let (_, mut f) = figs.swap_remove(k);
            if !own.is_empty() {
                f = own;
            } else if f.is_empty() {
                f = self.kb().records[r]
                    .figures
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| matches!(x.value, crate::kb::FigureValue::Amount(..)))
                    .map(|(i, _)| i)
                    .collect();
            }
            self.ev(
                ci,
                rule::RESPECTIVELY_ITEMS,
                Effect::For,
                Some(item),
                Some(r),
                || {
                    format!(
                        "paired in order by “respectively” with “{}”",
                        self.doc.slice(item)
                    )
                },
            );
            figs = vec![(r, f)];
        }
        let figs_of = |r: usize| -> &[usize] {
            figs.iter()
                .find(|(x, _)| *x == r)
                .map_or(&[][..], |(_, f)| f.as_slice())
        };
        self.candidates(ci, &scopes, |r| figs_of(r).to_vec());
        let mut with_figures: Vec<Scope> = scopes
            .iter()
            .copied()
            .filter(|s| !figs_of(s.record).is_empty())
            .collect();
        // The sentence names every entity of a record that has no figure for the claim, and
        // the records that do were named only in earlier sentences: the claim is about the
        // sentence's own subject ("the 2% guideline agreed by NATO"), which the KB does not
        // count, not about a deal named before.
        if self.on(rule::SENTENCE_RECORD)
            && !with_figures.is_empty()
            && with_figures.iter().all(|s| s.distance > 0)
            && let Some(own) = scopes
                .iter()
                .find(|s| s.distance == 0 && figs_of(s.record).is_empty())
        {
            self.ev(ci, rule::SENTENCE_RECORD, Effect::Against, None, Some(own.record), || {
                format!(
                    "the sentence names all of record `{}`'s entities, which has no figure for it; the records that do were named only before",
                    self.kb().records[own.record].id
                )
            });
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::SENTENCE_RECORD,
                },
            );
            self.unverified(ci, &scopes);
            return;
        }
        // "Lithuania and Latvia spend 2.85% and 3.15% respectively": the k-th figure is the
        // k-th party's; "$40 billion for Ukraine and $3.3 billion for Israel": the party named
        // right after the amount owns it.
        if with_figures.len() > 1 {
            let party = self
                .respectively(ci)
                .map(|e| {
                    (
                        e,
                        rule::RESPECTIVELY,
                        "paired in order by “respectively” with",
                    )
                })
                .or_else(|| {
                    self.labelled_for(ci)
                        .map(|e| (e, rule::LABELLED_AFTER, "labelled right after it: for"))
                });
            if let Some((e, id, why)) = party {
                self.keep_party(ci, &mut with_figures, e, id, why);
            }
        }
        // A record whose figure the claim's own noun names ("the 2% guideline") wins over
        // records tied only by words elsewhere in the sentence ("defence spending").
        if self.on(rule::OF_PHRASE) && with_figures.len() > 1 {
            let direct = |r: usize| {
                figs_of(r).iter().any(|&f| {
                    claim
                        .of
                        .as_ref()
                        .is_some_and(|(_, np)| self.heads(*np, r, f))
                        || self.modifies(claim, r, f)
                })
            };
            if with_figures.iter().any(|s| direct(s.record)) {
                with_figures.retain(|s| direct(s.record));
            }
        }
        if with_figures.is_empty() {
            let rule = if scopes.is_empty() {
                rule::ABOUT_ENTITIES
            } else {
                rule::OF_PHRASE
            };
            self.decide(ci, Decision::NotLinked { rule });
            self.trace_later(ci, !scopes.is_empty());
            self.unverified(ci, &scopes);
            return;
        }
        let chosen = match self.choose(claim, with_figures.clone()) {
            // Named nowhere in its sentence while another deal with the same figure is in
            // scope: as unclear as a tie.
            Ok(Some(sc))
                if with_figures.len() > 1
                    && self.on(rule::UNNAMED_AMONG_SEVERAL)
                    && !self.named_in_sentence(claim, sc.record, &with_figures)
                    && !self.uses_most(claim, sc.record, &with_figures) =>
            {
                self.ev(ci, rule::UNNAMED_AMONG_SEVERAL, Effect::Against, None, Some(sc.record), || {
                    "the sentence names none of its own entities while other candidates have the figure too".into()
                });
                Err(with_figures.clone())
            }
            other => other,
        };
        match chosen {
            Ok(Some(sc)) => {
                let figs = figs_of(sc.record).to_vec();
                let foreign =
                    self.on(rule::FOREIGN_MODEL) && self.foreign_model(claim, &with_figures);
                let twin = self.twin_deal(claim, sc, &scopes);
                self.compare_quantity(ci, sc.record, figs, foreign, twin);
            }
            Ok(None) => {}
            Err(tied) => {
                // Agreeing with any of the tied records is no alarm.
                let agreeing = tied.iter().find_map(|s| {
                    let figs = figs_of(s.record).to_vec();
                    figs.iter()
                        .any(|&f| {
                            figure_verdict(claim, &self.kb().records[s.record].figures[f])
                                == Verdict::Agrees
                        })
                        .then_some((s.record, figs))
                });
                if let Some((record, figures)) = agreeing.filter(|_| self.on(rule::VALUE_AGREES)) {
                    self.ev(
                        ci,
                        rule::VALUE_AGREES,
                        Effect::For,
                        None,
                        Some(record),
                        || "the value agrees with one of the tied records".into(),
                    );
                    self.decide(
                        ci,
                        Decision::Linked {
                            record,
                            figures: figures.clone(),
                            status: None,
                        },
                    );
                    let agrees = figures.iter().copied().find(|&f| {
                        figure_verdict(claim, &self.kb().records[record].figures[f])
                            == Verdict::Agrees
                    });
                    self.links[ci] = Link::Figure {
                        record,
                        agrees,
                        figures,
                        comparable: true,
                    };
                } else if self.aggregate(claim).is_some() {
                    self.decide(
                        ci,
                        Decision::NotLinked {
                            rule: rule::AGGREGATE_CUE,
                        },
                    );
                } else if let Some(rule) = self.other_quantity(claim, tied[0].record) {
                    self.decide(ci, Decision::NotLinked { rule });
                } else if self.on(rule::FOREIGN_MODEL) && self.foreign_model(claim, &tied) {
                    self.decide(
                        ci,
                        Decision::NotLinked {
                            rule: rule::FOREIGN_MODEL,
                        },
                    );
                } else {
                    self.ambiguous(ci, &tied);
                }
            }
        }
    }

    /// "a jet", "an aircraft", "a year" right after an amount ("$208 million a jet"): the
    /// amount is a rate, per one of the things the KB counts or per unit of time.
    fn rate_after(&self, claim: &Claim) -> Option<Span> {
        let toks = &self.doc.tokens;
        let k = toks.partition_point(|t| t.span.start < claim.span.end);
        let (a, noun) = (toks.get(k)?, toks.get(k + 1)?);
        let word = |t: &crate::text::Token| self.doc.slice(t.span);
        let article = matches!(word(a), "a" | "an");
        let same_sentence = a.sentence == claim.sentence && noun.sentence == claim.sentence;
        (article
            && same_sentence
            && self
                .prep
                .unit_nouns
                .contains(word(noun).to_lowercase().as_str()))
        .then(|| Span::new(a.span.start, noun.span.end))
    }

    /// Whether the claim is another kind of quantity than the deal's figure (SPEC §4): a
    /// unit price, a plan or target, a part of the whole, an inventory. The rule that says
    /// so, with its evidence.
    pub(super) fn other_quantity(&self, claim: &Claim, r: usize) -> Option<&'static str> {
        let clause = self.clause_of(claim);
        let in_clause = |a: &AhoCorasick| {
            let joined = joined_words(self.doc.slice(clause));
            // "per cent" is a percentage, not a price per unit.
            a.find_overlapping_iter(joined.as_str()).any(|m| {
                !(joined[m.end()..].starts_with("cent ") && joined[..m.end()].ends_with(" per "))
            })
        };
        let fire = |id: &'static str, at: Span, what: &str| {
            self.ev_c(claim, id, Effect::Against, Some(at), Some(r), || {
                format!(
                    "“{}”: {what}",
                    self.doc
                        .slice(at)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            });
            Some(id)
        };
        if claim.kind == ClaimKind::Money
            && self.on(rule::UNIT_PRICE)
            && in_clause(&self.prep.unit_price_cues)
        {
            return fire(
                rule::UNIT_PRICE,
                clause,
                "a price per unit, not the deal's value",
            );
        }
        if claim.kind == ClaimKind::Money
            && self.on(rule::UNIT_PRICE)
            && let Some(rate) = self.rate_after(claim)
        {
            return fire(
                rule::UNIT_PRICE,
                rate,
                "right after the amount, a rate per thing or per time, not the deal's value",
            );
        }
        // An amount whose own noun is the deal ("a $75 million package") is the deal's
        // value, whatever programme the sentence also names.
        let names_the_deal = claim.of.as_ref().is_some_and(|(o, np)| {
            self.prep.deal_nouns.contains(&o.to_lowercase())
                || self.kb().records[r]
                    .figures
                    .iter()
                    .enumerate()
                    .any(|(f, _)| self.heads(*np, r, f))
        });
        if claim.kind == ClaimKind::Money
            && self.on(rule::PROGRAMME_OR_BUDGET)
            && !names_the_deal
            && let Some(at) = self.attached_cue(claim, &self.prep.programme_cues)
        {
            return fire(
                rule::PROGRAMME_OR_BUDGET,
                at,
                "a programme or budget the deal belongs to, not the deal's value",
            );
        }
        if matches!(claim.kind, ClaimKind::Percent | ClaimKind::Money)
            && self.on(rule::PLAN_OR_TARGET)
            && in_clause(&self.prep.plan_cues)
        {
            return fire(
                rule::PLAN_OR_TARGET,
                clause,
                "a plan, target or forecast, not what was done",
            );
        }
        if claim.kind == ClaimKind::Count && self.on(rule::PART_OF_WHOLE) {
            if counts_a_part(&self.doc.text, claim) {
                return fire(rule::PART_OF_WHOLE, claim.span, "counts part of a whole");
            }
            if let Some(at) = self.attached_cue(claim, &self.prep.part_cues) {
                // (the rule is on: checked above)
                return fire(
                    rule::PART_OF_WHOLE,
                    at,
                    "counts a part: a first batch or tranche",
                );
            }
        }
        if claim.kind == ClaimKind::Count
            && self.on(rule::INVENTORY)
            && let Some(at) = self.attached_cue(claim, &self.prep.inventory_cues)
        {
            return fire(
                rule::INVENTORY,
                at,
                "counts a fleet or stock in service, not an order",
            );
        }
        None
    }

    /// Keeps the candidates that have party `e` among their entities, when any does,
    /// recording rule `id` as the evidence.
    pub(super) fn keep_party(
        &self,
        ci: usize,
        scopes: &mut Vec<Scope>,
        e: usize,
        id: &'static str,
        why: &str,
    ) {
        let kept: Vec<Scope> = scopes
            .iter()
            .copied()
            .filter(|s| self.kb().records[s.record].about_ix.contains(&e))
            .collect();
        if let Some(first) = kept.first() {
            self.ev(ci, id, Effect::For, None, Some(first.record), || {
                let name = self.kb().entities[e]
                    .names
                    .first()
                    .map_or("", String::as_str);
                format!("{why} “{name}”")
            });
            *scopes = kept;
        }
    }

    /// The party named by "for X" or "to X" right after an amount ("$3.3 billion for
    /// Israel"), when X is an entity of some record.
    pub(super) fn labelled_for(&self, ci: usize) -> Option<usize> {
        if !self.on(rule::LABELLED_AFTER) {
            return None;
        }
        let claim = &self.claims[ci];
        if claim.kind != ClaimKind::Money {
            return None;
        }
        let text = &self.doc.text;
        let (label, end) = self.amount_label(claim);
        // "$3.3 billion for Israel", "$26.4 billion in aid for Israel"
        let end = label.map_or(end, |l| l.end);
        let look = floor_char(text, (end + 16).min(text.len()));
        let after = text.get(end..look).unwrap_or("").to_ascii_lowercase();
        let skip = after.len() - after.trim_start().len();
        let rest = &after[skip..];
        let mut word = if rest.starts_with("for ") {
            4
        } else if rest.starts_with("to ") {
            3
        } else {
            return None;
        };
        // "$8.1 billion for the Indo-Pacific"
        if rest.get(word..).is_some_and(|r| r.starts_with("the ")) {
            word += 4;
        }
        let at = end + skip + word;
        self.mentions_in(Span::new(at, (at + 1).min(text.len())))
            .iter()
            .find(|m| m.span.start == at && self.prep.in_about[m.entity])
            .map(|m| m.entity)
    }

    /// What an amount is said to be "in" or "of", right after it: "aid" in "$60.8 billion in
    /// aid for Ukraine", "military assistance" in "$2 billion of military assistance". At
    /// most three words, stopping before "for" or "to", a number or punctuation. Returns
    /// that phrase's span (none when the amount has no such label) and the end of the amount.
    pub(super) fn amount_label(&self, claim: &Claim) -> (Option<Span>, usize) {
        let text = &self.doc.text;
        let end = claim.value_span.end;
        if claim.kind != ClaimKind::Money || !self.on(rule::IN_PHRASE) {
            return (None, end);
        }
        let look = floor_char(text, (end + 48).min(text.len()));
        let after = text.get(end..look).unwrap_or("");
        let rest = after.trim_start_matches(' ');
        let intro = ["in ", "of ", "worth of "].iter().find(|w| {
            rest.get(..w.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(w))
        });
        let Some(intro) = intro else {
            return (None, end);
        };
        let start = end + (after.len() - rest.len()) + intro.len();
        let mut stop = start;
        let mut at = start;
        for word in text.get(start..look).unwrap_or("").split(' ').take(3) {
            let is_word = !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
            if !is_word
                || ["for", "to", "and", "or", "a", "an", "the"]
                    .iter()
                    .any(|w| word.eq_ignore_ascii_case(w))
            {
                // "in aid, ...": a word with punctuation ends the phrase after it
                let bare = word.trim_end_matches([',', ';', ':', '.', ')']);
                if bare.len() < word.len()
                    && !bare.is_empty()
                    && bare.chars().all(|c| c.is_alphabetic() || c == '-')
                {
                    stop = at + bare.len();
                }
                break;
            }
            at += word.len();
            stop = at;
            at += 1;
        }
        if stop == start {
            return (None, end);
        }
        (Some(Span::new(start, stop)), end)
    }

    /// In a sentence with "respectively", the entity claim `ci` is paired with: the claims of
    /// its kind in the sentence and the distinct parties named before the first of them, in
    /// order, when there are as many of each.
    pub(super) fn respectively(&self, ci: usize) -> Option<usize> {
        if !self.on(rule::RESPECTIVELY) {
            return None;
        }
        let claim = &self.claims[ci];
        let sent = self.doc.sentences[claim.sentence].span;
        if !self
            .respectively_in
            .get(claim.sentence)
            .copied()
            .unwrap_or(false)
        {
            return None;
        }
        let same: Vec<&Claim> = self
            .claims_near(claim)
            .iter()
            .filter(|c| c.kind == claim.kind)
            .collect();
        let k = same.iter().position(|c| std::ptr::eq(*c, claim))?;
        let first = same.first()?.span.start;
        let mut parties: Vec<usize> = Vec::new();
        for m in self.mentions_in(Span::new(sent.start, first)) {
            let e = &self.kb().entities[m.entity];
            if !e.authority && self.prep.in_about[m.entity] && !parties.contains(&m.entity) {
                parties.push(m.entity);
            }
        }
        (parties.len() == same.len() && same.len() >= 2).then(|| parties[k])
    }

    /// A count that arrived or was delivered ("eight to 10 tanks arrived", "delivered 12
    /// jets"), below every count figure it could be: a delivery so far, not the order. The
    /// delivery word: up to three words after the counted noun (past a dash or comma), or
    /// right before the number.
    pub(super) fn delivered_so_far(&self, claim: &Claim, r: usize, figs: &[usize]) -> Option<Span> {
        if claim.kind != ClaimKind::Count || !self.on(rule::DELIVERED_SO_FAR) {
            return None;
        }
        let q = claim.quantity()?;
        let rec = &self.kb().records[r];
        let below = !figs.is_empty()
            && figs.iter().all(|&f| match &rec.figures[f].value {
                crate::kb::FigureValue::Count(b) => {
                    let top = q.max.unwrap_or(q.value);
                    b.min.is_some_and(|m| top < m)
                }
                _ => false,
            });
        if !below {
            return None;
        }
        let text = &self.doc.text;
        let sent = self.doc.sentences[claim.sentence].span;
        let np_end = claim
            .of
            .as_ref()
            .map_or(claim.span.end, |(_, sp)| sp.end.max(claim.span.end));
        let is_cue = |w: &str| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            rule::cues(rule::DELIVERED_SO_FAR).iter().any(|c| *c == w)
        };
        let end = floor_char(text, (np_end + 60).min(sent.end));
        let after = text.get(np_end..end).unwrap_or("");
        let lead = after.len()
            - after
                .trim_start_matches(|c: char| c.is_whitespace() || "—–-,".contains(c))
                .len();
        let mut at = np_end + lead;
        for w in after[lead..].split_whitespace().take(3) {
            let start = at + text.get(at..end).and_then(|t| t.find(w)).unwrap_or(0);
            if is_cue(w) {
                return Some(Span::new(start, start + w.len()));
            }
            at = start + w.len();
        }
        let begin = floor_char(text, claim.span.start.saturating_sub(30).max(sent.start));
        let before = text.get(begin..claim.span.start).unwrap_or("");
        let last = before.split_whitespace().last()?;
        is_cue(last).then(|| {
            let s = claim.span.start - (before.len() - before.trim_end().len()) - last.len();
            Span::new(s, s + last.len())
        })
    }

    /// Another candidate record about exactly the same entities as the chosen one (two sales
    /// of one system to one buyer, years apart), in scope at least as near: a value that is
    /// not the chosen record's may be that deal's.
    /// A twin the paragraph tells apart by the values it gives ("the 250 Abrams tanks" is
    /// the 250-tank deal's) is no twin, unless the claim's own value is one of the twin's
    /// figures ("the earlier order covered 11 launchers" in a paragraph about the new sale).
    pub(super) fn twin_deal(
        &self,
        claim: &Claim,
        chosen: Scope,
        scopes: &[Scope],
    ) -> Option<usize> {
        if !self.on(rule::TWIN_DEAL) {
            return None;
        }
        // The values are counted only where a twin is in scope (rare), not for every claim.
        let mine = std::cell::OnceCell::new();
        scopes
            .iter()
            .find(|s| {
                s.record != chosen.record
                    && s.distance <= chosen.distance
                    && self.same_parties(chosen.record, s.record)
                    && (self.values_given(claim, s.record)
                        >= *mine.get_or_init(|| self.values_given(claim, chosen.record))
                        || self.agrees_with_record(claim, s.record))
            })
            .map(|s| s.record)
    }

    /// Whether the claim's value can be one of record `r`'s figures for it.
    fn agrees_with_record(&self, claim: &Claim, r: usize) -> bool {
        let rec = &self.kb().records[r];
        self.figures_for(claim, r)
            .iter()
            .any(|&f| figure_verdict(claim, &rec.figures[f]) == Verdict::Agrees)
    }

    /// Whether records `a` and `b` are about exactly the same entities.
    fn same_parties(&self, a: usize, b: usize) -> bool {
        let (a, b) = (
            &self.kb().records[a].about_ix,
            &self.kb().records[b].about_ix,
        );
        a.len() == b.len() && a.iter().all(|x| b.contains(x))
    }

    /// Among tied twin records (the same entities), the one whose figures' values the
    /// paragraph gives, when exactly one does most.
    pub(super) fn twin_by_values(&self, claim: &Claim, tied: &[Scope]) -> Option<Scope> {
        let first = tied.first()?;
        let twins = tied
            .iter()
            .all(|s| self.same_parties(first.record, s.record));
        if !twins || !self.on(rule::TWIN_DEAL) {
            return None;
        }
        let mut by: Vec<(usize, Scope)> = tied
            .iter()
            .map(|s| (self.values_given(claim, s.record), *s))
            .collect();
        by.sort_by_key(|(v, _)| std::cmp::Reverse(*v));
        (by[0].0 > 0 && by.get(1).is_none_or(|b| b.0 < by[0].0)).then_some(by[0].1)
    }

    /// How many other claims of the claim's paragraph, up to the end of its sentence, give
    /// a value one of record `r`'s figures holds.
    pub(super) fn values_given(&self, claim: &Claim, r: usize) -> usize {
        let rec = &self.kb().records[r];
        let sents = &self.doc.sentences;
        let para = sents[claim.sentence].paragraph;
        let end = sents[claim.sentence].span.end;
        // The paragraph's first sentence, within a bounded reach back.
        let mut first = claim.sentence;
        while first > 0 && claim.sentence - first < 8 && sents[first - 1].paragraph == para {
            first -= 1;
        }
        // Bounded reach either side, so a sentence of thousands of claims costs each claim
        // the same (as `near`).
        let start = sents[first]
            .span
            .start
            .max(claim.span.start.saturating_sub(1200));
        let end = end.min(self.near(claim).end);
        let lo = self.claims.partition_point(|c| c.span.start < start);
        let hi = self.claims.partition_point(|c| c.span.start < end);
        self.claims[lo..hi]
            .iter()
            .filter(|c| !std::ptr::eq(*c, claim) && c.quantity().is_some())
            .filter(|c| {
                rec.figures
                    .iter()
                    .any(|f| figure_verdict(c, f) == Verdict::Agrees)
            })
            .count()
    }

    /// For an amount in a sentence with "respectively" that lists as many counted things
    /// before its amounts as it has amounts: the record the k-th count is linked to, that
    /// record's amount figures whose phrase heads the count's noun (empty: any of them), and
    /// the count's words.
    pub(super) fn respectively_item(&self, ci: usize) -> Option<(usize, Vec<usize>, Span)> {
        let claim = &self.claims[ci];
        if !self.on(rule::RESPECTIVELY_ITEMS)
            || claim.kind != ClaimKind::Money
            || !self
                .respectively_in
                .get(claim.sentence)
                .copied()
                .unwrap_or(false)
        {
            return None;
        }
        let near = self.claims_near(claim);
        let amounts: Vec<&Claim> = near.iter().filter(|c| c.kind == ClaimKind::Money).collect();
        let k = amounts.iter().position(|c| std::ptr::eq(*c, claim))?;
        let first = amounts.first()?.span.start;
        let items: Vec<&Claim> = near
            .iter()
            .filter(|c| c.kind == ClaimKind::Count && c.span.end <= first)
            .collect();
        if amounts.len() < 2 || items.len() != amounts.len() {
            return None;
        }
        let item = items[k];
        let Link::Figure { record, .. } = self.links[self.index_of(item)?] else {
            return None;
        };
        let own: Vec<usize> = match &item.of {
            Some((_, np)) => self.kb().records[record]
                .figures
                .iter()
                .enumerate()
                .filter(|(f, fig)| {
                    matches!(fig.value, crate::kb::FigureValue::Amount(..))
                        && self.heads(*np, record, *f)
                })
                .map(|(f, _)| f)
                .collect(),
            None => Vec::new(),
        };
        Some((record, own, item.span))
    }

    /// `link::repeats-unlinked`: the earlier claim whose value claim `ci` repeats, when
    /// that one was tied to no record and no entity of record `r` is named in `ci`'s own
    /// sentence ("the $1.3 billion estimate" after "a deal worth up to $1.3 billion" that
    /// named none of the record's systems).
    pub(super) fn repeats_unlinked(&self, ci: usize, r: usize) -> Option<usize> {
        let claim = &self.claims[ci];
        let q = claim.quantity()?;
        if !self.on(rule::REPEATS_UNLINKED)
            || self.kb().records[r]
                .about_ix
                .iter()
                .any(|&e| self.named_here(claim, e))
        {
            return None;
        }
        // (The 64 claims before it at most: each claim costs the same.)
        (ci.saturating_sub(64)..ci).find(|&k| {
            let c = &self.claims[k];
            matches!(self.links[k], Link::None)
                && c.quantity()
                    .is_some_and(|p| p.unit == q.unit && p.value == q.value)
        })
    }

    pub(super) fn compare_quantity(
        &mut self,
        ci: usize,
        r: usize,
        figs: Vec<usize>,
        foreign: bool,
        twin: Option<usize>,
    ) {
        let claim = &self.claims[ci];
        let rec = &self.kb().records[r];
        let verdicts: Vec<Verdict> = figs
            .iter()
            .map(|&f| figure_verdict(claim, &rec.figures[f]))
            .collect();
        let agrees = verdicts.iter().position(|v| *v == Verdict::Agrees);
        if let Some(pos) = agrees.filter(|_| self.on(rule::VALUE_AGREES)) {
            self.ev(ci, rule::VALUE_AGREES, Effect::For, None, Some(r), || {
                format!("the value can be figure `{}`'s", rec.figures[figs[pos]].id)
            });
            self.decide(
                ci,
                Decision::Linked {
                    record: r,
                    figures: vec![figs[pos]],
                    status: None,
                },
            );
            self.links[ci] = Link::Figure {
                record: r,
                figures: vec![figs[pos]],
                agrees: Some(figs[pos]),
                comparable: true,
            };
            return;
        }
        // A total the record keeps ("a combined $3.01 billion", a figure marked `total`):
        // the claim is that figure, not one deal's.
        let totals: Vec<usize> = figs
            .iter()
            .copied()
            .filter(|&f| rec.figures[f].total)
            .collect();
        // Evidence against: each keeps the claim from the record, with no finding and no
        // link for the consistency check either.
        let aggregate = self.aggregate(claim);
        let against = if let Some(at) = aggregate {
            if !totals.is_empty() && self.on(rule::RECORDED_TOTAL) {
                self.ev(
                    ci,
                    rule::RECORDED_TOTAL,
                    Effect::For,
                    Some(at),
                    Some(r),
                    || {
                        format!(
                            "the record keeps the total: figure {}",
                            super::linker::fig_ids(rec, &totals)
                        )
                    },
                );
                None
            } else {
                Some(rule::AGGREGATE_CUE)
            }
        } else if let Some(rule) = self.other_quantity(claim, r) {
            Some(rule)
        } else if let Some(rule) = self.out_of_period(claim, r, &figs) {
            Some(rule)
        } else if let Some(rule) = self.old_record(claim, r) {
            Some(rule)
        } else if let Some(first) = self.repeats_unlinked(ci, r) {
            self.ev(ci, rule::REPEATS_UNLINKED, Effect::Against, Some(self.claims[first].value_span), Some(r), || {
                format!("repeats “{}”, which the article gave earlier and nothing tied to record `{}`; no entity of the record is named in its sentence", self.doc.slice(self.claims[first].value_span), rec.id)
            });
            Some(rule::REPEATS_UNLINKED)
        } else if let Some(rule) = self.unknown_party(claim, r) {
            Some(rule)
        } else if let Some(other) = self.shares_another_event(ci) {
            self.ev(ci, rule::SHARES_ANOTHER_EVENT, Effect::Against, Some(self.claims[other].value_span), Some(r), || {
                format!("it prices the sentence's event, and “{}” before it was placed in another event", self.doc.slice(self.claims[other].value_span))
            });
            Some(rule::SHARES_ANOTHER_EVENT)
        } else if foreign {
            Some(rule::FOREIGN_MODEL)
        } else if let Some(at) = self.delivered_so_far(claim, r, &figs) {
            self.ev(
                ci,
                rule::DELIVERED_SO_FAR,
                Effect::Against,
                Some(at),
                Some(r),
                || {
                    format!(
                        "“{}”: a delivery so far, below the order's figure",
                        self.doc.slice(at)
                    )
                },
            );
            Some(rule::DELIVERED_SO_FAR)
        } else if let Some(t) = twin {
            let why = if self.agrees_with_record(claim, t) {
                "the value is one of that deal's figures"
            } else {
                "the value may be that deal's"
            };
            self.ev(ci, rule::TWIN_DEAL, Effect::Against, None, Some(r), || {
                format!(
                    "record `{}` is another deal between the same parties, as near: {why}",
                    self.kb().records[t].id
                )
            });
            Some(rule::TWIN_DEAL)
        } else {
            self.another_event(claim, r)
        };
        if let Some(rule) = against {
            self.decide(ci, Decision::NotLinked { rule });
            if rule != rule::AGGREGATE_CUE {
                self.elsewhere[ci] = true;
            }
            return;
        }
        let (figs, verdicts) = if !totals.is_empty() && aggregate.is_some() {
            let v = totals
                .iter()
                .map(|&f| figure_verdict(claim, &rec.figures[f]))
                .collect::<Vec<_>>();
            (totals, v)
        } else {
            (figs, verdicts)
        };
        let agrees = verdicts.iter().position(|v| *v == Verdict::Agrees);
        let comparable = !verdicts.iter().all(|v| *v == Verdict::Incomparable);
        if agrees.is_none() && comparable && !self.confident(claim, r, &figs) {
            // Nothing in the sentence names this deal: too weak a tie to call a mismatch.
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::WEAK_TIE,
                },
            );
            return;
        }
        self.decide(
            ci,
            Decision::Linked {
                record: r,
                figures: figs.clone(),
                status: None,
            },
        );
        self.links[ci] = Link::Figure {
            record: r,
            agrees: agrees.map(|p| figs[p]),
            figures: figs,
            comparable,
        };
    }

    pub(super) fn ambiguous(&mut self, ci: usize, tied: &[Scope]) {
        let claim = &self.claims[ci];
        // Only worth a warning when the sentence names one of the deals and is not about yet
        // another one ("Poland (32 jets, for $4.6 billion)" among F-35 buyers).
        // Only worth a warning when the sentence names one of the deals' entities (the buyer
        // or the system) and is not about yet another deal.
        let named = tied.iter().any(|s| {
            self.kb().records[s.record]
                .about_ix
                .iter()
                .any(|&e| self.named_here(claim, e))
        });
        if !self.on(rule::NAMED_FOR_AMBIGUITY) {
            return;
        }
        // Two deals between the same parties: the value may be either's, no warning.
        if let Some(first) = tied.first().copied()
            && let Some(twin) = self.twin_deal(claim, first, tied)
        {
            self.ev(ci, rule::TWIN_DEAL, Effect::Against, None, Some(first.record), || {
                format!(
                    "record `{}` is another deal between the same parties, as near: the value may be that deal's",
                    self.kb().records[twin].id
                )
            });
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::TWIN_DEAL,
                },
            );
            return;
        }
        if !named {
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::NAMED_FOR_AMBIGUITY,
                },
            );
            return;
        }
        if let Some(rule) = tied
            .iter()
            .map(|s| self.another_event(claim, s.record))
            .collect::<Option<Vec<_>>>()
        {
            self.decide(ci, Decision::NotLinked { rule: rule[0] });
            return;
        }
        self.ev(
            ci,
            rule::NAMED_FOR_AMBIGUITY,
            Effect::For,
            None,
            None,
            || "the sentence names one of the tied deals".into(),
        );
        self.decide(
            ci,
            Decision::Ambiguous(tied.iter().map(|s| s.record).collect()),
        );
        self.links[ci] = Link::Ambiguous {
            tied: tied
                .iter()
                .map(|s| (s.record, self.figures_for(claim, s.record)))
                .collect(),
        };
    }
}

/// Whether a count is a part of a whole named right after it: "a dozen of the soldiers",
/// "20 of its 40 jets", "Three of the five biggest spenders" (not "all 33 of the soldiers",
/// which is the whole). A few words either side are enough, and keep each claim's cost the
/// same.
pub(crate) fn counts_a_part(text: &str, claim: &Claim) -> bool {
    let end = floor_char(text, (claim.value_span.end + 24).min(text.len()));
    let after = text
        .get(claim.value_span.end..end)
        .unwrap_or("")
        .trim_start();
    let start = floor_char(text, claim.span.start.saturating_sub(8));
    let before = text.get(start..claim.span.start).unwrap_or("").trim_end();
    let all = before.as_bytes().ends_with(b"all") || before.as_bytes().ends_with(b"All");
    let partitive = [
        "of the ",
        "of its ",
        "of their ",
        "of those ",
        "of these ",
        "of our ",
    ]
    .iter()
    .any(|p| {
        after.len() >= p.len() && after.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    });
    partitive && !all
}

//! Scope: which records a claim could be about (all their entities named in its sentence or
//! before it), and choosing among them: nearest, then the one the sentence names most.

use super::linker::{Linker, Scope};
use super::rules::{self as rule};
use super::{Decision, Effect};
use crate::extract::{Claim, ClaimKind};
use crate::span::Span;

impl Linker<'_, '_> {
    /// The records in scope at a claim's sentence, nearest first, worked out once per
    /// sentence and shared by its claims. They change only at a sentence that mentions an
    /// entity: in the sentences after it that mention none, every distance is one more per
    /// sentence and nothing else changes, so those are the mentioning sentence's, shifted.
    pub(super) fn scopes(&self, claim: &Claim) -> std::rc::Rc<[Scope]> {
        self.scopes_in(claim.sentence)
    }

    fn scopes_in(&self, s: usize) -> std::rc::Rc<[Scope]> {
        if let Some(Some(sc)) = self.scope_cache.borrow().get(s) {
            return sc.clone();
        }
        let k = self.mention_points.partition_point(|&x| x <= s);
        let out: std::rc::Rc<[Scope]> = match k.checked_sub(1).map(|k| self.mention_points[k]) {
            // No entity named yet: no record in scope.
            None => std::rc::Rc::new([]),
            Some(p) if p == s => self.scopes_at(s).into(),
            Some(p) => {
                let shifted: std::rc::Rc<[Scope]> = self
                    .scopes_in(p)
                    .iter()
                    .map(|sc| Scope {
                        distance: sc.distance + (s - p),
                        ..*sc
                    })
                    .collect();
                // Every test run (they build with debug assertions) checks the shortcut.
                debug_assert_eq!(&shifted[..], &self.scopes_at(s)[..]);
                shifted
            }
        };
        let mut cache = self.scope_cache.borrow_mut();
        if cache.len() <= s {
            cache.resize(s + 1, None);
        }
        cache[s] = Some(out.clone());
        out
    }

    pub(super) fn scopes_at(&self, s: usize) -> Vec<Scope> {
        if !self.on(rule::ABOUT_ENTITIES) {
            return Vec::new();
        }
        // Entity → its latest mention's sentence at or before s, in entity order (the pairs').
        let mut latest = self.latest_buf.take();
        latest.clear();
        latest.extend(
            self.mention_sentences
                .chunk_by(|a, b| a.0 == b.0)
                .filter_map(|sents| {
                    let k = sents.partition_point(|&(_, x)| x <= s);
                    (k > 0).then(|| sents[k - 1])
                }),
        );
        let latest_of = |e: usize| {
            latest
                .binary_search_by_key(&e, |&(x, _)| x)
                .ok()
                .map(|k| latest[k].1)
        };
        let mut candidates = self.candidates_buf.take();
        candidates.clear();
        for &(e, _) in &latest {
            candidates.extend_from_slice(&self.prep.records_of[e]);
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut out = Vec::with_capacity(candidates.len());
        for r in candidates.iter().copied() {
            let about = &self.kb().records[r].about_ix;
            let mut oldest = s;
            let mut ok = !about.is_empty();
            for &a in about {
                match latest_of(a) {
                    Some(ms) => oldest = oldest.min(ms),
                    None => ok = false,
                }
            }
            if ok {
                out.push(Scope {
                    record: r,
                    distance: s - oldest,
                    nearness: usize::MAX,
                });
            }
        }
        self.latest_buf.replace(latest);
        self.candidates_buf.replace(candidates);
        out.sort_by_key(|sc| (sc.distance, sc.record));
        if let Some(d) = self.date
            && self.on(rule::RECORD_AFTER_ARTICLE)
        {
            out.retain(|sc| self.kb().records[sc.record].date.is_none_or(|rd| rd <= d));
        }
        out
    }

    /// Records whose entities are all named by the claim's sentence but which are dated
    /// after the article (for the trace).
    pub(super) fn later_records(&self, claim: &Claim) -> Vec<usize> {
        let Some(d) = self.date.filter(|_| self.on(rule::RECORD_AFTER_ARTICLE)) else {
            return vec![];
        };
        let s = claim.sentence;
        // Its first mention at or before the sentence.
        let named = |&e: &usize| {
            let k = self.mention_sentences.partition_point(|&(x, _)| x < e);
            self.mention_sentences
                .get(k)
                .is_some_and(|&(x, first)| x == e && first <= s)
        };
        (0..self.kb().records.len())
            .filter(|&r| {
                self.kb().records[r].date.is_some_and(|rd| rd > d)
                    && !self.kb().records[r].about_ix.is_empty()
                    && self.kb().records[r].about_ix.iter().all(named)
            })
            .collect()
    }

    /// Traces the records left out for being dated after the article; when nothing else is
    /// in scope, that is the decision.
    pub(super) fn trace_later(&self, ci: usize, left: bool) {
        if !self.tracing() {
            return;
        }
        let later = self.later_records(&self.claims[ci]);
        for &r in &later {
            self.ev(
                ci,
                rule::RECORD_AFTER_ARTICLE,
                Effect::Against,
                None,
                Some(r),
                || {
                    format!(
                        "record `{}` is dated {}, after the article",
                        self.kb().records[r].id,
                        self.kb().records[r]
                            .date
                            .map(|d| d.to_string())
                            .unwrap_or_default()
                    )
                },
            );
        }
        if !later.is_empty() && !left {
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::RECORD_AFTER_ARTICLE,
                },
            );
        }
    }

    /// Among scopes with candidates, the nearest; `Err` with the tied ones when it cannot be
    /// decided.
    pub(super) fn choose(
        &self,
        claim: &Claim,
        mut scopes: Vec<Scope>,
    ) -> Result<Option<Scope>, Vec<Scope>> {
        let Some(best) = scopes.first().map(|s| s.distance) else {
            return Ok(None);
        };
        if self.on(rule::NEAREST_RECORD) {
            let before = scopes.len();
            scopes.retain(|s| s.distance == best);
            if scopes.len() < before {
                self.ev_c(
                    claim,
                    rule::NEAREST_RECORD,
                    Effect::For,
                    None,
                    Some(scopes[0].record),
                    || format!("named {best} sentence(s) back, nearer than the other candidates"),
                );
            }
        }
        if scopes.len() == 1 {
            return Ok(scopes.pop());
        }
        if !self.on(rule::TIE_BREAK) {
            return Err(scopes);
        }
        // Tie: the record whose own entities are mentioned closest to the claim.
        let shared: Vec<usize> = {
            let first = &self.kb().records[scopes[0].record].about_ix;
            first
                .iter()
                .copied()
                .filter(|a| {
                    scopes
                        .iter()
                        .all(|s| self.kb().records[s.record].about_ix.contains(a))
                })
                .collect()
        };
        for sc in &mut scopes {
            let rec = &self.kb().records[sc.record];
            let own: Vec<usize> = rec
                .about_ix
                .iter()
                .copied()
                .filter(|a| !shared.contains(a))
                .collect();
            sc.nearness = self
                .sentence_mentions(claim)
                .iter()
                .filter(|m| own.contains(&m.entity))
                .map(|m| {
                    if m.span.end <= claim.span.start {
                        claim.span.start - m.span.end
                    } else {
                        // A mention after the claim ties it less strongly.
                        (m.span.start.saturating_sub(claim.span.end)) * 2 + 1
                    }
                })
                .min()
                .unwrap_or(usize::MAX);
        }
        // First the record whose figure phrases the sentence uses most ("tanks" for the
        // Abrams package), then the one named nearest.
        let uses = |r: usize| self.uses(claim, r);
        scopes.sort_by_cached_key(|s| (std::cmp::Reverse(uses(s.record)), s.nearness));
        if uses(scopes[0].record) > uses(scopes[1].record)
            || scopes[0].nearness < scopes[1].nearness
        {
            let (u, n) = (uses(scopes[0].record), scopes[0].nearness);
            self.ev_c(claim, rule::TIE_BREAK, Effect::For, None, Some(scopes[0].record), || {
                if u > uses(scopes[1].record) {
                    format!("the sentence uses {u} of its figure phrases, more than any other candidate's")
                } else {
                    format!("its own entity is named {n} bytes from the claim, nearer than the others'")
                }
            });
            Ok(Some(scopes[0]))
        } else {
            Err(scopes)
        }
    }

    /// Whether the claim's counted or priced words name one of record `r`'s own
    /// non-authority entities ("F-35s", "Harpoon").
    pub(super) fn names_own_thing(&self, claim: &Claim, r: usize) -> bool {
        // A count must count the entity itself ("sixty-four F-35s"), not a part of it
        // ("30 Sentinel antennas"); an amount may price anything of it.
        let whole = claim.kind == ClaimKind::Count;
        let Some((_, of)) = &claim.of else {
            return false;
        };
        let own: Vec<usize> = self.kb().records[r]
            .about_ix
            .iter()
            .copied()
            .filter(|&e| !self.kb().entities[e].authority)
            .collect();
        // Only with every entity of the record named in the sentence itself: the weaker tie
        // needs the stronger scope ("Finland's sixty-four F-35s").
        let all_here = self.kb().records[r]
            .about_ix
            .iter()
            .all(|&e| self.named_here(claim, e));
        all_here
            && self.sentence_mentions(claim).iter().any(|m| {
                own.contains(&m.entity)
                    && if whole {
                        m.span == *of
                    } else {
                        of.contains(m.span)
                    }
            })
    }

    /// How many of record `r`'s figure phrases the claim's sentence uses.
    pub(super) fn uses(&self, claim: &Claim, r: usize) -> usize {
        let sentence = self.near(claim);
        let mut hits: Vec<(usize, std::cmp::Reverse<usize>)> = self
            .hits_in(sentence)
            .filter(|h| !self.prep.index.figures_of_record(h.pattern, r).is_empty())
            .map(|h| (h.span.start, std::cmp::Reverse(h.span.end)))
            .collect();
        // Distinct places: "Abrams tanks" and the "tanks" inside it are one use. By start,
        // the longest first: a span inside an earlier one ends no later than the furthest
        // end seen so far. (Sorted sweep: a window of a very long sentence holds many hits.)
        hits.sort_unstable();
        hits.dedup();
        let mut furthest = 0;
        let mut count = 0;
        for (_, std::cmp::Reverse(end)) in hits {
            if end > furthest {
                count += 1;
                furthest = end;
            }
        }
        count
    }

    /// For a claim in a list item or table row: the sentence before the list's first item.
    pub(super) fn list_intro_sentence(&self, claim: &Claim) -> Option<usize> {
        let in_block = |s: usize| {
            let start = self.doc.sentences[s].span.start;
            let line = self.doc.text[..start].rfind('\n').map_or(0, |i| i + 1);
            let head = self.doc.text[line..].trim_start_matches([' ', '\t']);
            head.starts_with('|')
                || head.starts_with("- ")
                || head.starts_with("* ")
                || head.starts_with("+ ")
                || {
                    let d = head.trim_start_matches(|c: char| c.is_ascii_digit());
                    d.len() < head.len() && (d.starts_with(". ") || d.starts_with(") "))
                }
        };
        let mut s = claim.sentence;
        if !in_block(s) {
            return None;
        }
        while s > 0 && in_block(s - 1) {
            s -= 1;
        }
        s.checked_sub(1)
    }

    /// For a claim in a list item or table row: the span from the start of the paragraph
    /// that introduces the list (the last one before the list's first item) to the claim's
    /// sentence.
    pub(super) fn list_intro(&self, claim: &Claim) -> Option<Span> {
        let intro = self.list_intro_sentence(claim)?;
        let p = self.doc.sentences[intro].paragraph;
        let start = self.doc.paragraphs.get(p).map_or(0, |p| p.start);
        Some(Span::new(
            start,
            self.doc.sentences[claim.sentence].span.end,
        ))
    }

    /// The table header row above a claim's table row, when it is in one.
    pub(super) fn table_header(&self, claim: &Claim) -> Option<Span> {
        let row = |s: usize| {
            let sp = self.doc.sentences[s].span;
            self.doc
                .slice(sp)
                .trim_start()
                .starts_with('|')
                .then_some(sp)
        };
        row(claim.sentence)?;
        let mut s = claim.sentence;
        while s > 0 && row(s - 1).is_some() {
            s -= 1;
        }
        if s == claim.sentence { None } else { row(s) }
    }

    /// Whether the sentence refers back with "the"/"this"/"its" to the claim itself, a deal
    /// noun, or one of record `r`'s figure phrases.
    pub(super) fn definite_reference(&self, claim: &Claim, r: usize) -> bool {
        let toks = &self.doc.tokens;
        let (first, last) = self.doc.sentences[claim.sentence].tokens;
        let det = |k: usize| self.is_determiner(k);
        let preceded = |start: usize| {
            let at = toks.partition_point(|t| t.span.start < start);
            (1..=3).any(|back| at >= first + back && at - back < last && det(at - back))
        };
        let sentence = self.near(claim);
        preceded(claim.span.start)
            || self
                .record_phrases(sentence, r)
                .iter()
                .any(|(_, sp)| preceded(sp.start))
            || self.names_the_deal(sentence)
            // A list item, through the sentence introducing its list ("The package
            // includes:").
            || (self.on(rule::LIST_CONTEXT)
                && self
                    .list_intro_sentence(claim)
                    .is_some_and(|s| self.names_the_deal(self.doc.sentences[s].span)))
    }

    /// Whether token `k` is one of `link::definite-reference`'s determiners.
    fn is_determiner(&self, k: usize) -> bool {
        let w = self.doc.tokens[k].span.slice(&self.doc.text);
        self.prep
            .determiners
            .iter()
            .any(|d| w.eq_ignore_ascii_case(d))
    }

    /// Whether `within` (a sentence, or the part of a very long one near a claim: see
    /// `near`) refers to a deal with a determiner and a deal noun ("the package", "this
    /// sale").
    pub(super) fn names_the_deal(&self, within: Span) -> bool {
        let toks = &self.doc.tokens;
        let first = toks.partition_point(|t| t.span.start < within.start);
        let last = toks.partition_point(|t| t.span.start < within.end);
        let det = |k: usize| self.is_determiner(k);
        (first..last).any(|k| {
            let w = toks[k].span.slice(&self.doc.text);
            self.prep
                .deal_nouns
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d))
                && (1..=3).any(|back| k >= first + back && det(k - back))
        })
    }

    /// Whether the sentence uses record `r`'s figure phrases more than any competitor's
    /// ("the tanks … a $500 million package": the tank deal's package).
    pub(super) fn uses_most(&self, claim: &Claim, r: usize, competitors: &[Scope]) -> bool {
        let mine = self.uses(claim, r);
        competitors
            .iter()
            .filter(|c| c.record != r)
            .all(|c| self.uses(claim, c.record) < mine)
    }

    /// Whether any of record `r`'s own entities is mentioned in the claim's sentence.
    pub(super) fn named_in_sentence(&self, claim: &Claim, r: usize, competitors: &[Scope]) -> bool {
        let recs = &self.kb().records;
        // Entities that set `r` apart: the buyer, not the missile both deals share.
        let own: Vec<usize> = recs[r]
            .about_ix
            .iter()
            .copied()
            .filter(|a| {
                competitors
                    .iter()
                    .any(|c| c.record != r && !recs[c.record].about_ix.contains(a))
            })
            .collect();
        own.iter().any(|&e| self.named_here(claim, e))
    }
}

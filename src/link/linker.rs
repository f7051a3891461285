//! The linker: one article's claims, mentions and KB phrases, and the state linking builds
//! up claim by claim (links so far, claims placed in another event, the trace).

use super::rules::{self as rule};
use super::{Candidate, ClaimTrace, Decision, Effect, Evidence, Link, Prepared};
use crate::date::Date;
use crate::entity::{Hit, Mention};
use crate::extract::{Claim, ClaimValue};
use crate::kb::{Kb, Record};
use crate::span::Span;
use crate::text::Document;
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Where a record stands relative to a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scope {
    pub(super) record: usize,
    /// Sentences back to the oldest of its entities' latest mentions (0: all in the sentence).
    pub(super) distance: usize,
    /// Bytes from the claim to the nearest mention, in its sentence, of an entity only this
    /// record has among the competitors (filled in when breaking ties).
    pub(super) nearness: usize,
}

pub(super) struct Linker<'a, 'k> {
    pub(super) prep: &'a Prepared<'k>,
    pub(super) doc: &'a Document,
    pub(super) claims: &'a [Claim],
    pub(super) mentions: Vec<Mention>,
    pub(super) phrases: Vec<Hit>,
    pub(super) date: Option<Date>,
    /// Each claim's link so far.
    pub(super) links: Vec<Link>,
    /// The dateline's date, which dates the article and no event in it.
    pub(super) dateline: Option<Span>,
    /// (entity, sentence) of every mention, each pair once, ascending: the sentences each
    /// entity is mentioned in, by entity.
    pub(super) mention_sentences: Vec<(usize, usize)>,
    /// Sentences that mention any entity, ascending.
    pub(super) mention_points: Vec<usize>,
    /// Scratch lists of [`Linker::scopes_at`], kept to spare two allocations a sentence.
    pub(super) latest_buf: std::cell::Cell<Vec<(usize, usize)>>,
    pub(super) candidates_buf: std::cell::Cell<Vec<usize>>,
    /// Records in scope per sentence, filled as claims ask.
    pub(super) scope_cache: std::cell::RefCell<Vec<Option<std::rc::Rc<[Scope]>>>>,
    /// Claims placed in another event than their record's (another date, cue, party, model).
    pub(super) elsewhere: Vec<bool>,
    /// Sentences that say "respectively".
    pub(super) respectively_in: Vec<bool>,
    /// The latest date the article mentions, found once (see `latest_date_mentioned`).
    pub(super) latest_date: std::cell::OnceCell<Option<crate::date::Date>>,
    /// Each claim's evidence and decision, when tracing (else empty).
    pub(super) traces: std::cell::RefCell<Vec<ClaimTrace>>,
}

impl<'k> Linker<'_, 'k> {
    pub(super) fn kb(&self) -> &'k Kb {
        self.prep.kb
    }

    pub(super) fn on(&self, id: &str) -> bool {
        self.prep.on(id)
    }

    /// Records that rule `rule` fired on claim `ci` (when tracing). `note` is only called
    /// then.
    pub(super) fn ev(
        &self,
        ci: usize,
        rule: &'static str,
        effect: Effect,
        span: Option<Span>,
        record: Option<usize>,
        note: impl FnOnce() -> String,
    ) {
        let mut t = self.traces.borrow_mut();
        if let Some(t) = t.get_mut(ci) {
            let e = Evidence {
                rule,
                effect,
                span,
                record,
                note: note(),
            };
            if !t.evidence.contains(&e) {
                t.evidence.push(e);
            }
        }
    }

    /// Records claim `ci`'s decision (when tracing).
    pub(super) fn decide(&self, ci: usize, d: Decision) {
        if let Some(t) = self.traces.borrow_mut().get_mut(ci) {
            t.decision = d;
        }
    }

    /// Records the candidates of claim `ci` (when tracing).
    pub(super) fn candidates(
        &self,
        ci: usize,
        scopes: &[Scope],
        figures: impl Fn(usize) -> Vec<usize>,
    ) {
        if !self.tracing() {
            return;
        }
        let list: Vec<Candidate> = scopes
            .iter()
            .map(|s| Candidate {
                record: s.record,
                distance: s.distance,
                figures: figures(s.record),
            })
            .collect();
        if let Some(t) = self.traces.borrow_mut().get_mut(ci) {
            t.candidates = list;
        }
    }

    pub(super) fn tracing(&self) -> bool {
        !self.traces.borrow().is_empty()
    }

    /// Like [`Run::ev`], for a claim given by reference (one of [`Run::claims`]).
    pub(super) fn ev_c(
        &self,
        claim: &Claim,
        rule: &'static str,
        effect: Effect,
        span: Option<Span>,
        record: Option<usize>,
        note: impl FnOnce() -> String,
    ) {
        if self.tracing()
            && let Some(ci) = self.index_of(claim)
        {
            self.ev(ci, rule, effect, span, record, note);
        }
    }

    /// The claim's sentence, or in a very long one (a list of thousands of figures) the
    /// 600 bytes either side of the claim: the sentence-scope rules read this much, so each
    /// claim costs the same however long its sentence.
    pub(super) fn near(&self, claim: &Claim) -> Span {
        const REACH: usize = 600;
        let s = self.doc.sentences[claim.sentence].span;
        if s.len() <= 4 * REACH {
            return s;
        }
        let text = &self.doc.text;
        let lo = floor_char(text, claim.span.start.saturating_sub(REACH).max(s.start));
        let hi = floor_char(text, (claim.span.end + REACH).min(s.end)).max(claim.span.end);
        Span::new(lo, hi)
    }

    /// The index of `claim` among the article's claims (sorted by start).
    pub(super) fn index_of(&self, claim: &Claim) -> Option<usize> {
        let lo = self
            .claims
            .partition_point(|c| c.span.start < claim.span.start);
        (lo..self.claims.len())
            .take_while(|&i| self.claims[i].span.start == claim.span.start)
            .find(|&i| std::ptr::eq(&self.claims[i], claim))
    }

    /// The claims of the claim's sentence near it (in a very long sentence, those within
    /// [`Linker::near`]'s reach).
    pub(super) fn claims_near(&self, claim: &Claim) -> &[Claim] {
        let span = self.near(claim);
        let lo = self.claims.partition_point(|c| c.span.start < span.start);
        let hi = self.claims.partition_point(|c| c.span.start < span.end);
        &self.claims[lo..hi]
    }

    /// The entity mentions of the claim's sentence near it.
    pub(super) fn sentence_mentions(&self, claim: &Claim) -> &[Mention] {
        // (In a very long sentence, those near the claim: see `near`.)
        self.mentions_in(self.near(claim))
    }

    /// Whether entity `e` is named in the claim's sentence.
    pub(super) fn named_here(&self, claim: &Claim, e: usize) -> bool {
        self.sentence_mentions(claim).iter().any(|m| m.entity == e)
    }

    /// Entity mentions inside `within` (mentions are sorted by start).
    pub(super) fn mentions_in(&self, within: Span) -> &[Mention] {
        let lo = self
            .mentions
            .partition_point(|m| m.span.start < within.start);
        let hi = self.mentions.partition_point(|m| m.span.start < within.end);
        &self.mentions[lo..hi]
    }

    /// Figure-phrase hits inside `within` (hits are sorted by start).
    pub(super) fn hits_in(&self, within: Span) -> impl Iterator<Item = &Hit> {
        let lo = self
            .phrases
            .partition_point(|h| h.span.start < within.start);
        let hi = self.phrases.partition_point(|h| h.span.start < within.end);
        self.phrases[lo..hi]
            .iter()
            .filter(move |h| h.span.end <= within.end)
    }

    /// Whether a phrase of figure `f` of record `r` is used inside `within`.
    pub(super) fn has_phrase(&self, within: Span, r: usize, f: usize) -> bool {
        self.hits_in(within).any(|h| {
            self.prep
                .index
                .figures(h.pattern)
                .binary_search(&(r, f))
                .is_ok()
        })
    }

    /// Where the head of counted words `np` ends: before the words that may trail it.
    fn head_end(&self, np: Span) -> usize {
        let mut text = self
            .doc
            .slice(np)
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        // Words that can trail a counted noun without being its head ("46 F-35A aircraft
        // together", "40 missiles each").
        const TRAILING: &[&str] = &[
            "together",
            "each",
            "apiece",
            "altogether",
            "in",
            "all",
            "total",
            "combined",
            "more",
            "so",
            "far",
        ];
        loop {
            let last = text.rsplit(char::is_whitespace).next().unwrap_or("");
            if last.len() < text.len() && TRAILING.iter().any(|w| last.eq_ignore_ascii_case(w)) {
                text = text[..text.len() - last.len()].trim_end();
            } else {
                break;
            }
        }
        np.start + text.len()
    }

    /// Whether a phrase of figure `f` of record `r` ends the counted noun phrase `np`: its
    /// head ("Javelin missiles" in "246 Javelin missiles"), not a modifier ("Javelin" in "30
    /// Javelin simulators").
    pub(super) fn heads(&self, np: Span, r: usize, f: usize) -> bool {
        let end = self.head_end(np);
        let text = self.doc.slice(Span::new(np.start, end));
        // Coordinated nouns ("246 Javelin missiles and launchers"): the number counts the
        // first; a later one is its head only inside a phrase spanning the "and" ("sights and
        // launchers" as one KB phrase).
        let first_end = text.find(" and ").map(|p| np.start + p);
        self.hits_in(np).any(|h| {
            (h.span.end == end && first_end.is_none_or(|fe| h.span.start < fe)
                || Some(h.span.end) == first_end)
                && self.is_phrase_of(h, r, f)
        })
    }

    /// Whether KB phrase hit `h` is a phrase of figure `f` of record `r`.
    fn is_phrase_of(&self, h: &Hit, r: usize, f: usize) -> bool {
        self.prep
            .index
            .figures(h.pattern)
            .binary_search(&(r, f))
            .is_ok()
    }

    /// `figure::narrower-phrase`: of the count figures `counts` of record `r`, those that
    /// counted words `np`, whose head is a phrase of figures `direct`, name before that head
    /// ("200 Block IV Tomahawks": `Block IV` before `Tomahawks`), with the span naming
    /// them. Counted words that join several things ("Block IV and Block V Tomahawks")
    /// name no one narrower figure.
    pub(super) fn narrower(
        &self,
        np: Span,
        r: usize,
        counts: &[usize],
        direct: &[usize],
    ) -> Option<(Vec<usize>, Span)> {
        let text = self.doc.slice(np);
        if direct.is_empty()
            || !self.on(rule::NARROWER_PHRASE)
            || text.contains([',', '/', '&', ';'])
            || text.contains(" and ")
            || text.contains(" or ")
        {
            return None;
        }
        let end = self.head_end(np);
        let head = self
            .hits_in(np)
            .filter(|h| h.span.end == end && direct.iter().any(|&f| self.is_phrase_of(h, r, f)))
            .map(|h| h.span.start)
            .min()?;
        let mut named: Option<Span> = None;
        let figs: Vec<usize> = counts
            .iter()
            .copied()
            .filter(|f| !direct.contains(f))
            .filter(|&f| {
                let hit = self
                    .hits_in(np)
                    .find(|h| h.span.end <= head && self.is_phrase_of(h, r, f));
                if let Some(h) = hit {
                    named = Some(named.map_or(h.span, |n| n.join(h.span)));
                }
                hit.is_some()
            })
            .collect();
        Some((figs, named?))
    }

    /// Whether the claim's value directly modifies a phrase of figure `f` ("the 2 per cent
    /// guideline", "a 2% target"): the phrase starts right after it.
    pub(super) fn modifies(&self, claim: &Claim, r: usize, f: usize) -> bool {
        let after = claim.value_span.end;
        let gap = self
            .doc
            .text
            .get(after..)
            .map_or(0, |t| t.len() - t.trim_start_matches([' ', '-']).len());
        let within = Span::new(after, (after + gap + 40).min(self.doc.text.len()));
        self.hits_in(within)
            .any(|h| h.span.start == after + gap && self.is_phrase_of(h, r, f))
    }

    /// (figure, span) of every phrase of record `r` used inside `within`.
    pub(super) fn record_phrases(&self, within: Span, r: usize) -> Vec<(usize, Span)> {
        self.hits_in(within)
            .flat_map(|h| {
                self.prep
                    .index
                    .figures_of_record(h.pattern, r)
                    .iter()
                    .map(move |&(_, f)| (f, h.span))
            })
            .collect()
    }

    pub(super) fn go(&mut self) {
        // Each mention's sentence, read in one walk over the sentences in text order.
        let mut at: Vec<(usize, usize)> = self
            .mentions
            .iter()
            .map(|m| (m.span.start, m.entity))
            .collect();
        at.sort_unstable();
        let sentences = &self.doc.sentences;
        let mut s = 0;
        self.mention_sentences = at
            .iter()
            .map(|&(start, e)| {
                while s + 1 < sentences.len() && sentences[s + 1].span.start <= start {
                    s += 1;
                }
                (e, s)
            })
            .collect();
        self.mention_sentences.sort_unstable();
        self.mention_sentences.dedup();
        self.mention_points = self.mention_sentences.iter().map(|&(_, s)| s).collect();
        self.mention_points.sort_unstable();
        self.mention_points.dedup();
        for ci in 0..self.claims.len() {
            let c = &self.claims[ci];
            if self.tracing() && self.in_dateline(c.span) && matches!(c.value, ClaimValue::Date(_))
            {
                self.ev(ci, rule::DATELINE, Effect::For, Some(c.span), None, || {
                    "the dateline's date is the article's date; it dates no event".into()
                });
                self.decide(
                    ci,
                    Decision::NotLinked {
                        rule: rule::DATELINE,
                    },
                );
            }
            if matches!(c.value, ClaimValue::Date(_)) && self.note_date(c.span) {
                self.ev(
                    ci,
                    rule::NOTE_DATE,
                    Effect::Against,
                    Some(c.span),
                    None,
                    || "labels an editor's note: when the note was written, not an event".into(),
                );
                self.decide(
                    ci,
                    Decision::NotLinked {
                        rule: rule::NOTE_DATE,
                    },
                );
                continue;
            }
            match &c.value {
                ClaimValue::Quantity(_) => self.quantity(ci),
                ClaimValue::Status { .. } => self.status(ci),
                // A month or weekday of no known year dates nothing a KB records.
                ClaimValue::Date(d) if !d.is_placed() => {}
                ClaimValue::Date(_) => self.date_figure(ci),
            }
        }
        self.drop_contradicted_siblings();
    }

    /// A sentence that states a figure right once and differently once more is describing
    /// two things ("4,500 troops, including 33 soldiers from Iowa"): keep the agreeing one,
    /// drop the mismatch.
    pub(super) fn drop_contradicted_siblings(&mut self) {
        if !self.on(rule::AGREEING_SIBLING) {
            return;
        }
        let mut agreeing: Vec<(usize, usize, usize)> = self
            .links
            .iter()
            .enumerate()
            .filter_map(|(ci, l)| match l {
                Link::Figure {
                    record,
                    agrees: Some(f),
                    ..
                } => Some((self.claims[ci].sentence, *record, *f)),
                _ => None,
            })
            .collect();
        // Looked up by binary search: a sentence of thousands of figures has thousands of
        // each.
        agreeing.sort_unstable();
        agreeing.dedup();
        for ci in 0..self.links.len() {
            let Link::Figure {
                record,
                figures,
                agrees: None,
                comparable: true,
            } = &self.links[ci]
            else {
                continue;
            };
            let s = self.claims[ci].sentence;
            if !figures
                .iter()
                .any(|&f| agreeing.binary_search(&(s, *record, f)).is_ok())
            {
                continue;
            }
            self.ev(ci, rule::AGREEING_SIBLING, Effect::Against, None, None, || {
                "the sentence gives this figure's KB value elsewhere: this one counts a part or another thing".into()
            });
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::AGREEING_SIBLING,
                },
            );
            self.links[ci] = Link::None;
        }
    }

    /// Whether the two spans sit in one clause: close, with no comma, semicolon, dash or
    /// bracket between them.
    pub(super) fn same_clause(&self, a: Span, b: Span) -> bool {
        self.same_clause_within(a, b, 60)
    }

    /// [`Run::same_clause`] with at most `max` bytes between the spans.
    pub(super) fn same_clause_within(&self, a: Span, b: Span, max: usize) -> bool {
        let (lo, hi) = if a.end <= b.start {
            (a.end, b.start)
        } else {
            (b.end, a.start.max(b.end))
        };
        let between = self.doc.text.get(lo..hi).unwrap_or("");
        between.len() <= max && !between.contains([',', ';', '—', '–', '(', ')'])
    }

    pub(super) fn in_dateline(&self, s: Span) -> bool {
        self.dateline.is_some_and(|d| d.contains(s))
    }

    /// Whether date `s` labels an editor's note at the head of its line ("Correction, Sept.
    /// 26, 2024:", "**Updated** March 3 —"): a cue of `date::note-label` alone before it
    /// on its line, a colon or dash after it.
    pub(super) fn note_date(&self, s: Span) -> bool {
        if !self.on(rule::NOTE_DATE) {
            return false;
        }
        let text = &self.doc.text;
        // A label is a few words: a longer run before the date is a sentence. (Only that
        // far back is read, so a document of one long line costs each date the same.)
        const LABEL: usize = 40;
        let from = floor_char(text, s.start.saturating_sub(LABEL + 1));
        let line = match text[from..s.start].rfind('\n') {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            None => return false,
        };
        let markup: &[char] = &['*', '_', '#', '>', '-', '[', ']', ' ', '\t'];
        let label = text[line..s.start]
            .trim_matches(markup)
            .trim_end_matches([',', ' ', '*', '_'])
            .trim_end_matches(" on");
        let after = text[s.end..]
            .trim_start_matches(['*', '_', ' ', ')'])
            .trim_start_matches(['*', '_', ' ']);
        !label.is_empty()
            && after.starts_with([':', '—', '–', '-'])
            && self
                .prep
                .note_labels
                .iter()
                .any(|c| c.eq_ignore_ascii_case(label))
    }

    /// The claim's clause (see [`clause_span`]).
    pub(super) fn clause_of(&self, claim: &Claim) -> Span {
        clause_span(self.doc, claim)
    }

    /// A cue of `words` attached to the claim: in its counted noun, up to four words before
    /// its number in its clause, or just after its noun phrase in a prepositional phrase of
    /// up to four words with no "and", "or", "with" or "including" before the cue ("30
    /// missiles from a separate order", not "30 missiles and other equipment").
    pub(super) fn attached_cue(&self, claim: &Claim, words: &AhoCorasick) -> Option<Span> {
        let doc = self.doc;
        let toks = &doc.tokens;
        let is = |k: usize, w: &str| toks[k].span.slice(&doc.text).eq_ignore_ascii_case(w);
        let (first, last) = doc.sentences[claim.sentence].tokens;
        let np_end = claim
            .of
            .as_ref()
            .map_or(claim.span.end, |(_, sp)| sp.end.max(claim.span.end));
        let start_tok = toks.partition_point(|t| t.span.start < claim.span.start);
        let end_tok = toks.partition_point(|t| t.span.start < np_end);
        let is_boundary = |k: usize| {
            let w = toks[k].span.slice(&doc.text);
            matches!(
                w,
                "," | ";" | ":" | "—" | "–" | "(" | ")" | "\"" | "“" | "”"
            ) || (w == "-" && toks[k].gap)
        };
        // "that" after a verb of saying opens the reported clause ("the ministry further
        // informs that the Congress approved"): the reporting clause's words are not the
        // claim's.
        let opens_clause =
            |k: usize| is(k, "that") && k > first && REPORTING.iter().any(|v| is(k - 1, v));
        // Before: back to the clause's start, at most four words.
        let mut lo = start_tok;
        let mut words_back = 0;
        while lo > first && words_back < 4 && !is_boundary(lo - 1) && !opens_clause(lo - 1) {
            lo -= 1;
            words_back += 1;
        }
        // After: a short prepositional phrase.
        let mut hi = end_tok;
        let mut words_on = 0;
        while hi < last && words_on < 5 && !is_boundary(hi) {
            // Compared ignoring ASCII case without a lower-cased copy: no other letter
            // lower-cases to one of these words' letters.
            let w = toks[hi].span.slice(&doc.text);
            if [
                "and",
                "or",
                "with",
                "including",
                "plus",
                "but",
                "while",
                "as",
            ]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
            {
                break;
            }
            hi += 1;
            words_on += 1;
        }
        let span_of = |a: usize, b: usize| {
            (a < b).then(|| Span::new(toks[a].span.start, toks[b - 1].span.end))
        };
        let find = |sp: Span| {
            let joined = joined_words(doc.slice(sp));
            words.is_match(joined.as_str()).then_some(sp)
        };
        // A fronted opener of up to three words ("Separately, …", "In all, …") governs
        // the sentence's main clause.
        let opener = (first..last.min(first + 4))
            .find(|&k| toks[k].span.slice(&doc.text) == ",")
            .filter(|&k| k > first && k < start_tok)
            .and_then(|k| span_of(first, k));
        // The counted noun after the value ("150 more missiles"), not the value's own words
        // ("more than 150").
        let val_end = toks.partition_point(|t| t.span.start < claim.value_span.end);
        let noun = (claim.value_span.end < np_end)
            .then(|| span_of(val_end.max(start_tok), end_tok))
            .flatten();
        span_of(lo, start_tok)
            .and_then(find)
            .or_else(|| noun.and_then(find))
            // After the noun only in a prepositional phrase that modifies it ("30 missiles
            // from a separate order"), not the next clause's words.
            .or_else(|| {
                let prep = toks.get(end_tok).is_some_and(|t| {
                    let w = t.span.slice(&doc.text);
                    [
                        "from", "in", "under", "of", "for", "at", "on", "through", "via", "per",
                        "by",
                    ]
                    .iter()
                    .any(|x| w.eq_ignore_ascii_case(x))
                });
                // A state's object follows it directly ("approved a separate sale").
                let object = matches!(claim.value, ClaimValue::Status { .. });
                span_of(end_tok, hi)
                    .filter(|_| prep || object)
                    .and_then(find)
            })
            .or_else(|| opener.and_then(find))
            .or_else(|| {
                // An appositive ("the core defence budget, around €50 billion") or a
                // relative clause ("a backlog that trackers put at $20 billion") attaches
                // the claim to the noun just before the comma or the pronoun.
                let pivot = if start_tok > first && is(start_tok - 1, ",") {
                    Some(start_tok - 1)
                } else {
                    (start_tok.saturating_sub(6).max(first)..start_tok)
                        .rev()
                        .take_while(|&k| !is_boundary(k) && !opens_clause(k))
                        .find(|&k| is(k, "that") || is(k, "which"))
                };
                let p = pivot?;
                let mut a = p;
                while a > first && p - a < 3 && !is_boundary(a - 1) {
                    a -= 1;
                }
                span_of(a, p).and_then(find)
            })
            .or_else(|| {
                // A valuation's object ("Prague puts the total programme, including
                // infrastructure, at about 150 billion koruna"): the amount after "at" prices
                // what the verb's object names, commas and all.
                let at = start_tok
                    .checked_sub(1)
                    .filter(|&k| k >= first && is(k, "at"))?;
                let verb = (at.saturating_sub(12).max(first)..at)
                    .rev()
                    .take_while(|&k| !is(k, ";") && !is(k, ":"))
                    .find(|&k| VALUING.iter().any(|v| is(k, v)))?;
                span_of(verb + 1, at).and_then(find)
            })
    }
}

/// Verbs of saying, after which "that" opens a reported clause rather than a relative one
/// ("the ministry informs that …", not "a backlog that trackers put at …"), read by
/// [`Linker::attached_cue`].
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "informs",
    "informed",
    "reports",
    "reported",
    "announced",
    "announces",
    "added",
    "adds",
    "noted",
    "notes",
    "stated",
    "states",
    "confirmed",
    "confirms",
    "explained",
    "explains",
    "wrote",
    "writes",
    "told",
    "argued",
    "argues",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "warned",
    "warns",
    "acknowledged",
    "stressed",
    "emphasised",
    "emphasized",
    "revealed",
    "reveals",
    "recalled",
    "recalls",
    "disclosed",
    "declared",
];

/// The verbs of a valuation whose object an amount after "at" prices ("puts the programme
/// at …", "valued the order at …"), read by [`Linker::attached_cue`].
const VALUING: &[&str] = &[
    "put",
    "puts",
    "putting",
    "value",
    "values",
    "valued",
    "valuing",
    "estimate",
    "estimates",
    "estimated",
    "price",
    "prices",
    "priced",
    "peg",
    "pegs",
    "pegged",
    "cost",
    "costs",
    "costed",
];

/// The marks that end a clause: comma, semicolon, colon, dashes, brackets, quotation marks.
pub(super) const CLAUSE_STOPS: [char; 10] = [',', ';', ':', '—', '–', '(', ')', '"', '“', '”'];

/// The claim's clause: its sentence cut at the nearest comma, semicolon, colon, dash,
/// bracket or quotation mark ([`CLAUSE_STOPS`]) on each side.
pub(crate) fn clause_span(doc: &Document, claim: &Claim) -> Span {
    let sent = doc.sentences[claim.sentence].span;
    let text = &doc.text;
    let stops = CLAUSE_STOPS;
    // A clause is read at most MAX bytes either side of the claim, so a sentence of
    // thousands of claims costs each claim the same.
    const MAX: usize = 400;
    let from = floor_char(text, claim.span.start.saturating_sub(MAX).max(sent.start));
    let before = text.get(from..claim.span.start).unwrap_or("");
    let lo = before.rfind(stops).map_or(from, |i| {
        from + i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let np_end = claim
        .of
        .as_ref()
        .map_or(claim.span.end, |(_, sp)| sp.end.max(claim.span.end))
        .min(sent.end);
    let to = floor_char(text, (np_end + MAX).min(sent.end)).max(np_end);
    let after = text.get(np_end..to).unwrap_or("");
    let hi = after.find(stops).map_or(to, |i| np_end + i);
    // A fronted opener of up to five words ("In all, …", "In the last two decades, …")
    // belongs to the clause after its comma.
    let opener = if lo - sent.start <= MAX {
        text.get(sent.start..lo).unwrap_or("")
    } else {
        ""
    };
    let lo = match opener.trim_end().strip_suffix(',') {
        Some(o) if o.split_whitespace().count() <= 5 && !o.contains([',', ';']) => sent.start,
        _ => lo,
    };
    Span::new(lo, hi.max(lo))
}

pub(super) fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(super) fn fig_ids(rec: &Record, figs: &[usize]) -> String {
    figs.iter()
        .map(|&f| format!("`{}`", rec.figures[f].id))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) static DESIGNATION: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?-u:\b)[A-Za-z]{1,6}[-/]?[0-9][0-9A-Za-z]*(?:[-/][0-9A-Za-z]+)*(?-u:\b)")
        .expect("designation regex is valid")
});

/// The words of `sentence` in lower case, each followed by one space, after a leading space
/// (" the other two sales "), so a cue automaton matches whole words only. One pass, one
/// allocation.
pub(super) fn joined_words(sentence: &str) -> String {
    let mut j = String::with_capacity(sentence.len() + 2);
    j.push(' ');
    let mut in_word = false;
    for c in sentence.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                j.push(c.to_ascii_lowercase());
            } else {
                j.extend(c.to_lowercase());
            }
            in_word = true;
        } else if in_word {
            j.push(' ');
            in_word = false;
        }
    }
    if in_word {
        j.push(' ');
    }
    j
}

pub(super) fn cue_automaton<S: AsRef<str>>(cues: &[S]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .prefilter(false)
        .build(cues.iter().map(|c| format!(" {} ", c.as_ref())))
        .expect("cue words make a valid automaton")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_words_are_lower_case_and_space_separated() {
        assert_eq!(
            joined_words("The OTHER two-sales, Kyiv’s"),
            " the other two sales kyiv s "
        );
        assert_eq!(joined_words(""), " ");
        assert_eq!(joined_words("…"), " ");
        assert_eq!(joined_words("ÉTAT 5"), " état 5 ");
    }

    #[test]
    fn cues_match_whole_words_in_any_case() {
        let joined = joined_words(
            "In ALL, the rival package\u{2014}worth $75 million\u{2014}adds up to more.",
        );
        let has = |w: &str| cue_automaton(&[w]).is_match(joined.as_str());
        for w in [
            "in all", "rival", "package", "worth", "75", "adds up", "more", "in", "all the",
        ] {
            assert!(has(w), "{w}");
        }
        for w in [
            "riv",
            "the all",
            "add up",
            "packages",
            "million worth",
            "up to more than",
        ] {
            assert!(!has(w), "{w}");
        }
    }
}

//! Evidence that a claim is about another event than its record's: another date, another
//! party, another model, an older record.

use super::Effect;
use super::linker::{CLAUSE_STOPS, DESIGNATION, Linker, Scope, clause_span, floor_char};
use super::rules::{self as rule};
use crate::date::{Date, DateValue};
use crate::entity::Mention;
use crate::extract::{Claim, ClaimKind, ClaimValue};
use crate::kb::FigureValue;
use crate::span::Span;

impl Linker<'_, '_> {
    /// Whether the sentence brings in a capitalised name the KB does not know (another
    /// aircraft, another force: "the Panavia Tornado"), other than its first word.
    pub(super) fn unknown_name(&self, claim: &Claim, r: usize) -> Option<Span> {
        let known: Vec<String> = self.kb().records[r]
            .figures
            .iter()
            .flat_map(|f| f.of.iter())
            .flat_map(|o| o.split_whitespace())
            .map(str::to_lowercase)
            .collect();
        let (first, last) = self.doc.sentences[claim.sentence].tokens;
        // The sentence's first word, even after a quote mark, bullet or emphasis, is
        // capitalised for being first.
        let first_word = (first..last)
            .find(|&k| self.doc.tokens[k].kind == crate::text::TokKind::Alnum)
            .unwrap_or(first);
        (first_word + 1..last)
            .map(|k| (k, self.doc.tokens[k].span))
            .find(|&(k, _)| {
                let t = &self.doc.tokens[k];
                let w = t.span.slice(&self.doc.text);
                w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && !self
                    .sentence_mentions(claim)
                    .iter()
                    .any(|m| m.span.contains(t.span))
                && crate::extract::date::month_number(w).is_none()
                && !crate::date::WEEKDAYS.contains(&w)
                && !known.contains(&w.to_lowercase())
                && !matches!(w, "I" | "U" | "S" | "A" | "The")
                // "US", "UK", "EU": an abbreviation, mostly of a party the sentence names
                // as a seller or a bloc.
                && !(w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase()))
                // "US$", "NT$", "A$": a currency, not a party.
                && !self.doc.tokens.get(k + 1).is_some_and(|n| {
                    n.span.start == t.span.end && n.span.slice(&self.doc.text) == "$"
                })
            })
            .map(|(_, sp)| sp)
    }

    /// Model designations in the claim's counted thing that none of the in-scope records'
    /// entities names ("TR-85" in "hundreds of locally built TR-85 tanks"): the count is of
    /// another model.
    pub(super) fn foreign_model(&self, claim: &Claim, scopes: &[Scope]) -> bool {
        let Some((_, of)) = &claim.of else {
            return false;
        };
        let text = self.doc.slice(*of);
        // Most counted things name no model: nothing to compare, no list to build.
        if DESIGNATION.find(text).is_none() {
            return false;
        }
        // Words the records know: their figures' phrases, and their entities' names when
        // the figures name no model themselves (a record whose tanks are "M1A2 SEPv3
        // tanks" does not count "M1A1 Abrams" tanks, though both are Abrams).
        let mut known: Vec<String> = Vec::new();
        for sc in scopes {
            let r = &self.kb().records[sc.record];
            let phrases: Vec<String> = r
                .figures
                .iter()
                .flat_map(|f| f.of.iter())
                .map(|p| p.to_lowercase())
                .collect();
            let names_models = phrases.iter().any(|p| DESIGNATION.is_match(p));
            known.extend(phrases);
            if !names_models {
                for e in r.about_ix.iter().copied() {
                    known.extend(self.kb().entities[e].names.iter().map(|n| n.to_lowercase()));
                }
            }
        }
        // Compared without hyphens: "F35" is "F-35".
        let bare = |w: &str| w.replace('-', "");
        let foreign = DESIGNATION.find_iter(text).find(|m| {
            let d = bare(&m.as_str().to_lowercase());
            // "F-35s" is the plural of the family "F-35", which names "F-35A" too; "M1A1"
            // and "M1A2" are two models.
            let family = d.strip_suffix('s').unwrap_or(&d);
            !known.iter().any(|k| {
                k.split(char::is_whitespace)
                    .map(bare)
                    .any(|w| w == d || w == family || w.starts_with(family))
            })
        });
        let Some(m) = foreign else {
            return false;
        };
        let at = Span::new(of.start + m.start(), of.start + m.end());
        // "654 AGM-114R Hellfire missiles" against a figure of "Hellfire missiles": the
        // counted thing is named, and its figure tells no versions of it apart, so the
        // designation is the named thing's version, not another model.
        let named_version = self.on(rule::NAMED_VERSION)
            && scopes.iter().any(|sc| {
                let r = &self.kb().records[sc.record];
                r.figures.iter().enumerate().any(|(f, fig)| {
                    !fig.of.iter().any(|p| DESIGNATION.is_match(p))
                        && fig.of.iter().any(|p| {
                            p.split_whitespace()
                                .any(|w| w.starts_with(|c: char| c.is_uppercase()))
                        })
                        && self.heads(*of, sc.record, f)
                })
            });
        if named_version {
            self.ev_c(claim, rule::NAMED_VERSION, Effect::For, Some(at), None, || {
                format!(
                    "“{}” is a version of a thing a figure names, whose phrases tell no versions apart",
                    m.as_str()
                )
            });
            return false;
        }
        self.ev_c(
            claim,
            rule::FOREIGN_MODEL,
            Effect::Against,
            Some(at),
            None,
            || {
                format!(
                    "“{}” is a model no candidate record's figures name",
                    m.as_str()
                )
            },
        );
        true
    }

    /// Whether the sentence places the claim in another event than record `r`'s (the
    /// rule that says so, with the words): another year in its clause, a cue word attached
    /// to it, or another party named nearer.
    pub(super) fn another_event(&self, claim: &Claim, r: usize) -> Option<&'static str> {
        let rec = &self.kb().records[r];
        if self.on(rule::OTHER_YEAR) {
            let years: Vec<i32> = rec
                .date
                .iter()
                .map(|d| d.year)
                .chain(
                    rec.figures
                        .iter()
                        .filter_map(|f| f.date.map(|d| d.bounds().0.year)),
                )
                .chain(rec.statuses.iter().filter_map(|s| s.date.map(|d| d.year)))
                .chain(rec.figures.iter().filter_map(|f| match &f.value {
                    FigureValue::Date(d) => Some(d.bounds().0.year),
                    _ => None,
                }))
                .collect();
            // Every stretch of time the record dates something in.
            let spans: Vec<(Date, Date)> = rec
                .date
                .iter()
                .map(|d| (*d, *d))
                .chain(rec.statuses.iter().filter_map(|s| s.date.map(|d| (d, d))))
                .chain(
                    rec.figures
                        .iter()
                        .filter_map(|f| f.date.map(|d| d.bounds())),
                )
                .chain(rec.figures.iter().filter_map(|f| match &f.value {
                    FigureValue::Date(d) => Some(d.bounds()),
                    _ => None,
                }))
                .collect();
            let fits = |d: &DateValue| {
                let (lo, hi) = d.bounds();
                spans.iter().any(|&(a, b)| a <= hi && lo <= b)
            };
            let is_status = matches!(claim.value, ClaimValue::Status { .. });
            // The claims near this one: a date further off is in no clause of it (and a
            // sentence of thousands of figures costs each claim the same).
            let near = self.near(claim);
            let lo = self.claims.partition_point(|c| c.span.start < near.start);
            let hi = self.claims.partition_point(|c| c.span.start < near.end);
            let sentence_claims: Vec<&Claim> = self.claims[lo..hi]
                .iter()
                .filter(|c| c.sentence == claim.sentence)
                .collect();
            // A date in a state's clause ("approved ... on January 12"), or fronted before it
            // ("On Sept. 3, the State Department approved ..."), dates that state: it is
            // compared with the status, right or wrong, and is no other event.
            let dates_a_state = |d: &Claim| {
                sentence_claims.iter().any(|s| {
                    matches!(s.value, ClaimValue::Status { .. })
                        && (self.same_clause(s.span, d.span) || self.fronted(d.span, s.span))
                })
            };
            // An amount with no noun of its own prices the sentence's event, so any date in
            // the sentence dates it.
            let prices_sentence = claim.kind == ClaimKind::Money
                && claim
                    .of
                    .as_ref()
                    .is_none_or(|(o, _)| self.prep.deal_nouns.contains(&o.to_lowercase()));
            // "since 2019", "until 2025", "before the war in 2022": a bound, not the
            // event's date; a date after the article's is a schedule of the same deal.
            let bound_or_schedule = |c: &Claim, d: &DateValue| {
                // Up to six words back within the clause: "since Russia seized Crimea in
                // 2014" is bounded as much as "since 2014".
                // (Six words fit in far fewer than 200 bytes: a long sentence costs no more.)
                let sent_start = self.doc.sentences[c.sentence].span.start;
                let from =
                    floor_char(&self.doc.text, c.span.start.saturating_sub(200)).max(sent_start);
                let before = self.doc.text.get(from..c.span.start).unwrap_or("");
                let before = before
                    .rsplit([',', ';', ':', '—', '–', '(', ')'])
                    .next()
                    .unwrap_or("");
                let words: Vec<String> = before
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .rev()
                    .take(6)
                    .map(str::to_lowercase)
                    .collect();
                let bounded = words
                    .first()
                    .is_some_and(|w| matches!(w.as_str(), "from" | "by" | "through"))
                    || words.iter().any(|w| {
                        matches!(
                            w.as_str(),
                            "since"
                                | "until"
                                | "till"
                                | "before"
                                | "after"
                                | "when"
                                | "while"
                                | "following"
                        )
                    });
                bounded || self.date.is_some_and(|a| d.bounds().0 > a)
            };
            let other_date = sentence_claims.iter().find(|c| {
                c.sentence == claim.sentence
                    && c.span != claim.span
                    && !self.in_dateline(c.span)
                    && !self.note_date(c.span)
                    // A state's own date is compared with its status, not taken for
                    // another event.
                    && matches!(&c.value, ClaimValue::Date(d) if d.is_placed() && !years.is_empty() && if is_status {
                        // A state's own date in its clause is compared with its status;
                        // only another year there is another event.
                        (self.same_clause(c.span, claim.span) || self.fronted(c.span, claim.span))
                            && !years.contains(&d.bounds().0.year)
                            && !years.contains(&d.bounds().1.year)
                    } else {
                        (prices_sentence || self.same_clause(c.span, claim.span) || self.fronted(c.span, claim.span) || self.opens_clause(c.span, claim)) && !fits(d)
                    })
                    // (The costlier tests last.)
                    && (is_status || !dates_a_state(c))
                    && !matches!(&c.value, ClaimValue::Date(d) if bound_or_schedule(c, d))
            });
            // "At that time, Poland bought 16 launchers": a sentence that opens by pointing
            // back takes the time of the sentence before it.
            let back = if other_date.is_none() && !is_status {
                self.time_back_reference(claim).and_then(|cue| {
                    // (Of a very long sentence, its last 2,400 bytes: each claim costs the
                    // same.)
                    let prev = self.doc.sentences[claim.sentence.checked_sub(1)?].span;
                    let from = prev.start.max(prev.end.saturating_sub(2400));
                    let lo = self.claims.partition_point(|c| c.span.start < from);
                    let hi = self.claims.partition_point(|c| c.span.start < prev.end);
                    self.claims[lo..hi]
                        .iter()
                        .find(|c| {
                            !self.in_dateline(c.span)
                                && !self.note_date(c.span)
                                && matches!(&c.value, ClaimValue::Date(d) if d.is_placed()
                                    && !years.is_empty() && !fits(d) && !bound_or_schedule(c, d))
                        })
                        .map(|c| (cue, c.span))
                })
            } else {
                None
            };
            if let Some((cue, date)) = back {
                self.ev_c(
                    claim,
                    rule::TIME_BACK_REFERENCE,
                    Effect::Against,
                    Some(date),
                    Some(r),
                    || {
                        format!(
                            "“{}” opens its sentence and points back to “{}”, which dates no fact of record `{}`: another event",
                            self.doc.slice(cue),
                            self.doc.slice(date),
                            rec.id
                        )
                    },
                );
                return Some(rule::TIME_BACK_REFERENCE);
            }
            if let Some(c) = other_date {
                self.ev_c(
                    claim,
                    rule::OTHER_YEAR,
                    Effect::Against,
                    Some(c.span),
                    Some(r),
                    || {
                        format!(
                            "“{}” in its clause dates no fact of record `{}`: another event",
                            self.doc.slice(c.span),
                            rec.id
                        )
                    },
                );
                return Some(rule::OTHER_YEAR);
            }
        }
        // "a rival package", "the other two notifications", "additional soldiers"
        if self.on(rule::OTHER_EVENT_CUE)
            && let Some(at) = self.attached_cue(claim, &self.prep.other_event_cues)
        {
            self.ev_c(
                claim,
                rule::OTHER_EVENT_CUE,
                Effect::Against,
                Some(at),
                Some(r),
                || format!("“{}” places it in another event", self.doc.slice(at)),
            );
            return Some(rule::OTHER_EVENT_CUE);
        }
        if let Some(items) = self.prices_other_items(claim, r) {
            self.ev_c(
                claim,
                rule::PRICES_OTHER_ITEMS,
                Effect::Against,
                Some(items),
                Some(r),
                || {
                    format!(
                        "its sentence counts only “{}”, nothing record `{}` has: it prices another sale",
                        self.doc.slice(items),
                        rec.id
                    )
                },
            );
            return Some(rule::PRICES_OTHER_ITEMS);
        }
        if let Some(who) = self.other_recipient(claim, r) {
            self.ev_c(
                claim,
                rule::OTHER_RECIPIENT,
                Effect::Against,
                Some(who),
                Some(r),
                || {
                    format!(
                        "its clause sells or gives to “{}”, none of record `{}`'s entities, and names none of them",
                        self.doc.slice(who),
                        rec.id
                    )
                },
            );
            return Some(rule::OTHER_RECIPIENT);
        }
        if !self.on(rule::OTHER_PARTY_NEARER) {
            return None;
        }
        // Paired by "respectively" (with a party, or with a counted thing of this record):
        // the nearer name is the next figure's.
        if self.index_of(claim).is_some_and(|ci| {
            self.respectively(ci).is_some()
                || self
                    .respectively_item(ci)
                    .is_some_and(|(paired, _, _)| paired == r)
        }) {
            return None;
        }
        let own: Vec<usize> = rec.about_ix.clone();
        let dist = |m: &Mention| {
            if m.span.end <= claim.span.start {
                claim.span.start - m.span.end
            } else {
                m.span.start.saturating_sub(claim.span.end)
            }
        };
        let own_near = self
            .sentence_mentions(claim)
            .iter()
            .filter(|m| own.contains(&m.entity))
            .map(dist)
            .min()
            .unwrap_or(usize::MAX);
        let other = self.sentence_mentions(claim).iter().find(|m| {
            !own.contains(&m.entity)
                && self.prep.in_about[m.entity]
                && match claim.kind {
                    ClaimKind::Count => self.prep.party_kinds[m.entity][0],
                    ClaimKind::Money => self.prep.party_kinds[m.entity][1],
                    ClaimKind::Percent => self.prep.party_kinds[m.entity][2],
                    ClaimKind::Status => self.prep.party_kinds[m.entity][3],
                    _ => true,
                }
                // A name inside the claim's own words ("approved by the United States
                // Congress") is part of it, not another party.
                && !claim.span.contains(m.span)
                && !self.kb().entities[m.entity].authority
                && dist(m) < own_near
                // "$1.23 billion for six Chinooks, plus $130 million in F-16 sustainment": a
                // claim of the same kind between them is the one that party is named for.
                && !self.claims_near(claim).iter().any(|c| {
                    c.kind == claim.kind
                        && !std::ptr::eq(c, claim)
                        && if m.span.start >= claim.span.end {
                            c.span.start >= claim.span.end && c.span.end <= m.span.start
                        } else {
                            c.span.start >= m.span.end && c.span.end <= claim.span.start
                        }
                })
        })?;
        self.ev_c(
            claim,
            rule::OTHER_PARTY_NEARER,
            Effect::Against,
            Some(other.span),
            Some(r),
            || {
                format!(
                    "“{}”, not part of record `{}`, is named nearer the claim",
                    self.doc.slice(other.span),
                    rec.id
                )
            },
        );
        Some(rule::OTHER_PARTY_NEARER)
    }

    /// For an amount: the counted things of its sentence, when there are some and none is
    /// anything record `r` has (no figure's phrase heads it, none of the record's entities
    /// is in it) and the sentence names none of the record's entities and no deal ("the
    /// sale"): "The second approval was for 135 SLAM-ER missiles for $1.008 billion" prices
    /// those missiles. Returns the first such counted phrase; a count that counts no noun
    /// leaves it undecided (None).
    fn prices_other_items(&self, claim: &Claim, r: usize) -> Option<Span> {
        if claim.kind != ClaimKind::Money || !self.on(rule::PRICES_OTHER_ITEMS) {
            return None;
        }
        let rec = &self.kb().records[r];
        let own: &[usize] = &rec.about_ix;
        if self
            .sentence_mentions(claim)
            .iter()
            .any(|m| own.contains(&m.entity))
            || self.names_the_deal(self.near(claim))
        {
            return None;
        }
        let mut first = None;
        for c in self.claims_near(claim) {
            if c.sentence != claim.sentence || c.kind != ClaimKind::Count {
                continue;
            }
            let (_, of) = c.of.as_ref()?;
            let has = (0..rec.figures.len()).any(|f| self.heads(*of, r, f))
                || self
                    .mentions_in(*of)
                    .iter()
                    .any(|m| own.contains(&m.entity));
            if has {
                return None;
            }
            first.get_or_insert(*of);
        }
        first
    }

    /// Whether `date` opens the sentence as a fronted adverbial ("In 2015, Kosovo ordered
    /// …"), which dates the clause after its comma, where `claim` is.
    pub(super) fn fronted(&self, date: Span, claim: Span) -> bool {
        // A fronted date opens its sentence (three words at most before it), and heads a
        // clause the claim is in: both are short reaches, so a long sentence costs no more.
        const REACH: usize = 240;
        let s = self.doc.sentences[self.doc.sentence_at(date.start)].span;
        if date.start.saturating_sub(s.start) > REACH
            || claim.start.saturating_sub(date.end) > 4 * REACH
        {
            return false;
        }
        let before = self.doc.text.get(s.start..date.start).unwrap_or("");
        let after = self.doc.text.get(date.end..claim.start).unwrap_or("");
        // A timeline entry: "- **December 2022** — …", "2019: …": the date heads the whole
        // entry.
        let after_markup = after.trim_start_matches(['*', '_', ' ']);
        let head = before.trim_start_matches(['-', '*', '+', '#', ' ', '_']);
        if date.end <= claim.start
            && head.is_empty()
            && (after_markup.starts_with(['—', '–', ':']) || after_markup.starts_with("- "))
        {
            return true;
        }
        date.end <= claim.start
            && before.split_whitespace().count() <= 3
            && !before.contains([',', ';'])
            && after.trim_start().starts_with(',')
            && !after[after.find(',').map_or(0, |i| i + 1)..]
                .contains([',', ';', '—', '–', '(', ')'])
    }

    /// Whether date `date` opens the claim's clause, before it: at most three words ("and
    /// in", "but by") stand between the clause's start and the date ("…, and in March 2018
    /// it signed for 16 launch stations"), so the date dates all the clause says.
    pub(super) fn opens_clause(&self, date: Span, claim: &Claim) -> bool {
        if date.end > claim.span.start {
            return false;
        }
        let clause = clause_span(self.doc, claim);
        clause.start <= date.start
            && self
                .doc
                .text
                .get(clause.start..date.start)
                .is_some_and(|lead| lead.split_whitespace().count() <= 3)
    }

    /// `link::other-recipient`: the party the claim's clause sells or gives to after the
    /// claim ("a possible $85 million sale to Croatia", "approved … for the U.K."), when it
    /// is none of record `r`'s entities and the clause names none of them outside the
    /// claim's own words. KB authorities ("to Congress") receive nothing.
    pub(super) fn other_recipient(&self, claim: &Claim, r: usize) -> Option<Span> {
        if !self.on(rule::OTHER_RECIPIENT) {
            return None;
        }
        let np = claim
            .of
            .as_ref()
            .map_or(claim.span, |(_, sp)| sp.join(claim.span));
        let own: &[usize] = &self.kb().records[r].about_ix;
        let doc = self.doc;
        let toks = &doc.tokens;
        // The clause after the claim's words, read token by token to its first stop (most
        // claims have no "to" or "for" there, and pay only this).
        let (_, last) = doc.sentences[claim.sentence].tokens;
        let lo = toks.partition_point(|t| t.span.start < np.end);
        let hi = (lo..last.min(lo + 80))
            .find(|&k| {
                toks[k].kind == crate::text::TokKind::Punct
                    && doc
                        .slice(toks[k].span)
                        .chars()
                        .next()
                        .is_some_and(|c| CLAUSE_STOPS.contains(&c))
            })
            .unwrap_or(last.min(lo + 80));
        let word = |k: usize| toks.get(k).map_or("", |t| doc.slice(t.span));
        let mut who = None;
        for k in lo..hi {
            let w = word(k);
            if !(w.eq_ignore_ascii_case("to") || w.eq_ignore_ascii_case("for"))
                || (k > 0 && word(k - 1).eq_ignore_ascii_case("up"))
            {
                continue;
            }
            let j = if word(k + 1).eq_ignore_ascii_case("the") {
                k + 2
            } else {
                k + 1
            };
            let Some(t) = toks.get(j).filter(|_| j < hi) else {
                break;
            };
            if let Some(m) = self
                .mentions_in(Span::new(t.span.start, t.span.start + 1))
                .first()
            {
                if !self.kb().entities[m.entity].authority && !own.contains(&m.entity) {
                    who = Some(m.span);
                    break;
                }
                continue;
            }
            let name = doc.slice(t.span);
            // A name: capitalised letters ("Croatia"), or an abbreviation ("U.K.").
            let abbreviation = name.len() == 1
                && toks
                    .get(j + 1)
                    .is_some_and(|d| !d.gap && doc.slice(d.span) == ".");
            if name.chars().next().is_some_and(char::is_uppercase)
                && name.chars().all(char::is_alphabetic)
                && (name.len() > 1 || abbreviation)
                && super::party::may_name(name)
                && !doc
                    .text
                    .get(t.span.end..)
                    // A designation ("AN/APY-10", "F-16") names a thing.
                    .is_some_and(|rest| rest.starts_with(['-', '/']))
            {
                // An abbreviation's span takes its letters and dots ("U.K.").
                let mut end = j;
                while abbreviation
                    && toks.get(end + 1).is_some_and(|d| {
                        !d.gap && {
                            let x = doc.slice(d.span);
                            x == "." || (x.len() == 1 && x.chars().all(char::is_uppercase))
                        }
                    })
                {
                    end += 1;
                }
                who = Some(t.span.join(toks[end].span));
                break;
            }
        }
        let who = who?;
        // None of the record's own entities named in the clause, outside the claim's words.
        let clause = self.clause_of(claim);
        (!self
            .mentions_in(clause)
            .iter()
            .any(|m| own.contains(&m.entity) && !np.contains(m.span)))
        .then_some(who)
    }

    /// `link::time-back-reference`: the words of the rule's cues ("At that time", "Back
    /// then") that open the claim's sentence, when the claim's clause is that opening's
    /// ("At the time of writing" points nowhere back).
    pub(super) fn time_back_reference(&self, claim: &Claim) -> Option<Span> {
        if !self.on(rule::TIME_BACK_REFERENCE) {
            return None;
        }
        let sent = self.doc.sentences[claim.sentence].span;
        let text = self.doc.slice(sent);
        let body = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        let start = sent.start + (text.len() - body.len());
        let cue = self.prep.back_references.iter().find_map(|cue| {
            let head = body.get(..cue.len())?;
            let rest = &body[cue.len()..];
            (head.eq_ignore_ascii_case(cue)
                && !rest.starts_with(|c: char| c.is_alphanumeric())
                && !rest.trim_start().to_ascii_lowercase().starts_with("of "))
            .then(|| Span::new(start, start + cue.len()))
        })?;
        // The opening governs the clause it begins, not a later one of the sentence.
        (clause_span(self.doc, claim).start <= cue.start || self.fronted(cue, claim.span))
            .then_some(cue)
    }

    /// A party the KB does not know acting in the claim's clause ("Neighbouring Montenegro
    /// bought 60 Javelin missiles"), where none of the record's own entities is named in
    /// the clause outside the claim's noun: the figure is that party's.
    pub(super) fn unknown_party(&self, claim: &Claim, r: usize) -> Option<&'static str> {
        if !self.on(rule::UNKNOWN_PARTY) {
            return None;
        }
        let clause = self.clause_of(claim);
        let np = claim
            .of
            .as_ref()
            .map_or(claim.span, |(_, sp)| sp.join(claim.span));
        let own: &[usize] = &self.kb().records[r].about_ix;
        let mentions = self.mentions_in(clause);
        if mentions
            .iter()
            .any(|m| own.contains(&m.entity) && !np.contains(m.span))
        {
            return None;
        }
        let toks = &self.doc.tokens;
        let lo = toks.partition_point(|t| t.span.start < clause.start);
        let hi = toks.partition_point(|t| t.span.start < claim.span.start);
        // The sentence's first word is capitalised for being first.
        let (first, last) = self.doc.sentences[claim.sentence].tokens;
        let first_word = (first..last)
            .find(|&k| toks[k].kind == crate::text::TokKind::Alnum)
            .unwrap_or(first);
        let name = (lo.max(first_word + 1)..hi)
            .map(|k| toks[k].span)
            .find(|&sp| {
                let w = self.doc.slice(sp);
                w.len() > 1
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && super::party::may_name(w)
                && !mentions.iter().any(|m| m.span.contains(sp))
                // A model designation ("AGM-114R", "PAC-3") names a thing, not a party.
                && !self.doc.text.get(sp.end..).is_some_and(|t| {
                    t.starts_with('-') && t[1..].starts_with(|c: char| c.is_ascii_digit())
                })
                // A word of what another figure counts ("170 Hellfire missiles") is a thing
                // counted, not a party acting.
                && !self.claims_near(claim).iter().any(|c| {
                    c.of.as_ref().is_some_and(|(_, of)| of.contains(sp))
                })
                // An authority named in a state claim ("The State Department approved").
                && !self.claims_near(claim).iter().any(|c| {
                    matches!(c.value, ClaimValue::Status { .. }) && c.span.contains(sp)
                })
                && !self.in_dateline(sp)
            })?;
        self.ev_c(claim, rule::UNKNOWN_PARTY, Effect::Against, Some(name), Some(r), || {
            format!(
                "“{}”, a name the KB does not know, acts in the claim's clause, and none of record `{}`'s own entities does",
                self.doc.slice(name),
                self.kb().records[r].id
            )
        });
        Some(rule::UNKNOWN_PARTY)
    }

    /// A record more than a year older than the article is history: its figures are
    /// compared only where the narrative is in the record's time (the last date before the
    /// claim, or a date in its sentence, is in one of the record's years). A 2025 story's "82 HIMARS launchers" is a new order, not
    /// the 11 of 2020.
    pub(super) fn old_record(&self, claim: &Claim, r: usize) -> Option<&'static str> {
        let article = self.date?;
        let rec = &self.kb().records[r];
        let rd = rec.date?;
        if !self.on(rule::OLD_RECORD) || article.days() - rd.days() <= 365 {
            return None;
        }
        let years: Vec<i32> = std::iter::once(rd.year)
            .chain(rec.statuses.iter().filter_map(|s| s.date.map(|d| d.year)))
            .collect();
        // The narrative's time: the last date before the claim (or any in its sentence),
        // the dateline's aside.
        let fits = |c: &Claim| {
            matches!(&c.value, ClaimValue::Date(d) if d.is_placed() && {
                let (a, b) = d.bounds();
                years.iter().any(|y| a.year <= *y && *y <= b.year)
            })
        };
        let sent_end = self.doc.sentences[claim.sentence].span.end;
        let mut dates = self.claims.iter().filter(|c| {
            matches!(&c.value, ClaimValue::Date(d) if d.is_placed())
                && !self.in_dateline(c.span)
                && !self.note_date(c.span)
        });
        let dated = dates
            .clone()
            .filter(|c| c.sentence == claim.sentence)
            .any(fits)
            || dates
                .rfind(|c| c.span.end <= sent_end.min(claim.span.start))
                .is_some_and(fits);
        if dated {
            return None;
        }
        self.ev_c(claim, rule::OLD_RECORD, Effect::Against, None, Some(r), || {
            format!(
                "record `{}` dates from {rd}, over a year before the article ({article}), and nothing in the paragraph dates the claim then",
                rec.id
            )
        });
        Some(rule::OLD_RECORD)
    }

    /// A figure that holds for a period (`date = "2024"`: that year's share of GDP) is not
    /// what an article written after the period says in the present, unless the claim's
    /// sentence dates it in the period.
    pub(super) fn out_of_period(
        &self,
        claim: &Claim,
        r: usize,
        figs: &[usize],
    ) -> Option<&'static str> {
        if !self.on(rule::FIGURE_PERIOD) {
            return None;
        }
        // An article with no date was written no earlier than the latest date it mentions.
        let article = self.date.or_else(|| self.latest_date_mentioned())?;
        let rec = &self.kb().records[r];
        let periods: Vec<(Date, Date)> = figs
            .iter()
            .filter_map(|&f| rec.figures[f].date)
            .filter(|d| !matches!(d, DateValue::Day(_)))
            .map(|d| d.bounds())
            .collect();
        if periods.len() < figs.len() || periods.iter().any(|&(_, hi)| hi >= article) {
            return None;
        }
        let dated_in = self.claims_near(claim).iter().any(|c| {
            matches!(&c.value, ClaimValue::Date(d) if d.is_placed() && periods.iter().any(|&(lo, hi)| {
                let (a, b) = d.bounds();
                a <= hi && lo <= b
            }))
        });
        if dated_in {
            return None;
        }
        self.ev_c(claim, rule::FIGURE_PERIOD, Effect::Against, None, Some(r), || {
            let (lo, hi) = periods[0];
            format!("the figure holds for {lo} to {hi}; the article ({article}) is later and the sentence names no date in that time")
        });
        Some(rule::FIGURE_PERIOD)
    }

    /// The first day of the latest date the article mentions (a year, a month or a day):
    /// for an article with no date of its own, the earliest it can have been written.
    pub(super) fn latest_date_mentioned(&self) -> Option<Date> {
        *self.latest_date.get_or_init(|| {
            self.claims
                .iter()
                .filter_map(|c| match &c.value {
                    ClaimValue::Date(d) if d.is_placed() => Some(d.bounds().0),
                    _ => None,
                })
                .max()
        })
    }

    /// An amount with no noun of its own prices its sentence's event: when a count before
    /// it in the sentence was placed in another event, so is the amount (the count's claim).
    pub(super) fn shares_another_event(&self, ci: usize) -> Option<usize> {
        let claim = &self.claims[ci];
        if !self.on(rule::SHARES_ANOTHER_EVENT) || claim.kind != ClaimKind::Money {
            return None;
        }
        let own_noun = claim.of.as_ref().is_some_and(|(o, _)| {
            let o = o.to_lowercase();
            !self.prep.deal_nouns.contains(&o)
        });
        if own_noun {
            return None;
        }
        let sent = self.doc.sentences[claim.sentence].span;
        let lo = self.claims.partition_point(|c| c.span.start < sent.start);
        (lo..ci).find(|&k| self.elsewhere[k])
    }
}

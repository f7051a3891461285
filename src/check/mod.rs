//! Checking: tie each claim to the KB record it is about, compare, and report findings.
//!
//! Scope (SPEC §4): a record is in scope for a claim when every one of its `about` entities is
//! mentioned in the claim's sentence or earlier in the article; the nearest such record wins,
//! and when two are equally near the one whose own entities sit closest to the claim in the
//! sentence wins. A claim links to the figures whose `of` phrase it counts. When the link stays
//! unclear the claim is `ambiguous`, never a mismatch: a false alarm is the worst bug we have.

pub mod compare;

use crate::codes::{self, Severity};
use crate::date::{Date, DateValue};
use crate::entity::{AliasIndex, Hit, Mention};
use crate::extract::approval::Lexicon;
use crate::extract::{self, Claim, ClaimKind, ClaimValue, Context, Qualifier, Unit};
use crate::kb::{FigureValue, Kb, Problem, Record, Status};
use crate::link::rules::{self as rule};
use crate::link::{Candidate, ClaimTrace, Decision, Effect, Evidence};
use crate::span::Span;
use crate::state::{self, Agreement, State};
use crate::text::Document;
use aho_corasick::AhoCorasick;
pub use compare::{Verdict, figure_verdict};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::LazyLock;

/// A finding: what the article says, what the KB says, where.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// The claim's figure in the article.
    pub span: Span,
    pub message: String,
    /// Label on the span: what the article says.
    pub label: String,
    /// Index into [`Report::claims`].
    pub claim: Option<usize>,
    /// Record index into `Kb::records`.
    pub record: Option<usize>,
    /// Figure indices into the record's figures: every figure the claim could be.
    pub figures: Vec<usize>,
    /// Status index into the record's statuses.
    pub status: Option<usize>,
    /// Other places in the article, with a label ("246 here").
    pub related: Vec<(Span, String)>,
    /// What the KB says, for the help line.
    pub expected: Option<String>,
    /// Replacement text for the span.
    pub suggestion: Option<String>,
}

/// Counts for the summary table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub claims: usize,
    /// Claims tied to a KB figure or status.
    pub checked: usize,
    pub agreeing: usize,
    pub errors: usize,
    pub warnings: usize,
    pub advice: usize,
    /// Findings silenced by a directive in the article or by a baseline.
    pub suppressed: usize,
}

/// The result of checking one article.
#[derive(Debug)]
pub struct Report {
    pub doc: Document,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    /// Findings an editor silenced (`<!-- factcheck-ignore -->` or a baseline).
    pub suppressed: Vec<Finding>,
    pub stats: Stats,
    /// The date the article was judged at.
    pub date: Option<Date>,
    /// Each claim's link, with its evidence (filled only with [`Options::trace`]).
    pub traces: Vec<ClaimTrace>,
    /// Fingerprints by (start, end, code), worked out for all findings at once on first use.
    fingerprints: std::sync::OnceLock<HashMap<(usize, usize, &'static str), String>>,
}

/// What identifies a finding across edits (see [`Report::fingerprint`]).
type FingerprintKey<'a> = (&'static str, &'a str, &'a str, String, String);

impl Report {
    /// A fingerprint per finding that survives edits elsewhere in the article: the code, the
    /// KB record and figure, the flagged words and the counted thing — never a line number —
    /// plus which occurrence of that same key it is.
    pub fn fingerprint(&self, kb: &Kb, f: &Finding) -> String {
        let all = self.fingerprints.get_or_init(|| self.all_fingerprints(kb));
        all.get(&(f.span.start, f.span.end, f.code))
            .cloned()
            .unwrap_or_else(|| self.fingerprint_of(kb, f, 0))
    }

    fn key<'k>(&self, kb: &'k Kb, f: &Finding) -> FingerprintKey<'k> {
        let rec = f.record.map_or("", |r| kb.records[r].id.as_str());
        let fig = f
            .figures
            .first()
            .and_then(|&i| f.record.map(|r| kb.records[r].figures[i].id.as_str()))
            .unwrap_or("");
        let text = self
            .doc
            .slice(f.span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let of = f
            .claim
            .and_then(|c| self.claims[c].of.as_ref())
            .map_or(String::new(), |o| o.0.to_lowercase());
        (f.code, rec, fig, text, of)
    }

    fn fingerprint_of(&self, kb: &Kb, f: &Finding, nth: usize) -> String {
        let k = self.key(kb, f);
        crate::suppress::fnv1a(&[k.0, k.1, k.2, &k.3, &k.4, &nth.to_string()])
    }

    /// Every finding's fingerprint (shown and suppressed), in one pass in text order: the
    /// occurrence number of a key counts the findings with that key that start earlier.
    fn all_fingerprints(&self, kb: &Kb) -> HashMap<(usize, usize, &'static str), String> {
        let mut all: Vec<&Finding> = self.findings.iter().chain(&self.suppressed).collect();
        all.sort_by_key(|f| f.span.start);
        let mut seen: HashMap<FingerprintKey<'_>, usize> = HashMap::new();
        let mut out = HashMap::with_capacity(all.len());
        let mut i = 0;
        while i < all.len() {
            // Findings starting at one offset share their occurrence numbers.
            let j = i + all[i..]
                .iter()
                .take_while(|f| f.span.start == all[i].span.start)
                .count();
            let keys: Vec<_> = all[i..j].iter().map(|f| self.key(kb, f)).collect();
            for (f, k) in all[i..j].iter().zip(&keys) {
                let nth = seen.get(k).copied().unwrap_or(0);
                out.entry((f.span.start, f.span.end, f.code))
                    .or_insert_with(|| self.fingerprint_of(kb, f, nth));
            }
            for k in keys {
                *seen.entry(k).or_default() += 1;
            }
            i = j;
        }
        out
    }

    /// How claim `ci` ended: the codes of the findings on it (without `factcheck::`, joined
    /// by `+`),
    /// `agrees` when it was tied to the KB and raised nothing, else `silent`.
    pub fn outcome(&self, ci: usize) -> String {
        let codes: Vec<&str> = self
            .findings
            .iter()
            .chain(&self.suppressed)
            .filter(|f| f.claim == Some(ci))
            .map(|f| f.code.trim_start_matches("factcheck::"))
            .collect();
        if !codes.is_empty() {
            return codes.join("+");
        }
        match self.traces.get(ci).map(|t| &t.decision) {
            Some(Decision::Linked { .. }) => "agrees".into(),
            _ => "silent".into(),
        }
    }

    /// Moves the findings `hide` picks to `suppressed`, and recounts.
    pub fn suppress(&mut self, hide: impl Fn(&Report, &Finding) -> bool) {
        let all = std::mem::take(&mut self.findings);
        let (gone, kept): (Vec<Finding>, Vec<Finding>) =
            all.into_iter().partition(|f| hide(self, f));
        self.findings = kept;
        self.suppressed.extend(gone);
        self.recount();
    }

    /// Re-grades findings: `grade` gives the new severity, or `None` to drop the finding
    /// (a code configured off).
    pub fn regrade(&mut self, grade: impl Fn(&Finding) -> Option<Severity>) {
        let all = std::mem::take(&mut self.findings);
        self.fingerprints = std::sync::OnceLock::new();
        self.findings = all
            .into_iter()
            .filter_map(|mut f| {
                f.severity = grade(&f)?;
                Some(f)
            })
            .collect();
        self.recount();
    }

    fn recount(&mut self) {
        let s = &mut self.stats;
        (s.errors, s.warnings, s.advice) = (0, 0, 0);
        for f in &self.findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Advice => s.advice += 1,
            }
        }
        s.suppressed = self.suppressed.len();
    }
}

/// Options of one check.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--date`: overrides front matter and datelines.
    pub date: Option<Date>,
    /// Record every claim's evidence and decision in [`Report::traces`] (`--trace`).
    pub trace: bool,
}

/// A KB made ready for checking: the automaton and lexicon are built once.
pub struct Checker<'k> {
    pub kb: &'k Kb,
    index: AliasIndex,
    lexicon: &'k Lexicon,
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
    /// Each record's `about` entities by index (`None`: not a KB entity).
    about: Vec<Vec<Option<usize>>>,
    /// Rules switched off, by their place in [`rule::IDS`].
    disabled: Vec<bool>,
    /// The cue words of `link::other-event-cue` and `link::aggregate-cue`.
    other_event_cues: AhoCorasick,
    aggregate_cues: AhoCorasick,
    /// The cues of the rules for other quantities: unit prices, plans and targets, parts,
    /// inventories.
    unit_price_cues: AhoCorasick,
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
}

/// The article's own date: Markdown front matter, else a dateline at the top.
pub fn article_date(doc: &Document) -> Option<Date> {
    if let Some(d) = doc.front_matter_date.as_deref().and_then(Date::parse) {
        return Some(d);
    }
    dateline(doc).map(|(d, _)| d)
}

/// A dateline: a full date among the first dozen tokens of the first paragraph
/// ("WASHINGTON, Jan. 11, 2024 —"), with its span. It dates the article, not any event.
pub fn dateline(doc: &Document) -> Option<(Date, Span)> {
    let first = doc.paragraphs.first()?;
    let head_end = doc
        .tokens
        .iter()
        .take(14)
        .next_back()
        .map_or(first.end, |t| t.span.end.min(first.end));
    let head = Document::new(&doc.text[..head_end]);
    static NO_PHRASES: std::sync::LazyLock<Option<Lexicon>> =
        std::sync::LazyLock::new(|| Lexicon::new(vec![], &[]).ok());
    let lex = NO_PHRASES.as_ref()?;
    extract::extract(&head, &Context::default(), lex)
        .into_iter()
        .find_map(|c| match c.value {
            ClaimValue::Date(DateValue::Day(d)) => Some((d, c.span)),
            _ => None,
        })
}

/// A dateline by its form at the top of the article: a place in capitals (optionally with
/// a region), a date, an optional agency in brackets, and a dash ("WASHINGTON, Dec. 13
/// (Reuters) -", "TALLINN, Estonia, March 4 —"). The span runs to the dash: any date in it
/// dates the article, not an event.
pub fn dateline_form(doc: &Document) -> Option<Span> {
    static FORM: LazyLock<regex::Regex> = LazyLock::new(|| {
        // Unicode classes off: the pattern's classes are ASCII, and the Unicode tables
        // were most of its build time (at every start-up).
        regex::RegexBuilder::new(
            r"^[ \t\r\n]*(?:\*\*)?[A-Z][A-Z.'\- ]{2,40}(?:,[ \t]*[A-Z][A-Za-z.'\- ]{1,30}){0,2},?[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+[0-9]{1,2}(?:,[ \t]*[0-9]{4})?(?:\*\*)?[ \t]*(?:\([A-Za-z0-9 .,'&/-]{1,40}\)[ \t]*)?(?:—|–|-{1,2})",
        )
        .unicode(false)
        .build()
        .expect("the dateline form is a valid regex")
    });
    let start = doc.paragraphs.first()?.start;
    let head = doc
        .text
        .get(start..(start + 160).min(doc.text.len()))
        .or_else(|| doc.text.get(start..))?;
    FORM.find(head)
        .map(|m| Span::new(start + m.start(), start + m.end()))
}

/// Where a record stands relative to a claim.
#[derive(Debug, Clone, Copy)]
struct Scope {
    record: usize,
    /// Sentences back to the oldest of its entities' latest mentions (0: all in the sentence).
    distance: usize,
    /// Bytes from the claim to the nearest mention, in its sentence, of an entity only this
    /// record has among the competitors (filled in when breaking ties).
    nearness: usize,
}

impl<'k> Checker<'k> {
    pub fn new(kb: &'k Kb) -> Result<Checker<'k>, Box<Problem>> {
        let lexicon = kb.lexicon()?;
        let index = AliasIndex::new(kb);
        let mut records_of = vec![Vec::new(); kb.entities.len()];
        let mut in_about = vec![false; kb.entities.len()];
        let mut party_kinds = vec![[false; 4]; kb.entities.len()];
        let pos: HashMap<&str, usize> = kb
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let mut about = Vec::with_capacity(kb.records.len());
        for (ri, r) in kb.records.iter().enumerate() {
            let mut ix = Vec::with_capacity(r.about.len());
            for a in &r.about {
                let e = pos.get(a.as_str()).copied();
                if let Some(e) = e {
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
                ix.push(e);
            }
            about.push(ix);
        }
        let mut keyed = vec![Vec::new(); kb.entities.len()];
        for (ri, ix) in about.iter().enumerate() {
            if let Some(e) = ix.iter().flatten().min_by_key(|&&e| records_of[e].len()) {
                keyed[*e].push(ri);
            }
        }
        let records_of = keyed;
        let cues = |id: &str| cue_automaton(rule::cues(id));
        Ok(Checker {
            kb,
            index,
            lexicon,
            records_of,
            in_about,
            party_kinds,
            about,
            disabled: vec![false; rule::IDS.len()],
            other_event_cues: cues(rule::OTHER_EVENT_CUE),
            aggregate_cues: cues(rule::AGGREGATE_CUE),
            unit_price_cues: cues(rule::UNIT_PRICE),
            plan_cues: cues(rule::PLAN_OR_TARGET),
            programme_cues: cues(rule::PROGRAMME_OR_BUDGET),
            part_cues: cues(rule::PART_OF_WHOLE),
            inventory_cues: cues(rule::INVENTORY),
            deal_nouns: owned(rule::cues(rule::DEAL_NOUN)),
            pricing: owned(rule::cues(rule::PRICES_THE_DEAL)),
            pricing_except: owned(rule::except(rule::PRICES_THE_DEAL)),
            determiners: owned(rule::cues(rule::DEFINITE_REFERENCE)),
        })
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
            }
        }
        Ok(())
    }

    /// Whether rule `id` is on.
    pub fn on(&self, id: &str) -> bool {
        rule::index(id).is_none_or(|i| !self.disabled[i])
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon
    }

    /// Checks one article.
    pub fn check(&self, text: String, opts: &Options) -> Report {
        let doc = Document::new(text);
        let dl = if doc.front_matter_date.is_none() && self.on(rule::DATELINE) {
            dateline(&doc)
        } else {
            None
        };
        let date = opts
            .date
            .or_else(|| doc.front_matter_date.as_deref().and_then(Date::parse))
            .or(dl.map(|(d, _)| d));
        let claims = extract::extract(&doc, &Context { date }, self.lexicon);
        let (mentions, phrases) = self.index.scan(&doc);
        let mut run = Run {
            ck: self,
            doc: &doc,
            claims: &claims,
            mentions,
            phrases,
            date,
            dateline: dl
                .map(|(_, s)| s)
                .or_else(|| dateline_form(&doc).filter(|_| self.on(rule::DATELINE))),
            dated_by_dateline: opts.date.is_none()
                && doc.front_matter_date.is_none()
                && dl.is_some(),
            mention_sentences: HashMap::new(),
            scope_cache: Default::default(),
            traces: std::cell::RefCell::new(if opts.trace {
                vec![ClaimTrace::default(); claims.len()]
            } else {
                Vec::new()
            }),
            findings: Vec::new(),
            links: vec![None; claims.len()],
            checked: vec![false; claims.len()],
            elsewhere: vec![false; claims.len()],
            respectively_in: {
                let mut v = vec![false; doc.sentences.len()];
                let lower = doc.lower();
                let mut at = 0;
                while let Some(i) = lower.get(at..).and_then(|t| t.find("respectively")) {
                    v[doc.sentence_at(at + i)] = true;
                    at += i + "respectively".len();
                }
                v
            },
            stats: Stats {
                claims: claims.len(),
                ..Stats::default()
            },
        };
        run.go();
        let Run {
            mut findings,
            mut stats,
            checked,
            traces,
            ..
        } = run;
        let traces = traces.into_inner();
        // A checked claim agrees unless an error or warning is raised on it.
        let flagged: HashSet<usize> = findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .filter_map(|f| f.claim)
            .collect();
        stats.checked = checked.iter().filter(|c| **c).count();
        stats.agreeing = checked
            .iter()
            .enumerate()
            .filter(|(i, c)| **c && !flagged.contains(i))
            .count();
        findings.sort_by_key(|f| (f.span.start, f.span.end, std::cmp::Reverse(f.severity)));
        let findings = one_per_span_and_code(findings);
        let mut report = Report {
            doc,
            claims,
            findings,
            suppressed: Vec::new(),
            stats,
            date,
            traces,
            fingerprints: Default::default(),
        };
        let directives = crate::suppress::directives(&report.doc);
        report.suppress(|r, f| {
            !directives.is_empty()
                && crate::suppress::silenced(&directives, r.doc.sentence_at(f.span.start), f.code)
        });
        report
    }
}

/// What a quantity claim was tied to, for the consistency check.
#[derive(Debug, Clone)]
struct Link {
    record: usize,
    figure: usize,
    agrees: bool,
}

struct Run<'a, 'k> {
    ck: &'a Checker<'k>,
    doc: &'a Document,
    claims: &'a [Claim],
    mentions: Vec<Mention>,
    phrases: Vec<Hit>,
    date: Option<Date>,
    findings: Vec<Finding>,
    links: Vec<Option<Link>>,
    /// The dateline's date, which dates the article and no event in it.
    dateline: Option<Span>,
    /// The article's date is the dateline's.
    dated_by_dateline: bool,
    /// Sentences each entity is mentioned in, ascending.
    mention_sentences: HashMap<usize, Vec<usize>>,
    /// Records in scope per sentence, filled as claims ask.
    scope_cache: std::cell::RefCell<Vec<Option<std::rc::Rc<[Scope]>>>>,
    /// Claims tied to a KB figure or status.
    checked: Vec<bool>,
    /// Claims placed in another event than their record's (another date, cue, party, model).
    elsewhere: Vec<bool>,
    /// Sentences that say "respectively".
    respectively_in: Vec<bool>,
    stats: Stats,
    /// Each claim's evidence and decision, when tracing (else empty).
    traces: std::cell::RefCell<Vec<ClaimTrace>>,
}

impl<'k> Run<'_, 'k> {
    fn kb(&self) -> &'k Kb {
        self.ck.kb
    }

    fn on(&self, id: &str) -> bool {
        self.ck.on(id)
    }

    /// Records that rule `rule` fired on claim `ci` (when tracing). `note` is only called
    /// then.
    fn ev(
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
    fn decide(&self, ci: usize, d: Decision) {
        if let Some(t) = self.traces.borrow_mut().get_mut(ci) {
            t.decision = d;
        }
    }

    /// Records the candidates of claim `ci` (when tracing).
    fn candidates(&self, ci: usize, scopes: &[Scope], figures: impl Fn(usize) -> Vec<usize>) {
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

    fn tracing(&self) -> bool {
        !self.traces.borrow().is_empty()
    }

    /// Like [`Run::ev`], for a claim given by reference (one of [`Run::claims`]).
    fn ev_c(
        &self,
        claim: &Claim,
        rule: &'static str,
        effect: Effect,
        span: Option<Span>,
        record: Option<usize>,
        note: impl FnOnce() -> String,
    ) {
        if self.tracing()
            && let Some(ci) = self.claims.iter().position(|c| std::ptr::eq(c, claim))
        {
            self.ev(ci, rule, effect, span, record, note);
        }
    }

    /// The claim's sentence, or in a very long one (a list of thousands of figures) the
    /// 600 bytes either side of the claim: the sentence-scope rules read this much, so each
    /// claim costs the same however long its sentence.
    fn near(&self, claim: &Claim) -> Span {
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

    /// The claims of sentence `s` (claims are sorted by start).
    fn claims_in(&self, s: usize) -> &[Claim] {
        let span = self.doc.sentences[s].span;
        let lo = self.claims.partition_point(|c| c.span.start < span.start);
        let hi = self.claims.partition_point(|c| c.span.start < span.end);
        &self.claims[lo..hi]
    }

    /// The entity mentions of the claim's sentence.
    fn sentence_mentions(&self, claim: &Claim) -> &[Mention] {
        // (In a very long sentence, those near the claim: see `near`.)
        self.mentions_in(self.near(claim))
    }

    /// Whether entity `e` is named in the claim's sentence.
    fn named_here(&self, claim: &Claim, e: usize) -> bool {
        self.sentence_mentions(claim).iter().any(|m| m.entity == e)
    }

    /// Entity mentions inside `within` (mentions are sorted by start).
    fn mentions_in(&self, within: Span) -> &[Mention] {
        let lo = self
            .mentions
            .partition_point(|m| m.span.start < within.start);
        let hi = self.mentions.partition_point(|m| m.span.start < within.end);
        &self.mentions[lo..hi]
    }

    /// Figure-phrase hits inside `within` (hits are sorted by start).
    fn hits_in(&self, within: Span) -> impl Iterator<Item = &Hit> {
        let lo = self
            .phrases
            .partition_point(|h| h.span.start < within.start);
        let hi = self.phrases.partition_point(|h| h.span.start < within.end);
        self.phrases[lo..hi]
            .iter()
            .filter(move |h| h.span.end <= within.end)
    }

    /// Whether a phrase of figure `f` of record `r` is used inside `within`.
    fn has_phrase(&self, within: Span, r: usize, f: usize) -> bool {
        self.hits_in(within).any(|h| {
            self.ck
                .index
                .figures(h.pattern)
                .binary_search(&(r, f))
                .is_ok()
        })
    }

    /// Whether a phrase of figure `f` of record `r` ends the counted noun phrase `np`: its
    /// head ("Javelin missiles" in "246 Javelin missiles"), not a modifier ("Javelin" in "30
    /// Javelin simulators").
    fn heads(&self, np: Span, r: usize, f: usize) -> bool {
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
        let end = np.start + text.len();
        self.hits_in(np).any(|h| {
            h.span.end == end
                && self
                    .ck
                    .index
                    .figures(h.pattern)
                    .binary_search(&(r, f))
                    .is_ok()
        })
    }

    /// Whether the claim's value directly modifies a phrase of figure `f` ("the 2 per cent
    /// guideline", "a 2% target"): the phrase starts right after it.
    fn modifies(&self, claim: &Claim, r: usize, f: usize) -> bool {
        let after = claim.value_span.end;
        let gap = self
            .doc
            .text
            .get(after..)
            .map_or(0, |t| t.len() - t.trim_start_matches([' ', '-']).len());
        let within = Span::new(after, (after + gap + 40).min(self.doc.text.len()));
        self.hits_in(within).any(|h| {
            h.span.start == after + gap
                && self
                    .ck
                    .index
                    .figures(h.pattern)
                    .binary_search(&(r, f))
                    .is_ok()
        })
    }

    /// (figure, span) of every phrase of record `r` used inside `within`.
    fn record_phrases(&self, within: Span, r: usize) -> Vec<(usize, Span)> {
        self.hits_in(within)
            .flat_map(|h| {
                self.ck
                    .index
                    .figures_of_record(h.pattern, r)
                    .iter()
                    .map(move |&(_, f)| (f, h.span))
            })
            .collect()
    }

    fn go(&mut self) {
        for m in &self.mentions {
            let s = self.doc.sentence_at(m.span.start);
            let list = self.mention_sentences.entry(m.entity).or_default();
            if list.last() != Some(&s) {
                list.push(s);
            }
        }
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
            match &c.value {
                ClaimValue::Quantity(_) => self.quantity(ci),
                ClaimValue::Status { .. } => self.status(ci),
                ClaimValue::Date(_) => self.date_figure(ci),
            }
        }
        self.drop_contradicted_siblings();
        self.consistency();
    }

    /// A sentence that states a figure right once and differently once more is describing
    /// two things ("4,500 troops, including 33 soldiers from Iowa"): keep the agreeing one,
    /// drop the mismatch.
    fn drop_contradicted_siblings(&mut self) {
        let agreeing: Vec<(usize, usize, usize)> = self
            .links
            .iter()
            .enumerate()
            .filter_map(|(ci, l)| {
                l.as_ref()
                    .filter(|l| l.agrees)
                    .map(|l| (self.claims[ci].sentence, l.record, l.figure))
            })
            .collect();
        if !self.on(rule::AGREEING_SIBLING) {
            return;
        }
        let claims = self.claims;
        let mut dropped = Vec::new();
        self.findings.retain(|f| {
            let Some(ci) = f.claim else { return true };
            let mismatch =
                f.severity == Severity::Error && f.status.is_none() && !f.figures.is_empty();
            let drop = mismatch
                && f.figures.iter().any(|&fig| {
                    agreeing.contains(&(claims[ci].sentence, f.record.unwrap_or(usize::MAX), fig))
                });
            if drop {
                dropped.push(ci);
            }
            !drop
        });
        for ci in dropped {
            self.ev(ci, rule::AGREEING_SIBLING, Effect::Against, None, None, || {
                "the sentence gives this figure's KB value elsewhere: this one counts a part or another thing".into()
            });
            self.decide(
                ci,
                Decision::NotLinked {
                    rule: rule::AGREEING_SIBLING,
                },
            );
            self.links[ci] = None;
        }
    }

    /// Records in scope at a claim's sentence, nearest first (worked out once a sentence).
    /// The records in scope at the claim's sentence, worked out once per sentence and shared
    /// by its claims.
    fn scopes(&self, claim: &Claim) -> std::rc::Rc<[Scope]> {
        let s = claim.sentence;
        if let Some(Some(sc)) = self.scope_cache.borrow().get(s) {
            return sc.clone();
        }
        let out: std::rc::Rc<[Scope]> = self.scopes_at(s).into();
        let mut cache = self.scope_cache.borrow_mut();
        if cache.len() <= s {
            cache.resize(s + 1, None);
        }
        cache[s] = Some(out.clone());
        out
    }

    fn scopes_at(&self, s: usize) -> Vec<Scope> {
        if !self.on(rule::ABOUT_ENTITIES) {
            return Vec::new();
        }
        // entity → its latest mention's sentence at or before s, sorted by entity
        let mut latest: Vec<(usize, usize)> = self
            .mention_sentences
            .iter()
            .filter_map(|(&e, sents)| {
                let k = sents.partition_point(|&x| x <= s);
                (k > 0).then(|| (e, sents[k - 1]))
            })
            .collect();
        latest.sort_unstable();
        let latest_of = |e: usize| {
            latest
                .binary_search_by_key(&e, |&(x, _)| x)
                .ok()
                .map(|k| latest[k].1)
        };
        let mut candidates: Vec<usize> = latest
            .iter()
            .flat_map(|&(e, _)| self.ck.records_of[e].iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut out = Vec::with_capacity(candidates.len());
        for r in candidates.iter().copied() {
            let about = &self.ck.about[r];
            let mut oldest = s;
            let mut ok = !about.is_empty();
            for a in about {
                match a.and_then(latest_of) {
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
    fn later_records(&self, claim: &Claim) -> Vec<usize> {
        let Some(d) = self.date.filter(|_| self.on(rule::RECORD_AFTER_ARTICLE)) else {
            return vec![];
        };
        let s = claim.sentence;
        let named = |e: &Option<usize>| {
            e.is_some_and(|e| {
                self.mention_sentences
                    .get(&e)
                    .is_some_and(|v| v.first().is_some_and(|&x| x <= s))
            })
        };
        (0..self.kb().records.len())
            .filter(|&r| {
                self.kb().records[r].date.is_some_and(|rd| rd > d)
                    && !self.ck.about[r].is_empty()
                    && self.ck.about[r].iter().all(named)
            })
            .collect()
    }

    /// Traces the records left out for being dated after the article; when nothing else is
    /// in scope, that is the decision.
    fn trace_later(&self, ci: usize, left: bool) {
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

    fn entity_index(&self, id: &str) -> Option<usize> {
        self.kb().entity_pos(id)
    }

    /// Among scopes with candidates, the nearest; `Err` with the tied ones when it cannot be
    /// decided.
    fn choose(&self, claim: &Claim, mut scopes: Vec<Scope>) -> Result<Option<Scope>, Vec<Scope>> {
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
        let shared: Vec<&String> = {
            let first = &self.kb().records[scopes[0].record].about;
            first
                .iter()
                .filter(|a| {
                    scopes
                        .iter()
                        .all(|s| self.kb().records[s.record].about.contains(a))
                })
                .collect()
        };
        for sc in &mut scopes {
            let rec = &self.kb().records[sc.record];
            let own: Vec<usize> = rec
                .about
                .iter()
                .filter(|a| !shared.contains(a))
                .filter_map(|a| self.entity_index(a))
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
        scopes.sort_by_key(|s| (std::cmp::Reverse(uses(s.record)), s.nearness));
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

    /// Figures of record `r` that a quantity claim can be about, each way of tying it
    /// recorded as evidence.
    fn figures_for(&self, claim: &Claim, r: usize) -> Vec<usize> {
        let rec = &self.kb().records[r];
        let Some(q) = claim.quantity() else {
            return vec![];
        };
        let sentence = self.near(claim);
        let header = self
            .table_header(claim)
            .filter(|_| self.on(rule::LIST_CONTEXT));
        let hits = |f: usize, within: Span| {
            self.has_phrase(within, r, f)
                || (within == sentence && header.is_some_and(|h| self.has_phrase(h, r, f)))
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
                let direct: Vec<usize> = amounts.iter().copied().filter(|&f| of_hits(f)).collect();
                if !direct.is_empty() {
                    of_ev(&direct);
                    return direct;
                }
                // Tied by a generic deal noun, a figure phrase elsewhere in the sentence, or
                // "for $75 million": the amount may be any of the record's amounts, so it
                // agrees when it matches one of them.
                let generic = self.on(rule::DEAL_NOUN)
                    && claim.of.as_ref().is_some_and(|(o, _)| {
                        let o = o.to_lowercase();
                        self.ck.deal_nouns.contains(&o)
                    });
                let in_sentence =
                    self.on(rule::PHRASE_IN_SENTENCE) && amounts.iter().any(|&f| hits(f, sentence));
                let priced = self.on(rule::PRICES_THE_DEAL)
                    && claim.of.is_none()
                    && self.prices_the_deal(claim);
                // "a $2.37 billion Harpoon coastal defense sale"
                let own_thing = self.on(rule::OWN_THING) && self.names_own_thing(claim, r);
                if amounts.is_empty() {
                    return amounts;
                }
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

    /// Whether the claim's counted or priced words name one of record `r`'s own
    /// non-authority entities ("F-35s", "Harpoon").
    fn names_own_thing(&self, claim: &Claim, r: usize) -> bool {
        // A count must count the entity itself ("sixty-four F-35s"), not a part of it
        // ("30 Sentinel antennas"); an amount may price anything of it.
        let whole = claim.kind == ClaimKind::Count;
        let Some((_, of)) = &claim.of else {
            return false;
        };
        let own: Vec<usize> = self.kb().records[r]
            .about
            .iter()
            .filter_map(|a| self.entity_index(a))
            .filter(|&e| !self.kb().entities[e].authority)
            .collect();
        // Only with every entity of the record named in the sentence itself: the weaker tie
        // needs the stronger scope ("Finland's sixty-four F-35s").
        let all_here = self.kb().records[r].about.iter().all(|a| {
            self.entity_index(a)
                .is_some_and(|e| self.named_here(claim, e))
        });
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
    fn uses(&self, claim: &Claim, r: usize) -> usize {
        let sentence = self.near(claim);
        let hits: Vec<Span> = self
            .record_phrases(sentence, r)
            .into_iter()
            .map(|(_, sp)| sp)
            .collect();
        // Distinct places: "Abrams tanks" and the "tanks" inside it are one use.
        hits.iter()
            .filter(|h| !hits.iter().any(|o| o != *h && o.contains(**h)))
            .map(|h| (h.start, h.end))
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    }

    /// Whether the claim is confidently about record `r`'s figures `figs`: the sentence uses
    /// a phrase of another of the record's figures ("The package includes 264 missiles"), or
    /// it names one of the record's entities and the paragraph, up to this sentence, names
    /// them all ("Kosovo … 246 Javelin missiles"). A count of the same kind of thing with
    /// the deal named only elsewhere ("the roughly 85 aircraft still flying") is not.
    fn confident(&self, claim: &Claim, r: usize, figs: &[usize]) -> bool {
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
        let own: Vec<usize> = self.kb().records[r]
            .about
            .iter()
            .filter_map(|a| self.entity_index(a))
            .collect();
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

    /// For a claim in a list item or table row: the sentence before the list's first item.
    fn list_intro_sentence(&self, claim: &Claim) -> Option<usize> {
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
    fn list_intro(&self, claim: &Claim) -> Option<Span> {
        let intro = self.list_intro_sentence(claim)?;
        let p = self.doc.sentences[intro].paragraph;
        let start = self.doc.paragraphs.get(p).map_or(0, |p| p.start);
        Some(Span::new(
            start,
            self.doc.sentences[claim.sentence].span.end,
        ))
    }

    /// The table header row above a claim's table row, when it is in one.
    fn table_header(&self, claim: &Claim) -> Option<Span> {
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
    fn definite_reference(&self, claim: &Claim, r: usize) -> bool {
        let toks = &self.doc.tokens;
        let (first, last) = self.doc.sentences[claim.sentence].tokens;
        let det = |k: usize| {
            let w = toks[k].span.slice(&self.doc.text);
            self.ck
                .determiners
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d))
        };
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
            || self.names_the_deal(claim.sentence)
            // A list item, through the sentence introducing its list ("The package
            // includes:").
            || (self.on(rule::LIST_CONTEXT)
                && self
                    .list_intro_sentence(claim)
                    .is_some_and(|s| self.names_the_deal(s)))
    }

    /// Whether sentence `s` refers to a deal with a determiner and a deal noun ("the
    /// package", "this sale").
    fn names_the_deal(&self, s: usize) -> bool {
        let toks = &self.doc.tokens;
        let (first, last) = self.doc.sentences[s].tokens;
        let det = |k: usize| {
            let w = toks[k].span.slice(&self.doc.text);
            self.ck
                .determiners
                .iter()
                .any(|d| w.eq_ignore_ascii_case(d))
        };
        (first..last).any(|k| {
            let w = toks[k].span.slice(&self.doc.text);
            self.ck.deal_nouns.iter().any(|d| w.eq_ignore_ascii_case(d))
                && (1..=3).any(|back| k >= first + back && det(k - back))
        })
    }

    /// Whether the sentence brings in a capitalised name the KB does not know (another
    /// aircraft, another force: "the Panavia Tornado"), other than its first word.
    fn unknown_name(&self, claim: &Claim, r: usize) -> Option<Span> {
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

    /// Whether the sentence uses record `r`'s figure phrases more than any competitor's
    /// ("the tanks … a $500 million package": the tank deal's package).
    fn uses_most(&self, claim: &Claim, r: usize, competitors: &[Scope]) -> bool {
        let mine = self.uses(claim, r);
        competitors
            .iter()
            .filter(|c| c.record != r)
            .all(|c| self.uses(claim, c.record) < mine)
    }

    /// Model designations in the claim's counted thing that none of the in-scope records'
    /// entities names ("TR-85" in "hundreds of locally built TR-85 tanks"): the count is of
    /// another model.
    fn foreign_model(&self, claim: &Claim, scopes: &[Scope]) -> bool {
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
                for e in r.about.iter().filter_map(|a| self.entity_index(a)) {
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
        if let Some(m) = foreign {
            let at = Span::new(of.start + m.start(), of.start + m.end());
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
        }
        foreign.is_some()
    }

    /// Whether the two spans sit in one clause: close, with no comma, semicolon, dash or
    /// bracket between them.
    fn same_clause(&self, a: Span, b: Span) -> bool {
        self.same_clause_within(a, b, 60)
    }

    /// [`Run::same_clause`] with at most `max` bytes between the spans.
    fn same_clause_within(&self, a: Span, b: Span, max: usize) -> bool {
        let (lo, hi) = if a.end <= b.start {
            (a.end, b.start)
        } else {
            (b.end, a.start.max(b.end))
        };
        let between = self.doc.text.get(lo..hi).unwrap_or("");
        between.len() <= max && !between.contains([',', ';', '—', '–', '(', ')'])
    }

    fn in_dateline(&self, s: Span) -> bool {
        self.dateline.is_some_and(|d| d.contains(s))
    }

    /// Whether any of record `r`'s own entities is mentioned in the claim's sentence.
    fn named_in_sentence(&self, claim: &Claim, r: usize, competitors: &[Scope]) -> bool {
        let recs = &self.kb().records;
        // Entities that set `r` apart: the buyer, not the missile both deals share.
        let own: Vec<usize> = recs[r]
            .about
            .iter()
            .filter(|a| {
                competitors
                    .iter()
                    .any(|c| c.record != r && !recs[c.record].about.contains(a))
            })
            .filter_map(|a| self.entity_index(a))
            .collect();
        own.iter().any(|&e| self.named_here(claim, e))
    }

    /// Words attached to the claim that make it a total over several deals (`None`: none).
    fn aggregate(&self, claim: &Claim) -> Option<Span> {
        if !self.on(rule::AGGREGATE_CUE) {
            return None;
        }
        let at = self.clause_of(claim);
        if !self
            .ck
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

    /// The claim's clause: its sentence cut at the nearest comma, semicolon, colon, dash,
    /// bracket or quotation mark on each side.
    fn clause_of(&self, claim: &Claim) -> Span {
        let sent = self.doc.sentences[claim.sentence].span;
        let text = &self.doc.text;
        let stops = [',', ';', ':', '—', '–', '(', ')', '"', '“', '”'];
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

    /// A cue of `words` attached to the claim: in its counted noun, up to four words before
    /// its number in its clause, or just after its noun phrase in a prepositional phrase of
    /// up to four words with no "and", "or", "with" or "including" before the cue ("30
    /// missiles from a separate order", not "30 missiles and other equipment").
    fn attached_cue(&self, claim: &Claim, words: &AhoCorasick) -> Option<Span> {
        let doc = self.doc;
        let toks = &doc.tokens;
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
        // Before: back to the clause's start, at most four words.
        let mut lo = start_tok;
        let mut words_back = 0;
        while lo > first && words_back < 4 && !is_boundary(lo - 1) {
            lo -= 1;
            words_back += 1;
        }
        // After: a short prepositional phrase.
        let mut hi = end_tok;
        let mut words_on = 0;
        while hi < last && words_on < 5 && !is_boundary(hi) {
            let w = toks[hi].span.slice(&doc.text).to_lowercase();
            if matches!(
                w.as_str(),
                "and" | "or" | "with" | "including" | "plus" | "but" | "while" | "as"
            ) {
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
                    let w = t.span.slice(&doc.text).to_lowercase();
                    matches!(
                        w.as_str(),
                        "from"
                            | "in"
                            | "under"
                            | "of"
                            | "for"
                            | "at"
                            | "on"
                            | "through"
                            | "via"
                            | "per"
                            | "by"
                    )
                });
                // A state's object follows it directly ("approved a separate sale").
                let object = matches!(claim.value, ClaimValue::Status { .. });
                span_of(end_tok, hi)
                    .filter(|_| prep || object)
                    .and_then(find)
            })
            .or_else(|| opener.and_then(find))
    }

    /// "… for $75 million.", "worth $75 million": an amount that prices the sentence's subject,
    /// with no noun of its own.
    fn prices_the_deal(&self, claim: &Claim) -> bool {
        let toks = &self.doc.tokens;
        let at = toks.partition_point(|t| t.span.end <= claim.span.start);
        let before = |k: usize| {
            at.checked_sub(k)
                .and_then(|j| toks.get(j))
                .map(|t| t.span.slice(&self.doc.text).to_lowercase())
                .unwrap_or_default()
        };
        let (b1, b2) = (before(1), before(2));
        self.ck.pricing.contains(&b1) && !self.ck.pricing_except.contains(&b2)
    }

    /// Whether the sentence places the claim in another event than record `r`'s (the
    /// rule that says so, with the words): another year in its clause, a cue word attached
    /// to it, or another party named nearer.
    fn another_event(&self, claim: &Claim, r: usize) -> Option<&'static str> {
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
            // A date in a state's clause ("approved ... on January 12") dates that state: it
            // is compared with the status, right or wrong, and is no other event.
            let dates_a_state = |d: &Claim| {
                sentence_claims.iter().any(|s| {
                    matches!(s.value, ClaimValue::Status { .. }) && self.same_clause(s.span, d.span)
                })
            };
            // An amount with no noun of its own prices the sentence's event, so any date in
            // the sentence dates it.
            let prices_sentence = claim.kind == ClaimKind::Money
                && claim
                    .of
                    .as_ref()
                    .is_none_or(|(o, _)| self.ck.deal_nouns.contains(&o.to_lowercase()));
            // "since 2019", "until 2025", "before the war in 2022": a bound, not the
            // event's date; a date after the article's is a schedule of the same deal.
            let bound_or_schedule = |c: &Claim, d: &DateValue| {
                // Up to six words back within the clause: "since Russia seized Crimea in
                // 2014" is bounded as much as "since 2014".
                let sent_start = self.doc.sentences[c.sentence].span.start;
                let before = self.doc.text.get(sent_start..c.span.start).unwrap_or("");
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
                    // A state's own date is compared with its status, not taken for
                    // another event.
                    && matches!(&c.value, ClaimValue::Date(d) if !years.is_empty() && if is_status {
                        // A state's own date in its clause is compared with its status;
                        // only another year there is another event.
                        (self.same_clause(c.span, claim.span) && !years.contains(&d.bounds().0.year) && !years.contains(&d.bounds().1.year))
                            || (self.fronted(c.span, claim.span) && !fits(d))
                    } else {
                        (prices_sentence || self.same_clause(c.span, claim.span) || self.fronted(c.span, claim.span)) && !fits(d)
                    })
                    // (The costlier tests last.)
                    && (is_status || !dates_a_state(c))
                    && !matches!(&c.value, ClaimValue::Date(d) if bound_or_schedule(c, d))
            });
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
            && let Some(at) = self.attached_cue(claim, &self.ck.other_event_cues)
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
        if !self.on(rule::OTHER_PARTY_NEARER) {
            return None;
        }
        // Paired by "respectively": the nearer name is the next figure's.
        if self
            .claims
            .iter()
            .position(|c| std::ptr::eq(c, claim))
            .and_then(|ci| self.respectively(ci))
            .is_some()
        {
            return None;
        }
        let own: Vec<usize> = rec
            .about
            .iter()
            .filter_map(|a| self.entity_index(a))
            .collect();
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
                && self.ck.in_about[m.entity]
                && match claim.kind {
                    ClaimKind::Count => self.ck.party_kinds[m.entity][0],
                    ClaimKind::Money => self.ck.party_kinds[m.entity][1],
                    ClaimKind::Percent => self.ck.party_kinds[m.entity][2],
                    ClaimKind::Status => self.ck.party_kinds[m.entity][3],
                    _ => true,
                }
                // A name inside the claim's own words ("approved by the United States
                // Congress") is part of it, not another party.
                && !claim.span.contains(m.span)
                && !self.kb().entities[m.entity].authority
                && dist(m) < own_near
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

    /// Whether `date` opens the sentence as a fronted adverbial ("In 2015, Kosovo ordered
    /// …"), which dates the clause after its comma, where `claim` is.
    fn fronted(&self, date: Span, claim: Span) -> bool {
        let s = self.doc.sentences[self.doc.sentence_at(date.start)].span;
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

    fn quantity(&mut self, ci: usize) {
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
            self.candidates(ci, &scopes, |r| self.figures_for(claim, r));
        }
        let mut with_figures: Vec<Scope> = scopes
            .iter()
            .copied()
            .filter(|s| !self.figures_for(claim, s.record).is_empty())
            .collect();
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
                self.figures_for(claim, r).iter().any(|&f| {
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
                let figs = self.figures_for(claim, sc.record);
                let foreign =
                    self.on(rule::FOREIGN_MODEL) && self.foreign_model(claim, &with_figures);
                self.compare_quantity(ci, sc.record, figs, foreign);
            }
            Ok(None) => {}
            Err(tied) => {
                // Agreeing with any of the tied records is no alarm.
                let agreeing = tied.iter().find_map(|s| {
                    let figs = self.figures_for(claim, s.record);
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
                            figures,
                            status: None,
                        },
                    );
                    self.checked[ci] = true;
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

    /// A party the KB does not know acting in the claim's clause ("Neighbouring Montenegro
    /// bought 60 Javelin missiles"), where none of the record's own entities is named in
    /// the clause outside the claim's noun: the figure is that party's.
    fn unknown_party(&self, claim: &Claim, r: usize) -> Option<&'static str> {
        if !self.on(rule::UNKNOWN_PARTY) {
            return None;
        }
        let clause = self.clause_of(claim);
        let np = claim
            .of
            .as_ref()
            .map_or(claim.span, |(_, sp)| sp.join(claim.span));
        let own: Vec<usize> = self.ck.about[r].iter().flatten().copied().collect();
        let mentions = self.mentions_in(clause);
        if mentions
            .iter()
            .any(|m| own.contains(&m.entity) && !np.contains(m.span))
        {
            return None;
        }
        const COMMON: &[&str] = &[
            "The",
            "A",
            "An",
            "It",
            "Its",
            "This",
            "That",
            "These",
            "Those",
            "They",
            "Their",
            "He",
            "She",
            "We",
            "In",
            "On",
            "At",
            "By",
            "For",
            "And",
            "But",
            "Of",
            "As",
            "With",
            "After",
            "Before",
            "Under",
            "Officials",
            "Some",
            "Most",
            "All",
            "Both",
            "Each",
            "Such",
            "Neighbouring",
            "Neighboring",
            "Nearby",
            "Meanwhile",
            "Also",
            "Only",
            "There",
            "Here",
            "When",
            "While",
            "If",
            "Now",
            "Then",
            "So",
            "Yet",
            "Still",
        ];
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
                && !COMMON.contains(&w)
                && !mentions.iter().any(|m| m.span.contains(sp))
                // An authority named in a state claim ("The State Department approved").
                && !self.claims_in(claim.sentence).iter().any(|c| {
                    matches!(c.value, ClaimValue::Status { .. }) && c.span.contains(sp)
                })
                && crate::extract::date::month_number(w).is_none()
                && !crate::date::WEEKDAYS.contains(&w)
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
    fn old_record(&self, claim: &Claim, r: usize) -> Option<&'static str> {
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
            matches!(&c.value, ClaimValue::Date(d) if {
                let (a, b) = d.bounds();
                years.iter().any(|y| a.year <= *y && *y <= b.year)
            })
        };
        let sent_end = self.doc.sentences[claim.sentence].span.end;
        let mut dates = self
            .claims
            .iter()
            .filter(|c| matches!(c.value, ClaimValue::Date(_)) && !self.in_dateline(c.span));
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
    fn out_of_period(&self, claim: &Claim, r: usize, figs: &[usize]) -> Option<&'static str> {
        let article = self.date?;
        if !self.on(rule::FIGURE_PERIOD) {
            return None;
        }
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
        let dated_in = self.claims_in(claim.sentence).iter().any(|c| {
            matches!(&c.value, ClaimValue::Date(d) if periods.iter().any(|&(lo, hi)| {
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

    /// Whether the claim is another kind of quantity than the deal's figure (SPEC §4): a
    /// unit price, a plan or target, a part of the whole, an inventory. The rule that says
    /// so, with its evidence.
    fn other_quantity(&self, claim: &Claim, r: usize) -> Option<&'static str> {
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
            && in_clause(&self.ck.unit_price_cues)
        {
            return fire(
                rule::UNIT_PRICE,
                clause,
                "a price per unit, not the deal's value",
            );
        }
        // An amount whose own noun is the deal ("a $75 million package") is the deal's
        // value, whatever programme the sentence also names.
        let names_the_deal = claim.of.as_ref().is_some_and(|(o, np)| {
            self.ck.deal_nouns.contains(&o.to_lowercase())
                || self.kb().records[r]
                    .figures
                    .iter()
                    .enumerate()
                    .any(|(f, _)| self.heads(*np, r, f))
        });
        if claim.kind == ClaimKind::Money
            && self.on(rule::PROGRAMME_OR_BUDGET)
            && !names_the_deal
            && let Some(at) = self.attached_cue(claim, &self.ck.programme_cues)
        {
            return fire(
                rule::PROGRAMME_OR_BUDGET,
                at,
                "a programme or budget the deal belongs to, not the deal's value",
            );
        }
        if matches!(claim.kind, ClaimKind::Percent | ClaimKind::Money)
            && self.on(rule::PLAN_OR_TARGET)
            && in_clause(&self.ck.plan_cues)
        {
            return fire(
                rule::PLAN_OR_TARGET,
                clause,
                "a plan, target or forecast, not what was done",
            );
        }
        if claim.kind == ClaimKind::Count && self.on(rule::PART_OF_WHOLE) {
            // "a dozen of the soldiers", "20 of its 40 jets" (not "all 33 of the soldiers").
            // A few words either side are enough (and keep each claim's cost the same).
            let text = &self.doc.text;
            let end = floor_char(text, (claim.value_span.end + 24).min(text.len()));
            let after = text.get(claim.value_span.end..end).unwrap_or("");
            let after = after.trim_start().to_lowercase();
            let start = floor_char(text, claim.span.start.saturating_sub(8));
            let before = text.get(start..claim.span.start).unwrap_or("");
            let all = before.trim_end().to_lowercase().ends_with("all");
            let partitive = [
                "of the ",
                "of its ",
                "of their ",
                "of those ",
                "of these ",
                "of our ",
            ]
            .iter()
            .any(|p| after.starts_with(p));
            if partitive && !all {
                return fire(rule::PART_OF_WHOLE, claim.span, "counts part of a whole");
            }
            if let Some(at) = self.attached_cue(claim, &self.ck.part_cues) {
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
            && let Some(at) = self.attached_cue(claim, &self.ck.inventory_cues)
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
    fn keep_party(
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
            .filter(|s| self.ck.about[s.record].contains(&Some(e)))
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
    fn labelled_for(&self, ci: usize) -> Option<usize> {
        if !self.on(rule::LABELLED_AFTER) {
            return None;
        }
        let claim = &self.claims[ci];
        if claim.kind != ClaimKind::Money {
            return None;
        }
        let text = &self.doc.text;
        let end = claim.value_span.end;
        let look = floor_char(text, (end + 12).min(text.len()));
        let after = text.get(end..look).unwrap_or("").to_ascii_lowercase();
        let skip = after.len() - after.trim_start().len();
        let rest = &after[skip..];
        let word = if rest.starts_with("for ") {
            4
        } else if rest.starts_with("to ") {
            3
        } else {
            return None;
        };
        let at = end + skip + word;
        self.mentions_in(Span::new(at, (at + 1).min(text.len())))
            .iter()
            .find(|m| m.span.start == at && self.ck.in_about[m.entity])
            .map(|m| m.entity)
    }

    /// In a sentence with "respectively", the entity claim `ci` is paired with: the claims of
    /// its kind in the sentence and the distinct parties named before the first of them, in
    /// order, when there are as many of each.
    fn respectively(&self, ci: usize) -> Option<usize> {
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
            .claims_in(claim.sentence)
            .iter()
            .filter(|c| c.kind == claim.kind)
            .collect();
        let k = same.iter().position(|c| std::ptr::eq(*c, claim))?;
        let first = same.first()?.span.start;
        let mut parties: Vec<usize> = Vec::new();
        for m in self.mentions_in(Span::new(sent.start, first)) {
            let e = &self.kb().entities[m.entity];
            if !e.authority && self.ck.in_about[m.entity] && !parties.contains(&m.entity) {
                parties.push(m.entity);
            }
        }
        (parties.len() == same.len() && same.len() >= 2).then(|| parties[k])
    }

    /// An amount with no noun of its own prices its sentence's event: when a count before
    /// it in the sentence was placed in another event, so is the amount (the count's claim).
    fn shares_another_event(&self, ci: usize) -> Option<usize> {
        let claim = &self.claims[ci];
        if !self.on(rule::SHARES_ANOTHER_EVENT) || claim.kind != ClaimKind::Money {
            return None;
        }
        let own_noun = claim.of.as_ref().is_some_and(|(o, _)| {
            let o = o.to_lowercase();
            !self.ck.deal_nouns.contains(&o)
        });
        if own_noun {
            return None;
        }
        let sent = self.doc.sentences[claim.sentence].span;
        let lo = self.claims.partition_point(|c| c.span.start < sent.start);
        (lo..ci).find(|&k| self.elsewhere[k])
    }

    fn compare_quantity(&mut self, ci: usize, r: usize, figs: Vec<usize>, foreign: bool) {
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
            self.checked[ci] = true;
            self.links[ci] = Some(Link {
                record: r,
                figure: figs[pos],
                agrees: true,
            });
            return;
        }
        // Evidence against: each keeps the claim from the record, with no finding and no
        // link for the consistency check either.
        let against = if self.aggregate(claim).is_some() {
            Some(rule::AGGREGATE_CUE)
        } else if let Some(rule) = self.other_quantity(claim, r) {
            Some(rule)
        } else if let Some(rule) = self.out_of_period(claim, r, &figs) {
            Some(rule)
        } else if let Some(rule) = self.old_record(claim, r) {
            Some(rule)
        } else if let Some(rule) = self.unknown_party(claim, r) {
            Some(rule)
        } else if let Some(other) = self.shares_another_event(ci) {
            self.ev(ci, rule::SHARES_ANOTHER_EVENT, Effect::Against, Some(self.claims[other].value_span), Some(r), || {
                format!("it prices the sentence's event, and “{}” before it was placed in another event", self.doc.slice(self.claims[other].value_span))
            });
            Some(rule::SHARES_ANOTHER_EVENT)
        } else if foreign {
            Some(rule::FOREIGN_MODEL)
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
        self.checked[ci] = true;
        self.links[ci] = Some(Link {
            record: r,
            figure: figs[0],
            agrees: agrees.is_some(),
        });
        if agrees.is_some() {
            self.decide(
                ci,
                Decision::Linked {
                    record: r,
                    figures: figs,
                    status: None,
                },
            );
            return;
        }
        if verdicts.iter().all(|v| *v == Verdict::Incomparable) {
            self.links[ci] = None;
            self.decide(
                ci,
                Decision::Linked {
                    record: r,
                    figures: figs,
                    status: None,
                },
            );
            return;
        }
        if !self.confident(claim, r, &figs) {
            // Nothing in the sentence names this deal: too weak a tie to call a mismatch.
            self.links[ci] = None;
            self.checked[ci] = false;
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
        // The number of one figure in another currency: that figure, misattributed currency.
        let currency = verdicts.contains(&Verdict::Currency);
        let figs: Vec<usize> = if currency {
            figs.iter()
                .zip(&verdicts)
                .filter(|(_, v)| **v == Verdict::Currency)
                .map(|(f, _)| *f)
                .collect()
        } else {
            figs.iter()
                .zip(&verdicts)
                .filter(|(_, v)| **v != Verdict::Incomparable)
                .map(|(f, _)| *f)
                .collect()
        };
        let code = match (currency, claim.quantity().map(|q| q.unit)) {
            (true, _) => codes::CURRENCY_MISMATCH,
            (_, Some(Unit::Money(_))) => codes::AMOUNT_MISMATCH,
            (_, Some(Unit::Percent)) => codes::PERCENT_MISMATCH,
            _ => codes::COUNT_MISMATCH,
        };
        let kb_values: Vec<String> = figs
            .iter()
            .map(|&f| compare::figure_text(&rec.figures[f]))
            .collect();
        let said = compare::claim_text(self.doc, claim);
        let kb_says = kb_values.join(" or ");
        let message = if currency {
            let cur = match claim.quantity().map(|q| q.unit) {
                Some(Unit::Money(Some(c))) => c.0.to_string(),
                _ => "another currency".into(),
            };
            format!("article gives {said} in {cur}; the knowledge base records {kb_says}")
        } else {
            format!("article says {said}; the knowledge base says {kb_says}")
        };
        let suggestion = if figs.len() == 1 {
            compare::suggestion(claim, &rec.figures[figs[0]])
        } else {
            None
        };
        self.findings.push(Finding {
            code,
            severity: Severity::Error,
            span: claim.value_span,
            message,
            label: format!("article: {}", self.doc.slice(claim.value_span)),
            claim: Some(ci),
            record: Some(r),
            figures: figs,
            status: None,
            related: vec![],
            expected: Some(kb_says),
            suggestion,
        });
    }

    fn unverified(&mut self, ci: usize, scopes: &[Scope]) {
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
            self.ck.index.figures(h.pattern).iter().any(|&(r, f)| {
                matches!(
                    (&self.kb().records[r].figures[f].value, claim.kind),
                    (FigureValue::Count(_), ClaimKind::Count)
                        | (FigureValue::Amount(..), ClaimKind::Money)
                )
            })
        }) || self
            .mentions
            .iter()
            .any(|m| of_span.contains(m.span) && self.ck.in_about[m.entity])
            || (claim.kind == ClaimKind::Money && {
                let o = of.to_lowercase();
                self.ck.deal_nouns.contains(&o)
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
        let what = format!("“{}”", of.split_whitespace().collect::<Vec<_>>().join(" "));
        let rec = &self.kb().records[sc.record];
        self.ev(ci, rule::TRACKED_THING, Effect::For, Some(*of_span), Some(sc.record), || {
            format!("the KB tracks {what} elsewhere, but record `{}` in this paragraph has no figure for it", rec.id)
        });
        self.findings.push(Finding {
            code: codes::UNVERIFIED_CLAIM,
            severity: Severity::Advice,
            span: claim.value_span,
            message: format!(
                "{} could not be checked: record `{}` has no figure for {what}",
                compare::claim_text(self.doc, claim),
                rec.id
            ),
            label: "not in the knowledge base".into(),
            claim: Some(ci),
            record: Some(sc.record),
            figures: vec![],
            status: None,
            related: vec![],
            expected: None,
            suggestion: None,
        });
    }

    fn ambiguous(&mut self, ci: usize, tied: &[Scope]) {
        let claim = &self.claims[ci];
        // Only worth a warning when the sentence names one of the deals and is not about yet
        // another one ("Poland (32 jets, for $4.6 billion)" among F-35 buyers).
        // Only worth a warning when the sentence names one of the deals' entities (the buyer
        // or the system) and is not about yet another deal.
        let named = tied.iter().any(|s| {
            self.kb().records[s.record].about.iter().any(|a| {
                self.entity_index(a)
                    .is_some_and(|e| self.named_here(claim, e))
            })
        });
        if !self.on(rule::NAMED_FOR_AMBIGUITY) {
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
        let ids: Vec<String> = tied
            .iter()
            .map(|s| format!("`{}`", self.kb().records[s.record].id))
            .collect();
        let expected: Vec<String> = tied
            .iter()
            .map(|s| {
                let rec = &self.kb().records[s.record];
                let figs = self.figures_for(claim, s.record);
                let vals: Vec<String> = figs
                    .iter()
                    .map(|&f| compare::figure_text(&rec.figures[f]))
                    .collect();
                format!("{}: {}", rec.id, vals.join(" or "))
            })
            .collect();
        self.findings.push(Finding {
            code: codes::AMBIGUOUS_CLAIM,
            severity: Severity::Warning,
            span: claim.value_span,
            message: format!(
                "cannot tell which deal {} is about: {}",
                compare::claim_text(self.doc, claim),
                ids.join(" or ")
            ),
            label: "which deal?".into(),
            claim: Some(ci),
            record: Some(tied[0].record),
            figures: vec![],
            status: None,
            related: vec![],
            expected: Some(expected.join("; ")),
            suggestion: None,
        });
    }

    /// Status claims: the authority's state in force, compared with the article's.
    fn status(&mut self, ci: usize) {
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
        let sc = match self.choose(claim, scopes) {
            Ok(Some(sc)) => sc,
            Ok(None) => return,
            Err(tied) => {
                let agrees = tied.iter().any(|s| {
                    self.in_force(&self.kb().records[s.record], authority.as_deref())
                        .is_some_and(|(_, st)| {
                            state::compare(*state, st.state) == Agreement::Agrees
                        })
                });
                if agrees {
                    self.checked[ci] = true;
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
        self.checked[ci] = true;
        let agreement = state::compare(*state, st.state);
        let (code, severity) = match agreement {
            Agreement::Agrees => {
                self.status_date(ci, sc.record, si);
                return;
            }
            Agreement::Stale if self.date.is_none() => {
                // Undated: "awaiting approval" may be historically right.
                return;
            }
            Agreement::Stale => {
                if self.dated_by_dateline {
                    self.ev(ci, rule::DATELINE, Effect::For, self.dateline, None, || {
                        "the article's date, which makes this state stale, is its dateline's".into()
                    });
                }
                (codes::STALE_STATUS, Severity::Warning)
            }
            Agreement::Premature | Agreement::Contradicts => {
                (codes::STATUS_MISMATCH, Severity::Error)
            }
        };
        let who = self.who(authority.as_deref());
        let kb_says = format!(
            "{who} {}{}",
            verb(st.state),
            st.date.map(|d| format!(" ({d})")).unwrap_or_default()
        );
        let message = match agreement {
            Agreement::Stale => format!(
                "article says {who} {}, but by the article's date the knowledge base says {kb_says}",
                verb(*state)
            ),
            _ => format!(
                "article says {who} {}; the knowledge base says {kb_says}",
                verb(*state)
            ),
        };
        self.findings.push(Finding {
            code,
            severity,
            span: claim.span,
            message,
            label: format!("article: {who} {}", verb(*state)),
            claim: Some(ci),
            record: Some(sc.record),
            figures: vec![],
            status: Some(si),
            related: vec![],
            expected: Some(kb_says),
            suggestion: None,
        });
    }

    /// A date in the same sentence as an agreeing state claim is that status's date.
    fn status_date(&mut self, ci: usize, r: usize, si: usize) {
        let claim = &self.claims[ci];
        let st = &self.kb().records[r].statuses[si];
        let Some(kb_date) = st.date else { return };
        if !self.on(rule::STATE_CLAUSE_DATE) {
            return;
        }
        // A day or month in the state's own clause ("approved … on Jan. 11"): not a year,
        // not the dateline, not a date across a comma ("since … in 2014").
        let sent = self.doc.sentences[claim.sentence].span;
        let lo = self.claims.partition_point(|c| c.span.start < sent.start);
        let hi = self.claims.partition_point(|c| c.span.start < sent.end);
        let dates: Vec<usize> = (lo..hi)
            .filter(|&k| {
                let c = &self.claims[k];
                c.sentence == claim.sentence
                    && matches!(
                        c.value,
                        ClaimValue::Date(DateValue::Day(_) | DateValue::Month { .. })
                    )
                    && !(self.on(rule::DATELINE) && self.in_dateline(c.span))
                    // "approves the possible sale of F-16C/D Block 70 aircraft to Taiwan on
                    // Aug. 22": the state's clause runs to its object's end.
                    && self.same_clause_within(c.span, claim.span, 120)
            })
            .collect();
        let [k] = dates.as_slice() else { return };
        self.ev(
            *k,
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
            *k,
            Decision::Linked {
                record: r,
                figures: vec![],
                status: Some(si),
            },
        );
        let ClaimValue::Date(d) = &self.claims[*k].value else {
            return;
        };
        self.checked[*k] = true;
        // "on December 14 of that year": no year written, so only the day and month are
        // the article's; the year was inferred and may be wrong.
        let has_year = self
            .doc
            .slice(self.claims[*k].span)
            .split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() == 4);
        let same_day = match d {
            DateValue::Day(x) if !has_year => x.month == kb_date.month && x.day == kb_date.day,
            _ => d.agrees(&DateValue::Day(kb_date)),
        };
        if same_day {
            return;
        }
        let dc = &self.claims[*k];
        let who = self.who(st.authority.as_deref());
        self.findings.push(Finding {
            code: codes::DATE_MISMATCH,
            severity: Severity::Error,
            span: dc.span,
            message: format!(
                "article says {}; the knowledge base says {who} {} on {kb_date}",
                self.doc.slice(dc.span),
                verb(st.state)
            ),
            label: format!("article: {}", self.doc.slice(dc.span)),
            claim: Some(*k),
            record: Some(r),
            figures: vec![],
            status: Some(si),
            related: vec![(claim.span, "the state this date belongs to".into())],
            expected: Some(kb_date.to_string()),
            suggestion: Some(compare::date_like(d, kb_date)),
        });
    }

    /// Date claims tied to a date figure by its `of` phrase in the sentence.
    fn date_figure(&mut self, ci: usize) {
        let claim = &self.claims[ci];
        let ClaimValue::Date(d) = &claim.value else {
            return;
        };
        let sentence = self.near(claim);
        let scopes: Vec<Scope> = self
            .scopes(claim)
            .iter()
            .copied()
            .filter(|s| {
                self.kb().records[s.record]
                    .figures
                    .iter()
                    .enumerate()
                    .any(|(fi, f)| {
                        matches!(f.value, FigureValue::Date(_))
                            && self.has_phrase(sentence, s.record, fi)
                    })
            })
            .collect();
        let Ok(Some(sc)) = self.choose(claim, scopes) else {
            return;
        };
        let rec = &self.kb().records[sc.record];
        let figs: Vec<usize> = rec
            .figures
            .iter()
            .enumerate()
            .filter(|(fi, f)| {
                matches!(f.value, FigureValue::Date(_)) && self.has_phrase(sentence, sc.record, *fi)
            })
            .map(|(fi, _)| fi)
            .collect();
        self.checked[ci] = true;
        self.ev(
            ci,
            rule::OF_PHRASE,
            Effect::For,
            None,
            Some(sc.record),
            || {
                format!(
                    "its sentence uses the phrase of date figure {}",
                    fig_ids(rec, &figs)
                )
            },
        );
        self.decide(
            ci,
            Decision::Linked {
                record: sc.record,
                figures: figs.clone(),
                status: None,
            },
        );
        let agrees = figs
            .iter()
            .any(|&f| matches!(&rec.figures[f].value, FigureValue::Date(k) if k.agrees(d)));
        if agrees {
            return;
        }
        if let Some(rule) = self.another_event(claim, sc.record) {
            self.decide(ci, Decision::NotLinked { rule });
            return;
        }
        let kb_says: Vec<String> = figs
            .iter()
            .map(|&f| compare::figure_text(&rec.figures[f]))
            .collect();
        self.findings.push(Finding {
            code: codes::DATE_MISMATCH,
            severity: Severity::Error,
            span: claim.span,
            message: format!(
                "article says {}; the knowledge base says {}",
                self.doc.slice(claim.span),
                kb_says.join(" or ")
            ),
            label: format!("article: {}", self.doc.slice(claim.span)),
            claim: Some(ci),
            record: Some(sc.record),
            figures: figs,
            status: None,
            related: vec![],
            expected: Some(kb_says.join(" or ")),
            suggestion: None,
        });
    }

    /// The status of `authority` in force on the article's date (or the latest).
    fn in_force<'r>(
        &self,
        rec: &'r Record,
        authority: Option<&str>,
    ) -> Option<(usize, &'r Status)> {
        let mut list: Vec<(usize, &Status)> = rec
            .statuses
            .iter()
            .enumerate()
            .filter(|(_, s)| s.authority.as_deref() == authority)
            .collect();
        // Undated statuses count as the oldest; among equals, the later listed wins.
        list.sort_by_key(|(i, s)| (s.date, *i));
        match self.date {
            Some(d) => list
                .into_iter()
                .rev()
                .find(|(_, s)| s.date.is_none_or(|sd| sd <= d)),
            None => list.pop(),
        }
    }

    fn who(&self, authority: Option<&str>) -> String {
        match authority {
            None => "the deal".to_string(),
            Some(id) => self
                .kb()
                .entity(id)
                .and_then(|e| e.names.first().cloned())
                .or_else(|| {
                    self.kb()
                        .authorities
                        .iter()
                        .find(|a| a.id == id)
                        .and_then(|a| a.names.first().cloned())
                })
                .unwrap_or_else(|| id.to_string()),
        }
    }

    /// Two claims of one fact with values that cannot both hold.
    fn consistency(&mut self) {
        // Key: the KB figure when linked, else the counted thing's words (two or more).
        #[derive(PartialEq, Eq, Hash)]
        enum Key {
            Kb(usize, usize),
            Np(Unit, String),
        }
        let mut seen: HashMap<Key, usize> = HashMap::new();
        for ci in 0..self.claims.len() {
            let c = &self.claims[ci];
            let Some(q) = c.quantity() else { continue };
            if q.qualifier != Qualifier::Exact || c.kind == ClaimKind::Number {
                continue;
            }
            let key = match &self.links[ci] {
                Some(l) if self.on(rule::SAME_FIGURE) => Key::Kb(l.record, l.figure),
                Some(_) => continue,
                None => match &c.of {
                    Some((of, _))
                        if of.split_whitespace().count() >= 2 && self.on(rule::SAME_NOUN) =>
                    {
                        Key::Np(q.unit, of.to_lowercase())
                    }
                    _ => continue,
                },
            };
            if let Some(&first) = seen.get(&key) {
                let a = &self.claims[first];
                let (Some(qa), Some(qb)) = (a.quantity(), c.quantity()) else {
                    continue;
                };
                // A later claim the KB confirms is not the one to flag: the earlier one
                // already carries its mismatch.
                if compare::same_value(qa, qb) || self.links[ci].as_ref().is_some_and(|l| l.agrees)
                {
                    continue;
                }
                let (id, why) = match key {
                    Key::Kb(..) => (rule::SAME_FIGURE, "linked to the same KB figure"),
                    Key::Np(..) => (rule::SAME_NOUN, "counts the same words"),
                };
                self.ev(ci, id, Effect::For, Some(a.value_span), None, || {
                    format!(
                        "{why} as “{}” earlier, with another value",
                        self.doc.slice(a.value_span)
                    )
                });
                self.findings.push(Finding {
                    code: codes::INCONSISTENT_CLAIMS,
                    severity: Severity::Warning,
                    span: c.value_span,
                    message: format!(
                        "article gives {} here but {} earlier",
                        compare::claim_text(self.doc, c),
                        compare::claim_text(self.doc, a)
                    ),
                    label: format!("{} here", self.doc.slice(c.value_span)),
                    claim: Some(ci),
                    record: self.links[ci].as_ref().map(|l| l.record),
                    figures: self.links[ci]
                        .as_ref()
                        .map(|l| vec![l.figure])
                        .unwrap_or_default(),
                    status: None,
                    related: vec![(
                        a.value_span,
                        format!("{} earlier", self.doc.slice(a.value_span)),
                    )],
                    expected: None,
                    suggestion: None,
                });
            } else {
                seen.insert(key, ci);
            }
        }
    }
}

/// One span, one finding per code (SPEC §4): a date that contradicts two statuses (the
/// approval and the notification of one day) is one `date-mismatch` naming both. `findings`
/// is sorted by span.
fn one_per_span_and_code(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        let same = out
            .iter_mut()
            .rev()
            .take_while(|g| g.span == f.span)
            .find(|g| g.code == f.code);
        match same {
            Some(g) => {
                if let Some(rest) = f.message.split_once("; ").map(|(_, r)| r) {
                    g.message.push_str(&format!(
                        ", and {}",
                        rest.trim_start_matches("the knowledge base says ")
                    ));
                }
                if let (Some(a), Some(b)) = (&mut g.expected, &f.expected)
                    && a != b
                {
                    a.push_str(&format!(" / {b}"));
                }
                for r in f.related {
                    if !g.related.contains(&r) {
                        g.related.push(r);
                    }
                }
            }
            None => out.push(f),
        }
    }
    out
}

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_string()).collect()
}

/// The largest character boundary of `s` at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "`a`, `b`": figure ids for a trace note.
fn fig_ids(rec: &Record, figs: &[usize]) -> String {
    figs.iter()
        .map(|&f| format!("`{}`", rec.figures[f].id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A model designation: letters and digits joined ("TR-85", "M142", "F-16C/D", "T-72").
static DESIGNATION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?-u:\b)[A-Za-z]{1,6}[-/]?[0-9][0-9A-Za-z]*(?:[-/][0-9A-Za-z]+)*(?-u:\b)")
        .expect("designation regex is valid")
});

/// A sentence lower-cased, its words joined by single spaces, with a space at each end.
fn joined_words(sentence: &str) -> String {
    let sent = sentence.to_lowercase();
    let mut j = String::with_capacity(sent.len() + 2);
    j.push(' ');
    for w in sent
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        j.push_str(w);
        j.push(' ');
    }
    j
}

/// An automaton finding any of `cues` (lower case, words separated by single spaces) as
/// whole words in a [`joined_words`] string: one pass over the sentence for the whole list.
fn cue_automaton<S: AsRef<str>>(cues: &[S]) -> AhoCorasick {
    AhoCorasick::builder()
        // A contiguous NFA: the cues run on a few words at a time, and a DFA costs more to
        // build (at every start-up) than it saves on them.
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        // Every cue starts with a space: a prefilter on its first bytes would stop at each
        // word and restart the automaton there. The DFA alone reads the sentence once.
        .prefilter(false)
        .build(cues.iter().map(|c| format!(" {} ", c.as_ref())))
        .expect("cue words make a valid automaton")
}

/// How a state reads after an authority's name.
pub fn verb(s: State) -> &'static str {
    match s {
        State::Requested => "was asked to approve",
        State::Pending => "has yet to decide",
        State::Notified => "was notified",
        State::Approved => "approved",
        State::Signed => "signed",
        State::Contracted => "awarded the contract",
        State::Delivered => "was delivered",
        State::Rejected => "rejected",
        State::Withdrawn => "withdrew",
    }
}

#[cfg(test)]
mod tests;

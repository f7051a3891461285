//! Checking: extract an article's claims, link each to the KB ([`crate::link`]), and judge
//! the links: one check per diagnostic code, listed in [`registry`], each in its own file.
//! Checks read only links; they never decide what a claim is about. When the link stays
//! unclear the claim is `ambiguous`, never a mismatch: a false alarm is the worst bug we have.

mod ambiguous;
mod amount;
mod consistency;
mod count;
mod currency;
mod date;
pub mod judge;
mod percent;
mod quantity;
pub mod registry;
mod stale;
mod status;
mod unverified;

use crate::codes::Severity;
pub use crate::compare::{Verdict, figure_verdict};
use crate::date::{Date, DateValue};
use crate::extract::approval::Lexicon;
use crate::extract::{self, Claim, ClaimValue, Context};
use crate::kb::{Kb, Problem};
use crate::link::rules::{self as rule};
use crate::link::{ClaimTrace, Decision, Links, Prepared};
use crate::span::Span;
use crate::state::State;
use crate::text::Document;
use foldhash::{HashMap, HashMapExt, HashSet};
use judge::Judge;
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

/// A KB made ready for checking: the lexicon and the link stage's tables are built once.
pub struct Checker<'k> {
    pub kb: &'k Kb,
    lexicon: &'k Lexicon,
    link: Prepared<'k>,
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

impl<'k> Checker<'k> {
    pub fn new(kb: &'k Kb) -> Result<Checker<'k>, Box<Problem>> {
        Ok(Checker {
            kb,
            lexicon: kb.lexicon()?,
            link: Prepared::new(kb),
        })
    }

    /// Switches the rules `ids` off (`[rules] disable` in factcheck.toml). Unknown ids are
    /// returned, each with the nearest real id, and nothing is switched off.
    #[allow(clippy::type_complexity)]
    pub fn disable(&mut self, ids: &[String]) -> Result<(), Vec<(String, Option<&'static str>)>> {
        self.link.disable(ids)
    }

    /// Whether rule `id` is on.
    pub fn on(&self, id: &str) -> bool {
        self.link.on(id)
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon
    }

    /// Checks one article: extract its claims, link each to the KB, judge the links.
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
        let dateline_span = dl
            .map(|(_, s)| s)
            .or_else(|| dateline_form(&doc).filter(|_| self.on(rule::DATELINE)));
        let Links { links, traces } =
            self.link
                .link(&doc, &claims, date, dateline_span, opts.trace);
        let cx = Judge {
            kb: self.kb,
            doc: &doc,
            claims: &claims,
            links: &links,
            date,
            dated_by_dateline: opts.date.is_none()
                && doc.front_matter_date.is_none()
                && dl.is_some(),
            dateline: dateline_span,
            link: &self.link,
            traces: std::cell::RefCell::new(traces),
        };
        let mut findings = Vec::new();
        for check in registry::CHECKS {
            check.run(&cx, &mut findings);
        }
        let traces = cx.traces.into_inner();
        // A checked claim agrees unless an error or warning is raised on it.
        let flagged: HashSet<usize> = findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .filter_map(|f| f.claim)
            .collect();
        let stats = Stats {
            claims: claims.len(),
            checked: links.iter().filter(|l| l.checked()).count(),
            agreeing: links
                .iter()
                .enumerate()
                .filter(|(i, l)| l.checked() && !flagged.contains(i))
                .count(),
            ..Stats::default()
        };
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

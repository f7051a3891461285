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

use crate::codes::{self, Severity};
pub use crate::compare::{Verdict, figure_verdict};
use crate::date::{Date, DateValue};
use crate::extract::approval::Lexicon;
use crate::extract::{self, ClaimValue, Context};
use crate::kb::{Kb, Problem};
use crate::link::rules::{self as rule};
use crate::link::{Links, Prepared};
pub use crate::report::{Finding, Report, Stats};
use crate::span::Span;
use crate::state::State;
use crate::text::Document;
use foldhash::HashSet;
use judge::Judge;

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

/// The article's dateline ([`Document::dateline`]) and the full date in it, if it has one.
pub fn dateline(doc: &Document) -> Option<(Date, Span)> {
    dated(doc, doc.dateline()?)
}

/// The full date in the dateline `span`, if it has one.
fn dated(doc: &Document, span: Span) -> Option<(Date, Span)> {
    let head = Document::new(doc.slice(span).to_string());
    static NO_PHRASES: std::sync::LazyLock<Option<Lexicon>> =
        std::sync::LazyLock::new(|| Lexicon::new(vec![], &[]).ok());
    let lex = NO_PHRASES.as_ref()?;
    extract::extract(&head, &Context::default(), lex)
        .into_iter()
        .find_map(|c| match c.value {
            ClaimValue::Date(DateValue::Day(d)) => Some((
                d,
                Span::new(span.start + c.span.start, span.start + c.span.end),
            )),
            _ => None,
        })
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
        self.judge(self.extract(text, opts), opts)
    }

    /// The first half of [`Checker::check`]: the article read, dated and its claims
    /// extracted. A caller with many articles extracts a group of them before judging any
    /// (see [`Extracted`]).
    pub fn extract(&self, text: String, opts: &Options) -> Extracted {
        let doc = Document::new(text);
        // The dateline is found once: its date may date the article, its span is no event's.
        let dateline_span = doc.dateline().filter(|_| self.on(rule::DATELINE));
        let dl = match dateline_span {
            Some(span) if doc.front_matter_date.is_none() => dated(&doc, span),
            _ => None,
        };
        let date = opts
            .date
            .or_else(|| doc.front_matter_date.as_deref().and_then(Date::parse))
            .or(dl.map(|(d, _)| d));
        let claims = extract::extract(&doc, &Context { date }, self.lexicon);
        Extracted {
            doc,
            dateline_span,
            dated_by_dateline: dl.is_some(),
            date,
            claims,
        }
    }

    /// The second half of [`Checker::check`]: the claims linked to the KB and judged.
    pub fn judge(&self, article: Extracted, opts: &Options) -> Report {
        let Extracted {
            doc,
            dateline_span,
            dated_by_dateline,
            date,
            claims,
        } = article;
        let Links {
            links,
            traces,
            mentions,
        } = self
            .link
            .link(&doc, &claims, date, dateline_span, opts.trace);
        let cx = Judge {
            kb: self.kb,
            doc: &doc,
            claims: &claims,
            links: &links,
            mentions: &mentions,
            date,
            dated_by_dateline: opts.date.is_none()
                && doc.front_matter_date.is_none()
                && dated_by_dateline,
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
        report.recount();
        let directives = crate::suppress::directives(&report.doc);
        if !directives.is_empty() {
            report.suppress(|r, f| {
                crate::suppress::suppressed(&directives, r.doc.sentence_at(f.span.start), f.code)
            });
            let unused = unused_suppressions(&report, &directives);
            if !unused.is_empty() {
                report.add(unused);
            }
        }
        report
    }
}

/// An article between extraction and judging ([`Checker::extract`], [`Checker::judge`]).
///
/// Checking is split so that a run over many small articles can take a group of them
/// through one stage before the next: each stage's code then stays in the processor's
/// instruction cache for the whole group, where article by article the stages evict each
/// other. (The 20 MB bench corpus on one thread, in groups of 64: wall time 0.94 of article
/// by article, in paired runs, n=40; output identical.)
pub struct Extracted {
    doc: Document,
    dateline_span: Option<crate::span::Span>,
    /// The dateline gave a date (the run's `--date` and front matter aside).
    dated_by_dateline: bool,
    date: Option<Date>,
    claims: Vec<crate::extract::Claim>,
}

impl Extracted {
    /// The article's text, in bytes: what a group of articles in memory is bounded by.
    pub fn len(&self) -> usize {
        self.doc.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doc.text.is_empty()
    }
}

/// A directive that suppressed nothing (`factcheck::unused-suppression`, advice): the
/// sentence after it raised no finding of the codes it names.
fn unused_suppressions(r: &Report, directives: &[crate::suppress::Directive]) -> Vec<Finding> {
    directives
        .iter()
        .filter(|d| {
            !r.suppressed
                .iter()
                .any(|f| d.covers(r.doc.sentence_at(f.span.start), f.code))
        })
        .map(|d| Finding {
            code: codes::UNUSED_SUPPRESSION,
            severity: Severity::Advice,
            span: d.span,
            message: if d.codes.is_empty() {
                "this factcheck-ignore comment suppresses no finding".to_string()
            } else {
                format!(
                    "this factcheck-ignore comment suppresses no finding of {}",
                    d.codes
                        .iter()
                        .map(|c| format!("`{}`", c.trim_start_matches("factcheck::")))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            label: "suppresses nothing".to_string(),
            claim: None,
            record: None,
            figures: Vec::new(),
            status: None,
            related: Vec::new(),
            expected: None,
            suggestion: None,
        })
        .collect()
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

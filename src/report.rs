//! What checking one article gives: its findings (shown and suppressed), counts, the
//! claims and their traces, and the fingerprints that baselines key findings by.

use crate::codes::Severity;
use crate::date::Date;
use crate::extract::Claim;
use crate::kb::Kb;
use crate::link::{ClaimTrace, Decision};
use crate::span::Span;
use crate::text::Document;
use foldhash::{HashMap, HashMapExt};

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
    /// Findings suppressed by a directive in the article or by a baseline.
    pub suppressed: usize,
}

/// The result of checking one article.
#[derive(Debug)]
pub struct Report {
    pub doc: Document,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    /// Findings an editor suppressed (`<!-- factcheck-ignore -->` or a baseline).
    pub suppressed: Vec<Finding>,
    pub stats: Stats,
    /// The date the article was judged at.
    pub date: Option<Date>,
    /// Each claim's link, with its evidence (filled only with [`Options::trace`]).
    pub traces: Vec<ClaimTrace>,
    /// Fingerprints by (start, end, code), worked out for all findings at once on first use.
    pub(crate) fingerprints: std::sync::OnceLock<HashMap<(usize, usize, &'static str), String>>,
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

    /// Adds findings raised after the checks (unused suppressions), in span order.
    pub fn add(&mut self, more: Vec<Finding>) {
        self.findings.extend(more);
        self.findings
            .sort_by_key(|f| (f.span.start, f.span.end, std::cmp::Reverse(f.severity)));
        self.fingerprints = std::sync::OnceLock::new();
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

    pub(crate) fn recount(&mut self) {
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

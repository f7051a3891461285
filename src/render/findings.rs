//! Findings as miette reports, the summary table, and SPEC §5's JSON document.

use factcheck::check::{Finding, Report};
use factcheck::codes::Severity;
use factcheck::kb::Kb;
use miette::{Diagnostic, LabeledSpan, SourceCode};
use serde_json::{Value, json};
use std::fmt;

/// One finding made into a miette diagnostic.
pub struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: super::Windowed,
    help: Option<String>,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("code", &self.finding.code)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Advice => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let primary = LabeledSpan::new_primary_with_span(Some(f.label.clone()), f.span);
        // A related place far away on the same long line (one sentence of thousands of
        // claims) is left out: the snippet could not show both, and miette's underline
        // cannot be that wide.
        let text = self.source.src.text.as_str();
        let same_far_line = |s: &factcheck::span::Span| {
            let (a, b) = if s.start < f.span.start {
                (s.start, f.span.start)
            } else {
                (f.span.end.min(s.start), s.start)
            };
            b - a > 2_000 && !text.get(a..b).unwrap_or("").contains('\n')
        };
        let others = f
            .related
            .iter()
            .filter(move |(s, _)| !same_far_line(s))
            .map(|(s, l)| LabeledSpan::new_with_span(Some(l.clone()), *s));
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

/// The help text: what the KB says, the record and figure, the source and the KB location.
pub fn help_text(kb: &Kb, f: &Finding) -> Option<String> {
    let mut lines = Vec::new();
    if let Some(e) = f
        .expected
        .as_ref()
        .filter(|e| !f.message.contains(e.as_str()))
    {
        lines.push(format!("the knowledge base says {e}"));
    }
    if let Some(r) = f.record.map(|r| &kb.records[r]) {
        let what = if !f.figures.is_empty() {
            let ids: Vec<&str> = f
                .figures
                .iter()
                .map(|&i| r.figures[i].id.as_str())
                .collect();
            format!("record `{}`, figure `{}`", r.id, ids.join("`, `"))
        } else if let Some(si) = f.status {
            let st = &r.statuses[si];
            format!(
                "record `{}`, status of `{}`",
                r.id,
                st.authority.as_deref().unwrap_or("the deal")
            )
        } else {
            format!("record `{}`", r.id)
        };
        let loc = kb_location(kb, f)
            .map(|(p, l)| format!(" ({p}:{l})"))
            .unwrap_or_default();
        lines.push(format!("{what}{loc}"));
        if let Some(src) = source_of(kb, f) {
            let mut s = String::from("source: ");
            let parts: Vec<String> = [
                src.publisher.clone(),
                src.title.as_ref().map(|t| format!("“{t}”")),
                src.published.map(|d| d.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect();
            s.push_str(&parts.join(", "));
            if let Some(u) = &src.url {
                s.push_str(&format!(" <{u}>"));
            }
            lines.push(s);
        }
    }
    if let Some(s) = &f.suggestion {
        lines.push(format!("suggestion: write “{s}”"));
    }
    if let Some(c) = factcheck::codes::find(f.code)
        && lines.is_empty()
    {
        lines.push(c.fix.to_string());
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The KB file and line of the figure or status a finding is about.
pub fn kb_location(kb: &Kb, f: &Finding) -> Option<(String, usize)> {
    let r = &kb.records[f.record?];
    let loc = if let Some(&fi) = f.figures.first() {
        r.figures[fi].loc
    } else if let Some(si) = f.status {
        r.statuses[si].loc
    } else {
        r.loc
    };
    Some(kb.describe(loc))
}

fn source_of<'k>(kb: &'k Kb, f: &Finding) -> Option<&'k factcheck::kb::Source> {
    let r = &kb.records[f.record?];
    let fig_src = f
        .figures
        .first()
        .and_then(|&i| r.figures[i].source.as_ref());
    kb.source(fig_src.or(r.source.as_ref())?)
}

/// Renders a report's findings as miette diagnostics.
pub fn human(kb: &Kb, path: &str, report: &Report, color: bool) -> String {
    let mut out = String::new();
    // Control characters in the article or the KB are shown, never sent raw.
    let safe = super::terminal::Escaped::new(&report.doc.text);
    let path = super::terminal::escape(path);
    // One copy of the text for all findings (a copy each made many findings quadratic).
    let src = std::sync::Arc::new(super::Source::new(safe.text.as_str()));
    for f in &report.findings {
        let f = &safe.finding(f);
        let d = FindingDiagnostic {
            finding: f,
            source: super::Windowed::shared(path.as_ref(), src.clone()),
            help: help_text(kb, f).map(|h| super::terminal::escape(&h).into_owned()),
        };
        out.push_str(&super::diagnostic(&d, color));
        out.push('\n');
    }
    out
}

/// One finding as SPEC §5's JSON object.
pub fn finding_json(kb: &Kb, report: &Report, f: &Finding) -> Value {
    let claim = f.claim.map(|i| &report.claims[i]);
    let claim_json = claim.map(|c| {
        serde_json::to_value(super::claims::BriefClaimJson::new(c)).unwrap_or(Value::Null)
    });
    let mut o = json!({
        "code": f.code,
        "severity": f.severity.name(),
        "message": f.message,
        "span": super::claims::span(&report.doc, f.span),
        "text": report.doc.slice(f.span),
        "claim": claim_json,
        "kb_location": kb_location(kb, f).map(|(p, l)| json!({"path": p, "line": l})),
        "fingerprint": report.fingerprint(kb, f),
        "related": f.related.iter().map(|(s, l)| json!({"span": super::claims::span(&report.doc, *s), "label": l})).collect::<Vec<_>>(),
    });
    if let Value::Object(m) = &mut o {
        m.extend(kb_fields(kb, f));
    }
    o
}

/// What the KB says against a finding — `record`, `figure`, `expected`, `source` and
/// `suggestion` — as SPEC §5's fields: a finding's JSON object and a SARIF result's
/// properties carry the same.
pub fn kb_fields(kb: &Kb, f: &Finding) -> serde_json::Map<String, Value> {
    let source = source_of(kb, f).map(|s| json!({"id": s.id, "url": s.url, "publisher": s.publisher, "title": s.title, "published": s.published}));
    let mut m = serde_json::Map::new();
    m.insert(
        "record".into(),
        json!(f.record.map(|r| kb.records[r].id.clone())),
    );
    m.insert(
        "figure".into(),
        json!(
            f.figures
                .first()
                .and_then(|&i| f.record.map(|r| kb.records[r].figures[i].id.clone()))
        ),
    );
    m.insert("expected".into(), expected_json(kb, f));
    m.insert("source".into(), json!(source));
    m.insert("suggestion".into(), json!(f.suggestion));
    m
}

fn expected_json(kb: &Kb, f: &Finding) -> Value {
    use factcheck::kb::FigureValue;
    let Some(r) = f.record.map(|r| &kb.records[r]) else {
        return Value::Null;
    };
    if let Some(&fi) = f.figures.first() {
        let fig = &r.figures[fi];
        let bounds = |b: &factcheck::kb::Bounds| match (b.min, b.max) {
            (Some(a), Some(z)) if a == z => super::claims::number(a),
            (a, z) => {
                json!({"min": a.map(super::claims::number), "max": z.map(super::claims::number)})
            }
        };
        return match &fig.value {
            FigureValue::Count(b) => json!({"kind": "count", "value": bounds(b)}),
            FigureValue::Amount(c, b) => {
                json!({"kind": "money", "value": bounds(b), "currency": c.0})
            }
            FigureValue::Percent(b) => json!({"kind": "percent", "value": bounds(b)}),
            FigureValue::Date(d) => json!({"kind": "date", "value": d.to_string()}),
        };
    }
    if let Some(si) = f.status {
        let st = &r.statuses[si];
        return json!({"kind": "status", "authority": st.authority, "state": st.state.name(), "date": st.date});
    }
    Value::Null
}

//! Text on its way to a terminal. An article or a KB may hold control characters — an ANSI
//! escape sequence that recolours, hides or rewrites what the reader sees, a bell, a
//! backspace, a carriage return that overwrites the line — or invisible characters that
//! reorder it (a right-to-left override makes "642" read as "246"). Human output shows each
//! of them visibly and obeys none: C0 controls and DEL as their Unicode control pictures
//! (ESC as `␛`), the others as `\u{202e}`. Tab, line feed and the CR of a CRLF stay as they
//! are. JSON, SARIF and HTML escape in their own way; this is for the human format only.
//!
//! Escaping lengthens the text, and miette's spans are byte offsets: [`Escaped`] keeps the
//! map from the original offsets to the escaped ones, so every label still points at its
//! words.

use factcheck::check::Finding;
use factcheck::kb::Problem;
use factcheck::span::Span;
use miette::{Diagnostic, LabeledSpan, SourceCode};
use std::borrow::Cow;
use std::fmt;

/// Whether `c` must not reach a terminal raw. `next` is the character after it (a CR
/// before an LF is a line end, not a hazard).
fn hazard(c: char, next: Option<char>) -> bool {
    match c {
        '\t' | '\n' => false,
        '\r' => next != Some('\n'),
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Zero-width space, LRM/RLM, bidi embeddings/overrides, word joiner and invisible
        // operators, bidi isolates.
        '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}' => true,
        _ => false,
    }
}

fn push_visible(c: char, out: &mut String) {
    match c {
        // U+2400 CONTROL PICTURES: "␀".."␟", and "␡" for DEL.
        '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `s` with every hazard made visible; borrowed when there is none.
pub fn escape(s: &str) -> Cow<'_, str> {
    Escaped::build(s, false).map_or(Cow::Borrowed(s), |e| Cow::Owned(e.text))
}

/// A text made safe for a terminal, with the map from its original byte offsets.
pub struct Escaped {
    pub text: String,
    /// (original offset of an escaped character, bytes added up to and including it).
    shifts: Vec<(usize, usize)>,
}

impl Escaped {
    pub fn new(s: &str) -> Escaped {
        Escaped::build(s, true).unwrap_or_else(|| Escaped {
            text: s.to_string(),
            shifts: Vec::new(),
        })
    }

    /// `None` when nothing needs escaping.
    fn build(s: &str, map: bool) -> Option<Escaped> {
        let mut chars = s.char_indices().peekable();
        let mut out: Option<Escaped> = None;
        let mut copied = 0;
        while let Some((i, c)) = chars.next() {
            if !hazard(c, chars.peek().map(|&(_, n)| n)) {
                continue;
            }
            let e = out.get_or_insert_with(|| Escaped {
                text: String::with_capacity(s.len() + 16),
                shifts: Vec::new(),
            });
            e.text.push_str(&s[copied..i]);
            let before = e.text.len();
            push_visible(c, &mut e.text);
            copied = i + c.len_utf8();
            if map {
                let added = e.text.len() - before - c.len_utf8();
                let total = e.shifts.last().map_or(0, |&(_, t)| t) + added;
                e.shifts.push((i, total));
            }
        }
        let mut e = out?;
        e.text.push_str(&s[copied..]);
        Some(e)
    }

    /// Whether the text was changed.
    pub fn changed(&self) -> bool {
        !self.shifts.is_empty()
    }

    /// Where original byte `offset` is in the escaped text. An offset at an escaped
    /// character maps to the start of what shows it.
    pub fn offset(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(p, _)| p < offset);
        offset + i.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }

    pub fn span(&self, s: Span) -> Span {
        Span::new(self.offset(s.start), self.offset(s.end))
    }

    /// A finding as shown over the escaped text: spans mapped, its words escaped.
    pub fn finding(&self, f: &Finding) -> Finding {
        let mut f = f.clone();
        f.span = self.span(f.span);
        for (s, label) in &mut f.related {
            *s = self.span(*s);
            *label = escape(label).into_owned();
        }
        f.message = escape(&f.message).into_owned();
        f.label = escape(&f.label).into_owned();
        f.expected = f.expected.map(|e| escape(&e).into_owned());
        f.suggestion = f.suggestion.map(|e| escape(&e).into_owned());
        f
    }
}

/// Lines longer than this are shown as a window around the label, as articles are: a
/// TOML file of one 10,000-character line must not print all of it.
const LONG_LINE: usize = 1_000;

enum Snippet {
    /// The KB file as it is: nothing to escape, no overlong line.
    Original(Problem),
    Windowed(super::Windowed),
}

/// A KB problem as shown on a terminal: its file's text and its words escaped, a long
/// line windowed around the label.
pub struct ProblemView {
    code: &'static str,
    message: String,
    help: Option<String>,
    label: String,
    span: Option<Span>,
    snippet: Option<Snippet>,
    related: Vec<ProblemView>,
}

impl ProblemView {
    pub fn new(p: &Problem) -> ProblemView {
        let mut span = p.span;
        let snippet = p.file.as_ref().map(|f| {
            let escaped = Escaped::new(&f.text);
            let long = f.text.lines().any(|l| l.len() > LONG_LINE);
            if !escaped.changed() && !long {
                Snippet::Original(p.clone())
            } else {
                span = span.map(|s| escaped.span(s));
                Snippet::Windowed(super::Windowed::new(escape(&f.path), escaped.text))
            }
        });
        ProblemView {
            code: p.code,
            message: escape(&p.message).into_owned(),
            help: p.help.as_deref().map(|h| escape(h).into_owned()),
            label: escape(&p.label).into_owned(),
            span,
            snippet,
            related: p.related.iter().map(ProblemView::new).collect(),
        }
    }
}

impl fmt::Debug for ProblemView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProblemView")
            .field("code", &self.code)
            .finish()
    }
}

impl fmt::Display for ProblemView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProblemView {}

impl Diagnostic for ProblemView {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.code.is_empty() {
            miette::Severity::Advice
        } else {
            miette::Severity::Error
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        match self.snippet.as_ref()? {
            Snippet::Original(p) => p.source_code(),
            Snippet::Windowed(w) => Some(w),
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        let label = (!self.label.is_empty()).then(|| self.label.clone());
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(label, span),
        )))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|p| p as &dyn Diagnostic)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_shows_controls_and_keeps_line_ends() {
        assert_eq!(escape("plain text\n"), Cow::Borrowed("plain text\n"));
        assert_eq!(escape("a\x1b[31mb\x07"), "a␛[31mb␇");
        assert_eq!(escape("one\r\ntwo\rthree\t."), "one\r\ntwo␍three\t.");
        assert_eq!(escape("x\u{202e}642\u{202c}"), "x\\u{202e}642\\u{202c}");
        assert_eq!(escape("\u{9b}31m\u{7f}"), "\\u{9b}31m␡");
    }

    #[test]
    fn spans_follow_the_words_they_point_at() {
        let text = "\x1b[8m hidden 264\x1b[0m missiles";
        let e = Escaped::new(text);
        let at = text.find("264").unwrap();
        let s = e.span(Span::new(at, at + 3));
        assert_eq!(s.slice(&e.text), "264");
        let esc = text.find('\x1b').unwrap();
        assert_eq!(e.span(Span::new(esc, esc + 1)).slice(&e.text), "␛");
    }

    proptest! {
        #[test]
        fn escaped_text_is_safe_and_spans_map_to_the_escaped_slice(
            s in "(\\PC|[\\x00-\\x1f\\x7f-\\x9f\u{200b}\u{202a}-\u{202e}\u{2066}-\u{2069}])*",
            a in 0usize..64,
            b in 0usize..64,
        ) {
            let e = Escaped::new(&s);
            let mut chars = e.text.chars().peekable();
            while let Some(c) = chars.next() {
                prop_assert!(!hazard(c, chars.peek().copied()), "{:?} left in {:?}", c, e.text);
            }
            // Any span on character boundaries maps to the escaped form of its slice.
            let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
            let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
            let span = Span::new(x.min(y), x.max(y));
            let got = e.span(span).slice(&e.text).to_string();
            let want = escape(span.slice(&s)).into_owned();
            // A CR cut from its LF escapes on its own; outside that, the two agree.
            if !span.slice(&s).ends_with('\r') {
                prop_assert_eq!(got, want);
            }
        }
    }
}

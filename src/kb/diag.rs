//! KB problems as miette diagnostics: a code, a message, the TOML snippet with a label on the
//! offending value, a help line, and related places (the first definition of a duplicate id).

use crate::span::{LineCol, Span};
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::sync::Arc;

/// A KB file's text, shared by every diagnostic pointing into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    pub named: Arc<NamedSource<Arc<str>>>,
    /// Built when a position is first asked for (a clean load never asks); shared by clones.
    lines: Arc<std::sync::OnceLock<crate::span::LineIndex>>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> SourceFile {
        let path = path.into();
        let text: Arc<str> = text.into();
        let named = Arc::new(NamedSource::new(path.clone(), text.clone()).with_language("TOML"));
        SourceFile {
            path,
            text,
            named,
            lines: Arc::default(),
        }
    }

    pub fn locate(&self, offset: usize) -> LineCol {
        self.lines
            .get_or_init(|| crate::span::LineIndex::new(&self.text))
            .locate(&self.text, offset)
    }
}

/// One problem found in a KB.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub file: Option<SourceFile>,
    pub span: Option<Span>,
    pub label: String,
    pub help: Option<String>,
    pub related: Vec<Problem>,
}

impl Problem {
    pub fn new(code: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
            file: None,
            span: None,
            label: String::new(),
            help: None,
            related: vec![],
        }
    }

    pub fn at(mut self, file: &SourceFile, span: Span, label: impl Into<String>) -> Problem {
        self.file = Some(file.clone());
        self.span = Some(span);
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, other: Problem) -> Problem {
        self.related.push(other);
        self
    }

    /// A note pointing at another place (the first definition of a duplicate), shown with
    /// the problem rather than as a problem of its own.
    pub fn note(message: impl Into<String>) -> Problem {
        Problem::new("", message)
    }

    /// `path:line:col` of the labelled value.
    pub fn location(&self) -> Option<(String, LineCol)> {
        let f = self.file.as_ref()?;
        Some((f.path.clone(), f.locate(self.span?.start)))
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
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
        self.file.as_ref().map(|f| &*f.named as &dyn SourceCode)
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

//! Output: miette reports, comfy-table tables and JSON. Only the binary prints.

pub mod ci;
pub mod claims;
pub mod findings;
pub mod format;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod kb;
pub mod sarif;
pub mod terminal;
pub mod trace;

/// One file's part of a format that is one document (SARIF, HTML), made on the thread that
/// checked it: the run keeps the parts, not the reports (a report holds its article and every
/// token).
pub enum Part {
    /// SARIF results, or GitLab Code Quality issues.
    Values(Vec<serde_json::Value>),
    Html(html::Part),
    /// An input that could not be read, in its place among the others.
    Failed(factcheck::input::InputError),
}

use crate::cli::ColorChoice;
use factcheck::span::LineIndex;
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};
use std::io::IsTerminal;
use std::sync::Arc;

/// Whether to colour a stream: `--color`, then NO_COLOR, then whether it is a terminal.
pub fn use_color(choice: ColorChoice, stream_is_tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && stream_is_tty
        }
    }
}

pub fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal()
}

pub fn stderr_is_tty() -> bool {
    std::io::stderr().is_terminal()
}

/// The width to lay output out in: `$COLUMNS` when set, else the terminal's when standard
/// output is one. Output that goes to a file or a CI log is not wrapped at all (a path or a
/// date split over two lines of a log helps nobody): [`NO_WRAP`].
pub fn width() -> usize {
    width_from(
        std::env::var("COLUMNS").ok().as_deref(),
        stdout_is_tty()
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(w, _)| usize::from(w.0)),
    )
}

/// A width so wide nothing wraps (comfy-table takes a `u16`).
pub const NO_WRAP: usize = 4000;

fn width_from(columns: Option<&str>, terminal: Option<usize>) -> usize {
    match columns.and_then(|c| c.trim().parse::<usize>().ok()) {
        Some(c) if c > 0 => c.clamp(40, NO_WRAP),
        _ => terminal.map_or(NO_WRAP, |w| w.clamp(40, NO_WRAP)),
    }
}

/// Renders one diagnostic the way rustc would.
pub fn diagnostic(d: &dyn Diagnostic, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width())
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, d).is_err() {
        out = format!("{d}\n");
    }
    out
}

/// An article's text for miette that shows, for each label, a window of its line around the
/// label rather than the whole line: a wire-copy paragraph is often one line of 600
/// characters, and a snippet an editor can read needs a few words either side.
pub struct Windowed {
    name: String,
    src: Arc<Source>,
    /// Characters kept either side of a label.
    window: usize,
}

/// A text with its [`LineIndex`], so a position's line and column cost the same on the
/// first line as on the last, however many findings a long article has.
pub struct Source {
    text: String,
    lines: LineIndex,
}

impl Source {
    pub fn new(text: impl Into<String>) -> Source {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Source { text, lines }
    }

    /// (line, column in characters), both from 0.
    fn position(&self, at: usize) -> (usize, usize) {
        let lc = self.lines.locate(&self.text, at);
        (lc.line - 1, lc.column - 1)
    }

    /// Where the line holding `at` starts and ends (before its line break).
    fn line_bounds(&self, at: usize) -> (usize, usize) {
        let line = self.lines.locate(&self.text, at).line;
        let span = self.lines.line_span(&self.text, line);
        (span.start, span.end)
    }
}

impl Windowed {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Windowed {
        Windowed::shared(name, Arc::new(Source::new(text)))
    }

    /// A view of a source shared by several diagnostics (one article's findings).
    pub fn shared(name: impl Into<String>, src: Arc<Source>) -> Windowed {
        // Room for the gutter and a short label on one terminal line (and no more than 90
        // characters either side where nothing wraps).
        let window = (width().saturating_sub(16) / 2).clamp(24, 90);
        Windowed {
            name: name.into(),
            src,
            window,
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        self.src.position(offset)
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl miette::SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.src.text.as_str();
        let start = floor_boundary(text, span.offset());
        let end = floor_boundary(text, span.offset() + span.len()).max(start);
        if before == 0 && after == 0 {
            // The header's position: exactly the label.
            let (line, column) = self.position(start);
            return Ok(Box::new(miette::MietteSpanContents::new_named(
                self.name.clone(),
                &text.as_bytes()[start..end],
                (start, end - start).into(),
                line,
                column,
                text[start..end].matches('\n').count() + 1,
            )));
        }
        let (ls, _) = self.src.line_bounds(start);
        let (_, mut le) = self.src.line_bounds(end);
        if le > ls && text.as_bytes()[le - 1] == b'\r' {
            le -= 1;
        }
        // Window: up to WINDOW characters either side, cut at a space.
        let mut ws = start;
        for (n, (i, _)) in text[ls..start].char_indices().rev().enumerate() {
            ws = ls + i;
            if n >= self.window {
                break;
            }
        }
        if ws > ls {
            ws = text[ws..start].find(' ').map_or(ws, |i| ws + i + 1);
        }
        let mut we = end;
        for (n, (i, c)) in text[end..le].char_indices().enumerate() {
            we = end + i + c.len_utf8();
            if n >= self.window {
                break;
            }
        }
        if we < le {
            we = text[end..we].rfind(' ').map_or(we, |i| end + i);
        }
        let (line, column) = self.position(ws);
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[ws..we],
            (ws, we - ws).into(),
            line,
            column,
            text[ws..we].matches('\n').count() + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_wins_then_the_terminal_then_no_wrapping() {
        assert_eq!(width_from(Some("120"), Some(80)), 120);
        assert_eq!(width_from(Some("10"), None), 40);
        assert_eq!(width_from(None, Some(80)), 80);
        assert_eq!(width_from(Some("wide"), Some(90)), 90);
        assert_eq!(width_from(Some("0"), None), NO_WRAP);
        assert_eq!(width_from(None, None), NO_WRAP);
    }
}

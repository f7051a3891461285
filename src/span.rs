//! Byte spans into a source text, and the one conversion from bytes to 1-based line and
//! character column. Every claim, finding and KB value carries a [`Span`]; nothing else in the
//! crate does line/column arithmetic.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`. Panics when `start > end`: that is a bug in the caller,
    /// never something input can cause.
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        miette::SourceSpan::new(s.start.into(), s.len())
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end.max(r.start))
    }
}

/// A 1-based position: line, and column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line starts of a text, for byte → line/column conversion in `O(log lines)`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The line and character column of byte `offset` (clamped to the text, and moved back to
    /// a char boundary if it falls inside a character).
    pub fn locate(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = text[start..offset].chars().count() + 1;
        LineCol { line, column }
    }

    /// The byte span of 1-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let mut end = self.starts.get(line).map_or(text.len(), |e| e - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "Kosovo’s deal\n€50 million";
        let idx = LineIndex::new(text);
        let deal = text.find("deal").unwrap();
        assert_eq!(
            idx.locate(text, deal),
            LineCol {
                line: 1,
                column: 10
            }
        );
        let fifty = text.find("50").unwrap();
        assert_eq!(idx.locate(text, fifty), LineCol { line: 2, column: 2 });
    }

    #[test]
    fn offsets_inside_a_char_move_back() {
        let text = "a€b";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 2), LineCol { line: 1, column: 2 });
        assert_eq!(idx.locate(text, 99), LineCol { line: 1, column: 4 });
    }

    #[test]
    fn line_span_strips_crlf() {
        let text = "one\r\ntwo\r\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_span(text, 1).slice(text), "one");
        assert_eq!(idx.line_span(text, 2).slice(text), "two");
    }

    #[test]
    #[should_panic]
    fn inverted_span_is_a_bug() {
        let _ = Span::new(3, 2);
    }
}

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

/// Line starts of a text, for byte → line/column conversion in `O(log lines)`, and the
/// number of characters before every [`STRIDE`]-th byte, so a column costs at most a stride
/// of counting even on a one-line megabyte. (The character counts are made the first time a
/// column lies more than a stride into its line: most texts never need them.)
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    chars_at: std::sync::OnceLock<Vec<usize>>,
    len: usize,
}

const STRIDE: usize = 4096;

fn count_chars(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c & 0xC0 != 0x80).count()
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            chars_at: std::sync::OnceLock::new(),
            len: text.len(),
        }
    }

    /// Characters before byte `at` of `text` (the text this index was built from).
    fn chars_before(&self, text: &str, at: usize) -> usize {
        if text.len() != self.len {
            return count_chars(&text.as_bytes()[..at]);
        }
        let chars_at = self.chars_at.get_or_init(|| {
            let mut chars_at = Vec::with_capacity(text.len() / STRIDE + 2);
            let mut n = 0;
            for chunk in text.as_bytes().chunks(STRIDE) {
                chars_at.push(n);
                n += count_chars(chunk);
            }
            chars_at.push(n);
            chars_at
        });
        let k = at / STRIDE;
        chars_at[k] + count_chars(&text.as_bytes()[k * STRIDE..at])
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
        // A line's characters are counted from its start; past a stride, from the counts
        // at every stride (a one-line megabyte).
        let chars = if offset - start <= STRIDE {
            count_chars(&text.as_bytes()[start..offset])
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        let column = chars + 1;
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

#[cfg(test)]
mod line_index_tests {
    use super::*;

    /// Columns from the stride table equal a plain character count, on a long line mixing
    /// one- to four-byte characters, at every character boundary.
    #[test]
    fn columns_match_a_plain_count_across_strides() {
        let line: String = "ab€ 𝄞x\u{a0}é".repeat(2_000);
        let text = format!("first line\n{line}\nlast €");
        let ix = LineIndex::new(&text);
        for (off, _) in text.char_indices().step_by(7) {
            let start = text[..off].rfind('\n').map_or(0, |i| i + 1);
            let want = LineCol {
                line: text[..off].matches('\n').count() + 1,
                column: text[start..off].chars().count() + 1,
            };
            assert_eq!(ix.locate(&text, off), want, "at {off}");
        }
    }
}

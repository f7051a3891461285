//! Suppressions an editor writes into the article, and the fingerprints baselines use.
//!
//! - Markdown/HTML: `<!-- factcheck-ignore -->` suppresses every finding of the next sentence;
//!   `<!-- factcheck-ignore count-mismatch amount-mismatch -->` only those codes.
//! - Plain text: the same on a line of its own, in brackets: `[factcheck-ignore]`,
//!   `[factcheck-ignore count-mismatch]`.
//!
//! Both forms are masked from extraction, so a directive is never read as a claim.

use crate::text::Document;
use regex::Regex;
use std::sync::LazyLock;

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)<!--\s*factcheck-ignore(?-u:\b)([^>]*?)-->|^[ \t]*\[factcheck-ignore(?-u:\b)([^\]\n]*)\][ \t]*$",
    )
    .expect("directive regex is valid")
});

/// One directive: the sentence it suppresses and, if limited, the codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The directive itself, in the article.
    pub span: crate::span::Span,
    pub sentence: usize,
    /// Full codes (`factcheck::count-mismatch`); empty for all.
    pub codes: Vec<String>,
}

/// The directives of a document.
pub fn directives(doc: &Document) -> Vec<Directive> {
    let mut out = Vec::new();
    // Most articles have none: one substring search, and the regex is not even compiled.
    if !doc.text.contains("factcheck-ignore") {
        return out;
    }
    for caps in DIRECTIVE.captures_iter(&doc.text) {
        let Some(m) = caps.get(0) else { continue };
        let args = caps.get(1).or(caps.get(2)).map_or("", |a| a.as_str());
        let codes = args
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|c| !c.is_empty())
            .map(|c| {
                if c.starts_with("factcheck::") {
                    c.to_string()
                } else {
                    format!("factcheck::{c}")
                }
            })
            .collect();
        // The next sentence: the first that starts after the directive.
        let Some(sentence) = doc.sentences.iter().position(|s| s.span.start >= m.end()) else {
            continue;
        };
        out.push(Directive {
            span: crate::span::Span::new(m.start(), m.end()),
            sentence,
            codes,
        });
    }
    out
}

impl Directive {
    /// Whether this directive suppresses a finding with `code` in `sentence`.
    pub fn covers(&self, sentence: usize, code: &str) -> bool {
        self.sentence == sentence && (self.codes.is_empty() || self.codes.iter().any(|c| c == code))
    }
}

/// Whether a finding with `code` in `sentence` is suppressed.
pub fn suppressed(directives: &[Directive], sentence: usize, code: &str) -> bool {
    directives.iter().any(|d| d.covers(sentence, code))
}

/// FNV-1a, 64 bits: a stable hash for fingerprints (the same on every machine and version).
pub fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_plain_directives() {
        let doc = Document::new(
            "One is fine.\n\n<!-- factcheck-ignore count-mismatch -->\nTwo has 3 tanks.\n\n[factcheck-ignore]\nThree.\n",
        );
        let d = directives(&doc);
        assert_eq!(
            d,
            [
                Directive {
                    span: crate::span::Span::new(14, 54),
                    sentence: 1,
                    codes: vec!["factcheck::count-mismatch".into()]
                },
                Directive {
                    span: crate::span::Span::new(73, 91),
                    sentence: 2,
                    codes: vec![]
                }
            ]
        );
        assert!(suppressed(&d, 1, "factcheck::count-mismatch"));
        assert!(!suppressed(&d, 1, "factcheck::amount-mismatch"));
        assert!(suppressed(&d, 2, "factcheck::amount-mismatch"));
        assert!(!suppressed(&d, 0, "factcheck::count-mismatch"));
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fnv1a(&["a", "b"]), fnv1a(&["a", "b"]));
        assert_ne!(fnv1a(&["ab", ""]), fnv1a(&["a", "b"]));
        assert_eq!(fnv1a(&[]), "cbf29ce484222325");
    }
}

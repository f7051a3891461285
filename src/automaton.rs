//! An Aho-Corasick automaton that starts as the kind quickest to build and becomes a DFA
//! (about twice as fast to search, slower to build) once a run has searched enough text with
//! it: a one-article run never pays for the DFA, a long run soon has it.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, BuildError};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Up to this many patterns, the DFA is built once a run has searched [`DFA_AFTER_BYTES`];
/// more than that get the library's choice from the start (a DFA of them would be huge).
const DFA_MAX_PATTERNS: usize = 20_000;
const DFA_AFTER_BYTES: usize = 256 * 1024;

#[derive(Debug)]
pub struct Upgrading {
    first: AhoCorasick,
    builder: AhoCorasickBuilder,
    /// Kept to build the DFA from (empty when there will be none).
    patterns: Vec<Vec<u8>>,
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
}

impl Upgrading {
    /// An automaton of `patterns` as `builder` configures it (its kind is chosen here).
    pub fn new(builder: &AhoCorasickBuilder, patterns: Vec<Vec<u8>>) -> Result<Self, BuildError> {
        let upgrade = patterns.len() <= DFA_MAX_PATTERNS;
        let first = builder
            .clone()
            .kind(upgrade.then_some(AhoCorasickKind::NoncontiguousNFA))
            .build(&patterns)?;
        Ok(Upgrading {
            first,
            builder: builder.clone(),
            patterns: if upgrade { patterns } else { Vec::new() },
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
        })
    }

    /// The automaton to search `len` more bytes with: the first one until the run has
    /// searched [`DFA_AFTER_BYTES`], then the DFA (same matches).
    pub fn get(&self, len: usize) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa.as_ref().unwrap_or(&self.first);
        }
        let before = self.searched.fetch_add(len, Ordering::Relaxed);
        if before.saturating_add(len) < DFA_AFTER_BYTES || self.patterns.is_empty() {
            return &self.first;
        }
        self.dfa
            .get_or_init(|| {
                self.builder
                    .clone()
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
            .unwrap_or(&self.first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    #[test]
    fn becomes_a_dfa_with_the_same_matches_after_enough_text() {
        let mut b = AhoCorasickBuilder::new();
        b.match_kind(MatchKind::LeftmostLongest);
        let pats: Vec<Vec<u8>> = ["approve", "approved", "notified", "not"]
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .collect();
        let a = Upgrading::new(&b, pats).unwrap();
        let hay = "it was approved, not notified; approve it";
        let find = |ac: &AhoCorasick| -> Vec<(usize, usize, usize)> {
            ac.find_iter(hay)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect()
        };
        let first = a.get(hay.len());
        assert_eq!(first.kind(), AhoCorasickKind::NoncontiguousNFA);
        let before = find(first);
        assert_eq!(before.len(), 4);
        let dfa = a.get(DFA_AFTER_BYTES);
        assert_eq!(dfa.kind(), AhoCorasickKind::DFA);
        assert_eq!(find(dfa), before);
        assert_eq!(a.get(1).kind(), AhoCorasickKind::DFA);
    }
}

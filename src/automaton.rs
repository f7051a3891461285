//! An Aho-Corasick automaton built as late and as cheaply as a run allows, with the same
//! matches at every stage:
//! - while a run has searched only a little text, each text gets an automaton of just the
//!   patterns it contains (a one-line article among a KB's hundreds of names builds one of a
//!   handful): a pattern that does not occur in a text changes no match in it, overlapping or
//!   leftmost-longest;
//! - then one automaton of every pattern, of the kind quickest to build;
//! - once the run has searched [`DFA_AFTER_BYTES`], a DFA (about twice as fast to search,
//!   slower to build).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, BuildError, PatternID};
use memchr::memmem;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Up to this many patterns, the DFA is built once a run has searched [`DFA_AFTER_BYTES`];
/// more than that get the library's choice from the start (a DFA of them would be huge).
const DFA_MAX_PATTERNS: usize = 20_000;
const DFA_AFTER_BYTES: usize = 256 * 1024;
/// Texts get their own automaton until the run has searched this much, and only while
/// looking for every pattern in the text costs at most [`FILTER_MAX_WORK`] pattern-bytes,
/// and all texts' looking so far at most [`FILTER_BUDGET`] (a text counted as at least
/// [`FILTER_MIN_LEN`] bytes: looking for a pattern costs about that much even in a line).
/// Past those, one automaton of every pattern is cheaper: a run over a thousand headlines
/// looked for 1,200 names in each of them (300,000 instructions a headline).
const FILTER_BELOW_BYTES: usize = 8 * 1024;
const FILTER_MAX_WORK: usize = 1 << 20;
const FILTER_BUDGET: usize = 4 << 20;
const FILTER_MIN_LEN: usize = 256;

#[derive(Debug)]
pub struct Upgrading {
    builder: AhoCorasickBuilder,
    /// Every pattern (empty for a set too large to filter or to make a DFA of).
    patterns: Vec<Vec<u8>>,
    /// The automaton of every pattern, built on first need (at once for a large set).
    whole: OnceLock<Option<AhoCorasick>>,
    dfa: OnceLock<Option<AhoCorasick>>,
    searched: AtomicUsize,
    /// Pattern-bytes of looking for patterns in texts so far (see [`FILTER_BUDGET`]).
    filtered: AtomicUsize,
}

/// The automaton to search one text with, and how its pattern ids map to the set's.
pub struct Scanner<'a> {
    ac: Ac<'a>,
    /// For an automaton of some of the patterns: the set's id of each of its patterns.
    ids: Vec<usize>,
}

enum Ac<'a> {
    Shared(&'a AhoCorasick),
    Own(AhoCorasick),
}

impl Scanner<'_> {
    pub fn automaton(&self) -> &AhoCorasick {
        match &self.ac {
            Ac::Shared(a) => a,
            Ac::Own(a) => a,
        }
    }

    /// The set's id of a pattern this scanner's automaton reports.
    pub fn pattern(&self, id: PatternID) -> usize {
        match &self.ac {
            Ac::Shared(_) => id.as_usize(),
            Ac::Own(_) => self.ids[id.as_usize()],
        }
    }
}

impl Upgrading {
    /// An automaton of `patterns` as `builder` configures it (its kind is chosen here). A set
    /// too large for a DFA is built at once, with the library's choice of kind.
    pub fn new(builder: &AhoCorasickBuilder, patterns: Vec<Vec<u8>>) -> Result<Self, BuildError> {
        let whole = OnceLock::new();
        let patterns = if patterns.len() <= DFA_MAX_PATTERNS {
            patterns
        } else {
            let _ = whole.set(Some(builder.clone().kind(None).build(&patterns)?));
            Vec::new()
        };
        Ok(Upgrading {
            builder: builder.clone(),
            patterns,
            whole,
            dfa: OnceLock::new(),
            searched: AtomicUsize::new(0),
            filtered: AtomicUsize::new(0),
        })
    }

    /// The automaton to search `text` with (`None`: no automaton could be built).
    pub fn scanner(&self, text: &[u8]) -> Option<Scanner<'_>> {
        if let Some(dfa) = self.dfa.get() {
            return self.wrap(shared(dfa).or_else(|| self.whole_automaton()));
        }
        let before = self.searched.fetch_add(text.len(), Ordering::Relaxed);
        let after = before.saturating_add(text.len());
        if after >= DFA_AFTER_BYTES && !self.patterns.is_empty() {
            let dfa = self
                .dfa
                .get_or_init(|| self.build(&self.patterns, AhoCorasickKind::DFA));
            return self.wrap(shared(dfa).or_else(|| self.whole_automaton()));
        }
        let work = self
            .patterns
            .len()
            .saturating_mul(text.len().max(FILTER_MIN_LEN));
        if self.whole.get().is_none()
            && after < FILTER_BELOW_BYTES
            && self.patterns.len().saturating_mul(text.len()) <= FILTER_MAX_WORK
            && self
                .filtered
                .fetch_add(work, Ordering::Relaxed)
                .saturating_add(work)
                <= FILTER_BUDGET
        {
            let ids: Vec<usize> = (0..self.patterns.len())
                .filter(|&i| memmem::find(text, &self.patterns[i]).is_some())
                .collect();
            let some: Vec<&[u8]> = ids.iter().map(|&i| self.patterns[i].as_slice()).collect();
            if let Some(ac) = self.build(&some, AhoCorasickKind::NoncontiguousNFA) {
                return Some(Scanner {
                    ac: Ac::Own(ac),
                    ids,
                });
            }
        }
        self.wrap(self.whole_automaton())
    }

    fn whole_automaton(&self) -> Option<Ac<'_>> {
        self.whole
            .get_or_init(|| self.build(&self.patterns, AhoCorasickKind::NoncontiguousNFA))
            .as_ref()
            .map(Ac::Shared)
    }

    fn wrap<'a>(&self, ac: Option<Ac<'a>>) -> Option<Scanner<'a>> {
        ac.map(|ac| Scanner {
            ac,
            ids: Vec::new(),
        })
    }

    fn build<P: AsRef<[u8]>>(&self, patterns: &[P], kind: AhoCorasickKind) -> Option<AhoCorasick> {
        self.builder.clone().kind(Some(kind)).build(patterns).ok()
    }
}

fn shared(ac: &Option<AhoCorasick>) -> Option<Ac<'_>> {
    ac.as_ref().map(Ac::Shared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;

    fn pats(ps: &[&str]) -> Vec<Vec<u8>> {
        ps.iter().map(|p| p.as_bytes().to_vec()).collect()
    }

    fn found(s: &Scanner<'_>, hay: &str) -> Vec<(usize, usize, usize)> {
        s.automaton()
            .find_iter(hay)
            .map(|m| (s.pattern(m.pattern()), m.start(), m.end()))
            .collect()
    }

    #[test]
    fn each_stage_finds_the_same_matches() {
        let mut b = AhoCorasickBuilder::new();
        b.match_kind(MatchKind::LeftmostLongest);
        let a = Upgrading::new(
            &b,
            pats(&["approve", "approved", "notified", "not", "veto"]),
        )
        .unwrap();
        let hay = "it was approved, not notified; approve it";
        // A short text alone: an automaton of the four patterns it holds.
        let first = a.scanner(hay.as_bytes()).unwrap();
        assert!(matches!(first.ac, Ac::Own(_)));
        assert_eq!(first.automaton().patterns_len(), 4);
        let want = found(&first, hay);
        assert_eq!(
            want,
            [(1, 7, 15), (3, 17, 20), (2, 21, 29), (0, 31, 38)],
            "ids are the set's"
        );
        // After enough text, every pattern; then the DFA.
        let whole = a.scanner(&vec![b'x'; FILTER_BELOW_BYTES]).unwrap();
        assert_eq!(whole.automaton().kind(), AhoCorasickKind::NoncontiguousNFA);
        assert_eq!(whole.automaton().patterns_len(), 5);
        assert_eq!(found(&a.scanner(hay.as_bytes()).unwrap(), hay), want);
        let dfa = a.scanner(&vec![b'x'; DFA_AFTER_BYTES]).unwrap();
        assert_eq!(dfa.automaton().kind(), AhoCorasickKind::DFA);
        assert_eq!(found(&a.scanner(hay.as_bytes()).unwrap(), hay), want);
    }

    #[test]
    fn many_short_texts_share_the_whole_automaton_once_filtering_costs_more() {
        let patterns: Vec<Vec<u8>> = (0..1000).map(|i| format!("name{i}").into_bytes()).collect();
        let a = Upgrading::new(&AhoCorasickBuilder::new(), patterns).unwrap();
        let line = b"a headline naming name7";
        let own = (0..100)
            .take_while(|_| matches!(a.scanner(line).unwrap().ac, Ac::Own(_)))
            .count();
        // 1,000 patterns in a text counted as 256 bytes: 16 texts fit the budget.
        assert_eq!(own, FILTER_BUDGET / (1000 * FILTER_MIN_LEN));
        let s = a.scanner(line).unwrap();
        assert!(matches!(s.ac, Ac::Shared(_)));
        assert_eq!(s.automaton().patterns_len(), 1000);
        assert_eq!(found(&s, "a headline naming name7"), [(7, 18, 23)]);
    }

    #[test]
    fn a_text_with_none_of_the_patterns_finds_nothing() {
        let a = Upgrading::new(&AhoCorasickBuilder::new(), pats(&["javelin", "himars"])).unwrap();
        let s = a.scanner(b"nothing here").unwrap();
        assert_eq!(s.automaton().patterns_len(), 0);
        assert!(found(&s, "nothing here").is_empty());
    }
}

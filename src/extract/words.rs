//! Small fixed sets and maps of words, for lookups at every token.

/// Buckets: by length (up to 31) and the low five bits of the first byte.
const BUCKETS: usize = 32 * 32;

fn bucket(w: &str) -> usize {
    let first = w.as_bytes().first().copied().unwrap_or(0);
    (w.len().min(31) << 5) | usize::from(first & 31)
}

/// A small fixed map from words, bucketed by length and first byte: a lookup compares the
/// one or two words of its bucket, which is cheaper than hashing the short words asked
/// about at every token, and than a `match` over a hundred words.
pub(crate) struct WordMap<V>(Vec<Vec<(&'static str, V)>>);

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap((0..BUCKETS).map(|_| Vec::new()).collect())
    }
}

impl<V: Default> WordMap<V> {
    /// The value of `w`, inserted as the default if absent.
    pub(crate) fn entry(&mut self, w: &'static str) -> &mut V {
        let b = &mut self.0[bucket(w)];
        let at = match b.iter().position(|(x, _)| *x == w) {
            Some(at) => at,
            None => {
                b.push((w, V::default()));
                b.len() - 1
            }
        };
        &mut b[at].1
    }
}

impl<V> WordMap<V> {
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        self.0[bucket(w)]
            .iter()
            .find(|(x, _)| same(x, w))
            .map(|(_, v)| v)
    }
}

/// `a == b` for short words, compared in line: a bucket's words are as long as the word
/// asked about, mostly differ in their first bytes, and a call to `memcmp` for each cost
/// more than the comparison.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// A small fixed set of words (see [`WordMap`]).
pub(crate) struct WordSet(WordMap<()>);

impl WordSet {
    pub(crate) fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let mut m = WordMap::default();
        for w in words {
            m.entry(w);
        }
        WordSet(m)
    }

    pub(crate) fn contains(&self, w: &str) -> bool {
        self.0.get(w).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_exactly() {
        let s = WordSet::new(["a", "an", "about", "above", "ab", "≥", "approximately"]);
        for w in ["a", "an", "about", "above", "ab", "≥", "approximately"] {
            assert!(s.contains(w), "{w}");
        }
        for w in ["", "A", "abut", "b", "aboutt", "approximatelz", "≤"] {
            assert!(!s.contains(w), "{w}");
        }
        let mut m: WordMap<u32> = WordMap::default();
        *m.entry("ten") = 10;
        *m.entry("two") = 2;
        assert_eq!(
            (m.get("ten"), m.get("two"), m.get("tw")),
            (Some(&10), Some(&2), None)
        );
    }
}

//! Words: small fixed sets and maps of words for lookups at every token, and the character
//! and case helpers every stage shares. Depends on nothing else in the crate.

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

/// Characters with no width that may sit inside a word or number without showing: zero-width
/// space, non-joiner and joiner, word joiner, and a byte order mark out of place.
pub fn zero_width(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// `t` in lower case, borrowed when it already is (most words of prose).
pub(crate) fn lowercase(t: &str) -> std::borrow::Cow<'_, str> {
    if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(t)
    } else {
        std::borrow::Cow::Owned(t.to_lowercase())
    }
}

/// `f` of a short ASCII word in lower case, without allocating; `None` for a word longer
/// than 16 bytes or not ASCII (no number word, qualifier or month is).
// Always inlined: small, and asked per token by many callers (as an outlined call it cost more
// than its work).
#[inline(always)]
pub(crate) fn with_ascii_lower<R>(t: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    if t.len() > 16 || !t.is_ascii() {
        return None;
    }
    // Most words of prose are in lower case already.
    if !t.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(f(t));
    }
    let mut buf = [0u8; 16];
    let l = &mut buf[..t.len()];
    l.copy_from_slice(t.as_bytes());
    l.make_ascii_lowercase();
    std::str::from_utf8(l).ok().map(f)
}

/// A name or phrase as lookups hold it: its words joined by single spaces, in lower case.
pub(crate) fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    // ASCII text (nearly every name) lower-cases in place, to the same string.
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
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

//! Entity mentions and figure phrases: every entity name and every figure `of` phrase of a KB
//! (both number forms), indexed once per KB by the word each starts with. A name matches only
//! where a word starts, so scanning an article looks up each of its words, once: time linear
//! in its length and nearly independent of the KB's size.

use crate::automaton::Upgrading;
use crate::kb::Kb;
use crate::span::Span;
use crate::text::{BYTE_CLASS, ByteClass, Document, TokKind};
use crate::words::folded;
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use foldhash::{HashMap, HashMapExt};

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// An entity (index into `Kb::entities`).
    Entity(usize),
    /// A figure's `of` phrase: (record index, figure index).
    Figure(usize, usize),
}

/// A mention of an entity in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub entity: usize,
    pub span: Span,
}

/// A figure phrase found in an article ("Javelin missiles"): the pattern, whose figures
/// [`AliasIndex::figures`] gives. One hit per place, however many records share the phrase
/// ("sale" may be the `of` of ten thousand figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: usize,
    pub span: Span,
}

/// The patterns, how to find them, and what each stands for.
#[derive(Debug)]
pub struct AliasIndex {
    /// Every pattern: a name or phrase in lower case, single-spaced ([`folded`]).
    patterns: Vec<Box<str>>,
    /// The patterns that start with a letter or digit, by their first word (the letters and
    /// digits they start with). Such a pattern matches at a word of the text only, and only
    /// if that word is its first word: the text's word ends where the pattern's does, at a
    /// character that is neither.
    by_first_word: HashMap<Box<str>, Group>,
    /// The patterns of the groups with many, by their text (see [`Group::Many`]).
    by_text: HashMap<Box<str>, usize>,
    /// A bit per first word ([`first_word_bit`]): most words of a text start no pattern,
    /// and are passed over without hashing them.
    first_word_bits: Vec<u64>,
    /// The patterns that start with anything else (none in most KBs): an automaton of them,
    /// and the id of each.
    rest: Option<Upgrading>,
    rest_ids: Vec<usize>,
    entities: Vec<Vec<usize>>,
    /// (record, figure) pairs per pattern, sorted.
    figures: Vec<Vec<(usize, usize)>>,
}

/// The patterns with one first word.
#[derive(Debug)]
enum Group {
    /// A few: each compared with the text where the word is.
    Few(Vec<usize>),
    /// Many ("Other 1" … "Other 100000"): the text's bytes at each length one of them has
    /// are looked up in [`AliasIndex::by_text`], so a word costs as many look-ups as the
    /// group has lengths (at most [`crate::kb`]'s limit on a name's length), not patterns.
    Many(Vec<usize>),
}

/// Above this many patterns, a group is [`Group::Many`].
const FEW: usize = 16;

/// The other number of a noun phrase's last word: "missiles" ↔ "missile", "batteries" ↔
/// "battery". Invariant words ("aircraft") give nothing new.
pub fn other_number(phrase: &str) -> Option<String> {
    let (head, last) = match phrase.rfind(' ') {
        Some(i) => (&phrase[..=i], &phrase[i + 1..]),
        None => ("", phrase),
    };
    let lower = last.to_lowercase();
    const INVARIANT: &[&str] = &[
        "aircraft",
        "personnel",
        "equipment",
        "materiel",
        "ammunition",
        "staff",
        "artillery",
    ];
    if INVARIANT.contains(&lower.as_str())
        || !last.chars().all(char::is_alphabetic)
        || last.len() < 3
    {
        return None;
    }
    let other = if let Some(stem) = lower.strip_suffix("ies") {
        format!("{}y", &last[..stem.len()])
    } else if lower.ends_with("ches")
        || lower.ends_with("shes")
        || lower.ends_with("sses")
        || lower.ends_with("xes")
    {
        last[..last.len() - 2].to_string()
    } else if lower.ends_with("ss") || lower.ends_with("us") {
        format!("{last}es")
    } else if lower.ends_with('s') {
        last[..last.len() - 1].to_string()
    } else if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
    {
        format!("{}ies", &last[..last.len() - 1])
    } else if lower.ends_with("ch") || lower.ends_with("sh") || lower.ends_with('x') {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    Some(format!("{head}{other}"))
}

/// Where the first word at or after byte `at` starts (a letter or digit).
fn word_start(text: &str, mut at: usize) -> Option<usize> {
    let b = text.as_bytes();
    loop {
        // ASCII other than letters and digits, a byte at a time.
        while at < b.len() && b[at] < 0x80 && BYTE_CLASS[usize::from(b[at])] != ByteClass::Alnum {
            at += 1;
        }
        let ch = text.get(at..)?.chars().next()?;
        if ch.is_alphanumeric() {
            return Some(at);
        }
        at += ch.len_utf8();
    }
}

/// Where the run of letters and digits from byte `at` ends.
fn word_end(text: &str, mut at: usize) -> usize {
    let b = text.as_bytes();
    loop {
        // ASCII letters and digits, a byte at a time.
        while at < b.len() && BYTE_CLASS[usize::from(b[at])] == ByteClass::Alnum {
            at += 1;
        }
        match text.get(at..).and_then(|t| t.chars().next()) {
            Some(ch) if !ch.is_ascii() && ch.is_alphanumeric() => at += ch.len_utf8(),
            _ => return at,
        }
    }
}

/// A word's bit in [`AliasIndex::first_word_bits`]: from its length and its first, second
/// and last bytes, which tell most words apart at no cost.
fn first_word_bit(w: &[u8]) -> usize {
    let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
        return 0;
    };
    let second = w.get(1).copied().unwrap_or(0);
    let len = u8::try_from(w.len()).unwrap_or(u8::MAX);
    let x = u32::from_le_bytes([first, second, last, len]);
    (x.wrapping_mul(0x9E37_79B1) >> (32 - FIRST_WORD_BITS.trailing_zeros())) as usize
}

/// Bits of the first-word filter (see [`first_word_bit`]).
const FIRST_WORD_BITS: usize = 1 << 16;

/// Whether the character before byte `at` is a letter or digit.
#[inline]
/// ASCII white space as names and phrases are spaced in an article.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Where the run of white space at `at` ends, if it holds at most one line break: a phrase
/// may wrap to the next line, but not run on past a blank line into the next paragraph.
fn space_run(b: &[u8], at: usize) -> Option<usize> {
    let mut j = at;
    let mut breaks = 0;
    while j < b.len() && is_space(b[j]) {
        breaks += usize::from(b[j] == b'\n');
        j += 1;
    }
    (breaks <= 1).then_some(j)
}

/// Where pattern `p` (single-spaced, lower case) ends when it occurs at `start` in `text`
/// with any run of white space of at most one line break for each of its spaces ("javelin
/// missiles" in "Javelin\nmissiles"); `None` if it does not, or only single-spaced (found
/// by a plain comparison).
fn wrapped_match(text: &[u8], start: usize, p: &[u8]) -> Option<usize> {
    let (mut i, mut k) = (start, 0);
    let mut wrapped = false;
    while k < p.len() {
        if p[k] == b' ' {
            let j = space_run(text, i).filter(|&j| j > i)?;
            wrapped |= j != i + 1 || text[i] != b' ';
            i = j;
        } else {
            if text.get(i) != Some(&p[k]) {
                return None;
            }
            i += 1;
        }
        k += 1;
    }
    wrapped.then_some(i)
}

fn alnum_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(&b) if b < 0x80 => BYTE_CLASS[usize::from(b)] == ByteClass::Alnum,
        Some(_) => text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

/// Whether the character at byte `at` is a letter or digit.
#[inline]
fn alnum_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(&b) if b < 0x80 => BYTE_CLASS[usize::from(b)] == ByteClass::Alnum,
        Some(_) => text[at..].chars().next().is_some_and(char::is_alphanumeric),
    }
}

impl AliasIndex {
    pub fn new(kb: &Kb) -> AliasIndex {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut add = |p: &str, t: Target| {
            let key = folded(p);
            if key.is_empty() {
                return;
            }
            let idx = match ids.get(&key) {
                Some(&i) => i,
                None => {
                    ids.insert(key.clone(), patterns.len());
                    patterns.push(key);
                    targets.push(Vec::new());
                    patterns.len() - 1
                }
            };
            targets[idx].push(t); // deduplicated per pattern below
        };
        for (i, e) in kb.entities.iter().enumerate() {
            for n in &e.names {
                add(n, Target::Entity(i));
                // "F-35" is also written "F35" and "F 35" (and "AH-64" "AH64", "AH 64").
                for v in designation_variants(n) {
                    add(&v, Target::Entity(i));
                }
            }
        }
        for (ri, r) in kb.records.iter().enumerate() {
            for (fi, f) in r.figures.iter().enumerate() {
                for o in &f.of {
                    add(o, Target::Figure(ri, fi));
                    if let Some(other) = other_number(o) {
                        add(&other, Target::Figure(ri, fi));
                    }
                }
            }
        }
        let mut groups: HashMap<Box<str>, Vec<usize>> = HashMap::new();
        let (mut rest, mut rest_ids) = (Vec::new(), Vec::new());
        for (id, p) in patterns.iter().enumerate() {
            let first = &p[..word_end(p, 0)];
            if first.is_empty() {
                rest.push(p.clone().into_bytes());
                rest_ids.push(id);
            } else {
                groups.entry(first.into()).or_default().push(id);
            }
        }
        let mut by_text = HashMap::new();
        let by_first_word: HashMap<Box<str>, Group> = groups
            .into_iter()
            .map(|(first, ids)| {
                if ids.len() <= FEW {
                    return (first, Group::Few(ids));
                }
                let mut lengths: Vec<usize> = ids.iter().map(|&id| patterns[id].len()).collect();
                lengths.sort_unstable();
                lengths.dedup();
                by_text.extend(ids.iter().map(|&id| (patterns[id].as_str().into(), id)));
                (first, Group::Many(lengths))
            })
            .collect();
        let mut first_word_bits = vec![0u64; FIRST_WORD_BITS / 64];
        for w in by_first_word.keys() {
            let bit = first_word_bit(w.as_bytes());
            first_word_bits[bit / 64] |= 1 << (bit % 64);
        }
        let rest = (!rest.is_empty())
            .then(|| {
                let mut b = AhoCorasickBuilder::new();
                b.match_kind(MatchKind::Standard);
                Upgrading::new(&b, rest).ok()
            })
            .flatten();
        let mut entities = Vec::with_capacity(targets.len());
        let mut figures = Vec::with_capacity(targets.len());
        for ts in targets {
            let mut e: Vec<usize> = ts
                .iter()
                .filter_map(|t| match t {
                    Target::Entity(i) => Some(*i),
                    Target::Figure(..) => None,
                })
                .collect();
            let mut f: Vec<(usize, usize)> = ts
                .iter()
                .filter_map(|t| match t {
                    Target::Figure(r, f) => Some((*r, *f)),
                    Target::Entity(_) => None,
                })
                .collect();
            e.sort_unstable();
            e.dedup();
            f.sort_unstable();
            f.dedup();
            entities.push(e);
            figures.push(f);
        }
        AliasIndex {
            patterns: patterns.into_iter().map(String::into_boxed_str).collect(),
            by_first_word,
            by_text,
            first_word_bits,
            rest,
            rest_ids,
            entities,
            figures,
        }
    }

    /// The (record, figure) pairs a phrase pattern stands for, sorted.
    pub fn figures(&self, pattern: usize) -> &[(usize, usize)] {
        self.figures.get(pattern).map_or(&[], Vec::as_slice)
    }

    /// Figures of record `r` a pattern stands for.
    pub fn figures_of_record(&self, pattern: usize, r: usize) -> &[(usize, usize)] {
        let all = self.figures(pattern);
        let lo = all.partition_point(|&(x, _)| x < r);
        let hi = all.partition_point(|&(x, _)| x <= r);
        &all[lo..hi]
    }

    /// Entity mentions (leftmost-longest, whole words) and figure phrases (all, whole words)
    /// in an article, matched in its text in ASCII lower case ([`Document::lower`]: the
    /// patterns are lower case). Whitespace inside names must be single spaces in the
    /// article; line breaks inside a name are rare enough in copy that we do not normalise
    /// the text for them.
    pub fn scan(&self, doc: &Document) -> (Vec<Mention>, Vec<Hit>) {
        // Sized for an article's usual names and figure phrases: grown by one, they were
        // reallocated a few times per article.
        let mut entity_hits: Vec<(Span, usize)> = Vec::with_capacity(64);
        let mut phrases = Vec::with_capacity(16);
        let hit = |pattern: usize, span: Span| {
            for &i in &self.entities[pattern] {
                entity_hits.push((span, i));
            }
            if !self.figures[pattern].is_empty() {
                phrases.push(Hit { pattern, span });
            }
        };
        self.occurrences(doc, hit);
        // Leftmost-longest among entity names: "White House" wins over "House".
        entity_hits.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut mentions: Vec<Mention> = Vec::new();
        let mut last_end = 0;
        let mut last_span: Option<Span> = None;
        for (span, entity) in entity_hits {
            if last_span == Some(span) {
                // The same words naming two entities: keep both.
                mentions.push(Mention { entity, span });
                continue;
            }
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            last_span = Some(span);
            mentions.push(Mention { entity, span });
        }
        phrases.sort_by_key(|p| (p.span.start, p.span.end));
        (mentions, phrases)
    }

    /// The patterns found at the word `text[start..end]`, which starts a word. Most words
    /// start none, which the filter tells here, in line; the rest are looked up.
    #[inline]
    fn starting(&self, text: &str, start: usize, end: usize, found: &mut impl FnMut(usize, Span)) {
        debug_assert!(end > start, "a word starts with a letter or digit");
        let bit = first_word_bit(&text.as_bytes()[start..end]);
        if self.first_word_bits[bit / 64] & (1 << (bit % 64)) != 0 {
            self.look_up(text, start, end, found);
        }
    }

    #[inline(never)]
    fn look_up(&self, text: &str, start: usize, end: usize, found: &mut impl FnMut(usize, Span)) {
        match self.by_first_word.get(&text[start..end]) {
            None => {}
            Some(Group::Few(ids)) => {
                for &id in ids {
                    let p = self.patterns[id].as_bytes();
                    let e = if text.as_bytes()[start..].starts_with(p) {
                        Some(start + p.len())
                    } else {
                        wrapped_match(text.as_bytes(), start, p)
                    };
                    if let Some(e) = e.filter(|&e| !alnum_at(text, e)) {
                        found(id, Span::new(start, e));
                    }
                }
            }
            Some(Group::Many(lengths)) => {
                for &len in lengths {
                    let e = start + len;
                    if e > text.len() {
                        break;
                    }
                    if let Some(&id) = text.get(start..e).and_then(|t| self.by_text.get(t))
                        && !alnum_at(text, e)
                    {
                        found(id, Span::new(start, e));
                    }
                }
                self.look_up_wrapped(text, start, lengths, found);
            }
        }
    }

    /// [`Group::Many`]'s look-up where the words after `start` are spaced otherwise than
    /// by single spaces (a line break inside the phrase): the text read with each run of
    /// white space as one space ([`wrapped_match`]'s rule).
    fn look_up_wrapped(
        &self,
        text: &str,
        start: usize,
        lengths: &[usize],
        found: &mut impl FnMut(usize, Span),
    ) {
        let b = text.as_bytes();
        let longest = lengths.last().copied().unwrap_or(0);
        let window = &b[start..(start + longest + 8).min(b.len())];
        if !window
            .windows(2)
            .any(|w| matches!(w[0], b'\n' | b'\r' | b'\t') || w == b"  ")
        {
            return;
        }
        // The words single-spaced, and where each of their bytes ends in the text.
        let (mut norm, mut ends) = (Vec::with_capacity(longest), Vec::with_capacity(longest));
        let mut i = start;
        while i < b.len() && norm.len() < longest {
            if !is_space(b[i]) {
                norm.push(b[i]);
                i += 1;
                ends.push(i);
                continue;
            }
            let Some(j) = space_run(b, i) else { break };
            norm.push(b' ');
            ends.push(j);
            i = j;
        }
        for &len in lengths {
            if len > norm.len() {
                break;
            }
            let e = ends[len - 1];
            // Single-spaced here: found by the look-up above.
            if b[start..e] == norm[..len] {
                continue;
            }
            if let Some(&id) = std::str::from_utf8(&norm[..len])
                .ok()
                .and_then(|t| self.by_text.get(t))
                && !alnum_at(text, e)
            {
                found(id, Span::new(start, e));
            }
        }
    }

    /// Every place in the article where a pattern occurs as whole words (the characters
    /// before and after it are not letters or digits), overlapping ones too, in no set
    /// order.
    ///
    /// A word (a run of letters and digits) outside the markup is one of the document's
    /// word tokens, or a run inside one that keeps separators ("1,200"); the words starting
    /// inside markup are read from its bytes.
    fn occurrences(&self, doc: &Document, mut found: impl FnMut(usize, Span)) {
        let text = doc.lower();
        if !self.by_first_word.is_empty() {
            for t in &doc.tokens {
                if t.kind != TokKind::Alnum {
                    continue;
                }
                let (start, end) = (t.span.start, t.span.end);
                if !t.glued {
                    if !alnum_before(text, start) {
                        self.starting(text, start, end, &mut found);
                    }
                    continue;
                }
                let mut at = start;
                while let Some(s) = word_start(text, at).filter(|&s| s < end) {
                    let e = word_end(text, s);
                    at = e;
                    let first = s == start;
                    if first && !alnum_before(text, s)
                        || !first && !doc.is_masked(Span::new(s, s + 1))
                    {
                        self.starting(text, s, e, &mut found);
                    }
                }
            }
            for m in &doc.masked {
                let mut at = m.start;
                while let Some(s) = word_start(text, at).filter(|&s| s < m.end) {
                    let e = word_end(text, s);
                    at = e;
                    if !alnum_before(text, s) {
                        self.starting(text, s, e, &mut found);
                    }
                }
            }
        }
        if let Some(scanner) = self
            .rest
            .as_ref()
            .and_then(|ac| ac.scanner(text.as_bytes()))
        {
            for m in scanner.automaton().find_overlapping_iter(text) {
                let (s, e) = (m.start(), m.end());
                if !alnum_before(text, s) && !alnum_at(text, e) {
                    found(self.rest_ids[scanner.pattern(m.pattern())], Span::new(s, e));
                }
            }
        }
    }
}

/// Other spellings of a name holding a designation "LETTERS-DIGITS": without the hyphen
/// ("F35") and with a space ("F 35"). Names without one have none.
pub fn designation_variants(name: &str) -> Vec<String> {
    let b = name.as_bytes();
    let hyphens: Vec<usize> = (1..b.len().saturating_sub(1))
        .filter(|&i| b[i] == b'-' && b[i - 1].is_ascii_alphabetic() && b[i + 1].is_ascii_digit())
        .collect();
    if hyphens.is_empty() {
        return Vec::new();
    }
    let with = |sep: &str| {
        let mut out = String::with_capacity(name.len());
        let mut last = 0;
        for &h in &hyphens {
            out.push_str(&name[last..h]);
            out.push_str(sep);
            last = h + 1;
        }
        out.push_str(&name[last..]);
        out
    };
    vec![with(""), with(" ")]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names that start, end and run on in every way the scan treats apart: letters, digits,
    /// punctuation first (found by the automaton), non-ASCII letters, names inside names and
    /// names overlapping names.
    const NAMES: &[&str] = &[
        "White House",
        "House",
        "F-16",
        "F-16 Fighting Falcon",
        "U.S.",
        "U.S",
        "(NATO)",
        "-ish",
        "'s Army",
        "États-Unis",
        "Zürich Group",
        "United States",
        "States Army",
        "A",
        "1st",
        "200",
        "Ö",
        "House House",
    ];

    fn tricky_kb() -> Kb {
        let mut toml = String::new();
        for (i, n) in NAMES.iter().enumerate() {
            toml.push_str(&format!("[[entity]]\nid = \"e{i}\"\nnames = [{n:?}]\n"));
        }
        // More names with one first word than are compared one by one.
        let many: Vec<String> = (0..2 * FEW).map(|i| format!("Other {i}")).collect();
        toml.push_str(&format!("[[entity]]\nid = \"many\"\nnames = {many:?}\n"));
        crate::kb::load_sources(vec![("t.toml".into(), toml)]).unwrap()
    }

    /// Every place each pattern occurs with no letter or digit either side, one start at a
    /// time.
    /// A pattern that starts with a letter or digit may wrap: each of its spaces matches a
    /// run of white space with at most one line break.
    fn every_place(idx: &AliasIndex, text: &str) -> Vec<(usize, Span)> {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        for (id, p) in idx.patterns.iter().enumerate() {
            let wraps = p.chars().next().is_some_and(char::is_alphanumeric);
            // The words in turn, each after a run of white space of at most one line break.
            let words: Vec<&str> = p.split(' ').collect();
            let wrapped_at = |s: usize| {
                let mut i = s;
                for (n, w) in words.iter().enumerate() {
                    if n > 0 {
                        let run = text[i..].len()
                            - text[i..].trim_start_matches([' ', '\t', '\r', '\n']).len();
                        if run == 0 || text[i..i + run].matches('\n').count() > 1 {
                            return None;
                        }
                        i += run;
                    }
                    if !text[i..].starts_with(w) {
                        return None;
                    }
                    i += w.len();
                }
                Some(i)
            };
            for (s, _) in text.char_indices() {
                if !text[s..].starts_with(words[0]) {
                    continue;
                }
                let e = if wraps {
                    wrapped_at(s)
                } else {
                    text[s..].starts_with(&**p).then(|| s + p.len())
                };
                if let Some(e) = e
                    && !alnum(text[..s].chars().next_back())
                    && !alnum(text[e..].chars().next())
                {
                    out.push((id, Span::new(s, e)));
                }
            }
        }
        out.sort();
        out
    }

    /// What the scan finds in `text` (any case), as [`every_place`] lists it.
    fn occurrences(idx: &AliasIndex, text: &str) -> Vec<(usize, Span)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        idx.occurrences(&doc, |id, span| out.push((id, span)));
        out.sort();
        out
    }

    #[test]
    fn names_are_found_at_every_whole_word_place() {
        let kb = tricky_kb();
        let idx = AliasIndex::new(&kb);
        assert!(
            !idx.rest_ids.is_empty(),
            "no name starting with punctuation"
        );
        // Names in prose, in numbers kept whole ("1,200"), and in markup, where the document
        // has no tokens: a URL, code, a comment, an address ending before a letter.
        let text = "The White House (NATO) and house House, the États-Unis' F-16 Fighting Falcon \
                    sold to the U.S. 1st 200 1,200 2.200 2\u{200b}00 u.s's army, houses, Ö, öö, a \
                    a-b ba -ish Zürich Group's United States Army. White House other 1 other 10 \
                    other 3x other 31, other 3 https://white.house/a?-ish `house 200` \
                    <!-- united states army --> house@1st.army.mil 1,200@house.gov a@b.cöö \
                    www.house.gov/1st 1,2@house.org";
        let found = occurrences(&idx, text);
        assert_eq!(found, every_place(&idx, &text.to_ascii_lowercase()));
        assert!(found.len() > 40, "{}: {found:?}", found.len());
        assert!(!Document::new(text).masked.is_empty());
        for (path, text) in crate::test_support::bundled_articles() {
            let lower = text.to_ascii_lowercase();
            assert_eq!(
                occurrences(&idx, &text),
                every_place(&idx, &lower),
                "{path}"
            );
        }
        // The embedded KB's names over the bundled articles.
        let kb = crate::kb::embedded().unwrap();
        let idx = AliasIndex::new(&kb);
        let mut found = 0;
        for (path, text) in crate::test_support::bundled_articles() {
            let lower = text.to_ascii_lowercase();
            let got = occurrences(&idx, &text);
            found += got.len();
            assert_eq!(got, every_place(&idx, &lower), "{path}");
        }
        assert!(found > 100, "{found}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_finds_what_every_place_finds(
            parts in proptest::collection::vec(
                "white|house|f|-|16|u|\\.|s|nato|\\(|\\)|états|unis|zürich|group|united|states|army|a|1st|200|,|ö|'|ish|fighting|falcon|other|1|3|31|http://|www|`|<!--|-->|@|\\u{200b}|\\n#|\\n| |  |\n|x|é|[a-zé0-9]{1,3}",
                0..40,
            )
        ) {
            let kb = tricky_kb();
            let idx = AliasIndex::new(&kb);
            let text = parts.concat();
            proptest::prop_assert_eq!(
                occurrences(&idx, &text),
                every_place(&idx, &text.to_ascii_lowercase())
            );
        }
    }

    /// Issue class: a name or phrase broken by a line break inside a paragraph is still
    /// found; across a blank line it is two paragraphs' words.
    #[test]
    fn names_wrap_to_the_next_line() {
        let kb = tricky_kb();
        let idx = AliasIndex::new(&kb);
        let white_house = |text: &str| -> Vec<Span> {
            occurrences(&idx, text)
                .into_iter()
                .filter(|(id, _)| &*idx.patterns[*id] == "white house")
                .map(|(_, s)| s)
                .collect()
        };
        assert_eq!(white_house("the White\nHouse said"), [Span::new(4, 15)]);
        assert_eq!(white_house("the White \r\n House said"), [Span::new(4, 18)]);
        assert_eq!(white_house("the White  House"), [Span::new(4, 16)]);
        assert_eq!(white_house("the White\n\nHouse said"), []);
        // A name of a large group ("Other 1" … "Other 31") too.
        let other = occurrences(&idx, "and Other\n12 more");
        assert!(
            other
                .iter()
                .any(|(id, s)| &*idx.patterns[*id] == "other 12" && *s == Span::new(4, 12)),
            "{other:?}"
        );
    }

    #[test]
    fn patterns_are_single_spaced_lower_case() {
        assert_eq!(folded("  White\tHouse \n"), "white house");
        assert_eq!(folded("Palais de l'ÉLYSÉE"), "palais de l'élysée");
        assert_eq!(folded(" \t"), "");
    }

    #[test]
    fn singular_and_plural() {
        assert_eq!(
            other_number("Javelin missiles").as_deref(),
            Some("Javelin missile")
        );
        assert_eq!(other_number("launch unit").as_deref(), Some("launch units"));
        assert_eq!(other_number("batteries").as_deref(), Some("battery"));
        assert_eq!(other_number("battery").as_deref(), Some("batteries"));
        assert_eq!(other_number("aircraft"), None);
        assert_eq!(
            other_number("sights and launchers").as_deref(),
            Some("sights and launcher")
        );
    }

    #[test]
    fn longest_entity_name_wins_and_words_are_whole() {
        let kb = crate::kb::load_sources(vec![(
            "t.toml".into(),
            "[[entity]]\nid = \"wh\"\nkind = \"authority\"\nnames = [\"White House\"]\n[[entity]]\nid = \"house\"\nnames = [\"House\"]\n".into(),
        )])
        .unwrap();
        let idx = AliasIndex::new(&kb);
        let text = "The White House and the House, not the Housemates.";
        let (m, _) = idx.scan(&Document::new(text));
        let got: Vec<(&str, &str)> = m
            .iter()
            .map(|m| (kb.entities[m.entity].id.as_str(), m.span.slice(text)))
            .collect();
        assert_eq!(got, [("wh", "White House"), ("house", "House")]);
    }
}

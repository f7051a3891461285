//! Approval states: who (an authority) did what, read with a phrase lexicon kept as data
//! (`rules/language/approval.toml`). A phrase is a regular expression in which a space
//! matches any run of whitespace, `{authority}` matches a mention of an authority (optionally
//! after "the", "U.S.", "US", "United States", "American"), `{party}` matches any entity of the
//! KB (a buyer signing its own contract), and `{gap}` skips up to eight words. Where matches
//! overlap, the phrase listed first wins, so specific negations ("has not yet approved") are
//! listed before the general forms ("approved").

use super::{Claim, ClaimKind, ClaimValue};
use crate::automaton::Upgrading;
use crate::span::Span;
use crate::state::State;
use crate::text::Document;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson::{self, backtrack, pikevm};
use regex_automata::util::look::{Look, LookSet};
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Anchored, Input, PatternID};
use regex_syntax::hir::{Hir, HirKind};

pub use super::phrase_syntax::{PhraseWords, expand, phrase_words};
use super::phrase_syntax::{authority_words, is_word_byte, parse_bytes, unicode_where_needed};
use crate::words::folded;
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which sentences and phrases [`Lexicon::find_in`] tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sift {
    /// Only where a phrase's words are: what a run does.
    Words,
    /// Every phrase in every sentence: what the sifting must not change.
    #[cfg_attr(not(test), allow(dead_code))]
    Nothing,
}

/// One phrase rule.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// `None`: the wording asserts no state (a negated or generic use).
    pub state: Option<State>,
    pub pattern: String,
    /// A fixed authority for phrases that name none ("congressional review").
    pub authority: Option<String>,
    /// Inline examples: (text, expected authority or None, expected state or None for "no claim").
    pub examples: Vec<Example>,
    /// The words its matches need, read from the pattern when it is loaded.
    pub words: PhraseWords,
    /// Where matches overlap, the phrase of higher priority wins, then the one listed first
    /// (built-in phrases have 0; a newsroom's phrase of priority 1 wins over them).
    pub priority: i32,
    /// Where it was written: (KB file index, span of its table), for diagnostics.
    pub origin: Option<(usize, crate::span::Span)>,
}

/// (pattern, trigger words, word groups, names an authority, which trigger words begin
/// words) of each built-in phrase, sorted by pattern: read by the build script with
/// [`phrase_words`] itself.
type BuiltinWords = (
    &'static str,
    Option<&'static [&'static [u8]]>,
    &'static [&'static [&'static [u8]]],
    bool,
    &'static [bool],
);
const BUILTIN_WORDS: &[BuiltinWords] =
    include!(concat!(env!("OUT_DIR"), "/embedded_phrase_words.rs"));

/// [`phrase_words`], read at build time for the built-in phrases (and any phrase written the
/// same): loading them then parses nothing.
pub fn words_of(pattern: &str) -> Result<PhraseWords, String> {
    let Ok(i) = BUILTIN_WORDS.binary_search_by(|(p, ..)| (*p).cmp(pattern)) else {
        return phrase_words(pattern);
    };
    let (_, trigger, groups, authority, starts_words) = BUILTIN_WORDS[i];
    let owned = |ws: &[&[u8]]| ws.iter().map(|w| w.to_vec()).collect::<Vec<_>>();
    Ok(PhraseWords {
        trigger: trigger.map(owned),
        groups: groups.iter().map(|g| owned(g)).collect(),
        authority,
        starts_words: starts_words.to_vec(),
    })
}

#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub authority: Option<String>,
    /// `None`: the text must yield no state claim.
    pub state: Option<State>,
}

/// Names of an entity that may appear in state phrases.
#[derive(Debug, Clone)]
pub struct Names {
    pub id: String,
    pub names: Vec<String>,
    pub authority: bool,
}

/// Compiled phrases. The patterns are byte regexes (the text is UTF-8, so a gap's "any
/// non-space byte" never splits a character it matters to split). Each phrase has words one of
/// which it cannot match without ("awaiting", "notified"); one Aho-Corasick pass over the text
/// finds the sentences that hold any phrase's such words, the runs of word letters of each
/// of those give which words of every phrase it holds (see [`Sieve`]), and only where a
/// phrase has all it needs does its own regex run, compiled the first time it is needed.
#[derive(Debug)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    /// The authority names as one alternation, and its syntax tree once parsed.
    authorities: String,
    authority_hir: OnceLock<Option<Hir>>,
    regexes: Vec<OnceLock<Option<Compiled>>>,
    /// The trigger words of every phrase in lower case, less those that hold another ("sign"
    /// stands for "signed" too): a sentence without any of them has no phrase's trigger
    /// word. Kept few so the automaton keeps its vectorised prefilter, which takes at most 64
    /// words (past that, the pass over the text was four times as slow).
    triggers: Upgrading,
    /// Per trigger word: whether, found right after a letter, digit or underscore ("pending"
    /// in "spending"), it starts no match, as every word it stands for begins with it and
    /// begins words in its phrase ([`PhraseWords::starts_words`]).
    trigger_starts_word: Vec<bool>,
    /// The words sought in a sentence that holds a trigger word, made on first need.
    sieve: OnceLock<Sieve>,
    /// Phrases without required words, tried in every sentence.
    always: Vec<usize>,
    /// Lower-cased name → entity id.
    ids: HashMap<String, String>,
}

/// Every word one of which some phrase needs (a word of one of its groups, its trigger words,
/// and for a phrase that names an authority, a word of each authority name), found in a
/// sentence in one pass; a phrase's regex runs in a sentence only where a word of each of its
/// groups is there ("has not yet approved": {has}, {not} and {approved}; "approved by
/// {authority}": {approved} and {congress, department, …}). A sentence with no authority in
/// it then runs no phrase that names one.
#[derive(Debug)]
struct Sieve {
    /// Every word, in lower case, found where they overlap too (`None`: too many for an
    /// automaton, none of these can be; every sentence then holds every word).
    words: Option<AhoCorasick>,
    /// The bytes some word holds: a word is only ever found inside a run of them, so a
    /// sentence's words are its runs' words, and a run's words (one look-up in
    /// [`RUN_WORDS`] once a thread has seen it) need no pass of the automaton.
    in_word: [bool; 256],
    /// The shortest word's length: a shorter run holds none.
    shortest: usize,
    /// This sieve's number, which keys the runs remembered in [`RUN_WORDS`].
    serial: usize,
    /// How many words.
    len: usize,
    /// Per phrase, its groups, each as a set of words (bit `i` of the set: word `i`), the
    /// trigger group first.
    groups: Vec<Vec<Vec<u64>>>,
    /// Per word, the phrases (bit `i`: phrase `i`) whose first group holds it: a sentence's
    /// words give the few phrases worth checking further at once, instead of checking each
    /// phrase's groups in turn.
    first: Vec<Vec<u64>>,
    /// The phrases without any group, possible in any sentence.
    open: Vec<u64>,
}

/// Numbers the sieves built, for [`RUN_WORDS`].
static SIEVES: AtomicUsize = AtomicUsize::new(0);

/// Runs longer than this are not remembered (few words are that long, and fewer repeat).
const RUN_WORDS_LONGEST: usize = 24;
/// Past this many runs remembered, a thread starts afresh (a few MB at most).
const RUN_WORDS_MAX: usize = 100_000;

/// The [`Sieve`] words of each run of word bytes a thread has read (the words of a text
/// are few and repeat: a run is looked up far more cheaply than the automaton reads it).
#[derive(Default)]
struct RunWords {
    /// The sieve these are of.
    serial: Option<usize>,
    /// Run → where its word set starts in `sets` ([`NO_WORDS`]: it holds none).
    runs: HashMap<RunKey, usize>,
    /// Word sets, each as long as the sieve's.
    sets: Vec<u64>,
}

/// A run of word bytes, zero-padded, as three numbers (no byte of a run is zero, so no two
/// runs share a key).
#[derive(Clone, Copy, PartialEq, Eq)]
struct RunKey([u64; 3]);

impl std::hash::Hash for RunKey {
    /// One number for the hasher, not three: most runs are words of under eight bytes, and
    /// the hasher reads one number several times faster than 24 bytes.
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let [a, b, c] = self.0;
        h.write_u64(a ^ b.rotate_left(21) ^ c.rotate_left(42));
    }
}

/// In [`RunWords::runs`]: the run holds no sieve word (most runs: "the", "sale"), so there
/// is no set to add.
const NO_WORDS: usize = usize::MAX;

thread_local! {
    static RUN_WORDS: std::cell::RefCell<RunWords> = std::cell::RefCell::default();
}

/// A set of [`Sieve`] words, `len` of them at most, with none in it.
fn no_words(len: usize) -> Vec<u64> {
    vec![0; len.div_ceil(64)]
}

impl Sieve {
    fn new(phrases: &[Phrase], authorities: &str) -> Sieve {
        let authority = authority_words(authorities);
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut id = |w: &[u8]| {
            let w = w.to_ascii_lowercase();
            match words.iter().position(|x| *x == w) {
                Some(i) => i,
                None => {
                    words.push(w);
                    words.len() - 1
                }
            }
        };
        let groups: Vec<Vec<Vec<usize>>> = phrases
            .iter()
            .map(|ph| {
                let w = &ph.words;
                w.trigger
                    .as_deref()
                    .into_iter()
                    .chain(w.groups.iter().map(Vec::as_slice))
                    .chain(authority.as_deref().filter(|_| w.authority))
                    .map(|g| g.iter().map(|x| id(x)).collect())
                    .collect()
            })
            .collect();
        let len = words.len();
        let set = |g: &Vec<usize>| {
            let mut set = no_words(len);
            for &w in g {
                set[w / 64] |= 1 << (w % 64);
            }
            set
        };
        let groups: Vec<Vec<Vec<u64>>> = groups
            .iter()
            .map(|gs| {
                let mut sets: Vec<Vec<u64>> = Vec::new();
                for s in gs.iter().map(set) {
                    if !sets.contains(&s) {
                        sets.push(s);
                    }
                }
                sets
            })
            .collect();
        let mut first = vec![no_words(phrases.len()); len];
        let mut open = no_words(phrases.len());
        for (idx, gs) in groups.iter().enumerate() {
            let bit = 1 << (idx % 64);
            match gs.first() {
                Some(g) => {
                    for w in (0..len).filter(|&w| g[w / 64] & (1 << (w % 64)) != 0) {
                        first[w][idx / 64] |= bit;
                    }
                }
                None => open[idx / 64] |= bit,
            }
        }
        let mut in_word = [false; 256];
        for &b in words.iter().flatten() {
            in_word[usize::from(b)] = true;
        }
        let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
        Sieve {
            in_word,
            shortest,
            serial: SIEVES.fetch_add(1, Ordering::Relaxed),
            // Read only for a run not seen before: a contiguous NFA is quick to build and
            // plenty quick to read a word with, and a prefilter would only cost building
            // (every byte of a run is read anyway).
            words: AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .prefilter(false)
                .build(&words)
                .ok(),
            len,
            groups,
            first,
            open,
        }
    }

    /// The words `lower` (text in ASCII lower case) holds; with no automaton, every word.
    fn words_in(&self, lower: &[u8], present: &mut [u64]) {
        present.fill(0);
        if self.words.is_none() {
            present.fill(u64::MAX);
            return;
        }
        RUN_WORDS.with_borrow_mut(|memo| {
            if memo.serial != Some(self.serial) || memo.runs.len() >= RUN_WORDS_MAX {
                memo.serial = Some(self.serial);
                memo.runs.clear();
                memo.sets.clear();
            }
            let stride = present.len();
            let mut i = 0;
            while i < lower.len() {
                if !self.in_word[usize::from(lower[i])] {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < lower.len() && self.in_word[usize::from(lower[i])] {
                    i += 1;
                }
                let run = &lower[start..i];
                if run.len() < self.shortest {
                    continue;
                }
                // A run of up to 24 bytes is remembered under its bytes as three numbers (no
                // byte of a run is zero, so no two runs share a key): no allocation per run.
                if run.len() > RUN_WORDS_LONGEST || self.in_word[0] {
                    self.scan(run, present);
                    continue;
                }
                let mut b = [0u8; RUN_WORDS_LONGEST];
                b[..run.len()].copy_from_slice(run);
                let key = RunKey(std::array::from_fn(|k| {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(&b[k * 8..k * 8 + 8]);
                    u64::from_le_bytes(w)
                }));
                let at = match memo.runs.get(&key) {
                    Some(&at) => at,
                    None => {
                        let at = memo.sets.len();
                        memo.sets.resize(at + stride, 0);
                        self.scan(run, &mut memo.sets[at..at + stride]);
                        let at = if memo.sets[at..].iter().all(|&w| w == 0) {
                            memo.sets.truncate(at);
                            NO_WORDS
                        } else {
                            at
                        };
                        memo.runs.insert(key, at);
                        at
                    }
                };
                if at != NO_WORDS {
                    for (p, w) in present.iter_mut().zip(&memo.sets[at..at + stride]) {
                        *p |= w;
                    }
                }
            }
        });
    }

    /// Adds the words `text` holds to `present`, with the automaton.
    fn scan(&self, text: &[u8], present: &mut [u64]) {
        match self
            .words
            .as_ref()
            .and_then(|w| w.try_find_overlapping_iter(text).ok())
        {
            Some(found) => {
                for m in found {
                    let w = m.pattern().as_usize();
                    present[w / 64] |= 1 << (w % 64);
                }
            }
            None => present.fill(u64::MAX),
        }
    }

    /// The phrases a word of each of whose groups is `present`, in order.
    #[cfg(test)]
    fn admitted(&self, present: &[u64]) -> Vec<usize> {
        let mut out = Vec::new();
        self.admitted_into(present, &mut Vec::new(), &mut out);
        out
    }

    /// [`Sieve::admitted`] into `out`, with `maybe` for scratch: a run reuses both from
    /// sentence to sentence.
    fn admitted_into(&self, present: &[u64], maybe: &mut Vec<u64>, out: &mut Vec<usize>) {
        // The phrases of any word present by their first group, then their other groups.
        maybe.clear();
        maybe.extend_from_slice(&self.open);
        for (i, &bits) in present.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let w = i * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                for (m, f) in maybe.iter_mut().zip(&self.first[w]) {
                    *m |= f;
                }
            }
        }
        out.clear();
        for (i, &bits) in maybe.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let idx = i * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if self.groups[idx][1..]
                    .iter()
                    .all(|g| g.iter().zip(present).any(|(a, b)| a & b != 0))
                {
                    out.push(idx);
                }
            }
        }
    }
}

/// A phrase's search caches: forward DFA, backtracker, PikeVM, the reverse DFA's once it is
/// built, and the capture groups read so far.
type Caches = (
    DfaCache,
    backtrack::Cache,
    pikevm::Cache,
    Option<DfaCache>,
    Memo,
);

/// Capture groups read before, by all that decides them (see [`Compiled::captures`]): each
/// group's offsets from the match's start (`None`: no match). A run over many articles
/// matches the same words many times ("the State Department approved", "notified
/// Congress"), and reading a match's groups with the backtracker was a fifth of matching the
/// phrases.
#[derive(Default)]
struct Memo {
    /// The key being looked up, built here to spare an allocation per match.
    key: Vec<u8>,
    seen: HashMap<Box<[u8]>, Option<Groups>>,
}

/// Each capture group's offsets from a match's start.
type Groups = Box<[Option<usize>]>;

/// Memo entries kept per phrase and thread at most: past that the memo starts afresh.
const MEMO_MAX: usize = 4096;

type CacheFn =
    Box<dyn Fn() -> Caches + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

/// One phrase compiled: a forward lazy DFA that says whether a sentence holds the phrase,
/// and a bounded backtracker (a PikeVM for sentences too long for it) that reads the match
/// and its capture groups where it does. Only the forward NFA is built at first (no full
/// DFA): compiling more was most of a short run's time. A phrase that goes on matching gets
/// a reverse lazy DFA too, which finds where a match starts, so the backtracker reads only
/// the match instead of trying every start from the beginning of the sentence.
struct Compiled {
    dfa: DFA,
    back: backtrack::BoundedBacktracker,
    pike: pikevm::PikeVM,
    caches: Pool<Caches, CacheFn>,
    /// The index of the capture group `auth` (the authority or party named), if any: looked
    /// up by name once, not at each search.
    auth: Option<usize>,
    /// Whether a match's groups may be remembered ([`Memo`]): they depend on the match's
    /// bytes and the byte on each side only, as the phrase's only look-arounds are ASCII word
    /// boundaries (every phrase's are; one that writes `^`, `$` or a Unicode `\b` is read
    /// every time).
    memo: bool,
    /// The phrase's syntax tree, for the reverse automaton.
    hir: Hir,
    /// Matches read so far (counted up to [`REVERSE_AFTER`]).
    matches: AtomicUsize,
    /// The reverse DFA (all matches, anchored at a match's end), built after
    /// [`REVERSE_AFTER`] matches; `None` inside if it cannot be built.
    rev: OnceLock<Option<DFA>>,
}

/// Matches of one phrase after which it gets its reverse automaton: a short run (one
/// article) does not pay for compiling it, a long one soon does.
const REVERSE_AFTER: usize = 8;

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled").finish_non_exhaustive()
    }
}

impl Compiled {
    fn new(src: &str) -> Option<Compiled> {
        Compiled::from_hir(parse_bytes(src).ok()?)
    }

    fn nfa_config() -> thompson::Config {
        thompson::Config::new()
            .utf8(false)
            .nfa_size_limit(Some(1 << 24))
    }

    fn from_hir(hir: Hir) -> Option<Compiled> {
        let nfa = thompson::Compiler::new()
            .configure(Compiled::nfa_config())
            .build_from_hir(&hir)
            .ok()?;
        let dfa = DFA::builder().build_from_nfa(nfa.clone()).ok()?;
        let back = backtrack::BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
        let auth = nfa.group_info().to_index(PatternID::ZERO, "auth");
        let ascii_words = [
            Look::WordAscii,
            Look::WordAsciiNegate,
            Look::WordStartAscii,
            Look::WordEndAscii,
            Look::WordStartHalfAscii,
            Look::WordEndHalfAscii,
        ]
        .into_iter()
        .fold(LookSet::empty(), LookSet::insert);
        let memo = nfa.look_set_any().subtract(ascii_words).is_empty();
        let pike = pikevm::PikeVM::new_from_nfa(nfa).ok()?;
        let (d, b, p) = (dfa.clone(), back.clone(), pike.clone());
        let make: CacheFn = Box::new(move || {
            (
                d.create_cache(),
                b.create_cache(),
                p.create_cache(),
                None,
                Memo::default(),
            )
        });
        Some(Compiled {
            dfa,
            back,
            pike,
            caches: Pool::new(make),
            auth,
            memo,
            hir,
            matches: AtomicUsize::new(0),
            rev: OnceLock::new(),
        })
    }

    /// The reverse DFA, once the phrase has matched [`REVERSE_AFTER`] times.
    fn reverse(&self) -> Option<&DFA> {
        if let Some(rev) = self.rev.get() {
            return rev.as_ref();
        }
        if self.matches.fetch_add(1, Ordering::Relaxed) < REVERSE_AFTER {
            return None;
        }
        self.rev
            .get_or_init(|| {
                let nfa = thompson::Compiler::new()
                    .configure(
                        Compiled::nfa_config()
                            .reverse(true)
                            .which_captures(thompson::WhichCaptures::None),
                    )
                    .build_from_hir(&self.hir)
                    .ok()?;
                DFA::builder()
                    .configure(DFA::config().match_kind(regex_automata::MatchKind::All))
                    .build_from_nfa(nfa)
                    .ok()
            })
            .as_ref()
    }

    /// Where the leftmost match ending at `end` starts, searching back no further than
    /// `from`; `None` without a reverse DFA (the backtracker then tries every start).
    fn start_of(&self, caches: &mut Caches, hay: &[u8], from: usize, end: usize) -> Option<usize> {
        let rev = self.reverse()?;
        let cache = caches.3.get_or_insert_with(|| rev.create_cache());
        let input = Input::new(hay).range(from..end).anchored(Anchored::Yes);
        Some(rev.try_search_rev(cache, &input).ok()??.offset())
    }

    /// Every match in `hay` (leftmost-first, non-overlapping) with its capture groups. The
    /// lazy DFA finds where each match ends; captures are then read in the window up to
    /// there only (look-around still sees the whole sentence).
    fn captures(
        &self,
        caches: &mut Caches,
        hay: &[u8],
    ) -> Vec<regex_automata::util::captures::Captures> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < hay.len() {
            let Ok(Some(end)) = self
                .dfa
                .try_search_fwd(&mut caches.0, &Input::new(hay).range(at..))
            else {
                break;
            };
            let end = end.offset();
            let start = self.start_of(caches, hay, at, end);
            let window = match start {
                Some(start) => Input::new(hay).range(start..end).anchored(Anchored::Yes),
                None => Input::new(hay).range(at..end),
            };
            let mut caps = self.pike.create_captures();
            // An anchored search reads the match's bytes, and its look-arounds the byte
            // before and the byte after: with those the same, so are the groups.
            let memo = &mut caches.4;
            let key = start.filter(|_| self.memo).inspect(|&start| {
                memo.key.clear();
                for b in [start.checked_sub(1).map(|i| hay[i]), hay.get(end).copied()] {
                    memo.key.extend(b.map_or([0, 0], |b| [1, b]));
                }
                memo.key.extend_from_slice(&hay[start..end]);
            });
            let seen = key.and_then(|start| Some((start, memo.seen.get(memo.key.as_slice())?)));
            if let Some((start, groups)) = seen {
                caps.set_pattern(groups.as_ref().map(|_| PatternID::ZERO));
                for (slot, &g) in caps.slots_mut().iter_mut().zip(groups.iter().flatten()) {
                    *slot = g.and_then(|g| NonMaxUsize::new(start + g));
                }
            } else {
                let backtracked = end - at <= self.back.max_haystack_len()
                    && self
                        .back
                        .try_search(&mut caches.1, &window, &mut caps)
                        .is_ok();
                if !backtracked {
                    self.pike.search(&mut caches.2, &window, &mut caps);
                }
                if let Some(start) = key {
                    let memo = &mut caches.4;
                    if memo.seen.len() >= MEMO_MAX {
                        memo.seen.clear();
                    }
                    // Offsets from the start (an anchored match has none before it).
                    let groups: Option<Option<Groups>> = if caps.is_match() {
                        caps.slots()
                            .iter()
                            .map(|g| match g {
                                None => Some(None),
                                Some(g) => g.get().checked_sub(start).map(Some),
                            })
                            .collect::<Option<_>>()
                            .map(Some)
                    } else {
                        Some(None)
                    };
                    if let Some(groups) = groups {
                        memo.seen.insert(memo.key.as_slice().into(), groups);
                    }
                }
            }
            let Some(m) = caps.get_match() else { break };
            at = if m.end() > at { m.end() } else { at + 1 };
            out.push(caps);
        }
        out
    }
}

/// Stands for the authority names in a phrase's template: bytes no text holds and case
/// folding leaves alone, so the parsed template has them as one literal.
const AUTHORITY_PLACEHOLDER: &str = r"\x00\x01\x02\x03";
const AUTHORITY_PLACEHOLDER_BYTES: &[u8] = b"\x00\x01\x02\x03";

/// Whether a pattern sets flags for the rest of a group (`(?i)`, `(?-u:`): the names put in
/// a template are parsed as in the pattern's opening flags, so such a pattern is parsed
/// whole.
fn has_flag_group(p: &str) -> bool {
    p.match_indices("(?")
        .any(|(i, _)| !matches!(p.as_bytes().get(i + 2), Some(b':' | b'P' | b'<')))
}

/// `h` with the placeholder literal replaced by `auth`.
fn with_authorities(h: &Hir, auth: &Hir) -> Hir {
    use regex_syntax::hir::{Capture, Repetition};
    let sub = |x: &Hir| Box::new(with_authorities(x, auth));
    match h.kind() {
        HirKind::Literal(l) if &*l.0 == AUTHORITY_PLACEHOLDER_BYTES => auth.clone(),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name.clone(),
            sub: sub(&c.sub),
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: sub(&r.sub),
        }),
        HirKind::Concat(hs) => Hir::concat(hs.iter().map(|x| with_authorities(x, auth)).collect()),
        HirKind::Alternation(hs) => {
            Hir::alternation(hs.iter().map(|x| with_authorities(x, auth)).collect())
        }
        _ => h.clone(),
    }
}

/// An alternation of names, factored word by word into a trie ("Department of (?:State|
/// Defense)") so the automaton shares their common starts; at each step longer continuations
/// come first, so the longest name wins as it would in a flat, longest-first alternation.
fn alternation(names: &[&str]) -> String {
    #[derive(Default)]
    struct Trie {
        next: std::collections::BTreeMap<String, Trie>,
        end: bool,
    }
    fn emit(t: &Trie) -> String {
        let mut alts: Vec<(usize, String)> = t
            .next
            .iter()
            .map(|(w, k)| {
                let w = unicode_where_needed(&regex::escape(w));
                let alt = if k.next.is_empty() {
                    w
                } else if k.end {
                    format!(r"{w}(?:(?u:\s)+(?:{}))?", emit(k))
                } else {
                    format!(r"{w}(?u:\s)+(?:{})", emit(k))
                };
                (depth(k), alt)
            })
            .collect();
        alts.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.len().cmp(&a.1.len())));
        alts.into_iter()
            .map(|(_, a)| a)
            .collect::<Vec<_>>()
            .join("|")
    }
    fn depth(t: &Trie) -> usize {
        1 + t.next.values().map(depth).max().unwrap_or(0)
    }
    let mut root = Trie::default();
    for n in names {
        let mut t = &mut root;
        for w in n.split_whitespace() {
            // Case folds anyway; one branch per spelling.
            t = t.next.entry(w.to_ascii_lowercase()).or_default();
        }
        t.end = true;
    }
    if root.next.is_empty() {
        return "(?:$^)".to_string(); // matches nothing
    }
    emit(&root)
}

/// `words` without repeats and without those that hold another ("signed" holds "sign"): a
/// text holds one of the words left wherever it holds one of `words`.
fn fewest_words(mut words: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    words.sort();
    words.dedup();
    words
        .iter()
        .filter(|w| !words.iter().any(|x| *w != x && holds(w, x)))
        .cloned()
        .collect()
}

/// Whether word `w` holds word `x` ("signed" holds "sign", and itself).
fn holds(w: &[u8], x: &[u8]) -> bool {
    w.windows(x.len()).any(|win| win == x)
}

impl Lexicon {
    /// Compiles phrases with the given entity names. On a bad pattern, returns its index and
    /// the regex error.
    pub fn new(phrases: Vec<Phrase>, names: &[Names]) -> Result<Lexicon, (usize, String)> {
        let auth: Vec<&str> = names
            .iter()
            .filter(|n| n.authority)
            .flat_map(|n| n.names.iter().map(String::as_str))
            .collect();
        let a = alternation(&auth);
        let mut lits: Vec<(Vec<u8>, bool)> = Vec::new();
        let mut always = Vec::new();
        for (i, ph) in phrases.iter().enumerate() {
            match &ph.words.trigger {
                Some(words) => lits.extend(words.iter().enumerate().map(|(k, w)| {
                    let starts = ph.words.starts_words.get(k).copied().unwrap_or(false);
                    (w.to_ascii_lowercase(), starts)
                })),
                None => always.push(i),
            }
        }
        let words = fewest_words(lits.iter().map(|(w, _)| w.clone()).collect());
        let trigger_starts_word = words
            .iter()
            .map(|w| {
                lits.iter()
                    .filter(|(x, _)| holds(x, w))
                    .all(|(x, starts)| *starts && x.starts_with(w))
            })
            .collect();
        let triggers = Upgrading::new(
            AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostFirst),
            words,
        )
        .map_err(|e| (0, e.to_string()))?;
        let regexes = phrases.iter().map(|_| OnceLock::new()).collect();
        let mut ids = HashMap::new();
        // Authorities first, so a name both lists share maps to the authority.
        for n in names
            .iter()
            .filter(|n| n.authority)
            .chain(names.iter().filter(|n| !n.authority))
        {
            for name in &n.names {
                ids.entry(folded(name)).or_insert_with(|| n.id.clone());
            }
        }
        Ok(Lexicon {
            phrases,
            authority_hir: OnceLock::new(),
            authorities: a,
            regexes,
            triggers,
            trigger_starts_word,
            sieve: OnceLock::new(),
            always,
            ids,
        })
    }

    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    /// Phrase `idx`'s own automata, compiled on first use.
    fn regex(&self, idx: usize) -> Option<&Compiled> {
        self.regexes[idx]
            .get_or_init(|| {
                self.templated(idx)
                    .and_then(Compiled::from_hir)
                    .or_else(|| Compiled::new(&self.source(idx)))
            })
            .as_ref()
    }

    /// Phrase `idx` as one regular expression, the authority names written in.
    fn source(&self, idx: usize) -> String {
        expand(&self.phrases[idx].pattern, &self.authorities)
    }

    /// Phrase `idx`'s syntax tree, parsed from its template with the authority names'
    /// tree, parsed once for all phrases, put in: every phrase names the same authorities,
    /// and parsing them was half of compiling each phrase.
    fn templated(&self, idx: usize) -> Option<Hir> {
        // The pattern with a placeholder for the names, where they can be put in after
        // parsing.
        let p = &self.phrases[idx].pattern;
        if !p.contains("{authority}") || has_flag_group(p) {
            return None;
        }
        let template = expand(p, AUTHORITY_PLACEHOLDER);
        let auth = self
            .authority_hir
            .get_or_init(|| parse_bytes(&format!("(?i-u)(?:{})", self.authorities)).ok())
            .as_ref()?;
        Some(with_authorities(&parse_bytes(&template).ok()?, auth))
    }

    /// The entity id a mention names.
    pub fn id_of(&self, mention: &str) -> Option<&str> {
        self.ids.get(&folded(mention)).map(String::as_str)
    }

    /// The entity a run of capitalised words names: the whole run, without a possessive,
    /// or its longest part that is a name ("Poland's Defense Ministry" → Poland).
    fn resolve_party(&self, run: &str) -> Option<&str> {
        let words: Vec<&str> = run.split_whitespace().map(without_possessive).collect();
        for len in (1..=words.len()).rev() {
            for start in 0..=words.len() - len {
                if let Some(id) = self.id_of(&words[start..start + len].join(" ")) {
                    return Some(id);
                }
            }
        }
        None
    }

    /// Every state claim in a document, one per non-overlapping phrase match.
    pub fn find(&self, doc: &Document) -> Vec<Claim> {
        self.find_in(doc, Sift::Words)
    }

    /// The sentences that hold a trigger word of any phrase, in order. One match in a
    /// sentence is enough: the search goes on from the sentence's end.
    fn triggered(&self, doc: &Document) -> Vec<usize> {
        let lower = doc.lower().as_bytes();
        let mut out = Vec::new();
        let Some(scanner) = self.triggers.scanner(lower) else {
            return out;
        };
        let words = scanner.automaton();
        let mut at = 0;
        while let Some(m) = words.find(aho_corasick::Input::new(lower).span(at..lower.len())) {
            // A word outside every sentence (front matter, a gap) counts for the one before
            // it: one sentence too many to look in, never one too few.
            let s = doc.sentence_at(m.start());
            // Inside a longer word ("pending" in "spending"), a word that only ever begins
            // words starts no match. (At a sentence's start it might: its regex reads the
            // sentence alone, and sees a word boundary there.)
            let within = doc
                .sentences
                .get(s)
                .is_some_and(|x| x.span.start < m.start() && m.start() < x.span.end);
            if within
                && self
                    .trigger_starts_word
                    .get(scanner.pattern(m.pattern()))
                    .is_some_and(|&b| b)
                && is_word_byte(lower[m.start() - 1])
            {
                at = m.start() + 1;
                continue;
            }
            if out.last() != Some(&s) {
                out.push(s);
            }
            let end = doc.sentences.get(s).map_or(0, |x| x.span.end);
            at = end.max(m.start() + 1);
        }
        out
    }

    /// [`Lexicon::find`], with the sentences and phrases to try chosen as `sift` says.
    fn find_in(&self, doc: &Document, sift: Sift) -> Vec<Claim> {
        let text = doc.text.as_str();
        let lower = doc.lower().as_bytes();
        let mut found: Vec<(usize, Span, Option<Span>)> = Vec::with_capacity(8);
        // Phrases never cross a sentence: each phrase's regex in the sentences that have its
        // words only.
        let sentences: Vec<usize> = if self.always.is_empty() && sift == Sift::Words {
            self.triggered(doc)
        } else {
            (0..doc.sentences.len()).collect()
        };
        if sentences.is_empty() {
            return Vec::new();
        }
        let sieve = self
            .sieve
            .get_or_init(|| Sieve::new(&self.phrases, &self.authorities));
        let mut present = no_words(sieve.len);
        let (mut maybe, mut phrases) = (Vec::new(), Vec::new());
        for s in sentences {
            // A word outside every sentence (front matter, a document of markup only) has
            // no sentence to search.
            let Some(sent) = doc.sentences.get(s) else {
                continue;
            };
            let (lo, hi) = (sent.span.start, sent.span.end);
            let slice = &text.as_bytes()[lo..hi];
            // The phrases whose words are all here (one pass over the sentence for all
            // phrases, cheaper than a phrase's DFA over it, and no compile where they are
            // not).
            match sift {
                Sift::Words => {
                    sieve.words_in(&lower[lo..hi], &mut present);
                    sieve.admitted_into(&present, &mut maybe, &mut phrases);
                }
                Sift::Nothing => {
                    phrases.clear();
                    phrases.extend(0..self.phrases.len());
                }
            }
            for &idx in &phrases {
                let Some(re) = self.regex(idx) else { continue };
                // Find with the fast engines; resolve capture groups only where a match is.
                let mut caches = re.caches.get();
                for caps in re.captures(&mut caches, slice) {
                    let Some(m) = caps.get_match() else { continue };
                    let span = Span::new(lo + m.start(), lo + m.end());
                    if doc.is_masked(span)
                        || !text.is_char_boundary(span.start)
                        || !text.is_char_boundary(span.end)
                    {
                        continue;
                    }
                    let auth = re
                        .auth
                        .and_then(|g| caps.get_group(g))
                        .map(|a| Span::new(lo + a.start, lo + a.end));
                    // A gap that crosses a negation or a turn to another clause ("Congress
                    // could object, but it has never blocked …") asserts no state.
                    if self.phrases[idx].state.is_some()
                        && self.phrases[idx].pattern.contains("{gap}")
                    {
                        let from = auth.map_or(span.start, |a| a.end);
                        if crosses_polarity(&text[from..span.end]) {
                            continue;
                        }
                    }
                    found.push((idx, span, auth));
                }
            }
        }
        // The earliest-listed phrase wins an overlap; then longer, then earlier in the text.
        found.sort_by_key(|(idx, span, _)| (*idx, std::cmp::Reverse(span.len()), span.start));
        // Spans taken so far, by start; non-overlapping, so a neighbour check suffices.
        let mut taken: std::collections::BTreeMap<usize, Span> = std::collections::BTreeMap::new();
        let mut claims = Vec::new();
        for (idx, span, auth) in found {
            let before = taken.range(..span.end).next_back().map(|(_, t)| *t);
            if before.is_some_and(|t| t.overlaps(span)) {
                continue;
            }
            let ph = &self.phrases[idx];
            let authority = match auth {
                Some(a) if ph.pattern.contains("{party}") => {
                    match self.resolve_party(a.slice(text)) {
                        Some(id) => Some(id.to_string()),
                        None => continue, // a name the KB does not know: no claim
                    }
                }
                Some(a) => self
                    .id_of(a.slice(text))
                    .map(|id| qualified(text, a, id).to_string()),
                None => ph.authority.clone(),
            };
            taken.insert(span.start, span);
            // A wording that asserts no state takes its words from other phrases and
            // makes no claim.
            let Some(state) = ph.state else { continue };
            claims.push(Claim {
                kind: ClaimKind::Status,
                span,
                value_span: span,
                value: ClaimValue::Status {
                    authority,
                    authority_span: auth,
                    state,
                },
                of: None,
                conversions: vec![],
                sentence: doc.sentence_at(span.start),
            });
        }
        claims.sort_by_key(|c| c.span.start);
        claims
    }
}

/// Whether the words a phrase's gap skipped negate or turn away from what comes after them:
/// "not", "never", "nor", a word in "n't", or "but".
fn crosses_polarity(gap: &str) -> bool {
    gap.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| {
            ["not", "never", "nor", "but", "cannot"]
                .iter()
                .any(|n| w.eq_ignore_ascii_case(n))
                || w.ends_with("n't")
                || w.ends_with("n’t")
        })
}

/// The authorities of the United States government.
const US_AUTHORITIES: &[&str] = &[
    "congress",
    "state-department",
    "dsca",
    "department-of-defense",
    "white-house",
];

/// The authority a mention of `id` at `auth` stands for, given
/// the word before it. A body qualified by another country ("Slovak senators", "the Austrian
/// government", "Switzerland's government") is that country's legislature or government,
/// never a US authority; a legislature qualified as American ("American lawmakers",
/// "Republican legislators") is Congress.
fn qualified<'a>(text: &str, auth: Span, id: &'a str) -> &'a str {
    let before = text[..auth.start].trim_end();
    // The word before the name, with its possessive.
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '.')))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let us = matches!(
        without_possessive(word),
        "US" | "U.S."
            | "American"
            | "America"
            | "Washington"
            | "Republican"
            | "Democratic"
            | "Democrat"
            | "GOP"
            | "States"
    );
    if us {
        return if id == "parliament" { "congress" } else { id };
    }
    if !US_AUTHORITIES.contains(&id) || !foreign_qualifier(word) {
        return id;
    }
    if id == "congress" {
        "parliament"
    } else {
        "government"
    }
}

/// Whether a word names another country or its people: a capitalised possessive
/// ("Switzerland's") or a demonym ("Slovak", "Austrian", "Polish", "Japanese", "Korean").
fn foreign_qualifier(word: &str) -> bool {
    const DEMONYMS: &[&str] = &[
        "Slovak",
        "Czech",
        "Swiss",
        "Dutch",
        "French",
        "Greek",
        "Thai",
        "German",
        "Israeli",
        "Iraqi",
        "Pakistani",
        "Saudi",
        "Qatari",
        "Emirati",
        "Kuwaiti",
        "Omani",
        "Afghan",
        "Mexican",
        "Moroccan",
        "Slovene",
        "Kosovar",
        "Montenegrin",
        "Azerbaijani",
        "Kazakh",
        "Uzbek",
        "Filipino",
        "Kenyan",
        "Bangladeshi",
        "Nepali",
        "Welsh",
        "Scottish",
        "Icelandic",
    ];
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    if let Some(stem) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
        return !stem.is_empty() && stem.chars().all(char::is_alphabetic);
    }
    DEMONYMS.contains(&word)
        || ["ian", "ish", "ese", "ean"]
            .iter()
            .any(|s| word.len() > s.len() + 2 && word.ends_with(s))
}

/// `w` without trailing possessives: `w.trim_end_matches("'s").trim_end_matches("’s")`,
/// without building a substring searcher for each (it was a tenth of reading the mentions).
fn without_possessive(mut w: &str) -> &str {
    while let Some(x) = w.strip_suffix("'s") {
        w = x;
    }
    while let Some(x) = w.strip_suffix("’s") {
        w = x;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta::Regex;

    #[test]
    fn unicode_is_kept_where_a_pattern_writes_it() {
        assert_eq!(
            unicode_where_needed(r"won  [$€£]\d+ é. [a-z]"),
            r"won(?u:\s)+(?u:[$€£])(?u:\d)+(?u:\s)+(?u:é)(?u:.)(?u:\s)+[a-z]"
        );
        let names = alternation(&["Congrès", "Assemblée nationale"]);
        let re = Regex::new(&expand("approuvé par {authority}", &names)).unwrap();
        assert!(re.is_match("APPROUVÉ\u{a0}par Congrès".as_bytes()));
        assert!(re.is_match("approuvé par ASSEMBLÉE  nationale".as_bytes()));
        assert!(!re.is_match(b"approuv\xc3\xa9 par CONGRES"));
        // ASCII folding only: the Kelvin sign is not a k.
        let re = Regex::new(&expand("kept by {authority}", "Congress")).unwrap();
        assert!(re.is_match(b"KEPT by congress"));
        assert!(!re.is_match("\u{212a}ept by Congress".as_bytes()));
    }

    #[test]
    fn expansion_matches_across_whitespace() {
        let re = Regex::new(&expand("awaiting approval from {authority}", "Congress")).unwrap();
        assert!(re.is_match(b"awaiting  approval\nfrom the United States Congress"));
        assert!(!re.is_match(b"awaiting approval from Parliament"));
    }
}

#[cfg(test)]
mod prefilter_tests {
    use super::*;

    /// The words of `ws`, as strings.
    fn strings(ws: &[Vec<u8>]) -> Vec<&str> {
        ws.iter().map(|w| std::str::from_utf8(w).unwrap()).collect()
    }

    #[test]
    fn a_word_that_holds_another_is_not_searched_for() {
        let words = [
            "signed", "sign", "sign-off", "approve", "approved", "sign", "veto",
        ];
        let words = words.iter().map(|w| w.as_bytes().to_vec()).collect();
        assert_eq!(strings(&fewest_words(words)), ["approve", "sign", "veto"]);
    }

    #[test]
    fn a_trigger_word_inside_a_longer_word_triggers_nothing() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        let triggered = |t: &str| lex.triggered(&Document::new(t.to_string()));
        // "pending" begins words in every phrase it triggers; "spending" holds it.
        assert_eq!(
            triggered("Defence spending rose. The sale is pending."),
            [1]
        );
        assert_eq!(
            triggered("Defence spending rose sharply."),
            Vec::<usize>::new()
        );
        // At a sentence's start the regex sees a word boundary: never skipped there.
        assert_eq!(triggered("Pending approval, it waits."), [0]);
        // "clear" is also inside "nuclear"; "unclear" and "nuclear" trigger no phrase.
        assert_eq!(
            triggered("The nuclear talks were unclear."),
            Vec::<usize>::new()
        );
        assert_eq!(triggered("Congress cleared it."), [0]);
    }

    #[test]
    fn builtin_trigger_words_keep_the_vectorised_prefilter() {
        // The automaton's vectorised prefilter takes at most 64 words; past that, the pass
        // over every text is four times as slow.
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        let hay = b"approved";
        let n = lex.triggers.scanner(&vec![b'x'; 1 << 20]).map(|s| {
            assert!(s.automaton().find(&hay[..]).is_some());
            s.automaton().patterns_len()
        });
        assert!(n.is_some_and(|n| (20..=64).contains(&n)), "{n:?}");
    }

    #[test]
    fn a_phrase_that_names_an_authority_needs_one_in_the_sentence() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        let sieve = Sieve::new(&lex.phrases, &lex.authorities);
        let idx = lex
            .phrases
            .iter()
            .position(|p| p.pattern.starts_with("(?:approved|cleared|authori[sz]ed"))
            .unwrap();
        let admits = |sentence: &str| {
            let mut present = no_words(sieve.len);
            sieve.words_in(sentence.as_bytes(), &mut present);
            sieve.admitted(&present).contains(&idx)
        };
        assert!(admits("it was approved by the state department"));
        assert!(admits("approved last week by congress"));
        assert!(!admits("it was approved by the board"));
        assert!(!admits("the state department said so"));
    }

    #[test]
    fn a_sentences_words_are_its_runs_words() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        let sieve = Sieve::new(&lex.phrases, &lex.authorities);
        let other = Sieve::new(&lex.phrases[..3], &lex.authorities);
        let texts = [
            "congress hasn't signed off; the sign-off (go-ahead) was notified.",
            "it was approved—by the state department—and congress, still reviewing, didn't object",
            "unapproved, re-notified, \u{e9}tat-approved 'cleared' \"vetoed\"",
            "a b c",
            "",
        ];
        // Twice each, and with another sieve between: the second time from what the thread
        // remembers.
        for _ in 0..2 {
            for t in texts {
                for sv in [&sieve, &other] {
                    let mut by_runs = no_words(sv.len);
                    sv.words_in(t.as_bytes(), &mut by_runs);
                    let mut whole = no_words(sv.len);
                    sv.scan(t.as_bytes(), &mut whole);
                    assert_eq!(by_runs, whole, "{t}");
                }
            }
        }
        let mut present = no_words(sieve.len);
        sieve.words_in(texts[0].as_bytes(), &mut present);
        assert!(present.iter().any(|&w| w != 0));
    }

    #[test]
    fn sifting_changes_no_claim() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        let mut texts: Vec<String> = crate::test_support::bundled_articles()
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        texts.extend(
            lex.phrases
                .iter()
                .flat_map(|p| p.examples.iter().map(|e| e.text.clone())),
        );
        // Words in front matter, at a sentence's edges, and across sentences.
        texts.push(
            "---\ntitle: approved by Congress\n---\nApproved. By Congress, the deal was \
             cleared.Congress has not yet approved it;\nthe State Department\n\napproved it."
                .to_string(),
        );
        // Trigger words inside longer words, beside the same words alone.
        texts.push(
            "Spending, pending approval by Congress, rose. Unclear: Congress cleared the \
             nuclear deal, which is unlikely to be approved by Congress; Congress greenlit it."
                .to_string(),
        );
        let mut claims = 0;
        for text in texts {
            let doc = Document::new(text);
            let all = lex.find_in(&doc, Sift::Nothing);
            claims += all.len();
            assert_eq!(lex.find_in(&doc, Sift::Words), all, "{}", doc.text);
        }
        assert!(claims > 100, "{claims}");
    }

    #[test]
    fn templates_compile_to_the_same_automata_as_whole_patterns() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        let nfa = |h: &Hir| {
            let c = Compiled::from_hir(h.clone()).unwrap();
            format!("{:?}", c.pike.get_nfa())
        };
        let mut templated = 0;
        for idx in 0..lex.phrases.len() {
            if let Some(h) = lex.templated(idx) {
                templated += 1;
                assert_eq!(
                    nfa(&h),
                    nfa(&parse_bytes(&lex.source(idx)).unwrap()),
                    "phrase {idx}"
                );
            }
        }
        assert!(templated >= 15, "{templated}");
        // A pattern that sets flags is parsed whole.
        assert!(has_flag_group("(?i)approved by {authority}"));
        assert!(has_flag_group("approved (?-u:by) {authority}"));
        assert!(!has_flag_group(
            "(?:formally )?approved by (?P<x>{authority})"
        ));
    }

    #[test]
    fn builtin_words_are_read_at_build_time_as_at_load() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        assert!(kb.phrases.len() >= 20, "{}", kb.phrases.len());
        for ph in &kb.phrases {
            assert!(
                BUILTIN_WORDS
                    .binary_search_by(|(p, ..)| (*p).cmp(&ph.pattern))
                    .is_ok(),
                "not read at build time: {}",
                ph.pattern
            );
            assert_eq!(
                ph.words,
                phrase_words(&ph.pattern).unwrap(),
                "{}",
                ph.pattern
            );
        }
        // Any other phrase is read when it is loaded.
        let other = "(?:ratified) by {authority}";
        assert_eq!(words_of(other).unwrap(), phrase_words(other).unwrap());
        assert!(words_of("(unclosed").is_err());
    }

    /// A lexicon of `kb`'s phrases with nothing compiled or searched yet.
    fn fresh_lexicon(kb: &crate::kb::Kb) -> Lexicon {
        Lexicon::new(kb.phrases.clone(), &kb.names()).unwrap()
    }

    #[test]
    fn a_short_text_finds_the_words_the_whole_automaton_finds() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lexicon = || fresh_lexicon(&kb);
        let warmed = lexicon();
        let _ = warmed.find(&Document::new("approved ".repeat(2048)));
        for (path, text) in crate::test_support::bundled_articles() {
            let doc = Document::new(text);
            assert_eq!(lexicon().find(&doc), warmed.find(&doc), "{path}");
        }
    }

    #[test]
    fn a_match_found_from_its_start_has_the_same_span_and_authority() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let fresh = || fresh_lexicon(&kb);
        // Every phrase compiled and past the matches after which it finds a match's start
        // with its reverse automaton.
        let reversed = fresh();
        for idx in 0..reversed.phrases.len() {
            if let Some(re) = reversed.regex(idx) {
                re.matches.store(REVERSE_AFTER, Ordering::Relaxed);
            }
        }
        let mut found = 0;
        for (path, text) in crate::test_support::bundled_articles() {
            let doc = Document::new(text);
            let claims = reversed.find(&doc);
            found += claims.len();
            assert_eq!(fresh().find(&doc), claims, "{path}");
        }
        let built = (0..reversed.phrases.len())
            .filter(|&i| {
                reversed.regexes[i].get().is_some_and(|c| {
                    c.as_ref()
                        .is_some_and(|c| c.rev.get().is_some_and(Option::is_some))
                })
            })
            .count();
        assert!(
            found > 50 && built >= 8,
            "{found} claims, {built} reverse automata"
        );
        // A match in the middle of a sentence: the start is found, not the sentence's.
        let doc = Document::new(
            "On Tuesday, after months of talks, the State Department approved the sale.",
        );
        let claims = reversed.find(&doc);
        assert_eq!(claims, fresh().find(&doc));
        assert_eq!(doc.slice(claims[0].span), "the State Department approved");
    }

    #[test]
    fn groups_remembered_are_the_groups_read() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = fresh_lexicon(&kb);
        for idx in 0..lex.phrases.len() {
            if let Some(re) = lex.regex(idx) {
                re.matches.store(REVERSE_AFTER, Ordering::Relaxed);
                assert!(re.memo, "{}", lex.phrases[idx].pattern);
            }
        }
        // The same words, then with other bytes around them: each read as if for the first
        // time.
        let doc = Document::new(
            "The State Department approved it. The State Department approved it. \
             US State Department approved it. The State Department approvedx it. \
             Congress was notified. Congress was notified; the Congress was notified.",
        );
        let first = lex.find(&doc);
        assert_eq!(lex.find(&doc), first);
        assert_eq!(fresh_lexicon(&kb).find(&doc), first);
        assert!(first.len() >= 5, "{first:?}");
        let remembered: usize = (0..lex.phrases.len())
            .filter_map(|i| lex.regexes[i].get().and_then(Option::as_ref))
            .map(|re| re.caches.get().4.seen.len())
            .sum();
        assert!(remembered >= 3, "{remembered}");
        // Other look-arounds (line and text anchors) are not kept to that: never
        // remembered. (A Unicode `\b` does not compile at all: the lazy DFA takes none.)
        assert!(!Compiled::new(r"(?m)approved$").unwrap().memo);
        assert!(!Compiled::new(r"\Aapproved").unwrap().memo);
        assert!(Compiled::new(r"\bapproved\b").is_none());
        assert!(Compiled::new(r"(?-u:\b)approved(?-u:\b)").unwrap().memo);
    }

    #[test]
    fn every_builtin_phrase_has_required_words() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        assert!(lex.always.is_empty(), "{:?}", lex.always);
    }
}

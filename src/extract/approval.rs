//! Approval states: who (an authority) did what, read with a phrase lexicon kept as data
//! (`rules/language/approval.toml`). A phrase is a regular expression in which a space
//! matches any run of whitespace, `{authority}` matches a mention of an authority (optionally
//! after "the", "U.S.", "US", "United States", "American"), `{party}` matches any entity of the
//! KB (a buyer signing its own contract), and `{gap}` skips up to eight words. Where matches
//! overlap, the phrase listed first wins, so specific negations ("has not yet approved") are
//! listed before the general forms ("approved").

use super::{Claim, ClaimKind, ClaimValue};
use crate::span::Span;
use crate::state::State;
use crate::text::Document;
use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::nfa::thompson::{self, backtrack, pikevm};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, PatternID};
use regex_syntax::hir::{Hir, HirKind};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// How many sentences a phrase's word groups turn away before it is compiled anyway.
const DECLINE_BEFORE_COMPILING: u32 = 16;

/// One phrase rule.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub state: State,
    pub pattern: String,
    /// A fixed authority for phrases that name none ("congressional review").
    pub authority: Option<String>,
    /// Inline examples: (text, expected authority or None, expected state or None for "no claim").
    pub examples: Vec<Example>,
    /// The words its matches need, read from the pattern when it is loaded.
    pub words: PhraseWords,
}

/// Words a phrase cannot match without, found ignoring ASCII case.
#[derive(Debug, Clone, Default)]
pub struct PhraseWords {
    /// One of these is in every match (`None`: no such words; the phrase is tried in every
    /// sentence).
    pub trigger: Option<Vec<Vec<u8>>>,
    /// Every group of which one word is in every match (lower case).
    pub groups: Vec<Vec<Vec<u8>>>,
}

/// Reads a phrase pattern (see [`expand`]) and the words its matches need; the error is the
/// pattern's syntax error.
pub fn phrase_words(pattern: &str) -> Result<PhraseWords, String> {
    // Read case-sensitively, so "awaiting" stays one literal and not 2^8 case variants
    // (the text is searched in lower case instead), and with ASCII whitespace: no word is
    // made of it, and parsing the Unicode class was much of the time.
    let src = expand(&pattern.replace("{party}", "{any-party}"), "X", "")
        .replacen("(?i-u)", "(?-u)", 1)
        .replace(r"(?u:\s)", r"\s");
    let hir = regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(&src)
        .map_err(|e| e.to_string())?;
    Ok(PhraseWords {
        trigger: required_words(&hir).filter(|w| w.iter().all(|l| l.len() >= 3)),
        groups: word_groups(&hir),
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
/// finds the sentences where a phrase's words occur, and only there does the phrase's own
/// regex run, compiled the first time it is needed.
#[derive(Debug)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    /// Per phrase, its pattern with a placeholder for the authority names, where they can
    /// be put in after parsing (see [`Lexicon::regex`]).
    templates: Vec<Option<String>>,
    /// The authority names as one alternation, and its syntax tree once parsed.
    authorities: String,
    authority_hir: OnceLock<Option<Hir>>,
    regexes: Vec<OnceLock<Option<Compiled>>>,
    /// The required words of every phrase, in lower case, found leftmost-longest in the
    /// lower-cased text.
    words: AhoCorasick,
    /// Pattern of `words` → the phrases that require it or a word inside it.
    word_phrases: Vec<Vec<usize>>,
    /// Per phrase, every group of words (lower case) one of which must be in a sentence for
    /// the phrase to match there ("has not yet approved": {has}, {not} and {approved}),
    /// checked before its regex is compiled: a short run compiles only the phrases its text
    /// can match.
    groups: Vec<Vec<Vec<Vec<u8>>>>,
    /// Per phrase, how many sentences its groups turned away.
    declined: Vec<AtomicU32>,
    /// Phrases without required words, tried in every sentence.
    always: Vec<usize>,
    /// Lower-cased name → entity id.
    ids: HashMap<String, String>,
}

type CacheFn = Box<
    dyn Fn() -> (DfaCache, backtrack::Cache, pikevm::Cache)
        + Send
        + Sync
        + std::panic::UnwindSafe
        + std::panic::RefUnwindSafe,
>;

/// One phrase compiled: a forward lazy DFA that says whether a sentence holds the phrase,
/// and a bounded backtracker (a PikeVM for sentences too long for it) that reads the match
/// and its capture groups where it does. Only the forward NFA is built (no reverse one, no
/// full DFA): compiling them was most of a short run's time.
struct Compiled {
    dfa: DFA,
    back: backtrack::BoundedBacktracker,
    pike: pikevm::PikeVM,
    caches: Pool<(DfaCache, backtrack::Cache, pikevm::Cache), CacheFn>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled").finish_non_exhaustive()
    }
}

impl Compiled {
    fn new(src: &str) -> Option<Compiled> {
        Compiled::from_hir(&parse_bytes(src)?)
    }

    fn from_hir(hir: &Hir) -> Option<Compiled> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .utf8(false)
                    .nfa_size_limit(Some(1 << 24)),
            )
            .build_from_hir(hir)
            .ok()?;
        let dfa = DFA::builder().build_from_nfa(nfa.clone()).ok()?;
        let back = backtrack::BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
        let pike = pikevm::PikeVM::new_from_nfa(nfa).ok()?;
        let (d, b, p) = (dfa.clone(), back.clone(), pike.clone());
        let make: CacheFn =
            Box::new(move || (d.create_cache(), b.create_cache(), p.create_cache()));
        Some(Compiled {
            dfa,
            back,
            pike,
            caches: Pool::new(make),
        })
    }

    /// Every match in `hay` (leftmost-first, non-overlapping) with its capture groups. The
    /// lazy DFA finds where each match ends; captures are then read in the window up to
    /// there only (look-around still sees the whole sentence).
    fn captures(
        &self,
        caches: &mut (DfaCache, backtrack::Cache, pikevm::Cache),
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
            let window = Input::new(hay).range(at..end);
            let mut caps = self.pike.create_captures();
            let backtracked = end - at <= self.back.max_haystack_len()
                && self
                    .back
                    .try_search(&mut caches.1, &window, &mut caps)
                    .is_ok();
            if !backtracked {
                self.pike.search(&mut caches.2, &window, &mut caps);
            }
            let Some(m) = caps.get_match() else { break };
            at = if m.end() > at { m.end() } else { at + 1 };
            out.push(caps);
        }
        out
    }
}

/// A run of capitalised words, resolved to a KB entity after matching: an alternation of
/// every entity name would make a regex of tens of thousands of branches for a large KB.
const PARTY: &str =
    r"(?P<auth>(?-i:[A-Z])(?:(?-u:[\w'&-])|’)*(?:[ \t]+(?-i:[A-Z])(?:(?-u:[\w'&-])|’)*){0,4})";

const PREFIX: &str =
    r"(?:the(?u:\s)+)?(?:(?:U\.(?u:\s)?S\.|US|United(?u:\s)+States|American)(?u:\s)+)?";

/// Stands for the authority names in a phrase's template: bytes no text holds and case
/// folding leaves alone, so the parsed template has them as one literal.
const AUTHORITY_PLACEHOLDER: &str = r"\x00\x01\x02\x03";
const AUTHORITY_PLACEHOLDER_BYTES: &[u8] = b"\x00\x01\x02\x03";

/// A byte pattern's syntax tree (as the automata are built: UTF-8 not required).
fn parse_bytes(src: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(src)
        .ok()
}

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

/// Expands the pattern language into a regular expression.
///
/// Case folds in ASCII only: Unicode case folding of every letter (`k` also matches the
/// Kelvin sign, `s` the long s) makes the automata four times larger and slower to build,
/// which is most of a short run's start-up. What a pattern writes outside ASCII — a `€`, an
/// `é`, a class with either, `\w`, `\d`, `\s`, `\p{…}`, `.` — keeps its Unicode meaning.
pub fn expand(pattern: &str, authorities: &str, parties: &str) -> String {
    let body = unicode_where_needed(pattern.trim())
        .replace("{gap}", r"(?:(?-u:[^\s.;:!?])+(?u:\s)+){0,8}?")
        .replace("{authority}", &format!(r"{PREFIX}(?P<auth>{authorities})"))
        .replace("{party}", &format!(r"{PREFIX}(?P<auth>{parties})"))
        .replace("{any-party}", PARTY);
    // ASCII word boundaries: a Unicode `\b` sends the regex engine to its slow path on any
    // non-ASCII text (curly quotes, dashes, €), and names here are ASCII-bounded anyway.
    format!(r"(?i-u)(?-u:\b){body}(?-u:\b)")
}

/// Rewrites a phrase pattern for a non-Unicode context: a run of spaces becomes "any
/// whitespace", and each non-ASCII character, Unicode class escape, `.` and character class
/// that needs Unicode is wrapped in `(?u:…)`. Placeholders (`{authority}`) pass through.
fn unicode_where_needed(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' => {
                while chars.get(i + 1) == Some(&' ') {
                    i += 1;
                }
                out.push_str(r"(?u:\s)+");
            }
            '\\' => {
                let Some(&e) = chars.get(i + 1) else {
                    out.push(c);
                    break;
                };
                let mut esc: String = [c, e].iter().collect();
                i += 1;
                // \p{Greek}, \pL
                if matches!(e, 'p' | 'P') {
                    if chars.get(i + 1) == Some(&'{') {
                        while let Some(&x) = chars.get(i + 1) {
                            esc.push(x);
                            i += 1;
                            if x == '}' {
                                break;
                            }
                        }
                    } else if let Some(&x) = chars.get(i + 1) {
                        esc.push(x);
                        i += 1;
                    }
                }
                if matches!(e, 'w' | 'W' | 'd' | 'D' | 's' | 'S' | 'p' | 'P') || !e.is_ascii() {
                    out.push_str(&format!("(?u:{esc})"));
                } else {
                    out.push_str(&esc);
                }
            }
            '[' => {
                // The whole class, nested classes and escapes included.
                let mut depth = 0;
                let mut class = String::new();
                let mut unicode = false;
                while let Some(&x) = chars.get(i) {
                    class.push(x);
                    if x == '\\' {
                        if let Some(&y) = chars.get(i + 1) {
                            class.push(y);
                            unicode |= matches!(y, 'w' | 'W' | 'd' | 'D' | 's' | 'S' | 'p' | 'P');
                            i += 1;
                        }
                    } else if x == '[' {
                        depth += 1;
                    } else if x == ']' && !(class.ends_with("[]") || class.ends_with("[^]")) {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    unicode |= !x.is_ascii();
                    i += 1;
                }
                if unicode {
                    out.push_str(&format!("(?u:{class})"));
                } else {
                    out.push_str(&class);
                }
            }
            '.' => out.push_str("(?u:.)"),
            c if !c.is_ascii() => {
                out.push_str("(?u:");
                out.push(c);
                out.push(')');
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether `hay` contains `needle` (lower case), ignoring ASCII case.
fn contains_ignore_ascii_case(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    hay.len() >= needle.len()
        && (0..=hay.len() - needle.len()).any(|i| {
            hay[i].to_ascii_lowercase() == first
                && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        })
}

/// [`required_groups`] of words of three letters or more, in lower case, sorted.
fn word_groups(h: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut all = Vec::new();
    required_groups(h, &mut all);
    all.retain(|g| g.iter().all(|w| w.len() >= 3));
    for w in all.iter_mut().flatten() {
        w.make_ascii_lowercase();
    }
    all.sort();
    all.dedup();
    all
}

/// Every group of words one of which every match of `h` contains, pushed to `out`: each
/// run of literals in a sequence, and each part's own groups (an alternation gives one group,
/// of its branches' words). Together they say more than [`required_words`]' single group:
/// "has not (?:yet )?approved" needs {has}, {not} and {approved}.
fn required_groups(h: &Hir, out: &mut Vec<Vec<Vec<u8>>>) {
    match h.kind() {
        HirKind::Capture(c) => required_groups(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => required_groups(&r.sub, out),
        HirKind::Concat(parts) => {
            let mut run: Vec<u8> = Vec::new();
            for p in parts {
                if let HirKind::Literal(l) = p.kind()
                    && l.0.is_ascii()
                {
                    run.extend_from_slice(&l.0);
                    continue;
                }
                if !run.is_empty() {
                    out.push(vec![std::mem::take(&mut run)]);
                }
                required_groups(p, out);
            }
            if !run.is_empty() {
                out.push(vec![run]);
            }
        }
        _ => out.extend(required_words(h)),
    }
}

/// Words one of which every match of `h` contains (ASCII only: they are found ignoring
/// ASCII case), or `None` when there are none such.
fn required_words(h: &Hir) -> Option<Vec<Vec<u8>>> {
    fn shortest(w: &Option<Vec<Vec<u8>>>) -> usize {
        w.as_ref()
            .map_or(0, |w| w.iter().map(Vec::len).min().unwrap_or(0))
    }
    match h.kind() {
        HirKind::Literal(l) => l.0.is_ascii().then(|| vec![l.0.to_vec()]),
        HirKind::Capture(c) => required_words(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required_words(&r.sub),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(required_words(a)?);
            }
            Some(all)
        }
        // Of a sequence's necessary groups, the one with the longest shortest word.
        HirKind::Concat(_) => {
            let mut groups = Vec::new();
            required_groups(h, &mut groups);
            groups.into_iter().map(Some).fold(None, |best, g| {
                if shortest(&g) > shortest(&best) {
                    g
                } else {
                    best
                }
            })
        }
        _ => None,
    }
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
        let templates = phrases
            .iter()
            .map(|ph| {
                let p = ph.pattern.replace("{party}", "{any-party}");
                (p.contains("{authority}") && !has_flag_group(&p))
                    .then(|| expand(&p, AUTHORITY_PLACEHOLDER, ""))
            })
            .collect();
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut word_phrases: Vec<Vec<usize>> = Vec::new();
        let mut groups = Vec::new();
        let mut always = Vec::new();
        for (i, ph) in phrases.iter().enumerate() {
            match &ph.words.trigger {
                Some(words) => {
                    for w in words {
                        let k = match lits.iter().position(|l| l.eq_ignore_ascii_case(w)) {
                            Some(k) => k,
                            None => {
                                lits.push(w.to_ascii_lowercase());
                                word_phrases.push(Vec::new());
                                lits.len() - 1
                            }
                        };
                        word_phrases[k].push(i);
                    }
                }
                None => always.push(i),
            }
            groups.push(ph.words.groups.clone());
        }
        // The text is searched in ASCII lower case for the longest word at each place, which
        // lets the automaton skip ahead with a vectorised prefilter; a shorter word at the
        // same place is inside the longer one, so a word stands for the phrases of every word
        // it contains.
        let words = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&lits)
            .map_err(|e| (0, e.to_string()))?;
        let word_phrases = lits
            .iter()
            .map(|w| {
                let mut ps: Vec<usize> = lits
                    .iter()
                    .zip(&word_phrases)
                    .filter(|(x, _)| w.windows(x.len()).any(|win| win == x.as_slice()))
                    .flat_map(|(_, ps)| ps.iter().copied())
                    .collect();
                ps.sort_unstable();
                ps.dedup();
                ps
            })
            .collect();
        let regexes = phrases.iter().map(|_| OnceLock::new()).collect();
        let mut ids = HashMap::new();
        // Authorities first, so a name both lists share maps to the authority.
        for n in names
            .iter()
            .filter(|n| n.authority)
            .chain(names.iter().filter(|n| !n.authority))
        {
            for name in &n.names {
                ids.entry(normalize(name)).or_insert_with(|| n.id.clone());
            }
        }
        Ok(Lexicon {
            phrases,
            templates,
            authority_hir: OnceLock::new(),
            authorities: a,
            regexes,
            words,
            word_phrases,
            declined: groups.iter().map(|_| AtomicU32::new(0)).collect(),
            groups,
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
                    .and_then(|h| Compiled::from_hir(&h))
                    .or_else(|| Compiled::new(&self.source(idx)))
            })
            .as_ref()
    }

    /// Phrase `idx` as one regular expression, the authority names written in.
    fn source(&self, idx: usize) -> String {
        let p = self.phrases[idx].pattern.replace("{party}", "{any-party}");
        expand(&p, &self.authorities, "")
    }

    /// Phrase `idx`'s syntax tree, parsed from its template with the authority names'
    /// tree, parsed once for all phrases, put in: every phrase names the same authorities,
    /// and parsing them was half of compiling each phrase.
    fn templated(&self, idx: usize) -> Option<Hir> {
        let template = self.templates[idx].as_ref()?;
        let auth = self
            .authority_hir
            .get_or_init(|| parse_bytes(&format!("(?i-u)(?:{})", self.authorities)))
            .as_ref()?;
        Some(with_authorities(&parse_bytes(template)?, auth))
    }

    /// The entity id a mention names.
    pub fn id_of(&self, mention: &str) -> Option<&str> {
        self.ids.get(&normalize(mention)).map(String::as_str)
    }

    /// The entity a run of capitalised words names: the whole run, without a possessive,
    /// or its longest part that is a name ("Poland's Defense Ministry" → Poland).
    fn resolve_party(&self, run: &str) -> Option<&str> {
        let words: Vec<&str> = run
            .split_whitespace()
            .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
            .collect();
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
        let text = doc.text.as_str();
        let mut found: Vec<(usize, Span, Option<Span>)> = Vec::new();
        // Phrases never cross a sentence: (sentence, phrase) pairs where the phrase's words
        // occur, then each phrase's regex in its sentences only.
        let mut todo: Vec<(usize, usize)> = Vec::new();
        // Each place where a word starts, its longest word (see `Lexicon::new`): searching on
        // from the next byte, not the word's end, finds words that overlap it too.
        let lower = text.to_ascii_lowercase();
        let mut at = 0;
        while let Some(m) = self
            .words
            .find(aho_corasick::Input::new(&lower).span(at..lower.len()))
        {
            let s = doc.sentence_at(m.start());
            todo.extend(
                self.word_phrases[m.pattern().as_usize()]
                    .iter()
                    .map(|&p| (s, p)),
            );
            at = m.start() + 1;
        }
        for s in 0..doc.sentences.len() {
            todo.extend(self.always.iter().map(|&p| (s, p)));
        }
        todo.sort_unstable();
        todo.dedup();
        for (s, idx) in todo {
            // A word outside every sentence (front matter, a document of markup only) has
            // no sentence to search.
            let Some(sent) = doc.sentences.get(s) else {
                continue;
            };
            let (lo, hi) = (sent.span.start, sent.span.end);
            let slice = &text.as_bytes()[lo..hi];
            // Before compiling a phrase, make sure its other words are here too; once it is
            // compiled, its DFA answers faster than looking for them.
            // A phrase turned away often is compiled after all: a long run amortizes it.
            if self.regexes[idx].get().is_none()
                && self.declined[idx].load(Ordering::Relaxed) < DECLINE_BEFORE_COMPILING
                && !self.groups[idx]
                    .iter()
                    .all(|g| g.iter().any(|w| contains_ignore_ascii_case(slice, w)))
            {
                self.declined[idx].fetch_add(1, Ordering::Relaxed);
                continue;
            }
            let Some(re) = self.regex(idx) else { continue };
            {
                // Find with the fast engines; resolve capture groups only where a match is.
                let mut caches = re.caches.get();
                let auth_group = re
                    .pike
                    .get_nfa()
                    .group_info()
                    .to_index(PatternID::ZERO, "auth");
                for caps in re.captures(&mut caches, slice) {
                    let Some(m) = caps.get_match() else { continue };
                    let span = Span::new(lo + m.start(), lo + m.end());
                    if doc.is_masked(span)
                        || !text.is_char_boundary(span.start)
                        || !text.is_char_boundary(span.end)
                    {
                        continue;
                    }
                    let auth = auth_group
                        .and_then(|g| caps.get_group(g))
                        .map(|a| Span::new(lo + a.start, lo + a.end));
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
                Some(a) => self.id_of(a.slice(text)).map(str::to_string),
                None => ph.authority.clone(),
            };
            taken.insert(span.start, span);
            claims.push(Claim {
                kind: ClaimKind::Status,
                span,
                value_span: span,
                value: ClaimValue::Status {
                    authority,
                    authority_span: auth,
                    state: ph.state,
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

/// Lower-case with runs of whitespace as one space.
fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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
        let re = Regex::new(&expand("approuvé par {authority}", &names, "")).unwrap();
        assert!(re.is_match("APPROUVÉ\u{a0}par Congrès".as_bytes()));
        assert!(re.is_match("approuvé par ASSEMBLÉE  nationale".as_bytes()));
        assert!(!re.is_match(b"approuv\xc3\xa9 par CONGRES"));
        // ASCII folding only: the Kelvin sign is not a k.
        let re = Regex::new(&expand("kept by {authority}", "Congress", "")).unwrap();
        assert!(re.is_match(b"KEPT by congress"));
        assert!(!re.is_match("\u{212a}ept by Congress".as_bytes()));
    }

    #[test]
    fn expansion_matches_across_whitespace() {
        let re = Regex::new(&expand(
            "awaiting approval from {authority}",
            "Congress",
            "Congress",
        ))
        .unwrap();
        assert!(re.is_match(b"awaiting  approval\nfrom the United States Congress"));
        assert!(!re.is_match(b"awaiting approval from Parliament"));
    }
}

#[cfg(test)]
mod prefilter_tests {
    use super::*;

    fn words(p: &str) -> Option<Vec<String>> {
        let src = expand(p, "X", "").replacen("(?i-u)", "(?-u)", 1);
        let hir = regex_syntax::ParserBuilder::new()
            .utf8(false)
            .build()
            .parse(&src)
            .unwrap();
        required_words(&hir).map(|w| {
            w.into_iter()
                .map(|b| String::from_utf8(b).unwrap())
                .collect()
        })
    }

    #[test]
    fn required_words_are_the_longest_necessary_ones() {
        assert_eq!(
            words(
                "await(?:s|ing)? (?:final )?(?:approval|sign-off|clearance) (?:from|by) {authority}"
            ),
            Some(vec![
                "approval".into(),
                "sign-off".into(),
                "clearance".into()
            ])
        );
        assert_eq!(
            words("{authority} {gap}(?:blocked|vetoed)"),
            Some(vec!["blocked".into(), "vetoed".into()])
        );
        // Nothing required: an optional word, a class.
        assert_eq!(words("(?:formally )?[a-z]+"), None);
        // Non-ASCII literals are not used (case folding there is Unicode's).
        assert_eq!(words("é"), None);
    }

    fn groups(p: &str) -> Vec<Vec<String>> {
        let src = expand(p, "X", "").replacen("(?i-u)", "(?-u)", 1);
        let hir = regex_syntax::ParserBuilder::new()
            .utf8(false)
            .build()
            .parse(&src)
            .unwrap();
        word_groups(&hir)
            .into_iter()
            .map(|g| {
                g.into_iter()
                    .map(|b| String::from_utf8(b).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_necessary_word_group_is_found() {
        assert_eq!(
            groups("{authority} HAS not (?:yet )?approved"),
            [vec!["approved"], vec!["has"], vec!["not"]]
        );
        // Optional parts require nothing; an alternation is one group of its branches; words
        // under three letters ("by") are too common to tell anything.
        assert_eq!(
            groups("(?:formally )?(?:approved|cleared) by {authority} (?:for|from) Tuesday"),
            [
                vec!["approved", "cleared"],
                vec!["for", "from"],
                vec!["tuesday"]
            ]
        );
        assert_eq!(groups("(?:formally )?[a-z]+"), Vec::<Vec<String>>::new());
    }

    #[test]
    fn word_groups_are_searched_ignoring_ascii_case() {
        assert!(contains_ignore_ascii_case(b"Congress HAS not", b"has"));
        assert!(contains_ignore_ascii_case(b"has", b"has"));
        assert!(!contains_ignore_ascii_case(b"ha", b"has"));
        assert!(!contains_ignore_ascii_case(b"Congress approved", b"not"));
    }

    #[test]
    fn templates_compile_to_the_same_automata_as_whole_patterns() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        let nfa = |h: &Hir| {
            let c = Compiled::from_hir(h).unwrap();
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
    fn every_builtin_phrase_has_required_words() {
        let kb = crate::kb::load_sources(crate::kb::embedded_language()).unwrap();
        let lex = kb.lexicon().unwrap();
        assert!(lex.always.is_empty(), "{:?}", lex.always);
    }
}

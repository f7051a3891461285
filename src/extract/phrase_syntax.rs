//! The phrase pattern language (see `rules/language/approval.toml`) written out as a regular
//! expression, and the words a phrase cannot match without, read from its syntax tree.
//! Pure functions of the pattern text over `regex-syntax` alone: the build script reads the
//! built-in phrases' words with this same file, so loading them costs no parsing.

use regex_syntax::hir::{Hir, HirKind};

/// Words a phrase cannot match without, found ignoring ASCII case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseWords {
    /// One of these is in every match (`None`: no such words; the phrase is tried in every
    /// sentence).
    pub trigger: Option<Vec<Vec<u8>>>,
    /// Every group of which one word is in every match (lower case).
    pub groups: Vec<Vec<Vec<u8>>>,
    /// Whether every match names an authority (`{authority}` is not optional): such a
    /// phrase cannot match in a sentence without one of the authority names' words, which
    /// are known only once the KB is loaded (see `Lexicon`).
    pub authority: bool,
    /// Per trigger word: whether it begins a word of the text in every match (no letter,
    /// digit or underscore before it), so that found inside a longer word ("pending" in
    /// "spending") it starts no match (see [`words_start_words`]).
    pub starts_words: Vec<bool>,
}

/// What `{authority}` stands for when a phrase's words are read: a byte no text holds, so a
/// group of this word alone says that every match names an authority.
const AUTHORITY_MARK: &str = r"\x00";
const AUTHORITY_MARK_BYTES: &[u8] = b"\x00";

/// Reads a phrase pattern (see [`expand`]) and the words its matches need; the error is the
/// pattern's syntax error.
pub fn phrase_words(pattern: &str) -> Result<PhraseWords, String> {
    // Read case-sensitively, so "awaiting" stays one literal and not 2^8 case variants
    // (the text is searched in lower case instead), and with ASCII whitespace: no word is
    // made of it, and parsing the Unicode class was much of the time.
    let src = expand(pattern, AUTHORITY_MARK)
        .replacen("(?i-u)", "(?-u)", 1)
        .replace(r"(?u:\s)", r"\s");
    let hir = parse_bytes(&src)?;
    let mut all = Vec::new();
    required_groups(&hir, &mut all);
    let authority = all.iter().any(|g| g.len() == 1 && g[0] == [0]);
    let trigger = required_words(&hir).filter(|w| w.iter().all(|l| l.len() >= 3));
    Ok(PhraseWords {
        starts_words: trigger
            .as_ref()
            .map_or_else(Vec::new, |t| words_start_words(&hir, t)),
        trigger,
        groups: word_groups(all),
        authority,
    })
}

/// Whether a byte is a word byte of an ASCII `\b`: a letter, a digit or an underscore.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Per word of `trigger` (runs of literal bytes, as [`required_words`] gives them): whether
/// each of its occurrences in `h` begins a word of the text in every match, what comes
/// right before it in the pattern being a word boundary, the start, or something that
/// always ends in a byte that is not a word byte (a space, a comma). False for "likely" in
/// "(?:un)?likely", and for every word of a pattern this does not read (it is only ever
/// sure, never guessing). Other literals ("s" in "approves?") may follow a word byte.
pub fn words_start_words(h: &Hir, trigger: &[Vec<u8>]) -> Vec<bool> {
    let mut starts = vec![true; trigger.len()];
    match mid_word_walk(h, true, trigger, &mut starts) {
        Some(_) => starts,
        None => vec![false; trigger.len()],
    }
}

/// The run of literal `bytes` at a place where `safe` says whether a word byte would begin
/// a word: a trigger word there that may not begins no word. Returns whether a word byte
/// after the run would begin a word.
fn literal_run(bytes: &[u8], safe: bool, trigger: &[Vec<u8>], starts: &mut [bool]) -> Option<bool> {
    let first = *bytes.first()?;
    if is_word_byte(first) && !safe {
        for (t, s) in trigger.iter().zip(starts.iter_mut()) {
            if t.as_slice() == bytes {
                *s = false;
            }
        }
    }
    Some(!bytes.last().is_some_and(|&b| is_word_byte(b)))
}
/// Walks `h` entered where `safe` says whether a word byte next would begin a word, marking
/// in `starts` the trigger words that may follow a word byte; returns whether a word byte
/// after `h` would begin a word (`None`: something this does not read).
fn mid_word_walk(h: &Hir, safe: bool, trigger: &[Vec<u8>], starts: &mut [bool]) -> Option<bool> {
    use regex_syntax::hir::{Class, Look};
    match h.kind() {
        HirKind::Empty => Some(safe),
        // The authority mark stands for names, which end in a letter.
        HirKind::Literal(l) if *l.0 == *AUTHORITY_MARK_BYTES => Some(false),
        HirKind::Literal(l) => literal_run(&l.0, safe, trigger, starts),
        // A class of no word byte (the non-ASCII bytes and characters are none).
        HirKind::Class(c) => Some(match c {
            Class::Bytes(b) => b
                .ranges()
                .iter()
                .all(|r| !(r.start()..=r.end()).any(is_word_byte)),
            Class::Unicode(u) => u.ranges().iter().all(|r| {
                let hi = u32::from(r.end()).min(0x7f);
                !(u32::from(r.start())..=hi).any(|b| is_word_byte(b as u8))
            }),
        }),
        HirKind::Look(look) => Some(
            safe || matches!(
                look,
                Look::Start
                    | Look::StartLF
                    | Look::StartCRLF
                    | Look::WordAscii
                    | Look::WordUnicode
                    | Look::WordStartAscii
                    | Look::WordStartUnicode
                    | Look::WordStartHalfAscii
                    | Look::WordStartHalfUnicode
                    | Look::WordEndAscii
                    | Look::WordEndUnicode
                    | Look::WordEndHalfAscii
                    | Look::WordEndHalfUnicode
            ),
        ),
        HirKind::Capture(c) => mid_word_walk(&c.sub, safe, trigger, starts),
        HirKind::Concat(parts) => {
            // Adjacent literals are one run, as `required_groups` reads them.
            let literal = |p: &Hir| match p.kind() {
                HirKind::Literal(l) if *l.0 != *AUTHORITY_MARK_BYTES => Some(l.0.clone()),
                _ => None,
            };
            let mut safe = safe;
            let mut i = 0;
            while i < parts.len() {
                let mut bytes = Vec::new();
                while let Some(b) = parts.get(i).and_then(literal) {
                    bytes.extend_from_slice(&b);
                    i += 1;
                }
                if bytes.is_empty() {
                    safe = mid_word_walk(&parts[i], safe, trigger, starts)?;
                    i += 1;
                } else {
                    safe = literal_run(&bytes, safe, trigger, starts)?;
                }
            }
            Some(safe)
        }
        HirKind::Alternation(alts) => {
            let mut after = true;
            for a in alts {
                after &= mid_word_walk(a, safe, trigger, starts)?;
            }
            Some(after)
        }
        HirKind::Repetition(r) => {
            // Once from where it starts, again from where one pass ends; absent, where
            // it started.
            let once = mid_word_walk(&r.sub, safe, trigger, starts)?;
            let again = if r.max == Some(1) {
                once
            } else {
                mid_word_walk(&r.sub, safe && once, trigger, starts)?
            };
            Some(if r.min == 0 { safe && again } else { again })
        }
    }
}

/// Words one of which every match of an authority alternation (`Lexicon`'s names, in ASCII
/// lower case, as [`expand`] is given them) contains, in lower case; `None` when some name
/// has no such word (one written in other letters only) or the alternation does not parse.
pub(crate) fn authority_words(alternation: &str) -> Option<Vec<Vec<u8>>> {
    // Read case-sensitively (the names are in lower case, and so is the text searched) and
    // with ASCII whitespace, as `phrase_words` reads a phrase.
    let src = format!("(?-u:{})", alternation.replace(r"(?u:\s)", r"\s"));
    let words = required_words(&parse_bytes(&src).ok()?)?;
    // An empty word would be in every sentence: no filter at all.
    (!words.iter().any(Vec::is_empty)).then(|| {
        words
            .into_iter()
            .map(|mut w| {
                w.make_ascii_lowercase();
                w
            })
            .collect()
    })
}

/// A byte pattern's syntax tree (as the automata are built: UTF-8 not required), or its
/// syntax error.
pub(crate) fn parse_bytes(src: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .utf8(false)
        .build()
        .parse(src)
        .map_err(|e| e.to_string())
}

/// What `{party}` stands for: a run of capitalised words, resolved to a KB entity after matching: an alternation of
/// every entity name would make a regex of tens of thousands of branches for a large KB.
const PARTY: &str =
    r"(?P<auth>(?-i:[A-Z])(?:(?-u:[\w'&-])|’)*(?:[ \t]+(?-i:[A-Z])(?:(?-u:[\w'&-])|’)*){0,4})";

const PREFIX: &str =
    r"(?:the(?u:\s)+)?(?:(?:U\.(?u:\s)?S\.|US|United(?u:\s)+States|American)(?u:\s)+)?";

/// Expands the pattern language into a regular expression.
///
/// Case folds in ASCII only: Unicode case folding of every letter (`k` also matches the
/// Kelvin sign, `s` the long s) makes the automata four times larger and slower to build,
/// which is most of a short run's start-up. What a pattern writes outside ASCII — a `€`, an
/// `é`, a class with either, `\w`, `\d`, `\s`, `\p{…}`, `.` — keeps its Unicode meaning.
pub fn expand(pattern: &str, authorities: &str) -> String {
    let body = unicode_where_needed(pattern.trim())
        .replace("{gap}", r"(?:(?-u:[^\s.;:!?])+(?u:\s)+){0,8}?")
        .replace("{authority}", &format!(r"{PREFIX}(?P<auth>{authorities})"))
        .replace("{party}", PARTY);
    // ASCII word boundaries: a Unicode `\b` sends the regex engine to its slow path on any
    // non-ASCII text (curly quotes, dashes, €), and names here are ASCII-bounded anyway.
    format!(r"(?i-u)(?-u:\b){body}(?-u:\b)")
}

/// Rewrites a phrase pattern for a non-Unicode context: a run of spaces becomes "any
/// whitespace", and each non-ASCII character, Unicode class escape, `.` and character class
/// that needs Unicode is wrapped in `(?u:…)`. Placeholders (`{authority}`) pass through.
pub(crate) fn unicode_where_needed(p: &str) -> String {
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

/// Of [`required_groups`]' groups, those of words of two letters or more, in lower case,
/// sorted. A word of two letters is in many sentences, inside longer words too, but not in
/// all: "(?:if|unless|once) {authority} approves" needs no regex where no "if" is.
fn word_groups(mut all: Vec<Vec<Vec<u8>>>) -> Vec<Vec<Vec<u8>>> {
    all.retain(|g| g.iter().all(|w| w.len() >= 2));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A phrase's syntax tree, read case-sensitively as `phrase_words` reads it.
    fn hir(p: &str) -> Hir {
        parse_bytes(&expand(p, "X").replacen("(?i-u)", "(?-u)", 1)).unwrap()
    }

    fn strings(ws: Vec<Vec<u8>>) -> Vec<String> {
        ws.into_iter()
            .map(|b| String::from_utf8(b).unwrap())
            .collect()
    }

    fn words(p: &str) -> Option<Vec<String>> {
        required_words(&hir(p)).map(strings)
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
        let mut all = Vec::new();
        required_groups(&hir(p), &mut all);
        word_groups(all).into_iter().map(strings).collect()
    }

    #[test]
    fn every_necessary_word_group_is_found() {
        assert_eq!(
            groups("{authority} HAS not (?:yet )?approved"),
            [vec!["approved"], vec!["has"], vec!["not"]]
        );
        // Optional parts require nothing; an alternation is one group of its branches; a
        // word of one letter ("a") is in nearly every sentence and tells nothing.
        assert_eq!(
            groups("(?:formally )?(?:approved|cleared) by {authority} (?:for|from) a Tuesday"),
            [
                vec!["approved", "cleared"],
                vec!["by"],
                vec!["for", "from"],
                vec!["tuesday"]
            ]
        );
        assert_eq!(
            groups("(?:if|once|in case) {authority} approves"),
            [vec!["approves"], vec!["if", "once", "case"]]
        );
        assert_eq!(groups("(?:formally )?[a-z]+"), Vec::<Vec<String>>::new());
    }

    #[test]
    fn trigger_words_that_only_begin_words_are_told_apart() {
        let starts = |p: &str| {
            let w = phrase_words(p).unwrap();
            let t = w.trigger.unwrap_or_default();
            t.into_iter()
                .zip(w.starts_words)
                .map(|(t, s)| (String::from_utf8(t).unwrap(), s))
                .collect::<Vec<_>>()
        };
        let all = |p: &str, want: bool| {
            let s = starts(p);
            !s.is_empty() && s.iter().all(|(_, s)| *s == want)
        };
        // After the pattern's start, a space, a comma or an authority's name and a space.
        assert!(all(
            "(?:pending|subject to) (?:final )?approval by {authority}",
            true
        ));
        assert!(all("{authority} (?:has )?(?:approved|cleared)", true));
        assert!(all("{authority}, (?:formally )*approved", true));
        // Suffixes follow a word byte, and are no trigger words.
        assert!(all("(?:approves?|authori[sz]ed) by {authority}", true));
        // Trigger words that may follow letters: "unlikely", a name glued to the word, a
        // class of letters.
        assert!(all("(?:un)?likely to be", false));
        assert!(all("{authority}approved", false));
        assert!(all("[a-z]*approved", false));
        // Each word on its own: in "greenlighting", "lighting" follows letters; "green"
        // and "approving" do not.
        assert_eq!(
            starts("{authority} has (?:green-?lighting|approving)"),
            [
                ("lighting".to_string(), false),
                ("approving".to_string(), true)
            ]
        );
        // No trigger word at all: nothing to say.
        assert!(starts("(?:formally )?[a-z]+").is_empty());
    }

    #[test]
    fn a_phrase_names_an_authority_unless_it_is_optional() {
        let names = |p: &str| phrase_words(p).unwrap().authority;
        assert!(names("{authority} (?:has )?approved"));
        assert!(names("approved by (?P<x>{authority})"));
        assert!(!names("approved(?: by {authority})?"));
        assert!(!names("approved by (?:{authority}|the board)"));
        assert!(!names("{party} signed"));
        // The mark is no word of any group.
        assert!(
            phrase_words("{authority} approved")
                .unwrap()
                .groups
                .iter()
                .flatten()
                .all(|w| w.as_slice() != [0])
        );
    }

    #[test]
    fn authority_words_are_one_per_name() {
        let words = |alt: &str| authority_words(alt).map(strings);
        assert_eq!(
            words(r"department(?u:\s)+of(?u:\s)+(?:state|defense)|congress"),
            Some(vec!["department".into(), "congress".into()])
        );
        // A name in other letters only has no word to find ignoring ASCII case.
        assert_eq!(words(r"congress|(?u:\x{3a3})(?u:\x{3b5})"), None);
        assert_eq!(words("(?:$^)"), None);
    }
}

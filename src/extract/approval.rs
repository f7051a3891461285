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
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::collections::HashMap;

/// One phrase rule.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub state: State,
    pub pattern: String,
    /// A fixed authority for phrases that name none ("congressional review").
    pub authority: Option<String>,
    /// Inline examples: (text, expected authority or None, expected state or None for "no claim").
    pub examples: Vec<Example>,
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

/// Compiled phrases.
#[derive(Debug)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    regexes: Vec<Regex>,
    set: RegexSet,
    /// Lower-cased name → entity id.
    ids: HashMap<String, String>,
}

/// A run of capitalised words, resolved to a KB entity after matching: an alternation of
/// every entity name would make a regex of tens of thousands of branches for a large KB.
const PARTY: &str = r"(?P<auth>(?-i:[A-Z])[\w’'&-]*(?:[ \t]+(?-i:[A-Z])[\w’'&-]*){0,4})";

const PREFIX: &str = r"(?:the\s+)?(?:(?:U\.\s?S\.|US|United\s+States|American)\s+)?";

fn alternation(names: &[&str]) -> String {
    let mut sorted: Vec<&str> = names.to_vec();
    sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
    sorted.dedup();
    if sorted.is_empty() {
        return "(?:$^)".to_string(); // matches nothing
    }
    let alts: Vec<String> = sorted
        .iter()
        .map(|n| regex::escape(n).replace(' ', r"\s+"))
        .collect();
    alts.join("|")
}

/// Expands the pattern language into a regular expression.
pub fn expand(pattern: &str, authorities: &str, parties: &str) -> String {
    let body = pattern
        .trim()
        .replace("{gap}", r"(?:[^\s.;:!?]+\s+){0,8}?")
        .replace("{authority}", &format!(r"{PREFIX}(?P<auth>{authorities})"))
        .replace("{party}", &format!(r"{PREFIX}(?P<auth>{parties})"))
        .replace("{any-party}", PARTY);
    // A literal space matches any whitespace; "\s+ " sequences from {gap} stay as they are.
    let mut out = String::with_capacity(body.len() * 2);
    let mut prev_space = false;
    for c in body.chars() {
        if c == ' ' {
            if !prev_space {
                out.push_str(r"\s+");
            }
            prev_space = true;
        } else {
            prev_space = false;
            out.push(c);
        }
    }
    // ASCII word boundaries: a Unicode `\b` sends the regex engine to its slow path on any
    // non-ASCII text (curly quotes, dashes, €), and names here are ASCII-bounded anyway.
    format!(r"(?i)(?-u:\b){out}(?-u:\b)")
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
        let mut regexes = Vec::with_capacity(phrases.len());
        let mut sources = Vec::with_capacity(phrases.len());
        for (i, ph) in phrases.iter().enumerate() {
            let src = expand(&ph.pattern.replace("{party}", "{any-party}"), &a, "");
            let re = RegexBuilder::new(&src)
                .size_limit(1 << 24)
                .build()
                .map_err(|e| (i, e.to_string()))?;
            regexes.push(re);
            sources.push(src);
        }
        // A roomy lazy-DFA cache: with the default one the set's many alternations thrash it
        // and the search falls back to the (much slower) PikeVM.
        let set = RegexSetBuilder::new(&sources)
            .size_limit(1 << 26)
            .dfa_size_limit(1 << 25)
            .build()
            .map_err(|e| (0, e.to_string()))?;
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
            regexes,
            set,
            ids,
        })
    }

    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
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
        // Phrases never cross a sentence, so each sentence is searched on its own: the set
        // says which phrases occur in it, and only those run, only there.
        for sent in &doc.sentences {
            let (lo, hi) = (sent.span.start, sent.span.end);
            let slice = &text[lo..hi];
            let matched = self.set.matches(slice);
            if !matched.matched_any() {
                continue;
            }
            for idx in matched.iter() {
                let re = &self.regexes[idx];
                // Find with the fast engines; resolve capture groups only where a match is.
                for hit in re.find_iter(slice) {
                    let Some(caps) = re.captures_at(slice, hit.start()) else {
                        continue;
                    };
                    let Some(m) = caps.get(0) else { continue };
                    let span = Span::new(lo + m.start(), lo + m.end());
                    if doc.is_masked(span) {
                        continue;
                    }
                    let auth = caps
                        .name("auth")
                        .map(|a| Span::new(lo + a.start(), lo + a.end()));
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

    #[test]
    fn expansion_matches_across_whitespace() {
        let re = Regex::new(&expand(
            "awaiting approval from {authority}",
            "Congress",
            "Congress",
        ))
        .unwrap();
        assert!(re.is_match("awaiting  approval\nfrom the United States Congress"));
        assert!(!re.is_match("awaiting approval from Parliament"));
    }
}

//! Entity mentions and figure phrases: one Aho-Corasick automaton over every entity name and
//! every figure `of` phrase of a KB (both number forms), built once per KB. Scanning an article
//! costs time linear in its length and nearly independent of the KB's size.

use crate::automaton::Upgrading;
use crate::kb::Kb;
use crate::span::Span;
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

/// The automaton and what each of its patterns stands for.
#[derive(Debug)]
pub struct AliasIndex {
    ac: Option<Upgrading>,
    entities: Vec<Vec<usize>>,
    /// (record, figure) pairs per pattern, sorted.
    figures: Vec<Vec<(usize, usize)>>,
}

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

/// A name or phrase as the automaton holds it: its words joined by single spaces, in lower
/// case.
fn pattern_key(p: &str) -> String {
    let mut key = String::with_capacity(p.len());
    for w in p.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(w);
    }
    if key.is_ascii() {
        key.make_ascii_lowercase();
        key
    } else {
        key.to_lowercase()
    }
}

fn is_word_byte_boundary(text: &str, at: usize, before: bool) -> bool {
    let c = if before {
        text[..at].chars().next_back()
    } else {
        text[at..].chars().next()
    };
    c.is_none_or(|c| !c.is_alphanumeric())
}

impl AliasIndex {
    pub fn new(kb: &Kb) -> AliasIndex {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut add = |p: &str, t: Target| {
            let key = pattern_key(p);
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
        let ac = (!patterns.is_empty())
            .then(|| {
                let mut b = AhoCorasickBuilder::new();
                b.match_kind(MatchKind::Standard);
                Upgrading::new(&b, patterns.into_iter().map(String::into_bytes).collect()).ok()
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
            ac,
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
    /// in `text`, an article's text in ASCII lower case ([`Document::lower`]: the patterns
    /// are lower case, and an automaton of one case is half the size to build). Whitespace
    /// inside names must be single spaces in the article; line breaks inside a name are rare
    /// enough in copy that we do not normalise the text for them.
    ///
    /// [`Document::lower`]: crate::text::Document::lower
    pub fn scan(&self, text: &str) -> (Vec<Mention>, Vec<Hit>) {
        debug_assert!(!text.bytes().any(|b| b.is_ascii_uppercase()));
        let Some(scanner) = self.ac.as_ref().and_then(|ac| ac.scanner(text.as_bytes())) else {
            return (vec![], vec![]);
        };
        // Sized for an article's usual names and figure phrases: grown by one, they were
        // reallocated a few times per article.
        let mut entity_hits: Vec<(Span, usize)> = Vec::with_capacity(64);
        let mut phrases = Vec::with_capacity(16);
        for m in scanner.automaton().find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !is_word_byte_boundary(text, s, true) || !is_word_byte_boundary(text, e, false) {
                continue;
            }
            let span = Span::new(s, e);
            let pattern = scanner.pattern(m.pattern());
            for &i in &self.entities[pattern] {
                entity_hits.push((span, i));
            }
            if !self.figures[pattern].is_empty() {
                phrases.push(Hit { pattern, span });
            }
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_finds_what_the_whole_automaton_finds() {
        let kb = crate::kb::embedded().unwrap();
        let warmed = AliasIndex::new(&kb);
        // Past the bytes after which every text is searched with the whole automaton.
        let _ = warmed.scan(&"x ".repeat(16 * 1024));
        let mut filtered = 0;
        for (path, text) in crate::test_support::bundled_articles() {
            let lower = text.to_ascii_lowercase();
            // A fresh index searches a short text with an automaton of the names it holds.
            let fresh = AliasIndex::new(&kb);
            filtered += usize::from(lower.len() < 8 * 1024);
            assert_eq!(fresh.scan(&lower), warmed.scan(&lower), "{path}");
        }
        assert!(filtered >= 10, "{filtered}");
    }

    #[test]
    fn patterns_are_single_spaced_lower_case() {
        assert_eq!(pattern_key("  White\tHouse \n"), "white house");
        assert_eq!(pattern_key("Palais de l'ÉLYSÉE"), "palais de l'élysée");
        assert_eq!(pattern_key(" \t"), "");
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
        let (m, _) = idx.scan(&text.to_ascii_lowercase());
        let got: Vec<(&str, &str)> = m
            .iter()
            .map(|m| (kb.entities[m.entity].id.as_str(), m.span.slice(text)))
            .collect();
        assert_eq!(got, [("wh", "White House"), ("house", "House")]);
    }
}

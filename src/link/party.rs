//! The parties a claim's clause names: the buyers, countries and other names a figure
//! belongs to. `consistency::other-party` reads them: "a $120 million sale to Belgium" and
//! "a $1.5 billion sale to Canada" count the same words, but each clause names another
//! party, so they are two deals, not one deal given two values.
//!
//! A party is a KB entity named in the clause (not an authority: the State Department that
//! approves every sale names no buyer), or a run of capitalised words the KB does not know
//! ("Belgium", "U.K."). Words that are capitalised for another reason are no party: the
//! sentence's first word, words of [`NOT_NAMES`], months and weekdays, model designations
//! ("AGM-114R"), what a figure counts ("170 Hellfire missiles"), the authority of a state
//! claim, the dateline, and every word of a headline set in title case.

use super::linker::clause_span;
use crate::entity::Mention;
use crate::extract::{Claim, ClaimValue};
use crate::kb::Kb;
use crate::span::Span;
use crate::text::{Document, TokKind};
use foldhash::HashSet;
use std::cell::OnceCell;

/// Capitalised words that name no party: determiners, pronouns, prepositions and
/// sentence adverbs that begin a clause ("Meanwhile Romania …"), and words that stand
/// before a name ("Neighbouring Montenegro").
pub(super) const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "They",
    "Their",
    "He",
    "She",
    "We",
    "In",
    "On",
    "At",
    "By",
    "For",
    "And",
    "But",
    "Of",
    "As",
    "With",
    "After",
    "Before",
    "Under",
    "Officials",
    "Some",
    "Most",
    "All",
    "Both",
    "Each",
    "Such",
    "Neighbouring",
    "Neighboring",
    "Nearby",
    "Meanwhile",
    "Also",
    "Only",
    "There",
    "Here",
    "When",
    "While",
    "If",
    "Now",
    "Then",
    "So",
    "Yet",
    "Still",
];

/// Whether capitalised word `w` may be (part of) a name: not a word of [`NOT_NAMES`], a
/// month or a weekday.
pub(super) fn may_name(w: &str) -> bool {
    !NOT_NAMES.contains(&w)
        && crate::extract::date::month_number(w).is_none()
        && !crate::date::WEEKDAYS.contains(&w)
}

/// One party named in a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Party {
    /// A KB entity, by index.
    Entity(usize),
    /// A name the KB does not know, lower case, without the dots of an abbreviation
    /// ("U.K." is "uk").
    Name(String),
}

/// The article as the party reader needs it.
pub struct PartyReader<'a> {
    kb: &'a Kb,
    doc: &'a Document,
    claims: &'a [Claim],
    /// The article's entity mentions, sorted by start.
    mentions: &'a [Mention],
    dateline: Option<Span>,
    /// The capitalised words that stand somewhere other than first in their sentence,
    /// gathered the first time a sentence's first word is read.
    mid_sentence: OnceCell<HashSet<&'a str>>,
}

impl<'a> PartyReader<'a> {
    pub fn new(
        kb: &'a Kb,
        doc: &'a Document,
        claims: &'a [Claim],
        mentions: &'a [Mention],
        dateline: Option<Span>,
    ) -> PartyReader<'a> {
        PartyReader {
            kb,
            doc,
            claims,
            mentions,
            dateline,
            mid_sentence: OnceCell::new(),
        }
    }

    /// The parties claim `ci`'s clause names outside its own noun phrase, each with the
    /// span that names it, in the text's order.
    pub fn parties(&self, ci: usize) -> Vec<(Party, Span)> {
        let doc = self.doc;
        let claim = &self.claims[ci];
        let clause = clause_span(doc, claim);
        let np = claim
            .of
            .as_ref()
            .map_or(claim.span, |(_, sp)| sp.join(claim.span));
        // The claims of the clause: what they count is a thing, not a party, and the
        // authority of a state claim ("The State Department approved") is no buyer.
        let lo = self.claims.partition_point(|c| c.span.start < clause.start);
        let hi = self.claims.partition_point(|c| c.span.start < clause.end);
        let near = &self.claims[lo..hi];
        let excluded = |sp: Span| {
            np.contains(sp)
                || self.dateline.is_some_and(|d| d.contains(sp))
                || near.iter().any(|c| {
                    c.of.as_ref().is_some_and(|(_, of)| of.contains(sp))
                        || matches!(c.value, ClaimValue::Status { .. }) && c.span.contains(sp)
                })
        };
        let mut out: Vec<(Party, Span)> = Vec::new();
        let mlo = self
            .mentions
            .partition_point(|m| m.span.start < clause.start);
        let mhi = self.mentions.partition_point(|m| m.span.start < clause.end);
        let mentions = &self.mentions[mlo..mhi];
        for m in mentions {
            if !self.kb.entities[m.entity].authority && !excluded(m.span) {
                out.push((Party::Entity(m.entity), m.span));
            }
        }
        // Names the KB does not know: runs of capitalised words, read only where
        // capitals mark names (not in a title-case headline).
        let sentence = &doc.sentences[claim.sentence];
        if title_case(doc, sentence.tokens) {
            return out;
        }
        let toks = &doc.tokens;
        let (first, last) = sentence.tokens;
        // The sentence's first word is capitalised for being first.
        let first_word = (first..last)
            .find(|&k| toks[k].kind == TokKind::Alnum)
            .unwrap_or(first);
        let tlo = toks.partition_point(|t| t.span.start < clause.start);
        let thi = toks.partition_point(|t| t.span.start < clause.end);
        let mut run: Option<(String, Span)> = None;
        let mut k = tlo;
        while k < thi {
            let t = toks[k];
            let w = doc.slice(t.span);
            let word = t.kind == TokKind::Alnum
                && (k != first_word || self.named_mid_sentence(w))
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && may_name(w)
                && !excluded(t.span)
                && !mentions.iter().any(|m| m.span.contains(t.span))
                // A model designation ("AGM-114R", "PAC-3") names a thing.
                && !doc.text.get(t.span.end..).is_some_and(|r| {
                    r.starts_with('-') && r[1..].starts_with(|c: char| c.is_ascii_digit())
                });
            // An abbreviation's letter keeps its dot ("U.K."): the dot joins, it does not end.
            let dotted = word
                && w.len() == 1
                && toks
                    .get(k + 1)
                    .is_some_and(|d| !d.gap && doc.slice(d.span) == ".");
            if !word || (w.len() == 1 && !dotted) {
                if let Some(r) = run.take() {
                    push_name(&mut out, r);
                }
                k += 1;
                continue;
            }
            // A word joins the run before it when only a space (or an abbreviation's dot)
            // lies between.
            let joins = run.as_ref().is_some_and(|(_, sp)| {
                doc.text
                    .get(sp.end..t.span.start)
                    .is_some_and(|between| between.is_empty() || between == " ")
            });
            let lower = w.to_lowercase();
            match (&mut run, joins) {
                (Some((key, sp)), true) => {
                    if !(key.len() == 1 || w.len() == 1) {
                        key.push(' ');
                    }
                    key.push_str(&lower);
                    *sp = sp.join(t.span);
                }
                _ => {
                    if let Some(r) = run.take() {
                        push_name(&mut out, r);
                    }
                    run = Some((lower, t.span));
                }
            }
            if dotted {
                // The dot belongs to the abbreviation's span.
                if let Some((_, sp)) = &mut run {
                    *sp = sp.join(toks[k + 1].span);
                }
                k += 2;
            } else {
                k += 1;
            }
        }
        if let Some(r) = run.take() {
            push_name(&mut out, r);
        }
        out.sort_by_key(|(_, sp)| sp.start);
        out
    }

    /// Whether `w`, capitalised, stands somewhere in the article where it is not its
    /// sentence's first word: a sentence's first word is capitalised for being first, so
    /// it is read as a name only where the article writes it so elsewhere ("Belgium will
    /// get …" after "a sale to Belgium").
    fn named_mid_sentence(&self, w: &str) -> bool {
        self.mid_sentence
            .get_or_init(|| {
                let doc = self.doc;
                let mut names = HashSet::default();
                for sent in &doc.sentences {
                    let (first, last) = sent.tokens;
                    let words = doc.tokens[first..last]
                        .iter()
                        .filter(|t| t.kind == TokKind::Alnum)
                        .skip(1)
                        .map(|t| doc.slice(t.span));
                    names
                        .extend(words.filter(|w| w.chars().next().is_some_and(char::is_uppercase)));
                }
                names
            })
            .contains(w)
    }
}

/// Adds a run of capitalised words as a name, unless it is one letter ("I").
fn push_name(out: &mut Vec<(Party, Span)>, (key, span): (String, Span)) {
    if key.chars().count() > 1 {
        out.push((Party::Name(key), span));
    }
}

/// Whether the sentence of tokens `[first, last)` is set in title case ("Belgium Cleared
/// For Hellfire Sale"): of its words of four letters or more after the first, at least
/// three, hardly any (a fifth at most) is in lower case. Its capitals then mark no names.
/// (Counting capitalised words instead would take a sentence full of names, "… to Bosnia
/// and Herzegovina, the Defense Security Cooperation Agency said", for a headline.)
fn title_case(doc: &Document, (first, last): (usize, usize)) -> bool {
    let (mut words, mut lower) = (0usize, 0usize);
    for t in doc.tokens[first..last]
        .iter()
        .filter(|t| t.kind == TokKind::Alnum)
        .skip(1)
        .take(40)
    {
        let w = doc.slice(t.span);
        if w.len() >= 4 && w.chars().all(char::is_alphabetic) {
            words += 1;
            lower += usize::from(w.chars().next().is_some_and(char::is_lowercase));
        }
    }
    words >= 3 && lower * 5 <= words
}

/// Whether two clauses' parties show two parties: each names one the other does not. Gives
/// the spans of the two (`a`'s, then `b`'s), or `None` when either names none or one's
/// parties are all the other's.
pub fn other_parties(a: &[(Party, Span)], b: &[(Party, Span)]) -> Option<(Span, Span)> {
    let only = |x: &[(Party, Span)], y: &[(Party, Span)]| {
        x.iter()
            .find(|(p, _)| !y.iter().any(|(q, _)| q == p))
            .map(|&(_, sp)| sp)
    };
    Some((only(a, b)?, only(b, a)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{self, Context};
    use crate::link::Prepared;

    const KB: &str = r#"
[[entity]]
id = "romania"
names = ["Romania"]

[[entity]]
id = "hellfire"
names = ["Hellfire"]

[[entity]]
id = "state-department"
kind = "authority"
names = ["State Department"]
"#;

    /// The parties the clause of the claim beginning with `claim` names, as the text
    /// that names each.
    fn parties(text: &str, claim: &str) -> Vec<(String, String)> {
        let mut files = crate::kb::embedded_language();
        files.push(("kb.toml".into(), KB.into()));
        let kb = crate::kb::load_sources(files).expect("test KB loads");
        let lexicon = kb.lexicon().expect("lexicon builds");
        let doc = Document::new(text.to_string());
        let claims = extract::extract(&doc, &Context::default(), lexicon);
        let mentions = Prepared::new(&kb)
            .link(&doc, &claims, None, None, false)
            .mentions;
        let ci = claims
            .iter()
            .position(|c| doc.slice(c.span).starts_with(claim))
            .unwrap_or_else(|| panic!("no claim “{claim}” in {text:?}"));
        PartyReader::new(&kb, &doc, &claims, &mentions, None)
            .parties(ci)
            .into_iter()
            .map(|(p, sp)| {
                let key = match p {
                    Party::Entity(e) => format!("entity {}", kb.entities[e].id),
                    Party::Name(n) => format!("name {n}"),
                };
                (key, doc.slice(sp).to_string())
            })
            .collect()
    }

    fn pair(key: &str, text: &str) -> (String, String) {
        (key.to_string(), text.to_string())
    }

    #[test]
    fn kb_entities_and_unknown_names_are_parties() {
        assert_eq!(
            parties(
                "Officials cleared a $120 million military sale to Romania.",
                "$120"
            ),
            [pair("entity romania", "Romania")]
        );
        assert_eq!(
            parties(
                "Officials cleared a $120 million military sale to Belgium.",
                "$120"
            ),
            [pair("name belgium", "Belgium")]
        );
        // An abbreviation keeps its dots in the span and loses them in the key.
        assert_eq!(
            parties(
                "Officials cleared a $120 million military sale to the U.K. on Monday.",
                "$120"
            ),
            [pair("name uk", "U.K.")]
        );
        // Words of one name are one party.
        assert_eq!(
            parties(
                "Officials cleared a $120 million military sale to New Zealand.",
                "$120"
            ),
            [pair("name new zealand", "New Zealand")]
        );
    }

    #[test]
    fn capitals_that_name_no_party_are_not_read() {
        // An authority approves every sale: it names no buyer.
        assert_eq!(
            parties(
                "The State Department approved a $120 million military sale.",
                "$120"
            ),
            []
        );
        // What a figure counts, a model designation, a month and a weekday.
        assert_eq!(
            parties(
                "On Monday in May officials cleared 40 Hellfire missiles and 12 AGM-114R launchers.",
                "40"
            ),
            []
        );
        // Another clause's names are not this clause's.
        assert_eq!(
            parties(
                "Officials cleared a $120 million military sale, Belgium said.",
                "$120"
            ),
            []
        );
        // A headline in title case: its capitals mark no names.
        assert_eq!(
            parties(
                "Officials Clear $120 Million Military Sale For Belgium",
                "$120"
            ),
            []
        );
        // A sentence full of names is no headline.
        assert_eq!(
            parties(
                "The State Department approved a possible $100 million military sale to Bosnia and Herzegovina, the Defense Security Cooperation Agency said.",
                "$100"
            ),
            [
                pair("name bosnia", "Bosnia"),
                pair("name herzegovina", "Herzegovina")
            ]
        );
    }

    #[test]
    fn a_first_word_is_a_name_only_where_the_article_writes_it_so_elsewhere() {
        let alone = "Belgium will receive 40 training rounds.";
        assert_eq!(parties(alone, "40"), []);
        let named = "Officials cleared a sale to Belgium. Belgium will receive 40 training rounds.";
        assert_eq!(parties(named, "40"), [pair("name belgium", "Belgium")]);
        // A KB entity is a party wherever it stands.
        assert_eq!(
            parties("Romania will receive 40 training rounds.", "40"),
            [pair("entity romania", "Romania")]
        );
    }

    #[test]
    fn two_parties_need_one_each_side() {
        let p = |n: &str, at: usize| (Party::Name(n.to_string()), Span::new(at, at + 1));
        let (a, b, ab) = (
            [p("belgium", 0)],
            [p("canada", 5)],
            [p("belgium", 7), p("canada", 9)],
        );
        assert_eq!(
            other_parties(&a, &b),
            Some((Span::new(0, 1), Span::new(5, 6)))
        );
        assert_eq!(other_parties(&a, &ab), None);
        assert_eq!(other_parties(&ab, &b), None);
        assert_eq!(other_parties(&a, &[]), None);
        assert_eq!(other_parties(&[], &b), None);
        assert_eq!(other_parties(&a, &a), None);
    }
}

//! Claim extraction: every count, money amount, percentage, date and approval state an article
//! states, each with its exact byte span, its qualifier and (for counts) the thing counted.
//! Nothing here knows the KB's facts; the checker compares claims with records later.

pub mod approval;
pub mod date;
pub mod money;
pub mod number;
pub mod phrase_syntax;

use crate::date::{Date, DateValue};
use crate::span::Span;
use crate::state::State;
use crate::text::{Document, TokKind};
use crate::words::{self, WordMap, WordSet};
use money::Currency;
use number::{Num, Reader};
use rust_decimal::Decimal;
use serde::Serialize;

/// How a stated value is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    /// about, around, roughly, some, an estimated
    Approximate,
    /// more than, over, at least, upwards of
    LowerBound,
    /// less than, under, up to, fewer than, at most
    UpperBound,
    /// nearly, almost, just under
    JustBelow,
    /// between X and Y, X to Y, X-Y
    Range,
    /// dozens, hundreds of
    Vague,
}

impl Qualifier {
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approximate => "approximate",
            Qualifier::LowerBound => "lower_bound",
            Qualifier::UpperBound => "upper_bound",
            Qualifier::JustBelow => "just_below",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Unit {
    Count,
    Money(Option<Currency>),
    Percent,
}

/// A stated quantity: a value (or `[min, max]` for ranges and vague magnitudes) with its
/// qualifier and resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub unit: Unit,
    pub value: Decimal,
    /// Upper end for `Range` and `Vague` (then `value` is the lower end).
    pub max: Option<Decimal>,
    pub qualifier: Qualifier,
    /// The place value of the last stated digit (see [`number::Num::resolution`]).
    pub resolution: Decimal,
    /// An upper bound in words that restate a ceiling ("up to 600", "as many as 600", "a
    /// maximum of 600"), not a comparison ("fewer than 700"): against a KB figure that is
    /// itself a ceiling (`ceiling = true`), the bound is the value (see
    /// [`crate::compare::figure_verdict`]).
    pub ceiling: bool,
}

/// The value of a claim.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimValue {
    Quantity(Quantity),
    Date(DateValue),
    Status {
        /// Authority entity id; `None` for what happens to the deal itself ("arrived").
        authority: Option<String>,
        authority_span: Option<Span>,
        state: State,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Number,
    Count,
    Money,
    Percent,
    Date,
    Status,
}

/// One claim read from an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The claim's text: qualifier and value ("about $80 million", "dozens of soldiers").
    pub span: Span,
    /// Just the figure ("$80 million", "246"): where a finding points.
    pub value_span: Span,
    pub value: ClaimValue,
    /// The thing counted ("Javelin missiles") or priced ("package"), with its span.
    pub of: Option<(String, Span)>,
    /// The same amount given in other currencies beside it ("€800 million ($870 million)").
    pub conversions: Vec<(Currency, Decimal)>,
    pub sentence: usize,
}

impl Claim {
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.value {
            ClaimValue::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

/// What extraction may know about the article beyond its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The article's date, to resolve "on Thursday" and dates without a year.
    pub date: Option<Date>,
}

/// Words that end a counted noun phrase.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "for",
    "to",
    "from",
    "by",
    "with",
    "under",
    "over",
    "into",
    "about",
    "than",
    "as",
    "per",
    "or",
    "but",
    "nor",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "do",
    "does",
    "did",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "this",
    "these",
    "those",
    "it",
    "its",
    "their",
    "they",
    "he",
    "she",
    "we",
    "you",
    "i",
    "also",
    "each",
    "ago",
    "earlier",
    "later",
    "more",
    "less",
    "fewer",
    "and",
    "said",
    "says",
    "say",
    "including",
    "include",
    "includes",
    "included",
    "while",
    "when",
    "where",
    "after",
    "before",
    "since",
    "until",
    "during",
    "if",
    "so",
    "not",
    "no",
    "only",
    "just",
    "still",
    "already",
    "yet",
    "then",
    "there",
    "here",
    "all",
    "both",
    "such",
    "other",
    "another",
    "some",
    "any",
    "percent",
    "per",
    "cent",
    "worth",
    "valued",
    "totaling",
    "totalling",
    "total",
    "apiece",
    "respectively",
    "altogether",
    "overall",
    "instead",
    "plus",
    "minus",
    "via",
    "against",
    "between",
    "among",
    "amid",
    "across",
    "through",
    "within",
    "without",
    "toward",
    "towards",
    "up",
    "down",
    "out",
    "off",
    "onto",
    "upon",
    "like",
    "unlike",
    "what",
    "how",
    "why",
];

/// Common verbs, present and past, that follow a counted noun ("drones flew"), and time
/// words that start an adverbial ("next year").
const VERBS: &[&str] = &[
    "flew",
    "fly",
    "flies",
    "went",
    "go",
    "goes",
    "came",
    "come",
    "comes",
    "took",
    "take",
    "takes",
    "made",
    "make",
    "makes",
    "left",
    "fell",
    "rose",
    "grew",
    "began",
    "saw",
    "got",
    "ran",
    "sent",
    "send",
    "bought",
    "buy",
    "buys",
    "sold",
    "sell",
    "held",
    "hold",
    "led",
    "met",
    "paid",
    "pay",
    "told",
    "arrive",
    "arrives",
    "remain",
    "remains",
    "stay",
    "stays",
    "serve",
    "serves",
    "join",
    "joins",
    "reach",
    "reaches",
    "cost",
    "costs",
    "need",
    "needs",
    "require",
    "requires",
    "face",
    "faces",
    "became",
    "become",
    "becomes",
    "kept",
    "keep",
    "keeps",
    "won",
    "lost",
    "fought",
    "fight",
    "fights",
    "stood",
    "stand",
    "stands",
    "deploy",
    "deploys",
    "participate",
    "participates",
    "return",
    "returns",
    "belong",
    "belongs",
    "next",
    "last",
    "every",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "still",
    "again",
];

fn is_stop(w: &str) -> bool {
    static WORDS: std::sync::LazyLock<WordSet> =
        std::sync::LazyLock::new(|| WordSet::new(STOP.iter().chain(VERBS).copied()));
    WORDS.contains(&words::lowercase(w))
        || date::month_number(w).is_some()
        || crate::date::WEEKDAYS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(w))
}

/// Units of time: "two decades" counts no thing.
const TIME_UNITS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "decade",
    "decades",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "century",
    "centuries",
];

/// Capitalised words before a number that make it a designation, not a quantity.
const DESIGNATORS: &[&str] = &[
    "block",
    "type",
    "mk",
    "mark",
    "model",
    "lot",
    "flight",
    "phase",
    "increment",
    "tranche",
    "section",
    "article",
    "title",
    "chapter",
    "rule",
    "resolution",
    "no",
    "nr",
    "number",
    "unit",
    "squadron",
    "wing",
    "brigade",
    "battalion",
    "regiment",
    "division",
    "corps",
    "company",
    "fleet",
    "group",
    "task",
    "force",
    "route",
    "highway",
    "gate",
    "room",
    "page",
    "paragraph",
    "clause",
    "annex",
    "amendment",
    "bill",
    "act",
    "h.r",
    "s",
    "version",
    "v",
    "release",
    "series",
    "batch",
    "stage",
    "level",
    "class",
    "grade",
    "tier",
    "step",
    "item",
    "exhibit",
    "figure",
    "table",
    "district",
    "precinct",
    "ward",
    "channel",
    "episode",
    "season",
    "vol",
    "volume",
    "issue",
    "case",
    "docket",
    "cve",
    "covid",
    "apollo",
    "su",
    "mig",
    "tu",
    "il",
];

/// Words before a tally ("voted 79 to 18", "passed 311-112").
const TALLY_CUES: &[&str] = &[
    "vote",
    "voted",
    "votes",
    "voting",
    "passed",
    "tally",
    "margin",
    "defeated",
    "score",
    "scored",
    "won",
    "lost",
    "beat",
    "record",
    "split",
    "approved",
    "rejected",
    "confirmed",
];

/// Nouns a tally describes when they follow it ("an 80-19 vote", "a 5-4 ruling").
const TALLY_NOUNS: &[&str] = &[
    "vote", "votes", "decision", "majority", "margin", "ruling", "verdict", "win", "victory",
    "defeat", "loss", "split", "tally", "score",
];

/// Nouns that make a number hyphened to them a modifier ("a two-shift schedule", "a
/// 30-strong team"), with the units of time and measure.
const MODIFIER_NOUNS: &[&str] = &[
    "shift", "strong", "member", "man", "person", "seat", "point", "page", "storey", "story",
    "lane", "night", "stage", "hour", "day", "week", "month", "year", "decade", "minute", "second",
    "century",
];

/// A word of the "-illion" family that is not one of the scales the grammar knows
/// ("quadrillion", "zillion").
fn unknown_scale(w: &str) -> bool {
    let l = words::lowercase(w);
    (l.ends_with("illion") || l.ends_with("illions")) && number::word_scale(&l).is_none()
}

const APPROX: &[&[&str]] = &[
    &["an", "estimated"],
    &["estimated"],
    &["about"],
    &["around"],
    &["roughly"],
    &["approximately"],
    &["approx"],
    &["some"],
    &["circa"],
    &["close", "to"],
    &["~"],
];
const LOWER: &[&[&str]] = &[
    &["more", "than"],
    &["over"],
    &["at", "least"],
    &["upwards", "of"],
    &["upward", "of"],
    &["in", "excess", "of"],
    &["greater", "than", "or", "equal", "to"],
    &["greater", "than"],
    &["larger", "than"],
    &["bigger", "than"],
    &["higher", "than"],
    &["above"],
    &["exceeding"],
    &["exceeds"],
    &["exceed"],
    &["no", "less", "than"],
    &["no", "fewer", "than"],
    &["not", "less", "than"],
    &["a", "minimum", "of"],
    &["at", "least", "or", "equal", "to"],
    &["more", "than", "or", "equal", "to"],
    &[">", "="],
    &["≥"],
    &[">"],
];
const UPPER: &[&[&str]] = &[
    &["less", "than", "or", "equal", "to"],
    &["less", "than"],
    &["fewer", "than"],
    &["under"],
    &["up", "to"],
    &["at", "most"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["below"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["a", "maximum", "of"],
    &["smaller", "than"],
    &["lower", "than"],
    &["<", "="],
    &["≤"],
    &["<"],
];
const JUST_BELOW: &[&[&str]] = &[
    &["nearly"],
    &["almost"],
    &["just", "under"],
    &["just", "below"],
    &["just", "shy", "of"],
    &["slightly", "less", "than"],
    &["a", "little", "under"],
];

/// The upper bounds of [`UPPER`] that restate a ceiling rather than compare with one.
const CEILING: &[&[&str]] = &[
    &["up", "to"],
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["a", "maximum", "of"],
];

/// The qualifier phrases that start with this token, in table order (most tokens start
/// none: one lookup, not a try of every phrase).
fn qualifiers_starting(token: &str) -> &'static [(&'static [&'static str], Qualifier)] {
    type Phrases = Vec<(&'static [&'static str], Qualifier)>;
    static BY_FIRST: std::sync::LazyLock<WordMap<Phrases>> = std::sync::LazyLock::new(|| {
        let mut m: WordMap<Phrases> = WordMap::default();
        for (table, q) in [
            (JUST_BELOW, Qualifier::JustBelow),
            (LOWER, Qualifier::LowerBound),
            (UPPER, Qualifier::UpperBound),
            (APPROX, Qualifier::Approximate),
        ] {
            for p in table {
                if let Some(first) = p.first() {
                    m.entry(first).push((p, q));
                }
            }
        }
        m
    });
    // In lower case already (most words), the second look-up would be the first again.
    BY_FIRST
        .get(token)
        .or_else(|| {
            if !token.bytes().any(|b| b.is_ascii_uppercase()) {
                return None;
            }
            words::with_ascii_lower(token, |l| BY_FIRST.get(l)).flatten()
        })
        .map_or(&[], Vec::as_slice)
}

/// For each token, whether a numeric token is at most [`LEAD`] tokens after it.
fn near_numeric(numeric: &[bool]) -> Vec<bool> {
    let mut near = vec![false; numeric.len()];
    let mut next = usize::MAX;
    for k in (0..numeric.len()).rev() {
        if numeric[k] {
            next = k;
        }
        near[k] = next != usize::MAX && next - k <= LEAD;
    }
    near
}

/// Whether a claim may start at a non-numeric token: a currency code or prefix ("USD", "NT",
/// "US"), a dollar prefix or code before a "$" ("c $ 16.4 million"), a range's first word
/// ("between", "from"), "on" (a weekday), a sign or article read with the number ("minus",
/// "a"), a qualifier whose words are all here ("more than", "at least"), a period before
/// digits (".08"), or punctuation other than the commas, stops, quotes and closing brackets
/// that start nothing. (Tests compare the claims with those read trying every token.)
fn may_start(r: &Reader<'_>, i: usize) -> bool {
    const OWN: [&str; 11] = [
        "between", "from", "on", "minus", "negative", "a", "an", "tens", "percent", "percents",
        "per",
    ];
    // Those and every qualifier's first word: most words are none, and pass one look-up.
    static STARTERS: std::sync::LazyLock<WordSet> = std::sync::LazyLock::new(|| {
        WordSet::new(
            [APPROX, LOWER, UPPER, JUST_BELOW]
                .iter()
                .flat_map(|list| list.iter().filter_map(|p| p.first().copied()))
                .chain(OWN),
        )
    });
    let t = r.text(i);
    let Some(c) = t.chars().next() else {
        return false;
    };
    if !c.is_alphabetic() {
        return match t {
            // ".08": a decimal without its zero.
            "." => r.glued(i + 1) && r.text(i + 1).starts_with(|c: char| c.is_ascii_digit()),
            // Punctuation no date, amount, qualifier, phone number or sign starts with.
            "," | ";" | ":" | "'" | "\"" | "’" | "‘" | "“" | "”" | ")" | "]" | "!" | "?" | "…" => {
                false
            }
            _ => true,
        };
    }
    if t.len() <= 4 && t.chars().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    if r.text(i + 1) == "$" && money::may_prefix_dollar(t) {
        return true;
    }
    words::with_ascii_lower(t, |l| {
        STARTERS.contains(l)
            && (OWN.contains(&l)
                || qualifiers_starting(l)
                    .iter()
                    .any(|(p, _)| p.iter().enumerate().skip(1).all(|(k, w)| r.is(i + k, w))))
    })
    .unwrap_or(false)
}

/// Extracts every claim in a document, in text order.
/// How many tokens a claim may start before its first numeric token ("no fewer than 246",
/// "as many as 24", "upwards of $75 million").
const LEAD: usize = 6;

pub fn extract(doc: &Document, ctx: &Context, lexicon: &approval::Lexicon) -> Vec<Claim> {
    extract_with(doc, ctx, lexicon, true)
}

/// [`extract`], optionally trying every token as a claim's start (tests compare the two).
#[doc(hidden)]
pub fn extract_with(
    doc: &Document,
    ctx: &Context,
    lexicon: &approval::Lexicon,
    anchored: bool,
) -> Vec<Claim> {
    let mut claims = Extractor {
        r: Reader::new(doc),
        ctx,
        // Room for a claim in every dozen tokens (dense copy has that many).
        out: Vec::with_capacity(doc.tokens.len() / 12 + 4),
    }
    .run(anchored);
    claims.extend(lexicon.find(doc));
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}

struct Extractor<'d, 'c> {
    r: Reader<'d>,
    ctx: &'c Context,
    out: Vec<Claim>,
}

/// A value read at a position, before qualifiers and the counted thing are attached.
#[derive(Debug, Clone, Copy)]
struct Base {
    unit: Unit,
    num: Num,
    start: usize,
    end: usize,
}

impl<'d> Extractor<'d, '_> {
    fn doc(&self) -> &'d Document {
        self.r.doc
    }

    fn span(&self, a: usize, b: usize) -> Span {
        let t = &self.doc().tokens;
        Span::new(t[a].span.start, t[b - 1].span.end)
    }

    /// Reads claims left to right. Every claim has a numeric token (see
    /// [`number::may_be_numeric`]) within [`LEAD`] tokens of its start, so reading starts
    /// only there: most words of prose are passed over with one table look-up.
    fn run(mut self, anchored: bool) -> Vec<Claim> {
        let n = self.r.len();
        let numeric: Vec<bool> = (0..n)
            .map(|k| anchored && number::may_be_numeric(self.r.text(k)))
            .collect();
        let near = if anchored {
            near_numeric(&numeric)
        } else {
            vec![true; n]
        };
        let mut i = 0;
        while i < n {
            if !near[i] || anchored && !numeric[i] && !may_start(&self.r, i) {
                i += 1;
                continue;
            }
            i = self.step(i).max(i + 1);
        }
        self.elided_nouns();
        self.out
    }

    /// "12 tanks this year, 30 in 2026 and 16 in 2027", "8 launchers, plus 4 more": a bare
    /// number listed after a count, with no noun of its own, counts the list's first noun.
    fn elided_nouns(&mut self) {
        // Words that may follow a count whose noun is left out.
        const AFTER: &[&str] = &[
            "in", "on", "by", "more", "of", "were", "was", "are", "is", "will", "would", "have",
            "had", "has", "for", "from", "next", "this", "last", "later", "arrived", "so", "to",
        ];
        let toks = &self.r.doc.tokens;
        let at = |offset: usize| toks.partition_point(|t| t.span.start < offset);
        let mut last: Option<usize> = None;
        for k in 0..self.out.len() {
            let c = &self.out[k];
            match c.kind {
                ClaimKind::Count if c.of.is_some() => {
                    last = Some(k);
                    continue;
                }
                ClaimKind::Date => continue,
                ClaimKind::Number => {}
                _ => {
                    last = None;
                    continue;
                }
            }
            let Some(p) = last.filter(|&p| self.out[p].sentence == c.sentence) else {
                continue;
            };
            let whole = c.quantity().is_some_and(|q| {
                q.unit == Unit::Count
                    && q.max.is_none()
                    && q.value >= Decimal::ZERO
                    && q.value.fract().is_zero()
            });
            let (first, after) = (at(c.span.start), at(c.value_span.end));
            let r = &self.r;
            let listed = first > 0 && matches!(&*r.lower(first - 1), "," | "and" | "plus");
            let bare = !r.same_sentence(first, after)
                || !r.is_word(after) && !r.text(after).starts_with(|ch: char| ch.is_alphanumeric())
                || AFTER.contains(&&*r.lower(after));
            let near = first.saturating_sub(at(self.out[p].span.end)) <= 12;
            if whole && listed && bare && near {
                let of = self.out[p].of.clone();
                let c = &mut self.out[k];
                c.kind = ClaimKind::Count;
                c.of = of;
                last = Some(k);
            } else {
                last = None;
            }
        }
    }

    /// Reads whatever claim starts at token `i` and returns the next token index.
    fn step(&mut self, i: usize) -> usize {
        if let Some((d, end)) = date::date_at(&self.r, i, self.ctx.date) {
            if let Some(value) = d {
                // "early March", "last September", "mid-March": the words before a month
                // that say which part or which one.
                let r = &self.r;
                let lead =
                    |k: usize| r.same_sentence(k, i) && date::MONTH_LEAD.contains(&&*r.lower(k));
                let start = match value {
                    DateValue::MonthOnly(_) if i >= 1 && lead(i - 1) => i - 1,
                    DateValue::MonthOnly(_) if i >= 2 && r.text(i - 1) == "-" && lead(i - 2) => {
                        i - 2
                    }
                    _ => i,
                };
                let span = self.span(start, end);
                self.out.push(Claim {
                    kind: ClaimKind::Date,
                    span,
                    value_span: span,
                    value: ClaimValue::Date(value),
                    of: None,
                    conversions: vec![],
                    sentence: self.doc().tokens[i].sentence,
                });
            }
            return end;
        }
        if let Some(skip) = self.not_a_quantity(i) {
            return skip;
        }
        // The rare forms below are read out of line, each behind a test of its first token,
        // so that the common path (a number and its noun) stays small in the instruction cache.
        let t = self.r.text(i);
        if t.contains(',') && self.comma_list(i) {
            return i + 1;
        }
        // Their first words ("percent", "per", "dozens", "scores", "hundreds", "thousands",
        // "tens", "millions", "between", "from") start with one of these ASCII letters.
        if t.as_bytes().first().is_some_and(|&b| {
            b.is_ascii_alphabetic()
                && matches!(
                    b.to_ascii_lowercase(),
                    b'p' | b'd' | b's' | b'h' | b't' | b'm' | b'b' | b'f'
                )
        }) && let Some(end) = self.word_first(i)
        {
            return end;
        }
        let (qual, at) = self.prefix_qualifier(i);
        let Some(base) = self.base(at) else {
            return i + 1;
        };
        let base = self.digits_in_brackets(base);
        if base.num.bare_integer && qual.is_none() && self.is_year(&base) {
            // A year is a date claim ("in 2023"), never a count.
            self.push_year(i, base);
            return base.end;
        }
        if self.pronoun_one(&base) {
            return base.end;
        }
        // "$1.2 quadrillion", "a zillion rounds": a scale the grammar does not know drops the
        // claim, never just its scale.
        if unknown_scale(self.r.text(base.end)) && self.r.is_word(base.end) {
            return base.end + 1;
        }
        // "a 20-hour schedule", "two-shift", "a five-year plan": a number in a compound
        // modifier of time or measure counts nothing.
        if let Some(end) = self.compound_modifier(base) {
            return end;
        }
        // "200 to 250", "200-250", "$1 billion to $1.2 billion"
        if self.may_pair(qual, base.end)
            && let Some(end) = self.range_pair(i, qual, base)
        {
            return end;
        }
        if self.is_tally(base) {
            return self.skip_tally(base.end);
        }
        // "about 500 or more": a bound after the value says more than "about" before it.
        let (qualifier, end) = match qual {
            Some(Qualifier::Approximate) | None => match self.suffix_qualifier(base.end) {
                (Qualifier::Exact, e) => (qual.unwrap_or(Qualifier::Exact), e),
                bound => bound,
            },
            Some(q) => (q, base.end),
        };
        let ceiling = qualifier == Qualifier::UpperBound
            && qual == Some(Qualifier::UpperBound)
            && CEILING
                .iter()
                .any(|p| p.iter().enumerate().all(|(k, w)| self.r.is(i + k, w)));
        let q = Quantity {
            unit: base.unit,
            value: base.num.value,
            max: None,
            qualifier,
            resolution: base.num.resolution,
            ceiling,
        };
        // Past any conversion given beside the amount, so it is not read twice.
        self.push_quantity(i, base, end, q)
    }

    /// A claim read from its first word: "percent of 10", "dozens of soldiers", "between 20
    /// and 30".
    // Out of line: most claims start at a number (see `step`); not cold, as number words and
    // qualifiers that start claims ask too.
    #[inline(never)]
    fn word_first(&mut self, i: usize) -> Option<usize> {
        let is = |r: &Reader<'_>, w: &str| r.is(i, w);
        if (is(&self.r, "percent") || is(&self.r, "percents") || is(&self.r, "per"))
            && let Some(end) = self.percent_of(i)
        {
            return Some(end);
        }
        if let Some(end) = self.vague(i) {
            return Some(end);
        }
        if is(&self.r, "between") || is(&self.r, "from") {
            return self.range_between(i);
        }
        None
    }

    /// A year's date claim ("in 2023").
    // Out of line: taken for few numbers, and kept out of the common path's code.
    #[cold]
    #[inline(never)]
    fn push_year(&mut self, i: usize, base: Base) {
        if let Some(y) = year_number(base.num.value) {
            let span = self.span(base.start, base.end);
            self.out.push(Claim {
                kind: ClaimKind::Date,
                span,
                value_span: span,
                value: ClaimValue::Date(DateValue::Year(y)),
                of: None,
                conversions: vec![],
                sentence: self.doc().tokens[i].sentence,
            });
        }
    }

    fn push_quantity(&mut self, start: usize, base: Base, end: usize, q: Quantity) -> usize {
        let sentence = self.doc().tokens[start].sentence;
        let mut claim_end = end;
        let mut conversions = vec![];
        if let Unit::Money(Some(cur)) = q.unit {
            let (conv, e) = self.conversion(end, cur);
            conversions = conv;
            claim_end = e.max(end);
        }
        let of = match q.unit {
            Unit::Count => self.counted(
                self.after_brackets(base, claim_end),
                q.value != Decimal::ONE,
            ),
            Unit::Money(_) => self.priced(claim_end),
            Unit::Percent => None,
        };
        let mut of = of;
        if q.unit == Unit::Count
            && let Some((noun, _)) = &of
        {
            // "weighs 12 pounds", "flies 300 kilometres": a measure is no quantity of things.
            if is_unit_of_measure(noun) {
                return claim_end;
            }
            // "-40 missiles", "40.5 missiles": no count of whole things, so no claim; "half
            // the people" is a share, a number that counts nothing.
            let whole = |v: Decimal| v >= Decimal::ZERO && v.fract().is_zero();
            if !whole(q.value) || q.max.is_some_and(|m| !whole(m)) {
                let share = q.max.is_none() && q.value > Decimal::ZERO && q.value < Decimal::ONE;
                if !share {
                    return claim_end;
                }
                of = None;
            }
        }
        // "250 missiles or more": a bound stated after the counted thing.
        let mut q = q;
        if q.qualifier == Qualifier::Exact
            && let Some((_, sp)) = &of
        {
            let after = self.doc().tokens.partition_point(|t| t.span.end <= sp.end);
            let (qual, e) = self.suffix_qualifier(after);
            if qual != Qualifier::Exact && e > after {
                q.qualifier = qual;
            }
        }
        let kind = match q.unit {
            Unit::Count if of.is_some() => ClaimKind::Count,
            Unit::Count => ClaimKind::Number,
            Unit::Money(_) => ClaimKind::Money,
            Unit::Percent => ClaimKind::Percent,
        };
        self.out.push(Claim {
            kind,
            span: self.span(start, end),
            value_span: self.span(base.start, base.end),
            value: ClaimValue::Quantity(q),
            of,
            conversions,
            sentence,
        });
        claim_end
    }

    /// "€800 million ($870 million)", "$10 billion, or 9.14 billion euros": the same amount
    /// in another currency right after it.
    // Out of line: only amounts ask, and it holds a second copy of the money reader.
    #[inline(never)]
    fn conversion(&mut self, at: usize, cur: Currency) -> (Vec<(Currency, Decimal)>, usize) {
        let r = &self.r;
        let (open, close) = (r.text(at), at);
        let (j, paren) = match open {
            "(" => (at + 1, true),
            "," if r.is(at + 1, "or") => (at + 2, false),
            _ => return (vec![], close),
        };
        // "(or $4 billion)", "(about 160m euros)", "(approx €240m)"
        let j = if paren && r.is(j, "or") { j + 1 } else { j };
        let (_, j) = self.prefix_qualifier(j);
        let Some(m) = money::money_at(r, j) else {
            return (vec![], close);
        };
        let Some(c) = m.currency.filter(|c| *c != cur) else {
            return (vec![], close);
        };
        let end = if paren && r.text(m.end) == ")" {
            m.end + 1
        } else {
            m.end
        };
        (vec![(c, m.num.value)], end)
    }

    /// A base value at `i`: money, a percentage or a plain number.
    fn base(&self, i: usize) -> Option<Base> {
        let r = &self.r;
        if let Some(m) = money::money_at(r, i) {
            if self.designation_around(m.num.start.max(i), m.num.end) {
                return None;
            }
            return Some(Base {
                unit: Unit::Money(m.currency),
                num: m.num,
                start: m.start,
                end: m.end,
            });
        }
        let num = r.number(i)?;
        if self.designation_around(num.start, num.end) {
            return None;
        }
        // Percent: "5%", "5 %", "5 percent", "five per cent", "30 percentage points",
        // "50.1-per cent", "a 40-percent share"
        // (The word in the same sentence: "… fifty\n\nPercent of …" is two.)
        let e = if matches!(r.text(num.end), "-" | "‐")
            && r.glued(num.end)
            && r.glued(num.end + 1)
            && (r.is(num.end + 1, "percent")
                || r.is(num.end + 1, "per") && r.is(num.end + 2, "cent"))
        {
            num.end + 1
        } else {
            num.end
        };
        let pct_end = if !r.same_sentence(num.start, e) {
            None
        } else if r.text(e) == "%" {
            Some(e + 1)
        } else if r.is(e, "percent")
            || r.is(e, "percents")
            || r.is(e, "pct")
            || r.is(e, "percentage")
        {
            Some(if r.is(e + 1, "points") || r.is(e + 1, "point") {
                e + 2
            } else {
                e + 1
            })
        } else if r.is(e, "per") && r.is(e + 1, "cent") {
            Some(e + 2)
        } else {
            None
        };
        if let Some(end) = pct_end {
            return Some(Base {
                unit: Unit::Percent,
                num,
                start: i,
                end,
            });
        }
        Some(Base {
            unit: Unit::Count,
            num,
            start: i,
            end: num.end,
        })
    }

    /// Numbers that are part of a name or code: "F-16", "PAC-3", "2-211th", "Block 70",
    /// "Section 1206", and plain "one" used as a pronoun.
    fn designation_around(&self, start: usize, end: usize) -> bool {
        let r = &self.r;
        let hy = |i: usize| matches!(r.text(i), "-" | "‐" | "‑" | "/");
        // Glued to letters on the left: "F-16", "PAC-3", "FGM-148".
        if start >= 2 && hy(start - 1) && r.glued(start) && r.glued(start - 1) {
            let left = r.text(start - 2);
            // ("three-nought-four": digits said one by one are no code.)
            if left.chars().any(char::is_alphabetic) && r.number(start - 2).is_none() {
                return true;
            }
            // "00-909": a postal code or serial whose first part is no number.
            if hy(start - 1)
                && left.bytes().all(|b| b.is_ascii_digit())
                && number::literal(left).is_none()
            {
                return true;
            }
        }
        // Glued to a code on the right: "2-211th", "3-A".
        if hy(end) && r.glued(end) && r.glued(end + 1) {
            let right = r.text(end + 1);
            let starts_digit = right.chars().next().is_some_and(|c| c.is_ascii_digit());
            if starts_digit && number::literal(right).is_none_or(|l| !l.suffix.is_empty()) {
                return true;
            }
            if right.chars().next().is_some_and(char::is_uppercase) && right.len() <= 3 {
                return true;
            }
        }
        // "Block 70", "Section 1206", "No. 5"
        if start >= 1 {
            let mut p = start - 1;
            if r.text(p) == "." && p >= 1 {
                p -= 1;
            }
            let w = r.text(p);
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            if capital && is_designator(w) {
                return true;
            }
            if w == "§" || w == "#" || w == "No" {
                return true;
            }
            // "Leopard 2 tanks", "Patriot 3": a small number right after a capitalised name
            // that does not start the sentence.
            let name_before = capital
                && p > 0
                && r.same_sentence(p - 1, p)
                && !is_stop(w)
                && !APPROX
                    .iter()
                    .chain(LOWER)
                    .chain(UPPER)
                    .chain(JUST_BELOW)
                    .any(|q| q.len() == 1 && r.is(p, q[0]))
                && date::month_number(w).is_none()
                && r.text(p).chars().all(char::is_alphabetic);
            if name_before
                && r.doc.tokens[p].sentence == r.doc.tokens[start].sentence
                && let Some(n) = self.r.number(start)
            {
                // "Leopard 2 tanks", "Patriot 3": a small number.
                if n.bare_integer && n.value < Decimal::from(10) {
                    return true;
                }
                // "Altius 600M", "TOW 2B": a number with a capital letter after it.
                let lettered = n.end == start + 1
                    && number::literal(r.text(start)).is_some_and(|l| {
                        !l.suffix.is_empty() && l.suffix.chars().all(|c| c.is_ascii_uppercase())
                    });
                // "the Switchblade 600", "48 Switchblade 600 drones", "more Switchblade 600
                // munitions": the name opens a noun phrase (a determiner, a count or a
                // preposition of a phrase before it), so the number is part of the name, not a
                // count of what follows ("gives Ukraine 31 tanks": a verb before the name).
                let opens_phrase = n.bare_integer && self.opens_noun_phrase(p);
                if lettered || opens_phrase {
                    return true;
                }
            }
        }
        false
    }

    /// "percent of 10", "per cent of twenty-two": the percentage named after its word, when
    /// no number comes before the word ("40 percent of 200 tanks" is 40%, and 200 tanks).
    fn percent_of(&mut self, i: usize) -> Option<usize> {
        let r = &self.r;
        let k = if r.is(i, "percent") || r.is(i, "percents") {
            i + 1
        } else if r.is(i, "per") && r.is(i + 1, "cent") {
            i + 2
        } else {
            return None;
        };
        let after_number = i > 0
            && r.same_sentence(i - 1, i)
            && (number::may_be_numeric(r.text(i - 1)) || matches!(r.text(i - 1), "-" | "‐"));
        if after_number || !r.is(k, "of") || !r.same_sentence(i, k + 1) {
            return None;
        }
        let n = r.number(k + 1)?;
        let span = self.span(i, n.end);
        self.out.push(Claim {
            kind: ClaimKind::Percent,
            span,
            value_span: self.span(k + 1, n.end),
            value: ClaimValue::Quantity(Quantity {
                unit: Unit::Percent,
                value: n.value,
                max: None,
                qualifier: Qualifier::Exact,
                resolution: n.resolution,
                ceiling: false,
            }),
            of: None,
            conversions: vec![],
            sentence: self.doc().tokens[i].sentence,
        });
        Some(n.end)
    }

    /// "nrs. 22,24,26,31": numbers listed with commas and no spaces, which no grouping of
    /// thousands or decimal comma reads as one, are each a number.
    // Cold: only for a token with a comma (see `step`).
    #[cold]
    #[inline(never)]
    fn comma_list(&mut self, i: usize) -> bool {
        let t = self.r.text(i);
        if !t.contains(',')
            || !t.bytes().all(|b| b.is_ascii_digit() || b == b',')
            || number::literal(t).is_some()
        {
            return false;
        }
        let pieces: Vec<(usize, &str)> = t
            .split(',')
            .scan(0, |at, p| {
                let start = *at;
                *at += p.len() + 1;
                Some((start, p))
            })
            .collect();
        let values: Option<Vec<Decimal>> = pieces
            .iter()
            .map(|(_, p)| {
                number::literal(p)
                    .filter(|l| l.suffix.is_empty())
                    .map(|l| l.value)
            })
            .collect();
        let Some(values) = values else {
            return false;
        };
        let tok = self.doc().tokens[i];
        for ((at, p), value) in pieces.iter().zip(values) {
            let span = Span::new(tok.span.start + at, tok.span.start + at + p.len());
            self.out.push(Claim {
                kind: ClaimKind::Number,
                span,
                value_span: span,
                value: ClaimValue::Quantity(Quantity {
                    unit: Unit::Count,
                    value,
                    max: None,
                    qualifier: Qualifier::Exact,
                    resolution: Decimal::ONE,
                    ceiling: false,
                }),
                of: None,
                conversions: vec![],
                sentence: tok.sentence,
            });
        }
        true
    }

    /// Whether the word at `p` starts a noun phrase: a determiner, a possessive, a
    /// quantifier, a count or "of"/"with"/"for"/"and" comes right before it.
    fn opens_noun_phrase(&self, p: usize) -> bool {
        const BEFORE_NAME: &[&str] = &[
            "the",
            "a",
            "an",
            "its",
            "their",
            "his",
            "her",
            "our",
            "your",
            "my",
            "this",
            "that",
            "these",
            "those",
            "more",
            "additional",
            "new",
            "further",
            "extra",
            "other",
            "some",
            "any",
            "several",
            "many",
            "few",
            "such",
            "of",
            "with",
            "for",
            "and",
            "or",
            "whose",
            "older",
            "newer",
            "latest",
            "upgraded",
            "modernised",
            "modernized",
        ];
        let r = &self.r;
        let Some(b) = p.checked_sub(1) else {
            return false;
        };
        if !r.same_sentence(b, p) {
            return false;
        }
        let w = r.text(b);
        BEFORE_NAME.contains(&&*r.lower(b))
            || w == "s" && b > 0 && matches!(r.text(b - 1), "'" | "’")
            || r.number(b).is_some_and(|n| n.end == p)
    }

    /// Times, phone numbers, model numbers: skip them whole.
    fn not_a_quantity(&self, i: usize) -> Option<usize> {
        let r = &self.r;
        let t = r.text(i);
        if !t.as_bytes().first().is_some_and(u8::is_ascii_digit) && t != "+" && t != "(" {
            return None;
        }
        // Phone numbers: three or more digit groups joined by - . or spaces after a +, or (555) 123-4567.
        let mut j = i;
        if t == "+" || t == "(" {
            j += 1;
        }
        let mut groups = 0;
        let mut k = j;
        loop {
            let g = r.text(k);
            if g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()) {
                break;
            }
            groups += 1;
            let sep = r.text(k + 1);
            if matches!(sep, "-" | ")" | "." | "/") && r.glued(k + 1) && r.glued(k + 2) {
                k += 2;
            } else if t == "+"
                && r.text(k + 1).bytes().all(|b| b.is_ascii_digit())
                && !r.text(k + 1).is_empty()
            {
                k += 1;
            } else {
                break;
            }
        }
        if groups >= 3 {
            return Some(k + 1);
        }
        if t == "+" || t == "(" {
            return None;
        }
        // "24/7", "9/11", "5/17/2018": digits joined by slashes that are no fraction.
        if r.text(i + 1) == "/"
            && r.glued(i + 1)
            && r.glued(i + 2)
            && r.text(i + 2).bytes().all(|b| b.is_ascii_digit())
            && r.number(i).is_none_or(|n| n.end <= i + 1)
        {
            let mut k = i;
            while r.text(k + 1) == "/"
                && r.glued(k + 1)
                && r.glued(k + 2)
                && r.text(k + 2).bytes().all(|b| b.is_ascii_digit())
            {
                k += 2;
            }
            return Some(k + 1);
        }
        // Times: "10:30", "3 p.m.", "9am".
        if r.text(i + 1) == ":"
            && r.glued(i + 1)
            && r.text(i + 2).bytes().all(|b| b.is_ascii_digit())
            && r.glued(i + 2)
        {
            return Some(i + 3);
        }
        if ends_with_ignore_ascii_case(t, "am") || ends_with_ignore_ascii_case(t, "pm") {
            return Some(i + 1);
        }
        if (r.is(i + 1, "a") || r.is(i + 1, "p")) && r.text(i + 2) == "." && r.is(i + 3, "m") {
            return Some(i + 4);
        }
        if r.lower_matches(i + 1, |l| {
            matches!(
                l,
                "am" | "pm" | "gmt" | "utc" | "edt" | "est" | "cet" | "o'clock"
            )
        }) {
            return Some(i + 2);
        }
        None
    }

    /// "the one you mentioned", "which one": "one" as a pronoun.
    fn pronoun_one(&self, base: &Base) -> bool {
        let r = &self.r;
        base.unit == Unit::Count
            && base.num.end == base.num.start + 1
            && r.is(base.num.start, "one")
            && base.num.start > 0
            && self.pronoun_before(base.num.start - 1)
    }

    /// Whether the word at `k` makes a "one" after it a pronoun ("the one", "which one").
    // Cold: only asked at a lone "one".
    #[cold]
    #[inline(never)]
    fn pronoun_before(&self, k: usize) -> bool {
        matches!(
            &*self.r.lower(k),
            "the"
                | "this"
                | "that"
                | "which"
                | "each"
                | "every"
                | "any"
                | "no"
                | "another"
                | "no-one"
                | "someone"
                | "every1"
        )
    }

    /// A bare four-digit number that is a year: "in 2024", "the 2023 budget".
    fn is_year(&self, base: &Base) -> bool {
        let v = base.num.value;
        if !(Decimal::from(1900)..=Decimal::from(2100)).contains(&v) || base.unit != Unit::Count {
            return false;
        }
        if self.r.text(base.num.start).len() != 4 {
            return false;
        }
        // "2000 soldiers" is a count: a plural noun right after.
        let next = self.r.text(base.end);
        let plural_noun = self.r.is_word(base.end)
            && next.ends_with('s')
            && next.chars().next().is_some_and(char::is_lowercase)
            && !is_stop(next);
        !plural_noun
    }

    /// A qualifier right before a value, and where the value starts.
    fn prefix_qualifier(&self, i: usize) -> (Option<Qualifier>, usize) {
        // The longest phrase wins; of two as long, the later table's.
        let best = qualifiers_starting(self.r.text(i))
            .iter()
            .filter(|(p, _)| {
                p.iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, w)| self.r.is(i + k, w))
            })
            .map(|(p, q)| (i + p.len(), *q))
            .max_by_key(|(e, _)| *e);
        match best {
            Some((e, q)) if self.r.number(e).is_some() || money::money_at(&self.r, e).is_some() => {
                // "over 3 years ago"? still a bound; "some 200 troops" approximate.
                (Some(q), e)
            }
            _ => (None, i),
        }
    }

    /// "or more", "or fewer", "-plus", "+" after a value.
    fn suffix_qualifier(&self, e: usize) -> (Qualifier, usize) {
        let r = &self.r;
        if r.text(e) == "+" && r.glued(e) {
            return (Qualifier::LowerBound, e + 1);
        }
        if r.text(e) == "-" && r.glued(e) && r.is(e + 1, "plus") {
            return (Qualifier::LowerBound, e + 2);
        }
        if r.is(e, "or") || r.is(e, "and") {
            match &*r.lower(e + 1) {
                "more" | "over" | "above" | "greater" | "higher" => {
                    return (Qualifier::LowerBound, e + 2);
                }
                "less" | "fewer" | "under" | "below" | "lower" => {
                    let end = if r.is(e + 2, "or") && r.is(e + 3, "equal") {
                        e + 4
                    } else {
                        e + 2
                    };
                    return (Qualifier::UpperBound, end);
                }
                _ => {}
            }
        }
        (Qualifier::Exact, e)
    }

    /// "between X and Y", "from X to Y".
    fn range_between(&mut self, i: usize) -> Option<usize> {
        let r = &self.r;
        let (joiner, a_at) = if r.is(i, "between") {
            ("and", i + 1)
        } else if r.is(i, "from") {
            ("to", i + 1)
        } else {
            return None;
        };
        let a = self.base(a_at)?;
        if !r.is(a.end, joiner) {
            return None;
        }
        let b = self.base(a.end + 1)?;
        let (lo, hi, unit) = self.combine_range(a, b)?;
        if lo >= hi {
            return None;
        }
        let q = Quantity {
            unit,
            value: lo,
            max: Some(hi),
            qualifier: Qualifier::Range,
            resolution: b.num.resolution,
            ceiling: false,
        };
        let base = Base {
            start: a.start,
            end: b.end,
            ..b
        };
        self.push_quantity(i, base, b.end, q);
        Some(b.end)
    }

    /// Units of a range's two ends must agree; a bare first end takes the second's unit
    /// ("2 to 3 million", "5 to 10%", "$1-2 billion").
    fn combine_range(&self, a: Base, b: Base) -> Option<(Decimal, Decimal, Unit)> {
        let mut lo = a.num.value;
        let unit = match (a.unit, b.unit) {
            (x, y) if x == y => x,
            (Unit::Count, y) => y,
            (Unit::Money(Some(c)), Unit::Count) => Unit::Money(Some(c)),
            _ => return None,
        };
        // A bare lower end takes the upper end's scale: "2 to 3 million".
        if a.num.bare_integer
            && b.num.resolution > Decimal::ONE
            && lo < b.num.value / b.num.resolution
        {
            lo *= b.num.resolution;
        }
        Some((lo, b.num.value, unit))
    }

    /// "200 to 250", "200-250", "200–250"; also "more than 100 and less than 300".
    /// Whether [`Self::range_pair`] may read a second value after one ending at `e`.
    fn may_pair(&self, qual: Option<Qualifier>, e: usize) -> bool {
        let r = &self.r;
        let hyphen = matches!(r.text(e), "-" | "–" | "—" | "‐");
        qual.is_none() && (hyphen || r.is(e, "to"))
            || qual == Some(Qualifier::LowerBound) && r.is(e, "and")
    }

    // Out of line: only after a hyphen, "to" or "and" (see `may_pair`).
    #[inline(never)]
    fn range_pair(&mut self, start: usize, qual: Option<Qualifier>, a: Base) -> Option<usize> {
        let r = &self.r;
        let e = a.end;
        let sep = r.text(e);
        let hyphen = matches!(sep, "-" | "–" | "—" | "‐");
        if qual.is_none() && (hyphen || r.is(e, "to")) {
            if hyphen && r.is(e + 1, "to") {
                return None;
            }
            let b_at = e + 1;
            if !r.same_sentence(a.start, b_at) {
                return None;
            }
            let b = self.base(b_at)?;
            if self.is_tally(a) {
                return None;
            }
            // "three-nought-four": numbers in words glued by hyphens are said one by one.
            if hyphen && a.num.spelled && b.num.spelled && r.glued(e) && r.glued(b_at) {
                return None;
            }
            let (lo, hi, unit) = self.combine_range(a, b)?;
            if lo >= hi {
                return None; // "311-112": a tally or score, not a range
            }
            if a.unit == Unit::Count
                && b.unit == Unit::Count
                && a.num.bare_integer
                && b.num.bare_integer
            {
                // "1995-2000" is a span of years
                let year = |v: Decimal| (Decimal::from(1900)..=Decimal::from(2100)).contains(&v);
                if year(lo) && year(hi) {
                    return Some(b.end);
                }
            }
            let q = Quantity {
                unit,
                value: lo,
                max: Some(hi),
                qualifier: Qualifier::Range,
                resolution: b.num.resolution,
                ceiling: false,
            };
            let base = Base {
                start: a.start,
                end: b.end,
                ..b
            };
            let (_, end) = (0, b.end);
            return Some(self.push_quantity(start, base, end, q));
        }
        // "more than 100 and less than 300"
        if qual == Some(Qualifier::LowerBound) && r.is(e, "and") {
            let (q2, b_at) = self.prefix_qualifier(e + 1);
            if q2 == Some(Qualifier::UpperBound) {
                let b = self.base(b_at)?;
                let (lo, hi, unit) = self.combine_range(a, b)?;
                if lo < hi {
                    let q = Quantity {
                        unit,
                        value: lo,
                        max: Some(hi),
                        qualifier: Qualifier::Range,
                        resolution: b.num.resolution,
                        ceiling: false,
                    };
                    let base = Base {
                        start: a.start,
                        end: b.end,
                        ..b
                    };
                    return Some(self.push_quantity(start, base, b.end, q));
                }
            }
        }
        None
    }

    /// "a 20-hour schedule", "two-shift", "a 155-mm gun": a count hyphened to a unit of time
    /// or measure, or to a noun of [`MODIFIER_NOUNS`], modifies the noun after it; the end of
    /// the compound.
    fn compound_modifier(&self, base: Base) -> Option<usize> {
        let e = base.end;
        if base.unit != Unit::Count || !matches!(self.r.text(e), "-" | "‐" | "‑") {
            return None;
        }
        self.hyphened_noun(e)
    }

    /// The end of "-hour", "-mm", "-shift" at the hyphen `e` after a count, if a modifier.
    // Out of line: only a count with a hyphen after it asks (see `compound_modifier`).
    #[inline(never)]
    fn hyphened_noun(&self, e: usize) -> Option<usize> {
        let r = &self.r;
        if !r.glued(e) || !r.glued(e + 1) || !r.is_word(e + 1) {
            return None;
        }
        let w = r.lower(e + 1);
        (MODIFIER_NOUNS.contains(&&*w) || is_unit_of_measure(&w)).then_some(e + 2)
    }

    /// "one hundred twenty (120) tanks", "twelve (12) launchers": a number in words with its
    /// digits in brackets is one number.
    fn digits_in_brackets(&self, base: Base) -> Base {
        if !base.num.spelled || self.r.text(base.end) != "(" {
            return base;
        }
        self.bracketed_digits(base)
    }

    // Cold: a number in words with a bracket after it is rare.
    #[cold]
    #[inline(never)]
    fn bracketed_digits(&self, base: Base) -> Base {
        let r = &self.r;
        let e = base.end;
        if !r.same_sentence(base.start, e + 1) {
            return base;
        }
        match r.number(e + 1) {
            Some(n)
                if n.value == base.num.value
                    && !n.spelled
                    && r.text(n.end) == ")"
                    && r.same_sentence(e, n.end) =>
            {
                Base {
                    end: n.end + 1,
                    num: Num {
                        end: n.end + 1,
                        resolution: n.resolution.min(base.num.resolution),
                        ..base.num
                    },
                    ..base
                }
            }
            _ => base,
        }
    }

    /// Where the counted noun of a number starts: after the bracket closing round it ("the
    /// kingdom buys (5,200) missiles"), else at `end`.
    fn after_brackets(&self, base: Base, end: usize) -> usize {
        let r = &self.r;
        if base.start > 0 && r.text(base.start - 1) == "(" && r.text(end) == ")" {
            end + 1
        } else {
            end
        }
    }

    /// "voted 79 to 18", "passed 311-112".
    fn is_tally(&self, a: Base) -> bool {
        let r = &self.r;
        let e = a.end;
        if !(matches!(r.text(e), "-" | "–" | "—") || r.is(e, "to")) || r.number(e + 1).is_none()
        {
            return false;
        }
        let s = r.doc.tokens[a.start].sentence;
        let from = a.start.saturating_sub(5);
        if (from..a.start)
            .any(|k| r.doc.tokens[k].sentence == s && TALLY_CUES.contains(&&*r.lower(k)))
        {
            return true;
        }
        // "an 80-19 vote", "a 5-4 decision": the noun the tally describes comes after it.
        r.number(e + 1).is_some_and(|b| {
            r.same_sentence(a.start, b.end) && TALLY_NOUNS.contains(&&*r.lower(b.end))
        })
    }

    fn skip_tally(&self, e: usize) -> usize {
        self.r.number(e + 1).map_or(e + 1, |n| n.end)
    }

    /// "dozens of soldiers", "hundreds of troops", "tens of thousands of rounds".
    fn vague(&mut self, i: usize) -> Option<usize> {
        let r = &self.r;
        let w = r.lower(i);
        let (lo, hi, mut j) = match &*w {
            "dozens" => (24, 99, i + 1),
            "scores" => (40, 199, i + 1),
            "hundreds" => (200, 999, i + 1),
            "thousands" => (2_000, 9_999, i + 1),
            "tens" if r.is(i + 1, "of") && r.is(i + 2, "thousands") => (20_000, 99_999, i + 3),
            "millions" => (2_000_000, 999_999_999, i + 1),
            _ => return None,
        };
        if !r.is(j, "of") {
            return None;
        }
        j += 1;
        // "hundreds of millions of dollars" is money, not a count of things.
        let of = self.counted(j, true)?;
        let next = of.0.to_lowercase();
        if next.starts_with("millions")
            || next.starts_with("thousands")
            || next.starts_with("dollars")
        {
            return None;
        }
        let q = Quantity {
            unit: Unit::Count,
            value: Decimal::from(lo),
            max: Some(Decimal::from(hi)),
            qualifier: Qualifier::Vague,
            resolution: Decimal::ONE,
            ceiling: false,
        };
        let sentence = r.doc.tokens[i].sentence;
        let of_end = self
            .doc()
            .tokens
            .partition_point(|t| t.span.end <= of.1.end);
        self.out.push(Claim {
            kind: ClaimKind::Count,
            span: self.span(i, of_end),
            value_span: self.span(i, i + 1),
            value: ClaimValue::Quantity(q),
            of: Some(of),
            conversions: vec![],
            sentence,
        });
        Some(j)
    }

    /// The noun phrase a count counts, starting at token `i`: "Javelin missiles",
    /// "lightweight sights and launchers", "soldiers".
    fn counted(&self, mut i: usize, partitive: bool) -> Option<(String, Span)> {
        let r = &self.r;
        let sentence = r.doc.tokens.get(i.saturating_sub(1))?.sentence;
        // "246 of the missiles" — but not "one of the largest"
        if partitive && r.is(i, "of") && r.is(i + 1, "the") {
            i += 2;
            // "90,000 of the nearly 180,000 rounds": the whole's count is passed over.
            let (_, at) = self.prefix_qualifier(i);
            if let Some(n) = r.number(at).filter(|n| r.same_sentence(i, n.end)) {
                i = n.end;
            }
        }
        let start = i;
        let mut end = i;
        let mut words = 0;
        let mut j = i;
        while words < 8 {
            let Some(tok) = r.doc.tokens.get(j) else {
                break;
            };
            if tok.sentence != sentence {
                break;
            }
            if tok.kind != TokKind::Alnum {
                // "AeroVironment (AVAV) Switchblade drones", "Capability-3 (PAC-3) Missile
                // Segment Enhancement missiles": a short code in brackets inside the name.
                if words > 0
                    && r.text(j) == "("
                    && let Some(close) = (j + 2..j + 6).find(|&k| r.text(k) == ")")
                    && (j + 1..close).all(|k| {
                        r.doc.tokens[k].kind == TokKind::Alnum || matches!(r.text(k), "-" | "/")
                    })
                    && r.same_sentence(j, close + 1)
                    && r.is_word(close + 1)
                {
                    j = close + 1;
                    continue;
                }
                // "AIM-9X Block II+ Sidewinder missiles"
                if words > 0 && r.text(j) == "+" && r.glued(j) && r.is_word(j + 1) {
                    j += 1;
                    continue;
                }
                break;
            }
            // A model designation is one word of the phrase: "66 F-16C/D Block 70 jets".
            if let Some(n) = self.designation_len(j) {
                words += 1;
                j += n;
                end = j;
                continue;
            }
            // "72 155mm howitzers", "40 12.7 mm guns": a calibre or measure before the noun.
            if r.text(j).starts_with(|c: char| c.is_ascii_digit()) {
                let glued_unit = number::literal(r.text(j))
                    .is_some_and(|l| !l.suffix.is_empty() && is_unit_of_measure(l.suffix));
                let unit_end = if glued_unit {
                    Some(j + 1)
                } else {
                    r.number(j)
                        .filter(|n| is_unit_of_measure(r.text(n.end)) && r.is_word(n.end))
                        .map(|n| n.end + 1)
                };
                if let Some(k) = unit_end.filter(|&k| r.is_word(k) && r.same_sentence(j, k)) {
                    words += 1;
                    j = k;
                    end = j;
                    continue;
                }
            }
            // "4 Puma 3 AE systems", "48 Switchblade 600 drones": a number that is part of
            // the name.
            if words > 0
                && r.text(j).starts_with(|c: char| c.is_ascii_digit())
                && let Some(n) = r.number(j)
                && self.designation_around(j, n.end)
            {
                words += 1;
                j = n.end;
                end = j;
                continue;
            }
            if !r.is_word(j) {
                break;
            }
            let w = r.text(j);
            // Hyphenated compounds, whatever their first word: "fly-to-buy rounds".
            let compound = matches!(r.text(j + 1), "-" | "‐")
                && r.glued(j + 1)
                && r.glued(j + 2)
                && r.is_word(j + 2);
            // "sights and launchers" — but "missiles and three dozen launchers" is two counts.
            // ("missiles and associated equipment": the equipment is not counted.)
            if w == "and"
                && words > 0
                && r.is_word(j + 1)
                && !is_stop(r.text(j + 1))
                && !matches!(&*r.lower(j + 1), "associated" | "related")
                && r.number(j + 1).is_none()
            {
                j += 1;
                continue;
            }
            if is_stop(w) && !compound {
                break;
            }
            // "251 arrived in May": a past-tense verb right after the number, with no noun
            // after it, counts nothing ("251 armoured vehicles" does).
            if words == 0
                && !compound
                && w.ends_with("ed")
                && w.chars().next().is_some_and(char::is_lowercase)
                && !(r.is_word(j + 1) && !is_stop(r.text(j + 1)) && r.same_sentence(j, j + 1))
            {
                break;
            }
            // A present-tense verb after a plural noun, before its object, ends the phrase:
            // "440 missiles marks Japan's first step", "the 24 launchers gives the army".
            if words > 0
                && w.len() > 3
                && w.ends_with('s')
                && !w.ends_with("ss")
                && w.chars().next().is_some_and(char::is_lowercase)
                && r.text(j - 1).ends_with('s')
                && r.same_sentence(j, j + 1)
                && (r.text(j + 1).starts_with(char::is_uppercase)
                    || matches!(
                        &*r.lower(j + 1),
                        "the" | "a" | "an" | "its" | "their" | "this" | "that" | "his" | "her"
                    ))
            {
                break;
            }
            // A past-tense verb after a plural noun ends the phrase: "33 soldiers deployed".
            if words > 0
                && (w.ends_with("ed") || w.ends_with("ing"))
                && w.chars().next().is_some_and(char::is_lowercase)
            {
                // (Only ASCII letters lower-case to "s" or "ry": compared in place.)
                let prev = r.text(j - 1);
                if ends_with_ignore_ascii_case(prev, "s") || ends_with_ignore_ascii_case(prev, "ry")
                {
                    break;
                }
            }
            words += 1;
            j += 1;
            end = j;
            // Hyphenated compounds: "anti-tank", "fly-to-buy"
            while matches!(r.text(j), "-" | "‐") && r.glued(j) && r.glued(j + 1) && r.is_word(j + 1)
            {
                j += 2;
                end = j;
            }
        }
        if words == 0 {
            return None;
        }
        // Spans of time are not things counted: "two decades", "three years".
        if TIME_UNITS.contains(&&*r.lower(start)) {
            return None;
        }
        let span = self.span(start, end);
        Some((r.doc.slice(span).to_string(), span))
    }

    /// Tokens taken by a model designation at `j`: "F-16C/D", "FGM-148F", "M142", "Block 70".
    fn designation_len(&self, j: usize) -> Option<usize> {
        let r = &self.r;
        let t = r.text(j);
        let alnum = |k: usize| {
            r.doc
                .tokens
                .get(k)
                .is_some_and(|t| t.kind == TokKind::Alnum)
        };
        if !alnum(j) {
            return None;
        }
        let digit = |s: &str| s.chars().any(|c| c.is_ascii_digit());
        let alpha = |s: &str| s.chars().any(char::is_alphabetic);
        let mut k = j + 1;
        let mut parts = 1;
        let mut any_digit = digit(t);
        while matches!(r.text(k), "-" | "/") && r.glued(k) && r.glued(k + 1) && alnum(k + 1) {
            any_digit |= digit(r.text(k + 1));
            k += 2;
            parts += 1;
        }
        if (parts > 1 && any_digit && alpha(t))
            || (parts == 1
                && digit(t)
                && alpha(t)
                && t.chars().next().is_some_and(char::is_alphabetic))
        {
            return Some(k - j);
        }
        // "Block 70", "Mark 48", "Block I", "Block IIA"
        let capital = t.chars().next().is_some_and(char::is_uppercase);
        let next = r.text(j + 1);
        let roman = |w: &str| {
            let core = w.trim_end_matches(|c: char| matches!(c, 'A'..='F'));
            !core.is_empty()
                && core.len() <= 4
                && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        };
        if capital
            && is_designator(t)
            && (number::literal(next).is_some() || roman(next))
            && r.same_sentence(j, j + 1)
        {
            return Some(2);
        }
        None
    }

    /// What an amount prices: "a $75 million package", "a $1.2bn deal".
    fn priced(&self, i: usize) -> Option<(String, Span)> {
        let r = &self.r;
        if !r.is_word(i) || is_stop(r.text(i)) || !r.same_sentence(i, i.saturating_sub(1)) {
            return None;
        }
        let mut end = i + 1;
        // "a $75 million arms package", "sale of", "Javelin package"
        if r.is_word(end) && !is_stop(r.text(end)) && r.same_sentence(i, end) {
            end += 1;
            // "a $95.3 billion foreign aid package": a third word only when it is what
            // such amounts price (not the verb after "a $75 million Javelin package").
            if r.is_word(end)
                && r.same_sentence(i, end)
                && !PRICED_HEADS.contains(&&*r.lower(end - 1))
                && PRICED_HEADS.contains(&&*r.lower(end))
            {
                end += 1;
            }
        }
        let span = self.span(i, end);
        Some((r.doc.slice(span).to_string(), span))
    }
}

/// The nouns an amount prices at the end of a compound ("foreign aid package").
const PRICED_HEADS: &[&str] = &[
    "package",
    "packages",
    "bill",
    "deal",
    "sale",
    "sales",
    "programme",
    "program",
    "contract",
    "order",
    "budget",
    "fund",
    "supplemental",
    "measure",
    "agreement",
];

/// Whether `w` is one of [`DESIGNATORS`] in any case, lower-cased without a new string when
/// it is short ASCII (every designator is).
fn is_designator(w: &str) -> bool {
    words::with_ascii_lower(w, |l| DESIGNATORS.contains(&l))
        .unwrap_or_else(|| DESIGNATORS.contains(&w.to_lowercase().as_str()))
}

/// Whether `t` ends with the ASCII `suffix`, in any case.
fn ends_with_ignore_ascii_case(t: &str, suffix: &str) -> bool {
    let (t, suffix) = (t.as_bytes(), suffix.as_bytes());
    t.len() >= suffix.len() && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// A year's number: the integer itself when the value has no scale, else read back from its
/// text as before (no string is made for the plain "2024").
fn year_number(v: Decimal) -> Option<i32> {
    if v.scale() == 0 {
        return i32::try_from(v.mantissa()).ok();
    }
    v.to_string().parse::<i32>().ok()
}

/// Whether a counted phrase starts with a unit of measure (weight, length, speed), which
/// makes its number a measure, not a count of things.
pub(crate) fn is_unit_of_measure(of: &str) -> bool {
    const UNITS: &[&str] = &[
        "pound",
        "pounds",
        "lb",
        "lbs",
        "kg",
        "kgs",
        "kilogram",
        "kilograms",
        "kilo",
        "kilos",
        "gram",
        "grams",
        "ton",
        "tons",
        "tonne",
        "tonnes",
        "km",
        "kilometre",
        "kilometres",
        "kilometer",
        "kilometers",
        "mile",
        "miles",
        "metre",
        "metres",
        "meter",
        "meters",
        "feet",
        "foot",
        "ft",
        "inch",
        "inches",
        "cm",
        "mm",
        "knots",
        "knot",
        "mph",
        "kph",
        "km/h",
    ];
    // Units are ASCII: a word that is not matches none; the rest are lower-cased on the stack
    // and looked up once.
    static SET: std::sync::LazyLock<WordSet> =
        std::sync::LazyLock::new(|| WordSet::new(UNITS.iter().copied()));
    of.split_whitespace().next().is_some_and(|w| {
        w.len() <= 10 && words::with_ascii_lower(w, |l| SET.contains(l)).unwrap_or(false)
    })
}

#[cfg(test)]
mod tests;

//! The registry of linking rules: one entry per rule in `rules/language/link.toml` (its id,
//! scope, effect, one-line doc, cue words where it has data, and examples that a test runs),
//! and one constant per id here, for the code that applies it. A test checks that the two
//! lists are the same.

use serde::Deserialize;
use std::sync::LazyLock;

/// How far a rule looks from the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleScope {
    /// The claim itself: its number and the noun it counts or prices.
    NounPhrase,
    /// The claim's clause: no comma, semicolon, dash or bracket between.
    Clause,
    /// The claim's sentence.
    Sentence,
    /// The claim's paragraph, up to its sentence.
    Paragraph,
    /// The article up to the claim.
    Article,
}

impl RuleScope {
    pub fn name(self) -> &'static str {
        match self {
            RuleScope::NounPhrase => "noun phrase",
            RuleScope::Clause => "clause",
            RuleScope::Sentence => "sentence",
            RuleScope::Paragraph => "paragraph",
            RuleScope::Article => "article",
        }
    }
}

/// An example a test runs: in `text`, checked against the built-in KB (with `date` as the
/// article's date), the claim whose words are `claim` ends as `expect` (a diagnostic code
/// without `factcheck::`, `agrees`, or `silent`), and the rule fires on it or not.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    pub claim: String,
    #[serde(default)]
    pub date: Option<String>,
    pub expect: String,
    pub fires: bool,
}

/// One linking rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub scope: RuleScope,
    pub effect: super::Effect,
    pub doc: String,
    /// Why the rule exists, for `factcheck explain`.
    #[serde(default)]
    pub why: String,
    /// The rule's words, lower case, matched as whole words.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Words that, where the rule says, cancel a cue ("per" before "cost": a unit price).
    #[serde(default)]
    pub except: Vec<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
}

impl<'de> Deserialize<'de> for super::Effect {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "for" => Ok(super::Effect::For),
            "against" => Ok(super::Effect::Against),
            other => Err(serde::de::Error::custom(format!(
                "unknown effect `{other}`: use for or against"
            ))),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    rule: Vec<Rule>,
}

/// Every rule, in the file's order.
#[derive(Debug)]
pub struct Rules {
    pub list: Vec<Rule>,
}

/// The built-in rules file.
pub const SOURCE: &str = crate::kb::LINK_RULES;

/// The built-in rules, parsed once (a test proves the file parses and matches [`IDS`]).
pub static RULES: LazyLock<Rules> = LazyLock::new(|| {
    Rules::parse(SOURCE).unwrap_or_else(|e| {
        // The file is built in and tested; a broken copy is a build mistake, not bad input.
        panic!("rules/language/link.toml: {e}")
    })
});

impl Rules {
    pub fn parse(text: &str) -> Result<Rules, String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
        Ok(Rules { list: f.rule })
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.list.iter().find(|r| r.id == id)
    }
}

/// `(rule id, cues, except)` of every rule, read from `link.toml` when the program was built
/// (a test checks them against the parsed file).
pub const CUES: &[(&str, &[&str], &[&str])] = include!(concat!(env!("OUT_DIR"), "/link_cues.rs"));

/// The cue words of rule `id`, as built in.
pub fn cues(id: &str) -> &'static [&'static str] {
    CUES.iter().find(|(i, _, _)| *i == id).map_or(&[], |c| c.1)
}

/// The words that cancel rule `id`'s cues, as built in.
pub fn except(id: &str) -> &'static [&'static str] {
    CUES.iter().find(|(i, _, _)| *i == id).map_or(&[], |c| c.2)
}

/// The position of rule `id` in [`IDS`].
pub fn index(id: &str) -> Option<usize> {
    IDS.iter().position(|x| *x == id)
}

/// The ids of `rules` that are no rule, each with the nearest real id when there is one.
pub fn unknown<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<(String, Option<&'static str>)> {
    ids.into_iter()
        .filter(|id| index(id).is_none())
        .map(|id| {
            let near = IDS
                .iter()
                .map(|n| (strsim::jaro_winkler(n, id), *n))
                .filter(|(s, _)| *s > 0.85)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, n)| n);
            (id.to_string(), near)
        })
        .collect()
}

macro_rules! rule_ids {
    ($($name:ident = $id:literal,)*) => {
        $(pub const $name: &str = $id;)*
        /// Every rule id the code applies, in the order of `link.toml`.
        pub const IDS: &[&str] = &[$($id,)*];
    };
}

rule_ids! {
    ABOUT_ENTITIES = "scope::about-entities",
    RECORD_AFTER_ARTICLE = "scope::record-after-article",
    NEAREST_RECORD = "scope::nearest-record",
    TIE_BREAK = "scope::tie-break",
    RESPECTIVELY = "scope::respectively",
    RESPECTIVELY_ITEMS = "scope::respectively-items",
    LABELLED_AFTER = "scope::labelled-after",
    UNNAMED_AMONG_SEVERAL = "scope::unnamed-among-several",
    SENTENCE_RECORD = "scope::sentence-record",
    NOT_A_WHOLE_COUNT = "claim::not-a-whole-count",
    OF_PHRASE = "figure::of-phrase",
    NARROWER_PHRASE = "figure::narrower-phrase",
    IN_PHRASE = "figure::in-phrase",
    OWN_THING = "figure::own-thing",
    DEAL_NOUN = "figure::deal-noun",
    PHRASE_IN_SENTENCE = "figure::phrase-in-sentence",
    PRICES_THE_DEAL = "figure::prices-the-deal",
    VALUE_AGREES = "link::value-agrees",
    AGGREGATE_CUE = "link::aggregate-cue",
    RECORDED_TOTAL = "link::recorded-total",
    UNIT_PRICE = "link::unit-price",
    PROGRAMME_OR_BUDGET = "link::programme-or-budget",
    PLAN_OR_TARGET = "link::plan-or-target",
    PART_OF_WHOLE = "link::part-of-whole",
    INVENTORY = "link::inventory",
    FIGURE_PERIOD = "link::figure-period",
    OLD_RECORD = "link::old-record",
    REPEATS_UNLINKED = "link::repeats-unlinked",
    FOREIGN_MODEL = "link::foreign-model",
    NAMED_VERSION = "link::named-version",
    TWIN_DEAL = "link::twin-deal",
    DELIVERED_SO_FAR = "link::delivered-so-far",
    OTHER_YEAR = "link::other-date",
    TIME_BACK_REFERENCE = "link::time-back-reference",
    OTHER_EVENT_CUE = "link::other-event-cue",
    PRICES_OTHER_ITEMS = "link::prices-other-items",
    SEVERAL_DEALS = "link::several-deals",
    OTHER_PARTY_NEARER = "link::other-party-nearer",
    UNKNOWN_PARTY = "link::unknown-party",
    OTHER_RECIPIENT = "link::other-recipient",
    SHARES_ANOTHER_EVENT = "link::shares-another-event",
    OTHER_FIGURE_IN_SENTENCE = "link::other-figure-in-sentence",
    NAMED_IN_PARAGRAPH = "link::named-in-paragraph",
    LIST_CONTEXT = "link::list-context",
    DEFINITE_REFERENCE = "link::definite-reference",
    UNKNOWN_NAME = "link::unknown-name",
    WEAK_TIE = "link::weak-tie",
    AGREEING_SIBLING = "link::agreeing-sibling",
    STATE_CLAUSE_DATE = "date::state-clause",
    DATED_THEN = "date::dated-then",
    DATELINE = "date::dateline",
    NOTE_DATE = "date::note-label",
    SAME_FIGURE = "consistency::same-figure",
    SAME_NOUN = "consistency::same-noun",
    OTHER_PARTY = "consistency::other-party",
    TRACKED_THING = "unverified::tracked-thing",
    NAMED_FOR_AMBIGUITY = "ambiguous::named-in-sentence",
}

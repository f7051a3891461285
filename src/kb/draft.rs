//! `factcheck kb draft`: a draft KB record read from a source text (a DSCA notification, a
//! ministry press release, a news report). Pure: text + KB in, a [`Draft`] out, written as
//! TOML by hand ([`Draft::to_toml`]) because every guess carries a `# check:` comment on its
//! line, which no TOML serialiser writes.
//!
//! Nothing here reads numbers, dates or approval phrases itself: the claims come from
//! [`crate::extract`] (counts with their counted nouns, amounts, dates, and the approval
//! lexicon's states with their authorities), the entity names from [`AliasIndex`]. What this
//! module adds is the choosing: which mention is the buyer and which the item, which amount
//! is the deal's value, which date is the record's — and saying so where it guessed.

use crate::check::dateline;
use crate::date::{Date, DateValue};
use crate::entity::{AliasIndex, other_number};
use crate::extract::approval::{Lexicon, Names};
use crate::extract::money::{Currency, parse_amount};
use crate::extract::{self, Claim, ClaimKind, ClaimValue, Context, Qualifier, Unit};
use crate::kb::{Kb, Problem, load_sources};
use crate::span::Span;
use crate::state::State;
use crate::text::Document;
use regex::Regex;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::sync::LazyLock;

/// What the caller knows beyond the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The record id to use (`--id`); made from the buyer, item and year otherwise.
    pub id: Option<String>,
    /// Where the text came from, for the header comment (a path, or "standard input").
    pub source_name: String,
}

/// A line's value with the guess behind it, if it was one.
#[derive(Debug, Clone, PartialEq)]
pub struct Noted<T> {
    pub value: T,
    /// Why this is a guess: written as `# check: …` on the value's line.
    pub check: Option<String>,
}

impl<T> Noted<T> {
    fn sure(value: T) -> Noted<T> {
        Noted { value, check: None }
    }

    fn guess(value: T, why: impl Into<String>) -> Noted<T> {
        Noted {
            value,
            check: Some(why.into()),
        }
    }
}

/// The `[[source]]` stub.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSource {
    pub id: Noted<String>,
    pub title: Option<Noted<String>>,
    pub publisher: Option<Noted<String>>,
    pub published: Option<Noted<Date>>,
    pub url: Option<String>,
}

/// A proposed `[[entity]]`: no name in the text matched the KB's.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEntity {
    pub id: String,
    pub names: Vec<String>,
    pub check: String,
}

/// A figure's value, as it is written in TOML.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftValue {
    Count {
        value: Decimal,
        max: Option<Decimal>,
        /// `{ min = N }`: the text says "more than N".
        open: bool,
    },
    Amount {
        currency: Currency,
        value: Decimal,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftFigure {
    pub id: Noted<String>,
    pub value: Noted<DraftValue>,
    pub of: Noted<Vec<String>>,
    pub approximate: bool,
    /// Given in words that state a ceiling ("up to 600 missiles"): written `ceiling = true`.
    pub ceiling: bool,
    pub date: Option<Noted<Date>>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftStatus {
    pub authority: Option<Noted<String>>,
    pub state: State,
    pub date: Option<Noted<Date>>,
    /// Its sentence says "today": the source's date is its date.
    pub today: bool,
    /// Its sentence dates it by a month or year only ("in March 2024"): no day to write.
    pub vague_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftRecord {
    pub id: Noted<String>,
    pub title: Noted<String>,
    pub about: Noted<Vec<String>>,
    pub date: Noted<Option<Date>>,
    pub figures: Vec<DraftFigure>,
    pub statuses: Vec<DraftStatus>,
    /// Amounts in the text that were not drafted, with the reason (a unit price, another
    /// programme): listed under the record for the reviewer.
    pub left_out: Vec<String>,
}

/// A draft: what `factcheck kb draft` writes for one source text.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub source_name: String,
    pub source: DraftSource,
    pub entities: Vec<DraftEntity>,
    pub record: DraftRecord,
}

/// Why no draft could be made.
pub fn nothing_found(name: &str) -> Box<Problem> {
    Box::new(Problem::new(
        "factcheck::draft::nothing-found",
        format!("found no count, amount or approval state to draft a record from in {name}"),
    )
    .help(
        "a source for `kb draft` states the deal's figures, e.g. \"up to 246 Javelin missiles\", \
         \"an estimated cost of $75 million\", \"the State Department approved the sale\"",
    ))
}

/// Drafts a record from `text` against `kb`: entity ids are the KB's where a name matches,
/// and no id the draft proposes is taken in the KB.
pub fn draft(text: &str, kb: &Kb, opts: &Options) -> Result<Draft, Box<Problem>> {
    let lexicon = kb.lexicon()?;
    let index = AliasIndex::new(kb);
    // First reading: to find the numbers DSCA spells twice ("sixty (60)"). Blanking keeps
    // every offset, so what is read of the page itself (title, dateline) holds for both.
    let first = Document::new(text.to_string());
    let meta = Meta::read(&first, lexicon);
    let dateline = Dateline::of(&first, meta.title_span);
    // The page's date resolves "on Tuesday" and "February 1".
    let ctx = Context {
        date: crate::check::article_date(&first)
            .or_else(|| dateline.as_ref().and_then(|d| d.date))
            .or_else(|| meta.published.as_ref().map(|p| p.value)),
    };
    let echoes = echoes(&first, &extract::extract(&first, &ctx, lexicon));
    let doc = if echoes.is_empty() {
        first
    } else {
        Document::new(blank(text, &echoes))
    };
    let claims = extract::extract(&doc, &ctx, lexicon);
    let (mentions, _) = index.scan(&doc);
    let taken = Taken::of(kb);

    let mut entities: Vec<DraftEntity> = Vec::new();
    let buyer = buyer(&doc, kb, &mentions, &meta, dateline.as_ref());
    let genre = Genre::of(&doc.text);
    let item = item(kb, &mentions, &claims, &meta, buyer.as_ref(), genre);
    let mut about_check: Vec<String> = Vec::new();
    let mut resolve =
        |found: Option<Found>, what: &str, entities: &mut Vec<DraftEntity>| match found {
            None => {
                about_check.push(format!("no {what} found"));
                None
            }
            Some(Found::Kb { id, why }) => {
                if let Some(w) = why {
                    about_check.push(w);
                }
                Some(id)
            }
            Some(Found::New { names, why }) => {
                let base = names.first().map(|n| slug(n)).unwrap_or_default();
                let base = if base.is_empty() {
                    what.to_string()
                } else {
                    base
                };
                let id = taken.fresh(&base, |id| {
                    kb.entity(id).is_some() || entities.iter().any(|e| e.id == id)
                });
                let mut check = format!("new {what} entity; no KB name matched");
                if let Some(w) = why {
                    check.push_str("; ");
                    check.push_str(&w);
                }
                if id != base {
                    check.push_str(&format!("; id `{base}` is taken, so `{id}`"));
                }
                entities.push(DraftEntity {
                    id: id.clone(),
                    names,
                    check,
                });
                Some(id)
            }
        };
    let buyer_id = resolve(buyer, "buyer", &mut entities);
    let item_id = resolve(item, "item", &mut entities);
    let about: Vec<String> = buyer_id.iter().chain(&item_id).cloned().collect();

    // States are read again with the new entities' names known, so "Valdoria signed the
    // Letter of Offer and Acceptance" finds its party.
    let statuses_claims: Vec<Claim> = if entities.is_empty() {
        claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Status)
            .cloned()
            .collect()
    } else {
        match lexicon_with(kb, &entities) {
            Some(l) => l.find(&doc),
            None => claims
                .iter()
                .filter(|c| c.kind == ClaimKind::Status)
                .cloned()
                .collect(),
        }
    };

    let statuses = statuses(
        &doc,
        &claims,
        &statuses_claims,
        kb,
        &entities,
        buyer_id.as_deref(),
        ctx.date,
    );
    let record_date = record_date(&doc, &claims, &statuses, &meta, dateline.as_ref(), ctx.date);
    let statuses = dated(statuses, record_date.value);
    let year = record_date.value.map(|d| d.year);
    let (figures_counts, counts_left_out) = counts(
        &doc,
        &claims,
        &item_names(kb, &entities, item_id.as_deref()),
    );
    let (amounts, mut left_out) = amounts(&doc, &claims, genre);
    if figures_counts.is_empty() && amounts.is_empty() && statuses.is_empty() {
        return Err(nothing_found(&opts.source_name));
    }
    left_out.splice(0..0, counts_left_out);
    let mut figures = figures_counts;
    figures.extend(amounts);
    unique_figure_ids(&mut figures);

    // Ids: the record's from --id or buyer-item-year; the source's from the publisher.
    let base_id = match &opts.id {
        Some(id) => id.clone(),
        None => {
            let mut parts: Vec<String> = about.clone();
            if let Some(y) = year {
                parts.push(y.to_string());
            }
            if parts.is_empty() {
                "draft".to_string()
            } else {
                parts.join("-")
            }
        }
    };
    let record_id = taken.fresh(&base_id, |id| taken.records.contains(id));
    let record_id = if record_id == base_id {
        if opts.id.is_some() {
            Noted::sure(record_id)
        } else {
            Noted::guess(record_id, "id made from the buyer, item and year")
        }
    } else {
        Noted::guess(
            record_id.clone(),
            format!("id `{base_id}` is taken in the KB, so `{record_id}`"),
        )
    };
    let publisher = meta.publisher.clone();
    let source_base = match publisher.as_ref().map(|p| short_name(&p.value)) {
        Some(p) if !p.is_empty() => format!("{p}-{}", record_id.value),
        _ => format!("{}-source", record_id.value),
    };
    let source_id = taken.fresh(&source_base, |id| taken.sources.contains(id));
    let source_id = if source_id == source_base {
        Noted::sure(source_id)
    } else {
        Noted::guess(
            source_id.clone(),
            format!("id `{source_base}` is taken in the KB, so `{source_id}`"),
        )
    };

    let title = record_title(&doc, genre, &meta, &figures, kb, &entities, &about);
    let about = match about_check.is_empty() {
        true => Noted::sure(about),
        false => Noted::guess(about, about_check.join("; ")),
    };
    let published = meta
        .published
        .clone()
        .or_else(|| dateline.as_ref().and_then(|d| d.date).map(Noted::sure));
    Ok(Draft {
        source_name: opts.source_name.clone(),
        source: DraftSource {
            id: source_id.clone(),
            title: meta.title.clone(),
            publisher,
            published,
            url: meta.url.clone(),
        },
        entities,
        record: DraftRecord {
            id: record_id,
            title,
            about,
            date: record_date,
            figures,
            statuses,
            left_out,
        },
    })
}

/// Loads `kb`'s files with `draft` (TOML text named `path`) added: the KB the draft must
/// pass `kb check` with, and the KB the next draft of the same run is made against.
pub fn with_draft(kb: &Kb, path: &str, draft: &str) -> Result<Kb, Vec<Problem>> {
    let mut files: Vec<(String, String)> = kb
        .files
        .iter()
        .map(|f| (f.path.clone(), f.text.to_string()))
        .collect();
    files.push((path.to_string(), draft.to_string()));
    load_sources(files)
}

// ---- reading the text -----------------------------------------------------------------------

/// The spans of "(60)" after "sixty": the same number given again in digits, in brackets,
/// as DSCA writes every count. Blanked before the second reading, so the spelled number
/// reaches its counted noun ("sixty Naval Strike Missiles").
fn echoes(doc: &Document, claims: &[Claim]) -> Vec<Span> {
    let text = &doc.text;
    let mut out = Vec::new();
    for pair in claims.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (Some(qa), Some(qb)) = (a.quantity(), b.quantity()) else {
            continue;
        };
        if qa.unit != Unit::Count || qb.unit != Unit::Count || qa.value != qb.value {
            continue;
        }
        let open = b.span.start.checked_sub(1);
        let Some(open) = open.filter(|&o| text.as_bytes().get(o) == Some(&b'(')) else {
            continue;
        };
        if text.as_bytes().get(b.span.end) != Some(&b')') {
            continue;
        }
        if a.span.end > open || !text[a.span.end..open].trim().is_empty() {
            continue;
        }
        out.push(Span::new(open, b.span.end + 1));
    }
    out
}

/// `text` with each span replaced by as many spaces: every other byte keeps its offset.
fn blank(text: &str, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans {
        out.push_str(&text[at..s.start]);
        out.extend(std::iter::repeat_n(' ', s.end - s.start));
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The dateline ("WASHINGTON, May 14, 2025 –"): at the top, or right under a title line.
struct Dateline {
    date: Option<Date>,
    text: String,
}

impl Dateline {
    fn of(doc: &Document, title: Option<Span>) -> Option<Dateline> {
        let body;
        let d = match (doc.dateline(), title) {
            (Some(_), _) => doc,
            (None, Some(t)) => {
                body = Document::new(blank(&doc.text, &[t]));
                &body
            }
            (None, None) => return None,
        };
        let span = d.dateline()?;
        Some(Dateline {
            date: dateline(d).map(|(x, _)| x),
            text: d.slice(span).to_string(),
        })
    }
}

/// What the text says about itself: its title, publisher, date and address.
#[derive(Debug, Default)]
struct Meta {
    title: Option<Noted<String>>,
    publisher: Option<Noted<String>>,
    published: Option<Noted<Date>>,
    url: Option<String>,
    /// Where the title line is, so it is not read as the record's content twice.
    title_span: Option<Span>,
}

static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?mi)^[ \t>*_]*\(?(?:source|publisher|published by)[ \t]*:[ \t]*([^;\n)]+?)[ \t]*(?:;[ \t]*(?:issued|published|dated)?[ \t]*([^)\n]+?))?[ \t]*\)?[ \t*_]*$",
    )
    .expect("the source-line regex is valid")
});

static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?mi)^[ \t>*_]*(?:published|posted|date|dated|issued|released|updated)[ \t]*:?[ \t]+(.{6,40}?)[ \t*_]*$")
        .expect("the date-label regex is valid")
});

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"https?://[^\s<>()\[\]"'`]+"#).expect("the URL regex is valid"));

/// A wire agency in brackets before the dateline's dash: "(Reuters) -", "(Yonhap) --".
static AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[\x20\t]*(?:[A-Z][A-Za-z0-9.,'\x20-]{0,60}?[\x20\t])?\(([A-Z][A-Za-z&.]*(?:[\x20][A-Z][A-Za-z&.]*){0,2})\)[\x20\t]*(?:—|–|-{1,2})")
        .expect("the agency regex is valid")
});

static FRONT_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^(title|publisher|source|url|link)[ \t]*:[ \t]*["']?(.*?)["']?[ \t]*$"#)
        .expect("the front matter regex is valid")
});

impl Meta {
    fn read(doc: &Document, lexicon: &Lexicon) -> Meta {
        let text = doc.text.as_str();
        let mut m = Meta::default();
        // Markdown front matter.
        let body_start = if text.trim_start_matches('\u{feff}').starts_with("---") {
            doc.masked.first().map_or(0, |s| s.end)
        } else {
            0
        };
        if body_start > 0 {
            for c in FRONT_KEY.captures_iter(&text[..body_start]) {
                let v = c[2].trim().to_string();
                if v.is_empty() {
                    continue;
                }
                match &c[1] {
                    "title" => m.title = Some(Noted::sure(v)),
                    "publisher" | "source" => m.publisher = Some(Noted::sure(v)),
                    _ => m.url = Some(v),
                }
            }
            if let Some(d) = doc.front_matter_date.as_deref().and_then(Date::parse) {
                m.published = Some(Noted::sure(d));
            }
        }
        // The title: a Markdown heading among the first lines, else a short first line
        // that is not a sentence.
        if m.title.is_none() {
            let mut at = body_start;
            for line in text[body_start..].split_inclusive('\n').take(6) {
                let start = at;
                at += line.len();
                let t = line.trim();
                if t.is_empty() || SOURCE_LINE.is_match(t) || URL.is_match(t) {
                    continue;
                }
                let heading = t.starts_with('#');
                let t = t.trim_start_matches('#').trim().trim_matches('*').trim();
                // A line that only dates the page or names its author comes before the title.
                let short = t.split_whitespace().count() <= 12;
                let date_only = DATE_LABEL.is_match(t) || leading_day(t, lexicon).is_some();
                if !heading && short && (date_only || t.starts_with("By ")) {
                    continue;
                }
                let dated = doc
                    .dateline()
                    .is_some_and(|d| d.start < at && d.end > start);
                let sentence = t.ends_with(['.', ':', ';', ',']) && !heading;
                if !heading && (dated || sentence || t.chars().count() > 160) {
                    break;
                }
                if !t.is_empty() {
                    let lead = line.find(t).unwrap_or(0);
                    m.title = Some(Noted::sure(t.to_string()));
                    m.title_span = Some(Span::new(start + lead, start + lead + t.len()));
                }
                break;
            }
        }
        // "Source: Defense Security Cooperation Agency; issued Dec 19, 2017".
        if let Some(c) = SOURCE_LINE.captures(text) {
            let who = c[1].trim();
            if URL.is_match(who) {
                m.url.get_or_insert_with(|| trim_url(who));
            } else if m.publisher.is_none() && !who.is_empty() {
                m.publisher = Some(Noted::sure(who.to_string()));
            }
            if let Some(d) = c.get(2).and_then(|d| day_in(d.as_str(), lexicon)) {
                m.published.get_or_insert(Noted::sure(d));
            }
        }
        if m.published.is_none()
            && let Some(d) = DATE_LABEL
                .captures(text)
                .and_then(|c| day_in(c.get(1)?.as_str(), lexicon))
        {
            m.published = Some(Noted::sure(d));
        }
        // A line of the page's head that opens with a full date ("March 16, 2023 5:25 PM -
        // Updated: …", "February 1, 2024 10:08 pm | Washington").
        if m.published.is_none() {
            m.published = text[body_start..]
                .lines()
                .filter(|l| !l.trim().is_empty())
                .take(4)
                .find_map(|l| {
                    leading_day(l.trim().trim_start_matches(['#', '*', '_', ' ']), lexicon)
                })
                .map(Noted::sure);
        }
        if m.url.is_none() {
            m.url = URL.find(text).map(|u| trim_url(u.as_str()));
        }
        // The agency in a dateline: "(CNN) —", "WASHINGTON, Sept. 13 (Yonhap) --".
        if m.publisher.is_none()
            && let Some(c) = AGENCY.captures(&text[body_start..text.len().min(body_start + 600)])
        {
            m.publisher = Some(Noted::guess(
                c[1].to_string(),
                "publisher guessed from the agency in the dateline",
            ));
        }
        if m.publisher.is_none() && is_dsca_release(text) {
            m.publisher = Some(Noted::guess(
                "Defense Security Cooperation Agency".to_string(),
                "publisher guessed from DSCA's notification wording",
            ));
        }
        m
    }
}

fn trim_url(u: &str) -> String {
    u.trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_'])
        .to_string()
}

/// The first full date in a short text.
fn day_in(s: &str, lexicon: &Lexicon) -> Option<Date> {
    let doc = Document::new(s.to_string());
    extract::extract(&doc, &Context::default(), lexicon)
        .into_iter()
        .find_map(|c| match c.value {
            ClaimValue::Date(DateValue::Day(d)) => Some(d),
            _ => None,
        })
}

/// The full date a line opens with, if it does.
fn leading_day(line: &str, lexicon: &Lexicon) -> Option<Date> {
    let doc = Document::new(line.to_string());
    let c = extract::extract(&doc, &Context::default(), lexicon)
        .into_iter()
        .next()?;
    match c.value {
        ClaimValue::Date(DateValue::Day(d)) if c.span.start == 0 => Some(d),
        _ => None,
    }
}

/// DSCA's own release: its closing formula "… delivered the required certification
/// notifying Congress of this possible sale today.", outside any quotation. A report quoting
/// or retelling it says "it said", "on February 1", "earlier in the day".
fn is_dsca_release(text: &str) -> bool {
    const FORMULA: &str =
        "delivered the required certification notifying congress of this possible sale today.";
    let l = text.to_lowercase();
    l.match_indices(FORMULA).any(|(at, _)| {
        let line_start = l[..at].rfind('\n').map_or(0, |i| i + 1);
        let after = &l[at + FORMULA.len()..];
        let after = &after[..after.find('\n').unwrap_or(after.len())];
        !l[line_start..at].contains(['"', '“', '”']) && !after.contains(['"', '“', '”'])
    })
}

/// Which kind of deal the text is about: sets the `of` phrases of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Genre {
    /// A US Foreign Military Sale (approval, notification).
    Sale,
    /// A presidential drawdown or aid package.
    Drawdown,
    Other,
}

impl Genre {
    fn of(text: &str) -> Genre {
        let l = text.to_lowercase();
        if l.contains("drawdown") || l.contains("assistance package") || l.contains("aid package") {
            Genre::Drawdown
        } else if [
            "foreign military sale",
            "security cooperation agency",
            "possible sale",
            "potential sale",
            "proposed sale",
        ]
        .iter()
        .any(|w| l.contains(w))
        {
            Genre::Sale
        } else {
            Genre::Other
        }
    }
}

// ---- buyer and item -------------------------------------------------------------------------

/// An entity chosen for `about`.
enum Found {
    Kb {
        id: String,
        why: Option<String>,
    },
    /// `names[0]` is the name the id is made from.
    New {
        names: Vec<String>,
        why: Option<String>,
    },
}

/// A capitalised name, up to five words, "of"/"and" inside ("Republic of Korea").
const NAME: &str = r"[A-Z][\p{L}'’\-]*[\p{L}](?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?|and[ \t]+)?[A-Z][\p{L}'’\-]*[\p{L}]){0,4}";

/// Wordings that name the buyer: (pattern, group of the name).
static BUYER_CUES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        format!(r"\b[Gg]overnment of (?:the )?(?P<n>{NAME})"),
        format!(
            r"\b(?:[Ss]ale|[Ss]ales|[Tt]ransfer|[Dd]elivery|[Dd]eliveries|[Ee]xport|[Dd]rawdown|[Pp]ackage)(?: of [^.;:\n]{{1,120}}?)? (?:to|for) (?:the )?(?P<n>{NAME})"
        ),
        format!(
            r"\b(?:[Mm]inistry of (?:National )?Defen[cs]e|[Aa]rmed [Ff]orces|[Dd]efen[cs]e [Mm]inistry) of (?:the )?(?P<n>{NAME})"
        ),
        format!(r"(?P<n>{NAME}) (?:has|have|had) requested to (?:buy|purchase)"),
        format!(
            r"(?P<n>{NAME})(?:'s|’s) (?:Ministry|[Dd]efen[cs]e|[Aa]rmed|[Mm]ilitary|[Aa]rmy|Air Force|Navy|[Gg]overnment)"
        ),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("a buyer cue is a valid regex"))
    .collect()
});

/// Words that start a capitalised run but are never a buyer's name.
const NOT_A_BUYER: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "foreign",
    "military",
    "government",
    "congress",
    "state",
    "department",
    "u.s",
    "u.s.",
    "us",
    "united",
    "american",
    "defense",
    "defence",
    "ministry",
    "president",
    "nato",
];

/// What a KB entity is to the KB's records: a buyer (first in `about`) or an item.
fn is_buyer_like(kb: &Kb, e: usize) -> Option<bool> {
    let id = &kb.entities.get(e)?.id;
    let (mut first, mut rest) = (0, 0);
    for r in &kb.records {
        match r.about.iter().position(|a| a == id) {
            Some(0) => first += 1,
            Some(_) => rest += 1,
            None => {}
        }
    }
    (first + rest > 0).then_some(first >= rest)
}

/// The seller's names: never the buyer.
fn is_seller(kb: &Kb, e: usize) -> bool {
    kb.entities.get(e).is_some_and(|e| {
        e.names
            .iter()
            .any(|n| n == "United States" || n == "U.S." || n == "US")
    })
}

fn buyer(
    doc: &Document,
    kb: &Kb,
    mentions: &[crate::entity::Mention],
    meta: &Meta,
    dateline: Option<&Dateline>,
) -> Option<Found> {
    let text = doc.text.as_str();
    // A wording that names the buyer, earliest first.
    let mut cued: Vec<(usize, Span)> = Vec::new();
    for re in BUYER_CUES.iter() {
        for c in re.captures_iter(text) {
            if let Some(n) = c.name("n") {
                cued.push((n.start(), Span::new(n.start(), n.end())));
            }
        }
    }
    cued.sort_by_key(|(at, _)| *at);
    let in_title = |s: Span| meta.title_span.is_some_and(|t| t.contains(s));
    for &(_, span) in &cued {
        let name = trim_name(doc.slice(span));
        if name.is_empty() || is_authority_name(kb, &name) {
            continue;
        }
        // A KB name inside the wording: the KB's entity.
        if let Some(m) = mentions
            .iter()
            .find(|m| span.contains(m.span) && !kb.entities[m.entity].authority)
        {
            if is_seller(kb, m.entity) || is_buyer_like(kb, m.entity) == Some(false) {
                continue;
            }
            return Some(Found::Kb {
                id: kb.entities[m.entity].id.clone(),
                why: None,
            });
        }
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        if NOT_A_BUYER.contains(&first.as_str()) || in_title(span) && cued.len() > 1 {
            continue;
        }
        let mut names = vec![name.clone()];
        // "Republic of Castavia": "Castavia" first, so the id is made from it.
        for lead in [
            "Republic of ",
            "Kingdom of ",
            "State of ",
            "Principality of ",
        ] {
            if let Some(short) = name.strip_prefix(lead) {
                names.insert(0, short.to_string());
            }
        }
        return Some(Found::New { names, why: None });
    }
    // The KB buyer mentioned most (then first).
    let mut best: Option<(usize, usize, usize)> = None; // (count, -first, entity)
    for m in mentions {
        let e = m.entity;
        if kb.entities[e].authority || is_seller(kb, e) || is_buyer_like(kb, e) != Some(true) {
            continue;
        }
        let n = mentions.iter().filter(|x| x.entity == e).count();
        let first = mentions
            .iter()
            .position(|x| x.entity == e)
            .unwrap_or(usize::MAX);
        if best.is_none_or(|(bn, bf, _)| n > bn || n == bn && first < bf) {
            best = Some((n, first, e));
        }
    }
    if let Some((_, _, e)) = best {
        let others: BTreeSet<&str> = mentions
            .iter()
            .filter(|m| {
                m.entity != e
                    && !kb.entities[m.entity].authority
                    && !is_seller(kb, m.entity)
                    && is_buyer_like(kb, m.entity) == Some(true)
            })
            .map(|m| kb.entities[m.entity].id.as_str())
            .collect();
        let why = (!others.is_empty()).then(|| {
            format!(
                "buyer is the country named most; also named: {}",
                others.into_iter().collect::<Vec<_>>().join(", ")
            )
        });
        return Some(Found::Kb {
            id: kb.entities[e].id.clone(),
            why,
        });
    }
    // The dateline's country: "WARSAW, Poland —".
    let country = dateline?.text.split(',').nth(1)?.trim().to_string();
    let country = country
        .split(|c: char| !(c.is_alphabetic() || c == ' ' || c == '-'))
        .next()?
        .trim();
    if country.is_empty()
        || !country.starts_with(char::is_uppercase)
        || country.chars().any(|c| c.is_ascii_digit())
        || crate::extract::date::month_number(country.split(' ').next().unwrap_or("")).is_some()
    {
        return None;
    }
    Some(Found::New {
        names: vec![country.to_string()],
        why: Some("taken from the dateline".into()),
    })
}

/// A name as matched, without a trailing possessive or stray punctuation.
fn trim_name(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .unwrap_or(s);
    s.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
}

fn is_authority_name(kb: &Kb, name: &str) -> bool {
    let l = name.to_lowercase();
    kb.authorities
        .iter()
        .any(|a| a.names.iter().any(|n| n.to_lowercase() == l))
        || kb
            .entities
            .iter()
            .any(|e| e.authority && e.names.iter().any(|n| n.to_lowercase() == l))
}

fn item(
    kb: &Kb,
    mentions: &[crate::entity::Mention],
    claims: &[Claim],
    meta: &Meta,
    buyer: Option<&Found>,
    genre: Genre,
) -> Option<Found> {
    let buyer_id = match buyer {
        Some(Found::Kb { id, .. }) => Some(id.as_str()),
        _ => None,
    };
    let counted: Vec<Span> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Count)
        .filter_map(|c| c.of.as_ref().map(|o| o.1))
        .collect();
    // A KB item: named in the title, in a counted noun, then most often, then first.
    // (in the title, in a counted noun, mentions, earliest), entity
    type Rank = (usize, usize, usize, std::cmp::Reverse<usize>);
    let mut best: Option<(Rank, usize)> = None;
    let mut named: BTreeSet<&str> = BTreeSet::new();
    for (pos, m) in mentions.iter().enumerate() {
        let e = m.entity;
        let ent = &kb.entities[e];
        if ent.authority
            || is_seller(kb, e)
            || Some(ent.id.as_str()) == buyer_id
            || is_buyer_like(kb, e) == Some(true)
        {
            continue;
        }
        named.insert(ent.id.as_str());
        let in_title = meta.title_span.is_some_and(|t| t.contains(m.span));
        let in_count = counted.iter().any(|c| c.overlaps(m.span));
        let n = mentions.iter().filter(|x| x.entity == e).count();
        let key = (
            usize::from(in_title),
            usize::from(in_count),
            n,
            std::cmp::Reverse(pos),
        );
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, e));
        }
    }
    // A drawdown is recorded about the KB's drawdown entity, whatever its list names, unless
    // the title or a count names an item.
    if genre == Genre::Drawdown
        && best
            .as_ref()
            .is_none_or(|((t, c, _, _), _)| *t == 0 && *c == 0)
        && let Some(e) = kb.entities.iter().find(|e| {
            !e.authority
                && e.names
                    .iter()
                    .any(|n| n.to_lowercase().contains("drawdown"))
        })
    {
        return Some(Found::Kb {
            id: e.id.clone(),
            why: Some("a drawdown: the KB's drawdown entity".into()),
        });
    }
    if let Some((_, e)) = best {
        let id = kb.entities[e].id.clone();
        named.remove(id.as_str());
        let why = (!named.is_empty()).then(|| {
            format!(
                "item chosen among: {}, {}",
                id,
                named.into_iter().collect::<Vec<_>>().join(", ")
            )
        });
        return Some(Found::Kb { id, why });
    }
    // A new item: the title's "Buyer – Item", else the first counted noun's name part.
    if let Some(t) = &meta.title {
        for dash in [" – ", " — ", " - "] {
            if let Some((_, item)) = t.value.split_once(dash) {
                let item = item.trim();
                if !item.is_empty() && item.split_whitespace().count() <= 6 {
                    let mut names = vec![item.to_string()];
                    if let Some(o) = other_number(item) {
                        names.push(o);
                    }
                    return Some(Found::New {
                        names,
                        why: Some("named after the title".into()),
                    });
                }
            }
        }
    }
    let first = claims
        .iter()
        .find(|c| c.kind == ClaimKind::Count && c.of.is_some())?;
    let (of, _) = first.of.as_ref()?;
    let of = &trim_noun(of);
    let name = proper_part(of)?;
    let mut names = vec![name.clone()];
    if name != *of {
        names.push(of.clone());
    }
    Some(Found::New {
        names,
        why: Some("named after the first counted noun".into()),
    })
}

/// The leading capitalised or numbered words of a noun phrase: "Kestrel" of "Kestrel patrol
/// boats", "AH-64E Apache" of "AH-64E Apache helicopters".
fn proper_part(of: &str) -> Option<String> {
    let words: Vec<&str> = of
        .split_whitespace()
        .take_while(|w| {
            w.starts_with(|c: char| c.is_uppercase()) || w.chars().any(|c| c.is_ascii_digit())
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let name = words.join(" ");
    // A whole capitalised phrase ("Naval Strike Missiles") is its own name.
    Some(name)
}

/// Names of the item (from the KB or the draft), to shorten counted nouns for `of`.
fn item_names(kb: &Kb, new: &[DraftEntity], item: Option<&str>) -> Vec<String> {
    let Some(item) = item else {
        return Vec::new();
    };
    if let Some(e) = kb.entity(item) {
        return e.names.clone();
    }
    new.iter()
        .find(|e| e.id == item)
        .map(|e| e.names.clone())
        .unwrap_or_default()
}

/// The KB's approval lexicon with the new entities' names added.
fn lexicon_with(kb: &Kb, new: &[DraftEntity]) -> Option<Lexicon> {
    let mut names = kb.names();
    names.extend(new.iter().map(|e| Names {
        id: e.id.clone(),
        names: e.names.clone(),
        authority: false,
    }));
    let mut phrases = kb.phrases.clone();
    phrases.sort_by_key(|p| std::cmp::Reverse(p.priority));
    Lexicon::new(phrases, &names).ok()
}

// ---- figures --------------------------------------------------------------------------------

/// Counted nouns that are not the deal's equipment: its staff, the parties, parts of a
/// sentence's own talk ("the two countries", "all three segments", "one example").
const NOT_EQUIPMENT: &[&str] = &[
    "representative",
    "representatives",
    "personnel",
    "contractor",
    "contractors",
    "offices",
    "percent",
    "countries",
    "nations",
    "allies",
    "members",
    "sides",
    "parties",
    "segments",
    "example",
    "examples",
    "times",
];

/// Heads too general to stand alone as an `of` phrase: the word before goes with them.
const GENERIC_HEADS: &[&str] = &[
    "units",
    "unit",
    "systems",
    "system",
    "sets",
    "set",
    "kits",
    "kit",
    "items",
    "pieces",
    "parts",
    "equipment",
    "stations",
    "station",
    "centers",
    "centres",
    "vehicles",
];

/// The deal's counts, and those left out because their sentence places them in another
/// event ("currently maintains 40 F-35As"), each said with its cue.
fn counts(
    doc: &Document,
    claims: &[Claim],
    item_names: &[String],
) -> (Vec<DraftFigure>, Vec<String>) {
    let mut out: Vec<(DraftFigure, String)> = Vec::new();
    let mut left_out = Vec::new();
    for c in claims {
        if c.kind != ClaimKind::Count {
            continue;
        }
        let (Some(q), Some((of, _))) = (c.quantity(), c.of.as_ref()) else {
            continue;
        };
        if q.qualifier == Qualifier::Vague {
            continue;
        }
        let of = trim_noun(of);
        let head = of.rsplit(' ').next().unwrap_or("").to_lowercase();
        if of
            .split_whitespace()
            .any(|w| NOT_EQUIPMENT.contains(&w.to_lowercase().as_str()))
        {
            continue;
        }
        let (value, max, open) = match q.qualifier {
            Qualifier::Range => (q.value, q.max, false),
            Qualifier::LowerBound => (q.value, None, true),
            _ => (q.value, None, false),
        };
        let key = of.to_lowercase();
        // The same count of the same thing, said again: one figure.
        if out.iter().any(|(f, k)| {
            *k == key && matches!(f.value.value, DraftValue::Count { value: v, .. } if v == value)
        }) {
            continue;
        }
        let note = match q.qualifier {
            Qualifier::UpperBound => Some(format!("Up to {}.", crate::fmt::number(value))),
            Qualifier::JustBelow => Some(format!("Just under {}.", crate::fmt::number(value))),
            _ => None,
        };
        let value_check = match other_event_cue(doc, c) {
            Some((cue, Cue::OtherEvent)) => {
                let text = format!("{} {of}", doc.slice(c.value_span));
                left_out.push(format!(
                    "{text} (\"{cue}\" before it: another order or event)"
                ));
                continue;
            }
            Some((cue, Cue::Part)) => {
                Some(format!("\"{cue}\" before it: may be a part of the order"))
            }
            None => in_quote(doc, c).then(|| "said in a quotation".to_string()),
        };
        let phrases = of_phrases(&of, item_names);
        let id = figure_id(&of, &head);
        out.push((
            DraftFigure {
                id: Noted::sure(id),
                value: Noted {
                    value: DraftValue::Count { value, max, open },
                    check: value_check,
                },
                of: Noted::sure(phrases),
                approximate: q.qualifier == Qualifier::Approximate,
                ceiling: q.ceiling,
                date: None,
                note,
            },
            key,
        ));
    }
    // One noun counted twice with different numbers: both kept, both marked.
    let keys: Vec<String> = out.iter().map(|(_, k)| k.clone()).collect();
    for (f, k) in &mut out {
        if keys.iter().filter(|x| *x == k).count() > 1 && f.value.check.is_none() {
            f.value.check = Some(format!(
                "the text counts \"{k}\" more than once with different numbers; keep the deal's"
            ));
        }
    }
    (out.into_iter().map(|(f, _)| f).collect(), left_out)
}

/// What a cue before a count makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Another order, an earlier delivery, the fleet in service: not this record's.
    OtherEvent,
    /// A share of this order ("the first four", "of which 15"): kept, marked.
    Part,
}

/// Words in a claim's sentence, before it, that place it in another event or make it a part
/// of the order: the cue and what it may mean.
fn other_event_cue(doc: &Document, c: &Claim) -> Option<(&'static str, Cue)> {
    const CUES: &[(&str, Cue)] = &[
        ("already", Cue::OtherEvent),
        ("previously", Cue::OtherEvent),
        ("earlier", Cue::OtherEvent),
        ("previous", Cue::OtherEvent),
        ("last year", Cue::OtherEvent),
        ("in addition to", Cue::OtherEvent),
        ("existing", Cue::OtherEvent),
        ("operates", Cue::OtherEvent),
        ("currently", Cue::OtherEvent),
        ("maintains", Cue::OtherEvent),
        ("in service", Cue::OtherEvent),
        ("fleet of", Cue::OtherEvent),
        ("first", Cue::Part),
        ("initial", Cue::Part),
        ("remaining", Cue::Part),
        ("last", Cue::Part),
        ("final", Cue::Part),
        ("of which", Cue::Part),
    ];
    let s = doc.sentences.get(c.sentence)?;
    let before = doc.text.get(s.span.start..c.span.start)?.to_lowercase();
    // "200 missiles, including 4 fly-to-buy missiles": a share of the count before it (only
    // right before the count: the sentence's later items are not shares).
    if before.trim_end().ends_with("including") {
        return Some(("including", Cue::Part));
    }
    CUES.iter().copied().find(|(cue, _)| {
        before
            .match_indices(cue)
            .any(|(i, _)| word_bounded(&before, i, cue.len()))
    })
}

/// Whether a claim stands inside a quotation of its paragraph (an open quote before it).
fn in_quote(doc: &Document, c: &Claim) -> bool {
    let Some(s) = doc.sentences.get(c.sentence) else {
        return false;
    };
    let Some(p) = doc.paragraphs.get(s.paragraph) else {
        return false;
    };
    let before = doc.text.get(p.start..c.span.start).unwrap_or("");
    let opened = before.matches('“').count();
    let closed = before.matches('”').count();
    let straight = before.matches('"').count();
    opened > closed || straight % 2 == 1
}

/// A counted noun without what the extractor may have read on into: a verb ("launchers
/// give us" → "launchers") or the rest of the package ("F-16 jets and related equipment" →
/// "F-16 jets"). A plural followed by a word in lower case ends the noun there, unless the
/// phrase ends in a plural too ("weapons control systems": the first was a modifier).
fn trim_noun(of: &str) -> String {
    let words: Vec<&str> = of.split_whitespace().collect();
    let plural = |w: &str| {
        w.chars().count() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.eq_ignore_ascii_case("arms")
    };
    let ends_plural = words.last().is_some_and(|w| plural(w));
    let mut end = words.len();
    for (i, pair) in words.windows(2).enumerate() {
        let (w, next) = (pair[0], pair[1]);
        // "… and related equipment", "… and other gear".
        if i > 0
            && (w == "and" || w == "with")
            && matches!(
                next,
                "related"
                    | "additional"
                    | "other"
                    | "associated"
                    | "support"
                    | "spare"
                    | "its"
                    | "their"
            )
        {
            end = i;
            break;
        }
        let lower = next.starts_with(|c: char| c.is_lowercase());
        if plural(w) && lower && !ends_plural && !matches!(next, "and" | "or" | "of") {
            end = i + 1;
            break;
        }
    }
    words[..end].join(" ")
}

fn word_bounded(s: &str, at: usize, len: usize) -> bool {
    let before = s[..at].chars().next_back();
    let after = s[at + len..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// `of` phrases for a counted noun: as written, without a leading designation or the
/// item's name, and its head noun ("launch units" where the head alone says little).
fn of_phrases(of: &str, item_names: &[String]) -> Vec<String> {
    let words: Vec<&str> = of.split_whitespace().collect();
    let mut out: Vec<String> = vec![of.to_string()];
    if words.len() >= 2 {
        // Without leading designations: "FGM-148F Javelin missiles" → "Javelin missiles".
        let skip = words
            .iter()
            .take(words.len() - 1)
            .take_while(|w| w.chars().any(|c| c.is_ascii_digit()))
            .count();
        if skip > 0 {
            out.push(words[skip..].join(" "));
        }
        let last = words[words.len() - 1];
        let head_lower = last.to_lowercase();
        let tail = if is_designation(last) {
            // "Tomahawk Block V": the head is a designation, no noun alone.
            None
        } else if GENERIC_HEADS.contains(&head_lower.as_str()) && words.len() >= 2 {
            let prev = words[words.len() - 2];
            (!prev.chars().any(|c| c.is_ascii_digit()))
                .then(|| format!("{} {}", lower_common(prev), head_lower))
        } else {
            Some(lower_common(last))
        };
        // The item's own name before the head: "Lockheed Martin fifth-generation Joint
        // Strike Fighters" → "F-35 fighters".
        let lower = of.to_lowercase();
        if let Some(first) = item_names.first()
            && !is_designation(last)
            && !GENERIC_HEADS.contains(&head_lower.as_str())
            && !lower.starts_with(&first.to_lowercase())
            && item_names.iter().any(|n| {
                let n = n.to_lowercase();
                contains_words(&lower, &n)
                    || other_number(&n).is_some_and(|o| contains_words(&lower, &o))
            })
        {
            out.push(format!("{first} {}", lower_common(last)));
        }
        if let Some(t) = tail {
            // An item's name alone is the entity, not a figure phrase.
            if !item_names.iter().any(|n| n.eq_ignore_ascii_case(&t)) {
                out.push(t);
            }
        }
    }
    let mut seen = HashSet::new();
    out.retain(|p| {
        let k = p.to_lowercase();
        let other = other_number(&k);
        let fresh = !seen.contains(&k) && other.as_ref().is_none_or(|o| !seen.contains(o));
        seen.insert(k);
        fresh
    });
    out
}

/// A word in lower case unless it is an acronym ("IFCN", "AURs").
fn lower_common(w: &str) -> String {
    let stem = w.strip_suffix('s').unwrap_or(w);
    if stem.chars().count() > 1 && stem.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
        w.to_string()
    } else {
        w.to_lowercase()
    }
}

/// A model designation or its part: "V" of "Block V", "70", "F-16C/D".
fn is_designation(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
        || w.chars().count() <= 2
        || w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Whether `hay` holds `needle` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.is_empty()
        && hay
            .match_indices(needle)
            .any(|(i, _)| word_bounded(hay, i, needle.len()))
}

fn figure_id(of: &str, head: &str) -> String {
    let words: Vec<&str> = of.split_whitespace().collect();
    let id = if GENERIC_HEADS.contains(&head) && words.len() >= 2 {
        slug(&words[words.len() - 2..].join(" "))
    } else {
        slug(head)
    };
    if id.is_empty() {
        "count".to_string()
    } else {
        id
    }
}

/// Figure ids unique within the record: a second "missiles" becomes "missiles-2".
fn unique_figure_ids(figures: &mut [DraftFigure]) {
    let mut seen: HashSet<String> = HashSet::new();
    for f in figures {
        let base = f.id.value.clone();
        let mut id = base.clone();
        let mut n = 2;
        while seen.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        seen.insert(id.clone());
        f.id.value = id;
    }
}

/// The `of` phrases of a deal's value, by genre.
const SALE_VALUE: &[&str] = &[
    "estimated cost",
    "possible sale",
    "potential sale",
    "sale",
    "deal",
    "package",
    "value",
];
const DRAWDOWN_VALUE: &[&str] = &[
    "package",
    "drawdown",
    "aid package",
    "military aid package",
    "security assistance package",
    "assistance package",
    "tranche",
];
const OTHER_VALUE: &[&str] = &["deal", "sale", "purchase", "package", "order", "value"];
const CONTRACT_VALUE: &[&str] = &["contract", "deal", "agreement", "order", "value"];

/// What an amount is, read from the words around it in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AmountRole {
    Estimate,
    Contract,
    Total,
    /// Not the deal's value: a unit price, a wider programme, another deal.
    Other(&'static str),
}

fn amount_role(doc: &Document, c: &Claim) -> AmountRole {
    let Some(s) = doc.sentences.get(c.sentence) else {
        return AmountRole::Total;
    };
    // Around the value itself: its qualifier ("an estimated") is in the claim's span.
    let before = doc
        .text
        .get(s.span.start..c.value_span.start)
        .unwrap_or("")
        .to_lowercase();
    let after = doc
        .text
        .get(c.value_span.end..s.span.end)
        .unwrap_or("")
        .to_lowercase();
    // The last few words before it and the first few after.
    let near_before: String = last_words(&before, 6);
    let near_after: String = first_words(&after, 5);
    let has = |s: &str, w: &str| s.match_indices(w).any(|(i, _)| word_bounded(s, i, w.len()));
    for (cue, why) in [
        ("each", "a unit price"),
        ("apiece", "a unit price"),
        ("per", "a unit price"),
    ] {
        if has(&near_after, cue) {
            return AmountRole::Other(why);
        }
    }
    for (cue, why) in [
        ("each", "a unit price"),
        ("unit cost", "a unit price"),
        ("unit price", "a unit price"),
        ("broader", "a wider programme"),
        ("budget", "a budget"),
        ("programme", "a wider programme"),
        ("program", "a wider programme"),
        ("plan", "a plan"),
        ("previous", "another deal"),
        ("earlier", "another deal"),
        ("already", "another deal"),
        ("last year", "another deal"),
        ("since", "another period"),
    ] {
        if has(&near_before, cue) {
            return AmountRole::Other(why);
        }
    }
    if has(&near_after, "program") || has(&near_after, "programme") || has(&near_after, "budget") {
        return AmountRole::Other("a wider programme");
    }
    if has(&near_before, "estimated") || has(&near_after, "estimated") {
        return AmountRole::Estimate;
    }
    if has(&near_before, "contract") || has(&near_after, "contract") {
        return AmountRole::Contract;
    }
    AmountRole::Total
}

fn last_words(s: &str, n: usize) -> String {
    let w: Vec<&str> = s.split_whitespace().collect();
    w[w.len().saturating_sub(n)..].join(" ")
}

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// The deal's value (and a contract's, when the text gives both), and the amounts left out.
fn amounts(doc: &Document, claims: &[Claim], genre: Genre) -> (Vec<DraftFigure>, Vec<String>) {
    struct Seen<'c> {
        claim: &'c Claim,
        currency: Currency,
        role: AmountRole,
    }
    let mut seen: Vec<Seen> = Vec::new();
    let mut left_out = Vec::new();
    for c in claims {
        let Some(q) = c.quantity() else { continue };
        let Unit::Money(cur) = q.unit else { continue };
        let text = doc.slice(c.span).trim().to_string();
        let Some(currency) = cur else {
            left_out.push(format!("{text} (no currency)"));
            continue;
        };
        if q.qualifier == Qualifier::Range || q.qualifier == Qualifier::Vague {
            left_out.push(format!("{text} (a range)"));
            continue;
        }
        let role = amount_role(doc, c);
        if let AmountRole::Other(why) = role {
            left_out.push(format!("{text} ({why})"));
            continue;
        }
        seen.push(Seen {
            claim: c,
            currency,
            role,
        });
    }
    let value_of = |s: &Seen| s.claim.quantity().map(|q| q.value).unwrap_or_default();
    let mut distinct: Vec<(Currency, Decimal)> = Vec::new();
    for s in &seen {
        let k = (s.currency, value_of(s));
        if !distinct.contains(&k) {
            distinct.push(k);
        }
    }
    let mut out = Vec::new();
    // The value: an estimate first, then an amount said most often, then the first.
    let main = seen
        .iter()
        .find(|s| s.role == AmountRole::Estimate)
        .or_else(|| {
            seen.iter()
                .filter(|s| s.role == AmountRole::Total)
                .max_by_key(|s| {
                    let v = (s.currency, value_of(s));
                    (
                        seen.iter()
                            .filter(|o| (o.currency, value_of(o)) == v)
                            .count(),
                        std::cmp::Reverse(s.claim.span.start),
                    )
                })
        })
        .or_else(|| seen.first());
    let Some(main) = main else {
        return (out, left_out);
    };
    let main_key = (main.currency, value_of(main));
    let main_check = match distinct.len() {
        0 | 1 => None,
        n => Some(format!(
            "{} amounts; took the one {}",
            number_word(n),
            match main.role {
                AmountRole::Estimate => "said to be estimated".to_string(),
                _ if seen
                    .iter()
                    .filter(|o| (o.currency, value_of(o)) == main_key)
                    .count()
                    > 1 =>
                {
                    format!("said most often (\"{}\")", doc.slice(main.claim.value_span))
                }
                _ => format!("said first (\"{}\")", doc.slice(main.claim.value_span)),
            }
        )),
    };
    let (id, list) = match (main.role, genre) {
        (AmountRole::Contract, _) => ("contract-value", CONTRACT_VALUE),
        (_, Genre::Drawdown) => ("package-value", DRAWDOWN_VALUE),
        (AmountRole::Estimate, _) | (_, Genre::Sale) => ("estimated-cost", SALE_VALUE),
        _ => ("value", OTHER_VALUE),
    };
    out.push(amount_figure(
        doc,
        main.claim,
        main.currency,
        id,
        list,
        main_check,
        None,
    ));
    // A contract's value beside the estimate: a figure of its own, dated when its sentence is.
    if main.role != AmountRole::Contract
        && let Some(k) = seen
            .iter()
            .find(|s| s.role == AmountRole::Contract && (s.currency, value_of(s)) != main_key)
    {
        let date = day_in_sentence(claims, k.claim.sentence);
        out.push(amount_figure(
            doc,
            k.claim,
            k.currency,
            "contract-value",
            CONTRACT_VALUE,
            Some("the contract's value beside the estimate; keep it if the record covers the contract".into()),
            date,
        ));
    }
    for s in &seen {
        let k = (s.currency, value_of(s));
        let drafted = k == main_key
            || out.iter().any(|f| {
                matches!(f.value.value, DraftValue::Amount { currency, value } if (currency, value) == k)
            });
        if !drafted {
            let text = doc.slice(s.claim.span).trim().to_string();
            if !left_out.iter().any(|l| l.starts_with(&text)) {
                left_out.push(format!("{text} (another amount)"));
            }
        }
    }
    (out, left_out)
}

fn amount_figure(
    doc: &Document,
    c: &Claim,
    currency: Currency,
    id: &str,
    list: &[&str],
    check: Option<String>,
    date: Option<Date>,
) -> DraftFigure {
    let q = c.quantity();
    let value = q.map(|q| q.value).unwrap_or_default();
    let mut of: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    // What the amount prices, when that is a common noun ("a $75 million package"), not a
    // name ("$5.6 billion Foreign Military Sale", "$5.6 billion F-35 jet sale").
    if let Some((priced, _)) = &c.of
        && priced.split_whitespace().count() <= 3
        && priced
            .split_whitespace()
            .all(|w| w.chars().count() > 2 && w.chars().all(|ch| ch.is_lowercase()))
        && !of.contains(priced)
    {
        of.insert(0, priced.clone());
    }
    let qual = q.map(|q| q.qualifier).unwrap_or(Qualifier::Exact);
    // "an estimated $220 million" is the estimate the record holds, not a hedge on it.
    let estimated = doc
        .text
        .get(c.span.start..c.value_span.start)
        .is_some_and(|h| h.to_lowercase().contains("estimated"));
    let note = match qual {
        Qualifier::UpperBound => Some(format!("Up to {}.", doc.slice(c.value_span))),
        Qualifier::LowerBound => Some(format!("More than {}.", doc.slice(c.value_span))),
        Qualifier::JustBelow => Some(format!("Just under {}.", doc.slice(c.value_span))),
        _ => None,
    }
    .or_else(|| {
        c.conversions
            .first()
            .map(|(cur, v)| format!("Also given as {}.", crate::fmt::money(Some(*cur), *v)))
    });
    DraftFigure {
        id: Noted::sure(id.to_string()),
        value: Noted {
            value: DraftValue::Amount { currency, value },
            check,
        },
        of: Noted::sure(of),
        approximate: qual == Qualifier::LowerBound || qual == Qualifier::Approximate && !estimated,
        ceiling: q.is_some_and(|q| q.ceiling),
        date: date.map(|d| Noted::guess(d, "the date in the contract's sentence")),
        note,
    }
}

fn number_word(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        5 => "five".into(),
        _ => n.to_string(),
    }
}

/// The day a sentence dates its event by: of several, one that is not the page's own date
/// (a header "Sputnik - 28th June, 2023 … said on Tuesday" dates the page, then the event).
fn event_day(claims: &[Claim], sentence: usize, page_date: Option<Date>) -> Option<Date> {
    let days: Vec<Date> = claims
        .iter()
        .filter(|c| c.sentence == sentence)
        .filter_map(|c| match c.value {
            ClaimValue::Date(DateValue::Day(d)) => Some(d),
            _ => None,
        })
        .collect();
    days.iter()
        .copied()
        .find(|d| Some(*d) != page_date)
        .or_else(|| days.first().copied())
}

fn day_in_sentence(claims: &[Claim], sentence: usize) -> Option<Date> {
    claims.iter().find_map(|c| match c.value {
        ClaimValue::Date(DateValue::Day(d)) if c.sentence == sentence => Some(d),
        _ => None,
    })
}

// ---- dates and states -----------------------------------------------------------------------

/// The record's date: the day of its first approval state when the text gives one, else
/// the dateline's, the front matter's, the source's publication date, the first date.
fn record_date(
    doc: &Document,
    claims: &[Claim],
    statuses: &[DraftStatus],
    meta: &Meta,
    dateline: Option<&Dateline>,
    page_date: Option<Date>,
) -> Noted<Option<Date>> {
    let lined = dateline.and_then(|d| d.date);
    if let Some(d) = statuses
        .iter()
        .find_map(|s| s.date.as_ref().map(|d| d.value))
    {
        return match lined {
            Some(l) if l != d => Noted::guess(
                Some(d),
                format!("the day of the first approval state; the dateline says {l}"),
            ),
            _ => Noted::sure(Some(d)),
        };
    }
    // The lead dates the announcement the page reports ("the agency said on Thursday", "in a
    // 29 June statement"): its first day that is not the page's own.
    let body_from = meta.title_span.map_or(0, |t| t.end);
    let lead: Vec<usize> = doc
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| s.span.start >= body_from)
        .take(8)
        .map(|(i, _)| i)
        .collect();
    // Within the week before the page's date: an older date in the lead is background ("a
    // photo from the 2018 exercise").
    let recent = |d: Date| page_date.is_some_and(|p| d < p && p.days() - d.days() <= 7);
    if let Some((d, said)) = claims.iter().find_map(|c| match c.value {
        ClaimValue::Date(DateValue::Day(d)) if lead.contains(&c.sentence) && recent(d) => {
            Some((d, doc.slice(c.span)))
        }
        _ => None,
    }) {
        return Noted::guess(
            Some(d),
            format!("no date by the approval; took the lead's \"{said}\""),
        );
    }
    if let Some(d) = lined {
        return Noted::sure(Some(d));
    }
    if let Some(d) = doc.front_matter_date.as_deref().and_then(Date::parse) {
        return Noted::sure(Some(d));
    }
    if let Some(p) = &meta.published {
        return Noted::guess(
            Some(p.value),
            "no dateline; used the source's publication date",
        );
    }
    if let Some(d) = claims.iter().find_map(|c| match c.value {
        ClaimValue::Date(DateValue::Day(d)) => Some(d),
        _ => None,
    }) {
        return Noted::guess(Some(d), "no dateline; took the first date in the text");
    }
    Noted::guess(
        None,
        "no date found; add the day of the approval or announcement",
    )
}

fn statuses(
    doc: &Document,
    claims: &[Claim],
    found: &[Claim],
    kb: &Kb,
    new: &[DraftEntity],
    buyer: Option<&str>,
    page_date: Option<Date>,
) -> Vec<DraftStatus> {
    let mut out: Vec<DraftStatus> = Vec::new();
    for c in found {
        let ClaimValue::Status {
            authority, state, ..
        } = &c.value
        else {
            continue;
        };
        let said = doc.slice(c.span).trim().to_string();
        let authority: Option<Noted<String>> = match authority.as_deref() {
            None => None,
            Some(a) if kb.entity(a).is_some() || new.iter().any(|e| e.id == a) => {
                Some(Noted::sure(a.to_string()))
            }
            // A language rule's body ("the defence ministry", "parliament"): the buyer's.
            Some(a) => match buyer {
                Some(b) => Some(Noted::guess(
                    b.to_string(),
                    format!("the text says \"{said}\" ({a}); took it as the buyer's"),
                )),
                None => continue,
            },
        };
        let key = (authority.as_ref().map(|a| a.value.clone()), *state);
        if out
            .iter()
            .any(|s| (s.authority.as_ref().map(|a| a.value.clone()), s.state) == key)
        {
            continue;
        }
        let sentence_text = doc
            .sentences
            .get(c.sentence)
            .map(|s| doc.slice(s.span).to_lowercase())
            .unwrap_or_default();
        // A month or a year dates it, but a status's date is a day.
        let vague = claims.iter().find_map(|d| match d.value {
            ClaimValue::Date(DateValue::Month { .. } | DateValue::Year(_))
                if d.sentence == c.sentence =>
            {
                Some(doc.slice(d.span).to_string())
            }
            _ => None,
        });
        out.push(DraftStatus {
            authority,
            state: *state,
            date: event_day(claims, c.sentence, page_date).map(Noted::sure),
            today: sentence_text.contains("today"),
            vague_date: vague,
        });
    }
    // "Pending" beside a later state of the same authority on the same day says nothing more.
    let decided: Vec<(Option<String>, Option<Date>)> = out
        .iter()
        .filter(|s| s.state != State::Pending)
        .map(|s| {
            (
                s.authority.as_ref().map(|a| a.value.clone()),
                s.date.as_ref().map(|d| d.value),
            )
        })
        .collect();
    out.retain(|s| {
        s.state != State::Pending
            || !decided.contains(&(
                s.authority.as_ref().map(|a| a.value.clone()),
                s.date.as_ref().map(|d| d.value),
            ))
    });
    out
}

/// Statuses whose sentence gives no day take the record's ("… notifying Congress of this
/// possible sale today"), marked unless the sentence says "today".
fn dated(mut statuses: Vec<DraftStatus>, record: Option<Date>) -> Vec<DraftStatus> {
    for s in &mut statuses {
        if s.date.is_some() || s.vague_date.is_some() {
            continue;
        }
        s.date = record.map(|d| {
            if s.today {
                Noted::sure(d)
            } else {
                Noted::guess(d, "no date in its sentence; took the record's date")
            }
        });
    }
    statuses
}

fn record_title(
    doc: &Document,
    genre: Genre,
    meta: &Meta,
    figures: &[DraftFigure],
    kb: &Kb,
    new: &[DraftEntity],
    about: &[String],
) -> Noted<String> {
    let name = |id: &str| -> String {
        kb.entity(id)
            .and_then(|e| e.names.first().cloned())
            .or_else(|| {
                new.iter()
                    .find(|e| e.id == id)
                    .and_then(|e| e.names.first().cloned())
            })
            .unwrap_or_else(|| id.to_string())
    };
    let buyer = about.first().map(|b| name(b));
    let thing = figures
        .iter()
        .find(|f| matches!(f.value.value, DraftValue::Count { .. }))
        .and_then(|f| f.of.value.first().cloned())
        .or_else(|| about.get(1).map(|i| name(i)));
    let _ = doc;
    match (genre, buyer, thing) {
        (Genre::Sale, Some(b), Some(t)) => Noted::guess(
            format!("Possible Foreign Military Sale of {t} to {b}"),
            "title made from the buyer and the first count",
        ),
        (_, b, t) => match (&meta.title, b, t) {
            (Some(t), ..) => Noted::guess(t.value.clone(), "the source's title"),
            (None, Some(b), Some(t)) => Noted::guess(
                format!("{t} for {b}"),
                "no title line; made from the buyer and the first count",
            ),
            (None, ..) => Noted::guess(
                about.join(" "),
                "no title found; write one that says what the record is",
            ),
        },
    }
}

// ---- ids ------------------------------------------------------------------------------------

/// The ids a draft must not take.
struct Taken {
    records: HashSet<String>,
    sources: HashSet<String>,
}

impl Taken {
    fn of(kb: &Kb) -> Taken {
        Taken {
            records: kb.records.iter().map(|r| r.id.clone()).collect(),
            sources: kb.sources.iter().map(|s| s.id.clone()).collect(),
        }
    }

    /// `base`, or `base-2`, `base-3`… the first not taken.
    fn fresh(&self, base: &str, taken: impl Fn(&str) -> bool) -> String {
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or_else(|| base.to_string())
    }
}

/// An id from a name: lower case, words joined by hyphens ("Naval Strike Missile" →
/// "naval-strike-missile").
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' && c != '’' && c != '.' {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A short name for a publisher in a source id: an acronym for a long name ("Defense
/// Security Cooperation Agency" → "dsca"), else its first word.
fn short_name(p: &str) -> String {
    let words: Vec<&str> = p
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let caps: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.starts_with(char::is_uppercase) && !matches!(*w, "The" | "A" | "Of"))
        .collect();
    if caps.len() >= 3 {
        return caps
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
    }
    words
        .iter()
        .find(|w| !matches!(w.to_lowercase().as_str(), "the" | "a"))
        .map(|w| slug(w))
        .unwrap_or_default()
}

// ---- writing --------------------------------------------------------------------------------

/// A TOML string literal.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

/// A comment's text on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, indent: &str, key: &str, value: &str, check: Option<&String>) {
        let _ = write!(self.out, "{indent}{key} = {value}");
        if let Some(c) = check {
            let _ = write!(self.out, "  # check: {}", one_line(c));
        }
        self.out.push('\n');
    }

    fn missing(&mut self, indent: &str, key: &str, example: &str, check: &str) {
        let _ = writeln!(
            self.out,
            "{indent}# {key} = {example}  # check: {}",
            one_line(check)
        );
    }
}

impl DraftValue {
    /// The value's key and TOML value.
    fn toml(&self) -> (&'static str, String) {
        match self {
            DraftValue::Count { value, max, open } => {
                let n = |d: &Decimal| d.normalize().to_string();
                let v = match (max, open) {
                    (Some(hi), _) => format!("{{ min = {}, max = {} }}", n(value), n(hi)),
                    (None, true) => format!("{{ min = {} }}", n(value)),
                    (None, false) => n(value),
                };
                ("count", v)
            }
            DraftValue::Amount { currency, value } => {
                let text = crate::fmt::money(Some(*currency), *value);
                let v = match parse_amount(&text) {
                    Ok((c, v)) if c == *currency && v == *value => q(&text),
                    _ => format!(
                        "{{ value = {}, currency = {} }}",
                        value.normalize(),
                        q(currency.0)
                    ),
                };
                ("amount", v)
            }
        }
    }
}

impl Draft {
    /// The draft as KB TOML, each guess marked `# check:` on its line.
    pub fn to_toml(&self) -> String {
        let mut w = Writer { out: String::new() };
        let _ = writeln!(
            w.out,
            "# Draft record from {} (`factcheck kb draft`).\n# Each `# check:` marks a guess: compare it with the source, fix the line, delete the mark.",
            one_line(&self.source_name)
        );
        w.out.push('\n');
        let s = &self.source;
        w.out.push_str("[[source]]\n");
        w.line("", "id", &q(&s.id.value), s.id.check.as_ref());
        match &s.title {
            Some(t) => w.line("", "title", &q(&t.value), t.check.as_ref()),
            None => w.missing("", "title", "\"\"", "no title line found"),
        }
        match &s.publisher {
            Some(p) => w.line("", "publisher", &q(&p.value), p.check.as_ref()),
            None => w.missing("", "publisher", "\"\"", "no publisher found"),
        }
        match &s.published {
            Some(p) => w.line("", "published", &p.value.to_string(), p.check.as_ref()),
            None => w.missing("", "published", "YYYY-MM-DD", "no publication date found"),
        }
        match &s.url {
            Some(u) => w.line("", "url", &q(u), None),
            None => w.missing("", "url", "\"https://…\"", "no URL in the text"),
        }
        for e in &self.entities {
            w.out.push_str("\n[[entity]]\n");
            w.line("", "id", &q(&e.id), None);
            w.line("", "names", &list(&e.names), Some(&e.check));
        }
        let r = &self.record;
        w.out.push_str("\n[[record]]\n");
        w.line("", "id", &q(&r.id.value), r.id.check.as_ref());
        w.line("", "title", &q(&r.title.value), r.title.check.as_ref());
        w.line("", "about", &list(&r.about.value), r.about.check.as_ref());
        w.line("", "source", &q(&s.id.value), None);
        match &r.date.value {
            Some(d) => w.line("", "date", &d.to_string(), r.date.check.as_ref()),
            None => w.missing(
                "",
                "date",
                "YYYY-MM-DD",
                r.date.check.as_deref().unwrap_or("no date found"),
            ),
        }
        const IN: &str = "  ";
        for f in &r.figures {
            w.out.push_str(&format!("\n{IN}[[record.figure]]\n"));
            w.line(IN, "id", &q(&f.id.value), f.id.check.as_ref());
            let (key, value) = f.value.value.toml();
            w.line(IN, key, &value, f.value.check.as_ref());
            w.line(IN, "of", &list(&f.of.value), f.of.check.as_ref());
            if f.approximate {
                w.line(IN, "approximate", "true", None);
            }
            if f.ceiling {
                w.line(IN, "ceiling", "true", None);
            }
            if let Some(d) = &f.date {
                w.line(IN, "date", &d.value.to_string(), d.check.as_ref());
            }
            if let Some(n) = &f.note {
                w.line(IN, "note", &q(n), None);
            }
        }
        for st in &r.statuses {
            w.out.push_str(&format!("\n{IN}[[record.status]]\n"));
            if let Some(a) = &st.authority {
                w.line(IN, "authority", &q(&a.value), a.check.as_ref());
            }
            w.line(IN, "state", &q(st.state.name()), None);
            match (&st.date, &st.vague_date) {
                (Some(d), _) => w.line(IN, "date", &d.value.to_string(), d.check.as_ref()),
                (None, Some(v)) => w.missing(
                    IN,
                    "date",
                    "YYYY-MM-DD",
                    &format!("the text dates it \"{v}\"; a status's date is a day"),
                ),
                (None, None) => w.missing(IN, "date", "YYYY-MM-DD", "no date found"),
            }
        }
        if !r.left_out.is_empty() {
            w.out.push_str(&format!(
                "\n{IN}# Also in the text, not drafted: {}.\n",
                one_line(&r.left_out.join("; "))
            ));
        }
        w.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Kb {
        crate::kb::embedded().unwrap_or_else(|p| panic!("the built-in KB loads: {p:?}"))
    }

    fn draft_of(text: &str) -> Draft {
        draft(
            text,
            &builtin(),
            &Options {
                id: None,
                source_name: "test".into(),
            },
        )
        .unwrap_or_else(|p| panic!("{p}"))
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Naval Strike Missile"), "naval-strike-missile");
        assert_eq!(slug("Côte d'Ivoire"), "côte-divoire");
        assert_eq!(slug("  F-16 Block 70 "), "f-16-block-70");
        assert_eq!(short_name("Defense Security Cooperation Agency"), "dsca");
        assert_eq!(short_name("The Kyiv Independent"), "kyiv");
    }

    #[test]
    fn echoed_numbers_reach_their_noun() {
        let d = draft_of(
            "The Government of Valdoria has requested to buy up to sixty (60) FGM-148F Javelin missiles and twelve (12) Lightweight Command Launch Units. The estimated total cost is $90 million.",
        );
        let counts: Vec<(String, String)> = d
            .record
            .figures
            .iter()
            .map(|f| (f.value.value.toml().1, f.of.value.join("|")))
            .collect();
        assert_eq!(
            counts,
            [
                (
                    "60".to_string(),
                    "FGM-148F Javelin missiles|Javelin missiles|missiles".to_string()
                ),
                (
                    "12".to_string(),
                    "Lightweight Command Launch Units|launch units".to_string()
                ),
                ("\"$90 million\"".to_string(), SALE_VALUE.join("|")),
            ]
        );
        assert_eq!(d.record.about.value, ["valdoria", "javelin"]);
        assert_eq!(d.entities.len(), 1);
    }

    #[test]
    fn the_estimate_is_the_value_and_the_contract_its_own_figure() {
        let d = draft_of(
            "Valdoria signed a $1.1 billion contract for 40 Kestrel drones on 3 June 2025. The State Department had approved the possible sale at an estimated cost of $1.4 billion.",
        );
        let amounts: Vec<(String, String, Option<String>)> = d
            .record
            .figures
            .iter()
            .filter(|f| matches!(f.value.value, DraftValue::Amount { .. }))
            .map(|f| {
                (
                    f.id.value.clone(),
                    f.value.value.toml().1,
                    f.value.check.clone(),
                )
            })
            .collect();
        assert_eq!(amounts[0].0, "estimated-cost");
        assert_eq!(amounts[0].1, "\"$1.4 billion\"");
        assert_eq!(
            amounts[0].2.as_deref(),
            Some("two amounts; took the one said to be estimated")
        );
        assert_eq!(amounts[1].0, "contract-value");
        assert_eq!(amounts[1].1, "\"$1.1 billion\"");
    }

    #[test]
    fn unit_prices_are_left_out() {
        let d = draft_of(
            "Valdoria will buy 40 Kestrel drones for $400 million, or $10 million each, the Government of Valdoria said on 3 June 2025.",
        );
        assert!(
            d.record.left_out.iter().any(|l| l.contains("unit price")),
            "{:?}",
            d.record.left_out
        );
    }

    #[test]
    fn counted_nouns_end_where_the_noun_does() {
        assert_eq!(trim_noun("launchers give us"), "launchers");
        assert_eq!(trim_noun("F-16 jets and related equipment"), "F-16 jets");
        assert_eq!(
            trim_noun("launch units and additional equipment"),
            "launch units"
        );
        // A plural modifier: the phrase ends in a plural too.
        assert_eq!(
            trim_noun("Tomahawk weapons control systems"),
            "Tomahawk weapons control systems"
        );
        assert_eq!(trim_noun("sights and launchers"), "sights and launchers");
    }

    #[test]
    fn of_phrases_never_stand_on_a_designation() {
        assert_eq!(of_phrases("Tomahawk Block V", &[]), ["Tomahawk Block V"]);
        assert_eq!(
            of_phrases("Tomahawk Block IV AURs", &[]),
            ["Tomahawk Block IV AURs", "AURs"]
        );
        // The item's own name before the head.
        let names = ["F-35".to_string(), "Joint Strike Fighter".to_string()];
        assert_eq!(
            of_phrases("fifth-generation Joint Strike Fighters", &names),
            [
                "fifth-generation Joint Strike Fighters",
                "F-35 fighters",
                "fighters"
            ]
        );
    }

    #[test]
    fn a_count_of_another_event_is_listed_not_drafted() {
        let d = draft_of(
            "The State Department approved the possible sale of 25 F-35A fighters to South Korea on 13 September 2023. The air force currently maintains 40 F-35As.",
        );
        let counts: Vec<String> = d
            .record
            .figures
            .iter()
            .map(|f| f.value.value.toml().1)
            .collect();
        assert_eq!(counts, ["25"]);
        assert_eq!(
            d.record.left_out,
            ["40 F-35As (\"currently\" before it: another order or event)"]
        );
    }

    #[test]
    fn only_dsca_itself_is_taken_for_dsca() {
        let own = "WASHINGTON, May 1, 2025 - The Defense Security Cooperation Agency delivered the required certification notifying Congress of this possible sale today.\n";
        assert!(is_dsca_release(own));
        let quoted = "\"The Defense Security Cooperation Agency delivered the required certification notifying Congress of this possible sale today.\" the release said.\n";
        assert!(!is_dsca_release(quoted));
        let retold = "The agency delivered the required certification notifying Congress of this possible sale on February 1.\n";
        assert!(!is_dsca_release(retold));
    }

    #[test]
    fn the_lead_dates_an_undated_approval_within_the_week() {
        // "said on Thursday" in a page of Friday 12 May 2023.
        let d = draft_of(
            "date 2023-05-12\nThe US has approved the potential sale of 60 CH-47F Chinook helicopters to Germany, the Defense Security Cooperation Agency said on Thursday.\n\n\"The State Department has made a determination approving a possible Foreign Military Sale to the Government of Germany of CH-47F Chinook helicopters for an estimated cost of $8.5 billion,\" the agency said.\n",
        );
        assert_eq!(d.record.date.value, Date::new(2023, 5, 11));
        // A photo caption's old date is background, not the event.
        let d = draft_of(
            "March 16, 2023 5:25 PM\nA missile launches during an exercise on Sept. 18, 2018. The State Department authorized the potential sale of 220 Tomahawk missiles to Australia, DSCA announced today.\n",
        );
        assert_eq!(d.record.date.value, Date::new(2023, 3, 16));
    }

    #[test]
    fn nothing_to_draft_is_an_error() {
        let e = draft(
            "Ministers met in Brussels to talk about the alliance's future.",
            &builtin(),
            &Options::default(),
        );
        assert_eq!(
            e.err().map(|p| p.code),
            Some("factcheck::draft::nothing-found")
        );
    }

    #[test]
    fn every_draft_loads_with_the_kb() {
        let kb = builtin();
        let d = draft_of(
            "Poland – AH-64E Apache Helicopters\n\nWASHINGTON, August 21, 2023 – The State Department approved a possible sale to the Government of Poland of up to ninety-six (96) AH-64E Apache helicopters for an estimated cost of $12 billion. The Defense Security Cooperation Agency delivered the required certification notifying Congress of this possible sale today.",
        );
        let toml = d.to_toml();
        // The built-in record has this id: the draft takes the next.
        assert_eq!(d.record.id.value, "poland-apache-2023-2", "{toml}");
        if let Err(p) = with_draft(&kb, "draft.toml", &toml) {
            panic!("{toml}\n{p:?}");
        }
    }
}

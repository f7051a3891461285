//! The knowledge base: sources, entities, records with their figures and approval statuses,
//! plus language rules (authority names and approval phrases). Loaded from TOML files or
//! directories, or from the copy of `rules/` embedded in the binary; every problem in every
//! file is reported in one pass, each pointing at its TOML span.

pub mod diag;
pub mod draft;
mod load;

pub use diag::{Problem, SourceFile};
pub use load::{load_paths, load_sources, looks_like_kb, read_paths};

use crate::date::{Date, DateValue};
use crate::extract::approval::{Lexicon, Names, Phrase};
use crate::extract::money::Currency;
use crate::span::Span;
use crate::state::State;
use foldhash::HashMap;
use rust_decimal::Decimal;

/// Where a KB item was defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub file: usize,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub id: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<Date>,
    pub url: Option<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub names: Vec<String>,
    pub authority: bool,
    pub loc: Loc,
}

/// A closed or half-open interval; `min == max` for an exact value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
}

impl Bounds {
    pub fn exact(v: Decimal) -> Bounds {
        Bounds {
            min: Some(v),
            max: Some(v),
        }
    }

    pub fn point(&self) -> Option<Decimal> {
        (self.min == self.max).then_some(self.min).flatten()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    Count(Bounds),
    Amount(Currency, Bounds),
    Percent(Bounds),
    Date(DateValue),
}

impl FigureValue {
    pub fn kind(&self) -> &'static str {
        match self {
            FigureValue::Count(_) => "count",
            FigureValue::Amount(..) => "amount",
            FigureValue::Percent(_) => "percent",
            FigureValue::Date(_) => "date",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    Absolute(Decimal),
    /// A fraction: "5%" is 0.05.
    Relative(Decimal),
}

#[derive(Debug, Clone)]
pub struct Figure {
    pub id: String,
    pub value: FigureValue,
    pub of: Vec<String>,
    pub tolerance: Option<Tolerance>,
    pub approximate: bool,
    /// The figure sums other figures or deals ("a combined $3 billion", "the package's
    /// total"): a claim its clause calls a total may be this figure.
    pub total: bool,
    /// The figure is a ceiling the record states ("up to 600 missiles", as Foreign Military
    /// Sale notifications give quantities): an article's "up to N" restates it, and is
    /// compared as N, not as any number at most N.
    pub ceiling: bool,
    pub date: Option<DateValue>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub authority: Option<String>,
    pub state: State,
    pub date: Option<Date>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub title: Option<String>,
    pub about: Vec<String>,
    /// `about` resolved to entity indices once at load (in `about`'s order).
    pub about_ix: Vec<usize>,
    pub source: Option<String>,
    pub date: Option<Date>,
    pub figures: Vec<Figure>,
    pub statuses: Vec<Status>,
    pub loc: Loc,
}

/// A reference from one KB item to another, by id.
#[derive(Debug, Clone)]
pub(crate) struct Ref {
    pub(crate) kind: &'static str,
    pub(crate) key: &'static str,
    pub(crate) id: String,
    pub(crate) loc: Loc,
}

/// A loaded, valid knowledge base.
#[derive(Debug, Default)]
pub struct Kb {
    pub files: Vec<SourceFile>,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub records: Vec<Record>,
    /// Language rules: authority names and approval phrases.
    pub authorities: Vec<Names>,
    pub phrases: Vec<Phrase>,
    /// The approval lexicon, compiled once when the KB is loaded.
    compiled: Option<Lexicon>,
    /// References to check once every file is read.
    refs: Vec<Ref>,
    entity_ix: HashMap<String, usize>,
    source_ix: HashMap<String, usize>,
}

impl Kb {
    /// The index of entity `id` in [`Kb::entities`].
    pub fn entity_pos(&self, id: &str) -> Option<usize> {
        self.entity_ix.get(id).copied()
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_ix.get(id).map(|&i| &self.entities[i])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_ix.get(id).map(|&i| &self.sources[i])
    }

    /// Files holding facts (not only language rules).
    pub fn fact_files(&self) -> usize {
        let mut seen: Vec<usize> = self
            .sources
            .iter()
            .map(|s| s.loc.file)
            .chain(self.entities.iter().map(|e| e.loc.file))
            .chain(self.records.iter().map(|r| r.loc.file))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }

    pub fn figure_count(&self) -> usize {
        self.records.iter().map(|r| r.figures.len()).sum()
    }

    pub fn status_count(&self) -> usize {
        self.records.iter().map(|r| r.statuses.len()).sum()
    }

    /// `path:line` of a KB location.
    pub fn describe(&self, loc: Loc) -> (String, usize) {
        let f = &self.files[loc.file];
        (f.path.clone(), f.locate(loc.span.start).line)
    }

    /// Names for the approval lexicon: built-in authorities merged with the KB's entities.
    pub fn names(&self) -> Vec<Names> {
        let mut out: Vec<Names> = self.authorities.clone();
        let mut pos: HashMap<String, usize> = out
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        for e in &self.entities {
            if let Some(n) = pos.get(&e.id).map(|&i| &mut out[i]) {
                for name in &e.names {
                    if !n.names.contains(name) {
                        n.names.push(name.clone());
                    }
                }
                n.authority |= e.authority;
            } else {
                pos.insert(e.id.clone(), out.len());
                out.push(Names {
                    id: e.id.clone(),
                    names: e.names.clone(),
                    authority: e.authority,
                });
            }
        }
        out
    }

    /// The approval lexicon, compiled when the KB was loaded.
    pub fn lexicon(&self) -> Result<&Lexicon, Box<Problem>> {
        self.compiled.as_ref().ok_or_else(|| {
            Box::new(Problem::new(
                "factcheck::kb::not-loaded",
                "the KB was not loaded with its language rules",
            ))
        })
    }

    /// Compiles the approval lexicon of this KB's language rules and names.
    pub fn compile_lexicon(&self) -> Result<Lexicon, Box<Problem>> {
        // Higher priority first; among equals, the order they were listed in (built-in
        // first): where matches overlap, the first phrase wins.
        let mut phrases = self.phrases.clone();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.priority));
        Lexicon::new(phrases, &self.names()).map_err(|(i, e)| {
            Box::new(
                Problem::new(
                    "factcheck::kb::bad-phrase",
                    format!("approval phrase {} is not a valid pattern", i + 1),
                )
                .help(e),
            )
        })
    }

    pub(crate) fn set_lexicon(&mut self, l: Lexicon) {
        self.compiled = Some(l);
    }

    fn index(&mut self) {
        self.entity_ix = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        self.source_ix = self
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        for r in &mut self.records {
            r.about_ix = r
                .about
                .iter()
                .filter_map(|a| self.entity_ix.get(a).copied())
                .collect();
        }
    }
}

/// The built-in linking rules (`rules/language/link.toml`): read by `link::rules`, and
/// passed over by the KB loader, which reads facts and phrases.
pub const LINK_RULES: &str = include_str!("../../rules/language/link.toml");

/// The files of `rules/` as they were at build time: (path, text).
pub const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// The embedded KB (facts and language rules). Its files are named `builtin:rules/…`, so a
/// diagnostic never points at a file the user does not have.
pub fn embedded() -> Result<Kb, Vec<Problem>> {
    load_sources(
        EMBEDDED
            .iter()
            .map(|(p, t)| (format!("builtin:{p}"), t.to_string()))
            .collect(),
    )
}

/// Only the embedded language rules (for `extract`, and under a user's KB).
pub fn embedded_language() -> Vec<(String, String)> {
    EMBEDDED
        .iter()
        .filter(|(p, _)| p.contains("/language/"))
        .map(|(p, t)| (format!("builtin:{p}"), t.to_string()))
        .collect()
}

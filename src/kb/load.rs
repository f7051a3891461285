//! Reading KB files: TOML → spanned tree → typed KB, collecting every problem on the way,
//! then the checks across files (duplicate ids, dangling references).

use super::diag::{Problem, SourceFile};
use super::*;
use crate::extract::approval::{Example, Names, Phrase};
use crate::extract::money::{AmountError, parse_amount};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

type Val<'i> = Spanned<DeValue<'i>>;

const TOP_KEYS: &[&str] = &["source", "entity", "record", "authority", "phrase", "rule"];
const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "published", "url", "note"];
const ENTITY_KEYS: &[&str] = &["id", "names", "kind", "note"];
const RECORD_KEYS: &[&str] = &[
    "id", "title", "about", "source", "date", "figure", "status", "note",
];
const FIGURE_KEYS: &[&str] = &[
    "id",
    "count",
    "amount",
    "percent",
    "date",
    "of",
    "tolerance",
    "approximate",
    "total",
    "ceiling",
    "source",
    "note",
];
const VALUE_KEYS: &[&str] = &["count", "amount", "percent", "date"];
const STATUS_KEYS: &[&str] = &["authority", "state", "date", "source", "note"];
const AUTHORITY_KEYS: &[&str] = &["id", "names"];
const PHRASE_KEYS: &[&str] = &[
    "state",
    "pattern",
    "authority",
    "examples",
    "priority",
    "note",
];
const EXAMPLE_KEYS: &[&str] = &["text", "authority", "state"];
/// The longest entity name or `of` phrase, in characters. Real ones are a few words; a
/// megabyte "name" is a mistake or an attack, and would cost minutes to build into the
/// matching automaton.
const MAX_NAME_CHARS: usize = 200;

/// Loads KB paths: files, or directories read recursively (`*.toml`, in path order).
pub fn load_paths(paths: &[PathBuf]) -> Result<Kb, Vec<Problem>> {
    let (sources, mut problems) = read_paths(paths);
    match load_sources(sources) {
        Ok(kb) if problems.is_empty() => Ok(kb),
        Ok(_) => Err(problems),
        Err(mut more) => {
            problems.append(&mut more);
            Err(problems)
        }
    }
}

/// Whether a TOML text looks like a factcheck KB file: it parses, and its top-level keys are
/// all the KB's (`[[record]]`, `[[entity]]`, `[[source]]`, language rules), at least one of
/// them; or, not parsing, it has a line opening one of the KB's tables (a KB with a typo is
/// still a KB, to be reported, not passed over). Used to pass over a `./rules/` folder that
/// belongs to another tool (Vale's styles).
pub fn looks_like_kb(text: &str) -> bool {
    match text.parse::<toml::Table>() {
        Ok(t) => !t.is_empty() && t.keys().all(|k| TOP_KEYS.contains(&k.as_str())),
        Err(_) => text.lines().any(|l| {
            let l = l.trim();
            TOP_KEYS.iter().any(|k| {
                l.strip_prefix("[[")
                    .and_then(|r| r.strip_prefix(k))
                    .is_some_and(|r| r.trim_start().starts_with("]]"))
            })
        }),
    }
}

/// Reads KB paths (files, or directories recursively, `*.toml` in path order) into
/// (path, text) pairs, with a problem for each that cannot be read.
pub fn read_paths(paths: &[PathBuf]) -> (Vec<(String, String)>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        collect(p, &mut files, &mut problems);
    }
    let mut sources = Vec::new();
    for f in files {
        match std::fs::read(&f) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push((f.display().to_string(), text)),
                Err(e) => problems.push(
                    Problem::new(
                        "factcheck::kb::not-utf8",
                        format!(
                            "{} is not UTF-8 (invalid byte at offset {})",
                            f.display(),
                            e.utf8_error().valid_up_to()
                        ),
                    )
                    .help("save the file as UTF-8"),
                ),
            },
            Err(e) => problems.push(
                Problem::new(
                    "factcheck::kb::unreadable",
                    format!("cannot read {}: {e}", f.display()),
                )
                .help("check the path and its permissions"),
            ),
        }
    }
    (sources, problems)
}

fn collect(p: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => {
            let mut found = Vec::new();
            walk(p, &mut found, problems);
            found.sort();
            if found.is_empty() {
                problems.push(
                    Problem::new(
                        "factcheck::kb::empty",
                        format!("{} holds no .toml files", p.display()),
                    )
                    .help("point --kb at a KB file or a directory of them"),
                );
            }
            files.extend(found);
        }
        Ok(_) => files.push(p.to_path_buf()),
        Err(e) => problems.push(
            Problem::new(
                "factcheck::kb::unreadable",
                format!("cannot read {}: {e}", p.display()),
            )
            .help("check the path"),
        ),
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Problem::new(
                "factcheck::kb::unreadable",
                format!("cannot read directory {}: {e}", dir.display()),
            ));
            return;
        }
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out, problems);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

/// KB text from which files are parsed in parallel.
const PARALLEL_PARSE_BYTES: usize = 256 * 1024;
/// KB text read at a time.
const PARSE_CHUNK_BYTES: usize = 8 * 1024 * 1024;

/// Loads KB files given as (path, text), in order.
pub fn load_sources(files: Vec<(String, String)>) -> Result<Kb, Vec<Problem>> {
    load_sources_from(files, PARALLEL_PARSE_BYTES)
}

/// [`load_sources`], parsing files in parallel from `parallel_from` bytes of KB text.
fn load_sources_from(
    files: Vec<(String, String)>,
    parallel_from: usize,
) -> Result<Kb, Vec<Problem>> {
    let mut kb = Kb::default();
    let mut problems = Vec::new();
    // The built-in linking rules (`rules/language/link.toml`, or a copy of it in the
    // project's own `rules/`) are read by `link::rules`, not as KB data.
    let files: Vec<SourceFile> = files
        .into_iter()
        .filter(|(_, text)| text.as_str() != super::LINK_RULES)
        .map(|(path, text)| SourceFile::new(path, text))
        .collect();
    // Each file is parsed and read on its own (its ids are checked against the others' once
    // all are read), so a large KB's files are handled in parallel, in chunks of about
    // [`PARSE_CHUNK_BYTES`], and joined in file order: ids and problems come out the same
    // however many threads there are. A small KB (the embedded one) is read on this thread:
    // starting the thread pool would cost more. So is any KB when the pool has one thread:
    // handing the files to it gains nothing, and what it allocates stays with its heap.
    let size: usize = files.iter().map(|f| f.text.len()).sum();
    let parallel = size >= parallel_from && rayon::current_num_threads() > 1;
    let read = |idx: usize, file: &SourceFile| {
        let mut part = Kb::default();
        let mut problems = Vec::new();
        let mut r = FileReader {
            file,
            idx,
            problems: &mut problems,
            pending: Vec::new(),
            misspelt: Vec::new(),
        };
        r.read(DeTable::parse_recoverable(&file.text), &mut part);
        (part, problems)
    };
    let mut next = 0;
    while next < files.len() {
        let mut end = next;
        let mut bytes = 0;
        while end < files.len() && (end == next || bytes < PARSE_CHUNK_BYTES) {
            bytes += files[end].text.len();
            end += 1;
        }
        let chunk = &files[next..end];
        let parts: Vec<(Kb, Vec<Problem>)> = if parallel {
            chunk
                .par_iter()
                .enumerate()
                .map(|(k, f)| read(next + k, f))
                .collect()
        } else {
            chunk
                .iter()
                .enumerate()
                .map(|(k, f)| read(next + k, f))
                .collect()
        };
        for (file, (mut part, mut probs)) in chunk.iter().zip(parts) {
            kb.files.push(file.clone());
            kb.sources.append(&mut part.sources);
            kb.entities.append(&mut part.entities);
            kb.records.append(&mut part.records);
            kb.authorities.append(&mut part.authorities);
            kb.phrases.append(&mut part.phrases);
            kb.refs.append(&mut part.refs);
            problems.append(&mut probs);
        }
        next = end;
    }
    cross_check(&kb, &mut problems);
    merge_language(&mut kb);
    if problems.is_empty() {
        kb.index();
        // Language rules must compile, and the examples of a newsroom's own phrases must hold
        // (the built-in ones are held by the test suite).
        match kb.compile_lexicon() {
            Ok(l) => {
                kb.set_lexicon(l);
                problems.extend(failed_examples(&kb));
            }
            Err(p) => problems.push(*p),
        }
    }
    if problems.is_empty() {
        Ok(kb)
    } else {
        Err(problems)
    }
}

/// Language rules may be loaded twice (embedded and from a user's `rules/`): authorities with
/// one id merge their names, identical phrases collapse.
fn merge_language(kb: &mut Kb) {
    let mut merged: Vec<Names> = Vec::new();
    for a in kb.authorities.drain(..) {
        if let Some(m) = merged.iter_mut().find(|m| m.id == a.id) {
            for n in a.names {
                if !m.names.contains(&n) {
                    m.names.push(n);
                }
            }
        } else {
            merged.push(a);
        }
    }
    kb.authorities = merged;
    let mut seen = HashSet::new();
    kb.phrases
        .retain(|p| seen.insert((p.pattern.clone(), p.state, p.authority.clone())));
}

/// The examples of phrases from files not built in that the compiled lexicon does not
/// bear out, one problem each at its phrase.
fn failed_examples(kb: &Kb) -> Vec<Problem> {
    let Ok(lex) = kb.lexicon() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for ph in &kb.phrases {
        let Some((fi, span)) = ph.origin else {
            continue;
        };
        let Some(file) = kb.files.get(fi) else {
            continue;
        };
        if file.path.starts_with("builtin:") {
            continue;
        }
        for ex in &ph.examples {
            let doc = crate::text::Document::new(ex.text.clone());
            let got: Vec<(Option<String>, Option<State>)> = lex
                .find(&doc)
                .into_iter()
                .filter_map(|c| match c.value {
                    crate::extract::ClaimValue::Status {
                        authority, state, ..
                    } => Some((authority, Some(state))),
                    _ => None,
                })
                .collect();
            let ok = match ex.state {
                None => got.is_empty(),
                Some(st) => got
                    .iter()
                    .any(|(a, s)| *s == Some(st) && (ex.authority.is_none() || *a == ex.authority)),
            };
            if ok {
                continue;
            }
            let want = match (ex.state, &ex.authority) {
                (None, _) => "no state".to_string(),
                (Some(s), Some(a)) => format!("{a} {}", s.name()),
                (Some(s), None) => s.name().to_string(),
            };
            let saw = if got.is_empty() {
                "no state".to_string()
            } else {
                got.iter()
                    .map(|(a, s)| {
                        format!(
                            "{}{}",
                            a.as_deref().map(|a| format!("{a} ")).unwrap_or_default(),
                            s.map_or("none", State::name)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push(
                Problem::new(
                    "factcheck::kb::bad-phrase",
                    format!("example “{}” gives {saw}, not {want}", ex.text),
                )
                .at(file, span, "this phrase's example fails")
                .help(
                    "fix the pattern or the example; where another phrase wins the overlap, give this one `priority = 1`",
                ),
            );
        }
    }
    out
}

struct FileReader<'a> {
    file: &'a SourceFile,
    idx: usize,
    problems: &'a mut Vec<Problem>,
    /// References met inside the record being read, kept once the record is.
    pending: Vec<Ref>,
    /// Keys an unknown key was taken for a typo of ("nmes" → "names").
    misspelt: Vec<String>,
}

fn span_of<T>(v: &Spanned<T>) -> Span {
    v.span().into()
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'a> FileReader<'a> {
    fn loc(&self, span: Span) -> Loc {
        Loc {
            file: self.idx,
            span,
        }
    }

    fn problem(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        span: Span,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.problems.push(
            Problem::new(code, msg)
                .at(self.file, span, label)
                .help(help),
        );
    }

    fn read(&mut self, parsed: (Spanned<DeTable<'_>>, Vec<toml::de::Error>), kb: &mut Kb) {
        let (root, errors) = parsed;
        if !errors.is_empty() {
            // One error: the parser's others are mostly echoes of it. An unclosed bracket or
            // string explains the rest best, else the first in the file.
            let mut errors = errors;
            errors.sort_by_key(|e| {
                (
                    !e.message().contains("unclosed"),
                    e.span().map_or(0, |s| s.start),
                )
            });
            errors.truncate(1);
            for e in errors {
                let span = e.span().map_or(Span::new(0, 0), Span::from);
                let msg = e.message().trim().to_string();
                self.problem(
                    "factcheck::kb::syntax",
                    format!("TOML syntax error: {msg}"),
                    span,
                    "here",
                    "fix the TOML syntax; see https://toml.io for the format",
                );
            }
            return;
        }
        let root = root.into_inner();
        self.check_keys(&root, TOP_KEYS, "the top level");
        for (k, v) in root.iter() {
            match k.get_ref().as_ref() {
                "source" => self.each_table(v, "source", |r, t, s| r.source(t, s, kb)),
                "entity" => self.each_table(v, "entity", |r, t, s| r.entity(t, s, kb)),
                "record" => self.each_table(v, "record", |r, t, s| r.record(t, s, kb)),
                "authority" => self.each_table(v, "authority", |r, t, s| r.authority(t, s, kb)),
                "phrase" => self.each_table(v, "phrase", |r, t, s| r.phrase(t, s, kb)),
                // The linking rules are built in (`rules/language/link.toml`, read by
                // `link::rules`); a copy of that file, as in the project's own `rules/`, is
                // fine, and any other `[[rule]]` is refused rather than silently ignored.
                "rule" if *self.file.text == *super::LINK_RULES => {}
                "rule" => self.problem(
                    "factcheck::kb::unknown-key",
                    "a KB cannot define linking rules (`[[rule]]`) yet".to_string(),
                    span_of(k),
                    "not supported in a KB",
                    "switch a built-in rule off with `[rules] disable = [\"<id>\"]` in factcheck.toml; `factcheck explain rules` lists them",
                ),
                _ => {}
            }
        }
    }

    /// Calls `f` on each table of an array of tables (`[[name]]`).
    fn each_table(
        &mut self,
        v: &Val<'_>,
        name: &str,
        mut f: impl FnMut(&mut Self, &DeTable<'_>, Span),
    ) {
        match v.get_ref() {
            DeValue::Array(items) => {
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::Table(t) => f(self, t, span_of(item)),
                        other => self.wrong_type(
                            span_of(item),
                            &format!("each `{name}`"),
                            "a table",
                            other,
                        ),
                    }
                }
            }
            other => self.wrong_type(
                span_of(v),
                &format!("`{name}`"),
                &format!("an array of tables (`[[{name}]]`)"),
                other,
            ),
        }
    }

    fn wrong_type(&mut self, span: Span, what: &str, expected: &str, found: &DeValue<'_>) {
        self.problem(
            "factcheck::kb::wrong-type",
            format!("{what} must be {expected}, not {}", type_name(found)),
            span,
            format!("this is {}", type_name(found)),
            format!("write {what} as {expected}"),
        );
    }

    fn check_keys(&mut self, t: &DeTable<'_>, allowed: &[&str], ctx: &str) {
        self.misspelt.clear();
        for k in t.keys() {
            let name = k.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let best = allowed
                .iter()
                .map(|a| (strsim::jaro_winkler(a, name), *a))
                .filter(|(s, _)| *s > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let help = match best {
                Some((_, a)) => {
                    // The missing-key problem this typo causes is not reported again.
                    self.misspelt.push(a.to_string());
                    format!("did you mean `{a}`?")
                }
                None => format!("the keys allowed in {ctx} are: {}", allowed.join(", ")),
            };
            self.problem(
                "factcheck::kb::unknown-key",
                format!("unknown key `{name}` in {ctx}"),
                span_of(k),
                "not a known key",
                help,
            );
        }
    }

    fn get<'t, 'i>(t: &'t DeTable<'i>, key: &str) -> Option<&'t Val<'i>> {
        t.get(key)
    }

    fn string(&mut self, t: &DeTable<'_>, key: &str, ctx: &str) -> Option<(String, Span)> {
        let v = Self::get(t, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some((s.to_string(), span_of(v))),
            other => {
                self.wrong_type(span_of(v), &format!("`{key}` of {ctx}"), "a string", other);
                None
            }
        }
    }

    fn required_string(
        &mut self,
        t: &DeTable<'_>,
        key: &str,
        ctx: &str,
        table: Span,
    ) -> Option<(String, Span)> {
        if Self::get(t, key).is_none() {
            if self.misspelt.iter().any(|m| m == key) {
                return None; // already reported as the typo it is
            }
            self.problem(
                "factcheck::kb::missing-key",
                format!("{ctx} has no `{key}`"),
                header(table),
                format!("needs `{key}`"),
                format!("add `{key} = \"…\"`"),
            );
            return None;
        }
        let (s, span) = self.string(t, key, ctx)?;
        if s.trim().is_empty() {
            self.problem(
                "factcheck::kb::empty-value",
                format!("`{key}` of {ctx} is empty"),
                span,
                "empty",
                format!("give `{key}` a value"),
            );
            return None;
        }
        Some((s, span))
    }

    fn id(&mut self, t: &DeTable<'_>, ctx: &str, table: Span) -> Option<(String, Span)> {
        self.required_string(t, "id", ctx, table)
    }

    fn bool(&mut self, t: &DeTable<'_>, key: &str, ctx: &str) -> Option<bool> {
        let v = Self::get(t, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.wrong_type(
                    span_of(v),
                    &format!("`{key}` of {ctx}"),
                    "true or false",
                    other,
                );
                None
            }
        }
    }

    /// A list of non-empty strings; an empty list is a problem.
    fn strings(
        &mut self,
        t: &DeTable<'_>,
        key: &str,
        ctx: &str,
        required: bool,
        table: Span,
    ) -> Option<Vec<(String, Span)>> {
        let Some(v) = Self::get(t, key) else {
            if required && !self.misspelt.iter().any(|m| m == key) {
                self.problem(
                    "factcheck::kb::missing-key",
                    format!("{ctx} has no `{key}`"),
                    header(table),
                    format!("needs `{key}`"),
                    format!("add `{key} = [\"…\"]`"),
                );
            }
            return None;
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(
                span_of(v),
                &format!("`{key}` of {ctx}"),
                "an array of strings",
                v.get_ref(),
            );
            return None;
        };
        if items.is_empty() {
            self.problem(
                "factcheck::kb::empty-list",
                format!("`{key}` of {ctx} is an empty list"),
                span_of(v),
                "empty",
                format!("list at least one entry in `{key}`, or remove the key"),
            );
            return None;
        }
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s)
                    if matches!(key, "names" | "of") && s.chars().nth(MAX_NAME_CHARS).is_some() =>
                {
                    // Label the start only: the snippet must not print the whole string.
                    let span = span_of(item);
                    let head = s.char_indices().nth(40).map_or(s.len(), |(i, _)| i);
                    let end = (span.start + head).min(span.end);
                    let end = (end..=span.end)
                        .find(|&e| self.file.text.is_char_boundary(e))
                        .unwrap_or(span.end);
                    self.problem(
                        "factcheck::kb::too-long",
                        format!(
                            "an entry of `{key}` of {ctx} is {} characters long; the limit is {MAX_NAME_CHARS}",
                            s.chars().count()
                        ),
                        Span::new(span.start, end),
                        "this string",
                        "a name or phrase is a few words: split the text into separate entries, or remove it",
                    )
                }
                DeValue::String(s) if !s.trim().is_empty() => {
                    out.push((s.to_string(), span_of(item)))
                }
                DeValue::String(_) => self.problem(
                    "factcheck::kb::empty-value",
                    format!("`{key}` of {ctx} has an empty entry"),
                    span_of(item),
                    "empty",
                    "remove the empty string",
                ),
                other => self.wrong_type(
                    span_of(item),
                    &format!("each entry of `{key}`"),
                    "a string",
                    other,
                ),
            }
        }
        Some(out)
    }

    /// A calendar date: a TOML date, or a string `YYYY-MM-DD` (or `YYYY-MM` when `month_ok`).
    fn date(&mut self, t: &DeTable<'_>, key: &str, ctx: &str, month_ok: bool) -> Option<DateValue> {
        let v = Self::get(t, key)?;
        let span = span_of(v);
        let want = if month_ok {
            "a date like 2024-01-11 (or \"2024-01\" for a month)"
        } else {
            "a date like 2024-01-11"
        };
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => Date::new(i32::from(d.year), d.month, d.day).map(DateValue::Day),
                _ => None,
            },
            DeValue::String(s) => {
                DateValue::parse(s).filter(|d| month_ok || matches!(d, DateValue::Day(_)))
            }
            _ => None,
        };
        if parsed.is_none() {
            let found = match v.get_ref() {
                DeValue::String(s) => format!("\"{s}\""),
                DeValue::Datetime(dt) => dt.to_string(),
                other => type_name(other).to_string(),
            };
            self.problem(
                "factcheck::kb::bad-date",
                format!("`{key}` of {ctx} is not a date: {found}"),
                span,
                "not a calendar date",
                format!("write {want}, without a time"),
            );
        }
        parsed
    }

    fn day(&mut self, t: &DeTable<'_>, key: &str, ctx: &str) -> Option<Date> {
        match self.date(t, key, ctx, false)? {
            DateValue::Day(d) => Some(d),
            _ => None,
        }
    }

    fn source(&mut self, t: &DeTable<'_>, span: Span, kb: &mut Kb) {
        self.check_keys(t, SOURCE_KEYS, "a source");
        let id = self.id(t, "a source", span);
        let title = self.string(t, "title", "a source").map(|s| s.0);
        let publisher = self.string(t, "publisher", "a source").map(|s| s.0);
        let url = self.string(t, "url", "a source").map(|s| s.0);
        let published = self.day(t, "published", "a source");
        if let Some((id, id_span)) = id {
            kb.sources.push(Source {
                id,
                title,
                publisher,
                published,
                url,
                loc: self.loc(id_span),
            });
        }
    }

    fn entity(&mut self, t: &DeTable<'_>, span: Span, kb: &mut Kb) {
        self.check_keys(t, ENTITY_KEYS, "an entity");
        let id = self.id(t, "an entity", span);
        let names = self.strings(t, "names", "an entity", true, span);
        let authority = match self.string(t, "kind", "an entity") {
            Some((k, _)) if k == "authority" => true,
            Some((k, _)) if k == "thing" || k == "party" => false,
            Some((k, s)) => {
                self.problem(
                    "factcheck::kb::unknown-kind",
                    format!("unknown entity kind `{k}`"),
                    s,
                    "not a kind",
                    "use kind = \"authority\" for bodies that approve or block deals, or leave `kind` out",
                );
                false
            }
            None => false,
        };
        // An entity whose names are wrong is still defined: references to it are fine.
        if let Some((id, id_span)) = id {
            kb.entities.push(Entity {
                id,
                names: names.unwrap_or_default().into_iter().map(|n| n.0).collect(),
                authority,
                loc: self.loc(id_span),
            });
        }
    }

    fn record(&mut self, t: &DeTable<'_>, span: Span, kb: &mut Kb) {
        self.check_keys(t, RECORD_KEYS, "a record");
        let id = self.id(t, "a record", span);
        let title = self.string(t, "title", "a record").map(|s| s.0);
        let about = self.strings(t, "about", "a record", true, span);
        let source = self.string(t, "source", "a record");
        let date = self.day(t, "date", "a record");
        let mut figures = Vec::new();
        let mut statuses = Vec::new();
        if let Some(v) = Self::get(t, "figure") {
            self.each_table(v, "record.figure", |r, ft, fs| {
                if let Some(f) = r.figure(ft, fs) {
                    figures.push(f);
                }
            });
        }
        if let Some(v) = Self::get(t, "status") {
            self.each_table(v, "record.status", |r, st, ss| {
                if let Some(s) = r.status(st, ss) {
                    statuses.push(s);
                }
            });
        }
        let mut pending = std::mem::take(&mut self.pending);
        // References are checked even when the record itself has no id.
        for (a, s) in about.iter().flatten() {
            kb.refs.push(Ref {
                kind: "entity",
                key: "about",
                id: a.clone(),
                loc: self.loc(*s),
            });
        }
        if let Some((s, sp)) = &source {
            kb.refs.push(Ref {
                kind: "source",
                key: "source",
                id: s.clone(),
                loc: self.loc(*sp),
            });
        }
        kb.refs.append(&mut pending);
        let Some((id, id_span)) = id else { return };
        // Figure ids must be unique within a record.
        let mut seen: HashMap<String, Span> = HashMap::new();
        for f in &figures {
            if let Some(first) = seen.get(&f.id) {
                let first = *first;
                self.problems.push(
                    Problem::new(
                        "factcheck::kb::duplicate-id",
                        format!("figure id `{}` is used twice in record `{id}`", f.id),
                    )
                    .at(self.file, f.loc.span, "second use")
                    .help("give each figure of a record its own id")
                    .related(Problem::note("first used here").at(self.file, first, "first use")),
                );
            } else {
                seen.insert(f.id.clone(), f.loc.span);
            }
        }
        kb.records.push(Record {
            id,
            title,
            about: about.unwrap_or_default().into_iter().map(|a| a.0).collect(),
            about_ix: Vec::new(),
            source: source.map(|s| s.0),
            date,
            figures,
            statuses,
            loc: self.loc(id_span),
        });
    }

    fn figure(&mut self, t: &DeTable<'_>, span: Span) -> Option<Figure> {
        let ctx = "a figure";
        self.check_keys(t, FIGURE_KEYS, ctx);
        let id = self.id(t, ctx, span);
        let present: Vec<&str> = VALUE_KEYS
            .iter()
            .copied()
            .filter(|k| t.get(*k).is_some())
            .collect();
        // A figure's `date` is its value only when no other value key is present.
        let value_keys: Vec<&str> = if present.len() > 1 {
            present.iter().copied().filter(|k| *k != "date").collect()
        } else {
            present.clone()
        };
        let value = match value_keys.as_slice() {
            [] => {
                self.problem(
                    "factcheck::kb::figure-value",
                    "a figure has no value",
                    header(span),
                    "no `count`, `amount`, `percent` or `date`",
                    "give the figure exactly one of `count`, `amount`, `percent` or `date`",
                );
                None
            }
            [k] => self.figure_value(t, k),
            [first, second, ..] => {
                let s2 = t.get(*second).map_or(span, span_of);
                self.problem(
                    "factcheck::kb::figure-value",
                    format!("a figure has two values: `{first}` and `{second}`"),
                    s2,
                    "second value",
                    "split it into two figures, one value each",
                );
                None
            }
        };
        let date = if value_keys.first() != Some(&"date") && present.contains(&"date") {
            self.date(t, "date", ctx, true)
        } else {
            None
        };
        let of = self.strings(t, "of", ctx, false, span).unwrap_or_default();
        let approximate = self.bool(t, "approximate", ctx).unwrap_or(false);
        let total = self.bool(t, "total", ctx).unwrap_or(false);
        let mut ceiling = self.bool(t, "ceiling", ctx).unwrap_or(false);
        let exact = |b: &crate::kb::Bounds| b.min.is_some() && b.min == b.max;
        if ceiling
            && !matches!(&value, Some(FigureValue::Count(b) | FigureValue::Amount(_, b)) if exact(b))
        {
            self.problem(
                "factcheck::kb::bad-ceiling",
                "`ceiling` on a figure that is not one count or amount",
                t.get("ceiling").map_or(span, span_of),
                "a ceiling is one number",
                "keep `ceiling = true` for a count or amount given as one value (\"up to 600 missiles\"); a range or bound already says what it allows",
            );
            ceiling = false;
        }
        let tolerance = self.tolerance(t);
        let source = self.string(t, "source", ctx);
        let note = self.string(t, "note", ctx).map(|s| s.0);
        let (id, id_span) = id?;
        if let Some((s, s_span)) = &source {
            self.pending.push(Ref {
                kind: "source",
                key: "source",
                id: s.clone(),
                loc: self.loc(*s_span),
            });
        }
        Some(Figure {
            id,
            value: value?,
            of: of.into_iter().map(|o| o.0).collect(),
            tolerance,
            approximate,
            total,
            ceiling,
            date,
            source: source.map(|s| s.0),
            note,
            loc: self.loc(id_span),
        })
    }

    fn tolerance(&mut self, t: &DeTable<'_>) -> Option<Tolerance> {
        let v = Self::get(t, "tolerance")?;
        let bad = |r: &mut Self| {
            r.problem(
                "factcheck::kb::bad-tolerance",
                "`tolerance` must be a non-negative number or a percentage string",
                span_of(v),
                "not a tolerance",
                "write `tolerance = 2` (absolute) or `tolerance = \"5%\"` (relative)",
            );
            None
        };
        match v.get_ref() {
            DeValue::Integer(_) | DeValue::Float(_) => match number(v.get_ref()) {
                Some(d) if !d.is_sign_negative() => Some(Tolerance::Absolute(d)),
                _ => bad(self),
            },
            DeValue::String(s) => {
                let pct = s.trim().strip_suffix('%').map(str::trim);
                match pct.and_then(|p| Decimal::from_str_exact(p).ok()) {
                    Some(d) if !d.is_sign_negative() => {
                        Some(Tolerance::Relative(d / Decimal::from(100)))
                    }
                    _ => bad(self),
                }
            }
            _ => bad(self),
        }
    }

    fn figure_value(&mut self, t: &DeTable<'_>, key: &str) -> Option<FigureValue> {
        let v = Self::get(t, key)?;
        match key {
            "date" => self
                .date(t, "date", "a figure", true)
                .map(FigureValue::Date),
            "count" => self
                .bounds(v, key, &mut |r, x| r.count_value(x))
                .map(|(b, _)| FigureValue::Count(b)),
            "percent" => self
                .bounds(v, key, &mut |r, x| r.number_value(x, "percent"))
                .map(|(b, _)| FigureValue::Percent(b)),
            "amount" => {
                if let DeValue::Table(tab) = v.get_ref()
                    && (tab.get("value").is_some() || tab.get("currency").is_some())
                {
                    return self.amount_table(tab, span_of(v));
                }
                let mut cur: Option<Currency> = None;
                let mut mixed = false;
                let res = self.bounds(v, key, &mut |r, x| {
                    let (c, d) = r.amount_value(x)?;
                    if cur.is_some_and(|k| k != c) {
                        // Not comparable: no "inverted range" on top of this.
                        mixed = true;
                        return None;
                    }
                    cur = Some(c);
                    Some(d)
                });
                if mixed {
                    self.problem(
                        "factcheck::kb::bad-amount",
                        "the ends of an amount range are in different currencies",
                        span_of(v),
                        "two currencies",
                        "give both ends in one currency",
                    );
                    return None;
                }
                let (b, _) = res?;
                Some(FigureValue::Amount(cur?, b))
            }
            _ => None,
        }
    }

    /// `{ value = 75000000, currency = "USD" }`
    fn amount_table(&mut self, tab: &DeTable<'_>, span: Span) -> Option<FigureValue> {
        self.check_keys(tab, &["value", "currency"], "an amount");
        let value = match tab.get("value") {
            Some(v) => self.number_value(v, "amount"),
            None => {
                self.problem(
                    "factcheck::kb::missing-key",
                    "the amount has no `value`",
                    span,
                    "needs `value`",
                    "add `value = 75000000`",
                );
                None
            }
        };
        let cur = match self.string(tab, "currency", "an amount") {
            Some((c, s)) => match Currency::from_code(&c) {
                Some(c) => Some(c),
                None => {
                    self.problem(
                        "factcheck::kb::bad-amount",
                        format!("`{c}` is not a currency code this tool knows"),
                        s,
                        "unknown currency",
                        "use an ISO 4217 code such as USD, EUR, GBP, PLN, TWD",
                    );
                    None
                }
            },
            None => {
                self.problem(
                    "factcheck::kb::missing-key",
                    "the amount has no `currency`",
                    span,
                    "needs `currency`",
                    "add `currency = \"USD\"`",
                );
                None
            }
        };
        Some(FigureValue::Amount(cur?, Bounds::exact(value?)))
    }

    /// A value, or `{ min = …, max = … }` with at least one end.
    fn bounds(
        &mut self,
        v: &Val<'_>,
        key: &str,
        read: &mut dyn FnMut(&mut Self, &Val<'_>) -> Option<Decimal>,
    ) -> Option<(Bounds, Span)> {
        let span = span_of(v);
        if let DeValue::Table(tab) = v.get_ref() {
            self.check_keys(tab, &["min", "max"], &format!("a `{key}` range"));
            let min = tab.get("min").map(|x| read(self, x));
            let max = tab.get("max").map(|x| read(self, x));
            if min.is_none() && max.is_none() {
                self.problem(
                    "factcheck::kb::figure-value",
                    format!("the `{key}` range has neither `min` nor `max`"),
                    span,
                    "empty range",
                    "give `min`, `max` or both",
                );
                return None;
            }
            let (min, max) = (min.flatten(), max.flatten());
            if let (Some(lo), Some(hi)) = (min, max)
                && lo > hi
            {
                self.problem(
                    "factcheck::kb::inverted-range",
                    format!("the `{key}` range is inverted: min {lo} is above max {hi}"),
                    span,
                    "min > max",
                    "swap `min` and `max`",
                );
                return None;
            }
            let any_failed = tab.get("min").is_some() && min.is_none()
                || tab.get("max").is_some() && max.is_none();
            if any_failed {
                return None;
            }
            return Some((Bounds { min, max }, span));
        }
        read(self, v).map(|d| (Bounds::exact(d), span))
    }

    fn count_value(&mut self, v: &Val<'_>) -> Option<Decimal> {
        match v.get_ref() {
            DeValue::Integer(_) => {
                let d = number(v.get_ref());
                match d {
                    Some(d) if d.is_sign_negative() => {
                        self.problem(
                            "factcheck::kb::negative-count",
                            format!("a count cannot be negative: {d}"),
                            span_of(v),
                            "negative",
                            "counts are whole numbers of things, 0 or more",
                        );
                        None
                    }
                    Some(d) => Some(d),
                    None => {
                        self.problem(
                            "factcheck::kb::wrong-type",
                            "the count is too large",
                            span_of(v),
                            "too large",
                            "use a smaller number",
                        );
                        None
                    }
                }
            }
            other => {
                self.wrong_type(span_of(v), "`count` of a figure", "a whole number", other);
                None
            }
        }
    }

    fn number_value(&mut self, v: &Val<'_>, what: &str) -> Option<Decimal> {
        match number(v.get_ref()) {
            Some(d) => Some(d),
            None => {
                self.wrong_type(span_of(v), &format!("`{what}`"), "a number", v.get_ref());
                None
            }
        }
    }

    fn amount_value(&mut self, v: &Val<'_>) -> Option<(Currency, Decimal)> {
        match v.get_ref() {
            DeValue::String(s) => match parse_amount(s) {
                Ok(x) => Some(x),
                Err(e) => {
                    self.problem(
                        "factcheck::kb::bad-amount",
                        match e {
                            AmountError::NotAnAmount => format!("`{s}` is not a money amount"),
                            e => format!("`{s}` is not a money amount: {e}"),
                        },
                        span_of(v),
                        "cannot read this amount",
                        "write an amount with its currency, like \"$75 million\", \"€50m\", \"USD 1.2 billion\", or { value = 75000000, currency = \"USD\" }",
                    );
                    None
                }
            },
            other => {
                self.wrong_type(
                    span_of(v),
                    "`amount`",
                    "a string such as \"$75 million\", or { value = …, currency = \"USD\" }",
                    other,
                );
                None
            }
        }
    }

    fn status(&mut self, t: &DeTable<'_>, span: Span) -> Option<Status> {
        let ctx = "a status";
        self.check_keys(t, STATUS_KEYS, ctx);
        let authority = self.string(t, "authority", ctx);
        if let Some((a, a_span)) = &authority {
            self.pending.push(Ref {
                kind: "entity",
                key: "authority",
                id: a.clone(),
                loc: self.loc(*a_span),
            });
        }
        let state = match self.required_string(t, "state", ctx, span) {
            Some((s, s_span)) => match State::parse(&s) {
                Some(st) => Some(st),
                None => {
                    let names: Vec<&str> =
                        crate::state::ALL_STATES.iter().map(|s| s.name()).collect();
                    let near = names
                        .iter()
                        .map(|n| (strsim::jaro_winkler(n, &s), *n))
                        .filter(|(x, _)| *x > 0.8)
                        .max_by(|a, b| a.0.total_cmp(&b.0));
                    let help = match near {
                        Some((_, n)) => {
                            format!("did you mean `{n}`? The states are: {}", names.join(", "))
                        }
                        None => format!("the states are: {}", names.join(", ")),
                    };
                    self.problem(
                        "factcheck::kb::unknown-state",
                        format!("unknown state `{s}`"),
                        s_span,
                        "not a state",
                        help,
                    );
                    None
                }
            },
            None => None,
        };
        let date = self.day(t, "date", ctx);
        let _ = self.string(t, "source", ctx);
        Some(Status {
            authority: authority.map(|a| a.0),
            state: state?,
            date,
            loc: self.loc(span),
        })
    }

    fn authority(&mut self, t: &DeTable<'_>, span: Span, kb: &mut Kb) {
        self.check_keys(t, AUTHORITY_KEYS, "an authority");
        let id = self.id(t, "an authority", span);
        let names = self.strings(t, "names", "an authority", true, span);
        if let (Some((id, _)), Some(names)) = (id, names) {
            kb.authorities.push(Names {
                id,
                names: names.into_iter().map(|n| n.0).collect(),
                authority: true,
            });
        }
    }

    fn phrase(&mut self, t: &DeTable<'_>, span: Span, kb: &mut Kb) {
        let ctx = "a phrase";
        self.check_keys(t, PHRASE_KEYS, ctx);
        // `state = "none"`: a wording that looks like a state and asserts none ("has never
        // blocked a sale"); listed above the phrases it would otherwise trigger.
        let state = self.required_string(t, "state", ctx, span).and_then(|(s, sp)| {
            if s == "none" {
                return Some(None);
            }
            let st = State::parse(&s);
            if st.is_none() {
                self.problem("factcheck::kb::unknown-state", format!("unknown state `{s}`"), sp, "not a state", "use one of: requested, pending, notified, approved, signed, contracted, delivered, rejected, withdrawn, or none");
            }
            st.map(Some)
        });
        let pattern = self.required_string(t, "pattern", ctx, span);
        let mut words = None;
        if let Some((p, ps)) = &pattern {
            // Parse with placeholder names to catch a broken pattern here, at its span
            // (parsing is enough: compiling waits until a phrase is first needed), and read
            // the words its matches need while the syntax tree is at hand (a built-in
            // phrase's were read when the program was built).
            match crate::extract::approval::words_of(p) {
                Ok(w) => words = Some(w),
                Err(e) => {
                    let first = e.lines().last().unwrap_or_default().to_string();
                    self.problem(
                        "factcheck::kb::bad-phrase",
                        "this approval phrase is not a valid pattern",
                        *ps,
                        "invalid pattern",
                        first,
                    );
                }
            }
        }
        let authority = self.string(t, "authority", ctx).map(|a| a.0);
        let priority = match Self::get(t, "priority") {
            None => 0,
            Some(v) => match v.get_ref() {
                DeValue::Integer(i) => match i.as_str().parse::<i32>() {
                    Ok(p) if (-100..=100).contains(&p) => p,
                    _ => {
                        self.problem(
                            "factcheck::kb::bad-phrase",
                            "a phrase's `priority` must lie between -100 and 100",
                            span_of(v),
                            "out of range",
                            "use 1 to win over the built-in phrases, -1 to yield to them",
                        );
                        0
                    }
                },
                other => {
                    self.wrong_type(span_of(v), "`priority`", "an integer", other);
                    0
                }
            },
        };
        let mut examples = Vec::new();
        if let Some(v) = Self::get(t, "examples") {
            match v.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        let DeValue::Table(et) = item.get_ref() else {
                            self.wrong_type(
                                span_of(item),
                                "each example",
                                "a table { text = \"…\", authority = \"…\", state = \"…\" }",
                                item.get_ref(),
                            );
                            continue;
                        };
                        self.check_keys(et, EXAMPLE_KEYS, "an example");
                        let text = self.required_string(et, "text", "an example", span_of(item));
                        let ea = self.string(et, "authority", "an example").map(|a| a.0);
                        let es = self.string(et, "state", "an example").and_then(|(s, sp)| {
                            if s == "none" {
                                return Some(None);
                            }
                            let st = State::parse(&s);
                            if st.is_none() {
                                self.problem(
                                    "factcheck::kb::unknown-state",
                                    format!("unknown state `{s}`"),
                                    sp,
                                    "not a state",
                                    "use a state name, or \"none\" for text that must not match",
                                );
                            }
                            st.map(Some)
                        });
                        if let (Some((text, _)), Some(state)) = (text, es) {
                            examples.push(Example {
                                text,
                                authority: ea,
                                state,
                            });
                        }
                    }
                }
                other => self.wrong_type(span_of(v), "`examples`", "an array of tables", other),
            }
        }
        if let (Some(state), Some((pattern, _)), Some(words)) = (state, pattern, words) {
            kb.phrases.push(Phrase {
                state,
                pattern,
                authority,
                examples,
                words,
                priority,
                origin: Some((self.idx, span)),
            });
        }
    }
}

/// The first line of a table, for problems about the table as a whole.
fn header(span: Span) -> Span {
    Span::new(span.start, span.start)
}

fn number(v: &DeValue<'_>) -> Option<Decimal> {
    match v {
        DeValue::Integer(i) => {
            let s = i.as_str().replace('_', "");
            let n = i64::from_str_radix(
                s.trim_start_matches("0x")
                    .trim_start_matches("0o")
                    .trim_start_matches("0b"),
                i.radix(),
            )
            .ok()?;
            Some(Decimal::from(n))
        }
        DeValue::Float(f) => {
            let s = f.as_str().replace('_', "");
            Decimal::from_str_exact(&s)
                .ok()
                .or_else(|| Decimal::from_scientific(&s).ok())
        }
        _ => None,
    }
}

/// Duplicate ids across files and dangling references, found after every file is read.
fn cross_check(kb: &Kb, problems: &mut Vec<Problem>) {
    fn dupes<'a>(
        kb: &Kb,
        what: &str,
        items: impl Iterator<Item = (&'a str, Loc)>,
        problems: &mut Vec<Problem>,
    ) {
        let mut first: HashMap<&str, Loc> = HashMap::new();
        for (id, loc) in items {
            if let Some(prev) = first.get(id) {
                let f = &kb.files[loc.file];
                let pf = &kb.files[prev.file];
                let (pp, pl) = (pf.path.clone(), pf.locate(prev.span.start));
                problems.push(
                    Problem::new(
                        "factcheck::kb::duplicate-id",
                        format!("{what} id `{id}` is defined twice"),
                    )
                    .at(f, loc.span, "defined again here")
                    .help(format!(
                        "first defined at {pp}:{}:{}; rename one of them or merge them",
                        pl.line, pl.column
                    ))
                    .related(
                        Problem::note(format!("first definition of `{id}`")).at(
                            pf,
                            prev.span,
                            "first defined here",
                        ),
                    ),
                );
            } else {
                first.insert(id, loc);
            }
        }
    }
    dupes(
        kb,
        "source",
        kb.sources.iter().map(|s| (s.id.as_str(), s.loc)),
        problems,
    );
    dupes(
        kb,
        "entity",
        kb.entities.iter().map(|e| (e.id.as_str(), e.loc)),
        problems,
    );
    dupes(
        kb,
        "record",
        kb.records.iter().map(|r| (r.id.as_str(), r.loc)),
        problems,
    );

    let entities: Vec<&str> = kb.entities.iter().map(|e| e.id.as_str()).collect();
    let sources: Vec<&str> = kb.sources.iter().map(|s| s.id.as_str()).collect();
    let entity_set: HashSet<&str> = entities.iter().copied().collect();
    let source_set: HashSet<&str> = sources.iter().copied().collect();
    for r in &kb.refs {
        let (known, set) = if r.kind == "entity" {
            (&entities, &entity_set)
        } else {
            (&sources, &source_set)
        };
        if set.contains(r.id.as_str()) {
            continue;
        }
        let near = known
            .iter()
            .map(|k| (strsim::jaro_winkler(k, &r.id), *k))
            .filter(|(s, _)| *s > 0.85)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let help = match near {
            Some((_, k)) => format!("did you mean `{k}`?"),
            None => format!(
                "define a{} {} with id = \"{}\", or fix the reference",
                if r.kind == "entity" { "n" } else { "" },
                r.kind,
                r.id
            ),
        };
        problems.push(
            Problem::new(
                "factcheck::kb::dangling-reference",
                format!(
                    "`{}` refers to {} `{}`, which is not defined",
                    r.key, r.kind, r.id
                ),
            )
            .at(
                &kb.files[r.loc.file],
                r.loc.span,
                format!("no {} `{}`", r.kind, r.id),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod parallel_tests {
    use super::*;

    /// Files of sales, one with a record whose id an earlier file already took, one with a
    /// syntax error, one with an unknown key.
    fn files() -> Vec<(String, String)> {
        let mut files = vec![(
            "common.toml".to_string(),
            "[[source]]\nid = \"s\"\ntitle = \"T\"\npublisher = \"P\"\npublished = 2024-01-11\n\n[[entity]]\nid = \"jet\"\nnames = [\"Jet\"]\n".to_string(),
        )];
        for f in 0..12 {
            let mut t = String::new();
            for k in 0..40 {
                let id = if f == 9 && k == 3 {
                    "sale-7-3".to_string()
                } else {
                    format!("sale-{f}-{k}")
                };
                t.push_str(&format!(
                    "[[record]]\nid = \"{id}\"\nsource = \"s\"\nabout = [\"jet\"]\nfigures = [{{ kind = \"count\", value = {}, of = \"jets\" }}]\n\n",
                    k + 1
                ));
            }
            if f == 5 {
                t.push_str("[[record]]\nid = \"broken\"\nsource = \n");
            }
            if f == 10 {
                t.push_str("[[entity]]\nid = \"x\"\nnames = [\"X\"]\nnmes = 1\n");
            }
            files.push((format!("f{f:02}.toml"), t));
        }
        files
    }

    fn summary(r: Result<Kb, Vec<Problem>>) -> Vec<String> {
        match r {
            Ok(kb) => kb.records.iter().map(|r| r.id.clone()).collect(),
            Err(ps) => ps
                .iter()
                .map(|p| {
                    format!(
                        "{} {} {:?} {:?}",
                        p.code,
                        p.message,
                        p.file.as_ref().map(|f| &f.path),
                        p.span
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn parallel_parsing_reads_like_one_thread() {
        let sequential = summary(load_sources_from(files(), usize::MAX));
        let parallel = summary(load_sources_from(files(), 0));
        assert!(sequential.len() >= 3, "{sequential:?}");
        assert!(
            sequential
                .iter()
                .any(|p| p.contains("duplicate-id") && p.contains("f09.toml")),
            "{sequential:?}"
        );
        assert_eq!(sequential, parallel);
        // Without the broken files, the records come in file order.
        let good: Vec<_> = files()
            .into_iter()
            .filter(|(p, _)| p != "f05.toml" && p != "f10.toml" && p != "f09.toml")
            .collect();
        let sequential = summary(load_sources_from(good.clone(), usize::MAX));
        assert_eq!(sequential.len(), 9 * 40);
        assert_eq!(sequential, summary(load_sources_from(good, 0)));
    }
}

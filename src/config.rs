//! `factcheck.toml`: project settings found in the current directory or its ancestors (or
//! named with `--config`; `--isolated` ignores them). Command-line flags win over the file,
//! the file over the defaults. Unknown keys and bad values are errors with their TOML span,
//! like the KB's.

use crate::cli::{FailOn, Format};
use factcheck::kb::{Problem, SourceFile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAMES: &[&str] = &["factcheck.toml", ".factcheck.toml"];

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    kb: Option<Vec<String>>,
    fail_on: Option<FailOn>,
    format: Option<Format>,
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    rules: Option<RawRules>,
}

/// `[rules]`: linking rules switched off.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    disable: Vec<Spanned<String>>,
}

/// The `[rules]` table as used.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rules {
    /// Linking rule ids switched off (`factcheck explain rules` lists them).
    pub disable: Vec<String>,
}

/// A severity override: a level, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Advice,
    Off,
}

/// The effective settings.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    /// Where the settings came from (not a setting).
    #[serde(skip)]
    pub file: Option<PathBuf>,
    /// The config file's directory: relative paths in it (`kb`, `include`, `exclude`) and the
    /// paths baselines record are taken from here (not a setting).
    #[serde(skip)]
    pub dir: Option<PathBuf>,
    pub kb: Vec<PathBuf>,
    pub fail_on: FailOn,
    pub format: Format,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub severity: BTreeMap<String, Level>,
    pub rules: Rules,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            dir: None,
            kb: vec![],
            fail_on: FailOn::Error,
            format: Format::Human,
            include: vec![],
            exclude: vec![],
            severity: BTreeMap::new(),
            rules: Rules::default(),
        }
    }
}

/// The keys of the file (tables in brackets), as `did you mean` offers them.
const KEYS: &[&str] = &[
    "kb", "fail-on", "format", "include", "exclude", "severity", "rules", "disable",
];

/// The name among `names` nearest to `word`, if near enough to be a typo of it.
fn near<'a>(word: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    names
        .map(|n| (strsim::jaro_winkler(n, word), n))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// The config file for `start`: `factcheck.toml` or `.factcheck.toml` there or above.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Reads a config file; problems carry the file's spans.
pub fn load(path: &Path) -> Result<Config, Vec<Problem>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![
            Problem::new(
                "factcheck::config::unreadable",
                format!("cannot read {}: {e}", path.display()),
            )
            .help("check the path given to --config"),
        ]
    })?;
    parse(
        &path.display().to_string(),
        &text,
        path.parent().unwrap_or(Path::new(".")),
    )
}

/// Parses config text; relative KB paths are taken from `base`.
pub fn parse(name: &str, text: &str, base: &Path) -> Result<Config, Vec<Problem>> {
    let file = SourceFile::new(name, text);
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let span = e.span().map_or(
            factcheck::span::Span::new(0, 0),
            factcheck::span::Span::from,
        );
        let msg = e.message().trim().to_string();
        let help = match msg
            .strip_prefix("unknown field `")
            .and_then(|r| r.split_once('`'))
        {
            Some((key, _)) => match near(key, KEYS.iter().copied()) {
                Some(k) => format!("did you mean `{k}`? The keys are: {}", KEYS.join(", ")),
                None => format!("the keys are: {}", KEYS.join(", ")),
            },
            None => "see the README's configuration section".to_string(),
        };
        vec![
            Problem::new(
                "factcheck::config::invalid",
                format!("invalid config: {msg}"),
            )
            .at(&file, span, "here")
            .help(help),
        ]
    })?;
    let mut problems = Vec::new();
    let mut severity = BTreeMap::new();
    for (code, level) in raw.severity.unwrap_or_default() {
        let short = code.get_ref().trim_start_matches("factcheck::");
        let Some(c) = factcheck::codes::find(short) else {
            problems.push(
                Problem::new(
                    "factcheck::config::invalid",
                    format!("unknown diagnostic code `{}`", code.get_ref()),
                )
                .at(&file, code.span().into(), "not a code")
                .help(
                    match near(
                        short,
                        factcheck::codes::CODES
                            .iter()
                            .map(|c| c.code.trim_start_matches("factcheck::")),
                    ) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "`factcheck explain all` lists the codes".to_string(),
                    },
                ),
            );
            continue;
        };
        let lv = match level.get_ref().as_str() {
            "error" => Level::Error,
            "warning" => Level::Warning,
            "advice" => Level::Advice,
            "off" => Level::Off,
            other => {
                problems.push(
                    Problem::new(
                        "factcheck::config::invalid",
                        format!("unknown severity `{other}`"),
                    )
                    .at(&file, level.span().into(), "not a severity")
                    .help("use error, warning, advice or off"),
                );
                continue;
            }
        };
        severity.insert(c.code.to_string(), lv);
    }
    let mut disable = Vec::new();
    for id in raw.rules.map(|r| r.disable).unwrap_or_default() {
        if let Some((_, near)) = factcheck::link::rules::unknown([id.get_ref().as_str()]).pop() {
            problems.push(
                Problem::new(
                    "factcheck::config::invalid",
                    format!("unknown linking rule `{}`", id.get_ref()),
                )
                .at(&file, id.span().into(), "not a rule")
                .help(match near {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "`factcheck explain rules` lists the rules".to_string(),
                }),
            );
            continue;
        }
        disable.push(id.into_inner());
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let d = Config::default();
    Ok(Config {
        file: Some(PathBuf::from(name)),
        dir: Some(base.to_path_buf()),
        // `builtin` names the built-in KB, not a folder beside the config.
        kb: raw
            .kb
            .unwrap_or_default()
            .into_iter()
            .map(|k| {
                if k == crate::kbsel::BUILTIN {
                    PathBuf::from(k)
                } else {
                    base.join(k)
                }
            })
            .collect(),
        fail_on: raw.fail_on.unwrap_or(d.fail_on),
        format: raw.format.unwrap_or(d.format),
        include: raw.include.unwrap_or_default(),
        exclude: raw.exclude.unwrap_or_default(),
        severity,
        rules: Rules { disable },
    })
}

impl Config {
    /// The effective settings as TOML, for `--dump-config`.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        if let Some(f) = &self.file {
            out.push_str(&format!("# from {}\n", f.display()));
        } else {
            out.push_str("# no factcheck.toml found: defaults and flags\n");
        }
        out.push_str(&toml::to_string(self).unwrap_or_default());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_relative_kb_paths() {
        let c = parse(
            "f.toml",
            "kb = [\"facts\"]\nfail-on = \"warning\"\nformat = \"json\"\nexclude = [\"drafts/**\"]\n[severity]\nunverified-claim = \"off\"\n",
            Path::new("/news"),
        )
        .unwrap();
        assert_eq!(c.kb, [PathBuf::from("/news/facts")]);
        assert_eq!(c.fail_on, FailOn::Warning);
        assert_eq!(c.format, Format::Json);
        assert_eq!(
            c.severity.get("factcheck::unverified-claim"),
            Some(&Level::Off)
        );
    }

    #[test]
    fn unknown_key_has_its_span() {
        let e = parse(
            "f.toml",
            "fail-on = \"error\"\nfial-on = \"error\"\n",
            Path::new("."),
        )
        .unwrap_err();
        let (path, at) = e[0].location().unwrap();
        assert_eq!((path.as_str(), at.line, at.column), ("f.toml", 2, 1));
        assert!(
            e[0].message.contains("unknown field `fial-on`"),
            "{}",
            e[0].message
        );
        assert!(
            e[0].help
                .as_deref()
                .is_some_and(|h| h.starts_with("did you mean `fail-on`?")),
            "{:?}",
            e[0].help
        );
    }

    #[test]
    fn bad_severity_and_code() {
        let e = parse(
            "f.toml",
            "[severity]\ncount-mismatch = \"loud\"\nno-such = \"off\"\n",
            Path::new("."),
        )
        .unwrap_err();
        let msgs: Vec<&str> = e.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "unknown severity `loud`",
                "unknown diagnostic code `no-such`"
            ]
        );
        let e = parse(
            "f.toml",
            "[severity]\ncount-mismatchh = \"off\"\n",
            Path::new("."),
        )
        .unwrap_err();
        assert_eq!(e[0].help.as_deref(), Some("did you mean `count-mismatch`?"));
    }
}

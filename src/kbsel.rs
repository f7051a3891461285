//! Which knowledge base a run uses, in this order (the first that says anything wins):
//!
//! 1. `--kb PATH` (repeatable);
//! 2. `kb = [...]` in `factcheck.toml`, relative to that file's directory;
//! 3. `./rules/`, only when it holds factcheck KB files: a folder of another tool's rules
//!    (Vale's styles, say) is passed over with a one-line note, never a failure;
//! 4. the KB built into the binary.
//!
//! `builtin` among the paths of 1 or 2 names the built-in KB, so a newsroom's KB can extend
//! it: `--kb builtin --kb facts/`, `kb = ["builtin", "facts/"]`. The built-in language rules
//! (approval phrases, linking cues) apply whatever is chosen.

use factcheck::kb::{self, Kb, Problem};
use std::path::{Path, PathBuf};

/// The word that names the built-in KB among KB paths.
pub const BUILTIN: &str = "builtin";

/// One part of the KB in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Builtin,
    Path(PathBuf),
}

/// The KB a run uses, and how it was chosen.
#[derive(Debug, Clone)]
pub struct Choice {
    pub parts: Vec<Part>,
    /// Where the choice came from, for `--list-files` and notes.
    pub from: From,
    /// KB files are named relative to this directory in output (the config file's).
    pub base: Option<PathBuf>,
    /// Said once on standard error: why a `./rules/` folder was passed over.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    Flag,
    Config,
    Discovered,
    Default,
}

fn part(p: &Path) -> Part {
    if p.as_os_str() == BUILTIN {
        Part::Builtin
    } else {
        Part::Path(p.to_path_buf())
    }
}

/// Chooses the KB from the `--kb` flags, the config file's `kb` (paths already resolved
/// against `config_dir`) and the working directory.
pub fn choose(flags: &[PathBuf], config_kb: &[PathBuf], config_dir: Option<&Path>) -> Choice {
    if !flags.is_empty() {
        return Choice {
            parts: flags.iter().map(|p| part(p)).collect(),
            from: From::Flag,
            base: None,
            note: None,
        };
    }
    if !config_kb.is_empty() {
        return Choice {
            parts: config_kb.iter().map(|p| part(p)).collect(),
            from: From::Config,
            base: config_dir.map(Path::to_path_buf),
            note: None,
        };
    }
    let local = Path::new("rules");
    let mut note = None;
    if local.is_dir() {
        match holds_kb(local) {
            Ok((kb_files, others)) => {
                // A folder found, not named: its other tools' files are passed over.
                let note = (!others.is_empty()).then(|| {
                    format!(
                        "note: passed over {} in ./rules/: not factcheck KB files",
                        others.join(", ")
                    )
                });
                let parts = if others.is_empty() {
                    vec![Part::Path(local.to_path_buf())]
                } else {
                    kb_files.into_iter().map(|f| Part::Path(f.into())).collect()
                };
                return Choice {
                    parts,
                    from: From::Discovered,
                    base: None,
                    note,
                };
            }
            Err(why) => {
                note = Some(format!(
                    "note: ./rules/ is not a factcheck KB ({why}); using the built-in KB (name one with --kb, or `kb` in factcheck.toml)"
                ));
            }
        }
    }
    Choice {
        parts: vec![Part::Builtin],
        from: From::Default,
        base: None,
        note,
    }
}

/// A discovered folder's factcheck KB files and its other `.toml` files; or, when it holds
/// no KB file, why not.
fn holds_kb(dir: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let (files, _) = kb::read_paths(&[dir.to_path_buf()]);
    if files.is_empty() {
        return Err("it holds no .toml files".to_string());
    }
    let (kb_files, others): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|(_, text)| kb::looks_like_kb(text));
    if !kb_files.is_empty() {
        Ok((
            kb_files.into_iter().map(|(p, _)| p).collect(),
            others.into_iter().map(|(p, _)| p).collect(),
        ))
    } else {
        let files = others;
        Err(match files.len() {
            1 => "its .toml file has no [[record]], [[entity]] or [[source]] tables".to_string(),
            n => format!(
                "none of its {n} .toml files has [[record]], [[entity]] or [[source]] tables"
            ),
        })
    }
}

impl Choice {
    /// The KB in use, in words: "the built-in KB", "facts/ (factcheck.toml)", "builtin + facts/".
    pub fn describe(&self) -> String {
        if self.parts == [Part::Builtin] {
            return match self.from {
                From::Default => "the built-in KB".to_string(),
                From::Flag => "the built-in KB (--kb builtin)".to_string(),
                _ => "the built-in KB (factcheck.toml)".to_string(),
            };
        }
        let names: Vec<String> = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Builtin => BUILTIN.to_string(),
                Part::Path(p) => self.shown(p),
            })
            .collect();
        let from = match self.from {
            From::Flag => "--kb",
            From::Config => "factcheck.toml",
            From::Discovered => "found in the working directory",
            From::Default => "default",
        };
        format!("{} ({from})", names.join(" + "))
    }

    /// A KB path as output shows it: relative to the config file's directory when it came
    /// from there, else as given.
    pub fn shown(&self, p: &Path) -> String {
        let rel = self
            .base
            .as_deref()
            .and_then(|b| p.strip_prefix(b).ok())
            .filter(|r| !r.as_os_str().is_empty())
            .unwrap_or(p);
        rel.display().to_string()
    }

    /// Loads the KB: the built-in one alone; or the built-in language rules, the built-in
    /// facts when `builtin` is named, and the files named, in order.
    pub fn load(&self) -> Result<Kb, Vec<Problem>> {
        if let Some(n) = &self.note {
            eprintln!("{n}");
        }
        if self.parts == [Part::Builtin] {
            return kb::embedded();
        }
        let with_builtin = self.parts.contains(&Part::Builtin);
        let mut sources: Vec<(String, String)> = if with_builtin {
            kb::EMBEDDED
                .iter()
                .map(|(p, t)| (format!("builtin:{p}"), t.to_string()))
                .collect()
        } else {
            kb::embedded_language()
        };
        let paths: Vec<PathBuf> = self
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Path(p) => Some(p.clone()),
                Part::Builtin => None,
            })
            .collect();
        let (files, problems) = kb::read_paths(&paths);
        if !problems.is_empty() {
            return Err(problems);
        }
        // The project's own files, found again under ./rules/, load once.
        for (path, text) in files {
            if !sources.iter().any(|(_, t)| *t == text) {
                sources.push((self.shown(Path::new(&path)), text));
            }
        }
        kb::load_sources(sources)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_then_the_config_and_builtin_is_a_word() {
        let c = choose(
            &[PathBuf::from("builtin"), PathBuf::from("facts")],
            &[PathBuf::from("/news/other")],
            Some(Path::new("/news")),
        );
        assert_eq!(c.parts, [Part::Builtin, Part::Path("facts".into())]);
        assert_eq!(c.describe(), "builtin + facts (--kb)");
        let c = choose(
            &[],
            &[PathBuf::from("/news/facts"), PathBuf::from("builtin")],
            Some(Path::new("/news")),
        );
        assert_eq!(c.from, From::Config);
        assert_eq!(c.describe(), "facts + builtin (factcheck.toml)");
        assert_eq!(c.shown(Path::new("/news/facts/a.toml")), "facts/a.toml");
        assert_eq!(c.shown(Path::new("/elsewhere/a.toml")), "/elsewhere/a.toml");
    }
}

//! Reading articles: files, directories (recursed, `.txt`/`.md`/`.markdown`/`.text`, in path
//! order) and standard input. A problem with one input is returned as data so the others are
//! still checked.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Article file extensions read when walking a directory.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "mdx"];

/// One input to read: a path, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Why an input could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// `factcheck::input::…`
    pub code: &'static str,
    pub path: String,
    pub message: String,
    pub help: String,
}

/// Which walked files to keep: globs matched against the path as found under a directory.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
}

impl Filter {
    /// Builds a filter from glob strings; the error names the bad glob.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filter, String> {
        let set = |globs: &[String]| -> Result<Option<globset::GlobSet>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for g in globs {
                b.add(globset::Glob::new(g).map_err(|e| format!("bad glob `{g}`: {e}"))?);
            }
            b.build().map(Some).map_err(|e| e.to_string())
        };
        Ok(Filter {
            include: set(include)?,
            exclude: set(exclude)?,
        })
    }

    fn keeps(&self, p: &Path) -> bool {
        let p = p.strip_prefix("./").unwrap_or(p);
        self.include.as_ref().is_none_or(|g| g.is_match(p))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(p))
    }
}

/// Expands the command line's paths: directories become their article files.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, InputError>> {
    expand_filtered(paths, &Filter::default())
}

/// Like [`expand`], walking directories with `.gitignore` respected and the filter applied.
/// Paths named on the command line are always kept.
pub fn expand_filtered(paths: &[PathBuf], filter: &Filter) -> Vec<Result<Input, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found);
                found.retain(|f| filter.keeps(f));
                found.sort();
                if found.is_empty() {
                    out.push(Err(InputError {
                        code: "factcheck::input::empty-directory",
                        path: p.display().to_string(),
                        message: format!("{} holds no articles", p.display()),
                        help: format!(
                            "articles are files ending in .{}",
                            ARTICLE_EXTENSIONS.join(", .")
                        ),
                    }));
                }
                out.extend(found.into_iter().map(|f| Ok(Input::File(f))));
            }
            Ok(_) => out.push(Ok(Input::File(p.clone()))),
            Err(e) => out.push(Err(io_error(p, &e))),
        }
    }
    out
}

/// Article files under `dir`: hidden files and what `.gitignore`/`.ignore` exclude are skipped.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .build();
    for e in walker.flatten() {
        let p = e.path();
        if e.file_type().is_some_and(|t| t.is_file())
            && p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| ARTICLE_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        {
            out.push(p.to_path_buf());
        }
    }
}

fn io_error(p: &Path, e: &std::io::Error) -> InputError {
    let (code, help) = match e.kind() {
        std::io::ErrorKind::NotFound => ("factcheck::input::not-found", "check the path"),
        std::io::ErrorKind::PermissionDenied => (
            "factcheck::input::permission-denied",
            "check the file's permissions",
        ),
        _ => (
            "factcheck::input::unreadable",
            "check the path and that it is a readable file",
        ),
    };
    InputError {
        code,
        path: p.display().to_string(),
        message: format!("cannot read {}: {}", p.display(), plain_io(e)),
        help: help.to_string(),
    }
}

/// An io error's message without the "(os error 2)" suffix.
fn plain_io(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Reads an input as UTF-8 text.
pub fn read(input: &Input) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    let path = input.display();
    match input {
        Input::Stdin => {
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError {
                    code: "factcheck::input::unreadable",
                    path: path.clone(),
                    message: format!("cannot read standard input: {}", plain_io(&e)),
                    help: "pipe the article's text in, or give its path".into(),
                })?;
        }
        Input::File(p) => {
            bytes = std::fs::read(p).map_err(|e| io_error(p, &e))?;
        }
    }
    decode(&path, bytes)
}

/// UTF-8 (a BOM is fine); anything else is an error naming the first bad byte's line.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let utf16 = bytes.len() >= 2 && (bytes[..2] == [0xff, 0xfe] || bytes[..2] == [0xfe, 0xff]);
        InputError {
            code: "factcheck::input::not-utf8",
            path: path.to_string(),
            message: format!(
                "{path} is not UTF-8 text: invalid byte 0x{:02x} at offset {at} (line {line})",
                bytes[at]
            ),
            help: if utf16 {
                "the file looks like UTF-16; convert it, e.g. `iconv -f UTF-16 -t UTF-8`".into()
            } else {
                "convert the file to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`"
                    .into()
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_names_the_byte_and_line() {
        let e = decode("a.txt", b"ok\nbad \xe9 here".to_vec()).unwrap_err();
        assert_eq!(e.code, "factcheck::input::not-utf8");
        assert!(
            e.message.contains("0xe9 at offset 7 (line 2)"),
            "{}",
            e.message
        );
    }

    #[test]
    fn missing_file() {
        let r = expand(&[PathBuf::from("/no/such/file.txt")]);
        let e = r[0].clone().unwrap_err();
        assert_eq!(e.code, "factcheck::input::not-found");
        assert_eq!(
            e.message,
            "cannot read /no/such/file.txt: No such file or directory"
        );
    }
}

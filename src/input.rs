//! Reading articles: files, directories (recursed, `.txt`/`.md`/`.markdown`/`.text`, in path
//! order) and standard input. A problem with one input is returned as data so the others are
//! still checked.

use std::io::Read;
#[cfg(unix)]
use std::os::fd::AsFd;
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

/// Paths as a project names them: relative to its root (the config file's directory, or the
/// working directory when there is none), `/`-separated, with `.` and `..` resolved. Globs in
/// the config match these, and baselines record them, so `articles/a.md`, `./articles/a.md`
/// and `a.md` typed inside `articles/` are one file.
#[derive(Debug, Clone, Default)]
pub struct Root {
    /// The working directory (absolute).
    cwd: PathBuf,
    /// The project root (absolute).
    root: PathBuf,
}

/// `p` with `.` and `..` resolved without touching the file system.
fn normalise(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

impl Root {
    /// The root `root` (the config file's directory; `None`: the working directory), seen
    /// from the working directory `cwd`.
    pub fn new(cwd: &Path, root: Option<&Path>) -> Root {
        let cwd = normalise(cwd);
        let root = root.map_or_else(|| cwd.clone(), |r| normalise(&cwd.join(r)));
        Root { cwd, root }
    }

    /// The working directory and the config file's directory of this process.
    pub fn here(config_dir: Option<&Path>) -> Root {
        let cwd = std::env::current_dir()
            .ok()
            .and_then(|d| std::fs::canonicalize(&d).ok().or(Some(d)))
            .unwrap_or_default();
        let dir = config_dir.map(|d| std::fs::canonicalize(cwd.join(d)).unwrap_or(cwd.join(d)));
        Root::new(&cwd, dir.as_deref())
    }

    /// `p` (as typed, relative to the working directory) relative to the root, `/`-separated;
    /// a path outside the root stays absolute.
    pub fn key(&self, p: &Path) -> String {
        let abs = normalise(&self.cwd.join(p));
        let rel = abs.strip_prefix(&self.root).unwrap_or(&abs);
        if rel.is_absolute() {
            return rel.to_string_lossy().replace('\\', "/");
        }
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    }
}

/// Which files to check: globs (`include`, `exclude`) matched against paths relative to the
/// project root (see [`Root`]).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub include: Option<globset::GlobSet>,
    pub exclude: Option<globset::GlobSet>,
    /// Apply `exclude` to the files named on the command line too (`--force-exclude`, as ruff
    /// means it: pre-commit passes every changed file by name).
    pub force_exclude: bool,
    pub root: Root,
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
            force_exclude: false,
            root: Root::default(),
        })
    }

    fn included(&self, p: &Path) -> bool {
        self.include
            .as_ref()
            .is_none_or(|g| g.is_match(self.root.key(p)))
    }

    /// Whether `exclude` names `p`.
    pub fn excluded(&self, p: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|g| g.is_match(self.root.key(p)))
    }

    fn keeps(&self, p: &Path) -> bool {
        self.included(p) && !self.excluded(p)
    }
}

/// Expands the command line's paths: directories become their article files.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, InputError>> {
    expand_filtered(paths, &Filter::default()).0
}

/// Like [`expand`], walking directories with `.gitignore` respected and the filter applied.
/// Paths named on the command line are kept unless `force_exclude` and `exclude` names them;
/// each file so passed over gets a note (the second value), to be said on standard error.
pub fn expand_filtered(
    paths: &[PathBuf],
    filter: &Filter,
) -> (Vec<Result<Input, InputError>>, Vec<String>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(p, &mut found);
                let articles = found.len();
                let excluded = found.iter().filter(|f| filter.excluded(f)).count();
                found.retain(|f| filter.keeps(f));
                found.sort_unstable_by(|a, b| path_order(a, b));
                if found.is_empty() {
                    out.push(Err(empty_directory(p, articles, excluded)));
                }
                out.extend(found.into_iter().map(|f| Ok(Input::File(f))));
            }
            Ok(_) if filter.force_exclude && filter.excluded(p) => notes.push(format!(
                "note: {} is excluded by `exclude` in the config (--force-exclude); not checked",
                p.display()
            )),
            Ok(_) => out.push(Ok(Input::File(p.clone()))),
            Err(e) => out.push(Err(io_error(p, &e))),
        }
    }
    (out, notes)
}

/// Whether standard input holds something to read: a pipe, a file or a socket, as ripgrep
/// decides (not a terminal, and not /dev/null, which a CI runner or a test harness gives a
/// process that was given nothing).
pub fn stdin_is_readable() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(fd).metadata().is_ok_and(|m| {
            let t = m.file_type();
            t.is_fifo() || t.is_file() || t.is_socket()
        })
    }
    #[cfg(not(unix))]
    {
        use std::io::IsTerminal;
        !std::io::stdin().is_terminal()
    }
}

/// A directory with nothing to check: it holds no articles, or the config's globs left none.
fn empty_directory(p: &Path, articles: usize, excluded: usize) -> InputError {
    let (message, help) = if articles == 0 {
        (
            format!("{} holds no articles", p.display()),
            format!(
                "articles are files ending in .{}",
                ARTICLE_EXTENSIONS.join(", .")
            ),
        )
    } else {
        let n = if articles == 1 {
            "1 article".to_string()
        } else {
            format!("{articles} articles")
        };
        let why = if excluded == articles {
            "`exclude` in the config names them all"
        } else {
            "none of them matches `include` in the config"
        };
        (
            format!("{} holds {n}, but {why}", p.display()),
            "widen `include`/`exclude` in factcheck.toml (their globs are relative to its directory), or run with --isolated".to_string(),
        )
    };
    InputError {
        code: "factcheck::input::empty-directory",
        path: p.display().to_string(),
        message,
        help,
    }
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

/// The order of `Path`'s comparison (component by component) for the paths of one walk,
/// compared as bytes. They share the directory they were found under, byte for byte, and
/// below it are names joined by one separator; so the first byte where two differ decides,
/// with a separator below every other byte (a name that ends there is a prefix of the other,
/// so comes first). Comparing paths as `Path`s parses their components at every comparison:
/// 1.4% of a run over thousands of small files.
fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    let key = |c: u8| (!std::path::is_separator(char::from(c)), c);
    // The long prefix the paths of one directory share is skipped eight bytes at a time.
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n && a[i..i + 8] == b[i..i + 8] {
        i += 8;
    }
    match a[i..].iter().zip(&b[i..]).find(|(x, y)| x != y) {
        Some((&x, &y)) => key(x).cmp(&key(y)),
        None => a.len().cmp(&b.len()),
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

/// The default for `--max-file-size`: 16 MiB, some 2,000 pages of text. A larger "article"
/// is almost always the wrong file (a database dump, a video), and reading it whole would
/// cost memory and time for nothing.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Reads `--max-file-size`'s value: bytes, or a number with `K`, `M` or `G` (powers of 1024;
/// `KB`, `KiB` and the like are read the same way).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let n: u64 = n
        .parse()
        .map_err(|_| format!("`{s}` is not a size; write e.g. 16M, 512K or 1G"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("unknown unit in `{s}`; use K, M or G")),
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// A byte count for people: "200.0 MiB".
fn size_text(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

fn too_large(path: &str, size: Option<u64>, max: u64) -> InputError {
    let size = size.map_or_else(String::new, |n| format!(" {},", size_text(n)));
    InputError {
        code: "factcheck::input::too-large",
        path: path.to_string(),
        message: format!(
            "{path} is{size} over the {} limit for one article; it was not read",
            size_text(max)
        ),
        help: "check that this is the article you meant, or raise the limit with \
               --max-file-size (e.g. --max-file-size 64M)"
            .into(),
    }
}

/// Reads an input as text, refusing anything over [`DEFAULT_MAX_FILE_SIZE`].
pub fn read(input: &Input) -> Result<String, InputError> {
    read_max(input, DEFAULT_MAX_FILE_SIZE)
}

/// What the first read of a file takes: a file larger than this is sized before it is read
/// on (see [`read_max`]).
const FIRST_READ: usize = 16 * 1024;

/// Reads an input as text (see [`decode`]), refusing anything over `max` bytes. A file over
/// [`FIRST_READ`] bytes is sized before it is read on, so a 200 MB file costs its first 16 KiB;
/// what cannot be sized (standard input, a pipe, a device) is read only up to the limit.
pub fn read_max(input: &Input, max: u64) -> Result<String, InputError> {
    let path = input.display();
    let mut bytes = Vec::new();
    let limit = max.saturating_add(1);
    match input {
        Input::Stdin => {
            std::io::stdin()
                .lock()
                .take(limit)
                .read_to_end(&mut bytes)
                .map_err(|e| InputError {
                    code: "factcheck::input::unreadable",
                    path: path.clone(),
                    message: format!("cannot read standard input: {}", plain_io(&e)),
                    help: "pipe the article's text in, or give its path".into(),
                })?;
        }
        Input::File(p) => {
            let mut file = std::fs::File::open(p).map_err(|e| io_error(p, &e))?;
            // Most articles are read whole by the first read, without asking their size (a
            // call per file, as many as the reads); a file that fills it is sized before it
            // is read on, so a 200 MB file costs no more than its first bytes.
            bytes.reserve_exact(FIRST_READ + 1);
            let first = (&mut file)
                .take(limit.min(FIRST_READ as u64 + 1))
                .read_to_end(&mut bytes);
            if let Err(e) = first {
                if file.metadata().is_ok_and(|m| m.is_dir()) {
                    return Err(InputError {
                        code: "factcheck::input::unreadable",
                        path: path.clone(),
                        message: format!("{path} is a directory"),
                        help: "give the directory itself on the command line to check its \
                               articles"
                            .into(),
                    });
                }
                return Err(io_error(p, &e));
            }
            if bytes.len() > FIRST_READ || bytes.len() as u64 > max {
                let size = file.metadata().map_err(|e| io_error(p, &e))?.len();
                if size > max {
                    return Err(too_large(&path, Some(size), max));
                }
                bytes.reserve_exact((size as usize + 1).saturating_sub(bytes.len()));
                file.take(limit - bytes.len() as u64)
                    .read_to_end(&mut bytes)
                    .map_err(|e| io_error(p, &e))?;
            }
        }
    }
    if bytes.len() as u64 > max {
        return Err(too_large(&path, None, max));
    }
    decode(&path, bytes)
}

/// Line and character column (1-based) of byte `at` in `bytes`, counting only what comes
/// before it (which must be valid UTF-8 up to there for the column to count characters).
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let ls = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Characters: every byte that does not continue a UTF-8 sequence.
    let column = before[ls..].iter().filter(|&&b| b & 0xc0 != 0x80).count() + 1;
    (line, column)
}

/// Text from an article's bytes: UTF-8 (a BOM is fine), or UTF-16 with a BOM, decoded as
/// ripgrep does. A NUL byte makes a file binary; anything else that is not UTF-8 is an error
/// naming the first bad byte's line and column. Spans of a UTF-16 article are byte offsets
/// in the UTF-8 text it decodes to (without the BOM); lines and columns are the same in both.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if let Some(text) = decode_utf16(path, &bytes) {
        return text;
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        let valid = std::str::from_utf8(&bytes[..at]).is_ok();
        let (line, column) = line_col(&bytes, at);
        let at_text = if valid {
            format!("line {line}, column {column}")
        } else {
            format!("byte offset {at}")
        };
        // Every other byte NUL: UTF-16 text that lost its BOM.
        let head = &bytes[..bytes.len().min(64)];
        let utf16 = head.len() >= 4
            && (head.iter().step_by(2).all(|&b| b == 0)
                || head.iter().skip(1).step_by(2).all(|&b| b == 0));
        return Err(InputError {
            code: "factcheck::input::binary",
            path: path.to_string(),
            message: format!(
                "{path} looks like a binary file, not text: it holds a NUL byte at {at_text}; it was skipped"
            ),
            help: if utf16 {
                "it may be UTF-16 without a byte order mark; convert it, e.g. \
                 `iconv -f UTF-16LE -t UTF-8 in.txt > out.txt`"
                    .into()
            } else {
                "factcheck reads text articles; if this one is text, remove its NUL bytes, \
                 e.g. `tr -d '\\000' < in.txt > out.txt`"
                    .into()
            },
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let (line, column) = line_col(&bytes, at);
        InputError {
            code: "factcheck::input::not-utf8",
            path: path.to_string(),
            message: format!(
                "{path} is not UTF-8 text: invalid byte 0x{:02x} at line {line}, column {column} (byte offset {at})",
                bytes[at]
            ),
            help: "convert the file to UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt`"
                .into(),
        }
    })
}

/// UTF-16 text with a byte order mark, decoded; `None` without a BOM.
fn decode_utf16(path: &str, bytes: &[u8]) -> Option<Result<String, InputError>> {
    let le = match bytes.get(..2)? {
        [0xff, 0xfe] => true,
        [0xfe, 0xff] => false,
        _ => return None,
    };
    let units = bytes.chunks(2).map(|c| match (c, le) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        // An odd last byte cannot be a code unit: an unpaired surrogate stands for it.
        _ => 0xd800,
    });
    let mut text = String::with_capacity(bytes.len());
    // The BOM only said how to decode; the text starts after it.
    for c in char::decode_utf16(units.skip(1)) {
        match c {
            Ok('\0') | Err(_) => {
                let nul = matches!(c, Ok('\0'));
                let (line, column) = line_col(text.as_bytes(), text.len());
                return Some(Err(InputError {
                    code: if nul {
                        "factcheck::input::binary"
                    } else {
                        "factcheck::input::bad-utf16"
                    },
                    path: path.to_string(),
                    message: format!(
                        "{path} starts as UTF-16{} text but {} at line {line}, column {column}",
                        if le { "LE" } else { "BE" },
                        if nul {
                            "holds a NUL character"
                        } else {
                            "has a broken character"
                        }
                    ),
                    help: format!(
                        "check the file; convert it to UTF-8 with e.g. `iconv -f UTF-16{} -t UTF-8 in.txt > out.txt`",
                        if le { "LE" } else { "BE" }
                    ),
                }));
            }
            Ok(c) => text.push(c),
        }
    }
    Some(Ok(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_one_key_however_its_path_is_typed() {
        let r = Root::new(Path::new("/news"), None);
        assert_eq!(r.key(Path::new("articles/a.md")), "articles/a.md");
        assert_eq!(r.key(Path::new("./articles/a.md")), "articles/a.md");
        assert_eq!(
            r.key(Path::new("articles/../articles/./a.md")),
            "articles/a.md"
        );
        assert_eq!(r.key(Path::new("/news/articles/a.md")), "articles/a.md");
        // From inside articles/, with the config file one level up.
        let inside = Root::new(Path::new("/news/articles"), Some(Path::new("/news")));
        assert_eq!(inside.key(Path::new("a.md")), "articles/a.md");
        assert_eq!(inside.key(Path::new("../drafts/b.md")), "drafts/b.md");
        // Outside the root: absolute.
        assert_eq!(inside.key(Path::new("/tmp/c.md")), "/tmp/c.md");
    }

    #[test]
    fn files_of_every_size_around_the_first_read_are_read_whole_or_refused_with_their_size() {
        let dir = tempfile::tempdir().unwrap();
        let max = 3 * FIRST_READ as u64;
        for len in [
            0,
            1,
            FIRST_READ - 1,
            FIRST_READ,
            FIRST_READ + 1,
            2 * FIRST_READ + 7,
        ] {
            let text: String = (0..len)
                .map(|i| char::from(b'a' + (i % 26) as u8))
                .collect();
            let p = dir.path().join(format!("{len}.txt"));
            std::fs::write(&p, &text).unwrap();
            assert_eq!(read_max(&Input::File(p), max).unwrap(), text, "{len}");
        }
        for (len, max) in [(max as usize + 1, max), (FIRST_READ, 10), (20, 10)] {
            let p = dir.path().join(format!("big{len}.txt"));
            std::fs::write(&p, "x".repeat(len)).unwrap();
            let e = read_max(&Input::File(p), max).unwrap_err();
            assert_eq!(e.code, "factcheck::input::too-large");
            assert!(
                e.message
                    .contains(&format!("is {},", size_text(len as u64))),
                "{}",
                e.message
            );
        }
        let e = read_max(&Input::File(dir.path().to_path_buf()), max).unwrap_err();
        assert!(e.message.ends_with("is a directory"), "{}", e.message);
    }

    #[test]
    fn a_walk_lists_paths_in_path_order() {
        // Names where comparing whole paths as bytes and comparing them component by
        // component disagree ('/' sorts after '-' and '.'), and nested directories.
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "a/z.md",
            "a.b/x.md",
            "a-c.md",
            "a.md",
            "B.md",
            "b/c/d.md",
            "b/c.md",
            "b/c-d/e.md",
            "b0.md",
        ];
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        let listed: Vec<PathBuf> = expand(&[dir.path().to_path_buf()])
            .into_iter()
            .map(|r| match r.unwrap() {
                Input::File(p) => p,
                Input::Stdin => unreachable!(),
            })
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed.len(), files.len());
        assert_eq!(listed, sorted);
    }

    proptest::proptest! {
        #[test]
        fn path_order_is_paths_order(
            a in proptest::collection::vec("[ab_0-][ab.0-]{0,2}", 1..4),
            b in proptest::collection::vec("[ab_0-][ab.0-]{0,2}", 1..4),
        ) {
            let root = Path::new("/x/articles.d");
            let (a, b) = (root.join(a.join("/")), root.join(b.join("/")));
            proptest::prop_assert_eq!(path_order(&a, &b), a.cmp(&b), "{:?} {:?}", a, b);
        }
    }

    #[test]
    fn non_utf8_names_the_byte_line_and_column() {
        let e = decode("a.txt", "ok\nbäd \u{e9}".bytes().chain([0xe9]).collect()).unwrap_err();
        assert_eq!(e.code, "factcheck::input::not-utf8");
        assert!(
            e.message
                .contains("0xe9 at line 2, column 6 (byte offset 10)"),
            "{}",
            e.message
        );
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let text = "\u{feff}246 missiles, €75 million\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode("a", le).unwrap(), &text[3..]);
        assert_eq!(decode("a", be.clone()).unwrap(), &text[3..]);
        let mut odd = be;
        odd.push(b'x');
        let e = decode("a", odd).unwrap_err();
        assert_eq!(e.code, "factcheck::input::bad-utf16");
        assert!(e.message.contains("line 2, column 1"), "{}", e.message);
    }

    #[test]
    fn nul_bytes_make_a_file_binary() {
        let e = decode("a", b"one\ntwo\0three".to_vec()).unwrap_err();
        assert_eq!(e.code, "factcheck::input::binary");
        assert!(e.message.contains("line 2, column 4"), "{}", e.message);
        let e = decode("a", "246 m".bytes().flat_map(|b| [b, 0]).collect()).unwrap_err();
        assert!(e.help.contains("UTF-16"), "{}", e.help);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("512kib"), Ok(512 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5T").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
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

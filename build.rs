//! Embeds `rules/` (the built-in KB and language rules) into the binary, with the words each
//! built-in approval phrase cannot match without: reading them means parsing the phrase, which
//! was a third of a short run's start-up.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/extract/phrase_syntax.rs"]
#[allow(dead_code)]
mod phrase_syntax;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

/// The `pattern` of every `[[phrase]]` in a rules file. A file that does not parse gives
/// none: the program reports it when it loads the file.
fn patterns(text: &str) -> Vec<String> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(toml::Value::Array(phrases)) = table.get("phrase") else {
        return Vec::new();
    };
    phrases
        .iter()
        .filter_map(|p| p.get("pattern")?.as_str().map(str::to_string))
        .collect()
}

/// A word as a byte string literal.
fn bytes(w: &[u8]) -> String {
    let escaped: String = w
        .iter()
        .flat_map(|&b| std::ascii::escape_default(b))
        .map(char::from)
        .collect();
    format!("b\"{escaped}\"")
}

/// `(pattern, trigger words, word groups, names an authority, which trigger words begin
/// words)` per built-in phrase, sorted by pattern, as Rust.
fn phrase_table(files: &[PathBuf]) -> String {
    let mut all: Vec<String> = files
        .iter()
        .filter_map(|f| fs::read_to_string(f).ok())
        .flat_map(|t| patterns(&t))
        .collect();
    all.sort();
    all.dedup();
    let mut code = String::from("&[\n");
    for p in all {
        let Ok(w) = phrase_syntax::phrase_words(&p) else {
            continue; // a broken pattern is reported when it is loaded
        };
        let trigger = match &w.trigger {
            Some(ws) => format!(
                "Some(&[{}])",
                ws.iter().map(|x| bytes(x)).collect::<Vec<_>>().join(", ")
            ),
            None => "None".to_string(),
        };
        let groups = w
            .groups
            .iter()
            .map(|g| {
                format!(
                    "&[{}]",
                    g.iter().map(|x| bytes(x)).collect::<Vec<_>>().join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            code,
            "    ({p:?}, {trigger}, &[{groups}], {}, &{:?}),",
            w.authority, w.starts_words
        );
    }
    code.push(']');
    code
}

/// `(rule id, cues, except)` of every `[[rule]]` in `rules/language/link.toml`, as Rust: the
/// checker reads its cue words from here at start-up instead of parsing the file (its
/// docs and examples are parsed only for `explain` and the tests).
fn link_cues(root: &std::path::Path) -> String {
    let text = fs::read_to_string(root.join("rules/language/link.toml")).unwrap_or_default();
    let mut code = String::from("&[\n");
    let Ok(table) = text.parse::<toml::Table>() else {
        code.push(']');
        return code;
    };
    let list = |v: Option<&toml::Value>| -> String {
        let words: Vec<String> = v
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|w| w.as_str().map(|w| format!("{w:?}")))
                    .collect()
            })
            .unwrap_or_default();
        format!("&[{}]", words.join(", "))
    };
    if let Some(toml::Value::Array(rules)) = table.get("rule") {
        for r in rules {
            let Some(id) = r.get("id").and_then(toml::Value::as_str) else {
                continue;
            };
            let _ = writeln!(
                code,
                "    ({id:?}, {}, {}),",
                list(r.get("cues")),
                list(r.get("except"))
            );
        }
    }
    code.push(']');
    code
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=src/extract/phrase_syntax.rs");
    let mut files = Vec::new();
    walk(&rules, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push(']');
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out.join("embedded_rules.rs"), code).expect("write embedded_rules.rs");
    fs::write(out.join("embedded_phrase_words.rs"), phrase_table(&files))
        .expect("write embedded_phrase_words.rs");
    fs::write(out.join("link_cues.rs"), link_cues(&root)).expect("write link_cues.rs");
}

//! One self-contained HTML page an editor opens in a browser: each article with every
//! flagged span highlighted by severity, the findings beside it (what the KB says and its
//! source), a list that jumps to each span, and the summary. No scripts, no external assets;
//! every piece of article and KB text is escaped.

use factcheck::check::{Report, Stats};
use factcheck::codes::Severity;
use factcheck::input::InputError;
use factcheck::kb::Kb;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn sev(s: Severity) -> &'static str {
    s.name()
}

/// A severity shown by an icon and a word, not by colour alone.
fn badge(s: Severity) -> String {
    let icon = match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Advice => "ℹ",
    };
    format!(
        "<span class=\"badge {}\"><span aria-hidden=\"true\">{icon}</span> {}</span>",
        sev(s),
        sev(s)
    )
}

/// Escapes text and shows its `code` spans (the terminal's Markdown-style backticks) as code.
fn prose(s: &str) -> String {
    let mut out = String::new();
    for (i, piece) in s.split('`').enumerate() {
        if i % 2 == 1 && s.matches('`').count().is_multiple_of(2) {
            out.push_str(&format!("<code>{}</code>", esc(piece)));
        } else {
            out.push_str(&esc(piece));
        }
    }
    out
}

const STYLE: &str = r#"
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
header, section { max-width: 1200px; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.4rem; margin: .5rem 0; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; word-break: break-all; }
table.summary { border-collapse: collapse; margin: .5rem 0; }
table.summary th, table.summary td { border: 1px solid #ccc; padding: .2rem .6rem; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; }
.article { white-space: pre-wrap; background: #fff; border: 1px solid #ddd; padding: 1rem; font-family: Georgia, serif; }
mark { padding: 0 .1em; border-radius: 2px; }
mark.error { background: #ffd2d2; border-bottom: 2px solid #c00; }
mark.warning { background: #ffefc2; border-bottom: 2px solid #b80; }
mark.advice { background: #dcecff; border-bottom: 2px dotted #36c; }
ol.findings { list-style: none; padding: 0; margin: 0; }
ol.findings li { background: #fff; border: 1px solid #ddd; border-left: 4px solid #999; padding: .5rem .75rem; margin-bottom: .6rem; }
ol.findings li.error { border-left-color: #c00; }
ol.findings li.warning { border-left-color: #b80; }
ol.findings li.advice { border-left-color: #36c; }
.code { font-family: ui-monospace, monospace; font-size: .85em; color: #555; }
.kb { color: #333; font-size: .9em; }
:target { outline: 3px solid #36c; }
.verdict { font-size: 1.2rem; font-weight: 600; padding: .5rem .8rem; border-radius: 4px; display: inline-block; }
.verdict.pass { background: #dff5e1; color: #0a5c1a; }
.verdict.fail { background: #ffd2d2; color: #8a0000; }
.verdict.incomplete { background: #ffefc2; color: #6b4a00; }
.meta { color: #555; font-size: .9em; margin: .3rem 0; }
.badge { font-weight: 600; font-size: .85em; }
.badge.error { color: #b00; }
.badge.warning { color: #8a5a00; }
.badge.advice { color: #245; }
.failures li { color: #8a0000; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
"#;

/// The page, gathered file by file: each file's summary row and section are made on the
/// thread that checked it ([`part`]), so a run keeps the page's text, not its reports.
#[derive(Default)]
pub struct Doc {
    rows: String,
    sections: String,
    totals: Stats,
    files: usize,
    unreadable: usize,
}

/// One file's summary row and section.
pub struct Part {
    row: String,
    section: String,
    stats: Stats,
}

/// File `fi`'s part of the page (`fi` numbers its anchors: `#file-3`, `#f-3-0`).
pub fn part(kb: &Kb, fi: usize, path: &str, rep: &Report) -> Part {
    let s = rep.stats;
    let row = format!(
        "<tr><td><a href=\"#file-{fi}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        esc(path),
        s.claims,
        s.checked,
        s.agreeing,
        s.errors,
        s.warnings,
        s.advice,
        s.suppressed
    );
    let mut section = String::new();
    file_section(&mut section, kb, fi, path, rep);
    Part {
        row,
        section,
        stats: s,
    }
}

impl Doc {
    pub fn add(&mut self, part: Part) {
        self.rows.push_str(&part.row);
        self.sections.push_str(&part.section);
        let (t, s) = (&mut self.totals, part.stats);
        t.claims += s.claims;
        t.checked += s.checked;
        t.errors += s.errors;
        t.warnings += s.warnings;
        t.advice += s.advice;
        t.suppressed += s.suppressed;
        self.files += 1;
    }

    /// An input that could not be read: a row that says why.
    pub fn failed(&mut self, e: &InputError) {
        self.unreadable += 1;
        let _ = writeln!(
            self.rows,
            "<tr class=\"unreadable\"><td>{}</td><td colspan=\"7\">{}</td></tr>",
            esc(&e.path),
            esc(&e.message)
        );
    }

    /// Hands the page to `emit` in pieces, the sections as they are kept (not copied into
    /// one string: they are most of the page).
    pub fn render(self, run: &super::format::RunEnd<'_>, mut emit: impl FnMut(&str)) {
        emit(&page_head());
        let t = self.totals;
        let (class, word) = match (t.errors, self.unreadable) {
            (1.., _) => ("fail", "FAIL"),
            (0, 1..) => ("incomplete", "INCOMPLETE"),
            (0, 0) => ("pass", "PASS"),
        };
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        emit(&format!(
            "<p class=\"verdict {class}\" id=\"verdict\">{word}: {}, {}, {}</p>\n\
             <p class=\"meta\" id=\"totals\">{} read in {}, {} checked against the KB{}{}</p>\n\
             <p class=\"meta\" id=\"run\">Knowledge base: {}. Tool: factcheck {}.</p>\n",
            n(t.errors, "error", "errors"),
            n(t.warnings, "warning", "warnings"),
            n(t.advice, "advice", "advice"),
            n(t.claims, "claim", "claims"),
            n(self.files, "file", "files"),
            t.checked,
            if t.suppressed > 0 {
                format!(", {} suppressed", t.suppressed)
            } else {
                String::new()
            },
            if self.unreadable > 0 {
                format!(", {} unreadable", n(self.unreadable, "file", "files"))
            } else {
                String::new()
            },
            esc(run.kb),
            env!("CARGO_PKG_VERSION"),
        ));
        emit(
            "<table class=\"summary\" id=\"summary\"><tr><th>file</th><th>claims</th><th>checked</th>\
             <th>agree</th><th>errors</th><th>warnings</th><th>advice</th><th>suppressed</th></tr>\n",
        );
        emit(&self.rows);
        emit("</table>\n</header>\n");
        emit(&self.sections);
        emit("</body>\n</html>\n");
    }
}

fn page_head() -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>factcheck report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>factcheck report</h1>\n"
    )
}

/// The page of a run that could not be done: the verdict, and each problem.
pub fn aborted(failures: &[super::ci::Failure], emit: &mut dyn FnMut(&str)) {
    emit(&page_head());
    emit(&format!(
        "<p class=\"verdict fail\" id=\"verdict\">NOT CHECKED: the run could not be done</p>\n\
         <p class=\"meta\" id=\"run\">Tool: factcheck {}.</p>\n<ol class=\"failures\">\n",
        env!("CARGO_PKG_VERSION")
    ));
    for f in failures {
        let place = match (&f.path, f.line, f.column) {
            (Some(p), Some(l), Some(c)) => format!("{}, line {l}, column {c}: ", esc(p)),
            (Some(p), _, _) => format!("{}: ", esc(p)),
            _ => String::new(),
        };
        emit(&format!(
            "<li>{place}{} <span class=\"code\">{}</span>{}</li>\n",
            prose(&f.message),
            esc(&f.code),
            f.help
                .as_deref()
                .map_or(String::new(), |h| format!("<br>help: {}", prose(h)))
        ));
    }
    emit("</ol>\n</header>\n</body>\n</html>\n");
}

fn file_section(h: &mut String, kb: &Kb, fi: usize, path: &str, rep: &Report) {
    let _ = writeln!(
        h,
        "<section class=\"file\" id=\"file-{fi}\">\n<h2>{}</h2>\n<p class=\"meta\">{}</p>",
        esc(path),
        match rep.date {
            Some(d) => format!("Article date: {d}."),
            None => "Article date: not known (no --date, front matter or dateline).".to_string(),
        }
    );
    let _ = writeln!(
        h,
        "<div class=\"layout\">\n<div class=\"article\" id=\"article-{fi}\">{}</div>",
        marked(rep, fi)
    );
    h.push_str("<aside>\n");
    if rep.findings.is_empty() {
        h.push_str("<p class=\"clean\">No findings.</p>\n");
    } else {
        h.push_str("<ol class=\"findings\">\n");
        for (k, f) in rep.findings.iter().enumerate() {
            let at = rep.doc.locate(f.span.start);
            let _ = write!(
                h,
                "<li class=\"{}\" id=\"finding-{fi}-{k}\" data-code=\"{}\" data-text=\"{}\">\
                 {} <a href=\"#f-{fi}-{k}\">line {}, column {}</a> <span class=\"code\">{}</span>\
                 <p class=\"message\">{}</p>",
                sev(f.severity),
                esc(f.code),
                esc(rep.doc.slice(f.span)),
                badge(f.severity),
                at.line,
                at.column,
                esc(f.code),
                prose(&f.message)
            );
            if let Some(help) = super::findings::help_text(kb, f) {
                h.push_str("<p class=\"kb\">");
                for (i, line) in help.lines().enumerate() {
                    if i > 0 {
                        h.push_str("<br>");
                    }
                    h.push_str(&link_urls(&line.replace('`', "")));
                }
                h.push_str("</p>");
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ol>\n");
    }
    h.push_str("</aside>\n</div>\n</section>\n");
}

/// Escapes a help line and turns `<https://…>` into a link.
fn link_urls(line: &str) -> String {
    match (line.find("<http"), line.rfind('>')) {
        (Some(a), Some(b)) if b > a => {
            let url = &line[a + 1..b];
            format!(
                "{}<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>{}",
                esc(&line[..a]),
                esc(url),
                esc(url),
                esc(&line[b + 1..])
            )
        }
        _ => esc(line),
    }
}

/// The article text with each finding's span in `<mark>`s (split where spans overlap) and an
/// anchor where each finding starts.
fn marked(rep: &Report, fi: usize) -> String {
    let text = rep.doc.text.as_str();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for f in &rep.findings {
        cuts.push(f.span.start);
        cuts.push(f.span.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        for (k, f) in rep.findings.iter().enumerate() {
            if f.span.start == a {
                let _ = write!(
                    out,
                    "<a class=\"anchor\" id=\"f-{fi}-{k}\" href=\"#finding-{fi}-{k}\"></a>"
                );
            }
        }
        let seg = text.get(a..b).unwrap_or("");
        let covering: Vec<(usize, &factcheck::check::Finding)> = rep
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.span.start <= a && b <= f.span.end && a < b)
            .collect();
        match covering.iter().map(|(_, f)| f.severity).max() {
            Some(worst) => {
                let ids: Vec<String> = covering
                    .iter()
                    .map(|(k, _)| format!("finding-{fi}-{k}"))
                    .collect();
                let titles: Vec<&str> = covering.iter().map(|(_, f)| f.message.as_str()).collect();
                let _ = write!(
                    out,
                    "<mark class=\"{}\" data-findings=\"{}\" title=\"{}\">{}</mark>",
                    sev(worst),
                    ids.join(" "),
                    esc(&titles.join("\n")),
                    esc(seg)
                );
            }
            None => out.push_str(&esc(seg)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        assert_eq!(
            esc("<script>a&b\"c'</script>"),
            "&lt;script&gt;a&amp;b&quot;c&#39;&lt;/script&gt;"
        );
        assert_eq!(
            link_urls("source: x <https://e.org/a?b=1&c=2>"),
            "source: x <a href=\"https://e.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">https://e.org/a?b=1&amp;c=2</a>"
        );
    }
}

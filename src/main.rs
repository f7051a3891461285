//! The `factcheck` binary: parses arguments, runs the engine, prints, and decides the exit
//! code — here and nowhere else.
//!
//! Exit codes (SPEC §1): 0 no finding at or above `--fail-on`; 1 at least one; 2 the run could
//! not be done as asked (bad usage, unreadable input, invalid KB). Like ripgrep we keep 1 for
//! "found something" so a CI step can tell a wrong figure from a broken setup.

mod cli;
mod render;

use clap::Parser;
use cli::{Cli, ColorChoice, Command, ExtractArgs, ExtractFormat, FailOn, Format, KbCommand};
use factcheck::check::{Checker, Options, Report};
use factcheck::codes::Severity;
use factcheck::date::Date;
use factcheck::extract::{self, Context};
use factcheck::input::{self, Input, InputError};
use factcheck::kb::{self, Kb, Problem};
use factcheck::text::Document;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Kb(KbCommand::Check { kb, color })) => kb_check(&kb, color),
        Some(Command::Kb(KbCommand::List { kb })) => kb_list(&kb),
        Some(Command::Extract(args)) => run_extract(&args),
        Some(Command::Explain { code }) => explain(&code),
        Some(Command::Check(args)) => check(&args),
        None => {
            if cli.check.paths.is_empty() {
                eprintln!(
                    "error: no article given\n\nUsage: factcheck [OPTIONS] <PATH>...\n\nFor more information, try '--help'."
                );
                EXIT_USAGE
            } else {
                check(&cli.check)
            }
        }
    };
    ExitCode::from(code)
}

/// Prints KB problems to stderr, then a one-line tally.
fn report_problems(problems: &[Problem], color: bool) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = write!(err, "{}", render::diagnostic(p, color));
        let _ = writeln!(err);
    }
    let files: std::collections::BTreeSet<String> = problems
        .iter()
        .filter_map(|p| p.file.as_ref().map(|f| f.path.clone()))
        .collect();
    let n = problems.len();
    let f = files.len().max(1);
    let _ = writeln!(
        err,
        "error: the knowledge base has {n} problem{} in {f} file{}",
        if n == 1 { "" } else { "s" },
        if f == 1 { "" } else { "s" }
    );
}

/// The KB named on the command line, else `./rules/`, else the embedded one. Language rules
/// embedded in the binary always apply.
fn load_kb(paths: &[PathBuf]) -> Result<Kb, Vec<Problem>> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        let local = Path::new("rules");
        if local.is_dir() {
            vec![local.to_path_buf()]
        } else {
            return kb::embedded();
        }
    } else {
        paths.to_vec()
    };
    let mut sources = kb::embedded_language();
    let mut problems = Vec::new();
    match kb::load_paths(&paths) {
        // Re-load with the embedded language rules first, so the user's add to them.
        Ok(kb) => {
            for f in &kb.files {
                // The project's own language rules, found again under ./rules/, load once.
                if !sources.iter().any(|(_, t)| *t == *f.text) {
                    sources.push((f.path.clone(), f.text.to_string()));
                }
            }
        }
        Err(p) => problems = p,
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    kb::load_sources(sources)
}

fn kb_check(paths: &[PathBuf], color: ColorChoice) -> u8 {
    match load_kb(paths) {
        Ok(kb) => {
            println!("{}", render::kb::summary(&kb));
            0
        }
        Err(problems) => {
            report_problems(&problems, render::use_color(color, render::stderr_is_tty()));
            EXIT_USAGE
        }
    }
}

fn kb_list(paths: &[PathBuf]) -> u8 {
    match load_kb(paths) {
        Ok(kb) => {
            print!("{}", render::kb::list(&kb));
            0
        }
        Err(problems) => {
            report_problems(
                &problems,
                render::use_color(ColorChoice::Auto, render::stderr_is_tty()),
            );
            EXIT_USAGE
        }
    }
}

fn parse_date(s: &Option<String>) -> Result<Option<Date>, u8> {
    match s {
        None => Ok(None),
        Some(s) => match Date::parse(s) {
            Some(d) => Ok(Some(d)),
            None => {
                eprintln!(
                    "error: invalid value '{s}' for '--date': expected a date like 2024-01-11"
                );
                Err(EXIT_USAGE)
            }
        },
    }
}

fn report_input_error(e: &InputError) {
    eprintln!("error[{}]: {}\n  help: {}", e.code, e.message, e.help);
}

fn run_extract(args: &ExtractArgs) -> u8 {
    let date = match parse_date(&args.date) {
        Ok(d) => d,
        Err(c) => return c,
    };
    let lang = match kb::load_sources(kb::embedded_language()) {
        Ok(k) => k,
        Err(p) => {
            report_problems(&p, false);
            return EXIT_USAGE;
        }
    };
    let lexicon = match lang.lexicon() {
        Ok(l) => l,
        Err(p) => {
            report_problems(&[*p], false);
            return EXIT_USAGE;
        }
    };
    let mut failed = false;
    let mut files = Vec::new();
    let mut human = String::new();
    for item in input::expand(&args.paths) {
        let inp = match item {
            Ok(i) => i,
            Err(e) => {
                report_input_error(&e);
                failed = true;
                continue;
            }
        };
        let text = match input::read(&inp) {
            Ok(t) => t,
            Err(e) => {
                report_input_error(&e);
                failed = true;
                continue;
            }
        };
        let doc = Document::new(text);
        let ctx = Context {
            date: date.or_else(|| factcheck::check::article_date(&doc)),
        };
        let claims = extract::extract(&doc, &ctx, &lexicon);
        let path = match &inp {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        };
        match args.format {
            ExtractFormat::Json => files.push(serde_json::json!({
                "path": path,
                "claims": claims.iter().map(|c| render::claims::claim_json(&doc, c)).collect::<Vec<_>>(),
            })),
            ExtractFormat::Human => {
                human.push_str(&format!("{path}: {} claim{}\n", claims.len(), if claims.len() == 1 { "" } else { "s" }));
                if !claims.is_empty() {
                    human.push_str(&format!("{}\n", render::claims::table(&doc, &claims)));
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = match args.format {
        ExtractFormat::Json => {
            writeln!(out, "{}", serde_json::json!({"version": 1, "files": files}))
        }
        ExtractFormat::Human => write!(out, "{human}"),
    };
    if failed { EXIT_USAGE } else { 0 }
}

fn explain(code: &str) -> u8 {
    if code == "all" || code == "list" {
        let mut t = render::kb::table();
        t.set_header(["code", "severity", "meaning"]);
        for c in factcheck::codes::CODES {
            t.add_row([c.code, c.severity.name(), c.summary]);
        }
        for (c, m) in factcheck::codes::RUN_CODES {
            t.add_row([*c, "error (exit 2)", *m]);
        }
        println!("{t}");
        return 0;
    }
    match factcheck::codes::find(code) {
        Some(c) => {
            println!(
                "{}  ({})\n\n{}.\n\nWhy: {}\n\nExample:\n    {}\n\nHow to resolve: {}",
                c.code,
                c.severity.name(),
                capitalize(c.summary),
                c.why,
                c.example,
                c.fix
            );
            0
        }
        None => {
            let short = code.strip_prefix("factcheck::").unwrap_or(code);
            if let Some((c, m)) = factcheck::codes::RUN_CODES
                .iter()
                .find(|(c, _)| c.strip_prefix("factcheck::") == Some(short))
            {
                println!(
                    "{c}  (error, exit 2)\n\n{}.\n\nThe message names the file and position; fix it there and run again.",
                    capitalize(m)
                );
                return 0;
            }
            let names: Vec<&str> = factcheck::codes::CODES.iter().map(|c| c.code).collect();
            let near = names
                .iter()
                .map(|n| {
                    (
                        strsim::jaro_winkler(n.trim_start_matches("factcheck::"), short),
                        *n,
                    )
                })
                .filter(|(s, _)| *s > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            eprintln!("error: unknown diagnostic code `{code}`");
            match near {
                Some((_, n)) => eprintln!("  help: did you mean `{n}`?"),
                None => eprintln!("  help: `factcheck explain all` lists every code"),
            }
            EXIT_USAGE
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// One article's outcome.
struct FileResult {
    path: String,
    outcome: Result<Report, InputError>,
}

fn check(args: &cli::CheckArgs) -> u8 {
    let date = match parse_date(&args.date) {
        Ok(d) => d,
        Err(c) => return c,
    };
    let err_color = render::use_color(args.color, render::stderr_is_tty());
    if let Some(out) = &args.output {
        // Never write the report over an article being checked.
        let clash = args.paths.iter().any(|p| same_file(p, out));
        if clash {
            eprintln!(
                "error: --output {} is one of the articles being checked; refusing to overwrite it",
                out.display()
            );
            return EXIT_USAGE;
        }
    }
    if matches!(args.format, Format::Sarif | Format::Html) {
        eprintln!(
            "error: --format {} is not available in this version; use human, json or github",
            if args.format == Format::Sarif {
                "sarif"
            } else {
                "html"
            }
        );
        return EXIT_USAGE;
    }
    let kb = match load_kb(&args.kb) {
        Ok(k) => k,
        Err(p) => {
            report_problems(&p, err_color);
            return EXIT_USAGE;
        }
    };
    let checker = match Checker::new(&kb) {
        Ok(c) => c,
        Err(p) => {
            report_problems(&[*p], err_color);
            return EXIT_USAGE;
        }
    };
    let opts = Options { date };
    let inputs = input::expand(&args.paths);
    let results: Vec<FileResult> = inputs
        .into_par_iter()
        .map(|item| match item {
            Err(e) => FileResult {
                path: e.path.clone(),
                outcome: Err(e),
            },
            Ok(inp) => {
                let path = match &inp {
                    Input::Stdin => "-".to_string(),
                    Input::File(p) => p.display().to_string(),
                };
                let outcome = input::read(&inp).map(|text| checker.check(text, &opts));
                FileResult { path, outcome }
            }
        })
        .collect();
    let mut input_failed = false;
    for r in &results {
        if let Err(e) = &r.outcome {
            report_input_error(e);
            input_failed = true;
        }
    }
    let to_file = args.output.is_some();
    let color = render::use_color(args.color, render::stdout_is_tty() && !to_file);
    let text = match args.format {
        Format::Json => render_json(&kb, &results),
        Format::Github => render_github(&kb, &results),
        _ => render_human(&kb, &results, color, args.quiet),
    };
    let written = match &args.output {
        Some(p) => {
            std::fs::write(p, &text).map_err(|e| format!("cannot write {}: {e}", p.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| format!("cannot write the report: {e}")),
            }
        }
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    if input_failed {
        return EXIT_USAGE;
    }
    let worst = results
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .flat_map(|r| r.findings.iter().map(|f| f.severity))
        .max();
    let fails = match (args.fail_on, worst) {
        (FailOn::Never, _) | (_, None) => false,
        (FailOn::Error, Some(s)) => s >= Severity::Error,
        (FailOn::Warning, Some(s)) => s >= Severity::Warning,
    };
    u8::from(fails)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y || y.starts_with(&x) && x.is_dir(),
        _ => a == b,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn render_human(kb: &Kb, results: &[FileResult], color: bool, quiet: bool) -> String {
    let mut out = String::new();
    for r in results {
        if let Ok(rep) = &r.outcome {
            out.push_str(&render::findings::human(kb, &r.path, rep, color));
        }
    }
    let reports: Vec<(&str, &Report)> = results
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok().map(|rep| (r.path.as_str(), rep)))
        .collect();
    if quiet {
        return out;
    }
    let mut t = render::kb::table();
    t.set_header([
        "file", "claims", "checked", "agree", "errors", "warn", "advice",
    ]);
    let mut tot = factcheck::check::Stats::default();
    for (path, rep) in &reports {
        let s = rep.stats;
        t.add_row([
            path.to_string(),
            s.claims.to_string(),
            s.checked.to_string(),
            s.agreeing.to_string(),
            s.errors.to_string(),
            s.warnings.to_string(),
            s.advice.to_string(),
        ]);
        tot.claims += s.claims;
        tot.checked += s.checked;
        tot.agreeing += s.agreeing;
        tot.errors += s.errors;
        tot.warnings += s.warnings;
        tot.advice += s.advice;
    }
    if !reports.is_empty() {
        render::kb::fit(&mut t);
        out.push_str(&format!("{t}\n"));
    }
    let failed = results.iter().filter(|r| r.outcome.is_err()).count();
    out.push_str(&format!(
        "{}: {} checked in {}, {}, {}, {}{}\n",
        if tot.errors > 0 { "FAIL" } else { "ok" },
        plural(tot.claims, "claim", "claims"),
        plural(reports.len(), "file", "files"),
        plural(tot.errors, "error", "errors"),
        plural(tot.warnings, "warning", "warnings"),
        plural(tot.advice, "advice", "advice"),
        if failed > 0 {
            format!(", {} unreadable", plural(failed, "file", "files"))
        } else {
            String::new()
        }
    ));
    out
}

fn render_json(kb: &Kb, results: &[FileResult]) -> String {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let (mut claims, mut e, mut w, mut a) = (0, 0, 0, 0);
    for r in results {
        match &r.outcome {
            Ok(rep) => {
                claims += rep.stats.claims;
                e += rep.stats.errors;
                w += rep.stats.warnings;
                a += rep.stats.advice;
                files.push(serde_json::json!({
                    "path": r.path,
                    "claims": rep.stats.claims,
                    "checked": rep.stats.checked,
                    "agreeing": rep.stats.agreeing,
                    "date": rep.date.map(|d| d.to_string()),
                    "findings": rep.findings.iter().map(|f| render::findings::finding_json(kb, rep, f)).collect::<Vec<_>>(),
                }));
            }
            Err(err) => errors.push(serde_json::json!({"path": err.path, "code": err.code, "message": err.message, "help": err.help})),
        }
    }
    let doc = serde_json::json!({
        "version": 1,
        "files": files,
        "errors": errors,
        "summary": {"files": files.len(), "claims": claims, "errors": e, "warnings": w, "advice": a},
    });
    format!("{doc}\n")
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
fn render_github(kb: &Kb, results: &[FileResult]) -> String {
    let esc_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let esc_prop = |s: &str| esc_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for r in results {
        let Ok(rep) = &r.outcome else { continue };
        for f in &rep.findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Advice => "notice",
            };
            let a = rep.doc.locate(f.span.start);
            let b = rep.doc.locate(f.span.end);
            let mut msg = f.message.clone();
            if let Some(h) = render::findings::help_text(kb, f) {
                msg.push('\n');
                msg.push_str(&h);
            }
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                esc_prop(&r.path),
                a.line,
                a.column,
                b.line,
                b.column,
                esc_prop(f.code),
                esc_data(&msg)
            ));
        }
    }
    out
}

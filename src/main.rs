//! The `factcheck` binary: parses arguments, runs the engine, prints, and decides the exit
//! code — here and nowhere else.
//!
//! Exit codes (SPEC §1): 0 no finding at or above `--fail-on`; 1 at least one; 2 the run could
//! not be done as asked (bad usage, unreadable input, invalid KB). Like ripgrep we keep 1 for
//! "found something" so a CI step can tell a wrong figure from a broken setup.

mod cli;
mod render;

use clap::Parser;
use cli::{Cli, ColorChoice, Command, ExtractArgs, ExtractFormat, KbCommand};
use factcheck::date::Date;
use factcheck::extract::{self, Context};
use factcheck::input::{self, Input, InputError};
use factcheck::kb::{self, Kb, Problem};
use factcheck::text::Document;
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
    let _ = writeln!(
        err,
        "error: the knowledge base has {n} problem{} in {} file{}",
        if n == 1 { "" } else { "s" },
        files.len().max(1),
        if files.len() == 1 { "" } else { "s" }
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
            report_problems(&[p], false);
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

fn explain(_code: &str) -> u8 {
    eprintln!("error: `explain` is not available yet");
    EXIT_USAGE
}

fn check(_args: &cli::CheckArgs) -> u8 {
    eprintln!("error: `check` is not available yet");
    EXIT_USAGE
}

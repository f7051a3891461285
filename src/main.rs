//! The `factcheck` binary: parses arguments, runs the engine, prints, and decides the exit
//! code — here and nowhere else.
//!
//! Exit codes (SPEC §1): 0 no finding at or above `--fail-on`; 1 at least one; 2 the run could
//! not be done as asked (bad usage, unreadable input, invalid KB). Like ripgrep we keep 1 for
//! "found something" so a CI step can tell a wrong figure from a broken setup.

mod atomic;
mod cli;
mod config;
mod kb_draft;
mod kbsel;
mod render;

use clap::Parser;
use cli::{
    Cli, ColorChoice, Command, ExtractArgs, ExtractFormat, FailOn, GenerateCommand, KbCommand,
};
use factcheck::baseline;
use factcheck::check::{Checker, Options};
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

/// Checking allocates many small, short-lived values (tokens' words, claims, findings);
/// mimalloc serves them with about half the instructions of the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (`mimalloc.h`; the Rust bindings name
/// no constant for it). Its default is 1000 (ms; 10 in mimalloc 2); -1 never purges.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory stays with the process, to be used again, instead of going back to the OS
/// after a delay: checking a directory frees each article's memory and takes as much for
/// the next, and purged memory comes back as fresh pages the kernel must zero first (a
/// one-thread run over 20 MB: 609 page faults at the default delay, 305 without purging).
/// Peak memory is unchanged.
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores an option's value; mimalloc documents options as
    // settable at any time, and reads this one only when it next purges.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// From here on, memory this process touches for the first time comes in 4 KiB pages, not
/// transparent huge pages. Loading a KB gains from huge pages (a 10k-record KB: 100 ms with
/// them, 145 ms without: a fault per 2 MB instead of per 4 KiB); checking articles loses by
/// them (the kernel zeroes 2 MB at each first touch of the allocator's memory, 8% of a
/// one-thread run over 20 MB), so they are turned off once the KB is loaded.
fn no_huge_pages_from_here() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE sets a flag of this process; no memory is passed.
    // Refused (an old kernel), it changes nothing, which is fine.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Kb(KbCommand::Check { kb, color })) => kb_check(&kb, color),
        Some(Command::Kb(KbCommand::List {
            kb,
            about,
            since,
            grep,
        })) => kb_list(&kb, about.as_deref(), since.as_deref(), grep.as_deref()),
        Some(Command::Kb(KbCommand::Draft(args))) => kb_draft::run(&args),
        Some(Command::Kb(KbCommand::Stats { kb })) => match load_kb(&kb) {
            Ok(k) => out(&render::terminal::escape(&render::kb::stats(&k))),
            Err(problems) => {
                report_problems(
                    &problems,
                    render::use_color(ColorChoice::Auto, render::stderr_is_tty()),
                );
                EXIT_USAGE
            }
        },
        Some(Command::Extract(args)) => run_extract(&args),
        Some(Command::Explain { code }) => explain(&code),
        Some(Command::Generate(g)) => generate(g),
        Some(Command::Check(args)) => check(&args),
        None => check(&cli.check),
    };
    ExitCode::from(code)
}

/// Writes to standard output and returns the exit code: 0, or 2 when the text could not be
/// written (a full disk), so a script never takes a lost output for a success. A reader
/// that has gone away (`factcheck … | head -1`) ends the output quietly: as in ripgrep, a
/// broken pipe is not an error.
#[must_use]
fn out(text: &str) -> u8 {
    let mut o = std::io::stdout().lock();
    match o.write_all(text.as_bytes()).and_then(|()| o.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write to standard output: {e}");
            EXIT_USAGE
        }
        _ => 0,
    }
}

/// Prints KB problems to stderr, then a one-line tally.
fn report_problems(problems: &[Problem], color: bool) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let p = render::terminal::ProblemView::new(p);
        let _ = write!(err, "{}", render::diagnostic(&p, color));
        let _ = writeln!(err);
    }
    let files: std::collections::BTreeSet<String> = problems
        .iter()
        .filter_map(|p| p.file.as_ref().map(|f| f.path.clone()))
        .collect();
    let _ = writeln!(err, "{}", problems_tally(problems, &files));
}

/// The closing line under a list of problems: whose problems they are (a config file's, or
/// the knowledge base's) and how many.
fn problems_tally(problems: &[Problem], files: &std::collections::BTreeSet<String>) -> String {
    let n = problems.len();
    let s = if n == 1 { "" } else { "s" };
    let config = problems
        .iter()
        .all(|p| p.code.starts_with("factcheck::config::"));
    if config {
        let name = files
            .iter()
            .next()
            .cloned()
            .unwrap_or_else(|| "the config file".to_string());
        return format!("error: {name} has {n} problem{s}; nothing was checked");
    }
    let f = files.len().max(1);
    format!(
        "error: the knowledge base has {n} problem{s} in {f} file{}",
        if f == 1 { "" } else { "s" }
    )
}

/// The KB of the `kb` subcommands: the paths named, else `factcheck.toml`'s `kb`, else
/// `./rules/` when it holds KB files, else the embedded one (see [`kbsel`]).
fn load_kb(paths: &[PathBuf]) -> Result<Kb, Vec<Problem>> {
    let cfg = if paths.is_empty() {
        match std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d))
        {
            Some(p) => config::load(&p)?,
            None => config::Config::default(),
        }
    } else {
        config::Config::default()
    };
    kbsel::choose(paths, &cfg.kb, cfg.dir.as_deref()).load()
}

/// Leaves a value the process needs until it exits to the operating system, which takes
/// back its memory at once: dropping a large KB record by record took 4% of `kb check`.
fn until_exit<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn kb_check(paths: &[PathBuf], color: ColorChoice) -> u8 {
    match load_kb(paths) {
        Ok(kb) => {
            let code = out(&format!("{}\n", render::kb::summary(&kb)));
            until_exit(kb);
            code
        }
        Err(problems) => {
            report_problems(&problems, render::use_color(color, render::stderr_is_tty()));
            EXIT_USAGE
        }
    }
}

fn kb_list(paths: &[PathBuf], about: Option<&str>, since: Option<&str>, grep: Option<&str>) -> u8 {
    let since = match since.map(|d| (d, Date::parse(d))) {
        Some((d, None)) => {
            eprintln!("error: --since {d} is not a date\n  help: write it as YYYY-MM-DD");
            return EXIT_USAGE;
        }
        Some((_, Some(d))) => Some(d),
        None => None,
    };
    match load_kb(paths) {
        Ok(kb) => {
            let about = match about {
                None => None,
                Some(a) => {
                    let lower = a.to_lowercase();
                    let found = kb.entities.iter().position(|e| {
                        e.id.to_lowercase() == lower
                            || e.names.iter().any(|n| n.to_lowercase() == lower)
                    });
                    match found {
                        Some(e) => Some(e),
                        None => {
                            eprintln!(
                                "error: no entity `{a}` in the KB\n  help: `factcheck kb list` shows the records and their entities"
                            );
                            return EXIT_USAGE;
                        }
                    }
                }
            };
            let grep = grep.map(str::to_lowercase);
            let keep = |r: &factcheck::kb::Record| {
                about.is_none_or(|e| r.about_ix.contains(&e))
                    && since.is_none_or(|d| r.date.is_some_and(|rd| rd >= d))
                    && grep.as_deref().is_none_or(|g| {
                        r.id.to_lowercase().contains(g)
                            || r.title
                                .as_deref()
                                .is_some_and(|t| t.to_lowercase().contains(g))
                            || r.figures
                                .iter()
                                .any(|f| f.of.iter().any(|o| o.to_lowercase().contains(g)))
                    })
            };
            out(&render::terminal::escape(&render::kb::list(&kb, &keep)))
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
    // A file's name may hold control characters too.
    let (message, help) = (
        render::terminal::escape(&e.message),
        render::terminal::escape(&e.help),
    );
    eprintln!("error[{}]: {message}\n  help: {help}", e.code);
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
    let max = args.max_file_size.unwrap_or(input::DEFAULT_MAX_FILE_SIZE);
    let json = args.format == ExtractFormat::Json;
    // One file's part of the output, or why it could not be read.
    let work = |_, item: &Result<Input, InputError>| -> Result<String, InputError> {
        let inp = item.as_ref().map_err(Clone::clone)?;
        let doc = Document::new(input::read_max(inp, max)?);
        let ctx = Context {
            date: date.or_else(|| factcheck::check::article_date(&doc)),
        };
        let claims = extract::extract(&doc, &ctx, lexicon);
        let path = match inp {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        };
        Ok(if json {
            render::claims::file_json(&doc, &path, &claims)
        } else {
            let mut text = format!(
                "{path}: {} claim{}\n",
                claims.len(),
                if claims.len() == 1 { "" } else { "s" }
            );
            if !claims.is_empty() {
                text.push_str(&format!("{}\n", render::claims::table(&doc, &claims)));
            }
            render::terminal::escape(&text).into_owned()
        })
    };
    // Streamed file by file, as check's JSON: `{"files":[…],"version":1}`, the keys in the
    // order this document has always had (serde_json's sorted maps).
    let mut out = Out::stdout();
    if json {
        out.write(r#"{"files":["#);
    }
    let mut failed = false;
    let mut written = 0;
    let each = |first: usize, items: &[Result<Input, InputError>]| {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| work(first + i, item))
            .collect()
    };
    in_batches(&input::expand(&args.paths), each, |done| {
        for piece in done {
            match piece {
                Err(e) => {
                    report_input_error(&e);
                    failed = true;
                }
                Ok(text) => {
                    if json && written > 0 {
                        out.write(",");
                    }
                    out.write(&text);
                    written += 1;
                }
            }
        }
        !out.closed
    });
    if json {
        out.write("],\"version\":1}\n");
    }
    if let Err(e) = out.finish() {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    if failed { EXIT_USAGE } else { 0 }
}

/// Runs `work(first, group)` over `items`, a group of consecutive items at a time (`first`:
/// the group's first item's index; `work` gives one result per item), on every core when
/// there is more than one item, and hands each batch's results to `take` in the items' order
/// before the next batch starts: output streams in order, and a run holds one batch's
/// results, not the corpus's. `take` returns whether to go on (not when standard output's
/// reader has gone).
fn in_batches<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(usize, &[T]) -> Vec<R> + Sync + Send,
    mut take: impl FnMut(Vec<R>) -> bool,
) {
    // One article is worked on this thread: starting the thread pool would cost more than
    // the work. So are all when the pool has one thread: handing them to it gains nothing,
    // and each result would be freed by another thread than the one that made it.
    let threads = if items.len() > 1 {
        rayon::current_num_threads()
    } else {
        1
    };
    // The threads wait for a batch's last item, so batches must be long enough for that wait
    // to be rare (at 64 files, both cores ran at 1.66x one), and short enough to hold little
    // (an item's result is its report's text).
    let chunk = (threads * 256).max(64);
    for (b, batch) in items.chunks(chunk).enumerate() {
        // Groups of up to 64 (see `Job::run_group`); on several threads, at least four a
        // thread, so that no thread waits long for another's last group.
        let group = if threads == 1 {
            64
        } else {
            (batch.len() / (threads * 4)).clamp(1, 64)
        };
        let at = |(g, items): (usize, &[T])| work(b * chunk + g * group, items);
        let done: Vec<R> = if batch.len() == 1 || threads == 1 {
            batch.chunks(group).enumerate().flat_map(at).collect()
        } else {
            batch
                .par_chunks(group)
                .enumerate()
                .flat_map_iter(at)
                .collect()
        };
        if !take(done) {
            break;
        }
    }
}

/// `factcheck explain rules` and `factcheck explain <rule-id>`.
fn explain_rule(id: &str) -> Option<u8> {
    use factcheck::link::rules::RULES;
    if id == "rules" {
        let mut t = render::kb::table();
        t.set_header(["rule", "scope", "effect", "what it decides"]);
        for r in &RULES.list {
            let effect = match r.effect {
                factcheck::link::Effect::For => "for",
                factcheck::link::Effect::Against => "against",
            };
            t.add_row([r.id.as_str(), r.scope.name(), effect, r.doc.as_str()]);
        }
        return Some(out(&format!(
            "{t}\n`factcheck explain <rule>` documents one; `[rules] disable = [\"<rule>\"]` in factcheck.toml switches it off.\n"
        )));
    }
    let r = RULES.get(id)?;
    let mut text = format!(
        "{}  (linking rule; scope: {}; {} linking)\n\n{}\n\nWhy: {}\n",
        r.id,
        r.scope.name(),
        match r.effect {
            factcheck::link::Effect::For => "for",
            factcheck::link::Effect::Against => "against",
        },
        r.doc,
        r.why
    );
    if !r.cues.is_empty() {
        text += &format!("\nCue words: {}\n", r.cues.join(", "));
    }
    if !r.except.is_empty() {
        text += &format!("Not after: {}\n", r.except.join(", "));
    }
    text += "\nExamples (checked against the built-in KB by the test suite):\n";
    for e in &r.examples {
        text += &format!(
            "  {} {:?}\n      “{}” → {}\n",
            if e.fires { "fires:  " } else { "silent: " },
            e.text,
            e.claim,
            e.expect
        );
    }
    text += &format!(
        "\nSee a claim's evidence with `factcheck check --trace=LINE`; switch the rule off with\n`[rules] disable = [\"{}\"]` in factcheck.toml.\n",
        r.id
    );
    Some(out(&text))
}

fn explain(code: &str) -> u8 {
    if let Some(c) = explain_rule(code) {
        return c;
    }
    if code == "all" || code == "list" {
        let mut t = render::kb::table();
        t.set_header(["code", "severity", "meaning"]);
        for c in factcheck::codes::CODES {
            t.add_row([c.code, c.severity.name(), c.summary]);
        }
        for (c, m) in factcheck::codes::RUN_CODES {
            t.add_row([*c, "error (exit 2)", *m]);
        }
        return out(&format!("{t}\n"));
    }
    match factcheck::codes::find(code) {
        Some(c) => out(&format!(
            "{}  ({})\n\n{}.\n\nWhy: {}\n\nExample:\n    {}\n\nHow to resolve: {}\n",
            c.code,
            c.severity.name(),
            capitalize(c.summary),
            c.why,
            c.example,
            c.fix
        )),
        None => {
            let short = code.strip_prefix("factcheck::").unwrap_or(code);
            if let Some((c, m)) = factcheck::codes::RUN_CODES
                .iter()
                .find(|(c, _)| c.strip_prefix("factcheck::") == Some(short))
            {
                return out(&format!(
                    "{c}  (error, exit 2)\n\n{}.\n\nThe message names the file and position; fix it there and run again.\n",
                    capitalize(m)
                ));
            }
            let names: Vec<&str> = factcheck::codes::CODES
                .iter()
                .map(|c| c.code)
                .chain(factcheck::codes::RUN_CODES.iter().map(|(c, _)| *c))
                .chain(factcheck::link::rules::IDS.iter().copied())
                .collect();
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
            eprintln!("error: unknown diagnostic code or rule `{code}`");
            match near {
                Some((_, n)) => eprintln!("  help: did you mean `{n}`?"),
                None => eprintln!(
                    "  help: `factcheck explain all` lists every code, `factcheck explain rules` every linking rule"
                ),
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

fn generate(g: GenerateCommand) -> u8 {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    // Rendered in memory first: clap_complete panics on a failed write (`| head`).
    let mut buf = Vec::new();
    match g {
        GenerateCommand::Completions { shell } => {
            clap_complete::generate(shell, &mut cmd, "factcheck", &mut buf);
            out(&String::from_utf8_lossy(&buf))
        }
        GenerateCommand::Man => match clap_mangen::Man::new(cmd).render(&mut buf) {
            Ok(()) => out(&String::from_utf8_lossy(&buf)),
            Err(e) => {
                eprintln!("error: cannot write the man page: {e}");
                EXIT_USAGE
            }
        },
    }
}

/// The settings for this run: flags over factcheck.toml over defaults.
fn effective_config(args: &cli::CheckArgs) -> Result<config::Config, Vec<Problem>> {
    let mut cfg = if args.isolated {
        config::Config::default()
    } else if let Some(p) = &args.config {
        config::load(p)?
    } else {
        match std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d))
        {
            Some(p) => config::load(&p)?,
            None => config::Config::default(),
        }
    };
    if let Some(f) = args.format {
        cfg.format = f;
    }
    if let Some(f) = args.fail_on {
        cfg.fail_on = f;
    }
    if !args.kb.is_empty() {
        cfg.kb = args.kb.clone();
    }
    Ok(cfg)
}

/// Says why a run could not be done: on standard error, and, for the machine formats, as
/// a valid document of the format (to standard output or `-o`), so a CI step that reads or
/// uploads the report shows the failure. Returns the exit code, 2.
fn abort(args: &cli::CheckArgs, format: cli::Format, problems: &[Problem]) -> u8 {
    report_problems(
        problems,
        render::use_color(args.color, render::stderr_is_tty()),
    );
    let failures: Vec<render::ci::Failure> = problems
        .iter()
        .map(render::ci::Failure::from_problem)
        .collect();
    let doc = render::format::of(format).aborted(&failures);
    if doc.is_empty() {
        return EXIT_USAGE;
    }
    let mut o = match &args.output {
        Some(p) => match Out::to_file(p) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        },
        None => Out::stdout(),
    };
    o.write(&doc);
    if let Err(e) = o.finish() {
        eprintln!("error: {e}");
    }
    EXIT_USAGE
}

/// A run-stopping problem that is not a KB's: a bad baseline, a bad glob.
fn run_problem(code: &'static str, message: String, help: &str) -> Vec<Problem> {
    vec![Problem::new(code, message).help(help)]
}

fn check(args: &cli::CheckArgs) -> u8 {
    let date = match parse_date(&args.date) {
        Ok(d) => d,
        Err(c) => return c,
    };
    let cfg = match effective_config(args) {
        Ok(c) => c,
        Err(p) => return abort(args, args.format.unwrap_or_default(), &p),
    };
    if args.dump_config {
        return out(&cfg.dump());
    }
    // No path: standard input when something is piped in (as ripgrep reads it).
    let stdin_only = [PathBuf::from("-")];
    let paths: &[PathBuf] = if !args.paths.is_empty() {
        &args.paths
    } else if input::stdin_is_readable() {
        &stdin_only
    } else {
        eprintln!(
            "error: no article given\n\nUsage: factcheck [OPTIONS] <PATH>...\n       command | factcheck [OPTIONS]\n\nFor more information, try '--help'."
        );
        return EXIT_USAGE;
    };
    // Never write a report or baseline over an article being checked.
    for out in [&args.output, &args.write_baseline].into_iter().flatten() {
        if paths.iter().any(|p| same_file(p, out)) {
            eprintln!(
                "error: {} is one of the articles being checked; refusing to overwrite it",
                out.display()
            );
            return EXIT_USAGE;
        }
    }
    let baseline = match args.baseline.as_deref().map(baseline::read) {
        Some(Err(e)) => {
            let p = run_problem(
                "factcheck::input::bad-baseline",
                e,
                "write one with --write-baseline FILE",
            );
            return abort(args, cfg.format, &p);
        }
        Some(Ok(b)) => Some(b),
        None => None,
    };
    let root = input::Root::here(cfg.dir.as_deref());
    let mut filter = match input::Filter::new(&cfg.include, &cfg.exclude) {
        Ok(f) => f,
        Err(e) => {
            let p = run_problem(
                "factcheck::config::invalid",
                format!("in include/exclude: {e}"),
                "globs use `*`, `**`, `?` and `[...]`, relative to the config file's directory",
            );
            return abort(args, cfg.format, &p);
        }
    };
    filter.root = root.clone();
    filter.force_exclude = args.force_exclude;
    let choice = kbsel::choose(&args.kb, &cfg.kb, cfg.dir.as_deref());
    let (mut inputs, notes) = input::expand_filtered(paths, &filter);
    // Standard input under a name: excluded like a file of that name (with --force-exclude).
    if let Some(name) = &args.stdin_filename
        && args.force_exclude
        && filter.excluded(Path::new(name))
    {
        inputs.retain(|i| !matches!(i, Ok(Input::Stdin)));
        eprintln!(
            "note: {name} (standard input) is excluded by `exclude` in the config (--force-exclude); not checked"
        );
    }
    for n in &notes {
        eprintln!("{}", render::terminal::escape(n));
    }
    if args.list_files {
        return list_files(&inputs, &cfg, &choice, args.stdin_filename.as_deref());
    }
    let kb: &Kb = match choice.load() {
        Ok(k) => until_exit(k),
        Err(p) => return abort(args, cfg.format, &p),
    };
    let checker: &Checker = match Checker::new(kb) {
        Ok(mut c) => {
            // The ids were checked when the config was read.
            let _ = c.disable(&cfg.rules.disable);
            until_exit(c)
        }
        Err(p) => return abort(args, cfg.format, &[*p]),
    };
    no_huge_pages_from_here();
    let opts = Options {
        date,
        trace: args.trace.is_some(),
    };
    // Writing a baseline records the findings; it does not report them.
    let recording = args.write_baseline.is_some();
    let progress =
        (!args.no_progress && !args.quiet && render::stderr_is_tty() && inputs.len() > 20)
            .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    let to_file = args.output.is_some();
    let color = render::use_color(args.color, render::stdout_is_tty() && !to_file);
    let job = Job {
        kb,
        checker,
        opts: &opts,
        cfg: &cfg,
        baseline: baseline.as_ref(),
        write_baseline: recording,
        color,
        max_file_size: args.max_file_size.unwrap_or(input::DEFAULT_MAX_FILE_SIZE),
        trace: args.trace,
        root: &root,
        stdin_name: args.stdin_filename.as_deref(),
    };
    // The streamed formats are written file by file, so a run holds one batch of files at a
    // time, not the corpus; SARIF and HTML are one document, gathered from each file's part.
    let format = render::format::of(cfg.format);
    let mut parts: Vec<render::Part> = Vec::new();
    // Where the baseline goes is made now, so a path that cannot be written is refused
    // before the run, not after it.
    let baseline_file = match args.write_baseline.as_deref() {
        None => None,
        Some(path) => match create_removed_on_interrupt(path) {
            Ok(f) => Some((path, f)),
            Err(e) => {
                eprintln!("error: cannot write baseline {}: {e}", path.display());
                return EXIT_USAGE;
            }
        },
    };
    let mut out = match (&args.output, recording) {
        (_, true) => Out::nowhere(),
        (Some(p), false) => match Out::to_file(p) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        },
        (None, false) => Out::stdout(),
    };
    out.write(format.head());
    let mut rows: Vec<(String, factcheck::check::Stats)> = Vec::new();
    let mut failed: Vec<InputError> = Vec::new();
    let mut entries: Vec<baseline::Entry> = Vec::new();
    let mut worst: Option<Severity> = None;
    let run = |first, items: &[_]| {
        let p = job.run_group(first, items);
        if let Some(pb) = &progress {
            pb.inc(items.len() as u64);
        }
        p
    };
    in_batches(&inputs, run, |pieces| {
        for p in pieces {
            match p.outcome {
                Err(e) => {
                    report_input_error(&e);
                    let c = format.failed(&e);
                    out.write(&c.text);
                    parts.extend(c.part);
                    failed.push(e);
                }
                Ok(stats) => {
                    if !rows.is_empty() {
                        out.write(format.separator());
                    }
                    out.write(&p.chunk.text);
                    parts.extend(p.chunk.part);
                    rows.push((p.path, stats));
                }
            }
            worst = worst.max(p.worst);
            entries.extend(p.baseline);
        }
        !out.closed // a reader that went away (`| head`) wants no more
    });
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    if let Some((path, mut file)) = baseline_file {
        let n = entries.len();
        let written = file.write_all(baseline::render(entries).as_bytes());
        if let Err(e) = written.and_then(|()| commit(file)) {
            eprintln!("error: cannot write baseline {}: {e}", path.display());
            return EXIT_USAGE;
        }
        eprintln!(
            "recorded {n} finding{} from {} in {}; a run with --baseline {} reports only new ones",
            if n == 1 { "" } else { "s" },
            match rows.len() {
                1 => "1 file".to_string(),
                k => format!("{k} files"),
            },
            path.display(),
            path.display()
        );
        return if failed.is_empty() { 0 } else { EXIT_USAGE };
    }
    let kb_words = choice.describe();
    let end = render::format::RunEnd {
        rows: &rows,
        failed: &failed,
        quiet: args.quiet,
        kb: &kb_words,
    };
    format.tail(parts, &end, &mut |t| out.write(t));
    if let Err(e) = out.finish() {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    if !failed.is_empty() {
        return EXIT_USAGE;
    }
    let fails = match (cfg.fail_on, worst) {
        (FailOn::Never, _) | (_, None) => false,
        (FailOn::Error, Some(s)) => s >= Severity::Error,
        (FailOn::Warning, Some(s)) => s >= Severity::Warning,
    };
    u8::from(fails)
}

/// `--list-files`: the files a run would check, one a line on standard output, and the
/// config and KB it would use on standard error. Exit 2 when an input cannot be read.
fn list_files(
    inputs: &[Result<Input, InputError>],
    cfg: &config::Config,
    choice: &kbsel::Choice,
    stdin_name: Option<&str>,
) -> u8 {
    eprintln!(
        "config: {}\nkb: {}",
        cfg.file
            .as_ref()
            .map_or("none (defaults)".to_string(), |f| f.display().to_string()),
        choice.describe()
    );
    let mut text = String::new();
    let mut failed = false;
    for i in inputs {
        match i {
            Ok(Input::File(p)) => text.push_str(&format!("{}\n", p.display())),
            Ok(Input::Stdin) => {
                text.push_str(&format!("{}\n", stdin_name.unwrap_or("-")));
            }
            Err(e) => {
                report_input_error(e);
                failed = true;
            }
        }
    }
    let code = out(&render::terminal::escape(&text));
    if failed { EXIT_USAGE } else { code }
}

/// What every file of a check run shares.
struct Job<'a> {
    kb: &'a Kb,
    checker: &'a Checker<'a>,
    opts: &'a Options,
    cfg: &'a config::Config,
    baseline: Option<&'a baseline::Accepted>,
    write_baseline: bool,
    color: bool,
    max_file_size: u64,
    /// `--trace[=LINE]` (0: every line).
    trace: Option<usize>,
    /// Paths as the project names them, for baselines.
    root: &'a input::Root,
    /// `--stdin-filename`.
    stdin_name: Option<&'a str>,
}

/// One file's share of the output, made on a worker thread.
struct Piece {
    path: String,
    outcome: Result<factcheck::check::Stats, InputError>,
    /// The file's share of the output.
    chunk: render::format::Chunk,
    worst: Option<Severity>,
    baseline: Vec<baseline::Entry>,
}

/// Text read at once by [`Job::run_group`]: a group of articles ends early past it, so a run's
/// memory follows its largest article, not its group size.
const GROUP_BYTES: usize = 1 << 20;

impl Job<'_> {
    /// Checks inputs `first..first + items.len()` (their places among the inputs) and renders
    /// each one's share of the output, stage by stage: every article of the group extracted,
    /// then every one judged, then every one rendered (see [`factcheck::check::Extracted`]).
    /// Articles are read until [`GROUP_BYTES`] of text are, then taken through the stages, and
    /// so on for the rest.
    fn run_group(&self, first: usize, items: &[Result<Input, InputError>]) -> Vec<Piece> {
        let mut pieces = Vec::with_capacity(items.len());
        let mut rest = items;
        while !rest.is_empty() {
            let mut bytes = 0;
            let mut read = Vec::new();
            for item in rest {
                if bytes >= GROUP_BYTES {
                    break;
                }
                read.push(item.as_ref().map_err(Clone::clone).and_then(|inp| {
                    let text = input::read_max(inp, self.max_file_size)?;
                    bytes += text.len();
                    Ok((inp, self.checker.extract(text, self.opts)))
                }));
            }
            let n = read.len();
            let judged: Vec<_> = read
                .into_iter()
                .map(|r| r.map(|(inp, article)| (inp, self.checker.judge(article, self.opts))))
                .collect();
            for r in judged {
                pieces.push(match r {
                    Ok((inp, rep)) => self.render(first + pieces.len(), inp, rep),
                    Err(e) => Piece::failed(e),
                });
            }
            rest = &rest[n..];
        }
        pieces
    }

    /// Input `index`'s share of the output, from its report.
    fn render(&self, index: usize, inp: &Input, mut rep: factcheck::check::Report) -> Piece {
        let path = match inp {
            Input::Stdin => self.stdin_name.unwrap_or("-").to_string(),
            Input::File(p) => p.display().to_string(),
        };
        // The baseline's name for the file: the same however its path was typed (worked
        // out only for a run that reads or writes a baseline).
        let key = match inp {
            _ if self.baseline.is_none() && !self.write_baseline => String::new(),
            Input::Stdin if self.stdin_name.is_none() => "-".to_string(),
            _ => self.root.key(Path::new(&path)),
        };
        // Per-code severities from factcheck.toml.
        if !self.cfg.severity.is_empty() {
            rep.regrade(|f| match self.cfg.severity.get(f.code) {
                None => Some(f.severity),
                Some(config::Level::Off) => None,
                Some(config::Level::Error) => Some(Severity::Error),
                Some(config::Level::Warning) => Some(Severity::Warning),
                Some(config::Level::Advice) => Some(Severity::Advice),
            });
        }
        let baseline = if self.write_baseline {
            baseline::entries(self.kb, &key, &rep)
        } else {
            Vec::new()
        };
        if let Some(b) = self.baseline {
            baseline::apply(self.kb, &key, &mut rep, b);
        }
        let view = render::format::FileView {
            kb: self.kb,
            index,
            path: &path,
            rep: &rep,
            color: self.color,
            trace: self.trace.map(|l| (l > 0).then_some(l)),
        };
        let chunk = render::format::of(self.cfg.format).file(&view);
        Piece {
            outcome: Ok(rep.stats),
            chunk,
            worst: rep.findings.iter().map(|f| f.severity).max(),
            baseline,
            path,
        }
    }
}

impl Piece {
    fn failed(e: InputError) -> Piece {
        Piece {
            path: e.path.clone(),
            outcome: Err(e),
            chunk: Default::default(),
            worst: None,
            baseline: Vec::new(),
        }
    }
}

/// Where the report goes as it is made: standard output, or (`-o`) a file that replaces its
/// target only when the run is done (see [`atomic::File`]).
struct Out {
    sink: Sink,
    /// Standard output's reader has gone away.
    closed: bool,
    error: Option<String>,
}

enum Sink {
    Nowhere,
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File(atomic::File, PathBuf),
}

impl Out {
    fn stdout() -> Out {
        Out {
            sink: Sink::Stdout(std::io::BufWriter::new(std::io::stdout().lock())),
            closed: false,
            error: None,
        }
    }

    /// Output that goes nowhere (a run that only records a baseline).
    fn nowhere() -> Out {
        Out {
            sink: Sink::Nowhere,
            closed: false,
            error: None,
        }
    }

    /// A report to `path`, refused at once (before any article is read) when it cannot be
    /// made there.
    fn to_file(path: &Path) -> Result<Out, String> {
        match create_removed_on_interrupt(path) {
            Ok(f) => Ok(Out {
                sink: Sink::File(f, path.to_path_buf()),
                closed: false,
                error: None,
            }),
            Err(e) => {
                let mut msg = format!("cannot write {}: {e}", path.display());
                if e.kind() == std::io::ErrorKind::NotFound {
                    msg.push_str("\n  help: the directory does not exist; create it or give -o a path in one that does");
                }
                Err(msg)
            }
        }
    }

    fn write(&mut self, s: &str) {
        if self.closed || self.error.is_some() {
            return;
        }
        let written = match &mut self.sink {
            Sink::Nowhere => Ok(()),
            Sink::Stdout(o) => o.write_all(s.as_bytes()),
            Sink::File(f, _) => f.write_all(s.as_bytes()),
        };
        if let Err(e) = written {
            self.fail(e);
        }
    }

    fn fail(&mut self, e: std::io::Error) {
        match &self.sink {
            Sink::Nowhere => {}
            Sink::Stdout(_) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
            Sink::Stdout(_) => self.error = Some(format!("cannot write the report: {e}")),
            Sink::File(_, p) => self.error = Some(format!("cannot write {}: {e}", p.display())),
        }
    }

    /// Flushes standard output, or puts the file in its target's place. A file whose text
    /// could not all be written is dropped, and the target left as it was.
    fn finish(mut self) -> Result<(), String> {
        if let Some(e) = self.error {
            return Err(e);
        }
        match self.sink {
            Sink::Nowhere => Ok(()),
            Sink::File(f, p) => commit(f).map_err(|e| format!("cannot write {}: {e}", p.display())),
            Sink::Stdout(ref mut o) => {
                if !self.closed
                    && let Err(e) = o.flush()
                {
                    self.fail(e);
                }
                self.error.map_or(Ok(()), Err)
            }
        }
    }
}

/// The temporary files of the report and baseline being written (`-o`, `--write-baseline`),
/// removed if the run is interrupted.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Makes the temporary file of a report or baseline to `path` and has Ctrl-C (and SIGTERM) remove it
/// before the process ends, with the shell's code for an interrupt (130): an interrupted run
/// leaves nothing behind, and the target was never touched. Installed only for a report to
/// a file; elsewhere the signals keep their default, ending the process.
fn create_removed_on_interrupt(path: &Path) -> std::io::Result<atomic::File> {
    // The handler first, then the file made and named to it under the lock the handler
    // takes: a signal at any moment finds either no file yet or the file's name.
    let _ = ctrlc::set_handler(|| {
        let pending = PENDING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for p in pending.iter() {
            let _ = std::fs::remove_file(p);
        }
        std::process::exit(130);
    });
    let mut pending = PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let f = atomic::File::create(path)?;
    if let Some(t) = f.temp_path() {
        pending.push(t.to_path_buf());
    }
    Ok(f)
}

/// Commits `f` (see [`atomic::File::commit`]): its temporary file is then the target, or
/// gone, and nothing is left to remove.
fn commit(f: atomic::File) -> std::io::Result<()> {
    let tmp = f.temp_path().map(Path::to_path_buf);
    let done = f.commit();
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .retain(|p| Some(p) != tmp.as_ref());
    done
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y || y.starts_with(&x) && x.is_dir(),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_is_kept() {
        // SAFETY: reads an option value.
        let get = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        // The option at this index is a delay in milliseconds that -1 turns off: set from
        // the environment, or still mimalloc's default (1000 in this build; 10 in older ones).
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert!(matches!(get(), 10 | 1000), "{}", get());
        }
        keep_freed_memory();
        assert_eq!(get(), -1);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn huge_pages_are_turned_off() {
        no_huge_pages_from_here();
        // SAFETY: reads a flag of this process.
        let off = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(off, 1);
    }
}

//! The command line, as clap derive types. Parsing only; `main.rs` runs the commands.

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Fact-check defense reporting against a knowledge base of reported figures.
///
/// `factcheck ARTICLE...` is the same as `factcheck check ARTICLE...`.
#[derive(Debug, Parser)]
#[command(name = "factcheck", version, args_conflicts_with_subcommands = true)]
#[command(
    after_help = "Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 the run could not be done (bad usage, unreadable input, invalid KB)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles against the KB (the default command).
    Check(CheckArgs),
    /// Show the claims found in articles; no KB is consulted.
    Extract(ExtractArgs),
    /// Validate, list or draft a knowledge base.
    #[command(subcommand)]
    Kb(KbCommand),
    /// Explain a diagnostic code or a linking rule: what it means, an example, how to resolve it.
    Explain {
        /// A code such as `count-mismatch` (`all` lists them) or a linking rule such as
        /// `link::other-event-cue` (`rules` lists them).
        code: String,
    },
    /// Generate shell completions or the man page.
    #[command(subcommand)]
    Generate(GenerateCommand),
}

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// Shell completions, printed to standard output.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The man page (roff), printed to standard output.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Validate a KB and report every problem with its TOML span.
    Check {
        /// KB files or directories, `builtin` for the built-in KB (default: `kb` in
        /// factcheck.toml, else ./rules/ if it holds KB files, else the built-in KB).
        kb: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// List the KB's records, figures and statuses as tables.
    List {
        /// KB files or directories, `builtin` for the built-in KB (default: `kb` in
        /// factcheck.toml, else ./rules/ if it holds KB files, else the built-in KB).
        kb: Vec<PathBuf>,
        /// Only records about this entity (an id, or any of its names, in any case).
        #[arg(long, value_name = "ENTITY")]
        about: Option<String>,
        /// Only records dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only records whose id, title or figure phrases contain this text (any case).
        #[arg(long, value_name = "TEXT")]
        grep: Option<String>,
    },
    /// Count the KB's records, figures by kind, sources, dates and unused entities.
    Stats {
        /// KB files or directories, `builtin` for the built-in KB (default: `kb` in
        /// factcheck.toml, else ./rules/ if it holds KB files, else the built-in KB).
        kb: Vec<PathBuf>,
    },
    /// Draft a KB record from a source text (a DSCA notification, a press release, a report).
    Draft(DraftArgs),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Every guess in the draft is marked `# check:` on its line. The draft passes `factcheck kb check` together with the KB it was made against."
)]
pub struct DraftArgs {
    /// Source texts (plain text or Markdown), or - for standard input: one record each.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<PathBuf>,
    /// The record's id [default: buyer-item-year].
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// KB whose entity ids are reused and whose ids are not taken (repeatable). Default:
    /// ./rules/ if present, else the built-in KB.
    #[arg(long, value_name = "PATH")]
    pub kb: Vec<PathBuf>,
    /// Write the draft to FILE, which must not exist yet.
    #[arg(short, long, value_name = "FILE", conflicts_with = "append")]
    pub output: Option<PathBuf>,
    /// Add the draft to the end of the KB file FILE, with ids it does not hold yet.
    #[arg(long, value_name = "FILE")]
    pub append: Option<PathBuf>,
}

#[derive(Debug, Args, Default)]
pub struct CheckArgs {
    /// Articles: files, directories (recursed), or - for standard input (read when no path
    /// is given and standard input is a pipe or a file).
    pub paths: Vec<PathBuf>,
    /// KB file or directory (repeatable; `builtin` names the built-in KB). Default: `kb` in
    /// factcheck.toml, else ./rules/ if it holds KB files, else the built-in KB.
    #[arg(long, value_name = "PATH")]
    pub kb: Vec<PathBuf>,
    /// Output format [default: human, or `format` in factcheck.toml].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// The lowest severity that makes the exit code 1 [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The article's date (YYYY-MM-DD), for facts that change over time.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Write the report to FILE instead of standard output (it replaces FILE only when complete).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print only the findings, no summary table.
    #[arg(short, long)]
    pub quiet: bool,
    /// Use this config file instead of discovering factcheck.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore any factcheck.toml.
    #[arg(long)]
    pub isolated: bool,
    /// Print the effective configuration and exit.
    #[arg(long)]
    pub dump_config: bool,
    /// Hide the findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the accepted baseline.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Skip (with an error) any article larger than SIZE, e.g. 64M [default: 16M].
    #[arg(long, value_name = "SIZE", value_parser = factcheck::input::parse_size)]
    pub max_file_size: Option<u64>,
    /// Apply `exclude` from factcheck.toml to files named on the command line too (as
    /// pre-commit passes them), saying which were skipped.
    #[arg(long)]
    pub force_exclude: bool,
    /// Print the files that would be checked, with the config and KB in use, and exit.
    #[arg(long)]
    pub list_files: bool,
    /// The name of the article read from standard input, in output, baselines and the
    /// config's include/exclude matching.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Explain each claim's link: its candidate records, the evidence for and against with
    /// rule ids, and the decision, silences included. `--trace=LINE` shows one line's claims.
    #[arg(long, value_name = "LINE", num_args = 0..=1, require_equals = true, default_missing_value = "0")]
    pub trace: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Articles: files, directories (recursed), or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Human)]
    pub format: ExtractFormat,
    /// The article's date (YYYY-MM-DD), to resolve "on Thursday" and dates without a year.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Skip (with an error) any article larger than SIZE, e.g. 64M [default: 16M].
    #[arg(long, value_name = "SIZE", value_parser = factcheck::input::parse_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Human,
    Json,
    Sarif,
    Github,
    Html,
    /// One line a finding: `path:line:col: severity[code] message`.
    Concise,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    #[default]
    Error,
    Warning,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

//! `factcheck kb draft`: reads source texts, drafts a record from each against the KB in use
//! (`factcheck::kb::draft`), checks every draft loads with that KB, and writes the drafts to
//! standard output, a new file (`-o`) or the end of a KB file (`--append`).
//!
//! Kept out of `main.rs` so the command is one match arm there.

use crate::cli::{ColorChoice, DraftArgs};
use crate::{EXIT_USAGE, load_kb, out, render, report_problems};
use factcheck::input::{self, Input, InputError};
use factcheck::kb::Problem;
use factcheck::kb::draft::{self, Options};
use std::io::Write;
use std::path::Path;

pub fn run(args: &DraftArgs) -> u8 {
    let color = render::use_color(ColorChoice::Auto, render::stderr_is_tty());
    let show = |p: &Problem| {
        let v = render::terminal::ProblemView::new(p);
        eprint!("{}", render::diagnostic(&v, color));
    };
    if args.id.is_some() && args.sources.len() > 1 {
        show(
            &Problem::new(
                "factcheck::draft::one-id-many-sources",
                "--id names one record, but more than one SOURCE was given",
            )
            .help("draft one source at a time with --id, or leave --id out to have ids made"),
        );
        return EXIT_USAGE;
    }
    // `-o` never replaces a file: a KB file written over would lose its records.
    if let Some(o) = &args.output
        && o.exists()
    {
        show(
            &Problem::new(
                "factcheck::draft::output-exists",
                format!("{} already exists; refusing to overwrite it", o.display()),
            )
            .help(format!(
                "use --append {} to add the draft to its end, or give -o a new file name",
                o.display()
            )),
        );
        return EXIT_USAGE;
    }
    let mut kb = match load_kb(&args.kb) {
        Ok(k) => k,
        Err(p) => {
            report_problems(&p, color);
            return EXIT_USAGE;
        }
    };
    // The file appended to is part of the KB the drafts are made against: its entities are
    // reused and its ids are not taken again.
    let mut appended = String::new();
    if let Some(a) = &args.append {
        match std::fs::read(a) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => appended = t,
                Err(_) => {
                    show(
                        &Problem::new(
                            "factcheck::kb::not-utf8",
                            format!("{} is not UTF-8", a.display()),
                        )
                        .help("--append takes a KB file (TOML, UTF-8)"),
                    );
                    return EXIT_USAGE;
                }
            },
            // A new file: the first draft starts it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                show(
                    &Problem::new(
                        "factcheck::draft::unreadable",
                        format!("cannot read {}: {e}", a.display()),
                    )
                    .help("check the path and its permissions"),
                );
                return EXIT_USAGE;
            }
        }
        if !appended.trim().is_empty() && !kb.files.iter().any(|f| *f.text == *appended) {
            kb = match draft::with_draft(&kb, &a.display().to_string(), &appended) {
                Ok(k) => k,
                Err(p) => {
                    report_problems(&p, color);
                    return EXIT_USAGE;
                }
            };
        }
    }
    let mut drafts: Vec<String> = Vec::new();
    let mut marks = 0;
    let mut failed = false;
    for item in input::expand(&args.sources) {
        let made = item.and_then(|inp| {
            let name = match &inp {
                Input::Stdin => "standard input".to_string(),
                Input::File(p) => p.display().to_string(),
            };
            input::read(&inp).map(|text| (name, text))
        });
        let (name, text) = match made {
            Ok(x) => x,
            Err(e) => {
                show(&input_problem(&e));
                failed = true;
                continue;
            }
        };
        let opts = Options {
            id: args.id.clone(),
            source_name: name.clone(),
        };
        let d = match draft::draft(&text, &kb, &opts) {
            Ok(d) => d,
            Err(p) => {
                show(&p);
                failed = true;
                continue;
            }
        };
        let toml = d.to_toml();
        // Each draft must load with the KB (and the drafts before it): the next draft is
        // made against that KB, so two drafts never take one id.
        kb = match draft::with_draft(&kb, &format!("<draft of {name}>"), &toml) {
            Ok(k) => k,
            Err(p) => {
                eprint!("{toml}");
                report_problems(&p, color);
                eprintln!(
                    "error: the draft of {name} does not pass `kb check`; this is a bug in `kb draft`"
                );
                return EXIT_USAGE;
            }
        };
        marks += toml.matches("# check:").count();
        drafts.push(toml);
    }
    if drafts.is_empty() {
        return EXIT_USAGE;
    }
    let text = drafts.join("\n");
    let written = match (&args.output, &args.append) {
        (Some(o), _) => write_new(o, &text),
        (None, Some(a)) => {
            let sep = match appended.as_str() {
                "" => "",
                t if t.ends_with("\n\n") => "",
                t if t.ends_with('\n') => "\n",
                _ => "\n\n",
            };
            replace(a, &format!("{appended}{sep}{text}"))
        }
        (None, None) => return out(&text).max(u8::from(failed) * EXIT_USAGE),
    };
    let target = args.output.as_ref().or(args.append.as_ref());
    match (written, target) {
        (Err(e), Some(t)) => {
            show(
                &Problem::new(
                    "factcheck::draft::unwritable",
                    format!("cannot write {}: {e}", t.display()),
                )
                .help("check the directory exists and you may write there"),
            );
            return EXIT_USAGE;
        }
        (_, Some(t)) => eprintln!(
            "wrote {} draft record{} to {}; {marks} line{} marked `# check:`",
            drafts.len(),
            if drafts.len() == 1 { "" } else { "s" },
            t.display(),
            if marks == 1 { " is" } else { "s are" },
        ),
        _ => {}
    }
    if failed { EXIT_USAGE } else { 0 }
}

fn input_problem(e: &InputError) -> Problem {
    Problem::new(e.code, e.message.clone()).help(e.help.clone())
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.flush()
}

/// Puts `text` in `path`'s place whole (see `atomic::File`): a failed write leaves the KB
/// file as it was.
fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = crate::atomic::File::create(path)?;
    f.write_all(text.as_bytes())?;
    f.commit()
}

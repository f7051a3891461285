//! `factcheck kb check` and `factcheck kb list` output.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use factcheck::kb::Kb;

pub fn table() -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(super::width() as u16);
    t
}

/// Lays a table out at its natural width when that fits the terminal, so no cell breaks
/// mid-word; wider tables wrap their columns.
pub fn fit(t: &mut Table) {
    let natural: usize = t
        .column_max_content_widths()
        .iter()
        .map(|w| usize::from(*w) + 3)
        .sum::<usize>()
        + 1;
    if natural <= super::width() {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
}

/// The one-line summary of a valid KB.
pub fn summary(kb: &Kb) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "KB is valid: {}, {}, {}, {}, {}, {}",
        n(kb.fact_files(), "file of facts", "files of facts"),
        n(kb.sources.len(), "source", "sources"),
        n(kb.entities.len(), "entity", "entities"),
        n(kb.records.len(), "record", "records"),
        n(kb.figure_count(), "figure", "figures"),
        n(kb.status_count(), "status", "statuses")
    )
}

/// A source as one line: "publisher, date".
fn source_line(kb: &Kb, id: Option<&String>) -> String {
    id.and_then(|s| kb.source(s))
        .map(|s| match (&s.publisher, s.published) {
            (Some(p), Some(d)) => format!("{p}, {d}"),
            (Some(p), None) => p.clone(),
            (None, _) => s.id.clone(),
        })
        .unwrap_or_default()
}

fn figure_value(f: &factcheck::kb::Figure) -> String {
    let value = factcheck::fmt::figure(&f.value);
    if f.approximate {
        format!("about {value}")
    } else {
        value
    }
}

/// Records and figures, then statuses per authority. Wide terminals get one table; narrow
/// ones a block per record, so no id or value is ever split across lines.
/// The records `keep` selects, their figures and statuses, as tables.
pub fn list(kb: &Kb, keep: &dyn Fn(&factcheck::kb::Record) -> bool) -> String {
    let mut out = if super::width() >= 140 {
        wide_list(kb, keep)
    } else {
        narrow_list(kb, keep)
    };
    let mut statuses = table();
    statuses.set_header(["authority", "record", "state", "date"]);
    let mut rows: Vec<(String, &str, &str, String)> = Vec::new();
    for r in kb.records.iter().filter(|r| keep(r)) {
        for s in &r.statuses {
            let who = s
                .authority
                .as_ref()
                .map(|a| {
                    kb.entity(a)
                        .and_then(|e| e.names.first().cloned())
                        .unwrap_or(a.clone())
                })
                .unwrap_or_else(|| "(the deal)".into());
            rows.push((
                who,
                r.id.as_str(),
                s.state.name(),
                s.date.map(|d| d.to_string()).unwrap_or_default(),
            ));
        }
    }
    rows.sort_by(|a, b| (&a.0, &a.3).cmp(&(&b.0, &b.3)));
    let mut last = String::new();
    for (who, rec, st, date) in rows {
        let shown = if who == last {
            String::new()
        } else {
            who.clone()
        };
        last = who;
        statuses.add_row([shown, rec.to_string(), st.to_string(), date]);
    }
    fit(&mut statuses);
    out.push_str(&format!("\nStatuses by authority\n{statuses}\n"));
    out
}

fn wide_list(kb: &Kb, keep: &dyn Fn(&factcheck::kb::Record) -> bool) -> String {
    let mut figures = table();
    figures.set_header(["record", "title", "figure", "value", "date", "source"]);
    for r in kb.records.iter().filter(|r| keep(r)) {
        for (i, f) in r.figures.iter().enumerate() {
            let date = f
                .date
                .map(|d| d.to_string())
                .or(r.date.map(|d| d.to_string()));
            figures.add_row([
                if i == 0 { r.id.clone() } else { String::new() },
                if i == 0 {
                    r.title.clone().unwrap_or_default()
                } else {
                    String::new()
                },
                f.id.clone(),
                figure_value(f),
                date.unwrap_or_default(),
                source_line(kb, f.source.as_ref().or(r.source.as_ref())),
            ]);
        }
    }
    // Ids, values and dates never wrap; titles and sources take what is left.
    for c in [0, 2, 3, 4] {
        if let Some(col) = figures.column_mut(c) {
            col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
    fit(&mut figures);
    format!("{figures}\n")
}

/// Words of `text` on lines of at most `width` characters, each starting with `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(indent);
    for w in text.split_whitespace() {
        let len = line.chars().count();
        if len > indent.len() && len + 1 + w.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(indent);
        }
        if line.len() > indent.len() {
            line.push(' ');
        }
        line.push_str(w);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn narrow_list(kb: &Kb, keep: &dyn Fn(&factcheck::kb::Record) -> bool) -> String {
    let mut out = String::new();
    for r in kb.records.iter().filter(|r| keep(r)) {
        out.push_str(&r.id);
        out.push('\n');
        let width = super::width();
        if let Some(t) = &r.title {
            out.push_str(&wrap(t, "  ", width));
        }
        let src = source_line(kb, r.source.as_ref());
        if !src.is_empty() {
            out.push_str(&wrap(&format!("source: {src}"), "  ", width));
        }
        if !r.figures.is_empty() {
            let mut t = table();
            t.set_header(["figure", "value", "date", "of"]);
            for f in &r.figures {
                let date = f
                    .date
                    .map(|d| d.to_string())
                    .or(r.date.map(|d| d.to_string()));
                t.add_row([
                    f.id.clone(),
                    figure_value(f),
                    date.unwrap_or_default(),
                    f.of.join(", "),
                ]);
            }
            for c in [0, 1, 2] {
                if let Some(col) = t.column_mut(c) {
                    col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
                }
            }
            fit(&mut t);
            out.push_str(&format!("{t}\n"));
        }
        out.push('\n');
    }
    out
}

/// `kb stats`: records, figures by kind, sources, the date range, and entities no record is
/// about.
pub fn stats(kb: &Kb) -> String {
    use factcheck::kb::FigureValue;
    let mut t = table();
    t.set_header(["measure", "value"]);
    let (mut counts, mut amounts, mut percents, mut dates) = (0, 0, 0, 0);
    for r in &kb.records {
        for f in &r.figures {
            match f.value {
                FigureValue::Count(_) => counts += 1,
                FigureValue::Amount(..) => amounts += 1,
                FigureValue::Percent(_) => percents += 1,
                FigureValue::Date(_) => dates += 1,
            }
        }
    }
    let statuses: usize = kb.records.iter().map(|r| r.statuses.len()).sum();
    let first = kb.records.iter().filter_map(|r| r.date).min();
    let last = kb.records.iter().filter_map(|r| r.date).max();
    let mut about = vec![false; kb.entities.len()];
    for r in &kb.records {
        for &e in &r.about_ix {
            about[e] = true;
        }
    }
    let idle: Vec<&str> = kb
        .entities
        .iter()
        .zip(&about)
        .filter(|(e, used)| !**used && !e.authority)
        .map(|(e, _)| e.id.as_str())
        .collect();
    let with_url = kb.sources.iter().filter(|s| s.url.is_some()).count();
    t.add_row(["records".to_string(), kb.records.len().to_string()]);
    t.add_row([
        "figures".to_string(),
        format!("{counts} counts, {amounts} amounts, {percents} percentages, {dates} dates"),
    ]);
    t.add_row(["statuses".to_string(), statuses.to_string()]);
    t.add_row([
        "sources".to_string(),
        format!("{} ({with_url} with a URL)", kb.sources.len()),
    ]);
    t.add_row([
        "record dates".to_string(),
        match (first, last) {
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "none".to_string(),
        },
    ]);
    t.add_row(["entities".to_string(), kb.entities.len().to_string()]);
    t.add_row([
        "entities no record is about".to_string(),
        if idle.is_empty() {
            "none".to_string()
        } else {
            format!("{}: {}", idle.len(), idle.join(", "))
        },
    ]);
    fit(&mut t);
    format!("{t}\n")
}

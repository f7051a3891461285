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

/// Records and figures, then statuses per authority.
pub fn list(kb: &Kb) -> String {
    let mut figures = table();
    figures.set_header(["record", "title", "figure", "value", "date", "source"]);
    for r in &kb.records {
        let src = |id: &Option<String>| {
            id.as_ref()
                .and_then(|s| kb.source(s))
                .map(|s| match (&s.publisher, s.published) {
                    (Some(p), Some(d)) => format!("{p}, {d}"),
                    (Some(p), None) => p.clone(),
                    (None, _) => s.id.clone(),
                })
                .unwrap_or_default()
        };
        for (i, f) in r.figures.iter().enumerate() {
            let mut value = factcheck::fmt::figure(&f.value);
            if f.approximate {
                value = format!("about {value}");
            }
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
                value,
                date.unwrap_or_default(),
                src(if f.source.is_some() {
                    &f.source
                } else {
                    &r.source
                }),
            ]);
        }
        if r.figures.is_empty() {
            figures.add_row([
                r.id.clone(),
                r.title.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                r.date.map(|d| d.to_string()).unwrap_or_default(),
                src(&r.source),
            ]);
        }
    }
    let mut statuses = table();
    statuses.set_header(["authority", "record", "state", "date"]);
    let mut rows: Vec<(String, &str, &str, String)> = Vec::new();
    for r in &kb.records {
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
    format!("{figures}\n\nStatuses by authority\n{statuses}\n")
}

//! A deterministic benchmark corpus: a KB of `K` made-up arms sales in the SPEC §2 format and
//! news articles written from those records, a known share of them with one planted mismatch
//! (a count, an amount or an approval state), so a benchmark run also proves the findings.
//!
//! Everything here is generated from a seed; the same arguments give the same bytes.

use super::{Rng, word};
use factcheck::date::MONTHS;
use std::fmt::Write as _;

/// Buyer names: three syllables below 24³, four above, so no two buyers share a name.
fn buyer_name(i: usize) -> String {
    if i < 24 * 24 * 24 {
        word(i, 3)
    } else {
        word(i - 24 * 24 * 24, 4)
    }
}

/// Weapon systems: (entity id, names, counted noun). Five-syllable made-up names never
/// coincide with a buyer's.
pub const SYSTEMS: usize = 40;

fn system(j: usize) -> (String, Vec<String>, &'static str) {
    const NOUNS: &[&str] = &["missiles", "tanks", "launchers", "radars", "howitzers"];
    let w = word(j * 104_729 % (24usize.pow(5)), 5);
    (
        format!("sys-{j:02}"),
        vec![w.clone(), format!("{w} system")],
        NOUNS[j % NOUNS.len()],
    )
}

/// One record of the KB, with the values articles are written from.
#[derive(Clone, Debug)]
pub struct Deal {
    pub i: usize,
    pub buyer: String,
    pub system: String,
    pub noun: &'static str,
    pub date: (usize, usize, usize),
    pub count: usize,
    /// Estimated cost in millions of US dollars.
    pub millions: usize,
}

impl Deal {
    pub fn id(&self) -> String {
        format!("rec-{:06}", self.i)
    }
}

pub fn deals(records: usize, seed: u64) -> Vec<Deal> {
    let mut rng = Rng::new(seed ^ 0xD1A1);
    (0..records)
        .map(|i| {
            let (_, names, noun) = system(i % SYSTEMS);
            Deal {
                i,
                buyer: buyer_name(i),
                system: names[0].clone(),
                noun,
                date: (rng.range(2015, 2024), rng.range(1, 12), rng.range(1, 28)),
                count: rng.range(12, 900),
                millions: rng.range(20, 9000),
            }
        })
        .collect()
}

fn ymd((y, m, d): (usize, usize, usize)) -> String {
    format!("{y}-{m:02}-{d:02}")
}

fn long_date((y, m, d): (usize, usize, usize)) -> String {
    format!("{} {d}, {y}", MONTHS[m - 1])
}

/// The KB: one file of authorities and systems, then the records, `per_file` to a file.
pub fn kb(deals: &[Deal], per_file: usize) -> Vec<(String, String)> {
    let mut common = String::from(
        "# Generated benchmark KB: authorities and weapon systems. Made-up names throughout.\n\n\
         [[source]]\nid = \"generated\"\ntitle = \"Generated benchmark data\"\n\
         publisher = \"factcheck benchmarks\"\npublished = 2024-01-01\n\n\
         [[entity]]\nid = \"state-department\"\nkind = \"authority\"\n\
         names = [\"State Department\", \"Department of State\"]\n\n\
         [[entity]]\nid = \"congress\"\nkind = \"authority\"\nnames = [\"Congress\"]\n\n\
         [[entity]]\nid = \"dsca\"\nkind = \"authority\"\n\
         names = [\"Defense Security Cooperation Agency\", \"DSCA\"]\n",
    );
    for j in 0..SYSTEMS {
        let (id, names, _) = system(j);
        let _ = write!(
            common,
            "\n[[entity]]\nid = \"{id}\"\nnames = [\"{}\", \"{}\"]\n",
            names[0], names[1]
        );
    }
    let mut out = vec![("kb-000-common.toml".to_string(), common)];
    for (k, chunk) in deals.chunks(per_file.max(1)).enumerate() {
        let mut t = String::with_capacity(chunk.len() * 900);
        for d in chunk {
            let _ = write!(
                t,
                "[[entity]]\nid = \"buyer-{i:06}\"\nnames = [\"{b}\"]\n\n\
                 [[record]]\nid = \"{id}\"\n\
                 title = \"Possible sale of {s} {n} to {b}\"\n\
                 about = [\"buyer-{i:06}\", \"sys-{j:02}\"]\nsource = \"generated\"\n\
                 date = {date}\n\n\
                 \x20 [[record.figure]]\n  id = \"units\"\n  count = {count}\n\
                 \x20 of = [\"{s} {n}\", \"{n}\"]\n\n\
                 \x20 [[record.figure]]\n  id = \"cost\"\n  amount = \"${m} million\"\n\
                 \x20 of = [\"sale\", \"package\", \"deal\", \"estimated cost\"]\n\n\
                 \x20 [[record.status]]\n  authority = \"state-department\"\n  state = \"approved\"\n  date = {date}\n\n\
                 \x20 [[record.status]]\n  authority = \"congress\"\n  state = \"notified\"\n  date = {date}\n\n",
                i = d.i,
                id = d.id(),
                b = d.buyer,
                s = d.system,
                n = d.noun,
                j = d.i % SYSTEMS,
                date = ymd(d.date),
                count = d.count,
                m = d.millions,
            );
        }
        out.push((format!("kb-{:04}.toml", k + 1), t));
    }
    out
}

/// A planted mismatch: where it is and what factcheck must call it.
#[derive(Clone, Debug)]
pub struct Planted {
    pub code: &'static str,
    /// Byte offset inside the wrong value in the article.
    pub offset: usize,
    pub text: String,
}

/// Money for `millions` in one of the forms news copy uses.
/// A planted wrong amount is never "an estimated" one: a near miss would still agree.
fn money(rng: &mut Rng, millions: usize, exact: bool) -> String {
    match rng.below(if exact { 5 } else { 6 }) {
        0 => format!("${millions} million"),
        1 => format!("US${millions}m"),
        2 => format!("${millions}M"),
        3 if millions >= 1000 => format!("${} billion", millions as f64 / 1000.0),
        3 | 4 => format!("{millions} million dollars"),
        _ => format!("an estimated ${millions} million"),
    }
}

/// A different number that is plainly wrong: digits swapped where they differ, else changed.
fn wrong(rng: &mut Rng, n: usize) -> usize {
    let s = n.to_string();
    let b = s.as_bytes();
    let k = b.len();
    if k >= 2 && b[k - 1] != b[k - 2] && b[k - 1] != b'0' {
        let mut v = b.to_vec();
        v.swap(k - 1, k - 2);
        if let Some(w) = std::str::from_utf8(&v).ok().and_then(|w| w.parse().ok()) {
            return w;
        }
    }
    n + rng.range(n / 4 + 10, n / 2 + 20)
}

const FILLER: &[&str] = &[
    "Officials declined to comment on the timeline for deliveries.",
    "Analysts say the weapons would strengthen the country's ability to deter an attack.",
    "The ministry said the purchase fits its long-term modernisation plan.",
    "Opposition politicians questioned whether cheaper options had been considered.",
    "Training for the crews is expected to take place abroad.",
    "The announcement drew a sharp response from neighbouring capitals.",
    "Diplomats described the talks as constructive but unfinished.",
    "Industry sources said production lines are already running at full capacity.",
    "The decision follows months of negotiations over price and delivery schedules.",
    "Critics argue the money would be better spent on air defence.",
];

/// Sentences with numbers that belong to no record.
fn unrelated(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!(
            "Defence spending is due to rise by {} percent next year.",
            rng.range(2, 15)
        ),
        1 => format!(
            "The armed forces number about {},{:03} troops.",
            rng.range(2, 90),
            rng.below(1000)
        ),
        2 => format!(
            "Parliament passed the budget by {} votes to {}.",
            rng.range(60, 120),
            rng.range(5, 50)
        ),
        3 => format!(
            "The country joined the alliance's partnership programme in {}.",
            rng.range(1994, 2012)
        ),
        4 => format!(
            "Its first armoured brigade was formed {} years ago.",
            rng.range(5, 30)
        ),
        _ => rng.pick(FILLER).to_string(),
    }
}

/// One article about `main` (and, sometimes, `other` in its own paragraph). With `plant`,
/// one of its figures is wrong; the plant is returned with its position.
pub fn article(
    rng: &mut Rng,
    main: &Deal,
    other: Option<&Deal>,
    plant: bool,
) -> (String, Option<Planted>) {
    let mut s = String::with_capacity(3500);
    let (y, m, d) = main.date;
    let _ = write!(
        s,
        "---\ntitle: {b} cleared to buy {sys} {n}\ndate: {}\n---\n\n# {b} cleared to buy {sys} {n}\n\n",
        ymd((y, m, (d + 2).min(28))),
        b = main.buyer,
        sys = main.system,
        n = main.noun,
    );
    // Which figure is planted wrong: 0 count, 1 amount, 2 state.
    let which = plant.then(|| rng.below(3));
    let mut planted = None;

    // Paragraph 1: the approval and the count.
    let count = if which == Some(0) {
        wrong(rng, main.count)
    } else {
        main.count
    };
    let _ = write!(s, "The State Department approved a possible sale of ");
    let at = s.len();
    let _ = write!(s, "{count}");
    if which == Some(0) {
        planted = Some(Planted {
            code: "factcheck::count-mismatch",
            offset: at,
            text: count.to_string(),
        });
    }
    let _ = write!(
        s,
        " {} {} to {} on {}. {}\n\n",
        main.system,
        main.noun,
        main.buyer,
        long_date(main.date),
        unrelated(rng)
    );

    // Paragraph 2: the money.
    let millions = if which == Some(1) {
        wrong(rng, main.millions)
    } else {
        main.millions
    };
    let amount = money(rng, millions, which == Some(1));
    let lead = match rng.below(3) {
        0 => format!("{} officials put the value of the package at ", main.buyer),
        1 => format!("The {} sale is worth ", main.system),
        _ => format!("For {}, the estimated cost of the deal is ", main.buyer),
    };
    s.push_str(&lead);
    let at = s.len();
    s.push_str(&amount);
    if which == Some(1) {
        planted = Some(Planted {
            code: "factcheck::amount-mismatch",
            offset: at + amount.find(|c: char| c.is_ascii_digit()).unwrap_or(0),
            text: amount.clone(),
        });
    }
    let _ = write!(
        s,
        ", including spare parts and training. {}\n\n",
        unrelated(rng)
    );

    // Paragraph 3: Congress.
    if which == Some(2) {
        let lead = format!("The {} sale was ", main.system);
        s.push_str(&lead);
        let at = s.len();
        s.push_str("approved by Congress");
        planted = Some(Planted {
            code: "factcheck::status-mismatch",
            offset: at,
            text: "approved by Congress".into(),
        });
        s.push_str(" last month, officials said.\n\n");
    } else if rng.chance(50) {
        let _ = write!(
            s,
            "The Defense Security Cooperation Agency notified Congress of the {} sale on {}.\n\n",
            main.buyer,
            long_date(main.date)
        );
    } else {
        let _ = write!(
            s,
            "The {} deal still awaits approval from Congress. {}\n\n",
            main.buyer,
            unrelated(rng)
        );
    }

    // Filler paragraphs, now and then another deal.
    for k in 0..rng.range(3, 6) {
        if k == 1
            && let Some(o) = other
        {
            let _ = write!(
                s,
                "Separately, {} was cleared to buy {} {} {} for {}.\n\n",
                o.buyer,
                o.count,
                o.system,
                o.noun,
                money(rng, o.millions, false)
            );
            continue;
        }
        let n = rng.range(2, 4);
        for j in 0..n {
            if j > 0 {
                s.push(' ');
            }
            s.push_str(&unrelated(rng));
        }
        s.push_str("\n\n");
    }
    (s, planted)
}

/// Articles of about `bytes` in all: `(relative path, text, plant)`. Every `plant_every`-th
/// article carries one mismatch; one in six mentions a second deal.
pub fn articles(
    deals: &[Deal],
    bytes: usize,
    seed: u64,
    plant_every: usize,
) -> Vec<(String, String, Option<Planted>)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    let mut n = 0;
    while total < bytes {
        let main = &deals[rng.below(deals.len())];
        let other = rng
            .chance(16)
            .then(|| &deals[rng.below(deals.len())])
            .filter(|o| o.i != main.i && o.buyer != main.buyer);
        let plant = plant_every > 0 && n % plant_every == plant_every - 1;
        let (text, planted) = article(&mut rng, main, other, plant);
        total += text.len();
        out.push((format!("{:03}/{n:06}.md", n / 1000), text, planted));
        n += 1;
    }
    out
}

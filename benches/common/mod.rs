//! Shared by the benches: a small deterministic PRNG, a timing helper, a KB generator and a
//! news-text generator. Each bench uses only part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Randomness (SplitMix64: deterministic, no dependency)

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

// ---------------------------------------------------------------------------------------------
// Timing

pub struct Timing {
    pub runs: usize,
    pub min: Duration,
    pub median: Duration,
}

/// Runs `f` at least `min_runs` times, then again while `budget` lasts (at most `max_runs`
/// runs). The result is dropped outside the timed region.
pub fn time<R>(
    min_runs: usize,
    max_runs: usize,
    budget: Duration,
    mut f: impl FnMut() -> R,
) -> Timing {
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < min_runs || (samples.len() < max_runs && start.elapsed() < budget) {
        let t = Instant::now();
        let r = f();
        samples.push(t.elapsed());
        drop(black_box(r));
    }
    samples.sort();
    Timing {
        runs: samples.len(),
        min: samples[0],
        median: samples[samples.len() / 2],
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

// ---------------------------------------------------------------------------------------------
// KB generation (SPEC §2 format)

const SYLLABLES: [&str; 24] = [
    "ka", "ro", "mi", "ve", "su", "ta", "no", "li", "de", "ba", "zo", "re", "pa", "gu", "fe", "ni",
    "so", "tu", "la", "me", "di", "ko", "ra", "vu",
];

/// A made-up word of `n` two-letter syllables, one per base-24 digit of `i`: distinct `i`
/// below 24^n give distinct words, and words of different `n` never coincide.
pub fn word(mut i: usize, n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(SYLLABLES[i % 24]);
        i /= 24;
    }
    assert_eq!(i, 0, "word index out of range");
    let mut c = s.chars();
    let first = c.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(c).collect()
}

/// ~50 weapon systems: a few real names (so an article about Javelins finds its records),
/// then made-up four-syllable names.
pub const SYSTEMS: usize = 50;

struct System {
    id: String,
    names: Vec<String>,
    /// The noun counted ("missiles").
    noun: &'static str,
}

fn system(j: usize) -> System {
    const REAL: &[(&str, &[&str], &str)] = &[
        ("javelin", &["Javelin", "Javelins", "FGM-148F"], "missiles"),
        ("abrams", &["Abrams", "M1A2 Abrams"], "tanks"),
        ("himars", &["HIMARS", "M142 HIMARS"], "launchers"),
        ("stinger", &["Stinger", "FIM-92 Stinger"], "missiles"),
        ("patriot", &["Patriot", "MIM-104 Patriot"], "batteries"),
        ("harpoon", &["Harpoon", "Harpoons"], "missiles"),
        ("stryker", &["Stryker", "Strykers"], "vehicles"),
        ("f-16", &["F-16", "F-16V"], "jets"),
    ];
    const NOUNS: &[&str] = &[
        "missiles",
        "tanks",
        "launchers",
        "radars",
        "vehicles",
        "jets",
        "howitzers",
    ];
    if let Some((id, names, noun)) = REAL.get(j) {
        return System {
            id: id.to_string(),
            names: names.iter().map(|s| s.to_string()).collect(),
            noun,
        };
    }
    let w = word(j * 7919 % (24 * 24 * 24 * 24), 4);
    System {
        id: format!("sys-{j:02}"),
        names: vec![w.clone(), format!("{w} system")],
        noun: NOUNS[j % NOUNS.len()],
    }
}

/// Buyer `i`: buyer 0 is Kosovo (paired with the Javelin, like the real 2024 sale), the rest
/// are made-up three-syllable countries.
fn buyer(i: usize) -> (String, Vec<String>) {
    if i == 0 {
        return ("kosovo".into(), vec!["Kosovo".into(), "Pristina".into()]);
    }
    let w = word(i, 3);
    (format!("buyer-{i:05}"), vec![w.clone(), format!("{w}n")])
}

fn date(rng: &mut Rng) -> (usize, usize, usize) {
    (rng.range(2015, 2024), rng.range(1, 12), rng.range(1, 28))
}

fn ymd((y, m, d): (usize, usize, usize)) -> String {
    format!("{y}-{m:02}-{d:02}")
}

/// Money in one of the forms the article grammar reads, and its value in millions.
fn amount_string(rng: &mut Rng, millions: usize) -> String {
    let b = millions as f64 / 1000.0;
    match rng.below(6) {
        0 => format!("${millions} million"),
        1 => format!("US${millions}m"),
        2 => format!("€{millions} million"),
        3 if millions >= 1000 => format!("${b} billion"),
        4 => format!("USD {millions} million"),
        _ => format!("${millions}M"),
    }
}

/// A KB of `records` records split over `files` files: one file of authorities and systems,
/// then the records, each with its buyer entity and its source. Returns (file name, TOML).
pub fn generate_kb(records: usize, files: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(0x5EED ^ records as u64);
    let mut out = Vec::new();

    let mut common = String::from(
        "# Generated for benchmarks: authorities and weapon systems.\n\n\
         [[entity]]\nid = \"state-department\"\nkind = \"authority\"\n\
         names = [\"State Department\", \"Department of State\"]\n\n\
         [[entity]]\nid = \"congress\"\nkind = \"authority\"\n\
         names = [\"Congress\", \"US lawmakers\"]\n",
    );
    for j in 0..SYSTEMS {
        let s = system(j);
        let names: Vec<String> = s.names.iter().map(|n| format!("{n:?}")).collect();
        write!(
            common,
            "\n[[entity]]\nid = \"{}\"\nnames = [{}]\n",
            s.id,
            names.join(", ")
        )
        .unwrap();
    }
    out.push(("kb-000-common.toml".to_string(), common));

    let per_file = records.div_ceil(files.max(1));
    for (k, chunk) in (0..records)
        .collect::<Vec<_>>()
        .chunks(per_file)
        .enumerate()
    {
        let mut t = String::with_capacity(chunk.len() * 1200);
        for &i in chunk {
            let sys = system(i % SYSTEMS);
            let (bid, bnames) = buyer(i);
            let bname = &bnames[0];
            let d = date(&mut rng);
            let (count, cost) = if i == 0 {
                (246, "$75 million".to_string())
            } else {
                let m = rng.range(20, 9000);
                (rng.range(2, 600), amount_string(&mut rng, m))
            };
            let names: Vec<String> = bnames.iter().map(|n| format!("{n:?}")).collect();
            let sname = &sys.names[0];
            let noun = sys.noun;
            write!(
                t,
                "[[source]]\nid = \"src-{i:05}\"\ntitle = \"{bname} – {sname} {noun}\"\n\
                 publisher = \"Defense Security Cooperation Agency\"\npublished = {date}\n\
                 url = \"https://example.org/major-arms-sales/{i:05}\"\n\n\
                 [[entity]]\nid = \"{bid}\"\nnames = [{names}]\n\n\
                 [[record]]\nid = \"rec-{i:05}\"\n\
                 title = \"Possible Foreign Military Sale of {sname} {noun} to {bname}\"\n\
                 about = [\"{bid}\", \"{sid}\"]\nsource = \"src-{i:05}\"\ndate = {date}\n\n\
                 \x20 [[record.figure]]\n  id = \"units\"\n  count = {count}\n\
                 \x20 of = [\"{sname} {noun}\", \"{noun}\"]\n\n\
                 \x20 [[record.figure]]\n  id = \"estimated-cost\"\n  amount = \"{cost}\"\n\
                 \x20 of = [\"estimated cost\", \"possible sale\", \"sale\", \"package\"]\n\n",
                date = ymd(d),
                names = names.join(", "),
                sid = sys.id,
            )
            .unwrap();
            // The third figure: the signed contract, as a table or as a range.
            let later = ymd((d.0 + 1, d.1, d.2));
            if i % 2 == 0 {
                let v = rng.range(20, 9000) * 1_000_000 + rng.below(1000) * 1000;
                write!(t, "  [[record.figure]]\n  id = \"contract-value\"\n  amount = {{ value = {v}, currency = \"USD\" }}\n").unwrap();
            } else {
                let lo = rng.range(1, 9);
                write!(t, "  [[record.figure]]\n  id = \"contract-value\"\n  amount = {{ min = \"${lo} billion\", max = \"${lo}.5 billion\" }}\n").unwrap();
            }
            write!(
                t,
                "  date = {later}\n  tolerance = \"1%\"\n  of = [\"contract\", \"deal\"]\n\n\
                 \x20 [[record.status]]\n  authority = \"state-department\"\n  state = \"approved\"\n  date = {date}\n\n\
                 \x20 [[record.status]]\n  authority = \"congress\"\n  state = \"notified\"\n  date = {date}\n\n",
                date = ymd(d),
            )
            .unwrap();
        }
        out.push((format!("kb-{:03}.toml", k + 1), t));
    }
    out
}

/// Writes generated KB files into `dir` (which must exist).
pub fn write_kb(dir: &Path, files: &[(String, String)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write KB file");
    }
}

// ---------------------------------------------------------------------------------------------
// News text

/// Deals of the built-in KB, with names its entities know: (buyer, adjective, system, noun).
const DEALS: &[(&str, &str, &str, &str)] = &[
    ("Kosovo", "Kosovar", "Javelin", "Javelin missiles"),
    ("Romania", "Romanian", "Javelin", "Javelin missiles"),
    ("Poland", "Polish", "Abrams", "Abrams tanks"),
    ("Romania", "Romanian", "Abrams", "tanks"),
    ("Poland", "Polish", "HIMARS", "launchers"),
    ("Taiwan", "Taiwanese", "F-16", "F-16 fighter jets"),
    ("Taiwan", "Taiwanese", "Harpoon", "Harpoon missiles"),
    ("Taiwan", "Taiwanese", "HIMARS", "launchers"),
    ("Ukraine", "Ukrainian", "Stryker", "Stryker vehicles"),
    ("Ukraine", "Ukrainian", "Abrams", "Abrams tanks"),
    ("Finland", "Finnish", "F-35", "F-35 fighter jets"),
    ("Germany", "German", "F-35", "F-35A jets"),
    ("Greece", "Greek", "F-35", "aircraft"),
    ("Switzerland", "Swiss", "F-35", "F-35A aircraft"),
];

const AUTHORITIES: &[&str] = &[
    "the State Department",
    "Congress",
    "the Pentagon",
    "the Defense Security Cooperation Agency",
    "the White House",
];

use factcheck::date::MONTHS;

fn money(rng: &mut Rng) -> String {
    let m = rng.range(20, 990);
    let b = rng.range(1, 12);
    let dec = rng.range(1, 9);
    match rng.below(16) {
        0 => format!("${m} million"),
        1 => format!("${b}.{dec} billion"),
        2 => format!("US${m}m"),
        3 => format!("€{m} million (${} million)", m + m / 10),
        4 => format!("{m} million dollars"),
        5 => format!("USD {b}.{dec} billion"),
        6 => format!("${m},000,000"),
        7 => format!("£{m}m"),
        8 => format!("NT${b}.{dec} billion"),
        9 => format!("{b}.{dec} billion euros"),
        10 => format!("about ${m} million"),
        11 => format!("more than ${b} billion"),
        12 => format!("between ${b} billion and ${b}.{dec} billion"),
        13 => format!("${b}.{dec}bn"),
        14 => format!("PLN {b}.{dec} billion"),
        _ => format!("an estimated ${m} million"),
    }
}

fn count(rng: &mut Rng, noun: &str) -> String {
    let n = rng.range(2, 600);
    match rng.below(9) {
        0..=2 => format!("{n} {noun}"),
        3 => format!("more than {n} {noun}"),
        4 => format!("about {n} {noun}"),
        5 => format!("between {n} and {} {noun}", n + rng.range(5, 50)),
        6 => format!("dozens of {noun}"),
        7 => format!(
            "{},{:03} rounds of ammunition",
            rng.range(1, 20),
            rng.below(1000)
        ),
        _ => format!("two dozen {noun}"),
    }
}

fn day(rng: &mut Rng) -> String {
    let y = rng.range(2015, 2024);
    let m = MONTHS[rng.below(12)];
    let d = rng.range(1, 28);
    match rng.below(6) {
        0 => format!("on {m} {d}, {y}"),
        1 => format!("on {d} {m} {y}"),
        2 => format!("in {m} {y}"),
        3 => format!("in {y}"),
        4 => format!("on {y}-{:02}-{d:02}", rng.range(1, 12)),
        _ => "last Tuesday".to_string(),
    }
}

fn pct(rng: &mut Rng) -> String {
    let p = rng.range(2, 60);
    match rng.below(3) {
        0 => format!("{p} percent"),
        1 => format!("{p}.{}%", rng.below(10)),
        _ => format!("nearly {p} per cent"),
    }
}

const PROSE: &[&str] = &[
    "Officials declined to comment on the timeline for deliveries.",
    "Analysts say the weapons would strengthen the country's ability to deter an attack.",
    "The ministry said the purchase fits its long-term modernisation plan.",
    "Opposition politicians questioned whether the government had considered cheaper options.",
    "Training for the crews is expected to take place in the United States.",
    "The announcement drew a sharp response from neighbouring capitals.",
    "Diplomats described the talks as constructive but unfinished.",
    "A spokesperson for the embassy said the partnership had never been stronger.",
    "Industry sources said production lines are already running at full capacity.",
    "The decision follows months of negotiations over price and delivery schedules.",
    "Critics argue the money would be better spent on air defence.",
    "Local media reported that the first crews have already begun classroom training.",
];

/// One sentence of news: a count, an amount, a percentage, a date, an approval phrase, or
/// plain prose.
fn sentence(rng: &mut Rng, deal: (&str, &str, &str, &str)) -> String {
    let (buyer, adj, system, noun) = deal;
    let auth = *rng.pick(AUTHORITIES);
    match rng.below(16) {
        0 => format!(
            "{buyer} plans to buy {} under the agreement.",
            count(rng, noun)
        ),
        1 => format!(
            "The package includes {} and related equipment.",
            count(rng, noun)
        ),
        2 => format!(
            "The possible sale is worth {}, according to the notice.",
            money(rng)
        ),
        3 => format!(
            "{adj} officials put the value of the {system} deal at {}.",
            money(rng)
        ),
        4 => format!("Defence spending will rise by {} next year.", pct(rng)),
        5 => format!("The {system} contract was signed {}.", day(rng)),
        6 => format!("{} approved the possible sale {}.", capital(auth), day(rng)),
        7 => format!(
            "Congress was notified of the proposed {system} sale {}.",
            day(rng)
        ),
        8 => "The deal still awaits approval from Congress.".to_string(),
        9 => format!("{buyer} signed the contract for the {system} {}.", day(rng)),
        10 => format!("The first {noun} arrived {}.", day(rng)),
        11 => format!("The sale was approved by {auth} after a review."),
        12 => format!(
            "The estimated cost of {} is {}, or roughly {} of the annual budget.",
            count(rng, noun),
            money(rng),
            pct(rng)
        ),
        _ => rng.pick(PROSE).to_string(),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// One article of roughly `target` bytes about one deal of the built-in KB, as Markdown with
/// a heading; with front matter (a `date:` line) when `front_matter`.
pub fn article(rng: &mut Rng, target: usize, front_matter: bool) -> String {
    let deal = *rng.pick(DEALS);
    let mut s = String::with_capacity(target + 512);
    if front_matter {
        writeln!(
            s,
            "---\ntitle: {} to buy {}\ndate: {}-{:02}-{:02}\n---\n",
            deal.0,
            deal.3,
            rng.range(2016, 2025),
            rng.range(1, 12),
            rng.range(1, 28)
        )
        .unwrap();
    }
    writeln!(s, "# {} moves ahead with {} purchase\n", deal.0, deal.2).unwrap();
    while s.len() < target {
        let n = rng.range(2, 5);
        for k in 0..n {
            if k > 0 {
                s.push(' ');
            }
            // Now and then another deal is mentioned in passing.
            let d = if rng.chance(10) {
                *rng.pick(DEALS)
            } else {
                deal
            };
            s.push_str(&sentence(rng, d));
        }
        s.push_str("\n\n");
    }
    s
}

/// About `bytes` of news text: articles of ~3 KB one after the other, without front matter.
pub fn news(seed: u64, bytes: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut s = String::with_capacity(bytes + 4096);
    while s.len() < bytes {
        s.push_str(&article(&mut rng, 3000, false));
    }
    s
}

/// A Kosovo Javelin story of about 3 KB, written for these benches.
pub const KOSOVO_ARTICLE: &str = "---
title: Kosovo gets the green light for Javelin anti-tank missiles
date: 2024-01-16
---

# Kosovo gets the green light for Javelin anti-tank missiles

PRISTINA — The United States has agreed in principle to sell Kosovo its first modern anti-tank
weapons. The State Department approved a possible Foreign Military Sale of Javelin missiles on
January 11, 2024, and the Defense Security Cooperation Agency notified Congress the same day.

Under the proposal, Kosovo would receive 246 Javelin missiles, a figure that includes six
fly-to-buy rounds used for testing, and 24 lightweight command launch units. The package is
valued at an estimated $75 million and also covers spare parts, simulators, training and
logistics support from American contractors.

The sale is the largest arms purchase in the short history of the Kosovo Security Force, which
the government in Pristina has been turning into a small professional army since 2018. Defence
Minister officials said the missiles were meant purely for territorial defence and would be
deployed with infantry units over the next three years.

Lawmakers in Washington now have a review period in which they could object, so the deal still
awaits approval from Congress before a Letter of Offer and Acceptance can be signed. Such
objections are rare: the Senate Foreign Relations Committee and the House Foreign Affairs
Committee had already been consulted informally before the notification.

Serbia reacted angrily. Its president said the weapons would upset the balance of power in the
region and accused Washington of arming a breakaway province. Kosovo declared independence in
2008; Belgrade still does not recognise it, and tensions flared again in the north last
September after a shootout near a monastery left four people dead.

The Javelin has become one of the best-known Western weapons of the war in Ukraine, where
thousands of rounds have been fired at Russian armour since 2022. Demand has surged across
Europe. In December 2023 the State Department approved a separate sale of 263 Javelin missiles
and 26 command launch units to Romania, for about $80 million.

Kosovo's budget for the purchase amounts to roughly 40 percent of its annual capital spending on
defence, according to figures published by the finance ministry. Officials said the first
deliveries could arrive in 2025 if the contract is signed this spring, and that a second batch
of 250 missiles was not under discussion.

Separately, dozens of soldiers from the Iowa National Guard are serving with the NATO-led Kosovo
Force, which has kept the peace in the territory since 1999. Their rotation is due to end in the
autumn.

Analysts in Pristina said the deal mattered more as a political signal than as a military one.
\"Two dozen launchers will not change the map,\" one researcher said, \"but they show that the
United States is willing to treat Kosovo like any other partner.\"
";

pub mod corpus;

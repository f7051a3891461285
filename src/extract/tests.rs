//! Extraction tests: each form of SPEC §3 read from a sentence, with its value, span and
//! qualifier; the "not a number" cases; the approval lexicon's inline examples.

use super::*;
use crate::kb;

fn lexicon() -> &'static approval::Lexicon {
    static KB: std::sync::OnceLock<kb::Kb> = std::sync::OnceLock::new();
    KB.get_or_init(|| {
        kb::load_sources(kb::embedded_language()).expect("embedded language rules load")
    })
    .lexicon()
    .expect("embedded lexicon compiles")
}

/// (kind, text, value, qualifier, of) for every claim in `text`.
fn claims(text: &str) -> Vec<(String, String, String, String, String)> {
    claims_at(text, None)
}

fn claims_at(text: &str, date: Option<&str>) -> Vec<(String, String, String, String, String)> {
    let doc = Document::new(text);
    let ctx = Context {
        date: date.and_then(Date::parse),
    };
    extract(&doc, &ctx, lexicon())
        .iter()
        .map(|c| {
            let kind = serde_json::to_value(c.kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string();
            let (value, qual) = match &c.value {
                ClaimValue::Quantity(q) => {
                    let cur = match q.unit {
                        Unit::Money(Some(c)) => format!("{c} "),
                        _ => String::new(),
                    };
                    let v = match q.max {
                        Some(hi) => format!("{cur}{}..{}", q.value.normalize(), hi.normalize()),
                        None => format!("{cur}{}", q.value.normalize()),
                    };
                    (v, q.qualifier.name().to_string())
                }
                ClaimValue::Date(d) => (d.to_string(), String::new()),
                ClaimValue::Status {
                    authority, state, ..
                } => (
                    format!("{}:{state}", authority.as_deref().unwrap_or("-")),
                    String::new(),
                ),
            };
            let of = c.of.as_ref().map(|o| o.0.clone()).unwrap_or_default();
            (kind, doc.slice(c.span).to_string(), value, qual, of)
        })
        .collect()
}

fn one(text: &str) -> (String, String, String, String, String) {
    let got = claims(text);
    assert_eq!(got.len(), 1, "expected one claim in {text:?}, got {got:?}");
    got.into_iter().next().unwrap()
}

fn t(
    kind: &str,
    text: &str,
    value: &str,
    qual: &str,
    of: &str,
) -> (String, String, String, String, String) {
    (
        kind.into(),
        text.into(),
        value.into(),
        qual.into(),
        of.into(),
    )
}

#[test]
fn counts_with_their_counted_thing() {
    assert_eq!(
        one("Kosovo buys 246 Javelin missiles."),
        t("count", "246", "246", "exact", "Javelin missiles")
    );
    assert_eq!(
        one("It adds 24 lightweight sights and launchers, and spares."),
        t(
            "count",
            "24",
            "24",
            "exact",
            "lightweight sights and launchers"
        )
    );
    assert_eq!(
        one("Thirty-three soldiers deployed."),
        t("count", "Thirty-three", "33", "exact", "soldiers")
    );
    assert_eq!(
        one("They ordered 1,200 rounds."),
        t("count", "1,200", "1200", "exact", "rounds")
    );
    assert_eq!(
        one("Two dozen drones flew."),
        t("count", "Two dozen", "24", "exact", "drones")
    );
    assert_eq!(
        one("A dozen tanks arrived."),
        t("count", "A dozen", "12", "exact", "tanks")
    );
    assert_eq!(
        one("It holds two hundred forty-six missiles."),
        t("count", "two hundred forty-six", "246", "exact", "missiles")
    );
    assert_eq!(
        one("About 1.2 million shells"),
        t(
            "count",
            "About 1.2 million",
            "1200000",
            "approximate",
            "shells"
        )
    );
}

#[test]
fn spans_are_exact_bytes() {
    let text = "Kosovo’s order: 246 Javelin missiles.";
    let doc = Document::new(text);
    let c = &extract(&doc, &Context::default(), lexicon())[0];
    assert_eq!(&text[c.span.start..c.span.end], "246");
    assert_eq!(c.span.start, text.find("246").unwrap());
    assert_eq!(doc.locate(c.span.start).column, 17);
}

#[test]
fn money_forms() {
    let cases = [
        ("a $75 million package", "$75 million", "USD 75000000"),
        ("a $75m package", "$75m", "USD 75000000"),
        ("a US$75 million package", "US$75 million", "USD 75000000"),
        ("USD 75 million was paid", "USD 75 million", "USD 75000000"),
        (
            "the 75 million dollars went",
            "75 million dollars",
            "USD 75000000",
        ),
        ("it cost $75,000,000 then", "$75,000,000", "USD 75000000"),
        (
            "it cost $0.075 billion then",
            "$0.075 billion",
            "USD 75000000",
        ),
        ("a $1.2bn deal", "$1.2bn", "USD 1200000000"),
        ("a $1.1 billion deal", "$1.1 billion", "USD 1100000000"),
        ("a $75-million deal", "$75-million", "USD 75000000"),
        ("a €50 million deal", "€50 million", "EUR 50000000"),
        ("a £1.5bn deal", "£1.5bn", "GBP 1500000000"),
        ("EUR 50m was paid", "EUR 50m", "EUR 50000000"),
        ("an $80Mln deal", "$80Mln", "USD 80000000"),
        (
            "an NT$1.2 billion budget",
            "NT$1.2 billion",
            "TWD 1200000000",
        ),
        ("an A$2 billion buy", "A$2 billion", "AUD 2000000000"),
        ("a C$300 million buy", "C$300 million", "CAD 300000000"),
        ("CHF 12 million was paid", "CHF 12 million", "CHF 12000000"),
        (
            "Poland paid 1.5 billion zlotys",
            "1.5 billion zlotys",
            "PLN 1500000000",
        ),
        (
            "Germany paid 9.14 billion euros",
            "9.14 billion euros",
            "EUR 9140000000",
        ),
    ];
    for (text, span, value) in cases {
        let got = one(text);
        assert_eq!(
            (got.0.as_str(), got.1.as_str(), got.2.as_str()),
            ("money", span, value),
            "{text}"
        );
    }
    // Exact decimals: no float error.
    assert_eq!(one("a $1.1 billion deal").2, "USD 1100000000");
}

#[test]
fn conversion_beside_an_amount_is_one_claim() {
    let doc = Document::new("The deal, €800 million ($870 million), was signed.");
    let cs = extract(&doc, &Context::default(), lexicon());
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!(
        cs[0].conversions,
        vec![(money::Currency("USD"), Decimal::from(870_000_000))]
    );
    let doc = Document::new("It costs $10 billion, or 9.14 billion euros.");
    let cs = extract(&doc, &Context::default(), lexicon());
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!(cs[0].conversions.len(), 1);
}

#[test]
fn percentages() {
    assert_eq!(one("up 5% on the year").2, "5");
    assert_eq!(one("up 5 percent on the year").1, "5 percent");
    assert_eq!(one("up five per cent on the year").2, "5");
    assert_eq!(one("up 5% on the year").0, "percent");
}

#[test]
fn dates() {
    assert_eq!(one("On January 11, 2024, it was done.").2, "2024-01-11");
    assert_eq!(one("On 11 Jan 2024 it was done.").2, "2024-01-11");
    assert_eq!(one("On 2024-01-11 it was done.").2, "2024-01-11");
    assert_eq!(one("In January 2024 it was done.").2, "2024-01");
    assert_eq!(
        one("In 2023 it was done."),
        t("date", "2023", "2023", "", "")
    );
    // "on Thursday" is placed only with the article's date; without it, a weekday.
    assert_eq!(
        claims("It was approved on Thursday."),
        [t("date", "on Thursday", "Thursday", "", "")]
    );
    let got = claims_at("It was approved on Thursday.", Some("2024-01-12"));
    assert_eq!(got, [t("date", "on Thursday", "2024-01-11", "", "")]);
}

#[test]
fn qualifiers() {
    assert_eq!(one("about 250 missiles").3, "approximate");
    assert_eq!(one("roughly 250 missiles").3, "approximate");
    assert_eq!(one("an estimated 250 missiles").3, "approximate");
    assert_eq!(one("more than 250 missiles").3, "lower_bound");
    assert_eq!(one("at least 250 missiles").3, "lower_bound");
    assert_eq!(one("upwards of 250 missiles").3, "lower_bound");
    assert_eq!(one("fewer than 250 missiles").3, "upper_bound");
    assert_eq!(one("up to 250 missiles").3, "upper_bound");
    assert_eq!(one("nearly 250 missiles").3, "just_below");
    assert_eq!(one("just under 250 missiles").3, "just_below");
    assert_eq!(one("250 missiles or more").3, "lower_bound");
}

#[test]
fn ranges_and_vague_magnitudes() {
    assert_eq!(
        one("between 200 and 250 missiles"),
        t(
            "count",
            "between 200 and 250",
            "200..250",
            "range",
            "missiles"
        )
    );
    assert_eq!(one("200 to 250 missiles").2, "200..250");
    assert_eq!(one("200-250 missiles").2, "200..250");
    assert_eq!(
        one("dozens of soldiers"),
        t("count", "dozens of soldiers", "24..99", "vague", "soldiers")
    );
    assert_eq!(one("hundreds of troops").2, "200..999");
    assert_eq!(
        one("between $1 billion and $1.2 billion").2,
        "USD 1000000000..1200000000"
    );
}

#[test]
fn not_numbers() {
    for text in [
        "the 3rd Brigade moved",
        "the Iowa National Guard's 1st Battalion",
        "soldiers of the 2-211th General Support Aviation Battalion",
        "an F-16 flew",
        "the M1A2 tank",
        "FGM-148F missiles",
        "a Patriot PAC-3 battery",
        "call 555-123-4567 now",
        "call +1-202-555-0100 now",
        "at 10:30 the vote came",
        "the bill passed 311-112 in the House",
        "senators voted 79 to 18 for it",
        "under Section 1206 authority",
        "F-16 Block 70 jets",
        "the one you mentioned",
    ] {
        let got: Vec<_> = claims(text)
            .into_iter()
            .filter(|c| c.0 != "status")
            .collect();
        assert!(got.is_empty(), "{text:?} gave {got:?}");
    }
}

#[test]
fn markdown_markup_is_not_read() {
    let text = "# 2024 review\n\n1. See [the notice](https://example.org/2024/01/246) and `code 99`.\n<!-- 12 missiles -->\n";
    let got = claims(text);
    assert_eq!(
        got,
        [t("date", "2024", "2024", "", "")],
        "only the year in the heading text"
    );
}

#[test]
fn approval_states() {
    let s = |text: &str| -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|c| c.0 == "status")
            .map(|c| c.2)
            .collect()
    };
    assert_eq!(
        s("The package is awaiting approval from the United States Congress."),
        ["congress:pending"]
    );
    assert_eq!(
        s("The State Department indicated that a sale of missiles to Kosovo could proceed."),
        ["state-department:approved"]
    );
    assert_eq!(
        s("Congress has not yet approved the sale."),
        ["congress:pending"]
    );
    assert_eq!(
        s("The State Department is expected to approve the sale."),
        ["state-department:pending"]
    );
    assert_eq!(
        s("The transfer would need congressional approval."),
        ["congress:pending"]
    );
    assert_eq!(
        s("The agency notified Congress on Thursday."),
        ["congress:notified"]
    );
    assert_eq!(s("Congress blocked the sale."), ["congress:rejected"]);
    assert_eq!(s("The first tanks arrived in March."), ["-:delivered"]);
    assert_eq!(
        s("The Army awarded a contract for the launchers."),
        ["-:contracted"]
    );
    assert_eq!(
        s("The package was already approved by the United States Congress."),
        ["congress:approved"]
    );
}

/// Every `examples` entry of every phrase in the language rules holds.
#[test]
fn lexicon_inline_examples() {
    let kb = kb::load_sources(kb::embedded_language()).unwrap();
    // Examples may name buyers ("Kosovo signed…"): give the lexicon a party to find.
    let mut names = kb.names();
    names.push(approval::Names {
        id: "kosovo".into(),
        names: vec!["Kosovo".into()],
        authority: false,
    });
    let lex = approval::Lexicon::new(kb.phrases.clone(), &names).unwrap();
    let mut n = 0;
    for ph in lex.phrases() {
        assert!(
            !ph.examples.is_empty(),
            "phrase {:?} has no example",
            ph.pattern
        );
        for ex in &ph.examples {
            n += 1;
            let doc = Document::new(ex.text.as_str());
            let got: Vec<(Option<String>, State)> = lex
                .find(&doc)
                .into_iter()
                .filter_map(|c| match c.value {
                    ClaimValue::Status {
                        authority, state, ..
                    } => Some((authority, state)),
                    _ => None,
                })
                .collect();
            match ex.state {
                None => assert!(
                    got.is_empty(),
                    "{:?} must yield no state, got {got:?}",
                    ex.text
                ),
                Some(st) => assert_eq!(
                    got,
                    vec![(ex.authority.clone(), st)],
                    "example {:?}",
                    ex.text
                ),
            }
        }
    }
    assert!(n >= 20, "only {n} examples");
}

#[test]
fn seed_like_paragraph_has_no_spurious_claims() {
    let text = "Officials say the systems bolster defensive capabilities. The procurement aims to deter aggression while raising questions about regional frameworks.";
    assert!(claims(text).is_empty());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

        /// Any input: no panic, and every span lies on char boundaries inside the text.
        #[test]
        fn never_panics_and_spans_are_sound(text in "\\PC{0,200}") {
            let doc = Document::new(text.clone());
            let lex = approval::Lexicon::new(vec![], &[]).unwrap();
            for c in extract(&doc, &Context::default(), &lex) {
                for s in [c.span, c.value_span] {
                    prop_assert!(s.start <= s.end && s.end <= text.len());
                    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                }
            }
        }

        /// Number-ish soup (digits, separators, scale words, currency marks) never panics.
        #[test]
        fn number_soup(parts in proptest::collection::vec(prop_oneof![
            Just("$"), Just("€"), Just("1,200"), Just("1.5"), Just("-"), Just("246"), Just("million"),
            Just("and"), Just("a"), Just("half"), Just("dozen"), Just("two"), Just("hundred"),
            Just("%"), Just("to"), Just("between"), Just("US"), Just("/"), Just("3"), Just("."),
            Just("twenty"), Just("fifths"), Just("point"), Just("over"), Just("bn"), Just("99999999999999999999"),
        ], 0..12)) {
            let text = parts.join(" ");
            let doc = Document::new(text.clone());
            let lex = approval::Lexicon::new(vec![], &[]).unwrap();
            for c in extract(&doc, &Context::default(), &lex) {
                prop_assert!(c.span.end <= text.len());
            }
        }

        /// Starting to read only near numeric tokens finds exactly what trying every token
        /// finds, on number-ish soup with qualifiers, dates and prose words.
        #[test]
        fn anchored_reading_finds_the_same(parts in proptest::collection::vec(prop_oneof![
            Just("$"), Just("€"), Just("1,200"), Just("1.5"), Just("-"), Just("246"), Just("million"),
            Just("and"), Just("a"), Just("half"), Just("dozen"), Just("two"), Just("hundred"),
            Just("%"), Just("to"), Just("between"), Just("US"), Just("("), Just("+1"), Just("."),
            Just("more"), Just("than"), Just("no"), Just("fewer"), Just("as"), Just("many"),
            Just("upwards"), Just("of"), Just("an"), Just("estimated"), Just("some"), Just("on"),
            Just("Thursday"), Just("January"), Just("11"), Just(","), Just("2024"), Just("dozens"),
            Just("missiles"), Just("the"), Just("sale"), Just("F-16"), Just("percent"), Just("per"),
            Just("cent"), Just("USD"), Just("NT$"), Just("bn"), Just("¾"), Just("tens"), Just("thousands"),
            Just("nearly"), Just("at"), Just("least"), Just("up"), Just("or"), Just("worth"),
            Just("c"), Just("About"), Just("Between"), Just("minus"), Just("≥"), Just("~"), Just("A"),
            Just(".08"), Just("'"), Just("\""), Just(")"), Just(";"), Just("’"), Just("in"),
            Just("excess"), Just("is"), Just("hk"), Just("usd"), Just("C$"), Just("just"), Just("under"),
        ], 0..24)) {
            let text = parts.join(" ");
            let doc = Document::new(text.clone());
            let ctx = Context { date: Date::parse("2024-01-16") };
            let a = format!("{:?}", extract_with(&doc, &ctx, lexicon(), true));
            let b = format!("{:?}", extract_with(&doc, &ctx, lexicon(), false));
            prop_assert_eq!(a, b, "{}", text);
        }

        /// A count printed in many styles reads back equal.
        #[test]
        fn printed_numbers_read_back(n in 1u64..1_000_000_000u64) {
            let lex = approval::Lexicon::new(vec![], &[]).unwrap();
            let plain = n.to_string();
            let grouped = crate::fmt::number(Decimal::from(n));
            for text in [format!("They bought {plain} drones."), format!("They bought {grouped} drones.")] {
                let doc = Document::new(text.clone());
                let cs = extract(&doc, &Context::default(), &lex);
                let q = cs.iter().find_map(|c| c.quantity().copied());
                // Four-digit values from 1900 to 2100 followed by a plural noun are counts too.
                prop_assert_eq!(q.map(|q| q.value), Some(Decimal::from(n)), "{}", text);
            }
            // "$N million" reads back as N * 1e6 dollars.
            if n < 100_000 {
                let text = format!("a ${n} million deal");
                let doc = Document::new(text.clone());
                let cs = extract(&doc, &Context::default(), &lex);
                let q = cs.iter().find_map(|c| c.quantity().copied());
                prop_assert_eq!(q.map(|q| q.value), Some(Decimal::from(n) * Decimal::from(1_000_000)), "{}", text);
            }
        }

        /// Numbers written in words read back equal.
        #[test]
        fn spelled_numbers_read_back(n in 1u32..1_000_000u32) {
            let lex = approval::Lexicon::new(vec![], &[]).unwrap();
            let text = format!("They bought {} drones.", spell(n));
            let doc = Document::new(text.clone());
            let cs = extract(&doc, &Context::default(), &lex);
            let q = cs.iter().find_map(|c| c.quantity().copied());
            prop_assert_eq!(q.map(|q| q.value), Some(Decimal::from(n)), "{}", text);
        }
    }

    fn spell(n: u32) -> String {
        const ONES: [&str; 20] = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        const TENS: [&str; 10] = [
            "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        fn below_1000(n: u32) -> String {
            let mut parts = Vec::new();
            if n >= 100 {
                parts.push(format!("{} hundred", ONES[(n / 100) as usize]));
            }
            let r = n % 100;
            if r > 0 {
                if r < 20 {
                    parts.push(ONES[r as usize].to_string());
                } else if r.is_multiple_of(10) {
                    parts.push(TENS[(r / 10) as usize].to_string());
                } else {
                    parts.push(format!(
                        "{}-{}",
                        TENS[(r / 10) as usize],
                        ONES[(r % 10) as usize]
                    ));
                }
            }
            parts.join(" ")
        }
        if n >= 1000 {
            let rest = n % 1000;
            let head = format!("{} thousand", below_1000(n / 1000));
            if rest == 0 {
                head
            } else {
                format!("{head} {}", below_1000(rest))
            }
        } else {
            below_1000(n)
        }
    }
}

/// Starting to read only near numeric tokens finds exactly what trying every token finds, on
/// every article the project has (examples, corpora) and, when it is beside the project, the
/// public recognizers suite.
#[test]
fn anchored_reading_matches_full_reading_on_real_text() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = crate::test_support::bundled_articles();
    assert!(texts.len() >= 40, "only {} articles found", texts.len());
    let suite = root.join("../shared/peer-suites/recognizers-en");
    for f in [
        "number.jsonl",
        "currency.jsonl",
        "percent.jsonl",
        "range.jsonl",
    ] {
        let Ok(t) = std::fs::read_to_string(suite.join(f)) else {
            continue;
        };
        for line in t.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if let Some(i) = v["input"].as_str() {
                texts.push((format!("{f}: {i}"), i.to_string()));
            }
        }
    }
    let ctx = Context {
        date: Date::parse("2024-01-16"),
    };
    for (name, text) in &texts {
        let doc = Document::new(text.as_str());
        let a = format!("{:?}", extract_with(&doc, &ctx, lexicon(), true));
        let b = format!("{:?}", extract_with(&doc, &ctx, lexicon(), false));
        assert!(a == b, "{name}: anchored and full reading differ");
    }
}

/// Arithmetic on a number that outgrows a decimal (28 digits and a "dozen", "and a half")
/// is no claim, never a panic (found by the span proptest).
#[test]
fn overflowing_number_words_are_no_claim() {
    for text in [
        "They bought 6602400000000000000000000000 dozen missiles.",
        "They bought 79228162514264337593543950335 and a half tanks.",
        "It cost 79228162514264337593543950335.5 dollars.",
        "They sent 9999999999999999999999999999 thousand and 9999999999999999999999999999 troops.",
        "Worth 70000000000000000000000000000 and three quarters billion dollars.",
    ] {
        let got = claims(text);
        assert!(
            got.iter()
                .all(|c| !c.2.contains("7922816") && !c.2.contains("66024")),
            "{text}: {got:?}"
        );
    }
}

/// A phrase's word in front matter, in a document with no sentence at all, is no claim and
/// no panic (found by the extraction fuzz target).
#[test]
fn phrase_words_outside_every_sentence() {
    for text in [
        "---\ntitle: Finland cleared to buy 64 F-35s\ndate:12\n---\n",
        "<!-- Congress approved the sale -->",
        "",
    ] {
        let doc = Document::new(text);
        let _ = extract(&doc, &Context::default(), lexicon());
    }
    assert!(claims("---\ntitle: Congress approved it\n---\n").is_empty());
}

/// Issue class: weights read as money. A number of pounds is money with £, GBP or
/// "sterling", a scale, or money words around it; otherwise a weight, and a measure counts
/// no things.
#[test]
fn pounds_are_money_only_in_a_money_frame() {
    let money = |text: &str| -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|c| c.0 == "money")
            .map(|c| c.2)
            .collect()
    };
    for text in [
        "The drone weighs 3.5 pounds.",
        "Each round weighs up to 12 pounds, the maker says.",
        "It carries 500 pounds of explosives.",
    ] {
        assert_eq!(money(text), Vec::<String>::new(), "{text}");
        assert!(
            claims(text).iter().all(|c| c.0 != "count"),
            "a weight counts no things: {text}: {:?}",
            claims(text)
        );
    }
    for (text, want) in [
        ("Britain signed a 5 million pound contract.", "GBP 5000000"),
        ("The spares cost 400 pounds each.", "GBP 400"),
        ("A 300 pound deal was struck.", "GBP 300"),
        ("It is worth 250 million pounds sterling.", "GBP 250000000"),
        ("They paid £12 for it.", "GBP 12"),
    ] {
        assert_eq!(money(text), [want], "{text}");
    }
}

/// Claims of one kind, as (text, value, of).
fn kind_of(text: &str, kind: &str) -> Vec<(String, String, String)> {
    claims(text)
        .into_iter()
        .filter(|c| c.0 == kind)
        .map(|c| (c.1, c.2, c.4))
        .collect()
}

fn cv(text: &str, value: &str, of: &str) -> (String, String, String) {
    (text.into(), value.into(), of.into())
}

/// `text` has one count, `n` things counted by the noun phrase `noun`.
#[track_caller]
fn one_count(text: &str, n: &str, noun: &str) {
    assert_eq!(kind_of(text, "count"), [cv(n, n, noun)], "{text}");
}

/// Issue class: model designations. A number that is part of a product name (a capitalised
/// name opening a noun phrase, a number with a capital letter glued to it, a code) is no
/// quantity, and a counted noun phrase takes it in whole.
#[test]
fn numbers_in_product_names_are_not_quantities() {
    for text in [
        "The navy will order more Harpoon 800 launchers next year.",
        "The Osprey 250 weighs more than its rival.",
        "Officials praised the Falcon 300M variant.",
        "Its Lynx 4 AX vehicles are due soon.",
    ] {
        let got = claims(text);
        assert!(
            got.iter().all(|c| c.0 != "count" && c.0 != "number"),
            "{text}: {got:?}"
        );
    }
    one_count(
        "Kyiv asked for 36 Kestrel 400 drones.",
        "36",
        "Kestrel 400 drones",
    );
    one_count(
        "The army buys 6 Lynx 4 AX vehicles.",
        "6",
        "Lynx 4 AX vehicles",
    );
    // A designator with a Roman numeral, even across a wrapped line.
    one_count(
        "Rabat wants 500 Stinger Block\nI missiles and related\nequipment, officials said.",
        "500",
        "Stinger Block\nI missiles",
    );
    one_count(
        "Taipei buys 60 Harpoon Block IIA missiles.",
        "60",
        "Harpoon Block IIA missiles",
    );
    // A verb in the present after the counted noun is not part of it.
    one_count(
        "The deal for 440 Tomahawk missiles marks Japan's first step.",
        "440",
        "Tomahawk missiles",
    );
    one_count("Its 24 launchers gives the army reach.", "24", "launchers");
    one_count(
        "Seoul buys 36 Apache helicopters plus spares.",
        "36",
        "Apache helicopters",
    );
    // A verb before the name: the number after it is still a count.
    one_count("Berlin gives Ukraine 31 tanks.", "31", "tanks");
}

/// Issue class: a number in words with its digits in brackets is one claim, counting what
/// follows the bracket; digits alone in brackets count it too.
#[test]
fn spelled_numbers_with_digits_in_brackets_are_one_claim() {
    assert_eq!(
        claims("The package holds forty-eight (48) Trident rockets."),
        [t(
            "count",
            "forty-eight (48)",
            "48",
            "exact",
            "Trident rockets"
        )]
    );
    assert_eq!(
        kind_of(
            "It lists two hundred (200) trucks and ten (10) trailers.",
            "count"
        ),
        [
            cv("two hundred (200)", "200", "trucks"),
            cv("ten (10)", "10", "trailers")
        ]
    );
    assert_eq!(
        kind_of("The buyer gets (3,100) rounds of ammunition.", "count"),
        [cv("3,100", "3100", "rounds")]
    );
    // Different values in and out of the brackets stay two numbers.
    assert_eq!(claims("It buys twelve (13) trucks.").len(), 2);
}

/// Issue class: the counted noun. A list's later counts with the noun left out count its
/// first noun; a company name or code in brackets and hyphenated compounds belong to the
/// phrase; a past-tense verb right after a number is no noun.
#[test]
fn counted_nouns_in_lists_compounds_and_names() {
    assert_eq!(
        kind_of(
            "Riga will get 9 launchers in 2025, 14 in 2026 and 6 in 2027.",
            "count"
        ),
        [
            cv("9", "9", "launchers"),
            cv("14", "14", "launchers"),
            cv("6", "6", "launchers")
        ]
    );
    assert_eq!(
        kind_of(
            "The unit fields 40 howitzers, plus 12 more in reserve.",
            "count"
        ),
        [cv("40", "40", "howitzers"), cv("12", "12", "howitzers")]
    );
    assert_eq!(
        kind_of("Of the 90 trucks promised, 61 arrived by June.", "count"),
        [cv("90", "90", "trucks"), cv("61", "61", "trucks")]
    );
    // A number with a noun of its own keeps it; a span of time counts nothing.
    one_count("It bought 12 trucks, 3 years ago.", "12", "trucks");
    one_count(
        "A team tested 64 try-before-buy kits.",
        "64",
        "try-before-buy kits",
    );
    one_count(
        "Lisbon is buying 240 Rheinmetall (RHM) Skyranger turrets.",
        "240",
        "Rheinmetall (RHM) Skyranger turrets",
    );
    one_count(
        "The deal has 30 sights and associated spares.",
        "30",
        "sights",
    );
    one_count(
        "It ordered 80 armoured vehicles.",
        "80",
        "armoured vehicles",
    );
}

/// What an amount prices is a compound up to its head noun ("foreign aid package"), and
/// stops before the verb that follows a priced noun.
#[test]
fn amounts_price_compounds_up_to_their_head() {
    assert_eq!(
        kind_of("The $95.3 billion foreign aid package passed.", "money"),
        [cv(
            "$95.3 billion",
            "USD 95300000000",
            "foreign aid package"
        )]
    );
    assert_eq!(
        kind_of("A $75 million Javelin package passed.", "money"),
        [cv("$75 million", "USD 75000000", "Javelin package")]
    );
    assert_eq!(
        kind_of("It got $60.8 billion Ukraine aid overall.", "money"),
        [cv("$60.8 billion", "USD 60800000000", "Ukraine aid")]
    );
}

/// Issue class: bad values. An unknown scale drops the claim; a negative or fractional
/// count of whole things is no claim; a fraction below one of them is a share (a number).
#[test]
fn bad_values_make_no_claim() {
    for text in [
        "A forum put the cost at $4.5 septillion.",
        "The ledger showed -12 launchers.",
        "Each unit holds 7.5 launchers on average.",
        "Some claimed a zillion drones were coming.",
    ] {
        assert_eq!(claims(text), [], "{text}");
    }
    assert_eq!(
        kind_of("Stocks reached 1.5 million rounds.", "count"),
        [cv("1.5 million", "1500000", "rounds")]
    );
    assert_eq!(
        claims("Reports said 0.5 tanks per unit."),
        [t("number", "0.5", "0.5", "exact", "")]
    );
}

/// Issue class: lookalikes. Tallies with their noun after, slashed codes, postal codes,
/// house numbers and compound modifiers of time or measure are no quantities.
#[test]
fn lookalikes_are_no_quantities() {
    for text in [
        "The motion passed in a 62-38 vote.",
        "Crews work 24/7 at the depot.",
        "Write to the office at ul. Lipowa 3, 02-512 Krakow.",
        "It was a 12-hour shift.",
        "The minister began a three-day visit.",
        "A 30-strong team flew out.",
        "Each shell weighs 40 kg.",
    ] {
        assert_eq!(claims(text), [], "{text}");
    }
    // A fraction is still read.
    assert_eq!(one("It holds 3/4 of the stock.").2, "0.75");
}

/// Issue class: currency codes and names written against the number. A code glued to its
/// digits takes the scale glued to them or the scale word after them; an abbreviated scale's
/// period stands between a number and its code; currency names with a country adjective.
#[test]
fn currency_codes_written_against_the_number() {
    let money = |text: &str| -> Vec<(String, String)> {
        claims(text)
            .into_iter()
            .filter(|c| c.0 == "money")
            .map(|c| (c.1, c.2))
            .collect()
    };
    let m = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    assert_eq!(
        money("Zurich earmarked CHF75 million for radars."),
        m("CHF75 million", "CHF 75000000")
    );
    assert_eq!(
        money("The deal grew to EUR2.4bn last year."),
        m("EUR2.4bn", "EUR 2400000000")
    );
    assert_eq!(
        money("Warsaw's PLN6.1 billion plan stalled."),
        m("PLN6.1 billion", "PLN 6100000000")
    );
    assert_eq!(
        money("It paid USD40m up front."),
        m("USD40m", "USD 40000000")
    );
    assert_eq!(
        money("Exports reached 7 bn. USD in 2021."),
        m("7 bn. USD", "USD 7000000000")
    );
    assert_eq!(
        money("Brno pays 12 billion Czech koruna for the guns."),
        m("12 billion Czech koruna", "CZK 12000000000")
    );
    assert_eq!(
        money("Oslo pays three billion Norwegian kroner for shells."),
        m("three billion Norwegian kroner", "NOK 3000000000")
    );
    // A code that opens a hyphenated designation is no currency: FIM (the markka) in a
    // Stinger's designation.
    assert_eq!(
        money("Rabat asked for 500 FIM-92K Stinger missiles."),
        vec![]
    );
    assert_eq!(
        kind_of(
            "Rabat asked for up to 500 FIM-92K Stinger missiles.",
            "count"
        ),
        [cv("up to 500", "500", "FIM-92K Stinger missiles")]
    );
    // Bare "kroner": the country the sentence names.
    assert_eq!(
        money("Copenhagen spends 4 billion kroner on frigates."),
        m("4 billion kroner", "DKK 4000000000")
    );
    assert_eq!(
        money("Norway's 900m kroner order is signed."),
        m("900m kroner", "NOK 900000000")
    );
    // A conversion in brackets after "or" is part of the claim, not a second amount.
    let c = &extract(
        &Document::new("Brno pays 90 billion koruna (or $4 billion) for jets."),
        &Context::default(),
        lexicon(),
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].conversions.len(), 1);
}

/// Issue class: a number broken by a line break inside a paragraph is one number, when the
/// pieces make one; a blank line between them keeps them apart.
#[test]
fn numbers_wrapped_inside_a_paragraph_are_one() {
    assert_eq!(
        kind_of("Oslo's order is worth $2.\n4 billion in all.", "money"),
        [cv("$2.\n4 billion", "USD 2400000000", "")]
    );
    assert_eq!(
        kind_of("The lot holds 3,\n500 shells in store.", "count"),
        [cv("3,\n500", "3500", "shells")]
    );
    assert_eq!(
        kind_of("The lot holds 2,\r\n750 shells.", "count"),
        [cv("2,\r\n750", "2750", "shells")]
    );
    assert_eq!(
        kind_of("The depot keeps three hundred\ntwelve rockets.", "count"),
        [cv("three hundred\ntwelve", "312", "rockets")]
    );
    assert_eq!(
        kind_of("The battalion got 54\n155mm guns.", "count"),
        [cv("54", "54", "155mm guns")]
    );
    assert_eq!(
        kind_of("The battalion got 54 155 mm guns.", "count"),
        [cv("54", "54", "155 mm guns")]
    );
    // Not one number: a blank line, or pieces that make no number ("5,\n10").
    let got = claims("The total reached 3,\n\n500 engineers will help.");
    assert!(got.iter().all(|c| c.2 != "3500"), "{got:?}");
    let got = claims("They came in groups of 5,\n10 and 20.");
    assert!(got.iter().all(|c| c.2 != "5.1" && c.2 != "510"), "{got:?}");
    // A line of a paragraph a line that ends its sentence still ends its paragraph.
    let doc = Document::new("Poland buys tanks.\nThe deal is signed.");
    assert_eq!(doc.paragraphs.len(), 2);
    let doc = Document::new("Poland buys two hundred\nfifty tanks.");
    assert_eq!(doc.paragraphs.len(), 1);
}

/// Issue class: dates. A month of no stated year after a word that makes it a date is read
/// (`--MM`), with "early", "last" and the like; a day may have a leading zero and an
/// ordinal; day, month and year joined by points; "on Tuesday" is the latest such day on or
/// before the article's date, or in the future tense the next on or after it.
#[test]
fn months_weekdays_and_day_forms() {
    let dates = |text: &str, at: Option<&str>| -> Vec<(String, String)> {
        claims_at(text, at)
            .into_iter()
            .filter(|c| c.0 == "date")
            .map(|c| (c.1, c.2))
            .collect()
    };
    let d = |a: &str, b: &str| vec![(a.to_string(), b.to_string())];
    assert_eq!(
        dates("A ruling is due in October.", None),
        d("October", "--10")
    );
    assert_eq!(
        dates("Riga signed the deal last November, officials said.", None),
        d("last November", "--11")
    );
    assert_eq!(
        dates("Tests resumed in late April.", None),
        d("late April", "--04")
    );
    assert_eq!(
        dates("Firing trials begin in mid-June.", None),
        d("mid-June", "--06")
    );
    // No word that makes it a date: a name or a verb.
    assert_eq!(dates("May the talks succeed.", None), []);
    assert_eq!(dates("Theresa May spoke.", None), []);
    assert_eq!(
        dates("The envoys met on 07th June, 2022.", None),
        d("07th June, 2022", "2022-06-07")
    );
    assert_eq!(
        dates("Bids closed on 03.02.2024.", None),
        d("03.02.2024", "2024-02-03")
    );
    assert_eq!(dates("Version 1.2.2024 shipped.", None), []);
    // 2024-01-11 was a Thursday.
    assert_eq!(
        dates("The panel met on Tuesday.", Some("2024-01-11")),
        d("on Tuesday", "2024-01-09")
    );
    assert_eq!(
        dates("The panel will meet on Tuesday.", Some("2024-01-11")),
        d("on Tuesday", "2024-01-16")
    );
    assert_eq!(
        dates("The panel will meet on Thursday.", Some("2024-01-11")),
        d("on Thursday", "2024-01-11")
    );
    assert_eq!(
        dates("The panel will meet on Friday.", None),
        d("on Friday", "Friday")
    );
}

/// Issue class: approval states. A determination approving a sale; a request turned down;
/// the blessing a sale needs; "could still block"; a body qualified by another country is
/// that country's legislature or government, never a US authority, and one qualified as
/// American is Congress.
#[test]
fn approval_states_of_qualified_bodies() {
    let states = |text: &str| -> Vec<String> {
        claims(text)
            .into_iter()
            .filter(|c| c.0 == "status")
            .map(|c| c.2)
            .collect()
    };
    for (text, want) in [
        (
            "The Department of State has made a determination approving the transfer.",
            "state-department:approved",
        ),
        (
            "The Danish government turned the application down.",
            "government:rejected",
        ),
        (
            "The cabinet turned down the export request.",
            "government:rejected",
        ),
        (
            "The contract still needs the blessing of Congress.",
            "congress:pending",
        ),
        ("Senators could still derail the deal.", "congress:pending"),
        (
            "Estonian lawmakers approved the budget.",
            "parliament:approved",
        ),
        (
            "Hungarian senators blocked the sale.",
            "parliament:rejected",
        ),
        (
            "Norway's State Department approved it.",
            "government:approved",
        ),
        (
            "Republican lawmakers approved the sale.",
            "congress:approved",
        ),
        ("The U.S. Congress approved the sale.", "congress:approved"),
    ] {
        assert_eq!(states(text), [want], "{text}");
    }
    assert_eq!(
        states("Senators could not block the sale."),
        Vec::<String>::new()
    );
}

/// Number forms: a fraction whose tail after "and" holds wholes takes the whole cardinal
/// as its numerator; "X in Y" with nothing counted after it is a ratio; numbers said one by
/// one with hyphens; comma lists without spaces; a bound after the value wins over "about"
/// before it; "percent of N".
#[test]
fn ratios_fractions_lists_and_bounds() {
    assert_eq!(one("one hundred and forty fifths").2, "28");
    assert_eq!(
        one("one hundred and two thirds").2,
        "100.66666666666666666666666667"
    );
    assert_eq!(one("It is 1 in twenty.").2, "0.05");
    // A year or a counted noun after "in": no ratio.
    assert_eq!(claims("They got 12 in 2024.").len(), 2);
    assert_eq!(
        kind_of("Crews fired 3 in 10 minutes.", "number"),
        [cv("3", "3", ""), cv("10", "10", "")]
    );
    assert_eq!(
        claims("The code was five-nine-two.")
            .iter()
            .map(|c| c.2.clone())
            .collect::<Vec<_>>(),
        ["5", "9", "2"]
    );
    assert_eq!(
        claims("See pages 12,14,19.")
            .iter()
            .map(|c| (c.1.clone(), c.2.clone()))
            .collect::<Vec<_>>(),
        [
            ("12".to_string(), "12".to_string()),
            ("14".to_string(), "14".to_string()),
            ("19".to_string(), "19".to_string())
        ]
    );
    assert_eq!(one("Roughly 400 or more crews trained.").3, "lower_bound");
    assert_eq!(one("Roughly 400 crews trained.").3, "approximate");
    assert_eq!(
        claims("The rate is percent of 12."),
        [t("percent", "percent of 12", "12", "exact", "")]
    );
    // After a number, "percent of" is that number's.
    assert_eq!(
        kind_of("It lost 40 percent of 200 tanks.", "percent"),
        [cv("40 percent", "40", "")]
    );
}

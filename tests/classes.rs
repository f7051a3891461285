//! The failure classes of issue "Verdicts editors can trust", each with sentences of our own
//! (written differently from the issue's), checked against the built-in KB: the false-alarm
//! classes must stay silent (or agree), the miss classes must be flagged, and each class
//! has a counter-example that must still be flagged, so a fix cannot pass by going deaf.

use factcheck::check::{Checker, Options, Report};
use factcheck::date::Date;
use factcheck::kb;

/// (text, article date, the claim's words, how it must end).
type Case = (&'static str, &'static str, &'static str, &'static str);

fn outcome(ck: &Checker, text: &str, date: &str, claim: &str) -> (String, Report) {
    let rep = ck.check(
        text.to_string(),
        &Options {
            date: Date::parse(date),
            trace: true,
        },
    );
    let exact = rep
        .claims
        .iter()
        .position(|c| rep.doc.slice(c.value_span) == claim || rep.doc.slice(c.span) == claim);
    let ci = exact.or_else(|| {
        rep.claims
            .iter()
            .position(|c| rep.doc.slice(c.span).contains(claim))
    });
    // A wording that asserts nothing is read as no claim at all: silent.
    let got = ci.map_or_else(|| "silent (no claim)".to_string(), |ci| rep.outcome(ci));
    (got, rep)
}

fn run(class: &str, cases: &[Case]) {
    let kb = kb::embedded().expect("built-in KB");
    let ck = Checker::new(&kb).expect("checker");
    let mut wrong = Vec::new();
    for (text, date, claim, want) in cases {
        let (got, rep) = outcome(&ck, text, date, claim);
        if got != *want && !(got == "silent (no claim)" && *want == "silent") {
            let ci = rep
                .claims
                .iter()
                .position(|c| rep.doc.slice(c.span).contains(claim))
                .unwrap_or(0);
            wrong.push(format!(
                "{text:?}: “{claim}” ended {got}, want {want}\n{:#?}",
                rep.traces.get(ci).map(|t| (&t.evidence, &t.decision))
            ));
        }
    }
    assert!(wrong.is_empty(), "class {class}:\n{}", wrong.join("\n\n"));
}

#[test]
fn c01_dates_of_other_events() {
    run(
        "1",
        &[
            (
                "Kosovo has wanted anti-tank weapons since 2008, and Kosovo's Javelin deal now brings 246 Javelin missiles.",
                "2024-02-01",
                "246",
                "agrees",
            ),
            (
                "The Iowa National Guard's previous rotation to Kosovo wrapped up in 2021; KFOR now counts 33 Iowa soldiers.",
                "2024-01-10",
                "2021",
                "silent",
            ),
            (
                "Kosovo's first Javelin missiles are due to arrive in 2026, the State Department said after it approved the sale.",
                "2024-02-01",
                "2026",
                "silent",
            ),
            (
                "PRISTINA, Kosovo, Jan. 15 — The State Department approved Kosovo's Javelin sale.",
                "2024-01-15",
                "Jan. 15",
                "silent",
            ),
            (
                "In 2019, Kosovo bought 20 Javelin missiles from a stockpile.",
                "2024-02-01",
                "20",
                "silent",
            ),
            // Still flagged: the approval's own date, wrong.
            (
                "The State Department approved Kosovo's Javelin sale on Jan. 16, 2024.",
                "2024-02-01",
                "Jan. 16, 2024",
                "date-mismatch",
            ),
        ],
    );
}

#[test]
fn c02_negation_modality_conditions() {
    run(
        "2",
        &[
            (
                "Congress has never blocked a Javelin sale to Kosovo.",
                "2024-02-01",
                "Congress has never blocked",
                "silent",
            ),
            (
                "If Congress approves, Kosovo's Javelin missiles ship next year.",
                "2024-02-01",
                "Congress approves",
                "silent",
            ),
            (
                "The State Department has not rejected Kosovo's Javelin request.",
                "2024-02-01",
                "rejected",
                "silent",
            ),
            // Still flagged: an asserted state the KB contradicts.
            (
                "Congress approved Kosovo's Javelin sale last week.",
                "2024-01-15",
                "Congress approved",
                "status-mismatch",
            ),
        ],
    );
}

#[test]
fn c04_other_quantities() {
    run(
        "4",
        &[
            (
                "Kosovo's Javelin deal is done; a single Javelin round costs roughly $178,000 apiece.",
                "2024-02-01",
                "$178,000",
                "silent",
            ),
            (
                "Kosovo's Javelin sale sits inside a $1.2 billion army modernisation programme.",
                "2024-02-01",
                "$1.2 billion",
                "silent",
            ),
            (
                "Poland's defence spending came to 4.12% of GDP, and Warsaw has pledged to reach 5% of GDP.",
                "2024-07-01",
                "5%",
                "silent",
            ),
            // Still flagged: the deal's own value.
            (
                "Kosovo's Javelin sale is worth $57 million.",
                "2024-02-01",
                "$57 million",
                "amount-mismatch",
            ),
        ],
    );
}

#[test]
fn c05_another_purchase_by_the_same_buyer() {
    run(
        "5",
        &[
            (
                "In 2016, Kosovo bought 16 Javelin missiles.",
                "2024-02-01",
                "16",
                "silent",
            ),
            (
                "In 2016 Kosovo bought 16 Javelin missiles.",
                "2024-02-01",
                "16",
                "silent",
            ),
            (
                "Kosovo's Javelin deal follows an earlier, separate order of 40 Javelin missiles.",
                "2024-02-01",
                "40",
                "silent",
            ),
            // Still flagged: this deal, no other event in sight.
            (
                "Kosovo will receive 426 Javelin missiles.",
                "2024-02-01",
                "426",
                "count-mismatch",
            ),
        ],
    );
}

#[test]
fn c03_another_countrys_body() {
    run(
        "3",
        &[
            (
                "Kosovo's Javelin sale was cleared in January. Slovak lawmakers approved the purchase of their own Javelins the same week.",
                "2024-02-01",
                "approved",
                "silent",
            ),
            (
                "Kosovo's Javelin sale is in Washington's hands; the Polish parliament approved its own budget.",
                "2024-02-01",
                "approved",
                "silent",
            ),
            // Still flagged: Congress itself.
            (
                "Kosovo's Javelin sale was approved by Congress.",
                "2024-01-15",
                "approved by Congress",
                "status-mismatch",
            ),
        ],
    );
}

#[test]
fn c06_a_buyer_the_kb_does_not_know() {
    run(
        "6",
        &[
            (
                "Kosovo's Javelin sale was cleared in January. Neighbouring Montenegro bought 60 Javelin missiles.",
                "2024-02-01",
                "60",
                "silent",
            ),
            (
                "Kosovo's Javelin sale was cleared. Across the border, Albania ordered 90 Javelin missiles.",
                "2024-02-01",
                "90",
                "silent",
            ),
            // Still flagged: the record's own buyer.
            (
                "Kosovo's Javelin sale was cleared in January. Kosovo will get 60 Javelin missiles.",
                "2024-02-01",
                "60",
                "count-mismatch",
            ),
        ],
    );
}

#[test]
fn c07_inconsistency_only_for_the_same_thing() {
    run(
        "7",
        &[
            (
                "Poland will field 12 older T-72 tanks. Poland's 250 M1A2 SEPv3 Abrams tanks come later.",
                "2022-03-01",
                "250",
                "agrees",
            ),
            // Still flagged: one thing, two values.
            (
                "The army bought 40 practice rounds. A week later it had 44 practice rounds.",
                "2024-02-01",
                "44",
                "inconsistent-claims",
            ),
            // On the later mention even when the earlier is the wrong one (SPEC §4).
            (
                "Kosovo will receive 264 Javelin missiles. The 246 Javelin missiles come with 24 launchers.",
                "2024-02-01",
                "246",
                "inconsistent-claims",
            ),
            // Two values the KB both allows (under a ceiling) can both hold.
            (
                "Greece was cleared to buy 36 F-35 aircraft. A first batch of 20 F-35 aircraft is planned.",
                "2024-02-01",
                "20",
                "agrees",
            ),
        ],
    );
}

#[test]
fn c08_figures_tied_to_the_right_party() {
    run(
        "8",
        &[
            (
                "Lithuania and Latvia put 2.85% and 3.15% of GDP into defence respectively.",
                "2024-07-01",
                "2.85%",
                "agrees",
            ),
            (
                "Lithuania and Latvia put 2.85% and 3.15% of GDP into defence respectively.",
                "2024-07-01",
                "3.15%",
                "agrees",
            ),
            // The alliance's guideline named beside a country's share is the guideline.
            (
                "NATO says Greece's defence spending of 3.08% of GDP clears the 2% guideline.",
                "2024-07-01",
                "2%",
                "agrees",
            ),
            // Still flagged: a wrong share paired by "respectively".
            (
                "Lithuania and Latvia put 3.9% and 3.15% of GDP into defence respectively.",
                "2024-07-01",
                "3.9%",
                "percent-mismatch",
            ),
        ],
    );
}

#[test]
fn c09_one_wrong_date_one_finding() {
    let kb = kb::embedded().expect("built-in KB");
    let ck = Checker::new(&kb).expect("checker");
    let text = "The Defense Security Cooperation Agency notified Congress on Jan. 14 that the State Department had approved Kosovo's Javelin sale.";
    let rep = ck.check(
        text.into(),
        &Options {
            date: Date::parse("2024-02-01"),
            trace: false,
        },
    );
    let dates: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.code == "factcheck::date-mismatch")
        .collect();
    assert_eq!(dates.len(), 1, "{:#?}", rep.findings);
    assert!(
        dates[0].message.contains("Congress") && dates[0].message.contains("State Department"),
        "{}",
        dates[0].message
    );
}

#[test]
fn c10_amounts_labelled_after_the_number() {
    run(
        "10",
        &[
            (
                "Kosovo and Romania both won Javelin sales, worth $75 million for Kosovo and $80 million for Romania.",
                "2024-02-01",
                "$80 million",
                "agrees",
            ),
            (
                "Kosovo and Romania both won Javelin sales, worth $75 million for Kosovo and $80 million for Romania.",
                "2024-02-01",
                "$75 million",
                "agrees",
            ),
            // Still flagged: the labelled amount is wrong for its own party.
            (
                "Kosovo and Romania both won Javelin sales, worth $75 million for Kosovo and $90 million for Romania.",
                "2024-02-01",
                "$90 million",
                "amount-mismatch",
            ),
        ],
    );
}

#[test]
fn c11_cue_words_act_only_in_their_scope() {
    run(
        "11",
        &[
            (
                "Kosovo will receive 264 Javelin missiles and other equipment.",
                "2024-02-01",
                "264",
                "count-mismatch",
            ),
            (
                "Unlike its former owner's stock, Kosovo's Javelin package holds 264 Javelin missiles.",
                "2024-02-01",
                "264",
                "count-mismatch",
            ),
            (
                "Kosovo will receive 264 Javelin missiles, plus additional training.",
                "2024-02-01",
                "264",
                "count-mismatch",
            ),
            // Still silent: the cue on the claim itself.
            (
                "Kosovo's Javelin deal comes after a previous batch of 30 Javelin missiles.",
                "2024-02-01",
                "30",
                "silent",
            ),
        ],
    );
}

#[test]
fn c12_another_currency_is_a_mismatch_whatever_the_number() {
    run(
        "12",
        &[
            (
                "Kosovo's Javelin sale is worth €57 million.",
                "2024-02-01",
                "€57 million",
                "currency-mismatch",
            ),
            (
                "Kosovo's Javelin sale is worth €75 million.",
                "2024-02-01",
                "€75 million",
                "currency-mismatch",
            ),
            // A conversion beside it is checked in the KB's currency.
            (
                "Kosovo's Javelin sale is worth €69 million ($75 million).",
                "2024-02-01",
                "€69 million",
                "agrees",
            ),
        ],
    );
}

#[test]
fn c13_amounts_paired_with_listed_things_by_respectively() {
    run(
        "13",
        &[
            (
                "Washington has approved Polish requests for 821 JASSM-ER missiles and 745 AMRAAM missiles, priced at $1.77 billion and $1.69 billion respectively.",
                "2024-03-20",
                "$1.69 billion",
                "agrees",
            ),
            (
                "Washington has approved Polish requests for 821 JASSM-ER missiles and 745 AMRAAM missiles, priced at $1.77 billion and $1.69 billion respectively.",
                "2024-03-20",
                "$1.77 billion",
                "agrees",
            ),
            // Swapped: each amount is wrong for the thing it prices.
            (
                "Washington has approved Polish requests for 821 JASSM-ER missiles and 745 AMRAAM missiles, priced at $1.69 billion and $1.77 billion respectively.",
                "2024-03-20",
                "$1.69 billion",
                "amount-mismatch",
            ),
            (
                "Washington has approved Polish requests for 821 JASSM-ER missiles and 745 AMRAAM missiles, priced at $1.69 billion and $1.77 billion respectively.",
                "2024-03-20",
                "$1.77 billion",
                "amount-mismatch",
            ),
            // Three of each.
            (
                "Warsaw may buy 821 JASSM-ER missiles, 745 AMRAAM missiles and 232 AIM-9X missiles for $1.77 billion, $1.69 billion and $291.1 million respectively.",
                "2024-03-20",
                "$291.1 million",
                "amount-mismatch",
            ),
            (
                "Warsaw may buy 821 JASSM-ER missiles, 745 AMRAAM missiles and 232 AIM-9X missiles for $1.77 billion, $1.69 billion and $219.1 million respectively.",
                "2024-03-20",
                "$219.1 million",
                "agrees",
            ),
            // A total the KB records (`total = true`) is checked, not set aside as a sum.
            (
                "Taken together, Taiwan's NASAMS purchase and the radar sale are worth $2.7 billion.",
                "2024-11-01",
                "$2.7 billion",
                "amount-mismatch",
            ),
            (
                "Taken together, Taiwan's NASAMS purchase and the radar sale are worth $2 billion.",
                "2024-11-01",
                "$2 billion",
                "agrees",
            ),
            // With no recorded total, a sum stays silent.
            (
                "Counting every order, Kosovo has 500 Javelin missiles in all.",
                "2024-02-01",
                "500",
                "silent",
            ),
        ],
    );
}

#[test]
fn c14_spelled_number_after_a_dateline() {
    run(
        "14",
        &[
            (
                "PRISTINA, Kosovo, Jan. 12 — Two hundred sixty-four Javelin missiles will go to Kosovo.",
                "2024-01-12",
                "Two hundred sixty-four",
                "count-mismatch",
            ),
            (
                "WARSAW, Poland — Two hundred and fifty Abrams tanks will go to Poland under the deal.",
                "2022-03-01",
                "Two hundred and fifty",
                "agrees",
            ),
        ],
    );
}

#[test]
fn c15_designations_written_another_way() {
    run(
        "15",
        &[
            (
                "Germany will buy 40 F35 jets.",
                "2022-08-01",
                "40",
                "count-mismatch",
            ),
            (
                "Taiwan will buy 12 Himars launchers.",
                "2020-11-01",
                "12",
                "count-mismatch",
            ),
            // Another model stays another model (the KB records Poland's 250 M1A2 and 116
            // M1A1 Abrams; an M1A2C count is neither deal's).
            (
                "Poland also holds 40 M1A2C Abrams tanks on loan; its Abrams deals are separate.",
                "2023-02-01",
                "40",
                "silent",
            ),
            // The M1A1 deal, now in the KB, agrees.
            (
                "Poland also bought 116 used M1A1 Abrams tanks; its M1A2 deal is separate.",
                "2023-02-01",
                "116",
                "agrees",
            ),
        ],
    );
}

#[test]
fn c16_hard_wrapped_copy() {
    run(
        "16",
        &[
            (
                "Kosovo has been cleared to buy Javelin\nmissiles, the agency said. The sale covers\n264 Javelin missiles, officials added.\n",
                "2024-02-01",
                "264",
                "count-mismatch",
            ),
            (
                "The State Department approved a sale of\nJavelin missiles to Kosovo for an estimated\n$57 million, the agency said.\n",
                "2024-02-01",
                "$57 million",
                "amount-mismatch",
            ),
        ],
    );
}

#[test]
fn c17_a_ceiling_restated() {
    // Morocco's Stingers are recorded as a ceiling (`ceiling = true`: "up to 600"); Kosovo's
    // 246 Javelins as a plain count.
    run(
        "17",
        &[
            // "Up to N" and its kin restate the ceiling: N must be the KB's.
            (
                "The State Department approved a possible sale to Morocco of up to 660 FIM-92K Stinger missiles.",
                "2025-05-01",
                "up to 660",
                "count-mismatch",
            ),
            (
                "The State Department approved a possible sale to Morocco of as many as 660 Stinger missiles.",
                "2025-05-01",
                "as many as 660",
                "count-mismatch",
            ),
            (
                "The State Department approved a possible sale to Morocco of up to 600 FIM-92K Stinger missiles.",
                "2025-05-01",
                "up to 600",
                "agrees",
            ),
            // The number without those words agrees as before.
            (
                "The State Department approved a possible sale to Morocco of 600 Stinger missiles.",
                "2025-05-01",
                "600",
                "agrees",
            ),
            // A comparison with a bound is not a restatement: it only has to hold.
            (
                "The State Department approved a possible sale to Morocco of fewer than 700 Stinger missiles.",
                "2025-05-01",
                "fewer than 700",
                "agrees",
            ),
            (
                "The State Department approved a possible sale to Morocco of fewer than 500 Stinger missiles.",
                "2025-05-01",
                "fewer than 500",
                "count-mismatch",
            ),
            // A figure the KB does not mark as a ceiling keeps "up to" a bound.
            (
                "Kosovo will receive up to 300 Javelin missiles from the United States.",
                "2025-05-01",
                "up to 300",
                "agrees",
            ),
        ],
    );
}

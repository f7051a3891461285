//! The linking rules of `rules/language/link.toml`: the file and the code list the same ids,
//! every rule's examples end as they say (and the rule fires on them or not), and switching
//! any one rule off changes how at least one of its examples ends, so no rule is dead.

use factcheck::check::{Checker, Options, Report};
use factcheck::date::Date;
use factcheck::kb::{self, Kb};
use factcheck::link::rules::{Example, IDS, RULES};
use factcheck::link::{Decision, Effect};

fn kb() -> Kb {
    kb::embedded().expect("the built-in KB loads")
}

fn run(ck: &Checker, ex: &Example) -> Report {
    let date = ex
        .date
        .as_deref()
        .map(|d| Date::parse(d).expect("example date"));
    ck.check(ex.text.clone(), &Options { date, trace: true })
}

/// The claim the example is about: the one whose words are `ex.claim`.
fn claim_of(rep: &Report, ex: &Example) -> usize {
    let exact = |c: &factcheck::extract::Claim| {
        rep.doc.slice(c.value_span) == ex.claim || rep.doc.slice(c.span) == ex.claim
    };
    rep.claims
        .iter()
        .position(exact)
        .or_else(|| {
            rep.claims
                .iter()
                .position(|c| rep.doc.slice(c.span).ends_with(&ex.claim))
        })
        .unwrap_or_else(|| {
            let all: Vec<&str> = rep.claims.iter().map(|c| rep.doc.slice(c.span)).collect();
            panic!("no claim “{}” in {:?}; claims: {all:?}", ex.claim, ex.text)
        })
}

/// Whether rule `id` left evidence on the claim (or, for a rule against linking, decided it).
fn fired(rep: &Report, ci: usize, id: &str, effect: Effect) -> bool {
    let t = &rep.traces[ci];
    t.evidence.iter().any(|e| e.rule == id)
        || (effect == Effect::Against
            && matches!(t.decision, Decision::NotLinked { rule } if rule == id))
}

#[test]
fn the_file_and_the_code_list_the_same_rules() {
    let in_file: Vec<&str> = RULES.list.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        in_file, IDS,
        "rules/language/link.toml and link::rules::IDS differ"
    );
    for r in &RULES.list {
        assert!(
            !r.doc.is_empty() && !r.why.is_empty(),
            "{}: doc and why",
            r.id
        );
        assert!(
            r.examples.iter().any(|e| e.fires) && r.examples.iter().any(|e| !e.fires),
            "{}: needs an example it fires on and one it does not",
            r.id
        );
    }
}

#[test]
fn built_in_cues_are_the_files() {
    for r in &RULES.list {
        let built: Vec<&str> = factcheck::link::rules::cues(&r.id).to_vec();
        assert_eq!(
            built,
            r.cues.iter().map(String::as_str).collect::<Vec<_>>(),
            "{}",
            r.id
        );
        let except: Vec<&str> = factcheck::link::rules::except(&r.id).to_vec();
        assert_eq!(
            except,
            r.except.iter().map(String::as_str).collect::<Vec<_>>(),
            "{}",
            r.id
        );
    }
}

#[test]
fn every_example_ends_as_it_says() {
    let kb = kb();
    let ck = Checker::new(&kb).expect("checker");
    let mut wrong = Vec::new();
    for r in &RULES.list {
        for ex in &r.examples {
            let rep = run(&ck, ex);
            let ci = claim_of(&rep, ex);
            let got = rep.outcome(ci);
            let f = fired(&rep, ci, &r.id, r.effect);
            if got != ex.expect || f != ex.fires {
                wrong.push(format!(
                    "{}: {:?} → “{}” ended {got} (want {}), rule fired: {f} (want {})\n{:#?}",
                    r.id, ex.text, ex.claim, ex.expect, ex.fires, rep.traces[ci].evidence
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn switching_any_rule_off_changes_an_example() {
    let kb = kb();
    let mut dead = Vec::new();
    for r in &RULES.list {
        let mut ck = Checker::new(&kb).expect("checker");
        ck.disable(std::slice::from_ref(&r.id)).expect("a known id");
        let changed = r.examples.iter().filter(|e| e.fires).any(|ex| {
            let rep = run(&ck, ex);
            let ci = claim_of(&rep, ex);
            rep.outcome(ci) != ex.expect
        });
        if !changed {
            dead.push(r.id.as_str());
        }
    }
    assert!(
        dead.is_empty(),
        "switched off, these rules change no example: {dead:?}"
    );
}

#[test]
fn evidence_against_is_marked_against() {
    let kb = kb();
    let ck = Checker::new(&kb).expect("checker");
    for r in &RULES.list {
        for ex in r.examples.iter().filter(|e| e.fires) {
            let rep = run(&ck, ex);
            let ci = claim_of(&rep, ex);
            for e in rep.traces[ci].evidence.iter().filter(|e| e.rule == r.id) {
                assert_eq!(e.effect == Effect::For, r.effect == Effect::For, "{}", r.id);
            }
        }
    }
}

#[test]
fn unknown_rule_ids_are_refused_with_a_suggestion() {
    let kb = kb();
    let mut ck = Checker::new(&kb).expect("checker");
    let bad = ck
        .disable(&["link::other-event-cues".to_string()])
        .expect_err("unknown id");
    assert_eq!(bad[0].1, Some("link::other-event-cue"));
}

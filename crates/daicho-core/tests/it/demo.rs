//! Demo ledgers: realistic, deterministic for a seed.

use daicho_core::demo::{generate, DemoConfig};
use daicho_core::search::CardQuery;

use super::ledger;

#[test]
fn the_same_seed_gives_the_same_ledger() {
    let make = |seed| {
        let mut ledger = ledger();
        generate(
            &mut ledger,
            DemoConfig {
                cards: 60,
                seed,
                today: None,
            },
        )
        .unwrap();
        let rows = ledger
            .list_cards(&CardQuery {
                limit: 1000,
                ..CardQuery::default()
            })
            .unwrap()
            .rows;
        (
            ledger.stats().unwrap(),
            rows.into_iter()
                .map(|r| (r.code, r.name, r.phone))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(make(7), make(7));
    assert_ne!(make(7).1, make(8).1);
}

/// The app makes its demo as of today, so that follow-ups and the visit plan look current.
#[test]
fn a_demo_made_as_of_a_day_plans_visits_in_that_week() {
    let mut ledger = ledger();
    let day = chrono::NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
    generate(
        &mut ledger,
        DemoConfig {
            cards: 200,
            seed: 2,
            today: Some(day),
        },
    )
    .unwrap();
    let plan = ledger.visit_plan("2027-03-08", "2027-03-12").unwrap();
    assert!(!plan.is_empty());
    assert_eq!(ledger.stats().unwrap().planned_visits as usize, plan.len());
}

#[test]
fn a_demo_ledger_has_every_kind_status_and_market() {
    let mut ledger = ledger();
    generate(&mut ledger, DemoConfig::default()).unwrap();
    let stats = ledger.stats().unwrap();
    assert_eq!(stats.cards, 300);
    assert_eq!(stats.cards_by_kind.len(), 2);
    assert_eq!(stats.cards_by_status.len(), 4);
    assert!(stats.key_persons > 200);
    assert!(
        stats.history_entries > stats.cards + stats.key_persons,
        "some cards were edited later"
    );
    assert!(
        stats.contacts > 300,
        "about 2.5 contacts per card: {}",
        stats.contacts
    );
    assert!(stats.negotiations > 0 && stats.open_complaints > 0 && stats.open_next_actions > 0);
    assert!(
        stats.intel_notes > 200 && stats.speculative_notes > 0 && stats.notes_to_share > 0,
        "notes: {stats:?}"
    );
    assert!(stats.planned_visits >= 5, "a week of visits: {stats:?}");
    assert_eq!(stats.integrity, "ok");
    let rows = ledger
        .list_cards(&CardQuery {
            limit: 1000,
            ..CardQuery::default()
        })
        .unwrap()
        .rows;
    for markers in [
        &["株式会社"][..],
        &["有限公司"],
        &["(주)"],
        &["Inc.", "Ltd.", "LLC"],
    ] {
        assert!(
            rows.iter()
                .any(|r| markers.iter().any(|m| r.name.contains(m))),
            "a company with {markers:?}"
        );
    }
    assert!(rows
        .iter()
        .all(|r| !r.reading.is_empty() && !r.phone.is_empty() && !r.city.is_empty()));
}

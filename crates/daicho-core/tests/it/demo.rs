//! Demo ledgers: realistic, deterministic for a seed.

use daicho_core::card_list::CardQuery;
use daicho_core::demo::{generate, DemoConfig};

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
                ..DemoConfig::default()
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
            ..DemoConfig::default()
        },
    )
    .unwrap();
    let plan = ledger.visit_plan("2027-03-08", "2027-03-12").unwrap();
    assert!(!plan.is_empty());
    assert_eq!(ledger.stats().unwrap().planned_visits as usize, plan.len());
    // Appointments: most timed, agreed and still to confirm; Monday and Tuesday's mostly made.
    let timed: Vec<_> = plan.iter().filter(|v| v.starts_at.is_some()).collect();
    assert!(timed.iter().any(|v| v.confirmed) && timed.iter().any(|v| !v.confirmed));
    assert!(plan.iter().all(|v| !v.purpose.is_empty()));
    let before_today = plan.iter().filter(|v| v.planned_on.as_str() < "2027-03-10");
    assert!(before_today.clone().any(|v| v.contact_id.is_some()));
    assert!(plan
        .iter()
        .filter(|v| v.planned_on.as_str() >= "2027-03-10")
        .all(|v| v.contact_id.is_none()));
    // Reviewed daily reports of the working days before, and messages among the contacts.
    let monday = ledger.daily_report("2027-03-08").unwrap();
    let reviews = (1..=14)
        .filter(|back| {
            let day = (day - chrono::Duration::days(*back)).to_string();
            ledger.daily_report(&day).unwrap().review.is_some()
        })
        .count();
    assert!(reviews >= 5, "{reviews} of ten working days reviewed");
    assert!(monday.visits_planned > 0);
    let conn = ledger.connection();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(count("SELECT count(*) FROM contacts WHERE kind = 'message'") > 0);
    let with_ids = count("SELECT count(*) FROM cards WHERE messaging IS NOT NULL");
    let people_with_ids = count("SELECT count(*) FROM key_persons WHERE messaging IS NOT NULL");
    assert!(
        with_ids > 10 && with_ids < 150,
        "{with_ids} of 200 cards have messaging IDs"
    );
    assert!(people_with_ids > 10, "{people_with_ids}");
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
        stats.notes > 200 && stats.speculative_notes > 0 && stats.notes_to_share > 0,
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

/// The demo's competition side reads like a rep's: each market's catalogue and sheet judged a
/// year ago and lately, competitors' contracts renewing soon, cases close to customers (one of
/// them stale), and intelligence that names competitors.
#[test]
fn a_demo_ledger_knows_its_competitors_their_renewals_and_its_cases() {
    let mut ledger = ledger();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    generate(
        &mut ledger,
        DemoConfig {
            today: Some(day),
            ..DemoConfig::default()
        },
    )
    .unwrap();
    let stats = ledger.stats().unwrap();
    assert_eq!(
        (
            stats.competitors,
            stats.comparison_sheets,
            stats.assessments
        ),
        (12, 4, 8)
    );
    assert!(stats.products_in_use > 50, "{stats:?}");
    let soon = ledger.renewals(90).unwrap();
    assert!(soon.len() >= 5, "renewals within 90 days: {}", soon.len());
    assert!(soon.iter().all(|r| (0..=90).contains(&r.days_until)));
    for summary in ledger.sheets().unwrap() {
        let sheet = ledger.sheet(&summary.id).unwrap();
        assert_eq!(sheet.products.len(), 3);
        let [now, last_year] = &sheet.assessments[..] else {
            panic!("two assessments: {sheet:?}")
        };
        assert!(now.fields.assessed_on > last_year.fields.assessed_on);
        assert!(now.totals.iter().all(|t| t.complete));
        assert_ne!(now.totals[0].weighted, last_year.totals[0].weighted);
    }
    let cases = ledger.cases(36).unwrap();
    assert_eq!(
        cases.iter().filter(|c| c.stale).count(),
        4,
        "one stale per market"
    );
    let with_case = ledger
        .cases(36)
        .unwrap()
        .into_iter()
        .filter_map(|c| c.fields.card_id)
        .next()
        .unwrap();
    // Another customer in the same industry is offered the case.
    let teller = ledger.card(&with_case).unwrap();
    let rows = ledger
        .list_cards(&CardQuery {
            limit: 1000,
            ..CardQuery::default()
        })
        .unwrap()
        .rows;
    let peer = rows
        .iter()
        .find(|r| {
            r.id != with_case
                && ledger.card(&r.id).unwrap().fields.industry == teller.fields.industry
        })
        .unwrap();
    let side = ledger.card_competition(&peer.id, 36).unwrap();
    assert!(side.cases.iter().any(|m| m.same_industry), "{side:?}");
    let notes = ledger
        .list_notes(&daicho_core::notes::NoteQuery {
            competitor_id: Some(ledger.competitors().unwrap()[0].id.clone()),
            ..Default::default()
        })
        .unwrap();
    assert!(!notes.rows.is_empty());
}

/// A demo ledger's sales look like a real rep's: a few customers buy most (the Pareto split),
/// some goods come back, some invoices are late, and the cards arrive classified.
#[test]
fn a_demo_ledger_sells_mostly_to_a_few_customers_and_arrives_classified() {
    use daicho_core::classify::Abc;
    use daicho_core::sales::summary::Period;
    let mut ledger = ledger();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    generate(
        &mut ledger,
        DemoConfig {
            cards: 300,
            seed: 1,
            today: Some(day),
            ..DemoConfig::default()
        },
    )
    .unwrap();
    let stats = ledger.stats().unwrap();
    assert!(stats.transactions > 1000, "{}", stats.transactions);
    assert!(stats.returns > 0 && stats.open_invoices > 0);
    assert_eq!(stats.classified_cards, 300);
    assert!(stats.core_customers > 0 && stats.problem_customers > 0);
    let c = ledger.classification(Period::year_to(day)).unwrap();
    let buyers = c.cards.iter().filter(|k| k.amount > 0).count();
    let a: Vec<_> = c.cards.iter().filter(|k| k.abc == Some(Abc::A)).collect();
    assert!(
        a.len() * 100 < buyers * 30,
        "{} of {buyers} buyers are A",
        a.len()
    );
    let a_amount: i64 = a.iter().map(|k| k.amount).sum();
    assert!(a_amount * 100 >= c.total_amount * 70);
    // Late payers, seen as of the demo's day.
    let overdue = ledger
        .receivables(None)
        .unwrap()
        .customers
        .iter()
        .filter(|r| r.overdue > 0)
        .count();
    assert!((1..=40).contains(&overdue), "{overdue} customers overdue");
}

/// The benchmarks' generated customers are what the window would have made: every card knows
/// its latest contact and visit (the list's last-contact column, sort and filter read them).
#[test]
fn generated_customers_know_their_last_contact_and_visit() {
    let mut ledger = super::ledger();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    daicho_core::demo::bulk::customers(&mut ledger, 60, 400, 7, today).unwrap();
    let count = |sql: &str| -> i64 {
        ledger
            .connection()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    assert!(count("SELECT count(*) FROM cards WHERE last_contact_at IS NOT NULL") > 30);
    assert_eq!(cards_whose_last_contact_is_wrong(&ledger), 0);
}

/// The demo writes its cards in bulk; each is still what the window would have made: its
/// latest contact and visit, its key persons in its search text and history, every index back.
#[test]
fn a_demo_card_is_what_the_window_would_have_made() {
    let mut ledger = super::ledger();
    let fresh: Vec<(String, String)> = schema(&ledger);
    generate(
        &mut ledger,
        DemoConfig {
            cards: 80,
            seed: 3,
            today: None,
            ..DemoConfig::default()
        },
    )
    .unwrap();
    assert_eq!(schema(&ledger), fresh, "the indexes set aside are all back");
    let count = |sql: &str| -> i64 {
        ledger
            .connection()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    };
    assert!(count("SELECT count(*) FROM cards WHERE last_contact_at IS NOT NULL") > 20);
    assert_eq!(cards_whose_last_contact_is_wrong(&ledger), 0);
    // Every key person and contact was recorded as created, on its own card.
    for (table, entity) in [("key_persons", "key_person"), ("contacts", "contact")] {
        assert_eq!(
            count(&format!(
                "SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM card_history h
                   WHERE h.entity = '{entity}' AND h.entity_id = t.id AND h.card_id = t.card_id
                   AND h.action = 'created')"
            )),
            0,
            "{table} without history"
        );
    }
    // A key person's name finds the card, in the search box and the simple search.
    let (card_id, person): (String, String) = ledger
        .connection()
        .query_row(
            "SELECT card_id, name FROM key_persons ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let text: String = ledger
        .connection()
        .query_row(
            "SELECT search_text FROM cards WHERE id = ?1",
            [&card_id],
            |r| r.get(0),
        )
        .unwrap();
    let family = person.split_whitespace().next().unwrap();
    assert!(
        text.contains(&daicho_core::text::normalize(family)),
        "{text} names {person}"
    );
    let found = ledger.search(&person, 50).unwrap();
    assert!(
        found.cards.iter().any(|c| c.id.as_str() == card_id),
        "{person} finds their company"
    );
}

/// Every index and trigger of the ledger, as SQLite keeps them.
fn schema(ledger: &daicho_core::Ledger) -> Vec<(String, String)> {
    let conn = ledger.connection();
    let mut stmt = conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
             ORDER BY name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The window's demo speaks the rep's market first; `--market` gives one market's customers.
#[test]
fn a_demo_of_one_market_or_mostly_one() {
    use daicho_core::demo::DemoMarkets;
    use daicho_core::i18n::Lang;
    let japanese = |ledger: &daicho_core::Ledger| -> (usize, usize) {
        let page = ledger
            .list_cards(&daicho_core::card_list::CardQuery {
                limit: 500,
                ..Default::default()
            })
            .unwrap();
        let kana = page
            .rows
            .iter()
            .filter(|r| {
                r.reading
                    .chars()
                    .any(|c| ('\u{30A0}'..='\u{30FF}').contains(&c))
            })
            .count();
        (kana, page.rows.len())
    };
    for (markets, least, most) in [
        (DemoMarkets::Only(Lang::Ja), 100, 100),
        (DemoMarkets::Mostly(Lang::Ja), 65, 90),
        (DemoMarkets::Mostly(Lang::En), 0, 20),
        (DemoMarkets::Only(Lang::Ko), 0, 0),
    ] {
        let mut ledger = ledger();
        generate(
            &mut ledger,
            DemoConfig {
                cards: 200,
                markets,
                ..DemoConfig::default()
            },
        )
        .unwrap();
        let (kana, all) = japanese(&ledger);
        let share = kana * 100 / all.max(1);
        assert!(
            (least..=most).contains(&share),
            "{markets:?}: {share}% Japanese"
        );
    }
}

/// Cards whose stored last contact or last visit is not their latest contact's.
fn cards_whose_last_contact_is_wrong(ledger: &daicho_core::Ledger) -> i64 {
    ledger
        .connection()
        .query_row(
            "SELECT count(*) FROM cards WHERE coalesce(last_contact_at, '') <>
               coalesce((SELECT max(at) FROM contacts WHERE card_id = cards.id), '')
             OR coalesce(last_visit_at, '') <>
               coalesce((SELECT max(at) FROM contacts WHERE card_id = cards.id AND kind = 'visit'), '')",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// 001 链式引荐法 / 中心开花法 / 家庭, 002 お客様単位: the demo links customers as a rep's ledger
/// does — a few group companies and households, referral chains in which some customers brought
/// several — and its sales carry their cost.
#[test]
fn the_demo_links_customers_and_its_sales_carry_their_cost() {
    use daicho_core::links::CardLinkKind;
    let mut ledger = ledger();
    generate(&mut ledger, DemoConfig::default()).unwrap();
    let conn = ledger.connection();
    let count = |kind: CardLinkKind| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM card_links WHERE kind = ?1",
            [kind.as_str()],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (referred, branches, households) = (
        count(CardLinkKind::ReferredBy),
        count(CardLinkKind::BranchOf),
        count(CardLinkKind::HouseholdOf),
    );
    assert!((15..=60).contains(&referred), "referred {referred}");
    assert!((3..=25).contains(&branches), "branches {branches}");
    assert!((1..=15).contains(&households), "households {households}");
    let most: i64 = conn
        .query_row(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM card_links WHERE kind = 'referred_by' GROUP BY other_id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(most >= 3, "a centre of influence brought {most}");
    // A branch is named after its head office and its group's sales add up.
    let (branch, head): (String, String) = conn
        .query_row(
            "SELECT l.card_id, h.name FROM card_links l JOIN cards h ON h.id = l.other_id
             WHERE l.kind = 'branch_of' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let links = ledger.card_links(&branch.clone().into()).unwrap();
    let group = links.group.expect("a group");
    assert_eq!(group.members[0].card.name, head);
    assert!(group
        .members
        .iter()
        .any(|m| m.card.card_id.as_str() == branch));
    assert_eq!(
        group.total,
        group.members.iter().map(|m| m.amount).sum::<i64>()
    );
    let (sales, costed): (i64, i64) = conn
        .query_row("SELECT count(*), count(cost) FROM transactions", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(
        costed * 10 >= sales * 9,
        "{costed} of {sales} sales have a cost"
    );
    // Margins a manager believes: no customer sold below cost, the big buyers thinnest.
    let view = ledger.classification_view(ledger.default_period()).unwrap();
    let margins: Vec<i32> = ledger
        .classification(ledger.default_period())
        .unwrap()
        .cards
        .iter()
        .filter_map(|c| c.margin_percent)
        .collect();
    assert!(
        margins.iter().all(|m| (0..=60).contains(m)),
        "margins {margins:?}"
    );
    assert!(
        (1..=10).contains(&view.thin_margin.len()),
        "{} big buyers at a thin margin",
        view.thin_margin.len()
    );
}

#[test]
fn a_demo_prices_its_catalogue_and_its_sales_in_the_ledgers_one_currency() {
    use daicho_core::demo::DemoMarkets;
    use daicho_core::i18n::Lang;
    let mut ledger = ledger();
    generate(&mut ledger, DemoConfig::default()).unwrap();
    // Four markets' catalogues in one yen ledger: a machine in Seoul does not cost a thousand
    // times one in Chicago (won and dollars taken for yen).
    let (cheapest, dearest): (i64, i64) = ledger
        .connection()
        .query_row(
            "SELECT min(price_min), max(price_max) FROM products WHERE competitor_id IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        dearest < cheapest * 20,
        "our machines cost {cheapest}–{dearest}"
    );
    // A machine sold is priced from its catalogue entry, in the same units.
    let outside: i64 = ledger
        .connection()
        .query_row(
            "SELECT count(*) FROM transactions t JOIN products p ON p.id = t.product_id
             WHERE t.unit_price NOT BETWEEN p.price_min AND p.price_max",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(outside, 0);

    // A Chinese rep's demo: customers order the Chinese market's supplies, not the Japanese.
    let mut chinese = super::ledger();
    generate(
        &mut chinese,
        DemoConfig {
            cards: 60,
            markets: DemoMarkets::Only(Lang::Zh),
            ..DemoConfig::default()
        },
    )
    .unwrap();
    let items: Vec<String> = chinese
        .connection()
        .prepare("SELECT DISTINCT item FROM transactions WHERE product_id IS NULL ORDER BY item")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(items, ["A4 复印纸 5箱", "硒鼓", "维保服务（月费）"]);
    // ... in yuan: the ledger keeps the rep's own market's currency.
    assert_eq!(
        chinese.currency().unwrap(),
        daicho_core::report::Currency::Cny
    );
    let toner: i64 = chinese
        .connection()
        .query_row(
            "SELECT max(unit_price) FROM transactions WHERE item = '硒鼓'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(toner, 900);
    // The whole demo of four markets stays in yen.
    assert_eq!(
        ledger.currency().unwrap(),
        daicho_core::report::Currency::Jpy
    );
}

#[test]
fn a_korean_reps_demo_keeps_won_and_converts_the_other_markets_into_it() {
    use daicho_core::demo::DemoMarkets;
    use daicho_core::i18n::Lang;
    use daicho_core::report::Currency;
    let mut korean = ledger();
    generate(
        &mut korean,
        DemoConfig {
            cards: 200,
            markets: DemoMarkets::Mostly(Lang::Ko),
            ..DemoConfig::default()
        },
    )
    .unwrap();
    assert_eq!(korean.currency().unwrap(), Currency::Krw);
    let price = |item: &str| -> i64 {
        korean
            .connection()
            .query_row(
                "SELECT max(unit_price) FROM transactions WHERE item = ?1",
                [item],
                |r| r.get(0),
            )
            .unwrap()
    };
    // A Korean toner at its won price; a Japanese one (18,000 yen) at ten won a yen.
    assert_eq!(price("토너 카트리지"), 165_000);
    assert_eq!(price("トナーカートリッジ"), 180_000);
    // Credit limits in won too: half a million to six million yen's worth.
    let (low, high): (i64, i64) = korean
        .connection()
        .query_row(
            "SELECT min(credit_limit), max(credit_limit) FROM cards",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(
        low >= 5_000_000 && high <= 60_000_000,
        "credit limits {low}–{high} won"
    );
}

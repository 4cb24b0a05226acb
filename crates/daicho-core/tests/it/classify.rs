//! Classification on small ledgers whose answers are checked by hand.

use daicho_core::card::{CardKind, HistoryEntity, KeyRole, Loyalty, Standing};
use daicho_core::classify::compute::{abc, completeness, grade, value_score, value_tier};
use daicho_core::classify::config::{GradeBand, ValueWeights};
use daicho_core::classify::{
    Abc, ClassConfig, CompletenessItem, Indicators, ReasonKind, ValueTier,
};
use daicho_core::contact::{Complaint, ComplaintState, ContactFields, ContactKind};
use daicho_core::error::{ClassifyError, Coded};
use daicho_core::ids::{CardId, ProductId};
use daicho_core::sales::summary::Period;
use daicho_core::Ledger;

use crate::sales::{card_with_limit, sale};
use crate::{ledger, organisation, person};

fn classes(amounts: &[i64]) -> Vec<Option<Abc>> {
    abc(amounts, 70, 90).into_iter().map(|(c, _)| c).collect()
}

#[test]
fn abc_puts_the_customer_who_crosses_a_threshold_in_the_class_above() {
    use Abc::*;
    // 50 → 50%, 20 → 70% (crosses 70: still A), 15 → 85% (B), 10 → 95% (crosses 90: B), 5 → C.
    assert_eq!(
        classes(&[50, 20, 15, 10, 5]),
        vec![Some(A), Some(A), Some(B), Some(B), Some(C)]
    );
    // Landing exactly on 70% before the next one: the next one starts B.
    assert_eq!(classes(&[70, 20, 10]), vec![Some(A), Some(B), Some(C)]);
    // One customer buys everything.
    assert_eq!(classes(&[100, 0]), vec![Some(A), None]);
    // Nothing bought: no classes at all.
    assert_eq!(classes(&[0, 0]), vec![None, None]);
    assert_eq!(classes(&[]), Vec::<Option<Abc>>::new());
    // Net returns give no class either.
    assert_eq!(classes(&[10, -5]), vec![Some(A), None]);
}

#[test]
fn customers_buying_the_same_amount_share_a_class() {
    use Abc::*;
    // Ten equal customers: the first crosses nothing, all are A even though 70% is passed.
    assert_eq!(classes(&[10; 10]), vec![Some(A); 10]);
    // 60, then three ties of 10 straddling 70% and 90%: the ties follow the first of them (A).
    assert_eq!(
        classes(&[60, 10, 10, 10, 5, 5]),
        vec![Some(A), Some(A), Some(A), Some(A), Some(C), Some(C)]
    );
    let cumulative: Vec<Option<f64>> = abc(&[50, 30, 20], 70, 90)
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    assert_eq!(cumulative, vec![Some(50.0), Some(80.0), Some(100.0)]);
}

#[test]
fn grade_bands_hold_each_monthly_volume_once() {
    let bands = ClassConfig::default().grades;
    assert_eq!(grade(&bands, 0.0), None);
    assert_eq!(grade(&bands, 1.0).as_deref(), Some("D"));
    assert_eq!(grade(&bands, 19_999.9).as_deref(), Some("D"));
    assert_eq!(grade(&bands, 20_000.0).as_deref(), Some("C"));
    assert_eq!(grade(&bands, 5e12).as_deref(), Some("A"));
}

fn invalid(config: &ClassConfig) -> Vec<(String, String)> {
    match config.validated() {
        Err(ClassifyError::Invalid(issues)) => {
            issues.into_iter().map(|i| (i.field, i.rule)).collect()
        }
        other => panic!("expected invalid, got {other:?}"),
    }
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_owned(), b.to_owned())
}

#[test]
fn settings_out_of_order_overlapping_gapped_or_all_zero_are_refused() {
    let band = |label: &str, from: i64, to: Option<i64>| GradeBand {
        label: label.into(),
        from,
        to,
    };
    let mut c = ClassConfig {
        a_percent: 90,
        b_percent: 70,
        ..ClassConfig::default()
    };
    assert_eq!(invalid(&c), vec![pair("b_percent", "out_of_order")]);
    c = ClassConfig {
        grades: vec![
            band("C", 0, Some(100)),
            band("B", 50, Some(200)),
            band("A", 200, None),
        ],
        ..ClassConfig::default()
    };
    assert_eq!(invalid(&c), vec![pair("grades", "overlap")]);
    c.grades = vec![
        band("C", 0, Some(100)),
        band("B", 150, Some(200)),
        band("A", 200, None),
    ];
    assert_eq!(invalid(&c), vec![pair("grades", "gap")]);
    c.grades = vec![band("C", 10, Some(100)), band("A", 100, None)];
    assert_eq!(invalid(&c), vec![pair("grades", "gap")]);
    c.grades = vec![band("C", 0, Some(100)), band("A", 100, Some(500))];
    assert_eq!(invalid(&c), vec![pair("grades", "gap")]);
    c.grades = vec![band("A", 0, Some(100)), band("A", 100, None)];
    assert_eq!(invalid(&c), vec![pair("grades", "duplicate")]);
    c = ClassConfig {
        weights: ValueWeights {
            contribution: 0,
            cooperation: 0,
            credit: 0,
            growth: 0,
            influence: 0,
            tenure: 0,
            loyalty: 0,
            brand_support: 0,
        },
        ..ClassConfig::default()
    };
    assert_eq!(invalid(&c), vec![pair("weights", "all_zero")]);
    c.weights = ValueWeights {
        credit: -1,
        ..ValueWeights::default()
    };
    assert_eq!(invalid(&c), vec![pair("weights.credit", "negative")]);
    c = ClassConfig {
        high_value_from: 40,
        secondary_from: 50,
        ..ClassConfig::default()
    };
    assert_eq!(invalid(&c), vec![pair("high_value_from", "out_of_order")]);
    assert!(ClassConfig::default().validated().is_ok());

    // Refused settings are not stored.
    let mut l = ledger();
    assert_eq!(
        l.set_class_config(&c).unwrap_err().code(),
        "classify.invalid"
    );
    assert_eq!(l.class_config().unwrap(), ClassConfig::default());
    let mine = ClassConfig {
        a_percent: 80,
        b_percent: 95,
        ..ClassConfig::default()
    };
    l.set_class_config(&mine).unwrap();
    assert_eq!(l.class_config().unwrap(), mine);
}

#[test]
fn the_value_score_weighs_the_indicators_there_are_and_places_the_tier() {
    let config = ClassConfig::default();
    let all = Indicators {
        contribution: Some(100),
        cooperation: Some(100),
        credit: Some(100),
        growth: Some(100),
        influence: Some(100),
        tenure: Some(100),
        loyalty: Some(100),
        brand_support: Some(100),
    };
    assert_eq!(value_score(&all, &config), 100);
    // 003 브랜드 육성 능력 counts once the manager gives it a weight: a store pushing our brand
    // scores higher than one that does not, all else equal.
    let weighing_brand = ClassConfig {
        weights: ValueWeights {
            brand_support: 20,
            ..ValueWeights::default()
        },
        ..ClassConfig::default()
    };
    let pushes = Indicators {
        contribution: Some(50),
        brand_support: Some(100),
        ..Indicators::default()
    };
    let does_not = Indicators {
        brand_support: Some(0),
        ..pushes.clone()
    };
    assert_eq!(
        value_score(&pushes, &config),
        value_score(&does_not, &config)
    );
    assert!(value_score(&pushes, &weighing_brand) > value_score(&does_not, &weighing_brand));
    // Only contribution (25) and growth (20) known: (25*80 + 20*40) / 45 = 62.2 → 62.
    let some = Indicators {
        contribution: Some(80),
        growth: Some(40),
        ..Indicators::default()
    };
    assert_eq!(value_score(&some, &config), 62);
    assert_eq!(value_tier(62, &some, &config), ValueTier::Secondary);
    assert_eq!(value_tier(65, &some, &config), ValueTier::High);
    // Low score but fast growth or wide influence: potential.
    let rising = Indicators {
        contribution: Some(0),
        growth: Some(70),
        ..Indicators::default()
    };
    assert_eq!(
        value_tier(value_score(&rising, &config), &rising, &config),
        ValueTier::Potential
    );
    let quiet = Indicators {
        contribution: Some(10),
        growth: Some(50),
        influence: Some(25),
        ..Indicators::default()
    };
    assert_eq!(
        value_tier(value_score(&quiet, &config), &quiet, &config),
        ValueTier::Low
    );
    assert_eq!(value_score(&Indicators::default(), &config), 0);
}

#[test]
fn completeness_weighs_what_matters_and_lists_the_heaviest_gaps_first() {
    use CompletenessItem as I;
    let w = ClassConfig::default().completeness;
    let (pct, missing) = completeness(CardKind::Organisation, &[], &w);
    assert_eq!(pct, 0);
    assert_eq!(&missing[..3], &[I::KeyPersons, I::DecisionRoute, I::Credit]);
    // 5 + 10 + 10 + 5 + 5 of 100.
    let basics = [I::Reading, I::Reach, I::Address, I::Industry, I::Owner];
    assert_eq!(completeness(CardKind::Organisation, &basics, &w).0, 35);
    // Individuals have no key persons, decision route or payment terms to fill: 35 of 60.
    assert_eq!(completeness(CardKind::Individual, &basics, &w).0, 58);
}

fn complaint() -> ContactFields {
    ContactFields {
        kind: ContactKind::Complaint,
        at: "2026-11-01T10:00".into(),
        content: "納期遅れ".into(),
        complaint: Some(Complaint {
            state: Some(ComplaintState::Open),
            ..Complaint::default()
        }),
        ..ContactFields::default()
    }
}

fn year() -> Period {
    Period::parse("2026-01-01..2026-12-31").unwrap()
}

/// Five customers buying 500, 200, 150, 100 and 50 thousand this year.
fn five(l: &mut Ledger) -> Vec<CardId> {
    let names = ["青木工業", "坂本物産", "千葉商会", "土屋電機", "中村食品"];
    let amounts = [500_000, 200_000, 150_000, 100_000, 50_000];
    names
        .iter()
        .zip(amounts)
        .map(|(name, amount)| {
            let id = card_with_limit(l, name, None);
            l.add_transaction(&id, &sale("2026-06-01", "部品", 1, amount))
                .unwrap();
            id
        })
        .collect()
}

#[test]
fn a_ledger_is_classified_by_purchases_with_core_and_problem_customers_and_their_reasons() {
    let mut l = ledger();
    let ids = five(&mut l);
    // 坂本物産 bought twice as much last year: falling by half.
    l.add_transaction(&ids[1], &sale("2025-06-01", "部品", 1, 400_000))
        .unwrap();
    // 千葉商会 has an open complaint and a weak credit score.
    l.add_contact(&ids[2], &complaint()).unwrap();
    let mut chiba = l.card(&ids[2]).unwrap();
    chiba.fields.standing.credit_score = Some(30);
    l.update_card(&ids[2], chiba.version, &chiba.fields)
        .unwrap();
    // 土屋電機 owes 100,000 overdue against a limit of 60,000.
    let mut tsuchiya = l.card(&ids[3]).unwrap();
    tsuchiya.fields.standing.credit_limit = Some(60_000);
    l.update_card(&ids[3], tsuchiya.version, &tsuchiya.fields)
        .unwrap();
    let t = l.card_sales(&ids[3], None).unwrap().transactions[0].clone();
    let mut due = t.fields.clone();
    due.due_on = Some("2026-09-30".into());
    l.update_transaction(&t.id, t.version, &due).unwrap();

    let c = l.classification(year()).unwrap();
    assert!(c.has_transactions);
    assert_eq!(c.total_amount, 1_000_000);
    let by_name = |name: &str| c.cards.iter().find(|k| k.name == name).unwrap();
    let got: Vec<(&str, Option<Abc>)> = c.cards.iter().map(|k| (k.name.as_str(), k.abc)).collect();
    // 50%, 70% (A: crosses), 85% (B), 95% (B: crosses 90), 100% (C).
    assert_eq!(
        got,
        vec![
            ("青木工業", Some(Abc::A)),
            ("坂本物産", Some(Abc::A)),
            ("千葉商会", Some(Abc::B)),
            ("土屋電機", Some(Abc::B)),
            ("中村食品", Some(Abc::C))
        ]
    );
    let aoki = by_name("青木工業");
    assert!(aoki.core && !aoki.problem);
    assert_eq!(aoki.reasons[0].kind, ReasonKind::ClassA);
    assert_eq!(
        aoki.grade.as_deref(),
        Some("C"),
        "500,000 a year is 41,667 a month"
    );

    let sakamoto = by_name("坂本物産");
    assert_eq!(sakamoto.growth_percent, Some(-50));
    assert!(sakamoto.core && sakamoto.problem);
    assert!(sakamoto
        .reasons
        .iter()
        .any(|r| r.kind == ReasonKind::Falling && r.figure == -50));

    let chiba = by_name("千葉商会");
    let kinds: Vec<ReasonKind> = chiba.reasons.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        vec![ReasonKind::OpenComplaints, ReasonKind::WeakCredit]
    );
    // New this year: no growth to judge; contribution 60 and credit 30 weigh (25*60 + 15*30) / 40.
    assert_eq!(
        (chiba.indicators.growth, chiba.value_score, chiba.value_tier),
        (None, 49, ValueTier::Secondary)
    );

    let tsuchiya = by_name("土屋電機");
    assert_eq!((tsuchiya.outstanding, tsuchiya.overdue), (100_000, 100_000));
    let kinds: Vec<(ReasonKind, i64)> = tsuchiya
        .reasons
        .iter()
        .map(|r| (r.kind, r.figure))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ReasonKind::Overdue, 100_000),
            (ReasonKind::OverLimit, 40_000)
        ]
    );

    // Summarised for the window: counts per class add up.
    let v = l.classification_view(year()).unwrap();
    let abc: Vec<(Abc, u32, i64)> = v
        .abc
        .iter()
        .map(|c| (c.class, c.customers, c.amount))
        .collect();
    assert_eq!(
        abc,
        vec![
            (Abc::A, 2, 700_000),
            (Abc::B, 2, 250_000),
            (Abc::C, 1, 50_000)
        ]
    );
    assert_eq!((v.buyers, v.core_total, v.problem_total), (5, 2, 3));
    // All three are urgent; the most at stake first: 200,000 of purchases lost, 150,000 owed on
    // weak credit, 100,000 overdue with 40,000 over the limit.
    let order: Vec<&str> = v.problem.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(order, ["坂本物産", "千葉商会", "土屋電機"]);
    assert_eq!(v.problem_high, 3);
    assert_eq!(v.pareto.last().unwrap().cumulative_percent, 100.0);
}

#[test]
fn the_pareto_chart_draws_the_first_buyers_and_says_the_rest_apart() {
    let mut l = ledger();
    // 45 buyers of 45,000 down to 1,000: the chart draws 40, the last 5 (15,000) are told apart.
    for n in (1..=45).rev() {
        let id = card_with_limit(&mut l, &format!("顧客{n:02}"), None);
        l.add_transaction(&id, &sale("2026-06-01", "部品", 1, n * 1_000))
            .unwrap();
    }
    let v = l.classification_view(year()).unwrap();
    assert_eq!(v.pareto.len(), daicho_core::classify::view::PARETO_BARS);
    assert!(v.pareto.iter().all(|b| b.customers == 1 && b.abc.is_some()));
    // The curve ends where the drawn customers end, not at a jump to 100%.
    let last = v.pareto.last().unwrap().cumulative_percent;
    assert!((98.0..100.0).contains(&last), "{last}");
    let rest = v.pareto_rest.unwrap();
    assert_eq!((rest.customers, rest.amount, rest.abc), (5, 15_000, None));
}

/// A card that bought (and paid) `last_year` last year and `this_year` this year.
fn customer(l: &mut Ledger, name: &str, last_year: i64, this_year: i64) -> CardId {
    let id = card_with_limit(l, name, None);
    for (on, amount) in [("2025-06-01", last_year), ("2026-06-01", this_year)] {
        if amount > 0 {
            let mut paid = sale(on, "部品", 1, amount);
            paid.paid_amount = amount;
            paid.paid_on = Some(on.into());
            l.add_transaction(&id, &paid).unwrap();
        }
    }
    id
}

fn owes(l: &mut Ledger, id: &CardId, amount: i64, due: &str) {
    let mut s = sale("2026-06-15", "部品", 1, amount);
    s.due_on = Some(due.into());
    l.add_transaction(id, &s).unwrap();
}

#[test]
fn the_problem_list_names_what_calls_for_action_most_severe_first() {
    use daicho_core::classify::Severity::{High, Medium};
    let mut l = ledger();
    // Last year's big customers, and small ones whose swings are noise.
    customer(&mut l, "大口商事", 2_000_000, 800_000);
    let steady = customer(&mut l, "安定工業", 1_500_000, 1_500_000);
    customer(&mut l, "小口商店", 30_000, 5_000);
    // Overdue 10 days (today is 24 November): a reminder, not yet a problem.
    owes(&mut l, &steady, 50_000, "2026-11-14");
    // Overdue 45 days: the rep's to chase; 120 days: the manager's.
    let late = customer(&mut l, "遅延物産", 0, 100_000);
    owes(&mut l, &late, 80_000, "2026-10-10");
    let later = customer(&mut l, "長期延滞", 0, 100_000);
    owes(&mut l, &later, 60_000, "2026-07-27");
    // Weak credit owing nothing is not a problem; owing something it is.
    for (name, owing) in [("信用弱・残高なし", false), ("信用弱・残高あり", true)] {
        let id = customer(&mut l, name, 0, 50_000);
        let mut c = l.card(&id).unwrap();
        c.fields.standing.credit_score = Some(20);
        l.update_card(&id, c.version, &c.fields).unwrap();
        if owing {
            owes(&mut l, &id, 20_000, "2026-12-31");
        }
    }
    // A complaint open three weeks.
    let complained = customer(&mut l, "苦情商会", 0, 100_000);
    l.add_contact(&complained, &complaint()).unwrap();

    let c = l.classification(year()).unwrap();
    let severity = |name: &str| {
        let k = c.cards.iter().find(|k| k.name == name).unwrap();
        (k.problem, k.severity())
    };
    assert_eq!(
        severity("大口商事"),
        (true, Some(High)),
        "class A last year, down 60%"
    );
    assert_eq!(
        severity("小口商店"),
        (false, None),
        "a small customer's fall is noise"
    );
    assert_eq!(
        severity("安定工業"),
        (false, None),
        "10 days overdue is not yet a problem"
    );
    assert_eq!(severity("遅延物産"), (true, Some(Medium)));
    assert_eq!(severity("長期延滞"), (true, Some(High)));
    assert_eq!(severity("信用弱・残高なし"), (false, None));
    assert_eq!(severity("信用弱・残高あり"), (true, Some(Medium)));
    assert_eq!(severity("苦情商会"), (true, Some(High)), "open 23 days");

    // Settings move the lines: overdue from 7 days, or from 50,000 however recent.
    let mut config = l.class_config().unwrap();
    config.overdue_days_from = 7;
    config.problem_list_size = 2;
    l.set_class_config(&config).unwrap();
    let v = l.classification_view(year()).unwrap();
    let names = |list: &[daicho_core::classify::CardClass]| -> Vec<String> {
        list.iter().map(|k| k.name.clone()).collect()
    };
    assert!(names(&v.problem).contains(&"安定工業".to_owned()));
    // The week names the two most severe with most at stake: 1,200,000 of lost purchases, then
    // 60,000 overdue 120 days (the complaint puts no money at stake).
    assert_eq!(v.problem_high, 3);
    assert_eq!(names(&v.problem_week), ["大口商事", "長期延滞"]);
    config.overdue_days_from = 30;
    config.overdue_amount_from = Some(50_000);
    l.set_class_config(&config).unwrap();
    let c = l.classification(year()).unwrap();
    let steady = c.cards.iter().find(|k| k.name == "安定工業").unwrap();
    assert_eq!(
        steady.severity(),
        Some(High),
        "50,000 overdue is the line, however recent"
    );

    config.problem_list_size = 0;
    config.overdue_days_from = 400;
    let err = l.set_class_config(&config).unwrap_err().report();
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["overdue_days_from", "problem_list_size"]);
}

#[test]
fn a_ledger_without_transactions_says_so() {
    let mut l = ledger();
    card_with_limit(&mut l, "青木工業", None);
    let c = l.classification(year()).unwrap();
    assert!(!c.has_transactions);
    assert_eq!(c.cards.len(), 1);
    assert_eq!((c.cards[0].abc, c.cards[0].grade.as_deref()), (None, None));
    // An empty period gets the same answer even when other years have sales.
    l.add_transaction(&c.cards[0].card_id, &sale("2024-05-01", "部品", 1, 100))
        .unwrap();
    assert!(!l.classification(year()).unwrap().has_transactions);
}

#[test]
fn reclassifying_keeps_each_cards_classes_with_their_history_and_writes_nothing_when_unchanged() {
    let mut l = ledger();
    let ids = five(&mut l);
    let (_, changed) = l.reclassify(year()).unwrap();
    assert_eq!(changed, 5);
    let stored = l.card_class(&ids[4]).unwrap().unwrap();
    assert_eq!(stored.abc, Some(Abc::C));
    assert_eq!(l.last_classified().unwrap().unwrap().from, "2026-01-01");
    // A first classification records the class and the tier, nothing else.
    let first: Vec<String> = l
        .history(&ids[4])
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == HistoryEntity::Classification)
        .map(|h| h.field)
        .collect();
    assert_eq!(first, vec!["value_tier".to_owned(), "abc".to_owned()]);
    let recorded = l.history(&ids[4]).unwrap().len();
    let (_, again) = l.reclassify(year()).unwrap();
    assert_eq!(again, 0);
    assert_eq!(l.history(&ids[4]).unwrap().len(), recorded);
    // 中村食品 buys a lot more and moves to A.
    l.add_transaction(&ids[4], &sale("2026-07-01", "部品", 1, 2_000_000))
        .unwrap();
    let (_, changed) = l.reclassify(year()).unwrap();
    assert!(changed >= 1);
    let moves: Vec<(String, Option<String>, Option<String>)> = l
        .history(&ids[4])
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == HistoryEntity::Classification && h.field == "abc")
        .map(|h| (h.field, h.old_value, h.new_value))
        .collect();
    assert_eq!(
        moves,
        vec![
            ("abc".into(), Some("C".into()), Some("A".into())),
            ("abc".into(), None, Some("C".into()))
        ]
    );
}

#[test]
fn trashed_cards_classes_stored_among_the_others_change_nothing_when_the_rest_is_the_same() {
    let mut l = ledger();
    // Card ids grow with time: one card's stored classes come before the five, one after.
    let before = card_with_limit(&mut l, "相田商店", None);
    let ids = five(&mut l);
    let after = card_with_limit(&mut l, "和田商店", None);
    let (_, changed) = l.reclassify(year()).unwrap();
    assert_eq!(changed, 7);
    let recorded: Vec<usize> = ids.iter().map(|id| l.history(id).unwrap().len()).collect();
    l.trash_card(&before).unwrap();
    l.trash_card(&after).unwrap();
    let (_, again) = l.reclassify(year()).unwrap();
    assert_eq!(again, 0);
    let now: Vec<usize> = ids.iter().map(|id| l.history(id).unwrap().len()).collect();
    assert_eq!(now, recorded);
    assert_eq!(l.card_class(&ids[0]).unwrap().unwrap().abc, Some(Abc::A));
}

#[test]
fn loyalty_is_suggested_from_the_makers_a_customer_buys_from() {
    use daicho_core::competition::{CardProductFields, CompetitorFields, ProductFields};
    let mut l = ledger();
    let ours = l
        .create_product(&ProductFields {
            name: "複合機 DX".into(),
            category: "複合機".into(),
            ..Default::default()
        })
        .unwrap();
    let maker = |l: &mut Ledger, name: &str| {
        let c = l
            .create_competitor(&CompetitorFields {
                name: name.into(),
                ..Default::default()
            })
            .unwrap();
        l.create_product(&ProductFields {
            competitor_id: Some(c.id),
            name: format!("{name} MF"),
            category: "複合機".into(),
            ..Default::default()
        })
        .unwrap()
    };
    let rival1 = maker(&mut l, "甲社");
    let rival2 = maker(&mut l, "乙社");
    let loyal = card_with_limit(&mut l, "一途商店", None);
    let mut bought = sale("2026-05-01", "", 1, 100);
    bought.product_id = Some(ours.id.clone());
    l.add_transaction(&loyal, &bought).unwrap();
    let switcher = card_with_limit(&mut l, "二股商店", None);
    l.add_transaction(&switcher, &bought).unwrap();
    let uses = |p: &ProductId| CardProductFields {
        product_id: p.clone(),
        ..Default::default()
    };
    l.add_card_product(&switcher, &uses(&rival1.id)).unwrap();
    let fickle = card_with_limit(&mut l, "浮気商店", None);
    l.add_card_product(&fickle, &uses(&rival1.id)).unwrap();
    l.add_card_product(&fickle, &uses(&rival2.id)).unwrap();
    l.add_card_product(&fickle, &uses(&ours.id)).unwrap();
    let c = l.classification(year()).unwrap();
    let hint = |id: &str| {
        c.cards
            .iter()
            .find(|k| k.card_id == id)
            .unwrap()
            .loyalty_hint
    };
    assert_eq!(
        hint(&loyal),
        None,
        "buying only from us with nothing else known says little"
    );
    assert_eq!(hint(&switcher), Some(Loyalty::Switcher));
    assert_eq!(hint(&fickle), Some(Loyalty::NoLoyalty));
}

#[test]
fn a_card_filled_with_key_persons_route_and_credit_is_complete() {
    let mut l = ledger();
    let mut f = organisation("青木工業", "あおきこうぎょう");
    f.phones = vec!["03-1234-5678".into()];
    f.region = "東京都".into();
    f.city = "港区".into();
    f.street = "芝公園1-1".into();
    f.industry = "製造業".into();
    f.owner = "山田".into();
    f.standing = Standing {
        credit_rating: "B".into(),
        credit_limit: Some(1_000_000),
        ..Standing::default()
    };
    let org = f.organisation.as_mut().unwrap();
    org.employees = Some(120);
    org.annual_sales = Some(2_000_000_000);
    org.payment_terms = "月末締め翌月末払い".into();
    let id = l.create_card(&f).unwrap().id;
    let mut boss = person("青木 一郎");
    boss.role = Some(KeyRole::DecisionMaker);
    l.add_key_person(&id, &boss).unwrap();
    let c = l.classification(year()).unwrap();
    assert_eq!(
        (c.cards[0].completeness, c.cards[0].missing.clone()),
        (100, vec![])
    );
    // The credit grade B sits second on the A–E scale: 75.
    assert_eq!(c.cards[0].indicators.credit, Some(75));
}

fn names(l: &Ledger, query: daicho_core::card_list::CardQuery) -> Vec<String> {
    let query = daicho_core::card_list::CardQuery {
        limit: 100,
        ..query
    };
    l.list_cards(&query)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}

#[test]
fn a_click_on_a_chart_filters_the_card_list_by_class_list_receivable_follow_up_or_contact() {
    use daicho_core::card_list::{CardQuery, CardSort, ClassList, ContactedFilter};
    use daicho_core::sales::AgeBucket;
    let mut l = ledger();
    let ids = five(&mut l);
    // 土屋電機 owes 100,000 due 2026-09-30: 55 days late on 2026-11-24.
    let t = l.card_sales(&ids[3], None).unwrap().transactions[0].clone();
    let mut due = t.fields.clone();
    due.due_on = Some("2026-09-30".into());
    l.update_transaction(&t.id, t.version, &due).unwrap();
    // 中村食品 has a follow-up overdue since 2026-11-01 (a contact of kind phone in that week).
    let call = ContactFields {
        kind: ContactKind::Phone,
        at: "2026-10-28T10:00".into(),
        next_action: "見積送付".into(),
        next_action_due: Some("2026-11-01".into()),
        ..ContactFields::default()
    };
    l.add_contact(&ids[4], &call).unwrap();
    l.reclassify(year()).unwrap();

    assert_eq!(
        names(
            &l,
            CardQuery {
                abc: Some(Abc::A),
                ..Default::default()
            }
        ),
        ["坂本物産", "青木工業"]
    );
    assert_eq!(
        names(
            &l,
            CardQuery {
                list: Some(ClassList::Problem),
                ..Default::default()
            }
        ),
        ["土屋電機"]
    );
    assert_eq!(
        names(
            &l,
            CardQuery {
                list: Some(ClassList::Core),
                ..Default::default()
            }
        ),
        ["坂本物産", "青木工業"]
    );
    assert_eq!(
        names(
            &l,
            CardQuery {
                receivable_age: Some(AgeBucket::Days31To60),
                ..Default::default()
            }
        ),
        ["土屋電機"]
    );
    assert!(names(
        &l,
        CardQuery {
            receivable_age: Some(AgeBucket::Days1To30),
            ..Default::default()
        }
    )
    .is_empty());
    assert_eq!(
        names(
            &l,
            CardQuery {
                overdue_follow_ups: true,
                ..Default::default()
            }
        ),
        ["中村食品"]
    );
    let week = |kind| ContactedFilter {
        from: "2026-10-26".into(),
        to: "2026-11-01".into(),
        kind,
    };
    assert_eq!(
        names(
            &l,
            CardQuery {
                contacted: Some(week(Some(ContactKind::Phone))),
                ..Default::default()
            }
        ),
        ["中村食品"]
    );
    assert!(names(
        &l,
        CardQuery {
            contacted: Some(week(Some(ContactKind::Visit))),
            ..Default::default()
        }
    )
    .is_empty());
    // Every card is classified: the tier filter splits them without remainder.
    let tiers: usize = ValueTier::ALL
        .iter()
        .map(|t| {
            names(
                &l,
                CardQuery {
                    value_tier: Some(*t),
                    ..Default::default()
                },
            )
            .len()
        })
        .sum();
    assert_eq!(tiers, 5);
    // None was ever visited: each class with a rule is due (A every 30 days, B 90, C 180).
    assert_eq!(
        names(
            &l,
            CardQuery {
                visit_due: true,
                ..Default::default()
            }
        )
        .len(),
        5
    );
    let rows = l
        .list_cards(&CardQuery {
            sort: CardSort::Completeness,
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .rows;
    assert!(rows
        .windows(2)
        .all(|w| w[0].completeness <= w[1].completeness));
    assert!(rows[0].abc.is_some());
}

#[test]
fn customers_visited_less_often_than_their_class_asks_join_the_visit_candidates() {
    use daicho_core::classify::config::VisitFrequency;
    use daicho_core::visit::VisitCandidateQuery;
    let mut l = ledger();
    let ids = five(&mut l);
    // 青木工業 (A, every 30 days) was visited 40 days ago; 坂本物産 (A) 10 days ago.
    for (id, at) in [(&ids[0], "2026-10-15T10:00"), (&ids[1], "2026-11-14T10:00")] {
        l.add_contact(
            id,
            &ContactFields {
                kind: ContactKind::Visit,
                at: at.into(),
                ..ContactFields::default()
            },
        )
        .unwrap();
    }
    // C customers need no visits; the rules by value tier and for prospects are off here.
    let config = ClassConfig {
        visit_every_days: VisitFrequency {
            c: None,
            high_value: None,
            potential_value: None,
            prospect: None,
            ..VisitFrequency::default()
        },
        ..ClassConfig::default()
    };
    l.set_class_config(&config).unwrap();
    l.reclassify(year()).unwrap();
    let due = l
        .visit_candidates(&VisitCandidateQuery {
            due_by_class: true,
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    // They come first; the other customers follow (no other filter was set).
    assert_eq!(due.len(), 5);
    let got: Vec<(&str, Option<Abc>, Option<i32>)> = due
        .iter()
        .take_while(|c| c.visit_every_days.is_some())
        .map(|c| (c.card_name.as_str(), c.abc, c.visit_every_days))
        .collect();
    // A first, then B; within a class the longest unvisited first (never visited before all).
    assert_eq!(
        got,
        vec![
            ("青木工業", Some(Abc::A), Some(30)),
            ("千葉商会", Some(Abc::B), Some(90)),
            ("土屋電機", Some(Abc::B), Some(90))
        ]
    );
}

#[test]
fn prospects_and_potential_value_customers_fall_due_a_visit_by_their_own_rules() {
    use daicho_core::card::CardStatus;
    use daicho_core::classify::config::VisitRule;
    use daicho_core::visit::VisitCandidateQuery;
    let mut l = ledger();
    // A prospect never visited, a prospect seen last week, a lost customer never visited.
    let mut new_lead = organisation("新規見込商事", "");
    new_lead.status = CardStatus::Prospect;
    l.create_card(&new_lead).unwrap();
    let mut seen = organisation("訪問済見込", "");
    seen.status = CardStatus::Prospect;
    let seen = l.create_card(&seen).unwrap();
    l.add_contact(
        &seen.id,
        &ContactFields {
            kind: ContactKind::Visit,
            at: "2026-11-17T10:00".into(),
            ..ContactFields::default()
        },
    )
    .unwrap();
    let mut lost = organisation("失注商店", "");
    lost.status = CardStatus::Lost;
    l.create_card(&lost).unwrap();
    l.reclassify(year()).unwrap();
    let due = l
        .visit_candidates(&VisitCandidateQuery {
            due_by_class: true,
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    // Those due by a rule come first (the rest follow: no other filter was set).
    let got: Vec<(&str, Option<VisitRule>, Option<i32>)> = due
        .iter()
        .take_while(|c| c.visit_rule.is_some())
        .map(|c| (c.card_name.as_str(), c.visit_rule, c.visit_every_days))
        .collect();
    assert_eq!(
        got,
        vec![("新規見込商事", Some(VisitRule::Prospect), Some(60))]
    );
    // The card list's "due a visit" filter names the same customer.
    let listed = l
        .list_cards(&daicho_core::card_list::CardQuery {
            visit_due: true,
            ..Default::default()
        })
        .unwrap();
    let names: Vec<&str> = listed.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["新規見込商事"]);
}

#[test]
fn the_dashboard_gathers_every_chart_for_a_period_and_an_owner() {
    use daicho_core::card::CardStatus;
    use daicho_core::dashboard::DashboardQuery;
    let mut l = ledger();
    let ids = five(&mut l);
    for (n, id) in ids.iter().enumerate() {
        let mut card = l.card(id).unwrap();
        card.fields.owner = if n < 2 { "山田".into() } else { "李".into() };
        l.update_card(id, card.version, &card.fields).unwrap();
    }
    l.add_contact(
        &ids[0],
        &ContactFields {
            kind: ContactKind::Visit,
            at: "2026-11-18T10:00".into(),
            ..ContactFields::default()
        },
    )
    .unwrap();
    l.add_contact(&ids[2], &complaint()).unwrap();
    let query = DashboardQuery {
        from: Some("2026-01-01".into()),
        to: Some("2026-12-31".into()),
        owner: None,
    };
    let d = l.dashboard(&query).unwrap();
    assert_eq!(
        d.statuses
            .iter()
            .find(|s| s.status == CardStatus::Prospect)
            .unwrap()
            .cards,
        5
    );
    assert_eq!(
        d.weeks.first().unwrap().week,
        "2025-12-29",
        "the week holding 1 January"
    );
    let week = d.weeks.iter().find(|w| w.week == "2026-11-16").unwrap();
    assert_eq!(week.kinds.len(), 1);
    assert_eq!(d.owners, ["山田", "李"]);
    assert_eq!(
        d.completeness
            .iter()
            .map(|o| (o.owner.as_str(), o.cards))
            .collect::<Vec<_>>(),
        [("山田", 2), ("李", 3)]
    );
    assert_eq!(d.least_complete.len(), 5);
    // One owner: the Pareto curve runs to 100% over their customers alone; classes stay the ledger's.
    let mine = l
        .dashboard(&DashboardQuery {
            owner: Some("李".into()),
            ..query
        })
        .unwrap();
    assert_eq!(mine.classification.buyers, 3);
    assert_eq!(
        mine.classification
            .pareto
            .last()
            .unwrap()
            .cumulative_percent,
        100.0
    );
    assert_eq!(mine.classification.pareto[0].abc, Some(Abc::B));
    assert_eq!(
        mine.weeks.iter().map(|w| w.kinds.len()).sum::<usize>(),
        1,
        "only 李's complaint"
    );
}

#[test]
fn reasons_read_with_their_amounts_grouped_in_each_language() {
    use daicho_core::classify::{Reason, ReasonKind};
    use daicho_core::i18n::Lang;
    let overdue = Reason {
        kind: ReasonKind::Overdue,
        figure: 18_000,
        severity: None,
    };
    let complaints = Reason {
        kind: ReasonKind::OpenComplaints,
        figure: 2,
        severity: None,
    };
    assert_eq!(overdue.text(Lang::Ja), "支払遅延 18,000");
    assert_eq!(overdue.text(Lang::En), "Overdue 18,000");
    assert_eq!(complaints.text(Lang::Ja), "未解決のクレーム 2 件");
}

#[test]
fn volume_grades_and_loyalty_filter_the_card_list_and_are_counted_on_the_dashboard() {
    use daicho_core::card_list::CardQuery;
    let mut l = ledger();
    let ids = five(&mut l);
    // 青木工業 is loyal by the rep's word; the others have no word and no products in use.
    let mut aoki = l.card(&ids[0]).unwrap();
    aoki.fields.standing.loyalty = Some(Loyalty::Loyal);
    l.update_card(&ids[0], aoki.version, &aoki.fields).unwrap();
    l.reclassify(year()).unwrap();
    // 500,000 a year is 41,667 a month: grade C (20,000 to 100,000); 50,000 a year is D.
    let graded = |grade: &str| {
        names(
            &l,
            CardQuery {
                grade: Some(grade.into()),
                ..CardQuery::default()
            },
        )
    };
    assert_eq!(graded("C"), ["青木工業"]);
    assert_eq!(graded("D").len(), 4);
    let loyal = names(
        &l,
        CardQuery {
            loyalty: Some(Loyalty::Loyal),
            ..CardQuery::default()
        },
    );
    assert_eq!(loyal, ["青木工業"]);
    assert_eq!(l.facets().unwrap().grades, ["D", "C", "B", "A"]);
    let v = l.classification_view(year()).unwrap();
    let loyalties: Vec<(Loyalty, u32)> =
        v.loyalties.iter().map(|c| (c.class, c.customers)).collect();
    assert_eq!(
        loyalties,
        [
            (Loyalty::Loyal, 1),
            (Loyalty::Switcher, 0),
            (Loyalty::NoLoyalty, 0)
        ]
    );
}

/// 000 ⑤ / 003 관리 지역, 업태 × 규모: the Dashboard breaks the period's sales down by territory,
/// route, industry and size, with customers and buyers; narrowed to a rep, only their cards.
#[test]
fn the_dashboard_breaks_sales_down_by_territory_route_industry_and_size() {
    use daicho_core::dashboard::DashboardQuery;
    let mut l = ledger();
    let card = |l: &mut Ledger,
                name: &str,
                territory: &str,
                industry: &str,
                employees: Option<i64>,
                owner: &str| {
        let mut f = organisation(name, "");
        (f.territory, f.route, f.industry, f.owner) = (
            territory.into(),
            format!("{territory}便"),
            industry.into(),
            owner.into(),
        );
        if let Some(org) = f.organisation.as_mut() {
            org.employees = employees;
        }
        l.create_card(&f).unwrap().id
    };
    let a = card(&mut l, "北商事", "首都圏", "製造業", Some(120), "山田");
    let b = card(&mut l, "南物産", "首都圏", "卸売業", Some(8), "李");
    let c = card(&mut l, "西運輸", "関西", "製造業", None, "山田");
    for (id, amount) in [(&a, 300_000), (&b, 100_000), (&c, 50_000)] {
        l.add_transaction(id, &sale("2026-10-01", "部品", 1, amount))
            .unwrap();
    }
    let mut person = daicho_core::card::CardFields::new(CardKind::Individual, "山田 花子");
    person.territory = "関西".into();
    l.create_card(&person).unwrap();
    let query = |owner: Option<&str>| DashboardQuery {
        from: Some("2026-01-01".into()),
        to: Some("2026-12-31".into()),
        owner: owner.map(Into::into),
    };
    let s = l.dashboard(&query(None)).unwrap().segments;
    let rows = |v: &[daicho_core::segments::SegmentSales]| {
        v.iter()
            .map(|s| (s.key.clone(), s.customers, s.buyers, s.amount))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        rows(&s.territories),
        [
            ("首都圏".to_string(), 2, 2, 400_000),
            ("関西".to_string(), 2, 1, 50_000)
        ]
    );
    assert_eq!(
        rows(&s.industries)[0],
        ("製造業".to_string(), 2, 2, 350_000)
    );
    assert_eq!(rows(&s.routes)[0], ("首都圏便".to_string(), 2, 2, 400_000));
    let sizes: Vec<(String, u32)> = s
        .sizes
        .iter()
        .map(|s| (s.key.clone(), s.customers))
        .collect();
    for band in [
        ("medium", 1),
        ("micro", 1),
        ("unknown", 1),
        ("individual", 1),
    ] {
        assert!(sizes.contains(&(band.0.to_string(), band.1)), "{sizes:?}");
    }
    let mine = l.dashboard(&query(Some("李"))).unwrap().segments;
    assert_eq!(
        rows(&mine.territories),
        [("首都圏".to_string(), 1, 1, 100_000)]
    );

    // 003 운영 규모 × 판매 구조: the buyers classed by size and by the price mix of what they
    // buy at once (one unit each: 300,000, 100,000 and 50,000 a unit, a third each).
    use daicho_core::segments::{PriceBand, SizeBand};
    let grid = &s.scale_grid;
    assert_eq!(grid.price_from, [100_000, 300_000]);
    let cells: Vec<(SizeBand, PriceBand, u32, i64)> = grid
        .cells
        .iter()
        .map(|x| (x.size, x.price, x.customers, x.amount))
        .collect();
    assert_eq!(
        cells,
        [
            (SizeBand::Micro, PriceBand::Mid, 1, 100_000),
            (SizeBand::Medium, PriceBand::High, 1, 300_000),
            (SizeBand::Unknown, PriceBand::Low, 1, 50_000)
        ]
    );

    // 003's 도시/농촌 as the rep defines it: a choice field of their own breaks sales down too,
    // its choices in their order, then the customers without one.
    use daicho_core::custom_fields::{CustomFieldDef, CustomFieldKind, CustomValue};
    let area = l
        .add_custom_field(&CustomFieldDef {
            label: "立地".into(),
            kind: CustomFieldKind::Choice,
            choices: vec!["都市".into(), "郊外".into(), "農村".into()],
            in_list: false,
        })
        .unwrap();
    for (id, value) in [(&a, "郊外"), (&b, "都市"), (&c, "郊外")] {
        l.set_card_custom_values(
            id,
            &[CustomValue {
                field_id: area.id.clone(),
                value: value.into(),
            }],
        )
        .unwrap();
    }
    let own = l.dashboard(&query(None)).unwrap().segments.own;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].label, "立地");
    assert_eq!(
        rows(&own[0].segments),
        [
            ("都市".to_string(), 1, 1, 100_000),
            ("郊外".to_string(), 2, 2, 350_000),
            (String::new(), 1, 0, 0)
        ]
    );
}

/// 002 売り上げや利益 / 003 이익 기여도: a sale of a catalogue product carries the product's cost,
/// a rep can give another, and customers are ranked by profit as well as by sales; the value
/// score weighs how long they have dealt with us and their loyalty (003 시간, 충성도).
#[test]
fn customers_are_ranked_by_profit_as_well_as_sales_and_long_loyal_customers_score_higher() {
    use daicho_core::competition::ProductFields;
    let mut l = ledger();
    let machine = l
        .create_product(&ProductFields {
            name: "複合機 MX-5000".into(),
            category: "複合機".into(),
            unit_cost: Some(600_000),
            ..ProductFields::default()
        })
        .unwrap();
    // A competitor's product has no cost of ours.
    let rival = l
        .create_competitor(&daicho_core::competition::CompetitorFields {
            name: "ミライ事務機".into(),
            ..Default::default()
        })
        .unwrap();
    let refused = l
        .create_product(&ProductFields {
            competitor_id: Some(rival.id.clone()),
            name: "ミライ MX".into(),
            unit_cost: Some(1),
            ..ProductFields::default()
        })
        .unwrap_err();
    assert_eq!(refused.code(), "competition.invalid");

    let aoki = card_with_limit(&mut l, "青木工業", None);
    let mut bought = sale("2026-06-01", "", 1, 1_000_000);
    bought.product_id = Some(machine.id.clone());
    let t = l.add_transaction(&aoki, &bought).unwrap();
    assert_eq!((t.fields.cost, t.profit), (Some(600_000), Some(400_000)));
    // A later change of the catalogue's cost leaves the sales already made as they were.
    let mut dearer = machine.fields.clone();
    dearer.unit_cost = Some(700_000);
    l.update_product(&machine.id, machine.version, &dearer)
        .unwrap();
    assert_eq!(l.sale(&t.id).unwrap().fields.cost, Some(600_000));

    let with_cost = |l: &mut Ledger, name: &str, amount: i64, cost: Option<i64>| {
        let id = card_with_limit(l, name, None);
        let mut s = sale("2026-06-01", "部品", 1, amount);
        s.cost = cost;
        l.add_transaction(&id, &s).unwrap();
        id
    };
    // Second by sales, at a thin margin.
    with_cost(&mut l, "坂本物産", 800_000, Some(760_000));
    let chiba = with_cost(&mut l, "千葉商会", 300_000, Some(120_000));
    with_cost(&mut l, "土屋電機", 200_000, None);
    let mut bad = sale("2026-06-01", "部品", 1, 1_000);
    bad.cost = Some(-1);
    assert_eq!(
        l.add_transaction(&chiba, &bad).unwrap_err().code(),
        "sales.invalid"
    );

    let c = l.classification(year()).unwrap();
    let by = |name: &str| c.cards.iter().find(|c| c.name == name).unwrap().clone();
    let row = |name: &str| {
        let c = by(name);
        (c.abc, c.profit, c.margin_percent, c.profit_abc)
    };
    assert_eq!(
        row("青木工業"),
        (Some(Abc::A), Some(400_000), Some(40), Some(Abc::A))
    );
    assert_eq!(
        row("坂本物産"),
        (Some(Abc::A), Some(40_000), Some(5), Some(Abc::C))
    );
    assert_eq!(
        row("千葉商会"),
        (Some(Abc::B), Some(180_000), Some(60), Some(Abc::A))
    );
    // No cost known: no profit and no profit class, rather than a profit equal to the sales.
    assert_eq!(row("土屋電機"), (Some(Abc::C), None, None, None));
    assert_eq!(c.total_profit, Some(620_000));

    // Ten years of dealings and the rep's "loyal" lift 千葉商会's value score.
    let before = by("千葉商会").value_score;
    let card = l.card(&chiba).unwrap();
    let mut fields = card.fields.clone();
    fields.first_deal_on = Some("2016-06-01".into());
    fields.standing.loyalty = Some(Loyalty::Loyal);
    l.update_card(&chiba, card.version, &fields).unwrap();
    let after = l.classification(year()).unwrap();
    let chiba_now = after.cards.iter().find(|c| c.name == "千葉商会").unwrap();
    assert_eq!(
        (chiba_now.indicators.tenure, chiba_now.indicators.loyalty),
        (Some(100), Some(100))
    );
    assert!(
        chiba_now.value_score > before,
        "{} → {}",
        before,
        chiba_now.value_score
    );
}

/// 002 既存顧客の維持…離反率を下げる: the Dashboard counts last period's buyers who bought again
/// and those who bought nothing (the defection), with what the lost ones bought before, the
/// biggest first, and this period's new buyers.
#[test]
fn the_dashboard_counts_last_periods_buyers_kept_and_lost() {
    use daicho_core::dashboard::DashboardQuery;
    let mut l = ledger();
    let mut card = |name: &str, sales: &[(&str, i64)]| {
        let id = l.create_card(&organisation(name, "")).unwrap().id;
        for (on, amount) in sales {
            l.add_transaction(&id, &sale(on, "部品", 1, *amount))
                .unwrap();
        }
        id
    };
    card(
        "継続商事",
        &[("2025-05-01", 100_000), ("2026-05-01", 120_000)],
    );
    let lost_big = card("離反物産", &[("2025-03-01", 500_000)]);
    let lost_small = card("小口商店", &[("2025-09-01", 20_000)]);
    card("新規工業", &[("2026-02-01", 80_000)]);
    card("未取引", &[]);
    let r = l
        .dashboard(&DashboardQuery {
            from: Some("2026-01-01".into()),
            to: Some("2026-12-31".into()),
            owner: None,
        })
        .unwrap()
        .retention;
    assert_eq!(
        (r.previous_buyers, r.kept, r.lost, r.new_buyers),
        (3, 1, 2, 1)
    );
    assert_eq!(r.lost_amount, 520_000);
    let names: Vec<&str> = r.biggest_lost.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["離反物産", "小口商店"]);
    assert_eq!(r.lost_ids, [lost_big, lost_small]);
}

/// 003 브랜드 육성 능력: the rep's judgement of how far a store promotes our brand is saved on
/// the card (1–5, anything else refused) and read by classification as a value indicator.
#[test]
fn a_stores_brand_support_is_judged_on_the_card_and_read_as_an_indicator() {
    let mut l = ledger();
    let mut f = organisation("코리아마트 강남점", "");
    f.standing.brand_support = Some(5);
    let store = l.create_card(&f).unwrap();
    assert_eq!(
        l.card(&store.id).unwrap().fields.standing.brand_support,
        Some(5)
    );
    f.standing.brand_support = Some(6);
    assert!(l.create_card(&f).is_err());
    let c = l.classification(year()).unwrap();
    let k = c.cards.iter().find(|k| k.card_id == store.id).unwrap();
    assert_eq!(k.indicators.brand_support, Some(100));
}

//! The annual sales plan (000 ⑥, 001 推销工作计划): targets by territory, rep, category and
//! customer, against sales less returns, in a fiscal year that starts in April; entered, read
//! back from Excel, and printed. The test clock says today is 2026-11-24.

use daicho_core::competition::ProductFields;
use daicho_core::error::{Coded, SalesError};
use daicho_core::i18n::Lang;
use daicho_core::ids::CardId;
use daicho_core::output::Existing;
use daicho_core::report::{ReportKind, ReportRequest};
use daicho_core::sales::plan::{PlanLineFields, PlanScope};
use daicho_core::sales::TransactionKind;
use daicho_core::Ledger;

use crate::sales::sale;
use crate::{ledger, organisation};

fn card(l: &mut Ledger, name: &str, territory: &str, owner: &str) -> CardId {
    let mut f = organisation(name, "");
    (f.territory, f.owner) = (territory.into(), owner.into());
    f.code = format!("K-{name}");
    l.create_card(&f).unwrap().id
}

fn line(scope: PlanScope, key: &str, monthly: i64) -> PlanLineFields {
    PlanLineFields {
        fiscal_year: 2026,
        scope,
        key: key.into(),
        card_id: None,
        months: vec![monthly; 12],
        means: String::new(),
    }
}

/// Two territories' customers with sales this fiscal year (from 2026-04) and the one before.
fn sample() -> (Ledger, CardId, CardId) {
    let mut l = ledger();
    l.set_fiscal_year_start(4).unwrap();
    let north = card(&mut l, "北辰商事", "東京北", "佐藤");
    let south = card(&mut l, "南海物産", "東京南", "鈴木");
    for (id, on, amount) in [
        (&north, "2025-04-10", 100_000),
        (&north, "2026-04-10", 120_000),
        (&north, "2026-10-05", 80_000),
        (&south, "2025-11-02", 50_000),
        (&south, "2026-11-20", 60_000),
        // Before the year before: not counted anywhere.
        (&south, "2024-12-01", 999_999),
    ] {
        l.add_transaction(id, &sale(on, "コピー用紙", 1, amount))
            .unwrap();
    }
    let mut back = sale("2026-10-06", "コピー用紙", 1, 30_000);
    back.kind = TransactionKind::Return;
    l.add_transaction(&north, &back).unwrap();
    (l, north, south)
}

#[test]
fn a_territory_plan_is_set_against_its_sales_month_by_month_in_the_fiscal_year() {
    let (mut l, _, _) = sample();
    l.save_plan_line(&line(PlanScope::Territory, "東京北", 30_000))
        .unwrap();
    let plan = l.plan_overview(None).unwrap();
    assert_eq!((plan.fiscal_year, plan.first_month), (2026, 4));
    assert_eq!(plan.months.first().unwrap(), "2026-04");
    assert_eq!(plan.months.last().unwrap(), "2027-03");
    let north = &plan.lines[0];
    assert_eq!(
        (north.scope, north.label.as_str()),
        (PlanScope::Territory, "東京北")
    );
    // April's sale, and October's less the return.
    assert_eq!(north.months[0].actual, 120_000);
    assert_eq!(north.months[6].actual, 50_000);
    assert_eq!(north.months[0].last_year, 100_000);
    assert_eq!((north.year_plan, north.year_actual), (360_000, 170_000));
    // April to October in full, and 24 of November's 30 days.
    assert_eq!(north.plan_to_date, 7 * 30_000 + 30_000 * 24 / 30);
    assert_eq!(north.rate_percent, Some(170_000 * 100 / 234_000));
    // No line for the whole ledger: its plan is the territories' sum; its actual is everything.
    assert_eq!(plan.total.year_plan, 360_000);
    assert_eq!(plan.total.year_actual, 230_000);
    // The territory and the reps that sold without a line are offered to plan.
    let unplanned: Vec<_> = plan
        .unplanned
        .iter()
        .map(|u| (u.scope, u.key.as_str(), u.last_year))
        .collect();
    assert!(unplanned.contains(&(PlanScope::Territory, "東京南", 50_000)));
    assert!(unplanned.contains(&(PlanScope::Owner, "佐藤", 100_000)));
    assert!(!unplanned.iter().any(|u| u.1 == "東京北"));
}

#[test]
fn a_line_saved_again_is_changed_not_doubled_and_a_whole_ledger_line_leads() {
    let (mut l, _, _) = sample();
    l.save_plan_line(&line(PlanScope::Owner, "佐藤", 10_000))
        .unwrap();
    let again = l
        .save_plan_line(&line(PlanScope::Owner, "佐藤", 20_000))
        .unwrap();
    assert_eq!(again.version, 2);
    l.save_plan_line(&line(PlanScope::Total, "ignored", 50_000))
        .unwrap();
    let plan = l.plan_overview(Some(2026)).unwrap();
    assert_eq!(plan.lines.len(), 1);
    assert_eq!(plan.lines[0].year_plan, 240_000);
    assert_eq!(plan.total.year_plan, 600_000);
    assert_eq!(plan.total.line.as_ref().unwrap().fields.key, "");
    l.delete_plan_line(&again.id).unwrap();
    assert!(l.plan_overview(Some(2026)).unwrap().lines.is_empty());
    let gone = l.delete_plan_line(&again.id).unwrap_err();
    assert_eq!(gone.code(), "sales.plan_not_found");
}

#[test]
fn a_customer_target_shows_on_their_card_and_goes_with_them_to_the_trash() {
    let (mut l, north, _) = sample();
    let mut target = line(PlanScope::Card, "", 40_000);
    target.card_id = Some(north.clone());
    target.means = "新製品の提案を四半期ごとに".into();
    l.save_plan_line(&target).unwrap();
    let sales = l.card_sales(&north, None).unwrap();
    let t = sales.target.expect("the card's target");
    assert_eq!((t.year_plan, t.year_actual), (480_000, 170_000));
    assert_eq!(t.line.unwrap().card_code, "K-北辰商事");
    l.trash_card(&north).unwrap();
    assert!(l.plan_overview(None).unwrap().lines.is_empty());
}

#[test]
fn a_category_plan_counts_the_sales_of_its_products() {
    let mut l = ledger();
    let id = card(&mut l, "青葉精機", "", "");
    let toner = l
        .create_product(&ProductFields {
            competitor_id: None,
            name: "トナー".into(),
            category: "消耗品".into(),
            price_min: None,
            price_max: None,
            unit_cost: None,
            features: String::new(),
            selling_points: String::new(),
            notes: String::new(),
        })
        .unwrap();
    let mut t = sale("2026-02-03", "", 2, 9_000);
    t.product_id = Some(toner.id.clone());
    l.add_transaction(&id, &t).unwrap();
    l.add_transaction(&id, &sale("2026-02-04", "保守", 1, 5_000))
        .unwrap();
    let preview = l
        .plan_preview(&line(PlanScope::Category, "消耗品", 0))
        .unwrap();
    // A calendar year by default: February is the second month.
    assert_eq!(preview.months[1].actual, 18_000);
    assert_eq!(preview.year_actual, 18_000);
}

#[test]
fn a_bad_line_is_refused_and_nothing_is_saved() {
    let mut l = ledger();
    let mut short = line(PlanScope::Territory, "", 1);
    short.months.pop();
    short.months[0] = -5;
    let e = l.save_plan_line(&short).unwrap_err();
    let rules: Vec<(String, String)> = e.fields().into_iter().map(|f| (f.field, f.rule)).collect();
    assert!(rules.contains(&("months".into(), "twelve_months".into())));
    assert!(rules.contains(&("months.0".into(), "negative".into())));
    assert!(rules.contains(&("key".into(), "required".into())));
    let mut nobody = line(PlanScope::Card, "", 1);
    nobody.card_id = Some(CardId::new());
    assert!(matches!(
        l.save_plan_line(&nobody).unwrap_err(),
        SalesError::Invalid(_)
    ));
    assert!(matches!(
        l.set_fiscal_year_start(13).unwrap_err(),
        SalesError::Invalid(_)
    ));
    // A year no plan can be for is refused, not wrapped round.
    for year in [i32::MIN, 1899, 3000, i32::MAX] {
        assert!(matches!(
            l.plan_overview(Some(year)).unwrap_err(),
            SalesError::Invalid(_)
        ));
    }
    assert!(l.plan_overview(None).unwrap().lines.is_empty());
}

#[test]
fn the_plan_report_prints_plan_and_actual_and_its_targets_sheet_imports_back() {
    let (mut l, north, _) = sample();
    l.save_plan_line(&line(PlanScope::Territory, "東京北", 30_000))
        .unwrap();
    let mut target = line(PlanScope::Card, "", 40_000);
    target.card_id = Some(north);
    target.means = "=HYPERLINK(\"x\")".into();
    l.save_plan_line(&target).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.xlsx");
    for lang in Lang::ALL {
        let request = ReportRequest {
            kind: ReportKind::Plan,
            lang,
            ..ReportRequest::default()
        };
        let rows = l
            .export_report(&request, &path, Existing::Replace, &mut |_, _| {})
            .unwrap()
            .rows;
        assert_eq!(rows, 3);
        // The sheet in any language reads back as the same lines.
        let mut other = ledger();
        other.set_fiscal_year_start(4).unwrap();
        card(&mut other, "北辰商事", "", "");
        let done = other.import_plan(&path, false).unwrap();
        assert!(done.problems.is_empty(), "{lang:?}: {:?}", done.problems);
        assert_eq!((done.fiscal_year, done.lines), (2026, 2));
        let plan = other.plan_overview(Some(2026)).unwrap();
        let lines: Vec<_> = plan
            .lines
            .iter()
            .map(|p| (p.scope, p.label.as_str(), p.year_plan))
            .collect();
        assert_eq!(
            lines,
            [
                (PlanScope::Territory, "東京北", 360_000),
                (PlanScope::Card, "北辰商事", 480_000)
            ]
        );
        // Text that looks like a formula stays text.
        assert_eq!(
            plan.lines[1].line.as_ref().unwrap().fields.means,
            "=HYPERLINK(\"x\")"
        );
    }
}

/// A plan typed by hand in Japanese Excel, saved as CSV: its own headings, 年月 months, amounts
/// with yen signs and commas.
#[test]
fn a_japanese_plan_sheet_typed_by_hand_imports_and_one_bad_row_stops_it_all() {
    let mut l = ledger();
    l.set_fiscal_year_start(4).unwrap();
    card(&mut l, "北辰商事", "", "");
    let months: Vec<String> = (0..12)
        .map(|i| {
            let (y, m) = if i < 9 { (2026, 4 + i) } else { (2027, i - 8) };
            format!("{y}年{m}月")
        })
        .collect();
    let head = format!(
        "対象,地区・担当者・分類,顧客コード,{},達成の方策",
        months.join(",")
    );
    let row = |scope: &str, key: &str, code: &str, amount: &str| {
        format!("{scope},{key},{code},{},", [amount; 12].join(","))
    };
    let good = [
        head.clone(),
        row("全体", "", "", "\"¥1,000,000\""),
        row("地区", "東京北", "", "300000"),
        row("顧客", "", "K-北辰商事", "\"40,000円\""),
    ]
    .join("\r\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("計画.csv");
    std::fs::write(&path, &good).unwrap();
    let dry = l.import_plan(&path, true).unwrap();
    assert_eq!((dry.lines, dry.problems.len()), (3, 0));
    assert!(
        l.plan_overview(None).unwrap().lines.is_empty(),
        "a dry run saves nothing"
    );
    l.import_plan(&path, false).unwrap();
    let plan = l.plan_overview(None).unwrap();
    assert_eq!(plan.total.year_plan, 12_000_000);
    assert_eq!(plan.lines.len(), 2);

    let bad = [
        head,
        row("地区", "東京北", "", "500000"),
        row("支店", "大阪", "", "1"),
        row("顧客", "", "K-誰もいない", "1"),
        row("担当者", "佐藤", "", "たくさん"),
    ]
    .join("\n");
    std::fs::write(&path, &bad).unwrap();
    let refused = l.import_plan(&path, false).unwrap();
    let problems: Vec<_> = refused
        .problems
        .iter()
        .map(|p| (p.line, p.rule.as_str()))
        .collect();
    assert!(problems.contains(&(3, "unknown_scope")));
    assert!(problems.contains(&(4, "unknown_code")));
    // Said once: not also "a customer is required".
    assert_eq!(
        problems.iter().filter(|p| p.0 == 4).count(),
        1,
        "{problems:?}"
    );
    assert!(problems.contains(&(5, "not_an_amount")));
    // The good first row was not saved either.
    let north = l.plan_overview(None).unwrap();
    assert_eq!(north.lines[0].year_plan, 3_600_000);

    std::fs::write(&path, "name,phone\n北辰商事,03-1234-5678\n").unwrap();
    assert_eq!(
        l.import_plan(&path, false).unwrap_err().code(),
        "import.not_a_plan"
    );
}

//! Transactions, what a card's purchases add up to, receivables and the collection plan.

use daicho_core::card::{HistoryEntity, Standing};
use daicho_core::error::{Coded, SalesError};
use daicho_core::ids::CardId;
use daicho_core::sales::summary::Period;
use daicho_core::sales::{AgeBucket, CollectionPlan, TransactionFields, TransactionKind};
use daicho_core::Ledger;

use crate::{ledger, organisation};

pub fn sale(on: &str, item: &str, quantity: i64, unit_price: i64) -> TransactionFields {
    TransactionFields {
        dated_on: on.to_owned(),
        item: item.to_owned(),
        quantity,
        unit_price,
        ..TransactionFields::default()
    }
}

pub fn card_with_limit(l: &mut Ledger, name: &str, limit: Option<i64>) -> CardId {
    let mut fields = organisation(name, "");
    fields.standing = Standing {
        credit_limit: limit,
        ..Standing::default()
    };
    l.create_card(&fields).unwrap().id
}

fn rules(e: SalesError) -> Vec<(String, String)> {
    e.fields().into_iter().map(|f| (f.field, f.rule)).collect()
}

#[test]
fn a_cards_purchases_are_summed_over_the_period_with_returns_subtracted() {
    let mut l = ledger();
    let id = card_with_limit(&mut l, "丸山商事", None);
    l.add_transaction(&id, &sale("2026-03-10", "コピー用紙", 10, 500))
        .unwrap();
    l.add_transaction(&id, &sale("2026-09-01", "トナー", 2, 12_000))
        .unwrap();
    let mut back = sale("2026-09-15", "トナー", 1, 12_000);
    back.kind = TransactionKind::Return;
    l.add_transaction(&id, &back).unwrap();
    // Before the period: not counted.
    l.add_transaction(&id, &sale("2025-01-10", "コピー用紙", 99, 500))
        .unwrap();

    let period = Period::parse("2026-01-01..2026-12-31").unwrap();
    let s = l.card_sales(&id, Some(period)).unwrap().summary;
    assert_eq!((s.quantity, s.amount), (11, 5_000 + 24_000 - 12_000));
    // The average price is over the sales: 29,000 for 12 units.
    assert_eq!(s.average_price, Some(2_416));
    assert_eq!(s.last_purchase_on.as_deref(), Some("2026-09-01"));
    // 17,000 over 365 days of 30.44 a month.
    assert_eq!(s.monthly_amount, 1_418);
    let all = l.card_sales(&id, None).unwrap();
    assert_eq!(all.transactions.len(), 4);
    assert_eq!(all.transactions[0].fields.item, "トナー", "newest first");
}

#[test]
fn the_amount_defaults_to_quantity_times_price_and_a_product_names_the_item() {
    let mut l = ledger();
    let id = card_with_limit(&mut l, "丸山商事", None);
    let product = l
        .create_product(&daicho_core::competition::ProductFields {
            name: "複合機 DX-5".into(),
            ..Default::default()
        })
        .unwrap();
    let mut t = sale("2026-10-01", "", 3, 250_000);
    t.product_id = Some(product.id.clone());
    let saved = l.add_transaction(&id, &t).unwrap();
    assert_eq!(saved.fields.item, "複合機 DX-5");
    assert_eq!(saved.fields.amount, Some(750_000));
    // A discount is typed as the amount.
    let mut discounted = saved.fields.clone();
    discounted.amount = Some(700_000);
    let edited = l
        .update_transaction(&saved.id, saved.version, &discounted)
        .unwrap();
    assert_eq!(edited.fields.amount, Some(700_000));
    // Deleting the product keeps the transaction and its item.
    l.delete_product(&product.id).unwrap();
    let kept = l.sale(&saved.id).unwrap();
    assert_eq!(
        (kept.fields.product_id, kept.fields.item.as_str()),
        (None, "複合機 DX-5")
    );
}

#[test]
fn bad_transactions_are_refused_whole_and_change_nothing() {
    let mut l = ledger();
    let id = card_with_limit(&mut l, "丸山商事", None);
    let mut t = sale("2026-10-01", "", -2, -5);
    t.paid_amount = 10;
    let e = l.add_transaction(&id, &t).unwrap_err();
    assert_eq!(e.code(), "sales.invalid");
    let got = rules(e);
    for expected in [
        ("item", "required"),
        ("quantity", "negative"),
        ("unit_price", "negative"),
        ("paid_on", "required"),
    ] {
        assert!(
            got.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {got:?}"
        );
    }
    let mut over = sale("2026-10-01", "トナー", 1, 1_000);
    over.paid_amount = 1_500;
    over.paid_on = Some("2026-10-20".into());
    assert_eq!(
        rules(l.add_transaction(&id, &over).unwrap_err()),
        vec![("paid_amount".into(), "paid_over_due".into())]
    );
    let mut early = sale("2026-10-01", "トナー", 1, 1_000);
    early.due_on = Some("2026-09-30".into());
    assert_eq!(
        rules(l.add_transaction(&id, &early).unwrap_err()),
        vec![("due_on".into(), "before_date".into())]
    );
    let zero = sale("2026-10-01", "トナー", 0, 1_000);
    assert_eq!(
        rules(l.add_transaction(&id, &zero).unwrap_err()),
        vec![("quantity".into(), "not_positive".into())]
    );
    assert!(l.card_sales(&id, None).unwrap().transactions.is_empty());
    assert!(l
        .history(&id)
        .unwrap()
        .iter()
        .all(|h| h.entity != HistoryEntity::Transaction));
}

#[test]
fn every_change_to_a_transaction_is_in_the_cards_history_and_stale_edits_are_refused() {
    let mut l = ledger();
    let id = card_with_limit(&mut l, "丸山商事", None);
    let mut t = sale("2026-10-01", "トナー", 2, 12_000);
    t.invoice_no = "INV-0042".into();
    let saved = l.add_transaction(&id, &t).unwrap();
    let mut paid = saved.fields.clone();
    paid.paid_amount = 24_000;
    paid.paid_on = Some("2026-10-31".into());
    let edited = l
        .update_transaction(&saved.id, saved.version, &paid)
        .unwrap();
    assert!(matches!(
        l.update_transaction(&saved.id, saved.version, &paid),
        Err(SalesError::Stale { .. })
    ));
    l.delete_transaction(&edited.id).unwrap();
    let h: Vec<_> = l
        .history(&id)
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == HistoryEntity::Transaction)
        .map(|h| (h.action.as_str().to_owned(), h.field, h.entity_label))
        .collect();
    let label = "2026-10-01 トナー (INV-0042)".to_owned();
    assert_eq!(
        h,
        vec![
            ("deleted".into(), "".into(), label.clone()),
            ("changed".into(), "paid_on".into(), label.clone()),
            ("changed".into(), "paid_amount".into(), label.clone()),
            ("created".into(), "".into(), label),
        ]
    );
}

#[test]
fn receivables_are_aged_and_the_longest_overdue_customer_comes_first() {
    // Today is 2026-11-24.
    let mut l = ledger();
    let a = card_with_limit(&mut l, "青木工業", Some(100_000));
    let b = card_with_limit(&mut l, "坂本物産", None);
    let mut due = |card: &CardId, on: &str, due: &str, amount: i64, paid: i64| {
        let mut t = sale(on, "部品", 1, amount);
        t.due_on = Some(due.into());
        if paid > 0 {
            t.paid_amount = paid;
            t.paid_on = Some(on.into());
        }
        l.add_transaction(card, &t).unwrap()
    };
    due(&a, "2026-10-01", "2026-10-31", 80_000, 0); // 24 days late
    due(&a, "2026-11-01", "2026-12-01", 50_000, 0); // not due yet
    due(&b, "2026-07-01", "2026-07-31", 30_000, 10_000); // 116 days late, 20,000 open
    due(&b, "2026-06-01", "2026-06-30", 9_000, 9_000); // paid

    let r = l.receivables(None).unwrap();
    assert_eq!((r.outstanding, r.overdue), (150_000, 100_000));
    let ages: Vec<(AgeBucket, i64, u32)> = r
        .ages
        .iter()
        .map(|a| (a.bucket, a.amount, a.invoices))
        .collect();
    assert_eq!(
        ages,
        vec![
            (AgeBucket::NotDue, 50_000, 1),
            (AgeBucket::Days1To30, 80_000, 1),
            (AgeBucket::Days31To60, 0, 0),
            (AgeBucket::Days61To90, 0, 0),
            (AgeBucket::Over90, 20_000, 1),
        ]
    );
    let rows: Vec<(&str, i64, i64, i32, bool)> = r
        .customers
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.outstanding,
                c.overdue,
                c.days_overdue,
                c.over_limit,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("坂本物産", 20_000, 20_000, 116, false),
            ("青木工業", 130_000, 80_000, 24, true)
        ]
    );

    // The card flags the customer over its limit; one sale above the limit is flagged too.
    let sales = l.card_sales(&a, None).unwrap();
    assert!(sales.summary.over_limit);
    assert_eq!(sales.summary.overdue, 80_000);
    let big = l
        .add_transaction(&a, &sale("2026-11-20", "設備", 1, 150_000))
        .unwrap();
    assert!(big.over_limit);
    assert_eq!(
        l.card_sales(&a, None)
            .unwrap()
            .transactions
            .iter()
            .find(|t| t.fields.due_on.as_deref() == Some("2026-10-31"))
            .unwrap()
            .overdue_days,
        Some(24)
    );
    // One owner's cards only.
    assert!(l.receivables(Some("nobody")).unwrap().customers.is_empty());
}

#[test]
fn a_collection_plan_says_who_to_chase_when_and_is_kept_in_history() {
    let mut l = ledger();
    let a = card_with_limit(&mut l, "青木工業", None);
    let mut t = sale("2026-10-01", "部品", 1, 80_000);
    t.due_on = Some("2026-10-31".into());
    l.add_transaction(&a, &t).unwrap();
    let plan = CollectionPlan {
        chase_on: "2026-11-26".into(),
        person: "経理部 佐藤様".into(),
        note: "請求書再送".into(),
    };
    l.set_collection_plan(&a, Some(&plan)).unwrap();
    assert_eq!(
        l.receivables(None).unwrap().customers[0].plan.as_ref(),
        Some(&plan)
    );
    let bad = CollectionPlan {
        chase_on: "2026-13-40".into(),
        ..plan.clone()
    };
    assert_eq!(
        l.set_collection_plan(&a, Some(&bad)).unwrap_err().code(),
        "sales.invalid"
    );
    l.set_collection_plan(&a, None).unwrap();
    assert_eq!(l.card_sales(&a, None).unwrap().plan, None);
    let kinds: Vec<String> = l
        .history(&a)
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == HistoryEntity::Collection)
        .map(|h| h.action.as_str().to_owned())
        .collect();
    assert_eq!(kinds, vec!["deleted", "created"]);
}

#[test]
fn a_period_is_from_before_to() {
    assert!(Period::parse("2026-12-31..2026-01-01").is_err());
    assert!(Period::parse("2026-01-01").is_err());
    let p = Period::parse("2026-01-01..2026-12-31").unwrap();
    assert_eq!(
        (p.previous().from_text(), p.previous().to_text()),
        ("2025-01-01".into(), "2025-12-31".into())
    );
}

/// Trading habits from the customer's own sales (today is 2026-11-24): two years month by
/// month with returns subtracted, the usual days between orders, and a cue once the next order
/// is later than half as long again.
#[test]
fn a_customers_order_rhythm_shows_when_their_next_order_is_late() {
    let mut l = ledger();
    let id = card_with_limit(&mut l, "月次発注商事", None);
    for on in ["2026-06-25", "2026-07-25", "2026-08-24", "2026-09-25"] {
        l.add_transaction(&id, &sale(on, "部品", 1, 100_000))
            .unwrap();
    }
    let mut back = sale("2026-09-28", "部品", 1, 30_000);
    back.kind = TransactionKind::Return;
    l.add_transaction(&id, &back).unwrap();
    let habits = l.card_sales(&id, None).unwrap().habits;
    assert_eq!(habits.months.len(), 24);
    assert_eq!(habits.months.first().unwrap().month, "2024-12");
    assert_eq!(habits.months.last().unwrap().month, "2026-11");
    let september = habits.months.iter().find(|m| m.month == "2026-09").unwrap();
    assert_eq!(september.amount, 70_000, "the return is subtracted");
    assert_eq!(habits.order_days, 4, "a return is not an order");
    assert_eq!(habits.usual_interval, Some(30));
    // 60 days since the last order against a usual 30: 15 days past the 45 allowed.
    assert_eq!(habits.days_since_last, Some(60));
    assert_eq!(habits.late_by, Some(15));

    // Two orders are no rhythm yet.
    let new = card_with_limit(&mut l, "新規商店", None);
    for on in ["2026-01-10", "2026-02-10"] {
        l.add_transaction(&new, &sale(on, "部品", 1, 10_000))
            .unwrap();
    }
    let habits = l.card_sales(&new, None).unwrap().habits;
    assert_eq!((habits.usual_interval, habits.late_by), (None, None));
}

/// The order cycle the card states (月2回) set against the customer's real rhythm (every 30
/// days), and their season: the months they buy much more in, both years.
#[test]
fn a_stated_order_cycle_is_checked_against_the_orders_and_a_season_is_found() {
    let mut l = ledger();
    let id = card_with_limit(&mut l, "季節商事", None);
    let mut card = l.card(&id).unwrap();
    if let Some(org) = card.fields.organisation.as_mut() {
        org.order_cycle = "月2回".into();
    }
    l.update_card(&id, card.version, &card.fields).unwrap();
    // Every month for two years, and much more each March.
    for year in [2025, 2026] {
        for month in 1..=12 {
            let on = format!("{year}-{month:02}-10");
            if on.as_str() > "2026-11-24" || on.as_str() < "2024-12-01" {
                continue;
            }
            let price = if month == 3 { 900_000 } else { 100_000 };
            l.add_transaction(&id, &sale(&on, "部品", 1, price))
                .unwrap();
        }
    }
    l.add_transaction(&id, &sale("2024-12-10", "部品", 1, 100_000))
        .unwrap();
    let habits = l.card_sales(&id, None).unwrap().habits;
    assert_eq!(habits.stated_text, "月2回");
    assert_eq!(habits.stated_interval, Some(15));
    assert!(habits.slower_than_stated, "{habits:?}");
    assert_eq!(habits.peak_months, vec![3]);
    assert_eq!(habits.next_peak.as_deref(), Some("2027-03"));
}

/// 000 ⑨ 販売・入金のバランス: month by month, what was owed at the start, sold and collected,
/// and the collection rate (collected ÷ (owed at the start + sold)). Today is 2026-11-24.
#[test]
fn sales_and_collections_balance_month_by_month_with_a_collection_rate() {
    let mut l = ledger();
    let id = card_with_limit(&mut l, "入金商事", None);
    let paid = |on: &str, amount: i64, paid_on: Option<&str>, paid: i64| {
        let mut t = sale(on, "部品", 1, amount);
        t.due_on = Some(on.into());
        t.paid_amount = paid;
        t.paid_on = paid_on.map(Into::into);
        t
    };
    // Owed before the twelve months: 100,000 sold in 2025-10, paid in 2026-10.
    l.add_transaction(
        &id,
        &paid("2025-10-05", 100_000, Some("2026-10-20"), 100_000),
    )
    .unwrap();
    // Sold in 2026-10, half paid in 2026-11.
    l.add_transaction(
        &id,
        &paid("2026-10-10", 200_000, Some("2026-11-05"), 100_000),
    )
    .unwrap();
    // Long paid before the period: counts nowhere.
    l.add_transaction(
        &id,
        &paid("2024-01-10", 999_000, Some("2024-02-10"), 999_000),
    )
    .unwrap();
    let months = l.receivables(None).unwrap().months;
    assert_eq!(months.len(), 12);
    assert_eq!(months.first().unwrap().month, "2025-12");
    let at = |m: &str| months.iter().find(|x| x.month == m).unwrap();
    assert_eq!(
        (at("2025-12").opening, at("2025-12").rate_percent),
        (100_000, Some(0))
    );
    let oct = at("2026-10");
    assert_eq!(
        (oct.opening, oct.sold, oct.collected),
        (100_000, 200_000, 100_000)
    );
    assert_eq!(oct.rate_percent, Some(33));
    let nov = at("2026-11");
    assert_eq!(
        (nov.opening, nov.sold, nov.collected),
        (200_000, 0, 100_000)
    );
    assert_eq!(nov.rate_percent, Some(50));
    // The dashboard reads only the ages.
    let dash = l
        .dashboard(&daicho_core::dashboard::DashboardQuery::default())
        .unwrap();
    assert!(!dash.receivables.is_empty());
}

/// 000 ⑨: a sale paid in parts keeps each part on its day; the sale's paid amount and date are
/// their sum and the latest; more than is owed, a day before the sale or a form that would
/// overwrite the parts are refused; each part counts in its own month's collections.
#[test]
fn a_sale_paid_in_parts_keeps_each_payment_and_collections_count_them_month_by_month() {
    use daicho_core::sales::payments::PaymentFields;
    let mut l = ledger();
    let id = card_with_limit(&mut l, "分割商事", None);
    let mut machine = sale("2026-09-10", "複合機", 1, 900_000);
    machine.due_on = Some("2026-10-31".into());
    let t = l.add_transaction(&id, &machine).unwrap();
    let pay = |on: &str, amount: i64| PaymentFields {
        paid_on: on.into(),
        amount,
        method: "振込".into(),
        note: String::new(),
    };
    l.record_payment(&t.id, &pay("2026-09-30", 300_000))
        .unwrap();
    let after = l
        .record_payment(&t.id, &pay("2026-11-05", 250_000))
        .unwrap();
    assert_eq!(
        (
            after.fields.paid_amount,
            after.fields.paid_on.as_deref(),
            after.outstanding,
            after.payments
        ),
        (550_000, Some("2026-11-05"), 350_000, 2)
    );
    // More than is owed, a day before the sale, nothing at all: refused, nothing recorded.
    for (bad, rule) in [
        (pay("2026-11-10", 350_001), ("amount", "paid_over_due")),
        (pay("2026-09-01", 1_000), ("paid_on", "before_date")),
        (pay("2026-11-10", 0), ("amount", "not_positive")),
    ] {
        let e = l.record_payment(&t.id, &bad).unwrap_err();
        assert_eq!(rules(e), vec![(rule.0.to_owned(), rule.1.to_owned())]);
    }
    assert_eq!(l.payments(&t.id).unwrap().len(), 2);
    // The form cannot overwrite what the parts add up to, but its other fields still save.
    let mut form = after.fields.clone();
    form.paid_amount = 900_000;
    let e = l
        .update_transaction(&t.id, after.version, &form)
        .unwrap_err();
    assert_eq!(
        rules(e),
        vec![("paid_amount".into(), "paid_in_parts".into())]
    );
    let mut noted = after.fields.clone();
    noted.notes = "残額は年内".into();
    l.update_transaction(&t.id, after.version, &noted).unwrap();
    // A form opened before a payment was recorded is stale, not saved over it.
    let opened = l.sale(&t.id).unwrap();
    l.record_payment(&t.id, &pay("2026-11-20", 50_000)).unwrap();
    assert_eq!(
        l.update_transaction(&t.id, opened.version, &opened.fields)
            .unwrap_err()
            .code(),
        "sales.stale"
    );
    // Each part in its month; the payments in the card's history as the paid amount moved.
    let months = l.receivables(None).unwrap().months;
    let at = |m: &str| months.iter().find(|x| x.month == m).unwrap().clone();
    assert_eq!(
        (at("2026-09").sold, at("2026-09").collected),
        (900_000, 300_000)
    );
    assert_eq!(at("2026-11").collected, 300_000);
    let moves: Vec<String> = l
        .history(&id)
        .unwrap()
        .iter()
        .filter(|h| h.field == "paid_amount")
        .filter_map(|h| h.new_value.clone())
        .collect();
    assert_eq!(moves, vec!["600000", "550000", "300000"]);
    // A payment recorded by mistake is removed, and the sale follows.
    let last = l.payments(&t.id).unwrap().pop().unwrap();
    let back = l.delete_payment(&last.id).unwrap();
    assert_eq!((back.fields.paid_amount, back.payments), (550_000, 2));

    // A sale paid at once through its form is one payment, replaced when the form changes.
    let mut cash = sale("2026-10-01", "トナー", 2, 10_000);
    cash.paid_amount = 20_000;
    cash.paid_on = Some("2026-10-01".into());
    let c = l.add_transaction(&id, &cash).unwrap();
    assert_eq!(l.payments(&c.id).unwrap().len(), 1);
    let mut later = c.fields.clone();
    later.paid_on = Some("2026-10-15".into());
    l.update_transaction(&c.id, c.version, &later).unwrap();
    let one = l.payments(&c.id).unwrap();
    assert_eq!(
        (one.len(), one[0].fields.paid_on.as_str()),
        (1, "2026-10-15")
    );
}

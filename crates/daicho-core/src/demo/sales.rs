//! The sales side of a demo ledger: two years of orders whose sizes follow a heavy tail (so
//! the ABC split looks like a real rep's), some returns, invoices mostly paid on time with a few
//! late payers, and each customer's credit and the rep's judgement. Drawn from its own random
//! stream, so that the cards stay those of the seed.

use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::card::store::Edit;
use crate::card::{CardKind, CardStatus, Standing};
use crate::error::SalesError;
use crate::sales::{store, TransactionFields, TransactionKind};

use super::competition::Catalogue;
use super::pick;

/// Supplies and services a customer orders month by month: (name, unit price in the market's
/// currency), and the market's rate into the ledger's one currency (numerator, denominator).
struct Supplies {
    items: [(&'static str, i64); 3],
    rate: (i64, i64),
}

/// In the order of the demo's markets: Japan, China, Korea, English-speaking.
const SUPPLIES: [Supplies; 4] = [
    Supplies {
        items: [
            ("トナーカートリッジ", 18_000),
            ("保守契約（月額）", 12_000),
            ("コピー用紙 A4 5箱", 9_500),
        ],
        rate: (1, 1),
    },
    Supplies {
        items: [
            ("硒鼓", 900),
            ("维保服务（月费）", 600),
            ("A4 复印纸 5箱", 480),
        ],
        rate: (20, 1),
    },
    Supplies {
        items: [
            ("토너 카트리지", 165_000),
            ("유지보수 계약(월)", 110_000),
            ("A4 복사용지 5박스", 88_000),
        ],
        rate: (1, 10),
    },
    Supplies {
        items: [
            ("Toner cartridge", 120),
            ("Maintenance plan (monthly)", 80),
            ("A4 copy paper, 5 boxes", 64),
        ],
        rate: (150, 1),
    },
];

/// How much a customer buys, relative to a small one: Pareto-distributed (α ≈ 1.16, the 80/20 law).
fn size(rng: &mut ChaCha8Rng) -> f64 {
    let u: f64 = rng.random_range(0.0..0.999);
    (1.0 - u).powf(-1.0 / 1.16).min(60.0)
}

/// The card's credit and the rep's judgement, set when the card is made.
pub fn standing(
    rng: &mut ChaCha8Rng,
    kind: CardKind,
    status: CardStatus,
    ledger: usize,
) -> Standing {
    let mut s = Standing::default();
    let known = kind == CardKind::Organisation && status != CardStatus::Prospect;
    if known && rng.random_bool(0.8) {
        s.credit_rating = (*pick(rng, &["A", "B", "B", "B", "C", "C", "C", "D", "E"])).to_owned();
        // Half a million to six million yen, in the ledger's currency.
        s.credit_limit = Some(in_ledger_currency(
            0,
            ledger,
            rng.random_range(5..=60) * 100_000,
        ));
    }
    if rng.random_bool(0.45) {
        s.cooperation = Some(rng.random_range(1..=5));
    }
    if rng.random_bool(0.3) {
        s.influence = Some(rng.random_range(1..=5));
    }
    // A company that works with us willingly tends to put our brand forward as well (no draw of
    // its own: the sales that follow stay those of the seed).
    if kind == CardKind::Organisation {
        s.brand_support = s
            .cooperation
            .map(|c| (c + s.influence.unwrap_or(c) + 1) / 2);
    }
    s
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An amount in market `market`'s own currency, in the ledger's one currency: that of market
/// `ledger` (the rep's own: a Korean rep's demo keeps won).
pub fn in_ledger_currency(market: usize, ledger: usize, amount: i64) -> i64 {
    let (num, den) = SUPPLIES[market % SUPPLIES.len()].rate;
    let (ledger_num, ledger_den) = SUPPLIES[ledger % SUPPLIES.len()].rate;
    amount * num * ledger_den / (den * ledger_num)
}

/// The currency the demo's ledger keeps, by the index of its market.
pub fn ledger_currency(ledger: usize) -> crate::report::Currency {
    use crate::report::Currency;
    [Currency::Jpy, Currency::Cny, Currency::Krw, Currency::Usd][ledger % SUPPLIES.len()]
}

/// Orders from `from` to `to`, month by month, at `scale` times a small customer's volume.
#[allow(clippy::too_many_arguments)]
fn orders(
    conn: &Connection,
    rng: &mut ChaCha8Rng,
    (market, ledger): (usize, usize),
    card_id: &str,
    (from, to): (NaiveDate, NaiveDate),
    scale: f64,
    late_payer: bool,
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), SalesError> {
    let supplies = &SUPPLIES[market];
    let chance = (0.6 + 0.08 * scale).min(0.95);
    // Big buyers get the deepest discounts: supplies cost 58% of a small customer's price and
    // up to 88% of the largest's, so the best customers by sales are not all the best by profit.
    let cost_percent = (58.0 + 6.0 * scale).min(88.0) as i64;
    let mut on = from + Duration::days(rng.random_range(0..20));
    while on <= to {
        if rng.random_bool(chance) {
            let (item, price) = *pick(rng, &supplies.items);
            let quantity = ((scale * rng.random_range(0.6..1.6)).ceil() as i64).max(1);
            let due = on + Duration::days(30);
            let unpaid = due >= today || (late_payer && due + Duration::days(120) >= today);
            let unit_price = in_ledger_currency(market, ledger, price);
            let amount = quantity * unit_price;
            let sale = TransactionFields {
                kind: TransactionKind::Sale,
                dated_on: date(on),
                item: item.to_owned(),
                quantity,
                unit_price,
                cost: Some(amount * cost_percent / 100),
                invoice_no: format!("{}-{:05}", on.format("%y%m"), rng.random_range(0..100_000)),
                due_on: Some(date(due)),
                paid_amount: if unpaid { 0 } else { amount },
                paid_on: (!unpaid).then(|| date(due - Duration::days(rng.random_range(0..10)))),
                ..TransactionFields::default()
            };
            // Each order is entered on its day.
            let at = format!("{}T09:00:00.000Z", date(on));
            let entered = Edit {
                at: &at,
                actor: edit.actor,
            };
            store::add_to_new_card(conn, card_id, &sale, &entered)?;
            if rng.random_bool(0.03) && on + Duration::days(10) < today {
                let back = TransactionFields {
                    kind: TransactionKind::Return,
                    dated_on: date(on + Duration::days(10)),
                    item: item.to_owned(),
                    quantity: 1,
                    unit_price,
                    cost: Some(unit_price * cost_percent / 100),
                    ..TransactionFields::default()
                };
                store::add_to_new_card(conn, card_id, &back, &entered)?;
            }
        }
        on += Duration::days(rng.random_range(25..36));
    }
    Ok(())
}

/// Two years of a customer's purchases, shaped by where they stand: active customers buy
/// through both years (some growing, some falling), dormant ones stopped lately, lost ones a
/// year ago; prospects buy nothing. Some also bought one of our machines.
#[allow(clippy::too_many_arguments)]
pub fn purchases(
    conn: &Connection,
    rng: &mut ChaCha8Rng,
    catalogue: &Catalogue,
    (market, ledger): (usize, usize),
    card_id: &str,
    kind: CardKind,
    status: CardStatus,
    first_deal: Option<NaiveDate>,
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), SalesError> {
    if status == CardStatus::Prospect {
        return Ok(());
    }
    // Nothing is bought before the first deal: a customer won this year is a new buyer.
    let not_before = |day: NaiveDate| first_deal.map_or(day, |first| day.max(first));
    let scale = size(rng)
        * if kind == CardKind::Individual {
            0.3
        } else {
            1.0
        };
    let late_payer = rng.random_bool(0.08);
    let year_ago = today - Duration::days(365);
    let two_years_ago = today - Duration::days(730);
    let last_year_scale = scale * rng.random_range(0.7..1.25);
    let (this_year_to, last_year_to) = match status {
        CardStatus::Active => (Some(today - Duration::days(1)), year_ago),
        CardStatus::Dormant => (
            Some(year_ago + Duration::days(rng.random_range(30..120))),
            year_ago,
        ),
        _ => (None, year_ago - Duration::days(rng.random_range(30..200))),
    };
    orders(
        conn,
        rng,
        (market, ledger),
        card_id,
        (not_before(two_years_ago), last_year_to),
        last_year_scale,
        late_payer,
        today,
        edit,
    )?;
    if let Some(to) = this_year_to {
        orders(
            conn,
            rng,
            (market, ledger),
            card_id,
            (not_before(year_ago + Duration::days(1)), to),
            scale,
            late_payer,
            today,
            edit,
        )?;
    }
    if kind == CardKind::Organisation && rng.random_bool(0.25) {
        let n = rng.random_range(0..catalogue.ours.len());
        let price = catalogue.words.ours[n].price;
        let on = not_before(today - Duration::days(rng.random_range(20..700)));
        let machine = TransactionFields {
            kind: TransactionKind::Sale,
            dated_on: date(on),
            product_id: Some(catalogue.ours[n].clone()),
            quantity: rng.random_range(1..=3),
            unit_price: in_ledger_currency(market, ledger, (price.0 + price.1) / 2),
            invoice_no: format!("{}-M{:04}", on.format("%y%m"), rng.random_range(0..10_000)),
            due_on: Some(date(on + Duration::days(60))),
            ..TransactionFields::default()
        };
        let mut machine = machine;
        // The catalogue's cost in the same units as the price the customer paid.
        machine.cost = Some(
            super::competition::unit_cost(&catalogue.words.ours[n], market, ledger)
                * machine.quantity,
        );
        let id = store::add_to_new_card(conn, card_id, &machine, edit)?;
        // A machine is paid in three parts, a month apart, as far as today has come.
        let amount = machine.quantity * machine.unit_price;
        for part in 0..3i64 {
            let paid_on = on + Duration::days(25 + 30 * part);
            if paid_on >= today {
                break;
            }
            let share = if part == 2 {
                amount - 2 * (amount / 3)
            } else {
                amount / 3
            };
            let fields = crate::sales::payments::PaymentFields {
                paid_on: date(paid_on),
                amount: share,
                method: String::new(),
                note: String::new(),
            };
            crate::sales::payments::add(conn, &id, &fields, edit, today)?;
        }
    }
    Ok(())
}

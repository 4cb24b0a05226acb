//! Large ledgers for benchmarks: many plain cards and transactions written straight into their
//! tables in one transaction (no history, no validation: the rows are made valid), so that
//! 100,000 cards with 1,000,000 transactions take seconds, not minutes.

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use crate::card::store::new_id;
use crate::Ledger;

pub use super::customers::{customers, each_customer};

/// A company profile as a card's editor saves it, half filled: what classification reads costs
/// what it costs on real cards.
const PROFILE: &str = r#"{"representative":"山田 一郎","founded":"1987-04-01","capital":30000000,"annual_sales":1200000000,"annual_sales_year":2025,"employees":85,"sites_count":3,"sites_where":"東京、大阪、福岡","fiscal_year_end_month":3,"main_banks":"みずほ銀行 新橋支店","associations":"","vehicles_count":null,"vehicles_dealer":"","floor_area":null,"licence_number":"","licence_issued":null,"licence_expires":null,"payment_method":"銀行振込","payment_terms":"月末締め翌月末払い","order_cycle":"","delivery_cycle":"","purchasing_policy":"","decision_maker":"","decision_approach":""}"#;

/// The territories generated cards are spread over (the sales plan's benchmark plans them).
pub const TERRITORIES: [&str; 6] = ["首都圏", "関西", "中部", "九州", "東北", "北海道"];

/// Adds `cards` organisation cards and about `transactions` sales spread over the two years
/// before `today`, sized by a heavy tail as real customers are.
pub fn cards_with_sales(
    ledger: &mut Ledger,
    cards: u32,
    transactions: u32,
    seed: u64,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let tx = ledger.transaction()?;
    crate::db::set_aside::in_bulk(&tx, &["transactions_card"], || -> rusqlite::Result<()> {
        let mut card = tx.prepare(
            "INSERT INTO cards (id, code, kind, status, name, reading, owner, region, city, phones, sort_key,
                search_text, created_at, updated_at, credit_rating, credit_limit, cooperation, organisation,
                territory)
             VALUES (?1, ?2, 'organisation', ?3, ?4, '', ?5, '東京都', '港区', '[\"03-0000-0000\"]', ?4, ?4,
                '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut sale = tx.prepare(
            "INSERT INTO transactions (id, card_id, kind, dated_on, item, quantity, unit_price, amount, due_on,
                paid_amount, paid_on, created_at, updated_at, cost)
             VALUES (?1, ?2, ?3, ?4, 'トナー', ?5, ?6, ?7, ?8, ?9, ?10, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', ?11)",
        )?;
        let owners = ["山田", "李", "김", "Smith"];
        let statuses = ["active", "active", "active", "dormant", "prospect", "lost"];
        let mut ids = Vec::with_capacity(cards as usize);
        let mut weights = Vec::with_capacity(cards as usize);
        for n in 0..cards {
            let id = new_id();
            let rating = ["A", "B", "C", "D", ""][rng.random_range(0..5)];
            let limit: Option<i64> = rng
                .random_bool(0.6)
                .then(|| rng.random_range(5..60) * 100_000);
            let cooperation: Option<i32> = rng.random_bool(0.4).then(|| rng.random_range(1..=5));
            card.execute(params![
                id,
                format!("B-{n:07}"),
                statuses[rng.random_range(0..statuses.len())],
                format!("ベンチ商事 {n:07}"),
                owners[n as usize % owners.len()],
                rating,
                limit,
                cooperation,
                PROFILE,
                TERRITORIES[n as usize % TERRITORIES.len()],
            ])?;
            let u: f64 = rng.random_range(0.0..0.999);
            weights.push((1.0 - u).powf(-1.0 / 1.16));
            ids.push(id);
        }
        // Each card's share of the transactions follows its weight.
        let total: f64 = weights.iter().sum();
        let mut cumulative = Vec::with_capacity(weights.len());
        let mut running = 0.0;
        for w in &weights {
            running += w / total;
            cumulative.push(running);
        }
        for _ in 0..transactions {
            let at: f64 = rng.random_range(0.0..1.0);
            let n = cumulative
                .partition_point(|c| *c < at)
                .min(ids.len().saturating_sub(1));
            let Some(card_id) = ids.get(n) else { break };
            let on = today - Duration::days(rng.random_range(0..730));
            let quantity: i64 = rng.random_range(1..10);
            let price: i64 = rng.random_range(1..50) * 1_000;
            let amount = quantity * price;
            let due = on + Duration::days(30);
            let paid = due < today && rng.random_bool(0.95);
            let kind = if rng.random_bool(0.02) {
                "return"
            } else {
                "sale"
            };
            sale.execute(params![
                new_id(),
                card_id,
                kind,
                on.format("%Y-%m-%d").to_string(),
                quantity,
                price,
                amount,
                (kind == "sale").then(|| due.format("%Y-%m-%d").to_string()),
                if paid && kind == "sale" { amount } else { 0 },
                (paid && kind == "sale").then(|| due.format("%Y-%m-%d").to_string()),
                amount * 62 / 100,
            ])?;
        }
        tx.execute(crate::sales::payments::FROM_PAID_AMOUNTS, [])?;
        Ok(())
    })?;
    tx.commit()
}

/// Adds `count` contacts spread over the ledger's cards and the year before `today`, with the
/// words a rep writes, for benchmarks of contact history.
pub fn contacts(
    ledger: &mut Ledger,
    count: u32,
    seed: u64,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let ids: Vec<String> = ledger
        .connection()
        .prepare("SELECT id FROM cards")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if ids.is_empty() {
        return Ok(());
    }
    let kinds = [
        "visit",
        "phone",
        "email",
        "meeting",
        "negotiation",
        "service",
    ];
    let tx = ledger.transaction()?;
    crate::db::set_aside::in_bulk(&tx, &["contacts_card_at"], || -> rusqlite::Result<()> {
        let mut insert = tx.prepare(
            "INSERT INTO contacts (id, card_id, kind, at, rep, purpose, content, outcome, next_action, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, '山田', '定期訪問', ?5, '前向きに検討', '見積を送付する', ?6, ?6)",
        )?;
        for n in 0..count {
            let card = &ids[rng.random_range(0..ids.len())];
            let day = today - Duration::days(rng.random_range(0..365));
            let at = format!(
                "{}T{:02}:{:02}",
                day.format("%Y-%m-%d"),
                rng.random_range(8..19),
                rng.random_range(0..60)
            );
            insert.execute(params![
                new_id(),
                card,
                kinds[n as usize % kinds.len()],
                at,
                format!("複合機の入れ替えについて相談。保守の訪問が早い点を評価 {n}"),
                "2024-01-01T00:00:00Z",
            ])?;
        }
        Ok(())
    })?;
    tx.commit()
}

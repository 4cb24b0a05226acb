//! Reading what classification needs about every live card in a few set-based queries: the
//! purchases per card come from the covering index `transactions_card`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::card::{CardKind, CardStatus, Loyalty, Standing};
use crate::sales::summary::Period;

use super::compute::CardInput;
use super::model::CompletenessItem;

/// What a card bought: net amounts (returns subtracted) this period and the one before, net
/// quantity and the number of transactions this period.
#[derive(Debug, Clone, Copy, Default)]
struct Bought {
    amount: i64,
    previous: i64,
    quantity: i64,
    count: i64,
    /// Amount less cost over this period's lines whose cost is known, and whether any is.
    profit: i64,
    costed: bool,
    costed_amount: i64,
}

/// Each card's purchases, in card order. The covering index is read in card order (no table,
/// no sort) and summed here: SQLite's per-row CASE expressions cost more than the scan itself,
/// and ids are compared as bytes and copied once per card rather than once per row.
fn purchases(conn: &Connection, period: Period) -> rusqlite::Result<Vec<(String, Bought)>> {
    let previous = period.previous();
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, dated_on >= ?3, kind = 'sale', amount, quantity, cost
         FROM transactions INDEXED BY transactions_card WHERE dated_on BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query(params![
        previous.from_text(),
        period.to_text(),
        period.from_text()
    ])?;
    let mut out: Vec<(String, Bought)> = Vec::new();
    let mut card: Vec<u8> = Vec::new();
    let mut sums = Bought::default();
    let mut finish = |card: &[u8], sums: Bought| {
        if !card.is_empty() {
            out.push((String::from_utf8_lossy(card).into_owned(), sums));
        }
    };
    while let Some(r) = rows.next()? {
        let id = r.get_ref(0)?.as_bytes()?;
        if id != card.as_slice() {
            finish(&card, std::mem::take(&mut sums));
            card.clear();
            card.extend_from_slice(id);
        }
        let current = r.get::<_, bool>(1)?;
        let sign = if r.get::<_, bool>(2)? { 1 } else { -1 };
        let amount = sign * r.get::<_, i64>(3)?;
        if current {
            sums.amount += amount;
            sums.quantity += sign * r.get::<_, i64>(4)?;
            sums.count += 1;
            if let Some(cost) = r.get::<_, Option<i64>>(5)? {
                sums.profit += amount - sign * cost;
                sums.costed = true;
                sums.costed_amount += amount;
            }
        } else {
            sums.previous += amount;
        }
    }
    finish(&card, sums);
    Ok(out)
}

/// A card's outstanding and overdue amounts, and how many days its oldest overdue invoice is late.
type Owed = (i64, i64, i64);

/// What each card owes, in card order, from the partial index of open sales.
fn receivables(conn: &Connection, today: NaiveDate) -> rusqlite::Result<Vec<(String, Owed)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, sum(amount - paid_amount), coalesce(sum(CASE WHEN due_on < ?1 THEN amount - paid_amount END), 0),
            coalesce(CAST(julianday(?1) - julianday(min(CASE WHEN due_on < ?1 THEN due_on END)) AS INTEGER), 0)
         FROM transactions INDEXED BY transactions_open WHERE kind = 'sale' AND paid_amount < amount
         GROUP BY card_id ORDER BY card_id",
    )?;
    let rows = stmt.query_map([today.format("%Y-%m-%d").to_string()], |r| {
        Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
    })?;
    rows.collect()
}

/// Open complaints per card: how many, and how many days the oldest has been open.
fn open_complaints(
    conn: &Connection,
    today: NaiveDate,
) -> rusqlite::Result<HashMap<String, (i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, count(*), CAST(julianday(?1) - julianday(substr(min(at), 1, 10)) AS INTEGER)
         FROM contacts INDEXED BY contacts_open_complaints WHERE complaint_state IN ('open', 'in_progress')
         GROUP BY card_id",
    )?;
    let rows = stmt.query_map([today.format("%Y-%m-%d").to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            (r.get(1)?, r.get::<_, Option<i64>>(2)?.unwrap_or(0)),
        ))
    })?;
    rows.collect()
}

/// Walks a list in card order alongside the cards, read in the same order.
struct InCardOrder<T> {
    items: std::iter::Peekable<std::vec::IntoIter<(String, T)>>,
}

impl<T: Default> InCardOrder<T> {
    fn new(mut items: Vec<(String, T)>) -> Self {
        // Already in order as read; sorting again is a check that costs one pass.
        items.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        InCardOrder {
            items: items.into_iter().peekable(),
        }
    }

    /// The item of `card` (default when it has none); cards must come in ascending order.
    fn take(&mut self, card: &str) -> T {
        while self.items.next_if(|(id, _)| id.as_str() < card).is_some() {}
        self.items
            .next_if(|(id, _)| id == card)
            .map(|(_, t)| t)
            .unwrap_or_default()
    }
}

fn counts(conn: &Connection, sql: &str) -> rusqlite::Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Most makers in one category per card: competitors' products in use, plus us where the
/// customer uses or buys one of our products of that category.
fn makers(conn: &Connection, period: Period) -> rusqlite::Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, max(makers) FROM (
            SELECT card_id, category, count(DISTINCT maker) AS makers FROM (
                SELECT cp.card_id, p.category, coalesce(p.competitor_id, '') AS maker
                FROM card_products cp JOIN products p ON p.id = cp.product_id
                UNION
                SELECT DISTINCT t.card_id, p.category, ''
                FROM transactions t JOIN products p ON p.id = t.product_id AND p.competitor_id IS NULL
                WHERE t.card_id IN (SELECT card_id FROM card_products) AND t.kind = 'sale'
                  AND t.dated_on BETWEEN ?1 AND ?2
            ) GROUP BY card_id, category
        ) GROUP BY card_id",
    )?;
    let rows = stmt.query_map(
        params![period.previous().from_text(), period.to_text()],
        |r| Ok((r.get::<_, String>(0)?, r.get(1)?)),
    )?;
    rows.collect()
}

/// When each live card that records it first dealt with us, from its partial index.
/// The brand support the reps judged, from its partial index (schema 25).
fn brand_supports(conn: &Connection) -> rusqlite::Result<HashMap<String, i32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, brand_support FROM cards INDEXED BY cards_brand_support
         WHERE brand_support IS NOT NULL AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

fn first_deals(conn: &Connection) -> rusqlite::Result<HashMap<String, NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, first_deal_on FROM cards INDEXED BY cards_first_deal
         WHERE first_deal_on IS NOT NULL AND deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, on) = row?;
        if let Ok(on) = NaiveDate::parse_from_str(&on, "%Y-%m-%d") {
            out.insert(id, on);
        }
    }
    Ok(out)
}

/// What classification reads about each live card, from the covering index of schema 15 (its
/// expressions must stay those of the index, letter for letter).
const CARD_FACTS: &str = "SELECT id, code, name, owner, kind, status, credit_rating, credit_score, credit_limit, loyalty,
            cooperation, influence,
            reading <> '',
            phones <> '[]' OR email <> '',
            region <> '' AND city <> '' AND street <> '',
            industry <> '',
            owner <> '',
            CASE WHEN json_valid(organisation) THEN
                        coalesce(json_extract(organisation, '$.decision_maker'), '') <> ''
                        OR coalesce(json_extract(organisation, '$.decision_approach'), '') <> '' ELSE 0 END,
                    CASE WHEN kind = 'organisation' AND json_valid(organisation) THEN
                        json_extract(organisation, '$.employees') IS NOT NULL
                        AND json_extract(organisation, '$.annual_sales') IS NOT NULL
                    WHEN kind <> 'organisation' AND json_valid(individual) THEN
                        coalesce(json_extract(individual, '$.occupation'), '') <> ''
                        AND json_extract(individual, '$.birthday') IS NOT NULL ELSE 0 END,
                    CASE WHEN json_valid(organisation) THEN
                        coalesce(json_extract(organisation, '$.payment_terms'), '') <> ''
                        OR coalesce(json_extract(organisation, '$.payment_method'), '') <> '' ELSE 0 END
         FROM cards INDEXED BY cards_classify_facts WHERE deleted_at IS NULL ORDER BY id";

/// Every live card with what classification reads about it, and whether any transaction falls
/// in the period.
pub fn inputs(
    conn: &Connection,
    period: Period,
    today: NaiveDate,
) -> rusqlite::Result<(Vec<CardInput>, bool)> {
    let purchases = purchases(conn, period)?;
    let any = purchases.iter().any(|(_, p)| p.count > 0);
    let mut purchases = InCardOrder::new(purchases);
    let mut receivables = InCardOrder::new(receivables(conn, today)?);
    let complaints = open_complaints(conn, today)?;
    let key_persons = counts(
        conn,
        "SELECT card_id, count(*) + 1000 * count(CASE role WHEN 'decision_maker' THEN 1 END)
         FROM key_persons GROUP BY card_id",
    )?;
    let makers = makers(conn, period)?;
    let first_deals = first_deals(conn)?;
    let brand = brand_supports(conn)?;
    // Sized at once: a card's input is large, and growing the list copied it again and again.
    let live: i64 = conn
        .prepare_cached("SELECT count(*) FROM cards WHERE deleted_at IS NULL")?
        .query_row([], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(CARD_FACTS)?;
    let mut rows = stmt.query([])?;
    let mut inputs = Vec::with_capacity(usize::try_from(live).unwrap_or(0));
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        // Words the card's row holds are matched where they lie, not copied out first.
        let word = |i: usize| -> rusqlite::Result<&str> {
            Ok(r.get_ref(i)?.as_str_or_null()?.unwrap_or(""))
        };
        let standing = Standing {
            credit_rating: r.get(6)?,
            credit_score: r.get(7)?,
            credit_limit: r.get(8)?,
            loyalty: Loyalty::parse(word(9)?),
            cooperation: r.get(10)?,
            influence: r.get(11)?,
            brand_support: brand.get(&id).copied(),
        };
        let flag = |i: usize| -> rusqlite::Result<bool> { r.get(i) };
        let people = key_persons.get(&id).copied().unwrap_or(0);
        use CompletenessItem as I;
        let mut filled = Vec::new();
        for (item, on) in [
            (I::Reading, flag(12)?),
            (I::Reach, flag(13)?),
            (I::Address, flag(14)?),
            (I::Industry, flag(15)?),
            (I::Owner, flag(16)?),
            (I::KeyPersons, people % 1000 > 0),
            // The route is known when it is written down or a key person is the decision maker.
            (I::DecisionRoute, flag(17)? || people >= 1000),
            (
                I::Credit,
                (!standing.credit_rating.is_empty() || standing.credit_score.is_some())
                    && standing.credit_limit.is_some(),
            ),
            (I::Profile, flag(18)?),
            (I::PaymentTerms, flag(19)?),
        ] {
            if on {
                filled.push(item);
            }
        }
        let bought = purchases.take(&id);
        let (outstanding, overdue, overdue_days) = receivables.take(&id);
        let (open_complaints, complaint_days) = complaints.get(&id).copied().unwrap_or((0, 0));
        inputs.push(CardInput {
            code: r.get(1)?,
            name: r.get(2)?,
            owner: r.get(3)?,
            kind: CardKind::parse(word(4)?).unwrap_or(CardKind::Organisation),
            status: CardStatus::parse(word(5)?).unwrap_or(CardStatus::Prospect),
            amount: bought.amount,
            previous_amount: bought.previous,
            quantity: bought.quantity,
            outstanding,
            overdue,
            overdue_days,
            open_complaints,
            complaint_days,
            standing,
            filled,
            makers_in_a_category: makers.get(&id).copied().unwrap_or(0),
            profit: bought
                .costed
                .then_some((bought.profit, bought.costed_amount)),
            years_with_us: first_deals
                .get(&id)
                .map(|on| (today - *on).num_days().max(0) as f64 / 365.25),
            card_id: id.into(),
        });
    }
    Ok((inputs, any))
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_in_card_order_give_each_card_its_own_item_and_the_others_nothing() {
        let items = vec![
            ("c".to_owned(), 3),
            ("a".to_owned(), 1),
            ("e".to_owned(), 5),
        ];
        let mut walk = super::InCardOrder::new(items);
        let taken: Vec<i32> = ["a", "b", "c", "d", "f"].map(|id| walk.take(id)).into();
        // "e" has no card: it is passed over, not given to "f".
        assert_eq!(taken, vec![1, 0, 3, 0, 0]);
    }

    #[test]
    fn the_cards_facts_are_read_from_their_index_alone() {
        let ledger = crate::Ledger::open_in_memory().expect("ledger");
        let plan: Vec<String> = ledger
            .connection()
            .prepare(&format!("EXPLAIN QUERY PLAN {}", super::CARD_FACTS))
            .expect("plan")
            .query_map([], |r| r.get(3))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("plan");
        assert_eq!(
            plan,
            vec![
                "SEARCH cards USING COVERING INDEX cards_classify_facts (deleted_at=?)".to_owned(),
            ],
        );
    }

    #[test]
    fn a_card_whose_stored_profile_is_damaged_is_classified_as_not_filled_in() {
        let mut ledger = crate::Ledger::open_in_memory().expect("ledger");
        let mut fields =
            crate::card::CardFields::new(crate::card::CardKind::Organisation, "壊れ商事");
        fields.organisation = Some(crate::card::OrganisationProfile {
            payment_terms: "月末締め翌月末払い".into(),
            ..Default::default()
        });
        let card = ledger.create_card(&fields).expect("card");
        let filled = |l: &crate::Ledger| {
            super::inputs(l.connection(), l.default_period(), l.today())
                .expect("classified")
                .0
                .remove(0)
                .filled
        };
        assert!(filled(&ledger).contains(&super::CompletenessItem::PaymentTerms));
        // Damaged on disk (written here by SQL): the card still saves and classifies.
        ledger
            .connection()
            .execute(
                "UPDATE cards SET organisation = '{\"payment_terms\": [broken' WHERE id = ?1",
                [&card.id],
            )
            .expect("written");
        assert!(!filled(&ledger).contains(&super::CompletenessItem::PaymentTerms));
    }
}

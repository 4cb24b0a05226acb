//! Payments towards a sale, each on its own day (000 ⑨: a sale paid in parts shows every part).
//! The sale keeps their sum as its paid amount and the latest day as its paid date: every change
//! here brings those back in step, in the same transaction, and goes into the card's history.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::card::history::{self, Stamp};
use crate::card::store::{ensure_editable, new_id, Edit};
use crate::card::HistoryEntity;
use crate::error::{FieldIssue, SalesError};
use crate::ids::{PaymentId, TransactionId};
use crate::text::{date, line, MAX_NUMBER};

use super::model::{TransactionFields, TransactionKind};
use super::store;

/// Gives every sale paid without payment rows (written in bulk, or taken over from a ledger of
/// before schema 24) one payment of what it was paid, on the day it was paid: what schema 24
/// did to every ledger. The payment takes its sale's id (unique among payments: other payments
/// get ids of their own, made later), in key order.
pub(crate) const FROM_PAID_AMOUNTS: &str =
    "INSERT INTO payments (id, transaction_id, card_id, paid_on, amount, created_at)
    SELECT t.id, t.id, t.card_id, coalesce(t.paid_on, t.dated_on), t.paid_amount, t.updated_at
    FROM transactions t
    WHERE t.kind = 'sale' AND t.paid_amount > 0
      AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.transaction_id = t.id)
    ORDER BY t.id";

/// A payment as the rep records it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PaymentFields {
    pub paid_on: String,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub amount: i64,
    /// Bank transfer, cash, bill...
    pub method: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Payment {
    pub id: PaymentId,
    pub transaction_id: TransactionId,
    pub fields: PaymentFields,
    pub created_at: String,
}

/// The sale's payments, oldest first.
pub fn for_sale(conn: &Connection, transaction_id: &str) -> rusqlite::Result<Vec<Payment>> {
    conn.prepare_cached(
        "SELECT id, transaction_id, paid_on, amount, method, note, created_at FROM payments
         WHERE transaction_id = ?1 ORDER BY paid_on, created_at, id",
    )?
    .query_map([transaction_id], |r| {
        Ok(Payment {
            id: r.get(0)?,
            transaction_id: r.get(1)?,
            fields: PaymentFields {
                paid_on: r.get(2)?,
                amount: r.get(3)?,
                method: r.get(4)?,
                note: r.get(5)?,
            },
            created_at: r.get(6)?,
        })
    })?
    .collect()
}

/// Sets the sale's paid amount and date from its payments. Its version moves on, so that a form
/// opened before cannot save the old paid amount over them.
fn resync(conn: &Connection, transaction_id: &str, at: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE transactions SET
            paid_amount = (SELECT coalesce(sum(amount), 0) FROM payments WHERE transaction_id = ?1),
            paid_on = (SELECT max(paid_on) FROM payments WHERE transaction_id = ?1),
            updated_at = ?2, version = version + 1
         WHERE id = ?1",
    )?
    .execute(params![transaction_id, at])?;
    Ok(())
}

fn insert(
    conn: &Connection,
    sale: &super::Transaction,
    f: &PaymentFields,
    at: &str,
) -> rusqlite::Result<String> {
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO payments (id, transaction_id, card_id, paid_on, amount, method, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        id,
        sale.id,
        sale.card_id,
        f.paid_on,
        f.amount,
        f.method,
        f.note,
        at
    ])?;
    Ok(id)
}

/// The payment checked against the sale: a day not before the sale, and no more than is owed.
fn checked(sale: &super::Transaction, input: &PaymentFields) -> Result<PaymentFields, SalesError> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let paid_on = date("paid_on", &Some(input.paid_on.clone()), i);
    if input.paid_on.trim().is_empty() {
        i.push(FieldIssue::new("paid_on", "required"));
    }
    if paid_on
        .as_deref()
        .is_some_and(|on| on < sale.fields.dated_on.as_str())
    {
        i.push(FieldIssue::new("paid_on", "before_date"));
    }
    if sale.fields.kind != TransactionKind::Sale {
        i.push(FieldIssue::new("amount", "not_a_sale"));
    } else if input.amount <= 0 {
        i.push(FieldIssue::new("amount", "not_positive"));
    } else if input.amount > MAX_NUMBER {
        i.push(FieldIssue::new("amount", "too_large"));
    } else if input.amount > sale.outstanding {
        i.push(FieldIssue::with_limit(
            "amount",
            "paid_over_due",
            i32::try_from(sale.outstanding).unwrap_or(i32::MAX),
        ));
    }
    let out = PaymentFields {
        paid_on: paid_on.unwrap_or_default(),
        amount: input.amount,
        method: line("method", &input.method, i),
        note: line("note", &input.note, i),
    };
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(SalesError::Invalid(issues))
    }
}

/// The sale's fields as history compares them (its product named by the item).
fn as_history(f: &TransactionFields) -> TransactionFields {
    TransactionFields {
        product_id: None,
        ..f.clone()
    }
}

/// Records what the change did to the sale's paid amount and date in the card's history.
fn record(
    conn: &Connection,
    before: &super::Transaction,
    edit: &Edit<'_>,
    today: NaiveDate,
) -> Result<super::Transaction, SalesError> {
    let after = store::load(conn, &before.id, today)?;
    let label = store::label(&after.fields);
    let stamp = Stamp {
        card_id: &after.card_id,
        at: edit.at,
        actor: edit.actor,
        entity: HistoryEntity::Transaction,
        entity_id: &after.id,
        entity_label: &label,
    };
    history::record_changes(
        conn,
        &stamp,
        &as_history(&before.fields),
        &as_history(&after.fields),
    )?;
    Ok(after)
}

/// Records a payment towards a sale; returns the sale as it now stands.
pub fn add(
    conn: &Connection,
    transaction_id: &str,
    input: &PaymentFields,
    edit: &Edit<'_>,
    today: NaiveDate,
) -> Result<super::Transaction, SalesError> {
    let sale = store::load(conn, transaction_id, today)?;
    ensure_editable(conn, &sale.card_id)?;
    let f = checked(&sale, input)?;
    insert(conn, &sale, &f, edit.at)?;
    resync(conn, transaction_id, edit.at)?;
    record(conn, &sale, edit, today)
}

/// Removes a payment recorded by mistake; returns the sale as it now stands.
pub fn delete(
    conn: &Connection,
    payment_id: &str,
    edit: &Edit<'_>,
    today: NaiveDate,
) -> Result<super::Transaction, SalesError> {
    let missing = || SalesError::PaymentNotFound {
        id: payment_id.to_owned(),
    };
    let sale_id: String = conn
        .prepare_cached("SELECT transaction_id FROM payments WHERE id = ?1")?
        .query_row([payment_id], |r| r.get(0))
        .optional()?
        .ok_or_else(missing)?;
    let sale = store::load(conn, &sale_id, today)?;
    ensure_editable(conn, &sale.card_id)?;
    conn.execute("DELETE FROM payments WHERE id = ?1", [payment_id])?;
    resync(conn, &sale_id, edit.at)?;
    record(conn, &sale, edit, today)
}

/// After the sale's form was saved with a paid amount and date: a sale paid at once (no payment
/// or one) gets them as its one payment; one paid in parts keeps its payments, and its form may
/// not change what they add up to (`paid_before` is what the sale held before).
pub(crate) fn follow_form(
    conn: &Connection,
    sale_id: &str,
    card_id: &str,
    f: &TransactionFields,
    paid_before: Option<(i64, Option<&str>)>,
    at: &str,
) -> Result<(), SalesError> {
    if let Some((amount, on)) = paid_before {
        if amount == f.paid_amount && on == f.paid_on.as_deref() {
            return Ok(());
        }
        // Only an edit has payments to weigh: a new sale has none.
        let count: i64 = conn
            .prepare_cached("SELECT count(*) FROM payments WHERE transaction_id = ?1")?
            .query_row([sale_id], |r| r.get(0))?;
        if count > 1 {
            return Err(SalesError::Invalid(vec![FieldIssue::new(
                "paid_amount",
                "paid_in_parts",
            )]));
        }
        conn.prepare_cached("DELETE FROM payments WHERE transaction_id = ?1")?
            .execute([sale_id])?;
    }
    if f.paid_amount > 0 {
        conn.prepare_cached(
            "INSERT INTO payments (id, transaction_id, card_id, paid_on, amount, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            new_id(),
            sale_id,
            card_id,
            f.paid_on.as_deref().unwrap_or(f.dated_on.as_str()),
            f.paid_amount,
            at
        ])?;
    }
    Ok(())
}

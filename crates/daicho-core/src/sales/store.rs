//! Storing transactions and collection plans. Each change is a card change, recorded in the
//! card's history under `transaction` (labelled by item and invoice) or `collection`.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::card::history::{self, Stamp};
use crate::card::store::{check_id, editable, ensure_editable, new_id, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::error::{FieldIssue, SalesError};

use super::model::{CollectionPlan, Transaction, TransactionFields, TransactionKind};
use super::validate;

const COLUMNS: &str = "t.id, t.card_id, t.version, t.created_at, t.updated_at, t.kind, t.dated_on, t.product_id,
    t.item, t.quantity, t.unit_price, t.amount, t.invoice_no, t.due_on, t.paid_amount, t.paid_on, t.notes,
    c.credit_limit, t.cost, (SELECT count(*) FROM payments p WHERE p.transaction_id = t.id)";

fn row(r: &rusqlite::Row<'_>, today: NaiveDate) -> rusqlite::Result<Transaction> {
    let kind: String = r.get(5)?;
    let kind = TransactionKind::parse(&kind).unwrap_or(TransactionKind::Sale);
    let amount: i64 = r.get(11)?;
    let paid_amount: i64 = r.get(14)?;
    let due_on: Option<String> = r.get(13)?;
    let limit: Option<i64> = r.get(17)?;
    let cost: Option<i64> = r.get(18)?;
    let outstanding = if kind == TransactionKind::Sale {
        amount - paid_amount
    } else {
        0
    };
    let overdue_days = due_on
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|due| (today - due).num_days())
        .filter(|days| *days > 0 && outstanding > 0)
        .map(|days| days.min(i64::from(i32::MAX)) as i32);
    Ok(Transaction {
        id: r.get(0)?,
        card_id: r.get(1)?,
        version: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
        fields: TransactionFields {
            kind,
            dated_on: r.get(6)?,
            product_id: r.get(7)?,
            item: r.get(8)?,
            quantity: r.get(9)?,
            unit_price: r.get(10)?,
            amount: Some(amount),
            cost,
            invoice_no: r.get(12)?,
            due_on,
            paid_amount,
            paid_on: r.get(15)?,
            notes: r.get(16)?,
        },
        outstanding,
        overdue_days,
        over_limit: kind == TransactionKind::Sale && limit.is_some_and(|l| amount > l),
        profit: cost.map(|c| amount - c),
        payments: r.get(19)?,
    })
}

pub fn load(conn: &Connection, id: &str, today: NaiveDate) -> Result<Transaction, SalesError> {
    let missing = || SalesError::NotFound { id: id.to_owned() };
    check_id(id).map_err(|_| missing())?;
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM transactions t JOIN cards c ON c.id = t.card_id WHERE t.id = ?1"
    ))?
    .query_row([id], |r| row(r, today))
    .optional()?
    .ok_or_else(missing)
}

/// The card's transactions, newest first.
pub fn for_card(
    conn: &Connection,
    card_id: &str,
    today: NaiveDate,
) -> Result<Vec<Transaction>, SalesError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM transactions t JOIN cards c ON c.id = t.card_id
             WHERE t.card_id = ?1 ORDER BY t.dated_on DESC, t.id DESC"
        ))?
        .query_map([card_id], |r| row(r, today))?
        .collect::<Result<_, _>>()?)
}

pub(crate) fn label(f: &TransactionFields) -> String {
    if f.invoice_no.is_empty() {
        format!("{} {}", f.dated_on, f.item)
    } else {
        format!("{} {} ({})", f.dated_on, f.item, f.invoice_no)
    }
}

fn stamp<'a>(
    card_id: &'a str,
    id: &'a str,
    label: &'a str,
    edit: &Edit<'a>,
    entity: HistoryEntity,
) -> Stamp<'a> {
    Stamp {
        card_id,
        at: edit.at,
        actor: edit.actor,
        entity,
        entity_id: id,
        entity_label: label,
    }
}

/// The fields as history shows them: the item names the product, so its id is left out.
fn for_history(f: &TransactionFields) -> TransactionFields {
    TransactionFields {
        product_id: None,
        ..f.clone()
    }
}

/// The fields checked, with the name and unit cost of the product they name (which must exist).
fn checked(conn: &Connection, input: &TransactionFields) -> Result<TransactionFields, SalesError> {
    let product: Option<(String, Option<i64>)> =
        match input.product_id.as_deref().filter(|p| !p.trim().is_empty()) {
            Some(pid) => Some(
                conn.prepare_cached("SELECT name, unit_cost FROM products WHERE id = ?1")?
                    .query_row([pid], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .ok_or_else(|| {
                        SalesError::Invalid(vec![FieldIssue::new("product_id", "required")])
                    })?,
            ),
            None => None,
        };
    validate::transaction(input, product.as_ref().map(|(n, c)| (n.as_str(), *c)))
        .map_err(SalesError::Invalid)
}

/// Inserts a transaction whose fields were checked, with its history entry; returns its id.
/// `paid`: write what was paid as the sale's one payment now (a bulk writer gives every sale
/// its payment in one statement at the end instead: `payments::FROM_PAID_AMOUNTS`).
fn insert_checked(
    conn: &Connection,
    card_id: &str,
    f: &TransactionFields,
    edit: &Edit<'_>,
    paid: bool,
) -> Result<String, SalesError> {
    let id = new_id();
    let name = label(f);
    conn.prepare_cached(
        "INSERT INTO transactions (id, card_id, kind, dated_on, product_id, item, quantity, unit_price,
            amount, invoice_no, due_on, paid_amount, paid_on, notes, created_at, updated_at, version, cost)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 1, ?16)",
    )?
    .execute(params![
        id,
        card_id,
        f.kind.as_str(),
        f.dated_on,
        f.product_id,
        f.item,
        f.quantity,
        f.unit_price,
        f.amount,
        f.invoice_no,
        f.due_on,
        f.paid_amount,
        f.paid_on,
        f.notes,
        edit.at,
        f.cost
    ])?;
    if paid {
        super::payments::follow_form(conn, &id, card_id, f, None, edit.at)?;
    }
    let stamp = stamp(card_id, &id, &name, edit, HistoryEntity::Transaction);
    history::record(conn, &stamp, HistoryAction::Created, "", None, Some(&name))?;
    Ok(id)
}

/// Adds a checked transaction to a card being written in the same transaction (the demo's
/// purchases); returns its id. What was paid is not yet a payment: the demo writes them all at
/// the end.
pub(crate) fn add_to_new_card(
    conn: &Connection,
    card_id: &str,
    input: &TransactionFields,
    edit: &Edit<'_>,
) -> Result<String, SalesError> {
    insert_checked(conn, card_id, &checked(conn, input)?, edit, false)
}

/// Adds a transaction already checked to the card (an import's row); returns its id.
pub(crate) fn add_checked(
    conn: &Connection,
    card_id: &str,
    f: &TransactionFields,
    edit: &Edit<'_>,
) -> Result<String, SalesError> {
    ensure_editable(conn, card_id)?;
    insert_checked(conn, card_id, f, edit, true)
}

/// Adds a transaction to the card (`id` none) or saves an edit made on `version`.
pub fn save(
    conn: &Connection,
    card_id: &str,
    id: Option<(&str, i32)>,
    input: &TransactionFields,
    edit: &Edit<'_>,
    today: NaiveDate,
) -> Result<Transaction, SalesError> {
    ensure_editable(conn, card_id)?;
    let f = checked(conn, input)?;
    let Some((id, version)) = id else {
        let id = insert_checked(conn, card_id, &f, edit, true)?;
        return load(conn, &id, today);
    };
    let old = load(conn, id, today)?;
    if old.card_id != card_id {
        return Err(SalesError::NotFound { id: id.to_owned() });
    }
    if old.version != version {
        return Err(SalesError::Stale { id: id.to_owned() });
    }
    if old.fields == f {
        return Ok(old);
    }
    super::payments::follow_form(
        conn,
        id,
        card_id,
        &f,
        Some((old.fields.paid_amount, old.fields.paid_on.as_deref())),
        edit.at,
    )?;
    let name = label(&f);
    let stamp = stamp(card_id, id, &name, edit, HistoryEntity::Transaction);
    history::record_changes(conn, &stamp, &for_history(&old.fields), &for_history(&f))?;
    conn.prepare_cached(
        "UPDATE transactions SET kind = ?2, dated_on = ?3, product_id = ?4, item = ?5, quantity = ?6,
            unit_price = ?7, amount = ?8, invoice_no = ?9, due_on = ?10, paid_amount = ?11, paid_on = ?12,
            notes = ?13, updated_at = ?14, cost = ?15, version = version + 1 WHERE id = ?1",
    )?
    .execute(params![
        id,
        f.kind.as_str(),
        f.dated_on,
        f.product_id,
        f.item,
        f.quantity,
        f.unit_price,
        f.amount,
        f.invoice_no,
        f.due_on,
        f.paid_amount,
        f.paid_on,
        f.notes,
        edit.at,
        f.cost
    ])?;
    load(conn, id, today)
}

pub fn delete(
    conn: &Connection,
    id: &str,
    edit: &Edit<'_>,
    today: NaiveDate,
) -> Result<(), SalesError> {
    let old = load(conn, id, today)?;
    ensure_editable(conn, &old.card_id)?;
    conn.execute("DELETE FROM transactions WHERE id = ?1", [id])?;
    let name = label(&old.fields);
    let stamp = stamp(&old.card_id, id, &name, edit, HistoryEntity::Transaction);
    history::record(conn, &stamp, HistoryAction::Deleted, "", Some(&name), None)?;
    Ok(())
}

pub fn plan(conn: &Connection, card_id: &str) -> Result<Option<CollectionPlan>, SalesError> {
    Ok(conn
        .prepare_cached("SELECT chase_on, person, note FROM collection_plans WHERE card_id = ?1")?
        .query_row([card_id], |r| {
            Ok(CollectionPlan {
                chase_on: r.get(0)?,
                person: r.get(1)?,
                note: r.get(2)?,
            })
        })
        .optional()?)
}

/// Sets (or, with `None`, clears) who to chase at the customer and when.
pub fn set_plan(
    conn: &Connection,
    card_id: &str,
    input: Option<&CollectionPlan>,
    edit: &Edit<'_>,
) -> Result<Option<CollectionPlan>, SalesError> {
    let card = editable(conn, card_id)?;
    let new = input
        .map(validate::plan)
        .transpose()
        .map_err(SalesError::Invalid)?;
    let old = plan(conn, card_id)?;
    if old == new {
        return Ok(old);
    }
    let stamp = stamp(
        card_id,
        card_id,
        &card.fields.name,
        edit,
        HistoryEntity::Collection,
    );
    match (&old, &new) {
        (None, Some(p)) => history::record(
            conn,
            &stamp,
            HistoryAction::Created,
            "",
            None,
            Some(&p.chase_on),
        )?,
        (Some(p), None) => history::record(
            conn,
            &stamp,
            HistoryAction::Deleted,
            "",
            Some(&p.chase_on),
            None,
        )?,
        (Some(o), Some(n)) => {
            history::record_changes(conn, &stamp, o, n)?;
        }
        (None, None) => {}
    }
    match &new {
        Some(p) => conn
            .prepare_cached(
                "INSERT INTO collection_plans (card_id, chase_on, person, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (card_id) DO UPDATE SET chase_on = ?2, person = ?3, note = ?4, updated_at = ?5",
            )?
            .execute(params![card_id, p.chase_on, p.person, p.note, edit.at])?,
        None => conn.execute("DELETE FROM collection_plans WHERE card_id = ?1", [card_id])?,
    };
    Ok(new)
}

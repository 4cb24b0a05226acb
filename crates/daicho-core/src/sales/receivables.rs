//! The collection page: unpaid sales of live cards, by customer and by age, read through the
//! partial index of open receivables.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::error::SalesError;

use super::model::{AgeBucket, AgeTotal, CollectionPlan, ReceivableRow, Receivables};

/// The age bucket of a receivable due on `due` (none: not due yet).
pub fn bucket(due: Option<NaiveDate>, today: NaiveDate) -> AgeBucket {
    let days = due.map_or(0, |d| (today - d).num_days());
    match days {
        ..=0 => AgeBucket::NotDue,
        1..=30 => AgeBucket::Days1To30,
        31..=60 => AgeBucket::Days31To60,
        61..=90 => AgeBucket::Days61To90,
        _ => AgeBucket::Over90,
    }
}

fn parse(date: Option<&str>) -> Option<NaiveDate> {
    date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Everything owed today, optionally for one owner's cards.
pub fn receivables(
    conn: &Connection,
    today: NaiveDate,
    owner: Option<&str>,
) -> Result<Receivables, SalesError> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.card_id, c.code, c.name, c.owner, c.credit_limit, t.due_on, t.amount - t.paid_amount,
                p.chase_on, p.person, p.note
         FROM transactions t
         JOIN cards c ON c.id = t.card_id AND c.deleted_at IS NULL
         LEFT JOIN collection_plans p ON p.card_id = t.card_id
         WHERE t.kind = 'sale' AND t.paid_amount < t.amount AND (?1 IS NULL OR c.owner = ?1)",
    )?;
    let mut rows = stmt.query(params![owner])?;
    let mut ages: Vec<AgeTotal> = AgeBucket::ALL
        .iter()
        .map(|&bucket| AgeTotal {
            bucket,
            amount: 0,
            invoices: 0,
        })
        .collect();
    let mut by_card: HashMap<String, ReceivableRow> = HashMap::new();
    while let Some(r) = rows.next()? {
        let card_id: String = r.get(0)?;
        let due_text: Option<String> = r.get(5)?;
        let due = parse(due_text.as_deref());
        let open: i64 = r.get(6)?;
        let age = bucket(due, today);
        if let Some(total) = ages.iter_mut().find(|a| a.bucket == age) {
            total.amount += open;
            total.invoices += 1;
        }
        let days = due.map_or(0, |d| (today - d).num_days().max(0)) as i32;
        let row = match by_card.entry(card_id.clone()) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let chase_on: Option<String> = r.get(7)?;
                e.insert(ReceivableRow {
                    card_id: card_id.into(),
                    code: r.get(1)?,
                    name: r.get(2)?,
                    owner: r.get(3)?,
                    outstanding: 0,
                    overdue: 0,
                    oldest_due_on: None,
                    days_overdue: 0,
                    invoices: 0,
                    credit_limit: r.get(4)?,
                    over_limit: false,
                    plan: match chase_on {
                        Some(chase_on) => Some(CollectionPlan {
                            chase_on,
                            person: r.get(8)?,
                            note: r.get(9)?,
                        }),
                        None => None,
                    },
                })
            }
        };
        row.outstanding += open;
        row.invoices += 1;
        if days > 0 {
            row.overdue += open;
        }
        row.days_overdue = row.days_overdue.max(days);
        if due_text.is_some() && (row.oldest_due_on.is_none() || due_text < row.oldest_due_on) {
            row.oldest_due_on = due_text;
        }
    }
    let mut customers: Vec<ReceivableRow> = by_card
        .into_values()
        .map(|mut row| {
            row.over_limit = row.credit_limit.is_some_and(|l| row.outstanding > l);
            row
        })
        .collect();
    // Most urgent first: longest overdue, then the largest sum, then by code for a stable order.
    customers.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(b.outstanding.cmp(&a.outstanding))
            .then(a.code.cmp(&b.code))
    });
    Ok(Receivables {
        outstanding: customers.iter().map(|c| c.outstanding).sum(),
        overdue: customers.iter().map(|c| c.overdue).sum(),
        ages,
        customers,
        // The collection page adds them (`Ledger::receivables`); the dashboard reads only ages.
        months: Vec::new(),
    })
}

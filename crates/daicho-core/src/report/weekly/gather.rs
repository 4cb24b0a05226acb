//! What the weekly report says, gathered from the ledger before a cell is written: the same
//! facts whatever the language or the sheet's layout, and what the report tests compare.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::card::CardStatus;
use crate::contact::ContactKind;
use crate::error::ReportError;
use crate::figures::{self, OverdueFollowUp};
use crate::sales::summary::Period;
use crate::sales::{receivables, AgeTotal};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklyFacts {
    pub period: (NaiveDate, NaiveDate),
    /// The rep whose cards the report covers (none: everyone's).
    pub owner: Option<String>,
    pub new_cards: Vec<NewCard>,
    /// Every kind of contact, in the window's order, zeros included.
    pub contacts: Vec<(ContactKind, u32)>,
    pub complaints: Complaints,
    pub deals: Deals,
    /// Receivables by age, today.
    pub receivables: Vec<AgeTotal>,
    /// Most overdue first.
    pub overdue: Vec<OverdueFollowUp>,
    /// Average completeness (percent) of each owner's cards, as last classified.
    pub completeness: Vec<(String, u32, f64)>,
    /// The superior's reviews of the period's daily reports.
    pub reviews: Vec<crate::daily::DailyReview>,
    /// The cards the superior checked in the period (000 ①).
    pub checked: Vec<crate::card::checks::CheckedCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewCard {
    pub code: String,
    pub name: String,
    pub owner: String,
    pub status: CardStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Complaints {
    pub opened: u32,
    pub resolved: u32,
    /// Open or in progress today, whenever they were opened.
    pub still_open: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deals {
    /// Transactions dated in the period, and what they add up to (returns subtracted).
    pub transactions: u32,
    pub amount: i64,
    /// Cards whose first deal falls in the period.
    pub first_deals: u32,
    /// Negotiation contacts of the period: customer, stage, amount.
    pub negotiations: Vec<(String, Option<String>, Option<i64>)>,
}

impl WeeklyFacts {
    /// How many things the report lists (what the copies log records as its rows).
    pub fn rows(&self) -> u32 {
        self.new_cards.len() as u32 + self.contacts.iter().map(|(_, n)| n).sum::<u32>()
    }
}

fn rows<T>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    conn.prepare(sql)?.query_map(args, f)?.collect()
}

pub fn gather(
    conn: &Connection,
    today: NaiveDate,
    period: Period,
    owner: Option<&str>,
) -> Result<WeeklyFacts, ReportError> {
    let (from, to) = (period.from_text(), period.to_text());
    let end = (period.to + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let new_cards = rows(
        conn,
        "SELECT code, name, owner, status FROM cards
         WHERE deleted_at IS NULL AND substr(created_at, 1, 10) BETWEEN ?1 AND ?2 AND (?3 IS NULL OR owner = ?3)
         ORDER BY created_at, sort_key",
        params![from, to, owner],
        |r| {
            Ok(NewCard {
                code: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                status: CardStatus::parse(&r.get::<_, String>(3)?).unwrap_or(CardStatus::Prospect),
            })
        },
    )?;
    let per_day = figures::contacts(conn, period, owner)?;
    let contacts = ContactKind::ALL
        .iter()
        .map(|&kind| {
            let n = per_day
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| d.contacts)
                .sum();
            (kind, n)
        })
        .collect();
    let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<u32> {
        conn.query_row(sql, args, |r| r.get(0))
    };
    let complaints = Complaints {
        opened: count(
            "SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
             WHERE c.deleted_at IS NULL AND t.kind = 'complaint' AND t.at >= ?1 AND t.at < ?2 AND (?3 IS NULL OR c.owner = ?3)",
            &[&from, &end, &owner],
        )?,
        resolved: count(
            "SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
             WHERE c.deleted_at IS NULL AND t.kind = 'complaint' AND json_extract(t.complaint, '$.resolved_on') BETWEEN ?1 AND ?2
               AND (?3 IS NULL OR c.owner = ?3)",
            &[&from, &to, &owner],
        )?,
        still_open: count(
            "SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
             WHERE c.deleted_at IS NULL AND t.complaint_state IN ('open', 'in_progress') AND (?1 IS NULL OR c.owner = ?1)",
            &[&owner],
        )?,
    };
    let (transactions, amount) = conn.query_row(
        "SELECT count(*), coalesce(sum(iif(t.kind = 'sale', t.amount, -t.amount)), 0) FROM transactions t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.dated_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR c.owner = ?3)",
        params![from, to, owner],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let deals = Deals {
        transactions,
        amount,
        first_deals: count(
            "SELECT count(*) FROM cards WHERE deleted_at IS NULL AND first_deal_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR owner = ?3)",
            &[&from, &to, &owner],
        )?,
        negotiations: rows(
            conn,
            "SELECT c.name, json_extract(t.negotiation, '$.stage'), json_extract(t.negotiation, '$.amount')
             FROM contacts t JOIN cards c ON c.id = t.card_id
             WHERE c.deleted_at IS NULL AND t.kind = 'negotiation' AND t.at >= ?1 AND t.at < ?2 AND (?3 IS NULL OR c.owner = ?3)
             ORDER BY t.at",
            params![from, end, owner],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?,
    };
    Ok(WeeklyFacts {
        period: (period.from, period.to),
        owner: owner.map(str::to_owned),
        new_cards,
        contacts,
        complaints,
        deals,
        reviews: crate::daily::reviews_between(conn, period.from, period.to)?,
        checked: crate::card::checks::between(conn, period.from, period.to, owner)?,
        receivables: receivables::receivables(conn, today, owner)?.ages,
        overdue: figures::overdue_follow_ups(conn, today, owner)?,
        completeness: rows(
            conn,
            "SELECT c.owner, count(*), round(avg(k.completeness)) FROM card_classes k JOIN cards c ON c.id = k.card_id
             WHERE c.deleted_at IS NULL AND (?1 IS NULL OR c.owner = ?1) GROUP BY c.owner ORDER BY c.owner",
            params![owner],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?,
    })
}

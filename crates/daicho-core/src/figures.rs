//! Figures the dashboard and the reports both show, each from one query, so the manager reads
//! the same number on the screen and on paper: contacts per day and kind, overdue follow-ups.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::contact::ContactKind;
use crate::sales::summary::Period;

/// Contacts made on `day` of `kind`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayContacts {
    pub day: NaiveDate,
    pub kind: ContactKind,
    pub contacts: u32,
}

/// Contacts with live cards over `period` (`owner`'s cards only, when given), per day and kind.
pub fn contacts(
    conn: &Connection,
    period: Period,
    owner: Option<&str>,
) -> rusqlite::Result<Vec<DayContacts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT substr(t.at, 1, 10), t.kind, count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.at >= ?1 AND t.at < ?2 AND (?3 IS NULL OR c.owner = ?3)
         GROUP BY 1, 2 ORDER BY 1, 2",
    )?;
    let end = (period.to + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let mut rows = stmt.query(params![period.from_text(), end, owner])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let day: String = r.get(0)?;
        let kind: String = r.get(1)?;
        // A contact whose date or kind another program wrote badly is not counted anywhere.
        if let (Ok(day), Some(kind)) = (
            NaiveDate::parse_from_str(&day, "%Y-%m-%d"),
            ContactKind::parse(&kind),
        ) {
            out.push(DayContacts {
                day,
                kind,
                contacts: r.get(2)?,
            });
        }
    }
    Ok(out)
}

/// An open next action past its due date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueFollowUp {
    pub customer: String,
    pub next_action: String,
    pub due: String,
    pub owner: String,
}

/// Open next actions of live cards due before `today`, most overdue first (driven by the
/// partial index of open next actions: a ledger of 100,000 cards has a few thousand).
pub fn overdue_follow_ups(
    conn: &Connection,
    today: NaiveDate,
    owner: Option<&str>,
) -> rusqlite::Result<Vec<OverdueFollowUp>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.name, t.next_action, t.next_action_due, c.owner FROM contacts t INDEXED BY contacts_open_actions
         JOIN cards c ON c.id = t.card_id
         WHERE t.next_action_due IS NOT NULL AND t.next_action_due < ?1 AND t.next_action_done_at IS NULL
           AND c.deleted_at IS NULL AND (?2 IS NULL OR c.owner = ?2)
         ORDER BY t.next_action_due, c.sort_key, t.id",
    )?;
    let rows = stmt.query_map(params![today.format("%Y-%m-%d").to_string(), owner], |r| {
        Ok(OverdueFollowUp {
            customer: r.get(0)?,
            next_action: r.get(1)?,
            due: r.get(2)?,
            owner: r.get(3)?,
        })
    })?;
    rows.collect()
}

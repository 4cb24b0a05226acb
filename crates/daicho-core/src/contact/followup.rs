//! Follow-ups: every open next action across the ledger, grouped by when it is due.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::model::ContactKind;

api_enum!(
    /// When a follow-up is due, as the follow-ups page groups it.
    FollowUpBucket { Overdue = "overdue", Today = "today", ThisWeek = "this_week", Later = "later" }
);

/// One open next action, with the contact and the card it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FollowUp {
    pub contact_id: crate::ids::ContactId,
    pub contact_version: i32,
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub card_code: String,
    pub kind: ContactKind,
    /// When the contact that promised it took place.
    pub at: String,
    pub next_action: String,
    pub due: String,
    pub bucket: FollowUpBucket,
    /// Days past the due date; 0 unless overdue.
    pub days_overdue: u32,
}

/// All open follow-ups of live cards, soonest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FollowUps {
    pub items: Vec<FollowUp>,
    pub overdue: u32,
}

/// "This week" runs to the coming Sunday.
pub fn bucket(due: NaiveDate, today: NaiveDate) -> FollowUpBucket {
    let end_of_week = today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
    if due < today {
        FollowUpBucket::Overdue
    } else if due == today {
        FollowUpBucket::Today
    } else if due <= end_of_week {
        FollowUpBucket::ThisWeek
    } else {
        FollowUpBucket::Later
    }
}

/// Driven by the partial index of open next actions: a ledger of 100,000 cards has a few thousand.
pub fn list(conn: &Connection, today: NaiveDate) -> rusqlite::Result<FollowUps> {
    let mut statement = conn.prepare_cached(
        "SELECT t.id, t.version, t.card_id, c.name, c.code, t.kind, t.at, t.next_action, t.next_action_due
         FROM contacts t INDEXED BY contacts_open_actions CROSS JOIN cards c ON c.id = t.card_id
         WHERE t.next_action_due IS NOT NULL AND t.next_action_done_at IS NULL AND c.deleted_at IS NULL
         ORDER BY t.next_action_due, c.sort_key, t.id",
    )?;
    let items: Vec<FollowUp> = statement
        .query_map([], |r| {
            let due: String = r.get(8)?;
            let date = NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap_or(today);
            Ok(FollowUp {
                contact_id: r.get(0)?,
                contact_version: r.get(1)?,
                card_id: r.get(2)?,
                card_name: r.get(3)?,
                card_code: r.get(4)?,
                kind: ContactKind::parse(&r.get::<_, String>(5)?).unwrap_or(ContactKind::Other),
                at: r.get(6)?,
                next_action: r.get(7)?,
                bucket: bucket(date, today),
                days_overdue: u32::try_from((today - date).num_days()).unwrap_or(0),
                due,
            })
        })?
        .collect::<Result<_, _>>()?;
    let overdue = items
        .iter()
        .filter(|f| f.bucket == FollowUpBucket::Overdue)
        .count() as u32;
    Ok(FollowUps { items, overdue })
}

/// Open follow-ups past due on cards not in the trash, from the index of open actions alone
/// (it carries the card; the few cards in the trash are set apart first).
pub const OVERDUE_COUNT: &str = "SELECT count(*) FROM contacts INDEXED BY contacts_open_actions
    WHERE next_action_due IS NOT NULL AND next_action_due < ?1 AND next_action_done_at IS NULL
      AND card_id NOT IN (SELECT id FROM cards WHERE deleted_at IS NOT NULL)";

/// How many open follow-ups are past due (the sidebar's count).
pub fn overdue_count(conn: &Connection, today: NaiveDate) -> rusqlite::Result<u32> {
    conn.prepare_cached(OVERDUE_COUNT)?
        .query_row([today.format("%Y-%m-%d").to_string()], |r| r.get(0))
}

//! Reminders marked done: one row per reminder and day, so next year's birthday comes again.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{Greeting, ReminderError, ReminderKind};
use crate::card::store::Edit;

/// The (kind, subject, day) of every reminder done for a day from `from` on.
pub(crate) fn done_since(
    conn: &Connection,
    from: NaiveDate,
) -> rusqlite::Result<HashSet<(String, String, String)>> {
    conn.prepare_cached(
        "SELECT kind, subject, occurs_on FROM reminders_done WHERE occurs_on >= ?1",
    )?
    .query_map([from.format("%Y-%m-%d").to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?
    .collect()
}

/// Marks the reminder of `kind` about `subject` on `on` done, or open again. Refused when no
/// such card, key person, product in use or greeting exists, or the day is not a date.
pub(crate) fn set_done(
    conn: &Connection,
    kind: ReminderKind,
    subject: &str,
    on: &str,
    done: bool,
    edit: &Edit<'_>,
) -> Result<(), ReminderError> {
    let not_found = || ReminderError::NotFound {
        kind: kind.as_str().to_owned(),
        subject: subject.to_owned(),
        on: on.to_owned(),
    };
    let day = NaiveDate::parse_from_str(on, "%Y-%m-%d").map_err(|_| not_found())?;
    let table = match kind {
        ReminderKind::Greeting => None,
        ReminderKind::Birthday => Some(
            "SELECT 1 FROM cards WHERE id = ?1 UNION ALL SELECT 1 FROM key_persons WHERE id = ?1",
        ),
        ReminderKind::CompetitorRenewal => Some("SELECT 1 FROM card_products WHERE id = ?1"),
        ReminderKind::ContractRenewal => Some(
            "SELECT 1 FROM cards WHERE id = ?1 UNION ALL SELECT 1 FROM card_products WHERE id = ?1",
        ),
        _ => Some("SELECT 1 FROM cards WHERE id = ?1"),
    };
    let exists = match table {
        None => Greeting::parse(subject).is_some(),
        Some(sql) => conn
            .prepare_cached(sql)?
            .query_row([subject], |_| Ok(()))
            .optional()?
            .is_some(),
    };
    if !exists {
        return Err(not_found());
    }
    let on = day.format("%Y-%m-%d").to_string();
    if done {
        conn.prepare_cached(
            "INSERT INTO reminders_done (kind, subject, occurs_on, done_at, done_by)
             VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        )?
        .execute(params![kind.as_str(), subject, on, edit.at, edit.actor])?;
    } else {
        conn.prepare_cached(
            "DELETE FROM reminders_done WHERE kind = ?1 AND subject = ?2 AND occurs_on = ?3",
        )?
        .execute(params![kind.as_str(), subject, on])?;
    }
    Ok(())
}

//! Reading a day's report and recording its review.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::card::store::Edit;
use crate::contact::ContactKind;
use crate::error::{CardError, FieldIssue, VisitError};
use crate::text::{line, multiline};

use super::{DailyContact, DailyReport, DailyReview};

/// The report of `day`.
pub fn gather(conn: &Connection, day: NaiveDate) -> Result<DailyReport, VisitError> {
    let from = day.format("%Y-%m-%d").to_string();
    let to = (day + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let contacts: Vec<DailyContact> = conn
        .prepare_cached(
            "SELECT t.id, t.card_id, c.name, c.code, t.kind, substr(t.at, 12, 5), t.rep, t.purpose, t.content,
                t.outcome, t.next_action, t.next_action_due,
                EXISTS (SELECT 1 FROM planned_visits v WHERE v.contact_id = t.id)
             FROM contacts t INDEXED BY contacts_at JOIN cards c ON c.id = t.card_id
             WHERE t.at >= ?1 AND t.at < ?2 AND c.deleted_at IS NULL
             ORDER BY t.at, t.id",
        )?
        .query_map([&from, &to], contact_row)?
        .collect::<Result<_, _>>()?;
    let planned = crate::visit::store::plan(conn, &from, &from)?;
    let visits_done = planned.iter().filter(|v| v.contact_id.is_some()).count() as u32;
    let visits_unplanned = contacts
        .iter()
        .filter(|c| c.kind == ContactKind::Visit && !c.planned)
        .count() as u32;
    Ok(DailyReport {
        review: review(conn, &from)?,
        day: from,
        visits_planned: planned.len() as u32,
        visits_done,
        visits_unplanned,
        planned,
        contacts,
    })
}

fn contact_row(r: &Row<'_>) -> rusqlite::Result<DailyContact> {
    Ok(DailyContact {
        contact_id: r.get(0)?,
        card_id: r.get(1)?,
        card_name: r.get(2)?,
        card_code: r.get(3)?,
        kind: ContactKind::parse(&r.get::<_, String>(4)?).unwrap_or(ContactKind::Other),
        time: r.get(5)?,
        rep: r.get(6)?,
        purpose: r.get(7)?,
        content: r.get(8)?,
        outcome: r.get(9)?,
        next_action: r.get(10)?,
        next_action_due: r.get(11)?,
        planned: r.get(12)?,
    })
}

fn review_row(r: &Row<'_>) -> rusqlite::Result<DailyReview> {
    Ok(DailyReview {
        day: r.get(0)?,
        reviewer: r.get(1)?,
        reviewed_on: r.get(2)?,
        comment: r.get(3)?,
    })
}

fn review(conn: &Connection, day: &str) -> rusqlite::Result<Option<DailyReview>> {
    conn.prepare_cached(
        "SELECT day, reviewer, reviewed_on, comment FROM daily_reviews WHERE day = ?1",
    )?
    .query_row([day], review_row)
    .optional()
}

/// The reviews of the days from `from` to `to`, inclusive, by day.
pub fn reviews_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<DailyReview>> {
    conn.prepare_cached(
        "SELECT day, reviewer, reviewed_on, comment FROM daily_reviews WHERE day BETWEEN ?1 AND ?2 ORDER BY day",
    )?
    .query_map(
        [from.format("%Y-%m-%d").to_string(), to.format("%Y-%m-%d").to_string()],
        review_row,
    )?
    .collect()
}

/// Records (or replaces) the review of `day` by `reviewer`, dated today.
pub fn set_review(
    conn: &Connection,
    day: NaiveDate,
    reviewer: &str,
    comment: &str,
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<DailyReview, VisitError> {
    let mut issues = Vec::new();
    let reviewer = line("reviewer", reviewer, &mut issues);
    if reviewer.is_empty() {
        issues.push(FieldIssue::new("reviewer", "required"));
    }
    let comment = multiline("comment", comment, &mut issues);
    if !issues.is_empty() {
        return Err(CardError::Invalid(issues).into());
    }
    let day = day.format("%Y-%m-%d").to_string();
    conn.prepare_cached(
        "INSERT INTO daily_reviews (day, reviewer, reviewed_on, comment, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (day) DO UPDATE SET reviewer = excluded.reviewer,
            reviewed_on = excluded.reviewed_on, comment = excluded.comment, updated_at = excluded.updated_at",
    )?
    .execute(params![
        day,
        reviewer,
        today.format("%Y-%m-%d").to_string(),
        comment,
        edit.at
    ])?;
    review(conn, &day)?.ok_or_else(|| VisitError::NotFound { id: day.clone() })
}

/// Takes the review of `day` back (recorded by mistake).
pub fn clear_review(conn: &Connection, day: NaiveDate) -> Result<(), VisitError> {
    conn.execute(
        "DELETE FROM daily_reviews WHERE day = ?1",
        [day.format("%Y-%m-%d").to_string()],
    )?;
    Ok(())
}

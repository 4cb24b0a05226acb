//! Planned visit rows. Like the card store, functions expect to run inside the caller's transaction.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::card::store::{check_id, editable, new_id, Edit};
use crate::contact::{self, Contact, ContactFields};
use crate::error::{CardError, FieldIssue};
use crate::intel;
use crate::text::{date, like_pattern, line};

use super::model::{PlannedVisit, VisitBrief, VisitCandidate, VisitCandidateQuery};

const COLUMNS: &str =
    "v.id, v.card_id, c.name, c.code, c.region, c.city, v.planned_on, v.position, v.purpose,
    v.contact_id, (SELECT count(*) FROM contacts t WHERE t.card_id = v.card_id
                   AND t.complaint_state IN ('open', 'in_progress'))";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PlannedVisit> {
    Ok(PlannedVisit {
        id: r.get(0)?,
        card_id: r.get(1)?,
        card_name: r.get(2)?,
        card_code: r.get(3)?,
        region: r.get(4)?,
        city: r.get(5)?,
        planned_on: r.get(6)?,
        position: r.get(7)?,
        purpose: r.get(8)?,
        contact_id: r.get(9)?,
        open_complaints: r.get(10)?,
    })
}

/// A required plan date.
fn plan_date(value: &str) -> Result<String, CardError> {
    let mut issues = Vec::new();
    let day = date("planned_on", &Some(value.to_owned()), &mut issues);
    match day {
        Some(day) if issues.is_empty() => Ok(day),
        None => Err(CardError::invalid(FieldIssue::new(
            "planned_on",
            "required",
        ))),
        Some(_) => Err(CardError::Invalid(issues)),
    }
}

pub fn load(conn: &Connection, id: &str) -> Result<PlannedVisit, CardError> {
    check_id(id).map_err(|_| CardError::BadId(id.to_owned()))?;
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM planned_visits v JOIN cards c ON c.id = v.card_id WHERE v.id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| CardError::VisitNotFound { id: id.to_owned() })
}

/// The visits planned from `from` to `to` (inclusive) on live cards, by day and order.
pub fn plan(conn: &Connection, from: &str, to: &str) -> Result<Vec<PlannedVisit>, CardError> {
    let (from, to) = (plan_date(from)?, plan_date(to)?);
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM planned_visits v JOIN cards c ON c.id = v.card_id
             WHERE v.planned_on BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL
             ORDER BY v.planned_on, v.position, v.id"
        ))?
        .query_map([from, to], from_row)?
        .collect::<Result<_, _>>()?)
}

/// Adds a visit to the end of its day.
pub fn add(
    conn: &Connection,
    card_id: &str,
    planned_on: &str,
    purpose: &str,
    edit: &Edit<'_>,
) -> Result<PlannedVisit, CardError> {
    editable(conn, card_id)?;
    let day = plan_date(planned_on)?;
    let mut issues = Vec::new();
    let purpose = line("purpose", purpose, &mut issues);
    if !issues.is_empty() {
        return Err(CardError::Invalid(issues));
    }
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO planned_visits (id, card_id, planned_on, position, purpose, created_at, updated_at)
         VALUES (?1, ?2, ?3, (SELECT count(*) FROM planned_visits WHERE planned_on = ?3), ?4, ?5, ?5)",
    )?
    .execute(params![id, card_id, day, purpose, edit.at])?;
    renumber(conn, &day)?;
    load(conn, &id)
}

/// Moves a visit to `position` (from 0) on `planned_on`; the other visits of both days close up.
pub fn move_to(
    conn: &Connection,
    id: &str,
    planned_on: &str,
    position: u32,
    edit: &Edit<'_>,
) -> Result<PlannedVisit, CardError> {
    let old = load(conn, id)?;
    let day = plan_date(planned_on)?;
    // Make room: everything at or after the new position on the new day moves down one.
    conn.prepare_cached(
        "UPDATE planned_visits SET position = position + 1 WHERE planned_on = ?1 AND position >= ?2 AND id <> ?3",
    )?
    .execute(params![day, position, id])?;
    conn.prepare_cached(
        "UPDATE planned_visits SET planned_on = ?2, position = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, day, position, edit.at])?;
    renumber(conn, &old.planned_on)?;
    renumber(conn, &day)?;
    load(conn, id)
}

pub fn remove(conn: &Connection, id: &str) -> Result<(), CardError> {
    let old = load(conn, id)?;
    conn.execute("DELETE FROM planned_visits WHERE id = ?1", [id])?;
    renumber(conn, &old.planned_on)?;
    Ok(())
}

/// Records the visit as a contact on the card and links it to the plan.
pub fn log(
    conn: &Connection,
    id: &str,
    fields: &ContactFields,
    edit: &Edit<'_>,
) -> Result<Contact, CardError> {
    let visit = load(conn, id)?;
    if visit.contact_id.is_some() {
        return Err(CardError::VisitAlreadyLogged { id: id.to_owned() });
    }
    let contact = contact::store::insert(conn, &visit.card_id, fields, edit)?;
    conn.prepare_cached(
        "UPDATE planned_visits SET contact_id = ?2, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, contact.id, edit.at])?;
    Ok(contact)
}

/// Positions 0, 1, 2… in the current order.
fn renumber(conn: &Connection, day: &str) -> rusqlite::Result<()> {
    let ids: Vec<String> = conn
        .prepare_cached(
            "SELECT id FROM planned_visits WHERE planned_on = ?1 ORDER BY position, id",
        )?
        .query_map([day], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut set = conn.prepare_cached("UPDATE planned_visits SET position = ?2 WHERE id = ?1")?;
    for (position, id) in ids.iter().enumerate() {
        set.execute(params![id, position as i64])?;
    }
    Ok(())
}

/// Customers to consider for the plan: with follow-ups due by `due_by`, or not visited for
/// `not_visited_days` (either reason is enough; with neither, every card), within region and city.
/// Soonest due first, then longest unvisited.
pub fn candidates(
    conn: &Connection,
    query: &VisitCandidateQuery,
    today: NaiveDate,
) -> Result<Vec<VisitCandidate>, CardError> {
    let mut issues = Vec::new();
    let due_by = date("due_by", &query.due_by, &mut issues);
    if !issues.is_empty() {
        return Err(CardError::Invalid(issues));
    }
    let mut inner = String::from(
        "SELECT c.id, c.name, c.code, c.region, c.city, c.sort_key,
            (SELECT max(v.at) FROM contacts v WHERE v.card_id = c.id AND v.kind = 'visit') AS last_visit,
            (SELECT count(*) FROM contacts t WHERE t.card_id = c.id AND t.next_action_due <= ?1
                AND t.next_action_done_at IS NULL) AS due_count,
            (SELECT min(t.next_action_due) FROM contacts t WHERE t.card_id = c.id AND t.next_action_due <= ?1
                AND t.next_action_done_at IS NULL) AS earliest
         FROM cards c WHERE c.deleted_at IS NULL",
    );
    let mut values: Vec<Value> = vec![due_by.clone().map_or(Value::Null, Value::Text)];
    for (column, value) in [("c.region", &query.region), ("c.city", &query.city)] {
        if !value.trim().is_empty() {
            inner.push_str(&format!(" AND {column} LIKE ? ESCAPE '\\'"));
            values.push(Value::Text(like_pattern(value.trim())));
        }
    }
    let mut reasons = Vec::new();
    if due_by.is_some() {
        reasons.push("due_count > 0".to_owned());
    }
    if let Some(days) = query.not_visited_days {
        let cutoff = today - Duration::days(i64::from(days));
        reasons.push(format!(
            "last_visit IS NULL OR last_visit < '{}'",
            cutoff.format("%Y-%m-%dT00:00")
        ));
    }
    let filter = if reasons.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", reasons.join(" OR "))
    };
    let limit = query.limit.unwrap_or(200).min(2000);
    let sql = format!(
        "SELECT * FROM ({inner}) {filter}
         ORDER BY earliest IS NULL, earliest, last_visit IS NOT NULL, last_visit, sort_key LIMIT {limit}"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map(params_from_iter(values.iter()), |r| {
            let last_visit: Option<String> = r.get(6)?;
            Ok(VisitCandidate {
                card_id: r.get(0)?,
                card_name: r.get(1)?,
                card_code: r.get(2)?,
                region: r.get(3)?,
                city: r.get(4)?,
                days_since_visit: last_visit.as_deref().and_then(|at| days_since(at, today)),
                last_visit_at: last_visit,
                due_follow_ups: r.get(7)?,
                earliest_due: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn days_since(at: &str, today: NaiveDate) -> Option<u32> {
    let day = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M")
        .ok()?
        .date();
    u32::try_from((today - day).num_days()).ok()
}

/// Everything to read before visiting the customer of `card_id`.
pub fn brief(conn: &Connection, card_id: &str) -> Result<VisitBrief, CardError> {
    let card = crate::card::store::load(conn, card_id)?;
    let last_visit_at = conn
        .prepare_cached("SELECT max(at) FROM contacts WHERE card_id = ?1 AND kind = 'visit'")?
        .query_row([card_id], |r| r.get(0))?;
    Ok(VisitBrief {
        recent_contacts: contact::store::recent(conn, card_id, 3, "")?,
        open_complaints: contact::store::recent(
            conn,
            card_id,
            100,
            contact::store::OPEN_COMPLAINTS,
        )?,
        open_actions: contact::store::recent(conn, card_id, 100, contact::store::OPEN_ACTIONS)?,
        unverified_notes: intel::store::unverified(conn, card_id)?,
        last_visit_at,
        card,
    })
}

//! Planned visit rows. Like the card store, functions expect to run inside the caller's transaction.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::card::store::{check_id, ensure_editable, new_id, Edit};
use crate::contact::{self, Contact, ContactFields};
use crate::error::{CardError, FieldIssue, VisitError};
use crate::notes;
use crate::text::{date, like_pattern, line};

use crate::classify::Abc;
use crate::report::labels::{address_line, address_order, AddressOrder};

use super::model::{Appointment, PlannedVisit, VisitBrief, VisitCandidate, VisitCandidateQuery};

const COLUMNS: &str =
    "v.id, v.card_id, c.name, c.code, c.region, c.city, v.planned_on, v.position, v.purpose,
    v.contact_id, (SELECT count(*) FROM contacts t WHERE t.card_id = v.card_id
                   AND t.complaint_state IN ('open', 'in_progress')),
    c.postal_code, c.street, c.building, v.starts_at, v.duration_minutes, v.place, v.meeting_with,
    v.confirmed";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PlannedVisit> {
    let region: String = r.get(4)?;
    let city: String = r.get(5)?;
    let (street, building): (String, String) = (r.get(12)?, r.get(13)?);
    let name: String = r.get(2)?;
    let order = AddressOrder::of(&region, &city, &street, &name);
    let address = address_line(order, "", &region, &city, &street, &building);
    Ok(PlannedVisit {
        id: r.get(0)?,
        card_id: r.get(1)?,
        card_name: r.get(2)?,
        card_code: r.get(3)?,
        region,
        city,
        postal_code: r.get(11)?,
        address,
        planned_on: r.get(6)?,
        position: r.get(7)?,
        purpose: r.get(8)?,
        contact_id: r.get(9)?,
        open_complaints: r.get(10)?,
        starts_at: r.get(14)?,
        duration_minutes: r.get(15)?,
        place: r.get(16)?,
        meeting_with: r.get(17)?,
        confirmed: r.get(18)?,
        overlaps: false,
    })
}

/// A required plan date.
fn plan_date(value: &str) -> Result<String, VisitError> {
    let mut issues = Vec::new();
    let day = date("planned_on", &Some(value.to_owned()), &mut issues);
    match day {
        Some(day) if issues.is_empty() => Ok(day),
        None => Err(CardError::invalid(FieldIssue::new("planned_on", "required")).into()),
        Some(_) => Err(CardError::Invalid(issues).into()),
    }
}

pub fn load(conn: &Connection, id: &str) -> Result<PlannedVisit, VisitError> {
    check_id(id).map_err(|_| CardError::BadId(id.to_owned()))?;
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM planned_visits v JOIN cards c ON c.id = v.card_id WHERE v.id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or_else(|| VisitError::NotFound { id: id.to_owned() })
}

/// The visits planned from `from` to `to` (inclusive) on live cards, by day and order, with
/// those whose times overlap another's marked.
pub fn plan(conn: &Connection, from: &str, to: &str) -> Result<Vec<PlannedVisit>, VisitError> {
    let (from, to) = (plan_date(from)?, plan_date(to)?);
    let mut visits: Vec<PlannedVisit> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM planned_visits v JOIN cards c ON c.id = v.card_id
             WHERE v.planned_on BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL
             ORDER BY v.planned_on, v.position, v.id"
        ))?
        .query_map([from, to], from_row)?
        .collect::<Result<_, _>>()?;
    super::model::mark_overlaps(&mut visits);
    Ok(visits)
}

/// Longest appointment, in minutes: a working day.
pub const MAX_MINUTES: i32 = 720;

/// Sets the visit's time, length, place, people and whether it is agreed.
pub fn set_appointment(
    conn: &Connection,
    id: &str,
    input: &Appointment,
    edit: &Edit<'_>,
) -> Result<PlannedVisit, VisitError> {
    let old = load(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    let mut issues = Vec::new();
    let starts_at = match input.starts_at.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(time) => match chrono::NaiveTime::parse_from_str(time, "%H:%M") {
            Ok(t) => Some(t.format("%H:%M").to_string()),
            Err(_) => {
                issues.push(FieldIssue::new("starts_at", "invalid_time"));
                None
            }
        },
    };
    let duration = crate::text::in_range(
        "duration_minutes",
        input.duration_minutes,
        5,
        MAX_MINUTES,
        &mut issues,
    );
    let place = line("place", &input.place, &mut issues);
    let meeting_with = line("meeting_with", &input.meeting_with, &mut issues);
    let purpose = line("purpose", &input.purpose, &mut issues);
    if !issues.is_empty() {
        return Err(CardError::Invalid(issues).into());
    }
    conn.prepare_cached(
        "UPDATE planned_visits SET starts_at = ?2, duration_minutes = ?3, place = ?4, meeting_with = ?5,
            confirmed = ?6, purpose = ?7, updated_at = ?8 WHERE id = ?1",
    )?
    .execute(params![
        id,
        starts_at,
        duration,
        place,
        meeting_with,
        input.confirmed,
        purpose,
        edit.at
    ])?;
    load(conn, id)
}

/// Orders the day's route by area: postal code, then region, city and street, so that visits
/// close to each other follow each other (no map needed). Visits without an address go last.
pub fn order_by_area(conn: &Connection, day: &str) -> Result<Vec<PlannedVisit>, VisitError> {
    let day = plan_date(day)?;
    let ids: Vec<String> = conn
        .prepare_cached(
            "SELECT v.id FROM planned_visits v JOIN cards c ON c.id = v.card_id WHERE v.planned_on = ?1
             ORDER BY (c.postal_code = '' AND c.region = '' AND c.city = ''),
                 CASE WHEN c.postal_code = '' THEN 1 ELSE 0 END, c.postal_code, c.region, c.city,
                 c.street, c.sort_key, v.id",
        )?
        .query_map([&day], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut set = conn.prepare_cached("UPDATE planned_visits SET position = ?2 WHERE id = ?1")?;
    for (position, id) in ids.iter().enumerate() {
        set.execute(params![id, position as i64])?;
    }
    plan(conn, &day, &day)
}

/// Adds a visit to the end of its day.
pub fn add(
    conn: &Connection,
    card_id: &str,
    planned_on: &str,
    purpose: &str,
    edit: &Edit<'_>,
) -> Result<PlannedVisit, VisitError> {
    ensure_editable(conn, card_id)?;
    let day = plan_date(planned_on)?;
    let mut issues = Vec::new();
    let purpose = line("purpose", purpose, &mut issues);
    if !issues.is_empty() {
        return Err(CardError::Invalid(issues).into());
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
) -> Result<PlannedVisit, VisitError> {
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

pub fn remove(conn: &Connection, id: &str) -> Result<(), VisitError> {
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
) -> Result<Contact, VisitError> {
    let visit = load(conn, id)?;
    if visit.contact_id.is_some() {
        return Err(VisitError::AlreadyLogged { id: id.to_owned() });
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
/// Soonest due first, then longest unvisited (never visited first).
///
/// Two indexed queries instead of one over every card: the open follow-ups due (few, from their
/// partial index), then cards by their latest visit (from `cards_live_last_visit`), merged here.
pub fn candidates(
    conn: &Connection,
    query: &VisitCandidateQuery,
    today: NaiveDate,
) -> Result<Vec<VisitCandidate>, VisitError> {
    let mut issues = Vec::new();
    let due_by = date("due_by", &query.due_by, &mut issues);
    if !issues.is_empty() {
        return Err(CardError::Invalid(issues).into());
    }
    let limit = query.limit.unwrap_or(200).min(2000) as usize;
    let mut place = String::new();
    let mut place_values: Vec<Value> = Vec::new();
    for (column, value) in [("c.region", &query.region), ("c.city", &query.city)] {
        if !value.trim().is_empty() {
            place.push_str(&format!(" AND {column} LIKE ? ESCAPE '\\'"));
            place_values.push(Value::Text(like_pattern(value.trim())));
        }
    }
    let every = crate::classify::config::load(conn)
        .map(|c| c.visit_every_days)
        .unwrap_or_default();
    let row = |r: &Row<'_>| -> rusqlite::Result<VisitCandidate> {
        let last_visit: Option<String> = r.get(5)?;
        let abc = r
            .get::<_, Option<String>>(8)?
            .as_deref()
            .and_then(Abc::parse);
        let tier = r
            .get::<_, Option<String>>(9)?
            .as_deref()
            .and_then(crate::classify::ValueTier::parse);
        let prospect = r.get::<_, String>(10)? == "prospect";
        let days_since_visit = last_visit.as_deref().and_then(|at| days_since(at, today));
        let due_rule = every
            .rule_for(abc, tier, prospect)
            .filter(|(_, rule)| days_since_visit.is_none_or(|d| i64::from(d) >= i64::from(*rule)));
        Ok(VisitCandidate {
            card_id: r.get(0)?,
            card_name: r.get(1)?,
            card_code: r.get(2)?,
            region: r.get(3)?,
            city: r.get(4)?,
            days_since_visit,
            last_visit_at: last_visit,
            due_follow_ups: r.get(6)?,
            earliest_due: r.get(7)?,
            abc,
            visit_every_days: due_rule.map(|(_, days)| days),
            visit_rule: due_rule.map(|(rule, _)| rule),
        })
    };
    let mut out: Vec<VisitCandidate> = Vec::new();
    if let Some(due_by) = &due_by {
        let mut values = vec![Value::Text(due_by.clone())];
        values.extend(place_values.iter().cloned());
        out = conn
            .prepare(&format!(
                "SELECT c.id, c.name, c.code, c.region, c.city, c.last_visit_at, count(*), min(t.next_action_due),
                    k.abc, k.value_tier, c.status
                 FROM contacts t INDEXED BY contacts_open_actions CROSS JOIN cards c ON c.id = t.card_id
                    LEFT JOIN card_classes k ON k.card_id = c.id
                 WHERE t.next_action_due IS NOT NULL AND t.next_action_due <= ? AND t.next_action_done_at IS NULL
                   AND c.deleted_at IS NULL{place}
                 GROUP BY c.id ORDER BY min(t.next_action_due), c.sort_key LIMIT {limit}"
            ))?
            .query_map(params_from_iter(values.iter()), row)?
            .collect::<Result<_, _>>()?;
    }
    if query.due_by_class {
        let taken: std::collections::HashSet<crate::ids::CardId> =
            out.iter().map(|c| c.card_id.clone()).collect();
        let (due_sql, mut values) = every.due_sql("c", "k", today);
        values.extend(place_values.iter().cloned());
        let want = limit + taken.len();
        // Class A first, then the other rules' customers; longest unvisited (never first) within.
        let due: Vec<VisitCandidate> = conn
            .prepare(&format!(
                "SELECT c.id, c.name, c.code, c.region, c.city, c.last_visit_at, 0, NULL, k.abc, k.value_tier, c.status
                 FROM cards c LEFT JOIN card_classes k ON k.card_id = c.id
                 WHERE c.deleted_at IS NULL AND {due_sql}{place}
                 ORDER BY coalesce(k.abc, 'd'), c.last_visit_at, c.id LIMIT {want}"
            ))?
            .query_map(params_from_iter(values.iter()), row)?
            .collect::<Result<_, _>>()?;
        out.extend(due.into_iter().filter(|c| !taken.contains(&c.card_id)));
    }
    // With no filter at all, every customer is a candidate (those due by their class first).
    let by_visit = match (due_by.is_some(), query.not_visited_days) {
        (_, Some(days)) => {
            let cutoff = today - Duration::days(i64::from(days));
            Some(format!(
                " AND (c.last_visit_at IS NULL OR c.last_visit_at < '{}')",
                cutoff.format("%Y-%m-%dT00:00")
            ))
        }
        (false, None) => Some(String::new()),
        (true, None) => None,
    };
    if let Some(visit_filter) = by_visit {
        let taken: std::collections::HashSet<crate::ids::CardId> =
            out.iter().map(|c| c.card_id.clone()).collect();
        // Enough rows to fill the limit after skipping the cards already listed for their follow-ups.
        let want = limit + taken.len();
        let more: Vec<VisitCandidate> = conn
            .prepare(&format!(
                "SELECT c.id, c.name, c.code, c.region, c.city, c.last_visit_at, 0, NULL,
                    (SELECT abc FROM card_classes k WHERE k.card_id = c.id),
                    (SELECT value_tier FROM card_classes k WHERE k.card_id = c.id), c.status
                 FROM cards c INDEXED BY cards_live_last_visit
                 WHERE c.deleted_at IS NULL{visit_filter}{place}
                 ORDER BY c.last_visit_at, c.id LIMIT {want}"
            ))?
            .query_map(params_from_iter(place_values.iter()), row)?
            .collect::<Result<_, _>>()?;
        out.extend(more.into_iter().filter(|c| !taken.contains(&c.card_id)));
    }
    out.truncate(limit);
    Ok(out)
}

fn days_since(at: &str, today: NaiveDate) -> Option<u32> {
    let day = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M")
        .ok()?
        .date();
    u32::try_from((today - day).num_days()).ok()
}

/// Everything to read before visiting the customer of `card_id`.
pub fn brief(conn: &Connection, card_id: &str, today: NaiveDate) -> Result<VisitBrief, VisitError> {
    let card = crate::card::store::load(conn, card_id)?;
    let next_visit = conn
        .prepare_cached(
            "SELECT id FROM planned_visits WHERE card_id = ?1 AND planned_on >= ?2 AND contact_id IS NULL
             ORDER BY planned_on, position LIMIT 1",
        )?
        .query_row(params![card_id, today.format("%Y-%m-%d").to_string()], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .map(|id| load(conn, &id))
        .transpose()?;
    let last_visit_at = conn
        .prepare_cached("SELECT max(at) FROM contacts WHERE card_id = ?1 AND kind = 'visit'")?
        .query_row([card_id], |r| r.get(0))?;
    let f = &card.fields;
    let address = address_line(
        address_order(f),
        &f.postal_code,
        &f.region,
        &f.city,
        &f.street,
        &f.building,
    );
    Ok(VisitBrief {
        address,
        recent_contacts: contact::store::recent(conn, card_id, 3, "")?,
        open_complaints: contact::store::recent(
            conn,
            card_id,
            100,
            contact::store::OPEN_COMPLAINTS,
        )?,
        open_actions: contact::store::recent(conn, card_id, 100, contact::store::OPEN_ACTIONS)?,
        unverified_notes: notes::store::unverified(conn, card_id)?,
        last_visit_at,
        next_visit,
        hints: crate::competition::hints::for_card(conn, card_id, today)?,
        card,
    })
}

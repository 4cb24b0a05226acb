//! Contact rows. Like the card store, functions expect to run inside the caller's transaction.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::card::history::{self, Stamp};
use crate::card::store::{check_id, ensure_editable, new_id, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::db::json::Json;
use crate::error::{CardError, ContactError};

use super::model::{Contact, ContactFields, ContactKind};
use super::validate;

fn key_person_ids(
    conn: &Connection,
    card_id: &str,
) -> rusqlite::Result<Vec<crate::ids::KeyPersonId>> {
    conn.prepare_cached("SELECT id FROM key_persons WHERE card_id = ?1")?
        .query_map([card_id], |r| r.get(0))?
        .collect()
}

fn stamp<'a>(card_id: &'a str, id: &'a str, at: &'a str, edit: &Edit<'a>) -> Stamp<'a> {
    Stamp {
        card_id,
        at: edit.at,
        actor: edit.actor,
        entity: HistoryEntity::Contact,
        entity_id: id,
        entity_label: at,
    }
}

pub fn insert(
    conn: &Connection,
    card_id: &str,
    input: &ContactFields,
    edit: &Edit<'_>,
) -> Result<Contact, ContactError> {
    ensure_editable(conn, card_id)?;
    let id = write_new(conn, card_id, input, &key_person_ids(conn, card_id)?, edit)?;
    refresh_last_contact(conn, card_id)?;
    load(conn, &id)
}

/// Adds a contact to a card being written in the same transaction (the demo's cards): checked
/// against the key persons it was given, nothing read back, and the card's last contact left
/// for [`refresh_all_last_contacts`] once every contact is in.
pub(crate) fn insert_on_new_card(
    conn: &Connection,
    card_id: &str,
    input: &ContactFields,
    key_persons: &[crate::ids::KeyPersonId],
    edit: &Edit<'_>,
) -> Result<(), ContactError> {
    write_new(conn, card_id, input, key_persons, edit).map(|_| ())
}

/// The contact's row and its history line; its id.
fn write_new(
    conn: &Connection,
    card_id: &str,
    input: &ContactFields,
    key_persons: &[crate::ids::KeyPersonId],
    edit: &Edit<'_>,
) -> Result<String, ContactError> {
    let fields = validate::contact(input, key_persons).map_err(CardError::Invalid)?;
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO contacts (id, card_id, kind, at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![id, card_id, fields.kind.as_str(), fields.at, edit.at])?;
    write_columns(conn, &id, &fields, edit.at)?;
    let stamp = stamp(card_id, &id, &fields.at, edit);
    history::record(
        conn,
        &stamp,
        HistoryAction::Created,
        "",
        None,
        Some(fields.kind.as_str()),
    )?;
    Ok(id)
}

/// Every card's latest contact and visit, in one statement (after [`insert_on_new_card`]): one
/// pass over the contacts grouped by card, so it needs no index of theirs and can run while a
/// bulk write has them set aside. Only cards whose figures moved are written.
pub(crate) fn refresh_all_last_contacts(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "UPDATE cards SET last_contact_at = latest.contact, last_visit_at = latest.visit
         FROM (SELECT card_id, max(at) AS contact, max(CASE WHEN kind = 'visit' THEN at END) AS visit
               FROM contacts GROUP BY card_id) AS latest
         WHERE latest.card_id = cards.id
           AND (cards.last_contact_at IS NOT latest.contact OR cards.last_visit_at IS NOT latest.visit)",
    )
}

pub fn update(
    conn: &Connection,
    id: &str,
    expected_version: i32,
    input: &ContactFields,
    edit: &Edit<'_>,
) -> Result<Contact, ContactError> {
    let old = load(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    if old.version != expected_version {
        return Err(CardError::Stale { id: id.to_owned() }.into());
    }
    let fields = validate::contact(input, &key_person_ids(conn, &old.card_id)?)
        .map_err(CardError::Invalid)?;
    let stamp = stamp(&old.card_id, id, &fields.at, edit);
    let changed = history::record_changes(conn, &stamp, &old.fields, &fields)?;
    if changed == 0 {
        return Ok(old);
    }
    write_columns(conn, id, &fields, edit.at)?;
    conn.execute(
        "UPDATE contacts SET version = version + 1 WHERE id = ?1",
        [id],
    )?;
    refresh_last_contact(conn, &old.card_id)?;
    load(conn, id)
}

/// Deletes a contact; its history row keeps what it was.
pub fn delete(conn: &Connection, id: &str, edit: &Edit<'_>) -> Result<(), ContactError> {
    let old = load(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    conn.execute("DELETE FROM contacts WHERE id = ?1", [id])?;
    let stamp = stamp(&old.card_id, id, &old.fields.at, edit);
    let summary = serde_json::to_string(&old.fields).unwrap_or_default();
    history::record(
        conn,
        &stamp,
        HistoryAction::Deleted,
        "",
        Some(&summary),
        None,
    )?;
    refresh_last_contact(conn, &old.card_id)?;
    Ok(())
}

/// Marks the next action of a contact done (or not done again).
pub fn set_action_done(
    conn: &Connection,
    id: &str,
    done: bool,
    edit: &Edit<'_>,
) -> Result<Contact, ContactError> {
    let old = load(conn, id)?;
    let mut fields = old.fields.clone();
    fields.next_action_done_at = done.then(|| edit.at.to_owned());
    update(conn, id, old.version, &fields, edit)
}

fn write_columns(
    conn: &Connection,
    id: &str,
    fields: &ContactFields,
    at: &str,
) -> Result<(), ContactError> {
    conn.prepare_cached(
        "UPDATE contacts SET kind = ?2, at = ?3, duration_minutes = ?4, rep = ?5, purpose = ?6, content = ?7,
            outcome = ?8, reaction = ?9, next_action = ?10, next_action_due = ?11, next_action_done_at = ?12,
            complaint = ?13, complaint_state = ?14, negotiation = ?15, updated_at = ?16
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        fields.kind.as_str(),
        fields.at,
        fields.duration_minutes,
        fields.rep,
        fields.purpose,
        fields.content,
        fields.outcome,
        fields.reaction,
        fields.next_action,
        fields.next_action_due,
        fields.next_action_done_at,
        fields.complaint.as_ref().and_then(|c| serde_json::to_string(c).ok()),
        fields.complaint.as_ref().and_then(|c| c.state).map(|s| s.as_str()),
        fields.negotiation.as_ref().and_then(|n| serde_json::to_string(n).ok()),
        at,
    ])?;
    conn.prepare_cached("DELETE FROM contact_persons WHERE contact_id = ?1")?
        .execute([id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO contact_persons (contact_id, key_person_id) VALUES (?1, ?2)",
    )?;
    for person in &fields.participants {
        insert.execute([id, person])?;
    }
    Ok(())
}

/// The card keeps the time of its latest contact and latest visit, for the list's "last contact"
/// column and the visit plan's "not visited for".
fn refresh_last_contact(conn: &Connection, card_id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE cards SET last_contact_at = (SELECT max(at) FROM contacts WHERE card_id = ?1),
            last_visit_at = (SELECT max(at) FROM contacts WHERE card_id = ?1 AND kind = 'visit')
         WHERE id = ?1",
    )?
    .execute([card_id])?;
    Ok(())
}

const COLUMNS: &str = "id, card_id, version, created_at, updated_at, kind, at, duration_minutes, rep, purpose,
    content, outcome, reaction, next_action, next_action_due, next_action_done_at, complaint, negotiation";

pub fn load(conn: &Connection, id: &str) -> Result<Contact, ContactError> {
    check_id(id).map_err(|_| CardError::BadId(id.to_owned()))?;
    let contact = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM contacts WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| ContactError::NotFound { id: id.to_owned() })?;
    with_participants(conn, contact)
}

/// A card's contacts, newest first.
pub fn for_card(conn: &Connection, card_id: &str) -> Result<Vec<Contact>, ContactError> {
    crate::card::store::load(conn, card_id)?;
    recent(conn, card_id, u32::MAX, "")
}

fn with_participants(conn: &Connection, mut contact: Contact) -> Result<Contact, ContactError> {
    contact.fields.participants = conn
        .prepare_cached(
            "SELECT cp.key_person_id FROM contact_persons cp JOIN key_persons kp ON kp.id = cp.key_person_id
             WHERE cp.contact_id = ?1 ORDER BY kp.position",
        )?
        .query_map([&contact.id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(contact)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Contact> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    Ok(Contact {
        id: r.get(0)?,
        card_id: r.get(1)?,
        version: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
        fields: ContactFields {
            kind: ContactKind::parse(&text(5)?).unwrap_or(ContactKind::Other),
            at: text(6)?,
            duration_minutes: r.get(7)?,
            participants: Vec::new(),
            rep: text(8)?,
            purpose: text(9)?,
            content: text(10)?,
            outcome: text(11)?,
            reaction: text(12)?,
            next_action: text(13)?,
            next_action_due: r.get(14)?,
            next_action_done_at: r.get(15)?,
            complaint: r.get::<_, Option<Json<_>>>(16)?.map(|j| j.0),
            negotiation: r.get::<_, Option<Json<_>>>(17)?.map(|j| j.0),
        },
    })
}

/// Moves the due date of a contact's next action.
pub fn reschedule(
    conn: &Connection,
    id: &str,
    due: &str,
    edit: &Edit<'_>,
) -> Result<Contact, ContactError> {
    let old = load(conn, id)?;
    let mut fields = old.fields.clone();
    fields.next_action_due = Some(due.to_owned());
    update(conn, id, old.version, &fields, edit)
}

/// The card's latest `limit` contacts matching `filter` (one of the constants below, or ""), newest first.
pub fn recent(
    conn: &Connection,
    card_id: &str,
    limit: u32,
    filter: &str,
) -> Result<Vec<Contact>, ContactError> {
    let contacts: Vec<Contact> = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM contacts WHERE card_id = ?1 {filter} ORDER BY at DESC, id DESC LIMIT ?2"
        ))?
        .query_map(params![card_id, limit], from_row)?
        .collect::<Result<_, _>>()?;
    contacts
        .into_iter()
        .map(|c| with_participants(conn, c))
        .collect()
}

/// Filters for [`recent`].
pub const OPEN_COMPLAINTS: &str = "AND complaint_state IN ('open', 'in_progress')";
pub const OPEN_ACTIONS: &str = "AND next_action_due IS NOT NULL AND next_action_done_at IS NULL";

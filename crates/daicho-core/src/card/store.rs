//! Card rows in SQLite. Functions take a connection that is already inside a transaction
//! (the [`crate::Ledger`] methods open it), so that several rows change together or not at all.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::db::json::Json;
use crate::error::{CardError, FieldIssue};
use crate::text::{digits, normalize};

use super::history::{self, Stamp};
use super::model::{
    Card, CardFields, CardKind, CardStatus, HistoryAction, HistoryEntity, KeyPerson,
    KeyPersonFields, KeyRole, LeadSource, Loyalty, Messaging, Standing,
};
use super::validate;

/// When and by whom: passed down so that one save has one timestamp.
pub struct Edit<'a> {
    pub at: &'a str,
    pub actor: &'a str,
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub(crate) fn check_id(id: &str) -> Result<(), CardError> {
    uuid::Uuid::parse_str(id)
        .map(drop)
        .map_err(|_| CardError::BadId(id.to_owned()))
}

pub fn insert(conn: &Connection, input: &CardFields, edit: &Edit<'_>) -> Result<Card, CardError> {
    let fields = validate::card(input).map_err(CardError::Invalid)?;
    let id = insert_valid(conn, fields, edit)?;
    load(conn, &id)
}

/// Inserts a card whose fields passed `validate::card` (imports check every row first) and
/// returns its id.
pub(crate) fn insert_valid(
    conn: &Connection,
    fields: CardFields,
    edit: &Edit<'_>,
) -> Result<String, CardError> {
    insert_valid_with(conn, fields, &[], edit)
}

/// A new card written whole with its key persons (the demo's cards): one row each, the card's
/// search text already naming them, nothing read back.
pub(crate) fn insert_with_key_persons(
    conn: &Connection,
    input: &CardFields,
    persons: &[KeyPersonFields],
    edit: &Edit<'_>,
) -> Result<(String, Vec<crate::ids::KeyPersonId>), CardError> {
    let fields = validate::card(input).map_err(CardError::Invalid)?;
    if !persons.is_empty() && fields.kind != CardKind::Organisation {
        return Err(CardError::KeyPersonNeedsOrganisation);
    }
    let mut people = Vec::with_capacity(persons.len());
    for person in persons {
        people.push(KeyPerson {
            id: crate::ids::KeyPersonId::new(),
            card_id: crate::ids::CardId::default(),
            fields: validate::key_person(person).map_err(CardError::Invalid)?,
        });
    }
    let id = insert_valid_with(conn, fields, &people, edit)?;
    for person in &people {
        insert_key_person(conn, &id, &person.id, &person.fields, edit)?;
    }
    Ok((id, people.into_iter().map(|p| p.id).collect()))
}

fn insert_valid_with(
    conn: &Connection,
    mut fields: CardFields,
    key_persons: &[KeyPerson],
    edit: &Edit<'_>,
) -> Result<String, CardError> {
    if fields.code.is_empty() {
        fields.code = next_code(conn)?;
    } else {
        ensure_code_free(conn, &fields.code, None)?;
    }
    let id = new_id();
    // One INSERT with every column: the search index is written once (again for tags).
    let mut values = column_values(&fields, key_persons, edit.at);
    values.extend([
        Value::Text(id.clone()),
        Value::Text(fields.kind.as_str().into()),
        Value::Text(edit.at.into()),
    ]);
    conn.prepare_cached(&format!(
        "INSERT INTO cards ({EDITED_COLUMNS}, id, kind, created_at) VALUES ({})",
        (1..=values.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?
    .execute(rusqlite::params_from_iter(&values))?;
    write_tags(conn, &id, &fields.tags)?;
    let stamp = card_stamp(&id, &fields.name, edit);
    history::record(
        conn,
        &stamp,
        HistoryAction::Created,
        "",
        None,
        Some(&fields.name),
    )?;
    Ok(id)
}

pub fn update(
    conn: &Connection,
    id: &str,
    expected_version: i32,
    input: &CardFields,
    edit: &Edit<'_>,
) -> Result<Card, CardError> {
    let old = load(conn, id)?;
    if old.deleted_at.is_some() {
        return Err(CardError::InTrash { id: id.to_owned() });
    }
    if old.version != expected_version {
        return Err(CardError::Stale { id: id.to_owned() });
    }
    let mut fields = validate::card(input).map_err(CardError::Invalid)?;
    if fields.kind != old.fields.kind {
        return Err(CardError::invalid(FieldIssue::new("kind", "fixed")));
    }
    if fields.code.is_empty() {
        fields.code = old.fields.code.clone();
    } else {
        ensure_code_free(conn, &fields.code, Some(id))?;
    }
    let stamp = card_stamp(id, &fields.name, edit);
    let changed = history::record_changes(conn, &stamp, &old.fields, &fields)?;
    if changed == 0 {
        return Ok(old);
    }
    write_columns(conn, id, &fields, &old.key_persons, edit.at)?;
    conn.execute("UPDATE cards SET version = version + 1 WHERE id = ?1", [id])?;
    load(conn, id)
}

/// Moves a card to the trash (or back): a flag, so nothing hanging off it is lost.
pub fn set_trashed(
    conn: &Connection,
    id: &str,
    trashed: bool,
    edit: &Edit<'_>,
) -> Result<Card, CardError> {
    let card = load(conn, id)?;
    match (trashed, card.deleted_at.is_some()) {
        (true, true) => return Err(CardError::InTrash { id: id.to_owned() }),
        (false, false) => return Err(CardError::NotInTrash { id: id.to_owned() }),
        _ => {}
    }
    conn.execute(
        "UPDATE cards SET deleted_at = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
        params![id, trashed.then_some(edit.at), edit.at],
    )?;
    let action = if trashed {
        HistoryAction::Deleted
    } else {
        HistoryAction::Restored
    };
    history::record(
        conn,
        &card_stamp(id, &card.fields.name, edit),
        action,
        "",
        None,
        None,
    )?;
    load(conn, id)
}

/// Deletes every card in the trash for good, with its key persons and history.
pub fn empty_trash(conn: &Connection) -> Result<usize, CardError> {
    Ok(conn.execute("DELETE FROM cards WHERE deleted_at IS NOT NULL", [])?)
}

pub fn load(conn: &Connection, id: &str) -> Result<Card, CardError> {
    check_id(id)?;
    let mut card = conn
        .prepare_cached(
            "SELECT id, version, created_at, updated_at, deleted_at, kind, status, name, reading, honorific, code,
                owner, lead_source, industry, postal_code, region, city, street, building, phones, email, website,
                notes, organisation, individual, first_deal_on, first_deal_trigger,
                credit_rating, credit_score, credit_limit, loyalty, cooperation, influence, messaging,
                territory, route, brand_support
             FROM cards WHERE id = ?1",
        )?
        .query_row([id], card_from_row)
        .optional()?
        .ok_or_else(|| CardError::NotFound { id: id.to_owned() })?;
    card.fields.tags = conn
        .prepare_cached("SELECT tag FROM card_tags WHERE card_id = ?1 ORDER BY tag")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    card.key_persons = load_key_persons(conn, id)?;
    card.open_complaints = conn
        .prepare_cached(
            "SELECT count(*) FROM contacts WHERE card_id = ?1 AND complaint_state IN ('open', 'in_progress')",
        )?
        .query_row([id], |r| r.get(0))?;
    Ok(card)
}

fn card_from_row(r: &Row<'_>) -> rusqlite::Result<Card> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let kind = CardKind::parse(&text(5)?).unwrap_or(CardKind::Organisation);
    Ok(Card {
        id: r.get(0)?,
        version: r.get(1)?,
        created_at: r.get(2)?,
        updated_at: r.get(3)?,
        deleted_at: r.get(4)?,
        fields: CardFields {
            kind,
            status: CardStatus::parse(&text(6)?).unwrap_or(CardStatus::Prospect),
            name: text(7)?,
            reading: text(8)?,
            honorific: text(9)?,
            code: text(10)?,
            owner: text(11)?,
            lead_source: r
                .get::<_, Option<String>>(12)?
                .as_deref()
                .and_then(LeadSource::parse),
            industry: text(13)?,
            tags: Vec::new(),
            territory: text(34)?,
            route: text(35)?,
            postal_code: text(14)?,
            region: text(15)?,
            city: text(16)?,
            street: text(17)?,
            building: text(18)?,
            phones: r.get::<_, Json<Vec<String>>>(19)?.0,
            email: text(20)?,
            website: text(21)?,
            messaging: r
                .get::<_, Option<Json<_>>>(33)?
                .map(|j| j.0)
                .unwrap_or_default(),
            notes: text(22)?,
            first_deal_on: r.get(25)?,
            first_deal_trigger: text(26)?,
            standing: Standing {
                credit_rating: text(27)?,
                credit_score: r.get(28)?,
                credit_limit: r.get(29)?,
                loyalty: r
                    .get::<_, Option<String>>(30)?
                    .as_deref()
                    .and_then(Loyalty::parse),
                cooperation: r.get(31)?,
                influence: r.get(32)?,
                brand_support: r.get(36)?,
            },
            organisation: r.get::<_, Option<Json<_>>>(23)?.map(|j| j.0),
            individual: r.get::<_, Option<Json<_>>>(24)?.map(|j| j.0),
        },
        key_persons: Vec::new(),
        open_complaints: 0,
    })
}

fn load_key_persons(conn: &Connection, card_id: &str) -> rusqlite::Result<Vec<KeyPerson>> {
    conn.prepare_cached(
        "SELECT id, card_id, name, reading, department, title, role, phone, email, birthday, interests, notes,
            messaging
         FROM key_persons WHERE card_id = ?1 ORDER BY position, created_at",
    )?
    .query_map([card_id], |r| {
        Ok(KeyPerson {
            id: r.get(0)?,
            card_id: r.get(1)?,
            fields: KeyPersonFields {
                name: r.get(2)?,
                reading: r.get(3)?,
                department: r.get(4)?,
                title: r.get(5)?,
                role: r.get::<_, Option<String>>(6)?.as_deref().and_then(KeyRole::parse),
                phone: r.get(7)?,
                email: r.get(8)?,
                messaging: r
                    .get::<_, Option<Json<_>>>(12)?
                    .map(|j| j.0)
                    .unwrap_or_default(),
                birthday: r.get(9)?,
                interests: r.get(10)?,
                notes: r.get(11)?,
            },
        })
    })?
    .collect()
}

/// A checked key person's row, after the others of its card, with its history entry.
fn insert_key_person(
    conn: &Connection,
    card_id: &str,
    id: &str,
    fields: &KeyPersonFields,
    edit: &Edit<'_>,
) -> Result<(), CardError> {
    conn.prepare_cached(
        "INSERT INTO key_persons (id, card_id, position, name, reading, department, title, role, phone, email,
            birthday, interests, notes, created_at, updated_at, messaging)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM key_persons WHERE card_id = ?2),
            ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)",
    )?
    .execute(params![
        id,
        card_id,
        fields.name,
        fields.reading,
        fields.department,
        fields.title,
        fields.role.map(KeyRole::as_str),
        fields.phone,
        fields.email,
        fields.birthday,
        fields.interests,
        fields.notes,
        edit.at,
        messaging_json(&fields.messaging),
    ])?;
    let stamp = person_stamp(card_id, id, &fields.name, edit);
    history::record(
        conn,
        &stamp,
        HistoryAction::Created,
        "",
        None,
        Some(&fields.name),
    )?;
    Ok(())
}

pub fn add_key_person(
    conn: &Connection,
    card_id: &str,
    input: &KeyPersonFields,
    edit: &Edit<'_>,
) -> Result<KeyPerson, CardError> {
    let card = editable(conn, card_id)?;
    if card.fields.kind != CardKind::Organisation {
        return Err(CardError::KeyPersonNeedsOrganisation);
    }
    let fields = validate::key_person(input).map_err(CardError::Invalid)?;
    let id = new_id();
    insert_key_person(conn, card_id, &id, &fields, edit)?;
    touch(conn, card_id, edit)?;
    Ok(KeyPerson {
        id: id.into(),
        card_id: card_id.into(),
        fields,
    })
}

pub fn update_key_person(
    conn: &Connection,
    id: &str,
    input: &KeyPersonFields,
    edit: &Edit<'_>,
) -> Result<KeyPerson, CardError> {
    let old = key_person(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    let fields = validate::key_person(input).map_err(CardError::Invalid)?;
    let stamp = person_stamp(&old.card_id, id, &fields.name, edit);
    let changed = history::record_changes(conn, &stamp, &old.fields, &fields)?;
    if changed > 0 {
        conn.prepare_cached(
            "UPDATE key_persons SET name = ?2, reading = ?3, department = ?4, title = ?5, role = ?6, phone = ?7,
                email = ?8, birthday = ?9, interests = ?10, notes = ?11, updated_at = ?12, messaging = ?13
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            fields.name,
            fields.reading,
            fields.department,
            fields.title,
            fields.role.map(KeyRole::as_str),
            fields.phone,
            fields.email,
            fields.birthday,
            fields.interests,
            fields.notes,
            edit.at,
            messaging_json(&fields.messaging),
        ])?;
        touch(conn, &old.card_id, edit)?;
    }
    Ok(KeyPerson {
        id: id.into(),
        card_id: old.card_id,
        fields,
    })
}

pub fn delete_key_person(conn: &Connection, id: &str, edit: &Edit<'_>) -> Result<(), CardError> {
    let old = key_person(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    conn.execute("DELETE FROM key_persons WHERE id = ?1", [id])?;
    let stamp = person_stamp(&old.card_id, id, &old.fields.name, edit);
    history::record(
        conn,
        &stamp,
        HistoryAction::Deleted,
        "",
        Some(&old.fields.name),
        None,
    )?;
    touch(conn, &old.card_id, edit)
}

fn key_person(conn: &Connection, id: &str) -> Result<KeyPerson, CardError> {
    check_id(id)?;
    let card_id: Option<String> = conn
        .query_row("SELECT card_id FROM key_persons WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let card_id = card_id.ok_or_else(|| CardError::KeyPersonNotFound { id: id.to_owned() })?;
    load_key_persons(conn, &card_id)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| CardError::KeyPersonNotFound { id: id.to_owned() })
}

/// The card exists and is not in the trash: what a write to its contacts, notes, sales or key
/// persons needs to know, without reading the whole card.
pub(crate) fn ensure_editable(conn: &Connection, card_id: &str) -> Result<(), CardError> {
    check_id(card_id)?;
    let trashed: Option<bool> = conn
        .prepare_cached("SELECT deleted_at IS NOT NULL FROM cards WHERE id = ?1")?
        .query_row([card_id], |r| r.get(0))
        .optional()?;
    match trashed {
        None => Err(CardError::NotFound {
            id: card_id.to_owned(),
        }),
        Some(true) => Err(CardError::InTrash {
            id: card_id.to_owned(),
        }),
        Some(false) => Ok(()),
    }
}

pub(crate) fn editable(conn: &Connection, card_id: &str) -> Result<Card, CardError> {
    let card = load(conn, card_id)?;
    if card.deleted_at.is_some() {
        return Err(CardError::InTrash {
            id: card_id.to_owned(),
        });
    }
    Ok(card)
}

/// A key person changed: the card's search text, timestamp and version follow.
fn touch(conn: &Connection, card_id: &str, edit: &Edit<'_>) -> Result<(), CardError> {
    let card = load(conn, card_id)?;
    conn.execute(
        "UPDATE cards SET search_text = ?2, updated_at = ?3, version = version + 1 WHERE id = ?1",
        params![
            card_id,
            search_text(&card.fields, &card.key_persons),
            edit.at
        ],
    )?;
    Ok(())
}

fn card_stamp<'a>(id: &'a str, name: &'a str, edit: &Edit<'a>) -> Stamp<'a> {
    Stamp {
        card_id: id,
        at: edit.at,
        actor: edit.actor,
        entity: HistoryEntity::Card,
        entity_id: id,
        entity_label: name,
    }
}

fn person_stamp<'a>(card_id: &'a str, id: &'a str, name: &'a str, edit: &Edit<'a>) -> Stamp<'a> {
    Stamp {
        card_id,
        at: edit.at,
        actor: edit.actor,
        entity: HistoryEntity::KeyPerson,
        entity_id: id,
        entity_label: name,
    }
}

/// Every column a user edits, and the sort and search columns derived from them, in the order
/// of [`column_values`].
const EDITED_COLUMNS: &str = "code, status, name, reading, honorific, owner, lead_source, industry,
    postal_code, region, city, street, building, phones, email, website, notes, organisation,
    individual, sort_key, search_text, updated_at, first_deal_on, first_deal_trigger, credit_rating,
    credit_score, credit_limit, loyalty, cooperation, influence, messaging, territory, route,
    brand_support";

fn column_values(fields: &CardFields, key_persons: &[KeyPerson], at: &str) -> Vec<Value> {
    let text = |s: &str| Value::Text(s.to_owned());
    let opt_text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_owned()));
    let opt_int = |n: Option<i64>| n.map_or(Value::Null, Value::Integer);
    let st = &fields.standing;
    vec![
        text(&fields.code),
        text(fields.status.as_str()),
        text(&fields.name),
        text(&fields.reading),
        text(&fields.honorific),
        text(&fields.owner),
        opt_text(fields.lead_source.map(LeadSource::as_str)),
        text(&fields.industry),
        text(&fields.postal_code),
        text(&fields.region),
        text(&fields.city),
        text(&fields.street),
        text(&fields.building),
        Value::Text(json(&fields.phones)),
        text(&fields.email),
        text(&fields.website),
        text(&fields.notes),
        fields
            .organisation
            .as_ref()
            .map_or(Value::Null, |o| Value::Text(json(o))),
        fields
            .individual
            .as_ref()
            .map_or(Value::Null, |i| Value::Text(json(i))),
        Value::Text(sort_key(fields)),
        Value::Text(search_text(fields, key_persons)),
        text(at),
        opt_text(fields.first_deal_on.as_deref()),
        text(&fields.first_deal_trigger),
        text(&st.credit_rating),
        opt_int(st.credit_score.map(i64::from)),
        opt_int(st.credit_limit),
        opt_text(st.loyalty.map(Loyalty::as_str)),
        opt_int(st.cooperation.map(i64::from)),
        opt_int(st.influence.map(i64::from)),
        messaging_json(&fields.messaging).map_or(Value::Null, Value::Text),
        text(&fields.territory),
        text(&fields.route),
        opt_int(st.brand_support.map(i64::from)),
    ]
}

/// Stored as JSON, or NULL when no ID is known (most cards).
fn messaging_json(messaging: &Messaging) -> Option<String> {
    (!messaging.is_empty()).then(|| json(messaging))
}

/// Writes every column a user edits, and the sort and search columns derived from them.
fn write_columns(
    conn: &Connection,
    id: &str,
    fields: &CardFields,
    key_persons: &[KeyPerson],
    at: &str,
) -> rusqlite::Result<()> {
    let mut values = column_values(fields, key_persons, at);
    let sets = EDITED_COLUMNS
        .split(',')
        .enumerate()
        .map(|(i, c)| format!("{} = ?{}", c.trim(), i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    values.push(Value::Text(id.to_owned()));
    conn.prepare_cached(&format!(
        "UPDATE cards SET {sets} WHERE id = ?{}",
        values.len()
    ))?
    .execute(rusqlite::params_from_iter(&values))?;
    write_tags(conn, id, &fields.tags)
}

fn write_tags(conn: &Connection, id: &str, tags: &[String]) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM card_tags WHERE card_id = ?1")?
        .execute([id])?;
    let mut insert = conn.prepare_cached("INSERT INTO card_tags (card_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        insert.execute([id, tag])?;
    }
    Ok(())
}

fn ensure_code_free(conn: &Connection, code: &str, except: Option<&str>) -> Result<(), CardError> {
    let taken: Option<String> = conn
        .prepare_cached("SELECT id FROM cards WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    match taken {
        Some(other) if Some(other.as_str()) != except => {
            Err(CardError::invalid(FieldIssue::new("code", "taken")))
        }
        _ => Ok(()),
    }
}

/// The next free generated code: C-000001, C-000002...
pub(crate) fn next_code(conn: &Connection) -> Result<String, CardError> {
    let mut n: i64 = conn
        .query_row(
            "SELECT value FROM ledger_meta WHERE key = 'next_code'",
            [],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut exists = conn.prepare_cached("SELECT 1 FROM cards WHERE code = ?1")?;
    let code = loop {
        let code = format!("C-{n:06}");
        n += 1;
        if !exists.exists([&code])? {
            break code;
        }
    };
    conn.execute(
        "INSERT INTO ledger_meta (key, value) VALUES ('next_code', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [n.to_string()],
    )?;
    Ok(code)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// List order: each language's order of names (`names::sort_key`).
pub(crate) fn sort_key(fields: &CardFields) -> String {
    crate::names::sort_key(&fields.name, &fields.reading)
}

/// Everything the simple search looks in, in the normal form, with phone numbers also as bare digits.
pub(crate) fn search_text(fields: &CardFields, key_persons: &[KeyPerson]) -> String {
    let mut parts: Vec<&str> = vec![&fields.name, &fields.reading, &fields.code, &fields.email];
    parts.extend(fields.phones.iter().map(String::as_str));
    if let Some(p) = &fields.individual {
        parts.extend([
            p.family_name.as_str(),
            &p.given_name,
            &p.family_name_reading,
            &p.given_name_reading,
        ]);
    }
    for person in key_persons {
        parts.extend([person.fields.name.as_str(), &person.fields.reading]);
    }
    let mut text = normalize(&parts.join("\u{1F}"));
    for phone in &fields.phones {
        text.push('\u{1F}');
        text.push_str(&digits(phone));
    }
    text
}

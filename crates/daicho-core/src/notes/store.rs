//! Note rows. Like the card store, functions expect to run inside the caller's transaction.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use crate::card::history::{self, Stamp};
use crate::card::store::{check_id, ensure_editable, new_id, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::error::{CardError, FieldIssue, NoteError};
use crate::text::{like_pattern, normalize};

use super::model::{
    Certainty, Grade, Note, NoteCategory, NoteFields, NoteMeans, NotePage, NoteQuery, NoteRow,
};
use super::validate;

/// The history label of a note: the start of its content.
fn label(fields: &NoteFields) -> String {
    fields.content.chars().take(40).collect()
}

fn stamp<'a>(card_id: &'a str, id: &'a str, label: &'a str, edit: &Edit<'a>) -> Stamp<'a> {
    Stamp {
        card_id,
        at: edit.at,
        actor: edit.actor,
        entity: HistoryEntity::Note,
        entity_id: id,
        entity_label: label,
    }
}

pub fn insert(
    conn: &Connection,
    card_id: &str,
    input: &NoteFields,
    edit: &Edit<'_>,
) -> Result<Note, NoteError> {
    ensure_editable(conn, card_id)?;
    let fields = validate::note(input).map_err(CardError::Invalid)?;
    check_competitor(conn, &fields)?;
    let id = new_id();
    conn.prepare_cached(
        "INSERT INTO notes (id, card_id, noted_on, category, content, certainty, reliability, importance,
            urgency, created_at, updated_at)
         VALUES (?1, ?2, '', 'other', '-', 'fact', 'low', 'low', 'low', ?3, ?3)",
    )?
    .execute(params![id, card_id, edit.at])?;
    write_columns(conn, &id, &fields, edit.at)?;
    let label = label(&fields);
    history::record(
        conn,
        &stamp(card_id, &id, &label, edit),
        HistoryAction::Created,
        "",
        None,
        Some(fields.category.as_str()),
    )?;
    load(conn, &id)
}

pub fn update(
    conn: &Connection,
    id: &str,
    expected_version: i32,
    input: &NoteFields,
    edit: &Edit<'_>,
) -> Result<Note, NoteError> {
    let old = load(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    if old.version != expected_version {
        return Err(CardError::Stale { id: id.to_owned() }.into());
    }
    let fields = validate::note(input).map_err(CardError::Invalid)?;
    check_competitor(conn, &fields)?;
    if old.fields == fields {
        return Ok(old);
    }
    let label = label(&fields);
    // History names the competitor, not its id.
    let (before, after) = (
        with_competitor_name(conn, &old.fields)?,
        with_competitor_name(conn, &fields)?,
    );
    history::record_changes(
        conn,
        &stamp(&old.card_id, id, &label, edit),
        &before,
        &after,
    )?;
    write_columns(conn, id, &fields, edit.at)?;
    conn.execute("UPDATE notes SET version = version + 1 WHERE id = ?1", [id])?;
    load(conn, id)
}

/// Deletes a note; its history row keeps what it said.
pub fn delete(conn: &Connection, id: &str, edit: &Edit<'_>) -> Result<(), NoteError> {
    let old = load(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    conn.execute("DELETE FROM notes WHERE id = ?1", [id])?;
    let label = label(&old.fields);
    history::record(
        conn,
        &stamp(&old.card_id, id, &label, edit),
        HistoryAction::Deleted,
        "",
        Some(&old.fields.content),
        None,
    )?;
    Ok(())
}

fn with_competitor_name(conn: &Connection, fields: &NoteFields) -> Result<NoteFields, NoteError> {
    let name = match &fields.competitor_id {
        Some(id) => conn
            .prepare_cached("SELECT name FROM competitors WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?,
        None => None,
    };
    Ok(NoteFields {
        competitor_id: name,
        ..fields.clone()
    })
}

/// A note can only point at a competitor the ledger knows.
fn check_competitor(conn: &Connection, fields: &NoteFields) -> Result<(), NoteError> {
    if let Some(id) = &fields.competitor_id {
        let known: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM competitors WHERE id = ?1)")?
            .query_row([id], |r| r.get(0))?;
        if !known {
            return Err(CardError::invalid(crate::error::FieldIssue::new(
                "competitor_id",
                "unknown",
            ))
            .into());
        }
    }
    Ok(())
}

fn write_columns(conn: &Connection, id: &str, f: &NoteFields, at: &str) -> Result<(), NoteError> {
    let haystack = normalize(
        &[
            f.content.as_str(),
            &f.source_who,
            &f.source_where,
            &f.situation,
            &f.how_to_use,
            &f.find_out_next,
            &f.judgement,
        ]
        .join("\u{1F}"),
    );
    conn.prepare_cached(
        "UPDATE notes SET noted_on = ?2, category = ?3, source_who = ?4, source_where = ?5, means = ?6,
            content = ?7, certainty = ?8, reliability = ?9, importance = ?10, urgency = ?11, how_to_use = ?12,
            find_out_next = ?13, judgement = ?14, judgement_on = ?15, share = ?16, search_text = ?17,
            updated_at = ?18, competitor_id = ?19, situation = ?20
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        f.noted_on,
        f.category.as_str(),
        f.source_who,
        f.source_where,
        f.means.map(NoteMeans::as_str),
        f.content,
        f.certainty.as_str(),
        f.reliability.as_str(),
        f.importance.as_str(),
        f.urgency.as_str(),
        f.how_to_use,
        f.find_out_next,
        f.judgement,
        f.judgement_on,
        f.share,
        haystack,
        at,
        f.competitor_id,
        f.situation,
    ])?;
    Ok(())
}

const COLUMNS: &str = "n.id, n.card_id, n.version, n.created_at, n.updated_at, n.noted_on, n.category,
    n.source_who, n.source_where, n.means, n.content, n.certainty, n.reliability, n.importance, n.urgency,
    n.how_to_use, n.find_out_next, n.judgement, n.judgement_on, n.share, n.competitor_id, n.situation";

pub fn load(conn: &Connection, id: &str) -> Result<Note, NoteError> {
    check_id(id).map_err(|_| CardError::BadId(id.to_owned()))?;
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM notes n WHERE n.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| NoteError::NotFound { id: id.to_owned() })
}

/// A card's notes, newest first.
pub fn for_card(conn: &Connection, card_id: &str) -> Result<Vec<Note>, NoteError> {
    crate::card::store::load(conn, card_id)?;
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM notes n WHERE n.card_id = ?1 ORDER BY n.noted_on DESC, n.id DESC"
        ))?
        .query_map([card_id], from_row)?
        .collect::<Result<_, _>>()?)
}

/// Notes of unverified speculation or low reliability: what to check on the next visit.
pub fn unverified(conn: &Connection, card_id: &str) -> Result<Vec<Note>, NoteError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM notes n
             WHERE n.card_id = ?1 AND (n.certainty = 'speculation' OR n.reliability = 'low')
             ORDER BY n.noted_on DESC, n.id DESC"
        ))?
        .query_map([card_id], from_row)?
        .collect::<Result<_, _>>()?)
}

/// Most notes the notes page asks for at once.
pub const MAX_NOTES: u32 = 2000;

/// The notes page: notes of live cards matching every filter, newest first.
/// Records the superior's judgement of a note, dated `today`.
pub fn judge(
    conn: &Connection,
    id: &str,
    judgement: &str,
    today: chrono::NaiveDate,
    edit: &Edit<'_>,
) -> Result<Note, NoteError> {
    let note = load(conn, id)?;
    if judgement.trim().is_empty() {
        return Err(CardError::invalid(FieldIssue::new("judgement", "required")).into());
    }
    let mut fields = note.fields.clone();
    fields.judgement = judgement.trim().to_owned();
    fields.judgement_on = Some(today.format("%Y-%m-%d").to_string());
    update(conn, id, note.version, &fields, edit)
}

pub fn list(conn: &Connection, query: &NoteQuery) -> Result<NotePage, NoteError> {
    let mut filter =
        String::from(" FROM notes n JOIN cards c ON c.id = n.card_id WHERE c.deleted_at IS NULL");
    let mut values: Vec<Value> = Vec::new();
    let mut equals = |column: &str, value: Option<&str>| {
        if let Some(value) = value {
            filter.push_str(&format!(" AND {column} = ?"));
            values.push(Value::Text(value.to_owned()));
        }
    };
    equals("n.category", query.category.map(NoteCategory::as_str));
    equals("n.certainty", query.certainty.map(Certainty::as_str));
    equals("n.reliability", query.reliability.map(Grade::as_str));
    equals("n.importance", query.importance.map(Grade::as_str));
    equals("n.urgency", query.urgency.map(Grade::as_str));
    equals("c.owner", query.owner.as_deref());
    equals("n.competitor_id", query.competitor_id.as_deref());
    if let Some(share) = query.share {
        filter.push_str(" AND n.share = ?");
        values.push(Value::Integer(share.into()));
    }
    if query.awaiting_judgement {
        filter.push_str(" AND n.judgement = ''");
    }
    for (bound, day) in [(">=", &query.from), ("<=", &query.to)] {
        if let Some(day) = day.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            filter.push_str(&format!(" AND n.noted_on {bound} ?"));
            values.push(Value::Text(day.to_owned()));
        }
    }
    let text = normalize(query.text.trim());
    if !text.is_empty() {
        filter.push_str(
            " AND (n.search_text LIKE ? ESCAPE '\\' OR c.search_text LIKE ? ESCAPE '\\')",
        );
        values.push(Value::Text(like_pattern(&text)));
        values.push(Value::Text(like_pattern(&text)));
    }
    let total: u32 = conn
        .prepare(&format!("SELECT count(*){filter}"))?
        .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
    let limit = query.limit.unwrap_or(500).min(MAX_NOTES);
    let rows = conn
        .prepare(&format!(
            "SELECT {COLUMNS}, c.name, c.code{filter} ORDER BY n.noted_on DESC, n.id DESC LIMIT {limit}"
        ))?
        .query_map(params_from_iter(values.iter()), |r| {
            Ok(NoteRow {
                note: from_row(r)?,
                card_name: r.get(22)?,
                card_code: r.get(23)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(NotePage { rows, total })
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let grade = |i: usize| -> rusqlite::Result<Grade> {
        Ok(Grade::parse(&text(i)?).unwrap_or(Grade::Medium))
    };
    Ok(Note {
        id: r.get(0)?,
        card_id: r.get(1)?,
        version: r.get(2)?,
        created_at: r.get(3)?,
        updated_at: r.get(4)?,
        fields: NoteFields {
            noted_on: text(5)?,
            category: NoteCategory::parse(&text(6)?).unwrap_or(NoteCategory::Other),
            source_who: text(7)?,
            source_where: text(8)?,
            situation: text(21)?,
            means: r
                .get::<_, Option<String>>(9)?
                .as_deref()
                .and_then(NoteMeans::parse),
            content: text(10)?,
            certainty: Certainty::parse(&text(11)?).unwrap_or(Certainty::Speculation),
            reliability: grade(12)?,
            importance: grade(13)?,
            urgency: grade(14)?,
            how_to_use: text(15)?,
            find_out_next: text(16)?,
            judgement: text(17)?,
            judgement_on: r.get(18)?,
            share: r.get(19)?,
            competitor_id: r.get(20)?,
        },
    })
}

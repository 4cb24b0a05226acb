//! Defining fields of the rep's own and setting their values on cards. Every value that
//! changes, including those a deleted field takes with it, is recorded in the card's history as
//! the field `custom:<label>`.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::error::CustomFieldError;
use super::value::{self, Misfit};
use super::{
    CustomField, CustomFieldDef, CustomFieldKind, CustomValue, HISTORY_PREFIX, MAX_CHOICES,
    MAX_FIELDS, MAX_LABEL,
};
use crate::card::history::{self, Stamp};
use crate::card::store::{editable, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::ids::CustomFieldId;
use crate::text::MAX_LINE;

const COLUMNS: &str = "f.id, f.label, f.kind, f.choices, f.in_list, \
    (SELECT count(*) FROM card_custom_values v WHERE v.field_id = f.id)";

fn field_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<CustomField> {
    let kind: String = r.get(2)?;
    let choices: String = r.get(3)?;
    Ok(CustomField {
        id: r.get(0)?,
        label: r.get(1)?,
        kind: CustomFieldKind::parse(&kind).unwrap_or(CustomFieldKind::Text),
        choices: serde_json::from_str(&choices).unwrap_or_default(),
        in_list: r.get(4)?,
        used: r.get(5)?,
    })
}

/// Every field, in the order the rep set.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<CustomField>> {
    let sql = format!("SELECT {COLUMNS} FROM custom_fields f ORDER BY f.position, f.label");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], field_of)?;
    rows.collect()
}

pub fn get(conn: &Connection, id: &str) -> Result<CustomField, CustomFieldError> {
    let sql = format!("SELECT {COLUMNS} FROM custom_fields f WHERE f.id = ?1");
    conn.prepare_cached(&sql)?
        .query_row([id], field_of)
        .optional()?
        .ok_or(CustomFieldError::NotFound)
}

/// The definition tidied (label and choices trimmed, choices only for a choice field) and
/// checked, without looking at other fields.
fn checked(def: &CustomFieldDef) -> Result<CustomFieldDef, CustomFieldError> {
    let label = def.label.trim().to_owned();
    if label.is_empty() {
        return Err(CustomFieldError::LabelEmpty);
    }
    if label.chars().count() > MAX_LABEL {
        return Err(CustomFieldError::LabelTooLong { limit: MAX_LABEL });
    }
    let mut choices: Vec<String> = Vec::new();
    if def.kind == CustomFieldKind::Choice {
        for choice in def
            .choices
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            if choice.chars().count() > MAX_LABEL {
                return Err(CustomFieldError::ChoiceTooLong {
                    value: choice.to_owned(),
                });
            }
            let folded = crate::text::normalize(choice);
            if choices.iter().any(|c| crate::text::normalize(c) == folded) {
                return Err(CustomFieldError::ChoiceRepeated {
                    value: choice.to_owned(),
                });
            }
            choices.push(choice.to_owned());
        }
        if choices.is_empty() {
            return Err(CustomFieldError::NoChoices);
        }
        if choices.len() > MAX_CHOICES {
            return Err(CustomFieldError::TooManyChoices { limit: MAX_CHOICES });
        }
    }
    Ok(CustomFieldDef {
        label,
        kind: def.kind,
        choices,
        in_list: def.in_list,
    })
}

/// Refuses a label another field (than `except`) has, compared as the search compares text.
fn label_free(
    conn: &Connection,
    label: &str,
    except: Option<&str>,
) -> Result<(), CustomFieldError> {
    let folded = crate::text::normalize(label);
    let taken = list(conn)?
        .into_iter()
        .any(|f| Some(f.id.as_str()) != except && crate::text::normalize(&f.label) == folded);
    if taken {
        return Err(CustomFieldError::LabelTaken {
            label: label.to_owned(),
        });
    }
    Ok(())
}

fn choices_json(choices: &[String]) -> String {
    serde_json::to_string(choices).unwrap_or_else(|_| "[]".to_owned())
}

/// Adds a field after the others.
pub fn add(
    conn: &Connection,
    def: &CustomFieldDef,
    edit: &Edit<'_>,
) -> Result<CustomField, CustomFieldError> {
    let def = checked(def)?;
    let count: u32 = conn.query_row("SELECT count(*) FROM custom_fields", [], |r| r.get(0))?;
    if count as usize >= MAX_FIELDS {
        return Err(CustomFieldError::TooMany { limit: MAX_FIELDS });
    }
    label_free(conn, &def.label, None)?;
    let id = CustomFieldId::new();
    save(conn, &id, &def, edit.at)?;
    get(conn, &id)
}

/// Writes a checked definition: a new field after the others, or a field's new definition
/// (its place and creation kept).
fn save(
    conn: &Connection,
    id: &CustomFieldId,
    def: &CustomFieldDef,
    at: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO custom_fields (id, label, kind, choices, in_list, position, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 FROM custom_fields), ?6, ?6)
         ON CONFLICT (id) DO UPDATE SET label = excluded.label, kind = excluded.kind,
            choices = excluded.choices, in_list = excluded.in_list, updated_at = excluded.updated_at",
        params![
            id,
            def.label,
            def.kind.as_str(),
            choices_json(&def.choices),
            def.in_list,
            at
        ],
    )?;
    Ok(())
}

/// Changes a field. Its kind changes only while no card has a value, and a choice stays while
/// a card has it; a new label is what the values' later history says.
pub fn update(
    conn: &Connection,
    id: &CustomFieldId,
    def: &CustomFieldDef,
    edit: &Edit<'_>,
) -> Result<CustomField, CustomFieldError> {
    let old = get(conn, id)?;
    let def = checked(def)?;
    label_free(conn, &def.label, Some(id))?;
    if def.kind != old.kind && old.used > 0 {
        return Err(CustomFieldError::KindInUse { cards: old.used });
    }
    if def.kind == CustomFieldKind::Choice && old.kind == CustomFieldKind::Choice {
        let mut stmt = conn.prepare_cached(
            "SELECT value, count(*) FROM card_custom_values WHERE field_id = ?1 GROUP BY value",
        )?;
        let in_use = stmt
            .query_map([id.as_str()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if let Some((value, cards)) = in_use.into_iter().find(|(v, _)| !def.choices.contains(v)) {
            return Err(CustomFieldError::ChoiceInUse { value, cards });
        }
    }
    save(conn, id, &def, edit.at)?;
    get(conn, id)
}

/// Moves a field one place up (`-1`) or down (`1`) in the card's form and the list's columns.
pub fn shift(conn: &Connection, id: &CustomFieldId, by: i32) -> Result<(), CustomFieldError> {
    let mut order: Vec<CustomFieldId> = list(conn)?.into_iter().map(|f| f.id).collect();
    let at = order
        .iter()
        .position(|f| f == id)
        .ok_or(CustomFieldError::NotFound)?;
    let to = (at as i64 + i64::from(by)).clamp(0, order.len() as i64 - 1) as usize;
    let moved = order.remove(at);
    order.insert(to, moved);
    let mut stmt = conn.prepare_cached("UPDATE custom_fields SET position = ?2 WHERE id = ?1")?;
    for (position, field) in order.iter().enumerate() {
        stmt.execute(params![field, position as i64 + 1])?;
    }
    Ok(())
}

/// Deletes a field and its values; each card that had one keeps it in its history. Refused
/// while a card handed over to a successor has a value (that card stays as it was handed over).
pub fn delete(
    conn: &Connection,
    id: &CustomFieldId,
    edit: &Edit<'_>,
) -> Result<(), CustomFieldError> {
    let field = get(conn, id)?;
    let handed: u32 = conn.query_row(
        "SELECT count(*) FROM card_custom_values v JOIN handed_over h ON h.card_id = v.card_id
         WHERE v.field_id = ?1",
        [id.as_str()],
        |r| r.get(0),
    )?;
    if handed > 0 {
        return Err(CustomFieldError::HandedOver { cards: handed });
    }
    let mut stmt = conn.prepare(
        "SELECT v.card_id, c.name, v.value FROM card_custom_values v JOIN cards c ON c.id = v.card_id
         WHERE v.field_id = ?1",
    )?;
    let had = stmt
        .query_map([id.as_str()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let history_field = format!("{HISTORY_PREFIX}{}", field.label);
    for (card_id, name, old) in &had {
        let stamp = Stamp {
            card_id,
            at: edit.at,
            actor: edit.actor,
            entity: HistoryEntity::Card,
            entity_id: card_id,
            entity_label: name,
        };
        history::record(
            conn,
            &stamp,
            HistoryAction::Changed,
            &history_field,
            Some(old),
            None,
        )?;
    }
    conn.execute(
        "DELETE FROM card_custom_values WHERE field_id = ?1",
        [id.as_str()],
    )?;
    conn.execute("DELETE FROM custom_fields WHERE id = ?1", [id.as_str()])?;
    Ok(())
}

/// Every field with the card's value (empty where it has none), in the fields' order.
pub fn values_of(conn: &Connection, card_id: &str) -> rusqlite::Result<Vec<(CustomField, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT field_id, value FROM card_custom_values WHERE card_id = ?1")?;
    let mut values: HashMap<String, String> = stmt
        .query_map([card_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(list(conn)?
        .into_iter()
        .map(|f| {
            let v = values.remove(f.id.as_str()).unwrap_or_default();
            (f, v)
        })
        .collect())
}

/// The error for `raw` not fitting `field`.
pub(crate) fn misfit(field: &CustomField, raw: &str, why: Misfit) -> CustomFieldError {
    let label = field.label.clone();
    let value = raw.trim().chars().take(60).collect();
    match why {
        Misfit::NotANumber => CustomFieldError::NotANumber { label, value },
        Misfit::NotADate => CustomFieldError::NotADate { label, value },
        Misfit::NotAChoice => CustomFieldError::NotAChoice { label, value },
        Misfit::TooLong => CustomFieldError::ValueTooLong {
            label,
            limit: MAX_LINE,
        },
    }
}

/// Sets the card's values of the fields in `values` (an empty value removes it); the others
/// stay. Every value is checked before any is written.
pub fn set_values(
    conn: &Connection,
    card_id: &str,
    values: &[CustomValue],
    edit: &Edit<'_>,
) -> Result<(), CustomFieldError> {
    let card = editable(conn, card_id)?;
    let current = values_of(conn, card_id)?;
    let mut changes: Vec<(&CustomField, Option<&str>, Option<String>)> = Vec::new();
    for v in values {
        let (field, old) = current
            .iter()
            .find(|(f, _)| f.id == v.field_id)
            .ok_or(CustomFieldError::NotFound)?;
        let new = value::stored(field.kind, &field.choices, &v.value)
            .map_err(|why| misfit(field, &v.value, why))?;
        let old = (!old.is_empty()).then_some(old.as_str());
        if old != new.as_deref() && !changes.iter().any(|(f, _, _)| f.id == field.id) {
            changes.push((field, old, new));
        }
    }
    if changes.is_empty() {
        return Ok(());
    }
    let stamp = Stamp {
        card_id,
        at: edit.at,
        actor: edit.actor,
        entity: HistoryEntity::Card,
        entity_id: card_id,
        entity_label: &card.fields.name,
    };
    for (field, old, new) in changes {
        match &new {
            Some(value) => conn
                .prepare_cached(
                    "INSERT INTO card_custom_values (card_id, field_id, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT (card_id, field_id) DO UPDATE SET value = excluded.value",
                )?
                .execute(params![card_id, field.id, value])?,
            None => conn
                .prepare_cached(
                    "DELETE FROM card_custom_values WHERE card_id = ?1 AND field_id = ?2",
                )?
                .execute(params![card_id, field.id])?,
        };
        let history_field = format!("{HISTORY_PREFIX}{}", field.label);
        history::record(
            conn,
            &stamp,
            HistoryAction::Changed,
            &history_field,
            old,
            new.as_deref(),
        )?;
    }
    conn.prepare_cached("UPDATE cards SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![card_id, edit.at])?;
    Ok(())
}

/// The values of the list's columns (the fields shown in the list, in order) for each of
/// `card_ids`.
pub fn list_columns(
    conn: &Connection,
    card_ids: &[&str],
) -> rusqlite::Result<HashMap<String, Vec<String>>> {
    let columns: Vec<CustomField> = list(conn)?.into_iter().filter(|f| f.in_list).collect();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    if columns.is_empty() {
        return Ok(out);
    }
    let mut stmt =
        conn.prepare_cached("SELECT field_id, value FROM card_custom_values WHERE card_id = ?1")?;
    for id in card_ids {
        let values: HashMap<String, String> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let row = columns
            .iter()
            .map(|f| values.get(f.id.as_str()).cloned().unwrap_or_default())
            .collect();
        out.insert((*id).to_owned(), row);
    }
    Ok(out)
}

//! Change history: a card (or key person) is flattened into `field path → text`, and the
//! difference between the stored and the saved version becomes one history row per field.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};
use serde::Serialize;

use super::model::{HistoryAction, HistoryEntity, HistoryEntry};

/// `{"organisation": {"capital": 5}}` → `{"organisation.capital": "5"}`. Lists become one line
/// joined by ", "; empty values are left out so that "" and null do not count as a change.
pub fn flatten<T: Serialize>(value: &T) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(json) = serde_json::to_value(value) {
        walk("", &json, &mut out);
    }
    out
}

fn walk(prefix: &str, value: &serde_json::Value, out: &mut BTreeMap<String, String>) {
    use serde_json::Value;
    let text = match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                walk(&path, v, out);
            }
            return;
        }
        Value::Null => return,
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
    };
    if !text.is_empty() {
        out.insert(prefix.to_owned(), text);
    }
}

/// Fields whose value differs: (field, old, new).
pub fn diff(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> Vec<(String, Option<String>, Option<String>)> {
    let mut fields: Vec<&String> = old.keys().chain(new.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| old.get(*f) != new.get(*f))
        .map(|f| (f.clone(), old.get(f).cloned(), new.get(f).cloned()))
        .collect()
}

/// Who did what, when: the part of a history row that is the same for each field of one save.
pub struct Stamp<'a> {
    pub card_id: &'a str,
    pub at: &'a str,
    pub actor: &'a str,
    pub entity: HistoryEntity,
    pub entity_id: &'a str,
    pub entity_label: &'a str,
}

pub fn record(
    conn: &Connection,
    stamp: &Stamp<'_>,
    action: HistoryAction,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO card_history (card_id, at, actor, entity, entity_id, entity_label, action, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        stamp.card_id,
        stamp.at,
        stamp.actor,
        stamp.entity.as_str(),
        stamp.entity_id,
        stamp.entity_label,
        action.as_str(),
        field,
        old,
        new
    ])?;
    Ok(())
}

/// Records one row per field that differs between `old` and `new`; returns how many changed.
pub fn record_changes<T: Serialize>(
    conn: &Connection,
    stamp: &Stamp<'_>,
    old: &T,
    new: &T,
) -> rusqlite::Result<usize> {
    let changes = diff(&flatten(old), &flatten(new));
    for (field, before, after) in &changes {
        record(
            conn,
            stamp,
            HistoryAction::Changed,
            field,
            before.as_deref(),
            after.as_deref(),
        )?;
    }
    Ok(changes.len())
}

/// The history of a card, newest first.
pub fn load(conn: &Connection, card_id: &str) -> rusqlite::Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, actor, entity, entity_label, action, field, old_value, new_value
         FROM card_history WHERE card_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([card_id], |r| {
        let entity: String = r.get(2)?;
        let action: String = r.get(4)?;
        Ok(HistoryEntry {
            at: r.get(0)?,
            actor: r.get(1)?,
            entity: HistoryEntity::parse(&entity).unwrap_or(HistoryEntity::Card),
            entity_label: r.get(3)?,
            action: HistoryAction::parse(&action).unwrap_or(HistoryAction::Changed),
            field: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
        })
    })?;
    rows.collect()
}

//! Taking lent cards back. While a rep is on leave a colleague logs contacts, notes, visits and
//! sales on the cards and corrects their fields; the colleague's handover file back brings all of
//! it. Each value is weighed against the card as it was lent (kept here in `lent_bases` when the
//! file was written): changed on one side only, that side's value stands; changed on both sides
//! to different values, the owner chooses, side by side. A row only one side has is kept, so
//! nothing either of them entered is lost; the colleague's card history comes along and names
//! who did what. Without the card as it was lent (a card taken over another way), every value
//! that differs is the owner's choice.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::bundle::Rows;
use super::tables::{self, TABLES};
use crate::ids::CardId;

/// The tables whose rows come back with a card, parents first.
const MERGED: &[&str] = &[
    "cards",
    "card_tags",
    "key_persons",
    "contacts",
    "contact_persons",
    "notes",
    "planned_visits",
    "transactions",
    "payments",
    "collection_plans",
    "card_products",
    "card_shares",
    "case_studies",
    "card_custom_values",
];

/// Columns that are not a rep's values: who owns the card here, its code here, its place in the
/// trash, and what the ledger works out or stamps itself.
const NOT_MERGED: &[&str] = &[
    "id",
    "card_id",
    "code",
    "owner",
    "deleted_at",
    "sort_key",
    "search_text",
    "last_contact_at",
    "last_visit_at",
    "completeness",
    "created_at",
    "updated_at",
    "version",
];

/// Card columns holding a profile as a JSON object: merged key by key.
const PROFILES: &[&str] = &["organisation", "individual"];

api_enum!(
    /// Which side's value a conflict keeps.
    Keep { Mine = "mine", Theirs = "theirs" }
);

/// A value of a card coming back that was changed both here and by the colleague.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReturnConflict {
    pub card_id: CardId,
    pub card_name: String,
    /// The kind of row: `cards`, `key_persons`, `contacts`, `notes`, `transactions`...
    pub table: String,
    /// Which row (its key, as JSON).
    pub row: String,
    /// What the row is, for people: a key person's name, a contact's date, a sale's item.
    pub row_label: String,
    /// The column, or `column.key` for a key of the organisation or individual profile.
    pub field: String,
    pub mine: String,
    pub theirs: String,
    /// The colleague's value as stored, taken when the owner keeps theirs.
    #[serde(skip)]
    pub(crate) value: serde_json::Value,
}

/// The owner's choice for one conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Resolution {
    pub table: String,
    pub row: String,
    pub field: String,
    pub keep: Keep,
}

type Row = BTreeMap<String, serde_json::Value>;

/// A value taken from the colleague's side.
#[derive(Debug, Clone)]
pub(crate) struct Update {
    pub table: &'static str,
    pub key: Vec<serde_json::Value>,
    pub field: String,
    pub value: serde_json::Value,
}

/// What one card coming back brings.
#[derive(Debug, Default)]
pub(crate) struct Returned {
    /// Rows the colleague added, by table, in [`MERGED`] order.
    pub inserts: Vec<(&'static str, Row)>,
    pub updates: Vec<Update>,
    pub conflicts: Vec<ReturnConflict>,
    /// The colleague's history rows this ledger does not have.
    pub history: Vec<Row>,
}

impl Returned {
    pub fn changes(&self) -> u32 {
        (self.inserts.len() + self.updates.len() + self.conflicts.len()) as u32
    }
}

fn key_of(table: &str, row: &Row) -> Vec<serde_json::Value> {
    tables::key_columns(table)
        .iter()
        .map(|c| row.get(*c).cloned().unwrap_or_default())
        .collect()
}

fn key_text(key: &[serde_json::Value]) -> String {
    serde_json::Value::Array(key.to_vec()).to_string()
}

/// The rows of `card_id` in `rows` (a bundle or a snapshot), table by table.
fn rows_of_card<'a>(
    rows: &'a BTreeMap<String, Rows>,
    card_id: &str,
) -> BTreeMap<&'a str, Vec<&'a Row>> {
    let is_card = |r: &Row, column: &str| r.get(column).and_then(|v| v.as_str()) == Some(card_id);
    let contacts: HashSet<&str> = rows
        .get("contacts")
        .into_iter()
        .flatten()
        .filter(|r| is_card(r, "card_id"))
        .filter_map(|r| r.get("id").and_then(|v| v.as_str()))
        .collect();
    let mut out = BTreeMap::new();
    for (table, list) in rows {
        let mine: Vec<&Row> = list
            .iter()
            .filter(|r| match table.as_str() {
                "cards" => is_card(r, "id"),
                "contact_persons" => r
                    .get("contact_id")
                    .and_then(|v| v.as_str())
                    .is_some_and(|c| contacts.contains(c)),
                _ => is_card(r, "card_id"),
            })
            .collect();
        out.insert(table.as_str(), mine);
    }
    out
}

/// Keeps the rows of the cards just lent, as they left: what comes back is weighed against them.
pub(crate) fn keep_as_lent(
    conn: &Connection,
    ids: &[CardId],
    bundle_id: &str,
    rows: &BTreeMap<String, Rows>,
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO lent_bases (card_id, bundle_id, rows) VALUES (?1, ?2, ?3)
         ON CONFLICT (card_id) DO UPDATE SET bundle_id = excluded.bundle_id, rows = excluded.rows",
    )?;
    for id in ids {
        let of_card: BTreeMap<&str, Vec<&Row>> = rows_of_card(rows, id)
            .into_iter()
            .filter(|(t, _)| MERGED.contains(t))
            .collect();
        let text = serde_json::to_string(&of_card).unwrap_or_default();
        insert.execute(params![id, bundle_id, text])?;
    }
    Ok(())
}

/// Forgets the text of the row `id` of `table` in the copy kept of a lent card: a contact or
/// note erased here leaves only its key there (a return then knows it was removed here and keeps
/// it removed, without the erased text staying behind in the ledger).
pub(crate) fn forget_row(
    conn: &Connection,
    card_id: &str,
    table: &str,
    id: &str,
) -> rusqlite::Result<()> {
    let Some(mut rows) = as_lent(conn, card_id)? else {
        return Ok(());
    };
    let Some(list) = rows.get_mut(table) else {
        return Ok(());
    };
    for row in list.iter_mut() {
        if row.get("id").and_then(|v| v.as_str()) == Some(id) {
            // Its key and its card only: enough to know it was there.
            *row = Row::from([
                ("id".to_owned(), serde_json::Value::from(id)),
                ("card_id".to_owned(), serde_json::Value::from(card_id)),
            ]);
        }
    }
    if table == "contacts" {
        if let Some(people) = rows.get_mut("contact_persons") {
            people.retain(|r| r.get("contact_id").and_then(|v| v.as_str()) != Some(id));
        }
    }
    conn.prepare_cached("UPDATE lent_bases SET rows = ?2 WHERE card_id = ?1")?
        .execute(params![
            card_id,
            serde_json::to_string(&rows).unwrap_or_default()
        ])?;
    Ok(())
}

/// The card `card_id` as it was lent, when it was.
fn as_lent(conn: &Connection, card_id: &str) -> rusqlite::Result<Option<BTreeMap<String, Rows>>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT rows FROM lent_bases WHERE card_id = ?1")?
        .query_row([card_id], |r| r.get(0))
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// A value as the owner reads it in a side-by-side choice.
fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => match serde_json::from_str::<Vec<String>>(s) {
            Ok(list) if s.starts_with('[') => list.join(", "),
            _ => s.clone(),
        },
        other => other.to_string(),
    }
}

/// What a row is, for people.
fn label_of(table: &str, row: &Row) -> String {
    let pick = |columns: &[&str]| {
        columns
            .iter()
            .filter_map(|c| row.get(*c).and_then(|v| v.as_str()))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    match table {
        "cards" => pick(&["name"]),
        "key_persons" => pick(&["name", "title"]),
        "contacts" => pick(&["at", "purpose"]),
        "notes" => pick(&["noted_on", "category"]),
        "planned_visits" => pick(&["planned_on", "purpose"]),
        "transactions" => pick(&["dated_on", "item"]),
        "card_products" | "case_studies" => pick(&["since", "title"]),
        "card_shares" => pick(&["category"]),
        _ => String::new(),
    }
}

/// One value weighed three ways: `None` when it stays as it is here, `Some(Ok)` to take the
/// colleague's, `Some(Err)` when both changed it.
fn weigh(
    mine: &serde_json::Value,
    theirs: &serde_json::Value,
    base: Option<&serde_json::Value>,
) -> Option<Result<(), ()>> {
    if mine == theirs {
        return None;
    }
    match base {
        Some(b) if b == theirs => None,
        Some(b) if b == mine => Some(Ok(())),
        _ => Some(Err(())),
    }
}

fn object(value: &serde_json::Value) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_str::<serde_json::Value>(value.as_str()?) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => None,
    }
}

struct RowContext<'a> {
    card_id: &'a str,
    card_name: &'a str,
    table: &'static str,
}

/// Weighs one row both sides have, value by value (a profile key by key).
fn weigh_row(
    ctx: &RowContext<'_>,
    mine: &Row,
    theirs: &Row,
    base: Option<&Row>,
    out: &mut Returned,
) {
    let key = key_of(ctx.table, theirs);
    let mut differ = |field: String,
                      m: &serde_json::Value,
                      t: &serde_json::Value,
                      b: Option<&serde_json::Value>| {
        match weigh(m, t, b) {
            None => {}
            Some(Ok(())) => out.updates.push(Update {
                table: ctx.table,
                key: key.clone(),
                field,
                value: t.clone(),
            }),
            Some(Err(())) => out.conflicts.push(ReturnConflict {
                card_id: ctx.card_id.into(),
                card_name: ctx.card_name.to_owned(),
                table: ctx.table.to_owned(),
                row: key_text(&key),
                row_label: label_of(ctx.table, mine),
                field,
                mine: shown(m),
                theirs: shown(t),
                value: t.clone(),
            }),
        }
    };
    let keys = tables::key_columns(ctx.table);
    for (column, t) in theirs {
        if NOT_MERGED.contains(&column.as_str()) || keys.contains(&column.as_str()) {
            continue;
        }
        let Some(m) = mine.get(column) else { continue };
        let b = base.and_then(|b| b.get(column));
        if ctx.table == "cards" && PROFILES.contains(&column.as_str()) {
            if let (Some(mo), Some(to)) = (object(m), object(t)) {
                let bo = b.and_then(object);
                let names: std::collections::BTreeSet<&String> =
                    mo.keys().chain(to.keys()).collect();
                for name in names {
                    let null = serde_json::Value::Null;
                    let (mv, tv) = (mo.get(name).unwrap_or(&null), to.get(name).unwrap_or(&null));
                    let bv = bo.as_ref().map(|bo| bo.get(name).unwrap_or(&null));
                    differ(format!("{column}.{name}"), mv, tv, bv);
                }
                continue;
            }
        }
        differ(column.clone(), m, t, b);
    }
}

/// What the card `card_id`, here already, brings back from `bundle`.
pub(crate) fn returned(
    conn: &Connection,
    card_id: &str,
    bundle: &BTreeMap<String, Rows>,
) -> rusqlite::Result<Returned> {
    let here = tables::collect(conn, &[CardId::from(card_id)])?;
    let base = as_lent(conn, card_id)?;
    let theirs = rows_of_card(bundle, card_id);
    let mine = rows_of_card(&here, card_id);
    let base_rows = base.as_ref().map(|b| rows_of_card(b, card_id));
    let card_name = mine
        .get("cards")
        .and_then(|rows| rows.first())
        .and_then(|r| r.get("name"))
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let mut out = Returned::default();
    for table in MERGED {
        let index = |rows: Option<&Vec<&Row>>| -> HashMap<String, Row> {
            rows.into_iter()
                .flatten()
                .map(|r| (key_text(&key_of(table, r)), (*r).clone()))
                .collect()
        };
        let mine_rows = index(mine.get(table));
        let base_index = base_rows.as_ref().map(|b| index(b.get(table)));
        let ctx = RowContext {
            card_id,
            card_name: &card_name,
            table,
        };
        for row in theirs.get(table).into_iter().flatten() {
            let key = key_text(&key_of(table, row));
            match mine_rows.get(&key) {
                Some(m) => {
                    let b = base_index.as_ref().and_then(|b| b.get(&key));
                    // A card lent as a whole has a base for every row it had then.
                    weigh_row(&ctx, m, row, b, &mut out);
                }
                // Gone here since it was lent: the owner removed it; it stays removed.
                None if base_index.as_ref().is_some_and(|b| b.contains_key(&key)) => {}
                None => out.inserts.push((table, (*row).clone())),
            }
        }
    }
    // The colleague's history of the card: each entry this ledger does not hold yet.
    let same = |r: &Row| {
        [
            "at",
            "actor",
            "entity",
            "entity_id",
            "action",
            "field",
            "old_value",
            "new_value",
        ]
        .iter()
        .map(|c| r.get(*c).cloned().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\u{1f}")
    };
    let known: HashSet<String> = mine
        .get("card_history")
        .into_iter()
        .flatten()
        .map(|r| same(r))
        .collect();
    out.history = theirs
        .get("card_history")
        .into_iter()
        .flatten()
        .filter(|r| !known.contains(&same(r)))
        .map(|r| (*r).clone())
        .collect();
    Ok(out)
}

/// Whether `table` is one a card coming back brings rows of.
pub(crate) fn is_merged(table: &str) -> bool {
    MERGED.contains(&table) && TABLES.iter().any(|(t, _)| *t == table)
}

/// Takes the colleague's values of `updates` (and the chosen ones of conflicts) into the rows
/// here. Returns, per row, the values it had, for undo.
pub(crate) fn apply(
    conn: &Connection,
    updates: &[Update],
    at: &str,
) -> rusqlite::Result<Vec<(&'static str, Vec<serde_json::Value>, Row)>> {
    // Grouped per row: one UPDATE a row, profiles rebuilt key by key.
    let mut rows: Vec<(&'static str, Vec<serde_json::Value>, Vec<&Update>)> = Vec::new();
    for u in updates {
        match rows
            .iter_mut()
            .find(|(t, k, _)| *t == u.table && *k == u.key)
        {
            Some((_, _, list)) => list.push(u),
            None => rows.push((u.table, u.key.clone(), vec![u])),
        }
    }
    let mut undo = Vec::new();
    for (table, key, list) in rows {
        let columns = tables::columns(conn, table)?;
        let keys = tables::key_columns(table);
        let condition = keys
            .iter()
            .enumerate()
            .map(|(n, c)| format!("\"{c}\" = ?{}", n + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let key_values: Vec<Value> = key.iter().filter_map(super::take_over::sql_value).collect();
        let before: Option<Row> = {
            let list = columns
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt =
                conn.prepare(&format!("SELECT {list} FROM {table} WHERE {condition}"))?;
            stmt.query_row(rusqlite::params_from_iter(key_values.iter()), |r| {
                let mut row = Row::new();
                for (i, c) in columns.iter().enumerate() {
                    row.insert(c.clone(), tables::json_value(r.get_ref(i)?));
                }
                Ok(row)
            })
            .optional()?
        };
        let Some(before) = before else { continue };
        let mut after = before.clone();
        for u in list {
            match u.field.split_once('.') {
                Some((column, name)) if PROFILES.contains(&column) => {
                    let mut map = after.get(column).and_then(object).unwrap_or_default();
                    if u.value.is_null() {
                        map.remove(name);
                    } else {
                        map.insert(name.to_owned(), u.value.clone());
                    }
                    after.insert(
                        column.to_owned(),
                        serde_json::Value::Object(map).to_string().into(),
                    );
                }
                _ => {
                    after.insert(u.field.clone(), u.value.clone());
                }
            }
        }
        let mut sets = Vec::new();
        let mut values: Vec<Value> = key_values.clone();
        let mut old = Row::new();
        for (column, value) in &after {
            if before.get(column) == Some(value) {
                continue;
            }
            let Some(v) = super::take_over::sql_value(value) else {
                continue;
            };
            values.push(v);
            sets.push(format!("\"{column}\" = ?{}", values.len()));
            old.insert(
                column.clone(),
                before.get(column).cloned().unwrap_or_default(),
            );
        }
        if sets.is_empty() {
            continue;
        }
        for (column, stamp) in [("updated_at", Some(at)), ("version", None)] {
            if !columns.iter().any(|c| c == column) {
                continue;
            }
            old.insert(
                column.into(),
                before.get(column).cloned().unwrap_or_default(),
            );
            match stamp {
                Some(at) => {
                    values.push(Value::Text(at.to_owned()));
                    sets.push(format!("\"{column}\" = ?{}", values.len()));
                }
                None => sets.push(format!("\"{column}\" = \"{column}\" + 1")),
            }
        }
        conn.execute(
            &format!("UPDATE {table} SET {} WHERE {condition}", sets.join(", ")),
            rusqlite::params_from_iter(values),
        )?;
        undo.push((table, key, old));
    }
    Ok(undo)
}

/// Puts back the values a return replaced (undo).
pub(crate) fn restore(
    conn: &Connection,
    table: &str,
    key: &[serde_json::Value],
    old: &Row,
) -> rusqlite::Result<()> {
    if !is_merged(table) || old.is_empty() {
        return Ok(());
    }
    let keys = tables::key_columns(table);
    let mut values: Vec<Value> = key.iter().filter_map(super::take_over::sql_value).collect();
    let condition = keys
        .iter()
        .enumerate()
        .map(|(n, c)| format!("\"{c}\" = ?{}", n + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    let known = tables::columns(conn, table)?;
    let mut sets = Vec::new();
    for (column, value) in old {
        if !known.contains(column) {
            continue;
        }
        let Some(v) = super::take_over::sql_value(value) else {
            continue;
        };
        values.push(v);
        sets.push(format!("\"{column}\" = ?{}", values.len()));
    }
    if sets.is_empty() {
        return Ok(());
    }
    conn.execute(
        &format!("UPDATE {table} SET {} WHERE {condition}", sets.join(", ")),
        rusqlite::params_from_iter(values),
    )?;
    Ok(())
}

/// The conflicts left without a choice, and the chosen "theirs" as updates.
pub(crate) fn resolve(
    conflicts: &[ReturnConflict],
    resolutions: &[super::Resolution],
) -> (u32, Vec<Update>) {
    let chosen: HashMap<(&str, &str, &str), Keep> = resolutions
        .iter()
        .map(|r| ((r.table.as_str(), r.row.as_str(), r.field.as_str()), r.keep))
        .collect();
    let mut open = 0;
    let mut updates = Vec::new();
    for c in conflicts {
        match chosen.get(&(c.table.as_str(), c.row.as_str(), c.field.as_str())) {
            None => open += 1,
            Some(Keep::Mine) => {}
            Some(Keep::Theirs) => {
                let Some(table) = MERGED.iter().find(|t| **t == c.table) else {
                    continue;
                };
                let key: Vec<serde_json::Value> = serde_json::from_str(&c.row).unwrap_or_default();
                updates.push(Update {
                    table,
                    key,
                    field: c.field.clone(),
                    value: c.value.clone(),
                });
            }
        }
    }
    (open, updates)
}

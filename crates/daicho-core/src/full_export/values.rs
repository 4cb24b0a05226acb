//! A table's columns as the ledger defines them, and values between SQLite, text and JSON.

use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;

/// How a column keeps its values (SQLite's type affinity, as the schema declares it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Affinity {
    Integer,
    Real,
    Text,
}

#[derive(Debug, Clone)]
pub(super) struct Column {
    pub name: String,
    pub affinity: Affinity,
    pub nullable: bool,
    /// The column's default, as SQL text (`''`, `0`, `'[]'`).
    pub default: Option<String>,
    /// Place in the primary key (0 when not part of it).
    pub key: i64,
}

pub(super) fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<Column>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name, upper(type), \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"
    ))?;
    let rows = stmt.query_map([], |r| {
        let declared: String = r.get(1)?;
        Ok(Column {
            name: r.get(0)?,
            affinity: if declared.contains("INT") {
                Affinity::Integer
            } else if declared.contains("REAL") || declared.contains("FLOA") {
                Affinity::Real
            } else {
                Affinity::Text
            },
            nullable: !r.get::<_, bool>(2)?,
            default: r.get(3)?,
            key: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// `SELECT` list and order (by primary key, else as written) of a table's rows.
pub(super) fn select(table: &str, columns: &[Column]) -> String {
    let list = columns
        .iter()
        .map(|c| format!("\"{}\"", c.name))
        .collect::<Vec<_>>()
        .join(", ");
    let mut keys: Vec<&Column> = columns.iter().filter(|c| c.key > 0).collect();
    keys.sort_by_key(|c| c.key);
    let order = if keys.is_empty() {
        "rowid".to_owned()
    } else {
        keys.iter()
            .map(|c| format!("\"{}\"", c.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("SELECT {list} FROM {table} ORDER BY {order}")
}

pub(super) fn to_json(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned().into(),
    }
}

/// A value as a CSV field: NULL is an empty field.
pub(super) fn to_text(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

/// A field read back from CSV or a workbook. An empty field is NULL where the column allows it,
/// else the column's default, else empty text; a number in a number column
/// is a number (a text SQLite would have kept as text stays text).
pub(super) fn from_text(column: &Column, text: &str) -> Value {
    if text.is_empty() {
        if column.nullable {
            return Value::Null;
        }
        return match column.default.as_deref() {
            Some(d) if d.starts_with('\'') && d.ends_with('\'') && d.len() >= 2 => {
                Value::Text(d[1..d.len() - 1].replace("''", "'"))
            }
            Some(d) => d
                .parse::<i64>()
                .map(Value::Integer)
                .or_else(|_| d.parse::<f64>().map(Value::Real))
                .unwrap_or_else(|_| Value::Text(String::new())),
            None => Value::Text(String::new()),
        };
    }
    match column.affinity {
        Affinity::Integer => text
            .parse::<i64>()
            .map(Value::Integer)
            .unwrap_or_else(|_| Value::Text(text.to_owned())),
        Affinity::Real => text
            .parse::<f64>()
            .map(Value::Real)
            .unwrap_or_else(|_| Value::Text(text.to_owned())),
        Affinity::Text => Value::Text(text.to_owned()),
    }
}

//! Which rows a portfolio is made of, read generically (column → value) so that everything that
//! hangs off a card moves whole: dates, authors, stages, open and closed states, history.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use super::bundle::Rows;

/// Tables in the order they are inserted (parents first), with the condition choosing a
/// portfolio's rows: `{cards}` is the list of card ids.
pub const TABLES: &[(&str, &str)] = &[
    (
        "competitors",
        "id IN (SELECT competitor_id FROM products WHERE id IN (SELECT product_id FROM card_products WHERE card_id IN ({cards})
            UNION SELECT product_id FROM transactions WHERE card_id IN ({cards})
            UNION SELECT product_id FROM case_studies WHERE card_id IN ({cards}))
          UNION SELECT competitor_id FROM notes WHERE card_id IN ({cards}))",
    ),
    (
        "products",
        "id IN (SELECT product_id FROM card_products WHERE card_id IN ({cards})
          UNION SELECT product_id FROM transactions WHERE card_id IN ({cards})
          UNION SELECT product_id FROM case_studies WHERE card_id IN ({cards}))",
    ),
    (
        "custom_fields",
        "id IN (SELECT field_id FROM card_custom_values WHERE card_id IN ({cards}))",
    ),
    ("cards", "id IN ({cards})"),
    ("card_tags", "card_id IN ({cards})"),
    ("key_persons", "card_id IN ({cards})"),
    ("contacts", "card_id IN ({cards})"),
    ("contact_persons", "contact_id IN (SELECT id FROM contacts WHERE card_id IN ({cards}))"),
    ("notes", "card_id IN ({cards})"),
    ("planned_visits", "card_id IN ({cards})"),
    ("transactions", "card_id IN ({cards})"),
    ("payments", "card_id IN ({cards})"),
    ("collection_plans", "card_id IN ({cards})"),
    ("card_products", "card_id IN ({cards})"),
    ("card_shares", "card_id IN ({cards})"),
    ("case_studies", "card_id IN ({cards})"),
    ("card_history", "card_id IN ({cards})"),
    // Links between two cards of the portfolio: a successor may not have the other card.
    (
        "card_links",
        "card_id IN ({cards}) AND other_id IN ({cards})",
    ),
    ("card_custom_values", "card_id IN ({cards})"),
];

/// Tables shared by the whole ledger: a row already there is kept as it is.
pub const SHARED: &[&str] = &["competitors", "products", "custom_fields"];

/// The columns naming a row, for undo.
pub fn key_columns(table: &str) -> &'static [&'static str] {
    match table {
        "card_tags" => &["card_id", "tag"],
        "contact_persons" => &["contact_id", "key_person_id"],
        "card_shares" => &["card_id", "category"],
        "collection_plans" => &["card_id"],
        "card_links" => &["card_id", "kind"],
        "card_custom_values" => &["card_id", "field_id"],
        "card_history" => &["rowid"],
        _ => &["id"],
    }
}

/// Every column of `table`, as the ledger defines it.
pub fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt.query_map([], |r| r.get(0))?;
    names.collect()
}

pub(crate) fn json_value(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned().into(),
    }
}

/// The rows of every table for the cards `ids` (held in a temporary table: a portfolio may be
/// larger than SQLite's limit on query parameters).
pub fn collect(
    conn: &Connection,
    ids: &[crate::ids::CardId],
) -> rusqlite::Result<BTreeMap<String, Rows>> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS handover_selection (id TEXT PRIMARY KEY); DELETE FROM temp.handover_selection;")?;
    {
        let mut insert =
            conn.prepare("INSERT OR IGNORE INTO temp.handover_selection (id) VALUES (?1)")?;
        for id in ids {
            insert.execute([id])?;
        }
    }
    let collected = collect_selected(conn);
    conn.execute_batch("DROP TABLE temp.handover_selection")?;
    collected
}

fn collect_selected(conn: &Connection) -> rusqlite::Result<BTreeMap<String, Rows>> {
    let placeholders = "SELECT id FROM temp.handover_selection";
    let mut out = BTreeMap::new();
    for (table, condition) in TABLES {
        let columns = columns(conn, table)?;
        // History rows get new ids where they land; the rest keep theirs.
        let wanted: Vec<&String> = columns
            .iter()
            .filter(|c| !(*table == "card_history" && c.as_str() == "id"))
            .collect();
        let list = wanted
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        // A stable order (some tables have no rowid): by their key, history as it was written.
        let order = key_columns(table).join(", ");
        let sql = format!(
            "SELECT {list} FROM {table} WHERE {} ORDER BY {order}",
            condition.replace("{cards}", placeholders)
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut table_rows = Vec::new();
        while let Some(r) = rows.next()? {
            let mut row = BTreeMap::new();
            for (i, column) in wanted.iter().enumerate() {
                row.insert((*column).clone(), json_value(r.get_ref(i)?));
            }
            table_rows.push(row);
        }
        out.insert((*table).to_owned(), table_rows);
    }
    Ok(out)
}

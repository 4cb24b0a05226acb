//! `daicho bench demo`: making a demo ledger (`daicho demo --cards N`, default 100,000 cards),
//! timed whole, with what its file holds: the rows of each kind and the bytes each kind takes
//! (its table, indexes and search index, from SQLite's `dbstat`), per card, contact and
//! transaction.

use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::Coded;
use daicho_core::{ErrorReport, NewLedger};

use super::{storage, time, TempLedger};

/// The kind of record each table (with its indexes) holds: its bytes are counted against it.
fn kind_of(table: &str) -> &'static str {
    match table {
        "cards" | "card_tags" | "card_classes" | "key_persons" | "card_shares" => "card",
        t if t.starts_with("card_fts") => "card",
        "contacts" | "contact_persons" => "contact",
        t if t.starts_with("contact_fts") => "contact",
        "transactions" | "collection_plans" => "transaction",
        "card_history" => "history",
        "notes" => "note",
        t if t.starts_with("note_fts") => "note",
        _ => "other",
    }
}

pub fn run(cards: u32, json: bool) -> Result<(), ErrorReport> {
    let path =
        std::env::temp_dir().join(format!("daicho-bench-demo-{}.daicho", std::process::id()));
    let _cleanup = TempLedger(path.clone());
    let (made, ms) = time(|| -> Result<_, ErrorReport> {
        let mut new = NewLedger::start(&path).map_err(|e| e.report())?;
        demo::generate(
            new.ledger(),
            DemoConfig {
                cards,
                today: Some(chrono::Local::now().date_naive()),
                ..DemoConfig::default()
            },
        )
        .map_err(|e| e.report())?;
        new.finish().map_err(|e| e.report())
    });
    let ledger = made?;
    let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let conn = ledger.connection();
    let count = |table: &str| -> Result<u64, ErrorReport> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|n| n.max(0) as u64)
        .map_err(storage)
    };
    let rows = serde_json::json!({
        "cards": count("cards")?,
        "key_persons": count("key_persons")?,
        "contacts": count("contacts")?,
        "notes": count("notes")?,
        "transactions": count("transactions")?,
        "history": count("card_history")?,
    });
    // Bytes of each table with its indexes, by the kind of record it holds.
    let mut bytes: std::collections::BTreeMap<&str, u64> = Default::default();
    let mut stmt = conn
        .prepare(
            "SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d
             LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY 1",
        )
        .map_err(storage)?;
    let sizes = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .map_err(storage)?;
    for size in sizes {
        let (table, n) = size.map_err(storage)?;
        *bytes.entry(kind_of(&table)).or_default() += n.max(0) as u64;
    }
    // The largest tables and indexes one by one: where the bytes of a card go.
    let mut largest = conn
        .prepare("SELECT name, sum(pgsize) AS n FROM dbstat GROUP BY name ORDER BY n DESC LIMIT 16")
        .map_err(storage)?;
    let largest: Vec<serde_json::Value> = largest
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .map_err(storage)?
        .map(|row| row.map(|(name, n)| serde_json::json!({ "name": name, "bytes": n })))
        .collect::<Result<_, _>>()
        .map_err(storage)?;
    let per = |kind: &str, of: &str| -> u64 {
        let n = rows[of].as_u64().unwrap_or(0).max(1);
        bytes.get(kind).copied().unwrap_or(0) / n
    };
    let report = serde_json::json!({
        "cards": cards,
        "ms": ms.round(),
        "file_bytes": file_bytes,
        "bytes_per_card_whole_file": file_bytes / u64::from(cards.max(1)),
        "rows": rows,
        "bytes": bytes,
        "bytes_per_card": per("card", "cards"),
        "bytes_per_contact": per("contact", "contacts"),
        "bytes_per_transaction": per("transaction", "transactions"),
        "history_bytes_per_card": per("history", "cards"),
        "largest": largest,
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!(
            "demo of {cards} cards: {:.1} s, {:.0} MB ({} bytes a card, all included)",
            ms / 1000.0,
            file_bytes as f64 / 1e6,
            report["bytes_per_card_whole_file"]
        );
        out!(
            "  a card {} bytes, a contact {} bytes, a transaction {} bytes, history {} bytes a card",
            report["bytes_per_card"],
            report["bytes_per_contact"],
            report["bytes_per_transaction"],
            report["history_bytes_per_card"]
        );
    }
    Ok(())
}

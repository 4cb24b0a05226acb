//! Indexes built once at the end of a large write instead of entry by entry.
//!
//! A card row sits in a dozen list indexes, each ordered by a name, a reading or a date, and
//! most of them carry `last_contact_at`, `status` or `updated_at`: writing a demo or a large
//! import card by card moved each card through all of them again at every contact, key person
//! and edit, at a random place each time. Inside [`indexes_set_aside`] those indexes are
//! dropped (in the caller's transaction) and created again from their own SQL at the end: one
//! sorted pass each. Readers on other connections see the committed ledger, indexes and all;
//! a failure rolls the drop back with everything else.

use rusqlite::Connection;

/// Indexes no write reads through (only lists, filters, classification and dashboards do):
/// they can wait for the end of a bulk write.
pub(crate) const LIST_INDEXES: &[&str] = &[
    "cards_classify_facts",
    "cards_list_completeness",
    "cards_list_last_contact",
    "cards_list_name",
    "cards_list_reading",
    "cards_list_status_completeness",
    "cards_list_status_last_contact",
    "cards_list_status_name",
    "cards_list_status_reading",
    "cards_list_status_updated",
    "cards_list_updated",
    "cards_live_last_visit",
    "cards_owner",
    "cards_reminder_dates",
    "card_tags_tag",
    "contacts_open_actions",
    "contacts_open_complaints",
    "key_persons_birthdays",
    "notes_noted",
    "transactions_open",
];

/// Runs `work` with the `names` indexes dropped, and creates them again after it. Only inside a
/// transaction, whose commit follows.
pub(crate) fn indexes_set_aside<T, E: From<rusqlite::Error>>(
    conn: &Connection,
    names: &[&str],
    work: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    if conn.is_autocommit() {
        // Outside a transaction every reader would go without them until the end.
        return Err(rusqlite::Error::InvalidQuery.into());
    }
    // With no statistics, SQLite breaks a tie between two indexes of a table by the order they
    // were created in, so each table's indexes must come back in their order (else a card's open
    // complaints were counted over all its contacts): those created after a named one go aside
    // with it, and all are created again in the schema's order.
    let all: Vec<(String, String, String)> = conn
        .prepare("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables_from: Vec<&str> = Vec::new();
    let mut set_aside: Vec<(String, String)> = Vec::new();
    for (table, name, sql) in &all {
        if names.contains(&name.as_str()) && !tables_from.contains(&table.as_str()) {
            tables_from.push(table);
        }
        if tables_from.contains(&table.as_str()) {
            set_aside.push((name.clone(), sql.clone()));
        }
    }
    for (name, _) in &set_aside {
        conn.execute_batch(&format!("DROP INDEX main.\"{name}\""))?;
    }
    let value = work()?;
    for (_, sql) in &set_aside {
        conn.execute_batch(sql)?;
    }
    Ok(value)
}

/// A large write (a demo, a benchmark ledger): the list indexes, the `also` indexes (ones the
/// work itself never reads through) and the search index are each brought up to date once, at
/// its end.
pub(crate) fn in_bulk<T, E: From<rusqlite::Error>>(
    conn: &Connection,
    also: &[&str],
    work: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    let names: Vec<&str> = LIST_INDEXES.iter().chain(also).copied().collect();
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
    // The indexes are back before the search index catches up: its queries plan on them.
    let done =
        crate::search::deferred::deferring_search(conn, || indexes_set_aside(conn, &names, work));
    conn.pragma_update(None, "cache_size", cache)?;
    done
}

/// The page cache of a large write, in KiB (SQLite's negative `cache_size`), filled only as
/// pages are read or written and given back at its end. The indexes rebuilt and the search index
/// written at the end of a 100,000-card write outgrow the ledger's usual 256 MiB: its pages were
/// encrypted out and read back in, decrypted, again and again (the benchmark ledger took 79 s to
/// write, 57 s with this).
const BULK_CACHE_KIB: i64 = -1_048_576;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    /// Pairs of text a query returns.
    fn pairs(conn: &Connection, sql: &str) -> Vec<(String, String)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// Each table's indexes in the order the query planner meets them.
    fn order(conn: &Connection) -> Vec<(String, String)> {
        pairs(
            conn,
            "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, rowid",
        )
    }

    #[test]
    fn every_table_keeps_its_indexes_in_their_order() {
        for also in [&[][..], &["contacts_card_at"], &["transactions_card"]] {
            let mut ledger = Ledger::open_in_memory().unwrap();
            let before = order(ledger.connection());
            let tx = ledger.transaction().unwrap();
            in_bulk(&tx, also, || Ok::<_, rusqlite::Error>(())).unwrap();
            tx.commit().unwrap();
            assert_eq!(order(ledger.connection()), before, "also {also:?}");
        }
    }

    #[test]
    fn open_complaints_are_counted_through_their_own_index_after_a_bulk_write() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let tx = ledger.transaction().unwrap();
        in_bulk(&tx, &["contacts_card_at"], || Ok::<_, rusqlite::Error>(())).unwrap();
        tx.commit().unwrap();
        let plan: String = ledger
            .connection()
            .query_row(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM contacts WHERE card_id = ?1 AND complaint_state IN ('open', 'in_progress')",
                ["c"],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("contacts_open_complaints"), "{plan}");
    }

    fn indexes(conn: &Connection) -> Vec<(String, String)> {
        pairs(
            conn,
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
    }

    #[test]
    fn the_indexes_are_gone_during_the_work_and_the_same_after_it() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let before = indexes(ledger.connection());
        let tx = ledger.transaction().unwrap();
        let during = indexes_set_aside(&tx, LIST_INDEXES, || -> rusqlite::Result<_> {
            Ok(indexes(&tx))
        })
        .unwrap();
        tx.commit().unwrap();
        assert!(during
            .iter()
            .all(|(name, _)| !LIST_INDEXES.contains(&name.as_str())));
        assert!(during.len() <= before.len() - LIST_INDEXES.len());
        assert_eq!(indexes(ledger.connection()), before);
    }

    #[test]
    fn a_failed_work_leaves_every_index_in_place() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let before = indexes(ledger.connection());
        {
            let tx = ledger.transaction().unwrap();
            let failed = indexes_set_aside(&tx, LIST_INDEXES, || -> rusqlite::Result<()> {
                Err(rusqlite::Error::InvalidQuery)
            });
            assert!(failed.is_err());
            // Dropped without commit: rolled back.
        }
        assert_eq!(indexes(ledger.connection()), before);
    }

    #[test]
    fn outside_a_transaction_nothing_is_set_aside() {
        let ledger = Ledger::open_in_memory().unwrap();
        let before = indexes(ledger.connection());
        let refused = indexes_set_aside(ledger.connection(), LIST_INDEXES, || {
            Ok::<_, rusqlite::Error>(())
        });
        assert!(refused.is_err());
        assert_eq!(indexes(ledger.connection()), before);
    }
    #[test]
    fn a_bulk_write_gives_back_the_page_cache_it_borrowed_whether_it_succeeds_or_fails() {
        let mut ledger = Ledger::open_in_memory().unwrap();
        let cache = |conn: &Connection| -> i64 {
            conn.pragma_query_value(None, "cache_size", |r| r.get(0))
                .unwrap()
        };
        let before = cache(ledger.connection());
        let tx = ledger.transaction().unwrap();
        let during = in_bulk(&tx, &[], || Ok::<_, rusqlite::Error>(cache(&tx))).unwrap();
        assert_eq!(during, BULK_CACHE_KIB);
        assert_eq!(cache(&tx), before);
        let failed = in_bulk(&tx, &[], || -> rusqlite::Result<()> {
            Err(rusqlite::Error::InvalidQuery)
        });
        assert!(failed.is_err());
        assert_eq!(cache(&tx), before);
    }
}

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
    "card_tags_tag",
    "contacts_open_actions",
    "contacts_open_complaints",
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
    let mut set_aside: Vec<(String, String)> = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL",
        )?;
        for name in names {
            let mut rows = stmt.query([name])?;
            if let Some(row) = rows.next()? {
                set_aside.push((row.get(0)?, row.get(1)?));
            }
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
    // The indexes are back before the search index catches up: its queries plan on them.
    crate::search::deferred::deferring_search(conn, || indexes_set_aside(conn, &names, work))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ledger;

    fn indexes(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
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
        assert_eq!(during.len(), before.len() - LIST_INDEXES.len());
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
}

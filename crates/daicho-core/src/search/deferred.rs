//! The search index brought up to date once, at the end of a large write, instead of row by row.
//!
//! The index triggers rewrite a card's document for every key person, tag and edit, and FTS5
//! writes its pending terms to disk at every statement of a transaction: a demo or an import of
//! 100,000 cards spent most of its time there and left an index of tiny segments. Inside
//! [`deferring_search`] the triggers that write the index are set aside (in the same
//! transaction) and temporary ones only note which cards, contacts and notes changed; at the end
//! their documents are written with one statement per index, and the triggers put back. The
//! delete triggers stay: they also remove search keys, and a delete is rare in bulk work.

use rusqlite::Connection;

/// The triggers that write the index on inserts and updates (their SQL is kept and restored).
const SET_ASIDE: &str = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
    AND name IN ('cards_search_insert', 'cards_search_update', 'cards_search_trash',
                 'card_tags_search_insert', 'card_tags_search_delete',
                 'key_persons_search_insert', 'key_persons_search_update', 'key_persons_search_delete',
                 'contacts_search_insert', 'contacts_search_update',
                 'notes_search_insert', 'notes_search_update')
    ORDER BY name";

/// What changed while the index waited: noted by temporary triggers.
const NOTE_CHANGES: &str = "
CREATE TEMP TABLE deferred_cards (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE deferred_contacts (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE deferred_notes (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TRIGGER deferred_card_insert AFTER INSERT ON main.cards BEGIN
    INSERT OR IGNORE INTO deferred_cards VALUES (new.id);
END;
CREATE TEMP TRIGGER deferred_card_update AFTER UPDATE OF name, reading, code, individual, phones,
    email, postal_code, region, city, street, building, industry, website, notes, deleted_at
    ON main.cards BEGIN
    INSERT OR IGNORE INTO deferred_cards VALUES (new.id);
END;
CREATE TEMP TRIGGER deferred_card_trash AFTER UPDATE OF deleted_at ON main.cards
    WHEN (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
    INSERT OR IGNORE INTO deferred_contacts SELECT id FROM main.contacts WHERE card_id = new.id;
    INSERT OR IGNORE INTO deferred_notes SELECT id FROM main.notes WHERE card_id = new.id;
END;
CREATE TEMP TRIGGER deferred_tag_insert AFTER INSERT ON main.card_tags BEGIN
    INSERT OR IGNORE INTO deferred_cards VALUES (new.card_id);
END;
CREATE TEMP TRIGGER deferred_tag_delete AFTER DELETE ON main.card_tags BEGIN
    INSERT OR IGNORE INTO deferred_cards VALUES (old.card_id);
END;
CREATE TEMP TRIGGER deferred_person_insert AFTER INSERT ON main.key_persons BEGIN
    INSERT OR IGNORE INTO deferred_cards VALUES (new.card_id);
END;
CREATE TEMP TRIGGER deferred_person_update AFTER UPDATE ON main.key_persons BEGIN
    INSERT OR IGNORE INTO deferred_cards VALUES (old.card_id), (new.card_id);
END;
CREATE TEMP TRIGGER deferred_person_delete AFTER DELETE ON main.key_persons BEGIN
    INSERT OR IGNORE INTO deferred_cards VALUES (old.card_id);
END;
CREATE TEMP TRIGGER deferred_contact_insert AFTER INSERT ON main.contacts BEGIN
    INSERT OR IGNORE INTO deferred_contacts VALUES (new.id);
END;
CREATE TEMP TRIGGER deferred_contact_update AFTER UPDATE OF card_id, purpose, content, outcome,
    reaction, next_action, rep, complaint, negotiation ON main.contacts BEGIN
    INSERT OR IGNORE INTO deferred_contacts VALUES (new.id);
END;
CREATE TEMP TRIGGER deferred_note_insert AFTER INSERT ON main.notes BEGIN
    INSERT OR IGNORE INTO deferred_notes VALUES (new.id);
END;
CREATE TEMP TRIGGER deferred_note_update AFTER UPDATE OF card_id, content, source_who,
    source_where, how_to_use, find_out_next, judgement ON main.notes BEGIN
    INSERT OR IGNORE INTO deferred_notes VALUES (new.id);
END;
";

/// The documents of what changed, written once. Rows indexed before: their old documents out,
/// their new ones in. New rows: search keys after the last one, and their documents read in key
/// order (a range of `search_keys`, one lookup of the row each). FTS5 writes its pending terms out
/// as a new segment each time they pass `hashsize` (1 MiB by default) and merges segments as they
/// pile up: at 64 MiB a million contacts make a few large segments instead of hundreds to merge
/// (an edit's statement writes its few terms at once whatever the size). Documents go in by
/// rowid: one out of order makes FTS5 write out what it holds.
const CATCH_UP: &str = "
INSERT INTO card_fts (card_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO contact_fts (contact_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO note_fts (note_fts, rank) VALUES ('hashsize', 67108864);

DELETE FROM card_fts WHERE rowid IN
    (SELECT k.key FROM temp.deferred_cards d JOIN search_keys k ON k.source_id = d.id);
INSERT INTO card_fts (rowid, name, phone, other)
    SELECT s.key, s.name, s.phone, s.other FROM temp.deferred_cards d
    JOIN search_keys k ON k.source_id = d.id JOIN card_search_doc s ON s.key = k.key
    ORDER BY s.key;
DELETE FROM contact_fts WHERE rowid IN
    (SELECT k.key FROM temp.deferred_contacts d JOIN search_keys k ON k.source_id = d.id);
INSERT INTO contact_fts (rowid, body)
    SELECT s.key, s.body FROM temp.deferred_contacts d
    JOIN search_keys k ON k.source_id = d.id JOIN contact_search_doc s ON s.key = k.key
    ORDER BY s.key;
DELETE FROM note_fts WHERE rowid IN
    (SELECT k.key FROM temp.deferred_notes d JOIN search_keys k ON k.source_id = d.id);
INSERT INTO note_fts (rowid, body)
    SELECT s.key, s.body FROM temp.deferred_notes d
    JOIN search_keys k ON k.source_id = d.id JOIN note_search_doc s ON s.key = k.key
    ORDER BY s.key;

CREATE TEMP TABLE deferred_from AS SELECT coalesce(max(key), 0) AS key FROM search_keys;
INSERT INTO search_keys (source_id)
    SELECT d.id FROM temp.deferred_cards d JOIN cards c ON c.id = d.id
    WHERE NOT EXISTS (SELECT 1 FROM search_keys WHERE source_id = d.id);
INSERT INTO search_keys (source_id)
    SELECT d.id FROM temp.deferred_contacts d JOIN contacts t ON t.id = d.id
    WHERE NOT EXISTS (SELECT 1 FROM search_keys WHERE source_id = d.id);
INSERT INTO search_keys (source_id)
    SELECT d.id FROM temp.deferred_notes d JOIN notes n ON n.id = d.id
    WHERE NOT EXISTS (SELECT 1 FROM search_keys WHERE source_id = d.id);
INSERT INTO card_fts (rowid, name, phone, other)
    SELECT key, name, phone, other FROM card_search_doc
    WHERE key > (SELECT key FROM temp.deferred_from) ORDER BY key;
INSERT INTO contact_fts (rowid, body)
    SELECT key, body FROM contact_search_doc
    WHERE key > (SELECT key FROM temp.deferred_from) ORDER BY key;
INSERT INTO note_fts (rowid, body)
    SELECT key, body FROM note_search_doc
    WHERE key > (SELECT key FROM temp.deferred_from) ORDER BY key;
DROP TABLE temp.deferred_from;

DROP TRIGGER temp.deferred_card_insert;
DROP TRIGGER temp.deferred_card_update;
DROP TRIGGER temp.deferred_card_trash;
DROP TRIGGER temp.deferred_tag_insert;
DROP TRIGGER temp.deferred_tag_delete;
DROP TRIGGER temp.deferred_person_insert;
DROP TRIGGER temp.deferred_person_update;
DROP TRIGGER temp.deferred_person_delete;
DROP TRIGGER temp.deferred_contact_insert;
DROP TRIGGER temp.deferred_contact_update;
DROP TRIGGER temp.deferred_note_insert;
DROP TRIGGER temp.deferred_note_update;
DROP TABLE temp.deferred_cards;
DROP TABLE temp.deferred_contacts;
DROP TABLE temp.deferred_notes;
";

/// Runs `work` with the search index brought up to date once, at its end. Only inside a
/// transaction, whose commit follows: if `work` (or the catch-up) fails, the caller's
/// transaction is rolled back with the triggers it set aside, so nothing is left unindexed.
pub(crate) fn deferring_search<T, E: From<rusqlite::Error>>(
    conn: &Connection,
    work: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    if conn.is_autocommit() {
        // Outside a transaction the triggers would be gone for everyone until the end.
        return Err(rusqlite::Error::InvalidQuery.into());
    }
    let set_aside: Vec<(String, String)> = {
        let mut stmt = conn.prepare(SET_ASIDE)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &set_aside {
        conn.execute_batch(&format!("DROP TRIGGER main.\"{name}\""))?;
    }
    conn.execute_batch(NOTE_CHANGES)?;
    let value = work()?;
    conn.execute_batch(CATCH_UP)?;
    for (_, sql) in &set_aside {
        conn.execute_batch(sql)?;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::store::{self, Edit};
    use crate::card::{CardFields, CardKind, KeyPersonFields};
    use crate::contact::{ContactFields, ContactKind};
    use crate::notes::NoteFields;
    use crate::Ledger;

    /// A rep's day of edits: cards with key persons and tags, contacts and notes, an edit, a
    /// key person removed, a card trashed and one restored.
    fn day_of_edits(conn: &Connection) {
        let edit = Edit {
            at: "2026-12-01T09:00:00.000Z",
            actor: "佐藤",
        };
        let mut fields = CardFields::new(CardKind::Organisation, "株式会社ミライ商事");
        fields.phones = vec!["03-1234-5678".into()];
        fields.tags = vec!["重点".into()];
        let mirai = store::insert(conn, &fields, &edit).unwrap();
        let person = KeyPersonFields {
            name: "山田 太郎".into(),
            department: "購買部".into(),
            phone: "090-1111-2222".into(),
            ..KeyPersonFields::default()
        };
        let yamada = store::add_key_person(conn, &mirai.id, &person, &edit).unwrap();
        let other = KeyPersonFields {
            name: "Michael Smith".into(),
            ..KeyPersonFields::default()
        };
        let smith = store::add_key_person(conn, &mirai.id, &other, &edit).unwrap();
        store::delete_key_person(conn, &smith.id, &edit).unwrap();
        let contact = ContactFields {
            kind: ContactKind::Visit,
            at: "2026-11-30T10:00".into(),
            content: "見積を提出、来週回答".into(),
            participants: vec![yamada.id.clone()],
            ..ContactFields::default()
        };
        crate::contact::store::insert(conn, &mirai.id, &contact, &edit).unwrap();
        let note = NoteFields {
            noted_on: "2026-11-29".into(),
            content: "競合のアルファ社が値下げを提案".into(),
            ..NoteFields::default()
        };
        crate::notes::store::insert(conn, &mirai.id, &note, &edit).unwrap();
        let mut changed = store::load(conn, &mirai.id).unwrap();
        changed.fields.name = "株式会社ミライ商事ホールディングス".into();
        changed.fields.tags = vec!["紹介".into()];
        store::update(conn, &mirai.id, changed.version, &changed.fields, &edit).unwrap();

        let gone = store::insert(
            conn,
            &CardFields::new(CardKind::Organisation, "消える物産"),
            &edit,
        )
        .unwrap();
        let call = ContactFields {
            participants: Vec::new(),
            ..contact
        };
        crate::contact::store::insert(conn, &gone.id, &call, &edit).unwrap();
        store::set_trashed(conn, &gone.id, true, &edit).unwrap();
        let back = store::insert(
            conn,
            &CardFields::new(CardKind::Organisation, "戻る物産"),
            &edit,
        )
        .unwrap();
        crate::notes::store::insert(conn, &back.id, &note, &edit).unwrap();
        store::set_trashed(conn, &back.id, true, &edit).unwrap();
        store::set_trashed(conn, &back.id, false, &edit).unwrap();
    }

    /// What the search box answers, without the ids (each ledger makes its own).
    fn answers(ledger: &Ledger) -> Vec<String> {
        fn strip(v: &mut serde_json::Value) {
            match v {
                serde_json::Value::Object(map) => {
                    map.retain(|k, _| !k.ends_with("id"));
                    map.values_mut().for_each(strip);
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
                _ => {}
            }
        }
        [
            "ミライ",
            "ホールディングス",
            "重点",
            "紹介",
            "山田",
            "購買",
            "Smith",
            "5678",
            "2222",
            "見積",
            "値下げ",
            "消える",
            "戻る",
        ]
        .iter()
        .map(|q| {
            let mut v = serde_json::to_value(ledger.search(q, 20).unwrap()).unwrap();
            strip(&mut v);
            format!("{q}: {v}")
        })
        .collect()
    }

    fn triggers(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn a_bulk_write_is_found_by_search_exactly_as_the_same_edits_made_one_by_one() {
        let mut one_by_one = Ledger::open_in_memory().unwrap();
        let before = triggers(one_by_one.connection());
        {
            let tx = one_by_one.transaction().unwrap();
            day_of_edits(&tx);
            tx.commit().unwrap();
        }
        let mut in_bulk = Ledger::open_in_memory().unwrap();
        {
            let tx = in_bulk.transaction().unwrap();
            deferring_search(&tx, || -> rusqlite::Result<()> {
                day_of_edits(&tx);
                Ok(())
            })
            .unwrap();
            tx.commit().unwrap();
        }
        let expected = answers(&one_by_one);
        assert!(expected.iter().any(|a| a.contains("ホールディングス")));
        assert_eq!(answers(&in_bulk), expected);
        // The index triggers are back as they were, and nothing temporary is left.
        assert_eq!(triggers(in_bulk.connection()), before);
        let temp: i64 = in_bulk
            .connection()
            .query_row("SELECT count(*) FROM temp.sqlite_master", [], |r| r.get(0))
            .unwrap();
        assert_eq!(temp, 0);
        // Later edits are indexed one by one again.
        let tx = in_bulk.transaction().unwrap();
        let edit = Edit {
            at: "2026-12-02T09:00:00.000Z",
            actor: "佐藤",
        };
        store::insert(
            &tx,
            &CardFields::new(CardKind::Organisation, "後日工業"),
            &edit,
        )
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(in_bulk.search("後日", 5).unwrap().cards.len(), 1);
    }

    #[test]
    fn outside_a_transaction_the_index_triggers_are_never_set_aside() {
        let ledger = Ledger::open_in_memory().unwrap();
        let before = triggers(ledger.connection());
        let result = deferring_search(ledger.connection(), || -> rusqlite::Result<()> { Ok(()) });
        assert!(result.is_err());
        assert_eq!(triggers(ledger.connection()), before);
    }
}

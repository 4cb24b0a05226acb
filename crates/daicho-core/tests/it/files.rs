//! The ledger file: creating, refusing foreign, damaged and newer files untouched, migrations.

use std::path::{Path, PathBuf};

use daicho_core::db;
use daicho_core::error::Coded;
use daicho_core::Ledger;
use expect_test::expect_file;

use super::organisation;

fn code(result: Result<Ledger, daicho_core::error::LedgerError>) -> &'static str {
    result.err().map_or("opened", |e| e.code())
}

/// Opening `path` fails with `expected` and leaves the file byte for byte as it was.
fn refused_untouched(path: &Path, expected: &str) {
    let before = std::fs::read(path).unwrap();
    assert_eq!(code(Ledger::open(path)), expected);
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{} was changed",
        path.display()
    );
}

#[test]
fn a_new_ledger_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/ledger.daicho");
    let id = {
        let mut ledger = Ledger::create(&path).unwrap();
        ledger
            .create_card(&organisation("株式会社東洋商事", "トウヨウショウジ"))
            .unwrap()
            .id
    };
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(ledger.card(&id).unwrap().fields.reading, "トウヨウショウジ");
    let journal: String = ledger
        .connection()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let sync: i64 = ledger
        .connection()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    let fk: i64 = ledger
        .connection()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!((journal.as_str(), sync, fk), ("wal", 2, 1));
}

#[test]
fn create_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "大事なメモ").unwrap();
    assert_eq!(code(Ledger::create(&path)), "ledger.already_exists");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "大事なメモ");
}

#[test]
fn files_that_are_not_ledgers_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("customers.csv");
    std::fs::write(&text, "名前,電話\n東洋商事,03-1234-5678\n").unwrap();
    refused_untouched(&text, "ledger.not_a_ledger");

    let empty = dir.path().join("empty.daicho");
    std::fs::write(&empty, "").unwrap();
    refused_untouched(&empty, "ledger.not_a_ledger");

    let other = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    refused_untouched(&other, "ledger.not_a_ledger");

    // Another program's file that carries Daicho's application id but no Daicho schema.
    let borrowed = dir.path().join("borrowed.sqlite");
    let conn = rusqlite::Connection::open(&borrowed).unwrap();
    conn.execute_batch(
        "PRAGMA application_id = 1145261128; CREATE TABLE notes (x); INSERT INTO notes VALUES ('mine');",
    )
    .unwrap();
    drop(conn);
    refused_untouched(&borrowed, "ledger.not_a_ledger");

    assert_eq!(
        code(Ledger::open(&dir.path().join("missing.daicho"))),
        "ledger.not_found"
    );
}

/// A ledger of `cards` cards at `path`, its log written back into the file (nothing in -wal).
fn ledger_of_cards(path: &Path, cards: u32) {
    let mut ledger = Ledger::create(path).unwrap();
    for i in 0..cards {
        ledger
            .create_card(&organisation(&format!("会社{i}"), ""))
            .unwrap();
    }
    ledger
        .connection()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
}

#[test]
fn a_damaged_ledger_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.daicho");
    ledger_of_cards(&path, 200);
    let mut bytes = std::fs::read(&path).unwrap();
    // Overwrite the middle pages (the header stays valid) with garbage.
    let len = bytes.len();
    for b in &mut bytes[len / 3..len * 2 / 3] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    refused_untouched(&path, "ledger.corrupt");
}

#[test]
fn the_window_opens_a_ledger_at_once_and_its_whole_file_check_after_still_finds_damage() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged-late.daicho");
    ledger_of_cards(&path, 400);
    let config = daicho_core::BackupConfig {
        root: dir.path().join("backups"),
        retention: daicho_core::backup::Retention::default(),
    };
    // Sound: opened without reading every page first, and the check after agrees.
    Ledger::open_for_window(&path, config.clone()).unwrap();
    Ledger::check_whole_file(&path).unwrap();

    // The last pages (the cards' rows and the search index, far from the schema) garbled.
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len * 3 / 4..] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    Ledger::open_for_window(&path, config).unwrap();
    assert_eq!(
        Ledger::check_whole_file(&path)
            .err()
            .map_or("sound", |e| e.code()),
        "ledger.corrupt"
    );
    // A command (or script) still refuses it before touching it.
    refused_untouched(&path, "ledger.corrupt");
}

/// The search index is derived from the cards: its own consistency check (which holds every
/// term in memory, 350 MiB on 100,000 cards) is not part of the check that can refuse a ledger,
/// so a fault inside the index does not lock the rep out of their cards.
#[test]
fn a_fault_inside_the_search_index_does_not_lock_the_rep_out_of_their_cards() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index-out-of-step.daicho");
    ledger_of_cards(&path, 50);
    {
        let ledger = Ledger::open(&path).unwrap();
        let conn = ledger.connection();
        conn.execute(
            "UPDATE card_fts_data SET block = zeroblob(length(block)) \
             WHERE id = (SELECT max(id) FROM card_fts_data)",
            [],
        )
        .unwrap();
        let whole: String = conn
            .pragma_query_value(None, "quick_check", |r| r.get(0))
            .unwrap();
        assert_ne!(whole, "ok", "SQLite's whole check runs the index's own");
    }
    Ledger::check_whole_file(&path).unwrap();
    let ledger = Ledger::open(&path).unwrap();
    let cards: i64 = ledger
        .connection()
        .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cards, 50);
}

#[test]
fn a_ledger_from_a_newer_daicho_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.daicho");
    {
        let ledger = Ledger::create(&path).unwrap();
        ledger
            .connection()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        ledger
            .connection()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    refused_untouched(&path, "ledger.too_new");
    let err = Ledger::open(&path).err().unwrap();
    assert_eq!(err.params()["found"], "99");
}

#[test]
fn migrations_are_valid_and_the_schema_is_as_recorded() {
    // Every migration applies in order to an empty database (with the functions the search
    // index's triggers call, which every ledger connection registers).
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    daicho_core::search::register_functions(&conn).unwrap();
    db::migrations().to_latest(&mut conn).unwrap();
    let ledger = Ledger::open_in_memory().unwrap();
    let app_id: i64 = ledger
        .connection()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, db::APPLICATION_ID);
    // The whole schema, SQL and all, so that a changed trigger or index shows in review.
    expect_file!["schema.sql"].assert_eq(&schema_sql(ledger.connection()));
}

/// Every object of a ledger's schema with its SQL, in a stable order.
fn schema_sql(conn: &rusqlite::Connection) -> String {
    conn.prepare(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .unwrap()
    .query_map([], |r| {
        Ok(format!(
            "-- {} {}\n{};\n",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect::<Vec<_>>()
    .join("\n")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// What each fixture holds: cards, key persons, history entries, contacts, products in use,
/// transactions. Each
/// was made by `daicho demo --cards 20 --seed 3` of its version.
const FIXTURE_COUNTS: &[(u32, u32, u32, u32, u32, u32)] = &[
    (20, 31, 65, 0, 0, 0),
    (20, 38, 117, 42, 0, 0),
    (20, 28, 106, 34, 0, 0),
    (20, 28, 114, 34, 6, 0),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
    (20, 28, 433, 34, 6, 285),
];

/// Each committed ledger made by an earlier schema version opens, is upgraded to the latest
/// version, and keeps its cards, key persons and history.
#[test]
fn ledgers_of_every_earlier_version_upgrade_and_keep_their_data() {
    let dir = tempfile::tempdir().unwrap();
    for version in 1..=db::latest_version() {
        let fixture = fixtures().join(format!("ledger-v{version}.daicho"));
        assert!(
            fixture.exists(),
            "commit a fixture ledger for schema {version}: {}",
            fixture.display()
        );
        let copy = dir.path().join(format!("v{version}.daicho"));
        std::fs::copy(&fixture, &copy).unwrap();
        let ledger = Ledger::open(&copy).unwrap();
        let stats = ledger.stats().unwrap();
        assert_eq!(stats.schema_version as i64, db::latest_version());
        let (cards, key_persons, history, contacts, in_use, transactions) =
            FIXTURE_COUNTS[version as usize - 1];
        assert_eq!(
            (stats.cards, stats.key_persons),
            (cards, key_persons),
            "schema {version}"
        );
        assert_eq!(
            (
                stats.history_entries,
                stats.contacts,
                stats.products_in_use,
                stats.transactions
            ),
            (history, contacts, in_use, transactions),
            "schema {version}"
        );
        assert_eq!(stats.integrity, "ok");
        // What each sale was paid became its payments (schema 24), to the unit.
        let unpaid_in_payments: i64 = ledger
            .connection()
            .query_row(
                "SELECT count(*) FROM transactions t WHERE t.paid_amount <>
                    (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.transaction_id = t.id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(unpaid_in_payments, 0, "schema {version}");
        // The upgraded schema is the new ledger's, to the last trigger.
        assert_eq!(
            schema_sql(ledger.connection()),
            include_str!("schema.sql"),
            "schema {version}"
        );
        // Every card sorts in its language's order, whatever schema wrote it.
        let stale: i64 = ledger
            .connection()
            .query_row(
                "SELECT count(*) FROM cards WHERE sort_key <> daicho_sort_key(name, reading)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stale, 0, "schema {version}");
        // The search index covers every card the upgrade found.
        let codes: Vec<String> = ledger
            .connection()
            .prepare("SELECT code FROM cards WHERE deleted_at IS NULL")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for code in codes {
            let found = ledger.search(&code, 5).unwrap();
            assert!(
                found.cards.iter().any(|c| c.code == code),
                "schema {version}: {code} is not found"
            );
        }
        // Columns derived by an upgrade agree with the rows they are derived from.
        let stale: u32 = ledger
            .connection()
            .query_row(
                "SELECT count(*) FROM cards WHERE coalesce(last_visit_at, '') <>
                   coalesce((SELECT max(at) FROM contacts WHERE card_id = cards.id AND kind = 'visit'), '')
                 OR coalesce(last_contact_at, '') <>
                   coalesce((SELECT max(at) FROM contacts WHERE card_id = cards.id), '')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stale, 0, "schema {version}");
        if version < db::latest_version() {
            assert!(dir
                .path()
                .join(format!("v{version}.daicho.schema{version}.bak"))
                .exists());
        }
    }
}

/// A long job runs on a second connection to the open ledger: what it writes is one
/// transaction the first connection sees once done, and reads go on meanwhile.
#[test]
fn a_second_connection_writes_what_the_first_then_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l.daicho");
    let mut first = Ledger::create(&path).unwrap();
    first
        .create_card(&super::organisation("一番商事", "いちばんしょうじ"))
        .unwrap();
    let mut second = first.another_connection().unwrap();
    second
        .create_card(&super::organisation("二番商事", "にばんしょうじ"))
        .unwrap();
    assert_eq!(first.stats().unwrap().cards, 2);
    assert!(matches!(
        Ledger::open_in_memory().unwrap().another_connection(),
        Err(daicho_core::error::LedgerError::InMemory)
    ));
}

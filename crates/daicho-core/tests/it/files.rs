//! The ledger file: creating, refusing foreign, damaged and newer files untouched, migrations.

use std::path::{Path, PathBuf};

use daicho_core::db;
use daicho_core::error::Coded;
use daicho_core::Ledger;
use expect_test::expect;

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

#[test]
fn a_damaged_ledger_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.daicho");
    {
        let mut ledger = Ledger::create(&path).unwrap();
        for i in 0..200 {
            ledger
                .create_card(&organisation(&format!("会社{i}"), ""))
                .unwrap();
        }
        ledger
            .connection()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
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
    daicho_core::fulltext::register_functions(&conn).unwrap();
    db::migrations().to_latest(&mut conn).unwrap();
    let ledger = Ledger::open_in_memory().unwrap();
    let app_id: i64 = ledger
        .connection()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, db::APPLICATION_ID);
    let mut stmt = ledger
        .connection()
        .prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let schema: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    expect![[r#"
        [
            "index assessment_scores_product",
            "index assessment_texts_product",
            "index card_classes_abc",
            "index card_classes_lists",
            "index card_classes_tier",
            "index card_history_card",
            "index card_products_product",
            "index card_products_renewal",
            "index card_tags_tag",
            "index cards_list_last_contact",
            "index cards_list_name",
            "index cards_list_reading",
            "index cards_list_updated",
            "index cards_live_last_visit",
            "index cards_owner",
            "index case_studies_card",
            "index case_studies_product",
            "index change_batch_cards_card",
            "index change_batches_at",
            "index contacts_card_at",
            "index contacts_open_actions",
            "index contacts_open_complaints",
            "index copies_log_at",
            "index handed_over_bundle",
            "index handover_imports_bundle",
            "index intel_notes_card",
            "index intel_notes_competitor",
            "index intel_notes_noted",
            "index key_persons_card",
            "index planned_visits_card",
            "index planned_visits_day",
            "index products_category",
            "index products_competitor",
            "index sheet_products_product",
            "index transactions_card",
            "index transactions_open",
            "index transactions_product",
            "table assessment_criteria",
            "table assessment_scores",
            "table assessment_texts",
            "table assessments",
            "table card_classes",
            "table card_fts",
            "table card_fts_config",
            "table card_fts_data",
            "table card_fts_docsize",
            "table card_fts_idx",
            "table card_history",
            "table card_products",
            "table card_shares",
            "table card_tags",
            "table cards",
            "table case_studies",
            "table change_batch_cards",
            "table change_batches",
            "table collection_plans",
            "table competitors",
            "table contact_fts",
            "table contact_fts_config",
            "table contact_fts_data",
            "table contact_fts_docsize",
            "table contact_fts_idx",
            "table contact_persons",
            "table contacts",
            "table copies_log",
            "table handed_over",
            "table handover_imports",
            "table handover_receipts",
            "table handover_rows",
            "table intel_notes",
            "table key_persons",
            "table ledger_meta",
            "table note_fts",
            "table note_fts_config",
            "table note_fts_data",
            "table note_fts_docsize",
            "table note_fts_idx",
            "table planned_visits",
            "table products",
            "table search_keys",
            "table sheet_products",
            "table sheets",
            "table transactions",
            "trigger card_products_handed_over_delete",
            "trigger card_products_handed_over_insert",
            "trigger card_products_handed_over_update",
            "trigger card_shares_handed_over_delete",
            "trigger card_shares_handed_over_insert",
            "trigger card_shares_handed_over_update",
            "trigger card_tags_handed_over_delete",
            "trigger card_tags_handed_over_insert",
            "trigger card_tags_handed_over_update",
            "trigger card_tags_search_delete",
            "trigger card_tags_search_insert",
            "trigger cards_handed_over",
            "trigger cards_handed_over_delete",
            "trigger cards_search_delete",
            "trigger cards_search_insert",
            "trigger cards_search_trash",
            "trigger cards_search_update",
            "trigger collection_plans_handed_over_delete",
            "trigger collection_plans_handed_over_insert",
            "trigger collection_plans_handed_over_update",
            "trigger contacts_handed_over_delete",
            "trigger contacts_handed_over_insert",
            "trigger contacts_handed_over_update",
            "trigger contacts_search_delete",
            "trigger contacts_search_insert",
            "trigger contacts_search_update",
            "trigger copies_log_never_changed",
            "trigger copies_log_never_removed",
            "trigger intel_notes_handed_over_delete",
            "trigger intel_notes_handed_over_insert",
            "trigger intel_notes_handed_over_update",
            "trigger intel_notes_search_delete",
            "trigger intel_notes_search_insert",
            "trigger intel_notes_search_update",
            "trigger key_persons_handed_over_delete",
            "trigger key_persons_handed_over_insert",
            "trigger key_persons_handed_over_update",
            "trigger key_persons_search_delete",
            "trigger key_persons_search_insert",
            "trigger key_persons_search_update",
            "trigger planned_visits_handed_over_delete",
            "trigger planned_visits_handed_over_insert",
            "trigger planned_visits_handed_over_update",
            "trigger transactions_handed_over_delete",
            "trigger transactions_handed_over_insert",
            "trigger transactions_handed_over_update",
            "view card_search_doc",
            "view contact_search_doc",
            "view note_search_doc",
        ]
    "#]]
    .assert_debug_eq(&schema);
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

//! The full export: everything out, in three forms, and back into an empty ledger unchanged.

use daicho_core::card::{CardFields, CardKind};
use daicho_core::demo::{generate, DemoConfig};
use daicho_core::error::Coded;
use daicho_core::full_export::{FullExportForm, TABLES};
use daicho_core::output::Existing;
use daicho_core::Ledger;
use rusqlite::types::Value;

use super::ledger;

/// A demo ledger with a card whose text a CSV or a spreadsheet could misread.
fn full_ledger() -> Ledger {
    let mut ledger = ledger();
    generate(
        &mut ledger,
        DemoConfig {
            cards: 40,
            seed: 3,
            today: None,
            ..DemoConfig::default()
        },
    )
    .unwrap();
    let mut fields = CardFields::new(
        CardKind::Organisation,
        "=HYPERLINK(\"x\"),株式会社 \"引用\"",
    );
    fields.notes = "0012, 3.50\r\n行が変わる; 'quote' \u{feff}".into();
    fields.code = "00123".into();
    let card = ledger.create_card(&fields).unwrap();
    let plan = daicho_core::sales::CollectionPlan {
        chase_on: "2026-12-10".into(),
        person: "経理部 佐藤様".into(),
        note: String::new(),
    };
    ledger.set_collection_plan(&card.id, Some(&plan)).unwrap();
    ledger
        .set_reminder_done(
            daicho_core::reminders::ReminderKind::Greeting,
            "oseibo",
            "2026-12-01",
            true,
        )
        .unwrap();
    ledger
}

/// Every row of every exported table, in key order. `empty_is_null`: an empty text in a column
/// that allows NULL reads as NULL (CSV and workbooks have one empty cell for both).
fn content(ledger: &Ledger, empty_is_null: bool) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn = ledger.connection();
    TABLES
        .iter()
        .map(|table| {
            let nullable: Vec<bool> = conn
                .prepare(&format!(
                    "SELECT \"notnull\" FROM pragma_table_info('{table}')"
                ))
                .unwrap()
                .query_map([], |r| r.get::<_, bool>(0).map(|n| !n))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
                .unwrap();
            let rows = stmt
                .query_map([], |r| {
                    (0..nullable.len())
                        .map(|i| {
                            let v: Value = r.get(i)?;
                            Ok(match v {
                                Value::Text(t) if t.is_empty() && empty_is_null && nullable[i] => {
                                    Value::Null
                                }
                                other => other,
                            })
                        })
                        .collect::<rusqlite::Result<Vec<Value>>>()
                })
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            ((*table).to_owned(), rows)
        })
        .collect()
}

#[test]
fn a_full_export_restored_into_an_empty_ledger_gives_every_table_back() {
    let source = full_ledger();
    let dir = tempfile::tempdir().unwrap();
    let empty_tables: Vec<String> = content(&source, false)
        .into_iter()
        .filter(|(_, rows)| rows.is_empty())
        .map(|(t, _)| t)
        .collect();
    assert!(
        empty_tables.is_empty(),
        "the demo leaves {empty_tables:?} empty"
    );
    for form in [
        FullExportForm::Json,
        FullExportForm::Zip,
        FullExportForm::Xlsx,
    ] {
        let path = dir.path().join(format!("everything.{}", form.as_str()));
        let written = source.export_everything(&path, Existing::Refuse).unwrap();
        assert_eq!(written.rows_of("cards"), 41, "{form:?}");
        assert_eq!(written.cut_cells, 0);
        let mut copy = ledger();
        let restored = copy.restore_everything(&path).unwrap();
        assert_eq!(restored.tables, written.tables, "{form:?}");
        let exact = form == FullExportForm::Json;
        assert!(
            content(&copy, !exact) == content(&source, !exact),
            "{form:?} changed a table"
        );
        // The copy works as a ledger: its search finds the restored cards.
        let found = copy.search("HYPERLINK", 10).unwrap();
        assert!(!found.cards.is_empty(), "{form:?}");
    }
}

#[test]
fn a_full_export_is_restored_only_into_an_empty_ledger_and_nothing_changes_when_refused() {
    let source = full_ledger();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("everything.json");
    source.export_everything(&path, Existing::Refuse).unwrap();
    let mut busy = full_ledger();
    let before = content(&busy, false);
    let refused = busy.restore_everything(&path).unwrap_err();
    assert_eq!(refused.code(), "full_export.not_empty");
    assert!(content(&busy, false) == before);
}

#[test]
fn an_altered_export_is_refused_whole() {
    let source = full_ledger();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("everything.json");
    source.export_everything(&path, Existing::Refuse).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for (altered, code) in [
        (
            text.replacen("\"cards\":[", "\"cards\":[{\"id\":\"x\",\"secret\":1},", 1),
            "full_export.not_an_export",
        ),
        (
            text.replacen("\"tables\":{", "\"tables\":{\"search_keys\":[],", 1),
            "full_export.not_an_export",
        ),
        (
            text.replacen("daicho-full-export", "other", 1),
            "full_export.not_an_export",
        ),
        (
            text.replacen("\"schema\":", "\"schema\":9", 1),
            "full_export.newer",
        ),
        (
            text[..text.len() / 2].to_owned(),
            "full_export.not_an_export",
        ),
        // Any JSON file that is not an export: never an empty ledger "restored" from it.
        (
            "{\"format\": \"something else\"}".to_owned(),
            "full_export.not_an_export",
        ),
        ("{}".to_owned(), "full_export.not_an_export"),
        (
            text[..text.find(",\"tables\"").unwrap()].to_owned() + "}",
            "full_export.not_an_export",
        ),
    ] {
        std::fs::write(&path, altered).unwrap();
        let mut copy = ledger();
        let e = copy.restore_everything(&path).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
        assert!(content(&copy, false)
            .iter()
            .all(|(_, rows)| rows.is_empty()));
    }
}

#[test]
fn an_export_never_replaces_a_file_unless_asked() {
    let source = full_ledger();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("everything.zip");
    std::fs::write(&path, b"mine").unwrap();
    let e = source
        .export_everything(&path, Existing::Refuse)
        .unwrap_err();
    assert_eq!(std::fs::read(&path).unwrap(), b"mine", "{e}");
    let e = source
        .export_everything(&dir.path().join("everything.txt"), Existing::Refuse)
        .unwrap_err();
    assert_eq!(e.code(), "full_export.unknown_form");
}

#[test]
fn every_exported_column_is_documented_and_nothing_else() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/full-export.md"
    ))
    .unwrap();
    let mut documented: Vec<(String, String)> = Vec::new();
    let mut table = String::new();
    for line in doc.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            table = name.trim().to_owned();
        } else if let Some(rest) = line.strip_prefix("| `") {
            let column = rest.split('`').next().unwrap();
            documented.push((table.clone(), column.to_owned()));
        }
    }
    let ledger = ledger();
    let mut actual = Vec::new();
    for table in TABLES {
        let columns: Vec<String> = ledger
            .connection()
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        actual.extend(columns.into_iter().map(|c| ((*table).to_owned(), c)));
    }
    assert_eq!(
        documented, actual,
        "docs/full-export.md and the ledger's tables differ"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever a file's bytes were changed to, restoring it either gives a ledger or refuses
    /// with a code and writes nothing; it never panics.
    #[test]
    fn a_damaged_export_is_restored_or_refused_whole(
        form in 0..3usize,
        edits in proptest::collection::vec((0.0..1.0f64, proptest::num::u8::ANY), 1..6),
        cut in proptest::option::of(0.0..1.0f64),
    ) {
        let mut source = ledger();
        for name in ["株式会社テスト", "北京鼎力机械有限公司", "(주)한빛"] {
            source.create_card(&CardFields::new(CardKind::Organisation, name)).unwrap();
        }
        let form = [FullExportForm::Json, FullExportForm::Zip, FullExportForm::Xlsx][form];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("e.{}", form.as_str()));
        source.export_everything(&path, Existing::Refuse).unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        for (at, byte) in edits {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = byte;
        }
        if let Some(cut) = cut {
            bytes.truncate((bytes.len() as f64 * cut) as usize);
        }
        std::fs::write(&path, &bytes).unwrap();
        let mut copy = ledger();
        if let Err(e) = copy.restore_everything(&path) {
            proptest::prop_assert!(e.code().starts_with("full_export.") || e.code().starts_with("ledger."), "{}", e.code());
            proptest::prop_assert!(content(&copy, false).iter().all(|(_, rows)| rows.is_empty()));
        }
    }
}

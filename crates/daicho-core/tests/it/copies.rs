//! The copies log: every report, handover file, backup and restore is recorded in the ledger,
//! with who, when, what and where, and the record is never changed.

use std::path::Path;

use chrono::Utc;
use daicho_core::backup::{self, BackupReason, Retention};
use daicho_core::card::CardStatus;
use daicho_core::card_list::CardQuery;
use daicho_core::copies::CopyKind;
use daicho_core::demo::{self, DemoConfig};
use daicho_core::handover::HandoverSelection;
use daicho_core::i18n::Lang;
use daicho_core::output::Existing;
use daicho_core::report::{ReportKind, ReportRequest};
use daicho_core::{BackupConfig, Ledger};

fn demo_ledger(dir: &Path) -> Ledger {
    let path = dir.join("mine.daicho");
    let root = dir.join("backups");
    std::fs::create_dir_all(&root).unwrap();
    let mut l = Ledger::create(&path)
        .unwrap()
        .with_actor("山田 太郎")
        .with_backups(BackupConfig {
            root,
            retention: Retention::default(),
        });
    demo::generate(
        &mut l,
        DemoConfig {
            cards: 30,
            seed: 5,
            today: None,
            ..DemoConfig::default()
        },
    )
    .unwrap();
    l
}

#[test]
fn every_report_handover_file_and_backup_is_logged_with_who_what_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = demo_ledger(dir.path());
    assert!(
        l.copies().unwrap().is_empty(),
        "a new ledger has copied nothing"
    );

    let list = dir.path().join("active.xlsx");
    let request = ReportRequest {
        kind: ReportKind::List,
        lang: Lang::Ja,
        query: CardQuery {
            status: Some(CardStatus::Active),
            ..CardQuery::default()
        },
        ..ReportRequest::default()
    };
    let outcome = l
        .export_report(&request, &list, Existing::Refuse, &mut |_, _| {})
        .unwrap();
    let owner: String = l
        .connection()
        .query_row(
            "SELECT owner FROM cards WHERE owner <> '' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let selection = HandoverSelection {
        owner: Some(owner.clone()),
        card_ids: vec![],
        to_owner: "後任 花子".into(),
        passphrase: Some("handover passphrase".into()),
        recipient: None,
        lend: false,
        lend_until: None,
    };
    let bundle = dir.path().join("handover.daicho-handover");
    let sheet = dir.path().join("handover.xlsx");
    let (made, _) = l
        .handover_export_with_report(&selection, &bundle, &sheet, Lang::Ja, Existing::Refuse)
        .unwrap();
    let backed_up = l.backup_now(BackupReason::Manual).unwrap();

    let log = l.copies().unwrap();
    let kinds: Vec<(CopyKind, &str)> = log.iter().map(|e| (e.kind, e.what.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (CopyKind::Backup, "manual"),
            (CopyKind::Report, "handover"),
            (CopyKind::Handover, "後任 花子"),
            (CopyKind::Report, "list"),
        ]
    );
    let report = &log[3];
    assert_eq!(report.actor, "山田 太郎");
    assert_eq!(report.cards, Some(outcome.rows));
    assert_eq!(Path::new(&report.target), list.as_path());
    assert_eq!(
        report
            .filter
            .iter()
            .map(|p| (p.key.as_str(), p.value.as_str()))
            .collect::<Vec<_>>(),
        vec![("status", "active")]
    );
    let handover = &log[2];
    assert_eq!(handover.cards, Some(made.cards));
    assert_eq!(Path::new(&handover.target), bundle.as_path());
    assert!(handover
        .filter
        .iter()
        .any(|p| p.key == "owner" && p.value == owner));
    assert!(handover
        .filter
        .iter()
        .any(|p| p.key == "bundle" && p.value == made.bundle_id));
    assert_eq!(Path::new(&log[1].target), sheet.as_path());
    assert_eq!(Path::new(&log[0].target), Path::new(&backed_up.path));
    assert_eq!(log[0].cards, Some(30));
}

#[test]
fn the_log_cannot_be_changed_or_emptied_even_with_sql() {
    let dir = tempfile::tempdir().unwrap();
    let l = demo_ledger(dir.path());
    l.backup_now(BackupReason::Manual).unwrap();
    let conn = l.connection();
    for sql in [
        "UPDATE copies_log SET target = 'nowhere'",
        "DELETE FROM copies_log",
    ] {
        let e = conn.execute(sql, []).unwrap_err();
        assert!(e.to_string().contains("never changed"), "{sql}: {e}");
    }
    assert_eq!(l.copies().unwrap().len(), 1);
}

#[test]
fn a_file_that_cannot_be_written_is_not_logged() {
    let dir = tempfile::tempdir().unwrap();
    let l = demo_ledger(dir.path());
    let taken = dir.path().join("taken.xlsx");
    std::fs::write(&taken, "someone else's file").unwrap();
    let request = ReportRequest::default();
    assert!(l
        .export_report(&request, &taken, Existing::Refuse, &mut |_, _| {})
        .is_err());
    let nowhere = dir.path().join("no-such-folder").join("list.xlsx");
    assert!(l
        .export_report(&request, &nowhere, Existing::Refuse, &mut |_, _| {})
        .is_err());
    assert!(l.copies().unwrap().is_empty());
}

#[test]
fn a_restore_keeps_the_log_of_the_ledger_it_replaces_and_logs_itself() {
    let dir = tempfile::tempdir().unwrap();
    let l = demo_ledger(dir.path());
    let path = l.path().unwrap().to_owned();
    let root = l.backup_config().unwrap().root.clone();
    let old = l.backup_now(BackupReason::Manual).unwrap();
    let later = dir.path().join("later.xlsx");
    l.export_report(
        &ReportRequest::default(),
        &later,
        Existing::Refuse,
        &mut |_, _| {},
    )
    .unwrap();
    drop(l);

    backup::restore(Path::new(&old.path), &path, &root, Utc::now(), "鈴木 一郎").unwrap();
    let log = daicho_core::copies::list_at(&path).unwrap();
    let kinds: Vec<CopyKind> = log.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            CopyKind::Restore,
            CopyKind::Backup,
            CopyKind::Report,
            CopyKind::Backup
        ],
        "{log:#?}"
    );
    assert!(log[0]
        .filter
        .iter()
        .any(|p| p.key == "from" && Path::new(&p.value) == Path::new(&old.path)));
    assert_eq!(
        Path::new(&log[2].target),
        later.as_path(),
        "the report made after the backup is still logged"
    );
    assert_eq!(
        log[1].what, "restore",
        "the ledger before the restore was backed up"
    );
}

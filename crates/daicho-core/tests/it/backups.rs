//! Backups that happen by themselves, restores that can be undone, files written whole and
//! never over a ledger, and a full disk that costs nothing.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use daicho_core::backup::{self, BackupInfo, BackupReason, Retention};
use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::Coded;
use daicho_core::ids::CardId;
use daicho_core::many_cards::bulk::BulkChange;
use daicho_core::output::{self, Existing, Staged};
use daicho_core::report::{ReportKind, ReportRequest};
use daicho_core::{BackupConfig, Ledger};
use sha2::{Digest, Sha256};

use super::organisation;

fn demo_ledger(dir: &Path, cards: u32) -> PathBuf {
    let path = dir.join("mine.daicho");
    let mut l = Ledger::create(&path).unwrap();
    demo::generate(
        &mut l,
        DemoConfig {
            cards,
            seed: 3,
            today: None,
            ..DemoConfig::default()
        },
    )
    .unwrap();
    path
}

fn config(dir: &Path) -> BackupConfig {
    let root = dir.join("backups");
    std::fs::create_dir_all(&root).unwrap();
    BackupConfig {
        root,
        retention: Retention::default(),
    }
}

/// A hash of every row of every table, in rowid order: equal hashes, equal ledgers. The copies
/// log is left out: it records the backups and restores themselves, and a restore keeps the
/// ledger's own log (`copies::a_restore_keeps_the_log_of_the_ledger_it_replaces...`).
fn content_hashes(path: &Path) -> Vec<(String, String)> {
    let conn = daicho_core::crypto::open(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .filter(|t| {
            !t.contains("_data")
                && !t.contains("_idx")
                && !t.contains("_docsize")
                && !t.contains("_config")
                && t != "copies_log"
        })
        .map(|table| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = stmt.column_count();
            let mut hash = Sha256::new();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                for i in 0..columns {
                    let v: rusqlite::types::Value = row.get(i).unwrap();
                    hash.update(format!("{v:?}\u{1f}").as_bytes());
                }
                hash.update(b"\x1e");
            }
            (table, format!("{:x}", hash.finalize()))
        })
        .collect()
}

#[test]
fn a_restore_brings_back_every_table_exactly_and_can_itself_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 60);
    let cfg = config(dir.path());
    let l = Ledger::open_backed_up(&path, cfg.clone()).unwrap();
    let made = l.backup_now(BackupReason::Manual).unwrap();
    assert!(backup::check(Path::new(&made.path)).ok);
    let backed_up = content_hashes(Path::new(&made.path));
    assert_eq!(backed_up, content_hashes(&path), "a backup is the ledger");

    // Work goes on after the backup, then the rep restores it.
    let mut l = l;
    l.create_card(&organisation("株式会社あとから", "アトカラ"))
        .unwrap();
    let after = content_hashes(&path);
    drop(l);
    let outcome = backup::restore(Path::new(&made.path), &path, &cfg.root, Utc::now(), "").unwrap();
    assert_eq!(content_hashes(&path), backed_up, "every table as backed up");

    // The ledger as it was before the restore is itself a backup: restoring it undoes the restore.
    let previous = outcome.previous.unwrap();
    assert_eq!(previous.reason, BackupReason::Restore);
    backup::restore(Path::new(&previous.path), &path, &cfg.root, Utc::now(), "").unwrap();
    assert_eq!(content_hashes(&path), after);
    assert!(Ledger::open(&path).is_ok());
}

#[test]
fn a_backup_restores_into_a_new_file_and_a_damaged_backup_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 20);
    let cfg = config(dir.path());
    let made = Ledger::open_backed_up(&path, cfg.clone())
        .unwrap()
        .backup_now(BackupReason::Manual)
        .unwrap();
    let copy = dir.path().join("copy.daicho");
    backup::restore(Path::new(&made.path), &copy, &cfg.root, Utc::now(), "").unwrap();
    assert_eq!(content_hashes(&copy), content_hashes(Path::new(&made.path)));

    // A backup cut short on its way (a copy to a stick pulled out half-way) is found by the
    // check and refused.
    let bad = dir.path().join("bad.daicho");
    let bytes = std::fs::read(&made.path).unwrap();
    std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
    let verdict = backup::check(&bad);
    assert!(!verdict.ok);
    assert_eq!(verdict.problem.as_deref(), Some("backup.damaged"));
    let before = std::fs::read(&path).unwrap();
    let e = backup::restore(&bad, &path, &cfg.root, Utc::now(), "").unwrap_err();
    assert_eq!(e.code(), "backup.damaged");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the ledger is untouched"
    );
    // Not a ledger at all.
    std::fs::write(dir.path().join("notes.txt"), "メモ").unwrap();
    assert_eq!(
        backup::restore(
            &dir.path().join("notes.txt"),
            &path,
            &cfg.root,
            Utc::now(),
            ""
        )
        .unwrap_err()
        .code(),
        "backup.not_a_backup"
    );
}

#[test]
fn opening_makes_the_daily_backup_once_a_day_and_every_many_row_step_makes_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 30);
    let cfg = config(dir.path());
    let mut l = Ledger::open_backed_up(&path, cfg)
        .unwrap()
        .with_actor("山田");
    let daily = l.backup_if_due().unwrap().unwrap();
    assert_eq!(daily.reason, BackupReason::Daily);
    assert!(l.backup_if_due().unwrap().is_none(), "not twice a day");

    let ids: Vec<CardId> = l
        .list_cards(&daicho_core::card_list::CardQuery {
            limit: 10,
            ..Default::default()
        })
        .unwrap()
        .rows
        .iter()
        .take(3)
        .map(|r| r.id.clone())
        .collect();
    l.bulk_change(
        &ids,
        &BulkChange {
            owner: Some("後任 花子".into()),
            ..BulkChange::default()
        },
    )
    .unwrap();
    l.merge_cards(&ids[0], &ids[1]).unwrap();
    let reasons: Vec<BackupReason> = l.backups().unwrap().iter().map(|b| b.reason).collect();
    assert!(reasons.contains(&BackupReason::Bulk), "{reasons:?}");
    assert!(reasons.contains(&BackupReason::Merge), "{reasons:?}");
    // Each backup holds the ledger as it was before its step.
    let before_bulk = l
        .backups()
        .unwrap()
        .into_iter()
        .find(|b| b.reason == BackupReason::Bulk)
        .unwrap();
    let counts = backup::check(Path::new(&before_bulk.path)).counts.unwrap();
    assert_eq!(counts.cards, 30);
    // Private files: readable by the user only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [path.clone(), PathBuf::from(&before_bulk.path)] {
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{} is {mode:o}", file.display());
        }
    }
}

#[test]
fn a_backup_folder_that_is_not_there_is_said_not_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 5);
    // The USB stick the rep chose is not plugged in.
    let stick = dir.path().join("media").join("usb");
    let cfg = BackupConfig {
        root: stick.clone(),
        retention: Retention::default(),
    };
    let l = Ledger::open_backed_up(&path, cfg).unwrap();
    let e = l.backup_now(BackupReason::Manual).unwrap_err();
    assert_eq!(e.code(), "backup.folder_missing");
    assert!(
        !stick.exists() && !dir.path().join("media").exists(),
        "nothing made in its place"
    );
    let message = daicho_core::i18n::error_message(daicho_core::i18n::Lang::Ja, &e.report());
    assert!(message.contains("USBメモリ"), "{message}");
}

#[test]
fn upgrading_an_old_ledger_backs_it_up_first_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger-v1.daicho");
    let path = dir.path().join("old.daicho");
    std::fs::copy(&fixture, &path).unwrap();
    let cfg = config(dir.path());
    let l = Ledger::open_backed_up(&path, cfg).unwrap();
    // Listed with the ledger's other backups, though the old ledger had no id when it was made.
    let upgrade = l
        .backups()
        .unwrap()
        .into_iter()
        .find(|b| b.reason == BackupReason::Upgrade)
        .expect("the upgrade backup is listed");
    let found = PathBuf::from(upgrade.path);
    assert_eq!(backup::check(&found).counts.unwrap().schema_version, 1);
    // Backed up once: no second copy beside the ledger.
    assert!(!dir.path().join("old.daicho.schema1.bak").exists());
}

fn at(days_ago: i64, hour: u32, now: DateTime<Utc>, reason: BackupReason) -> BackupInfo {
    let t = now - Duration::days(days_ago) - Duration::hours(i64::from(hour));
    BackupInfo {
        path: format!("{}-{hour}-{}", t.to_rfc3339(), reason.as_str()),
        taken_at: t.to_rfc3339(),
        reason,
        size: 1.0,
    }
}

#[test]
fn retention_keeps_seven_days_four_weeks_twelve_months_and_a_month_of_step_backups() {
    let now: DateTime<Utc> = "2026-12-04T12:00:00Z".parse().unwrap();
    let mut all = Vec::new();
    for day in 0..500 {
        all.push(at(day, 0, now, BackupReason::Daily));
        all.push(at(day, 2, now, BackupReason::Daily)); // a second one that day: the older goes
    }
    for day in [1, 10, 29, 31, 90] {
        all.push(at(day, 1, now, BackupReason::Import));
    }
    all.push(at(400, 3, now, BackupReason::Manual));
    let gone = backup::to_remove(&all, &Retention::default(), now);
    let kept: Vec<&BackupInfo> = all.iter().filter(|b| !gone.contains(b)).collect();
    let daily = kept
        .iter()
        .filter(|b| b.reason == BackupReason::Daily)
        .count();
    // 7 days; weeks and months overlap them in part: at most 7 + 4 + 12.
    assert!((12..=23).contains(&daily), "{daily} daily kept");
    let days: std::collections::BTreeSet<i64> = kept
        .iter()
        .filter(|b| b.reason == BackupReason::Daily)
        .map(|b| (now - b.time().unwrap()).num_days())
        .collect();
    for d in 0..7 {
        assert!(days.contains(&d), "day {d} is kept: {days:?}");
    }
    assert!(
        days.iter().any(|d| (300..366).contains(d)),
        "a month near a year ago: {days:?}"
    );
    assert!(
        !days.iter().any(|d| *d > 366),
        "nothing older than twelve months: {days:?}"
    );
    let steps: Vec<i64> = kept
        .iter()
        .filter(|b| b.reason == BackupReason::Import)
        .map(|b| (now - b.time().unwrap()).num_days())
        .collect();
    assert_eq!(steps, vec![1, 10, 29]);
    assert!(
        kept.iter().any(|b| b.reason == BackupReason::Manual),
        "asked-for backups stay"
    );
}

#[test]
fn nothing_is_written_over_a_ledger_or_an_unconfirmed_file_and_a_failed_file_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 10);
    let l = Ledger::open(&path).unwrap();
    let request = ReportRequest {
        kind: ReportKind::List,
        ..ReportRequest::default()
    };
    let before = std::fs::read(&path).unwrap();
    for existing in [Existing::Refuse, Existing::Replace] {
        let e = l
            .export_report(&request, &path, existing, &mut |_, _| {})
            .unwrap_err();
        assert_eq!(e.code(), "output.is_ledger");
    }
    // A ledger renamed to look like a report is still a ledger.
    let disguised = dir.path().join("list.xlsx");
    std::fs::copy(&path, &disguised).unwrap();
    assert_eq!(
        l.export_report(&request, &disguised, Existing::Replace, &mut |_, _| {})
            .unwrap_err()
            .code(),
        "output.is_ledger"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let report = dir.path().join("report.xlsx");
    std::fs::write(&report, "an earlier report").unwrap();
    assert_eq!(
        l.export_report(&request, &report, Existing::Refuse, &mut |_, _| {})
            .unwrap_err()
            .code(),
        "output.exists"
    );
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "an earlier report"
    );
    l.export_report(&request, &report, Existing::Replace, &mut |_, _| {})
        .unwrap();
    assert!(output::is_ledger(&path) && !output::is_ledger(&report));

    // A staged file that is never committed leaves nothing, and a new ledger's temporary name
    // never blocks its own name.
    let staged = Staged::new(&dir.path().join("half.xlsx"), Existing::Refuse).unwrap();
    std::fs::write(staged.path(), "half").unwrap();
    drop(staged);
    assert!(!dir.path().join("half.xlsx").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_full_disk_refuses_the_write_in_plain_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 20);
    let hashes = content_hashes(&path);
    let mut l = Ledger::open(&path).unwrap();
    // SQLite's own limit stands in for a full disk: the next page it needs is refused.
    let pages: i64 = l
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    l.connection()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let mut big = organisation("株式会社満杯", "マンパイ");
    big.notes = "長い備考。".repeat(4000);
    let mut refused = None;
    for _ in 0..50 {
        if let Err(e) = l.create_card(&big) {
            refused = Some(e);
            break;
        }
    }
    let e = refused.expect("the disk fills up");
    assert_eq!(e.code(), "disk.full");
    let message = daicho_core::i18n::error_message(daicho_core::i18n::Lang::Ja, &e.report());
    assert!(message.contains("ディスクがいっぱい"), "{message}");
    assert!(!message.contains("database or disk is full"), "{message}");
    drop(l);
    let after = content_hashes(&path);
    // Only the cards saved before the disk filled are new; the refused one left nothing.
    assert_eq!(after.len(), hashes.len());
    assert_eq!(
        daicho_core::db::integrity_check(
            &daicho_core::crypto::open(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
        )
        .unwrap(),
        "ok"
    );
}

#[test]
fn an_import_and_a_take_over_on_a_full_disk_write_nothing() {
    use daicho_core::handover::{HandoverSelection, TakeOverRequest};
    use daicho_core::import::ImportRequest;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 20);
    // A colleague's cards to take over, and a list to import.
    let theirs = dir.path().join("theirs.daicho");
    let mut t = Ledger::create(&theirs).unwrap();
    demo::generate(
        &mut t,
        DemoConfig {
            cards: 40,
            seed: 8,
            today: None,
            ..DemoConfig::default()
        },
    )
    .unwrap();
    let bundle = dir.path().join("theirs.daicho-handover");
    let owner = t.facets().unwrap().owners[0].clone();
    t.handover_export(
        &HandoverSelection {
            owner: Some(owner),
            card_ids: vec![],
            to_owner: "後任".into(),
            passphrase: Some(super::handover::PASS.into()),
            recipient: None,
            lend: false,
            lend_until: None,
        },
        &bundle,
        Existing::Refuse,
    )
    .unwrap();
    let csv = dir.path().join("list.csv");
    let mut text = String::from("会社名,電話番号\n");
    for n in 0..400 {
        text.push_str(&format!("取込{n}株式会社,03-4444-{n:04}\n"));
    }
    std::fs::write(&csv, text).unwrap();

    let hashes = content_hashes(&path);
    let mut l = Ledger::open(&path).unwrap();
    let pages: i64 = l
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    l.connection()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let e = l
        .import_apply(&csv, &ImportRequest::default(), 400, &mut |_, _| true)
        .unwrap_err();
    assert_eq!(e.code(), "disk.full");
    let e = l
        .take_over(
            &bundle,
            &TakeOverRequest {
                choices: vec![],
                confirmed_by: "後任".into(),
                passphrase: Some(super::handover::PASS.into()),
                signer: super::handover::signer_of(&bundle),
                resolutions: vec![],
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "disk.full");
    drop(l);
    assert_eq!(content_hashes(&path), hashes, "nothing was written");
}

#[test]
fn a_second_window_cannot_open_a_ledger_and_is_told_which_process_has_it() {
    use daicho_core::instance::LedgerLock;
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 5);
    let first = LedgerLock::take(dir.path(), &path).unwrap();
    let e = LedgerLock::take(dir.path(), &path).unwrap_err();
    assert_eq!(e.code(), "ledger.in_use");
    assert_eq!(e.params()["pid"], std::process::id().to_string());
    let message = daicho_core::i18n::error_message(daicho_core::i18n::Lang::Zh, &e.report());
    assert!(message.contains("另一个台账窗口"), "{message}");
    // Another ledger is free, and the first is free again once its window lets it go.
    assert!(LedgerLock::take(dir.path(), &dir.path().join("other.daicho")).is_ok());
    drop(first);
    assert!(LedgerLock::take(dir.path(), &path).is_ok());
}

#[test]
fn the_card_report_prints_any_number_of_cards_a_sheet_per_thousand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.daicho");
    let mut l = Ledger::create(&path).unwrap();
    daicho_core::demo::bulk::cards_with_sales(
        &mut l,
        5_000,
        0,
        1,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    )
    .unwrap();
    let out = dir.path().join("cards.xlsx");
    let written = l
        .export_report(
            &ReportRequest {
                kind: ReportKind::Card,
                ..ReportRequest::default()
            },
            &out,
            Existing::Refuse,
            &mut |_, _| {},
        )
        .unwrap();
    assert_eq!(written.rows, 5_000);
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names().len(), 5);
}

#[test]
fn what_a_killed_demo_left_is_swept_when_the_name_is_used_again() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("demo.daicho");
    // A demo killed half-way: its temporary ledger and WAL, held by no one.
    let mut half = daicho_core::NewLedger::start(&target).unwrap();
    half.ledger()
        .create_card(&organisation("途中株式会社", "トチュウ"))
        .unwrap();
    let leftover: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    std::mem::forget(half); // as SIGKILL does: no cleanup runs
    assert!(!leftover.is_empty());
    // A demo being made right now beside it is left alone.
    let mut busy = daicho_core::NewLedger::start(&dir.path().join("other.daicho")).unwrap();
    busy.ledger()
        .create_card(&organisation("作成中株式会社", "サクセイチュウ"))
        .unwrap();

    let again = daicho_core::NewLedger::start(&target)
        .unwrap()
        .finish()
        .unwrap();
    drop(again);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".demo.daicho."))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| e
            .file_name()
            .to_string_lossy()
            .starts_with(".other.daicho.")),
        "a ledger in the making is not touched"
    );
    drop(busy);
}

#[test]
fn backups_made_while_cards_are_saved_are_each_one_whole_moment_of_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 20);
    let folder = dir.path().join("backups").join("mine");
    std::fs::create_dir_all(folder.parent().unwrap()).unwrap();
    let before = Ledger::open(&path)
        .unwrap()
        .list_cards(&Default::default())
        .unwrap()
        .total;
    let saving = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (path, saving) = (path.clone(), saving.clone());
        std::thread::spawn(move || {
            let mut ledger = Ledger::open(&path).unwrap();
            let mut saved = 0;
            while saving.load(std::sync::atomic::Ordering::Relaxed) || saved < 40 {
                if let Err(e) =
                    ledger.create_card(&organisation(&format!("並行商事{saved}"), "へいこう"))
                {
                    panic!("save {saved} beside the backups: {e:?}");
                }
                saved += 1;
                // Pacing, not waiting: a rep's saves are never back to back, and a writer that
                // never lets go starves any other writer (the copies log's line) under SQLite's
                // busy wait.
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            saved
        })
    };
    let mut made = Vec::new();
    for _ in 0..6 {
        match backup::make(&path, &folder, BackupReason::Manual, Utc::now(), "") {
            Ok(b) => made.push(b),
            Err(e) => panic!("backup beside the saves: {e:?}"),
        }
    }
    saving.store(false, std::sync::atomic::Ordering::Relaxed);
    let saved = writer.join().unwrap();
    let mut seen = Vec::new();
    for b in &made {
        let verdict = backup::check(Path::new(&b.path));
        assert!(verdict.ok, "{verdict:?}");
        assert!(verdict.encrypted);
        let cards = verdict.counts.unwrap().cards;
        assert!((before..=before + saved).contains(&cards), "{cards}");
        // Every card a backup holds has its creation in the history: no half-saved card.
        let conn = daicho_core::crypto::open(
            Path::new(&b.path),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let orphans: i64 = conn
            .query_row(
                "SELECT count(*) FROM cards WHERE id NOT IN (SELECT card_id FROM card_history)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
        seen.push(cards);
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
}

#[test]
fn a_reader_that_holds_the_wal_does_not_stop_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 10);
    let mut ledger = Ledger::open(&path).unwrap();
    ledger
        .create_card(&organisation("読み手商店", "よみて"))
        .unwrap();
    // Another connection reads a moment that is still in the WAL, and stays there.
    let reader =
        daicho_core::crypto::open(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
        .unwrap();
    ledger
        .create_card(&organisation("後の商店", "あと"))
        .unwrap();
    let folder = dir.path().join("mine-backups");
    let made = backup::make(&path, &folder, BackupReason::Manual, Utc::now(), "").unwrap();
    let verdict = backup::check(Path::new(&made.path));
    assert!(verdict.ok, "{verdict:?}");
    assert_eq!(
        verdict.counts.unwrap().cards,
        ledger.list_cards(&Default::default()).unwrap().total
    );
    reader.execute_batch("COMMIT").unwrap();
}

#[test]
fn one_changed_byte_anywhere_in_a_backup_is_found_by_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_ledger(dir.path(), 20);
    let made = backup::make(
        &path,
        &dir.path().join("b"),
        BackupReason::Manual,
        Utc::now(),
        "",
    )
    .unwrap();
    let bytes = std::fs::read(&made.path).unwrap();
    // Past the first page, in the last page and in the middle: pages SQLite's own structure
    // check may never read (free space in a page) are still authenticated.
    for at in [5000, bytes.len() / 2, bytes.len() - 10] {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        let bad = dir.path().join(format!("bad{at}.daicho"));
        std::fs::write(&bad, &changed).unwrap();
        let verdict = backup::check(&bad);
        assert!(!verdict.ok, "a change at byte {at} was not found");
        assert_eq!(verdict.problem.as_deref(), Some("backup.damaged"));
    }
}

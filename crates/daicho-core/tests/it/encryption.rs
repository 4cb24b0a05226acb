//! Encryption at rest: what a finder of the laptop (or of a backup stick) can read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use daicho_core::backup::{BackupReason, Retention};
use daicho_core::crypto::keychain::{self, Keychain, MemoryStore};
use daicho_core::crypto::{self, KeyKind, Secret};
use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::Coded;
use daicho_core::{BackupConfig, Ledger};
use rusqlite::OpenFlags;
use zeroize::Zeroizing;

use super::organisation;

fn passphrase(text: &str) -> Secret {
    Secret::Passphrase(Zeroizing::new(text.to_owned()))
}

fn backups_in(dir: &Path) -> BackupConfig {
    let root = dir.join("backups");
    std::fs::create_dir_all(&root).unwrap();
    BackupConfig {
        root,
        retention: Retention::default(),
    }
}

/// Every file under `dir`, however deep.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Up to three of the longest stored texts of every text column of every table: names,
/// addresses, contact notes, intelligence, products, history entries, search keys...
fn stored_texts(ledger: &Ledger) -> Vec<(String, String)> {
    let conn = ledger.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%\\_data' ESCAPE '\\' AND name NOT LIKE '%\\_idx' ESCAPE '\\' AND name NOT LIKE '%\\_docsize' ESCAPE '\\' AND name NOT LIKE '%\\_config' ESCAPE '\\' AND name NOT LIKE '%\\_content' ESCAPE '\\'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut texts = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for column in columns {
            let sql = format!(
                "SELECT DISTINCT \"{column}\" FROM \"{table}\" WHERE typeof(\"{column}\") = 'text' AND length(CAST(\"{column}\" AS BLOB)) >= 10 ORDER BY length(\"{column}\") DESC LIMIT 3"
            );
            let values: Vec<String> = conn
                .prepare(&sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            texts.extend(values.into_iter().map(|v| (format!("{table}.{column}"), v)));
        }
    }
    texts
}

#[test]
fn no_customer_text_is_in_the_bytes_of_the_ledger_its_wal_its_backups_or_any_file_beside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.daicho");
    let mut ledger = Ledger::create(&path)
        .unwrap()
        .with_backups(backups_in(dir.path()));
    demo::generate(
        &mut ledger,
        DemoConfig {
            cards: 60,
            seed: 11,
            today: None,
            ..DemoConfig::default()
        },
    )
    .unwrap();
    ledger.backup_now(BackupReason::Manual).unwrap();
    // Written after the backup and not yet checkpointed: in the WAL only.
    ledger
        .create_card(&organisation(
            "カナリア商事株式会社 canary-7f3a",
            "かなりあしょうじ",
        ))
        .unwrap();
    assert!(Path::new(&format!("{}-wal", path.display())).exists());

    let texts = stored_texts(&ledger);
    let tables: std::collections::BTreeSet<&str> = texts
        .iter()
        .map(|(c, _)| c.split('.').next().unwrap_or_default())
        .collect();
    for table in [
        "cards",
        "key_persons",
        "contacts",
        "notes",
        "planned_visits",
        "competitors",
        "transactions",
        "card_history",
        "search_keys",
    ] {
        assert!(
            tables.contains(table),
            "no stored text sampled from {table}: {tables:?}"
        );
    }
    let files = files_under(dir.path());
    assert!(files.len() >= 4, "{files:?}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for (column, text) in &texts {
            let found = memchr::memmem::find(&bytes, text.as_bytes()).is_some();
            assert!(
                !found,
                "{column} ({text:?}) is readable in {}",
                file.display()
            );
        }
    }
}

#[test]
fn a_ledger_from_before_encryption_is_encrypted_on_first_opening_with_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.daicho");
    // A plain ledger as Daicho wrote them before encryption: the same tables, no key.
    {
        let source = dir.path().join("source.daicho");
        let mut l = Ledger::create(&source).unwrap();
        l.create_card(&organisation("平文商事 plain-name-9c", "へいぶんしょうじ"))
            .unwrap();
        let conn = l.connection();
        std::fs::write(&path, b"").unwrap();
        conn.execute(
            &format!("ATTACH DATABASE '{}' AS plain KEY ''", path.display()),
            [],
        )
        .unwrap();
        conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))
            .unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        conn.execute_batch(&format!(
            "PRAGMA plain.user_version = {version}; PRAGMA plain.application_id = {}; DETACH DATABASE plain;",
            daicho_core::db::APPLICATION_ID
        ))
        .unwrap();
        drop(l);
        std::fs::remove_file(&source).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.windows(13).any(|w| w == b"plain-name-9c"),
        "the fixture is plain"
    );
    assert!(!crypto::is_encrypted(&path));
    // ...with a plain backup made by that Daicho.
    let config = backups_in(dir.path());
    let id = daicho_core::backup::id_of(&path).unwrap();
    let folder = daicho_core::backup::folder_for(&config.root, &path, &id);
    let old_backup =
        daicho_core::backup::make(&path, &folder, BackupReason::Manual, chrono::Utc::now(), "")
            .unwrap();
    assert!(!crypto::is_encrypted(Path::new(&old_backup.path)));

    let ledger = Ledger::open_backed_up(&path, config).unwrap();
    assert!(crypto::is_encrypted(&path));
    assert!(ledger.protection().unwrap().encrypted);
    let cards = ledger.list_cards(&Default::default()).unwrap();
    assert_eq!(cards.total, 1);
    assert!(crypto::is_encrypted(Path::new(&old_backup.path)));
    assert!(daicho_core::backup::check(Path::new(&old_backup.path)).ok);
    drop(ledger);
    for file in files_under(dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !bytes.windows(13).any(|w| w == b"plain-name-9c"),
            "{} is plain",
            file.display()
        );
    }
    assert!(Ledger::open(&path).is_ok());
}

#[test]
fn a_passphrase_ledger_is_locked_in_a_new_session_and_opens_with_its_passphrase_or_recovery_key() {
    keychain::use_memory_only();
    keychain::offer(passphrase("correct horse battery"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.daicho");
    let ledger = Ledger::create(&path).unwrap();
    assert_eq!(ledger.protection().unwrap().kind, KeyKind::Passphrase);
    // Showing the recovery key again asks for the passphrase.
    assert_eq!(
        ledger.recovery_key(None).unwrap_err().code(),
        "ledger.wrong_secret"
    );
    assert_eq!(
        ledger
            .recovery_key(Some(&passphrase("wrong horse battery")))
            .unwrap_err()
            .code(),
        "ledger.wrong_secret"
    );
    let recovery = ledger
        .recovery_key(Some(&passphrase("correct horse battery")))
        .unwrap();
    assert_eq!(recovery.split('-').count(), 13, "{}", recovery.as_str());
    drop(ledger);

    // A new session: nothing in memory, nothing offered.
    keychain::lock_all();
    assert_eq!(
        Ledger::open(&path).err().map(|e| e.code()),
        Some("ledger.locked")
    );
    let e = crypto::unlock(&path, &passphrase("wrong horse battery")).unwrap_err();
    assert_eq!(e.code(), "ledger.wrong_secret");
    assert_eq!(
        crypto::unlock(&path, &passphrase("short"))
            .unwrap_err()
            .code(),
        "ledger.weak_passphrase"
    );
    crypto::unlock(&path, &passphrase("correct horse battery")).unwrap();
    assert!(Ledger::open(&path).is_ok());

    keychain::lock_all();
    let typed = recovery.to_lowercase().replace('-', " ");
    crypto::unlock(&path, &Secret::RecoveryKey(Zeroizing::new(typed))).unwrap();
    assert!(Ledger::open(&path).is_ok());
    let bad = Secret::RecoveryKey(Zeroizing::new("ABCD-EFGH".into()));
    assert_eq!(
        crypto::unlock(&path, &bad).unwrap_err().code(),
        "ledger.bad_recovery_key"
    );
}

#[test]
fn a_new_passphrase_re_encrypts_the_ledger_and_its_backups_and_the_old_one_no_longer_opens_them() {
    keychain::use_memory_only();
    keychain::offer(passphrase("first passphrase"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.daicho");
    let mut ledger = Ledger::create(&path)
        .unwrap()
        .with_backups(backups_in(dir.path()));
    ledger
        .create_card(&organisation("鈴木商店", "すずきしょうてん"))
        .unwrap();
    let backup = ledger.backup_now(BackupReason::Manual).unwrap();
    let old_recovery = ledger
        .recovery_key(Some(&passphrase("first passphrase")))
        .unwrap();

    let e = ledger
        .change_passphrase(Some(&passphrase("not the passphrase")), "second passphrase")
        .unwrap_err();
    assert_eq!(e.code(), "ledger.wrong_secret");
    let new_recovery = ledger
        .change_passphrase(Some(&passphrase("first passphrase")), "second passphrase")
        .unwrap();
    assert_ne!(new_recovery.as_str(), old_recovery.as_str());
    drop(ledger);

    keychain::lock_all();
    for file in [path.clone(), PathBuf::from(&backup.path)] {
        assert_eq!(
            crypto::unlock(&file, &passphrase("first passphrase"))
                .unwrap_err()
                .code(),
            "ledger.wrong_secret"
        );
        let old = Secret::RecoveryKey(Zeroizing::new(old_recovery.to_string()));
        assert_eq!(
            crypto::unlock(&file, &old).unwrap_err().code(),
            "ledger.wrong_secret"
        );
        crypto::unlock(&file, &passphrase("second passphrase")).unwrap();
    }
    let l = Ledger::open(&path).unwrap();
    assert_eq!(l.list_cards(&Default::default()).unwrap().total, 1);
    assert!(daicho_core::backup::check(Path::new(&backup.path)).ok);
}

#[test]
fn with_a_keychain_a_new_ledger_needs_no_passphrase_and_opens_in_the_next_session() {
    let store: Arc<MemoryStore> = Arc::default();
    keychain::use_keychain(Keychain {
        durable: Some(store.clone()),
        session: None,
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.daicho");
    let ledger = Ledger::create(&path).unwrap();
    let protection = ledger.protection().unwrap();
    assert_eq!(protection.kind, KeyKind::Keychain);
    assert!(protection.keychain);
    let recovery = ledger.recovery_key(None).unwrap();
    drop(ledger);

    keychain::lock_all();
    assert!(Ledger::open(&path).is_ok(), "the keychain keeps the key");
    // Another computer: no keychain entry. The recovery key opens it.
    keychain::use_memory_only();
    keychain::lock_all();
    assert_eq!(
        Ledger::open(&path).err().map(|e| e.code()),
        Some("ledger.locked")
    );
    crypto::unlock(
        &path,
        &Secret::RecoveryKey(Zeroizing::new(recovery.to_string())),
    )
    .unwrap();
    assert!(Ledger::open(&path).is_ok());
}

#[test]
fn without_a_keychain_or_a_passphrase_no_ledger_is_made_with_a_key_that_would_be_lost() {
    keychain::use_memory_only();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.daicho");
    let e = Ledger::create(&path).err().unwrap();
    assert_eq!(e.code(), "ledger.needs_passphrase");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing is left"
    );
}

#[test]
fn a_file_is_opened_read_only_with_its_key_for_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.daicho");
    Ledger::create(&path).unwrap();
    let conn = crypto::open(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    assert_eq!(daicho_core::db::integrity_check(&conn).unwrap(), "ok");
    let raw =
        rusqlite::Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    assert!(raw
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
}

//! A backup of an encrypted ledger as an exact copy of its file. A backup carries the ledger's
//! key and salt, so its pages can be the ledger's own bytes: no page is decrypted and encrypted
//! again, and a backup costs little more than copying the file.
//!
//! The file is copied while this connection holds a read transaction that reads nothing from
//! the WAL (SQLite's read mark 0, had only when the WAL is empty): SQLite writes nothing into
//! the ledger file while such a reader is open (a checkpoint waits for it), so the bytes copied
//! are one moment of the ledger, while the window goes on saving into the WAL.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use xxhash_rust::xxh3::Xxh3;

use crate::db;
use crate::error::{BackupError, LedgerError};

/// How often the WAL is emptied again when a save came between emptying it and reading.
const TRIES: u32 = 5;

/// How long emptying the WAL waits for the window's saves and for readers, each try.
const CHECKPOINT_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

const CHUNK: usize = 1 << 20;

/// Copies the encrypted ledger at `source` into the (empty) file at `target` and checks the
/// copy: its bytes read back from `target` are the ledger's, and it opens under the ledger's key.
/// `Ok(false)` when the file is not encrypted after all or no moment without a WAL came (a
/// reader held the WAL the whole time): the caller copies page by page instead.
pub(crate) fn copy_file(source: &Path, target: &Path) -> Result<bool, BackupError> {
    // Opened first, so that a disk too full for SQLite's shared-memory file says so.
    let (conn, key) = crate::crypto::open_keyed(
        source,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let Some(key) = key else {
        return Ok(false);
    };
    conn.busy_timeout(db::BUSY_WAIT)?;
    for _ in 0..TRIES {
        if !read_without_wal(&conn, source)? {
            continue;
        }
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let page_size = page_size(&conn)?;
        let len = u64::try_from(pages.saturating_mul(page_size)).unwrap_or(0);
        let copied = copy_bytes(source, target, len);
        conn.execute_batch("COMMIT")?;
        let written = copied?;
        if hash_of(target)? != written {
            return Err(BackupError::Damaged {
                path: target.to_owned(),
                detail: "the copy differs from the ledger".into(),
            });
        }
        self_contained(target, &key)?;
        return Ok(true);
    }
    Ok(false)
}

/// Empties the WAL into the ledger and begins a read transaction; true when the transaction
/// reads the ledger file alone (the WAL was still empty when it began). A writer or another
/// checkpoint in the way is not an error: the caller tries again.
fn read_without_wal(conn: &Connection, source: &Path) -> Result<bool, BackupError> {
    match begin_without_wal(conn, source) {
        Err(e) if matches!(crate::error::storage_code(&e), "ledger.busy") => {
            if !conn.is_autocommit() {
                conn.execute_batch("COMMIT")?;
            }
            Ok(false)
        }
        other => Ok(other?),
    }
}

fn begin_without_wal(conn: &Connection, source: &Path) -> rusqlite::Result<bool> {
    // A reader that stays in the WAL is waited for only briefly: the page-by-page copy does
    // not need it gone. Busy is a row here, not an error.
    conn.busy_timeout(CHECKPOINT_WAIT)?;
    let busy = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    });
    conn.busy_timeout(db::BUSY_WAIT)?;
    if busy? != 0 {
        return Ok(false);
    }
    conn.execute_batch("BEGIN")?;
    let _: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    // The WAL cannot be emptied while a reader uses it, so an empty WAL seen after the read
    // began means the read began without it.
    let empty = std::fs::metadata(wal_of(source)).map_or(true, |m| m.len() == 0);
    if !empty {
        conn.execute_batch("COMMIT")?;
    }
    Ok(empty)
}

/// SQLCipher answers `page_size` itself, as text.
fn page_size(conn: &Connection) -> rusqlite::Result<i64> {
    use rusqlite::types::Value;
    Ok(
        match conn.query_row("PRAGMA page_size", [], |r| r.get::<_, Value>(0))? {
            Value::Integer(n) => n,
            Value::Text(t) => t.trim().parse().unwrap_or(0),
            _ => 0,
        },
    )
}

fn wal_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// Copies the first `len` bytes of `source` into `target`; returns their hash.
fn copy_bytes(source: &Path, target: &Path, len: u64) -> Result<u128, BackupError> {
    let io_at = |path: &Path| {
        let path = path.to_owned();
        move |e| LedgerError::Io { path, source: e }
    };
    let from = std::fs::File::open(source).map_err(io_at(source))?;
    let mut from = from.take(len);
    let mut to = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(target)
        .map_err(io_at(target))?;
    let mut hash = Xxh3::new();
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = from.read(&mut buf).map_err(io_at(source))?;
        if n == 0 {
            break;
        }
        hash.update(&buf[..n]);
        to.write_all(&buf[..n]).map_err(io_at(target))?;
        total += n as u64;
    }
    if total != len {
        return Err(BackupError::Damaged {
            path: source.to_owned(),
            detail: format!("the ledger file ends after {total} of {len} bytes"),
        });
    }
    to.sync_all().map_err(io_at(target))?;
    Ok(hash.digest128())
}

fn hash_of(path: &Path) -> Result<u128, BackupError> {
    let mut file = std::fs::File::open(path).map_err(|e| LedgerError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    let mut hash = Xxh3::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = file.read(&mut buf).map_err(|e| LedgerError::Io {
            path: path.to_owned(),
            source: e,
        })?;
        if n == 0 {
            return Ok(hash.digest128());
        }
        hash.update(&buf[..n]);
    }
}

/// Opens the copy under the ledger's key (its first page must decrypt and authenticate) and
/// makes it a file that needs no WAL beside it, as every backup is.
fn self_contained(target: &Path, key: &crate::crypto::LedgerKey) -> Result<(), BackupError> {
    let conn = crate::crypto::open_with_key(
        target,
        key,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version <= 0 {
        return Err(BackupError::NotABackup {
            path: target.to_owned(),
        });
    }
    let _: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    conn.close().map_err(|(_, e)| LedgerError::Sqlite(e))?;
    Ok(())
}

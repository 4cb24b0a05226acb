//! Encrypting a ledger or backup made before encryption: an encrypted copy is written beside it
//! under a temporary name, checked to hold every row of every table, and only then put in the
//! plain file's place. A failure at any point leaves the plain file as it was.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{attach, open_with_key, quiet, LedgerKey};
use crate::error::LedgerError;
use crate::output::Staged;

pub fn encrypt_plain_file(path: &Path, key: &LedgerKey) -> Result<(), LedgerError> {
    let plain = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    quiet(&plain)?;
    plain.busy_timeout(crate::db::BUSY_WAIT)?;
    // Nothing else writes while the copy is made: the plain file is held until it is replaced.
    plain.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    let version: i64 = plain.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let app_id: i64 = plain.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let staged = Staged::over_ledger(path)?;
    attach(&plain, staged.path(), "encrypted", key)?;
    plain.execute_batch("BEGIN IMMEDIATE")?;
    plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
    plain.execute_batch(&format!(
        "PRAGMA encrypted.user_version = {version}; PRAGMA encrypted.application_id = {app_id}; COMMIT;"
    ))?;
    plain.execute_batch("DETACH DATABASE encrypted")?;

    let copy = open_with_key(
        staged.path(),
        key,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let check: String = copy.pragma_query_value(None, "quick_check", |r| r.get(0))?;
    if check != "ok" || !same_rows(&plain, &copy)? {
        return Err(LedgerError::Corrupt {
            path: staged.path().to_owned(),
            detail: format!("the encrypted copy differs ({check})"),
        });
    }
    copy.pragma_update(None, "journal_mode", "WAL")?;
    copy.close().map_err(|(_, e)| e)?;
    plain.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
    plain.close().map_err(|(_, e)| e)?;
    staged.commit()?;
    crate::output::private(path);
    Ok(())
}

/// Whether every table has as many rows in `b` as in `a`, and the schema is the same.
fn same_rows(a: &Connection, b: &Connection) -> rusqlite::Result<bool> {
    let schema = |c: &Connection| -> rusqlite::Result<Vec<(String, String)>> {
        let mut stmt = c.prepare(
            "SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type IN ('table', 'index', 'trigger', 'view') ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect()
    };
    let tables = schema(a)?;
    if tables != schema(b)? {
        return Ok(false);
    }
    let mut stmt = a.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'",
    )?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for name in names {
        let sql = format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\""));
        let in_a: i64 = a.query_row(&sql, [], |r| r.get(0))?;
        let in_b: i64 = b.query_row(&sql, [], |r| r.get(0))?;
        if in_a != in_b {
            return Ok(false);
        }
    }
    Ok(true)
}

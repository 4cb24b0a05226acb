//! The copies log: every file that took customer data out of the ledger (a report, a handover
//! file, a backup) and every restore, with who, when, what, how many cards and where it was
//! written. Kept in the ledger itself and never changed: the table refuses updates and deletes.
//!
//! A copy is logged in the same step that gives the file its name: the log row is written in a
//! transaction that commits only once the file is whole, so a logged copy exists and a copy
//! that exists is logged.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::error::LedgerError;
use crate::output::{OutputError, Staged};

pub(crate) mod naming;

api_enum!(
    /// What kind of copy left the ledger.
    CopyKind {
        Report = "report",
        Handover = "handover",
        Backup = "backup",
        Restore = "restore",
    }
);

/// One entry of the copies log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CopyEntry {
    /// Unique for ever (a restore carries the log of the ledger it replaces across by it).
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// Who made it (the name history records).
    pub actor: String,
    pub kind: CopyKind,
    /// The report kind, the successor of a handover, or the reason of a backup.
    pub what: String,
    /// The filter or selection that chose the cards, as `key: value` pairs.
    pub filter: Vec<FilterPart>,
    /// How many cards the file holds data of, where that is known.
    pub cards: Option<u32>,
    /// Where it was written.
    pub target: String,
}

/// One part of the filter that chose what a copy holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FilterPart {
    /// A message-catalog suffix: `copies.filter.KEY`.
    pub key: String,
    pub value: String,
    /// The message-catalog key that names `value` in the reader's language, when it is one of
    /// Daicho's own values (a status, a kind of contact...) rather than the rep's text.
    #[serde(default)]
    pub value_key: Option<String>,
}

impl FilterPart {
    pub fn new(key: &str, value: impl Into<String>) -> FilterPart {
        FilterPart {
            key: key.to_owned(),
            value: value.into(),
            value_key: None,
        }
    }

    /// A part whose value is named by the catalog key `PREFIX.VALUE`.
    pub fn named(key: &str, value: impl Into<String>, prefix: &str) -> FilterPart {
        let value = value.into();
        FilterPart {
            key: key.to_owned(),
            value_key: (!value.is_empty()).then(|| format!("{prefix}.{value}")),
            value,
        }
    }
}

/// A copy about to be logged.
pub struct NewCopy<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub kind: CopyKind,
    pub what: &'a str,
    pub filter: Vec<FilterPart>,
    pub cards: Option<u32>,
    pub target: &'a Path,
}

impl NewCopy<'_> {
    fn entry(&self) -> CopyEntry {
        CopyEntry {
            id: uuid::Uuid::now_v7().to_string(),
            at: self.at.to_owned(),
            actor: self.actor.to_owned(),
            kind: self.kind,
            what: self.what.to_owned(),
            filter: self.filter.clone(),
            cards: self.cards,
            target: absolute(self.target).display().to_string(),
        }
    }
}

/// `path` as the rep would find it again: absolute where it can be made so.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

fn insert(conn: &Connection, e: &CopyEntry) -> rusqlite::Result<()> {
    let filter = serde_json::to_string(&e.filter).unwrap_or_else(|_| "[]".into());
    conn.prepare_cached(
        "INSERT OR IGNORE INTO copies_log (uid, at, actor, kind, what, filter, cards, target)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(rusqlite::params![
        e.id,
        e.at,
        e.actor,
        e.kind.as_str(),
        e.what,
        filter,
        e.cards,
        e.target
    ])?;
    Ok(())
}

/// Logs `copies` and gives `files` their names in one transaction: when a file cannot take
/// its name nothing is logged and the files already named are removed; when the log cannot be
/// written after them, they are removed too. Returns where the files now are, in order.
pub(crate) fn logged<E>(
    conn: &Connection,
    copies: &[NewCopy<'_>],
    files: Vec<Staged>,
) -> Result<Vec<PathBuf>, E>
where
    E: From<rusqlite::Error> + From<OutputError>,
{
    logged_with(conn, copies, |_| Ok(()), files)
}

/// [`logged`], with `also` written in the same transaction (the marks of a handover).
///
/// A run killed after a file took its name and before the transaction commits would leave a
/// copy that is not logged: what is about to be named is recorded first (see [`naming`]), and
/// the next opening of the ledger removes such files.
pub(crate) fn logged_with<E>(
    conn: &Connection,
    copies: &[NewCopy<'_>],
    also: impl FnOnce(&Connection) -> rusqlite::Result<()>,
    files: Vec<Staged>,
) -> Result<Vec<PathBuf>, E>
where
    E: From<rusqlite::Error> + From<OutputError>,
{
    let intent = naming::Intent::record::<E>(conn, &files)?;
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    for copy in copies {
        insert(&tx, &copy.entry())?;
    }
    also(&tx)?;
    let mut named = Vec::with_capacity(files.len());
    for file in files {
        match file.commit() {
            Ok(path) => named.push(path),
            Err(e) => {
                remove_all(&named);
                drop(tx);
                intent.forget(conn);
                return Err(e.into());
            }
        }
    }
    intent.done(&tx)?;
    if let Err(e) = tx.commit() {
        remove_all(&named);
        intent.forget(conn);
        return Err(e.into());
    }
    Ok(named)
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// Logs one copy in the ledger at `ledger` through a connection of its own (a backup, which is
/// made beside whatever else has the ledger open).
pub fn record_at(ledger: &Path, copy: &NewCopy<'_>) -> Result<(), LedgerError> {
    let conn = crate::crypto::open(
        ledger,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(crate::db::BUSY_WAIT)?;
    if has_log(&conn)? {
        insert(&conn, &copy.entry())?;
    }
    Ok(())
}

/// Whether the ledger has a copies log yet (a backup of an older Daicho may not).
fn has_log(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'copies_log'",
        [],
        |r| r.get(0),
    )
}

/// The log, newest first.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<CopyEntry>> {
    if !has_log(conn)? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT uid, at, actor, kind, what, filter, cards, target FROM copies_log
         ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(3)?;
        let filter: String = r.get(5)?;
        Ok(CopyEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            kind: CopyKind::parse(&kind).unwrap_or(CopyKind::Report),
            what: r.get(4)?,
            filter: crate::db::json::parse(&filter)?,
            cards: r.get(6)?,
            target: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// Puts back into the ledger at `ledger` the entries of `kept` it lacks (after a restore
/// replaced it with a backup that was made before them).
pub(crate) fn carry_over(ledger: &Path, kept: &[CopyEntry]) -> Result<(), LedgerError> {
    let mut conn = crate::crypto::open(
        ledger,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(crate::db::BUSY_WAIT)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for entry in kept {
        insert(&tx, entry)?;
    }
    tx.commit()?;
    Ok(())
}

/// The log of the ledger at `path`, read without changing it.
pub fn list_at(path: &Path) -> Result<Vec<CopyEntry>, LedgerError> {
    let conn = crate::crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(list(&conn)?)
}

//! Backups of a ledger: whole copies of one moment of the ledger (consistent while it is in
//! use), checked under a temporary name and only then given their name, so a backup that exists
//! is whole. An encrypted ledger is copied byte for byte under its own key and the copy is
//! compared with the ledger ([`snapshot`]); a plain one through SQLite's online backup API, with
//! SQLite's `quick_check` of every stored table. "Check all backups" runs SQLCipher's check of
//! every page's authentication code and SQLite's full `integrity_check`. Each ledger's backups live in their own folder
//! under the backup folder, found by the ledger's id (`NAME-1a2b3c4d`), and are named by their
//! time and reason: `NAME_20261204-154500Z_daily.daicho`.

pub(crate) mod error;
mod keep;
mod restore;
mod snapshot;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};

use crate::db;
use crate::error::{BackupError, LedgerError};
use crate::output::{self, Existing, Staged};

pub use keep::{to_remove, Retention, MAX_KEEP};
pub use restore::{restore, RestoreOutcome};

api_enum!(
    /// Why a backup was made: the first opening of a day (`daily`), asked for (`manual`: "Back
    /// up now" or `daicho backup`), or before a step that changes many rows at once.
    BackupReason {
        Daily = "daily",
        Manual = "manual",
        Upgrade = "upgrade",
        Import = "import",
        TakeOver = "take_over",
        Merge = "merge",
        Bulk = "bulk",
        Restore = "restore",
        Removal = "removal",
    }
);

impl BackupReason {
    /// Made before a step (kept for a number of days), not on a schedule.
    pub fn is_before_step(self) -> bool {
        !matches!(self, BackupReason::Daily | BackupReason::Manual)
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupInfo {
    pub path: String,
    /// When it was made (RFC 3339, UTC).
    pub taken_at: String,
    pub reason: BackupReason,
    /// Bytes (a whole number; JavaScript's numbers hold it exactly below 8 PiB).
    pub size: f64,
}

impl BackupInfo {
    pub fn time(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.taken_at)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// What a backup (or a ledger) holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    /// Cards not in the trash.
    pub cards: u32,
    pub contacts: u32,
    pub notes: u32,
    pub transactions: u32,
    pub schema_version: u32,
}

/// The verdict on one backup (or ledger) file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckResult {
    pub path: String,
    /// SQLite's integrity check passed and the file is a Daicho ledger this Daicho can open.
    pub ok: bool,
    /// The error code when not ok (`backup.damaged`, `backup.not_a_backup`, `backup.too_new`).
    pub problem: Option<String>,
    pub counts: Option<Counts>,
    /// Whether the file is encrypted (every ledger and backup is, once a Daicho with encryption
    /// has opened it).
    pub encrypted: bool,
}

/// Where the backups of the ledger with `id` at `ledger` go under `root`.
pub fn folder_for(root: &Path, ledger: &Path, id: &str) -> PathBuf {
    root.join(format!("{}-{}", stem(ledger), short(id)))
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "ledger".into())
}

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

const TIME_FORMAT: &str = "%Y%m%d-%H%M%SZ";

fn file_name(ledger: &Path, at: DateTime<Utc>, reason: BackupReason, n: u32) -> String {
    let again = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!(
        "{}_{}_{}{again}.daicho",
        stem(ledger),
        at.format(TIME_FORMAT),
        reason.as_str()
    )
}

/// Reads the time and reason from a backup's file name; None for any other file.
fn parse_name(path: &Path) -> Option<(DateTime<Utc>, BackupReason)> {
    let name = path.file_name()?.to_str()?.strip_suffix(".daicho")?;
    let mut parts = name.rsplitn(3, '_');
    let reason = parts.next()?;
    let reason = reason.split_once('-').map_or(reason, |(r, _)| r);
    let time = parts.next()?;
    parts.next()?;
    let at = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?;
    Some((at.and_utc(), BackupReason::parse(reason)?))
}

/// Copies the ledger at `source` into a new backup in `folder`, checks it, and names it.
pub fn make(
    source: &Path,
    folder: &Path,
    reason: BackupReason,
    now: DateTime<Utc>,
    by: &str,
) -> Result<BackupInfo, BackupError> {
    // The backup folder itself must be there: a USB stick that is not plugged in must not
    // turn into an empty folder of the same name on the laptop's own disk.
    if let Some(root) = folder.parent().filter(|r| !r.as_os_str().is_empty()) {
        if !root.is_dir() {
            return Err(BackupError::FolderMissing {
                path: root.to_owned(),
            });
        }
    }
    std::fs::create_dir(folder)
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Ok(()),
            _ => Err(e),
        })
        .map_err(|e| BackupError::Folder {
            path: folder.to_owned(),
            source: e,
        })?;
    let mut n = 1;
    let target = loop {
        let candidate = folder.join(file_name(source, now, reason, n));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    copy_checked(source, &target, Existing::Refuse)
        .map_err(|e| full_disk_or(e, &[source, &target]))?;
    log_copy(source, &target, reason.as_str(), now, by)?;
    Ok(info(&target, now, reason))
}

/// Who a copy is logged as: `by`, else the login name.
pub(crate) fn who(by: &str) -> String {
    match by.trim() {
        "" => crate::settings::login_name(),
        name => name.to_owned(),
    }
}

/// Logs the backup at `target` in the copies log of `source`; a backup that cannot be logged
/// is removed (no copy leaves the ledger unlogged).
/// `by` is who made it (the login name when empty).
fn log_copy(
    source: &Path,
    target: &Path,
    what: &str,
    now: DateTime<Utc>,
    by: &str,
) -> Result<(), BackupError> {
    let at = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let cards = counts_of(target).ok().map(|c| c.cards);
    let copy = crate::copies::NewCopy {
        at: &at,
        actor: &who(by),
        kind: crate::copies::CopyKind::Backup,
        what,
        filter: Vec::new(),
        cards,
        target,
    };
    crate::copies::record_at(source, &copy).map_err(|e| {
        let _ = std::fs::remove_file(target);
        full_disk_or(e.into(), &[source])
    })
}

/// An I/O error told as a full disk when the disk of one of `places` is full (SQLite says "I/O
/// error" when it cannot make its shared-memory file on a full disk).
pub(crate) fn full_disk_or(e: BackupError, places: &[&Path]) -> BackupError {
    let io_like = match &e {
        BackupError::Storage(s) | BackupError::Ledger(LedgerError::Sqlite(s)) => {
            crate::error::storage_code(s) == "disk.io"
        }
        BackupError::Output(crate::error::OutputError::Io { .. })
        | BackupError::Ledger(LedgerError::Io { .. }) => true,
        _ => false,
    };
    match places.iter().find(|p| io_like && output::disk_is_full(p)) {
        Some(full) => {
            crate::error::OutputError::io(full, std::io::ErrorKind::StorageFull.into()).into()
        }
        None => e,
    }
}

/// A backup of `source` at exactly `target` (`daicho backup --to`), checked before it is named.
pub fn make_at(
    source: &Path,
    target: &Path,
    existing: Existing,
    by: &str,
) -> Result<(), BackupError> {
    copy_checked(source, target, existing).map_err(|e| full_disk_or(e, &[source, target]))?;
    log_copy(
        source,
        target,
        BackupReason::Manual.as_str(),
        Utc::now(),
        by,
    )
}

fn info(path: &Path, at: DateTime<Utc>, reason: BackupReason) -> BackupInfo {
    BackupInfo {
        path: path.display().to_string(),
        taken_at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        reason,
        size: std::fs::metadata(path).map_or(0.0, |m| m.len() as f64),
    }
}

/// A copy of `source` in a private temporary file beside `target`, checked, synced and renamed:
/// an encrypted ledger's own bytes ([`snapshot`]), else (a plain ledger not yet encrypted, or
/// a WAL that no moment left empty) its pages through the online backup API, each table's
/// structure checked.
fn copy_checked(source: &Path, target: &Path, existing: Existing) -> Result<(), BackupError> {
    if !output::is_ledger(source) {
        return Err(BackupError::NotABackup {
            path: source.to_owned(),
        });
    }
    let staged = Staged::new(target, existing)?;
    if crate::crypto::is_encrypted(source) && snapshot::copy_file(source, staged.path())? {
        staged.commit()?;
        return Ok(());
    }
    {
        let src = open_read_only(source)?;
        let mut dst = open_new_like(source, staged.path())?;
        // The copy is checked and synced as a whole below: no journal of its own is needed.
        dst.pragma_update(None, "journal_mode", "OFF")?;
        dst.pragma_update(None, "synchronous", "OFF")?;
        dst.pragma_update(None, "cache_size", CHECK_CACHE_KIB)?;
        copy_pages(&src, &mut dst)?;
        // A backup is one self-contained file: no WAL beside it.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        // The check reads the new file through a memory map: no one else has this private
        // temporary file, so it cannot shrink under the map.
        dst.pragma_update(None, "mmap_size", CHECK_MMAP_BYTES)?;
        let verdict = structure_check(&dst)?;
        if verdict != "ok" {
            return Err(BackupError::Damaged {
                path: target.to_owned(),
                detail: verdict,
            });
        }
        dst.close().map_err(|(_, e)| e)?;
    }
    staged.commit()?;
    Ok(())
}

/// The check a ledger gets when opened ([`db::stored_tables_check`]): on a 100,000-card ledger a
/// quarter of `integrity_check`'s time.
fn structure_check(conn: &Connection) -> rusqlite::Result<String> {
    db::stored_tables_check(conn)
}

/// Every page in one step (-1); a writer holding the ledger is waited for up to
/// [`db::BUSY_WAIT`], as any write waits.
pub(crate) fn copy_pages(src: &Connection, dst: &mut Connection) -> rusqlite::Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    let started = std::time::Instant::now();
    let backup = Backup::new(src, dst)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if started.elapsed() > db::BUSY_WAIT => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    None,
                ))
            }
            // Busy or locked: another connection is writing; its transaction is short.
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

/// A new file at `path` that will hold a copy of `source`'s pages: under `source`'s key (an
/// encrypted backup of an encrypted ledger, with its salt), or plain like a plain source.
pub(crate) fn open_new_like(source: &Path, path: &Path) -> Result<Connection, BackupError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if !crate::crypto::is_encrypted(source) {
        return Ok(crate::crypto::open(path, flags)?);
    }
    let key = crate::crypto::key_of(source).ok_or_else(|| LedgerError::Locked {
        path: source.to_owned(),
    })?;
    Ok(crate::crypto::open_with_key(path, &key, flags)?)
}

pub(crate) fn open_read_only(path: &Path) -> Result<Connection, BackupError> {
    let conn = crate::crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(db::BUSY_WAIT)?;
    conn.pragma_update(None, "cache_size", CHECK_CACHE_KIB)?;
    Ok(conn)
}

/// Page cache of a connection that copies or checks a whole ledger (KiB, as SQLite's negative
/// `cache_size`): the integrity check revisits index pages, and SQLite's 2 MiB default makes
/// it read them from the file again and again.
const CHECK_CACHE_KIB: i64 = -65_536;

/// How much of a new backup its check reads through a memory map (the whole of any ledger a
/// rep keeps; larger files are read the usual way beyond it).
const CHECK_MMAP_BYTES: i64 = 4 << 30;

/// Every backup of the ledger with `id` under `root` (in any folder named for it, so renaming
/// the ledger file loses none), newest first.
pub fn list(root: &Path, id: &str) -> Vec<BackupInfo> {
    let suffix = format!("-{}", short(id));
    let mut found = Vec::new();
    let Ok(folders) = std::fs::read_dir(root) else {
        return found;
    };
    for folder in folders.flatten() {
        let name = folder.file_name().to_string_lossy().into_owned();
        if id.is_empty() || !name.ends_with(&suffix) {
            continue;
        }
        let Ok(files) = std::fs::read_dir(folder.path()) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            if let Some((at, reason)) = parse_name(&path) {
                found.push(info(&path, at, reason));
            }
        }
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    found
}

/// Whether a new daily backup is due: none yet, or the newest is older than a day.
pub fn daily_due(backups: &[BackupInfo], now: DateTime<Utc>) -> bool {
    backups
        .iter()
        .filter_map(BackupInfo::time)
        .max()
        .is_none_or(|newest| now - newest >= chrono::Duration::days(1))
}

/// The daily backup of the ledger at `ledger` when the newest of its backups under `root` is
/// older than a day; then lets old ones go. Reads the ledger through its own connection, so it
/// may run beside the window's work.
pub fn daily_if_due(
    ledger: &Path,
    root: &Path,
    retention: &Retention,
    now: DateTime<Utc>,
    by: &str,
) -> Result<Option<BackupInfo>, BackupError> {
    let id = id_of(ledger)?;
    if !daily_due(&list(root, &id), now) {
        return Ok(None);
    }
    let made = make(
        ledger,
        &folder_for(root, ledger, &id),
        BackupReason::Daily,
        now,
        by,
    )?;
    prune(&list(root, &id), retention, now);
    Ok(Some(made))
}

/// What the backup (or ledger) at `path` holds, read without checking it whole.
pub fn counts_of(path: &Path) -> Result<Counts, BackupError> {
    Ok(counts(&open_read_only(path)?)?)
}

/// Deletes the backups in `backups` that `retention` no longer keeps; returns them.
pub fn prune(backups: &[BackupInfo], retention: &Retention, now: DateTime<Utc>) -> Vec<BackupInfo> {
    let mut removed = Vec::new();
    for gone in to_remove(backups, retention, now) {
        if std::fs::remove_file(&gone.path).is_ok() {
            removed.push(gone);
        }
    }
    removed
}

/// Checks a backup or ledger file without changing it: Daicho's, not newer than this Daicho,
/// SQLite's integrity check, and what it holds.
pub fn check(path: &Path) -> CheckResult {
    let verdict = (|| -> Result<Counts, BackupError> {
        if !output::is_ledger(path) {
            return Err(BackupError::NotABackup {
                path: path.to_owned(),
            });
        }
        let conn = open_read_only(path)?;
        let counts = counts(&conn)?;
        if i64::from(counts.schema_version) > db::latest_version() {
            return Err(BackupError::TooNew {
                path: path.to_owned(),
            });
        }
        let mut verdict = pages_check(&conn, path)?;
        if verdict.is_empty() {
            verdict = db::integrity_check(&conn)?;
        }
        if verdict != "ok" {
            return Err(BackupError::Damaged {
                path: path.to_owned(),
                detail: verdict,
            });
        }
        Ok(counts)
    })();
    let damaged = |e: &BackupError| match crate::error::Coded::code(e) {
        _ if matches!(e, BackupError::Storage(_)) => "backup.damaged".to_owned(),
        "ledger.damaged" | "ledger.corrupt" => "backup.damaged".to_owned(),
        other => other.to_owned(),
    };
    CheckResult {
        path: path.display().to_string(),
        encrypted: crate::crypto::is_encrypted(path),
        ok: verdict.is_ok(),
        problem: verdict.as_ref().err().map(damaged),
        counts: verdict.ok(),
    }
}

/// SQLCipher's check of every page's authentication code of an encrypted file (a page changed
/// by anything but its key fails it, even where SQLite's structure still holds): empty when all
/// pages pass or the file is plain.
fn pages_check(conn: &Connection, path: &Path) -> rusqlite::Result<String> {
    if !crate::crypto::is_encrypted(path) {
        return Ok(String::new());
    }
    let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(problems.join("; "))
}

/// What a ledger holds, in the few counts a rep recognises.
pub fn counts(conn: &Connection) -> rusqlite::Result<Counts> {
    // A backup made before a schema upgrade may lack the newer tables: they hold nothing.
    let count = |table: &str, filter: &str| -> rusqlite::Result<u32> {
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        conn.query_row(&format!("SELECT count(*) FROM {table} {filter}"), [], |r| {
            r.get(0)
        })
    };
    Ok(Counts {
        cards: count("cards", "WHERE deleted_at IS NULL")?,
        contacts: count("contacts", "")?,
        notes: count("notes", "")?,
        transactions: count("transactions", "")?,
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
    })
}

/// The id of the ledger at `path`, read without changing it (empty when it has none yet).
pub fn id_of(path: &Path) -> Result<String, BackupError> {
    Ok(db::ledger_id(&open_read_only(path)?)?)
}

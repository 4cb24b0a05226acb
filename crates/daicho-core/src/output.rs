//! Files Daicho writes for the user (reports, handover files, backups, new ledgers). Each one:
//! - never lands on a Daicho ledger (recognised by its content, not its name), whatever the
//!   caller says, and never on another existing file unless the user chose to replace it;
//! - is readable by the user only (0600 on Unix: the temporary file is made so);
//! - is whole or absent: written under a temporary name beside the target (`.NAME.XXXXXX.part`,
//!   a new name each time, so a killed run's leftover blocks nothing), synced, then renamed.

use std::io::Read;
use std::path::{Path, PathBuf};

use tempfile::TempPath;

/// Whether an existing file at the target may be replaced (the user confirmed it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Refuse,
    Replace,
}

/// True when `path` is a Daicho ledger or backup: SQLite's header and Daicho's application id
/// (bytes 68..72 of the header), read without opening it as a database, or what an encrypted
/// one looks like (its key may not be here to tell: such a file is never written over).
pub fn is_ledger(path: &Path) -> bool {
    if crate::crypto::is_encrypted(path) {
        return true;
    }
    let mut header = [0u8; 72];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header));
    read.is_ok()
        && &header[..16] == b"SQLite format 3\0"
        && i64::from(u32::from_be_bytes([
            header[68], header[69], header[70], header[71],
        ])) == crate::db::APPLICATION_ID
}

/// Refuses a target Daicho must not write: a folder, a ledger, or an existing file the user did
/// not choose to replace.
pub fn check_target(path: &Path, existing: Existing) -> Result<(), OutputError> {
    if path.as_os_str().is_empty() {
        return Err(OutputError::NoName);
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(OutputError::IsFolder {
            path: path.to_owned(),
        }),
        Ok(_) if is_ledger(path) => Err(OutputError::IsLedger {
            path: path.to_owned(),
        }),
        Ok(_) if existing == Existing::Refuse => Err(OutputError::Exists {
            path: path.to_owned(),
        }),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(OutputError::io(path, e)),
    }
}

/// A file being written: an empty private file under a temporary name beside its target.
/// Dropped without [`Staged::commit`], it is removed.
#[derive(Debug)]
pub struct Staged {
    /// Taken by [`Staged::commit`]; still here when dropped, the file is removed.
    temp: Option<TempPath>,
    target: PathBuf,
    existing: Existing,
    /// Set only by [`Staged::over_ledger`]: this file takes a ledger's place.
    replaces_ledger: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        // A ledger made here may have left SQLite's files beside it (a write that failed on a
        // full disk cannot checkpoint): they go with it.
        if let Some(temp) = self.temp.take() {
            remove_sqlite_sidecars(&temp);
        }
    }
}

impl Staged {
    /// Checks the target and makes the temporary file beside it (its folder must exist).
    pub fn new(target: &Path, existing: Existing) -> Result<Staged, OutputError> {
        check_target(target, existing)?;
        Staged::beside(target, existing, false)
    }

    /// A new version of the ledger (or backup) at `target` that takes its place when whole:
    /// the one writer allowed to replace a ledger (encrypting it).
    pub(crate) fn over_ledger(target: &Path) -> Result<Staged, OutputError> {
        Staged::beside(target, Existing::Replace, true)
    }

    fn beside(
        target: &Path,
        existing: Existing,
        replaces_ledger: bool,
    ) -> Result<Staged, OutputError> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}.");
        sweep_leftovers(&dir, &prefix);
        let temp = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".part")
            .tempfile_in(&dir)
            .map_err(|e| OutputError::io(target, e))?
            .into_temp_path();
        Ok(Staged {
            temp: Some(temp),
            target: target.to_owned(),
            existing,
            replaces_ledger,
        })
    }

    /// Where to write.
    pub fn path(&self) -> &Path {
        self.temp.as_deref().unwrap_or(&self.target)
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Syncs the written file and gives it its name; the folder is synced too, so the new
    /// name survives a power cut.
    pub fn commit(mut self) -> Result<PathBuf, OutputError> {
        let target = self.target.clone();
        let io = |e| OutputError::io(&target, e);
        let Some(temp) = self.temp.take() else {
            return Err(OutputError::NoName);
        };
        private(&temp);
        std::fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(io)?;
        // Checked again: the target may have appeared while this file was written.
        if !self.replaces_ledger {
            check_target(&target, self.existing)?;
        }
        match self.existing {
            Existing::Replace => temp.persist(&target).map_err(|e| io(e.error))?,
            Existing::Refuse => {
                temp.persist_noclobber(&target)
                    .map_err(|e| match e.error.kind() {
                        std::io::ErrorKind::AlreadyExists => OutputError::Exists {
                            path: target.clone(),
                        },
                        _ => io(e.error),
                    })?
            }
        }
        sync_folder(&target);
        Ok(target)
    }
}

/// How old a leftover temporary file that is not a ledger must be before it is taken for one
/// that a killed run left (a live writer touches its file far more often).
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes what a killed run left beside `dir`'s target (`PREFIX…part` and SQLite's files
/// beside it): a half-made ledger that no connection holds, or another file untouched for an
/// hour. They never block a name (each run has its own), but a killed demo can leave a large one.
fn sweep_leftovers(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(prefix) || !name.ends_with(".part") {
            continue;
        }
        let path = entry.path();
        // A ledger being made may still hold everything in its WAL, its own file empty.
        let sqlite = is_ledger(&path) || sidecar(&path, "-wal").exists();
        let gone = if sqlite {
            !in_use(&path)
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > LEFTOVER_AGE)
        };
        if gone {
            let _ = std::fs::remove_file(&path);
            remove_sqlite_sidecars(&path);
        }
    }
}

/// `path` with SQLite's `suffix` (`-wal`, `-shm`, `-journal`) added to its name.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes the files SQLite may keep beside the database at `path`.
fn remove_sqlite_sidecars(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sidecar(path, suffix));
    }
}

/// Whether a connection holds the SQLite file at `path` (an exclusive lock cannot be had).
fn in_use(path: &Path) -> bool {
    let Ok(conn) = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return true;
    };
    // An encrypted file answers "not a database" to a connection without its key, but only
    // once the lock is had: held by another connection, it is busy first.
    match conn.execute_batch("BEGIN EXCLUSIVE; ROLLBACK;") {
        Ok(()) => false,
        Err(rusqlite::Error::SqliteFailure(e, _)) => e.code != rusqlite::ErrorCode::NotADatabase,
        Err(_) => true,
    }
}

/// Makes a file readable and writable by its owner only (Unix); elsewhere the folder's
/// permissions apply.
pub fn private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Syncs the folder holding `path`, so that a rename in it is on disk (Unix; a no-op elsewhere).
pub fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Whether the disk holding `path` is full: a small write beside it is refused for want of
/// space. SQLite reports a full disk met while opening as a plain I/O error; this tells them
/// apart, so that the rep hears "the disk is full", not "the file cannot be read".
pub fn disk_is_full(path: &Path) -> bool {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let probe = tempfile::tempfile_in(dir).and_then(|mut f| {
        f.write_all(&[0u8; 64 * 1024])?;
        f.sync_all()
    });
    probe.is_err_and(|e| {
        matches!(
            e.kind(),
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
        ) || e.raw_os_error() == Some(28)
    })
}

/// Writing a file for the user: a report, a handover file, a backup, a new ledger.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("no file name given")]
    NoName,
    #[error("{path}: a file with this name already exists")]
    Exists { path: PathBuf },
    #[error("{path} is a Daicho ledger: nothing is written over a ledger")]
    IsLedger { path: PathBuf },
    #[error("{path} is a folder")]
    IsFolder { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl OutputError {
    pub fn io(path: &std::path::Path, source: std::io::Error) -> OutputError {
        OutputError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

coded!(OutputError {
    NoName => code("output.no_name"),
    Exists { path } => code("output.exists"),
    IsLedger { path } => code("output.is_ledger"),
    IsFolder { path } => code("output.is_folder"),
    Io { path, source } => io("output.io"),
});

//! What making, listing, checking and restoring backups can refuse, with codes.

use crate::error::{BatchError, HandoverError, ImportError, LedgerError, OutputError};
use std::path::PathBuf;

/// Making, listing, checking and restoring backups.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path}: not a Daicho backup")]
    NotABackup { path: PathBuf },
    #[error("{path}: the backup is damaged ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path}: the backup was made by a newer Daicho")]
    TooNew { path: PathBuf },
    #[error("the ledger is in memory: there is no file to back up")]
    NoFile,
    #[error("{path}: the backup folder is not there")]
    FolderMissing { path: PathBuf },
    #[error("{path}: the backup folder cannot be used ({source})")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl From<BackupError> for ImportError {
    fn from(e: BackupError) -> Self {
        ImportError::Backup(Box::new(e))
    }
}

impl From<BackupError> for HandoverError {
    fn from(e: BackupError) -> Self {
        HandoverError::Backup(Box::new(e))
    }
}

impl From<BackupError> for BatchError {
    fn from(e: BackupError) -> Self {
        BatchError::Backup(Box::new(e))
    }
}

coded!(BackupError {
    NotABackup { path } => code("backup.not_a_backup"),
    Damaged { path, detail } => code("backup.damaged"),
    TooNew { path } => code("backup.too_new"),
    NoFile => code("backup.no_file"),
    FolderMissing { path } => code("backup.folder_missing"),
    Folder { path, source } => io("backup.folder"),
    Output(e) => inner,
    Ledger(e) => inner,
    Storage(e) => storage,
});

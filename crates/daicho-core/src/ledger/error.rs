//! Opening, creating and upgrading a ledger file: what can go wrong, with its codes.

use crate::error::OutputError;
use std::path::PathBuf;

/// Opening, creating and upgrading a ledger file.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: a file with this name already exists")]
    AlreadyExists { path: PathBuf },
    #[error("{path}: not a Daicho ledger")]
    NotALedger { path: PathBuf },
    #[error("{path}: the ledger is damaged ({detail})")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: made by a newer Daicho (schema {found}; this Daicho knows up to {known})")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is open in another Daicho window (process {pid}, since {since})")]
    InUse {
        path: PathBuf,
        pid: String,
        since: String,
    },
    #[error("{path} is encrypted and locked: give its passphrase or recovery key")]
    Locked { path: PathBuf },
    #[error("{path}: this passphrase or recovery key does not open the ledger")]
    WrongSecret { path: PathBuf },
    #[error("this computer has no keychain to keep the ledger's key: choose a passphrase")]
    NeedsPassphrase,
    #[error("a passphrase needs at least {min} characters")]
    WeakPassphrase { min: usize },
    #[error("not a recovery key (52 letters and digits in groups of four)")]
    BadRecoveryKey,
    #[error("the ledger is in memory: it has no file to open again")]
    InMemory,
    #[error("the ledger key could not be made: {0}")]
    Key(String),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("schema upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

coded!(LedgerError {
    NotFound { path } => code("ledger.not_found"),
    AlreadyExists { path } => code("ledger.already_exists"),
    NotALedger { path } => code("ledger.not_a_ledger"),
    Corrupt { path, detail } => code("ledger.corrupt"),
    TooNew { path, found, known } => code("ledger.too_new"),
    Io { path, source } => io("ledger.io"),
    InUse { path, pid, since } => code("ledger.in_use"),
    Locked { path } => code("ledger.locked"),
    WrongSecret { path } => code("ledger.wrong_secret"),
    NeedsPassphrase => code("ledger.needs_passphrase"),
    WeakPassphrase { min } => code("ledger.weak_passphrase"),
    BadRecoveryKey => code("ledger.bad_recovery_key"),
    InMemory => code("ledger.in_memory"),
    Key(detail) => code("ledger.key", "detail"),
    Output(e) => inner,
    Sqlite(e) => storage,
    Migration(e) => detail("ledger.migration"),
});

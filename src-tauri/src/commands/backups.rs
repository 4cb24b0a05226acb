//! The Backups page and the footer: backups of the open ledger, made, checked and restored.

use std::path::Path;

use daicho_core::backup::{self, BackupInfo, BackupReason, CheckResult, Counts, RestoreOutcome};
use daicho_core::error::LedgerError;
use daicho_core::ErrorReport;
use serde::Serialize;
use specta::Type;

use crate::state::{locked, AppState};

/// One backup as the page lists it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct BackupRow {
    pub info: BackupInfo,
    /// What it holds (none when it cannot be read).
    pub counts: Option<Counts>,
}

/// What the footer says about backups.
#[derive(Debug, Clone, Serialize, Type)]
pub struct BackupStatus {
    pub folder: String,
    /// Where backups go when Settings names no folder.
    pub default_folder: String,
    /// The folder exists (or can be made) and is writable.
    pub folder_ok: bool,
    pub last: Option<BackupInfo>,
    /// The daily backup is being made now.
    pub running: bool,
    /// Why the last daily backup failed.
    pub error: Option<ErrorReport>,
}

fn status(state: &AppState) -> Result<BackupStatus, ErrorReport> {
    let root = state.backup_root()?;
    let last = state
        .with_ledger(|l| l.backups())
        .ok()
        .and_then(|all| all.into_iter().next());
    let (running, error) = {
        let daily = locked(&state.daily);
        (daily.running, daily.error.clone())
    };
    Ok(BackupStatus {
        folder: root.display().to_string(),
        default_folder: state.dirs.0.default_backup_folder().display().to_string(),
        folder_ok: root.is_dir() && writable(&root),
        last,
        running,
        error,
    })
}

fn writable(dir: &Path) -> bool {
    tempfile::tempfile_in(dir).is_ok()
}

commands! {
    /// Backups of the open ledger with what each holds (read outside the ledger's lock).
    fn backups_list() -> Vec<BackupRow> => state |s| {
        let all = s.with_ledger(|l| l.backups())?;
        Ok(all.into_iter().map(|info| BackupRow {
            counts: backup::counts_of(Path::new(&info.path)).ok(),
            info,
        }).collect())
    };

    fn backup_status() -> BackupStatus => state |s| status(s);

    fn backup_now() -> BackupInfo => |l| l.backup_now(BackupReason::Manual);

    /// What the open ledger holds now, to set beside a backup before restoring it.
    fn ledger_counts() -> Counts => |l| l.counts().map_err(LedgerError::Sqlite);

    /// Every backup checked whole (SQLite's integrity check), newest first; the ledger stays
    /// free meanwhile.
    fn backups_check() -> Vec<CheckResult> => state |s| {
        let all = s.with_ledger(|l| l.backups())?;
        Ok(all.iter().map(|b| backup::check(Path::new(&b.path))).collect())
    };

    fn backup_restore(path: String) -> RestoreOutcome => state |s| s.restore_backup(Path::new(&path));
}

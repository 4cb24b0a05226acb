//! The ledger's own backups: where they go, one a day when it is opened, one before each step
//! that changes many rows at once, and the old ones let go by the retention rules.

use std::path::PathBuf;

use crate::backup::{self, BackupInfo, BackupReason, Retention};
use crate::db;
use crate::error::BackupError;

use super::Ledger;

/// Where a ledger's backups go and how many are kept (from Settings).
#[derive(Debug, Clone, PartialEq)]
pub struct BackupConfig {
    /// The backup folder; each ledger has its own folder inside it.
    pub root: PathBuf,
    pub retention: Retention,
}

impl Ledger {
    /// Backs this ledger up as `config` says: daily on opening, before every many-row step.
    pub fn with_backups(mut self, config: BackupConfig) -> Ledger {
        self.backups = Some(config);
        self
    }

    /// What the ledger holds now (cards, contacts, notes, transactions), to set beside a backup.
    pub fn counts(&self) -> rusqlite::Result<backup::Counts> {
        backup::counts(self.connection())
    }

    pub fn backup_config(&self) -> Option<&BackupConfig> {
        self.backups.as_ref()
    }

    /// The folder holding this ledger's backups under `root`.
    pub fn backup_folder(&self, root: &std::path::Path) -> Result<PathBuf, BackupError> {
        let path = self.path().ok_or(BackupError::NoFile)?;
        Ok(backup::folder_for(
            root,
            path,
            &db::ledger_id(self.connection())?,
        ))
    }

    /// Every backup of this ledger in the configured folder, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>, BackupError> {
        let config = self.backups.as_ref().ok_or(BackupError::NoFile)?;
        Ok(backup::list(
            &config.root,
            &db::ledger_id(self.connection())?,
        ))
    }

    /// Makes a backup now into the configured folder and lets old ones go.
    pub fn backup_now(&self, reason: BackupReason) -> Result<BackupInfo, BackupError> {
        let config = self.backups.as_ref().ok_or(BackupError::NoFile)?;
        let path = self.path().ok_or(BackupError::NoFile)?;
        let folder = self.backup_folder(&config.root)?;
        let made = backup::make(path, &folder, reason, (self.clock)(), &self.actor)?;
        let all = self.backups()?;
        backup::prune(&all, &config.retention, (self.clock)());
        Ok(made)
    }

    /// The daily backup, when the newest is older than a day.
    pub fn backup_if_due(&self) -> Result<Option<BackupInfo>, BackupError> {
        match (&self.backups, self.path()) {
            (Some(config), Some(path)) => backup::daily_if_due(
                path,
                &config.root,
                &config.retention,
                (self.clock)(),
                &self.actor,
            ),
            _ => Ok(None),
        }
    }

    /// Before a step that changes many rows: a backup, when backups are configured. If it
    /// cannot be made, the step is not taken.
    pub(crate) fn backup_before(&self, reason: BackupReason) -> Result<(), BackupError> {
        if self.backups.is_some() && self.path().is_some() {
            self.backup_now(reason)?;
        }
        Ok(())
    }
}

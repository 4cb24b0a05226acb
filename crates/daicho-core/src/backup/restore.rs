//! Restoring a backup: checked first, the ledger it replaces backed up first (so a restore can
//! itself be undone), then copied in one step through SQLite's backup API, which writes the
//! ledger in one transaction: a crash leaves the old ledger or the restored one, never a mix.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{check, copy_pages, folder_for, id_of, make, open_read_only, BackupInfo, BackupReason};
use crate::db;
use crate::error::{BackupError, OutputError};
use crate::output::{self, Existing, Staged};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestoreOutcome {
    /// The ledger as it was before, kept as a backup (none when the target was a new file).
    pub previous: Option<BackupInfo>,
}

/// Restores `backup` into the ledger at `target` (or a new file there). The ledger it replaces
/// is first backed up under `root`. `by` is who restores it, for the copies log.
pub fn restore(
    backup: &Path,
    target: &Path,
    root: &Path,
    now: DateTime<Utc>,
    by: &str,
) -> Result<RestoreOutcome, BackupError> {
    restore_into(backup, target, root, now, by).map_err(|e| super::full_disk_or(e, &[target]))
}

fn restore_into(
    backup: &Path,
    target: &Path,
    root: &Path,
    now: DateTime<Utc>,
    by: &str,
) -> Result<RestoreOutcome, BackupError> {
    let verdict = check(backup);
    if !verdict.ok {
        return Err(match verdict.problem.as_deref() {
            Some("backup.too_new") => BackupError::TooNew {
                path: backup.to_owned(),
            },
            Some("backup.damaged") => BackupError::Damaged {
                path: backup.to_owned(),
                detail: String::new(),
            },
            _ => BackupError::NotABackup {
                path: backup.to_owned(),
            },
        });
    }
    if same_file(backup, target) {
        return Err(OutputError::IsLedger {
            path: target.to_owned(),
        }
        .into());
    }
    let restored = crate::copies::NewCopy {
        at: &now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        actor: &super::who(by),
        kind: crate::copies::CopyKind::Restore,
        what: "",
        filter: vec![crate::copies::FilterPart::new(
            "from",
            std::path::absolute(backup)
                .unwrap_or_else(|_| backup.to_owned())
                .display()
                .to_string(),
        )],
        cards: verdict.counts.as_ref().map(|c| c.cards),
        target,
    };
    if !target.exists() {
        let staged = Staged::new(target, Existing::Refuse)?;
        {
            let mut conn = super::open_new_like(backup, staged.path())?;
            copy_pages(&open_read_only(backup)?, &mut conn)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.close().map_err(|(_, e)| e)?;
        }
        staged.commit()?;
        reopen(target)?;
        crate::copies::record_at(target, &restored)?;
        return Ok(RestoreOutcome { previous: None });
    }
    if !output::is_ledger(target) {
        return Err(OutputError::Exists {
            path: target.to_owned(),
        }
        .into());
    }
    // The ledger as it is now, kept first: if this fails, nothing was changed.
    let id = id_of(target)?;
    let previous = make(
        target,
        &folder_for(root, target, &id),
        BackupReason::Restore,
        now,
        by,
    )?;
    // The log of copies is the ledger's own record, not part of what is restored: the entries
    // the backup lacks are put back after it.
    let log = crate::copies::list_at(target)?;
    {
        let mut conn = crate::crypto::open(
            target,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(db::BUSY_WAIT)?;
        // Every page in one step: one write transaction on the ledger.
        copy_pages(&open_read_only(backup)?, &mut conn)?;
        conn.close().map_err(|(_, e)| e)?;
    }
    // A backup from an older Daicho is upgraded as any ledger is; the backup itself, and the
    // one just made of the ledger it replaced, keep the old forms.
    reopen(target)?;
    crate::copies::carry_over(target, &log)?;
    crate::copies::record_at(target, &restored)?;
    Ok(RestoreOutcome {
        previous: Some(previous),
    })
}

fn reopen(target: &Path) -> Result<(), BackupError> {
    db::open_as(
        target,
        &db::new_ledger_id(),
        db::BeforeUpgrade::BackedUpElsewhere,
        db::WholeFileCheck::First,
    )?;
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

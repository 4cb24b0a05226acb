//! The ledger's changes to many cards at once: imports of existing lists (preview, import in
//! one transaction, undo), merging duplicates, bulk changes — each undone in one step.

use std::path::Path;

use crate::backup::BackupReason;
use crate::error::ImportError;
use crate::import::{self, ImportBatch, ImportOutcome, ImportPreview, ImportRequest};

use super::Ledger;

impl Ledger {
    /// What importing `path` would do (every row checked, duplicates found); writes nothing.
    pub fn import_preview(
        &self,
        path: &Path,
        request: &ImportRequest,
    ) -> Result<ImportPreview, ImportError> {
        import::preview(self.connection(), path, request)
    }

    /// Imports `path` in one transaction. `progress(done, total)` hears of the rows as they go
    /// (`total` from the preview) and cancels, writing nothing, by returning `false`.
    pub fn import_apply(
        &mut self,
        path: &Path,
        request: &ImportRequest,
        total: u32,
        progress: &mut dyn FnMut(u32, u32) -> bool,
    ) -> Result<ImportOutcome, ImportError> {
        self.backup_before(BackupReason::Import)?;
        self.write(|tx, edit| import::apply(tx, path, request, edit, total, progress))
    }

    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportBatch>, ImportError> {
        import::list_imports(self.connection())
    }

    /// Takes a whole import back in one step.
    pub fn import_undo(&mut self, id: &str) -> Result<ImportOutcome, ImportError> {
        self.write(|tx, edit| import::undo(tx, id, edit))
    }
}

impl Ledger {
    /// Likely duplicate cards in the ledger, in pairs.
    pub fn duplicate_pairs(
        &self,
    ) -> Result<Vec<crate::merge::DuplicatePair>, crate::error::BatchError> {
        Ok(crate::merge::find(self.connection())?)
    }

    /// Merges `other` into `survivor` in one step that can be undone.
    pub fn merge_cards(
        &mut self,
        survivor: &str,
        other: &str,
    ) -> Result<crate::merge::MergeOutcome, crate::error::BatchError> {
        self.backup_before(BackupReason::Merge)?;
        self.write(|tx, edit| crate::merge::merge(tx, survivor, other, edit))
    }

    pub fn undo_merge(&mut self, id: &str) -> Result<(), crate::error::BatchError> {
        self.write(|tx, edit| crate::merge::undo(tx, id, edit))
    }

    /// Changes every card of `card_ids` as `change` says, in one step that can be undone.
    pub fn bulk_change(
        &mut self,
        card_ids: &[String],
        change: &crate::bulk::BulkChange,
    ) -> Result<crate::bulk::BulkOutcome, crate::error::BatchError> {
        self.backup_before(BackupReason::Bulk)?;
        self.write(|tx, edit| crate::bulk::apply(tx, card_ids, change, edit))
    }

    pub fn undo_bulk(&mut self, id: &str) -> Result<u32, crate::error::BatchError> {
        self.write(|tx, edit| crate::bulk::undo(tx, id, edit))
    }
}

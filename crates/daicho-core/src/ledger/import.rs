//! The ledger's imports of existing lists: preview, import in one transaction, undo in one step.

use std::path::Path;

use crate::backup::BackupReason;
use crate::error::ImportError;
use crate::import::{self, ImportBatch, ImportOutcome, ImportPreview, ImportRequest};

use super::Ledger;

/// Rows from which an import builds the list's indexes once at its end.
const BULK_ROWS: u32 = 5_000;

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
        // The search index is written once, at the end: row by row it cost most of the time.
        // A large file also sets the card list's indexes aside: each contact moved its card
        // through those ordered by last contact; for a few rows, rebuilding them would cost more.
        self.write(|tx, edit| {
            if total >= BULK_ROWS {
                crate::db::set_aside::in_bulk(tx, &[], || {
                    import::apply(tx, path, request, edit, total, progress)
                })
            } else {
                crate::search::deferred::deferring_search(tx, || {
                    import::apply(tx, path, request, edit, total, progress)
                })
            }
        })
    }

    /// What importing every sheet of the workbook at `path` in one step would do, sheet by
    /// sheet in the order the import takes them, each seen after the sheets before it (a sales
    /// sheet finds the customers the customer sheet brings). Nothing is written.
    pub fn import_preview_sheets(
        &mut self,
        path: &Path,
        request: &ImportRequest,
    ) -> Result<Vec<import::SheetPreview>, ImportError> {
        self.trial(|tx, edit| import::preview_sheets(tx, path, request, edit))
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

//! Changing many cards at once: importing a list (preview, import with progress and cancel,
//! earlier imports, undo), merging duplicates, bulk changes — each undone in one step.

use std::path::Path;
use std::sync::atomic::Ordering;

use daicho_core::card_list::CardQuery;
use daicho_core::error::LedgerError;
use daicho_core::ids::CardId;
use daicho_core::import::{ImportBatch, ImportOutcome, ImportPreview, ImportRequest, SheetPreview};
use daicho_core::many_cards::bulk::{BulkChange, BulkOutcome};
use daicho_core::many_cards::merge::{DuplicatePair, MergeOutcome};
use serde::Serialize;
use tauri::ipc::Channel;

/// How far an import is: rows read of rows in the file.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

commands! {
    /// Every row of the file checked, and what importing it would do; writes nothing.
    fn import_preview(path: String, request: ImportRequest) -> ImportPreview => apart |l| l.import_preview(Path::new(&path), &request);

    /// Every sheet of a workbook as an import of all of them would take it, each seen after the
    /// sheets before it; writes nothing (it is tried, then rolled back).
    fn import_preview_sheets(path: String, request: ImportRequest) -> Vec<SheetPreview> => state |s| {
        s.with_own_connection(|l| l.import_preview_sheets(Path::new(&path), &request))
    };

    /// Imports in one transaction, reporting progress; `import_cancel` stops it, writing nothing.
    fn import_apply(path: String, request: ImportRequest, total: u32, progress: Channel<ImportProgress>) -> ImportOutcome => state |s| {
        s.import_cancel.store(false, Ordering::SeqCst);
        let cancel = s.import_cancel.clone();
        s.with_own_connection(|l| {
            l.import_apply(Path::new(&path), &request, total, &mut |done, total| {
                // A window that went away stops listening; Cancel still stops the import.
                let _ = progress.send(ImportProgress { done, total });
                !cancel.load(Ordering::SeqCst)
            })
        })
    };

    fn import_cancel() -> () => state |s| {
        s.import_cancel.store(true, Ordering::SeqCst);
        Ok(())
    };

    fn imports_list() -> Vec<ImportBatch> => |l| l.imports();

    fn import_undo(id: String) -> ImportOutcome => |l| l.import_undo(&id);

    /// Likely duplicate cards of the ledger, in pairs.
    fn duplicates_list() -> Vec<DuplicatePair> => |l| l.duplicate_pairs();

    /// Merges `other` into `survivor`; the other card goes to the trash; undone by `merge_undo`.
    fn cards_merge(survivor: CardId, other: CardId) -> MergeOutcome => |l| l.merge_cards(&survivor, &other);

    fn merge_undo(id: String) -> () => |l| l.undo_merge(&id);

    /// Changes every chosen card in one step; undone by `bulk_undo`.
    fn cards_bulk(ids: Vec<CardId>, change: BulkChange) -> BulkOutcome => |l| l.bulk_change(&ids, &change);

    fn bulk_undo(id: String) -> u32 => |l| l.undo_bulk(&id);

    /// Every card the list's query selects (to select them all).
    fn cards_ids(query: CardQuery) -> Vec<CardId> => |l| l.matching_ids(&query).map_err(LedgerError::Sqlite);
}

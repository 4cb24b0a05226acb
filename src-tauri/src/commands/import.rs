//! Changing many cards at once: importing a list (preview, import with progress and cancel,
//! earlier imports, undo), merging duplicates, bulk changes — each undone in one step.

use std::path::Path;
use std::sync::atomic::Ordering;

use daicho_core::card_list::CardQuery;
use daicho_core::error::LedgerError;
use daicho_core::import::{ImportBatch, ImportOutcome, ImportPreview, ImportRequest};
use daicho_core::many_cards::bulk::{BulkChange, BulkOutcome};
use daicho_core::many_cards::merge::{DuplicatePair, MergeOutcome};
use daicho_core::ErrorReport;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::state::AppState;

/// How far an import is: rows read of rows in the file.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Every row of the file checked, and what importing it would do; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    state: State<'_, AppState>,
    path: String,
    request: ImportRequest,
) -> Result<ImportPreview, ErrorReport> {
    state
        .run_apart(move |l| l.import_preview(Path::new(&path), &request))
        .await
}

/// Imports in one transaction, reporting progress; `import_cancel` stops it, writing nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_apply(
    state: State<'_, AppState>,
    path: String,
    request: ImportRequest,
    total: u32,
    progress: Channel<ImportProgress>,
) -> Result<ImportOutcome, ErrorReport> {
    state.import_cancel.store(false, Ordering::SeqCst);
    let cancel = state.import_cancel.clone();
    state
        .run_apart(move |l| {
            l.import_apply(Path::new(&path), &request, total, &mut |done, total| {
                let _ = progress.send(ImportProgress { done, total });
                !cancel.load(Ordering::SeqCst)
            })
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> Result<(), ErrorReport> {
    state.import_cancel.store(true, Ordering::SeqCst);
    Ok(())
}

ledger_commands! {
    fn imports_list() -> Vec<ImportBatch> => |l| l.imports();

    fn import_undo(id: String) -> ImportOutcome => |l| l.import_undo(&id);

    /// Likely duplicate cards of the ledger, in pairs.
    fn duplicates_list() -> Vec<DuplicatePair> => |l| l.duplicate_pairs();

    /// Merges `other` into `survivor`; the other card goes to the trash; undone by `merge_undo`.
    fn cards_merge(survivor: String, other: String) -> MergeOutcome => |l| l.merge_cards(&survivor, &other);

    fn merge_undo(id: String) -> () => |l| l.undo_merge(&id);

    /// Changes every chosen card in one step; undone by `bulk_undo`.
    fn cards_bulk(ids: Vec<String>, change: BulkChange) -> BulkOutcome => |l| l.bulk_change(&ids, &change);

    fn bulk_undo(id: String) -> u32 => |l| l.undo_bulk(&id);

    /// Every card the list's query selects (to select them all).
    fn cards_ids(query: CardQuery) -> Vec<String> => |l| l.matching_ids(&query).map_err(LedgerError::Sqlite);
}

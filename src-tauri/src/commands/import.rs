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

#[tauri::command]
#[specta::specta]
pub async fn imports_list(state: State<'_, AppState>) -> Result<Vec<ImportBatch>, ErrorReport> {
    state.run(move |l| l.imports()).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_undo(
    state: State<'_, AppState>,
    id: String,
) -> Result<ImportOutcome, ErrorReport> {
    state.run(move |l| l.import_undo(&id)).await
}

/// Likely duplicate cards of the ledger, in pairs.
#[tauri::command]
#[specta::specta]
pub async fn duplicates_list(
    state: State<'_, AppState>,
) -> Result<Vec<DuplicatePair>, ErrorReport> {
    state.run(move |l| l.duplicate_pairs()).await
}

/// Merges `other` into `survivor`; the other card goes to the trash; undone by `merge_undo`.
#[tauri::command]
#[specta::specta]
pub async fn cards_merge(
    state: State<'_, AppState>,
    survivor: String,
    other: String,
) -> Result<MergeOutcome, ErrorReport> {
    state.run(move |l| l.merge_cards(&survivor, &other)).await
}

#[tauri::command]
#[specta::specta]
pub async fn merge_undo(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.undo_merge(&id)).await
}

/// Changes every chosen card in one step; undone by `bulk_undo`.
#[tauri::command]
#[specta::specta]
pub async fn cards_bulk(
    state: State<'_, AppState>,
    ids: Vec<String>,
    change: BulkChange,
) -> Result<BulkOutcome, ErrorReport> {
    state.run(move |l| l.bulk_change(&ids, &change)).await
}

#[tauri::command]
#[specta::specta]
pub async fn bulk_undo(state: State<'_, AppState>, id: String) -> Result<u32, ErrorReport> {
    state.run(move |l| l.undo_bulk(&id)).await
}

/// Every card the list's query selects (to select them all).
#[tauri::command]
#[specta::specta]
pub async fn cards_ids(
    state: State<'_, AppState>,
    query: CardQuery,
) -> Result<Vec<String>, ErrorReport> {
    state
        .run(move |l| l.matching_ids(&query).map_err(LedgerError::Sqlite))
        .await
}

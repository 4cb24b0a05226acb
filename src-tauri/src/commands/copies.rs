//! The Copies log page: every report, handover file and backup made from the open ledger, and
//! every restore into it.

use daicho_core::copies::CopyEntry;
use daicho_core::error::LedgerError;
use daicho_core::ErrorReport;
use tauri::State;

use crate::state::AppState;

/// The open ledger's copies log, newest first.
#[tauri::command]
#[specta::specta]
pub async fn copies_log(state: State<'_, AppState>) -> Result<Vec<CopyEntry>, ErrorReport> {
    state
        .run(move |l| l.copies().map_err(LedgerError::Sqlite))
        .await
}

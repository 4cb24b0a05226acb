//! Excel handouts: export with progress, open the written file, the ledger's currency.

use daicho_core::error::{AppError, Coded};
use daicho_core::report::{Currency, ReportOutcome, ReportRequest};
use daicho_core::ErrorReport;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::state::AppState;

/// How far an export is: rows written of rows to write.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ReportProgress {
    pub done: u32,
    pub total: u32,
}

/// Writes the report to `path` (chosen in the save dialog), reporting progress on `progress`.
#[tauri::command]
#[specta::specta]
pub async fn report_export(
    state: State<'_, AppState>,
    request: ReportRequest,
    path: String,
    progress: Channel<ReportProgress>,
) -> Result<ReportOutcome, ErrorReport> {
    let outcome = state
        .run_apart(move |l| {
            // The save dialog asked before replacing a file (a ledger is refused all the same).
            let existing = daicho_core::output::Existing::Replace;
            l.export_report(
                &request,
                std::path::Path::new(&path),
                existing,
                &mut |done, total| {
                    // A window that went away stops listening; the export still finishes.
                    let _ = progress.send(ReportProgress {
                        done: u32::try_from(done).unwrap_or(u32::MAX),
                        total: u32::try_from(total).unwrap_or(u32::MAX),
                    });
                },
            )
        })
        .await?;
    state.remember_written(&outcome.path);
    Ok(outcome)
}

/// Where a report named `name` goes in `folder` without replacing an earlier one.
#[tauri::command]
#[specta::specta]
pub async fn report_path_in(folder: String, name: String) -> Result<String, ErrorReport> {
    Ok(
        daicho_core::report::unique_path(std::path::Path::new(&folder), &name)
            .display()
            .to_string(),
    )
}

/// Opens a report written in this session in the spreadsheet application the system uses for
/// .xlsx; any other path is refused.
#[tauri::command]
#[specta::specta]
pub async fn report_open(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), ErrorReport> {
    // The window can ask to open only what Daicho wrote: a page made to misbehave cannot have
    // the system run any file it names.
    if !state.wrote(&path) {
        return Err(AppError::OpenRefused { path }.report());
    }
    app.opener().open_path(&path, None::<&str>).map_err(|e| {
        AppError::OpenFailed {
            path: path.clone(),
            detail: e.to_string(),
        }
        .report()
    })
}

#[tauri::command]
#[specta::specta]
pub async fn currency_get(state: State<'_, AppState>) -> Result<Currency, ErrorReport> {
    state
        .run(move |l| {
            l.currency()
                .map_err(daicho_core::error::LedgerError::Sqlite)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn currency_set(
    state: State<'_, AppState>,
    currency: Currency,
) -> Result<Currency, ErrorReport> {
    state
        .run(move |l| {
            l.set_currency(currency)
                .map_err(daicho_core::error::LedgerError::Sqlite)?;
            Ok::<_, daicho_core::error::LedgerError>(currency)
        })
        .await
}

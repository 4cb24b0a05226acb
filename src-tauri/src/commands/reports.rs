//! Excel handouts: export with progress, open the written file, the ledger's currency.

use std::path::Path;

use daicho_core::error::{AppError, Coded, LedgerError};
use daicho_core::full_export::FullExport;
use daicho_core::output::Existing;
use daicho_core::report::{Currency, ReportOutcome, ReportRequest};
use daicho_core::ErrorReport;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

/// How far an export is: rows written of rows to write.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ReportProgress {
    pub done: u32,
    pub total: u32,
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

commands! {
    /// Writes the report to `path` (chosen in the save dialog), reporting progress on `progress`.
    fn report_export(request: ReportRequest, path: String, progress: Channel<ReportProgress>) -> ReportOutcome => state |s| {
        // The save dialog asked before replacing a file (a ledger is refused all the same).
        let outcome = s.with_own_connection(|l| {
            l.export_report(&request, Path::new(&path), Existing::Replace, &mut |done, total| {
                // A window that went away stops listening; the export still finishes.
                let _ = progress.send(ReportProgress {
                    done: u32::try_from(done).unwrap_or(u32::MAX),
                    total: u32::try_from(total).unwrap_or(u32::MAX),
                });
            })
        })?;
        s.remember_written(&outcome.path);
        Ok(outcome)
    };

    /// Writes everything in the ledger to `path` (.xlsx, .zip or .json, chosen in the save
    /// dialog, which asked before replacing a file; a ledger is refused all the same).
    fn full_export(path: String) -> FullExport => state |s| {
        let written = s.with_own_connection(|l| l.export_everything(Path::new(&path), Existing::Replace))?;
        s.remember_written(&written.path);
        Ok(written)
    };

    /// Opens a report written in this session in the spreadsheet application the system uses
    /// for .xlsx; any other path is refused.
    fn report_open(app: AppHandle, path: String) -> () => state |s| {
        // The window can ask to open only what Daicho wrote: a page made to misbehave cannot
        // have the system run any file it names.
        if !s.wrote(&path) {
            return Err(AppError::OpenRefused { path }.report());
        }
        app.opener().open_path(&path, None::<&str>).map_err(|e| {
            AppError::OpenFailed { path: path.clone(), detail: e.to_string() }.report()
        })
    };

    fn currency_get() -> Currency => |l| l.currency().map_err(LedgerError::Sqlite);

    fn currency_set(currency: Currency) -> Currency => |l| {
        l.set_currency(currency).map_err(LedgerError::Sqlite)?;
        Ok::<_, LedgerError>(currency)
    };
}

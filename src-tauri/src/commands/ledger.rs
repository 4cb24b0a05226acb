//! Which ledger is open, the settings, and opening/creating ledgers.

use std::path::PathBuf;

use daicho_core::settings::Settings;
use daicho_core::ErrorReport;
use serde::Serialize;
use specta::Type;
use tauri::State;

use crate::state::AppState;

/// What the window needs to know at start and after a ledger changes.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    /// The open ledger's file, if one is open.
    pub ledger_path: Option<String>,
    pub settings: Settings,
    /// Why the ledger chosen at start could not be opened.
    pub startup_error: Option<ErrorReport>,
}

fn info(state: &AppState) -> Result<AppInfo, ErrorReport> {
    Ok(AppInfo {
        ledger_path: state.ledger_path().map(|p| p.display().to_string()),
        settings: state.settings()?,
        startup_error: state.take_startup_error(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    info(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_save(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<AppInfo, ErrorReport> {
    state.save_settings(settings)?;
    info(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn ledger_open(state: State<'_, AppState>, path: String) -> Result<AppInfo, ErrorReport> {
    state.open(&PathBuf::from(path))?;
    info(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn ledger_create(
    state: State<'_, AppState>,
    path: String,
) -> Result<AppInfo, ErrorReport> {
    state.create(&PathBuf::from(path))?;
    info(&state)
}

#[tauri::command]
#[specta::specta]
pub async fn ledger_open_demo(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    state.open_demo()?;
    info(&state)
}

/// The folder where new ledgers are suggested.
#[tauri::command]
#[specta::specta]
pub async fn ledger_folder(state: State<'_, AppState>) -> Result<String, ErrorReport> {
    Ok(state.dirs.data().display().to_string())
}

//! Which ledger is open, the settings, and opening/creating ledgers.

use std::path::PathBuf;

use daicho_core::crypto::Secret;
use daicho_core::settings::Settings;
use daicho_core::{ErrorReport, Protection};
use serde::Serialize;
use specta::Type;
use tauri::State;
use zeroize::Zeroizing;

use crate::state::AppState;

/// What the window needs to know at start and after a ledger changes.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    /// The open ledger's file, if one is open.
    pub ledger_path: Option<String>,
    pub settings: Settings,
    /// Why the ledger chosen at start could not be opened (`ledger.locked`: ask for its
    /// passphrase; `ledger.needs_passphrase`: ask the rep to choose one).
    pub startup_error: Option<ErrorReport>,
    /// The recovery key of a ledger just made: shown once.
    pub recovery_key: Option<String>,
    /// How the open ledger is protected.
    pub protection: Option<Protection>,
}

fn info(state: &AppState) -> Result<AppInfo, ErrorReport> {
    Ok(AppInfo {
        ledger_path: state.ledger_path().map(|p| p.display().to_string()),
        settings: state.settings()?,
        startup_error: state.take_startup_error(),
        recovery_key: state.take_fresh_recovery_key(),
        protection: state.with_ledger(|l| l.protection()).ok(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    state.apart(info).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_save(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<AppInfo, ErrorReport> {
    state
        .apart(move |state| {
            state.save_settings(settings)?;
            info(state)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn ledger_open(state: State<'_, AppState>, path: String) -> Result<AppInfo, ErrorReport> {
    state
        .apart(move |state| {
            state.open(&PathBuf::from(path))?;
            info(state)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn ledger_create(
    state: State<'_, AppState>,
    path: String,
) -> Result<AppInfo, ErrorReport> {
    state
        .apart(move |state| {
            state.create(&PathBuf::from(path))?;
            info(state)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn ledger_open_demo(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    state
        .apart(move |state| {
            state.open_demo()?;
            info(state)
        })
        .await
}

/// The folder where new ledgers are suggested.
#[tauri::command]
#[specta::specta]
pub async fn ledger_folder(state: State<'_, AppState>) -> Result<String, ErrorReport> {
    Ok(state.dirs.data().display().to_string())
}

/// How a rep opens a locked ledger.
#[derive(Debug, Clone, Copy, serde::Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SecretKind {
    Passphrase,
    RecoveryKey,
}

fn secret(kind: SecretKind, text: String) -> Secret {
    let text = Zeroizing::new(text);
    match kind {
        SecretKind::Passphrase => Secret::Passphrase(text),
        SecretKind::RecoveryKey => Secret::RecoveryKey(text),
    }
}

/// Opens the locked ledger at `path` with its passphrase or recovery key.
#[tauri::command]
#[specta::specta]
pub async fn ledger_unlock(
    state: State<'_, AppState>,
    path: String,
    kind: SecretKind,
    text: String,
) -> Result<AppInfo, ErrorReport> {
    state
        .apart(move |state| {
            state.unlock(&PathBuf::from(path), secret(kind, text))?;
            info(state)
        })
        .await
}

/// Protects new ledgers with `passphrase` (no keychain here) and opens what was asked at start.
#[tauri::command]
#[specta::specta]
pub async fn ledger_protect(
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<AppInfo, ErrorReport> {
    state
        .apart(move |state| {
            state.protect_with(&Zeroizing::new(passphrase))?;
            info(state)
        })
        .await
}

/// The open ledger's recovery key; a ledger with a passphrase asks for it first.
#[tauri::command]
#[specta::specta]
pub async fn ledger_recovery_key(
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<String, ErrorReport> {
    let secret = passphrase.map(|p| secret(SecretKind::Passphrase, p));
    state
        .run(move |l| l.recovery_key(secret.as_ref()).map(|k| k.to_string()))
        .await
}

/// A new passphrase for the open ledger and its backups; returns the new recovery key.
#[tauri::command]
#[specta::specta]
pub async fn ledger_change_passphrase(
    state: State<'_, AppState>,
    current: Option<String>,
    replacement: String,
) -> Result<String, ErrorReport> {
    let current = current.map(|p| secret(SecretKind::Passphrase, p));
    let replacement = Zeroizing::new(replacement);
    state
        .run(move |l| {
            l.change_passphrase(current.as_ref(), &replacement)
                .map(|k| k.to_string())
        })
        .await
}

/// Locks the window: the ledger is closed and its key forgotten until the passphrase is given.
#[tauri::command]
#[specta::specta]
pub async fn ledger_lock(state: State<'_, AppState>) -> Result<AppInfo, ErrorReport> {
    state
        .apart(move |state| {
            state.lock_now()?;
            info(state)
        })
        .await
}

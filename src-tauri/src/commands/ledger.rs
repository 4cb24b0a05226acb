//! Which ledger is open, the settings, and opening/creating ledgers.

use std::path::PathBuf;

use daicho_core::crypto::Secret;
use daicho_core::full_export::FullExport;
use daicho_core::settings::Settings;
use daicho_core::{ErrorReport, Protection};
use serde::Serialize;
use specta::Type;
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
    /// The first start on this computer: ask the rep's name and language, and offer to start
    /// empty, import a list or look around the demo.
    pub welcome: bool,
}

fn info(state: &AppState) -> Result<AppInfo, ErrorReport> {
    Ok(AppInfo {
        ledger_path: state.ledger_path().map(|p| p.display().to_string()),
        settings: state.settings()?,
        startup_error: state.take_startup_error(),
        recovery_key: state.take_fresh_recovery_key(),
        protection: state.with_ledger(|l| l.protection()).ok(),
        welcome: state.welcome(),
    })
}

/// A ledger made from a full export: the window's state, and what came in.
#[derive(Debug, Clone, Serialize, Type)]
pub struct RestoredLedger {
    pub info: AppInfo,
    pub restored: FullExport,
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

commands! {
    fn app_info() -> AppInfo => state |s| info(s);

    fn settings_save(settings: Settings) -> AppInfo => state |s| {
        s.save_settings(settings)?;
        info(s)
    };

    fn ledger_open(path: String) -> AppInfo => state |s| {
        s.open(&PathBuf::from(path))?;
        info(s)
    };

    fn ledger_create(path: String) -> AppInfo => state |s| {
        s.create(&PathBuf::from(path))?;
        info(s)
    };

    /// A new ledger at `path` holding everything in a full export Daicho wrote (a workbook, a
    /// zip of CSV files or JSON), opened; nothing is left at `path` when the export is refused.
    fn ledger_create_from_export(path: String, full_export: String) -> RestoredLedger => state |s| {
        let restored = s.create_from_export(&PathBuf::from(path), &PathBuf::from(full_export))?;
        Ok(RestoredLedger { info: info(s)?, restored })
    };

    fn ledger_open_demo() -> AppInfo => state |s| {
        s.open_demo()?;
        info(s)
    };

    /// The folder where new ledgers are suggested.
    fn ledger_folder() -> String => state |s| Ok(s.dirs.data().display().to_string());

    /// Opens the locked ledger at `path` with its passphrase or recovery key.
    fn ledger_unlock(path: String, kind: SecretKind, text: String) -> AppInfo => state |s| {
        s.unlock(&PathBuf::from(path), secret(kind, text))?;
        info(s)
    };

    /// Protects new ledgers with `passphrase` (no keychain here) and opens what was asked at start.
    fn ledger_protect(passphrase: String) -> AppInfo => state |s| {
        s.protect_with(&Zeroizing::new(passphrase))?;
        info(s)
    };

    /// The open ledger's recovery key; a ledger with a passphrase asks for it first.
    fn ledger_recovery_key(passphrase: Option<String>) -> String => |l| {
        let secret = passphrase.map(|p| secret(SecretKind::Passphrase, p));
        l.recovery_key(secret.as_ref()).map(|k| k.to_string())
    };

    /// A new passphrase for the open ledger and its backups; returns the new recovery key.
    fn ledger_change_passphrase(current: Option<String>, replacement: String) -> String => |l| {
        let current = current.map(|p| secret(SecretKind::Passphrase, p));
        l.change_passphrase(current.as_ref(), &Zeroizing::new(replacement)).map(|k| k.to_string())
    };

    /// Locks the window: the ledger is closed and its key forgotten until the passphrase is given.
    fn ledger_lock() -> AppInfo => state |s| {
        s.lock_now()?;
        info(s)
    };
}

/// The window's first list is on screen: the work that reads the whole file may start beside
/// it. With `DAICHO_STARTUP_PROBE=1` (the start-up measurement of `cargo xtask bench`) this is
/// said on stderr too.
#[tauri::command]
#[specta::specta]
pub fn startup_painted(state: tauri::State<'_, AppState>) {
    state.painted();
    if startup_probe() {
        eprintln!("startup: painted");
    }
}

/// Whether the start-up measurement is listening on stderr (`DAICHO_STARTUP_PROBE=1`).
pub fn startup_probe() -> bool {
    std::env::var_os("DAICHO_STARTUP_PROBE").is_some_and(|v| v == "1")
}

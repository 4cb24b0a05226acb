//! A card's website, e-mail and phone, opened outside Daicho after the rep has seen where to.
//! The window never opens a URL itself (the capabilities give it no opener): it asks for the
//! link a field makes, shows it, and only then asks for it to be opened; both steps check the
//! link again here, so a page made to misbehave cannot open anything else.

use daicho_core::card::links::{self, LinkKind};
use daicho_core::error::{AppError, Coded};
use daicho_core::ErrorReport;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

/// The link `value` (a website, e-mail address or phone number) opens, to show before opening.
#[tauri::command]
#[specta::specta]
pub async fn link_prepare(kind: LinkKind, value: String) -> Result<String, ErrorReport> {
    links::link_for(kind, &value).ok_or_else(|| AppError::NoLink { value }.report())
}

/// Opens `url` (http, https, mailto or tel only) with the system's program for it.
#[tauri::command]
#[specta::specta]
pub async fn link_open(app: AppHandle, url: String) -> Result<(), ErrorReport> {
    if !links::is_openable(&url) {
        return Err(AppError::LinkRefused { value: url }.report());
    }
    app.opener().open_url(&url, None::<&str>).map_err(|e| {
        AppError::LinkFailed {
            value: url.clone(),
            detail: e.to_string(),
        }
        .report()
    })
}

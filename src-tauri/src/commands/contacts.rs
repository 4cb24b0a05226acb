//! Contact history of a card.

use daicho_core::contact::{Contact, ContactFields};
use daicho_core::ErrorReport;
use tauri::State;

use crate::state::AppState;

/// The card's contacts, newest first.
#[tauri::command]
#[specta::specta]
pub async fn contacts_list(
    state: State<'_, AppState>,
    card_id: String,
) -> Result<Vec<Contact>, ErrorReport> {
    state.with_ledger(|l| l.contacts(&card_id))
}

#[tauri::command]
#[specta::specta]
pub async fn contact_add(
    state: State<'_, AppState>,
    card_id: String,
    fields: ContactFields,
) -> Result<Contact, ErrorReport> {
    state.with_ledger(|l| l.add_contact(&card_id, &fields))
}

#[tauri::command]
#[specta::specta]
pub async fn contact_update(
    state: State<'_, AppState>,
    id: String,
    version: i32,
    fields: ContactFields,
) -> Result<Contact, ErrorReport> {
    state.with_ledger(|l| l.update_contact(&id, version, &fields))
}

#[tauri::command]
#[specta::specta]
pub async fn contact_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.with_ledger(|l| l.delete_contact(&id))
}

/// Marks the contact's next action done, or open again.
#[tauri::command]
#[specta::specta]
pub async fn contact_set_done(
    state: State<'_, AppState>,
    id: String,
    done: bool,
) -> Result<Contact, ErrorReport> {
    state.with_ledger(|l| l.set_next_action_done(&id, done))
}

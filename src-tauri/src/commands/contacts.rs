//! Contact history of a card.

use daicho_core::contact::{Contact, ContactFields, ContactPage, FollowUps};
use daicho_core::ErrorReport;
use tauri::State;

use crate::state::AppState;

/// The card's `limit` newest contacts and how many it has.
#[tauri::command]
#[specta::specta]
pub async fn contacts_list(
    state: State<'_, AppState>,
    card_id: String,
    limit: u32,
) -> Result<ContactPage, ErrorReport> {
    state.run(move |l| l.recent_contacts(&card_id, limit)).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_add(
    state: State<'_, AppState>,
    card_id: String,
    fields: ContactFields,
) -> Result<Contact, ErrorReport> {
    state.run(move |l| l.add_contact(&card_id, &fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn contact_update(
    state: State<'_, AppState>,
    id: String,
    version: i32,
    fields: ContactFields,
) -> Result<Contact, ErrorReport> {
    state
        .run(move |l| l.update_contact(&id, version, &fields))
        .await
}

#[tauri::command]
#[specta::specta]
/// Deletes a contact; with `erase`, its text goes from the history and the search index too.
pub async fn contact_delete(
    state: State<'_, AppState>,
    id: String,
    erase: bool,
) -> Result<(), ErrorReport> {
    state
        .run(move |l| {
            if erase {
                l.erase_contact(&id)
            } else {
                l.delete_contact(&id)
            }
        })
        .await
}

/// Marks the contact's next action done, or open again.
#[tauri::command]
#[specta::specta]
pub async fn contact_set_done(
    state: State<'_, AppState>,
    id: String,
    done: bool,
) -> Result<Contact, ErrorReport> {
    state.run(move |l| l.set_next_action_done(&id, done)).await
}

/// Every open next action across the ledger, grouped by when it is due.
#[tauri::command]
#[specta::specta]
pub async fn follow_ups_list(state: State<'_, AppState>) -> Result<FollowUps, ErrorReport> {
    state.run(move |l| l.follow_ups()).await
}

/// How many follow-ups are overdue (the sidebar's count).
#[tauri::command]
#[specta::specta]
pub async fn follow_ups_overdue(state: State<'_, AppState>) -> Result<u32, ErrorReport> {
    state.run(move |l| l.overdue_follow_ups()).await
}

#[tauri::command]
#[specta::specta]
pub async fn follow_up_reschedule(
    state: State<'_, AppState>,
    contact_id: String,
    due: String,
) -> Result<Contact, ErrorReport> {
    state
        .run(move |l| l.reschedule_follow_up(&contact_id, &due))
        .await
}

/// Marks the follow-up done, logging the contact that did it when one is given.
#[tauri::command]
#[specta::specta]
pub async fn follow_up_complete(
    state: State<'_, AppState>,
    contact_id: String,
    log: Option<ContactFields>,
) -> Result<Option<Contact>, ErrorReport> {
    state
        .run(move |l| l.complete_follow_up(&contact_id, log.as_ref()))
        .await
}

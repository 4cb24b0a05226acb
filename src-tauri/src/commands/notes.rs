//! Intelligence notes: on a card and on the notes page.

use daicho_core::notes::{Note, NoteFields, NotePage, NoteQuery};
use daicho_core::ErrorReport;
use tauri::State;

use crate::state::AppState;

/// The card's notes, newest first.
#[tauri::command]
#[specta::specta]
pub async fn notes_for_card(
    state: State<'_, AppState>,
    card_id: String,
) -> Result<Vec<Note>, ErrorReport> {
    state.run(move |l| l.notes(&card_id)).await
}

/// The notes page: every note of cards not in the trash, filtered.
#[tauri::command]
#[specta::specta]
pub async fn notes_list(
    state: State<'_, AppState>,
    query: NoteQuery,
) -> Result<NotePage, ErrorReport> {
    state.run(move |l| l.list_notes(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn note_add(
    state: State<'_, AppState>,
    card_id: String,
    fields: NoteFields,
) -> Result<Note, ErrorReport> {
    state.run(move |l| l.add_note(&card_id, &fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn note_update(
    state: State<'_, AppState>,
    id: String,
    version: i32,
    fields: NoteFields,
) -> Result<Note, ErrorReport> {
    state
        .run(move |l| l.update_note(&id, version, &fields))
        .await
}

#[tauri::command]
#[specta::specta]
/// Deletes a note; with `erase`, its text goes from the history and the search index too.
pub async fn note_delete(
    state: State<'_, AppState>,
    id: String,
    erase: bool,
) -> Result<(), ErrorReport> {
    state
        .run(move |l| {
            if erase {
                l.erase_note(&id)
            } else {
                l.delete_note(&id)
            }
        })
        .await
}

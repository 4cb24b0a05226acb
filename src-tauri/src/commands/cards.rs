//! Cards, key persons, history and the trash.

use daicho_core::card::{Card, CardFields, HistoryEntry, KeyPerson, KeyPersonFields};
use daicho_core::card_list::{CardPage, CardQuery, Facets};
use daicho_core::search::SearchResults;
use daicho_core::ErrorReport;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn cards_list(
    state: State<'_, AppState>,
    query: CardQuery,
) -> Result<CardPage, ErrorReport> {
    state.run(move |l| l.list_cards(&query)).await
}

/// The search box: cards (best first), contacts and notes, the match marked.
#[tauri::command]
#[specta::specta]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    limit: u32,
) -> Result<SearchResults, ErrorReport> {
    state.run(move |l| l.search(&query, limit)).await
}

#[tauri::command]
#[specta::specta]
pub async fn cards_facets(state: State<'_, AppState>) -> Result<Facets, ErrorReport> {
    state.run(move |l| l.facets()).await
}

#[tauri::command]
#[specta::specta]
pub async fn card_get(state: State<'_, AppState>, id: String) -> Result<Card, ErrorReport> {
    state.run(move |l| l.card(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn card_create(
    state: State<'_, AppState>,
    fields: CardFields,
) -> Result<Card, ErrorReport> {
    state.run(move |l| l.create_card(&fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn card_update(
    state: State<'_, AppState>,
    id: String,
    version: i32,
    fields: CardFields,
) -> Result<Card, ErrorReport> {
    state
        .run(move |l| l.update_card(&id, version, &fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn card_trash(state: State<'_, AppState>, id: String) -> Result<Card, ErrorReport> {
    state.run(move |l| l.trash_card(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn card_restore(state: State<'_, AppState>, id: String) -> Result<Card, ErrorReport> {
    state.run(move |l| l.restore_card(&id)).await
}

/// Deletes every card in the trash for good; with `erase`, their text goes from everywhere in
/// the ledger too. Returns how many.
#[tauri::command]
#[specta::specta]
pub async fn trash_empty(state: State<'_, AppState>, erase: bool) -> Result<u32, ErrorReport> {
    state
        .run(move |l| {
            if erase {
                l.empty_trash_erasing()
            } else {
                l.empty_trash()
            }
            .map(|n| n as u32)
        })
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn card_history(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<HistoryEntry>, ErrorReport> {
    state.run(move |l| l.history(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn key_person_add(
    state: State<'_, AppState>,
    card_id: String,
    fields: KeyPersonFields,
) -> Result<KeyPerson, ErrorReport> {
    state
        .run(move |l| l.add_key_person(&card_id, &fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn key_person_update(
    state: State<'_, AppState>,
    id: String,
    fields: KeyPersonFields,
) -> Result<KeyPerson, ErrorReport> {
    state.run(move |l| l.update_key_person(&id, &fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn key_person_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_key_person(&id)).await
}

/// An individual's display name from the family and given names, as people of `lang` write it.
#[tauri::command]
#[specta::specta]
pub fn person_name(family: String, given: String, lang: daicho_core::i18n::Lang) -> String {
    daicho_core::names::person_name(&family, &given, Some(lang), "")
}

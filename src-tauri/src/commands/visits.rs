//! The visit plan and the pre-visit brief.

use daicho_core::contact::{Contact, ContactFields};
use daicho_core::visit::{PlannedVisit, VisitBrief, VisitCandidate, VisitCandidateQuery};
use daicho_core::ErrorReport;
use tauri::State;

use crate::state::AppState;

/// Visits planned from `from` to `to` (`YYYY-MM-DD`, inclusive).
#[tauri::command]
#[specta::specta]
pub async fn visit_plan(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Vec<PlannedVisit>, ErrorReport> {
    state.run(move |l| l.visit_plan(&from, &to)).await
}

/// Customers to consider: follow-ups due, not visited for a while, in a region or city.
#[tauri::command]
#[specta::specta]
pub async fn visit_candidates(
    state: State<'_, AppState>,
    query: VisitCandidateQuery,
) -> Result<Vec<VisitCandidate>, ErrorReport> {
    state.run(move |l| l.visit_candidates(&query)).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_add(
    state: State<'_, AppState>,
    card_id: String,
    planned_on: String,
    purpose: String,
) -> Result<PlannedVisit, ErrorReport> {
    state
        .run(move |l| l.plan_visit(&card_id, &planned_on, &purpose))
        .await
}

/// Moves a visit to `position` (from 0) on `planned_on`.
#[tauri::command]
#[specta::specta]
pub async fn visit_move(
    state: State<'_, AppState>,
    id: String,
    planned_on: String,
    position: u32,
) -> Result<PlannedVisit, ErrorReport> {
    state
        .run(move |l| l.move_visit(&id, &planned_on, position))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_remove(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.remove_visit(&id)).await
}

/// Logs the planned visit as a contact on its card.
#[tauri::command]
#[specta::specta]
pub async fn visit_log(
    state: State<'_, AppState>,
    id: String,
    fields: ContactFields,
) -> Result<Contact, ErrorReport> {
    state.run(move |l| l.log_visit(&id, &fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn visit_brief(
    state: State<'_, AppState>,
    card_id: String,
) -> Result<VisitBrief, ErrorReport> {
    state.run(move |l| l.visit_brief(&card_id)).await
}

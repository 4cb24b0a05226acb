//! Competitors, the product catalogue, comparison sheets, products in use at a customer,
//! renewals and case studies. Ages and horizons come from the user's settings.

use daicho_core::competition::{
    Assessment, AssessmentChanges, AssessmentFields, CardCompetition, CardProduct,
    CardProductFields, CaseStudy, CaseStudyFields, CategoryShare, Competitor, CompetitorFields,
    Product, ProductFields, ProductUsage, Renewal, Sheet, SheetFields, SheetSummary, SheetView,
};
use daicho_core::{ErrorReport, Ledger};
use tauri::State;

use crate::state::AppState;

/// `id` and the `version` it was opened at, for an edit; none for something new.
fn target(id: &Option<String>, version: i32) -> Option<(&str, i32)> {
    id.as_deref().map(|id| (id, version))
}

#[tauri::command]
#[specta::specta]
pub async fn competitors_list(state: State<'_, AppState>) -> Result<Vec<Competitor>, ErrorReport> {
    state.run(move |l| l.competitors()).await
}

#[tauri::command]
#[specta::specta]
pub async fn competitor_get(
    state: State<'_, AppState>,
    id: String,
) -> Result<Competitor, ErrorReport> {
    state.run(move |l| l.competitor(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn competitor_save(
    state: State<'_, AppState>,
    id: Option<String>,
    version: i32,
    fields: CompetitorFields,
) -> Result<Competitor, ErrorReport> {
    state
        .run(move |l| l.save_competitor(target(&id, version), &fields))
        .await
}

/// Deletes the competitor with its products and whatever points at them.
#[tauri::command]
#[specta::specta]
pub async fn competitor_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_competitor(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn products_list(state: State<'_, AppState>) -> Result<Vec<Product>, ErrorReport> {
    state.run(move |l| l.products()).await
}

#[tauri::command]
#[specta::specta]
pub async fn product_save(
    state: State<'_, AppState>,
    id: Option<String>,
    version: i32,
    fields: ProductFields,
) -> Result<Product, ErrorReport> {
    state
        .run(move |l| l.save_product(target(&id, version), &fields))
        .await
}

/// What deleting the product would take with it, for the window to ask first.
#[tauri::command]
#[specta::specta]
pub async fn product_usage(
    state: State<'_, AppState>,
    id: String,
) -> Result<ProductUsage, ErrorReport> {
    state.run(move |l| l.product_usage(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn product_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_product(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sheets_list(state: State<'_, AppState>) -> Result<Vec<SheetSummary>, ErrorReport> {
    state.run(move |l| l.sheets()).await
}

#[tauri::command]
#[specta::specta]
pub async fn sheet_get(state: State<'_, AppState>, id: String) -> Result<SheetView, ErrorReport> {
    state.run(move |l| l.sheet(&id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn sheet_save(
    state: State<'_, AppState>,
    id: Option<String>,
    version: i32,
    fields: SheetFields,
) -> Result<Sheet, ErrorReport> {
    state
        .run(move |l| l.save_sheet(target(&id, version), &fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn sheet_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_sheet(&id)).await
}

/// Saves the sheet's assessment of its date: a new dated one, or that day's again.
#[tauri::command]
#[specta::specta]
pub async fn sheet_assess(
    state: State<'_, AppState>,
    sheet_id: String,
    fields: AssessmentFields,
) -> Result<Assessment, ErrorReport> {
    state.run(move |l| l.assess(&sheet_id, &fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn assessment_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_assessment(&id)).await
}

/// How an assessment moved since an earlier one (criteria matched by name); nothing is saved.
#[tauri::command]
#[specta::specta]
pub fn assessment_changes(now: Assessment, before: Assessment) -> AssessmentChanges {
    Ledger::assessment_changes(&now, &before)
}

/// The assessment moved to another scale (5 or 10), every score converted; nothing is saved.
#[tauri::command]
#[specta::specta]
pub fn assessment_rescale(fields: AssessmentFields, to: i32) -> AssessmentFields {
    Ledger::rescale(&fields, to)
}

/// Products in use, our share, relevant sheets and close case studies of a card.
#[tauri::command]
#[specta::specta]
pub async fn card_competition(
    state: State<'_, AppState>,
    card_id: String,
) -> Result<CardCompetition, ErrorReport> {
    let stale_months = state.settings()?.case_stale_months;
    state
        .run(move |l| l.card_competition(&card_id, stale_months))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn card_product_save(
    state: State<'_, AppState>,
    card_id: String,
    id: Option<String>,
    fields: CardProductFields,
) -> Result<CardProduct, ErrorReport> {
    state
        .run(move |l| l.save_card_product(&card_id, id.as_deref(), &fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn card_product_delete(
    state: State<'_, AppState>,
    id: String,
) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_card_product(&id)).await
}

/// Enters our share in a category (none: back to the share derived from volumes).
#[tauri::command]
#[specta::specta]
pub async fn card_share_set(
    state: State<'_, AppState>,
    card_id: String,
    category: String,
    percent: Option<i32>,
) -> Result<Vec<CategoryShare>, ErrorReport> {
    state
        .run(move |l| l.set_share(&card_id, &category, percent))
        .await
}

/// Competitors' contracts renewing within the horizon in Settings.
#[tauri::command]
#[specta::specta]
pub async fn renewals_list(state: State<'_, AppState>) -> Result<Vec<Renewal>, ErrorReport> {
    let horizon = state.settings()?.renewal_horizon_days;
    state.run(move |l| l.renewals(horizon)).await
}

#[tauri::command]
#[specta::specta]
pub async fn cases_list(state: State<'_, AppState>) -> Result<Vec<CaseStudy>, ErrorReport> {
    let stale_months = state.settings()?.case_stale_months;
    state.run(move |l| l.cases(stale_months)).await
}

#[tauri::command]
#[specta::specta]
pub async fn case_save(
    state: State<'_, AppState>,
    id: Option<String>,
    version: i32,
    fields: CaseStudyFields,
) -> Result<CaseStudy, ErrorReport> {
    let stale_months = state.settings()?.case_stale_months;
    state
        .run(move |l| l.save_case(target(&id, version), &fields, stale_months))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn case_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_case(&id)).await
}

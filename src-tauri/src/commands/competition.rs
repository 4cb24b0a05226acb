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

ledger_commands! {
    fn competitors_list() -> Vec<Competitor> => |l| l.competitors();

    fn competitor_get(id: String) -> Competitor => |l| l.competitor(&id);

    fn competitor_save(id: Option<String>, version: i32, fields: CompetitorFields) -> Competitor => |l| l.save_competitor(target(&id, version), &fields);

    /// Deletes the competitor with its products and whatever points at them.
    fn competitor_delete(id: String) -> () => |l| l.delete_competitor(&id);

    fn products_list() -> Vec<Product> => |l| l.products();

    fn product_save(id: Option<String>, version: i32, fields: ProductFields) -> Product => |l| l.save_product(target(&id, version), &fields);

    /// What deleting the product would take with it, for the window to ask first.
    fn product_usage(id: String) -> ProductUsage => |l| l.product_usage(&id);

    fn product_delete(id: String) -> () => |l| l.delete_product(&id);

    fn sheets_list() -> Vec<SheetSummary> => |l| l.sheets();

    fn sheet_get(id: String) -> SheetView => |l| l.sheet(&id);

    fn sheet_save(id: Option<String>, version: i32, fields: SheetFields) -> Sheet => |l| l.save_sheet(target(&id, version), &fields);

    fn sheet_delete(id: String) -> () => |l| l.delete_sheet(&id);

    /// Saves the sheet's assessment of its date: a new dated one, or that day's again.
    fn sheet_assess(sheet_id: String, fields: AssessmentFields) -> Assessment => |l| l.assess(&sheet_id, &fields);

    fn assessment_delete(id: String) -> () => |l| l.delete_assessment(&id);

    fn card_product_save(card_id: String, id: Option<String>, fields: CardProductFields) -> CardProduct => |l| l.save_card_product(&card_id, id.as_deref(), &fields);

    fn card_product_delete(id: String) -> () => |l| l.delete_card_product(&id);

    /// Enters our share in a category (none: back to the share derived from volumes).
    fn card_share_set(card_id: String, category: String, percent: Option<i32>) -> Vec<CategoryShare> => |l| l.set_share(&card_id, &category, percent);

    fn case_delete(id: String) -> () => |l| l.delete_case(&id);
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

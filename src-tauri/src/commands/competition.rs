//! Competitors, the product catalogue, comparison sheets, products in use at a customer,
//! renewals and case studies. Ages and horizons come from the user's settings.

use daicho_core::competition::{
    Assessment, AssessmentChanges, AssessmentFields, CardCompetition, CardProduct,
    CardProductFields, CaseStudy, CaseStudyFields, CategoryShare, Competitor, CompetitorFields,
    CompetitorUsers, Product, ProductFields, ProductUsage, Renewal, Sheet, SheetFields,
    SheetSummary, SheetView,
};
use daicho_core::ids::{
    AssessmentId, CardId, CardProductId, CaseId, CompetitorId, ProductId, SheetId,
};
use daicho_core::Ledger;

commands! {
    fn competitors_list() -> Vec<Competitor> => |l| l.competitors();

    fn competitor_get(id: CompetitorId) -> Competitor => |l| l.competitor(&id);

    /// The customers using the competitor's products, the least satisfied first.
    fn competitor_users(id: CompetitorId) -> CompetitorUsers => |l| l.competitor_users(&id);

    fn competitor_create(fields: CompetitorFields) -> Competitor => |l| l.create_competitor(&fields);

    fn competitor_update(id: CompetitorId, version: i32, fields: CompetitorFields) -> Competitor => |l| l.update_competitor(&id, version, &fields);

    /// Deletes the competitor with its products and whatever points at them.
    fn competitor_delete(id: CompetitorId) -> () => |l| l.delete_competitor(&id);

    fn products_list() -> Vec<Product> => |l| l.products();

    fn product_create(fields: ProductFields) -> Product => |l| l.create_product(&fields);

    fn product_update(id: ProductId, version: i32, fields: ProductFields) -> Product => |l| l.update_product(&id, version, &fields);

    /// What deleting the product would take with it, for the window to ask first.
    fn product_usage(id: ProductId) -> ProductUsage => |l| l.product_usage(&id);

    fn product_delete(id: ProductId) -> () => |l| l.delete_product(&id);

    fn sheets_list() -> Vec<SheetSummary> => |l| l.sheets();

    fn sheet_get(id: SheetId) -> SheetView => |l| l.sheet(&id);

    fn sheet_create(fields: SheetFields) -> Sheet => |l| l.create_sheet(&fields);

    fn sheet_update(id: SheetId, version: i32, fields: SheetFields) -> Sheet => |l| l.update_sheet(&id, version, &fields);

    fn sheet_delete(id: SheetId) -> () => |l| l.delete_sheet(&id);

    /// Saves the sheet's assessment of its date: a new dated one, or that day's again.
    fn sheet_assess(sheet_id: SheetId, fields: AssessmentFields) -> Assessment => |l| l.assess(&sheet_id, &fields);

    fn assessment_delete(id: AssessmentId) -> () => |l| l.delete_assessment(&id);

    fn card_product_add(card_id: CardId, fields: CardProductFields) -> CardProduct => |l| l.add_card_product(&card_id, &fields);

    fn card_product_update(id: CardProductId, fields: CardProductFields) -> CardProduct => |l| l.update_card_product(&id, &fields);

    fn card_product_delete(id: CardProductId) -> () => |l| l.delete_card_product(&id);

    /// Enters our share in a category (none: back to the share derived from volumes).
    fn card_share_set(card_id: CardId, category: String, percent: Option<i32>) -> Vec<CategoryShare> => |l| l.set_share(&card_id, &category, percent);

    fn case_delete(id: CaseId) -> () => |l| l.delete_case(&id);
}

commands! {
    /// Products in use, our share, relevant sheets and close case studies of a card.
    fn card_competition(card_id: CardId) -> CardCompetition => state |s| {
        let stale_months = s.settings()?.case_stale_months;
        s.with_ledger(|l| l.card_competition(&card_id, stale_months))
    };

    /// Competitors' contracts renewing within the horizon in Settings.
    fn renewals_list() -> Vec<Renewal> => state |s| {
        let horizon = s.settings()?.renewal_horizon_days;
        s.with_ledger(|l| l.renewals(horizon))
    };

    fn cases_list() -> Vec<CaseStudy> => state |s| {
        let stale_months = s.settings()?.case_stale_months;
        s.with_ledger(|l| l.cases(stale_months))
    };

    fn case_create(fields: CaseStudyFields) -> CaseStudy => state |s| {
        let stale_months = s.settings()?.case_stale_months;
        s.with_ledger(|l| l.create_case(&fields, stale_months))
    };

    fn case_update(id: CaseId, version: i32, fields: CaseStudyFields) -> CaseStudy => state |s| {
        let stale_months = s.settings()?.case_stale_months;
        s.with_ledger(|l| l.update_case(&id, version, &fields, stale_months))
    };
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

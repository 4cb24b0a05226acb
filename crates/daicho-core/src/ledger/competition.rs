//! The ledger's operations on competitors, products, comparison sheets, products in use and
//! case studies. `horizon_days` and `stale_months` come from the user's settings.

use crate::competition::{
    cases, scoring, sheets, store, usage, Assessment, AssessmentChanges, AssessmentFields,
    CardCompetition, CardProduct, CardProductFields, CaseStudy, CaseStudyFields, CategoryShare,
    Competitor, CompetitorFields, CompetitorUsers, Product, ProductFields, ProductUsage, Renewal,
    Sheet, SheetFields, SheetSummary, SheetView,
};
use crate::error::CompetitionError;
use crate::ids::CardId;
use crate::ids::{AssessmentId, CardProductId, CaseId, CompetitorId, ProductId, SheetId};

use super::Ledger;

/// How many case studies a card suggests.
pub const SUGGESTED_CASES: usize = 3;

impl Ledger {
    pub fn competitors(&self) -> Result<Vec<Competitor>, CompetitionError> {
        store::competitors(self.connection())
    }

    pub fn competitor(&self, id: &CompetitorId) -> Result<Competitor, CompetitionError> {
        store::competitor(self.connection(), id)
    }

    /// The customers using the competitor's products, the least satisfied first, and how many
    /// there are in all.
    pub fn competitor_users(&self, id: &CompetitorId) -> Result<CompetitorUsers, CompetitionError> {
        store::competitor(self.connection(), id)?;
        let (users, total) = crate::competition::usage::users_of(self.connection(), id)?;
        Ok(CompetitorUsers { users, total })
    }

    pub fn create_competitor(
        &mut self,
        fields: &CompetitorFields,
    ) -> Result<Competitor, CompetitionError> {
        self.write(|tx, edit| store::save_competitor(tx, None, fields, edit))
    }

    /// Saves an edit made on `version`; refused as stale when someone saved since.
    pub fn update_competitor(
        &mut self,
        id: &CompetitorId,
        version: i32,
        fields: &CompetitorFields,
    ) -> Result<Competitor, CompetitionError> {
        self.write(|tx, edit| store::save_competitor(tx, Some((id, version)), fields, edit))
    }

    /// Deletes the competitor with its products and whatever points at them.
    pub fn delete_competitor(&mut self, id: &CompetitorId) -> Result<(), CompetitionError> {
        self.write(|tx, edit| store::delete_competitor(tx, id, edit))
    }

    pub fn products(&self) -> Result<Vec<Product>, CompetitionError> {
        store::products(self.connection())
    }

    pub fn create_product(&mut self, fields: &ProductFields) -> Result<Product, CompetitionError> {
        self.write(|tx, edit| store::save_product(tx, None, fields, edit))
    }

    pub fn update_product(
        &mut self,
        id: &ProductId,
        version: i32,
        fields: &ProductFields,
    ) -> Result<Product, CompetitionError> {
        self.write(|tx, edit| store::save_product(tx, Some((id, version)), fields, edit))
    }

    /// What deleting the product would take with it.
    pub fn product_usage(&self, id: &ProductId) -> Result<ProductUsage, CompetitionError> {
        store::usage(self.connection(), id)
    }

    pub fn delete_product(&mut self, id: &ProductId) -> Result<(), CompetitionError> {
        self.write(|tx, edit| store::delete_product(tx, id, edit))
    }

    pub fn sheets(&self) -> Result<Vec<SheetSummary>, CompetitionError> {
        sheets::list(self.connection())
    }

    pub fn sheet(&self, id: &SheetId) -> Result<SheetView, CompetitionError> {
        sheets::view(self.connection(), id)
    }

    pub fn create_sheet(&mut self, fields: &SheetFields) -> Result<Sheet, CompetitionError> {
        self.write(|tx, edit| sheets::save(tx, None, fields, edit))
    }

    pub fn update_sheet(
        &mut self,
        id: &SheetId,
        version: i32,
        fields: &SheetFields,
    ) -> Result<Sheet, CompetitionError> {
        self.write(|tx, edit| sheets::save(tx, Some((id, version)), fields, edit))
    }

    pub fn delete_sheet(&mut self, id: &SheetId) -> Result<(), CompetitionError> {
        self.write(|tx, _| sheets::delete(tx, id))
    }

    /// Saves the sheet's assessment of its date (a new dated one, or that day's again).
    pub fn assess(
        &mut self,
        sheet_id: &SheetId,
        fields: &AssessmentFields,
    ) -> Result<Assessment, CompetitionError> {
        self.write(|tx, edit| sheets::assess(tx, sheet_id, fields, edit))
    }

    pub fn delete_assessment(&mut self, id: &AssessmentId) -> Result<(), CompetitionError> {
        self.write(|tx, _| sheets::delete_assessment(tx, id))
    }

    /// How assessment `now` moved since `before`, score by score and in total.
    pub fn assessment_changes(now: &Assessment, before: &Assessment) -> AssessmentChanges {
        scoring::changes(now, before)
    }

    /// The assessment converted to another scale (5 or 10), not saved.
    pub fn rescale(fields: &AssessmentFields, to: i32) -> AssessmentFields {
        scoring::rescale(fields, to)
    }

    /// Products in use at the customer, our share per category, relevant sheets, close cases.
    pub fn card_competition(
        &self,
        card_id: &CardId,
        stale_months: u32,
    ) -> Result<CardCompetition, CompetitionError> {
        let conn = self.connection();
        Ok(CardCompetition {
            products: usage::for_card(conn, card_id)?,
            shares: usage::shares(conn, card_id)?,
            sheets: sheets::for_card(conn, card_id)?,
            cases: cases::for_card(conn, card_id, self.today(), stale_months, SUGGESTED_CASES)?,
            hints: crate::competition::hints::for_card(conn, card_id, self.today())?,
        })
    }

    /// Records a product the customer uses.
    pub fn add_card_product(
        &mut self,
        card_id: &CardId,
        fields: &CardProductFields,
    ) -> Result<CardProduct, CompetitionError> {
        self.write(|tx, edit| usage::save(tx, card_id, None, fields, edit))
    }

    pub fn update_card_product(
        &mut self,
        id: &CardProductId,
        fields: &CardProductFields,
    ) -> Result<CardProduct, CompetitionError> {
        self.write(|tx, edit| {
            let card_id = usage::load(tx, id)?.card_id;
            usage::save(tx, &card_id, Some(id), fields, edit)
        })
    }

    pub fn delete_card_product(&mut self, id: &CardProductId) -> Result<(), CompetitionError> {
        self.write(|tx, edit| usage::delete(tx, id, edit))
    }

    /// Enters our share of the customer's purchases in a category; `None` goes back to derived.
    pub fn set_share(
        &mut self,
        card_id: &CardId,
        category: &str,
        percent: Option<i32>,
    ) -> Result<Vec<CategoryShare>, CompetitionError> {
        self.write(|tx, edit| usage::set_share(tx, card_id, category, percent, edit))
    }

    /// Competitors' contracts renewing within `horizon_days`: opportunities.
    pub fn renewals(&self, horizon_days: u32) -> Result<Vec<Renewal>, CompetitionError> {
        usage::renewals(self.connection(), self.today(), horizon_days)
    }

    pub fn cases(&self, stale_months: u32) -> Result<Vec<CaseStudy>, CompetitionError> {
        cases::list(self.connection(), self.today(), stale_months)
    }

    pub fn create_case(
        &mut self,
        fields: &CaseStudyFields,
        stale_months: u32,
    ) -> Result<CaseStudy, CompetitionError> {
        self.save_case(None, fields, stale_months)
    }

    pub fn update_case(
        &mut self,
        id: &CaseId,
        version: i32,
        fields: &CaseStudyFields,
        stale_months: u32,
    ) -> Result<CaseStudy, CompetitionError> {
        self.save_case(Some((id, version)), fields, stale_months)
    }

    fn save_case(
        &mut self,
        id: Option<(&str, i32)>,
        fields: &CaseStudyFields,
        stale_months: u32,
    ) -> Result<CaseStudy, CompetitionError> {
        let today = self.today();
        self.write(|tx, edit| {
            let id = cases::save(tx, id, fields, edit)?;
            cases::load(tx, &id, today, stale_months)
        })
    }

    pub fn delete_case(&mut self, id: &CaseId) -> Result<(), CompetitionError> {
        self.write(|tx, _| cases::delete(tx, id))
    }
}

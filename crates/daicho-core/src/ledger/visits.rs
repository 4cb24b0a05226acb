//! The ledger's operations on the visit plan, its candidates and the pre-visit brief.

use crate::contact::{Contact, ContactFields};
use crate::error::VisitError;
use crate::ids::CardId;
use crate::ids::VisitId;
use crate::visit::{self, PlannedVisit, VisitBrief, VisitCandidate, VisitCandidateQuery};

use super::Ledger;

impl Ledger {
    /// The visits planned between two dates (inclusive).
    pub fn visit_plan(&self, from: &str, to: &str) -> Result<Vec<PlannedVisit>, VisitError> {
        visit::store::plan(self.connection(), from, to)
    }

    pub fn plan_visit(
        &mut self,
        card_id: &CardId,
        planned_on: &str,
        purpose: &str,
    ) -> Result<PlannedVisit, VisitError> {
        self.write(|tx, edit| visit::store::add(tx, card_id, planned_on, purpose, edit))
    }

    /// Moves a planned visit to another day or place in the day's order.
    pub fn move_visit(
        &mut self,
        id: &VisitId,
        planned_on: &str,
        position: u32,
    ) -> Result<PlannedVisit, VisitError> {
        self.write(|tx, edit| visit::store::move_to(tx, id, planned_on, position, edit))
    }

    pub fn remove_visit(&mut self, id: &VisitId) -> Result<(), VisitError> {
        self.write(|tx, _| visit::store::remove(tx, id))
    }

    /// Logs a planned visit as a contact on its card, in one step.
    pub fn log_visit(
        &mut self,
        id: &VisitId,
        fields: &ContactFields,
    ) -> Result<Contact, VisitError> {
        self.write(|tx, edit| visit::store::log(tx, id, fields, edit))
    }

    pub fn visit_candidates(
        &self,
        query: &VisitCandidateQuery,
    ) -> Result<Vec<VisitCandidate>, VisitError> {
        visit::store::candidates(self.connection(), query, self.today())
    }

    /// The page to read before visiting the customer.
    pub fn visit_brief(&self, card_id: &CardId) -> Result<VisitBrief, VisitError> {
        visit::store::brief(self.connection(), card_id)
    }
}

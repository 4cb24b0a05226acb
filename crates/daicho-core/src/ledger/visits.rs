//! The ledger's operations on the visit plan, its candidates and the pre-visit brief.

use crate::contact::{Contact, ContactFields};
use crate::error::VisitError;
use crate::ids::CardId;
use crate::ids::VisitId;
use crate::visit::{
    self, Appointment, PlannedVisit, VisitBrief, VisitCandidate, VisitCandidateQuery,
};

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

    /// Sets a planned visit's time, place, people and whether the customer agreed it.
    pub fn set_appointment(
        &mut self,
        id: &VisitId,
        appointment: &Appointment,
    ) -> Result<PlannedVisit, VisitError> {
        self.write(|tx, edit| visit::store::set_appointment(tx, id, appointment, edit))
    }

    /// Orders the day's visits by area (postal code, region, city, street); returns the day.
    pub fn order_visits_by_area(&mut self, day: &str) -> Result<Vec<PlannedVisit>, VisitError> {
        self.write(|tx, _| visit::store::order_by_area(tx, day))
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
        visit::store::brief(self.connection(), card_id, self.today())
    }
}

impl Ledger {
    /// The daily report of `day` (`YYYY-MM-DD`).
    pub fn daily_report(&self, day: &str) -> Result<crate::daily::DailyReport, VisitError> {
        crate::daily::gather(self.connection(), parse_day(day)?)
    }

    /// Records the superior's review of `day`, dated today.
    pub fn review_day(
        &mut self,
        day: &str,
        reviewer: &str,
        comment: &str,
    ) -> Result<crate::daily::DailyReview, VisitError> {
        let (day, today) = (parse_day(day)?, self.today());
        self.write(|tx, edit| {
            crate::daily::store::set_review(tx, day, reviewer, comment, today, edit)
        })
    }

    /// Takes back the review of `day`.
    pub fn clear_day_review(&mut self, day: &str) -> Result<(), VisitError> {
        let day = parse_day(day)?;
        self.write(|tx, _| crate::daily::store::clear_review(tx, day))
    }
}

fn parse_day(day: &str) -> Result<chrono::NaiveDate, VisitError> {
    chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
        crate::error::CardError::invalid(crate::error::FieldIssue::new("day", "invalid_date"))
            .into()
    })
}

//! The ledger's operations on intelligence notes, follow-ups and the visit plan.

use crate::contact::{self, Contact, ContactFields, FollowUps};
use crate::error::CardError;
use crate::intel::{self, IntelNote, IntelNoteFields, NotePage, NoteQuery};
use crate::visit::{self, PlannedVisit, VisitBrief, VisitCandidate, VisitCandidateQuery};

use super::Ledger;

impl Ledger {
    /// Records what the rep learned about the customer of `card_id`.
    pub fn add_note(
        &mut self,
        card_id: &str,
        fields: &IntelNoteFields,
    ) -> Result<IntelNote, CardError> {
        self.write(|tx, edit| intel::store::insert(tx, card_id, fields, edit))
    }

    /// Saves an edit made on version `version` of the note; refused if it changed since.
    pub fn update_note(
        &mut self,
        id: &str,
        version: i32,
        fields: &IntelNoteFields,
    ) -> Result<IntelNote, CardError> {
        self.write(|tx, edit| intel::store::update(tx, id, version, fields, edit))
    }

    pub fn delete_note(&mut self, id: &str) -> Result<(), CardError> {
        self.write(|tx, edit| intel::store::delete(tx, id, edit))
    }

    pub fn note(&self, id: &str) -> Result<IntelNote, CardError> {
        intel::store::load(self.connection(), id)
    }

    /// The card's notes, newest first.
    pub fn notes(&self, card_id: &str) -> Result<Vec<IntelNote>, CardError> {
        intel::store::for_card(self.connection(), card_id)
    }

    /// The notes page: notes of cards not in the trash, filtered.
    pub fn list_notes(&self, query: &NoteQuery) -> Result<NotePage, CardError> {
        intel::store::list(self.connection(), query)
    }

    /// Every open next action of cards not in the trash, grouped by when it is due.
    pub fn follow_ups(&self) -> Result<FollowUps, CardError> {
        Ok(contact::followup::list(self.connection(), self.today())?)
    }

    pub fn overdue_follow_ups(&self) -> Result<u32, CardError> {
        Ok(contact::followup::overdue_count(
            self.connection(),
            self.today(),
        )?)
    }

    /// Moves the due date of a contact's next action.
    pub fn reschedule_follow_up(
        &mut self,
        contact_id: &str,
        due: &str,
    ) -> Result<Contact, CardError> {
        self.write(|tx, edit| contact::store::reschedule(tx, contact_id, due, edit))
    }

    /// Marks the next action done and, when `log` is given, records the contact that did it: both
    /// or neither.
    pub fn complete_follow_up(
        &mut self,
        contact_id: &str,
        log: Option<&ContactFields>,
    ) -> Result<Option<Contact>, CardError> {
        self.write(|tx, edit| {
            let done = contact::store::set_action_done(tx, contact_id, true, edit)?;
            log.map(|fields| contact::store::insert(tx, &done.card_id, fields, edit))
                .transpose()
        })
    }

    /// The visits planned between two dates (inclusive).
    pub fn visit_plan(&self, from: &str, to: &str) -> Result<Vec<PlannedVisit>, CardError> {
        visit::store::plan(self.connection(), from, to)
    }

    pub fn plan_visit(
        &mut self,
        card_id: &str,
        planned_on: &str,
        purpose: &str,
    ) -> Result<PlannedVisit, CardError> {
        self.write(|tx, edit| visit::store::add(tx, card_id, planned_on, purpose, edit))
    }

    /// Moves a planned visit to another day or place in the day's order.
    pub fn move_visit(
        &mut self,
        id: &str,
        planned_on: &str,
        position: u32,
    ) -> Result<PlannedVisit, CardError> {
        self.write(|tx, edit| visit::store::move_to(tx, id, planned_on, position, edit))
    }

    pub fn remove_visit(&mut self, id: &str) -> Result<(), CardError> {
        self.write(|tx, _| visit::store::remove(tx, id))
    }

    /// Logs a planned visit as a contact on its card, in one step.
    pub fn log_visit(&mut self, id: &str, fields: &ContactFields) -> Result<Contact, CardError> {
        self.write(|tx, edit| visit::store::log(tx, id, fields, edit))
    }

    pub fn visit_candidates(
        &self,
        query: &VisitCandidateQuery,
    ) -> Result<Vec<VisitCandidate>, CardError> {
        visit::store::candidates(self.connection(), query, self.today())
    }

    /// The page to read before visiting the customer.
    pub fn visit_brief(&self, card_id: &str) -> Result<VisitBrief, CardError> {
        visit::store::brief(self.connection(), card_id)
    }
}

//! The ledger's operations on follow-ups: the open next actions of contacts.

use crate::contact::{self, Contact, ContactFields, FollowUps};
use crate::error::ContactError;
use crate::ids::ContactId;

use super::Ledger;

impl Ledger {
    /// Every open next action of cards not in the trash, grouped by when it is due.
    pub fn follow_ups(&self) -> Result<FollowUps, ContactError> {
        Ok(contact::followup::list(self.connection(), self.today())?)
    }

    pub fn overdue_follow_ups(&self) -> Result<u32, ContactError> {
        Ok(contact::followup::overdue_count(
            self.connection(),
            self.today(),
        )?)
    }

    /// Moves the due date of a contact's next action.
    pub fn reschedule_follow_up(
        &mut self,
        contact_id: &ContactId,
        due: &str,
    ) -> Result<Contact, ContactError> {
        self.write(|tx, edit| contact::store::reschedule(tx, contact_id, due, edit))
    }

    /// Marks the next action done and, when `log` is given, records the contact that did it: both
    /// or neither.
    pub fn complete_follow_up(
        &mut self,
        contact_id: &ContactId,
        log: Option<&ContactFields>,
    ) -> Result<Option<Contact>, ContactError> {
        self.write(|tx, edit| {
            let done = contact::store::set_action_done(tx, contact_id, true, edit)?;
            log.map(|fields| contact::store::insert(tx, &done.card_id, fields, edit))
                .transpose()
        })
    }
}

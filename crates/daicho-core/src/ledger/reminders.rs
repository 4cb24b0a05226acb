//! The ledger's reminders: birthdays, anniversaries, renewals, meetings and seasons coming up.

use crate::reminders::{self, ReminderError, ReminderKind, ReminderQuery, Reminders};

use super::Ledger;

impl Ledger {
    /// The reminders open from today, soonest first.
    pub fn reminders(&self, query: &ReminderQuery) -> Result<Reminders, ReminderError> {
        reminders::list(self.connection(), self.today(), query)
    }

    /// Marks a reminder done for its day (it comes again next year), or open again.
    pub fn set_reminder_done(
        &mut self,
        kind: ReminderKind,
        subject: &str,
        on: &str,
        done: bool,
    ) -> Result<(), ReminderError> {
        self.write(|tx, edit| reminders::store::set_done(tx, kind, subject, on, done, edit))
    }
}

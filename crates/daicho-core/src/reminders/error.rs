//! What marking a reminder done can refuse, with codes.

/// Reminders: listing them and marking one done.
#[derive(Debug, thiserror::Error)]
pub enum ReminderError {
    #[error("no such reminder: {kind} {subject} on {on}")]
    NotFound {
        kind: String,
        subject: String,
        on: String,
    },
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(ReminderError {
    NotFound { kind, subject, on } => code("reminder.not_found"),
    Storage(e) => storage,
});

//! What the visit plan can refuse, with codes.

use crate::error::{CardError, ContactError, NoteError};

/// Planned visits, their candidates and the pre-visit brief; logging a visit adds its contact.
#[derive(Debug, thiserror::Error)]
pub enum VisitError {
    #[error("no planned visit with id {id}")]
    NotFound { id: String },
    #[error("this visit was already logged")]
    AlreadyLogged { id: String },
    #[error(transparent)]
    Contact(#[from] ContactError),
    #[error(transparent)]
    Note(#[from] NoteError),
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(VisitError {
    NotFound { id } => code("visit.not_found"),
    AlreadyLogged { id } => code("visit.already_logged"),
    Contact(e) => inner,
    Note(e) => inner,
    Card(e) => inner,
    Storage(e) => storage,
});

//! What reading and changing a card's contacts can refuse, with codes.

use crate::error::CardError;

/// Contacts (visits, calls, complaints, negotiations) and their next actions.
#[derive(Debug, thiserror::Error)]
pub enum ContactError {
    #[error("no contact with id {id}")]
    NotFound { id: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(ContactError {
    NotFound { id } => code("contact.not_found"),
    Card(e) => inner,
    Storage(e) => storage,
});

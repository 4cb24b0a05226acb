//! What reading and changing cards (and, for now, what hangs on them) can refuse.

use crate::error::FieldIssue;

/// Reading and changing cards and their key persons.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error("no card with id {id}")]
    NotFound { id: String },
    #[error("no key person with id {id}")]
    KeyPersonNotFound { id: String },
    #[error("the card is invalid: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("the card was changed elsewhere since it was opened")]
    Stale { id: String },
    #[error("the card is in the trash")]
    InTrash { id: String },
    #[error("the card is not in the trash")]
    NotInTrash { id: String },
    #[error("key persons belong to organisation cards")]
    KeyPersonNeedsOrganisation,
    #[error("{0}")]
    BadId(String),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl CardError {
    pub fn invalid(issue: FieldIssue) -> Self {
        CardError::Invalid(vec![issue])
    }
}

coded!(CardError {
    NotFound { id } => code("card.not_found"),
    KeyPersonNotFound { id } => code("card.key_person_not_found"),
    Invalid(issues) => fields("card.invalid"),
    Stale { id } => code("card.stale"),
    InTrash { id } => code("card.in_trash"),
    NotInTrash { id } => code("card.not_in_trash"),
    KeyPersonNeedsOrganisation => code("card.key_person_needs_organisation"),
    BadId(id) => code("card.bad_id", "id"),
    Storage(e) => storage,
});

//! What a step that changes many cards (bulk change, merge) and its undo can refuse.

use crate::error::{BackupError, CardError, ContactError, SalesError};

/// Changing many cards in one step (bulk changes, merging two cards) and undoing such a step.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("no such change with id {id}")]
    NotFound { id: String },
    #[error("this change was already undone")]
    AlreadyUndone { id: String },
    #[error("card {code} changed since; undo would lose that")]
    ChangedSince { code: String },
    #[error("card {id} is gone (the trash was emptied)")]
    CardGone { id: String },
    #[error("a card cannot be merged with itself")]
    SameCard,
    #[error("no cards chosen")]
    NothingChosen,
    #[error("the change's record is damaged: {detail}")]
    Damaged { detail: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Contact(#[from] ContactError),
    #[error(transparent)]
    Sales(#[from] SalesError),
    #[error(transparent)]
    Competition(#[from] crate::error::CompetitionError),
    #[error(transparent)]
    Backup(Box<BackupError>),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(BatchError {
    NotFound { id } => code("batch.not_found"),
    AlreadyUndone { id } => code("batch.already_undone"),
    ChangedSince { code } => code("batch.changed_since"),
    CardGone { id } => code("batch.card_gone"),
    SameCard => code("batch.same_card"),
    NothingChosen => code("batch.nothing_chosen"),
    Damaged { detail } => code("batch.damaged"),
    Card(e) => inner,
    Contact(e) => inner,
    Sales(e) => inner,
    Competition(e) => inner,
    Backup(e) => inner,
    Storage(e) => storage,
});

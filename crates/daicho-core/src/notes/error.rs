//! What reading and changing intelligence notes can refuse, with codes.

use crate::error::CardError;

/// Intelligence notes, on a card and on the notes page.
#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    #[error("no intelligence note with id {id}")]
    NotFound { id: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(NoteError {
    NotFound { id } => code("note.not_found"),
    Card(e) => inner,
    Storage(e) => storage,
});

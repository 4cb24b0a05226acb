//! What linking cards can refuse, with codes.

use crate::error::CardError;

#[derive(Debug, thiserror::Error)]
pub enum CardLinkError {
    #[error("a card cannot be linked to itself")]
    Itself,
    #[error("the link would make a loop: {name} is already below this card")]
    Loop { name: String },
    #[error("the other card is in the trash")]
    OtherInTrash { name: String },
    #[error("the note is too long")]
    NoteTooLong,
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(CardLinkError {
    Itself => code("card_link.itself"),
    Loop { name } => code("card_link.loop"),
    OtherInTrash { name } => code("card_link.other_in_trash"),
    NoteTooLong => code("card_link.note_too_long"),
    Card(e) => inner,
    Storage(e) => storage,
});

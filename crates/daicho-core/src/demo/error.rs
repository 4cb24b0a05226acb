//! What making a demo ledger can meet: whatever a part of it refused.

use crate::error::{
    CardError, CardLinkError, ClassifyError, CompetitionError, ContactError, CustomFieldError,
    NoteError, SalesError, VisitError,
};

/// Making a demo ledger: whatever a part of it refused.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{value}: not a day as YYYY-MM-DD")]
    BadDay { value: String },
    #[error("{value}: not jp, cn, kr, en or all")]
    BadMarket { value: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Competition(#[from] CompetitionError),
    #[error(transparent)]
    Sales(#[from] SalesError),
    #[error(transparent)]
    Classify(#[from] ClassifyError),
    #[error(transparent)]
    Contact(#[from] ContactError),
    #[error(transparent)]
    Note(#[from] NoteError),
    #[error(transparent)]
    Visit(#[from] VisitError),
    #[error(transparent)]
    Link(#[from] CardLinkError),
    #[error(transparent)]
    OwnField(#[from] CustomFieldError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(DemoError {
    BadDay { value } => code("demo.bad_day"),
    BadMarket { value } => code("demo.bad_market"),
    Card(e) => inner,
    Competition(e) => inner,
    Sales(e) => inner,
    Classify(e) => inner,
    Contact(e) => inner,
    Note(e) => inner,
    Link(e) => inner,
    OwnField(e) => inner,
    Visit(e) => inner,
    Storage(e) => storage,
});

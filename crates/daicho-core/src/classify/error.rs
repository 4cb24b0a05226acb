//! What classification settings and runs can refuse, with codes.

use crate::error::{FieldIssue, SalesError};

/// Classification settings and runs.
#[derive(Debug, thiserror::Error)]
pub enum ClassifyError {
    #[error("invalid classification settings: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error(transparent)]
    Sales(#[from] SalesError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(ClassifyError {
    Invalid(issues) => fields("classify.invalid"),
    Sales(e) => inner,
    Storage(e) => storage,
});

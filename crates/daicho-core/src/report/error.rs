//! What writing an Excel report can refuse, with codes.

use crate::error::{
    CardError, ClassifyError, CompetitionError, ContactError, FieldIssue, NoteError, OutputError,
    SalesError, VisitError,
};
use std::path::PathBuf;

/// Writing an Excel report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("invalid report request: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("nothing to report: no card matches")]
    Empty,
    #[error("{path}: {detail}")]
    Write { path: PathBuf, detail: String },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Sales(#[from] SalesError),
    #[error(transparent)]
    Classify(#[from] ClassifyError),
    #[error(transparent)]
    Competition(#[from] CompetitionError),
    #[error(transparent)]
    Contact(#[from] ContactError),
    #[error(transparent)]
    Note(#[from] NoteError),
    #[error(transparent)]
    Visit(#[from] VisitError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(ReportError {
    Invalid(issues) => fields("report.invalid"),
    Empty => code("report.empty"),
    Write { path, detail } => code("report.write"),
    Output(e) => inner,
    Card(e) => inner,
    Sales(e) => inner,
    Classify(e) => inner,
    Competition(e) => inner,
    Contact(e) => inner,
    Note(e) => inner,
    Visit(e) => inner,
    Storage(e) => storage,
});

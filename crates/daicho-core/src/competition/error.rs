//! What the competition features can refuse, with codes.

use crate::error::{CardError, FieldIssue};

/// Competitors, products, comparison sheets, products in use and case studies.
#[derive(Debug, thiserror::Error)]
pub enum CompetitionError {
    #[error("no competitor with id {id}")]
    CompetitorNotFound { id: String },
    #[error("no product with id {id}")]
    ProductNotFound { id: String },
    #[error("no comparison sheet with id {id}")]
    SheetNotFound { id: String },
    #[error("no assessment with id {id}")]
    AssessmentNotFound { id: String },
    #[error("no product in use with id {id}")]
    UsageNotFound { id: String },
    #[error("no case study with id {id}")]
    CaseNotFound { id: String },
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("changed elsewhere since it was opened")]
    Stale { id: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl CompetitionError {
    pub fn invalid(field: &str, rule: &str) -> Self {
        CompetitionError::Invalid(vec![FieldIssue::new(field, rule)])
    }
}

coded!(CompetitionError {
    CompetitorNotFound { id } => code("competition.competitor_not_found"),
    ProductNotFound { id } => code("competition.product_not_found"),
    SheetNotFound { id } => code("competition.sheet_not_found"),
    AssessmentNotFound { id } => code("competition.assessment_not_found"),
    UsageNotFound { id } => code("competition.usage_not_found"),
    CaseNotFound { id } => code("competition.case_not_found"),
    Invalid(issues) => fields("competition.invalid"),
    Stale { id } => code("competition.stale"),
    Card(e) => inner,
    Storage(e) => storage,
});

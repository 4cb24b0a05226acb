//! What transactions, receivables and collection plans can refuse, with codes.

use crate::error::{CardError, FieldIssue};

/// Transactions, receivables and the collection plan.
#[derive(Debug, thiserror::Error)]
pub enum SalesError {
    #[error("no transaction with id {id}")]
    NotFound { id: String },
    #[error("no payment with id {id}")]
    PaymentNotFound { id: String },
    #[error("no sales plan line with id {id}")]
    PlanNotFound { id: String },
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("changed elsewhere since it was opened")]
    Stale { id: String },
    #[error("the period must be FROM..TO with FROM not after TO")]
    Period,
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(SalesError {
    NotFound { id } => code("sales.not_found"),
    PaymentNotFound { id } => code("sales.payment_not_found"),
    PlanNotFound { id } => code("sales.plan_not_found"),
    Invalid(issues) => fields("sales.invalid"),
    Stale { id } => code("sales.stale"),
    Period => code("sales.period"),
    Card(e) => inner,
    Storage(e) => storage,
});

//! What customers buy: transactions (sales and returns), what each card adds up to, the
//! receivables with their age, the collection plan, and the annual sales plan.

pub mod balance;
pub mod cycle;
pub(crate) mod error;
pub mod habits;
mod model;
pub mod payments;
pub mod plan;
pub mod receivables;
pub(crate) mod store;
pub mod summary;
pub(crate) mod validate;

pub use model::*;

/// The window's checks of a sale or return, for rows that arrive another way (a take-over).
pub(crate) fn check_transaction(
    input: &TransactionFields,
    product_name: Option<&str>,
) -> Result<TransactionFields, Vec<crate::error::FieldIssue>> {
    // The cost travels with the row; the catalogue's unit cost fills only a form left empty.
    validate::transaction(input, product_name.map(|name| (name, None)))
}

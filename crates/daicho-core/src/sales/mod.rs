//! What customers buy: transactions (sales and returns), what each card adds up to, the
//! receivables with their age, and the collection plan.

mod model;
pub mod receivables;
pub mod store;
pub mod summary;
mod validate;

pub use model::*;

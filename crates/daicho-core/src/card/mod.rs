//! Customer cards: organisations and individuals, their key persons, their change history.

pub mod checks;
pub(crate) mod error;
pub mod history;
pub mod links;
mod model;
pub(crate) mod store;
pub mod validate;

pub use model::*;

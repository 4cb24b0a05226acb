//! Intelligence notes: what a rep learned about a customer, its people, competitors and market,
//! from whom and how, graded for reliability, importance and urgency.

pub(crate) mod error;
mod model;
pub(crate) mod store;
pub mod validate;

pub use model::*;

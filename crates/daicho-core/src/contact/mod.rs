//! Contact history: every visit, call, letter, complaint and negotiation with a customer, with
//! the next action the rep promised.

mod model;
pub(crate) mod store;
pub mod validate;

pub use model::*;

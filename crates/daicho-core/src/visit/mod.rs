//! The visit plan: which customers to visit on which day, in which order, where the plan comes
//! from (due follow-ups, customers not visited for a while) and the brief to read before each visit.

pub(crate) mod error;
mod model;
pub(crate) mod store;

pub use model::*;

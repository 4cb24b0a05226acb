//! Contact history: every visit, call, letter, complaint and negotiation with a customer, with
//! the next action the rep promised, and the follow-ups page over all of them.

pub(crate) mod error;
pub mod followup;
mod model;
pub(crate) mod store;
pub mod validate;

pub use followup::{FollowUp, FollowUpBucket, FollowUps};
pub use model::*;

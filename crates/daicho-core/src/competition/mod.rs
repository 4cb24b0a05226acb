//! Competitor comparison: a catalogue of our and competitors' products, comparison sheets scored
//! in dated assessments, what each customer uses and our share there, case studies, and what to
//! propose to a customer next (cross-selling and up-selling hints).

pub mod cases;
pub(crate) mod error;
pub mod hints;
mod model;
pub mod scoring;
pub(crate) mod sheets;
pub(crate) mod store;
pub(crate) mod usage;
pub mod validate;

pub use model::*;

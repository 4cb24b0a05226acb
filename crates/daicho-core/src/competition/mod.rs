//! Competitor comparison: a catalogue of our and competitors' products, comparison sheets scored
//! in dated assessments, what each customer uses and our share there, and case studies.

pub mod cases;
pub(crate) mod error;
mod model;
pub mod scoring;
pub(crate) mod sheets;
pub(crate) mod store;
pub(crate) mod usage;
pub mod validate;

pub use model::*;

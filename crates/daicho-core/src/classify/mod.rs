//! Classification: ABC by purchases, grades by monthly volume, loyalty, credit, value tiers,
//! completeness, and the core and problem lists with their reasons. Settings live in the ledger
//! (`config.rs`); the arithmetic is plain (`compute.rs`); `gather.rs` reads the inputs in a few
//! set-based queries and `store.rs` keeps each card's latest classes with their history.

pub mod compute;
pub mod config;
pub(crate) mod error;
pub mod gather;
mod model;
pub(crate) mod store;
pub mod view;

pub use config::ClassConfig;
pub use model::*;
pub use store::{LastRun, StoredClass};

//! Tauri commands: each takes the state, calls one daicho-core function and returns its
//! result or an [`ErrorReport`] (`{code, params, fields}`) that the UI shows in the user's language.
//! They are `async` so that ledger work runs off the window's main thread.

pub mod backups;
pub mod cards;
pub mod classify;
pub mod competition;
pub mod contacts;
pub mod copies;
pub mod handover;
pub mod import;
pub mod ledger;
pub mod links;
pub mod notes;
pub mod reports;
pub mod sales;
pub mod visits;

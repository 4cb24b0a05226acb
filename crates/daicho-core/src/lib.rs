//! Daicho's core: customer cards kept in one SQLite ledger file.
//!
//! Everything the app and the `daicho` CLI do goes through [`Ledger`]. This crate knows nothing about
//! Tauri or any UI: its API types are plain serde data, which the app turns into TypeScript bindings.

#[macro_use]
mod api_enum;
#[macro_use]
mod coded;
pub mod backup;
pub mod card;
pub mod card_list;
pub mod classify;
pub mod competition;
pub mod contact;
pub mod copies;
pub mod crypto;
pub mod custom_fields;
pub mod daily;
pub mod dashboard;
pub mod db;
pub mod demo;
pub mod error;
pub mod figures;
pub mod full_export;
pub mod handover;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod instance;
pub mod links;
pub mod many_cards;
pub mod names;
pub mod notes;
pub mod output;
pub mod reading_order;
pub mod reminders;
pub mod report;
pub mod sales;
pub mod search;
pub mod segments;
pub mod settings;
pub mod stats;
pub mod terminal;
pub mod text;
pub mod visit;

mod ledger;

pub use error::{ErrorReport, FieldIssue};
pub use ledger::{BackupConfig, Clock, Ledger, NewLedger, Protection};

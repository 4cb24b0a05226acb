#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Integration tests of daicho-core through its public API, as the app and the CLI use it.

mod appointments;
mod backups;
mod bad_input;
mod card_list;
mod cards;
mod classify;
mod codes;
mod competition;
mod contacts;
mod copies;
mod custom_fields;
mod demo;
mod encryption;
mod erase;
mod files;
mod full_export;
mod handover;
mod handover_seal;
mod import;
mod import_templates;
mod lending;
mod links;
mod merge;
mod notes;
mod planning;
mod reminders;
mod reports;
mod sales;
mod sales_plan;
mod search;

use daicho_core::card::{CardFields, CardKind, KeyPersonFields};
use daicho_core::Ledger;

fn fixed_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-24T09:30:00Z")
        .unwrap()
        .into()
}

/// An in-memory ledger whose clock and actor are fixed.
pub fn ledger() -> Ledger {
    Ledger::open_in_memory()
        .unwrap()
        .with_actor("山田 太郎")
        .with_clock(fixed_now)
}

pub fn organisation(name: &str, reading: &str) -> CardFields {
    let mut fields = CardFields::new(CardKind::Organisation, name);
    fields.reading = reading.to_owned();
    fields
}

/// How SQLite will run `sql` on `ledger`: the detail of each step of its query plan.
pub fn query_plan(ledger: &Ledger, sql: &str) -> Vec<String> {
    ledger
        .connection()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map([], |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

pub fn person(name: &str) -> KeyPersonFields {
    KeyPersonFields {
        name: name.to_owned(),
        ..KeyPersonFields::default()
    }
}

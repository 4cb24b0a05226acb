//! Counts of every kind of record in a ledger, and SQLite's integrity check.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Stats {
    pub schema_version: i32,
    /// Cards not in the trash.
    pub cards: u32,
    pub cards_in_trash: u32,
    /// Live cards per kind and per status.
    pub cards_by_kind: BTreeMap<String, u32>,
    pub cards_by_status: BTreeMap<String, u32>,
    pub key_persons: u32,
    pub tags: u32,
    pub history_entries: u32,
    pub contacts: u32,
    /// Complaints not yet resolved.
    pub open_complaints: u32,
    pub negotiations: u32,
    /// Next actions with a due date that are not done.
    pub open_next_actions: u32,
    pub notes: u32,
    /// Notes that are speculation, not fact.
    pub speculative_notes: u32,
    /// Notes marked for the next meeting.
    pub notes_to_share: u32,
    pub planned_visits: u32,
    /// Planned visits already logged as contacts.
    pub logged_visits: u32,
    pub competitors: u32,
    /// Products in the catalogue: ours and competitors'.
    pub our_products: u32,
    pub competitor_products: u32,
    pub comparison_sheets: u32,
    pub assessments: u32,
    /// Products recorded as in use at customers.
    pub products_in_use: u32,
    pub case_studies: u32,
    /// Sales and returns.
    pub transactions: u32,
    pub returns: u32,
    /// Sales not fully paid.
    pub open_invoices: u32,
    pub collection_plans: u32,
    /// Live cards with stored classes, and of them on the core and on the problem list.
    pub classified_cards: u32,
    pub core_customers: u32,
    pub problem_customers: u32,
    /// Portfolios taken over from colleagues (not undone).
    pub handovers_taken_over: u32,
    /// "ok", or what SQLite's integrity check found.
    pub integrity: String,
}

pub fn collect(conn: &Connection) -> rusqlite::Result<Stats> {
    let count = |sql: &str| -> rusqlite::Result<u32> { conn.query_row(sql, [], |r| r.get(0)) };
    let grouped = |column: &str| -> rusqlite::Result<BTreeMap<String, u32>> {
        conn.prepare(&format!(
            "SELECT {column}, count(*) FROM cards WHERE deleted_at IS NULL GROUP BY {column} ORDER BY {column}"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
    };
    Ok(Stats {
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        cards: count("SELECT count(*) FROM cards WHERE deleted_at IS NULL")?,
        cards_in_trash: count("SELECT count(*) FROM cards WHERE deleted_at IS NOT NULL")?,
        cards_by_kind: grouped("kind")?,
        cards_by_status: grouped("status")?,
        key_persons: count("SELECT count(*) FROM key_persons")?,
        tags: count("SELECT count(DISTINCT tag) FROM card_tags")?,
        history_entries: count("SELECT count(*) FROM card_history")?,
        contacts: count("SELECT count(*) FROM contacts")?,
        open_complaints: count("SELECT count(*) FROM contacts WHERE complaint_state IN ('open', 'in_progress')")?,
        negotiations: count("SELECT count(*) FROM contacts WHERE kind = 'negotiation'")?,
        open_next_actions: count(
            "SELECT count(*) FROM contacts WHERE next_action_due IS NOT NULL AND next_action_done_at IS NULL",
        )?,
        notes: count("SELECT count(*) FROM notes")?,
        speculative_notes: count("SELECT count(*) FROM notes WHERE certainty = 'speculation'")?,
        notes_to_share: count("SELECT count(*) FROM notes WHERE share = 1")?,
        planned_visits: count("SELECT count(*) FROM planned_visits")?,
        logged_visits: count("SELECT count(*) FROM planned_visits WHERE contact_id IS NOT NULL")?,
        competitors: count("SELECT count(*) FROM competitors")?,
        our_products: count("SELECT count(*) FROM products WHERE competitor_id IS NULL")?,
        competitor_products: count("SELECT count(*) FROM products WHERE competitor_id IS NOT NULL")?,
        comparison_sheets: count("SELECT count(*) FROM sheets")?,
        assessments: count("SELECT count(*) FROM assessments")?,
        products_in_use: count("SELECT count(*) FROM card_products")?,
        case_studies: count("SELECT count(*) FROM case_studies")?,
        transactions: count("SELECT count(*) FROM transactions")?,
        returns: count("SELECT count(*) FROM transactions WHERE kind = 'return'")?,
        open_invoices: count("SELECT count(*) FROM transactions WHERE kind = 'sale' AND paid_amount < amount")?,
        collection_plans: count("SELECT count(*) FROM collection_plans")?,
        classified_cards: count(
            "SELECT count(*) FROM card_classes k JOIN cards c ON c.id = k.card_id AND c.deleted_at IS NULL",
        )?,
        core_customers: count(
            "SELECT count(*) FROM card_classes k JOIN cards c ON c.id = k.card_id AND c.deleted_at IS NULL WHERE k.core",
        )?,
        handovers_taken_over: count("SELECT count(*) FROM take_overs WHERE undone_at IS NULL")?,
        problem_customers: count(
            "SELECT count(*) FROM card_classes k JOIN cards c ON c.id = k.card_id AND c.deleted_at IS NULL WHERE k.problem",
        )?,
        integrity: crate::db::integrity_check(conn)?,
    })
}

impl crate::Ledger {
    pub fn stats(&self) -> rusqlite::Result<Stats> {
        collect(self.connection())
    }
}

//! The handover report for the manager: what moves from whom to whom, with the open follow-ups,
//! open complaints, receivables, key persons and the cards with thin data, and whether the
//! successor has confirmed the take-over.

use std::path::Path;

use rusqlite::Connection;

use crate::error::ReportError;

use super::layout::Ctx;

mod gather;
mod render;

pub use gather::{gather, HandoverRows};

/// Who confirmed the take-over, and when.
pub struct Confirmation {
    pub by: String,
    pub at: String,
}

pub struct HandoverFacts<'a> {
    pub from_owner: &'a str,
    pub to_owner: &'a str,
    pub card_ids: &'a [crate::ids::CardId],
    pub confirmation: Option<Confirmation>,
    /// The fingerprint the handover file is signed with (the leaving ledger's), for the
    /// successor and the manager to compare with what the take-over shows.
    pub signer: Option<String>,
    /// Written by the leaving side: whether the cards are lent (else handed over for good). The
    /// report then says they are read-only in the leaving ledger.
    pub lent: Option<bool>,
}

/// Completeness below this is thin data worth a word with the predecessor.
const THIN: i64 = 50;

pub fn write_handover(
    conn: &Connection,
    ctx: &Ctx,
    facts: &HandoverFacts<'_>,
    path: &Path,
) -> Result<u32, ReportError> {
    if facts.card_ids.is_empty() {
        return Err(ReportError::Empty);
    }
    let rows = gather(conn, facts.card_ids, ctx.today)?;
    render::write(ctx, facts, rows, path)
}

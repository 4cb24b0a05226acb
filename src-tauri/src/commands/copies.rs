//! The Copies log page: every report, handover file and backup made from the open ledger, and
//! every restore into it.

use daicho_core::copies::CopyEntry;
use daicho_core::error::LedgerError;

commands! {
    /// The open ledger's copies log, newest first.
    fn copies_log() -> Vec<CopyEntry> => |l| l.copies().map_err(LedgerError::Sqlite);
}

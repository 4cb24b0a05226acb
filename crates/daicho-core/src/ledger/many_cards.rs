//! The ledger's other steps that change many cards: merging duplicates and bulk changes, each
//! undone in one step.

use crate::backup::BackupReason;
use crate::ids::CardId;

use super::Ledger;

impl Ledger {
    /// Likely duplicate cards in the ledger, in pairs.
    pub fn duplicate_pairs(
        &self,
    ) -> Result<Vec<crate::many_cards::merge::DuplicatePair>, crate::error::BatchError> {
        Ok(crate::many_cards::merge::find(self.connection())?)
    }

    /// Merges `other` into `survivor` in one step that can be undone.
    pub fn merge_cards(
        &mut self,
        survivor: &CardId,
        other: &CardId,
    ) -> Result<crate::many_cards::merge::MergeOutcome, crate::error::BatchError> {
        self.backup_before(BackupReason::Merge)?;
        self.write(|tx, edit| crate::many_cards::merge::merge(tx, survivor, other, edit))
    }

    pub fn undo_merge(&mut self, id: &str) -> Result<(), crate::error::BatchError> {
        self.write(|tx, edit| crate::many_cards::merge::undo(tx, id, edit))
    }

    /// Changes every card of `card_ids` as `change` says, in one step that can be undone.
    pub fn bulk_change(
        &mut self,
        card_ids: &[crate::ids::CardId],
        change: &crate::many_cards::bulk::BulkChange,
    ) -> Result<crate::many_cards::bulk::BulkOutcome, crate::error::BatchError> {
        self.backup_before(BackupReason::Bulk)?;
        self.write(|tx, edit| crate::many_cards::bulk::apply(tx, card_ids, change, edit))
    }

    pub fn undo_bulk(&mut self, id: &str) -> Result<u32, crate::error::BatchError> {
        self.write(|tx, edit| crate::many_cards::bulk::undo(tx, id, edit))
    }
}

//! Erasing for real: a contact, a note or the cards in the trash deleted together with every
//! trace of their text in the ledger — their history rows (the card's history keeps only that
//! something was erased, by whom and when), the search index's own copy of their words, the
//! undo records of earlier imports and bulk changes, and the freed space in the file, which
//! SQLite overwrites with zeros while it erases. Backups made before keep it until they are let
//! go by the retention rules; the window says so.

use crate::ids::{ContactId, NoteId};
use rusqlite::Connection;

use crate::card::history::{self, Stamp};
use crate::card::{HistoryAction, HistoryEntity};
use crate::contact;
use crate::error::{CardError, ContactError, NoteError};
use crate::notes;

use super::Ledger;

/// The history field of the one row an erased contact or note leaves.
pub const ERASED: &str = "erased";

impl Ledger {
    /// Deletes the contact and erases its text everywhere in the ledger.
    pub fn erase_contact(&mut self, id: &ContactId) -> Result<(), ContactError> {
        self.erasing(|tx, edit| {
            let old = contact::store::load(tx, id)?;
            contact::store::delete(tx, id, edit)?;
            crate::handover::give_back::forget_row(tx, &old.card_id, "contacts", id)?;
            forget(
                tx,
                &old.card_id,
                HistoryEntity::Contact,
                id,
                edit.at,
                edit.actor,
            )?;
            Ok(optimize(tx, "contact_fts")?)
        })
    }

    /// Deletes the note and erases its text everywhere in the ledger.
    pub fn erase_note(&mut self, id: &NoteId) -> Result<(), NoteError> {
        self.erasing(|tx, edit| {
            let old = notes::store::load(tx, id)?;
            notes::store::delete(tx, id, edit)?;
            crate::handover::give_back::forget_row(tx, &old.card_id, "notes", id)?;
            forget(
                tx,
                &old.card_id,
                HistoryEntity::Note,
                id,
                edit.at,
                edit.actor,
            )?;
            Ok(optimize(tx, "note_fts")?)
        })
    }

    /// Empties the trash and erases the text of its cards everywhere in the ledger; returns how
    /// many cards went.
    pub fn empty_trash_erasing(&mut self) -> Result<usize, CardError> {
        self.erasing(|tx, _| -> Result<usize, CardError> {
            // What earlier imports and bulk changes kept to undo them (a card's fields before).
            tx.execute(
                "DELETE FROM change_batch_cards WHERE card_id IN
                   (SELECT id FROM cards WHERE deleted_at IS NOT NULL)",
                [],
            )?;
            let gone = crate::card::store::empty_trash(tx)?;
            for index in ["card_fts", "contact_fts", "note_fts"] {
                optimize(tx, index)?;
            }
            Ok(gone)
        })
    }

    /// Runs `erase` in one transaction with SQLite's secure delete on, then writes the WAL back
    /// into the file and empties it, so that no older copy of an erased page stays beside it.
    pub(super) fn erasing<T, E: From<rusqlite::Error>>(
        &mut self,
        erase: impl FnOnce(&Connection, &crate::card::store::Edit<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.connection()
            .pragma_update(None, "secure_delete", "ON")?;
        let done = self.write(erase);
        self.connection()
            .pragma_update(None, "secure_delete", "OFF")?;
        let value = done?;
        // Busy (another reader) is a row, not an error: the WAL is then emptied later.
        let _: i64 = self
            .connection()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(value)
    }
}

/// Deletes the cards `ids` with everything on them and rewrites the search indexes, inside an
/// erasing transaction (what an earlier import or bulk change kept to undo them goes too).
pub(super) fn erase_cards(tx: &Connection, ids: &[crate::ids::CardId]) -> rusqlite::Result<usize> {
    let mut forget = tx.prepare_cached("DELETE FROM change_batch_cards WHERE card_id = ?1")?;
    let mut delete = tx.prepare_cached("DELETE FROM cards WHERE id = ?1")?;
    let mut gone = 0;
    for id in ids {
        forget.execute([id])?;
        gone += delete.execute([id])?;
    }
    for index in ["card_fts", "contact_fts", "note_fts"] {
        tx.execute(
            &format!("INSERT INTO {index} ({index}) VALUES ('optimize')"),
            [],
        )?;
    }
    Ok(gone)
}

/// Replaces every history row of the contact or note `id` by one that says it was erased.
fn forget(
    tx: &Connection,
    card_id: &str,
    entity: HistoryEntity,
    id: &str,
    at: &str,
    actor: &str,
) -> Result<(), CardError> {
    tx.execute(
        "DELETE FROM card_history WHERE entity = ?1 AND entity_id = ?2",
        [entity.as_str(), id],
    )?;
    history::record(
        tx,
        &Stamp {
            card_id,
            at,
            actor,
            entity,
            entity_id: id,
            entity_label: "",
        },
        HistoryAction::Deleted,
        ERASED,
        None,
        None,
    )?;
    Ok(())
}

/// Rewrites a search index whole: deleted entries leave only a mark until their segment is
/// merged, and the words they held go only then.
fn optimize(tx: &Connection, index: &str) -> Result<(), CardError> {
    tx.execute(
        &format!("INSERT INTO {index} ({index}) VALUES ('optimize')"),
        [],
    )?;
    Ok(())
}

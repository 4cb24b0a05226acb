//! The ledger's operations on intelligence notes: on a card and on the notes page.

use crate::error::NoteError;
use crate::ids::{CardId, NoteId};
use crate::notes::{self, Note, NoteFields, NotePage, NoteQuery};

use super::Ledger;

impl Ledger {
    /// Records what the rep learned about the customer of `card_id`.
    pub fn add_note(&mut self, card_id: &CardId, fields: &NoteFields) -> Result<Note, NoteError> {
        self.write(|tx, edit| notes::store::insert(tx, card_id, fields, edit))
    }

    /// Saves an edit made on version `version` of the note; refused if it changed since.
    pub fn update_note(
        &mut self,
        id: &NoteId,
        version: i32,
        fields: &NoteFields,
    ) -> Result<Note, NoteError> {
        self.write(|tx, edit| notes::store::update(tx, id, version, fields, edit))
    }

    pub fn delete_note(&mut self, id: &NoteId) -> Result<(), NoteError> {
        self.write(|tx, edit| notes::store::delete(tx, id, edit))
    }

    pub fn note(&self, id: &NoteId) -> Result<Note, NoteError> {
        notes::store::load(self.connection(), id)
    }

    /// The card's notes, newest first.
    pub fn notes(&self, card_id: &CardId) -> Result<Vec<Note>, NoteError> {
        notes::store::for_card(self.connection(), card_id)
    }

    /// The superior's judgement of a note, dated today (002).
    pub fn judge_note(&mut self, id: &NoteId, judgement: &str) -> Result<Note, NoteError> {
        let today = self.today();
        self.write(|tx, edit| notes::store::judge(tx, id, judgement, today, edit))
    }

    /// The notes page: notes of cards not in the trash, filtered.
    pub fn list_notes(&self, query: &NoteQuery) -> Result<NotePage, NoteError> {
        notes::store::list(self.connection(), query)
    }
}

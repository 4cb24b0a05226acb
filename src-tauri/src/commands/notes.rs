//! Intelligence notes: on a card and on the notes page.

use daicho_core::ids::{CardId, NoteId};
use daicho_core::notes::{Note, NoteFields, NotePage, NoteQuery};

commands! {
    /// The card's notes, newest first.
    fn notes_for_card(card_id: CardId) -> Vec<Note> => |l| l.notes(&card_id);

    /// The notes page: every note of cards not in the trash, filtered.
    fn notes_list(query: NoteQuery) -> NotePage => |l| l.list_notes(&query);

    fn note_add(card_id: CardId, fields: NoteFields) -> Note => |l| l.add_note(&card_id, &fields);

    fn note_update(id: NoteId, version: i32, fields: NoteFields) -> Note => |l| l.update_note(&id, version, &fields);

    /// The superior's judgement of a note, dated today.
    fn note_judge(id: NoteId, judgement: String) -> Note => |l| l.judge_note(&id, &judgement);
}

commands! {
    /// Deletes a note; with `erase`, its text goes from the history and the search index too.
    fn note_delete(id: NoteId, erase: bool) -> () => |l| if erase { l.erase_note(&id) } else { l.delete_note(&id) };
}

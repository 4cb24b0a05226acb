//! Changing many cards at once — owner, status, tags, or to the trash — as one step that can be
//! undone (see `batch`). Each card's change is checked and recorded in its history as if made
//! one by one; a card that cannot take the change stops the whole step, writing nothing.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::card::store::{self as cards, Edit};
use crate::card::CardStatus;
use crate::error::BatchError;
use crate::many_cards::batch::{self, Batch};

/// What to change on every chosen card; what is left empty stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct BulkChange {
    pub owner: Option<String>,
    pub status: Option<CardStatus>,
    pub add_tags: Vec<String>,
    pub remove_tags: Vec<String>,
    /// Move the cards to the trash (with everything on them).
    pub trash: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BulkOutcome {
    pub id: String,
    /// Cards that changed (a card that already was as asked is left alone).
    pub changed: u32,
}

pub fn apply(
    conn: &Connection,
    card_ids: &[crate::ids::CardId],
    change: &BulkChange,
    edit: &Edit<'_>,
) -> Result<BulkOutcome, BatchError> {
    if card_ids.is_empty() {
        return Err(BatchError::NothingChosen);
    }
    let label = format!("{}", card_ids.len());
    let mut batch = Batch::start(conn, "bulk", &label, edit)?;
    let mut changed = 0;
    for id in card_ids {
        let card = cards::editable(conn, id)?;
        let mut fields = card.fields.clone();
        if let Some(owner) = &change.owner {
            fields.owner = owner.trim().to_owned();
        }
        if let Some(status) = change.status {
            fields.status = status;
        }
        fields.tags.retain(|t| !change.remove_tags.contains(t));
        for tag in &change.add_tags {
            let tag = tag.trim();
            if !tag.is_empty() && !fields.tags.iter().any(|t| t == tag) {
                fields.tags.push(tag.to_owned());
            }
        }
        let mut touched = false;
        if fields != card.fields {
            cards::update(conn, id, card.version, &fields, edit)?;
            batch.record_changed(conn, id, &card.fields)?;
            touched = true;
        }
        if change.trash {
            cards::set_trashed(conn, id, true, edit)?;
            batch.record(conn, id, "trashed", None)?;
            batch.touch(conn, id)?;
            touched = true;
        }
        changed += u32::from(touched);
    }
    let id = batch.finish(conn, 0, changed, 0)?;
    Ok(BulkOutcome { id, changed })
}

/// Takes a bulk change back whole.
pub fn undo(conn: &Connection, id: &str, edit: &Edit<'_>) -> Result<u32, BatchError> {
    batch::undo(conn, id, "bulk", edit).map(|u| u.restored)
}

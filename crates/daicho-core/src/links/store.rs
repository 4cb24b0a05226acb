//! Setting and clearing a card's links. Each change is recorded in the card's history under
//! `link`, with the other card's name.

use rusqlite::{params, Connection, OptionalExtension};

use crate::card::history::{self, Stamp};
use crate::card::store::{editable, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::text::MAX_LINE;

use super::error::CardLinkError;
use super::{CardLinkFields, CardLinkKind, MAX_DEPTH};

/// The other card of `card_id`'s link of `kind`, with the link's note.
pub fn get(
    conn: &Connection,
    card_id: &str,
    kind: CardLinkKind,
) -> rusqlite::Result<Option<(String, String)>> {
    conn.prepare_cached("SELECT other_id, note FROM card_links WHERE card_id = ?1 AND kind = ?2")?
        .query_row(params![card_id, kind.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()
}

/// The cards up the chain of `kind` from `card_id` (its other card, that one's, ...), nearest
/// first; stops at a loop a damaged file might hold.
pub fn up(conn: &Connection, card_id: &str, kind: CardLinkKind) -> rusqlite::Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut at = card_id.to_owned();
    while let Some((other, _)) = get(conn, &at, kind)? {
        if other == card_id || out.contains(&other) || out.len() as u32 >= MAX_DEPTH {
            break;
        }
        out.push(other.clone());
        at = other;
    }
    Ok(out)
}

fn name_of(conn: &Connection, card_id: &str) -> rusqlite::Result<String> {
    conn.prepare_cached("SELECT name FROM cards WHERE id = ?1")?
        .query_row([card_id], |r| r.get(0))
}

/// Sets `card_id`'s link of `kind` (replacing the one it had) or, with `None`, clears it.
pub fn set(
    conn: &Connection,
    card_id: &str,
    kind: CardLinkKind,
    input: Option<&CardLinkFields>,
    edit: &Edit<'_>,
) -> Result<(), CardLinkError> {
    editable(conn, card_id)?;
    let new = match input {
        Some(f) => {
            let note = f.note.trim().to_owned();
            if note.chars().count() > MAX_LINE {
                return Err(CardLinkError::NoteTooLong);
            }
            if f.other_id.as_str() == card_id {
                return Err(CardLinkError::Itself);
            }
            let other = crate::card::store::load(conn, &f.other_id)?;
            if other.deleted_at.is_some() {
                return Err(CardLinkError::OtherInTrash {
                    name: other.fields.name,
                });
            }
            // The other card must not already sit below this one on the same kind of chain.
            if up(conn, &f.other_id, kind)?.iter().any(|id| id == card_id) {
                return Err(CardLinkError::Loop {
                    name: other.fields.name,
                });
            }
            Some((f.other_id.to_string(), note, other.fields.name))
        }
        None => None,
    };
    let old = get(conn, card_id, kind)?;
    if old.as_ref().map(|(id, note)| (id.as_str(), note.as_str()))
        == new
            .as_ref()
            .map(|(id, note, _)| (id.as_str(), note.as_str()))
    {
        return Ok(());
    }
    // In the card's own history, as a change of the field `link.<kind>` from one name to another.
    let card_name = crate::card::store::load(conn, card_id)?.fields.name;
    let stamp = Stamp {
        card_id,
        at: edit.at,
        actor: edit.actor,
        entity: HistoryEntity::Card,
        entity_id: card_id,
        entity_label: &card_name,
    };
    let old_name = old
        .as_ref()
        .map(|(other, _)| name_of(conn, other))
        .transpose()?;
    let field = format!("link.{}", kind.as_str());
    conn.prepare_cached("DELETE FROM card_links WHERE card_id = ?1 AND kind = ?2")?
        .execute(params![card_id, kind.as_str()])?;
    if let Some((other, note, _)) = &new {
        conn.prepare_cached(
            "INSERT INTO card_links (card_id, kind, other_id, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![card_id, kind.as_str(), other, note, edit.at])?;
    }
    // A note changed alone is recorded too, the name standing on both sides.
    let new_name = new.as_ref().map(|(_, note, name)| {
        if note.is_empty() {
            name.clone()
        } else {
            format!("{name} ({note})")
        }
    });
    let old_text = old.as_ref().zip(old_name).map(|((_, note), name)| {
        if note.is_empty() {
            name
        } else {
            format!("{name} ({note})")
        }
    });
    history::record(
        conn,
        &stamp,
        HistoryAction::Changed,
        &field,
        old_text.as_deref(),
        new_name.as_deref(),
    )?;
    Ok(())
}

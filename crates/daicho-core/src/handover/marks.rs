//! What a handover leaves in the leaving rep's ledger: each card handed over (or lent for a
//! leave) is marked with to whom, when, by whom and which file, and is read-only from then on
//! (the ledger's triggers refuse any change to it or to what hangs on it). Withdrawing a
//! handover that the successor never took over makes the cards editable again.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::card::history::{self, Stamp};
use crate::card::{HistoryAction, HistoryEntity};
use crate::error::HandoverError;

/// The history field that says a card was handed over (new value: to whom) or taken back.
pub const FIELD: &str = "handed_over";

/// One handover file's cards, as the leaving ledger keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HandedOver {
    pub bundle_id: String,
    pub to_owner: String,
    /// When the file was written (RFC 3339).
    pub at: String,
    pub actor: String,
    /// Where the file was written.
    pub file: String,
    /// Lent for a leave, to come back, rather than handed over for good.
    pub lent: bool,
    /// Lent until this day (YYYY-MM-DD), when the owner said so.
    pub until: Option<String>,
    pub cards: u32,
}

/// The handover file a mark names: its id, its manifest seal (a receipt must name it), whom
/// it is for, where it was written, and whether the cards are lent.
pub(crate) struct MarkedFile<'a> {
    pub bundle_id: &'a str,
    pub seal: &'a str,
    pub to_owner: &'a str,
    pub file: &'a str,
    pub lent: bool,
    pub until: Option<&'a str>,
}

/// Marks `ids` as handed over in `file`; each card's history says so.
pub(crate) fn mark(
    conn: &Connection,
    ids: &[crate::ids::CardId],
    marked: &MarkedFile<'_>,
    at: &str,
    actor: &str,
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO handed_over (card_id, bundle_id, to_owner, at, actor, file, lent, seal, until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (card_id) DO UPDATE SET bundle_id = excluded.bundle_id,
             to_owner = excluded.to_owner, at = excluded.at, actor = excluded.actor,
             file = excluded.file, lent = excluded.lent, seal = excluded.seal, until = excluded.until",
    )?;
    let MarkedFile {
        bundle_id,
        seal,
        to_owner,
        file,
        lent,
        until,
    } = *marked;
    for id in ids {
        insert.execute(params![
            id, bundle_id, to_owner, at, actor, file, lent, seal, until
        ])?;
        history::record(
            conn,
            &stamp(id, at, actor),
            HistoryAction::Changed,
            FIELD,
            None,
            Some(to_owner),
        )?;
    }
    Ok(())
}

fn stamp<'a>(id: &'a str, at: &'a str, actor: &'a str) -> Stamp<'a> {
    Stamp {
        card_id: id,
        at,
        actor,
        entity: HistoryEntity::Card,
        entity_id: id,
        entity_label: "",
    }
}

/// Every handover file whose cards are still marked here, newest first.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<HandedOver>> {
    let mut stmt = conn.prepare_cached(
        "SELECT bundle_id, to_owner, max(at), actor, file, lent, count(*), max(until) FROM handed_over
         GROUP BY bundle_id ORDER BY max(at) DESC",
    )?;
    let rows = stmt.query_map([], from_row)?;
    rows.collect()
}

/// The mark on one card, if it was handed over.
pub fn of_card(conn: &Connection, card_id: &str) -> rusqlite::Result<Option<HandedOver>> {
    conn.prepare_cached(
        "SELECT bundle_id, to_owner, at, actor, file, lent, 1, until FROM handed_over WHERE card_id = ?1",
    )?
    .query_row([card_id], from_row)
    .optional()
}

/// A file's marks as selected above: bundle, successor, when, who, where, lent, how many cards,
/// until when.
fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HandedOver> {
    Ok(HandedOver {
        bundle_id: r.get(0)?,
        to_owner: r.get(1)?,
        at: r.get(2)?,
        actor: r.get(3)?,
        file: r.get(4)?,
        lent: r.get(5)?,
        cards: r.get(6)?,
        until: r.get(7)?,
    })
}

/// Takes the marks of the file `bundle_id` away (the successor did not take it over, or the
/// cards came back): the cards are editable again and their history says so. Returns how many.
pub(crate) fn withdraw(
    conn: &Connection,
    bundle_id: &str,
    at: &str,
    actor: &str,
) -> Result<u32, HandoverError> {
    let marked: Vec<(String, String)> = conn
        .prepare_cached("SELECT card_id, to_owner FROM handed_over WHERE bundle_id = ?1")?
        .query_map([bundle_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    if marked.is_empty() {
        return Err(HandoverError::TakeOverNotFound {
            id: bundle_id.to_owned(),
        });
    }
    let ids: Vec<crate::ids::CardId> = marked.into_iter().map(|(id, _)| id.into()).collect();
    unmark(conn, &ids, at, actor)?;
    Ok(ids.len() as u32)
}

/// Takes the marks of `ids` away: editable again, and each card's history says so.
pub(crate) fn unmark(
    conn: &Connection,
    ids: &[crate::ids::CardId],
    at: &str,
    actor: &str,
) -> rusqlite::Result<()> {
    let mut to_owner_of =
        conn.prepare_cached("SELECT to_owner FROM handed_over WHERE card_id = ?1")?;
    let mut delete = conn.prepare_cached("DELETE FROM handed_over WHERE card_id = ?1")?;
    for id in ids {
        let Some(to_owner) = to_owner_of
            .query_row([id], |r| r.get::<_, String>(0))
            .optional()?
        else {
            continue;
        };
        delete.execute([id])?;
        history::record(
            conn,
            &stamp(id, at, actor),
            HistoryAction::Changed,
            FIELD,
            Some(&to_owner),
            None,
        )?;
    }
    Ok(())
}

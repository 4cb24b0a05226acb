//! Duplicates in the ledger and merging two cards into one. The same rules as an import finds
//! duplicates by (the same name without its legal form with the same phone or e-mail); a merge
//! keeps the survivor's fields, fills what it leaves empty from the other card, moves every
//! contact, note, key person, visit, transaction, product in use, case, share, collection plan
//! and history row of the other card to it, and puts the other card in the trash — all one
//! step that can be undone.

use std::collections::HashMap;

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::card::history::{self, Stamp};
use crate::card::store::{self as cards, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::db::json::Json;
use crate::error::BatchError;
use crate::import::DuplicateWhy;
use crate::many_cards::batch::{self, Batch, Moved, MOVABLE};
use crate::names::without_legal_form;
use crate::text::digits;

/// Pairs listed at most.
pub const MAX_PAIRS: usize = 500;

/// One card of a likely duplicate pair, as shown side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PairCard {
    pub id: crate::ids::CardId,
    pub code: String,
    pub name: String,
    pub reading: String,
    pub owner: String,
    pub phones: Vec<String>,
    pub email: String,
    pub address: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub contacts: i64,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DuplicatePair {
    pub a: PairCard,
    pub b: PairCard,
    pub why: DuplicateWhy,
}

/// Likely duplicates among the live cards, the older card of each pair first.
pub fn find(conn: &Connection) -> rusqlite::Result<Vec<DuplicatePair>> {
    let mut stmt = conn.prepare(
        "SELECT id, code, name, reading, owner, phones, email,
                trim(postal_code || ' ' || region || city || ' ' || street || ' ' || building),
                (SELECT count(*) FROM contacts t WHERE t.card_id = cards.id), updated_at
         FROM cards WHERE deleted_at IS NULL ORDER BY created_at, id",
    )?;
    let cards: Vec<PairCard> = stmt
        .query_map([], |r| {
            Ok(PairCard {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                reading: r.get(3)?,
                owner: r.get(4)?,
                phones: r.get::<_, Json<Vec<String>>>(5)?.0,
                email: r.get(6)?,
                address: r.get(7)?,
                contacts: r.get(8)?,
                updated_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Within each name, the first card seen with a phone number or an e-mail.
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        let name = without_legal_form(&card.name);
        let mut keys: Vec<(String, DuplicateWhy)> = card
            .phones
            .iter()
            .map(|p| digits(p))
            .filter(|d| d.len() >= 6)
            .map(|d| (format!("p{d}"), DuplicateWhy::NamePhone))
            .collect();
        let email = card.email.trim().to_lowercase();
        if !email.is_empty() {
            keys.push((format!("e{email}"), DuplicateWhy::NameEmail));
        }
        let mut paired = false;
        for (key, why) in keys {
            match seen.get(&(name.clone(), key.clone())) {
                Some(first) if !paired => {
                    if let Some(a) = cards.get(*first) {
                        pairs.push(DuplicatePair {
                            a: a.clone(),
                            b: card.clone(),
                            why,
                        });
                        paired = true;
                    }
                }
                Some(_) => {}
                None => {
                    seen.insert((name.clone(), key), i);
                }
            }
        }
        if pairs.len() >= MAX_PAIRS {
            break;
        }
    }
    Ok(pairs)
}

/// What a merge did, for its notice and its undo.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MergeOutcome {
    pub id: String,
    /// Rows moved to the survivor (contacts, notes, key persons, history…).
    pub moved: u32,
}

/// Merges `other` into `survivor` (see the module's comment).
pub fn merge(
    conn: &Connection,
    survivor_id: &str,
    other_id: &str,
    edit: &Edit<'_>,
) -> Result<MergeOutcome, BatchError> {
    if survivor_id == other_id {
        return Err(BatchError::SameCard);
    }
    let survivor = cards::editable(conn, survivor_id)?;
    let other = cards::editable(conn, other_id)?;
    let mut batch = Batch::start(
        conn,
        "merge",
        &format!("{} ← {}", survivor.fields.name, other.fields.name),
        edit,
    )?;
    let fields = crate::import::merged_fields(&survivor.fields, &other.fields);
    if fields != survivor.fields {
        cards::update(conn, survivor_id, survivor.version, &fields, edit)?;
    }
    batch.record_changed(conn, survivor_id, &survivor.fields)?;
    let mut moved = 0;
    let next_position: i64 = conn.query_row(
        "SELECT coalesce(max(position), -1) + 1 FROM key_persons WHERE card_id = ?1",
        [survivor_id],
        |r| r.get(0),
    )?;
    for (table, key_column) in MOVABLE {
        // A product in use, a share or a collection plan the survivor has already stays with
        // the other card (in the trash), not twice on the survivor.
        let clash = match *table {
            "card_products" => {
                "AND product_id NOT IN (SELECT product_id FROM card_products WHERE card_id = ?2)"
            }
            "card_shares" => {
                "AND category NOT IN (SELECT category FROM card_shares WHERE card_id = ?2)"
            }
            "collection_plans" => {
                "AND NOT EXISTS (SELECT 1 FROM collection_plans WHERE card_id = ?2)"
            }
            // The survivor keeps a link of its own of that kind, and is never linked to itself.
            "card_links" => {
                "AND kind NOT IN (SELECT kind FROM card_links WHERE card_id = ?2) AND other_id <> ?2"
            }
            // The survivor keeps its own value of a field of the rep's own.
            "card_custom_values" => {
                "AND field_id NOT IN (SELECT field_id FROM card_custom_values WHERE card_id = ?2)"
            }
            _ => "",
        };
        let position = if *table == "key_persons" {
            "position"
        } else {
            "NULL"
        };
        let rows: Vec<(rusqlite::types::Value, Option<i64>)> = conn
            .prepare(&format!(
                "SELECT {key_column}, {position} FROM {table} WHERE card_id = ?1 {clash}"
            ))?
            .query_map(
                rusqlite::params_from_iter(
                    [other_id, survivor_id]
                        .iter()
                        .take(if clash.is_empty() { 1 } else { 2 }),
                ),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        for (n, (key, position)) in rows.into_iter().enumerate() {
            conn.execute(
                &format!(
                    "UPDATE {table} SET card_id = ?1 WHERE card_id = ?2 AND {key_column} = ?3"
                ),
                params![survivor_id, other_id, key],
            )?;
            if position.is_some() {
                conn.execute(
                    "UPDATE key_persons SET position = ?2 WHERE id = ?1",
                    params![key, next_position + n as i64],
                )?;
            }
            let key = match key {
                rusqlite::types::Value::Integer(i) => serde_json::json!(i),
                rusqlite::types::Value::Text(t) => serde_json::json!(t),
                _ => serde_json::Value::Null,
            };
            let record = Moved {
                table: (*table).to_owned(),
                key,
                from: other_id.to_owned(),
                position,
            };
            let before = serde_json::to_string(&record).unwrap_or_default();
            batch.record(conn, survivor_id, "moved", Some(&before))?;
            moved += 1;
        }
    }
    // Each card's history says what happened to the other.
    let said = |card_id: &str, name: &str, field: &str, value: String| {
        history::record(
            conn,
            &Stamp {
                card_id,
                at: edit.at,
                actor: edit.actor,
                entity: HistoryEntity::Card,
                entity_id: card_id,
                entity_label: name,
            },
            HistoryAction::Changed,
            field,
            None,
            Some(&value),
        )
    };
    said(
        survivor_id,
        &fields.name,
        "merged_from",
        format!("{} ({})", other.fields.name, other.fields.code),
    )?;
    said(
        other_id,
        &other.fields.name,
        "merged_into",
        format!("{} ({})", fields.name, fields.code),
    )?;
    cards::set_trashed(conn, other_id, true, edit)?;
    batch.record(conn, other_id, "trashed", None)?;
    // The survivor's version after the merge is what undo expects.
    batch.touch(conn, survivor_id)?;
    let id = batch.finish(conn, 0, 2, 0)?;
    Ok(MergeOutcome { id, moved })
}

/// Takes a merge back: the rows go back to the other card, the survivor gets its fields back and
/// the other card comes out of the trash.
pub fn undo(conn: &Connection, id: &str, edit: &Edit<'_>) -> Result<(), BatchError> {
    batch::undo(conn, id, "merge", edit).map(drop)
}

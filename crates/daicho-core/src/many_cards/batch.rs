//! Changes to many cards in one step — an import, a bulk change, a merge of two cards — recorded
//! card by card and row by row in `change_batches`, so that the whole step can be undone; undo
//! checks every card first and refuses, writing nothing, when one was edited since.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::card::store::{self as cards, new_id, Edit};
use crate::card::CardFields;
use crate::error::BatchError;

/// Tables whose rows a merge moves from one card to another, and the column naming a row.
pub const MOVABLE: &[(&str, &str)] = &[
    ("key_persons", "id"),
    ("contacts", "id"),
    ("notes", "id"),
    ("planned_visits", "id"),
    ("transactions", "id"),
    ("payments", "id"),
    ("card_history", "id"),
    ("card_products", "id"),
    ("case_studies", "id"),
    ("card_shares", "category"),
    ("collection_plans", "card_id"),
    ("card_links", "kind"),
    ("card_custom_values", "field_id"),
];

/// A row moved to another card: where from, to put it back.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Moved {
    pub table: String,
    pub key: serde_json::Value,
    pub from: String,
    /// A key person's place among the persons of the card it came from.
    pub position: Option<i64>,
}

pub struct Batch {
    pub id: String,
    seq: i64,
}

pub fn version(conn: &Connection, card_id: &str) -> rusqlite::Result<i64> {
    conn.query_row("SELECT version FROM cards WHERE id = ?1", [card_id], |r| {
        r.get(0)
    })
}

impl Batch {
    pub fn start(
        conn: &Connection,
        kind: &str,
        label: &str,
        edit: &Edit<'_>,
    ) -> rusqlite::Result<Batch> {
        let id = new_id();
        conn.execute(
            "INSERT INTO change_batches (id, kind, label, at, actor) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, kind, label, edit.at, edit.actor],
        )?;
        Ok(Batch { id, seq: 0 })
    }

    /// Records what happened to `card_id` (`created`, `changed` with its fields before,
    /// `person_added` with the person's id, `moved` with a [`Moved`], `trashed`), with the
    /// card's version now.
    pub fn record(
        &mut self,
        conn: &Connection,
        card_id: &str,
        action: &str,
        before: Option<&str>,
    ) -> rusqlite::Result<()> {
        self.seq += 1;
        conn.prepare_cached(
            "INSERT INTO change_batch_cards (batch_id, seq, card_id, action, before, version_after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            self.id,
            self.seq,
            card_id,
            action,
            before,
            version(conn, card_id)?
        ])?;
        Ok(())
    }

    pub fn record_changed(
        &mut self,
        conn: &Connection,
        card_id: &str,
        before: &CardFields,
    ) -> rusqlite::Result<()> {
        let before = serde_json::to_string(before).unwrap_or_default();
        self.record(conn, card_id, "changed", Some(&before))
    }

    /// A card changed again after it was recorded (an import merging a later row into a card
    /// it created): undo expects its version now.
    pub fn touch(&self, conn: &Connection, card_id: &str) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE change_batch_cards SET version_after = ?3 WHERE batch_id = ?1 AND card_id = ?2",
            params![self.id, card_id, version(conn, card_id)?],
        )?;
        Ok(())
    }

    pub fn finish(
        self,
        conn: &Connection,
        added: u32,
        changed: u32,
        skipped: u32,
    ) -> rusqlite::Result<String> {
        conn.execute(
            "UPDATE change_batches SET added = ?2, changed = ?3, skipped = ?4 WHERE id = ?1",
            params![self.id, added, changed, skipped],
        )?;
        Ok(self.id)
    }
}

impl Batch {
    /// Forgets a batch that recorded no card.
    pub fn discard(self, conn: &Connection) -> rusqlite::Result<()> {
        conn.execute(
            "DELETE FROM change_batch_cards WHERE batch_id = ?1",
            [&self.id],
        )?;
        conn.execute("DELETE FROM change_batches WHERE id = ?1", [&self.id])?;
        Ok(())
    }
}

/// What an undo took back: cards deleted (they were created) and cards restored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Undone {
    pub deleted: u32,
    pub restored: u32,
}

#[derive(Default)]
struct CardUndo {
    created: bool,
    before: Option<String>,
    persons: Vec<String>,
    contacts: Vec<String>,
    sales: Vec<String>,
    products: Vec<String>,
    /// Fields of the rep's own given a value.
    custom: Vec<String>,
    moved: Vec<Moved>,
    trashed: bool,
    version_after: i64,
}

/// Takes the batch `id` (of `kind`) back whole.
pub fn undo(
    conn: &Connection,
    id: &str,
    kind: &str,
    edit: &Edit<'_>,
) -> Result<Undone, BatchError> {
    let undone: Option<Option<String>> = conn
        .query_row(
            "SELECT undone_at FROM change_batches WHERE id = ?1 AND kind = ?2",
            [id, kind],
            |r| r.get(0),
        )
        .optional()?;
    match undone {
        None => return Err(BatchError::NotFound { id: id.to_owned() }),
        Some(Some(_)) => return Err(BatchError::AlreadyUndone { id: id.to_owned() }),
        Some(None) => {}
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_card: HashMap<String, CardUndo> = HashMap::new();
    // Products and makers the batch put in the catalogue: they go once nothing uses them.
    let mut catalogue: Vec<Catalogued> = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT card_id, action, before, version_after FROM change_batch_cards
             WHERE batch_id = ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            let card_id: String = r.get(0)?;
            let action: String = r.get(1)?;
            let before: Option<String> = r.get(2)?;
            if !by_card.contains_key(&card_id) {
                order.push(card_id.clone());
            }
            let u = by_card.entry(card_id).or_default();
            match action.as_str() {
                "created" => u.created = true,
                "changed" if u.before.is_none() => u.before = before,
                "person_added" => u.persons.extend(before),
                "contact_added" => u.contacts.extend(before),
                "transaction_added" => u.sales.extend(before),
                "product_added" => u.products.extend(before),
                "custom_added" => u.custom.extend(before),
                "catalogue_added" => catalogue.extend(
                    before
                        .map(|b| crate::db::json::parse::<Catalogued>(&b))
                        .transpose()?,
                ),
                // A damaged record stops the undo: the rows it names would stay behind.
                "moved" => u.moved.extend(
                    before
                        .map(|b| crate::db::json::parse::<Moved>(&b))
                        .transpose()?,
                ),
                "trashed" => u.trashed = true,
                _ => {}
            }
            u.version_after = r.get(3)?;
        }
    }
    // Check every card before changing any.
    for card_id in &order {
        let now: Option<(i64, String, Option<String>)> = conn
            .query_row(
                "SELECT version, code, deleted_at FROM cards WHERE id = ?1",
                [card_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((created, trashed, version_after)) = by_card
            .get(card_id)
            .map(|u| (u.created, u.trashed, u.version_after))
        else {
            continue;
        };
        match now {
            // A created card already deleted needs nothing more.
            None if created => {
                by_card.remove(card_id);
            }
            None => {
                return Err(BatchError::CardGone {
                    id: card_id.clone(),
                })
            }
            Some((version, code, _)) if version != version_after => {
                return Err(BatchError::ChangedSince { code })
            }
            Some((_, code, None)) if trashed => return Err(BatchError::ChangedSince { code }),
            Some(_) => {}
        }
    }
    let mut out = Undone::default();
    for card_id in order.iter().rev() {
        let Some(u) = by_card.get(card_id) else {
            continue;
        };
        if u.created {
            conn.execute("DELETE FROM cards WHERE id = ?1", [card_id])?;
            out.deleted += 1;
            continue;
        }
        for m in u.moved.iter().rev() {
            move_back(conn, card_id, m)?;
        }
        for person in &u.persons {
            cards::delete_key_person(conn, person, edit)?;
        }
        for sale in &u.sales {
            // A sale deleted since needs nothing more.
            // Only what the sale shows as overdue depends on the day, and nothing reads it here.
            let today = chrono::Local::now().date_naive();
            match crate::sales::store::delete(conn, sale, edit, today) {
                Err(crate::error::SalesError::NotFound { .. }) | Ok(()) => {}
                Err(e) => return Err(e.into()),
            }
        }
        for product in &u.products {
            // A use removed since needs nothing more.
            match crate::competition::usage::delete(conn, product, edit) {
                Err(crate::error::CompetitionError::UsageNotFound { .. }) | Ok(()) => {}
                Err(e) => return Err(e.into()),
            }
        }
        if !u.custom.is_empty() {
            let cleared: Vec<crate::custom_fields::CustomValue> = u
                .custom
                .iter()
                .map(|f| crate::custom_fields::CustomValue {
                    field_id: crate::ids::CustomFieldId::from(f.as_str()),
                    value: String::new(),
                })
                .filter(|v| crate::custom_fields::store::get(conn, &v.field_id).is_ok())
                .collect();
            crate::custom_fields::store::set_values(conn, card_id, &cleared, edit).map_err(
                |e| match e {
                    crate::error::CustomFieldError::Card(e) => BatchError::Card(e),
                    crate::error::CustomFieldError::Storage(e) => BatchError::Storage(e),
                    other => BatchError::Damaged {
                        detail: other.to_string(),
                    },
                },
            )?;
        }
        for contact in &u.contacts {
            // A contact deleted since needs nothing more.
            match crate::contact::store::delete(conn, contact, edit) {
                Err(crate::error::ContactError::NotFound { .. }) | Ok(()) => {}
                Err(e) => return Err(e.into()),
            }
        }
        if let Some(before) = &u.before {
            let fields: CardFields =
                serde_json::from_str(before).map_err(|e| BatchError::Damaged {
                    detail: e.to_string(),
                })?;
            cards::update(conn, card_id, version(conn, card_id)? as i32, &fields, edit)?;
        }
        if u.trashed {
            cards::set_trashed(conn, card_id, false, edit)?;
        }
        out.restored += 1;
    }
    // Products before their makers; a row something uses (a sale, another card) stays.
    for c in catalogue.iter().rev() {
        let table = match c.table.as_str() {
            "products" => "products",
            "competitors" => "competitors",
            other => {
                return Err(BatchError::Damaged {
                    detail: other.to_owned(),
                })
            }
        };
        if !crate::handover::take_over::still_used(conn, table, &c.id)? {
            conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [&c.id])?;
        }
    }
    conn.execute(
        "UPDATE change_batches SET undone_at = ?2 WHERE id = ?1",
        params![id, edit.at],
    )?;
    Ok(out)
}

/// A catalogue row a batch made: `{"table": "products" | "competitors", "id"}`.
#[derive(serde::Deserialize)]
struct Catalogued {
    table: String,
    id: String,
}

fn move_back(conn: &Connection, to: &str, m: &Moved) -> Result<(), BatchError> {
    let Some((table, key_column)) = MOVABLE.iter().find(|(t, _)| *t == m.table) else {
        return Err(BatchError::Damaged {
            detail: m.table.clone(),
        });
    };
    let key = match &m.key {
        serde_json::Value::Number(n) => rusqlite::types::Value::Integer(n.as_i64().unwrap_or(0)),
        other => rusqlite::types::Value::Text(other.as_str().unwrap_or_default().to_owned()),
    };
    conn.execute(
        &format!("UPDATE {table} SET card_id = ?1 WHERE card_id = ?2 AND {key_column} = ?3"),
        params![m.from, to, key],
    )?;
    if let Some(position) = m.position {
        conn.execute(
            "UPDATE key_persons SET position = ?2 WHERE id = ?1",
            params![key, position],
        )?;
    }
    Ok(())
}

//! Writing an import as one batch of card changes (created or merged into), recorded card by
//! card so that undo takes the whole import back, and refuses when a card was edited since.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::rows::RowCard;
use crate::card::store::{self as cards, new_id, Edit};
use crate::card::{CardFields, CardKind};
use crate::error::ImportError;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOutcome {
    pub id: String,
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
}

/// An import as listed for undo.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportBatch {
    pub id: String,
    pub label: String,
    pub at: String,
    pub actor: String,
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
    pub undone_at: Option<String>,
}

pub struct Batch {
    id: String,
    seq: i64,
    added: u32,
    merged: u32,
    pub skipped: u32,
    /// Cards created by this import, by the line they came from.
    created: HashMap<u32, String>,
}

fn version(conn: &Connection, card_id: &str) -> rusqlite::Result<i64> {
    conn.query_row("SELECT version FROM cards WHERE id = ?1", [card_id], |r| {
        r.get(0)
    })
}

impl Batch {
    pub fn start(conn: &Connection, label: &str, edit: &Edit<'_>) -> Result<Batch, ImportError> {
        let id = new_id();
        conn.execute(
            "INSERT INTO change_batches (id, kind, label, at, actor) VALUES (?1, 'import', ?2, ?3, ?4)",
            params![id, label, edit.at, edit.actor],
        )?;
        Ok(Batch {
            id,
            seq: 0,
            added: 0,
            merged: 0,
            skipped: 0,
            created: HashMap::new(),
        })
    }

    fn record(
        &mut self,
        conn: &Connection,
        card_id: &str,
        action: &str,
        before: Option<&str>,
    ) -> Result<(), ImportError> {
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

    /// A new card (and its key person); a code already taken is left for Daicho to give.
    pub fn create(
        &mut self,
        conn: &Connection,
        row: RowCard,
        edit: &Edit<'_>,
    ) -> Result<(), ImportError> {
        let mut fields = row.fields;
        let kind = fields.kind;
        if !fields.code.is_empty() {
            let taken: bool = conn
                .prepare_cached("SELECT 1 FROM cards WHERE code = ?1")?
                .exists([&fields.code])?;
            if taken {
                fields.code.clear();
            }
        }
        let id = cards::insert_valid(conn, fields, edit)?;
        if let Some(person) = row.person.filter(|_| kind == CardKind::Organisation) {
            cards::add_key_person(conn, &id, &person, edit)?;
        }
        self.record(conn, &id, "created", None)?;
        self.created.insert(row.line, id);
        self.added += 1;
        Ok(())
    }

    pub fn created_from(&self, line: u32) -> Option<String> {
        self.created.get(&line).cloned()
    }

    /// Fills the card's empty fields from the row and adds its phones, tags, notes and key
    /// person; what the card already says is kept.
    pub fn merge(
        &mut self,
        conn: &Connection,
        card_id: &str,
        row: RowCard,
        edit: &Edit<'_>,
    ) -> Result<(), ImportError> {
        let card = cards::load(conn, card_id)?;
        let merged = merged(&card.fields, &row.fields);
        let created_here = self.created.values().any(|id| id == card_id);
        if merged != card.fields {
            cards::update(conn, card_id, card.version, &merged, edit)?;
        }
        let mut person_added = None;
        if let Some(person) = row
            .person
            .filter(|_| card.fields.kind == CardKind::Organisation)
        {
            let name = crate::text::normalize(&person.name);
            let known = card
                .key_persons
                .iter()
                .any(|p| crate::text::normalize(&p.fields.name) == name);
            if !known {
                person_added = Some(cards::add_key_person(conn, card_id, &person, edit)?.id);
            }
        }
        if created_here {
            // Undo deletes the card this import created: only its version after moves.
            conn.execute(
                "UPDATE change_batch_cards SET version_after = ?3
                 WHERE batch_id = ?1 AND card_id = ?2 AND action = 'created'",
                params![self.id, card_id, version(conn, card_id)?],
            )?;
        } else {
            self.record(
                conn,
                card_id,
                "changed",
                Some(&serde_json::to_string(&card.fields).unwrap_or_default()),
            )?;
            if let Some(person_id) = person_added {
                self.record(conn, card_id, "person_added", Some(&person_id))?;
            }
        }
        self.merged += 1;
        Ok(())
    }

    pub fn finish(self, conn: &Connection) -> Result<ImportOutcome, ImportError> {
        conn.execute(
            "UPDATE change_batches SET added = ?2, changed = ?3, skipped = ?4 WHERE id = ?1",
            params![self.id, self.added, self.merged, self.skipped],
        )?;
        Ok(ImportOutcome {
            id: self.id,
            added: self.added,
            merged: self.merged,
            skipped: self.skipped,
        })
    }
}

fn merged(old: &CardFields, row: &CardFields) -> CardFields {
    let mut out = old.clone();
    let fill = |mine: &mut String, theirs: &str| {
        if mine.trim().is_empty() {
            *mine = theirs.to_owned();
        }
    };
    fill(&mut out.reading, &row.reading);
    fill(&mut out.owner, &row.owner);
    fill(&mut out.industry, &row.industry);
    fill(&mut out.postal_code, &row.postal_code);
    fill(&mut out.region, &row.region);
    fill(&mut out.city, &row.city);
    fill(&mut out.street, &row.street);
    fill(&mut out.building, &row.building);
    fill(&mut out.email, &row.email);
    fill(&mut out.website, &row.website);
    for phone in &row.phones {
        let d = crate::text::digits(phone);
        if !out.phones.iter().any(|p| crate::text::digits(p) == d) {
            out.phones.push(phone.clone());
        }
    }
    for tag in &row.tags {
        if !out.tags.contains(tag) {
            out.tags.push(tag.clone());
        }
    }
    if !row.notes.is_empty() && !out.notes.contains(&row.notes) {
        out.notes = if out.notes.is_empty() {
            row.notes.clone()
        } else {
            format!("{}\n{}", out.notes, row.notes)
        };
    }
    out
}

pub fn list(conn: &Connection) -> Result<Vec<ImportBatch>, ImportError> {
    let mut stmt = conn.prepare(
        "SELECT id, label, at, actor, added, changed, skipped, undone_at FROM change_batches
         WHERE kind = 'import' ORDER BY at DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ImportBatch {
            id: r.get(0)?,
            label: r.get(1)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            added: r.get(4)?,
            merged: r.get(5)?,
            skipped: r.get(6)?,
            undone_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Takes a whole import back: cards it created are deleted, cards it merged into get their
/// fields back (their history says so). Refused, writing nothing, when any of them was edited
/// after the import.
pub fn undo(
    conn: &Connection,
    batch_id: &str,
    edit: &Edit<'_>,
) -> Result<ImportOutcome, ImportError> {
    let undone: Option<Option<String>> = conn
        .query_row(
            "SELECT undone_at FROM change_batches WHERE id = ?1 AND kind = 'import'",
            [batch_id],
            |r| r.get(0),
        )
        .optional()?;
    match undone {
        None => {
            return Err(ImportError::NotFound {
                id: batch_id.to_owned(),
            })
        }
        Some(Some(_)) => {
            return Err(ImportError::AlreadyUndone {
                id: batch_id.to_owned(),
            })
        }
        Some(None) => {}
    }
    // Per card: whether the import created it, its fields before the first change, the key
    // persons the import added, and the version the import left it at.
    #[derive(Default)]
    struct Undo {
        created: bool,
        before: Option<String>,
        persons: Vec<String>,
        version_after: i64,
    }
    let mut order: Vec<String> = Vec::new();
    let mut cards_undo: HashMap<String, Undo> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT card_id, action, before, version_after FROM change_batch_cards
             WHERE batch_id = ?1 ORDER BY seq",
        )?;
        let mut rows = stmt.query([batch_id])?;
        while let Some(r) = rows.next()? {
            let card_id: String = r.get(0)?;
            let action: String = r.get(1)?;
            let before: Option<String> = r.get(2)?;
            if !cards_undo.contains_key(&card_id) {
                order.push(card_id.clone());
            }
            let u = cards_undo.entry(card_id).or_default();
            match action.as_str() {
                "created" => u.created = true,
                "changed" if u.before.is_none() => u.before = before,
                "person_added" => u.persons.extend(before),
                _ => {}
            }
            u.version_after = r.get(3)?;
        }
    }
    // Check every card before changing any.
    for card_id in &order {
        let now: Option<(i64, String)> = conn
            .query_row(
                "SELECT version, code FROM cards WHERE id = ?1",
                [card_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((version, code)) = now else {
            cards_undo.remove(card_id);
            continue;
        };
        if cards_undo.get(card_id).map(|u| u.version_after) != Some(version) {
            return Err(ImportError::ChangedSince { code });
        }
    }
    let (mut added, mut merged) = (0, 0);
    for card_id in order.iter().rev() {
        let Some(u) = cards_undo.get(card_id) else {
            continue;
        };
        if u.created {
            conn.execute("DELETE FROM cards WHERE id = ?1", [card_id])?;
            added += 1;
            continue;
        }
        for person in &u.persons {
            cards::delete_key_person(conn, person, edit)?;
        }
        if let Some(before) = &u.before {
            let fields: CardFields =
                serde_json::from_str(before).map_err(|e| ImportError::Unreadable {
                    path: Default::default(),
                    reason: e.to_string(),
                })?;
            cards::update(conn, card_id, version(conn, card_id)? as i32, &fields, edit)?;
        }
        merged += 1;
    }
    conn.execute(
        "UPDATE change_batches SET undone_at = ?2 WHERE id = ?1",
        params![batch_id, edit.at],
    )?;
    Ok(ImportOutcome {
        id: batch_id.to_owned(),
        added,
        merged,
        skipped: 0,
    })
}

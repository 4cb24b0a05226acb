//! Keeping each card's latest classes: a re-classification writes only the cards whose classes
//! moved, and records each move in the card's history under `classification`.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::card::history::{self, Stamp};
use crate::card::store::Edit;
use crate::card::{HistoryAction, HistoryEntity};
use crate::db::json::Json;
use crate::sales::summary::Period;

use crate::card::Loyalty;

use super::model::{Abc, CardClass, CompletenessItem, Reason, ValueTier};

/// The stored part of a card's classification, as its history and the card's page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredClass {
    pub abc: Option<Abc>,
    pub grade: Option<String>,
    pub value_tier: ValueTier,
    pub value_score: i32,
    pub loyalty_hint: Option<Loyalty>,
    pub completeness: i32,
    pub missing: Vec<CompletenessItem>,
    pub core: bool,
    pub problem: bool,
    pub reasons: Vec<Reason>,
}

impl StoredClass {
    pub fn of(c: &CardClass) -> StoredClass {
        StoredClass {
            abc: c.abc,
            grade: c.grade.clone(),
            value_tier: c.value_tier,
            value_score: c.value_score,
            loyalty_hint: c.loyalty_hint,
            completeness: c.completeness,
            missing: c.missing.clone(),
            core: c.core,
            problem: c.problem,
            reasons: c.reasons.clone(),
        }
    }

    /// The fields history follows (the score moves with every sale; its tier is what counts).
    fn tracked(&self) -> [(&'static str, Option<String>); 6] {
        [
            ("abc", self.abc.map(|a| a.as_str().to_uppercase())),
            ("grade", self.grade.clone()),
            ("value_tier", Some(self.value_tier.as_str().to_owned())),
            ("completeness", Some(self.completeness.to_string())),
            ("core", Some(self.core.to_string())),
            ("problem", Some(self.problem.to_string())),
        ]
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredClass> {
    let abc: Option<String> = r.get(0)?;
    let tier: String = r.get(2)?;
    let hint: Option<String> = r.get(4)?;
    Ok(StoredClass {
        abc: abc.as_deref().and_then(Abc::parse),
        grade: r.get(1)?,
        value_tier: ValueTier::parse(&tier).unwrap_or(ValueTier::Low),
        value_score: r.get(3)?,
        loyalty_hint: hint.as_deref().and_then(Loyalty::parse),
        completeness: r.get(5)?,
        missing: r.get::<_, Json<_>>(6)?.0,
        core: r.get(7)?,
        problem: r.get(8)?,
        reasons: r.get::<_, Json<_>>(9)?.0,
    })
}

const COLUMNS: &str = "abc, grade, value_tier, value_score, loyalty_hint, completeness, missing, core, problem, reasons";

pub fn load(conn: &Connection, card_id: &str) -> rusqlite::Result<Option<StoredClass>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM card_classes WHERE card_id = ?1"
    ))?
    .query_row([card_id], row)
    .optional()
}

/// When the ledger was last classified, and over which period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LastRun {
    pub at: String,
    pub from: String,
    pub to: String,
}

const LAST_RUN: &str = "classified";

pub fn last_run(conn: &Connection) -> rusqlite::Result<Option<LastRun>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM ledger_meta WHERE key = ?1")?
        .query_row([LAST_RUN], |r| r.get(0))
        .optional()?;
    text.map(|t| crate::db::json::parse(&t)).transpose()
}

/// Stores `classes`; returns how many cards' classes changed (figures behind the reasons are
/// kept up to date without counting as a change).
pub fn save(
    conn: &Connection,
    classes: &[CardClass],
    period: Period,
    edit: &Edit<'_>,
) -> rusqlite::Result<usize> {
    let mut before: HashMap<crate::ids::CardId, StoredClass> = HashMap::new();
    {
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {COLUMNS}, card_id FROM card_classes"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            before.insert(r.get(10)?, row(r)?);
        }
    }
    let mut upsert = conn.prepare_cached(
        "INSERT INTO card_classes (card_id, abc, grade, value_tier, value_score, loyalty_hint, completeness, missing,
            core, problem, reasons, computed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (card_id) DO UPDATE SET abc = ?2, grade = ?3, value_tier = ?4, value_score = ?5,
            loyalty_hint = ?6, completeness = ?7, missing = ?8, core = ?9, problem = ?10, reasons = ?11,
            computed_at = ?12",
    )?;
    let mut changed = 0;
    // In card order: ids grow with time, so the classes, the cards and the history are each
    // written front to back instead of a page here and there.
    let mut in_card_order: Vec<&CardClass> = classes.iter().collect();
    in_card_order.sort_unstable_by(|a, b| a.card_id.cmp(&b.card_id));
    for class in in_card_order {
        let now = StoredClass::of(class);
        let old = before.get(&class.card_id);
        if old == Some(&now) {
            continue;
        }
        let old_fields = old.map(StoredClass::tracked);
        if old_fields.as_ref() != Some(&now.tracked()) {
            changed += 1;
        }
        let stamp = Stamp {
            card_id: &class.card_id,
            at: edit.at,
            actor: edit.actor,
            entity: HistoryEntity::Classification,
            entity_id: &class.card_id,
            entity_label: "",
        };
        for (n, (field, value)) in now.tracked().into_iter().enumerate() {
            // A card's first classification records its ABC class and tier; later runs each move.
            if old.is_none() && !matches!(field, "abc" | "value_tier") {
                continue;
            }
            let previous = old_fields.as_ref().and_then(|f| f[n].1.clone());
            if previous != value {
                history::record(
                    conn,
                    &stamp,
                    HistoryAction::Changed,
                    field,
                    previous.as_deref(),
                    value.as_deref(),
                )?;
            }
        }
        upsert.execute(params![
            class.card_id,
            class.abc.map(Abc::as_str),
            class.grade,
            class.value_tier.as_str(),
            class.value_score,
            class.loyalty_hint.map(|l| l.as_str()),
            class.completeness,
            serde_json::to_string(&class.missing).unwrap_or_else(|_| "[]".to_owned()),
            class.core,
            class.problem,
            serde_json::to_string(&class.reasons).unwrap_or_else(|_| "[]".to_owned()),
            edit.at,
        ])?;
    }
    let run = LastRun {
        at: edit.at.to_owned(),
        from: period.from_text(),
        to: period.to_text(),
    };
    conn.prepare_cached(
        "INSERT INTO ledger_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
    )?
    .execute(params![LAST_RUN, serde_json::to_string(&run).unwrap_or_default()])?;
    Ok(changed)
}

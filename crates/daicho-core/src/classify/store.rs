//! Keeping each card's latest classes: a re-classification writes only the cards whose classes
//! moved, and records each move in the card's history under `classification`.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

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
}

/// A card's classes as their row holds them: what a re-classification compares and writes.
/// Lists stay JSON text, so that comparing a stored row with a new one parses nothing.
#[derive(Debug, PartialEq)]
struct ClassRow {
    abc: Option<String>,
    grade: Option<String>,
    value_tier: String,
    value_score: i32,
    loyalty_hint: Option<String>,
    completeness: i32,
    missing: String,
    core: bool,
    problem: bool,
    reasons: String,
}

impl ClassRow {
    fn of(c: &CardClass) -> ClassRow {
        ClassRow {
            abc: c.abc.map(|a| a.as_str().to_owned()),
            grade: c.grade.clone(),
            value_tier: c.value_tier.as_str().to_owned(),
            value_score: c.value_score,
            loyalty_hint: c.loyalty_hint.map(|l| l.as_str().to_owned()),
            completeness: c.completeness,
            missing: serde_json::to_string(&c.missing).unwrap_or_else(|_| "[]".to_owned()),
            core: c.core,
            problem: c.problem,
            reasons: serde_json::to_string(&c.reasons).unwrap_or_else(|_| "[]".to_owned()),
        }
    }

    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClassRow> {
        Ok(ClassRow {
            abc: r.get(0)?,
            grade: r.get(1)?,
            value_tier: r.get(2)?,
            value_score: r.get(3)?,
            loyalty_hint: r.get(4)?,
            completeness: r.get(5)?,
            missing: r.get(6)?,
            core: r.get(7)?,
            problem: r.get(8)?,
            reasons: r.get(9)?,
        })
    }

    /// The fields history follows (the score moves with every sale; its tier is what counts).
    fn tracked(&self) -> [(&'static str, Option<String>); 6] {
        [
            ("abc", self.abc.as_ref().map(|a| a.to_uppercase())),
            ("grade", self.grade.clone()),
            ("value_tier", Some(self.value_tier.clone())),
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

/// Where a re-classification gathers what it writes (`WHERE true` in the upsert below is
/// SQLite's rule for an upsert over a SELECT).
const STAGING: &str = "CREATE TEMP TABLE IF NOT EXISTS classes_to_store (card_id TEXT NOT NULL, abc TEXT, grade TEXT,
        value_tier TEXT NOT NULL, value_score INTEGER NOT NULL, loyalty_hint TEXT, completeness INTEGER NOT NULL,
        missing TEXT NOT NULL, core INTEGER NOT NULL, problem INTEGER NOT NULL, reasons TEXT NOT NULL);
    CREATE TEMP TABLE IF NOT EXISTS class_moves (card_id TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT,
        new_value TEXT);
    DELETE FROM temp.classes_to_store;
    DELETE FROM temp.class_moves;";

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
///
/// What moved is worked out here, then written set-based: the new classes and the history
/// rows go into temporary tables and each reaches its own table in one statement, so that a
/// first classification of a large ledger costs one pass per table, not a statement (and its
/// journal) per card and field.
pub fn save(
    conn: &Connection,
    classes: &[CardClass],
    period: Period,
    edit: &Edit<'_>,
) -> rusqlite::Result<usize> {
    conn.execute_batch(STAGING)?;
    let mut stage_class = conn.prepare_cached(
        "INSERT INTO temp.classes_to_store (card_id, abc, grade, value_tier, value_score, loyalty_hint,
            completeness, missing, core, problem, reasons) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut stage_move = conn.prepare_cached(
        "INSERT INTO temp.class_moves (card_id, field, old_value, new_value) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut changed = 0;
    // In card order: ids grow with time, so the classes, the cards and the history are each
    // written front to back instead of a page here and there.
    let mut in_card_order: Vec<&CardClass> = classes.iter().collect();
    in_card_order.sort_unstable_by(|a, b| a.card_id.cmp(&b.card_id));
    // The stored classes are read in the same order beside them (SQLite compares text as bytes,
    // as Rust does): one pass, no map of every card's row.
    let mut stored = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, card_id FROM card_classes ORDER BY card_id"
    ))?;
    let mut stored = stored.query([])?;
    let mut next_stored = stored.next()?;
    for class in in_card_order {
        let mut old = None;
        while let Some(r) = next_stored {
            let ordering = r.get_ref(10)?.as_str()?.cmp(class.card_id.as_str());
            if ordering == std::cmp::Ordering::Greater {
                break;
            }
            if ordering == std::cmp::Ordering::Equal {
                old = Some(ClassRow::read(r)?);
            }
            next_stored = stored.next()?;
        }
        let old = old.as_ref();
        let now = ClassRow::of(class);
        if old == Some(&now) {
            continue;
        }
        let old_fields = old.map(ClassRow::tracked);
        if old_fields.as_ref() != Some(&now.tracked()) {
            changed += 1;
        }
        for (n, (field, value)) in now.tracked().into_iter().enumerate() {
            // A card's first classification records its ABC class and tier; later runs each move.
            if old.is_none() && !matches!(field, "abc" | "value_tier") {
                continue;
            }
            let previous = old_fields.as_ref().and_then(|f| f[n].1.clone());
            if previous != value {
                stage_move.execute(params![class.card_id, field, previous, value])?;
            }
        }
        stage_class.execute(params![
            class.card_id,
            now.abc,
            now.grade,
            now.value_tier,
            now.value_score,
            now.loyalty_hint,
            now.completeness,
            now.missing,
            now.core,
            now.problem,
            now.reasons,
        ])?;
    }
    // Done with reading the stored classes before they are written.
    drop(stored);
    conn.prepare_cached(
        "INSERT INTO card_history (card_id, at, actor, entity, entity_id, entity_label, action, field, old_value, new_value)
         SELECT card_id, ?1, ?2, ?3, card_id, '', ?4, field, old_value, new_value FROM temp.class_moves ORDER BY rowid",
    )?
    .execute(params![
        edit.at,
        edit.actor,
        HistoryEntity::Classification.as_str(),
        HistoryAction::Changed.as_str()
    ])?;
    conn.prepare_cached(
        "INSERT INTO card_classes (card_id, abc, grade, value_tier, value_score, loyalty_hint, completeness, missing,
            core, problem, reasons, computed_at)
         SELECT card_id, abc, grade, value_tier, value_score, loyalty_hint, completeness, missing, core, problem,
            reasons, ?1 FROM temp.classes_to_store WHERE true ORDER BY rowid
         ON CONFLICT (card_id) DO UPDATE SET abc = excluded.abc, grade = excluded.grade,
            value_tier = excluded.value_tier, value_score = excluded.value_score,
            loyalty_hint = excluded.loyalty_hint, completeness = excluded.completeness,
            missing = excluded.missing, core = excluded.core, problem = excluded.problem,
            reasons = excluded.reasons, computed_at = excluded.computed_at",
    )?
    .execute([edit.at])?;
    conn.execute_batch("DELETE FROM temp.classes_to_store; DELETE FROM temp.class_moves;")?;
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

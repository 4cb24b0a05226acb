//! The superior's check of a rep's cards (000 ①: once a week the supervisor goes through each
//! rep's customer cards): recorded on the card by name and day with a comment, listed on the
//! card and in the weekly report.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

use crate::error::{CardError, FieldIssue};
use crate::text::{line, multiline};

use super::store::{check_id, new_id, Edit};

/// One check of a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardCheck {
    pub id: String,
    pub card_id: crate::ids::CardId,
    /// `YYYY-MM-DD`.
    pub checked_on: String,
    pub checker: String,
    pub comment: String,
}

/// A check in the weekly report: the card it was of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckedCard {
    pub check: CardCheck,
    pub card_code: String,
    pub card_name: String,
    pub owner: String,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<CardCheck> {
    Ok(CardCheck {
        id: r.get(0)?,
        card_id: r.get(1)?,
        checked_on: r.get(2)?,
        checker: r.get(3)?,
        comment: r.get(4)?,
    })
}

/// Records that `checker` checked the card today.
pub fn record(
    conn: &Connection,
    card_id: &str,
    checker: &str,
    comment: &str,
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<CardCheck, CardError> {
    check_id(card_id)?;
    super::store::load(conn, card_id)?;
    let mut issues = Vec::new();
    let checker = line("checker", checker, &mut issues);
    if checker.is_empty() {
        issues.push(FieldIssue::new("checker", "required"));
    }
    let comment = multiline("comment", comment, &mut issues);
    if !issues.is_empty() {
        return Err(CardError::Invalid(issues));
    }
    let check = CardCheck {
        id: new_id(),
        card_id: card_id.into(),
        checked_on: today.format("%Y-%m-%d").to_string(),
        checker,
        comment,
    };
    conn.prepare_cached(
        "INSERT INTO card_checks (id, card_id, checked_on, checker, comment, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        check.id,
        check.card_id,
        check.checked_on,
        check.checker,
        check.comment,
        edit.at
    ])?;
    Ok(check)
}

/// The card's checks, the latest first.
pub fn for_card(conn: &Connection, card_id: &str) -> Result<Vec<CardCheck>, CardError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, card_id, checked_on, checker, comment FROM card_checks WHERE card_id = ?1
             ORDER BY checked_on DESC, created_at DESC",
        )?
        .query_map([card_id], from_row)?
        .collect::<Result<_, _>>()?)
}

/// The live cards checked from `from` to `to`, by day; `owner`'s cards only when given.
pub fn between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    owner: Option<&str>,
) -> rusqlite::Result<Vec<CheckedCard>> {
    conn.prepare_cached(
        "SELECT k.id, k.card_id, k.checked_on, k.checker, k.comment, c.code, c.name, c.owner
         FROM card_checks k INDEXED BY card_checks_on JOIN cards c ON c.id = k.card_id
         WHERE k.checked_on BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL AND (?3 IS NULL OR c.owner = ?3)
         ORDER BY k.checked_on, c.sort_key",
    )?
    .query_map(
        params![
            from.format("%Y-%m-%d").to_string(),
            to.format("%Y-%m-%d").to_string(),
            owner
        ],
        |r| {
            Ok(CheckedCard {
                check: from_row(r)?,
                card_code: r.get(5)?,
                card_name: r.get(6)?,
                owner: r.get(7)?,
            })
        },
    )?
    .collect()
}

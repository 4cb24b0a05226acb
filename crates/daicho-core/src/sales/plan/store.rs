//! Plan lines in SQLite: one row per line and year, its twelve months as a JSON array.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::card::store::Edit;
use crate::db::json::Json;
use crate::error::{FieldIssue, SalesError};
use crate::text::{line, multiline, MAX_NUMBER};

use super::{PlanLine, PlanLineFields, PlanScope};

/// Years a plan may be for.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// Checks a line as typed: twelve months of whole amounts, a key where the scope needs one, a
/// live customer for a customer's line.
pub fn validate(conn: &Connection, input: &PlanLineFields) -> Result<PlanLineFields, SalesError> {
    let mut issues = Vec::new();
    if !YEARS.contains(&input.fiscal_year) {
        issues.push(FieldIssue::new("fiscal_year", "out_of_range"));
    }
    if input.months.len() != 12 {
        issues.push(FieldIssue::new("months", "twelve_months"));
    }
    for (i, amount) in input.months.iter().enumerate() {
        if *amount < 0 {
            issues.push(FieldIssue::new(format!("months.{i}"), "negative"));
        } else if *amount > MAX_NUMBER {
            issues.push(FieldIssue::new(format!("months.{i}"), "too_large"));
        }
    }
    let key = line("key", &input.key, &mut issues);
    let keyed = matches!(
        input.scope,
        PlanScope::Territory | PlanScope::Owner | PlanScope::Category
    );
    if keyed && key.is_empty() {
        issues.push(FieldIssue::new("key", "required"));
    }
    let card_id = match input.scope {
        PlanScope::Card => match &input.card_id {
            Some(id) if live_card(conn, id)? => Some(id.clone()),
            _ => {
                issues.push(FieldIssue::new("card_id", "required"));
                None
            }
        },
        _ => None,
    };
    let means = multiline("means", &input.means, &mut issues);
    if !issues.is_empty() {
        return Err(SalesError::Invalid(issues));
    }
    Ok(PlanLineFields {
        fiscal_year: input.fiscal_year,
        scope: input.scope,
        key: if keyed { key } else { String::new() },
        card_id,
        months: input.months.clone(),
        means,
    })
}

fn live_card(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT 1 FROM cards WHERE id = ?1 AND deleted_at IS NULL")?
        .query_row([id], |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
}

/// Saves a line: a new one, or the year's line for the same territory, rep, category or
/// customer written over (one line each).
pub fn save(
    conn: &Connection,
    input: &PlanLineFields,
    edit: &Edit<'_>,
) -> Result<PlanLine, SalesError> {
    let f = validate(conn, input)?;
    let months = format!(
        "[{}]",
        f.months
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    let existing: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM sales_plans
             WHERE fiscal_year = ?1 AND scope = ?2 AND key = ?3 AND ifnull(card_id, '') = ifnull(?4, '')",
        )?
        .query_row(
            params![f.fiscal_year, f.scope.as_str(), f.key, f.card_id],
            |r| r.get(0),
        )
        .optional()?;
    let id = match existing {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE sales_plans SET months = ?2, means = ?3, updated_at = ?4, version = version + 1
                 WHERE id = ?1",
            )?
            .execute(params![id, months, f.means, edit.at])?;
            id
        }
        None => {
            let id = crate::card::store::new_id();
            conn.prepare_cached(
                "INSERT INTO sales_plans (id, fiscal_year, scope, key, card_id, months, means, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )?
            .execute(params![
                id,
                f.fiscal_year,
                f.scope.as_str(),
                f.key,
                f.card_id,
                months,
                f.means,
                edit.at
            ])?;
            id
        }
    };
    load(conn, &id)
}

pub fn delete(conn: &Connection, id: &str) -> Result<(), SalesError> {
    match conn.execute("DELETE FROM sales_plans WHERE id = ?1", [id])? {
        0 => Err(SalesError::PlanNotFound { id: id.to_owned() }),
        _ => Ok(()),
    }
}

const SELECT: &str =
    "SELECT p.id, p.version, p.fiscal_year, p.scope, p.key, p.card_id, p.months, p.means,
        ifnull(c.name, ''), ifnull(c.code, '')
     FROM sales_plans p LEFT JOIN cards c ON c.id = p.card_id";

pub fn load(conn: &Connection, id: &str) -> Result<PlanLine, SalesError> {
    conn.prepare_cached(&format!("{SELECT} WHERE p.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| SalesError::PlanNotFound { id: id.to_owned() })
}

/// The year's lines (customers in the trash left out), in the order of the plan page: scope,
/// then name.
pub fn for_year(conn: &Connection, year: i32) -> rusqlite::Result<Vec<PlanLine>> {
    let mut lines = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE p.fiscal_year = ?1 AND (p.card_id IS NULL OR c.deleted_at IS NULL)"
        ))?
        .query_map([year], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    lines.sort_by(|a, b| (a.fields.scope, &a.label).cmp(&(b.fields.scope, &b.label)));
    Ok(lines)
}

/// The customer's line for the year, if one was set.
pub fn for_card(conn: &Connection, card_id: &str, year: i32) -> rusqlite::Result<Option<PlanLine>> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE p.card_id = ?1 AND p.fiscal_year = ?2"
    ))?
    .query_row(params![card_id, year], from_row)
    .optional()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<PlanLine> {
    let scope = PlanScope::parse(&r.get::<_, String>(3)?).unwrap_or(PlanScope::Total);
    let key: String = r.get(4)?;
    let mut months = r.get::<_, Json<Vec<i64>>>(6)?.0;
    months.resize(12, 0);
    let card_name: String = r.get(8)?;
    Ok(PlanLine {
        id: r.get(0)?,
        version: r.get(1)?,
        label: if scope == PlanScope::Card {
            card_name
        } else {
            key.clone()
        },
        card_code: r.get(9)?,
        fields: PlanLineFields {
            fiscal_year: r.get(2)?,
            scope,
            key,
            card_id: r.get(5)?,
            months,
            means: r.get(7)?,
        },
    })
}

//! Case studies, and the ones closest to a customer in industry and size.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::card::store::{check_id, new_id, Edit};
use crate::error::CompetitionError;
use crate::text::normalize;

use super::model::{CaseMatch, CaseStudy, CaseStudyFields};
use super::validate;

const COLUMNS: &str =
    "s.id, s.version, s.title, s.card_id, s.customer_label, s.industry, s.employees, s.product_id,
    s.problem, s.introduced, s.effect, s.dated_on, s.shareable,
    coalesce((SELECT name FROM cards c WHERE c.id = s.card_id), ''),
    coalesce((SELECT name FROM products p WHERE p.id = s.product_id), '')";

/// A case older than `stale_months` before `today` is flagged.
fn from_row(r: &Row<'_>, today: NaiveDate, stale_months: u32) -> rusqlite::Result<CaseStudy> {
    let dated_on: String = r.get(11)?;
    let stale = NaiveDate::parse_from_str(&dated_on, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_months(chrono::Months::new(stale_months)))
        .is_some_and(|limit| limit < today);
    Ok(CaseStudy {
        id: r.get(0)?,
        version: r.get(1)?,
        fields: CaseStudyFields {
            title: r.get(2)?,
            card_id: r.get(3)?,
            customer_label: r.get(4)?,
            industry: r.get(5)?,
            employees: r.get(6)?,
            product_id: r.get(7)?,
            problem: r.get(8)?,
            introduced: r.get(9)?,
            effect: r.get(10)?,
            dated_on,
            shareable: r.get(12)?,
        },
        card_name: r.get(13)?,
        product_name: r.get(14)?,
        stale,
    })
}

pub fn load(
    conn: &Connection,
    id: &str,
    today: NaiveDate,
    stale_months: u32,
) -> Result<CaseStudy, CompetitionError> {
    let missing = || CompetitionError::CaseNotFound { id: id.to_owned() };
    check_id(id).map_err(|_| missing())?;
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM case_studies s WHERE s.id = ?1"
    ))?
    .query_row([id], |r| from_row(r, today, stale_months))
    .optional()?
    .ok_or_else(missing)
}

/// Every case, newest first.
pub fn list(
    conn: &Connection,
    today: NaiveDate,
    stale_months: u32,
) -> Result<Vec<CaseStudy>, CompetitionError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM case_studies s ORDER BY s.dated_on DESC, s.id"
        ))?
        .query_map([], |r| from_row(r, today, stale_months))?
        .collect::<Result<_, _>>()?)
}

pub fn save(
    conn: &Connection,
    id: Option<(&str, i32)>,
    input: &CaseStudyFields,
    edit: &Edit<'_>,
) -> Result<String, CompetitionError> {
    let f = validate::case_study(input).map_err(CompetitionError::Invalid)?;
    if let Some(card) = &f.card_id {
        crate::card::store::load(conn, card)
            .map_err(|_| CompetitionError::invalid("card_id", "unknown"))?;
    }
    if let Some(product) = &f.product_id {
        super::store::product(conn, product)
            .map_err(|_| CompetitionError::invalid("product_id", "unknown"))?;
    }
    let id = match id {
        Some((id, version)) => {
            let current: Option<i32> = conn
                .prepare_cached("SELECT version FROM case_studies WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            match current {
                None => return Err(CompetitionError::CaseNotFound { id: id.to_owned() }),
                Some(v) if v != version => {
                    return Err(CompetitionError::Stale { id: id.to_owned() })
                }
                Some(_) => id.to_owned(),
            }
        }
        None => {
            let id = new_id();
            conn.execute(
                "INSERT INTO case_studies (id, title, dated_on, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?4, 0)",
                params![id, f.title, f.dated_on, edit.at],
            )?;
            id
        }
    };
    conn.execute(
        "UPDATE case_studies SET title = ?2, card_id = ?3, customer_label = ?4, industry = ?5, employees = ?6,
            product_id = ?7, problem = ?8, introduced = ?9, effect = ?10, dated_on = ?11, shareable = ?12,
            updated_at = ?13, version = version + 1
         WHERE id = ?1",
        params![
            id,
            f.title,
            f.card_id,
            f.customer_label,
            f.industry,
            f.employees,
            f.product_id,
            f.problem,
            f.introduced,
            f.effect,
            f.dated_on,
            f.shareable,
            edit.at
        ],
    )?;
    Ok(id)
}

pub fn delete(conn: &Connection, id: &str) -> Result<(), CompetitionError> {
    if conn.execute("DELETE FROM case_studies WHERE id = ?1", [id])? == 0 {
        return Err(CompetitionError::CaseNotFound { id: id.to_owned() });
    }
    Ok(())
}

/// How close a case is to a customer, 0–1: the same industry counts 0.6, size the other 0.4
/// (equal headcount 0.4, a hundredfold difference or more 0).
pub fn closeness(
    industry: &str,
    employees: Option<i64>,
    case_industry: &str,
    case_employees: Option<i64>,
) -> f64 {
    let same = !industry.is_empty() && normalize(industry) == normalize(case_industry);
    let size = match (employees, case_employees) {
        (Some(a), Some(b)) if a > 0 && b > 0 => {
            let ratio = (a as f64 / b as f64).ln().abs() / 100f64.ln();
            0.4 * (1.0 - ratio.min(1.0))
        }
        _ => 0.0,
    };
    let score = if same { 0.6 } else { 0.0 } + size;
    (score * 100.0).round() / 100.0
}

/// The cases closest to the customer of `card_id` (not its own), best first; only those with
/// something in common.
pub fn for_card(
    conn: &Connection,
    card_id: &str,
    today: NaiveDate,
    stale_months: u32,
    limit: usize,
) -> Result<Vec<CaseMatch>, CompetitionError> {
    let card = crate::card::store::load(conn, card_id)?;
    let industry = card.fields.industry.clone();
    let employees = card.fields.organisation.as_ref().and_then(|o| o.employees);
    let mut matches: Vec<CaseMatch> = list(conn, today, stale_months)?
        .into_iter()
        .filter(|c| c.fields.card_id.as_deref() != Some(card_id))
        .map(|case| {
            let closeness = closeness(
                &industry,
                employees,
                &case.fields.industry,
                case.fields.employees,
            );
            let same_industry =
                !industry.is_empty() && normalize(&industry) == normalize(&case.fields.industry);
            CaseMatch {
                case,
                closeness,
                same_industry,
            }
        })
        .filter(|m| m.closeness > 0.0)
        .collect();
    matches.sort_by(|a, b| {
        b.closeness
            .total_cmp(&a.closeness)
            .then_with(|| a.case.stale.cmp(&b.case.stale))
            .then_with(|| b.case.fields.dated_on.cmp(&a.case.fields.dated_on))
    });
    matches.truncate(limit);
    Ok(matches)
}

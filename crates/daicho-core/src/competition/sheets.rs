//! Comparison sheets and their dated assessments. Functions expect to run inside the caller's
//! transaction.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

use crate::card::store::{check_id, new_id, Edit};
use crate::error::{CompetitionError, FieldIssue};
use crate::text::{line, required_line};

use super::model::{
    Assessment, AssessmentFields, Criterion, Product, ProductScores, Sheet, SheetFields,
    SheetSummary, SheetView, VersusText,
};
use super::store::product;
use super::{scoring, validate};

/// Checks the sheet's products: one of ours, at least one competitor product, no repeats.
fn check_sheet(conn: &Connection, input: &SheetFields) -> Result<SheetFields, CompetitionError> {
    let mut issues = Vec::new();
    let title = required_line("title", &input.title, &mut issues);
    let category = line("category", &input.category, &mut issues);
    match product(conn, &input.our_product_id) {
        Ok(p) if p.fields.competitor_id.is_none() => {}
        Ok(_) => issues.push(FieldIssue::new("our_product_id", "not_ours")),
        Err(_) => issues.push(FieldIssue::new("our_product_id", "required")),
    }
    let mut seen = HashSet::new();
    let mut others = Vec::new();
    for id in &input.competitor_product_ids {
        if !seen.insert(id.clone()) {
            issues.push(FieldIssue::new("competitor_product_ids", "duplicate"));
            continue;
        }
        match product(conn, id) {
            Ok(p) if p.fields.competitor_id.is_some() => others.push(id.clone()),
            _ => issues.push(FieldIssue::new("competitor_product_ids", "not_competitor")),
        }
    }
    if input.competitor_product_ids.is_empty() {
        issues.push(FieldIssue::new("competitor_product_ids", "required"));
    }
    if !issues.is_empty() {
        return Err(CompetitionError::Invalid(issues));
    }
    Ok(SheetFields {
        title,
        category,
        our_product_id: input.our_product_id.clone(),
        competitor_product_ids: others,
    })
}

pub fn save(
    conn: &Connection,
    id: Option<(&str, i32)>,
    input: &SheetFields,
    edit: &Edit<'_>,
) -> Result<Sheet, CompetitionError> {
    let f = check_sheet(conn, input)?;
    let id = match id {
        Some((id, version)) => {
            if sheet(conn, id)?.version != version {
                return Err(CompetitionError::Stale { id: id.to_owned() });
            }
            id.to_owned()
        }
        None => {
            let id = new_id();
            conn.execute(
                "INSERT INTO sheets (id, title, our_product_id, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?4, 0)",
                params![id, f.title, f.our_product_id, edit.at],
            )?;
            id
        }
    };
    conn.execute(
        "UPDATE sheets SET title = ?2, category = ?3, our_product_id = ?4, updated_at = ?5, version = version + 1
         WHERE id = ?1",
        params![id, f.title, f.category, f.our_product_id, edit.at],
    )?;
    conn.execute("DELETE FROM sheet_products WHERE sheet_id = ?1", [&id])?;
    for (position, product) in f.competitor_product_ids.iter().enumerate() {
        conn.execute(
            "INSERT INTO sheet_products (sheet_id, product_id, position) VALUES (?1, ?2, ?3)",
            params![id, product, position as i64],
        )?;
    }
    // Scores and texts of products taken off the sheet go with them.
    conn.execute(
        "DELETE FROM assessment_scores WHERE assessment_id IN (SELECT id FROM assessments WHERE sheet_id = ?1)
            AND product_id NOT IN (SELECT product_id FROM sheet_products WHERE sheet_id = ?1)
            AND product_id <> (SELECT our_product_id FROM sheets WHERE id = ?1)",
        [&id],
    )?;
    conn.execute(
        "DELETE FROM assessment_texts WHERE assessment_id IN (SELECT id FROM assessments WHERE sheet_id = ?1)
            AND product_id NOT IN (SELECT product_id FROM sheet_products WHERE sheet_id = ?1)",
        [&id],
    )?;
    sheet(conn, &id)
}

pub fn sheet(conn: &Connection, id: &str) -> Result<Sheet, CompetitionError> {
    let missing = || CompetitionError::SheetNotFound { id: id.to_owned() };
    check_id(id).map_err(|_| missing())?;
    let (version, title, category, our_product_id): (i32, String, String, String) = conn
        .prepare_cached(
            "SELECT version, title, category, our_product_id FROM sheets WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(missing)?;
    let competitor_product_ids = conn
        .prepare_cached(
            "SELECT product_id FROM sheet_products WHERE sheet_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Sheet {
        id: id.into(),
        version,
        fields: SheetFields {
            title,
            category,
            our_product_id: our_product_id.into(),
            competitor_product_ids,
        },
    })
}

pub fn delete(conn: &Connection, id: &str) -> Result<(), CompetitionError> {
    sheet(conn, id)?;
    conn.execute("DELETE FROM sheets WHERE id = ?1", [id])?;
    Ok(())
}

const SUMMARY: &str =
    "s.id, s.title, s.category, (SELECT name FROM products WHERE id = s.our_product_id),
    (SELECT count(*) FROM sheet_products sp WHERE sp.sheet_id = s.id),
    (SELECT max(assessed_on) FROM assessments a WHERE a.sheet_id = s.id)";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SheetSummary> {
    Ok(SheetSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        category: r.get(2)?,
        our_product: r.get(3)?,
        competitor_products: r.get(4)?,
        assessed_on: r.get(5)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<SheetSummary>, CompetitionError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY} FROM sheets s ORDER BY s.category, s.title, s.id"
        ))?
        .query_map([], summary_row)?
        .collect::<Result<_, _>>()?)
}

/// Sheets on which any of the customer's products appear.
pub fn for_card(conn: &Connection, card_id: &str) -> Result<Vec<SheetSummary>, CompetitionError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY} FROM sheets s WHERE s.id IN (
                SELECT sp.sheet_id FROM sheet_products sp JOIN card_products cp ON cp.product_id = sp.product_id
                WHERE cp.card_id = ?1
                UNION SELECT s2.id FROM sheets s2 JOIN card_products cp ON cp.product_id = s2.our_product_id
                WHERE cp.card_id = ?1)
             ORDER BY s.category, s.title, s.id"
        ))?
        .query_map([card_id], summary_row)?
        .collect::<Result<_, _>>()?)
}

fn sheet_products(conn: &Connection, sheet: &Sheet) -> Result<Vec<Product>, CompetitionError> {
    let mut products = vec![product(conn, &sheet.fields.our_product_id)?];
    for id in &sheet.fields.competitor_product_ids {
        products.push(product(conn, id)?);
    }
    Ok(products)
}

pub fn view(conn: &Connection, id: &str) -> Result<SheetView, CompetitionError> {
    let sheet = sheet(conn, id)?;
    let products = sheet_products(conn, &sheet)?;
    let ids: Vec<String> = conn
        .prepare_cached("SELECT id FROM assessments WHERE sheet_id = ?1 ORDER BY assessed_on DESC")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let assessments = ids
        .iter()
        .map(|a| assessment(conn, a, &products))
        .collect::<Result<_, _>>()?;
    Ok(SheetView {
        sheet,
        products,
        assessments,
    })
}

fn assessment(
    conn: &Connection,
    id: &str,
    products: &[Product],
) -> Result<Assessment, CompetitionError> {
    let missing = || CompetitionError::AssessmentNotFound { id: id.to_owned() };
    let (sheet_id, assessed_on, scale, actor): (String, String, i32, String) = conn
        .prepare_cached(
            "SELECT sheet_id, assessed_on, scale, actor FROM assessments WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .ok_or_else(missing)?;
    let criteria: Vec<Criterion> = conn
        .prepare_cached(
            "SELECT name, weight FROM assessment_criteria WHERE assessment_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Criterion {
                name: r.get(0)?,
                weight: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut scores = Vec::new();
    let mut read = conn.prepare_cached(
        "SELECT position, score FROM assessment_scores WHERE assessment_id = ?1 AND product_id = ?2",
    )?;
    for product in products {
        let mut row = vec![None; criteria.len()];
        for cell in read.query_map(params![id, product.id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i32>(1)?))
        })? {
            let (position, score) = cell?;
            if let Some(slot) = usize::try_from(position).ok().and_then(|p| row.get_mut(p)) {
                *slot = Some(score);
            }
        }
        scores.push(ProductScores {
            product_id: product.id.clone(),
            scores: row,
        });
    }
    let mut texts = Vec::new();
    let mut read = conn.prepare_cached(
        "SELECT strengths, weaknesses FROM assessment_texts WHERE assessment_id = ?1 AND product_id = ?2",
    )?;
    for product in products.iter().skip(1) {
        let (strengths, weaknesses) = read
            .query_row(params![id, product.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or_default();
        texts.push(VersusText {
            product_id: product.id.clone(),
            strengths,
            weaknesses,
        });
    }
    let totals = scoring::totals(&criteria, &scores, scale);
    Ok(Assessment {
        id: id.into(),
        sheet_id: sheet_id.into(),
        actor,
        fields: AssessmentFields {
            assessed_on,
            scale,
            criteria,
            scores,
            texts,
        },
        totals,
    })
}

/// Saves the sheet's assessment of `fields.assessed_on`: a new dated one, or that day's again.
/// Earlier days are kept as they were.
pub fn assess(
    conn: &Connection,
    sheet_id: &str,
    input: &AssessmentFields,
    edit: &Edit<'_>,
) -> Result<Assessment, CompetitionError> {
    let sheet = sheet(conn, sheet_id)?;
    let products = sheet_products(conn, &sheet)?;
    let ids: Vec<crate::ids::ProductId> = products.iter().map(|p| p.id.clone()).collect();
    let f = validate::assessment(input, &ids).map_err(CompetitionError::Invalid)?;
    let existing: Option<String> = conn
        .prepare_cached("SELECT id FROM assessments WHERE sheet_id = ?1 AND assessed_on = ?2")?
        .query_row(params![sheet_id, f.assessed_on], |r| r.get(0))
        .optional()?;
    let id = match existing {
        Some(id) => {
            conn.execute(
                "UPDATE assessments SET scale = ?2, actor = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, f.scale, edit.actor, edit.at],
            )?;
            for table in [
                "assessment_criteria",
                "assessment_scores",
                "assessment_texts",
            ] {
                conn.execute(
                    &format!("DELETE FROM {table} WHERE assessment_id = ?1"),
                    [&id],
                )?;
            }
            id
        }
        None => {
            let id = new_id();
            conn.execute(
                "INSERT INTO assessments (id, sheet_id, assessed_on, scale, actor, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, sheet_id, f.assessed_on, f.scale, edit.actor, edit.at],
            )?;
            id
        }
    };
    for (position, c) in f.criteria.iter().enumerate() {
        conn.execute(
            "INSERT INTO assessment_criteria (assessment_id, position, name, weight) VALUES (?1, ?2, ?3, ?4)",
            params![id, position as i64, c.name, c.weight],
        )?;
    }
    for product in &f.scores {
        for (position, score) in product.scores.iter().enumerate() {
            if let Some(score) = score {
                conn.execute(
                    "INSERT INTO assessment_scores (assessment_id, product_id, position, score) VALUES (?1, ?2, ?3, ?4)",
                    params![id, product.product_id, position as i64, score],
                )?;
            }
        }
    }
    for text in f
        .texts
        .iter()
        .filter(|t| !t.strengths.is_empty() || !t.weaknesses.is_empty())
    {
        conn.execute(
            "INSERT INTO assessment_texts (assessment_id, product_id, strengths, weaknesses) VALUES (?1, ?2, ?3, ?4)",
            params![id, text.product_id, text.strengths, text.weaknesses],
        )?;
    }
    conn.execute(
        "UPDATE sheets SET updated_at = ?2 WHERE id = ?1",
        params![sheet_id, edit.at],
    )?;
    assessment(conn, &id, &products)
}

pub fn delete_assessment(conn: &Connection, id: &str) -> Result<(), CompetitionError> {
    let deleted = conn.execute("DELETE FROM assessments WHERE id = ?1", [id])?;
    if deleted == 0 {
        return Err(CompetitionError::AssessmentNotFound { id: id.to_owned() });
    }
    Ok(())
}

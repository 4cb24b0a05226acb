//! Competitor and product rows. Functions expect to run inside the caller's transaction.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::card::history::{self, Stamp};
use crate::card::store::{check_id, new_id, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::error::CompetitionError;

use super::model::{Competitor, CompetitorFields, Product, ProductFields, ProductUsage};
use super::validate;

fn checked(id: &str, missing: impl Fn() -> CompetitionError) -> Result<(), CompetitionError> {
    check_id(id).map_err(|_| missing())
}

pub fn save_competitor(
    conn: &Connection,
    id: Option<(&str, i32)>,
    input: &CompetitorFields,
    edit: &Edit<'_>,
) -> Result<Competitor, CompetitionError> {
    let f = validate::competitor(input).map_err(CompetitionError::Invalid)?;
    let id = match id {
        Some((id, version)) => {
            let old = competitor(conn, id)?;
            if old.version != version {
                return Err(CompetitionError::Stale { id: id.to_owned() });
            }
            id.to_owned()
        }
        None => {
            let id = new_id();
            conn.execute(
                "INSERT INTO competitors (id, name, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?3, 0)",
                params![id, f.name, edit.at],
            )?;
            id
        }
    };
    conn.execute(
        "UPDATE competitors SET name = ?2, reading = ?3, website = ?4, strengths = ?5, weaknesses = ?6,
            notes = ?7, updated_at = ?8, version = version + 1 WHERE id = ?1",
        params![id, f.name, f.reading, f.website, f.strengths, f.weaknesses, f.notes, edit.at],
    )?;
    competitor(conn, &id)
}

pub fn competitor(conn: &Connection, id: &str) -> Result<Competitor, CompetitionError> {
    let missing = || CompetitionError::CompetitorNotFound { id: id.to_owned() };
    checked(id, missing)?;
    conn.prepare_cached(&format!(
        "SELECT {COMPETITOR} FROM competitors c WHERE c.id = ?1"
    ))?
    .query_row([id], competitor_row)
    .optional()?
    .ok_or_else(missing)
}

/// Every competitor, by reading or name.
pub fn competitors(conn: &Connection) -> Result<Vec<Competitor>, CompetitionError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COMPETITOR} FROM competitors c ORDER BY coalesce(nullif(c.reading, ''), c.name), c.id"
        ))?
        .query_map([], competitor_row)?
        .collect::<Result<_, _>>()?)
}

const COMPETITOR: &str =
    "c.id, c.version, c.name, c.reading, c.website, c.strengths, c.weaknesses, c.notes,
    (SELECT count(*) FROM products p WHERE p.competitor_id = c.id)";

fn competitor_row(r: &Row<'_>) -> rusqlite::Result<Competitor> {
    Ok(Competitor {
        id: r.get(0)?,
        version: r.get(1)?,
        fields: CompetitorFields {
            name: r.get(2)?,
            reading: r.get(3)?,
            website: r.get(4)?,
            strengths: r.get(5)?,
            weaknesses: r.get(6)?,
            notes: r.get(7)?,
        },
        products: r.get(8)?,
    })
}

/// Deletes a competitor with its products (see [`delete_product`]); notes about it stay.
pub fn delete_competitor(
    conn: &Connection,
    id: &str,
    edit: &Edit<'_>,
) -> Result<(), CompetitionError> {
    competitor(conn, id)?;
    let products: Vec<String> = conn
        .prepare("SELECT id FROM products WHERE competitor_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for product in products {
        delete_product(conn, &product, edit)?;
    }
    conn.execute("DELETE FROM competitors WHERE id = ?1", [id])?;
    Ok(())
}

pub fn save_product(
    conn: &Connection,
    id: Option<(&str, i32)>,
    input: &ProductFields,
    edit: &Edit<'_>,
) -> Result<Product, CompetitionError> {
    let f = validate::product(input).map_err(CompetitionError::Invalid)?;
    if let Some(maker) = &f.competitor_id {
        competitor(conn, maker)
            .map_err(|_| CompetitionError::invalid("competitor_id", "unknown"))?;
    }
    let id = match id {
        Some((id, version)) => {
            let old = product(conn, id)?;
            if old.version != version {
                return Err(CompetitionError::Stale { id: id.to_owned() });
            }
            // Ours stays ours: sheets are built on that distinction.
            if old.fields.competitor_id.is_none() != f.competitor_id.is_none() {
                return Err(CompetitionError::invalid("competitor_id", "maker_fixed"));
            }
            id.to_owned()
        }
        None => {
            let id = new_id();
            conn.execute(
                "INSERT INTO products (id, name, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?3, 0)",
                params![id, f.name, edit.at],
            )?;
            id
        }
    };
    conn.execute(
        "UPDATE products SET competitor_id = ?2, name = ?3, category = ?4, price_min = ?5, price_max = ?6,
            features = ?7, selling_points = ?8, notes = ?9, updated_at = ?10, unit_cost = ?11, version = version + 1
         WHERE id = ?1",
        params![
            id,
            f.competitor_id,
            f.name,
            f.category,
            f.price_min,
            f.price_max,
            f.features,
            f.selling_points,
            f.notes,
            edit.at,
            f.unit_cost
        ],
    )?;
    product(conn, &id)
}

pub const PRODUCT: &str = "p.id, p.version, p.competitor_id, p.name, p.category, p.price_min, p.price_max,
    p.features, p.selling_points, p.notes, coalesce((SELECT name FROM competitors m WHERE m.id = p.competitor_id), ''),
    p.unit_cost";

pub fn product_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    product_at(r, 0)
}

/// A product whose columns (those of [`PRODUCT`]) start at `offset` of the row.
pub fn product_at(r: &Row<'_>, offset: usize) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(offset)?,
        version: r.get(offset + 1)?,
        fields: ProductFields {
            competitor_id: r.get(offset + 2)?,
            name: r.get(offset + 3)?,
            category: r.get(offset + 4)?,
            price_min: r.get(offset + 5)?,
            price_max: r.get(offset + 6)?,
            unit_cost: r.get(offset + 11)?,
            features: r.get(offset + 7)?,
            selling_points: r.get(offset + 8)?,
            notes: r.get(offset + 9)?,
        },
        maker: r.get(offset + 10)?,
    })
}

pub fn product(conn: &Connection, id: &str) -> Result<Product, CompetitionError> {
    let missing = || CompetitionError::ProductNotFound { id: id.to_owned() };
    checked(id, missing)?;
    conn.prepare_cached(&format!("SELECT {PRODUCT} FROM products p WHERE p.id = ?1"))?
        .query_row([id], product_row)
        .optional()?
        .ok_or_else(missing)
}

/// The catalogue: ours first, then by maker, category and name.
pub fn products(conn: &Connection) -> Result<Vec<Product>, CompetitionError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {PRODUCT} FROM products p LEFT JOIN competitors c ON c.id = p.competitor_id
             ORDER BY p.competitor_id IS NOT NULL, coalesce(nullif(c.reading, ''), c.name), p.category, p.name, p.id"
        ))?
        .query_map([], product_row)?
        .collect::<Result<_, _>>()?)
}

/// Sheets where the product is ours or the last competitor product go with it; the others lose it.
fn sheets_deleted_with(conn: &Connection, id: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare(
        "SELECT s.id FROM sheets s WHERE s.our_product_id = ?1
            OR (EXISTS (SELECT 1 FROM sheet_products sp WHERE sp.sheet_id = s.id AND sp.product_id = ?1)
                AND (SELECT count(*) FROM sheet_products sp WHERE sp.sheet_id = s.id) = 1)",
    )?
    .query_map([id], |r| r.get(0))?
    .collect()
}

pub fn usage(conn: &Connection, id: &str) -> Result<ProductUsage, CompetitionError> {
    product(conn, id)?;
    let count = |sql: &str| -> rusqlite::Result<u32> { conn.query_row(sql, [id], |r| r.get(0)) };
    let deleted = sheets_deleted_with(conn, id)?.len() as u32;
    let on_sheets = count("SELECT count(*) FROM sheet_products WHERE product_id = ?1")?
        + count("SELECT count(*) FROM sheets WHERE our_product_id = ?1")?;
    Ok(ProductUsage {
        sheets_losing_it: on_sheets.saturating_sub(deleted),
        sheets_deleted: deleted,
        customers: count("SELECT count(*) FROM card_products WHERE product_id = ?1")?,
        cases: count("SELECT count(*) FROM case_studies WHERE product_id = ?1")?,
    })
}

/// Deletes a product and everything that points at it, in the caller's transaction: sheets that
/// would be left without it as their own product or without any competitor product, its scores and
/// texts, its use at customers (recorded in each card's history); case studies keep their text.
pub fn delete_product(
    conn: &Connection,
    id: &str,
    edit: &Edit<'_>,
) -> Result<(), CompetitionError> {
    let gone = product(conn, id)?;
    for sheet in sheets_deleted_with(conn, id)? {
        conn.execute("DELETE FROM sheets WHERE id = ?1", [sheet])?;
    }
    let uses: Vec<(String, String)> = conn
        .prepare("SELECT id, card_id FROM card_products WHERE product_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (use_id, card_id) in &uses {
        let stamp = Stamp {
            card_id,
            at: edit.at,
            actor: edit.actor,
            entity: HistoryEntity::ProductUse,
            entity_id: use_id,
            entity_label: &gone.fields.name,
        };
        history::record(
            conn,
            &stamp,
            HistoryAction::Deleted,
            "",
            Some(&gone.fields.name),
            None,
        )?;
    }
    conn.execute("DELETE FROM products WHERE id = ?1", [id])?;
    Ok(())
}

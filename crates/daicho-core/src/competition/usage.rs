//! What each customer uses, our share there, and competitors' renewals coming up. Changes are
//! card changes: each is recorded in the card's history.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::card::history::{self, Stamp};
use crate::card::store::{check_id, ensure_editable, new_id, Edit};
use crate::card::{HistoryAction, HistoryEntity};
use crate::error::{CompetitionError, FieldIssue};

use super::model::{CardProduct, CardProductFields, CategoryShare, Renewal};
use super::store::{product, product_at, PRODUCT};
use super::validate;

fn stamp<'a>(
    card_id: &'a str,
    id: &'a str,
    label: &'a str,
    edit: &Edit<'a>,
    entity: HistoryEntity,
) -> Stamp<'a> {
    Stamp {
        card_id,
        at: edit.at,
        actor: edit.actor,
        entity,
        entity_id: id,
        entity_label: label,
    }
}

pub fn load(conn: &Connection, id: &str) -> Result<CardProduct, CompetitionError> {
    let missing = || CompetitionError::UsageNotFound { id: id.to_owned() };
    check_id(id).map_err(|_| missing())?;
    conn.prepare_cached(&format!(
        "SELECT cp.id, cp.card_id, cp.product_id, cp.since, cp.volume, cp.satisfaction, cp.renewal_on, cp.notes, {PRODUCT}
         FROM card_products cp JOIN products p ON p.id = cp.product_id WHERE cp.id = ?1"
    ))?
    .query_row([id], row)
    .optional()?
    .ok_or_else(missing)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CardProduct> {
    Ok(CardProduct {
        id: r.get(0)?,
        card_id: r.get(1)?,
        fields: CardProductFields {
            product_id: r.get(2)?,
            since: r.get(3)?,
            volume: r.get(4)?,
            satisfaction: r.get(5)?,
            renewal_on: r.get(6)?,
            notes: r.get(7)?,
        },
        // The product's columns follow the usage's eight.
        product: product_at(r, 8)?,
    })
}

/// The products a customer uses: competitors' first, then ours; by category and name.
pub fn for_card(conn: &Connection, card_id: &str) -> Result<Vec<CardProduct>, CompetitionError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT cp.id, cp.card_id, cp.product_id, cp.since, cp.volume, cp.satisfaction, cp.renewal_on, cp.notes, {PRODUCT}
             FROM card_products cp JOIN products p ON p.id = cp.product_id WHERE cp.card_id = ?1
             ORDER BY p.competitor_id IS NULL, p.category, p.name"
        ))?
        .query_map([card_id], row)?
        .collect::<Result<_, _>>()?)
}

/// Most users a competitor's page lists (the least satisfied first).
pub const MAX_USERS: u32 = 500;

/// The live customers using `competitor_id`'s products, the least satisfied first (the ones to
/// win over), then by renewal; with how many there are in all.
pub fn users_of(
    conn: &Connection,
    competitor_id: &str,
) -> Result<(Vec<super::model::ProductUser>, u32), CompetitionError> {
    let from = "FROM card_products cp JOIN products p ON p.id = cp.product_id
        JOIN cards c ON c.id = cp.card_id
        WHERE p.competitor_id = ?1 AND c.deleted_at IS NULL";
    let total: u32 = conn
        .prepare_cached(&format!("SELECT count(*) {from}"))?
        .query_row([competitor_id], |r| r.get(0))?;
    let users = conn
        .prepare_cached(&format!(
            "SELECT c.id, c.name, c.owner, p.name, cp.since, cp.satisfaction, cp.renewal_on, cp.notes {from}
             ORDER BY cp.satisfaction IS NULL, cp.satisfaction, cp.renewal_on IS NULL, cp.renewal_on, c.sort_key, c.id
             LIMIT {MAX_USERS}"
        ))?
        .query_map([competitor_id], |r| {
            Ok(super::model::ProductUser {
                card_id: r.get(0)?,
                card_name: r.get(1)?,
                owner: r.get(2)?,
                product_name: r.get(3)?,
                since: r.get(4)?,
                satisfaction: r.get(5)?,
                renewal_on: r.get(6)?,
                notes: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((users, total))
}

/// Records (or, with `id`, changes) a product the customer uses.
pub fn save(
    conn: &Connection,
    card_id: &str,
    id: Option<&str>,
    input: &CardProductFields,
    edit: &Edit<'_>,
) -> Result<CardProduct, CompetitionError> {
    ensure_editable(conn, card_id)?;
    let f = validate::card_product(input).map_err(CompetitionError::Invalid)?;
    let used = product(conn, &f.product_id)
        .map_err(|_| CompetitionError::invalid("product_id", "required"))?;
    let taken: Option<String> = conn
        .prepare_cached("SELECT id FROM card_products WHERE card_id = ?1 AND product_id = ?2")?
        .query_row(params![card_id, f.product_id], |r| r.get(0))
        .optional()?;
    if taken.is_some() && taken.as_deref() != id {
        return Err(CompetitionError::invalid("product_id", "duplicate"));
    }
    let label = used.fields.name.clone();
    let (id, old) = match id {
        Some(id) => {
            let old = load(conn, id)?;
            if old.card_id != card_id {
                return Err(CompetitionError::UsageNotFound { id: id.to_owned() });
            }
            (id.to_owned(), Some(old))
        }
        None => {
            let id = new_id();
            conn.execute(
                "INSERT INTO card_products (id, card_id, product_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, card_id, f.product_id, edit.at],
            )?;
            (id, None)
        }
    };
    let stamp = stamp(card_id, &id, &label, edit, HistoryEntity::ProductUse);
    match &old {
        Some(old) if old.fields == f => return Ok(old.clone()),
        Some(old) => {
            // History names the product, not its id.
            let named = |fields: &CardProductFields, name: &str| CardProductFields {
                product_id: name.into(),
                ..fields.clone()
            };
            let (before, after) = (
                named(&old.fields, &old.product.fields.name),
                named(&f, &label),
            );
            history::record_changes(conn, &stamp, &before, &after)?;
        }
        None => history::record(conn, &stamp, HistoryAction::Created, "", None, Some(&label))?,
    }
    conn.execute(
        "UPDATE card_products SET product_id = ?2, since = ?3, volume = ?4, satisfaction = ?5, renewal_on = ?6,
            notes = ?7, updated_at = ?8 WHERE id = ?1",
        params![id, f.product_id, f.since, f.volume, f.satisfaction, f.renewal_on, f.notes, edit.at],
    )?;
    load(conn, &id)
}

pub fn delete(conn: &Connection, id: &str, edit: &Edit<'_>) -> Result<(), CompetitionError> {
    let old = load(conn, id)?;
    ensure_editable(conn, &old.card_id)?;
    conn.execute("DELETE FROM card_products WHERE id = ?1", [id])?;
    let stamp = stamp(
        &old.card_id,
        id,
        &old.product.fields.name,
        edit,
        HistoryEntity::ProductUse,
    );
    history::record(
        conn,
        &stamp,
        HistoryAction::Deleted,
        "",
        Some(&old.product.fields.name),
        None,
    )?;
    Ok(())
}

/// Our share per category at the customer: from the recorded volumes, and as entered.
pub fn shares(conn: &Connection, card_id: &str) -> Result<Vec<CategoryShare>, CompetitionError> {
    let mut by_category: BTreeMap<String, CategoryShare> = BTreeMap::new();
    let empty = |category: &str| CategoryShare {
        category: category.to_owned(),
        our_volume: 0,
        total_volume: 0,
        derived_percent: None,
        entered_percent: None,
    };
    let mut read = conn.prepare_cached(
        "SELECT p.category, p.competitor_id IS NULL, coalesce(cp.volume, 0)
         FROM card_products cp JOIN products p ON p.id = cp.product_id WHERE cp.card_id = ?1",
    )?;
    for item in read.query_map([card_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (category, ours, volume) = item?;
        let share = by_category
            .entry(category.clone())
            .or_insert_with(|| empty(&category));
        share.total_volume += volume;
        if ours {
            share.our_volume += volume;
        }
    }
    let mut entered =
        conn.prepare_cached("SELECT category, percent FROM card_shares WHERE card_id = ?1")?;
    for item in entered.query_map([card_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)?))
    })? {
        let (category, percent) = item?;
        by_category
            .entry(category.clone())
            .or_insert_with(|| empty(&category))
            .entered_percent = Some(percent);
    }
    Ok(by_category
        .into_values()
        .map(|mut s| {
            if s.total_volume > 0 {
                let percent = s.our_volume as f64 / s.total_volume as f64 * 100.0;
                s.derived_percent = Some((percent * 10.0).round() / 10.0);
            }
            s
        })
        .collect())
}

/// Enters our share in a category (`None` clears it, so the derived one shows again).
pub fn set_share(
    conn: &Connection,
    card_id: &str,
    category: &str,
    percent: Option<i32>,
    edit: &Edit<'_>,
) -> Result<Vec<CategoryShare>, CompetitionError> {
    ensure_editable(conn, card_id)?;
    let category = category.trim();
    if let Some(p) = percent {
        if !(0..=100).contains(&p) {
            return Err(CompetitionError::Invalid(vec![FieldIssue::with_limit(
                "percent",
                "out_of_range",
                100,
            )]));
        }
    }
    let old: Option<i32> = conn
        .prepare_cached("SELECT percent FROM card_shares WHERE card_id = ?1 AND category = ?2")?
        .query_row(params![card_id, category], |r| r.get(0))
        .optional()?;
    if old != percent {
        match percent {
            Some(p) => conn.execute(
                "INSERT INTO card_shares (card_id, category, percent) VALUES (?1, ?2, ?3)
                 ON CONFLICT (card_id, category) DO UPDATE SET percent = excluded.percent",
                params![card_id, category, p],
            )?,
            None => conn.execute(
                "DELETE FROM card_shares WHERE card_id = ?1 AND category = ?2",
                params![card_id, category],
            )?,
        };
        let stamp = stamp(card_id, category, category, edit, HistoryEntity::Share);
        let (old, new) = (old.map(|p| p.to_string()), percent.map(|p| p.to_string()));
        history::record(
            conn,
            &stamp,
            HistoryAction::Changed,
            "percent",
            old.as_deref(),
            new.as_deref(),
        )?;
    }
    shares(conn, card_id)
}

/// Competitors' contracts at live customers renewing from `today` up to `horizon_days` ahead.
pub fn renewals(
    conn: &Connection,
    today: NaiveDate,
    horizon_days: u32,
) -> Result<Vec<Renewal>, CompetitionError> {
    let until = today + chrono::Duration::days(i64::from(horizon_days));
    let mut read = conn.prepare_cached(
        "SELECT cp.id, c.id, c.name, p.name, coalesce(m.name, ''), cp.renewal_on
         FROM card_products cp INDEXED BY card_products_renewal
         JOIN cards c ON c.id = cp.card_id JOIN products p ON p.id = cp.product_id
         JOIN competitors m ON m.id = p.competitor_id
         WHERE cp.renewal_on IS NOT NULL AND cp.renewal_on BETWEEN ?1 AND ?2 AND c.deleted_at IS NULL
         ORDER BY cp.renewal_on, c.sort_key",
    )?;
    let rows = read.query_map(
        params![
            today.format("%Y-%m-%d").to_string(),
            until.format("%Y-%m-%d").to_string()
        ],
        |r| {
            let on: String = r.get(5)?;
            let days = NaiveDate::parse_from_str(&on, "%Y-%m-%d")
                .map(|d| (d - today).num_days() as i32)
                .unwrap_or(0);
            Ok(Renewal {
                card_product_id: r.get(0)?,
                card_id: r.get(1)?,
                card_name: r.get(2)?,
                product_name: r.get(3)?,
                maker: r.get(4)?,
                renewal_on: on,
                days_until: days,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

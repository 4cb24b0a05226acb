//! A card's links as its page shows them: both directions, the referral chain, and the whole
//! group or household with its sales rolled up over twelve months.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};

use crate::card::{CardKind, CardStatus};

use super::store::{get, up};
use super::{CardLinkKind, CardLinks, GroupMember, GroupSales, LinkedCard, MAX_DEPTH};

fn linked(conn: &Connection, card_id: &str, note: String) -> rusqlite::Result<LinkedCard> {
    conn.prepare_cached(
        "SELECT id, code, name, kind, status, deleted_at IS NOT NULL FROM cards WHERE id = ?1",
    )?
    .query_row([card_id], |r| {
        Ok(LinkedCard {
            card_id: r.get(0)?,
            code: r.get(1)?,
            name: r.get(2)?,
            kind: CardKind::parse(&r.get::<_, String>(3)?).unwrap_or(CardKind::Organisation),
            status: CardStatus::parse(&r.get::<_, String>(4)?).unwrap_or(CardStatus::Prospect),
            in_trash: r.get(5)?,
            note,
        })
    })
}

/// The cards whose link of `kind` points at `card_id`, by name, with their notes.
fn below(
    conn: &Connection,
    card_id: &str,
    kind: CardLinkKind,
) -> rusqlite::Result<Vec<LinkedCard>> {
    let pairs: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT l.card_id, l.note FROM card_links l JOIN cards c ON c.id = l.card_id
             WHERE l.other_id = ?1 AND l.kind = ?2
             ORDER BY coalesce(nullif(c.sort_key, ''), c.name), c.id",
        )?
        .query_map(params![card_id, kind.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    pairs
        .into_iter()
        .map(|(id, note)| linked(conn, &id, note))
        .collect()
}

/// Every card down the links of `kind` from `head`, each with its depth (the head first, at 0),
/// at most [`MAX_DEPTH`] steps down.
fn tree(conn: &Connection, head: &str, kind: CardLinkKind) -> rusqlite::Result<Vec<(String, u32)>> {
    conn.prepare_cached(
        "WITH RECURSIVE down (id, depth) AS (
            SELECT ?1, 0
            UNION
            SELECT l.card_id, down.depth + 1 FROM card_links l JOIN down ON l.other_id = down.id
            WHERE l.kind = ?2 AND down.depth < ?3
         )
         SELECT id, min(depth) FROM down GROUP BY id ORDER BY min(depth), id",
    )?
    .query_map(params![head, kind.as_str(), MAX_DEPTH], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?
    .collect()
}

/// The first day of the month eleven months before `today`'s: twelve months with this one.
fn twelve_months_from(today: NaiveDate) -> NaiveDate {
    let months = today.year() * 12 + today.month0() as i32 - 11;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(today)
}

/// The group or household `card_id` belongs to, or none when it has neither a head nor members.
fn group(
    conn: &Connection,
    card_id: &str,
    kind: CardLinkKind,
    today: NaiveDate,
) -> rusqlite::Result<Option<GroupSales>> {
    let head = up(conn, card_id, kind)?
        .pop()
        .unwrap_or_else(|| card_id.to_owned());
    let ids = tree(conn, &head, kind)?;
    if ids.len() < 2 {
        return Ok(None);
    }
    let from = twelve_months_from(today).format("%Y-%m-%d").to_string();
    let mut amount = conn.prepare_cached(
        "SELECT coalesce(sum(CASE kind WHEN 'sale' THEN amount ELSE -amount END), 0)
         FROM transactions WHERE card_id = ?1 AND dated_on >= ?2",
    )?;
    let mut members = Vec::with_capacity(ids.len());
    for (id, depth) in ids {
        let note = get(conn, &id, kind)?.map(|(_, n)| n).unwrap_or_default();
        members.push(GroupMember {
            amount: amount.query_row(params![id, from], |r| r.get(0))?,
            card: linked(conn, &id, note)?,
            depth,
        });
    }
    Ok(Some(GroupSales {
        kind,
        total: members.iter().map(|m| m.amount).sum(),
        from,
        members,
    }))
}

pub fn card_links(
    conn: &Connection,
    card_id: &str,
    today: NaiveDate,
) -> rusqlite::Result<CardLinks> {
    let one = |kind: CardLinkKind| -> rusqlite::Result<Option<LinkedCard>> {
        get(conn, card_id, kind)?
            .map(|(other, note)| linked(conn, &other, note))
            .transpose()
    };
    let chain = up(conn, card_id, CardLinkKind::ReferredBy)?
        .into_iter()
        .map(|id| linked(conn, &id, String::new()))
        .collect::<rusqlite::Result<_>>()?;
    let referred_in_all = tree(conn, card_id, CardLinkKind::ReferredBy)?.len() as u32 - 1;
    Ok(CardLinks {
        referred_by: one(CardLinkKind::ReferredBy)?,
        branch_of: one(CardLinkKind::BranchOf)?,
        household_of: one(CardLinkKind::HouseholdOf)?,
        referral_chain: chain,
        referred: below(conn, card_id, CardLinkKind::ReferredBy)?,
        referred_in_all,
        group: group(conn, card_id, CardLinkKind::BranchOf, today)?,
        household: group(conn, card_id, CardLinkKind::HouseholdOf, today)?,
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    #[test]
    fn twelve_months_run_to_this_month_across_a_new_year() {
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(super::twelve_months_from(on(2026, 12, 7)), on(2026, 1, 1));
        assert_eq!(super::twelve_months_from(on(2026, 3, 31)), on(2025, 4, 1));
    }
}

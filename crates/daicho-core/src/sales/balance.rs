//! Sales against collections (000 ⑨ 販売・入金のバランス): month by month over the last twelve,
//! what was sold, what came in, what was owed at the start, and the collection rate
//! (回収率: collected ÷ (owed at the start + sold in the month)), as a manager reads it.
//! Each payment counts in the month it came in, so a sale paid in parts is collected over
//! several months.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// One month of sales and collections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CollectionMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Owed at the start of the month.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub opening: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub sold: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub collected: i64,
    /// Collected against what was owed at the start plus what was sold, in percent; none when
    /// nothing was owed or sold.
    pub rate_percent: Option<i32>,
}

/// Months shown: the one today is in and the eleven before.
pub const MONTHS: u32 = 12;

/// The twelve months to today's, oldest first, for live cards (one owner's when given).
pub fn months(
    conn: &Connection,
    today: NaiveDate,
    owner: Option<&str>,
) -> rusqlite::Result<Vec<CollectionMonth>> {
    let this = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let first = this
        .checked_sub_months(Months::new(MONTHS - 1))
        .unwrap_or(this);
    let first_text = first.format("%Y-%m-%d").to_string();
    let (mut sold, mut collected) = (vec![0i64; MONTHS as usize], vec![0i64; MONTHS as usize]);
    let slot = |day: &str| -> Option<usize> {
        let d = NaiveDate::parse_from_str(day.get(..10)?, "%Y-%m-%d").ok()?;
        let n = (d.year() - first.year()) * 12 + d.month() as i32 - first.month() as i32;
        usize::try_from(n).ok().filter(|n| *n < MONTHS as usize)
    };
    let mut opening = 0i64;
    // Sales that count: sold in the window, still owed, or paid in the window; the others were
    // sold and paid in full before it and add nothing.
    const COUNTED: &str = "t.kind = 'sale' AND (?1 IS NULL OR c.owner = ?1)
           AND (t.dated_on >= ?2 OR t.paid_amount < t.amount OR t.paid_on >= ?2)";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.dated_on, t.amount
         FROM transactions t JOIN cards c ON c.id = t.card_id AND c.deleted_at IS NULL
         WHERE {COUNTED}"
    ))?;
    let mut rows = stmt.query(params![owner, first_text])?;
    while let Some(r) = rows.next()? {
        let dated: String = r.get(0)?;
        let amount: i64 = r.get(1)?;
        match slot(&dated) {
            Some(at) => sold[at] += amount,
            None if dated < first_text => opening += amount,
            None => {}
        }
    }
    // Each payment in the month it came in: a sale paid in parts counts in several.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.paid_on, p.amount
         FROM payments p JOIN transactions t ON t.id = p.transaction_id
              JOIN cards c ON c.id = t.card_id AND c.deleted_at IS NULL
         WHERE {COUNTED}"
    ))?;
    let mut rows = stmt.query(params![owner, first_text])?;
    while let Some(r) = rows.next()? {
        let on: String = r.get(0)?;
        let paid: i64 = r.get(1)?;
        match slot(&on) {
            Some(at) => collected[at] += paid,
            None if on < first_text => opening -= paid,
            None => {}
        }
    }
    let mut out = Vec::with_capacity(MONTHS as usize);
    for i in 0..MONTHS as usize {
        let month = first
            .checked_add_months(Months::new(i as u32))
            .unwrap_or(first)
            .format("%Y-%m")
            .to_string();
        let due = opening + sold[i];
        out.push(CollectionMonth {
            month,
            opening,
            sold: sold[i],
            collected: collected[i],
            rate_percent: (due > 0)
                .then(|| i32::try_from(collected[i].saturating_mul(100) / due).unwrap_or(i32::MAX)),
        });
        opening = due - collected[i];
    }
    Ok(out)
}

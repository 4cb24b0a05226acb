//! A customer's trading habits (000 ④ 取引習慣, 003 주문 빈도), read from their own sales: what
//! they bought month by month over two years, and how often they order, so that an order that
//! is late by their own rhythm shows before the rep notices the silence.

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// One month's net purchases (returns subtracted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MonthAmount {
    /// `YYYY-MM`.
    pub month: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TradingHabits {
    /// The 24 months to this one, oldest first, months without purchases included.
    pub months: Vec<MonthAmount>,
    /// Days the customer ordered on, over the two years.
    pub order_days: u32,
    /// The usual days between two orders (the median), from three orders on.
    pub usual_interval: Option<u32>,
    pub days_since_last: Option<u32>,
    /// The next order is this many days later than the usual interval allows (half as long
    /// again); none while it is not late.
    pub late_by: Option<u32>,
}

/// An order is late once the silence is this much longer than the usual interval.
const LATE_FACTOR: f64 = 1.5;
/// Orders needed before a rhythm is read from them.
const FEWEST_ORDERS: usize = 3;

pub fn habits(
    conn: &Connection,
    card_id: &str,
    today: NaiveDate,
) -> rusqlite::Result<TradingHabits> {
    let first = first_of_month(today, 23);
    let mut stmt = conn.prepare_cached(
        "SELECT dated_on, sum(CASE kind WHEN 'return' THEN -amount ELSE amount END), count(CASE kind WHEN 'sale' THEN 1 END)
         FROM transactions WHERE card_id = ?1 AND dated_on >= ?2 AND dated_on <= ?3
         GROUP BY dated_on ORDER BY dated_on",
    )?;
    let days: Vec<(String, i64, i64)> = stmt
        .query_map([card_id, &first.to_string(), &today.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut months: Vec<MonthAmount> = (0..24)
        .rev()
        .map(|back| MonthAmount {
            month: first_of_month(today, back).format("%Y-%m").to_string(),
            amount: 0,
        })
        .collect();
    let mut ordered: Vec<NaiveDate> = Vec::new();
    for (day, amount, sales) in &days {
        if let Some(m) = months.iter_mut().find(|m| day.starts_with(&m.month)) {
            m.amount += amount;
        }
        if *sales > 0 {
            if let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                ordered.push(d);
            }
        }
    }
    let mut gaps: Vec<i64> = ordered
        .windows(2)
        .map(|w| (w[1] - w[0]).num_days())
        .collect();
    gaps.sort_unstable();
    let usual = (ordered.len() >= FEWEST_ORDERS).then(|| gaps[gaps.len() / 2]);
    let days_since_last = ordered.last().map(|d| (today - *d).num_days());
    let late_by = match (usual, days_since_last) {
        (Some(usual), Some(since)) if since as f64 > usual as f64 * LATE_FACTOR => {
            Some((since as f64 - usual as f64 * LATE_FACTOR).round() as u32)
        }
        _ => None,
    };
    Ok(TradingHabits {
        months,
        order_days: ordered.len() as u32,
        usual_interval: usual.map(|u| u.max(0) as u32),
        days_since_last: days_since_last.map(|d| d.max(0) as u32),
        late_by,
    })
}

/// The first day of the month `back` months before `today`'s.
fn first_of_month(today: NaiveDate, back: i32) -> NaiveDate {
    let index = today.year() * 12 + today.month0() as i32 - back;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_counted_back_across_years() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(first_of_month(d, 0).to_string(), "2026-02-01");
        assert_eq!(first_of_month(d, 2).to_string(), "2025-12-01");
        assert_eq!(first_of_month(d, 23).to_string(), "2024-03-01");
    }
}

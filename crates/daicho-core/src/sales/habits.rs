//! A customer's trading habits (000 ④ 取引習慣, 003 주문 빈도), read from their own sales: what
//! they bought month by month over two years, and how often they order, so that an order that
//! is late by their own rhythm shows before the rep notices the silence; the order cycle the card
//! states, set against that rhythm; and the months they buy most in, year after year.

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
    /// The order cycle written on the card, as written.
    pub stated_text: String,
    /// The days between orders it states, when it states a cycle Daicho reads.
    pub stated_interval: Option<u32>,
    /// The customer really orders less often than the card says (half as long again).
    pub slower_than_stated: bool,
    /// Calendar months (1–12) the customer buys most in, in both years: their season.
    pub peak_months: Vec<u32>,
    /// The next of those months from today (`YYYY-MM`), to visit before it.
    pub next_peak: Option<String>,
}

/// An order is late once the silence is this much longer than the usual interval.
const LATE_FACTOR: f64 = 1.5;
/// Orders needed before a rhythm is read from them.
const FEWEST_ORDERS: usize = 3;

/// A month is the customer's season when, in both years, they bought in it and its average is
/// this many times their average month.
const PEAK_FACTOR: f64 = 1.5;
/// Orders needed before a season is read.
const FEWEST_FOR_SEASON: u32 = 6;

/// `stated`: the order cycle written on the card.
pub fn habits(
    conn: &Connection,
    card_id: &str,
    stated: &str,
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
    let stated_interval = super::cycle::stated_days(stated);
    let slower_than_stated = match (usual, stated_interval) {
        (Some(usual), Some(stated)) => usual as f64 > f64::from(stated) * LATE_FACTOR,
        _ => false,
    };
    let order_days = ordered.len() as u32;
    let peak_months = if order_days >= FEWEST_FOR_SEASON {
        season(&months)
    } else {
        Vec::new()
    };
    let next_peak = (1..=12)
        .map(|ahead| first_of_month(today, -ahead))
        .find(|m| peak_months.contains(&m.month()))
        .map(|m| m.format("%Y-%m").to_string());
    Ok(TradingHabits {
        months,
        order_days,
        usual_interval: usual.map(|u| u.max(0) as u32),
        days_since_last: days_since_last.map(|d| d.max(0) as u32),
        late_by,
        stated_text: stated.trim().to_owned(),
        stated_interval,
        slower_than_stated,
        peak_months,
        next_peak,
    })
}

/// The calendar months that, in each of the two years, sold [`PEAK_FACTOR`] times that year's
/// average month or more: a season repeats, a one-off big order does not make one.
fn season(months: &[MonthAmount]) -> Vec<u32> {
    if months.len() != 24 {
        return Vec::new();
    }
    let peaks_of = |year: &[MonthAmount]| -> Vec<u32> {
        let total: i64 = year.iter().map(|m| m.amount.max(0)).sum();
        if total <= 0 {
            return Vec::new();
        }
        let average = total as f64 / year.len() as f64;
        year.iter()
            .filter(|m| m.amount as f64 >= average * PEAK_FACTOR)
            .filter_map(|m| m.month.get(5..7).and_then(|s| s.parse().ok()))
            .collect()
    };
    let (first, second) = months.split_at(12);
    let later = peaks_of(second);
    let mut peaks: Vec<u32> = peaks_of(first)
        .into_iter()
        .filter(|m| later.contains(m))
        .collect();
    peaks.sort_unstable();
    peaks
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
    fn a_season_is_a_month_bought_much_in_both_years() {
        let months: Vec<MonthAmount> = (0..24)
            .map(|i| {
                let month = (i % 12) + 1;
                MonthAmount {
                    month: format!("{}-{month:02}", 2025 + i / 12),
                    // March every year, big; September big only once; the rest small.
                    amount: match (month, i / 12) {
                        (3, _) => 500,
                        (9, 0) => 900,
                        _ => 100,
                    },
                }
            })
            .collect();
        assert_eq!(season(&months), vec![3]);
        assert!(season(&[]).is_empty());
    }

    #[test]
    fn months_are_counted_back_across_years() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(first_of_month(d, 0).to_string(), "2026-02-01");
        assert_eq!(first_of_month(d, 2).to_string(), "2025-12-01");
        assert_eq!(first_of_month(d, 23).to_string(), "2024-03-01");
    }
}

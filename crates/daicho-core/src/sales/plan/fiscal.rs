//! The ledger's fiscal year: which month it starts in (April in most Japanese companies,
//! January in China and Korea), kept in the ledger so the CLI and the window agree.

use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{FieldIssue, SalesError};

const KEY: &str = "fiscal_year_start";

/// The month (1–12) the fiscal year starts in; January until set.
pub fn first_month(conn: &Connection) -> rusqlite::Result<u32> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM ledger_meta WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    Ok(stored
        .and_then(|v| v.parse().ok())
        .filter(|m| (1..=12).contains(m))
        .unwrap_or(1))
}

pub fn set_first_month(conn: &Connection, month: u32) -> Result<(), SalesError> {
    if !(1..=12).contains(&month) {
        return Err(SalesError::Invalid(vec![FieldIssue::with_limit(
            "first_month",
            "out_of_range",
            12,
        )]));
    }
    conn.execute(
        "INSERT INTO ledger_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![KEY, month.to_string()],
    )?;
    Ok(())
}

/// The fiscal year (named by the calendar year it starts in) that `day` falls in.
pub fn year_of(day: NaiveDate, first: u32) -> i32 {
    if day.month() >= first {
        day.year()
    } else {
        day.year() - 1
    }
}

/// The first day of fiscal year `year`.
pub fn start(year: i32, first: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, first, 1)
}

/// The first day after fiscal year `year`.
pub fn end(year: i32, first: u32) -> Option<NaiveDate> {
    start(year, first)?.checked_add_months(Months::new(12))
}

/// The year's twelve months as `YYYY-MM`, in order.
pub fn months(year: i32, first: u32) -> Vec<String> {
    let Some(from) = start(year, first) else {
        return Vec::new();
    };
    (0..12)
        .filter_map(|i| from.checked_add_months(Months::new(i)))
        .map(|d| d.format("%Y-%m").to_string())
        .collect()
}

/// Where `day` falls among the year's months, if in it.
pub fn month_index(day: NaiveDate, year: i32, first: u32) -> Option<usize> {
    let from = start(year, first)?;
    let months = (day.year() - from.year()) * 12 + day.month() as i32 - from.month() as i32;
    (0..12).contains(&months).then_some(months as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_april_year_runs_to_march() {
        assert_eq!(year_of(day(2027, 3, 31), 4), 2026);
        assert_eq!(year_of(day(2027, 4, 1), 4), 2027);
        assert_eq!(months(2026, 4).first().unwrap(), "2026-04");
        assert_eq!(months(2026, 4).last().unwrap(), "2027-03");
        assert_eq!(month_index(day(2027, 1, 15), 2026, 4), Some(9));
        assert_eq!(month_index(day(2027, 4, 1), 2026, 4), None);
        assert_eq!(end(2026, 4), Some(day(2027, 4, 1)));
    }

    #[test]
    fn a_calendar_year_is_the_default_shape() {
        assert_eq!(year_of(day(2026, 12, 31), 1), 2026);
        assert_eq!(month_index(day(2026, 1, 1), 2026, 1), Some(0));
        assert_eq!(months(2026, 1).len(), 12);
    }
}

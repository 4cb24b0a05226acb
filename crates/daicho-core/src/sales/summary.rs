//! What a card's transactions add up to: derived on reading, never typed twice.

use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};

use crate::error::SalesError;

use super::model::SalesSummary;

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Average days in a month, for "per month" figures over any period.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, SalesError> {
        if from > to {
            return Err(SalesError::Period);
        }
        Ok(Period { from, to })
    }

    /// The twelve months ending `today`.
    pub fn year_to(today: NaiveDate) -> Period {
        let from = today
            .checked_sub_months(Months::new(12))
            .and_then(|d| d.succ_opt())
            .unwrap_or(today);
        Period { from, to: today }
    }

    /// `FROM..TO` as ISO dates, as the CLI takes it.
    pub fn parse(text: &str) -> Result<Period, SalesError> {
        let (from, to) = text.split_once("..").ok_or(SalesError::Period)?;
        let date = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| SalesError::Period)
        };
        Period::new(date(from)?, date(to)?)
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn months(&self) -> f64 {
        self.days() as f64 / DAYS_PER_MONTH
    }

    /// The period of the same length just before this one: growth compares the two.
    pub fn previous(&self) -> Period {
        let to = self.from.pred_opt().unwrap_or(self.from);
        let from = to - chrono::Duration::days(self.days() - 1);
        Period { from, to }
    }

    pub fn from_text(&self) -> String {
        self.from.format("%Y-%m-%d").to_string()
    }

    pub fn to_text(&self) -> String {
        self.to.format("%Y-%m-%d").to_string()
    }
}

/// The card's purchases over `period` and what it owes on `today`.
pub fn summary(
    conn: &Connection,
    card_id: &str,
    period: Period,
    today: NaiveDate,
) -> Result<SalesSummary, SalesError> {
    type Sums = (i64, i64, i64, i64, Option<String>, Option<i64>, i64);
    let (quantity, amount, sale_quantity, sale_amount, last, profit, costed): Sums = conn
        .prepare_cached(
            "SELECT coalesce(sum(CASE kind WHEN 'sale' THEN quantity ELSE -quantity END), 0),
                    coalesce(sum(CASE kind WHEN 'sale' THEN amount ELSE -amount END), 0),
                    coalesce(sum(CASE kind WHEN 'sale' THEN quantity END), 0),
                    coalesce(sum(CASE kind WHEN 'sale' THEN amount END), 0),
                    max(CASE kind WHEN 'sale' THEN dated_on END),
                    sum(CASE kind WHEN 'sale' THEN amount - cost ELSE cost - amount END),
                    coalesce(sum(CASE WHEN cost IS NULL THEN 0 WHEN kind = 'sale' THEN amount ELSE -amount END), 0)
             FROM transactions WHERE card_id = ?1 AND dated_on BETWEEN ?2 AND ?3",
        )?
        .query_row(
            params![card_id, period.from_text(), period.to_text()],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )?;
    let today_text = today.format("%Y-%m-%d").to_string();
    let (outstanding, overdue): (i64, i64) = conn
        .prepare_cached(
            "SELECT coalesce(sum(amount - paid_amount), 0),
                    coalesce(sum(CASE WHEN due_on < ?2 THEN amount - paid_amount END), 0)
             FROM transactions WHERE card_id = ?1 AND kind = 'sale' AND paid_amount < amount",
        )?
        .query_row(params![card_id, today_text], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let credit_limit: Option<i64> = conn
        .prepare_cached("SELECT credit_limit FROM cards WHERE id = ?1")?
        .query_row([card_id], |r| r.get(0))?;
    let negotiations_over_limit: u32 = match credit_limit {
        Some(limit) => conn
            .prepare_cached(
                "SELECT count(*) FROM contacts WHERE card_id = ?1 AND kind = 'negotiation'
                   AND substr(at, 1, 10) BETWEEN ?2 AND ?3 AND json_extract(negotiation, '$.amount') > ?4
                   AND json_extract(negotiation, '$.result') IS NULL",
            )?
            .query_row(params![card_id, period.from_text(), period.to_text(), limit], |r| r.get(0))?,
        None => 0,
    };
    let months = period.months();
    Ok(SalesSummary {
        from: period.from_text(),
        to: period.to_text(),
        quantity,
        amount,
        average_price: (sale_quantity > 0).then(|| sale_amount / sale_quantity),
        last_purchase_on: last,
        monthly_amount: (amount as f64 / months).round() as i64,
        monthly_quantity: (quantity as f64 / months * 10.0).round() / 10.0,
        outstanding,
        overdue,
        credit_limit,
        over_limit: credit_limit.is_some_and(|l| outstanding > l),
        negotiations_over_limit,
        profit,
        margin_percent: profit.filter(|_| costed > 0).map(|p| {
            (p as f64 * 100.0 / costed as f64)
                .round()
                .clamp(-1000.0, 1000.0) as i32
        }),
    })
}

//! A plan against what was sold: sales less returns of live cards, month by month, this fiscal
//! year and the one before. The overview reads every transaction of the two years once,
//! grouped by month, territory, rep and product category, and adds up each line from that.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection};

use crate::error::SalesError;

use super::{fiscal, store, PlanLine, PlanLineFields, PlanMonth, PlanOverview, PlanProgress};
use super::{PlanScope, Unplanned};

/// Two fiscal years of sales, the year before first.
pub type TwoYears = [i64; 24];

/// The aggregate the overview rests on: two fiscal years of sales less returns per card,
/// product and month, from the covering index `transactions_card` alone. The overview reads the
/// same rows from the same index and adds them up by territory, rep and category itself (a join
/// per sale to its card was 3 s at a million sales); `daicho bench plan` compares the two.
pub const SALES_BY_CARD_MONTH: &str = "SELECT card_id, product_id, substr(dated_on, 1, 7),
        sum(CASE kind WHEN 'sale' THEN amount ELSE -amount END)
     FROM transactions INDEXED BY transactions_card WHERE dated_on >= ?1 AND dated_on < ?2
     GROUP BY 1, 2, 3";

/// The fiscal year and its shape for a plan on `today`.
pub struct Year {
    pub year: i32,
    pub first: u32,
    from: NaiveDate,
    to: NaiveDate,
}

impl Year {
    pub fn of(conn: &Connection, year: Option<i32>, today: NaiveDate) -> Result<Year, SalesError> {
        let first = fiscal::first_month(conn)?;
        let year = year.unwrap_or_else(|| fiscal::year_of(today, first));
        let bad = || {
            SalesError::Invalid(vec![crate::error::FieldIssue::new(
                "fiscal_year",
                "out_of_range",
            )])
        };
        if !store::YEARS.contains(&year) {
            return Err(bad());
        }
        Ok(Year {
            year,
            first,
            from: fiscal::start(year - 1, first).ok_or_else(bad)?,
            to: fiscal::end(year, first).ok_or_else(bad)?,
        })
    }

    /// The month number (see [`month_number`]) of the first month of the year before.
    fn first_slot(&self) -> i64 {
        i64::from(self.from.year()) * 12 + i64::from(self.from.month0())
    }

    fn bounds(&self) -> (String, String) {
        (
            self.from.format("%Y-%m-%d").to_string(),
            self.to.format("%Y-%m-%d").to_string(),
        )
    }

    /// Where a `YYYY-MM` month falls in the two years.
    fn slot(&self, month: &str) -> Option<usize> {
        let day = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
        fiscal::month_index(day, self.year, self.first)
            .map(|i| i + 12)
            .or_else(|| fiscal::month_index(day, self.year - 1, self.first))
    }
}

/// Two years of sales for the whole ledger, and by territory, rep and category.
pub struct Grouped {
    pub total: TwoYears,
    pub by: HashMap<(PlanScope, String), TwoYears>,
}

/// Two years of sales of live cards: each sale read once from the covering index, its card's
/// territory and rep and its product's category looked up in memory.
pub fn grouped(conn: &Connection, y: &Year) -> rusqlite::Result<Grouped> {
    let (from, to) = y.bounds();
    // Territories, reps and categories by number, so that a sale adds to arrays, not strings.
    let mut names: Vec<(PlanScope, String)> = Vec::new();
    let mut number = |scope: PlanScope, name: String| -> Option<usize> {
        if name.is_empty() {
            return None;
        }
        Some(
            match names.iter().position(|n| n.0 == scope && n.1 == name) {
                Some(at) => at,
                None => {
                    names.push((scope, name));
                    names.len() - 1
                }
            },
        )
    };
    let mut cards: HashMap<String, (Option<usize>, Option<usize>)> = HashMap::new();
    let mut stmt =
        conn.prepare_cached("SELECT id, territory, owner FROM cards WHERE deleted_at IS NULL")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let territory = number(PlanScope::Territory, row.get(1)?);
        let owner = number(PlanScope::Owner, row.get(2)?);
        cards.insert(row.get(0)?, (territory, owner));
    }
    let mut categories: HashMap<String, usize> = HashMap::new();
    let mut stmt = conn.prepare_cached("SELECT id, category FROM products")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if let Some(at) = number(PlanScope::Category, row.get(1)?) {
            categories.insert(row.get(0)?, at);
        }
    }
    let mut total = [0; 24];
    let mut sums: Vec<TwoYears> = vec![[0; 24]; names.len()];
    let first = y.first_slot();
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, dated_on, kind, amount, product_id
         FROM transactions INDEXED BY transactions_card WHERE dated_on >= ?1 AND dated_on < ?2",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    // Sales come in card order: the card is looked up once per run of its sales.
    let mut last_card = String::new();
    let mut card: Option<(Option<usize>, Option<usize>)> = None;
    while let Some(row) = rows.next()? {
        let card_id = row.get_ref(0)?.as_str()?;
        if card_id != last_card {
            last_card.clear();
            last_card.push_str(card_id);
            card = cards.get(card_id).copied();
        }
        let Some((territory, owner)) = card else {
            continue;
        };
        let Some(slot) = month_number(row.get_ref(1)?.as_str()?)
            .and_then(|m| usize::try_from(m - first).ok())
            .filter(|s| *s < 24)
        else {
            continue;
        };
        let amount: i64 = row.get(3)?;
        let amount = if row.get_ref(2)?.as_str()? == "return" {
            -amount
        } else {
            amount
        };
        total[slot] += amount;
        let category = match row.get_ref(4)?.as_str_or_null()? {
            Some(product) => categories.get(product).copied(),
            None => None,
        };
        for at in [territory, owner, category].into_iter().flatten() {
            sums[at][slot] += amount;
        }
    }
    let by = names.into_iter().zip(sums).collect();
    Ok(Grouped { total, by })
}

/// `YYYY-MM…` as a count of months (year × 12 + month − 1).
fn month_number(day: &str) -> Option<i64> {
    let year: i64 = day.get(..4)?.parse().ok()?;
    let month: i64 = day.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

/// The year's plan against what was sold.
pub fn overview(
    conn: &Connection,
    year: Option<i32>,
    today: NaiveDate,
) -> Result<PlanOverview, SalesError> {
    let y = Year::of(conn, year, today)?;
    let lines = store::for_year(conn, y.year)?;
    let Grouped { total, by } = grouped(conn, &y)?;
    let mut progress = Vec::new();
    let mut whole = None;
    for line in lines {
        let actual = match line.fields.scope {
            PlanScope::Total => total,
            PlanScope::Card => card_sales(conn, &y, line.fields.card_id.as_deref().unwrap_or(""))?,
            scope => by
                .get(&(scope, line.fields.key.clone()))
                .copied()
                .unwrap_or([0; 24]),
        };
        let p = measure(Some(line), &actual, &y, today);
        if p.scope == PlanScope::Total {
            whole = Some(p);
        } else {
            progress.push(p);
        }
    }
    let total = whole.unwrap_or_else(|| summed_total(&progress, &total, &y, today));
    let planned: std::collections::HashSet<(PlanScope, &str)> = progress
        .iter()
        .filter_map(|p| p.line.as_ref())
        .map(|l| (l.fields.scope, l.fields.key.as_str()))
        .collect();
    let mut unplanned: Vec<Unplanned> = by
        .iter()
        .filter(|((scope, key), sums)| {
            !planned.contains(&(*scope, key.as_str())) && sums.iter().any(|v| *v != 0)
        })
        .map(|((scope, key), sums)| Unplanned {
            scope: *scope,
            key: key.clone(),
            last_year: sums[..12].iter().sum(),
        })
        .collect();
    unplanned.sort_by(|a, b| (a.scope, -a.last_year, &a.key).cmp(&(b.scope, -b.last_year, &b.key)));
    Ok(PlanOverview {
        fiscal_year: y.year,
        first_month: y.first,
        months: fiscal::months(y.year, y.first),
        today: today.format("%Y-%m-%d").to_string(),
        total,
        lines: progress,
        unplanned,
    })
}

/// With no line for the whole ledger, its plan is the sum of the first kind of line there is
/// (territories, then reps, then categories, then customers), so that the lines of one cut
/// are not counted twice.
fn summed_total(
    lines: &[PlanProgress],
    sold: &TwoYears,
    y: &Year,
    today: NaiveDate,
) -> PlanProgress {
    let scope = [
        PlanScope::Territory,
        PlanScope::Owner,
        PlanScope::Category,
        PlanScope::Card,
    ]
    .into_iter()
    .find(|s| lines.iter().any(|l| l.scope == *s));
    let mut plan = vec![0; 12];
    for line in lines.iter().filter(|l| Some(l.scope) == scope) {
        for (sum, month) in plan.iter_mut().zip(&line.months) {
            *sum += month.plan;
        }
    }
    let mut p = measure_plan(&plan, sold, y, today);
    p.scope = PlanScope::Total;
    p
}

/// A line's progress, the line itself not saved yet: what the dialog shows while a target is
/// typed (last year's sales to start from).
pub fn preview(
    conn: &Connection,
    input: &PlanLineFields,
    today: NaiveDate,
) -> Result<PlanProgress, SalesError> {
    let y = Year::of(conn, Some(input.fiscal_year), today)?;
    let sold = match input.scope {
        PlanScope::Card => card_sales(conn, &y, input.card_id.as_deref().unwrap_or(""))?,
        scope => keyed_sales(conn, &y, scope, input.key.trim())?,
    };
    let mut months = input.months.clone();
    months.resize(12, 0);
    let mut p = measure_plan(&months, &sold, &y, today);
    p.scope = input.scope;
    p.label = input.key.trim().to_owned();
    Ok(p)
}

/// The customer's line for the fiscal year of today, against what they bought.
pub fn for_card(
    conn: &Connection,
    card_id: &str,
    today: NaiveDate,
) -> Result<Option<PlanProgress>, SalesError> {
    let y = Year::of(conn, None, today)?;
    let Some(line) = store::for_card(conn, card_id, y.year)? else {
        return Ok(None);
    };
    let sold = card_sales(conn, &y, card_id)?;
    Ok(Some(measure(Some(line), &sold, &y, today)))
}

/// A customer's sales month by month in the fiscal year before `y`.
pub fn card_last_year(conn: &Connection, y: &Year, card_id: &str) -> rusqlite::Result<Vec<i64>> {
    Ok(card_sales(conn, y, card_id)?[..12].to_vec())
}

/// A customer's sales month by month in the fiscal year `y` and the one before.
pub fn card_two_years(conn: &Connection, y: &Year, card_id: &str) -> rusqlite::Result<TwoYears> {
    card_sales(conn, y, card_id)
}

fn card_sales(conn: &Connection, y: &Year, card_id: &str) -> rusqlite::Result<TwoYears> {
    let (from, to) = y.bounds();
    let mut sums = [0; 24];
    let mut stmt = conn.prepare_cached(
        "SELECT substr(dated_on, 1, 7), sum(CASE kind WHEN 'sale' THEN amount ELSE -amount END)
         FROM transactions WHERE card_id = ?1 AND dated_on >= ?2 AND dated_on < ?3 GROUP BY 1",
    )?;
    let mut rows = stmt.query(params![card_id, from, to])?;
    while let Some(row) = rows.next()? {
        if let Some(slot) = y.slot(&row.get::<_, String>(0)?) {
            sums[slot] += row.get::<_, i64>(1)?;
        }
    }
    Ok(sums)
}

/// One territory's, rep's or category's sales (everything for the whole ledger).
fn keyed_sales(
    conn: &Connection,
    y: &Year,
    scope: PlanScope,
    key: &str,
) -> rusqlite::Result<TwoYears> {
    let filter = match scope {
        PlanScope::Territory => "c.territory = ?3",
        PlanScope::Owner => "c.owner = ?3",
        PlanScope::Category => "p.category = ?3",
        PlanScope::Total | PlanScope::Card => "?3 IS NOT NULL",
    };
    let (from, to) = y.bounds();
    let mut sums = [0; 24];
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT substr(t.dated_on, 1, 7), sum(CASE t.kind WHEN 'sale' THEN t.amount ELSE -t.amount END)
         FROM transactions t JOIN cards c ON c.id = t.card_id LEFT JOIN products p ON p.id = t.product_id
         WHERE t.dated_on >= ?1 AND t.dated_on < ?2 AND c.deleted_at IS NULL AND {filter}
         GROUP BY 1"
    ))?;
    let mut rows = stmt.query(params![from, to, key])?;
    while let Some(row) = rows.next()? {
        if let Some(slot) = y.slot(&row.get::<_, String>(0)?) {
            sums[slot] += row.get::<_, i64>(1)?;
        }
    }
    Ok(sums)
}

fn measure(line: Option<PlanLine>, sold: &TwoYears, y: &Year, today: NaiveDate) -> PlanProgress {
    let months = line
        .as_ref()
        .map(|l| l.fields.months.clone())
        .unwrap_or_else(|| vec![0; 12]);
    let mut p = measure_plan(&months, sold, y, today);
    if let Some(line) = line {
        p.scope = line.fields.scope;
        p.label = line.label.clone();
        p.line = Some(line);
    }
    p
}

/// Plan against sales: the months, the year's sums and how far along the year is.
fn measure_plan(plan: &[i64], sold: &TwoYears, y: &Year, today: NaiveDate) -> PlanProgress {
    let labels = fiscal::months(y.year, y.first);
    let months: Vec<PlanMonth> = labels
        .iter()
        .enumerate()
        .map(|(i, month)| PlanMonth {
            month: month.clone(),
            plan: plan.get(i).copied().unwrap_or(0),
            actual: sold[12 + i],
            last_year: sold[i],
        })
        .collect();
    let plan_to_date = months
        .iter()
        .enumerate()
        .map(|(i, m)| m.plan.saturating_mul(due_share(y, i, today).0) / due_share(y, i, today).1)
        .sum::<i64>();
    let actual_to_date = months.iter().map(|m| m.actual).sum();
    PlanProgress {
        line: None,
        scope: PlanScope::Total,
        label: String::new(),
        year_plan: months.iter().map(|m| m.plan).sum(),
        year_actual: actual_to_date,
        last_year: months.iter().map(|m| m.last_year).sum(),
        plan_to_date,
        actual_to_date,
        rate_percent: (plan_to_date > 0).then(|| {
            i32::try_from(actual_to_date.saturating_mul(100) / plan_to_date).unwrap_or(i32::MAX)
        }),
        months,
    }
}

/// How much of month `i` of the year is past on `today`, as days gone over days in it.
fn due_share(y: &Year, i: usize, today: NaiveDate) -> (i64, i64) {
    let Some(start) = fiscal::start(y.year, y.first)
        .and_then(|s| s.checked_add_months(chrono::Months::new(i as u32)))
    else {
        return (0, 1);
    };
    let Some(next) = start.checked_add_months(chrono::Months::new(1)) else {
        return (0, 1);
    };
    let days = (next - start).num_days();
    if today < start {
        (0, days)
    } else if today >= next {
        (days, days)
    } else {
        (i64::from(today.day()), days)
    }
}

//! A plan typed in Excel, read back: the "Targets" sheet of the plan report (in any of the four
//! languages), or any sheet laid out the same way: a column saying what each line covers
//! (whole ledger, territory, rep, category, customer), the territory, rep or category, the
//! customer's code, twelve columns headed by their months, and how the target is to be reached.
//! Every row is checked before anything is saved; one bad row and nothing is.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::card::store::Edit;
use crate::error::ImportError;
use crate::i18n::{catalog, Lang};
use crate::import::source::{self, RawRow};

use super::{fiscal, store, PlanLineFields, PlanScope};

/// Rows a plan sheet may have: a plan has a line per territory, rep or key customer.
pub const MAX_ROWS: usize = 20_000;
/// Rows looked through for the header.
const HEADER_WITHIN: usize = 20;

/// A row that cannot be saved, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanRowProblem {
    /// The row's number in the file.
    pub line: u32,
    /// `scope`, `key`, `code`, `months.N`, `means`.
    pub field: String,
    /// Why: `unknown_scope`, `unknown_code`, `not_an_amount`, a validation rule...
    pub rule: String,
    pub value: String,
}

/// What an import of a plan did, or (dry run, or any problem) would do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanImport {
    pub fiscal_year: i32,
    /// Lines in the file.
    pub lines: u32,
    /// Of those, lines that replace the year's line for the same territory, rep...
    pub replaced: u32,
    /// Nothing was saved when there is any.
    pub problems: Vec<PlanRowProblem>,
}

/// A plan sheet as read: where each column is, and the rows below the header.
pub struct PlanSheet {
    fiscal_year: i32,
    scope: usize,
    key: Option<usize>,
    code: Option<usize>,
    means: Option<usize>,
    months: [usize; 12],
    rows: Vec<RawRow>,
}

/// Reads the first sheet of `path` laid out as a plan for the ledger's fiscal year shape.
pub fn read(path: &Path, first_month: u32) -> Result<PlanSheet, ImportError> {
    let sheets = source::sheet_names(path)?;
    let names: Vec<Option<&str>> = if sheets.is_empty() {
        vec![None]
    } else {
        sheets.iter().map(|s| Some(s.as_str())).collect()
    };
    for sheet in names {
        if let Some(found) = read_sheet(path, sheet, first_month)? {
            return Ok(found);
        }
    }
    Err(ImportError::NotAPlan {
        path: path.to_owned(),
    })
}

fn read_sheet(
    path: &Path,
    sheet: Option<&str>,
    first_month: u32,
) -> Result<Option<PlanSheet>, ImportError> {
    let mut found: Option<PlanSheet> = None;
    let mut seen = 0;
    source::read(path, None, sheet, &mut |row| {
        seen += 1;
        match &mut found {
            Some(plan) => {
                if plan.rows.len() >= MAX_ROWS {
                    return Err(ImportError::TooManyPlanRows {
                        limit: MAX_ROWS as u32,
                    });
                }
                if row.cells.iter().any(|c| !c.trim().is_empty()) {
                    plan.rows.push(row);
                }
                Ok(true)
            }
            None => {
                found = header(&row.cells, first_month);
                Ok(found.is_some() || seen < HEADER_WITHIN)
            }
        }
    })?;
    Ok(found)
}

/// The header row's columns, if `cells` is one: twelve months of one fiscal year in order, and
/// a column naming the scope.
fn header(cells: &[String], first_month: u32) -> Option<PlanSheet> {
    let months: Vec<(usize, NaiveDate)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| month_of(c).map(|m| (i, m)))
        .collect();
    if months.len() != 12 {
        return None;
    }
    let fiscal_year = fiscal::year_of(months[0].1, first_month);
    let mut columns = [0; 12];
    for (column, month) in &months {
        let at = fiscal::month_index(*month, fiscal_year, first_month)?;
        columns[at] = *column;
    }
    if (1..12).any(|i| columns[i] <= columns[i - 1]) {
        return None;
    }
    let find = |key: &str, code: &str| {
        cells.iter().position(|c| {
            let c = crate::text::normalize(c.trim());
            c == code
                || Lang::ALL.iter().any(|l| {
                    catalog(*l)
                        .get(key)
                        .is_some_and(|t| crate::text::normalize(t) == c)
                })
        })
    };
    Some(PlanSheet {
        fiscal_year,
        scope: find("salesplan.col.scope", "scope")?,
        key: find("salesplan.col.key", "key"),
        code: find("field.code", "code"),
        means: find("field.plan.means", "means"),
        months: columns,
        rows: Vec::new(),
    })
}

/// A month heading: 2026-04, 2026/4, 2026.04, 2026年4月, 2026년 4월, or a date in the month.
fn month_of(cell: &str) -> Option<NaiveDate> {
    let t = crate::text::normalize(cell.trim());
    let digits: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let rest: String = t.chars().filter(|c| !c.is_ascii_digit()).collect();
    let separators_only = rest
        .chars()
        .all(|c| matches!(c, '-' | '/' | '.' | '年' | '月' | '년' | '월' | ' '));
    if !separators_only || !(2..=3).contains(&digits.len()) || digits[0].len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(digits[0].parse().ok()?, digits[1].parse().ok()?, 1)
}

/// The scope a cell names, in any language or as its code.
fn scope_of(cell: &str) -> Option<PlanScope> {
    let t = crate::text::normalize(cell.trim());
    PlanScope::ALL.iter().copied().find(|s| {
        t == s.as_str()
            || Lang::ALL.iter().any(|l| {
                catalog(*l)
                    .get(&format!("salesplan.scope.{}", s.as_str()))
                    .is_some_and(|label| crate::text::normalize(label) == t)
            })
    })
}

/// Checks every row, then saves them all when none has a problem.
pub fn apply(
    conn: &Connection,
    sheet: &PlanSheet,
    edit: &Edit<'_>,
) -> Result<PlanImport, ImportError> {
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    let cell = |row: &RawRow, at: Option<usize>| {
        at.and_then(|i| row.cells.get(i))
            .map_or("", |c| c.trim())
            .to_owned()
    };
    for row in &sheet.rows {
        let problem = |field: &str, rule: &str, value: &str| PlanRowProblem {
            line: row.line,
            field: field.to_owned(),
            rule: rule.to_owned(),
            value: value.chars().take(80).collect(),
        };
        let scope_text = cell(row, Some(sheet.scope));
        let Some(scope) = scope_of(&scope_text) else {
            problems.push(problem("scope", "unknown_scope", &scope_text));
            continue;
        };
        let mut fields = PlanLineFields {
            fiscal_year: sheet.fiscal_year,
            scope,
            key: cell(row, sheet.key),
            card_id: None,
            months: Vec::with_capacity(12),
            means: cell(row, sheet.means),
        };
        if scope == PlanScope::Card {
            let code = cell(row, sheet.code);
            match card_by_code(conn, &code)? {
                Some(id) => fields.card_id = Some(id.into()),
                None => problems.push(problem("code", "unknown_code", &code)),
            }
            fields.key.clear();
        } else if scope == PlanScope::Total {
            fields.key.clear();
        }
        for (i, column) in sheet.months.iter().enumerate() {
            let text = cell(row, Some(*column));
            match crate::import::amount_of(&text) {
                _ if text.is_empty() => fields.months.push(0),
                Some(amount) => fields.months.push(amount),
                None => {
                    problems.push(problem(&format!("months.{i}"), "not_an_amount", &text));
                    fields.months.push(0);
                }
            }
        }
        let code_unknown = scope == PlanScope::Card && fields.card_id.is_none();
        match store::validate(conn, &fields) {
            Ok(valid) => lines.push((row.line, valid)),
            Err(crate::error::SalesError::Invalid(issues)) => {
                // An unknown code was said already; "customer required" would say it twice.
                for issue in issues
                    .iter()
                    .filter(|i| !(code_unknown && i.field == "card_id"))
                {
                    problems.push(problem(&issue.field, &issue.rule, ""));
                }
            }
            Err(other) => return Err(other.into()),
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (line, f) in &lines {
        if !seen.insert((f.scope, f.key.clone(), f.card_id.clone())) {
            problems.push(PlanRowProblem {
                line: *line,
                field: "key".into(),
                rule: "twice".into(),
                value: f.key.clone(),
            });
        }
    }
    let mut replaced = 0;
    if problems.is_empty() {
        for (_, f) in &lines {
            let before = store::for_year(conn, f.fiscal_year)?;
            if before.iter().any(|l| {
                (l.fields.scope, &l.fields.key, &l.fields.card_id) == (f.scope, &f.key, &f.card_id)
            }) {
                replaced += 1;
            }
            store::save(conn, f, edit)?;
        }
    }
    Ok(PlanImport {
        fiscal_year: sheet.fiscal_year,
        lines: lines.len() as u32,
        replaced,
        problems,
    })
}

fn card_by_code(conn: &Connection, code: &str) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    if code.is_empty() {
        return Ok(None);
    }
    conn.prepare_cached("SELECT id FROM cards WHERE code = ?1 AND deleted_at IS NULL")?
        .query_row([code], |r| r.get(0))
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_headings_as_each_market_writes_them() {
        let april = NaiveDate::from_ymd_opt(2026, 4, 1);
        for heading in [
            "2026-04",
            "2026/4",
            "2026.04",
            "2026年4月",
            "2026년 4월",
            "2026-04-01",
            "２０２６年４月",
        ] {
            assert_eq!(month_of(heading), april, "{heading}");
        }
        for not in ["4月", "April", "2026", "FY2026 Q1", "2026-13"] {
            assert_eq!(month_of(not), None, "{not}");
        }
    }
}

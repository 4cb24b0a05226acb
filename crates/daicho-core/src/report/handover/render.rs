//! The handover report drawn from its rows: a summary, then one sheet per list.

use std::path::Path;

use rust_xlsxwriter::{ColNum, RowNum, Workbook};

use crate::error::ReportError;

use super::super::layout::{self, Ctx, Styles};
use super::super::write_error;
use super::{HandoverFacts, HandoverRows, THIN};

/// Draws the summary and one sheet per list.
pub(super) fn write(
    ctx: &Ctx,
    facts: &HandoverFacts<'_>,
    rows: HandoverRows,
    path: &Path,
) -> Result<u32, ReportError> {
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let HandoverRows {
        cards,
        follow_ups,
        complaints,
        receivables,
        people,
    } = rows;
    let mut workbook = Workbook::new();
    let title = ctx.t("report.handover.title");
    let parties = ctx.tp(
        "report.handover.parties",
        &[
            ("from", facts.from_owner.to_owned()),
            ("to", facts.to_owner.to_owned()),
        ],
    );
    // The summary: who hands over to whom, what moves, and the successor's confirmation.
    {
        let ws = workbook.add_worksheet();
        ws.set_name(ctx.t("report.handover.sheet"))
            .map_err(&failed)?;
        layout::setup(
            ws,
            ctx,
            &layout::Page {
                title: &title,
                filter: &parties,
                landscape: false,
                repeat: None,
            },
        )
        .map_err(&failed)?;
        ws.set_column_width(0, 34).map_err(&failed)?;
        ws.set_column_width(1, 40).map_err(&failed)?;
        layout::title(ws, &title, &s).map_err(&failed)?;
        layout::text(ws, 1, 0, &parties, &s.subtitle).map_err(&failed)?;
        let outstanding: i64 = cards.iter().map(|c| c[7].parse::<i64>().unwrap_or(0)).sum();
        let thin = cards
            .iter()
            .filter(|c| c[9].parse::<i64>().map_or(true, |v| v < THIN))
            .count();
        let confirmation = match &facts.confirmation {
            Some(c) => ctx.tp(
                "report.handover.confirmed",
                &[
                    ("by", c.by.clone()),
                    ("at", c.at.replace('T', " ").chars().take(16).collect()),
                ],
            ),
            None => ctx.t("report.handover.unconfirmed"),
        };
        let lines: Vec<(String, String)> = vec![
            (ctx.t("report.handover.cards"), cards.len().to_string()),
            (ctx.t("report.weekly.overdue"), follow_ups.len().to_string()),
            (
                ctx.t("report.visits.open_complaints"),
                complaints.len().to_string(),
            ),
            (ctx.t("sales.outstanding"), outstanding.to_string()),
            (ctx.t("report.handover.thin"), thin.to_string()),
            (ctx.t("report.handover.confirmation"), confirmation),
        ];
        let mut lines = lines;
        if let Some(signer) = &facts.signer {
            lines.push((ctx.t("report.handover.signer"), signer.clone()));
        }
        if let Some(lent) = facts.lent {
            let how = if lent { "lent" } else { "handed" };
            lines.push((
                ctx.t("report.handover.leaving"),
                ctx.t(&format!("report.handover.leaving_{how}")),
            ));
        }
        for (n, (label, value)) in lines.iter().enumerate() {
            let row = 3 + n as RowNum;
            layout::text(ws, row, 0, label, &s.label).map_err(&failed)?;
            if n == 3 {
                layout::money(ws, row, 1, Some(outstanding), &s).map_err(&failed)?;
            } else {
                layout::text(ws, row, 1, value, &s.wrap).map_err(&failed)?;
            }
        }
    }
    // `numeric`: the columns holding counts or amounts, written as numbers.
    let mut list = |key: &str,
                    heads: &[(&str, f64)],
                    body: &[Vec<String>],
                    numeric: &[usize],
                    convert: &dyn Fn(usize, &str) -> String|
     -> Result<(), ReportError> {
        let ws = workbook.add_worksheet();
        let name = ctx.t(key);
        let sheet = layout::ListSheet {
            name: &name,
            title: &name,
            subtitle: &parties,
            filter: &parties,
            landscape: true,
            heads,
        };
        layout::list_sheet(ws, ctx, &s, &sheet).map_err(&failed)?;
        for (n, cells) in body.iter().enumerate() {
            let row = layout::FIRST_ROW + n as RowNum;
            for (col, value) in cells.iter().enumerate() {
                match value.parse::<f64>() {
                    Ok(number) if numeric.contains(&col) => {
                        ws.write_number_with_format(row, col as ColNum, number, &s.number)
                            .map_err(&failed)?;
                    }
                    _ => layout::text(ws, row, col as ColNum, &convert(col, value), &s.wrap)
                        .map_err(&failed)?,
                }
            }
        }
        layout::close_list(ws, body.len() as u32, heads.len(), 1).map_err(&failed)?;
        Ok(())
    };
    let status = |col: usize, v: &str| {
        if col == 2 {
            ctx.t(&format!("status.{v}"))
        } else {
            v.to_owned()
        }
    };
    list(
        "report.handover.cards",
        &[
            ("field.code", 11.0),
            ("report.col.customer", 30.0),
            ("field.status", 10.0),
            ("field.owner", 12.0),
            ("report.handover.contacts", 8.0),
            ("report.handover.open_actions", 8.0),
            ("report.visits.open_complaints", 8.0),
            ("sales.outstanding", 12.0),
            ("section.key_persons", 8.0),
            ("class.completeness", 8.0),
        ],
        &cards,
        &[4, 5, 6, 7, 8, 9],
        &status,
    )?;
    let plain = |_: usize, v: &str| v.to_owned();
    list(
        "report.weekly.overdue",
        &[
            ("report.col.customer", 30.0),
            ("field.next_action", 40.0),
            ("field.next_action_due", 12.0),
            ("report.handover.days_late", 8.0),
        ],
        &follow_ups,
        &[3],
        &plain,
    )?;
    let state = |col: usize, v: &str| {
        if col == 3 {
            ctx.t(&format!("complaint_state.{v}"))
        } else {
            v.replace('T', " ")
        }
    };
    list(
        "report.visits.open_complaints",
        &[
            ("report.col.customer", 30.0),
            ("report.col.at", 16.0),
            ("field.content", 50.0),
            ("field.complaint.state", 10.0),
        ],
        &complaints,
        &[],
        &state,
    )?;
    list(
        "report.handover.receivables",
        &[
            ("report.col.customer", 30.0),
            ("field.transaction.invoice_no", 14.0),
            ("field.transaction.due_on", 12.0),
            ("sales.outstanding", 14.0),
        ],
        &receivables,
        &[3],
        &plain,
    )?;
    let role = |col: usize, v: &str| {
        if col == 3 && !v.is_empty() {
            ctx.t(&format!("role.{v}"))
        } else {
            v.to_owned()
        }
    };
    list(
        "section.key_persons",
        &[
            ("report.col.customer", 30.0),
            ("field.name", 20.0),
            ("report.card.department_title", 24.0),
            ("field.role", 14.0),
            ("list.column.phone", 16.0),
        ],
        &people,
        &[],
        &role,
    )?;
    let thin: Vec<Vec<String>> = cards
        .iter()
        .filter(|c| c[9].parse::<i64>().map_or(true, |v| v < THIN))
        .map(|c| {
            vec![
                c[0].clone(),
                c[1].clone(),
                if c[9].is_empty() {
                    "—".into()
                } else {
                    format!("{}%", c[9])
                },
                c[8].clone(),
            ]
        })
        .collect();
    list(
        "report.handover.thin",
        &[
            ("field.code", 11.0),
            ("report.col.customer", 30.0),
            ("class.completeness", 10.0),
            ("section.key_persons", 10.0),
        ],
        &thin,
        &[3],
        &plain,
    )?;
    super::super::save(&mut workbook, path)?;
    Ok(cards.len() as u32)
}

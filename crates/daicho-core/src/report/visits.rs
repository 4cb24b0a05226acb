//! The visit plan for a period, then the brief to read before each visit (one page each): key
//! persons and their roles, the last contacts, open complaints and actions, unverified notes.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{ColNum, RowNum, Workbook};

use crate::error::ReportError;
use crate::sales::summary::Period;
use crate::visit::store as visits;

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

pub fn write_visits(
    conn: &Connection,
    ctx: &Ctx,
    period: Period,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let plan = visits::plan(conn, &period.from_text(), &period.to_text())?;
    if plan.is_empty() {
        return Err(ReportError::Empty);
    }
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let span = ctx.tp(
        "report.period",
        &[("from", ctx.day(period.from)), ("to", ctx.day(period.to))],
    );
    {
        let ws = workbook.add_worksheet();
        let title = ctx.t("report.visits.title");
        let sheet = layout::ListSheet {
            name: &ctx.t("report.visits.sheet"),
            title: &title,
            subtitle: &span,
            filter: &span,
            landscape: true,
            heads: &[
                ("field.planned_on", 12.0),
                ("report.visits.order", 6.0),
                ("report.col.customer", 30.0),
                ("field.code", 11.0),
                ("report.address", 30.0),
                ("field.purpose", 30.0),
                ("report.visits.complaints", 10.0),
                ("report.visits.done", 10.0),
            ],
        };
        layout::list_sheet(ws, ctx, &s, &sheet).map_err(&failed)?;
        for (n, v) in plan.iter().enumerate() {
            let row = 3 + n as RowNum;
            layout::date(ws, row, 0, Some(&v.planned_on), &s).map_err(&failed)?;
            ws.write_number_with_format(row, 1, f64::from(v.position + 1), &s.number)
                .map_err(&failed)?;
            let done = if v.contact_id.is_some() {
                ctx.t("report.visits.logged")
            } else {
                String::new()
            };
            for (col, value) in [
                (2, v.card_name.clone()),
                (3, v.card_code.clone()),
                (
                    4,
                    [v.region.as_str(), &v.city]
                        .iter()
                        .filter(|p| !p.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                (5, v.purpose.clone()),
                (7, done),
            ] {
                layout::text(ws, row, col as ColNum, &value, &s.wrap).map_err(&failed)?;
            }
            ws.write_number_with_format(row, 6, f64::from(v.open_complaints), &s.number)
                .map_err(&failed)?;
        }
    }
    {
        let ws = workbook.add_worksheet();
        ws.set_name(ctx.t("report.visits.brief_sheet"))
            .map_err(&failed)?;
        let title = ctx.t("report.visits.brief_title");
        layout::setup(
            ws,
            ctx,
            &Page {
                title: &title,
                filter: &span,
                landscape: false,
                repeat: None,
            },
        )
        .map_err(&failed)?;
        for (col, width) in [16.0, 30.0, 30.0, 24.0].into_iter().enumerate() {
            ws.set_column_width(col as ColNum, width).map_err(&failed)?;
        }
        let mut row: RowNum = 0;
        let mut breaks = Vec::new();
        for (n, v) in plan.iter().enumerate() {
            if n > 0 {
                breaks.push(row);
            }
            let brief = visits::brief(conn, &v.card_id, ctx.today)?;
            ws.set_row_height(row, 26).map_err(&failed)?;
            layout::text(ws, row, 0, &brief.card.fields.name, &s.title).map_err(&failed)?;
            row += 1;
            let day = chrono::NaiveDate::parse_from_str(&v.planned_on, "%Y-%m-%d")
                .map_or_else(|_| v.planned_on.clone(), |d| ctx.day(d));
            let when = if v.purpose.is_empty() {
                day
            } else {
                format!("{day} · {}", v.purpose)
            };
            layout::text(ws, row, 0, &when, &s.subtitle).map_err(&failed)?;
            row += 2;
            let mut block =
                |key: &str, lines: Vec<[String; 4]>, row: &mut RowNum| -> Result<(), ReportError> {
                    ws.merge_range(*row, 0, *row, 3, &ctx.t(key), &s.section)
                        .map_err(&failed)?;
                    *row += 1;
                    if lines.is_empty() {
                        layout::text(ws, *row, 0, &ctx.t("report.weekly.none"), &s.subtitle)
                            .map_err(&failed)?;
                        *row += 1;
                    }
                    for line in lines {
                        for (col, value) in line.iter().enumerate() {
                            layout::text(ws, *row, col as ColNum, value, &s.wrap)
                                .map_err(&failed)?;
                        }
                        *row += 1;
                    }
                    *row += 1;
                    Ok(())
                };
            let people = brief
                .card
                .key_persons
                .iter()
                .map(|p| {
                    let role = p
                        .fields
                        .role
                        .map(|r| ctx.t(&format!("role.{}", r.as_str())))
                        .unwrap_or_default();
                    [
                        p.fields.name.clone(),
                        format!("{} {}", p.fields.department, p.fields.title)
                            .trim()
                            .to_owned(),
                        role,
                        p.fields.phone.clone(),
                    ]
                })
                .collect();
            block("section.key_persons", people, &mut row)?;
            let contact_line = |c: &crate::contact::Contact| {
                [
                    c.fields.at.replace('T', " "),
                    ctx.t(&format!("contact_kind.{}", c.fields.kind.as_str())),
                    [c.fields.purpose.as_str(), &c.fields.content]
                        .iter()
                        .filter(|x| !x.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join("\n"),
                    c.fields.next_action.clone(),
                ]
            };
            block(
                "report.card.recent_contacts",
                brief.recent_contacts.iter().map(contact_line).collect(),
                &mut row,
            )?;
            block(
                "report.visits.open_complaints",
                brief.open_complaints.iter().map(contact_line).collect(),
                &mut row,
            )?;
            block(
                "report.visits.open_actions",
                brief.open_actions.iter().map(contact_line).collect(),
                &mut row,
            )?;
            let notes = brief
                .unverified_notes
                .iter()
                .map(|note| {
                    [
                        note.fields.noted_on.clone(),
                        note.fields.source_who.clone(),
                        note.fields.content.clone(),
                        String::new(),
                    ]
                })
                .collect();
            block("report.visits.unverified", notes, &mut row)?;
            progress(n as u64 + 1, plan.len() as u64);
        }
        if !breaks.is_empty() {
            ws.set_page_breaks(&breaks).map_err(&failed)?;
        }
    }
    super::save(&mut workbook, path)?;
    Ok(plan.len() as u32)
}

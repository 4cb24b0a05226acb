//! The daily report (000 ⑧) on one A4 page: the day's figures, every contact with its outcome and
//! next action, the visits planned and whether they happened, and the superior's review, or
//! lines to write it on when the report is printed for them to sign.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet};

use crate::daily::DailyReport;
use crate::error::ReportError;

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

/// The page's last column (seven columns, A to G).
const LAST: ColNum = 6;

pub fn write_daily(
    daily: &DailyReport,
    ctx: &Ctx,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    ws.set_name(ctx.t("report.daily.sheet")).map_err(&failed)?;
    let title = ctx.t("report.daily.title");
    let day = NaiveDate::parse_from_str(&daily.day, "%Y-%m-%d")
        .map_or_else(|_| daily.day.clone(), |d| ctx.day(d));
    let subtitle = format!("{day} · {}", ctx.rep);
    layout::setup(
        ws,
        ctx,
        &Page {
            title: &title,
            filter: &day,
            landscape: true,
            repeat: None,
        },
    )
    .map_err(&failed)?;
    for (col, width) in [8.0, 28.0, 14.0, 26.0, 30.0, 30.0, 13.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(col as ColNum, width).map_err(&failed)?;
    }
    layout::title(ws, &title, &s).map_err(&failed)?;
    layout::text(ws, 1, 0, &subtitle, &s.subtitle).map_err(&failed)?;
    let mut row: RowNum = 3;
    figures(ws, ctx, &s, daily, &mut row).map_err(&failed)?;
    contacts(ws, ctx, &s, daily, &mut row).map_err(&failed)?;
    visits(ws, ctx, &s, daily, &mut row).map_err(&failed)?;
    review(ws, ctx, &s, daily, &mut row).map_err(&failed)?;
    progress(1, 1);
    super::save(&mut workbook, path)?;
    Ok(daily.contacts.len() as u32)
}

type Written = Result<(), rust_xlsxwriter::XlsxError>;

fn heads(ws: &mut Worksheet, ctx: &Ctx, s: &Styles, row: &mut RowNum, keys: &[&str]) -> Written {
    for (col, key) in keys.iter().enumerate() {
        layout::text(ws, *row, col as ColNum, &ctx.t(key), &s.head)?;
    }
    *row += 1;
    Ok(())
}

fn none(ws: &mut Worksheet, ctx: &Ctx, s: &Styles, row: &mut RowNum) -> Written {
    layout::text(ws, *row, 0, &ctx.t("report.weekly.none"), &s.subtitle)?;
    *row += 1;
    Ok(())
}

fn figures(
    ws: &mut Worksheet,
    ctx: &Ctx,
    s: &Styles,
    d: &DailyReport,
    row: &mut RowNum,
) -> Written {
    layout::section(ws, *row, LAST, &ctx.t("report.daily.figures"), s)?;
    *row += 1;
    for (key, n) in [
        ("daily.contacts", d.contacts.len() as u32),
        ("daily.visits_planned", d.visits_planned),
        ("daily.visits_done", d.visits_done),
        ("daily.visits_unplanned", d.visits_unplanned),
    ] {
        ws.merge_range(*row, 0, *row, 1, &ctx.t(key), &s.label)?;
        ws.write_number_with_format(*row, 2, f64::from(n), &s.number)?;
        *row += 1;
    }
    *row += 1;
    Ok(())
}

fn contacts(
    ws: &mut Worksheet,
    ctx: &Ctx,
    s: &Styles,
    d: &DailyReport,
    row: &mut RowNum,
) -> Written {
    layout::section(ws, *row, LAST, &ctx.t("report.daily.contacts"), s)?;
    *row += 1;
    if d.contacts.is_empty() {
        none(ws, ctx, s, row)?;
    } else {
        heads(
            ws,
            ctx,
            s,
            row,
            &[
                "daily.time",
                "report.col.customer",
                "field.kind",
                "field.purpose",
                "field.outcome",
                "field.next_action",
                "field.next_action_due",
            ],
        )?;
        for c in &d.contacts {
            let kind = ctx.t(&format!("contact_kind.{}", c.kind.as_str()));
            let outcome = if c.outcome.is_empty() {
                &c.content
            } else {
                &c.outcome
            };
            for (col, value) in [
                &c.time,
                &c.card_name,
                &kind,
                &c.purpose,
                outcome,
                &c.next_action,
            ]
            .into_iter()
            .enumerate()
            {
                layout::text(ws, *row, col as ColNum, value, &s.wrap)?;
            }
            layout::date(ws, *row, 6, c.next_action_due.as_deref(), s)?;
            *row += 1;
        }
    }
    *row += 1;
    Ok(())
}

fn visits(ws: &mut Worksheet, ctx: &Ctx, s: &Styles, d: &DailyReport, row: &mut RowNum) -> Written {
    layout::section(ws, *row, LAST, &ctx.t("report.daily.visits"), s)?;
    *row += 1;
    if d.planned.is_empty() {
        none(ws, ctx, s, row)?;
    } else {
        heads(
            ws,
            ctx,
            s,
            row,
            &[
                "daily.time",
                "report.col.customer",
                "visits.status",
                "field.place",
                "field.meeting_with",
                "field.purpose",
                "report.visits.done",
            ],
        )?;
        for v in &d.planned {
            let time = v.starts_at.clone().unwrap_or_default();
            let agreed = ctx.t(if v.confirmed {
                "visits.confirmed"
            } else {
                "visits.to_confirm"
            });
            let done = ctx.t(if v.contact_id.is_some() {
                "report.visits.logged"
            } else {
                "daily.not_done"
            });
            for (col, value) in [
                time.as_str(),
                &v.card_name,
                &agreed,
                v.location(),
                &v.meeting_with,
                &v.purpose,
                &done,
            ]
            .into_iter()
            .enumerate()
            {
                layout::text(ws, *row, col as ColNum, value, &s.wrap)?;
            }
            *row += 1;
        }
    }
    *row += 1;
    Ok(())
}

/// The review as recorded, or blank lines for the superior's pen.
fn review(ws: &mut Worksheet, ctx: &Ctx, s: &Styles, d: &DailyReport, row: &mut RowNum) -> Written {
    layout::section(ws, *row, LAST, &ctx.t("report.daily.review"), s)?;
    *row += 1;
    let (who, when, comment) = match &d.review {
        Some(r) => (
            r.reviewer.clone(),
            Some(r.reviewed_on.as_str()),
            r.comment.clone(),
        ),
        None => (String::new(), None, String::new()),
    };
    ws.merge_range(*row, 0, *row, 1, &ctx.t("daily.reviewer"), &s.label)?;
    ws.merge_range(*row, 2, *row, 3, &who, &s.text)?;
    layout::text(ws, *row, 4, &ctx.t("daily.reviewed_on"), &s.label)?;
    layout::date(ws, *row, 5, when, s)?;
    *row += 1;
    ws.merge_range(*row, 0, *row, 1, &ctx.t("daily.comment"), &s.label)?;
    ws.set_row_height(*row, 60)?;
    ws.merge_range(*row, 2, *row, LAST, &comment, &s.wrap)?;
    *row += 1;
    Ok(())
}

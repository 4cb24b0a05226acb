//! The annual sales plan as a handout (000 ⑥ 年度区域販売計画): plan, actual and last year month
//! by month for the whole ledger and each line, with how far along the year is; and the
//! targets on a second sheet laid out so that, edited in Excel, it is imported back.

use std::path::Path;

use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet, XlsxError};

use crate::error::ReportError;
use crate::sales::plan::{PlanOverview, PlanProgress, PlanScope};

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

/// Columns before the months: the line and what its row shows.
const LEAD: ColNum = 2;

pub fn write_plan(
    plan: &PlanOverview,
    ctx: &Ctx,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let title = ctx.tp(
        "report.plan.title",
        &[("year", plan.fiscal_year.to_string())],
    );
    let span = match (plan.months.first(), plan.months.last()) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => String::new(),
    };
    progress_sheet(workbook.add_worksheet(), ctx, &s, plan, &title, &span).map_err(&failed)?;
    targets_sheet(workbook.add_worksheet(), ctx, &s, plan, &title, &span).map_err(&failed)?;
    let lines = plan.lines.len() as u32 + 1;
    progress(u64::from(lines), u64::from(lines));
    super::save(&mut workbook, path)?;
    Ok(lines)
}

/// Both sheets: named, landscape A4 with the headings (row 3) on every page, and the title.
fn start_sheet(
    ws: &mut Worksheet,
    ctx: &Ctx,
    s: &Styles,
    name_key: &str,
    title: &str,
    span: &str,
) -> Result<(), XlsxError> {
    ws.set_name(ctx.t(name_key))?;
    let page = Page {
        title,
        filter: span,
        landscape: true,
        repeat: Some((2, 2)),
    };
    layout::setup(ws, ctx, &page)?;
    layout::title(ws, title, s)
}

fn progress_sheet(
    ws: &mut Worksheet,
    ctx: &Ctx,
    s: &Styles,
    plan: &PlanOverview,
    title: &str,
    span: &str,
) -> Result<(), XlsxError> {
    start_sheet(ws, ctx, s, "report.plan.sheet_progress", title, span)?;
    let t = &plan.total;
    let summary = ctx.tp(
        "report.plan.summary",
        &[
            ("date", ctx.day(ctx.today)),
            ("actual", crate::i18n::grouped(t.actual_to_date)),
            ("plan", crate::i18n::grouped(t.plan_to_date)),
            ("rate", rate(t)),
        ],
    );
    layout::text(ws, 1, 0, &format!("{span} · {summary}"), &s.subtitle)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 9)?;
    let mut heads: Vec<String> = plan.months.clone();
    heads.extend(
        [
            "report.plan.year",
            "report.plan.to_date",
            "report.plan.rate",
        ]
        .map(|k| ctx.t(k)),
    );
    layout::text(ws, 2, 0, &ctx.t("salesplan.col.line"), &s.head)?;
    layout::text(ws, 2, 1, "", &s.head)?;
    for (i, head) in heads.iter().enumerate() {
        let col = LEAD + i as ColNum;
        ws.set_column_width(col, if i < 12 { 10.5 } else { 12.0 })?;
        layout::text(ws, 2, col, head, &s.head)?;
    }
    let mut row: RowNum = 3;
    for line in std::iter::once(t).chain(&plan.lines) {
        write_line(ws, ctx, s, line, row)?;
        row += 3;
    }
    ws.set_freeze_panes(3, LEAD)?;
    Ok(())
}

/// A line's three rows: plan, actual, last year.
fn write_line(
    ws: &mut Worksheet,
    ctx: &Ctx,
    s: &Styles,
    p: &PlanProgress,
    row: RowNum,
) -> Result<(), XlsxError> {
    layout::text(ws, row, 0, &label(ctx, p), &s.label)?;
    let rows: [(&str, Vec<i64>, i64, Option<i64>); 3] = [
        (
            "report.plan.plan",
            p.months.iter().map(|m| m.plan).collect(),
            p.year_plan,
            Some(p.plan_to_date),
        ),
        (
            "report.plan.actual",
            p.months.iter().map(|m| m.actual).collect(),
            p.year_actual,
            Some(p.actual_to_date),
        ),
        (
            "report.plan.last_year",
            p.months.iter().map(|m| m.last_year).collect(),
            p.last_year,
            None,
        ),
    ];
    for (n, (kind, months, year, to_date)) in rows.into_iter().enumerate() {
        let r = row + n as RowNum;
        layout::text(ws, r, 1, &ctx.t(kind), &s.text)?;
        for (i, amount) in months.into_iter().enumerate() {
            layout::money(ws, r, LEAD + i as ColNum, Some(amount), s)?;
        }
        layout::money(ws, r, LEAD + 12, Some(year), s)?;
        layout::money(ws, r, LEAD + 13, to_date, s)?;
    }
    match p.rate_percent {
        Some(rate) => {
            ws.write_number_with_format(row + 1, LEAD + 14, f64::from(rate) / 100.0, &s.percent)?
        }
        None => ws.write_blank(row + 1, LEAD + 14, &s.text)?,
    };
    Ok(())
}

/// The sheet `import` reads back: one row per line, twelve months headed by their month.
fn targets_sheet(
    ws: &mut Worksheet,
    ctx: &Ctx,
    s: &Styles,
    plan: &PlanOverview,
    title: &str,
    span: &str,
) -> Result<(), XlsxError> {
    start_sheet(ws, ctx, s, "report.plan.sheet_targets", title, span)?;
    layout::text(ws, 1, 0, &ctx.t("report.plan.targets_hint"), &s.subtitle)?;
    let mut heads: Vec<(String, f64)> = vec![
        (ctx.t("salesplan.col.scope"), 12.0),
        (ctx.t("salesplan.col.key"), 18.0),
        (ctx.t("field.code"), 11.0),
        (ctx.t("report.col.customer"), 22.0),
    ];
    heads.extend(plan.months.iter().map(|m| (m.clone(), 10.5)));
    heads.push((ctx.t("report.plan.year"), 12.0));
    heads.push((ctx.t("field.plan.means"), 36.0));
    layout::widths(ws, &heads)?;
    layout::headings(ws, 2, &heads, s)?;
    let saved = plan
        .lines
        .iter()
        .chain(std::iter::once(&plan.total))
        .filter_map(|p| p.line.as_ref());
    let mut lines: Vec<_> = saved.collect();
    lines.sort_by_key(|l| l.fields.scope);
    for (row, line) in (layout::FIRST_ROW..).zip(lines) {
        let f = &line.fields;
        layout::text(
            ws,
            row,
            0,
            &ctx.t(&format!("salesplan.scope.{}", f.scope.as_str())),
            &s.text,
        )?;
        layout::text(ws, row, 1, &f.key, &s.text)?;
        let (code, name) = if f.scope == PlanScope::Card {
            (line.card_code.as_str(), line.label.as_str())
        } else {
            ("", "")
        };
        layout::text(ws, row, 2, code, &s.text)?;
        layout::text(ws, row, 3, name, &s.text)?;
        for (i, amount) in f.months.iter().enumerate() {
            layout::money(ws, row, 4 + i as ColNum, Some(*amount), s)?;
        }
        layout::money(ws, row, 16, Some(f.months.iter().sum()), s)?;
        layout::text(ws, row, 17, &f.means, &s.wrap)?;
    }
    ws.set_freeze_panes(3, 4)?;
    Ok(())
}

fn label(ctx: &Ctx, p: &PlanProgress) -> String {
    let scope = ctx.t(&format!("salesplan.scope.{}", p.scope.as_str()));
    if p.label.is_empty() {
        scope
    } else {
        format!("{} ({scope})", p.label)
    }
}

fn rate(p: &PlanProgress) -> String {
    p.rate_percent
        .map_or_else(|| "—".into(), |r| format!("{r}%"))
}

//! A comparison sheet as of its latest assessment: the score matrix with weights, weighted totals
//! and % of the best possible, a chart of the scores, and our strengths and weaknesses against
//! each competitor in words.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{Chart, ChartType, ColNum, RowNum, Workbook};

use crate::competition::sheets;
use crate::error::ReportError;

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

pub fn write_comparison(
    conn: &Connection,
    ctx: &Ctx,
    sheet_id: &str,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let view = sheets::view(conn, sheet_id)?;
    let Some(latest) = view.assessments.first() else {
        return Err(ReportError::Empty);
    };
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let name = ctx.t("report.comparison.sheet");
    let ws = workbook.add_worksheet();
    ws.set_name(&name).map_err(&failed)?;
    let title = view.sheet.fields.title.clone();
    let assessed = ctx.tp(
        "report.comparison.assessed",
        &[
            ("date", latest.fields.assessed_on.clone()),
            ("scale", latest.fields.scale.to_string()),
        ],
    );
    layout::setup(
        ws,
        ctx,
        &Page {
            title: &title,
            filter: &assessed,
            landscape: true,
            repeat: None,
        },
    )
    .map_err(&failed)?;
    ws.set_column_width(0, 24).map_err(&failed)?;
    ws.set_column_width(1, 8).map_err(&failed)?;
    for n in 0..view.products.len() {
        ws.set_column_width(2 + n as ColNum, 18).map_err(&failed)?;
    }
    layout::title(ws, &title, &s).map_err(&failed)?;
    layout::text(ws, 1, 0, &assessed, &s.subtitle).map_err(&failed)?;
    let head: RowNum = 3;
    // Competitors' products name their maker on a second line.
    ws.set_row_height(head, 30).map_err(&failed)?;
    layout::text(ws, head, 0, &ctx.t("report.comparison.criterion"), &s.head).map_err(&failed)?;
    layout::text(ws, head, 1, &ctx.t("report.comparison.weight"), &s.head).map_err(&failed)?;
    for (n, product) in view.products.iter().enumerate() {
        let label = if product.maker.is_empty() {
            product.fields.name.clone()
        } else {
            format!("{}\n{}", product.fields.name, product.maker)
        };
        layout::text(ws, head, 2 + n as ColNum, &label, &s.head).map_err(&failed)?;
    }
    for (i, criterion) in latest.fields.criteria.iter().enumerate() {
        let row = head + 1 + i as RowNum;
        layout::text(ws, row, 0, &criterion.name, &s.text).map_err(&failed)?;
        ws.write_number_with_format(row, 1, criterion.weight, &s.number)
            .map_err(&failed)?;
        for (n, product) in view.products.iter().enumerate() {
            let score = latest
                .fields
                .scores
                .iter()
                .find(|p| p.product_id == product.id)
                .and_then(|p| p.scores.get(i).copied().flatten());
            layout::number(ws, row, 2 + n as ColNum, score.map(f64::from), &s).map_err(&failed)?;
        }
    }
    let last_criterion = head + latest.fields.criteria.len() as RowNum;
    let weighted = last_criterion + 1;
    layout::text(
        ws,
        weighted,
        0,
        &ctx.t("report.comparison.weighted"),
        &s.label,
    )
    .map_err(&failed)?;
    layout::text(
        ws,
        weighted + 1,
        0,
        &ctx.t("report.comparison.percent"),
        &s.label,
    )
    .map_err(&failed)?;
    let decimal = s.number.clone().set_num_format("0.00");
    for (n, product) in view.products.iter().enumerate() {
        if let Some(total) = latest.totals.iter().find(|t| t.product_id == product.id) {
            ws.write_number_with_format(weighted, 2 + n as ColNum, total.weighted, &decimal)
                .map_err(&failed)?;
            ws.write_number_with_format(
                weighted + 1,
                2 + n as ColNum,
                total.percent / 100.0,
                &s.percent,
            )
            .map_err(&failed)?;
        }
    }
    let mut chart = Chart::new(ChartType::Column);
    for n in 0..view.products.len() {
        let col = 2 + n as ColNum;
        chart
            .add_series()
            .set_name((name.as_str(), head, col))
            .set_categories((name.as_str(), head + 1, 0, last_criterion, 0))
            .set_values((name.as_str(), head + 1, col, last_criterion, col));
    }
    chart.title().set_name(&ctx.t("report.comparison.chart"));
    layout::chart_fonts(&mut chart, ctx, 9);
    chart.y_axis().set_max(f64::from(latest.fields.scale));
    chart.set_width(640).set_height(300);
    let chart_row = weighted + 3;
    ws.insert_chart(chart_row, 0, &chart).map_err(&failed)?;

    let mut row = chart_row + 17;
    ws.merge_range(
        row,
        0,
        row,
        4,
        &ctx.t("report.comparison.versus"),
        &s.section,
    )
    .map_err(&failed)?;
    row += 1;
    for key in [
        "report.comparison.against",
        "report.comparison.strengths",
        "report.comparison.weaknesses",
    ] {
        let col = match key {
            "report.comparison.against" => 0,
            "report.comparison.strengths" => 2,
            _ => 3,
        };
        layout::text(ws, row, col, &ctx.t(key), &s.head).map_err(&failed)?;
    }
    row += 1;
    for text in &latest.fields.texts {
        let against = view
            .products
            .iter()
            .find(|p| p.id == text.product_id)
            .map(|p| p.fields.name.clone())
            .unwrap_or_default();
        layout::text(ws, row, 0, &against, &s.wrap).map_err(&failed)?;
        layout::text(ws, row, 2, &text.strengths, &s.wrap).map_err(&failed)?;
        layout::text(ws, row, 3, &text.weaknesses, &s.wrap).map_err(&failed)?;
        row += 1;
    }
    progress(1, 1);
    super::save(&mut workbook, path)?;
    Ok(view.products.len() as u32)
}

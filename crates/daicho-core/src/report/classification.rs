//! The classification: a Pareto sheet (the first customers, one "others" row and the chart with
//! the ABC split), every buyer's ABC row (constant memory), value tiers, and the core and
//! problem customers with their reasons.

use std::path::Path;

use rust_xlsxwriter::{Chart, ChartType, ColNum, RowNum, Workbook};

use crate::classify::view::PARETO_BARS;
use crate::classify::{CardClass, Classification};
use crate::error::ReportError;

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

fn reasons(ctx: &Ctx, k: &CardClass, problem: bool) -> String {
    let problems = [
        "overdue",
        "open_complaints",
        "falling",
        "weak_credit",
        "over_limit",
    ];
    k.reasons
        .iter()
        .filter(|r| problems.contains(&r.kind.as_str()) == problem)
        .map(|r| layout::reason(ctx, r))
        .collect::<Vec<_>>()
        .join(" / ")
}

pub fn write_classification(
    c: &Classification,
    ctx: &Ctx,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    if !c.has_transactions {
        return Err(ReportError::Empty);
    }
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let day = |iso: &str| {
        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .map_or_else(|_| iso.to_owned(), |d| ctx.day(d))
    };
    let period = ctx.tp(
        "report.period",
        &[("from", day(&c.from)), ("to", day(&c.to))],
    );
    let buyers: Vec<&CardClass> = c.cards.iter().filter(|k| k.amount > 0).collect();
    let total = buyers.len() as u64;

    // The Pareto sheet: the first customers, the rest in one row, and the chart over them.
    let pareto_name = ctx.t("report.class.pareto_sheet");
    {
        let ws = workbook.add_worksheet();
        ws.set_name(&pareto_name).map_err(&failed)?;
        let title = ctx.t("report.class.title");
        layout::setup(
            ws,
            ctx,
            &Page {
                title: &title,
                filter: &period,
                landscape: true,
                repeat: None,
            },
        )
        .map_err(&failed)?;
        let heads: Vec<(String, f64)> = [
            ("report.class.rank", 6.0),
            ("report.col.customer", 30.0),
            ("class.amount", 16.0),
            ("dash.cumulative", 12.0),
            ("class.abc", 8.0),
        ]
        .into_iter()
        .map(|(k, w)| (ctx.t(k), w))
        .collect();
        layout::widths(ws, &heads).map_err(&failed)?;
        layout::title(ws, &title, &s).map_err(&failed)?;
        let summary = ctx.tp(
            "dash.buyers",
            &[
                ("count", buyers.len().to_string()),
                ("total", c.cards.len().to_string()),
            ],
        );
        layout::text(ws, 1, 0, &format!("{period} · {summary}"), &s.subtitle).map_err(&failed)?;
        layout::headings(ws, 2, &heads, &s).map_err(&failed)?;
        let mut row: RowNum = 3;
        for (n, k) in buyers.iter().take(PARETO_BARS).enumerate() {
            ws.write_number_with_format(row, 0, (n + 1) as f64, &s.number)
                .map_err(&failed)?;
            layout::text(ws, row, 1, &k.name, &s.text).map_err(&failed)?;
            layout::money(ws, row, 2, Some(k.amount), &s).map_err(&failed)?;
            ws.write_number_with_format(
                row,
                3,
                k.cumulative_percent.unwrap_or(0.0) / 100.0,
                &s.percent,
            )
            .map_err(&failed)?;
            layout::text(
                ws,
                row,
                4,
                &k.abc.map(|a| a.as_str().to_uppercase()).unwrap_or_default(),
                &s.text,
            )
            .map_err(&failed)?;
            row += 1;
        }
        // The chart is drawn over the customers alone: a bar of all the rest would dwarf them.
        let last = row - 1;
        if buyers.len() > PARETO_BARS {
            let rest = &buyers[PARETO_BARS..];
            layout::text(
                ws,
                row,
                1,
                &ctx.tp("dash.others", &[("count", rest.len().to_string())]),
                &s.text,
            )
            .map_err(&failed)?;
            layout::money(ws, row, 2, Some(rest.iter().map(|k| k.amount).sum()), &s)
                .map_err(&failed)?;
            ws.write_number_with_format(row, 3, 1.0, &s.percent)
                .map_err(&failed)?;
        }
        let mut bars = Chart::new(ChartType::Column);
        bars.add_series()
            .set_name(&ctx.t("class.amount"))
            .set_categories((pareto_name.as_str(), 3, 1, last, 1))
            .set_values((pareto_name.as_str(), 3, 2, last, 2));
        let mut line = Chart::new(ChartType::Line);
        line.add_series()
            .set_name(&ctx.t("dash.cumulative"))
            .set_categories((pareto_name.as_str(), 3, 1, last, 1))
            .set_values((pareto_name.as_str(), 3, 3, last, 3))
            .set_secondary_axis(true);
        bars.combine(&line);
        bars.title().set_name(&ctx.t("dash.chart.pareto"));
        layout::chart_fonts(&mut bars, ctx, 9);
        bars.y_axis().set_num_format("#,##0");
        bars.y2_axis().set_max(1.0).set_num_format("0%");
        bars.set_width(720).set_height(360);
        ws.insert_chart(1, 6, &bars).map_err(&failed)?;

        // The ABC split and the value tiers beneath the chart.
        let mut at: RowNum = 22;
        layout::text(ws, at, 6, &ctx.t("class.abc"), &s.head).map_err(&failed)?;
        layout::text(ws, at, 7, &ctx.t("dash.customers"), &s.head).map_err(&failed)?;
        layout::text(ws, at, 8, &ctx.t("class.amount"), &s.head).map_err(&failed)?;
        for class in crate::classify::Abc::ALL {
            at += 1;
            let members: Vec<&&CardClass> =
                buyers.iter().filter(|k| k.abc == Some(*class)).collect();
            layout::text(
                ws,
                at,
                6,
                &ctx.tp("abc.class", &[("class", class.as_str().to_uppercase())]),
                &s.text,
            )
            .map_err(&failed)?;
            ws.write_number_with_format(at, 7, members.len() as f64, &s.number)
                .map_err(&failed)?;
            layout::money(ws, at, 8, Some(members.iter().map(|k| k.amount).sum()), &s)
                .map_err(&failed)?;
        }
        at += 2;
        layout::text(ws, at, 6, &ctx.t("class.value"), &s.head).map_err(&failed)?;
        layout::text(ws, at, 7, &ctx.t("dash.customers"), &s.head).map_err(&failed)?;
        for tier in crate::classify::ValueTier::ALL {
            at += 1;
            layout::text(
                ws,
                at,
                6,
                &ctx.t(&format!("tier.{}", tier.as_str())),
                &s.text,
            )
            .map_err(&failed)?;
            ws.write_number_with_format(
                at,
                7,
                c.cards.iter().filter(|k| k.value_tier == *tier).count() as f64,
                &s.number,
            )
            .map_err(&failed)?;
        }
        for col in 6..=8 {
            ws.set_column_width(col as ColNum, 16).map_err(&failed)?;
        }
    }

    // Every buyer, with class and grade: constant memory for large ledgers.
    {
        let ws = workbook
            .add_worksheet_with_constant_memory()
            .map_err(&failed)?;
        let title = ctx.t("report.class.abc_title");
        let sheet = layout::ListSheet {
            name: &ctx.t("report.class.abc_sheet"),
            title: &title,
            subtitle: &period,
            filter: &period,
            landscape: false,
            heads: &[
                ("report.class.rank", 6.0),
                ("field.code", 11.0),
                ("report.col.customer", 30.0),
                ("field.owner", 12.0),
                ("class.amount", 16.0),
                ("dash.cumulative", 11.0),
                ("class.abc", 7.0),
                ("class.grade", 9.0),
                ("class.value", 14.0),
            ],
        };
        layout::list_sheet(ws, ctx, &s, &sheet).map_err(&failed)?;
        for (n, k) in buyers.iter().enumerate() {
            let row = 3 + n as RowNum;
            ws.write_number_with_format(row, 0, (n + 1) as f64, &s.number)
                .map_err(&failed)?;
            layout::text(ws, row, 1, &k.code, &s.text).map_err(&failed)?;
            layout::text(ws, row, 2, &k.name, &s.text).map_err(&failed)?;
            layout::text(ws, row, 3, &k.owner, &s.text).map_err(&failed)?;
            layout::money(ws, row, 4, Some(k.amount), &s).map_err(&failed)?;
            ws.write_number_with_format(
                row,
                5,
                k.cumulative_percent.unwrap_or(0.0) / 100.0,
                &s.percent,
            )
            .map_err(&failed)?;
            layout::text(
                ws,
                row,
                6,
                &k.abc.map(|a| a.as_str().to_uppercase()).unwrap_or_default(),
                &s.text,
            )
            .map_err(&failed)?;
            layout::text(ws, row, 7, k.grade.as_deref().unwrap_or(""), &s.text).map_err(&failed)?;
            layout::text(
                ws,
                row,
                8,
                &ctx.t(&format!("tier.{}", k.value_tier.as_str())),
                &s.text,
            )
            .map_err(&failed)?;
            if (n + 1).is_multiple_of(1000) {
                progress(n as u64 + 1, total);
            }
        }
        layout::close_list(ws, buyers.len() as u32, 9, 3).map_err(&failed)?;
    }

    // The core and the problem customers, each with why.
    for (sheet, title, problem) in [
        ("report.class.core_sheet", "class.core_list", false),
        ("report.class.problem_sheet", "class.problem_list", true),
    ] {
        let ws = workbook.add_worksheet();
        let title = ctx.t(title);
        let sheet = layout::ListSheet {
            name: &ctx.t(sheet),
            title: &title,
            subtitle: &period,
            filter: &period,
            heads: if problem {
                &[
                    ("field.code", 11.0),
                    ("report.col.customer", 26.0),
                    ("field.owner", 12.0),
                    ("class.abc", 6.0),
                    ("report.class.reasons", 34.0),
                    ("report.class.severity", 9.0),
                    ("report.class.action", 40.0),
                ]
            } else {
                &[
                    ("field.code", 11.0),
                    ("report.col.customer", 30.0),
                    ("field.owner", 12.0),
                    ("class.abc", 7.0),
                    ("report.class.reasons", 56.0),
                ]
            },
            landscape: problem,
        };
        layout::list_sheet(ws, ctx, &s, &sheet).map_err(&failed)?;
        let mut members: Vec<&CardClass> = c
            .cards
            .iter()
            .filter(|k| if problem { k.problem } else { k.core })
            .collect();
        if problem {
            crate::classify::order_problems(&mut members);
        }
        for (n, k) in members.iter().enumerate() {
            let row = 3 + n as RowNum;
            layout::text(ws, row, 0, &k.code, &s.text).map_err(&failed)?;
            layout::text(ws, row, 1, &k.name, &s.wrap).map_err(&failed)?;
            layout::text(ws, row, 2, &k.owner, &s.text).map_err(&failed)?;
            layout::text(
                ws,
                row,
                3,
                &k.abc.map(|a| a.as_str().to_uppercase()).unwrap_or_default(),
                &s.text,
            )
            .map_err(&failed)?;
            layout::text(ws, row, 4, &reasons(ctx, k, problem), &s.wrap).map_err(&failed)?;
            if let Some(top) = k.top_problem().filter(|_| problem) {
                let severity = top
                    .severity
                    .map(|s| ctx.t(&format!("severity.{}", s.as_str())))
                    .unwrap_or_default();
                layout::text(ws, row, 5, &severity, &s.text).map_err(&failed)?;
                let action = ctx.t(&format!("problem.action.{}", top.kind.as_str()));
                layout::text(ws, row, 6, &action, &s.wrap).map_err(&failed)?;
            }
        }
        let columns = if problem { 7 } else { 5 };
        layout::close_list(ws, members.len() as u32, columns, 0).map_err(&failed)?;
    }
    progress(total, total);
    super::save(&mut workbook, path)?;
    Ok(total as u32)
}

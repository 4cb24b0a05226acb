//! The weekly report drawn from its facts: one page, with a chart of the contacts.

use std::path::Path;

use rust_xlsxwriter::{Chart, ChartAxisCrossing, ChartType, ColNum, RowNum, Workbook, Worksheet};

use crate::error::ReportError;

use super::super::layout::{self, Ctx, Page, Styles};
use super::super::{write_error, Progress};
use super::WeeklyFacts;

/// Overdue follow-ups the report lists at most.
const OVERDUE_SHOWN: usize = 30;

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    s: &'a Styles,
    ctx: &'a Ctx,
    row: RowNum,
}

impl Sheet<'_> {
    fn section(&mut self, key: &str) -> Result<(), rust_xlsxwriter::XlsxError> {
        self.row += 1;
        layout::section(self.ws, self.row, 4, &self.ctx.t(key), self.s)?;
        self.row += 1;
        Ok(())
    }

    fn heads(&mut self, keys: &[&str]) -> Result<(), rust_xlsxwriter::XlsxError> {
        for (n, key) in keys.iter().enumerate() {
            layout::text(
                self.ws,
                self.row,
                n as ColNum,
                &self.ctx.t(key),
                &self.s.head,
            )?;
        }
        self.row += 1;
        Ok(())
    }

    fn none(&mut self) -> Result<(), rust_xlsxwriter::XlsxError> {
        layout::text(
            self.ws,
            self.row,
            0,
            &self.ctx.t("report.weekly.none"),
            &self.s.subtitle,
        )?;
        self.row += 1;
        Ok(())
    }
}

pub fn write_weekly(
    facts: &WeeklyFacts,
    ctx: &Ctx,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let failed = write_error(path);
    let (from, to) = facts.period;
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let name = ctx.t("report.weekly.sheet");
    let ws = workbook.add_worksheet();
    ws.set_name(&name).map_err(&failed)?;
    let title = ctx.t("report.weekly.title");
    let mut narrowed = ctx.tp(
        "report.period",
        &[("from", ctx.day(from)), ("to", ctx.day(to))],
    );
    if let Some(owner) = &facts.owner {
        narrowed.push_str(&format!(" · {}: {owner}", ctx.t("field.owner")));
    }
    layout::setup(
        ws,
        ctx,
        &Page {
            title: &title,
            filter: &narrowed,
            landscape: false,
            repeat: None,
        },
    )
    .map_err(&failed)?;
    for (col, width) in [22.0, 30.0, 16.0, 16.0, 16.0].into_iter().enumerate() {
        ws.set_column_width(col as ColNum, width).map_err(&failed)?;
    }
    layout::title(ws, &title, &s).map_err(&failed)?;
    layout::text(ws, 1, 0, &narrowed, &s.subtitle).map_err(&failed)?;
    let mut sh = Sheet {
        ws,
        s: &s,
        ctx,
        row: 2,
    };
    let new_cards = &facts.new_cards;
    sh.section("report.weekly.new_cards").map_err(&failed)?;
    if new_cards.is_empty() {
        sh.none().map_err(&failed)?;
    } else {
        sh.heads(&[
            "field.code",
            "report.col.customer",
            "field.owner",
            "field.status",
        ])
        .map_err(&failed)?;
        for card in new_cards {
            let status = ctx.t(&format!("status.{}", card.status.as_str()));
            for (col, value) in [&card.code, &card.name, &card.owner, &status]
                .into_iter()
                .enumerate()
            {
                layout::text(sh.ws, sh.row, col as ColNum, value, &s.text).map_err(&failed)?;
            }
            sh.row += 1;
        }
    }

    // Contacts by kind, with a chart.
    sh.section("report.weekly.contacts").map_err(&failed)?;
    sh.heads(&["field.kind", "report.weekly.count"])
        .map_err(&failed)?;
    let first = sh.row;
    for (kind, n) in &facts.contacts {
        layout::text(
            sh.ws,
            sh.row,
            0,
            &ctx.t(&format!("contact_kind.{}", kind.as_str())),
            &s.text,
        )
        .map_err(&failed)?;
        sh.ws
            .write_number_with_format(sh.row, 1, f64::from(*n), &s.number)
            .map_err(&failed)?;
        sh.row += 1;
    }
    // A week without contacts has nothing to draw: the table's zeros say it.
    let most = facts.contacts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    if most > 0 {
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_name(&ctx.t("report.weekly.contacts"))
            .set_categories((name.as_str(), first, 0, sh.row - 1, 0))
            .set_values((name.as_str(), first, 1, sh.row - 1, 1));
        layout::chart_fonts(&mut chart, ctx, 8);
        // The section heading names it; every kind gets its label, the table's order top down.
        chart.title().set_hidden();
        chart.legend().set_hidden();
        // Reversed, with the value axis crossing at the last kind: still at the bottom.
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart
            .x_axis()
            .set_min(0)
            .set_major_unit(most.div_ceil(5).max(1) as f64)
            .set_num_format("#,##0");
        chart.set_width(380).set_height(250);
        sh.ws.insert_chart(first - 1, 2, &chart).map_err(&failed)?;
    }
    sh.row = sh.row.max(first + 11);

    // Complaints opened and resolved.
    let c = facts.complaints;
    sh.section("report.weekly.complaints").map_err(&failed)?;
    for (key, n) in [
        ("report.weekly.opened", c.opened),
        ("report.weekly.resolved", c.resolved),
        ("report.weekly.still_open", c.still_open),
    ] {
        layout::text(sh.ws, sh.row, 0, &ctx.t(key), &s.label).map_err(&failed)?;
        sh.ws
            .write_number_with_format(sh.row, 1, f64::from(n), &s.number)
            .map_err(&failed)?;
        sh.row += 1;
    }

    // Deals: sales, first deals, negotiations.
    let deals = &facts.deals;
    sh.section("report.weekly.deals").map_err(&failed)?;
    layout::text(sh.ws, sh.row, 0, &ctx.t("report.weekly.sales"), &s.label).map_err(&failed)?;
    sh.ws
        .write_number_with_format(sh.row, 1, f64::from(deals.transactions), &s.number)
        .map_err(&failed)?;
    layout::money(sh.ws, sh.row, 2, Some(deals.amount), &s).map_err(&failed)?;
    sh.row += 1;
    layout::text(
        sh.ws,
        sh.row,
        0,
        &ctx.t("report.weekly.first_deals"),
        &s.label,
    )
    .map_err(&failed)?;
    sh.ws
        .write_number_with_format(sh.row, 1, f64::from(deals.first_deals), &s.number)
        .map_err(&failed)?;
    sh.row += 1;
    if !deals.negotiations.is_empty() {
        sh.heads(&[
            "report.col.customer",
            "report.weekly.stage",
            "report.weekly.amount",
        ])
        .map_err(&failed)?;
        for (customer, stage, money) in &deals.negotiations {
            layout::text(sh.ws, sh.row, 0, customer, &s.text).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 1, stage.as_deref().unwrap_or(""), &s.text)
                .map_err(&failed)?;
            layout::money(sh.ws, sh.row, 2, *money, &s).map_err(&failed)?;
            sh.row += 1;
        }
    }

    // Receivables by age, today.
    sh.section("report.weekly.receivables").map_err(&failed)?;
    sh.heads(&[
        "report.weekly.age",
        "report.weekly.amount",
        "report.weekly.invoices",
    ])
    .map_err(&failed)?;
    for age in &facts.receivables {
        layout::text(
            sh.ws,
            sh.row,
            0,
            &ctx.t(&format!("age.{}", age.bucket.as_str())),
            &s.text,
        )
        .map_err(&failed)?;
        layout::money(sh.ws, sh.row, 1, Some(age.amount), &s).map_err(&failed)?;
        sh.ws
            .write_number_with_format(sh.row, 2, f64::from(age.invoices), &s.number)
            .map_err(&failed)?;
        sh.row += 1;
    }

    // Overdue follow-ups, most overdue first.
    let overdue = &facts.overdue;
    sh.section("report.weekly.overdue").map_err(&failed)?;
    if overdue.is_empty() {
        sh.none().map_err(&failed)?;
    } else {
        sh.heads(&[
            "report.col.customer",
            "field.next_action",
            "field.next_action_due",
            "field.owner",
        ])
        .map_err(&failed)?;
        for f in overdue.iter().take(OVERDUE_SHOWN) {
            layout::text(sh.ws, sh.row, 0, &f.customer, &s.wrap).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 1, &f.next_action, &s.wrap).map_err(&failed)?;
            layout::date(sh.ws, sh.row, 2, Some(&f.due), &s).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 3, &f.owner, &s.text).map_err(&failed)?;
            sh.row += 1;
        }
        if overdue.len() > OVERDUE_SHOWN {
            layout::text(
                sh.ws,
                sh.row,
                0,
                &ctx.tp(
                    "sales.more",
                    &[("count", (overdue.len() - OVERDUE_SHOWN).to_string())],
                ),
                &s.subtitle,
            )
            .map_err(&failed)?;
            sh.row += 1;
        }
    }

    // Completeness by owner, as last classified.
    let completeness = &facts.completeness;
    sh.section("report.weekly.completeness").map_err(&failed)?;
    if completeness.is_empty() {
        sh.none().map_err(&failed)?;
    } else {
        sh.heads(&["field.owner", "dash.customers", "class.completeness"])
            .map_err(&failed)?;
        for (who, cards, average) in completeness {
            let who = if who.is_empty() {
                ctx.t("dash.no_owner")
            } else {
                who.clone()
            };
            layout::text(sh.ws, sh.row, 0, &who, &s.text).map_err(&failed)?;
            sh.ws
                .write_number_with_format(sh.row, 1, f64::from(*cards), &s.number)
                .map_err(&failed)?;
            sh.ws
                .write_number_with_format(sh.row, 2, average / 100.0, &s.percent)
                .map_err(&failed)?;
            sh.row += 1;
        }
    }
    // The superior's reviews of the week's daily reports.
    sh.section("report.weekly.reviews").map_err(&failed)?;
    if facts.reviews.is_empty() {
        sh.none().map_err(&failed)?;
    } else {
        sh.heads(&[
            "daily.day",
            "daily.reviewer",
            "daily.reviewed_on",
            "daily.comment",
        ])
        .map_err(&failed)?;
        for review in &facts.reviews {
            layout::date(sh.ws, sh.row, 0, Some(&review.day), &s).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 1, &review.reviewer, &s.text).map_err(&failed)?;
            layout::date(sh.ws, sh.row, 2, Some(&review.reviewed_on), &s).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 3, &review.comment, &s.wrap).map_err(&failed)?;
            sh.row += 1;
        }
    }
    // The cards the superior checked.
    sh.section("report.weekly.checked").map_err(&failed)?;
    if facts.checked.is_empty() {
        sh.none().map_err(&failed)?;
    } else {
        sh.heads(&[
            "card_check.checked_on",
            "report.col.customer",
            "card_check.checker",
            "card_check.comment",
        ])
        .map_err(&failed)?;
        for c in &facts.checked {
            layout::date(sh.ws, sh.row, 0, Some(&c.check.checked_on), &s).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 1, &c.card_name, &s.text).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 2, &c.check.checker, &s.text).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 3, &c.check.comment, &s.wrap).map_err(&failed)?;
            sh.row += 1;
        }
    }
    progress(1, 1);
    super::super::save(&mut workbook, path)?;
    Ok(facts.rows())
}

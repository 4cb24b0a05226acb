//! The weekly report for the manager: what happened in the week (new cards, contacts by kind,
//! complaints opened and resolved, deals and sales) and where things stand (receivables by age,
//! overdue follow-ups, card completeness by owner). One page, with a chart of the contacts.

use std::path::Path;

use rusqlite::{params, Connection};
use rust_xlsxwriter::{Chart, ChartAxisCrossing, ChartType, ColNum, RowNum, Workbook, Worksheet};

use crate::contact::ContactKind;
use crate::error::ReportError;
use crate::sales::receivables;
use crate::sales::summary::Period;

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

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

fn rows<T>(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<Vec<T>> {
    conn.prepare(sql)?.query_map(args, f)?.collect()
}

pub fn write_weekly(
    conn: &Connection,
    ctx: &Ctx,
    period: Period,
    owner: Option<&str>,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let failed = write_error(path);
    let (from, to) = (period.from_text(), period.to_text());
    let end = (period.to + chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string();
    let today = ctx.today.format("%Y-%m-%d").to_string();
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let name = ctx.t("report.weekly.sheet");
    let ws = workbook.add_worksheet();
    ws.set_name(&name).map_err(&failed)?;
    let title = ctx.t("report.weekly.title");
    let mut narrowed = ctx.tp(
        "report.period",
        &[("from", ctx.day(period.from)), ("to", ctx.day(period.to))],
    );
    if let Some(owner) = owner {
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
    let mut count: u32 = 0;

    // New cards.
    let new_cards = rows(
        conn,
        "SELECT code, name, owner, status FROM cards
         WHERE deleted_at IS NULL AND substr(created_at, 1, 10) BETWEEN ?1 AND ?2 AND (?3 IS NULL OR owner = ?3)
         ORDER BY created_at",
        params![from, to, owner],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
    )?;
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
        for (code, name, who, status) in &new_cards {
            let status = ctx.t(&format!("status.{status}"));
            for (col, value) in [code, name, who, &status].into_iter().enumerate() {
                layout::text(sh.ws, sh.row, col as ColNum, value, &s.text).map_err(&failed)?;
            }
            sh.row += 1;
        }
    }
    count += new_cards.len() as u32;

    // Contacts by kind, with a chart.
    let by_kind = rows(
        conn,
        "SELECT t.kind, count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.at >= ?1 AND t.at < ?2 AND (?3 IS NULL OR c.owner = ?3) GROUP BY t.kind",
        params![from, end, owner],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
    )?;
    sh.section("report.weekly.contacts").map_err(&failed)?;
    sh.heads(&["field.kind", "report.weekly.count"])
        .map_err(&failed)?;
    let first = sh.row;
    for kind in ContactKind::ALL {
        let n = by_kind
            .iter()
            .find(|(k, _)| k == kind.as_str())
            .map_or(0, |(_, n)| *n);
        layout::text(
            sh.ws,
            sh.row,
            0,
            &ctx.t(&format!("contact_kind.{}", kind.as_str())),
            &s.text,
        )
        .map_err(&failed)?;
        sh.ws
            .write_number_with_format(sh.row, 1, n as f64, &s.number)
            .map_err(&failed)?;
        sh.row += 1;
    }
    // A week without contacts has nothing to draw: the table's zeros say it.
    let most = by_kind.iter().map(|(_, n)| *n).max().unwrap_or(0);
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
            .set_major_unit(((most + 4) / 5).max(1) as f64)
            .set_num_format("#,##0");
        chart.set_width(380).set_height(250);
        sh.ws.insert_chart(first - 1, 2, &chart).map_err(&failed)?;
    }
    sh.row = sh.row.max(first + 11);
    count += by_kind.iter().map(|(_, n)| *n as u32).sum::<u32>();

    // Complaints opened and resolved.
    let opened: i64 = conn.query_row(
        "SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.kind = 'complaint' AND t.at >= ?1 AND t.at < ?2 AND (?3 IS NULL OR c.owner = ?3)",
        params![from, end, owner],
        |r| r.get(0),
    )?;
    let resolved: i64 = conn.query_row(
        "SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.kind = 'complaint' AND json_extract(t.complaint, '$.resolved_on') BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR c.owner = ?3)",
        params![from, to, owner],
        |r| r.get(0),
    )?;
    let still_open: i64 = conn.query_row(
        "SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.complaint_state IN ('open', 'in_progress') AND (?1 IS NULL OR c.owner = ?1)",
        params![owner],
        |r| r.get(0),
    )?;
    sh.section("report.weekly.complaints").map_err(&failed)?;
    for (key, n) in [
        ("report.weekly.opened", opened),
        ("report.weekly.resolved", resolved),
        ("report.weekly.still_open", still_open),
    ] {
        layout::text(sh.ws, sh.row, 0, &ctx.t(key), &s.label).map_err(&failed)?;
        sh.ws
            .write_number_with_format(sh.row, 1, n as f64, &s.number)
            .map_err(&failed)?;
        sh.row += 1;
    }

    // Deals: sales, first deals, negotiations.
    let (sales, amount): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(sum(iif(t.kind = 'sale', t.amount, -t.amount)), 0) FROM transactions t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.dated_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR c.owner = ?3)",
        params![from, to, owner],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let first_deals: i64 = conn.query_row(
        "SELECT count(*) FROM cards WHERE deleted_at IS NULL AND first_deal_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR owner = ?3)",
        params![from, to, owner],
        |r| r.get(0),
    )?;
    let negotiations = rows(
        conn,
        "SELECT c.name, json_extract(t.negotiation, '$.stage'), json_extract(t.negotiation, '$.amount')
         FROM contacts t JOIN cards c ON c.id = t.card_id
         WHERE c.deleted_at IS NULL AND t.kind = 'negotiation' AND t.at >= ?1 AND t.at < ?2 AND (?3 IS NULL OR c.owner = ?3)
         ORDER BY t.at",
        params![from, end, owner],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<i64>>(2)?)),
    )?;
    sh.section("report.weekly.deals").map_err(&failed)?;
    layout::text(sh.ws, sh.row, 0, &ctx.t("report.weekly.sales"), &s.label).map_err(&failed)?;
    sh.ws
        .write_number_with_format(sh.row, 1, sales as f64, &s.number)
        .map_err(&failed)?;
    layout::money(sh.ws, sh.row, 2, Some(amount), &s).map_err(&failed)?;
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
        .write_number_with_format(sh.row, 1, first_deals as f64, &s.number)
        .map_err(&failed)?;
    sh.row += 1;
    if !negotiations.is_empty() {
        sh.heads(&[
            "report.col.customer",
            "report.weekly.stage",
            "report.weekly.amount",
        ])
        .map_err(&failed)?;
        for (customer, stage, money) in &negotiations {
            layout::text(sh.ws, sh.row, 0, customer, &s.text).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 1, stage.as_deref().unwrap_or(""), &s.text)
                .map_err(&failed)?;
            layout::money(sh.ws, sh.row, 2, *money, &s).map_err(&failed)?;
            sh.row += 1;
        }
    }

    // Receivables by age, today.
    let owed = receivables::receivables(conn, ctx.today, owner)?;
    sh.section("report.weekly.receivables").map_err(&failed)?;
    sh.heads(&[
        "report.weekly.age",
        "report.weekly.amount",
        "report.weekly.invoices",
    ])
    .map_err(&failed)?;
    for age in &owed.ages {
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
    let overdue = rows(
        conn,
        "SELECT c.name, t.next_action, t.next_action_due, c.owner FROM contacts t INDEXED BY contacts_open_actions
         JOIN cards c ON c.id = t.card_id
         WHERE t.next_action_due IS NOT NULL AND t.next_action_due < ?1 AND t.next_action_done_at IS NULL
           AND c.deleted_at IS NULL AND (?2 IS NULL OR c.owner = ?2)
         ORDER BY t.next_action_due",
        params![today, owner],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
    )?;
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
        for (customer, action, due, who) in overdue.iter().take(OVERDUE_SHOWN) {
            layout::text(sh.ws, sh.row, 0, customer, &s.wrap).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 1, action, &s.wrap).map_err(&failed)?;
            layout::date(sh.ws, sh.row, 2, Some(due), &s).map_err(&failed)?;
            layout::text(sh.ws, sh.row, 3, who, &s.text).map_err(&failed)?;
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
    let completeness = rows(
        conn,
        "SELECT c.owner, count(*), round(avg(k.completeness)) FROM card_classes k JOIN cards c ON c.id = k.card_id
         WHERE c.deleted_at IS NULL AND (?1 IS NULL OR c.owner = ?1) GROUP BY c.owner ORDER BY c.owner",
        params![owner],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, f64>(2)?)),
    )?;
    sh.section("report.weekly.completeness").map_err(&failed)?;
    if completeness.is_empty() {
        sh.none().map_err(&failed)?;
    } else {
        sh.heads(&["field.owner", "dash.customers", "class.completeness"])
            .map_err(&failed)?;
        for (who, cards, average) in &completeness {
            let who = if who.is_empty() {
                ctx.t("dash.no_owner")
            } else {
                who.clone()
            };
            layout::text(sh.ws, sh.row, 0, &who, &s.text).map_err(&failed)?;
            sh.ws
                .write_number_with_format(sh.row, 1, *cards as f64, &s.number)
                .map_err(&failed)?;
            sh.ws
                .write_number_with_format(sh.row, 2, average / 100.0, &s.percent)
                .map_err(&failed)?;
            sh.row += 1;
        }
    }
    progress(1, 1);
    super::save(&mut workbook, path)?;
    Ok(count)
}

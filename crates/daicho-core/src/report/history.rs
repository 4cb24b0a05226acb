//! Contact history: every contact of live cards in a period, optionally one owner's and one
//! kind's, oldest first, with what was said and what comes next. Constant memory.

use std::path::Path;

use rusqlite::{params, Connection};
use rust_xlsxwriter::{RowNum, Workbook};

use crate::contact::ContactKind;
use crate::error::ReportError;
use crate::sales::summary::Period;

use super::layout::{self, Ctx, Styles};
use super::{write_error, Progress};

/// What narrows the history.
pub struct HistoryFilter<'a> {
    pub period: Period,
    pub owner: Option<&'a str>,
    pub kind: Option<ContactKind>,
}

pub fn write_history(
    conn: &Connection,
    ctx: &Ctx,
    f: &HistoryFilter<'_>,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let (from, to) = (
        f.period.from_text(),
        (f.period.to + chrono::Duration::days(1))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let kind = f.kind.map(ContactKind::as_str);
    let filter = "c.deleted_at IS NULL AND t.at >= ?1 AND t.at < ?2 AND (?3 IS NULL OR c.owner = ?3) AND (?4 IS NULL OR t.kind = ?4)";
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id WHERE {filter}"),
        params![from, to, f.owner, kind],
        |r| r.get(0),
    )?;
    let total = total.max(0) as u64;
    let failed = write_error(path);
    let mut workbook = Workbook::new();
    let ws = workbook
        .add_worksheet_with_constant_memory()
        .map_err(&failed)?;
    let s = Styles::gridded(ctx);
    let title = ctx.t("report.history.title");
    let mut narrowed = vec![ctx.tp(
        "report.period",
        &[
            ("from", ctx.day(f.period.from)),
            ("to", ctx.day(f.period.to)),
        ],
    )];
    if let Some(owner) = f.owner {
        narrowed.push(format!("{}: {owner}", ctx.t("field.owner")));
    }
    if let Some(kind) = f.kind {
        narrowed.push(ctx.t(&format!("contact_kind.{}", kind.as_str())));
    }
    let filter_text = narrowed.join(" · ");
    let count = format!(
        "{} · {filter_text}",
        ctx.tp("report.history.count", &[("count", total.to_string())])
    );
    let heads: &[(&str, f64)] = &[
        ("report.col.at", 16.0),
        ("report.col.customer", 28.0),
        ("field.code", 10.0),
        ("field.owner", 12.0),
        ("field.kind", 10.0),
        ("field.rep", 12.0),
        ("field.purpose", 22.0),
        ("field.content", 44.0),
        ("field.outcome", 24.0),
        ("field.next_action", 24.0),
        ("field.next_action_due", 11.0),
        ("report.col.done", 11.0),
    ];
    let sheet = layout::ListSheet {
        name: &ctx.t("report.history.sheet"),
        title: &title,
        subtitle: &count,
        // The title rows are not printed (`close_gridded_list`): the header says it all.
        filter: &count,
        landscape: true,
        heads,
    };
    layout::list_sheet(ws, ctx, &s, &sheet).map_err(&failed)?;
    // The customer and what was said wrap; the rest is one line.
    let (one_line, wrap, day) = (&s.text, &s.wrap, &s.date);
    let formats = [
        &s.datetime,
        wrap,
        one_line,
        one_line,
        one_line,
        one_line,
        wrap,
        wrap,
        wrap,
        wrap,
        day,
        day,
    ];
    layout::column_formats(ws, &formats).map_err(&failed)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT t.at, c.name, c.code, c.owner, t.kind, t.rep, t.purpose, t.content, t.outcome, t.next_action,
            t.next_action_due, t.next_action_done_at, t.complaint_state
         FROM contacts t JOIN cards c ON c.id = t.card_id WHERE {filter} ORDER BY t.at, c.sort_key"
    ))?;
    // The kinds of contact and complaint states, translated once for the whole export.
    let labels = layout::Labels::new(
        ctx,
        ContactKind::ALL
            .iter()
            .map(|k| format!("contact_kind.{}", k.as_str()))
            .chain(
                crate::contact::ComplaintState::ALL
                    .iter()
                    .map(|s| format!("complaint_state.{}", s.as_str())),
            ),
    );
    let mut rows = stmt.query(params![from, to, f.owner, kind])?;
    let mut n: u32 = 0;
    while let Some(r) = rows.next()? {
        let at = 3 + n as RowNum;
        let text = |i: usize| -> rusqlite::Result<String> { r.get(i) };
        layout::column_datetime(ws, at, 0, &text(0)?).map_err(&failed)?;
        let kind: String = r.get(4)?;
        let kind = kind.as_str();
        let state: Option<String> = r.get(12)?;
        let kind_text = match state.as_deref() {
            Some(state) => format!(
                "{} ({})",
                labels.get("contact_kind", kind),
                labels.get("complaint_state", state)
            ),
            None => labels.get("contact_kind", kind).to_owned(),
        };
        for (col, value) in [
            (1, text(1)?),
            (2, text(2)?),
            (3, text(3)?),
            (4, kind_text),
            (5, text(5)?),
            (6, text(6)?),
            (7, text(7)?),
            (8, text(8)?),
            (9, text(9)?),
        ] {
            layout::column_text(ws, at, col, &value).map_err(&failed)?;
        }
        for col in [10, 11] {
            let day: Option<String> = r.get(usize::from(col))?;
            layout::column_date(ws, at, col, day.as_deref()).map_err(&failed)?;
        }
        n += 1;
        if n.is_multiple_of(1000) {
            progress(u64::from(n), total);
        }
    }
    if n == 0 {
        return Err(ReportError::Empty);
    }
    layout::close_gridded_list(ws, n, heads.len(), 2).map_err(&failed)?;
    progress(u64::from(n), total);
    super::save(&mut workbook, path)?;
    Ok(n)
}

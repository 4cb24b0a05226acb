//! The intelligence report (002): the notes to take to a meeting, most urgent and important
//! first, with where each came from, how far it can be trusted, how to use it, what to find out
//! next and the superior's judgement, so that a manager copies it for the meeting as it is.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{ColNum, RowNum, Workbook};

use crate::error::ReportError;
use crate::notes::{Grade, NoteQuery, NoteRow};

use super::layout::{self, Ctx, Styles};
use super::{write_error, Progress};

pub fn write_intelligence(
    conn: &Connection,
    ctx: &Ctx,
    query: &NoteQuery,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let query = NoteQuery {
        limit: Some(crate::notes::store::MAX_NOTES),
        ..query.clone()
    };
    let mut rows = crate::notes::store::list(conn, &query)?.rows;
    if rows.is_empty() {
        return Err(ReportError::Empty);
    }
    // The most urgent, then the most important first; the newest first within.
    let rank = |g: Grade| match g {
        Grade::High => 0,
        Grade::Medium => 1,
        Grade::Low => 2,
    };
    rows.sort_by_key(|r| (rank(r.note.fields.urgency), rank(r.note.fields.importance)));
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet();
    let title = ctx.t("report.intel.title");
    let filter = span(ctx, &query);
    let sheet = layout::ListSheet {
        name: &ctx.t("report.intel.sheet"),
        title: &title,
        subtitle: &filter,
        filter: &filter,
        landscape: true,
        heads: &[
            ("field.note.noted_on", 11.0),
            ("report.col.customer", 22.0),
            ("field.note.category", 10.0),
            ("field.note.content", 36.0),
            ("report.intel.source", 16.0),
            ("report.intel.trust", 14.0),
            ("report.intel.weight", 12.0),
            ("field.note.how_to_use", 24.0),
            ("field.note.find_out_next", 22.0),
            ("field.note.judgement", 24.0),
        ],
    };
    layout::list_sheet(ws, ctx, &s, &sheet).map_err(&failed)?;
    let total = rows.len() as u64;
    for (n, row) in rows.iter().enumerate() {
        write_row(ws, ctx, &s, 3 + n as RowNum, row).map_err(&failed)?;
        progress(n as u64 + 1, total);
    }
    layout::close_list(ws, rows.len() as u32, 10, 2).map_err(&failed)?;
    super::save(&mut workbook, path)?;
    Ok(rows.len() as u32)
}

fn write_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    ctx: &Ctx,
    s: &Styles,
    row: RowNum,
    r: &NoteRow,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let f = &r.note.fields;
    let grade = |g: Grade| ctx.t(&format!("grade.{}", g.as_str()));
    let source = [f.source_who.as_str(), &f.source_where, &f.situation]
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    let trust = format!(
        "{} · {}",
        ctx.t(&format!("certainty.{}", f.certainty.as_str())),
        ctx.tp(
            "report.intel.reliability",
            &[("grade", grade(f.reliability))]
        )
    );
    let weight = ctx.tp(
        "report.intel.weight_value",
        &[
            ("urgency", grade(f.urgency)),
            ("importance", grade(f.importance)),
        ],
    );
    let judgement = match &f.judgement_on {
        Some(on) if !f.judgement.is_empty() => format!("{} ({on})", f.judgement),
        _ => f.judgement.clone(),
    };
    layout::date(ws, row, 0, Some(&f.noted_on), s)?;
    let category = ctx.t(&format!("note_category.{}", f.category.as_str()));
    for (col, value) in [
        (1, r.card_name.as_str()),
        (2, &category),
        (3, &f.content),
        (4, &source),
        (5, &trust),
        (6, &weight),
        (7, &f.how_to_use),
        (8, &f.find_out_next),
        (9, &judgement),
    ] {
        layout::text(ws, row, col as ColNum, value, &s.wrap)?;
    }
    Ok(())
}

/// What the report covers, for its header.
fn span(ctx: &Ctx, q: &NoteQuery) -> String {
    let mut parts = Vec::new();
    if let (Some(from), Some(to)) = (&q.from, &q.to) {
        parts.push(ctx.tp(
            "report.period",
            &[("from", from.clone()), ("to", to.clone())],
        ));
    }
    if q.share == Some(true) {
        parts.push(ctx.t("notes.only_shared"));
    }
    if q.awaiting_judgement {
        parts.push(ctx.t("notes.awaiting_judgement"));
    }
    if parts.is_empty() {
        parts.push(ctx.t("report.intel.all"));
    }
    parts.join(" · ")
}

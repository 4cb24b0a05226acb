//! The customer list: the card list's current filter and sort, with the chosen columns, one row
//! per card. Written in constant-memory mode: 100,000 rows take no more memory than 100.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{ColNum, RowNum, Workbook, Worksheet, XlsxError};

use crate::card_list::{self, CardQuery, ContactCue};
use crate::db::json::Json;
use crate::error::ReportError;

use super::layout::{self, Ctx, Page, Styles};
use super::{write_error, Progress};

api_enum!(
    /// A column of the customer list.
    ListColumn {
        Code = "code",
        Name = "name",
        Reading = "reading",
        Kind = "kind",
        Status = "status",
        Owner = "owner",
        Industry = "industry",
        Phone = "phone",
        Email = "email",
        PostalCode = "postal_code",
        Address = "address",
        Tags = "tags",
        LastContact = "last_contact",
        Abc = "abc",
        ValueTier = "value_tier",
        Completeness = "completeness",
        Updated = "updated",
    }
);

/// The columns a manager's list has unless others are chosen.
pub const USUAL: &[ListColumn] = &[
    ListColumn::Code,
    ListColumn::Name,
    ListColumn::Reading,
    ListColumn::Status,
    ListColumn::Owner,
    ListColumn::Industry,
    ListColumn::Phone,
    ListColumn::Address,
    ListColumn::LastContact,
    ListColumn::Abc,
    ListColumn::ValueTier,
];

impl ListColumn {
    fn heading(self, ctx: &Ctx) -> String {
        let key = match self {
            ListColumn::Code => "field.code",
            ListColumn::Name => "field.name",
            ListColumn::Reading => "field.reading",
            ListColumn::Kind => "field.kind",
            ListColumn::Status => "field.status",
            ListColumn::Owner => "field.owner",
            ListColumn::Industry => "field.industry",
            ListColumn::Phone => "list.column.phone",
            ListColumn::Email => "field.email",
            ListColumn::PostalCode => "field.postal_code",
            ListColumn::Address => "report.address",
            ListColumn::Tags => "field.tags",
            ListColumn::LastContact => "list.column.last_contact",
            ListColumn::Abc => "class.abc",
            ListColumn::ValueTier => "class.value",
            ListColumn::Completeness => "class.completeness",
            ListColumn::Updated => "list.column.updated",
        };
        ctx.t(key)
    }

    /// The format its column carries.
    fn format(self, s: &Styles) -> &rust_xlsxwriter::Format {
        match self {
            ListColumn::LastContact | ListColumn::Updated => &s.date,
            ListColumn::Completeness => &s.percent,
            _ => &s.text,
        }
    }

    /// A width for the column's usual content (names and addresses in CJK run long).
    fn width(self) -> f64 {
        match self {
            ListColumn::Name | ListColumn::Address => 34.0,
            ListColumn::Reading | ListColumn::Email | ListColumn::Tags => 24.0,
            ListColumn::Phone => 24.0,
            ListColumn::Industry | ListColumn::Owner => 16.0,
            _ => 11.0,
        }
    }
}

/// One card as the list reads it.
/// Texts are read in place from SQLite's row: 100,000 rows are not copied cell by cell.
struct Row<'r> {
    code: &'r str,
    name: &'r str,
    reading: &'r str,
    kind: &'r str,
    status: &'r str,
    owner: &'r str,
    industry: &'r str,
    phones: Vec<String>,
    email: &'r str,
    postal_code: &'r str,
    address: String,
    tags: &'r str,
    last_contact: Option<&'r str>,
    abc: Option<&'r str>,
    tier: Option<&'r str>,
    completeness: Option<i64>,
    updated: &'r str,
}

/// Column `i` of `r` as text in place (NULL as none).
fn text_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(i)?.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The card list's filter in words, for the header.
pub(crate) fn filter_text(ctx: &Ctx, q: &CardQuery) -> String {
    let mut parts = Vec::new();
    if !q.text.trim().is_empty() {
        parts.push(format!("\u{201c}{}\u{201d}", q.text.trim()));
    }
    if let Some(status) = q.status {
        parts.push(format!(
            "{}: {}",
            ctx.t("field.status"),
            ctx.t(&format!("status.{}", status.as_str()))
        ));
    }
    if let Some(kind) = q.kind {
        parts.push(ctx.t(&format!("kind.{}", kind.as_str())));
    }
    if let Some(owner) = &q.owner {
        parts.push(format!("{}: {owner}", ctx.t("field.owner")));
    }
    if let Some(tag) = &q.tag {
        parts.push(format!("{}: {tag}", ctx.t("field.tags")));
    }
    if let Some(abc) = q.abc {
        parts.push(ctx.tp("abc.class", &[("class", abc.as_str().to_uppercase())]));
    }
    if let Some(tier) = q.value_tier {
        parts.push(ctx.t(&format!("tier.{}", tier.as_str())));
    }
    if let Some(list) = q.list {
        parts.push(ctx.t(if list.as_str() == "core" {
            "class.core_list"
        } else {
            "class.problem_list"
        }));
    }
    if let Some(age) = q.receivable_age {
        parts.push(ctx.t(&format!("age.{}", age.as_str())));
    }
    parts.join(" · ")
}

#[allow(clippy::too_many_arguments)]
fn cell<'a>(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    column: ListColumn,
    r: &'a Row<'a>,
    ctx: &Ctx,
    labels: &'a layout::Labels,
    s: &Styles,
) -> Result<(), XlsxError> {
    use std::borrow::Cow;
    let t = |value: &'a str| Cow::Borrowed(value);
    let value: Cow<'a, str> = match column {
        ListColumn::Code => t(r.code),
        ListColumn::Name => t(r.name),
        ListColumn::Reading => t(r.reading),
        ListColumn::Kind => t(labels.get("kind", r.kind)),
        ListColumn::Status => t(labels.get("status", r.status)),
        ListColumn::Owner => t(r.owner),
        ListColumn::Industry => t(r.industry),
        ListColumn::Phone => Cow::Owned(r.phones.join(", ")),
        ListColumn::Email => t(r.email),
        ListColumn::PostalCode => t(r.postal_code),
        ListColumn::Address => t(&r.address),
        ListColumn::Tags => t(r.tags),
        ListColumn::LastContact => {
            return last_contact(ws, row, col, r.last_contact, ctx, labels, s)
        }
        ListColumn::Updated => return layout::column_date(ws, row, col, Some(r.updated)),
        ListColumn::Abc => Cow::Owned(r.abc.map(str::to_uppercase).unwrap_or_default()),
        ListColumn::ValueTier => t(r.tier.map_or("", |v| labels.get("tier", v))),
        ListColumn::Completeness => {
            if let Some(v) = r.completeness {
                ws.write_number(row, col, v as f64 / 100.0)?;
            }
            return Ok(());
        }
    };
    layout::column_text(ws, row, col, &value)
}

/// A card as `write_list`'s statement returns it (its columns in that order).
fn read_row<'r>(r: &'r rusqlite::Row<'_>) -> rusqlite::Result<Row<'r>> {
    let text = |i: usize| -> rusqlite::Result<&str> { Ok(text_at(r, i)?.unwrap_or_default()) };
    let mut address = String::new();
    for i in 10..=13 {
        let part = text(i)?;
        if !part.is_empty() {
            if !address.is_empty() {
                address.push(' ');
            }
            address.push_str(part);
        }
    }
    Ok(Row {
        code: text(0)?,
        name: text(1)?,
        reading: text(2)?,
        kind: text(3)?,
        status: text(4)?,
        owner: text(5)?,
        industry: text(6)?,
        phones: r.get::<_, Json<Vec<String>>>(7)?.0,
        email: text(8)?,
        postal_code: text(9)?,
        address,
        tags: text(19)?,
        last_contact: text_at(r, 14)?,
        abc: text_at(r, 15)?,
        tier: text_at(r, 16)?,
        completeness: r.get(17)?,
        updated: text(18)?,
    })
}

/// Writes the list of the cards `query` selects (all of them, in its order) to `path`.
pub fn write_list(
    conn: &Connection,
    ctx: &Ctx,
    query: &CardQuery,
    columns: &[ListColumn],
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    let columns = if columns.is_empty() { USUAL } else { columns };
    let selection = card_list::selection(conn, query, ctx.today)?;
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM {} WHERE {}",
            selection.from, selection.filter
        ),
        rusqlite::params_from_iter(&selection.args),
        |r| r.get(0),
    )?;
    let total = total.max(0) as u64;
    let failed = write_error(path);
    let mut workbook = Workbook::new();
    let ws = workbook
        .add_worksheet_with_constant_memory()
        .map_err(&failed)?;
    let s = Styles::gridded(ctx);
    // The coded columns' words, translated once for the whole export.
    let labels = layout::Labels::new(
        ctx,
        (crate::card::CardKind::ALL
            .iter()
            .map(|k| format!("kind.{}", k.as_str())))
        .chain(
            crate::card::CardStatus::ALL
                .iter()
                .map(|v| format!("status.{}", v.as_str())),
        )
        .chain(
            crate::classify::ValueTier::ALL
                .iter()
                .map(|v| format!("tier.{}", v.as_str())),
        )
        .chain(["list.never".to_owned()]),
    );
    let title = ctx.t("report.list.title");
    let filter = filter_text(ctx, query);
    let summary = ctx.tp(
        "report.list.count",
        &[("count", total.to_string()), ("date", ctx.day(ctx.today))],
    );
    let subtitle = if filter.is_empty() {
        summary
    } else {
        format!("{summary} · {filter}")
    };
    ws.set_name(ctx.t("report.list.sheet")).map_err(&failed)?;
    layout::setup(
        ws,
        ctx,
        &Page {
            title: &title,
            // The title rows are not printed (`close_gridded_list`): the header says it all.
            filter: &subtitle,
            landscape: true,
            repeat: Some((2, 2)),
        },
    )
    .map_err(&failed)?;
    // The fields of the rep's own shown in the window's list follow the chosen columns.
    let own: Vec<crate::custom_fields::CustomField> = crate::custom_fields::store::list(conn)?
        .into_iter()
        .filter(|f| f.in_list)
        .collect();
    let heads: Vec<(String, f64)> = columns
        .iter()
        .map(|c| (c.heading(ctx), c.width()))
        .chain(own.iter().map(|f| (f.label.clone(), own_width(f))))
        .collect();
    layout::widths(ws, &heads).map_err(&failed)?;
    layout::title(ws, &title, &s).map_err(&failed)?;
    layout::text(ws, 1, 0, &subtitle, &s.subtitle).map_err(&failed)?;
    layout::headings(ws, 2, &heads, &s).map_err(&failed)?;
    let formats: Vec<&rust_xlsxwriter::Format> = columns
        .iter()
        .map(|c| c.format(&s))
        .chain(own.iter().map(|f| match f.kind {
            crate::custom_fields::CustomFieldKind::Date => &s.date,
            _ => &s.text,
        }))
        .collect();
    layout::column_formats(ws, &formats).map_err(&failed)?;
    // A card's tags take a lookup and a sort of their own: only when the column is printed.
    let tags = if columns.contains(&ListColumn::Tags) {
        "(SELECT group_concat(tag, ', ') FROM (SELECT tag FROM card_tags t WHERE t.card_id = cards.id ORDER BY tag))"
    } else {
        "NULL"
    };
    let values = if own.is_empty() {
        "NULL"
    } else {
        "(SELECT json_group_object(field_id, value) FROM card_custom_values v WHERE v.card_id = cards.id)"
    };
    let mut n: u32 = 0;
    // By reading, one statement per script: each walks the reading index, none sorts the cards.
    for part in selection.full_parts() {
        let mut stmt = conn.prepare(&format!(
        "SELECT code, name, reading, kind, status, owner, industry, phones, email, postal_code,
            region, city, street, building, last_contact_at, k.abc, k.value_tier, k.completeness, updated_at,
            {tags}, {values}
         FROM {} WHERE {part} ORDER BY {}",
        selection.from, selection.order
    ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&selection.args))?;
        while let Some(r) = rows.next()? {
            let row = read_row(r)?;
            let at = 3 + n as RowNum;
            for (col, column) in columns.iter().enumerate() {
                cell(ws, at, col as ColNum, *column, &row, ctx, &labels, &s).map_err(&failed)?;
            }
            if !own.is_empty() {
                let values: std::collections::HashMap<String, String> =
                    serde_json::from_str(text_at(r, 20)?.unwrap_or_default()).unwrap_or_default();
                for (n, field) in own.iter().enumerate() {
                    let col = (columns.len() + n) as ColNum;
                    let value = values.get(field.id.as_str()).map_or("", String::as_str);
                    own_cell(ws, at, col, field.kind, value).map_err(&failed)?;
                }
            }
            n += 1;
            if n.is_multiple_of(1000) {
                progress(u64::from(n), total);
            }
        }
    }
    if n == 0 {
        return Err(ReportError::Empty);
    }
    layout::close_gridded_list(ws, n, columns.len() + own.len(), 2).map_err(&failed)?;
    progress(u64::from(n), total);
    super::save(&mut workbook, path)?;
    Ok(n)
}

fn own_width(field: &crate::custom_fields::CustomField) -> f64 {
    match field.kind {
        crate::custom_fields::CustomFieldKind::Text => 24.0,
        _ => 12.0,
    }
}

/// A value of a field of the rep's own: a number as a number, a date as a date, else text.
fn own_cell(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    kind: crate::custom_fields::CustomFieldKind,
    value: &str,
) -> Result<(), XlsxError> {
    use crate::custom_fields::CustomFieldKind as K;
    match (kind, value.parse::<f64>()) {
        _ if value.is_empty() => Ok(()),
        (K::Number, Ok(n)) => ws.write_number(row, col, n).map(|_| ()),
        (K::Date, _) => layout::column_date(ws, row, col, Some(value)),
        _ => layout::column_text(ws, row, col, value),
    }
}

/// The last contact's date, coloured as the window's dot is (recent, getting old, cold); "none"
/// in red for a customer never contacted.
fn last_contact(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    at: Option<&str>,
    ctx: &Ctx,
    labels: &layout::Labels,
    s: &Styles,
) -> Result<(), XlsxError> {
    let day = at.and_then(layout::parse_day);
    // As `card_list::days_since` counts them, from the date read once.
    let days = day.map(|day| u32::try_from((ctx.today - day).num_days()).unwrap_or(0));
    // A recent date takes its column's format; only the others are given theirs.
    let format = match ctx.contact_cue.cue(days) {
        ContactCue::Recent => None,
        ContactCue::Ageing => Some(&s.date_ageing),
        ContactCue::Cold => Some(&s.date_cold),
    };
    match day {
        Some(day) => match format {
            Some(format) => ws.write_datetime_with_format(row, col, day, format)?,
            None => ws.write_datetime(row, col, day)?,
        },
        None => ws.write_string_with_format(row, col, labels.get("list", "never"), &s.date_cold)?,
    };
    Ok(())
}

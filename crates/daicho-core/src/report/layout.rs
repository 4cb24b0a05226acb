//! What every report shares: the language and the day it is made for, cell styles in the
//! report's language (fonts, dates, the ledger's currency), A4 page setup with a header naming
//! the report, date, rep and filter, page numbers in the footer, and text written as text.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Chart, ChartFont, ColNum, Format, FormatAlign, FormatBorder, RowNum, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{self, Lang};

use super::currency::Currency;

/// Whom and what a report is made for.
pub struct Ctx {
    pub lang: Lang,
    pub today: NaiveDate,
    /// Who made it (the ledger's actor), printed in the header.
    pub rep: String,
    pub currency: Currency,
    /// The last-contact cue, coloured in the list as the window's dots are.
    pub contact_cue: crate::card_list::ContactThresholds,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        i18n::message(self.lang, key, &BTreeMap::new())
    }

    pub fn tp(&self, key: &str, params: &[(&str, String)]) -> String {
        let params = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        i18n::message(self.lang, key, &params)
    }

    /// A day as the report's language writes it in text (headers, titles).
    pub fn day(&self, day: NaiveDate) -> String {
        match self.lang {
            Lang::Ja | Lang::Zh => day.format("%Y年%-m月%-d日").to_string(),
            Lang::Ko => day.format("%Y년 %-m월 %-d일").to_string(),
            Lang::En => day.format("%-d %B %Y").to_string(),
        }
    }
}

/// A font that has the language's glyphs on the manager's machine (Windows and macOS names;
/// LibreOffice substitutes its own CJK faces).
pub fn font(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "Meiryo",
        Lang::Zh => "Microsoft YaHei",
        Lang::Ko => "Malgun Gothic",
        Lang::En => "Calibri",
    }
}

/// Excel's date format in the report's language.
fn date_format(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "yyyy/mm/dd",
        Lang::Zh => "yyyy-mm-dd",
        Lang::Ko => "yyyy. mm. dd.",
        Lang::En => "dd mmm yyyy",
    }
}

pub struct Styles {
    pub title: Format,
    pub subtitle: Format,
    /// A bordered cell in grey: "none recorded" in an empty table.
    pub quiet: Format,
    pub section: Format,
    pub head: Format,
    pub text: Format,
    pub wrap: Format,
    pub label: Format,
    pub date: Format,
    /// A last contact getting old, and gone cold: the window's amber and red.
    pub date_ageing: Format,
    pub date_cold: Format,
    pub datetime: Format,
    pub money: Format,
    pub number: Format,
    pub percent: Format,
}

impl Styles {
    /// Cells drawn with hair borders: cards, summaries and the shorter lists.
    pub fn new(ctx: &Ctx) -> Styles {
        Styles::with_cell_border(ctx, FormatBorder::Hair)
    }

    /// Cells without borders, for the long lists whose formats are set on their columns
    /// ([`column_formats`]) and whose gridlines print instead.
    pub fn gridded(ctx: &Ctx) -> Styles {
        Styles::with_cell_border(ctx, FormatBorder::None)
    }

    fn with_cell_border(ctx: &Ctx, border: FormatBorder) -> Styles {
        let base = Format::new()
            .set_font_name(font(ctx.lang))
            .set_font_size(10)
            .set_align(FormatAlign::Top);
        let cell = base.clone().set_border(border);
        Styles {
            title: base.clone().set_font_size(16).set_bold(),
            subtitle: base.clone().set_font_color("#475569"),
            quiet: cell.clone().set_font_color("#64748B"),
            section: base
                .clone()
                .set_font_size(12)
                .set_bold()
                .set_align(FormatAlign::Bottom)
                .set_border_bottom(FormatBorder::Medium),
            head: cell
                .clone()
                .set_border(FormatBorder::Hair)
                .set_bold()
                .set_background_color("#DCE6F1")
                .set_text_wrap(),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            label: cell
                .clone()
                .set_bold()
                .set_background_color("#F1F5F9")
                .set_text_wrap(),
            date: cell
                .clone()
                .set_num_format(date_format(ctx.lang))
                .set_align(FormatAlign::Left),
            date_ageing: cell
                .clone()
                .set_num_format(date_format(ctx.lang))
                .set_align(FormatAlign::Left)
                .set_font_color("#B45309")
                .set_bold(),
            date_cold: cell
                .clone()
                .set_num_format(date_format(ctx.lang))
                .set_align(FormatAlign::Left)
                .set_font_color("#B91C1C")
                .set_bold(),
            datetime: cell
                .clone()
                .set_num_format(format!("{} hh:mm", date_format(ctx.lang)))
                .set_align(FormatAlign::Left),
            // Figures keep a little space from the label that follows them.
            money: cell
                .clone()
                .set_num_format(ctx.currency.excel_format())
                .set_align(FormatAlign::Right)
                .set_indent(1),
            number: cell
                .clone()
                .set_num_format("#,##0")
                .set_align(FormatAlign::Right)
                .set_indent(1),
            percent: cell.set_num_format("0%"),
        }
    }
}

/// How a report's sheet prints.
pub struct Page<'a> {
    pub title: &'a str,
    /// What the report was narrowed to, in words (printed under the title in the header).
    pub filter: &'a str,
    pub landscape: bool,
    /// Rows repeated at the top of every printed page (a list's column headings).
    pub repeat: Option<(RowNum, RowNum)>,
}

/// Most characters Excel keeps in one section of a header.
const HEADER_PART: usize = 80;

/// `&` starts a control code in Excel headers: user text must double it.
pub fn header_text(text: &str) -> String {
    let cut: String = text.chars().take(HEADER_PART).collect();
    let cut = if cut.chars().count() < text.chars().count() {
        format!("{cut}…")
    } else {
        cut
    };
    cut.replace('&', "&&")
}

/// A4, title / date and rep / filter in the header, page numbers in the footer, fit to the
/// page's width.
pub fn setup(ws: &mut Worksheet, ctx: &Ctx, page: &Page<'_>) -> Result<(), XlsxError> {
    ws.set_paper_size(9);
    if page.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(0.5, 0.5, 0.8, 0.6, 0.3, 0.3);
    let made = if ctx.rep.trim().is_empty() {
        ctx.tp("report.made_on", &[("date", ctx.day(ctx.today))])
    } else {
        ctx.tp(
            "report.made",
            &[("date", ctx.day(ctx.today)), ("rep", ctx.rep.clone())],
        )
    };
    let mut header = format!(
        "&L&\"-,Bold\"{}&R{}",
        header_text(page.title),
        header_text(&made)
    );
    if !page.filter.is_empty() {
        header.push_str(&format!("&C{}", header_text(page.filter)));
    }
    ws.set_header(header);
    ws.set_footer(format!(
        "&C{}",
        ctx.tp(
            "report.page",
            &[("page", "&P".into()), ("pages", "&N".into())]
        )
    ));
    ws.set_print_fit_to_pages(1, 0);
    if let Some((first, last)) = page.repeat {
        ws.set_repeat_rows(first, last)?;
    }
    Ok(())
}

/// Longest text a cell holds (Excel's limit).
const MAX_CELL: usize = 32_767;

/// Writes customer text as text, whatever it looks like (`=1+1` stays `=1+1`), cut to Excel's
/// cell limit.
pub fn text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    put_text(ws, row, col, value, Some(format))
}

/// [`text`] in a column that carries its format ([`column_formats`]).
pub fn column_text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &str,
) -> Result<(), XlsxError> {
    put_text(ws, row, col, value, None)
}

fn put_text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &str,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    // A text of at most MAX_CELL bytes has at most MAX_CELL characters: only longer ones are
    // counted (every cell of a large export passes here).
    let cut;
    let value = if value.len() > MAX_CELL && value.chars().count() > MAX_CELL {
        cut = format!("{}…", value.chars().take(MAX_CELL - 1).collect::<String>());
        cut.as_str()
    } else {
        value
    };
    match format {
        Some(format) => ws.write_string_with_format(row, col, value, format)?,
        None => ws.write_string(row, col, value)?,
    };
    Ok(())
}

/// Sets each data column's format once, for a long list written with [`column_text`],
/// [`column_date`] and [`column_datetime`] and closed with [`close_gridded_list`] (a column's
/// format cannot carry borders: they would run on below the list). A format given with every cell is
/// looked up in rust_xlsxwriter's table of formats cell by cell: a fifth of the time of a
/// 100,000-row export.
pub fn column_formats(ws: &mut Worksheet, formats: &[&Format]) -> Result<(), XlsxError> {
    for (n, format) in formats.iter().enumerate() {
        ws.set_column_format(n as ColNum, format)?;
    }
    Ok(())
}

/// The day a stored `YYYY-MM-DD…` text starts with.
pub(crate) fn parse_day(value: &str) -> Option<NaiveDate> {
    // chrono's ISO parser: `parse_from_str` reads its format string again for every cell.
    value.get(..10)?.parse().ok()
}

/// [`date`] in a column that carries the date format; nothing when there is no date.
pub fn column_date(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<&str>,
) -> Result<(), XlsxError> {
    if let Some(day) = value.and_then(parse_day) {
        ws.write_datetime(row, col, day)?;
    }
    Ok(())
}

/// A contact's local `YYYY-MM-DDTHH:MM` as an Excel date and time, in a column that carries the
/// date-and-time format (other text as it is).
pub fn column_datetime(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: &str,
) -> Result<(), XlsxError> {
    match chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M") {
        Ok(at) => ws.write_datetime(row, col, at)?,
        Err(_) => ws.write_string(row, col, value)?,
    };
    Ok(())
}

/// The words of coded values (a status, a kind of contact), translated once for a whole export
/// rather than once per row.
pub struct Labels(std::collections::HashMap<String, String>);

impl Labels {
    /// `keys` are message keys of the form `group.value`.
    pub fn new(ctx: &Ctx, keys: impl IntoIterator<Item = String>) -> Labels {
        Labels(
            keys.into_iter()
                .map(|k| {
                    let word = ctx.t(&k);
                    (k, word)
                })
                .collect(),
        )
    }

    /// The word for `{group}.{value}`; a value Daicho does not know is shown as it is.
    pub fn get<'a>(&'a self, group: &str, value: &'a str) -> &'a str {
        self.0
            .iter()
            .find(|(k, _)| {
                k.len() == group.len() + 1 + value.len()
                    && k.starts_with(group)
                    && k.as_bytes().get(group.len()) == Some(&b'.')
                    && k.ends_with(value)
            })
            .map_or(value, |(_, word)| word.as_str())
    }
}

/// A `YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM`) value as an Excel date; blank when there is none.
pub fn date(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<&str>,
    s: &Styles,
) -> Result<(), XlsxError> {
    match value.and_then(parse_day) {
        Some(day) => ws.write_datetime_with_format(row, col, day, &s.date)?,
        None => ws.write_blank(row, col, &s.text)?,
    };
    Ok(())
}

pub fn money(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<i64>,
    s: &Styles,
) -> Result<(), XlsxError> {
    match value {
        Some(v) => ws.write_number_with_format(row, col, v as f64, &s.money)?,
        None => ws.write_blank(row, col, &s.text)?,
    };
    Ok(())
}

pub fn number(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    value: Option<f64>,
    s: &Styles,
) -> Result<(), XlsxError> {
    match value {
        Some(v) => ws.write_number_with_format(row, col, v, &s.number)?,
        None => ws.write_blank(row, col, &s.text)?,
    };
    Ok(())
}

/// A column wide enough for `text` in the report's font: CJK characters take two widths.
pub fn width_for(text: &str) -> f64 {
    (text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64 * 1.1 + 2.0)
        .clamp(6.0, 60.0)
}

/// Sets each column's width, at least as wide as its heading.
pub fn widths(ws: &mut Worksheet, columns: &[(String, f64)]) -> Result<(), XlsxError> {
    for (n, (heading, width)) in columns.iter().enumerate() {
        ws.set_column_width(n as ColNum, width.max(width_for(heading)))?;
    }
    Ok(())
}

/// The report's title in the first row, tall enough for its font.
pub fn title(ws: &mut Worksheet, text_value: &str, s: &Styles) -> Result<(), XlsxError> {
    ws.set_row_height(0, 26)?;
    text(ws, 0, 0, text_value, &s.title)
}

/// The column headings in row `row`.
pub fn headings(
    ws: &mut Worksheet,
    row: RowNum,
    columns: &[(String, f64)],
    s: &Styles,
) -> Result<(), XlsxError> {
    for (n, (heading, _)) in columns.iter().enumerate() {
        text(ws, row, n as ColNum, heading, &s.head)?;
    }
    Ok(())
}

/// A sheet that is a list: its name, page setup (headings repeated on every page), title,
/// subtitle, and the headings in row 3 with their columns' widths (`heads`: catalog keys).
pub struct ListSheet<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    /// What the list was narrowed to, for the page header.
    pub filter: &'a str,
    pub landscape: bool,
    pub heads: &'a [(&'a str, f64)],
}

/// Row of a list sheet's first data row.
pub const FIRST_ROW: RowNum = 3;

pub fn list_sheet(
    ws: &mut Worksheet,
    ctx: &Ctx,
    s: &Styles,
    sheet: &ListSheet<'_>,
) -> Result<(), XlsxError> {
    ws.set_name(sheet.name)?;
    setup(
        ws,
        ctx,
        &Page {
            title: sheet.title,
            filter: sheet.filter,
            landscape: sheet.landscape,
            repeat: Some((2, 2)),
        },
    )?;
    let heads: Vec<(String, f64)> = sheet
        .heads
        .iter()
        .map(|(key, width)| (ctx.t(key), *width))
        .collect();
    widths(ws, &heads)?;
    title(ws, sheet.title, s)?;
    text(ws, 1, 0, sheet.subtitle, &s.subtitle)?;
    headings(ws, 2, &heads, s)
}

/// Freezes the headings (and `columns_frozen` columns) and puts filters on the headings of a list
/// of `rows` rows and `columns` columns.
pub fn close_list(
    ws: &mut Worksheet,
    rows: u32,
    columns: usize,
    columns_frozen: ColNum,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(FIRST_ROW, columns_frozen)?;
    if rows > 0 && columns > 0 {
        ws.autofilter(2, 0, 2 + rows as RowNum, columns as ColNum - 1)?;
    }
    Ok(())
}

/// [`close_list`] for a list whose columns carry their formats: the headings and rows print with
/// the sheet's gridlines, and the title rows above them stay on screen (the page header has the
/// title, the count and the filter).
pub fn close_gridded_list(
    ws: &mut Worksheet,
    rows: u32,
    columns: usize,
    columns_frozen: ColNum,
) -> Result<(), XlsxError> {
    close_list(ws, rows, columns, columns_frozen)?;
    if rows > 0 && columns > 0 {
        ws.set_print_area(
            FIRST_ROW - 1,
            0,
            FIRST_ROW - 1 + rows as RowNum,
            columns as ColNum - 1,
        )?;
    }
    ws.set_print_gridlines(true);
    Ok(())
}

/// A reason for being a core or a problem customer, with its figure.
pub fn reason(ctx: &Ctx, r: &crate::classify::Reason) -> String {
    r.text(ctx.lang)
}

/// The report's font on a chart's title, axes and legend: CJK labels need a CJK font, and
/// `size` small enough that every category is labelled.
pub fn chart_fonts(chart: &mut Chart, ctx: &Ctx, size: u8) {
    let name = font(ctx.lang);
    let mut plain = ChartFont::new();
    plain.set_name(name).set_size(size);
    let mut bold = ChartFont::new();
    bold.set_name(name).set_size(size + 3).set_bold();
    chart.title().set_font(&bold);
    chart.x_axis().set_font(&plain);
    chart.y_axis().set_font(&plain);
    chart.y2_axis().set_font(&plain);
    chart.legend().set_font(&plain);
}

/// A section heading across columns `0..=last_col` of `row`.
pub fn section(
    ws: &mut Worksheet,
    row: RowNum,
    last_col: ColNum,
    heading: &str,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.set_row_height(row, 22)?;
    ws.merge_range(row, 0, row, last_col, heading, &s.section)?;
    Ok(())
}

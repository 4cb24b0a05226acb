//! The mailing list and address labels, each address in its country's order: a Japanese label
//! starts with 〒 and ends with the name and its honorific; a Korean one puts the postal code
//! last; a western one starts with the name and ends with the city line.

use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::{ColNum, Format, FormatBorder, RowNum, Workbook};

use crate::card::{store, CardFields, CardKind};
use crate::error::ReportError;

use super::layout::{self, Ctx, Styles};
use super::{write_error, Progress};

/// The writing system an address is in, which decides its order on an envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressOrder {
    Japan,
    China,
    Korea,
    Western,
}

/// Kana or a prefecture (都道府県) is Japanese; Hangul is Korean; other Han is Chinese.
pub fn address_order(f: &CardFields) -> AddressOrder {
    AddressOrder::of(&f.region, &f.city, &f.street, &f.name)
}

impl AddressOrder {
    /// The order of an address from its own words and its addressee's name.
    pub fn of(region: &str, city: &str, street: &str, name: &str) -> AddressOrder {
        let text = format!("{region}{city}{street}{name}");
        let any = |range: &[(u32, u32)]| {
            text.chars()
                .any(|c| range.iter().any(|(a, b)| (*a..=*b).contains(&(c as u32))))
        };
        if any(&[(0xAC00, 0xD7AF), (0x1100, 0x11FF)]) {
            AddressOrder::Korea
        } else if any(&[(0x3040, 0x30FF)])
            || ["都", "道", "府", "県"].iter().any(|s| region.ends_with(s))
        {
            AddressOrder::Japan
        } else if any(&[(0x4E00, 0x9FFF)]) {
            AddressOrder::China
        } else {
            AddressOrder::Western
        }
    }
}

/// An address on one line as its country writes it: in Japan, China and Korea from the postal
/// code and the largest place down; a western one from the street up, the city line last
/// ("2426 Congress Avenue, Austin, Texas 78701", not "78701 Texas Austin 2426 Congress Avenue").
pub fn address_line(
    order: AddressOrder,
    postal: &str,
    region: &str,
    city: &str,
    street: &str,
    building: &str,
) -> String {
    match order {
        AddressOrder::Western => join(
            &[
                street,
                building,
                &join(&[&join(&[city, region], ", "), postal], " "),
            ],
            ", ",
        ),
        _ => join(&[postal, region, city, street, building], " "),
    }
}

/// The honorific a letter uses when the card has none.
fn honorific(f: &CardFields, order: AddressOrder) -> String {
    if !f.honorific.is_empty() {
        return f.honorific.clone();
    }
    let organisation = f.kind == CardKind::Organisation;
    match (order, organisation) {
        (AddressOrder::Japan, true) => "御中".into(),
        (AddressOrder::Japan, false) => "様".into(),
        (AddressOrder::China, _) => "收".into(),
        (AddressOrder::Korea, true) => "귀중".into(),
        (AddressOrder::Korea, false) => "귀하".into(),
        (AddressOrder::Western, _) => String::new(),
    }
}

fn join(parts: &[&str], sep: &str) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(sep)
}

/// Where the card's mail goes when it is not its address, as typed for the envelope.
fn mailing_address(f: &CardFields) -> &str {
    f.organisation
        .as_ref()
        .map(|o| o.mailing_address.as_str())
        .or_else(|| f.individual.as_ref().map(|p| p.mailing_address.as_str()))
        .unwrap_or_default()
        .trim()
}

/// The lines of the card's address label, top to bottom: its mailing address when it has one
/// (as typed, the name where the country's envelopes put it), else its address.
pub fn label_lines(f: &CardFields) -> Vec<String> {
    let order = address_order(f);
    let name = join(&[&f.name, &honorific(f, order)], " ");
    let mailing = mailing_address(f);
    if !mailing.is_empty() {
        let mut lines: Vec<String> = mailing
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        match order {
            AddressOrder::Western => lines.insert(0, name),
            _ => lines.push(name),
        }
        return lines;
    }
    let lines = match order {
        AddressOrder::Japan => vec![
            if f.postal_code.is_empty() {
                String::new()
            } else {
                format!("〒{}", f.postal_code)
            },
            join(&[&f.region, &f.city, &f.street], ""),
            f.building.clone(),
            name,
        ],
        AddressOrder::China => vec![
            f.postal_code.clone(),
            join(&[&f.region, &f.city, &f.street, &f.building], ""),
            name,
        ],
        AddressOrder::Korea => vec![
            join(&[&f.region, &f.city, &f.street], " "),
            f.building.clone(),
            name,
            if f.postal_code.is_empty() {
                String::new()
            } else {
                format!("({})", f.postal_code)
            },
        ],
        AddressOrder::Western => vec![
            name,
            f.street.clone(),
            f.building.clone(),
            join(&[&join(&[&f.city, &f.region], ", "), &f.postal_code], " "),
        ],
    };
    lines.into_iter().filter(|l| !l.trim().is_empty()).collect()
}

/// Labels per row of the label sheet.
const ACROSS: u16 = 2;

pub fn write_labels(
    conn: &Connection,
    ctx: &Ctx,
    ids: &[crate::ids::CardId],
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    if ids.is_empty() {
        return Err(ReportError::Empty);
    }
    let failed = write_error(path);
    let s = Styles::new(ctx);
    let mut workbook = Workbook::new();
    let cards = ids
        .iter()
        .map(|id| store::load(conn, id).map(|c| c.fields))
        .collect::<Result<Vec<_>, _>>()?;
    {
        let ws = workbook.add_worksheet();
        let title = ctx.t("report.labels.list_title");
        let count = ctx.tp(
            "report.list.count",
            &[
                ("count", cards.len().to_string()),
                ("date", ctx.day(ctx.today)),
            ],
        );
        let sheet = layout::ListSheet {
            name: &ctx.t("report.labels.list_sheet"),
            title: &title,
            subtitle: &count,
            filter: "",
            landscape: true,
            heads: &[
                ("field.code", 11.0),
                ("field.name", 30.0),
                ("field.honorific", 8.0),
                ("field.postal_code", 11.0),
                ("report.address", 50.0),
                ("list.column.phone", 18.0),
                ("field.email", 26.0),
            ],
        };
        layout::list_sheet(ws, ctx, &s, &sheet).map_err(&failed)?;
        for (n, f) in cards.iter().enumerate() {
            let row = 3 + n as RowNum;
            let order = address_order(f);
            let address = match order {
                AddressOrder::Western => join(&[&f.street, &f.building, &f.city, &f.region], ", "),
                AddressOrder::Korea => join(&[&f.region, &f.city, &f.street, &f.building], " "),
                _ => join(&[&f.region, &f.city, &f.street, &f.building], ""),
            };
            let values = [
                f.code.clone(),
                f.name.clone(),
                honorific(f, order),
                f.postal_code.clone(),
                address,
                f.phones.first().cloned().unwrap_or_default(),
                f.email.clone(),
            ];
            for (col, value) in values.iter().enumerate() {
                layout::text(ws, row, col as ColNum, value, &s.text).map_err(&failed)?;
            }
        }
        layout::close_list(ws, cards.len() as u32, 7, 2).map_err(&failed)?;
    }
    {
        let ws = workbook.add_worksheet();
        ws.set_name(ctx.t("report.labels.sheet")).map_err(&failed)?;
        // Labels print without the report's header: the sheet is the label paper.
        ws.set_paper_size(9);
        ws.set_portrait();
        ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.0, 0.0);
        ws.set_print_fit_to_pages(1, 0);
        let label = Format::new()
            .set_font_name(layout::font(ctx.lang))
            .set_font_size(11)
            .set_text_wrap()
            .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter)
            .set_indent(1)
            .set_border(FormatBorder::Dotted);
        for col in 0..ACROSS {
            ws.set_column_width(col, 46).map_err(&failed)?;
        }
        for (n, f) in cards.iter().enumerate() {
            let row = (n / ACROSS as usize) as RowNum;
            let col = (n % ACROSS as usize) as ColNum;
            ws.set_row_height(row, 96).map_err(&failed)?;
            layout::text(ws, row, col, &label_lines(f).join("\n"), &label).map_err(&failed)?;
            progress(n as u64 + 1, cards.len() as u64);
        }
    }
    super::save(&mut workbook, path)?;
    Ok(cards.len() as u32)
}

#[cfg(test)]
mod one_line {
    use super::{address_line, AddressOrder};

    #[test]
    fn an_address_on_one_line_reads_in_its_countrys_order() {
        let us = AddressOrder::of(
            "Texas",
            "Austin",
            "2426 Congress Avenue",
            "Summit Industries",
        );
        assert_eq!(us, AddressOrder::Western);
        assert_eq!(
            address_line(
                us,
                "78701",
                "Texas",
                "Austin",
                "2426 Congress Avenue",
                "Suite 300"
            ),
            "2426 Congress Avenue, Suite 300, Austin, Texas 78701"
        );
        assert_eq!(
            address_line(us, "", "", "London", "1 King Street", ""),
            "1 King Street, London"
        );
        let jp = AddressOrder::of("東京都", "港区", "芝1-2-3", "株式会社青葉");
        assert_eq!(
            address_line(jp, "105-0014", "東京都", "港区", "芝1-2-3", ""),
            "105-0014 東京都 港区 芝1-2-3"
        );
    }
}

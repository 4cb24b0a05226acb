//! Bringing an existing list in: CSV (any of the four markets' encodings), .xlsx and vCard.
//! `preview` reads the whole file and reports, without writing anything, what would be imported,
//! every row with a problem (row, column, why) and likely duplicates of cards already in the
//! ledger or earlier in the file; `apply` imports in one transaction (with progress, cancellable)
//! as the user chose per duplicate (skip, merge, keep both), recorded so `undo` takes it back.

mod dupes;
pub(crate) mod error;
pub mod guess;
mod lines;
mod profile;
pub(crate) mod rows;
pub mod source;
pub(crate) use rows::amount_of;
mod templates;
use crate::many_cards::import as store;
pub mod vcard;

use std::collections::HashMap;
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::card::{CardKind, KeyPersonFields};
use crate::custom_fields::CustomField;
use crate::error::ImportError;
pub use crate::handover::ExistingCard;
pub use dupes::DuplicateWhy;
pub use source::{Format, SourceInfo};
pub use store::{merged as merged_fields, ImportBatch, ImportOutcome};
pub use templates::ImportTemplate;

api_enum!(
    /// What a column of the file holds.
    ImportField {
        Code = "code",
        Name = "name",
        Reading = "reading",
        Kind = "kind",
        Status = "status",
        Owner = "owner",
        Industry = "industry",
        PostalCode = "postal_code",
        Region = "region",
        Territory = "territory",
        Route = "route",
        City = "city",
        Street = "street",
        Building = "building",
        Phone = "phone",
        Email = "email",
        Website = "website",
        MessagingLine = "messaging_line",
        MessagingWechat = "messaging_wechat",
        MessagingQq = "messaging_qq",
        MessagingKakaotalk = "messaging_kakaotalk",
        MessagingWhatsapp = "messaging_whatsapp",
        MessagingWeibo = "messaging_weibo",
        Notes = "notes",
        Tags = "tags",
        PersonName = "person_name",
        PersonReading = "person_reading",
        PersonTitle = "person_title",
        PersonDepartment = "person_department",
        PersonPhone = "person_phone",
        PersonEmail = "person_email",
        ContactAt = "contact_at",
        ContactKind = "contact_kind",
        ContactRep = "contact_rep",
        ContactPurpose = "contact_purpose",
        ContactContent = "contact_content",
        ContactOutcome = "contact_outcome",
        ContactNextAction = "contact_next_action",
        ContactNextDue = "contact_next_due",
        SaleOn = "sale_on",
        SaleItem = "sale_item",
        SaleQuantity = "sale_quantity",
        SaleUnitPrice = "sale_unit_price",
        SaleAmount = "sale_amount",
        SaleInvoice = "sale_invoice",
        SaleDue = "sale_due",
        SalePaid = "sale_paid",
        SalePaidOn = "sale_paid_on",
        SaleCost = "sale_cost",
        ProductName = "product_name",
        ProductMaker = "product_maker",
        ProductSince = "product_since",
        ProductRenewal = "product_renewal",
        OrgRepresentative = "org_representative",
        OrgFounded = "org_founded",
        OrgCapital = "org_capital",
        OrgEmployees = "org_employees",
        OrgAnnualSales = "org_annual_sales",
        OrgFiscalMonth = "org_fiscal_month",
        OrgBanks = "org_banks",
        OrgPaymentTerms = "org_payment_terms",
    }
);

api_enum!(
    /// How a column's field was found: its heading, its values (which win for coded fields,
    /// addresses and phones), the rep's choice (or a saved mapping), or not at all.
    GuessedBy {
        Heading = "heading",
        Values = "values",
        Template = "template",
        Chosen = "chosen",
        Nothing = "nothing",
    }
);

impl GuessedBy {
    /// `how` for each column that has a field, [`GuessedBy::Nothing`] for the others.
    pub fn each(columns: &[Option<ImportField>], how: GuessedBy) -> Vec<GuessedBy> {
        columns
            .iter()
            .map(|c| if c.is_some() { how } else { GuessedBy::Nothing })
            .collect()
    }
}

/// What the preview says of a column beside its field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnNote {
    pub by: GuessedBy,
    /// Rows refused for their cell in this column (a value that does not fit its field).
    pub refused: u32,
}

api_enum!(
    /// What to do with a row that looks like a card already there.
    DuplicateChoice { Skip = "skip", Merge = "merge", KeepBoth = "keep_both" }
);

/// Which field each column holds (`None`: left out), and what rows say nothing about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Mapping {
    pub columns: Vec<Option<ImportField>>,
    /// The kind of a card whose row does not say (a row with only a person's name is an
    /// individual).
    pub default_kind: CardKind,
    /// The owner of a card whose row does not say.
    pub default_owner: String,
    /// Per column, which key person of a row a person's column is of: 0 the first, 1 the
    /// second (`Contact 2 Name`, `担当者2 氏名`)... Missing columns are of the first.
    pub people: Vec<u32>,
    /// Per column, the field of the rep's own it holds (a column whose heading is the field's
    /// name); such a column has no field in `columns`.
    pub custom: Vec<Option<crate::ids::CustomFieldId>>,
}

impl Default for Mapping {
    fn default() -> Self {
        Mapping {
            columns: Vec::new(),
            default_kind: CardKind::Organisation,
            default_owner: String::new(),
            people: Vec::new(),
            custom: Vec::new(),
        }
    }
}

/// Why a row cannot be imported: its line in the file, the column (0-based) and the card field
/// concerned, and the rule (`required`, `too_long`, `email`, `bad_bytes`, `broken`…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowProblem {
    pub line: u32,
    pub column: Option<u32>,
    pub field: String,
    pub rule: String,
    pub limit: Option<i32>,
}

impl RowProblem {
    fn at(line: u32, column: u32, field: ImportField, rule: &str) -> RowProblem {
        RowProblem {
            line,
            column: Some(column),
            field: field.as_str().to_owned(),
            rule: rule.to_owned(),
            limit: None,
        }
    }

    fn whole_row(line: u32, rule: &str) -> RowProblem {
        RowProblem {
            line,
            column: None,
            field: String::new(),
            rule: rule.to_owned(),
            limit: None,
        }
    }
}

/// A row that looks like a card already in the ledger, or like an earlier row of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DuplicateRow {
    pub line: u32,
    pub name: String,
    pub why: DuplicateWhy,
    pub existing: Option<ExistingCard>,
    /// The earlier line of the file it repeats.
    pub earlier_line: Option<u32>,
    /// The row adds to the card (a contact, a sale, a product in use): it joins the card
    /// unless the rep chooses otherwise for it, whatever is chosen for repeated cards.
    pub adds: bool,
}

/// A row as the card it would become, for the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportCard {
    pub line: u32,
    pub kind: CardKind,
    pub code: String,
    pub name: String,
    pub reading: String,
    pub phones: Vec<String>,
    pub email: String,
    pub address: String,
    pub owner: String,
    pub person: Option<KeyPersonFields>,
    /// Key persons beyond the first the row names (`Contact 2`, `担当者3`...).
    pub more_persons: u32,
}

/// Everything the user needs before deciding to import.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportPreview {
    pub source: SourceInfo,
    pub headers: Vec<String>,
    /// The first rows as read, to show beside the mapping.
    pub samples: Vec<Vec<String>>,
    pub mapping: Mapping,
    /// The known export the headings are (Salesforce, Eight...), whose columns set the mapping.
    pub template: Option<ImportTemplate>,
    /// Per column: how its field was found and how many rows it refused.
    pub columns: Vec<ColumnNote>,
    /// The first rows as cards.
    pub cards: Vec<ImportCard>,
    /// Rows below the header (blank rows not counted).
    pub rows: u32,
    /// Rows that can be imported (duplicates included).
    pub valid: u32,
    pub with_problems: u32,
    /// The first problems (at most [`MAX_LISTED`]).
    pub problems: Vec<RowProblem>,
    pub duplicate_count: u32,
    /// Of those, rows that add to a customer already there (a contact, a sale, a product in
    /// use): they join its card rather than repeat it.
    pub joining: u32,
    /// The first duplicates (at most [`MAX_LISTED`]).
    pub duplicates: Vec<DuplicateRow>,
    /// A workbook's sheets, in its order; empty for a text file.
    pub sheets: Vec<String>,
    /// The sheet this preview is of (the one asked for, else the first naming customers).
    pub sheet: Option<String>,
}

/// Problems and duplicates listed at most (all are counted).
pub const MAX_LISTED: usize = 1000;
const SAMPLE_ROWS: usize = 5;
const PREVIEW_CARDS: usize = 20;

/// What to import and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ImportRequest {
    /// An encoding to read a text file in instead of the detected one (utf-8, shift_jis, gb18030,
    /// euc-kr…).
    pub encoding: Option<String>,
    /// `None`: guessed from the header.
    pub mapping: Option<Mapping>,
    /// For every duplicate not listed in `choices`.
    pub duplicates: DuplicateChoice,
    /// Per line of the file.
    pub choices: Vec<(u32, DuplicateChoice)>,
    /// The sheet of a workbook to read (the first when none is named).
    pub sheet: Option<String>,
    /// Every sheet of a workbook in one step, each with the columns guessed from its own
    /// headings: the sheets of cards first, then contact histories and sales, which find their
    /// cards by code or name (`mapping`, `sheet` and `choices` do not apply).
    pub all_sheets: bool,
}

impl Default for ImportRequest {
    fn default() -> Self {
        ImportRequest {
            encoding: None,
            mapping: None,
            duplicates: DuplicateChoice::Skip,
            choices: Vec::new(),
            sheet: None,
            all_sheets: false,
        }
    }
}

impl ImportRequest {
    fn encoding(&self) -> Result<Option<&'static encoding_rs::Encoding>, ImportError> {
        self.encoding
            .as_deref()
            .filter(|e| !e.trim().is_empty())
            .map(source::encoding_for)
            .transpose()
    }
}

/// The mapping guessed from the header row and the values of the rows under it (read ahead,
/// at most [`guess::LOOKAHEAD_ROWS`]); none for a file with no header row.
fn guessed_mapping(
    path: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    sheet: Option<&str>,
    own: &[CustomField],
) -> Result<Option<(Mapping, Vec<GuessedBy>)>, ImportError> {
    let mut headers: Option<Vec<String>> = None;
    let mut rows: Vec<Vec<String>> = Vec::new();
    source::read(path, encoding, sheet, &mut |raw| {
        if raw.cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(true);
        }
        if headers.is_none() {
            headers = Some(raw.cells.iter().map(|c| c.trim().to_owned()).collect());
        } else if raw.broken.is_none() {
            rows.push(raw.cells);
        }
        Ok(rows.len() < guess::LOOKAHEAD_ROWS)
    })?;
    Ok(headers.map(|h| {
        let (_, guessed) = templates::apply(&h, guess::guess_from(&h, &rows));
        let (columns, mut by): (Vec<_>, _) = guessed.into_iter().unzip();
        let mut mapping = Mapping {
            people: guess::people(&h, &columns),
            columns,
            ..Mapping::default()
        };
        own_fields(&mut mapping, &mut by, &h, own);
        (mapping, by)
    }))
}

/// Columns headed with the name of a field of the rep's own hold that field: the rep named it,
/// so it wins over a field of Daicho's the heading might also suggest.
fn own_fields(
    mapping: &mut Mapping,
    by: &mut Vec<GuessedBy>,
    headers: &[String],
    own: &[CustomField],
) {
    mapping.custom = vec![None; headers.len()];
    for (column, heading) in headers.iter().enumerate() {
        let heading = crate::text::normalize(heading.trim());
        let Some(field) = own
            .iter()
            .find(|f| crate::text::normalize(&f.label) == heading)
        else {
            continue;
        };
        if mapping.columns.len() <= column {
            mapping.columns.resize(column + 1, None);
        }
        mapping.columns[column] = None;
        mapping.custom[column] = Some(field.id.clone());
        if by.len() <= column {
            by.resize(column + 1, GuessedBy::Nothing);
        }
        by[column] = GuessedBy::Heading;
    }
    if mapping.custom.iter().all(Option::is_none) {
        mapping.custom.clear();
    }
}

/// One pass over the file: the header (first row with any text), then each row as a card or
/// its problems, with duplicates found against the ledger and the rows before it.
fn scan(
    conn: &Connection,
    path: &Path,
    request: &ImportRequest,
    need_names: bool,
    visit: &mut dyn FnMut(Scanned) -> Result<bool, ImportError>,
) -> Result<(SourceInfo, Vec<String>, Mapping, Vec<GuessedBy>), ImportError> {
    let encoding = request.encoding()?;
    let ledger = dupes::LedgerIndex::load(conn)?;
    let own = crate::custom_fields::store::list(conn)?;
    let mut seen = dupes::FileIndex::default();
    let mut headers: Option<Vec<String>> = None;
    let (mut mapping, mut found_by) = match &request.mapping {
        Some(chosen) => {
            let mut by = GuessedBy::each(&chosen.columns, GuessedBy::Chosen);
            for (column, own) in chosen.custom.iter().enumerate() {
                if let (Some(_), Some(b)) = (own, by.get_mut(column)) {
                    *b = GuessedBy::Chosen;
                }
            }
            (Some(chosen.clone()), by)
        }
        None => match guessed_mapping(path, encoding, request.sheet.as_deref(), &own)? {
            Some((mapping, by)) => (Some(mapping), by),
            None => (None, Vec::new()),
        },
    };
    let info = source::read(path, encoding, request.sheet.as_deref(), &mut |raw| {
        let Some(headers_now) = &headers else {
            if raw.cells.iter().any(|c| !c.trim().is_empty()) {
                let h: Vec<String> = raw.cells.iter().map(|c| c.trim().to_owned()).collect();
                let m = mapping.get_or_insert_with(|| {
                    let guessed = guess::guess(&h);
                    let by = GuessedBy::each(&guessed, GuessedBy::Heading);
                    let (_, guessed) = templates::apply(&h, guessed.into_iter().zip(by).collect());
                    let columns: Vec<_>;
                    (columns, found_by) = guessed.into_iter().unzip();
                    let mut m = Mapping {
                        people: guess::people(&h, &columns),
                        columns,
                        ..Mapping::default()
                    };
                    own_fields(&mut m, &mut found_by, &h, &own);
                    m
                });
                check_mapping(m, h.len())?;
                if need_names && !names_cards(m) {
                    return Err(ImportError::NoNameColumn);
                }
                headers = Some(h);
            }
            return Ok(true);
        };
        if raw.broken.is_none() && !raw.too_wide && raw.cells.iter().all(|c| c.trim().is_empty()) {
            return Ok(true);
        }
        let m = mapping.as_ref().ok_or(ImportError::NoNameColumn)?;
        let mut problems = Vec::new();
        if raw.broken.is_some() {
            problems.push(RowProblem::whole_row(raw.line, "broken"));
        }
        if raw.bad_bytes {
            problems.push(RowProblem::whole_row(raw.line, "bad_bytes"));
        }
        if raw.too_large {
            problems.push(RowProblem {
                limit: Some((lines::MAX_LINE_BYTES / (1024 * 1024)) as i32),
                ..RowProblem::whole_row(raw.line, "row_too_large")
            });
        }
        if raw.too_wide
            || raw
                .cells
                .iter()
                .skip(headers_now.len())
                .any(|c| !c.trim().is_empty())
        {
            problems.push(RowProblem::whole_row(raw.line, "extra_cells"));
        }
        let card = match rows::card_of(raw.line, &raw.cells, m, &own, &|code| ledger.name_of(code))
        {
            Ok(card) if problems.is_empty() => Some(card),
            Ok(_) => None,
            Err(mut more) => {
                problems.append(&mut more);
                None
            }
        };
        let scanned = match card {
            Some(card) => {
                let earlier = seen
                    .check(&card)
                    .map(|(line, why)| Duplicate::Earlier { line, why });
                let existing = || {
                    ledger
                        .check(&card)
                        .map(|(e, why)| Duplicate::Existing { card: e, why })
                };
                // Another person of a company the ledger has joins its card, not an earlier row.
                let duplicate = match earlier {
                    Some(Duplicate::Earlier {
                        why: DuplicateWhy::SameCompany,
                        ..
                    }) => existing().or(earlier),
                    Some(found) => Some(found),
                    None => existing(),
                };
                seen.add(&card);
                Scanned::Card {
                    raw_cells: raw.cells,
                    card: Box::new(card),
                    duplicate,
                }
            }
            None => Scanned::Problems {
                raw_cells: raw.cells,
                problems,
            },
        };
        visit(scanned)
    })?;
    let headers = headers.ok_or_else(|| ImportError::NoRows {
        path: path.to_owned(),
    })?;
    let mapping = mapping.unwrap_or_default();
    found_by.resize(headers.len(), GuessedBy::Nothing);
    Ok((info, headers, mapping, found_by))
}

fn check_mapping(mapping: &Mapping, columns: usize) -> Result<(), ImportError> {
    if mapping.columns.len() > columns && mapping.columns.iter().skip(columns).any(Option::is_some)
    {
        return Err(ImportError::BadMapping {
            column: mapping.columns.len() as u32,
            columns: columns as u32,
        });
    }
    Ok(())
}

/// Whether some column gives the cards their names (an import needs one; a preview without one
/// shows every row as nameless, for the user to map).
fn names_cards(mapping: &Mapping) -> bool {
    let has =
        |wanted: &dyn Fn(ImportField) -> bool| mapping.columns.iter().flatten().any(|f| wanted(*f));
    has(&|f| matches!(f, ImportField::Name | ImportField::PersonName))
        // Contacts or sales by customer code alone find their cards by the code.
        || (has(&|f| f == ImportField::Code) && has(&adds_to_cards))
}

/// Whether `field` is a contact's or a sale's: its rows add to cards rather than make them.
fn adds_to_cards(field: ImportField) -> bool {
    let name = field.as_str();
    name.starts_with("contact_") || name.starts_with("sale_")
}

enum Duplicate {
    Existing {
        card: ExistingCard,
        why: DuplicateWhy,
    },
    Earlier {
        line: u32,
        why: DuplicateWhy,
    },
}

enum Scanned {
    Card {
        raw_cells: Vec<String>,
        card: Box<rows::RowCard>,
        duplicate: Option<Duplicate>,
    },
    Problems {
        raw_cells: Vec<String>,
        problems: Vec<RowProblem>,
    },
}

/// Reads the whole file and reports what an import would do; writes nothing.
pub fn preview(
    conn: &Connection,
    path: &Path,
    request: &ImportRequest,
) -> Result<ImportPreview, ImportError> {
    let request = &ImportRequest {
        sheet: sheet_of(path, request)?,
        ..request.clone()
    };
    let mut out = ImportPreview {
        sheet: request.sheet.clone(),
        source: SourceInfo {
            format: Format::Csv,
            encoding: String::new(),
            detected: false,
        },
        headers: Vec::new(),
        samples: Vec::new(),
        mapping: Mapping::default(),
        template: None,
        columns: Vec::new(),
        cards: Vec::new(),
        rows: 0,
        valid: 0,
        with_problems: 0,
        problems: Vec::new(),
        duplicate_count: 0,
        joining: 0,
        duplicates: Vec::new(),
        sheets: source::sheet_names(path)?,
    };
    let mut refused: Vec<u32> = Vec::new();
    let (info, headers, mapping, by) = scan(conn, path, request, false, &mut |scanned| {
        out.rows += 1;
        let cells = match &scanned {
            Scanned::Card { raw_cells, .. } | Scanned::Problems { raw_cells, .. } => raw_cells,
        };
        if out.samples.len() < SAMPLE_ROWS {
            out.samples.push(cells.iter().map(|c| clip(c)).collect());
        }
        match scanned {
            Scanned::Card {
                card, duplicate, ..
            } => {
                out.valid += 1;
                if out.cards.len() < PREVIEW_CARDS {
                    out.cards.push(preview_card(&card));
                }
                let adds = card.contact.is_some() || card.sale.is_some() || card.product.is_some();
                if let Some(d) = duplicate {
                    out.duplicate_count += 1;
                    out.joining += u32::from(adds);
                    if out.duplicates.len() < MAX_LISTED {
                        out.duplicates.push(match d {
                            Duplicate::Existing { card: e, why } => DuplicateRow {
                                line: card.line,
                                name: card.fields.name.clone(),
                                why,
                                existing: Some(e),
                                earlier_line: None,
                                adds,
                            },
                            Duplicate::Earlier { line, why } => DuplicateRow {
                                line: card.line,
                                name: card.fields.name.clone(),
                                why,
                                existing: None,
                                earlier_line: Some(line),
                                adds,
                            },
                        });
                    }
                }
            }
            Scanned::Problems { problems, .. } => {
                out.with_problems += 1;
                let mut columns: Vec<usize> = problems
                    .iter()
                    .filter_map(|p| p.column)
                    .map(|c| c as usize)
                    .collect();
                columns.dedup();
                for c in columns {
                    if refused.len() <= c {
                        refused.resize(c + 1, 0);
                    }
                    refused[c] += 1;
                }
                let room = MAX_LISTED.saturating_sub(out.problems.len());
                out.problems.extend(problems.into_iter().take(room));
            }
        }
        Ok(true)
    })?;
    if out.rows == 0 {
        return Err(ImportError::NoRows {
            path: path.to_owned(),
        });
    }
    out.source = info;
    out.template = templates::recognise(&headers).map(|(t, _)| t);
    out.headers = headers.iter().map(|h| clip(h)).collect();
    out.mapping = mapping;
    out.columns = by
        .into_iter()
        .enumerate()
        .map(|(c, by)| ColumnNote {
            by,
            refused: refused.get(c).copied().unwrap_or(0),
        })
        .collect();
    Ok(out)
}

/// Shown text is cut at a length a screen can show; the import itself reads the whole cell.
fn clip(text: &str) -> String {
    const SHOWN: usize = 200;
    match text.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn preview_card(card: &rows::RowCard) -> ImportCard {
    let f = &card.fields;
    ImportCard {
        line: card.line,
        kind: f.kind,
        code: f.code.clone(),
        name: f.name.clone(),
        reading: f.reading.clone(),
        phones: f.phones.clone(),
        email: f.email.clone(),
        address: [&f.postal_code, &f.region, &f.city, &f.street, &f.building]
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        owner: f.owner.clone(),
        person: card.persons.first().cloned(),
        more_persons: card.persons.len().saturating_sub(1) as u32,
    }
}

/// Imports the file in one transaction. `progress(done, total)` is told as rows go by (total is
/// the caller's count from the preview, or 0) and stops the import, writing nothing, when it
/// returns `false`.
pub fn apply(
    conn: &Connection,
    path: &Path,
    request: &ImportRequest,
    edit: &crate::card::store::Edit<'_>,
    total: u32,
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<ImportOutcome, ImportError> {
    if !request.all_sheets && request.mapping.as_ref().is_some_and(|m| !names_cards(m)) {
        return Err(ImportError::NoNameColumn);
    }
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut batch = store::Batch::start(conn, &label, edit)?;
    let mut done: u32 = 0;
    if !request.all_sheets {
        let request = &ImportRequest {
            sheet: sheet_of(path, request)?,
            ..request.clone()
        };
        apply_sheet(
            conn,
            path,
            request,
            edit,
            &mut batch,
            (total, &mut done),
            progress,
        )?;
        progress(done, total.max(done));
        return batch.finish(conn, Vec::new());
    }
    let mut left_out = Vec::new();
    for (n, sheet) in sheets_in_order(conn, path, request)?
        .into_iter()
        .enumerate()
    {
        let Some((sheet, mapping)) = sheet else {
            continue;
        };
        if !names_cards(&mapping) {
            left_out.push(sheet);
            continue;
        }
        let one = sheet_request(request, sheet, mapping);
        // Each sheet numbers its rows from 1: the batch tells them apart by the sheet.
        batch.set_sheet(n as u32);
        apply_sheet(
            conn,
            path,
            &one,
            edit,
            &mut batch,
            (total, &mut done),
            progress,
        )?;
    }
    progress(done, total.max(done));
    batch.finish(conn, left_out)
}

/// The sheet a request reads: the one it names, else the workbook's first list of customers
/// (a sheet of instructions before it is passed over), else its first sheet naming customers,
/// else the first.
fn sheet_of(path: &Path, request: &ImportRequest) -> Result<Option<String>, ImportError> {
    if request.sheet.is_some() {
        return Ok(request.sheet.clone());
    }
    let names = source::sheet_names(path)?;
    if names.len() < 2 {
        return Ok(None);
    }
    let encoding = request.encoding()?;
    let mut naming = None;
    for name in names {
        let Some((mapping, _)) = guessed_mapping(path, encoding, Some(&name), &[])? else {
            continue;
        };
        if !names_cards(&mapping) {
            continue;
        }
        // A list of customers before a history that names them.
        if !mapping.columns.iter().flatten().any(|f| adds_to_cards(*f)) {
            return Ok(Some(name));
        }
        naming.get_or_insert(name);
    }
    Ok(naming)
}

/// The request that reads one sheet of a workbook imported whole, with its guessed columns.
fn sheet_request(request: &ImportRequest, sheet: String, mapping: Mapping) -> ImportRequest {
    ImportRequest {
        sheet: Some(sheet),
        mapping: Some(mapping),
        all_sheets: false,
        choices: Vec::new(),
        ..request.clone()
    }
}

/// A sheet of a workbook imported whole, as the import will read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SheetPreview {
    pub sheet: String,
    /// None: no column gives customers' names or codes, and the sheet is left out.
    pub preview: Option<ImportPreview>,
}

/// Each sheet of the workbook in the order an import of all of them takes, previewed and then
/// imported in turn on `conn` (the caller rolls it back), so that each sees the sheets before.
pub fn preview_sheets(
    conn: &Connection,
    path: &Path,
    request: &ImportRequest,
    edit: &crate::card::store::Edit<'_>,
) -> Result<Vec<SheetPreview>, ImportError> {
    let mut batch = store::Batch::start(conn, "", edit)?;
    let mut out = Vec::new();
    let mut done = 0;
    for (n, sheet) in sheets_in_order(conn, path, request)?
        .into_iter()
        .enumerate()
    {
        let Some((sheet, mapping)) = sheet else {
            continue;
        };
        if !names_cards(&mapping) {
            out.push(SheetPreview {
                sheet,
                preview: None,
            });
            continue;
        }
        let one = sheet_request(request, sheet.clone(), mapping);
        let seen = preview(conn, path, &one)?;
        batch.set_sheet(n as u32);
        apply_sheet(
            conn,
            path,
            &one,
            edit,
            &mut batch,
            (0, &mut done),
            &mut |_, _| true,
        )?;
        out.push(SheetPreview {
            sheet,
            preview: Some(seen),
        });
    }
    Ok(out)
}

/// The sheets of the workbook at `path` with the columns guessed for each, in the order an
/// import of all of them takes: sheets of cards first, then those that add contacts or sales
/// to cards (which find them by code or name); `None` for a sheet with no rows.
fn sheets_in_order(
    conn: &Connection,
    path: &Path,
    request: &ImportRequest,
) -> Result<Vec<Option<(String, Mapping)>>, ImportError> {
    let encoding = request.encoding()?;
    let own = crate::custom_fields::store::list(conn)?;
    let mut sheets = Vec::new();
    for name in source::sheet_names(path)? {
        let guessed = guessed_mapping(path, encoding, Some(&name), &own)?;
        sheets.push(guessed.map(|(mapping, _)| (name, mapping)));
    }
    let adds = |m: &Mapping| m.columns.iter().flatten().any(|f| adds_to_cards(*f));
    sheets.sort_by_key(|s| s.as_ref().is_some_and(|(_, m)| adds(m)));
    Ok(sheets)
}

/// Imports the rows of one file or sheet into `batch`; `done` counts rows across sheets.
fn apply_sheet(
    conn: &Connection,
    path: &Path,
    request: &ImportRequest,
    edit: &crate::card::store::Edit<'_>,
    batch: &mut store::Batch,
    (total, done): (u32, &mut u32),
    progress: &mut dyn FnMut(u32, u32) -> bool,
) -> Result<(), ImportError> {
    let choices: HashMap<u32, DuplicateChoice> = request.choices.iter().copied().collect();
    let mut cancelled = false;
    scan(conn, path, request, true, &mut |scanned| {
        *done += 1;
        if done.is_multiple_of(500) && !progress(*done, total) {
            cancelled = true;
            return Ok(false);
        }
        match scanned {
            Scanned::Problems { .. } => batch.skipped += 1,
            Scanned::Card {
                card, duplicate, ..
            } => {
                // Another person of the same company, or a contact, sale or product in use of a
                // customer already there, is added to its card unless the rep said otherwise for
                // that line: "skip duplicates" is about repeated cards.
                let choice = duplicate.as_ref().map(|d| {
                    let adds = card.contact.is_some()
                        || card.sale.is_some()
                        || card.product.is_some()
                        || matches!(
                            d,
                            Duplicate::Existing {
                                why: DuplicateWhy::SameCompany,
                                ..
                            } | Duplicate::Earlier {
                                why: DuplicateWhy::SameCompany,
                                ..
                            }
                        );
                    choices.get(&card.line).copied().unwrap_or(if adds {
                        DuplicateChoice::Merge
                    } else {
                        request.duplicates
                    })
                });
                match (duplicate, choice) {
                    (None, _) => batch.create(conn, *card, edit)?,
                    (Some(_), Some(DuplicateChoice::Skip) | None) => batch.skipped += 1,
                    (Some(_), Some(DuplicateChoice::KeepBoth)) => {
                        batch.create(conn, *card, edit)?
                    }
                    (Some(Duplicate::Existing { card: e, .. }), Some(DuplicateChoice::Merge)) => {
                        batch.merge(conn, &e.id, *card, edit)?
                    }
                    (Some(Duplicate::Earlier { line, .. }), Some(DuplicateChoice::Merge)) => {
                        match batch.created_from(line) {
                            Some(id) => batch.merge(conn, &id, *card, edit)?,
                            None => batch.skipped += 1,
                        }
                    }
                }
            }
        }
        Ok(true)
    })?;
    if cancelled {
        return Err(ImportError::Cancelled);
    }
    Ok(())
}

pub use store::{list as list_imports, undo};

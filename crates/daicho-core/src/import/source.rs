//! Reading a customer list row by row, in bounded memory, whatever it is: CSV in any of the
//! encodings the four markets use (detected, or as the user says), an .xlsx workbook's first
//! sheet (checked against zip bombs, read cell by cell so a cell at the far corner costs
//! nothing), or a phone's vCard export (each contact a row under fixed headings).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{open_workbook, DataRef, Reader as _, Xlsx};
use encoding_rs::Encoding;
use serde::{Deserialize, Serialize};

use crate::error::ImportError;

/// What kind of file a list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Xlsx,
    Vcard,
}

/// One row as read: its number as the user sees it in the file (1 is the first line or row)
/// and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub line: u32,
    pub cells: Vec<String>,
    /// Some bytes were not valid in the file's encoding (they read as U+FFFD).
    pub bad_bytes: bool,
    /// Cells beyond [`MAX_COLUMNS`] were left out.
    pub too_wide: bool,
    /// The source could not read this entry (a vCard that does not parse), and why.
    pub broken: Option<String>,
    /// A line of the row was longer than [`super::lines::MAX_LINE_BYTES`]: its end was not read.
    pub too_large: bool,
}

/// Columns read at most: lists have a few dozen; a cell declared at XFD is not a column.
pub const MAX_COLUMNS: usize = 200;
/// Bytes looked at to guess a CSV file's encoding and separator.
const SAMPLE: usize = 64 * 1024;
/// An .xlsx whose parts unpack to more than this is refused before it is unpacked.
pub const MAX_UNPACKED_MB: u64 = 512;
/// Share of a sample's characters that may be broken before the encoding counts as unknown.
const MAX_BROKEN_SHARE: f64 = 0.2;

/// How a file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceInfo {
    pub format: Format,
    /// The encoding a CSV or vCard file was read in (WHATWG name: UTF-8, Shift_JIS, gb18030,
    /// GBK, EUC-KR, UTF-16LE…); empty for .xlsx.
    pub encoding: String,
    /// Whether the encoding was detected (rather than given by the user or a BOM).
    pub detected: bool,
}

/// The file's format by its name, else by its first bytes.
pub fn format_of(path: &Path) -> Result<Format, ImportError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => return Ok(Format::Csv),
        "xlsx" | "xlsm" => return Ok(Format::Xlsx),
        "vcf" | "vcard" => return Ok(Format::Vcard),
        "xls" => {
            return Err(ImportError::XlsUnsupported {
                path: path.to_owned(),
            })
        }
        _ => {}
    }
    let mut head = [0u8; 16];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| io(path, e))?;
    let head = &head[..n];
    Ok(if head.starts_with(b"PK") {
        Format::Xlsx
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::XlsUnsupported {
            path: path.to_owned(),
        });
    } else if head.to_ascii_uppercase().starts_with(b"BEGIN:VCARD") {
        Format::Vcard
    } else {
        Format::Csv
    })
}

pub(super) fn io(path: &Path, source: std::io::Error) -> ImportError {
    if source.kind() == std::io::ErrorKind::NotFound {
        return ImportError::NotFoundFile {
            path: path.to_owned(),
        };
    }
    ImportError::Io {
        path: path.to_owned(),
        source,
    }
}

fn unreadable(path: &Path, reason: impl ToString) -> ImportError {
    ImportError::Unreadable {
        path: path.to_owned(),
        reason: reason.to_string(),
    }
}

/// Reads `path` and hands each row to `visit` (the first is the header row; vCards get fixed
/// headings); `visit` returns `false` to stop. `encoding` overrides detection for text files.
pub fn read(
    path: &Path,
    encoding: Option<&'static Encoding>,
    sheet: Option<&str>,
    visit: &mut dyn FnMut(RawRow) -> Result<bool, ImportError>,
) -> Result<SourceInfo, ImportError> {
    match format_of(path)? {
        Format::Csv => read_csv(path, encoding, visit),
        Format::Xlsx => read_xlsx(path, sheet, visit),
        Format::Vcard => super::vcard::read(path, encoding, visit),
    }
}

/// The encoding named by `label` (utf-8, shift_jis, cp932, gb18030, gbk, euc-kr, cp949…).
pub fn encoding_for(label: &str) -> Result<&'static Encoding, ImportError> {
    let label = match label.trim().to_ascii_lowercase().as_str() {
        "cp932" | "ms932" | "windows-31j" | "sjis" => "shift_jis".to_owned(),
        "cp949" | "uhc" | "ms949" => "euc-kr".to_owned(),
        "cp936" | "ms936" => "gbk".to_owned(),
        other => other.to_owned(),
    };
    Encoding::for_label(label.as_bytes()).ok_or(ImportError::BadEncodingName { name: label })
}

/// The text file's encoding: a BOM, else the user's choice, else chardetng's guess; and whether
/// it was guessed. Refuses a file whose sample reads as mostly broken characters.
pub(super) fn text_encoding(
    path: &Path,
    chosen: Option<&'static Encoding>,
) -> Result<(&'static Encoding, bool, Vec<u8>), ImportError> {
    let mut sample = Vec::with_capacity(SAMPLE);
    let file = File::open(path).map_err(|e| io(path, e))?;
    file.take(SAMPLE as u64)
        .read_to_end(&mut sample)
        .map_err(|e| io(path, e))?;
    let whole = (sample.len() as u64) < SAMPLE as u64;
    let (encoding, detected) = if let Some((bom, _)) = Encoding::for_bom(&sample) {
        (bom, false)
    } else if let Some(chosen) = chosen {
        (chosen, false)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(&sample, whole);
        (detector.guess(None, chardetng::Utf8Detection::Allow), true)
    };
    // A file mostly in UTF-8 with a few rows in another encoding reads best as UTF-8 (those
    // rows are then reported); chardetng rules UTF-8 out at the first invalid byte.
    let encoding = if detected
        && broken_share(encoding_rs::UTF_8, &sample, whole) < broken_share(encoding, &sample, whole)
    {
        encoding_rs::UTF_8
    } else {
        encoding
    };
    // NUL bytes outside UTF-16 mean a binary file, whatever a detector makes of it.
    let binary = encoding != encoding_rs::UTF_16LE
        && encoding != encoding_rs::UTF_16BE
        && sample.contains(&0);
    if binary || (chosen.is_none() && broken_share(encoding, &sample, whole) > MAX_BROKEN_SHARE) {
        return Err(ImportError::UnknownEncoding {
            path: path.to_owned(),
        });
    }
    Ok((encoding, detected, sample))
}

/// The share of the sample's characters that decode as broken (U+FFFD or control characters);
/// a character cut at the end of a partial sample does not count.
fn broken_share(encoding: &'static Encoding, sample: &[u8], whole: bool) -> f64 {
    let (text, _, _) = encoding.decode(sample);
    let chars = text.chars().count().max(1);
    let broken = text
        .chars()
        .filter(|c| *c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\r' | '\n')))
        .count()
        .saturating_sub(usize::from(!whole) * 2);
    broken as f64 / chars as f64
}

/// The separator of the first line: comma, tab or semicolon, whichever it has most of.
fn separator(sample: &str) -> u8 {
    let first = sample.lines().next().unwrap_or_default();
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|s| first.bytes().filter(|b| b == s).count())
        .unwrap_or(b',')
}

fn read_csv(
    path: &Path,
    chosen: Option<&'static Encoding>,
    visit: &mut dyn FnMut(RawRow) -> Result<bool, ImportError>,
) -> Result<SourceInfo, ImportError> {
    let (encoding, detected, sample) = text_encoding(path, chosen)?;
    let file = BufReader::new(File::open(path).map_err(|e| io(path, e))?);
    // Unless the user chose the encoding or the file is UTF-16, each line is read in what it
    // is (UTF-8, or the file's legacy encoding): lists are often saved from two tools.
    let by_line =
        chosen.is_none() && encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE;
    let (decoded, name): (Box<dyn Read>, String) = if by_line {
        let reading = super::lines::detect(&sample);
        (
            Box::new(super::lines::MixedLines::new(file, reading.legacy)),
            reading.name(),
        )
    } else {
        (
            Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding))
                    .build(file),
            ),
            encoding.name().to_owned(),
        )
    };
    let (text, _, _) = encoding.decode(&sample);
    let delimiter = separator(&text);
    let capped = super::lines::CappedLines::new(decoded);
    let cut = capped.cut.clone();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(capped);
    let mut record = csv::StringRecord::new();
    // Rows are numbered as a spreadsheet numbers them (a quoted cell may span lines).
    let mut line: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                line = line.saturating_add(1);
                let too_wide = record.len() > MAX_COLUMNS;
                let cells: Vec<String> =
                    record.iter().take(MAX_COLUMNS).map(str::to_owned).collect();
                let bad_bytes = cells.iter().any(|c| c.contains('\u{FFFD}'));
                if !visit(RawRow {
                    line,
                    cells,
                    bad_bytes,
                    too_wide,
                    broken: None,
                    too_large: cut.replace(false),
                })? {
                    break;
                }
            }
            Err(e) => return Err(unreadable(path, e)),
        }
    }
    Ok(SourceInfo {
        format: Format::Csv,
        encoding: name,
        detected,
    })
}

/// Refuses an .xlsx whose parts would unpack to more than [`MAX_UNPACKED_MB`].
fn check_unpacked_size(path: &Path) -> Result<(), ImportError> {
    let file = File::open(path).map_err(|e| io(path, e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| unreadable(path, e))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| unreadable(path, e))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_MB * 1024 * 1024 {
        return Err(ImportError::TooLarge {
            path: path.to_owned(),
            limit: MAX_UNPACKED_MB,
        });
    }
    Ok(())
}

fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        // Excel counts days from 1899-12-30 (what lists hold are dates: the time is dropped).
        DataRef::DateTime(d) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| {
                epoch.checked_add_signed(chrono::Duration::days(d.as_f64().floor() as i64))
            })
            .map(|day| day.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
    }
}

/// The sheets of a workbook, in its order; none for a text file or a vCard.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, ImportError> {
    if format_of(path)? != Format::Xlsx {
        return Ok(Vec::new());
    }
    check_unpacked_size(path)?;
    let book: Xlsx<_> = open_workbook(path).map_err(|e| unreadable(path, e))?;
    Ok(book.sheet_names())
}

/// Runs `read` over a workbook from outside, turning a panic of the workbook reader into `None`:
/// calamine's cell references overflow on a damaged file (a panic in a debug build, a wrapped
/// number in a release one), and a damaged file is an answer, not a crash.
pub(crate) fn without_panic<T>(read: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).ok()
}

/// Reads the sheet `sheet` of a workbook (the first when none is named).
fn read_xlsx(
    path: &Path,
    sheet: Option<&str>,
    visit: &mut dyn FnMut(RawRow) -> Result<bool, ImportError>,
) -> Result<SourceInfo, ImportError> {
    without_panic(|| read_xlsx_cells(path, sheet, visit))
        .unwrap_or_else(|| Err(unreadable(path, "the workbook is damaged")))
}

fn read_xlsx_cells(
    path: &Path,
    sheet: Option<&str>,
    visit: &mut dyn FnMut(RawRow) -> Result<bool, ImportError>,
) -> Result<SourceInfo, ImportError> {
    check_unpacked_size(path)?;
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| unreadable(path, e))?;
    let names = book.sheet_names();
    let sheet = match sheet {
        Some(wanted) => names.iter().find(|n| n.as_str() == wanted).cloned(),
        None => names.first().cloned(),
    }
    .ok_or_else(|| unreadable(path, format!("no sheet {}", sheet.unwrap_or_default())))?;
    let mut cells = book
        .worksheet_cells_reader(&sheet)
        .map_err(|e| unreadable(path, e))?;
    let mut row: Option<RawRow> = None;
    loop {
        let cell = cells.next_cell().map_err(|e| unreadable(path, e))?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        let line = r.saturating_add(1);
        if row.as_ref().is_some_and(|row| row.line != line) {
            if let Some(done) = row.take() {
                if !visit(done)? {
                    return Ok(xlsx_info());
                }
            }
        }
        let current = row.get_or_insert_with(|| RawRow {
            line,
            cells: Vec::new(),
            bad_bytes: false,
            too_large: false,
            too_wide: false,
            broken: None,
        });
        let text = cell_text(cell.get_value());
        let c = c as usize;
        if c >= MAX_COLUMNS {
            current.too_wide |= !text.is_empty();
            continue;
        }
        if current.cells.len() <= c {
            current.cells.resize(c + 1, String::new());
        }
        current.cells[c] = text;
    }
    if let Some(done) = row {
        visit(done)?;
    }
    Ok(xlsx_info())
}

fn xlsx_info() -> SourceInfo {
    SourceInfo {
        format: Format::Xlsx,
        encoding: String::new(),
        detected: false,
    }
}

//! Writing a full export in one of its three forms, table by table and row by row: memory does
//! not grow with the ledger.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::error::FullExportError;
use super::values::{self, Column};
use super::{FullExport, FullExportForm, Manifest, TableCount, TABLES};

/// Rows of one sheet below its heading (Excel's 1,048,576 rows): a larger table goes on in a
/// sheet named `table (2)`.
const ROWS_PER_SHEET: u32 = 1_048_575;
/// Longest text a workbook cell holds.
const MAX_CELL: usize = 32_767;

/// Calls `each` with every row of `table`, in key order; returns how many there were.
fn each_row(
    conn: &Connection,
    table: &str,
    columns: &[Column],
    mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<(), FullExportError>,
) -> Result<u32, FullExportError> {
    let mut stmt = conn.prepare(&values::select(table, columns))?;
    let mut rows = stmt.query([])?;
    let mut n = 0u32;
    while let Some(r) = rows.next()? {
        each(r)?;
        n += 1;
    }
    Ok(n)
}

fn cell<'r>(r: &'r rusqlite::Row<'r>, i: usize) -> Result<ValueRef<'r>, FullExportError> {
    Ok(r.get_ref(i)?)
}

/// Writes the whole ledger to `path` (a temporary file beside the target) as `form`.
pub fn write(
    conn: &Connection,
    path: &Path,
    form: FullExportForm,
    manifest: &Manifest,
) -> Result<FullExport, FullExportError> {
    let (tables, cut_cells) = match form {
        FullExportForm::Json => (json(conn, path, manifest)?, 0),
        FullExportForm::Zip => (zip(conn, path, manifest)?, 0),
        FullExportForm::Xlsx => xlsx(conn, path, manifest)?,
    };
    Ok(FullExport {
        path: path.display().to_string(),
        form,
        tables,
        cut_cells,
    })
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> FullExportError + '_ {
    move |source| FullExportError::Io {
        path: path.to_owned(),
        source,
    }
}

fn failed(path: &Path) -> impl Fn(String) -> FullExportError + '_ {
    move |detail| FullExportError::Write {
        path: path.to_owned(),
        detail,
    }
}

fn json(
    conn: &Connection,
    path: &Path,
    manifest: &Manifest,
) -> Result<Vec<TableCount>, FullExportError> {
    let mut out = BufWriter::new(File::create(path).map_err(io(path))?);
    let mut counts = Vec::new();
    let head = serde_json::to_string(manifest).map_err(|e| failed(path)(e.to_string()))?;
    // The manifest's fields first, then the tables: a reader knows what it reads before a row.
    let head = head.strip_suffix('}').unwrap_or(&head);
    write!(out, "{head},\"tables\":{{").map_err(io(path))?;
    for (t, table) in TABLES.iter().enumerate() {
        let columns = values::columns(conn, table)?;
        let names: Vec<String> = columns
            .iter()
            .map(|c| serde_json::Value::String(c.name.clone()).to_string())
            .collect();
        write!(out, "{}\"{table}\":[", if t == 0 { "" } else { "," }).map_err(io(path))?;
        let mut line = String::new();
        let mut first = true;
        let rows = each_row(conn, table, &columns, |r| {
            line.clear();
            line.push_str(if first { "\n{" } else { ",\n{" });
            first = false;
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                line.push_str(name);
                line.push(':');
                line.push_str(&values::to_json(cell(r, i)?).to_string());
            }
            line.push('}');
            out.write_all(line.as_bytes()).map_err(io(path))
        })?;
        out.write_all(b"]").map_err(io(path))?;
        counts.push(TableCount {
            table: (*table).to_owned(),
            rows,
        });
    }
    out.write_all(b"}}\n").map_err(io(path))?;
    out.flush().map_err(io(path))?;
    Ok(counts)
}

fn zip(
    conn: &Connection,
    path: &Path,
    manifest: &Manifest,
) -> Result<Vec<TableCount>, FullExportError> {
    let to_write = |e: zip::result::ZipError| failed(path)(e.to_string());
    let mut archive = zip::ZipWriter::new(BufWriter::new(File::create(path).map_err(io(path))?));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    archive
        .start_file("manifest.json", options)
        .map_err(to_write)?;
    let head = serde_json::to_vec_pretty(manifest).map_err(|e| failed(path)(e.to_string()))?;
    archive.write_all(&head).map_err(io(path))?;
    let mut counts = Vec::new();
    for table in TABLES {
        let columns = values::columns(conn, table)?;
        archive
            .start_file(format!("{table}.csv"), options)
            .map_err(to_write)?;
        // A byte-order mark: Excel opens UTF-8 CSV as UTF-8 only with one.
        archive.write_all("\u{feff}".as_bytes()).map_err(io(path))?;
        let mut csv = csv::Writer::from_writer(&mut archive);
        let to_csv = |e: csv::Error| failed(path)(e.to_string());
        csv.write_record(columns.iter().map(|c| c.name.as_str()))
            .map_err(to_csv)?;
        let mut record: Vec<String> = Vec::with_capacity(columns.len());
        let rows = each_row(conn, table, &columns, |r| {
            record.clear();
            for i in 0..columns.len() {
                record.push(values::to_text(cell(r, i)?));
            }
            csv.write_record(&record).map_err(to_csv)
        })?;
        csv.flush().map_err(io(path))?;
        drop(csv);
        counts.push(TableCount {
            table: (*table).to_owned(),
            rows,
        });
    }
    let mut file = archive.finish().map_err(to_write)?;
    file.flush().map_err(io(path))?;
    Ok(counts)
}

/// The `part`th sheet of `table`'s rows.
pub(super) fn sheet_name(table: &str, part: u32) -> String {
    if part == 1 {
        table.to_owned()
    } else {
        format!("{table} ({part})")
    }
}

fn xlsx(
    conn: &Connection,
    path: &Path,
    manifest: &Manifest,
) -> Result<(Vec<TableCount>, u32), FullExportError> {
    let to_write = |e: XlsxError| failed(path)(e.to_string());
    let mut workbook = Workbook::new();
    let head = Format::new().set_bold();
    {
        let about = workbook.add_worksheet();
        about.set_name(super::FORMAT).map_err(to_write)?;
        let lines = [
            ("format", manifest.format.clone()),
            ("version", manifest.version.to_string()),
            ("schema", manifest.schema.to_string()),
            ("exported_at", manifest.exported_at.clone()),
        ];
        for (n, (key, value)) in lines.iter().enumerate() {
            about
                .write_string_with_format(n as u32, 0, *key, &head)
                .map_err(to_write)?;
            about
                .write_string(n as u32, 1, value.as_str())
                .map_err(to_write)?;
        }
        about.set_column_width(0, 14).map_err(to_write)?;
        about.set_column_width(1, 28).map_err(to_write)?;
    }
    let mut counts = Vec::new();
    let mut cut = 0u32;
    let mut sheets = 1usize; // the manifest's
    for table in TABLES {
        let columns = values::columns(conn, table)?;
        let mut part = 0u32;
        let mut at = ROWS_PER_SHEET; // a new sheet at the first row
        let start = |workbook: &mut Workbook, part: u32| -> Result<(), XlsxError> {
            let ws = workbook.add_worksheet_with_constant_memory()?;
            ws.set_name(sheet_name(table, part))?;
            for (i, c) in columns.iter().enumerate() {
                ws.write_string_with_format(0, i as u16, c.name.as_str(), &head)?;
            }
            ws.set_freeze_panes(1, 0)?;
            Ok(())
        };
        let rows = each_row(conn, table, &columns, |r| {
            if at == ROWS_PER_SHEET {
                part += 1;
                at = 0;
                sheets += 1;
                start(&mut workbook, part).map_err(to_write)?;
            }
            at += 1;
            let ws = workbook
                .worksheet_from_index(sheets - 1)
                .map_err(to_write)?;
            for i in 0..columns.len() {
                let col = i as u16;
                match cell(r, i)? {
                    ValueRef::Null => {}
                    // Beyond 2^53 a spreadsheet number is no longer exact: kept as text.
                    ValueRef::Integer(v) if v.unsigned_abs() < (1u64 << 53) => {
                        ws.write_number(at, col, v as f64).map_err(to_write)?;
                    }
                    ValueRef::Integer(v) => {
                        ws.write_string(at, col, v.to_string()).map_err(to_write)?;
                    }
                    ValueRef::Real(v) => {
                        ws.write_number(at, col, v).map_err(to_write)?;
                    }
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        let text = String::from_utf8_lossy(t);
                        if text.len() > MAX_CELL && text.encode_utf16().count() > MAX_CELL {
                            cut += 1;
                            let mut kept = String::new();
                            let mut units = 0;
                            for ch in text.chars() {
                                units += ch.len_utf16();
                                if units >= MAX_CELL {
                                    break;
                                }
                                kept.push(ch);
                            }
                            kept.push('…');
                            ws.write_string(at, col, kept).map_err(to_write)?;
                        } else {
                            ws.write_string(at, col, text.as_ref()).map_err(to_write)?;
                        }
                    }
                }
            }
            Ok(())
        })?;
        if rows == 0 {
            sheets += 1;
            start(&mut workbook, 1).map_err(to_write)?;
        }
        counts.push(TableCount {
            table: (*table).to_owned(),
            rows,
        });
    }
    workbook.save(path).map_err(to_write)?;
    Ok((counts, cut))
}

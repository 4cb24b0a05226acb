//! Restoring a full export into an empty ledger: every row back in its table, in one
//! transaction, checked column by column against the ledger's own schema.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::Path;

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::FullExportError;
use super::values::{self, Column};
use super::{FullExport, FullExportForm, Manifest, TableCount, FORMAT, TABLES, VERSION};

/// The manifest is a few lines: anything longer is not one.
const MANIFEST_BYTES: u64 = 64 * 1024;

/// Where the rows go: each table's columns as the ledger defines them, and the rows counted.
struct Target<'a> {
    conn: &'a Connection,
    path: &'a Path,
    columns: HashMap<&'static str, Vec<Column>>,
    counts: BTreeMap<&'static str, u32>,
    /// The columns of the table being read, by the file's order (CSV and workbooks).
    header: Vec<usize>,
    insert: String,
}

impl<'a> Target<'a> {
    fn new(conn: &'a Connection, path: &'a Path) -> Result<Target<'a>, FullExportError> {
        let mut columns = HashMap::new();
        for table in TABLES {
            columns.insert(*table, values::columns(conn, table)?);
        }
        Ok(Target {
            conn,
            path,
            columns,
            counts: BTreeMap::new(),
            header: Vec::new(),
            insert: String::new(),
        })
    }

    fn not_an_export(&self, detail: impl Into<String>) -> FullExportError {
        FullExportError::NotAnExport {
            path: self.path.to_owned(),
            detail: detail.into(),
        }
    }

    fn check(&self, manifest: &Manifest) -> Result<(), FullExportError> {
        if manifest.format != FORMAT {
            return Err(self.not_an_export(format!("format {:?}", manifest.format)));
        }
        if manifest.version > VERSION || manifest.schema > crate::db::latest_version() {
            return Err(FullExportError::Newer {
                path: self.path.to_owned(),
                schema: manifest.schema,
            });
        }
        Ok(())
    }

    fn table(&self, name: &str) -> Result<&'static str, FullExportError> {
        TABLES
            .iter()
            .find(|t| **t == name)
            .copied()
            .ok_or_else(|| self.not_an_export(format!("table {name}")))
    }

    /// A table's rows begin with their column names (CSV and workbooks).
    fn begin(&mut self, table: &'static str, names: &[String]) -> Result<(), FullExportError> {
        let columns = &self.columns[table];
        let mut header = Vec::new();
        for name in names {
            let at = columns
                .iter()
                .position(|c| c.name == *name)
                .ok_or_else(|| self.not_an_export(format!("{table}.{name}")))?;
            header.push(at);
        }
        self.insert = insert_sql(table, header.iter().map(|i| columns[*i].name.as_str()));
        self.header = header;
        self.counts.entry(table).or_default();
        Ok(())
    }

    fn row_of_text(
        &mut self,
        table: &'static str,
        fields: &[String],
    ) -> Result<(), FullExportError> {
        let columns = &self.columns[table];
        let values: Vec<Value> = self
            .header
            .iter()
            .enumerate()
            .map(|(n, at)| values::from_text(&columns[*at], fields.get(n).map_or("", |f| f)))
            .collect();
        let sql = std::mem::take(&mut self.insert);
        let done = self.put(table, &sql, values);
        self.insert = sql;
        done
    }

    fn row_of_json(
        &mut self,
        table: &'static str,
        row: BTreeMap<String, serde_json::Value>,
    ) -> Result<(), FullExportError> {
        let columns = &self.columns[table];
        let mut names = Vec::new();
        let mut values = Vec::new();
        for (name, value) in &row {
            if !columns.iter().any(|c| c.name == *name) {
                return Err(self.not_an_export(format!("{table}.{name}")));
            }
            let value = crate::handover::take_over::sql_value(value)
                .ok_or_else(|| self.bad(table, name, value))?;
            names.push(name.as_str());
            values.push(value);
        }
        let sql = insert_sql(table, names.into_iter());
        self.counts.entry(table).or_default();
        self.put(table, &sql, values)
    }

    fn bad(&self, table: &str, column: &str, value: &serde_json::Value) -> FullExportError {
        FullExportError::BadValue {
            table: table.to_owned(),
            row: self.counts.get(table).copied().unwrap_or(0) + 1,
            column: column.to_owned(),
            value: value.to_string().chars().take(80).collect(),
        }
    }

    fn put(
        &mut self,
        table: &'static str,
        sql: &str,
        values: Vec<Value>,
    ) -> Result<(), FullExportError> {
        let row = self.counts.get(table).copied().unwrap_or(0) + 1;
        self.conn
            .prepare_cached(sql)?
            .execute(rusqlite::params_from_iter(values))
            .map_err(|e| match e.sqlite_error_code() {
                // A value the ledger's own rules refuse: the file was altered.
                Some(rusqlite::ErrorCode::ConstraintViolation) => FullExportError::BadValue {
                    table: table.to_owned(),
                    row,
                    column: String::new(),
                    value: String::new(),
                },
                _ => e.into(),
            })?;
        self.counts.insert(table, row);
        Ok(())
    }

    fn counts(&self) -> Vec<TableCount> {
        TABLES
            .iter()
            .map(|t| TableCount {
                table: (*t).to_owned(),
                rows: self.counts.get(t).copied().unwrap_or(0),
            })
            .collect()
    }
}

fn insert_sql<'n>(table: &str, names: impl Iterator<Item = &'n str>) -> String {
    let names: Vec<String> = names.map(|n| format!("\"{n}\"")).collect();
    let marks: Vec<String> = (1..=names.len()).map(|n| format!("?{n}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    )
}

/// Restores the full export at `path` into `conn`'s ledger, which must hold no cards,
/// products or comparison sheets yet. Runs inside the caller's transaction.
pub fn restore(conn: &Connection, path: &Path) -> Result<FullExport, FullExportError> {
    let form = FullExportForm::of(path).ok_or_else(|| FullExportError::UnknownForm {
        path: path.to_owned(),
    })?;
    for table in TABLES {
        let any: bool =
            conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
                r.get(0)
            })?;
        if any {
            return Err(FullExportError::NotEmpty);
        }
    }
    // Rows may point at rows later in the file; the ledger's links are checked at commit.
    conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let mut target = Target::new(conn, path)?;
    crate::db::set_aside::in_bulk(conn, &[], || match form {
        FullExportForm::Json => json(path, &mut target),
        FullExportForm::Zip => zip(path, &mut target),
        FullExportForm::Xlsx => crate::import::source::without_panic(|| xlsx(path, &mut target))
            .unwrap_or_else(|| Err(target.not_an_export("the workbook is damaged".to_owned()))),
    })?;
    Ok(FullExport {
        path: path.display().to_string(),
        form,
        tables: target.counts(),
        cut_cells: 0,
    })
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> FullExportError + '_ {
    move |source| FullExportError::Io {
        path: path.to_owned(),
        source,
    }
}

fn zip(path: &Path, target: &mut Target<'_>) -> Result<(), FullExportError> {
    let file = std::fs::File::open(path).map_err(io(path))?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| target.not_an_export(e.to_string()))?;
    let manifest: Manifest = {
        let entry = archive
            .by_name("manifest.json")
            .map_err(|_| target.not_an_export("manifest.json"))?;
        let mut text = Vec::new();
        entry
            .take(MANIFEST_BYTES)
            .read_to_end(&mut text)
            .map_err(io(path))?;
        serde_json::from_slice(&text).map_err(|e| target.not_an_export(e.to_string()))?
    };
    target.check(&manifest)?;
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| target.not_an_export(e.to_string()))?;
    for name in &names {
        if name != "manifest.json" {
            let table = name.strip_suffix(".csv").unwrap_or(name);
            target.table(table)?;
        }
    }
    for table in TABLES {
        let Ok(entry) = archive.by_name(&format!("{table}.csv")) else {
            continue;
        };
        let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(entry);
        let header: Vec<String> = csv
            .headers()
            .map_err(|e| target.not_an_export(e.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_owned())
            .collect();
        target.begin(table, &header)?;
        let mut record = csv::StringRecord::new();
        let mut fields: Vec<String> = Vec::new();
        while csv
            .read_record(&mut record)
            .map_err(|e| target.not_an_export(e.to_string()))?
        {
            fields.clear();
            fields.extend(record.iter().map(str::to_owned));
            target.row_of_text(table, &fields)?;
        }
    }
    Ok(())
}

/// A workbook's sheet is read whole: one that would unpack to more than this is refused before
/// it is unpacked (the .zip and .json forms are read as they stream, whatever their size).
const MAX_SHEET_BYTES: u64 = 1024 * 1024 * 1024;

fn xlsx(path: &Path, target: &mut Target<'_>) -> Result<(), FullExportError> {
    use calamine::{open_workbook, Data, Reader as _, Xlsx};
    {
        let file = std::fs::File::open(path).map_err(io(path))?;
        let mut parts = zip::ZipArchive::new(std::io::BufReader::new(file))
            .map_err(|e| target.not_an_export(e.to_string()))?;
        for i in 0..parts.len() {
            let part = parts
                .by_index_raw(i)
                .map_err(|e| target.not_an_export(e.to_string()))?;
            if part.size() > MAX_SHEET_BYTES {
                return Err(target.not_an_export(format!(
                    "{} unpacks to {} MiB: restore the .zip or .json form",
                    part.name().unwrap_or_default(),
                    part.size() / (1024 * 1024)
                )));
            }
        }
    }
    let mut workbook: Xlsx<_> = open_workbook(path)
        .map_err(|e: calamine::XlsxError| target.not_an_export(e.to_string()))?;
    let text = |cell: &Data| -> String {
        match cell {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => i64::from(*b).to_string(),
            other => other.to_string(),
        }
    };
    let about = workbook
        .worksheet_range(FORMAT)
        .map_err(|_| target.not_an_export(FORMAT))?;
    let mut lines: HashMap<String, String> = HashMap::new();
    for row in about.rows() {
        if let [key, value, ..] = row {
            lines.insert(text(key), text(value));
        }
    }
    let manifest = Manifest {
        format: lines.get("format").cloned().unwrap_or_default(),
        version: lines
            .get("version")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        schema: lines
            .get("schema")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        exported_at: lines.get("exported_at").cloned().unwrap_or_default(),
    };
    target.check(&manifest)?;
    let sheets = workbook.sheet_names();
    for table in TABLES {
        for part in 1.. {
            let name = super::write::sheet_name(table, part);
            if !sheets.contains(&name) {
                break;
            }
            let range = workbook
                .worksheet_range(&name)
                .map_err(|e| target.not_an_export(e.to_string()))?;
            let mut rows = range.rows();
            let header: Vec<String> = rows
                .next()
                .map(|r| r.iter().map(text).filter(|h| !h.is_empty()).collect())
                .unwrap_or_default();
            target.begin(table, &header)?;
            let mut fields = Vec::with_capacity(header.len());
            for row in rows {
                fields.clear();
                fields.extend(row.iter().take(header.len()).map(text));
                target.row_of_text(table, &fields)?;
            }
        }
    }
    Ok(())
}

/// A JSON full export, read as it streams: rows are inserted one by one, never all held.
fn json(path: &Path, target: &mut Target<'_>) -> Result<(), FullExportError> {
    let file = std::fs::File::open(path).map_err(io(path))?;
    let mut failure = None;
    let mut reader = serde_json::Deserializer::from_reader(std::io::BufReader::new(file));
    let result = Whole {
        target,
        failure: &mut failure,
    }
    .deserialize(&mut reader);
    if let Some(e) = failure {
        return Err(e);
    }
    result.map_err(|e| target.not_an_export(e.to_string()))?;
    reader
        .end()
        .map_err(|e| target.not_an_export(e.to_string()))
}

/// The whole file: the manifest's fields, then `tables`.
struct Whole<'t, 'a> {
    target: &'t mut Target<'a>,
    failure: &'t mut Option<FullExportError>,
}

impl<'de> DeserializeSeed<'de> for Whole<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Whole<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Daicho full export")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        use serde::de::Error;
        let mut head: BTreeMap<String, serde_json::Value> = BTreeMap::new();
        let mut tables = false;
        while let Some(key) = map.next_key::<String>()? {
            if key != "tables" {
                head.insert(key, map.next_value()?);
                continue;
            }
            let manifest: Manifest = serde_json::from_value(serde_json::Value::Object(
                head.clone().into_iter().collect(),
            ))
            .map_err(M::Error::custom)?;
            if let Err(e) = self.target.check(&manifest) {
                *self.failure = Some(e);
                return Err(M::Error::custom("refused"));
            }
            map.next_value_seed(Tables {
                target: &mut *self.target,
                failure: &mut *self.failure,
            })?;
            tables = true;
        }
        // A file without its tables is not an export, whatever its first fields say: an
        // empty ledger is never "restored" from it.
        if !tables {
            return Err(M::Error::custom(if head.contains_key("format") {
                "no tables"
            } else {
                "no manifest"
            }));
        }
        Ok(())
    }
}

struct Tables<'t, 'a> {
    target: &'t mut Target<'a>,
    failure: &'t mut Option<FullExportError>,
}

impl<'de> DeserializeSeed<'de> for Tables<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Tables<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the ledger's tables")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        use serde::de::Error;
        while let Some(name) = map.next_key::<String>()? {
            let table = match self.target.table(&name) {
                Ok(t) => t,
                Err(e) => {
                    *self.failure = Some(e);
                    let _: IgnoredAny = map.next_value()?;
                    return Err(M::Error::custom("refused"));
                }
            };
            map.next_value_seed(Rows {
                table,
                target: &mut *self.target,
                failure: &mut *self.failure,
            })?;
        }
        Ok(())
    }
}

struct Rows<'t, 'a> {
    table: &'static str,
    target: &'t mut Target<'a>,
    failure: &'t mut Option<FullExportError>,
}

impl<'de> DeserializeSeed<'de> for Rows<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Rows<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table's rows")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        use serde::de::Error;
        self.target.counts.entry(self.table).or_default();
        while let Some(row) = seq.next_element::<BTreeMap<String, serde_json::Value>>()? {
            if let Err(e) = self.target.row_of_json(self.table, row) {
                *self.failure = Some(e);
                return Err(S::Error::custom("refused"));
            }
        }
        Ok(())
    }
}

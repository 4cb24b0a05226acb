//! What a full export and its restore can refuse, with codes.

use std::path::PathBuf;

use crate::error::OutputError;

#[derive(Debug, thiserror::Error)]
pub enum FullExportError {
    #[error("{path}: the file name must end in .xlsx, .zip or .json")]
    UnknownForm { path: PathBuf },
    #[error("{path}: {detail}")]
    Write { path: PathBuf, detail: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a Daicho full export ({detail})")]
    NotAnExport { path: PathBuf, detail: String },
    #[error("{path}: written by a newer Daicho (schema {schema})")]
    Newer { path: PathBuf, schema: i64 },
    #[error("the ledger already holds cards: restore a full export into a new ledger")]
    NotEmpty,
    #[error("{table} row {row}, {column}: {value:?} is not a value this column keeps")]
    BadValue {
        table: String,
        row: u32,
        column: String,
        value: String,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(FullExportError {
    UnknownForm { path } => code("full_export.unknown_form"),
    Write { path, detail } => code("full_export.write"),
    Io { path, source } => io("full_export.io"),
    NotAnExport { path, detail } => code("full_export.not_an_export"),
    Newer { path, schema } => code("full_export.newer"),
    NotEmpty => code("full_export.not_empty"),
    BadValue { table, row, column, value } => code("full_export.bad_value"),
    Output(e) => inner,
    Storage(e) => storage,
});

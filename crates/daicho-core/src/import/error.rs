//! What importing a list of customers (CSV, Excel, vCard) can refuse, with codes.

use crate::error::{BackupError, CardError};
use std::path::PathBuf;

/// Importing a list of customers (CSV, Excel, vCard).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: no such file")]
    NotFoundFile { path: PathBuf },
    #[error("{path}: Excel 97-2003 (.xls) files cannot be read in bounded memory; save as .xlsx")]
    XlsUnsupported { path: PathBuf },
    #[error("{path}: the text is in no encoding Daicho knows")]
    UnknownEncoding { path: PathBuf },
    #[error("unknown encoding name {name}")]
    BadEncodingName { name: String },
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path}: unpacks to more than {limit} MB")]
    TooLarge { path: PathBuf, limit: u64 },
    #[error("{path}: no rows to import below the header")]
    NoRows { path: PathBuf },
    #[error("{path}: no sheet has a scope column and twelve month columns")]
    NotAPlan { path: PathBuf },
    #[error("a plan sheet has at most {limit} rows")]
    TooManyPlanRows { limit: u32 },
    #[error("{refused} rows of the plan sheet were refused; nothing was saved")]
    PlanRowsRefused { refused: u32 },
    #[error("no column is mapped to the name")]
    NoNameColumn,
    #[error("the mapping names column {column}, the file has {columns}")]
    BadMapping { column: u32, columns: u32 },
    #[error("{value}: not skip, merge or keep_both")]
    BadDuplicateChoice { value: String },
    #[error("the import was cancelled; nothing was written")]
    Cancelled,
    /// The rows that could be were imported (or, in a dry run, would be); these were refused.
    #[error("{refused} rows were refused ({imported} imported)")]
    RowsRefused { refused: u32, imported: u32 },
    #[error("nothing was imported ({skipped} likely duplicates skipped)")]
    NothingImported { skipped: u32 },
    #[error("no import with id {id}")]
    NotFound { id: String },
    #[error("this import was already undone")]
    AlreadyUndone { id: String },
    #[error("card {code} changed after the import; undo would lose that")]
    ChangedSince { code: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Contact(#[from] crate::error::ContactError),
    #[error(transparent)]
    Sales(#[from] crate::error::SalesError),
    #[error(transparent)]
    Competition(#[from] crate::error::CompetitionError),
    #[error(transparent)]
    Backup(Box<BackupError>),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(ImportError {
    Io { path, source } => io("import.io"),
    NotFoundFile { path } => code("import.file_not_found"),
    XlsUnsupported { path } => code("import.xls_unsupported"),
    UnknownEncoding { path } => code("import.unknown_encoding"),
    BadEncodingName { name } => code("import.bad_encoding_name"),
    Unreadable { path, reason } => code("import.unreadable"),
    TooLarge { path, limit } => code("import.too_large"),
    NoRows { path } => code("import.no_rows"),
    NotAPlan { path } => code("import.not_a_plan"),
    TooManyPlanRows { limit } => code("import.too_many_plan_rows"),
    PlanRowsRefused { refused } => code("import.plan_rows_refused"),
    NoNameColumn => code("import.no_name_column"),
    BadMapping { column, columns } => code("import.bad_mapping"),
    BadDuplicateChoice { value } => code("import.bad_duplicate_choice"),
    Cancelled => code("import.cancelled"),
    RowsRefused { refused, imported } => code("import.rows_refused"),
    NothingImported { skipped } => code("import.nothing_imported"),
    NotFound { id } => code("import.not_found"),
    AlreadyUndone { id } => code("import.already_undone"),
    ChangedSince { code } => code("import.changed_since"),
    Card(e) => inner,
    Contact(e) => inner,
    Sales(e) => inner,
    Competition(e) => inner,
    Backup(e) => inner,
    Storage(e) => storage,
});

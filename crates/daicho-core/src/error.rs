//! Errors. Each module declares its own `thiserror` enum next to its code, with `coded!` giving
//! every variant a stable code (`"card.not_found"`) that the UI and the CLI translate through the
//! message catalog. An [`ErrorReport`] is what crosses to the UI: the code, its parameters and,
//! for validation, one issue per field. [`all_codes`] is every code there is: the catalogs are
//! tested against it and the UI gets it as a TypeScript union.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// A coded error as the UI sees it. `code` selects the message `error.<code>` in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ErrorReport {
    pub code: String,
    pub params: BTreeMap<String, String>,
    /// Validation problems, each shown beside its field.
    pub fields: Vec<FieldIssue>,
}

/// One field that failed validation. `field` is a path such as `name` or `organisation.capital`;
/// `rule` selects the message `rule.<rule>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldIssue {
    pub field: String,
    pub rule: String,
    /// The limit the rule refers to (a maximum length, a range end), if any.
    pub limit: Option<i32>,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, rule: &str) -> Self {
        FieldIssue {
            field: field.into(),
            rule: rule.to_owned(),
            limit: None,
        }
    }
    pub fn with_limit(field: impl Into<String>, rule: &str, limit: i32) -> Self {
        FieldIssue {
            field: field.into(),
            rule: rule.to_owned(),
            limit: Some(limit),
        }
    }
}

/// Anything that can become an [`ErrorReport`].
pub trait Coded: std::error::Error {
    fn code(&self) -> &'static str;
    fn params(&self) -> BTreeMap<String, String> {
        BTreeMap::new()
    }
    fn fields(&self) -> Vec<FieldIssue> {
        Vec::new()
    }
    fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            params: self.params(),
            fields: self.fields(),
        }
    }
}

/// The code of a storage error, by what went wrong rather than SQLite's English text: a full
/// disk, another Daicho holding the ledger, a read or write the system refused, a damaged file.
pub fn storage_code(e: &rusqlite::Error) -> &'static str {
    use rusqlite::ErrorCode as C;
    // The ledger's own refusals (triggers), by their message.
    if let rusqlite::Error::SqliteFailure(_, Some(message)) = e {
        if message == HANDED_OVER {
            return "card.handed_over";
        }
    }
    if crate::db::json::is_damaged_value(e) {
        return "ledger.damaged_value";
    }
    match e.sqlite_error_code() {
        Some(C::DiskFull) => "disk.full",
        Some(C::DatabaseBusy | C::DatabaseLocked) => "ledger.busy",
        Some(C::SystemIoFailure | C::CannotOpen) => "disk.io",
        Some(C::ReadOnly | C::PermissionDenied) => "disk.read_only",
        Some(C::DatabaseCorrupt | C::NotADatabase) => "ledger.damaged",
        _ => "ledger.storage",
    }
}

/// What the ledger's triggers say when a change touches a card handed over to a successor.
const HANDED_OVER: &str = "daicho:handed_over";

/// Parameters of a storage error: SQLite's own text only where no plainer code says it.
pub(crate) fn storage_params(e: &rusqlite::Error) -> BTreeMap<String, String> {
    match storage_code(e) {
        "ledger.storage" => params([("detail", e.to_string())]),
        _ => BTreeMap::new(),
    }
}

/// The code of a file error the system reported, for the ones a salesperson can act on.
pub fn io_code(e: &std::io::Error, otherwise: &'static str) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull | K::QuotaExceeded => "disk.full",
        K::PermissionDenied | K::ReadOnlyFilesystem => "disk.read_only",
        _ if e.raw_os_error() == Some(28) => "disk.full",
        _ => otherwise,
    }
}

/// Parameters of a file error: the path, and the system's text only for an unplain one.
pub(crate) fn io_params(
    path: &std::path::Path,
    e: &std::io::Error,
    otherwise: &'static str,
) -> BTreeMap<String, String> {
    let mut p = params([("path", path.display().to_string())]);
    if io_code(e, otherwise) == otherwise {
        p.insert("detail".into(), e.to_string());
    }
    p
}

fn params<const N: usize>(pairs: [(&str, String); N]) -> BTreeMap<String, String> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// A value as a message parameter.
pub trait Param {
    fn param(&self) -> String;
}

impl Param for String {
    fn param(&self) -> String {
        self.clone()
    }
}

impl Param for &str {
    fn param(&self) -> String {
        (*self).to_owned()
    }
}

impl Param for PathBuf {
    fn param(&self) -> String {
        self.display().to_string()
    }
}

macro_rules! number_params {
    ($($t:ty),*) => {$(
        impl Param for $t {
            fn param(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
number_params!(u32, u64, i32, i64, usize);

/// A wrapped error reports as the error inside it.
impl<T: Coded> Coded for Box<T> {
    fn code(&self) -> &'static str {
        (**self).code()
    }
    fn params(&self) -> BTreeMap<String, String> {
        (**self).params()
    }
    fn fields(&self) -> Vec<FieldIssue> {
        (**self).fields()
    }
}

pub use crate::backup::error::BackupError;
pub use crate::card::error::CardError;
pub use crate::classify::error::ClassifyError;
pub use crate::competition::error::CompetitionError;
pub use crate::contact::error::ContactError;
pub use crate::custom_fields::error::CustomFieldError;
pub use crate::demo::error::DemoError;
pub use crate::full_export::error::FullExportError;
pub use crate::handover::error::HandoverError;
pub use crate::import::error::ImportError;
pub use crate::ledger::error::LedgerError;
pub use crate::links::error::CardLinkError;
pub use crate::many_cards::error::BatchError;
pub use crate::notes::error::NoteError;
pub use crate::output::OutputError;
pub use crate::reminders::error::ReminderError;
pub use crate::report::error::ReportError;
pub use crate::sales::error::SalesError;
pub use crate::settings::SettingsError;
pub use crate::visit::error::VisitError;

/// What the app and the CLI refuse themselves, around the core's operations.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("something went wrong ({detail})")]
    Unknown { detail: String },
    #[error("no ledger is open")]
    NoneOpen,
    #[error("{path}: Daicho did not write this file, so it does not open it")]
    OpenRefused { path: String },
    #[error("{path}: {detail}")]
    OpenFailed { path: String, detail: String },
    #[error("{value}: this makes no link")]
    NoLink { value: String },
    #[error("{value}: not a link Daicho opens")]
    LinkRefused { value: String },
    #[error("{value}: {detail}")]
    LinkFailed { value: String, detail: String },
}

coded!(AppError {
    Unknown { detail } => code("unknown"),
    NoneOpen => code("ledger.none_open"),
    OpenRefused { path } => code("report.open_refused"),
    OpenFailed { path, detail } => code("report.open"),
    NoLink { value } => code("link.none"),
    LinkRefused { value } => code("link.refused"),
    LinkFailed { value, detail } => code("link.open"),
});

/// The codes that storage and file errors map to (see [`storage_code`] and [`io_code`]).
const STORAGE_CODES: &[&str] = &[
    "card.handed_over",
    "disk.full",
    "ledger.busy",
    "disk.io",
    "disk.read_only",
    "ledger.damaged",
    "ledger.damaged_value",
    "ledger.storage",
];

/// Every error code Daicho reports, sorted: each needs `error.<code>` in every catalog.
pub fn all_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = [
        AppError::codes(),
        BackupError::codes(),
        BatchError::codes(),
        CardError::codes(),
        CardLinkError::codes(),
        ClassifyError::codes(),
        CompetitionError::codes(),
        ContactError::codes(),
        CustomFieldError::codes(),
        DemoError::codes(),
        FullExportError::codes(),
        HandoverError::codes(),
        ImportError::codes(),
        LedgerError::codes(),
        NoteError::codes(),
        OutputError::codes(),
        ReportError::codes(),
        SalesError::codes(),
        SettingsError::codes(),
        VisitError::codes(),
        ReminderError::codes(),
        STORAGE_CODES.to_vec(),
    ]
    .concat();
    codes.sort_unstable();
    codes.dedup();
    codes
}

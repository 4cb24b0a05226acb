//! Errors. Each module has its own `thiserror` enum; every variant has a stable code
//! (`"card.not_found"`) that the UI and the CLI translate through the message catalog.
//! An [`ErrorReport`] is what crosses to the UI: the code, its parameters and, for
//! validation, one issue per field.

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
fn storage_params(e: &rusqlite::Error) -> BTreeMap<String, String> {
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
fn io_params(
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

/// Opening, creating and upgrading a ledger file.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("{path}: no such file")]
    NotFound { path: PathBuf },
    #[error("{path}: a file with this name already exists")]
    AlreadyExists { path: PathBuf },
    #[error("{path}: not a Daicho ledger")]
    NotALedger { path: PathBuf },
    #[error("{path}: the ledger is damaged ({detail})")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: made by a newer Daicho (schema {found}; this Daicho knows up to {known})")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is open in another Daicho window (process {pid}, since {since})")]
    InUse {
        path: PathBuf,
        pid: String,
        since: String,
    },
    #[error("{path} is encrypted and locked: give its passphrase or recovery key")]
    Locked { path: PathBuf },
    #[error("{path}: this passphrase or recovery key does not open the ledger")]
    WrongSecret { path: PathBuf },
    #[error("this computer has no keychain to keep the ledger's key: choose a passphrase")]
    NeedsPassphrase,
    #[error("a passphrase needs at least {min} characters")]
    WeakPassphrase { min: usize },
    #[error("not a recovery key (52 letters and digits in groups of four)")]
    BadRecoveryKey,
    #[error("the ledger key could not be made: {0}")]
    Key(String),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("schema upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl Coded for LedgerError {
    fn code(&self) -> &'static str {
        match self {
            LedgerError::NotFound { .. } => "ledger.not_found",
            LedgerError::AlreadyExists { .. } => "ledger.already_exists",
            LedgerError::NotALedger { .. } => "ledger.not_a_ledger",
            LedgerError::Corrupt { .. } => "ledger.corrupt",
            LedgerError::TooNew { .. } => "ledger.too_new",
            LedgerError::Io { source, .. } => io_code(source, "ledger.io"),
            LedgerError::InUse { .. } => "ledger.in_use",
            LedgerError::Locked { .. } => "ledger.locked",
            LedgerError::WrongSecret { .. } => "ledger.wrong_secret",
            LedgerError::NeedsPassphrase => "ledger.needs_passphrase",
            LedgerError::WeakPassphrase { .. } => "ledger.weak_passphrase",
            LedgerError::BadRecoveryKey => "ledger.bad_recovery_key",
            LedgerError::Key(_) => "ledger.key",
            LedgerError::Output(e) => e.code(),
            LedgerError::Sqlite(e) => storage_code(e),
            LedgerError::Migration(_) => "ledger.migration",
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            LedgerError::NotFound { path }
            | LedgerError::AlreadyExists { path }
            | LedgerError::NotALedger { path } => params([("path", path.display().to_string())]),
            LedgerError::Corrupt { path, detail } => params([
                ("path", path.display().to_string()),
                ("detail", detail.clone()),
            ]),
            LedgerError::TooNew { path, found, known } => params([
                ("path", path.display().to_string()),
                ("found", found.to_string()),
                ("known", known.to_string()),
            ]),
            LedgerError::Io { path, source } => io_params(path, source, "ledger.io"),
            LedgerError::InUse { path, pid, since } => params([
                ("path", path.display().to_string()),
                ("pid", pid.clone()),
                ("since", since.clone()),
            ]),
            LedgerError::Locked { path } | LedgerError::WrongSecret { path } => {
                params([("path", path.display().to_string())])
            }
            LedgerError::WeakPassphrase { min } => params([("min", min.to_string())]),
            LedgerError::NeedsPassphrase | LedgerError::BadRecoveryKey => BTreeMap::new(),
            LedgerError::Key(detail) => params([("detail", detail.clone())]),
            LedgerError::Output(e) => e.params(),
            LedgerError::Sqlite(e) => storage_params(e),
            LedgerError::Migration(e) => params([("detail", e.to_string())]),
        }
    }
}

/// Reading and changing cards and their key persons.
#[derive(Debug, thiserror::Error)]
pub enum CardError {
    #[error("no card with id {id}")]
    NotFound { id: String },
    #[error("no key person with id {id}")]
    KeyPersonNotFound { id: String },
    #[error("no contact with id {id}")]
    ContactNotFound { id: String },
    #[error("no intelligence note with id {id}")]
    NoteNotFound { id: String },
    #[error("no planned visit with id {id}")]
    VisitNotFound { id: String },
    #[error("this visit was already logged")]
    VisitAlreadyLogged { id: String },
    #[error("the card is invalid: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("the card was changed elsewhere since it was opened")]
    Stale { id: String },
    #[error("the card is in the trash")]
    InTrash { id: String },
    #[error("the card is not in the trash")]
    NotInTrash { id: String },
    #[error("key persons belong to organisation cards")]
    KeyPersonNeedsOrganisation,
    #[error("{0}")]
    BadId(String),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl CardError {
    pub fn invalid(issue: FieldIssue) -> Self {
        CardError::Invalid(vec![issue])
    }
}

impl Coded for CardError {
    fn code(&self) -> &'static str {
        match self {
            CardError::NotFound { .. } => "card.not_found",
            CardError::KeyPersonNotFound { .. } => "card.key_person_not_found",
            CardError::ContactNotFound { .. } => "card.contact_not_found",
            CardError::NoteNotFound { .. } => "card.note_not_found",
            CardError::VisitNotFound { .. } => "card.visit_not_found",
            CardError::VisitAlreadyLogged { .. } => "card.visit_already_logged",
            CardError::Invalid(_) => "card.invalid",
            CardError::Stale { .. } => "card.stale",
            CardError::InTrash { .. } => "card.in_trash",
            CardError::NotInTrash { .. } => "card.not_in_trash",
            CardError::KeyPersonNeedsOrganisation => "card.key_person_needs_organisation",
            CardError::BadId(_) => "card.bad_id",
            CardError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            CardError::NotFound { id }
            | CardError::KeyPersonNotFound { id }
            | CardError::ContactNotFound { id }
            | CardError::NoteNotFound { id }
            | CardError::VisitNotFound { id }
            | CardError::VisitAlreadyLogged { id }
            | CardError::Stale { id }
            | CardError::InTrash { id }
            | CardError::NotInTrash { id } => params([("id", id.clone())]),
            CardError::BadId(id) => params([("id", id.clone())]),
            CardError::Storage(e) => storage_params(e),
            CardError::Invalid(_) | CardError::KeyPersonNeedsOrganisation => BTreeMap::new(),
        }
    }
    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            CardError::Invalid(issues) => issues.clone(),
            _ => Vec::new(),
        }
    }
}

/// Competitors, products, comparison sheets, products in use and case studies.
#[derive(Debug, thiserror::Error)]
pub enum CompetitionError {
    #[error("no competitor with id {id}")]
    CompetitorNotFound { id: String },
    #[error("no product with id {id}")]
    ProductNotFound { id: String },
    #[error("no comparison sheet with id {id}")]
    SheetNotFound { id: String },
    #[error("no assessment with id {id}")]
    AssessmentNotFound { id: String },
    #[error("no product in use with id {id}")]
    UsageNotFound { id: String },
    #[error("no case study with id {id}")]
    CaseNotFound { id: String },
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("changed elsewhere since it was opened")]
    Stale { id: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl CompetitionError {
    pub fn invalid(field: &str, rule: &str) -> Self {
        CompetitionError::Invalid(vec![FieldIssue::new(field, rule)])
    }
}

impl Coded for CompetitionError {
    fn code(&self) -> &'static str {
        match self {
            CompetitionError::CompetitorNotFound { .. } => "competition.competitor_not_found",
            CompetitionError::ProductNotFound { .. } => "competition.product_not_found",
            CompetitionError::SheetNotFound { .. } => "competition.sheet_not_found",
            CompetitionError::AssessmentNotFound { .. } => "competition.assessment_not_found",
            CompetitionError::UsageNotFound { .. } => "competition.usage_not_found",
            CompetitionError::CaseNotFound { .. } => "competition.case_not_found",
            CompetitionError::Invalid(_) => "competition.invalid",
            CompetitionError::Stale { .. } => "competition.stale",
            CompetitionError::Card(e) => e.code(),
            CompetitionError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            CompetitionError::CompetitorNotFound { id }
            | CompetitionError::ProductNotFound { id }
            | CompetitionError::SheetNotFound { id }
            | CompetitionError::AssessmentNotFound { id }
            | CompetitionError::UsageNotFound { id }
            | CompetitionError::CaseNotFound { id }
            | CompetitionError::Stale { id } => params([("id", id.clone())]),
            CompetitionError::Card(e) => e.params(),
            CompetitionError::Storage(e) => storage_params(e),
            CompetitionError::Invalid(_) => BTreeMap::new(),
        }
    }
    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            CompetitionError::Invalid(issues) => issues.clone(),
            CompetitionError::Card(e) => e.fields(),
            _ => Vec::new(),
        }
    }
}

/// Transactions, receivables and the collection plan.
#[derive(Debug, thiserror::Error)]
pub enum SalesError {
    #[error("no transaction with id {id}")]
    NotFound { id: String },
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("changed elsewhere since it was opened")]
    Stale { id: String },
    #[error("the period must be FROM..TO with FROM not after TO")]
    Period,
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for SalesError {
    fn code(&self) -> &'static str {
        match self {
            SalesError::NotFound { .. } => "sales.not_found",
            SalesError::Invalid(_) => "sales.invalid",
            SalesError::Stale { .. } => "sales.stale",
            SalesError::Period => "sales.period",
            SalesError::Card(e) => e.code(),
            SalesError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            SalesError::NotFound { id } | SalesError::Stale { id } => params([("id", id.clone())]),
            SalesError::Card(e) => e.params(),
            SalesError::Storage(e) => storage_params(e),
            SalesError::Invalid(_) | SalesError::Period => BTreeMap::new(),
        }
    }
    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            SalesError::Invalid(issues) => issues.clone(),
            SalesError::Card(e) => e.fields(),
            _ => Vec::new(),
        }
    }
}

/// Classification settings and runs.
#[derive(Debug, thiserror::Error)]
pub enum ClassifyError {
    #[error("invalid classification settings: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error(transparent)]
    Sales(#[from] SalesError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for ClassifyError {
    fn code(&self) -> &'static str {
        match self {
            ClassifyError::Invalid(_) => "classify.invalid",
            ClassifyError::Sales(e) => e.code(),
            ClassifyError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            ClassifyError::Sales(e) => e.params(),
            ClassifyError::Storage(e) => storage_params(e),
            ClassifyError::Invalid(_) => BTreeMap::new(),
        }
    }
    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            ClassifyError::Invalid(issues) => issues.clone(),
            ClassifyError::Sales(e) => e.fields(),
            ClassifyError::Storage(_) => Vec::new(),
        }
    }
}

/// Making a demo ledger: whatever a part of it refused.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Competition(#[from] CompetitionError),
    #[error(transparent)]
    Sales(#[from] SalesError),
    #[error(transparent)]
    Classify(#[from] ClassifyError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for DemoError {
    fn code(&self) -> &'static str {
        match self {
            DemoError::Card(e) => e.code(),
            DemoError::Competition(e) => e.code(),
            DemoError::Sales(e) => e.code(),
            DemoError::Classify(e) => e.code(),
            DemoError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            DemoError::Card(e) => e.params(),
            DemoError::Competition(e) => e.params(),
            DemoError::Sales(e) => e.params(),
            DemoError::Classify(e) => e.params(),
            DemoError::Storage(e) => storage_params(e),
        }
    }
}

/// Writing an Excel report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("invalid report request: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("nothing to report: no card matches")]
    Empty,
    #[error("{path}: {detail}")]
    Write { path: PathBuf, detail: String },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Sales(#[from] SalesError),
    #[error(transparent)]
    Classify(#[from] ClassifyError),
    #[error(transparent)]
    Competition(#[from] CompetitionError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for ReportError {
    fn code(&self) -> &'static str {
        match self {
            ReportError::Invalid(_) => "report.invalid",
            ReportError::Empty => "report.empty",
            ReportError::Write { .. } => "report.write",
            ReportError::Output(e) => e.code(),
            ReportError::Card(e) => e.code(),
            ReportError::Sales(e) => e.code(),
            ReportError::Classify(e) => e.code(),
            ReportError::Competition(e) => e.code(),
            ReportError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            ReportError::Write { path, detail } => params([
                ("path", path.display().to_string()),
                ("detail", detail.clone()),
            ]),
            ReportError::Output(e) => e.params(),
            ReportError::Card(e) => e.params(),
            ReportError::Sales(e) => e.params(),
            ReportError::Classify(e) => e.params(),
            ReportError::Competition(e) => e.params(),
            ReportError::Storage(e) => storage_params(e),
            ReportError::Invalid(_) | ReportError::Empty => BTreeMap::new(),
        }
    }
    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            ReportError::Invalid(issues) => issues.clone(),
            _ => Vec::new(),
        }
    }
}

/// Handing a portfolio over: writing, checking and taking over a bundle, and undoing it.
#[derive(Debug, thiserror::Error)]
pub enum HandoverError {
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldIssue>),
    #[error("no card to hand over")]
    Empty,
    #[error("{path}: not a readable handover bundle ({reason})")]
    Corrupt { path: PathBuf, reason: String },
    #[error("{path}: {entry} was changed after the bundle was made")]
    Tampered { path: PathBuf, entry: String },
    #[error("{path}: made by a newer Daicho")]
    TooNew { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("card {code}: the bundle's {field} would be refused if typed ({rule})")]
    Refused {
        code: String,
        field: String,
        rule: String,
    },
    #[error("{path}: not signed by a Daicho ledger (an older or a forged file)")]
    Unsigned { path: PathBuf },
    #[error("{path}: signed by ledger {found}, not by {expected}")]
    OtherSigner {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error(
        "{path}: signed by ledger {found}; compare it with the handover report and confirm it"
    )]
    SignerNotConfirmed { path: PathBuf, found: String },
    #[error("{path}: the handover file needs its passphrase")]
    NeedsPassphrase { path: PathBuf },
    #[error("{path}: this passphrase does not open the handover file, or it was written for another ledger")]
    CannotOpen { path: PathBuf },
    #[error("no passphrase or successor key to protect the handover file")]
    NoProtection,
    #[error("{recipient}: not a Daicho ledger's public key (age1…)")]
    BadRecipient { recipient: String },
    #[error("no take-over with id {id}")]
    TakeOverNotFound { id: String },
    #[error("this take-over was already undone")]
    AlreadyUndone { id: String },
    #[error("{path}: not a Daicho handover receipt")]
    NotAReceipt { path: PathBuf },
    #[error("{path}: a receipt for a handover file this ledger did not write")]
    ReceiptNotOurs { path: PathBuf },
    #[error("no receipt came back for handover file {id}")]
    NoReceipt { id: String },
    #[error("the cards of handover file {id} are lent: they come back, and are not removed")]
    LentNotRemoved { id: String },
    #[error(transparent)]
    Report(#[from] ReportError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Backup(Box<BackupError>),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for HandoverError {
    fn code(&self) -> &'static str {
        match self {
            HandoverError::Invalid(_) => "handover.invalid",
            HandoverError::Empty => "handover.empty",
            HandoverError::Corrupt { .. } => "handover.corrupt",
            HandoverError::Tampered { .. } => "handover.tampered",
            HandoverError::TooNew { .. } => "handover.too_new",
            HandoverError::Io { source, .. } => io_code(source, "handover.io"),
            HandoverError::Refused { .. } => "handover.refused_row",
            HandoverError::Unsigned { .. } => "handover.unsigned",
            HandoverError::OtherSigner { .. } => "handover.other_signer",
            HandoverError::SignerNotConfirmed { .. } => "handover.signer_not_confirmed",
            HandoverError::NeedsPassphrase { .. } => "handover.needs_passphrase",
            HandoverError::CannotOpen { .. } => "handover.cannot_open",
            HandoverError::NoProtection => "handover.no_protection",
            HandoverError::BadRecipient { .. } => "handover.bad_recipient",
            HandoverError::TakeOverNotFound { .. } => "handover.take_over_not_found",
            HandoverError::AlreadyUndone { .. } => "handover.already_undone",
            HandoverError::NotAReceipt { .. } => "handover.not_a_receipt",
            HandoverError::ReceiptNotOurs { .. } => "handover.receipt_not_ours",
            HandoverError::NoReceipt { .. } => "handover.no_receipt",
            HandoverError::LentNotRemoved { .. } => "handover.lent_not_removed",
            HandoverError::Report(e) => e.code(),
            HandoverError::Output(e) => e.code(),
            HandoverError::Card(e) => e.code(),
            HandoverError::Backup(e) => e.code(),
            HandoverError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            HandoverError::Corrupt { path, reason } => params([
                ("path", path.display().to_string()),
                ("reason", reason.clone()),
            ]),
            HandoverError::Tampered { path, entry } => params([
                ("path", path.display().to_string()),
                ("entry", entry.clone()),
            ]),
            HandoverError::TooNew { path }
            | HandoverError::Unsigned { path }
            | HandoverError::NeedsPassphrase { path }
            | HandoverError::NotAReceipt { path }
            | HandoverError::ReceiptNotOurs { path }
            | HandoverError::CannotOpen { path } => params([("path", path.display().to_string())]),
            HandoverError::OtherSigner {
                path,
                found,
                expected,
            } => params([
                ("path", path.display().to_string()),
                ("found", found.clone()),
                ("expected", expected.clone()),
            ]),
            HandoverError::SignerNotConfirmed { path, found } => params([
                ("path", path.display().to_string()),
                ("found", found.clone()),
            ]),
            HandoverError::BadRecipient { recipient } => params([("recipient", recipient.clone())]),
            HandoverError::NoProtection => BTreeMap::new(),
            HandoverError::Io { path, source } => io_params(path, source, "handover.io"),
            HandoverError::Refused { code, field, rule } => params([
                ("code", code.clone()),
                ("field", field.clone()),
                ("rule", rule.clone()),
            ]),
            HandoverError::TakeOverNotFound { id }
            | HandoverError::AlreadyUndone { id }
            | HandoverError::NoReceipt { id }
            | HandoverError::LentNotRemoved { id } => params([("id", id.clone())]),
            HandoverError::Report(e) => e.params(),
            HandoverError::Output(e) => e.params(),
            HandoverError::Card(e) => e.params(),
            HandoverError::Backup(e) => e.params(),
            HandoverError::Storage(e) => storage_params(e),
            HandoverError::Invalid(_) | HandoverError::Empty => BTreeMap::new(),
        }
    }
    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            HandoverError::Invalid(issues) => issues.clone(),
            _ => Vec::new(),
        }
    }
}

/// Changing many cards in one step (bulk changes, merging two cards) and undoing such a step.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("no such change with id {id}")]
    NotFound { id: String },
    #[error("this change was already undone")]
    AlreadyUndone { id: String },
    #[error("card {code} changed since; undo would lose that")]
    ChangedSince { code: String },
    #[error("card {id} is gone (the trash was emptied)")]
    CardGone { id: String },
    #[error("a card cannot be merged with itself")]
    SameCard,
    #[error("no cards chosen")]
    NothingChosen,
    #[error("the change's record is damaged: {detail}")]
    Damaged { detail: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Backup(Box<BackupError>),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for BatchError {
    fn code(&self) -> &'static str {
        match self {
            BatchError::NotFound { .. } => "batch.not_found",
            BatchError::AlreadyUndone { .. } => "batch.already_undone",
            BatchError::ChangedSince { .. } => "batch.changed_since",
            BatchError::CardGone { .. } => "batch.card_gone",
            BatchError::SameCard => "batch.same_card",
            BatchError::NothingChosen => "batch.nothing_chosen",
            BatchError::Damaged { .. } => "batch.damaged",
            BatchError::Card(e) => e.code(),
            BatchError::Backup(e) => e.code(),
            BatchError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            BatchError::NotFound { id }
            | BatchError::AlreadyUndone { id }
            | BatchError::CardGone { id } => params([("id", id.clone())]),
            BatchError::ChangedSince { code } => params([("code", code.clone())]),
            BatchError::Damaged { detail } => params([("detail", detail.clone())]),
            BatchError::Card(e) => e.params(),
            BatchError::Backup(e) => e.params(),
            BatchError::Storage(e) => storage_params(e),
            BatchError::SameCard | BatchError::NothingChosen => BTreeMap::new(),
        }
    }
    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            BatchError::Card(e) => e.fields(),
            _ => Vec::new(),
        }
    }
}

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
    #[error("{path}: unpacks to more than {limit_mb} MB")]
    TooLarge { path: PathBuf, limit_mb: u64 },
    #[error("{path}: no rows to import below the header")]
    NoRows { path: PathBuf },
    #[error("no column is mapped to the name")]
    NoNameColumn,
    #[error("the mapping names column {column}, the file has {columns}")]
    BadMapping { column: u32, columns: u32 },
    #[error("{value}: not skip, merge or keep_both")]
    BadDuplicateChoice { value: String },
    #[error("the import was cancelled; nothing was written")]
    Cancelled,
    #[error("no import with id {id}")]
    NotFound { id: String },
    #[error("this import was already undone")]
    AlreadyUndone { id: String },
    #[error("card {code} changed after the import; undo would lose that")]
    ChangedSince { code: String },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error(transparent)]
    Backup(Box<BackupError>),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Io { source, .. } => io_code(source, "import.io"),
            ImportError::NotFoundFile { .. } => "import.file_not_found",
            ImportError::XlsUnsupported { .. } => "import.xls_unsupported",
            ImportError::UnknownEncoding { .. } => "import.unknown_encoding",
            ImportError::BadEncodingName { .. } => "import.bad_encoding_name",
            ImportError::Unreadable { .. } => "import.unreadable",
            ImportError::TooLarge { .. } => "import.too_large",
            ImportError::NoRows { .. } => "import.no_rows",
            ImportError::NoNameColumn => "import.no_name_column",
            ImportError::BadMapping { .. } => "import.bad_mapping",
            ImportError::Cancelled => "import.cancelled",
            ImportError::BadDuplicateChoice { .. } => "import.bad_duplicate_choice",
            ImportError::NotFound { .. } => "import.not_found",
            ImportError::AlreadyUndone { .. } => "import.already_undone",
            ImportError::ChangedSince { .. } => "import.changed_since",
            ImportError::Card(e) => e.code(),
            ImportError::Backup(e) => e.code(),
            ImportError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        let path = |p: &PathBuf| ("path", p.display().to_string());
        match self {
            ImportError::Io { path: p, source } => io_params(p, source, "import.io"),
            ImportError::NotFoundFile { path: p }
            | ImportError::XlsUnsupported { path: p }
            | ImportError::UnknownEncoding { path: p }
            | ImportError::NoRows { path: p } => params([path(p)]),
            ImportError::Unreadable { path: p, reason } => {
                params([path(p), ("reason", reason.clone())])
            }
            ImportError::TooLarge { path: p, limit_mb } => {
                params([path(p), ("limit", limit_mb.to_string())])
            }
            ImportError::BadEncodingName { name } => params([("name", name.clone())]),
            ImportError::BadDuplicateChoice { value } => params([("value", value.clone())]),
            ImportError::BadMapping { column, columns } => params([
                ("column", column.to_string()),
                ("columns", columns.to_string()),
            ]),
            ImportError::NotFound { id } | ImportError::AlreadyUndone { id } => {
                params([("id", id.clone())])
            }
            ImportError::ChangedSince { code } => params([("code", code.clone())]),
            ImportError::Card(e) => e.params(),
            ImportError::Backup(e) => e.params(),
            ImportError::Storage(e) => storage_params(e),
            ImportError::NoNameColumn | ImportError::Cancelled => BTreeMap::new(),
        }
    }
}

/// Reading and writing the app's settings file.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("unknown language {0}")]
    UnknownLanguage(String),
    #[error("the last-contact thresholds are out of order")]
    Thresholds,
    #[error("{field} must be from 1 to {max}")]
    OutOfRange { field: &'static str, max: u32 },
}

impl Coded for SettingsError {
    fn code(&self) -> &'static str {
        match self {
            SettingsError::Io { .. } => "settings.io",
            SettingsError::UnknownLanguage(_) => "settings.unknown_language",
            SettingsError::Thresholds => "settings.thresholds",
            SettingsError::OutOfRange { .. } => "settings.out_of_range",
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            SettingsError::Io { path, source } => params([
                ("path", path.display().to_string()),
                ("detail", source.to_string()),
            ]),
            SettingsError::UnknownLanguage(l) => params([("language", l.clone())]),
            SettingsError::Thresholds => BTreeMap::new(),
            SettingsError::OutOfRange { field, max } => {
                params([("field", (*field).to_owned()), ("max", max.to_string())])
            }
        }
    }
}

/// Writing a file for the user: a report, a handover file, a backup, a new ledger.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("no file name given")]
    NoName,
    #[error("{path}: a file with this name already exists")]
    Exists { path: PathBuf },
    #[error("{path} is a Daicho ledger: nothing is written over a ledger")]
    IsLedger { path: PathBuf },
    #[error("{path} is a folder")]
    IsFolder { path: PathBuf },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl OutputError {
    pub fn io(path: &std::path::Path, source: std::io::Error) -> OutputError {
        OutputError::Io {
            path: path.to_owned(),
            source,
        }
    }
}

impl Coded for OutputError {
    fn code(&self) -> &'static str {
        match self {
            OutputError::NoName => "output.no_name",
            OutputError::Exists { .. } => "output.exists",
            OutputError::IsLedger { .. } => "output.is_ledger",
            OutputError::IsFolder { .. } => "output.is_folder",
            OutputError::Io { source, .. } => io_code(source, "output.io"),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            OutputError::NoName => BTreeMap::new(),
            OutputError::Exists { path }
            | OutputError::IsLedger { path }
            | OutputError::IsFolder { path } => params([("path", path.display().to_string())]),
            OutputError::Io { path, source } => io_params(path, source, "output.io"),
        }
    }
}

/// Making, listing, checking and restoring backups.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path}: not a Daicho backup")]
    NotABackup { path: PathBuf },
    #[error("{path}: the backup is damaged ({detail})")]
    Damaged { path: PathBuf, detail: String },
    #[error("{path}: the backup was made by a newer Daicho")]
    TooNew { path: PathBuf },
    #[error("the ledger is in memory: there is no file to back up")]
    NoFile,
    #[error("{path}: the backup folder is not there")]
    FolderMissing { path: PathBuf },
    #[error("{path}: the backup folder cannot be used ({source})")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Coded for BackupError {
    fn code(&self) -> &'static str {
        match self {
            BackupError::NotABackup { .. } => "backup.not_a_backup",
            BackupError::Damaged { .. } => "backup.damaged",
            BackupError::TooNew { .. } => "backup.too_new",
            BackupError::NoFile => "backup.no_file",
            BackupError::FolderMissing { .. } => "backup.folder_missing",
            BackupError::Folder { source, .. } => io_code(source, "backup.folder"),
            BackupError::Output(e) => e.code(),
            BackupError::Ledger(e) => e.code(),
            BackupError::Storage(e) => storage_code(e),
        }
    }
    fn params(&self) -> BTreeMap<String, String> {
        match self {
            BackupError::NotABackup { path }
            | BackupError::TooNew { path }
            | BackupError::FolderMissing { path } => params([("path", path.display().to_string())]),
            BackupError::Damaged { path, detail } => params([
                ("path", path.display().to_string()),
                ("detail", detail.clone()),
            ]),
            BackupError::Folder { path, source } => io_params(path, source, "backup.folder"),
            BackupError::NoFile => BTreeMap::new(),
            BackupError::Output(e) => e.params(),
            BackupError::Ledger(e) => e.params(),
            BackupError::Storage(e) => storage_params(e),
        }
    }
}

impl From<BackupError> for ImportError {
    fn from(e: BackupError) -> Self {
        ImportError::Backup(Box::new(e))
    }
}

impl From<BackupError> for HandoverError {
    fn from(e: BackupError) -> Self {
        HandoverError::Backup(Box::new(e))
    }
}

impl From<BackupError> for BatchError {
    fn from(e: BackupError) -> Self {
        BatchError::Backup(Box::new(e))
    }
}

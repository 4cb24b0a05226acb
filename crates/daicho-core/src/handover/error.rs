//! What handing a portfolio over and taking one over can refuse, with codes.

use crate::error::{BackupError, CardError, FieldIssue, OutputError, ReportError};
use std::path::PathBuf;

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
    #[error("{count} values were changed both here and by the colleague: choose which to keep")]
    Unresolved { count: u32 },
    #[error("{until}: lent until a day that has passed or is not a date")]
    BadLendUntil { until: String },
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

coded!(HandoverError {
    Invalid(issues) => fields("handover.invalid"),
    Empty => code("handover.empty"),
    Corrupt { path, reason } => code("handover.corrupt"),
    Tampered { path, entry } => code("handover.tampered"),
    TooNew { path } => code("handover.too_new"),
    Io { path, source } => io("handover.io"),
    Refused { code, field, rule } => code("handover.refused_row"),
    Unsigned { path } => code("handover.unsigned"),
    OtherSigner { path, found, expected } => code("handover.other_signer"),
    SignerNotConfirmed { path, found } => code("handover.signer_not_confirmed"),
    NeedsPassphrase { path } => code("handover.needs_passphrase"),
    CannotOpen { path } => code("handover.cannot_open"),
    NoProtection => code("handover.no_protection"),
    BadRecipient { recipient } => code("handover.bad_recipient"),
    TakeOverNotFound { id } => code("handover.take_over_not_found"),
    AlreadyUndone { id } => code("handover.already_undone"),
    NotAReceipt { path } => code("handover.not_a_receipt"),
    ReceiptNotOurs { path } => code("handover.receipt_not_ours"),
    NoReceipt { id } => code("handover.no_receipt"),
    LentNotRemoved { id } => code("handover.lent_not_removed"),
    Unresolved { count } => code("handover.unresolved"),
    BadLendUntil { until } => code("handover.bad_lend_until"),
    Report(e) => inner,
    Output(e) => inner,
    Card(e) => inner,
    Backup(e) => inner,
    Storage(e) => storage,
});

//! Handing a portfolio over and taking one over, with the manager's report from either side.

use daicho_core::handover::{
    HandoverExport, HandoverPreview, HandoverSelection, TakeOver, TakeOverRequest,
};
use daicho_core::i18n::Lang;
use daicho_core::output::Existing;
use daicho_core::report::ReportOutcome;
use daicho_core::ErrorReport;
use tauri::State;

use crate::state::AppState;

fn path(p: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(p)
}

/// Files the window writes come from the save dialog, which asked before replacing one (or
/// from the reports folder under a new name); a ledger is refused all the same.
const CONFIRMED: Existing = Existing::Replace;

#[tauri::command]
#[specta::specta]
pub async fn handover_export(
    state: State<'_, AppState>,
    selection: HandoverSelection,
    bundle: String,
) -> Result<HandoverExport, ErrorReport> {
    state
        .run_apart(move |l| l.handover_export(&selection, &path(&bundle), CONFIRMED))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn handover_report(
    state: State<'_, AppState>,
    selection: HandoverSelection,
    lang: Lang,
    out: String,
) -> Result<ReportOutcome, ErrorReport> {
    let written = state
        .run_apart(move |l| l.handover_report(&selection, lang, &path(&out), CONFIRMED))
        .await?;
    state.remember_written(&written.path);
    Ok(written)
}

/// What taking the bundle over would do; the bundle is decrypted (with `passphrase`, or this
/// ledger's own key), its signature checked and checked whole first.
#[tauri::command]
#[specta::specta]
pub async fn take_over_preview(
    state: State<'_, AppState>,
    bundle: String,
    passphrase: Option<String>,
) -> Result<HandoverPreview, ErrorReport> {
    state
        .run_apart(move |l| l.take_over_preview(&path(&bundle), passphrase.as_deref()))
        .await
}

ledger_commands! {
    /// This ledger's signing fingerprint and the public key colleagues write handover files to.
    fn ledger_identity() -> daicho_core::crypto::identity::IdentityInfo => |l| l.identity_info();

    fn take_over_undo(id: String) -> TakeOver => |l| l.take_over_undo(&id);

    fn take_overs() -> Vec<TakeOver> => |l| l.take_overs();

    /// Takes a handover back (the successor did not take it over): its cards are editable again.
    fn handover_withdraw(bundle_id: String) -> u32 => |l| l.withdraw_handover(&bundle_id);

    /// On the successor's side: writes the signed receipt of a take-over for the leaving rep.
    fn handover_receipt_write(id: String, out: String) -> daicho_core::handover::receipt::ReceiptWritten => |l| l.write_receipt(&id, &path(&out), CONFIRMED);

    /// On the leaving side: takes the successor's receipt in.
    fn handover_receipt_accept(receipt: String) -> daicho_core::handover::receipt::Receipt => |l| l.accept_receipt(&path(&receipt));

    /// Removes for good the cards of a handover file whose receipt came back.
    fn handover_remove(bundle_id: String) -> u32 => |l| l.remove_handed_over(&bundle_id);
}

#[tauri::command]
#[specta::specta]
pub async fn take_over(
    state: State<'_, AppState>,
    bundle: String,
    request: TakeOverRequest,
) -> Result<TakeOver, ErrorReport> {
    state
        .run_apart(move |l| l.take_over(&path(&bundle), &request))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn take_over_report(
    state: State<'_, AppState>,
    id: String,
    lang: Lang,
    out: String,
) -> Result<ReportOutcome, ErrorReport> {
    let written = state
        .run_apart(move |l| l.take_over_report(&id, lang, &path(&out), CONFIRMED))
        .await?;
    state.remember_written(&written.path);
    Ok(written)
}

/// Every handover file whose cards are marked handed over (read-only) in the open ledger.
#[tauri::command]
#[specta::specta]
pub async fn handed_over_list(
    state: State<'_, AppState>,
) -> Result<Vec<daicho_core::handover::marks::HandedOver>, ErrorReport> {
    state
        .run(move |l| {
            l.handed_over()
                .map_err(daicho_core::error::LedgerError::Sqlite)
        })
        .await
}

/// Whether the card was handed over, and to whom: then it is read-only here.
#[tauri::command]
#[specta::specta]
pub async fn card_handed_over(
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<daicho_core::handover::marks::HandedOver>, ErrorReport> {
    state
        .run(move |l| {
            l.card_handed_over(&id)
                .map_err(daicho_core::error::LedgerError::Sqlite)
        })
        .await
}

/// Every receipt that came back to the open ledger, newest first.
#[tauri::command]
#[specta::specta]
pub async fn handover_receipts(
    state: State<'_, AppState>,
) -> Result<Vec<daicho_core::handover::receipt::Receipt>, ErrorReport> {
    state
        .run(move |l| {
            l.receipts()
                .map_err(daicho_core::error::LedgerError::Sqlite)
        })
        .await
}

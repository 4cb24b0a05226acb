//! Handing a portfolio over and taking one over, with the manager's report from either side.

use daicho_core::error::LedgerError;
use daicho_core::handover::marks::HandedOver;
use daicho_core::handover::receipt::{Receipt, ReceiptWritten};
use daicho_core::handover::{
    HandoverExport, HandoverPreview, HandoverSelection, TakeOver, TakeOverRequest,
};
use daicho_core::i18n::Lang;
use daicho_core::ids::CardId;
use daicho_core::output::Existing;
use daicho_core::report::ReportOutcome;

fn path(p: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(p)
}

/// Files the window writes come from the save dialog, which asked before replacing one (or
/// from the reports folder under a new name); a ledger is refused all the same.
const CONFIRMED: Existing = Existing::Replace;

commands! {
    fn handover_export(selection: HandoverSelection, bundle: String) -> HandoverExport => apart |l| l.handover_export(&selection, &path(&bundle), CONFIRMED);

    fn handover_report(selection: HandoverSelection, lang: Lang, out: String) -> ReportOutcome => state |s| {
        let written = s.with_own_connection(|l| l.handover_report(&selection, lang, &path(&out), CONFIRMED))?;
        s.remember_written(&written.path);
        Ok(written)
    };

    /// What taking the bundle over would do; the bundle is decrypted (with `passphrase`, or
    /// this ledger's own key), its signature checked and checked whole first.
    fn take_over_preview(bundle: String, passphrase: Option<String>) -> HandoverPreview => apart |l| l.take_over_preview(&path(&bundle), passphrase.as_deref());

    fn take_over(bundle: String, request: TakeOverRequest) -> TakeOver => apart |l| l.take_over(&path(&bundle), &request);

    fn take_over_report(id: String, lang: Lang, out: String) -> ReportOutcome => state |s| {
        let written = s.with_own_connection(|l| l.take_over_report(&id, lang, &path(&out), CONFIRMED))?;
        s.remember_written(&written.path);
        Ok(written)
    };

    /// Every handover file whose cards are marked handed over (read-only) in the open ledger.
    fn handed_over_list() -> Vec<HandedOver> => |l| l.handed_over().map_err(LedgerError::Sqlite);

    /// Whether the card was handed over, and to whom: then it is read-only here.
    fn card_handed_over(id: CardId) -> Option<HandedOver> => |l| l.card_handed_over(&id).map_err(LedgerError::Sqlite);

    /// Whether the card is a colleague's, lent here for their leave: from whom, until when.
    fn card_borrowed(id: CardId) -> Option<daicho_core::handover::Borrowed> => |l| l.card_borrowed(&id).map_err(LedgerError::Sqlite);

    /// Every receipt that came back to the open ledger, newest first.
    fn handover_receipts() -> Vec<Receipt> => |l| l.receipts().map_err(LedgerError::Sqlite);

    /// This ledger's signing fingerprint and the public key colleagues write handover files to.
    fn ledger_identity() -> daicho_core::crypto::identity::IdentityInfo => |l| l.identity_info();

    fn take_over_undo(id: String) -> TakeOver => |l| l.take_over_undo(&id);

    fn take_overs() -> Vec<TakeOver> => |l| l.take_overs();

    /// Takes a handover back (the successor did not take it over): its cards are editable again.
    fn handover_withdraw(bundle_id: String) -> u32 => |l| l.withdraw_handover(&bundle_id);

    /// On the successor's side: writes the signed receipt of a take-over for the leaving rep.
    fn handover_receipt_write(id: String, out: String) -> ReceiptWritten => |l| l.write_receipt(&id, &path(&out), CONFIRMED);

    /// On the leaving side: takes the successor's receipt in.
    fn handover_receipt_accept(receipt: String) -> Receipt => |l| l.accept_receipt(&path(&receipt));

    /// Removes for good the cards of a handover file whose receipt came back.
    fn handover_remove(bundle_id: String) -> u32 => |l| l.remove_handed_over(&bundle_id);
}

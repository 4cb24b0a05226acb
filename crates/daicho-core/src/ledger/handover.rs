//! The ledger's handovers: writing a bundle, previewing and taking one over, undoing.

use crate::ids::CardId;
use std::path::Path;

use crate::copies::{self, CopyKind, FilterPart, NewCopy};
use crate::error::HandoverError;
use crate::handover::receipt::{Receipt, ReceiptWritten};
use crate::handover::{
    self, HandoverExport, HandoverPreview, HandoverSelection, TakeOver, TakeOverRequest,
};
use crate::i18n::Lang;
use crate::output::{Existing, Staged};
use crate::report::{self, currency, Confirmation, Ctx, HandoverFacts, ReportOutcome};

use super::Ledger;

impl Ledger {
    /// Writes the portfolio `selection` chooses, for its successor, to the bundle file
    /// `target` (never over a ledger; over another file only when `existing` says so).
    pub fn handover_export(
        &mut self,
        selection: &HandoverSelection,
        target: &Path,
        existing: Existing,
    ) -> Result<HandoverExport, HandoverError> {
        let staged = Staged::new(target, existing)?;
        let made = self.write_bundle(selection, &staged)?;
        let at = self.now();
        let ids = handover::selected_ids(self.connection(), selection)?;
        copies::logged_with::<HandoverError>(
            self.connection(),
            &[handover_copy(&at, &self.actor, selection, &made, target)],
            |tx| self.mark(tx, &ids, selection, &made, target, &at),
            vec![staged],
        )?;
        Ok(made)
    }

    /// The bundle and the manager's report as one step: both are written, or neither is.
    pub fn handover_export_with_report(
        &mut self,
        selection: &HandoverSelection,
        target: &Path,
        report: &Path,
        lang: Lang,
        existing: Existing,
    ) -> Result<(HandoverExport, ReportOutcome), HandoverError> {
        let bundle = Staged::new(target, existing)?;
        let sheet = Staged::new(report, existing)?;
        let made = self.write_bundle(selection, &bundle)?;
        let ids = handover::selected_ids(self.connection(), selection)?;
        let from = handover::from_owner(self.connection(), selection, &ids)?;
        let rows = self
            .write_handover_report(
                &ids,
                (&from, &selection.to_owner),
                Leaving(selection.lend),
                lang,
                sheet.path(),
            )
            .map_err(|e| match e {
                HandoverError::Report(r) => report::at_target(r, report).into(),
                other => other,
            })?
            .rows;
        let at = self.now();
        let logged = [
            handover_copy(&at, &self.actor, selection, &made, target),
            NewCopy {
                at: &at,
                actor: &self.actor,
                kind: CopyKind::Report,
                what: "handover",
                filter: vec![FilterPart::new("to_owner", selection.to_owner.trim())],
                cards: Some(made.cards),
                target: report,
            },
        ];
        // The bundle first: a report never tells of a handover file that was not written.
        let named = copies::logged_with::<HandoverError>(
            self.connection(),
            &logged,
            |tx| self.mark(tx, &ids, selection, &made, target, &at),
            vec![bundle, sheet],
        )?;
        let sheet = named.get(1).cloned().unwrap_or_else(|| report.to_owned());
        Ok((
            made,
            ReportOutcome {
                path: sheet.display().to_string(),
                rows,
            },
        ))
    }

    /// Marks the cards of the file just written as handed over: read-only here from now on.
    fn mark(
        &self,
        tx: &rusqlite::Connection,
        ids: &[crate::ids::CardId],
        selection: &HandoverSelection,
        made: &HandoverExport,
        target: &Path,
        at: &str,
    ) -> rusqlite::Result<()> {
        let file = std::path::absolute(target).unwrap_or_else(|_| target.to_owned());
        handover::marks::mark(
            tx,
            ids,
            &handover::marks::MarkedFile {
                bundle_id: &made.bundle_id,
                seal: &made.seal,
                to_owner: selection.to_owner.trim(),
                file: &file.display().to_string(),
                lent: selection.lend,
                until: made.lent_until.as_deref(),
            },
            at,
            &self.actor,
        )?;
        // Lent cards are kept as they left: what comes back is weighed against them.
        if selection.lend {
            handover::give_back::keep_as_lent(tx, ids, &made.bundle_id, &made.rows)?;
        }
        Ok(())
    }

    /// Every handover file whose cards are marked handed over in this ledger, newest first.
    pub fn handed_over(&self) -> rusqlite::Result<Vec<handover::marks::HandedOver>> {
        handover::marks::list(self.connection())
    }

    /// Whether the card was handed over (then it is read-only here), and to whom.
    pub fn card_handed_over(
        &self,
        card_id: &CardId,
    ) -> rusqlite::Result<Option<handover::marks::HandedOver>> {
        handover::marks::of_card(self.connection(), card_id)
    }

    /// Whether the card is a colleague's, lent to this ledger for their leave, and until when.
    pub fn card_borrowed(&self, card_id: &CardId) -> rusqlite::Result<Option<handover::Borrowed>> {
        handover::borrowed(self.connection(), card_id)
    }

    /// Takes back the handover in the file `bundle_id` (the successor did not take it over):
    /// its cards are editable here again. Returns how many.
    pub fn withdraw_handover(&mut self, bundle_id: &str) -> Result<u32, HandoverError> {
        self.write(|tx, edit| handover::marks::withdraw(tx, bundle_id, edit.at, edit.actor))
    }

    /// Writes the successor's signed receipt for the take-over `take_over_id` to `target`, for
    /// the leaving rep: which cards this ledger took over and which it left out.
    pub fn write_receipt(
        &mut self,
        take_over_id: &str,
        target: &Path,
        existing: Existing,
    ) -> Result<ReceiptWritten, HandoverError> {
        let staged = Staged::new(target, existing)?;
        let body = self.write(|tx, _| {
            let identity = handover::identity(tx)?;
            handover::receipt::write(tx, &identity, take_over_id, staged.path())
        })?;
        let path = staged.commit()?;
        Ok(ReceiptWritten {
            path: path.display().to_string(),
            to_owner: body.to_owner,
            taken: body.taken.len() as u32,
            left_out: body.left_out.len() as u32,
        })
    }

    /// Takes the successor's receipt at `path` in: the cards it left out are editable here
    /// again, the ones it took can now be removed for good.
    pub fn accept_receipt(&mut self, path: &Path) -> Result<Receipt, HandoverError> {
        self.write(|tx, edit| handover::receipt::accept(tx, path, edit.at, edit.actor))
    }

    /// Every receipt that came back to this ledger, newest first.
    pub fn receipts(&self) -> rusqlite::Result<Vec<Receipt>> {
        handover::receipt::list(self.connection())
    }

    /// Removes for good, erasing their text everywhere in the ledger, the cards of the handover
    /// file `bundle_id` that the successor's receipt says they have. Returns how many.
    pub fn remove_handed_over(&mut self, bundle_id: &str) -> Result<u32, HandoverError> {
        self.backup_before(crate::backup::BackupReason::Removal)?;
        self.erasing(|tx, edit| {
            let ids = handover::receipt::removable(tx, bundle_id)?;
            tx.execute("DELETE FROM handed_over WHERE bundle_id = ?1", [bundle_id])?;
            let gone = super::erase::erase_cards(tx, &ids)?;
            tx.execute(
                "UPDATE handover_receipts SET removed_at = ?2 WHERE bundle_id = ?1",
                [bundle_id, edit.at],
            )?;
            Ok(gone as u32)
        })
    }

    fn write_bundle(
        &mut self,
        selection: &HandoverSelection,
        staged: &Staged,
    ) -> Result<HandoverExport, HandoverError> {
        // Read in one transaction, so that the bundle is one moment of the ledger.
        let mut made =
            self.write(|tx, edit| handover::export(tx, selection, staged.path(), edit))?;
        made.path = staged.target().display().to_string();
        Ok(made)
    }

    /// What taking the bundle at `path` over would do; the bundle is checked whole first.
    pub fn take_over_preview(
        &self,
        path: &Path,
        passphrase: Option<&str>,
    ) -> Result<HandoverPreview, HandoverError> {
        handover::preview(self.connection(), path, passphrase)
    }

    /// This ledger's signing fingerprint and the public key colleagues write handover files to.
    pub fn identity_info(&self) -> Result<crate::crypto::identity::IdentityInfo, HandoverError> {
        Ok(handover::identity(self.connection())?.info())
    }

    /// Takes the bundle over in one transaction (nothing when it was taken over already).
    pub fn take_over(
        &mut self,
        path: &Path,
        request: &TakeOverRequest,
    ) -> Result<TakeOver, HandoverError> {
        self.backup_before(crate::backup::BackupReason::TakeOver)?;
        self.write(|tx, edit| {
            crate::search::deferred::deferring_search(tx, || {
                handover::take_over(tx, path, request, edit)
            })
        })
    }

    /// Undoes a take-over in one step.
    pub fn take_over_undo(&mut self, take_over_id: &str) -> Result<TakeOver, HandoverError> {
        self.write(|tx, edit| handover::undo(tx, take_over_id, edit.at))
    }

    /// The handover report for the manager, from the handing-over side: what `selection` moves.
    pub fn handover_report(
        &self,
        selection: &HandoverSelection,
        lang: Lang,
        target: &Path,
        existing: Existing,
    ) -> Result<ReportOutcome, HandoverError> {
        let ids = handover::selected_ids(self.connection(), selection)?;
        let from = handover::from_owner(self.connection(), selection, &ids)?;
        self.staged_report(target, existing, (ids.len(), &selection.to_owner), |path| {
            self.write_handover_report(
                &ids,
                (&from, &selection.to_owner),
                Leaving(selection.lend),
                lang,
                path,
            )
        })
    }

    /// Runs `write` on a staged file for `target` and gives it its name when it succeeded.
    /// The report is logged as a copy of `cards` cards handed over to `to_owner`.
    fn staged_report(
        &self,
        target: &Path,
        existing: Existing,
        (cards, to_owner): (usize, &str),
        write: impl FnOnce(&Path) -> Result<ReportOutcome, HandoverError>,
    ) -> Result<ReportOutcome, HandoverError> {
        let staged = Staged::new(target, existing)?;
        let rows = write(staged.path())
            .map_err(|e| match e {
                HandoverError::Report(r) => report::at_target(r, target).into(),
                other => other,
            })?
            .rows;
        let at = self.now();
        let copy = NewCopy {
            at: &at,
            actor: &self.actor,
            kind: CopyKind::Report,
            what: "handover",
            filter: vec![FilterPart::new("to_owner", to_owner.trim())],
            cards: u32::try_from(cards).ok(),
            target,
        };
        let path = copies::logged::<HandoverError>(self.connection(), &[copy], vec![staged])?
            .pop()
            .unwrap_or_else(|| target.to_owned());
        Ok(ReportOutcome {
            path: path.display().to_string(),
            rows,
        })
    }

    /// The handover report from the successor's side, with the confirmation of the take-over.
    pub fn take_over_report(
        &self,
        take_over_id: &str,
        lang: Lang,
        target: &Path,
        existing: Existing,
    ) -> Result<ReportOutcome, HandoverError> {
        let record = self
            .take_overs()?
            .into_iter()
            .find(|r| r.id == take_over_id)
            .ok_or_else(|| HandoverError::TakeOverNotFound {
                id: take_over_id.to_owned(),
            })?;
        let ids = handover::taken_over_ids(self.connection(), take_over_id)?;
        let confirmation = Confirmation {
            by: record.confirmed_by.clone(),
            at: record.taken_at.clone(),
        };
        self.staged_report(target, existing, (ids.len(), &record.to_owner), |path| {
            self.write_handover_report(
                &ids,
                (&record.from_owner, &record.to_owner),
                Successor(confirmation),
                lang,
                path,
            )
        })
    }

    /// What the handover report of the cards `ids` lists, before it is drawn.
    pub fn handover_rows(
        &self,
        ids: &[crate::ids::CardId],
    ) -> Result<report::handover::HandoverRows, HandoverError> {
        Ok(report::handover::gather(
            self.connection(),
            ids,
            self.today(),
        )?)
    }

    fn write_handover_report(
        &self,
        ids: &[crate::ids::CardId],
        (from, to): (&str, &str),
        side: Side,
        lang: Lang,
        path: &Path,
    ) -> Result<ReportOutcome, HandoverError> {
        let conn = self.connection();
        let ctx = Ctx {
            lang,
            today: self.today(),
            rep: self.actor.clone(),
            currency: currency::load(conn)?,
            contact_cue: self.contact_cue,
        };
        // Written by the leaving side, it names the key the handover file is signed with and
        // says the cards are read-only there; by the successor, it names who confirmed.
        let facts = match side {
            Leaving(lent) => HandoverFacts {
                from_owner: from,
                to_owner: to,
                card_ids: ids,
                confirmation: None,
                signer: Some(self.identity_info()?.fingerprint),
                lent: Some(lent),
            },
            Successor(confirmation) => HandoverFacts {
                from_owner: from,
                to_owner: to,
                card_ids: ids,
                confirmation: Some(confirmation),
                signer: None,
                lent: None,
            },
        };
        let rows = report::write_handover(conn, &ctx, &facts, path)?;
        Ok(ReportOutcome {
            path: path.display().to_string(),
            rows,
        })
    }

    pub fn take_overs(&self) -> Result<Vec<TakeOver>, HandoverError> {
        handover::take_overs(self.connection())
    }
}

/// Which side writes a handover report: the leaving ledger (are the cards lent?) or the
/// successor's, with the confirmation of the take-over.
enum Side {
    Leaving(bool),
    Successor(Confirmation),
}
use Side::{Leaving, Successor};

/// The log entry of a handover file: to whom, which cards, where.
fn handover_copy<'a>(
    at: &'a str,
    actor: &'a str,
    selection: &'a HandoverSelection,
    made: &HandoverExport,
    target: &'a Path,
) -> NewCopy<'a> {
    let mut filter = vec![FilterPart::new("to_owner", selection.to_owner.trim())];
    if let Some(owner) = selection.owner.as_deref().filter(|o| !o.trim().is_empty()) {
        filter.push(FilterPart::new("owner", owner.trim()));
    }
    if !selection.card_ids.is_empty() {
        filter.push(FilterPart::new(
            "selected",
            selection.card_ids.len().to_string(),
        ));
    }
    let sealed = if selection
        .recipient
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty())
    {
        "recipient"
    } else {
        "passphrase"
    };
    filter.push(FilterPart::named("sealed", sealed, "copies.sealed"));
    filter.push(FilterPart::new("bundle", made.bundle_id.clone()));
    NewCopy {
        at,
        actor,
        kind: CopyKind::Handover,
        what: selection.to_owner.trim(),
        filter,
        cards: Some(made.cards),
        target,
    }
}

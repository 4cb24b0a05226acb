//! The ledger's handovers: writing a bundle, previewing and taking one over, undoing.

use std::path::Path;

use crate::error::HandoverError;
use crate::handover::{
    self, HandoverExport, HandoverPreview, HandoverSelection, ImportRecord, TakeOverRequest,
};
use crate::i18n::Lang;
use crate::report::{self, currency, Confirmation, Ctx, HandoverFacts, ReportOutcome};

use super::Ledger;

impl Ledger {
    /// Writes the portfolio `selection` chooses, for its successor, to the bundle file `path`.
    pub fn handover_export(
        &mut self,
        selection: &HandoverSelection,
        path: &Path,
    ) -> Result<HandoverExport, HandoverError> {
        // Read in one transaction, so that the bundle is one moment of the ledger.
        self.write(|tx, edit| handover::export(tx, selection, path, edit))
    }

    /// What taking the bundle at `path` over would do; the bundle is checked whole first.
    pub fn handover_preview(&self, path: &Path) -> Result<HandoverPreview, HandoverError> {
        handover::preview(self.connection(), path)
    }

    /// Takes the bundle over in one transaction (nothing when it was taken over already).
    pub fn handover_take_over(
        &mut self,
        path: &Path,
        request: &TakeOverRequest,
    ) -> Result<ImportRecord, HandoverError> {
        self.write(|tx, edit| handover::take_over(tx, path, request, edit))
    }

    /// Undoes a take-over in one step.
    pub fn handover_undo(&mut self, import_id: &str) -> Result<ImportRecord, HandoverError> {
        self.write(|tx, edit| handover::undo(tx, import_id, edit.at))
    }

    /// The handover report for the manager, from the handing-over side: what `selection` moves.
    pub fn handover_report(
        &self,
        selection: &HandoverSelection,
        lang: Lang,
        path: &Path,
    ) -> Result<ReportOutcome, HandoverError> {
        let ids = handover::selected_ids(self.connection(), selection)?;
        let from = handover::from_owner(self.connection(), selection, &ids)?;
        self.write_handover_report(&ids, &from, &selection.to_owner, None, lang, path)
    }

    /// The handover report from the successor's side, with the confirmation of the take-over.
    pub fn take_over_report(
        &self,
        import_id: &str,
        lang: Lang,
        path: &Path,
    ) -> Result<ReportOutcome, HandoverError> {
        let record = self
            .handover_imports()?
            .into_iter()
            .find(|r| r.id == import_id)
            .ok_or_else(|| HandoverError::ImportNotFound {
                id: import_id.to_owned(),
            })?;
        let ids = handover::taken_over_ids(self.connection(), import_id)?;
        let confirmation = Confirmation {
            by: record.confirmed_by.clone(),
            at: record.imported_at.clone(),
        };
        self.write_handover_report(
            &ids,
            &record.from_owner,
            &record.to_owner,
            Some(confirmation),
            lang,
            path,
        )
    }

    fn write_handover_report(
        &self,
        ids: &[String],
        from: &str,
        to: &str,
        confirmation: Option<Confirmation>,
        lang: Lang,
        path: &Path,
    ) -> Result<ReportOutcome, HandoverError> {
        let conn = self.connection();
        let ctx = Ctx {
            lang,
            today: self.today(),
            rep: self.actor.clone(),
            currency: currency::load(conn)?,
        };
        let facts = HandoverFacts {
            from_owner: from,
            to_owner: to,
            card_ids: ids,
            confirmation,
        };
        let rows = report::write_handover(conn, &ctx, &facts, path)?;
        Ok(ReportOutcome {
            path: path.display().to_string(),
            rows,
        })
    }

    pub fn handover_imports(&self) -> Result<Vec<ImportRecord>, HandoverError> {
        handover::imports(self.connection())
    }
}

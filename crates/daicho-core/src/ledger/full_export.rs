//! Taking everything out of the ledger, and restoring it into a new one.

use std::path::Path;

use crate::copies::{self, CopyKind, NewCopy};
use crate::full_export::error::FullExportError;
use crate::full_export::{self, FullExport, FullExportForm, Manifest};
use crate::output::{Existing, Staged};

use super::Ledger;

impl Ledger {
    /// Writes the whole ledger to `target` (.xlsx, .zip of CSV files, or .json), logged in the
    /// copies log like every file that takes cards out. Never written over a ledger, nor over an
    /// existing file unless `existing` says so; nothing is left at `target` when it fails.
    pub fn export_everything(
        &self,
        target: &Path,
        existing: Existing,
    ) -> Result<FullExport, FullExportError> {
        let form = FullExportForm::of(target).ok_or_else(|| FullExportError::UnknownForm {
            path: target.to_owned(),
        })?;
        let conn = self.connection();
        let manifest = Manifest {
            format: full_export::FORMAT.to_owned(),
            version: full_export::VERSION,
            schema: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
            exported_at: self.now(),
        };
        let staged = Staged::new(target, existing)?;
        // One read transaction: every table from the same moment.
        conn.execute_batch("BEGIN")?;
        let written = full_export::write(conn, staged.path(), form, &manifest);
        conn.execute_batch("COMMIT")?;
        let mut written = written.map_err(|e| match e {
            FullExportError::Write { detail, .. } => FullExportError::Write {
                path: target.to_owned(),
                detail,
            },
            FullExportError::Io { source, .. } => FullExportError::Io {
                path: target.to_owned(),
                source,
            },
            other => other,
        })?;
        let at = self.now();
        let copy = NewCopy {
            at: &at,
            actor: &self.actor,
            kind: CopyKind::Report,
            what: "full_export",
            filter: Vec::new(),
            cards: Some(written.rows_of("cards")),
            target,
        };
        let path = copies::logged::<FullExportError>(conn, &[copy], vec![staged])?
            .pop()
            .unwrap_or_else(|| target.to_owned());
        written.path = path.display().to_string();
        Ok(written)
    }

    /// Restores the full export at `path` into this ledger, which must hold no cards yet: all
    /// of it in one transaction, or nothing.
    pub fn restore_everything(&mut self, path: &Path) -> Result<FullExport, FullExportError> {
        self.write(|tx, _| full_export::restore(tx, path))
    }
}

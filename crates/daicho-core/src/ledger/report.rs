//! The ledger's Excel reports and its currency.

use std::path::Path;

use crate::error::{ReportError, SalesError};
use crate::report::{
    self, currency, Ctx, Currency, Progress, ReportKind, ReportOutcome, ReportRequest,
};
use crate::sales::summary::Period;

use super::Ledger;

impl Ledger {
    pub fn currency(&self) -> rusqlite::Result<Currency> {
        currency::load(self.connection())
    }

    pub fn set_currency(&mut self, value: Currency) -> rusqlite::Result<()> {
        self.write(|tx, _| currency::save(tx, value))
    }

    /// Writes the report `request` asks for to `path` (an .xlsx), calling `progress` as rows
    /// are written. Nothing is left at `path` when it fails.
    pub fn export_report(
        &self,
        request: &ReportRequest,
        path: &Path,
        progress: Progress<'_>,
    ) -> Result<ReportOutcome, ReportError> {
        let conn = self.connection();
        let ctx = Ctx {
            lang: request.lang,
            today: self.today(),
            rep: self.actor.clone(),
            currency: currency::load(conn)?,
        };
        let owner = request.owner.as_deref().filter(|o| !o.is_empty());
        let rows = match request.kind {
            ReportKind::List => {
                report::write_list(conn, &ctx, &request.query, &request.columns, path, progress)?
            }
            ReportKind::Card => {
                let ids = if request.card_ids.is_empty() {
                    self.matching_ids(&request.query)?
                } else {
                    request.card_ids.clone()
                };
                report::write_cards(conn, &ctx, &ids, path, progress)?
            }
            ReportKind::History => {
                let period = match (&request.from, &request.to) {
                    (Some(from), Some(to)) => Period::parse(&format!("{from}..{to}"))?,
                    (None, None) => Period::year_to(ctx.today),
                    _ => return Err(SalesError::Period.into()),
                };
                let filter = report::HistoryFilter {
                    period,
                    owner,
                    kind: request.contact_kind,
                };
                report::write_history(conn, &ctx, &filter, path, progress)?
            }
        };
        Ok(ReportOutcome {
            path: path.display().to_string(),
            rows,
        })
    }

    /// The id of the live card whose customer code is `code`.
    pub fn card_id_by_code(&self, code: &str) -> Result<String, crate::error::CardError> {
        use rusqlite::OptionalExtension;
        self.connection()
            .prepare_cached("SELECT id FROM cards WHERE code = ?1 AND deleted_at IS NULL")?
            .query_row([code.trim()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| crate::error::CardError::NotFound {
                id: code.to_owned(),
            })
    }

    /// Every card the list's `query` selects, in its order.
    fn matching_ids(&self, query: &crate::search::CardQuery) -> rusqlite::Result<Vec<String>> {
        let selection = crate::search::selection(self.connection(), query, self.today())?;
        let mut stmt = self.connection().prepare(&format!(
            "SELECT cards.id FROM cards LEFT JOIN card_classes k ON k.card_id = cards.id WHERE {} ORDER BY {}",
            selection.filter, selection.order
        ))?;
        let ids = stmt.query_map(rusqlite::params_from_iter(&selection.args), |r| r.get(0))?;
        ids.collect()
    }
}

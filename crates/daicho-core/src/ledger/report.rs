//! The ledger's Excel reports and its currency.

use std::path::Path;

use chrono::Datelike;

use crate::copies::{self, CopyKind, NewCopy};
use crate::error::{ReportError, SalesError};
use crate::output::{Existing, Staged};
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

    /// Writes the report `request` asks for to `target` (an .xlsx), calling `progress` as rows
    /// are written. A ledger is never written over, nor an existing file unless `existing`
    /// says so; nothing is left at `target` when it fails.
    pub fn export_report(
        &self,
        request: &ReportRequest,
        target: &Path,
        existing: Existing,
        progress: Progress<'_>,
    ) -> Result<ReportOutcome, ReportError> {
        let staged = Staged::new(target, existing)?;
        let rows = self
            .write_report(request, staged.path(), progress)
            .map_err(|e| report::at_target(e, target))?;
        let at = self.now();
        let copy = NewCopy {
            at: &at,
            actor: &self.actor,
            kind: CopyKind::Report,
            what: request.kind.as_str(),
            filter: super::copies::report_filter(self.connection(), request),
            cards: super::copies::report_cards(request.kind, rows),
            target,
        };
        let path = copies::logged::<ReportError>(self.connection(), &[copy], vec![staged])?
            .pop()
            .unwrap_or_else(|| target.to_owned());
        Ok(ReportOutcome {
            path: path.display().to_string(),
            rows,
        })
    }

    fn write_report(
        &self,
        request: &ReportRequest,
        path: &Path,
        progress: Progress<'_>,
    ) -> Result<u32, ReportError> {
        let conn = self.connection();
        let ctx = Ctx {
            lang: request.lang,
            today: self.today(),
            rep: self.actor.clone(),
            currency: currency::load(conn)?,
            contact_cue: self.contact_cue,
        };
        let owner = request.owner.as_deref().filter(|o| !o.is_empty());
        let period = |default: Period| -> Result<Period, ReportError> {
            match (&request.from, &request.to) {
                (Some(from), Some(to)) => Ok(Period::parse(&format!("{from}..{to}"))?),
                (None, None) => Ok(default),
                _ => Err(SalesError::Period.into()),
            }
        };
        let year = Period::year_to(ctx.today);
        // This week, Monday to Sunday.
        let monday = ctx.today
            - chrono::Duration::days(i64::from(ctx.today.weekday().num_days_from_monday()));
        let this_week = Period::new(monday, monday + chrono::Duration::days(6))?;
        let rows = match request.kind {
            ReportKind::List => {
                report::write_list(conn, &ctx, &request.query, &request.columns, path, progress)?
            }
            ReportKind::Card | ReportKind::Labels => {
                let ids = if request.card_ids.is_empty() {
                    self.matching_ids(&request.query)?
                } else {
                    request.card_ids.clone()
                };
                if request.kind == ReportKind::Card {
                    report::write_cards(conn, &ctx, &ids, path, progress)?
                } else {
                    report::write_labels(conn, &ctx, &ids, path, progress)?
                }
            }
            ReportKind::History => {
                let filter = report::HistoryFilter {
                    period: period(year)?,
                    owner,
                    kind: request.contact_kind,
                };
                report::write_history(conn, &ctx, &filter, path, progress)?
            }
            ReportKind::Visits => {
                report::write_visits(conn, &ctx, period(this_week)?, path, progress)?
            }
            ReportKind::Ics => {
                let visits = match &request.visit_id {
                    Some(id) => vec![crate::visit::store::load(conn, id)?],
                    None => {
                        let p = period(this_week)?;
                        crate::visit::store::plan(conn, &p.from_text(), &p.to_text())?
                    }
                };
                report::write_ics(&visits, &ctx, path, progress)?
            }
            ReportKind::Intelligence => {
                let query = match &request.notes {
                    Some(q) => q.clone(),
                    None => {
                        // The last 30 days unless a period is given.
                        let month = Period::new(ctx.today - chrono::Duration::days(29), ctx.today)?;
                        let p = period(month)?;
                        crate::notes::NoteQuery {
                            from: Some(p.from_text()),
                            to: Some(p.to_text()),
                            owner: owner.map(str::to_owned),
                            ..crate::notes::NoteQuery::default()
                        }
                    }
                };
                report::write_intelligence(conn, &ctx, &query, path, progress)?
            }
            ReportKind::Daily => {
                let day = match request.from.as_deref().or(request.to.as_deref()) {
                    Some(day) => chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                        .map_err(|_| {
                            ReportError::Invalid(vec![crate::error::FieldIssue::new(
                                "from",
                                "invalid_date",
                            )])
                        })?,
                    None => ctx.today,
                };
                let daily = crate::daily::gather(conn, day)?;
                report::write_daily(&daily, &ctx, path, progress)?
            }
            ReportKind::Plan => {
                let plan =
                    crate::sales::plan::progress::overview(conn, request.fiscal_year, ctx.today)?;
                report::write_plan(&plan, &ctx, path, progress)?
            }
            ReportKind::Weekly => {
                let week = Period::new(ctx.today - chrono::Duration::days(6), ctx.today)?;
                let facts = report::weekly::gather(conn, ctx.today, period(week)?, owner)?;
                report::write_weekly(&facts, &ctx, path, progress)?
            }
            ReportKind::Classification => {
                let classification = self.classification(period(year)?)?;
                report::write_classification(&classification, &ctx, path, progress)?
            }
            ReportKind::Comparison => {
                let id = request.sheet_id.as_deref().ok_or_else(|| {
                    ReportError::Invalid(vec![crate::error::FieldIssue::new(
                        "sheet_id", "required",
                    )])
                })?;
                report::write_comparison(conn, &ctx, id, path, progress)?
            }
        };
        Ok(rows)
    }

    /// What the weekly report over `period` says (`owner`'s cards only, when given).
    pub fn weekly_facts(
        &self,
        period: Period,
        owner: Option<&str>,
    ) -> Result<report::weekly::WeeklyFacts, ReportError> {
        report::weekly::gather(self.connection(), self.today(), period, owner)
    }

    /// The id of the live card whose customer code is `code`.
    pub fn card_id_by_code(
        &self,
        code: &str,
    ) -> Result<crate::ids::CardId, crate::error::CardError> {
        use rusqlite::OptionalExtension;
        self.connection()
            .prepare_cached("SELECT id FROM cards WHERE code = ?1 AND deleted_at IS NULL")?
            .query_row([code.trim()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| crate::error::CardError::NotFound {
                id: code.to_owned(),
            })
    }

    /// Every card the list's `query` selects, in its order (to select them all).
    pub fn matching_ids(
        &self,
        query: &crate::card_list::CardQuery,
    ) -> rusqlite::Result<Vec<crate::ids::CardId>> {
        let selection = crate::card_list::selection(self.connection(), query, self.today())?;
        let mut ids = Vec::new();
        for part in selection.full_parts() {
            let mut stmt = self.connection().prepare(&format!(
                "SELECT cards.id FROM {} WHERE {part} ORDER BY {}",
                selection.keys_from, selection.order
            ))?;
            for id in stmt.query_map(rusqlite::params_from_iter(&selection.args), |r| r.get(0))? {
                ids.push(id?);
            }
        }
        Ok(ids)
    }
}

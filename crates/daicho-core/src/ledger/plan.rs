//! The annual sales plan: targets by territory, rep, category and customer against sales.

use std::path::Path;

use crate::error::{ImportError, SalesError};
use crate::sales::plan::{self, PlanLine, PlanLineFields, PlanOverview, PlanProgress};

use super::Ledger;

impl Ledger {
    /// Fiscal year `year` (none: the one today is in) against what was sold.
    pub fn plan_overview(&self, year: Option<i32>) -> Result<PlanOverview, SalesError> {
        plan::progress::overview(self.connection(), year, self.today())
    }

    /// A line as typed, not saved, against its sales this year and last.
    pub fn plan_preview(&self, fields: &PlanLineFields) -> Result<PlanProgress, SalesError> {
        plan::progress::preview(self.connection(), fields, self.today())
    }

    /// Saves a line: a new one, or the year's line for the same territory, rep, category or
    /// customer changed.
    pub fn save_plan_line(&mut self, fields: &PlanLineFields) -> Result<PlanLine, SalesError> {
        self.write(|tx, edit| plan::store::save(tx, fields, edit))
    }

    pub fn delete_plan_line(&mut self, id: &str) -> Result<(), SalesError> {
        self.write(|tx, _| plan::store::delete(tx, id))
    }

    /// The month (1–12) the ledger's fiscal year starts in.
    pub fn fiscal_year_start(&self) -> Result<u32, SalesError> {
        Ok(plan::fiscal::first_month(self.connection())?)
    }

    pub fn set_fiscal_year_start(&mut self, month: u32) -> Result<(), SalesError> {
        self.write(|tx, _| plan::fiscal::set_first_month(tx, month))
    }

    /// Reads a plan sheet (.xlsx or .csv) and saves its lines, all or none; with `dry_run`,
    /// only says what it would do.
    pub fn import_plan(
        &mut self,
        path: &Path,
        dry_run: bool,
    ) -> Result<plan::import::PlanImport, ImportError> {
        let first = self.fiscal_year_start()?;
        let sheet = plan::import::read(path, first)?;
        let run = |tx: &rusqlite::Connection, edit: &crate::card::store::Edit<'_>| {
            plan::import::apply(tx, &sheet, edit)
        };
        if dry_run {
            self.trial(run)
        } else {
            self.write(run)
        }
    }
}

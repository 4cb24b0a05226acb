//! The ledger's classification: settings, a fresh (read-only) classification, and a
//! re-classification that keeps each card's classes with their history.

use crate::classify::store::{self as class_store, LastRun, StoredClass};
use crate::classify::view::{self, ClassificationView};
use crate::classify::{compute, config, gather, ClassConfig, Classification};
use crate::dashboard::{self, Dashboard, DashboardQuery};
use crate::error::ClassifyError;
use crate::ids::CardId;
use crate::sales::summary::Period;

use super::Ledger;

impl Ledger {
    pub fn class_config(&self) -> Result<ClassConfig, ClassifyError> {
        config::load(self.connection())
    }

    /// Saves the settings; refused whole when any rule is broken.
    pub fn set_class_config(&mut self, config: &ClassConfig) -> Result<ClassConfig, ClassifyError> {
        self.write(|tx, _| config::save(tx, config))
    }

    /// The twelve months to today.
    pub fn default_period(&self) -> Period {
        Period::year_to(self.today())
    }

    /// Every live card classified over `period`, as of now; nothing is written.
    pub fn classification(&self, period: Period) -> Result<Classification, ClassifyError> {
        let config = config::load(self.connection())?;
        let (inputs, has_transactions) = gather::inputs(self.connection(), period, self.today())?;
        let cards = compute::classify(inputs, &config, period.months());
        let previous = period.previous();
        Ok(Classification {
            from: period.from_text(),
            to: period.to_text(),
            previous_from: previous.from_text(),
            previous_to: previous.to_text(),
            has_transactions,
            total_amount: cards.iter().map(|c| c.amount.max(0)).sum(),
            total_profit: cards.iter().filter_map(|c| c.profit).reduce(|a, b| a + b),
            cards,
        })
    }

    /// The classification summarised for the window.
    pub fn classification_view(&self, period: Period) -> Result<ClassificationView, ClassifyError> {
        let config = config::load(self.connection())?;
        let labels: Vec<String> = config.grades.iter().map(|g| g.label.clone()).collect();
        let week = config.problem_list_size.max(1) as usize;
        Ok(view::summarise(
            &self.classification(period)?,
            &labels,
            week,
        ))
    }

    /// Classifies and keeps each card's classes; returns the classification and how many cards
    /// changed class.
    pub fn reclassify(&mut self, period: Period) -> Result<(Classification, usize), ClassifyError> {
        let classification = self.classification(period)?;
        let changed =
            self.write(|tx, edit| class_store::save(tx, &classification.cards, period, edit))?;
        Ok((classification, changed))
    }

    /// The card's classes as last stored.
    pub fn card_class(&self, card_id: &CardId) -> Result<Option<StoredClass>, ClassifyError> {
        Ok(class_store::load(self.connection(), card_id)?)
    }

    pub fn last_classified(&self) -> Result<Option<LastRun>, ClassifyError> {
        Ok(class_store::last_run(self.connection())?)
    }
}

impl Ledger {
    /// Every chart of the manager's dashboard for a period and, optionally, one owner.
    pub fn dashboard(&self, query: &DashboardQuery) -> Result<Dashboard, ClassifyError> {
        let today = self.today();
        let period = match (&query.from, &query.to) {
            (Some(from), Some(to)) => Period::parse(&format!("{from}..{to}"))?,
            _ => Period::year_to(today),
        };
        let owner = query.owner.as_deref().filter(|o| !o.is_empty());
        let config = config::load(self.connection())?;
        let labels: Vec<String> = config.grades.iter().map(|g| g.label.clone()).collect();
        let week = config.problem_list_size.max(1) as usize;
        let (shown, classification) =
            dashboard::for_owner(self.classification(period)?, owner, &labels, week);
        let (completeness, least_complete) = dashboard::completeness(&shown);
        let conn = self.connection();
        Ok(Dashboard {
            classification,
            statuses: dashboard::statuses(conn, owner)?,
            weeks: dashboard::weeks(conn, period, owner)?,
            overdue_follow_ups: dashboard::overdue_follow_ups(conn, today, owner)?,
            receivables: crate::sales::receivables::receivables(conn, today, owner)?.ages,
            completeness,
            least_complete,
            owners: crate::card_list::facets(conn)?.owners,
            last_classified: class_store::last_run(conn)?,
            segments: crate::segments::segments(conn, &shown)?,
            retention: dashboard::retention(&shown),
        })
    }
}

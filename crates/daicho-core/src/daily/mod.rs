//! The daily report (000 ⑧): what the rep did on a day (contacts, their outcomes and next
//! actions, visits done against those planned), and the superior's review of it, recorded by
//! name and date with a comment. The weekly report lists the week's reviews.

pub(crate) mod store;

use serde::{Deserialize, Serialize};

use crate::contact::ContactKind;
use crate::visit::PlannedVisit;

pub use store::{gather, reviews_between};

/// One contact of the day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DailyContact {
    pub contact_id: crate::ids::ContactId,
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub card_code: String,
    pub kind: ContactKind,
    /// `HH:MM`.
    pub time: String,
    pub rep: String,
    pub purpose: String,
    pub content: String,
    pub outcome: String,
    pub next_action: String,
    /// `YYYY-MM-DD`.
    pub next_action_due: Option<String>,
    /// Logged from the visit plan.
    pub planned: bool,
}

/// The superior's review of a day's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DailyReview {
    /// The day reviewed, `YYYY-MM-DD`.
    pub day: String,
    pub reviewer: String,
    /// When they reviewed it, `YYYY-MM-DD`.
    pub reviewed_on: String,
    pub comment: String,
}

/// A day's report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DailyReport {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// In time order.
    pub contacts: Vec<DailyContact>,
    /// The visits planned for the day, in their order; a logged one has its contact.
    pub planned: Vec<PlannedVisit>,
    pub visits_planned: u32,
    /// Planned visits logged.
    pub visits_done: u32,
    /// Visits logged that day that were not in the plan.
    pub visits_unplanned: u32,
    pub review: Option<DailyReview>,
}

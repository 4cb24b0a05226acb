//! The visit plan as the UI and the CLI see it.

use serde::{Deserialize, Serialize};

use crate::card::Card;
use crate::classify::Abc;
use crate::contact::Contact;
use crate::notes::Note;

/// One visit in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedVisit {
    pub id: crate::ids::VisitId,
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub card_code: String,
    pub region: String,
    pub city: String,
    /// The card's postal code: ordering a day by area reads it first.
    pub postal_code: String,
    /// The card's address on one line: where the visit is when `place` is empty.
    pub address: String,
    /// `YYYY-MM-DD`.
    pub planned_on: String,
    /// Order within the day, from 0: the route.
    pub position: u32,
    pub purpose: String,
    /// The contact logged for this visit, once it happened.
    pub contact_id: Option<crate::ids::ContactId>,
    pub open_complaints: u32,
    /// The agreed time, `HH:MM` local; `None` while no time is set.
    pub starts_at: Option<String>,
    pub duration_minutes: Option<i32>,
    /// Where to meet when not at the card's address (a branch, a café, a trade fair).
    pub place: String,
    /// Whom the rep meets.
    pub meeting_with: String,
    /// The customer agreed the time and place (001 约见).
    pub confirmed: bool,
    /// Another visit that day overlaps this one's time (set by the plan).
    pub overlaps: bool,
}

/// An appointment's time, place and people, set on a planned visit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Appointment {
    /// `HH:MM`, or `None` for no agreed time yet.
    pub starts_at: Option<String>,
    /// Minutes, 5 to 720; `None`: an hour is assumed for overlaps and calendars.
    pub duration_minutes: Option<i32>,
    pub place: String,
    pub meeting_with: String,
    pub confirmed: bool,
    pub purpose: String,
}

/// How long a visit without a duration is taken to last.
pub const DEFAULT_MINUTES: i32 = 60;

impl PlannedVisit {
    /// Minutes from midnight to the start and the end, when a time is set.
    pub fn span_minutes(&self) -> Option<(i32, i32)> {
        let time = chrono::NaiveTime::parse_from_str(self.starts_at.as_deref()?, "%H:%M").ok()?;
        let start = chrono::Timelike::num_seconds_from_midnight(&time) as i32 / 60;
        Some((
            start,
            start + self.duration_minutes.unwrap_or(DEFAULT_MINUTES),
        ))
    }

    /// Where the visit is: the place agreed, or the customer's address.
    pub fn location(&self) -> &str {
        if self.place.is_empty() {
            &self.address
        } else {
            &self.place
        }
    }
}

/// Marks the timed visits of each day whose times overlap another's.
pub fn mark_overlaps(visits: &mut [PlannedVisit]) {
    let spans: Vec<(String, Option<(i32, i32)>)> = visits
        .iter()
        .map(|v| (v.planned_on.clone(), v.span_minutes()))
        .collect();
    for (i, visit) in visits.iter_mut().enumerate() {
        visit.overlaps = spans.iter().enumerate().any(|(j, (day, span))| {
            j != i
                && *day == spans[i].0
                && matches!((span, spans[i].1), (Some((s1, e1)), Some((s2, e2))) if *s1 < e2 && s2 < *e1)
        });
    }
}

/// Where to start a plan from; empty filters match every live card.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct VisitCandidateQuery {
    /// Customers with an open follow-up due on or before this date (`YYYY-MM-DD`).
    pub due_by: Option<String>,
    /// Customers not visited for at least this many days (never visited counts).
    pub not_visited_days: Option<u32>,
    /// Customers visited less often than their ABC class asks (Settings: classification).
    pub due_by_class: bool,
    /// Part of the region (prefecture, province, do…).
    pub region: String,
    /// Part of the city.
    pub city: String,
    /// Most candidates returned (default 200).
    pub limit: Option<u32>,
}

/// A customer the plan could include, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VisitCandidate {
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub card_code: String,
    pub region: String,
    pub city: String,
    /// Local date and time of the latest visit, if any.
    pub last_visit_at: Option<String>,
    pub days_since_visit: Option<u32>,
    /// Open follow-ups due by the chosen date.
    pub due_follow_ups: u32,
    /// The earliest of those due dates.
    pub earliest_due: Option<String>,
    /// The customer's ABC class as last classified.
    pub abc: Option<Abc>,
    /// Set when the customer is due a visit by a rule: how often the rule asks for one...
    pub visit_every_days: Option<i32>,
    /// ...and which rule (its class, its value tier, or being a prospect).
    pub visit_rule: Option<crate::classify::config::VisitRule>,
}

/// The page to read before a visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VisitBrief {
    pub card: Card,
    /// The card's address on one line, as its country writes it.
    pub address: String,
    /// The latest three contacts, newest first.
    pub recent_contacts: Vec<Contact>,
    pub open_complaints: Vec<Contact>,
    /// Contacts whose next action is still open.
    pub open_actions: Vec<Contact>,
    /// Speculation and low-reliability notes: what to check on the visit.
    pub unverified_notes: Vec<Note>,
    pub last_visit_at: Option<String>,
    /// The next visit planned to this customer (today or later, not yet logged).
    pub next_visit: Option<PlannedVisit>,
    /// Our products to propose on the visit.
    pub hints: Vec<crate::competition::hints::ProductHint>,
}

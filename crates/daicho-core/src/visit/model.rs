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
    /// `YYYY-MM-DD`.
    pub planned_on: String,
    /// Order within the day, from 0.
    pub position: u32,
    pub purpose: String,
    /// The contact logged for this visit, once it happened.
    pub contact_id: Option<crate::ids::ContactId>,
    pub open_complaints: u32,
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
    /// The latest three contacts, newest first.
    pub recent_contacts: Vec<Contact>,
    pub open_complaints: Vec<Contact>,
    /// Contacts whose next action is still open.
    pub open_actions: Vec<Contact>,
    /// Speculation and low-reliability notes: what to check on the visit.
    pub unverified_notes: Vec<Note>,
    pub last_visit_at: Option<String>,
}

//! A contact with a customer as the UI and the CLI see it.

use serde::{Deserialize, Serialize};

api_enum!(
    /// What kind of contact it was.
    ContactKind {
        Visit = "visit",
        Phone = "phone",
        Letter = "letter",
        Email = "email",
        Meeting = "meeting",
        Complaint = "complaint",
        Negotiation = "negotiation",
        Service = "service",
        Message = "message",
        Training = "training",
        Other = "other",
    }
);
api_enum!(
    /// Where a complaint tends to stand.
    ComplaintState { Open = "open", InProgress = "in_progress", Resolved = "resolved" }
);
api_enum!(
    /// How a complaint reached the rep.
    ComplaintChannel { Visit = "visit", Letter = "letter", Hotline = "hotline", Other = "other" }
);

/// Everything a rep records about one contact. `at` is local date and time (`YYYY-MM-DDTHH:MM`),
/// dates are `YYYY-MM-DD`; the core checks both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ContactFields {
    pub kind: ContactKind,
    pub at: String,
    pub duration_minutes: Option<i32>,
    /// Ids of the card's key persons who took part.
    pub participants: Vec<crate::ids::KeyPersonId>,
    /// The rep who made the contact.
    pub rep: String,
    pub purpose: String,
    /// What was said or done.
    pub content: String,
    pub outcome: String,
    /// How the customer reacted.
    pub reaction: String,
    pub next_action: String,
    pub next_action_due: Option<String>,
    /// Set when the next action was done.
    pub next_action_done_at: Option<String>,
    /// Present on complaints.
    pub complaint: Option<Complaint>,
    /// Present on negotiations.
    pub negotiation: Option<Negotiation>,
}

impl Default for ContactFields {
    fn default() -> Self {
        ContactFields {
            kind: ContactKind::Visit,
            at: String::new(),
            duration_minutes: None,
            participants: Vec::new(),
            rep: String::new(),
            purpose: String::new(),
            content: String::new(),
            outcome: String::new(),
            reaction: String::new(),
            next_action: String::new(),
            next_action_due: None,
            next_action_done_at: None,
            complaint: None,
            negotiation: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Complaint {
    pub channel: Option<ComplaintChannel>,
    /// Required on a complaint.
    pub state: Option<ComplaintState>,
    /// What was done about it.
    pub action_taken: String,
    pub resolved_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Negotiation {
    pub stage: String,
    /// The amount in play.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub amount: Option<i64>,
    pub decision_date: Option<String>,
    /// How the deal ended (001 促进成交: 签约成交); none while it is still open.
    pub result: Option<DealResult>,
    /// Why it was won or lost, and to whom (the contract's number when signed).
    pub result_note: String,
}

api_enum!(
    /// How a negotiation ended.
    DealResult { Won = "won", Lost = "lost" }
);

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Contact {
    pub id: crate::ids::ContactId,
    pub card_id: crate::ids::CardId,
    pub version: i32,
    pub created_at: String,
    pub updated_at: String,
    pub fields: ContactFields,
}

/// The newest contacts of a card, and how many it has in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ContactPage {
    pub contacts: Vec<Contact>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub total: i64,
}

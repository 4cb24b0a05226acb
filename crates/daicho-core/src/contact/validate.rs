//! Contact validation: every field checked, all problems at once, values normalised.

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::FieldIssue;
use crate::ids::KeyPersonId;
use crate::text::{date, line, multiline, non_negative};

use super::model::{Complaint, ContactFields, ContactKind, Negotiation};

/// Longest contact, in minutes (a working week).
pub const MAX_DURATION: i32 = 60 * 24 * 7;

/// `known_people`: ids of the card's key persons, the only ones who can take part.
pub fn contact(
    input: &ContactFields,
    known_people: &[KeyPersonId],
) -> Result<ContactFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let at = date_time("at", &input.at, i);
    let next_action_due = date("next_action_due", &input.next_action_due, i);
    if let (Some(at), Some(due)) = (&at, next_action_due.as_deref().and_then(parse_date)) {
        if due < at.date() {
            i.push(FieldIssue::new("next_action_due", "before_contact"));
        }
    }
    if let Some(minutes) = input.duration_minutes {
        if minutes < 0 {
            i.push(FieldIssue::new("duration_minutes", "negative"));
        } else if minutes > MAX_DURATION {
            i.push(FieldIssue::with_limit(
                "duration_minutes",
                "out_of_range",
                MAX_DURATION,
            ));
        }
    }
    let mut participants: Vec<KeyPersonId> = Vec::new();
    for person in &input.participants {
        if !known_people.contains(person) {
            i.push(FieldIssue::new("participants", "unknown_person"));
        } else if !participants.contains(person) {
            participants.push(person.clone());
        }
    }
    let out = ContactFields {
        kind: input.kind,
        at: at.map_or_else(
            || input.at.trim().to_owned(),
            |at| at.format(FORMAT).to_string(),
        ),
        duration_minutes: input.duration_minutes,
        participants,
        rep: line("rep", &input.rep, i),
        purpose: line("purpose", &input.purpose, i),
        content: multiline("content", &input.content, i),
        outcome: multiline("outcome", &input.outcome, i),
        reaction: multiline("reaction", &input.reaction, i),
        next_action: line("next_action", &input.next_action, i),
        next_action_due,
        next_action_done_at: input.next_action_done_at.clone(),
        complaint: (input.kind == ContactKind::Complaint)
            .then(|| complaint(input.complaint.as_ref(), i)),
        negotiation: (input.kind == ContactKind::Negotiation)
            .then(|| negotiation(input.negotiation.as_ref(), i)),
    };
    if !out.next_action.is_empty() && out.next_action_due.is_none() {
        i.push(FieldIssue::new("next_action_due", "required"));
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

const FORMAT: &str = "%Y-%m-%dT%H:%M";

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// A required local date and time, `YYYY-MM-DDTHH:MM` (seconds are accepted and dropped).
fn date_time(field: &str, value: &str, issues: &mut Vec<FieldIssue>) -> Option<NaiveDateTime> {
    let value = value.trim();
    if value.is_empty() {
        issues.push(FieldIssue::new(field, "required"));
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(value, FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"));
    match parsed {
        Ok(at) if (1900..=2200).contains(&chrono::Datelike::year(&at)) => Some(at),
        _ => {
            issues.push(FieldIssue::new(field, "invalid_date"));
            None
        }
    }
}

fn complaint(input: Option<&Complaint>, i: &mut Vec<FieldIssue>) -> Complaint {
    let empty = Complaint::default();
    let c = input.unwrap_or(&empty);
    if c.state.is_none() {
        i.push(FieldIssue::new("complaint.state", "required"));
    }
    Complaint {
        channel: c.channel,
        state: c.state,
        action_taken: multiline("complaint.action_taken", &c.action_taken, i),
        resolved_on: date("complaint.resolved_on", &c.resolved_on, i),
    }
}

fn negotiation(input: Option<&Negotiation>, i: &mut Vec<FieldIssue>) -> Negotiation {
    let empty = Negotiation::default();
    let n = input.unwrap_or(&empty);
    Negotiation {
        stage: line("negotiation.stage", &n.stage, i),
        amount: non_negative("negotiation.amount", n.amount, i),
        decision_date: date("negotiation.decision_date", &n.decision_date, i),
        result: n.result,
        result_note: line("negotiation.result_note", &n.result_note, i),
    }
}

//! Note validation: every field checked, all problems at once, values normalised.

use crate::error::FieldIssue;
use crate::text::{date, line, multiline};

use super::model::NoteFields;

pub fn note(input: &NoteFields) -> Result<NoteFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let noted_on = if input.noted_on.trim().is_empty() {
        i.push(FieldIssue::new("noted_on", "required"));
        String::new()
    } else {
        date("noted_on", &Some(input.noted_on.clone()), i).unwrap_or_default()
    };
    let content = multiline("content", &input.content, i);
    if content.trim().is_empty() {
        i.push(FieldIssue::new("content", "required"));
    }
    let out = NoteFields {
        noted_on,
        category: input.category,
        source_who: line("source_who", &input.source_who, i),
        source_where: line("source_where", &input.source_where, i),
        situation: multiline("situation", &input.situation, i),
        means: input.means,
        content,
        certainty: input.certainty,
        reliability: input.reliability,
        importance: input.importance,
        urgency: input.urgency,
        how_to_use: multiline("how_to_use", &input.how_to_use, i),
        find_out_next: multiline("find_out_next", &input.find_out_next, i),
        judgement: multiline("judgement", &input.judgement, i),
        judgement_on: date("judgement_on", &input.judgement_on, i),
        share: input.share,
        competitor_id: input.competitor_id.clone().filter(|c| !c.trim().is_empty()),
    };
    if out.judgement_on.is_some() && out.judgement.is_empty() {
        i.push(FieldIssue::new("judgement", "required"));
    }
    if let Some(on) = &out.judgement_on {
        if !out.noted_on.is_empty() && on.as_str() < out.noted_on.as_str() {
            i.push(FieldIssue::new("judgement_on", "before_note"));
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

//! An intelligence note as the UI and the CLI see it.

use serde::{Deserialize, Serialize};

api_enum!(
    /// What the note is about.
    NoteCategory {
        Company = "company",
        Person = "person",
        Needs = "needs",
        Competitor = "competitor",
        Market = "market",
        Credit = "credit",
        Other = "other",
    }
);
api_enum!(
    /// How the rep learned it.
    NoteMeans {
        FaceToFace = "face_to_face",
        Phone = "phone",
        Document = "document",
        Web = "web",
        Questionnaire = "questionnaire",
        Observation = "observation",
        Other = "other",
    }
);
api_enum!(
    /// Whether the content is established or hearsay.
    Certainty { Fact = "fact", Speculation = "speculation" }
);
api_enum!(
    /// The three-step scale of reliability, importance and urgency.
    Grade { Low = "low", Medium = "medium", High = "high" }
);

/// Everything a rep records about one piece of intelligence. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct NoteFields {
    /// When the rep learned it.
    pub noted_on: String,
    pub category: NoteCategory,
    /// Who it came from.
    pub source_who: String,
    /// Where it was heard or read.
    pub source_where: String,
    /// The situation it was heard in (in passing at a trade fair, in a formal meeting...): what
    /// its credibility rests on.
    pub situation: String,
    pub means: Option<NoteMeans>,
    pub content: String,
    pub certainty: Certainty,
    pub reliability: Grade,
    pub importance: Grade,
    pub urgency: Grade,
    pub how_to_use: String,
    pub find_out_next: String,
    /// The superior's judgement or instruction.
    pub judgement: String,
    pub judgement_on: Option<String>,
    /// Bring it to the next meeting.
    pub share: bool,
    /// The competitor it is about, if any.
    pub competitor_id: Option<crate::ids::CompetitorId>,
}

impl Default for NoteFields {
    fn default() -> Self {
        NoteFields {
            noted_on: String::new(),
            category: NoteCategory::Company,
            source_who: String::new(),
            source_where: String::new(),
            situation: String::new(),
            means: None,
            content: String::new(),
            certainty: Certainty::Fact,
            reliability: Grade::Medium,
            importance: Grade::Medium,
            urgency: Grade::Medium,
            how_to_use: String::new(),
            find_out_next: String::new(),
            judgement: String::new(),
            judgement_on: None,
            share: false,
            competitor_id: None,
        }
    }
}

/// A stored note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Note {
    pub id: crate::ids::NoteId,
    pub card_id: crate::ids::CardId,
    pub version: i32,
    pub created_at: String,
    pub updated_at: String,
    pub fields: NoteFields,
}

/// Filters of the notes page; every one left empty matches all notes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct NoteQuery {
    /// Words found in the content, source, use, next step or judgement, or the card's name.
    pub text: String,
    pub category: Option<NoteCategory>,
    pub certainty: Option<Certainty>,
    pub reliability: Option<Grade>,
    pub importance: Option<Grade>,
    pub urgency: Option<Grade>,
    /// Only notes marked (or not marked) for the next meeting.
    pub share: Option<bool>,
    /// Only notes the superior has not judged yet (002: notes reach the superior).
    pub awaiting_judgement: bool,
    /// Noted on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Noted on or before this day.
    pub to: Option<String>,
    pub owner: Option<String>,
    /// Only notes about this competitor.
    pub competitor_id: Option<crate::ids::CompetitorId>,
    /// Most notes returned (default 500).
    pub limit: Option<u32>,
}

/// A note on the notes page, with the card it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NoteRow {
    pub note: Note,
    pub card_name: String,
    pub card_code: String,
}

/// The notes that matched, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NotePage {
    pub rows: Vec<NoteRow>,
    pub total: u32,
}

//! Excel handouts for managers (.xlsx with rust_xlsxwriter): print-ready A4 reports in the
//! language chosen at export, with the same catalog as the window. Data cells are written as
//! data: text as text, never as a formula. Each report writes to a temporary file beside the
//! target and renames it at the end (`crate::output`), so a failed export leaves nothing.

mod card;
mod classification;
mod comparison;
pub mod currency;
mod daily;
pub(crate) mod error;
pub mod handover;
mod history;
mod ics;
mod intelligence;
pub mod labels;
mod layout;
mod list;
mod plan;
mod visits;
pub mod weekly;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Workbook, XlsxError};
use serde::{Deserialize, Serialize};

use crate::card_list::CardQuery;
use crate::contact::ContactKind;
use crate::error::ReportError;
use crate::i18n::Lang;

pub use currency::Currency;
pub use list::ListColumn;

api_enum!(
    /// The handouts Daicho writes.
    ReportKind {
        Card = "card",
        List = "list",
        History = "history",
        Visits = "visits",
        Comparison = "comparison",
        Classification = "classification",
        Weekly = "weekly",
        Labels = "labels",
        Ics = "ics",
        Daily = "daily",
        Intelligence = "intelligence",
        Plan = "plan",
    }
);

/// What to export. Each report reads the parts it needs: the list and the labels read `query`
/// (the card list's filters); the card report reads `card_ids`, or the list's cards when empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ReportRequest {
    pub kind: ReportKind,
    pub lang: Lang,
    pub query: CardQuery,
    pub card_ids: Vec<crate::ids::CardId>,
    /// The list's columns, in order; empty: the usual ones.
    pub columns: Vec<ListColumn>,
    /// `YYYY-MM-DD`; both empty: the report's usual period.
    pub from: Option<String>,
    pub to: Option<String>,
    pub owner: Option<String>,
    /// The contact history's kind of contact; none: every kind.
    pub contact_kind: Option<ContactKind>,
    /// The comparison sheet to print.
    pub sheet_id: Option<crate::ids::SheetId>,
    /// The calendar file of one planned visit (from its brief) instead of a period's.
    pub visit_id: Option<crate::ids::VisitId>,
    /// The intelligence report's notes, as the notes page filters them; none: the period's.
    pub notes: Option<crate::notes::NoteQuery>,
    /// The sales plan's fiscal year; none: the one today is in.
    pub fiscal_year: Option<i32>,
}

impl Default for ReportRequest {
    fn default() -> Self {
        ReportRequest {
            kind: ReportKind::List,
            lang: Lang::En,
            query: CardQuery::default(),
            card_ids: Vec::new(),
            columns: Vec::new(),
            from: None,
            to: None,
            owner: None,
            contact_kind: None,
            sheet_id: None,
            visit_id: None,
            notes: None,
            fiscal_year: None,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportOutcome {
    pub path: String,
    /// Data rows (cards, contacts...) in the report.
    pub rows: u32,
}

/// Called with (done, total) as rows are written.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// A write error: the system's own (a full disk, say) as a file error, rust_xlsxwriter's as is.
pub(crate) fn write_error(path: &Path) -> impl Fn(XlsxError) -> ReportError + '_ {
    move |e| match e {
        XlsxError::IoError(source) => crate::error::OutputError::io(path, source).into(),
        other => ReportError::Write {
            path: path.to_owned(),
            detail: other.to_string(),
        },
    }
}

/// A path for `name` in `folder` that names no existing file: `name (2).xlsx` and so on.
pub fn unique_path(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, "xlsx"));
    (2..)
        .map(|n| folder.join(format!("{stem} ({n}).{extension}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Saves `workbook` to `path`: the temporary file of a [`crate::output::Staged`] target.
pub(crate) fn save(workbook: &mut Workbook, path: &Path) -> Result<(), ReportError> {
    workbook.save(path).map_err(write_error(path))
}

/// An error of writing a report's temporary file, told about the file the user named.
pub(crate) fn at_target(e: ReportError, target: &Path) -> ReportError {
    match e {
        ReportError::Write { detail, .. } => ReportError::Write {
            path: target.to_owned(),
            detail,
        },
        ReportError::Output(crate::error::OutputError::Io { source, .. }) => {
            crate::error::OutputError::io(target, source).into()
        }
        other => other,
    }
}

pub(crate) use card::write_cards;
pub(crate) use classification::write_classification;
pub(crate) use comparison::write_comparison;
pub(crate) use daily::write_daily;
pub(crate) use handover::{write_handover, Confirmation, HandoverFacts};
pub(crate) use history::{write_history, HistoryFilter};
pub(crate) use ics::write_ics;
pub(crate) use intelligence::write_intelligence;
pub(crate) use labels::write_labels;
pub(crate) use layout::Ctx;
pub(crate) use list::write_list;
pub(crate) use plan::write_plan;
pub(crate) use visits::write_visits;
pub(crate) use weekly::write_weekly;

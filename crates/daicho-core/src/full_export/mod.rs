//! Taking everything out: the whole ledger as one workbook (a sheet per table), as CSV files in
//! a zip, or as JSON, column for column as the ledger keeps them (docs/full-export.md says what
//! each column holds). Restoring one into an empty ledger gives back the same content.

pub mod error;
mod read;
mod values;
mod write;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use read::restore;
pub use write::write;

/// What a full export says about itself, first in every form.
pub const FORMAT: &str = "daicho-full-export";
/// The layout of the export itself (tables and columns follow the ledger's schema version).
pub const VERSION: u32 = 1;

/// Every table that holds what a rep entered, parents before the rows that point at them.
/// Each card's classes as last stored come along (a restored ledger shows the same lists without
/// a re-classification writing its history twice), and the reminders marked done. Left out,
/// because they are worked out again or belong to this copy of the ledger only: search keys,
/// undo records, the copies log, handover marks and settings.
pub const TABLES: &[&str] = &[
    "competitors",
    "products",
    "cards",
    "card_classes",
    "card_tags",
    "key_persons",
    "contacts",
    "contact_persons",
    "notes",
    "planned_visits",
    "transactions",
    "collection_plans",
    "card_products",
    "card_shares",
    "case_studies",
    "sheets",
    "sheet_products",
    "assessments",
    "assessment_criteria",
    "assessment_scores",
    "assessment_texts",
    "card_history",
    "reminders_done",
    "daily_reviews",
    "card_checks",
    "sales_plans",
    "card_links",
    "payments",
    "custom_fields",
    "card_custom_values",
];

api_enum!(
    /// The three forms of a full export, by the file's extension.
    FullExportForm {
        Xlsx = "xlsx",
        Zip = "zip",
        Json = "json",
    }
);

impl FullExportForm {
    pub fn of(path: &Path) -> Option<FullExportForm> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        FullExportForm::parse(&ext)
    }
}

/// The head of a full export: which Daicho wrote it, when, from which schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub schema: i64,
    pub exported_at: String,
}

/// How many rows of one table a full export holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TableCount {
    pub table: String,
    pub rows: u32,
}

/// A full export written, or restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FullExport {
    pub path: String,
    pub form: FullExportForm,
    pub tables: Vec<TableCount>,
    /// Texts longer than a spreadsheet cell holds (32,767 characters), cut in the workbook
    /// only: the CSV and JSON forms keep them whole.
    pub cut_cells: u32,
}

impl FullExport {
    pub fn rows_of(&self, table: &str) -> u32 {
        self.tables
            .iter()
            .find(|t| t.table == table)
            .map_or(0, |t| t.rows)
    }
}

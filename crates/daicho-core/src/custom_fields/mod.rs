//! Fields of the rep's own (001 设计自用客户卡: design your own customer card): each a text,
//! number, date or choice the rep names in Settings, filled in on every card, shown as a column
//! of the list and filtered by, read from an imported column of the same heading, and printed
//! on the card and the customer list.

pub(crate) mod error;
pub mod store;
pub mod value;

use serde::{Deserialize, Serialize};

use crate::ids::CustomFieldId;

api_enum!(
    /// What a field of the rep's own holds.
    CustomFieldKind { Text = "text", Number = "number", Date = "date", Choice = "choice" }
);

/// A field as the rep defines it in Settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomFieldDef {
    pub label: String,
    pub kind: CustomFieldKind,
    /// A choice field's choices, in the order offered (ignored for the other kinds).
    #[serde(default)]
    pub choices: Vec<String>,
    /// Shown as a column of the card list.
    #[serde(default)]
    pub in_list: bool,
}

/// A field of the rep's own, with how many cards have a value for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomField {
    pub id: CustomFieldId,
    pub label: String,
    pub kind: CustomFieldKind,
    pub choices: Vec<String>,
    pub in_list: bool,
    /// Cards (live or in the trash) with a value.
    pub used: u32,
}

/// A card's value of one field; empty when it has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomValue {
    pub field_id: CustomFieldId,
    pub value: String,
}

/// The list's filter by a field: a text field's value containing `value`, a choice field's
/// value equal to it, a number or date from `value` to `to` (either may be empty). With both
/// empty, the cards that have any value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CustomFilter {
    pub field_id: CustomFieldId,
    pub value: String,
    pub to: String,
}

/// Most fields a ledger defines: a card with more would be a form nobody fills in.
pub const MAX_FIELDS: usize = 30;
/// Longest label, in characters (a column heading).
pub const MAX_LABEL: usize = 40;
/// Most choices of a choice field.
pub const MAX_CHOICES: usize = 50;
/// The prefix of a value's field in a card's history: `custom:<label>`.
pub const HISTORY_PREFIX: &str = "custom:";

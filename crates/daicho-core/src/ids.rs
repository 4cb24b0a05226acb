//! The ids of what a ledger holds, one type each: a contact's id cannot be passed where a card's
//! is expected. Each is a UUID (v7) as text, stored and serialised as that text; the window gets
//! them as branded string types (`CardId`, …), so the same holds in TypeScript.
//!
//! ```compile_fail
//! # let ledger = daicho_core::Ledger::open_in_memory().unwrap();
//! let contact = daicho_core::ids::ContactId::new();
//! ledger.card(&contact); // a contact's id where a card's is expected does not compile
//! ```
//!
//! ```
//! # let ledger = daicho_core::Ledger::open_in_memory().unwrap();
//! let card = daicho_core::ids::CardId::new();
//! assert_eq!(ledger.card(&card).unwrap_err().to_string().is_empty(), false);
//! ```

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[doc = $doc:expr])* $name:ident),+ $(,)?) => {$(
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// A new id, ordered by the time it was made.
            pub fn new() -> Self {
                $name(uuid::Uuid::now_v7().to_string())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// Read as text wherever text is wanted (SQL parameters, messages, logs).
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        /// Text from outside (a command's argument, a command line, a file) taken as this id;
        /// the ledger checks it before use.
        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                String::column_result(value).map($name)
            }
        }
    )+};
}

ids! {
    /// A customer card.
    CardId,
    /// A key person on a card.
    KeyPersonId,
    /// A contact in a card's history.
    ContactId,
    /// An intelligence note.
    NoteId,
    /// A planned visit.
    VisitId,
    /// A sale or a return on a card.
    TransactionId,
    /// A competitor.
    CompetitorId,
    /// A product of ours or of a competitor, in the catalogue.
    ProductId,
    /// A comparison sheet.
    SheetId,
    /// A dated assessment on a comparison sheet.
    AssessmentId,
    /// A product in use at a customer.
    CardProductId,
    /// A case study.
    CaseId,
    /// One payment towards a sale.
    PaymentId,
    /// A field of the rep's own on every card.
    CustomFieldId,
}

/// The names of the id types, for the TypeScript bindings to brand.
pub const ID_TYPES: [&str; 14] = [
    "CardId",
    "KeyPersonId",
    "ContactId",
    "NoteId",
    "VisitId",
    "TransactionId",
    "CompetitorId",
    "ProductId",
    "SheetId",
    "AssessmentId",
    "CardProductId",
    "CaseId",
    "PaymentId",
    "CustomFieldId",
];

//! JSON kept in a column (phones, a card's profile, a complaint's details, classification
//! reasons...), read through one checked door: a value that does not parse is reported as
//! damage (`ledger.damaged_value`), never read as empty and then saved back over what was there.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use serde::de::DeserializeOwned;

/// A column holding `T` as JSON; `Option<Json<T>>` for a nullable one.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned> FromSql for Json<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        serde_json::from_str(text)
            .map(Json)
            .map_err(|e| FromSqlError::Other(Box::new(DamagedValue(e.to_string()))))
    }
}

/// Parses JSON read some other way (a `ledger_meta` value): damage is the same error.
pub fn parse<T: DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            Box::new(DamagedValue(e.to_string())),
        )
    })
}

/// What `storage_code` recognises as a damaged stored value.
#[derive(Debug)]
pub struct DamagedValue(pub String);

impl std::fmt::Display for DamagedValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a stored value is damaged: {}", self.0)
    }
}

impl std::error::Error for DamagedValue {}

/// Whether `e` is a stored value that did not parse.
pub fn is_damaged_value(e: &rusqlite::Error) -> bool {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.is::<DamagedValue>(),
        _ => false,
    }
}

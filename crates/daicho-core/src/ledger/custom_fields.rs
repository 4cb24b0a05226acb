//! Fields of the rep's own: defined in Settings, filled in on each card.

use crate::custom_fields::{self, CustomField, CustomFieldDef, CustomValue};
use crate::error::CustomFieldError;
use crate::ids::{CardId, CustomFieldId};

use super::Ledger;

impl Ledger {
    /// The fields of the rep's own, in order.
    pub fn custom_fields(&self) -> Result<Vec<CustomField>, CustomFieldError> {
        Ok(custom_fields::store::list(self.connection())?)
    }

    pub fn add_custom_field(
        &mut self,
        def: &CustomFieldDef,
    ) -> Result<CustomField, CustomFieldError> {
        self.write(|tx, edit| custom_fields::store::add(tx, def, edit))
    }

    pub fn update_custom_field(
        &mut self,
        id: &CustomFieldId,
        def: &CustomFieldDef,
    ) -> Result<CustomField, CustomFieldError> {
        self.write(|tx, edit| custom_fields::store::update(tx, id, def, edit))
    }

    /// Moves the field one place up (`-1`) or down (`1`).
    pub fn move_custom_field(
        &mut self,
        id: &CustomFieldId,
        by: i32,
    ) -> Result<Vec<CustomField>, CustomFieldError> {
        self.write(|tx, _| custom_fields::store::shift(tx, id, by))?;
        self.custom_fields()
    }

    /// Deletes the field; the values it takes stay in each card's history.
    pub fn delete_custom_field(&mut self, id: &CustomFieldId) -> Result<(), CustomFieldError> {
        self.write(|tx, edit| custom_fields::store::delete(tx, id, edit))
    }

    /// Every field with the card's value (empty where it has none).
    pub fn card_custom_values(
        &self,
        card_id: &CardId,
    ) -> Result<Vec<CustomValue>, CustomFieldError> {
        crate::card::store::load(self.connection(), card_id)?;
        Ok(custom_fields::store::values_of(self.connection(), card_id)?
            .into_iter()
            .map(|(f, value)| CustomValue {
                field_id: f.id,
                value,
            })
            .collect())
    }

    /// Sets the card's values of the given fields (an empty value removes it), all or none.
    pub fn set_card_custom_values(
        &mut self,
        card_id: &CardId,
        values: &[CustomValue],
    ) -> Result<Vec<CustomValue>, CustomFieldError> {
        self.write(|tx, edit| custom_fields::store::set_values(tx, card_id, values, edit))?;
        self.card_custom_values(card_id)
    }
}

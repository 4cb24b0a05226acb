//! What fields of the rep's own can refuse, with codes.

use crate::error::CardError;

#[derive(Debug, thiserror::Error)]
pub enum CustomFieldError {
    #[error("the field needs a name")]
    LabelEmpty,
    #[error("the field's name is too long")]
    LabelTooLong { limit: usize },
    #[error("a field named {label} is already there")]
    LabelTaken { label: String },
    #[error("a ledger has at most {limit} fields of its own")]
    TooMany { limit: usize },
    #[error("a choice field needs at least one choice")]
    NoChoices,
    #[error("a choice field has at most {limit} choices")]
    TooManyChoices { limit: usize },
    #[error("a choice is too long: {value}")]
    ChoiceTooLong { value: String },
    #[error("the choice {value} is there twice")]
    ChoiceRepeated { value: String },
    #[error("{cards} cards have the choice {value}")]
    ChoiceInUse { value: String, cards: u32 },
    #[error("{cards} cards have a value for this field: its kind cannot change")]
    KindInUse { cards: u32 },
    #[error("{cards} cards handed over to a successor have a value for this field")]
    HandedOver { cards: u32 },
    #[error("no such field")]
    NotFound,
    #[error("{label}: {value} is not a number")]
    NotANumber { label: String, value: String },
    #[error("{label}: {value} is not a date")]
    NotADate { label: String, value: String },
    #[error("{label}: {value} is not one of the choices")]
    NotAChoice { label: String, value: String },
    #[error("{label}: the value is too long")]
    ValueTooLong { label: String, limit: usize },
    #[error(transparent)]
    Card(#[from] CardError),
    #[error("database error: {0}")]
    Storage(#[from] rusqlite::Error),
}

coded!(CustomFieldError {
    LabelEmpty => code("custom_field.label_empty"),
    LabelTooLong { limit } => code("custom_field.label_too_long"),
    LabelTaken { label } => code("custom_field.label_taken"),
    TooMany { limit } => code("custom_field.too_many"),
    NoChoices => code("custom_field.no_choices"),
    TooManyChoices { limit } => code("custom_field.too_many_choices"),
    ChoiceTooLong { value } => code("custom_field.choice_too_long"),
    ChoiceRepeated { value } => code("custom_field.choice_repeated"),
    ChoiceInUse { value, cards } => code("custom_field.choice_in_use"),
    KindInUse { cards } => code("custom_field.kind_in_use"),
    HandedOver { cards } => code("custom_field.handed_over"),
    NotFound => code("custom_field.not_found"),
    NotANumber { label, value } => code("custom_field.not_a_number"),
    NotADate { label, value } => code("custom_field.not_a_date"),
    NotAChoice { label, value } => code("custom_field.not_a_choice"),
    ValueTooLong { label, limit } => code("custom_field.value_too_long"),
    Card(e) => inner,
    Storage(e) => storage,
});

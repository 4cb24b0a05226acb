//! Steps that change many cards at once — an import, a bulk change, a merge of two cards — and
//! the record that lets each be undone whole. Every step here writes its cards through `batch`,
//! which records them in `change_batches`; undo refuses, writing nothing, when a card was edited
//! since.

pub mod batch;
pub mod bulk;
pub(crate) mod error;
pub(crate) mod import;
pub mod merge;

//! The weekly report for the manager: what happened in the week (new cards, contacts by kind,
//! complaints opened and resolved, deals and sales) and where things stand (receivables by age,
//! overdue follow-ups, card completeness by owner). Gathered into [`WeeklyFacts`] first
//! (`gather`), then drawn on one page with a chart of the contacts (`render`).

mod gather;
mod render;

pub use gather::{gather, Complaints, Deals, NewCard, WeeklyFacts};
pub use render::write_weekly;

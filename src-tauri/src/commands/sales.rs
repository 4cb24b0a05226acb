//! Transactions, the card's sales summary, receivables and collection plans.

use daicho_core::sales::summary::Period;
use daicho_core::sales::{CardSales, CollectionPlan, Receivables, Transaction, TransactionFields};
use daicho_core::{ErrorReport, Ledger};
use tauri::State;

use crate::state::AppState;

/// `from` and `to` as `YYYY-MM-DD`; both absent: the twelve months to today.
pub fn period(
    l: &Ledger,
    from: Option<String>,
    to: Option<String>,
) -> Result<Period, daicho_core::error::SalesError> {
    match (from, to) {
        (Some(from), Some(to)) => Period::parse(&format!("{from}..{to}")),
        _ => Ok(l.default_period()),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn card_sales(
    state: State<'_, AppState>,
    card_id: String,
    from: Option<String>,
    to: Option<String>,
) -> Result<CardSales, ErrorReport> {
    state
        .run(move |l| {
            let period = period(l, from, to)?;
            l.card_sales(&card_id, Some(period))
        })
        .await
}

ledger_commands! {
    /// Adds a transaction (`id` none) or saves an edit made on `version`.
    fn transaction_save(card_id: String, id: Option<String>, version: i32, fields: TransactionFields) -> Transaction => |l| l.save_transaction(&card_id, id.as_deref().map(|id| (id, version)), &fields);

    fn transaction_delete(id: String) -> () => |l| l.delete_transaction(&id);

    /// Sets, changes or (with `plan` none) clears who to chase for payment and when.
    fn collection_plan_set(card_id: String, plan: Option<CollectionPlan>) -> Option<CollectionPlan> => |l| l.set_collection_plan(&card_id, plan.as_ref());

    fn receivables_get(owner: Option<String>) -> Receivables => |l| l.receivables(owner.as_deref().filter(|o| !o.is_empty()));
}

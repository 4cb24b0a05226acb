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

/// Adds a transaction (`id` none) or saves an edit made on `version`.
#[tauri::command]
#[specta::specta]
pub async fn transaction_save(
    state: State<'_, AppState>,
    card_id: String,
    id: Option<String>,
    version: i32,
    fields: TransactionFields,
) -> Result<Transaction, ErrorReport> {
    state
        .run(move |l| l.save_transaction(&card_id, id.as_deref().map(|id| (id, version)), &fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn transaction_delete(state: State<'_, AppState>, id: String) -> Result<(), ErrorReport> {
    state.run(move |l| l.delete_transaction(&id)).await
}

/// Sets, changes or (with `plan` none) clears who to chase for payment and when.
#[tauri::command]
#[specta::specta]
pub async fn collection_plan_set(
    state: State<'_, AppState>,
    card_id: String,
    plan: Option<CollectionPlan>,
) -> Result<Option<CollectionPlan>, ErrorReport> {
    state
        .run(move |l| l.set_collection_plan(&card_id, plan.as_ref()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn receivables_get(
    state: State<'_, AppState>,
    owner: Option<String>,
) -> Result<Receivables, ErrorReport> {
    state
        .run(move |l| l.receivables(owner.as_deref().filter(|o| !o.is_empty())))
        .await
}

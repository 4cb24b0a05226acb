//! Transactions, the card's sales summary, receivables and collection plans.

use daicho_core::ids::{CardId, TransactionId};
use daicho_core::sales::summary::Period;
use daicho_core::sales::{CardSales, CollectionPlan, Receivables, Transaction, TransactionFields};
use daicho_core::Ledger;

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

commands! {
    /// The card's sales over `from`..`to` (none: the twelve months to today), its
    /// transactions and its collection plan.
    fn card_sales(card_id: CardId, from: Option<String>, to: Option<String>) -> CardSales => |l| {
        let period = period(l, from, to)?;
        l.card_sales(&card_id, Some(period))
    };
    fn transaction_add(card_id: CardId, fields: TransactionFields) -> Transaction => |l| l.add_transaction(&card_id, &fields);
    /// Saves an edit made on `version`.
    fn transaction_update(id: TransactionId, version: i32, fields: TransactionFields) -> Transaction => |l| l.update_transaction(&id, version, &fields);

    fn transaction_delete(id: TransactionId) -> () => |l| l.delete_transaction(&id);

    /// Sets, changes or (with `plan` none) clears who to chase for payment and when.
    fn collection_plan_set(card_id: CardId, plan: Option<CollectionPlan>) -> Option<CollectionPlan> => |l| l.set_collection_plan(&card_id, plan.as_ref());

    fn receivables_get(owner: Option<String>) -> Receivables => |l| l.receivables(owner.as_deref().filter(|o| !o.is_empty()));
}

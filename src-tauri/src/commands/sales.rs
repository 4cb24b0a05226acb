//! Transactions, the card's sales summary, receivables, collection plans and the sales plan.

use daicho_core::ids::{CardId, PaymentId, TransactionId};
use daicho_core::sales::payments::{Payment, PaymentFields};
use daicho_core::sales::plan::import::PlanImport;
use daicho_core::sales::plan::{PlanLine, PlanLineFields, PlanOverview, PlanProgress};
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

    /// The sale's payments, oldest first.
    fn payments_list(id: TransactionId) -> Vec<Payment> => |l| l.payments(&id);

    /// Records a payment towards the sale; returns the sale as it now stands.
    fn payment_add(id: TransactionId, fields: PaymentFields) -> Transaction => |l| l.record_payment(&id, &fields);

    /// Removes a payment recorded by mistake; returns the sale as it now stands.
    fn payment_delete(id: PaymentId) -> Transaction => |l| l.delete_payment(&id);

    /// Sets, changes or (with `plan` none) clears who to chase for payment and when.
    fn collection_plan_set(card_id: CardId, plan: Option<CollectionPlan>) -> Option<CollectionPlan> => |l| l.set_collection_plan(&card_id, plan.as_ref());

    fn receivables_get(owner: Option<String>) -> Receivables => |l| l.receivables(owner.as_deref().filter(|o| !o.is_empty()));

    /// Fiscal year `year` (none: the one today is in) of the sales plan against what was sold.
    fn plan_overview(year: Option<i32>) -> PlanOverview => |l| l.plan_overview(year);
    /// A line as typed, not saved, against its sales this year and last.
    fn plan_preview(fields: PlanLineFields) -> PlanProgress => |l| l.plan_preview(&fields);
    /// Saves a line (the year's line for the same territory, rep... is changed).
    fn plan_line_save(fields: PlanLineFields) -> PlanLine => |l| l.save_plan_line(&fields);
    fn plan_line_delete(id: String) -> () => |l| l.delete_plan_line(&id);
    /// Sets the month (1–12) the fiscal year starts in.
    fn fiscal_start_set(month: u32) -> () => |l| l.set_fiscal_year_start(month);
    /// Reads a plan sheet and saves its lines, all or none (`dry_run`: saves nothing).
    fn plan_import(path: String, dry_run: bool) -> PlanImport => |l| l.import_plan(std::path::Path::new(&path), dry_run);
}

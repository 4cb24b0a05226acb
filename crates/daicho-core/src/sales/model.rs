//! Transactions and receivables as the UI and the CLI see them. Amounts are whole units of the
//! ledger's currency, like product prices.

use serde::{Deserialize, Serialize};

api_enum!(
    /// A sale, or goods coming back (which lowers the purchase totals).
    TransactionKind { Sale = "sale", Return = "return" }
);
api_enum!(
    /// How long a receivable has been overdue.
    AgeBucket {
        NotDue = "not_due",
        Days1To30 = "days_1_30",
        Days31To60 = "days_31_60",
        Days61To90 = "days_61_90",
        Over90 = "over_90",
    }
);

/// What a rep types for one transaction. `amount` left empty is quantity × unit price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TransactionFields {
    pub kind: TransactionKind,
    pub dated_on: String,
    /// One of the catalogue's products; its name becomes the item.
    pub product_id: Option<crate::ids::ProductId>,
    pub item: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub quantity: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub unit_price: i64,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub amount: Option<i64>,
    /// What the line cost us; left empty, the product's unit cost × quantity when it has one.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub cost: Option<i64>,
    pub invoice_no: String,
    /// When payment is due (sales only).
    pub due_on: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub paid_amount: i64,
    pub paid_on: Option<String>,
    pub notes: String,
}

impl Default for TransactionFields {
    fn default() -> Self {
        TransactionFields {
            kind: TransactionKind::Sale,
            dated_on: String::new(),
            product_id: None,
            item: String::new(),
            quantity: 1,
            unit_price: 0,
            amount: None,
            cost: None,
            invoice_no: String::new(),
            due_on: None,
            paid_amount: 0,
            paid_on: None,
            notes: String::new(),
        }
    }
}

/// A stored transaction; `fields.amount` is always set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Transaction {
    pub id: crate::ids::TransactionId,
    pub card_id: crate::ids::CardId,
    pub version: i32,
    pub created_at: String,
    pub updated_at: String,
    pub fields: TransactionFields,
    /// Still to be paid.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub outstanding: i64,
    /// Whole days past the due date while something is still to be paid.
    pub overdue_days: Option<i32>,
    /// The amount is above the customer's credit limit.
    pub over_limit: bool,
    /// Amount less cost, when the cost is known.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub profit: Option<i64>,
    /// How many payments it was paid in (more than one: its paid amount is theirs to change).
    pub payments: u32,
}

/// What a card's transactions add up to over a period (returns subtract), and what it owes now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SalesSummary {
    pub from: String,
    pub to: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub quantity: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
    /// Amount per unit over the period's sales.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub average_price: Option<i64>,
    pub last_purchase_on: Option<String>,
    /// Amount per month of the period.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub monthly_amount: i64,
    pub monthly_quantity: f64,
    /// Receivables today, whatever the period.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub outstanding: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub overdue: i64,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub credit_limit: Option<i64>,
    /// What is owed exceeds the credit limit.
    pub over_limit: bool,
    /// Open negotiations whose amount exceeds the credit limit.
    pub negotiations_over_limit: u32,
    /// Amount less cost over the period's lines whose cost is known; none when none is.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub profit: Option<i64>,
    /// That profit against those lines' amount, in percent.
    pub margin_percent: Option<i32>,
}

/// The card's sales tab: the summary and every transaction, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardSales {
    pub summary: SalesSummary,
    pub transactions: Vec<Transaction>,
    pub plan: Option<CollectionPlan>,
    /// Two years month by month, and how often the customer orders.
    pub habits: super::habits::TradingHabits,
    /// The customer's target for this fiscal year against what they bought, when one is set.
    pub target: Option<super::plan::PlanProgress>,
    /// The fiscal year today is in (a target set from the card is for it).
    pub fiscal_year: i32,
}

/// Who to chase for payment, and when.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CollectionPlan {
    pub chase_on: String,
    /// Whom to speak to (a key person, the accounts department...).
    pub person: String,
    pub note: String,
}

/// One customer on the collection page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReceivableRow {
    pub card_id: crate::ids::CardId,
    pub code: String,
    pub name: String,
    pub owner: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub outstanding: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub overdue: i64,
    /// The earliest due date still unpaid.
    pub oldest_due_on: Option<String>,
    /// Days the oldest unpaid invoice is overdue (0: nothing overdue).
    pub days_overdue: i32,
    pub invoices: u32,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub credit_limit: Option<i64>,
    pub over_limit: bool,
    pub plan: Option<CollectionPlan>,
}

/// Receivables by how long they are overdue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgeTotal {
    pub bucket: AgeBucket,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
    pub invoices: u32,
}

/// The collection page: what is due and overdue, by customer, most urgent first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Receivables {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub outstanding: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub overdue: i64,
    pub ages: Vec<AgeTotal>,
    pub customers: Vec<ReceivableRow>,
    /// Sold against collected, month by month over the last twelve.
    pub months: Vec<super::balance::CollectionMonth>,
}

//! The annual sales plan (000 ⑥ 年度区域販売計画, made from the cards' results; 001 推销工作计划:
//! tasks, goals and the means to reach them): monthly targets for the whole ledger, a territory,
//! a rep, a customer or a product category, set against what was sold.

pub mod fiscal;
pub mod import;
pub mod progress;
pub mod store;

use serde::{Deserialize, Serialize};

api_enum!(
    /// What one line of the plan covers.
    PlanScope {
        Total = "total",
        Territory = "territory",
        Owner = "owner",
        Category = "category",
        Card = "card",
    }
);

/// One line of a year's plan as the rep types it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PlanLineFields {
    /// The calendar year the fiscal year starts in.
    pub fiscal_year: i32,
    pub scope: PlanScope,
    /// The territory, the rep or the product category; empty for the whole ledger or a customer.
    pub key: String,
    /// The customer, for a customer's line.
    pub card_id: Option<crate::ids::CardId>,
    /// Twelve monthly targets, the fiscal year's first month first.
    #[cfg_attr(feature = "specta", specta(type = Vec<i32>))]
    pub months: Vec<i64>,
    /// How the target is to be reached.
    pub means: String,
}

impl Default for PlanLineFields {
    fn default() -> Self {
        PlanLineFields {
            fiscal_year: 2000,
            scope: PlanScope::Total,
            key: String::new(),
            card_id: None,
            months: vec![0; 12],
            means: String::new(),
        }
    }
}

/// A stored line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanLine {
    pub id: String,
    pub version: i32,
    pub fields: PlanLineFields,
    /// What the line is called: the territory, rep or category, or the customer's name.
    pub label: String,
    /// The customer's code, for a customer's line.
    pub card_code: String,
}

/// One month of a line: its target, what was sold, and what was sold a year before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanMonth {
    /// `YYYY-MM`.
    pub month: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub plan: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub actual: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub last_year: i64,
}

/// A line against what was sold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanProgress {
    /// None: a line not saved yet (its preview).
    pub line: Option<PlanLine>,
    pub scope: PlanScope,
    pub label: String,
    pub months: Vec<PlanMonth>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub year_plan: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub year_actual: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub last_year: i64,
    /// The target up to today: months past in full, this month by the days gone.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub plan_to_date: i64,
    /// Sold up to today.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub actual_to_date: i64,
    /// Sold against the target up to today, in percent; none while nothing was due yet.
    pub rate_percent: Option<i32>,
}

/// A fiscal year's plan against what was sold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlanOverview {
    pub fiscal_year: i32,
    /// The month (1–12) the fiscal year starts in.
    pub first_month: u32,
    /// The twelve months, `YYYY-MM`.
    pub months: Vec<String>,
    pub today: String,
    /// What the whole ledger sold against the whole ledger's line (or the sum of the
    /// territories' lines when there is none).
    pub total: PlanProgress,
    /// Every saved line except the whole ledger's: territories, reps, categories, customers.
    pub lines: Vec<PlanProgress>,
    /// Territories, reps and categories that sold last year or this year but have no line yet,
    /// to plan them from their results.
    pub unplanned: Vec<Unplanned>,
}

/// A territory, rep or category with sales and no line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Unplanned {
    pub scope: PlanScope,
    pub key: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub last_year: i64,
}

//! Competition data as the UI and the CLI see it.

use serde::{Deserialize, Serialize};

/// A company that sells against us.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CompetitorFields {
    pub name: String,
    pub reading: String,
    pub website: String,
    /// Where they are strong.
    pub strengths: String,
    pub weaknesses: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Competitor {
    pub id: crate::ids::CompetitorId,
    pub version: i32,
    pub fields: CompetitorFields,
    /// How many products of theirs the catalogue holds.
    pub products: u32,
}

/// A product in the catalogue: ours when `competitor_id` is empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ProductFields {
    pub competitor_id: Option<crate::ids::CompetitorId>,
    pub name: String,
    pub category: String,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub price_min: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub price_max: Option<i64>,
    /// What one unit costs us (our own products only): sales of it carry their cost and margin.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub unit_cost: Option<i64>,
    pub features: String,
    pub selling_points: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Product {
    pub id: crate::ids::ProductId,
    pub version: i32,
    pub fields: ProductFields,
    /// The maker's name; empty for our own products.
    pub maker: String,
}

/// What deleting a product would take with it; the window asks with these counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProductUsage {
    /// Sheets that compare against it and keep other products.
    pub sheets_losing_it: u32,
    /// Sheets deleted with it (it is their own product, or their only competitor product).
    pub sheets_deleted: u32,
    /// Customers recorded as using it.
    pub customers: u32,
    /// Case studies that name it (they stay, without the product).
    pub cases: u32,
}

/// A comparison sheet: one of our products against competitors' products.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SheetFields {
    pub title: String,
    pub category: String,
    pub our_product_id: crate::ids::ProductId,
    pub competitor_product_ids: Vec<crate::ids::ProductId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Sheet {
    pub id: crate::ids::SheetId,
    pub version: i32,
    pub fields: SheetFields,
}

/// A row of the sheets list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SheetSummary {
    pub id: crate::ids::SheetId,
    pub title: String,
    pub category: String,
    pub our_product: String,
    pub competitor_products: u32,
    /// The date of the latest assessment, if any.
    pub assessed_on: Option<String>,
}

/// A criterion with its weight (any non-negative number; not all zero).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Criterion {
    pub name: String,
    pub weight: f64,
}

/// One product's scores, one per criterion in order (`None`: not scored yet).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ProductScores {
    pub product_id: crate::ids::ProductId,
    pub scores: Vec<Option<i32>>,
}

/// Our strengths and weaknesses against one competitor product.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct VersusText {
    pub product_id: crate::ids::ProductId,
    pub strengths: String,
    pub weaknesses: String,
}

/// A dated view of a sheet: scale, criteria, scores and texts as judged that day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct AssessmentFields {
    pub assessed_on: String,
    /// 5 (1–5) or 10 (1–10).
    pub scale: i32,
    pub criteria: Vec<Criterion>,
    pub scores: Vec<ProductScores>,
    pub texts: Vec<VersusText>,
}

/// How an assessment moved since an earlier one: each score (criteria matched by name) and each
/// total, product by product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AssessmentChanges {
    pub scores: Vec<ScoreChanges>,
    pub totals: Vec<TotalChange>,
}

/// One product's change per criterion of the later assessment, on its scale; none where either
/// assessment has no score (or the earlier one lacks the criterion).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScoreChanges {
    pub product_id: crate::ids::ProductId,
    pub changes: Vec<Option<i32>>,
}

/// One product's total, in percentage points; none when the earlier assessment lacks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TotalChange {
    pub product_id: crate::ids::ProductId,
    pub points: Option<f64>,
}

/// A product's weighted result in an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProductTotal {
    pub product_id: crate::ids::ProductId,
    /// Weighted average on the sheet's scale, over the scored criteria.
    pub weighted: f64,
    /// The same as a percentage of the best possible, comparable across scales.
    pub percent: f64,
    /// Every criterion scored.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Assessment {
    pub id: crate::ids::AssessmentId,
    pub sheet_id: crate::ids::SheetId,
    pub actor: String,
    pub fields: AssessmentFields,
    pub totals: Vec<ProductTotal>,
}

/// Everything the sheet page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SheetView {
    pub sheet: Sheet,
    /// Our product first, then the competitors' in the sheet's order.
    pub products: Vec<Product>,
    /// Every assessment, newest first, with its totals.
    pub assessments: Vec<Assessment>,
}

/// A product a customer uses (a competitor's, or ours for the share).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CardProductFields {
    pub product_id: crate::ids::ProductId,
    pub since: Option<String>,
    /// Per year, in the category's unit.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub volume: Option<i64>,
    /// 1 (very unhappy) to 5 (very happy).
    pub satisfaction: Option<i32>,
    /// When the contract runs out or renews.
    pub renewal_on: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardProduct {
    pub id: crate::ids::CardProductId,
    pub card_id: crate::ids::CardId,
    pub fields: CardProductFields,
    pub product: Product,
}

/// A customer who uses a competitor's product, as the competitor's page lists them: the users'
/// first-hand view of rival products (002: ライバル商品の使い勝手、良い点・悪い点の生の声).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProductUser {
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub owner: String,
    pub product_name: String,
    pub since: Option<String>,
    /// 1 (very unhappy) to 5 (very happy).
    pub satisfaction: Option<i32>,
    pub renewal_on: Option<String>,
    /// What the customer says of it.
    pub notes: String,
}

/// A competitor's users, as many as the page lists, and how many there are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CompetitorUsers {
    pub users: Vec<ProductUser>,
    pub total: u32,
}

/// Our share of a customer's purchases in one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CategoryShare {
    pub category: String,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub our_volume: i64,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub total_volume: i64,
    /// From the volumes, when there are any.
    pub derived_percent: Option<f64>,
    /// As entered by the rep (wins over the derived one).
    pub entered_percent: Option<i32>,
}

/// A competitor's contract at a customer that renews soon: a chance to win the business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Renewal {
    pub card_product_id: crate::ids::CardProductId,
    pub card_id: crate::ids::CardId,
    pub card_name: String,
    pub product_name: String,
    pub maker: String,
    pub renewal_on: String,
    /// Negative when the date has passed.
    pub days_until: i32,
}

/// A case study: how a customer used our product.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CaseStudyFields {
    pub title: String,
    /// The customer's card, or none when the case is told anonymised.
    pub card_id: Option<crate::ids::CardId>,
    /// How the customer is named in the case ("a logistics company in Osaka").
    pub customer_label: String,
    pub industry: String,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub employees: Option<i64>,
    pub product_id: Option<crate::ids::ProductId>,
    /// The problem before.
    pub problem: String,
    /// What was introduced.
    pub introduced: String,
    /// The effect after, with figures.
    pub effect: String,
    pub dated_on: String,
    /// May be shown to other customers.
    pub shareable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseStudy {
    pub id: crate::ids::CaseId,
    pub version: i32,
    pub fields: CaseStudyFields,
    pub card_name: String,
    pub product_name: String,
    /// Older than the stale age in Settings.
    pub stale: bool,
}

/// A case suggested for a card, with how close it is (0–1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseMatch {
    pub case: CaseStudy,
    pub closeness: f64,
    pub same_industry: bool,
}

/// The competition side of a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardCompetition {
    pub products: Vec<CardProduct>,
    pub shares: Vec<CategoryShare>,
    /// Sheets comparing the products this customer uses.
    pub sheets: Vec<SheetSummary>,
    /// The closest case studies in industry and size.
    pub cases: Vec<CaseMatch>,
    /// Our products to propose: what similar customers use, and the next one up.
    pub hints: Vec<super::hints::ProductHint>,
}

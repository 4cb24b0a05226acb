//! A classification as the UI and the CLI see it.

use serde::{Deserialize, Serialize};

use crate::card::{CardStatus, Loyalty};

api_enum!(
    /// Pareto class by purchases over the period.
    Abc { A = "a", B = "b", C = "c" }
);
api_enum!(
    ValueTier { High = "high", Secondary = "secondary", Potential = "potential", Low = "low" }
);
api_enum!(
    /// Why a customer is on the core or the problem list.
    ReasonKind {
        ClassA = "class_a",
        HighValue = "high_value",
        Growing = "growing",
        Overdue = "overdue",
        OpenComplaints = "open_complaints",
        Falling = "falling",
        WeakCredit = "weak_credit",
        OverLimit = "over_limit",
    }
);
api_enum!(
    /// A part of a card that counts towards its completeness.
    CompletenessItem {
        Reading = "reading",
        Reach = "reach",
        Address = "address",
        Industry = "industry",
        Owner = "owner",
        KeyPersons = "key_persons",
        DecisionRoute = "decision_route",
        Credit = "credit",
        Profile = "profile",
        PaymentTerms = "payment_terms",
    }
);

api_enum!(
    /// How urgently a problem needs the manager: `high` this week, `medium` in the rep's hands
    /// (declared in rising order: `High` is the greater).
    Severity { Medium = "medium", High = "high" }
);

/// One reason with the figure behind it (an amount, a percentage, a count, days); a problem's
/// reason also says how severe it is (classes kept before severities existed have none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reason {
    pub kind: ReasonKind,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub figure: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
}

impl Reason {
    /// The reason as the user reads it in `lang`, amounts grouped (the window does the same).
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let figure = match self.kind {
            ReasonKind::ClassA | ReasonKind::Overdue | ReasonKind::OverLimit => {
                crate::i18n::grouped(self.figure)
            }
            _ => self.figure.to_string(),
        };
        let params = [("figure".to_owned(), figure)].into_iter().collect();
        crate::i18n::message(lang, &format!("reason.{}", self.kind.as_str()), &params)
    }
}

/// The value indicators, each 0–100; none where the card gives nothing to judge by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Indicators {
    pub contribution: Option<i32>,
    pub cooperation: Option<i32>,
    pub credit: Option<i32>,
    pub growth: Option<i32>,
    pub influence: Option<i32>,
    /// Years since the first deal (ten or more: 100).
    pub tenure: Option<i32>,
    /// Loyal 100, switcher 40, no loyalty 0.
    pub loyalty: Option<i32>,
    /// How far they promote our brand, as the rep judged it.
    pub brand_support: Option<i32>,
}

/// One card's classes and the figures they come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardClass {
    pub card_id: crate::ids::CardId,
    pub code: String,
    pub name: String,
    pub owner: String,
    pub status: CardStatus,
    /// Net purchases over the period.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub previous_amount: i64,
    /// Amount less cost over the period's lines whose cost is known; none when none is.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub profit: Option<i64>,
    /// Profit against the amount of those lines, in percent.
    pub margin_percent: Option<i32>,
    /// ABC by profit, over the cards whose profit is known.
    pub profit_abc: Option<Abc>,
    /// Cumulative share of all purchases up to and including this card, in percent (ABC order).
    pub cumulative_percent: Option<f64>,
    pub abc: Option<Abc>,
    /// Monthly volume on the grade's basis.
    pub monthly_volume: f64,
    pub grade: Option<String>,
    /// Purchases against the previous period; none when there was nothing to compare.
    pub growth_percent: Option<i32>,
    pub indicators: Indicators,
    pub value_score: i32,
    pub value_tier: ValueTier,
    /// As set by the rep.
    pub loyalty: Option<Loyalty>,
    /// What the products in use and the purchases suggest.
    pub loyalty_hint: Option<Loyalty>,
    /// Outstanding and overdue today.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub outstanding: i64,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub overdue: i64,
    pub completeness: i32,
    pub missing: Vec<CompletenessItem>,
    pub core: bool,
    pub problem: bool,
    pub reasons: Vec<Reason>,
}

impl CardClass {
    /// The most severe of its problems, if it is on the problem list.
    pub fn severity(&self) -> Option<Severity> {
        self.reasons.iter().filter_map(|r| r.severity).max()
    }

    /// The problem to act on first: the most severe, the first of equals.
    pub fn top_problem(&self) -> Option<&Reason> {
        let most = self.severity()?;
        self.reasons.iter().find(|r| r.severity == Some(most))
    }

    /// What its problems put at stake, to order problems of the same severity: money overdue,
    /// over the limit and the purchases lost against the previous period.
    pub fn stake(&self) -> i64 {
        self.reasons
            .iter()
            .map(|r| match r.kind {
                ReasonKind::Overdue | ReasonKind::OverLimit => r.figure,
                ReasonKind::Falling => (self.previous_amount - self.amount).max(0),
                ReasonKind::WeakCredit => self.outstanding,
                _ => 0,
            })
            .sum()
    }
}

/// Problem customers in the order to deal with them: most severe first, then most at stake,
/// then by customer code.
pub fn order_problems(list: &mut [&CardClass]) {
    list.sort_by(|a, b| {
        b.severity()
            .cmp(&a.severity())
            .then(b.stake().cmp(&a.stake()))
            .then(a.code.cmp(&b.code))
    });
}

/// A whole classification: every live card, by purchases (largest first, then by code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Classification {
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    /// No transaction at all in the period: there is nothing to classify by purchases.
    pub has_transactions: bool,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub total_amount: i64,
    /// Profit of all cards whose cost is known; none when no sale's cost is.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub total_profit: Option<i64>,
    pub cards: Vec<CardClass>,
}

//! A classification summarised for a page: counts per class, the Pareto curve, and the first
//! entries of the core and problem lists (the card list, filtered, holds the rest).

use serde::{Deserialize, Serialize};

use super::model::{Abc, CardClass, Classification, ValueTier};
use crate::ids::CardId;

/// Most customers drawn as bars on the Pareto chart; the rest become one "others" bar.
pub const PARETO_BARS: usize = 40;
/// Most entries of each list a page receives.
pub const LIST_LIMIT: usize = 200;
/// Most big buyers at a thin margin a page names.
pub const THIN_MARGIN_LIMIT: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ParetoBar {
    /// Empty for the "others" bar.
    pub card_id: crate::ids::CardId,
    pub name: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
    /// Cumulative share after this bar, in percent.
    pub cumulative_percent: f64,
    pub abc: Option<Abc>,
    /// Customers in the bar (more than one for "others").
    pub customers: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClassCount<T> {
    pub class: T,
    pub customers: u32,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ClassificationView {
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    pub has_transactions: bool,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub total_amount: i64,
    pub customers: u32,
    /// Customers who bought in the period.
    pub buyers: u32,
    pub abc: Vec<ClassCount<Abc>>,
    pub tiers: Vec<ClassCount<ValueTier>>,
    /// Per grade label, lowest band first.
    pub grades: Vec<ClassCount<String>>,
    /// Per brand loyalty, as the rep set it or else as suggested.
    pub loyalties: Vec<ClassCount<crate::card::Loyalty>>,
    /// The first buyers, one bar each.
    pub pareto: Vec<ParetoBar>,
    /// The buyers after them, together (said under the chart, not drawn: one bar of them all
    /// would dwarf the top customer and hide the curve).
    pub pareto_rest: Option<ParetoBar>,
    pub core_total: u32,
    pub problem_total: u32,
    pub core: Vec<CardClass>,
    /// Most severe first, then what is at stake.
    pub problem: Vec<CardClass>,
    /// Problem customers of high severity, of whom `problem_week` names the first few.
    pub problem_high: u32,
    pub problem_week: Vec<CardClass>,
    /// Profit of the customers whose cost is known; none when no sale's cost is.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub total_profit: Option<i64>,
    /// Sales of those customers, against which the profit is a margin.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub costed_amount: i64,
    /// ABC by profit: customers and the profit of each class.
    pub profit_abc: Vec<ClassCount<Abc>>,
    /// A or B by sales but C by profit: big buyers at a thin margin, largest sales first.
    pub thin_margin: Vec<CardClass>,
}

fn count<T: Clone + PartialEq>(
    classes: &[T],
    cards: &[CardClass],
    of: impl Fn(&CardClass) -> Option<T>,
) -> Vec<ClassCount<T>> {
    classes
        .iter()
        .map(|class| {
            let members = cards.iter().filter(|c| of(c).as_ref() == Some(class));
            let (customers, amount) =
                members.fold((0u32, 0i64), |(n, a), c| (n + 1, a + c.amount.max(0)));
            ClassCount {
                class: class.clone(),
                customers,
                amount,
            }
        })
        .collect()
}

/// `grade_labels`: the configured bands, lowest first. Problem customers are listed most severe
/// first, then by what is at stake; the high-severity ones, up to `week` of them, are the ones
/// for the manager this week. Core customers by purchases.
pub fn summarise(c: &Classification, grade_labels: &[String], week: usize) -> ClassificationView {
    let cards = &c.cards;
    let buyers: Vec<&CardClass> = cards.iter().filter(|k| k.amount > 0).collect();
    let pareto: Vec<ParetoBar> = buyers
        .iter()
        .take(PARETO_BARS)
        .map(|k| ParetoBar {
            card_id: k.card_id.clone(),
            name: k.name.clone(),
            amount: k.amount,
            cumulative_percent: k.cumulative_percent.unwrap_or(0.0),
            abc: k.abc,
            customers: 1,
        })
        .collect();
    let pareto_rest = (buyers.len() > PARETO_BARS).then(|| {
        let rest = &buyers[PARETO_BARS..];
        ParetoBar {
            card_id: CardId::default(),
            name: String::new(),
            amount: rest.iter().map(|k| k.amount).sum(),
            cumulative_percent: 100.0,
            abc: None,
            customers: rest.len() as u32,
        }
    });
    let core: Vec<&CardClass> = cards.iter().filter(|k| k.core).collect();
    let mut problem: Vec<&CardClass> = cards.iter().filter(|k| k.problem).collect();
    super::model::order_problems(&mut problem);
    let high: Vec<&CardClass> = problem
        .iter()
        .copied()
        .filter(|k| k.severity() == Some(crate::classify::Severity::High))
        .collect();
    ClassificationView {
        from: c.from.clone(),
        to: c.to.clone(),
        previous_from: c.previous_from.clone(),
        previous_to: c.previous_to.clone(),
        has_transactions: c.has_transactions,
        total_amount: c.total_amount,
        customers: cards.len() as u32,
        buyers: buyers.len() as u32,
        abc: count(Abc::ALL, cards, |k| k.abc),
        tiers: count(ValueTier::ALL, cards, |k| Some(k.value_tier)),
        grades: count(grade_labels, cards, |k| k.grade.clone()),
        loyalties: count(crate::card::Loyalty::ALL, cards, |k| {
            k.loyalty.or(k.loyalty_hint)
        }),
        pareto,
        pareto_rest,
        core_total: core.len() as u32,
        problem_total: problem.len() as u32,
        core: core.into_iter().take(LIST_LIMIT).cloned().collect(),
        problem: problem.into_iter().take(LIST_LIMIT).cloned().collect(),
        problem_high: high.len() as u32,
        problem_week: high.into_iter().take(week).cloned().collect(),
        total_profit: c.total_profit,
        costed_amount: cards
            .iter()
            .filter(|k| k.profit.is_some())
            .map(|k| k.amount)
            .sum(),
        profit_abc: Abc::ALL
            .iter()
            .map(|class| {
                let members = cards.iter().filter(|k| k.profit_abc == Some(*class));
                let (customers, amount) = members.fold((0u32, 0i64), |(n, a), k| {
                    (n + 1, a + k.profit.unwrap_or(0).max(0))
                });
                ClassCount {
                    class: *class,
                    customers,
                    amount,
                }
            })
            .collect(),
        // Cards come largest purchases first.
        thin_margin: cards
            .iter()
            .filter(|k| {
                matches!(k.abc, Some(Abc::A | Abc::B))
                    && (k.profit_abc == Some(Abc::C) || k.profit.is_some_and(|p| p <= 0))
            })
            .take(THIN_MARGIN_LIMIT)
            .cloned()
            .collect(),
    }
}

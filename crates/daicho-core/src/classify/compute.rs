//! The classification's arithmetic, on plain inputs: ABC by cumulative share, grade bands,
//! growth, value indicators and tiers, loyalty hint, completeness, the core and problem lists.

use crate::card::{CardKind, CardStatus, Loyalty, Standing};

use super::config::{ClassConfig, CompletenessWeights, GradeBand, VolumeBasis};
use super::model::{
    Abc, CardClass, CompletenessItem, Indicators, Reason, ReasonKind, Severity, ValueTier,
};

/// What classification reads about one card.
#[derive(Debug, Clone, PartialEq)]
pub struct CardInput {
    pub card_id: crate::ids::CardId,
    pub code: String,
    pub name: String,
    pub owner: String,
    pub kind: CardKind,
    pub status: CardStatus,
    /// Net purchases (returns subtracted) in the period and in the one before.
    pub amount: i64,
    pub previous_amount: i64,
    pub quantity: i64,
    pub outstanding: i64,
    pub overdue: i64,
    /// How many days the oldest overdue invoice is late (0: nothing overdue).
    pub overdue_days: i64,
    pub open_complaints: i64,
    /// How many days the oldest open complaint has been open.
    pub complaint_days: i64,
    pub standing: Standing,
    /// Parts of the card that are filled in.
    pub filled: Vec<CompletenessItem>,
    /// Most makers (us and competitors) the customer buys from in any one category.
    pub makers_in_a_category: i64,
    /// Amount less cost over the period's lines whose cost is known, with those lines' amount;
    /// none when no line's cost is known.
    pub profit: Option<(i64, i64)>,
    /// Since the first deal, when the card records it.
    pub years_with_us: Option<f64>,
}

/// A purchase growth of this many percent puts a core customer's growth among its reasons.
pub const GROWING_PERCENT: i32 = 20;
/// Overdue this long is the manager's this week, whatever the amount.
pub const OVERDUE_HIGH_DAYS: i64 = 90;
/// A complaint open this long, or this many open at once, needs the manager.
pub const COMPLAINT_HIGH_DAYS: i64 = 14;
pub const COMPLAINTS_HIGH: i64 = 3;

/// The first eight bytes of a code as a number that orders as the codes do (shorter codes
/// padded with zeros); codes that share them are compared whole.
fn code_prefix(code: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (to, from) in bytes.iter_mut().zip(code.as_bytes()) {
        *to = *from;
    }
    u64::from_be_bytes(bytes)
}

/// ABC classes in the order of `amounts` (largest first): a card is in A while the share before
/// it is below `a_percent`, so the card that crosses the line is still A. Cards buying the same
/// amount share a class. Zero or net-negative purchases get no class.
pub fn abc(amounts: &[i64], a_percent: i32, b_percent: i32) -> Vec<(Option<Abc>, Option<f64>)> {
    let total: i64 = amounts.iter().filter(|a| **a > 0).sum();
    let mut before = 0i64;
    let mut previous: Option<(i64, Abc)> = None;
    amounts
        .iter()
        .map(|&amount| {
            if amount <= 0 || total == 0 {
                return (None, None);
            }
            let share_before = before as f64 * 100.0 / total as f64;
            before += amount;
            let class = match previous {
                Some((a, class)) if a == amount => class,
                _ if share_before < f64::from(a_percent) => Abc::A,
                _ if share_before < f64::from(b_percent) => Abc::B,
                _ => Abc::C,
            };
            previous = Some((amount, class));
            (
                Some(class),
                Some((before as f64 * 1000.0 / total as f64).round() / 10.0),
            )
        })
        .collect()
}

/// The band holding `volume`; none for no purchases.
pub fn grade(bands: &[GradeBand], volume: f64) -> Option<String> {
    if volume <= 0.0 {
        return None;
    }
    bands
        .iter()
        .find(|b| volume >= b.from as f64 && b.to.is_none_or(|to| volume < to as f64))
        .map(|b| b.label.clone())
}

/// Percent change against the previous period; none when nothing was bought before.
pub fn growth_percent(amount: i64, previous: i64) -> Option<i32> {
    (previous > 0).then(|| {
        let pct = (amount - previous) as f64 * 100.0 / previous as f64;
        pct.round().clamp(-100_000.0, 100_000.0) as i32
    })
}

/// Growth as an indicator: 50 is flat, +50% or more is 100, −50% or worse is 0. A customer new
/// in this period has nothing to compare with and is judged on the other indicators.
pub fn growth_indicator(amount: i64, previous: i64) -> Option<i32> {
    growth_percent(amount, previous).map(|pct| (50 + pct).clamp(0, 100))
}

/// The relationship's length as 0–100: ten years or more is 100 (003 시간).
pub fn tenure_indicator(years: Option<f64>) -> Option<i32> {
    years.map(|y| (y * 10.0).round().clamp(0.0, 100.0) as i32)
}

/// Loyalty as 0–100: the rep's judgement, else what the purchases suggest (003 충성도).
pub fn loyalty_indicator(set: Option<Loyalty>, hint: Option<Loyalty>) -> Option<i32> {
    set.or(hint).map(|l| match l {
        Loyalty::Loyal => 100,
        Loyalty::Switcher => 40,
        Loyalty::NoLoyalty => 0,
    })
}

/// Profit ABC, in the order of `profits` (any order): the same rule as sales ABC over the
/// profits of the cards whose cost is known.
pub fn profit_abc(profits: &[Option<i64>], a_percent: i32, b_percent: i32) -> Vec<Option<Abc>> {
    let mut order: Vec<(i64, usize)> = profits
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (p, i)))
        .collect();
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let amounts: Vec<i64> = order.iter().map(|(p, _)| *p).collect();
    let mut out = vec![None; profits.len()];
    for ((_, i), (class, _)) in order.iter().zip(abc(&amounts, a_percent, b_percent)) {
        out[*i] = class;
    }
    out
}

/// A 1–5 judgement as 0–100.
fn judgement(value: Option<i32>) -> Option<i32> {
    value.map(|v| (v.clamp(1, 5) - 1) * 25)
}

/// Credit as 0–100: the bureau's score, else the grade's place on the user's scale (best = 100).
pub fn credit_indicator(standing: &Standing, scale: &[String]) -> Option<i32> {
    if let Some(score) = standing.credit_score {
        return Some(score.clamp(0, 100));
    }
    let at = scale.iter().position(|g| g == &standing.credit_rating)?;
    let steps = scale.len().saturating_sub(1).max(1) as i32;
    Some(100 - at as i32 * 100 / steps)
}

/// The weighted mean of the indicators there are (0 when there are none).
pub fn value_score(ind: &Indicators, config: &ClassConfig) -> i32 {
    let w = &config.weights;
    let parts = [
        (ind.contribution, w.contribution),
        (ind.cooperation, w.cooperation),
        (ind.credit, w.credit),
        (ind.growth, w.growth),
        (ind.influence, w.influence),
        (ind.tenure, w.tenure),
        (ind.loyalty, w.loyalty),
        (ind.brand_support, w.brand_support),
    ];
    let (sum, weight) = parts
        .iter()
        .filter_map(|(v, w)| v.map(|v| (i64::from(v) * i64::from(*w), i64::from(*w))))
        .fold((0i64, 0i64), |(s, t), (v, w)| (s + v, t + w));
    if weight == 0 {
        0
    } else {
        ((sum as f64) / (weight as f64)).round() as i32
    }
}

pub fn value_tier(score: i32, ind: &Indicators, config: &ClassConfig) -> ValueTier {
    let promising = |v: Option<i32>| v.is_some_and(|v| v >= config.potential_from);
    if score >= config.high_value_from {
        ValueTier::High
    } else if score >= config.secondary_from {
        ValueTier::Secondary
    } else if promising(ind.growth) || promising(ind.influence) {
        ValueTier::Potential
    } else {
        ValueTier::Low
    }
}

/// One maker in a category is loyal, two switch between brands, more show no brand loyalty.
pub fn loyalty_hint(makers_in_a_category: i64) -> Option<Loyalty> {
    match makers_in_a_category {
        ..=0 => None,
        1 => Some(Loyalty::Loyal),
        2 => Some(Loyalty::Switcher),
        _ => Some(Loyalty::NoLoyalty),
    }
}

/// The parts that count for a card of `kind`, with their weights.
pub fn completeness_parts(kind: CardKind, w: &CompletenessWeights) -> Vec<(CompletenessItem, i32)> {
    use CompletenessItem as I;
    let organisation_only = [I::KeyPersons, I::DecisionRoute, I::PaymentTerms];
    let mut parts = vec![
        (I::Reading, w.reading),
        (I::Reach, w.reach),
        (I::Address, w.address),
        (I::Industry, w.industry),
        (I::Owner, w.owner),
        (I::KeyPersons, w.key_persons),
        (I::DecisionRoute, w.decision_route),
        (I::Credit, w.credit),
        (I::Profile, w.profile),
        (I::PaymentTerms, w.payment_terms),
    ];
    if kind == CardKind::Individual {
        parts.retain(|(i, _)| !organisation_only.contains(i));
    }
    parts.retain(|(_, w)| *w > 0);
    parts
}

/// Percent of the weight filled in, and what is missing (heaviest first).
pub fn completeness(
    kind: CardKind,
    filled: &[CompletenessItem],
    w: &CompletenessWeights,
) -> (i32, Vec<CompletenessItem>) {
    completeness_over(&completeness_parts(kind, w), filled)
}

/// [`completeness`] over parts worked out once for every card of a kind.
fn completeness_over(
    parts: &[(CompletenessItem, i32)],
    filled: &[CompletenessItem],
) -> (i32, Vec<CompletenessItem>) {
    let total: i32 = parts.iter().map(|(_, w)| w).sum();
    let have: i32 = parts
        .iter()
        .filter(|(i, _)| filled.contains(i))
        .map(|(_, w)| w)
        .sum();
    // Heaviest first; equal weights keep the parts' order (a stable sort of the parts alone).
    let mut missing: Vec<CompletenessItem> = parts
        .iter()
        .filter(|(i, _)| !filled.contains(i))
        .map(|(i, _)| *i)
        .collect();
    let weight =
        |item: &CompletenessItem| parts.iter().find(|(i, _)| i == item).map_or(0, |(_, w)| *w);
    missing.sort_by_key(|i| -weight(i));
    let pct = if total == 0 {
        100
    } else {
        (f64::from(have) * 100.0 / f64::from(total)).round() as i32
    };
    (pct, missing)
}

/// Classifies every card: returned largest purchases first, then by code.
pub fn classify(mut inputs: Vec<CardInput>, config: &ClassConfig, months: f64) -> Vec<CardClass> {
    // Compact keys are sorted, not the inputs (large, and scattered in memory): the amount
    // decides almost every comparison; ties go by code, then by card id, as the order the cards
    // were read in did before.
    // The code's first eight bytes ride along, so that the many cards buying the same amount
    // (nothing, most often) are told apart without a visit to each card's code.
    let mut order: Vec<(i64, u64, u32)> = inputs
        .iter()
        .zip(0u32..)
        .map(|(c, n)| (c.amount, code_prefix(&c.code), n))
        .collect();
    order.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then_with(|| {
            let (a, b) = (&inputs[a.2 as usize], &inputs[b.2 as usize]);
            (a.code.cmp(&b.code)).then_with(|| a.card_id.cmp(&b.card_id))
        })
    });
    let parts = Parts {
        organisation: completeness_parts(CardKind::Organisation, &config.completeness),
        individual: completeness_parts(CardKind::Individual, &config.completeness),
    };
    let amounts: Vec<i64> = order.iter().map(|(amount, _, _)| *amount).collect();
    let classes = abc(&amounts, config.a_percent, config.b_percent);
    let was = previous_classes(&inputs, config);
    let buyers = amounts.iter().filter(|a| **a > 0).count();
    // Contribution: the share of buyers this card buys more than (ties count as the same rank).
    let mut rank = 0usize;
    let mut last_amount = None;
    let mut out = Vec::with_capacity(inputs.len());
    for (n, (&(_, _, at), (class, cumulative))) in order.iter().zip(classes).enumerate() {
        // Each input is visited once: its texts are moved out, not copied.
        let input = &mut inputs[at as usize];
        if last_amount != Some(input.amount) {
            rank = n;
            last_amount = Some(input.amount);
        }
        let contribution = if input.amount > 0 {
            ((buyers - rank) as f64 * 100.0 / buyers as f64).round() as i32
        } else {
            0
        };
        let indicators = Indicators {
            contribution: Some(contribution),
            cooperation: judgement(input.standing.cooperation),
            credit: credit_indicator(&input.standing, &config.credit_scale),
            growth: growth_indicator(input.amount, input.previous_amount),
            influence: judgement(input.standing.influence),
            tenure: tenure_indicator(input.years_with_us),
            loyalty: loyalty_indicator(
                input.standing.loyalty,
                loyalty_hint(input.makers_in_a_category),
            ),
            brand_support: judgement(input.standing.brand_support),
        };
        let before = was[at as usize];
        out.push(card_class(
            input, class, before, cumulative, indicators, config, &parts, months,
        ));
    }
    let profits: Vec<Option<i64>> = out.iter().map(|c| c.profit).collect();
    for (c, class) in out
        .iter_mut()
        .zip(profit_abc(&profits, config.a_percent, config.b_percent))
    {
        c.profit_abc = class;
    }
    out
}

/// What puts a customer on the problem list, each reason with its severity. Only what calls for
/// action counts: money overdue beyond the configured days or amount, open complaints, a fall in
/// purchases of a customer who was A or B, weak credit while they owe us, a limit overrun.
fn problems(
    input: &CardInput,
    was: Option<Abc>,
    growth: Option<i32>,
    indicators: &Indicators,
    config: &ClassConfig,
) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut push = |kind: ReasonKind, figure: i64, high: bool| {
        out.push(Reason {
            kind,
            figure,
            severity: Some(if high {
                Severity::High
            } else {
                Severity::Medium
            }),
        });
    };
    let big = config
        .overdue_amount_from
        .is_some_and(|from| input.overdue >= from);
    if input.overdue > 0 && (input.overdue_days >= i64::from(config.overdue_days_from) || big) {
        push(
            ReasonKind::Overdue,
            input.overdue,
            big || input.overdue_days >= OVERDUE_HIGH_DAYS,
        );
    }
    if input.open_complaints > 0 {
        push(
            ReasonKind::OpenComplaints,
            input.open_complaints,
            input.complaint_days >= COMPLAINT_HIGH_DAYS || input.open_complaints >= COMPLAINTS_HIGH,
        );
    }
    // A customer marked lost or dormant has fallen for a reason the rep already knows.
    if let Some(g) = growth.filter(|g| {
        *g <= -config.falling_percent
            && !matches!(input.status, CardStatus::Lost | CardStatus::Dormant)
            && matches!(was, Some(Abc::A | Abc::B))
    }) {
        push(ReasonKind::Falling, i64::from(g), was == Some(Abc::A));
    }
    if let Some(c) = indicators
        .credit
        .filter(|c| *c < config.weak_credit_below && input.outstanding > 0)
    {
        push(ReasonKind::WeakCredit, i64::from(c), false);
    }
    if let Some(limit) = input
        .standing
        .credit_limit
        .filter(|l| input.outstanding > *l)
    {
        push(ReasonKind::OverLimit, input.outstanding - limit, true);
    }
    out
}

/// Each card's ABC class in the previous period, in input order: a fall in purchases matters for
/// the customers who mattered then.
fn previous_classes(inputs: &[CardInput], config: &ClassConfig) -> Vec<Option<Abc>> {
    let mut order: Vec<(i64, usize)> = inputs
        .iter()
        .enumerate()
        .filter(|(_, c)| c.previous_amount > 0)
        .map(|(i, c)| (c.previous_amount, i))
        .collect();
    order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let amounts: Vec<i64> = order.iter().map(|(a, _)| *a).collect();
    let mut was = vec![None; inputs.len()];
    for ((_, i), (class, _)) in order
        .iter()
        .zip(abc(&amounts, config.a_percent, config.b_percent))
    {
        was[*i] = class;
    }
    was
}

/// The parts that count for each kind of card, worked out once per classification.
struct Parts {
    organisation: Vec<(CompletenessItem, i32)>,
    individual: Vec<(CompletenessItem, i32)>,
}

#[allow(clippy::too_many_arguments)]
fn card_class(
    input: &mut CardInput,
    abc: Option<Abc>,
    was: Option<Abc>,
    cumulative_percent: Option<f64>,
    indicators: Indicators,
    config: &ClassConfig,
    parts: &Parts,
    months: f64,
) -> CardClass {
    let volume = match config.grade_basis {
        VolumeBasis::Amount => input.amount as f64,
        VolumeBasis::Quantity => input.quantity as f64,
    } / months.max(f64::MIN_POSITIVE);
    let monthly_volume = (volume * 10.0).round() / 10.0;
    let growth = growth_percent(input.amount, input.previous_amount);
    let value_score = value_score(&indicators, config);
    let tier = value_tier(value_score, &indicators, config);
    let kind_parts = match input.kind {
        CardKind::Individual => &parts.individual,
        CardKind::Organisation => &parts.organisation,
    };
    let (completeness, missing) = completeness_over(kind_parts, &input.filled);
    let reason = |kind: ReasonKind, figure: i64| Reason {
        kind,
        figure,
        severity: None,
    };
    let mut core_reasons = Vec::new();
    if abc == Some(Abc::A) {
        core_reasons.push(reason(ReasonKind::ClassA, input.amount));
    }
    if tier == ValueTier::High {
        core_reasons.push(reason(ReasonKind::HighValue, i64::from(value_score)));
    }
    let core = !core_reasons.is_empty();
    if core && growth.is_some_and(|g| g >= GROWING_PERCENT) {
        core_reasons.push(reason(ReasonKind::Growing, i64::from(growth.unwrap_or(0))));
    }
    let problems = problems(input, was, growth, &indicators, config);
    let problem = !problems.is_empty();
    CardClass {
        card_id: std::mem::take(&mut input.card_id),
        code: std::mem::take(&mut input.code),
        name: std::mem::take(&mut input.name),
        owner: std::mem::take(&mut input.owner),
        status: input.status,
        amount: input.amount,
        previous_amount: input.previous_amount,
        profit: input.profit.map(|(p, _)| p),
        margin_percent: input.profit.filter(|(_, on)| *on > 0).map(|(p, on)| {
            (p as f64 * 100.0 / on as f64)
                .round()
                .clamp(-1000.0, 1000.0) as i32
        }),
        profit_abc: None,
        cumulative_percent,
        abc,
        monthly_volume,
        grade: grade(&config.grades, volume),
        growth_percent: growth,
        indicators,
        value_score,
        value_tier: tier,
        loyalty: input.standing.loyalty,
        loyalty_hint: loyalty_hint(input.makers_in_a_category),
        outstanding: input.outstanding,
        overdue: input.overdue,
        completeness,
        missing,
        core,
        problem,
        reasons: core_reasons.into_iter().chain(problems).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::code_prefix;

    #[test]
    fn codes_in_order_of_their_first_bytes_then_whole_are_in_the_order_of_the_codes() {
        let codes = [
            "",
            "C",
            "C-1",
            "C-10",
            "C-000123",
            "C-0001234",
            "C-0001235",
            "AB",
            "AB\u{0}",
            "顧客-0001",
            "顧客-0002",
            "고객-1",
            "S-0000001",
            "S-00000010",
        ];
        for a in codes {
            for b in codes {
                let quick = code_prefix(a).cmp(&code_prefix(b)).then_with(|| a.cmp(b));
                assert_eq!(quick, a.cmp(b), "{a:?} against {b:?}");
            }
        }
    }
}

//! The classification's settings, kept in the ledger (so the CLI and the window classify alike)
//! as one JSON document under `ledger_meta.classification`.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{ClassifyError, FieldIssue};
use crate::text::MAX_NUMBER;

api_enum!(
    /// What the volume bands measure per month.
    VolumeBasis { Amount = "amount", Quantity = "quantity" }
);

/// One grade: monthly volume from `from` (included) up to `to` (excluded; none for the top band).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GradeBand {
    pub label: String,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub from: i64,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub to: Option<i64>,
}

/// Weights of the value indicators (any scale; only their ratios count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ValueWeights {
    /// Share of sales (computed).
    pub contribution: i32,
    /// How willingly they work with us (set by the rep).
    pub cooperation: i32,
    /// Credit rating or score (set by the rep).
    pub credit: i32,
    /// Purchases against the previous period (computed).
    pub growth: i32,
    /// How far their word carries (set by the rep).
    pub influence: i32,
    /// How long they have dealt with us, from the first deal (computed).
    pub tenure: i32,
    /// Loyalty, set by the rep or suggested by what they buy.
    pub loyalty: i32,
    /// How far they promote our brand (set by the rep; 003 브랜드 육성 능력). Weighed only when
    /// the manager gives it a weight, so that a ledger's classes stay as they were.
    pub brand_support: i32,
}

impl Default for ValueWeights {
    fn default() -> Self {
        ValueWeights {
            contribution: 25,
            cooperation: 10,
            credit: 15,
            growth: 20,
            influence: 10,
            tenure: 10,
            loyalty: 10,
            brand_support: 0,
        }
    }
}

/// How much each part of a card counts towards its completeness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CompletenessWeights {
    pub reading: i32,
    pub reach: i32,
    pub address: i32,
    pub industry: i32,
    pub owner: i32,
    pub key_persons: i32,
    pub decision_route: i32,
    pub credit: i32,
    pub profile: i32,
    pub payment_terms: i32,
}

impl Default for CompletenessWeights {
    fn default() -> Self {
        CompletenessWeights {
            reading: 5,
            reach: 10,
            address: 10,
            industry: 5,
            owner: 5,
            key_persons: 15,
            decision_route: 15,
            credit: 15,
            profile: 10,
            payment_terms: 10,
        }
    }
}

/// How often a customer should be visited, in days (none: no rule): by ABC class, by value
/// tier (high value, and potential value, which buys little or nothing yet), and for prospects.
/// A customer under several rules follows the most frequent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct VisitFrequency {
    pub a: Option<i32>,
    pub b: Option<i32>,
    pub c: Option<i32>,
    pub high_value: Option<i32>,
    pub potential_value: Option<i32>,
    pub prospect: Option<i32>,
}

impl Default for VisitFrequency {
    fn default() -> Self {
        VisitFrequency {
            a: Some(30),
            b: Some(90),
            c: Some(180),
            high_value: Some(45),
            potential_value: Some(60),
            prospect: Some(60),
        }
    }
}

api_enum!(
    /// The rule that makes a customer due a visit.
    VisitRule {
        ClassA = "class_a",
        ClassB = "class_b",
        ClassC = "class_c",
        HighValue = "high_value",
        PotentialValue = "potential_value",
        Prospect = "prospect"
    }
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ClassConfig {
    /// Class A: the customers making up the first `a_percent` of cumulative purchases.
    pub a_percent: i32,
    /// Class B: up to `b_percent`; the rest are C.
    pub b_percent: i32,
    pub grade_basis: VolumeBasis,
    /// Lowest band first; together they cover every volume from 0 without gaps or overlaps.
    pub grades: Vec<GradeBand>,
    /// The user's credit grades, best first; a bureau's score (0–100) on a card wins over its grade.
    pub credit_scale: Vec<String>,
    /// Credit below this score (0–100) puts a customer on the problem list.
    pub weak_credit_below: i32,
    pub weights: ValueWeights,
    /// A value score (0–100) from here is high value...
    pub high_value_from: i32,
    /// ...from here secondary; below it, potential when growth or influence reaches
    /// `potential_from`, else low value.
    pub secondary_from: i32,
    pub potential_from: i32,
    /// Purchases down this many percent against the previous period is a problem, for a
    /// customer who was class A or B in that period (a small customer's swings are noise).
    pub falling_percent: i32,
    /// Money overdue is a problem once the oldest unpaid invoice is this many days late...
    pub overdue_days_from: i32,
    /// ...or, when set, once this much is overdue, however recent.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub overdue_amount_from: Option<i64>,
    /// How many problem customers the dashboard names for this week (the most severe first).
    pub problem_list_size: i32,
    pub visit_every_days: VisitFrequency,
    pub completeness: CompletenessWeights,
}

impl Default for ClassConfig {
    fn default() -> Self {
        let band = |label: &str, from: i64, to: Option<i64>| GradeBand {
            label: label.to_owned(),
            from,
            to,
        };
        ClassConfig {
            a_percent: 70,
            b_percent: 90,
            grade_basis: VolumeBasis::Amount,
            grades: vec![
                band("D", 0, Some(20_000)),
                band("C", 20_000, Some(100_000)),
                band("B", 100_000, Some(300_000)),
                band("A", 300_000, None),
            ],
            credit_scale: ["A", "B", "C", "D", "E"].map(str::to_owned).to_vec(),
            weak_credit_below: 40,
            weights: ValueWeights::default(),
            high_value_from: 65,
            secondary_from: 45,
            potential_from: 65,
            falling_percent: 20,
            overdue_days_from: 30,
            overdue_amount_from: None,
            problem_list_size: 10,
            visit_every_days: VisitFrequency::default(),
            completeness: CompletenessWeights::default(),
        }
    }
}

/// Larger than any rule's days: no rule applies.
const NO_RULE: i32 = MAX_VISIT_DAYS + 1;

impl VisitFrequency {
    /// How often a customer of `abc` is to be visited, in days.
    pub fn days(&self, abc: super::Abc) -> Option<i32> {
        match abc {
            super::Abc::A => self.a,
            super::Abc::B => self.b,
            super::Abc::C => self.c,
        }
    }

    /// The most frequent rule a customer falls under, with its days.
    pub fn rule_for(
        &self,
        abc: Option<super::Abc>,
        tier: Option<super::ValueTier>,
        prospect: bool,
    ) -> Option<(VisitRule, i32)> {
        use super::{Abc, ValueTier};
        let by_class = abc.and_then(|a| {
            let rule = match a {
                Abc::A => VisitRule::ClassA,
                Abc::B => VisitRule::ClassB,
                Abc::C => VisitRule::ClassC,
            };
            self.days(a).map(|d| (rule, d))
        });
        let by_tier = match tier {
            Some(ValueTier::High) => self.high_value.map(|d| (VisitRule::HighValue, d)),
            Some(ValueTier::Potential) => {
                self.potential_value.map(|d| (VisitRule::PotentialValue, d))
            }
            _ => None,
        };
        let by_status = self
            .prospect
            .filter(|_| prospect)
            .map(|d| (VisitRule::Prospect, d));
        [by_class, by_tier, by_status]
            .into_iter()
            .flatten()
            .min_by_key(|(_, days)| *days)
    }

    /// SQL true for a card due a visit by these rules, over the card `c` and its classes `k`
    /// (left joined: a card never classified has none), with the values of its `?` in order.
    pub(crate) fn due_sql(
        &self,
        c: &str,
        k: &str,
        today: chrono::NaiveDate,
    ) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let days = |d: Option<i32>| d.map_or(Value::Null, |d| Value::Integer(i64::from(d)));
        let interval = format!(
            "min(coalesce(CASE {k}.abc WHEN 'a' THEN ? WHEN 'b' THEN ? WHEN 'c' THEN ? END, {NO_RULE}),
                 coalesce(CASE {k}.value_tier WHEN 'high' THEN ? WHEN 'potential' THEN ? END, {NO_RULE}),
                 coalesce(CASE WHEN {c}.status = 'prospect' THEN ? END, {NO_RULE}))"
        );
        let rule_values = [
            self.a,
            self.b,
            self.c,
            self.high_value,
            self.potential_value,
            self.prospect,
        ]
        .map(days);
        let sql = format!(
            "({interval} < {NO_RULE} AND ({c}.last_visit_at IS NULL
                OR {c}.last_visit_at < date(?, '-' || {interval} || ' days')))"
        );
        let mut values = rule_values.to_vec();
        values.push(Value::Text(today.format("%Y-%m-%d").to_string()));
        values.extend(rule_values);
        (sql, values)
    }
}

/// Longest visit interval a class may be given: ten years.
pub const MAX_VISIT_DAYS: i32 = 3650;
/// Most grade bands or credit grades.
pub const MAX_BANDS: usize = 20;

impl ClassConfig {
    /// Every rule checked, all problems at once; labels trimmed.
    pub fn validated(&self) -> Result<ClassConfig, ClassifyError> {
        let mut out = self.clone();
        let mut issues = Vec::new();
        let i = &mut issues;
        let percent = |field: &str, v: i32, i: &mut Vec<FieldIssue>| {
            if !(1..=100).contains(&v) {
                i.push(FieldIssue::with_limit(field, "out_of_range", 100));
            }
        };
        percent("a_percent", self.a_percent, i);
        percent("b_percent", self.b_percent, i);
        if self.a_percent >= self.b_percent {
            i.push(FieldIssue::new("b_percent", "out_of_order"));
        }
        check_bands(&mut out.grades, i);
        for g in out.credit_scale.iter_mut() {
            *g = g.trim().to_owned();
        }
        if out.credit_scale.is_empty() || out.credit_scale.len() > MAX_BANDS {
            i.push(FieldIssue::with_limit(
                "credit_scale",
                "count",
                MAX_BANDS as i32,
            ));
        }
        if out.credit_scale.iter().any(String::is_empty) {
            i.push(FieldIssue::new("credit_scale", "required"));
        }
        if has_duplicates(out.credit_scale.iter()) {
            i.push(FieldIssue::new("credit_scale", "duplicate"));
        }
        if !(0..=100).contains(&self.weak_credit_below) {
            i.push(FieldIssue::with_limit(
                "weak_credit_below",
                "out_of_range",
                100,
            ));
        }
        let w = &self.weights;
        let weights = [
            ("weights.contribution", w.contribution),
            ("weights.cooperation", w.cooperation),
            ("weights.credit", w.credit),
            ("weights.growth", w.growth),
            ("weights.influence", w.influence),
            ("weights.tenure", w.tenure),
            ("weights.loyalty", w.loyalty),
            ("weights.brand_support", w.brand_support),
        ];
        weights_ok(&weights, "weights", i);
        for (field, v) in [
            ("high_value_from", self.high_value_from),
            ("secondary_from", self.secondary_from),
            ("potential_from", self.potential_from),
            ("falling_percent", self.falling_percent),
        ] {
            percent(field, v, i);
        }
        if self.secondary_from >= self.high_value_from {
            i.push(FieldIssue::new("high_value_from", "out_of_order"));
        }
        if !(1..=365).contains(&self.overdue_days_from) {
            i.push(FieldIssue::with_limit(
                "overdue_days_from",
                "out_of_range",
                365,
            ));
        }
        if self.overdue_amount_from.is_some_and(|a| a <= 0) {
            i.push(FieldIssue::new("overdue_amount_from", "negative"));
        }
        if !(1..=100).contains(&self.problem_list_size) {
            i.push(FieldIssue::with_limit(
                "problem_list_size",
                "out_of_range",
                100,
            ));
        }
        let v = &self.visit_every_days;
        for (field, days) in [
            ("visit_every_days.a", v.a),
            ("visit_every_days.b", v.b),
            ("visit_every_days.c", v.c),
            ("visit_every_days.high_value", v.high_value),
            ("visit_every_days.potential_value", v.potential_value),
            ("visit_every_days.prospect", v.prospect),
        ] {
            if days.is_some_and(|d| !(1..=MAX_VISIT_DAYS).contains(&d)) {
                i.push(FieldIssue::with_limit(
                    field,
                    "out_of_range",
                    MAX_VISIT_DAYS,
                ));
            }
        }
        let c = &self.completeness;
        let parts = [
            ("completeness.reading", c.reading),
            ("completeness.reach", c.reach),
            ("completeness.address", c.address),
            ("completeness.industry", c.industry),
            ("completeness.owner", c.owner),
            ("completeness.key_persons", c.key_persons),
            ("completeness.decision_route", c.decision_route),
            ("completeness.credit", c.credit),
            ("completeness.profile", c.profile),
            ("completeness.payment_terms", c.payment_terms),
        ];
        weights_ok(&parts, "completeness", i);
        if issues.is_empty() {
            Ok(out)
        } else {
            Err(ClassifyError::Invalid(issues))
        }
    }
}

/// Weights are 0..=1000 and not all zero.
fn weights_ok(weights: &[(&str, i32)], group: &str, i: &mut Vec<FieldIssue>) {
    for (field, v) in weights {
        if *v < 0 {
            i.push(FieldIssue::new(*field, "negative"));
        } else if *v > 1000 {
            i.push(FieldIssue::with_limit(*field, "out_of_range", 1000));
        }
    }
    if weights.iter().all(|(_, v)| *v <= 0) {
        i.push(FieldIssue::new(group, "all_zero"));
    }
}

fn has_duplicates<'a>(items: impl Iterator<Item = &'a String>) -> bool {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().any(|s| !seen.insert(s.as_str()))
}

/// Bands start at 0, each starts where the one below ends, only the top one is open.
fn check_bands(bands: &mut [GradeBand], i: &mut Vec<FieldIssue>) {
    for b in bands.iter_mut() {
        b.label = b.label.trim().to_owned();
    }
    if bands.is_empty() || bands.len() > MAX_BANDS {
        i.push(FieldIssue::with_limit("grades", "count", MAX_BANDS as i32));
        return;
    }
    if bands.iter().any(|b| b.label.is_empty()) {
        i.push(FieldIssue::new("grades", "required"));
    }
    if has_duplicates(bands.iter().map(|b| &b.label)) {
        i.push(FieldIssue::new("grades", "duplicate"));
    }
    if bands[0].from != 0 {
        i.push(FieldIssue::new("grades", "gap"));
    }
    for (n, b) in bands.iter().enumerate() {
        let last = n + 1 == bands.len();
        match b.to {
            None if !last => i.push(FieldIssue::new("grades", "overlap")),
            Some(_) if last => i.push(FieldIssue::new("grades", "gap")),
            Some(to) if to <= b.from || to > MAX_NUMBER => {
                i.push(FieldIssue::new("grades", "out_of_order"))
            }
            _ => {}
        }
        if let Some(next) = bands.get(n + 1) {
            match b.to {
                Some(to) if next.from > to => i.push(FieldIssue::new("grades", "gap")),
                Some(to) if next.from < to => i.push(FieldIssue::new("grades", "overlap")),
                _ => {}
            }
        }
    }
    i.dedup();
}

const KEY: &str = "classification";

pub fn load(conn: &Connection) -> Result<ClassConfig, ClassifyError> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM ledger_meta WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    // A document this Daicho cannot read (hand-edited) falls back to the defaults.
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default())
}

pub fn save(conn: &Connection, config: &ClassConfig) -> Result<ClassConfig, ClassifyError> {
    let config = config.validated()?;
    let text = serde_json::to_string(&config)
        .map_err(|_| ClassifyError::Invalid(vec![FieldIssue::new(KEY, "invalid")]))?;
    conn.prepare_cached(
        "INSERT INTO ledger_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
    )?
    .execute(params![KEY, text])?;
    Ok(config)
}

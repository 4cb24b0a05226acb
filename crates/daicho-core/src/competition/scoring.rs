//! Weighted totals of a comparison and conversion between the 5- and 10-point scales.

use super::model::{
    Assessment, AssessmentChanges, Criterion, ProductScores, ProductTotal, ScoreChanges,
    TotalChange,
};

/// Each product's weighted average over the criteria it was scored on, and that as a percentage
/// of the scale's best. A product scored on nothing totals 0.
pub fn totals(criteria: &[Criterion], scores: &[ProductScores], scale: i32) -> Vec<ProductTotal> {
    scores
        .iter()
        .map(|product| {
            let (mut sum, mut weights) = (0.0, 0.0);
            for (criterion, score) in criteria.iter().zip(&product.scores) {
                if let Some(score) = score {
                    sum += criterion.weight * f64::from(*score);
                    weights += criterion.weight;
                }
            }
            let weighted = if weights > 0.0 { sum / weights } else { 0.0 };
            let complete = product.scores.len() == criteria.len()
                && product.scores.iter().all(Option::is_some);
            ProductTotal {
                product_id: product.product_id.clone(),
                weighted: round2(weighted),
                percent: round2(weighted / f64::from(scale) * 100.0),
                complete,
            }
        })
        .collect()
}

/// A score moved to another scale: 5 → 10 doubles (1 → 2, 5 → 10); 10 → 5 halves, rounding
/// half up (1 → 1, 7 → 4, 10 → 5). Going there and back keeps a 5-point score.
pub fn convert(score: i32, from: i32, to: i32) -> i32 {
    match (from, to) {
        (5, 10) => score * 2,
        (10, 5) => (score + 1) / 2,
        _ => score,
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The assessment moved to scale `to`, every score converted.
pub fn rescale(fields: &super::model::AssessmentFields, to: i32) -> super::model::AssessmentFields {
    let mut out = fields.clone();
    for product in &mut out.scores {
        for score in product.scores.iter_mut().flatten() {
            *score = convert(*score, fields.scale, to);
        }
    }
    out.scale = to;
    out
}

/// How `now` moved since `before`. Criteria are matched by name (they may have been renamed,
/// added or moved in between); an earlier score on the other scale is first converted as
/// [`rescale`] would (10 → 5 rounds half up), so the change is what the rep sees on this scale.
pub fn changes(now: &Assessment, before: &Assessment) -> AssessmentChanges {
    let earlier = |product_id: &str, criterion: &str| -> Option<i32> {
        let at = before
            .fields
            .criteria
            .iter()
            .position(|c| c.name == criterion)?;
        let row = before
            .fields
            .scores
            .iter()
            .find(|s| s.product_id == product_id)?;
        let score = (*row.scores.get(at)?)?;
        Some(convert(score, before.fields.scale, now.fields.scale))
    };
    let scores = now
        .fields
        .scores
        .iter()
        .map(|row| ScoreChanges {
            product_id: row.product_id.clone(),
            changes: now
                .fields
                .criteria
                .iter()
                .zip(&row.scores)
                .map(|(criterion, score)| {
                    Some(score.as_ref()? - earlier(&row.product_id, &criterion.name)?)
                })
                .collect(),
        })
        .collect();
    let totals = now
        .totals
        .iter()
        .map(|total| TotalChange {
            product_id: total.product_id.clone(),
            points: before
                .totals
                .iter()
                .find(|t| t.product_id == total.product_id)
                .map(|t| ((total.percent - t.percent) * 10.0).round() / 10.0),
        })
        .collect();
    AssessmentChanges { scores, totals }
}

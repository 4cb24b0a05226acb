//! Validation of competitors, products, sheets, assessments, products in use and case studies:
//! every field checked, all problems at once, values normalised.

use std::collections::HashSet;

use crate::error::FieldIssue;
use crate::text::{date, line, multiline, non_negative, normalize, required_line};

use super::model::{
    AssessmentFields, CardProductFields, CaseStudyFields, CompetitorFields, Criterion,
    ProductFields, ProductScores, VersusText,
};

fn done<T>(value: T, issues: Vec<FieldIssue>) -> Result<T, Vec<FieldIssue>> {
    if issues.is_empty() {
        Ok(value)
    } else {
        Err(issues)
    }
}

pub fn competitor(input: &CompetitorFields) -> Result<CompetitorFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let out = CompetitorFields {
        name: required_line("name", &input.name, i),
        reading: line("reading", &input.reading, i),
        website: line("website", &input.website, i),
        strengths: multiline("strengths", &input.strengths, i),
        weaknesses: multiline("weaknesses", &input.weaknesses, i),
        notes: multiline("notes", &input.notes, i),
    };
    done(out, issues)
}

pub fn product(input: &ProductFields) -> Result<ProductFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let out = ProductFields {
        competitor_id: input.competitor_id.clone().filter(|c| !c.trim().is_empty()),
        name: required_line("name", &input.name, i),
        category: line("category", &input.category, i),
        price_min: non_negative("price_min", input.price_min, i),
        price_max: non_negative("price_max", input.price_max, i),
        unit_cost: non_negative("unit_cost", input.unit_cost, i),
        features: multiline("features", &input.features, i),
        selling_points: multiline("selling_points", &input.selling_points, i),
        notes: multiline("notes", &input.notes, i),
    };
    if out.unit_cost.is_some() && out.competitor_id.is_some() {
        i.push(FieldIssue::new("unit_cost", "ours_only"));
    }
    if let (Some(min), Some(max)) = (out.price_min, out.price_max) {
        if min > max {
            i.push(FieldIssue::new("price_max", "below_min"));
        }
    }
    done(out, issues)
}

/// Most criteria on one sheet.
pub const MAX_CRITERIA: usize = 30;

/// `products`: the sheet's products (ours first); every score must belong to one of them.
pub fn assessment(
    input: &AssessmentFields,
    products: &[crate::ids::ProductId],
) -> Result<AssessmentFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let assessed_on = required_date("assessed_on", &input.assessed_on, i);
    if input.scale != 5 && input.scale != 10 {
        i.push(FieldIssue::new("scale", "invalid_scale"));
    }
    let criteria = criteria(&input.criteria, i);
    let mut seen = HashSet::new();
    let mut scores = Vec::new();
    for product in &input.scores {
        if !products.contains(&product.product_id) {
            i.push(FieldIssue::new("scores", "unknown_product"));
            continue;
        }
        if !seen.insert(product.product_id.clone()) {
            continue;
        }
        let mut row: Vec<Option<i32>> = product.scores.clone();
        row.resize(criteria.len(), None);
        for (n, score) in row.iter().enumerate() {
            if let Some(score) = score {
                if !(1..=input.scale).contains(score) {
                    i.push(FieldIssue::with_limit(
                        format!("scores.{}.{n}", product.product_id),
                        "out_of_scale",
                        input.scale,
                    ));
                }
            }
        }
        scores.push(ProductScores {
            product_id: product.product_id.clone(),
            scores: row,
        });
    }
    let texts = input
        .texts
        .iter()
        .filter(|t| products.iter().skip(1).any(|p| *p == t.product_id))
        .map(|t| VersusText {
            product_id: t.product_id.clone(),
            strengths: multiline(
                &format!("texts.{}.strengths", t.product_id),
                &t.strengths,
                i,
            ),
            weaknesses: multiline(
                &format!("texts.{}.weaknesses", t.product_id),
                &t.weaknesses,
                i,
            ),
        })
        .collect();
    let out = AssessmentFields {
        assessed_on,
        scale: input.scale,
        criteria,
        scores,
        texts,
    };
    done(out, issues)
}

fn criteria(input: &[Criterion], i: &mut Vec<FieldIssue>) -> Vec<Criterion> {
    if input.is_empty() {
        i.push(FieldIssue::new("criteria", "required"));
    }
    if input.len() > MAX_CRITERIA {
        i.push(FieldIssue::with_limit(
            "criteria",
            "too_many",
            MAX_CRITERIA as i32,
        ));
    }
    let mut names = HashSet::new();
    let mut out = Vec::new();
    for (n, criterion) in input.iter().enumerate() {
        let name = required_line(&format!("criteria.{n}.name"), &criterion.name, i);
        if !name.is_empty() && !names.insert(normalize(&name)) {
            i.push(FieldIssue::new(format!("criteria.{n}.name"), "duplicate"));
        }
        if !criterion.weight.is_finite() || criterion.weight < 0.0 {
            i.push(FieldIssue::new(format!("criteria.{n}.weight"), "negative"));
        }
        out.push(Criterion {
            name,
            weight: criterion.weight,
        });
    }
    if !input.is_empty() && input.iter().all(|c| c.weight == 0.0) {
        i.push(FieldIssue::new("criteria", "all_zero"));
    }
    out
}

pub fn card_product(input: &CardProductFields) -> Result<CardProductFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    if input.product_id.trim().is_empty() {
        i.push(FieldIssue::new("product_id", "required"));
    }
    if let Some(s) = input.satisfaction {
        if !(1..=5).contains(&s) {
            i.push(FieldIssue::with_limit("satisfaction", "out_of_range", 5));
        }
    }
    let out = CardProductFields {
        product_id: input.product_id.trim().into(),
        since: date("since", &input.since, i),
        volume: non_negative("volume", input.volume, i),
        satisfaction: input.satisfaction,
        renewal_on: date("renewal_on", &input.renewal_on, i),
        notes: multiline("notes", &input.notes, i),
    };
    done(out, issues)
}

pub fn case_study(input: &CaseStudyFields) -> Result<CaseStudyFields, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let out = CaseStudyFields {
        title: required_line("title", &input.title, i),
        card_id: input.card_id.clone().filter(|c| !c.trim().is_empty()),
        customer_label: line("customer_label", &input.customer_label, i),
        industry: line("industry", &input.industry, i),
        employees: non_negative("employees", input.employees, i),
        product_id: input.product_id.clone().filter(|p| !p.trim().is_empty()),
        problem: multiline("problem", &input.problem, i),
        introduced: multiline("introduced", &input.introduced, i),
        effect: multiline("effect", &input.effect, i),
        dated_on: required_date("dated_on", &input.dated_on, i),
        shareable: input.shareable,
    };
    if out.card_id.is_none() && out.customer_label.is_empty() {
        i.push(FieldIssue::new("customer_label", "required"));
    }
    done(out, issues)
}

fn required_date(field: &str, value: &str, i: &mut Vec<FieldIssue>) -> String {
    if value.trim().is_empty() {
        i.push(FieldIssue::new(field, "required"));
        return String::new();
    }
    date(field, &Some(value.to_owned()), i).unwrap_or_default()
}

//! Validation of transactions and collection plans: every field, all problems at once.

use crate::error::FieldIssue;
use crate::text::{date, line, multiline, MAX_NUMBER};

use super::model::{CollectionPlan, TransactionFields, TransactionKind};

fn done<T>(value: T, issues: Vec<FieldIssue>) -> Result<T, Vec<FieldIssue>> {
    if issues.is_empty() {
        Ok(value)
    } else {
        Err(issues)
    }
}

fn amount(field: &str, value: i64, issues: &mut Vec<FieldIssue>) -> i64 {
    if value < 0 {
        issues.push(FieldIssue::new(field, "negative"));
    } else if value > MAX_NUMBER {
        issues.push(FieldIssue::new(field, "too_large"));
    }
    value
}

/// `product`: the chosen product's name, which stands in for an empty item, and its unit cost,
/// which gives an empty cost.
pub fn transaction(
    input: &TransactionFields,
    product: Option<(&str, Option<i64>)>,
) -> Result<TransactionFields, Vec<FieldIssue>> {
    let product_name = product.map(|p| p.0);
    let mut issues = Vec::new();
    let i = &mut issues;
    let dated_on = date("dated_on", &Some(input.dated_on.clone()), i);
    if input.dated_on.trim().is_empty() {
        i.push(FieldIssue::new("dated_on", "required"));
    }
    let mut item = line("item", &input.item, i);
    if item.is_empty() {
        match product_name {
            Some(name) => item = name.to_owned(),
            None => i.push(FieldIssue::new("item", "required")),
        }
    }
    let quantity = amount("quantity", input.quantity, i);
    if quantity == 0 {
        i.push(FieldIssue::new("quantity", "not_positive"));
    }
    let unit_price = amount("unit_price", input.unit_price, i);
    let computed = quantity.checked_mul(unit_price);
    let total = match input.amount {
        Some(a) => amount("amount", a, i),
        None => match computed {
            Some(a) if a <= MAX_NUMBER => a,
            _ => {
                i.push(FieldIssue::new("amount", "too_large"));
                0
            }
        },
    };
    let cost = match input.cost {
        Some(c) => Some(amount("cost", c, i)),
        None => product
            .and_then(|p| p.1)
            .and_then(|unit| unit.checked_mul(quantity))
            .filter(|c| *c <= MAX_NUMBER),
    };
    let sale = input.kind == TransactionKind::Sale;
    // A return pays nothing back through here: it lowers the purchases, it is not an invoice.
    let paid_amount = if sale {
        amount("paid_amount", input.paid_amount, i)
    } else {
        0
    };
    let due_on = if sale {
        date("due_on", &input.due_on, i)
    } else {
        None
    };
    let paid_on = if sale {
        date("paid_on", &input.paid_on, i)
    } else {
        None
    };
    if paid_amount > total {
        i.push(FieldIssue::new("paid_amount", "paid_over_due"));
    }
    if paid_amount > 0 && paid_on.is_none() {
        i.push(FieldIssue::new("paid_on", "required"));
    }
    if paid_on.is_some() && paid_amount == 0 {
        i.push(FieldIssue::new("paid_amount", "required"));
    }
    if let (Some(due), Some(on)) = (&due_on, &dated_on) {
        if due < on {
            i.push(FieldIssue::new("due_on", "before_date"));
        }
    }
    let out = TransactionFields {
        kind: input.kind,
        dated_on: dated_on.unwrap_or_default(),
        product_id: input.product_id.clone().filter(|p| !p.trim().is_empty()),
        item,
        quantity,
        unit_price,
        amount: Some(total),
        cost,
        invoice_no: line("invoice_no", &input.invoice_no, i),
        due_on,
        paid_amount,
        paid_on,
        notes: multiline("notes", &input.notes, i),
    };
    done(out, issues)
}

pub fn plan(input: &CollectionPlan) -> Result<CollectionPlan, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let i = &mut issues;
    let chase_on = date("chase_on", &Some(input.chase_on.clone()), i);
    if input.chase_on.trim().is_empty() {
        i.push(FieldIssue::new("chase_on", "required"));
    }
    let out = CollectionPlan {
        chase_on: chase_on.unwrap_or_default(),
        person: line("person", &input.person, i),
        note: multiline("note", &input.note, i),
    };
    done(out, issues)
}

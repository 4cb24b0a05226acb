//! What a bundle brings is checked as if the rep had typed it: every card, key person, contact,
//! note and transaction a take-over adds goes through the window's own validation, inside the
//! take-over's transaction, so that one refused value takes nothing over. A 2 MiB name, control
//! characters or a sale of four trillion from an altered file never reach the ledger.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use crate::error::{FieldIssue, HandoverError};

fn refused(code: &str, issues: &[FieldIssue]) -> HandoverError {
    let issue = issues.first();
    HandoverError::Refused {
        code: code.to_owned(),
        field: issue.map(|i| i.field.clone()).unwrap_or_default(),
        rule: issue.map(|i| i.rule.clone()).unwrap_or_default(),
    }
}

/// Checks every row now on the cards `card_ids` (the cards a take-over added or merged into).
pub(super) fn rows(
    conn: &Connection,
    card_ids: &[crate::ids::CardId],
    today: NaiveDate,
) -> Result<(), HandoverError> {
    for id in card_ids {
        // A row that cannot even be read as a card (a value no Daicho writes) is refused too.
        let unreadable = |what: &str| refused(id, &[FieldIssue::new(what, "invalid")]);
        let card = crate::card::store::load(conn, id).map_err(|_| unreadable("card"))?;
        let code = card.fields.code.as_str();
        crate::card::validate::card(&card.fields).map_err(|i| refused(code, &i))?;
        for person in &card.key_persons {
            crate::card::validate::key_person(&person.fields).map_err(|i| refused(code, &i))?;
        }
        let people: Vec<crate::ids::KeyPersonId> =
            card.key_persons.iter().map(|p| p.id.clone()).collect();
        let contacts =
            crate::contact::store::for_card(conn, id).map_err(|_| unreadable("contacts"))?;
        for contact in &contacts {
            crate::contact::validate::contact(&contact.fields, &people)
                .map_err(|i| refused(code, &i))?;
        }
        let notes = crate::notes::store::for_card(conn, id).map_err(|_| unreadable("notes"))?;
        for note in &notes {
            crate::notes::validate::note(&note.fields).map_err(|i| refused(code, &i))?;
        }
        let sales = crate::sales::store::for_card(conn, id, today)
            .map_err(|_| unreadable("transactions"))?;
        for sale in &sales {
            let product: Option<String> = match &sale.fields.product_id {
                Some(product) => conn
                    .prepare_cached("SELECT name FROM products WHERE id = ?1")?
                    .query_row([product], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            crate::sales::check_transaction(&sale.fields, product.as_deref())
                .map_err(|i| refused(code, &i))?;
            // The payments add up to what the sale says was paid, and each reads as typed.
            let payments = crate::sales::payments::for_sale(conn, &sale.id)
                .map_err(|_| unreadable("payments"))?;
            if payments.iter().map(|p| p.fields.amount).sum::<i64>() != sale.fields.paid_amount {
                return Err(refused(code, &[FieldIssue::new("payments", "invalid")]));
            }
            for p in &payments {
                let mut issues = Vec::new();
                crate::text::line("payment.method", &p.fields.method, &mut issues);
                crate::text::line("payment.note", &p.fields.note, &mut issues);
                if !issues.is_empty() {
                    return Err(refused(code, &issues));
                }
            }
        }
        // A payment belongs to its sale's card: the handed-over guards go by it.
        let astray: i64 = conn
            .prepare_cached(
                "SELECT count(*) FROM payments p JOIN transactions t ON t.id = p.transaction_id
                 WHERE t.card_id = ?1 AND p.card_id <> t.card_id",
            )?
            .query_row([id], |r| r.get(0))?;
        if astray > 0 {
            return Err(refused(code, &[FieldIssue::new("payments", "invalid")]));
        }
        let notes: Vec<String> = conn
            .prepare_cached("SELECT note FROM card_links WHERE card_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|_| unreadable("card_links"))?;
        for note in notes {
            let mut issues = Vec::new();
            crate::text::line("link.note", &note, &mut issues);
            if !issues.is_empty() {
                return Err(refused(code, &issues));
            }
        }
        if !super::fields::values_fit(conn, id).map_err(|_| unreadable("custom_fields"))? {
            return Err(refused(
                code,
                &[FieldIssue::new("custom_fields", "invalid")],
            ));
        }
    }
    Ok(())
}

//! Large ledgers of realistic customers for benchmarks of search, opening a card and import:
//! the demo's cards of four markets (names with readings, addresses, phones, e-mail, tags, a key
//! person) and their contacts, written straight into the tables in one transaction. The search
//! index follows through its triggers, as it does for every other write.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::params;

use super::{contact, individual, key_person, organisation, pick, MARKETS};
use crate::card::store::{new_id, search_text, sort_key};
use crate::card::CardFields;
use crate::Ledger;

const STAMP: &str = "2024-01-01T00:00:00.000Z";

/// Adds `cards` customers and `contacts` contacts over the year before `today`; contacts follow
/// a heavy tail (a few customers have hundreds) and are written oldest first, as they are
/// entered. Returns the cards' ids in order.
pub fn customers(
    ledger: &mut Ledger,
    cards: u32,
    contacts: u32,
    seed: u64,
    today: NaiveDate,
) -> rusqlite::Result<Vec<String>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let tx = ledger.transaction()?;
    // Contacts go to random cards: their card index is built once, after them, too.
    let ids = crate::db::set_aside::in_bulk(&tx, &["contacts_card_at"], || {
        write_customers(&tx, &mut rng, cards, contacts, today)
    })?;
    tx.commit()?;
    Ok(ids)
}

/// The cards, key persons and contacts of [`customers`], in its transaction.
fn write_customers(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut ChaCha8Rng,
    cards: u32,
    contacts: u32,
    today: NaiveDate,
) -> rusqlite::Result<Vec<String>> {
    let mut ids = Vec::with_capacity(cards as usize);
    let mut weights = Vec::with_capacity(cards as usize);
    {
        let mut card = tx.prepare(
            "INSERT INTO cards (id, code, kind, status, name, reading, honorific, owner, industry,
                postal_code, region, city, street, phones, email, website, organisation, individual,
                sort_key, search_text, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                ?19, ?20, ?21, ?21)",
        )?;
        let mut tag = tx.prepare("INSERT INTO card_tags (card_id, tag) VALUES (?1, ?2)")?;
        let mut person = tx.prepare(
            "INSERT INTO key_persons (id, card_id, position, name, reading, department, title, role,
                phone, created_at, updated_at)
             VALUES (?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        for n in 0..cards {
            let m = MARKETS[n as usize % MARKETS.len()];
            let owner = *pick(rng, m.owners);
            let mut fields: CardFields = if rng.random_bool(0.7) {
                organisation(rng, m, owner)
            } else {
                individual(rng, m, owner)
            };
            fields.code = format!("S-{n:07}");
            let id = new_id();
            card.execute(params![
                id,
                fields.code,
                fields.kind.as_str(),
                fields.status.as_str(),
                fields.name,
                fields.reading,
                fields.honorific,
                fields.owner,
                fields.industry,
                fields.postal_code,
                fields.region,
                fields.city,
                fields.street,
                json(&fields.phones),
                fields.email,
                fields.website,
                fields.organisation.as_ref().map(json),
                fields.individual.as_ref().map(json),
                sort_key(&fields),
                search_text(&fields, &[]),
                STAMP,
            ])?;
            for t in &fields.tags {
                tag.execute(params![id, t])?;
            }
            if fields.organisation.is_some() {
                let p = key_person(rng, m);
                person.execute(params![
                    new_id(),
                    id,
                    p.name,
                    p.reading,
                    p.department,
                    p.title,
                    p.role.map(|r| r.as_str()),
                    p.phone,
                    STAMP,
                ])?;
            }
            let u: f64 = rng.random_range(0.0..0.999);
            weights.push((1.0 - u).powf(-1.0 / 1.16));
            ids.push(id);
        }
    }
    if !ids.is_empty() {
        write_contacts(tx, rng, &ids, &weights, contacts, today)?;
        // The columns the contacts keep in step on the card (contact::store does it per write).
        crate::contact::store::refresh_all_last_contacts(tx)?;
    }
    Ok(ids)
}

fn write_contacts(
    tx: &rusqlite::Transaction<'_>,
    rng: &mut ChaCha8Rng,
    ids: &[String],
    weights: &[f64],
    count: u32,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut running = 0.0;
    for w in weights {
        running += w / total;
        cumulative.push(running);
    }
    // (minutes before the end of today, card): sorted so that the oldest are written first.
    let mut plan: Vec<(u32, u32)> = (0..count)
        .map(|_| {
            let at: f64 = rng.random_range(0.0..1.0);
            let card = cumulative.partition_point(|c| *c < at).min(ids.len() - 1);
            (rng.random_range(0..365 * 24 * 60), card as u32)
        })
        .collect();
    plan.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
    let end: NaiveDateTime = today.and_hms_opt(23, 59, 0).unwrap_or_default();
    let mut insert = tx.prepare(
        "INSERT INTO contacts (id, card_id, kind, at, rep, purpose, content, outcome, next_action,
            next_action_due, next_action_done_at, complaint, complaint_state, negotiation,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?;
    for (minutes, card) in plan {
        let m = MARKETS[card as usize % MARKETS.len()];
        let at = end - Duration::minutes(i64::from(minutes));
        let rep = *pick(rng, m.owners);
        // A benchmark ledger keeps yen, as the demo of four markets does.
        let mut c = contact(rng, m, rep, &[], at, end, 0);
        if c.content.is_empty() {
            c.content = format!("{} {}", c.purpose, pick(rng, m.outcomes));
        }
        insert.execute(params![
            new_id(),
            ids[card as usize],
            c.kind.as_str(),
            c.at,
            c.rep,
            c.purpose,
            c.content,
            c.outcome,
            c.next_action,
            c.next_action_due,
            c.next_action_done_at,
            c.complaint.as_ref().map(json),
            c.complaint
                .as_ref()
                .and_then(|v| v.state)
                .map(|s| s.as_str()),
            c.negotiation.as_ref().map(json),
            STAMP,
        ])?;
    }
    Ok(())
}

/// JSON text of a value, as the stores write it.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The demo's customers of four markets, one by one, for lists to import in benchmarks.
pub fn each_customer(count: u32, seed: u64, mut f: impl FnMut(CardFields)) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for n in 0..count {
        let m = MARKETS[n as usize % MARKETS.len()];
        let owner = *pick(&mut rng, m.owners);
        let mut fields = if rng.random_bool(0.7) {
            organisation(&mut rng, m, owner)
        } else {
            individual(&mut rng, m, owner)
        };
        fields.code = format!("L-{n:07}");
        f(fields);
    }
}

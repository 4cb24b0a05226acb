//! Cross-selling and up-selling hints (002 クロスセリング, アップセリング): our products that
//! customers like this one (the same industry) use or buy and this one does not yet, and, in a
//! category where they use one of ours, the next of ours up in price. Read from products in use
//! and two years of sales, over at most [`MAX_PEERS`] such customers so that a card opens fast
//! in a ledger of any size.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::model::Product;
use super::store::{product_row, PRODUCT};

api_enum!(
    /// What a hint proposes.
    HintKind { CrossSell = "cross_sell", UpSell = "up_sell" }
);

/// One product of ours to propose to the customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProductHint {
    pub kind: HintKind,
    pub product: Product,
    /// Customers like this one who use or buy it...
    pub peers_using: u32,
    /// ...of this many customers like this one.
    pub peers: u32,
    /// For an up-sell: the product of ours they have now in that category.
    pub instead_of: String,
}

/// Customers compared with at most: the most recently changed of the same industry.
pub const MAX_PEERS: u32 = 1000;
/// A product is proposed once this share of the peers use it...
const CROSS_SHARE: f64 = 0.25;
/// ...and at least this many of them.
const FEWEST_USING: u32 = 3;
/// Hints shown of each kind.
const SHOWN: usize = 3;

/// Our products a customer uses: in use on the card, or bought in the last two years.
fn ours_used(conn: &Connection, card_id: &str, since: &str) -> rusqlite::Result<HashSet<String>> {
    conn.prepare_cached(
        "SELECT cp.product_id FROM card_products cp JOIN products p ON p.id = cp.product_id
         WHERE cp.card_id = ?1 AND p.competitor_id IS NULL
         UNION
         SELECT t.product_id FROM transactions t INDEXED BY transactions_card
            JOIN products p ON p.id = t.product_id
         WHERE t.card_id = ?1 AND t.dated_on >= ?2 AND t.kind = 'sale' AND p.competitor_id IS NULL",
    )?
    .query_map(params![card_id, since], |r| r.get(0))?
    .collect()
}

/// The hints for the card, cross-sells first.
pub fn for_card(
    conn: &Connection,
    card_id: &str,
    today: NaiveDate,
) -> rusqlite::Result<Vec<ProductHint>> {
    let since = (today - chrono::Duration::days(730))
        .format("%Y-%m-%d")
        .to_string();
    let catalogue: Vec<Product> = conn
        .prepare_cached(&format!(
            "SELECT {PRODUCT} FROM products p WHERE p.competitor_id IS NULL ORDER BY p.category, p.name"
        ))?
        .query_map([], product_row)?
        .collect::<rusqlite::Result<_>>()?;
    if catalogue.is_empty() {
        return Ok(Vec::new());
    }
    let industry: String = conn
        .prepare_cached("SELECT industry FROM cards WHERE id = ?1")?
        .query_row([card_id], |r| r.get(0))?;
    let used = ours_used(conn, card_id, &since)?;
    // Customers of the same industry (any, when the card names none) that buy from us.
    let peers: Vec<String> = conn
        .prepare_cached(
            "SELECT id FROM cards WHERE deleted_at IS NULL AND id <> ?1 AND status IN ('active', 'dormant')
               AND (?2 = '' OR industry = ?2)
             ORDER BY updated_at DESC LIMIT ?3",
        )?
        .query_map(params![card_id, industry, MAX_PEERS], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut using: HashMap<String, u32> = HashMap::new();
    for peer in &peers {
        for product in ours_used(conn, peer, &since)? {
            *using.entry(product).or_default() += 1;
        }
    }
    let peers_count = peers.len() as u32;
    let mut cross: Vec<ProductHint> = catalogue
        .iter()
        .filter(|p| !used.contains(p.id.as_str()))
        .filter_map(|p| {
            let n = using.get(p.id.as_str()).copied().unwrap_or(0);
            (n >= FEWEST_USING && f64::from(n) >= f64::from(peers_count) * CROSS_SHARE).then(|| {
                ProductHint {
                    kind: HintKind::CrossSell,
                    product: p.clone(),
                    peers_using: n,
                    peers: peers_count,
                    instead_of: String::new(),
                }
            })
        })
        .collect();
    cross.sort_by_key(|h| std::cmp::Reverse(h.peers_using));
    cross.truncate(SHOWN);
    let mut hints = cross;
    hints.extend(up_sells(&catalogue, &used, &using, peers_count));
    Ok(hints)
}

/// A product's price for comparing: its lowest list price, else its highest.
fn price(p: &Product) -> Option<i64> {
    p.fields.price_min.or(p.fields.price_max)
}

/// In each category where the customer has one of ours, the cheapest of ours priced above the
/// dearest they have.
fn up_sells(
    catalogue: &[Product],
    used: &HashSet<String>,
    using: &HashMap<String, u32>,
    peers: u32,
) -> Vec<ProductHint> {
    let mut hints = Vec::new();
    let categories: HashSet<&str> = catalogue
        .iter()
        .filter(|p| used.contains(p.id.as_str()) && !p.fields.category.is_empty())
        .map(|p| p.fields.category.as_str())
        .collect();
    let mut categories: Vec<&str> = categories.into_iter().collect();
    categories.sort_unstable();
    for category in categories {
        let in_category = || {
            catalogue
                .iter()
                .filter(move |p| p.fields.category == category)
        };
        let Some(have) = in_category()
            .filter(|p| used.contains(p.id.as_str()))
            .filter_map(|p| price(p).map(|price| (price, p)))
            .max_by_key(|(price, _)| *price)
        else {
            continue;
        };
        let next = in_category()
            .filter(|p| !used.contains(p.id.as_str()))
            .filter_map(|p| price(p).map(|price| (price, p)))
            .filter(|(price, _)| *price > have.0)
            .min_by_key(|(price, _)| *price);
        if let Some((_, up)) = next {
            hints.push(ProductHint {
                kind: HintKind::UpSell,
                product: up.clone(),
                peers_using: using.get(up.id.as_str()).copied().unwrap_or(0),
                peers,
                instead_of: have.1.fields.name.clone(),
            });
        }
    }
    hints.truncate(SHOWN);
    hints
}

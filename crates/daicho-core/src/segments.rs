//! The Dashboard's breakdowns of the period's sales (000 ⑤: adjust the reps' routes from the
//! cards; 003 관리 지역 and the segmentation by 업태 and 규모): by territory, by route, by industry
//! and by size, each with its customers, how many of them bought, and what they bought.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::classify::Classification;

api_enum!(
    /// A customer's size by its staff: an individual, or an organisation's employees.
    SizeBand {
        Individual = "individual",
        Micro = "micro",
        Small = "small",
        Medium = "medium",
        Large = "large",
        Unknown = "unknown",
    }
);

impl SizeBand {
    /// Fewer than 10 employees, fewer than 50, fewer than 300, or more.
    pub fn of(individual: bool, employees: Option<i64>) -> SizeBand {
        match (individual, employees) {
            (true, _) => SizeBand::Individual,
            (false, None) => SizeBand::Unknown,
            (false, Some(n)) if n < 10 => SizeBand::Micro,
            (false, Some(n)) if n < 50 => SizeBand::Small,
            (false, Some(n)) if n < 300 => SizeBand::Medium,
            (false, Some(_)) => SizeBand::Large,
        }
    }
}

/// One territory, route, industry or size band over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SegmentSales {
    /// The territory, route or industry as written (empty: not set), or the size band's code.
    pub key: String,
    pub customers: u32,
    /// Customers who bought in the period.
    pub buyers: u32,
    /// Sales less returns in the period.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
}

/// The period's sales by the choices of a choice field of the rep's own (a store format,
/// urban or rural, a payment method...: 003's segmentation, as the rep defines it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnSegments {
    pub field_id: crate::ids::CustomFieldId,
    pub label: String,
    /// Each choice (in the field's order) with its customers, then the customers without one.
    pub segments: Vec<SegmentSales>,
}

api_enum!(
    /// Where a buyer's average unit price falls among the period's buyers: the cheapest third,
    /// the middle third or the dearest third (003 판매 구조: what their purchases are made of).
    PriceBand { Low = "low", Mid = "mid", High = "high" }
);

/// One cell of the scale × price-mix grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScaleCell {
    pub size: SizeBand,
    pub price: PriceBand,
    pub customers: u32,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
}

/// 003 운영 규모 × 판매 구조: the period's buyers classed two ways at once, by their size and
/// by the price mix of what they buy, with the average unit prices that part the thirds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ScaleGrid {
    /// The average unit price from which a buyer is in the middle third, and in the top third.
    #[cfg_attr(feature = "specta", specta(type = [i32; 2]))]
    pub price_from: [i64; 2],
    /// Only the cells with buyers, by size then price band.
    pub cells: Vec<ScaleCell>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Segments {
    pub territories: Vec<SegmentSales>,
    pub routes: Vec<SegmentSales>,
    pub industries: Vec<SegmentSales>,
    pub sizes: Vec<SegmentSales>,
    /// One breakdown per choice field of the rep's own.
    pub own: Vec<OwnSegments>,
    /// Buyers by size × price mix.
    pub scale_grid: ScaleGrid,
}

/// The breakdowns of the classification's cards (the Dashboard's: one rep's when narrowed),
/// the biggest first.
pub fn segments(conn: &Connection, c: &Classification) -> rusqlite::Result<Segments> {
    let mut facts: HashMap<String, [String; 4]> = HashMap::with_capacity(c.cards.len());
    let mut stmt = conn.prepare_cached(
        "SELECT id, territory, route, industry, kind,
            CASE WHEN json_valid(organisation) THEN json_extract(organisation, '$.employees') END
         FROM cards WHERE deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let individual = r.get_ref(4)?.as_str()? == "individual";
        let employees: Option<i64> = r.get(5).ok().flatten();
        facts.insert(
            r.get(0)?,
            [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                SizeBand::of(individual, employees).as_str().to_owned(),
            ],
        );
    }
    let mut sums: [HashMap<String, SegmentSales>; 4] = Default::default();
    for k in &c.cards {
        let Some(keys) = facts.get(k.card_id.as_str()) else {
            continue;
        };
        for (sum, key) in sums.iter_mut().zip(keys) {
            let s = sum.entry(key.clone()).or_insert_with(|| SegmentSales {
                key: key.clone(),
                customers: 0,
                buyers: 0,
                amount: 0,
            });
            s.customers += 1;
            s.buyers += u32::from(k.amount > 0);
            s.amount += k.amount;
        }
    }
    let [territories, routes, industries, sizes] = sums.map(|m| {
        let mut v: Vec<SegmentSales> = m.into_values().collect();
        v.sort_by(|a, b| {
            b.amount
                .cmp(&a.amount)
                .then(b.customers.cmp(&a.customers))
                .then(a.key.cmp(&b.key))
        });
        v
    });
    let sizes_by_card: HashMap<String, SizeBand> = facts
        .iter()
        .map(|(id, f)| {
            (
                id.clone(),
                SizeBand::parse(&f[3]).unwrap_or(SizeBand::Unknown),
            )
        })
        .collect();
    Ok(Segments {
        territories,
        routes,
        industries,
        sizes,
        own: own_segments(conn, c)?,
        scale_grid: scale_grid(conn, c, &sizes_by_card)?,
    })
}

/// Each buyer's size and the price band of its average unit price over the period.
fn scale_grid(
    conn: &Connection,
    c: &Classification,
    sizes: &HashMap<String, SizeBand>,
) -> rusqlite::Result<ScaleGrid> {
    let shown: std::collections::HashSet<&str> = c
        .cards
        .iter()
        .filter(|k| k.amount > 0)
        .map(|k| k.card_id.as_str())
        .collect();
    // From the covering index of a card's sales (schema 23): the period's sales and units.
    let mut stmt = conn.prepare_cached(
        "SELECT card_id, sum(amount), sum(quantity) FROM transactions
         WHERE kind = 'sale' AND dated_on BETWEEN ?1 AND ?2 GROUP BY card_id",
    )?;
    let mut buyers: Vec<(SizeBand, i64, i64)> = Vec::new();
    let mut rows = stmt.query([&c.from, &c.to])?;
    while let Some(r) = rows.next()? {
        let id: &str = r.get_ref(0)?.as_str()?;
        if !shown.contains(id) {
            continue;
        }
        let (amount, quantity): (i64, i64) = (r.get(1)?, r.get(2)?);
        if amount <= 0 || quantity <= 0 {
            continue;
        }
        let size = sizes.get(id).copied().unwrap_or(SizeBand::Unknown);
        buyers.push((size, amount, amount / quantity));
    }
    if buyers.is_empty() {
        return Ok(ScaleGrid::default());
    }
    let mut prices: Vec<i64> = buyers.iter().map(|b| b.2).collect();
    prices.sort_unstable();
    let third = |n: usize| prices[(prices.len() * n / 3).min(prices.len() - 1)];
    let price_from = [third(1), third(2)];
    let mut cells: Vec<ScaleCell> = Vec::new();
    for (size, amount, price) in buyers {
        let band = if price >= price_from[1] {
            PriceBand::High
        } else if price >= price_from[0] {
            PriceBand::Mid
        } else {
            PriceBand::Low
        };
        match cells.iter_mut().find(|x| x.size == size && x.price == band) {
            Some(cell) => {
                cell.customers += 1;
                cell.amount += amount;
            }
            None => cells.push(ScaleCell {
                size,
                price: band,
                customers: 1,
                amount,
            }),
        }
    }
    cells.sort_by_key(|x| (x.size, x.price));
    Ok(ScaleGrid { price_from, cells })
}

/// The breakdowns by each choice field of the rep's own, from the values' index.
fn own_segments(conn: &Connection, c: &Classification) -> rusqlite::Result<Vec<OwnSegments>> {
    let fields: Vec<crate::custom_fields::CustomField> = crate::custom_fields::store::list(conn)?
        .into_iter()
        .filter(|f| f.kind == crate::custom_fields::CustomFieldKind::Choice)
        .collect();
    let mut out = Vec::with_capacity(fields.len());
    let mut stmt =
        conn.prepare_cached("SELECT card_id, value FROM card_custom_values WHERE field_id = ?1")?;
    for field in fields {
        let values: HashMap<String, String> = stmt
            .query_map([field.id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut sums: Vec<SegmentSales> = field
            .choices
            .iter()
            .chain(std::iter::once(&String::new()))
            .map(|key| SegmentSales {
                key: key.clone(),
                customers: 0,
                buyers: 0,
                amount: 0,
            })
            .collect();
        for k in &c.cards {
            let key = values.get(k.card_id.as_str()).map_or("", String::as_str);
            // A value whose choice was renamed since counts with the customers without one.
            let at = sums
                .iter()
                .position(|s| s.key == key)
                .unwrap_or(sums.len() - 1);
            let s = &mut sums[at];
            s.customers += 1;
            s.buyers += u32::from(k.amount > 0);
            s.amount += k.amount;
        }
        sums.retain(|s| s.customers > 0);
        out.push(OwnSegments {
            field_id: field.id,
            label: field.label,
            segments: sums,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_by_employees() {
        assert_eq!(SizeBand::of(true, Some(500)), SizeBand::Individual);
        assert_eq!(SizeBand::of(false, None), SizeBand::Unknown);
        assert_eq!(SizeBand::of(false, Some(9)), SizeBand::Micro);
        assert_eq!(SizeBand::of(false, Some(10)), SizeBand::Small);
        assert_eq!(SizeBand::of(false, Some(299)), SizeBand::Medium);
        assert_eq!(SizeBand::of(false, Some(300)), SizeBand::Large);
    }
}

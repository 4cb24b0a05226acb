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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Segments {
    pub territories: Vec<SegmentSales>,
    pub routes: Vec<SegmentSales>,
    pub industries: Vec<SegmentSales>,
    pub sizes: Vec<SegmentSales>,
    /// One breakdown per choice field of the rep's own.
    pub own: Vec<OwnSegments>,
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
    Ok(Segments {
        territories,
        routes,
        industries,
        sizes,
        own: own_segments(conn, c)?,
    })
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

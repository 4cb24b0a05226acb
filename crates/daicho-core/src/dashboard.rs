//! The manager's dashboard: one call gathers every chart for a period and, optionally, one
//! owner's cards. Classes are the ledger's (ABC over every customer); the owner filter chooses
//! which customers are shown, and the Pareto curve is drawn over those.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::card::CardStatus;
use crate::classify::store::LastRun;
use crate::classify::view::{self, ClassificationView};
use crate::classify::{Classification, CompletenessItem};
use crate::contact::ContactKind;
use crate::figures;
use crate::sales::summary::Period;
use crate::sales::AgeTotal;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct DashboardQuery {
    /// `YYYY-MM-DD`; both empty: the twelve months to today.
    pub from: Option<String>,
    pub to: Option<String>,
    pub owner: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusCount {
    pub status: CardStatus,
    pub cards: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KindCount {
    pub kind: ContactKind,
    pub contacts: u32,
}

/// Contacts in the week starting on Monday `week`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WeekContacts {
    pub week: String,
    pub kinds: Vec<KindCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnerCount {
    pub owner: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnerCompleteness {
    pub owner: String,
    pub cards: u32,
    /// Average completeness of the owner's cards, in percent.
    pub average: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IncompleteCard {
    pub card_id: crate::ids::CardId,
    pub code: String,
    pub name: String,
    pub owner: String,
    pub completeness: i32,
    pub missing: Vec<CompletenessItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Dashboard {
    pub classification: ClassificationView,
    pub statuses: Vec<StatusCount>,
    pub weeks: Vec<WeekContacts>,
    pub overdue_follow_ups: Vec<OwnerCount>,
    pub receivables: Vec<AgeTotal>,
    pub completeness: Vec<OwnerCompleteness>,
    /// The cards missing the most, least complete first.
    pub least_complete: Vec<IncompleteCard>,
    pub owners: Vec<String>,
    /// The run whose classes the card list filters by.
    pub last_classified: Option<LastRun>,
    /// The period's sales by territory, route, industry and size.
    pub segments: crate::segments::Segments,
    /// Last period's buyers kept and lost (002 離反率).
    pub retention: CustomerRetention,
}

/// A customer who bought in the previous period and nothing in this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LostCustomer {
    pub card_id: crate::ids::CardId,
    pub name: String,
    pub owner: String,
    /// What they bought in the previous period.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub previous_amount: i64,
}

/// 002 既存顧客の維持…離反率を下げる: of the customers who bought in the period before, how many
/// bought again in this one and how many bought nothing (defected); and the new buyers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomerRetention {
    pub previous_buyers: u32,
    pub kept: u32,
    pub lost: u32,
    /// What the lost customers bought in the previous period.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub lost_amount: i64,
    /// Buyers of this period who bought nothing in the previous one.
    pub new_buyers: u32,
    /// The lost customers who bought most before, biggest first.
    pub biggest_lost: Vec<LostCustomer>,
    /// Every lost customer (up to [`MAX_LOST_IDS`]), to list them in the card list.
    pub lost_ids: Vec<crate::ids::CardId>,
}

/// How many of the lost customers the Dashboard names.
pub const BIGGEST_LOST: usize = 10;
/// Most lost customers the card list is given at once.
pub const MAX_LOST_IDS: usize = 5_000;

/// Last period's buyers kept and lost, from the classification's two periods.
pub fn retention(c: &Classification) -> CustomerRetention {
    let mut r = CustomerRetention::default();
    let mut lost: Vec<LostCustomer> = Vec::new();
    for k in &c.cards {
        match (k.previous_amount > 0, k.amount > 0) {
            (true, true) => {
                r.previous_buyers += 1;
                r.kept += 1;
            }
            (true, false) => {
                r.previous_buyers += 1;
                r.lost += 1;
                r.lost_amount += k.previous_amount;
                lost.push(LostCustomer {
                    card_id: k.card_id.clone(),
                    name: k.name.clone(),
                    owner: k.owner.clone(),
                    previous_amount: k.previous_amount,
                });
            }
            (false, true) => r.new_buyers += 1,
            (false, false) => {}
        }
    }
    lost.sort_by(|a, b| {
        b.previous_amount
            .cmp(&a.previous_amount)
            .then_with(|| a.name.cmp(&b.name))
    });
    r.lost_ids = lost
        .iter()
        .take(MAX_LOST_IDS)
        .map(|l| l.card_id.clone())
        .collect();
    lost.truncate(BIGGEST_LOST);
    r.biggest_lost = lost;
    r
}

/// How many of the least complete cards the dashboard lists.
pub const LEAST_COMPLETE: usize = 10;

pub fn statuses(conn: &Connection, owner: Option<&str>) -> rusqlite::Result<Vec<StatusCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT status, count(*) FROM cards WHERE deleted_at IS NULL AND (?1 IS NULL OR owner = ?1) GROUP BY status",
    )?;
    let counts: BTreeMap<String, u32> = stmt
        .query_map(params![owner], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(CardStatus::ALL
        .iter()
        .map(|&status| StatusCount {
            status,
            cards: counts.get(status.as_str()).copied().unwrap_or(0),
        })
        .collect())
}

/// Every week (Monday to Sunday) touching the period, each with its contacts per kind.
pub fn weeks(
    conn: &Connection,
    period: Period,
    owner: Option<&str>,
) -> rusqlite::Result<Vec<WeekContacts>> {
    let monday = |d: NaiveDate| d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let mut by_week: BTreeMap<NaiveDate, BTreeMap<ContactKind, u32>> = BTreeMap::new();
    let mut week = monday(period.from);
    while week <= period.to {
        by_week.insert(week, BTreeMap::new());
        week += Duration::days(7);
    }
    for day in figures::contacts(conn, period, owner)? {
        *by_week
            .entry(monday(day.day))
            .or_default()
            .entry(day.kind)
            .or_default() += day.contacts;
    }
    Ok(by_week
        .into_iter()
        .map(|(week, kinds)| WeekContacts {
            week: week.format("%Y-%m-%d").to_string(),
            kinds: kinds
                .into_iter()
                .map(|(kind, contacts)| KindCount { kind, contacts })
                .collect(),
        })
        .collect())
}

/// Overdue follow-ups per owner, the most first.
pub fn overdue_follow_ups(
    conn: &Connection,
    today: NaiveDate,
    owner: Option<&str>,
) -> rusqlite::Result<Vec<OwnerCount>> {
    let mut per_owner: BTreeMap<String, u32> = BTreeMap::new();
    for f in figures::overdue_follow_ups(conn, today, owner)? {
        *per_owner.entry(f.owner).or_default() += 1;
    }
    let mut counts: Vec<OwnerCount> = per_owner
        .into_iter()
        .map(|(owner, count)| OwnerCount { owner, count })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.owner.cmp(&b.owner)));
    Ok(counts)
}

/// Completeness per owner and the least complete cards, from a classification.
pub fn completeness(c: &Classification) -> (Vec<OwnerCompleteness>, Vec<IncompleteCard>) {
    let mut per_owner: BTreeMap<&str, (u32, i64)> = BTreeMap::new();
    for k in &c.cards {
        let e = per_owner.entry(&k.owner).or_default();
        e.0 += 1;
        e.1 += i64::from(k.completeness);
    }
    let owners = per_owner
        .into_iter()
        .map(|(owner, (cards, sum))| OwnerCompleteness {
            owner: owner.to_owned(),
            cards,
            average: (sum as f64 / f64::from(cards.max(1))).round() as i32,
        })
        .collect();
    let mut least: Vec<&crate::classify::CardClass> = c.cards.iter().collect();
    least.sort_by(|a, b| {
        a.completeness
            .cmp(&b.completeness)
            .then(a.code.cmp(&b.code))
    });
    let least = least
        .into_iter()
        .take(LEAST_COMPLETE)
        .map(|k| IncompleteCard {
            card_id: k.card_id.clone(),
            code: k.code.clone(),
            name: k.name.clone(),
            owner: k.owner.clone(),
            completeness: k.completeness,
            missing: k.missing.clone(),
        })
        .collect();
    (owners, least)
}

/// The classification restricted to `owner`'s cards, with the cumulative share redrawn over them.
pub fn for_owner(
    mut c: Classification,
    owner: Option<&str>,
    grade_labels: &[String],
    week: usize,
) -> (Classification, ClassificationView) {
    if let Some(owner) = owner {
        c.cards.retain(|k| k.owner == owner);
        c.total_amount = c.cards.iter().map(|k| k.amount.max(0)).sum();
        let mut running = 0i64;
        for k in c.cards.iter_mut() {
            if k.amount > 0 && c.total_amount > 0 {
                running += k.amount;
                k.cumulative_percent =
                    Some((running as f64 * 1000.0 / c.total_amount as f64).round() / 10.0);
            }
        }
        c.has_transactions = c.has_transactions && c.cards.iter().any(|k| k.amount != 0);
    }
    let v = view::summarise(&c, grade_labels, week);
    (c, v)
}

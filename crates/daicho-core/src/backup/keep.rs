//! Which backups are kept: the newest of each of the last N days, weeks and months (the daily
//! ones), every backup made before a step for some days, and every backup asked for by hand.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Local, Utc};
use serde::{Deserialize, Serialize};

use super::{BackupInfo, BackupReason};

/// How many backups are kept (Settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Retention {
    /// The newest backup of each of the last this many days with one...
    pub daily: u32,
    /// ...of each of the last this many weeks...
    pub weekly: u32,
    /// ...and of each of the last this many months.
    pub monthly: u32,
    /// Backups made before an import, take-over, merge, bulk change, upgrade or restore are
    /// kept this many days.
    pub step_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            daily: 7,
            weekly: 4,
            monthly: 12,
            step_days: 30,
        }
    }
}

/// Largest number a rep may set for any of them.
pub const MAX_KEEP: u32 = 366;

impl Retention {
    /// Every count from 1 (a rep cannot switch backups off by accident) to [`MAX_KEEP`].
    pub fn is_valid(&self) -> bool {
        [self.daily, self.weekly, self.monthly, self.step_days]
            .iter()
            .all(|n| (1..=MAX_KEEP).contains(n))
    }
}

/// The day, week or month a backup's local time falls in.
type Bucket = fn(DateTime<Local>) -> (i32, u32);

/// The backups `retention` no longer keeps at `now`. The newest backup is always kept.
pub fn to_remove(
    backups: &[BackupInfo],
    retention: &Retention,
    now: DateTime<Utc>,
) -> Vec<BackupInfo> {
    let mut dated: Vec<(&BackupInfo, DateTime<Utc>)> = backups
        .iter()
        .filter_map(|b| b.time().map(|t| (b, t)))
        .collect();
    dated.sort_by_key(|b| std::cmp::Reverse(b.1));
    let newest = dated.first().map(|(b, _)| b.path.clone());

    let scheduled: Vec<&(&BackupInfo, DateTime<Utc>)> = dated
        .iter()
        .filter(|(b, _)| b.reason == BackupReason::Daily)
        .collect();
    let mut kept: HashSet<&str> = HashSet::new();
    let buckets: [(u32, Bucket); 3] = [
        (retention.daily, |t| (t.year(), t.ordinal())),
        (retention.weekly, |t| {
            let w = t.iso_week();
            (w.year(), w.week())
        }),
        (retention.monthly, |t| (t.year(), t.month())),
    ];
    for (count, bucket) in buckets {
        let mut seen = HashSet::new();
        for (b, at) in &scheduled {
            let key = bucket(at.with_timezone(&Local));
            if seen.len() < count as usize && seen.insert(key) {
                kept.insert(b.path.as_str());
            }
        }
    }

    let step_limit = now - chrono::Duration::days(i64::from(retention.step_days));
    dated
        .iter()
        .filter(|(b, at)| {
            let keep = match b.reason {
                BackupReason::Manual => true,
                BackupReason::Daily => kept.contains(b.path.as_str()),
                _ => *at >= step_limit,
            };
            !keep && Some(&b.path) != newest.as_ref()
        })
        .map(|(b, _)| (*b).clone())
        .collect()
}

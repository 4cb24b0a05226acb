//! `daicho bench list`: scrolling the card list. The window asks for a block of 200 rows
//! wherever the user scrolls to; this times that block at five depths of the list (top, a
//! quarter, half, three quarters, the end) in every sort, with and without a filter, against
//! the cheapest way there is to read 200 rows at that depth (a rowid range of the same table),
//! in the same process.

use std::path::PathBuf;

use daicho_core::card::CardStatus;
use daicho_core::card_list::{CardQuery, CardSort};
use daicho_core::error::Coded;
use daicho_core::ErrorReport;

use super::search::{percentile, prepare, round1};
use super::{median, storage, time};

/// The rows the window asks for at once (`BLOCK` in ui/src/lib/cards/list.svelte.ts).
const BLOCK: u32 = 200;
const ROUNDS: usize = 4;
const DEPTHS: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

pub fn list(
    cards: u32,
    contacts: u32,
    json: bool,
    reuse: Option<PathBuf>,
) -> Result<(), ErrorReport> {
    let (ledger, _cleanup, generate_ms) = prepare(cards, contacts, reuse)?;
    let baseline = |offset: u32| -> rusqlite::Result<usize> {
        let mut stmt = ledger.connection().prepare_cached(
            "SELECT id, code, name, reading, owner, city, updated_at FROM cards
             WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
        )?;
        let n = stmt
            .query_map([i64::from(offset), i64::from(BLOCK)], |r| {
                r.get::<_, String>(0)
            })?
            .count();
        Ok(n)
    };
    let sorts = [
        ("reading", CardSort::Reading),
        ("name", CardSort::Name),
        ("updated", CardSort::Updated),
        ("last_contact", CardSort::LastContact),
        ("completeness", CardSort::Completeness),
    ];
    let mut cases = Vec::new();
    for (label, sort) in sorts {
        for status in [None, Some(CardStatus::Active)] {
            cases.push((label, sort, status));
        }
    }
    let (mut all_ours, mut all_base) = (Vec::new(), Vec::new());
    let mut rows = Vec::new();
    for (label, sort, status) in cases {
        let query = CardQuery {
            sort,
            status,
            limit: BLOCK,
            ..CardQuery::default()
        };
        let total = ledger.list_cards(&query).map_err(|e| e.report())?.total;
        let (mut ours, mut base) = (Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            for depth in DEPTHS {
                let offset = ((f64::from(total.saturating_sub(BLOCK))) * depth) as u32;
                let (page, ours_ms) = time(|| {
                    ledger.list_cards(&CardQuery {
                        offset,
                        ..query.clone()
                    })
                });
                page.map_err(|e| e.report())?;
                let (n, base_ms) = time(|| baseline(offset));
                n.map_err(storage)?;
                if round > 0 {
                    ours.push(ours_ms);
                    base.push(base_ms);
                }
            }
        }
        let (med, p95) = (median(ours.clone()), percentile(ours.clone(), 0.95));
        rows.push(serde_json::json!({
            "sort": label,
            "filter": status.map(|s| s.as_str()).unwrap_or("none"),
            "cards": total,
            "median_ms": round1(med),
            "p95_ms": round1(p95),
        }));
        all_ours.extend(ours);
        all_base.extend(base);
    }
    let (ours_med, ours_p95) = (median(all_ours.clone()), percentile(all_ours.clone(), 0.95));
    let (base_med, base_p95) = (median(all_base.clone()), percentile(all_base.clone(), 0.95));
    let report = serde_json::json!({
        "generate_ms": generate_ms.round(),
        "block": BLOCK,
        "samples": all_ours.len(),
        "window_median_ms": round1(ours_med), "window_p95_ms": round1(ours_p95),
        "rowid_range_median_ms": round1(base_med), "rowid_range_p95_ms": round1(base_p95),
        "median_ratio": round1(ours_med / base_med), "p95_ratio": round1(ours_p95 / base_p95),
        "by_sort": rows,
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
        return Ok(());
    }
    out!(
        "a block of {BLOCK} rows of the card list at five depths, {} samples",
        all_ours.len()
    );
    out!("                               median        p95");
    out!("  rowid range (baseline)     {base_med:>7.2} ms {base_p95:>7.2} ms   1.00x");
    out!(
        "  card list block            {ours_med:>7.2} ms {ours_p95:>7.2} ms   {:.1}x (median)",
        ours_med / base_med
    );
    for row in &rows {
        out!(
            "    {:<13} {:<7} {:>7} cards {:>7.2} ms {:>7.2} ms",
            row["sort"].as_str().unwrap_or_default(),
            row["filter"].as_str().unwrap_or_default(),
            row["cards"],
            row["median_ms"].as_f64().unwrap_or_default(),
            row["p95_ms"].as_f64().unwrap_or_default(),
        );
    }
    Ok(())
}

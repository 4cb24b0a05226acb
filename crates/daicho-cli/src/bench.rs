//! `daicho bench classify`: classification of a generated ledger (100,000 cards with 1,000,000
//! transactions by default), reported against a baseline run in the same process: one SQL
//! aggregate of the period's purchases per card over the same data, through the same covering
//! index (the fastest single query there is for it). Machines are noisy; the
//! ratio is the figure to compare.

use std::path::PathBuf;
use std::time::Instant;

use daicho_core::demo::bulk;
use daicho_core::error::{Coded, LedgerError};
use daicho_core::sales::summary::Period;
use daicho_core::{ErrorReport, Ledger};

/// Runs of each measurement; the median is reported.
const RUNS: usize = 5;

fn median(mut ms: Vec<f64>) -> f64 {
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64() * 1000.0)
}

fn storage(e: rusqlite::Error) -> ErrorReport {
    LedgerError::Sqlite(e).report()
}

struct TempLedger(PathBuf);

impl Drop for TempLedger {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

/// `keep`: where to leave the generated ledger (else it is removed afterwards).
pub fn classify(
    cards: u32,
    transactions: u32,
    json: bool,
    keep: Option<PathBuf>,
) -> Result<(), ErrorReport> {
    let path = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("daicho-bench-{}.daicho", std::process::id()))
    });
    let mut ledger = Ledger::create(&path).map_err(|e| e.report())?;
    let _cleanup = keep.is_none().then(|| TempLedger(path.clone()));
    let today = chrono::Local::now().date_naive();
    let (made, generate_ms) =
        time(|| bulk::cards_with_sales(&mut ledger, cards, transactions, 1, today));
    made.map_err(storage)?;
    let period = Period::year_to(today);
    let baseline = || -> rusqlite::Result<usize> {
        let mut stmt = ledger.connection().prepare_cached(
            "SELECT card_id, sum(amount) FROM transactions INDEXED BY transactions_card
             WHERE dated_on BETWEEN ?1 AND ?2 GROUP BY card_id",
        )?;
        let rows = stmt.query_map([period.from_text(), period.to_text()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.len())
    };
    let mut base = Vec::new();
    let mut classify = Vec::new();
    for _ in 0..RUNS {
        let (n, ms) = time(baseline);
        n.map_err(storage)?;
        base.push(ms);
        let (c, ms) = time(|| ledger.classification(period));
        c.map_err(|e| e.report())?;
        classify.push(ms);
    }
    let (first, first_ms) = time(|| ledger.reclassify(period));
    let (_, stored) = first.map_err(|e| e.report())?;
    let (again, again_ms) = time(|| ledger.reclassify(period));
    again.map_err(|e| e.report())?;
    let (base, classify) = (median(base), median(classify));
    let report = serde_json::json!({
        "cards": cards,
        "transactions": transactions,
        "generate_ms": generate_ms.round(),
        "baseline_aggregate_ms": (base * 10.0).round() / 10.0,
        "classify_ms": (classify * 10.0).round() / 10.0,
        "classify_ratio": (classify / base * 100.0).round() / 100.0,
        "reclassify_first_ms": first_ms.round(),
        "reclassify_first_ratio": (first_ms / base * 100.0).round() / 100.0,
        "cards_stored": stored,
        "reclassify_unchanged_ms": again_ms.round(),
        "reclassify_unchanged_ratio": (again_ms / base * 100.0).round() / 100.0,
    });
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        println!("classification of {cards} cards with {transactions} transactions (median of {RUNS} runs)");
        println!("  baseline: one SQL aggregate per card     {base:>9.1} ms  1.00x");
        println!(
            "  classify (compute, read-only)           {classify:>9.1} ms  {:.2}x",
            classify / base
        );
        println!(
            "  re-classify, first (stores every card)  {first_ms:>9.1} ms  {:.2}x",
            first_ms / base
        );
        println!(
            "  re-classify, nothing changed            {again_ms:>9.1} ms  {:.2}x",
            again_ms / base
        );
    }
    Ok(())
}

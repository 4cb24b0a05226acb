//! `daicho bench plan`: the sales plan against what was sold (the Sales plan page and the
//! dashboard's plan panel) on a generated ledger (100,000 cards, 1,000,000 transactions by
//! default) with a line for the whole ledger, each territory and rep, and key customers,
//! against the one SQL aggregate it rests on: two fiscal years of sales per card, product and
//! month from the same covering index, run raw in the same process.

use std::path::PathBuf;

use daicho_core::demo::bulk;
use daicho_core::error::Coded;
use daicho_core::sales::plan::progress::SALES_BY_CARD_MONTH;
use daicho_core::sales::plan::{fiscal, PlanLineFields, PlanScope};
use daicho_core::{ErrorReport, NewLedger};

use super::{median, storage, time, TempLedger, RUNS};

/// Customers with a line of their own.
const KEY_CUSTOMERS: usize = 20;

pub fn plan(cards: u32, transactions: u32, json: bool) -> Result<(), ErrorReport> {
    let path: PathBuf =
        std::env::temp_dir().join(format!("daicho-bench-plan-{}.daicho", std::process::id()));
    let _cleanup = TempLedger(path.clone());
    let today = chrono::Local::now().date_naive();
    let (made, generate_ms) = time(|| -> Result<_, ErrorReport> {
        let mut new = NewLedger::start(&path).map_err(|e| e.report())?;
        bulk::cards_with_sales(new.ledger(), cards, transactions, 1, today).map_err(storage)?;
        new.finish().map_err(|e| e.report())
    });
    let mut ledger = made?;
    ledger.set_fiscal_year_start(4).map_err(|e| e.report())?;
    let year = fiscal::year_of(today, 4);
    let line = |scope, key: &str, card_id: Option<String>| PlanLineFields {
        fiscal_year: year,
        scope,
        key: key.into(),
        card_id: card_id.map(Into::into),
        months: vec![10_000_000; 12],
        means: String::new(),
    };
    let mut lines = vec![line(PlanScope::Total, "", None)];
    lines.extend(
        bulk::TERRITORIES
            .iter()
            .map(|t| line(PlanScope::Territory, t, None)),
    );
    lines.extend(["山田", "李", "김", "Smith"].map(|o| line(PlanScope::Owner, o, None)));
    let customers: Vec<String> = ledger
        .connection()
        .prepare("SELECT id FROM cards ORDER BY rowid LIMIT ?1")
        .and_then(|mut s| {
            s.query_map([KEY_CUSTOMERS as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(storage)?;
    lines.extend(
        customers
            .into_iter()
            .map(|id| line(PlanScope::Card, "", Some(id))),
    );
    for l in &lines {
        ledger.save_plan_line(l).map_err(|e| e.report())?;
    }
    let (from, to) = (
        fiscal::start(year - 1, 4)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        fiscal::end(year, 4)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let baseline = || -> rusqlite::Result<usize> {
        let mut stmt = ledger.connection().prepare_cached(SALES_BY_CARD_MONTH)?;
        let rows = stmt.query_map([&from, &to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.len())
    };
    let (mut base, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let (n, ms) = time(baseline);
        n.map_err(storage)?;
        base.push(ms);
        let (p, ms) = time(|| ledger.plan_overview(None));
        p.map_err(|e| e.report())?;
        ours.push(ms);
    }
    let (base, ours) = (median(base), median(ours));
    let report = serde_json::json!({
        "cards": cards,
        "transactions": transactions,
        "lines": lines.len(),
        "generate_ms": generate_ms.round(),
        "baseline_aggregate_ms": (base * 10.0).round() / 10.0,
        "overview_ms": (ours * 10.0).round() / 10.0,
        "ratio": (ours / base * 100.0).round() / 100.0,
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!(
            "sales plan against sales, {cards} cards with {transactions} transactions, {} lines (median of {RUNS} runs)",
            lines.len()
        );
        out!("  baseline: two years per card, product and month (SQL GROUP BY)  {base:>9.1} ms  1.00x");
        out!(
            "  plan against actual (every line, last year, to date)            {ours:>9.1} ms  {:.2}x",
            ours / base
        );
    }
    Ok(())
}

//! `daicho bench classify`: classification of a generated ledger (100,000 cards with 1,000,000
//! transactions by default), reported against a baseline run in the same process: one SQL
//! aggregate of the period's purchases per card over the same data, through the same covering
//! index (the fastest single query there is for it). Machines are noisy; the
//! ratio is the figure to compare.

pub mod backup;
mod command;
pub mod crash;
pub mod demo;
pub mod encryption;
pub mod import;
pub mod list;
pub mod plan;
pub mod readme;
pub mod search;

pub use command::{run, BenchKind};

use std::path::PathBuf;
use std::time::Instant;

use daicho_core::demo::bulk;
use daicho_core::error::{Coded, LedgerError};
use daicho_core::sales::summary::Period;
use daicho_core::{ErrorReport, Ledger, NewLedger};

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

pub(crate) struct TempLedger(pub(crate) PathBuf);

impl Drop for TempLedger {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

/// The passphrase of generated benchmark ledgers (their data is made up, and a kept one must
/// open again in the next run): the real keychain is left alone.
pub const BENCH_PASSPHRASE: &str = "daicho benchmark ledger";

/// Benchmarks keep keys in memory, under the run's passphrase or [`BENCH_PASSPHRASE`].
pub fn use_bench_key(secrets: &crate::key::Secrets) {
    daicho_core::crypto::keychain::use_memory_only();
    let passphrase = secrets.passphrase().unwrap_or_else(|| {
        daicho_core::crypto::Secret::Passphrase(zeroize::Zeroizing::new(BENCH_PASSPHRASE.into()))
    });
    daicho_core::crypto::keychain::offer(passphrase);
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
    let _cleanup = keep.is_none().then(|| TempLedger(path.clone()));
    let today = chrono::Local::now().date_naive();
    let (made, generate_ms) = time(|| -> Result<Ledger, ErrorReport> {
        let mut new = NewLedger::start(&path).map_err(|e| e.report())?;
        bulk::cards_with_sales(new.ledger(), cards, transactions, 1, today).map_err(storage)?;
        new.finish().map_err(|e| e.report())
    });
    let mut ledger = made?;
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
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!("classification of {cards} cards with {transactions} transactions (median of {RUNS} runs)");
        out!("  baseline: one SQL aggregate per card     {base:>9.1} ms  1.00x");
        out!(
            "  classify (compute, read-only)           {classify:>9.1} ms  {:.2}x",
            classify / base
        );
        out!(
            "  re-classify, first (stores every card)  {first_ms:>9.1} ms  {:.2}x",
            first_ms / base
        );
        out!(
            "  re-classify, nothing changed            {again_ms:>9.1} ms  {:.2}x",
            again_ms / base
        );
    }
    Ok(())
}

/// Peak resident memory of this process in KiB since the last reset (Linux); 0 elsewhere.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_owned)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// Starts measuring the peak again from the current size.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The baseline: the same rows read with one query and written cell by cell through
/// rust_xlsxwriter in constant-memory mode, with no formats, page setup or translation.
fn raw_write(
    ledger: &Ledger,
    sql: &str,
    columns: usize,
    path: &std::path::Path,
) -> Result<u64, ErrorReport> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let failed = |e: rust_xlsxwriter::XlsxError| {
        LedgerError::Io {
            path: path.to_owned(),
            source: std::io::Error::other(e.to_string()),
        }
        .report()
    };
    let ws = workbook
        .add_worksheet_with_constant_memory()
        .map_err(failed)?;
    let mut stmt = ledger.connection().prepare(sql).map_err(storage)?;
    let mut rows = stmt.query([]).map_err(storage)?;
    let mut n: u32 = 0;
    while let Some(r) = rows.next().map_err(storage)? {
        for col in 0..columns {
            let value: String = r
                .get::<_, Option<String>>(col)
                .map_err(storage)?
                .unwrap_or_default();
            ws.write_string(n, col as u16, value).map_err(failed)?;
        }
        n += 1;
    }
    workbook.save(path).map_err(failed)?;
    Ok(u64::from(n))
}

/// Turns of each export and its baseline; the medians are reported.
const EXPORT_RUNS: usize = 5;

/// What one export measured: its time, its rows and the growth of the peak memory.
type Measured = (f64, u64, u64);

/// Each export and its baseline take turns, EXPORT_RUNS times; the medians are compared (the
/// first run of either pays for what is cold: the message catalog, pages not yet read), with the
/// largest growth of the peak memory.
fn measure(
    ours: &mut dyn FnMut() -> Result<u64, ErrorReport>,
    base: &mut dyn FnMut() -> Result<u64, ErrorReport>,
) -> Result<[Measured; 2], ErrorReport> {
    let once = |f: &mut dyn FnMut() -> Result<u64, ErrorReport>| -> Result<Measured, ErrorReport> {
        reset_peak();
        let before = peak_kib();
        let (rows, ms) = time(f);
        Ok((ms, rows?, peak_kib().saturating_sub(before)))
    };
    let mut runs: [Vec<Measured>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..EXPORT_RUNS {
        runs[0].push(once(ours)?);
        runs[1].push(once(base)?);
    }
    Ok(runs.map(|mut r| {
        r.sort_by(|a, b| a.0.total_cmp(&b.0));
        let peak = r.iter().map(|m| m.2).max().unwrap_or(0);
        let (ms, rows, _) = r[r.len() / 2];
        (ms, rows, peak)
    }))
}

/// `daicho bench export`: a handover-size export (10,000 cards, 100,000 contacts by default)
/// through Daicho's reports against writing the same cells through rust_xlsxwriter directly.
pub fn export(cards: u32, contacts: u32, json: bool) -> Result<(), ErrorReport> {
    use daicho_core::i18n::Lang;
    use daicho_core::report::{ReportKind, ReportRequest};
    let dir = std::env::temp_dir().join(format!("daicho-bench-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| {
        LedgerError::Io {
            path: dir.clone(),
            source: e,
        }
        .report()
    })?;
    struct Cleanup(PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _cleanup = Cleanup(dir.clone());
    let mut ledger = Ledger::create(&dir.join("bench.daicho")).map_err(|e| e.report())?;
    let today = chrono::Local::now().date_naive();
    bulk::cards_with_sales(&mut ledger, cards, 0, 1, today).map_err(storage)?;
    bulk::contacts(&mut ledger, contacts, 2, today).map_err(storage)?;

    let list = ReportRequest {
        kind: ReportKind::List,
        lang: Lang::Ja,
        ..ReportRequest::default()
    };
    let history = ReportRequest {
        kind: ReportKind::History,
        lang: Lang::Ja,
        ..ReportRequest::default()
    };
    let path = |name: &str| dir.join(name);
    let daicho = |request: &ReportRequest, name: &str| -> Result<u64, ErrorReport> {
        ledger
            .export_report(
                request,
                &path(name),
                daicho_core::output::Existing::Replace,
                &mut |_, _| {},
            )
            .map(|o| u64::from(o.rows))
            .map_err(|e| e.report())
    };
    let [(list_ms, list_rows, list_kib), (base_list_ms, _, base_list_kib)] = measure(
        &mut || daicho(&list, "list.xlsx"),
        &mut || {
            raw_write(
                &ledger,
                "SELECT code, name, reading, status, owner, industry, phones, region || city || street, last_contact_at, '', '' FROM cards ORDER BY sort_key",
                11,
                &path("raw-list.xlsx"),
            )
        },
    )?;
    let [(history_ms, history_rows, history_kib), (base_history_ms, _, base_history_kib)] =
        measure(&mut || daicho(&history, "history.xlsx"), &mut || {
            raw_write(
                &ledger,
                "SELECT t.at, c.name, c.code, c.owner, t.kind, t.rep, t.purpose, t.content, t.outcome, t.next_action, t.next_action_due, t.next_action_done_at
                 FROM contacts t JOIN cards c ON c.id = t.card_id ORDER BY t.at",
                12,
                &path("raw-history.xlsx"),
            )
        })?;
    let report = serde_json::json!({
        "cards": cards,
        "contacts": contacts,
        "list": { "rows": list_rows, "ms": list_ms.round(), "baseline_ms": base_list_ms.round(),
                  "ratio": (list_ms / base_list_ms * 100.0).round() / 100.0,
                  "peak_growth_kib": list_kib, "baseline_peak_growth_kib": base_list_kib },
        "history": { "rows": history_rows, "ms": history_ms.round(), "baseline_ms": base_history_ms.round(),
                     "ratio": (history_ms / base_history_ms * 100.0).round() / 100.0,
                     "peak_growth_kib": history_kib, "baseline_peak_growth_kib": base_history_kib },
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!("export of {cards} cards and {contacts} contacts, against rust_xlsxwriter written directly");
        out!("  customer list   {list_rows:>7} rows  {list_ms:>8.0} ms  baseline {base_list_ms:>8.0} ms  {:.2}x  peak +{list_kib} KiB (baseline +{base_list_kib} KiB)", list_ms / base_list_ms);
        out!("  contact history {history_rows:>7} rows  {history_ms:>8.0} ms  baseline {base_history_ms:>8.0} ms  {:.2}x  peak +{history_kib} KiB (baseline +{base_history_kib} KiB)", history_ms / base_history_ms);
    }
    Ok(())
}

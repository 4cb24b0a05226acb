//! `daicho bench backup`: a backup of a generated ledger (100,000 realistic cards with 1,000,000
//! contacts by default) — the encrypted file copied at one moment, synced, read back and
//! compared, opened under its key, renamed — against a plain copy of the same file, synced, in
//! the same process; and a restore of that backup. Median of three runs each.

use std::path::PathBuf;

use daicho_core::backup::{self, BackupReason};
use daicho_core::error::Coded;
use daicho_core::ErrorReport;

use super::search::{prepare, round1};
use super::{median, time};

const RUNS: usize = 3;

fn io(e: std::io::Error) -> ErrorReport {
    daicho_core::error::OutputError::io(std::path::Path::new(""), e).report()
}

pub fn run(
    cards: u32,
    contacts: u32,
    json: bool,
    reuse: Option<PathBuf>,
) -> Result<(), ErrorReport> {
    let (ledger, _cleanup, generate_ms) = prepare(cards, contacts, reuse)?;
    let source = ledger.path().map(PathBuf::from).unwrap_or_default();
    // What a backup copies: the ledger with its WAL written back, as a closed ledger is.
    ledger
        .connection()
        .pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .map_err(|e| daicho_core::error::LedgerError::Sqlite(e).report())?;
    drop(ledger);
    let size = std::fs::metadata(&source).map_err(io)?.len();
    let dir = tempfile::tempdir().map_err(io)?;
    let (mut copies, mut backups, mut restores) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..RUNS {
        let copy = dir.path().join(format!("copy{n}.daicho"));
        let (done, ms) = time(|| -> std::io::Result<()> {
            std::fs::copy(&source, &copy)?;
            std::fs::File::open(&copy)?.sync_all()
        });
        done.map_err(io)?;
        copies.push(ms);
        std::fs::remove_file(&copy).map_err(io)?;

        let folder = dir.path().join("backups");
        let (made, ms) = time(|| {
            backup::make(
                &source,
                &folder,
                BackupReason::Manual,
                chrono::Utc::now(),
                "bench",
            )
        });
        let made = made.map_err(|e| e.report())?;
        backups.push(ms);

        let target = dir.path().join(format!("restored{n}.daicho"));
        let (done, ms) = time(|| {
            backup::restore(
                std::path::Path::new(&made.path),
                &target,
                &folder,
                chrono::Utc::now(),
                "bench",
            )
        });
        done.map_err(|e| e.report())?;
        restores.push(ms);
        std::fs::remove_file(&made.path).map_err(io)?;
        let _ = std::fs::remove_file(&target);
    }
    let (copy, made, restore) = (median(copies), median(backups), median(restores));
    let report = serde_json::json!({
        "cards": cards,
        "contacts": contacts,
        "ledger_mb": round1(size as f64 / 1e6),
        "generate_ms": generate_ms.round(),
        "copy_ms": copy.round(),
        "backup_ms": made.round(),
        "backup_ratio": round1(made / copy),
        "restore_new_file_ms": restore.round(),
        "restore_ratio": round1(restore / copy),
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!(
            "backup of a {:.0} MB ledger ({cards} cards, {contacts} contacts), median of {RUNS}",
            size as f64 / 1e6
        );
        out!("  plain copy of the file, synced (baseline)        {copy:>8.0} ms  1.00x");
        out!(
            "  backup: one moment copied, synced, compared      {made:>8.0} ms  {:.2}x",
            made / copy
        );
        out!(
            "  restore into a new file (checked first)          {restore:>8.0} ms  {:.2}x",
            restore / copy
        );
    }
    Ok(())
}

//! `daicho bench import`: importing a generated list of realistic customers of four markets
//! (100,000 rows by default, UTF-8 CSV) through Daicho's import (every row checked, duplicates
//! looked for, history written, recorded for undo) against a plain bulk insert of the same rows
//! into the cards table in one transaction, in the same process, with the growth of peak memory.

use std::path::{Path, PathBuf};

use daicho_core::demo::bulk;
use daicho_core::error::{Coded, LedgerError};
use daicho_core::import::ImportRequest;
use daicho_core::{ErrorReport, Ledger};

use super::{peak_kib, reset_peak, storage, time};

const HEADERS: [&str; 12] = [
    "顧客コード",
    "会社名",
    "フリガナ",
    "電話番号",
    "メールアドレス",
    "郵便番号",
    "都道府県",
    "市区町村",
    "住所",
    "業種",
    "担当者",
    "タグ",
];

fn io(path: &Path) -> impl Fn(std::io::Error) -> ErrorReport + '_ {
    move |source| {
        LedgerError::Io {
            path: path.to_owned(),
            source,
        }
        .report()
    }
}

pub(super) fn write_list(path: &Path, rows: u32) -> Result<(), ErrorReport> {
    let file = std::fs::File::create(path).map_err(io(path))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    out.write_record(HEADERS).map_err(|e| io(path)(e.into()))?;
    let mut failed = None;
    let mut n = 0u32;
    bulk::each_customer(rows, 11, |mut f| {
        // Lists hold each customer once: the demo's e-mail is made the customer's own.
        n += 1;
        f.email = f.email.replacen('@', &format!(".{n}@"), 1);
        let record = [
            f.code.as_str(),
            &f.name,
            &f.reading,
            f.phones.first().map_or("", String::as_str),
            &f.email,
            &f.postal_code,
            &f.region,
            &f.city,
            &f.street,
            &f.industry,
            &f.owner,
            &f.tags.join(","),
        ];
        if let Err(e) = out.write_record(record) {
            failed.get_or_insert(e);
        }
    });
    if let Some(e) = failed {
        return Err(io(path)(e.into()));
    }
    out.flush().map_err(io(path))
}

/// Every record of the CSV at `path` bound to `sql` (the cells `columns` name, in that order),
/// in one transaction: the baselines, rows inserted as they are.
fn insert_all(
    ledger: &mut Ledger,
    path: &Path,
    sql: &str,
    columns: &[usize],
) -> Result<u64, ErrorReport> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| io(path)(e.into()))?;
    let tx = ledger.connection();
    tx.execute_batch("BEGIN IMMEDIATE").map_err(storage)?;
    let mut n = 0;
    {
        let mut insert = tx.prepare(sql).map_err(storage)?;
        for record in reader.records() {
            let r = record.map_err(|e| io(path)(e.into()))?;
            let cells = columns.iter().map(|i| r.get(*i).unwrap_or_default());
            insert
                .execute(rusqlite::params_from_iter(cells))
                .map_err(storage)?;
            n += 1;
        }
    }
    tx.execute_batch("COMMIT").map_err(storage)?;
    Ok(n)
}

/// The baseline: the rows read with the csv crate and inserted into the cards table as they are.
fn plain_insert(ledger: &mut Ledger, path: &Path) -> Result<u64, ErrorReport> {
    insert_all(
        ledger,
        path,
        "INSERT INTO cards (id, code, kind, status, name, reading, phones, email, postal_code, region,
            city, street, industry, owner, sort_key, search_text, created_at, updated_at)
         VALUES (lower(hex(randomblob(16))), ?1, 'organisation', 'prospect', ?2, ?3, json_array(?4), ?5, ?6, ?7,
            ?8, ?9, ?10, ?11, ?2, '', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    )
}

const HISTORY_HEADERS: [&str; 7] = [
    "訪問日",
    "顧客コード",
    "会社名",
    "対応区分",
    "対応者",
    "目的",
    "内容",
];
const KINDS: [&str; 4] = ["訪問", "電話", "メール", "打合せ"];

/// A contact history of `rows` rows over the ledger's cards (by code and name, as a rep's
/// 営業日報 names them), dated over the two years to `today`.
fn write_history(
    ledger: &Ledger,
    path: &Path,
    rows: u32,
    today: chrono::NaiveDate,
) -> Result<(), ErrorReport> {
    let customers: Vec<(String, String)> = ledger
        .connection()
        .prepare("SELECT code, name FROM cards ORDER BY rowid")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(storage)?;
    if customers.is_empty() {
        return Ok(());
    }
    let file = std::fs::File::create(path).map_err(io(path))?;
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    out.write_record(HISTORY_HEADERS)
        .map_err(|e| io(path)(e.into()))?;
    for n in 0..rows as usize {
        let (code, name) = &customers[n * 7919 % customers.len()];
        let day = today - chrono::Duration::days((n % 730) as i64);
        let at = format!(
            "{} {:02}:{:02}",
            day.format("%Y/%m/%d"),
            9 + n % 9,
            (n % 4) * 15
        );
        let content = format!("定例の打合せ。案件 {n} の進み具合と次回の提案内容を確認した。");
        let record = [
            at.as_str(),
            code,
            name,
            KINDS[n % KINDS.len()],
            "山田 太郎",
            "定期訪問",
            &content,
        ];
        out.write_record(record).map_err(|e| io(path)(e.into()))?;
    }
    out.flush().map_err(io(path))
}

/// The baseline of the history: the rows inserted into the contacts table as they are, each
/// card found by its code, in one transaction.
fn plain_history(ledger: &mut Ledger, path: &Path) -> Result<u64, ErrorReport> {
    insert_all(
        ledger,
        path,
        "INSERT INTO contacts (id, card_id, kind, at, rep, purpose, content, created_at, updated_at)
         VALUES (lower(hex(randomblob(16))), (SELECT id FROM cards WHERE code = ?1), 'visit',
            replace(substr(?2, 1, 10), '/', '-') || 'T' || substr(?2, 12, 5), ?3, ?4, ?5,
            '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        &[1, 0, 4, 5, 6],
    )
}

pub fn import(rows: u32, history_rows: u32, json: bool) -> Result<(), ErrorReport> {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("daicho-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    struct Cleanup(PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _cleanup = Cleanup(dir.clone());
    let list = dir.join("customers.csv");
    write_list(&list, rows)?;

    let mut base = Ledger::create(&dir.join("plain.daicho")).map_err(|e| e.report())?;
    reset_peak();
    let before = peak_kib();
    let (inserted, base_ms) = time(|| plain_insert(&mut base, &list));
    let inserted = inserted?;
    let base_kib = peak_kib().saturating_sub(before);

    let mut ledger = Ledger::create(&dir.join("import.daicho")).map_err(|e| e.report())?;
    let (preview, preview_ms) = time(|| ledger.import_preview(&list, &ImportRequest::default()));
    let preview = preview.map_err(|e| e.report())?;
    reset_peak();
    let before = peak_kib();
    let request = ImportRequest {
        mapping: Some(preview.mapping.clone()),
        ..ImportRequest::default()
    };
    let (outcome, import_ms) =
        time(|| ledger.import_apply(&list, &request, preview.rows, &mut |_, _| true));
    let outcome = outcome.map_err(|e| e.report())?;
    let import_kib = peak_kib().saturating_sub(before);

    // A contact history over the cards now in both ledgers.
    let history = dir.join("history.csv");
    write_history(
        &ledger,
        &history,
        history_rows,
        chrono::Local::now().date_naive(),
    )?;
    let (history_inserted, history_base_ms) = time(|| plain_history(&mut base, &history));
    let history_inserted = history_inserted?;
    let (history_preview, history_preview_ms) =
        time(|| ledger.import_preview(&history, &ImportRequest::default()));
    let history_preview = history_preview.map_err(|e| e.report())?;
    let (history_outcome, history_ms) = time(|| {
        ledger.import_apply(
            &history,
            &ImportRequest::default(),
            history_preview.rows,
            &mut |_, _| true,
        )
    });
    let history_outcome = history_outcome.map_err(|e| e.report())?;
    let contacts: i64 = ledger
        .connection()
        .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))
        .map_err(storage)?;
    let report = serde_json::json!({
        "rows": rows,
        "plain_insert": { "rows": inserted, "ms": base_ms.round(), "peak_growth_kib": base_kib },
        "preview": { "ms": preview_ms.round(), "valid": preview.valid, "problems": preview.with_problems,
                     "duplicates": preview.duplicate_count },
        "import": { "added": outcome.added, "merged": outcome.merged, "skipped": outcome.skipped,
                    "ms": import_ms.round(), "peak_growth_kib": import_kib,
                    "ratio": (import_ms / base_ms * 100.0).round() / 100.0 },
        "history": { "rows": history_rows, "plain_insert_ms": history_base_ms.round(),
                     "plain_inserted": history_inserted, "preview_ms": history_preview_ms.round(),
                     "problems": history_preview.with_problems, "ms": history_ms.round(),
                     "added": history_outcome.added, "merged": history_outcome.merged,
                     "contacts": contacts,
                     "ratio": (history_ms / history_base_ms * 100.0).round() / 100.0 },
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!("import of a {rows}-row CSV of realistic customers, against a plain bulk insert of the same rows");
        out!("  plain bulk insert        {inserted:>7} rows  {base_ms:>8.0} ms  1.00x  peak +{base_kib} KiB");
        out!(
            "  check (preview)          {:>7} rows  {preview_ms:>8.0} ms  {:.2}x",
            preview.rows,
            preview_ms / base_ms
        );
        out!(
            "  import                   {:>7} rows  {import_ms:>8.0} ms  {:.2}x  peak +{import_kib} KiB",
            outcome.added,
            import_ms / base_ms
        );
        out!("contact history of {history_rows} rows over those cards, against a plain insert into contacts");
        out!("  plain insert             {history_inserted:>7} rows  {history_base_ms:>8.0} ms  1.00x");
        out!(
            "  check (preview)          {:>7} rows  {history_preview_ms:>8.0} ms  {:.2}x",
            history_preview.rows,
            history_preview_ms / history_base_ms
        );
        out!(
            "  import                   {contacts:>7} contacts  {history_ms:>8.0} ms  {:.2}x",
            history_ms / history_base_ms
        );
    }
    Ok(())
}

//! The README's performance tables, written from the benchmarks' JSON (`bench/results/`, made by
//! `cargo xtask bench`): no figure in them is typed by hand. Each table sits between
//! `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`; `daicho bench readme --check` fails when
//! the README differs from what the results give, and a test runs it, so a table edited by hand
//! or a benchmark whose output changed shape is caught.

use std::path::Path;

use daicho_core::error::{AppError, Coded};
use daicho_core::ErrorReport;
use serde_json::Value;

/// Every table: its name in the README's markers and the result file it is made from.
pub const TABLES: [(&str, &str); 13] = [
    ("machine", "machine.json"),
    ("demo", "demo.json"),
    ("classify", "classify.json"),
    ("plan", "plan.json"),
    ("export", "export.json"),
    ("search", "search.json"),
    ("open", "open.json"),
    ("list", "list.json"),
    ("import", "import.json"),
    ("encryption", "encryption.json"),
    ("backup", "backup.json"),
    ("crash", "crash.json"),
    ("startup", "startup.json"),
];

fn fail(detail: String) -> ErrorReport {
    AppError::Unknown { detail }.report()
}

/// A field of a result, or an error naming it: a benchmark that stopped writing a field the
/// README reads fails the check instead of printing a blank.
fn at<'a>(v: &'a Value, path: &str) -> Result<&'a Value, ErrorReport> {
    path.split('.')
        .try_fold(v, |v, key| v.get(key))
        .filter(|v| !v.is_null())
        .ok_or_else(|| fail(format!("the results have no `{path}`")))
}

fn num(v: &Value, path: &str) -> Result<f64, ErrorReport> {
    at(v, path)?
        .as_f64()
        .ok_or_else(|| fail(format!("`{path}` is not a number")))
}

fn text<'a>(v: &'a Value, path: &str) -> Result<&'a str, ErrorReport> {
    at(v, path)?
        .as_str()
        .ok_or_else(|| fail(format!("`{path}` is not text")))
}

/// 1234567 → "1,234,567".
fn count(n: f64) -> String {
    let digits = format!("{:.0}", n.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A duration in ms as people read it: "0.81 ms", "17 ms", "1.29 s".
fn ms(v: f64) -> String {
    if v >= 1000.0 {
        format!("{:.2} s", v / 1000.0)
    } else if v >= 10.0 {
        format!("{v:.0} ms")
    } else {
        format!("{v:.2} ms")
    }
}

fn ratio(v: f64) -> String {
    format!("{v:.2}×")
}

fn kib(v: f64) -> String {
    if v >= 1024.0 {
        format!("+{:.1} MiB", v / 1024.0)
    } else {
        format!("+{v:.0} KiB")
    }
}

fn table(head: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(head.len()));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

/// Where and when the figures were measured: one line, or, when `cargo xtask bench NAME`
/// re-ran some benchmarks on another day or machine, a line per machine naming its tables.
fn machine(r: &Value) -> Result<String, ErrorReport> {
    let line = |m: &Value| -> Result<String, ErrorReport> {
        Ok(format!(
            "`cargo xtask bench` on {}: {}, {} cores, release build",
            text(m, "date")?,
            text(m, "cpu")?,
            num(m, "cores")?
        ))
    };
    let Some(runs) = r.get("runs").and_then(Value::as_object) else {
        return Ok(format!("Figures from {}.\n", line(r)?));
    };
    // Benchmarks grouped by where they ran, in the order they are first named.
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (name, m) in runs {
        let where_ = line(m)?;
        match groups.iter_mut().find(|(w, _)| *w == where_) {
            Some((_, names)) => names.push(name),
            None => groups.push((where_, vec![name])),
        }
    }
    if let [(only, _)] = &groups[..] {
        return Ok(format!("Figures from {only}.\n"));
    }
    let mut out = String::from("Figures from:\n\n");
    for (where_, names) in groups {
        out.push_str(&format!("- {where_} ({})\n", names.join(", ")));
    }
    Ok(out)
}

fn demo(r: &Value) -> Result<String, ErrorReport> {
    Ok(table(
        &[
            "work",
            "time",
            "file",
            "a card",
            "a contact",
            "a transaction",
            "history a card",
        ],
        vec![vec![
            format!(
                "`daicho demo --cards {}` ({} contacts, {} transactions)",
                num(r, "cards")?,
                count(num(r, "rows.contacts")?),
                count(num(r, "rows.transactions")?)
            ),
            ms(num(r, "ms")?),
            format!("{:.0} MB", num(r, "file_bytes")? / 1e6),
            format!("{} bytes", count(num(r, "bytes_per_card")?)),
            format!("{} bytes", count(num(r, "bytes_per_contact")?)),
            format!("{} bytes", count(num(r, "bytes_per_transaction")?)),
            format!("{} bytes", count(num(r, "history_bytes_per_card")?)),
        ]],
    ))
}

fn classify(r: &Value) -> Result<String, ErrorReport> {
    let base = num(r, "baseline_aggregate_ms")?;
    Ok(table(
        &["operation", "time", "ratio to the baseline"],
        vec![
            vec![
                format!(
                    "baseline: `SELECT card_id, sum(amount) … GROUP BY card_id` over {} transactions",
                    count(num(r, "transactions")?)
                ),
                ms(base),
                ratio(1.0),
            ],
            vec![
                format!(
                    "classify {} cards (classes, lists and reasons; read-only)",
                    count(num(r, "cards")?)
                ),
                ms(num(r, "classify_ms")?),
                ratio(num(r, "classify_ratio")?),
            ],
            vec![
                "re-classify, first run (stores every card's classes and their history)".into(),
                ms(num(r, "reclassify_first_ms")?),
                ratio(num(r, "reclassify_first_ratio")?),
            ],
            vec![
                "re-classify, nothing changed".into(),
                ms(num(r, "reclassify_unchanged_ms")?),
                ratio(num(r, "reclassify_unchanged_ratio")?),
            ],
        ],
    ))
}

fn plan(r: &Value) -> Result<String, ErrorReport> {
    Ok(table(
        &["operation", "time", "ratio to the baseline"],
        vec![
            vec![
                format!(
                    "baseline: two fiscal years of {} transactions `… GROUP BY card_id, product_id, month`",
                    count(num(r, "transactions")?)
                ),
                ms(num(r, "baseline_aggregate_ms")?),
                ratio(1.0),
            ],
            vec![
                format!(
                    "plan against actual: {} lines over {} cards, month by month, last year, to date",
                    num(r, "lines")?,
                    count(num(r, "cards")?)
                ),
                ms(num(r, "overview_ms")?),
                ratio(num(r, "ratio")?),
            ],
        ],
    ))
}

fn export(r: &Value) -> Result<String, ErrorReport> {
    let row = |key: &str, label: &str| -> Result<Vec<String>, ErrorReport> {
        Ok(vec![
            label.into(),
            count(num(r, &format!("{key}.rows"))?),
            ms(num(r, &format!("{key}.ms"))?),
            ms(num(r, &format!("{key}.baseline_ms"))?),
            ratio(num(r, &format!("{key}.ratio"))?),
            kib(num(r, &format!("{key}.peak_growth_kib"))?),
        ])
    };
    Ok(table(
        &[
            "export",
            "rows",
            "Daicho",
            "rust_xlsxwriter directly",
            "ratio",
            "peak memory growth",
        ],
        vec![
            row("list", "customer list")?,
            row("history", "contact history")?,
        ],
    ))
}

fn search(r: &Value) -> Result<String, ErrorReport> {
    let results = at(r, "results")?
        .as_array()
        .ok_or_else(|| fail("`results` is not a list".into()))?;
    let mut worst = (String::new(), 0.0);
    for q in results {
        let m = num(q, "median_ms")?;
        if m > worst.1 {
            worst = (text(q, "query")?.to_owned(), m);
        }
    }
    let made = format!(
        "\nThe benchmark ledger ({} cards, {} contacts, written in bulk with its search index built \
         at the end) took {} to generate.\n",
        count(num(r, "cards")?),
        count(num(r, "contacts")?),
        ms(num(r, "generate_ms")?)
    );
    Ok(table(
        &["operation", "median", "p95", "ratio to the baseline"],
        vec![
            vec![
                format!("raw FTS5 MATCH, {} queries (baseline)", num(r, "queries")?),
                ms(num(r, "raw_fts_median_ms")?),
                ms(num(r, "raw_fts_p95_ms")?),
                ratio(1.0),
            ],
            vec![
                "search box: customers, contacts, notes, marked".into(),
                ms(num(r, "search_median_ms")?),
                ms(num(r, "search_p95_ms")?),
                format!("{} (p95)", ratio(num(r, "p95_vs_raw_fts")?)),
            ],
            vec![
                format!("— slowest query, `{}`", worst.0),
                ms(worst.1),
                String::new(),
                String::new(),
            ],
            vec![
                "LIKE scan of the same texts".into(),
                ms(num(r, "like_median_ms")?),
                ms(num(r, "like_p95_ms")?),
                String::new(),
            ],
        ],
    ) + &made)
}

fn open(r: &Value) -> Result<String, ErrorReport> {
    Ok(table(
        &["operation", "median", "p95", "ratio to the baseline"],
        vec![
            vec![
                "two plain SELECTs of a card and 100 contacts (baseline)".into(),
                ms(num(r, "raw_select_median_ms")?),
                ms(num(r, "raw_select_p95_ms")?),
                ratio(1.0),
            ],
            vec![
                format!(
                    "open a card with its newest 100 contacts ({} cards)",
                    num(r, "cards_opened")?
                ),
                ms(num(r, "open_median_ms")?),
                ms(num(r, "open_p95_ms")?),
                format!("{} (median)", ratio(num(r, "median_ratio")?)),
            ],
        ],
    ))
}

fn list(r: &Value) -> Result<String, ErrorReport> {
    let mut rows = vec![
        vec![
            format!("{} rows by rowid range (baseline)", num(r, "block")?),
            ms(num(r, "rowid_range_median_ms")?),
            ms(num(r, "rowid_range_p95_ms")?),
            ratio(1.0),
        ],
        vec![
            "card list block, any order and depth".into(),
            ms(num(r, "window_median_ms")?),
            ms(num(r, "window_p95_ms")?),
            format!("{} (median)", ratio(num(r, "median_ratio")?)),
        ],
    ];
    for s in at(r, "by_sort")?
        .as_array()
        .ok_or_else(|| fail("`by_sort` is not a list".into()))?
    {
        let filter = match text(s, "filter")? {
            "none" => format!("all {} cards", count(num(s, "cards")?)),
            status => format!("{status} only ({} cards)", count(num(s, "cards")?)),
        };
        rows.push(vec![
            format!("— by {}, {filter}", text(s, "sort")?.replace('_', " ")),
            ms(num(s, "median_ms")?),
            ms(num(s, "p95_ms")?),
            String::new(),
        ]);
    }
    Ok(table(
        &["operation", "median", "p95", "ratio to the baseline"],
        rows,
    ))
}

fn import(r: &Value) -> Result<String, ErrorReport> {
    let base = num(r, "plain_insert.ms")?;
    Ok(table(
        &[
            "operation",
            "rows",
            "time",
            "ratio to the baseline",
            "peak memory growth",
        ],
        vec![
            vec![
                "plain bulk insert (baseline)".into(),
                count(num(r, "plain_insert.rows")?),
                ms(base),
                ratio(1.0),
                kib(num(r, "plain_insert.peak_growth_kib")?),
            ],
            vec![
                "check every row (the preview)".into(),
                count(num(r, "rows")?),
                ms(num(r, "preview.ms")?),
                ratio(num(r, "preview.ms")? / base.max(1.0)),
                String::new(),
            ],
            vec![
                format!(
                    "import ({} likely duplicates skipped)",
                    count(num(r, "import.skipped")?)
                ),
                count(num(r, "import.added")?),
                ms(num(r, "import.ms")?),
                ratio(num(r, "import.ratio")?),
                kib(num(r, "import.peak_growth_kib")?),
            ],
            vec![
                "contact history: plain insert into contacts (baseline)".into(),
                count(num(r, "history.plain_inserted")?),
                ms(num(r, "history.plain_insert_ms")?),
                ratio(1.0),
                String::new(),
            ],
            vec![
                "contact history: import (each row checked, its card found, history written)"
                    .into(),
                count(num(r, "history.rows")?),
                ms(num(r, "history.ms")?),
                ratio(num(r, "history.ratio")?),
                String::new(),
            ],
        ],
    ))
}

fn encryption(r: &Value) -> Result<String, ErrorReport> {
    let mut rows = Vec::new();
    for w in at(r, "work")?
        .as_array()
        .ok_or_else(|| fail("`work` is not a list".into()))?
    {
        rows.push(vec![
            text(w, "work")?.to_owned(),
            ms(num(w, "encrypted_median_ms")?),
            ms(num(w, "plain_median_ms")?),
            ratio(num(w, "median_ratio")?),
            w.get("p95_ratio")
                .and_then(Value::as_f64)
                .map_or_else(|| "—".into(), ratio),
        ]);
    }
    Ok(table(
        &[
            "work",
            "encrypted",
            "plain",
            "ratio (median)",
            "ratio (p95)",
        ],
        rows,
    ))
}

fn backup(r: &Value) -> Result<String, ErrorReport> {
    Ok(table(
        &["operation", "time", "ratio to the baseline"],
        vec![
            vec![
                format!(
                    "plain copy of the {:.0} MB ledger file, synced (baseline)",
                    num(r, "ledger_mb")?
                ),
                ms(num(r, "copy_ms")?),
                ratio(1.0),
            ],
            vec![
                "backup: one moment of the file copied, synced, read back and compared".into(),
                ms(num(r, "backup_ms")?),
                ratio(num(r, "backup_ratio")?),
            ],
            vec![
                "restore into a new file (the backup checked whole first)".into(),
                ms(num(r, "restore_new_file_ms")?),
                ratio(num(r, "restore_ratio")?),
            ],
        ],
    ))
}

fn crash(r: &Value) -> Result<String, ErrorReport> {
    let failures = at(r, "failures")?.as_array().map_or(0, Vec::len);
    Ok(table(
        &[
            "kills",
            "mid-write",
            "ledgers checked",
            "saves reported and found",
            "backups found whole",
            "failures",
            "time",
        ],
        vec![vec![
            count(num(r, "kills")?),
            count(num(r, "killed_mid_write")?),
            count(num(r, "ledgers_checked")?),
            count(num(r, "saves_reported")?),
            count(num(r, "backups_checked")?),
            failures.to_string(),
            format!("{:.0} s", num(r, "seconds")?),
        ]],
    ))
}

fn startup(r: &Value) -> Result<String, ErrorReport> {
    let row = |key: &str, label: &str| -> Result<Vec<String>, ErrorReport> {
        let ratios = if key == "minimal" {
            (ratio(1.0), ratio(1.0))
        } else {
            (
                ratio(num(r, &format!("{key}.painted_ratio"))?),
                ratio(num(r, &format!("{key}.memory_ratio"))?),
            )
        };
        Ok(vec![
            label.into(),
            ms(num(r, &format!("{key}.painted_ms"))?),
            ratios.0,
            format!("{:.0} MiB", num(r, &format!("{key}.memory_mib"))?),
            ratios.1,
        ])
    };
    Ok(table(
        &[
            "app",
            "list painted",
            "ratio",
            "peak memory (with WebKit's processes)",
            "ratio",
        ],
        vec![
            row(
                "minimal",
                "a minimal Tauri 2 app with a Svelte page (baseline)",
            )?,
            row("demo", "Daicho on the demo ledger")?,
            row("big", "Daicho on the 100,000-card benchmark ledger")?,
        ],
    ))
}

/// The table `name` from its result.
pub fn render(name: &str, result: &Value) -> Result<String, ErrorReport> {
    match name {
        "machine" => machine(result),
        "demo" => demo(result),
        "classify" => classify(result),
        "plan" => plan(result),
        "export" => export(result),
        "search" => search(result),
        "open" => open(result),
        "list" => list(result),
        "import" => import(result),
        "encryption" => encryption(result),
        "backup" => backup(result),
        "crash" => crash(result),
        "startup" => startup(result),
        _ => Err(fail(format!("no table is called {name}"))),
    }
}

/// `readme` with every table written from the results in `results`.
pub fn rewrite(readme: &str, results: &Path) -> Result<String, ErrorReport> {
    let mut out = readme.to_owned();
    for (name, file) in TABLES {
        let path = results.join(file);
        let raw =
            std::fs::read_to_string(&path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        let result: Value =
            serde_json::from_str(&raw).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        let (open, close) = (
            format!("<!-- bench:{name} -->\n"),
            format!("<!-- /bench:{name} -->"),
        );
        let start = out
            .find(&open)
            .ok_or_else(|| fail(format!("the README has no {}", open.trim())))?
            + open.len();
        let end = out[start..]
            .find(&close)
            .ok_or_else(|| fail(format!("the README has no {close}")))?
            + start;
        out.replace_range(start..end, &render(name, &result)?);
    }
    Ok(out)
}

/// `daicho bench readme`: rewrites the README's tables, or with `check` only says whether they
/// are what the results give (exit 1 when not).
pub fn run(readme: &Path, results: &Path, check: bool) -> Result<(), ErrorReport> {
    let now =
        std::fs::read_to_string(readme).map_err(|e| fail(format!("{}: {e}", readme.display())))?;
    let new = rewrite(&now, results)?;
    if check {
        if new != now {
            return Err(fail(format!(
                "{}'s performance tables are not what {} gives: run `cargo xtask bench` (or `daicho bench readme`)",
                readme.display(),
                results.display()
            )));
        }
        return Ok(());
    }
    std::fs::write(readme, new).map_err(|e| fail(format!("{}: {e}", readme.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_durations_read_as_people_write_them() {
        assert_eq!(count(1_234_567.0), "1,234,567");
        assert_eq!(count(999.0), "999");
        assert_eq!(ms(0.812), "0.81 ms");
        assert_eq!(ms(17.4), "17 ms");
        assert_eq!(ms(1290.0), "1.29 s");
    }

    #[test]
    fn a_result_missing_a_field_the_table_reads_is_an_error_not_a_blank() {
        let e = render("backup", &serde_json::json!({ "copy_ms": 1.0 })).unwrap_err();
        assert!(format!("{e:?}").contains("backup_ms") || format!("{e:?}").contains("ledger_mb"));
    }
}

//! `daicho bench encryption`: what encryption at rest costs. The same generated ledger, as
//! Daicho keeps it (SQLCipher) and as a plain SQLite copy, measured alternately in one process:
//! opening cards with their contacts, the search box, blocks of the card list in every sort, and
//! an import of a generated list into an empty ledger of each kind.

use std::path::PathBuf;

use daicho_core::card_list::{CardQuery, CardSort};
use daicho_core::error::Coded;
use daicho_core::import::ImportRequest;
use daicho_core::{ErrorReport, Ledger};

use super::search::{percentile, prepare, round1, QUERIES};
use super::{median, storage, time};

const ROUNDS: usize = 4;

/// Median and p95 of one kind of work on both ledgers, and their ratio.
struct Pair {
    name: &'static str,
    encrypted: Vec<f64>,
    plain: Vec<f64>,
}

impl Pair {
    fn new(name: &'static str) -> Pair {
        Pair {
            name,
            encrypted: Vec::new(),
            plain: Vec::new(),
        }
    }
    fn json(&self) -> serde_json::Value {
        let (em, ep) = (
            median(self.encrypted.clone()),
            percentile(self.encrypted.clone(), 0.95),
        );
        let (pm, pp) = (
            median(self.plain.clone()),
            percentile(self.plain.clone(), 0.95),
        );
        serde_json::json!({
            "work": self.name, "samples": self.encrypted.len(),
            "encrypted_median_ms": round1(em), "encrypted_p95_ms": round1(ep),
            "plain_median_ms": round1(pm), "plain_p95_ms": round1(pp),
            "median_ratio": (em / pm * 100.0).round() / 100.0,
            "p95_ratio": (ep / pp * 100.0).round() / 100.0,
        })
    }
}

/// Runs `work` on both ledgers, the encrypted one first on even samples and the plain one
/// first on odd ones, so that neither always finds the other's pages warm.
fn alternate<T>(
    pair: &mut Pair,
    sample: usize,
    count: bool,
    encrypted: &Ledger,
    plain: &Ledger,
    work: impl Fn(&Ledger) -> Result<T, ErrorReport>,
) -> Result<(), ErrorReport> {
    let mut run = |ledger: &Ledger, is_plain: bool| -> Result<(), ErrorReport> {
        let (done, ms) = time(|| work(ledger));
        done?;
        if count {
            if is_plain {
                pair.plain.push(ms);
            } else {
                pair.encrypted.push(ms);
            }
        }
        Ok(())
    };
    if sample.is_multiple_of(2) {
        run(encrypted, false)?;
        run(plain, true)
    } else {
        run(plain, true)?;
        run(encrypted, false)
    }
}

pub fn encryption(
    cards: u32,
    contacts: u32,
    rows: u32,
    json: bool,
    reuse: Option<PathBuf>,
) -> Result<(), ErrorReport> {
    let (encrypted, _cleanup, generate_ms) = prepare(cards, contacts, reuse)?;
    let dir = tempfile::tempdir().map_err(|source| {
        daicho_core::error::LedgerError::Io {
            path: std::env::temp_dir(),
            source,
        }
        .report()
    })?;
    let plain = encrypted
        .plain_copy_for_benchmark(&dir.path().join("plain.daicho"))
        .map_err(|e| e.report())?;

    let ids: Vec<daicho_core::ids::CardId> = encrypted
        .connection()
        .prepare("SELECT id FROM cards WHERE rowid % (SELECT max(1, count(*) / 40) FROM cards) = 0 LIMIT 40")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(storage)?;
    let mut open = Pair::new("open a card with its newest 100 contacts");
    let mut search = Pair::new("search box");
    let mut list = Pair::new("card list block of 200 rows");
    let mut sample = 0;
    for round in 0..ROUNDS {
        let count = round > 0;
        for id in &ids {
            alternate(&mut open, sample, count, &encrypted, &plain, |l| {
                l.card(id).map_err(|e| e.report())?;
                l.recent_contacts(id, 100).map_err(|e| e.report())
            })?;
            sample += 1;
        }
        for query in QUERIES {
            alternate(&mut search, sample, count, &encrypted, &plain, |l| {
                l.search(query, 20).map_err(|e| e.report())
            })?;
            sample += 1;
        }
        for sort in [
            CardSort::Reading,
            CardSort::Name,
            CardSort::Updated,
            CardSort::LastContact,
        ] {
            for depth in [0.0, 0.5, 1.0] {
                let offset = (f64::from(cards.saturating_sub(200)) * depth) as u32;
                alternate(&mut list, sample, count, &encrypted, &plain, |l| {
                    l.list_cards(&CardQuery {
                        sort,
                        offset,
                        limit: 200,
                        ..CardQuery::default()
                    })
                    .map_err(|e| e.report())
                })?;
                sample += 1;
            }
        }
    }

    // An import of `rows` generated customers into an empty ledger of each kind.
    let csv = dir.path().join("list.csv");
    super::import::write_list(&csv, rows)?;
    let mut import = Pair::new("import of a generated list");
    let empty = Ledger::create(&dir.path().join("empty.daicho")).map_err(|e| e.report())?;
    for (i, is_plain) in [(0, false), (1, true), (2, true), (3, false)] {
        let mut target = if is_plain {
            empty
                .plain_copy_for_benchmark(&dir.path().join(format!("import-plain-{i}.daicho")))
                .map_err(|e| e.report())?
        } else {
            Ledger::create(&dir.path().join(format!("import-{i}.daicho")))
                .map_err(|e| e.report())?
        };
        let preview = target
            .import_preview(&csv, &ImportRequest::default())
            .map_err(|e| e.report())?;
        let request = ImportRequest {
            mapping: Some(preview.mapping.clone()),
            ..ImportRequest::default()
        };
        let (done, ms) =
            time(|| target.import_apply(&csv, &request, preview.rows, &mut |_, _| true));
        done.map_err(|e| e.report())?;
        if is_plain {
            import.plain.push(ms);
        } else {
            import.encrypted.push(ms);
        }
    }

    let figures: Vec<serde_json::Value> = [&open, &search, &list, &import]
        .iter()
        .map(|p| p.json())
        .collect();
    let report = serde_json::json!({
        "cards": cards, "contacts": contacts, "import_rows": rows,
        "generate_ms": generate_ms.round(), "work": figures,
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!("encrypted (SQLCipher) against a plain copy of the same ledger, alternately in one process");
        out!("                                              encrypted        plain      ratio");
        for f in &figures {
            out!(
                "  {:<40} {:>9.2} ms {:>9.2} ms   {:.2}x (median; p95 {:.2}x)",
                f["work"].as_str().unwrap_or_default(),
                f["encrypted_median_ms"].as_f64().unwrap_or_default(),
                f["plain_median_ms"].as_f64().unwrap_or_default(),
                f["median_ratio"].as_f64().unwrap_or_default(),
                f["p95_ratio"].as_f64().unwrap_or_default()
            );
        }
    }
    Ok(())
}

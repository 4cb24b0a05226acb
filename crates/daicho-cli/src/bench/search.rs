//! `daicho bench search` and `daicho bench open` on a generated ledger of realistic customers in
//! four markets (100,000 cards with 1,000,000 contacts by default):
//! - search: the search box's results (cards, contacts, notes, marked) for a set of queries a
//!   rep types, against the same FTS5 MATCH queries returning bare rowids, and against a LIKE
//!   scan of the same texts; median and p95 over every query and round;
//! - open: a card with its newest 100 contacts, against the two plain SELECTs of those rows.

use std::path::PathBuf;

use daicho_core::demo::bulk;
use daicho_core::error::{Coded, ContactError};
use daicho_core::search::{FtsQuery, RANKED_PER_TIER};
use daicho_core::text::{like_pattern, normalize};
use daicho_core::{ErrorReport, Ledger, NewLedger};

use super::{median, storage, time, TempLedger};

/// What reps type: names and readings (one and two CJK letters, kana in either script, half
/// width), company words, contact words, phone fragments and codes, in four languages.
pub const QUERIES: &[&str] = &[
    "佐",
    "佐藤",
    "さとう",
    "ｻﾄｳ",
    "株式会社",
    "見積",
    "納期の確認",
    "たなか",
    "李",
    "王",
    "上海",
    "有限公司",
    "报价",
    "交货期",
    "김",
    "김민",
    "서울",
    "견적",
    "(주)",
    "smith",
    "john",
    "quote",
    "delivery",
    "090-12",
    "5678",
    "s-00012",
];

/// Rounds over the query set; the first warms the caches and is not counted.
const ROUNDS: usize = 4;

/// Opens the ledger at `reuse` when it exists, else generates one (kept at `reuse` when given).
pub(super) fn prepare(
    cards: u32,
    contacts: u32,
    reuse: Option<PathBuf>,
) -> Result<(Ledger, Option<TempLedger>, f64), ErrorReport> {
    if let Some(path) = reuse.as_ref().filter(|p| p.exists()) {
        return Ok((Ledger::open(path).map_err(|e| e.report())?, None, 0.0));
    }
    let path = reuse.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("daicho-bench-search-{}.daicho", std::process::id()))
    });
    let cleanup = reuse.is_none().then(|| TempLedger(path.clone()));
    let today = chrono::Local::now().date_naive();
    // Written before it is named, as `daicho demo` writes a new ledger.
    let (made, ms) = time(|| -> Result<Ledger, ErrorReport> {
        let mut new = NewLedger::start(&path).map_err(|e| e.report())?;
        bulk::customers(new.ledger(), cards, contacts, 7, today).map_err(storage)?;
        new.finish().map_err(|e| e.report())
    });
    Ok((made?, cleanup, ms))
}

pub(super) fn percentile(mut ms: Vec<f64>, p: f64) -> f64 {
    ms.sort_by(f64::total_cmp);
    let at = ((ms.len() as f64 - 1.0) * p).round() as usize;
    ms.get(at).copied().unwrap_or(0.0)
}

pub(super) fn round1(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The MATCH queries the search box runs (each card tier's ranked window, contacts, notes),
/// returning rowids only.
fn raw_fts(ledger: &Ledger, fts: &FtsQuery) -> rusqlite::Result<usize> {
    let conn = ledger.connection();
    let mut n = 0;
    let mut cards = conn.prepare_cached(
        "SELECT rowid FROM (SELECT rowid, rank FROM card_fts WHERE card_fts MATCH ?1
            ORDER BY rowid DESC LIMIT ?2) ORDER BY rank, rowid DESC",
    )?;
    // Like the box, stop once a page of cards is found.
    for tier in fts.card_tiers() {
        if n >= 21 {
            break;
        }
        n += cards
            .query_map(rusqlite::params![tier, RANKED_PER_TIER], |r| {
                r.get::<_, i64>(0)
            })?
            .count();
    }
    if let Some(text) = fts.text_match() {
        for table in ["contact_fts", "note_fts"] {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT 21"
            ))?;
            n += stmt.query_map([&text], |r| r.get::<_, i64>(0))?.count();
        }
    }
    Ok(n)
}

/// A scan with LIKE over the same texts (cards' normalised haystack, contacts' and notes' text).
fn like_scan(ledger: &Ledger, query: &str) -> rusqlite::Result<usize> {
    let conn = ledger.connection();
    let pattern = like_pattern(&normalize(query));
    let raw = like_pattern(query);
    let mut n = 0;
    for (sql, param) in [
        (
            "SELECT id FROM cards WHERE deleted_at IS NULL AND search_text LIKE ?1 ESCAPE '\\' LIMIT 21",
            &pattern,
        ),
        (
            "SELECT id FROM contacts WHERE purpose LIKE ?1 ESCAPE '\\' OR content LIKE ?1 ESCAPE '\\'
                OR outcome LIKE ?1 ESCAPE '\\' OR next_action LIKE ?1 ESCAPE '\\' LIMIT 21",
            &raw,
        ),
        (
            "SELECT id FROM notes WHERE search_text LIKE ?1 ESCAPE '\\' LIMIT 21",
            &pattern,
        ),
    ] {
        let mut stmt = conn.prepare_cached(sql)?;
        n += stmt.query_map([param], |r| r.get::<_, String>(0))?.count();
    }
    Ok(n)
}

pub fn search(
    cards: u32,
    contacts: u32,
    json: bool,
    reuse: Option<PathBuf>,
) -> Result<(), ErrorReport> {
    let (ledger, _cleanup, generate_ms) = prepare(cards, contacts, reuse)?;
    let (mut ours, mut raw, mut like) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = Vec::new();
    let mut per_query: Vec<Vec<(f64, f64)>> = vec![Vec::new(); QUERIES.len()];
    for round in 0..ROUNDS {
        for (q, query) in QUERIES.iter().enumerate() {
            let Some(fts) = FtsQuery::parse(query) else {
                continue;
            };
            let (n, raw_ms) = time(|| raw_fts(&ledger, &fts));
            n.map_err(storage)?;
            let (results, ours_ms) = time(|| ledger.search(query, 20));
            let results = results.map_err(|e| e.report())?;
            // LIKE scans take long; one counted round of them is enough.
            if round == 1 {
                let (n, like_ms) = time(|| like_scan(&ledger, query));
                n.map_err(storage)?;
                like.push(like_ms);
            }
            if round > 0 {
                ours.push(ours_ms);
                raw.push(raw_ms);
                if let Some(times) = per_query.get_mut(q) {
                    times.push((ours_ms, raw_ms));
                }
            }
            if round == 0 {
                found.push(serde_json::json!({
                    "query": query,
                    "cards": results.cards.len(), "more_cards": results.more_cards,
                    "contacts": results.contacts.len(), "notes": results.notes.len(),
                }));
            }
        }
    }
    for (entry, times) in found.iter_mut().zip(&per_query) {
        let ours: Vec<f64> = times.iter().map(|t| t.0).collect();
        let raw: Vec<f64> = times.iter().map(|t| t.1).collect();
        entry["median_ms"] = serde_json::json!(round1(median(ours)));
        entry["raw_median_ms"] = serde_json::json!(round1(median(raw)));
    }
    let figures = |ms: &Vec<f64>| (median(ms.clone()), percentile(ms.clone(), 0.95));
    let (ours_med, ours_p95) = figures(&ours);
    let (raw_med, raw_p95) = figures(&raw);
    let (like_med, like_p95) = figures(&like);
    let (cards_n, contacts_n) = counts(&ledger)?;
    let report = serde_json::json!({
        "cards": cards_n,
        "contacts": contacts_n,
        "generate_ms": generate_ms.round(),
        "queries": QUERIES.len(),
        "samples": ours.len(),
        "search_median_ms": round1(ours_med), "search_p95_ms": round1(ours_p95),
        "raw_fts_median_ms": round1(raw_med), "raw_fts_p95_ms": round1(raw_p95),
        "like_median_ms": round1(like_med), "like_p95_ms": round1(like_p95),
        "p95_vs_raw_fts": round1(ours_p95 / raw_p95),
        "median_vs_raw_fts": round1(ours_med / raw_med),
        "p95_vs_like": round1(ours_p95 / like_p95),
        "results": found,
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!(
            "search over {cards_n} cards and {contacts_n} contacts: {} queries in four languages, {} samples",
            QUERIES.len(),
            ours.len()
        );
        out!("                        median        p95");
        out!("  raw FTS5 MATCH      {raw_med:>7.2} ms {raw_p95:>7.2} ms   1.00x");
        out!(
            "  search box          {ours_med:>7.2} ms {ours_p95:>7.2} ms   {:.2}x (p95)",
            ours_p95 / raw_p95
        );
        out!(
            "  LIKE scan           {like_med:>7.2} ms {like_p95:>7.2} ms   {:.2}x (p95)",
            like_p95 / raw_p95
        );
    }
    Ok(())
}

fn counts(ledger: &Ledger) -> Result<(i64, i64), ErrorReport> {
    let conn = ledger.connection();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    Ok((
        count("SELECT count(*) FROM cards").map_err(storage)?,
        count("SELECT count(*) FROM contacts").map_err(storage)?,
    ))
}

/// Cards to open: the 20 with the most contacts and 20 others spread over the ledger.
fn cards_to_open(ledger: &Ledger) -> rusqlite::Result<Vec<daicho_core::ids::CardId>> {
    let conn = ledger.connection();
    let mut ids: Vec<daicho_core::ids::CardId> = conn
        .prepare("SELECT card_id FROM contacts GROUP BY card_id ORDER BY count(*) DESC LIMIT 20")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let spread: Vec<daicho_core::ids::CardId> = conn
        .prepare("SELECT id FROM cards WHERE rowid % (SELECT max(1, count(*) / 20) FROM cards) = 0 LIMIT 20")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.extend(spread);
    Ok(ids)
}

pub fn open(
    cards: u32,
    contacts: u32,
    json: bool,
    reuse: Option<PathBuf>,
) -> Result<(), ErrorReport> {
    let (ledger, _cleanup, generate_ms) = prepare(cards, contacts, reuse)?;
    let ids = cards_to_open(&ledger).map_err(storage)?;
    let raw = |id: &str| -> rusqlite::Result<usize> {
        let conn = ledger.connection();
        let mut card = conn.prepare_cached("SELECT * FROM cards WHERE id = ?1")?;
        let mut n = card.query_map([id], |r| r.get::<_, String>(0))?.count();
        let mut rows = conn.prepare_cached(
            "SELECT * FROM contacts WHERE card_id = ?1 ORDER BY at DESC, id DESC LIMIT 100",
        )?;
        n += rows.query_map([id], |r| r.get::<_, String>(0))?.count();
        Ok(n)
    };
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    let mut most = 0;
    for round in 0..ROUNDS {
        for id in &ids {
            let (n, base_ms) = time(|| raw(id));
            n.map_err(storage)?;
            let (opened, ours_ms) = time(|| {
                ledger
                    .card(id)
                    .map_err(ContactError::from)
                    .and_then(|_| ledger.recent_contacts(id, 100))
            });
            let page = opened.map_err(|e| e.report())?;
            most = most.max(page.total);
            if round > 0 {
                ours.push(ours_ms);
                base.push(base_ms);
            }
        }
    }
    let (ours_med, ours_p95) = (median(ours.clone()), percentile(ours.clone(), 0.95));
    let (base_med, base_p95) = (median(base.clone()), percentile(base.clone(), 0.95));
    let (cards_n, contacts_n) = counts(&ledger)?;
    let report = serde_json::json!({
        "cards": cards_n, "contacts": contacts_n, "generate_ms": generate_ms.round(),
        "cards_opened": ids.len(), "most_contacts_on_a_card": most,
        "open_median_ms": round1(ours_med), "open_p95_ms": round1(ours_p95),
        "raw_select_median_ms": round1(base_med), "raw_select_p95_ms": round1(base_p95),
        "median_ratio": round1(ours_med / base_med), "p95_ratio": round1(ours_p95 / base_p95),
    });
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!(
            "opening a card with its newest 100 contacts ({} cards, up to {most} contacts each) in {cards_n} cards / {contacts_n} contacts",
            ids.len()
        );
        out!("                        median        p95");
        out!("  two plain SELECTs   {base_med:>7.2} ms {base_p95:>7.2} ms   1.00x");
        out!(
            "  open card           {ours_med:>7.2} ms {ours_p95:>7.2} ms   {:.2}x (median)",
            ours_med / base_med
        );
    }
    Ok(())
}

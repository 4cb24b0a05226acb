//! `daicho log FILE`: the ledger's copies log, newest first.

use std::path::Path;

use daicho_core::copies::{self, CopyEntry, CopyKind};
use daicho_core::error::Coded;
use daicho_core::i18n::{self, Lang};
use daicho_core::ErrorReport;

pub fn run(file: &Path, json: bool, lang: Lang) -> Result<(), ErrorReport> {
    let log = copies::list_at(file).map_err(|e| e.report())?;
    if json {
        out_json!(serde_json::to_string_pretty(&log).unwrap_or_default());
        return Ok(());
    }
    if log.is_empty() {
        out!("{}", message(lang, "copies.empty", &[]));
    }
    for entry in &log {
        out!("{}", line(entry, lang));
    }
    Ok(())
}

fn message(lang: Lang, key: &str, params: &[(&str, String)]) -> String {
    let params = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    i18n::message(lang, key, &params)
}

/// One entry: when, what kind, what, how many cards, who, the filter, where.
fn line(e: &CopyEntry, lang: Lang) -> String {
    let at = chrono::DateTime::parse_from_rfc3339(&e.at)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| e.at.clone());
    let kind = message(lang, &format!("copies.kind.{}", e.kind.as_str()), &[]);
    let what = match e.kind {
        CopyKind::Report => message(lang, &format!("reports.kind.{}", e.what), &[]),
        CopyKind::Backup => message(lang, &format!("backup.reason.{}", e.what), &[]),
        CopyKind::Handover => message(lang, "copies.to", &[("name", e.what.clone())]),
        CopyKind::Restore => String::new(),
    };
    let cards = e
        .cards
        .map(|n| {
            message(
                lang,
                "copies.cards",
                &[("count", i18n::grouped(i64::from(n)))],
            )
        })
        .unwrap_or_default();
    let filter: Vec<String> = e
        .filter
        .iter()
        .map(|p| {
            let value = p
                .value_key
                .as_deref()
                .map_or_else(|| p.value.clone(), |k| message(lang, k, &[]));
            format!(
                "{}: {value}",
                message(lang, &format!("copies.filter.{}", p.key), &[])
            )
        })
        .collect();
    let mut parts = vec![at, kind];
    parts.extend(
        [what, cards, e.actor.clone()]
            .into_iter()
            .filter(|s| !s.is_empty()),
    );
    if !filter.is_empty() {
        parts.push(format!("[{}]", filter.join(", ")));
    }
    parts.push(format!("→ {}", e.target));
    parts.join("  ")
}

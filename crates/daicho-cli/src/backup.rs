//! `daicho backup | backups | restore | check`: the window's Backups page from the command line,
//! with the same folder and retention (the app's settings file).

use std::path::Path;

use daicho_core::backup::{self, BackupReason, CheckResult, Counts};
use daicho_core::error::Coded;
use daicho_core::i18n::{self, Lang};
use daicho_core::settings::{AppDirs, Settings};
use daicho_core::{BackupConfig, ErrorReport};

/// The backup folder and retention of the app's settings.
pub fn config() -> BackupConfig {
    let dirs = AppDirs::resolve();
    dirs.backup_config(&Settings::load(&dirs.settings_file))
}

pub fn backup(file: &Path, to: Option<&Path>) -> Result<(), ErrorReport> {
    let made = match to {
        Some(dir) => backup::make(
            file,
            dir,
            BackupReason::Manual,
            chrono::Utc::now(),
            crate::actor(),
        ),
        None => crate::open_ledger(file).and_then(|l| l.backup_now(BackupReason::Manual)),
    }
    .map_err(|e| e.report())?;
    out!("{}", made.path);
    Ok(())
}

pub fn list(file: &Path, json: bool, lang: Lang) -> Result<(), ErrorReport> {
    let id = backup::id_of(file).map_err(|e| e.report())?;
    let all = backup::list(&config().root, &id);
    let checked: Vec<(backup::BackupInfo, CheckResult)> = all
        .into_iter()
        .map(|b| {
            let verdict = backup::check(Path::new(&b.path));
            (b, verdict)
        })
        .collect();
    if json {
        let rows: Vec<serde_json::Value> = checked
            .iter()
            .map(|(b, c)| serde_json::json!({ "backup": b, "check": c }))
            .collect();
        out_json!(serde_json::to_string_pretty(&rows).unwrap_or_default());
        return Ok(());
    }
    if checked.is_empty() {
        out!(
            "{}",
            i18n::message(lang, "backup.none", &Default::default())
        );
    }
    for (b, c) in &checked {
        let at = b
            .time()
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let reason = i18n::message(
            lang,
            &format!("backup.reason.{}", b.reason.as_str()),
            &Default::default(),
        );
        out!(
            "{at}  {reason:<12} {:>10}  {}  {}",
            i18n::grouped(b.size as i64),
            counts_text(lang, c),
            b.path
        );
    }
    Ok(())
}

fn counts_text(lang: Lang, c: &CheckResult) -> String {
    match (&c.counts, &c.problem) {
        (
            Some(Counts {
                cards,
                contacts,
                notes,
                transactions,
                ..
            }),
            None,
        ) => {
            let params = [
                ("cards", cards),
                ("contacts", contacts),
                ("notes", notes),
                ("transactions", transactions),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), i18n::grouped(i64::from(*v))))
            .collect();
            i18n::message(lang, "backup.counts", &params)
        }
        (_, problem) => i18n::message(
            lang,
            &format!("error.{}", problem.as_deref().unwrap_or("backup.damaged")),
            &[
                ("path".to_owned(), c.path.clone()),
                ("detail".to_owned(), String::new()),
            ]
            .into_iter()
            .collect(),
        ),
    }
}

pub fn restore(from: &Path, to: &Path) -> Result<(), ErrorReport> {
    let outcome = backup::restore(from, to, &config().root, chrono::Utc::now(), crate::actor())
        .map_err(|e| e.report())?;
    if let Some(previous) = outcome.previous {
        out!("{}", previous.path);
    }
    out!("{}", to.display());
    Ok(())
}

pub fn check(file: &Path, json: bool, lang: Lang) -> Result<(), ErrorReport> {
    let verdict = backup::check(file);
    if json {
        out_json!(serde_json::to_string_pretty(&verdict).unwrap_or_default());
    } else if verdict.ok {
        let protection = if verdict.encrypted {
            "check.encrypted"
        } else {
            "check.not_encrypted"
        };
        out!(
            "{}  ok  {}  {}",
            file.display(),
            i18n::message(lang, protection, &Default::default()),
            counts_text(lang, &verdict)
        );
    }
    match verdict.problem {
        None => Ok(()),
        Some(code) => Err(ErrorReport {
            code,
            params: [
                ("path".to_owned(), file.display().to_string()),
                ("detail".to_owned(), String::new()),
            ]
            .into_iter()
            .collect(),
            fields: vec![],
        }),
    }
}

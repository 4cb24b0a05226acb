//! `daicho reminders`: the reminders the window's Follow-ups page shows (birthdays,
//! anniversaries, licence reviews, fiscal year ends, renewals, decision meetings, the season's
//! greetings), with the lead times and markets of Settings; `--done` marks one done.

use std::path::PathBuf;

use daicho_core::error::Coded;
use daicho_core::i18n::Lang;
use daicho_core::reminders::{ReminderKind, ReminderLeads, Reminders};
use daicho_core::settings::{AppDirs, Settings};
use daicho_core::ErrorReport;

use crate::classify::t;

#[derive(clap::Args)]
pub struct RemindersArgs {
    file: PathBuf,
    /// Look this many days ahead for every kind, instead of each kind's lead time in Settings.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(daicho_core::reminders::MAX_LEAD_DAYS)))]
    days: Option<u32>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Mark one reminder done for its day: KIND SUBJECT DATE, as `--json` prints them.
    #[arg(long, num_args = 3, value_names = ["KIND", "SUBJECT", "DATE"], conflicts_with = "undo")]
    done: Option<Vec<String>>,
    /// Open a reminder marked done again: KIND SUBJECT DATE.
    #[arg(long, num_args = 3, value_names = ["KIND", "SUBJECT", "DATE"])]
    undo: Option<Vec<String>>,
}

pub fn run(args: RemindersArgs, lang: Lang) -> Result<(), ErrorReport> {
    let settings = Settings::load(&AppDirs::resolve().settings_file);
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    if let Some((marked, done)) = args
        .done
        .as_ref()
        .map(|d| (d, true))
        .or(args.undo.as_ref().map(|u| (u, false)))
    {
        let [kind, subject, on] = marked.as_slice() else {
            return Ok(());
        };
        let kind = ReminderKind::parse(kind).ok_or_else(|| {
            daicho_core::error::ReminderError::NotFound {
                kind: kind.clone(),
                subject: subject.clone(),
                on: on.clone(),
            }
            .report()
        })?;
        ledger
            .set_reminder_done(kind, subject, on, done)
            .map_err(|e| e.report())?;
        return Ok(());
    }
    let mut query = settings.reminder_query(settings.language.unwrap_or(lang));
    if let Some(days) = args.days {
        query.leads = ReminderLeads::uniform(days);
        query.renewal_days = days;
    }
    let reminders = ledger.reminders(&query).map_err(|e| e.report())?;
    if args.json {
        out_json!(serde_json::to_string_pretty(&reminders).unwrap_or_default());
    } else {
        out_raw!("{}", text(&reminders, lang));
    }
    Ok(())
}

pub fn text(r: &Reminders, lang: Lang) -> String {
    if r.items.is_empty() {
        return format!("{}\n", t(lang, "reminders.none", &[]));
    }
    let mut out = format!(
        "{}\n",
        t(
            lang,
            "reminders.cli.heading",
            &[("count", r.items.len().to_string())]
        )
    );
    for i in &r.items {
        let when = match i.days {
            0 => t(lang, "reminders.today", &[]),
            d if d > 0 => t(lang, "reminders.in_days", &[("days", d.to_string())]),
            d => t(lang, "reminders.days_ago", &[("days", (-d).to_string())]),
        };
        let what = match i.greeting {
            Some(g) => t(lang, &format!("reminders.greeting.{}", g.as_str()), &[]),
            None => t(lang, &format!("reminders.kind.{}", i.kind.as_str()), &[]),
        };
        let mut line = format!("  {}  {when}  {what}", i.on);
        if !i.card_name.is_empty() {
            line.push_str(&format!("  {} {}", i.card_code, i.card_name));
        }
        if !i.person.is_empty() {
            line.push_str(&format!(" / {}", i.person));
        }
        if !i.detail.is_empty() {
            line.push_str(&format!("  {}", i.detail));
        }
        if let Some(years) = i.years {
            let key = if i.kind == ReminderKind::Birthday {
                "reminders.age"
            } else {
                "reminders.years"
            };
            line.push_str(&format!(
                "  ({})",
                t(lang, key, &[("years", years.to_string())])
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

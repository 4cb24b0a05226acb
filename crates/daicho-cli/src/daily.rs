//! `daicho daily`: a day's report as the window's Daily report page shows it (contacts with
//! outcomes and next actions, visits done against planned, the superior's review), and the
//! review recorded or taken back. `daicho export --report daily` prints it as .xlsx.

use std::path::PathBuf;

use daicho_core::daily::DailyReport;
use daicho_core::error::Coded;
use daicho_core::i18n::Lang;
use daicho_core::ErrorReport;

use crate::classify::t;

#[derive(clap::Args)]
pub struct DailyArgs {
    file: PathBuf,
    /// The day (YYYY-MM-DD); default: today.
    #[arg(long)]
    day: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Record the superior's review of the day, by this name (dated today).
    #[arg(long, value_name = "NAME", conflicts_with = "take_back")]
    review_by: Option<String>,
    /// The superior's comment, with --review-by.
    #[arg(long, requires = "review_by", default_value = "")]
    comment: String,
    /// Take the day's review back.
    #[arg(long)]
    take_back: bool,
}

pub fn run(args: DailyArgs, lang: Lang) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    let day = args
        .day
        .clone()
        .unwrap_or_else(|| ledger.today().format("%Y-%m-%d").to_string());
    if let Some(reviewer) = &args.review_by {
        ledger
            .review_day(&day, reviewer, &args.comment)
            .map_err(|e| e.report())?;
    } else if args.take_back {
        ledger.clear_day_review(&day).map_err(|e| e.report())?;
    }
    let report = ledger.daily_report(&day).map_err(|e| e.report())?;
    if args.json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out_raw!("{}", text(&report, lang));
    }
    Ok(())
}

pub fn text(r: &DailyReport, lang: Lang) -> String {
    let mut out = format!("{}  {}\n", t(lang, "report.daily.title", &[]), r.day);
    for (key, n) in [
        ("daily.contacts", r.contacts.len() as u32),
        ("daily.visits_planned", r.visits_planned),
        ("daily.visits_done", r.visits_done),
        ("daily.visits_unplanned", r.visits_unplanned),
    ] {
        out.push_str(&format!("  {}: {n}\n", t(lang, key, &[])));
    }
    out.push_str(&format!("\n{}\n", t(lang, "report.daily.contacts", &[])));
    if r.contacts.is_empty() {
        out.push_str(&format!("  {}\n", t(lang, "daily.no_contacts", &[])));
    }
    for c in &r.contacts {
        let kind = t(lang, &format!("contact_kind.{}", c.kind.as_str()), &[]);
        let mut line = format!("  {}  {} {}  {kind}", c.time, c.card_code, c.card_name);
        for part in [&c.purpose, &c.outcome] {
            if !part.is_empty() {
                line.push_str(&format!("  {part}"));
            }
        }
        if !c.next_action.is_empty() {
            line.push_str(&format!(
                "  → {}{}",
                c.next_action,
                c.next_action_due
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            ));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!("\n{}\n", t(lang, "report.daily.visits", &[])));
    if r.planned.is_empty() {
        out.push_str(&format!("  {}\n", t(lang, "visits.day_empty", &[])));
    }
    for v in &r.planned {
        let state = if v.contact_id.is_some() {
            t(lang, "report.visits.logged", &[])
        } else {
            t(lang, "daily.not_done", &[])
        };
        let time = v.starts_at.clone().unwrap_or_else(|| "--:--".into());
        out.push_str(&format!(
            "  {time}  {} {}  {state}\n",
            v.card_code, v.card_name
        ));
    }
    out.push_str(&format!("\n{}\n", t(lang, "report.daily.review", &[])));
    match &r.review {
        Some(review) => {
            out.push_str(&format!(
                "  {}\n",
                t(
                    lang,
                    "daily.reviewed_by",
                    &[
                        ("name", review.reviewer.clone()),
                        ("day", review.reviewed_on.clone())
                    ]
                )
            ));
            if !review.comment.is_empty() {
                out.push_str(&format!("  {}\n", review.comment));
            }
        }
        None => out.push_str(&format!("  {}\n", t(lang, "daily.not_reviewed", &[]))),
    }
    out
}

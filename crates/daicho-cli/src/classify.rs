//! `daicho classify`: recompute every card's classes, keep them (unless `--dry-run`), and print
//! them with the core and problem lists and their reasons, in the user's language.

use std::collections::BTreeMap;
use std::path::Path;

use daicho_core::classify::{CardClass, Classification};
use daicho_core::error::Coded;
use daicho_core::i18n::{grouped, message, Lang};
use daicho_core::sales::summary::Period;
use daicho_core::ErrorReport;

pub fn run(
    file: &Path,
    period: Option<&str>,
    json: bool,
    dry_run: bool,
    lang: Lang,
) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(file).map_err(|e| e.report())?;
    let period = match period {
        Some(text) => Period::parse(text).map_err(|e| e.report())?,
        None => ledger.default_period(),
    };
    let (classification, changed) = if dry_run {
        (ledger.classification(period).map_err(|e| e.report())?, 0)
    } else {
        ledger.reclassify(period).map_err(|e| e.report())?
    };
    if json {
        let out = serde_json::json!({ "changed": changed, "classification": classification });
        out_json!(serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        print_text(&classification, changed, dry_run, lang);
    }
    Ok(())
}

/// A catalog message in `lang` with its named parameters.
/// The problem customers, most severe first.
fn problems_in_order(
    cards: &[daicho_core::classify::CardClass],
) -> Vec<&daicho_core::classify::CardClass> {
    let mut list: Vec<_> = cards.iter().filter(|k| k.problem).collect();
    daicho_core::classify::order_problems(&mut list);
    list
}

pub fn t(lang: Lang, key: &str, params: &[(&str, String)]) -> String {
    let params: BTreeMap<String, String> = params
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    message(lang, key, &params)
}

fn reasons(lang: Lang, k: &CardClass) -> String {
    k.reasons
        .iter()
        .map(|r| r.text(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_text(c: &Classification, changed: usize, dry_run: bool, lang: Lang) {
    out!("{} {} – {}", t(lang, "class.period", &[]), c.from, c.to);
    if !c.has_transactions {
        out!("{}", t(lang, "class.no_transactions", &[]));
    }
    out!(
        "{}\t{}\tABC\t{}\t{}\t{}\t{}",
        t(lang, "field.code", &[]),
        t(lang, "field.name", &[]),
        t(lang, "class.grade", &[]),
        t(lang, "class.value", &[]),
        t(lang, "class.completeness", &[]),
        t(lang, "class.amount", &[]),
    );
    for k in &c.cards {
        out!(
            "{}\t{}\t{}\t{}\t{} ({})\t{}%\t{}",
            k.code,
            k.name,
            k.abc.map_or("-".to_owned(), |a| a.as_str().to_uppercase()),
            k.grade.as_deref().unwrap_or("-"),
            t(lang, &format!("tier.{}", k.value_tier.as_str()), &[]),
            k.value_score,
            k.completeness,
            k.amount,
        );
    }
    for (title, members) in [
        (
            "class.core_list",
            c.cards.iter().filter(|k| k.core).collect::<Vec<_>>(),
        ),
        ("class.problem_list", problems_in_order(&c.cards)),
    ] {
        out!("\n{} ({})", t(lang, title, &[]), members.len());
        for k in members {
            match k.top_problem().filter(|_| k.problem) {
                Some(top) => out!(
                    "{}\t{}\t{}\t{}\t{}",
                    k.code,
                    k.name,
                    reasons(lang, k),
                    t(
                        lang,
                        &format!("severity.{}", top.severity.map_or("medium", |s| s.as_str())),
                        &[]
                    ),
                    t(lang, &format!("problem.action.{}", top.kind.as_str()), &[])
                ),
                None => out!("{}\t{}\t{}", k.code, k.name, reasons(lang, k)),
            }
        }
    }
    // Last period's buyers kept and lost (the Dashboard's panel).
    let r = daicho_core::dashboard::retention(c);
    if r.previous_buyers > 0 {
        out!("\n{}", t(lang, "dash.chart.retention", &[]));
        for (key, value) in [
            ("dash.retention_previous", r.previous_buyers.to_string()),
            ("dash.retention_kept", r.kept.to_string()),
            ("dash.retention_lost", r.lost.to_string()),
            ("dash.retention_lost_amount", grouped(r.lost_amount)),
            ("dash.retention_new", r.new_buyers.to_string()),
        ] {
            out!("{}\t{}", t(lang, key, &[]), value);
        }
        for k in &r.biggest_lost {
            out!("  {}\t{}\t{}", k.name, k.owner, grouped(k.previous_amount));
        }
    }
    if !dry_run {
        out!(
            "\n{}",
            t(lang, "class.changed", &[("count", changed.to_string())])
        );
    }
}

//! `daicho plan`: the annual sales plan against what was sold (the window's Sales plan page),
//! a line set from the command line, a plan sheet imported, and the fiscal year's first month.
//! `daicho export --report plan` prints it as .xlsx.

use std::path::PathBuf;

use daicho_core::error::{Coded, ImportError};
use daicho_core::i18n::{grouped, Lang};
use daicho_core::sales::plan::import::PlanImport;
use daicho_core::sales::plan::{PlanLineFields, PlanOverview, PlanProgress, PlanScope};
use daicho_core::ErrorReport;

use crate::classify::t;

#[derive(clap::Args)]
pub struct PlanArgs {
    file: PathBuf,
    /// The fiscal year (the calendar year it starts in); default: the one today is in.
    #[arg(long)]
    year: Option<i32>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Set the month (1–12) the fiscal year starts in, for every plan of the ledger.
    #[arg(long, value_name = "MONTH")]
    first_month: Option<u32>,
    /// Set a line: total | territory | owner | category | card (with --key, or --code for card).
    #[arg(long, value_parser = parse_scope, requires = "months")]
    set: Option<PlanScope>,
    /// The territory, rep or category of the line set.
    #[arg(long, default_value = "")]
    key: String,
    /// The customer code of a card's line.
    #[arg(long)]
    code: Option<String>,
    /// Twelve monthly targets, comma-separated, the fiscal year's first month first.
    #[arg(long)]
    months: Option<String>,
    /// How the target is to be reached.
    #[arg(long, default_value = "")]
    means: String,
    /// Import a plan sheet (.xlsx or .csv: the plan report's Targets sheet, edited); all rows or none.
    #[arg(long, value_name = "FILE", conflicts_with = "set")]
    import: Option<PathBuf>,
    /// With --import: check the sheet and say what would change, saving nothing.
    #[arg(long, requires = "import")]
    dry_run: bool,
}

fn parse_scope(s: &str) -> Result<PlanScope, String> {
    PlanScope::parse(s).ok_or_else(|| format!("unknown scope \"{s}\""))
}

pub fn run(args: PlanArgs, lang: Lang) -> Result<(), ErrorReport> {
    let mut ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    if let Some(month) = args.first_month {
        ledger
            .set_fiscal_year_start(month)
            .map_err(|e| e.report())?;
    }
    let mut year = args.year;
    if let Some(path) = &args.import {
        let done = ledger
            .import_plan(path, args.dry_run)
            .map_err(|e| e.report())?;
        if args.json {
            out_json!(serde_json::to_string_pretty(&done).unwrap_or_default());
        } else {
            out_raw!("{}", import_text(&done, args.dry_run, lang));
        }
        if !done.problems.is_empty() {
            return Err(ImportError::PlanRowsRefused {
                refused: done.problems.len() as u32,
            }
            .report());
        }
        return Ok(());
    }
    if let Some(scope) = args.set {
        let months = parse_months(args.months.as_deref().unwrap_or(""))?;
        let card_id = match &args.code {
            Some(code) => Some(ledger.card_id_by_code(code).map_err(|e| e.report())?),
            None => None,
        };
        let first = ledger.fiscal_year_start().map_err(|e| e.report())?;
        let fiscal_year = year
            .unwrap_or_else(|| daicho_core::sales::plan::fiscal::year_of(ledger.today(), first));
        year = Some(fiscal_year);
        ledger
            .save_plan_line(&PlanLineFields {
                fiscal_year,
                scope,
                key: args.key.clone(),
                card_id,
                months,
                means: args.means.clone(),
            })
            .map_err(|e| e.report())?;
    }
    let plan = ledger.plan_overview(year).map_err(|e| e.report())?;
    if args.json {
        out_json!(serde_json::to_string_pretty(&plan).unwrap_or_default());
    } else {
        out_raw!("{}", text(&plan, lang));
    }
    Ok(())
}

/// `--months 100,100,...`: twelve whole amounts.
fn parse_months(text: &str) -> Result<Vec<i64>, ErrorReport> {
    let months: Vec<Option<i64>> = text
        .split(',')
        .map(|m| m.trim().replace('_', "").parse().ok())
        .collect();
    if months.len() != 12 || months.iter().any(Option::is_none) {
        return Err(daicho_core::error::SalesError::Invalid(vec![
            daicho_core::error::FieldIssue::new("months", "twelve_months"),
        ])
        .report());
    }
    Ok(months.into_iter().flatten().collect())
}

fn rate(p: &PlanProgress) -> String {
    p.rate_percent
        .map_or_else(|| "—".into(), |r| format!("{r}%"))
}

fn line_text(p: &PlanProgress, lang: Lang) -> String {
    let scope = t(lang, &format!("salesplan.scope.{}", p.scope.as_str()), &[]);
    let name = match &p.line {
        Some(l) if !l.card_code.is_empty() => format!("{scope}  {} {}", l.card_code, p.label),
        _ if p.label.is_empty() => scope,
        _ => format!("{scope}  {}", p.label),
    };
    format!(
        "  {name}\n    {}: {}  {}: {}  {}: {}  {}: {}  ({})\n",
        t(lang, "report.plan.year", &[]),
        grouped(p.year_plan),
        t(lang, "report.plan.to_date", &[]),
        grouped(p.plan_to_date),
        t(lang, "report.plan.actual", &[]),
        grouped(p.actual_to_date),
        t(lang, "report.plan.last_year", &[]),
        grouped(p.last_year),
        rate(p),
    )
}

pub fn text(plan: &PlanOverview, lang: Lang) -> String {
    let mut out = format!(
        "{}  {} – {}\n",
        t(
            lang,
            "report.plan.title",
            &[("year", plan.fiscal_year.to_string())]
        ),
        plan.months.first().map_or("", String::as_str),
        plan.months.last().map_or("", String::as_str),
    );
    out.push_str(&line_text(&plan.total, lang));
    if plan.lines.is_empty() {
        out.push_str(&format!("  {}\n", t(lang, "salesplan.empty", &[])));
    }
    for line in &plan.lines {
        out.push_str(&line_text(line, lang));
    }
    if !plan.unplanned.is_empty() {
        out.push_str(&format!("\n{}\n", t(lang, "salesplan.unplanned", &[])));
        for u in &plan.unplanned {
            out.push_str(&format!(
                "  {}  {}  {}: {}\n",
                t(lang, &format!("salesplan.scope.{}", u.scope.as_str()), &[]),
                u.key,
                t(lang, "report.plan.last_year", &[]),
                grouped(u.last_year)
            ));
        }
    }
    out
}

fn import_text(done: &PlanImport, dry_run: bool, lang: Lang) -> String {
    let mut out = String::new();
    for p in &done.problems {
        out.push_str(&format!(
            "  {} {}: {} ({})  {}\n",
            t(lang, "import.row", &[("line", p.line.to_string())]),
            p.field,
            t(lang, &format!("rule.{}", p.rule), &[]),
            p.rule,
            p.value
        ));
    }
    let key = match (done.problems.is_empty(), dry_run) {
        (false, _) => "salesplan.import.refused",
        (true, true) => "salesplan.import.would",
        (true, false) => "salesplan.import.done",
    };
    out.push_str(&t(
        lang,
        key,
        &[
            ("year", done.fiscal_year.to_string()),
            ("count", done.lines.to_string()),
            ("replaced", done.replaced.to_string()),
        ],
    ));
    out.push('\n');
    out
}

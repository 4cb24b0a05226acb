//! `daicho export`: the window's Excel handouts from the command line, with the same filters.

use std::path::{Path, PathBuf};

use clap::Args;
use daicho_core::card::CardStatus;
use daicho_core::card_list::CardQuery;
use daicho_core::classify::Abc;
use daicho_core::contact::ContactKind;
use daicho_core::error::Coded;
use daicho_core::i18n::Lang;
use daicho_core::report::{ReportKind, ReportRequest};
use daicho_core::ErrorReport;

#[derive(Args)]
pub struct ExportArgs {
    pub file: PathBuf,
    /// card | list | history | visits | ics | daily | intelligence | comparison | classification | weekly | labels | plan
    #[arg(long, value_parser = parse_kind)]
    pub report: ReportKind,
    /// The report's language: ja, zh, ko or en (default: LANG's).
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// The .xlsx (or, for ics, the .ics) to write; an existing file is refused unless --force (a
    /// ledger always is).
    #[arg(long)]
    pub out: PathBuf,
    /// Replace an existing --out file.
    #[arg(long)]
    pub force: bool,
    /// Cards whose name, reading, code, phone or e-mail contains this text.
    #[arg(long)]
    pub text: Option<String>,
    /// prospect | active | dormant | lost
    #[arg(long, value_parser = parse_status)]
    pub status: Option<CardStatus>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long)]
    pub tag: Option<String>,
    /// a | b | c, as last classified.
    #[arg(long, value_parser = parse_abc)]
    pub abc: Option<Abc>,
    /// Cards whose profile has not changed for at least this many months (the ones to review).
    #[arg(long)]
    pub unchanged_months: Option<u32>,
    /// Cards by a field of your own: LABEL=VALUE (text containing it, a choice equal to it) or
    /// LABEL=FROM..TO for a number or date (either end may be left out).
    #[arg(long)]
    pub field: Option<String>,
    /// The card report's cards by customer code (repeatable); default: every card the filters select.
    #[arg(long = "code")]
    pub codes: Vec<String>,
    /// The comparison sheet to print, by its title.
    #[arg(long)]
    pub sheet: Option<String>,
    /// FROM..TO (YYYY-MM-DD..YYYY-MM-DD) for history and classification (default: the twelve
    /// months to today), visits and ics (this week) and weekly (the last seven days).
    #[arg(long, conflicts_with = "day")]
    pub period: Option<String>,
    /// The daily report's day (YYYY-MM-DD); default: today.
    #[arg(long)]
    pub day: Option<String>,
    /// The contact history's kind of contact (visit, phone, complaint...).
    #[arg(long, value_parser = parse_contact_kind)]
    pub contact_kind: Option<ContactKind>,
    /// The sales plan's fiscal year (the year it starts in); default: the one today is in.
    #[arg(long)]
    pub year: Option<i32>,
}

fn unknown(what: &str, value: &str) -> String {
    format!("unknown {what} \"{value}\"")
}
fn parse_kind(s: &str) -> Result<ReportKind, String> {
    ReportKind::parse(s).ok_or_else(|| unknown("report", s))
}
fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| unknown("language", s))
}
pub fn parse_status(s: &str) -> Result<CardStatus, String> {
    CardStatus::parse(s).ok_or_else(|| unknown("status", s))
}
fn parse_abc(s: &str) -> Result<Abc, String> {
    Abc::parse(&s.to_lowercase()).ok_or_else(|| unknown("class", s))
}
fn parse_contact_kind(s: &str) -> Result<ContactKind, String> {
    ContactKind::parse(s).ok_or_else(|| unknown("contact kind", s))
}

pub fn run(args: ExportArgs, lang: Lang) -> Result<(), ErrorReport> {
    let ledger = crate::open_ledger(&args.file).map_err(|e| e.report())?;
    let card_ids = args
        .codes
        .iter()
        .map(|code| ledger.card_id_by_code(code))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.report())?;
    let sheet_id = match &args.sheet {
        Some(title) => Some(
            ledger
                .sheets()
                .map_err(|e| e.report())?
                .into_iter()
                .find(|s| s.title == *title)
                .map(|s| s.id)
                .ok_or_else(|| {
                    daicho_core::error::CompetitionError::SheetNotFound { id: title.clone() }
                        .report()
                })?,
        ),
        None => None,
    };
    let (from, to) = match args.period.as_deref().map(|p| p.split_once("..")) {
        Some(Some((from, to))) => (Some(from.trim().to_owned()), Some(to.trim().to_owned())),
        Some(None) => return Err(daicho_core::error::SalesError::Period.report()),
        None => (args.day.clone(), args.day.clone()),
    };
    let custom = match &args.field {
        Some(pair) => Some(crate::fields::filter(&ledger, pair)?),
        None => None,
    };
    let lang = args.lang.unwrap_or(lang);
    let request = ReportRequest {
        kind: args.report,
        lang,
        query: CardQuery {
            // By reading, the report's language's own script first, as in its window.
            reader: Some(lang),
            text: args.text.unwrap_or_default(),
            status: args.status,
            owner: args.owner.clone(),
            tag: args.tag,
            abc: args.abc,
            custom,
            unchanged_months: args.unchanged_months,
            ..CardQuery::default()
        },
        card_ids,
        from,
        to,
        owner: args.owner,
        contact_kind: args.contact_kind,
        sheet_id,
        fiscal_year: args.year,
        ..ReportRequest::default()
    };
    let outcome = ledger
        .export_report(
            &request,
            Path::new(&args.out),
            crate::existing(args.force),
            &mut |_, _| {},
        )
        .map_err(|e| e.report())?;
    out!("{} ({} rows)", outcome.path, outcome.rows);
    Ok(())
}

/// A full export written or restored: where, and how many rows of each table.
pub fn print_everything(done: &daicho_core::full_export::FullExport, json: bool, lang: Lang) {
    if json {
        out_json!(serde_json::to_string_pretty(done).unwrap_or_default());
        return;
    }
    out!("{}", done.path);
    for t in done.tables.iter().filter(|t| t.rows > 0) {
        out!("  {:<20} {:>9}", t.table, t.rows);
    }
    if done.cut_cells > 0 {
        let params = [("count".to_owned(), done.cut_cells.to_string())]
            .into_iter()
            .collect();
        eprintln!(
            "daicho: {}",
            daicho_core::terminal::shown(&daicho_core::i18n::message(
                lang,
                "full_export.cut_cells",
                &params
            ))
        );
    }
}

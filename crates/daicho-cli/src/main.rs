//! `daicho`: the ledger from the command line. Every subcommand calls daicho-core, the same
//! code the app uses; errors are printed in the language of the environment (LANG).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `println!` that ends the program quietly when its reader has gone (`daicho … | head -1`):
/// what was asked for has been read, so that is a success, not a crash.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprint!`, with the same care for the terminal as [`out!`]: reports meant for the person at
/// the terminal, not for a script reading stdout.
macro_rules! err_raw {
    ($($arg:tt)*) => {
        eprint!("{}", daicho_core::terminal::shown(&format!($($arg)*)))
    };
}

/// `print!`, with the same care as [`out!`].
macro_rules! out_raw {
    ($($arg:tt)*) => {
        $crate::write_out(format_args!($($arg)*))
    };
}

/// Marks the start and end of a search match in text before it is made safe; on a terminal
/// they become bold underline (and nothing else can: see [`write_out`]).
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// Writes text made safe for a terminal: a customer's text (or a forged bundle's) cannot move
/// the cursor, retitle the window or hide what follows (`daicho_core::terminal`).
pub fn write_out(args: std::fmt::Arguments<'_>) {
    let text = args.to_string();
    let text = daicho_core::terminal::shown(&text)
        .replace(MARK_START, "\x1b[1;4m")
        .replace(MARK_END, "\x1b[0m");
    write_raw(&text);
}

pub fn write_json(json: &str) {
    let mut text = daicho_core::terminal::shown_json(json).into_owned();
    text.push('\n');
    write_raw(&text);
}

/// Ends the program quietly when the reader has gone (`daicho … | head -1`): what was asked
/// for has been read, so that is a success, not a crash.
fn write_raw(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        std::process::exit(0);
    }
}

/// JSON on stdout, with [`out!`]'s care for a closed reader; characters a terminal would act
/// on are written as JSON escapes, so a script reads the same text.
macro_rules! out_json {
    ($json:expr $(,)?) => {
        $crate::write_json(&$json)
    };
}

mod backup;
#[cfg(feature = "bench")]
mod bench;
mod classify;
mod competitor;
mod contact;
mod daily;
mod erase;
mod export;
mod fields;
mod handover;
mod import;
mod key;
mod links;
mod log;
mod payments;
mod plan;
mod reminders;
mod search;
use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::Coded;
use daicho_core::i18n::{self, Lang};
use daicho_core::{ErrorReport, Ledger, NewLedger};

#[derive(Parser)]
#[command(
    name = "daicho",
    version,
    about = "Daicho (台帳): a salesperson's customer ledger, from the command line."
)]
#[command(
    after_help = "A ledger is one SQLite file. The app opens the same files (Settings → Ledger file)."
)]
struct Cli {
    /// Who is working: recorded in the history of every change and printed in the reports'
    /// header (default: your login name).
    #[arg(long = "as", global = true, value_name = "NAME")]
    actor: Option<String>,
    /// Read the ledger's passphrase from the first line of FILE (for scripts; or set
    /// DAICHO_PASSPHRASE). Without it, the key comes from the OS keychain.
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    /// Open a ledger with its recovery key, read from FILE (or DAICHO_RECOVERY_KEY).
    #[arg(long, global = true, value_name = "FILE")]
    recovery_key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Who the changes and reports of this run are by (`--as`, else the login name).
static ACTOR: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Who is working in this run.
pub fn actor() -> &'static str {
    ACTOR.get_or_init(daicho_core::settings::login_name)
}

/// Opens a ledger for a command that changes it or reports from it, as the user of this run,
/// with the app's backups: one before a schema upgrade, the daily one when due (a daily backup
/// that fails is said on stderr; the command goes on).
pub fn open_ledger(path: &std::path::Path) -> Result<Ledger, daicho_core::error::BackupError> {
    let actor = actor();
    let dirs = daicho_core::settings::AppDirs::resolve();
    let settings = daicho_core::settings::Settings::load(&dirs.settings_file);
    let mut ledger = Ledger::open_backed_up(path, dirs.backup_config(&settings))?.with_actor(actor);
    // The Excel list colours the last contact by the same thresholds as the window.
    ledger.set_contact_thresholds(daicho_core::card_list::ContactThresholds::of(&settings));
    if let Err(e) = ledger.backup_if_due() {
        let lang = Lang::from_env();
        let reason = i18n::error_message(lang, &e.report());
        let params = [("reason".to_owned(), reason)].into_iter().collect();
        let message = i18n::message(lang, "backup.daily_failed", &params);
        eprintln!("daicho: {}", daicho_core::terminal::shown(&message));
    }
    Ok(ledger)
}

/// An existing output file is replaced only when the user said --force.
pub fn existing(force: bool) -> daicho_core::output::Existing {
    if force {
        daicho_core::output::Existing::Replace
    } else {
        daicho_core::output::Existing::Refuse
    }
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty ledger file.
    Init {
        /// Where to create it; an existing file is never overwritten.
        file: PathBuf,
    },
    /// Create a new ledger filled with realistic demo cards (Japan, China, Korea, English-speaking markets).
    Demo {
        /// How many cards.
        #[arg(long, default_value_t = demo::DEFAULT_CARDS)]
        cards: u32,
        /// Where to create the ledger; an existing file is never overwritten.
        #[arg(long)]
        out: PathBuf,
        /// The same seed, day and market always give the same ledger.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The day the demo lives in (YYYY-MM-DD): recent contacts before it, follow-ups due
        /// and visits planned around it. Default: today.
        #[arg(long)]
        today: Option<String>,
        /// Whose customers: jp, cn, kr, en, or all four (Japan's most).
        #[arg(long, default_value = "all")]
        market: String,
    },
    /// Re-classify every card (ABC, grade, value, credit, completeness) and print the classes with the
    /// core and problem lists and their reasons. The classes are kept in the ledger unless --dry-run.
    Classify {
        file: PathBuf,
        /// FROM..TO as YYYY-MM-DD..YYYY-MM-DD; default: the twelve months to today.
        #[arg(long)]
        period: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Print the classes without keeping them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import a customer list (CSV in any encoding, .xlsx, vCard) after checking every row;
    /// `import FILE undo --id ID` takes an import back.
    Import(import::ImportArgs),
    /// Reminders coming up: birthdays, first-deal anniversaries, licence reviews, fiscal year
    /// ends, contract renewals (ours and competitors'), decision meetings and the season's
    /// greetings, each its lead time ahead (Settings) until a week after; `--done` marks one done.
    Reminders(reminders::RemindersArgs),
    /// A day's report: contacts with their outcomes and next actions, visits done against
    /// planned, the superior's review; `--review-by NAME [--comment TEXT]` records the review.
    Daily(daily::DailyArgs),
    /// The annual sales plan against what was sold; `--set SCOPE --months ...` sets a line,
    /// `--import FILE` reads a plan sheet, `--first-month N` sets the fiscal year's start.
    Plan(plan::PlanArgs),
    /// Customers linked to a card: who referred it, whom it referred, its group or household
    /// with their sales; `--set KIND --to CODE [--note TEXT]` links it, `--clear KIND` unlinks.
    Links(links::LinksArgs),
    /// Records a contact with a customer (`--code C`), or the same one with several (`--code`
    /// repeated: a meeting or event they came to), all or none.
    Contact(contact::ContactArgs),
    /// The customers using a competitor's products, the least satisfied first (`--name NAME`).
    Competitor(competitor::CompetitorArgs),
    /// Fields of your own on every card: list them, `--add LABEL --kind KIND` defines one,
    /// `--delete LABEL` removes one; `--code C [--set LABEL=VALUE ...]` shows or sets a card's.
    Fields(fields::FieldsArgs),
    /// A card's open sales with their payments; `--amount N --on DATE --invoice NO` records a
    /// payment (part of what is owed, or all of it).
    Payment(payments::PaymentArgs),
    /// What to propose to a customer: our products similar customers (same industry) use and
    /// they do not, and the next of ours up in a category where they have one of ours.
    Hints {
        file: PathBuf,
        /// The card's customer code.
        #[arg(long)]
        code: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The superior's checks of a card (000 ①); `--by NAME [--comment TEXT]` records one, dated today.
    CardCheck {
        file: PathBuf,
        /// The card's customer code.
        #[arg(long)]
        code: String,
        /// Who checked it: records a check.
        #[arg(long)]
        by: Option<String>,
        #[arg(long, default_value = "", requires = "by")]
        comment: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Search cards, contacts and notes as the window's search box does: the same ranked results.
    Search {
        file: PathBuf,
        query: String,
        /// At most this many of each group.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Hand a portfolio over to a successor, or take one over.
    Handover {
        #[command(subcommand)]
        command: handover::HandoverCommand,
    },
    /// Write an Excel handout (print-ready .xlsx) in a chosen language.
    Export(export::ExportArgs),
    /// Take everything out: every table of the ledger, column for column, as one workbook
    /// (.xlsx), CSV files in a zip (.zip) or JSON (.json), by --out's extension.
    ExportAll {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Replace an existing --out file (a ledger never is).
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Restore a full export (from export-all) into a new ledger at --into, or into an empty one.
    ImportAll {
        export: PathBuf,
        #[arg(long, value_name = "FILE")]
        into: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Measure an operation on a generated ledger, against a baseline run in the same process
    /// (built with `--features bench`).
    #[cfg(feature = "bench")]
    Bench {
        #[command(subcommand)]
        what: bench::BenchKind,
    },
    /// Back a ledger up now (checked before it is kept): into the backup folder of Settings, or
    /// into DIR.
    Backup {
        file: PathBuf,
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// List a ledger's backups in the backup folder, newest first, with what each holds.
    Backups {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Restore a backup into FILE (the ledger there is backed up first, so this can be undone),
    /// or into a new file.
    Restore {
        backup: PathBuf,
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Delete a contact or a note, or empty the trash, and erase the text everywhere in the
    /// ledger: the history keeps only that something was erased, by whom and when, and the
    /// search index forgets its words. Backups made before keep it until they are let go.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["contact", "note", "trash"])))]
    Erase {
        file: PathBuf,
        /// A contact's id (as `search --json` gives it).
        #[arg(long, value_name = "ID")]
        contact: Option<String>,
        /// A note's id (as `search --json` gives it).
        #[arg(long, value_name = "ID")]
        note: Option<String>,
        /// Every card in the trash.
        #[arg(long)]
        trash: bool,
    },
    /// The ledger's copies log, newest first: every report, handover file and backup made from
    /// it and every restore into it, with who, when, what, how many cards and where.
    Log {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Check a ledger or a backup without changing it: SQLite's integrity check and counts.
    /// Exits 1 when the file is damaged, not a Daicho ledger, or from a newer Daicho.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The ledger's key: show the recovery key, or choose a new passphrase.
    Key {
        #[command(subcommand)]
        command: key::KeyCommand,
    },
    /// Count every kind of record in a ledger and run SQLite's integrity check.
    Stats {
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// The exit code of an import that refused rows or imported nothing (the rows that could be
/// were imported): distinct from 1, a command that failed and changed nothing.
pub const INCOMPLETE_IMPORT: u8 = 3;

fn main() -> ExitCode {
    let lang = Lang::from_env();
    match run(Cli::parse(), lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            let message = i18n::error_message(lang, &report);
            eprintln!("daicho: {}", daicho_core::terminal::shown(&message));
            match report.code.as_str() {
                "import.rows_refused" | "import.nothing_imported" => {
                    ExitCode::from(INCOMPLETE_IMPORT)
                }
                _ => ExitCode::FAILURE,
            }
        }
    }
}

fn run(cli: Cli, lang: Lang) -> Result<(), ErrorReport> {
    if let Some(actor) = cli.actor {
        let _ = ACTOR.set(actor.trim().to_owned());
    }
    let report = |e: &dyn Coded| e.report();
    let secrets = key::setup(
        cli.passphrase_file.as_deref(),
        cli.recovery_key_file.as_deref(),
    )?;
    #[cfg(feature = "bench")]
    if matches!(cli.command, Command::Bench { .. }) {
        bench::use_bench_key(&secrets);
    }
    match cli.command {
        Command::Init { file } => {
            let ledger = Ledger::create(&file).map_err(|e| report(&e))?;
            key::announce_recovery_key(&ledger, &secrets, lang);
            out!("{}", file.display());
        }
        Command::Key { command } => key::run(command, &secrets, lang)?,
        Command::Demo {
            cards,
            out,
            seed,
            today,
            market,
        } => {
            use daicho_core::error::DemoError;
            let today = match today {
                Some(day) => chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                    .map_err(|_| report(&DemoError::BadDay { value: day.clone() }))?,
                None => chrono::Local::now().date_naive(),
            };
            let markets = demo::DemoMarkets::parse(&market).ok_or_else(|| {
                report(&DemoError::BadMarket {
                    value: market.clone(),
                })
            })?;
            // Made under a temporary name: half a demo (a failure, a kill) never takes the name.
            let mut new = NewLedger::start(&out).map_err(|e| report(&e))?;
            demo::generate(
                new.ledger(),
                DemoConfig {
                    cards,
                    seed,
                    today: Some(today),
                    markets,
                },
            )
            .map_err(|e| e.report())?;
            let ledger = new.finish().map_err(|e| report(&e))?;
            key::announce_recovery_key(&ledger, &secrets, lang);
            out!("{}", out.display());
        }
        Command::Backup { file, to } => backup::backup(&file, to.as_deref())?,
        Command::Backups { file, json } => backup::list(&file, json, lang)?,
        Command::Restore { backup: from, to } => backup::restore(&from, &to)?,
        Command::Check { file, json } => backup::check(&file, json, lang)?,
        Command::Log { file, json } => log::run(&file, json, lang)?,
        Command::Erase {
            file,
            contact,
            note,
            trash: _,
        } => {
            let what = match (&contact, &note) {
                (Some(id), _) => erase::What::Contact(id),
                (None, Some(id)) => erase::What::Note(id),
                (None, None) => erase::What::Trash,
            };
            erase::run(&file, what, lang)?;
        }
        Command::Classify {
            file,
            period,
            json,
            dry_run,
        } => {
            classify::run(&file, period.as_deref(), json, dry_run, lang)?;
        }
        Command::Export(args) => export::run(args, lang)?,
        Command::Reminders(args) => reminders::run(args, lang)?,
        Command::Daily(args) => daily::run(args, lang)?,
        Command::Plan(args) => plan::run(args, lang)?,
        Command::Links(args) => links::run(args, lang)?,
        Command::Fields(args) => fields::run(args, lang)?,
        Command::Competitor(args) => competitor::run(args, lang)?,
        Command::Contact(args) => contact::run(args)?,
        Command::Payment(args) => payments::run(args, lang)?,
        Command::Hints { file, code, json } => {
            let ledger = open_ledger(&file).map_err(|e| e.report())?;
            let id = ledger.card_id_by_code(&code).map_err(|e| e.report())?;
            let hints = ledger
                .card_competition(&id, 0)
                .map_err(|e| e.report())?
                .hints;
            if json {
                out_json!(serde_json::to_string_pretty(&hints).unwrap_or_default());
            } else {
                for h in &hints {
                    let why = match h.kind {
                        daicho_core::competition::hints::HintKind::UpSell => {
                            classify::t(lang, "hint.up_from", &[("product", h.instead_of.clone())])
                        }
                        daicho_core::competition::hints::HintKind::CrossSell => classify::t(
                            lang,
                            "hint.peers",
                            &[
                                ("count", h.peers_using.to_string()),
                                ("peers", h.peers.to_string()),
                            ],
                        ),
                    };
                    out!(
                        "{}\t{}\t{}",
                        classify::t(lang, &format!("hint.kind.{}", h.kind.as_str()), &[]),
                        h.product.fields.name,
                        why
                    );
                }
            }
        }
        Command::CardCheck {
            file,
            code,
            by,
            comment,
            json,
        } => {
            let mut ledger = open_ledger(&file).map_err(|e| e.report())?;
            let id = ledger.card_id_by_code(&code).map_err(|e| e.report())?;
            if let Some(by) = by {
                ledger
                    .check_card(&id, &by, &comment)
                    .map_err(|e| e.report())?;
            }
            let checks = ledger.card_checks(&id).map_err(|e| e.report())?;
            if json {
                out_json!(serde_json::to_string_pretty(&checks).unwrap_or_default());
            } else {
                for c in &checks {
                    out!("{}\t{}\t{}", c.checked_on, c.checker, c.comment);
                }
            }
        }
        Command::ExportAll {
            file,
            out,
            force,
            json,
        } => {
            let ledger = open_ledger(&file).map_err(|e| report(&e))?;
            let written = ledger
                .export_everything(&out, existing(force))
                .map_err(|e| report(&e))?;
            export::print_everything(&written, json, lang);
        }
        Command::ImportAll { export, into, json } => {
            let mut ledger = if into.exists() {
                open_ledger(&into).map_err(|e| report(&e))?
            } else {
                let ledger = Ledger::create(&into)
                    .map_err(|e| report(&e))?
                    .with_actor(actor());
                key::announce_recovery_key(&ledger, &secrets, lang);
                ledger
            };
            let restored = ledger.restore_everything(&export).map_err(|e| report(&e))?;
            export::print_everything(&restored, json, lang);
        }
        Command::Import(args) => import::run(args, lang)?,
        Command::Search {
            file,
            query,
            limit,
            json,
        } => search::run(&file, &query, limit, json, lang)?,
        Command::Handover { command } => handover::run(command, lang)?,
        #[cfg(feature = "bench")]
        Command::Bench { what } => bench::run(what)?,
        Command::Stats { file, json } => {
            let ledger = open_ledger(&file).map_err(|e| report(&e))?;
            let stats = ledger
                .stats()
                .map_err(|e| report(&daicho_core::error::LedgerError::Sqlite(e)))?;
            if json {
                out_json!(serde_json::to_string_pretty(&stats).unwrap_or_default());
            } else {
                out!("schema version   {}", stats.schema_version);
                out!("cards            {}", stats.cards);
                for (kind, n) in &stats.cards_by_kind {
                    out!("  {kind:<14} {n}");
                }
                for (status, n) in &stats.cards_by_status {
                    out!("  {status:<14} {n}");
                }
                out!("cards in trash   {}", stats.cards_in_trash);
                out!("key persons      {}", stats.key_persons);
                out!("tags             {}", stats.tags);
                out!("history entries  {}", stats.history_entries);
                out!("contacts         {}", stats.contacts);
                out!("  negotiations   {}", stats.negotiations);
                out!("  open complaints {}", stats.open_complaints);
                out!("open next actions {}", stats.open_next_actions);
                out!("notes            {}", stats.notes);
                out!("  speculation    {}", stats.speculative_notes);
                out!("  to share       {}", stats.notes_to_share);
                out!("planned visits   {}", stats.planned_visits);
                out!("  logged         {}", stats.logged_visits);
                out!("competitors      {}", stats.competitors);
                out!(
                    "products         {} ours, {} competitors'",
                    stats.our_products,
                    stats.competitor_products
                );
                out!("comparison sheets {}", stats.comparison_sheets);
                out!("  assessments    {}", stats.assessments);
                out!("products in use  {}", stats.products_in_use);
                out!("case studies     {}", stats.case_studies);
                out!("transactions     {}", stats.transactions);
                out!("  returns        {}", stats.returns);
                out!("  open invoices  {}", stats.open_invoices);
                out!("collection plans {}", stats.collection_plans);
                out!("classified cards {}", stats.classified_cards);
                out!("  core           {}", stats.core_customers);
                out!("  problem        {}", stats.problem_customers);
                out!("handovers taken over {}", stats.handovers_taken_over);
                out!("integrity        {}", stats.integrity);
            }
        }
    }
    Ok(())
}

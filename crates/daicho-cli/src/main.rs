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
mod bench;
mod classify;
mod erase;
mod export;
mod handover;
mod import;
mod key;
mod log;
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
    let ledger = Ledger::open_backed_up(path, backup::config())?.with_actor(actor);
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
        /// The same seed always gives the same ledger.
        #[arg(long, default_value_t = 1)]
        seed: u64,
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
    /// Measure an operation on a generated ledger, against a baseline run in the same process.
    Bench {
        #[command(subcommand)]
        what: BenchKind,
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

#[derive(Subcommand)]
enum BenchKind {
    /// Classification against one SQL aggregate of the same purchases.
    Classify {
        #[arg(long, default_value_t = 100_000)]
        cards: u32,
        #[arg(long, default_value_t = 1_000_000)]
        transactions: u32,
        #[arg(long)]
        json: bool,
        /// Keep the generated ledger here (an existing file is never overwritten).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The search box over realistic customers in four languages, against the same FTS5 MATCH
    /// queries and against a LIKE scan: median and p95.
    Search(BenchLedger),
    /// Opening a card with its newest 100 contacts, against two plain SELECTs.
    Open(BenchLedger),
    /// The card list's block of rows at five depths in every sort, against a rowid range.
    List(BenchLedger),
    /// Importing a generated CSV list against a plain bulk insert of the same rows.
    Import {
        #[arg(long, default_value_t = 100_000)]
        cards: u32,
        #[arg(long)]
        json: bool,
    },
    /// A backup (one moment of the file copied, synced, compared) and a restore against a plain copy of the
    /// same ledger file.
    Backup(BenchLedger),
    /// What encryption costs: opening cards, the search box, the card list and an import on the
    /// encrypted ledger against a plain copy of it, alternately in one process.
    Encryption {
        #[command(flatten)]
        ledger: BenchLedger,
        /// Rows of the generated list imported into an empty ledger of each kind.
        #[arg(long, default_value_t = 10_000)]
        rows: u32,
    },
    /// Real writes in a child process killed with SIGKILL after a random delay, each kill
    /// followed by the checks a rep relies on (opens, whole, nothing lost, nothing blocking).
    /// Exits 1 when any check fails.
    Crash {
        #[arg(long, default_value_t = 1000)]
        kills: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// The crash harness's child for the steps no other command makes (merge, bulk, saves).
    #[command(hide = true)]
    CrashChild { step: String, file: PathBuf },
    /// Excel exports (the customer list and the contact history) against writing the same cells
    /// through rust_xlsxwriter directly, with the growth of peak memory.
    Export {
        #[arg(long, default_value_t = 10_000)]
        cards: u32,
        #[arg(long, default_value_t = 100_000)]
        contacts: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
struct BenchLedger {
    #[arg(long, default_value_t = 100_000)]
    cards: u32,
    #[arg(long, default_value_t = 1_000_000)]
    contacts: u32,
    #[arg(long)]
    json: bool,
    /// Use the generated ledger at this path, or generate it there and keep it.
    #[arg(long)]
    ledger: Option<PathBuf>,
}

fn main() -> ExitCode {
    let lang = Lang::from_env();
    match run(Cli::parse(), lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            let message = i18n::error_message(lang, &report);
            eprintln!("daicho: {}", daicho_core::terminal::shown(&message));
            ExitCode::FAILURE
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
        Command::Demo { cards, out, seed } => {
            // Made under a temporary name: half a demo (a failure, a kill) never takes the name.
            let mut new = NewLedger::start(&out).map_err(|e| report(&e))?;
            demo::generate(
                new.ledger(),
                DemoConfig {
                    cards,
                    seed,
                    today: None,
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
        Command::Import(args) => import::run(args, lang)?,
        Command::Search {
            file,
            query,
            limit,
            json,
        } => search::run(&file, &query, limit, json, lang)?,
        Command::Handover { command } => handover::run(command, lang)?,
        Command::Bench {
            what:
                BenchKind::Classify {
                    cards,
                    transactions,
                    json,
                    out,
                },
        } => {
            bench::classify(cards, transactions, json, out)?;
        }
        Command::Bench {
            what:
                BenchKind::Export {
                    cards,
                    contacts,
                    json,
                },
        } => {
            bench::export(cards, contacts, json)?;
        }
        Command::Bench {
            what: BenchKind::Search(b),
        } => bench::search::search(b.cards, b.contacts, b.json, b.ledger)?,
        Command::Bench {
            what: BenchKind::Open(b),
        } => bench::search::open(b.cards, b.contacts, b.json, b.ledger)?,
        Command::Bench {
            what: BenchKind::List(b),
        } => bench::list::list(b.cards, b.contacts, b.json, b.ledger)?,
        Command::Bench {
            what: BenchKind::Import { cards, json },
        } => bench::import::import(cards, json)?,
        Command::Bench {
            what: BenchKind::Backup(b),
        } => bench::backup::run(b.cards, b.contacts, b.json, b.ledger)?,
        Command::Bench {
            what: BenchKind::Encryption { ledger: b, rows },
        } => bench::encryption::encryption(b.cards, b.contacts, rows, b.json, b.ledger)?,
        Command::Bench {
            what: BenchKind::Crash { kills, seed, json },
        } => {
            let report = bench::crash::run(kills, seed, json)?;
            if !report.failures.is_empty() {
                return Err(ErrorReport {
                    code: "unknown".into(),
                    params: [(
                        "detail".to_owned(),
                        format!(
                            "{} of {} kills failed their checks",
                            report.failures.len(),
                            report.kills
                        ),
                    )]
                    .into_iter()
                    .collect(),
                    fields: vec![],
                });
            }
        }
        Command::Bench {
            what: BenchKind::CrashChild { step, file },
        } => bench::crash::child(&step, &file)?,
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

//! `daicho bench …`: which measurement to run, and running it. Built only with the CLI's
//! `bench` feature, which alone gives the benchmarks' baselines raw access to a ledger's
//! connection (`daicho-core/raw-access`): the shipped command has none.

use std::path::PathBuf;

use clap::Subcommand;
use daicho_core::error::{AppError, Coded};
use daicho_core::ErrorReport;

use super::{
    backup, classify, crash, demo, encryption, export, import, list, plan, readme, search,
};

#[derive(Subcommand)]
pub enum BenchKind {
    /// Writes the README's performance tables from the benchmarks' JSON results (`cargo xtask
    /// bench` runs it); `--check` only says whether they are what the results give.
    Readme {
        #[arg(long, default_value = "README.md")]
        readme: PathBuf,
        #[arg(long, default_value = "bench/results")]
        results: PathBuf,
        #[arg(long)]
        check: bool,
    },
    /// Making a demo ledger, with the bytes a card, a contact and a transaction take.
    Demo {
        #[arg(long, default_value_t = 100_000)]
        cards: u32,
        #[arg(long)]
        json: bool,
    },
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
    /// The sales plan against sales (every line, last year, to date) against the one SQL
    /// aggregate of two years of sales it rests on.
    Plan {
        #[arg(long, default_value_t = 100_000)]
        cards: u32,
        #[arg(long, default_value_t = 1_000_000)]
        transactions: u32,
        #[arg(long)]
        json: bool,
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
        /// Rows of the contact history imported after the cards.
        #[arg(long, default_value_t = 100_000)]
        contacts: u32,
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
pub struct BenchLedger {
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

/// Runs one measurement; a crash run with failed checks is an error (exit 1).
pub fn run(what: BenchKind) -> Result<(), ErrorReport> {
    match what {
        BenchKind::Demo { cards, json } => demo::run(cards, json)?,
        BenchKind::Readme {
            readme,
            results,
            check,
        } => readme::run(&readme, &results, check)?,
        BenchKind::Classify {
            cards,
            transactions,
            json,
            out,
        } => {
            classify(cards, transactions, json, out)?;
        }
        BenchKind::Plan {
            cards,
            transactions,
            json,
        } => plan::plan(cards, transactions, json)?,
        BenchKind::Export {
            cards,
            contacts,
            json,
        } => {
            export(cards, contacts, json)?;
        }
        BenchKind::Search(b) => search::search(b.cards, b.contacts, b.json, b.ledger)?,
        BenchKind::Open(b) => search::open(b.cards, b.contacts, b.json, b.ledger)?,
        BenchKind::List(b) => list::list(b.cards, b.contacts, b.json, b.ledger)?,
        BenchKind::Import {
            cards,
            contacts,
            json,
        } => import::import(cards, contacts, json)?,
        BenchKind::Backup(b) => backup::run(b.cards, b.contacts, b.json, b.ledger)?,
        BenchKind::Encryption { ledger: b, rows } => {
            encryption::encryption(b.cards, b.contacts, rows, b.json, b.ledger)?
        }
        BenchKind::Crash { kills, seed, json } => {
            let report = crash::run(kills, seed, json)?;
            if !report.failures.is_empty() {
                return Err(AppError::Unknown {
                    detail: format!(
                        "{} of {} kills failed their checks",
                        report.failures.len(),
                        report.kills
                    ),
                }
                .report());
            }
        }
        BenchKind::CrashChild { step, file } => crash::child(&step, &file)?,
    }
    Ok(())
}

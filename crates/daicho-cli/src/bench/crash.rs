//! `daicho bench crash`: real writes in a child `daicho` (an import of 3,000 rows, a take-over,
//! a merge, a bulk change, a loop of card saves, a demo, a handover export), killed with SIGKILL
//! after a random delay. After each kill the ledger must open, pass SQLite's integrity check,
//! show every many-row step whole or not at all, hold every save the child reported done, and
//! nothing left behind may block or confuse the next run; every backup that exists is whole.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use daicho_core::backup;
use daicho_core::card_list::CardQuery;
use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::{AppError, Coded};
use daicho_core::handover::HandoverSelection;
use daicho_core::many_cards::bulk::BulkChange;
use daicho_core::output::Existing;
use daicho_core::{ErrorReport, Ledger};
use rand::{Rng, SeedableRng};
use serde::Serialize;

/// The writes a child makes; each is one real command or core step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Scenario {
    Import,
    TakeOver,
    Merge,
    Bulk,
    Saves,
    Demo,
    HandoverExport,
}

const SCENARIOS: [Scenario; 7] = [
    Scenario::Import,
    Scenario::TakeOver,
    Scenario::Merge,
    Scenario::Bulk,
    Scenario::Saves,
    Scenario::Demo,
    Scenario::HandoverExport,
];

const OWNER: &str = "引継 太郎";
const DEMO_CARDS: u32 = 300;

#[derive(Debug, Default, Serialize)]
pub struct CrashReport {
    pub kills: u32,
    /// Kills that landed before the child finished (the rest found it done).
    pub killed_mid_write: u32,
    pub ledgers_checked: u32,
    pub saves_reported: u32,
    pub backups_checked: u32,
    pub failures: Vec<String>,
    pub seconds: f64,
}

fn fail(what: String) -> ErrorReport {
    AppError::Unknown { detail: what }.report()
}

/// What every run starts from: a ledger, a list to import, a bundle to take over.
struct Fixture {
    dir: tempfile::TempDir,
    ledger: PathBuf,
    csv: PathBuf,
    bundle: PathBuf,
    /// The fingerprint the bundle is signed with, confirmed by the take-over.
    signer: String,
    /// The rep's ledger's public key: handover files are written to it.
    recipient: String,
    cards: u64,
    /// Cards after the whole import, the whole take-over.
    imported: u64,
    taken_over: u64,
}

fn live_cards(path: &Path) -> Result<u64, String> {
    let l = Ledger::open(path).map_err(|e| format!("does not open: {}", e.code()))?;
    let verdict = daicho_core::db::integrity_check(l.connection()).map_err(|e| e.to_string())?;
    if verdict != "ok" {
        return Err(format!("integrity check: {verdict}"));
    }
    l.connection()
        .query_row(
            "SELECT count(*) FROM cards WHERE deleted_at IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n as u64)
        .map_err(|e| e.to_string())
}

impl Fixture {
    fn make(exe: &Path) -> Result<Fixture, ErrorReport> {
        let dir = tempfile::tempdir().map_err(|e| fail(e.to_string()))?;
        let ledger = dir.path().join("template.daicho");
        let mut l = Ledger::create(&ledger).map_err(|e| e.report())?;
        demo::generate(
            &mut l,
            DemoConfig {
                cards: 200,
                seed: 7,
                today: None,
                ..DemoConfig::default()
            },
        )
        .map_err(|e| e.report())?;
        drop(l);
        let csv = dir.path().join("list.csv");
        super::import::write_list(&csv, 3_000)?;
        // A colleague's ledger whose cards are handed over.
        let theirs = dir.path().join("theirs.daicho");
        let mut t = Ledger::create(&theirs).map_err(|e| e.report())?;
        demo::generate(
            &mut t,
            DemoConfig {
                cards: 150,
                seed: 99,
                today: None,
                ..DemoConfig::default()
            },
        )
        .map_err(|e| e.report())?;
        let bundle = dir.path().join("theirs.daicho-handover");
        let owners = t.facets().map_err(|e| e.report())?.owners;
        // Written to the rep's ledger's own key, as a colleague would for a known successor.
        let recipient = Ledger::open(&ledger)
            .and_then(|l| {
                l.identity_info()
                    .map_err(|e| daicho_core::error::LedgerError::Key(e.to_string()))
            })
            .map_err(|e| e.report())?
            .recipient;
        let made = t
            .handover_export(
                &HandoverSelection {
                    owner: owners.first().cloned(),
                    card_ids: vec![],
                    to_owner: OWNER.into(),
                    passphrase: None,
                    recipient: Some(recipient.clone()),
                    lend: false,
                    lend_until: None,
                },
                &bundle,
                Existing::Refuse,
            )
            .map_err(|e| e.report())?;
        let mut fixture = Fixture {
            cards: live_cards(&ledger).map_err(fail)?,
            dir,
            ledger,
            csv,
            bundle,
            signer: made.signer,
            recipient,
            imported: 0,
            taken_over: 0,
        };
        // The whole steps once, unkilled, to know their end states.
        for scenario in [Scenario::Import, Scenario::TakeOver] {
            let run = fixture.run_dir("whole")?;
            let out = fixture
                .child(exe, scenario, &run)
                .output()
                .map_err(|e| fail(e.to_string()))?;
            if !out.status.success() {
                return Err(fail(String::from_utf8_lossy(&out.stderr).into_owned()));
            }
            let after = live_cards(&run.join("ledger.daicho")).map_err(fail)?;
            match scenario {
                Scenario::Import => fixture.imported = after,
                _ => fixture.taken_over = after,
            }
        }
        Ok(fixture)
    }

    /// A fresh folder with a copy of the ledger and its own app-data folder.
    fn run_dir(&self, name: &str) -> Result<PathBuf, ErrorReport> {
        let run = self.dir.path().join(name);
        let _ = std::fs::remove_dir_all(&run);
        std::fs::create_dir_all(run.join("data")).map_err(|e| fail(e.to_string()))?;
        std::fs::copy(&self.ledger, run.join("ledger.daicho")).map_err(|e| fail(e.to_string()))?;
        Ok(run)
    }

    fn child(&self, exe: &Path, scenario: Scenario, run: &Path) -> Command {
        let ledger = run.join("ledger.daicho");
        let mut c = Command::new(exe);
        c.env("DAICHO_DATA_DIR", run.join("data"))
            .env("LANG", "C")
            .env("DAICHO_KEYCHAIN", "none")
            .env(
                "DAICHO_PASSPHRASE",
                std::env::var("DAICHO_PASSPHRASE")
                    .unwrap_or_else(|_| super::BENCH_PASSPHRASE.into()),
            )
            .stdin(Stdio::null())
            .stderr(Stdio::null());
        let s = |p: &Path| p.display().to_string();
        match scenario {
            Scenario::Import => c.args(["import", &s(&ledger), &s(&self.csv)]),
            Scenario::TakeOver => c.args([
                "handover",
                "take-over",
                &s(&ledger),
                &s(&self.bundle),
                "--signer",
                &self.signer,
            ]),
            Scenario::Demo => c.args([
                "demo",
                "--cards",
                &DEMO_CARDS.to_string(),
                "--out",
                &s(&run.join("new.daicho")),
            ]),
            Scenario::HandoverExport => c.args([
                "handover",
                "export",
                &s(&ledger),
                "--status",
                "active",
                "--to",
                OWNER,
                "--out",
                &s(&run.join("out.daicho-handover")),
                "--report",
                &s(&run.join("out.xlsx")),
                "--recipient",
                &self.recipient,
            ]),
            Scenario::Merge => c.args(["bench", "crash-child", "merge", &s(&ledger)]),
            Scenario::Bulk => c.args(["bench", "crash-child", "bulk", &s(&ledger)]),
            Scenario::Saves => c.args(["bench", "crash-child", "saves", &s(&ledger)]),
        };
        c
    }

    /// After a kill: what must hold for `scenario`. `saved` are the codes the child said it saved.
    fn check(&self, scenario: Scenario, run: &Path, saved: &[String]) -> Result<(), String> {
        let ledger = run.join("ledger.daicho");
        let cards = live_cards(&ledger)?;
        match scenario {
            Scenario::Import if cards != self.cards && cards != self.imported => {
                return Err(format!("import half-applied: {cards} cards"))
            }
            Scenario::TakeOver if cards != self.cards && cards != self.taken_over => {
                return Err(format!("take-over half-applied: {cards} cards"))
            }
            Scenario::Merge if cards != self.cards && cards + 1 != self.cards => {
                return Err(format!("merge half-applied: {cards} cards"))
            }
            Scenario::Bulk => {
                let l = Ledger::open(&ledger).map_err(|e| e.code().to_owned())?;
                let moved = l
                    .connection()
                    .query_row(
                        "SELECT count(*) FROM cards WHERE owner = ?1 AND deleted_at IS NULL",
                        [OWNER],
                        |r| r.get::<_, i64>(0),
                    )
                    .map_err(|e| e.to_string())? as u64;
                if moved != 0 && moved != cards {
                    return Err(format!("bulk change half-applied: {moved} of {cards}"));
                }
            }
            Scenario::Saves => {
                let l = Ledger::open(&ledger).map_err(|e| e.code().to_owned())?;
                for code in saved {
                    l.card_id_by_code(code)
                        .map_err(|_| format!("save {code} was reported done and is lost"))?;
                }
            }
            Scenario::Demo => {
                let new = run.join("new.daicho");
                if new.exists() {
                    let n = live_cards(&new)?;
                    if n != u64::from(DEMO_CARDS) {
                        return Err(format!("a demo of {n} cards took the name"));
                    }
                } else {
                    // Whatever the killed demo left, the name is free for the next one.
                    let l =
                        Ledger::create(&new).map_err(|e| format!("name blocked: {}", e.code()))?;
                    drop(l);
                }
            }
            Scenario::HandoverExport => {
                let (bundle, report) = (run.join("out.daicho-handover"), run.join("out.xlsx"));
                if bundle.exists() != report.exists() {
                    return Err(
                        "one of the bundle and its report was left without the other".into(),
                    );
                }
                if bundle.exists() {
                    let l = Ledger::open(&ledger).map_err(|e| e.code().to_owned())?;
                    l.take_over_preview(&bundle, None)
                        .map_err(|e| format!("the bundle left is not whole: {}", e.code()))?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Every backup in the run's backup folder is whole: a backup that exists can be restored.
fn check_backups(run: &Path) -> Result<u32, String> {
    let root = run.join("data").join("backups");
    let mut n = 0;
    let Ok(folders) = std::fs::read_dir(&root) else {
        return Ok(0);
    };
    for folder in folders.flatten() {
        for file in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "daicho") {
                let verdict = backup::check(&path);
                if !verdict.ok {
                    return Err(format!("backup {} is not whole", path.display()));
                }
                n += 1;
            }
        }
    }
    Ok(n)
}

pub fn run(kills: u32, seed: u64, json: bool) -> Result<CrashReport, ErrorReport> {
    let exe = std::env::current_exe().map_err(|e| fail(e.to_string()))?;
    let started = Instant::now();
    let fixture = Fixture::make(&exe)?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    // How long each scenario takes whole, to aim the kills inside it: the quickest of three
    // runs, as one slowed by a busy machine would aim most kills after the write ended.
    let mut whole = std::collections::HashMap::new();
    for scenario in SCENARIOS {
        for _ in 0..3 {
            let run = fixture.run_dir("timing")?;
            let t = Instant::now();
            let _ = fixture
                .child(&exe, scenario, &run)
                .stdout(Stdio::null())
                .status();
            let took = t.elapsed();
            whole
                .entry(scenario)
                .and_modify(|d: &mut Duration| *d = (*d).min(took))
                .or_insert(took);
        }
    }
    let mut report = CrashReport::default();
    for n in 0..kills {
        let scenario = SCENARIOS[n as usize % SCENARIOS.len()];
        let run = fixture.run_dir(&format!("run{}", n % 4))?;
        let span = whole[&scenario].as_micros().max(1000) as u64;
        let delay = Duration::from_micros(rng.random_range(0..span + span / 10));
        let mut child = fixture
            .child(&exe, scenario, &run)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| fail(e.to_string()))?;
        // The codes the child reports saved, read as they come.
        let stdout = child.stdout.take();
        let reader = std::thread::spawn(move || {
            stdout.map_or_else(Vec::new, |out| {
                std::io::BufReader::new(out)
                    .lines()
                    .map_while(Result::ok)
                    .filter_map(|l| l.strip_prefix("saved ").map(str::to_owned))
                    .collect::<Vec<_>>()
            })
        });
        std::thread::sleep(delay);
        let finished = child.try_wait().ok().flatten().is_some();
        let _ = child.kill();
        let _ = child.wait();
        let saved = reader.join().unwrap_or_default();
        report.kills += 1;
        report.killed_mid_write += u32::from(!finished);
        report.saves_reported += saved.len() as u32;
        let verdict = fixture
            .check(scenario, &run, &saved)
            .and_then(|()| check_backups(&run));
        match verdict {
            Ok(backups) => report.backups_checked += backups,
            Err(why) => report
                .failures
                .push(format!("{scenario:?} after {delay:?}: {why}")),
        }
        report.ledgers_checked += 1;
    }
    report.seconds = started.elapsed().as_secs_f64();
    if json {
        out_json!(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        out!(
            "{} kills ({} mid-write) across import, take-over, merge, bulk change, saves, demo and handover export",
            report.kills, report.killed_mid_write
        );
        out!(
            "ledgers checked {}, saves reported done {}, backups checked {}, failures {}, {:.0} s",
            report.ledgers_checked,
            report.saves_reported,
            report.backups_checked,
            report.failures.len(),
            report.seconds
        );
        for f in &report.failures {
            out!("  {f}");
        }
    }
    Ok(report)
}

/// The child side of the steps no other command makes: a merge, a bulk change, a save loop.
pub fn child(step: &str, file: &Path) -> Result<(), ErrorReport> {
    let mut l = crate::open_ledger(file).map_err(|e| e.report())?;
    let ids: Vec<daicho_core::ids::CardId> = l
        .list_cards(&CardQuery {
            limit: 100_000,
            ..CardQuery::default()
        })
        .map_err(|e| e.report())?
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    match step {
        "merge" if ids.len() >= 2 => {
            l.merge_cards(&ids[0], &ids[1]).map_err(|e| e.report())?;
        }
        "bulk" => {
            let change = BulkChange {
                owner: Some(OWNER.into()),
                ..BulkChange::default()
            };
            l.bulk_change(&ids, &change).map_err(|e| e.report())?;
        }
        "saves" => {
            for n in 0..400 {
                let mut fields = daicho_core::card::CardFields::new(
                    daicho_core::card::CardKind::Organisation,
                    &format!("保存テスト{n}株式会社"),
                );
                fields.phones = vec![format!("03-5555-{n:04}")];
                let card = l.create_card(&fields).map_err(|e| e.report())?;
                // Said only after the save returned: the parent holds the ledger to it.
                out!("saved {}", card.fields.code);
            }
        }
        _ => return Err(fail(format!("unknown crash step {step}"))),
    }
    Ok(())
}

//! `cargo xtask bench`: every benchmark on generated data (release build), each writing its JSON
//! into `bench/results/`, then the README's performance tables rewritten from them with the
//! date, the CPU and the core count. Nothing in those tables is typed by hand.

use std::path::Path;
use std::process::Command;

use crate::{cargo, root, Result, BUILD_ENV};

/// Each benchmark: its result file and the `daicho bench` arguments (defaults: 100,000 cards).
const BENCHES: [(&str, &[&str]); 11] = [
    ("demo", &["demo"]),
    ("classify", &["classify"]),
    ("plan", &["plan"]),
    ("export", &["export"]),
    // The search benchmark generates the 100,000-card ledger the next ones reuse.
    ("search", &["search", "--ledger", "target/bench/big.daicho"]),
    ("open", &["open", "--ledger", "target/bench/big.daicho"]),
    ("list", &["list", "--ledger", "target/bench/big.daicho"]),
    ("import", &["import"]),
    (
        "encryption",
        &["encryption", "--ledger", "target/bench/big.daicho"],
    ),
    ("backup", &["backup", "--ledger", "target/bench/big.daicho"]),
    ("crash", &["crash", "--kills", "1000", "--seed", "2026"]),
];

pub fn bench() -> Result {
    crate::setup::system_packages()?;
    cargo(
        &[
            "build",
            "--release",
            "-p",
            "daicho-cli",
            "--features",
            "bench",
        ],
        &BUILD_ENV,
    )?;
    let exe = root().join("target/release/daicho");
    let results = root().join("bench/results");
    std::fs::create_dir_all(&results).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(root().join("target/bench")).map_err(|e| e.to_string())?;
    let only: Vec<String> = std::env::args().skip(2).collect();
    // A fresh ledger whenever the search benchmark runs: its generation is measured too.
    if only.is_empty() || only.iter().any(|o| o == "search") {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(root().join(format!("target/bench/big.daicho{suffix}")));
        }
    }
    for (name, args) in BENCHES {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        println!("\n$ daicho bench {} --json", args.join(" "));
        let out = Command::new(&exe)
            .arg("bench")
            .args(args)
            .arg("--json")
            .current_dir(root())
            // Benchmark ledgers are made up: their keys stay in memory.
            .env("DAICHO_KEYCHAIN", "none")
            .output()
            .map_err(|e| format!("could not start {}: {e}", exe.display()))?;
        if !out.status.success() {
            // What it found (the crash harness lists each failed check) is kept for a look.
            print!("{}", String::from_utf8_lossy(&out.stdout));
            write(
                &root().join(format!("target/bench/{name}-failed.json")),
                &out.stdout,
            )?;
            return Err(format!(
                "daicho bench {name} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        write(&results.join(format!("{name}.json")), &out.stdout)?;
        print!("{}", String::from_utf8_lossy(&out.stdout));
    }
    if only.is_empty() || only.iter().any(|o| o == "startup") {
        println!("\nStart-up against a minimal Tauri app");
        let big = root().join("target/bench/big.daicho");
        if !big.exists() {
            return Err("the start-up measurement opens the search benchmark's ledger: run `cargo xtask bench search startup`".into());
        }
        let startup = crate::startup::measure(&big)?;
        write(
            &results.join("startup.json"),
            serde_json::to_string_pretty(&startup)
                .map_err(|e| e.to_string())?
                .as_bytes(),
        )?;
    }
    // Where each benchmark ran: a run of some of them keeps the others' record.
    let here = serde_json::json!({
        "date": today()?,
        "cpu": cpu_model(),
        "cores": std::thread::available_parallelism().map_or(1, |n| n.get()),
    });
    let earlier: serde_json::Value = std::fs::read_to_string(results.join("machine.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let mut runs = serde_json::Map::new();
    for name in BENCHES.iter().map(|(n, _)| *n).chain(["startup"]) {
        let before = earlier
            .get("runs")
            .and_then(|r| r.get(name))
            .cloned()
            .or_else(|| earlier.get("cpu").map(|_| earlier.clone()));
        let ran = only.is_empty() || only.iter().any(|o| o == name);
        if let Some(m) = if ran { Some(here.clone()) } else { before } {
            runs.insert(name.to_owned(), m);
        }
    }
    let machine = serde_json::json!({ "runs": runs });
    write(
        &results.join("machine.json"),
        serde_json::to_string_pretty(&machine)
            .map_err(|e| e.to_string())?
            .as_bytes(),
    )?;
    let status = Command::new(&exe)
        .args([
            "bench",
            "readme",
            "--readme",
            "README.md",
            "--results",
            "bench/results",
        ])
        .current_dir(root())
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("the README's tables could not be written".into());
    }
    println!("\nREADME.md's performance tables rewritten from bench/results/");
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Today as YYYY-MM-DD, from `date` (xtask keeps its dependencies few).
fn today() -> Result<String> {
    let out = Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The CPU's model name (Linux), or "unknown CPU".
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

//! Daicho's start-up beside a minimal Tauri 2 app with a Svelte page (`tests/startup/minimal-app`,
//! page in `ui/startup-minimal`), both release builds started on the same virtual display, in
//! alternating rounds after a warm-up round: the time from the start of the process to its page's
//! list on screen (each page says so on stderr), and the most memory the process with its WebKit
//! helpers holds (proportional set size, so shared pages are not counted twice) from then until
//! its page has settled and Daicho's work after the paint (the whole-file check, the daily
//! backup) is done, on the demo ledger and on the 100,000-card benchmark ledger.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::{cargo, root, run, Result, BUILD_ENV};

/// Rounds measured (the median is reported), after one warm-up round.
const ROUNDS: usize = 5;
/// The virtual display the apps are started on.
const DISPLAY: &str = ":87";
/// The passphrase of the benchmark ledgers (`daicho_cli::bench::BENCH_PASSPHRASE`).
const BENCH_PASSPHRASE: &str = "daicho benchmark ledger";

struct App {
    name: &'static str,
    program: &'static str,
    args: Vec<String>,
    data: &'static str,
    /// Says on stderr when its work after the first paint is done.
    settles: bool,
}

/// How long after the first paint the page is taken to have settled.
const SETTLE: Duration = Duration::from_millis(1500);
/// How long the work after the paint may take before the measurement gives up.
const SETTLE_AT_MOST: Duration = Duration::from_secs(180);

pub fn measure(big_ledger: &Path) -> Result<serde_json::Value> {
    run("ui", "npm", &["run", "build"], &[])?;
    crate::build_minimal_page()?;
    cargo(
        &[
            "build",
            "--release",
            "-p",
            "daicho-app",
            "-p",
            "startup-minimal",
            "--features",
            "tauri/custom-protocol",
        ],
        &BUILD_ENV,
    )?;
    let mut display = Command::new("Xvfb")
        .args([DISPLAY, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start Xvfb: {e}"))?;
    let outcome = rounds(big_ledger);
    let _ = display.kill();
    let _ = display.wait();
    outcome
}

fn rounds(big_ledger: &Path) -> Result<serde_json::Value> {
    let scratch = root().join("target/bench/startup");
    let _ = std::fs::remove_dir_all(&scratch);
    let apps = [
        App {
            name: "minimal",
            program: "target/release/startup-minimal",
            args: Vec::new(),
            data: "minimal",
            settles: false,
        },
        App {
            name: "demo",
            program: "target/release/daicho-app",
            args: vec!["--demo".into()],
            data: "demo",
            settles: true,
        },
        App {
            name: "big",
            program: "target/release/daicho-app",
            args: vec!["--ledger".into(), big_ledger.display().to_string()],
            data: "big",
            settles: true,
        },
    ];
    let mut painted: Vec<Vec<f64>> = vec![Vec::new(); apps.len()];
    let mut memory: Vec<Vec<f64>> = vec![Vec::new(); apps.len()];
    // Round 0 warms up: the demo ledger is made, the first daily backup taken, files cached.
    for round in 0..=ROUNDS {
        for (n, app) in apps.iter().enumerate() {
            let (ms, mib) = once(app, &scratch)?;
            println!(
                "  round {round} {:<8} painted {ms:>7.0} ms  {mib:>6.0} MiB",
                app.name
            );
            if round > 0 {
                painted[n].push(ms);
                memory[n].push(mib);
            }
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let painted: Vec<f64> = painted.into_iter().map(median).collect();
    let memory: Vec<f64> = memory.into_iter().map(median).collect();
    let round2 = |v: f64| (v * 100.0).round() / 100.0;
    Ok(serde_json::json!({
        "rounds": ROUNDS,
        "minimal": { "painted_ms": painted[0].round(), "memory_mib": memory[0].round() },
        "demo": { "painted_ms": painted[1].round(), "memory_mib": memory[1].round(),
                  "painted_ratio": round2(painted[1] / painted[0]), "memory_ratio": round2(memory[1] / memory[0]) },
        "big": { "painted_ms": painted[2].round(), "memory_mib": memory[2].round(),
                 "painted_ratio": round2(painted[2] / painted[0]), "memory_ratio": round2(memory[2] / memory[0]) },
    }))
}

/// Starts `app`, waits for its page's list, reads its memory, and closes it.
fn once(app: &App, scratch: &Path) -> Result<(f64, f64)> {
    let started = Instant::now();
    let mut child = Command::new(root().join(app.program))
        .args(&app.args)
        .arg("--data-dir")
        .arg(scratch.join(app.data))
        .env("DISPLAY", DISPLAY)
        .env("DAICHO_KEYCHAIN", "none")
        .env("DAICHO_PASSPHRASE", BENCH_PASSPHRASE)
        .env("DAICHO_STARTUP_PROBE", "1")
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .env("LANG", "C.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", app.program))?;
    let (tell, heard) = mpsc::channel();
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
                for event in ["startup: painted", "startup: settled"] {
                    if line.contains(event) {
                        let _ = tell.send(event);
                    }
                }
            }
        });
    }
    // The demo ledger is made in the warm-up round: that may take a while.
    let painted = heard.recv_timeout(Duration::from_secs(600));
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if painted != Ok("startup: painted") {
        close(&mut child);
        return Err(format!("{} never said its list was painted", app.name));
    }
    // The most memory the app holds from its first paint until the page has settled (1.5 s)
    // and Daicho's work after the paint (the whole-file check, the daily backup) is done.
    let painted_at = Instant::now();
    let mut settled = !app.settles;
    let mut mib: f64 = 0.0;
    while !(settled && painted_at.elapsed() >= SETTLE) && painted_at.elapsed() < SETTLE_AT_MOST {
        mib = mib.max(tree_pss_kib(child.id()) as f64 / 1024.0);
        if heard.recv_timeout(Duration::from_millis(200)) == Ok("startup: settled") {
            settled = true;
        }
    }
    if !settled {
        close(&mut child);
        return Err(format!("{}'s work after the paint never ended", app.name));
    }
    close(&mut child);
    Ok((ms, mib))
}

fn close(child: &mut Child) {
    for pid in descendants(child.id()) {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The process and every process started under it (WebKit's web and network processes).
fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(id) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // The parent is the second field after the command name in parentheses.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse().ok());
            if let Some(ppid) = ppid {
                parents.push((id, ppid));
            }
        }
    }
    let mut tree = vec![pid];
    let mut at = 0;
    while at < tree.len() {
        let parent = tree[at];
        tree.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(id, _)| *id),
        );
        at += 1;
    }
    tree
}

/// The proportional set size of the process tree, in KiB.
fn tree_pss_kib(pid: u32) -> u64 {
    descendants(pid)
        .into_iter()
        .filter_map(|id| std::fs::read_to_string(format!("/proc/{id}/smaps_rollup")).ok())
        .filter_map(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .sum()
}

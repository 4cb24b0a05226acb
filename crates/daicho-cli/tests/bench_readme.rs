#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(feature = "bench")]
//! The README's performance tables come from the benchmarks' results, never typed by hand: the
//! committed tables are what the committed results give, and every benchmark still writes what
//! the tables read.

mod common;

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

const TABLES: [&str; 13] = [
    "machine",
    "demo",
    "classify",
    "plan",
    "export",
    "search",
    "open",
    "list",
    "import",
    "encryption",
    "backup",
    "crash",
    "startup",
];

#[test]
fn the_readmes_performance_tables_are_what_the_committed_results_give() {
    let root = repo();
    let readme = root.join("README.md");
    let results = root.join("bench/results");
    common::succeeds(&[
        "bench",
        "readme",
        "--check",
        "--readme",
        readme.to_str().unwrap(),
        "--results",
        results.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&readme).unwrap();
    for name in TABLES {
        assert!(text.contains(&format!("<!-- bench:{name} -->")), "{name}");
    }
}

#[test]
fn a_table_edited_by_hand_is_caught() {
    let root = repo();
    let dir = tempfile::tempdir().unwrap();
    let readme = dir.path().join("README.md");
    let text = std::fs::read_to_string(root.join("README.md")).unwrap();
    let at = text.find("<!-- /bench:classify -->").unwrap();
    let mut edited = text.clone();
    edited.insert_str(at, "| a figure typed by hand | 1 ms | 1.00× |\n");
    std::fs::write(&readme, edited).unwrap();
    let results = root.join("bench/results");
    let out = common::daicho(
        &[
            "bench",
            "readme",
            "--check",
            "--readme",
            readme.to_str().unwrap(),
            "--results",
            results.to_str().unwrap(),
        ],
        "C",
    );
    assert!(!out.status.success());
}

#[test]
fn every_benchmark_writes_what_the_readmes_tables_read() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results");
    std::fs::create_dir_all(&results).unwrap();
    let ledger = dir.path().join("small.daicho");
    let ledger = ledger.to_str().unwrap();
    let small = ["--cards", "300", "--contacts", "2000", "--ledger", ledger];
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("demo", vec!["demo", "--cards", "40"]),
        (
            "classify",
            vec!["classify", "--cards", "200", "--transactions", "2000"],
        ),
        (
            "plan",
            vec!["plan", "--cards", "200", "--transactions", "2000"],
        ),
        (
            "export",
            vec!["export", "--cards", "100", "--contacts", "500"],
        ),
        ("search", [&["search"][..], &small].concat()),
        ("open", [&["open"][..], &small].concat()),
        ("list", [&["list"][..], &small].concat()),
        ("import", vec!["import", "--cards", "300"]),
        (
            "encryption",
            [&["encryption", "--rows", "200"][..], &small].concat(),
        ),
        ("backup", [&["backup"][..], &small].concat()),
        ("crash", vec!["crash", "--kills", "7", "--seed", "3"]),
    ];
    for (name, args) in runs {
        let out = common::succeeds(&[&["bench"][..], &args, &["--json"]].concat());
        std::fs::write(results.join(format!("{name}.json")), &out.stdout).unwrap();
    }
    // Start-up is measured by `cargo xtask bench` itself (it needs a display and the app).
    std::fs::write(
        results.join("startup.json"),
        r#"{"rounds": 5, "minimal": {"painted_ms": 700, "memory_mib": 460},
            "demo": {"painted_ms": 800, "memory_mib": 500, "painted_ratio": 1.14, "memory_ratio": 1.09},
            "big": {"painted_ms": 850, "memory_mib": 520, "painted_ratio": 1.21, "memory_ratio": 1.13}}"#,
    )
    .unwrap();
    std::fs::write(
        results.join("machine.json"),
        r#"{"date": "2026-12-05", "cpu": "a test CPU", "cores": 2}"#,
    )
    .unwrap();
    let readme = dir.path().join("README.md");
    let markers: String = TABLES
        .iter()
        .map(|t| format!("<!-- bench:{t} -->\n<!-- /bench:{t} -->\n"))
        .collect();
    std::fs::write(&readme, markers).unwrap();
    // The README's tables, written from the results as they are now.
    let rewrite = || {
        common::succeeds(&[
            "bench",
            "readme",
            "--readme",
            readme.to_str().unwrap(),
            "--results",
            results.to_str().unwrap(),
        ]);
        std::fs::read_to_string(&readme).unwrap()
    };
    let written = rewrite();
    assert!(written.contains("a test CPU, 2 cores"), "{written}");
    // Some benchmarks re-run elsewhere: each machine is named with its tables.
    std::fs::write(
        results.join("machine.json"),
        r#"{"runs": {"demo": {"date": "2026-12-05", "cpu": "a test CPU", "cores": 2},
                    "import": {"date": "2026-12-06", "cpu": "another CPU", "cores": 2},
                    "search": {"date": "2026-12-05", "cpu": "a test CPU", "cores": 2}}}"#,
    )
    .unwrap();
    let written = rewrite();
    assert!(
        written.contains("- `cargo xtask bench` on 2026-12-05: a test CPU, 2 cores, release build (demo, search)")
            && written.contains("- `cargo xtask bench` on 2026-12-06: another CPU, 2 cores, release build (import)"),
        "{written}"
    );
    assert!(written.contains("| customer list | 100 |"), "{written}");
    assert_eq!(written.matches("| --- |").count(), 0);
    assert!(written.matches("|---|").count() >= 11, "{written}");
}

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The `daicho` command as a script uses it: exit codes, output, errors in the user's language.

use std::process::{Command, Output};

fn daicho(args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daicho"))
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

#[test]
fn init_demo_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.daicho");
    let demo = dir.path().join("demo.daicho");
    assert!(daicho(&["init", empty.to_str().unwrap()], "C")
        .status
        .success());
    let made = daicho(
        &[
            "demo",
            "--cards",
            "40",
            "--seed",
            "5",
            "--out",
            demo.to_str().unwrap(),
        ],
        "C",
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    let stats = daicho(&["stats", demo.to_str().unwrap(), "--json"], "C");
    assert!(stats.status.success());
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(json["cards"], 40);
    assert_eq!(json["integrity"], "ok");
    assert!(
        json["intel_notes"].as_u64().unwrap() > 0,
        "notes are counted"
    );
    assert!(json["planned_visits"].is_u64());
    assert_eq!(
        json["cards_by_kind"]["organisation"].as_u64().unwrap()
            + json["cards_by_kind"]["individual"].as_u64().unwrap(),
        40
    );

    let stats = daicho(&["stats", empty.to_str().unwrap()], "C");
    assert!(String::from_utf8_lossy(&stats.stdout).contains("cards            0"));
}

#[test]
fn refuses_to_overwrite_and_to_open_foreign_files_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "メモ").unwrap();

    let init = daicho(&["init", notes.to_str().unwrap()], "en_US.UTF-8");
    assert!(!init.status.success());
    assert!(String::from_utf8_lossy(&init.stderr).contains("already exists"));

    let stats = daicho(&["stats", notes.to_str().unwrap()], "ja_JP.UTF-8");
    assert!(!stats.status.success());
    assert!(String::from_utf8_lossy(&stats.stderr).contains("台帳ファイルではありません"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "メモ");
}

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The CLI and encrypted ledgers: keys from a passphrase for scripts, the recovery key, and
//! nothing readable in the file.

mod common;
use common::{command, daicho, stderr, stdout, succeeds, PASSPHRASE};

#[test]
fn a_new_ledger_is_encrypted_and_its_recovery_key_is_said_once_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.daicho");
    let out = succeeds(&["demo", "--cards", "30", "--out", file.to_str().unwrap()]);
    assert_eq!(stdout(&out).trim(), file.display().to_string());
    let said = stderr(&out);
    let key = said
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 64 && l.split('-').count() == 13)
        .unwrap_or_else(|| panic!("no recovery key in {said}"))
        .to_owned();

    // No name, phone or e-mail of the demo's customers is in the file's bytes.
    let names = succeeds(&["search", file.to_str().unwrap(), "株式会社", "--json"]);
    let found: serde_json::Value = serde_json::from_slice(&names.stdout).unwrap();
    let name: String = found["cards"][0]["name"]
        .as_array()
        .unwrap()
        .iter()
        .map(|part| part["text"].as_str().unwrap())
        .collect();
    assert!(name.chars().count() > 4, "{name}");
    let bytes = std::fs::read(&file).unwrap();
    assert!(
        !bytes.windows(name.len()).any(|w| w == name.as_bytes()),
        "{name} is readable"
    );

    let check = succeeds(&["check", file.to_str().unwrap()]);
    assert!(stdout(&check).contains(" encrypted "), "{}", stdout(&check));
    let json = succeeds(&["check", file.to_str().unwrap(), "--json"]);
    let verdict: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(verdict["encrypted"], true);

    // Without the passphrase it is locked, in the rep's language, with a failing exit code.
    let out = command("ja_JP.UTF-8")
        .env_remove("DAICHO_PASSPHRASE")
        .args(["stats", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("暗号化されていて"),
        "{}",
        stderr(&out)
    );
    // A wrong one does not open it either.
    let out = command("C")
        .env("DAICHO_PASSPHRASE", "not the passphrase")
        .args(["stats", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // The recovery key does, from a file, as typed by hand.
    let key_file = dir.path().join("recovery.txt");
    std::fs::write(&key_file, format!("{}\n", key.to_lowercase())).unwrap();
    let out = command("C")
        .env_remove("DAICHO_PASSPHRASE")
        .args([
            "stats",
            file.to_str().unwrap(),
            "--recovery-key-file",
            key_file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // ...and `key show` prints the same key after the passphrase.
    let shown = succeeds(&["key", "show", file.to_str().unwrap()]);
    assert_eq!(stdout(&shown).trim(), key);
}

#[test]
fn without_a_keychain_or_a_passphrase_init_refuses_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.daicho");
    let out = command("ko_KR.UTF-8")
        .env_remove("DAICHO_PASSPHRASE")
        .args(["init", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("암호 문구"), "{}", stderr(&out));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn a_new_passphrase_from_a_file_replaces_the_old_one_for_the_ledger_and_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.daicho");
    let f = file.to_str().unwrap();
    succeeds(&["demo", "--cards", "20", "--out", f]);
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    succeeds(&["backup", f, "--to", backups.to_str().unwrap()]);
    let new_file = dir.path().join("new.txt");
    std::fs::write(&new_file, "a much longer passphrase\n").unwrap();
    let short = dir.path().join("short.txt");
    std::fs::write(&short, "short\n").unwrap();
    let out = daicho(
        &[
            "key",
            "passphrase",
            f,
            "--new-passphrase-file",
            short.to_str().unwrap(),
        ],
        "C",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("at least 8"), "{}", stderr(&out));

    let out = succeeds(&[
        "key",
        "passphrase",
        f,
        "--new-passphrase-file",
        new_file.to_str().unwrap(),
    ]);
    let recovery = stdout(&out).trim().to_owned();
    assert_eq!(recovery.split('-').count(), 13);
    let old = daicho(&["stats", f], "C");
    assert_eq!(
        old.status.code(),
        Some(1),
        "the old passphrase {PASSPHRASE} still opens it"
    );
    let new = command("C")
        .env("DAICHO_PASSPHRASE", "a much longer passphrase")
        .args(["stats", f])
        .output()
        .unwrap();
    assert!(new.status.success(), "{}", stderr(&new));
}

#[test]
fn a_passphrase_file_is_read_no_further_than_its_first_line_and_a_few_kilobytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.daicho");
    let pass = dir.path().join("pass.txt");
    // The passphrase, then a megabyte that is never read.
    let mut text = format!("{PASSPHRASE}\n");
    text.push_str(&"x".repeat(1 << 20));
    std::fs::write(&pass, text).unwrap();
    let out = command("C")
        .env_remove("DAICHO_PASSPHRASE")
        .args([
            "init",
            file.to_str().unwrap(),
            "--passphrase-file",
            pass.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    succeeds(&["stats", file.to_str().unwrap()]);
    // A device that never ends is not read to its end.
    let out = command("C")
        .env_remove("DAICHO_PASSPHRASE")
        .args([
            "stats",
            file.to_str().unwrap(),
            "--passphrase-file",
            "/dev/zero",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

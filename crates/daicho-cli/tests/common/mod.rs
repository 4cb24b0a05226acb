//! Running the built `daicho` as a script does: in a language, with its own app-data folder
//! (never the real one), reading the exit code and both outputs.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The app-data folder of this test run: settings and backups go here, not to the user's.
pub fn data_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap()).path()
}

/// The passphrase of the tests' handover files (a colleague would say it on the phone).
pub const HANDOVER_PASSPHRASE: &str = "test handover passphrase";

/// The fingerprint `handover export` says the file is signed with.
pub fn signer_in(out: &Output) -> String {
    let text = stdout(out);
    text.lines()
        .find_map(|l| l.strip_prefix("signed by ledger "))
        .unwrap_or_else(|| panic!("no signer in {text}"))
        .trim()
        .to_owned()
}

/// The passphrase of every ledger the tests make.
pub const PASSPHRASE: &str = "test ledger passphrase";

pub fn command(lang: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_daicho"));
    command
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env("DAICHO_DATA_DIR", data_dir())
        // Never the real keychain: keys come from the passphrase, as in a script.
        .env("DAICHO_KEYCHAIN", "none")
        .env("DAICHO_PASSPHRASE", PASSPHRASE)
        .env_remove("DAICHO_RECOVERY_KEY")
        .env("DAICHO_HANDOVER_PASSPHRASE", HANDOVER_PASSPHRASE);
    command
}

pub fn daicho(args: &[&str], lang: &str) -> Output {
    command(lang).args(args).output().unwrap()
}

/// Runs `daicho` in the C locale and requires it to succeed (showing its errors if not).
#[track_caller]
pub fn succeeds(args: &[&str]) -> Output {
    let out = daicho(args, "C");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Opens a ledger the CLI made, in this test process, as the CLI would (with the tests'
/// passphrase): what a test reads back directly.
pub fn open_db(path: &Path) -> rusqlite::Connection {
    use daicho_core::crypto::{self, keychain, Secret};
    keychain::use_memory_only();
    keychain::offer(Secret::Passphrase(zeroize::Zeroizing::new(
        PASSPHRASE.into(),
    )));
    crypto::open(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap()
}

/// Lets this test process open the CLI's ledgers with the daicho-core API.
pub fn use_test_passphrase() {
    use daicho_core::crypto::{keychain, Secret};
    keychain::use_memory_only();
    keychain::offer(Secret::Passphrase(zeroize::Zeroizing::new(
        PASSPHRASE.into(),
    )));
}

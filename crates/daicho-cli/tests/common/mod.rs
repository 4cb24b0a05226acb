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

pub fn command(lang: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_daicho"));
    command
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env("DAICHO_DATA_DIR", data_dir());
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

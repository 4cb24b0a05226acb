//! One Daicho window per ledger: a window holds an advisory lock on a small file in the app-data
//! folder (named by a hash of the ledger's full path, so nothing is added beside the ledger),
//! which says which process holds it and since when. The system lets the lock go when the
//! process ends, however it ends, so a crash never leaves a ledger locked.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::LedgerError;

/// The lock of one open ledger; dropped, it lets the ledger go.
#[derive(Debug)]
pub struct LedgerLock {
    ledger: PathBuf,
    _file: std::fs::File,
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_owned())
}

impl LedgerLock {
    /// Takes the lock of `ledger` under `data`, or says which process has it.
    pub fn take(data: &Path, ledger: &Path) -> Result<LedgerLock, LedgerError> {
        let full = canonical(ledger);
        let digest = Sha256::digest(full.to_string_lossy().as_bytes());
        let name: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let dir = data.join("locks");
        let io = |source| LedgerError::Io {
            path: dir.clone(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(io)?;
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(dir.join(format!("{name}.lock")))
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut holder = String::new();
                // "pid since": a few dozen bytes, read no further than that.
                let _ = (&mut file).take(128).read_to_string(&mut holder);
                let (pid, since) = holder.trim().split_once(' ').unwrap_or(("?", ""));
                return Err(LedgerError::InUse {
                    path: ledger.to_owned(),
                    pid: pid.to_owned(),
                    since: since.to_owned(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let since = chrono::Local::now().format("%Y-%m-%d %H:%M");
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "{} {since}", std::process::id()).map_err(io)?;
        Ok(LedgerLock {
            ledger: full,
            _file: file,
        })
    }

    /// Whether this is the lock of `ledger`.
    pub fn is_for(&self, ledger: &Path) -> bool {
        self.ledger == canonical(ledger)
    }
}

//! Files about to take their names as logged copies. Giving a file its name and logging it
//! cannot be one atomic step, so before a file is named the ledger records where it goes and
//! what it holds (its SHA-256). The transaction that logs the copy removes the record; a record
//! still there when the ledger opens is a run killed in between, and the files it names that
//! still hold exactly what was written are removed: a copy that exists is logged, and a step
//! that did not finish leaves nothing (a handover file without its report, a bundle whose cards
//! were never marked as handed over).

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::output::{OutputError, Staged};

/// `ledger_meta` keys of naming records: one per step, so that two programs naming files at
/// once keep their own.
const PREFIX: &str = "copies_naming:";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Named {
    pub target: PathBuf,
    pub sha256: String,
}

/// The record of one step's files, written (and committed) before they are named.
pub(crate) struct Intent {
    key: String,
}

fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(format!("{:x}", hasher.finalize()))
}

impl Intent {
    /// Records `files` (written, not yet named) as about to be named.
    pub fn record<E>(conn: &Connection, files: &[Staged]) -> Result<Intent, E>
    where
        E: From<rusqlite::Error> + From<OutputError>,
    {
        let mut named = Vec::with_capacity(files.len());
        for file in files {
            let sha256 = sha256_of(file.path()).map_err(|e| OutputError::io(file.target(), e))?;
            let target =
                std::path::absolute(file.target()).unwrap_or_else(|_| file.target().to_owned());
            named.push(Named { target, sha256 });
        }
        let key = format!("{PREFIX}{}", uuid::Uuid::now_v7());
        conn.prepare_cached("INSERT INTO ledger_meta (key, value) VALUES (?1, ?2)")?
            .execute(params![
                key,
                serde_json::to_string(&named).unwrap_or_default()
            ])?;
        Ok(Intent { key })
    }

    /// In the transaction that logs the copies: the files are named and logged.
    pub fn done(&self, tx: &Connection) -> rusqlite::Result<()> {
        tx.prepare_cached("DELETE FROM ledger_meta WHERE key = ?1")?
            .execute([&self.key])?;
        Ok(())
    }

    /// The step failed and removed what it named: nothing is left to undo.
    pub fn forget(self, conn: &Connection) {
        let _ = self.done(conn);
    }
}

/// Removes the files of every step that recorded its naming and did not finish, when they still
/// hold what was written; a file changed or replaced since is left alone. Run when the ledger
/// opens, under the write lock, so that it never meets a step that is still naming its files.
/// Returns the files removed.
pub(crate) fn finish_interrupted(conn: &Connection) -> rusqlite::Result<Vec<PathBuf>> {
    let any: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM ledger_meta WHERE key >= ?1 AND key < ?2 LIMIT 1")?
        .query_row(params![PREFIX, format!("{PREFIX}\u{10FFFF}")], |r| r.get(0))
        .optional()?;
    if any.is_none() {
        return Ok(Vec::new());
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let records: Vec<(String, String)> = {
        let mut stmt =
            tx.prepare("SELECT key, value FROM ledger_meta WHERE key >= ?1 AND key < ?2")?;
        let rows = stmt.query_map(params![PREFIX, format!("{PREFIX}\u{10FFFF}")], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut removed = Vec::new();
    for (key, value) in records {
        let files: Vec<Named> = serde_json::from_str(&value).unwrap_or_default();
        let mut kept_back = false;
        for file in files {
            let ours = sha256_of(&file.target).is_ok_and(|h| h == file.sha256);
            if ours {
                match std::fs::remove_file(&file.target) {
                    Ok(()) => removed.push(file.target),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    // Tried again at the next opening.
                    Err(_) => kept_back = true,
                }
            }
        }
        if !kept_back {
            tx.execute("DELETE FROM ledger_meta WHERE key = ?1", [&key])?;
        }
    }
    tx.commit()?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::copies::{self, CopyKind, NewCopy};
    use crate::output::Existing;
    use crate::Ledger;

    fn staged_with(target: &Path, text: &str) -> Staged {
        let staged = Staged::new(target, Existing::Refuse).expect("staged");
        std::fs::write(staged.path(), text).expect("written");
        staged
    }

    fn copy(target: &Path) -> NewCopy<'_> {
        NewCopy {
            at: "2026-12-05T10:00:00Z",
            actor: "rep",
            kind: CopyKind::Report,
            what: "list",
            filter: vec![],
            cards: Some(1),
            target,
        }
    }

    fn records(conn: &Connection) -> i64 {
        conn.query_row(
            "SELECT count(*) FROM ledger_meta WHERE key LIKE 'copies_naming:%'",
            [],
            |r| r.get(0),
        )
        .expect("count")
    }

    #[test]
    fn a_finished_step_leaves_its_files_and_no_record() {
        let dir = tempfile::tempdir().expect("dir");
        let ledger = Ledger::create(&dir.path().join("l.daicho")).expect("ledger");
        let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
        let named: Vec<PathBuf> = copies::logged::<crate::error::ReportError>(
            ledger.connection(),
            &[copy(&a), copy(&b)],
            vec![staged_with(&a, "one"), staged_with(&b, "two")],
        )
        .map_err(|e| e.to_string())
        .expect("named");
        assert_eq!(named, vec![a.clone(), b.clone()]);
        assert_eq!(records(ledger.connection()), 0);
        assert_eq!(
            finish_interrupted(ledger.connection()).expect("ok"),
            Vec::<PathBuf>::new()
        );
        assert!(a.exists() && b.exists());
    }

    #[test]
    fn files_named_by_a_killed_step_are_removed_when_the_ledger_opens() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("l.daicho");
        let (bundle, report) = (
            dir.path().join("out.daicho-handover"),
            dir.path().join("out.xlsx"),
        );
        let other = dir.path().join("other.xlsx");
        {
            let ledger = Ledger::create(&path).expect("ledger");
            let files = vec![
                staged_with(&bundle, "bundle"),
                staged_with(&report, "report"),
            ];
            // Killed after the first file took its name: the record is there, the log is not.
            let _intent = Intent::record::<crate::error::ReportError>(ledger.connection(), &files)
                .map_err(|e| e.to_string())
                .expect("recorded");
            let mut files = files.into_iter();
            files.next().expect("bundle").commit().expect("named");
            // A file the rep put at the other name meanwhile is not ours.
            let later = vec![staged_with(&other, "ours")];
            let _ = Intent::record::<crate::error::ReportError>(ledger.connection(), &later)
                .map_err(|e| e.to_string())
                .expect("recorded");
            std::fs::write(&other, "the rep's own file").expect("written");
            assert_eq!(records(ledger.connection()), 2);
        }
        assert!(bundle.exists() && !report.exists());
        let ledger = Ledger::open(&path).expect("opens");
        assert!(!bundle.exists(), "the half-made handover is gone");
        assert_eq!(
            std::fs::read_to_string(&other).expect("kept"),
            "the rep's own file"
        );
        assert_eq!(records(ledger.connection()), 0);
        let logged = copies::list(ledger.connection()).expect("log");
        assert!(logged.is_empty(), "nothing was logged: {logged:?}");
    }
}

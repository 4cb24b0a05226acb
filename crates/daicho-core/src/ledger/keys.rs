//! How the ledger is protected, its recovery key, and changing its passphrase.

use std::path::Path;

use rusqlite::OpenFlags;
use zeroize::Zeroizing;

use crate::crypto::{self, KeyKind, LedgerKey, Secret};
use crate::db;
use crate::error::LedgerError;

use super::Ledger;

/// What Settings and `daicho check` say about the ledger's protection.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Protection {
    pub encrypted: bool,
    /// "keychain" (a random key in the OS keychain) or "passphrase".
    pub kind: KeyKind,
    /// Whether this computer keeps keys in a keychain that survives a restart.
    pub keychain: bool,
}

impl Ledger {
    /// A plain copy of this ledger at `target` (not encrypted), opened as it is: for the
    /// benchmark that measures what encryption costs. Never used for a rep's ledger.
    #[doc(hidden)]
    pub fn plain_copy_for_benchmark(&self, target: &Path) -> Result<Ledger, LedgerError> {
        // A new file only: never over anything that is there.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
            .map_err(|source| LedgerError::Io {
                path: target.to_owned(),
                source,
            })?;
        let conn = self.connection();
        conn.execute(
            "ATTACH DATABASE ?1 AS plain KEY ''",
            [target.to_string_lossy()],
        )?;
        conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.execute_batch(&format!(
            "PRAGMA plain.user_version = {version}; PRAGMA plain.application_id = {}; DETACH DATABASE plain;",
            db::APPLICATION_ID
        ))?;
        let conn = db::open_plain_for_benchmark(target)?;
        Ok(Ledger::from_conn(conn, Some(target)))
    }

    pub fn protection(&self) -> Result<Protection, LedgerError> {
        let encrypted = self.path().is_some_and(crypto::is_encrypted);
        Ok(Protection {
            encrypted,
            kind: if encrypted {
                db::key_kind(self.connection())?
            } else {
                KeyKind::Plain
            },
            keychain: crypto::keychain::is_durable(),
        })
    }

    /// The recovery key (52 letters and digits). A ledger with a passphrase asks for it (or the
    /// recovery key) first; one whose key is in the keychain is already behind the rep's login.
    pub fn recovery_key(&self, secret: Option<&Secret>) -> Result<Zeroizing<String>, LedgerError> {
        let key = self.authenticated(secret)?;
        Ok(key.recovery_key().to_text())
    }

    /// Re-encrypts the ledger, and every backup in its folder, under a key made from `new`;
    /// returns the new recovery key (the old one no longer opens it).
    pub fn change_passphrase(
        &mut self,
        current: Option<&Secret>,
        new: &str,
    ) -> Result<Zeroizing<String>, LedgerError> {
        let old = self.authenticated(current)?;
        let key = crypto::key_from_passphrase(new, old.salt())?;
        let backups = self.backups().unwrap_or_default();
        crypto::rekey(self.connection(), &key)?;
        crypto::keychain::replace(&key, KeyKind::Passphrase);
        self.connection().execute(
            "INSERT INTO ledger_meta (key, value) VALUES ('key_kind', 'passphrase')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [],
        )?;
        // Backups follow, so that a restore needs only the new passphrase. One that cannot be
        // re-encrypted (a stick pulled out) still opens with the old passphrase.
        for backup in backups {
            let _ = rekey_file(Path::new(&backup.path), &old, &key);
        }
        Ok(key.recovery_key().to_text())
    }

    /// This ledger's key, after checking `secret` where the ledger has a passphrase.
    fn authenticated(&self, secret: Option<&Secret>) -> Result<LedgerKey, LedgerError> {
        let path = self.path().ok_or(LedgerError::NeedsPassphrase)?;
        let key = crypto::key_of(path).ok_or_else(|| LedgerError::Locked {
            path: path.to_owned(),
        })?;
        let needs_secret = db::key_kind(self.connection())? == KeyKind::Passphrase;
        match secret {
            Some(s) if !crypto::confirms(s, &key) => Err(LedgerError::WrongSecret {
                path: path.to_owned(),
            }),
            None if needs_secret => Err(LedgerError::WrongSecret {
                path: path.to_owned(),
            }),
            _ => Ok(key),
        }
    }
}

fn rekey_file(path: &Path, old: &LedgerKey, new: &LedgerKey) -> Result<(), LedgerError> {
    let conn = crypto::open_with_key(
        path,
        old,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    crypto::rekey(&conn, new)?;
    Ok(())
}

//! Encryption at rest. Every ledger file, its WAL and its backups are SQLCipher databases under
//! one 256-bit key per ledger, given to SQLCipher as a raw key (no second key derivation).
//!
//! A file names its key by its salt: SQLCipher keeps 16 random bytes in plain at the start of
//! the file, and a ledger's backups are written with the same salt, so the one key opens them
//! all. The key is looked for, in order, in this process's memory, the OS keychain and the
//! session cache ([`keychain`]); when none has it the ledger is locked until its passphrase
//! (Argon2id over the salt, [`passphrase`]) or its recovery key ([`recovery`]) is given.
//!
//! The key exists in plain only in memory (zeroed when dropped) and in the keychain.

pub mod identity;
pub mod keychain;
mod passphrase;
mod plain;
mod recovery;

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::error::LedgerError;

pub use keychain::{KeyKind, Keychain};
pub use plain::encrypt_plain_file;
pub use recovery::RecoveryKey;

/// SQLCipher's salt: the first 16 bytes of an encrypted file, random per ledger.
pub type Salt = [u8; 16];

const KEY_LEN: usize = 32;
/// SQLCipher's page size: an encrypted file is at least one page.
const PAGE: u64 = 4096;

/// One ledger's key and the salt its files carry.
#[derive(Clone)]
pub struct LedgerKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    salt: Salt,
}

impl LedgerKey {
    /// A new random key with a new random salt.
    pub(crate) fn random() -> Result<LedgerKey, LedgerError> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        let mut salt = [0u8; 16];
        getrandom::fill(bytes.as_mut()).map_err(random_failed)?;
        // A salt is what tells an encrypted file from any other: one that happens to look like
        // text (about one in seven hundred) would make the ledger unrecognisable, so it is drawn
        // again.
        loop {
            getrandom::fill(&mut salt).map_err(random_failed)?;
            if looks_random(&salt) {
                return Ok(LedgerKey { bytes, salt });
            }
        }
    }

    pub(crate) fn from_parts(bytes: Zeroizing<[u8; KEY_LEN]>, salt: Salt) -> LedgerKey {
        LedgerKey { bytes, salt }
    }

    pub fn salt(&self) -> Salt {
        self.salt
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.bytes
    }

    pub(crate) fn recovery_key(&self) -> RecoveryKey {
        RecoveryKey::of(self)
    }

    /// SQLCipher's raw-key form with an explicit salt: `x'<key><salt>'`, so that a new file
    /// (a backup, an encrypted copy) carries the ledger's salt rather than one of its own.
    fn pragma_value(&self) -> Zeroizing<String> {
        let mut hex = String::with_capacity(4 + 2 * (KEY_LEN + 16));
        hex.push_str("x'");
        hex.push_str(&data_encoding::HEXLOWER.encode(self.bytes.as_ref()));
        hex.push_str(&data_encoding::HEXLOWER.encode(&self.salt));
        hex.push('\'');
        Zeroizing::new(hex)
    }
}

impl PartialEq for LedgerKey {
    fn eq(&self, other: &LedgerKey) -> bool {
        let (a, b): (&[u8], &[u8]) = (self.bytes.as_ref(), other.bytes.as_ref());
        bool::from(a.ct_eq(b)) && self.salt == other.salt
    }
}

fn random_failed(e: getrandom::Error) -> LedgerError {
    LedgerError::Io {
        path: PathBuf::from("(random numbers)"),
        source: std::io::Error::other(e.to_string()),
    }
}

/// What a rep gives to open a locked ledger.
pub enum Secret {
    Passphrase(Zeroizing<String>),
    RecoveryKey(Zeroizing<String>),
}

impl Secret {
    /// The key this secret makes for a file with `salt`.
    fn key_for(&self, salt: Salt) -> Result<LedgerKey, LedgerError> {
        match self {
            Secret::Passphrase(p) => passphrase::derive(p, salt),
            Secret::RecoveryKey(r) => RecoveryKey::parse(r)?.key(salt),
        }
    }
}

/// What is at the start of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A plain SQLite file (a ledger from before encryption, or someone else's database).
    Plain,
    /// What an encrypted ledger or backup looks like: no SQLite header, whole pages.
    Encrypted(Salt),
    /// Neither (too short, a zip, a text file...).
    Other,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

pub fn kind_of(path: &Path) -> std::io::Result<FileKind> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut head = [0u8; 16];
    if file.read_exact(&mut head).is_err() {
        return Ok(FileKind::Other);
    }
    Ok(if &head == SQLITE_HEADER {
        FileKind::Plain
    } else if len >= PAGE && looks_random(&head) {
        // (A length that is not whole pages is a cut-short copy: still this kind, and
        // found damaged when it is read.)
        FileKind::Encrypted(head)
    } else {
        FileKind::Other
    })
}

/// A random salt, not the magic number of a known format or text: a zip (an .xlsx, a handover
/// file), a PDF or a text file has mostly printable bytes at its start.
fn looks_random(head: &[u8; 16]) -> bool {
    let printable = head
        .iter()
        .filter(|b| b.is_ascii_graphic() || **b == b' ')
        .count();
    !head.starts_with(b"PK\x03\x04") && printable < 12
}

/// [`kind_of`], a missing file told as [`LedgerError::NotFound`].
pub(crate) fn kind_at(path: &Path) -> Result<FileKind, LedgerError> {
    kind_of(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => LedgerError::NotFound {
            path: path.to_owned(),
        },
        _ => LedgerError::Io {
            path: path.to_owned(),
            source,
        },
    })
}

/// Whether the file at `path` is encrypted (what `daicho check` reports).
pub fn is_encrypted(path: &Path) -> bool {
    matches!(kind_of(path), Ok(FileKind::Encrypted(_)))
}

/// Opens the SQLite file at `path` with its key. A plain file opens as it is (the caller
/// decides whether to encrypt it); an encrypted one whose key is not known is
/// [`LedgerError::Locked`].
pub fn open(path: &Path, flags: OpenFlags) -> Result<Connection, LedgerError> {
    Ok(open_keyed(path, flags)?.0)
}

/// [`open`], with the key that opened the file (none for a plain file).
pub(crate) fn open_keyed(
    path: &Path,
    flags: OpenFlags,
) -> Result<(Connection, Option<LedgerKey>), LedgerError> {
    match kind_at(path)? {
        FileKind::Plain | FileKind::Other => {
            let conn = Connection::open_with_flags(path, flags)?;
            quiet(&conn)?;
            Ok((conn, None))
        }
        FileKind::Encrypted(salt) => {
            for key in keychain::candidates(salt) {
                let conn = Connection::open_with_flags(path, flags)?;
                if opens_with(&conn, &key)? {
                    keychain::keep_in_memory(&key);
                    return Ok((conn, Some(key)));
                }
            }
            Err(LedgerError::Locked {
                path: path.to_owned(),
            })
        }
    }
}

/// Opens (or creates) the file at `path` under `key`, for a new file that is to carry it.
pub fn open_with_key(
    path: &Path,
    key: &LedgerKey,
    flags: OpenFlags,
) -> Result<Connection, LedgerError> {
    let conn = Connection::open_with_flags(path, flags)?;
    quiet(&conn)?;
    apply(&conn, key)?;
    Ok(conn)
}

/// The key that opened `conn`'s main database, found again by the file's salt.
pub fn key_of(path: &Path) -> Option<LedgerKey> {
    let FileKind::Encrypted(salt) = kind_of(path).ok()? else {
        return None;
    };
    keychain::candidates(salt).find(|key| {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()
        .is_some_and(|conn| opens_with(&conn, key).unwrap_or(false))
    })
}

/// Opens the ledger at `path` for this process with a passphrase or recovery key: checks it
/// against the file, then keeps the key where the next opening finds it.
pub fn unlock(path: &Path, secret: &Secret) -> Result<KeyKind, LedgerError> {
    let FileKind::Encrypted(salt) = kind_of(path).map_err(|source| LedgerError::Io {
        path: path.to_owned(),
        source,
    })?
    else {
        return Ok(KeyKind::Plain);
    };
    let key = secret.key_for(salt)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if !opens_with(&conn, &key)? {
        return Err(LedgerError::WrongSecret {
            path: path.to_owned(),
        });
    }
    let kind = match secret {
        Secret::Passphrase(_) => KeyKind::Passphrase,
        Secret::RecoveryKey(_) => KeyKind::Recovery,
    };
    keychain::remember(&key, kind);
    Ok(kind)
}

/// The key for a new ledger: from the passphrase offered to this process if there is one,
/// else random and kept in the OS keychain. Without either, the rep must choose a passphrase.
pub fn new_key() -> Result<(LedgerKey, KeyKind), LedgerError> {
    let salt = LedgerKey::random()?.salt;
    if let Some(secret) = keychain::offered() {
        if let Secret::Passphrase(p) = &*secret {
            let key = passphrase::derive(p, salt)?;
            keychain::remember(&key, KeyKind::Passphrase);
            return Ok((key, KeyKind::Passphrase));
        }
    }
    if keychain::is_durable() {
        let key = LedgerKey::random()?;
        keychain::remember(&key, KeyKind::Keychain);
        if keychain::holds(&key) {
            return Ok((key, KeyKind::Keychain));
        }
    }
    if keychain::unconfigured() {
        let key = LedgerKey::random()?;
        keychain::remember(&key, KeyKind::Keychain);
        return Ok((key, KeyKind::Keychain));
    }
    Err(LedgerError::NeedsPassphrase)
}

/// Whether Daicho accepts `passphrase` (long enough), before anything is made with it.
pub fn check_passphrase(passphrase: &str) -> Result<(), LedgerError> {
    if passphrase.chars().count() < passphrase::MIN_CHARS {
        return Err(LedgerError::WeakPassphrase {
            min: passphrase::MIN_CHARS,
        });
    }
    Ok(())
}

/// The key a passphrase makes for a ledger whose files carry `salt` (for "Change passphrase").
pub fn key_from_passphrase(passphrase: &str, salt: Salt) -> Result<LedgerKey, LedgerError> {
    passphrase::derive(passphrase, salt)
}

/// Whether `secret` is the secret of the ledger whose key is `key` (re-authentication).
pub fn confirms(secret: &Secret, key: &LedgerKey) -> bool {
    secret.key_for(key.salt).is_ok_and(|k| k == *key)
}

/// Tells `conn` its key and checks it: `false` when the key is not this file's.
fn opens_with(conn: &Connection, key: &LedgerKey) -> Result<bool, LedgerError> {
    quiet(conn)?;
    apply(conn, key)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(true),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

fn apply(conn: &Connection, key: &LedgerKey) -> rusqlite::Result<()> {
    let sql = Zeroizing::new(format!("PRAGMA key = \"{}\"", key.pragma_value().as_str()));
    conn.execute_batch(&sql)
}

/// SQLCipher writes its own diagnostics to stderr unless told not to; Daicho reports errors
/// itself, in the rep's language. Temporary tables and sorts stay in memory, never in a plain
/// temporary file.
pub(crate) fn quiet(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA cipher_log_level = NONE; PRAGMA temp_store = MEMORY;")
}

/// Re-encrypts the open ledger under `key` (same salt) in place, in one SQLCipher step.
pub(crate) fn rekey(conn: &Connection, key: &LedgerKey) -> rusqlite::Result<()> {
    let sql = Zeroizing::new(format!(
        "PRAGMA rekey = \"{}\"",
        key.pragma_value().as_str()
    ));
    conn.execute_batch(&sql)
}

/// Attaches `path` as schema `name` under `key`.
pub(crate) fn attach(
    conn: &Connection,
    path: &Path,
    name: &str,
    key: &LedgerKey,
) -> rusqlite::Result<()> {
    let sql = Zeroizing::new(format!(
        "ATTACH DATABASE ?1 AS {name} KEY \"{}\"",
        key.pragma_value().as_str()
    ));
    conn.execute(&sql, [path.to_string_lossy()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_new_salt_is_recognised_as_an_encrypted_file() {
        // Before salts were drawn again, about one in seven hundred looked like text and the
        // new ledger could not be opened: twenty thousand draws would have met dozens.
        for _ in 0..20_000 {
            let key = LedgerKey::random().unwrap_or_else(|e| panic!("{e}"));
            assert!(looks_random(&key.salt()));
        }
        assert!(!looks_random(b"abcdefghijklmnop"));
    }
}

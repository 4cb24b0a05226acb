//! The ledger file: opening with checks that leave foreign files untouched, pragmas, migrations.

pub(crate) mod json;
pub(crate) mod set_aside;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::crypto;
use crate::error::{storage_code, LedgerError};
use crate::output::Staged;

/// `PRAGMA application_id` of every Daicho ledger (set by the first migration): "DCLH".
pub const APPLICATION_ID: i64 = 0x4443_4C48;

/// The schema, one migration per file. Append-only: never edit a landed migration.
const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/0001_cards.sql"),
    include_str!("migrations/0002_contacts.sql"),
    include_str!("migrations/0003_intel_visits.sql"),
    include_str!("migrations/0004_competition.sql"),
    include_str!("migrations/0005_transactions_classes.sql"),
    include_str!("migrations/0006_handover.sql"),
    include_str!("migrations/0007_search.sql"),
    include_str!("migrations/0008_sort_batches.sql"),
    include_str!("migrations/0009_list_indexes.sql"),
    include_str!("migrations/0010_copies_log.sql"),
    include_str!("migrations/0011_handed_over.sql"),
    include_str!("migrations/0012_receipts.sql"),
    include_str!("migrations/0013_names.sql"),
    include_str!("migrations/0014_list_status_completeness.sql"),
    include_str!("migrations/0015_classify_facts.sql"),
    include_str!("migrations/0016_import_records.sql"),
    include_str!("migrations/0017_lending.sql"),
    include_str!("migrations/0018_reminders.sql"),
    include_str!("migrations/0019_appointments_messaging_daily.sql"),
    include_str!("migrations/0020_card_checks.sql"),
    include_str!("migrations/0021_sales_plans_territory.sql"),
    include_str!("migrations/0022_note_situation_sales_index.sql"),
    include_str!("migrations/0023_cost_and_links.sql"),
    include_str!("migrations/0024_payments.sql"),
    include_str!("migrations/0025_custom_fields.sql"),
    include_str!("migrations/0026_startup_indexes.sql"),
    include_str!("migrations/0027_korean_sort.sql"),
];

/// Migrations that also change a table's CHECK in place, by their index in [`MIGRATION_SQL`].
const WIDEN_CONTACT_KINDS_AT: usize = 18;
const WIDEN_BATCH_ACTIONS_AT: usize = 24;

/// The migrations; the connection they run on needs `search::register_functions` first
/// (schema 7's index triggers call them).
pub fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATION_SQL
            .iter()
            .enumerate()
            .map(|(at, sql)| match at {
                WIDEN_CONTACT_KINDS_AT => M::up_with_hook(sql, widen_contact_kinds),
                WIDEN_BATCH_ACTIONS_AT => M::up_with_hook(sql, widen_batch_actions),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// Schema 19 lets a contact be a message (LINE, WeChat...).
fn widen_contact_kinds(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    widen_check(
        tx,
        "contacts",
        "'service', 'other'))",
        "'service', 'other', 'message'))",
    )
}

/// Schema 25: an import records the values of the rep's own fields it gave a card it merged
/// into, for undo to take them back; a contact can be a training (000 教育: teaching customers
/// to use the product); a note can be learned by questionnaire or observation (001 文字询问法,
/// 观察法).
fn widen_batch_actions(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    widen_check(
        tx,
        "change_batch_cards",
        "'moved', 'trashed')),",
        "'moved', 'trashed', 'custom_added')),",
    )?;
    widen_check(
        tx,
        "contacts",
        "'service', 'other', 'message'))",
        "'service', 'other', 'message', 'training'))",
    )?;
    widen_check(
        tx,
        "notes",
        "'document', 'web', 'other'))",
        "'document', 'web', 'other', 'questionnaire', 'observation'))",
    )
}

/// Widening the list a CHECK allows changes no stored row, so the table's definition is edited
/// in place, by the procedure SQLite documents for such changes ("Making Other Kinds Of Table
/// Schema Changes"), instead of copying every row into a new table and remaking its indexes and
/// triggers.
fn widen_check(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    before: &str,
    after: &str,
) -> rusqlite_migration::HookResult {
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    if sql.matches(before).count() != 1 {
        return Err(rusqlite_migration::HookError::Hook(format!(
            "the {table} table is not as the schema before made it"
        )));
    }
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    tx.execute(
        "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2",
        [sql.replace(before, after), table.to_owned()],
    )?;
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    // Reading the schema again proves the edited definition parses.
    tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// Makes a new, empty ledger in the temporary file of `staged` (see [`crate::output`]): the
/// caller fills it and gives it its name with [`finish_new`], so a ledger that exists is whole.
pub fn create_staged(staged: &Staged) -> Result<Connection, LedgerError> {
    let (key, kind) = crypto::new_key()?;
    let mut conn = crypto::open_with_key(
        staged.path(),
        &key,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    prepare(&mut conn)?;
    // Until it is named, the file is a temporary one that nobody else opens and that a crash
    // leaves behind unnamed: its writes need neither the WAL (every page would be written twice,
    // into the WAL and at the checkpoint) nor a sync each (the file is synced once, when named).
    // A failed write still rolls back, from the journal kept in memory.
    conn.pragma_update(None, "journal_mode", "MEMORY")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    record_ledger_id(&conn, &new_ledger_id())?;
    record_key_kind(&conn, kind)?;
    crypto::identity::LedgerIdentity::of(&conn)?;
    Ok(conn)
}

/// Closes a new ledger's connection, turns its file to WAL like every ledger (on a connection
/// of its own: the search index keeps a read open on the first one), renames the file to its
/// name, and opens it there.
pub fn finish_new(conn: Connection, staged: Staged) -> Result<Connection, LedgerError> {
    conn.close().map_err(|(_, e)| e)?;
    let unnamed = crypto::open(
        staged.path(),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    unnamed.pragma_update(None, "journal_mode", "WAL")?;
    unnamed.close().map_err(|(_, e)| e)?;
    let path = staged.commit()?;
    let mut conn = crypto::open(
        &path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    prepare(&mut conn)?;
    Ok(conn)
}

/// Opens an existing ledger. A file that is not a Daicho ledger, is damaged or was made by a
/// newer Daicho is refused after read-only checks, so it is left exactly as it was.
pub fn open(path: &Path) -> Result<Connection, LedgerError> {
    open_as(
        path,
        &new_ledger_id(),
        BeforeUpgrade::CopyBeside,
        WholeFileCheck::First,
    )
}

/// When SQLite's check of every page of a ledger runs: on a large ledger it reads the whole
/// file (seconds for 100,000 cards).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WholeFileCheck {
    /// Before the ledger is opened: a damaged one is refused untouched (commands, scripts).
    First,
    /// By the caller once the ledger is open ([`check_whole_file`]): the window paints first.
    /// A ledger about to be upgraded is still checked first, as the upgrade rewrites it.
    Later,
}

/// What keeps a ledger made by an older Daicho safe while it is upgraded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeforeUpgrade {
    /// A copy beside it (`NAME.schemaN.bak`): nothing else backs it up.
    CopyBeside,
    /// Its backup (or the backup it was restored from) already holds it as it was.
    BackedUpElsewhere,
}

/// [`open`], giving a ledger that has no id yet the id `id` (the one its upgrade backup was
/// filed under).
pub fn open_as(
    path: &Path,
    id: &str,
    before: BeforeUpgrade,
    whole: WholeFileCheck,
) -> Result<Connection, LedgerError> {
    open_checked(path, id, before, whole).map_err(|e| full_disk_or(e, path))
}

/// A new ledger id.
pub fn new_ledger_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// An I/O error met while opening, told as a full disk when that is what it is.
fn full_disk_or(e: LedgerError, path: &Path) -> LedgerError {
    let io_like = match &e {
        LedgerError::Sqlite(s) => storage_code(s) == "disk.io",
        LedgerError::Io { .. } => true,
        _ => false,
    };
    if io_like && crate::output::disk_is_full(path) {
        LedgerError::Io {
            path: path.to_owned(),
            source: std::io::ErrorKind::StorageFull.into(),
        }
    } else {
        e
    }
}

fn open_checked(
    path: &Path,
    id: &str,
    before: BeforeUpgrade,
    whole: WholeFileCheck,
) -> Result<Connection, LedgerError> {
    check_read_only(path, whole)?;
    // A ledger from before encryption is encrypted first (a checked copy replaces it), so
    // that its upgrade backup and everything after are encrypted too.
    let encrypted_now = match crypto::kind_of(path) {
        Ok(crypto::FileKind::Plain) => Some(encrypt_plain(path)?),
        _ => None,
    };
    let mut conn = crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if before == BeforeUpgrade::CopyBeside {
        backup_before_upgrade(&conn, path)?;
    }
    prepare(&mut conn)?;
    record_ledger_id(&conn, id)?;
    // Its own key pair (signing its handover files): made with the ledger, or now for a
    // ledger from before.
    crypto::identity::LedgerIdentity::of(&conn)?;
    // Files a killed export named without logging them go (tried again at the next opening
    // when the ledger is busy).
    let _ = crate::copies::naming::finish_interrupted(&conn);
    if let Some(kind) = encrypted_now {
        record_key_kind(&conn, kind)?;
    }
    crate::output::private(path);
    Ok(conn)
}

/// Another connection to a ledger already open and checked in this process (its key is known):
/// a long job runs on it while the first one goes on answering the window.
pub fn open_again(path: &Path) -> Result<Connection, LedgerError> {
    let mut conn = crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    prepare(&mut conn)?;
    Ok(conn)
}

/// A plain ledger opened as it is, not encrypted: only for the benchmark of encryption's cost.
pub(crate) fn open_plain_for_benchmark(path: &Path) -> Result<Connection, LedgerError> {
    let mut conn = crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    prepare(&mut conn)?;
    Ok(conn)
}

/// Encrypts the plain ledger at `path` under a new key (see [`crypto::encrypt_plain_file`]).
fn encrypt_plain(path: &Path) -> Result<crypto::KeyKind, LedgerError> {
    let (key, kind) = crypto::new_key()?;
    crypto::encrypt_plain_file(path, &key)?;
    Ok(kind)
}

/// The schema version of the ledger at `path`, read without changing it.
pub fn version_of(path: &Path) -> Result<i64, LedgerError> {
    let conn = crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// How the ledger's key is kept (shown in Settings): "keychain" or "passphrase".
fn record_key_kind(conn: &Connection, kind: crypto::KeyKind) -> Result<(), LedgerError> {
    conn.execute(
        "INSERT INTO ledger_meta (key, value) VALUES ('key_kind', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [kind.as_str()],
    )?;
    Ok(())
}

/// How the ledger's key is kept, as recorded when it was made or encrypted.
pub fn key_kind(conn: &Connection) -> rusqlite::Result<crypto::KeyKind> {
    use rusqlite::OptionalExtension;
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM ledger_meta WHERE key = 'key_kind'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match value.as_deref() {
        Some("passphrase") => crypto::KeyKind::Passphrase,
        Some("keychain") => crypto::KeyKind::Keychain,
        _ => crypto::KeyKind::Plain,
    })
}

/// A ledger's identity, kept in `ledger_meta`: its backups are found by it, whatever the file
/// is called. Given once, at creation or the first opening by a Daicho that knows it.
fn record_ledger_id(conn: &Connection, id: &str) -> Result<(), LedgerError> {
    if !ledger_id(conn)?.is_empty() {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO ledger_meta (key, value) VALUES ('ledger_id', ?1) ON CONFLICT (key) DO NOTHING",
        [id],
    )?;
    Ok(())
}

/// The ledger's identity (see [`record_ledger_id`]); empty for an in-memory ledger.
pub fn ledger_id(conn: &Connection) -> rusqlite::Result<String> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT value FROM ledger_meta WHERE key = 'ledger_id'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}

pub fn open_in_memory() -> Result<Connection, LedgerError> {
    let mut conn = Connection::open_in_memory()?;
    crypto::quiet(&conn)?;
    prepare(&mut conn)?;
    crypto::identity::LedgerIdentity::of(&conn)?;
    Ok(conn)
}

fn prepare(conn: &mut Connection) -> Result<(), LedgerError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Saving a card runs some forty distinct statements (the card, its history, key persons,
    // contacts, sales): rusqlite keeps 16, so a long write prepared most of them again each time.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 256 MiB of page cache at most (SQLite's default is 2 MiB), filled only as pages are read:
    // a page in it is decrypted once, not at every read (SQLCipher decrypts and checks each
    // page it loads), and a 100,000-card ledger's indexes stay in memory while a large import or
    // the search index writes to them. A small ledger uses as much as it is.
    conn.pragma_update(None, "cache_size", -262_144)?;
    // A WAL that grew during a long write is cut back to this size when it is checkpointed.
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    // Another Daicho writing the same ledger: wait this long before saying so.
    conn.busy_timeout(BUSY_WAIT)?;
    crate::search::register_functions(conn)?;
    migrations().to_latest(conn)?;
    Ok(())
}

/// Prepared statements kept per connection (see [`prepare`]).
const STATEMENT_CACHE: usize = 256;

/// How long a write waits for another Daicho window or command to finish its own.
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

fn check_read_only(path: &Path, whole: WholeFileCheck) -> Result<(), LedgerError> {
    let not_a_ledger = || LedgerError::NotALedger {
        path: path.to_owned(),
    };
    if crypto::kind_at(path)? == crypto::FileKind::Other {
        return Err(not_a_ledger());
    }

    // A full disk or a refused read is not damage: only SQLite's own verdict is.
    let corrupt = |e: rusqlite::Error| match storage_code(&e) {
        "ledger.damaged" | "ledger.storage" => LedgerError::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => LedgerError::Sqlite(e),
    };
    let conn = crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| match e {
        LedgerError::Sqlite(e) => corrupt(e),
        other => other,
    })?;
    conn.busy_timeout(BUSY_WAIT)?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(corrupt)?;
    if app_id != APPLICATION_ID {
        return Err(not_a_ledger());
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(corrupt)?;
    // Every ledger has schema 1 or later (the first migration sets both): a file that only
    // borrows Daicho's id is someone else's, and is not "upgraded" into a ledger in place.
    if version < 1 {
        return Err(not_a_ledger());
    }
    if version > latest_version() {
        return Err(LedgerError::TooNew {
            path: path.to_owned(),
            found: version,
            known: latest_version(),
        });
    }
    if whole == WholeFileCheck::First || version < latest_version() {
        quick_check(&conn, path)?;
    }
    Ok(())
}

/// SQLite's `quick_check` of every page of the ledger at `path`, on a read-only connection of
/// its own: run after a ledger opened with [`WholeFileCheck::Later`], beside the work.
pub fn check_whole_file(path: &Path) -> Result<(), LedgerError> {
    let conn = crypto::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_WAIT)?;
    quick_check(&conn, path)
}

fn quick_check(conn: &Connection, path: &Path) -> Result<(), LedgerError> {
    let corrupt = |detail: String| LedgerError::Corrupt {
        path: path.to_owned(),
        detail,
    };
    let check = stored_tables_check(conn).map_err(|e| match storage_code(&e) {
        "ledger.damaged" | "ledger.storage" => corrupt(e.to_string()),
        _ => LedgerError::Sqlite(e),
    })?;
    if check != "ok" {
        return Err(corrupt(check));
    }
    Ok(())
}

/// SQLite's `quick_check` of each stored table, the search index's storage tables included; not
/// the virtual tables' own consistency checks. FTS5's reads every term of the index into memory
/// (on 100,000 cards and 1,000,000 contacts, 350 MiB more and most of the time), and the index
/// is derived data whose pages are checked here all the same. What a whole-database
/// `quick_check` adds besides, pages no table uses, cannot lose a row.
pub(crate) fn stored_tables_check(conn: &Connection) -> rusqlite::Result<String> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        let verdict: String = conn.query_row(
            &format!("PRAGMA quick_check(\"{}\")", table.replace('"', "\"\"")),
            [],
            |r| r.get(0),
        )?;
        if verdict != "ok" {
            return Ok(verdict);
        }
    }
    Ok("ok".into())
}

/// Before upgrading a ledger made by an older Daicho, keep a copy beside it (`NAME.schemaN.bak`).
fn backup_before_upgrade(conn: &Connection, path: &Path) -> Result<(), LedgerError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == 0 || version >= latest_version() {
        return Ok(());
    }
    let mut backup = path.as_os_str().to_owned();
    backup.push(format!(".schema{version}.bak"));
    let backup = std::path::PathBuf::from(backup);
    if !backup.exists() {
        conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
        crate::output::private(&backup);
    }
    Ok(())
}

/// SQLite's own integrity check: "ok" or the first problems it found.
pub fn integrity_check(conn: &Connection) -> Result<String, rusqlite::Error> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows.join("; "))
}

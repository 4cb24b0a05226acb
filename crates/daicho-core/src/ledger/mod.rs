//! [`Ledger`]: one open ledger file and every operation on it. Each method that changes rows
//! runs in one transaction and stamps the change with the actor and the clock's time.

pub(crate) mod error;
use crate::ids::{CardId, ContactId, KeyPersonId};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use crate::card::store::{self, Edit};
use crate::card::{history, Card, CardFields, HistoryEntry, KeyPerson, KeyPersonFields};
use crate::card_list::{self, CardPage, CardQuery, ContactThresholds, Facets};
use crate::contact::{self, Contact, ContactFields, ContactPage};
use crate::db;
use crate::error::{BackupError, CardError, ContactError, LedgerError, OutputError};
use crate::output::{Existing, Staged};
use crate::search::{self, SearchResults};

mod backup;
mod classify;
mod competition;
mod copies;
mod custom_fields;
mod erase;
mod follow_ups;
mod full_export;
mod handover;
mod import;
mod keys;
mod links;
mod many_cards;
mod notes;
mod plan;
mod reminders;
mod report;
mod sales;
mod visits;

/// Where "now" comes from; tests pass a fixed one.
pub type Clock = fn() -> chrono::DateTime<chrono::Utc>;

pub struct Ledger {
    conn: Connection,
    path: Option<PathBuf>,
    actor: String,
    clock: Clock,
    backups: Option<BackupConfig>,
    /// The last-contact cue's thresholds (Settings), for the card list and the Excel list.
    contact_cue: ContactThresholds,
}

pub use backup::BackupConfig;
pub use keys::Protection;

/// A ledger being made (the demo, a restore to a new file): it has no name until
/// [`NewLedger::finish`], so a run that is killed or fails leaves nothing that blocks the name.
pub struct NewLedger {
    ledger: Ledger,
    staged: Staged,
}

impl NewLedger {
    /// Refuses an existing `path` (any file: nothing is overwritten).
    pub fn start(path: &Path) -> Result<NewLedger, LedgerError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| LedgerError::Io {
                path: path.to_owned(),
                source,
            })?;
        }
        let staged = Staged::new(path, Existing::Refuse).map_err(|e| match e {
            OutputError::Exists { path } | OutputError::IsLedger { path } => {
                LedgerError::AlreadyExists { path }
            }
            other => other.into(),
        })?;
        let conn = db::create_staged(&staged)?;
        Ok(NewLedger {
            ledger: Ledger::from_conn(conn, Some(path)),
            staged,
        })
    }

    pub fn ledger(&mut self) -> &mut Ledger {
        &mut self.ledger
    }

    /// Gives the whole ledger its name and opens it there.
    pub fn finish(self) -> Result<Ledger, LedgerError> {
        let Ledger {
            conn,
            actor,
            clock,
            backups,
            ..
        } = self.ledger;
        let path = self.staged.target().to_owned();
        let conn = db::finish_new(conn, self.staged)?;
        let mut ledger = Ledger::from_conn(conn, Some(&path))
            .with_actor(&actor)
            .with_clock(clock);
        ledger.backups = backups;
        Ok(ledger)
    }
}

impl Ledger {
    /// Creates a new, empty ledger file. An existing file is never overwritten.
    pub fn create(path: &Path) -> Result<Ledger, LedgerError> {
        NewLedger::start(path)?.finish()
    }

    /// A second connection to this ledger's file, with the same actor, clock and backups, for a
    /// long job (an import, an export, a handover file, a re-classification): reads on this one
    /// go on meanwhile (WAL), and its writes are one transaction like any other.
    pub fn another_connection(&self) -> Result<Ledger, LedgerError> {
        let path = self.path.as_deref().ok_or(LedgerError::InMemory)?;
        let mut other = Ledger::from_conn(db::open_again(path)?, Some(path))
            .with_actor(&self.actor)
            .with_clock(self.clock);
        other.backups = self.backups.clone();
        other.contact_cue = self.contact_cue;
        Ok(other)
    }

    /// Opens an existing ledger, upgrading it if an older Daicho made it.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        Ok(Ledger::from_conn(db::open(path)?, Some(path)))
    }

    /// Opens an existing ledger with its backups: one into `config`'s folder before a schema
    /// upgrade, and the daily one when due. A backup that cannot be made before an upgrade
    /// keeps the ledger closed; a daily one that fails is reported by `backup_if_due` later.
    pub fn open_backed_up(path: &Path, config: BackupConfig) -> Result<Ledger, BackupError> {
        Self::open_backed_up_checking(path, config, db::WholeFileCheck::First)
    }

    /// [`Ledger::open_backed_up`] for the window: the check of every page that makes opening a
    /// large ledger take seconds is left to [`Ledger::check_whole_file`], run beside the work
    /// once the window shows the ledger (unless the ledger is about to be upgraded).
    pub fn open_for_window(path: &Path, config: BackupConfig) -> Result<Ledger, BackupError> {
        Self::open_backed_up_checking(path, config, db::WholeFileCheck::Later)
    }

    /// SQLite's check of every page of the ledger file at `path`, on a connection of its own.
    pub fn check_whole_file(path: &Path) -> Result<(), LedgerError> {
        db::check_whole_file(path)
    }

    fn open_backed_up_checking(
        path: &Path,
        config: BackupConfig,
        whole: db::WholeFileCheck,
    ) -> Result<Ledger, BackupError> {
        let old = db::version_of(path).is_ok_and(|v| v > 0 && v < db::latest_version());
        // A ledger from before ledger ids gets its id now, so that its upgrade backup is
        // filed (and listed) with the backups made after.
        let mut id = String::new();
        if old && crate::output::is_ledger(path) {
            id = crate::backup::id_of(path)?;
            if id.is_empty() {
                id = db::new_ledger_id();
            }
            crate::backup::make(
                path,
                &crate::backup::folder_for(&config.root, path, &id),
                crate::backup::BackupReason::Upgrade,
                chrono::Utc::now(),
                "",
            )?;
        }
        if id.is_empty() {
            id = db::new_ledger_id();
        }
        let was_plain =
            crate::crypto::kind_of(path).is_ok_and(|k| k == crate::crypto::FileKind::Plain);
        let conn = db::open_as(path, &id, db::BeforeUpgrade::BackedUpElsewhere, whole)?;
        let ledger = Ledger::from_conn(conn, Some(path)).with_backups(config);
        if was_plain {
            // Its backups from before are encrypted under the same key: nothing stays plain.
            if let Some(key) = crate::crypto::key_of(path) {
                for backup in ledger.backups().unwrap_or_default() {
                    let backup = Path::new(&backup.path);
                    if crate::crypto::kind_of(backup)
                        .is_ok_and(|k| k == crate::crypto::FileKind::Plain)
                    {
                        crate::crypto::encrypt_plain_file(backup, &key)?;
                    }
                }
            }
        }
        Ok(ledger)
    }

    pub fn open_in_memory() -> Result<Ledger, LedgerError> {
        Ok(Ledger::from_conn(db::open_in_memory()?, None))
    }

    fn from_conn(conn: Connection, path: Option<&Path>) -> Ledger {
        Ledger {
            conn,
            path: path.map(Path::to_owned),
            actor: String::new(),
            clock: chrono::Utc::now,
            backups: None,
            contact_cue: ContactThresholds::default(),
        }
    }

    /// The name recorded as "who" in the history of every change made through this ledger.
    pub fn with_actor(mut self, actor: &str) -> Ledger {
        self.actor = actor.to_owned();
        self
    }

    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_owned();
    }

    /// Who the changes made through this ledger are recorded as.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The last-contact cue's thresholds from Settings (recent, getting old, cold).
    pub fn set_contact_thresholds(&mut self, thresholds: ContactThresholds) {
        self.contact_cue = thresholds;
    }

    pub fn with_clock(mut self, clock: Clock) -> Ledger {
        self.clock = clock;
        self
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A transaction for bulk work inside the core (demo generation, later imports).
    pub(crate) fn transaction(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
    }

    /// The ledger's SQLite connection: for the core itself, and with the `raw-access` feature
    /// for tests and benchmarks. Everything else changes a ledger through its operations, so each
    /// change is one transaction that writes the card's history with it.
    #[cfg(feature = "raw-access")]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    #[cfg(not(feature = "raw-access"))]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The user's local date, by the clock.
    pub fn today(&self) -> chrono::NaiveDate {
        (self.clock)().with_timezone(&chrono::Local).date_naive()
    }

    pub(crate) fn now(&self) -> String {
        (self.clock)().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    /// Runs `f` in one immediate transaction: all of its changes land, or none.
    pub(crate) fn write<T, E: From<rusqlite::Error>>(
        &mut self,
        f: impl FnOnce(&Connection, &Edit<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.in_transaction(f, true)
    }

    /// Runs `f` as [`Ledger::write`] does, then rolls everything it wrote back: what a change
    /// would do, worked out by doing it.
    pub(crate) fn trial<T, E: From<rusqlite::Error>>(
        &mut self,
        f: impl FnOnce(&Connection, &Edit<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.in_transaction(f, false)
    }

    /// `f` in one immediate transaction, kept (`keep`) or rolled back once it succeeded.
    fn in_transaction<T, E: From<rusqlite::Error>>(
        &mut self,
        f: impl FnOnce(&Connection, &Edit<'_>) -> Result<T, E>,
        keep: bool,
    ) -> Result<T, E> {
        let at = self.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(
            &tx,
            &Edit {
                at: &at,
                actor: &self.actor,
            },
        )?;
        if keep {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(value)
    }

    pub fn create_card(&mut self, fields: &CardFields) -> Result<Card, CardError> {
        self.write(|tx, edit| store::insert(tx, fields, edit))
    }

    pub fn card(&self, id: &CardId) -> Result<Card, CardError> {
        store::load(&self.conn, id)
    }

    /// Saves an edit made on version `version` of the card; refused if it changed since.
    pub fn update_card(
        &mut self,
        id: &CardId,
        version: i32,
        fields: &CardFields,
    ) -> Result<Card, CardError> {
        self.write(|tx, edit| store::update(tx, id, version, fields, edit))
    }

    pub fn trash_card(&mut self, id: &CardId) -> Result<Card, CardError> {
        self.write(|tx, edit| store::set_trashed(tx, id, true, edit))
    }

    pub fn restore_card(&mut self, id: &CardId) -> Result<Card, CardError> {
        self.write(|tx, edit| store::set_trashed(tx, id, false, edit))
    }

    /// Deletes the cards in the trash for good; returns how many.
    pub fn empty_trash(&mut self) -> Result<usize, CardError> {
        self.write(|tx, _| store::empty_trash(tx))
    }

    pub fn add_key_person(
        &mut self,
        card_id: &CardId,
        fields: &KeyPersonFields,
    ) -> Result<KeyPerson, CardError> {
        self.write(|tx, edit| store::add_key_person(tx, card_id, fields, edit))
    }

    pub fn update_key_person(
        &mut self,
        id: &KeyPersonId,
        fields: &KeyPersonFields,
    ) -> Result<KeyPerson, CardError> {
        self.write(|tx, edit| store::update_key_person(tx, id, fields, edit))
    }

    pub fn delete_key_person(&mut self, id: &KeyPersonId) -> Result<(), CardError> {
        self.write(|tx, edit| store::delete_key_person(tx, id, edit))
    }

    /// Records a contact with the customer of `card_id`.
    pub fn add_contact(
        &mut self,
        card_id: &CardId,
        fields: &ContactFields,
    ) -> Result<Contact, ContactError> {
        self.write(|tx, edit| contact::store::insert(tx, card_id, fields, edit))
    }

    /// Records the same contact with each of `card_ids` in one step, all or none: a meeting or
    /// an event many customers came to (000 ② 取引先会議), a training given to several. Key
    /// persons are each card's own, so none is named as a participant. Returns how many.
    pub fn add_contact_to_cards(
        &mut self,
        card_ids: &[CardId],
        fields: &ContactFields,
    ) -> Result<u32, ContactError> {
        let fields = ContactFields {
            participants: Vec::new(),
            ..fields.clone()
        };
        let mut seen = std::collections::HashSet::new();
        self.write(|tx, edit| {
            for id in card_ids.iter().filter(|id| seen.insert(id.as_str())) {
                contact::store::insert(tx, id, &fields, edit)?;
            }
            Ok(seen.len() as u32)
        })
    }

    /// Saves an edit made on version `version` of the contact; refused if it changed since.
    pub fn update_contact(
        &mut self,
        id: &ContactId,
        version: i32,
        fields: &ContactFields,
    ) -> Result<Contact, ContactError> {
        self.write(|tx, edit| contact::store::update(tx, id, version, fields, edit))
    }

    pub fn delete_contact(&mut self, id: &ContactId) -> Result<(), ContactError> {
        self.write(|tx, edit| contact::store::delete(tx, id, edit))
    }

    /// Marks the contact's next action done (now) or open again.
    pub fn set_next_action_done(
        &mut self,
        id: &ContactId,
        done: bool,
    ) -> Result<Contact, ContactError> {
        self.write(|tx, edit| contact::store::set_action_done(tx, id, done, edit))
    }

    pub fn contact(&self, id: &ContactId) -> Result<Contact, ContactError> {
        contact::store::load(&self.conn, id)
    }

    /// The card's contacts, newest first.
    pub fn contacts(&self, card_id: &CardId) -> Result<Vec<Contact>, ContactError> {
        contact::store::for_card(&self.conn, card_id)
    }

    /// The card's `limit` newest contacts and how many it has: the card page shows the newest
    /// and asks for more.
    pub fn recent_contacts(
        &self,
        card_id: &CardId,
        limit: u32,
    ) -> Result<ContactPage, ContactError> {
        store::load(&self.conn, card_id)?;
        let contacts = contact::store::recent(&self.conn, card_id, limit, "")?;
        let total = self.conn.query_row(
            "SELECT count(*) FROM contacts WHERE card_id = ?1",
            [card_id],
            |r| r.get(0),
        )?;
        Ok(ContactPage { contacts, total })
    }

    pub fn history(&self, card_id: &CardId) -> Result<Vec<HistoryEntry>, CardError> {
        store::load(&self.conn, card_id)?;
        Ok(history::load(&self.conn, card_id)?)
    }

    pub fn list_cards(&self, query: &CardQuery) -> Result<CardPage, CardError> {
        Ok(card_list::list(
            &self.conn,
            query,
            self.today(),
            self.contact_cue,
        )?)
    }

    /// The search box: cards, contacts and notes matching `query`, at most `limit` of each.
    pub fn search(&self, query: &str, limit: u32) -> Result<SearchResults, CardError> {
        Ok(search::search(&self.conn, query, limit)?)
    }

    pub fn facets(&self) -> Result<Facets, CardError> {
        Ok(card_list::facets(&self.conn)?)
    }
}

impl Ledger {
    /// Records the superior's check of a card, dated today (000 ①).
    pub fn check_card(
        &mut self,
        card_id: &CardId,
        checker: &str,
        comment: &str,
    ) -> Result<crate::card::checks::CardCheck, CardError> {
        let today = self.today();
        self.write(|tx, edit| {
            crate::card::checks::record(tx, card_id, checker, comment, today, edit)
        })
    }

    /// The card's checks, the latest first.
    pub fn card_checks(
        &self,
        card_id: &CardId,
    ) -> Result<Vec<crate::card::checks::CardCheck>, CardError> {
        crate::card::checks::for_card(self.connection(), card_id)
    }
}

//! Where ledger keys are kept between openings: this process's memory, the OS keychain
//! (Secret Service, macOS Keychain, Windows Credential Manager) and, on Linux without a Secret
//! Service, the kernel's session keyring as a cache that lasts until the computer restarts.
//!
//! The app and the CLI choose once at start ([`use_os_keychain`] or [`use_memory_only`]); until
//! then keys live in memory only, which is what tests want.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use zeroize::Zeroizing;

use super::{LedgerKey, Salt, Secret, KEY_LEN};

/// How this process came by a ledger's key (and how a ledger is protected).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum KeyKind {
    /// A random key in the OS keychain.
    Keychain,
    /// A key made from the rep's passphrase.
    Passphrase,
    /// Opened with the recovery key.
    Recovery,
    /// Not encrypted.
    Plain,
}

impl KeyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyKind::Keychain => "keychain",
            KeyKind::Passphrase => "passphrase",
            KeyKind::Recovery => "recovery",
            KeyKind::Plain => "plain",
        }
    }
}

/// One place that keeps key bytes by a ledger's salt.
pub trait KeyStore: Send + Sync {
    fn get(&self, salt: &Salt) -> Option<Zeroizing<Vec<u8>>>;
    fn put(&self, salt: &Salt, key: &[u8]) -> bool;
    fn delete(&self, salt: &Salt);
}

/// The stores a process uses.
#[derive(Clone, Default)]
pub struct Keychain {
    /// Survives a restart: the OS keychain.
    pub durable: Option<Arc<dyn KeyStore>>,
    /// Until the computer restarts: a cache for keys made from a passphrase.
    pub session: Option<Arc<dyn KeyStore>>,
}

#[derive(Default)]
struct State {
    /// Until the app or the CLI chooses, a new ledger's random key is kept in memory only:
    /// what tests of the library want, and never what a rep gets.
    configured: bool,
    keychain: Keychain,
    memory: HashMap<Salt, Vec<LedgerKey>>,
    offered: Option<Arc<Secret>>,
}

static STATE: LazyLock<Mutex<State>> = LazyLock::new(Mutex::default);

fn state() -> MutexGuard<'static, State> {
    // A panic elsewhere while holding the lock leaves the map as it was: keep using it.
    STATE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Uses `keychain` from now on.
pub fn use_keychain(keychain: Keychain) {
    let mut s = state();
    s.keychain = keychain;
    s.configured = true;
}

/// Keys in this process's memory only (`DAICHO_KEYCHAIN=none`, tests): a new ledger then needs
/// a passphrase.
pub fn use_memory_only() {
    use_keychain(Keychain::default());
}

/// The operating system's keychain, as [`os_keychain`] finds it.
pub fn use_os_keychain() {
    use_keychain(os_keychain());
}

/// What `DAICHO_KEYCHAIN` asks for: `none` keeps keys in memory only (scripts, tests),
/// anything else (or nothing) the OS keychain.
pub fn use_from_environment() {
    match std::env::var("DAICHO_KEYCHAIN").as_deref() {
        Ok("none") => use_memory_only(),
        _ => use_os_keychain(),
    }
}

/// A secret this process offers for every locked ledger it opens and for new ledgers: the
/// CLI's `--passphrase-file` or `DAICHO_PASSPHRASE`.
pub fn offer(secret: Secret) {
    state().offered = Some(Arc::new(secret));
}

/// Forgets every key and secret this process holds (the app's lock, a new session in tests):
/// a ledger then opens only from the OS keychain or with its passphrase or recovery key.
pub fn lock_all() {
    let mut s = state();
    s.memory.clear();
    s.offered = None;
}

pub(crate) fn offered() -> Option<Arc<Secret>> {
    state().offered.clone()
}

/// Whether keys survive a restart here without a passphrase.
pub fn is_durable() -> bool {
    state().keychain.durable.is_some()
}

/// Whether no keychain was chosen (library use and tests: random keys in memory are fine).
pub(crate) fn unconfigured() -> bool {
    !state().configured
}

/// The keys that may open a file with `salt`, most likely first: those kept (memory, the
/// keychain, the session cache), then the one the offered secret makes. The offered one is
/// made only when asked for (a passphrase costs an Argon2id derivation).
pub(crate) fn candidates(salt: Salt) -> impl Iterator<Item = LedgerKey> {
    let (mut keys, keychain, offered) = {
        let s = state();
        (
            s.memory.get(&salt).cloned().unwrap_or_default(),
            s.keychain.clone(),
            s.offered.clone(),
        )
    };
    for store in [&keychain.durable, &keychain.session].into_iter().flatten() {
        if let Some(key) = store.get(&salt).and_then(|bytes| key_from(&bytes, salt)) {
            keys.push(key);
        }
    }
    let derived = std::iter::once(offered)
        .flatten()
        .filter_map(move |secret| secret.key_for(salt).ok());
    keys.into_iter().chain(derived)
}

fn key_from(bytes: &[u8], salt: Salt) -> Option<LedgerKey> {
    let array: [u8; KEY_LEN] = bytes.try_into().ok()?;
    Some(LedgerKey::from_parts(Zeroizing::new(array), salt))
}

/// Keeps `key` for the next opening: in memory, in the OS keychain, and (for a key that
/// only a passphrase would make again) in the session cache.
pub(crate) fn remember(key: &LedgerKey, kind: KeyKind) {
    let keychain = {
        let mut s = state();
        let keys = s.memory.entry(key.salt()).or_default();
        keys.retain(|k| k != key);
        keys.insert(0, key.clone());
        s.keychain.clone()
    };
    let stored = keychain
        .durable
        .as_ref()
        .is_some_and(|store| store.put(&key.salt(), key.bytes()));
    if !stored && kind != KeyKind::Keychain {
        if let Some(session) = &keychain.session {
            session.put(&key.salt(), key.bytes());
        }
    }
}

/// Keeps `key` in this process's memory only (a key the offered secret made, found to open a
/// file: the next opening needs no derivation).
pub(crate) fn keep_in_memory(key: &LedgerKey) {
    let mut s = state();
    let keys = s.memory.entry(key.salt()).or_default();
    if !keys.contains(key) {
        keys.push(key.clone());
    }
}

/// Whether the OS keychain now holds `key` (checked after storing a random key, which is lost
/// if it is not kept).
pub(crate) fn holds(key: &LedgerKey) -> bool {
    let durable = state().keychain.durable.clone();
    durable
        .and_then(|store| store.get(&key.salt()))
        .and_then(|bytes| key_from(&bytes, key.salt()))
        .is_some_and(|k| k == *key)
}

/// Replaces every key kept for the ledger with `key` (after a change of passphrase).
pub(crate) fn replace(key: &LedgerKey, kind: KeyKind) {
    let keychain = {
        let mut s = state();
        s.memory.insert(key.salt(), vec![key.clone()]);
        s.keychain.clone()
    };
    for store in [&keychain.durable, &keychain.session].into_iter().flatten() {
        store.delete(&key.salt());
    }
    remember(key, kind);
}

/// Keys in a process's memory only: for tests that stand in for an OS keychain.
#[derive(Default)]
pub struct MemoryStore(Mutex<HashMap<Salt, Zeroizing<Vec<u8>>>>);

impl KeyStore for MemoryStore {
    fn get(&self, salt: &Salt) -> Option<Zeroizing<Vec<u8>>> {
        self.0.lock().ok()?.get(salt).cloned()
    }
    fn put(&self, salt: &Salt, key: &[u8]) -> bool {
        self.0
            .lock()
            .map(|mut m| m.insert(*salt, Zeroizing::new(key.to_vec())))
            .is_ok()
    }
    fn delete(&self, salt: &Salt) {
        if let Ok(mut m) = self.0.lock() {
            m.remove(salt);
        }
    }
}

/// A store of the `keyring` family: the OS keychain or the kernel keyring.
struct OsStore(Arc<keyring_core::CredentialStore>);

const SERVICE: &str = "Daicho ledger key";

impl OsStore {
    fn entry(&self, salt: &Salt) -> Option<keyring_core::Entry> {
        keyring_core::Entry::new_in_store(&self.0, SERVICE, &data_encoding::HEXLOWER.encode(salt))
            .ok()
    }
}

impl KeyStore for OsStore {
    fn get(&self, salt: &Salt) -> Option<Zeroizing<Vec<u8>>> {
        self.entry(salt)?.get_secret().ok().map(Zeroizing::new)
    }
    fn put(&self, salt: &Salt, key: &[u8]) -> bool {
        self.entry(salt).is_some_and(|e| e.set_secret(key).is_ok())
    }
    fn delete(&self, salt: &Salt) {
        if let Some(e) = self.entry(salt) {
            let _ = e.delete_credential();
        }
    }
}

/// The OS keychain where one answers; on Linux without a Secret Service, the kernel keyring
/// as a session cache only (its keys do not survive a restart, so it never holds the only
/// copy of a random key).
pub fn os_keychain() -> Keychain {
    let mut keychain = Keychain::default();
    if let Some(store) = durable_store() {
        // A store that refuses a write is as good as none (a locked or absent keychain).
        let probe = [0u8; 16];
        if store.put(&probe, b"probe") {
            store.delete(&probe);
            keychain.durable = Some(store);
        }
    }
    #[cfg(target_os = "linux")]
    if keychain.durable.is_none() {
        if let Ok(store) = linux_keyutils_keyring_store::Store::new() {
            let store: Arc<keyring_core::CredentialStore> = store;
            let store: Arc<dyn KeyStore> = Arc::new(OsStore(store));
            let probe = [1u8; 16];
            if store.put(&probe, b"probe") {
                store.delete(&probe);
                keychain.session = Some(store);
            }
        }
    }
    keychain
}

fn durable_store() -> Option<Arc<dyn KeyStore>> {
    #[cfg(target_os = "macos")]
    let store: Arc<keyring_core::CredentialStore> =
        apple_native_keyring_store::keychain::Store::new().ok()?;
    #[cfg(target_os = "windows")]
    let store: Arc<keyring_core::CredentialStore> =
        windows_native_keyring_store::Store::new().ok()?;
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    let store: Arc<keyring_core::CredentialStore> =
        zbus_secret_service_keyring_store::Store::new().ok()?;
    Some(Arc::new(OsStore(store)))
}

//! What the app holds while it runs: the open ledger, the settings, and where files live.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use daicho_core::backup::{self, BackupInfo};
use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::{AppError, Coded};
use daicho_core::settings::AppDirs;
use daicho_core::settings::Settings;
use daicho_core::{ErrorReport, Ledger, NewLedger};

use daicho_core::crypto::{self, keychain, Secret};
use daicho_core::instance::LedgerLock;
use zeroize::Zeroizing;

/// Where settings and ledgers live: the core's [`AppDirs`], so the CLI finds the same settings
/// (`DAICHO_DATA_DIR` replaces the OS folders; tests use it so that they never touch a real
/// user's data).
pub struct Dirs(pub AppDirs);

impl Dirs {
    pub fn resolve() -> Dirs {
        Dirs(AppDirs::resolve())
    }

    pub fn data(&self) -> &Path {
        &self.0.data
    }

    pub fn settings_file(&self) -> &Path {
        &self.0.settings_file
    }

    pub fn default_ledger(&self) -> PathBuf {
        self.0.data.join("ledger.daicho")
    }

    pub fn demo_ledger(&self) -> PathBuf {
        self.0.data.join("demo.daicho")
    }
}

/// Which ledger to open at start, from the command line.
#[derive(Clone)]
pub enum Launch {
    Remembered,
    Demo,
    Path(PathBuf),
}

impl Launch {
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Launch {
        let mut launch = Launch::Remembered;
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--demo" => launch = Launch::Demo,
                "--ledger" => {
                    if let Some(path) = args.next() {
                        launch = Launch::Path(PathBuf::from(path));
                    }
                }
                _ => {}
            }
        }
        launch
    }
}

pub struct AppState {
    pub dirs: Dirs,
    ledger: Mutex<Option<Ledger>>,
    settings: Mutex<Settings>,
    /// Why the ledger could not be opened at start, shown once by the UI.
    startup_error: Mutex<Option<ErrorReport>>,
    /// Set by the window's Cancel while an import runs; the import stops and writes nothing.
    pub import_cancel: std::sync::atomic::AtomicBool,
    /// Held while a ledger is open: a second Daicho window cannot open it.
    lock: Mutex<Option<LedgerLock>>,
    /// The daily backup running beside the window, and how the last one ended.
    pub daily: std::sync::Arc<Mutex<DailyBackup>>,
    /// Reports written in this session: the only files "Open the file" may open.
    written: Mutex<std::collections::HashSet<PathBuf>>,
    /// What was asked at start, tried again once the rep has chosen a passphrase.
    launch: Launch,
    /// The passphrase the rep chose in this session (new ledgers are made with it).
    passphrase: Mutex<Option<Zeroizing<String>>>,
    /// The recovery key of a ledger made in this session, shown once.
    fresh_recovery_key: Mutex<Option<Zeroizing<String>>>,
}

/// The daily backup made in the background when a ledger is opened.
#[derive(Default)]
pub struct DailyBackup {
    pub running: bool,
    pub made: Option<BackupInfo>,
    pub error: Option<ErrorReport>,
}

fn poisoned() -> ErrorReport {
    AppError::Unknown {
        detail: "lock".into(),
    }
    .report()
}

fn none_open() -> ErrorReport {
    AppError::NoneOpen.report()
}

pub fn report(e: impl Coded) -> ErrorReport {
    e.report()
}

impl AppState {
    pub fn start(dirs: Dirs, launch: Launch) -> AppState {
        let mut settings = Settings::load(dirs.settings_file());
        if settings.user_name.is_empty() {
            // Until the user gives their name, history records their login name.
            settings.user_name = daicho_core::settings::login_name();
        }
        let state = AppState {
            dirs,
            ledger: Mutex::new(None),
            settings: Mutex::new(settings.clone()),
            startup_error: Mutex::new(None),
            import_cancel: std::sync::atomic::AtomicBool::new(false),
            lock: Mutex::new(None),
            daily: Default::default(),
            written: Mutex::new(Default::default()),
            launch,
            passphrase: Mutex::new(None),
            fresh_recovery_key: Mutex::new(None),
        };
        if let Err(e) = state.open_at_launch() {
            if let Ok(mut slot) = state.startup_error.lock() {
                *slot = Some(e);
            }
        }
        state
    }

    /// Opens what the command line asked for (or the ledger opened last).
    pub fn open_at_launch(&self) -> Result<(), ErrorReport> {
        match self.launch.clone() {
            Launch::Demo => self.open_demo(),
            Launch::Path(path) => self.open(&path),
            Launch::Remembered => match self.settings()?.ledger_path.as_deref().map(Path::new) {
                Some(path) => self.open(path),
                None => self.open_or_create(&self.dirs.default_ledger()),
            },
        }
    }

    /// The rep chose a passphrase (this computer has no keychain): ledgers made from now on
    /// are protected by it, starting with the one asked for at start.
    pub fn protect_with(&self, passphrase: &str) -> Result<(), ErrorReport> {
        crypto::check_passphrase(passphrase).map_err(report)?;
        let passphrase = Zeroizing::new(passphrase.to_owned());
        keychain::offer(Secret::Passphrase(passphrase.clone()));
        *self.passphrase.lock().map_err(|_| poisoned())? = Some(passphrase);
        self.open_at_launch()
    }

    /// Opens the locked ledger at `path` with its passphrase or recovery key.
    /// A passphrase that opened it also protects the ledgers made in this session.
    pub fn unlock(&self, path: &Path, secret: Secret) -> Result<(), ErrorReport> {
        crypto::unlock(path, &secret).map_err(report)?;
        if let Secret::Passphrase(p) = &secret {
            keychain::offer(Secret::Passphrase(p.clone()));
            *self.passphrase.lock().map_err(|_| poisoned())? = Some(p.clone());
        }
        self.open(path)
    }

    /// Closes the ledger and forgets its key (a ledger with a passphrase): the window shows the
    /// lock screen until the passphrase is given again.
    pub fn lock_now(&self) -> Result<(), ErrorReport> {
        let path = self.ledger_path().ok_or_else(none_open)?;
        *self.ledger.lock().map_err(|_| poisoned())? = None;
        *self.lock.lock().map_err(|_| poisoned())? = None;
        *self.passphrase.lock().map_err(|_| poisoned())? = None;
        keychain::lock_all();
        *self.startup_error.lock().map_err(|_| poisoned())? =
            Some(daicho_core::error::LedgerError::Locked { path }.report());
        Ok(())
    }

    /// The recovery key of a ledger made in this session, once.
    pub fn take_fresh_recovery_key(&self) -> Option<String> {
        self.fresh_recovery_key
            .lock()
            .ok()?
            .take()
            .map(|k| k.to_string())
    }

    /// Keeps the new ledger's recovery key for the window to show once.
    fn note_recovery_key(&self, ledger: &Ledger) {
        let secret = self
            .passphrase
            .lock()
            .ok()
            .and_then(|p| p.clone())
            .map(Secret::Passphrase);
        if let (Ok(key), Ok(mut slot)) = (
            ledger.recovery_key(secret.as_ref()),
            self.fresh_recovery_key.lock(),
        ) {
            *slot = Some(key);
        }
    }

    pub fn take_startup_error(&self) -> Option<ErrorReport> {
        self.startup_error.lock().ok().and_then(|mut e| e.take())
    }

    pub fn settings(&self) -> Result<Settings, ErrorReport> {
        Ok(self.settings.lock().map_err(|_| poisoned())?.clone())
    }

    pub fn save_settings(&self, new: Settings) -> Result<Settings, ErrorReport> {
        new.save(self.dirs.settings_file()).map_err(report)?;
        *self.settings.lock().map_err(|_| poisoned())? = new.clone();
        let config = self.dirs.0.backup_config(&new);
        let mut guard = self.ledger.lock().map_err(|_| poisoned())?;
        if let Some(ledger) = guard.take() {
            *guard = Some(ledger.with_backups(config));
        }
        if let Some(ledger) = guard.as_mut() {
            ledger.set_actor(&new.user_name);
        }
        Ok(new)
    }

    /// Runs `f` on the open ledger; an error when none is open.
    pub fn with_ledger<T, E: Coded>(
        &self,
        f: impl FnOnce(&mut Ledger) -> Result<T, E>,
    ) -> Result<T, ErrorReport> {
        let mut guard: MutexGuard<'_, Option<Ledger>> =
            self.ledger.lock().map_err(|_| poisoned())?;
        let ledger = guard.as_mut().ok_or_else(none_open)?;
        f(ledger).map_err(report)
    }

    pub fn ledger_path(&self) -> Option<PathBuf> {
        self.ledger
            .lock()
            .ok()?
            .as_ref()?
            .path()
            .map(Path::to_owned)
    }

    fn install(&self, ledger: Ledger, lock: LedgerLock) -> Result<(), ErrorReport> {
        let mut settings = self.settings()?;
        let config = self.dirs.0.backup_config(&settings);
        let ledger = ledger.with_actor(&settings.user_name).with_backups(config);
        settings.ledger_path = ledger.path().map(|p| p.display().to_string());
        let path = ledger.path().map(Path::to_owned);
        *self.ledger.lock().map_err(|_| poisoned())? = Some(ledger);
        *self.lock.lock().map_err(|_| poisoned())? = Some(lock);
        self.save_settings(settings)?;
        if let Some(path) = path {
            self.start_daily_backup(path);
        }
        Ok(())
    }

    /// Takes the ledger's lock, or says which Daicho window has it.
    fn lock(&self, path: &Path) -> Result<LedgerLock, ErrorReport> {
        // The lock of the ledger open now is let go first: reopening it is allowed.
        let mut held = self.lock.lock().map_err(|_| poisoned())?;
        if held.as_ref().is_some_and(|l| l.is_for(path)) {
            *held = None;
        }
        LedgerLock::take(self.dirs.data(), path).map_err(report)
    }

    pub fn open(&self, path: &Path) -> Result<(), ErrorReport> {
        let lock = self.lock(path)?;
        let config = self.dirs.0.backup_config(&self.settings()?);
        self.install(Ledger::open_backed_up(path, config).map_err(report)?, lock)
    }

    pub fn create(&self, path: &Path) -> Result<(), ErrorReport> {
        let lock = self.lock(path)?;
        let ledger = Ledger::create(path).map_err(report)?;
        self.note_recovery_key(&ledger);
        self.install(ledger, lock)
    }

    /// Remembers a report Daicho wrote, so that the window may open it.
    pub fn remember_written(&self, path: &str) {
        if let Ok(mut written) = self.written.lock() {
            written.insert(PathBuf::from(path));
        }
    }

    /// Whether Daicho wrote `path` in this session.
    pub fn wrote(&self, path: &str) -> bool {
        self.written
            .lock()
            .is_ok_and(|w| w.contains(Path::new(path)))
    }

    /// The daily backup of the open ledger when it is due: a window left open for days still
    /// backs up once a day (the app asks every hour).
    pub fn daily_backup_if_due(&self) {
        if let Some(path) = self.ledger_path() {
            self.start_daily_backup(path);
        }
    }

    /// The daily backup, on its own thread and connection: a large ledger's copy never holds
    /// up the window.
    fn start_daily_backup(&self, path: PathBuf) {
        let Ok(settings) = self.settings() else {
            return;
        };
        let config = self.dirs.0.backup_config(&settings);
        let user_name = settings.user_name.clone();
        let daily = self.daily.clone();
        if let Ok(mut d) = daily.lock() {
            if d.running {
                return;
            }
            d.running = true;
        }
        std::thread::spawn(move || {
            let done = backup::daily_if_due(
                &path,
                &config.root,
                &config.retention,
                chrono::Utc::now(),
                &user_name,
            );
            if let Ok(mut d) = daily.lock() {
                d.running = false;
                match done {
                    Ok(made) => {
                        d.error = None;
                        if made.is_some() {
                            d.made = made;
                        }
                    }
                    Err(e) => d.error = Some(report(e)),
                }
            }
        });
    }

    /// Restores `from` into the open ledger: the ledger is closed (its WAL written back), the
    /// backup copied in (after a backup of the ledger as it was), and the ledger opened again —
    /// the restored one, or the old one if the restore was refused.
    pub fn restore_backup(&self, from: &Path) -> Result<backup::RestoreOutcome, ErrorReport> {
        let mut guard = self.ledger.lock().map_err(|_| poisoned())?;
        let ledger = guard.take().ok_or_else(none_open)?;
        let path = ledger.path().map(Path::to_owned);
        let root = ledger.backup_config().map(|c| c.root.clone());
        let by = self.settings().map(|s| s.user_name).unwrap_or_default();
        drop(ledger);
        drop(guard);
        let (Some(path), Some(root)) = (path, root) else {
            return Err(none_open());
        };
        let restored = backup::restore(from, &path, &root, chrono::Utc::now(), &by).map_err(report);
        self.open(&path)?;
        restored
    }

    /// The state of the backups for the window's footer.
    pub fn backup_root(&self) -> Result<PathBuf, ErrorReport> {
        Ok(self.dirs.0.backup_config(&self.settings()?).root)
    }

    fn open_or_create(&self, path: &Path) -> Result<(), ErrorReport> {
        if path.exists() {
            self.open(path)
        } else {
            self.create(path)
        }
    }

    /// Opens the demo ledger in the app-data folder, making it on first use.
    pub fn open_demo(&self) -> Result<(), ErrorReport> {
        let path = self.dirs.demo_ledger();
        if path.exists() {
            return self.open(&path);
        }
        let lock = self.lock(&path)?;
        // Made under a temporary name: a demo cut short never takes the name.
        let mut new = NewLedger::start(&path).map_err(report)?;
        demo::generate(
            new.ledger(),
            DemoConfig {
                // A demo that looks current: follow-ups and planned visits around today.
                today: Some(chrono::Local::now().date_naive()),
                ..DemoConfig::default()
            },
        )
        .map_err(report)?;
        let ledger = new.finish().map_err(report)?;
        self.note_recovery_key(&ledger);
        self.install(ledger, lock)
    }
}

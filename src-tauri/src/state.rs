//! What the app holds while it runs: the open ledger, the settings, and where files live.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use daicho_core::backup::{self, BackupInfo};
use daicho_core::card_list::ContactThresholds;
use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::{AppError, Coded};
use daicho_core::full_export::FullExport;
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

    /// `--data-dir <folder>` on the command line (a portable copy; each end-to-end spec starts
    /// in a folder of its own), else [`Dirs::resolve`].
    pub fn from_args(args: &[String]) -> Dirs {
        let folder = args
            .iter()
            .position(|a| a == "--data-dir")
            .and_then(|at| args.get(at + 1));
        folder.map_or_else(Dirs::resolve, |f| Dirs(AppDirs::at(PathBuf::from(f))))
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
                // Read by `Dirs::from_args`.
                "--data-dir" => {
                    args.next();
                }
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

/// The app's state, cheap to clone: a command hands a clone to the blocking thread that does
/// its work.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub dirs: Dirs,
    /// Shared with the blocking threads that run the commands' ledger work.
    ledger: Arc<Mutex<Option<Ledger>>>,
    settings: Mutex<Settings>,
    /// Why the ledger could not be opened at start, shown once by the UI.
    startup_error: Mutex<Option<ErrorReport>>,
    /// Set by the window's Cancel while an import runs; the import stops and writes nothing.
    pub import_cancel: Arc<AtomicBool>,
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
    /// Open while the ledger asked for at start is being opened: the window paints meanwhile,
    /// and its first requests wait here for the ledger.
    opening: Gate,
    /// Tells the window what happened beside it (a ledger found damaged after it opened).
    events: Option<tauri::AppHandle>,
    /// The work running beside the window (the whole-file check, the daily backup).
    beside: Mutex<Vec<std::thread::JoinHandle<()>>>,
    /// How many of those have not ended yet.
    beside_running: std::sync::atomic::AtomicUsize,
    /// Open once the window's first list is on screen: the work beside it waits for that.
    painted: Gate,
    /// Set when the app is closing: work beside the window that has not started is dropped.
    closing: AtomicBool,
    /// The first start on this computer (no name given yet, opened without a ledger asked
    /// for): the window welcomes the rep until they give their name or pass.
    welcome: AtomicBool,
}

/// How long the work beside a window waits for its first list before it starts anyway.
const FIRST_PAINT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The event the window hears when the check of the whole file, run after the ledger opened,
/// found it damaged: the ledger is closed and `app_info` says why.
pub const LEDGER_DAMAGED: &str = "ledger-damaged";

/// Shut until the work started at launch is done; then open for good.
#[derive(Default)]
struct Gate {
    done: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn open(&self) {
        *locked(&self.done) = true;
        self.opened.notify_all();
    }

    fn wait(&self) {
        let mut done = locked(&self.done);
        while !*done {
            done = self
                .opened
                .wait(done)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// [`Gate::wait`], for `limit` at most.
    fn wait_at_most(&self, limit: std::time::Duration) {
        let deadline = std::time::Instant::now() + limit;
        let mut done = locked(&self.done);
        while !*done {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return;
            }
            done = self
                .opened
                .wait_timeout(done, left)
                .map_or_else(|e| e.into_inner().0, |(guard, _)| guard);
        }
    }
}

/// The daily backup made in the background when a ledger is opened.
#[derive(Default)]
pub struct DailyBackup {
    pub running: bool,
    pub made: Option<BackupInfo>,
    pub error: Option<ErrorReport>,
}

/// The value behind `mutex`. A command that panicked while holding it left nothing half done
/// (its transaction rolled back), so the next one goes on instead of failing until a restart.
pub fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `f` on a thread for blocking work, so the async runtime (and every other command)
/// goes on meanwhile; a panic in `f` is reported as an error.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ErrorReport> + Send + 'static,
) -> Result<T, ErrorReport> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|e| {
        AppError::Unknown {
            detail: e.to_string(),
        }
        .report()
    })?
}

fn none_open() -> ErrorReport {
    AppError::NoneOpen.report()
}

fn with_slot<T, E: Coded>(
    slot: &Mutex<Option<Ledger>>,
    f: impl FnOnce(&mut Ledger) -> Result<T, E>,
) -> Result<T, ErrorReport> {
    let mut guard = locked(slot);
    let ledger = guard.as_mut().ok_or_else(none_open)?;
    f(ledger).map_err(report)
}

pub fn report(e: impl Coded) -> ErrorReport {
    e.report()
}

impl AppState {
    /// The app's state, with the ledger asked for at launch being opened on a thread of its
    /// own: the window paints at once, and the commands it sends wait for the ledger.
    pub fn start(dirs: Dirs, launch: Launch, events: Option<tauri::AppHandle>) -> AppState {
        let mut settings = Settings::load(dirs.settings_file());
        let welcome = settings.user_name.is_empty() && matches!(launch, Launch::Remembered);
        if settings.user_name.is_empty() {
            // Until the user gives their name, history records their login name.
            settings.user_name = daicho_core::settings::login_name();
        }
        let state = AppState(Arc::new(Shared {
            dirs,
            ledger: Arc::new(Mutex::new(None)),
            settings: Mutex::new(settings.clone()),
            startup_error: Mutex::new(None),
            import_cancel: Arc::new(AtomicBool::new(false)),
            lock: Mutex::new(None),
            daily: Default::default(),
            written: Mutex::new(Default::default()),
            launch,
            passphrase: Mutex::new(None),
            fresh_recovery_key: Mutex::new(None),
            opening: Gate::default(),
            painted: Gate::default(),
            closing: AtomicBool::new(false),
            welcome: AtomicBool::new(welcome),
            events,
            beside: Mutex::new(Vec::new()),
            beside_running: Default::default(),
        }));
        let opener = state.clone();
        std::thread::spawn(move || {
            if let Err(e) = opener.open_at_launch() {
                *locked(&opener.startup_error) = Some(e);
            }
            opener.opening.open();
        });
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
        *locked(&self.passphrase) = Some(passphrase);
        self.open_at_launch()
    }

    /// Opens the locked ledger at `path` with its passphrase or recovery key.
    /// A passphrase that opened it also protects the ledgers made in this session.
    pub fn unlock(&self, path: &Path, secret: Secret) -> Result<(), ErrorReport> {
        crypto::unlock(path, &secret).map_err(report)?;
        if let Secret::Passphrase(p) = &secret {
            keychain::offer(Secret::Passphrase(p.clone()));
            *locked(&self.passphrase) = Some(p.clone());
        }
        self.open(path)
    }

    /// Closes the ledger and forgets its key (a ledger with a passphrase): the window shows the
    /// lock screen until the passphrase is given again.
    pub fn lock_now(&self) -> Result<(), ErrorReport> {
        let path = self.ledger_path().ok_or_else(none_open)?;
        *locked(&self.ledger) = None;
        *locked(&self.lock) = None;
        *locked(&self.passphrase) = None;
        keychain::lock_all();
        *locked(&self.startup_error) =
            Some(daicho_core::error::LedgerError::Locked { path }.report());
        Ok(())
    }

    /// The recovery key of a ledger made in this session, once.
    pub fn take_fresh_recovery_key(&self) -> Option<String> {
        locked(&self.fresh_recovery_key)
            .take()
            .map(|k| k.to_string())
    }

    /// Keeps the new ledger's recovery key for the window to show once.
    fn note_recovery_key(&self, ledger: &Ledger) {
        let secret = locked(&self.passphrase).clone().map(Secret::Passphrase);
        if let Ok(key) = ledger.recovery_key(secret.as_ref()) {
            *locked(&self.fresh_recovery_key) = Some(key);
        }
    }

    pub fn take_startup_error(&self) -> Option<ErrorReport> {
        locked(&self.startup_error).take()
    }

    pub fn settings(&self) -> Result<Settings, ErrorReport> {
        Ok(locked(&self.settings).clone())
    }

    pub fn save_settings(&self, new: Settings) -> Result<Settings, ErrorReport> {
        new.save(self.dirs.settings_file()).map_err(report)?;
        if !new.user_name.trim().is_empty() {
            self.welcome.store(false, Ordering::Relaxed);
        }
        *locked(&self.settings) = new.clone();
        let config = self.dirs.0.backup_config(&new);
        let mut guard = locked(&self.ledger);
        if let Some(ledger) = guard.take() {
            *guard = Some(ledger.with_backups(config));
        }
        if let Some(ledger) = guard.as_mut() {
            ledger.set_actor(&new.user_name);
            ledger.set_contact_thresholds(ContactThresholds::of(&new));
        }
        Ok(new)
    }

    /// Whether the window should welcome the rep (see [`Shared::welcome`]).
    pub fn welcome(&self) -> bool {
        self.welcome.load(Ordering::Relaxed)
    }

    /// Runs `f` on the open ledger, here and now; an error when none is open.
    pub fn with_ledger<T, E: Coded>(
        &self,
        f: impl FnOnce(&mut Ledger) -> Result<T, E>,
    ) -> Result<T, ErrorReport> {
        with_slot(&self.ledger, f)
    }

    /// Work on the app's state itself (opening, creating, unlocking a ledger; settings) on a
    /// blocking thread: opening a large ledger checks it first, and that takes a while.
    pub async fn apart<T: Send + 'static>(
        &self,
        f: impl FnOnce(&AppState) -> Result<T, ErrorReport> + Send + 'static,
    ) -> Result<T, ErrorReport> {
        let state = self.clone();
        blocking(move || {
            state.opening.wait();
            f(&state)
        })
        .await
    }

    /// Every command's ledger work: `f` on the open ledger, on a blocking thread, so the window's
    /// other requests (the card list, search, Cancel) are answered while it runs.
    pub async fn run<T, E, F>(&self, f: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        E: Coded,
        F: FnOnce(&mut Ledger) -> Result<T, E> + Send + 'static,
    {
        let state = self.clone();
        blocking(move || {
            state.opening.wait();
            with_slot(&state.ledger, f)
        })
        .await
    }

    /// A long job (an import, an export, a handover file, a re-classification): `f` on a
    /// connection of its own to the open ledger, so the ledger stays free for the card list,
    /// search and saves while it runs (a save waits only while the job itself writes).
    pub async fn run_apart<T, E, F>(&self, f: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        E: Coded,
        F: FnOnce(&mut Ledger) -> Result<T, E> + Send + 'static,
    {
        self.apart(move |state| state.with_own_connection(f)).await
    }

    /// `f` on a connection of its own to the open ledger, here and now (see [`Self::run_apart`]).
    pub fn with_own_connection<T, E: Coded>(
        &self,
        f: impl FnOnce(&mut Ledger) -> Result<T, E>,
    ) -> Result<T, ErrorReport> {
        let mut own = self.with_ledger(|l| l.another_connection())?;
        f(&mut own).map_err(report)
    }

    pub fn ledger_path(&self) -> Option<PathBuf> {
        locked(&self.ledger).as_ref()?.path().map(Path::to_owned)
    }

    fn install(&self, ledger: Ledger, lock: LedgerLock) -> Result<(), ErrorReport> {
        let mut settings = self.settings()?;
        let config = self.dirs.0.backup_config(&settings);
        let ledger = ledger.with_actor(&settings.user_name).with_backups(config);
        settings.ledger_path = ledger.path().map(|p| p.display().to_string());
        let path = ledger.path().map(Path::to_owned);
        *locked(&self.ledger) = Some(ledger);
        *locked(&self.lock) = Some(lock);
        self.save_settings(settings)?;
        if let Some(path) = path {
            self.start_daily_backup(path.clone());
            self.check_whole_file(path);
        }
        Ok(())
    }

    /// SQLite's check of every page, beside the window once the ledger is open (on 100,000
    /// cards it reads the whole file for seconds). A damaged ledger is closed before more is
    /// written to it, and the window is told: it shows why and offers the backups.
    fn check_whole_file(&self, path: PathBuf) {
        let state = self.clone();
        self.run_beside(move || {
            let Err(e) = Ledger::check_whole_file(&path) else {
                return;
            };
            if e.code() != "ledger.corrupt" {
                // Not the file's fault (the disk busy, the file moved): the daily backup's
                // check of its copy runs again later.
                return;
            }
            {
                let mut slot = locked(&state.ledger);
                if slot.as_ref().and_then(|l| l.path()) != Some(path.as_path()) {
                    return;
                }
                *slot = None;
            }
            *locked(&state.lock) = None;
            *locked(&state.startup_error) = Some(report(e));
            if let Some(app) = &state.events {
                use tauri::Emitter;
                let _ = app.emit(LEDGER_DAMAGED, ());
            }
        });
    }

    /// Runs `work` on a thread of its own, kept so that [`AppState::wait_beside`] can wait
    /// for it. Work that reads the whole file must not stand between the rep and the window:
    /// with a window, it starts once the first list is on screen (or after [`FIRST_PAINT_WAIT`]),
    /// and it runs at the lowest priority, so the window's own work goes first on a small
    /// laptop. It is dropped when the app closes before it starts.
    fn run_beside(&self, work: impl FnOnce() + Send + 'static) {
        let state = self.clone();
        let mut beside = locked(&self.beside);
        beside.retain(|h| !h.is_finished());
        self.beside_running
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        beside.push(std::thread::spawn(move || {
            if state.events.is_some() {
                state.painted.wait_at_most(FIRST_PAINT_WAIT);
            }
            // Not allowed (some systems): it runs at the usual priority.
            let _ =
                thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
            if !state.closing.load(std::sync::atomic::Ordering::SeqCst) {
                work();
            }
            let left = state
                .beside_running
                .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            // The start-up measurement reads the memory until the work after the paint is done.
            if left == 1 && crate::commands::ledger::startup_probe() {
                eprintln!("startup: settled");
            }
        }));
    }

    /// The window's first list is on screen: the work beside it may start.
    pub fn painted(&self) {
        self.painted.open();
    }

    /// The app is closing: work beside the window that has not started is dropped, and the
    /// work under way is waited for.
    pub fn close(&self) {
        self.closing
            .store(true, std::sync::atomic::Ordering::SeqCst);
        self.painted.open();
        self.wait_beside();
    }

    /// Waits for the work running beside the window: nothing may still read a ledger when
    /// the process ends (SQLCipher's cleanup at exit would pull its library from under it).
    pub fn wait_beside(&self) {
        let running: Vec<_> = locked(&self.beside).drain(..).collect();
        for handle in running {
            let _ = handle.join();
        }
    }

    /// Takes the ledger's lock, or says which Daicho window has it.
    fn lock(&self, path: &Path) -> Result<LedgerLock, ErrorReport> {
        // The lock of the ledger open now is let go first: reopening it is allowed.
        let mut held = locked(&self.lock);
        if held.as_ref().is_some_and(|l| l.is_for(path)) {
            *held = None;
        }
        LedgerLock::take(self.dirs.data(), path).map_err(report)
    }

    pub fn open(&self, path: &Path) -> Result<(), ErrorReport> {
        let lock = self.lock(path)?;
        let config = self.dirs.0.backup_config(&self.settings()?);
        self.install(Ledger::open_for_window(path, config).map_err(report)?, lock)
    }

    pub fn create(&self, path: &Path) -> Result<(), ErrorReport> {
        let lock = self.lock(path)?;
        let ledger = Ledger::create(path).map_err(report)?;
        self.note_recovery_key(&ledger);
        self.install(ledger, lock)
    }

    /// A new ledger at `path` filled with everything in the full export `export`, then opened.
    /// A refused export leaves nothing at `path`: the new file is removed again.
    pub fn create_from_export(
        &self,
        path: &Path,
        export: &Path,
    ) -> Result<FullExport, ErrorReport> {
        let lock = self.lock(path)?;
        let mut ledger = Ledger::create(path).map_err(report)?;
        match ledger.restore_everything(export) {
            Ok(restored) => {
                self.note_recovery_key(&ledger);
                self.install(ledger, lock)?;
                Ok(restored)
            }
            Err(e) => {
                drop(ledger);
                drop(lock);
                for end in ["", "-wal", "-shm"] {
                    let mut name = path.as_os_str().to_owned();
                    name.push(end);
                    let _ = std::fs::remove_file(name);
                }
                Err(report(e))
            }
        }
    }

    /// Remembers a report Daicho wrote, so that the window may open it.
    pub fn remember_written(&self, path: &str) {
        locked(&self.written).insert(PathBuf::from(path));
    }

    /// Whether Daicho wrote `path` in this session.
    pub fn wrote(&self, path: &str) -> bool {
        locked(&self.written).contains(Path::new(path))
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
        {
            let mut d = locked(&daily);
            if d.running {
                return;
            }
            d.running = true;
        }
        self.run_beside(move || {
            let done = backup::daily_if_due(
                &path,
                &config.root,
                &config.retention,
                chrono::Utc::now(),
                &user_name,
            );
            {
                let mut d = locked(&daily);
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
        let mut guard = locked(&self.ledger);
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
                // The rep's own market first: a Japanese rep sees Japanese customers.
                markets: demo::DemoMarkets::Mostly(
                    self.settings()?
                        .language
                        .unwrap_or_else(daicho_core::i18n::Lang::from_env),
                ),
                ..DemoConfig::default()
            },
        )
        .map_err(report)?;
        let ledger = new.finish().map_err(report)?;
        self.note_recovery_key(&ledger);
        self.install(ledger, lock)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use daicho_core::error::LedgerError;

    #[test]
    fn a_data_folder_on_the_command_line_holds_the_settings_and_ledgers_and_opens_nothing_else() {
        let args: Vec<String> = ["--data-dir", "/tmp/spec-7", "--demo"]
            .into_iter()
            .map(String::from)
            .collect();
        let dirs = Dirs::from_args(&args);
        assert_eq!(dirs.data(), Path::new("/tmp/spec-7"));
        assert_eq!(dirs.settings_file(), Path::new("/tmp/spec-7/settings.json"));
        assert_eq!(dirs.demo_ledger(), Path::new("/tmp/spec-7/demo.daicho"));
        // The folder is not taken for a ledger to open.
        assert!(matches!(Launch::from_args(args.into_iter()), Launch::Demo));
        let folder_only = ["--data-dir".to_owned(), "/tmp/x.daicho".to_owned()];
        assert!(matches!(
            Launch::from_args(folder_only.into_iter()),
            Launch::Remembered
        ));
    }

    #[test]
    fn a_command_that_panicked_does_not_lock_the_ledger_until_a_restart() {
        let slot = Arc::new(Mutex::new(Some(Ledger::open_in_memory().unwrap())));
        let poisoner = slot.clone();
        let _ = std::thread::spawn(move || {
            let _guard = poisoner.lock().unwrap();
            panic!("a bug in a command");
        })
        .join();
        assert!(slot.is_poisoned());
        let counts = with_slot(&slot, |l| l.counts().map_err(LedgerError::Sqlite)).unwrap();
        assert_eq!(counts.cards, 0);
    }

    #[test]
    fn the_window_gets_its_state_at_once_and_its_first_commands_wait_for_the_ledger() {
        keychain::use_memory_only();
        keychain::offer(Secret::Passphrase(Zeroizing::new(
            "state test passphrase".into(),
        )));
        let dir = tempfile::tempdir().unwrap();
        let dirs = Dirs(AppDirs::at(dir.path().to_owned()));
        let demo = dirs.demo_ledger();
        // Made on a thread of its own: `start` returns before the demo ledger exists.
        let state = AppState::start(dirs, Launch::Demo, None);
        let opened = tauri::async_runtime::block_on(state.apart(|s| Ok(s.ledger_path()))).unwrap();
        assert_eq!(
            opened.as_ref(),
            Some(&demo),
            "{:?}",
            state.take_startup_error()
        );
        let (path, cards) = tauri::async_runtime::block_on(state.apart(|s| {
            let cards = s.with_ledger(|l| l.counts().map_err(LedgerError::Sqlite))?;
            Ok((s.ledger_path(), cards.cards))
        }))
        .unwrap();
        assert_eq!(path, Some(demo));
        assert!(cards > 0);
        assert!(state.take_startup_error().is_none());
        state.wait_beside();
    }

    #[test]
    fn the_first_start_welcomes_the_rep_until_they_give_their_name_and_no_later_start_does() {
        keychain::use_memory_only();
        keychain::offer(Secret::Passphrase(Zeroizing::new(
            "state test passphrase".into(),
        )));
        let dir = tempfile::tempdir().unwrap();
        let dirs = || Dirs(AppDirs::at(dir.path().to_owned()));
        // Asked for the demo (the README's first command, the tests): straight to it.
        let demo = AppState::start(dirs(), Launch::Demo, None);
        assert!(!demo.welcome());
        tauri::async_runtime::block_on(demo.apart(|s| Ok(s.ledger_path()))).unwrap();
        demo.wait_beside();
        let state = AppState::start(dirs(), Launch::Remembered, None);
        assert!(state.welcome());
        // A name of blanks is no name: still welcomed.
        let mut settings = state.settings().unwrap();
        settings.user_name = "  ".into();
        state.save_settings(settings.clone()).unwrap();
        assert!(state.welcome());
        settings.user_name = "佐藤 花子".into();
        state.save_settings(settings).unwrap();
        assert!(!state.welcome());
        state.wait_beside();
        assert!(!AppState::start(dirs(), Launch::Remembered, None).welcome());
    }

    #[test]
    fn a_ledger_made_from_a_full_export_opens_with_every_card_and_a_refused_one_leaves_no_file() {
        keychain::use_memory_only();
        keychain::offer(Secret::Passphrase(Zeroizing::new(
            "state test passphrase".into(),
        )));
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::start(
            Dirs(AppDirs::at(dir.path().to_owned())),
            Launch::Remembered,
            None,
        );
        let mut source = Ledger::open_in_memory().unwrap();
        for name in ["株式会社青葉精機", "北京鼎力机械有限公司"] {
            source
                .create_card(&daicho_core::card::CardFields::new(
                    daicho_core::card::CardKind::Organisation,
                    name,
                ))
                .unwrap();
        }
        let export = dir.path().join("everything.json");
        source
            .export_everything(&export, daicho_core::output::Existing::Refuse)
            .unwrap();
        let broken = dir.path().join("broken.json");
        std::fs::write(&broken, b"{\"format\": \"something else\"}").unwrap();

        let refused = dir.path().join("refused.daicho");
        let error = tauri::async_runtime::block_on(
            state.apart(move |s| s.create_from_export(&refused, &broken)),
        )
        .unwrap_err();
        assert!(error.code.starts_with("full_export."), "{error:?}");
        assert!(!dir.path().join("refused.daicho").exists());
        assert!(!dir.path().join("refused.daicho-wal").exists());

        let made = dir.path().join("restored.daicho");
        let target = made.clone();
        let restored = tauri::async_runtime::block_on(
            state.apart(move |s| s.create_from_export(&target, &export)),
        )
        .unwrap();
        assert_eq!(restored.rows_of("cards"), 2);
        assert_eq!(state.ledger_path(), Some(made));
        let cards = tauri::async_runtime::block_on(
            state.apart(|s| s.with_ledger(|l| l.counts().map_err(LedgerError::Sqlite))),
        )
        .unwrap();
        assert_eq!(cards.cards, 2);
        state.wait_beside();
    }

    #[test]
    fn a_gate_waits_no_longer_than_asked_and_not_at_all_once_open() {
        let gate = Gate::default();
        // Never opened: the wait ends by itself.
        gate.wait_at_most(std::time::Duration::from_millis(10));
        gate.open();
        let started = std::time::Instant::now();
        gate.wait_at_most(std::time::Duration::from_secs(600));
        assert!(started.elapsed() < std::time::Duration::from_secs(600));
    }

    #[test]
    fn work_beside_the_window_is_dropped_once_the_app_closes() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::start(
            Dirs(AppDirs::at(dir.path().to_owned())),
            Launch::Remembered,
            None,
        );
        // Whatever the launch opened (nothing here) is done before the work is given.
        tauri::async_runtime::block_on(state.apart(|_| Ok(()))).unwrap();
        let ran = Arc::new(AtomicBool::new(false));
        let before = ran.clone();
        state.run_beside(move || before.store(true, std::sync::atomic::Ordering::SeqCst));
        state.wait_beside();
        assert!(
            ran.load(std::sync::atomic::Ordering::SeqCst),
            "no window: it runs at once"
        );
        ran.store(false, std::sync::atomic::Ordering::SeqCst);
        state.close();
        let after = ran.clone();
        state.run_beside(move || after.store(true, std::sync::atomic::Ordering::SeqCst));
        state.wait_beside();
        assert!(!ran.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn work_off_the_async_runtime_reports_a_panic_as_an_error() {
        let outcome: Result<(), ErrorReport> =
            tauri::async_runtime::block_on(blocking(|| panic!("a bug in a command")));
        assert_eq!(outcome.unwrap_err().code, "unknown");
    }
}

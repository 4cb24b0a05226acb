//! What the app holds while it runs: the open ledger, the settings, and where files live.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use daicho_core::demo::{self, DemoConfig};
use daicho_core::error::Coded;
use daicho_core::settings::Settings;
use daicho_core::{ErrorReport, Ledger};
use tauri::Manager;

/// Where settings and ledgers live. `DAICHO_DATA_DIR` replaces the OS folders (tests use it so
/// that they never touch a real user's data).
pub struct Dirs {
    pub data: PathBuf,
    pub settings_file: PathBuf,
}

impl Dirs {
    pub fn resolve(app: &tauri::AppHandle) -> Result<Dirs, tauri::Error> {
        if let Some(dir) = std::env::var_os("DAICHO_DATA_DIR").filter(|d| !d.is_empty()) {
            let data = PathBuf::from(dir);
            return Ok(Dirs {
                settings_file: data.join("settings.json"),
                data,
            });
        }
        Ok(Dirs {
            data: app.path().app_data_dir()?,
            settings_file: app.path().app_config_dir()?.join("settings.json"),
        })
    }

    pub fn default_ledger(&self) -> PathBuf {
        self.data.join("ledger.daicho")
    }

    pub fn demo_ledger(&self) -> PathBuf {
        self.data.join("demo.daicho")
    }
}

/// Which ledger to open at start, from the command line.
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
}

fn poisoned() -> ErrorReport {
    ErrorReport {
        code: "unknown".into(),
        params: [("detail".into(), "lock".into())].into(),
        fields: vec![],
    }
}

pub fn report(e: impl Coded) -> ErrorReport {
    e.report()
}

impl AppState {
    pub fn start(dirs: Dirs, launch: Launch) -> AppState {
        let mut settings = Settings::load(&dirs.settings_file);
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
        };
        let opened = match launch {
            Launch::Demo => state.open_demo(),
            Launch::Path(path) => state.open(&path),
            Launch::Remembered => match settings.ledger_path.as_deref().map(Path::new) {
                Some(path) => state.open(path),
                None => state.open_or_create(&state.dirs.default_ledger()),
            },
        };
        if let Err(e) = opened {
            if let Ok(mut slot) = state.startup_error.lock() {
                *slot = Some(e);
            }
        }
        state
    }

    pub fn take_startup_error(&self) -> Option<ErrorReport> {
        self.startup_error.lock().ok().and_then(|mut e| e.take())
    }

    pub fn settings(&self) -> Result<Settings, ErrorReport> {
        Ok(self.settings.lock().map_err(|_| poisoned())?.clone())
    }

    pub fn save_settings(&self, new: Settings) -> Result<Settings, ErrorReport> {
        new.save(&self.dirs.settings_file).map_err(report)?;
        *self.settings.lock().map_err(|_| poisoned())? = new.clone();
        if let Some(ledger) = self.ledger.lock().map_err(|_| poisoned())?.as_mut() {
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
        let ledger = guard.as_mut().ok_or_else(|| ErrorReport {
            code: "ledger.none_open".into(),
            params: Default::default(),
            fields: vec![],
        })?;
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

    fn install(&self, ledger: Ledger) -> Result<(), ErrorReport> {
        let mut settings = self.settings()?;
        let ledger = ledger.with_actor(&settings.user_name);
        settings.ledger_path = ledger.path().map(|p| p.display().to_string());
        *self.ledger.lock().map_err(|_| poisoned())? = Some(ledger);
        self.save_settings(settings)?;
        Ok(())
    }

    pub fn open(&self, path: &Path) -> Result<(), ErrorReport> {
        self.install(Ledger::open(path).map_err(report)?)
    }

    pub fn create(&self, path: &Path) -> Result<(), ErrorReport> {
        self.install(Ledger::create(path).map_err(report)?)
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
        let mut ledger = Ledger::create(&path).map_err(report)?;
        if let Err(e) = demo::generate(
            &mut ledger,
            DemoConfig {
                // A demo that looks current: follow-ups and planned visits around today.
                today: Some(chrono::Local::now().date_naive()),
                ..DemoConfig::default()
            },
        ) {
            drop(ledger);
            let _ = std::fs::remove_file(&path);
            return Err(report(e));
        }
        self.install(ledger)
    }
}

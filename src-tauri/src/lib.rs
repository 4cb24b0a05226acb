//! The Daicho desktop app: opens a ledger, holds it in [`state::AppState`], and exposes
//! daicho-core to the web UI through thin commands. The only crate that knows about Tauri.

mod bindings;
mod commands;
mod state;

pub use bindings::{builder, export_bindings, BINDINGS_PATH};

use tauri::Manager;

/// Runs the app. Command-line options: `--demo` opens the demo ledger (made on first use),
/// `--ledger PATH` opens PATH. Without them, the ledger opened last (or a new one in the
/// app-data folder) is opened.
pub fn run() {
    let builder = bindings::builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            // The OS keychain keeps ledger keys (DAICHO_KEYCHAIN=none: none, as in tests).
            daicho_core::crypto::keychain::use_from_environment();
            // As the CLI: a passphrase given in the environment opens (and protects) ledgers
            // without asking, for scripts such as the start-up measurement.
            if let Ok(passphrase) = std::env::var("DAICHO_PASSPHRASE") {
                daicho_core::crypto::keychain::offer(daicho_core::crypto::Secret::Passphrase(
                    zeroize::Zeroizing::new(passphrase),
                ));
            }
            let args: Vec<String> = std::env::args().skip(1).collect();
            let dirs = state::Dirs::from_args(&args);
            let launch = state::Launch::from_args(args.into_iter());
            app.manage(state::AppState::start(
                dirs,
                launch,
                Some(app.handle().clone()),
            ));
            // A window open for days still makes its daily backup: asked every hour.
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(std::time::Duration::from_secs(3600));
                handle.state::<state::AppState>().daily_backup_if_due();
            });
            Ok(())
        })
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|app, event| {
            // A backup or a check still reading the ledger finishes before the process ends.
            if let tauri::RunEvent::Exit = event {
                app.state::<state::AppState>().close();
            }
        }),
        Err(e) => {
            eprintln!("daicho: the window could not be opened: {e}");
            std::process::exit(1);
        }
    }
}

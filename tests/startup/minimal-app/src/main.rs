//! A minimal Tauri 2 app with a Svelte page (`ui/startup-minimal`): what any such app costs to
//! start, for `cargo xtask bench` to set Daicho's start-up beside. Its page says when it has
//! painted its list, as Daicho's does.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Printed once the page's list is on screen; the start-up measurement waits for this line.
#[tauri::command]
fn painted() {
    eprintln!("startup: painted");
}

fn main() {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("startup-minimal: {e}");
        std::process::exit(1);
    }
}

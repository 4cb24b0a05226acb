//! The Daicho window: starts the Tauri app (see `lib.rs`).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    daicho_app::run()
}

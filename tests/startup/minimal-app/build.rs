//! Tauri's build step for the minimal app: its config and page embedded.
fn main() {
    tauri_build::build()
}

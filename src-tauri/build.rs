//! Tauri's build step: the app's configuration, capabilities and icons into the binary.

fn main() {
    tauri_build::build()
}

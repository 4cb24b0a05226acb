//! Installing what the build and the tests need: Debian packages (as root), tauri-driver, npm
//! packages. Each step checks first and does nothing when everything is there.

use std::process::Command;

use crate::{run, Result};

/// WebKitGTK and friends to build the app; Xvfb, WebKitWebDriver, CJK fonts and ImageMagick
/// (screenshots of the window) to test it.
const PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "curl",
    "wget",
    "file",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "fonts-noto-cjk",
    "imagemagick",
];

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

pub fn system_packages() -> Result {
    ensure_packages(PACKAGES)
}

/// Installs whichever of `packages` are missing (as root), or says how to.
pub fn ensure_packages(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "these Debian/Ubuntu packages are missing; install them, then run this again:\n  sudo apt-get update && sudo apt-get install -y {}",
            missing.join(" ")
        ));
    }
    run(".", "apt-get", &["update", "-qq"], &[])?;
    let mut args = vec!["install", "-y", "-qq"];
    args.extend(&missing);
    run(
        ".",
        "apt-get",
        &args,
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )
}

/// tauri-driver bridges WebDriver to the app; 2.1.0 (unpinned, cargo picks a 3.0 alpha).
pub fn tauri_driver() -> Result {
    let found = Command::new("tauri-driver").arg("--help").output().is_ok();
    if found {
        return Ok(());
    }
    run(
        ".",
        "cargo",
        &["install", "tauri-driver", "--version", "2.1.0", "--locked"],
        &[],
    )
}

/// cargo-nextest, which runs the Rust tests (each in its own process: the tests share the
/// system keychain's state); a fresh machine has only cargo.
pub fn nextest() -> Result {
    let found = Command::new("cargo")
        .args(["nextest", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Ok(());
    }
    run(
        ".",
        "cargo",
        &[
            "install",
            "cargo-nextest",
            "--version",
            "0.9.143",
            "--locked",
        ],
        &[],
    )
}

/// `npm install` (not `npm ci`: the registry has no non-Linux builds of @tauri-apps/cli, so the
/// lock file lacks them and `npm ci` refuses it). Skipped when node_modules matches the lock file.
pub fn npm_install(dir: &str) -> Result {
    let root = crate::root().join(dir);
    let lock = root.join("package-lock.json");
    let stamp = root.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(l), Ok(s)) => matches!((l.modified(), s.modified()), (Ok(l), Ok(s)) if s >= l),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(dir, "npm", &["install", "--no-audit", "--no-fund"], &[])
}

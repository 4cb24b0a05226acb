//! `cargo xtask <task>`: the project's automation in one place.
//!
//! - `demo`    install what is missing, build the app, open it on the demo ledger
//! - `test`    install what is missing, run every check and test, end to end included (CI runs this)
//! - `bench`   run every benchmark (release) and rewrite the README's performance tables from
//!   their results (`cargo xtask bench list search` runs only those)
//! - `codegen` regenerate the TypeScript bindings of the app's commands
//! - `build-deb` build the .deb installer
//! - `render-reports` write every Excel report of a demo ledger in each language and render them
//!   through LibreOffice to PDF and PNG (in `target/report-renders/`) to look at the pages

mod bench;
mod setup;
mod startup;
mod tidy;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "demo" => demo(),
        "bench" => bench::bench(),
        "test" | "ci" => test(),
        "codegen" => codegen(),
        "build-deb" => build_deb(),
        "render-reports" => render_reports(),
        _ => {
            eprintln!("usage: cargo xtask <demo | test | bench [NAME…] | codegen | build-deb | render-reports>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default()
}

/// Runs a command in `dir` (relative to the repository root), failing on a non-zero exit.
pub fn run(dir: &str, program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result {
    println!("\n$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root().join(dir))
        .envs(envs.iter().copied())
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

pub fn cargo(args: &[&str], envs: &[(&str, &str)]) -> Result {
    run(".", "cargo", args, envs)
}

/// The app binary with the built UI embedded (not the dev server).
/// The flags every build here uses, `test` and `demo` alike: cargo rebuilds everything when they
/// change, so `cargo xtask demo` after `cargo xtask test` reuses the test's build.
pub const BUILD_ENV: [(&str, &str); 2] = [("RUSTFLAGS", "-D warnings"), ("CARGO_INCREMENTAL", "0")];

fn build_app(envs: &[(&str, &str)]) -> Result {
    run("ui", "npm", &["run", "build"], &[])?;
    cargo(
        &[
            "build",
            "-p",
            "daicho-app",
            "--features",
            "tauri/custom-protocol",
        ],
        envs,
    )
}

/// The minimal app's page (`ui/startup-minimal`), which `tests/startup/minimal-app` embeds.
pub fn build_minimal_page() -> Result {
    run(
        "ui",
        "npx",
        &["vite", "build", "--config", "vite.minimal.config.ts"],
        &[],
    )
}

fn demo() -> Result {
    setup::system_packages()?;
    setup::npm_install("ui")?;
    build_app(&BUILD_ENV)?;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display: run this in a desktop session (or under `xvfb-run -a`)".into());
    }
    let app = root().join("target/debug/daicho-app");
    println!("\nOpening Daicho on the demo ledger…");
    let status = Command::new(app)
        .arg("--demo")
        .status()
        .map_err(|e| format!("could not start the app: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the app exited with {status}"))
    }
}

fn test() -> Result {
    let strict = BUILD_ENV;
    setup::system_packages()?;
    setup::tauri_driver()?;
    setup::nextest()?;
    setup::npm_install("ui")?;
    setup::npm_install("tests/e2e")?;

    cargo(&["fmt", "--all", "--check"], &[])?;
    core_has_no_tauri()?;
    // The UI is built first: the app crate embeds ui/dist, the start-up yardstick
    // (tests/startup/minimal-app) its own page.
    run("ui", "npm", &["run", "build"], &[])?;
    build_minimal_page()?;
    // The benchmarks (CLI feature `bench`) are linted and their harness tested with the rest.
    cargo(
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--features",
            "daicho-cli/bench",
            "--",
            "-D",
            "warnings",
        ],
        &strict,
    )?;
    // Architecture invariant: built as shipped (no test or bench features), nothing but the core
    // can reach a ledger's SQLite connection.
    cargo(&["check", "-p", "daicho-cli", "-p", "daicho-app"], &strict)?;
    cargo(
        &[
            "nextest",
            "run",
            "--workspace",
            "--features",
            "daicho-cli/bench",
            "--no-fail-fast",
        ],
        &strict,
    )?;

    // nextest runs no doctests: the core's compile_fail examples (an id of one kind refused
    // where another is expected) run here.
    cargo(&["test", "--doc", "-p", "daicho-core"], &strict)?;

    run("ui", "npm", &["run", "check"], &[])?;
    // Prettier's formatting and ESLint's rules (TypeScript, Svelte) over the window's code.
    run("ui", "npm", &["run", "lint"], &[])?;
    run("ui", "npm", &["test"], &[])?;

    build_app(&strict)?;
    run(
        "tests/e2e",
        "xvfb-run",
        &["-a", "-s", "-screen 0 1280x800x24", "npm", "test"],
        &[],
    )?;
    println!("\nAll checks and tests passed. Screenshots: tests/e2e/artifacts/");
    Ok(())
}

/// Invariant: daicho-core never depends on tauri, wry or tao.
fn core_has_no_tauri() -> Result {
    for krate in ["tauri", "wry", "tao"] {
        let out = Command::new("cargo")
            .args([
                "tree",
                "-p",
                "daicho-core",
                "--features",
                "specta",
                "-e",
                "normal",
                "-i",
                krate,
            ])
            .current_dir(root())
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() && !out.stdout.is_empty() {
            return Err(format!(
                "daicho-core depends on {krate}:\n{}",
                String::from_utf8_lossy(&out.stdout)
            ));
        }
    }
    println!("daicho-core has no tauri, wry or tao dependency");
    Ok(())
}

fn codegen() -> Result {
    cargo(
        &[
            "test",
            "-p",
            "daicho-app",
            "--lib",
            "bindings::tests::committed_bindings_are_fresh",
        ],
        &[("UPDATE_BINDINGS", "1")],
    )?;
    println!("rewrote ui/src/lib/api/bindings.ts");
    Ok(())
}

fn build_deb() -> Result {
    setup::system_packages()?;
    setup::npm_install("ui")?;
    // The Tauri CLI runs from ui/ (its before-build command builds the UI there) and is told
    // where the app crate is.
    run(
        "ui",
        "npx",
        &["tauri", "build", "--bundles", "deb"],
        &[
            ("TAURI_APP_PATH", "../src-tauri"),
            ("TAURI_FRONTEND_PATH", "."),
            // The installed binary carries no symbol table (28 MB → 21 MB); benchmark builds
            // keep theirs, for profilers.
            ("CARGO_PROFILE_RELEASE_STRIP", "symbols"),
        ],
    )?;
    println!("\nThe installer is in target/release/bundle/deb/");
    Ok(())
}

/// Every report of a demo ledger in each language, as .xlsx, PDF (LibreOffice) and PNG pages
/// (Ghostscript), to look at what a manager prints.
fn render_reports() -> Result {
    setup::ensure_packages(&["libreoffice-calc-nogui", "ghostscript", "fonts-noto-cjk"])?;
    cargo(&["build", "--release", "-p", "daicho-cli"], &[])?;
    let out = root().join("target/report-renders");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let daicho = root().join("target/release/daicho");
    let ledger = out.join("demo.daicho");
    let as_str = |p: &Path| p.display().to_string();
    let tool = |program: &Path, args: &[&str]| -> Result {
        let status = Command::new(program)
            .args(args)
            .current_dir(&out)
            .status()
            .map_err(|e| format!("{}: {e}", program.display()))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{} {} failed", program.display(), args.join(" ")))
        }
    };
    tool(
        &daicho,
        &["demo", "--cards", "120", "--out", &as_str(&ledger)],
    )?;
    for lang in ["ja", "zh", "ko", "en"] {
        for (report, extra) in [
            ("card", vec!["--code", "C-000001", "--code", "C-000002"]),
            ("list", vec![]),
            ("history", vec![]),
            // The CLI's demo plans the week of its fixed day, 30 October 2026, and its
            // contacts lead up to that day.
            ("visits", vec!["--period", "2026-10-26..2026-11-01"]),
            ("weekly", vec!["--period", "2026-10-24..2026-10-30"]),
            ("classification", vec![]),
            ("labels", vec!["--status", "active"]),
        ] {
            let file = format!("{report}-{lang}.xlsx");
            let mut args = vec![
                "export",
                ledger.to_str().unwrap_or_default(),
                "--report",
                report,
                "--lang",
                lang,
                "--out",
                &file,
            ];
            args.extend(extra);
            tool(&daicho, &args)?;
        }
    }
    let files: Vec<String> = std::fs::read_dir(&out)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".xlsx"))
        .collect();
    let mut args = vec!["--headless", "--convert-to", "pdf"];
    args.extend(files.iter().map(String::as_str));
    tool(Path::new("soffice"), &args)?;
    for file in &files {
        let stem = file.trim_end_matches(".xlsx");
        let pattern = format!("-sOutputFile={stem}-%d.png");
        let pdf = format!("{stem}.pdf");
        tool(
            Path::new("gs"),
            &[
                "-q",
                "-dNOPAUSE",
                "-dBATCH",
                "-sDEVICE=png16m",
                "-r110",
                "-dLastPage=3",
                &pattern,
                &pdf,
            ],
        )?;
    }
    println!("\nrendered into {}", out.display());
    Ok(())
}

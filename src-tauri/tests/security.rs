//! The window's limits, read from its configuration: a change that lets a script from a
//! customer's text run, loads anything from outside, or gives the page a new power fails here.

use std::collections::{BTreeMap, BTreeSet};

fn config() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json"))
        .unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

/// The Content-Security-Policy as directive → sources.
fn csp() -> BTreeMap<String, Vec<String>> {
    let config = config();
    let text = config["app"]["security"]["csp"]
        .as_str()
        .unwrap_or_default();
    text.split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

#[test]
fn no_script_runs_but_the_apps_own_and_nothing_loads_from_outside() {
    let csp = csp();
    assert_eq!(
        csp.get("default-src"),
        Some(&vec!["'self'".to_owned()]),
        "{csp:?}"
    );
    assert_eq!(
        csp.get("script-src"),
        Some(&vec!["'self'".to_owned()]),
        "no inline script, no eval: {csp:?}"
    );
    for none in ["object-src", "base-uri", "frame-src", "form-action"] {
        assert_eq!(
            csp.get(none),
            Some(&vec!["'none'".to_owned()]),
            "{none}: {csp:?}"
        );
    }
    for (directive, sources) in &csp {
        for source in sources {
            assert!(
                !source.contains("unsafe-eval") && !source.contains('*'),
                "{directive} allows {source}"
            );
            assert!(
                !(source.starts_with("http") || source.starts_with("ws"))
                    || source == "http://ipc.localhost",
                "{directive} loads from {source}"
            );
            if source == "'unsafe-inline'" {
                assert_eq!(
                    directive, "style-src",
                    "only styles may be inline (Svelte's style attributes)"
                );
            }
        }
    }
    assert_ne!(
        config()["app"]["withGlobalTauri"],
        true,
        "the page gets Tauri's API only through the app's own code"
    );
}

#[test]
fn the_window_has_only_the_powers_it_needs() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/capabilities/default.json"
    ))
    .unwrap_or_default();
    let capability: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let granted: BTreeSet<&str> = capability["permissions"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p.as_str()).collect())
        .unwrap_or_default();
    // The file dialogs, closing the window, zooming itself (Ctrl+= / Ctrl+-), and Tauri's core
    // defaults. Opening files and links is done by the app's own command, for reports it wrote
    // (no opener or shell permission).
    let allowed: BTreeSet<&str> = [
        "core:default",
        "dialog:allow-open",
        "dialog:allow-save",
        "dialog:allow-ask",
        "core:window:allow-destroy",
        "core:webview:allow-set-webview-zoom",
    ]
    .into();
    assert_eq!(granted, allowed);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities");
    let files: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(files, ["default.json"], "no other capability file");
}

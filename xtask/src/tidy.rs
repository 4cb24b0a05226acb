//! Habits the compiler does not check, checked by `cargo test` (rust-analyzer's tidy test is the
//! model): landed migrations are never edited, every Rust file says what it is for, and every
//! message key the code asks for is in all four catalogues.

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use sha2::{Digest, Sha256};

    /// Every migration that has landed, with the SHA-256 of its text. A landed migration is never
    /// edited (ledgers out there ran it as it was); a new one is appended here with its hash.
    const LANDED: &[(&str, &str)] = &[
        (
            "0001_cards.sql",
            "2baa26c5261aa1a65d86ecbde80ea678dcb3e53a91ed25fe459646f244cce268",
        ),
        (
            "0002_contacts.sql",
            "d1e48dd51c5a1f59f506dd1deebd6e833296140e2e80447bcf0eaa9fe24c70a6",
        ),
        (
            "0003_intel_visits.sql",
            "d0c7722991a65d928792cf43f8a9c446a9763f301855dddc8f19075548f6df07",
        ),
        (
            "0004_competition.sql",
            "a207d9c9a757ff183de728237274798826db69c2b0181e6172625f4283f4e976",
        ),
        (
            "0005_transactions_classes.sql",
            "c213276f5364524ab7ad1d955ea0b5e43ca2cd81ecca159af41229097c4f7fee",
        ),
        (
            "0006_handover.sql",
            "0f1d556ab9514319ff396b0434ac9ed30cc83710c147e319dccf9c03180ebd37",
        ),
        (
            "0007_search.sql",
            "32632ab05b97297554fe60b7555f0ac4f3246420ecc852848a52c63d7a3d7d73",
        ),
        (
            "0008_sort_batches.sql",
            "504155281844362b484c1027e11db9513184a011be5cd3bbfaa406317382e950",
        ),
        (
            "0009_list_indexes.sql",
            "43af6a8550a26368e630ccac5975bfe5140893c84704bedfb452c7e8be98875a",
        ),
        (
            "0010_copies_log.sql",
            "97ac6e795ec6822ea1755138a1d1ae4948fe54d56a878a0a768eec49cf160e95",
        ),
        (
            "0011_handed_over.sql",
            "02aba5187156be3ffe85cc8f7cc5a9a6851ce389f2b89999fc4fd4400f5eee2d",
        ),
        (
            "0012_receipts.sql",
            "163e88bb76803f8f4b556ead75e697c4e2e3cc0dd349943f1e2520fc7a625d2a",
        ),
        (
            "0013_names.sql",
            "642afc5005e5798ebe927c7410310aa7d8ff80e9fd2f56cddf948b085baffcf3",
        ),
        (
            "0014_list_status_completeness.sql",
            "a7f51287e2978a7f04aa4132908406f03e28ac275e5912357a005d5a03c2a367",
        ),
        (
            "0015_classify_facts.sql",
            "59b4ccb1200eb6d17caa1b584feea2c0428dfffba3e834707efdc432040deba9",
        ),
        (
            "0016_import_records.sql",
            "ab1750bb267702ebe4c7b9639ce1ef98c1385604c07ce45d39cde473016eb0cd",
        ),
        (
            "0017_lending.sql",
            "70e1210c582fe5d3ff5965e0c2cb8a51269b7edeac7af09605412841b5ebea57",
        ),
        (
            "0018_reminders.sql",
            "515f43ee140462bd8dc1b54129aedbd65d03cc44688e0ed417d2455e74485986",
        ),
        (
            "0019_appointments_messaging_daily.sql",
            "98afd06c857054921692fa28e2fe2254af3bf6d79b2500ea675f079b8b07853d",
        ),
        (
            "0020_card_checks.sql",
            "08e6b3095b3d302b6fe5ea00c0d3e4e12ac691bfb165c6c7e0b472801fb079ee",
        ),
        (
            "0021_sales_plans_territory.sql",
            "514f5d7debf3daa6b5bec443f8ad88f0e758ecb00a2aa7a99ab0eadafaf87951",
        ),
        (
            "0022_note_situation_sales_index.sql",
            "136e036e92fcb4cfbeb8587a0cfc7b1ce62475a0aa75f62be6d21ac730220226",
        ),
        (
            "0023_cost_and_links.sql",
            "9508233ac8f532af04585c0a363b47b3dff76f8b256a60dcf36708b9a8147142",
        ),
        (
            "0024_payments.sql",
            "a03ec5e6ed35a82507d872e7c6031f77c876566af70acb9ea29083f2498fc5ef",
        ),
        (
            "0025_custom_fields.sql",
            "7e818fb23a69d10e8e0b3329c098c8960afce3420662159ee34260d47bbfb6c6",
        ),
        (
            "0026_startup_indexes.sql",
            "b68324d59a81693f57d43b0c30a762fbf35daaa34d52ab3804d14002158d4a07",
        ),
        (
            "0027_korean_sort.sql",
            "68172db5d52090c17097a1b9c147d06577d7ed22f0a8ec5ae206583c6d5587a1",
        ),
    ];

    fn root() -> PathBuf {
        crate::root()
    }

    /// Files under `dir` (recursively) whose name ends with one of `endings`, skipping build
    /// output and installed packages.
    fn files(dir: &Path, endings: &[&str]) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut todo = vec![dir.to_owned()];
        while let Some(dir) = todo.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if path.is_dir() {
                    if !matches!(name.as_str(), "target" | "node_modules" | "dist" | "gen") {
                        todo.push(path);
                    }
                } else if endings.iter().any(|e| name.ends_with(e)) {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn landed_migrations_are_never_edited_and_new_ones_are_appended() {
        let dir = root().join("crates/daicho-core/src/db/migrations");
        let on_disk: Vec<String> = files(&dir, &[".sql"])
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let landed: Vec<String> = LANDED.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(
            on_disk, landed,
            "a migration was removed, renamed or added without its hash in LANDED"
        );
        for (name, hash) in LANDED {
            let text = std::fs::read(dir.join(name)).unwrap_or_default();
            let found: String = Sha256::digest(&text)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(
                &found, hash,
                "{name} was edited after it landed: write a new migration instead"
            );
        }
    }

    #[test]
    fn every_rust_file_says_what_it_is_for() {
        let mut silent = Vec::new();
        for dir in [
            "crates",
            "src-tauri/src",
            "src-tauri/tests",
            "xtask/src",
            "tests/startup",
        ] {
            for file in files(&root().join(dir), &[".rs"]) {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                let first = text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty() && !l.starts_with("#!") && !l.starts_with("#["));
                if !first.is_some_and(|l| l.starts_with("//!")) {
                    silent.push(
                        file.strip_prefix(root())
                            .unwrap_or(&file)
                            .display()
                            .to_string(),
                    );
                }
            }
        }
        assert!(
            silent.is_empty(),
            "start these with a //! line on what they are for: {silent:#?}"
        );
    }

    /// Architecture invariant: only the core runs SQL on a ledger, so every change goes
    /// through `Ledger::write` (one transaction, the card's history with it). The compiler keeps
    /// it where `raw-access` is off; this keeps it in the code that is built with it: the
    /// commands, the CLI outside its benchmarks.
    #[test]
    fn nothing_outside_the_core_reaches_for_the_ledgers_connection() {
        let mut reaching = Vec::new();
        for dir in ["src-tauri/src", "crates/daicho-cli/src"] {
            for file in files(&root().join(dir), &[".rs"]) {
                let relative = file.strip_prefix(root()).unwrap_or(&file).to_owned();
                if relative.starts_with("crates/daicho-cli/src/bench") {
                    continue;
                }
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                if text.contains(".connection()") {
                    reaching.push(relative.display().to_string());
                }
            }
        }
        assert!(
            reaching.is_empty(),
            "these run SQL past the core; give the core an operation instead: {reaching:#?}"
        );
    }

    /// The toolchain is honest: the workspace's `rust-version` is at least what every package in
    /// the build asks for, and every member declares it (so clippy's `incompatible_msrv` holds
    /// our own code to it).
    #[test]
    fn the_declared_rust_version_builds_everything() {
        // The packages this machine builds: a fresh cargo home holds no other platform's
        // (android_system_properties…), and `--offline` must not need them.
        let rustc = std::process::Command::new("rustc")
            .arg("-vV")
            .output()
            .expect("rustc -vV");
        let host = String::from_utf8_lossy(&rustc.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
            .expect("rustc names its host");
        let out = std::process::Command::new(env!("CARGO"))
            .args(["metadata", "--format-version", "1", "--offline"])
            .args(["--filter-platform", &host])
            .current_dir(root())
            .output()
            .expect("cargo metadata");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
        let version =
            |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
        let members: Vec<&str> = meta["workspace_members"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m.as_str())
            .collect();
        let mut ours = None;
        let mut needed = (Vec::new(), String::new());
        for package in meta["packages"].as_array().into_iter().flatten() {
            let id = package["id"].as_str().unwrap_or_default();
            let name = package["name"].as_str().unwrap_or_default();
            let declared = package["rust_version"].as_str();
            if members.contains(&id) {
                let declared =
                    declared.unwrap_or_else(|| panic!("{name} declares no rust-version"));
                assert!(
                    ours.is_none_or(|o| o == declared),
                    "{name}: {declared}, not {ours:?}"
                );
                ours = Some(declared);
            } else if let Some(v) = declared {
                if version(v) > needed.0 {
                    needed = (version(v), format!("{name} {v}"));
                }
            }
        }
        let ours = ours.expect("workspace members");
        assert!(
            version(ours) >= needed.0,
            "rust-version {ours} is older than {} needs",
            needed.1
        );
    }

    /// The message keys written literally as `t("key"` (the window, and the core's reports) or
    /// `message(lang, "key"` (the CLI) in `text`.
    fn keys_asked(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for opener in ["t(\"", "message(lang, \""] {
            let mut rest = text;
            while let Some(at) = rest.find(opener) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + opener.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue; // another function whose name ends in `t`
                }
                let Some(end) = rest.find('"') else { break };
                let key = &rest[..end];
                let plain = key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
                if plain && key.contains('.') {
                    keys.push(key.to_owned());
                }
            }
        }
        keys
    }

    #[test]
    fn every_message_key_asked_for_is_in_all_four_catalogues() {
        let catalogues: Vec<(String, BTreeSet<String>)> = ["en", "ja", "zh", "ko"]
            .iter()
            .map(|lang| {
                let path = root().join(format!("ui/messages/{lang}.json"));
                let json: serde_json::Value =
                    serde_json::from_slice(&std::fs::read(&path).unwrap_or_default())
                        .unwrap_or_default();
                let keys = json
                    .as_object()
                    .map(|o| o.keys().cloned().collect())
                    .unwrap_or_default();
                (lang.to_string(), keys)
            })
            .collect();
        assert!(catalogues.iter().all(|(_, keys)| keys.len() > 100));
        let mut missing = BTreeSet::new();
        let sources = files(&root().join("ui/src"), &[".svelte", ".ts"])
            .into_iter()
            .chain(files(&root().join("crates"), &[".rs"]))
            .chain(files(&root().join("src-tauri/src"), &[".rs"]));
        for file in sources {
            let name = file.to_string_lossy();
            if name.ends_with(".test.ts") || name.contains("/tests/") {
                continue; // tests may ask for a key that does not exist, to see what happens
            }
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for key in keys_asked(&text) {
                for (lang, keys) in &catalogues {
                    if !keys.contains(&key) {
                        missing.insert(format!("{lang}: {key}"));
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from a catalogue: {missing:#?}"
        );
    }

    #[test]
    fn keys_are_read_from_calls_and_not_from_other_functions() {
        let text = r#"t("card.name") + ctx.t("report.list.title") + format!("x.y") + at("a.b")
            + i18n::message(lang, "handover.given_none", &x) + t(`dyn.${x}`) + t("Plain words")"#;
        assert_eq!(
            keys_asked(text),
            ["card.name", "report.list.title", "handover.given_none"]
        );
    }
}

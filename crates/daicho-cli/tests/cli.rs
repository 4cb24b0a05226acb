#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The `daicho` command as a script uses it: exit codes, output, errors in the user's language.

mod common;
use common::{daicho, open_db, signer_in, stderr, stdout, succeeds, use_test_passphrase};

#[test]
fn init_demo_and_stats() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.daicho");
    let demo = dir.path().join("demo.daicho");
    assert!(daicho(&["init", empty.to_str().unwrap()], "C")
        .status
        .success());
    succeeds(&[
        "demo",
        "--cards",
        "40",
        "--seed",
        "5",
        "--out",
        demo.to_str().unwrap(),
    ]);

    let stats = daicho(&["stats", demo.to_str().unwrap(), "--json"], "C");
    assert!(stats.status.success());
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(json["cards"], 40);
    assert_eq!(json["integrity"], "ok");
    assert!(json["notes"].as_u64().unwrap() > 0, "notes are counted");
    assert!(json["planned_visits"].is_u64());
    assert_eq!(
        json["cards_by_kind"]["organisation"].as_u64().unwrap()
            + json["cards_by_kind"]["individual"].as_u64().unwrap(),
        40
    );

    let stats = daicho(&["stats", empty.to_str().unwrap()], "C");
    assert!(String::from_utf8_lossy(&stats.stdout).contains("cards            0"));
}

#[test]
fn refuses_to_overwrite_and_to_open_foreign_files_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "メモ").unwrap();

    let init = daicho(&["init", notes.to_str().unwrap()], "en_US.UTF-8");
    assert!(!init.status.success());
    assert!(String::from_utf8_lossy(&init.stderr).contains("already exists"));

    let stats = daicho(&["stats", notes.to_str().unwrap()], "ja_JP.UTF-8");
    assert!(!stats.status.success());
    assert!(String::from_utf8_lossy(&stats.stderr).contains("台帳ファイルではありません"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "メモ");
}

#[test]
fn classify_keeps_the_classes_prints_the_lists_with_reasons_and_refuses_a_bad_period() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let file = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "60", "--out", file], "C")
        .status
        .success());

    let json = succeeds(&[
        "classify",
        file,
        "--period",
        "2025-11-01..2026-10-31",
        "--json",
    ]);
    let out: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let cards = out["classification"]["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 60);
    assert_eq!(out["classification"]["from"], "2025-11-01");
    assert!(cards.iter().any(|c| c["abc"] == "a"));
    // The same period again: nothing moves.
    let again = daicho(
        &[
            "classify",
            file,
            "--period",
            "2025-11-01..2026-10-31",
            "--json",
        ],
        "C",
    );
    let again: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(again["changed"], 0);

    let text = daicho(
        &[
            "classify",
            file,
            "--period",
            "2025-11-01..2026-10-31",
            "--dry-run",
        ],
        "ja_JP.UTF-8",
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("重点顧客") && text.contains("問題顧客"),
        "{text}"
    );

    let bad = daicho(
        &["classify", file, "--period", "2026-12-31..2026-01-01"],
        "en_US.UTF-8",
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("period"));
}

#[test]
fn export_writes_a_handout_in_the_chosen_language_and_refuses_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let file = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "30", "--out", file], "C")
        .status
        .success());
    let list = dir.path().join("list.xlsx");
    let out = succeeds(&[
        "export",
        file,
        "--report",
        "list",
        "--lang",
        "ja",
        "--status",
        "active",
        "--out",
        list.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("rows"));
    assert!(std::fs::metadata(&list).unwrap().len() > 1000);

    let cards = dir.path().join("cards.xlsx");
    let out = succeeds(&[
        "export",
        file,
        "--report",
        "card",
        "--code",
        "C-000001",
        "--code",
        "C-000002",
        "--out",
        cards.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(2 rows)"));

    let none = dir.path().join("none.xlsx");
    let out = daicho(
        &[
            "export",
            file,
            "--report",
            "list",
            "--text",
            "no such customer",
            "--out",
            none.to_str().unwrap(),
        ],
        "ja_JP.UTF-8",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("該当するデータがない"));
    assert!(!none.exists());
}

#[test]
fn handover_moves_a_portfolio_between_ledgers_once_and_refuses_a_damaged_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let (from, to) = (dir.path().join("from.daicho"), dir.path().join("to.daicho"));
    assert!(daicho(
        &["demo", "--cards", "30", "--out", from.to_str().unwrap()],
        "C"
    )
    .status
    .success());
    assert!(daicho(&["init", to.to_str().unwrap()], "C")
        .status
        .success());
    let owner = "田中 美咲";
    let bundle = dir.path().join("tanaka.daicho-handover");
    let report = dir.path().join("handover.xlsx");
    let exported = succeeds(&[
        "handover",
        "export",
        from.to_str().unwrap(),
        "--owner",
        owner,
        "--to",
        "後任",
        "--out",
        bundle.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(report.exists());

    let dry = daicho(
        &[
            "handover",
            "take-over",
            to.to_str().unwrap(),
            bundle.to_str().unwrap(),
            "--dry-run",
        ],
        "C",
    );
    assert!(dry.status.success());
    assert!(String::from_utf8_lossy(&dry.stdout).contains("new"));
    let stats = |l: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&daicho(&["stats", l.to_str().unwrap(), "--json"], "C").stdout)
            .unwrap()
    };
    assert_eq!(stats(&to)["cards"], 0, "a dry run writes nothing");

    // Not taken over before the successor confirms who signed it (as the report says).
    let signer = signer_in(&exported);
    let unconfirmed = daicho(
        &[
            "handover",
            "take-over",
            to.to_str().unwrap(),
            bundle.to_str().unwrap(),
        ],
        "ja_JP.UTF-8",
    );
    assert_eq!(unconfirmed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unconfirmed.stderr).contains(&signer));
    assert_eq!(stats(&to)["cards"], 0);
    let forged = daicho(
        &[
            "handover",
            "take-over",
            to.to_str().unwrap(),
            bundle.to_str().unwrap(),
            "--signer",
            "0000 0000 0000 0000 0000 0000 0000 0000",
        ],
        "C",
    );
    assert_eq!(forged.status.code(), Some(1));
    // Without the passphrase the colleague gave, it does not open.
    let locked = common::command("C")
        .env_remove("DAICHO_HANDOVER_PASSPHRASE")
        .args([
            "handover",
            "take-over",
            to.to_str().unwrap(),
            bundle.to_str().unwrap(),
            "--signer",
            &signer,
        ])
        .output()
        .unwrap();
    assert_eq!(locked.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&locked.stderr).contains("passphrase"));

    succeeds(&[
        "handover",
        "import", // the spelling of earlier versions still works
        to.to_str().unwrap(),
        bundle.to_str().unwrap(),
        "--signer",
        &signer,
    ]);
    let moved = stats(&to)["cards"].as_u64().unwrap();
    assert!(moved > 0);
    let second = daicho(
        &[
            "handover",
            "take-over",
            to.to_str().unwrap(),
            bundle.to_str().unwrap(),
            "--signer",
            &signer,
        ],
        "C",
    );
    assert!(String::from_utf8_lossy(&second.stdout).contains("nothing changed"));
    assert_eq!(stats(&to)["cards"].as_u64().unwrap(), moved);

    let broken = dir.path().join("broken.daicho-handover");
    let bytes = std::fs::read(&bundle).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() / 3]).unwrap();
    let refused = daicho(
        &[
            "handover",
            "take-over",
            to.to_str().unwrap(),
            broken.to_str().unwrap(),
        ],
        "en_US.UTF-8",
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Nothing was taken over"));

    // The successor's signed receipt goes back; then the leaving ledger removes the cards.
    let taken_over = String::from_utf8_lossy(&second.stdout).into_owned();
    let take_over_id = taken_over
        .lines()
        .find_map(|l| l.strip_prefix("take-over "))
        .and_then(|l| l.split(':').next())
        .unwrap();
    let receipt = dir.path().join("back.daicho-receipt");
    succeeds(&[
        "handover",
        "receipt",
        to.to_str().unwrap(),
        take_over_id,
        "--out",
        receipt.to_str().unwrap(),
    ]);
    let given: serde_json::Value = serde_json::from_slice(
        &succeeds(&["handover", "given", from.to_str().unwrap(), "--json"]).stdout,
    )
    .unwrap();
    let bundle_id = given[0]["bundle_id"].as_str().unwrap().to_owned();
    let early = daicho(
        &["handover", "remove", from.to_str().unwrap(), &bundle_id],
        "ja_JP.UTF-8",
    );
    assert_eq!(early.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&early.stderr).contains("受領書"));
    let before = stats(&from)["cards"].as_u64().unwrap();
    succeeds(&[
        "handover",
        "received",
        from.to_str().unwrap(),
        receipt.to_str().unwrap(),
    ]);
    let removed = succeeds(&["handover", "remove", from.to_str().unwrap(), &bundle_id]);
    assert!(String::from_utf8_lossy(&removed.stdout).contains(&format!("{moved} cards")));
    assert_eq!(stats(&from)["cards"].as_u64().unwrap(), before - moved);
    assert_eq!(stats(&to)["cards"].as_u64().unwrap(), moved);
}

#[test]
fn handover_takes_the_cards_chosen_by_code_or_filter_and_names_their_owners() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from.daicho");
    let path = from.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "30", "--out", path], "C")
        .status
        .success());
    let bundle = dir.path().join("two.daicho-handover");
    let out = succeeds(&[
        "handover",
        "export",
        path,
        "--code",
        "C-000001",
        "--code",
        "C-000002",
        "--to",
        "後任",
        "--out",
        bundle.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(2 cards,"));
    let to = dir.path().join("to.daicho");
    assert!(daicho(&["init", to.to_str().unwrap()], "C")
        .status
        .success());
    let dry = daicho(
        &[
            "handover",
            "take-over",
            to.to_str().unwrap(),
            bundle.to_str().unwrap(),
            "--dry-run",
        ],
        "C",
    );
    let said = String::from_utf8_lossy(&dry.stdout);
    assert!(said.contains("→ 後任 (2 cards)"), "{said}");
    assert!(
        !said.starts_with(" →"),
        "the previous owners are named: {said}"
    );
    let taken = daicho(
        &[
            "--as",
            "後任 花子",
            "handover",
            "take-over",
            to.to_str().unwrap(),
            bundle.to_str().unwrap(),
            "--signer",
            &signer_in(&out),
        ],
        "C",
    );
    assert!(
        taken.status.success(),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    let authors: Vec<String> = open_db(&to)
        .prepare(
            "SELECT DISTINCT actor FROM card_history WHERE field = 'owner' AND new_value = '後任'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        authors,
        ["後任 花子"],
        "history says who took the cards over"
    );

    let active = dir.path().join("active.daicho-handover");
    let out = daicho(
        &[
            "handover",
            "export",
            path,
            "--status",
            "active",
            "--to",
            "後任",
            "--out",
            active.to_str().unwrap(),
        ],
        "C",
    );
    assert!(out.status.success());
    let stats: serde_json::Value =
        serde_json::from_slice(&daicho(&["stats", path, "--json"], "C").stdout).unwrap();
    let written = String::from_utf8_lossy(&out.stdout);
    assert!(
        written.contains(&format!(
            "({} cards,",
            stats["cards_by_status"]["active"].as_u64().unwrap()
        )),
        "{written} {stats}"
    );

    let unknown = daicho(
        &[
            "handover",
            "export",
            path,
            "--code",
            "C-999999",
            "--to",
            "後任",
            "--out",
            bundle.to_str().unwrap(),
        ],
        "C",
    );
    assert!(!unknown.status.success());
    let nothing = daicho(
        &["handover", "export", path, "--to", "後任", "--out", "x"],
        "C",
    );
    assert!(!nothing.status.success(), "some cards must be chosen");
    let both = daicho(
        &[
            "handover", "export", path, "--code", "C-000001", "--tag", "紹介", "--to", "後任",
            "--out", "x",
        ],
        "C",
    );
    assert!(
        !both.status.success(),
        "codes and filters are not mixed silently"
    );
}

#[test]
fn search_prints_the_same_ranked_results_as_the_window_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "60", "--out", path], "C")
        .status
        .success());
    let json = daicho(&["search", path, "株式会社", "--limit", "5", "--json"], "C");
    assert!(json.status.success());
    let found: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let cards = found["cards"].as_array().unwrap();
    assert!(!cards.is_empty() && cards.len() <= 5);
    // What the window's box gets for the same query, in the same order.
    use_test_passphrase();
    let ledger = daicho_core::Ledger::open(&demo).unwrap();
    let window = ledger.search("株式会社", 5).unwrap();
    let ids: Vec<&str> = cards.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let window_ids: Vec<&str> = window.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, window_ids);
    drop(ledger);

    let text = daicho(&["search", path, "株式会社", "--limit", "5"], "ja_JP.UTF-8");
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.starts_with("顧客 (5+)"), "{out}");
    assert!(out.contains("【株式会社】"), "matches are marked: {out}");
    let none = daicho(&["search", path, "該当なしの言葉"], "en_US.UTF-8");
    assert_eq!(
        String::from_utf8_lossy(&none.stdout).trim(),
        "Nothing found."
    );
    let missing = daicho(&["search", "/nonexistent/x.daicho", "a"], "en_US.UTF-8");
    assert!(!missing.status.success());
}

/// A script reads the exit code: 0 when every row came in, 3 when rows were refused (the others
/// imported) or nothing was imported, 1 when the command failed and changed nothing. The report
/// goes to stderr; stdout holds the id to undo with, or the JSON.
#[test]
fn import_says_by_its_exit_code_when_rows_were_refused_or_nothing_came_in() {
    use common::{stderr, stdout};
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("mine.daicho");
    succeeds(&["init", ledger.to_str().unwrap()]);
    let ledger = ledger.to_str().unwrap();
    // As a Japanese sales system exports it: 区分 holds 法人/個人; one row has no name.
    let list = dir.path().join("得意先.csv");
    std::fs::write(
        &list,
        "得意先コード,得意先名,区分,TEL\n\
         T001,株式会社青葉商事,法人,03-3541-2210\n\
         T002,山田 太郎,個人,090-1234-5678\n\
         T003,,法人,045-201-7788\n\
         T004,北斗精機株式会社,法人,011-222-3344\n",
    )
    .unwrap();
    let list = list.to_str().unwrap();
    let dry = daicho(&["import", ledger, list, "--dry-run"], "C");
    assert_eq!(dry.status.code(), Some(3), "{}", stderr(&dry));
    let out = daicho(&["import", ledger, list], "ja_JP.UTF-8");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let report = stderr(&out);
    assert!(report.contains("1 行は取り込めませんでした"), "{report}");
    assert!(report.contains("取り込んだのは 3 行"), "{report}");
    assert!(
        stdout(&out).lines().count() == 1,
        "only the undo id: {}",
        stdout(&out)
    );
    // The same list again: every row is a likely duplicate or refused, nothing comes in.
    let again = daicho(&["import", ledger, list, "--json"], "C");
    assert_eq!(again.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(json["incomplete"]["code"], "import.rows_refused");
    assert_eq!(json["incomplete"]["params"]["imported"], "0");
    // A clean list: exit 0; only duplicates: nothing imported, exit 3.
    let clean = dir.path().join("clean.csv");
    std::fs::write(&clean, "会社名,電話番号\n株式会社みなと,03-1111-2222\n").unwrap();
    let clean = clean.to_str().unwrap();
    let ok = daicho(&["import", ledger, clean], "C");
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let twice = daicho(&["import", ledger, clean], "C");
    assert_eq!(twice.status.code(), Some(3));
    assert!(
        stderr(&twice).contains("Nothing was imported"),
        "{}",
        stderr(&twice)
    );
    // A command that fails changes nothing and exits 1.
    let missing = daicho(&["import", ledger, "/nonexistent/list.csv"], "C");
    assert_eq!(missing.status.code(), Some(1));
}

/// A fresh demo lives today: this week's visits are planned (the visit plan exports), and
/// `--market` gives one market's customers; a day or market it cannot read is refused.
#[test]
fn a_fresh_demo_lives_today_in_the_market_asked_for() {
    use common::{stderr, stdout};
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("kr.daicho");
    let file = demo.to_str().unwrap();
    succeeds(&["demo", "--cards", "40", "--market", "kr", "--out", file]);
    let visits = dir.path().join("visits.xlsx");
    succeeds(&[
        "export",
        file,
        "--report",
        "visits",
        "--out",
        visits.to_str().unwrap(),
    ]);
    let found = succeeds(&["search", file, "(주)", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert!(
        !json["cards"].as_array().unwrap().is_empty(),
        "{}",
        stdout(&found)
    );
    let japanese = daicho(&["search", file, "株式会社"], "C");
    assert!(
        !stdout(&japanese).contains("株式会社"),
        "{}",
        stdout(&japanese)
    );
    // The same seed, day and market give the same ledger.
    let again = dir.path().join("again.daicho");
    let twice = dir.path().join("twice.daicho");
    for out in [&again, &twice] {
        succeeds(&[
            "demo",
            "--cards",
            "20",
            "--today",
            "2027-03-10",
            "--market",
            "jp",
            "--out",
            out.to_str().unwrap(),
        ]);
    }
    let names = |f: &std::path::Path| {
        stdout(&succeeds(&[
            "search",
            f.to_str().unwrap(),
            "株式会社",
            "--limit",
            "20",
        ]))
    };
    assert_eq!(names(&again), names(&twice));
    let bad = daicho(
        &[
            "demo",
            "--today",
            "10/03/2027",
            "--out",
            dir.path().join("x.daicho").to_str().unwrap(),
        ],
        "C",
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
    let bad = daicho(
        &[
            "demo",
            "--market",
            "fr",
            "--out",
            dir.path().join("y.daicho").to_str().unwrap(),
        ],
        "C",
    );
    assert!(
        stderr(&bad).contains("jp, cn, kr, en or all"),
        "{}",
        stderr(&bad)
    );
    assert!(!dir.path().join("x.daicho").exists() && !dir.path().join("y.daicho").exists());
}

#[test]
fn export_all_takes_everything_out_and_import_all_brings_it_back_into_a_new_ledger_only() {
    use common::stdout;
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let file = demo.to_str().unwrap();
    succeeds(&["demo", "--cards", "30", "--seed", "2", "--out", file]);
    let stats = |f: &std::path::Path| {
        let out = succeeds(&["stats", f.to_str().unwrap(), "--json"]);
        let mut json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // The copies log differs by the export itself; file sizes by layout.
        for key in ["copies", "bytes", "file_bytes", "integrity"] {
            json.as_object_mut().unwrap().remove(key);
        }
        json
    };
    for form in ["xlsx", "zip", "json"] {
        let out = dir.path().join(format!("all.{form}"));
        let written = succeeds(&["export-all", file, "--out", out.to_str().unwrap(), "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&written.stdout).unwrap();
        assert_eq!(json["form"], form);
        let into = dir.path().join(format!("back-{form}.daicho"));
        let restored = succeeds(&[
            "import-all",
            out.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
        ]);
        assert!(stdout(&restored).contains("cards"), "{}", stdout(&restored));
        assert_eq!(stats(&into), stats(&demo), "{form}");
        // Never over an existing file unless asked, and never into a ledger with cards.
        let again = daicho(&["export-all", file, "--out", out.to_str().unwrap()], "C");
        assert!(!again.status.success());
        let twice = daicho(
            &["import-all", out.to_str().unwrap(), "--into", file],
            "en_US.UTF-8",
        );
        assert!(!twice.status.success());
        assert!(String::from_utf8_lossy(&twice.stderr).contains("already holds cards"));
    }
}

#[test]
fn import_names_the_export_it_recognised_and_joins_people_to_their_company() {
    use common::{stderr, stdout};
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("mine.daicho");
    succeeds(&["init", ledger.to_str().unwrap()]);
    let csv = dir.path().join("Contacts.csv");
    std::fs::write(
        &csv,
        "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Job Title,Company Name,Street Address,City,State/Region,Postal Code,Country/Region,Contact owner,Lifecycle Stage,Create Date\n\
         51234,Priya,Sharma,priya@fabrikam.example,+1 312 555 0170,,Head of Operations,Fabrikam Inc,200 E Randolph St,Chicago,IL,60601,United States,Jamie Lee,Opportunity,2025-06-02 11:03\n\
         51235,Tom,Baker,tom@fabrikam.example,+1 312 555 0171,,Buyer,Fabrikam Inc,200 E Randolph St,Chicago,IL,60601,United States,Jamie Lee,Opportunity,2025-06-03 10:00\n",
    )
    .unwrap();
    let done = daicho(
        &["import", ledger.to_str().unwrap(), csv.to_str().unwrap()],
        "ja_JP.UTF-8",
    );
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stderr(&done).contains("認識した形式：HubSpot コンタクトエクスポート"),
        "{}",
        stderr(&done)
    );
    let found = succeeds(&["search", ledger.to_str().unwrap(), "Fabrikam", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(
        json["cards"].as_array().unwrap().len(),
        1,
        "{}",
        stdout(&found)
    );
}

#[test]
fn import_all_sheets_of_a_workbook_in_one_step_and_name_the_sheet_left_out() {
    use common::stderr;
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("mine.daicho");
    succeeds(&["init", ledger.to_str().unwrap()]);
    let book_path = dir.path().join("顧客管理.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheets: [(&str, &[&[&str]]); 3] = [
        (
            "売上",
            &[
                &["伝票日付", "得意先コード", "商品名", "金額"],
                &["2026/09/30", "K-0001", "精密ベアリング", "120000"],
            ],
        ),
        (
            "顧客一覧",
            &[
                &["顧客コード", "会社名", "電話番号"],
                &["K-0001", "株式会社青葉精機", "03-1234-5678"],
            ],
        ),
        ("メモ", &[&["入力のしかた"], &["1社1行"]]),
    ];
    for (name, rows) in sheets {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(&book_path).unwrap();
    let (l, b) = (ledger.to_str().unwrap(), book_path.to_str().unwrap());
    // One sheet by name: only its rows.
    let one = daicho(&["import", l, b, "--sheet", "顧客一覧", "--dry-run"], "C");
    assert!(one.status.success(), "{}", stderr(&one));
    let done = daicho(&["import", l, b, "--all-sheets"], "ja_JP.UTF-8");
    assert!(done.status.success(), "{}", stderr(&done));
    let said = stderr(&done);
    assert!(
        said.contains("── 顧客一覧 ──") && said.contains("── 売上 ──"),
        "{said}"
    );
    assert!(
        said.contains("読み込まなかったシート") && said.contains("メモ"),
        "{said}"
    );
    let raw = common::open_db(&ledger);
    let (cards, sales): (i64, i64) = raw
        .query_row(
            "SELECT (SELECT count(*) FROM cards), (SELECT count(*) FROM transactions)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (cards, sales),
        (1, 1),
        "the sale found the card the other sheet made"
    );
}

#[test]
fn reminders_list_what_comes_up_marks_one_done_and_refuse_a_reminder_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "120", "--out", path], "C")
        .status
        .success());
    let list = |days: &str| -> Vec<serde_json::Value> {
        let out = daicho(&["reminders", path, "--days", days, "--json"], "C");
        assert!(out.status.success(), "{}", stderr(&out));
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        found["items"].as_array().unwrap().clone()
    };
    let items = list("60");
    let kinds: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["kind"].as_str().unwrap()).collect();
    for kind in [
        "birthday",
        "contract_renewal",
        "decision_meeting",
        "greeting",
    ] {
        assert!(kinds.contains(kind), "the demo brings a {kind}: {kinds:?}");
    }
    let birthday = items.iter().find(|i| i["kind"] == "birthday").unwrap();
    let key = [
        "birthday",
        birthday["subject"].as_str().unwrap(),
        birthday["on"].as_str().unwrap(),
    ];
    let done = daicho(&["reminders", path, "--done", key[0], key[1], key[2]], "C");
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(!list("60").contains(birthday), "done for this year");
    let undo = daicho(&["reminders", path, "--undo", key[0], key[1], key[2]], "C");
    assert!(undo.status.success(), "{}", stderr(&undo));
    assert!(list("60").contains(birthday), "open again");

    let text = daicho(&["reminders", path, "--days", "60"], "ja_JP.UTF-8");
    let out = String::from_utf8_lossy(&text.stdout);
    assert!(out.starts_with("リマインダー（"), "{out}");
    assert!(out.contains("誕生日"), "{out}");

    let nothing = daicho(
        &[
            "reminders",
            path,
            "--done",
            "birthday",
            "no-such-card",
            "2026-12-01",
        ],
        "en_US.UTF-8",
    );
    assert_eq!(nothing.status.code(), Some(1), "a script sees the refusal");
    assert!(
        stderr(&nothing).contains("no longer exists"),
        "{}",
        stderr(&nothing)
    );
    let odd = daicho(
        &["reminders", path, "--done", "holiday", "x", "2026-12-01"],
        "en_US.UTF-8",
    );
    assert_eq!(odd.status.code(), Some(1));
}

#[test]
fn the_daily_report_and_the_weeks_calendar_file_come_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    // A Thursday: the week's Monday to Wednesday visits were made and logged.
    assert!(daicho(
        &[
            "demo",
            "--cards",
            "200",
            "--out",
            path,
            "--today",
            "2026-12-03",
            "--market",
            "jp"
        ],
        "C"
    )
    .status
    .success());
    let report = |day: &str| -> serde_json::Value {
        let out = daicho(&["daily", path, "--day", day, "--json"], "C");
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let tuesday = report("2026-12-01");
    assert!(tuesday["visits_planned"].as_u64().unwrap() > 0, "{tuesday}");
    assert!(!tuesday["contacts"].as_array().unwrap().is_empty());

    let reviewed = daicho(
        &[
            "daily",
            path,
            "--day",
            "2026-12-01",
            "--review-by",
            "佐藤 課長",
            "--comment",
            "確認しました",
        ],
        "ja_JP.UTF-8",
    );
    assert!(reviewed.status.success(), "{}", stderr(&reviewed));
    let text = String::from_utf8_lossy(&reviewed.stdout);
    assert!(text.starts_with("日報"), "{text}");
    assert!(
        text.contains("佐藤 課長") && text.contains("確認しました"),
        "{text}"
    );
    assert_eq!(report("2026-12-01")["review"]["reviewer"], "佐藤 課長");
    let nobody = daicho(
        &["daily", path, "--day", "2026-12-01", "--review-by", " "],
        "C",
    );
    assert_eq!(nobody.status.code(), Some(1), "a script sees the refusal");
    assert_eq!(
        report("2026-12-01")["review"]["reviewer"],
        "佐藤 課長",
        "unchanged"
    );

    let xlsx = dir.path().join("daily.xlsx");
    let out = daicho(
        &[
            "export",
            path,
            "--report",
            "daily",
            "--day",
            "2026-12-01",
            "--lang",
            "ko",
            "--out",
            xlsx.to_str().unwrap(),
        ],
        "C",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(xlsx.exists());

    let ics = dir.path().join("week.ics");
    let out = daicho(
        &[
            "export",
            path,
            "--report",
            "ics",
            // The demo's week (its today is 2026-12-03), whatever day the test runs on.
            "--period",
            "2026-11-30..2026-12-06",
            "--out",
            ics.to_str().unwrap(),
        ],
        "C",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let calendar = std::fs::read_to_string(&ics).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR"));
    assert!(calendar.contains("STATUS:CONFIRMED") && calendar.contains("STATUS:TENTATIVE"));
    // The file is there now: a second export refuses to write over it.
    let again = daicho(
        &[
            "export",
            path,
            "--report",
            "ics",
            // The demo's week (its today is 2026-12-03), whatever day the test runs on.
            "--period",
            "2026-11-30..2026-12-06",
            "--out",
            ics.to_str().unwrap(),
        ],
        "C",
    );
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn a_superior_records_a_card_check_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "20", "--out", path], "C")
        .status
        .success());
    let out = daicho(
        &[
            "card-check",
            path,
            "--code",
            "C-000001",
            "--by",
            "Morgan Lee",
            "--comment",
            "Update the titles",
            "--json",
        ],
        "C",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let checks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(checks[0]["checker"], "Morgan Lee");
    assert_eq!(checks[0]["comment"], "Update the titles");
    let nobody = daicho(
        &["card-check", path, "--code", "C-000001", "--by", " "],
        "C",
    );
    assert_eq!(
        nobody.status.code(),
        Some(1),
        "a check without a name is refused"
    );
    let unknown = daicho(&["card-check", path, "--code", "C-999999"], "C");
    assert_eq!(unknown.status.code(), Some(1));
}

/// The sales plan from a script: a line set, the plan printed in the rep's language, a plan
/// sheet with a bad row refused with exit 1 and nothing saved; and what to propose to a customer.
#[test]
fn the_sales_plan_is_set_printed_and_imported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "30", "--out", path], "C")
        .status
        .success());
    let months = ["100000"; 12].join(",");
    let set = daicho(
        &[
            "plan",
            path,
            "--first-month",
            "4",
            "--year",
            "2026",
            "--set",
            "territory",
            "--key",
            "東京北",
            "--months",
            &months,
            "--json",
        ],
        "C",
    );
    assert!(set.status.success(), "{}", stderr(&set));
    let plan: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(plan["first_month"], 4);
    let line = plan["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "東京北")
        .expect("the line set");
    assert_eq!(line["year_plan"], 1_200_000);
    let text = daicho(&["plan", path, "--year", "2026"], "ja_JP.UTF-8");
    assert!(
        stdout(&text).contains("2026年度 販売計画"),
        "{}",
        stdout(&text)
    );
    assert!(stdout(&text).contains("東京北"));

    let sheet = dir.path().join("plan.csv");
    let heads: Vec<String> = (0..12)
        .map(|i| format!("2026-{:02}", i + 1))
        .chain(["means".to_owned()])
        .collect();
    std::fs::write(
        &sheet,
        format!(
            "scope,key,{}\nterritory,東京北,{}\nbranch,大阪,{}\n",
            heads[..12].join(","),
            ["1"; 12].join(","),
            ["1"; 12].join(",")
        ),
    )
    .unwrap();
    // A calendar-year sheet against an April ledger is not a plan of one of its years.
    let wrong = daicho(&["plan", path, "--import", sheet.to_str().unwrap()], "C");
    assert_eq!(wrong.status.code(), Some(1), "{}", stdout(&wrong));
    let april: Vec<String> = (0..12)
        .map(|i| {
            let m = 3 + i;
            format!("{}-{:02}", 2026 + m / 12, m % 12 + 1)
        })
        .collect();
    std::fs::write(
        &sheet,
        format!(
            "scope,key,{}\nterritory,東京北,{}\nbranch,大阪,{}\n",
            april.join(","),
            ["1"; 12].join(","),
            ["1"; 12].join(",")
        ),
    )
    .unwrap();
    let refused = daicho(&["plan", path, "--import", sheet.to_str().unwrap()], "C");
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    assert!(stdout(&refused).contains("Row 3"), "{}", stdout(&refused));
    let after = daicho(&["plan", path, "--year", "2026", "--json"], "C");
    let plan: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let line = plan["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "東京北")
        .unwrap();
    assert_eq!(
        line["year_plan"], 1_200_000,
        "the good row was not saved either"
    );

    let hints = daicho(&["hints", path, "--code", "C-000001", "--json"], "C");
    assert!(hints.status.success(), "{}", stderr(&hints));
    assert!(serde_json::from_slice::<serde_json::Value>(&hints.stdout)
        .unwrap()
        .is_array());
}

#[test]
fn customers_are_linked_from_the_command_line_and_a_refused_link_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "30", "--out", path], "C")
        .status
        .success());
    let set = daicho(
        &[
            "links",
            path,
            "--code",
            "C-000003",
            "--set",
            "branch_of",
            "--to",
            "C-000002",
            "--note",
            "大阪支店",
            "--json",
        ],
        "C",
    );
    assert!(set.status.success(), "{}", stderr(&set));
    let links: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(links["branch_of"]["code"], "C-000002");
    assert_eq!(links["branch_of"]["note"], "大阪支店");
    let members = links["group"]["members"].as_array().unwrap();
    assert_eq!(members[0]["card"]["code"], "C-000002");

    let text = daicho(&["links", path, "--code", "C-000002"], "ja_JP.UTF-8");
    assert!(text.status.success(), "{}", stderr(&text));
    assert!(stdout(&text).contains("グループ全体"), "{}", stdout(&text));
    assert!(stdout(&text).contains("C-000003"));

    // The other way round would make a loop: refused, with a non-zero exit and nothing changed.
    let looped = daicho(
        &[
            "links",
            path,
            "--code",
            "C-000002",
            "--set",
            "branch_of",
            "--to",
            "C-000003",
        ],
        "C",
    );
    assert!(!looped.status.success());
    assert!(stderr(&looped).contains("circle"), "{}", stderr(&looped));
    let cleared = daicho(
        &[
            "links",
            path,
            "--code",
            "C-000003",
            "--clear",
            "branch_of",
            "--json",
        ],
        "C",
    );
    assert!(cleared.status.success(), "{}", stderr(&cleared));
    let links: serde_json::Value = serde_json::from_slice(&cleared.stdout).unwrap();
    assert!(links["branch_of"].is_null());
}

#[test]
fn a_part_payment_is_recorded_from_the_command_line_and_more_than_is_owed_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "30", "--out", path], "C")
        .status
        .success());
    // The first card with a sale still owed and an invoice number.
    let (code, invoice, owed) = (1..=30)
        .find_map(|n| {
            let code = format!("C-{n:06}");
            let out = daicho(&["payment", path, "--code", &code, "--json"], "C");
            let list: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
            let open = list.as_array()?.iter().find(|o| {
                o["sale"]["outstanding"].as_i64().unwrap_or(0) > 1
                    && o["sale"]["fields"]["invoice_no"] != ""
            })?;
            Some((
                code,
                open["sale"]["fields"]["invoice_no"].as_str()?.to_owned(),
                open["sale"]["outstanding"].as_i64()?,
            ))
        })
        .expect("a card owing money");
    let half = (owed / 2).to_string();
    let paid = daicho(
        &[
            "payment",
            path,
            "--code",
            &code,
            "--invoice",
            &invoice,
            "--amount",
            &half,
            "--on",
            "2099-01-01",
            "--method",
            "振込",
            "--json",
        ],
        "C",
    );
    assert!(paid.status.success(), "{}", stderr(&paid));
    let list: serde_json::Value = serde_json::from_slice(&paid.stdout).unwrap();
    let sale = list
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["sale"]["fields"]["invoice_no"] == invoice.as_str())
        .unwrap();
    assert_eq!(
        sale["sale"]["outstanding"].as_i64().unwrap(),
        owed - owed / 2
    );
    assert!(sale["payments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["fields"]["paid_on"] == "2099-01-01" && p["fields"]["method"] == "振込"));
    // More than is still owed, or a sale that is not there: refused with a non-zero exit.
    let over = daicho(
        &[
            "payment",
            path,
            "--code",
            &code,
            "--invoice",
            &invoice,
            "--amount",
            &owed.to_string(),
            "--on",
            "2099-01-02",
        ],
        "C",
    );
    assert!(!over.status.success());
    let missing = daicho(
        &[
            "payment",
            path,
            "--code",
            &code,
            "--invoice",
            "NO-SUCH",
            "--amount",
            "1",
            "--on",
            "2099-01-02",
        ],
        "C",
    );
    assert!(!missing.status.success());
}

#[test]
fn fields_of_your_own_are_defined_set_and_exported_from_the_command_line_and_a_misfit_exits_non_zero(
) {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "30", "--out", path], "C")
        .status
        .success());
    // The demo's fields, in the ledger's main language.
    let listed = daicho(&["fields", path, "--json"], "C");
    assert!(listed.status.success(), "{}", stderr(&listed));
    let fields: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let labels: Vec<&str> = fields
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["取引口座", "保有台数", "契約更新日", "搬入条件"]);

    let added = daicho(
        &[
            "fields",
            path,
            "--add",
            "訪問曜日",
            "--kind",
            "choice",
            "--choices",
            "月,火,水",
            "--in-list",
        ],
        "C",
    );
    assert!(added.status.success(), "{}", stderr(&added));
    // A choice field without choices is refused.
    let empty = daicho(&["fields", path, "--add", "区分", "--kind", "choice"], "C");
    assert!(!empty.status.success());

    let set = daicho(
        &[
            "fields",
            path,
            "--code",
            "C-000001",
            "--set",
            "訪問曜日=水",
            "--set",
            "保有台数=１，２００",
            "--json",
        ],
        "C",
    );
    assert!(set.status.success(), "{}", stderr(&set));
    let values: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    let value = |label: &str| {
        values
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["label"] == label)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("訪問曜日"), "水");
    assert_eq!(value("保有台数"), "1200");

    // Not a number: refused, non-zero exit, and nothing of the same call written.
    let bad = daicho(
        &[
            "fields",
            path,
            "--code",
            "C-000001",
            "--set",
            "訪問曜日=月",
            "--set",
            "保有台数=たくさん",
        ],
        "C",
    );
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("保有台数"), "{}", stderr(&bad));
    let now = daicho(&["fields", path, "--code", "C-000001"], "C");
    assert!(stdout(&now).contains("訪問曜日\t水"), "{}", stdout(&now));

    // The customer list of the cards a field selects, with the list's columns of own fields.
    let out = dir.path().join("list.xlsx");
    let exported = daicho(
        &[
            "export",
            path,
            "--report",
            "list",
            "--lang",
            "en",
            "--field",
            "訪問曜日=水",
            "--out",
            out.to_str().unwrap(),
        ],
        "C",
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    assert!(
        stdout(&exported).contains("(1 rows)"),
        "{}",
        stdout(&exported)
    );

    let deleted = daicho(&["fields", path, "--delete", "訪問曜日"], "C");
    assert!(deleted.status.success(), "{}", stderr(&deleted));
    let gone = daicho(&["fields", path, "--delete", "訪問曜日"], "C");
    assert!(!gone.status.success());
}

#[test]
fn a_competitors_customers_are_listed_the_least_satisfied_first_and_an_unknown_competitor_exits_non_zero(
) {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "120", "--out", path], "C")
        .status
        .success());
    let out = daicho(
        &[
            "competitor",
            path,
            "--name",
            "アルファ事務機株式会社",
            "--json",
        ],
        "C",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let users: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = users["users"].as_array().unwrap();
    assert!(
        !list.is_empty(),
        "the demo's customers use the rival's products"
    );
    let satisfaction: Vec<i64> = list
        .iter()
        .filter_map(|u| u["satisfaction"].as_i64())
        .collect();
    let mut sorted = satisfaction.clone();
    sorted.sort();
    assert_eq!(satisfaction, sorted, "the least satisfied first");
    let unknown = daicho(&["competitor", path, "--name", "どこにもない社"], "C");
    assert!(!unknown.status.success());
}

#[test]
fn one_meeting_is_logged_with_several_customers_and_an_unknown_code_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.daicho");
    let path = demo.to_str().unwrap();
    assert!(daicho(&["demo", "--cards", "20", "--out", path], "C")
        .status
        .success());
    // The contacts the search finds by the meeting's purpose.
    let count = || -> usize {
        let out = daicho(&["search", path, "取引先会議 2099", "--json"], "C");
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        found["contacts"].as_array().map_or(0, Vec::len)
    };
    let logged = daicho(
        &[
            "contact",
            path,
            "--code",
            "C-000001",
            "--code",
            "C-000002",
            "--code",
            "C-000003",
            "--kind",
            "meeting",
            "--at",
            "2099-01-15T14:00",
            "--purpose",
            "取引先会議 2099",
        ],
        "C",
    );
    assert!(logged.status.success(), "{}", stderr(&logged));
    assert_eq!(stdout(&logged).trim(), "3");
    assert_eq!(count(), 3);
    // One code the ledger does not have: refused, and none of the others is written.
    let refused = daicho(
        &[
            "contact",
            path,
            "--code",
            "C-000004",
            "--code",
            "C-999999",
            "--kind",
            "meeting",
            "--at",
            "2099-01-16T14:00",
            "--purpose",
            "取引先会議 2099",
        ],
        "C",
    );
    assert!(!refused.status.success());
    assert_eq!(count(), 3);
}

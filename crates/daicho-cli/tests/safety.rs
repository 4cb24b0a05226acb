#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Nothing lost: careless paths, backups and restores, a closed pipe, a full disk and a second
//! Daicho on the same ledger, as a rep and a script meet them.

mod common;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use common::{daicho, open_db, stderr, stdout, succeeds};

fn demo(dir: &Path, name: &str, cards: &str) -> PathBuf {
    let path = dir.join(name);
    succeeds(&["demo", "--cards", cards, "--out", path.to_str().unwrap()]);
    path
}

fn cards(ledger: &Path) -> u64 {
    let out = succeeds(&["stats", ledger.to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["integrity"], "ok");
    json["cards"].as_u64().unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_mistyped_out_never_destroys_the_ledger_or_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path(), "mine.daicho", "30");
    let file = ledger.to_str().unwrap();
    // The first opening of the day backs the ledger up and logs that backup in it; from then
    // on, a refused command leaves every byte of the ledger as it was.
    assert_eq!(cards(&ledger), 30);
    let before = std::fs::read(&ledger).unwrap();

    // The ledger itself as --out: refused (with --force too), in the user's language.
    for force in [false, true] {
        let mut args = vec!["export", file, "--report", "list", "--out", file];
        if force {
            args.push("--force");
        }
        let out = daicho(&args, "ja_JP.UTF-8");
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains("台帳ファイルです"),
            "{}",
            stderr(&out)
        );
        let out = daicho(
            &[
                "handover",
                "export",
                file,
                "--owner",
                "田中 美咲",
                "--to",
                "後任",
                "--out",
                file,
            ],
            "C",
        );
        assert!(!out.status.success(), "{}", stdout(&out));
    }
    // Another ledger dressed as a report is still a ledger.
    let other = dir.path().join("list.xlsx");
    std::fs::copy(&ledger, &other).unwrap();
    let out = daicho(
        &[
            "export",
            file,
            "--report",
            "list",
            "--out",
            other.to_str().unwrap(),
            "--force",
        ],
        "C",
    );
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&ledger).unwrap(), before);
    assert_eq!(cards(&ledger), 30);

    // An earlier report is kept unless --force says to replace it.
    let report = dir.path().join("report.xlsx");
    std::fs::write(&report, "last week's report").unwrap();
    let args = [
        "export",
        file,
        "--report",
        "list",
        "--out",
        report.to_str().unwrap(),
    ];
    let out = daicho(&args, "en_US.UTF-8");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "last week's report"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    succeeds(&forced);
    assert_ne!(std::fs::read(&report).unwrap(), b"last week's report");

    // init and demo never take a used name.
    for args in [
        vec!["init", file],
        vec!["demo", "--cards", "5", "--out", file],
    ] {
        assert!(!daicho(&args, "C").status.success());
    }
    assert_eq!(cards(&ledger), 30);
    // Everything written is the user's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for path in [&ledger, &report] {
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{} is {mode:o}", path.display());
        }
    }
}

#[test]
fn backups_are_listed_checked_and_restored_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path(), "mine.daicho", "40");
    let file = ledger.to_str().unwrap();
    let made = succeeds(&["backup", file]);
    let backup = stdout(&made).trim().to_owned();
    assert!(Path::new(&backup).exists());
    let to_dir = dir.path().join("stick");
    let on_stick = stdout(&succeeds(&[
        "backup",
        file,
        "--to",
        to_dir.to_str().unwrap(),
    ]));
    assert!(on_stick.trim().starts_with(to_dir.to_str().unwrap()));

    let list: serde_json::Value =
        serde_json::from_slice(&succeeds(&["backups", file, "--json"]).stdout).unwrap();
    let list = list.as_array().unwrap();
    assert!(list.iter().any(|b| b["backup"]["reason"] == "manual"));
    assert!(list.iter().all(|b| b["check"]["ok"] == true));
    assert_eq!(list[0]["check"]["counts"]["cards"], 40);
    let text = stdout(&daicho(&["backups", file], "ja_JP.UTF-8"));
    assert!(
        text.contains("手動") && text.contains("カード 40件"),
        "{text}"
    );

    // Work after the backup, then restore: the ledger is as backed up, and the ledger as it
    // was before the restore is itself kept.
    succeeds(&[
        "init",
        dir.path().join("unrelated.daicho").to_str().unwrap(),
    ]);
    let csv = dir.path().join("more.csv");
    std::fs::write(&csv, "会社名,電話番号\n株式会社あとから,03-9999-0000\n").unwrap();
    succeeds(&["import", file, csv.to_str().unwrap()]);
    assert_eq!(cards(&ledger), 41);
    let restored = stdout(&succeeds(&["restore", &backup, "--to", file]));
    assert_eq!(cards(&ledger), 40);
    let previous = restored.lines().next().unwrap();
    assert!(previous.contains("_restore"), "{restored}");
    let check = succeeds(&["check", previous, "--json"]);
    let check: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(check["counts"]["cards"], 41, "the restore can be undone");

    // A backup cut short is found out, with exit code 1, in the user's language.
    let cut = dir.path().join("cut.daicho");
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let out = daicho(&["check", cut.to_str().unwrap()], "ko_KR.UTF-8");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("손상"), "{}", stderr(&out));
    let out = daicho(&["restore", cut.to_str().unwrap(), "--to", file], "C");
    assert!(!out.status.success());
    assert_eq!(cards(&ledger), 40);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo.daicho");
    // The reader is gone before anything is printed, as with `daicho … | head -0`.
    let child = common::command("C")
        .args(["demo", "--cards", "20", "--out", out.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = child;
    drop(child.stdout.take());
    let done = child.wait_with_output().unwrap();
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(!stderr(&done).contains("panicked"), "{}", stderr(&done));
    assert!(out.exists());
}

#[test]
fn a_second_writer_waits_then_says_who_is_in_the_way() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path(), "mine.daicho", "10");
    // Another program holds the ledger's write lock for the whole test.
    let holder = open_db(&ledger);
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let csv = dir.path().join("more.csv");
    std::fs::write(&csv, "会社名\n株式会社まつ\n").unwrap();
    let out = daicho(
        &["import", ledger.to_str().unwrap(), csv.to_str().unwrap()],
        "zh_CN.UTF-8",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("正在使用此台账"), "{}", stderr(&out));
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(cards(&ledger), 10);
}

/// A filesystem of `kib` KiB mounted for the test, unmounted when dropped. None where the test
/// may not mount one (not root): the disk-full cases then run in the core's tests only.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &Path, kib: u32) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| SmallDisk(at.to_owned()))
    }

    /// Fills what is left with a file, so that the next write finds the disk full.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).and_then(|()| f.sync_all()).is_ok() {}
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_says_so_and_leaves_nothing_half_made() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(&dir.path().join("small"), 8192) else {
        eprintln!("no tmpfs could be mounted here (not root): the core's disk-full tests stand");
        return;
    };
    let small = disk.0.clone();
    // A demo that does not fit: an error that says the disk is full, and no file at all.
    let demo_path = small.join("demo.daicho");
    let out = daicho(
        &[
            "demo",
            "--cards",
            "3000",
            "--out",
            demo_path.to_str().unwrap(),
        ],
        "ja_JP.UTF-8",
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("ディスクがいっぱい"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("disk is full"), "{}", stderr(&out));
    assert!(files_in(&small).is_empty(), "{:?}", files_in(&small));

    // A healthy ledger on a disk that then fills up.
    let ledger = demo(&small, "mine.daicho", "20");
    let file = ledger.to_str().unwrap();
    let backup = stdout(&succeeds(&["backup", file])).trim().to_owned();
    disk.fill();
    let before = files_in(&small);
    let stats = daicho(&["stats", file], "ja_JP.UTF-8");
    assert!(!stderr(&stats).contains("破損"), "{}", stderr(&stats));

    let report = small.join("list.xlsx");
    let out = daicho(
        &[
            "export",
            file,
            "--report",
            "list",
            "--out",
            report.to_str().unwrap(),
        ],
        "ja_JP.UTF-8",
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("ディスクがいっぱい"),
        "{}",
        stderr(&out)
    );
    let out = daicho(
        &[
            "handover",
            "export",
            file,
            "--owner",
            "田中 美咲",
            "--to",
            "後任",
            "--out",
            small.join("h.daicho-handover").to_str().unwrap(),
            "--report",
            small.join("h.xlsx").to_str().unwrap(),
        ],
        "en_US.UTF-8",
    );
    assert!(!out.status.success());
    assert!(!stderr(&out).contains("ZipWriter"), "{}", stderr(&out));
    let out = daicho(
        &["backup", file, "--to", small.to_str().unwrap()],
        "ko_KR.UTF-8",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("디스크가 가득"), "{}", stderr(&out));
    let out = daicho(&["restore", &backup, "--to", file], "zh_CN.UTF-8");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("磁盘已满"), "{}", stderr(&out));
    // SQLite's own -wal and -shm beside the ledger may stay (they are the ledger's, and go
    // at its next opening); no report, bundle or backup was left, whole or half.
    let ours = |names: Vec<String>| -> Vec<String> {
        names
            .into_iter()
            .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
            .collect()
    };
    assert_eq!(
        ours(files_in(&small)),
        ours(before),
        "nothing half-made was left"
    );

    // Space again: the ledger is whole and nothing was lost.
    std::fs::remove_file(small.join("filler")).unwrap();
    assert_eq!(cards(&ledger), 20);
}

#[test]
fn a_name_cannot_disguise_itself_or_steer_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("mine.daicho");
    succeeds(&["init", ledger.to_str().unwrap()]);
    let csv = dir.path().join("list.csv");
    // U+202E turns the rest of the name around on screen: "evil…exe.jpg" would read as a photo.
    std::fs::write(&csv, "会社名\nevil\u{202E}gpj.exe商事\n").unwrap();
    succeeds(&["import", ledger.to_str().unwrap(), csv.to_str().unwrap()]);
    let text = stdout(&succeeds(&["search", ledger.to_str().unwrap(), "evil"]));
    assert!(text.contains("【evil】<U+202E>gpj.exe商事"), "{text}");
    assert!(!text.contains('\u{202E}'), "{text}");
    let json = succeeds(&["search", ledger.to_str().unwrap(), "evil", "--json"]);
    assert!(!stdout(&json).contains('\u{202E}'));
    let parsed: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let name: String = parsed["cards"][0]["name"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        name, "evil\u{202E}gpj.exe商事",
        "a script reads the name as it is"
    );
}

#[test]
fn the_copies_log_lists_every_report_and_backup_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("mine.daicho");
    let list = dir.path().join("active.xlsx");
    let l = ledger.to_str().unwrap();
    succeeds(&["demo", "--out", l, "--cards", "30"]);
    let empty = daicho(&["log", l], "ja_JP.UTF-8");
    assert!(empty.status.success());
    assert!(
        stdout(&empty).contains("まだ何も持ち出されていません"),
        "{}",
        stdout(&empty)
    );
    succeeds(&[
        "--as",
        "鈴木 一郎",
        "export",
        l,
        "--report",
        "list",
        "--status",
        "active",
        "--out",
        list.to_str().unwrap(),
    ]);
    let sticks = dir.path().join("stick");
    std::fs::create_dir(&sticks).unwrap();
    succeeds(&["backup", l, "--to", sticks.to_str().unwrap()]);

    // Newest first: the backup to the stick, the report, and the day's first backup that
    // opening the ledger for the report made.
    let ja = stdout(&daicho(&["log", l], "ja_JP.UTF-8"));
    let lines: Vec<&str> = ja.lines().collect();
    assert_eq!(lines.len(), 3, "{ja}");
    assert!(
        lines[0].contains("バックアップ")
            && lines[0].contains("手動")
            && lines[0].contains("stick"),
        "{ja}"
    );
    assert!(
        lines[1].contains("帳票")
            && lines[1].contains("顧客一覧")
            && lines[1].contains("鈴木 一郎")
            && lines[1].contains("状態: 取引中")
            && lines[1].contains("active.xlsx"),
        "{ja}"
    );
    assert!(
        lines[2].contains("毎日") && lines[2].contains("30件"),
        "{ja}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&succeeds(&["log", l, "--json"]))).unwrap();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[1]["kind"], "report");
    assert_eq!(entries[1]["what"], "list");
    assert_eq!(entries[1]["actor"], "鈴木 一郎");
    assert_eq!(entries[0]["kind"], "backup");
    assert_eq!(entries[0]["cards"], 30);
}

#[test]
fn erase_deletes_a_contact_and_leaves_only_the_fact_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path(), "mine.daicho", "20");
    let file = ledger.to_str().unwrap();
    let id: String = open_db(&ledger)
        .query_row(
            "SELECT id FROM contacts WHERE content <> '' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let out = daicho(&["erase", file, "--contact", &id], "ja_JP.UTF-8");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("内容を消去しました"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("バックアップ"),
        "the backups that keep it are named"
    );
    let conn = open_db(&ledger);
    let (contacts, fields): (i64, String) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM contacts WHERE id = ?1),
                    (SELECT group_concat(field || ':' || coalesce(old_value, '') || coalesce(new_value, ''))
                       FROM card_history WHERE entity_id = ?1)",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((contacts, fields.as_str()), (0, "erased:"));
    // Unknown: refused with exit 1; the three targets exclude each other.
    assert!(!daicho(&["erase", file, "--contact", &id], "C")
        .status
        .success());
    assert!(!daicho(&["erase", file, "--note", "x", "--trash"], "C")
        .status
        .success());
    let out = succeeds(&["erase", file, "--trash"]);
    assert!(stdout(&out).contains("0 cards"), "{}", stdout(&out));
}

#[test]
fn handed_over_cards_are_listed_and_a_handover_can_be_withdrawn() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = demo(dir.path(), "mine.daicho", "30");
    let file = ledger.to_str().unwrap();
    let bundle = dir.path().join("lent.daicho-handover");
    succeeds(&[
        "handover",
        "export",
        file,
        "--owner",
        "田中 美咲",
        "--to",
        "代理",
        "--lend",
        "--out",
        bundle.to_str().unwrap(),
    ]);
    let given: serde_json::Value =
        serde_json::from_str(&stdout(&succeeds(&["handover", "given", file, "--json"]))).unwrap();
    let given = given.as_array().unwrap();
    assert_eq!(given.len(), 1);
    assert_eq!(given[0]["lent"], true);
    assert_eq!(given[0]["to_owner"], "代理");
    let bundle_id = given[0]["bundle_id"].as_str().unwrap().to_owned();
    let cards = given[0]["cards"].as_u64().unwrap();
    assert!(cards > 0);
    // The cards cannot be changed here meanwhile, whoever writes: open_db writes as any program
    // would (with the functions the search index's triggers call).
    let raw = open_db(&ledger);
    daicho_core::search::register_functions(&raw).unwrap();
    let e = raw
        .execute("UPDATE cards SET notes = 'x' WHERE owner = '田中 美咲'", [])
        .unwrap_err();
    assert_eq!(
        daicho_core::error::storage_code(&e),
        "card.handed_over",
        "{e:?}"
    );
    let ja = stdout(&daicho(&["handover", "given", file], "ja_JP.UTF-8"));
    assert!(ja.contains("貸し出し") && ja.contains("代理"), "{ja}");
    let out = succeeds(&["handover", "withdraw", file, &bundle_id]);
    assert!(
        stdout(&out).contains(&format!("{cards} cards")),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&daicho(&["handover", "given", file], "C")).contains("No card"));
    assert!(!daicho(&["handover", "withdraw", file, &bundle_id], "C")
        .status
        .success());
}

#[test]
fn lent_cards_come_back_and_a_value_both_changed_is_kept_as_the_owner_says() {
    let dir = tempfile::tempdir().unwrap();
    let mine = demo(dir.path(), "mine.daicho", "30");
    let theirs = dir.path().join("theirs.daicho");
    succeeds(&["init", theirs.to_str().unwrap()]);
    let (mine_s, theirs_s) = (mine.to_str().unwrap(), theirs.to_str().unwrap());
    let until = (chrono::Local::now().date_naive() + chrono::Days::new(14)).to_string();
    let lent = dir.path().join("lent.daicho-handover");
    let out = succeeds(&[
        "handover",
        "export",
        mine_s,
        "--owner",
        "田中 美咲",
        "--to",
        "代理",
        "--lend",
        "--until",
        &until,
        "--out",
        lent.to_str().unwrap(),
    ]);
    let given: serde_json::Value =
        serde_json::from_str(&stdout(&succeeds(&["handover", "given", mine_s, "--json"]))).unwrap();
    assert_eq!(given[0]["until"].as_str(), Some(until.as_str()));
    let taken = succeeds(&[
        "handover",
        "take-over",
        theirs_s,
        lent.to_str().unwrap(),
        "--signer",
        &common::signer_in(&out),
    ]);
    assert!(
        stdout(&taken).contains(&format!("lent until {until}")),
        "{}",
        stdout(&taken)
    );

    // The owner came back early and changed a card; so did the colleague, differently.
    let bundle = given[0]["bundle_id"].as_str().unwrap().to_owned();
    succeeds(&["handover", "withdraw", mine_s, &bundle]);
    let id: String = open_db(&mine)
        .query_row(
            "SELECT id FROM cards WHERE owner = '田中 美咲' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for (ledger, notes) in [(&mine, "本人のメモ"), (&theirs, "代理のメモ")] {
        let raw = open_db(ledger);
        daicho_core::search::register_functions(&raw).unwrap();
        raw.execute("UPDATE cards SET notes = ?2 WHERE id = ?1", [&id, notes])
            .unwrap();
    }
    let back = dir.path().join("back.daicho-handover");
    let out = succeeds(&[
        "handover",
        "export",
        theirs_s,
        "--owner",
        "代理",
        "--to",
        "田中 美咲",
        "--out",
        back.to_str().unwrap(),
    ]);
    let signer = common::signer_in(&out);
    let take = |extra: &[&str]| {
        let mut args = vec![
            "handover",
            "take-over",
            mine_s,
            back.to_str().unwrap(),
            "--signer",
            &signer,
        ];
        args.extend_from_slice(extra);
        daicho(&args, "C")
    };
    let dry = take(&["--dry-run"]);
    assert!(
        stdout(&dry).contains("returning")
            && stdout(&dry).contains("本人のメモ\tcolleague: 代理のメモ"),
        "{}",
        stdout(&dry)
    );
    // Without a choice for the value both changed, nothing is taken and the exit code says so.
    let refused = take(&[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("choose"), "{}", stderr(&refused));
    let notes = || -> String {
        open_db(&mine)
            .query_row("SELECT notes FROM cards WHERE id = ?1", [&id], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(notes(), "本人のメモ");
    let done = take(&["--keep", "theirs"]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(stdout(&done).contains("came back"), "{}", stdout(&done));
    assert_eq!(notes(), "代理のメモ");
    assert!(stdout(&daicho(&["handover", "given", mine_s], "C")).contains("No card"));
}

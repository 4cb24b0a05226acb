//! Handing a portfolio over: round trip with nothing lost, duplicates merged as chosen, a
//! tampered or truncated bundle refused before anything is written, a second take-over that
//! changes nothing, and an undo that restores the ledger exactly.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use age::secrecy::SecretString;

use daicho_core::demo::{generate, DemoConfig};
use daicho_core::error::{Coded, HandoverError};
use daicho_core::handover::{
    CardChoice, Choice, HandoverSelection, PreviewStatus, TakeOverRequest,
};
use daicho_core::ids::CardId;
use daicho_core::Ledger;

use crate::{ledger, organisation};

/// A rep's ledger from the demo and the owner whose cards move.
pub fn predecessor() -> (Ledger, String) {
    let mut l = ledger();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    generate(
        &mut l,
        DemoConfig {
            cards: 60,
            seed: 4,
            today: Some(day),
            ..DemoConfig::default()
        },
    )
    .unwrap();
    let owner: String = l
        .connection()
        .query_row(
            "SELECT owner FROM cards GROUP BY owner ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (l, owner)
}

/// Every row of every table but the take-over records, as text.
/// Every table's rows, sorted; the search indexes as the terms they hold (their storage differs
/// after an insert and a delete, what they answer does not).
pub fn dump(l: &Ledger) -> BTreeMap<String, Vec<String>> {
    for fts in ["card_fts", "contact_fts", "note_fts"] {
        l.connection()
            .execute_batch(&format!(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.{fts}_terms USING fts5vocab(main, {fts}, instance)"
            ))
            .unwrap();
    }
    let tables: Vec<String> = l
        .connection()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'handover_%' AND name NOT LIKE 'take_over%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'
                  UNION ALL SELECT 'temp.' || name FROM sqlite_temp_master WHERE name LIKE '%_fts_terms'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let mut stmt = l
                .connection()
                .prepare(&format!("SELECT * FROM {t}"))
                .unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort();
            (t, rows)
        })
        .collect()
}

pub fn count(l: &Ledger, sql: &str) -> i64 {
    l.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The passphrase the tests' handover files are written to.
pub const PASS: &str = "handover test passphrase";

/// The zip inside a handover file, decrypted as the successor does.
pub fn unseal(path: &Path) -> Vec<u8> {
    let identity = age::scrypt::Identity::new(SecretString::from(PASS.to_owned()));
    age::decrypt(&identity, &std::fs::read(path).unwrap()).unwrap()
}

/// Writes `zip` to `path` encrypted to the tests' passphrase, as a handover file is.
pub fn seal(path: &Path, zip: &[u8]) {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(PASS.to_owned()));
    recipient.set_work_factor(10);
    std::fs::write(path, age::encrypt(&recipient, zip).unwrap()).unwrap();
}

/// The fingerprint a handover file says it is signed with (what the successor confirms).
pub fn signer_of(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(unseal(path))).unwrap();
    let mut text = String::new();
    zip.by_name("signature.json")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let key: [u8; 32] = data_encoding::HEXLOWER
        .decode(v["signer"].as_str().unwrap().as_bytes())
        .unwrap()
        .try_into()
        .unwrap();
    daicho_core::crypto::identity::fingerprint(
        &ed25519_dalek::VerifyingKey::from_bytes(&key).unwrap(),
    )
}

/// A take-over confirmed by `confirmed_by`, trusting the signer the file names.
pub fn take(confirmed_by: &str, bundle: &Path) -> TakeOverRequest {
    TakeOverRequest {
        choices: vec![],
        confirmed_by: confirmed_by.into(),
        passphrase: Some(PASS.into()),
        signer: signer_of(bundle),
        resolutions: vec![],
    }
}

/// A handover file of `owner`'s cards (or of `card_ids`) for `to_owner`, under the passphrase.
pub fn by_passphrase(
    owner: Option<String>,
    card_ids: Vec<CardId>,
    to_owner: String,
) -> HandoverSelection {
    HandoverSelection {
        owner,
        card_ids,
        to_owner,
        passphrase: Some(PASS.into()),
        recipient: None,
        lend: false,
        lend_until: None,
    }
}

#[test]
fn a_portfolio_moves_whole_and_its_contents_are_the_same_on_the_other_side() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("handover.daicho-handover");
    let selection = by_passphrase(Some(owner.clone()), vec![], "後任 花子".into());
    let made = a
        .handover_export(&selection, &bundle, daicho_core::output::Existing::Refuse)
        .unwrap();
    let moving = count(
        &a,
        &format!("SELECT count(*) FROM cards WHERE owner = '{owner}' AND deleted_at IS NULL"),
    );
    assert_eq!(i64::from(made.cards), moving);

    let mut b = ledger();
    let preview = b.take_over_preview(&bundle, Some(PASS)).unwrap();
    assert_eq!(preview.from_owner, owner);
    assert!(preview.cards.iter().all(|c| c.status == PreviewStatus::New));
    let record = b.take_over(&bundle, &take("後任 花子", &bundle)).unwrap();
    assert!(record.applied);
    assert_eq!(
        (i64::from(record.added), record.merged, record.skipped),
        (moving, 0, 0)
    );
    assert_eq!(record.confirmed_by, "後任 花子");

    // Contacts keep their dates, reps, stages and open follow-ups; every card belongs to the successor.
    let same = |sql: &str| {
        let on_a = count(&a, &sql.replace("{who}", &format!("c.owner = '{owner}'")));
        let on_b = count(&b, &sql.replace("{who}", "1"));
        assert_eq!(on_a, on_b, "{sql}");
    };
    same("SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id WHERE {who} AND c.deleted_at IS NULL");
    same("SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id WHERE {who} AND c.deleted_at IS NULL AND t.next_action_due IS NOT NULL AND t.next_action_done_at IS NULL");
    same("SELECT count(*) FROM contacts t JOIN cards c ON c.id = t.card_id WHERE {who} AND c.deleted_at IS NULL AND t.kind = 'negotiation' AND t.negotiation IS NOT NULL");
    same("SELECT count(*) FROM transactions t JOIN cards c ON c.id = t.card_id WHERE {who} AND c.deleted_at IS NULL");
    same("SELECT count(*) FROM key_persons t JOIN cards c ON c.id = t.card_id WHERE {who} AND c.deleted_at IS NULL");
    assert_eq!(
        count(&b, "SELECT count(*) FROM cards WHERE owner <> '後任 花子'"),
        0
    );
    // The previous owner stays in each card's history.
    let card = &preview.cards[0].card_id;
    let moved = b
        .history(card)
        .unwrap()
        .into_iter()
        .find(|h| h.field == "owner")
        .unwrap();
    assert_eq!(
        (moved.old_value.as_deref(), moved.new_value.as_deref()),
        (Some(owner.as_str()), Some("後任 花子"))
    );

    // Written out again from the successor's ledger, everything but the cards' owner hashes the same.
    let again = dir.path().join("again.daicho-handover");
    let ids: Vec<CardId> = preview.cards.iter().map(|c| c.card_id.clone()).collect();
    b.handover_export(
        &by_passphrase(None, ids, "次".into()),
        &again,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    let hashes = |p: &Path| -> BTreeMap<String, String> {
        let mut zip = zip::ZipArchive::new(Cursor::new(unseal(p))).unwrap();
        let mut text = String::new();
        zip.by_name("manifest.json")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        manifest["entries"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v["sha256"].as_str().unwrap().to_owned()))
            .collect()
    };
    let (first, second) = (hashes(&bundle), hashes(&again));
    for table in [
        "contacts",
        "contact_persons",
        "key_persons",
        "notes",
        "transactions",
        "card_products",
        "card_tags",
        "products",
        "competitors",
    ] {
        assert_eq!(first[table], second[table], "{table}");
    }
}

#[test]
fn taking_the_same_bundle_over_twice_changes_nothing_and_undo_restores_the_ledger_exactly() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("h.daicho-handover");
    a.handover_export(
        &by_passphrase(Some(owner), vec![], "後任".into()),
        &bundle,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    let mut b = ledger();
    b.create_card(&organisation("既存商事", "きぞんしょうじ"))
        .unwrap();
    let before = dump(&b);
    let first = b.take_over(&bundle, &take("後任", &bundle)).unwrap();
    let after_first = dump(&b);
    let second = b.take_over(&bundle, &take("後任", &bundle)).unwrap();
    assert!(!second.applied);
    assert_eq!(second.id, first.id);
    assert_eq!(dump(&b), after_first, "the second take-over wrote nothing");
    b.take_over_undo(&first.id).unwrap();
    assert_eq!(dump(&b), before, "undo restores every table");
    assert!(matches!(
        b.take_over_undo(&first.id),
        Err(HandoverError::AlreadyUndone { .. })
    ));
    // Undone, it may be taken over again.
    assert!(
        b.take_over(&bundle, &take("後任", &bundle))
            .unwrap()
            .applied
    );
}

#[test]
fn a_likely_duplicate_is_merged_or_kept_as_chosen() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("h.daicho-handover");
    a.handover_export(
        &by_passphrase(Some(owner.clone()), vec![], "後任".into()),
        &bundle,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    let (id, name, phones): (CardId, String, String) = a
        .connection()
        .query_row(
            &format!("SELECT id, name, phones FROM cards WHERE owner = '{owner}' AND phones <> '[]' AND deleted_at IS NULL ORDER BY code LIMIT 1"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let incoming = count(
        &a,
        &format!("SELECT count(*) FROM contacts WHERE card_id = '{id}'"),
    );

    let mut b = ledger();
    let mut twin = organisation(&name, "");
    twin.phones = serde_json::from_str(&phones).unwrap();
    let existing = b.create_card(&twin).unwrap().id;
    let preview = b.take_over_preview(&bundle, Some(PASS)).unwrap();
    let card = preview.cards.iter().find(|c| c.card_id == id).unwrap();
    assert_eq!(card.status, PreviewStatus::Duplicate);
    assert_eq!(card.why.as_deref(), Some("name_phone"));
    assert_eq!(card.existing.as_ref().unwrap().id, existing);

    let request = TakeOverRequest {
        choices: vec![CardChoice {
            card_id: id.clone(),
            choice: Choice::Merge,
        }],
        confirmed_by: "後任".into(),
        passphrase: Some(PASS.into()),
        signer: signer_of(&bundle),
        resolutions: vec![],
    };
    let record = b.take_over(&bundle, &request).unwrap();
    assert_eq!(record.merged, 1);
    assert_eq!(
        count(&b, &format!("SELECT count(*) FROM cards WHERE id = '{id}'")),
        0,
        "merged, not added"
    );
    assert_eq!(
        count(
            &b,
            &format!("SELECT count(*) FROM contacts WHERE card_id = '{existing}'")
        ),
        incoming,
        "the survivor has its contacts"
    );
    b.take_over_undo(&record.id).unwrap();
    // Kept beside it instead.
    let request = TakeOverRequest {
        choices: vec![CardChoice {
            card_id: id.clone(),
            choice: Choice::KeepBoth,
        }],
        confirmed_by: "後任".into(),
        passphrase: Some(PASS.into()),
        signer: signer_of(&bundle),
        resolutions: vec![],
    };
    b.take_over(&bundle, &request).unwrap();
    assert_eq!(
        count(
            &b,
            &format!(
                "SELECT count(*) FROM cards WHERE name = '{}'",
                name.replace('\'', "''")
            )
        ),
        2
    );
}

/// Rewrites the zip at `path` with `entry` replaced by `bytes`.
fn rewrite(path: &Path, entry: &str, bytes: &[u8]) {
    let mut zip = zip::ZipArchive::new(Cursor::new(unseal(path))).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        parts.push((file.name().unwrap().into_owned(), data));
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(if name == entry { bytes } else { &data })
            .unwrap();
    }
    seal(path, &out.finish().unwrap().into_inner());
}

#[test]
fn a_tampered_or_truncated_bundle_is_refused_before_anything_is_written() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("h.daicho-handover");
    a.handover_export(
        &by_passphrase(Some(owner), vec![], "後任".into()),
        &good,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    let mut b = ledger();
    let before = dump(&b);

    let altered = dir.path().join("altered.daicho-handover");
    std::fs::copy(&good, &altered).unwrap();
    rewrite(&altered, "tables/contacts.json", b"[]");
    assert!(
        matches!(b.take_over(&altered, &take("後任", &altered)), Err(HandoverError::Tampered { entry, .. }) if entry == "contacts")
    );

    let manifest = dir.path().join("manifest.daicho-handover");
    std::fs::copy(&good, &manifest).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(unseal(&good))).unwrap();
    let mut text = String::new();
    zip.by_name("manifest.json")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    rewrite(
        &manifest,
        "manifest.json",
        text.replace("後任", "別人").as_bytes(),
    );
    assert!(matches!(
        b.take_over_preview(&manifest, Some(PASS)),
        Err(HandoverError::Tampered { .. })
    ));

    // A manifest padded with twenty megabytes of spaces (still valid JSON, still sealed) packs
    // into a few kilobytes: it is refused before it is unpacked, not read into memory.
    let padded = dir.path().join("padded.daicho-handover");
    std::fs::copy(&good, &padded).unwrap();
    let mut spaced = text.clone().into_bytes();
    spaced.extend(std::iter::repeat_n(b' ', 20 << 20));
    rewrite(&padded, "manifest.json", &spaced);
    assert!(std::fs::metadata(&padded).unwrap().len() < 1 << 20);
    assert!(matches!(
        b.take_over_preview(&padded, Some(PASS)),
        Err(HandoverError::Corrupt { .. })
    ));

    let truncated = dir.path().join("truncated.daicho-handover");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        b.take_over(&truncated, &take("後任", &good)),
        Err(HandoverError::Corrupt { .. })
    ));

    assert_eq!(dump(&b), before, "nothing was written");
    assert_eq!(b.take_overs().unwrap().len(), 0);
}

#[test]
fn a_handover_names_its_successor_and_a_take_over_its_confirmer() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.daicho-handover");
    let e = a
        .handover_export(
            &by_passphrase(Some(owner.clone()), vec![], " ".into()),
            &path,
            daicho_core::output::Existing::Refuse,
        )
        .unwrap_err();
    assert!(matches!(e, HandoverError::Invalid(_)));
    let e = a
        .handover_export(
            &by_passphrase(Some("誰でもない".into()), vec![], "後任".into()),
            &path,
            daicho_core::output::Existing::Refuse,
        )
        .unwrap_err();
    assert!(matches!(e, HandoverError::Empty));
    a.handover_export(
        &by_passphrase(Some(owner), vec![], "後任".into()),
        &path,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    let mut b = ledger();
    assert!(matches!(
        b.take_over(&path, &take("", &path)),
        Err(HandoverError::Invalid(_))
    ));
}

#[test]
fn the_handover_report_lists_what_moves_and_the_successors_confirmation() {
    use calamine::{open_workbook, Reader, Xlsx};
    use daicho_core::i18n::Lang;
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("h.daicho-handover");
    let selection = by_passphrase(Some(owner.clone()), vec![], "後任 花子".into());
    a.handover_export(&selection, &bundle, daicho_core::output::Existing::Refuse)
        .unwrap();
    let before = dir.path().join("before.xlsx");
    let written = a
        .handover_report(
            &selection,
            Lang::Ja,
            &before,
            daicho_core::output::Existing::Refuse,
        )
        .unwrap();
    let text = |path: &Path| -> Vec<String> {
        let mut book: Xlsx<_> = open_workbook(path).unwrap();
        let names = book.sheet_names();
        names
            .iter()
            .flat_map(|n| {
                book.worksheet_range(n)
                    .unwrap()
                    .rows()
                    .flatten()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let cells = text(&before);
    assert!(cells
        .iter()
        .any(|c| c.contains(&owner) && c.contains("後任 花子")));
    assert!(cells.iter().any(|c| c.starts_with("未確認")));
    // The manager reads that the cards stay behind read-only.
    assert!(
        cells.iter().any(|c| c.contains("読み取り専用")),
        "{cells:?}"
    );
    assert_eq!(
        written.rows as i64,
        count(
            &a,
            &format!("SELECT count(*) FROM cards WHERE owner = '{owner}' AND deleted_at IS NULL")
        )
    );

    let mut b = ledger();
    let record = b.take_over(&bundle, &take("後任 花子", &bundle)).unwrap();
    let after = dir.path().join("after.xlsx");
    assert_eq!(
        b.take_over_report(
            &record.id,
            Lang::En,
            &after,
            daicho_core::output::Existing::Refuse
        )
        .unwrap()
        .rows,
        written.rows
    );
    let cells = text(&after);
    assert!(cells
        .iter()
        .any(|c| c.starts_with("Taken over by 後任 花子")));
    assert!(!cells.iter().any(|c| c.contains("read-only")), "{cells:?}");
    let book: Xlsx<_> = open_workbook(&after).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Handover",
            "Customers handed over",
            "Overdue follow-ups",
            "Open complaints",
            "Receivables",
            "Key persons",
            "Cards with thin data"
        ]
    );
}

/// Rewrites a bundle as an attacker with the code and the passphrase in hand would: a table
/// changed, its hash and row count and the manifest's seal recomputed, the manifest signed
/// again with the attacker's own key.
fn forge(
    path: &Path,
    table: &str,
    change: impl Fn(&mut Vec<serde_json::Map<String, serde_json::Value>>),
) {
    use sha2::{Digest, Sha256};
    let hex = |bytes: &[u8]| -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(unseal(path))).unwrap();
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    };
    let mut manifest: daicho_core::handover::bundle::Manifest =
        serde_json::from_slice(&read("manifest.json")).unwrap();
    let mut rows: Vec<serde_json::Map<String, serde_json::Value>> =
        serde_json::from_slice(&read(&format!("tables/{table}.json"))).unwrap();
    change(&mut rows);
    let bytes = serde_json::to_vec(&rows).unwrap();
    let entry = manifest.entries.get_mut(table).unwrap();
    entry.sha256 = hex(&bytes);
    entry.rows = rows.len() as u32;
    manifest.seal = String::new();
    manifest.seal = hex(&serde_json::to_vec(&manifest).unwrap());
    rewrite(path, &format!("tables/{table}.json"), &bytes);
    let manifest = serde_json::to_vec_pretty(&manifest).unwrap();
    rewrite(path, "manifest.json", &manifest);
    // Signed again, with the attacker's own key: the ledger's is not theirs to use.
    use ed25519_dalek::Signer;
    let attacker = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let signature = serde_json::json!({
        "signer": data_encoding::HEXLOWER.encode(attacker.verifying_key().as_bytes()),
        "signature": data_encoding::HEXLOWER.encode(&attacker.sign(&manifest).to_bytes()),
    });
    rewrite(path, "signature.json", signature.to_string().as_bytes());
}

#[test]
fn a_forged_bundle_is_checked_as_if_typed_and_takes_nothing_over() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("h.daicho-handover");
    a.handover_export(
        &by_passphrase(Some(owner), vec![], "後任".into()),
        &good,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    type Change = Box<dyn Fn(&mut Vec<serde_json::Map<String, serde_json::Value>>)>;
    let forgeries: [(&str, &str, Change); 4] = [
        // A name of two megabytes, which every card report would then fail on.
        (
            "cards",
            "name",
            Box::new(|rows| {
                rows[0].insert("name".into(), "長".repeat(2 << 20).into());
            }),
        ),
        // A name that steers a terminal.
        (
            "cards",
            "name",
            Box::new(|rows| {
                rows[0].insert("name".into(), "株式会社\u{1b}]0;pwned\u{7}".into());
            }),
        ),
        // A negative sale, which the ledger's own rules refuse.
        (
            "transactions",
            "transactions",
            Box::new(|rows| {
                rows[0].insert("amount".into(), (-4_000_000_000_000i64).into());
            }),
        ),
        // A payment due before the sale, which the window refuses beside the field.
        (
            "transactions",
            "due_on",
            Box::new(|rows| {
                rows[0].insert("due_on".into(), "1999-01-01".into());
            }),
        ),
    ];
    let mut b = ledger();
    let before = dump(&b);
    for (n, (table, field, change)) in forgeries.iter().enumerate() {
        let forged = dir.path().join(format!("forged{n}.daicho-handover"));
        std::fs::copy(&good, &forged).unwrap();
        forge(&forged, table, change);
        // The successor who compares the fingerprint with the report refuses it at once...
        let mut genuine = take("後任", &forged);
        genuine.signer = signer_of(&good);
        let e = b.take_over(&forged, &genuine).unwrap_err();
        assert_eq!(daicho_core::error::Coded::code(&e), "handover.other_signer");
        // ...and one fooled into confirming the forger's fingerprint still gets nothing the
        // window would refuse.
        let e = b.take_over(&forged, &take("後任", &forged)).unwrap_err();
        match e {
            HandoverError::Refused { field: f, .. } => assert!(f.contains(field), "{f}"),
            other => panic!("{table}: {other:?}"),
        }
        assert_eq!(dump(&b), before, "nothing was taken over");
    }
    // The genuine bundle still goes through.
    assert!(b.take_over(&good, &take("後任", &good)).unwrap().applied);
}

#[test]
fn handed_over_cards_are_read_only_in_the_leaving_ledger_until_the_handover_is_withdrawn() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("lent.daicho-handover");
    let selection = HandoverSelection {
        owner: Some(owner.clone()),
        card_ids: vec![],
        to_owner: "代理 次郎".into(),
        passphrase: Some(PASS.into()),
        recipient: None,
        lend: true,
        lend_until: None,
    };
    let made = a
        .handover_export(&selection, &bundle, daicho_core::output::Existing::Refuse)
        .unwrap();
    let marks = a.handed_over().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(
        (marks[0].cards, marks[0].lent, marks[0].to_owner.as_str()),
        (made.cards, true, "代理 次郎")
    );
    assert_eq!(std::path::Path::new(&marks[0].file), bundle.as_path());

    let id: CardId = a
        .connection()
        .query_row(
            "SELECT id FROM cards WHERE owner = ?1 LIMIT 1",
            [&owner],
            |r| r.get(0),
        )
        .unwrap();
    let other: CardId = a
        .connection()
        .query_row(
            "SELECT id FROM cards WHERE owner <> ?1 LIMIT 1",
            [&owner],
            |r| r.get(0),
        )
        .unwrap();
    assert!(a.card_handed_over(&id).unwrap().is_some());
    assert!(a.card_handed_over(&other).unwrap().is_none());
    // Nothing of a handed-over card changes here, by any path; other cards do.
    let card = a.card(&id).unwrap();
    let mut fields = card.fields.clone();
    fields.notes = "after the handover".into();
    let refused = [
        a.update_card(&id, card.version, &fields)
            .err()
            .map(|e| e.code()),
        a.trash_card(&id).err().map(|e| e.code()),
        a.add_contact(
            &id,
            &daicho_core::contact::ContactFields {
                kind: daicho_core::contact::ContactKind::Phone,
                at: "2026-11-24T10:00".into(),
                ..Default::default()
            },
        )
        .err()
        .map(|e| e.code()),
        a.connection()
            .execute("DELETE FROM card_tags WHERE card_id = ?1", [&id])
            .err()
            .map(|e| daicho_core::error::storage_code(&e)),
    ];
    assert_eq!(refused, [Some("card.handed_over"); 4]);
    assert_eq!(a.card(&id).unwrap().version, card.version);
    let other_card = a.card(&other).unwrap();
    a.update_card(&other, other_card.version, &other_card.fields)
        .unwrap();
    // The history says so, and the ledger can still be classified.
    assert!(a
        .history(&id)
        .unwrap()
        .iter()
        .any(|h| h.field == "handed_over" && h.new_value.as_deref() == Some("代理 次郎")));
    let year = daicho_core::sales::summary::Period::year_to(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    a.reclassify(year).unwrap();

    // Withdrawn (the colleague never took it over): editable again, and the history says so.
    assert_eq!(
        a.withdraw_handover("no-such-file").unwrap_err().code(),
        "handover.take_over_not_found"
    );
    assert_eq!(a.withdraw_handover(&made.bundle_id).unwrap(), made.cards);
    assert!(a.handed_over().unwrap().is_empty());
    a.update_card(&id, card.version, &fields).unwrap();
    assert!(a
        .history(&id)
        .unwrap()
        .iter()
        .any(|h| h.field == "handed_over"
            && h.old_value.as_deref() == Some("代理 次郎")
            && h.new_value.is_none()));
}

#[test]
fn cards_leave_the_leaving_ledger_for_good_only_once_the_successors_signed_receipt_is_back() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("given.daicho-handover");
    let selection = by_passphrase(Some(owner.clone()), vec![], "後任 花子".into());
    let made = a
        .handover_export(&selection, &bundle, daicho_core::output::Existing::Refuse)
        .unwrap();
    // Not before the receipt is back.
    assert_eq!(
        a.remove_handed_over(&made.bundle_id).unwrap_err().code(),
        "handover.no_receipt"
    );

    let mut b = ledger();
    let record = b.take_over(&bundle, &take("後任 花子", &bundle)).unwrap();
    let receipt = dir.path().join("receipt.json");
    let written = b
        .write_receipt(&record.id, &receipt, daicho_core::output::Existing::Refuse)
        .unwrap();
    assert_eq!((written.taken, written.left_out), (made.cards, 0));
    // The receipt names cards by id, never a customer's text.
    let text = std::fs::read_to_string(&receipt).unwrap();
    let name: String = a
        .connection()
        .query_row(
            "SELECT name FROM cards WHERE owner = ?1 LIMIT 1",
            [&owner],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!text.contains(&name));

    // A receipt changed by hand, or one for a file this ledger did not write, changes nothing.
    let forged = dir.path().join("forged.json");
    std::fs::write(&forged, text.replacen("後任 花子", "後任 太郎", 1)).unwrap();
    assert_eq!(
        a.accept_receipt(&forged).unwrap_err().code(),
        "handover.tampered"
    );
    let (mut x, x_owner) = predecessor();
    let other_bundle = dir.path().join("other.daicho-handover");
    x.handover_export(
        &HandoverSelection {
            owner: Some(x_owner),
            to_owner: "後任 花子".into(),
            passphrase: Some(PASS.into()),
            ..Default::default()
        },
        &other_bundle,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    let mut c = ledger();
    let other_record = c
        .take_over(&other_bundle, &take("後任 花子", &other_bundle))
        .unwrap();
    let other_receipt = dir.path().join("other-receipt.json");
    c.write_receipt(
        &other_record.id,
        &other_receipt,
        daicho_core::output::Existing::Refuse,
    )
    .unwrap();
    assert_eq!(
        a.accept_receipt(&other_receipt).unwrap_err().code(),
        "handover.receipt_not_ours"
    );
    assert!(a.receipts().unwrap().is_empty());

    // The real one: signed by the successor's ledger, then the cards go, erased.
    let accepted = a.accept_receipt(&receipt).unwrap();
    assert_eq!(accepted.signer, b.identity_info().unwrap().fingerprint);
    assert_eq!((accepted.taken, accepted.left_out), (made.cards, 0));
    assert_eq!(a.remove_handed_over(&made.bundle_id).unwrap(), made.cards);
    assert_eq!(
        count(
            &a,
            &format!("SELECT count(*) FROM cards WHERE owner = '{owner}'")
        ),
        0
    );
    assert!(a.handed_over().unwrap().is_empty());
    assert!(a.receipts().unwrap()[0].removed_at.is_some());
    assert_eq!(a.remove_handed_over(&made.bundle_id).unwrap(), 0);
    // The successor still has every card.
    assert_eq!(
        count(&b, "SELECT count(*) FROM cards WHERE owner = '後任 花子'") as u32,
        made.cards
    );
}

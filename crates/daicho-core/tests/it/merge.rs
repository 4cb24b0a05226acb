//! Duplicates in the ledger, merging two cards so the survivor keeps everything of both, and
//! changing many cards at once — each one step that undo takes back exactly.

use daicho_core::card::CardStatus;
use daicho_core::contact::ContactFields;
use daicho_core::error::{BatchError, Coded};
use daicho_core::ids::CardId;
use daicho_core::import::DuplicateWhy;
use daicho_core::many_cards::bulk::BulkChange;
use daicho_core::notes::NoteFields;
use daicho_core::Ledger;

use super::sales::sale;
use super::{ledger, organisation, person};

fn visit(content: &str) -> ContactFields {
    ContactFields {
        at: "2026-11-01T10:00".into(),
        content: content.into(),
        ..ContactFields::default()
    }
}

struct Pair {
    ledger: Ledger,
    survivor: CardId,
    other: CardId,
}

fn pair() -> Pair {
    let mut l = ledger();
    let mut a = organisation("(株)青葉精機", "アオバセイキ");
    a.phones = vec!["03-1234-5678".into()];
    a.tags = vec!["重点".into()];
    let a = l.create_card(&a).unwrap();
    l.add_contact(&a.id, &visit("Aの訪問")).unwrap();
    l.add_key_person(&a.id, &person("青葉 一郎")).unwrap();
    let mut b = organisation("青葉精機株式会社", "");
    b.phones = vec!["0312345678".into(), "03-9999-0000".into()];
    b.email = "info@aoba.example".into();
    b.tags = vec!["展示会".into()];
    let b = l.create_card(&b).unwrap();
    l.add_contact(&b.id, &visit("Bの訪問 1")).unwrap();
    l.add_contact(&b.id, &visit("Bの訪問 2")).unwrap();
    l.add_key_person(&b.id, &person("青葉 花子")).unwrap();
    l.add_note(
        &b.id,
        &NoteFields {
            noted_on: "2026-11-02".into(),
            content: "工場を増設するらしい".into(),
            ..NoteFields::default()
        },
    )
    .unwrap();
    let mut paid = sale("2026-10-01", "トナー", 2, 5000);
    paid.paid_amount = 10_000;
    paid.paid_on = Some("2026-10-20".into());
    l.add_transaction(&b.id, &paid).unwrap();
    let midori = l.create_card(&organisation("みどり商店", "")).unwrap();
    // B was referred by みどり商店: the link moves with it.
    let referred = daicho_core::links::CardLinkFields {
        kind: daicho_core::links::CardLinkKind::ReferredBy,
        other_id: midori.id.clone(),
        note: String::new(),
    };
    l.set_card_link(&b.id, referred.kind, Some(&referred))
        .unwrap();
    Pair {
        ledger: l,
        survivor: a.id,
        other: b.id,
    }
}

/// Everything on a card, to compare before and after.
fn on_card(l: &Ledger, id: &CardId) -> (usize, usize, usize, usize, usize) {
    let count = |sql: &str| -> usize {
        l.connection()
            .query_row(sql, [id], |r| r.get::<_, i64>(0))
            .unwrap() as usize
    };
    (
        count("SELECT count(*) FROM contacts WHERE card_id = ?1"),
        count("SELECT count(*) FROM key_persons WHERE card_id = ?1"),
        count("SELECT count(*) FROM notes WHERE card_id = ?1"),
        count("SELECT count(*) FROM transactions WHERE card_id = ?1"),
        count("SELECT count(*) FROM card_history WHERE card_id = ?1"),
    )
}

#[test]
fn likely_duplicates_are_found_by_name_without_legal_form_and_phone() {
    let p = pair();
    let pairs = p.ledger.duplicate_pairs().unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (pairs[0].a.id.as_str(), pairs[0].b.id.as_str()),
        (p.survivor.as_str(), p.other.as_str())
    );
    assert_eq!(pairs[0].why, DuplicateWhy::NamePhone);
    assert_eq!(pairs[0].b.contacts, 2);
}

#[test]
fn the_survivor_keeps_everything_of_both_and_undo_puts_it_back() {
    let mut p = pair();
    let survivor_before = p.ledger.card(&p.survivor).unwrap();
    let other_before = p.ledger.card(&p.other).unwrap();
    let a = on_card(&p.ledger, &p.survivor);
    let b = on_card(&p.ledger, &p.other);

    let outcome = p.ledger.merge_cards(&p.survivor, &p.other).unwrap();
    let merged = p.ledger.card(&p.survivor).unwrap();
    assert_eq!(
        merged.fields.name, "(株)青葉精機",
        "the survivor's own fields are kept"
    );
    assert_eq!(
        merged.fields.email, "info@aoba.example",
        "empty fields are filled"
    );
    assert_eq!(merged.fields.phones, ["03-1234-5678", "03-9999-0000"]);
    assert_eq!(
        merged.fields.tags,
        ["展示会", "重点"],
        "tags of both (in the order tags are kept)"
    );
    assert_eq!(merged.key_persons.len(), 2);
    let after = on_card(&p.ledger, &p.survivor);
    assert_eq!(
        (after.0, after.1, after.2, after.3),
        (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3)
    );
    assert!(
        after.4 > a.4 + b.4,
        "the other card's history moved, and the merge is recorded"
    );
    assert!(outcome.moved >= 6);
    let other = p.ledger.card(&p.other).unwrap();
    assert!(
        other.deleted_at.is_some(),
        "the other card waits in the trash"
    );
    assert_eq!(
        p.ledger.search("Bの訪問", 5).unwrap().contacts[0].card_id,
        p.survivor,
        "its contacts are found under the survivor"
    );
    assert_eq!(p.ledger.duplicate_pairs().unwrap().len(), 0);
    // A payment belongs to its sale's card, wherever the sale goes; so do the links.
    let strays = |l: &Ledger| -> i64 {
        l.connection()
            .query_row(
                "SELECT count(*) FROM payments p JOIN transactions t ON t.id = p.transaction_id
                 WHERE p.card_id <> t.card_id",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(strays(&p.ledger), 0);
    assert!(p
        .ledger
        .card_links(&p.survivor)
        .unwrap()
        .referred_by
        .is_some());

    p.ledger.undo_merge(&outcome.id).unwrap();
    assert_eq!(strays(&p.ledger), 0);
    assert!(p.ledger.card_links(&p.other).unwrap().referred_by.is_some());
    assert_eq!(
        p.ledger.card(&p.survivor).unwrap().fields,
        survivor_before.fields
    );
    let other = p.ledger.card(&p.other).unwrap();
    assert!(other.deleted_at.is_none());
    assert_eq!(other.fields, other_before.fields);
    assert_eq!(
        other
            .key_persons
            .iter()
            .map(|k| k.fields.name.as_str())
            .collect::<Vec<_>>(),
        ["青葉 花子"]
    );
    assert_eq!(on_card(&p.ledger, &p.survivor).0, a.0);
    assert_eq!(on_card(&p.ledger, &p.other).0, b.0);
    assert_eq!(
        p.ledger.search("Bの訪問", 5).unwrap().contacts[0].card_id,
        p.other
    );
    assert!(matches!(
        p.ledger.undo_merge(&outcome.id),
        Err(BatchError::AlreadyUndone { .. })
    ));
    assert_eq!(
        p.ledger
            .merge_cards(&p.survivor, &p.survivor)
            .unwrap_err()
            .code(),
        "batch.same_card"
    );
}

#[test]
fn many_cards_change_owner_status_and_tags_in_one_step_and_undo_restores_them() {
    let mut p = pair();
    let ids = vec![p.survivor.clone(), p.other.clone()];
    let before: Vec<_> = ids
        .iter()
        .map(|id| p.ledger.card(id).unwrap().fields)
        .collect();
    let outcome = p
        .ledger
        .bulk_change(
            &ids,
            &BulkChange {
                owner: Some("後任 花子".into()),
                status: Some(CardStatus::Active),
                add_tags: vec!["引継ぎ".into()],
                remove_tags: vec!["重点".into()],
                trash: false,
            },
        )
        .unwrap();
    assert_eq!(outcome.changed, 2);
    let a = p.ledger.card(&p.survivor).unwrap().fields;
    assert_eq!(
        (a.owner.as_str(), a.status),
        ("後任 花子", CardStatus::Active)
    );
    assert_eq!(a.tags, ["引継ぎ"]);
    assert!(p
        .ledger
        .history(&p.survivor)
        .unwrap()
        .iter()
        .any(|h| h.field == "owner"));
    p.ledger.undo_bulk(&outcome.id).unwrap();
    let after: Vec<_> = ids
        .iter()
        .map(|id| p.ledger.card(id).unwrap().fields)
        .collect();
    assert_eq!(after, before);

    // To the trash and back, in one step each.
    let trashed = p
        .ledger
        .bulk_change(
            &ids,
            &BulkChange {
                trash: true,
                ..BulkChange::default()
            },
        )
        .unwrap();
    assert!(ids
        .iter()
        .all(|id| p.ledger.card(id).unwrap().deleted_at.is_some()));
    p.ledger.undo_bulk(&trashed.id).unwrap();
    assert!(ids
        .iter()
        .all(|id| p.ledger.card(id).unwrap().deleted_at.is_none()));
}

#[test]
fn undo_of_a_bulk_change_is_refused_after_a_later_edit_and_nothing_changes() {
    let mut p = pair();
    let ids = vec![p.survivor.clone(), p.other.clone()];
    let outcome = p
        .ledger
        .bulk_change(
            &ids,
            &BulkChange {
                owner: Some("佐藤".into()),
                ..BulkChange::default()
            },
        )
        .unwrap();
    let card = p.ledger.card(&p.other).unwrap();
    let mut fields = card.fields.clone();
    fields.notes = "あとで編集".into();
    p.ledger
        .update_card(&card.id, card.version, &fields)
        .unwrap();
    let refused = p.ledger.undo_bulk(&outcome.id).unwrap_err();
    assert_eq!(refused.code(), "batch.changed_since");
    assert_eq!(
        p.ledger.card(&p.survivor).unwrap().fields.owner,
        "佐藤",
        "nothing was undone"
    );
    assert_eq!(
        p.ledger
            .bulk_change(&[], &BulkChange::default())
            .unwrap_err()
            .code(),
        "batch.nothing_chosen"
    );
}

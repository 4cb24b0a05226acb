//! Lending cards for a leave and taking them back: what the colleague logged and changed joins
//! the owner's cards, a value both changed waits for the owner's choice, and undo restores the
//! ledger exactly.

use std::path::Path;

use daicho_core::contact::{ContactFields, ContactKind};
use daicho_core::error::{Coded, HandoverError};
use daicho_core::handover::{HandoverSelection, Keep, PreviewStatus, Resolution};
use daicho_core::ids::CardId;
use daicho_core::output::Existing;
use daicho_core::Ledger;

use crate::handover::{by_passphrase, count, dump, predecessor, take, PASS};
use crate::ledger;

const COLLEAGUE: &str = "代理 次郎";

/// The owner's ledger after lending all of the owner's cards until 20 December, the file, and
/// the colleague's ledger holding them.
fn lent(dir: &Path) -> (Ledger, String, Ledger, Vec<CardId>) {
    let (mut a, owner) = predecessor();
    let file = dir.join("lent.daicho-handover");
    let selection = HandoverSelection {
        lend: true,
        lend_until: Some("2026-12-20".into()),
        ..by_passphrase(Some(owner.clone()), vec![], COLLEAGUE.into())
    };
    a.handover_export(&selection, &file, Existing::Refuse)
        .unwrap();
    let marks = a.handed_over().unwrap();
    assert_eq!(
        (marks[0].lent, marks[0].until.as_deref()),
        (true, Some("2026-12-20"))
    );
    let mut b = ledger().with_actor(COLLEAGUE);
    let preview = b.take_over_preview(&file, Some(PASS)).unwrap();
    assert_eq!(preview.lent_until.as_deref(), Some("2026-12-20"));
    let record = b.take_over(&file, &take(COLLEAGUE, &file)).unwrap();
    assert_eq!(record.lent_until.as_deref(), Some("2026-12-20"));
    let ids: Vec<CardId> = preview.cards.iter().map(|c| c.card_id.clone()).collect();
    // The colleague's card says whose it is and until when.
    let borrowed = b.card_borrowed(&ids[0]).unwrap().unwrap();
    assert_eq!(
        (borrowed.from_owner.as_str(), borrowed.until.as_str()),
        (owner.as_str(), "2026-12-20")
    );
    (a, owner, b, ids)
}

/// The colleague hands every lent card back to `owner`.
fn give_back(b: &mut Ledger, ids: &[CardId], owner: &str, dir: &Path) -> std::path::PathBuf {
    let file = dir.join("back.daicho-handover");
    b.handover_export(
        &by_passphrase(None, ids.to_vec(), owner.into()),
        &file,
        Existing::Refuse,
    )
    .unwrap();
    file
}

#[test]
fn lent_cards_come_back_with_what_the_colleague_did_and_undo_restores_the_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, owner, mut b, ids) = lent(dir.path());
    let id = &ids[0];
    let card = b.card(id).unwrap();
    let mut fields = card.fields.clone();
    fields.notes = "12月の訪問で担当替えの話あり".into();
    b.update_card(id, card.version, &fields).unwrap();
    b.add_contact(
        id,
        &ContactFields {
            kind: ContactKind::Visit,
            at: "2026-11-24T10:00".into(),
            content: "代理で訪問、見積もりを約束".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let back = give_back(&mut b, &ids, &owner, dir.path());

    let contacts = count(&a, "SELECT count(*) FROM contacts");
    let before = dump(&a);
    let preview = a.take_over_preview(&back, Some(PASS)).unwrap();
    assert!(preview.conflicts.is_empty());
    let changed = preview.cards.iter().find(|c| c.card_id == *id).unwrap();
    assert_eq!(
        (changed.status, changed.changes),
        (PreviewStatus::Returning, 2)
    );
    assert!(preview
        .cards
        .iter()
        .all(|c| c.status == PreviewStatus::Returning));

    let record = a.take_over(&back, &take(&owner, &back)).unwrap();
    assert_eq!(
        (record.added, record.merged, record.skipped, record.returned),
        (0, 0, 0, ids.len() as u32)
    );
    // The cards are the owner's to edit again, with the colleague's work on them.
    assert!(a.handed_over().unwrap().is_empty());
    let mine = a.card(id).unwrap();
    assert_eq!(mine.fields.notes, "12月の訪問で担当替えの話あり");
    assert_eq!(mine.fields.owner, owner);
    assert_eq!(count(&a, "SELECT count(*) FROM contacts"), contacts + 1);
    assert!(a
        .history(id)
        .unwrap()
        .iter()
        .any(|h| h.field == "notes" && h.actor == COLLEAGUE));

    // Undone, the ledger is as it was: the colleague's work out, the cards lent again.
    a.take_over_undo(&record.id).unwrap();
    assert_eq!(dump(&a), before, "undo restores every table");
    assert_eq!(a.handed_over().unwrap()[0].cards, ids.len() as u32);
    // Taken back again, the owner edits the card.
    a.take_over(&back, &take(&owner, &back)).unwrap();
    let mine = a.card(id).unwrap();
    a.update_card(id, mine.version, &mine.fields).unwrap();
}

#[test]
fn a_value_both_changed_waits_for_the_owners_choice_and_one_side_changes_stand() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, owner, mut b, ids) = lent(dir.path());
    let id = ids
        .iter()
        .find(|id| a.card(id).unwrap().fields.organisation.is_some())
        .unwrap();
    // Back early, the owner withdrew the lending and worked on the card too.
    let bundle = a.handed_over().unwrap()[0].bundle_id.clone();
    a.withdraw_handover(&bundle).unwrap();
    let mine = a.card(id).unwrap();
    let mut fields = mine.fields.clone();
    fields.notes = "本人: 決算前に再訪".into();
    fields.phones = vec!["03-1111-2222".into()];
    fields.organisation.as_mut().unwrap().capital = Some(98_000_000);
    a.update_card(id, mine.version, &fields).unwrap();
    let theirs = b.card(id).unwrap();
    let mut fields = theirs.fields.clone();
    fields.notes = "代理: 予算は来期".into();
    fields.city = "横浜市".into();
    fields.organisation.as_mut().unwrap().employees = Some(321);
    b.update_card(id, theirs.version, &fields).unwrap();
    let back = give_back(&mut b, &ids, &owner, dir.path());

    let preview = a.take_over_preview(&back, Some(PASS)).unwrap();
    assert_eq!(preview.conflicts.len(), 1, "{:?}", preview.conflicts);
    let conflict = &preview.conflicts[0];
    assert_eq!(
        (
            conflict.field.as_str(),
            conflict.mine.as_str(),
            conflict.theirs.as_str()
        ),
        ("notes", "本人: 決算前に再訪", "代理: 予算は来期")
    );
    // Without a choice nothing is written.
    let before = dump(&a);
    let refused = a.take_over(&back, &take(&owner, &back)).unwrap_err();
    assert!(matches!(refused, HandoverError::Unresolved { count: 1 }));
    assert_eq!(refused.code(), "handover.unresolved");
    assert_eq!(dump(&a), before);

    let mut request = take(&owner, &back);
    request.resolutions = vec![Resolution {
        table: conflict.table.clone(),
        row: conflict.row.clone(),
        field: conflict.field.clone(),
        keep: Keep::Theirs,
    }];
    a.take_over(&back, &request).unwrap();
    let card = a.card(id).unwrap();
    assert_eq!(card.fields.notes, "代理: 予算は来期");
    assert_eq!(card.fields.city, "横浜市", "changed by the colleague only");
    assert_eq!(
        card.fields.phones,
        ["03-1111-2222"],
        "changed by the owner only"
    );
    // The company profile is weighed item by item: each side's own change stands.
    let profile = card.fields.organisation.unwrap();
    assert_eq!(
        (profile.capital, profile.employees),
        (Some(98_000_000), Some(321))
    );
}

#[test]
fn lending_until_a_day_that_has_passed_is_refused() {
    let (mut a, owner) = predecessor();
    let dir = tempfile::tempdir().unwrap();
    for until in ["2026-11-01", "next month"] {
        let selection = HandoverSelection {
            lend: true,
            lend_until: Some(until.into()),
            ..by_passphrase(Some(owner.clone()), vec![], COLLEAGUE.into())
        };
        let refused = a
            .handover_export(
                &selection,
                &dir.path().join("x.daicho-handover"),
                Existing::Refuse,
            )
            .unwrap_err();
        assert_eq!(refused.code(), "handover.bad_lend_until");
    }
    assert!(a.handed_over().unwrap().is_empty());
}

#[test]
fn a_contact_erased_while_the_cards_were_away_stays_erased_when_they_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, owner, mut b, ids) = lent(dir.path());
    let (id, contact): (CardId, daicho_core::ids::ContactId) = a
        .connection()
        .query_row(
            // One with words to erase (an empty text is in everything).
            "SELECT card_id, id FROM contacts WHERE card_id IN (SELECT card_id FROM handed_over) AND content <> '' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let text: String = a
        .connection()
        .query_row(
            "SELECT content FROM contacts WHERE id = ?1",
            [&contact],
            |r| r.get(0),
        )
        .unwrap();
    let bundle = a.handed_over().unwrap()[0].bundle_id.clone();
    a.withdraw_handover(&bundle).unwrap();
    a.erase_contact(&contact).unwrap();
    // Nothing of its text stays in the copy kept of the lent card.
    let kept: String = a
        .connection()
        .query_row(
            "SELECT rows FROM lent_bases WHERE card_id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        !kept.contains(&text),
        "the erased text stays in the lent copy"
    );
    let back = give_back(&mut b, &ids, &owner, dir.path());
    a.take_over(&back, &take(&owner, &back)).unwrap();
    assert!(
        a.contacts(&id).unwrap().iter().all(|c| c.id != contact),
        "the return does not bring the erased contact back"
    );
}

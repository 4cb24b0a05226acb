//! Contact history: recording, validating, editing with history, next actions, and what happens
//! to contacts when their card goes to the trash and comes back.

use daicho_core::card::{HistoryAction, HistoryEntity};
use daicho_core::contact::{Complaint, ComplaintState, ContactFields, ContactKind, Negotiation};
use daicho_core::error::Coded;
use daicho_core::ids::CardId;
use daicho_core::Ledger;
use expect_test::expect;

use super::{ledger, organisation, person};

fn visit(at: &str) -> ContactFields {
    ContactFields {
        kind: ContactKind::Visit,
        at: at.to_owned(),
        ..ContactFields::default()
    }
}

fn last_contact(ledger: &Ledger, card_id: &str) -> Option<String> {
    ledger
        .connection()
        .query_row(
            "SELECT last_contact_at FROM cards WHERE id = ?1",
            [card_id],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn contacts_are_listed_newest_first_and_the_card_knows_its_last_contact() {
    let mut ledger = ledger();
    let card = ledger
        .create_card(&organisation("東洋商事", "トウヨウショウジ"))
        .unwrap();
    let boss = ledger
        .add_key_person(&card.id, &person("鈴木 一郎"))
        .unwrap();
    let mut first = visit("2026-10-01T10:00");
    first.participants = vec![boss.id.clone()];
    first.purpose = "新製品の紹介".into();
    first.next_action = "見積書を送る".into();
    first.next_action_due = Some("2026-10-08".into());
    ledger.add_contact(&card.id, &first).unwrap();
    let call = ContactFields {
        kind: ContactKind::Phone,
        duration_minutes: Some(15),
        ..visit("2026-10-05T16:30")
    };
    ledger.add_contact(&card.id, &call).unwrap();

    let contacts = ledger.contacts(&card.id).unwrap();
    let kinds: Vec<_> = contacts
        .iter()
        .map(|c| (c.fields.kind, c.fields.at.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ContactKind::Phone, "2026-10-05T16:30"),
            (ContactKind::Visit, "2026-10-01T10:00")
        ]
    );
    assert_eq!(contacts[1].fields.participants, [boss.id]);
    assert_eq!(
        last_contact(&ledger, &card.id).as_deref(),
        Some("2026-10-05T16:30")
    );

    let stats = ledger.stats().unwrap();
    assert_eq!((stats.contacts, stats.open_next_actions), (2, 1));
}

#[test]
fn bad_contacts_are_refused_field_by_field_and_nothing_is_saved() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("北斗運輸", "")).unwrap();
    let other = ledger.create_card(&organisation("他社", "")).unwrap();
    let stranger = ledger
        .add_key_person(&other.id, &person("他社 太郎"))
        .unwrap();
    let check = |ledger: &mut Ledger, fields: ContactFields| -> String {
        let err = ledger.add_contact(&card.id, &fields).unwrap_err();
        assert_eq!(err.code(), "card.invalid");
        err.fields()
            .iter()
            .map(|i| format!("{} {}", i.field, i.rule))
            .collect::<Vec<_>>()
            .join("\n")
    };

    expect!["at required"].assert_eq(&check(&mut ledger, visit("")));
    expect!["at invalid_date"].assert_eq(&check(&mut ledger, visit("2026-02-30T10:00")));
    let mut early = visit("2026-10-10T09:00");
    early.next_action = "電話する".into();
    early.next_action_due = Some("2026-10-09".into());
    early.duration_minutes = Some(-5);
    expect![[r#"
        next_action_due before_contact
        duration_minutes negative"#]]
    .assert_eq(&check(&mut ledger, early));
    let mut undated = visit("2026-10-10T09:00");
    undated.next_action = "電話する".into();
    expect!["next_action_due required"].assert_eq(&check(&mut ledger, undated));
    let complaint = ContactFields {
        kind: ContactKind::Complaint,
        ..visit("2026-10-10T09:00")
    };
    expect!["complaint.state required"].assert_eq(&check(&mut ledger, complaint));
    let mut foreign = visit("2026-10-10T09:00");
    foreign.participants = vec![stranger.id];
    expect!["participants unknown_person"].assert_eq(&check(&mut ledger, foreign));

    assert_eq!(ledger.stats().unwrap().contacts, 0);
    assert_eq!(
        ledger.history(&card.id).unwrap().len(),
        1,
        "only the card's creation"
    );
    let missing = CardId::new();
    assert_eq!(
        ledger
            .add_contact(&missing, &visit("2026-10-10T09:00"))
            .unwrap_err()
            .code(),
        "card.not_found"
    );
}

#[test]
fn complaints_and_negotiations_keep_their_own_details() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("協和食品", "")).unwrap();
    let complaint = ContactFields {
        kind: ContactKind::Complaint,
        complaint: Some(Complaint {
            state: Some(ComplaintState::Open),
            ..Complaint::default()
        }),
        negotiation: Some(Negotiation {
            stage: "ignored on a complaint".into(),
            ..Negotiation::default()
        }),
        ..visit("2026-11-01T11:00")
    };
    let saved = ledger.add_contact(&card.id, &complaint).unwrap();
    assert!(
        saved.fields.negotiation.is_none(),
        "only a negotiation keeps negotiation details"
    );
    let deal = ContactFields {
        kind: ContactKind::Negotiation,
        negotiation: Some(Negotiation {
            stage: "見積提示".into(),
            amount: Some(3_500_000),
            decision_date: Some("2026-12-15".into()),
            ..Negotiation::default()
        }),
        ..visit("2026-11-02T14:00")
    };
    ledger.add_contact(&card.id, &deal).unwrap();
    let stats = ledger.stats().unwrap();
    assert_eq!((stats.open_complaints, stats.negotiations), (1, 1));
    assert_eq!(
        ledger.card(&card.id).unwrap().open_complaints,
        1,
        "shown on the card's header"
    );
    let listed = |ledger: &Ledger| {
        let query = daicho_core::card_list::CardQuery {
            limit: 10,
            ..Default::default()
        };
        ledger.list_cards(&query).unwrap().rows[0].open_complaints
    };
    assert_eq!(listed(&ledger), 1, "and in the list");

    let mut resolved = saved.fields.clone();
    resolved.complaint = Some(Complaint {
        state: Some(ComplaintState::Resolved),
        action_taken: "代替品を納品".into(),
        resolved_on: Some("2026-11-03".into()),
        ..Complaint::default()
    });
    ledger
        .update_contact(&saved.id, saved.version, &resolved)
        .unwrap();
    assert_eq!(ledger.stats().unwrap().open_complaints, 0);
}

#[test]
fn edits_deletions_and_done_actions_are_in_the_cards_history() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("丸山建設", "")).unwrap();
    let mut fields = visit("2026-11-10T10:00");
    fields.next_action = "図面を届ける".into();
    fields.next_action_due = Some("2026-11-12".into());
    let contact = ledger.add_contact(&card.id, &fields).unwrap();

    let mut edited = contact.fields.clone();
    edited.outcome = "前向き".into();
    let contact = ledger
        .update_contact(&contact.id, contact.version, &edited)
        .unwrap();
    assert_eq!(
        ledger
            .update_contact(&contact.id, 1, &edited)
            .unwrap_err()
            .code(),
        "card.stale"
    );
    let done = ledger.set_next_action_done(&contact.id, true).unwrap();
    assert_eq!(
        done.fields.next_action_done_at.as_deref(),
        Some("2026-11-24T09:30:00.000Z")
    );
    assert_eq!(ledger.stats().unwrap().open_next_actions, 0);
    ledger.delete_contact(&contact.id).unwrap();
    assert_eq!(
        ledger.contact(&contact.id).unwrap_err().code(),
        "contact.not_found"
    );
    assert_eq!(last_contact_value(&ledger, &card.id), None);

    let lines: Vec<String> = ledger
        .history(&card.id)
        .unwrap()
        .iter()
        .filter(|h| h.entity == HistoryEntity::Contact)
        .map(|h| format!("{:?} {} {}", h.action, h.entity_label, h.field))
        .collect();
    expect![[r#"
        [
            "Deleted 2026-11-10T10:00 ",
            "Changed 2026-11-10T10:00 next_action_done_at",
            "Changed 2026-11-10T10:00 outcome",
            "Created 2026-11-10T10:00 ",
        ]
    "#]]
    .assert_debug_eq(&lines);
    assert!(ledger
        .history(&card.id)
        .unwrap()
        .iter()
        .any(|h| h.action == HistoryAction::Deleted
            && h.old_value
                .as_deref()
                .is_some_and(|v| v.contains("図面を届ける"))));
}

fn last_contact_value(ledger: &Ledger, card_id: &str) -> Option<String> {
    last_contact(ledger, card_id)
}

#[test]
fn a_card_in_the_trash_keeps_its_contacts_and_emptying_the_trash_leaves_no_orphans() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("旭電機", "")).unwrap();
    let kp = ledger.add_key_person(&card.id, &person("井上 誠")).unwrap();
    let mut fields = visit("2026-11-01T10:00");
    fields.participants = vec![kp.id.clone()];
    let contact = ledger.add_contact(&card.id, &fields).unwrap();

    ledger.trash_card(&card.id).unwrap();
    assert_eq!(
        ledger.contacts(&card.id).unwrap().len(),
        1,
        "the contacts wait in the trash with the card"
    );
    assert_eq!(
        ledger
            .add_contact(&card.id, &visit("2026-11-02T10:00"))
            .unwrap_err()
            .code(),
        "card.in_trash"
    );
    assert_eq!(
        ledger.delete_contact(&contact.id).unwrap_err().code(),
        "card.in_trash"
    );

    ledger.restore_card(&card.id).unwrap();
    assert_eq!(
        ledger.contacts(&card.id).unwrap()[0].fields.participants,
        [kp.id.as_str()]
    );

    // A key person who leaves is no longer listed as present; the contact stays.
    ledger.delete_key_person(&kp.id).unwrap();
    assert!(ledger.contacts(&card.id).unwrap()[0]
        .fields
        .participants
        .is_empty());

    ledger.trash_card(&card.id).unwrap();
    ledger.empty_trash().unwrap();
    let orphans: i64 = ledger
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM contact_persons)
                  + (SELECT count(*) FROM card_history)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

#[test]
fn the_list_shows_days_since_the_last_contact_and_finds_customers_going_cold() {
    use daicho_core::card_list::{CardQuery, CardSort, ContactThresholds};
    let mut ledger = ledger();
    let recent = ledger
        .create_card(&organisation("最近の会社", "A"))
        .unwrap();
    let cold = ledger
        .create_card(&organisation("ご無沙汰の会社", "B"))
        .unwrap();
    ledger
        .create_card(&organisation("未接触の会社", "C"))
        .unwrap();
    ledger
        .add_contact(&recent.id, &visit("2026-11-20T10:00"))
        .unwrap();
    ledger
        .add_contact(&cold.id, &visit("2026-08-01T10:00"))
        .unwrap();
    ledger
        .add_contact(&cold.id, &visit("2026-07-01T10:00"))
        .unwrap();

    let rows = |query: CardQuery| {
        let page = ledger
            .list_cards(&CardQuery {
                limit: 100,
                ..query
            })
            .unwrap();
        page.rows
            .into_iter()
            .map(|r| (r.name, r.days_since_contact))
            .collect::<Vec<_>>()
    };
    let by_last_contact = rows(CardQuery {
        sort: CardSort::LastContact,
        ..CardQuery::default()
    });
    assert_eq!(
        by_last_contact,
        [
            ("未接触の会社".to_owned(), None),
            ("ご無沙汰の会社".to_owned(), Some(115)),
            ("最近の会社".to_owned(), Some(4)),
        ]
    );
    let silent = rows(CardQuery {
        silent_days: Some(60),
        ..CardQuery::default()
    });
    assert_eq!(
        silent.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
        ["ご無沙汰の会社", "未接触の会社"]
    );

    // The dot beside each: recent, getting old, cold, by the thresholds in Settings (the core
    // says which, so the window and the Excel list agree); never contacted is cold.
    let cues = |ledger: &daicho_core::Ledger| {
        let page = ledger
            .list_cards(&CardQuery {
                sort: CardSort::LastContact,
                limit: 100,
                ..CardQuery::default()
            })
            .unwrap();
        page.rows
            .into_iter()
            .map(|r| r.contact_cue.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(cues(&ledger), ["cold", "cold", "recent"]);
    ledger.set_contact_thresholds(ContactThresholds {
        ageing_days: 3,
        cold_days: 120,
    });
    assert_eq!(cues(&ledger), ["cold", "ageing", "ageing"]);
}

/// 000 ② 取引先会議: one meeting many customers came to is logged on each card in one step,
/// without key persons (each card has its own); a card in the trash refuses it and nothing is
/// written.
#[test]
fn one_meeting_is_logged_on_each_card_that_came_or_on_none() {
    use daicho_core::contact::{ContactFields, ContactKind};
    let mut l = ledger();
    let a = l.create_card(&organisation("青葉精機", "")).unwrap();
    let b = l.create_card(&organisation("千葉商会", "")).unwrap();
    let c = l.create_card(&organisation("坂本物産", "")).unwrap();
    let person = l.add_key_person(&a.id, &person("田中 一郎")).unwrap();
    let meeting = ContactFields {
        kind: ContactKind::Meeting,
        at: "2026-11-20T15:00".into(),
        purpose: "取引先会議（秋）".into(),
        participants: vec![person.id],
        ..ContactFields::default()
    };
    assert_eq!(
        l.add_contact_to_cards(&[a.id.clone(), b.id.clone(), a.id.clone()], &meeting)
            .unwrap(),
        2
    );
    for id in [&a.id, &b.id] {
        let logged = l.contacts(id).unwrap();
        assert_eq!(logged.len(), 1);
        assert_eq!(logged[0].fields.purpose, "取引先会議（秋）");
        assert!(logged[0].fields.participants.is_empty());
    }
    l.trash_card(&c.id).unwrap();
    assert!(l
        .add_contact_to_cards(&[b.id.clone(), c.id.clone()], &meeting)
        .is_err());
    assert_eq!(l.contacts(&b.id).unwrap().len(), 1, "nothing written");
}

/// 001 促进成交 (签约成交): a negotiation ends won or lost with why; a decided deal no longer
/// counts among those open beyond the customer's credit limit.
#[test]
fn a_negotiation_ends_won_or_lost_and_a_decided_deal_is_no_longer_open() {
    use daicho_core::contact::{ContactFields, ContactKind, DealResult, Negotiation};
    let mut l = ledger();
    let mut fields = organisation("東洋商事", "");
    fields.standing.credit_limit = Some(1_000_000);
    let card = l.create_card(&fields).unwrap();
    let deal = |result: Option<DealResult>, note: &str| ContactFields {
        kind: ContactKind::Negotiation,
        at: "2026-11-10T10:00".into(),
        negotiation: Some(Negotiation {
            stage: "見積提示".into(),
            amount: Some(3_500_000),
            result,
            result_note: note.into(),
            ..Negotiation::default()
        }),
        ..ContactFields::default()
    };
    l.add_contact(&card.id, &deal(None, "")).unwrap();
    let won = l
        .add_contact(&card.id, &deal(Some(DealResult::Won), "契約番号 K-2611-04"))
        .unwrap();
    let saved = won.fields.negotiation.unwrap();
    assert_eq!(
        (saved.result, saved.result_note.as_str()),
        (Some(DealResult::Won), "契約番号 K-2611-04")
    );
    let summary = l.card_sales(&card.id, None).unwrap().summary;
    assert_eq!(summary.negotiations_over_limit, 1, "only the open one");
    // The note is a line like any other.
    let long = "長".repeat(501);
    assert!(l
        .add_contact(&card.id, &deal(Some(DealResult::Lost), &long))
        .is_err());
}

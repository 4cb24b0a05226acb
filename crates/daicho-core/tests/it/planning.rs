//! Follow-ups across the ledger and the visit plan with its pre-visit brief. The test clock says
//! today is Tuesday 2026-11-24.

use daicho_core::contact::{Complaint, ComplaintState, ContactFields, ContactKind, FollowUpBucket};
use daicho_core::error::Coded;
use daicho_core::notes::{Certainty, Grade, NoteFields};
use daicho_core::visit::VisitCandidateQuery;
use daicho_core::Ledger;
use expect_test::expect;

use super::{ledger, organisation};

fn promise(at: &str, action: &str, due: &str) -> ContactFields {
    ContactFields {
        kind: ContactKind::Visit,
        at: at.into(),
        next_action: action.into(),
        next_action_due: Some(due.into()),
        ..ContactFields::default()
    }
}

fn follow_ups(ledger: &Ledger) -> Vec<String> {
    ledger
        .follow_ups()
        .unwrap()
        .items
        .into_iter()
        .map(|f| {
            format!(
                "{} {:?} {} {} ({} days late)",
                f.due, f.bucket, f.card_name, f.next_action, f.days_overdue
            )
        })
        .collect()
}

#[test]
fn follow_ups_are_grouped_overdue_today_this_week_later() {
    let mut ledger = ledger();
    let toyo = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    let hokuto = ledger.create_card(&organisation("北斗運輸", "")).unwrap();
    for (card, due) in [
        (&toyo, "2026-11-20"),
        (&hokuto, "2026-11-24"),
        (&toyo, "2026-11-29"),
        (&hokuto, "2026-11-30"),
    ] {
        ledger
            .add_contact(&card.id, &promise("2026-11-10T10:00", "見積を送る", due))
            .unwrap();
    }
    let mut done = promise("2026-11-10T11:00", "済んだこと", "2026-11-11");
    done.next_action_done_at = Some("2026-11-11T09:00".into());
    ledger.add_contact(&toyo.id, &done).unwrap();

    expect![[r#"
        [
            "2026-11-20 Overdue 東洋商事 見積を送る (4 days late)",
            "2026-11-24 Today 北斗運輸 見積を送る (0 days late)",
            "2026-11-29 ThisWeek 東洋商事 見積を送る (0 days late)",
            "2026-11-30 Later 北斗運輸 見積を送る (0 days late)",
        ]
    "#]]
    .assert_debug_eq(&follow_ups(&ledger));
    assert_eq!(ledger.overdue_follow_ups().unwrap(), 1);

    // A card in the trash takes its follow-ups with it.
    ledger.trash_card(&hokuto.id).unwrap();
    assert_eq!(follow_ups(&ledger).len(), 2);
}

#[test]
fn a_follow_up_is_rescheduled_or_done_with_the_contact_that_did_it() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    let first = ledger
        .add_contact(
            &card.id,
            &promise("2026-11-10T10:00", "見積を送る", "2026-11-20"),
        )
        .unwrap();

    // Not before the contact that promised it.
    let error = ledger
        .reschedule_follow_up(&first.id, "2026-11-01")
        .unwrap_err();
    assert_eq!(error.fields()[0].rule, "before_contact");
    ledger
        .reschedule_follow_up(&first.id, "2026-12-01")
        .unwrap();
    assert_eq!(
        ledger.follow_ups().unwrap().items[0].bucket,
        FollowUpBucket::Later
    );

    // A bad log refuses the whole step: the follow-up stays open.
    let bad = ContactFields {
        kind: ContactKind::Phone,
        ..ContactFields::default()
    };
    let error = ledger
        .complete_follow_up(&first.id, Some(&bad))
        .unwrap_err();
    assert_eq!(error.code(), "card.invalid");
    assert_eq!(ledger.follow_ups().unwrap().items.len(), 1);

    let call = ContactFields {
        kind: ContactKind::Phone,
        at: "2026-11-24T09:00".into(),
        content: "見積を送付した".into(),
        ..ContactFields::default()
    };
    let logged = ledger.complete_follow_up(&first.id, Some(&call)).unwrap();
    assert!(logged.is_some());
    assert!(ledger.follow_ups().unwrap().items.is_empty());
    let contacts = ledger.contacts(&card.id).unwrap();
    assert_eq!(contacts.len(), 2);
    assert!(contacts[1].fields.next_action_done_at.is_some());
}

#[test]
fn a_week_is_planned_from_due_follow_ups_and_customers_not_visited_and_reordered() {
    let mut ledger = ledger();
    let mut tokyo = organisation("東洋商事", "");
    tokyo.region = "東京都".into();
    tokyo.city = "千代田区".into();
    let toyo = ledger.create_card(&tokyo).unwrap();
    let mut osaka = organisation("北斗運輸", "");
    osaka.region = "大阪府".into();
    let hokuto = ledger.create_card(&osaka).unwrap();
    let mut seen = organisation("旭電機", "");
    seen.region = "東京都".into();
    let asahi = ledger.create_card(&seen).unwrap();
    ledger
        .add_contact(
            &toyo.id,
            &promise("2026-11-02T10:00", "見積を送る", "2026-11-26"),
        )
        .unwrap();
    ledger
        .add_contact(&asahi.id, &promise("2026-11-20T10:00", "", "2026-12-20"))
        .unwrap();

    let names = |query: VisitCandidateQuery| -> Vec<String> {
        ledger
            .visit_candidates(&query)
            .unwrap()
            .into_iter()
            .map(|c| {
                format!(
                    "{} due={} since={:?}",
                    c.card_name, c.due_follow_ups, c.days_since_visit
                )
            })
            .collect()
    };
    expect![[r#"
        [
            "東洋商事 due=1 since=Some(22)",
            "北斗運輸 due=0 since=None",
        ]
    "#]]
    .assert_debug_eq(&names(VisitCandidateQuery {
        due_by: Some("2026-11-29".into()),
        not_visited_days: Some(14),
        ..VisitCandidateQuery::default()
    }));
    let in_tokyo = names(VisitCandidateQuery {
        not_visited_days: Some(14),
        region: "東京".into(),
        ..VisitCandidateQuery::default()
    });
    assert_eq!(in_tokyo, ["東洋商事 due=0 since=Some(22)"]);

    let a = ledger
        .plan_visit(&toyo.id, "2026-11-25", "見積の説明")
        .unwrap();
    let b = ledger.plan_visit(&hokuto.id, "2026-11-25", "").unwrap();
    let c = ledger.plan_visit(&asahi.id, "2026-11-26", "").unwrap();
    assert_eq!((a.position, b.position, c.position), (0, 1, 0));
    let plan = |ledger: &Ledger| -> Vec<String> {
        ledger
            .visit_plan("2026-11-23", "2026-11-29")
            .unwrap()
            .into_iter()
            .map(|v| format!("{} {} {}", v.planned_on, v.position, v.card_name))
            .collect()
    };
    ledger.move_visit(&b.id, "2026-11-25", 0).unwrap();
    ledger.move_visit(&c.id, "2026-11-25", 1).unwrap();
    expect![[r#"
        [
            "2026-11-25 0 北斗運輸",
            "2026-11-25 1 旭電機",
            "2026-11-25 2 東洋商事",
        ]
    "#]]
    .assert_debug_eq(&plan(&ledger));
    ledger.remove_visit(&c.id).unwrap();
    assert_eq!(
        plan(&ledger),
        ["2026-11-25 0 北斗運輸", "2026-11-25 1 東洋商事"]
    );
    assert_eq!(
        ledger
            .plan_visit(&toyo.id, "2026-13-01", "")
            .unwrap_err()
            .fields()[0]
            .rule,
        "invalid_date"
    );
    assert_eq!(
        ledger.plan_visit(&toyo.id, "", "").unwrap_err().fields()[0].rule,
        "required"
    );

    // Logging the visit from the plan is one step, once.
    let visit = ContactFields {
        kind: ContactKind::Visit,
        at: "2026-11-25T10:00".into(),
        ..ContactFields::default()
    };
    ledger.log_visit(&a.id, &visit).unwrap();
    assert_eq!(
        ledger.log_visit(&a.id, &visit).unwrap_err().code(),
        "visit.already_logged"
    );
    let stats = ledger.stats().unwrap();
    assert_eq!((stats.planned_visits, stats.logged_visits), (2, 1));
    assert_eq!(ledger.contacts(&toyo.id).unwrap().len(), 2);

    // A card in the trash leaves the plan; restored, it is back.
    ledger.trash_card(&hokuto.id).unwrap();
    assert_eq!(plan(&ledger), ["2026-11-25 1 東洋商事"]);
    ledger.restore_card(&hokuto.id).unwrap();
    assert_eq!(plan(&ledger).len(), 2);
}

#[test]
fn the_brief_has_recent_contacts_open_complaints_open_actions_and_unverified_notes() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    for day in 1..=4 {
        ledger
            .add_contact(
                &card.id,
                &ContactFields {
                    next_action_due: None,
                    ..promise(&format!("2026-11-0{day}T10:00"), "", "")
                },
            )
            .unwrap();
    }
    ledger
        .add_contact(
            &card.id,
            &promise("2026-11-05T10:00", "電話する", "2026-11-30"),
        )
        .unwrap();
    let complaint = ContactFields {
        kind: ContactKind::Complaint,
        at: "2026-10-01T10:00".into(),
        complaint: Some(Complaint {
            state: Some(ComplaintState::InProgress),
            ..Complaint::default()
        }),
        ..ContactFields::default()
    };
    ledger.add_contact(&card.id, &complaint).unwrap();
    let note = |content: &str, certainty, reliability| NoteFields {
        noted_on: "2026-11-01".into(),
        content: content.into(),
        certainty,
        reliability,
        ..NoteFields::default()
    };
    ledger
        .add_note(
            &card.id,
            &note("工場新設の噂", Certainty::Speculation, Grade::Medium),
        )
        .unwrap();
    ledger
        .add_note(
            &card.id,
            &note("社長が交代した", Certainty::Fact, Grade::High),
        )
        .unwrap();

    let brief = ledger.visit_brief(&card.id).unwrap();
    let ats: Vec<&str> = brief
        .recent_contacts
        .iter()
        .map(|c| c.fields.at.as_str())
        .collect();
    assert_eq!(
        ats,
        ["2026-11-05T10:00", "2026-11-04T10:00", "2026-11-03T10:00"]
    );
    assert_eq!(brief.open_complaints.len(), 1);
    assert_eq!(brief.open_actions.len(), 1);
    assert_eq!(brief.open_actions[0].fields.next_action, "電話する");
    let unverified: Vec<&str> = brief
        .unverified_notes
        .iter()
        .map(|n| n.fields.content.as_str())
        .collect();
    assert_eq!(unverified, ["工場新設の噂"]);
    assert_eq!(brief.last_visit_at.as_deref(), Some("2026-11-05T10:00"));
}

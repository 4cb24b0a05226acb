//! Intelligence notes: recording graded notes, validation, history, the notes page's filters,
//! and notes travelling to the trash and back with their card.

use daicho_core::card::{HistoryAction, HistoryEntity};
use daicho_core::error::Coded;
use daicho_core::ids::CardId;
use daicho_core::notes::{Certainty, Grade, NoteCategory, NoteFields, NoteQuery};
use daicho_core::Ledger;
use expect_test::expect;

use super::{ledger, organisation};

fn note(content: &str) -> NoteFields {
    NoteFields {
        noted_on: "2026-11-20".into(),
        content: content.into(),
        ..NoteFields::default()
    }
}

fn issues(ledger: &mut Ledger, card_id: &CardId, fields: &NoteFields) -> String {
    let error = ledger.add_note(card_id, fields).unwrap_err();
    error
        .fields()
        .iter()
        .map(|i| format!("{} {}", i.field, i.rule))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The contents of the notes page for `query`.
fn page(ledger: &Ledger, query: NoteQuery) -> Vec<String> {
    ledger
        .list_notes(&query)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| format!("{}: {}", r.card_name, r.note.fields.content))
        .collect()
}

#[test]
fn a_graded_note_is_kept_on_its_card_with_its_history() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    let fields = NoteFields {
        category: NoteCategory::Competitor,
        source_who: "受付の方".into(),
        source_where: "訪問時の雑談".into(),
        certainty: Certainty::Speculation,
        reliability: Grade::Low,
        urgency: Grade::High,
        find_out_next: "見積条件を確かめる".into(),
        share: true,
        ..note("競合A社が2割引きの見積を出したらしい")
    };
    let saved = ledger.add_note(&card.id, &fields).unwrap();
    assert_eq!(saved.fields, fields);
    assert_eq!(
        ledger.notes(&card.id).unwrap(),
        std::slice::from_ref(&saved)
    );

    let judged = NoteFields {
        judgement: "来週の会議で対策を決める".into(),
        judgement_on: Some("2026-11-22".into()),
        ..fields.clone()
    };
    let updated = ledger
        .update_note(&saved.id, saved.version, &judged)
        .unwrap();
    assert_eq!(updated.version, saved.version + 1);
    assert_eq!(
        ledger
            .update_note(&saved.id, saved.version, &fields)
            .unwrap_err()
            .code(),
        "card.stale"
    );
    ledger.delete_note(&saved.id).unwrap();

    let history: Vec<String> = ledger
        .history(&card.id)
        .unwrap()
        .into_iter()
        .filter(|h| h.entity == HistoryEntity::Note)
        .map(|h| {
            format!(
                "{:?} {} {} -> {}",
                h.action,
                h.field,
                h.old_value.unwrap_or_default(),
                h.new_value.unwrap_or_default()
            )
        })
        .collect();
    expect![[r#"
        [
            "Deleted  競合A社が2割引きの見積を出したらしい -> ",
            "Changed judgement_on  -> 2026-11-22",
            "Changed judgement  -> 来週の会議で対策を決める",
            "Created   -> competitor",
        ]
    "#]]
    .assert_debug_eq(&history);
    assert!(ledger
        .history(&card.id)
        .unwrap()
        .iter()
        .all(|h| h.entity != HistoryEntity::Note || h.action != HistoryAction::Restored));
}

#[test]
fn bad_notes_are_refused_field_by_field_and_nothing_is_saved() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("北斗運輸", "")).unwrap();
    expect!["noted_on required, content required"].assert_eq(&issues(
        &mut ledger,
        &card.id,
        &NoteFields::default(),
    ));
    let fields = NoteFields {
        noted_on: "2026-02-30".into(),
        judgement_on: Some("2026-11-01".into()),
        ..note("増産の噂")
    };
    expect!["noted_on invalid_date, judgement required"].assert_eq(&issues(
        &mut ledger,
        &card.id,
        &fields,
    ));
    let fields = NoteFields {
        judgement: "確認せよ".into(),
        judgement_on: Some("2026-11-01".into()),
        ..note("増産の噂")
    };
    expect!["judgement_on before_note"].assert_eq(&issues(&mut ledger, &card.id, &fields));
    assert_eq!(
        ledger
            .add_note(&"0190f0e0-0000-7000-8000-000000000000".into(), &note("x"))
            .unwrap_err()
            .code(),
        "card.not_found"
    );
    assert_eq!(ledger.stats().unwrap().notes, 0);
    assert!(
        ledger.history(&card.id).unwrap().len() == 1,
        "only the card's creation"
    );
}

#[test]
fn the_notes_page_filters_by_grade_certainty_category_sharing_and_text() {
    let mut ledger = ledger();
    let toyo = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    let hokuto = ledger.create_card(&organisation("北斗運輸", "")).unwrap();
    let rumour = NoteFields {
        certainty: Certainty::Speculation,
        urgency: Grade::High,
        category: NoteCategory::Person,
        ..note("購買部長が異動するとの噂")
    };
    ledger.add_note(&toyo.id, &rumour).unwrap();
    ledger
        .add_note(
            &toyo.id,
            &NoteFields {
                share: true,
                noted_on: "2026-11-21".into(),
                ..note("新工場の建設が決まった")
            },
        )
        .unwrap();
    ledger
        .add_note(
            &hokuto.id,
            &NoteFields {
                urgency: Grade::High,
                noted_on: "2026-11-19".into(),
                ..note("支払いサイトの延長を打診している")
            },
        )
        .unwrap();

    expect![[r#"
        [
            "東洋商事: 新工場の建設が決まった",
            "東洋商事: 購買部長が異動するとの噂",
            "北斗運輸: 支払いサイトの延長を打診している",
        ]
    "#]]
    .assert_debug_eq(&page(&ledger, NoteQuery::default()));
    let urgent_speculation = NoteQuery {
        urgency: Some(Grade::High),
        certainty: Some(Certainty::Speculation),
        ..NoteQuery::default()
    };
    expect![[r#"
        [
            "東洋商事: 購買部長が異動するとの噂",
        ]
    "#]]
    .assert_debug_eq(&page(&ledger, urgent_speculation));
    let shared = NoteQuery {
        share: Some(true),
        ..NoteQuery::default()
    };
    assert_eq!(page(&ledger, shared), ["東洋商事: 新工場の建設が決まった"]);
    let people = NoteQuery {
        category: Some(NoteCategory::Person),
        ..NoteQuery::default()
    };
    assert_eq!(page(&ledger, people).len(), 1);
    // Text finds the note's words and the card's name, in any width.
    let by_text = |text: &str| {
        page(
            &ledger,
            NoteQuery {
                text: text.into(),
                ..NoteQuery::default()
            },
        )
    };
    assert_eq!(by_text("工場"), ["東洋商事: 新工場の建設が決まった"]);
    assert_eq!(by_text("北斗").len(), 1);
    assert!(by_text("100%").is_empty());
}

#[test]
fn notes_and_visits_go_to_the_trash_with_their_card_and_come_back_and_emptying_leaves_no_orphans() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("旭電機", "")).unwrap();
    let saved = ledger.add_note(&card.id, &note("増産の計画あり")).unwrap();

    ledger.trash_card(&card.id).unwrap();
    assert!(
        page(&ledger, NoteQuery::default()).is_empty(),
        "the notes page leaves out cards in the trash"
    );
    assert_eq!(
        ledger.notes(&card.id).unwrap().len(),
        1,
        "kept with the card"
    );
    assert_eq!(
        ledger.delete_note(&saved.id).unwrap_err().code(),
        "card.in_trash"
    );
    assert_eq!(
        ledger.add_note(&card.id, &note("x")).unwrap_err().code(),
        "card.in_trash"
    );

    ledger.restore_card(&card.id).unwrap();
    assert_eq!(
        page(&ledger, NoteQuery::default()),
        ["旭電機: 増産の計画あり"]
    );

    ledger.plan_visit(&card.id, "2026-11-25", "").unwrap();
    ledger.trash_card(&card.id).unwrap();
    assert!(ledger
        .visit_plan("2026-11-23", "2026-11-29")
        .unwrap()
        .is_empty());
    ledger.empty_trash().unwrap();
    let orphans: u32 = ledger
        .connection()
        .query_row(
            "SELECT (SELECT count(*) FROM notes) + (SELECT count(*) FROM card_history)
                  + (SELECT count(*) FROM planned_visits) + (SELECT count(*) FROM contacts)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

/// Notes reach the superior (002): the ones not judged yet are a queue, the judgement is recorded
/// with its date (and in the card's history), and the intelligence report lists what a meeting
/// needs, the most urgent first.
#[test]
fn the_superior_judges_the_queue_and_the_intelligence_report_copies_it_for_a_meeting() {
    use calamine::{open_workbook, Reader, Xlsx};
    use daicho_core::report::{ReportKind, ReportRequest};
    let mut l = ledger();
    let card = l.create_card(&organisation("青葉精機", "")).unwrap();
    let mut urgent = note("来期に設備を全面更新する予算");
    urgent.urgency = Grade::High;
    urgent.source_who = "購買課長".into();
    let first = l.add_note(&card.id, &note("競合が値下げを打診")).unwrap();
    let second = l.add_note(&card.id, &urgent).unwrap();
    let queue = |l: &Ledger| {
        l.list_notes(&NoteQuery {
            awaiting_judgement: true,
            ..NoteQuery::default()
        })
        .unwrap()
        .total
    };
    assert_eq!(queue(&l), 2);
    assert!(
        l.judge_note(&first.id, "  ").is_err(),
        "a judgement says something"
    );
    let judged = l.judge_note(&second.id, "春の提案に入れる").unwrap();
    assert_eq!(judged.fields.judgement_on.as_deref(), Some("2026-11-24"));
    assert_eq!(queue(&l), 1);
    assert!(l
        .history(&card.id)
        .unwrap()
        .iter()
        .any(|h| h.entity == HistoryEntity::Note && h.field == "judgement"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intel.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Intelligence,
        lang: daicho_core::i18n::Lang::Ja,
        ..ReportRequest::default()
    };
    let rows = l
        .export_report(
            &request,
            &path,
            daicho_core::output::Existing::Refuse,
            &mut |_, _| {},
        )
        .unwrap()
        .rows;
    assert_eq!(rows, 2);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book.sheet_names()[0].clone();
    assert_eq!(sheet, "情報");
    let cells: Vec<String> = book
        .worksheet_range(&sheet)
        .unwrap()
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    let urgent_at = cells
        .iter()
        .position(|c| c == "来期に設備を全面更新する予算")
        .unwrap();
    let other_at = cells
        .iter()
        .position(|c| c == "競合が値下げを打診")
        .unwrap();
    assert!(urgent_at < other_at, "the most urgent first");
    assert!(cells.iter().any(|c| c == "春の提案に入れる (2026-11-24)"));
    assert!(cells.iter().any(|c| c == "購買課長"));
}

/// 002 □入手状況: who, where, and the situation a note was heard in, which its credibility
/// rests on; kept, listed, changed in the history, and printed in the intelligence report.
#[test]
fn a_notes_situation_is_kept_listed_and_printed() {
    let mut l = ledger();
    let card = l.create_card(&organisation("青葉精機", "")).unwrap();
    let mut fields = note("来期に複合機を入れ替える予定");
    fields.source_who = "購買部 高橋".into();
    fields.source_where = "展示会".into();
    fields.situation = "ブースでの立ち話で、上司のいない場で".into();
    let saved = l.add_note(&card.id, &fields).unwrap();
    assert_eq!(
        saved.fields.situation,
        "ブースでの立ち話で、上司のいない場で"
    );
    let listed = l.list_notes(&NoteQuery::default()).unwrap();
    assert_eq!(listed.rows[0].note.fields.situation, saved.fields.situation);
    assert_eq!(listed.rows[0].card_name, "青葉精機");
    let mut changed = saved.fields.clone();
    changed.situation = "正式な打合せで資料とともに".into();
    l.update_note(&saved.id, saved.version, &changed).unwrap();
    let history = l.history(&card.id).unwrap();
    assert!(history
        .iter()
        .any(|h| h.field == "situation"
            && h.new_value.as_deref() == Some("正式な打合せで資料とともに")));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("intel.xlsx");
    let request = daicho_core::report::ReportRequest {
        kind: daicho_core::report::ReportKind::Intelligence,
        notes: Some(NoteQuery::default()),
        ..daicho_core::report::ReportRequest::default()
    };
    l.export_report(
        &request,
        &path,
        daicho_core::output::Existing::Replace,
        &mut |_, _| {},
    )
    .unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = calamine::Reader::worksheet_range_at(&mut book, 0)
        .unwrap()
        .unwrap();
    assert!(sheet.rows().any(|r| r
        .iter()
        .any(|c| c.to_string().contains("正式な打合せで資料とともに"))));
}

/// 001 文字询问法 / 观察法 and 000 教育: a note learned by questionnaire or by watching the
/// customer's floor keeps how, and a session teaching the product is a contact of its own kind,
/// also when a history file calls it 研修 / 培训 / 교육.
#[test]
fn questionnaires_observations_and_trainings_are_recorded_as_such() {
    use daicho_core::contact::{ContactFields, ContactKind};
    use daicho_core::notes::NoteMeans;
    let mut l = ledger();
    let card = l.create_card(&organisation("青葉精機", "")).unwrap().id;
    for means in [NoteMeans::Questionnaire, NoteMeans::Observation] {
        let saved = l
            .add_note(
                &card,
                &NoteFields {
                    means: Some(means),
                    ..note("展示会アンケートで更新時期は来春と回答")
                },
            )
            .unwrap();
        assert_eq!(l.note(&saved.id).unwrap().fields.means, Some(means));
    }
    let training = ContactFields {
        kind: ContactKind::Training,
        at: "2026-11-20T14:00".into(),
        purpose: "新機種の操作説明".into(),
        ..ContactFields::default()
    };
    l.add_contact(&card, &training).unwrap();
    assert_eq!(
        l.contacts(&card).unwrap()[0].fields.kind,
        ContactKind::Training
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.csv");
    std::fs::write(
        &path,
        "訪問日,会社名,対応区分,内容\n2026/11/21 10:00,青葉精機,研修,操作説明会\n2026/11/22 10:00,千葉商会,培训,新人向け\n",
    )
    .unwrap();
    l.import_apply(
        &path,
        &daicho_core::import::ImportRequest {
            duplicates: daicho_core::import::DuplicateChoice::Merge,
            ..Default::default()
        },
        2,
        &mut |_, _| true,
    )
    .unwrap();
    let trainings: i64 = l
        .connection()
        .query_row(
            "SELECT count(*) FROM contacts WHERE kind = 'training'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(trainings, 3);
}

//! The rep's week beyond the visit list: appointments with times, places and whom they meet,
//! ordered by area, sent to a calendar app; the daily report and its review; messaging IDs and
//! message contacts. The test clock says today is Tuesday 2026-11-24.

use std::path::Path;

use calamine::{open_workbook, Reader, Xlsx};
use chrono::TimeZone;
use daicho_core::card::{CardFields, Messaging};
use daicho_core::contact::{ContactFields, ContactKind};
use daicho_core::error::Coded;
use daicho_core::i18n::Lang;
use daicho_core::ids::CardId;
use daicho_core::output::Existing;
use daicho_core::report::{ReportKind, ReportRequest};
use daicho_core::visit::Appointment;
use daicho_core::Ledger;

use super::{ledger, organisation, person};

fn at(place: (&str, &str, &str), name: &str) -> CardFields {
    let mut f = organisation(name, "");
    (f.postal_code, f.region, f.city) = (place.0.into(), place.1.into(), place.2.into());
    f.street = "1-2-3".into();
    f
}

fn appointment(time: &str, minutes: i32, confirmed: bool) -> Appointment {
    Appointment {
        starts_at: Some(time.into()),
        duration_minutes: Some(minutes),
        confirmed,
        ..Appointment::default()
    }
}

fn export(l: &Ledger, request: &ReportRequest, path: &Path) -> u32 {
    l.export_report(request, path, Existing::Replace, &mut |_, _| {})
        .unwrap()
        .rows
}

#[test]
fn an_appointment_keeps_its_time_place_and_people_and_overlaps_are_marked() {
    let mut l = ledger();
    let a = l
        .create_card(&at(("105-0014", "東京都", "港区"), "青葉精機"))
        .unwrap();
    let b = l
        .create_card(&at(("100-0005", "東京都", "千代田区"), "みなと物流"))
        .unwrap();
    let va = l.plan_visit(&a.id, "2026-11-25", "見積の説明").unwrap();
    let vb = l.plan_visit(&b.id, "2026-11-25", "").unwrap();
    // A new visit has no time and is not confirmed; its place is the card's address.
    assert_eq!((va.starts_at.as_deref(), va.confirmed), (None, false));
    assert_eq!(va.address, "東京都 港区 1-2-3");
    assert_eq!(va.location(), "東京都 港区 1-2-3");

    let mut first = appointment("10:00", 90, true);
    first.meeting_with = "高橋 誠 (購買部長)".into();
    first.purpose = "見積の説明".into();
    let saved = l.set_appointment(&va.id, &first).unwrap();
    assert_eq!(saved.starts_at.as_deref(), Some("10:00"));
    assert_eq!(saved.duration_minutes, Some(90));
    assert_eq!(saved.meeting_with, "高橋 誠 (購買部長)");
    assert!(saved.confirmed);
    let mut second = appointment("11:00", 60, false);
    second.place = "東京ビッグサイト 東ホール".into();
    l.set_appointment(&vb.id, &second).unwrap();

    let day = l.visit_plan("2026-11-25", "2026-11-25").unwrap();
    assert!(
        day.iter().all(|v| v.overlaps),
        "10:00–11:30 and 11:00–12:00 overlap"
    );
    assert_eq!(day[1].location(), "東京ビッグサイト 東ホール");
    // Moved to 11:30, they follow each other without overlapping.
    l.set_appointment(&vb.id, &appointment("11:30", 60, false))
        .unwrap();
    let day = l.visit_plan("2026-11-25", "2026-11-25").unwrap();
    assert!(day.iter().all(|v| !v.overlaps));
    // The brief shows the customer's next appointment.
    let next = l.visit_brief(&a.id).unwrap().next_visit.unwrap();
    assert_eq!((next.id, next.starts_at.as_deref()), (va.id, Some("10:00")));
}

#[test]
fn a_bad_time_or_length_is_refused_and_the_appointment_stays_as_it_was() {
    let mut l = ledger();
    let a = l.create_card(&organisation("青葉精機", "")).unwrap();
    let v = l.plan_visit(&a.id, "2026-11-25", "").unwrap();
    l.set_appointment(&v.id, &appointment("09:00", 30, true))
        .unwrap();
    for (bad, field) in [
        (appointment("25:00", 30, false), "starts_at"),
        (appointment("9時", 30, false), "starts_at"),
        (appointment("10:00", 0, false), "duration_minutes"),
        (appointment("10:00", 24 * 60, false), "duration_minutes"),
    ] {
        let err = l.set_appointment(&v.id, &bad).unwrap_err().report();
        assert_eq!(err.fields[0].field, field, "{bad:?}");
    }
    let mut hostile = appointment("10:00", 30, false);
    hostile.place = "a\u{7}b".into();
    assert!(l.set_appointment(&v.id, &hostile).is_err());
    let kept = &l.visit_plan("2026-11-25", "2026-11-25").unwrap()[0];
    assert_eq!(
        (
            kept.starts_at.as_deref(),
            kept.duration_minutes,
            kept.confirmed
        ),
        (Some("09:00"), Some(30), true)
    );
}

#[test]
fn a_days_route_is_ordered_by_postal_code_and_place_with_addressless_visits_last() {
    let mut l = ledger();
    let cards = [
        at(("530-0001", "大阪府", "大阪市北区"), "大阪商事"),
        at(("", "", ""), "住所なし商店"),
        at(("105-0014", "東京都", "港区"), "港区精機"),
        at(("", "東京都", "新宿区"), "新宿物産"),
        at(("100-0005", "東京都", "千代田区"), "丸の内工業"),
    ];
    for f in &cards {
        let card = l.create_card(f).unwrap();
        l.plan_visit(&card.id, "2026-11-26", "").unwrap();
    }
    let ordered = l.order_visits_by_area("2026-11-26").unwrap();
    let names: Vec<&str> = ordered.iter().map(|v| v.card_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "丸の内工業",
            "港区精機",
            "大阪商事",
            "新宿物産",
            "住所なし商店"
        ]
    );
    assert_eq!(
        ordered.iter().map(|v| v.position).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
}

fn ics_lines(path: &Path) -> Vec<String> {
    // Unfold RFC 5545's continuation lines before reading.
    std::fs::read_to_string(path)
        .unwrap()
        .replace("\r\n ", "")
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_weeks_appointments_go_to_a_calendar_file_in_the_reps_time_zone() {
    let mut l = ledger();
    let a = l
        .create_card(&at(
            ("105-0014", "東京都", "港区"),
            "青葉精機, 本社; 第2工場",
        ))
        .unwrap();
    let b = l
        .create_card(&at(("100-0005", "東京都", "千代田区"), "みなと物流"))
        .unwrap();
    let c = l.create_card(&organisation("来週の会社", "")).unwrap();
    let timed = l.plan_visit(&a.id, "2026-11-25", "").unwrap();
    let mut agreed = appointment("14:30", 45, true);
    agreed.meeting_with = "高橋 誠".into();
    agreed.purpose = "新製品の紹介".into();
    l.set_appointment(&timed.id, &agreed).unwrap();
    let untimed = l.plan_visit(&b.id, "2026-11-27", "").unwrap();
    l.plan_visit(&c.id, "2026-12-02", "").unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("week.ics");
    let request = ReportRequest {
        kind: ReportKind::Ics,
        lang: Lang::Ja,
        ..ReportRequest::default()
    };
    // This week only (Monday 23 to Sunday 29 November).
    assert_eq!(export(&l, &request, &path), 2);
    let lines = ics_lines(&path);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    let start = chrono::Local
        .from_local_datetime(
            &chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
                .unwrap()
                .and_hms_opt(14, 30, 0)
                .unwrap(),
        )
        .earliest()
        .unwrap()
        .with_timezone(&chrono::Utc);
    let end = start + chrono::Duration::minutes(45);
    assert!(
        lines.contains(&format!("DTSTART:{}", start.format("%Y%m%dT%H%M%SZ"))),
        "{lines:?}"
    );
    assert!(
        lines.contains(&format!("DTEND:{}", end.format("%Y%m%dT%H%M%SZ"))),
        "{lines:?}"
    );
    assert!(lines.contains(&"STATUS:CONFIRMED".to_owned()));
    // A visit with no agreed time is an all-day entry of its day, tentative until confirmed.
    assert!(
        lines.contains(&"DTSTART;VALUE=DATE:20261127".to_owned()),
        "{lines:?}"
    );
    assert!(lines.contains(&"STATUS:TENTATIVE".to_owned()));
    // Commas and semicolons in customer text are escaped, not taken as separators.
    assert!(
        lines.contains(&"SUMMARY:訪問: 青葉精機\\, 本社\\; 第2工場".to_owned()),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DESCRIPTION:目的: 新製品の紹介\\n面談相手: 高橋 誠")),
        "{lines:?}"
    );
    assert!(lines.contains(&format!("UID:{}@daicho", timed.id)));
    assert!(lines.contains(&"LOCATION:東京都 千代田区 1-2-3".to_owned()));

    // One visit alone, from its brief.
    let one = dir.path().join("one.ics");
    let request = ReportRequest {
        kind: ReportKind::Ics,
        lang: Lang::En,
        visit_id: Some(untimed.id.clone()),
        ..ReportRequest::default()
    };
    assert_eq!(export(&l, &request, &one), 1);
    assert!(ics_lines(&one).contains(&"SUMMARY:Visit: みなと物流".to_owned()));
    // An empty week leaves no file behind.
    let empty = dir.path().join("empty.ics");
    let request = ReportRequest {
        kind: ReportKind::Ics,
        from: Some("2027-01-04".into()),
        to: Some("2027-01-10".into()),
        ..ReportRequest::default()
    };
    let err = l
        .export_report(&request, &empty, Existing::Refuse, &mut |_, _| {})
        .unwrap_err();
    assert_eq!(err.report().code, "report.empty");
    assert!(!empty.exists());
}

fn contact(kind: ContactKind, at: &str, purpose: &str) -> ContactFields {
    ContactFields {
        kind,
        at: at.into(),
        purpose: purpose.into(),
        outcome: format!("{purpose}: 前向き"),
        ..ContactFields::default()
    }
}

fn day_with_work() -> (Ledger, CardId) {
    let mut l = ledger();
    let a = l.create_card(&organisation("青葉精機", "")).unwrap();
    let b = l.create_card(&organisation("みなと物流", "")).unwrap();
    let gone = l.create_card(&organisation("削除した会社", "")).unwrap();
    let planned = l.plan_visit(&a.id, "2026-11-23", "定期訪問").unwrap();
    l.plan_visit(&b.id, "2026-11-23", "見積").unwrap();
    let mut visit = contact(ContactKind::Visit, "2026-11-23T10:00", "定期訪問");
    visit.next_action = "見積書を送る".into();
    visit.next_action_due = Some("2026-11-27".into());
    l.log_visit(&planned.id, &visit).unwrap();
    l.add_contact(
        &b.id,
        &contact(ContactKind::Message, "2026-11-23T16:30", "納期の連絡"),
    )
    .unwrap();
    l.add_contact(
        &b.id,
        &contact(ContactKind::Visit, "2026-11-23T13:00", "飛び込み"),
    )
    .unwrap();
    l.add_contact(
        &a.id,
        &contact(ContactKind::Phone, "2026-11-22T18:00", "前日"),
    )
    .unwrap();
    l.add_contact(
        &gone.id,
        &contact(ContactKind::Phone, "2026-11-23T11:00", "消えた"),
    )
    .unwrap();
    l.trash_card(&gone.id).unwrap();
    (l, a.id)
}

#[test]
fn the_daily_report_holds_the_days_contacts_and_visits_done_against_planned() {
    let (l, _) = day_with_work();
    let r = l.daily_report("2026-11-23").unwrap();
    let contacts: Vec<(&str, &str, ContactKind, bool)> = r
        .contacts
        .iter()
        .map(|c| (c.time.as_str(), c.purpose.as_str(), c.kind, c.planned))
        .collect();
    assert_eq!(
        contacts,
        [
            ("10:00", "定期訪問", ContactKind::Visit, true),
            ("13:00", "飛び込み", ContactKind::Visit, false),
            ("16:30", "納期の連絡", ContactKind::Message, false),
        ]
    );
    assert_eq!(r.contacts[0].next_action_due.as_deref(), Some("2026-11-27"));
    assert_eq!(
        (r.visits_planned, r.visits_done, r.visits_unplanned),
        (2, 1, 1)
    );
    assert!(r.review.is_none());
    assert!(l.daily_report("23/11/2026").is_err());
}

#[test]
fn the_superiors_review_is_recorded_by_name_and_date_and_shows_in_the_weekly_report() {
    let (mut l, _) = day_with_work();
    let err = l.review_day("2026-11-23", "  ", "").unwrap_err().report();
    assert_eq!(err.fields[0].field, "reviewer");
    let review = l
        .review_day("2026-11-23", "佐藤 課長", "見積の回答期限を確認")
        .unwrap();
    assert_eq!(review.reviewed_on, "2026-11-24", "dated today");
    // Recorded again, the review is replaced, not doubled.
    l.review_day("2026-11-23", "佐藤 課長", "了解").unwrap();
    let r = l.daily_report("2026-11-23").unwrap();
    assert_eq!(r.review.as_ref().map(|r| r.comment.as_str()), Some("了解"));

    let facts = l
        .weekly_facts(
            daicho_core::sales::summary::Period::parse("2026-11-18..2026-11-24").unwrap(),
            None,
        )
        .unwrap();
    assert_eq!(facts.reviews.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("weekly.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Weekly,
        lang: Lang::Ja,
        ..ReportRequest::default()
    };
    export(&l, &request, &path);
    let all = cells(&path);
    assert!(all.iter().any(|c| c == "日報の確認"));
    assert!(all.iter().any(|c| c == "了解"));

    l.clear_day_review("2026-11-23").unwrap();
    assert!(l.daily_report("2026-11-23").unwrap().review.is_none());
}

fn cells(path: &Path) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    book.worksheet_range(&name)
        .unwrap()
        .rows()
        .flatten()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn the_daily_report_prints_in_each_language_with_the_review_or_lines_to_sign() {
    let (mut l, _) = day_with_work();
    let dir = tempfile::tempdir().unwrap();
    for (lang, sheet, heading) in [
        (Lang::Ja, "日報", "上司確認"),
        (Lang::Zh, "日报", "上级审阅"),
        (Lang::Ko, "일일 보고", "상사 확인"),
        (Lang::En, "Daily report", "Superior's review"),
    ] {
        let path = dir.path().join(format!("daily-{lang:?}.xlsx"));
        let request = ReportRequest {
            kind: ReportKind::Daily,
            lang,
            from: Some("2026-11-23".into()),
            ..ReportRequest::default()
        };
        assert_eq!(export(&l, &request, &path), 3);
        let book: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(book.sheet_names(), [sheet]);
        let all = cells(&path);
        assert!(all.iter().any(|c| c == heading), "{lang:?}");
        assert!(all.iter().any(|c| c == "みなと物流"));
        assert!(all.iter().any(|c| c == "見積書を送る"));
    }
    l.review_day("2026-11-23", "佐藤 課長", "良い一日").unwrap();
    let path = dir.path().join("reviewed.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Daily,
        lang: Lang::Ja,
        from: Some("2026-11-23".into()),
        ..ReportRequest::default()
    };
    export(&l, &request, &path);
    let all = cells(&path);
    assert!(all.iter().any(|c| c == "佐藤 課長"));
    assert!(all.iter().any(|c| c == "良い一日"));
}

#[test]
fn messaging_ids_are_kept_checked_and_in_the_cards_history() {
    let mut l = ledger();
    let mut f = organisation("北京鼎力机械有限公司", "");
    f.messaging = Messaging {
        wechat: "dingli_bj".into(),
        qq: "283746519".into(),
        ..Messaging::default()
    };
    let card = l.create_card(&f).unwrap();
    assert_eq!(l.card(&card.id).unwrap().fields.messaging, f.messaging);
    let mut changed = l.card(&card.id).unwrap().fields;
    changed.messaging.wechat = "dingli_sales".into();
    l.update_card(&card.id, card.version, &changed).unwrap();
    let history = l.history(&card.id).unwrap();
    assert!(history.iter().any(|h| h.field == "messaging.wechat"
        && h.old_value.as_deref() == Some("dingli_bj")
        && h.new_value.as_deref() == Some("dingli_sales")));
    // A control character in an ID is refused under its own field.
    let mut bad = l.card(&card.id).unwrap();
    bad.fields.messaging.line = "x\u{1b}[2J".into();
    let err = l
        .update_card(&card.id, bad.version, &bad.fields)
        .unwrap_err()
        .report();
    assert_eq!(err.fields[0].field, "messaging.line");

    let mut zhang = person("张伟");
    zhang.messaging.wechat = "zhangwei_dl".into();
    let kp = l.add_key_person(&card.id, &zhang).unwrap();
    assert_eq!(
        l.card(&card.id).unwrap().key_persons[0]
            .fields
            .messaging
            .wechat,
        "zhangwei_dl"
    );
    let mut moved = kp.fields.clone();
    moved.messaging.wechat = String::new();
    moved.messaging.kakaotalk = "zw_kr".into();
    l.update_key_person(&kp.id, &moved).unwrap();
    let p = &l.card(&card.id).unwrap().key_persons[0];
    assert_eq!(
        (
            p.fields.messaging.wechat.as_str(),
            p.fields.messaging.kakaotalk.as_str()
        ),
        ("", "zw_kr")
    );
}

#[test]
fn a_ledger_made_before_messages_takes_a_message_contact_after_its_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v18.daicho");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ledger-v18.daicho"),
        &copy,
    )
    .unwrap();
    let mut l = Ledger::open(&copy).unwrap();
    let id = l
        .list_cards(&daicho_core::card_list::CardQuery {
            limit: 1,
            ..Default::default()
        })
        .unwrap()
        .rows[0]
        .id
        .clone();
    let added = l
        .add_contact(
            &id,
            &contact(ContactKind::Message, "2026-11-20T09:00", "WeChat"),
        )
        .unwrap();
    assert_eq!(added.fields.kind, ContactKind::Message);
    // Any other word is still refused by the table itself.
    let refused = l.connection().execute(
        "UPDATE contacts SET kind = 'telepathy' WHERE id = ?1",
        [added.id.as_str()],
    );
    assert!(refused.is_err());
}

#[test]
fn the_superiors_check_of_a_card_is_recorded_and_the_weekly_report_lists_it() {
    let mut l = ledger();
    let card = l.create_card(&organisation("青葉精機", "")).unwrap();
    let err = l.check_card(&card.id, " ", "").unwrap_err().report();
    assert_eq!(err.fields[0].field, "checker");
    assert!(
        l.card_checks(&card.id).unwrap().is_empty(),
        "nothing was written"
    );
    l.check_card(&card.id, "佐藤 課長", "キーパーソンを更新すること")
        .unwrap();
    let checks = l.card_checks(&card.id).unwrap();
    assert_eq!(checks.len(), 1);
    assert_eq!(
        (checks[0].checked_on.as_str(), checks[0].checker.as_str()),
        ("2026-11-24", "佐藤 課長")
    );
    let facts = l
        .weekly_facts(
            daicho_core::sales::summary::Period::parse("2026-11-18..2026-11-24").unwrap(),
            None,
        )
        .unwrap();
    assert_eq!(facts.checked.len(), 1);
    assert_eq!(facts.checked[0].card_name, "青葉精機");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("weekly.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Weekly,
        lang: Lang::Ko,
        ..ReportRequest::default()
    };
    export(&l, &request, &path);
    let all = cells(&path);
    assert!(all.iter().any(|c| c == "상사가 확인한 카드"));
    assert!(all.iter().any(|c| c == "キーパーソンを更新すること"));
    // A card in the trash leaves the report; its checks stay with it.
    l.trash_card(&card.id).unwrap();
    let facts = l
        .weekly_facts(
            daicho_core::sales::summary::Period::parse("2026-11-18..2026-11-24").unwrap(),
            None,
        )
        .unwrap();
    assert!(facts.checked.is_empty());
}

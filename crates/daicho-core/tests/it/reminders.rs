//! Reminders: the days on cards, key persons and products in use, and the seasons of each
//! market, each coming up its own lead time ahead, until done. Today is 2026-11-24.

use daicho_core::card::{CardFields, CardKind, CardStatus, IndividualProfile, OrganisationProfile};
use daicho_core::error::Coded;
use daicho_core::i18n::Lang;
use daicho_core::reminders::{Greeting, ReminderKind, ReminderLeads, ReminderQuery, Reminders};
use daicho_core::Ledger;

use daicho_core::sales::summary::Period;

use super::sales::sale;
use super::{ledger, organisation, person};

fn query(greetings: &[Lang]) -> ReminderQuery {
    ReminderQuery {
        leads: ReminderLeads::default(),
        renewal_days: 90,
        greetings: greetings.to_vec(),
    }
}

fn individual(name: &str, birthday: &str) -> CardFields {
    let mut fields = CardFields::new(CardKind::Individual, name);
    fields.individual = Some(IndividualProfile {
        birthday: Some(birthday.into()),
        ..IndividualProfile::default()
    });
    fields
}

fn company(name: &str, profile: OrganisationProfile) -> CardFields {
    let mut fields = organisation(name, "");
    fields.organisation = Some(profile);
    fields
}

/// (kind, on, days, card, person, years) of a reminder.
type Seen<'a> = (ReminderKind, &'a str, i32, &'a str, &'a str, Option<u32>);

fn seen(r: &Reminders) -> Vec<Seen<'_>> {
    r.items
        .iter()
        .map(|i| {
            (
                i.kind,
                i.on.as_str(),
                i.days,
                i.card_name.as_str(),
                i.person.as_str(),
                i.years,
            )
        })
        .collect()
}

fn with_dates() -> Ledger {
    let mut l = ledger();
    l.create_card(&individual("佐藤 花子", "1980-11-28"))
        .unwrap();
    // Far off: her birthday is next summer.
    l.create_card(&individual("김 민수", "1991-07-02")).unwrap();
    let mut lost = individual("李 伟", "1985-11-25");
    lost.status = CardStatus::Lost;
    l.create_card(&lost).unwrap();
    let mut dealt = organisation("山田商事", "");
    dealt.first_deal_on = Some("2020-12-01".into());
    let dealt = l.create_card(&dealt).unwrap();
    let mut buyer = person("鈴木 一郎");
    buyer.birthday = Some("1972-11-30".into());
    l.add_key_person(&dealt.id, &buyer).unwrap();
    let harbor = l
        .create_card(&company(
            "Harbor Foods",
            OrganisationProfile {
                fiscal_year_end_month: Some(1),
                contract_renews_on: Some("2026-12-20".into()),
                decision_meeting_on: Some("2026-11-20".into()),
                licence_review_on: Some("2019-12-10".into()),
                ..OrganisationProfile::default()
            },
        ))
        .unwrap();
    // Harbor Foods buys (class A): its fiscal year end is worth a budget visit.
    l.add_transaction(&harbor.id, &sale("2026-06-01", "部品", 1, 500_000))
        .unwrap();
    l.reclassify(Period::parse("2026-01-01..2026-12-31").unwrap())
        .unwrap();
    // A meeting long past is no reminder any more; nor is the year end of one who never bought.
    l.create_card(&company(
        "北京鼎力机械有限公司",
        OrganisationProfile {
            decision_meeting_on: Some("2026-11-10".into()),
            fiscal_year_end_month: Some(12),
            ..OrganisationProfile::default()
        },
    ))
    .unwrap();
    l
}

#[test]
fn each_kind_comes_up_its_own_lead_time_ahead_and_stays_a_week_after() {
    let l = with_dates();
    let r = l.reminders(&query(&[Lang::Ja])).unwrap();
    assert_eq!(
        seen(&r),
        vec![
            (
                ReminderKind::DecisionMeeting,
                "2026-11-20",
                -4,
                "Harbor Foods",
                "",
                None
            ),
            (
                ReminderKind::Birthday,
                "2026-11-28",
                4,
                "佐藤 花子",
                "",
                Some(46)
            ),
            (
                ReminderKind::Birthday,
                "2026-11-30",
                6,
                "山田商事",
                "鈴木 一郎",
                Some(54)
            ),
            (
                ReminderKind::Anniversary,
                "2026-12-01",
                7,
                "山田商事",
                "",
                Some(6)
            ),
            (ReminderKind::Greeting, "2026-12-01", 7, "", "", None),
            (
                ReminderKind::LicenceReview,
                "2026-12-10",
                16,
                "Harbor Foods",
                "",
                None
            ),
            (
                ReminderKind::ContractRenewal,
                "2026-12-20",
                26,
                "Harbor Foods",
                "",
                None
            ),
            (
                ReminderKind::FiscalYearEnd,
                "2027-01-01",
                38,
                "Harbor Foods",
                "",
                None
            ),
        ]
    );
    assert_eq!(r.items[4].greeting, Some(Greeting::Oseibo));
    assert_eq!(r.due, 1, "only the meeting's day has come");
}

#[test]
fn the_season_s_greetings_are_those_of_the_chosen_markets() {
    let l = ledger();
    let greetings = |langs: &[Lang], days: u32| {
        let mut q = query(langs);
        q.leads = ReminderLeads::uniform(days);
        l.reminders(&q)
            .unwrap()
            .items
            .iter()
            .map(|r| (r.greeting.unwrap(), r.on.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        greetings(&[Lang::En], 40),
        vec![(Greeting::Holidays, "2026-12-25".into())]
    );
    assert_eq!(
        greetings(&[Lang::Zh, Lang::Ko], 80),
        vec![
            (Greeting::SpringFestival, "2027-02-06".into()),
            (Greeting::Seollal, "2027-02-07".into()),
        ]
    );
}

#[test]
fn a_reminder_done_goes_until_its_day_comes_again_and_can_be_opened_again() {
    let mut l = with_dates();
    let q = query(&[]);
    let birthday = l
        .reminders(&q)
        .unwrap()
        .items
        .into_iter()
        .find(|r| r.card_name == "佐藤 花子")
        .unwrap();
    l.set_reminder_done(
        ReminderKind::Birthday,
        &birthday.subject,
        &birthday.on,
        true,
    )
    .unwrap();
    assert!(l
        .reminders(&q)
        .unwrap()
        .items
        .iter()
        .all(|r| r.card_name != "佐藤 花子"));
    // Done twice is still done once.
    l.set_reminder_done(
        ReminderKind::Birthday,
        &birthday.subject,
        &birthday.on,
        true,
    )
    .unwrap();
    l.set_reminder_done(
        ReminderKind::Birthday,
        &birthday.subject,
        &birthday.on,
        false,
    )
    .unwrap();
    assert!(l.reminders(&q).unwrap().items.contains(&birthday));
}

#[test]
fn marking_a_reminder_of_nothing_is_refused_and_writes_nothing() {
    let mut l = with_dates();
    for (kind, subject, on) in [
        (ReminderKind::Birthday, "no-such-card", "2026-11-28"),
        (ReminderKind::Greeting, "valentine", "2027-02-14"),
        (ReminderKind::Greeting, "oseibo", "December"),
    ] {
        let e = l.set_reminder_done(kind, subject, on, true).unwrap_err();
        assert_eq!(e.code(), "reminder.not_found");
    }
    let rows: i64 = l
        .connection()
        .query_row("SELECT count(*) FROM reminders_done", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0);
}

#[test]
fn a_card_in_the_trash_brings_no_reminder() {
    let mut l = ledger();
    let card = l
        .create_card(&individual("佐藤 花子", "1980-11-28"))
        .unwrap();
    assert_eq!(l.reminders(&query(&[])).unwrap().items.len(), 1);
    l.trash_card(&card.id).unwrap();
    assert!(l.reminders(&query(&[])).unwrap().items.is_empty());
}

#[test]
fn a_card_whose_stored_profile_is_damaged_brings_no_reminder_and_hides_none() {
    let mut l = with_dates();
    let before = l.reminders(&query(&[])).unwrap().items.len();
    let card = l
        .create_card(&company(
            "壊れ商事",
            OrganisationProfile {
                contract_renews_on: Some("2026-12-01".into()),
                ..OrganisationProfile::default()
            },
        ))
        .unwrap();
    assert_eq!(l.reminders(&query(&[])).unwrap().items.len(), before + 1);
    // Damaged on disk (written here by SQL): the other reminders still come.
    l.connection()
        .execute(
            "UPDATE cards SET organisation = '{\"contract_renews_on\": [broken' WHERE id = ?1",
            [&card.id],
        )
        .unwrap();
    assert_eq!(l.reminders(&query(&[])).unwrap().items.len(), before);
}

#[test]
fn reminders_read_the_dates_of_a_ledger_from_their_own_indexes() {
    let l = ledger();
    let plan = |sql: &str| super::query_plan(&l, sql);
    let cards = plan(daicho_core::reminders::CARD_DATES);
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert!(
        cards[0].contains("USING COVERING INDEX cards_reminder_dates"),
        "{cards:?}"
    );
    // The few key persons with a birthday lead; their cards are looked up one by one.
    let persons = plan(daicho_core::reminders::PERSON_BIRTHDAYS);
    assert!(
        persons[0].contains("INDEX key_persons_birthdays"),
        "{persons:?}"
    );
    assert!(
        persons[1..].iter().all(|step| step.contains("id=?)")),
        "{persons:?}"
    );
    let overdue =
        plan(&daicho_core::contact::followup::OVERDUE_COUNT.replace("?1", "'2026-11-24'"));
    assert!(
        overdue
            .iter()
            .any(|step| step.contains("USING COVERING INDEX contacts_open_actions")),
        "{overdue:?}"
    );
}

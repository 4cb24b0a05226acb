//! Creating, editing, deleting and restoring cards and key persons, with their history.

use daicho_core::card::{
    CardKind, CardStatus, HistoryAction, HistoryEntity, IndividualProfile, KeyRole,
};
use daicho_core::error::{CardError, Coded};
use daicho_core::ids::{CardId, KeyPersonId};
use expect_test::expect;

use super::{ledger, organisation, person};

#[test]
fn a_new_card_gets_a_uuid_a_generated_code_and_a_created_entry() {
    let mut ledger = ledger();
    let card = ledger
        .create_card(&organisation("株式会社東洋商事", "トウヨウショウジ"))
        .unwrap();
    assert!(uuid::Uuid::parse_str(&card.id).is_ok());
    assert_eq!(card.fields.code, "C-000001");
    assert_eq!(card.version, 1);
    assert_eq!(card.created_at, "2026-11-24T09:30:00.000Z");
    let second = ledger.create_card(&organisation("大和工業", "")).unwrap();
    assert_eq!(second.fields.code, "C-000002");

    let history = ledger.history(&card.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].action, HistoryAction::Created);
    assert_eq!(history[0].actor, "山田 太郎");
}

#[test]
fn a_customer_code_is_unique_and_editable() {
    let mut ledger = ledger();
    let mut fields = organisation("A社", "");
    fields.code = "TOKYO-1".into();
    let a = ledger.create_card(&fields).unwrap();
    assert_eq!(a.fields.code, "TOKYO-1");
    let err = ledger.create_card(&fields).unwrap_err();
    expect![[r#"[FieldIssue { field: "code", rule: "taken", limit: None }]"#]]
        .assert_eq(&format!("{:?}", err.fields()));

    // A generated code skips codes a user already took.
    fields.code = "C-000001".into();
    ledger.create_card(&fields).unwrap();
    let generated = ledger.create_card(&organisation("B社", "")).unwrap();
    assert_eq!(generated.fields.code, "C-000002");

    let mut edited = a.fields.clone();
    edited.code = "OSAKA-7".into();
    assert_eq!(
        ledger
            .update_card(&a.id, a.version, &edited)
            .unwrap()
            .fields
            .code,
        "OSAKA-7"
    );
}

#[test]
fn every_edit_is_recorded_field_by_field() {
    let mut ledger = ledger();
    let card = ledger
        .create_card(&organisation("日進電機株式会社", "ニッシンデンキ"))
        .unwrap();
    let mut fields = card.fields.clone();
    fields.status = CardStatus::Active;
    fields.phones = vec!["03-1234-5678".into()];
    fields.organisation.as_mut().unwrap().capital = Some(50_000_000);
    let saved = ledger.update_card(&card.id, card.version, &fields).unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(saved.fields, fields);

    let history = ledger.history(&card.id).unwrap();
    let lines: Vec<String> = history
        .iter()
        .map(|h| {
            format!(
                "{:?} {} {:?} -> {:?}",
                h.action, h.field, h.old_value, h.new_value
            )
        })
        .collect();
    expect![[r#"
        [
            "Changed status Some(\"prospect\") -> Some(\"active\")",
            "Changed phones None -> Some(\"03-1234-5678\")",
            "Changed organisation.capital None -> Some(\"50000000\")",
            "Created  None -> Some(\"日進電機株式会社\")",
        ]
    "#]]
    .assert_debug_eq(&lines);
}

#[test]
fn saving_without_changes_records_nothing() {
    let mut ledger = ledger();
    let card = ledger
        .create_card(&organisation("富士精機", "フジセイキ"))
        .unwrap();
    let again = ledger
        .update_card(&card.id, card.version, &card.fields)
        .unwrap();
    assert_eq!(again.version, card.version);
    assert_eq!(ledger.history(&card.id).unwrap().len(), 1);
}

#[test]
fn an_edit_based_on_an_old_version_is_refused() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("北斗運輸", "")).unwrap();
    let mut first = card.fields.clone();
    first.city = "札幌市".into();
    ledger.update_card(&card.id, card.version, &first).unwrap();
    let mut second = card.fields.clone();
    second.city = "函館市".into();
    let err = ledger
        .update_card(&card.id, card.version, &second)
        .unwrap_err();
    assert_eq!(err.code(), "card.stale");
    assert_eq!(ledger.card(&card.id).unwrap().fields.city, "札幌市");
}

#[test]
fn the_kind_of_a_card_cannot_change() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("協和食品", "")).unwrap();
    let mut fields = card.fields.clone();
    fields.kind = CardKind::Individual;
    fields.individual = Some(IndividualProfile::default());
    let err = ledger
        .update_card(&card.id, card.version, &fields)
        .unwrap_err();
    assert_eq!(err.code(), "card.invalid");
    assert_eq!(err.fields()[0].field, "kind");
}

#[test]
fn key_persons_are_kept_in_order_with_their_history() {
    let mut ledger = ledger();
    let card = ledger
        .create_card(&organisation("三協物産", "サンキョウブッサン"))
        .unwrap();
    let mut boss = person("鈴木 一郎");
    boss.role = Some(KeyRole::DecisionMaker);
    boss.title = "代表取締役".into();
    let boss = ledger.add_key_person(&card.id, &boss).unwrap();
    let buyer = ledger
        .add_key_person(&card.id, &person("高橋 花子"))
        .unwrap();

    let mut changed = buyer.fields.clone();
    changed.department = "購買部".into();
    ledger.update_key_person(&buyer.id, &changed).unwrap();
    ledger.delete_key_person(&boss.id).unwrap();

    let card = ledger.card(&card.id).unwrap();
    assert_eq!(card.key_persons.len(), 1);
    assert_eq!(card.key_persons[0].fields.department, "購買部");
    assert_eq!(
        card.version, 5,
        "each key person change bumps the card's version"
    );

    let history = ledger.history(&card.id).unwrap();
    let lines: Vec<String> = history
        .iter()
        .filter(|h| h.entity == HistoryEntity::KeyPerson)
        .map(|h| {
            format!(
                "{:?} {} {} {:?}",
                h.action, h.entity_label, h.field, h.new_value
            )
        })
        .collect();
    expect![[r#"
        [
            "Deleted 鈴木 一郎  None",
            "Changed 高橋 花子 department Some(\"購買部\")",
            "Created 高橋 花子  Some(\"高橋 花子\")",
            "Created 鈴木 一郎  Some(\"鈴木 一郎\")",
        ]
    "#]]
    .assert_debug_eq(&lines);
}

#[test]
fn key_persons_belong_to_organisations() {
    let mut ledger = ledger();
    let mut fields = daicho_core::card::CardFields::new(CardKind::Individual, "佐藤 健一");
    fields.individual.as_mut().unwrap().family_name = "佐藤".into();
    let card = ledger.create_card(&fields).unwrap();
    let err = ledger
        .add_key_person(&card.id, &person("佐藤 恵"))
        .unwrap_err();
    assert!(matches!(err, CardError::KeyPersonNeedsOrganisation));
}

#[test]
fn trash_keeps_everything_and_restore_brings_it_back() {
    let mut ledger = ledger();
    let card = ledger
        .create_card(&organisation("丸山建設", "マルヤマケンセツ"))
        .unwrap();
    ledger.add_key_person(&card.id, &person("井上 誠")).unwrap();

    let trashed = ledger.trash_card(&card.id).unwrap();
    assert!(trashed.deleted_at.is_some());
    assert_eq!(trashed.key_persons.len(), 1);
    assert_eq!(
        ledger.trash_card(&card.id).unwrap_err().code(),
        "card.in_trash"
    );
    let mut edit = trashed.fields.clone();
    edit.city = "横浜市".into();
    assert_eq!(
        ledger
            .update_card(&card.id, trashed.version, &edit)
            .unwrap_err()
            .code(),
        "card.in_trash"
    );

    let restored = ledger.restore_card(&card.id).unwrap();
    assert!(restored.deleted_at.is_none());
    assert_eq!(restored.key_persons.len(), 1);
    let actions: Vec<_> = ledger
        .history(&card.id)
        .unwrap()
        .iter()
        .map(|h| h.action)
        .collect();
    assert_eq!(
        actions[..2],
        [HistoryAction::Restored, HistoryAction::Deleted]
    );
    assert_eq!(
        ledger.restore_card(&card.id).unwrap_err().code(),
        "card.not_in_trash"
    );
}

#[test]
fn emptying_the_trash_deletes_only_what_is_in_it() {
    let mut ledger = ledger();
    let keep = ledger.create_card(&organisation("残す会社", "")).unwrap();
    let gone = ledger.create_card(&organisation("消す会社", "")).unwrap();
    ledger
        .add_key_person(&gone.id, &person("消える 人"))
        .unwrap();
    ledger.trash_card(&gone.id).unwrap();

    assert_eq!(ledger.empty_trash().unwrap(), 1);
    assert_eq!(ledger.card(&gone.id).unwrap_err().code(), "card.not_found");
    assert!(ledger.card(&keep.id).is_ok());
    let stats = ledger.stats().unwrap();
    assert_eq!(
        (
            stats.cards,
            stats.cards_in_trash,
            stats.key_persons,
            stats.history_entries
        ),
        (1, 0, 0, 1)
    );
}

#[test]
fn unknown_ids_are_reported_not_panicked() {
    let mut ledger = ledger();
    assert_eq!(
        ledger.card(&"not-a-uuid".into()).unwrap_err().code(),
        "card.bad_id"
    );
    let missing = CardId::new();
    assert_eq!(ledger.card(&missing).unwrap_err().code(), "card.not_found");
    assert_eq!(
        ledger.trash_card(&missing).unwrap_err().code(),
        "card.not_found"
    );
    assert_eq!(
        ledger
            .delete_key_person(&KeyPersonId::new())
            .unwrap_err()
            .code(),
        "card.key_person_not_found"
    );
}

#[test]
fn the_card_records_what_triggered_the_first_deal() {
    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("東洋商事", "")).unwrap();
    let mut fields = card.fields.clone();
    fields.status = daicho_core::card::CardStatus::Active;
    fields.first_deal_on = Some("2026-11-02".into());
    fields.first_deal_trigger = "展示会での試用がきっかけ".into();
    let saved = ledger.update_card(&card.id, card.version, &fields).unwrap();
    assert_eq!(ledger.card(&card.id).unwrap().fields, saved.fields);
    let changed: Vec<String> = ledger
        .history(&card.id)
        .unwrap()
        .into_iter()
        .map(|h| h.field)
        .filter(|f| f.starts_with("first_deal"))
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");

    fields.first_deal_on = Some("2026-02-30".into());
    let error = ledger
        .update_card(&card.id, saved.version, &fields)
        .unwrap_err();
    assert_eq!(error.fields()[0].field, "first_deal_on");
}

/// A card made without a display name (an import, the CLI) gets it from the family and given
/// names, written as the names themselves say: the window composes it the same way.
#[test]
fn an_individuals_name_is_composed_from_family_and_given_names_when_left_empty() {
    use daicho_core::card::CardFields;
    use daicho_core::i18n::Lang;
    use daicho_core::names::person_name;
    use daicho_core::Ledger;
    let mut ledger = ledger();
    let individual = |family: &str, given: &str, family_reading: &str, given_reading: &str| {
        let mut fields = CardFields::new(CardKind::Individual, "");
        fields.individual = Some(IndividualProfile {
            family_name: family.into(),
            given_name: given.into(),
            family_name_reading: family_reading.into(),
            given_name_reading: given_reading.into(),
            ..IndividualProfile::default()
        });
        fields
    };
    let made = |fields: CardFields, ledger: &mut Ledger| {
        let card = ledger.create_card(&fields).unwrap();
        (card.fields.name, card.fields.reading)
    };
    assert_eq!(
        made(
            individual("佐藤", "健一", "さとう", "けんいち"),
            &mut ledger
        ),
        ("佐藤 健一".to_owned(), "さとう けんいち".to_owned())
    );
    assert_eq!(
        made(individual("王", "伟", "wang", "wei"), &mut ledger).0,
        "王伟"
    );
    assert_eq!(
        made(individual("김", "민준", "", ""), &mut ledger).0,
        "김민준"
    );
    assert_eq!(
        made(individual("Smith", "Mary", "", ""), &mut ledger).0,
        "Mary Smith"
    );
    // A name typed is kept as typed.
    let mut typed = individual("佐藤", "健一", "", "");
    typed.name = "佐藤先生".into();
    assert_eq!(made(typed, &mut ledger).0, "佐藤先生");
    // The window's language decides when it is known.
    assert_eq!(person_name("佐藤", "健一", Some(Lang::Ja), ""), "佐藤 健一");
    assert_eq!(person_name("王", "伟", Some(Lang::Zh), ""), "王伟");
    assert_eq!(person_name("김", "민준", Some(Lang::Ko), ""), "김민준");
    assert_eq!(
        person_name("Smith", "Mary", Some(Lang::En), ""),
        "Mary Smith"
    );
    assert_eq!(person_name("", "Mary", Some(Lang::En), ""), "Mary");
}

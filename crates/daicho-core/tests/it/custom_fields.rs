//! Fields of the rep's own (001 设计自用客户卡): defined in Settings, each value checked by its
//! kind and kept in one form, every change in the card's history (a deleted field's values too),
//! shown and filtered in the list, read from an imported column headed with the field's name,
//! printed, moved with a merge, and matched by name in a handover.

use daicho_core::card_list::CardQuery;
use daicho_core::custom_fields::{
    CustomField, CustomFieldDef, CustomFieldKind, CustomFilter, CustomValue,
};
use daicho_core::error::Coded;
use daicho_core::ids::CardId;
use daicho_core::import::ImportRequest;
use daicho_core::Ledger;

use crate::{ledger, organisation};

fn define(
    l: &mut Ledger,
    label: &str,
    kind: CustomFieldKind,
    choices: &[&str],
    in_list: bool,
) -> CustomField {
    l.add_custom_field(&CustomFieldDef {
        label: label.into(),
        kind,
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        in_list,
    })
    .unwrap()
}

fn set(l: &mut Ledger, card: &CardId, field: &CustomField, value: &str) -> Result<(), String> {
    l.set_card_custom_values(
        card,
        &[CustomValue {
            field_id: field.id.clone(),
            value: value.into(),
        }],
    )
    .map(|_| ())
    .map_err(|e| e.code().to_owned())
}

fn value_of(l: &Ledger, card: &CardId, field: &CustomField) -> String {
    l.card_custom_values(card)
        .unwrap()
        .into_iter()
        .find(|v| v.field_id == field.id)
        .unwrap()
        .value
}

fn listed(l: &Ledger, filter: CustomFilter) -> Vec<String> {
    l.list_cards(&CardQuery {
        custom: Some(filter),
        limit: 50,
        ..CardQuery::default()
    })
    .unwrap()
    .rows
    .into_iter()
    .map(|r| r.name)
    .collect()
}

#[test]
fn values_are_checked_by_their_kind_kept_in_one_form_and_every_change_is_in_the_history() {
    let mut l = ledger();
    let account = define(
        &mut l,
        "取引口座",
        CustomFieldKind::Choice,
        &["開設済", "申請中"],
        true,
    );
    let machines = define(&mut l, "保有台数", CustomFieldKind::Number, &[], true);
    let renewal = define(&mut l, "契約更新日", CustomFieldKind::Date, &[], false);
    let card = l
        .create_card(&organisation("青葉精機株式会社", ""))
        .unwrap()
        .id;

    // As reps type them: full-width digits with grouping, a date with slashes, a choice in
    // half-width katakana... each kept in one form.
    set(&mut l, &card, &machines, "１，２００").unwrap();
    set(&mut l, &card, &renewal, "2027/3/31").unwrap();
    assert_eq!(value_of(&l, &card, &machines), "1200");
    assert_eq!(value_of(&l, &card, &renewal), "2027-03-31");
    set(&mut l, &card, &account, "申請中").unwrap();

    // What does not fit is refused, and nothing of the same save is written.
    let refused = l.set_card_custom_values(
        &card,
        &[
            CustomValue {
                field_id: account.id.clone(),
                value: "開設済".into(),
            },
            CustomValue {
                field_id: machines.id.clone(),
                value: "たくさん".into(),
            },
        ],
    );
    assert_eq!(refused.unwrap_err().code(), "custom_field.not_a_number");
    assert_eq!(value_of(&l, &card, &account), "申請中");
    assert_eq!(
        set(&mut l, &card, &renewal, "来年").unwrap_err(),
        "custom_field.not_a_date"
    );
    assert_eq!(
        set(&mut l, &card, &account, "保留").unwrap_err(),
        "custom_field.not_a_choice"
    );

    // Cleared with an empty value; each change is in the card's history under the field's name.
    set(&mut l, &card, &machines, "").unwrap();
    assert_eq!(value_of(&l, &card, &machines), "");
    let history = l.history(&card).unwrap();
    let changes: Vec<(&str, Option<&str>, Option<&str>)> = history
        .iter()
        .filter(|h| h.field.starts_with("custom:"))
        .map(|h| {
            (
                h.field.as_str(),
                h.old_value.as_deref(),
                h.new_value.as_deref(),
            )
        })
        .collect();
    assert!(changes.contains(&("custom:保有台数", None, Some("1200"))));
    assert!(changes.contains(&("custom:保有台数", Some("1200"), None)));
    assert!(changes.contains(&("custom:取引口座", None, Some("申請中"))));

    // The list shows the fields marked for it, in their order.
    let row = l
        .list_cards(&CardQuery {
            limit: 5,
            ..CardQuery::default()
        })
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(row.custom, vec!["申請中".to_owned(), String::new()]);
}

#[test]
fn the_list_filters_by_a_fields_value_a_range_of_numbers_or_dates() {
    let mut l = ledger();
    let account = define(
        &mut l,
        "Payment method",
        CustomFieldKind::Choice,
        &["Monthly invoice", "Card"],
        true,
    );
    let fleet = define(&mut l, "Fleet size", CustomFieldKind::Number, &[], true);
    let notes = define(&mut l, "Delivery notes", CustomFieldKind::Text, &[], false);
    let renewal = define(
        &mut l,
        "Contract renewal",
        CustomFieldKind::Date,
        &[],
        false,
    );
    let mut cards = Vec::new();
    for (name, pay, size, note, on) in [
        (
            "Harbor Foods",
            "Card",
            "3",
            "Loading dock, mornings only",
            "2027-01-15",
        ),
        (
            "Northwind Traders",
            "Monthly invoice",
            "12",
            "Call facilities first",
            "2027-06-01",
        ),
        ("Blue Ridge Clinic", "Monthly invoice", "40", "", ""),
        ("Cedar Dental", "", "", "", ""),
    ] {
        let id = l.create_card(&organisation(name, "")).unwrap().id;
        for (field, value) in [
            (&account, pay),
            (&fleet, size),
            (&notes, note),
            (&renewal, on),
        ] {
            set(&mut l, &id, field, value).unwrap();
        }
        cards.push(id);
    }
    let by = |field: &CustomField, value: &str, to: &str| CustomFilter {
        field_id: field.id.clone(),
        value: value.into(),
        to: to.into(),
    };
    assert_eq!(
        listed(&l, by(&account, "Monthly invoice", "")),
        ["Blue Ridge Clinic", "Northwind Traders"]
    );
    // Numbers compare as numbers (12 is below 40, though "12" > "040" as text).
    assert_eq!(
        listed(&l, by(&fleet, "10", "")),
        ["Blue Ridge Clinic", "Northwind Traders"]
    );
    assert_eq!(
        listed(&l, by(&fleet, "", "12")),
        ["Harbor Foods", "Northwind Traders"]
    );
    // Text by any part, in any case or width; dates by a range; nothing typed: any value.
    assert_eq!(
        listed(&l, by(&notes, "ＭＯＲＮＩＮＧＳ", "")),
        ["Harbor Foods"]
    );
    assert_eq!(
        listed(&l, by(&renewal, "2027/3/1", "2027-12-31")),
        ["Northwind Traders"]
    );
    assert_eq!(
        listed(&l, by(&renewal, "", "")),
        ["Harbor Foods", "Northwind Traders"]
    );
}

#[test]
fn a_field_in_use_keeps_its_kind_and_choices_and_a_deleted_field_leaves_its_values_in_the_history()
{
    let mut l = ledger();
    let grade = define(
        &mut l,
        "ランク",
        CustomFieldKind::Choice,
        &["S", "A", "B"],
        false,
    );
    let card = l.create_card(&organisation("坂本物産", "")).unwrap().id;
    set(&mut l, &card, &grade, "a").unwrap();
    assert_eq!(value_of(&l, &card, &grade), "A");

    let change = |l: &mut Ledger, kind, choices: &[&str]| {
        l.update_custom_field(
            &grade.id,
            &CustomFieldDef {
                label: "ランク".into(),
                kind,
                choices: choices.iter().map(|c| (*c).to_owned()).collect(),
                in_list: true,
            },
        )
        .map_err(|e| e.code().to_owned())
    };
    assert_eq!(
        change(&mut l, CustomFieldKind::Text, &[]).unwrap_err(),
        "custom_field.kind_in_use"
    );
    assert_eq!(
        change(&mut l, CustomFieldKind::Choice, &["S", "B"]).unwrap_err(),
        "custom_field.choice_in_use"
    );
    assert_eq!(
        change(&mut l, CustomFieldKind::Choice, &["S", "A", "A"]).unwrap_err(),
        "custom_field.choice_repeated"
    );
    let renamed = change(&mut l, CustomFieldKind::Choice, &["S", "A", "B", "C"]).unwrap();
    assert!(renamed.in_list);
    assert_eq!(renamed.used, 1);

    // Names: empty, taken (compared as search compares text), too long.
    let def = |label: &str| CustomFieldDef {
        label: label.into(),
        kind: CustomFieldKind::Text,
        choices: vec![],
        in_list: false,
    };
    let code = |l: &mut Ledger, label: &str| {
        l.add_custom_field(&def(label))
            .unwrap_err()
            .code()
            .to_owned()
    };
    assert_eq!(code(&mut l, "  "), "custom_field.label_empty");
    assert_eq!(code(&mut l, "ﾗﾝｸ"), "custom_field.label_taken");
    assert_eq!(
        code(&mut l, &"長".repeat(41)),
        "custom_field.label_too_long"
    );
    let choice = l.add_custom_field(&CustomFieldDef {
        kind: CustomFieldKind::Choice,
        ..def("区分")
    });
    assert_eq!(choice.unwrap_err().code(), "custom_field.no_choices");

    // Order: moved down past a new field.
    let other = define(&mut l, "搬入条件", CustomFieldKind::Text, &[], false);
    let order: Vec<String> = l
        .move_custom_field(&grade.id, 1)
        .unwrap()
        .into_iter()
        .map(|f| f.label)
        .collect();
    assert_eq!(order, ["搬入条件", "ランク"]);
    let _ = other;

    l.delete_custom_field(&grade.id).unwrap();
    assert!(l
        .custom_fields()
        .unwrap()
        .iter()
        .all(|f| f.label != "ランク"));
    let last = l
        .history(&card)
        .unwrap()
        .into_iter()
        .find(|h| h.field == "custom:ランク" && h.new_value.is_none());
    assert_eq!(last.unwrap().old_value.as_deref(), Some("A"));
}

#[test]
fn an_imported_column_headed_with_a_fields_name_fills_it_and_a_value_that_does_not_fit_stops_its_row(
) {
    let mut l = ledger();
    let account = define(
        &mut l,
        "取引口座",
        CustomFieldKind::Choice,
        &["開設済", "申請中", "未開設"],
        true,
    );
    let machines = define(&mut l, "保有台数", CustomFieldKind::Number, &[], true);
    let dir = tempfile::tempdir().unwrap();
    // As a Japanese rep's own Excel list has it: their headings beside the usual ones.
    let csv = "会社名,電話番号,取引口座,保有台数\n\
               青葉精機株式会社,03-1234-5678,開設済,\"1,200\"\n\
               千葉商会,043-222-0000,申請中,3台\n\
               坂本物産,06-5555-0101,,12\n";
    let path = dir.path().join("顧客.csv");
    std::fs::write(&path, csv).unwrap();
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(
        preview.mapping.custom.get(2).cloned().flatten(),
        Some(account.id.clone())
    );
    assert_eq!(
        preview.mapping.custom.get(3).cloned().flatten(),
        Some(machines.id.clone())
    );
    assert_eq!(preview.mapping.columns.get(2).cloned().flatten(), None);
    assert_eq!((preview.valid, preview.with_problems), (2, 1));
    let problem = &preview.problems[0];
    assert_eq!(
        (
            problem.line,
            problem.column,
            problem.field.as_str(),
            problem.rule.as_str()
        ),
        (3, Some(3), "custom:保有台数", "number")
    );
    assert_eq!(preview.columns[3].refused, 1);

    let outcome = l
        .import_apply(&path, &ImportRequest::default(), 3, &mut |_, _| true)
        .unwrap();
    assert_eq!(outcome.added, 2);
    let find = |l: &Ledger, name: &str| {
        l.list_cards(&CardQuery {
            text: name.into(),
            limit: 1,
            ..CardQuery::default()
        })
        .unwrap()
        .rows
        .remove(0)
    };
    let aoba = find(&l, "青葉");
    assert_eq!(aoba.custom, ["開設済", "1200"]);
    assert_eq!(find(&l, "坂本").custom, ["", "12"]);

    // Merged into a card that has a value: its own stays (and a value it lacks is added; undo
    // takes the added one away). Duplicates are known by name and phone.
    let more = "会社名,電話番号,取引口座,保有台数\n青葉精機株式会社,03-1234-5678,未開設,7\n";
    let path = dir.path().join("追加.csv");
    std::fs::write(&path, more).unwrap();
    let merged = l
        .import_apply(
            &path,
            &ImportRequest {
                duplicates: daicho_core::import::DuplicateChoice::Merge,
                ..ImportRequest::default()
            },
            1,
            &mut |_, _| true,
        )
        .unwrap();
    assert_eq!((merged.added, merged.merged, merged.skipped), (0, 1, 0));
    assert_eq!(value_of(&l, &aoba.id, &account), "開設済");
    assert_eq!(value_of(&l, &aoba.id, &machines), "1200");
    set(&mut l, &aoba.id, &machines, "").unwrap();
    let l2 = &mut l;
    let again = "会社名,電話番号,保有台数\n青葉精機株式会社,03-1234-5678,9\n";
    let path = dir.path().join("台数.csv");
    std::fs::write(&path, again).unwrap();
    let merge = ImportRequest {
        duplicates: daicho_core::import::DuplicateChoice::Merge,
        ..ImportRequest::default()
    };
    let added = l2.import_apply(&path, &merge, 1, &mut |_, _| true).unwrap();
    assert_eq!(value_of(l2, &aoba.id, &machines), "9");
    assert_eq!(value_of(l2, &aoba.id, &account), "開設済");
    l2.import_undo(&added.id).unwrap();
    assert_eq!(value_of(l2, &aoba.id, &machines), "");
}

#[test]
fn a_merge_moves_the_values_the_survivor_lacks_and_undo_puts_them_back() {
    let mut l = ledger();
    let account = define(
        &mut l,
        "付款方式",
        CustomFieldKind::Choice,
        &["月结", "现结"],
        true,
    );
    let size = define(&mut l, "设备保有量", CustomFieldKind::Number, &[], true);
    let survivor = l
        .create_card(&organisation("上海华信科技有限公司", ""))
        .unwrap()
        .id;
    let other = l.create_card(&organisation("华信科技", "")).unwrap().id;
    set(&mut l, &survivor, &account, "月结").unwrap();
    set(&mut l, &other, &account, "现结").unwrap();
    set(&mut l, &other, &size, "8").unwrap();
    let outcome = l.merge_cards(&survivor, &other).unwrap();
    assert_eq!(value_of(&l, &survivor, &account), "月结");
    assert_eq!(value_of(&l, &survivor, &size), "8");
    l.undo_merge(&outcome.id).unwrap();
    assert_eq!(value_of(&l, &survivor, &size), "");
    assert_eq!(value_of(&l, &other, &size), "8");
}

#[test]
fn a_handover_brings_values_under_the_successors_field_of_the_same_name() {
    let (mut a, owner) = crate::handover::predecessor();
    let fields = a.custom_fields().unwrap();
    let account = fields
        .iter()
        .find(|f| f.label == "取引口座")
        .unwrap()
        .clone();
    let given: i64 = a
        .connection()
        .query_row(
            "SELECT count(*) FROM card_custom_values v JOIN cards c ON c.id = v.card_id
             WHERE c.owner = ?1 AND c.deleted_at IS NULL",
            [&owner],
            |r| r.get(0),
        )
        .unwrap();
    assert!(given > 0, "the demo fills the rep's own fields");
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("handover.daicho-handover");
    let selection = crate::handover::by_passphrase(Some(owner.clone()), vec![], "後任 花子".into());
    a.handover_export(&selection, &bundle, daicho_core::output::Existing::Refuse)
        .unwrap();

    // The successor has a 取引口座 of their own with fewer choices, and a 保有台数 that is text.
    let mut b = ledger();
    let theirs = define(
        &mut b,
        "取引口座",
        CustomFieldKind::Choice,
        &["開設済"],
        true,
    );
    define(&mut b, "保有台数", CustomFieldKind::Text, &[], false);
    let preview = b
        .take_over_preview(&bundle, Some(crate::handover::PASS))
        .unwrap();
    assert!(!preview.cards.is_empty());
    b.take_over(&bundle, &crate::handover::take("後任 花子", &bundle))
        .unwrap();
    let now = b.custom_fields().unwrap();
    let labels: Vec<&str> = now.iter().map(|f| f.label.as_str()).collect();
    assert!(labels.contains(&"保有台数 (2)"), "{labels:?}");
    let account_b = now.iter().find(|f| f.id == theirs.id).unwrap();
    for choice in &account.choices {
        let used: bool = a
            .connection()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM card_custom_values v JOIN cards c ON c.id = v.card_id
                 WHERE v.field_id = ?1 AND v.value = ?2 AND c.owner = ?3 AND c.deleted_at IS NULL)",
                rusqlite::params![account.id, choice, owner],
                |r| r.get(0),
            )
            .unwrap();
        if used {
            assert!(account_b.choices.contains(choice), "{choice} is offered");
        }
    }
    let got: i64 = b
        .connection()
        .query_row("SELECT count(*) FROM card_custom_values", [], |r| r.get(0))
        .unwrap();
    assert_eq!(got, given);
    assert!(
        now.iter().all(|f| f.id != account.id),
        "the values joined the successor's field"
    );
}

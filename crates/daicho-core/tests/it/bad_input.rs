//! Hostile and broken input: each value either round-trips exactly or is refused with a
//! field-level reason, and a refused save changes nothing.

use daicho_core::card::{CardFields, CardKind};
use daicho_core::error::Coded;
use daicho_core::text::MAX_TEXT;
use expect_test::expect;

use super::{ledger, organisation};

fn issues(fields: &CardFields) -> String {
    let mut ledger = ledger();
    let err = ledger.create_card(fields).unwrap_err();
    assert_eq!(err.code(), "card.invalid");
    assert_eq!(ledger.stats().unwrap().cards, 0, "nothing is half saved");
    err.fields()
        .iter()
        .map(|i| format!("{} {}", i.field, i.rule))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_empty_or_blank_name_is_refused() {
    expect!["name required"].assert_eq(&issues(&organisation("", "")));
    expect!["name required"].assert_eq(&issues(&organisation(" \u{3000}\t ", "")));
}

#[test]
fn impossible_dates_and_negative_counts_are_refused_together() {
    let mut fields = organisation("東洋商事", "");
    let profile = fields.organisation.as_mut().unwrap();
    profile.founded = Some("2023-02-30".into());
    profile.employees = Some(-3);
    profile.capital = Some(-1);
    profile.fiscal_year_end_month = Some(13);
    profile.licence_issued = Some("2024-04-01".into());
    profile.licence_expires = Some("2020-03-31".into());
    fields.email = "info@toyo".into();
    fields.phones = vec!["内線".into()];
    expect![[r#"
        email invalid_email
        organisation.founded invalid_date
        organisation.licence_expires before_issue
        organisation.capital negative
        organisation.employees negative
        organisation.fiscal_year_end_month out_of_range
        phones invalid_phone"#]]
    .assert_eq(&issues(&fields));
}

#[test]
fn a_megabyte_of_text_is_refused_and_nothing_is_saved() {
    let mut fields = organisation("大きなメモ", "");
    fields.notes = "あ".repeat(1_000_000);
    expect!["notes too_long"].assert_eq(&issues(&fields));

    let mut ledger = ledger();
    let card = ledger.create_card(&organisation("大きなメモ", "")).unwrap();
    let mut edit = card.fields.clone();
    edit.notes = "x".repeat(MAX_TEXT + 1);
    edit.city = "名古屋市".into();
    assert_eq!(
        ledger
            .update_card(&card.id, card.version, &edit)
            .unwrap_err()
            .code(),
        "card.invalid"
    );
    let after = ledger.card(&card.id).unwrap();
    assert_eq!(
        (after.version, after.fields.city.as_str()),
        (1, ""),
        "the refused edit changed nothing"
    );
    assert_eq!(ledger.history(&card.id).unwrap().len(), 1);

    edit.notes = "x".repeat(MAX_TEXT);
    assert_eq!(
        ledger
            .update_card(&card.id, card.version, &edit)
            .unwrap()
            .fields
            .notes
            .len(),
        MAX_TEXT
    );
}

#[test]
fn control_characters_are_refused_but_line_breaks_in_notes_are_kept() {
    expect!["name control_char"].assert_eq(&issues(&organisation("東洋\u{0}商事", "")));
    expect!["name control_char"].assert_eq(&issues(&organisation("東洋\n商事", "")));
    let mut ledger = ledger();
    let mut fields = organisation("東洋商事", "");
    fields.notes = "一行目\n\t二行目\r\n".into();
    assert_eq!(
        ledger.create_card(&fields).unwrap().fields.notes,
        fields.notes
    );
}

#[test]
fn rtl_emoji_rare_cjk_and_markup_round_trip_exactly() {
    let mut ledger = ledger();
    for name in [
        "𠮷野家 𩸽定食",
        "شركة الأمل للتجارة",
        "חברת שלום",
        "😀 Smile Co. 👨‍👩‍👧",
        "<img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://x\")",
        "@SUM(A1)",
        "\u{202E}gnp.exe",
        "Ｆｕｌｌ－ｗｉｄｔｈ ｶﾀｶﾅ",
    ] {
        let mut fields = organisation(name, name);
        fields.notes = name.to_owned();
        let card = ledger.create_card(&fields).unwrap();
        let back = ledger.card(&card.id).unwrap();
        assert_eq!(back.fields.name, name);
        assert_eq!(back.fields.reading, name);
        assert_eq!(back.fields.notes, name);
    }
}

#[test]
fn unknown_enum_values_are_refused_when_read() {
    let mut json = serde_json::to_value(CardFields::new(CardKind::Organisation, "A")).unwrap();
    json["status"] = "vip".into();
    assert!(serde_json::from_value::<CardFields>(json.clone()).is_err());
    json["status"] = "active".into();
    json["kind"] = "robot".into();
    assert!(serde_json::from_value::<CardFields>(json).is_err());
}

#[test]
fn single_line_fields_are_trimmed_and_list_items_deduplicated() {
    let mut ledger = ledger();
    let mut fields = organisation("  東洋商事  ", " トウヨウ ");
    fields.tags = vec!["重点".into(), " 重点 ".into(), "".into(), "展示会".into()];
    let card = ledger.create_card(&fields).unwrap();
    assert_eq!(card.fields.name, "東洋商事");
    assert_eq!(card.fields.reading, "トウヨウ");
    assert_eq!(card.fields.tags, ["展示会", "重点"]);
}

//! Every error code Daicho can report is declared with its error (`coded!`) and says what went
//! wrong in all four languages; params are the variant's own fields and wrapped errors forward
//! their field issues.

use daicho_core::error::{all_codes, Coded, ImportError, ReportError};
use daicho_core::i18n::{catalog, Lang};
use daicho_core::{FieldIssue, Ledger};

#[test]
fn every_error_code_has_a_message_in_all_four_languages() {
    let codes = all_codes();
    assert!(codes.len() > 100, "{} codes", codes.len());
    let mut missing = Vec::new();
    for lang in Lang::ALL {
        for code in &codes {
            if !catalog(lang).contains_key(&format!("error.{code}")) {
                missing.push(format!("{}: error.{code}", lang.code()));
            }
        }
    }
    assert!(missing.is_empty(), "no message for {missing:#?}");
    // The check would see a code without its message.
    assert!(!catalog(Lang::Ja).contains_key("error.card.no_such_code"));
}

#[test]
fn an_error_code_outside_the_declared_set_is_never_reported() {
    // The ones reported by a real failure are in the set, wrapped or not.
    let mut ledger = Ledger::open_in_memory().unwrap();
    let stale = ledger
        .update_card(&"0000-not-there".into(), 1, &Default::default())
        .unwrap_err()
        .report();
    assert!(all_codes().contains(&stale.code.as_str()), "{}", stale.code);
}

#[test]
fn wrapped_errors_forward_their_field_issues_and_params() {
    let issue = FieldIssue::new("name", "required");
    let wrapped = ReportError::Card(daicho_core::error::CardError::Invalid(vec![issue.clone()]));
    assert_eq!(wrapped.code(), "card.invalid");
    assert_eq!(wrapped.fields(), vec![issue.clone()]);
    let boxed = ImportError::Card(daicho_core::error::CardError::Invalid(vec![issue.clone()]));
    assert_eq!(boxed.fields(), vec![issue]);
    let too_large = ImportError::TooLarge {
        path: "list.xlsx".into(),
        limit: 200,
    };
    assert_eq!(too_large.params()["limit"], "200");
    assert_eq!(too_large.params()["path"], "list.xlsx");
}

/// A profile damaged outside Daicho is reported, not read as empty (and then saved back empty).
#[test]
fn a_damaged_stored_value_is_reported_and_never_saved_over() {
    let mut ledger = super::ledger();
    let card = ledger
        .create_card(&super::organisation("壊れ商事", "こわれしょうじ"))
        .unwrap();
    ledger
        .connection()
        .execute(
            "UPDATE cards SET organisation = '{\"capital\": [broken' WHERE id = ?1",
            [&card.id],
        )
        .unwrap();
    let err = ledger.card(&card.id).unwrap_err();
    assert_eq!(err.code(), "ledger.damaged_value");
    assert!(all_codes().contains(&"ledger.damaged_value"));
    let mut fields = card.fields.clone();
    fields.notes = "上書き".into();
    assert_eq!(
        ledger
            .update_card(&card.id, card.version, &fields)
            .unwrap_err()
            .code(),
        "ledger.damaged_value"
    );
    let kept: String = ledger
        .connection()
        .query_row(
            "SELECT organisation FROM cards WHERE id = ?1",
            [&card.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, "{\"capital\": [broken");
}

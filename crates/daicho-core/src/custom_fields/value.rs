//! A value as the rep types it (or a file holds it), checked against its field's kind and held
//! in one form: a number without grouping or unit, a date as YYYY-MM-DD, a choice as the choice
//! itself.

use super::CustomFieldKind;
use crate::text::{normalize, MAX_LINE};

/// Why a value does not fit its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misfit {
    NotANumber,
    NotADate,
    NotAChoice,
    TooLong,
}

/// Largest number held exactly (beyond it a stored value would not read back the same).
const MAX_MAGNITUDE: f64 = 1e15;

/// `raw` as stored for a field of `kind` (with `choices`); `None` for an empty value.
pub fn stored(
    kind: CustomFieldKind,
    choices: &[String],
    raw: &str,
) -> Result<Option<String>, Misfit> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > MAX_LINE {
        return Err(Misfit::TooLong);
    }
    match kind {
        CustomFieldKind::Text => Ok(Some(text.to_owned())),
        CustomFieldKind::Number => number(text).map(Some).ok_or(Misfit::NotANumber),
        CustomFieldKind::Date => crate::import::rows::date_time_of(text)
            .map(|at| Some(at[..10].to_owned()))
            .ok_or(Misfit::NotADate),
        CustomFieldKind::Choice => {
            let wanted = normalize(text);
            choices
                .iter()
                .find(|c| c.as_str() == text || normalize(c) == wanted)
                .map(|c| Some(c.clone()))
                .ok_or(Misfit::NotAChoice)
        }
    }
}

/// A number as spreadsheets of the four markets write it (`1,234.5`, `１２３４`, `¥12,000`,
/// `120㎡` is not one: units other than money are refused), without grouping.
pub fn number(text: &str) -> Option<String> {
    let t: String = normalize(text)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ',' | ' ' | '_' | '¥' | '$' | '€' | '₩' | '円' | '元' | '원'
            )
        })
        .collect();
    let valid = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        && t.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return None;
    }
    let n: f64 = t.parse().ok()?;
    if !n.is_finite() || n.abs() >= MAX_MAGNITUDE {
        return None;
    }
    let n = if n == 0.0 { 0.0 } else { n };
    Some(if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_held_without_grouping_or_currency() {
        assert_eq!(number("1,234").as_deref(), Some("1234"));
        assert_eq!(number("１２３４．５").as_deref(), Some("1234.5"));
        assert_eq!(number("¥12,000").as_deref(), Some("12000"));
        assert_eq!(number("-3").as_deref(), Some("-3"));
        assert_eq!(number("-0").as_deref(), Some("0"));
        assert_eq!(number("12 000 원").as_deref(), Some("12000"));
        assert_eq!(number("120㎡"), None);
        assert_eq!(number("abc"), None);
        assert_eq!(number("."), None);
        assert_eq!(number("1e300"), None);
        assert_eq!(number("9999999999999999"), None);
    }

    #[test]
    fn dates_and_choices_take_the_forms_reps_write() {
        let none: Vec<String> = Vec::new();
        let d = |t: &str| stored(CustomFieldKind::Date, &none, t);
        assert_eq!(d("2026/4/1"), Ok(Some("2026-04-01".into())));
        assert_eq!(d("2026年4月1日"), Ok(Some("2026-04-01".into())));
        assert_eq!(d("2026-02-30"), Err(Misfit::NotADate));
        assert_eq!(d("  "), Ok(None));
        let choices = vec!["ゴールド".to_owned(), "Silver".to_owned()];
        let c = |t: &str| stored(CustomFieldKind::Choice, &choices, t);
        assert_eq!(c("ｺﾞｰﾙﾄﾞ"), Ok(Some("ゴールド".into())));
        assert_eq!(c("silver"), Ok(Some("Silver".into())));
        assert_eq!(c("Bronze"), Err(Misfit::NotAChoice));
        let long = "長".repeat(MAX_LINE + 1);
        assert_eq!(
            stored(CustomFieldKind::Text, &none, &long),
            Err(Misfit::TooLong)
        );
    }

    proptest::proptest! {
        /// Whatever a file holds, a stored number reads back as itself.
        #[test]
        fn a_stored_number_is_stored_again_unchanged(text in "\\PC{0,20}") {
            if let Some(n) = number(&text) {
                proptest::prop_assert_eq!(number(&n), Some(n.clone()));
            }
        }

        #[test]
        fn any_integer_is_a_number(n in -999_999_999_999_999i64..999_999_999_999_999i64) {
            proptest::prop_assert_eq!(number(&n.to_string()), Some(n.to_string()));
        }
    }
}

//! Text rules shared by every module: what a field may hold, and the normal form used to
//! compare and search (width, case, kana and compatibility forms folded).

use unicode_normalization::UnicodeNormalization;

use crate::error::FieldIssue;

/// Longest single-line field (names, codes, phones...), in characters.
pub const MAX_LINE: usize = 500;
/// Longest multi-line field (notes, policies...), in characters.
pub const MAX_TEXT: usize = 100_000;

/// Checks a single-line field and returns it trimmed. Control characters are refused.
pub fn line(field: &str, value: &str, issues: &mut Vec<FieldIssue>) -> String {
    let value = value.trim();
    if value.chars().any(char::is_control) {
        issues.push(FieldIssue::new(field, "control_char"));
    } else if value.chars().count() > MAX_LINE {
        issues.push(FieldIssue::with_limit(field, "too_long", MAX_LINE as i32));
    }
    value.to_owned()
}

/// Checks a multi-line field and keeps it exactly (line breaks and tabs allowed).
pub fn multiline(field: &str, value: &str, issues: &mut Vec<FieldIssue>) -> String {
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        issues.push(FieldIssue::new(field, "control_char"));
    } else if value.chars().count() > MAX_TEXT {
        issues.push(FieldIssue::with_limit(field, "too_long", MAX_TEXT as i32));
    }
    if value.trim().is_empty() {
        String::new()
    } else {
        value.to_owned()
    }
}

/// A required single-line field.
pub fn required_line(field: &str, value: &str, issues: &mut Vec<FieldIssue>) -> String {
    let value = line(field, value, issues);
    if value.is_empty() {
        issues.push(FieldIssue::new(field, "required"));
    }
    value
}

/// An optional ISO date (YYYY-MM-DD); impossible dates such as 2023-02-30 are refused.
pub fn date(field: &str, value: &Option<String>, issues: &mut Vec<FieldIssue>) -> Option<String> {
    let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(d) if (1800..=2200).contains(&chrono::Datelike::year(&d)) => {
            Some(d.format("%Y-%m-%d").to_string())
        }
        _ => {
            issues.push(FieldIssue::new(field, "invalid_date"));
            Some(value.to_owned())
        }
    }
}

/// Largest whole number a field takes: exact in JavaScript's numbers too.
pub const MAX_NUMBER: i64 = 9_007_199_254_740_991;

/// An optional count or amount that cannot be negative.
pub fn non_negative(field: &str, value: Option<i64>, issues: &mut Vec<FieldIssue>) -> Option<i64> {
    match value {
        Some(v) if v < 0 => issues.push(FieldIssue::new(field, "negative")),
        Some(v) if v > MAX_NUMBER => issues.push(FieldIssue::new(field, "too_large")),
        _ => {}
    }
    value
}

/// An optional whole number within `min..=max`.
pub fn in_range(
    field: &str,
    value: Option<i32>,
    min: i32,
    max: i32,
    issues: &mut Vec<FieldIssue>,
) -> Option<i32> {
    if let Some(v) = value {
        if v < min || v > max {
            issues.push(FieldIssue::with_limit(field, "out_of_range", max));
        }
    }
    value
}

/// An optional e-mail address: one `@`, something before it, a dotted domain after it.
pub fn email(field: &str, value: &str, issues: &mut Vec<FieldIssue>) -> String {
    let value = line(field, value, issues);
    if !value.is_empty() && !looks_like_email(&value) {
        issues.push(FieldIssue::new(field, "invalid_email"));
    }
    value
}

pub(crate) fn looks_like_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

/// The form used to compare and search: NFKC (full/half width, compatibility forms), lower
/// case, katakana folded to hiragana.
pub fn normalize(value: &str) -> String {
    let fold = |chars: &mut dyn Iterator<Item = char>| -> String {
        let mut out = String::with_capacity(value.len());
        out.extend(chars.flat_map(char::to_lowercase).map(katakana_to_hiragana));
        out
    };
    // Most text a rep types is already in NFKC: the quick check says so without decomposing it.
    if unicode_normalization::is_nfkc_quick(value.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        fold(&mut value.chars())
    } else {
        fold(&mut value.nfkc())
    }
}

fn katakana_to_hiragana(c: char) -> char {
    match c {
        // ァ..ヶ map onto ぁ..ゖ, 0x60 code points apart
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// Digits only: `03-1234-5678` and `0312345678` compare equal.
pub fn digits(value: &str) -> String {
    value.nfkc().filter(char::is_ascii_digit).collect()
}

/// SQL LIKE pattern matching `needle` anywhere, with LIKE's wildcards escaped (ESCAPE '\').
pub fn like_pattern(needle: &str) -> String {
    let mut out = String::with_capacity(needle.len() + 2);
    out.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Skipping NFKC for text that is already in it changes nothing: any text, in any of
        /// the scripts reps write, normalises as the full path would.
        #[test]
        fn the_quick_path_normalises_as_the_full_one(
            value in "[ -~ぁ-んァ-ヶｦ-ﾟ０-ｚ一-龥가-힣①-⑳㈱㍻ＡＢ]{0,30}"
        ) {
            let full: String = value
                .nfkc()
                .flat_map(char::to_lowercase)
                .map(katakana_to_hiragana)
                .collect();
            proptest::prop_assert_eq!(normalize(&value), full);
        }
    }

    #[test]
    fn normal_form_folds_width_case_and_kana() {
        assert_eq!(normalize("ＡＢＣ"), "abc");
        assert_eq!(normalize("ｶﾌﾞｼｷｶﾞｲｼｬ"), normalize("かぶしきがいしゃ"));
        assert_eq!(normalize("サトウ"), "さとう");
        assert_eq!(normalize("㈱"), "(株)");
        assert_eq!(digits("０３-1234-5678"), "0312345678");
    }

    #[test]
    fn impossible_dates_are_refused_and_good_ones_normalised() {
        let mut issues = vec![];
        assert_eq!(
            date("d", &Some("2024-02-29".into()), &mut issues).as_deref(),
            Some("2024-02-29")
        );
        assert!(issues.is_empty());
        date("d", &Some("2023-02-30".into()), &mut issues);
        date("d", &Some("yesterday".into()), &mut issues);
        assert_eq!(issues.len(), 2);
    }

    #[test]
    fn emails() {
        for ok in ["a@b.jp", "山田@例え.jp"] {
            assert!(looks_like_email(ok), "{ok}");
        }
        for bad in ["a@b", "@b.jp", "a b@c.jp", "a@@b.jp", "a@.jp"] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}

//! The order cycle a rep wrote on the card in words ("月2回", "每周", "격주", "every 2 weeks"),
//! read as days between orders so that it can be set against the customer's real rhythm. Text
//! that states no cycle Daicho knows reads as none: it is never guessed.

use crate::text::normalize;

/// Words that state a cycle outright, most specific first ("隔週" before "週").
const WORDS: &[(&[&str], u32)] = &[
    (&["毎日", "每天", "每日", "매일", "daily", "everyday"], 1),
    (
        &[
            "隔週",
            "每两周",
            "两周一次",
            "격주",
            "biweekly",
            "fortnightly",
            "everyotherweek",
        ],
        14,
    ),
    (
        &["毎週", "每周", "每星期", "매주", "weekly", "everyweek"],
        7,
    ),
    (
        &["隔月", "每两个月", "격월", "bimonthly", "everyothermonth"],
        61,
    ),
    (
        &[
            "四半期",
            "每季度",
            "每季",
            "분기",
            "quarterly",
            "everyquarter",
        ],
        91,
    ),
    (
        &["半年", "반기", "halfyearly", "semiannual", "twiceayear"],
        182,
    ),
    (
        &["毎年", "每年", "매년", "yearly", "annually", "everyyear"],
        365,
    ),
    (&["毎月", "每月", "매월", "monthly", "everymonth"], 30),
];

/// Spans a count of orders is per: "月2回" is every 15 days.
const SPANS: &[(&[&str], u32)] = &[
    (&["週", "周", "주", "week"], 7),
    (&["月", "월", "month"], 30),
    (&["年", "년", "연", "year"], 365),
];

/// Units of "every N ...": "3日ごと", "每2周", "2개월마다", "every 10 days".
const UNITS: &[(&[&str], u32)] = &[
    (&["日", "天", "일", "day"], 1),
    (&["週", "周", "주", "week"], 7),
    (&["か月", "ヶ月", "カ月", "个月", "개월", "month"], 30),
];

/// What says "times" after a count.
const TIMES: &[&str] = &["回", "次", "회", "times", "time", "x"];

/// Days between orders that `text` states, if it states a cycle.
pub fn stated_days(text: &str) -> Option<u32> {
    let t: String = normalize(text)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if t.is_empty() {
        return None;
    }
    if let Some((before, n, after)) = split_number(&t) {
        let has = |s: &str, words: &[&str]| words.iter().any(|w| s.contains(w));
        // A count per span: "月2回", "每月2次", "월 2회", "2 times a month".
        if TIMES.iter().any(|w| after.starts_with(w)) {
            let span = SPANS
                .iter()
                .find(|(words, _)| has(before, words) || has(after, words));
            if let Some((_, days)) = span {
                return Some((days / n).max(1));
            }
        }
        // Every N units: "10日ごと", "每2周", "2개월마다", "every 3 weeks".
        if let Some((_, days)) = UNITS
            .iter()
            .find(|(words, _)| words.iter().any(|w| after.starts_with(w)))
        {
            return Some(n.saturating_mul(*days).min(MAX_DAYS));
        }
    }
    if t.starts_with("twice") || t.contains("2回") {
        let span = SPANS
            .iter()
            .find(|(words, _)| words.iter().any(|w| t.contains(w)));
        if let Some((_, days)) = span {
            return Some(days / 2);
        }
    }
    WORDS
        .iter()
        .find(|(words, _)| words.iter().any(|w| t.contains(w)))
        .map(|(_, days)| *days)
}

/// Longest cycle read: a few years.
const MAX_DAYS: u32 = 3 * 366;

/// The text before the first count, the count (digits, or a kanji numeral one to ten, or 两), and the
/// text after it. A count of zero or beyond a year is no count.
fn split_number(t: &str) -> Option<(&str, u32, &str)> {
    const KANJI: [(char, u32); 11] = [
        ('一', 1),
        ('二', 2),
        ('两', 2),
        ('三', 3),
        ('四', 4),
        ('五', 5),
        ('六', 6),
        ('七', 7),
        ('八', 8),
        ('九', 9),
        ('十', 10),
    ];
    let kanji = |c: char| KANJI.iter().find(|(k, _)| *k == c).map(|(_, n)| *n);
    let start = t.find(|c: char| c.is_ascii_digit() || kanji(c).is_some())?;
    let rest = &t[start..];
    let first = rest.chars().next()?;
    let (n, len) = if first.is_ascii_digit() {
        let len = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        (rest[..len].parse::<u32>().ok()?, len)
    } else {
        (kanji(first)?, first.len_utf8())
    };
    (1..=366)
        .contains(&n)
        .then(|| (&t[..start], n, &rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cycles_as_each_market_writes_them() {
        for (text, days) in [
            ("月2回", 15),
            ("月1回", 30),
            ("毎月", 30),
            ("毎週月曜", 7),
            ("隔週", 14),
            ("週3回", 2),
            ("10日ごと", 10),
            ("四半期ごと", 91),
            ("年二回", 182),
            ("每月两次", 15),
            ("每月2次", 15),
            ("每周", 7),
            ("每2周", 14),
            ("每季度", 91),
            ("월 2회", 15),
            ("매주", 7),
            ("격주", 14),
            ("2개월마다", 60),
            ("twice a month", 15),
            ("Monthly", 30),
            ("every 3 weeks", 21),
            ("2 times a week", 3),
            ("Quarterly", 91),
        ] {
            assert_eq!(stated_days(text), Some(days), "{text}");
        }
    }

    #[test]
    fn text_stating_no_cycle_is_no_cycle() {
        for text in ["", "不定期", "as needed", "電話で連絡", "0日ごと", "随時"] {
            assert_eq!(stated_days(text), None, "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_text_reads_as_a_cycle_of_days_or_none(text in "\\PC{0,40}") {
            if let Some(days) = stated_days(&text) {
                prop_assert!((1..=MAX_DAYS).contains(&days));
            }
        }
    }
}

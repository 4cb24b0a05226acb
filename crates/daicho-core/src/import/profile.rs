//! A company's profile as customer lists write it: 資本金 "1,000万円", 年商 "12億円", 注册资本
//! "500万元", 자본금 "5억원", 従業員数 "120名", 決算月 "3月", 設立 "1985年4月". Each value is read
//! as a rep wrote it, or the row is refused with the column named; nothing is guessed into a
//! number it does not say.

use std::collections::HashMap;

use super::rows::{date_time_of, month_of};
use super::{ImportField, RowProblem};
use crate::card::OrganisationProfile;

type Values = HashMap<ImportField, Vec<(u32, String)>>;

/// The profile the row's company columns give, when it has any.
pub(super) fn organisation_of(
    line: u32,
    values: &Values,
    first: &dyn Fn(ImportField) -> String,
    problems: &mut Vec<RowProblem>,
) -> Option<OrganisationProfile> {
    use ImportField as F;
    const FIELDS: [F; 8] = [
        F::OrgRepresentative,
        F::OrgFounded,
        F::OrgCapital,
        F::OrgEmployees,
        F::OrgAnnualSales,
        F::OrgFiscalMonth,
        F::OrgBanks,
        F::OrgPaymentTerms,
    ];
    if FIELDS.iter().all(|f| first(*f).is_empty()) {
        return None;
    }
    let mut refuse = |field: F, rule: &str| {
        let column = values.get(&field).and_then(|v| v.first()).map(|(c, _)| *c);
        problems.push(RowProblem::at(line, column.unwrap_or(0), field, rule));
    };
    let mut read = |field: F, parse: &dyn Fn(&str) -> Option<i64>| {
        let text = first(field);
        if text.is_empty() {
            return None;
        }
        let value = parse(&text);
        if value.is_none() {
            refuse(field, "not_a_number");
        }
        value
    };
    let capital = read(F::OrgCapital, &scaled_amount);
    let annual_sales = read(F::OrgAnnualSales, &scaled_amount);
    let employees = read(F::OrgEmployees, &head_count);
    let fiscal_year_end_month = read(F::OrgFiscalMonth, &|t| month_number(t).map(i64::from));
    let founded_text = first(F::OrgFounded);
    let founded = if founded_text.is_empty() {
        None
    } else {
        let day = day_of(&founded_text);
        if day.is_none() {
            refuse(F::OrgFounded, "invalid_date");
        }
        day
    };
    Some(OrganisationProfile {
        representative: first(F::OrgRepresentative),
        founded,
        capital,
        annual_sales,
        employees,
        fiscal_year_end_month: fiscal_year_end_month.and_then(|m| i32::try_from(m).ok()),
        main_banks: first(F::OrgBanks),
        payment_terms: first(F::OrgPaymentTerms),
        ..OrganisationProfile::default()
    })
}

/// A day as lists write when a company was founded: a date, a month (its first day) or a year
/// alone (its 1 January).
fn day_of(text: &str) -> Option<String> {
    if let Some(day) = date_time_of(text) {
        return Some(day[..10].to_owned());
    }
    if let Some(day) = month_of(text) {
        return Some(day);
    }
    let year: i32 = crate::text::normalize(text.trim())
        .trim_end_matches(['年', '년'])
        .parse()
        .ok()
        .filter(|y| (1600..=2200).contains(y))?;
    Some(format!("{year:04}-01-01"))
}

/// An amount in the currency's unit, with the multipliers lists use: 千 / 万 / 百万 / 億 (亿),
/// 천 / 만 / 억, K / M / B; "1,000万円" is 10,000,000, "1.5億" 150,000,000.
pub(super) fn scaled_amount(text: &str) -> Option<i64> {
    let t = crate::text::normalize(text.trim()).to_lowercase();
    let mut t: String = t
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '¥' | '￥' | '$' | '€' | '₩'))
        .collect();
    for unit in [
        "円",
        "元",
        "원",
        "人民币",
        "rmb",
        "jpy",
        "cny",
        "krw",
        "usd",
        "yen",
    ] {
        t = t.trim_end_matches(unit).trim_start_matches(unit).to_owned();
    }
    const MULTIPLIERS: [(&str, f64); 11] = [
        ("百万", 1e6),
        ("千万", 1e7),
        ("億", 1e8),
        ("亿", 1e8),
        ("억", 1e8),
        ("万", 1e4),
        ("만", 1e4),
        ("千", 1e3),
        ("천", 1e3),
        ("m", 1e6),
        ("k", 1e3),
    ];
    let (number, scale) = MULTIPLIERS
        .iter()
        .find_map(|(unit, scale)| t.strip_suffix(unit).map(|n| (n.to_owned(), *scale)))
        .or_else(|| t.strip_suffix('b').map(|n| (n.to_owned(), 1e9)))
        .unwrap_or((t.clone(), 1.0));
    let value: f64 = number
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
    let whole = (value * scale).round();
    (whole < 9e18).then_some(whole as i64)
}

/// A number of people as lists write it: "120名", "85人", "42명", "約120名", "about 120".
fn head_count(text: &str) -> Option<i64> {
    let t = crate::text::normalize(text.trim()).to_lowercase();
    let t = t
        .trim_start_matches("約")
        .trim_start_matches("约")
        .trim_start_matches("약")
        .trim_start_matches("about")
        .trim_start_matches("approx.")
        .trim();
    let digits = t
        .trim_end_matches(['名', '人', '명'])
        .trim_end_matches("people")
        .trim()
        .replace(',', "");
    digits.parse().ok().filter(|n: &i64| *n >= 0)
}

/// A month as lists write the end of a fiscal year: "3月", "3月期", "03", "3월", "March", "Mar".
fn month_number(text: &str) -> Option<i32> {
    let t = crate::text::normalize(text.trim()).to_lowercase();
    let t = t
        .trim_end_matches("期")
        .trim_end_matches(['月', '월'])
        .trim_end_matches("决算")
        .trim();
    if let Ok(n) = t.parse::<i32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|m| t.len() >= 3 && t.starts_with(m))
        .map(|i| i as i32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_with_the_multipliers_each_market_writes() {
        for (text, want) in [
            ("1,000万円", Some(10_000_000)),
            ("12億円", Some(1_200_000_000)),
            ("1.5億", Some(150_000_000)),
            ("10,000千円", Some(10_000_000)),
            ("500万元", Some(5_000_000)),
            ("5억원", Some(500_000_000)),
            ("¥30,000,000", Some(30_000_000)),
            ("$2.5M", Some(2_500_000)),
            ("3000000", Some(3_000_000)),
            ("非公開", None),
            ("-5万", None),
        ] {
            assert_eq!(scaled_amount(text), want, "{text}");
        }
    }

    #[test]
    fn head_counts_months_and_founding_days() {
        assert_eq!(head_count("120名"), Some(120));
        assert_eq!(head_count("約1,200人"), Some(1200));
        assert_eq!(head_count("42명"), Some(42));
        assert_eq!(head_count("多数"), None);
        assert_eq!(month_number("3月"), Some(3));
        assert_eq!(month_number("3月期"), Some(3));
        assert_eq!(month_number("12월"), Some(12));
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("13"), None);
        assert_eq!(day_of("1985年4月").as_deref(), Some("1985-04-01"));
        assert_eq!(day_of("1985").as_deref(), Some("1985-01-01"));
        assert_eq!(day_of("2001/10/05").as_deref(), Some("2001-10-05"));
        assert_eq!(day_of("昭和60年"), None);
    }
}

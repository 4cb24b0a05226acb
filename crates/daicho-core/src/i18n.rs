//! The message catalog, shared with the UI: `ui/messages/{ja,zh,ko,en}.json` are compiled in
//! here, so the CLI (and later the Excel reports) speak the user's language with the same words.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::ErrorReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    Zh,
    Ko,
    En,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::Ja, Lang::Zh, Lang::Ko, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::Zh => "zh",
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// From a POSIX or BCP 47 locale such as `ja_JP.UTF-8` or `zh-CN`; English when unknown.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.to_ascii_lowercase();
        Lang::parse(lower.get(..2).unwrap_or("")).unwrap_or(Lang::En)
    }

    /// The language of this process's environment (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }

    fn source(self) -> &'static str {
        match self {
            Lang::Ja => include_str!("../../../ui/messages/ja.json"),
            Lang::Zh => include_str!("../../../ui/messages/zh.json"),
            Lang::Ko => include_str!("../../../ui/messages/ko.json"),
            Lang::En => include_str!("../../../ui/messages/en.json"),
        }
    }
}

pub type Catalog = BTreeMap<String, String>;

/// The parsed catalog of a language (parsed once).
pub fn catalog(lang: Lang) -> &'static Catalog {
    static CATALOGS: OnceLock<[Catalog; 4]> = OnceLock::new();
    let all = CATALOGS.get_or_init(|| {
        Lang::ALL.map(|l| {
            let mut map: Catalog = serde_json::from_str(l.source()).unwrap_or_default();
            map.remove("$schema");
            map
        })
    });
    &all[Lang::ALL.iter().position(|l| *l == lang).unwrap_or(3)]
}

/// The placeholder whose number picks a singular form: `{count}`, else the first one.
fn deciding_number<'a>(template: &str, params: &'a BTreeMap<String, String>) -> Option<&'a str> {
    let name = if template.contains("{count}") {
        "count"
    } else {
        let start = template.find('{')? + 1;
        let len = template[start..].find('}')?;
        &template[start..start + len]
    };
    params.get(name).map(|v| v.trim())
}

/// The message `key` with `{param}` placeholders filled; the key itself when missing. A
/// language with singular forms (English) keeps them under `key_one`, used when the number is 1.
pub fn message(lang: Lang, key: &str, params: &BTreeMap<String, String>) -> String {
    let catalog = catalog(lang);
    let mut template = catalog.get(key).map_or(key, String::as_str);
    if deciding_number(template, params) == Some("1") {
        if let Some(singular) = catalog.get(&format!("{key}_one")) {
            template = singular;
        }
    }
    let mut out = template.to_owned();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A whole number with its thousands grouped, as all four languages write amounts: 1,234,567.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// An error as the user reads it, with one line per field problem.
pub fn error_message(lang: Lang, report: &ErrorReport) -> String {
    let mut text = message(lang, &format!("error.{}", report.code), &report.params);
    for issue in &report.fields {
        let mut params = BTreeMap::new();
        if let Some(limit) = issue.limit {
            params.insert("limit".to_owned(), limit.to_string());
        }
        let field = message(lang, &format!("field.{}", issue.field), &BTreeMap::new());
        text.push_str(&format!(
            "\n  {field}: {}",
            message(lang, &format!("rule.{}", issue.rule), &params)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_says_one_card_and_japanese_has_no_singular() {
        let count = |n: &str| [("count".to_owned(), n.to_owned())].into_iter().collect();
        assert_eq!(message(Lang::En, "list.count", &count("1")), "1 card");
        assert_eq!(message(Lang::En, "list.count", &count("2")), "2 cards");
        assert_eq!(message(Lang::Ja, "list.count", &count("1")), "1 件");
    }

    #[test]
    fn amounts_are_grouped_by_thousands() {
        let cases = [0, 999, 1000, -18000, 1_234_567, i64::MIN];
        let got: Vec<String> = cases.iter().map(|n| grouped(*n)).collect();
        assert_eq!(
            got,
            [
                "0",
                "999",
                "1,000",
                "-18,000",
                "1,234,567",
                "-9,223,372,036,854,775,808"
            ]
        );
    }

    #[test]
    fn locales_pick_the_language() {
        assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Lang::Ja);
        assert_eq!(Lang::from_locale("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_locale("ko_KR"), Lang::Ko);
        assert_eq!(Lang::from_locale("fr_FR"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn every_language_has_every_key() {
        // Singular forms (`key_one`) are a language's own: only their base key must exist.
        let keys = |lang: Lang| -> Vec<&String> {
            catalog(lang)
                .keys()
                .filter(|k| !k.ends_with("_one"))
                .collect()
        };
        let english = keys(Lang::En);
        assert!(english.len() > 100, "the catalog is loaded");
        for lang in Lang::ALL {
            assert_eq!(keys(lang), english, "{lang:?} has the same keys as English");
            for key in catalog(lang).keys().filter(|k| k.ends_with("_one")) {
                assert!(catalog(lang).contains_key(&key[..key.len() - 4]), "{key}");
            }
            for (key, text) in catalog(lang) {
                assert!(!text.trim().is_empty(), "{lang:?} {key} is empty");
            }
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let mut params = BTreeMap::new();
        params.insert("path".to_owned(), "/tmp/x".to_owned());
        assert!(message(Lang::En, "error.ledger.not_a_ledger", &params).contains("/tmp/x"));
        assert!(message(Lang::Ja, "error.ledger.not_a_ledger", &params).contains("/tmp/x"));
    }
}

//! Names as people compare and order them: the list's order by reading in each language's way,
//! and company names without their legal form.

use pinyin::ToPinyin;
use unicode_normalization::UnicodeNormalization;

use crate::search::terms::is_cjk_letter;
use crate::text::normalize;

/// The key the card list sorts by, as each language orders names:
/// - Japanese by the フリガナ in gojūon order (voiced after voiceless, small kana as large, ー as
///   the vowel before it);
/// - Chinese by pinyin (a name in hanzi without a reading is read in pinyin);
/// - Korean by the hangul of the name (its romanisation, if any, is not the order Koreans use),
///   a company under its own name: (주)대성건설 with the ㄷ, not every company under 주;
/// - others by letters, case and width folded.
///
/// Ties keep a stable order by the full normal form after a separator that sorts first.
pub fn sort_key(name: &str, reading: &str) -> String {
    let korean = name.chars().any(is_hangul);
    let basis = if korean || reading.trim().is_empty() {
        name
    } else {
        reading
    };
    let normal = normalize(basis.trim());
    let read = if korean {
        without_korean_legal_form(&normal)
    } else {
        normal.clone()
    };
    let mut primary = String::with_capacity(read.len() * 2);
    let mut previous_vowel = None;
    for c in read.chars() {
        if let Some(kana) = gojuon(c) {
            let base = kana.unwrap_or(c);
            primary.push(if c == 'ー' {
                previous_vowel.unwrap_or(c)
            } else {
                base
            });
            previous_vowel = vowel(base).or(previous_vowel);
        } else if let Some(py) = c.to_pinyin() {
            primary.push_str(py.plain());
            primary.push(' ');
            previous_vowel = None;
        } else {
            previous_vowel = None;
            if !c.is_whitespace() && !c.is_ascii_punctuation() {
                primary.push(c);
            }
        }
    }
    format!("{}\u{1}{normal}", primary.trim_end())
}

/// A Korean name in the normal form without 주식회사, (주) (also ㈜) or their 유한회사 kin,
/// wherever they stand; the name itself when nothing else is left.
fn without_korean_legal_form(normal: &str) -> String {
    let mut text = normal.to_owned();
    for form in ["주식회사", "(주)", "유한회사", "(유)"] {
        text = text.replace(form, " ");
    }
    let text = text.trim();
    if text.is_empty() {
        normal.to_owned()
    } else {
        text.to_owned()
    }
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// For hiragana (and ー): `Some(the seion letter)`, `Some(None)` for ー; `None` for other letters.
fn gojuon(c: char) -> Option<Option<char>> {
    if c == 'ー' {
        return Some(None);
    }
    if !('\u{3041}'..='\u{3096}').contains(&c) {
        return None;
    }
    // Voiced and half-voiced letters decompose into the plain letter and a mark.
    let plain = c.nfd().next().unwrap_or(c);
    let large = match plain {
        'ぁ' => 'あ',
        'ぃ' => 'い',
        'ぅ' => 'う',
        'ぇ' => 'え',
        'ぉ' => 'お',
        'っ' => 'つ',
        'ゃ' => 'や',
        'ゅ' => 'ゆ',
        'ょ' => 'よ',
        'ゎ' => 'わ',
        'ゕ' => 'か',
        'ゖ' => 'け',
        other => other,
    };
    Some(Some(large))
}

/// The vowel a seion letter ends in (what a following ー lengthens).
fn vowel(c: char) -> Option<char> {
    const ROWS: [&str; 5] = [
        "あかさたなはまやらわ",
        "いきしちにひみりゐ",
        "うくすつぬふむゆる",
        "えけせてねへめれゑ",
        "おこそとのほもよろを",
    ];
    ROWS.iter()
        .zip(['あ', 'い', 'う', 'え', 'お'])
        .find(|(row, _)| row.contains(c))
        .map(|(_, v)| v)
}

/// Legal forms, in the normal form, wherever they stand in a company name.
const LEGAL_FORMS: &[&str] = &[
    "株式会社",
    "(株)",
    "有限会社",
    "(有)",
    "合同会社",
    "合資会社",
    "合名会社",
    "一般社団法人",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "주식회사",
    "(주)",
    "유한회사",
    "(유)",
];

/// Latin legal forms, compared as whole words.
const LATIN_LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "plc",
    "gmbh",
    "kk",
    "k.k",
];

/// A company name in the normal form without its legal form, spaces and punctuation:
/// 株式会社東洋商事, (株)東洋商事, ㈱東洋商事 and 東洋商事株式会社 all give 東洋商事;
/// "ACME Co., Ltd." gives "acme".
pub fn without_legal_form(name: &str) -> String {
    let mut text = normalize(name);
    for form in LEGAL_FORMS {
        text = text.replace(form, " ");
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '、')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ',').to_owned())
        .filter(|w| !w.is_empty() && !LATIN_LEGAL_FORMS.contains(&w.as_str()))
        .collect();
    words
        .concat()
        .chars()
        .filter(|c| c.is_alphanumeric() || is_cjk_letter(*c))
        .collect()
}

/// An individual's display name from the family and given names, as people of `lang` write it:
/// given name first in English, family name first otherwise, with no space in Chinese and Korean
/// for a name in Han or Hangul. Without a language (an import, the CLI), the names themselves
/// decide: a kana reading or kana in the name is Japanese, Hangul Korean, Han Chinese, and a name
/// in Latin letters is written given name first.
pub fn person_name(
    family: &str,
    given: &str,
    lang: Option<crate::i18n::Lang>,
    reading: &str,
) -> String {
    use crate::i18n::Lang;
    let (f, g) = (family.trim(), given.trim());
    if f.is_empty() || g.is_empty() {
        return if f.is_empty() { g } else { f }.to_owned();
    }
    let lang = lang.unwrap_or_else(|| {
        let all = format!("{f}{g}{reading}");
        if all.chars().any(is_kana) {
            Lang::Ja
        } else if all.chars().any(is_hangul) {
            Lang::Ko
        } else if all.chars().any(is_cjk_letter) {
            Lang::Zh
        } else {
            Lang::En
        }
    });
    let joined_script = f.chars().last().is_some_and(|c| {
        ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{AC00}'..='\u{D7AF}').contains(&c)
    });
    match lang {
        Lang::En => format!("{g} {f}"),
        Lang::Ja => format!("{f} {g}"),
        Lang::Zh | Lang::Ko if joined_script => format!("{f}{g}"),
        Lang::Zh | Lang::Ko => format!("{f} {g}"),
    }
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{FF66}'..='\u{FF9F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted<'a>(mut names: Vec<(&'a str, &'a str)>) -> Vec<&'a str> {
        names.sort_by_key(|(n, r)| sort_key(n, r));
        names.into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn japanese_names_follow_the_gojuon_order_of_their_reading() {
        assert_eq!(
            sorted(vec![
                ("後藤", "ゴトウ"),
                ("加藤", "カトウ"),
                ("近藤", "コンドウ"),
                ("佐藤", "サトウ"),
                ("伊藤", "イトウ"),
                ("ｶﾞｲｱ", "ｶﾞｲｱ"),
            ]),
            ["伊藤", "ｶﾞｲｱ", "加藤", "後藤", "近藤", "佐藤"],
            "が sorts with か, voiced after voiceless only when all else is equal"
        );
        assert_eq!(
            sort_key("", "カー").split('\u{1}').next(),
            Some("かあ"),
            "ー lengthens the vowel before it"
        );
    }

    #[test]
    fn chinese_names_follow_pinyin_and_korean_names_hangul() {
        assert_eq!(
            sorted(vec![("张伟", ""), ("王芳", ""), ("李娜", ""), ("陈静", "")]),
            ["陈静", "李娜", "王芳", "张伟"]
        );
        assert_eq!(
            sorted(vec![
                ("박지훈", "Park Jihun"),
                ("김민준", "Kim Minjun"),
                ("이서연", "Lee Seoyeon")
            ]),
            ["김민준", "박지훈", "이서연"],
            "ㄱ ㅂ ㅇ, not K L P"
        );
        assert_eq!(
            sorted(vec![
                ("(주)세진식품", "Sejin Sikpum"),
                ("㈜대성건설", ""),
                ("주식회사 한빛", ""),
                ("미래산업(유)", ""),
                ("주원상사", ""),
            ]),
            [
                "㈜대성건설",
                "미래산업(유)",
                "(주)세진식품",
                "주원상사",
                "주식회사 한빛"
            ],
            "a company under its own name, not under 주"
        );
        assert_eq!(
            sorted(vec![("Zeta Ltd.", ""), ("acme", "")]),
            ["acme", "Zeta Ltd."]
        );
    }

    #[test]
    fn legal_forms_go_wherever_they_stand() {
        for name in [
            "株式会社東洋商事",
            "(株)東洋商事",
            "㈱東洋商事",
            "東洋商事株式会社",
            "東洋商事 (株)",
        ] {
            assert_eq!(without_legal_form(name), "東洋商事", "{name}");
        }
        assert_eq!(without_legal_form("上海华信科技有限公司"), "上海华信科技");
        assert_eq!(without_legal_form("华信股份有限公司"), "华信");
        assert_eq!(without_legal_form("주식회사 한빛식품"), "한빛식품");
        assert_eq!(without_legal_form("(주)한빛식품"), "한빛식품");
        assert_eq!(without_legal_form("ACME Co., Ltd."), "acme");
        assert_eq!(without_legal_form("Acme Inc."), "acme");
        assert_eq!(without_legal_form("Coca Cola"), "cocacola");
    }
}

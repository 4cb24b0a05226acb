//! The order of the card list by reading, as its reader expects: their own script first. A
//! card's `sort_key` (see [`crate::names::sort_key`]) starts with Latin letters (English names,
//! and the pinyin of Chinese ones), kana (Japanese readings) or hangul (Korean names); in code
//! point order Latin comes first, so a Japanese rep saw every foreign customer before the
//! first Japanese one. Each script is a range of `sort_key`, so a window of the list still walks
//! the list's index, one range after another.

use crate::i18n::Lang;

/// Where a card's `sort_key` puts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin letters and digits: English names, pinyin.
    Latin,
    /// Japanese readings (hiragana, after the key's folding).
    Kana,
    Hangul,
    /// A name with no letter to read (only marks): after every other.
    Unread,
}

/// The first hiragana and the first hangul syllable: where those scripts' keys begin.
const KANA_FROM: &str = "\u{3041}";
const HANGUL_FROM: &str = "\u{AC00}";
/// Keys with no letters start with the separator U+0001 (see `sort_key`).
const READ_FROM: &str = "\u{2}";

impl Script {
    /// The condition on `sort_key` that selects this script's cards.
    pub fn range_sql(self) -> String {
        match self {
            Script::Unread => format!("sort_key < '{READ_FROM}'"),
            Script::Latin => format!("sort_key >= '{READ_FROM}' AND sort_key < '{KANA_FROM}'"),
            Script::Kana => format!("sort_key >= '{KANA_FROM}' AND sort_key < '{HANGUL_FROM}'"),
            Script::Hangul => format!("sort_key >= '{HANGUL_FROM}'"),
        }
    }
}

/// The scripts in the order `reader` reads them: their own first, then Latin, then the rest.
pub fn scripts_for(reader: Option<Lang>) -> [Script; 4] {
    use Script::*;
    match reader {
        Some(Lang::Ja) => [Kana, Latin, Hangul, Unread],
        Some(Lang::Ko) => [Hangul, Latin, Kana, Unread],
        Some(Lang::Zh | Lang::En) | None => [Latin, Kana, Hangul, Unread],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::sort_key;

    fn script_of(name: &str, reading: &str) -> Script {
        let key = sort_key(name, reading);
        let conn = rusqlite::Connection::open_in_memory().expect("sqlite");
        [Script::Latin, Script::Kana, Script::Hangul, Script::Unread]
            .into_iter()
            .find(|s| {
                conn.query_row(
                    &format!("SELECT {} FROM (SELECT ?1 AS sort_key)", s.range_sql()),
                    [&key],
                    |r| r.get::<_, bool>(0),
                )
                .unwrap_or(false)
            })
            .expect("every key falls in one script")
    }

    #[test]
    fn each_name_falls_in_the_script_it_is_read_in() {
        assert_eq!(script_of("株式会社青葉精機", "アオバセイキ"), Script::Kana);
        assert_eq!(script_of("ｶﾞﾘﾚｵ", ""), Script::Kana);
        assert_eq!(script_of("Harbor Foods", ""), Script::Latin);
        // Hanzi without a reading is read in pinyin, among the Latin letters.
        assert_eq!(script_of("北京鼎力机械有限公司", ""), Script::Latin);
        assert_eq!(script_of("(주)한빛상사", "Hanbit"), Script::Hangul);
        assert_eq!(script_of("--", ""), Script::Unread);
    }

    #[test]
    fn every_reader_gets_every_script_once_their_own_first() {
        for lang in Lang::ALL.map(Some).into_iter().chain([None]) {
            let mut scripts = scripts_for(lang).to_vec();
            assert_eq!(scripts.last(), Some(&Script::Unread));
            scripts.sort_by_key(|s| *s as u8);
            assert_eq!(scripts.len(), 4);
            scripts.dedup();
            assert_eq!(scripts.len(), 4, "{lang:?}");
        }
        assert_eq!(scripts_for(Some(Lang::Ja))[0], Script::Kana);
        assert_eq!(scripts_for(Some(Lang::Ko))[0], Script::Hangul);
    }
}

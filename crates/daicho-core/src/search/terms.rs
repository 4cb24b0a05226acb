//! What goes into the full-text index and how a query is asked of it.
//!
//! FTS5's tokenizers split on spaces and punctuation, which CJK text has none of, and its trigram
//! tokenizer matches only three characters or more. So Daicho writes the index's text itself, in
//! the normal form (`text::normalize`), as space-separated terms FTS5's `unicode61` tokenizer keeps
//! whole:
//! - a run of CJK letters (kanji, kana, hangul; spaces between them dropped, so 佐藤 太郎 and
//!   佐藤太郎 are the same) becomes its overlapping pairs and then its last letter alone:
//!   `佐藤太郎` → `佐藤 藤太 太郎 郎`. A one-letter query is a prefix query (`李*` matches every pair
//!   that starts with 李 and a lone 李 at a run's end), two letters are one pair, longer queries
//!   a phrase of pairs;
//! - other words (Latin letters, digits) stay words and are asked as prefixes;
//! - phone numbers are written as the suffixes of their digits, so a prefix query for any part
//!   of the number finds it: `03-1234-5678` → `0312345678 312345678 … 678`.

use crate::text::{digits, normalize};

/// Separates fields given to [`index_text`] so that a CJK run never spans two fields.
pub const FIELD_SEPARATOR: char = '\u{1F}';

/// The shortest phone suffix written: shorter parts of a number find too much to be useful.
const MIN_PHONE_SUFFIX: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Cjk,
    Word,
    Space,
    Break,
}

fn class(c: char) -> Class {
    if is_cjk_letter(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Break
    }
}

/// Letters of scripts written without spaces between words.
pub fn is_cjk_letter(c: char) -> bool {
    matches!(c,
        '\u{3005}' | '\u{3006}' | '\u{303B}'          // 々 〆 〻
        | '\u{3041}'..='\u{309F}'                      // hiragana
        | '\u{30A0}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' // katakana, ー (not the middle dot)
        | '\u{31F0}'..='\u{31FF}'                      // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'                      // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'                      // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'                      // compatibility ideographs
        | '\u{20000}'..='\u{3134F}'                    // extensions B–G (𠮷)
        | '\u{1100}'..='\u{11FF}'                      // hangul jamo
        | '\u{3130}'..='\u{318F}'                      // hangul compatibility jamo
        | '\u{AC00}'..='\u{D7AF}'                      // hangul syllables
    ) && c.is_alphabetic()
}

/// One piece of normalised text: a CJK run (spaces inside dropped) or a word.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Cjk(Vec<char>),
    Word(String),
}

/// Splits normalised text into CJK runs and words; punctuation and field separators end a piece.
pub fn pieces(normal: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut word = String::new();
    for c in normal.chars() {
        match class(c) {
            Class::Cjk => {
                flush_word(&mut word, &mut out);
                run.push(c);
            }
            Class::Word => {
                flush_run(&mut run, &mut out);
                word.push(c);
            }
            // A space between two CJK letters does not end the run; anywhere else it does.
            Class::Space => flush_word(&mut word, &mut out),
            Class::Break => {
                flush_word(&mut word, &mut out);
                flush_run(&mut run, &mut out);
            }
        }
    }
    flush_word(&mut word, &mut out);
    flush_run(&mut run, &mut out);
    out
}

fn flush_word(word: &mut String, out: &mut Vec<Piece>) {
    if !word.is_empty() {
        out.push(Piece::Word(std::mem::take(word)));
    }
}

fn flush_run(run: &mut Vec<char>, out: &mut Vec<Piece>) {
    if !run.is_empty() {
        out.push(Piece::Cjk(std::mem::take(run)));
    }
}

/// The index text of some fields (each normalised here): terms separated by spaces.
pub fn index_text<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for field in fields {
        if field.is_empty() {
            continue;
        }
        for piece in pieces(&normalize(field)) {
            match piece {
                Piece::Word(w) => push_term(&mut out, &w),
                Piece::Cjk(run) => {
                    for pair in run.windows(2) {
                        push_chars(&mut out, pair);
                    }
                    if let Some(last) = run.last() {
                        push_chars(&mut out, std::slice::from_ref(last));
                    }
                }
            }
        }
    }
    out
}

/// The index text of phone numbers: the suffixes of each number's digits.
pub fn phone_text<'a>(phones: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for phone in phones.into_iter().flat_map(|p| p.split(FIELD_SEPARATOR)) {
        let d = digits(phone);
        if d.len() < MIN_PHONE_SUFFIX {
            continue;
        }
        for start in 0..=d.len() - MIN_PHONE_SUFFIX {
            if let Some(suffix) = d.get(start..) {
                push_term(&mut out, suffix);
            }
        }
    }
    out
}

fn push_chars(out: &mut String, term: &[char]) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.extend(term);
}

fn push_term(out: &mut String, term: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(term);
}

/// A user's query as FTS5 sees it, or `None` when it holds nothing searchable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtsQuery {
    /// One quoted phrase per piece of the query; all must match (AND).
    pieces: Vec<String>,
    /// The query's digits when it looks like (part of) a phone number.
    pub phone_digits: Option<String>,
}

impl FtsQuery {
    pub fn parse(query: &str) -> Option<FtsQuery> {
        let normal = normalize(query);
        let parts = pieces(&normal);
        // Words typed joined by punctuation, with no space (a customer code s-00012, a model
        // A4-500): one phrase, the last word a prefix. Asked as separate prefixes, the short
        // first word ("s"*) is a prefix of a word in nearly every text of the ledger.
        let joined = parts.len() > 1
            && !normal.trim().contains(' ')
            && parts.iter().all(|p| matches!(p, Piece::Word(_)));
        if joined {
            let words: Vec<&str> = parts
                .iter()
                .filter_map(|p| match p {
                    Piece::Word(w) => Some(w.as_str()),
                    Piece::Cjk(_) => None,
                })
                .collect();
            return Some(FtsQuery {
                pieces: vec![format!("{}*", quoted(&words.join(" ")))],
                phone_digits: looks_like_phone(&normal).then(|| digits(&normal)),
            });
        }
        let pieces: Vec<String> = parts
            .into_iter()
            .map(|piece| match piece {
                Piece::Word(w) => format!("{}*", quoted(&w)),
                Piece::Cjk(run) if run.len() == 1 => format!("{}*", quoted(&run[0].to_string())),
                Piece::Cjk(run) => {
                    let pairs: Vec<String> = run.windows(2).map(|p| p.iter().collect()).collect();
                    quoted(&pairs.join(" "))
                }
            })
            .collect();
        let phone_digits = looks_like_phone(&normal).then(|| digits(&normal));
        if pieces.is_empty() && phone_digits.is_none() {
            return None;
        }
        Some(FtsQuery {
            pieces,
            phone_digits,
        })
    }

    /// The MATCH expression for a table whose text columns are all searched.
    pub fn text_match(&self) -> Option<String> {
        (!self.pieces.is_empty()).then(|| self.pieces.join(" "))
    }

    /// The MATCH expression for every card that matches anywhere.
    pub fn card_match(&self) -> String {
        match (&self.phone_digits, self.text_match()) {
            (None, text) => text.unwrap_or_default(),
            (Some(d), None) => format!("phone : {}*", quoted(d)),
            (Some(d), Some(text)) => format!("name : ({text}) OR phone : {}*", quoted(d)),
        }
    }

    /// The card matches from the best kind to the least, each a MATCH expression: the name (with
    /// reading and code) starting with the query, the name containing it, then anywhere else (for
    /// a phone-like query: the phone numbers, not every number in addresses).
    pub fn card_tiers(&self) -> Vec<String> {
        let mut tiers = Vec::new();
        if let Some(text) = self.text_match() {
            tiers.push(format!("name : (^{text})"));
            tiers.push(format!("name : ({text})"));
            if self.phone_digits.is_none() {
                tiers.push(text);
            }
        }
        if let Some(d) = &self.phone_digits {
            tiers.push(format!("phone : {}*", quoted(d)));
        }
        tiers
    }
}

/// A string as one FTS5 phrase: inside double quotes nothing is syntax.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Digits with at most phone punctuation, and enough digits to mean something.
fn looks_like_phone(normal: &str) -> bool {
    let mut count = 0;
    for c in normal.chars() {
        match c {
            '0'..='9' => count += 1,
            '-' | '(' | ')' | '+' | '.' | ' ' | '‐' | '−' | 'ー' => {}
            _ => return false,
        }
    }
    count >= MIN_PHONE_SUFFIX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_runs_become_pairs_and_a_last_letter_and_spaces_inside_them_go() {
        assert_eq!(index_text(["佐藤 太郎"]), "佐藤 藤太 太郎 郎");
        assert_eq!(index_text(["李"]), "李");
        assert_eq!(index_text(["ｻﾄｳ"]), "さと とう う");
        assert_eq!(index_text(["김민준"]), "김민 민준 준");
    }

    #[test]
    fn words_stay_words_and_fields_do_not_run_together() {
        assert_eq!(index_text(["ACME Co., Ltd."]), "acme co ltd");
        assert_eq!(index_text(["山田", "田中"]), "山田 田 田中 中");
        assert_eq!(index_text(["東京都港区1-2"]), "東京 京都 都港 港区 区 1 2");
        assert_eq!(index_text(["Ｃ－０００３０１"]), "c 000301");
    }

    #[test]
    fn phones_become_the_suffixes_of_their_digits() {
        assert_eq!(phone_text(["03-1234"]), "031234 31234 1234 234");
        assert_eq!(phone_text(["12", ""]), "");
        assert_eq!(phone_text(["1234\u{1F}5678"]), "1234 234 5678 678");
    }

    #[test]
    fn queries_are_quoted_pieces_and_phone_like_queries_also_ask_for_digits() {
        let q = FtsQuery::parse("佐").unwrap();
        assert_eq!(q.text_match().unwrap(), "\"佐\"*");
        assert_eq!(q.phone_digits, None);
        assert_eq!(
            q.card_tiers(),
            ["name : (^\"佐\"*)", "name : (\"佐\"*)", "\"佐\"*"]
        );
        let text = |q: &str| FtsQuery::parse(q).unwrap().text_match().unwrap();
        assert_eq!(text("佐藤"), "\"佐藤\"");
        assert_eq!(text("佐藤商事"), "\"佐藤 藤商 商事\"");
        assert_eq!(text("さとう tan"), "\"さと とう\" \"tan\"*");
        let phone = FtsQuery::parse("03-1234").unwrap();
        assert_eq!(phone.phone_digits.as_deref(), Some("031234"));
        assert_eq!(
            phone.card_match(),
            "name : (\"03 1234\"*) OR phone : \"031234\"*"
        );
        assert_eq!(text("\"x\" OR y"), "\"x\"* \"or\"* \"y\"*");
        assert_eq!(FtsQuery::parse(" -  ()"), None);
    }

    /// What each query asks FTS5 for, tier by tier, one per line.
    fn check(query: &str, expect: expect_test::Expect) {
        let shown = match FtsQuery::parse(query) {
            Some(q) => q.card_tiers().join("\n"),
            None => "(nothing searchable)".to_owned(),
        };
        expect.assert_eq(&shown);
    }

    #[test]
    fn queries_as_reps_type_them_in_four_languages() {
        use expect_test::expect;
        // A reading typed in half-width katakana finds the hiragana it is indexed as.
        check(
            "ｻﾄｳｼｮｳｼﾞ",
            expect![[r#"
                name : (^"さと とう うし しょ ょう うじ")
                name : ("さと とう うし しょ ょう うじ")
                "さと とう うし しょ ょう うじ""#]],
        );
        // A name typed with a space inside it: as in the index, the space inside a CJK run goes,
        // so 上海贸易 and 上海 贸易 find each other.
        check(
            "上海 贸易",
            expect![[r#"
                name : (^"上海 海贸 贸易")
                name : ("上海 海贸 贸易")
                "上海 海贸 贸易""#]],
        );
        // A Korean name, and a phone number with its area code in brackets.
        check(
            "김민준",
            expect![[r#"
                name : (^"김민 민준")
                name : ("김민 민준")
                "김민 민준""#]],
        );
        check(
            "(03) 1234-5678",
            expect![[r#"
                name : (^"03"* "1234"* "5678"*)
                name : ("03"* "1234"* "5678"*)
                phone : "0312345678"*"#]],
        );
        // FTS5's own syntax is text.
        check(
            "NEAR(a b) OR -c",
            expect![[r#"
                name : (^"near"* "a"* "b"* "or"* "c"*)
                name : ("near"* "a"* "b"* "or"* "c"*)
                "near"* "a"* "b"* "or"* "c"*"#]],
        );
        check("「」・、", expect![["(nothing searchable)"]]);
        // A customer code: one phrase, not "s"* (every word starting with s) and "00012"*.
        check(
            "s-00012",
            expect![[r#"
            name : (^"s 00012"*)
            name : ("s 00012"*)
            "s 00012"*"#]],
        );
        check(
            "A4-500",
            expect![[r#"
            name : (^"a4 500"*)
            name : ("a4 500"*)
            "a4 500"*"#]],
        );
    }

    use proptest::prelude::*;

    proptest! {
        /// Whatever is typed in the search box, the expressions it becomes are ones FTS5 accepts:
        /// a quote, an operator or a stray bracket is text, never a syntax error.
        #[test]
        fn any_query_becomes_expressions_fts5_accepts(query in ".{0,40}") {
            let Some(parsed) = FtsQuery::parse(&query) else {
                return Ok(());
            };
            let conn = rusqlite::Connection::open_in_memory().unwrap();
            conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(name, phone, other)").unwrap();
            let mut expressions = parsed.card_tiers();
            expressions.push(parsed.card_match());
            expressions.extend(parsed.text_match());
            for expression in expressions {
                let found = conn.query_row("SELECT count(*) FROM t WHERE t MATCH ?1", [&expression], |r| r.get::<_, i64>(0));
                prop_assert!(found.is_ok(), "{query:?} → {expression:?}: {found:?}");
            }
        }
    }
}

//! A phone's contacts (.vcf) as rows under fixed headings, with the phonetic names phones write
//! for Japanese contacts (X-PHONETIC-*, SORT-STRING, feature phones' SOUND;X-IRMC-N).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use encoding_rs::Encoding;

use super::source::{io, text_encoding, Format, RawRow, SourceInfo};
use super::ImportField;
use crate::error::ImportError;

/// The headings vCards are read under; the mapping guess knows them.
pub const HEADINGS: [&str; 15] = [
    "Name",
    "Reading",
    "Company",
    "Company reading",
    "Title",
    "Department",
    "Phone",
    "Phone 2",
    "Email",
    "Postal code",
    "Region",
    "City",
    "Street",
    "Notes",
    "Website",
];

/// What each heading holds: a contact at a company is a key person of the company's card; a
/// contact without one becomes an individual's card (see `rows`).
pub const MAPPING: [ImportField; 15] = [
    ImportField::PersonName,
    ImportField::PersonReading,
    ImportField::Name,
    ImportField::Reading,
    ImportField::PersonTitle,
    ImportField::PersonDepartment,
    ImportField::Phone,
    ImportField::Phone,
    ImportField::Email,
    ImportField::PostalCode,
    ImportField::Region,
    ImportField::City,
    ImportField::Street,
    ImportField::Notes,
    ImportField::Website,
];

/// Broken entries reported at most; a file that is broken throughout stops there.
const MAX_BROKEN: u32 = 10_000;

pub fn read(
    path: &Path,
    chosen: Option<&'static Encoding>,
    visit: &mut dyn FnMut(RawRow) -> Result<bool, ImportError>,
) -> Result<SourceInfo, ImportError> {
    let (encoding, detected, _) = text_encoding(path, chosen)?;
    let info = SourceInfo {
        format: Format::Vcard,
        encoding: encoding.name().to_owned(),
        detected,
    };
    let header = RawRow {
        line: 0,
        cells: HEADINGS.iter().map(|h| (*h).to_owned()).collect(),
        bad_bytes: false,
        too_large: false,
        too_wide: false,
        broken: None,
    };
    if !visit(header)? {
        return Ok(info);
    }
    let file = File::open(path).map_err(|e| io(path, e))?;
    let decoded = super::lines::CappedLines::new(
        encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .build(file),
    );
    let cut = decoded.cut.clone();
    // Each card is cut out and parsed alone, so one broken card costs only itself.
    let mut card = String::new();
    let mut inside = false;
    let mut too_big = false;
    let mut binary = false;
    let (mut n, mut broken) = (0u32, 0u32);
    for line in BufReader::new(decoded).lines() {
        let line = line.map_err(|e| io(path, e))?;
        if cut.replace(false) {
            too_big = true;
        }
        let upper = line.trim().to_ascii_uppercase();
        if upper == "BEGIN:VCARD" {
            card.clear();
            inside = true;
            too_big = false;
            binary = false;
        }
        if !inside {
            continue;
        }
        // A photo, logo or key is not kept: its lines are passed over, however long.
        if binary && continues_binary(&line) {
            continue;
        }
        binary = starts_binary(&upper);
        if binary {
            continue;
        }
        if card.len() + line.len() > MAX_CARD_BYTES {
            too_big = true;
        } else {
            card.push_str(&line);
            card.push_str("\r\n");
        }
        if upper != "END:VCARD" {
            continue;
        }
        inside = false;
        n += 1;
        let row = match parse_card(&card, encoding).filter(|_| !too_big) {
            Some((cells, undecodable)) => RawRow {
                line: n,
                bad_bytes: undecodable || cells.iter().any(|c| c.contains('\u{FFFD}')),
                too_large: false,
                cells,
                too_wide: false,
                broken: None,
            },
            None => {
                broken += 1;
                RawRow {
                    line: n,
                    cells: Vec::new(),
                    bad_bytes: false,
                    too_large: false,
                    too_wide: false,
                    broken: Some("unparsable".into()),
                }
            }
        };
        if !visit(row)? || broken >= MAX_BROKEN {
            break;
        }
    }
    Ok(info)
}

/// A card's text, read through ical after fixing what vCard 2.1 exports from phones do that
/// it does not take: bare parameters (`TEL;CELL:`, `SOUND;X-IRMC-N:`) and quoted-printable
/// values in a charset of their own.
/// Its cells, and whether a value was in a charset or transfer encoding Daicho cannot read.
fn parse_card(text: &str, file_encoding: &'static Encoding) -> Option<(Vec<String>, bool)> {
    let (fixed, undecodable) = fix_21(text, file_encoding);
    let mut parser = ical::VcardParser::new(BufReader::new(fixed.as_bytes()));
    match parser.next()? {
        Ok(contact) => Some((cells(&contact.properties), undecodable)),
        Err(_) => None,
    }
}

/// Cards larger than this, without their photos, are reported, not read.
const MAX_CARD_BYTES: usize = 1 << 20;

/// Properties that hold pictures, sounds or keys rather than text (vCard 2.1 writes a phonetic
/// name as `SOUND;X-IRMC-N`, which is text and kept).
fn starts_binary(upper: &str) -> bool {
    let name = upper
        .split([';', ':'])
        .next()
        .unwrap_or_default()
        .rsplit('.')
        .next()
        .unwrap_or_default();
    matches!(name, "PHOTO" | "LOGO" | "KEY") || (name == "SOUND" && !upper.contains("X-IRMC-N"))
}

/// A line that goes on with a binary value: folded (starts with a space or tab), base64 text
/// as vCard 2.1 writes it, or the blank line that ends it.
fn continues_binary(line: &str) -> bool {
    line.starts_with([' ', '\t'])
        || line.trim().is_empty()
        || line
            .trim()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

fn fix_21(text: &str, file_encoding: &'static Encoding) -> (String, bool) {
    let mut undecodable = false;
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split("\r\n").peekable();
    while let Some(line) = lines.next() {
        let Some((head, value)) = line.split_once(':') else {
            out.push_str(line);
            out.push_str("\r\n");
            continue;
        };
        let mut parts = head.split(';');
        let name = parts.next().unwrap_or_default().to_owned();
        let mut params = Vec::new();
        let (mut qp, mut b64, mut charset) = (false, false, None);
        for p in parts {
            let (k, v) = p.split_once('=').unwrap_or(("TYPE", p));
            let v_upper = v.to_ascii_uppercase();
            match (k.to_ascii_uppercase().as_str(), v_upper.as_str()) {
                ("ENCODING" | "TYPE", "QUOTED-PRINTABLE") => qp = true,
                ("ENCODING" | "TYPE", "BASE64" | "B") => b64 = true,
                ("ENCODING", "8BIT" | "7BIT") => {}
                ("ENCODING", _) => undecodable = true,
                ("CHARSET", _) => {
                    charset = Encoding::for_label(v.as_bytes());
                    undecodable |= charset.is_none();
                }
                _ => params.push(format!("{k}={v}")),
            }
        }
        let mut value = value.to_owned();
        if qp {
            // Soft line breaks: a value ending in '=' goes on in the next line.
            while value.ends_with('=') {
                value.pop();
                match lines.next() {
                    Some(next) => value.push_str(next),
                    None => break,
                }
            }
            // Robust: a malformed `=` escape is kept as it stands rather than refused.
            let bytes =
                quoted_printable::decode(value.as_bytes(), quoted_printable::ParseMode::Robust)
                    .unwrap_or_else(|_| value.clone().into_bytes());
            let (text, _, _) = charset.unwrap_or(file_encoding).decode(&bytes);
            value = text.replace("\r\n", "\\n").replace('\n', "\\n");
        } else if b64 {
            // A text value in base64 (some phones write names so): its bytes in its charset.
            match data_encoding::BASE64.decode(value.trim().as_bytes()) {
                Ok(bytes) => {
                    let (text, _, errors) = charset.unwrap_or(encoding_rs::UTF_8).decode(&bytes);
                    undecodable |= errors;
                    value = text.replace("\r\n", "\\n").replace('\n', "\\n");
                }
                Err(_) => {
                    undecodable = true;
                    value.clear();
                }
            }
        }
        out.push_str(&name);
        for p in &params {
            out.push(';');
            out.push_str(p);
        }
        out.push(':');
        out.push_str(&value);
        out.push_str("\r\n");
    }
    (out, undecodable)
}

/// A structured value's parts (`;`-separated, `\;` kept).
fn parts(value: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in value.chars() {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, ';') => out.push(String::new()),
            (true, 'n' | 'N') => {
                escaped = false;
                if let Some(last) = out.last_mut() {
                    last.push('\n');
                }
            }
            (_, c) => {
                escaped = false;
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out.into_iter().map(|p| p.trim().to_owned()).collect()
}

fn joined(parts: &[String], order: &[usize], sep: &str) -> String {
    order
        .iter()
        .filter_map(|i| parts.get(*i))
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(sep)
}

fn cells(properties: &[ical::property::Property]) -> Vec<String> {
    let mut row = vec![String::new(); HEADINGS.len()];
    let mut set = |i: usize, v: String| {
        if let Some(cell) = row.get_mut(i).filter(|c| c.is_empty()) {
            *cell = v;
        }
    };
    let (mut phonetic_family, mut phonetic_given) = (String::new(), String::new());
    // FN is the name as the owner wrote it (김민준, Michael Smith); N's parts only stand in
    // for it, in the order people of the name's script write it.
    let mut structured_name: Vec<String> = Vec::new();
    let mut phones = Vec::new();
    for p in properties {
        let value = p.value.clone().unwrap_or_default();
        let kind_of = |key: &str| {
            p.params.as_ref().is_some_and(|params| {
                params.iter().any(|(k, values)| {
                    k.eq_ignore_ascii_case(key)
                        || values.iter().any(|v| v.eq_ignore_ascii_case(key))
                })
            })
        };
        // Apple's address books group properties (`item1.ADR`, `item1.X-ABLabel`).
        let name = p.name.rsplit('.').next().unwrap_or_default();
        match name.to_ascii_uppercase().as_str() {
            "FN" => set(0, value.trim().to_owned()),
            "N" => {
                structured_name = parts(&value);
            }
            "X-PHONETIC-LAST-NAME" => phonetic_family = value.trim().to_owned(),
            "X-PHONETIC-FIRST-NAME" => phonetic_given = value.trim().to_owned(),
            "SORT-STRING" => set(1, value.trim().to_owned()),
            "SOUND" if kind_of("X-IRMC-N") => set(1, joined(&parts(&value), &[0, 1], " ")),
            "ORG" => {
                let org = parts(&value);
                set(2, org.first().cloned().unwrap_or_default());
                set(5, joined(&org, &[1, 2], " "));
            }
            "X-PHONETIC-ORG" => set(3, value.trim().to_owned()),
            "TITLE" => set(4, value.trim().to_owned()),
            "TEL" => phones.push(value.trim().to_owned()),
            "EMAIL" => set(8, value.trim().to_owned()),
            "ADR" => {
                let adr = parts(&value);
                set(9, adr.get(5).cloned().unwrap_or_default());
                set(10, adr.get(4).cloned().unwrap_or_default());
                set(11, adr.get(3).cloned().unwrap_or_default());
                set(12, joined(&adr, &[2, 1, 0], " "));
            }
            "NOTE" => set(13, parts(&value).join(";")),
            "URL" => set(14, value.trim().to_owned()),
            _ => {}
        }
    }
    let phonetic = [phonetic_family, phonetic_given]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !phonetic.is_empty() {
        row[1] = phonetic;
    }
    if row[0].is_empty() {
        let part = |i: usize| structured_name.get(i).map_or("", String::as_str);
        // The reading tells a Japanese name (kana) from a Chinese one.
        row[0] = crate::names::person_name(part(0), part(1), None, &row[1]);
    }
    let mut phones = phones.into_iter().filter(|p| !p.is_empty());
    if let Some(p) = phones.next() {
        row[6] = p;
    }
    if let Some(p) = phones.next() {
        row[7] = p;
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_in_a_charset_or_encoding_daicho_cannot_read_is_reported() {
        check(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=X-UNHEARD-OF;ENCODING=QUOTED-PRINTABLE:=8E=52\r\nTEL:03-1111-2222\r\nEND:VCARD\r\n",
            expect_test::expect![[r#"
                Name: �R
                Phone: 03-1111-2222
                (a value could not be decoded)
            "#]],
        );
        check(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=UUENCODE:begin 644\r\nEND:VCARD\r\n",
            expect_test::expect![[r#"
                Name: begin 644
                (a value could not be decoded)
            "#]],
        );
        // A name in base64, as some phones write it, reads as itself.
        check(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=BASE64:5bGx55SwO+WkqumDjg==\r\nEND:VCARD\r\n",
            expect_test::expect![[r#"
                Name: 山田太郎
            "#]],
        );
    }

    #[test]
    fn vcard_21_from_a_feature_phone_reads() {
        let card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=93=63;=91=BE=98=59\r\nSOUND;X-IRMC-N;CHARSET=SHIFT_JIS:ﾔﾏﾀﾞ;ﾀﾛｳ;;;\r\nTEL;CELL;VOICE:090-1111-2222\r\nEND:VCARD\r\n";
        let (cells, undecodable) = parse_card(card, encoding_rs::UTF_8).unwrap();
        assert!(!undecodable);
        assert_eq!(cells[0], "山田 太郎");
        assert_eq!(cells[1], "ﾔﾏﾀﾞ ﾀﾛｳ");
        assert_eq!(cells[6], "090-1111-2222");
    }

    /// The card read as rows: every non-empty cell under its heading, or "refused".
    fn check(card: &str, expect: expect_test::Expect) {
        let read = match parse_card(card, encoding_rs::UTF_8) {
            Some((cells, undecodable)) => HEADINGS
                .iter()
                .zip(cells)
                .filter(|(_, v)| !v.is_empty())
                .map(|(h, v)| format!("{h}: {v}\n"))
                .chain(undecodable.then(|| "(a value could not be decoded)\n".to_owned()))
                .collect::<String>(),
            None => "refused\n".to_owned(),
        };
        let read = if read.is_empty() {
            "(nothing)\n".to_owned()
        } else {
            read
        };
        expect.assert_eq(&read);
    }

    /// Cards as each market's phones and address books export them.
    #[test]
    fn cards_as_phones_and_address_books_write_them() {
        use expect_test::expect;
        // iPhone, Japanese contact at a company: phonetic names in X-PHONETIC-*.
        check(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:佐藤;花子;;;\r\nFN:佐藤 花子\r\nX-PHONETIC-LAST-NAME:さとう\r\nX-PHONETIC-FIRST-NAME:はなこ\r\nORG:青木工業株式会社;営業部;\r\nX-PHONETIC-ORG:あおきこうぎょう\r\nTITLE:課長\r\nTEL;type=WORK;type=VOICE;type=pref:03-1234-5678\r\nTEL;type=CELL;type=VOICE:090-2222-3333\r\nEMAIL;type=INTERNET;type=WORK:sato@aoki.co.jp\r\nitem1.ADR;type=WORK:;;芝公園1-1;港区;東京都;105-0011;日本\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: 佐藤 花子
                Reading: さとう はなこ
                Company: 青木工業株式会社
                Company reading: あおきこうぎょう
                Title: 課長
                Department: 営業部
                Phone: 03-1234-5678
                Phone 2: 090-2222-3333
                Email: sato@aoki.co.jp
                Postal code: 105-0011
                Region: 東京都
                City: 港区
                Street: 芝公園1-1
            "#]],
        );
        // Android (Galaxy), Korean contact, folded NOTE line.
        check(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:김;민준;;;\r\nFN:김민준\r\nORG:(주)대성산업\r\nTEL;TYPE=CELL:010-1234-5678\r\nNOTE:2026년 3월 전시회에서 만남\\, 견적 요청\r\n  예정\r\nURL:https://daesung.example.kr\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: 김민준
                Company: (주)대성산업
                Phone: 010-1234-5678
                Notes: 2026년 3월 전시회에서 만남, 견적 요청 예정
                Website: https://daesung.example.kr
            "#]],
        );
        // A Chinese address book: no phonetic name, department in ORG's second part.
        check(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王伟\r\nN:王;伟;;;\r\nORG:北京华光科技有限公司;采购部\r\nTITLE:经理\r\nTEL;TYPE=WORK:010-8888-6666\r\nADR;TYPE=WORK:;;中关村大街1号;海淀区;北京市;100080;中国\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: 王伟
                Company: 北京华光科技有限公司
                Title: 经理
                Department: 采购部
                Phone: 010-8888-6666
                Postal code: 100080
                Region: 北京市
                City: 海淀区
                Street: 中关村大街1号
            "#]],
        );
        // Outlook, vCard 2.1 in English: bare TEL parameters, an address with a street line.
        check(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Smith;Michael\r\nFN:Michael Smith\r\nORG:Harbor Foods Ltd.;Purchasing\r\nTITLE:Purchasing Manager\r\nTEL;WORK;VOICE:+1 206 555 0100\r\nEMAIL;PREF;INTERNET:m.smith@harborfoods.example\r\nADR;WORK:;Suite 400;1200 Harbor Ave;Seattle;WA;98101;USA\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: Michael Smith
                Company: Harbor Foods Ltd.
                Title: Purchasing Manager
                Department: Purchasing
                Phone: +1 206 555 0100
                Email: m.smith@harborfoods.example
                Postal code: 98101
                Region: WA
                City: Seattle
                Street: 1200 Harbor Ave Suite 400
            "#]],
        );
        // A feature phone's SORT-STRING reading; no name at all but FN.
        check(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:高橋商店\r\nSORT-STRING:たかはししょうてん\r\nTEL:0120-000-111\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: 高橋商店
                Reading: たかはししょうてん
                Phone: 0120-000-111
            "#]],
        );
        // Only N, as some exports write it: the name's script decides the order.
        check(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Anna;;;\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: Anna Lee
            "#]],
        );
        check(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:山本;健;;;\r\nX-PHONETIC-LAST-NAME:やまもと\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: 山本 健
                Reading: やまもと
            "#]],
        );
        check(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;伟;;;\r\nEND:VCARD\r\n",
            expect![[r#"
                Name: 王伟
            "#]],
        );
        // Not a card.
        check(
            "BEGIN:VCARD\r\nEND:VCARD\r\n",
            expect![[r#"
            (nothing)
        "#]],
        );
    }

    use proptest::prelude::*;

    /// Names in the letters a Japanese phone's Shift_JIS has: kana, common kanji, ASCII.
    fn sjis_name() -> impl Strategy<Value = String> {
        let letters: Vec<char> = ('ぁ'..='ん')
            .chain('ァ'..='ヶ')
            .chain(
                "山田太郎佐藤鈴木高橋伊渡辺中村小林加吉本斎松井上清水商事株式会社東京大阪髙﨑"
                    .chars(),
            )
            .chain(('a'..='z').chain('A'..='Z').chain('0'..='9'))
            .collect();
        prop::collection::vec(prop::sample::select(letters), 1..60)
            .prop_map(|letters| letters.into_iter().collect())
    }

    proptest! {
        /// A name as a feature phone writes it (Shift_JIS, quoted-printable, soft line breaks
        /// every 76 characters) reads back as itself, whatever its letters.
        #[test]
        fn a_quoted_printable_name_reads_back_as_itself(name in sjis_name()) {
            let (sjis, _, lossy) = encoding_rs::SHIFT_JIS.encode(&name);
            prop_assume!(!lossy);
            let qp = quoted_printable::encode_to_str(&sjis[..]);
            let card = format!(
                "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{}\r\nEND:VCARD\r\n",
                qp
            );
            let (cells, _) = parse_card(&card, encoding_rs::UTF_8).unwrap();
            prop_assert_eq!(&cells[0], &name);
        }

        /// Whatever a file holds, reading a card of it ends in cells or nothing, never a panic.
        #[test]
        fn any_text_is_read_or_refused_without_a_panic(text in "(BEGIN:VCARD\r\n)?[^\u{0}]{0,300}(\r\nEND:VCARD\r\n)?") {
            let _ = parse_card(&text, encoding_rs::SHIFT_JIS);
        }
    }
}

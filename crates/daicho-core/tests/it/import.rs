//! Bringing an existing list in: encodings, headers in four languages, every row checked before
//! anything is written, duplicates against the ledger and within the file, one transaction,
//! undo; and files that are broken or hostile in the ways real files are.

use std::io::Write;
use std::path::{Path, PathBuf};

use daicho_core::card::CardKind;
use daicho_core::card_list::CardQuery;
use daicho_core::error::{Coded, ImportError};
use daicho_core::import::{DuplicateChoice, DuplicateWhy, ImportField, ImportRequest, Mapping};
use daicho_core::Ledger;

use super::{ledger, organisation};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn encoded(text: &str, label: &str) -> Vec<u8> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{label} cannot hold the sample");
    bytes.into_owned()
}

fn count(ledger: &Ledger) -> u32 {
    ledger
        .list_cards(&CardQuery {
            limit: 1,
            ..CardQuery::default()
        })
        .unwrap()
        .total
}

fn no_progress() -> impl FnMut(u32, u32) -> bool {
    |_, _| true
}

const JAPANESE: &str = "顧客コード,会社名,フリガナ,電話番号,メールアドレス,住所,備考\r\n\
    J-001,株式会社青葉精機,アオバセイキ,03-1234-5678,info@aoba.example,東京都港区芝1-2-3,初回訪問済み\r\n\
    J-002,有限会社みどり商店,ミドリショウテン,06-2222-3333,,大阪市北区,\r\n";

#[test]
fn shift_jis_gb18030_euc_kr_and_utf8_with_a_bom_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let chinese = "客户名称,联系人,电话,地址\n上海华信科技有限公司,王伟,021-5555-0101,上海市浦东新区\n北京瑞丰贸易有限公司,李娜,010-6666-0202,北京市朝阳区\n";
    let korean = "고객명,전화번호,이메일,주소\n주식회사 한빛식품,02-333-4444,info@hanbit.example,서울특별시 강남구\n(주)미래전자,031-777-8888,,경기도 성남시\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    // Rows are numbered as a spreadsheet shows them, whatever the line ends (a quoted cell
    // with a line break is one row).
    let crlf = write(
        dir.path(),
        "crlf.csv",
        "会社名,メモ\r\n良い商事\r\n\"改行\n入り\",x\r\n,x\r\n".as_bytes(),
    );
    let p = ledger()
        .import_preview(&crlf, &ImportRequest::default())
        .unwrap();
    assert_eq!(
        p.problems.iter().map(|x| x.line).collect::<Vec<_>>(),
        [3, 4],
        "{:?}",
        p.problems
    );
    bom.extend_from_slice(JAPANESE.as_bytes());
    for (name, bytes, expected, first) in [
        (
            "sjis.csv",
            encoded(JAPANESE, "shift_jis"),
            "Shift_JIS",
            "株式会社青葉精機",
        ),
        (
            "gb.csv",
            encoded(chinese, "gb18030"),
            "gb18030",
            "上海华信科技有限公司",
        ),
        (
            "kr.csv",
            encoded(korean, "euc-kr"),
            "EUC-KR",
            "주식회사 한빛식품",
        ),
        ("bom.csv", bom, "UTF-8", "株式会社青葉精機"),
    ] {
        let path = write(dir.path(), name, &bytes);
        let preview = ledger()
            .import_preview(&path, &ImportRequest::default())
            .unwrap();
        assert!(
            preview.source.encoding.eq_ignore_ascii_case(expected)
                || (expected == "gb18030" && preview.source.encoding == "GBK"),
            "{name}: {}",
            preview.source.encoding
        );
        assert_eq!(preview.rows, 2, "{name}");
        assert_eq!(preview.valid, 2, "{name}: {:?}", preview.problems);
        assert_eq!(preview.cards[0].name, first, "{name}");
    }
}

#[test]
fn headers_are_mapped_a_chinese_contact_becomes_a_key_person_and_the_user_can_override() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "jp.csv", JAPANESE.as_bytes());
    let preview = ledger()
        .import_preview(&path, &ImportRequest::default())
        .unwrap();
    use ImportField::*;
    assert_eq!(
        preview.mapping.columns,
        [
            Some(Code),
            Some(Name),
            Some(Reading),
            Some(Phone),
            Some(Email),
            Some(Street),
            Some(Notes)
        ]
    );
    let card = &preview.cards[0];
    assert_eq!(
        (
            card.code.as_str(),
            card.reading.as_str(),
            card.phones.clone()
        ),
        ("J-001", "アオバセイキ", vec!["03-1234-5678".to_owned()])
    );
    // The user says the notes column is a tag instead.
    let mut mapping = preview.mapping.clone();
    mapping.columns[6] = Some(Tags);
    mapping.default_owner = "山田".into();
    let mut l = ledger();
    let request = ImportRequest {
        mapping: Some(mapping),
        ..ImportRequest::default()
    };
    let outcome = l
        .import_apply(&path, &request, 2, &mut no_progress())
        .unwrap();
    assert_eq!((outcome.added, outcome.merged, outcome.skipped), (2, 0, 0));
    let page = l
        .list_cards(&CardQuery {
            text: "青葉".into(),
            limit: 5,
            ..CardQuery::default()
        })
        .unwrap();
    let aoba = l.card(&page.rows[0].id).unwrap();
    assert_eq!(aoba.fields.tags, ["初回訪問済み"]);
    assert_eq!(aoba.fields.owner, "山田");
    assert_eq!(aoba.fields.code, "J-001");
    assert!(
        l.history(&aoba.id)
            .unwrap()
            .iter()
            .any(|h| h.action.as_str() == "created"),
        "the import is in the card's history"
    );

    let chinese = "客户名称,联系人,电话\n上海华信科技有限公司,王伟,021-5555-0101\n";
    let path = write(dir.path(), "cn.csv", chinese.as_bytes());
    l.import_apply(&path, &ImportRequest::default(), 1, &mut no_progress())
        .unwrap();
    let id = l
        .list_cards(&CardQuery {
            text: "华信".into(),
            limit: 5,
            ..CardQuery::default()
        })
        .unwrap()
        .rows[0]
        .id
        .clone();
    let card = l.card(&id).unwrap();
    assert_eq!(card.fields.kind, CardKind::Organisation);
    assert_eq!(card.key_persons[0].fields.name, "王伟");
}

#[test]
fn every_row_is_checked_and_nothing_is_written_by_a_preview() {
    let dir = tempfile::tempdir().unwrap();
    let long = "長".repeat(600);
    let csv = format!(
        "会社名,電話,メール\n\
         良い商事,03-1111-2222,ok@example.jp\n\
         ,03-0000-0000,nobody@example.jp\n\
         悪いメール商事,03-3333-4444,not-an-email\n\
         {long},03-5555-6666,\n\
         余分商事,03-7777-8888,x@example.jp,extra\n"
    );
    let path = write(dir.path(), "bad.csv", csv.as_bytes());
    let l = ledger();
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(
        (preview.rows, preview.valid, preview.with_problems),
        (5, 1, 4)
    );
    let problems: Vec<(u32, Option<u32>, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.rule.as_str()))
        .collect();
    assert!(problems.contains(&(3, Some(0), "required")), "{problems:?}");
    assert!(
        problems.contains(&(4, Some(2), "invalid_email")),
        "{problems:?}"
    );
    assert!(problems.contains(&(5, Some(0), "too_long")), "{problems:?}");
    assert!(problems.contains(&(6, None, "extra_cells")), "{problems:?}");
    assert_eq!(count(&l), 0, "a preview writes nothing");
}

#[test]
fn duplicates_are_found_in_the_ledger_and_the_file_and_handled_as_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = ledger();
    let mut existing = organisation("(株)青葉精機", "アオバセイキ");
    existing.phones = vec!["0312345678".into()];
    existing.email = String::new();
    let existing = l.create_card(&existing).unwrap();
    let csv = "会社名,電話番号,メール,住所\n\
        青葉精機株式会社,03-1234-5678,info@aoba.example,東京都港区芝1-2-3\n\
        みどり商店,06-2222-3333,midori@example.jp,\n\
        有限会社みどり商店,06 2222 3333,,大阪市北区\n\
        はなまる工業,045-111-2222,,\n";
    let path = write(dir.path(), "dupes.csv", csv.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(preview.duplicate_count, 2);
    let ledger_dupe = &preview.duplicates[0];
    assert_eq!(ledger_dupe.line, 2);
    assert_eq!(ledger_dupe.why, DuplicateWhy::NamePhone);
    assert_eq!(ledger_dupe.existing.as_ref().unwrap().id, existing.id);
    let file_dupe = &preview.duplicates[1];
    assert_eq!((file_dupe.line, file_dupe.earlier_line), (4, Some(3)));

    let request = ImportRequest {
        duplicates: DuplicateChoice::Skip,
        choices: vec![(2, DuplicateChoice::Merge), (4, DuplicateChoice::Merge)],
        ..ImportRequest::default()
    };
    let outcome = l
        .import_apply(&path, &request, 4, &mut no_progress())
        .unwrap();
    assert_eq!((outcome.added, outcome.merged, outcome.skipped), (2, 2, 0));
    assert_eq!(count(&l), 3);
    let merged = l.card(&existing.id).unwrap();
    assert_eq!(
        merged.fields.name, "(株)青葉精機",
        "the card's own name is kept"
    );
    assert_eq!(
        merged.fields.email, "info@aoba.example",
        "an empty field is filled"
    );
    assert_eq!(merged.fields.street, "東京都港区芝1-2-3");
    assert_eq!(
        merged.fields.phones,
        ["0312345678"],
        "the same number is not added twice"
    );

    // Undo takes the whole import back: new cards gone, the merged card as it was.
    l.import_undo(&outcome.id).unwrap();
    assert_eq!(count(&l), 1);
    let back = l.card(&existing.id).unwrap();
    assert_eq!(back.fields, existing.fields);
    assert!(matches!(
        l.import_undo(&outcome.id),
        Err(ImportError::AlreadyUndone { .. })
    ));
    assert!(l.imports().unwrap()[0].undone_at.is_some());
}

#[test]
fn undo_is_refused_when_an_imported_card_was_edited_since() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "jp.csv", JAPANESE.as_bytes());
    let mut l = ledger();
    let outcome = l
        .import_apply(&path, &ImportRequest::default(), 2, &mut no_progress())
        .unwrap();
    let row = l
        .list_cards(&CardQuery {
            text: "みどり".into(),
            limit: 1,
            ..CardQuery::default()
        })
        .unwrap()
        .rows[0]
        .clone();
    let card = l.card(&row.id).unwrap();
    let mut fields = card.fields.clone();
    fields.notes = "電話で確認済み".into();
    l.update_card(&card.id, card.version, &fields).unwrap();
    let refused = l.import_undo(&outcome.id).unwrap_err();
    assert_eq!(refused.code(), "import.changed_since");
    assert_eq!(refused.params()["code"], "J-002");
    assert_eq!(count(&l), 2, "nothing was undone");
}

#[test]
fn cancelling_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("会社名,電話\n");
    for n in 0..2000 {
        csv.push_str(&format!("テスト商事{n},03-0000-{n:04}\n"));
    }
    let path = write(dir.path(), "many.csv", csv.as_bytes());
    let mut l = ledger();
    let mut seen = Vec::new();
    let result = l.import_apply(
        &path,
        &ImportRequest::default(),
        2000,
        &mut |done, total| {
            seen.push((done, total));
            done < 1000
        },
    );
    assert!(matches!(result, Err(ImportError::Cancelled)));
    assert_eq!(seen, [(500, 2000), (1000, 2000)]);
    assert_eq!(count(&l), 0);
    assert!(l.imports().unwrap().is_empty());
}

#[test]
fn an_xlsx_is_read_from_its_first_sheet_and_a_cell_at_the_far_corner_costs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["会社名", "フリガナ", "電話番号", "登録日"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "株式会社さくら物流").unwrap();
    sheet.write_string(1, 1, "サクラブツリュウ").unwrap();
    sheet.write_number(1, 2, 312345678.0).unwrap();
    sheet
        .write_string(2, 0, "=HYPERLINK(\"http://x\")")
        .unwrap();
    sheet.write_string(1_048_575, 16_383, "far away").unwrap();
    book.save(&path).unwrap();
    let l = ledger();
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(preview.source.format, daicho_core::import::Format::Xlsx);
    assert_eq!(preview.cards[0].name, "株式会社さくら物流");
    assert_eq!(preview.cards[0].phones, ["312345678"]);
    assert_eq!(
        preview.cards[1].name, "=HYPERLINK(\"http://x\")",
        "a formula-looking name stays text"
    );
    assert_eq!(preview.rows, 3);
    assert!(
        preview
            .problems
            .iter()
            .any(|p| p.line == 1_048_576 && p.rule == "extra_cells"),
        "{:?}",
        preview.problems
    );
}

#[test]
fn an_xlsx_that_unpacks_to_gigabytes_is_refused_before_it_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    // One part of 8 MiB of spaces, copied 70 times: 560 MiB declared, a few hundred KiB written.
    let spaces = vec![b' '; 8 << 20];
    zip.write_all(&spaces).unwrap();
    for n in 0..70 {
        zip.deep_copy_file(
            "xl/worksheets/sheet1.xml",
            &format!("xl/worksheets/copy{n}.xml"),
        )
        .unwrap();
    }
    std::fs::write(&path, zip.finish().unwrap().into_inner()).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 5 << 20);
    let refused = ledger()
        .import_preview(&path, &ImportRequest::default())
        .unwrap_err();
    assert_eq!(refused.code(), "import.too_large");
}

#[test]
fn a_vcard_export_with_phonetic_names_becomes_cards_and_key_persons() {
    let dir = tempfile::tempdir().unwrap();
    let vcf = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:山田;太郎;;;\r\nFN:山田 太郎\r\nX-PHONETIC-LAST-NAME:ヤマダ\r\nX-PHONETIC-FIRST-NAME:タロウ\r\nORG:株式会社青葉精機;営業部\r\nTITLE:部長\r\nTEL;TYPE=WORK:03-1234-5678\r\nEMAIL:yamada@aoba.example\r\nADR;TYPE=WORK:;;芝1-2-3;港区;東京都;105-0014;Japan\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:鈴木 花子\r\nSOUND;X-IRMC-N:ｽｽﾞｷ;ﾊﾅｺ;;;\r\nTEL;TYPE=CELL:090-1111-2222\r\nNOTE:展示会で名刺交換。\r\n 来月フォロー\r\nEND:VCARD\r\n";
    let path = write(dir.path(), "contacts.vcf", vcf.as_bytes());
    let mut l = ledger();
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(preview.valid, 2, "{:?}", preview.problems);
    let company = &preview.cards[0];
    assert_eq!(company.name, "株式会社青葉精機");
    assert_eq!(company.address, "105-0014 東京都 港区 芝1-2-3");
    let person = company.person.as_ref().unwrap();
    assert_eq!(
        (person.name.as_str(), person.reading.as_str()),
        ("山田 太郎", "ヤマダ タロウ")
    );
    assert_eq!(person.title, "部長");
    let individual = &preview.cards[1];
    assert_eq!(individual.kind, CardKind::Individual);
    assert_eq!(individual.reading, "ｽｽﾞｷ ﾊﾅｺ");
    l.import_apply(&path, &ImportRequest::default(), 2, &mut no_progress())
        .unwrap();
    assert_eq!(
        l.search("すずき", 5).unwrap().cards.len(),
        1,
        "the half-width reading is found in hiragana"
    );
}

#[test]
fn broken_files_get_a_clear_report_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let l = ledger();
    let code = |name: &str, bytes: &[u8]| {
        let path = write(dir.path(), name, bytes);
        l.import_preview(&path, &ImportRequest::default())
            .map(|p| {
                format!(
                    "rows {} problems {:?}",
                    p.rows,
                    p.problems
                        .iter()
                        .map(|x| x.rule.clone())
                        .collect::<Vec<_>>()
                )
            })
            .unwrap_or_else(|e| e.code().to_owned())
    };
    assert_eq!(
        code("header.csv", "会社名,電話\n".as_bytes()),
        "import.no_rows"
    );
    assert_eq!(code("empty.csv", b""), "import.no_rows");
    let binary: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert_eq!(code("binary.csv", &binary), "import.unknown_encoding");
    assert_eq!(
        code("old.xls", b"\xD0\xCF\x11\xE0 not really"),
        "import.xls_unsupported"
    );
    assert_eq!(
        code(
            "nameless.csv",
            "電話,メール\n03-1111-2222,a@b.jp\n".as_bytes()
        ),
        "rows 1 problems [\"required\"]",
        "without a name column the preview shows it, for the user to map"
    );
    let nameless = write(
        dir.path(),
        "nameless.csv",
        "電話,メール\n03-1111-2222,a@b.jp\n".as_bytes(),
    );
    let refused = ledger()
        .import_apply(&nameless, &ImportRequest::default(), 1, &mut no_progress())
        .unwrap_err();
    assert_eq!(refused.code(), "import.no_name_column");
    // Mostly UTF-8 with one row in Shift_JIS: each row reads in its own encoding.
    let mut mixed = "会社名,電話\n青葉商事,03-1111-2222\n".as_bytes().to_vec();
    mixed.extend(encoded("みどり商店,06-2222-3333\n", "shift_jis"));
    mixed.extend("さくら物流,045-333-4444\n".as_bytes());
    let path = write(dir.path(), "mixed.csv", &mixed);
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(preview.valid, 3, "{:?}", preview.problems);
    assert_eq!(preview.cards[1].name, "みどり商店");
    assert_eq!(preview.source.encoding, "UTF-8 + Shift_JIS");
    // A cell of a megabyte is reported, not imported; the rest of the file still is.
    let mut huge = "会社名,備考\n青葉商事,".to_owned();
    huge.push_str(&"メモ".repeat(512 * 1024));
    huge.push_str("\nみどり商店,短いメモ\n");
    let path = write(dir.path(), "huge.csv", huge.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!((preview.valid, preview.with_problems), (1, 1));
    assert_eq!(
        (
            preview.problems[0].line,
            preview.problems[0].field.as_str(),
            preview.problems[0].rule.as_str()
        ),
        (2, "notes", "too_long")
    );
    assert!(
        preview.samples[0][1].chars().count() <= 201,
        "shown cells are cut"
    );
    // A ragged file: short rows are fine.
    assert_eq!(
        code(
            "ragged.csv",
            "会社名,電話,メール\n青葉商事\nみどり商店,06-2222-3333\n".as_bytes()
        ),
        "rows 2 problems []"
    );
    // A vCard whose folding is broken names the entry; the good one still imports.
    let vcf = "BEGIN:VCARD\r\nFN:青葉 一郎\r\nNOTE:折り返しが\r\n壊れた行\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:緑 次郎\r\nEND:VCARD\r\n";
    let path = write(dir.path(), "broken.vcf", vcf.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert!(preview.valid >= 1, "{preview:?}");
    assert!(
        preview.problems.iter().any(|p| p.rule == "broken"),
        "{:?}",
        preview.problems
    );
    assert_eq!(count(&l), 0);
}

#[test]
fn the_user_can_choose_the_encoding_and_a_mapping_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "sjis.csv", &encoded(JAPANESE, "shift_jis"));
    let l = ledger();
    let wrong = l
        .import_preview(
            &path,
            &ImportRequest {
                encoding: Some("euc-kr".into()),
                ..ImportRequest::default()
            },
        )
        .unwrap();
    assert_eq!(wrong.source.encoding, "EUC-KR");
    assert_ne!(
        wrong.cards.first().map(|c| c.name.as_str()),
        Some("株式会社青葉精機")
    );
    let cp932 = l
        .import_preview(
            &path,
            &ImportRequest {
                encoding: Some("cp932".into()),
                mapping: Some(Mapping {
                    columns: vec![None, Some(ImportField::Name)],
                    ..Mapping::default()
                }),
                ..ImportRequest::default()
            },
        )
        .unwrap();
    assert_eq!(cp932.cards[0].name, "株式会社青葉精機");
    assert_eq!(cp932.cards[0].code, "", "only the mapped columns are read");
    let bad = l
        .import_preview(
            &path,
            &ImportRequest {
                encoding: Some("klingon".into()),
                ..ImportRequest::default()
            },
        )
        .unwrap_err();
    assert_eq!(bad.code(), "import.bad_encoding_name");
}

#[test]
fn an_import_that_changes_nothing_leaves_nothing_to_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = ledger();
    let mut existing = organisation("青葉精機株式会社", "アオバセイキ");
    existing.phones = vec!["0312345678".into()];
    l.create_card(&existing).unwrap();
    let path = write(
        dir.path(),
        "again.csv",
        "会社名,電話番号\n青葉精機株式会社,03-1234-5678\n".as_bytes(),
    );
    let request = ImportRequest {
        duplicates: DuplicateChoice::Skip,
        ..ImportRequest::default()
    };
    let outcome = l
        .import_apply(&path, &request, 1, &mut no_progress())
        .unwrap();
    assert_eq!((outcome.added, outcome.merged, outcome.skipped), (0, 0, 1));
    assert!(outcome.id.is_empty());
    assert!(
        l.imports().unwrap().is_empty(),
        "no entry in Earlier imports"
    );
}

/// A customer master as a Japanese sales system exports it (Shift_JIS): `区分` holds 法人/個人,
/// the phone sits under `連絡先` and the state of business under `取引状況`, headings Daicho
/// does not read as those fields. The values decide: every row comes in, with its kind.
#[test]
fn a_columns_values_decide_what_it_holds_whatever_its_heading() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "得意先コード,得意先名,得意先名カナ,区分,連絡先,〒,住所１,担当営業,取引状況\r\n",
    );
    let rows = [
        (
            "T0001",
            "株式会社青葉商事",
            "アオバショウジ",
            "法人",
            "03-3541-2210",
            "104-0061",
            "東京都中央区銀座3-4-1",
            "佐藤",
            "取引中",
        ),
        (
            "T0002",
            "山田 太郎",
            "ヤマダ タロウ",
            "個人",
            "090-1234-5678",
            "150-0001",
            "東京都渋谷区神宮前1-2-3",
            "佐藤",
            "見込み",
        ),
        (
            "T0003",
            "有限会社丸九水産",
            "マルキュウスイサン",
            "法人",
            "(045)201-7788",
            "231-0023",
            "横浜市中区山下町12",
            "鈴木",
            "休眠",
        ),
        (
            "T0004",
            "鈴木 花子",
            "スズキ ハナコ",
            "個人",
            "080-9876-5432",
            "460-0008",
            "名古屋市中区栄2-9-5",
            "鈴木",
            "取引中",
        ),
        (
            "T0005",
            "北斗精機株式会社",
            "ホクトセイキ",
            "法人",
            "011-222-3344",
            "060-0001",
            "札幌市中央区北1条西4",
            "佐藤",
            "取引中",
        ),
    ];
    for r in rows {
        text.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\r\n",
            r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8
        ));
    }
    let path = write(dir.path(), "得意先マスタ.csv", &encoded(&text, "shift_jis"));
    let mut l = ledger();
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(
        preview.mapping.columns,
        vec![
            Some(ImportField::Code),
            Some(ImportField::Name),
            Some(ImportField::Reading),
            Some(ImportField::Kind),
            Some(ImportField::Phone),
            Some(ImportField::PostalCode),
            Some(ImportField::Street),
            Some(ImportField::Owner),
            Some(ImportField::Status),
        ]
    );
    assert_eq!(
        (preview.valid, preview.with_problems),
        (5, 0),
        "{:?}",
        preview.problems
    );
    // The window says why: 区分, 連絡先 and 取引状況 by their values, the others by heading.
    let by: Vec<&str> = preview.columns.iter().map(|c| c.by.as_str()).collect();
    assert_eq!(
        by,
        [
            "heading", "heading", "heading", "values", "values", "heading", "heading", "heading",
            "values"
        ]
    );
    let request = ImportRequest {
        mapping: Some(preview.mapping.clone()),
        ..ImportRequest::default()
    };
    let done = l
        .import_apply(&path, &request, preview.rows, &mut no_progress())
        .unwrap();
    assert_eq!(done.added, 5);
    let page = l
        .list_cards(&CardQuery {
            limit: 10,
            ..CardQuery::default()
        })
        .unwrap();
    let codes: Vec<&str> = page.rows.iter().map(|r| r.code.as_str()).collect();
    let yamada = page
        .rows
        .iter()
        .find(|r| r.code == "T0002")
        .unwrap_or_else(|| panic!("{codes:?}"));
    let card = l.card(&yamada.id).unwrap();
    assert_eq!(card.fields.kind, CardKind::Individual);
    assert_eq!(card.fields.status.as_str(), "prospect");
    assert_eq!(card.fields.phones, vec!["090-1234-5678".to_owned()]);
}

/// The same rule in Korean and Chinese lists, and a column whose values are not clear keeps
/// what its heading said (a code is not taken for a phone).
#[test]
fn values_decide_in_korean_and_chinese_lists_and_unclear_values_leave_the_heading_alone() {
    let dir = tempfile::tempdir().unwrap();
    let ko = "고객번호,고객명,고객구분,연락처,이메일주소\n\
              K-001,(주)한빛전자,법인,02-555-0101,info@hanbit.co.kr\n\
              K-002,김민수,개인,010-2345-6789,minsu.kim@example.kr\n\
              K-003,대성물산(주),법인,031-777-1234,sales@daesung.example\n";
    let zh = "编号,客户名称,性质,电话\n\
              C-1,上海鼎力机械有限公司,企业,021-6234 5678\n\
              C-2,王伟,个人,138 0013 8000\n\
              C-3,北京华光贸易有限公司,企业,010-8888 1234\n";
    let l = ledger();
    let ko = write(dir.path(), "고객대장.csv", ko.as_bytes());
    let preview = l.import_preview(&ko, &ImportRequest::default()).unwrap();
    assert_eq!(preview.mapping.columns[2], Some(ImportField::Kind));
    assert_eq!(preview.mapping.columns[3], Some(ImportField::Phone));
    assert_eq!(preview.mapping.columns[4], Some(ImportField::Email));
    assert_eq!(preview.with_problems, 0, "{:?}", preview.problems);
    let zh = write(dir.path(), "客户台账.csv", zh.as_bytes());
    let preview = l.import_preview(&zh, &ImportRequest::default()).unwrap();
    assert_eq!(preview.mapping.columns[2], Some(ImportField::Kind));
    assert_eq!(preview.mapping.columns[3], Some(ImportField::Phone));
    assert_eq!(preview.with_problems, 0, "{:?}", preview.problems);
    // Codes that are all digits stay codes; a column of one value only decides nothing.
    let codes =
        "顧客番号,会社名,備考\n0312345678,株式会社いろは,法人\n0312345679,株式会社にほへ,\n";
    let codes = write(dir.path(), "codes.csv", codes.as_bytes());
    let preview = l.import_preview(&codes, &ImportRequest::default()).unwrap();
    assert_eq!(preview.mapping.columns[0], Some(ImportField::Code));
    assert_eq!(preview.mapping.columns[2], Some(ImportField::Notes));
}

/// Lists saved from two tools, or with a broken byte: each row reads in what it is, a row that
/// reads in nothing is reported, and no row comes in as mojibake (`Š”Ž®‰ïŽÐ…`).
#[test]
fn mixed_and_damaged_text_files_read_row_by_row_and_never_as_mojibake() {
    let dir = tempfile::tempdir().unwrap();
    let sjis = |text: &str| encoded(text, "shift_jis");
    let rows = |from: u32, to: u32| -> String {
        (from..to)
            .map(|n| format!("株式会社シフト{n},カブシキガイシャシフト,東京都港区芝{n}丁目\n"))
            .collect()
    };
    let header = "会社名,フリガナ,住所\n";
    // Shift_JIS with a single row pasted from a UTF-8 tool.
    let mut one_utf8 = sjis(&format!("{header}{}", rows(0, 100)));
    one_utf8.extend(rows(100, 101).as_bytes());
    one_utf8.extend(sjis(&rows(101, 200)));
    // Half and half, row by row.
    let mut mixed = sjis(header);
    for n in 0..200 {
        let row = rows(n, n + 1);
        if n % 2 == 0 {
            mixed.extend(row.as_bytes());
        } else {
            mixed.extend(sjis(&row));
        }
    }
    // UTF-8 with one broken sequence; Shift_JIS with one pair that is not Shift_JIS.
    let mut broken_utf8 = format!("{header}{}", rows(0, 100)).into_bytes();
    broken_utf8.extend(b"\xE6\xA0\xAA\xFF\xE5\xBC\x8F,x,y\n");
    broken_utf8.extend(rows(101, 200).as_bytes());
    let mut bad_pair = sjis(&format!("{header}{}", rows(0, 100)));
    bad_pair.extend(b"\x8A\x94\x85\x40,x,y\n");
    bad_pair.extend(sjis(&rows(101, 200)));
    for (name, bytes, refused) in [
        ("one_utf8.csv", one_utf8, 0),
        ("mixed.csv", mixed, 0),
        ("broken_utf8.csv", broken_utf8, 1),
        ("bad_pair.csv", bad_pair, 1),
    ] {
        let path = write(dir.path(), name, &bytes);
        let preview = ledger()
            .import_preview(&path, &ImportRequest::default())
            .unwrap();
        assert_eq!(preview.rows, 200, "{name}");
        assert_eq!(
            preview.with_problems, refused,
            "{name}: {:?}",
            preview.problems
        );
        assert!(
            preview
                .problems
                .iter()
                .all(|p| p.line == 102 && p.rule == "bad_bytes"),
            "{name}: {:?}",
            preview.problems
        );
        assert_eq!(
            preview.mapping.columns[0],
            Some(ImportField::Name),
            "{name}"
        );
        for card in &preview.cards {
            assert!(
                card.name.starts_with("株式会社シフト"),
                "{name}: {}",
                card.name
            );
        }
        assert!(
            preview.source.encoding.contains("Shift_JIS") || preview.source.encoding == "UTF-8",
            "{name}: {}",
            preview.source.encoding
        );
        // Every row that came through reads as written.
        let mut l = ledger();
        let request = ImportRequest {
            mapping: Some(preview.mapping.clone()),
            ..ImportRequest::default()
        };
        let done = l
            .import_apply(&path, &request, preview.rows, &mut no_progress())
            .unwrap();
        assert_eq!(done.added, 200 - refused, "{name}");
        let all = l
            .list_cards(&CardQuery {
                limit: 300,
                ..CardQuery::default()
            })
            .unwrap();
        for row in &all.rows {
            assert!(
                row.name.starts_with("株式会社シフト"),
                "{name}: {}",
                row.name
            );
            assert_eq!(row.reading, "カブシキガイシャシフト", "{name}");
        }
    }
}

/// A line of 20 MB (a cell pasted from a log, a file that is not a list) is refused by its row
/// number as it is read; the rows around it import.
#[test]
fn a_row_longer_than_any_list_has_is_refused_and_the_others_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "会社名,備考\n株式会社まえ,短い\n株式会社ながい,".to_owned();
    text.push_str(&"あ".repeat(20 * 1024 * 1024 / 3));
    text.push_str("\n株式会社あと,短い\n");
    let path = write(dir.path(), "long.csv", text.as_bytes());
    drop(text);
    let mut l = ledger();
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!((preview.valid, preview.with_problems), (2, 1));
    assert_eq!(
        (
            preview.problems[0].line,
            preview.problems[0].rule.as_str(),
            preview.problems[0].limit
        ),
        (3, "row_too_large", Some(8))
    );
    let request = ImportRequest {
        mapping: Some(preview.mapping.clone()),
        ..ImportRequest::default()
    };
    let done = l
        .import_apply(&path, &request, preview.rows, &mut no_progress())
        .unwrap();
    assert_eq!(done.added, 2);
}

/// A phone's export with a 10 MB photo on a card (vCard 3.0, folded) and one on another (vCard
/// 2.1, base64 lines): both cards come in, without their photos.
#[test]
fn a_vcard_with_a_large_photo_is_imported_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let photo: String = "QUJDRA==".repeat(10 * 1024 * 1024 / 8);
    let mut vcf = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nORG:株式会社青葉精機\r\nPHOTO;ENCODING=b;TYPE=JPEG:");
    for (n, piece) in photo.as_bytes().chunks(74).enumerate() {
        if n > 0 {
            vcf.push_str("\r\n ");
        }
        vcf.push_str(std::str::from_utf8(piece).unwrap());
    }
    vcf.push_str("\r\nTEL;TYPE=WORK:03-1234-5678\r\nEND:VCARD\r\n");
    vcf.push_str(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:鈴木;花子\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n",
    );
    for piece in photo.as_bytes().chunks(76) {
        vcf.push_str(std::str::from_utf8(piece).unwrap());
        vcf.push_str("\r\n");
    }
    vcf.push_str("\r\nTEL;CELL:090-1111-2222\r\nEND:VCARD\r\n");
    let path = write(dir.path(), "contacts.vcf", vcf.as_bytes());
    let preview = ledger()
        .import_preview(&path, &ImportRequest::default())
        .unwrap();
    assert_eq!(
        (preview.valid, preview.with_problems),
        (2, 0),
        "{:?}",
        preview.problems
    );
    assert_eq!(preview.cards[0].name, "株式会社青葉精機");
    assert_eq!(preview.cards[1].name, "鈴木花子");
    assert_eq!(preview.cards[1].phones, vec!["090-1111-2222".to_owned()]);
}

/// A column whose values do not fit its field is counted against it, for the window to flag
/// before anything is imported.
#[test]
fn the_preview_counts_the_rows_each_column_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "会社名,メール,電話\n株式会社いち,ichi@example.jp,03-1111-2222\n株式会社に,ni at example,03-2222-3333\n株式会社さん,san@example,03-3333-4444\n,yon@example.jp,03-4444-5555\n";
    let path = write(dir.path(), "list.csv", csv.as_bytes());
    let preview = ledger()
        .import_preview(&path, &ImportRequest::default())
        .unwrap();
    let refused: Vec<u32> = preview.columns.iter().map(|c| c.refused).collect();
    assert_eq!(refused, [1, 2, 0], "{:?}", preview.problems);
    // A mapping the rep chose says so.
    let request = ImportRequest {
        mapping: Some(preview.mapping.clone()),
        ..ImportRequest::default()
    };
    let chosen = ledger().import_preview(&path, &request).unwrap();
    assert!(chosen.columns.iter().all(|c| c.by.as_str() == "chosen"));
}

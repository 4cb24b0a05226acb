//! The exports reps already have, as their tools write them: each is recognised by its headings
//! and comes in without choosing a column. Samples follow each tool's export layout (column
//! names and order, quoting, encodings, IDs and values as those tools write them).

use std::path::{Path, PathBuf};

use daicho_core::card::{Card, CardKind, CardStatus};
use daicho_core::card_list::CardQuery;
use daicho_core::import::{GuessedBy, ImportRequest, ImportTemplate};
use daicho_core::Ledger;

use super::ledger;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Imports `bytes` as `name` into `ledger` and returns the recognised template and the number
/// of cards added.
fn import(ledger: &mut Ledger, name: &str, bytes: &[u8]) -> (Option<ImportTemplate>, u32) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, bytes);
    let preview = ledger
        .import_preview(&path, &ImportRequest::default())
        .unwrap();
    assert_eq!(preview.with_problems, 0, "{name}: {:?}", preview.problems);
    for (n, note) in preview.columns.iter().enumerate() {
        if preview.mapping.columns[n].is_some() && preview.template.is_some() {
            assert!(
                matches!(
                    note.by,
                    GuessedBy::Template | GuessedBy::Heading | GuessedBy::Values
                ),
                "{name} column {n}"
            );
        }
    }
    let outcome = ledger
        .import_apply(
            &path,
            &ImportRequest::default(),
            preview.rows,
            &mut |_, _| true,
        )
        .unwrap();
    (preview.template, outcome.added)
}

fn card(ledger: &Ledger, text: &str) -> Card {
    let page = ledger
        .list_cards(&CardQuery {
            text: text.into(),
            limit: 5,
            ..CardQuery::default()
        })
        .unwrap();
    assert_eq!(page.rows.len(), 1, "{text}");
    ledger.card(&page.rows[0].id).unwrap()
}

const SALESFORCE_ACCOUNTS: &str = "\"Account ID\",\"Account Name\",\"Account Number\",\"Type\",\"Industry\",\"Phone\",\"Fax\",\"Website\",\"Billing Street\",\"Billing City\",\"Billing State/Province\",\"Billing Zip/Postal Code\",\"Billing Country\",\"Account Owner\",\"Description\"\r\n\
\"0015g00000AbCdEAAV\",\"Harbor Foods Inc.\",\"HF-1001\",\"Customer - Direct\",\"Food & Beverage\",\"(206) 555-0142\",\"(206) 555-0143\",\"www.harborfoods.example\",\"1200 Alaskan Way\",\"Seattle\",\"WA\",\"98101\",\"United States\",\"Alex Brown\",\"Key account since 2019, \"\"Gold\"\" tier\"\r\n\
\"0015g00000AbCdFAAV\",\"株式会社青葉精機\",\"\",\"Prospect\",\"Manufacturing\",\"03-1234-5678\",\"\",\"\",\"芝1-2-3\",\"港区\",\"東京都\",\"105-0014\",\"Japan\",\"山田 太郎\",\"\"\r\n";

const SALESFORCE_CONTACTS: &str = "\"Contact ID\",\"Account ID\",\"Salutation\",\"First Name\",\"Last Name\",\"Title\",\"Department\",\"Account Name\",\"Email\",\"Phone\",\"Mobile\",\"Mailing Street\",\"Mailing City\",\"Mailing State/Province\",\"Mailing Zip/Postal Code\",\"Mailing Country\",\"Contact Owner\"\r\n\
\"0035g00000XyZaBAAV\",\"0015g00000AbCdEAAV\",\"Mr.\",\"Michael\",\"Smith\",\"Purchasing Manager\",\"Purchasing\",\"Harbor Foods Inc.\",\"m.smith@harborfoods.example\",\"\",\"(206) 555-0199\",\"1200 Alaskan Way\",\"Seattle\",\"WA\",\"98101\",\"United States\",\"Alex Brown\"\r\n";

const HUBSPOT_COMPANIES: &str = "Record ID,Company name,Company Domain Name,Phone Number,Street Address,Street Address 2,City,State/Region,Postal Code,Country/Region,Industry,Company owner,Lifecycle Stage,Create Date\n\
9876543210,Northwind Traders,northwind.example,+1 415 555 0101,500 Market St,Suite 400,San Francisco,CA,94105,United States,Wholesale,Jamie Lee,Customer,2024-03-14 09:12\n\
9876543211,Contoso Ltd,contoso.example,+44 20 7946 0000,1 King St,,London,,EC2V 8AU,United Kingdom,Management Consulting,Jamie Lee,Lead,2025-01-20 15:40\n";

const HUBSPOT_CONTACTS: &str = "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Job Title,Company Name,Street Address,City,State/Region,Postal Code,Country/Region,Contact owner,Lifecycle Stage,Create Date\n\
51234,Priya,Sharma,priya@fabrikam.example,+1 312 555 0170,,Head of Operations,Fabrikam Inc,200 E Randolph St,Chicago,IL,60601,United States,Jamie Lee,Opportunity,2025-06-02 11:03\n\
51235,Tom,Baker,tom@fabrikam.example,,+1 312 555 0188,Buyer,Fabrikam Inc,200 E Randolph St,Chicago,IL,60601,United States,Jamie Lee,Opportunity,2025-06-03 10:00\n";

const ZOHO_ACCOUNTS: &str = "Record Id,Account Owner,Account Name,Account Number,Account Type,Industry,Phone,Fax,Website,Billing Street,Billing City,Billing State,Billing Code,Billing Country,Description\n\
zcrm_4876876000000123456,王伟,北京鼎力机械有限公司,BJ-0007,Customer,机械制造,010-8888-1234,010-8888-1235,www.dingli.example,朝阳区建国路88号,北京市,北京,100022,China,\"年采购额大, 重点客户\"\n";

const ZOHO_CONTACTS: &str = "Record Id,Contact Owner,First Name,Last Name,Account Name,Email,Title,Department,Phone,Mobile,Mailing Street,Mailing City,Mailing State,Mailing Zip,Mailing Country,Description\n\
zcrm_4876876000000234567,王伟,娜,李,上海华信科技有限公司,lina@huaxin.example,采购经理,采购部,021-5555-0101,138-0000-1234,浦东新区张江路100号,上海市,上海,201203,China,\n";

const SANSAN: &str = "名刺交換日,会社名,会社名（フリガナ）,部署名,役職,姓,名,姓（フリガナ）,名（フリガナ）,E-mail,郵便番号,都道府県,市区町村,番地,ビル名,TEL,FAX,携帯電話,URL,所有者,タグ,メモ\r\n\
2025/11/05,株式会社みなと物流,ミナトブツリュウ,営業本部 第一営業部,部長,佐藤,健一,サトウ,ケンイチ,k.sato@minato.example,108-0075,東京都,港区,港南2-16-1,品川イーストワンタワー 12F,03-5555-1200,03-5555-1201,090-1234-5678,https://minato.example,田中 美咲,展示会2025,\"物流DXに関心。\r\n次回デモ希望\"\r\n";

const EIGHT: &str = "会社名,部署名,役職,姓,名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,携帯電話,URL,名刺交換日\r\n\
有限会社さくら工務店,工事部,課長,鈴木,一郎,suzuki@sakura-koumuten.example,460-0008,愛知県名古屋市中区栄3-4-5,052-111-2222,,052-111-2230,052-111-2223,080-9876-5432,http://sakura-koumuten.example,2026/02/14\r\n";

#[test]
fn salesforce_accounts_and_contacts_come_in_as_cards_with_their_key_persons() {
    let mut l = ledger();
    assert_eq!(
        import(&mut l, "Accounts.csv", SALESFORCE_ACCOUNTS.as_bytes()),
        (Some(ImportTemplate::SalesforceAccounts), 2)
    );
    let harbor = card(&l, "Harbor Foods");
    let f = &harbor.fields;
    assert_eq!(
        (f.code.as_str(), f.owner.as_str(), f.industry.as_str()),
        ("HF-1001", "Alex Brown", "Food & Beverage")
    );
    assert_eq!(
        (
            f.street.as_str(),
            f.city.as_str(),
            f.region.as_str(),
            f.postal_code.as_str()
        ),
        ("1200 Alaskan Way", "Seattle", "WA", "98101")
    );
    assert_eq!(
        f.phones,
        ["(206) 555-0142"],
        "the fax is not a phone to call"
    );
    assert_eq!(f.tags, ["Customer - Direct"]);
    assert!(f.notes.contains("\"Gold\" tier"));
    assert_eq!(card(&l, "青葉").fields.region, "東京都");
    // The contacts export joins each person to the account's card by name.
    assert_eq!(
        import(&mut l, "Contacts.csv", SALESFORCE_CONTACTS.as_bytes()).0,
        Some(ImportTemplate::SalesforceContacts)
    );
    let harbor = card(&l, "Harbor Foods");
    let smith = harbor
        .key_persons
        .iter()
        .find(|p| p.fields.name == "Michael Smith");
    let smith = smith.expect("Michael Smith is a key person of Harbor Foods");
    assert_eq!(smith.fields.title, "Purchasing Manager");
    assert_eq!(
        smith.fields.phone, "(206) 555-0199",
        "the mobile, when there is no phone"
    );
}

#[test]
fn hubspot_companies_and_contacts_keep_their_lifecycle_stage_as_the_status() {
    let mut l = ledger();
    assert_eq!(
        import(
            &mut l,
            "hubspot-crm-exports-all-companies-2026-12-01.csv",
            HUBSPOT_COMPANIES.as_bytes()
        ),
        (Some(ImportTemplate::HubspotCompanies), 2)
    );
    let northwind = card(&l, "Northwind");
    assert_eq!(northwind.fields.status, CardStatus::Active);
    assert_eq!(northwind.fields.website, "northwind.example");
    assert_eq!(northwind.fields.building, "Suite 400");
    assert_eq!(card(&l, "Contoso").fields.status, CardStatus::Prospect);
    assert_eq!(
        import(
            &mut l,
            "hubspot-crm-exports-all-contacts-2026-12-01.csv",
            HUBSPOT_CONTACTS.as_bytes()
        ),
        (Some(ImportTemplate::HubspotContacts), 1)
    );
    let fabrikam = card(&l, "Fabrikam");
    assert_eq!(fabrikam.fields.kind, CardKind::Organisation);
    assert_eq!(fabrikam.key_persons[0].fields.name, "Priya Sharma");
    assert_eq!(fabrikam.key_persons[0].fields.title, "Head of Operations");
    // One row per person: the second joins the card the first made.
    let names: Vec<&str> = fabrikam
        .key_persons
        .iter()
        .map(|p| p.fields.name.as_str())
        .collect();
    assert_eq!(names, ["Priya Sharma", "Tom Baker"]);
}

#[test]
fn zoho_accounts_and_contacts_in_chinese_come_in_whole() {
    let mut l = ledger();
    assert_eq!(
        import(&mut l, "Accounts_2026_12_01.csv", ZOHO_ACCOUNTS.as_bytes()),
        (Some(ImportTemplate::ZohoAccounts), 1)
    );
    let dingli = card(&l, "鼎力");
    assert_eq!(
        (dingli.fields.code.as_str(), dingli.fields.owner.as_str()),
        ("BJ-0007", "王伟")
    );
    assert_eq!(dingli.fields.phones, ["010-8888-1234"]);
    assert_eq!(dingli.fields.postal_code, "100022");
    assert_eq!(
        import(&mut l, "Contacts_2026_12_01.csv", ZOHO_CONTACTS.as_bytes()),
        (Some(ImportTemplate::ZohoContacts), 1)
    );
    let huaxin = card(&l, "华信");
    // Zoho writes the given name first: the person is named as the export wrote them.
    assert_eq!(huaxin.key_persons[0].fields.name, "娜 李");
    assert_eq!(huaxin.key_persons[0].fields.department, "采购部");
}

#[test]
fn business_card_services_bring_the_person_with_the_company() {
    let mut l = ledger();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SANSAN.as_bytes());
    assert_eq!(
        import(&mut l, "sansan_20261201.csv", &bom),
        (Some(ImportTemplate::Sansan), 1)
    );
    let minato = card(&l, "みなと物流");
    let f = &minato.fields;
    assert_eq!(
        (f.reading.as_str(), f.owner.as_str()),
        ("ミナトブツリュウ", "田中 美咲")
    );
    assert_eq!(
        (f.region.as_str(), f.city.as_str(), f.street.as_str()),
        ("東京都", "港区", "港南2-16-1")
    );
    assert_eq!(f.building, "品川イーストワンタワー 12F");
    assert_eq!(f.phones, ["03-5555-1200"], "the fax is left out");
    assert!(f.notes.contains("次回デモ希望"));
    let sato = &minato.key_persons[0].fields;
    assert_eq!(
        (sato.name.as_str(), sato.reading.as_str()),
        ("佐藤 健一", "サトウ ケンイチ")
    );
    assert_eq!(
        (sato.department.as_str(), sato.title.as_str()),
        ("営業本部 第一営業部", "部長")
    );
    assert_eq!(sato.phone, "090-1234-5678");
    // Eight's export, saved from Excel in Shift_JIS.
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(EIGHT);
    assert!(!unmappable);
    assert_eq!(
        import(&mut l, "eight_export.csv", &sjis),
        (Some(ImportTemplate::Eight), 1)
    );
    let sakura = card(&l, "さくら工務店");
    assert_eq!(sakura.fields.phones, ["052-111-2222"]);
    assert_eq!(sakura.fields.street, "愛知県名古屋市中区栄3-4-5");
    let suzuki = &sakura.key_persons[0].fields;
    assert_eq!(
        (suzuki.name.as_str(), suzuki.phone.as_str()),
        ("鈴木 一郎", "052-111-2230")
    );
    assert_eq!(suzuki.email, "suzuki@sakura-koumuten.example");
}

#[test]
fn the_cards_of_daichos_own_full_export_import_into_another_ledger() {
    use daicho_core::full_export::FullExportForm;
    let mut source = ledger();
    daicho_core::demo::generate(
        &mut source,
        daicho_core::demo::DemoConfig {
            cards: 12,
            seed: 4,
            today: None,
            ..daicho_core::demo::DemoConfig::default()
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir
        .path()
        .join(format!("all.{}", FullExportForm::Zip.as_str()));
    source
        .export_everything(&zip_path, daicho_core::output::Existing::Refuse)
        .unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut cards_csv = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_name("cards.csv").unwrap(), &mut cards_csv).unwrap();
    let mut l = ledger();
    assert_eq!(
        import(&mut l, "cards.csv", &cards_csv),
        (Some(ImportTemplate::DaichoCards), 12)
    );
    let first = source
        .list_cards(&CardQuery {
            limit: 1,
            ..CardQuery::default()
        })
        .unwrap()
        .rows
        .remove(0);
    let original = source.card(&first.id).unwrap();
    let copy = card(&l, &original.fields.code);
    assert_eq!(copy.fields.name, original.fields.name);
    assert_eq!(
        copy.fields.phones, original.fields.phones,
        "the list of phones is read as a list"
    );
    assert_eq!(
        (copy.fields.kind, copy.fields.status),
        (original.fields.kind, original.fields.status)
    );
}

/// A 顧客台帳 / 客户台账 / 고객대장 as reps keep them in Excel: every column that names a card
/// field is read without choosing, and the contact person becomes the key person.
#[test]
fn the_customer_ledgers_reps_keep_in_excel_need_no_choosing() {
    use daicho_core::import::ImportField as F;
    let japanese = "No.,顧客コード,会社名,フリガナ,区分,郵便番号,都道府県,住所,電話番号,FAX番号,担当者名,担当者部署,担当者役職,メールアドレス,営業担当,備考\r\n\
        1,K-0001,株式会社青葉精機,アオバセイキ,法人,105-0014,東京都,港区芝1-2-3,03-1234-5678,03-1234-5679,高橋 誠,購買部,課長,takahashi@aoba.example,山田 太郎,年2回の定期点検\r\n\
        2,K-0002,鈴木 花子,スズキ ハナコ,個人,150-0001,東京都,渋谷区神宮前4-5-6,090-2222-3333,,,,,hanako@example.jp,山田 太郎,紹介：青葉精機\r\n\
        3,K-0003,有限会社みどり商店,ミドリショウテン,法人,530-0001,大阪府,大阪市北区梅田1-1-1,06-2222-3333,,中村 健,総務部,部長,,佐藤 次郎,\r\n";
    let chinese = "序号,客户编号,客户名称,客户类型,所在省份,所在城市,详细地址,联系电话,联系人,职务,邮箱,业务员,备注\n\
        1,KH-001,北京鼎力机械有限公司,企业,北京,北京市,朝阳区建国路88号,010-8888-1234,张伟,采购经理,zhangwei@dingli.example,王伟,重点客户\n\
        2,KH-002,上海华信科技有限公司,企业,上海,上海市,浦东新区张江路100号,021-5555-0101,李娜,副总经理,lina@huaxin.example,王伟,\n\
        3,KH-003,陈明,个人,广东,深圳市,南山区科技园,138-0000-5678,,,chenming@example.cn,刘洋,老客户介绍\n";
    let korean = "번호,고객코드,고객명,구분,우편번호,주소,대표전화,담당자,담당자 직책,이메일,영업담당,비고\n\
        1,C-001,(주)한빛식품,법인,06236,서울특별시 강남구 테헤란로 123,02-333-4444,박지훈,과장,park@hanbit.example,김민수,\n\
        2,C-002,주식회사 미래전자,법인,13487,경기도 성남시 분당구 판교로 256,031-777-8888,이서연,대리,lee@mirae.example,김민수,정기 점검\n\
        3,C-003,최영호,개인,48058,부산광역시 해운대구 센텀로 45,010-1234-5678,,,choi@example.kr,정하늘,\n";
    for (name, text, expected_person, individual) in [
        ("顧客台帳.csv", japanese, "高橋 誠", "鈴木 花子"),
        ("客户台账.csv", chinese, "张伟", "陈明"),
        ("고객대장.csv", korean, "박지훈", "최영호"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), name, text.as_bytes());
        let mut l = ledger();
        let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
        let mapped: Vec<(&String, Option<F>)> = preview
            .headers
            .iter()
            .zip(preview.mapping.columns.iter().copied())
            .collect();
        for wanted in [
            F::Code,
            F::Name,
            F::Kind,
            F::Phone,
            F::Owner,
            F::PersonName,
            F::PersonTitle,
        ] {
            assert!(
                mapped.iter().any(|(_, f)| *f == Some(wanted)),
                "{name}: nothing read as {wanted:?} in {mapped:?}"
            );
        }
        l.import_apply(
            &path,
            &ImportRequest::default(),
            preview.rows,
            &mut |_, _| true,
        )
        .unwrap();
        let page = l
            .list_cards(&CardQuery {
                limit: 5,
                ..CardQuery::default()
            })
            .unwrap();
        assert_eq!(page.total, 3, "{name}");
        let first = page.rows.iter().find(|r| r.code.ends_with("001")).unwrap();
        let c = l.card(&first.id).unwrap();
        assert_eq!(c.fields.kind, CardKind::Organisation, "{name}");
        assert_eq!(c.key_persons[0].fields.name, expected_person, "{name}");
        let person = page.rows.iter().find(|r| r.name == individual).unwrap();
        assert_eq!(
            l.card(&person.id).unwrap().fields.kind,
            CardKind::Individual,
            "{name}"
        );
    }
}

/// Lists that keep several contact persons on one row (担当者1・担当者2, Contact 1 / Contact 2,
/// 담당자1 / 담당자2, 联系人1 / 联系人2): each becomes a key person of the card, in order, with
/// their own title, phone and e-mail; an empty second contact adds nobody.
#[test]
fn several_contact_persons_on_one_row_become_the_cards_key_persons() {
    let japanese = "顧客コード,会社名,電話番号,担当者1,担当者1役職,担当者1メール,担当者2,担当者2役職,担当者2メール,営業担当\r\n\
        K-0101,株式会社青葉精機,03-1234-5678,高橋 誠,購買課長,takahashi@aoba.example,森 由美,経理主任,mori@aoba.example,山田 太郎\r\n\
        K-0102,有限会社みどり商店,06-2222-3333,中村 健,部長,,,,,佐藤 次郎\r\n";
    let english = "Account Code,Company,Phone,Contact 1 Name,Contact 1 Title,Contact 1 Email,Contact 2 Name,Contact 2 Title,Contact 2 Email,Owner\n\
        A-200,Harbor Foods Inc.,+1 415 555 0100,Maria Lopez,Purchasing Manager,maria@harbor.example,Tom Reed,CFO,tom@harbor.example,Alex Brown\n\
        A-201,Northwind Traders,+1 206 555 0111,Ken Ito,Owner,,,,,Alex Brown\n";
    let korean =
        "고객코드,고객명,대표전화,담당자1 이름,담당자1 직책,담당자2 이름,담당자2 직책,영업담당\n\
        C-301,(주)한빛식품,02-333-4444,박지훈,과장,이서연,대리,김민수\n\
        C-302,주식회사 미래전자,031-777-8888,정우성,부장,,,김민수\n";
    let chinese = "客户编号,客户名称,联系电话,联系人1,联系人1职务,联系人2,联系人2职务,业务员\n\
        KH-401,北京鼎力机械有限公司,010-8888-1234,张伟,采购经理,王芳,财务主管,王伟\n\
        KH-402,上海华信科技有限公司,021-5555-0101,李娜,副总经理,,,王伟\n";
    for (name, text, first, people) in [
        (
            "顧客台帳.csv",
            japanese,
            "株式会社青葉精機",
            [("高橋 誠", "購買課長"), ("森 由美", "経理主任")],
        ),
        (
            "accounts.csv",
            english,
            "Harbor Foods Inc.",
            [("Maria Lopez", "Purchasing Manager"), ("Tom Reed", "CFO")],
        ),
        (
            "고객대장.csv",
            korean,
            "(주)한빛식품",
            [("박지훈", "과장"), ("이서연", "대리")],
        ),
        (
            "客户台账.csv",
            chinese,
            "北京鼎力机械有限公司",
            [("张伟", "采购经理"), ("王芳", "财务主管")],
        ),
    ] {
        let mut l = ledger();
        let (_, added) = import(&mut l, name, text.as_bytes());
        assert_eq!(added, 2, "{name}");
        let c = card(&l, first);
        let got: Vec<(&str, &str)> = c
            .key_persons
            .iter()
            .map(|p| (p.fields.name.as_str(), p.fields.title.as_str()))
            .collect();
        assert_eq!(got, people, "{name}");
        assert!(
            !c.fields.owner.is_empty(),
            "{name}: the rep column stays the owner"
        );
        if name == "顧客台帳.csv" || name == "accounts.csv" {
            assert!(
                c.key_persons[1].fields.email.ends_with(".example"),
                "{name}"
            );
        }
        // The second company has one contact only.
        let others = l
            .list_cards(&CardQuery {
                limit: 5,
                ..CardQuery::default()
            })
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.name != first)
            .unwrap();
        assert_eq!(l.card(&others.id).unwrap().key_persons.len(), 1, "{name}");
    }
}

/// A contact history as a rep keeps it (営業日報 in Excel, 拜访记录, 영업일지): each row is a
/// contact of a customer, found by code or name, or made when the ledger has none; undo takes
/// every contact back, including those added to cards that were already there.
#[test]
fn a_contact_history_adds_each_row_to_its_customers_card_and_undo_takes_it_back() {
    use daicho_core::card::CardFields;
    use daicho_core::contact::ContactKind;
    use daicho_core::import::ImportField as F;
    let mut l = ledger();
    let mut aoba = CardFields::new(CardKind::Organisation, "株式会社青葉精機");
    aoba.code = "K-0001".into();
    let aoba = l.create_card(&aoba).unwrap();
    let version_before = l.card(&aoba.id).unwrap().version;
    let history = "訪問日,顧客コード,会社名,対応区分,対応者,目的,内容,結果,次回アクション,次回期日\r\n\
        2025/10/02 10:00,K-0001,株式会社青葉精機,訪問,山田 太郎,定期訪問,新ラインの稼働状況を確認。,好感触,見積を送る,2025/10/09\r\n\
        2025/10/15,K-0001,株式会社青葉精機,電話,山田 太郎,,見積の件で部長と話す。来月決裁。,,,\r\n\
        2025年11月5日,,有限会社みどり商店,メール,佐藤 次郎,ご挨拶,新任のご挨拶メールを送付。,,,\r\n\
        2025/11/20 15:30,,有限会社みどり商店,展示会,佐藤 次郎,,ブースに来場。カタログを渡す。,,,\r\n\
        2025/13/01,K-0001,株式会社青葉精機,訪問,山田 太郎,,日付が壊れている行,,,\r\n\
        2025/10/20,K-0001,,電話,山田 太郎,,コードだけで顧客を示す行。,,,\r\n\
        2025/10/21,K-9999,,電話,山田 太郎,,台帳にないコードの行。,,,\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "営業日報.csv", history.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(
        preview.mapping.columns,
        [
            Some(F::ContactAt),
            Some(F::Code),
            Some(F::Name),
            Some(F::ContactKind),
            Some(F::ContactRep),
            Some(F::ContactPurpose),
            Some(F::ContactContent),
            Some(F::ContactOutcome),
            Some(F::ContactNextAction),
            Some(F::ContactNextDue),
        ]
    );
    // Refused, named: the broken date, and a code the ledger does not have with no name.
    assert_eq!(preview.with_problems, 2, "{:?}", preview.problems);
    assert_eq!(
        (preview.problems[0].line, preview.problems[0].field.as_str()),
        (6, "contact_at")
    );
    assert_eq!(
        (preview.problems[1].line, preview.problems[1].field.as_str()),
        (8, "name")
    );
    let outcome = l
        .import_apply(
            &path,
            &ImportRequest::default(),
            preview.rows,
            &mut |_, _| true,
        )
        .unwrap();
    assert_eq!((outcome.added, outcome.merged), (1, 4), "{outcome:?}");
    let contacts = l.contacts(&aoba.id).unwrap();
    assert_eq!(
        contacts.len(),
        3,
        "a row with the customer's code alone finds its card"
    );
    let visit = contacts
        .iter()
        .find(|c| c.fields.kind == ContactKind::Visit)
        .unwrap();
    assert_eq!(visit.fields.at, "2025-10-02T10:00");
    assert_eq!(visit.fields.next_action_due.as_deref(), Some("2025-10-09"));
    assert_eq!(visit.fields.rep, "山田 太郎");
    let midori = card(&l, "みどり商店");
    let theirs = l.contacts(&midori.id).unwrap();
    assert_eq!(theirs.len(), 2);
    let fair = theirs
        .iter()
        .find(|c| c.fields.kind == ContactKind::Other)
        .unwrap();
    assert_eq!(
        fair.fields.purpose, "展示会",
        "a kind Daicho has no word for is kept as the purpose"
    );
    assert!(theirs.iter().any(|c| c.fields.at == "2025-11-05T00:00"));
    // Undo takes all of it back: the new card, and the contacts on the card that was there.
    l.import_undo(&outcome.id).unwrap();
    assert!(l.contacts(&aoba.id).unwrap().is_empty());
    assert_eq!(l.card(&aoba.id).unwrap().version, version_before);
    let left = l
        .list_cards(&CardQuery {
            text: "みどり".into(),
            limit: 5,
            ..CardQuery::default()
        })
        .unwrap();
    assert_eq!(left.total, 0);
}

/// A history of thousands of rows builds the list's indexes once at its end: they all come back
/// in their order, and the list and search see every contact.
#[test]
fn a_large_history_import_puts_every_index_back_and_the_cards_show_their_last_contact() {
    use daicho_core::card::CardFields;
    let mut l = ledger();
    for (code, name) in [("K-1", "株式会社青葉精機"), ("K-2", "有限会社みどり商店")]
    {
        let mut f = CardFields::new(CardKind::Organisation, name);
        f.code = code.into();
        l.create_card(&f).unwrap();
    }
    let indexes = |l: &Ledger| -> Vec<(String, String)> {
        l.connection()
            .prepare("SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' ORDER BY tbl_name, rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let before = indexes(&l);
    let mut csv = String::from("訪問日,顧客コード,会社名,内容\n");
    for n in 0..5_000u32 {
        let (code, name) = if n % 2 == 0 {
            ("K-1", "株式会社青葉精機")
        } else {
            ("K-2", "有限会社みどり商店")
        };
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
            + chrono::Duration::days(i64::from(n % 700));
        csv.push_str(&format!(
            "{},{code},{name},記録 {n}\n",
            day.format("%Y/%m/%d")
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "history.csv", csv.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(preview.with_problems, 0, "{:?}", preview.problems.first());
    let outcome = l
        .import_apply(
            &path,
            &ImportRequest::default(),
            preview.rows,
            &mut |_, _| true,
        )
        .unwrap();
    assert_eq!((outcome.added, outcome.merged), (0, 5_000));
    assert_eq!(indexes(&l), before);
    let aoba = card(&l, "青葉");
    assert_eq!(l.contacts(&aoba.id).unwrap().len(), 2_500);
    let row = l
        .list_cards(&CardQuery {
            text: "青葉".into(),
            limit: 1,
            ..CardQuery::default()
        })
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(row.last_contact_at.as_deref(), Some("2025-11-29T00:00"));
    let found = l.search("記録 4998", 5).unwrap();
    assert!(!found.contacts.is_empty());
}

/// Sales as an accounting system exports them (売上明細): each line a sale or a return on its
/// customer's card, amounts as accountants write them, paid as a word or an amount; undo takes
/// every line back.
#[test]
fn an_accounting_export_adds_sales_and_returns_to_the_cards_and_undo_takes_them_back() {
    use daicho_core::card::CardFields;
    use daicho_core::import::ImportField as F;
    use daicho_core::sales::TransactionKind;
    let mut l = ledger();
    let mut aoba = CardFields::new(CardKind::Organisation, "株式会社青葉精機");
    aoba.code = "K-0001".into();
    let aoba = l.create_card(&aoba).unwrap();
    let export = "伝票日付,伝票番号,得意先コード,得意先名,商品名,数量,単価,金額,入金\r\n\
        2025/09/30,00012,K-0001,株式会社青葉精機,精密ベアリング A-200,10,\"12,000\",\"¥120,000\",済\r\n\
        2025/10/15,00015,K-0001,,保守点検サービス,1,\"30,000\",\"30,000\",\"10,000\"\r\n\
        2025/10/20,00016,K-0001,株式会社青葉精機,精密ベアリング A-200,-2,\"12,000\",\"▲24,000\",\r\n\
        2025/11/01,00020,,有限会社みどり商店,消耗品セット,5,\"2,000\",\"10,000円\",未\r\n\
        2025/11/02,00021,,有限会社みどり商店,消耗品セット,1,\"2,000\",\"2,000.50\",\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "売上明細.csv", export.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(
        preview.mapping.columns,
        [
            Some(F::SaleOn),
            Some(F::SaleInvoice),
            Some(F::Code),
            Some(F::Name),
            Some(F::SaleItem),
            Some(F::SaleQuantity),
            Some(F::SaleUnitPrice),
            Some(F::SaleAmount),
            Some(F::SalePaid),
        ]
    );
    assert_eq!(
        preview.with_problems, 1,
        "a fraction of a yen is refused, named: {:?}",
        preview.problems
    );
    assert_eq!(
        (preview.problems[0].line, preview.problems[0].field.as_str()),
        (6, "sale_amount")
    );
    let outcome = l
        .import_apply(
            &path,
            &ImportRequest::default(),
            preview.rows,
            &mut |_, _| true,
        )
        .unwrap();
    assert_eq!((outcome.added, outcome.merged), (1, 3), "{outcome:?}");
    let sales = l.card_sales(&aoba.id, None).unwrap().transactions;
    assert_eq!(sales.len(), 3);
    let bearing = sales
        .iter()
        .find(|t| t.fields.invoice_no == "00012")
        .unwrap();
    assert_eq!(
        (bearing.fields.amount, bearing.fields.paid_amount),
        (Some(120_000), 120_000)
    );
    assert_eq!(
        bearing.fields.paid_on.as_deref(),
        Some("2025-09-30"),
        "paid with no date of its own: the sale's day"
    );
    let service = sales
        .iter()
        .find(|t| t.fields.invoice_no == "00015")
        .unwrap();
    assert_eq!(service.fields.paid_amount, 10_000);
    let returned = sales
        .iter()
        .find(|t| t.fields.invoice_no == "00016")
        .unwrap();
    assert_eq!(
        (
            returned.fields.kind,
            returned.fields.quantity,
            returned.fields.amount
        ),
        (TransactionKind::Return, 2, Some(24_000))
    );
    let midori = card(&l, "みどり商店");
    let theirs = l.card_sales(&midori.id, None).unwrap().transactions;
    assert_eq!((theirs.len(), theirs[0].fields.paid_amount), (1, 0));
    l.import_undo(&outcome.id).unwrap();
    assert!(l
        .card_sales(&aoba.id, None)
        .unwrap()
        .transactions
        .is_empty());
}

/// A rep's whole workbook (顧客一覧, 訪問記録, 売上 and a sheet of notes on how to fill it in)
/// comes in in one step: the customers first, whatever the sheets' order, then each visit and
/// sale joins its customer by code or name; undo takes all of it back.
#[test]
fn a_workbook_with_several_sheets_comes_in_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("顧客管理.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheets: [(&str, &[&[&str]]); 4] = [
        (
            "記入のしかた",
            &[
                &["この台帳の使い方"],
                &["顧客一覧に1社1行で入力してください。"],
            ],
        ),
        (
            "訪問記録",
            &[
                &["訪問日", "顧客コード", "会社名", "対応区分", "内容"],
                &[
                    "2026/10/02 10:00",
                    "K-0001",
                    "",
                    "訪問",
                    "新ラインの稼働状況を確認。",
                ],
                &[
                    "2026/10/15",
                    "",
                    "有限会社みどり商店",
                    "電話",
                    "見積の件で部長と話す。",
                ],
            ],
        ),
        (
            "顧客一覧",
            &[
                &["顧客コード", "会社名", "フリガナ", "電話番号", "担当者名"],
                &[
                    "K-0001",
                    "株式会社青葉精機",
                    "アオバセイキ",
                    "03-1234-5678",
                    "高橋 誠",
                ],
                &[
                    "K-0002",
                    "有限会社みどり商店",
                    "ミドリショウテン",
                    "06-2222-3333",
                    "",
                ],
            ],
        ),
        (
            "売上",
            &[
                &["伝票日付", "得意先コード", "商品名", "数量", "金額"],
                &[
                    "2026/09/30",
                    "K-0001",
                    "精密ベアリング A-200",
                    "10",
                    "120000",
                ],
                &["2026/10/20", "K-0002", "消耗品セット", "5", "10000"],
            ],
        ),
    ];
    for (name, rows) in sheets {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    book.save(&path).unwrap();

    let mut l = ledger();
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(
        preview.sheets,
        ["記入のしかた", "訪問記録", "顧客一覧", "売上"],
        "the preview offers each sheet"
    );
    assert_eq!(
        preview.sheet.as_deref(),
        Some("顧客一覧"),
        "it shows the list of customers, not the instructions before it"
    );
    let customers = l
        .import_preview(
            &path,
            &ImportRequest {
                sheet: Some("顧客一覧".into()),
                ..ImportRequest::default()
            },
        )
        .unwrap();
    assert_eq!((customers.rows, customers.valid), (2, 2));
    let whole = ImportRequest {
        all_sheets: true,
        ..ImportRequest::default()
    };
    // Before: each sheet as the import takes it, customers first; nothing written.
    let sheets = l.import_preview_sheets(&path, &whole).unwrap();
    let order: Vec<(&str, Option<u32>)> = sheets
        .iter()
        .map(|s| {
            (
                s.sheet.as_str(),
                s.preview.as_ref().map(|p| p.with_problems),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("記入のしかた", None),
            ("顧客一覧", Some(0)),
            ("訪問記録", Some(0)),
            ("売上", Some(0))
        ],
        "the visits and sales find the customers the customer sheet brings"
    );
    let visits = sheets[2].preview.as_ref().unwrap();
    assert_eq!(
        (visits.duplicate_count, visits.joining),
        (2, 2),
        "each visit adds to its customer: none is a repeated card"
    );
    assert_eq!(l.list_cards(&CardQuery::default()).unwrap().total, 0);
    let outcome = l.import_apply(&path, &whole, 6, &mut |_, _| true).unwrap();
    assert_eq!(
        (outcome.added, outcome.sheets_left_out.as_slice()),
        (2, ["記入のしかた".to_owned()].as_slice()),
        "{outcome:?}"
    );
    let aoba = card(&l, "株式会社青葉精機");
    assert_eq!(
        aoba.fields.reading, "アオバセイキ",
        "the customer sheet made the card"
    );
    assert_eq!(aoba.key_persons[0].fields.name, "高橋 誠");
    assert_eq!(l.contacts(&aoba.id).unwrap().len(), 1);
    assert_eq!(l.card_sales(&aoba.id, None).unwrap().transactions.len(), 1);
    let midori = card(&l, "有限会社みどり商店");
    assert_eq!(midori.fields.code, "K-0002");
    assert_eq!(l.contacts(&midori.id).unwrap().len(), 1);
    assert_eq!(
        l.card_sales(&midori.id, None).unwrap().transactions.len(),
        1
    );
    // One import, undone in one step.
    assert_eq!(l.imports().unwrap().len(), 1);
    l.import_undo(&outcome.id).unwrap();
    assert_eq!(
        l.list_cards(&CardQuery::default()).unwrap().total,
        0,
        "undo takes the whole workbook back"
    );
}

/// A 顧客台帳 that notes what each customer uses now (使用製品, メーカー, 導入時期,
/// 契約更新日): each row records the product on its customer's card, the catalogue gains the
/// product and its maker once (a second customer of the same product shares it), a customer
/// already in the ledger gets the product added, and undo takes all of it back, catalogue too.
#[test]
fn the_products_customers_use_come_in_with_their_maker_and_dates() {
    use daicho_core::card::CardFields;
    use daicho_core::import::ImportField as F;
    let mut l = ledger();
    let mut aoba = CardFields::new(CardKind::Organisation, "株式会社青葉精機");
    aoba.code = "K-0001".into();
    let aoba = l.create_card(&aoba).unwrap();
    let list = "顧客コード,会社名,電話番号,使用製品,メーカー,導入時期,契約更新日\r\n\
        K-0001,株式会社青葉精機,03-1234-5678,複合機 C-3500,アルファ事務機株式会社,2022/04,2027/03/31\r\n\
        K-0002,有限会社みどり商店,06-2222-3333,複合機 C-3500,アルファ事務機株式会社,2023年5月1日,2026/12/31\r\n\
        K-0003,株式会社白鷺電工,045-222-3141,,,,\r\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "顧客台帳.csv", list.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(
        &preview.mapping.columns[3..],
        [
            Some(F::ProductName),
            Some(F::ProductMaker),
            Some(F::ProductSince),
            Some(F::ProductRenewal)
        ]
    );
    assert_eq!(preview.with_problems, 0, "{:?}", preview.problems);
    let outcome = l
        .import_apply(
            &path,
            &ImportRequest::default(),
            preview.rows,
            &mut |_, _| true,
        )
        .unwrap();
    assert_eq!((outcome.added, outcome.merged), (2, 1), "{outcome:?}");
    let uses =
        |l: &Ledger, id: &daicho_core::ids::CardId| l.card_competition(id, 12).unwrap().products;
    let on_aoba = uses(&l, &aoba.id);
    assert_eq!(
        on_aoba.len(),
        1,
        "the customer already here gets the product"
    );
    assert_eq!(on_aoba[0].product.fields.name, "複合機 C-3500");
    assert_eq!(on_aoba[0].fields.renewal_on.as_deref(), Some("2027-03-31"));
    assert_eq!(on_aoba[0].fields.since.as_deref(), Some("2022-04-01"));
    let midori = card(&l, "有限会社みどり商店");
    assert_eq!(
        uses(&l, &midori.id)[0].product.id,
        on_aoba[0].product.id,
        "one product in the catalogue"
    );
    let makers = l.competitors().unwrap();
    assert_eq!(makers.len(), 1);
    assert_eq!(makers[0].fields.name, "アルファ事務機株式会社");
    assert_eq!(
        on_aoba[0].product.fields.competitor_id.as_ref(),
        Some(&makers[0].id)
    );

    // Undo: the use goes from the card that was here, the new cards go, the catalogue is as before.
    l.import_undo(&outcome.id).unwrap();
    assert!(uses(&l, &aoba.id).is_empty());
    assert!(l.products().unwrap().is_empty());
    assert!(l.competitors().unwrap().is_empty());
    assert_eq!(l.list_cards(&CardQuery::default()).unwrap().total, 1);
}

/// The company profile columns of a customer list, as each market writes them (資本金
/// "1,000万円", 年商 "12億円", 注册资本 "500万元", 자본금 "5억원", 従業員数 "120名", 決算月 "3月"),
/// fill the card's company profile; a customer already here keeps what its card says and gets
/// only what it lacks; a value that is not one is refused with its column.
#[test]
fn company_profile_columns_fill_the_cards_profile() {
    use daicho_core::card::CardFields;
    let japanese = "顧客コード,会社名,代表者,設立,資本金,従業員数,年商,決算月,取引銀行,支払条件\r\n\
        K-0101,株式会社青葉精機,青葉 一郎,1985年4月,\"1,000万円\",120名,12億円,3月,みずほ銀行 芝支店,月末締め翌月末払い\r\n\
        K-0102,有限会社みどり商店,緑川 花子,2001/10/05,300万円,約15名,\"1.5億円\",9月期,,\r\n";
    let chinese = "客户编号,客户名称,法定代表人,成立日期,注册资本,员工人数,年销售额,开户银行\n\
        KH-201,北京鼎力机械有限公司,王强,2008-06-18,500万元,85人,3000万元,中国工商银行\n";
    let korean = "고객코드,고객명,대표자,설립일,자본금,직원수,결산월,주거래은행\n\
        C-301,(주)한빛식품,박성민,1999년,5억원,42명,12월,국민은행\n";
    let mut l = ledger();
    let mut aoba = CardFields::new(CardKind::Organisation, "株式会社青葉精機");
    aoba.code = "K-0101".into();
    aoba.organisation.as_mut().unwrap().employees = Some(130);
    l.create_card(&aoba).unwrap();
    for (name, text) in [
        ("顧客台帳.csv", japanese),
        ("客户台账.csv", chinese),
        ("고객대장.csv", korean),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), name, text.as_bytes());
        let request = ImportRequest {
            duplicates: daicho_core::import::DuplicateChoice::Merge,
            ..ImportRequest::default()
        };
        let preview = l.import_preview(&path, &request).unwrap();
        assert_eq!(preview.with_problems, 0, "{name}: {:?}", preview.problems);
        l.import_apply(&path, &request, preview.rows, &mut |_, _| true)
            .unwrap();
    }
    let profile = |name: &str| card(&l, name).fields.organisation.unwrap();
    let aoba = profile("株式会社青葉精機");
    assert_eq!(
        (
            aoba.capital,
            aoba.annual_sales,
            aoba.employees,
            aoba.fiscal_year_end_month
        ),
        (Some(10_000_000), Some(1_200_000_000), Some(130), Some(3)),
        "the card's own head count stays; what it lacked comes in"
    );
    assert_eq!(aoba.founded.as_deref(), Some("1985-04-01"));
    assert_eq!(aoba.representative, "青葉 一郎");
    assert_eq!(aoba.payment_terms, "月末締め翌月末払い");
    let midori = profile("有限会社みどり商店");
    assert_eq!(
        (
            midori.capital,
            midori.annual_sales,
            midori.employees,
            midori.fiscal_year_end_month
        ),
        (Some(3_000_000), Some(150_000_000), Some(15), Some(9))
    );
    let dingli = profile("北京鼎力机械有限公司");
    assert_eq!(
        (dingli.capital, dingli.employees),
        (Some(5_000_000), Some(85))
    );
    assert_eq!(dingli.main_banks, "中国工商银行");
    let hanbit = profile("(주)한빛식품");
    assert_eq!(
        (
            hanbit.capital,
            hanbit.employees,
            hanbit.fiscal_year_end_month
        ),
        (Some(500_000_000), Some(42), Some(12))
    );
    assert_eq!(hanbit.founded.as_deref(), Some("1999-01-01"));

    // Not a number: the row is refused, its column named.
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.csv",
        "会社名,資本金\r\n株式会社テスト,非公開\r\n".as_bytes(),
    );
    let preview = l.import_preview(&bad, &ImportRequest::default()).unwrap();
    assert_eq!(
        preview
            .problems
            .iter()
            .map(|p| (p.column, p.field.as_str(), p.rule.as_str()))
            .collect::<Vec<_>>(),
        [(Some(1), "org_capital", "not_a_number")]
    );
}

/// Lists reps keep with their customers' chat IDs (微信号 and QQ in China, 카톡 ID in Korea, LINE
/// in Japan): the IDs land on the key person the row names, or on the card of a person who is
/// the customer, and a number-only QQ column is read as QQ, not as a phone.
#[test]
fn messaging_ids_in_a_list_land_on_the_person_the_row_names() {
    let chinese = "客户名称,客户类型,联系人,职务,联系电话,微信号,QQ号,业务员\n\
        北京鼎力机械有限公司,企业,张伟,采购经理,010-8888-1234,zhangwei_dl88,283746519,王伟\n\
        陈明,个人,,,138-0000-5678,chenming1990,,刘洋\n";
    let korean = "고객명,구분,담당자,담당자 직책,대표전화,카톡 ID,영업담당\n\
        (주)한빛식품,법인,박지훈,과장,02-333-4444,jh.park77,김민수\n\
        최영호,개인,,,010-1234-5678,choi_yh,정하늘\n";
    let japanese = "会社名,区分,担当者名,電話番号,LINE ID,営業担当\r\n\
        株式会社青葉精機,法人,高橋 誠,03-1234-5678,makoto.t,山田 太郎\r\n\
        鈴木 花子,個人,,090-2222-3333,hanako_s,山田 太郎\r\n";
    type Pick = fn(&daicho_core::card::Messaging) -> &str;
    let cases: [(&str, &str, &str, &str, &str, &str, Pick); 3] = [
        (
            "客户.csv",
            chinese,
            "北京鼎力机械",
            "zhangwei_dl88",
            "陈明",
            "chenming1990",
            |m| &m.wechat,
        ),
        (
            "고객.csv",
            korean,
            "한빛식품",
            "jh.park77",
            "최영호",
            "choi_yh",
            |m| &m.kakaotalk,
        ),
        (
            "顧客.csv",
            japanese,
            "青葉精機",
            "makoto.t",
            "鈴木 花子",
            "hanako_s",
            |m| &m.line,
        ),
    ];
    for (name, text, company, person_id, individual, own_id, channel) in cases {
        let mut l = ledger();
        let (_, added) = import(&mut l, name, text.as_bytes());
        assert_eq!(added, 2, "{name}");
        let org = card(&l, company);
        assert_eq!(
            channel(&org.key_persons[0].fields.messaging),
            person_id,
            "{name}"
        );
        assert!(
            org.fields.messaging.is_empty(),
            "{name}: {:?}",
            org.fields.messaging
        );
        let person = card(&l, individual);
        assert_eq!(channel(&person.fields.messaging), own_id, "{name}");
    }
    let mut l = ledger();
    import(&mut l, "客户.csv", chinese.as_bytes());
    let org = card(&l, "北京鼎力机械");
    assert_eq!(org.key_persons[0].fields.messaging.qq, "283746519");
    assert_eq!(org.fields.phones, vec!["010-8888-1234".to_owned()]);
}

/// A sales detail as a Chinese accounting package exports it (销售明细 with 成本金额) and one
/// from a Korean ERP (매출원가): the cost column is read as each line's cost, so the customer's
/// profit shows, and what was paid becomes the sale's payment.
#[test]
fn a_sales_export_with_a_cost_column_gives_each_customer_its_profit() {
    use daicho_core::import::ImportField as F;
    let mut l = ledger();
    let dir = tempfile::tempdir().unwrap();
    let chinese = "销售日期,发票号码,客户名称,商品名称,数量,单价,金额,成本金额\r\n\
        2026-09-03,FP20260903,北京鼎力机械有限公司,精密轴承 A-200,10,\"1,200.00\",\"12,000.00\",\"8,400.00\"\r\n\
        2026-10-08,FP20261008,北京鼎力机械有限公司,维保服务,1,3000,3000,\r\n";
    let path = write(dir.path(), "销售明细.csv", chinese.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(preview.mapping.columns.last(), Some(&Some(F::SaleCost)));
    l.import_apply(
        &path,
        &ImportRequest::default(),
        preview.rows,
        &mut |_, _| true,
    )
    .unwrap();
    let dingli = card(&l, "北京鼎力机械有限公司");
    let sales = l.card_sales(&dingli.id, None).unwrap();
    let bearing = sales
        .transactions
        .iter()
        .find(|t| t.fields.invoice_no == "FP20260903")
        .unwrap();
    assert_eq!(
        (bearing.fields.cost, bearing.profit),
        (Some(8_400), Some(3_600))
    );
    // The service line had no cost: it adds to the sales, not to the profit.
    assert_eq!(sales.summary.profit, Some(3_600));
    assert_eq!(sales.summary.margin_percent, Some(30));

    let korean = "매출일,거래처명,품목,수량,단가,금액,매출원가\r\n\
        2026-11-02,(주)한빛상사,토너 카트리지,4,\"25,000\",\"100,000\",\"70,000\"\r\n";
    let path = write(dir.path(), "매출현황.csv", korean.as_bytes());
    let preview = l.import_preview(&path, &ImportRequest::default()).unwrap();
    assert_eq!(preview.mapping.columns.last(), Some(&Some(F::SaleCost)));
    l.import_apply(
        &path,
        &ImportRequest::default(),
        preview.rows,
        &mut |_, _| true,
    )
    .unwrap();
    let hanbit = card(&l, "한빛상사");
    let sale = &l.card_sales(&hanbit.id, None).unwrap().transactions[0];
    assert_eq!(
        (sale.fields.cost, sale.profit),
        (Some(70_000), Some(30_000))
    );
    // No paid column: still owed, and no payment made up.
    assert_eq!(sale.fields.paid_amount, 0);
    assert!(l.payments(&sale.id).unwrap().is_empty());
}

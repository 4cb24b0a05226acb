//! Excel reports read back: titles, headings, counts, formats, print setup, and hostile names
//! that stay text.

use std::io::Read;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use daicho_core::card::CardStatus;
use daicho_core::card_list::CardQuery;
use daicho_core::contact::{ContactFields, ContactKind};
use daicho_core::error::ReportError;
use daicho_core::i18n::Lang;
use daicho_core::ids::CardId;
use daicho_core::report::{Currency, ListColumn, ReportKind, ReportRequest};
use daicho_core::Ledger;

use crate::sales::sale;
use crate::{ledger, organisation, person};

const HOSTILE: [&str; 3] = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "@SUM(A1)",
    "+1+1",
];

fn sample() -> (Ledger, Vec<CardId>) {
    let mut l = ledger();
    let mut ids = Vec::new();
    for (n, name) in [
        "青木工業株式会社",
        "北京华光科技有限公司",
        "주식회사 대성산업",
    ]
    .into_iter()
    .chain(HOSTILE)
    .enumerate()
    {
        let mut f = organisation(name, "");
        f.owner = if n % 2 == 0 {
            "山田".into()
        } else {
            "李".into()
        };
        f.status = CardStatus::Active;
        f.region = "東京都".into();
        f.city = "港区".into();
        f.tags = vec!["重点".into(), "代理店".into()];
        ids.push(l.create_card(&f).unwrap().id);
    }
    l.add_key_person(&ids[0], &person("青木 一郎")).unwrap();
    l.add_transaction(&ids[0], &sale("2026-10-01", "トナー", 3, 12_000))
        .unwrap();
    for (n, id) in ids.iter().enumerate() {
        let contact = ContactFields {
            kind: if n == 0 {
                ContactKind::Phone
            } else {
                ContactKind::Visit
            },
            at: format!("2026-11-{:02}T10:00", n + 1),
            content: HOSTILE[n % 3].to_owned(),
            next_action: "見積送付".into(),
            next_action_due: Some("2026-12-01".into()),
            ..ContactFields::default()
        };
        l.add_contact(id, &contact).unwrap();
    }
    (l, ids)
}

fn export(l: &Ledger, request: &ReportRequest, path: &Path) -> Result<u32, ReportError> {
    let mut calls = 0;
    let outcome = l.export_report(
        request,
        path,
        daicho_core::output::Existing::Replace,
        &mut |_, _| calls += 1,
    )?;
    assert!(calls > 0, "progress is reported");
    Ok(outcome.rows)
}

fn sheet(path: &Path) -> (String, Vec<Vec<Data>>, usize) {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let formulas = book.worksheet_formula(&name).unwrap();
    let formula_count = formulas.rows().flatten().filter(|f| !f.is_empty()).count();
    (
        name,
        range.rows().map(|r| r.to_vec()).collect(),
        formula_count,
    )
}

/// The first worksheet's XML: page setup, header, panes, filter.
fn sheet_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_customer_list_is_print_ready_in_the_chosen_language_and_hostile_names_stay_text() {
    let (l, _) = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.xlsx");
    let request = ReportRequest {
        kind: ReportKind::List,
        lang: Lang::Ja,
        ..ReportRequest::default()
    };
    assert_eq!(export(&l, &request, &path).unwrap(), 6);
    let (name, rows, formulas) = sheet(&path);
    assert_eq!(name, "顧客一覧");
    assert_eq!(text(&rows[0][0]), "顧客一覧");
    assert!(text(&rows[1][0]).starts_with("6 件"));
    assert_eq!(text(&rows[2][0]), "顧客コード");
    assert_eq!(text(&rows[2][1]), "名称");
    assert_eq!(rows.len(), 3 + 6);
    let names: Vec<String> = rows[3..].iter().map(|r| text(&r[1])).collect();
    for hostile in HOSTILE {
        assert!(
            names.contains(&hostile.to_owned()),
            "{hostile} in {names:?}"
        );
    }
    assert_eq!(formulas, 0, "no cell is a formula");
    assert!(
        rows[3..].iter().all(|r| text(&r[3]) == "取引中"),
        "statuses in Japanese"
    );
    let xml = sheet_xml(&path);
    for needle in [
        "paperSize=\"9\"",
        "orientation=\"landscape\"",
        "fitToPage=\"1\"",
        "fitToHeight=\"0\"",
        "<autoFilter ref=\"A3:",
        "ySplit=\"3\"",
        "顧客一覧",
        "&amp;P",
        "&amp;N",
        // Printed: the headings and rows with their gridlines, the count in the page header.
        "<printOptions gridLines=\"1\"/>",
        "&amp;C6 件",
    ] {
        assert!(xml.contains(needle), "{needle} in the sheet's XML");
    }
    assert!(
        workbook_xml(&path).contains("!$A$3:$K$9</definedName>"),
        "the print area starts at the headings"
    );
}

fn workbook_xml(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn the_list_follows_the_card_lists_filter_and_columns_and_the_header_says_so() {
    let (l, _) = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.xlsx");
    let request = ReportRequest {
        kind: ReportKind::List,
        lang: Lang::En,
        query: CardQuery {
            owner: Some("李".into()),
            ..CardQuery::default()
        },
        columns: vec![
            ListColumn::Name,
            ListColumn::Owner,
            ListColumn::Address,
            ListColumn::Tags,
        ],
        ..ReportRequest::default()
    };
    assert_eq!(export(&l, &request, &path).unwrap(), 3);
    let (_, rows, _) = sheet(&path);
    assert_eq!(
        rows[2].iter().map(text).collect::<Vec<_>>(),
        ["Name", "Owner (rep)", "Address", "Tags"]
    );
    assert!(rows[3..].iter().all(|r| text(&r[1]) == "李"
        && text(&r[2]) == "東京都 港区"
        && text(&r[3]) == "代理店, 重点"));
    assert!(
        sheet_xml(&path).contains("Owner (rep): 李"),
        "the filter is in the header"
    );
}

#[test]
fn the_contact_history_covers_a_period_an_owner_and_a_kind_with_real_dates() {
    let (l, _) = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("history.xlsx");
    let mut request = ReportRequest {
        kind: ReportKind::History,
        lang: Lang::Ko,
        from: Some("2026-11-01".into()),
        to: Some("2026-11-30".into()),
        ..ReportRequest::default()
    };
    assert_eq!(export(&l, &request, &path).unwrap(), 6);
    let (name, rows, formulas) = sheet(&path);
    assert_eq!(name, "접촉 이력");
    assert!(matches!(rows[3][0], Data::DateTime(_)), "{:?}", rows[3][0]);
    assert_eq!(text(&rows[3][1]), "青木工業株式会社", "oldest first");
    assert_eq!(text(&rows[3][7]), HOSTILE[0]);
    assert_eq!(formulas, 0);
    let xml = sheet_xml(&path);
    assert!(xml.contains("<printOptions gridLines=\"1\"/>"));
    assert!(xml.contains("&amp;C6건 · "), "the count in the page header");
    request.contact_kind = Some(ContactKind::Visit);
    request.owner = Some("山田".into());
    assert_eq!(export(&l, &request, &path).unwrap(), 2);
    request.from = Some("2026-12-01".into());
    request.to = Some("2026-12-31".into());
    assert!(matches!(
        export(&l, &request, &path),
        Err(ReportError::Empty)
    ));
}

#[test]
fn a_card_report_puts_each_card_on_its_own_page_with_its_key_persons_contacts_and_sales() {
    let (mut l, ids) = sample();
    l.set_currency(Currency::Jpy).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cards.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Card,
        lang: Lang::Zh,
        card_ids: vec![ids[0].clone(), ids[3].clone()],
        ..ReportRequest::default()
    };
    assert_eq!(export(&l, &request, &path).unwrap(), 2);
    let (name, rows, formulas) = sheet(&path);
    assert_eq!(name, "客户卡");
    let cells: Vec<String> = rows.iter().flatten().map(text).collect();
    for expected in [
        "青木工業株式会社",
        "青木 一郎",
        "关键人物",
        "最近的接触",
        HOSTILE[0],
    ] {
        assert!(cells.iter().any(|c| c == expected), "{expected}");
    }
    assert_eq!(
        cells.iter().filter(|c| *c == "无记录").count(),
        5,
        "an empty section of the paper card says so: no products in use nor intelligence on either card, no key persons on the second"
    );
    assert_eq!(formulas, 0);
    // The purchases of the last twelve months are a number in the ledger's currency.
    assert!(rows.iter().flatten().any(|c| *c == Data::Float(36_000.0)));
    let xml = sheet_xml(&path);
    assert!(
        xml.contains("<rowBreaks count=\"1\""),
        "a page break between the cards"
    );
    assert!(xml.contains("orientation=\"portrait\""));
}

/// Every field the seeds put on the paper card is printed: the company's profile down to its
/// banks, vehicles and licence, business terms and cycles, the judgement scores, the first
/// deal's trigger, and the intelligence notes.
#[test]
fn the_printed_card_shows_every_field_the_paper_card_has() {
    use daicho_core::card::OrganisationProfile;
    use daicho_core::notes::NoteFields;
    let mut l = ledger();
    let mut f = crate::organisation("青木工業株式会社", "アオキコウギョウ");
    f.first_deal_trigger = "展示会での試用".into();
    f.standing.credit_score = Some(72);
    f.standing.cooperation = Some(4);
    f.standing.influence = Some(3);
    f.organisation = Some(OrganisationProfile {
        fiscal_year_end_month: Some(3),
        main_banks: "みずほ銀行 新橋支店".into(),
        associations: "東京機械工業会".into(),
        vehicles_count: Some(12),
        vehicles_dealer: "トヨタ東京".into(),
        floor_area: Some(1800),
        licence_number: "東京都知事許可 第12345号".into(),
        licence_expires: Some("2028-03-31".into()),
        order_cycle: "毎月20日締め".into(),
        delivery_cycle: "週2回".into(),
        purchasing_policy: "相見積もり3社".into(),
        needs: "省人化".into(),
        main_trouble: "人手不足で出荷が遅れている".into(),
        ..OrganisationProfile::default()
    });
    let card = l.create_card(&f).unwrap();
    l.add_note(
        &card.id,
        &NoteFields {
            noted_on: "2026-11-02".into(),
            content: "来期に設備更新の予算".into(),
            judgement: "春の提案に入れる".into(),
            ..NoteFields::default()
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("card.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Card,
        lang: Lang::Ja,
        card_ids: vec![card.id.clone()],
        ..ReportRequest::default()
    };
    export(&l, &request, &path).unwrap();
    let (_, rows, _) = sheet(&path);
    let cells: Vec<String> = rows.iter().flatten().map(text).collect();
    for expected in [
        "決算月",
        "3月",
        "みずほ銀行 新橋支店",
        "東京機械工業会",
        "トヨタ東京",
        "東京都知事許可 第12345号",
        "毎月20日締め",
        "週2回",
        "相見積もり3社",
        "今一番困っていること",
        "人手不足で出荷が遅れている",
        "展示会での試用",
        "情報",
        "来期に設備更新の予算\n→ 春の提案に入れる",
    ] {
        assert!(
            cells.iter().any(|c| c == expected),
            "{expected} in {cells:?}"
        );
    }
    for number in [12.0, 1800.0, 72.0, 4.0, 3.0] {
        assert!(
            rows.iter().flatten().any(|c| *c == Data::Float(number)),
            "{number}"
        );
    }
}

#[test]
fn nothing_is_left_behind_when_there_is_nothing_to_report_or_the_file_cannot_be_written() {
    let (l, _) = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.xlsx");
    let request = ReportRequest {
        kind: ReportKind::List,
        lang: Lang::En,
        query: CardQuery {
            text: "no such customer".into(),
            ..CardQuery::default()
        },
        ..ReportRequest::default()
    };
    assert!(matches!(
        l.export_report(
            &request,
            &path,
            daicho_core::output::Existing::Replace,
            &mut |_, _| {}
        ),
        Err(ReportError::Empty)
    ));
    let nowhere = dir.path().join("missing-folder").join("list.xlsx");
    let all = ReportRequest {
        kind: ReportKind::List,
        lang: Lang::En,
        ..ReportRequest::default()
    };
    let e = l
        .export_report(
            &all,
            &nowhere,
            daicho_core::output::Existing::Replace,
            &mut |_, _| {},
        )
        .unwrap_err();
    assert!(matches!(e, ReportError::Output(_)), "{e:?}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file and no .part left"
    );
}

fn sheet_names(path: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
}

fn cells(path: &Path, sheet: &str) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.worksheet_range(sheet)
        .unwrap()
        .rows()
        .flatten()
        .map(text)
        .collect()
}

fn has_chart(path: &Path) -> bool {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let found = zip
        .file_names()
        .any(|n| n.is_ok_and(|n| n.starts_with("xl/charts/chart")));
    found
}

/// A demo ledger as of the tests' day: sales, a sheet, planned visits this week.
fn demo() -> Ledger {
    let mut l = ledger();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    daicho_core::demo::generate(
        &mut l,
        daicho_core::demo::DemoConfig {
            cards: 80,
            seed: 2,
            today: Some(day),
            ..daicho_core::demo::DemoConfig::default()
        },
    )
    .unwrap();
    l
}

#[test]
fn the_classification_report_has_the_pareto_chart_the_abc_table_and_the_lists_with_reasons() {
    let l = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("classes.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Classification,
        lang: Lang::Ja,
        ..ReportRequest::default()
    };
    let buyers = export(&l, &request, &path).unwrap();
    assert!(buyers > 10);
    assert_eq!(
        sheet_names(&path),
        ["パレート図", "ABC分析", "重点顧客", "問題顧客"]
    );
    assert!(has_chart(&path));
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let abc = book.worksheet_range("ABC分析").unwrap();
    let classes: Vec<String> = abc.rows().skip(3).map(|r| text(&r[6])).collect();
    assert_eq!(classes.len(), buyers as usize);
    assert!(classes
        .iter()
        .all(|c| ["A", "B", "C"].contains(&c.as_str())));
    assert_eq!(classes[0], "A", "the largest buyer first");
    assert!(cells(&path, "問題顧客")
        .iter()
        .any(|c| c.contains("支払遅延") || c.contains("購入減少") || c.contains("信用力")));
    // No transactions in the period: nothing to classify, no file.
    let empty = ReportRequest {
        from: Some("2030-01-01".into()),
        to: Some("2030-12-31".into()),
        ..request
    };
    assert!(matches!(
        l.export_report(
            &empty,
            &dir.path().join("none.xlsx"),
            daicho_core::output::Existing::Replace,
            &mut |_, _| {}
        ),
        Err(ReportError::Empty)
    ));
    assert!(!dir.path().join("none.xlsx").exists());
}

#[test]
fn the_weekly_report_tells_the_manager_what_happened_and_where_things_stand() {
    let (l, _) = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("weekly.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Weekly,
        lang: Lang::En,
        from: Some("2026-11-01".into()),
        to: Some("2026-11-30".into()),
        ..ReportRequest::default()
    };
    export(&l, &request, &path).unwrap();
    let all = cells(&path, "Weekly");
    for section in [
        "New cards",
        "Contacts by kind",
        "Complaints",
        "Deals and sales",
        "Receivables by age, today",
        "Overdue follow-ups",
        "Card completeness by owner",
    ] {
        assert!(all.iter().any(|c| c == section), "{section}");
    }
    // The six cards were made today, and every hostile name is still text.
    for hostile in HOSTILE {
        assert!(all.iter().any(|c| c == hostile), "{hostile}");
    }
    assert!(has_chart(&path));
}

/// The weekly report's facts, one line each, as the manager would read them.
fn facts_text(f: &daicho_core::report::weekly::WeeklyFacts) -> String {
    use std::fmt::Write;
    let mut out = format!("{} .. {} owner {:?}\n", f.period.0, f.period.1, f.owner);
    for c in &f.new_cards {
        writeln!(
            out,
            "new {} {} {} {}",
            c.code,
            c.name,
            c.owner,
            c.status.as_str()
        )
        .unwrap();
    }
    let kinds: Vec<String> = f
        .contacts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{}={n}", k.as_str()))
        .collect();
    writeln!(out, "contacts {}", kinds.join(" ")).unwrap();
    let c = f.complaints;
    writeln!(
        out,
        "complaints opened={} resolved={} open={}",
        c.opened, c.resolved, c.still_open
    )
    .unwrap();
    let d = &f.deals;
    writeln!(
        out,
        "deals {} for {}, first deals {}, negotiations {:?}",
        d.transactions, d.amount, d.first_deals, d.negotiations
    )
    .unwrap();
    for a in f.receivables.iter().filter(|a| a.amount != 0) {
        writeln!(
            out,
            "owed {} {} in {}",
            a.bucket.as_str(),
            a.amount,
            a.invoices
        )
        .unwrap();
    }
    for o in &f.overdue {
        writeln!(
            out,
            "overdue {} {} {} {}",
            o.due, o.customer, o.next_action, o.owner
        )
        .unwrap();
    }
    for (owner, cards, average) in &f.completeness {
        writeln!(out, "complete {owner} {cards} cards {average}%").unwrap();
    }
    out
}

#[test]
fn the_weekly_reports_facts_are_gathered_before_a_cell_is_written() {
    use daicho_core::contact::{Complaint, ComplaintState, Negotiation};
    use daicho_core::sales::summary::Period;
    let (mut l, ids) = sample();
    let complaint = ContactFields {
        kind: ContactKind::Complaint,
        at: "2026-11-20T15:00".into(),
        content: "納品遅れ".into(),
        complaint: Some(Complaint {
            state: Some(ComplaintState::Open),
            ..Complaint::default()
        }),
        next_action: "お詫び訪問".into(),
        next_action_due: Some("2026-11-22".into()),
        ..ContactFields::default()
    };
    l.add_contact(&ids[1], &complaint).unwrap();
    let talk = ContactFields {
        kind: ContactKind::Negotiation,
        at: "2026-11-21T11:00".into(),
        negotiation: Some(Negotiation {
            stage: "見積".into(),
            amount: Some(480_000),
            decision_date: None,
            ..Negotiation::default()
        }),
        ..ContactFields::default()
    };
    l.add_contact(&ids[2], &talk).unwrap();
    // Outside the period: counted nowhere but in what is still open.
    let earlier = ContactFields {
        at: "2026-10-31T10:00".into(),
        ..ContactFields::default()
    };
    l.add_contact(&ids[0], &earlier).unwrap();
    let november = Period::parse("2026-11-01..2026-11-30").unwrap();
    l.reclassify(november).unwrap();
    let text = |owner| facts_text(&l.weekly_facts(november, owner).unwrap());
    expect_test::expect![[r#"
        2026-11-01 .. 2026-11-30 owner None
        new C-000006 +1+1 李 active
        new C-000002 北京华光科技有限公司 李 active
        new C-000004 =HYPERLINK("http://evil.example","click") 李 active
        new C-000001 青木工業株式会社 山田 active
        new C-000005 @SUM(A1) 山田 active
        new C-000003 주식회사 대성산업 山田 active
        contacts visit=5 phone=1 complaint=1 negotiation=1
        complaints opened=1 resolved=0 open=1
        deals 0 for 0, first deals 0, negotiations [("주식회사 대성산업", Some("見積"), Some(480000))]
        owed not_due 36000 in 1
        overdue 2026-11-22 北京华光科技有限公司 お詫び訪問 李
        complete 山田 3 cards 10%
        complete 李 3 cards 5%
    "#]].assert_eq(&text(None));
    expect_test::expect![[r#"
        2026-11-01 .. 2026-11-30 owner Some("李")
        new C-000006 +1+1 李 active
        new C-000002 北京华光科技有限公司 李 active
        new C-000004 =HYPERLINK("http://evil.example","click") 李 active
        contacts visit=3 complaint=1
        complaints opened=1 resolved=0 open=1
        deals 0 for 0, first deals 0, negotiations []
        overdue 2026-11-22 北京华光科技有限公司 お詫び訪問 李
        complete 李 3 cards 5%
    "#]]
    .assert_eq(&text(Some("李")));
}

#[test]
fn the_handover_reports_lists_are_gathered_before_a_cell_is_written() {
    let (mut l, ids) = sample();
    let late = ContactFields {
        kind: ContactKind::Phone,
        at: "2026-11-10T09:00".into(),
        next_action: "カタログ送付".into(),
        next_action_due: Some("2026-11-20".into()),
        ..ContactFields::default()
    };
    l.add_contact(&ids[0], &late).unwrap();
    let rows = l.handover_rows(&ids[..3]).unwrap();
    let table = |name: &str, rows: &[Vec<String>]| -> String {
        rows.iter()
            .map(|r| format!("{name}: {}\n", r.join(" | ")))
            .collect()
    };
    let text = [
        table("card", &rows.cards),
        table("follow-up", &rows.follow_ups),
        table("complaint", &rows.complaints),
        table("owed", &rows.receivables),
        table("person", &rows.people),
    ]
    .concat();
    expect_test::expect![[r#"
        card: C-000002 | 北京华光科技有限公司 | active | 李 | 1 | 1 | 0 | 0 | 0 | 
        card: C-000001 | 青木工業株式会社 | active | 山田 | 2 | 2 | 0 | 36000 | 1 | 
        card: C-000003 | 주식회사 대성산업 | active | 山田 | 1 | 1 | 0 | 0 | 0 | 
        follow-up: 青木工業株式会社 | カタログ送付 | 2026-11-20 | 4
        follow-up: 青木工業株式会社 | 見積送付 | 2026-12-01 | 
        follow-up: 北京华光科技有限公司 | 見積送付 | 2026-12-01 | 
        follow-up: 주식회사 대성산업 | 見積送付 | 2026-12-01 | 
        owed: 青木工業株式会社 |  |  | 36000
        person: 青木工業株式会社 | 青木 一郎 |  |  | 
    "#]]
    .assert_eq(&text);
}

#[test]
fn labels_put_each_address_in_its_countrys_order() {
    use daicho_core::card::{CardFields, CardKind};
    use daicho_core::report::labels::label_lines;
    let card =
        |kind, name: &str, postal: &str, region: &str, city: &str, street: &str| CardFields {
            postal_code: postal.into(),
            region: region.into(),
            city: city.into(),
            street: street.into(),
            ..CardFields::new(kind, name)
        };
    assert_eq!(
        label_lines(&card(
            CardKind::Organisation,
            "青木工業株式会社",
            "105-0011",
            "東京都",
            "港区",
            "芝公園1-1"
        )),
        ["〒105-0011", "東京都港区芝公園1-1", "青木工業株式会社 御中"]
    );
    assert_eq!(
        label_lines(&card(
            CardKind::Individual,
            "김민준",
            "06236",
            "서울특별시",
            "강남구",
            "테헤란로 152"
        )),
        ["서울특별시 강남구 테헤란로 152", "김민준 귀하", "(06236)"]
    );
    assert_eq!(
        label_lines(&card(
            CardKind::Organisation,
            "北京华光科技有限公司",
            "100080",
            "北京市",
            "海淀区",
            "中关村大街1号"
        )),
        [
            "100080",
            "北京市海淀区中关村大街1号",
            "北京华光科技有限公司 收"
        ]
    );
    assert_eq!(
        label_lines(&card(
            CardKind::Organisation,
            "Keystone Foods",
            "10001",
            "NY",
            "New York",
            "350 Fifth Avenue"
        )),
        ["Keystone Foods", "350 Fifth Avenue", "New York, NY 10001"]
    );
    // 003 우편 주소: a mailing address apart from the premises goes on the label as typed, the
    // name where the country's envelopes have it.
    let mut branch = card(
        CardKind::Organisation,
        "青木工業株式会社 大阪工場",
        "550-0001",
        "大阪府",
        "大阪市西区",
        "土佐堀1-1",
    );
    branch.organisation.as_mut().unwrap().mailing_address =
        "〒105-0011\n東京都港区芝公園1-1\n本社 購買部\n".into();
    assert_eq!(
        label_lines(&branch),
        [
            "〒105-0011",
            "東京都港区芝公園1-1",
            "本社 購買部",
            "青木工業株式会社 大阪工場 御中"
        ]
    );
    let mut person = card(CardKind::Individual, "Mary Jones", "", "", "", "");
    person.individual.as_mut().unwrap().mailing_address = "PO Box 120\nAustin, TX 78701".into();
    assert_eq!(
        label_lines(&person),
        ["Mary Jones", "PO Box 120", "Austin, TX 78701"]
    );

    let (l, ids) = sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("labels.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Labels,
        lang: Lang::Ja,
        card_ids: ids,
        ..ReportRequest::default()
    };
    assert_eq!(export(&l, &request, &path).unwrap(), 6);
    assert_eq!(sheet_names(&path), ["宛名リスト", "宛名ラベル"]);
    let labels = cells(&path, "宛名ラベル");
    assert!(labels
        .iter()
        .any(|c| c.starts_with("東京都港区") || c.starts_with("〒")));
}

#[test]
fn the_visit_plan_prints_the_weeks_visits_and_a_brief_for_each() {
    let l = demo();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("visits.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Visits,
        lang: Lang::Ko,
        ..ReportRequest::default()
    };
    let visits = export(&l, &request, &path).unwrap();
    assert!(visits > 0);
    assert_eq!(sheet_names(&path), ["방문 계획", "방문 전 자료"]);
    let briefs = cells(&path, "방문 전 자료");
    assert_eq!(
        briefs.iter().filter(|c| *c == "최근 접촉").count(),
        visits as usize
    );
}

#[test]
fn a_comparison_prints_its_latest_scores_totals_chart_and_strengths() {
    let l = demo();
    let sheet = l.sheets().unwrap().into_iter().next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.xlsx");
    let request = ReportRequest {
        kind: ReportKind::Comparison,
        lang: Lang::En,
        sheet_id: Some(sheet.id.clone()),
        ..ReportRequest::default()
    };
    assert_eq!(export(&l, &request, &path).unwrap(), 3);
    assert!(has_chart(&path));
    let all = cells(&path, "Comparison");
    assert!(all.iter().any(|c| c == &sheet.title));
    assert!(all.iter().any(|c| c == "Weighted score"));
    let missing = ReportRequest {
        sheet_id: None,
        ..request
    };
    assert!(matches!(
        l.export_report(
            &missing,
            &path,
            daicho_core::output::Existing::Replace,
            &mut |_, _| {}
        ),
        Err(ReportError::Invalid(_))
    ));
}

#[test]
fn a_report_saved_into_a_folder_never_replaces_an_earlier_one() {
    use daicho_core::report::unique_path;
    let dir = tempfile::tempdir().unwrap();
    let first = unique_path(dir.path(), "顧客一覧-2026-11-24.xlsx");
    assert_eq!(first, dir.path().join("顧客一覧-2026-11-24.xlsx"));
    std::fs::write(&first, b"x").unwrap();
    let second = unique_path(dir.path(), "顧客一覧-2026-11-24.xlsx");
    assert_eq!(second, dir.path().join("顧客一覧-2026-11-24 (2).xlsx"));
}

#[test]
fn the_customer_list_by_reading_has_the_windows_order_for_every_reader() {
    let mut l = ledger();
    // Readings in each script, one with none (read from its name), and names that sort apart
    // from their readings.
    for (name, reading) in [
        ("山田商店", "やまだしょうてん"),
        ("Zeta Trading", ""),
        ("대성산업", "대성산업"),
        ("青木工業", "あおきこうぎょう"),
        ("Acme Corp", ""),
        ("가나상사", "가나상사"),
        ("北京华光", ""),
        ("123 Holdings", ""),
        ("いろは物産", "いろはぶっさん"),
    ] {
        l.create_card(&organisation(name, reading)).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.xlsx");
    for reader in [Lang::Ja, Lang::Ko, Lang::Zh, Lang::En] {
        let query = CardQuery {
            reader: Some(reader),
            limit: 100,
            ..CardQuery::default()
        };
        let window: Vec<String> = l
            .list_cards(&query)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect();
        let request = ReportRequest {
            kind: ReportKind::List,
            lang: reader,
            query,
            columns: vec![ListColumn::Name],
            ..ReportRequest::default()
        };
        assert_eq!(export(&l, &request, &path).unwrap(), 9);
        let (_, rows, _) = sheet(&path);
        let exported: Vec<String> = rows[3..].iter().map(|r| text(&r[0])).collect();
        assert_eq!(exported, window, "reader {reader:?}");
    }
}

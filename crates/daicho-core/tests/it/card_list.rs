//! The card list: search by any part of name, reading, code, phone, e-mail; filters; sorting; paging.

use daicho_core::card::{CardFields, CardKind, CardStatus};
use daicho_core::card_list::{CardQuery, CardSort};
use daicho_core::i18n::Lang;
use daicho_core::Ledger;

use super::{ledger, organisation, person};

fn sample() -> Ledger {
    let mut ledger = ledger();
    let mut a = organisation("株式会社東洋商事", "トウヨウショウジ");
    a.phones = vec!["03-1234-5678".into()];
    a.email = "info@toyo.example".into();
    a.status = CardStatus::Active;
    a.owner = "佐藤".into();
    a.tags = vec!["重点".into()];
    let a = ledger.create_card(&a).unwrap();
    ledger.add_key_person(&a.id, &person("鈴木 一郎")).unwrap();

    let mut b = organisation("上海华信科技有限公司", "Shanghai Huaxin Keji");
    b.phones = vec!["13812345678".into()];
    b.owner = "王".into();
    ledger.create_card(&b).unwrap();

    let mut c = CardFields::new(CardKind::Individual, "김민준");
    c.reading = "Kim Minjun".into();
    c.code = "KR-001".into();
    c.status = CardStatus::Dormant;
    ledger.create_card(&c).unwrap();

    let d = ledger
        .create_card(&organisation("アオバ食品", "アオバショクヒン"))
        .unwrap();
    ledger.trash_card(&d.id).unwrap();
    ledger
}

fn names(ledger: &Ledger, query: CardQuery) -> Vec<String> {
    let page = ledger
        .list_cards(&CardQuery {
            limit: 100,
            ..query
        })
        .unwrap();
    assert_eq!(page.total as usize, page.rows.len());
    page.rows.into_iter().map(|r| r.name).collect()
}

fn search(ledger: &Ledger, text: &str) -> Vec<String> {
    names(
        ledger,
        CardQuery {
            text: text.into(),
            ..CardQuery::default()
        },
    )
}

#[test]
fn finds_by_any_fragment_of_name_reading_code_email_or_key_person() {
    let ledger = sample();
    assert_eq!(search(&ledger, "東洋"), ["株式会社東洋商事"]);
    assert_eq!(search(&ledger, "ショウジ"), ["株式会社東洋商事"]);
    assert_eq!(
        search(&ledger, "しょうじ"),
        ["株式会社東洋商事"],
        "hiragana finds katakana"
    );
    assert_eq!(
        search(&ledger, "ｼｮｳｼﾞ"),
        ["株式会社東洋商事"],
        "half-width finds full-width"
    );
    assert_eq!(
        search(&ledger, "huaxin"),
        ["上海华信科技有限公司"],
        "case-insensitive"
    );
    assert_eq!(search(&ledger, "kr-0"), ["김민준"]);
    assert_eq!(search(&ledger, "toyo.example"), ["株式会社東洋商事"]);
    assert_eq!(search(&ledger, "鈴木"), ["株式会社東洋商事"]);
    assert_eq!(search(&ledger, "민준"), ["김민준"]);
    assert!(
        search(&ledger, "アオバ").is_empty(),
        "cards in the trash are not listed"
    );
    assert!(
        search(&ledger, "%").is_empty(),
        "LIKE wildcards are literal"
    );
}

#[test]
fn finds_phone_numbers_in_any_format() {
    let ledger = sample();
    assert_eq!(search(&ledger, "0312345678"), ["株式会社東洋商事"]);
    assert_eq!(search(&ledger, "03-1234-5678"), ["株式会社東洋商事"]);
    assert_eq!(search(&ledger, "138-1234-5678"), ["上海华信科技有限公司"]);
    assert_eq!(
        search(&ledger, "１２３４"),
        ["上海华信科技有限公司", "株式会社東洋商事"]
    );
}

#[test]
fn filters_by_status_kind_tag_and_owner() {
    let ledger = sample();
    let all = CardQuery::default();
    assert_eq!(
        names(
            &ledger,
            CardQuery {
                status: Some(CardStatus::Dormant),
                ..all.clone()
            }
        ),
        ["김민준"]
    );
    assert_eq!(
        names(
            &ledger,
            CardQuery {
                kind: Some(CardKind::Individual),
                ..all.clone()
            }
        ),
        ["김민준"]
    );
    assert_eq!(
        names(
            &ledger,
            CardQuery {
                tag: Some("重点".into()),
                ..all.clone()
            }
        ),
        ["株式会社東洋商事"]
    );
    assert_eq!(
        names(
            &ledger,
            CardQuery {
                owner: Some("王".into()),
                ..all.clone()
            }
        ),
        ["上海华信科技有限公司"]
    );
    assert_eq!(
        names(
            &ledger,
            CardQuery {
                in_trash: true,
                ..all
            }
        ),
        ["アオバ食品"]
    );
    let facets = ledger.facets().unwrap();
    assert_eq!(facets.owners, ["佐藤", "王"]);
    assert_eq!(facets.tags, ["重点"]);
}

#[test]
fn the_filters_offer_the_owners_of_live_cards_and_every_tag_without_reading_each_card() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let mut card = |name: &str, owner: &str, tags: &[&str]| {
        let mut fields = CardFields::new(CardKind::Organisation, name);
        fields.owner = owner.into();
        fields.tags = tags.iter().map(|t| t.to_string()).collect();
        ledger.create_card(&fields).unwrap()
    };
    card("株式会社東洋商事", "佐藤", &["重点", "新規"]);
    card("東洋物産", "佐藤", &["重点"]);
    card("(주)한빛상사", "김민준", &[]);
    card("Harbor Foods", "", &["Key account"]);
    let gone = card("アオバ食品", "Alex Brown", &["休眠"]);
    ledger.trash_card(&gone.id).unwrap();
    let facets = ledger.facets().unwrap();
    // Alex Brown's only card is in the trash; a tag stays offered while any card keeps it.
    assert_eq!(facets.owners, ["佐藤", "김민준"]);
    assert_eq!(facets.tags, ["Key account", "休眠", "新規", "重点"]);
    for sql in [
        daicho_core::card_list::FACET_OWNERS,
        daicho_core::card_list::FACET_TAGS,
    ] {
        let plan = super::query_plan(&ledger, sql);
        assert!(
            !plan.iter().any(|step| step.starts_with("SCAN card")),
            "{plan:?}"
        );
    }
}

#[test]
fn sorts_by_reading_name_or_last_update() {
    let mut ledger = sample();
    let by_reading = names(&ledger, CardQuery::default());
    assert_eq!(
        by_reading,
        ["上海华信科技有限公司", "株式会社東洋商事", "김민준"],
        "pinyin, gojūon, then hangul (a Korean name is ordered by its hangul, not its romanisation)"
    );
    let by_name = names(
        &ledger,
        CardQuery {
            sort: CardSort::Name,
            ..CardQuery::default()
        },
    );
    assert_eq!(
        by_name,
        ["上海华信科技有限公司", "株式会社東洋商事", "김민준"]
    );

    let korean = ledger
        .list_cards(&CardQuery {
            text: "KR-001".into(),
            limit: 1,
            ..CardQuery::default()
        })
        .unwrap();
    let card = ledger.card(&korean.rows[0].id).unwrap();
    let ledger_later = std::mem::replace(&mut ledger, super::ledger());
    let mut ledger = ledger_later.with_clock(|| {
        chrono::DateTime::parse_from_rfc3339("2027-01-01T00:00:00Z")
            .unwrap()
            .into()
    });
    let mut fields = card.fields.clone();
    fields.city = "서울".into();
    ledger.update_card(&card.id, card.version, &fields).unwrap();
    let by_update = names(
        &ledger,
        CardQuery {
            sort: CardSort::Updated,
            ..CardQuery::default()
        },
    );
    assert_eq!(by_update[0], "김민준");
}

#[test]
fn pages_through_many_cards_with_a_stable_total() {
    let mut ledger = ledger();
    for i in 0..250 {
        ledger
            .create_card(&organisation(
                &format!("会社{i:03}"),
                &format!("カイシャ{i:03}"),
            ))
            .unwrap();
    }
    let page = |offset| {
        ledger
            .list_cards(&CardQuery {
                offset,
                limit: 100,
                ..CardQuery::default()
            })
            .unwrap()
    };
    let (first, last) = (page(0), page(200));
    assert_eq!(
        (first.total, first.rows.len(), last.rows.len()),
        (250, 100, 50)
    );
    assert_eq!(first.rows[0].name, "会社000");
    assert_eq!(last.rows[49].name, "会社249");
}

#[test]
fn windows_anywhere_in_the_list_are_the_list_in_every_order() {
    let mut ledger = ledger();
    for i in 0..40u32 {
        let mut f = organisation(
            &format!("会社{:02}", (i * 17) % 40),
            // Some readings repeat: the name decides between them.
            &format!("カイシャ{:02}", i % 13),
        );
        f.status = if i % 3 == 0 {
            CardStatus::Active
        } else {
            CardStatus::Prospect
        };
        let card = ledger.create_card(&f).unwrap();
        if i % 4 != 0 {
            let contact = daicho_core::contact::ContactFields {
                at: format!("2026-10-{:02}T09:00", 1 + (i * 7) % 28),
                ..daicho_core::contact::ContactFields::default()
            };
            ledger.add_contact(&card.id, &contact).unwrap();
        }
    }
    for sort in [
        CardSort::Reading,
        CardSort::Name,
        CardSort::Updated,
        CardSort::LastContact,
        CardSort::Completeness,
        CardSort::UpdatedOldest,
    ] {
        for status in [None, Some(CardStatus::Active)] {
            let query = CardQuery {
                sort,
                status,
                ..CardQuery::default()
            };
            let whole = ledger
                .list_cards(&CardQuery {
                    limit: 1000,
                    ..query.clone()
                })
                .unwrap();
            let mut windows = Vec::new();
            for offset in (0..whole.total).step_by(7) {
                let page = ledger
                    .list_cards(&CardQuery {
                        offset,
                        limit: 7,
                        ..query.clone()
                    })
                    .unwrap();
                assert_eq!(page.total, whole.total);
                windows.extend(page.rows);
            }
            assert_eq!(windows, whole.rows, "{sort:?} {status:?}");
            if sort == CardSort::LastContact {
                assert!(
                    whole.rows[0].last_contact_at.is_none(),
                    "never contacted first"
                );
                let dates: Vec<_> = whole
                    .rows
                    .iter()
                    .map(|r| r.last_contact_at.clone())
                    .collect();
                let mut sorted = dates.clone();
                sorted.sort();
                assert_eq!(dates, sorted, "then the longest since the last contact");
            }
        }
    }
}

#[test]
fn a_window_deep_in_the_list_walks_a_covering_index_whatever_the_common_filter() {
    let ledger = ledger();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    for sort in [
        CardSort::Reading,
        CardSort::Name,
        CardSort::Updated,
        CardSort::LastContact,
        CardSort::Completeness,
        CardSort::UpdatedOldest,
    ] {
        for query in [
            CardQuery::default(),
            CardQuery {
                status: Some(CardStatus::Active),
                ..CardQuery::default()
            },
            CardQuery {
                status: Some(CardStatus::Active),
                kind: Some(CardKind::Organisation),
                owner: Some("佐藤".into()),
                silent_days: Some(90),
                ..CardQuery::default()
            },
        ] {
            let query = CardQuery { sort, ..query };
            let plan = daicho_core::card_list::window_plan(ledger.connection(), &query, today)
                .unwrap()
                .join(" / ");
            assert!(
                plan.contains("COVERING INDEX cards_list_") && !plan.contains("TEMP B-TREE"),
                "{sort:?}: {plan}"
            );
            // One status only: the index led by the status, which skips only cards of it.
            if query.status.is_some() && query.owner.is_none() {
                assert!(plan.contains("cards_list_status_"), "{sort:?}: {plan}");
            }
        }
    }
}

#[test]
fn sorting_by_reading_follows_each_languages_order() {
    let mut ledger = ledger();
    for (name, reading) in [
        ("後藤商店", "ゴトウショウテン"),
        ("박지훈", "Park Jihun"),
        ("张伟", ""),
        ("加藤工業", "カトウコウギョウ"),
        ("김민준", "Kim Minjun"),
        ("李娜", ""),
        ("ｶﾞﾘﾚｵ", "ｶﾞﾘﾚｵ"),
    ] {
        ledger.create_card(&organisation(name, reading)).unwrap();
    }
    assert_eq!(
        names(&ledger, CardQuery::default()),
        ["李娜", "张伟", "加藤工業", "ｶﾞﾘﾚｵ", "後藤商店", "김민준", "박지훈"],
        "pinyin (li, zhang) with the Latin letters, then gojūon (か, が after it only on a tie), then hangul"
    );
    // Each reader's own script first: a Japanese rep does not page through every foreign
    // customer before the first Japanese one, nor a Korean rep; a block boundary inside a
    // script does not lose or repeat a card.
    let in_order = |lang| {
        let query = |offset, limit| CardQuery {
            reader: Some(lang),
            offset,
            limit,
            ..CardQuery::default()
        };
        let window = |offset, limit| -> Vec<String> {
            let page = ledger.list_cards(&query(offset, limit)).unwrap();
            assert_eq!(page.total, 7);
            page.rows.into_iter().map(|r| r.name).collect()
        };
        let whole = window(0, 100);
        let blocks: Vec<String> = (0..7).step_by(3).flat_map(|at| window(at, 3)).collect();
        assert_eq!(blocks, whole, "{lang:?} in blocks of three");
        whole
    };
    assert_eq!(
        in_order(Lang::Ja),
        [
            "加藤工業",
            "ｶﾞﾘﾚｵ",
            "後藤商店",
            "李娜",
            "张伟",
            "김민준",
            "박지훈"
        ]
    );
    assert_eq!(
        in_order(Lang::Ko),
        [
            "김민준",
            "박지훈",
            "李娜",
            "张伟",
            "加藤工業",
            "ｶﾞﾘﾚｵ",
            "後藤商店"
        ]
    );
    assert_eq!(
        in_order(Lang::Zh),
        [
            "李娜",
            "张伟",
            "加藤工業",
            "ｶﾞﾘﾚｵ",
            "後藤商店",
            "김민준",
            "박지훈"
        ]
    );
}

/// 原則① a card left untended loses its value: the list finds the cards whose profile has not
/// changed for months, the longest first, whatever was logged on them since.
#[test]
fn cards_whose_profile_has_not_changed_for_months_are_found_longest_first() {
    let mut ledger = ledger();
    let mut ids = Vec::new();
    for (name, updated) in [
        ("青葉精機", "2024-03-01T00:00:00Z"),
        ("千葉商会", "2025-10-30T00:00:00Z"),
        ("坂本物産", "2026-11-01T00:00:00Z"),
    ] {
        let id = ledger.create_card(&organisation(name, "")).unwrap().id;
        ledger
            .connection()
            .execute(
                "UPDATE cards SET updated_at = ?2 WHERE id = ?1",
                rusqlite::params![id, updated],
            )
            .unwrap();
        ids.push(id);
    }
    // A contact logged is not a review of the profile.
    let contact = daicho_core::contact::ContactFields {
        at: "2026-11-20T10:00".into(),
        ..daicho_core::contact::ContactFields::default()
    };
    ledger.add_contact(&ids[0], &contact).unwrap();
    let stale = |months| {
        names(
            &ledger,
            CardQuery {
                unchanged_months: Some(months),
                sort: CardSort::UpdatedOldest,
                ..CardQuery::default()
            },
        )
    };
    // Today is 2026-11-24 (the tests' clock).
    assert_eq!(stale(12), ["青葉精機", "千葉商会"]);
    assert_eq!(stale(24), ["青葉精機"]);
    assert_eq!(
        names(
            &ledger,
            CardQuery {
                sort: CardSort::UpdatedOldest,
                ..CardQuery::default()
            }
        ),
        ["青葉精機", "千葉商会", "坂本物産"]
    );
}

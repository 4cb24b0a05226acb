//! Customers linked to customers (001 链式引荐法 / 中心开花法 / 家庭, 002 お客様単位): referral
//! chains with their centre of influence, a group's sales rolled up, loops and the trash
//! refused, every change in the card's history, and links that travel in a handover.

use daicho_core::card::{CardFields, CardKind};
use daicho_core::error::Coded;
use daicho_core::ids::CardId;
use daicho_core::links::{CardLinkFields, CardLinkKind};
use daicho_core::Ledger;

use crate::sales::sale;
use crate::{ledger, organisation};

fn card(l: &mut Ledger, name: &str) -> CardId {
    l.create_card(&organisation(name, "")).unwrap().id
}

fn link(l: &mut Ledger, from: &CardId, kind: CardLinkKind, to: &CardId, note: &str) {
    let fields = CardLinkFields {
        kind,
        other_id: to.clone(),
        note: note.into(),
    };
    l.set_card_link(from, kind, Some(&fields)).unwrap();
}

fn try_link(l: &mut Ledger, from: &CardId, kind: CardLinkKind, to: &CardId) -> String {
    let fields = CardLinkFields {
        kind,
        other_id: to.clone(),
        note: String::new(),
    };
    l.set_card_link(from, kind, Some(&fields))
        .unwrap_err()
        .code()
        .to_owned()
}

#[test]
fn a_referral_chain_is_followed_both_ways_and_a_centre_of_influence_counts_everyone_it_brought() {
    let mut l = ledger();
    let centre = card(&mut l, "商工会 会長 田中");
    let a = card(&mut l, "青木工業");
    let b = card(&mut l, "坂本物産");
    let c = card(&mut l, "千葉商会");
    link(
        &mut l,
        &a,
        CardLinkKind::ReferredBy,
        &centre,
        "商工会の新年会で",
    );
    link(&mut l, &b, CardLinkKind::ReferredBy, &centre, "");
    link(&mut l, &c, CardLinkKind::ReferredBy, &a, "取引先の紹介");

    let of_c = l.card_links(&c).unwrap();
    let chain: Vec<&str> = of_c
        .referral_chain
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(chain, vec!["青木工業", "商工会 会長 田中"]);
    assert_eq!(of_c.referred_by.as_ref().unwrap().note, "取引先の紹介");

    let of_centre = l.card_links(&centre).unwrap();
    let referred: Vec<&str> = of_centre.referred.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(referred, vec!["坂本物産", "青木工業"]);
    assert_eq!(of_centre.referred_in_all, 3);

    // A loop and a link to itself are refused, and nothing changes.
    assert_eq!(
        try_link(&mut l, &centre, CardLinkKind::ReferredBy, &c),
        "card_link.loop"
    );
    assert_eq!(
        try_link(&mut l, &a, CardLinkKind::ReferredBy, &a),
        "card_link.itself"
    );
    assert!(l.card_links(&centre).unwrap().referred_by.is_none());

    // A card in the trash cannot be linked to; one linked before shows as in the trash.
    let gone = card(&mut l, "廃業商店");
    l.trash_card(&gone).unwrap();
    assert_eq!(
        try_link(&mut l, &b, CardLinkKind::BranchOf, &gone),
        "card_link.other_in_trash"
    );
    l.trash_card(&centre).unwrap();
    assert!(l.card_links(&a).unwrap().referred_by.unwrap().in_trash);

    // Every change is in the card's history, with the other card's name.
    l.set_card_link(&c, CardLinkKind::ReferredBy, None).unwrap();
    let history = l.history(&c).unwrap();
    let changes: Vec<(Option<&str>, Option<&str>)> = history
        .iter()
        .filter(|h| h.field == "link.referred_by")
        .map(|h| (h.old_value.as_deref(), h.new_value.as_deref()))
        .collect();
    assert_eq!(
        changes,
        vec![
            (Some("青木工業 (取引先の紹介)"), None),
            (None, Some("青木工業 (取引先の紹介)")),
        ]
    );
}

#[test]
fn a_groups_sales_are_rolled_up_from_the_head_office_down_its_branches() {
    let mut l = ledger();
    let head = card(&mut l, "青葉精機株式会社");
    let osaka = card(&mut l, "青葉精機 大阪支店");
    let kobe = card(&mut l, "青葉精機 神戸営業所");
    let other = card(&mut l, "東洋商事");
    link(&mut l, &osaka, CardLinkKind::BranchOf, &head, "");
    // The Kobe office reports to Osaka.
    link(&mut l, &kobe, CardLinkKind::BranchOf, &osaka, "");
    for (id, amount) in [
        (&head, 500_000),
        (&osaka, 200_000),
        (&kobe, 50_000),
        (&other, 90_000),
    ] {
        l.add_transaction(id, &sale("2026-10-01", "部品", 1, amount))
            .unwrap();
    }
    // A return lowers the group's sales; a sale older than twelve months does not count.
    let mut back = sale("2026-10-15", "部品", 1, 10_000);
    back.kind = daicho_core::sales::TransactionKind::Return;
    l.add_transaction(&kobe, &back).unwrap();
    l.add_transaction(&osaka, &sale("2025-06-01", "部品", 1, 999_000))
        .unwrap();

    for from in [&head, &osaka, &kobe] {
        let group = l.card_links(from).unwrap().group.unwrap();
        let members: Vec<(&str, u32, i64)> = group
            .members
            .iter()
            .map(|m| (m.card.name.as_str(), m.depth, m.amount))
            .collect();
        assert_eq!(
            members,
            vec![
                ("青葉精機株式会社", 0, 500_000),
                ("青葉精機 大阪支店", 1, 200_000),
                ("青葉精機 神戸営業所", 2, 40_000),
            ]
        );
        assert_eq!((group.total, group.from.as_str()), (740_000, "2025-12-01"));
    }
    assert!(l.card_links(&other).unwrap().group.is_none());
    // The head office cannot become a branch of its own branch.
    assert_eq!(
        try_link(&mut l, &head, CardLinkKind::BranchOf, &kobe),
        "card_link.loop"
    );
}

#[test]
fn a_household_groups_individuals_and_a_link_is_replaced_not_doubled() {
    let mut l = ledger();
    let person = |l: &mut Ledger, name: &str| {
        l.create_card(&CardFields::new(CardKind::Individual, name))
            .unwrap()
            .id
    };
    let father = person(&mut l, "李 建国");
    let wife = person(&mut l, "王 丽");
    let son = person(&mut l, "李 明");
    link(&mut l, &wife, CardLinkKind::HouseholdOf, &father, "妻子");
    link(&mut l, &son, CardLinkKind::HouseholdOf, &wife, "儿子");
    // Moved to the father directly: one link of a kind per card.
    link(&mut l, &son, CardLinkKind::HouseholdOf, &father, "儿子");
    let household = l.card_links(&son).unwrap().household.unwrap();
    let names: Vec<(&str, u32)> = household
        .members
        .iter()
        .map(|m| (m.card.name.as_str(), m.depth))
        .collect();
    assert_eq!(names.len(), 3);
    assert_eq!(names[0], ("李 建国", 0));
    assert!(names[1..].iter().all(|(_, depth)| *depth == 1));
}

#[test]
fn links_between_cards_of_a_portfolio_travel_with_it_in_a_handover() {
    let (mut a, owner) = crate::handover::predecessor();
    let ids: Vec<CardId> = a
        .connection()
        .prepare("SELECT id FROM cards WHERE owner = ?1 AND deleted_at IS NULL ORDER BY id LIMIT 2")
        .unwrap()
        .query_map([&owner], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|id| CardId::from(id.unwrap()))
        .collect();
    link(&mut a, &ids[1], CardLinkKind::ReferredBy, &ids[0], "紹介");
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("handover.daicho-handover");
    let selection = crate::handover::by_passphrase(Some(owner.clone()), vec![], "後任 花子".into());
    a.handover_export(&selection, &bundle, daicho_core::output::Existing::Refuse)
        .unwrap();
    let mut b = ledger();
    b.take_over(&bundle, &crate::handover::take("後任 花子", &bundle))
        .unwrap();
    let on_a: i64 = a
        .connection()
        .query_row(
            "SELECT count(*) FROM card_links l JOIN cards x ON x.id = l.card_id JOIN cards y ON y.id = l.other_id
             WHERE x.owner = ?1 AND y.owner = ?1 AND x.deleted_at IS NULL AND y.deleted_at IS NULL",
            [&owner],
            |r| r.get(0),
        )
        .unwrap();
    let on_b: i64 = b
        .connection()
        .query_row("SELECT count(*) FROM card_links", [], |r| r.get(0))
        .unwrap();
    assert!(on_a >= 1);
    assert_eq!(on_a, on_b);
    let referred = b.card_links(&ids[1]).unwrap().referred_by.unwrap();
    assert_eq!(
        (referred.card_id, referred.note.as_str()),
        (ids[0].clone(), "紹介")
    );
}

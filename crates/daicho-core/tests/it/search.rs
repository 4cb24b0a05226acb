//! The search box: every kind of fragment a rep types finds the customer, the contact or the
//! note, in step with every change, and the matching part is marked.

use daicho_core::card::CardKind;
use daicho_core::contact::ContactFields;
use daicho_core::ids::CardId;
use daicho_core::notes::NoteFields;
use daicho_core::search::{SearchResults, Segment};
use daicho_core::Ledger;

use super::{ledger, organisation, person};

struct Sample {
    ledger: Ledger,
    toyo: CardId,
}

fn sample() -> Sample {
    let mut ledger = ledger();
    let mut toyo = organisation("株式会社東洋商事", "トウヨウショウジ");
    toyo.phones = vec!["03-1234-5678".into()];
    toyo.email = "info@toyo.example".into();
    toyo.city = "港区".into();
    toyo.tags = vec!["重点顧客".into()];
    let toyo = ledger.create_card(&toyo).unwrap();
    ledger
        .add_key_person(&toyo.id, &person("鈴木 一郎"))
        .unwrap();
    ledger
        .add_contact(
            &toyo.id,
            &ContactFields {
                at: "2026-11-20T10:00".into(),
                content: "新型複合機の見積を提出。納期は来月末を希望。".into(),
                ..ContactFields::default()
            },
        )
        .unwrap();
    ledger
        .add_note(
            &toyo.id,
            &NoteFields {
                noted_on: "2026-11-21".into(),
                content: "競合のリコーが値下げを提案しているらしい".into(),
                ..NoteFields::default()
            },
        )
        .unwrap();
    let mut li = organisation("李记贸易有限公司", "Li Ji Maoyi");
    li.phones = vec!["+86 21 5555 0101".into()];
    ledger.create_card(&li).unwrap();
    let mut kim = daicho_core::card::CardFields::new(CardKind::Individual, "김민준");
    kim.reading = "Kim Minjun".into();
    ledger.create_card(&kim).unwrap();
    ledger
        .create_card(&organisation("佐藤工業", "サトウコウギョウ"))
        .unwrap();
    Sample {
        ledger,
        toyo: toyo.id,
    }
}

fn card_names(results: &SearchResults) -> Vec<String> {
    results.cards.iter().map(|c| plain(&c.name)).collect()
}

fn plain(segments: &[Segment]) -> String {
    segments.iter().map(|s| s.text.as_str()).collect()
}

fn marked(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|s| {
            if s.hit {
                format!("[{}]", s.text)
            } else {
                s.text.clone()
            }
        })
        .collect()
}

fn find(ledger: &Ledger, query: &str) -> SearchResults {
    ledger.search(query, 20).unwrap()
}

#[test]
fn one_and_two_letter_cjk_queries_find_names() {
    let s = sample();
    assert_eq!(card_names(&find(&s.ledger, "李")), ["李记贸易有限公司"]);
    assert_eq!(card_names(&find(&s.ledger, "김")), ["김민준"]);
    assert_eq!(card_names(&find(&s.ledger, "民")), Vec::<String>::new());
    assert_eq!(card_names(&find(&s.ledger, "佐藤")), ["佐藤工業"]);
    assert_eq!(card_names(&find(&s.ledger, "商事")), ["株式会社東洋商事"]);
    assert_eq!(
        card_names(&find(&s.ledger, "東洋商事")),
        ["株式会社東洋商事"]
    );
    assert_eq!(card_names(&find(&s.ledger, "民준")), Vec::<String>::new());
    let hit = &find(&s.ledger, "洋商").cards[0];
    assert_eq!(marked(&hit.name), "株式会社東[洋商]事");
}

#[test]
fn readings_are_found_in_hiragana_katakana_and_half_width() {
    let s = sample();
    for query in ["しょうじ", "ショウジ", "ｼｮｳｼﾞ", "とうよう"] {
        assert_eq!(
            card_names(&find(&s.ledger, query)),
            ["株式会社東洋商事"],
            "{query}"
        );
    }
    let hit = &find(&s.ledger, "しょうじ").cards[0];
    assert_eq!(marked(&hit.reading), "トウヨウ[ショウジ]");
    assert_eq!(card_names(&find(&s.ledger, "KIM")), ["김민준"]);
    assert_eq!(card_names(&find(&s.ledger, "ｍａｏ")), ["李记贸易有限公司"]);
}

#[test]
fn phone_numbers_are_found_by_any_part_in_any_format() {
    let s = sample();
    for query in [
        "0312345678",
        "03-1234-5678",
        "1234-56",
        "５６７８",
        "(03) 1234",
    ] {
        let results = find(&s.ledger, query);
        assert_eq!(card_names(&results), ["株式会社東洋商事"], "{query}");
        let matched = results.cards[0].matched.as_ref().unwrap();
        assert_eq!(matched.field, "phones");
        assert!(matched.text.iter().any(|s| s.hit), "{query}");
    }
    assert_eq!(
        card_names(&find(&s.ledger, "5555 0101")),
        ["李记贸易有限公司"]
    );
    assert!(find(&s.ledger, "9999").cards.is_empty());
}

#[test]
fn email_address_tags_and_key_persons_say_where_they_matched() {
    let s = sample();
    for (query, field) in [
        ("toyo.example", "email"),
        ("港区", "address"),
        ("重点", "tags"),
        ("鈴木", "key_persons"),
    ] {
        let results = find(&s.ledger, query);
        assert_eq!(card_names(&results), ["株式会社東洋商事"], "{query}");
        assert_eq!(results.cards[0].matched.as_ref().unwrap().field, field);
    }
}

#[test]
fn a_key_persons_name_reading_department_and_title_are_shown_apart() {
    let mut ledger = ledger();
    let harbor = ledger
        .create_card(&organisation("Harbor Foods Inc.", ""))
        .unwrap();
    for (name, reading, department, title) in [
        (
            "Michael Smith",
            "Smith Michael",
            "Purchasing",
            "Purchasing Manager",
        ),
        ("Emily Chen", "Emily Chen", "", "Buyer"),
    ] {
        let mut p = person(name);
        p.reading = reading.into();
        p.department = department.into();
        p.title = title.into();
        ledger.add_key_person(&harbor.id, &p).unwrap();
    }
    let results = find(&ledger, "Purchasing");
    let matched = results.cards[0].matched.as_ref().unwrap();
    assert_eq!(matched.field, "key_persons");
    let shown: String = matched.text.iter().map(|s| s.text.as_str()).collect();
    // The reading only where it is not the name itself; no field run into the next.
    assert!(
        "Michael Smith (Smith Michael) · Purchasing · Purchasing Manager / Emily Chen · Buyer"
            .contains(shown.trim_matches('…')),
        "{shown}"
    );
    assert!(
        shown.contains("Michael) · Purchasing · Purchasing Manager /"),
        "{shown}"
    );
}

#[test]
fn contacts_and_notes_are_found_by_their_text_with_a_snippet() {
    let s = sample();
    let results = find(&s.ledger, "納期");
    assert!(results.cards.is_empty());
    assert_eq!(results.contacts.len(), 1);
    assert_eq!(results.contacts[0].card_name, "株式会社東洋商事");
    assert!(marked(&results.contacts[0].snippet).contains("[納期]は来月末"));
    let results = find(&s.ledger, "りこー");
    assert_eq!(results.notes.len(), 1);
    assert!(marked(&results.notes[0].snippet).contains("[リコー]"));
}

#[test]
fn the_index_follows_every_change_and_the_trash() {
    let mut s = sample();
    let card = s.ledger.card(&s.toyo).unwrap();
    let mut fields = card.fields.clone();
    fields.name = "東洋ホールディングス".into();
    s.ledger
        .update_card(&s.toyo, card.version, &fields)
        .unwrap();
    assert!(
        find(&s.ledger, "商事").cards.is_empty(),
        "the old name is gone"
    );
    assert_eq!(
        card_names(&find(&s.ledger, "ほーるでぃんぐす")),
        ["東洋ホールディングス"]
    );
    s.ledger.trash_card(&s.toyo).unwrap();
    let gone = find(&s.ledger, "東洋");
    assert!(gone.cards.is_empty());
    assert!(find(&s.ledger, "納期").contacts.is_empty());
    assert!(find(&s.ledger, "リコー").notes.is_empty());
    s.ledger.restore_card(&s.toyo).unwrap();
    assert_eq!(find(&s.ledger, "東洋").cards.len(), 1);
    assert_eq!(find(&s.ledger, "納期").contacts.len(), 1);
    assert_eq!(find(&s.ledger, "リコー").notes.len(), 1);
    s.ledger.trash_card(&s.toyo).unwrap();
    s.ledger.empty_trash().unwrap();
    let keys: i64 = s
        .ledger
        .connection()
        .query_row("SELECT count(*) FROM search_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(keys, 3, "only the three remaining cards keep index keys");
}

#[test]
fn query_syntax_is_text_and_nothing_searchable_finds_nothing() {
    let s = sample();
    for query in ["\"", "OR", "NEAR(", "*", "東洋 AND", "-", "   ", "%"] {
        s.ledger.search(query, 20).unwrap();
    }
    assert_eq!(find(&s.ledger, "\"東洋\"").cards.len(), 1);
    assert_eq!(find(&s.ledger, "- ()"), SearchResults::default());
}

#[test]
fn a_match_in_the_name_ranks_above_a_match_elsewhere() {
    let mut s = sample();
    let mut other = organisation("北海物産", "ホッカイブッサン");
    other.notes = "佐藤工業の紹介".into();
    s.ledger.create_card(&other).unwrap();
    assert_eq!(
        card_names(&find(&s.ledger, "佐藤")),
        ["佐藤工業", "北海物産"]
    );
}

#[test]
fn the_card_list_searches_the_same_index_best_match_first_with_the_match_marked() {
    use daicho_core::card_list::{CardQuery, CardSort};
    let mut s = sample();
    let mut other = organisation("北海物産", "ホッカイブッサン");
    other.notes = "佐藤工業の紹介".into();
    s.ledger.create_card(&other).unwrap();
    let page = s
        .ledger
        .list_cards(&CardQuery {
            text: "佐藤".into(),
            sort: CardSort::Relevance,
            limit: 50,
            ..CardQuery::default()
        })
        .unwrap();
    let names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["佐藤工業", "北海物産"],
        "the same order as the search box"
    );
    let first = page.rows[0].marks.as_ref().unwrap();
    assert_eq!(marked(&first.name), "[佐藤]工業");
    let second = page.rows[1].marks.as_ref().unwrap();
    assert_eq!(second.matched.as_ref().unwrap().field, "notes");
    let plain_list = s
        .ledger
        .list_cards(&CardQuery {
            limit: 50,
            ..CardQuery::default()
        })
        .unwrap();
    assert!(plain_list.rows.iter().all(|r| r.marks.is_none()));
}

//! Erasing for real: a deleted contact's or note's text, or the text of the cards in an emptied
//! trash, is nowhere in the ledger afterwards — not in any table, not in the history (which
//! keeps only that something was erased, by whom and when), not in the search index's words.

use daicho_core::card::{HistoryAction, HistoryEntity};
use daicho_core::contact::{ContactFields, ContactKind};
use daicho_core::notes::NoteFields;
use daicho_core::Ledger;

use super::{ledger, organisation};

/// Where `text` occurs in the ledger: every text column of every table, and the raw bytes of
/// the search indexes' own tables (their words are stored there, not in the text columns).
fn traces(l: &Ledger, text: &str) -> Vec<String> {
    let conn = l.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for column in columns {
            let n: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS BLOB), CAST(?1 AS BLOB)) > 0"),
                    [text],
                    |r| r.get(0),
                )
                .unwrap();
            if n > 0 {
                found.push(format!("{table}.{column}"));
            }
        }
    }
    found
}

/// A word no neighbour in the index shares more than its first letter with, so that the index's
/// prefix compression keeps the rest of it whole in its pages.
const CONTACT_WORD: &str = "qzjxvisitcanary";
const NOTE_WORD: &str = "qzkwnotecanary";
const KEPT_WORD: &str = "qzpykeptcanary";

fn contact(content: &str) -> ContactFields {
    ContactFields {
        kind: ContactKind::Visit,
        at: "2026-11-20T10:00".into(),
        content: content.into(),
        ..ContactFields::default()
    }
}

#[test]
fn an_erased_contact_or_note_leaves_no_trace_but_the_fact_of_its_erasure() {
    let mut l = ledger();
    let card = l
        .create_card(&organisation("消去テスト商事", "しょうきょ"))
        .unwrap();
    let visit = l
        .add_contact(&card.id, &contact(&format!("{CONTACT_WORD} 見積の話")))
        .unwrap();
    // Edited once: the history holds the old and the new text.
    let mut edited = visit.fields.clone();
    edited.outcome = format!("{CONTACT_WORD} 次回に回答");
    l.update_contact(&visit.id, visit.version, &edited).unwrap();
    let note = l
        .add_note(
            &card.id,
            &NoteFields {
                noted_on: "2026-11-20".into(),
                content: format!("{NOTE_WORD} 社長が交代するらしい"),
                ..NoteFields::default()
            },
        )
        .unwrap();
    // A contact deleted the usual way: its history keeps what it was, and the index its words.
    let kept = l.add_contact(&card.id, &contact(KEPT_WORD)).unwrap();
    l.delete_contact(&kept.id).unwrap();
    assert!(
        traces(&l, KEPT_WORD)
            .iter()
            .any(|t| t.starts_with("card_history")),
        "{:?}",
        traces(&l, KEPT_WORD)
    );
    assert!(
        traces(&l, &KEPT_WORD[2..])
            .iter()
            .any(|t| t.starts_with("contact_fts")),
        "{:?}",
        traces(&l, &KEPT_WORD[2..])
    );
    assert!(!traces(&l, CONTACT_WORD).is_empty());
    assert!(!traces(&l, NOTE_WORD).is_empty());

    l.erase_contact(&visit.id).unwrap();
    l.erase_note(&note.id).unwrap();
    for word in [CONTACT_WORD, NOTE_WORD] {
        assert_eq!(traces(&l, word), Vec::<String>::new(), "{word}");
        assert_eq!(
            traces(&l, &word[2..]),
            Vec::<String>::new(),
            "{word} in the search index"
        );
        assert!(l.search(word, 10).unwrap().contacts.is_empty());
    }
    // The history says that something was erased, by whom and when, and nothing else of it.
    let history = l.history(&card.id).unwrap();
    for entity in [HistoryEntity::Contact, HistoryEntity::Note] {
        let rows: Vec<_> = history
            .iter()
            .filter(|h| h.entity == entity && h.field == "erased")
            .collect();
        assert_eq!(rows.len(), 1, "{entity:?}");
        assert_eq!(rows[0].action, HistoryAction::Deleted);
        assert_eq!(rows[0].actor, "山田 太郎");
        assert_eq!(
            (
                rows[0].old_value.as_deref(),
                rows[0].new_value.as_deref(),
                rows[0].entity_label.as_str()
            ),
            (None, None, "")
        );
    }
    // The erased note's other rows went with it: the note was the card's only note.
    assert_eq!(
        history
            .iter()
            .filter(|h| h.entity == HistoryEntity::Note)
            .count(),
        1
    );
    assert_eq!(l.contacts(&card.id).unwrap().len(), 0);
}

#[test]
fn emptying_the_trash_for_real_erases_its_cards_everywhere() {
    let mut l = ledger();
    let gone = l
        .create_card(&organisation(&format!("{KEPT_WORD}商事"), ""))
        .unwrap();
    l.add_contact(&gone.id, &contact(CONTACT_WORD)).unwrap();
    let stays = l.create_card(&organisation("残る商事", "")).unwrap();
    l.trash_card(&gone.id).unwrap();
    assert_eq!(l.empty_trash_erasing().unwrap(), 1);
    for word in [KEPT_WORD, CONTACT_WORD] {
        assert_eq!(traces(&l, word), Vec::<String>::new(), "{word}");
        assert_eq!(
            traces(&l, &word[2..]),
            Vec::<String>::new(),
            "{word} in the search index"
        );
    }
    assert_eq!(l.card(&stays.id).unwrap().fields.name, "残る商事");
    assert_eq!(l.search("残る", 5).unwrap().cards.len(), 1);
}

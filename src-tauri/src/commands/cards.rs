//! Cards, key persons, history and the trash.

use daicho_core::card::checks::CardCheck;
use daicho_core::card::{Card, CardFields, HistoryEntry, KeyPerson, KeyPersonFields};
use daicho_core::card_list::{CardPage, CardQuery, Facets};
use daicho_core::custom_fields::{CustomField, CustomFieldDef, CustomValue};
use daicho_core::ids::CustomFieldId;
use daicho_core::ids::{CardId, KeyPersonId};
use daicho_core::links::{CardLinkFields, CardLinkKind, CardLinks};
use daicho_core::search::SearchResults;

commands! {
    fn cards_list(query: CardQuery) -> CardPage => |l| l.list_cards(&query);

    /// The search box: cards (best first), contacts and notes, the match marked.
    fn search(query: String, limit: u32) -> SearchResults => |l| l.search(&query, limit);

    fn cards_facets() -> Facets => |l| l.facets();

    fn card_get(id: CardId) -> Card => |l| l.card(&id);

    fn card_create(fields: CardFields) -> Card => |l| l.create_card(&fields);

    fn card_update(id: CardId, version: i32, fields: CardFields) -> Card => |l| l.update_card(&id, version, &fields);

    fn card_trash(id: CardId) -> Card => |l| l.trash_card(&id);

    fn card_restore(id: CardId) -> Card => |l| l.restore_card(&id);

    fn card_history(id: CardId) -> Vec<HistoryEntry> => |l| l.history(&id);

    /// The superior's checks of the card, the latest first.
    fn card_checks(id: CardId) -> Vec<CardCheck> => |l| l.card_checks(&id);

    /// Records the superior's check of the card, dated today.
    fn card_check(id: CardId, checker: String, comment: String) -> CardCheck => |l| l.check_card(&id, &checker, &comment);

    /// Customers the card is linked to, both ways, with its group's and household's sales.
    fn card_links(id: CardId) -> CardLinks => |l| l.card_links(&id);

    /// Sets the card's link of `kind` (replacing the one it had) or, with none, removes it.
    fn card_link_set(id: CardId, kind: CardLinkKind, link: Option<CardLinkFields>) -> CardLinks => |l| l.set_card_link(&id, kind, link.as_ref());

    fn key_person_add(card_id: CardId, fields: KeyPersonFields) -> KeyPerson => |l| l.add_key_person(&card_id, &fields);

    fn key_person_update(id: KeyPersonId, fields: KeyPersonFields) -> KeyPerson => |l| l.update_key_person(&id, &fields);

    fn key_person_delete(id: KeyPersonId) -> () => |l| l.delete_key_person(&id);
}

commands! {
    /// The fields of the rep's own, in order, with how many cards have a value for each.
    fn custom_fields() -> Vec<CustomField> => |l| l.custom_fields();

    fn custom_field_add(def: CustomFieldDef) -> CustomField => |l| l.add_custom_field(&def);

    fn custom_field_update(id: CustomFieldId, def: CustomFieldDef) -> CustomField => |l| l.update_custom_field(&id, &def);

    /// Moves the field one place up (-1) or down (1); returns the fields in their new order.
    fn custom_field_move(id: CustomFieldId, by: i32) -> Vec<CustomField> => |l| l.move_custom_field(&id, by);

    /// Deletes the field; each card's value stays in its history.
    fn custom_field_delete(id: CustomFieldId) -> () => |l| l.delete_custom_field(&id);

    /// Every field with the card's value (empty where it has none).
    fn card_custom_values(id: CardId) -> Vec<CustomValue> => |l| l.card_custom_values(&id);

    /// Sets the card's values of the given fields (empty clears), all or none.
    fn card_custom_values_set(id: CardId, values: Vec<CustomValue>) -> Vec<CustomValue> => |l| l.set_card_custom_values(&id, &values);
}

commands! {
    /// Deletes every card in the trash for good; with `erase`, their text goes from everywhere
    /// in the ledger too. Returns how many.
    fn trash_empty(erase: bool) -> u32 => |l| (if erase { l.empty_trash_erasing() } else { l.empty_trash() }).map(|n| n as u32);
}

/// An individual's display name from the family and given names, as people of `lang` write it.
#[tauri::command]
#[specta::specta]
pub fn person_name(family: String, given: String, lang: daicho_core::i18n::Lang) -> String {
    daicho_core::names::person_name(&family, &given, Some(lang), "")
}

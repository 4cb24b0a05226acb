//! Contact history of a card.

use daicho_core::contact::{Contact, ContactFields, ContactPage, FollowUps};
use daicho_core::ids::{CardId, ContactId};

commands! {
    /// The card's `limit` newest contacts and how many it has.
    fn contacts_list(card_id: CardId, limit: u32) -> ContactPage => |l| l.recent_contacts(&card_id, limit);

    fn contact_add(card_id: CardId, fields: ContactFields) -> Contact => |l| l.add_contact(&card_id, &fields);

    /// The same contact with each of the cards (a meeting or an event they came to), all or none.
    fn contact_add_many(card_ids: Vec<CardId>, fields: ContactFields) -> u32 => |l| l.add_contact_to_cards(&card_ids, &fields);

    fn contact_update(id: ContactId, version: i32, fields: ContactFields) -> Contact => |l| l.update_contact(&id, version, &fields);

    /// Marks the contact's next action done, or open again.
    fn contact_set_done(id: ContactId, done: bool) -> Contact => |l| l.set_next_action_done(&id, done);

    /// Every open next action across the ledger, grouped by when it is due.
    fn follow_ups_list() -> FollowUps => |l| l.follow_ups();

    /// How many follow-ups are overdue (the sidebar's count).
    fn follow_ups_overdue() -> u32 => |l| l.overdue_follow_ups();

    fn follow_up_reschedule(contact_id: ContactId, due: String) -> Contact => |l| l.reschedule_follow_up(&contact_id, &due);

    /// Marks the follow-up done, logging the contact that did it when one is given.
    fn follow_up_complete(contact_id: ContactId, log: Option<ContactFields>) -> Option<Contact> => |l| l.complete_follow_up(&contact_id, log.as_ref());
}

commands! {
    /// Deletes a contact; with `erase`, its text goes from the history and the search index too.
    fn contact_delete(id: ContactId, erase: bool) -> () => |l| if erase { l.erase_contact(&id) } else { l.delete_contact(&id) };
}

commands! {
    /// Reminders coming up, with the lead times and markets of Settings; the season's greetings
    /// of `lang` (the window's language) when no market is chosen.
    fn reminders_list(lang: daicho_core::i18n::Lang) -> daicho_core::reminders::Reminders => state |s| {
        let query = s.settings()?.reminder_query(lang);
        s.with_ledger(|l| l.reminders(&query))
    };

    /// Marks a reminder done for its day, or open again.
    fn reminder_set_done(kind: daicho_core::reminders::ReminderKind, subject: String, on: String, done: bool) -> () => |l| l.set_reminder_done(kind, &subject, &on, done);
}

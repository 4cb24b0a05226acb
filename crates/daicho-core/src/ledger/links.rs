//! Customers linked to customers: referrals, groups and households.

use crate::error::CardLinkError;
use crate::ids::CardId;
use crate::links::{self, CardLinkFields, CardLinkKind, CardLinks};

use super::Ledger;

impl Ledger {
    /// What the card is linked to, both ways, with its group's and household's sales.
    pub fn card_links(&self, card_id: &CardId) -> Result<CardLinks, CardLinkError> {
        crate::card::store::load(self.connection(), card_id)?;
        Ok(links::view::card_links(
            self.connection(),
            card_id,
            self.today(),
        )?)
    }

    /// Sets the card's link of `kind` (replacing the one it had) or, with `None`, removes it.
    pub fn set_card_link(
        &mut self,
        card_id: &CardId,
        kind: CardLinkKind,
        link: Option<&CardLinkFields>,
    ) -> Result<CardLinks, CardLinkError> {
        self.write(|tx, edit| links::store::set(tx, card_id, kind, link, edit))?;
        self.card_links(card_id)
    }
}

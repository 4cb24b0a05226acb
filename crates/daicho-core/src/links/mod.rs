//! Customers linked to customers: who referred whom (001 链式引荐法, 中心开花法), the branches and
//! group companies of one customer (002 お客様単位: the whole customer) and the members of a
//! household (001 家庭), with the group's sales rolled up.

pub(crate) mod error;
pub(crate) mod store;
pub mod view;

use serde::{Deserialize, Serialize};

use crate::card::{CardKind, CardStatus};
use crate::ids::CardId;

api_enum!(
    /// What a link says about the card it is on, towards the other card.
    CardLinkKind { ReferredBy = "referred_by", BranchOf = "branch_of", HouseholdOf = "household_of" }
);

/// A link as the rep sets it on a card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardLinkFields {
    pub kind: CardLinkKind,
    pub other_id: CardId,
    /// How they were introduced, or what the relationship is.
    #[serde(default)]
    pub note: String,
}

/// The card at the other end of a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LinkedCard {
    pub card_id: CardId,
    pub code: String,
    pub name: String,
    pub kind: CardKind,
    pub status: CardStatus,
    /// In the trash: shown, but not opened as a live card.
    pub in_trash: bool,
    pub note: String,
}

/// A member of a group or household with what they bought over the last twelve months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupMember {
    pub card: LinkedCard,
    /// Steps below the head (the head is 0).
    pub depth: u32,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub amount: i64,
}

/// A whole group (head office with its branches and group companies) or household: its head,
/// every member down the links, and their sales added up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GroupSales {
    pub kind: CardLinkKind,
    /// The first of the twelve months the amounts cover.
    pub from: String,
    pub members: Vec<GroupMember>,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub total: i64,
}

/// Everything a card is linked to, in both directions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CardLinks {
    pub referred_by: Option<LinkedCard>,
    pub branch_of: Option<LinkedCard>,
    pub household_of: Option<LinkedCard>,
    /// Who referred the referrer, and so on up: the chain that brought this customer, nearest
    /// first.
    pub referral_chain: Vec<LinkedCard>,
    /// The customers this one introduced directly.
    pub referred: Vec<LinkedCard>,
    /// Everyone down the chains this customer started (a centre of influence brings many).
    pub referred_in_all: u32,
    /// The group this card is part of (its head office's, or its own when it has branches).
    pub group: Option<GroupSales>,
    pub household: Option<GroupSales>,
}

/// Most links followed up or down one chain: a guard against a damaged file's loops, far beyond
/// any real referral chain or group.
pub const MAX_DEPTH: u32 = 50;

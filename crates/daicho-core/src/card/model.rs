//! The customer card as the UI and the CLI see it.

use serde::{Deserialize, Serialize};

api_enum!(
    /// Organisation (a company, a shop, a school...) or individual customer.
    CardKind { Organisation = "organisation", Individual = "individual" }
);
api_enum!(
    /// Where the customer stands: from prospect to lost.
    CardStatus { Prospect = "prospect", Active = "active", Dormant = "dormant", Lost = "lost" }
);
api_enum!(
    /// How the rep found the customer.
    LeadSource {
        ColdCanvass = "cold_canvass",
        ReferralChain = "referral_chain",
        CentreOfInfluence = "centre_of_influence",
        PersonalConnection = "personal_connection",
        OwnObservation = "own_observation",
        Introducer = "introducer",
        Advertising = "advertising",
        DeskResearch = "desk_research",
        InboundEnquiry = "inbound_enquiry",
        Other = "other",
    }
);
api_enum!(
    /// Where an individual gets information before buying.
    InfoSource {
        OwnExperience = "own_experience",
        Acquaintances = "acquaintances",
        Documents = "documents",
        Marketing = "marketing",
        Trial = "trial",
    }
);
api_enum!(
    /// How the customer sticks to a brand: set by the rep, suggested by the classification.
    Loyalty { Loyal = "loyal", Switcher = "switcher", NoLoyalty = "no_loyalty" }
);
api_enum!(
    /// A key person's part in the customer's buying decision.
    KeyRole {
        DecisionMaker = "decision_maker",
        Influencer = "influencer",
        Purchaser = "purchaser",
        User = "user",
        Gatekeeper = "gatekeeper",
    }
);

/// Everything a user types on a card. Used to create a card and, whole, to save an edit.
/// Dates are ISO `YYYY-MM-DD` strings, checked by the core.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CardFields {
    pub kind: CardKind,
    pub status: CardStatus,
    pub name: String,
    /// フリガナ / pinyin / romanisation: sorts the list.
    pub reading: String,
    /// For letters: 様, 御中, 先生, 님, Mr...
    pub honorific: String,
    /// Human customer code, unique in the ledger; generated when left empty.
    pub code: String,
    pub owner: String,
    pub lead_source: Option<LeadSource>,
    pub industry: String,
    pub tags: Vec<String>,
    /// The area a manager assigns the customer to (관리 지역): plans and breakdowns use it.
    pub territory: String,
    /// The sales or delivery route the customer is on (販売ルート, 배송 경로).
    pub route: String,
    pub postal_code: String,
    pub region: String,
    pub city: String,
    pub street: String,
    pub building: String,
    pub phones: Vec<String>,
    pub email: String,
    pub website: String,
    /// IDs on LINE, WeChat, KakaoTalk...
    pub messaging: Messaging,
    pub notes: String,
    /// When the first deal was made.
    pub first_deal_on: Option<String>,
    /// What triggered the first deal (an introduction, a trial, a competitor's failure...).
    pub first_deal_trigger: String,
    /// Credit, loyalty and the rep's judgement: what classification reads besides transactions.
    pub standing: Standing,
    /// Present on organisation cards.
    pub organisation: Option<OrganisationProfile>,
    /// Present on individual cards.
    pub individual: Option<IndividualProfile>,
}

impl Default for CardFields {
    fn default() -> Self {
        CardFields::new(CardKind::Organisation, "")
    }
}

impl CardFields {
    /// An empty prospect of `kind` with its matching empty profile.
    pub fn new(kind: CardKind, name: &str) -> Self {
        CardFields {
            kind,
            status: CardStatus::Prospect,
            name: name.to_owned(),
            reading: String::new(),
            honorific: String::new(),
            code: String::new(),
            owner: String::new(),
            lead_source: None,
            industry: String::new(),
            tags: Vec::new(),
            territory: String::new(),
            route: String::new(),
            postal_code: String::new(),
            region: String::new(),
            city: String::new(),
            street: String::new(),
            building: String::new(),
            phones: Vec::new(),
            email: String::new(),
            website: String::new(),
            messaging: Messaging::default(),
            notes: String::new(),
            first_deal_on: None,
            first_deal_trigger: String::new(),
            standing: Standing::default(),
            organisation: (kind == CardKind::Organisation).then(OrganisationProfile::default),
            individual: (kind == CardKind::Individual).then(IndividualProfile::default),
        }
    }
}

/// A customer's or key person's IDs on the messaging apps reps use with them (001 微信, 003 카톡):
/// empty where none is known. Which come first in the window depends on the market.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Messaging {
    pub line: String,
    pub wechat: String,
    pub qq: String,
    pub kakaotalk: String,
    pub whatsapp: String,
    pub weibo: String,
}

impl Messaging {
    /// Each channel with its ID, in a fixed order.
    pub fn channels(&self) -> [(&'static str, &str); 6] {
        [
            ("line", &self.line),
            ("wechat", &self.wechat),
            ("qq", &self.qq),
            ("kakaotalk", &self.kakaotalk),
            ("whatsapp", &self.whatsapp),
            ("weibo", &self.weibo),
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.channels().iter().all(|(_, id)| id.is_empty())
    }
}

/// A customer's credit and how the rep judges them. Scores run 1 (weak) to 5 (strong).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Standing {
    /// A grade on the user's credit scale (Settings: classification), e.g. "A".
    pub credit_rating: String,
    /// A credit bureau's score, 0 to 100.
    pub credit_score: Option<i32>,
    /// The most the customer may owe; sales and negotiations above it are flagged.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub credit_limit: Option<i64>,
    pub loyalty: Option<Loyalty>,
    /// How willingly they work with us.
    pub cooperation: Option<i32>,
    /// How far their word carries with other customers.
    pub influence: Option<i32>,
    /// How far they promote our brand to their own customers (003 브랜드 육성 능력), 1–5.
    pub brand_support: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
/// Whole numbers are below 2^53 (the core checks), so TypeScript sees them as plain numbers.
pub struct OrganisationProfile {
    pub representative: String,
    pub founded: Option<String>,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub capital: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub annual_sales: Option<i64>,
    pub annual_sales_year: Option<i32>,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub employees: Option<i64>,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub sites_count: Option<i64>,
    pub sites_where: String,
    pub fiscal_year_end_month: Option<i32>,
    pub main_banks: String,
    pub associations: String,
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub vehicles_count: Option<i64>,
    pub vehicles_dealer: String,
    /// Square metres.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub floor_area: Option<i64>,
    pub licence_number: String,
    pub licence_issued: Option<String>,
    pub licence_expires: Option<String>,
    /// The licence's yearly review (연심일): a reminder comes before it each year.
    pub licence_review_on: Option<String>,
    /// When our contract with the customer renews.
    pub contract_renews_on: Option<String>,
    pub payment_method: String,
    pub payment_terms: String,
    pub order_cycle: String,
    pub delivery_cycle: String,
    pub purchasing_policy: String,
    /// Decision route: who decides.
    pub decision_maker: String,
    /// Decision route: when and how to approach.
    pub decision_approach: String,
    /// The customer's next decision meeting (会議の開催時期).
    pub decision_meeting_on: Option<String>,
    /// What the company needs (002 ニーズ).
    pub needs: String,
    /// What troubles them most now (002 今一番困っていること): where a proposal starts.
    pub main_trouble: String,
    /// Where mail goes when it is not the card's address (a head office's purchasing
    /// department, a PO box), as it is to be written on the envelope, one line each.
    pub mailing_address: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct IndividualProfile {
    pub family_name: String,
    pub family_name_reading: String,
    pub given_name: String,
    pub given_name_reading: String,
    pub birthday: Option<String>,
    pub occupation: String,
    pub position: String,
    pub employer: String,
    pub family: String,
    pub income_band: String,
    pub interests: String,
    pub circumstances: String,
    /// Where mail goes when it is not the card's address, one line each.
    pub mailing_address: String,
    pub needs: String,
    pub info_sources: Vec<InfoSource>,
}

/// A stored card with its key persons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Card {
    pub id: crate::ids::CardId,
    /// Increases with every save; an edit based on an older version is refused.
    pub version: i32,
    pub created_at: String,
    pub updated_at: String,
    /// Set while the card is in the trash.
    pub deleted_at: Option<String>,
    pub fields: CardFields,
    pub key_persons: Vec<KeyPerson>,
    /// Complaints on this card not yet resolved (shown on the card's header).
    pub open_complaints: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct KeyPersonFields {
    pub name: String,
    pub reading: String,
    pub department: String,
    pub title: String,
    pub role: Option<KeyRole>,
    pub phone: String,
    pub email: String,
    pub messaging: Messaging,
    pub birthday: Option<String>,
    pub interests: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct KeyPerson {
    pub id: crate::ids::KeyPersonId,
    pub card_id: crate::ids::CardId,
    pub fields: KeyPersonFields,
}

/// One recorded change: who changed which field of the card or of a key person, when, from what to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryEntry {
    pub at: String,
    pub actor: String,
    pub entity: HistoryEntity,
    /// The key person's name when `entity` is a key person.
    pub entity_label: String,
    pub action: HistoryAction,
    /// Field path such as `organisation.capital`; empty for created/deleted/restored.
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

api_enum!(
    HistoryEntity {
        Card = "card",
        KeyPerson = "key_person",
        Contact = "contact",
        Note = "note",
        ProductUse = "product_use",
        Share = "share",
        Transaction = "transaction",
        Classification = "classification",
        Collection = "collection",
    }
);
api_enum!(
    HistoryAction { Created = "created", Changed = "changed", Deleted = "deleted", Restored = "restored" }
);

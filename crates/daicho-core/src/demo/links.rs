//! Customers linked to customers in the demo: group companies and branches named after their
//! head office, households, and referral chains in which a few centres of influence bring many.
//! Drawn from their own random stream, so that the cards stay those of the seed.

use std::collections::HashMap;

use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::card::store::Edit;
use crate::card::{CardFields, CardKind, CardStatus, LeadSource};
use crate::error::DemoError;
use crate::ids::CardId;
use crate::links::{self, CardLinkFields, CardLinkKind};

use super::names::{Market, CHINA, ENGLISH, KOREA};

/// A branch's name after its head office's, and what the links' notes say, in each market's words.
struct Words {
    branches: &'static [&'static str],
    /// Put between the head office's name and the branch's.
    joint: &'static str,
    branch_note: &'static str,
    household: &'static [&'static str],
    referral: &'static [&'static str],
}

const JA: Words = Words {
    branches: &[
        "大阪支店",
        "名古屋営業所",
        "福岡支店",
        "仙台営業所",
        "横浜工場",
    ],
    joint: " ",
    branch_note: "本社一括で価格交渉、発注は各拠点",
    household: &["妻", "長男", "父", "娘"],
    referral: &[
        "紹介状をいただいて訪問",
        "展示会で紹介された",
        "同業の集まりで紹介",
    ],
};
const ZH: Words = Words {
    branches: &["上海分公司", "广州分公司", "天津办事处", "成都分公司"],
    joint: "",
    branch_note: "总部统一采购谈判，各分公司分别下单",
    household: &["妻子", "儿子", "父亲", "女儿"],
    referral: &["老客户转介绍", "饭局上经朋友介绍", "行业协会会上介绍"],
};
const KO: Words = Words {
    branches: &["부산지점", "대구지점", "광주지점", "인천공장"],
    joint: " ",
    branch_note: "본사에서 일괄 단가 협상, 발주는 지점별",
    household: &["배우자", "장남", "부친", "딸"],
    referral: &[
        "기존 고객의 소개",
        "동창 모임에서 소개받음",
        "협회 모임에서 소개",
    ],
};
const EN: Words = Words {
    branches: &[
        "Chicago branch",
        "Boston office",
        "Dallas plant",
        "Seattle branch",
    ],
    joint: " – ",
    branch_note: "Head office negotiates prices; each site orders its own",
    household: &["spouse", "son", "father", "daughter"],
    referral: &[
        "introduced by a long-standing customer",
        "met through a referral at a trade show",
        "recommended at the chamber of commerce",
    ],
};

fn words(m: &Market) -> &'static Words {
    if std::ptr::eq(m, &CHINA) {
        &ZH
    } else if std::ptr::eq(m, &KOREA) {
        &KO
    } else if std::ptr::eq(m, &ENGLISH) {
        &EN
    } else {
        &JA
    }
}

/// A card made so far, with what decides the links it may take.
struct Made {
    id: CardId,
    name: String,
    reading: String,
    referrals: u32,
}

/// The links a new card will get once it is written.
pub struct Planned {
    links: Vec<(CardLinkKind, usize, String)>,
}

/// A market, by the address of its words (each market is one static).
type MarketKey = usize;

/// The cards made so far, and by market the ones a new card may link to, so that choosing
/// costs the same for the 100,000th card as for the first.
#[derive(Default)]
pub struct Linker {
    made: Vec<Made>,
    /// Head offices (organisations) and heads of households (individuals) not themselves linked.
    heads: HashMap<(MarketKey, bool), Vec<usize>>,
    cards: HashMap<MarketKey, Vec<usize>>,
    /// Cards that already brought someone.
    proven: HashMap<MarketKey, Vec<usize>>,
}

fn key(m: &'static Market) -> MarketKey {
    std::ptr::from_ref(m) as usize
}

impl Linker {
    /// Decides the new card's links and, for a branch, names it after its head office.
    pub fn plan(
        &self,
        rng: &mut ChaCha8Rng,
        m: &'static Market,
        fields: &mut CardFields,
    ) -> Planned {
        let w = words(m);
        let none = Vec::new();
        let org = fields.kind == CardKind::Organisation;
        let heads = self.heads.get(&(key(m), org)).unwrap_or(&none);
        let mut links = Vec::new();
        if !heads.is_empty() && rng.random_bool(0.08) {
            let head = heads[rng.random_range(0..heads.len())];
            if org {
                let branch = w.branches[rng.random_range(0..w.branches.len())];
                fields.name = format!("{}{}{}", self.made[head].name, w.joint, branch);
                // Read as the head office is, so that the two sort together.
                fields.reading = self.made[head].reading.clone();
                links.push((CardLinkKind::BranchOf, head, w.branch_note.to_owned()));
            } else {
                let who = w.household[rng.random_range(0..w.household.len())];
                links.push((CardLinkKind::HouseholdOf, head, who.to_owned()));
            }
        } else if fields.status != CardStatus::Prospect || rng.random_bool(0.5) {
            // A referral: most go to the few who already brought someone (centres of influence).
            let referrers = self.cards.get(&key(m)).unwrap_or(&none);
            if !referrers.is_empty() && rng.random_bool(0.14) {
                let proven = self.proven.get(&key(m)).unwrap_or(&none);
                let from = if !proven.is_empty() && rng.random_bool(0.6) {
                    proven[rng.random_range(0..proven.len())]
                } else {
                    referrers[rng.random_range(0..referrers.len())]
                };
                let how = w.referral[rng.random_range(0..w.referral.len())];
                fields.lead_source = Some(if self.made[from].referrals > 0 {
                    LeadSource::CentreOfInfluence
                } else {
                    LeadSource::ReferralChain
                });
                links.push((CardLinkKind::ReferredBy, from, how.to_owned()));
            }
        }
        Planned { links }
    }

    /// Writes the planned links of the card just written.
    pub fn made(
        &mut self,
        conn: &Connection,
        planned: Planned,
        id: &CardId,
        m: &'static Market,
        fields: &CardFields,
        edit: &Edit<'_>,
    ) -> Result<(), DemoError> {
        let mut head = true;
        for (kind, other, note) in planned.links {
            head &= kind == CardLinkKind::ReferredBy;
            if kind == CardLinkKind::ReferredBy {
                if self.made[other].referrals == 0 {
                    self.proven.entry(key(m)).or_default().push(other);
                }
                self.made[other].referrals += 1;
            }
            let link = CardLinkFields {
                kind,
                other_id: self.made[other].id.clone(),
                note,
            };
            links::store::set(conn, id, kind, Some(&link), edit).map_err(DemoError::from)?;
        }
        let at = self.made.len();
        self.made.push(Made {
            id: id.clone(),
            name: fields.name.clone(),
            reading: fields.reading.clone(),
            referrals: 0,
        });
        self.cards.entry(key(m)).or_default().push(at);
        if head {
            let org = fields.kind == CardKind::Organisation;
            self.heads.entry((key(m), org)).or_default().push(at);
        }
        Ok(())
    }
}

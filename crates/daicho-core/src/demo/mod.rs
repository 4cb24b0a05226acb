//! Demo ledgers: realistic cards for Japan, China, Korea and English-speaking markets, with
//! key persons, tags and some edit history. The same seed always gives the same ledger.

pub mod bulk;
mod competition;
mod customers;
pub(crate) mod error;
mod links;
mod names;
mod own_fields;
mod plan;
mod rivals;
mod sales;
mod week;

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::card::store::{self, Edit};
use crate::card::{
    CardFields, CardKind, CardStatus, IndividualProfile, InfoSource, KeyPersonFields, KeyRole,
    LeadSource, OrganisationProfile,
};
use crate::contact::{
    self, Complaint, ComplaintChannel, ComplaintState, ContactFields, ContactKind, DealResult,
    Negotiation,
};
use crate::error::DemoError;
use crate::i18n::Lang;
use crate::notes::{self, Certainty, Grade, NoteCategory, NoteFields, NoteMeans};
use crate::sales::summary::Period;
use crate::visit;
use crate::Ledger;
use names::{Market, Word, CHINA, ENGLISH, JAPAN, KOREA};

/// The four markets, in the order demo ledgers cycle through them.
pub(crate) const MARKETS: [&Market; 4] = [&JAPAN, &CHINA, &KOREA, &ENGLISH];

pub const DEFAULT_CARDS: u32 = 300;

/// Whose customers a demo holds, by the language of their market (ja: Japan, zh: China, ko:
/// Korea, en: English-speaking).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DemoMarkets {
    /// All four, Japan's most.
    #[default]
    All,
    /// One market's only.
    Only(Lang),
    /// Mostly one market's, the others' too: the window's demo, in the rep's language.
    Mostly(Lang),
}

impl DemoMarkets {
    /// `jp`, `cn`, `kr`, `en` or `all`, as `daicho demo --market` takes them.
    pub fn parse(text: &str) -> Option<DemoMarkets> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "all" => DemoMarkets::All,
            "jp" | "ja" => DemoMarkets::Only(Lang::Ja),
            "cn" | "zh" => DemoMarkets::Only(Lang::Zh),
            "kr" | "ko" => DemoMarkets::Only(Lang::Ko),
            "en" => DemoMarkets::Only(Lang::En),
            _ => return None,
        })
    }
}

/// Where `market` stands in [`MARKETS`] (the order of each market's supplies and exchange rate).
fn market_number(market: &Market) -> usize {
    MARKETS
        .iter()
        .position(|m| std::ptr::eq(m.rivals, market.rivals))
        .unwrap_or_default()
}

/// The market whose customers speak `lang`.
fn market_of(lang: Lang) -> &'static Market {
    match lang {
        Lang::Ja => &JAPAN,
        Lang::Zh => &CHINA,
        Lang::Ko => &KOREA,
        Lang::En => &ENGLISH,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct DemoConfig {
    pub cards: u32,
    pub seed: u64,
    /// The day the demo is made "as of": contacts lie before it, follow-ups and planned visits
    /// around it. `None` is a fixed day (for tests that compare ledgers); the window and `daicho
    /// demo` give today, so a fresh demo lives today.
    pub today: Option<NaiveDate>,
    pub markets: DemoMarkets,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            cards: DEFAULT_CARDS,
            seed: 1,
            today: None,
            markets: DemoMarkets::All,
        }
    }
}

/// Adds `config.cards` demo cards to the ledger in one transaction.
pub fn generate(ledger: &mut Ledger, config: DemoConfig) -> Result<(), DemoError> {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    // The competition side draws from its own stream, so that the cards stay those of the seed.
    let mut side = ChaCha8Rng::seed_from_u64(config.seed ^ 0xC0_4D_E7);
    // So do the sales.
    let mut money = ChaCha8Rng::seed_from_u64(config.seed ^ 0x5A1E5);
    // And the dates reminders come from (renewals, meetings, reviews, key persons' birthdays).
    let mut dates = ChaCha8Rng::seed_from_u64(config.seed ^ 0xDA7E5);
    // And the choice of market when one is preferred.
    let mut leaning = ChaCha8Rng::seed_from_u64(config.seed ^ 0x3A_4B);
    // And the rep's week: messaging IDs, messages, appointments, reviews of daily reports.
    let mut chat = ChaCha8Rng::seed_from_u64(config.seed ^ 0xC4A7);
    // And the sales plan's growth.
    let mut planning = ChaCha8Rng::seed_from_u64(config.seed ^ 0x91A4);
    // And the links between customers.
    let mut linking = ChaCha8Rng::seed_from_u64(config.seed ^ 0x11_4C);
    let mut linker = links::Linker::default();
    // A fixed "today", so that the same seed gives the same ledger whenever it is made.
    let day = config
        .today
        .unwrap_or(NaiveDate::from_ymd_opt(2026, 10, 30).unwrap_or_default());
    let today = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap_or_default());
    let tx = ledger.transaction()?;
    crate::db::set_aside::in_bulk(&tx, &[], || -> Result<(), DemoError> {
        let mut to_visit = Vec::new();
        let markets: Vec<&Market> = match config.markets {
            DemoMarkets::Only(lang) => vec![market_of(lang)],
            DemoMarkets::All | DemoMarkets::Mostly(_) => MARKETS.to_vec(),
        };
        let catalogued_at = stamp(today - Duration::days(400));
        let main_lang = match config.markets {
            DemoMarkets::Only(lang) | DemoMarkets::Mostly(lang) => lang,
            DemoMarkets::All => Lang::Ja,
        };
        // The ledger keeps the rep's own market's currency (won for a Korean rep's demo); every
        // other market's prices are converted into it.
        let ledger = match config.markets {
            DemoMarkets::Only(lang) | DemoMarkets::Mostly(lang) => market_number(market_of(lang)),
            DemoMarkets::All => 0,
        };
        crate::report::currency::save(&tx, sales::ledger_currency(ledger))?;
        let own = own_fields::OwnFields::define(
            &tx,
            main_lang,
            &Edit {
                at: &catalogued_at,
                actor: markets[0].owners[0],
            },
        )?;
        // The values of the rep's own fields draw from their own stream too.
        let mut owning = ChaCha8Rng::seed_from_u64(config.seed ^ 0x0F_1E);
        let mut catalogues = Vec::new();
        for market in &markets {
            let edit = Edit {
                at: &catalogued_at,
                actor: market.owners[0],
            };
            // English-speaking reps score out of ten.
            let ten_point = std::ptr::eq(*market, &ENGLISH);
            catalogues.push(competition::catalogue(
                &tx,
                market.rivals,
                (market_number(market), ledger),
                day,
                ten_point,
                &edit,
            )?);
        }
        let mut tellers: Vec<Vec<competition::Storyteller>> =
            markets.iter().map(|_| Vec::new()).collect();
        for _ in 0..config.cards {
            let drawn = *pick(
                &mut rng,
                &[
                    &JAPAN, &JAPAN, &JAPAN, &CHINA, &CHINA, &KOREA, &KOREA, &ENGLISH,
                ],
            );
            let market: &Market = match config.markets {
                DemoMarkets::All => drawn,
                DemoMarkets::Only(lang) => market_of(lang),
                DemoMarkets::Mostly(lang) if leaning.random_bool(0.6) => market_of(lang),
                DemoMarkets::Mostly(_) => drawn,
            };
            let owner = *pick(&mut rng, market.owners);
            let created =
                today - Duration::minutes(rng.random_range(60 * 24 * 30..60 * 24 * 365 * 3));
            let created_at = stamp(created);
            let edit = Edit {
                at: &created_at,
                actor: owner,
            };
            let mut fields = if rng.random_bool(0.7) {
                organisation(&mut rng, market, owner)
            } else {
                individual(&mut rng, market, owner)
            };
            if fields.status == CardStatus::Active && rng.random_bool(0.7) {
                let first = created + Duration::days(rng.random_range(7..90));
                fields.first_deal_on = Some(first.format("%Y-%m-%d").to_string());
                fields.first_deal_trigger =
                    (*pick(&mut rng, market.first_deal_triggers)).to_owned();
            }
            fields.standing = sales::standing(&mut money, fields.kind, fields.status, ledger);
            let mut persons = Vec::new();
            if fields.kind == CardKind::Organisation {
                for _ in 0..rng.random_range(1..=3) {
                    persons.push(key_person(&mut rng, market));
                }
            }
            reminder_dates(&mut dates, &mut fields, &mut persons, day);
            fields.messaging =
                week::messaging(&mut chat, market, fields.kind == CardKind::Individual);
            for person in &mut persons {
                person.messaging = week::messaging(&mut chat, market, true);
            }
            if let Some(org) = fields.organisation.as_mut() {
                if let Some((needs, trouble)) = week::needs_and_trouble(&mut chat, market) {
                    (org.needs, org.main_trouble) = (needs, trouble);
                }
            }
            let planned = linker.plan(&mut linking, market, &mut fields);
            let (card_id, people) = store::insert_with_key_persons(&tx, &fields, &persons, &edit)?;
            let card_id = crate::ids::CardId::from(card_id);
            linker.made(&tx, planned, &card_id, market, &fields, &edit)?;
            if fields.kind == CardKind::Organisation {
                own.fill(&tx, &mut owning, &card_id, day)?;
            }
            let catalogue = markets
                .iter()
                .position(|m| std::ptr::eq(m.rivals, market.rivals))
                .unwrap_or_default();
            sales::purchases(
                &tx,
                &mut money,
                &catalogues[catalogue],
                (market_number(market), ledger),
                &card_id,
                fields.kind,
                fields.status,
                fields
                    .first_deal_on
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                day,
                &edit,
            )?;
            if fields.kind == CardKind::Organisation && fields.status != CardStatus::Lost {
                let active = fields.status == CardStatus::Active;
                if side.random_bool(0.45) {
                    competition::products_in_use(
                        &tx,
                        &mut side,
                        &catalogues[catalogue],
                        &card_id,
                        active,
                        day,
                        &edit,
                    )?;
                }
                if active {
                    tellers[catalogue].push(competition::Storyteller {
                        card_id: card_id.clone(),
                        industry: fields.industry.clone(),
                        employees: fields.organisation.as_ref().and_then(|o| o.employees),
                    });
                }
            }
            for _ in 0..rng.random_range(0..=5) {
                let at = created + Duration::days(rng.random_range(0..600));
                if at < today {
                    let mut contact = contact(
                        &mut rng,
                        market,
                        owner,
                        &people,
                        at.naive_utc(),
                        today.naive_utc(),
                        ledger,
                    );
                    if contact.kind == ContactKind::Phone
                        && chat.random_bool(week::messages_instead_of_calls(market))
                    {
                        contact.kind = ContactKind::Message;
                        contact.duration_minutes = None;
                    }
                    let logged_at = stamp(at);
                    let edit = Edit {
                        at: &logged_at,
                        actor: owner,
                    };
                    contact::store::insert_on_new_card(&tx, &card_id, &contact, &people, &edit)?;
                }
            }
            // Some customers were seen lately: their follow-ups fall in the coming days.
            if rng.random_bool(0.2) {
                let at = today - Duration::days(rng.random_range(0..14)) - Duration::hours(2);
                if at > created {
                    let mut contact = contact(
                        &mut rng,
                        market,
                        owner,
                        &people,
                        at.naive_utc(),
                        today.naive_utc(),
                        ledger,
                    );
                    if contact.kind == ContactKind::Phone
                        && chat.random_bool(week::messages_instead_of_calls(market))
                    {
                        contact.kind = ContactKind::Message;
                        contact.duration_minutes = None;
                    }
                    let logged_at = stamp(at);
                    let edit = Edit {
                        at: &logged_at,
                        actor: owner,
                    };
                    contact::store::insert_on_new_card(&tx, &card_id, &contact, &people, &edit)?;
                }
            }
            for _ in 0..rng.random_range(0..=2) {
                let on = created + Duration::days(rng.random_range(0..600));
                if on < today {
                    let logged_at = stamp(on);
                    let edit = Edit {
                        at: &logged_at,
                        actor: owner,
                    };
                    let mut note = note(&mut rng, market, on.date_naive());
                    if note.category == NoteCategory::Competitor {
                        note.competitor_id =
                            Some(pick(&mut side, &catalogues[catalogue].rivals).clone());
                    }
                    notes::store::insert(&tx, &card_id, &note, &edit)?;
                }
            }
            if to_visit.len() < 12 && rng.random_bool(0.1) {
                to_visit.push((card_id.clone(), owner, market));
            }
            // Some later edits, so that history has something to show.
            if rng.random_bool(0.3) {
                let later = stamp(created + Duration::days(rng.random_range(1..30)));
                let mut changed = store::load(&tx, &card_id)?;
                changed.fields.status = *pick(&mut rng, CardStatus::ALL);
                changed.fields.phones.push(phone(&mut rng, market, true));
                store::update(
                    &tx,
                    &card_id,
                    changed.version,
                    &changed.fields,
                    &Edit {
                        at: &later,
                        actor: owner,
                    },
                )?;
            }
        }
        // A week of planned visits, Monday to Friday of the demo's week, two or three a day;
        // those of the days before today were made (most of them) and logged from the plan.
        let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        let planned_at = stamp(today - Duration::days(3));
        for (n, (card_id, owner, market)) in to_visit.iter().enumerate() {
            let on = monday + Duration::days((n % 5) as i64);
            let edit = Edit {
                at: &planned_at,
                actor: owner,
            };
            let purpose = *pick(&mut chat, market.purposes);
            visit::store::add(
                &tx,
                card_id,
                &on.format("%Y-%m-%d").to_string(),
                purpose,
                &edit,
            )?;
        }
        let edit = Edit {
            at: &planned_at,
            actor: markets[0].owners[0],
        };
        week::appointments(&tx, &mut chat, monday, monday + Duration::days(6), &edit)?;
        let (from, to) = (monday.to_string(), (day - Duration::days(1)).to_string());
        for planned in visit::store::plan(&tx, &from, &to).map_err(DemoError::from)? {
            let Some((_, owner, market)) = to_visit.iter().find(|(id, ..)| *id == planned.card_id)
            else {
                continue;
            };
            if !chat.random_bool(0.8) {
                continue;
            }
            let on = NaiveDate::parse_from_str(&planned.planned_on, "%Y-%m-%d").unwrap_or(day);
            let at = on.and_hms_opt(10, 0, 0).unwrap_or_default();
            let mut made = contact(&mut chat, market, owner, &[], at, today.naive_utc(), ledger);
            made.kind = ContactKind::Visit;
            made.complaint = None;
            made.negotiation = None;
            made.at = format!(
                "{}T{}",
                planned.planned_on,
                planned.starts_at.as_deref().unwrap_or("10:00")
            );
            made.purpose = planned.purpose.clone();
            let logged_at = stamp(Utc.from_utc_datetime(&at));
            let edit = Edit {
                at: &logged_at,
                actor: owner,
            };
            visit::store::log(&tx, &planned.id, &made, &edit).map_err(DemoError::from)?;
        }
        // Each card's latest contact and visit, once all are in; each paid sale's payment.
        contact::store::refresh_all_last_contacts(&tx)?;
        tx.execute(crate::sales::payments::FROM_PAID_AMOUNTS, [])?;
        let review_lang = match config.markets {
            DemoMarkets::Only(lang) | DemoMarkets::Mostly(lang) => lang,
            DemoMarkets::All => Lang::Ja,
        };
        week::reviews(&tx, &mut chat, review_lang, day, &edit)?;
        week::card_checks(&tx, &mut chat, review_lang, day, &edit)?;
        plan::plans(&tx, &mut planning, review_lang, day, &edit)?;
        for ((catalogue, tellers), market) in catalogues.iter().zip(&tellers).zip(markets) {
            let edit = Edit {
                at: &planned_at,
                actor: market.owners[0],
            };
            competition::cases(&tx, catalogue, tellers, day, &edit)?;
        }
        Ok(())
    })?;
    tx.commit()?;
    // Cards arrive classified, as after a manager's monthly run.
    ledger.reclassify(Period::year_to(day))?;
    Ok(())
}

/// How a note was heard: hearsay in passing, the rest across the table.
fn situation(m: &Market, hearsay: bool) -> &'static str {
    match (m.mobile_prefix, hearsay) {
        ("090", true) => "商談後の雑談で、担当者がぽろっと口にした",
        ("090", false) => "定例の打合せで、資料を見ながら説明を受けた",
        ("138", true) => "饭局上闲聊时听对方提起",
        ("138", false) => "正式会谈中对方出示资料说明",
        ("010", true) => "미팅 후 잡담 중에 담당자가 흘린 말",
        ("010", false) => "정기 미팅에서 자료와 함께 설명을 들음",
        (_, true) => "mentioned in passing over coffee after the meeting",
        (_, false) => "explained in a scheduled meeting, with documents",
    }
}

/// Dates that bring reminders, around the demo's day: some organisations' contracts renew and
/// their decision meetings fall in the coming weeks, some licences have a yearly review, and
/// about half the key persons have their birthday on file.
fn reminder_dates(
    rng: &mut ChaCha8Rng,
    fields: &mut CardFields,
    persons: &mut [KeyPersonFields],
    day: NaiveDate,
) {
    let ahead = |rng: &mut ChaCha8Rng, days: i64| {
        Some(
            (day + Duration::days(rng.random_range(-3..days)))
                .format("%Y-%m-%d")
                .to_string(),
        )
    };
    if let Some(org) = fields.organisation.as_mut() {
        if rng.random_bool(0.12) {
            org.contract_renews_on = ahead(rng, 120);
        }
        if rng.random_bool(0.15) {
            org.decision_meeting_on = ahead(rng, 45);
        }
        if rng.random_bool(0.2) {
            let years = Duration::days(365 * rng.random_range(1..8));
            org.licence_review_on = ahead(rng, 365)
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                .map(|d| (d - years).format("%Y-%m-%d").to_string());
        }
    }
    for person in persons {
        if rng.random_bool(0.5) {
            person.birthday = NaiveDate::from_ymd_opt(
                rng.random_range(1955..1999),
                rng.random_range(1..=12),
                rng.random_range(1..=28),
            )
            .map(|d| d.format("%Y-%m-%d").to_string());
        }
    }
}

/// A piece of intelligence as reps write it: often hearsay, now and then urgent.
fn note(rng: &mut ChaCha8Rng, m: &Market, on: NaiveDate) -> NoteFields {
    let (category, content, hearsay) = *pick(rng, m.notes);
    let (who, place) = *pick(rng, m.note_sources);
    let certainty = if hearsay || rng.random_bool(0.1) {
        Certainty::Speculation
    } else {
        Certainty::Fact
    };
    NoteFields {
        noted_on: on.format("%Y-%m-%d").to_string(),
        category,
        source_who: who.to_owned(),
        source_where: place.to_owned(),
        situation: situation(m, hearsay).to_owned(),
        means: Some(*pick(rng, NoteMeans::ALL)),
        content: content.to_owned(),
        certainty,
        reliability: *pick(rng, Grade::ALL),
        importance: *pick(rng, Grade::ALL),
        urgency: *pick(
            rng,
            &[Grade::Low, Grade::Medium, Grade::Medium, Grade::High],
        ),
        find_out_next: if certainty == Certainty::Speculation {
            (*pick(rng, m.note_next)).to_owned()
        } else {
            String::new()
        },
        share: rng.random_bool(0.2),
        ..NoteFields::default()
    }
}

fn stamp(at: chrono::DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn status(rng: &mut ChaCha8Rng) -> CardStatus {
    match rng.random_range(0..20) {
        0..=8 => CardStatus::Active,
        9..=14 => CardStatus::Prospect,
        15..=17 => CardStatus::Dormant,
        _ => CardStatus::Lost,
    }
}

fn person_name(rng: &mut ChaCha8Rng, m: &Market) -> (Word, Word, String, String) {
    let family = *pick(rng, m.family_names);
    let given = *pick(rng, m.given_names);
    let (name, reading) = if m.family_name_first {
        // Japanese names are written with a space, Chinese and Korean ones without.
        let sep = if m.mobile_prefix == JAPAN.mobile_prefix {
            " "
        } else {
            ""
        };
        (
            format!("{}{sep}{}", family.0, given.0),
            format!("{} {}", family.1, given.1),
        )
    } else {
        (
            format!("{} {}", given.0, family.0),
            format!("{} {}", family.1, given.1),
        )
    };
    (family, given, name, reading)
}

fn phone(rng: &mut ChaCha8Rng, m: &Market, mobile: bool) -> String {
    let area = pick(rng, m.places).3;
    phone_in(rng, m, area, mobile)
}

fn phone_in(rng: &mut ChaCha8Rng, m: &Market, area: &str, mobile: bool) -> String {
    let (a, b) = (rng.random_range(1000..9999), rng.random_range(1000..9999));
    match (mobile, m.mobile_prefix) {
        (true, "138") => format!("138{a}{b}"),
        (true, prefix) if !prefix.is_empty() => format!("{prefix}-{a}-{b}"),
        _ if m.mobile_prefix.is_empty() => {
            format!("+1 {area}-555-{:04}", rng.random_range(100..200))
        }
        _ if m.mobile_prefix == "138" => format!("{area}-{a}{b}"),
        _ => format!("{area}-{a}-{b}"),
    }
}

fn postal_code(rng: &mut ChaCha8Rng, m: &Market) -> String {
    match m.mobile_prefix {
        "090" => format!(
            "{:03}-{:04}",
            rng.random_range(100..999),
            rng.random_range(0..9999)
        ),
        "138" => format!("{:06}", rng.random_range(100000..999999)),
        _ => format!("{:05}", rng.random_range(10000..99999)),
    }
}

/// Fills the address and returns the place's phone area code.
fn address(rng: &mut ChaCha8Rng, m: &Market, fields: &mut CardFields) -> &'static str {
    let place = *pick(rng, m.places);
    fields.region = place.0.to_owned();
    fields.city = place.1.to_owned();
    let (a, b) = (rng.random_range(1..9), rng.random_range(1..40));
    fields.street = match m.mobile_prefix {
        "090" => format!("{}{a}-{b}-{}", place.2, rng.random_range(1..20)),
        "138" => format!("{}{}号", place.2, rng.random_range(1..999)),
        "010" => format!("{} {}", place.2, rng.random_range(1..300)),
        _ => format!("{} {}", rng.random_range(100..9999), place.2),
    };
    fields.postal_code = postal_code(rng, m);
    place.3
}

pub(crate) fn organisation(rng: &mut ChaCha8Rng, m: &Market, owner: &str) -> CardFields {
    let (stem_at, kind_at) = (
        rng.random_range(0..m.company_stems.len()),
        rng.random_range(0..m.company_kinds.len()),
    );
    let (stem, kind) = (m.company_stems[stem_at], m.company_kinds[kind_at]);
    // Domains are Latin: Japanese readings are katakana, so those markets carry romanised words.
    let latin = |words: &[&'static str], at: usize, reading: &str| {
        words
            .get(at)
            .map_or_else(|| reading.to_lowercase(), |w| (*w).to_owned())
    };
    let (stem_latin, kind_latin) = (
        latin(m.latin_stems, stem_at, stem.1),
        latin(m.latin_kinds, kind_at, kind.1),
    );
    let (name, reading) = match m.mobile_prefix {
        "090" if rng.random_bool(0.5) => (
            format!("株式会社{}{}", stem.0, kind.0),
            format!("{}{}", stem.1, kind.1),
        ),
        "090" if rng.random_bool(0.3) => (
            format!("{}{}有限会社", stem.0, kind.0),
            format!("{}{}", stem.1, kind.1),
        ),
        "090" => (
            format!("{}{}株式会社", stem.0, kind.0),
            format!("{}{}", stem.1, kind.1),
        ),
        "138" => {
            let city = pick(rng, &["上海", "北京", "深圳", "杭州", "苏州"]);
            (
                format!("{city}{}{}有限公司", stem.0, kind.0),
                format!("{} {}", stem.1, kind.1),
            )
        }
        "010" if rng.random_bool(0.5) => (
            format!("(주){}{}", stem.0, kind.0),
            format!("{} {}", stem.1, kind.1),
        ),
        "010" => (
            format!("주식회사 {}{}", stem.0, kind.0),
            format!("{} {}", stem.1, kind.1),
        ),
        _ => {
            let legal = pick(rng, &["Inc.", "Ltd.", "LLC", "Co."]);
            (
                format!("{} {} {legal}", stem.0, kind.0),
                format!("{} {}", stem.1, kind.1),
            )
        }
    };
    let mut fields = common(rng, m, CardKind::Organisation, name, reading, owner);
    fields.honorific = m.honorific_org.to_owned();
    fields.website = format!("https://www.{stem_latin}-{kind_latin}.example");
    fields.email = format!("info@{stem_latin}-{kind_latin}.example");
    let employees = rng.random_range(5..3000);
    let representative = person_name(rng, m).2;
    let founded = NaiveDate::from_ymd_opt(
        rng.random_range(1950..2022),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
    );
    fields.organisation = Some(OrganisationProfile {
        representative: representative.clone(),
        founded: founded.map(|d| d.format("%Y-%m-%d").to_string()),
        capital: Some(rng.random_range(10..5000) * 1_000_000),
        annual_sales: Some(employees * rng.random_range(10..40) * 1_000_000),
        annual_sales_year: Some(2025),
        employees: Some(employees),
        sites_count: Some(rng.random_range(1..12)),
        fiscal_year_end_month: Some(*pick(rng, &[3, 12, 6, 9])),
        payment_terms: (*pick(rng, m.payment_terms)).to_owned(),
        decision_maker: representative,
        ..OrganisationProfile::default()
    });
    fields
}

pub(crate) fn individual(rng: &mut ChaCha8Rng, m: &Market, owner: &str) -> CardFields {
    let (family, given, name, reading) = person_name(rng, m);
    let mut fields = common(rng, m, CardKind::Individual, name, reading, owner);
    fields.honorific = m.honorific_person.to_owned();
    fields.email = if given.1.is_ascii() {
        format!(
            "{}.{}@mail.example",
            given.1.to_lowercase(),
            family.1.to_lowercase()
        )
    } else {
        format!("user{:05}@mail.example", rng.random_range(0..100_000))
    };
    let birthday = NaiveDate::from_ymd_opt(
        rng.random_range(1950..2002),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
    );
    fields.individual = Some(IndividualProfile {
        family_name: family.0.to_owned(),
        family_name_reading: family.1.to_owned(),
        given_name: given.0.to_owned(),
        given_name_reading: given.1.to_owned(),
        birthday: birthday.map(|d| d.format("%Y-%m-%d").to_string()),
        occupation: (*pick(rng, m.industries)).to_owned(),
        info_sources: vec![*pick(rng, InfoSource::ALL)],
        ..IndividualProfile::default()
    });
    fields
}

fn common(
    rng: &mut ChaCha8Rng,
    m: &Market,
    kind: CardKind,
    name: String,
    reading: String,
    owner: &str,
) -> CardFields {
    let mut fields = CardFields::new(kind, &name);
    fields.reading = reading;
    fields.status = status(rng);
    fields.owner = owner.to_owned();
    fields.lead_source = Some(*pick(rng, LeadSource::ALL));
    fields.industry = (*pick(rng, m.industries)).to_owned();
    if rng.random_bool(0.5) {
        fields.tags = vec![(*pick(rng, m.tags)).to_owned()];
    }
    let area = address(rng, m, &mut fields);
    fields.territory = plan::territory(&fields.region).to_owned();
    fields.route = plan::route(m, &fields.city);
    fields.phones = vec![phone_in(rng, m, area, kind == CardKind::Individual)];
    fields
}

pub(crate) fn key_person(rng: &mut ChaCha8Rng, m: &Market) -> KeyPersonFields {
    let (_, _, name, reading) = person_name(rng, m);
    let (department, title) = *pick(rng, m.titles);
    KeyPersonFields {
        name,
        reading,
        department: department.to_owned(),
        title: title.to_owned(),
        role: Some(*pick(rng, KeyRole::ALL)),
        phone: phone(rng, m, true),
        ..KeyPersonFields::default()
    }
}

/// A contact as reps record them: mostly visits and calls, some complaints and negotiations;
/// recent ones often still have their next action open.
pub(crate) fn contact(
    rng: &mut ChaCha8Rng,
    m: &Market,
    rep: &str,
    people: &[crate::ids::KeyPersonId],
    at: chrono::NaiveDateTime,
    today: chrono::NaiveDateTime,
    ledger: usize,
) -> ContactFields {
    let kind = *pick(
        rng,
        &[
            ContactKind::Visit,
            ContactKind::Visit,
            ContactKind::Visit,
            ContactKind::Phone,
            ContactKind::Phone,
            ContactKind::Email,
            ContactKind::Meeting,
            ContactKind::Complaint,
            ContactKind::Negotiation,
            ContactKind::Service,
            ContactKind::Training,
        ],
    );
    let at = at
        .date()
        .and_hms_opt(rng.random_range(9..18), *pick(rng, &[0, 15, 30, 45]), 0)
        .unwrap_or(at);
    let mut fields = ContactFields {
        kind,
        at: at.format("%Y-%m-%dT%H:%M").to_string(),
        duration_minutes: Some(*pick(rng, &[10, 15, 30, 45, 60, 90])),
        participants: people
            .iter()
            .take(rng.random_range(0..=people.len().min(2)))
            .cloned()
            .collect(),
        rep: rep.to_owned(),
        purpose: (*pick(rng, m.purposes)).to_owned(),
        outcome: (*pick(rng, m.outcomes)).to_owned(),
        ..ContactFields::default()
    };
    if rng.random_bool(0.6) {
        let due = at.date() + Duration::days(rng.random_range(1..21));
        fields.next_action = (*pick(rng, m.next_actions)).to_owned();
        fields.next_action_due = Some(due.format("%Y-%m-%d").to_string());
        if due < today.date() - Duration::days(7) || rng.random_bool(0.3) {
            fields.next_action_done_at = Some(format!("{}T18:00:00.000Z", due.format("%Y-%m-%d")));
        }
    }
    match kind {
        ContactKind::Complaint => {
            let old = at < today - Duration::days(30);
            let state = if old {
                ComplaintState::Resolved
            } else {
                *pick(rng, ComplaintState::ALL)
            };
            fields.content = (*pick(rng, m.complaints)).to_owned();
            fields.complaint = Some(Complaint {
                channel: Some(*pick(rng, ComplaintChannel::ALL)),
                state: Some(state),
                action_taken: if state == ComplaintState::Open {
                    String::new()
                } else {
                    (*pick(rng, m.complaint_actions)).to_owned()
                },
                resolved_on: (state == ComplaintState::Resolved).then(|| {
                    (at.date() + Duration::days(rng.random_range(1..10)))
                        .format("%Y-%m-%d")
                        .to_string()
                }),
            });
        }
        ContactKind::Negotiation => {
            let decision = at.date() + Duration::days(rng.random_range(14..90));
            // A deal whose decision day has passed was mostly decided, one way or the other.
            let result = (decision < today.date())
                .then(|| {
                    *pick(
                        rng,
                        &[
                            Some(DealResult::Won),
                            Some(DealResult::Won),
                            Some(DealResult::Lost),
                            None,
                        ],
                    )
                })
                .flatten();
            fields.negotiation = Some(Negotiation {
                stage: (*pick(rng, m.negotiation_stages)).to_owned(),
                amount: Some(sales::in_ledger_currency(
                    0,
                    ledger,
                    rng.random_range(5..500) * 100_000,
                )),
                decision_date: Some(decision.format("%Y-%m-%d").to_string()),
                result,
                result_note: String::new(),
            });
        }
        _ => {}
    }
    fields
}

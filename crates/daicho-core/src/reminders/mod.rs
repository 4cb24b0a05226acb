//! Reminders that come to the rep: birthdays of individual customers and key persons, the
//! anniversary of the first deal, a licence's yearly review, the customer's fiscal year end (the
//! budget visit before it), contract renewals (ours and competitors'), the customer's decision
//! meeting, and the season's greetings of each market. The fiscal year end comes up for
//! customers of class A only. Each kind is listed from its own lead
//! time before the day until a week after it, unless marked done for that day.

pub(crate) mod error;
mod occurs;
pub(crate) mod store;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

pub use error::ReminderError;
pub use occurs::Greeting;

use crate::card::CardKind;
use crate::i18n::Lang;
use occurs::{each_year_between, yearly_in};

api_enum!(
    /// What a reminder is about.
    ReminderKind {
        Birthday = "birthday",
        Anniversary = "anniversary",
        LicenceReview = "licence_review",
        FiscalYearEnd = "fiscal_year_end",
        ContractRenewal = "contract_renewal",
        CompetitorRenewal = "competitor_renewal",
        DecisionMeeting = "decision_meeting",
        Greeting = "greeting"
    }
);

/// How many days ahead each kind of reminder comes up (Settings). Competitors' renewals follow
/// the renewal horizon of Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ReminderLeads {
    pub birthday: u32,
    pub anniversary: u32,
    pub licence_review: u32,
    pub fiscal_year_end: u32,
    pub contract_renewal: u32,
    pub decision_meeting: u32,
    pub greeting: u32,
}

impl Default for ReminderLeads {
    fn default() -> Self {
        ReminderLeads {
            birthday: 7,
            anniversary: 14,
            licence_review: 30,
            fiscal_year_end: 60,
            contract_renewal: 60,
            decision_meeting: 14,
            greeting: 21,
        }
    }
}

/// The longest lead time: half a year.
pub const MAX_LEAD_DAYS: u32 = 180;
/// A reminder whose day has passed stays this many days unless done.
pub const GRACE_DAYS: i64 = 7;

impl ReminderLeads {
    pub fn all(&self) -> [(&'static str, u32); 7] {
        [
            ("birthday", self.birthday),
            ("anniversary", self.anniversary),
            ("licence_review", self.licence_review),
            ("fiscal_year_end", self.fiscal_year_end),
            ("contract_renewal", self.contract_renewal),
            ("decision_meeting", self.decision_meeting),
            ("greeting", self.greeting),
        ]
    }

    /// The same lead for every kind (`daicho reminders --days N`).
    pub fn uniform(days: u32) -> ReminderLeads {
        ReminderLeads {
            birthday: days,
            anniversary: days,
            licence_review: days,
            fiscal_year_end: days,
            contract_renewal: days,
            decision_meeting: days,
            greeting: days,
        }
    }
}

/// What to look for: the lead times, the competitors' renewal horizon and the markets whose
/// greetings the rep keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderQuery {
    pub leads: ReminderLeads,
    pub renewal_days: u32,
    pub greetings: Vec<Lang>,
}

/// One reminder: a day coming (or just passed) and who it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reminder {
    pub kind: ReminderKind,
    /// What it is about (a card, a key person, a product in use, a greeting), with `kind` and
    /// `on` the reminder's key.
    pub subject: String,
    pub on: String,
    /// Days from today to the day; negative once it has passed.
    pub days: i32,
    pub card_id: Option<crate::ids::CardId>,
    pub card_name: String,
    pub card_code: String,
    /// The key person whose birthday it is.
    pub person: String,
    /// The product renewing (competitors' contracts).
    pub detail: String,
    /// The age on a birthday whose year is known, the years since the first deal.
    pub years: Option<u32>,
    pub greeting: Option<Greeting>,
}

/// The reminders open from today, soonest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reminders {
    pub items: Vec<Reminder>,
    /// How many fall today or have passed (the sidebar's count).
    pub due: u32,
}

/// The card a reminder is about.
struct Subject {
    id: String,
    card_id: String,
    card_name: String,
    card_code: String,
    person: String,
}

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Every open reminder of live cards (not lost) and of the chosen markets' seasons.
pub fn list(
    conn: &Connection,
    today: NaiveDate,
    query: &ReminderQuery,
) -> Result<Reminders, ReminderError> {
    let from = today - Duration::days(GRACE_DAYS);
    let until = |lead: u32| today + Duration::days(i64::from(lead.min(MAX_LEAD_DAYS)));
    let leads = &query.leads;
    let mut items = Vec::new();
    let mut push = |kind, s: &Subject, on: NaiveDate, years: Option<u32>, detail: String| {
        items.push(Reminder {
            kind,
            subject: s.id.clone(),
            on: on.format("%Y-%m-%d").to_string(),
            days: i32::try_from((on - today).num_days()).unwrap_or_default(),
            card_id: Some(s.card_id.clone().into()),
            card_name: s.card_name.clone(),
            card_code: s.card_code.clone(),
            person: s.person.clone(),
            detail,
            years,
            greeting: None,
        });
    };
    let yearly =
        |date: NaiveDate, lead: u32| each_year_between(from, until(lead), |y| yearly_in(date, y));
    let years_since = |start: NaiveDate, on: NaiveDate| {
        u32::try_from(chrono::Datelike::year(&on) - chrono::Datelike::year(&start)).ok()
    };
    let lead_of = |kind| match kind {
        ReminderKind::Birthday => leads.birthday,
        ReminderKind::Anniversary => leads.anniversary,
        ReminderKind::LicenceReview => leads.licence_review,
        ReminderKind::ContractRenewal => leads.contract_renewal,
        ReminderKind::DecisionMeeting => leads.decision_meeting,
        _ => leads.fiscal_year_end,
    };
    // The days each date brings a reminder on, from `from` to its kind's lead: yearly dates
    // come back each year, a renewal or a meeting falls once.
    let days_of = |kind, date: NaiveDate| match kind {
        ReminderKind::ContractRenewal | ReminderKind::DecisionMeeting => {
            if (from..=until(lead_of(kind))).contains(&date) {
                vec![date]
            } else {
                Vec::new()
            }
        }
        _ => yearly(date, lead_of(kind)),
    };
    let fiscal_days = |month: u32| {
        each_year_between(from, until(leads.fiscal_year_end), |y| {
            NaiveDate::from_ymd_opt(y, month, 1)
        })
    };
    let class_a = class_a(conn)?;
    let dated = dated(
        conn,
        &|kind, date| !days_of(kind, date).is_empty(),
        &|card, month| class_a.contains(card) && !fiscal_days(month).is_empty(),
    )?;
    for (kind, s, date) in dated.dates {
        for on in days_of(kind, date) {
            match kind {
                // A birthday kept without its year (stored as 1900 or 1904) has no age.
                ReminderKind::Birthday => {
                    let age =
                        years_since(date, on).filter(|_| chrono::Datelike::year(&date) > 1904);
                    push(kind, &s, on, age, String::new());
                }
                ReminderKind::Anniversary => {
                    let years = years_since(date, on).filter(|y| *y > 0);
                    if years.is_some() {
                        push(kind, &s, on, years, String::new());
                    }
                }
                _ => push(kind, &s, on, None, String::new()),
            }
        }
    }
    for (s, month) in dated.fiscal_months {
        for on in fiscal_days(month) {
            push(ReminderKind::FiscalYearEnd, &s, on, None, String::new());
        }
    }
    let horizon = today + Duration::days(i64::from(query.renewal_days));
    for (s, on, product, ours) in product_renewals(conn, from, horizon)? {
        if let Some(on) = day(&on) {
            let kind = if ours {
                ReminderKind::ContractRenewal
            } else {
                ReminderKind::CompetitorRenewal
            };
            push(kind, &s, on, None, product);
        }
    }
    let mut markets = query.greetings.clone();
    markets.dedup();
    for lang in markets {
        for greeting in Greeting::of_market(lang) {
            for on in each_year_between(from, until(leads.greeting), |y| greeting.day_in(y)) {
                items.push(Reminder {
                    kind: ReminderKind::Greeting,
                    subject: greeting.as_str().to_owned(),
                    on: on.format("%Y-%m-%d").to_string(),
                    days: i32::try_from((on - today).num_days()).unwrap_or_default(),
                    card_id: None,
                    card_name: String::new(),
                    card_code: String::new(),
                    person: String::new(),
                    detail: String::new(),
                    years: None,
                    greeting: Some(*greeting),
                });
            }
        }
    }
    let done = store::done_since(conn, from)?;
    items
        .retain(|r| !done.contains(&(r.kind.as_str().to_owned(), r.subject.clone(), r.on.clone())));
    items.sort_by(|a, b| {
        (&a.on, a.kind, &a.card_name, &a.person, &a.subject).cmp(&(
            &b.on,
            b.kind,
            &b.card_name,
            &b.person,
            &b.subject,
        ))
    });
    let due = items.iter().filter(|r| r.days <= 0).count() as u32;
    Ok(Reminders { items, due })
}

/// The card of a row beginning with its id, name and code: the reminder is about the card.
fn card_subject(r: &rusqlite::Row<'_>) -> rusqlite::Result<Subject> {
    let id: String = r.get(0)?;
    Ok(Subject {
        card_id: id.clone(),
        id,
        card_name: r.get(1)?,
        card_code: r.get(2)?,
        person: String::new(),
    })
}

/// Live cards not lost.
const LIVE: &str = "c.deleted_at IS NULL AND c.status <> 'lost'";

/// The dates kept on live cards that reminders come from (and the month a fiscal year ends),
/// with what a reminder shows of the card: read from the index of schema 26 alone (its
/// expressions and condition must stay those of the index, letter for letter).
pub const CARD_DATES: &str = "SELECT id, name, code, kind, first_deal_on,
        CASE WHEN json_valid(individual) THEN individual ->> '$.birthday' END,
        CASE WHEN json_valid(organisation) THEN organisation ->> '$.licence_review_on' END,
        CASE WHEN json_valid(organisation) THEN organisation ->> '$.contract_renews_on' END,
        CASE WHEN json_valid(organisation) THEN organisation ->> '$.decision_meeting_on' END,
        CASE WHEN json_valid(organisation) THEN organisation ->> '$.fiscal_year_end_month' END
    FROM cards INDEXED BY cards_reminder_dates
    WHERE deleted_at IS NULL AND status <> 'lost' AND (first_deal_on IS NOT NULL
        OR (CASE WHEN json_valid(individual) THEN individual ->> '$.birthday' END) IS NOT NULL
        OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.licence_review_on' END) IS NOT NULL
        OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.contract_renews_on' END) IS NOT NULL
        OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.decision_meeting_on' END) IS NOT NULL
        OR (CASE WHEN json_valid(organisation) THEN organisation ->> '$.fiscal_year_end_month' END) IS NOT NULL)";

/// Key persons' birthdays on live cards not lost: the few persons with one lead, each card is
/// looked up by its id.
pub const PERSON_BIRTHDAYS: &str = "SELECT k.id, k.name, k.birthday, c.id, c.name, c.code
    FROM key_persons k INDEXED BY key_persons_birthdays CROSS JOIN cards c ON c.id = k.card_id
    WHERE k.birthday IS NOT NULL AND c.deleted_at IS NULL AND c.status <> 'lost'";

/// What reminders come from: dates on cards and key persons, and organisations' fiscal months.
#[derive(Default)]
struct Dated {
    dates: Vec<(ReminderKind, Subject, NaiveDate)>,
    fiscal_months: Vec<(Subject, u32)>,
}

/// The dates and fiscal months whose reminders fall in the window (`date_falls`, `month_falls`
/// with the card's id): only those are kept. Every card has a date or two, and holding each
/// one's card (id, name, code) first made the list of a 100,000-card ledger weigh 27 MiB.
fn dated(
    conn: &Connection,
    date_falls: &dyn Fn(ReminderKind, NaiveDate) -> bool,
    month_falls: &dyn Fn(&str, u32) -> bool,
) -> rusqlite::Result<Dated> {
    let mut out = Dated::default();
    let mut statement = conn.prepare_cached(CARD_DATES)?;
    let mut rows = statement.query([])?;
    while let Some(r) = rows.next()? {
        let kind = CardKind::parse(&r.get::<_, String>(3)?);
        let organisation = kind == Some(CardKind::Organisation);
        // Which dates count depends on the kind of card, as on its form.
        let kept = [
            (
                ReminderKind::Birthday,
                5,
                kind == Some(CardKind::Individual),
            ),
            (ReminderKind::Anniversary, 4, true),
            (ReminderKind::LicenceReview, 6, organisation),
            (ReminderKind::ContractRenewal, 7, organisation),
            (ReminderKind::DecisionMeeting, 8, organisation),
        ];
        for (reminder, column, counts) in kept {
            let Some(date) = r.get_ref(column)?.as_str_or_null()?.filter(|_| counts) else {
                continue;
            };
            if let Some(date) = day(date).filter(|d| date_falls(reminder, *d)) {
                out.dates.push((reminder, card_subject(r)?, date));
            }
        }
        // A month kept as text or out of range is no month.
        let month = match r.get_ref(9)? {
            rusqlite::types::ValueRef::Integer(m) => u32::try_from(m).ok(),
            _ => None,
        };
        let id = r.get_ref(0)?.as_str()?;
        let month = month.filter(|m| organisation && (1..=12).contains(m) && month_falls(id, *m));
        if let Some(month) = month {
            out.fiscal_months.push((card_subject(r)?, month));
        }
    }
    let mut statement = conn.prepare_cached(PERSON_BIRTHDAYS)?;
    let rows = statement.query_map([], |r| {
        Ok((
            Subject {
                id: r.get(0)?,
                person: r.get(1)?,
                card_id: r.get(3)?,
                card_name: r.get(4)?,
                card_code: r.get(5)?,
            },
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (subject, date) = row?;
        if let Some(date) = day(&date).filter(|d| date_falls(ReminderKind::Birthday, *d)) {
            out.dates.push((ReminderKind::Birthday, subject, date));
        }
    }
    Ok(out)
}

/// The cards of class A: the fiscal year end comes up for those only, the customers whose
/// budget is worth a visit before it is set. Year ends fall on a few months for everyone (a
/// quarter of a ledger closes in March), so every organisation's would bury the rest.
fn class_a(conn: &Connection) -> rusqlite::Result<std::collections::HashSet<String>> {
    let mut statement = conn.prepare_cached("SELECT card_id FROM card_classes WHERE abc = 'a'")?;
    let rows = statement.query_map([], |r| r.get::<_, String>(0))?;
    rows.collect()
}

/// Contracts for products in use at live customers renewing between `from` and `to`: ours
/// (products of no competitor) and competitors'.
fn product_renewals(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<(Subject, String, String, bool)>> {
    let sql = format!(
        "SELECT cp.id, c.id, c.name, c.code, cp.renewal_on, p.name, p.competitor_id IS NULL
           FROM card_products cp INDEXED BY card_products_renewal
           JOIN cards c ON c.id = cp.card_id JOIN products p ON p.id = cp.product_id
          WHERE cp.renewal_on BETWEEN ?1 AND ?2 AND {LIVE}"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let rows = statement.query_map(
        [
            from.format("%Y-%m-%d").to_string(),
            to.format("%Y-%m-%d").to_string(),
        ],
        |r| {
            Ok((
                Subject {
                    id: r.get(0)?,
                    card_id: r.get(1)?,
                    card_name: r.get(2)?,
                    card_code: r.get(3)?,
                    person: String::new(),
                },
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{CardFields, IndividualProfile, OrganisationProfile};

    /// Every card has a date or two: only those whose reminder falls are held while the list is
    /// made (holding every card's first made a 100,000-card ledger's list weigh 27 MiB more).
    #[test]
    fn only_the_dates_whose_reminder_falls_are_held() {
        let mut ledger = crate::Ledger::open_in_memory().expect("ledger");
        for (name, birthday) in [("近い 一郎", "1980-11-28"), ("遠い 二郎", "1980-05-02")] {
            let mut fields = CardFields::new(CardKind::Individual, name);
            fields.individual = Some(IndividualProfile {
                birthday: Some(birthday.into()),
                ..IndividualProfile::default()
            });
            ledger.create_card(&fields).expect("card");
        }
        for (name, month) in [("三月決算株式会社", 3), ("十二月決算株式会社", 12)]
        {
            let mut fields = CardFields::new(CardKind::Organisation, name);
            fields.organisation = Some(OrganisationProfile {
                fiscal_year_end_month: Some(month),
                ..OrganisationProfile::default()
            });
            ledger.create_card(&fields).expect("card");
        }
        let november = |_: ReminderKind, d: NaiveDate| chrono::Datelike::month(&d) == 11;
        let december = |_: &str, month: u32| month == 12;
        let held = dated(ledger.connection(), &november, &december).expect("dated");
        let names: Vec<&str> = held
            .dates
            .iter()
            .map(|(_, s, _)| s.card_name.as_str())
            .collect();
        assert_eq!(names, vec!["近い 一郎"]);
        let months: Vec<(&str, u32)> = held
            .fiscal_months
            .iter()
            .map(|(s, m)| (s.card_name.as_str(), *m))
            .collect();
        assert_eq!(months, vec![("十二月決算株式会社", 12)]);
    }
}

//! The demo's territories, routes and annual sales plan: each place belongs to a territory of
//! its market, each card to a route named after its city, and this fiscal year's plan is last
//! year's sales plus some growth, for the whole ledger, each territory, rep and category, and
//! the five biggest customers, as a manager makes it from the cards' results (000 ⑥).

use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::card::store::Edit;
use crate::error::SalesError;
use crate::i18n::Lang;
use crate::sales::plan::progress::{grouped, TwoYears, Year};
use crate::sales::plan::{fiscal, store, PlanLineFields, PlanScope};

use super::names::Market;
use super::pick;

/// The territory a demo place's region belongs to.
pub(super) fn territory(region: &str) -> &'static str {
    match region {
        "東京都" | "神奈川県" => "首都圏",
        "大阪府" | "愛知県" => "関西・中部",
        "福岡県" | "広島県" => "西日本",
        "北海道" | "宮城県" => "北日本",
        "上海市" | "浙江省" | "江苏省" => "华东区",
        "北京市" => "华北区",
        "广东省" => "华南区",
        "四川省" => "西南区",
        "서울특별시" | "경기도" | "인천광역시" => "수도권",
        "부산광역시" | "대구광역시" => "영남권",
        "California" | "Texas" => "West & South",
        _ => "East & Midwest",
    }
}

/// The route a card in `city` is on, as the market names routes.
pub(super) fn route(m: &Market, city: &str) -> String {
    match m.mobile_prefix {
        "090" => format!("{city}コース"),
        "138" => format!("{city}线"),
        "010" => format!("{city} 노선"),
        _ => format!("{city} route"),
    }
}

/// How each market's plans say the target is to be reached.
fn means(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ja => &[
            "既存客の深耕と、新規開拓を月2件",
            "新製品の提案を四半期ごとに",
            "休眠客への再訪問と保守契約の更新",
        ],
        Lang::Zh => &[
            "深耕老客户，每月开发两家新客户",
            "每季度推荐一次新产品",
            "回访休眠客户，续签维保合同",
        ],
        Lang::Ko => &[
            "기존 고객 심화와 월 2건 신규 개척",
            "분기마다 신제품 제안",
            "휴면 고객 재방문과 유지보수 계약 갱신",
        ],
        Lang::En => &[
            "Grow existing accounts; open two new ones a month",
            "Propose the new line every quarter",
            "Win back dormant customers and renew maintenance plans",
        ],
    }
}

/// Customers with their own line: the biggest buyers of last year.
const KEY_CUSTOMERS: i64 = 5;

/// This fiscal year's plan from last year's sales. Japanese ledgers count the year from April.
pub(super) fn plans(
    conn: &Connection,
    rng: &mut ChaCha8Rng,
    lang: Lang,
    day: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), SalesError> {
    fiscal::set_first_month(conn, if lang == Lang::Ja { 4 } else { 1 })?;
    let y = Year::of(conn, None, day)?;
    let sold = grouped(conn, &y)?;
    let mut lines = vec![(PlanScope::Total, String::new(), None, sold.total)];
    let mut keyed: Vec<_> = sold.by.into_iter().collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    lines.extend(
        keyed
            .into_iter()
            .map(|((scope, key), two)| (scope, key, None, two)),
    );
    for card in biggest(conn, &y)? {
        let two = crate::sales::plan::progress::card_two_years(conn, &y, &card)?;
        lines.push((PlanScope::Card, String::new(), Some(card), two));
    }
    let gone = fiscal::month_index(day, y.year, y.first).unwrap_or(0);
    for (scope, key, card, two) in lines {
        let Some(months) = targets(rng, &two, gone) else {
            continue;
        };
        let means = if rng.random_bool(0.7) {
            (*pick(rng, means(lang))).to_owned()
        } else {
            String::new()
        };
        let fields = PlanLineFields {
            fiscal_year: y.year,
            scope,
            key,
            card_id: card.map(Into::into),
            months,
            means,
        };
        store::save(conn, &fields, edit)?;
    }
    Ok(())
}

/// A line's targets: last year's months, grown by a few percent on how the line has really
/// gone in the `gone` months of this year so far (customers lost since last year buy nothing),
/// so that some lines are ahead and some behind. None for a line that sold nothing last year.
fn targets(rng: &mut ChaCha8Rng, two: &TwoYears, gone: usize) -> Option<Vec<i64>> {
    let (last, this) = two.split_at(12);
    if last.iter().all(|m| *m <= 0) {
        return None;
    }
    let before: i64 = last[..gone].iter().sum();
    let since: i64 = this[..gone].iter().sum();
    let trend = if gone == 0 || before <= 0 {
        1.0
    } else {
        (since as f64 / before as f64).clamp(0.75, 1.3)
    };
    let growth = trend * rng.random_range(0.97..1.12);
    Some(
        last.iter()
            .map(|m| ((*m).max(0) as f64 * growth / 1000.0).round() as i64 * 1000)
            .collect(),
    )
}

/// Last fiscal year's biggest buyers among the customers still active.
fn biggest(conn: &Connection, y: &Year) -> rusqlite::Result<Vec<String>> {
    let (Some(from), Some(to)) = (
        fiscal::start(y.year - 1, y.first),
        fiscal::start(y.year, y.first),
    ) else {
        return Ok(Vec::new());
    };
    conn.prepare(
        "SELECT t.card_id FROM transactions t JOIN cards c ON c.id = t.card_id
         WHERE t.dated_on >= ?1 AND t.dated_on < ?2 AND c.status = 'active' AND c.deleted_at IS NULL
         GROUP BY t.card_id
         ORDER BY sum(CASE t.kind WHEN 'sale' THEN t.amount ELSE -t.amount END) DESC
         LIMIT ?3",
    )?
    .query_map(
        rusqlite::params![from.to_string(), to.to_string(), KEY_CUSTOMERS],
        |r| r.get(0),
    )?
    .collect()
}

//! The rep's week in the demo: messaging IDs as each market uses them, appointments with times
//! (most agreed, some still to confirm), messages among the contacts, and the superior's
//! reviews of the last days' reports. Drawn from a stream of their own, so that adding them
//! left the rest of a seed's demo as it was.

use chrono::{Datelike, Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::card::store::Edit;
use crate::card::Messaging;
use crate::error::DemoError;
use crate::i18n::Lang;
use crate::visit::{self, Appointment};

use super::names::{Market, CHINA, JAPAN, KOREA};
use super::pick;

/// Handles people choose, in Latin letters as every app takes them.
const HANDLES: &[&str] = &[
    "sato", "kenji", "yuki", "hana", "wang", "lili", "chen", "jun", "minsu", "jiwoo", "seoyeon",
    "alex", "sam", "kim", "park", "mei", "taro", "haru", "lee", "jay",
];

fn handle(rng: &mut ChaCha8Rng) -> String {
    let sep = *pick(rng, &["", "_", "."]);
    format!(
        "{}{sep}{}{}",
        pick(rng, HANDLES),
        pick(rng, HANDLES),
        rng.random_range(1..99)
    )
}

/// Which apps a market's customers use, and how often an ID is on file (a person is reached on
/// an app more often than a company).
pub(super) fn messaging(rng: &mut ChaCha8Rng, m: &Market, person: bool) -> Messaging {
    let mut ids = Messaging::default();
    let share = if person { 1.0 } else { 0.5 };
    if std::ptr::eq(m, &JAPAN) {
        if rng.random_bool(0.45 * share) {
            ids.line = handle(rng);
        }
    } else if std::ptr::eq(m, &CHINA) {
        if rng.random_bool(0.75 * share) {
            ids.wechat = format!("wxid_{}", handle(rng));
        }
        if rng.random_bool(0.15 * share) {
            ids.qq = rng.random_range(100_000_000u64..3_000_000_000).to_string();
        }
        if !person && rng.random_bool(0.15) {
            ids.weibo = handle(rng);
        }
    } else if std::ptr::eq(m, &KOREA) {
        if rng.random_bool(0.7 * share) {
            ids.kakaotalk = handle(rng);
        }
    } else if rng.random_bool(0.35 * share) {
        ids.whatsapp = format!("+1 415 555 {:04}", rng.random_range(0..10_000));
    }
    ids
}

/// Whether a market's reps message rather than call: a call becomes a message that often.
pub(super) fn messages_instead_of_calls(m: &Market) -> f64 {
    if std::ptr::eq(m, &CHINA) || std::ptr::eq(m, &KOREA) {
        0.45
    } else if std::ptr::eq(m, &JAPAN) {
        0.3
    } else {
        0.2
    }
}

/// Gives most of the week's planned visits a time between 9:00 and 17:00, an hour or so, the
/// key person met; two in three timed ones are agreed, the others still to confirm.
pub(super) fn appointments(
    conn: &Connection,
    rng: &mut ChaCha8Rng,
    from: NaiveDate,
    to: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), DemoError> {
    let (from, to) = (from.to_string(), to.to_string());
    let planned = visit::store::plan(conn, &from, &to).map_err(DemoError::from)?;
    let mut next_free: Option<(String, u32)> = None;
    for v in planned {
        if rng.random_bool(0.2) {
            continue;
        }
        // Visits of a day follow each other in their order, with time to travel between.
        let start = match &next_free {
            Some((day, at)) if *day == v.planned_on => *at,
            _ => 9 * 60 + 30 * rng.random_range(0..4),
        };
        if start > 17 * 60 {
            continue;
        }
        let minutes = *pick(rng, &[30, 45, 60, 60, 90]);
        next_free = Some((
            v.planned_on.clone(),
            start + minutes + 30 * rng.random_range(1..4),
        ));
        let card = crate::card::store::load(conn, &v.card_id)?;
        let appointment = Appointment {
            starts_at: Some(format!("{:02}:{:02}", start / 60, start % 60)),
            duration_minutes: Some(minutes as i32),
            place: String::new(),
            meeting_with: card
                .key_persons
                .first()
                .map(|p| p.fields.name.clone())
                .unwrap_or_default(),
            confirmed: rng.random_bool(0.65),
            purpose: v.purpose.clone(),
        };
        visit::store::set_appointment(conn, &v.id, &appointment, edit).map_err(DemoError::from)?;
    }
    Ok(())
}

/// The superior read most of the last two weeks' daily reports and said a word on some.
pub(super) fn reviews(
    conn: &Connection,
    rng: &mut ChaCha8Rng,
    lang: Lang,
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), DemoError> {
    let (reviewer, comments): (&str, &[&str]) = match lang {
        Lang::Ja => (
            "佐藤 課長",
            &[
                "訪問件数は計画どおり。見積もりの回答期限を確認してください。",
                "クレーム対応が早く、良いです。",
                "決算前の予算確認を忘れずに。",
                "",
            ],
        ),
        Lang::Zh => (
            "王经理",
            &[
                "拜访量达标，报价请在周五前跟进。",
                "投诉处理及时，很好。",
                "注意客户年底预算。",
                "",
            ],
        ),
        Lang::Ko => (
            "김 부장",
            &[
                "방문 계획대로 진행되었습니다. 견적 회신 기한을 확인하세요.",
                "클레임 대응이 빨라서 좋습니다.",
                "결산 전에 예산을 확인하세요.",
                "",
            ],
        ),
        Lang::En => (
            "Morgan Lee",
            &[
                "Good coverage. Chase the quote answers before Friday.",
                "Quick work on the complaint.",
                "Check their budget before the year end.",
                "",
            ],
        ),
    };
    for back in 1..=14 {
        let day = today - Duration::days(back);
        if day.weekday().number_from_monday() > 5 || rng.random_bool(0.15) {
            continue;
        }
        // Read the next working morning.
        let read_on = (day + Duration::days(1)).min(today);
        let comment: &str = pick::<&str>(rng, comments);
        crate::daily::store::set_review(conn, day, reviewer, comment, read_on, edit)
            .map_err(DemoError::from)?;
    }
    Ok(())
}

/// What a company needs and what troubles it most now (002), in its market's words; some
/// organisations have them on file.
pub(super) fn needs_and_trouble(rng: &mut ChaCha8Rng, m: &Market) -> Option<(String, String)> {
    let (needs, troubles): (&[&str], &[&str]) = if std::ptr::eq(m, &JAPAN) {
        (
            &[
                "保守費用の削減",
                "納期の短縮",
                "省人化・自動化",
                "在庫の見える化",
            ],
            &[
                "人手不足で出荷が遅れている",
                "原材料の値上がり",
                "古い設備の故障が続いている",
                "担当者の退職で引継ぎが混乱",
            ],
        )
    } else if std::ptr::eq(m, &CHINA) {
        (
            &["降低维护成本", "缩短交货期", "生产自动化", "库存可视化"],
            &[
                "招工难，发货延误",
                "原材料涨价",
                "旧设备频繁故障",
                "回款周期太长",
            ],
        )
    } else if std::ptr::eq(m, &KOREA) {
        (
            &["유지보수 비용 절감", "납기 단축", "자동화", "재고 가시화"],
            &[
                "인력 부족으로 출하 지연",
                "원자재 가격 상승",
                "노후 설비 고장",
                "담당자 퇴사로 인수인계 혼란",
            ],
        )
    } else {
        (
            &[
                "Lower maintenance costs",
                "Shorter lead times",
                "Automation",
                "Stock visibility",
            ],
            &[
                "Short of staff, shipments slipping",
                "Raw material prices up",
                "Old equipment keeps failing",
                "A key buyer left mid-project",
            ],
        )
    };
    rng.random_bool(0.4).then(|| {
        (
            (*pick(rng, needs)).to_owned(),
            (*pick(rng, troubles)).to_owned(),
        )
    })
}

/// The superior's weekly check of the rep's cards (000 ①): a few cards a week over the last
/// month, some with a word.
pub(super) fn card_checks(
    conn: &Connection,
    rng: &mut ChaCha8Rng,
    lang: Lang,
    today: NaiveDate,
    edit: &Edit<'_>,
) -> Result<(), DemoError> {
    let (checker, comments): (&str, &[&str]) = match lang {
        Lang::Ja => (
            "佐藤 課長",
            &["キーパーソンの役職を更新すること", "与信限度額を見直す", ""],
        ),
        Lang::Zh => ("王经理", &["请更新关键人物的职务", "重新评估信用额度", ""]),
        Lang::Ko => (
            "김 부장",
            &["키퍼슨 직책을 갱신할 것", "여신 한도를 재검토", ""],
        ),
        Lang::En => (
            "Morgan Lee",
            &[
                "Update the key persons' titles",
                "Review the credit limit",
                "",
            ],
        ),
    };
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM cards WHERE deleted_at IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(());
    }
    for week in 0..4 {
        let on = today - Duration::days(7 * week + 2);
        for _ in 0..rng.random_range(2..5) {
            let id = &ids[rng.random_range(0..ids.len())];
            let comment: &str = pick::<&str>(rng, comments);
            crate::card::checks::record(conn, id, checker, comment, on, edit)?;
        }
    }
    Ok(())
}

//! Appointments as a calendar file (iCalendar, RFC 5545, written by the `icalendar` crate) that
//! any calendar app imports: a timed visit at its time, in the rep's time zone (written in UTC,
//! which every app shows in its own zone); a visit with no time yet as an all-day event of its
//! day. Unconfirmed appointments are tentative.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::error::ReportError;
use crate::visit::PlannedVisit;

use super::layout::Ctx;
use super::Progress;

/// Writes `visits` to `path`; returns how many events it holds.
pub fn write_ics(
    visits: &[PlannedVisit],
    ctx: &Ctx,
    path: &Path,
    progress: Progress<'_>,
) -> Result<u32, ReportError> {
    if visits.is_empty() {
        return Err(ReportError::Empty);
    }
    let mut calendar = Calendar::new();
    calendar.name(&ctx.t("report.ics.title"));
    for visit in visits {
        calendar.push(event(visit, ctx));
    }
    std::fs::write(path, calendar.done().to_string())
        .map_err(|e| crate::error::OutputError::io(path, e))?;
    progress(1, 1);
    Ok(visits.len() as u32)
}

fn event(visit: &PlannedVisit, ctx: &Ctx) -> Event {
    let mut event = Event::new();
    event
        .uid(&format!("{}@daicho", visit.id))
        .summary(&ctx.tp("ics.summary", &[("name", visit.card_name.clone())]))
        .location(visit.location())
        .description(&description(visit, ctx))
        .status(if visit.confirmed {
            EventStatus::Confirmed
        } else {
            EventStatus::Tentative
        });
    let day = NaiveDate::parse_from_str(&visit.planned_on, "%Y-%m-%d").ok();
    let start = visit
        .starts_at
        .as_deref()
        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    match (day, start) {
        (Some(day), Some(start)) => {
            let local = NaiveDateTime::new(day, start);
            // The rep's clock: a time skipped by a daylight-saving change is taken an hour on.
            let at = chrono::Local
                .from_local_datetime(&local)
                .earliest()
                .or_else(|| {
                    chrono::Local
                        .from_local_datetime(&(local + chrono::Duration::hours(1)))
                        .earliest()
                })
                .map(|t| t.with_timezone(&chrono::Utc));
            if let Some(at) = at {
                let minutes = visit
                    .duration_minutes
                    .unwrap_or(crate::visit::DEFAULT_MINUTES);
                event
                    .starts(at)
                    .ends(at + chrono::Duration::minutes(i64::from(minutes)));
            }
        }
        (Some(day), None) => {
            event.all_day(day);
        }
        _ => {}
    }
    event.done()
}

/// What the rep reads in the calendar: purpose, whom they meet, the customer code, whether the
/// time is agreed.
fn description(visit: &PlannedVisit, ctx: &Ctx) -> String {
    let mut lines = Vec::new();
    if !visit.purpose.is_empty() {
        lines.push(format!("{}: {}", ctx.t("field.purpose"), visit.purpose));
    }
    if !visit.meeting_with.is_empty() {
        lines.push(format!(
            "{}: {}",
            ctx.t("field.meeting_with"),
            visit.meeting_with
        ));
    }
    lines.push(format!("{}: {}", ctx.t("field.code"), visit.card_code));
    lines.push(ctx.t(if visit.confirmed {
        "visits.confirmed"
    } else {
        "visits.to_confirm"
    }));
    lines.join("\n")
}

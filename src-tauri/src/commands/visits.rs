//! The visit plan and the pre-visit brief.

use daicho_core::contact::{Contact, ContactFields};
use daicho_core::daily::{DailyReport, DailyReview};
use daicho_core::ids::{CardId, VisitId};
use daicho_core::visit::{
    Appointment, PlannedVisit, VisitBrief, VisitCandidate, VisitCandidateQuery,
};

commands! {
    /// Visits planned from `from` to `to` (`YYYY-MM-DD`, inclusive).
    fn visit_plan(from: String, to: String) -> Vec<PlannedVisit> => |l| l.visit_plan(&from, &to);

    /// Customers to consider: follow-ups due, not visited for a while, in a region or city.
    fn visit_candidates(query: VisitCandidateQuery) -> Vec<VisitCandidate> => |l| l.visit_candidates(&query);

    fn visit_add(card_id: CardId, planned_on: String, purpose: String) -> PlannedVisit => |l| l.plan_visit(&card_id, &planned_on, &purpose);

    /// Moves a visit to `position` (from 0) on `planned_on`.
    fn visit_move(id: VisitId, planned_on: String, position: u32) -> PlannedVisit => |l| l.move_visit(&id, &planned_on, position);

    fn visit_remove(id: VisitId) -> () => |l| l.remove_visit(&id);

    /// Sets the visit's time, length, place, whom the rep meets and whether it is agreed.
    fn visit_set_appointment(id: VisitId, appointment: Appointment) -> PlannedVisit => |l| l.set_appointment(&id, &appointment);

    /// Orders the day's visits by area (postal code, region, city, street).
    fn visit_order_by_area(day: String) -> Vec<PlannedVisit> => |l| l.order_visits_by_area(&day);

    /// The daily report of `day` (`YYYY-MM-DD`).
    fn daily_report(day: String) -> DailyReport => |l| l.daily_report(&day);

    /// Records the superior's review of `day`, dated today.
    fn daily_review_set(day: String, reviewer: String, comment: String) -> DailyReview => |l| l.review_day(&day, &reviewer, &comment);

    /// Takes back the review of `day`.
    fn daily_review_clear(day: String) -> () => |l| l.clear_day_review(&day);

    /// Logs the planned visit as a contact on its card.
    fn visit_log(id: VisitId, fields: ContactFields) -> Contact => |l| l.log_visit(&id, &fields);

    fn visit_brief(card_id: CardId) -> VisitBrief => |l| l.visit_brief(&card_id);
}

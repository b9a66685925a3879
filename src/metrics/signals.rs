//! Signals: what health and churn risk read from one account's facts as of
//! `now` — the latest usage snapshot and the one some weeks before it, the
//! last login, open and overdue tickets, ticket ratings, survey answers in a
//! window, when contacts and champions were last seen, MRR at an instant,
//! onboarding milestones.
//!
//! Pure: no clock. Records dated after `now` (or after its UTC day, for
//! records kept by day) are left out, so scoring as of an earlier instant
//! sees only what had happened by then. Each function is one pass (or a
//! binary search) over one slice of an [`AccountFacts`](super::AccountFacts)
//! and allocates nothing, so a whole portfolio is read in milliseconds. The
//! slices must be sorted as [`Facts::sort`](super::Facts::sort) leaves them.
//!
//! "The last N days" is (now − N days, now], as everywhere in `metrics`.

use jiff::Timestamp;
use jiff::civil::Date;

use super::{
    ContactFact, Csat, FactTime, MrrChange, Nps, SurveyFact, TaskFact, TicketFact, UsageFact,
    csat_from_ratings, nps, pooled_csat,
};
use crate::model::time::{add_days, add_days_to, days_between};
use crate::model::{Rating, Satisfaction, SurveyAnswer, TaskStatus, TicketPriority};

/// The latest usage snapshot dated on or before `day`.
pub fn latest_usage(usage: &[UsageFact], day: Date) -> Option<&UsageFact> {
    usage[..usage.partition_point(|row| row.day <= day)].last()
}

/// Active users in the latest snapshot and in the snapshot at or nearest
/// before a number of weeks earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveUsersChange {
    pub earlier_day: Date,
    pub earlier: u32,
    pub latest_day: Date,
    pub latest: u32,
}

/// How active users moved over `weeks` weeks up to the latest snapshot on or
/// before `today`; `None` without two snapshots that far apart.
pub fn active_users_change(usage: &[UsageFact], today: Date, weeks: u32) -> Option<ActiveUsersChange> {
    let latest = latest_usage(usage, today)?;
    let earlier = latest_usage(usage, add_days(latest.day, -7 * i64::from(weeks)))?;
    Some(ActiveUsersChange {
        earlier_day: earlier.day,
        earlier: earlier.active_users,
        latest_day: latest.day,
        latest: latest.active_users,
    })
}

/// Whole days from the last snapshot with a login to `today`. When no
/// snapshot has a login the count runs from the first snapshot: nobody has
/// logged in for at least that long. `None` without any snapshot.
pub fn days_without_login(usage: &[UsageFact], today: Date) -> Option<u32> {
    let known = &usage[..usage.partition_point(|row| row.day <= today)];
    let first = known.first()?;
    let last_login = known.iter().rev().find(|row| row.logins > 0).unwrap_or(first);
    Some(saturate(days_between(last_login.day, today)))
}

/// An account's tickets as of an instant.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TicketLoad {
    /// Tickets created on or before the instant.
    pub tickets: u32,
    /// When the latest of them was created.
    pub latest_created_at: Option<Timestamp>,
    pub open: u32,
    /// Open and of urgent priority.
    pub urgent: u32,
    /// Open and past their SLA due time.
    pub past_sla: u32,
}

/// Counts the tickets created by `now` that are open then — not solved or
/// closed, or solved only after `now` — and those urgent or past their SLA.
pub fn ticket_load(tickets: &[TicketFact], now: Timestamp) -> TicketLoad {
    let created = &tickets[..tickets.partition_point(|ticket| ticket.created_at <= now)];
    let mut load = TicketLoad {
        tickets: saturate(created.len()),
        latest_created_at: created.last().map(|ticket| ticket.created_at.timestamp()),
        ..TicketLoad::default()
    };
    for ticket in created {
        // A reopened ticket keeps its old solve time, so its status decides.
        let open = ticket.status.is_open() || ticket.solved_at.is_some_and(|solved| solved > now);
        if !open {
            continue;
        }
        load.open += 1;
        load.urgent += u32::from(ticket.priority == TicketPriority::Urgent);
        load.past_sla += u32::from(ticket.sla_due_at.is_some_and(|due| due < now));
    }
    load
}

/// Good and bad ratings of the tickets solved in the last `days` days. A
/// ticket rating is dated by its ticket's solve time, as the portfolio's
/// CSAT dates it.
pub fn ticket_ratings(tickets: &[TicketFact], now: Timestamp, days: u32) -> Csat {
    let in_window = last_days(now, days);
    csat_from_ratings(
        tickets
            .iter()
            .filter(|ticket| ticket.solved_at.is_some_and(&in_window))
            .map(|ticket| ticket.satisfaction),
    )
}

/// NPS answers given in the last `days` days.
pub fn nps_answers(surveys: &[SurveyFact], now: Timestamp, days: u32) -> Nps {
    let in_window = last_days(now, days);
    nps(surveys.iter().filter(|survey| in_window(survey.at)).filter_map(|survey| match survey.answer {
        SurveyAnswer::Nps(score) => Some(i64::from(score)),
        _ => None,
    }))
}

/// CSAT over the last `days` days from CSAT-survey answers and good/bad
/// ratings given outside a ticket. Ticket ratings are left out: they are
/// support's measure, and counting them here too would count them twice.
pub fn survey_csat(surveys: &[SurveyFact], now: Timestamp, days: u32) -> Csat {
    let in_window = last_days(now, days);
    let answers = || surveys.iter().filter(|survey| in_window(survey.at));
    pooled_csat(
        answers().filter_map(|survey| match survey.answer {
            SurveyAnswer::Csat(score) => Some(i64::from(score)),
            _ => None,
        }),
        answers().filter(|survey| !survey.on_ticket).filter_map(|survey| match survey.answer {
            SurveyAnswer::Rating(Rating::Good) => Some(Some(Satisfaction::Good)),
            SurveyAnswer::Rating(Rating::Bad) => Some(Some(Satisfaction::Bad)),
            _ => None,
        }),
    )
    .total()
}

/// NPS answers in a window and the latest detractor among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detractors {
    pub nps_answers: u32,
    /// Answers of 0–6.
    pub detractors: u32,
    /// When the latest detractor answered, and its score.
    pub latest: Option<(Timestamp, u8)>,
}

/// The detractors (NPS 0–6) of the last `days` days.
pub fn detractors(surveys: &[SurveyFact], now: Timestamp, days: u32) -> Detractors {
    let in_window = last_days(now, days);
    let mut found = Detractors { nps_answers: 0, detractors: 0, latest: None };
    for survey in surveys.iter().filter(|survey| in_window(survey.at)) {
        if let SurveyAnswer::Nps(score) = survey.answer {
            found.nps_answers += 1;
            if score <= 6 {
                found.detractors += 1;
                // Surveys are sorted by time, so the last one seen is the latest.
                found.latest = Some((survey.at.timestamp(), score));
            }
        }
    }
    found
}

/// When any contact of the account was last seen, on or before `now`.
pub fn contact_last_seen(contacts: &[ContactFact], now: Timestamp) -> Option<Timestamp> {
    contacts
        .iter()
        .filter_map(|contact| contact.last_seen_at)
        .filter(|seen| *seen <= now)
        .max()
        .map(FactTime::timestamp)
}

/// An account's champions and when the most recently seen of them was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Champions {
    pub champions: u32,
    /// On or before `now`; `None` when no champion has been seen by then.
    pub last_seen_at: Option<Timestamp>,
}

pub fn champions(contacts: &[ContactFact], now: Timestamp) -> Champions {
    let mut found = Champions { champions: 0, last_seen_at: None };
    for contact in contacts.iter().filter(|contact| contact.champion) {
        found.champions += 1;
        let seen = contact.last_seen_at.filter(|seen| *seen <= now);
        found.last_seen_at = found.last_seen_at.max(seen.map(FactTime::timestamp));
    }
    found
}

/// MRR in effect at an instant: the latest change at or before it (of
/// changes at one instant, the last row, as in a change log).
pub fn mrr_at(changes: &[MrrChange], at: Timestamp) -> Option<i64> {
    changes[..changes.partition_point(|change| change.at <= at)].last().map(|change| change.mrr_minor)
}

/// An account's onboarding milestones as of a day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Milestones {
    pub milestones: u32,
    /// Open and due before the day.
    pub overdue: u32,
    /// The earliest due day among the overdue ones.
    pub oldest_due: Option<Date>,
}

/// Onboarding milestones and how many are overdue on `today`. A snoozed
/// milestone is not overdue: someone decided it can wait.
pub fn onboarding_milestones(tasks: &[TaskFact], today: Date) -> Milestones {
    let mut found = Milestones::default();
    for task in tasks.iter().filter(|task| task.onboarding) {
        found.milestones += 1;
        if let Some(due) = task.due.filter(|due| task.status == TaskStatus::Open && *due < today) {
            found.overdue += 1;
            found.oldest_due = Some(found.oldest_due.map_or(due, |oldest| oldest.min(due)));
        }
    }
    found
}

/// Whole days from `from` to `to`, rounded down; 0 when `to` is earlier.
pub fn whole_days(from: Timestamp, to: Timestamp) -> u32 {
    saturate(to.as_second().saturating_sub(from.as_second()).div_euclid(86_400))
}

/// Whether an instant lies in (now − days, now].
fn last_days(now: Timestamp, days: u32) -> impl Fn(FactTime) -> bool {
    let start = add_days_to(now, -i64::from(days));
    move |at| {
        let at = at.timestamp();
        start < at && at <= now
    }
}

/// A count or a span of days as a u32: 0 below, `u32::MAX` beyond.
fn saturate(value: impl TryInto<u32> + PartialOrd + Default) -> u32 {
    let below = value < Default::default();
    value.try_into().unwrap_or(if below { 0 } else { u32::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, TicketStatus};

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a valid instant")
    }

    fn fact_time(text: &str) -> FactTime {
        at(text).into()
    }

    fn day(text: &str) -> Date {
        text.parse().expect("a valid day")
    }

    fn usage(on: &str, active_users: u32, logins: u32) -> UsageFact {
        UsageFact {
            account: AccountId(1),
            day: day(on),
            active_users,
            seats: 10,
            logins,
            key_feature_uses: 0,
        }
    }

    fn ticket(created: &str, status: TicketStatus, solved: Option<&str>) -> TicketFact {
        TicketFact {
            account: AccountId(1),
            status,
            priority: TicketPriority::Urgent,
            created_at: fact_time(created),
            first_reply_at: None,
            solved_at: solved.map(fact_time),
            sla_due_at: Some(fact_time("2026-11-20T00:00:00Z")),
            satisfaction: None,
        }
    }

    #[test]
    fn usage_after_today_is_not_seen() {
        let rows = [usage("2026-11-01", 5, 1), usage("2026-11-08", 6, 0), usage("2026-11-30", 9, 9)];
        assert_eq!(latest_usage(&rows, day("2026-11-25")).map(|row| row.active_users), Some(6));
        assert_eq!(latest_usage(&rows, day("2026-10-31")), None);
        assert_eq!(days_without_login(&rows, day("2026-11-25")), Some(24));
    }

    #[test]
    fn without_any_login_the_days_run_from_the_first_snapshot() {
        let rows = [usage("2026-11-01", 0, 0), usage("2026-11-08", 0, 0)];
        assert_eq!(days_without_login(&rows, day("2026-11-25")), Some(24));
        assert_eq!(days_without_login(&[], day("2026-11-25")), None);
    }

    #[test]
    fn the_earlier_snapshot_is_the_one_at_or_nearest_before_the_weeks() {
        let rows = [usage("2026-10-01", 40, 1), usage("2026-10-25", 30, 1), usage("2026-11-24", 20, 1)];
        let change = active_users_change(&rows, day("2026-11-25"), 4).unwrap();
        assert_eq!((change.earlier_day, change.earlier, change.latest), (day("2026-10-25"), 30, 20));
        assert_eq!(active_users_change(&rows[1..], day("2026-11-25"), 5), None);
    }

    #[test]
    fn a_ticket_solved_after_now_was_still_open_then() {
        let now = at("2026-11-25T00:00:00Z");
        let tickets = [
            ticket("2026-11-01T00:00:00Z", TicketStatus::Solved, Some("2026-11-02T00:00:00Z")),
            ticket("2026-11-01T00:00:00Z", TicketStatus::Solved, Some("2026-11-26T00:00:00Z")),
            ticket("2026-11-03T00:00:00Z", TicketStatus::Open, None),
            ticket("2026-11-26T00:00:00Z", TicketStatus::Open, None),
        ];
        let load = ticket_load(&tickets, now);
        assert_eq!(
            load,
            TicketLoad {
                tickets: 3,
                latest_created_at: Some(at("2026-11-03T00:00:00Z")),
                open: 2,
                urgent: 2,
                past_sla: 2
            }
        );
        // Exactly at the SLA due time the ticket is not past it yet.
        assert_eq!(ticket_load(&tickets, at("2026-11-20T00:00:00Z")).past_sla, 0);
    }

    #[test]
    fn windows_exclude_their_start_and_include_now() {
        let now = at("2026-11-25T00:00:00Z");
        let survey = |when: &str, answer| SurveyFact {
            account: AccountId(1),
            answer,
            at: fact_time(when),
            loop_closed: false,
            on_ticket: false,
        };
        let surveys = [
            survey("2026-08-27T00:00:00Z", SurveyAnswer::Nps(2)),
            survey("2026-09-01T00:00:00Z", SurveyAnswer::Nps(5)),
            survey("2026-11-25T00:00:00Z", SurveyAnswer::Nps(9)),
            survey("2026-11-26T00:00:00Z", SurveyAnswer::Nps(0)),
        ];
        let found = detractors(&surveys, now, 90);
        assert_eq!((found.nps_answers, found.detractors), (2, 1));
        assert_eq!(found.latest, Some((at("2026-09-01T00:00:00Z"), 5)));
        assert_eq!(nps_answers(&surveys, now, 90).value(), Some(0));
    }

    #[test]
    fn survey_csat_leaves_ticket_ratings_to_support() {
        let now = at("2026-11-25T00:00:00Z");
        let survey = |answer, on_ticket| SurveyFact {
            account: AccountId(1),
            answer,
            at: fact_time("2026-11-01T00:00:00Z"),
            loop_closed: false,
            on_ticket,
        };
        let surveys = [
            survey(SurveyAnswer::Csat(5), false),
            survey(SurveyAnswer::Csat(2), false),
            survey(SurveyAnswer::Rating(Rating::Good), false),
            survey(SurveyAnswer::Rating(Rating::Bad), true),
        ];
        let csat = survey_csat(&surveys, now, 90);
        assert_eq!((csat.satisfied, csat.answers), (2, 3));
    }

    #[test]
    fn champions_seen_after_now_count_as_not_seen() {
        let contact = |champion, seen: Option<&str>| ContactFact {
            account: AccountId(1),
            champion,
            last_seen_at: seen.map(fact_time),
        };
        let now = at("2026-11-25T00:00:00Z");
        let contacts = [
            contact(true, Some("2026-12-01T00:00:00Z")),
            contact(true, Some("2026-10-01T00:00:00Z")),
            contact(false, Some("2026-11-24T00:00:00Z")),
        ];
        assert_eq!(
            champions(&contacts, now),
            Champions { champions: 2, last_seen_at: Some(at("2026-10-01T00:00:00Z")) }
        );
        assert_eq!(contact_last_seen(&contacts, now), Some(at("2026-11-24T00:00:00Z")));
    }

    #[test]
    fn overdue_milestones_are_open_and_due_before_today() {
        let task = |status, due: &str| TaskFact {
            account: AccountId(1),
            status,
            due: Some(day(due)),
            onboarding: true,
        };
        let tasks = [
            task(TaskStatus::Open, "2026-11-01"),
            task(TaskStatus::Done, "2026-11-02"),
            task(TaskStatus::Snoozed, "2026-11-03"),
            task(TaskStatus::Open, "2026-11-25"),
            TaskFact { onboarding: false, ..task(TaskStatus::Open, "2026-10-01") },
        ];
        assert_eq!(
            onboarding_milestones(&tasks, day("2026-11-25")),
            Milestones { milestones: 4, overdue: 1, oldest_due: Some(day("2026-11-01")) }
        );
    }

    #[test]
    fn mrr_in_effect_is_the_latest_change_at_or_before() {
        let change = |when: &str, mrr_minor| MrrChange { account: AccountId(1), at: at(when), mrr_minor };
        let changes = [change("2026-01-01T00:00:00Z", 100), change("2026-06-01T00:00:00Z", 80)];
        assert_eq!(mrr_at(&changes, at("2025-12-31T00:00:00Z")), None);
        assert_eq!(mrr_at(&changes, at("2026-06-01T00:00:00Z")), Some(80));
        assert_eq!(mrr_at(&changes, at("2026-05-31T00:00:00Z")), Some(100));
    }

    #[test]
    fn whole_days_round_down_and_never_go_negative() {
        let now = at("2026-11-25T12:00:00Z");
        assert_eq!(whole_days(at("2026-11-24T12:00:01Z"), now), 0);
        assert_eq!(whole_days(at("2026-11-24T12:00:00Z"), now), 1);
        assert_eq!(whole_days(at("2026-11-26T00:00:00Z"), now), 0);
    }
}

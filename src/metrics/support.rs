//! Support times and the open-ticket count (DOMAIN.md, "Support times").
//!
//! Pure: the caller passes the period and each ticket's instants.
//!
//! First response runs from a ticket's creation to the first public reply by
//! an agent, over tickets created in the period; resolution from creation to
//! solved, over tickets solved in the period. Both are calendar time and are
//! reported as the median (an even count takes the mean of the middle two)
//! and the 90th percentile by the nearest-rank rule: the value at rank
//! ⌈0.9 · n⌉ of the n durations sorted ascending, so it is always a duration
//! that was measured. Negative durations (clocks out of step between
//! systems) and missing ones (no reply yet) are skipped and counted.

use jiff::{SignedDuration, Timestamp};

use crate::model::{AccountId, Ticket, TicketComment, TicketStatus};

use super::{Explain, Figure, Interval, Term};

/// The instants of one ticket that support times are measured between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TicketTimes {
    pub account: AccountId,
    pub created_at: Timestamp,
    /// The first public reply written by an agent, if there is one yet.
    pub first_reply_at: Option<Timestamp>,
    pub solved_at: Option<Timestamp>,
}

impl TicketTimes {
    /// A ticket's instants; its first reply is the earliest of `comments` on
    /// this ticket that an agent wrote in public (internal notes and the
    /// requester's own messages are not replies).
    pub fn of<'a>(ticket: &Ticket, comments: impl IntoIterator<Item = &'a TicketComment>) -> TicketTimes {
        let first_reply_at = comments
            .into_iter()
            .filter(|comment| comment.ticket_id == ticket.id && comment.by_agent && comment.public)
            .map(|comment| comment.created_at)
            .min();
        TicketTimes {
            account: ticket.account_id,
            created_at: ticket.created_at,
            first_reply_at,
            solved_at: ticket.solved_at,
        }
    }
}

/// Which support time a [`SupportTimes`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SupportClock {
    /// Created → first public agent reply, over tickets created in the period.
    FirstResponse,
    /// Created → solved, over tickets solved in the period.
    Resolution,
}

/// The median and 90th percentile of one support time over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SupportTimes {
    pub clock: SupportClock,
    pub period: Interval,
    /// Durations that entered the median and percentile.
    pub measured: u64,
    /// Skipped: the later instant came before the earlier one.
    pub negative: u64,
    /// Skipped: no first reply yet (resolution selects solved tickets, so it
    /// never misses one).
    pub missing: u64,
    /// `None` when nothing was measured.
    pub median: Option<SignedDuration>,
    /// Nearest rank: the value at rank ⌈0.9 · measured⌉.
    pub percentile_90: Option<SignedDuration>,
}

/// Time to first response over the tickets created in `period`.
pub fn first_response_times(
    tickets: impl IntoIterator<Item = TicketTimes>,
    period: Interval,
) -> SupportTimes {
    let durations = tickets
        .into_iter()
        .filter(|ticket| period.contains(ticket.created_at))
        .map(|ticket| ticket.first_reply_at.map(|reply| reply.duration_since(ticket.created_at)));
    summarise(SupportClock::FirstResponse, period, durations)
}

/// Time to resolution over the tickets solved in `period`.
pub fn resolution_times(tickets: impl IntoIterator<Item = TicketTimes>, period: Interval) -> SupportTimes {
    let durations = tickets.into_iter().filter_map(|ticket| {
        let solved = ticket.solved_at.filter(|solved| period.contains(*solved))?;
        Some(Some(solved.duration_since(ticket.created_at)))
    });
    summarise(SupportClock::Resolution, period, durations)
}

fn summarise(
    clock: SupportClock,
    period: Interval,
    durations: impl Iterator<Item = Option<SignedDuration>>,
) -> SupportTimes {
    let (mut negative, mut missing) = (0, 0);
    let mut measured = Vec::new();
    for duration in durations {
        match duration {
            None => missing += 1,
            Some(duration) if duration.is_negative() => negative += 1,
            Some(duration) => measured.push(duration),
        }
    }
    SupportTimes {
        clock,
        period,
        measured: measured.len() as u64,
        negative,
        missing,
        median: median(&mut measured),
        percentile_90: percentile_90(&mut measured),
    }
}

/// The middle value; the mean of the middle two for an even count. Selection
/// rather than a full sort keeps this linear on a million tickets.
fn median(durations: &mut [SignedDuration]) -> Option<SignedDuration> {
    if durations.is_empty() {
        return None;
    }
    let count = durations.len();
    let (below, upper, _) = durations.select_nth_unstable(count / 2);
    let upper = *upper;
    if count % 2 == 1 {
        return Some(upper);
    }
    let lower = *below.iter().max()?;
    // lower ≤ upper and both are non-negative, so this cannot overflow; the
    // mean is truncated to the nanosecond.
    Some(lower + (upper - lower) / 2)
}

fn percentile_90(durations: &mut [SignedDuration]) -> Option<SignedDuration> {
    let rank = durations.len().saturating_mul(9).div_ceil(10);
    let index = rank.checked_sub(1)?;
    let (_, value, _) = durations.select_nth_unstable(index);
    Some(*value)
}

impl Explain for SupportTimes {
    fn name(&self) -> &'static str {
        match self.clock {
            SupportClock::FirstResponse => "First response time",
            SupportClock::Resolution => "Resolution time",
        }
    }

    fn formula(&self) -> &'static str {
        match self.clock {
            SupportClock::FirstResponse => {
                "created → first public agent reply, over tickets created in the window; \
                 median and 90th percentile (nearest rank), calendar time"
            }
            SupportClock::Resolution => {
                "created → solved, over tickets solved in the window; \
                 median and 90th percentile (nearest rank), calendar time"
            }
        }
    }

    fn inputs(&self) -> u64 {
        self.measured
    }

    fn window(&self) -> Option<Interval> {
        Some(self.period)
    }

    fn terms(&self) -> Vec<Term> {
        let mut terms = vec![
            Term::count("tickets measured", self.measured),
            Term::count("skipped: negative duration", self.negative),
            Term::count("skipped: no reply yet", self.missing),
        ];
        if let Some(median) = self.median {
            terms.push(Term { name: "median", figure: Figure::Duration(median) });
        }
        if let Some(percentile) = self.percentile_90 {
            terms.push(Term { name: "90th percentile", figure: Figure::Duration(percentile) });
        }
        terms
    }
}

/// Tickets open now: any status other than solved or closed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct OpenTickets {
    pub open: u64,
    /// All tickets looked at.
    pub tickets: u64,
}

/// Counts the open tickets among current statuses.
pub fn open_tickets(statuses: impl IntoIterator<Item = TicketStatus>) -> OpenTickets {
    let mut counts = OpenTickets::default();
    for status in statuses {
        counts.tickets += 1;
        if status.is_open() {
            counts.open += 1;
        }
    }
    counts
}

impl Explain for OpenTickets {
    fn name(&self) -> &'static str {
        "Open tickets"
    }

    fn formula(&self) -> &'static str {
        "tickets whose status now is other than solved or closed"
    }

    fn inputs(&self) -> u64 {
        self.tickets
    }

    fn terms(&self) -> Vec<Term> {
        vec![Term::count("tickets", self.tickets), Term::count("open", self.open)]
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::metrics::Edges;
    use crate::model::{CommentId, SafeText, TicketChannel, TicketId, TicketPriority};

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a valid instant")
    }

    fn november() -> Interval {
        Interval::new(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), Edges::ExcludesEnd)
            .expect("a valid interval")
    }

    fn hours(count: i64) -> SignedDuration {
        SignedDuration::from_hours(count)
    }

    /// A ticket created on 10 November at midnight, replied to and solved
    /// `reply` and `solve` hours later.
    fn ticket(reply: Option<i64>, solve: Option<i64>) -> TicketTimes {
        let created_at = at("2026-11-10T00:00:00Z");
        TicketTimes {
            account: AccountId(1),
            created_at,
            first_reply_at: reply.map(|h| created_at + hours(h)),
            solved_at: solve.map(|h| created_at + hours(h)),
        }
    }

    #[test]
    fn an_even_count_takes_the_mean_of_the_middle_two() {
        let tickets: Vec<_> = [4, 1, 3, 2].into_iter().map(|h| ticket(Some(h), None)).collect();
        let result = first_response_times(tickets.iter().copied(), november());
        assert_eq!(result.median, Some(SignedDuration::from_mins(150)));
        let odd: Vec<_> = [3, 1, 2].into_iter().map(|h| ticket(Some(h), None)).collect();
        assert_eq!(first_response_times(odd.iter().copied(), november()).median, Some(hours(2)));
    }

    #[test]
    fn the_90th_percentile_is_the_nearest_rank() {
        let ten: Vec<_> = (1..=10).map(|h| ticket(Some(h), None)).collect();
        assert_eq!(first_response_times(ten.iter().copied(), november()).percentile_90, Some(hours(9)));
        let eleven: Vec<_> = (1..=11).map(|h| ticket(Some(h), None)).collect();
        // ⌈0.9 · 11⌉ = 10.
        assert_eq!(first_response_times(eleven.iter().copied(), november()).percentile_90, Some(hours(10)));
        let one = [ticket(Some(5), None)];
        let single = first_response_times(one.iter().copied(), november());
        assert_eq!((single.median, single.percentile_90), (Some(hours(5)), Some(hours(5))));
    }

    #[test]
    fn negative_and_missing_durations_are_skipped_and_counted() {
        let tickets =
            [ticket(Some(2), None), ticket(Some(-1), None), ticket(None, None), ticket(Some(0), None)];
        let result = first_response_times(tickets.iter().copied(), november());
        assert_eq!((result.measured, result.negative, result.missing), (2, 1, 1));
        assert_eq!(result.median, Some(hours(1)));
    }

    #[test]
    fn first_response_counts_tickets_created_in_the_period() {
        let mut october = ticket(Some(1), None);
        october.created_at = at("2026-10-31T23:00:00Z");
        october.first_reply_at = Some(at("2026-11-01T01:00:00Z"));
        let result = first_response_times([october, ticket(Some(3), None)], november());
        assert_eq!((result.measured, result.median), (1, Some(hours(3))));
    }

    #[test]
    fn resolution_counts_tickets_solved_in_the_period() {
        let mut old = ticket(None, None);
        old.created_at = at("2026-10-01T00:00:00Z");
        old.solved_at = Some(at("2026-11-02T00:00:00Z"));
        let late = ticket(None, Some(24 * 30));
        let unsolved = ticket(None, None);
        let result = resolution_times([old, late, unsolved, ticket(None, Some(-2))], november());
        assert_eq!((result.measured, result.negative, result.missing), (1, 1, 0));
        assert_eq!(result.median, Some(hours(24 * 32)));
        assert_eq!(result.name(), "Resolution time");
    }

    #[test]
    fn nothing_measured_is_no_data() {
        let result = first_response_times([ticket(None, None)], november());
        assert_eq!((result.median, result.percentile_90, result.missing), (None, None, 1));
        assert_eq!(resolution_times([], november()).median, None);
    }

    #[test]
    fn the_first_reply_is_the_earliest_public_agent_comment() {
        let created_at = at("2026-11-10T00:00:00Z");
        let ticket = Ticket {
            id: TicketId(7),
            account_id: AccountId(3),
            requester_id: None,
            subject: SafeText::default(),
            status: TicketStatus::Open,
            priority: TicketPriority::Normal,
            assignee: SafeText::default(),
            channel: TicketChannel::Email,
            created_at,
            updated_at: created_at,
            solved_at: None,
            sla_due_at: None,
            satisfaction: None,
            external: None,
        };
        let comment = |id: i64, ticket: i64, by_agent: bool, public: bool, hour: i64| TicketComment {
            id: CommentId(id),
            ticket_id: TicketId(ticket),
            author: SafeText::default(),
            by_agent,
            public,
            body: SafeText::default(),
            created_at: created_at + hours(hour),
        };
        let comments = [
            comment(1, 7, false, true, 1),
            comment(2, 7, true, false, 2),
            comment(3, 8, true, true, 3),
            comment(4, 7, true, true, 5),
            comment(5, 7, true, true, 4),
        ];
        let times = TicketTimes::of(&ticket, &comments);
        assert_eq!(times.first_reply_at, Some(created_at + hours(4)));
        assert_eq!(times.account, AccountId(3));
    }

    #[test]
    fn open_tickets_are_those_not_solved_or_closed() {
        use TicketStatus::{Closed, New, OnHold, Open, Pending, Solved};
        let result = open_tickets([New, Open, Pending, OnHold, Solved, Closed]);
        assert_eq!((result.open, result.tickets), (4, 6));
    }

    proptest! {
        #[test]
        fn median_and_percentile_match_a_full_sort(mut minutes in prop::collection::vec(0i64..10_000, 1..100)) {
            let tickets: Vec<_> = minutes
                .iter()
                .map(|m| {
                    let mut t = ticket(None, None);
                    t.first_reply_at = Some(t.created_at + SignedDuration::from_mins(*m));
                    t
                })
                .collect();
            let result = first_response_times(tickets.iter().copied(), november());
            minutes.sort_unstable();
            let n = minutes.len();
            let median_nanos = if n % 2 == 1 {
                i128::from(minutes[n / 2]) * 60_000_000_000
            } else {
                (i128::from(minutes[n / 2 - 1]) + i128::from(minutes[n / 2])) * 30_000_000_000
            };
            prop_assert_eq!(result.median.map(|d| d.as_nanos()), Some(median_nanos));
            let rank = (9 * n).div_ceil(10);
            prop_assert_eq!(result.percentile_90, Some(SignedDuration::from_mins(minutes[rank - 1])));
        }
    }
}

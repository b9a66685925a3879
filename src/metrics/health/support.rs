//! Support: how the account's support is going — open urgent tickets, open
//! tickets past their SLA, and the share of good ticket ratings on tickets
//! solved in the window.
//!
//! Pure: reads the tickets created on or before `now`. An account with no
//! open ticket and no ticket created in the window has no recent support
//! record to score (no data), not a perfect one: a customer who left a year
//! ago has no open tickets either.

use jiff::Timestamp;

use crate::metrics::AccountFacts;
use crate::metrics::signals::{ticket_load, ticket_ratings};
use crate::model::time::add_days_to;

use super::scale::{Scale, Unit};
use super::{Input, InputScore, Reading};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SupportModel {
    pub weight: u32,
    pub open_urgent_tickets: Scale,
    pub tickets_past_sla: Scale,
    /// Good ratings / (good + bad), in percent.
    pub good_ticket_ratings: Scale,
    /// How far back tickets count: ratings by the ticket's solve time, and
    /// whether there is recent support at all by its creation.
    pub window_days: u32,
}

impl Default for SupportModel {
    fn default() -> Self {
        SupportModel {
            weight: 20,
            open_urgent_tickets: Scale::whole(0, 2, Unit::Count),
            tickets_past_sla: Scale::whole(0, 3, Unit::Count),
            good_ticket_ratings: Scale::whole(90, 50, Unit::Percent),
            window_days: 90,
        }
    }
}

impl SupportModel {
    pub(super) fn read(&self, facts: &AccountFacts<'_>, now: Timestamp) -> [InputScore; 3] {
        let load = ticket_load(facts.tickets, now);
        let window_start = add_days_to(now, -i64::from(self.window_days));
        let recent = load.open > 0 || load.latest_created_at.is_some_and(|created| created > window_start);
        let (urgent, past_sla) = if recent {
            (Reading::OpenUrgentTickets(load), Reading::TicketsPastSla(load))
        } else {
            (Reading::NoData, Reading::NoData)
        };
        let ratings = ticket_ratings(facts.tickets, now, self.window_days);
        let ratings = if ratings.answers == 0 { Reading::NoData } else { Reading::TicketRatings(ratings) };
        [
            InputScore::scaled(Input::OpenUrgentTickets, urgent, self.open_urgent_tickets),
            InputScore::scaled(Input::TicketsPastSla, past_sla, self.tickets_past_sla),
            InputScore::scaled(Input::GoodTicketRatings, ratings, self.good_ticket_ratings),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture::{days_ago, now, only, ticket, view};
    use crate::metrics::{Facts, Ratio};
    use crate::model::{LifecycleStage, Satisfaction, TicketPriority, TicketStatus};

    fn scores(facts: &mut Facts) -> [Option<Ratio>; 3] {
        SupportModel::default().read(&view(facts), now()).map(|input| input.score())
    }

    fn urgent_past_sla(days: i64) -> crate::metrics::TicketFact {
        let mut open = ticket(days, TicketStatus::Open);
        open.priority = TicketPriority::Urgent;
        open.sla_due_at = Some(days_ago(days - 1).into());
        open
    }

    fn rated(days: i64, satisfaction: Satisfaction) -> crate::metrics::TicketFact {
        crate::metrics::TicketFact { satisfaction: Some(satisfaction), ..ticket(days, TicketStatus::Solved) }
    }

    #[test]
    fn a_quiet_account_with_good_ratings_scores_full_marks() {
        let mut facts = only(LifecycleStage::Retention);
        facts.tickets = vec![rated(10, Satisfaction::Good), ticket(5, TicketStatus::Open)];
        assert_eq!(scores(&mut facts), [Some(Ratio::whole(100)); 3]);
    }

    #[test]
    fn urgent_and_overdue_tickets_lower_the_score_to_zero_at_the_threshold() {
        let mut facts = only(LifecycleStage::Retention);
        facts.tickets = vec![urgent_past_sla(3)];
        assert_eq!(scores(&mut facts)[..2], [Some(Ratio::whole(50)), Some(Ratio::new(6_667, 100).unwrap())]);
        facts.tickets = vec![urgent_past_sla(4), urgent_past_sla(3), urgent_past_sla(2)];
        assert_eq!(scores(&mut facts)[..2], [Some(Ratio::ZERO), Some(Ratio::ZERO)]);
    }

    #[test]
    fn ratings_count_within_their_window_only() {
        let mut facts = only(LifecycleStage::Retention);
        // 7 good of 10 in the window (70 %: half way from 50 to 90); the bad
        // one solved 90 days ago is just outside it.
        facts.tickets = (0..10)
            .map(|day| rated(day + 1, if day < 7 { Satisfaction::Good } else { Satisfaction::Bad }))
            .chain([rated(90, Satisfaction::Bad), rated(20, Satisfaction::Offered)])
            .collect();
        assert_eq!(scores(&mut facts)[2], Some(Ratio::whole(50)));
    }

    #[test]
    fn no_recent_or_open_ticket_is_no_data() {
        assert_eq!(scores(&mut only(LifecycleStage::Reach)), [None; 3]);
        let mut facts = only(LifecycleStage::Churned);
        facts.tickets = vec![ticket(200, TicketStatus::Closed), ticket(90, TicketStatus::Solved)];
        assert_eq!(scores(&mut facts), [None; 3]);
        // An old ticket still open is recent support.
        facts.tickets.push(ticket(300, TicketStatus::Pending));
        assert_eq!(scores(&mut facts), [Some(Ratio::whole(100)), Some(Ratio::whole(100)), None]);
        // So is a ticket written in the window, even without a rating.
        facts.tickets = vec![ticket(89, TicketStatus::Closed)];
        assert_eq!(scores(&mut facts), [Some(Ratio::whole(100)), Some(Ratio::whole(100)), None]);
    }
}

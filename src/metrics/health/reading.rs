//! Readings: what each health input read from an account's facts, kept as
//! the raw counts so that scoring divides nothing it does not have to, and
//! turned into named [`Term`]s only when a drill-down asks.
//!
//! Pure data.

use crate::metrics::signals::{ActiveUsersChange, Milestones, TicketLoad};
use crate::metrics::{Csat, Figure, Nps, Ratio, Term};
use crate::model::LifecycleStage;
use crate::model::time::days_between;

use super::Input;
use super::scale::{Measured, Scale};

/// The numbers one input read; `NoData` leaves the input out of its
/// component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    NoData,
    SeatAdoption {
        active_users: u32,
        seats: u32,
    },
    ActiveUsersTrend(ActiveUsersChange),
    KeyFeatureUse {
        uses: u32,
        active_users: u32,
    },
    OpenUrgentTickets(TicketLoad),
    TicketsPastSla(TicketLoad),
    TicketRatings(Csat),
    Nps(Nps),
    Csat(Csat),
    DaysWithoutLogin(u32),
    DaysSinceContactSeen(u32),
    /// MRR in minor units at the start of the window and now.
    MrrChange {
        from: i64,
        to: i64,
    },
    /// The stage and the score the stage table gives it; a stage the table
    /// does not list is not scored (no data).
    Stage {
        stage: LifecycleStage,
        score: Option<u8>,
    },
    OverdueMilestones(Milestones),
}

impl Reading {
    /// The number the input's scale reads; `None` when there is none (no
    /// data, or nothing to divide by).
    pub fn measured(self) -> Option<Measured> {
        match self {
            Reading::NoData | Reading::Stage { .. } => None,
            Reading::SeatAdoption { active_users, seats } => {
                Measured::percent(active_users.into(), seats.into())
            }
            Reading::ActiveUsersTrend(change) => {
                Measured::percent_change(change.earlier.into(), change.latest.into())
            }
            Reading::KeyFeatureUse { uses, active_users } => Measured::per(uses.into(), active_users.into()),
            Reading::OpenUrgentTickets(load) => Some(Measured::whole(load.urgent.into())),
            Reading::TicketsPastSla(load) => Some(Measured::whole(load.past_sla.into())),
            Reading::TicketRatings(csat) | Reading::Csat(csat) => {
                Measured::percent(signed(csat.satisfied), csat.answers)
            }
            Reading::Nps(nps) => {
                Measured::percent(signed(nps.promoters) - signed(nps.detractors), nps.answers())
            }
            Reading::DaysWithoutLogin(days) | Reading::DaysSinceContactSeen(days) => {
                Some(Measured::whole(days.into()))
            }
            Reading::MrrChange { from, to } => Measured::percent_change(from, to),
            Reading::OverdueMilestones(milestones) => Some(Measured::whole(milestones.overdue.into())),
        }
    }

    /// Every number behind the reading, named; empty for no data.
    pub fn terms(self) -> Vec<Term> {
        let count = |name, value: u32| Term::count(name, value.into());
        let share = |name, part: i128, whole: i128| {
            Ratio::new(part, whole).map(|value| Term { name, figure: Figure::Share(value) })
        };
        match self {
            Reading::NoData => vec![],
            Reading::SeatAdoption { active_users, seats } => with(
                vec![count("active users", active_users), count("seats", seats)],
                share("seat adoption", active_users.into(), seats.into()),
            ),
            Reading::ActiveUsersTrend(change) => with(
                vec![
                    count("active users in the earlier snapshot", change.earlier),
                    count("active users in the latest snapshot", change.latest),
                    Term::count(
                        "days between the snapshots",
                        days_between(change.earlier_day, change.latest_day).unsigned_abs(),
                    ),
                ],
                share(
                    "change in active users",
                    i128::from(change.latest) - i128::from(change.earlier),
                    change.earlier.into(),
                ),
            ),
            Reading::KeyFeatureUse { uses, active_users } => with(
                vec![count("key-feature uses", uses), count("active users", active_users)],
                Ratio::new(uses.into(), active_users.into()).map(|value| Term {
                    name: "key-feature uses per active user",
                    figure: Figure::Number(value),
                }),
            ),
            Reading::OpenUrgentTickets(load) => {
                vec![count("open tickets", load.open), count("open urgent tickets", load.urgent)]
            }
            Reading::TicketsPastSla(load) => {
                vec![count("open tickets", load.open), count("open tickets past their SLA", load.past_sla)]
            }
            Reading::TicketRatings(csat) => with(
                vec![
                    Term::count("good ratings", csat.satisfied),
                    Term::count("bad ratings", csat.answers - csat.satisfied),
                ],
                share("good ratings share", csat.satisfied.into(), csat.answers.into()),
            ),
            Reading::Nps(nps) => with(
                vec![
                    Term::count("NPS answers", nps.answers()),
                    Term::count("promoters", nps.promoters),
                    Term::count("passives", nps.passives),
                    Term::count("detractors", nps.detractors),
                ],
                nps.exact().map(|value| Term { name: "NPS", figure: Figure::Number(value) }),
            ),
            Reading::Csat(csat) => with(
                vec![
                    Term::count("CSAT answers", csat.answers),
                    Term::count("satisfied (4–5 or good)", csat.satisfied),
                ],
                share("CSAT", csat.satisfied.into(), csat.answers.into()),
            ),
            Reading::DaysWithoutLogin(days) => vec![count("days without a login", days)],
            Reading::DaysSinceContactSeen(days) => vec![count("days since a contact was last seen", days)],
            Reading::MrrChange { from, to } => with(
                vec![
                    Term::money("MRR at the window's start", from.into()),
                    Term::money("MRR now", to.into()),
                ],
                share("change in MRR", i128::from(to) - i128::from(from), from.into()),
            ),
            Reading::Stage { stage, score } => with(
                vec![Term { name: "stage", figure: Figure::Label(stage.as_str()) }],
                score.map(|score| Term::count("stage score", score.into())),
            ),
            Reading::OverdueMilestones(milestones) => vec![
                count("onboarding milestones", milestones.milestones),
                count("overdue milestones", milestones.overdue),
            ],
        }
    }
}

fn with(mut terms: Vec<Term>, last: Option<Term>) -> Vec<Term> {
    terms.extend(last);
    terms
}

/// Counts far beyond i64 do not happen; saturating keeps the type honest.
fn signed(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// One input of one account: what it read and what it scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputScore {
    pub input: Input,
    pub reading: Reading,
    /// The scale the reading was scored on; `None` for the stage, which is
    /// scored by the stage table.
    pub scale: Option<Scale>,
    hundredths: Option<u16>,
}

impl InputScore {
    /// An input scored on its scale.
    pub(super) fn scaled(input: Input, reading: Reading, scale: Scale) -> InputScore {
        InputScore {
            input,
            reading,
            scale: Some(scale),
            hundredths: reading.measured().map(|value| scale.score(value)),
        }
    }

    /// The stage, scored by the stage table.
    pub(super) fn stage(reading: Reading) -> InputScore {
        let hundredths = match reading {
            Reading::Stage { score: Some(score), .. } => Some(u16::from(score.min(100)) * 100),
            _ => None,
        };
        InputScore { input: Input::Stage, reading, scale: None, hundredths }
    }

    /// The score out of 100, exactly; `None` when the input had no data.
    pub fn score(&self) -> Option<Ratio> {
        Ratio::new(self.hundredths?.into(), 100)
    }

    /// The score in hundredths of a point.
    pub fn hundredths(&self) -> Option<u16> {
        self.hundredths
    }
}

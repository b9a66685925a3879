//! Health: one account's explainable health score (DESIGN.md, "Health score
//! and churn risk").
//!
//! Six components — usage, support, sentiment, engagement, financial,
//! lifecycle — each read a few inputs from the account's facts as of `now`
//! and score every input 0–100 on a simple scale from `health.toml` ("full
//! marks at ≥ 80 %, zero at ≤ 20 %"). A component's score is the mean of its
//! inputs that have data. The health score is Σ wᵢ·sᵢ / Σ wᵢ over the
//! components that have data (and a weight above 0): a component without
//! data is left out and the others' weights renormalise; with none left the
//! score is "no data", never 0. The band (poor, fair, good) is taken on the
//! score as shown: rounded once, half up.
//!
//! Exact: an input's score is kept in hundredths of a point and every sum
//! after it in integers over one common denominator, so each component's
//! contribution is an exact [`Ratio`] and the contributions add up to the
//! score exactly; [`Health::explanation`] adds whole-number contributions
//! that add up to the shown score.
//!
//! Pure and cheap: no clock, no I/O, no allocation while scoring — a
//! [`Health`] is a plain value of fixed size, and its explanation is built
//! only when asked for.

mod bands;
mod engagement;
mod explanation;
mod financial;
mod lifecycle;
mod reading;
mod scale;
mod sentiment;
mod support;
#[cfg(test)]
mod tests;
mod trend;
mod usage;

pub use bands::{Band, BandRange, Bands, BandsError};
pub use engagement::EngagementModel;
pub use explanation::{ComponentLine, HealthExplanation, InputLine};
pub use financial::FinancialModel;
pub use lifecycle::{LifecycleModel, StageScores};
pub use reading::{InputScore, Reading};
pub use scale::{FULL_MARKS, Measured, Scale, Threshold, Unit};
pub use sentiment::SentimentModel;
pub use support::SupportModel;
pub use trend::{CHANGE_DAYS, Change, daily_scores};
pub use usage::UsageModel;

use jiff::Timestamp;

use super::{AccountFacts, Ratio};
use crate::model::Currency;
use crate::model::time::utc_date;

/// The components of health, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    Usage,
    Support,
    Sentiment,
    Engagement,
    Financial,
    Lifecycle,
}

impl Component {
    pub const ALL: [Component; 6] = [
        Component::Usage,
        Component::Support,
        Component::Sentiment,
        Component::Engagement,
        Component::Financial,
        Component::Lifecycle,
    ];

    /// As written in `health.toml` and shown.
    pub fn name(self) -> &'static str {
        match self {
            Component::Usage => "usage",
            Component::Support => "support",
            Component::Sentiment => "sentiment",
            Component::Engagement => "engagement",
            Component::Financial => "financial",
            Component::Lifecycle => "lifecycle",
        }
    }
}

/// The inputs the components read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    SeatAdoption,
    ActiveUsersTrend,
    KeyFeatureUse,
    OpenUrgentTickets,
    TicketsPastSla,
    GoodTicketRatings,
    Nps,
    Csat,
    DaysWithoutLogin,
    DaysSinceContactSeen,
    MrrChange,
    Stage,
    OverdueOnboardingMilestones,
}

impl Input {
    pub const ALL: [Input; 13] = [
        Input::SeatAdoption,
        Input::ActiveUsersTrend,
        Input::KeyFeatureUse,
        Input::OpenUrgentTickets,
        Input::TicketsPastSla,
        Input::GoodTicketRatings,
        Input::Nps,
        Input::Csat,
        Input::DaysWithoutLogin,
        Input::DaysSinceContactSeen,
        Input::MrrChange,
        Input::Stage,
        Input::OverdueOnboardingMilestones,
    ];

    pub fn component(self) -> Component {
        match self {
            Input::SeatAdoption | Input::ActiveUsersTrend | Input::KeyFeatureUse => Component::Usage,
            Input::OpenUrgentTickets | Input::TicketsPastSla | Input::GoodTicketRatings => Component::Support,
            Input::Nps | Input::Csat => Component::Sentiment,
            Input::DaysWithoutLogin | Input::DaysSinceContactSeen => Component::Engagement,
            Input::MrrChange => Component::Financial,
            Input::Stage | Input::OverdueOnboardingMilestones => Component::Lifecycle,
        }
    }

    /// The setting that scores it in `health.toml`, in its component's table.
    pub fn key(self) -> &'static str {
        match self {
            Input::SeatAdoption => "seat_adoption",
            Input::ActiveUsersTrend => "active_users_trend",
            Input::KeyFeatureUse => "key_feature_use",
            Input::OpenUrgentTickets => "open_urgent_tickets",
            Input::TicketsPastSla => "tickets_past_sla",
            Input::GoodTicketRatings => "good_ticket_ratings",
            Input::Nps => "nps",
            Input::Csat => "csat",
            Input::DaysWithoutLogin => "days_without_login",
            Input::DaysSinceContactSeen => "days_since_contact_seen",
            Input::MrrChange => "mrr_change",
            Input::Stage => "stage_scores",
            Input::OverdueOnboardingMilestones => "overdue_onboarding_milestones",
        }
    }

    /// As a drill-down shows it.
    pub fn name(self) -> &'static str {
        match self {
            Input::SeatAdoption => "seat adoption",
            Input::ActiveUsersTrend => "active-user trend",
            Input::KeyFeatureUse => "key-feature use",
            Input::OpenUrgentTickets => "open urgent tickets",
            Input::TicketsPastSla => "tickets past their SLA",
            Input::GoodTicketRatings => "good ticket ratings",
            Input::Nps => "NPS",
            Input::Csat => "CSAT",
            Input::DaysWithoutLogin => "days without a login",
            Input::DaysSinceContactSeen => "days since a contact was seen",
            Input::MrrChange => "MRR change",
            Input::Stage => "lifecycle stage",
            Input::OverdueOnboardingMilestones => "overdue onboarding milestones",
        }
    }
}

/// The most inputs one component reads.
pub const MAX_INPUTS: usize = 3;

/// Every count of inputs with data, 1 to [`MAX_INPUTS`], divides it: a
/// component's mean times it is a whole number of hundredths.
const COMMON_MULTIPLE: u64 = 6;
const _: () = {
    let mut count = 1;
    while count <= MAX_INPUTS {
        assert!(COMMON_MULTIPLE.is_multiple_of(count as u64));
        count += 1;
    }
};

/// The unit weighted sums are kept in: 1 / (100 × COMMON_MULTIPLE) of a point.
const UNITS_PER_POINT: u64 = 100 * COMMON_MULTIPLE;

/// The health model: each component's weight and scales, and the bands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct HealthModel {
    pub usage: UsageModel,
    pub support: SupportModel,
    pub sentiment: SentimentModel,
    pub engagement: EngagementModel,
    pub financial: FinancialModel,
    pub lifecycle: LifecycleModel,
    pub bands: Bands,
}

impl HealthModel {
    /// One account's health as of `now`.
    pub fn score(&self, facts: AccountFacts<'_>, now: Timestamp) -> Health {
        let today = utc_date(now);
        let components = [
            ComponentScore::new(Component::Usage, self.usage.weight, self.usage.read(&facts, today)),
            ComponentScore::new(Component::Support, self.support.weight, self.support.read(&facts, now)),
            ComponentScore::new(
                Component::Sentiment,
                self.sentiment.weight,
                self.sentiment.read(&facts, now),
            ),
            ComponentScore::new(
                Component::Engagement,
                self.engagement.weight,
                self.engagement.read(&facts, now, today),
            ),
            ComponentScore::new(
                Component::Financial,
                self.financial.weight,
                self.financial.read(&facts, now),
            ),
            ComponentScore::new(
                Component::Lifecycle,
                self.lifecycle.weight,
                self.lifecycle.read(&facts, today),
            ),
        ];
        let weighted_sum = components.iter().map(ComponentScore::weighted).sum();
        let total_weight = components
            .iter()
            .filter(|component| component.counts())
            .map(|component| u64::from(component.weight))
            .sum();
        let mut health = Health {
            components,
            weighted_sum,
            total_weight,
            band: None,
            change_30d: None,
            currency: facts.account.mrr.currency,
        };
        if let Some(shown) = health.shown_score() {
            health.band = Some(self.bands.band(shown));
            health.change_30d = trend::change_30d(facts.health, today, shown);
        }
        health
    }

    pub fn weight(&self, component: Component) -> u32 {
        match component {
            Component::Usage => self.usage.weight,
            Component::Support => self.support.weight,
            Component::Sentiment => self.sentiment.weight,
            Component::Engagement => self.engagement.weight,
            Component::Financial => self.financial.weight,
            Component::Lifecycle => self.lifecycle.weight,
        }
    }

    pub fn weight_mut(&mut self, component: Component) -> &mut u32 {
        match component {
            Component::Usage => &mut self.usage.weight,
            Component::Support => &mut self.support.weight,
            Component::Sentiment => &mut self.sentiment.weight,
            Component::Engagement => &mut self.engagement.weight,
            Component::Financial => &mut self.financial.weight,
            Component::Lifecycle => &mut self.lifecycle.weight,
        }
    }

    /// The scale an input is scored on; `None` for the stage, which is
    /// scored by its table.
    pub fn scale_mut(&mut self, input: Input) -> Option<&mut Scale> {
        Some(match input {
            Input::SeatAdoption => &mut self.usage.seat_adoption,
            Input::ActiveUsersTrend => &mut self.usage.active_users_trend,
            Input::KeyFeatureUse => &mut self.usage.key_feature_use,
            Input::OpenUrgentTickets => &mut self.support.open_urgent_tickets,
            Input::TicketsPastSla => &mut self.support.tickets_past_sla,
            Input::GoodTicketRatings => &mut self.support.good_ticket_ratings,
            Input::Nps => &mut self.sentiment.nps,
            Input::Csat => &mut self.sentiment.csat,
            Input::DaysWithoutLogin => &mut self.engagement.days_without_login,
            Input::DaysSinceContactSeen => &mut self.engagement.days_since_contact_seen,
            Input::MrrChange => &mut self.financial.mrr_change,
            Input::OverdueOnboardingMilestones => &mut self.lifecycle.overdue_onboarding_milestones,
            Input::Stage => return None,
        })
    }
}

/// One component of one account: its weight and its inputs' scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComponentScore {
    pub component: Component,
    pub weight: u32,
    inputs: [Option<InputScore>; MAX_INPUTS],
}

impl ComponentScore {
    fn new<const N: usize>(component: Component, weight: u32, read: [InputScore; N]) -> ComponentScore {
        const { assert!(N <= MAX_INPUTS) };
        let mut inputs = [None; MAX_INPUTS];
        for (slot, input) in inputs.iter_mut().zip(read) {
            *slot = Some(input);
        }
        ComponentScore { component, weight, inputs }
    }

    /// Every input the component read, with or without data.
    pub fn inputs(&self) -> impl Iterator<Item = &InputScore> {
        self.inputs.iter().flatten()
    }

    /// The mean of the inputs with data, out of 100; `None` without any.
    pub fn score(&self) -> Option<Ratio> {
        let (sum, count) = self.tally();
        Ratio::new(sum.into(), i128::from(count) * 100)
    }

    pub fn has_data(&self) -> bool {
        self.tally().1 > 0
    }

    /// Whether the component takes part in the score: it has data and weight.
    pub fn counts(&self) -> bool {
        self.weight > 0 && self.has_data()
    }

    /// The sum of the inputs' scores in hundredths, and how many had data.
    fn tally(&self) -> (u64, u64) {
        self.inputs()
            .filter_map(InputScore::hundredths)
            .fold((0, 0), |(sum, count), hundredths| (sum + u64::from(hundredths), count + 1))
    }

    /// wᵢ·sᵢ in units of 1/UNITS_PER_POINT of a point; 0 when it does not count.
    fn weighted(&self) -> u64 {
        match self.tally() {
            (_, 0) => 0,
            (sum, count) => u64::from(self.weight) * sum * (COMMON_MULTIPLE / count),
        }
    }
}

/// One account's health: every component's inputs and score, the score, its
/// band and its change over 30 days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Health {
    components: [ComponentScore; Component::ALL.len()],
    /// Σ wᵢ·sᵢ over the components that count, in 1/UNITS_PER_POINT points.
    weighted_sum: u64,
    /// Σ wᵢ over the components that count.
    total_weight: u64,
    band: Option<Band>,
    change_30d: Option<Change>,
    /// The currency of the account's MRR, which its money inputs are in.
    currency: Currency,
}

impl Health {
    /// The exact score, 0–100; `None` is "no data".
    pub fn score(&self) -> Option<Ratio> {
        Ratio::new(self.weighted_sum.into(), self.denominator()?.into())
    }

    /// The score as shown: rounded once, half up.
    pub fn shown_score(&self) -> Option<u8> {
        let denominator = self.denominator()?;
        // At most 100, since every component's mean is.
        Some(((2 * self.weighted_sum + denominator) / (2 * denominator)).min(100) as u8)
    }

    pub fn band(&self) -> Option<Band> {
        self.band
    }

    /// The change of the shown score since the stored snapshot on or nearest
    /// before 30 days ago.
    pub fn change_30d(&self) -> Option<Change> {
        self.change_30d
    }

    pub fn components(&self) -> &[ComponentScore] {
        &self.components
    }

    pub fn component(&self, component: Component) -> &ComponentScore {
        // The array holds the components in the order of Component::ALL.
        &self.components[component as usize]
    }

    /// wᵢ / Σ w over the components that count; `None` for one left out.
    pub fn normalised_weight(&self, component: Component) -> Option<Ratio> {
        let part = self.component(component);
        if !part.counts() {
            return None;
        }
        Ratio::new(part.weight.into(), self.total_weight.into())
    }

    /// wᵢ·sᵢ / Σ w: what the component adds to the score, exactly.
    pub fn contribution(&self, component: Component) -> Option<Ratio> {
        let part = self.component(component);
        if !part.counts() {
            return None;
        }
        Ratio::new(part.weighted().into(), self.denominator()?.into())
    }

    /// Σ w in the unit of the weighted sum; `None` when nothing counts.
    fn denominator(&self) -> Option<u64> {
        (self.total_weight > 0).then(|| self.total_weight * UNITS_PER_POINT)
    }
}

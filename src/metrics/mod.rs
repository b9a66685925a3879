//! Metrics: every formula of DOMAIN.md as a pure function — NPS, CSAT, CES,
//! churn and retention, support times, repeat purchases, order value,
//! conversion, LTV and RFM — plus the windows they are computed over and
//! helpers to compute any of them per key or per period; and per account,
//! the explainable health score and churn risk (`health`, `risk`) from the
//! signals read from its facts (`signals`).
//!
//! Pure: no I/O, no clock, no SQL. The caller passes `now`, the window and
//! the rows, as slices of small plain values or iterators over them; the
//! store and the UI decide where the rows come from and how results look.
//!
//! One shape for every result (see [`explain`]): a struct of the counts and
//! sums behind the number, accessors that return `None` for "no data" (never
//! NaN, never a 0 % from dividing by zero), exact [`Ratio`]s rounded once,
//! half away from zero, when shown, and an [`Explain`] implementation for the
//! drill-down. Sums are i128 so no run of i64 amounts can overflow.

pub mod dashboard;
pub mod explain;
pub mod facts;
#[cfg(test)]
mod fixture;
pub mod group;
pub mod health;
pub mod kpi_lines;
pub mod ltv;
pub mod nps;
pub mod period;
pub mod portfolio;
pub mod queues;
pub mod ratio;
pub mod retention;
pub mod revenue;
pub mod rfm;
pub mod risk;
pub mod satisfaction;
pub mod signals;
pub mod support;
pub mod text;
pub mod window;

pub use explain::{Explain, Figure, Term, Windowed};
pub use facts::{
    AccountFact, AccountFacts, ContactFact, FactTime, Facts, HealthPoint, PurchaseFact, StageFact,
    SurveyFact, TaskFact, TicketFact, UsageFact,
};
pub use group::{per_key, series};
pub use health::{Health, HealthModel};
pub use ltv::{Book, CustomerCosts, GrossMargin, Ltv, LtvVariant, gross_margin, lifetime_value};
pub use nps::{Nps, nps};
pub use period::BadPeriod;
pub use ratio::Ratio;
pub use retention::{MrrChange, Retention, retention};
pub use revenue::{
    Order, OrderValue, RepeatPurchaseRate, Trial, TrialConversion, average_order_value, repeat_purchase_rate,
    trial_conversion,
};
pub use rfm::{CustomerRfm, Rfm, RfmScore, RfmSegment, rfm};
pub use risk::{Risk, RiskLevel, RiskModel, revenue_at_risk};
pub use satisfaction::{Ces, Csat, PooledCsat, ces, csat, csat_from_ratings, pooled_csat};
pub use support::{
    OpenTickets, SupportClock, SupportTimes, TicketTimes, first_response_times, open_tickets,
    resolution_times,
};
pub use window::{Edges, Interval, Step, Window, WindowError};

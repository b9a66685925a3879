//! How a metric explains itself (DESIGN.md: "every number explains itself").
//!
//! Every result in `metrics` has one shape: a plain struct of the counts and
//! sums it was computed from, typed accessors for its value that return
//! `None` for "no data", and an [`Explain`] implementation, so one drill-down
//! panel can show any metric's name, formula, window and named inputs.
//! Metrics that are computed over a bag of answers and know no time are
//! paired with the interval the caller selected them by in [`Windowed`].
//!
//! Pure data: nothing here formats numbers for a screen.

use jiff::SignedDuration;

use super::{Interval, Ratio};

/// What a drill-down shows beside a metric's value.
pub trait Explain {
    /// The metric's name as a screen titles it: "NPS", "Churn rate".
    fn name(&self) -> &'static str;

    /// The formula in words, as DOMAIN.md states it.
    fn formula(&self) -> &'static str;

    /// How many inputs the value rests on: answers, customers at the start,
    /// tickets measured, purchases.
    fn inputs(&self) -> u64;

    /// The interval the inputs come from, when the metric knows it.
    fn window(&self) -> Option<Interval> {
        None
    }

    /// Every named number behind the value, including what was skipped.
    fn terms(&self) -> Vec<Term>;
}

/// One named number behind a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub name: &'static str,
    pub figure: Figure,
}

impl Term {
    pub fn count(name: &'static str, count: u64) -> Term {
        Term { name, figure: Figure::Count(count) }
    }

    pub fn money(name: &'static str, minor_units: i128) -> Term {
        Term { name, figure: Figure::Money(minor_units) }
    }
}

/// A number of a kind a screen knows how to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Count(u64),
    /// Minor units of the one currency the inputs were in.
    Money(i128),
    /// A fraction, shown as a percentage.
    Share(Ratio),
    Duration(SignedDuration),
    /// A plain exact number that is neither a count nor a share: an NPS, a
    /// score out of 100, uses per user.
    Number(Ratio),
    /// A named value, such as a lifecycle stage.
    Label(&'static str),
}

/// A metric together with the interval its inputs were selected from, for
/// metrics that know no time themselves (NPS, CSAT, CES, purchases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Windowed<M> {
    pub interval: Interval,
    pub metric: M,
}

impl<M: Explain> Explain for Windowed<M> {
    fn name(&self) -> &'static str {
        self.metric.name()
    }

    fn formula(&self) -> &'static str {
        self.metric.formula()
    }

    fn inputs(&self) -> u64 {
        self.metric.inputs()
    }

    fn window(&self) -> Option<Interval> {
        Some(self.interval)
    }

    fn terms(&self) -> Vec<Term> {
        self.metric.terms()
    }
}

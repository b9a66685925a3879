//! Scales: how one input's measured value becomes a score out of 100 — full
//! marks at or beyond one threshold, zero at or beyond the other, a straight
//! line between ("full marks at ≥ 80 %, zero at ≤ 20 %"). Which threshold is
//! higher says whether more is better (adoption) or worse (overdue tickets).
//!
//! Pure integer arithmetic, no rounding but one: thresholds are decimals with
//! at most two places, and a score is kept in hundredths of a point, rounded
//! half up once, so the sums health makes of scores stay exact and small.

use std::fmt;

use crate::metrics::Ratio;

/// Full marks, in hundredths of a point.
pub const FULL_MARKS: u16 = 10_000;

/// A threshold: a decimal with at most two places, kept in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Threshold(i64);

impl Threshold {
    /// A billion either way, in hundredths: far beyond any real threshold,
    /// and small enough that no product in [`Scale::score`] can overflow.
    pub const LIMIT_HUNDREDTHS: i64 = 100_000_000_000;

    /// `None` beyond ±[`Self::LIMIT_HUNDREDTHS`].
    pub fn from_hundredths(hundredths: i64) -> Option<Threshold> {
        (hundredths.unsigned_abs() <= Self::LIMIT_HUNDREDTHS.unsigned_abs()).then_some(Threshold(hundredths))
    }

    /// A whole number (the defaults are all whole).
    pub const fn whole(value: i16) -> Threshold {
        Threshold(value as i64 * 100)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Threshold {
    /// "80", "2.5", "-0.25": no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let (whole, cents) = (self.0.unsigned_abs() / 100, self.0.unsigned_abs() % 100);
        match cents {
            0 => write!(f, "{sign}{whole}"),
            _ if cents % 10 == 0 => write!(f, "{sign}{whole}.{}", cents / 10),
            _ => write!(f, "{sign}{whole}.{cents:02}"),
        }
    }
}

/// What a scale's thresholds measure, for showing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Percent,
    Count,
    Days,
    /// NPS points, −100 to 100.
    Points,
    PerActiveUser,
}

impl Unit {
    fn suffix(self) -> &'static str {
        match self {
            Unit::Percent => " %",
            Unit::Count => "",
            Unit::Days => " days",
            Unit::Points => " points",
            Unit::PerActiveUser => " per active user",
        }
    }
}

/// A measured value as a fraction, deliberately not reduced: reducing costs
/// a gcd the scale does not need. The constructors bound it — numerator
/// within ±2^72, denominator 1 to 2^64 — which, with the bound on
/// thresholds, keeps every product in [`Scale::score`] below 2^120.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measured {
    numerator: i128,
    denominator: i128,
}

impl Measured {
    pub fn whole(value: i64) -> Measured {
        Measured { numerator: i128::from(value), denominator: 1 }
    }

    /// `part / whole`; `None` when `whole` is 0.
    pub fn per(part: u64, whole: u64) -> Option<Measured> {
        (whole > 0).then(|| Measured { numerator: i128::from(part), denominator: i128::from(whole) })
    }

    /// `part / whole` in percent; `None` when `whole` is 0.
    pub fn percent(part: i64, whole: u64) -> Option<Measured> {
        (whole > 0).then(|| Measured { numerator: 100 * i128::from(part), denominator: i128::from(whole) })
    }

    /// The change from `from` to `to` in percent of `from`; `None` unless
    /// `from` is above 0.
    pub fn percent_change(from: i64, to: i64) -> Option<Measured> {
        (from > 0).then(|| Measured {
            numerator: 100 * (i128::from(to) - i128::from(from)),
            denominator: i128::from(from),
        })
    }

    /// The exact value, for showing it.
    pub fn value(self) -> Ratio {
        // The denominator is never 0.
        Ratio::new(self.numerator, self.denominator).unwrap_or(Ratio::ZERO)
    }
}

/// Full marks at or beyond `full_at`, zero at or beyond `zero_at`, a
/// straight line between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scale {
    full_at: Threshold,
    zero_at: Threshold,
    unit: Unit,
}

impl Scale {
    /// `None` when the two thresholds are equal: such a scale has no line.
    pub fn new(full_at: Threshold, zero_at: Threshold, unit: Unit) -> Option<Scale> {
        (full_at != zero_at).then_some(Scale { full_at, zero_at, unit })
    }

    /// For the defaults, whose thresholds are whole numbers and differ.
    pub(crate) const fn whole(full_at: i16, zero_at: i16, unit: Unit) -> Scale {
        Scale { full_at: Threshold::whole(full_at), zero_at: Threshold::whole(zero_at), unit }
    }

    pub fn full_at(self) -> Threshold {
        self.full_at
    }

    pub fn zero_at(self) -> Threshold {
        self.zero_at
    }

    pub fn unit(self) -> Unit {
        self.unit
    }

    /// Whether a higher value scores higher.
    pub fn rises(self) -> bool {
        self.full_at > self.zero_at
    }

    /// The value's score in hundredths of a point, 0 to [`FULL_MARKS`],
    /// rounded half up.
    pub fn score(self, value: Measured) -> u16 {
        // Every quantity below is in hundredths × the value's denominator,
        // so the comparisons and the line are exact integer arithmetic.
        let at = value.numerator * 100;
        let zero = i128::from(self.zero_at.0) * value.denominator;
        let full = i128::from(self.full_at.0) * value.denominator;
        let (gained, span) = if self.rises() { (at - zero, full - zero) } else { (zero - at, zero - full) };
        if gained <= 0 {
            return 0;
        }
        if gained >= span {
            return FULL_MARKS;
        }
        // 0 < gained < span, so the quotient is below FULL_MARKS.
        ((gained * 2 * i128::from(FULL_MARKS) + span) / (2 * span)) as u16
    }
}

impl fmt::Display for Scale {
    /// "full marks at ≥ 80 %, zero at ≤ 20 %".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (full, zero) = if self.rises() { ("≥", "≤") } else { ("≤", "≥") };
        let suffix = self.unit.suffix();
        write!(f, "full marks at {full} {}{suffix}, zero at {zero} {}{suffix}", self.full_at, self.zero_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADOPTION: Scale = Scale::whole(80, 20, Unit::Percent);
    const OVERDUE: Scale = Scale::whole(0, 3, Unit::Count);

    #[test]
    fn a_rising_scale_is_full_at_and_above_its_top_and_zero_at_and_below_its_bottom() {
        let percent = |part, whole| ADOPTION.score(Measured::percent(part, whole).unwrap());
        assert_eq!(percent(8, 10), FULL_MARKS);
        assert_eq!(percent(10, 10), FULL_MARKS);
        assert_eq!(percent(2, 10), 0);
        assert_eq!(percent(0, 10), 0);
        assert_eq!(percent(5, 10), 5_000);
        // 37/50 = 74 %: (74 − 20) / 60 = 90 %.
        assert_eq!(percent(37, 50), 9_000);
    }

    #[test]
    fn a_falling_scale_scores_less_for_more() {
        let count = |value| OVERDUE.score(Measured::whole(value));
        assert_eq!(count(0), FULL_MARKS);
        assert_eq!(count(-4), FULL_MARKS);
        assert_eq!(count(1), 6_667);
        assert_eq!(count(2), 3_333);
        assert_eq!(count(3), 0);
        assert_eq!(count(30), 0);
        assert!(!OVERDUE.rises());
    }

    #[test]
    fn halves_of_a_hundredth_round_up() {
        let scale = Scale::whole(1, 0, Unit::Count);
        let per = |part, whole| scale.score(Measured::per(part, whole).unwrap());
        // 1/20000 of the way is half a hundredth of a point.
        assert_eq!(per(1, 20_000), 1);
        assert_eq!(per(1, 40_000), 0);
        assert_eq!(per(3, 20_000), 2);
    }

    #[test]
    fn equal_thresholds_make_no_scale() {
        assert_eq!(Scale::new(Threshold::whole(5), Threshold::whole(5), Unit::Count), None);
    }

    #[test]
    fn extreme_values_stay_on_the_scale() {
        let wide = Scale::new(
            Threshold::from_hundredths(Threshold::LIMIT_HUNDREDTHS).unwrap(),
            Threshold::from_hundredths(-Threshold::LIMIT_HUNDREDTHS).unwrap(),
            Unit::Percent,
        )
        .unwrap();
        for value in [
            Measured::percent_change(1, i64::MAX).unwrap(),
            Measured::percent_change(i64::MAX, i64::MIN).unwrap(),
            Measured::percent(i64::MIN, 1).unwrap(),
            Measured::per(u64::MAX, 1).unwrap(),
            Measured::per(1, u64::MAX).unwrap(),
        ] {
            assert!(wide.score(value) <= FULL_MARKS);
            assert!(ADOPTION.score(value) <= FULL_MARKS);
        }
        assert_eq!(ADOPTION.score(Measured::percent_change(1, i64::MAX).unwrap()), FULL_MARKS);
        assert_eq!(Threshold::from_hundredths(Threshold::LIMIT_HUNDREDTHS + 1), None);
    }

    #[test]
    fn thresholds_and_scales_describe_themselves() {
        assert_eq!(Threshold::from_hundredths(250).unwrap().to_string(), "2.5");
        assert_eq!(Threshold::from_hundredths(-25).unwrap().to_string(), "-0.25");
        assert_eq!(Threshold::from_hundredths(205).unwrap().to_string(), "2.05");
        assert_eq!(ADOPTION.to_string(), "full marks at ≥ 80 %, zero at ≤ 20 %");
        assert_eq!(OVERDUE.to_string(), "full marks at ≤ 0, zero at ≥ 3");
    }

    #[test]
    fn measured_values_show_exactly() {
        assert_eq!(Measured::percent(3, 4).unwrap().value(), Ratio::whole(75));
        assert_eq!(Measured::percent_change(40, 28).unwrap().value(), Ratio::whole(-30));
        assert_eq!(Measured::percent_change(0, 28), None);
        assert_eq!(Measured::per(5, 0), None);
    }
}

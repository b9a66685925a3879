//! `Ratio`: an exact fraction of two integers, the value every share, rate,
//! mean and average in `metrics` is kept as until a screen rounds it.
//!
//! Pure arithmetic. Rounding is always half away from zero and happens once,
//! on the exact value, so 2.5 % shows as 3 % and −2.5 as −3 whatever the
//! platform's float rounding does.

/// An exact fraction, kept in lowest terms with a positive denominator, so two
/// equal values compare equal (`1/2 == 2/4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    numerator: i128,
    denominator: i128,
}

impl Ratio {
    pub const ZERO: Ratio = Ratio { numerator: 0, denominator: 1 };
    pub const ONE: Ratio = Ratio { numerator: 1, denominator: 1 };

    /// `numerator / denominator`; `None` when the denominator is zero, which
    /// every metric reports as "no data".
    pub fn new(numerator: i128, denominator: i128) -> Option<Ratio> {
        if denominator == 0 {
            return None;
        }
        let divisor = greatest_common_divisor(numerator.unsigned_abs(), denominator.unsigned_abs());
        // Only i128::MIN can fail here (its magnitude does not fit, or it
        // cannot be negated): no value rather than a panic.
        let divisor = i128::try_from(divisor).ok()?;
        let (numerator, denominator) = (numerator / divisor, denominator / divisor);
        if denominator < 0 {
            Some(Ratio { numerator: numerator.checked_neg()?, denominator: denominator.checked_neg()? })
        } else {
            Some(Ratio { numerator, denominator })
        }
    }

    /// A whole number as a ratio.
    pub fn whole(value: i128) -> Ratio {
        Ratio { numerator: value, denominator: 1 }
    }

    pub fn numerator(self) -> i128 {
        self.numerator
    }

    /// Always positive.
    pub fn denominator(self) -> i128 {
        self.denominator
    }

    /// `1 − self`: retention from churn, revenue churn from GRR.
    pub fn complement(self) -> Ratio {
        // d − n cannot overflow for the shares metrics produce (0 ≤ n ≤ d);
        // saturating keeps arbitrary ratios panic-free.
        Ratio::new(self.denominator.saturating_sub(self.numerator), self.denominator).unwrap_or(Ratio::ZERO)
    }

    /// `self × factor`, exactly (saturating far beyond any real sum of money).
    pub fn times(self, factor: Ratio) -> Ratio {
        // Cross-reduce first so the products stay as small as they can.
        let left = greatest_common_divisor(self.numerator.unsigned_abs(), factor.denominator.unsigned_abs());
        let right = greatest_common_divisor(factor.numerator.unsigned_abs(), self.denominator.unsigned_abs());
        let (left, right) = (i128::try_from(left).unwrap_or(1), i128::try_from(right).unwrap_or(1));
        let numerator = (self.numerator / left).saturating_mul(factor.numerator / right);
        let denominator = (self.denominator / right).saturating_mul(factor.denominator / left);
        Ratio::new(numerator, denominator).unwrap_or(Ratio::ZERO)
    }

    /// The value in percent, still exact (3/5 → 60/1).
    pub fn percent(self) -> Ratio {
        self.times(Ratio::whole(100))
    }

    /// The nearest integer, halves rounded away from zero (2.5 → 3, −2.5 → −3).
    pub fn round(self) -> i128 {
        let quotient = self.numerator / self.denominator;
        let remainder = self.numerator % self.denominator;
        // |r| ≥ d − |r| is 2|r| ≥ d without the overflow of doubling.
        let rest = remainder.unsigned_abs();
        if rest >= self.denominator.unsigned_abs() - rest {
            quotient + self.numerator.signum()
        } else {
            quotient
        }
    }

    /// The percentage rounded once, half away from zero (1/8 → 13).
    pub fn rounded_percent(self) -> i64 {
        saturate_to_i64(self.percent().round())
    }

    /// The nearest whole number as an i64, halves away from zero: money in
    /// minor units, for display.
    pub fn rounded(self) -> i64 {
        saturate_to_i64(self.round())
    }

    /// A float for charts and sorting; never NaN, since the denominator is
    /// never zero.
    pub fn to_f64(self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.denominator == 1 {
            write!(f, "{}", self.numerator)
        } else {
            write!(f, "{}/{}", self.numerator, self.denominator)
        }
    }
}

fn saturate_to_i64(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

fn greatest_common_divisor(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    // gcd(0, 0) would be 0; 1 keeps the division above defined.
    a.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(numerator: i128, denominator: i128) -> Ratio {
        Ratio::new(numerator, denominator).expect("non-zero denominator")
    }

    #[test]
    fn a_zero_denominator_is_no_value() {
        assert_eq!(Ratio::new(3, 0), None);
    }

    #[test]
    fn ratios_are_kept_in_lowest_terms_with_a_positive_denominator() {
        assert_eq!(ratio(2, 4), ratio(1, 2));
        assert_eq!(ratio(3, -6), ratio(-1, 2));
        assert_eq!(ratio(-3, -6).denominator(), 2);
        assert_eq!(ratio(0, -7), Ratio::ZERO);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(ratio(5, 2).round(), 3);
        assert_eq!(ratio(-5, 2).round(), -3);
        assert_eq!(ratio(7, 3).round(), 2);
        assert_eq!(ratio(-7, 3).round(), -2);
        assert_eq!(ratio(1, 8).rounded_percent(), 13);
        assert_eq!(ratio(-1, 8).rounded_percent(), -13);
        assert_eq!(ratio(1, 3).rounded_percent(), 33);
    }

    #[test]
    fn complement_and_product_are_exact() {
        assert_eq!(ratio(1, 10).complement(), ratio(9, 10));
        assert_eq!(ratio(333, 1).times(ratio(200, 333)), Ratio::whole(200));
        assert_eq!(ratio(3, 5).percent(), Ratio::whole(60));
    }

    #[test]
    fn extreme_values_do_not_panic() {
        let huge = ratio(i128::MAX, 1);
        assert_eq!(huge.rounded_percent(), i64::MAX);
        assert_eq!(ratio(i128::MIN + 1, 1).rounded(), i64::MIN);
        assert_eq!(Ratio::new(i128::MIN, -1), None);
        assert!(ratio(1, 3).to_f64() > 0.333);
    }
}

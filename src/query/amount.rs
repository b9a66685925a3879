//! Amounts of money as typed in a filter (`mrr > 1250.50`): an exact
//! decimal in major units, compared with each account's MRR in the minor
//! units of the account's own currency.

use std::fmt;

use super::ast::Comparison;

/// Decimals an amount may have: enough for every ISO 4217 currency.
const MAX_DECIMALS: u32 = 3;
/// Digits before the decimal point: a quadrillion is beyond any MRR, and the
/// limit keeps every conversion to minor units inside an `i64`.
const MAX_WHOLE_DIGITS: usize = 15;

/// An exact decimal: `units / 10^decimals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    units: i64,
    decimals: u32,
}

/// How an amount compares with whole minor units of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinorBound {
    /// Compare the MRR in minor units with this number.
    Compare(Comparison, i64),
    /// Every MRR in this currency matches (`!=` a value between two minor units).
    Always,
    /// None does (`=` a value between two minor units).
    Never,
}

impl Amount {
    /// Reads `1250`, `1250.5` or `-3`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Amount> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || whole.len() > MAX_WHOLE_DIGITS || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        if digits.contains('.') && fraction.is_empty() || fraction.len() > MAX_DECIMALS as usize {
            return None;
        }
        let decimals = fraction.len() as u32;
        let units: i64 = format!("{whole}{fraction}").parse().ok()?;
        Some(Amount { units: if negative { -units } else { units }, decimals })
    }

    /// The same comparison on whole minor units of a currency with
    /// `minor_digits` digits after the point. A value between two minor units
    /// (1000.5 in yen) moves `<`, `<=`, `>` and `>=` to the nearest unit on
    /// the right side, so the answer stays exact.
    pub fn in_minor_units(self, comparison: Comparison, minor_digits: u32) -> MinorBound {
        let (numerator, denominator) = if minor_digits >= self.decimals {
            (i128::from(self.units) * 10i128.pow(minor_digits - self.decimals), 1i128)
        } else {
            (i128::from(self.units), 10i128.pow(self.decimals - minor_digits))
        };
        let floor = numerator.div_euclid(denominator);
        let exact = numerator.rem_euclid(denominator) == 0;
        let ceiling = if exact { floor } else { floor + 1 };
        // Both fit: at most 15 whole digits and 3 minor digits.
        let (floor, ceiling) = (floor as i64, ceiling as i64);
        match comparison {
            Comparison::Less | Comparison::GreaterOrEqual => MinorBound::Compare(comparison, ceiling),
            Comparison::LessOrEqual | Comparison::Greater => MinorBound::Compare(comparison, floor),
            Comparison::Equal if exact => MinorBound::Compare(comparison, floor),
            Comparison::NotEqual if exact => MinorBound::Compare(comparison, floor),
            Comparison::Equal => MinorBound::Never,
            Comparison::NotEqual => MinorBound::Always,
        }
    }
}

impl fmt::Display for Amount {
    /// As typed: `1250.50` keeps its trailing zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = 10u64.pow(self.decimals);
        let magnitude = self.units.unsigned_abs();
        let sign = if self.units < 0 { "-" } else { "" };
        write!(f, "{sign}{}", magnitude / scale)?;
        if self.decimals > 0 {
            write!(f, ".{:0width$}", magnitude % scale, width = self.decimals as usize)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Amount {
        Amount::parse(text).unwrap()
    }

    #[test]
    fn reads_and_writes_amounts_as_typed() {
        for text in ["0", "1000", "1250.50", "0.001", "-3", "-0.5", "999999999999999.999"] {
            assert_eq!(amount(text).to_string(), text);
        }
        for bad in ["", "-", "1.", ".5", "1.2345", "1,000", "1e3", "12a", "--1", "1000000000000000"] {
            assert_eq!(Amount::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn whole_amounts_scale_to_minor_units() {
        assert_eq!(
            amount("1000").in_minor_units(Comparison::Greater, 2),
            MinorBound::Compare(Comparison::Greater, 100_000)
        );
        assert_eq!(
            amount("12.5").in_minor_units(Comparison::Equal, 2),
            MinorBound::Compare(Comparison::Equal, 1250)
        );
        assert_eq!(amount("7").in_minor_units(Comparison::Less, 0), MinorBound::Compare(Comparison::Less, 7));
        assert_eq!(
            amount("1.5").in_minor_units(Comparison::Less, 3),
            MinorBound::Compare(Comparison::Less, 1500)
        );
    }

    #[test]
    fn amounts_between_minor_units_round_to_the_right_side() {
        let half = amount("1000.5");
        let yen = |comparison| half.in_minor_units(comparison, 0);
        assert_eq!(yen(Comparison::Less), MinorBound::Compare(Comparison::Less, 1001));
        assert_eq!(yen(Comparison::LessOrEqual), MinorBound::Compare(Comparison::LessOrEqual, 1000));
        assert_eq!(yen(Comparison::Greater), MinorBound::Compare(Comparison::Greater, 1000));
        assert_eq!(yen(Comparison::GreaterOrEqual), MinorBound::Compare(Comparison::GreaterOrEqual, 1001));
        assert_eq!(yen(Comparison::Equal), MinorBound::Never);
        assert_eq!(yen(Comparison::NotEqual), MinorBound::Always);
        let negative = amount("-0.5").in_minor_units(Comparison::Less, 0);
        assert_eq!(negative, MinorBound::Compare(Comparison::Less, 0));
    }

    #[test]
    fn rounding_agrees_with_exact_arithmetic() {
        for text in ["1000.5", "-2.25", "0.125", "3"] {
            let value = amount(text);
            for digits in 0..=3 {
                for comparison in Comparison::ALL {
                    for minor in -5_000i64..5_000 {
                        // minor / 10^digits <op> units / 10^decimals, cross-multiplied.
                        let left = i128::from(minor) * 10i128.pow(value.decimals);
                        let right = i128::from(value.units) * 10i128.pow(digits);
                        let expected = comparison.holds(left, right);
                        let got = match value.in_minor_units(comparison, digits) {
                            MinorBound::Compare(op, bound) => op.holds(minor, bound),
                            MinorBound::Always => true,
                            MinorBound::Never => false,
                        };
                        assert_eq!(got, expected, "{minor} {comparison:?} {text} at {digits} digits");
                    }
                }
            }
        }
    }
}

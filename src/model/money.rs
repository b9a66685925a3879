//! Money in integer minor units with its ISO 4217 currency. Never a float:
//! sums of MRR must be exact.

use std::fmt;
use std::str::FromStr;

/// An ISO 4217 currency code, three upper-case ASCII letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("{0:?} is not a currency code: use three letters such as USD, EUR or PLN")]
    BadCurrency(String),
    #[error("{0:?} is not an amount: use digits with at most {1} decimals, e.g. 1234.50")]
    BadAmount(String, u32),
}

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const EUR: Currency = Currency(*b"EUR");
    pub const GBP: Currency = Currency(*b"GBP");
    pub const PLN: Currency = Currency(*b"PLN");

    pub fn code(&self) -> &str {
        // Only ASCII upper-case letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// Digits after the decimal point (ISO 4217 exponent).
    pub fn minor_digits(&self) -> u32 {
        match &self.0 {
            b"JPY" | b"KRW" | b"CLP" | b"ISK" | b"VND" | b"HUF" => 0,
            b"BHD" | b"KWD" | b"OMR" | b"JOD" | b"TND" => 3,
            _ => 2,
        }
    }

    fn symbol(&self) -> Option<&'static str> {
        match &self.0 {
            b"USD" => Some("$"),
            b"EUR" => Some("€"),
            b"GBP" => Some("£"),
            _ => None,
        }
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let upper = s.trim().to_ascii_uppercase();
        match upper.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|x| x.is_ascii_uppercase()) => Ok(Currency([*a, *b, *c])),
            _ => Err(MoneyError::BadCurrency(s.to_owned())),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount in minor units (cents) of one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Reads a decimal amount such as "1234.5" in the currency's minor units.
    pub fn parse(amount: &str, currency: Currency) -> Result<Money, MoneyError> {
        let digits = currency.minor_digits();
        let bad = || MoneyError::BadAmount(amount.to_owned(), digits);
        let text = amount.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        if whole.is_empty() || fraction.len() > digits as usize {
            return Err(bad());
        }
        if !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let scale = 10i64.pow(digits);
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        let fraction_value: i64 = if fraction.is_empty() {
            0
        } else {
            let padded = format!("{fraction:0<width$}", width = digits as usize);
            padded.parse().map_err(|_| bad())?
        };
        let minor = whole.checked_mul(scale).and_then(|m| m.checked_add(fraction_value)).ok_or_else(bad)?;
        Ok(Money::new(if negative { -minor } else { minor }, currency))
    }

    /// Whole units, rounded toward zero: for compact table cells.
    pub fn whole_units(&self) -> i64 {
        self.minor / 10i64.pow(self.currency.minor_digits())
    }

    /// "$1,234" — whole units with thousands separators, for tables.
    pub fn compact(&self) -> String {
        let grouped = group_thousands(self.whole_units().unsigned_abs());
        let sign = if self.minor < 0 { "-" } else { "" };
        match self.currency.symbol() {
            Some(symbol) => format!("{sign}{symbol}{grouped}"),
            None => format!("{sign}{grouped} {}", self.currency),
        }
    }
}

impl fmt::Display for Money {
    /// "$1,234.50" or "1,234.50 PLN": exact, with every minor digit.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.currency.minor_digits();
        let scale = 10u64.pow(digits);
        let magnitude = self.minor.unsigned_abs();
        let sign = if self.minor < 0 { "-" } else { "" };
        let mut number = group_thousands(magnitude / scale);
        if digits > 0 {
            number = format!("{number}.{:0width$}", magnitude % scale, width = digits as usize);
        }
        match self.currency.symbol() {
            Some(symbol) => write!(f, "{sign}{symbol}{number}"),
            None => write!(f, "{sign}{number} {}", self.currency),
        }
    }
}

/// Digits with a comma every three places: 100000 → "100,000".
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimal_amounts_exactly() {
        assert_eq!(Money::parse("1234.5", Currency::USD).unwrap().minor, 123_450);
        assert_eq!(Money::parse("0.07", Currency::EUR).unwrap().minor, 7);
        assert_eq!(Money::parse("-3", Currency::PLN).unwrap().minor, -300);
        let yen: Currency = "jpy".parse().unwrap();
        assert_eq!(Money::parse("500", yen).unwrap().minor, 500);
        assert!(Money::parse("1.234", Currency::USD).is_err());
        assert!(Money::parse("12a", Currency::USD).is_err());
        assert!(Money::parse("", Currency::USD).is_err());
    }

    #[test]
    fn formats_with_symbol_or_code() {
        assert_eq!(Money::new(123_456_789, Currency::USD).to_string(), "$1,234,567.89");
        assert_eq!(Money::new(-5, Currency::EUR).to_string(), "-€0.05");
        assert_eq!(Money::new(150_000, Currency::PLN).to_string(), "1,500.00 PLN");
        assert_eq!(Money::new(123_456_789, Currency::USD).compact(), "$1,234,567");
    }

    #[test]
    fn rejects_bad_currency_codes() {
        assert!("US".parse::<Currency>().is_err());
        assert!("U$D".parse::<Currency>().is_err());
        assert_eq!("eur".parse::<Currency>().unwrap(), Currency::EUR);
    }
}

//! The stored form of model values, shared by the writer and the readers:
//! calendar days as 'YYYY-MM-DD' text and closed vocabularies as their
//! canonical names. Instants are unix seconds (`Timestamp::as_second`), so
//! anything finer than a second is not kept.
//!
//! Pure conversions only: no SQL statements here.

use jiff::civil::Date;
use rusqlite::ToSql;
use rusqlite::types::{ToSqlOutput, ValueRef};

use super::StoreError;
use crate::model::{
    LifecycleStage, MeddicElement, Satisfaction, Source, SurveyKind, TaskStatus, TicketChannel,
    TicketPriority, TicketStatus, TouchpointChannel, UnknownValue,
};

/// The highest health score; the schema refuses anything above it.
pub(super) const MAX_HEALTH_SCORE: u8 = 100;

/// A calendar day in its stored form, built on the stack because the bulk
/// writer makes one per usage row.
pub(super) struct DayText([u8; 10]);

impl DayText {
    /// Days are stored as four-digit years so that text order is date order;
    /// a year outside 0–9999 has no such form.
    pub(super) fn new(day: Date, table: &'static str, field: &'static str) -> Result<Self, StoreError> {
        let year = day.year();
        if !(0..=9999).contains(&year) {
            return Err(StoreError::Unstorable {
                table,
                field,
                reason: format!("{day} is outside the years 0–9999"),
            });
        }
        let mut text = *b"0000-00-00";
        write_digits(&mut text[0..4], year.unsigned_abs().into());
        write_digits(&mut text[5..7], day.month().unsigned_abs().into());
        write_digits(&mut text[8..10], day.day().unsigned_abs().into());
        Ok(DayText(text))
    }

    pub(super) fn optional(
        day: Option<Date>,
        table: &'static str,
        field: &'static str,
    ) -> Result<Option<Self>, StoreError> {
        day.map(|day| DayText::new(day, table, field)).transpose()
    }
}

fn write_digits(out: &mut [u8], mut value: u32) {
    for slot in out.iter_mut().rev() {
        // `value % 10` is a single digit, so the cast cannot truncate.
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

impl ToSql for DayText {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(&self.0)))
    }
}

/// Reads a stored day; only the exact 'YYYY-MM-DD' form is accepted, so a
/// day that would sort wrongly as text is reported rather than guessed at.
pub(super) fn parse_day(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0i16, |total, &digit| {
            digit.is_ascii_digit().then(|| total * 10 + i16::from(digit - b'0'))
        })
    };
    let year = number(&bytes[0..4])?;
    let month = i8::try_from(number(&bytes[5..7])?).ok()?;
    let day = i8::try_from(number(&bytes[8..10])?).ok()?;
    Date::new(year, month, day).ok()
}

/// A closed vocabulary of the model, stored as its canonical names.
pub(super) trait StoredWord: Copy + std::str::FromStr<Err = UnknownValue> + 'static {
    const ALL: &'static [Self];
    fn canonical(self) -> &'static str;

    /// Stored words are canonical, so an exact match is tried first: it
    /// allocates nothing, unlike the alias-aware `FromStr` that is the
    /// fallback for files edited by hand.
    fn from_stored(text: &str) -> Result<Self, UnknownValue> {
        match Self::ALL.iter().find(|word| word.canonical() == text) {
            Some(word) => Ok(*word),
            None => text.parse(),
        }
    }
}

macro_rules! stored_words {
    ($($vocabulary:ty),+ $(,)?) => {$(
        impl StoredWord for $vocabulary {
            const ALL: &'static [Self] = <$vocabulary>::ALL;
            fn canonical(self) -> &'static str {
                self.as_str()
            }
        }
    )+};
}

stored_words!(
    LifecycleStage,
    TicketStatus,
    TicketPriority,
    TicketChannel,
    Satisfaction,
    SurveyKind,
    TaskStatus,
    Source,
    TouchpointChannel,
    MeddicElement,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_with_four_digit_years() {
        let text = DayText::new(Date::constant(987, 3, 9), "t", "f").unwrap();
        assert_eq!(&text.0, b"0987-03-09");
        assert!(DayText::new(Date::constant(-1, 1, 1), "t", "f").is_err());
    }

    #[test]
    fn only_exact_days_are_read() {
        assert_eq!(parse_day("2026-02-28"), Some(Date::constant(2026, 2, 28)));
        for bad in ["2026-02-30", "2026-2-28", "2026-02-28T00:00", "20260228", "２026-02-28", ""] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn stored_words_accept_canonical_names_and_aliases() {
        assert_eq!(LifecycleStage::from_stored("loyalty").unwrap(), LifecycleStage::Loyalty);
        assert_eq!(LifecycleStage::from_stored("Advocacy").unwrap(), LifecycleStage::Loyalty);
        assert!(LifecycleStage::from_stored("retension").is_err());
    }
}

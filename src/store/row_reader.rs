//! `RowReader`: reads one column at a time from a result row and turns every
//! value it cannot accept into a [`StoreError::BadRow`] naming the table, the
//! row and the field — a file edited by hand must never make keepers panic.
//!
//! Text is put through [`SafeText`] again on the way out: it was sanitised
//! when it was written, but the file may have been changed since.
//!
//! Reading only: the SELECT statements live with the readers of each table.

use jiff::Timestamp;
use jiff::civil::Date;
use rusqlite::Row;
use rusqlite::types::ValueRef;

use super::StoreError;
use super::codec::{MAX_HEALTH_SCORE, StoredWord, parse_day};
use crate::model::{Currency, ExternalRef, FieldCap, Money, SafeText};

/// Which leading columns of a SELECT identify its row, for error messages.
#[derive(Clone, Copy)]
pub(super) enum RowKey {
    /// Column 0 is the row's id.
    Id,
    /// Columns 0 and 1 are an account id and a day (usage snapshots).
    AccountAndDay,
}

pub(super) struct RowReader<'a, 'stmt> {
    row: &'a Row<'stmt>,
    table: &'static str,
    key: RowKey,
}

impl<'a, 'stmt> RowReader<'a, 'stmt> {
    pub(super) fn new(row: &'a Row<'stmt>, table: &'static str, key: RowKey) -> Self {
        RowReader { row, table, key }
    }

    pub(super) fn int(&self, column: usize, field: &'static str) -> Result<i64, StoreError> {
        self.opt_int(column, field)?.ok_or_else(|| self.bad(field, "is empty (NULL)"))
    }

    pub(super) fn opt_int(&self, column: usize, field: &'static str) -> Result<Option<i64>, StoreError> {
        match self.value(column)? {
            ValueRef::Null => Ok(None),
            ValueRef::Integer(value) => Ok(Some(value)),
            other => Err(self.bad(field, format!("expected an integer, found {}", type_name(other)))),
        }
    }

    pub(super) fn count(&self, column: usize, field: &'static str) -> Result<u32, StoreError> {
        let value = self.int(column, field)?;
        u32::try_from(value).map_err(|_| self.bad(field, format!("{value} is not a count")))
    }

    /// A health score, 0–100.
    pub(super) fn score(&self, column: usize, field: &'static str) -> Result<u8, StoreError> {
        let value = self.int(column, field)?;
        u8::try_from(value)
            .ok()
            .filter(|score| *score <= MAX_HEALTH_SCORE)
            .ok_or_else(|| self.bad(field, format!("{value} is not a score (0–{MAX_HEALTH_SCORE})")))
    }

    pub(super) fn flag(&self, column: usize, field: &'static str) -> Result<bool, StoreError> {
        match self.int(column, field)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(self.bad(field, format!("{other} is not a boolean (0 or 1)"))),
        }
    }

    pub(super) fn text(&self, column: usize, field: &'static str) -> Result<&'a str, StoreError> {
        self.opt_text(column, field)?.ok_or_else(|| self.bad(field, "is empty (NULL)"))
    }

    pub(super) fn opt_text(&self, column: usize, field: &'static str) -> Result<Option<&'a str>, StoreError> {
        match self.value(column)? {
            ValueRef::Null => Ok(None),
            ValueRef::Text(bytes) => {
                std::str::from_utf8(bytes).map(Some).map_err(|_| self.bad(field, "is not valid UTF-8"))
            }
            other => Err(self.bad(field, format!("expected text, found {}", type_name(other)))),
        }
    }

    /// A single-line field, sanitised again.
    pub(super) fn line(
        &self,
        column: usize,
        field: &'static str,
        cap: FieldCap,
    ) -> Result<SafeText, StoreError> {
        Ok(SafeText::line(self.text(column, field)?, cap))
    }

    pub(super) fn opt_line(
        &self,
        column: usize,
        field: &'static str,
        cap: FieldCap,
    ) -> Result<Option<SafeText>, StoreError> {
        Ok(self.opt_text(column, field)?.map(|text| SafeText::line(text, cap)))
    }

    /// A multi-line field (bodies, comments), sanitised again.
    pub(super) fn multiline(
        &self,
        column: usize,
        field: &'static str,
        cap: FieldCap,
    ) -> Result<SafeText, StoreError> {
        Ok(SafeText::multiline(self.text(column, field)?, cap))
    }

    pub(super) fn opt_multiline(
        &self,
        column: usize,
        field: &'static str,
        cap: FieldCap,
    ) -> Result<Option<SafeText>, StoreError> {
        Ok(self.opt_text(column, field)?.map(|text| SafeText::multiline(text, cap)))
    }

    pub(super) fn instant(&self, column: usize, field: &'static str) -> Result<Timestamp, StoreError> {
        let seconds = self.int(column, field)?;
        self.instant_from(seconds, field)
    }

    pub(super) fn opt_instant(
        &self,
        column: usize,
        field: &'static str,
    ) -> Result<Option<Timestamp>, StoreError> {
        self.opt_int(column, field)?.map(|seconds| self.instant_from(seconds, field)).transpose()
    }

    fn instant_from(&self, seconds: i64, field: &'static str) -> Result<Timestamp, StoreError> {
        Timestamp::from_second(seconds)
            .map_err(|_| self.bad(field, format!("{seconds} is not a time (unix seconds)")))
    }

    pub(super) fn day(&self, column: usize, field: &'static str) -> Result<Date, StoreError> {
        let text = self.text(column, field)?;
        self.day_from(text, field)
    }

    pub(super) fn opt_day(&self, column: usize, field: &'static str) -> Result<Option<Date>, StoreError> {
        self.opt_text(column, field)?.map(|text| self.day_from(text, field)).transpose()
    }

    fn day_from(&self, text: &str, field: &'static str) -> Result<Date, StoreError> {
        parse_day(text).ok_or_else(|| self.bad(field, format!("{text:?} is not a day (YYYY-MM-DD)")))
    }

    /// A value of a closed vocabulary (stage, status, …).
    pub(super) fn word<W: StoredWord>(&self, column: usize, field: &'static str) -> Result<W, StoreError> {
        let text = self.text(column, field)?;
        W::from_stored(text).map_err(|unknown| self.bad(field, unknown.to_string()))
    }

    pub(super) fn opt_word<W: StoredWord>(
        &self,
        column: usize,
        field: &'static str,
    ) -> Result<Option<W>, StoreError> {
        self.opt_text(column, field)?
            .map(|text| W::from_stored(text).map_err(|unknown| self.bad(field, unknown.to_string())))
            .transpose()
    }

    /// An amount from its minor-units column and the currency column after it.
    pub(super) fn money(&self, minor_column: usize, field: &'static str) -> Result<Money, StoreError> {
        let minor = self.int(minor_column, field)?;
        let code = self.text(minor_column + 1, field)?;
        let currency: Currency =
            code.parse().map_err(|error: crate::model::MoneyError| self.bad(field, error.to_string()))?;
        Ok(Money::new(minor, currency))
    }

    /// A backend reference from its source column and the id column after it:
    /// both empty means a record made locally.
    pub(super) fn external_ref(&self, source_column: usize) -> Result<Option<ExternalRef>, StoreError> {
        let source = self.opt_word(source_column, "source")?;
        let id = self.opt_line(source_column + 1, "external_id", FieldCap::TOKEN)?;
        match (source, id) {
            (Some(source), Some(id)) => Ok(Some(ExternalRef { source, id })),
            (None, None) => Ok(None),
            (Some(_), None) => Err(self.bad("external_id", "is empty while source is set")),
            (None, Some(_)) => Err(self.bad("source", "is empty while external_id is set")),
        }
    }

    /// A `BadRow` error about this row.
    pub(super) fn bad(&self, field: &'static str, reason: impl Into<String>) -> StoreError {
        StoreError::BadRow { table: self.table, id: self.describe_key(), field, reason: reason.into() }
    }

    fn value(&self, column: usize) -> Result<ValueRef<'a>, StoreError> {
        Ok(self.row.get_ref(column)?)
    }

    fn describe_key(&self) -> String {
        let show = |column: usize| match self.row.get_ref(column) {
            Ok(ValueRef::Integer(value)) => value.to_string(),
            Ok(ValueRef::Text(bytes)) => format!("{:?}", String::from_utf8_lossy(bytes)),
            Ok(other) => type_name(other).to_owned(),
            Err(_) => "unknown".to_owned(),
        };
        match self.key {
            RowKey::Id => show(0),
            RowKey::AccountAndDay => format!("account {}, day {}", show(0), show(1)),
        }
    }
}

fn type_name(value: ValueRef<'_>) -> &'static str {
    match value {
        ValueRef::Null => "NULL",
        ValueRef::Integer(_) => "an integer",
        ValueRef::Real(_) => "a real number",
        ValueRef::Text(_) => "text",
        ValueRef::Blob(_) => "a blob",
    }
}

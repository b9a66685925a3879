//! One row of a file, as the fields of its kind: each field's text with
//! where it came from (a CSV column, a JSON key, or the mapping's default),
//! so that a value that cannot be read is reported at its place.

use super::fields::ImportKind;
use crate::model::{FieldCap, SafeText};

/// Where a field's text was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A CSV column, by its index in the header (from 0).
    Column(usize),
    /// A JSON key, as the line spells it.
    Key(String),
    /// The `[defaults]` value of the mapping file.
    Default,
}

/// A field's text and its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub origin: Origin,
}

impl Cell {
    fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

/// A field of a row that cannot be taken as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub field: &'static str,
    /// `None` when the row has no such column or key at all.
    pub origin: Option<Origin>,
    pub reason: String,
}

/// The row as it was read, to be written to the rejected file unchanged.
#[derive(Debug, Clone)]
pub enum Original {
    Csv(csv::StringRecord),
    Json(serde_json::Map<String, serde_json::Value>),
}

/// One row: a cell (or none) for every field of its kind, in the kind's order.
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: ImportKind,
    /// 1-based, the header counting as line 1; for a CSV record that spans
    /// lines, the line it starts on.
    pub line: u64,
    pub cells: Vec<Option<Cell>>,
    pub original: Original,
}

/// The cell to use for a field: its own when it holds text, else the
/// default, else the empty cell (so a message can point at the column).
pub fn with_default(found: Option<Cell>, default: Option<&str>) -> Option<Cell> {
    match (found, default) {
        (Some(cell), _) if cell.has_text() => Some(cell),
        (_, Some(default)) => Some(Cell { text: default.to_owned(), origin: Origin::Default }),
        (found, None) => found,
    }
}

impl Row {
    fn cell(&self, field: &str) -> Option<&Cell> {
        let index = self.kind.fields().iter().position(|candidate| candidate.name == field)?;
        self.cells.get(index)?.as_ref()
    }

    /// The field's cell when it holds text.
    pub fn given(&self, field: &str) -> Option<&Cell> {
        self.cell(field).filter(|cell| cell.has_text())
    }

    /// An error about `field`, at its place in the row.
    pub fn error(&self, field: &'static str, reason: impl Into<String>) -> RowError {
        RowError { field, origin: self.cell(field).map(|cell| cell.origin.clone()), reason: reason.into() }
    }

    /// A text field, sanitised and capped; empty when not given.
    pub fn line_text(&self, field: &str, cap: FieldCap) -> SafeText {
        self.given(field).map(|cell| SafeText::line(&cell.text, cap)).unwrap_or_default()
    }

    /// A text field that keeps its line breaks; empty when not given.
    pub fn multiline_text(&self, field: &str, cap: FieldCap) -> SafeText {
        self.given(field).map(|cell| SafeText::multiline(&cell.text, cap)).unwrap_or_default()
    }

    /// A field read by `read`, or `None` when not given.
    pub fn optional<T>(
        &self,
        field: &'static str,
        read: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, RowError> {
        self.given(field).map(|cell| read(&cell.text).map_err(|reason| self.error(field, reason))).transpose()
    }

    /// A field read by `read`; a row without it is a bad row.
    pub fn required<T>(
        &self,
        field: &'static str,
        read: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, RowError> {
        self.optional(field, read)?.ok_or_else(|| self.missing(field))
    }

    /// A required text field.
    pub fn required_text(&self, field: &'static str, cap: FieldCap) -> Result<SafeText, RowError> {
        let text = self.line_text(field, cap);
        if text.is_empty() {
            return Err(self.missing(field));
        }
        Ok(text)
    }

    /// The error for a field the row does not give.
    pub fn missing(&self, field: &'static str) -> RowError {
        let needs = format!("every {} needs one", self.kind.singular());
        match self.cell(field) {
            Some(_) => self.error(field, format!("empty, but {needs}")),
            None => RowError { field, origin: None, reason: needs },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cells;

    fn row(cells: Vec<Option<Cell>>) -> Row {
        Row { kind: ImportKind::Usage, line: 2, cells, original: Original::Csv(csv::StringRecord::new()) }
    }

    fn column(index: usize, text: &str) -> Option<Cell> {
        Some(Cell { text: text.to_owned(), origin: Origin::Column(index) })
    }

    #[test]
    fn a_default_fills_an_empty_or_absent_cell_only() {
        let given = with_default(column(0, "7"), Some("1"));
        assert_eq!(given.map(|cell| cell.text), Some("7".to_owned()));
        let empty = with_default(column(0, " "), Some("1"));
        assert_eq!(empty.map(|cell| cell.origin), Some(Origin::Default));
        assert_eq!(with_default(None, None), None);
        assert_eq!(with_default(column(3, ""), None).map(|cell| cell.origin), Some(Origin::Column(3)));
    }

    #[test]
    fn missing_fields_say_whether_the_column_is_empty_or_absent() {
        let row = row(vec![column(0, "acme.com"), column(1, ""), None]);
        let empty = row.required("day", cells::day).unwrap_err();
        assert_eq!(
            (empty.origin, empty.reason.as_str()),
            (Some(Origin::Column(1)), "empty, but every day of usage needs one")
        );
        let absent = row.required("active_users", cells::count).unwrap_err();
        assert_eq!((absent.origin, absent.reason.as_str()), (None, "every day of usage needs one"));
        assert_eq!(row.optional("seats", cells::count), Ok(None));
    }
}

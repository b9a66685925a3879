//! The mapping file of `--map`: which column (or JSON key) holds each field,
//! and the value a field takes when a row leaves it empty.
//!
//! ```toml
//! [columns]
//! name = "Company Name"
//! mrr = "Monthly Revenue"
//!
//! [defaults]
//! currency = "EUR"
//! ```
//!
//! Without a mapping every field is read from the column of its own name.
//! Columns are matched ignoring case, surrounding space, and `-`/`_`/space
//! between words, so `Renewal Date` is the column of `renewal_date`. A field
//! that the kind does not have, an empty column name, and a default its
//! field cannot read are refused at their line and column, before any row
//! is read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::ImportError;
use super::fields::{Field, ImportKind};
use crate::config::line_and_column;

/// Where a kind's fields are read from, checked against the kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// The file it was read from, for messages; `None` for the default.
    pub path: Option<PathBuf>,
    /// Fields read from a column of another name.
    columns: Vec<(&'static str, String)>,
    /// Values of fields a row leaves empty.
    defaults: Vec<(&'static str, String)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    #[serde(default)]
    columns: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    defaults: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

impl Mapping {
    /// Reads a mapping file for `kind`.
    pub fn load(path: &Path, kind: ImportKind) -> Result<Mapping, ImportError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| ImportError::Read { path: path.to_owned(), source })?;
        Mapping::parse(&text, path, kind)
    }

    /// Parses mapping text; `path` is named in errors.
    pub fn parse(text: &str, path: &Path, kind: ImportKind) -> Result<Mapping, ImportError> {
        let error = |offset: usize, message: String| {
            let (line, column) = line_and_column(text, offset);
            ImportError::Mapping { path: path.to_owned(), line, column, message }
        };
        let file: MapFile = toml::from_str(text).map_err(|mistake| {
            error(mistake.span().map_or(0, |span| span.start), mistake.message().to_owned())
        })?;
        let field_of = |key: &Spanned<String>| {
            kind.field(key.get_ref()).ok_or_else(|| {
                error(
                    key.span().start,
                    format!(
                        "{} has no field {:?}; its fields are: {}",
                        kind.as_str(),
                        key.get_ref(),
                        kind.field_names()
                    ),
                )
            })
        };
        let mut mapping = Mapping { path: Some(path.to_owned()), ..Mapping::default() };
        for (key, column) in &file.columns {
            let field = field_of(key)?;
            if column.get_ref().trim().is_empty() {
                return Err(error(column.span().start, format!("the column of {} is empty", field.name)));
            }
            mapping.columns.push((field.name, column.get_ref().trim().to_owned()));
        }
        for (key, value) in &file.defaults {
            let field = field_of(key)?;
            let text = default_text(field, value.get_ref()).map_err(|why| error(value.span().start, why))?;
            mapping.defaults.push((field.name, text));
        }
        Ok(mapping)
    }

    /// The column (or key) `field` is read from.
    pub fn column_of<'a>(&'a self, field: &'a Field) -> &'a str {
        self.columns.iter().find(|(name, _)| *name == field.name).map_or(field.name, |(_, column)| column)
    }

    /// Whether `field` is read from a column named in the mapping file.
    pub fn is_mapped(&self, field: &Field) -> bool {
        self.columns.iter().any(|(name, _)| *name == field.name)
    }

    /// The value `field` takes when a row leaves it empty.
    pub fn default_of(&self, field: &Field) -> Option<&str> {
        self.defaults.iter().find(|(name, _)| *name == field.name).map(|(_, text)| text.as_str())
    }
}

/// A default as text, checked as a cell of its field would be.
fn default_text(field: &Field, value: &toml::Value) -> Result<String, String> {
    let text = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(number) => number.to_string(),
        toml::Value::Float(number) => number.to_string(),
        toml::Value::Boolean(yes) => yes.to_string(),
        _ => return Err(format!("the default of {} must be text, a number or true/false", field.name)),
    };
    (field.check)(&text).map_err(|why| format!("the default of {}: {why}", field.name))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, kind: ImportKind) -> Result<Mapping, String> {
        Mapping::parse(text, Path::new("map.toml"), kind).map_err(|error| error.to_string())
    }

    #[test]
    fn columns_and_defaults_are_read() {
        let mapping = parse(
            "[columns]\nname = \"Company Name\"\nmrr = \" Monthly Revenue \"\n\n[defaults]\ncurrency = \"EUR\"\n",
            ImportKind::Accounts,
        )
        .unwrap();
        let name = ImportKind::Accounts.field("name").unwrap();
        let mrr = ImportKind::Accounts.field("mrr").unwrap();
        let plan = ImportKind::Accounts.field("plan").unwrap();
        let currency = ImportKind::Accounts.field("currency").unwrap();
        assert_eq!(mapping.column_of(name), "Company Name");
        assert_eq!(mapping.column_of(mrr), "Monthly Revenue");
        assert_eq!(mapping.column_of(plan), "plan", "an unmapped field is read from its own name");
        assert!(mapping.is_mapped(name) && !mapping.is_mapped(plan));
        assert_eq!(mapping.default_of(currency), Some("EUR"));
        assert_eq!(mapping.default_of(plan), None);
    }

    #[test]
    fn the_shipped_example_reads_as_a_purchases_mapping() {
        let mapping = parse(include_str!("../../config/examples/csv.toml"), ImportKind::Purchases).unwrap();
        let field = |name| ImportKind::Purchases.field(name).unwrap();
        assert_eq!(mapping.column_of(field("purchased_at")), "Paid On");
        assert_eq!(mapping.default_of(field("currency")), Some("EUR"));
    }

    #[test]
    fn numbers_and_flags_make_defaults_too() {
        let mapping = parse("[defaults]\nseats = 10\n", ImportKind::Usage).unwrap();
        assert_eq!(mapping.default_of(ImportKind::Usage.field("seats").unwrap()), Some("10"));
        let mapping = parse("[defaults]\nchampion = true\n", ImportKind::Contacts).unwrap();
        assert_eq!(mapping.default_of(ImportKind::Contacts.field("champion").unwrap()), Some("true"));
    }

    #[test]
    fn an_empty_file_maps_every_field_to_its_own_name() {
        let mapping = parse("", ImportKind::Tickets).unwrap();
        let subject = ImportKind::Tickets.field("subject").unwrap();
        assert_eq!(mapping.column_of(subject), "subject");
    }

    #[test]
    fn a_field_the_kind_lacks_is_refused_at_its_place() {
        let error =
            parse("[columns]\nname = \"Name\"\n  amount = \"Total\"\n", ImportKind::Accounts).unwrap_err();
        assert!(error.starts_with("map.toml:3:3: accounts has no field \"amount\""), "{error}");
        assert!(error.contains("name, stage, domain, plan"), "{error}");
    }

    #[test]
    fn a_default_its_field_cannot_read_is_refused_at_its_value() {
        let error = parse("[defaults]\ncurrency = \"EURO\"\n", ImportKind::Purchases).unwrap_err();
        assert!(
            error.starts_with("map.toml:2:12: the default of currency: \"EURO\" is not a currency"),
            "{error}"
        );
        let error = parse("[defaults]\nday = 2026-11-25\n", ImportKind::Usage).unwrap_err();
        assert!(error.starts_with("map.toml:2:7: the default of day must be text"), "{error}");
    }

    #[test]
    fn unknown_tables_empty_columns_and_broken_syntax_name_their_line() {
        let error = parse("[column]\nname = \"Name\"\n", ImportKind::Accounts).unwrap_err();
        assert!(error.starts_with("map.toml:1:"), "{error}");
        let error = parse("[columns]\nname = \"  \"\n", ImportKind::Accounts).unwrap_err();
        assert!(error.starts_with("map.toml:2:8: the column of name is empty"), "{error}");
        let error = parse("[columns\n", ImportKind::Accounts).unwrap_err();
        assert!(error.starts_with("map.toml:1:"), "{error}");
    }
}

//! `ImportError`: why an import stopped, worded for the person who has to
//! fix the file — which file, which line and column, the value, and what to
//! write instead. Whenever one is returned, nothing was imported.

use std::path::PathBuf;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "cannot tell the format of {}: name the file .csv, .jsonl or .ndjson, or pass --format csv|jsonl",
        path.display()
    )]
    UnknownFormat { path: PathBuf },

    /// The file cannot be read as CSV or JSONL from this line on.
    #[error("{}:{line}: {reason}\n  nothing was imported: the file cannot be read past this line", path.display())]
    Malformed { path: PathBuf, line: u64, reason: String },

    /// A required field has no column, and the mapping gives it no default.
    #[error(
        "{}: no column gives {field}, which every {record} needs; the columns are: {columns}\n  \
         name a column {field}, map one with --map ([columns] {field} = \"Your Column\"), \
         or give one value for every row ([defaults] {field} = …)",
        path.display()
    )]
    MissingColumn { path: PathBuf, field: &'static str, record: &'static str, columns: String },

    /// The mapping names a column the file does not have.
    #[error(
        "{} reads {field} from the column {column:?}, which {} does not have; its columns are: {columns}",
        map.display(),
        path.display()
    )]
    MappedColumnMissing { path: PathBuf, map: PathBuf, field: &'static str, column: String, columns: String },

    /// Two columns of the header would both give one field.
    #[error(
        "{}:1: the columns {first:?} and {second:?} both give {field}: rename one, or choose with --map",
        path.display()
    )]
    TwoColumns { path: PathBuf, field: &'static str, first: String, second: String },

    /// A row whose value cannot be imported, without --skip-bad.
    #[error(
        "{}:{line}{}: {place}: {reason}\n  nothing was imported: fix the row and import again, or pass \
         --skip-bad to import the other rows and write the bad ones to {}",
        path.display(),
        column.map(|number| format!(":{number}")).unwrap_or_default(),
        rejected.display()
    )]
    BadRow {
        path: PathBuf,
        line: u64,
        column: Option<usize>,
        place: String,
        reason: String,
        rejected: PathBuf,
    },

    /// A mistake in the `--map` file.
    #[error(
        "{}:{line}:{column}: {message}\n  a mapping has [columns] field = \"Column\" and [defaults] field = \"value\" \
         (see config/examples/csv.toml)",
        path.display()
    )]
    Mapping { path: PathBuf, line: usize, column: usize, message: String },

    #[error("cannot write the rejected rows to {}: {reason}", path.display())]
    WriteRejected { path: PathBuf, reason: String },

    #[error(transparent)]
    Store(#[from] StoreError),
}

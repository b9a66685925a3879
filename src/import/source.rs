//! Reading a file's rows: CSV with a header row, or JSONL (one JSON object
//! per line). Either way each row comes out as the cells of its kind's
//! fields, found through the mapping, with defaults filled in.
//!
//! CSV quoting, quotes doubled inside quoted values, line breaks inside
//! them and a UTF-8 byte-order mark are the `csv` crate's to handle. What
//! cannot be read — invalid UTF-8, a record with more or fewer fields than
//! the header, a JSONL line that is not an object — stops the import at
//! its line: past it, the rows of the file cannot be trusted.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::ImportError;
use super::fields::ImportKind;
use super::mapping::Mapping;
use super::rows::{Cell, Origin, Original, Row, with_default};
use crate::model::normalise_word;

/// How a file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// JSON Lines: one object per line (also called NDJSON).
    Jsonl,
}

impl FileFormat {
    /// The format a file's extension names.
    pub fn of_path(path: &Path) -> Option<FileFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(FileFormat::Csv),
            "jsonl" | "ndjson" => Some(FileFormat::Jsonl),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Jsonl => "jsonl",
        }
    }
}

/// The rows of one file.
pub enum RowSource {
    Csv(CsvRows),
    Jsonl(JsonRows),
}

/// What both formats need to know to find a row's fields.
struct Fields {
    kind: ImportKind,
    /// Each field's column (or key) name, normalised for matching.
    wanted: Vec<String>,
    defaults: Vec<Option<String>>,
    map: Option<PathBuf>,
}

pub struct CsvRows {
    fields: Fields,
    reader: csv::Reader<File>,
    path: PathBuf,
    header: csv::StringRecord,
    /// Each field's column in the header.
    columns: Vec<Option<usize>>,
}

pub struct JsonRows {
    fields: Fields,
    input: BufReader<File>,
    path: PathBuf,
    line: u64,
    bytes: u64,
    buffer: Vec<u8>,
}

impl RowSource {
    /// Opens `path` and, for CSV, reads its header and finds every field's
    /// column.
    pub fn open(
        path: &Path,
        format: FileFormat,
        kind: ImportKind,
        mapping: &Mapping,
    ) -> Result<RowSource, ImportError> {
        let file = File::open(path).map_err(|source| ImportError::Read { path: path.to_owned(), source })?;
        let fields = Fields {
            kind,
            wanted: kind.fields().iter().map(|field| normalise_word(mapping.column_of(field))).collect(),
            defaults: kind
                .fields()
                .iter()
                .map(|field| mapping.default_of(field).map(str::to_owned))
                .collect(),
            map: mapping.path.clone(),
        };
        Ok(match format {
            FileFormat::Csv => RowSource::Csv(CsvRows::open(file, path, fields, mapping)?),
            FileFormat::Jsonl => RowSource::Jsonl(JsonRows {
                fields,
                input: BufReader::new(file),
                path: path.to_owned(),
                line: 0,
                bytes: 0,
                buffer: Vec::new(),
            }),
        })
    }

    /// The next row, or `None` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        match self {
            RowSource::Csv(rows) => rows.next_row(),
            RowSource::Jsonl(rows) => rows.next_row(),
        }
    }

    /// How far into the file reading has come, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        match self {
            RowSource::Csv(rows) => rows.reader.position().byte(),
            RowSource::Jsonl(rows) => rows.bytes,
        }
    }

    /// The header of a CSV file, which the rejected file repeats.
    pub fn header(&self) -> Option<&csv::StringRecord> {
        match self {
            RowSource::Csv(rows) => Some(&rows.header),
            RowSource::Jsonl(_) => None,
        }
    }

    /// The columns of a CSV file that no field reads.
    pub fn ignored_columns(&self) -> Vec<String> {
        match self {
            RowSource::Csv(rows) => rows
                .header
                .iter()
                .enumerate()
                .filter(|(index, name)| !name.trim().is_empty() && !rows.columns.contains(&Some(*index)))
                .map(|(_, name)| name.to_owned())
                .collect(),
            RowSource::Jsonl(_) => Vec::new(),
        }
    }

    /// Where a field's value was found, as a message names it: the column
    /// number (CSV only) and a phrase such as `column "Purchased On"
    /// (purchased_at)`.
    pub fn place(&self, field: &str, origin: Option<&Origin>) -> (Option<usize>, String) {
        let fields = match self {
            RowSource::Csv(rows) => &rows.fields,
            RowSource::Jsonl(rows) => &rows.fields,
        };
        let named = |what: &str, name: &str| {
            let suffix = if normalise_word(name) == normalise_word(field) {
                String::new()
            } else {
                format!(" ({field})")
            };
            format!("{what} {name:?}{suffix}")
        };
        match (self, origin) {
            (RowSource::Csv(rows), Some(Origin::Column(index))) => {
                (Some(index + 1), named("column", rows.header.get(*index).unwrap_or_default()))
            }
            (_, Some(Origin::Key(key))) => (None, named("key", key)),
            (_, Some(Origin::Default)) => {
                let map = fields.map.as_deref().map(|path| path.display().to_string()).unwrap_or_default();
                (None, format!("[defaults] {field} of {map}"))
            }
            (_, Some(Origin::Column(_))) | (_, None) => {
                let index = fields.kind.fields().iter().position(|candidate| candidate.name == field);
                let wanted = index.and_then(|index| fields.wanted.get(index)).map_or(field, String::as_str);
                let what = if matches!(self, RowSource::Csv(_)) { "no column" } else { "no key" };
                (None, named(what, wanted))
            }
        }
    }
}

impl CsvRows {
    fn open(file: File, path: &Path, fields: Fields, mapping: &Mapping) -> Result<CsvRows, ImportError> {
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(file);
        let header = reader.headers().map_err(|error| malformed(path, error))?.clone();
        let names: Vec<String> = header.iter().map(str::to_owned).collect();
        if names.iter().all(|name| name.trim().is_empty()) {
            return Err(ImportError::Malformed {
                path: path.to_owned(),
                line: 1,
                reason: "there is no header: the first line must name the columns, such as name,domain,plan"
                    .to_owned(),
            });
        }
        let listed = || names.iter().map(|name| format!("{name:?}")).collect::<Vec<_>>().join(", ");
        let normalised: Vec<String> = names.iter().map(|name| normalise_word(name)).collect();
        let mut columns = Vec::with_capacity(fields.wanted.len());
        for (field, wanted) in fields.kind.fields().iter().zip(&fields.wanted) {
            let mut matching = normalised.iter().enumerate().filter(|(_, name)| *name == wanted);
            let column = matching.next().map(|(index, _)| index);
            if let (Some(first), Some((second, _))) = (column, matching.next()) {
                return Err(ImportError::TwoColumns {
                    path: path.to_owned(),
                    field: field.name,
                    first: names[first].clone(),
                    second: names[second].clone(),
                });
            }
            match (column, &mapping.path) {
                (None, Some(map)) if mapping.is_mapped(field) => {
                    return Err(ImportError::MappedColumnMissing {
                        path: path.to_owned(),
                        map: map.clone(),
                        field: field.name,
                        column: mapping.column_of(field).to_owned(),
                        columns: listed(),
                    });
                }
                (None, _) if field.required && mapping.default_of(field).is_none() => {
                    return Err(ImportError::MissingColumn {
                        path: path.to_owned(),
                        field: field.name,
                        record: fields.kind.singular(),
                        columns: listed(),
                    });
                }
                _ => columns.push(column),
            }
        }
        Ok(CsvRows { fields, reader, path: path.to_owned(), header, columns })
    }

    fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        let mut record = csv::StringRecord::new();
        let more = self.reader.read_record(&mut record).map_err(|error| malformed(&self.path, error))?;
        if !more {
            return Ok(None);
        }
        let cells = self
            .columns
            .iter()
            .zip(&self.fields.defaults)
            .map(|(column, default)| {
                let found = column.and_then(|index| {
                    let text = record.get(index)?;
                    Some(Cell { text: text.to_owned(), origin: Origin::Column(index) })
                });
                with_default(found, default.as_deref())
            })
            .collect();
        let line = record.position().map_or(0, csv::Position::line);
        Ok(Some(Row { kind: self.fields.kind, line, cells, original: Original::Csv(record) }))
    }
}

/// A CSV reading error as the line it happened on and what to do.
fn malformed(path: &Path, error: csv::Error) -> ImportError {
    let line = error.position().map_or(1, csv::Position::line);
    let described = error.to_string();
    let reason = match error.into_kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in a spreadsheet)",
            err.field() + 1
        ),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
            "this row has {len} {} but the header has {expected_len}: a value with a comma, \
             a quote or a line break must be in double quotes, with its quotes doubled",
            if len == 1 { "field" } else { "fields" }
        ),
        csv::ErrorKind::Io(source) => return ImportError::Read { path: path.to_owned(), source },
        _ => described,
    };
    ImportError::Malformed { path: path.to_owned(), line, reason }
}

impl JsonRows {
    fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        loop {
            self.buffer.clear();
            let read = self
                .input
                .read_until(b'\n', &mut self.buffer)
                .map_err(|source| ImportError::Read { path: self.path.clone(), source })?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            self.bytes += read as u64;
            let malformed =
                |reason: String| ImportError::Malformed { path: self.path.clone(), line: self.line, reason };
            let text = std::str::from_utf8(&self.buffer)
                .map_err(|_| malformed("this line is not UTF-8 text: save the file as UTF-8".to_owned()))?;
            let text = text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            let object = match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(object)) => object,
                Ok(_) => {
                    return Err(malformed(
                        "this line is not a JSON object: each line must be {…}".to_owned(),
                    ));
                }
                Err(error) => return Err(malformed(format!("this line is not JSON: {error}"))),
            };
            let keys: Vec<(String, &String)> = object.keys().map(|key| (normalise_word(key), key)).collect();
            let cells = self
                .fields
                .wanted
                .iter()
                .zip(&self.fields.defaults)
                .map(|(wanted, default)| {
                    let found = keys.iter().find(|(name, _)| name == wanted).and_then(|(_, key)| {
                        Some(Cell {
                            text: json_text(&object[key.as_str()])?,
                            origin: Origin::Key((*key).clone()),
                        })
                    });
                    with_default(found, default.as_deref())
                })
                .collect();
            return Ok(Some(Row {
                kind: self.fields.kind,
                line: self.line,
                cells,
                original: Original::Json(object),
            }));
        }
    }
}

/// A JSON value as a cell's text: strings as they are, numbers and
/// true/false as written, a list as its items joined with commas (tags), and
/// `null` as no value.
fn json_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(yes) => Some(yes.to_string()),
        Value::Array(items) => Some(items.iter().filter_map(json_text).collect::<Vec<_>>().join(", ")),
        Value::Object(_) => Some(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(FileFormat::of_path(Path::new("a/b.CSV")), Some(FileFormat::Csv));
        assert_eq!(FileFormat::of_path(Path::new("b.ndjson")), Some(FileFormat::Jsonl));
        assert_eq!(FileFormat::of_path(Path::new("b.jsonl")), Some(FileFormat::Jsonl));
        assert_eq!(FileFormat::of_path(Path::new("b.txt")), None);
        assert_eq!(FileFormat::of_path(Path::new("b")), None);
    }

    #[test]
    fn json_values_become_cell_text() {
        let value: Value = serde_json::json!({"a": 12.5, "b": ["vip", "emea"], "c": null, "d": true});
        assert_eq!(json_text(&value["a"]).as_deref(), Some("12.5"));
        assert_eq!(json_text(&value["b"]).as_deref(), Some("vip, emea"));
        assert_eq!(json_text(&value["c"]), None);
        assert_eq!(json_text(&value["d"]).as_deref(), Some("true"));
    }
}

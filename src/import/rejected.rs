//! The rejected file of `--skip-bad`: every bad row as it was read, plus a
//! `reason` column (or key) saying where and why, in the input's format,
//! beside the input — so the user can fix it and import just those rows.
//!
//! It is created at the first bad row and removed again when the import
//! fails after all, so that it only ever lists rows of an import that
//! happened.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::ImportError;
use super::rows::Original;
use super::source::FileFormat;

/// The column (or key) added to every rejected row.
const REASON: &str = "reason";
/// Its name when the file already has a `reason` of its own.
const REASON_BESIDE_ONE: &str = "rejected_reason";

/// `purchases.csv` → `purchases.rejected.csv`.
pub fn rejected_path(path: &Path, format: FileFormat) -> PathBuf {
    let extension = path.extension().and_then(|extension| extension.to_str()).unwrap_or(format.extension());
    path.with_extension(format!("rejected.{extension}"))
}

pub struct RejectedFile {
    path: PathBuf,
    sink: Sink,
}

enum Sink {
    /// Boxed: the CSV writer carries its own buffer and state, ten times
    /// the size of the JSONL one.
    Csv(Box<csv::Writer<File>>),
    Jsonl(BufWriter<File>),
}

impl RejectedFile {
    /// Creates the file; a CSV one starts with the input's header and the
    /// reason column.
    pub fn create(path: PathBuf, header: Option<&csv::StringRecord>) -> Result<RejectedFile, ImportError> {
        let file = File::create(&path).map_err(|error| failed(&path, error))?;
        let sink = match header {
            Some(header) => {
                let mut writer = csv::Writer::from_writer(file);
                let mut columns = header.clone();
                columns.push_field(reason_name(header.iter().any(|name| name == REASON)));
                writer.write_record(&columns).map_err(|error| failed(&path, error))?;
                Sink::Csv(Box::new(writer))
            }
            None => Sink::Jsonl(BufWriter::new(file)),
        };
        Ok(RejectedFile { path, sink })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes one bad row with its reason.
    pub fn write(&mut self, row: &Original, reason: &str) -> Result<(), ImportError> {
        let written = match (&mut self.sink, row) {
            (Sink::Csv(writer), Original::Csv(record)) => {
                let mut record = record.clone();
                record.push_field(reason);
                writer.write_record(&record).map_err(|error| error.to_string())
            }
            (Sink::Jsonl(writer), Original::Json(object)) => {
                let mut object = object.clone();
                let key = reason_name(object.contains_key(REASON));
                object.insert(key.to_owned(), Value::String(reason.to_owned()));
                serde_json::to_writer(&mut *writer, &object)
                    .map_err(|error| error.to_string())
                    .and_then(|()| writer.write_all(b"\n").map_err(|error| error.to_string()))
            }
            _ => Err("a row of one format was handed to the rejected file of the other".to_owned()),
        };
        written.map_err(|reason| ImportError::WriteRejected { path: self.path.clone(), reason })
    }

    /// Writes out everything buffered.
    pub fn finish(&mut self) -> Result<(), ImportError> {
        let flushed = match &mut self.sink {
            Sink::Csv(writer) => writer.flush(),
            Sink::Jsonl(writer) => writer.flush(),
        };
        flushed.map_err(|error| failed(&self.path, error))
    }

    /// Removes the file: the import it belonged to did not happen.
    pub fn discard(self) {
        let RejectedFile { path, sink } = self;
        drop(sink);
        // Nothing more can be done about a file that will not go away; the
        // import's own error is the one to report.
        let _ = std::fs::remove_file(path);
    }
}

fn reason_name(taken: bool) -> &'static str {
    if taken { REASON_BESIDE_ONE } else { REASON }
}

fn failed(path: &Path, error: impl std::fmt::Display) -> ImportError {
    ImportError::WriteRejected { path: path.to_owned(), reason: error.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rejected_file_sits_beside_the_input_in_its_format() {
        assert_eq!(
            rejected_path(Path::new("in/purchases.csv"), FileFormat::Csv),
            Path::new("in/purchases.rejected.csv")
        );
        assert_eq!(rejected_path(Path::new("t.ndjson"), FileFormat::Jsonl), Path::new("t.rejected.ndjson"));
        assert_eq!(rejected_path(Path::new("export"), FileFormat::Jsonl), Path::new("export.rejected.jsonl"));
    }
}

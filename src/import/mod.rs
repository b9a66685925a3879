//! File import: accounts, contacts, tickets, survey answers, purchases and
//! usage from CSV (with a header row) or JSONL (one JSON object per line),
//! written to the workspace in one transaction.
//!
//! A file is read row by row (`source`), each row's fields found through a
//! mapping (`mapping`, by default each field's own name), each value read
//! and checked (`cells`) into a model record (`records`) with its text made
//! safe, and the record written through the store's bulk writer after its
//! account is found and a copy already stored is ruled out (`importer`).
//!
//! A bad row stops the import, naming the file, line, column, value and fix;
//! the transaction is dropped, so nothing is written. With `skip_bad` every
//! good row is imported and every bad one goes to a rejected file beside
//! the input, with its reason (`rejected`). A file that cannot be read past
//! some line stops the import either way.
//!
//! This module reads files and writes through `store`; it knows nothing of
//! the terminal (the command line reports its summary).

mod cells;
mod error;
mod fields;
mod importer;
mod mapping;
mod records;
mod rejected;
mod rows;
mod source;

pub use error::ImportError;
pub use fields::ImportKind;
pub use mapping::Mapping;
pub use source::FileFormat;

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use importer::{Failure, Importer, Written};
use rejected::{RejectedFile, rejected_path};
use source::RowSource;

use crate::store::Store;

/// How often, in rows, progress is reported.
const PROGRESS_EVERY: u64 = 1_000;

/// One import, as the command line asks for it.
#[derive(Debug, Clone)]
pub struct ImportRequest<'a> {
    pub path: &'a Path,
    pub kind: ImportKind,
    /// `None`: from the file's extension.
    pub format: Option<FileFormat>,
    pub mapping: &'a Mapping,
    /// Import the good rows and write the bad ones to the rejected file.
    pub skip_bad: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub file: PathBuf,
    pub kind: ImportKind,
    pub imported: u64,
    /// Rows whose record the workspace already held.
    pub skipped_existing: u64,
    pub rejected: u64,
    /// Where the rejected rows are, when there are any.
    pub rejected_file: Option<PathBuf>,
    /// Columns of a CSV file that no field reads.
    pub ignored_columns: Vec<String>,
}

/// Imports one file into `store`. `progress` is told how many bytes of the
/// file have been read, now and then.
pub fn import(
    store: &mut Store,
    request: &ImportRequest<'_>,
    now: Timestamp,
    progress: &mut dyn FnMut(u64),
) -> Result<ImportSummary, ImportError> {
    let path = request.path;
    let format = request
        .format
        .or_else(|| FileFormat::of_path(path))
        .ok_or_else(|| ImportError::UnknownFormat { path: path.to_owned() })?;
    let mut rows = RowSource::open(path, format, request.kind, request.mapping)?;
    let file_name =
        path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into());
    let mut importer = Importer::new(store.bulk()?, request.kind, &file_name, now);
    let mut rejected = None;
    let mut summary = ImportSummary {
        file: path.to_owned(),
        kind: request.kind,
        imported: 0,
        skipped_existing: 0,
        rejected: 0,
        rejected_file: None,
        ignored_columns: rows.ignored_columns(),
    };
    let outcome =
        import_rows(&mut rows, &mut importer, request, format, &mut rejected, &mut summary, progress)
            .and_then(|()| match &mut rejected {
                Some(file) => file.finish(),
                None => Ok(()),
            })
            .and_then(|()| Ok(importer.commit()?));
    match outcome {
        Ok(()) => {
            summary.rejected_file = rejected.map(|file| file.path().to_owned());
            Ok(summary)
        }
        Err(error) => {
            if let Some(file) = rejected {
                file.discard();
            }
            Err(error)
        }
    }
}

fn import_rows(
    rows: &mut RowSource,
    importer: &mut Importer<'_>,
    request: &ImportRequest<'_>,
    format: FileFormat,
    rejected: &mut Option<RejectedFile>,
    summary: &mut ImportSummary,
    progress: &mut dyn FnMut(u64),
) -> Result<(), ImportError> {
    let rejected_path = rejected_path(request.path, format);
    while let Some(row) = rows.next_row()? {
        match importer.write(&row) {
            Ok(Written::New) => summary.imported += 1,
            Ok(Written::Existing) => summary.skipped_existing += 1,
            Err(Failure::Store(error)) => return Err(error.into()),
            Err(Failure::Bad(error)) => {
                let (column, place) = rows.place(error.field, error.origin.as_ref());
                if !request.skip_bad {
                    return Err(ImportError::BadRow {
                        path: request.path.to_owned(),
                        line: row.line,
                        column,
                        place,
                        reason: error.reason,
                        rejected: rejected_path,
                    });
                }
                let file = match rejected {
                    Some(file) => file,
                    None => rejected.insert(RejectedFile::create(rejected_path.clone(), rows.header())?),
                };
                file.write(&row.original, &format!("line {}: {place}: {}", row.line, error.reason))?;
                summary.rejected += 1;
            }
        }
        let done = summary.imported + summary.skipped_existing + summary.rejected;
        if done.is_multiple_of(PROGRESS_EVERY) {
            progress(rows.bytes_read());
        }
    }
    progress(rows.bytes_read());
    Ok(())
}

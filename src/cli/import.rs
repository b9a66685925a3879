//! `keepers import FILE --kind K`: imports a CSV or JSONL file and says what
//! happened — how many records came in, how many were already there, and
//! how many rows were set aside and where — as a sentence or as JSON. A bar
//! on stderr shows how far into the file the import is, when stderr is a
//! terminal.

use std::io::Write;

use indicatif::{ProgressBar, ProgressStyle};
use jiff::Timestamp;
use serde_json::json;

use super::CliError;
use super::report::print_json;
use crate::import::{self, ImportRequest, ImportSummary};
use crate::model::group_thousands;
use crate::store::Store;

pub fn run(
    store: &mut Store,
    request: &ImportRequest<'_>,
    now: Timestamp,
    json: bool,
) -> Result<(), CliError> {
    let size = std::fs::metadata(request.path).map_or(0, |metadata| metadata.len());
    // indicatif draws nothing when stderr is not a terminal.
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template("importing [{bar:40}] {bytes}/{total_bytes} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let imported = import::import(store, request, now, &mut |bytes| bar.set_position(bytes));
    bar.finish_and_clear();
    let summary = imported?;
    if !summary.ignored_columns.is_empty() {
        let columns: Vec<String> = summary.ignored_columns.iter().map(|name| format!("{name:?}")).collect();
        eprintln!(
            "keepers: note: no field reads the columns {}; map them with --map if they hold one",
            columns.join(", ")
        );
    }
    if json {
        print_json(&json!({
            "file": summary.file.display().to_string(),
            "kind": summary.kind.as_str(),
            "imported": summary.imported,
            "skipped_existing": summary.skipped_existing,
            "rejected": summary.rejected,
            "rejected_file": summary.rejected_file.as_ref().map(|path| path.display().to_string()),
            "ignored_columns": summary.ignored_columns,
        }))?;
    } else {
        writeln!(std::io::stdout(), "{}", sentence(&summary))?;
    }
    Ok(())
}

/// "Imported 1,204 purchases from purchases.csv; 3 rows rejected →
/// purchases.rejected.csv".
fn sentence(summary: &ImportSummary) -> String {
    let mut text =
        format!("Imported {} from {}", summary.kind.count_text(summary.imported), summary.file.display());
    if summary.skipped_existing > 0 {
        text.push_str(&format!(
            "; {} already in the workspace, skipped",
            group_thousands(summary.skipped_existing)
        ));
    }
    if let Some(rejected) = &summary.rejected_file {
        let rows = if summary.rejected == 1 { "row" } else { "rows" };
        text.push_str(&format!(
            "; {} {rows} rejected → {}",
            group_thousands(summary.rejected),
            rejected.display()
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::import::ImportKind;

    #[test]
    fn the_sentence_counts_what_came_in_what_was_there_and_what_was_set_aside() {
        let mut summary = ImportSummary {
            file: PathBuf::from("purchases.csv"),
            kind: ImportKind::Purchases,
            imported: 1_204,
            skipped_existing: 0,
            rejected: 3,
            rejected_file: Some(PathBuf::from("purchases.rejected.csv")),
            ignored_columns: Vec::new(),
        };
        assert_eq!(
            sentence(&summary),
            "Imported 1,204 purchases from purchases.csv; 3 rows rejected → purchases.rejected.csv"
        );
        summary.skipped_existing = 2;
        summary.rejected = 0;
        summary.rejected_file = None;
        assert_eq!(
            sentence(&summary),
            "Imported 1,204 purchases from purchases.csv; 2 already in the workspace, skipped"
        );
    }
}

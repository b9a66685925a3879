//! Where a record came from, and its id there.

use super::SafeText;
use super::vocabulary::vocabulary;

vocabulary! {
    /// A system records are read from (or created in).
    Source, "source" {
        Zendesk = "zendesk",
        Hubspot = "hubspot",
        Freshdesk = "freshdesk",
        /// A CSV or JSONL file import.
        File = "file" | "csv" | "jsonl",
        /// The generated demo workspace.
        Demo = "demo",
        /// Made in keepers itself and not (yet) in any backend.
        Local = "local",
    }
}

/// A record's id in one backend; (source, id) is unique per kind of record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExternalRef {
    pub source: Source,
    pub id: SafeText,
}

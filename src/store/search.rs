//! Reading what the search box searches: every account, contact, ticket
//! subject and note, as one [`SearchIndex`].
//!
//! The rows go straight into the index's arena rather than through a
//! `Vec<Candidate>`, which at 1.5M candidates would hold a second copy of
//! every text, each in its own allocation. Every text is sanitised again on
//! the way out, so an escape sequence written into the file by hand never
//! reaches the screen through a search hit.

use super::row_reader::{RowKey, RowReader};
use super::{Store, StoreError};
use crate::model::{AccountId, FieldCap, SafeText};
use crate::search::{SearchIndex, SearchKind};

/// How much of a note's first line a hit shows and matches.
const NOTE_LINE_CAP: FieldCap = FieldCap(120);

/// The SELECT of each kind: the record's id, its account's id and its text.
const SEARCH_SOURCES: [(SearchKind, &str, &str); 4] = [
    (SearchKind::Account, "accounts", "SELECT id, id, name, domain FROM accounts ORDER BY id"),
    (SearchKind::Contact, "contacts", "SELECT id, account_id, name, email FROM contacts ORDER BY id"),
    (SearchKind::Ticket, "tickets", "SELECT id, account_id, subject FROM tickets ORDER BY id"),
    (SearchKind::Note, "notes", "SELECT id, account_id, body FROM notes ORDER BY id"),
];

impl Store {
    /// Every searchable record, accounts first, then contacts, tickets and
    /// notes, each in id order.
    pub fn search_index(&self) -> Result<SearchIndex, StoreError> {
        let mut index = SearchIndex::new();
        for (kind, table, sql) in SEARCH_SOURCES {
            let mut statement = self.connection.prepare(sql)?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                let reader = RowReader::new(row, table, RowKey::Id);
                let text = search_text(kind, &reader)?;
                index.push(kind, reader.int(0, "id")?, AccountId(reader.int(1, "account_id")?), &text);
            }
        }
        index.shrink_to_fit();
        Ok(index)
    }
}

/// The text a hit of `kind` shows: "name  domain" for an account, "name
/// email" for a contact, the subject of a ticket, a note's first line.
fn search_text(kind: SearchKind, reader: &RowReader<'_, '_>) -> Result<String, StoreError> {
    Ok(match kind {
        SearchKind::Account => {
            let name = reader.line(2, "name", FieldCap::NAME)?;
            let domain = reader.line(3, "domain", FieldCap::TOKEN)?;
            format!("{name}  {domain}")
        }
        SearchKind::Contact => {
            let name = reader.line(2, "name", FieldCap::NAME)?;
            let email = reader.line(3, "email", FieldCap::TOKEN)?;
            format!("{name}  {email}")
        }
        SearchKind::Ticket => reader.line(2, "subject", FieldCap::SUBJECT)?.into_string(),
        SearchKind::Note => {
            // Sanitised whole first, so an escape sequence cut by a line
            // break cannot leave half of itself in the first line.
            let body = reader.multiline(2, "body", FieldCap::COMMENT)?;
            let first_line = body.lines().find(|line| !line.trim().is_empty()).unwrap_or_default();
            SafeText::line(first_line, NOTE_LINE_CAP).into_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::CandidateRef;

    fn store_with_hostile_text() -> Store {
        let store = Store::open_in_memory().expect("an in-memory store");
        store
            .connection
            .execute_batch(
                "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, \
                 stage, created_at) VALUES ('Acme\u{1b}]52;c;aGk=\u{7} GmbH', 'acme', 'acme.de', '', 0, \
                 'EUR', '', 'retention', 0);
                 INSERT INTO contacts (account_id, name, email, role, champion) \
                 VALUES (1, 'Jane\u{202e} Roe', 'jane@acme.de', '', 0);
                 INSERT INTO tickets (account_id, subject, status, priority, assignee, channel, \
                 created_at, updated_at) VALUES (1, 'Invoice\u{1b}[2J missing', 'open', 'normal', '', \
                 'email', 0, 0);
                 INSERT INTO notes (account_id, author, body, created_at) \
                 VALUES (1, 'me', '\n  \nCalled about the renewal\u{1b}[31m\nSecond line', 0);",
            )
            .expect("the rows insert");
        store
    }

    #[test]
    fn every_kind_is_read_with_its_account_and_sanitised_text() {
        let index = store_with_hostile_text().search_index().expect("the index reads");
        let candidates: Vec<CandidateRef<'_>> = index.iter().collect();
        let expected = [
            (SearchKind::Account, "Acme GmbH  acme.de"),
            (SearchKind::Contact, "Jane Roe  jane@acme.de"),
            (SearchKind::Ticket, "Invoice missing"),
            (SearchKind::Note, "Called about the renewal"),
        ];
        assert_eq!(candidates.len(), expected.len());
        for (candidate, (kind, text)) in candidates.iter().zip(expected) {
            assert_eq!((candidate.kind, candidate.text), (kind, text));
            assert_eq!((candidate.record, candidate.account), (1, AccountId(1)));
        }
    }

    #[test]
    fn a_long_note_line_is_cut() {
        let store = Store::open_in_memory().expect("an in-memory store");
        store
            .connection
            .execute_batch(&format!(
                "INSERT INTO accounts (name, name_sort_key, domain, plan, mrr_minor, mrr_currency, owner, \
                 stage, created_at) VALUES ('A', 'a', 'a.example', '', 0, 'EUR', '', 'retention', 0);
                 INSERT INTO notes (account_id, author, body, created_at) VALUES (1, 'me', '{}', 0);",
                "word ".repeat(100)
            ))
            .expect("the rows insert");
        let index = store.search_index().expect("the index reads");
        let note = index.get(1).text;
        assert_eq!(note.chars().count(), NOTE_LINE_CAP.0);
        assert!(note.ends_with('…'));
    }
}

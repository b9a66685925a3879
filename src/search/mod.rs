//! The fuzzy search behind the console's search box (Ctrl-K): one ranked
//! list across accounts, contacts, ticket subjects and notes, grouped by
//! kind, with the matched characters of every hit for highlighting.
//!
//! Pure: no SQL, no I/O, no clock. The store fills a [`SearchIndex`] (one
//! text arena for every candidate, so 1.5M candidates cost a few tens of
//! bytes each beyond their text); a [`Search`] runs one query over it in
//! steps of as many candidates as the caller likes, so a worker can answer
//! within a frame, show the best hits so far and drop a query the user has
//! already typed past. Matching and scoring are nucleo-matcher's, with its
//! pattern syntax (words, `'exact`, `^prefix`, `suffix$`, `!not`), smart case
//! and smart Unicode normalisation.
//!
//! - `index`: the candidates, their text arena and a character-set mask per
//!   candidate that lets a scan skip strings lacking the query's characters;
//! - `scan`: [`Search`], its bounded per-kind ranking and the narrowing of a
//!   finished search when the query only grew ([`Search::refine`]).

mod index;
mod scan;

pub use index::{CandidateRef, SearchIndex};
pub use scan::{Search, SearchProgress};

use crate::model::AccountId;

/// What a candidate is; the order of the variants is the order in which the
/// groups of hits are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SearchKind {
    Account,
    Contact,
    Ticket,
    Note,
}

impl SearchKind {
    /// Every kind, in display order.
    pub const ALL: [SearchKind; 4] =
        [SearchKind::Account, SearchKind::Contact, SearchKind::Ticket, SearchKind::Note];
}

/// One searchable record: the text is what is matched and what is shown
/// (e.g. "Acme GmbH  acme.de" for an account).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub kind: SearchKind,
    /// The record's id in its own table (account, contact, ticket or note).
    pub record: i64,
    pub account: AccountId,
    pub text: String,
}

/// One result of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: SearchKind,
    pub record: i64,
    pub account: AccountId,
    pub text: String,
    /// nucleo's score; higher is better.
    pub score: u32,
    /// The char indices (into `text.chars()`) of the matched characters,
    /// ascending. nucleo matches whole grapheme clusters: a matched cluster
    /// is given by the index of its first char.
    pub indices: Vec<u32>,
}

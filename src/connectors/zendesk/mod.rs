//! Zendesk: organizations, end users, tickets, their comments and
//! satisfaction ratings, read from Zendesk's REST API.
//!
//! `decode` is the pure half: turning the JSON body of each endpoint keepers
//! reads into connector records and the cursor that follows them, so every
//! rule about Zendesk's data is tested on bodies alone. `client` asks for
//! the pages (the shared HTTP client, with the API token), and `sync`
//! schedules them.
//!
//! | endpoint | records | paging |
//! |---|---|---|
//! | `/api/v2/incremental/tickets/cursor.json` | tickets | `after_cursor`, `end_of_stream` |
//! | `/api/v2/organizations.json` | accounts | `meta.has_more`, `meta.after_cursor` |
//! | `/api/v2/users.json` | contacts (end users only) | the same |
//! | `/api/v2/satisfaction_ratings.json` | good/bad survey answers | the same |
//! | `/api/v2/tickets/{id}/comments.json?include=users` | one ticket's comments | the same |
//!
//! Every string is sanitised into `SafeText` here, once; a body that cannot
//! be read is a [`DecodeError`] naming the endpoint, the record and the
//! field, and its page is not written.

mod client;
mod decode;
#[cfg(test)]
mod decode_tests;
mod reader;

pub use client::{Zendesk, ZendeskConfig};
pub use decode::{
    CommentPage, decode_comments, decode_organizations, decode_satisfaction_ratings, decode_ticket_export,
    decode_users,
};
pub use reader::{DecodeError, Endpoint, Place};

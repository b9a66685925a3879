//! Freshdesk: companies, contacts, tickets, their conversations and
//! satisfaction ratings, read from Freshdesk's API v2 with an API key.
//!
//! `decode` is the pure half: turning the JSON body of each endpoint keepers
//! reads into connector records and the cursor that follows them, so every
//! rule about Freshdesk's data is tested on bodies alone; `window` is where
//! the ticket listing goes next. `client` asks for the pages (the shared
//! HTTP client, with the API key), and `sync` schedules them.
//!
//! | endpoint | records | paging |
//! |---|---|---|
//! | `/api/v2/companies` | accounts | `page`, to the end at each sync |
//! | `/api/v2/contacts` | contacts | the same |
//! | `/api/v2/tickets?updated_since=…&order_by=updated_at&order_type=asc` | tickets | `updated_since` windows and `page`: cursor `2026-03-01T10:00:00Z\|4` |
//! | `/api/v2/surveys/satisfaction_ratings?created_since=…` | CSAT answers | `page`, to the end at each sync |
//! | `/api/v2/tickets/{id}/conversations` | one ticket's replies and notes | `page` |
//!
//! Every page asks for 100 records, Freshdesk's most. Every string is
//! sanitised into `SafeText` here, once; a body that cannot be read is a
//! [`DecodeError`] naming the endpoint, the record and the field, and its
//! page is not written.

mod client;
mod decode;
#[cfg(test)]
mod decode_tests;
mod reader;
mod window;

pub use client::{Freshdesk, FreshdeskConfig};
pub use decode::{
    decode_companies, decode_contacts, decode_conversations, decode_satisfaction_ratings, decode_tickets,
};
pub use reader::{DecodeError, Endpoint, Place};
pub use window::{CursorError, PAGE_CAP, PER_PAGE, TicketWindow};

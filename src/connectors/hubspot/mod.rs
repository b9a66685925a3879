//! HubSpot: companies, contacts, won deals, tickets, survey answers and the
//! notes, calls, e-mails and meetings logged on them, read from HubSpot's
//! CRM v3 API with a private app's access token.
//!
//! `decode` is the pure half: turning each list body into connector records
//! and the cursor that follows them, so every rule about HubSpot's data is
//! tested on bodies alone. `client` asks for the pages (the shared HTTP
//! client, with the bearer token), and `sync` schedules them. `push` builds
//! the notes, tasks and calls keepers' actions create in HubSpot.
//!
//! | endpoint | records | paging |
//! |---|---|---|
//! | `/crm/v3/objects/companies` | accounts | `after`, `paging.next.after` |
//! | `/crm/v3/objects/contacts` | contacts | the same |
//! | `/crm/v3/objects/deals` | purchases (won deals) | the same |
//! | `/crm/v3/objects/tickets` | tickets | the same |
//! | `/crm/v3/objects/feedback_submissions` | NPS, CSAT, CES answers | the same |
//! | `/crm/v3/objects/{notes,calls,emails,meetings}` | activities | the same |
//! | `/account-info/v3/details` | the portal's id and currency | — |
//!
//! Every string is sanitised into `SafeText` here, once; a body that cannot
//! be read is a [`DecodeError`] naming the endpoint, the record and the
//! field, and its page is not written.

mod client;
mod decode;
#[cfg(test)]
mod decode_tests;
mod push;
mod reader;
mod search;

pub use client::{HubSpot, HubSpotConfig};
pub use decode::{
    decode_companies, decode_contacts, decode_deals, decode_engagements, decode_feedback_submissions,
    decode_tickets,
};
pub use push::PUSHED_ACTIONS;
pub use reader::{CrmObject, DecodeError, Place};

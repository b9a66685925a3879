//! Sync: moving records between the backends and the store in the
//! background — pulling pages of records in, and pushing outbox items out
//! with retries — so that the UI never waits on the network.
//!
//! Sync uses connectors (which say what happened to one request) and the
//! store; it decides when to try again and what to record. It never touches
//! State or the terminal: the UI hears of progress through a channel.

pub mod backoff;
pub mod fetch;
pub mod pull;
pub mod pusher;

//! One module per screen; each draws into the body area it is given.

pub mod account;
pub mod accounts;
pub mod dashboard;
pub mod form;
pub mod help;
pub mod outbox;
pub mod palette;
pub mod queues;
pub mod search;
pub mod tasks;
pub mod ticket;

//! The queue filter language: what a user types after `/` on any queue, and
//! how queues are defined in config —
//! `health < 50 and renewal < 90d and plan:enterprise owner:me`.
//!
//! Pure: text in, a typed syntax tree out, with no SQL, no I/O and no clock
//! (relative dates are resolved against the [`FilterContext`] passed in).
//! The store translates a [`Filter`] into SQL (`store::filter`); this module
//! only says what it means.
//!
//! - `lexer` reads tokens with their columns, `parser` the grammar (written
//!   out in its module doc), `condition` checks each value against its
//!   field's kind;
//! - `fields` is the catalog of fields: names, aliases, kinds, descriptions;
//! - `ast` is the tree and its canonical text (`Display`), which parses back
//!   to the same tree, for saving a filter as a named queue;
//! - `dates` reads `90d`, `12w` and `2026-12-31` and turns a date comparison
//!   into a range as of now; `amount` compares decimal MRR with minor units;
//! - `error` and `suggest`: every mistake names its column and, where one is
//!   close, the field, operator or value that was probably meant.

mod amount;
mod ast;
mod condition;
mod context;
mod dates;
mod error;
mod fields;
mod lexer;
mod parser;
mod suggest;

#[cfg(test)]
mod tests;

pub use amount::{Amount, MinorBound};
pub use ast::{
    Comparison, Condition, Equality, Filter, KeywordField, NumberField, Owner, TextField, TextTest,
};
pub use context::FilterContext;
pub use dates::{
    DateField, DateRange, DateScale, DateValue, Duration, DurationUnit, Facing, MAX_DURATION_DAYS,
};
pub use error::QueryError;
pub use fields::{FIELDS, FieldKind, FieldSpec, field_named};
pub use parser::parse;

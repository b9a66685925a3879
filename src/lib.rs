//! keepers: a keyboard-first terminal console for support agents and
//! customer-success managers.
//!
//! Data flows one way: connectors → sync → store → (effects) → State → ui.
//! Keys flow the other: terminal event → keymap → Action → update → effects.
//! A module may use those to its left in that chain, never those to its right.
//! `demo` writes generated data into the store, and `import` the records
//! of CSV and JSONL files; `console` runs the terminal
//! loop; `cli` parses the command line and calls the rest. `metrics` and
//! `playbooks` are pure: they are handed records and the time, and return
//! numbers or planned tasks.

pub mod app;
pub mod cli;
pub mod config;
pub mod connectors;
pub mod console;
pub mod demo;
pub mod import;
pub mod metrics;
pub mod model;
pub mod playbooks;
pub mod query;
pub mod search;
pub mod store;
pub mod sync;
pub mod ui;

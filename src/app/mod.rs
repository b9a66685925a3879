//! The application core: [`State`], the [`Action`]s that change it, and
//! [`update`], which applies an action and returns the [`Effect`]s the
//! runtime must carry out (loads from the store).
//!
//! This module has no terminal, no SQL and no HTTP: it is driven by plain
//! values and tested without any of them. Keys arrive as [`keys::Key`] and are
//! resolved through the [`keymap::Keymap`] (the [`commands`] registry's
//! defaults with the user's overrides) or typed on the `:` command line;
//! slow work is requested as an effect whose result comes back as an action
//! carrying the generation it was asked with, and a result older than the
//! newest request is dropped.

pub mod account_tabs;
mod command_line;
pub mod commands;
pub mod form;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod palette;
mod state;
pub mod suggest;
pub mod ticket;
mod update;

pub use state::{
    AccountDetail, AccountHealth, AccountList, AccountRows, AppliedFilter, ColumnWidths, DashboardLoad,
    DashboardScreen, DetailView, Drill, Notice, Prompt, PromptKind, QueueEntry, QueueLoad, QueueScreen,
    QueueWidths, RiskReason, Screen, SearchBox, SourceStatus, SourceSync, State, SyncActivity, TaskView,
    TasksScreen,
};
pub use update::{
    ActReport, Action, Effect, LinkOutcome, LinkTemplates, OutboxLoad, Outcome, SavedQueue, SearchAnswer,
    start, update,
};

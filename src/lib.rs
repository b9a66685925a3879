//! keepers: a keyboard-first terminal console for support agents and
//! customer-success managers.
//!
//! Data flows one way: connectors → sync → store → (effects) → State → ui.
//! Keys flow the other: terminal event → keymap → Action → update → effects.
//! A module may use those to its left in that chain, never those to its right.

pub mod metrics;
pub mod model;

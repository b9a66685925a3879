//! What a filter is evaluated against: the instant relative dates count
//! from, who `me` is, and the health bands `band:` reads.

use jiff::Timestamp;

use crate::metrics::health::Bands;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterContext {
    /// Relative dates (`90d`) count from here; "today" is its UTC day.
    pub now: Timestamp,
    /// The user's name as the `owner` field holds it: `owner:me` matches it.
    pub me: String,
    /// The score ranges of `band:poor`, `band:fair` and `band:good`.
    pub bands: Bands,
}

impl FilterContext {
    /// A context with the default bands (poor 0–49, fair 50–74, good 75–100);
    /// set `bands` from health.toml where it differs.
    pub fn new(now: Timestamp, me: impl Into<String>) -> FilterContext {
        FilterContext { now, me: me.into(), bands: Bands::default() }
    }
}

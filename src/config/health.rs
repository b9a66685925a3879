//! `health.toml`: the health score's components, weights, scales and bands,
//! and the churn-risk rules and level cut-offs, read into the pure models of
//! [`crate::metrics::health`] and [`crate::metrics::risk`].
//!
//! Like `keepers.toml`: the commented file `config/health.toml` in the
//! source tree is compiled in and documents the defaults, and
//! [`HealthConfig::default`] equals it (a test checks). A user's file
//! overrides the defaults setting by setting — a file that sets one weight
//! changes that weight only — except `stage_scores`, which is replaced as a
//! whole so that a stage can be left unscored. Every mistake is an error
//! that names the file, the line and the column and says what to write
//! instead: unknown names (with the nearest valid one), values of the wrong
//! type or out of range, negative weights, weights that all come to 0,
//! bands with gaps or overlaps, cut-offs out of order.
//!
//! Reads text only; where the file lives is the caller's business.

mod components;
mod reader;
mod rules;
#[cfg(test)]
mod tests;

use std::path::Path;

use toml::de::DeTable;

use super::{ConfigError, line_and_column};
use crate::metrics::{HealthModel, RiskModel};
use reader::Doc;

/// The commented default health model, as shipped.
pub const DEFAULT_HEALTH_CONFIG: &str = include_str!("../../config/health.toml");

/// The health model and the risk model, as configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthConfig {
    pub health: HealthModel,
    pub risk: RiskModel,
}

/// The top-level tables of `health.toml`.
#[derive(Debug, Clone, Copy)]
enum Section {
    Bands,
    Components,
    Risk,
}

impl HealthConfig {
    /// Reads `path`. A missing file at the default location means the
    /// defaults; a missing file named explicitly is an error.
    pub fn load(path: &Path, explicit: bool) -> Result<HealthConfig, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => HealthConfig::parse(&text, path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && !explicit => {
                Ok(HealthConfig::default())
            }
            Err(source) => Err(ConfigError::Read { path: path.to_owned(), source }),
        }
    }

    /// Parses `health.toml` text over the defaults; `path` is only used in
    /// error messages.
    pub fn parse(text: &str, path: &Path) -> Result<HealthConfig, ConfigError> {
        let root = DeTable::parse(text).map_err(|error| {
            let (line, column) = error.span().map_or((1, 1), |span| line_and_column(text, span.start));
            ConfigError::Invalid { path: path.to_owned(), line, column, message: error.message().to_owned() }
        })?;
        let doc = Doc { text, path };
        let mut config = HealthConfig::default();
        let sections =
            [("bands", Section::Bands), ("components", Section::Components), ("risk", Section::Risk)];
        for (key, value) in Doc::entries(root.get_ref()) {
            match doc.name(key, &sections, "section")? {
                Section::Bands => components::read_bands(&doc, key, value, &mut config.health.bands)?,
                Section::Components => components::read_components(&doc, key, value, &mut config.health)?,
                Section::Risk => rules::read_risk(&doc, key, value, &mut config.risk)?,
            }
        }
        Ok(config)
    }
}

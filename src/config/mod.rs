//! Configuration: `keepers.toml`, its defaults, and where files live.
//!
//! The commented file `config/keepers.toml` in the source tree is the
//! default configuration itself (it is compiled in), so the documented
//! defaults and the real ones cannot drift apart. A user's file may leave out
//! anything; unknown keys and wrong types are errors that name the file, the
//! line and the column.

pub mod credentials;
pub mod health;
pub mod keymap;
mod paths;
pub mod playbooks;
pub mod queues;
pub mod saved_queue;

pub use paths::Paths;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::connectors::{PushConfig, SourceConfig};
use crate::metrics::portfolio::LtvSettings;
use crate::metrics::{CustomerCosts, LtvVariant};
use crate::model::{Currency, Money, MoneyError};

/// The commented default configuration, as shipped.
pub const DEFAULT_CONFIG: &str = include_str!("../../config/keepers.toml");

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub user: UserConfig,
    pub workspace: WorkspaceConfig,
    pub demo: DemoConfig,
    pub metrics: MetricsConfig,
    pub log: LogConfig,
    pub console: ConsoleConfig,
    pub links: LinksConfig,
    /// Where actions are pushed; without it they stay in the workspace.
    pub push: Option<PushConfig>,
    /// The backends records are read from (`[[source]]`).
    pub source: Vec<SourceConfig>,
}

/// The web pages `o` opens for a record, as templates: `{id}` is keepers'
/// id, `{external_id}` the backend's, `{domain}` the account's domain. An
/// empty template means the record has no page.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct LinksConfig {
    pub account: String,
    pub ticket: String,
}

impl Default for LinksConfig {
    fn default() -> LinksConfig {
        LinksConfig { account: "https://{domain}".to_owned(), ticket: String::new() }
    }
}

/// The placeholders a link template may use.
pub const LINK_PLACEHOLDERS: [&str; 3] = ["id", "external_id", "domain"];

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct UserConfig {
    /// The user's name as accounts' owner field holds it, for `owner:me`.
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct WorkspaceConfig {
    pub path: Option<PathBuf>,
    /// Nothing that changes the workspace is offered or run (`--read-only`).
    pub read_only: bool,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct DemoConfig {
    pub seed: u64,
    pub accounts: usize,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig { seed: 42, accounts: 2_000 }
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    pub ltv: LtvChoice,
    /// Per-customer acquisition and retention costs, by currency code.
    pub customer_costs: BTreeMap<String, CostsConfig>,
    /// `ltv` and `customer_costs`, checked and in minor units.
    #[serde(skip)]
    pub ltv_settings: LtvSettings,
}

impl MetricsConfig {
    /// Checks the costs and converts them; an error names the currency key.
    fn checked_ltv_settings(&self) -> Result<LtvSettings, (String, String)> {
        let mut costs = BTreeMap::new();
        for (code, amounts) in &self.customer_costs {
            let currency: Currency =
                code.parse().map_err(|error: MoneyError| (code.clone(), error.to_string()))?;
            let amount = |field: &str, text: &str| {
                let text = if text.trim().is_empty() { "0" } else { text };
                Money::parse(text, currency)
                    .map(|money| money.minor)
                    .map_err(|error| (code.clone(), format!("{field}: {error}")))
            };
            costs.insert(
                currency,
                CustomerCosts {
                    acquisition_minor: amount("acquisition", &amounts.acquisition)?,
                    retention_minor: amount("retention", &amounts.retention)?,
                },
            );
        }
        let variant = match self.ltv {
            LtvChoice::TotalSpend => LtvVariant::TotalSpend,
            LtvChoice::SpendTimesMargin => LtvVariant::SpendTimesGrossMargin,
            LtvChoice::AverageOrderTimesPurchases => LtvVariant::AverageOrderTimesPurchases,
            LtvChoice::SpendLessCosts => LtvVariant::SpendLessCosts,
        };
        Ok(LtvSettings { variant, costs })
    }
}

/// The LTV variants of DOMAIN.md, as the config file names them.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LtvChoice {
    #[default]
    TotalSpend,
    SpendTimesMargin,
    AverageOrderTimesPurchases,
    SpendLessCosts,
}

/// Decimal amounts in the currency they are listed under.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct CostsConfig {
    pub acquisition: String,
    pub retention: String,
}

/// How the console looks and takes input; `--theme`, `--ascii` and
/// `--no-mouse` override these.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct ConsoleConfig {
    pub theme: ThemeName,
    /// ASCII borders, arrows and marks for terminals without box drawing.
    pub ascii: bool,
    /// Clicks select and the wheel scrolls; off leaves the mouse to the
    /// terminal's own text selection.
    pub mouse: bool,
}

impl Default for ConsoleConfig {
    fn default() -> ConsoleConfig {
        ConsoleConfig { theme: ThemeName::default(), ascii: false, mouse: true }
    }
}

/// The console's colour themes, as the config file and `--theme` name them.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Light text on a dark background.
    #[default]
    Dark,
    /// Dark text on a white background.
    Light,
    /// Only the terminal's 16 colours, so its own palette applies.
    Terminal,
    /// No colour: bold, underline and reverse video (what NO_COLOR gives).
    Mono,
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Terminal => "terminal",
            ThemeName::Mono => "mono",
        })
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    pub level: LogLevel,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    Error,
    Warn,
    #[default]
    Info,
    Debug,
    Trace,
}

impl fmt::Display for LogLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
            LogLevel::Trace => "trace",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error(
        "{}:{line}:{column}: {message}\n  fix that line (`keepers config --default --file keepers|health|keymap|queues|playbooks` shows every setting with its default)",
        path.display()
    )]
    Invalid { path: PathBuf, line: usize, column: usize, message: String },
    #[error(
        "cannot find a home directory to keep keepers' files in: set HOME, or pass --workspace and --config"
    )]
    NoHome,
    /// A file that says where keepers' credentials come from can be read by
    /// other users (DESIGN.md, "Credentials").
    #[error(
        "{} configures backends and their credentials, and other users can read it (mode {mode:o}); \
         fix it with: chmod 600 {}",
        path.display(),
        path.display()
    )]
    OpenToOthers { path: PathBuf, mode: u32 },
}

/// A configuration with backends (`[push]`, `[[source]]`) names where their
/// secrets come from — a command, a file, a keyring entry — and so, like a
/// secrets file, must be readable by its owner only.
fn refuse_if_open(config: &Config, path: &Path) -> Result<(), ConfigError> {
    use std::os::unix::fs::PermissionsExt;
    if config.push.is_none() && config.source.is_empty() {
        return Ok(());
    }
    let mode = std::fs::metadata(path)
        .map_err(|source| ConfigError::Read { path: path.to_owned(), source })?
        .permissions()
        .mode()
        & 0o777;
    if mode & 0o077 != 0 {
        return Err(ConfigError::OpenToOthers { path: path.to_owned(), mode });
    }
    Ok(())
}

/// The first `{name}` in a template that is not a link placeholder.
fn unknown_placeholder(template: &str) -> Option<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .find(|name| !LINK_PLACEHOLDERS.contains(name))
}

impl Config {
    /// Reads `path` (or `--config`'s file). A missing file at the default
    /// location means the defaults; a missing file named explicitly is an error.
    pub fn load(path: &Path, explicit: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let config = Config::parse(&text, path)?;
                refuse_if_open(&config, path)?;
                Ok(config)
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && !explicit => Ok(Config::default()),
            Err(source) => Err(ConfigError::Read { path: path.to_owned(), source }),
        }
    }

    /// Parses configuration text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|error| {
            let (line, column) = error.span().map_or((1, 1), |span| line_and_column(text, span.start));
            ConfigError::Invalid { path: path.to_owned(), line, column, message: error.message().to_owned() }
        })?;
        if config.demo.accounts == 0 {
            let (line, column) = find_key(text, "accounts");
            return Err(ConfigError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message: "demo.accounts must be at least 1".to_owned(),
            });
        }
        config.metrics.ltv_settings = config.metrics.checked_ltv_settings().map_err(|(key, message)| {
            let (line, column) = find_key(text, &format!("[metrics.customer_costs.{key}]"));
            ConfigError::Invalid { path: path.to_owned(), line, column, message }
        })?;
        for (key, template) in [("account", &config.links.account), ("ticket", &config.links.ticket)] {
            if let Some(unknown) = unknown_placeholder(template) {
                let (line, column) = find_key(text, key);
                return Err(ConfigError::Invalid {
                    path: path.to_owned(),
                    line,
                    column,
                    message: format!(
                        "links.{key} has the placeholder {{{unknown}}}: use {}",
                        LINK_PLACEHOLDERS.map(|name| format!("{{{name}}}")).join(", ")
                    ),
                });
            }
        }
        Ok(config)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where a key (`accounts`, so not `accounts_max`) or a table header
/// (`[metrics]`) is set, for errors found after parsing.
fn find_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| key.starts_with('[') || rest.trim_start().starts_with('='))
        })
        .map_or((1, 1), |(index, line)| (index + 1, line.len() - line.trim_start().len() + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_with_an_unknown_placeholder_names_its_line() {
        let error =
            parse("[demo]\naccounts = 5\n[links]\naccount = \"https://crm/{acount_id}\"\n").unwrap_err();
        assert_eq!(
            error.to_string().lines().next(),
            Some(
                "keepers.toml:4:1: links.account has the placeholder {acount_id}: use {id}, {external_id}, {domain}"
            )
        );
        let config =
            parse("[links]\nticket = \"https://x.zendesk.com/agent/tickets/{external_id}\"\n").unwrap();
        assert_eq!(config.links.account, "https://{domain}", "the default stays");
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("keepers.toml"))
    }

    #[test]
    fn the_shipped_file_is_the_default() {
        assert_eq!(parse(DEFAULT_CONFIG).unwrap(), Config::default());
    }

    #[test]
    fn an_empty_file_means_every_default() {
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn settings_are_read() {
        let config =
            parse("[workspace]\npath = \"/tmp/x.db\"\n[demo]\nseed = 7\n[log]\nlevel = \"debug\"\n").unwrap();
        assert_eq!(config.workspace.path, Some(PathBuf::from("/tmp/x.db")));
        assert_eq!(config.demo.seed, 7);
        assert_eq!(config.demo.accounts, 2_000);
        assert_eq!(config.log.level, LogLevel::Debug);
    }

    #[test]
    fn an_unknown_key_names_file_line_and_column() {
        let error = parse("[demo]\nseed = 1\n  acounts = 5\n").unwrap_err().to_string();
        assert!(error.starts_with("keepers.toml:3:3: "), "{error}");
        assert!(error.contains("acounts") && error.contains("accounts"), "{error}");
    }

    #[test]
    fn a_wrong_type_names_the_line() {
        let error = parse("[log]\nlevel = \"loud\"\n").unwrap_err().to_string();
        assert!(error.starts_with("keepers.toml:2:9: "), "{error}");
        assert!(error.contains("loud"), "{error}");
    }

    #[test]
    fn broken_syntax_names_the_line() {
        let error = parse("[demo\nseed = 1\n").unwrap_err().to_string();
        assert!(error.starts_with("keepers.toml:1:"), "{error}");
    }

    #[test]
    fn customer_costs_are_read_per_currency() {
        let config = parse(
            "[metrics]\nltv = \"spend-less-costs\"\n[metrics.customer_costs.EUR]\nacquisition = \"120.50\"\n",
        )
        .unwrap();
        let settings = &config.metrics.ltv_settings;
        assert_eq!(settings.variant, LtvVariant::SpendLessCosts);
        assert_eq!(
            settings.costs[&Currency::EUR],
            CustomerCosts { acquisition_minor: 12_050, retention_minor: 0 }
        );
    }

    #[test]
    fn a_bad_cost_names_its_currency_table_and_line() {
        let error = parse("[metrics]\n\n[metrics.customer_costs.USD]\nretention = \"ten\"\n")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("keepers.toml:3:1: retention:"), "{error}");
        let error = parse("[metrics.customer_costs.DOLLARS]\nretention = \"1\"\n").unwrap_err().to_string();
        assert!(error.starts_with("keepers.toml:1:1:") && error.contains("DOLLARS"), "{error}");
        let error = parse("[metrics]\nltv = \"clv\"\n").unwrap_err().to_string();
        assert!(error.starts_with("keepers.toml:2:7:") && error.contains("total-spend"), "{error}");
    }

    #[test]
    fn console_settings_are_read() {
        let config = parse("[console]\ntheme = \"terminal\"\nascii = true\nmouse = false\n").unwrap();
        assert_eq!(config.console, ConsoleConfig { theme: ThemeName::Terminal, ascii: true, mouse: false });
        assert_eq!(
            parse("").unwrap().console,
            ConsoleConfig { theme: ThemeName::Dark, ascii: false, mouse: true }
        );
    }

    #[test]
    fn an_unknown_theme_names_its_line_and_the_themes_there_are() {
        let error = parse("[console]\n\ntheme = \"solarized\"\n").unwrap_err().to_string();
        assert!(error.starts_with("keepers.toml:3:9: "), "{error}");
        for name in ["solarized", "dark", "light", "terminal", "mono"] {
            assert!(error.contains(name), "{error}");
        }
    }

    #[test]
    fn zero_demo_accounts_is_refused_with_its_line() {
        let error = parse("[demo]\naccounts = 0\n").unwrap_err().to_string();
        assert!(error.starts_with("keepers.toml:2:1: demo.accounts"), "{error}");
    }
}
